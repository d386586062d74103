package io.connectionhub.connection;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class SamlConnectionIT extends SamlConnectionTest {
}
