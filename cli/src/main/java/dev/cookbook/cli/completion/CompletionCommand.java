package dev.cookbook.cli.completion;

import dev.cookbook.cli.ExitCodes;
import java.util.concurrent.Callable;
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
@ExitCodes.Returns({ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells we generate for. */
    public enum Shell {
        bash,
        zsh
    }

    @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell, spec.root().commandLine()));
        return ExitCodes.OK;
    }

    /** The script for {@code shell}, generated from the command tree under {@code root}. */
    public static String script(Shell shell, CommandLine root) {
        return shell == Shell.zsh ? CompletionScript.zsh(root) : CompletionScript.bash(root);
    }
}
