package io.connectionhub.ship;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The JDBC datasource is there for Flyway only. Without {@code quarkus.hibernate-orm.blocking=false}, Quarkus would
 * also build a blocking Hibernate ORM session factory over it at every start: a second metamodel nothing uses, which
 * costs start-up time and memory.
 */
@QuarkusTest
class SessionFactoriesTest {

    @Inject
    Instance<Mutiny.SessionFactory> reactive;

    @Inject
    Instance<org.hibernate.SessionFactory> blocking;

    @Test
    void onlyTheReactiveSessionFactoryIsBuilt() {
        assertTrue(reactive.isResolvable(), "Hibernate Reactive's session factory");
        assertFalse(blocking.isResolvable(), "a blocking Hibernate ORM session factory");
    }
}
