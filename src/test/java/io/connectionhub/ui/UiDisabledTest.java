package io.connectionhub.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.connectionhub.organization.Orgs;
import io.connectionhub.support.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code connectionhub.ui.enabled=false}: an API-only deployment serves neither the console nor the portal. */
@QuarkusTest
@TestProfile(UiDisabledTest.ApiOnly.class)
class UiDisabledTest {

    public static class ApiOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connectionhub.ui.enabled", "false");
        }
    }

    @Test
    void consoleAndPortalAnswerNotFound() {
        for (String path : List.of("/ui", "/ui/login", "/ui/connections", "/setup", "/setup/domain",
                "/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            given().redirects().follow(false).get(path).then().statusCode(404).contentType(startsWith("text/html"));
        }
        given().redirects().follow(false).formParam("email", "a@example.com").formParam("password", "x")
                .post("/ui/login").then().statusCode(404);
    }

    @Test
    void theApisStillWork() {
        TestTenant tenant = TestTenant.create();
        String orgId = Orgs.create(tenant);
        tenant.manage().body(Map.of("Intents", List.of("sso"))).post("/v2/manage/organizations/" + orgId + "/setup-links")
                .then().statusCode(201);
        tenant.api().get("/api/v2/connections").then().statusCode(200);
        given().auth().oauth2(TestTenant.ADMIN_TOKEN).get("/admin/v1/tenants/" + tenant.id + "/members").then()
                .statusCode(200).body("size()", equalTo(0));
    }
}
