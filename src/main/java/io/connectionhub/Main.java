package io.connectionhub;

import io.connectionhub.common.StartupFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In a packaged application a start-up failure caused by missing configuration is reported as
 * one line naming what to set, instead of a stack trace (dev mode keeps Quarkus's own error handling).
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    public static void main(String... args) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Quarkus.run(Main.class, StartupFailure::exit, args);
        } else {
            Quarkus.run(Main.class, args);
        }
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
