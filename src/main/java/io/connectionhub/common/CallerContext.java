package io.connectionhub.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a {@code Uni}'s outcome back to the Vert.x context of whoever subscribed. Outcomes produced on a foreign
 * thread (a DNS library's selector, a timeout timer) would otherwise continue there, where Hibernate Reactive
 * refuses to use the caller's session.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /** {@code uni}, emitting on the subscriber's Vert.x context when it has one, unchanged otherwise. */
    public static <T> Uni<T> emitOnCaller(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? uni : uni.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
