package dev.cookbook.cli.completion;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Which options and operands expect a file name, so that completion offers file names there. An
 * argument expects a file when its type is {@link File} or {@link Path} (or a collection or array of
 * them), or when its label, as {@code --help} shows it, is one of {@link #LABELS}: most commands
 * keep names as typed ({@code String}), so that {@code -} and names like {@code ./a//b} survive,
 * and the label is what tells the user (and this class) that a file goes there.
 *
 * <p>A label that reads like a file but is not one must be renamed where it is declared: {@code
 * csv read --restkey} names a JSON key, so it is labelled {@code NAME}, not {@code KEY}.
 */
public final class FileArguments {
    /** The labels of file arguments: add a label here when a new command introduces one. */
    public static final Set<String> LABELS =
            Set.of("FILE", "IN", "OUT", "KEY", "PUB", "SIG", "PATH", "DIR", "IDENTITY", "CERT");

    private FileArguments() {}

    /** Whether {@code arg} takes a file name. */
    public static boolean expectsFile(ArgSpec arg) {
        if (isFileType(arg.type())) {
            return true;
        }
        for (Class<?> type : arg.auxiliaryTypes()) {
            if (isFileType(type)) {
                return true;
            }
        }
        String label = arg.paramLabel().replace("<", "").replace(">", "").replace("...", "");
        return LABELS.contains(label.toUpperCase(Locale.ROOT));
    }

    private static boolean isFileType(Class<?> type) {
        return type != null
                && (File.class.isAssignableFrom(type)
                        || Path.class.isAssignableFrom(type)
                        || (type.isArray() && isFileType(type.getComponentType())));
    }
}
