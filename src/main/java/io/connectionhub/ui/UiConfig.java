package io.connectionhub.ui;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console and the setup portal. */
@ConfigMapping(prefix = "connectionhub.ui")
public interface UiConfig {

    /** Off: neither {@code /ui} nor {@code /setup} is served (404), for API-only deployments. */
    @WithDefault("true")
    boolean enabled();

    /** How long a console sign-in lasts; signing out ends it at once. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** Brute-force protection of the console sign-in. */
    SignIn signIn();

    interface SignIn {

        /** Failed sign-ins for one email from one IP before that pair is blocked. */
        @WithDefault("10")
        int maxFailures();

        /** How long a blocked pair stays blocked (and how long failures are remembered). */
        @WithDefault("15m")
        Duration block();
    }
}
