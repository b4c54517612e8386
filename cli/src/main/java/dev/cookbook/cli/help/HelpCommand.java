package dev.cookbook.cli.help;

import dev.cookbook.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code cookbook help [COMMAND...]}: the help of any command in the tree, {@code help key gen}
 * included (picocli's own help command looks one level down only), printed exactly as
 * {@code cookbook key gen --help} prints it.
 */
@Command(
        name = "help",
        helpCommand = true,
        mixinStandardHelpOptions = true,
        description = "Print the help of a command: cookbook help csv read is cookbook csv read --help.",
        footerHeading = "%nExamples:%n",
        footer = {"  cookbook help checksum", "  cookbook help key gen"})
@ExitCodes.Returns({ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command, with its subcommand if it has some.")
    List<String> commands = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colorScheme;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colorScheme = colorScheme;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine parent = self.getParent();
        CommandLine target = parent;
        for (int i = 0; i < commands.size(); i++) {
            CommandLine sub = target.getSubcommands().get(commands.get(i));
            if (sub == null) {
                throw new UnmatchedArgumentException(target, commands.subList(i, commands.size()));
            }
            target = sub;
        }
        target.usage(out, colorScheme != null ? colorScheme : target.getColorScheme());
        return ExitCodes.OK;
    }
}
