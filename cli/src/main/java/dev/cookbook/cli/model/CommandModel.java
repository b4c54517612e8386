package dev.cookbook.cli.model;

import dev.cookbook.cli.model.ModelData.TypeModel;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.InitializationException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Builds a command's picocli model from the annotation values recorded at build time
 * ({@link ModelData}, written by {@link ModelGenerator}) instead of from reflection, the way picocli's
 * {@code CommandSpec.forAnnotatedObject} builds it from the annotations: the same specs, in the same
 * order, with picocli's own builders doing the work for each option ({@code OptionSpec.builder}
 * takes an {@link IAnnotatedElement}). It covers what cookbook's commands use: {@code @Command}
 * with subcommands, and fields with {@code @Option}, {@code @Parameters}, {@code @Mixin},
 * {@code @ArgGroup} and {@code @Spec}; the generator refuses anything else at build time.
 *
 * <p>Without the generated data (classes compiled by an IDE rather than Maven) it falls back to
 * picocli's reflection, which gives the same model, only slower.
 */
public final class CommandModel {
    /** The generated {@link ModelData}, which registers itself as it is initialized. */
    private static volatile ModelData registered;

    /** Whether {@link #data} has looked for the generated class. */
    private static volatile boolean looked;

    private CommandModel() {}

    /**
     * The generated {@link ModelData}, or null when the build did not make it. The class is loaded
     * by name, and its static initializer {@link #register registers} it, so that no constructor is
     * called by reflection (which costs Java 25 a method-handle class spun at run time). Not cached
     * in a final field of this class: whichever of the two classes is initialized first, the other
     * then finds the registration (this class's initializer does not load the generated one).
     */
    private static ModelData data() {
        if (!looked) {
            try {
                Class.forName(ModelGenerator.GENERATED, true, CommandModel.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // an IDE build: the annotations are read instead
            }
            looked = true;
        }
        return registered;
    }

    /** Called by the generated class as it is initialized. */
    static void register(ModelData data) {
        registered = data;
    }

    /**
     * Whether the build-time model is there (a test holds every build to it); without it, models
     * and exit codes are read from the annotations.
     */
    public static boolean generated() {
        return data() != null;
    }

    /** The model of {@code command}, an object or a class for {@code factory} to make, with its subcommands. */
    public static CommandSpec spec(Object command, IFactory factory) {
        return spec(command, factory, null);
    }

    /**
     * The model of {@code command} with, when {@code next} is the name or an alias of one of its
     * subcommands, only that one (and all of its own): the word after the command on a command
     * line that names it plainly ({@code csv read}), which no other subcommand could then parse.
     * Otherwise every one, for picocli's help, suggestions and errors. Each model costs start-up
     * time (the README's start-up section).
     */
    public static CommandSpec spec(Object command, IFactory factory, String next) {
        ModelData data = data();
        if (data == null) {
            return CommandSpec.forAnnotatedObject(command, factory);
        }
        Class<?> commandType = command instanceof Class<?> type ? type : command.getClass();
        Object instance = command instanceof Class<?> type ? create(factory, type) : command;
        CommandSpec spec = CommandSpec.wrapWithoutInspection(instance, factory);
        IScope scope = new Scope(instance);
        boolean standardHelp = false;
        for (Class<?> type : hierarchy(commandType)) {
            TypeModel model = data.describe(type.getName());
            if (model == null) {
                continue;
            }
            Command annotation = model.command();
            if (annotation != null) {
                spec.updateCommandAttributes(annotation, factory);
                standardHelp |= annotation.mixinStandardHelpOptions();
                for (Class<?> sub : named(data, annotation.subcommands(), next)) {
                    CommandSpec subSpec = spec(sub, factory);
                    spec.addSubcommand(subSpec.name(), new CommandLine(subSpec, factory));
                }
            }
            addMembers(spec, type, model, scope, null, factory);
        }
        if (standardHelp) {
            addStandardHelp(spec, factory);
        }
        return spec;
    }

    /** The one of {@code subcommands} called {@code name}, if there is one; else all of them. */
    private static List<Class<?>> named(ModelData data, Class<?>[] subcommands, String name) {
        if (name != null) {
            for (Class<?> sub : subcommands) {
                TypeModel model = data.describe(sub.getName());
                Command c = model == null ? null : model.command();
                if (c != null
                        && (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name))) {
                    return List.of(sub);
                }
            }
        }
        return Arrays.asList(subcommands);
    }

    /**
     * {@code -h/--help} and {@code -V/--version}, after the command's own options, as picocli's
     * {@code mixinStandardHelpOptions(true)} adds them: picocli's own mixin, whose annotations the
     * generator recorded too, under picocli's key, unless the command has options of those names.
     */
    private static void addStandardHelp(CommandSpec spec, IFactory factory) {
        CommandSpec help = spec(ModelData.type(ModelGenerator.STANDARD_HELP), factory);
        for (String name : help.optionsMap().keySet()) {
            if (spec.optionsMap().containsKey(name)) {
                return;
            }
        }
        spec.addMixin("mixinStandardHelpOptions", help);
    }

    /** The build-time data of {@code type}, or null (tests). */
    static TypeModel describe(Class<?> type) {
        return data() == null ? null : data().describe(type.getName());
    }

    /** The codes {@code type} declares with {@code @ExitCodes.Returns}, or null when it declares none. */
    public static int[] exitCodes(Class<?> type) {
        TypeModel model = data() == null ? null : data().describe(type.getName());
        return model == null ? null : model.exitCodes();
    }

