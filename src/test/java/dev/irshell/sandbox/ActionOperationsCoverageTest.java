package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.CallListener;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every AWS operation an irshell action may call (its spec's iamActions) is served by the sandbox. */
class ActionOperationsCoverageTest {
    /** Lambda operations carry the names CloudTrail records for them, not the IAM action names. */
    private static final Map<String, String> LAMBDA = Map.of(
            "ListFunctions", LambdaService.LIST_FUNCTIONS,
            "GetFunction", LambdaService.GET_FUNCTION,
            "DeleteFunction", LambdaService.DELETE_FUNCTION,
            "ListLayers", LambdaService.LIST_LAYERS,
            "GetPolicy", LambdaService.GET_POLICY);

    @Test
    void everyActionsIamActionIsARegisteredSandboxOperation() {
        try (Sandbox s = TestClients.startDefault()) {
            AwsClients clients = new AwsClients(AwsClients.Config.emulated(s.endpoint(), "us-east-1",
                    s.operatorCredentials().accessKeyId(), s.operatorCredentials().secretAccessKey(), false, "test",
                    CallListener.NONE));
            List<Action> actions = AwsActions.all(clients);
            Map<String, Set<String>> served = new HashMap<>();
            Sandbox.services().forEach(h -> served.put(h.signingName(), h.operationNames()));
            Set<String> asked = new TreeSet<>();
            Set<String> missing = new TreeSet<>();
            for (Action a : actions) {
                for (String iamAction : a.spec().iamActions()) {
                    asked.add(iamAction);
                    String service = iamAction.substring(0, iamAction.indexOf(':'));
                    String op = iamAction.substring(iamAction.indexOf(':') + 1);
                    String name = service.equals("lambda") ? LAMBDA.getOrDefault(op, op) : op;
                    if (!served.getOrDefault(service, Set.of()).contains(name)) {
                        missing.add(iamAction + " (" + a.spec().name() + ")");
                    }
                }
            }

            assertThat(asked).as("the catalogue's actions declare their calls").hasSizeGreaterThan(60)
                    .contains("iam:GenerateCredentialReport", "ec2:CreateSnapshots", "iam:PutRolePolicy");
            assertThat(missing).as("operations the actions call that the sandbox does not serve").isEmpty();
        }
    }
}
