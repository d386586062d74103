package io.connectionhub.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What sign-in reads of a tenant's configuration (its applications, connections, organizations and SP identities),
 * kept in memory for as long as the tenant's configuration version is the one it was read at. A request reads the
 * version once ({@link #current}), one indexed read instead of the several it stands for; every change to those tables
 * moves the version in the changing transaction (the triggers of migration V10), so what a replica keeps is never used
 * after a change has committed anywhere.
 *
 * <p>A value is stored with the version read before it was loaded: a change committed in between only makes the next
 * request load it again. Nothing is stored for a value that was not found.
 */
@ApplicationScoped
public class TenantConfigCache {

    /** At most this many values; past it, all are dropped and read again as requests need them. */
    static final int MAX_ENTRIES = 10_000;

    private final Pool pool;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public TenantConfigCache(Pool pool) {
        this.pool = pool;
    }

    /** The configuration of one tenant as one request sees it. */
    public final class Snapshot {

        private final String tenantId;
        private final long version;

        private Snapshot(String tenantId, long version) {
            this.tenantId = tenantId;
            this.version = version;
        }

        public String tenantId() {
            return tenantId;
        }

        /**
         * The value of {@code kind} and {@code key} kept at this version, else what {@code load} gives (kept when not
         * null). {@code load} must read only this tenant's rows.
         */
        @SuppressWarnings("unchecked")
        public <T> Uni<T> get(String kind, String key, Supplier<Uni<T>> load) {
            Key at = new Key(kind, key);
            Entry kept = entries.get(at);
            if (kept != null && kept.version() == version && kept.tenantId().equals(tenantId)) {
                return Uni.createFrom().item((T) kept.value());
            }
            return load.get().invoke(value -> {
                if (value != null) {
                    if (entries.size() >= MAX_ENTRIES) {
                        entries.clear();
                    }
                    entries.put(at, new Entry(tenantId, version, value));
                }
            });
        }
    }

    /** The tenant's configuration as it is now (one read), or null when there is no such tenant. */
    public Uni<Snapshot> current(String tenantId) {
        return pool.preparedQuery("SELECT config_version FROM tenants WHERE id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return null;
                    }
                    Row row = iterator.next();
                    return new Snapshot(tenantId, row.getLong("config_version"));
                });
    }

    /**
     * The configuration, as it is now, of the tenant a request names only through something of its own (an ACS
     * address names an SP identity, {@code /authorize} an application): the tenant of the value kept for {@code kind}
     * and {@code key} (the tenant of such a thing never changes), else the one {@code findTenant} reads. Null when there
     * is none.
     */
    public Uni<Snapshot> currentFor(String kind, String key, Supplier<Uni<String>> findTenant) {
        Entry kept = entries.get(new Key(kind, key));
        return (kept != null ? Uni.createFrom().item(kept.tenantId()) : findTenant.get())
                .chain(tenantId -> tenantId == null ? Uni.createFrom().nullItem() : current(tenantId));
    }

    private record Key(String kind, String key) {
    }

    private record Entry(String tenantId, long version, Object value) {
    }
}
