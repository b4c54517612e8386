package dev.cookbook.proc.run;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Runner} runs, and how: the argv (run directly, never through a shell), its working
 * folder and environment, where its standard streams go, and its time limit. Immutable; made with
 * {@link #builder(List)}.
 *
 * <p>Standard input is inherited unless {@link Builder#input(Path)} or {@link Builder#input(InputStream)}
 * says otherwise. Standard output and error are inherited (the child writes to the very descriptors
 * of this process, unbuffered) unless {@link Builder#capture(long)} keeps them, or
 * {@link Builder#forward(OutputStream, OutputStream)} copies them to streams as they come.
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder(List.of("sleep", "10")).timeout(Duration.ofSeconds(1)).build();
 * RunResult r = Runner.run(spec);  // r.timedOut() is true, the whole tree is gone
 * }</pre>
 */
public final class RunSpec {
    /** The default grace between the polite signal and SIGKILL. */
    public static final Duration DEFAULT_KILL_AFTER = Duration.ofSeconds(5);
    /** The default number of bytes {@link Builder#capture(long)} keeps of each stream. */
    public static final long DEFAULT_MAX_CAPTURE = 16L << 20;

    private final List<String> argv;
    private final Path cwd;
    private final Map<String, String> env;
    private final Set<String> unsetEnv;
    private final boolean clearEnv;
    private final Path inputFile;
    private final InputStream inputStream;
    private final boolean mergeStderr;
    private final long maxCapture;
    private final OutputStream forwardOut;
    private final OutputStream forwardErr;
    private final Duration timeout;
    private final Signal signal;
    private final Duration killAfter;
    private final Duration pipeGrace;

    private RunSpec(Builder b) {
        this.argv = List.copyOf(b.argv);
        this.cwd = b.cwd;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.unsetEnv = Collections.unmodifiableSet(new LinkedHashSet<>(b.unsetEnv));
        this.clearEnv = b.clearEnv;
        this.inputFile = b.inputFile;
        this.inputStream = b.inputStream;
        this.mergeStderr = b.mergeStderr;
        this.maxCapture = b.maxCapture;
        this.forwardOut = b.forwardOut;
        this.forwardErr = b.forwardErr;
        this.timeout = b.timeout;
        this.signal = b.signal;
        this.killAfter = b.killAfter;
        this.pipeGrace = b.pipeGrace;
    }

    /** A builder for running {@code argv}: the program, then its arguments. */
    public static Builder builder(List<String> argv) {
        return new Builder(argv);
    }

    public List<String> argv() {
        return argv;
    }

    /** The working folder, or null for this process's. */
    public Path cwd() {
        return cwd;
    }

    /** Variables set for the child, over the inherited ones (or over none, with {@link #clearEnv()}). */
    public Map<String, String> env() {
        return env;
    }

    /** Inherited variables removed from the child's environment. */
    public Set<String> unsetEnv() {
        return unsetEnv;
    }

    public boolean clearEnv() {
        return clearEnv;
    }

    /** The file given as standard input, or null. */
    public Path inputFile() {
        return inputFile;
    }

    /** The stream fed to standard input, or null. */
    public InputStream inputStream() {
        return inputStream;
    }

    public boolean mergeStderr() {
        return mergeStderr;
    }

    /** Whether standard output and error are kept in the result. */
    public boolean captures() {
        return maxCapture >= 0;
    }

    /** The bytes kept of each captured stream; -1 when not capturing. */
    public long maxCapture() {
        return maxCapture;
    }

    /** The stream standard output is copied to, or null. */
    public OutputStream forwardOut() {
        return forwardOut;
    }

    /** The stream standard error is copied to, or null. */
    public OutputStream forwardErr() {
        return forwardErr;
    }

    /** The time limit, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The signal sent first when the time is up. */
    public Signal signal() {
        return signal;
    }

    /** The grace between {@link #signal()} and SIGKILL. */
    public Duration killAfter() {
        return killAfter;
    }

    /** How long output is still read after the child is gone, from descendants that hold the pipes. */
    public Duration pipeGrace() {
        return pipeGrace;
    }

    /**
     * Equal when the two would run alike: the same values, and the same stream objects (streams
     * compare by identity).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r
                && argv.equals(r.argv)
                && Objects.equals(cwd, r.cwd)
                && env.equals(r.env)
                && unsetEnv.equals(r.unsetEnv)
                && clearEnv == r.clearEnv
                && Objects.equals(inputFile, r.inputFile)
                && inputStream == r.inputStream
                && mergeStderr == r.mergeStderr
                && maxCapture == r.maxCapture
                && forwardOut == r.forwardOut
                && forwardErr == r.forwardErr
                && Objects.equals(timeout, r.timeout)
                && signal == r.signal
                && killAfter.equals(r.killAfter)
                && pipeGrace.equals(r.pipeGrace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, cwd, env, unsetEnv, clearEnv, inputFile, timeout, signal);
    }

    /** For messages and tests: the argv and what differs from the defaults. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunSpec").append(argv);
        if (cwd != null) {
            s.append(" cwd=").append(cwd);
        }
        if (clearEnv) {
            s.append(" clearEnv");
        }
        if (!env.isEmpty()) {
            s.append(" env=").append(env);
        }
        if (!unsetEnv.isEmpty()) {
            s.append(" unsetEnv=").append(unsetEnv);
        }
        if (inputFile != null) {
            s.append(" input=").append(inputFile);
        }
        if (inputStream != null) {
            s.append(" input=stream");
        }
        if (mergeStderr) {
            s.append(" mergeStderr");
        }
        if (maxCapture >= 0) {
            s.append(" capture=").append(maxCapture);
        }
        if (forwardOut != null) {
            s.append(" forward");
        }
        if (timeout != null) {
            s.append(" timeout=")
                    .append(timeout)
                    .append(' ')
                    .append(signal)
                    .append(" killAfter=")
                    .append(killAfter);
        }
        return s.append(" pipeGrace=").append(pipeGrace).toString();
    }

    /** Builds a {@link RunSpec}; {@link #build()} checks the values. Not thread-safe. */
    public static final class Builder {
        private final List<String> argv;
        private Path cwd;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Set<String> unsetEnv = new LinkedHashSet<>();
        private boolean clearEnv;
        private Path inputFile;
        private InputStream inputStream;
        private boolean mergeStderr;
        private long maxCapture = -1;
        private OutputStream forwardOut;
        private OutputStream forwardErr;
        private Duration timeout;
        private Signal signal = Signal.TERM;
        private Duration killAfter = DEFAULT_KILL_AFTER;
        private Duration pipeGrace = Duration.ofMillis(500);

        private Builder(List<String> argv) {
            this.argv = new ArrayList<>(argv);
        }

        public Builder cwd(Path cwd) {
            this.cwd = cwd;
            return this;
        }

        /** Sets {@code name} to {@code value} in the child's environment. */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            unsetEnv.remove(name);
            return this;
        }

        /** Removes {@code name} from the child's environment (the later of this and {@link #env} wins). */
        public Builder unsetEnv(String name) {
            unsetEnv.add(Objects.requireNonNull(name));
            env.remove(name);
            return this;
        }

        /** Starts the child with only the variables given by {@link #env}. */
        public Builder clearEnv(boolean clearEnv) {
            this.clearEnv = clearEnv;
            return this;
        }

        public Builder input(Path file) {
            this.inputFile = file;
            this.inputStream = null;
            return this;
        }

        /** Feeds {@code in} to the child's standard input, then closes it; {@code in} is not closed. */
        public Builder input(InputStream in) {
            this.inputStream = in;
            this.inputFile = null;
            return this;
        }

        /** Sends standard error where standard output goes. */
        public Builder mergeStderr(boolean merge) {
            this.mergeStderr = merge;
            return this;
        }

        /**
         * Keeps the first {@code maxBytes} of standard output and of standard error in the result;
         * the rest is read and counted as dropped, so the child never blocks on a full pipe.
         */
        public Builder capture(long maxBytes) {
            this.maxCapture = maxBytes;
            return this;
        }

        /**
         * Copies standard output to {@code out} and standard error to {@code err} as they come,
         * flushing after each read (for callers whose streams are not this process's descriptors).
         */
        public Builder forward(OutputStream out, OutputStream err) {
            this.forwardOut = Objects.requireNonNull(out);
            this.forwardErr = Objects.requireNonNull(err);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder signal(Signal signal) {
            this.signal = Objects.requireNonNull(signal);
            return this;
        }

        public Builder killAfter(Duration killAfter) {
            this.killAfter = Objects.requireNonNull(killAfter);
            return this;
        }

        public Builder pipeGrace(Duration pipeGrace) {
            this.pipeGrace = Objects.requireNonNull(pipeGrace);
            return this;
        }

        /**
         * @throws IllegalArgumentException for an empty argv, a non-positive timeout, a negative
         *     grace, or both {@link #capture} and {@link #forward}
         */
        public RunSpec build() {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("no command given");
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout " + timeout + " is not positive");
            }
            if (killAfter.isNegative() || pipeGrace.isNegative()) {
                throw new IllegalArgumentException("a grace cannot be negative");
            }
            if (maxCapture >= 0 && forwardOut != null) {
                throw new IllegalArgumentException("capture and forward cannot both be set");
            }
            return new RunSpec(this);
        }
    }
}
