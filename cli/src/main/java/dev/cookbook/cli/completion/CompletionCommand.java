package dev.cookbook.cli.completion;

import dev.cookbook.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cookbook completion bash|zsh}: prints a completion script generated from the commands themselves. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print a shell completion script for bash or zsh.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(cookbook completion bash)              # this bash session",
            "  cookbook completion bash > ~/.local/share/bash-completion/completions/cookbook",
            "  echo 'source <(cookbook completion zsh)' >> ~/.zshrc",
        })
public final class CompletionCommand implements Callable<Integer> {

    /** The shells we generate for. */
    enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    private Shell shell;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell, spec.root().commandLine()));
        return ExitCodes.OK;
    }

    /**
     * The script for {@code shell}. Picocli writes one script for both shells: under zsh it loads
     * zsh's bash-completion emulation ({@code bashcompinit}) itself, so the zsh script is the same
     * program with a zsh header.
     */
    static String script(Shell shell, CommandLine root) {
        String body = AutoComplete.bash("cookbook", root);
        if (shell == Shell.zsh) {
            return "# zsh completion for cookbook: add 'source <(cookbook completion zsh)' to ~/.zshrc,\n"
                    + "# or source this file. It runs picocli's completion through zsh's bashcompinit.\n"
                    + body;
        }
        return body;
    }
}
