package io.connectionhub.common;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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

    /**
     * {@code work} run on a worker thread, because it would stall an event loop (generating a key pair, parsing a
     * large document), its outcome emitted on the subscriber's Vert.x context.
     */
    public static <T> Uni<T> onWorker(Supplier<T> work) {
        return emitOnCaller(Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** {@code uni}, emitting on the subscriber's Vert.x context when it has one, unchanged otherwise. */
    public static <T> Uni<T> emitOnCaller(Uni<T> uni) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            return caller == null ? uni : uni.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
