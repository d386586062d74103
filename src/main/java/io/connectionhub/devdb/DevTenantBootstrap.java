package io.connectionhub.devdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.tenant.TenantCreated;
import io.connectionhub.tenant.TenantRequest;
import io.connectionhub.tenant.TenantService;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Dev mode only: creates the {@code dev} tenant on first start, keeps its credentials in the dev directory,
 * and prints them with the admin token and a ready-to-paste token request at every start.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevTenantBootstrap {

    static final String TENANT = "dev";

    private final TenantService tenants;
    private final ObjectMapper mapper;
    private final PublicUrl publicUrl;
    private final Path devDir;
    private final String adminToken;

    public DevTenantBootstrap(TenantService tenants, ObjectMapper mapper, PublicUrl publicUrl,
            @ConfigProperty(name = "connectionhub.devdb.resolved-dir", defaultValue = ".devdb") String devDir,
            @ConfigProperty(name = "connectionhub.admin.token", defaultValue = "") String adminToken) {
        this.tenants = tenants;
        this.mapper = mapper;
        this.publicUrl = publicUrl;
        this.devDir = Path.of(devDir);
        this.adminToken = adminToken;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> ensureDevTenant().subscribe().with(this::print,
                failure -> Log.warn("Could not prepare the dev tenant", failure)));
    }

    private Uni<Map<String, Object>> ensureDevTenant() {
        Path file = devDir.resolve("dev-tenant.json");
        return tenants.findByName(TENANT).chain(existing -> {
            if (existing == null) {
                return tenants.create(new TenantRequest(TENANT)).map(created -> save(file, created));
            }
            return Uni.createFrom().item(read(file));
        });
    }

    private Map<String, Object> save(Path file, TenantCreated created) {
        Map<String, Object> credentials = Map.of("tenant_id", created.id(),
                "client_id", created.managementClient().clientId(),
                "client_secret", created.managementClient().clientSecret(),
                "api_key", created.apiKey(), "api_secret", created.apiSecret());
        try {
            EmbeddedPostgres.writePrivate(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
        } catch (IOException e) {
            Log.warn("Could not write " + file, e);
        }
        return credentials;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(Path file) {
        try {
            return Files.exists(file) ? mapper.readValue(file.toFile(), Map.class) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private void print(Map<String, Object> dev) {
        StringBuilder text = new StringBuilder("\n\n  Connection Hub dev mode\n");
        text.append("  admin token   ").append(adminToken).append("   (").append(devDir.resolve("admin-token")).append(")\n");
        if (dev.isEmpty()) {
            text.append("  The 'dev' tenant exists but its credentials file is gone; delete ").append(devDir)
                    .append(" to start over.\n");
        } else {
            text.append("  dev tenant    ").append(dev.get("tenant_id")).append("   (").append(devDir.resolve("dev-tenant.json")).append(")\n");
            text.append("  client_id     ").append(dev.get("client_id")).append('\n');
            text.append("  client_secret ").append(dev.get("client_secret")).append('\n');
            text.append("  api_key       ").append(dev.get("api_key")).append('\n');
            text.append("  api_secret    ").append(dev.get("api_secret")).append('\n');
            text.append("  get a token:\n    curl -s -X POST ").append(publicUrl.base()).append("/oauth/token")
                    .append(" -H 'Content-Type: application/json' -d '{\"grant_type\":\"client_credentials\",\"client_id\":\"")
                    .append(dev.get("client_id")).append("\",\"client_secret\":\"").append(dev.get("client_secret"))
                    .append("\"}'\n");
        }
        Log.info(text);
    }
}
