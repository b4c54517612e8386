package dev.cookbook.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the process ends when a signal stops it while the command is failing: a killed {@code csv write --append}
 * finds its file rolled back by the shutdown hook, and its own error must not decide the exit status.
 */
class MainEndTest {

    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertFalse(Main.shuttingDown());
    }

    /**
     * A child JVM whose shutdown hook is slow: the main thread calls {@link Main#end} with a failure while the hook
     * runs. The process must end as SIGTERM says, 143, and only after the hook is done.
     */
    @Test
    void aCommandFailingWhileASignalStopsTheJvmEndsAsTheSignalSays() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
            assertEquals("ready", out.readLine());
            p.toHandle().destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end");
            assertEquals("", new String(p.getInputStream().readAllBytes(), UTF_8));
            assertEquals("hook done\n", new String(p.getErrorStream().readAllBytes(), UTF_8));
            assertEquals(143, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /** Fails (status 4) as soon as its shutdown hook starts, which then takes 300 ms to finish. */
    static final class Child {
        public static void main(String[] args) throws InterruptedException {
            CountDownLatch hookStarted = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                hookStarted.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.print("hook done\n");
                System.err.flush();
            }));
            System.out.print("ready\n");
            System.out.flush();
            assertTrue(hookStarted.await(60, TimeUnit.SECONDS), "no signal came");
            Main.end(ExitCodes.IO_ERROR);
        }
    }
}
