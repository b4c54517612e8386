package dev.cookbook.cli.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An enum option spelled in lower case on the command line ({@code NON_NUMERIC} is
 * {@code non-numeric}), with its values offered for completion. Subclass it per enum, with a
 * no-argument constructor, and name the subclass as both {@code converter} and
 * {@code completionCandidates}.
 */
public abstract class EnumChoice<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {
    private final Class<E> type;

    public EnumChoice(Class<E> type) {
        this.type = type;
    }

    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equals(value)) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(name(e));
        }
        return names.iterator();
    }
}
