package dev.cookbook.cli.model;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.CookbookCommand;
import dev.cookbook.cli.ExitCodes;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;

/**
 * Build time only (run by the cli pom in {@code process-classes}, compiled with what it writes and
 * left out of the shaded jar): reads the picocli annotations of every command class, the way
 * picocli would at run time, and writes them as Java source for {@link CommandModel}:
 * {@code GeneratedModel} (a {@link ModelData}) and, for each annotation type, a class implementing
 * it with the values given. The annotations in the sources stay the one place a command is defined.
 *
 * <p>It starts from the root command and {@link CookbookCli#COMMANDS} and follows subcommands,
 * mixins, argument groups and superclasses. What {@link CommandModel} does not build (an annotated
 * method, {@code @Unmatched}, {@code @ParentCommand}, a field with two picocli annotations) stops
 * the build here, with its name.
 */
public final class ModelGenerator {
    /** The class this writes, which {@link CommandModel} loads by name. */
    static final String GENERATED = "dev.cookbook.cli.model.GeneratedModel";

    /** picocli's mixin of {@code -h/--help} and {@code -V/--version} (not public), by name. */
    static final String STANDARD_HELP = "picocli.CommandLine$AutoHelpMixin";

    private static final String PACKAGE = "dev.cookbook.cli.model";

    /** The simple name of the class written into each package to reach its classes' members. */
    static final String ACCESS = "GeneratedAccess";

    /** The annotations {@link CommandModel} builds from, each with the class that holds its values. */
    private static final List<Class<? extends Annotation>> KINDS =
            List.of(Command.class, Option.class, Parameters.class, Mixin.class, ArgGroup.class, Spec.class);

    private ModelGenerator() {}

