package io.connectionhub.job;

/** An import cannot go on (unreadable file, connection deleted meanwhile): the job fails with this message. */
class ImportFailed extends RuntimeException {

    ImportFailed(String message) {
        super(message, null, false, false);
    }
}
