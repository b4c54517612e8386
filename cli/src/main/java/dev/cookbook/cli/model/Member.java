package dev.cookbook.cli.model;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.IAnnotatedElement;
import picocli.CommandLine.Model.IExtensible;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.IScope;
import picocli.CommandLine.Model.IScoped;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.PicocliException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * An annotated field or setter method as picocli's builders see it ({@link IAnnotatedElement}), with
 * its annotation taken from the build-time {@link ModelData} instead of from reflection. It answers
 * as picocli's own member does: the same type information, binding, names and initial-value handling.
 */
final class Member implements IAnnotatedElement, IExtensible {
    private final AccessibleObject member;
    private final Annotation annotation;
    private final IScope scope;
    private final Binding binding;
    private final ITypeInfo typeInfo;

    /**
     * A field: set and read in the object the scope holds, through the generated {@code access}
     * (member {@code index} of its class), or by reflection when there is none.
     */
    Member(Field field, Annotation annotation, Class<?>[] types, IScope scope, ModelData.Access access, int index) {
        this.member = field;
        this.annotation = annotation;
        this.scope = scope;
        this.binding = new FieldBinding(scope, field, access, index);
        if (access == null) {
            field.setAccessible(true);
        }
        this.typeInfo = typeInfo(field.getType(), types);
    }

    /** A method taking one value, called with it (as the field above); it has no initial value. */
    Member(Method setter, Annotation annotation, Class<?>[] types, IScope scope, ModelData.Access access, int index) {
        this.member = setter;
        this.annotation = annotation;
        this.scope = scope;
        this.binding = new SetterBinding(scope, setter, access, index);
        if (access == null) {
            setter.setAccessible(true);
        }
        this.typeInfo = typeInfo(setter.getParameterTypes()[0], types);
    }

    /**
     * The field's type with its element types as picocli infers them (recorded at build time): a
     * {@code List<Path>} holds Paths. picocli's type-information class is not public; a throwaway
     * spec makes one, as picocli makes it for an option built with a type and element types.
     */
    private static ITypeInfo typeInfo(Class<?> type, Class<?>[] types) {
        return PositionalParamSpec.builder()
                .type(type)
                .auxiliaryTypes(types)
                .build()
                .typeInfo();
    }

    /** The field's value in the object the scope holds. */
    Object get() {
        return binding.get();
    }

    /** Sets the field in the object the scope holds. */
    void set(Object value) {
        binding.set(value);
    }

    @Override
    public Object userObject() {
        return member;
    }

    @Override
    public boolean isAnnotationPresent(Class<? extends Annotation> type) {
        return type.isInstance(annotation);
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> type) {
        return type.isInstance(annotation) ? type.cast(annotation) : null;
    }

    /** The field's name; a method's without "set" or "get" (picocli's property name). */
    @Override
    public String getName() {
        if (member instanceof Field field) {
            return field.getName();
        }
        String name = ((Method) member).getName();
        if (name.length() > 3 && (name.startsWith("set") || name.startsWith("get"))) {
            name = name.substring(3);
        }
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public String getMixinName() {
        String name = getAnnotation(Mixin.class).name();
        return name.isEmpty() ? getName() : name;
    }

    @Override
    public boolean isArgSpec() {
        return isOption() || isParameter();
    }

    @Override
    public boolean isOption() {
        return annotation instanceof Option;
    }

    @Override
    public boolean isParameter() {
        return annotation instanceof Parameters;
    }

    @Override
    public boolean isArgGroup() {
        return annotation instanceof ArgGroup;
    }

    @Override
    public boolean isMixin() {
        return annotation instanceof Mixin;
    }

    @Override
    public boolean isUnmatched() {
        return annotation instanceof Unmatched;
    }

    @Override
    public boolean isSpec() {
        return annotation instanceof Spec;
    }

    @Override
    public boolean isParentCommand() {
        return annotation instanceof ParentCommand;
    }

    @Override
    public boolean isMultiValue() {
        Class<?> type = typeInfo.getType();
        return (type.isArray() && type != char[].class)
                || Collection.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type);
    }

