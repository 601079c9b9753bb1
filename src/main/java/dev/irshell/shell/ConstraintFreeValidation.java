package dev.irshell.shell;

import jakarta.validation.BootstrapConfiguration;
import jakarta.validation.ClockProvider;
import jakarta.validation.Configuration;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.spi.BootstrapState;
import jakarta.validation.spi.ConfigurationState;
import jakarta.validation.spi.ValidationProvider;
import jakarta.validation.valueextraction.ValueExtractor;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Bean Validation provider of the interactive shell, for code that declares no constraints.
 *
 * <p>Spring Shell validates every command's parameters with Bean Validation, and its {@code Shell}
 * bootstraps a provider as it is made. Hibernate Validator took about 60 ms of CPU before the first
 * prompt (some 500 classes), for commands that carry no constraint annotation at all. This provider
 * answers "no violations" after checking that the method, constructor or bean it is given indeed
 * declares no constraint, and refuses with a {@link ValidationException} naming the annotation
 * otherwise, so a constraint added to a command one day fails loudly instead of going unchecked.
 *
 * <p>Registered in {@code META-INF/services/jakarta.validation.spi.ValidationProvider}; Hibernate
 * Validator is excluded from the build.
 */
public final class ConstraintFreeValidation implements ValidationProvider<ConstraintFreeValidation.Config> {

    @Override
    public Config createSpecializedConfiguration(BootstrapState state) {
        return new Config();
    }

    @Override
    public Configuration<?> createGenericConfiguration(BootstrapState state) {
        return new Config();
    }

    @Override
    public ValidatorFactory buildValidatorFactory(ConfigurationState state) {
        return new Factory();
    }

