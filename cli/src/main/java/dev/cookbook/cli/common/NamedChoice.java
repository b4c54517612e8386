package dev.cookbook.cli.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option whose value is one of an enum's constants, spelled as the command line spells it: the
 * constant's name in lower case with {@code -} for {@code _} ({@code NON_NUMERIC} is
 * {@code non-numeric}), or the names and aliases that {@link #names} gives. The library's enums
 * know nothing of these spellings; this is where the CLI maps them.
 *
 * <p>Subclass it per enum with a no-argument constructor, and name the subclass as both the
 * option's {@code converter} and its {@code completionCandidates}: the shell then offers the same
 * first names that {@code ${COMPLETION-CANDIDATES}} lists in the help.
 *
 * <pre>{@code
 * static final class QuotingChoice extends NamedChoice<Quoting> {
 *     QuotingChoice() { super(Quoting.class, "quoting"); }
 * }
 * }</pre>
 */
public abstract class NamedChoice<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {
    private final Class<E> type;
    private final String what;

    /**
     * @param type the enum
     * @param what what a value is, for the error message: {@code unknown cipher 'x'}
     */
    protected NamedChoice(Class<E> type, String what) {
        this.type = type;
        this.what = what;
    }

    /**
     * The names {@code e} is accepted by, the first being the one shown in help, completion and
     * output. By default one name, derived from the constant's.
     */
    protected List<String> names(E e) {
        return List.of(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The name {@code e} is shown by. */
    public final String nameOf(E e) {
        return names(e).get(0);
    }

    @Override
    public final E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (names(e).contains(value)) {
                return e;
            }
        }
        String stripped = value.strip(); // ' sha256 ', as the library's old lookups took it
        for (E e : type.getEnumConstants()) { // SHA256 as well as sha256: names are not case-sensitive
            for (String name : names(e)) {
                if (name.equalsIgnoreCase(stripped)) {
                    return e;
                }
            }
        }
        throw new TypeConversionException(unknown(value));
    }

    /** The message for a value that names no constant; by default it lists the names to use. */
    protected String unknown(String value) {
        return "unknown " + what + " '" + value + "': use " + alternatives();
    }

    private String alternatives() {
        List<String> names = new ArrayList<>();
        iterator().forEachRemaining(names::add);
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The first name of each constant, in declaration order. */
    @Override
    public final Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(nameOf(e));
        }
        return names.iterator();
    }
}
