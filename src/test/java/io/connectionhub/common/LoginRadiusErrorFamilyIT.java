package io.connectionhub.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
class LoginRadiusErrorFamilyIT extends LoginRadiusErrorFamilyTest {
}
