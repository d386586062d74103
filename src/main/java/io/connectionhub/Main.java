package io.connectionhub;

import io.connectionhub.common.StartupFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In a packaged application a start-up failure caused by missing configuration is reported as
 * one line naming what to set, instead of a stack trace (dev mode keeps Quarkus's own error handling).
 *
 * <p>No {@code QuarkusApplication} is passed: Quarkus then serves until asked to exit. With one, a run with
 * {@code QUARKUS_INIT_AND_EXIT=true} (the Kubernetes Flyway job) migrates, stops the container, then fails
 * looking that bean up and exits with 1, so the job would never complete.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Quarkus.run(null, StartupFailure::exit, args);
        } else {
            Quarkus.run(args);
        }
    }
}
