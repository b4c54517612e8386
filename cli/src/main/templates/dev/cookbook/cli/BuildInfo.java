package dev.cookbook.cli;

/**
 * What {@code --version} names, written into the class at build time (cli/pom.xml copies this
 * template from src/main/templates). Constants, not a resource file: reading a resource opens the
 * jar, and a call that finds all its classes in the class-data archive never opens it otherwise.
 */
final class BuildInfo {
    /** The project version. */
    static final String VERSION = "@VERSION@";

    /** {@code git describe} of the checkout built, or "unknown". */
    static final String COMMIT = "@COMMIT@";

    private BuildInfo() {}
}
