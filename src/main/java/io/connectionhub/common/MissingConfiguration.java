package io.connectionhub.common;

/** A setting the service cannot run without; its message names the setting and its environment variable. */
public class MissingConfiguration extends RuntimeException {

    public MissingConfiguration(String message) {
        super(message, null, false, false);
    }
}
