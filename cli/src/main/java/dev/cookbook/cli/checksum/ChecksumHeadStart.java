package dev.cookbook.cli.checksum;

import dev.cookbook.crypto.digest.DigestAlgorithm;
import dev.cookbook.crypto.digest.HeadStart;
import java.util.Optional;
import java.util.Set;

/** The guess, from the raw arguments, at the file {@code cookbook checksum} will hash first. */
public final class ChecksumHeadStart {
    /** Options that change only how results are printed, not what is read: a head start may pass them. */
    private static final Set<String> PRINT_OPTIONS =
            Set.of("--tag", "-b", "--binary", "-t", "--text", "-z", "--zero", "--json", "--progress", "--no-progress");

    private ChecksumHeadStart() {}

    /**
     * Starts hashing the first FILE of {@code args} before they are parsed, when they are plainly a
     * {@code checksum} of files ({@code checksum [-a ALGO] [print options] FILE...}): building and
     * running the command line costs about 0.15 s, during which the other core reads the file. This
     * class stays clear of picocli so that the work starts before picocli's classes load.
     * Anything less plain (other options, {@code -}, {@code @file}, {@code --}) gets no head start;
     * a guess that turns out wrong is dropped (see {@link HeadStart}).
     *
     * @return the started work, or null
     */
    public static HeadStart begin(String[] args) {
        if (args.length < 2 || !args[0].equals("checksum")) {
            return null;
        }
        DigestAlgorithm algo = DigestAlgorithm.SHA256;
        String first = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = null;
            if (arg.equals("-a") || arg.equals("--algorithm")) {
                if (++i == args.length) {
                    return null;
                }
                name = args[i];
            } else if (arg.startsWith("--algorithm=")) {
                name = arg.substring("--algorithm=".length());
            } else if (arg.startsWith("-") || arg.startsWith("@")) {
                if (!PRINT_OPTIONS.contains(arg)) {
                    return null;
                }
            } else if (first == null) {
                first = arg;
            }
            if (name != null) {
                Optional<DigestAlgorithm> named = DigestAlgorithm.fromName(name);
                if (named.isEmpty()) {
                    return null;
                }
                algo = named.get();
            }
        }
        return first == null ? null : HeadStart.begin(first, algo);
    }
}
