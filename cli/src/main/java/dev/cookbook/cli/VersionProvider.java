package dev.cookbook.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: cookbook's version and the commit it was built from, and the Java runtime it
 * runs on. {@link Main} prints {@link #lines()} itself for a plain {@code cookbook --version},
 * without building any command.
 */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return lines();
    }

    /** The lines {@code --version} prints. */
    static String[] lines() {
        return new String[] {
            "cookbook " + BuildInfo.VERSION + " (commit " + BuildInfo.COMMIT + ")",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ") in "
                    + System.getProperty("java.home"),
        };
    }
}
