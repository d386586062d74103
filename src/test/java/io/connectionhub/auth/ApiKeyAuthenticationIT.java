package io.connectionhub.auth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class ApiKeyAuthenticationIT extends ApiKeyAuthenticationTest {
}
