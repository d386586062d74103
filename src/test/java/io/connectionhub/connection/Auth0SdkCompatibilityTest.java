package io.connectionhub.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.auth0.client.mgmt.ManagementApi;
import com.auth0.client.mgmt.core.ManagementApiException;
import com.auth0.client.mgmt.errors.ConflictError;
import com.auth0.client.mgmt.types.ConnectionForList;
import com.auth0.client.mgmt.types.ConnectionIdentityProviderEnum;
import com.auth0.client.mgmt.types.CreateConnectionRequestContent;
import com.auth0.client.mgmt.types.CreateConnectionResponseContent;
import com.auth0.client.mgmt.types.GetConnectionRequestParameters;
import com.auth0.client.mgmt.types.GetConnectionResponseContent;
import com.auth0.client.mgmt.types.ListConnectionsQueryParameters;
import com.auth0.client.mgmt.types.UpdateConnectionRequestContent;

import io.connectionhub.support.TestTenant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The official Auth0 Java Management SDK (3.2.0), unmodified, against the running service. */
@QuarkusTest
class Auth0SdkCompatibilityTest {

    @TestHTTPResource("/api/v2")
    URL base;

    @Test
    void createListGetUpdateDeleteAndConflictThroughTheSdk() {
        TestTenant tenant = TestTenant.create();
        ManagementApi api = ManagementApi.builder().url(base.toString()).token(tenant.token()).build();
        String name = "sdk-" + UUID.randomUUID().toString().substring(0, 8);

        CreateConnectionResponseContent created = api.connections().create(CreateConnectionRequestContent.builder()
                .name(name).strategy(ConnectionIdentityProviderEnum.AUTH0).displayName("Through the SDK")
                .realms(List.of("sdk.example")).build());
        String id = created.getId().orElseThrow();
        assertTrue(id.startsWith("con_"));
        assertEquals(name, created.getName().orElseThrow());
        assertEquals("auth0", created.getStrategy().orElseThrow());

        for (int i = 0; i < 3; i++) {
            api.connections().create(CreateConnectionRequestContent.builder().name(name + "-" + i)
                    .strategy(ConnectionIdentityProviderEnum.GITHUB).build());
        }
        // The SDK sends take=50 and follows "next"; ask for 2 per page so that it has to.
        List<String> listed = api.connections().list(ListConnectionsQueryParameters.builder().take(2).build())
                .streamItems().map(ConnectionForList::getName).map(n -> n.orElse(null)).toList();
        assertEquals(List.of(name, name + "-0", name + "-1", name + "-2"), listed);
        assertEquals(4, api.connections().list().streamItems().count());

        GetConnectionResponseContent fetched = api.connections().get(id, GetConnectionRequestParameters.builder()
                .fields("name,strategy").includeFields(true).build());
        assertEquals(name, fetched.getName().orElseThrow());
        assertFalse(fetched.getId().isPresent(), "fields=name,strategy leaves the id out");

        var updated = api.connections().update(id, UpdateConnectionRequestContent.builder()
                .displayName("Renamed in the SDK").build());
        assertEquals("Renamed in the SDK", updated.getDisplayName().orElseThrow());

        ConflictError conflict = assertThrows(ConflictError.class, () -> api.connections().create(
                CreateConnectionRequestContent.builder().name(name.toUpperCase())
                        .strategy(ConnectionIdentityProviderEnum.AUTH0).build()));
        assertEquals(409, conflict.statusCode());
        assertEquals("connection_conflict", ((Map<?, ?>) conflict.body()).get("errorCode"));

        api.connections().delete(id);
        ManagementApiException gone = assertThrows(ManagementApiException.class, () -> api.connections().get(id));
        assertEquals(404, gone.statusCode());
    }
}
