package dev.cookbook.cli.common;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr for long work: bytes done, the rate, and a bar when the
 * total is known. It appears only after half a second, so short runs never flicker, redraws five
 * times a second from a daemon thread, and erases itself at the end.
 *
 * <p>Anyone else writing to the same stderr writer first calls {@link #clear()} while holding the
 * writer's lock ({@code synchronized (err)}), and the next tick draws the bar again below.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long DELAY_MS = 500;
    private static final long PERIOD_MS = 200;

    private final PrintWriter err;
    private final LongSupplier done;
    private final LongSupplier total;
    private final int width;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    private boolean drawn;
    private long knownTotal = -2;

    /**
     * @param total computed once, on the display thread, the first time the bar is drawn; -1 if unknown
     */
    private ProgressBar(PrintWriter err, LongSupplier done, LongSupplier total) {
        this.err = err;
        this.done = done;
        this.total = total;
        this.width = terminalWidth();
        this.thread = new Thread(this::loop, "progress");
        this.thread.setDaemon(true);
    }

    /** A started bar, or an inert one if {@code enabled} is false. */
    public static ProgressBar start(boolean enabled, PrintWriter err, LongSupplier done, LongSupplier total) {
        ProgressBar bar = new ProgressBar(err, done, total);
        if (enabled) {
            bar.thread.start();
        } else {
            bar.stopped = true;
        }
        return bar;
    }

    private void loop() {
        try {
            Thread.sleep(DELAY_MS);
            while (!stopped) {
                if (knownTotal == -2) {
                    knownTotal = total.getAsLong();
                }
                synchronized (err) {
                    if (!stopped) {
                        draw();
                    }
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void draw() {
        long bytes = done.getAsLong();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        String rate = size(bytes / seconds) + "/s";
        String text;
        if (knownTotal > 0) {
            double fraction = Math.min(1.0, (double) bytes / knownTotal);
            String numbers = String.format(
                    Locale.ROOT, " %3d%% %s/%s %s", (int) (fraction * 100), size(bytes), size(knownTotal), rate);
            int barWidth = Math.max(10, Math.min(40, width - numbers.length() - 3));
            int filled = (int) Math.round(fraction * barWidth);
            text = "[" + "#".repeat(filled) + " ".repeat(barWidth - filled) + "]" + numbers;
        } else {
            text = size(bytes) + " " + rate;
        }
        if (text.length() > width - 1) {
            text = text.substring(0, width - 1);
        }
        err.print("\r" + text + "\033[K");
        err.flush();
        drawn = true;
    }

    /** Erases the bar if it is on screen; call while holding the lock of the stderr writer. */
    public void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        thread.interrupt();
        synchronized (err) {
            clear();
        }
    }

    public static String size(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0
                ? String.format(Locale.ROOT, "%d %s", (long) bytes, units[u])
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
