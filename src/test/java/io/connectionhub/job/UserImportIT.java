package io.connectionhub.job;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class UserImportIT extends UserImportTest {
}
