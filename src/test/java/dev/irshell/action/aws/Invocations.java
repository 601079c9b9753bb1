package dev.irshell.action.aws;

import static org.mockito.Mockito.mockingDetails;

import java.util.List;
import software.amazon.awssdk.core.SdkRequest;

/** The AWS operations a mocked SDK client was really asked for, in order, as IAM action names. */
final class Invocations {
    private Invocations() {}

    /** e.g. {@code ["iam:GetUser", "iam:ListAccessKeys", ...]}: request overloads only, in call order. */
    static List<String> actions(String service, Object mock) {
        return mockingDetails(mock).getInvocations().stream()
                .filter(i -> i.getArguments().length == 1 && i.getArguments()[0] instanceof SdkRequest)
                .map(i -> service + ":" + Character.toUpperCase(i.getMethod().getName().charAt(0))
                        + i.getMethod().getName().substring(1))
                .toList();
    }
}
