package io.connectionhub.tenant;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class TenantAdminResourceIT extends TenantAdminResourceTest {
}
