package dev.irshell.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.shell.standard.ShellMethod;

class ConstraintFreeValidationTest {
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    static class Commands {
        public String plain(String name) {
            return name;
        }

        public String constrained(@NotNull String name) {
            return name;
        }
    }

    @Test
    void isTheProviderBeanValidationFinds() {
        assertThat(validator).isInstanceOf(ConstraintFreeValidation.Checker.class);
    }

    @Test
    void findsNoViolation_whereNothingIsConstrained() throws Exception {
        Method plain = Commands.class.getMethod("plain", String.class);

        assertThat(validator.forExecutables().validateParameters(new Commands(), plain, new Object[] {null})).isEmpty();
    }

    @Test
    void refusesAConstraint_ratherThanLeaveItUnchecked() throws Exception {
        Method constrained = Commands.class.getMethod("constrained", String.class);

        assertThatThrownBy(() -> validator.forExecutables().validateParameters(new Commands(), constrained, new Object[] {null}))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("@NotNull on " + Commands.class.getName() + ".constrained")
                .hasMessageContaining("add a Bean Validation engine");
    }

    /** What Spring Shell asks before every command the operator types. */
    @Test
    void everyShellCommand_isConstraintFree() {
        Method[] commands = Arrays.stream(SessionCommands.class.getMethods())
                .filter(m -> m.isAnnotationPresent(ShellMethod.class)).toArray(Method[]::new);

        assertThat(commands).hasSizeGreaterThan(15);
        for (Method m : commands) {
            assertThat(validator.forExecutables().validateParameters(null, m, new Object[m.getParameterCount()]))
                    .as(m.getName()).isEmpty();
        }
    }
}
