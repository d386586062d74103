package io.connectionhub.organization;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
@TestProfile(OrgProfiles.LoopbackIdp.class)
class OrgConnectionRemoteIdpIT extends OrgConnectionRemoteIdpTest {
}
