package dev.irshell.runbook;

import io.burt.jmespath.Adapter;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code without(list, exclude)}: the elements of {@code list} that are not in {@code exclude}
 * (either may be null, read as empty). Standard JMESPath cannot compare against a list elsewhere
 * in the document, and procedure 000 needs exactly that: "the users you keep" are the users with a
 * password without the users just deleted.
 */
final class WithoutFunction extends BaseFunction {
    WithoutFunction() {
        super("without", ArgumentConstraints.listOf(
                ArgumentConstraints.typeOf(JmesPathType.ARRAY, JmesPathType.NULL),
                ArgumentConstraints.typeOf(JmesPathType.ARRAY, JmesPathType.NULL)));
    }

    @Override
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
        T list = arguments.get(0).value();
        T exclude = arguments.get(1).value();
        List<T> drop = runtime.typeOf(exclude) == JmesPathType.ARRAY ? runtime.toList(exclude) : List.of();
        List<T> kept = new ArrayList<>();
        if (runtime.typeOf(list) == JmesPathType.ARRAY) {
            for (T element : runtime.toList(list)) {
                if (!drop.contains(element)) {
                    kept.add(element);
                }
            }
        }
        return runtime.createArray(kept);
    }
}
