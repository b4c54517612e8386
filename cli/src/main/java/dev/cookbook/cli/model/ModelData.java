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
    record TypeModel(Command command, int[] exitCodes, String[] fields, Annotation[] annotations, Class<?>[][] types) {}
}
