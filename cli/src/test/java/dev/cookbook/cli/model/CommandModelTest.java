package dev.cookbook.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Range;

/**
 * The model {@link CommandModel} builds from the build-time data is the one picocli builds from the
 * annotations, for every command: every attribute of every command, option, positional parameter
 * and group picocli exposes, and the help text. So a command's annotations stay the one definition,
 * and any attribute the generator or the builder misses shows here by name.
 */
class CommandModelTest {
    /** Attributes that are links or live state rather than definition. */
    private static final Set<String> SKIPPED = Set.of(
            "command",
            "group",
            "parent",
            "root",
            "userObject",
            "commandLine",
            "getter",
            "setter",
            "scope",
            "messages",
            "resourceBundle",
            "typeInfo",
            "argSpecs",
            "toString",
            "hashCode",
            "annotatedElement");

    @Test
    void theBuildMadeTheModel() {
        assertTrue(CommandModel.generated(), "GeneratedModel missing: the build's ModelGenerator step did not run");
    }

    @Test
    void everyCommandIsModelledAsPicocliReadsItsAnnotations() throws Exception {
        List<Object> roots = new ArrayList<>();
        roots.add(root());
        roots.addAll(CookbookCli.COMMANDS);
        for (Object command : roots) {
            CommandLine reflected =
                    new CommandLine(command instanceof Class<?> type ? type : root(), CommandLine.defaultFactory());
            CommandLine generated = new CommandLine(
                    CommandModel.spec(command instanceof Class<?> ? command : root(), CommandLine.defaultFactory()),
                    CommandLine.defaultFactory());
            assertSameLines(describe(reflected), describe(generated), String.valueOf(command));
        }
    }

    @Test
    void exitCodesAreTheDeclaredOnes() {
        for (Class<?> command : CookbookCli.COMMANDS) {
            dev.cookbook.cli.ExitCodes.Returns returns =
                    command.getAnnotation(dev.cookbook.cli.ExitCodes.Returns.class);
            assertEquals(
                    returns == null ? null : Arrays.toString(returns.value()),
                    CommandModel.exitCodes(command) == null ? null : Arrays.toString(CommandModel.exitCodes(command)),
                    command.getName());
        }
    }

    /**
     * The generated code reaches every annotated field of cookbook's classes as reflection does: it
     * makes an object of each class it can, reads each field's initial value, and sets it back.
     */
    @Test
    void theGeneratedCodeReachesEveryFieldAsReflectionDoes() throws Exception {
        List<Class<?>> roots = new ArrayList<>(List.of(dev.cookbook.cli.CookbookCommand.class));
        roots.addAll(CookbookCli.COMMANDS);
        int fields = 0;
        for (Class<?> type : ModelGenerator.classes(roots)) {
            ModelData.TypeModel model = CommandModel.describe(type);
            if (model == null || !type.getName().startsWith("dev.cookbook.")) {
                continue;
            }
            Object object = model.access().create(null);
            if (object == null) {
                continue; // made by picocli's factory (a constructor taking arguments): none here
            }
            assertEquals(type, object.getClass());
            for (int i = 0; i < model.fields().length; i++) {
                if (model.fields()[i].endsWith("()")) {
                    continue;
                }
                java.lang.reflect.Field field = type.getDeclaredField(model.fields()[i]);
                field.setAccessible(true);
                Object value = model.access().get(object, i);
                assertEquals(field.get(object), value, field.toString());
                Object other = field.getType() == boolean.class
                        ? (Object) !(Boolean) value
                        : field.getType() == int.class
                                ? (Object) ((Integer) value + 1)
                                : field.getType() == double.class
                                        ? (Object) ((Double) value + 1)
                                        : field.getType().isPrimitive() ? value : null;
                model.access().set(object, i, other);
                assertEquals(other, field.get(object), field.toString());
                model.access().set(object, i, value);
                assertEquals(value, field.get(object), field.toString());
                fields++;
            }
        }
        assertTrue(fields > 150, fields + " fields");
    }

    /** Converters and the like, which picocli makes through the factory, are made by generated code too. */
    @Test
    void convertersAreMadeWithoutReflection() throws Exception {
        Object made = CommandModel.factory(CommandLine.defaultFactory())
                .create(dev.cookbook.cli.common.DurationConverter.class);
        assertEquals(dev.cookbook.cli.common.DurationConverter.class, made.getClass());
        assertTrue(CommandModel.create(dev.cookbook.cli.common.DurationConverter.class, null) != null);
        assertEquals(null, CommandModel.create(String.class, null)); // not cookbook's: picocli's factory
    }

