package io.connectionhub.job;

/** This worker no longer holds the job's lease (it expired and another worker took the job): stop, change nothing. */
class LeaseLost extends RuntimeException {

    LeaseLost(String jobId) {
        super("lease on " + jobId + " lost", null, false, false);
    }
}
