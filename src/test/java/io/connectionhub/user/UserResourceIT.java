package io.connectionhub.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class UserResourceIT extends UserResourceTest {
}