    /** {@code ModelGenerator SOURCE_DIR}: writes the sources under SOURCE_DIR/dev/cookbook/cli/model. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path dir = Paths.get(args[0], PACKAGE.split("\\."));
        Files.createDirectories(dir);
        for (Class<? extends Annotation> kind : KINDS) {
            write(dir.resolve(valueClass(kind) + ".java"), valueSource(kind));
        }
        List<Class<?>> roots = new ArrayList<>();
        roots.add(CookbookCommand.class);
        roots.add(Class.forName(STANDARD_HELP));
        roots.addAll(CookbookCli.COMMANDS);
        Set<Class<?>> classes = classes(roots);
        Set<Class<?>> reached = new LinkedHashSet<>(classes);
        reached.addAll(made(classes));
        write(dir.resolve("GeneratedModel.java"), modelSource(classes, reached));
        Map<String, List<Class<?>>> byPackage = new LinkedHashMap<>();
        for (Class<?> type : reached) {
            byPackage
                    .computeIfAbsent(accessPackage(type), p -> new ArrayList<>())
                    .add(type);
        }
        for (Map.Entry<String, List<Class<?>>> entry : byPackage.entrySet()) {
            Path packageDir = Paths.get(args[0], entry.getKey().split("\\."));
            Files.createDirectories(packageDir);
            write(packageDir.resolve(ACCESS + ".java"), accessSource(entry.getKey(), entry.getValue()));
        }
    }

    private static void write(Path file, String source) throws IOException {
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    /** Every class whose annotations a command's model needs, each once, in the order found. */
    static Set<Class<?>> classes(List<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type == Object.class || !seen.add(type)) {
                continue;
            }
            if (type.getSuperclass() != null) {
                todo.add(type.getSuperclass());
            }
            Command command = type.getAnnotation(Command.class);
            if (command != null) {
                if (command.scope() == CommandLine.ScopeType.INHERIT) {
                    throw new IllegalStateException("@Command(scope = INHERIT) not supported by CommandModel: " + type);
                }
                todo.addAll(Arrays.asList(command.subcommands()));
            }
            for (AnnotatedElement member : members(type)) { // refuses what CommandModel cannot build, early
                Annotation annotation = annotation(member, ((java.lang.reflect.Member) member).getModifiers());
                Class<?> memberType =
                        member instanceof Field field ? field.getType() : ((Method) member).getParameterTypes()[0];
                Type generic = member instanceof Field field
                        ? field.getGenericType()
                        : ((Method) member).getGenericParameterTypes()[0];
                if (annotation instanceof Mixin) {
                    todo.add(memberType);
                } else if (annotation instanceof ArgGroup) {
                    // the group's class: the element type picocli infers for an array or a collection
                    todo.add(elementTypes(memberType, generic, annotation)[0]);
                }
            }
        }
        return seen;
    }

    /**
     * cookbook's classes that picocli makes through the factory as the annotations name them:
     * converters, completion candidates, version providers and the like (every class an annotation
     * element names, but the option's {@code type} and the subcommands, which {@link #classes} has).
     */
    static Set<Class<?>> made(Set<Class<?>> classes) {
        Set<Class<?>> made = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            List<Annotation> annotations = new ArrayList<>();
            if (type.getAnnotation(Command.class) != null) {
                annotations.add(type.getAnnotation(Command.class));
            }
            for (AnnotatedElement member : members(type)) {
                annotations.add(annotation(member, ((java.lang.reflect.Member) member).getModifiers()));
            }
            for (Annotation annotation : annotations) {
                for (Method element : elements(annotation.annotationType())) {
                    if (element.getName().equals("type") || element.getName().equals("subcommands")) {
                        continue;
                    }
                    Object value;
                    try {
                        value = element.invoke(annotation);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    Object[] values = value instanceof Class<?>[] array ? array : new Object[] {value};
                    for (Object v : values) {
                        if (v instanceof Class<?> c
                                && c.getName().startsWith("dev.cookbook.")
                                && !classes.contains(c)) {
                            made.add(c);
                        }
                    }
                }
            }
        }
        return made;
    }

    /**
     * The annotated setter methods of {@code type}: picocli calls them with the option's value. Each
     * name once (CommandModel finds a method by its name).
     */
    private static List<Method> methods(Class<?> type) {
        List<Method> setters = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (annotation(method, method.getModifiers()) == null) {
                continue;
            }
            if (method.getParameterCount() != 1 || !names.add(method.getName()) || overloaded(type, method)) {
                throw new IllegalStateException("annotated method not supported by CommandModel: " + method
                        + " (only a setter taking one value, one per name, not overloaded)");
            }
            setters.add(method);
        }
        return setters;
    }

    /** Whether {@code type} has another one-value method of {@code method}'s name (CommandModel finds it by name). */
    private static boolean overloaded(Class<?> type, Method method) {
        for (Method other : type.getDeclaredMethods()) {
            if (!other.equals(method) && other.getName().equals(method.getName()) && other.getParameterCount() == 1) {
                return true;
            }
        }
        return false;
    }

    /** The member's one picocli annotation that {@link CommandModel} builds from, or null if it has none. */
    private static Annotation annotation(AnnotatedElement field, int modifiers) {
        List<Annotation> found = picocliAnnotations(field.getDeclaredAnnotations());
        if (found.size() > 1) {
            throw new IllegalStateException("more than one picocli annotation on " + field);
        }
        if (found.isEmpty()) {
            return null;
        }
        Annotation annotation = found.get(0);
        if (!KINDS.contains(annotation.annotationType()) || annotation instanceof Command) {
            throw new IllegalStateException("annotation not supported by CommandModel on " + field + ": " + annotation);
        }
        if (Modifier.isStatic(modifiers)) {
            throw new IllegalStateException("annotated static field not supported by CommandModel: " + field);
        }
        return annotation;
    }

    private static List<Annotation> picocliAnnotations(Annotation[] annotations) {
        List<Annotation> found = new ArrayList<>();
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getEnclosingClass() == CommandLine.class) {
                found.add(annotation);
            }
        }
        return found;
    }

    private static String valueClass(Class<? extends Annotation> kind) {
        return kind.getSimpleName() + "Value";
    }

    /** A class implementing {@code kind}: each element returns the value given, else the element's default. */
    static String valueSource(Class<? extends Annotation> kind) {
        String name = valueClass(kind);
        StringBuilder s = new StringBuilder();
        s.append("// Written by ModelGenerator at build time: the values of a @")
                .append(kind.getSimpleName())
                .append(", without the reflection that reads one.\n");
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
        s.append("final class ")
                .append(name)
                .append(" implements ")
                .append(sourceName(kind))
                .append(" {\n");
        s.append("    private final Object[] values;\n\n");
        s.append("    ").append(name).append("(Object... values) {\n        this.values = values;\n    }\n\n");
        s.append("    private Object get(String element, Object fallback) {\n");
        s.append("        for (int i = 0; i < values.length; i += 2) {\n");
        s.append(
                "            if (values[i].equals(element)) {\n                return values[i + 1];\n            }\n");
        s.append("        }\n        return fallback;\n    }\n");
        for (Method element : elements(kind)) {
            String type = element.getGenericReturnType().getTypeName().replace('$', '.');
            s.append("\n    @Override\n    public ")
                    .append(type)
                    .append(' ')
                    .append(element.getName())
                    .append("() {\n");
            s.append("        return (")
                    .append(type)
                    .append(") get(\"")
                    .append(element.getName())
                    .append("\", ");
            s.append(literal(element.getDefaultValue())).append(");\n    }\n");
        }
        s.append("\n    @Override\n    public Class<? extends java.lang.annotation.Annotation> annotationType() {\n");
        s.append("        return ").append(sourceName(kind)).append(".class;\n    }\n}\n");
        return s.toString();
    }

    /** GeneratedModel: for each class, the values of its annotations that differ from the defaults. */
    static String modelSource(Set<Class<?>> classes, Set<Class<?>> reached) {
        StringBuilder s = new StringBuilder();
        s.append("// Written by ModelGenerator at build time from the annotations of cookbook's commands.\n");
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("public final class GeneratedModel implements ModelData {\n");
        s.append("    static {\n        CommandModel.register(new GeneratedModel());\n    }\n\n");
        s.append("    @Override\n    public TypeModel describe(String className) {\n");
        s.append("        switch (className) {\n");
        int i = 0;
        for (Class<?> type : classes) {
            s.append("            case ").append(literal(type.getName())).append(":\n");
            s.append("                return t").append(i++).append("();\n");
        }
        s.append("            default:\n                return null;\n        }\n    }\n");
        s.append("\n    @Override\n    public Access access(String className) {\n        switch (className) {\n");
        for (Class<?> type : reached) {
            s.append("            case ").append(literal(type.getName())).append(":\n");
            s.append("                return ").append(newAccess(type)).append(";\n");
        }
        s.append("            default:\n                return null;\n        }\n    }\n");
        i = 0;
        for (Class<?> type : classes) {
            s.append("\n    /** ").append(type.getName()).append(". */\n");
            s.append("    private static TypeModel t").append(i++).append("() {\n");
            Command command = type.getAnnotation(Command.class);
            ExitCodes.Returns returns = type.getAnnotation(ExitCodes.Returns.class);
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (Field field : type.getDeclaredFields()) {
                Annotation annotation = annotation(field, field.getModifiers());
                if (annotation != null) {
                    names.add(literal(field.getName()));
                    values.add(value(annotation));
                    types.add(literal(elementTypes(field.getType(), field.getGenericType(), annotation)));
                }
            }
            for (Method method : methods(type)) {
                Annotation annotation = annotation(method, method.getModifiers());
                names.add(literal(method.getName() + "()"));
                values.add(value(annotation));
                types.add(literal(
                        elementTypes(method.getParameterTypes()[0], method.getGenericParameterTypes()[0], annotation)));
            }
            s.append("        return new TypeModel(\n");
            s.append("                ")
                    .append(command == null ? "null" : value(command))
                    .append(",\n");
            s.append("                ")
                    .append(returns == null ? "null" : literal(returns.value()))
                    .append(",\n");
            s.append("                new String[] {")
                    .append(String.join(", ", names))
                    .append("},\n");
            s.append("                new java.lang.annotation.Annotation[] {");
            s.append(values.isEmpty() ? "" : "\n                    " + String.join(",\n                    ", values));
            s.append("},\n                new Class<?>[][] {")
                    .append(String.join(", ", types))
                    .append("},\n                ")
                    .append(newAccess(type))
                    .append(");\n    }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    /** {@code new pkg.GeneratedAccess("type's name")}: the generated code that reaches {@code type}. */
    private static String newAccess(Class<?> type) {
        return "new " + accessPackage(type) + "." + ACCESS + "(" + literal(type.getName()) + ")";
    }

    /**
     * The package whose generated access class reaches {@code type}'s members: its own, for
     * cookbook's classes; this one for another's (picocli's help mixin), whose private fields the
     * access class then holds the values of itself.
     */
    static String accessPackage(Class<?> type) {
        return type.getName().startsWith("dev.cookbook.") ? type.getPackageName() : PACKAGE;
    }

    /**
     * {@value #ACCESS} for the classes of {@code pkg}: reads and writes their annotated fields, calls
     * their setters and makes their objects in plain code. The fields of cookbook's classes must not
     * be private or final (the build stops here, naming one that is); another library's that are
     * (picocli's help mixin) are held by the access object, from the values a new object has.
     */
    static String accessSource(String pkg, List<Class<?>> types) {
        StringBuilder s = new StringBuilder();
        s.append("// Written by ModelGenerator at build time: the annotated members of this package's commands,\n");
        s.append("// reached without reflection (see dev.cookbook.cli.model.ModelData.Access).\n");
        s.append("package ").append(pkg).append(";\n\n");
        s.append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"cast\"})\n");
        s.append("public final class ")
                .append(ACCESS)
                .append(" implements dev.cookbook.cli.model.ModelData.Access {\n");
        s.append("    private final String type;\n    private final Object[] held;\n\n");
        s.append("    public ").append(ACCESS).append("(String type) {\n        this.type = type;\n");
        s.append("        switch (type) {\n");
        StringBuilder get = new StringBuilder();
        StringBuilder set = new StringBuilder();
        StringBuilder create = new StringBuilder();
        for (Class<?> type : types) {
            List<AnnotatedElement> members = members(type);
            boolean own = accessPackage(type).equals(type.getPackageName());
            String name = sourceName(type);
            String key = literal(type.getName());
            if (!own && !type.getName().equals(STANDARD_HELP)) {
                throw new IllegalStateException("annotated members of another library's class not supported by"
                        + " CommandModel: " + type.getName() + " (only picocli's help mixin, whose values it holds)");
            }
            if (!own) {
                s.append("            case ").append(key).append(":\n                held = new Object[] {");
                List<String> initial = new ArrayList<>();
                Object object = newObject(type);
                for (AnnotatedElement member : members) {
                    initial.add(literal(initialValue((Field) member, object)));
                }
                s.append(String.join(", ", initial)).append("};\n                break;\n");
            }
            int getStart = get.length();
            int setStart = set.length();
            get.append("            case ").append(key).append(": {\n");
            set.append("            case ").append(key).append(": {\n");
            if (own) {
                get.append("                ")
                        .append(name)
                        .append(" t = (")
                        .append(name)
                        .append(") target;\n");
                set.append("                ")
                        .append(name)
                        .append(" t = (")
                        .append(name)
                        .append(") target;\n");
            }
            get.append("                switch (index) {\n");
            set.append("                switch (index) {\n");
            for (int i = 0; i < members.size(); i++) {
                AnnotatedElement member = members.get(i);
                get.append("                    case ").append(i).append(":\n");
                set.append("                    case ").append(i).append(":\n");
                if (!own) {
                    get.append("                        return held[").append(i).append("];\n");
                    set.append("                        held[").append(i).append("] = value;\n");
                } else if (member instanceof Field field) {
                    reachable(field, field.getModifiers(), field.getType(), pkg);
                    exactType(field, field.getType());
                    if (Modifier.isFinal(field.getModifiers())) {
                        throw new IllegalStateException(
                                "annotated final field not supported by CommandModel: " + field + " (picocli sets it)");
                    }
                    get.append("                        return t.")
                            .append(field.getName())
                            .append(";\n");
                    set.append("                        t.")
                            .append(field.getName())
                            .append(" = (")
                            .append(castName(field.getType()))
                            .append(") value;\n");
                } else {
                    Method method = (Method) member;
                    reachable(method, method.getModifiers(), method.getParameterTypes()[0], pkg);
                    exactType(method, method.getParameterTypes()[0]);
                    get.append("                        return null;\n");
                    set.append("                        t.")
                            .append(method.getName())
                            .append("((")
                            .append(castName(method.getParameterTypes()[0]))
                            .append(") value);\n");
                }
                set.append("                        return;\n");
            }
            get.append(
                    "                    default:\n                        break;\n                }\n                break;\n            }\n");
            set.append(
                    "                    default:\n                        break;\n                }\n                break;\n            }\n");
            if (members.isEmpty()) { // made only: a converter or the like, no member to reach
                get.setLength(getStart);
                set.setLength(setStart);
            }
            create.append("            case ").append(key).append(":\n");
            Constructor<?> withArgs = constructor(type, pkg, String[].class);
            if (withArgs != null) {
                create.append("                if (args != null) {\n                    return new ")
                        .append(name)
                        .append("(args);\n                }\n");
            }
            create.append("                return ")
                    .append(constructor(type, pkg) == null ? "null;" : "new " + name + "();")
                    .append("\n");
        }
        s.append("            default:\n                held = null;\n                break;\n        }\n    }\n\n");
        s.append("    @Override\n    public Object get(Object target, int index) {\n        switch (type) {\n");
        s.append(get);
        s.append("            default:\n                break;\n        }\n        throw missing(index);\n    }\n\n");
        s.append(
                "    @Override\n    public void set(Object target, int index, Object value) {\n        switch (type) {\n");
        s.append(set);
        s.append("            default:\n                break;\n        }\n        throw missing(index);\n    }\n\n");
        s.append("    @Override\n    public Object create(String[] args) {\n        switch (type) {\n");
        s.append(create);
        s.append("            default:\n                return null;\n        }\n    }\n\n");
        s.append("    private IllegalArgumentException missing(int index) {\n");
        s.append(
                "        return new IllegalArgumentException(\"stale command model: no member \" + index + \" in \" + type);\n");
        s.append("    }\n}\n");
        return s.toString();
    }

    /** The annotated fields of {@code type} in declaration order, then its setters: as TypeModel numbers them. */
    private static List<AnnotatedElement> members(Class<?> type) {
        List<AnnotatedElement> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (annotation(field, field.getModifiers()) != null) {
                members.add(field);
            }
        }
        members.addAll(methods(type));
        return members;
    }

    /** Stops the build unless code in {@code pkg} can reach the member and name its type. */
    private static void reachable(java.lang.reflect.Member member, int modifiers, Class<?> type, String pkg) {
        if (Modifier.isPrivate(modifiers) || !visible(member.getDeclaringClass(), pkg) || !visible(type, pkg)) {
            throw new IllegalStateException("annotated member not reachable by CommandModel's generated code: "
                    + member + " (make it and its class package-private rather than private: reflection costs"
                    + " every call ~12 ms on Java 25, the README's start-up section)");
        }
    }

    /**
     * Stops the build on a primitive member with a converter of its own: the generated code unboxes
     * exactly (a {@code long} takes a Long), where reflection also widens (a Long field takes an
     * Integer), so a converter of another type would fail only at run time. picocli's own converter
     * for a primitive gives its exact wrapper.
     */
    private static void exactType(java.lang.reflect.Member member, Class<?> type) {
        Annotation annotation = annotation((AnnotatedElement) member, member.getModifiers());
        Class<?>[] converters = annotation instanceof Option option
                ? option.converter()
                : annotation instanceof Parameters parameters ? parameters.converter() : new Class<?>[0];
        if (type.isPrimitive() && converters.length > 0) {
            throw new IllegalStateException("a converter on a primitive member not supported by CommandModel: " + member
                    + " (declare its wrapper type)");
        }
    }

    /** Whether code in {@code pkg} can name {@code type}. */
    private static boolean visible(Class<?> type, String pkg) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        for (Class<?> k = c; k != null && !k.isPrimitive(); k = k.getDeclaringClass()) {
            int modifiers = k.getModifiers();
            if (Modifier.isPrivate(modifiers)
                    || (!Modifier.isPublic(modifiers) && !k.getPackageName().equals(pkg))) {
                return false;
            }
        }
        return true;
    }

    /** The constructor of {@code type} taking {@code parameters} that code in {@code pkg} can call, or null. */
    private static Constructor<?> constructor(Class<?> type, String pkg, Class<?>... parameters) {
        if (Modifier.isAbstract(type.getModifiers())
                || !visible(type, pkg)
                || (type.getDeclaringClass() != null && !Modifier.isStatic(type.getModifiers()))) {
            return null;
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameters);
            int modifiers = constructor.getModifiers();
            boolean callable = Modifier.isPublic(modifiers)
                    || (!Modifier.isPrivate(modifiers) && type.getPackageName().equals(pkg));
            return callable ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A new object of another library's class, to read its fields' initial values from. */
    private static Object newObject(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getName() + " to read its initial values: " + e, e);
        }
    }

    private static Object initialValue(Field field, Object object) {
        try {
            field.setAccessible(true);
            Object value = field.get(object);
            if (value != null && !(value instanceof Boolean || value instanceof String || value instanceof Integer)) {
                throw new IllegalStateException(
                        "initial value not supported by CommandModel: " + field + " = " + value);
            }
            return value;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How generated code names {@code type} in a cast. */
    private static String castName(Class<?> type) {
        return type.getCanonicalName();
    }

    /**
     * The element types picocli infers for a member's type (the type itself when it holds one value), by
     * picocli's own code: its type-information class is not public, which reflection allows here.
     */
    private static Class<?>[] elementTypes(Class<?> type, Type genericType, Annotation annotation) {
        Class<?>[] declared = annotation instanceof Option option
                ? option.type()
                : annotation instanceof Parameters parameters ? parameters.type() : new Class<?>[0];
        try {
            Method create = Class.forName("picocli.CommandLine$Model$RuntimeTypeInfo")
                    .getDeclaredMethod(
                            "create", Class.class, Class[].class, Type.class, Range.class, Class.class, boolean.class);
            create.setAccessible(true);
            ITypeInfo info = (ITypeInfo)
                    create.invoke(null, type, declared, genericType, Range.valueOf("1"), String.class, false);
            return info.getAuxiliaryTypes();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("picocli's type inference: " + e, e);
        }
    }

    /** {@code new OptionValue("names", new String[] {...}, ...)}: the elements that differ from the default. */
    private static String value(Annotation annotation) {
        Class<? extends Annotation> kind = annotation.annotationType();
        List<String> pairs = new ArrayList<>();
        for (Method element : elements(kind)) {
            Object value;
            try {
                value = element.invoke(annotation);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (!Objects.deepEquals(value, element.getDefaultValue())) {
                pairs.add(literal(element.getName()) + ", " + literal(value));
            }
        }
        return "new " + valueClass(kind) + "(" + String.join(", ", pairs) + ")";
    }

    /** The elements of {@code kind}, in a fixed order (reflection gives them in none). */
    private static List<Method> elements(Class<? extends Annotation> kind) {
        List<Method> elements = new ArrayList<>(Arrays.asList(kind.getDeclaredMethods()));
        elements.sort((a, b) -> a.getName().compareTo(b.getName()));
        return elements;
    }

    private static String sourceName(Class<?> type) {
        return type.getName().replace('$', '.');
    }

    /** {@code value} as a Java expression. Classes are looked up by name: many are private. */
    static String literal(Object value) {
        if (value == null) {
            return "null"; // an element without a default, which every annotation gives
        } else if (value instanceof String text) {
            StringBuilder s = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> s.append("\\\"");
                    case '\\' -> s.append("\\\\");
                    case '\n' -> s.append("\\n");
                    case '\r' -> s.append("\\r");
                    case '\t' -> s.append("\\t");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            s.append(String.format("\\u%04x", (int) c));
                        } else {
                            s.append(c);
                        }
                    }
                }
            }
            return s.append('"').toString();
        } else if (value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        } else if (value instanceof Character c) {
            return "(char) " + (int) c;
        } else if (value instanceof Long) {
            return value + "L";
        } else if (value instanceof Enum<?> constant) {
            return sourceName(constant.getDeclaringClass()) + "." + constant.name();
        } else if (value instanceof Class<?> type) {
            return type.isPrimitive() ? type.getName() + ".class" : "ModelData.type(" + literal(type.getName()) + ")";
        } else if (value instanceof int[] numbers) {
            List<String> items = new ArrayList<>();
            for (int number : numbers) {
                items.add(Integer.toString(number));
            }
            return "new int[] {" + String.join(", ", items) + "}";
        } else if (value instanceof Object[] array) {
            List<String> items = new ArrayList<>();
            for (Object item : array) {
                items.add(literal(item));
            }
            String component = array.getClass().getComponentType() == Class.class
                    ? "Class<?>"
                    : sourceName(array.getClass().getComponentType());
            return "new " + component + "[] {" + String.join(", ", items) + "}";
        }
        throw new IllegalStateException("no literal for " + value.getClass().getName() + ": " + value);
    }
}
