package dev.cookbook.cli.csv;

import dev.cookbook.csv.Dialect;
import picocli.CommandLine.Option;

/**
 * The dialect parameters only Python's csv reader uses (its writer ignores them), as options of
 * {@code csv read}; the rest are {@link CsvDialectOptions}.
 */
public final class CsvReadingOptions {
    @Option(names = "--skipinitialspace", description = "Ignore spaces right after a delimiter.")
    boolean skipInitialSpace;

    Dialect.Builder apply(Dialect.Builder b) {
        return b.skipInitialSpace(skipInitialSpace);
    }
}
