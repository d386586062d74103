package io.connectionhub.saml;

import io.connectionhub.organization.OrgProfiles;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The same black-box checks against the packaged application. */
@QuarkusIntegrationTest
@TestProfile(OrgProfiles.LoopbackDns.class)
class SpMetadataResourceIT extends SpMetadataResourceTest {
}
