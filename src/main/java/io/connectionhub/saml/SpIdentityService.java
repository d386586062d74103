package io.connectionhub.saml;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.connectionhub.auth.PublicUrl;
import io.connectionhub.common.CallerContext;
import io.connectionhub.common.FieldEncryption;
import io.connectionhub.common.Ids;
import io.connectionhub.common.NotFound;
import io.connectionhub.connection.ConnectionLifecycle;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The service-provider side of SAML connections: a URL token per connection, from which its entity id, metadata URL
 * and ACS endpoint are built on {@code connectionhub.public-url}, and a certificate whose private key is sealed at
 * rest. Serves the SP metadata of active connections.
 */
@ApplicationScoped
public class SpIdentityService {

    static final String SP_PATH = "/saml/sp/";
    static final String ACS_PATH = "/saml/sp/acs/";
    static final String METADATA_FILE = "/metadata.xml";
    static final int TOKEN_LENGTH = 34;
    static final int OPENED_KEYS = 1024;

    /** A token and a certificate made for a connection not yet stored. */
    public record Generated(String token, SpCertificate certificate) {
    }

    private final SpIdentityRepository identities;
    private final SpCertificateFactory certificates;
    private final SpMetadataWriter writer;
    private final FieldEncryption encryption;
    private final PublicUrl publicUrl;
    private final ConnectionLifecycle connections;
    private final Pool pool;
    private final Map<SpIdentity, SpKeys> opened = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SpIdentity, SpKeys> eldest) {
            return size() > OPENED_KEYS;
        }
    };

    public SpIdentityService(SpIdentityRepository identities, SpCertificateFactory certificates, SpMetadataWriter writer,
            FieldEncryption encryption, PublicUrl publicUrl, ConnectionLifecycle connections, Pool pool) {
        this.identities = identities;
        this.certificates = certificates;
        this.writer = writer;
        this.encryption = encryption;
        this.publicUrl = publicUrl;
        this.connections = connections;
        this.pool = pool;
    }

    /** A new token and certificate; the key pair is generated on a worker thread. */
    public Uni<Generated> generate() {
        return generate(newToken());
    }

    /** A token for a connection still to be made, whose SP values can be shown before it exists (setup portal). */
    public static String newToken() {
        return Ids.alphanumeric("", TOKEN_LENGTH);
    }

    /** The entity id, metadata URL and ACS URL that a connection made with {@code token} will have (no certificate). */
    public SpEndpoints planned(String token) {
        return new SpEndpoints(entityId(token), entityId(token) + METADATA_FILE, acsEndpoint(token), null);
    }

    /** A certificate for the given token (one of {@link #newToken()}); the key pair is generated on a worker thread. */
    public Uni<Generated> generate(String token) {
        if (token == null || !token.matches("[A-Za-z0-9]{" + TOKEN_LENGTH + "}")) {
            throw new IllegalArgumentException("not an SP token");
        }
        String commonName = SpCertificateFactory.commonNameFor(entityId(token));
        return CallerContext.onWorker(() -> new Generated(token, certificates.create(commonName)));
    }

    /** Stores the identity of a connection, its key sealed, in the transaction that creates the connection. */
    public Uni<SpEndpoints> store(SqlConnection tx, String tenantId, String connectionId, Generated generated) {
        SpIdentity identity = new SpIdentity(connectionId, tenantId, generated.token(),
                generated.certificate().certificatePem(), encryption.seal(
                        Base64.getEncoder().encodeToString(generated.certificate().privateKeyPkcs8()),
                        keyOwner(tenantId, connectionId)));
        return identities.insert(tx, identity).replaceWith(endpoints(identity));
    }

    /** The endpoints of those of the tenant's connections that have an SP identity, by connection id. */
    public Uni<Map<String, SpEndpoints>> endpoints(String tenantId, List<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return identities.findForConnections(tenantId, connectionIds).map(found -> found.stream()
                .collect(Collectors.toMap(SpIdentity::connectionId, this::endpoints)));
    }

    /** The SP metadata behind {@code <public URL>/saml/sp/<token>/metadata.xml}; 404 unless its connection is active. */
    public Uni<String> metadata(String token) {
        return identities.findByToken(token)
                .onItem().ifNull().failWith(SpIdentityService::unknown)
                .call(identity -> connections.findActive(pool, identity.tenantId(), List.of(identity.connectionId()))
                        .invoke(active -> {
                            if (active.isEmpty()) {
                                throw unknown();
                            }
                        }))
                .map(identity -> writer.write(entityId(identity.token()), acsEndpoint(identity.token()),
                        X509Certificates.parse(identity.certificatePem())));
    }

    /**
     * The SP identity of the tenant's connection, made now when it has none yet (a {@code samlp} connection created
     * before SP identities were made for them): the key pair is generated on a worker thread.
     */
    public Uni<SpKeys> keysOf(String tenantId, String connectionId) {
        return ensure(tenantId, connectionId).map(this::keys);
    }

    /** The keys of an identity already read (the one whose token an ACS request names). */
    public SpKeys keysOf(SpIdentity identity) {
        return keys(identity);
    }

    /** The entity id, metadata URL and ACS URL of the tenant's SAML connection, its SP identity made when it has none. */
    public Uni<SpEndpoints> endpointsOf(String tenantId, String connectionId) {
        return ensure(tenantId, connectionId).map(this::endpoints);
    }

    private Uni<SpIdentity> ensure(String tenantId, String connectionId) {
        return identities.findForConnections(tenantId, List.of(connectionId)).chain(found -> {
            if (!found.isEmpty()) {
                return Uni.createFrom().item(found.get(0));
            }
            return generate().chain(generated -> identities.insertIfAbsent(new SpIdentity(connectionId, tenantId,
                    generated.token(), generated.certificate().certificatePem(), encryption.seal(
                            Base64.getEncoder().encodeToString(generated.certificate().privateKeyPkcs8()),
                            keyOwner(tenantId, connectionId))))
                    .chain(() -> identities.findForConnections(tenantId, List.of(connectionId)))
                    .map(stored -> stored.get(0)));
        });
    }

    /** The connection whose SP identity has this URL token (ACS, metadata), active or not; null when none has. */
    public Uni<SpIdentity> byToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9]{" + TOKEN_LENGTH + "}")) {
            return Uni.createFrom().nullItem();
        }
        return identities.findByToken(token);
    }

    /**
     * The keys of an identity, opened once: a sign-in opened the sealed key and parsed the certificate for every
     * AuthnRequest and response. Keyed by the whole stored identity, so a replaced certificate or key is a new entry
     * on every replica; at most {@link #OPENED_KEYS} identities, the least recently used leaving first.
     */
    private SpKeys keys(SpIdentity identity) {
        synchronized (opened) {
            SpKeys keys = opened.get(identity);
            if (keys != null) {
                return keys;
            }
        }
        SpKeys keys = open(identity);
        synchronized (opened) {
            opened.put(identity, keys);
        }
        return keys;
    }

    private SpKeys open(SpIdentity identity) {
        ParsedCertificate certificate = X509Certificates.parse(identity.certificatePem());
        byte[] pkcs8 = Base64.getDecoder().decode(encryption.open(identity.privateKeySealed(),
                keyOwner(identity.tenantId(), identity.connectionId())));
        return new SpKeys(endpoints(identity), certificate.certificate(),
                SpCertificate.privateKey(pkcs8, certificate.certificate().getPublicKey().getAlgorithm()));
    }

    /** Associated data of a sealed private key: the key opens only for the row it was sealed for. */
    public static String keyOwner(String tenantId, String connectionId) {
        return tenantId + "/" + connectionId + "/sp-private-key";
    }

    private SpEndpoints endpoints(SpIdentity identity) {
        String entityId = entityId(identity.token());
        return new SpEndpoints(entityId, entityId + METADATA_FILE, acsEndpoint(identity.token()),
                identity.certificatePem());
    }

    private String entityId(String token) {
        return publicUrl.base() + SP_PATH + token;
    }

    private String acsEndpoint(String token) {
        return publicUrl.base() + ACS_PATH + token;
    }

    private static NotFound unknown() {
        return new NotFound(NotFound.Kind.CONNECTION, "No SAML connection has this metadata URL");
    }
}
