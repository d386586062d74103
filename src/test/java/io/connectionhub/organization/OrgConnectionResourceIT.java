package io.connectionhub.organization;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class OrgConnectionResourceIT extends OrgConnectionResourceTest {
}