    /** A private annotated field stops the build, naming it: reaching it would take reflection. */
    @Test
    void theGeneratorRefusesAPrivateField() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> ModelGenerator.accessSource("dev.cookbook.cli.model", List.of(PrivateOption.class)));
        assertTrue(e.getMessage().contains("PrivateOption.name"), e.getMessage());
    }

    /** Another library's class with annotated members: its values could not reach its objects. */
    @Test
    void theGeneratorRefusesAnotherLibrarysMembers() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> ModelGenerator.accessSource(
                        "dev.cookbook.cli.model", List.of(picocli.CommandLine.HelpCommand.class)));
        assertTrue(e.getMessage().contains("picocli.CommandLine$HelpCommand"), e.getMessage());
    }

    /** picocli's help mixin keeps its fields private: the access object holds their values, for each model apart. */
    @Test
    void theHelpMixinsValuesAreHeld() throws Exception {
        Class<?> help = ModelData.type(ModelGenerator.STANDARD_HELP);
        Object mixin = CommandLine.defaultFactory().create(help);
        ModelData.TypeModel model = CommandModel.describe(help);
        assertEquals(false, model.access().get(mixin, 0));
        model.access().set(mixin, 0, true);
        assertEquals(true, model.access().get(mixin, 0));
        assertEquals(false, model.access().get(mixin, 1));
        assertEquals(false, CommandModel.describe(help).access().get(mixin, 0));
    }

    /** Whichever of CommandModel and the generated class is initialized first, the model is found. */
    @Test
    void theModelIsFoundWhicheverClassLoadsFirst() throws Exception {
        for (String first : List.of(ModelGenerator.GENERATED, CommandModel.class.getName())) {
            java.net.URL classes =
                    CommandModel.class.getProtectionDomain().getCodeSource().getLocation();
            ClassLoader parent = CommandModel.class.getClassLoader();
            try (java.net.URLClassLoader isolated = new java.net.URLClassLoader(new java.net.URL[] {classes}, parent) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith("dev.cookbook.cli.model.")) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
            }) {
                Class.forName(first, true, isolated);
                Class<?> model = Class.forName(CommandModel.class.getName(), true, isolated);
                assertEquals(true, model.getMethod("generated").invoke(null), "initialized first: " + first);
            }
        }
    }

    static final class PrivateOption {
        @CommandLine.Option(names = "--name")
        private String name;
    }

    /** Equal texts, or a failure naming the first line that differs. */
    private static void assertSameLines(String expected, String actual, String what) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), what + ", line " + (i + 1));
        }
        assertEquals(want.size(), got.size(), what + ": number of lines\n" + actual);
    }

    private static Object root() throws Exception {
        Constructor<?> make = Class.forName("dev.cookbook.cli.CookbookCommand").getDeclaredConstructor(Stdio.class);
        make.setAccessible(true);
        return make.newInstance(new Stdio(
                InputStream.nullInputStream(),
                OutputStream.nullOutputStream(),
                OutputStream.nullOutputStream(),
                false,
                false,
                false));
    }

    private static String describe(CommandLine cl) {
        StringBuilder s = new StringBuilder();
        describe(cl, s);
        return s.toString();
    }

    private static void describe(CommandLine cl, StringBuilder s) {
        CommandSpec spec = cl.getCommandSpec();
        s.append("command ").append(spec.qualifiedName()).append('\n');
        s.append(attributes(spec));
        s.append("usage ").append(attributes(spec.usageMessage()));
        s.append("parser ").append(attributes(spec.parser()));
        s.append("mixins ").append(spec.mixins().keySet()).append('\n');
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            s.append("mixin ").append(mixin.getKey()).append(' ').append(attributes(mixin.getValue()));
        }
        for (ArgSpec arg : spec.args()) {
            s.append(arg.isOption() ? "option " : "positional ").append(attributes(arg));
            s.append("  type ")
                    .append(arg.typeInfo().getType().getName())
                    .append(' ')
                    .append(text(arg.typeInfo().getAuxiliaryTypes()))
                    .append(' ')
                    .append(arg.typeInfo().isMultiValue())
                    // not getActualGenericTypeArguments(): the model leaves it empty; picocli reads it
                    // only for @Unmatched, which the generator refuses
                    .append(" in ")
                    .append(arg.group() == null ? "no group" : arg.group().synopsis())
                    .append('\n');
        }
        for (ArgGroupSpec group : spec.argGroups()) {
            s.append("group ").append(attributes(group));
            s.append("  type ")
                    .append(group.typeInfo().getType().getName())
                    .append(' ')
                    .append(text(group.typeInfo().getAuxiliaryTypes()))
                    .append('\n');
        }
        s.append("help\n").append(cl.getUsageMessage(Help.Ansi.OFF));
        for (CommandLine sub : cl.getSubcommands().values()) {
            describe(sub, s);
        }
    }

    /** Every public attribute of {@code o}: its no-argument methods that return a value, by name. */
    private static String attributes(Object o) {
        List<Method> methods = new ArrayList<>();
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class
                    && method.getDeclaringClass() != Object.class
                    && !method.getReturnType().getSimpleName().equals("Builder")
                    && !method.getReturnType().getName().startsWith("picocli.CommandLine$Model$")
                    && !SKIPPED.contains(method.getName())) {
                methods.add(method);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        StringBuilder s = new StringBuilder();
        for (Method method : methods) {
            Object value;
            try {
                value = method.invoke(o);
            } catch (ReflectiveOperationException e) {
                value = "threw " + e.getCause();
            }
            s.append("\n  ").append(method.getName()).append('=').append(text(value));
        }
        // an object's identity (Object.toString's "@1b6d3586") differs from one model to the other
        return s.append('\n').toString().replaceAll("@[0-9a-f]{5,}\\b", "@");
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Object[] array) {
            List<String> items = new ArrayList<>();
            for (Object item : array) {
                items.add(text(item));
            }
            return items.toString();
        } else if (value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value});
        } else if (value instanceof Class<?> type) {
            return type.getName();
        } else if (value instanceof Map<?, ?> map) {
            List<String> items = new ArrayList<>();
            map.forEach((k, v) -> items.add(text(k) + "=" + text(v)));
            return items.toString();
        } else if (value instanceof Iterable<?> items && !(value instanceof Range)) {
            List<String> texts = new ArrayList<>();
            items.forEach(item -> texts.add(text(item)));
            return texts.toString();
        }
        try {
            boolean own = value.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            return own ? value.toString() : value.getClass().getName();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
