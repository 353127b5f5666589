package io.uptake.jobs;

/** A problem with the job's inputs or arguments that the user can fix; the message says how. */
public final class JobException extends RuntimeException {
    public JobException(String message) {
        super(message, null, false, false);
    }
}
