package dev.cookbook.cli;

/** The {@code cookbook} executable's entry point: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(CookbookCli.run(Stdio.system(), args));
    }
}
