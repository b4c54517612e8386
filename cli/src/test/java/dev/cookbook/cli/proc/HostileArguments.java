package dev.cookbook.cli.proc;

import java.util.List;

/**
 * The hostile arguments of issue 15 ("Must show"): what a shell would run,
 * expand or split if it were not quoted. Argv cannot hold a NUL; names that are not UTF-8 are
 * tested as bytes, with {@code -0}, in {@link QuoteIT}.
 */
final class HostileArguments {
    private HostileArguments() {}

    static final List<String> CORPUS = List.of(
            "/dev/null; ls -l /tmp",
            "$(touch MARKER)",
            "`touch MARKER`",
            "\"$(touch MARKER)\"",
            "'$(touch MARKER)'",
            "x; touch MARKER",
            "x | touch MARKER",
            "x & touch MARKER",
            "x && touch MARKER",
            ";",
            "|",
            "&",
            "'",
            "\"",
            "it's \"quoted\"",
            "'\"'\"'",
            "line\nbreak",
            "tab\there",
            "\r",
            "*",
            "~",
            "~/x",
            "$HOME",
            "${HOME}",
            "",
            " ",
            "-rf",
            "--",
            "-",
            "--help",
            "\\",
            "a\\nb",
            "#not a comment",
            "!",
            "{a,b}",
            "[x]",
            "<in >out",
            "été",
            "日本語",
            "😀",
            "\u00a0nbsp",
            "plain",
            "a=b,c:d/e.f@g%h+i_j-k");
}
