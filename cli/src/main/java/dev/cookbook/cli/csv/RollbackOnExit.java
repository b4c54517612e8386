package dev.cookbook.cli.csv;

/**
 * Runs an undo action if the JVM is stopped (Ctrl-C, kill) before this is closed: the libraries
 * install no shutdown hooks, the command does, around the work it may have to undo.
 */
final class RollbackOnExit implements AutoCloseable {
    private Thread hook;

    /** From now until {@link #close()}, a stopping JVM runs {@code rollback}. */
    void arm(Runnable rollback) {
        Thread t = new Thread(rollback, "csv-append-rollback");
        Runtime.getRuntime().addShutdownHook(t);
        hook = t;
    }

    @Override
    public void close() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running or has run
            }
        }
    }
}
