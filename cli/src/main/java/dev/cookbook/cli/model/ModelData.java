package dev.cookbook.cli.model;

import java.lang.annotation.Annotation;
import picocli.CommandLine.Command;

/**
 * The picocli annotations of cookbook's command classes, as {@link ModelGenerator} read them at
 * build time. The generated implementation holds them as plain objects (classes implementing the
 * annotation interfaces), so a run reads no annotation: the JVM makes a proxy class at run time for
 * every annotation type read, ~6 ms each, and neither Java 17's nor Java 25's class-data archive can
 * hold those (the README's start-up section).
 */
public interface ModelData {
    /** The annotations of the class named {@code className}, or null when it has none that matter. */
    TypeModel describe(String className);

    /** The generated code that reaches the class named {@code className}, or null when it has none. */
    Access access(String className);

    /** The class named {@code name}, by name: the generated code names private classes too. */
    static Class<?> type(String name) {
        try {
            return Class.forName(name, false, ModelData.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stale command model: no class " + name, e);
        }
    }

    /**
     * A class's annotations: its {@code @Command} (or null), the codes of its
     * {@code @ExitCodes.Returns} (or null), and its annotated members with their one picocli
     * annotation each and their element types as picocli infers them from the generic type (Path for
     * a {@code List<Path>}): the fields in the order the class declares them, then its setter methods
     * (named {@code name()}), as picocli reads them.
     */
    record TypeModel(
            Command command,
            int[] exitCodes,
            String[] fields,
            Annotation[] annotations,
            Class<?>[][] types,
            Access access) {}

    /**
     * A class's annotated members and constructors, reached by generated code in the class's own
     * package instead of by reflection: on Java 18 and later every reflective field access and
     * constructor call is made of method handles, whose classes are spun at run time on each start
     * (no archive holds them), ~12 ms of every call on Java 25 (the README's start-up section).
     * Members are numbered as in {@link TypeModel#fields}.
     */
    interface Access {
        /** The value of member {@code index} in {@code target}; a setter method has none (null). */
        Object get(Object target, int index);

        /** Sets member {@code index} in {@code target}: assigns the field, or calls the setter. */
        void set(Object target, int index, Object value);

        /**
         * A new object of the class: with {@code args} when it has a constructor taking the raw
         * arguments and {@code args} is not null, else with its constructor taking none; null when it
         * has neither that code outside it can call (picocli's help mixin, which picocli's factory
         * then makes).
         */
        Object create(String[] args);
    }
}