    /** The constraint annotation on {@code element}, if any (directly or as a meta-annotation). */
    static String constraintOn(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(Constraint.class) || a.annotationType().getName().startsWith("jakarta.validation.constraints.")
                    || a.annotationType() == jakarta.validation.Valid.class) {
                return "@" + a.annotationType().getSimpleName();
            }
        }
        return null;
    }

    private static void requireNoConstraints(Executable executable) {
        String found = constraintOn(executable);
        for (Parameter p : executable.getParameters()) {
            if (found == null) {
                found = constraintOn(p);
            }
        }
        if (found != null) {
            throw refusal(found + " on " + executable.getDeclaringClass().getName() + "." + executable.getName());
        }
    }

    private static void requireNoConstraints(Class<?> type) {
        String found = constraintOn(type);
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (found == null) {
                found = constraintOn(f);
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (found == null) {
                found = constraintOn(m);
            }
        }
        if (found != null) {
            throw refusal(found + " in " + type.getName());
        }
    }

    private static <T> T unwrapped(Object self, Class<T> type) {
        if (type.isInstance(self)) {
            return type.cast(self);
        }
        throw new ValidationException(ConstraintFreeValidation.class.getSimpleName() + " is not a " + type.getName());
    }

    private static ValidationException refusal(String what) {
        return new ValidationException("irshell validates no Bean Validation constraints (" + what
                + "): check the value in the command itself, or add a Bean Validation engine to the build"
                + " and remove " + ConstraintFreeValidation.class.getName() + " from META-INF/services");
    }

    /** The bootstrap configuration; settings are accepted and have nothing to configure. */
    public static final class Config implements Configuration<Config> {
        @Override
        public Config ignoreXmlConfiguration() {
            return this;
        }

        @Override
        public Config messageInterpolator(MessageInterpolator interpolator) {
            return this;
        }

        @Override
        public Config traversableResolver(TraversableResolver resolver) {
            return this;
        }

        @Override
        public Config constraintValidatorFactory(ConstraintValidatorFactory factory) {
            return this;
        }

        @Override
        public Config parameterNameProvider(ParameterNameProvider provider) {
            return this;
        }

        @Override
        public Config clockProvider(ClockProvider provider) {
            return this;
        }

        @Override
        public Config addValueExtractor(ValueExtractor<?> extractor) {
            return this;
        }

        @Override
        public Config addMapping(InputStream stream) {
            throw refusal("an XML constraint mapping");
        }

        @Override
        public Config addProperty(String name, String value) {
            return this;
        }

        @Override
        public MessageInterpolator getDefaultMessageInterpolator() {
            return Factory.MESSAGES;
        }

        @Override
        public TraversableResolver getDefaultTraversableResolver() {
            return Factory.TRAVERSE_ALL;
        }

        @Override
        public ConstraintValidatorFactory getDefaultConstraintValidatorFactory() {
            return Factory.VALIDATORS;
        }

        @Override
        public ParameterNameProvider getDefaultParameterNameProvider() {
            return Factory.NAMES;
        }

        @Override
        public ClockProvider getDefaultClockProvider() {
            return Factory.CLOCK;
        }

        @Override
        public BootstrapConfiguration getBootstrapConfiguration() {
            throw refusal("a META-INF/validation.xml bootstrap configuration");
        }

        @Override
        public ValidatorFactory buildValidatorFactory() {
            return new Factory();
        }
    }

    static final class Factory implements ValidatorFactory, ValidatorContext {
        static final ClockProvider CLOCK = Clock::systemDefaultZone;
        static final MessageInterpolator MESSAGES = new MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return template;
            }

            @Override
            public String interpolate(String template, Context context, Locale locale) {
                return template;
            }
        };
        static final TraversableResolver TRAVERSE_ALL = new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
                return true;
            }
        };
        static final ConstraintValidatorFactory VALIDATORS = new ConstraintValidatorFactory() {
            @Override
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                try {
                    return key.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new ValidationException("cannot make " + key.getName(), e);
                }
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                // nothing held
            }
        };
        static final ParameterNameProvider NAMES = new ParameterNameProvider() {
            @Override
            public List<String> getParameterNames(Constructor<?> constructor) {
                return Arrays.stream(constructor.getParameters()).map(Parameter::getName).toList();
            }

            @Override
            public List<String> getParameterNames(Method method) {
                return Arrays.stream(method.getParameters()).map(Parameter::getName).toList();
            }
        };

        private final Checker checker = new Checker();

        @Override
        public Validator getValidator() {
            return checker;
        }

        @Override
        public ValidatorContext usingContext() {
            return this;
        }

        @Override
        public ValidatorContext messageInterpolator(MessageInterpolator interpolator) {
            return this;
        }

        @Override
        public ValidatorContext traversableResolver(TraversableResolver resolver) {
            return this;
        }

        @Override
        public ValidatorContext constraintValidatorFactory(ConstraintValidatorFactory factory) {
            return this;
        }

        @Override
        public ValidatorContext parameterNameProvider(ParameterNameProvider provider) {
            return this;
        }

        @Override
        public ValidatorContext clockProvider(ClockProvider provider) {
            return this;
        }

        @Override
        public ValidatorContext addValueExtractor(ValueExtractor<?> extractor) {
            return this;
        }

        @Override
        public MessageInterpolator getMessageInterpolator() {
            return MESSAGES;
        }

        @Override
        public TraversableResolver getTraversableResolver() {
            return TRAVERSE_ALL;
        }

        @Override
        public ConstraintValidatorFactory getConstraintValidatorFactory() {
            return VALIDATORS;
        }

        @Override
        public ParameterNameProvider getParameterNameProvider() {
            return NAMES;
        }

        @Override
        public ClockProvider getClockProvider() {
            return CLOCK;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return unwrapped(this, type);
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** Finds no violation where there is no constraint, and refuses where there is one. */
    static final class Checker implements Validator, ExecutableValidator {
        @Override
        public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
            requireNoConstraints(object.getClass());
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateProperty(T object, String property, Class<?>... groups) {
            requireNoConstraints(object.getClass());
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateValue(Class<T> type, String property, Object value, Class<?>... groups) {
            requireNoConstraints(type);
            return Set.of();
        }

        @Override
        public BeanDescriptor getConstraintsForClass(Class<?> type) {
            throw refusal("constraint metadata asked for " + type.getName());
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return unwrapped(this, type);
        }

        @Override
        public ExecutableValidator forExecutables() {
            return this;
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateParameters(T object, Method method, Object[] values, Class<?>... groups) {
            requireNoConstraints(method);
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateReturnValue(T object, Method method, Object value, Class<?>... groups) {
            requireNoConstraints(method);
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateConstructorParameters(Constructor<? extends T> constructor, Object[] values,
                                                                            Class<?>... groups) {
            requireNoConstraints(constructor);
            return Set.of();
        }

        @Override
        public <T> Set<ConstraintViolation<T>> validateConstructorReturnValue(Constructor<? extends T> constructor, T object,
                                                                             Class<?>... groups) {
            requireNoConstraints(constructor);
            return Set.of();
        }
    }
}
