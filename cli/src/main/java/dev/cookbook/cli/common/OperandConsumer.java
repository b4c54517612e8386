package dev.cookbook.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes a run of operands ({@code FILE...}) in one pass, for a command without subcommands.
 *
 * <p>Why: for every operand, picocli asks whether it "resembles an option", and that test parses
 * the argument as a {@code Long} and as a {@code Double}, each failing with an exception: for the
 * thousands of names a shell glob such as {@code *} can pass, parsing then costs a sizeable part
 * of hashing them (measured in cli/bench/checksum-bench.sh). An argument that does not start with {@code -} cannot be an option here (every
 * option name starts with one, and there are no subcommands), so this consumer takes such arguments
 * without the test; at the first argument that starts with {@code -} it hands back to picocli,
 * which decides as it always does (option, {@code --}, or an operand such as {@code -} or
 * {@code -5}, which then comes back here).
 */
public final class OperandConsumer implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        List<String> operands = argSpec.getValue();
        if (operands == null) {
            operands = new ArrayList<>();
            argSpec.setValue(operands);
        }
        operands.add(args.pop()); // picocli has decided that this one is an operand
        while (!args.isEmpty() && !args.peek().startsWith("-")) {
            operands.add(args.pop());
        }
    }
}