    @Override
    public boolean isInteractive() {
        return (annotation instanceof Option option && option.interactive())
                || (annotation instanceof Parameters parameters && parameters.interactive());
    }

    /** A field has one: its value when picocli first asks, after the command object is made. */
    @Override
    public boolean hasInitialValue() {
        return member instanceof Field;
    }

    @Override
    public boolean isMethodParameter() {
        return false;
    }

    @Override
    public int getMethodParamPosition() {
        return -1;
    }

    @Override
    public IScope scope() {
        return scope;
    }

    @Override
    public IGetter getter() {
        return binding;
    }

    @Override
    public ISetter setter() {
        return binding;
    }

    @Override
    public ITypeInfo getTypeInfo() {
        return typeInfo;
    }

    @Override
    public String getToString() {
        String text = (member instanceof Field field ? field.toGenericString() : ((Method) member).toGenericString())
                .replace("private ", "")
                .replace("protected ", "")
                .replace("public ", "")
                .replace("java.lang.", "");
        return isMixin() ? "mixin from member " + text : (member instanceof Field ? "field " : "method ") + text;
    }

    @Override
    public String toString() {
        return member.toString();
    }

    /**
     * picocli's initial-value state: a field's is read when first needed ("postponed"), so that an
     * option in an argument group takes the initial value of the group object made for it; a method
     * has none ("unavailable"). The enum is not public; its constant is found by name.
     */
    @Override
    public <T> T getExtension(Class<T> type) {
        if (type.isEnum() && type.getName().equals("picocli.CommandLine$Model$InitialValueState")) {
            String state = member instanceof Field ? "POSTPONED" : "UNAVAILABLE";
            for (T constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(state)) {
                    return constant;
                }
            }
        }
        return null;
    }

    /** A binding whose get and set do not throw checked exceptions. */
    private interface Binding extends IGetter, ISetter, IScoped {
        @Override
        <T> T get();

        @Override
        <T> T set(T value);

        /** The object the scope holds at the time: the command's, or the group object picocli made. */
        static Object target(IScope scope, AccessibleObject member) {
            try {
                return scope.get();
            } catch (Exception e) {
                throw new PicocliException("Could not get scope for " + member, e);
            }
        }
    }

    /** Reads and writes the field of the object the scope holds at the time, as picocli's binding. */
    private record FieldBinding(IScope scope, Field field, ModelData.Access access, int index) implements Binding {
        @Override
        public IScope getScope() {
            return scope;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            Object target = Binding.target(scope, field);
            try {
                return (T) (access != null ? access.get(target, index) : field.get(target));
            } catch (Exception e) {
                throw new PicocliException("Could not get value for field " + field, e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            Object target = Binding.target(scope, field);
            try {
                if (access != null) {
                    T old = (T) access.get(target, index);
                    access.set(target, index, value);
                    return old;
                }
                T old = (T) field.get(target);
                field.set(target, value);
                return old;
            } catch (Exception e) {
                throw new PicocliException("Could not set value for field " + field + " to " + value, e);
            }
        }
    }

    /** Calls the setter on the object the scope holds, and remembers the value, as picocli's binding. */
    private static final class SetterBinding implements Binding {
        private final IScope scope;
        private final Method setter;
        private final ModelData.Access access;
        private final int index;
        private Object current;

        SetterBinding(IScope scope, Method setter, ModelData.Access access, int index) {
            this.scope = scope;
            this.setter = setter;
            this.access = access;
            this.index = index;
        }

        @Override
        public IScope getScope() {
            return scope;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) current;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            Object target = Binding.target(scope, setter);
            try {
                T old = (T) current;
                if (access != null) {
                    access.set(target, index, value);
                } else {
                    setter.invoke(target, value);
                }
                current = value;
                return old;
            } catch (PicocliException e) {
                throw e; // the setter's own, as picocli passes it on
            } catch (InvocationTargetException e) {
                if (e.getTargetException() instanceof PicocliException picocli) {
                    throw picocli;
                }
                throw new PicocliException("Could not invoke " + setter + " with " + value, e.getTargetException());
            } catch (Exception e) {
                throw new PicocliException("Could not invoke " + setter + " with " + value, e);
            }
        }
    }
}
