package io.connectionhub.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded database for every test application, packaged ({@code *IT}) or not. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class TestResources {

    private TestResources() {
    }
}
