package dev.cookbook.proc.run;

import java.time.Duration;
import java.util.List;

/**
 * How a child ended. {@code exitCode} is what Java reports, as a shell does: the child's status,
 * or 128+N when signal N killed it. {@code signal} is N in that case, or null; it cannot tell a
 * child killed by signal 9 from one that called {@code exit(137)} (Java gives only the number),
 * except after a timeout, when the kill was ours. {@code stdout}/{@code stderr} are null unless
 * the spec captured them.
 */
public record RunResult(
        List<String> argv,
        int exitCode,
        Integer signal,
        boolean timedOut,
        Duration duration,
        Captured stdout,
        Captured stderr) {

    /** True when the child exited 0 in time. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /**
     * What was kept of one output stream: the first bytes, how many more were read and dropped,
     * and whether the stream was read to its end (false when a descendant held it open past the
     * grace and reading stopped).
     */
    public record Captured(byte[] bytes, long dropped, boolean complete) {
        /** Every byte the child wrote that was read: kept plus dropped. */
        public long total() {
            return bytes.length + dropped;
        }
    }
}
