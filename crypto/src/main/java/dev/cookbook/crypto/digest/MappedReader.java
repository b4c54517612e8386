package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Feeds the rest of a large regular file to a digest through memory mappings instead of reads.
 *
 * <p>Why: a read copies every byte from the page cache into a buffer first; a mapping lets the
 * digest take them where they are. On 1 GiB with SHA-256 that saves about a tenth of a second,
 * most of the system time. Windows of {@value #WINDOW_MB} MiB are mapped one at a time and
 * unmapped as soon as they are hashed, so memory use does not grow with the file.
 */
final class MappedReader {
    static final int WINDOW_MB = 64;
    private static final long WINDOW = (long) WINDOW_MB << 20;
    /** Progress is reported in steps of this size, so a bar moves smoothly through a window. */
    private static final int STEP = 8 << 20;
    /** Below this, the mapping's system calls cost more than the copies they save. */
    static final long MIN_SIZE = 1 << 20;

    /*
     * How a window is unmapped as soon as it is hashed, rather than whenever the garbage collector
     * gets round to it. From Java 22, the final FFM API: the window is mapped in a confined Arena
     * (FileChannel.map(mode, position, size, arena)), and closing the arena unmaps it. Before that,
     * sun.misc.Unsafe.invokeCleaner was the only way (jdk.unsupported opens sun.misc), and from
     * Java 24 its first call prints four lines of warning on stderr (JEP 498), so it is used only
     * where there is no Arena. Both are reached by reflection: cookbook is compiled for Java 17.
     */
    /** FileChannel.map(MapMode, long, long, Arena), or null before Java 22. */
    private static final Method MAP_IN_ARENA;
    /** Arena.ofConfined(). */
    private static final Method OF_CONFINED;
    /** MemorySegment.asByteBuffer(). */
    private static final Method AS_BYTE_BUFFER;
    /** Unsafe.invokeCleaner(ByteBuffer), or null where an Arena unmaps or neither is there. */
    private static final Method INVOKE_CLEANER;

    private static final Object UNSAFE;

    static {
        Method mapInArena = null;
        Method ofConfined = null;
        Method asByteBuffer = null;
        if (Runtime.version().feature() >= 22) {
            try {
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                mapInArena =
                        FileChannel.class.getMethod("map", FileChannel.MapMode.class, long.class, long.class, arena);
                ofConfined = arena.getMethod("ofConfined");
                asByteBuffer = Class.forName("java.lang.foreign.MemorySegment").getMethod("asByteBuffer");
            } catch (ReflectiveOperationException | RuntimeException e) {
                mapInArena = null;
            }
        }
        Method invoke = null;
        Object unsafe = null;
        if (mapInArena == null) {
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                invoke = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // unmapping falls back to the garbage collector
            }
        }
        MAP_IN_ARENA = mapInArena;
        OF_CONFINED = ofConfined;
        AS_BYTE_BUFFER = asByteBuffer;
        INVOKE_CLEANER = invoke;
        UNSAFE = unsafe;
    }

    private MappedReader() {}

    /**
     * Hashes {@code channel} from its position to its current end through mappings, leaving the
     * position at the end. Does nothing for a channel shorter than {@link #MIN_SIZE} or that is not
     * a regular file (its size is then 0). {@code stop} is asked before each 8 MiB step;
     * when it answers true the read ends with an {@code InterruptedIOException}.
     *
     * @return the number of bytes hashed
     */
    static long drain(FileChannel channel, Hasher hasher, LongAdder progress, BooleanSupplier stop) throws IOException {
        long pos = channel.position();
        long end = channel.size();
        if (end - pos < MIN_SIZE) {
            return 0;
        }
        long start = pos;
        try {
            while (pos < end) {
                long len = Math.min(WINDOW, end - pos);
                Window window = map(channel, pos, len);
                try {
                    ByteBuffer bytes = window.bytes();
                    for (int from = 0; from < len && !FileHasher.stopped(stop); from += STEP) {
                        int to = (int) Math.min(len, (long) from + STEP);
                        bytes.limit(to).position(from);
                        hasher.update(bytes);
                        progress.add(to - from);
                    }
                } finally {
                    unmap(window);
                }
                pos += len;
            }
            channel.position(pos);
        } catch (InternalError e) {
            // What the JVM throws when a mapped page vanished: the file was truncated under us. From
            // compiled code it comes late ("a fault occurred in a recent unsafe memory access"), at
            // the thread's next call into the JVM, which may be the unmapping: hence the whole loop.
            throw new IOException("file shrank while it was being read", e);
        }
        return pos - start;
    }

    /** A mapped window: its bytes, and the arena that unmaps it when closed (null without one). */
    private record Window(ByteBuffer bytes, AutoCloseable arena) {}

    private static Window map(FileChannel channel, long pos, long len) throws IOException {
        if (MAP_IN_ARENA == null) {
            return new Window(channel.map(FileChannel.MapMode.READ_ONLY, pos, len), null);
        }
        AutoCloseable arena;
        try {
            arena = (AutoCloseable) OF_CONFINED.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Arena.ofConfined failed", e);
        }
        try {
            Object segment = MAP_IN_ARENA.invoke(channel, FileChannel.MapMode.READ_ONLY, pos, len, arena);
            return new Window((ByteBuffer) AS_BYTE_BUFFER.invoke(segment), arena);
        } catch (InvocationTargetException e) {
            close(arena);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } catch (IllegalAccessException | RuntimeException e) {
            close(arena);
            throw new IllegalStateException("FileChannel.map with an Arena failed", e);
        }
    }

    private static void unmap(Window window) {
        if (window.arena() != null) {
            close(window.arena());
        } else if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invoke(UNSAFE, window.bytes());
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left to the garbage collector
            }
        }
    }

    private static void close(AutoCloseable arena) {
        try {
            arena.close();
        } catch (Exception e) {
            // Arena.close throws only for misuse (another thread's arena, closed twice), which this
            // class never does; the mapping is then left to the garbage collector
        }
    }
}
