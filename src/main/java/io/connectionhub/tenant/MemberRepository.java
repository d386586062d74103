package io.connectionhub.tenant;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Members, within one tenant; by email across the service for sign-in (an email is one member's). */
@ApplicationScoped
public class MemberRepository {

    private final Pool pool;

    public MemberRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the member; a taken email fails on {@code members_email_key}, an unknown tenant on its foreign key. */
    Uni<Member> insert(String id, String tenantId, String email, String passwordHash) {
        return pool.preparedQuery("INSERT INTO members (id, tenant_id, email, password_hash) VALUES ($1, $2, $3, $4) "
                + "RETURNING " + Member.COLUMNS).execute(Tuple.of(id, tenantId, email, passwordHash))
                .map(MemberRepository::first);
    }

    Uni<Boolean> tenantExists(String tenantId) {
        return pool.preparedQuery("SELECT 1 FROM tenants WHERE id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.size() > 0);
    }

    Uni<List<Member>> listInTenant(String tenantId) {
        return pool.preparedQuery("SELECT " + Member.COLUMNS + " FROM members WHERE tenant_id = $1 ORDER BY seq LIMIT 1000")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<Member> found = new ArrayList<>();
                    rows.forEach(row -> found.add(Member.of(row)));
                    return found;
                });
    }

    Uni<Member> findByEmail(String email) {
        return pool.preparedQuery("SELECT " + Member.COLUMNS + " FROM members WHERE lower(email) = lower($1)")
                .execute(Tuple.of(email)).map(MemberRepository::first);
    }

    Uni<Integer> delete(String tenantId, String id) {
        return pool.preparedQuery("DELETE FROM members WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .map(RowSet::rowCount);
    }

    Uni<Integer> setPassword(String tenantId, String id, String passwordHash) {
        return pool.preparedQuery("UPDATE members SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id, passwordHash)).map(RowSet::rowCount);
    }

    private static Member first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Member.of(iterator.next()) : null;
    }
}
