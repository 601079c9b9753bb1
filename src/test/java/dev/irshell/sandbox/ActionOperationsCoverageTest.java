package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irshell.action.Action;
import dev.irshell.action.CallListener;
import dev.irshell.action.IamActionNames;
import dev.irshell.action.aws.AwsActions;
import dev.irshell.action.aws.AwsClients;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every AWS operation an irshell action may call (its spec's iamActions), and every call irshell
 * makes outside the catalogue ({@link IamActionNames#IRSHELL_OWN}), is served by the sandbox. The
 * sandbox's operations are named as CloudTrail records them; {@link IamActionNames#of} gives their IAM
 * action (Lambda's carry an API version the IAM action drops).
 */
class ActionOperationsCoverageTest {
    @Test
    void everyActionsIamActionIsARegisteredSandboxOperation() {
        try (Sandbox s = TestClients.startDefault()) {
            AwsClients clients = new AwsClients(AwsClients.Config.emulated(s.endpoint(), "us-east-1",
                    s.operatorCredentials().accessKeyId(), s.operatorCredentials().secretAccessKey(), false, "test",
                    CallListener.NONE));
            List<Action> actions = AwsActions.all(clients);
            Set<String> served = new TreeSet<>();
            Sandbox.services().forEach(h -> h.operationNames().forEach(op -> served.add(IamActionNames.of(h.signingName(), op))));
            Set<String> asked = new TreeSet<>();
            Set<String> missing = new TreeSet<>();
            for (Action a : actions) {
                for (String iamAction : a.spec().iamActions()) {
                    asked.add(iamAction);
                    if (!served.contains(iamAction)) {
                        missing.add(iamAction + " (" + a.spec().name() + ")");
                    }
                }
            }
            IamActionNames.IRSHELL_OWN.forEach((iamAction, why) -> {
                asked.add(iamAction);
                if (!served.contains(iamAction)) {
                    missing.add(iamAction + " (" + why + ")");
                }
            });

            assertThat(asked).as("the catalogue's actions declare their calls").hasSizeGreaterThan(60)
                    .contains("iam:GenerateCredentialReport", "ec2:CreateSnapshots", "iam:PutRolePolicy",
                            "lambda:ListFunctions", "iam:SimulatePrincipalPolicy");
            assertThat(missing).as("operations the actions call that the sandbox does not serve").isEmpty();
            clients.close();
        }
    }

    @Test
    void iamActionOfAnOperationDropsLambdasApiVersion() {
        assertThat(IamActionNames.of("lambda", LambdaService.LIST_FUNCTIONS)).isEqualTo("lambda:ListFunctions");
        assertThat(IamActionNames.of("lambda", LambdaService.GET_FUNCTION)).isEqualTo("lambda:GetFunction");
        assertThat(IamActionNames.of("iam", "ListUsers")).isEqualTo("iam:ListUsers");
        assertThat(IamActionNames.of("ec2", "DescribeInstances")).isEqualTo("ec2:DescribeInstances");
    }
}