    private static void addMembers(
            CommandSpec spec,
            Class<?> type,
            TypeModel model,
            IScope scope,
            ArgGroupSpec.Builder group,
            IFactory factory) {
        for (int i = 0; i < model.fields().length; i++) {
            Member member = member(type, model, i, scope);
            Annotation annotation = model.annotations()[i];
            if (annotation instanceof Mixin) {
                CommandSpec mixin = spec(mixinObject(member, factory), factory).withToString(member.getToString());
                spec.addMixin(member.getMixinName(), mixin, member);
                for (IAnnotatedElement element : mixin.specElements()) {
                    if (element.getAnnotation(Spec.class).value() == Spec.Target.MIXEE) {
                        inject(element, spec);
                    }
                }
            } else if (annotation instanceof ArgGroup) {
                ArgGroupSpec argGroup = argGroup(spec, member, factory);
                if (group == null) {
                    spec.addArgGroup(argGroup);
                } else {
                    group.addSubgroup(argGroup);
                }
            } else if (annotation instanceof Option || annotation instanceof Parameters) {
                var arg = annotation instanceof Option
                        ? OptionSpec.builder(member, factory).build()
                        : PositionalParamSpec.builder(member, factory).build();
                if (group == null) {
                    spec.add(arg);
                } else {
                    group.addArg(arg);
                }
            } else if (annotation instanceof Spec specAnnotation) {
                if (group != null) {
                    group.addSpecElement(member); // picocli injects it when it makes the group's object
                } else {
                    spec.addSpecElement(member);
                    if (specAnnotation.value() == Spec.Target.SELF) {
                        member.set(spec);
                    }
                }
            } else {
                throw new InitializationException("unsupported annotation on " + member + ": " + annotation);
            }
        }
    }

    /** The group of options a field holds, as picocli builds it: one object, or one per match of a list. */
    private static ArgGroupSpec argGroup(CommandSpec spec, Member member, IFactory factory) {
        Object instance = member.get();
        Class<?> type = member.isMultiValue()
                ? member.getTypeInfo().getAuxiliaryTypes()[0]
                : instance == null ? member.getTypeInfo().getType() : instance.getClass();
        ArgGroupSpec.Builder builder = ArgGroupSpec.builder(member);
        builder.updateArgGroupAttributes(member.getAnnotation(ArgGroup.class));
        IScope scope = new Scope(instance);
        for (Class<?> level : hierarchy(type)) {
            TypeModel model = data().describe(level.getName());
            if (model != null) {
                addMembers(spec, level, model, scope, builder, factory);
            }
        }
        return builder.build();
    }

    private static Object mixinObject(Member member, IFactory factory) {
        Object mixin = member.get();
        if (mixin == null) {
            mixin = create(factory, member.getTypeInfo().getType());
            member.set(mixin);
        }
        return mixin;
    }

    /** Sets a mixin's {@code @Spec(MIXEE)} field to the spec of the command it is mixed into. */
    private static void inject(IAnnotatedElement element, CommandSpec spec) {
        try {
            element.setter().set(spec);
        } catch (Exception e) {
            throw new InitializationException("Could not inject MIXEE spec", e);
        }
    }

    private static Object create(IFactory factory, Class<?> type) {
        Object made = create(type, null);
        if (made != null) {
            return made;
        }
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new InitializationException("could not make " + type.getName() + ": " + e, e);
        }
    }

    /**
     * A new {@code type} made by the generated code, given the raw arguments when it has a
     * constructor taking them (to begin work early), else its constructor taking none; null when the
     * generated code cannot make one (or there is no generated model).
     */
    public static Object create(Class<?> type, String[] args) {
        ModelData.Access access = data() == null ? null : data().access(type.getName());
        return access == null ? null : access.create(args);
    }

    /**
     * {@code fallback}, but for the classes the generated code makes without reflection: picocli
     * makes objects too (a command given by its class, an argument group's object as it is matched).
     */
    public static IFactory factory(IFactory fallback) {
        if (data() == null) {
            return fallback;
        }
        return new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Object made = CommandModel.create(type, null);
                return type.isInstance(made) ? type.cast(made) : fallback.create(type);
            }
        };
    }

    /** Member {@code index} of {@code model}: the field of its name, or for {@code name()} the setter of that name. */
    private static Member member(Class<?> type, TypeModel model, int index, IScope scope) {
        String name = model.fields()[index];
        Annotation annotation = model.annotations()[index];
        Class<?>[] types = model.types()[index];
        try {
            if (!name.endsWith("()")) {
                return new Member(type.getDeclaredField(name), annotation, types, scope, model.access(), index);
            }
            String method = name.substring(0, name.length() - 2);
            for (Method setter : type.getDeclaredMethods()) {
                if (setter.getName().equals(method) && setter.getParameterCount() == 1) {
                    return new Member(setter, annotation, types, scope, model.access(), index);
                }
            }
        } catch (NoSuchFieldException e) {
            // below
        }
        throw new InitializationException("stale command model: no " + name + " in " + type.getName());
    }

    /** {@code type} and its superclasses but Object, the topmost first, as picocli reads them. */
    private static Deque<Class<?>> hierarchy(Class<?> type) {
        Deque<Class<?>> classes = new ArrayDeque<>();
        for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
            classes.push(level);
        }
        return classes;
    }

    /** The object a command's or group's fields belong to; picocli swaps it when it makes a group's object. */
    private static final class Scope implements IScope {
        private Object value;

        Scope(Object value) {
            this.value = value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T old = (T) this.value;
            this.value = value;
            return old;
        }
    }
}
