package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class LambdaServiceTest {
    private static final String MINER_1 = "arn:aws:lambda:ap-south-1:444455556666:function:sys-update-worker-1";

    @Test
    void listFunctions_paginatorFollowsMarkers_minersInUnusedRegion() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()),
                     TestClients.NW_MINER_REGION)) {
            List<ListFunctionsResponse> pages = lambda.listFunctionsPaginator().stream().toList();
            List<FunctionConfiguration> functions = pages.stream().flatMap(p -> p.functions().stream()).toList();

            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).nextMarker()).isNotNull();
            assertThat(functions).extracting(FunctionConfiguration::functionName)
                    .containsExactly("sys-update-worker-1", "sys-update-worker-2", "sys-update-worker-3");
            assertThat(functions).allSatisfy(f -> {
                assertThat(f.memorySize()).isEqualTo(10240);
                assertThat(f.timeout()).isEqualTo(900);
                assertThat(f.runtimeAsString()).isEqualTo("provided.al2023");
                assertThat(f.environment().variables()).containsEntry("POOL", "pool.mining.example:4444");
                assertThat(f.lastModified()).endsWith("+0000");
            });
            assertThat(functions.get(0).functionArn()).isEqualTo(MINER_1);
        }
    }

    @Test
    void getFunction_legitimateFunctionInUsEast1() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            GetFunctionResponse r = lambda.getFunction(b -> b.functionName("order-webhook"));

            assertThat(r.configuration().functionArn())
                    .isEqualTo("arn:aws:lambda:us-east-1:444455556666:function:order-webhook");
            assertThat(r.configuration().memorySize()).isEqualTo(256);
            assertThat(r.configuration().role()).isEqualTo("arn:aws:iam::444455556666:role/order-webhook-lambda");
            assertThat(r.code().repositoryType()).isEqualTo("S3");
            assertThat(r.tags()).containsEntry("app", "orders");
            assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName)
                    .containsExactly("order-webhook");
        }
    }

    @Test
    void getFunction_carriesConfigurationAndCodeLocation() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            GetFunctionResponse r = lambda.getFunction(b -> b.functionName("order-webhook"));

            assertThat(r.configuration().environment().variables()).containsEntry("TABLE", "orders");
            assertThat(r.configuration().timeout()).isEqualTo(30);
            assertThat(r.configuration().lastModified()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000\\+0000");
            assertThat(r.code().location()).startsWith("https://awslambda-us-east-1-tasks.s3.");
        }
    }

    @Test
    void getPolicy_resourcePolicyOrResourceNotFound() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "us-east-1");
             LambdaClient miners = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()),
                     TestClients.NW_MINER_REGION)) {
            var policy = lambda.getPolicy(b -> b.functionName("order-webhook"));

            assertThat(policy.policy()).contains("\"apigateway.amazonaws.com\"").contains("lambda:InvokeFunction");
            assertThat(policy.revisionId()).isNotBlank();
            assertThatThrownBy(() -> miners.getPolicy(b -> b.functionName("sys-update-worker-1")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThat(s.state().events().get(s.state().events().size() - 2).eventName())
                    .isEqualTo("GetPolicy20150331v2");
        }
    }

    @Test
    void deleteFunction_removes_thenResourceNotFound404() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()),
                     TestClients.NW_MINER_REGION)) {
            lambda.deleteFunction(b -> b.functionName(MINER_1));

            assertThat(s.state().function(TestClients.NW_MINER_REGION, "sys-update-worker-1")).isEmpty();
            assertThat(lambda.listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName))
                    .containsExactly("sys-update-worker-2", "sys-update-worker-3");
            assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("sys-update-worker-1")))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("Function not found: " + MINER_1);
                        assertThat(e.requestId()).isNotBlank();
                    });
            assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("sys-update-worker-1")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(s.state().function("us-east-1", "order-webhook")).isPresent();
        }
    }

    @Test
    void calls_recordedInTheirRegionWithLambdaEventNames() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()),
                     TestClients.NW_MINER_REGION)) {
            lambda.deleteFunction(b -> b.functionName("sys-update-worker-2"));

            TrailEvent e = s.state().events(TestClients.NW_MINER_REGION).get(0);
            assertThat(e.eventName()).isEqualTo("DeleteFunction20150331");
            assertThat(e.eventSource()).isEqualTo("lambda.amazonaws.com");
            assertThat(e.readOnly()).isFalse();
            assertThat(e.username()).isEqualTo("responder");
            assertThat(e.record().path("requestParameters").path("functionName").asText())
                    .isEqualTo("sys-update-worker-2");
            assertThat(e.resources()).extracting(TrailEvent.Resource::name)
                    .containsExactly("arn:aws:lambda:ap-south-1:444455556666:function:sys-update-worker-2");
            assertThat(s.state().events(TestClients.NW_MINER_REGION)).anySatisfy(x -> {
                assertThat(x.eventName()).isEqualTo("CreateFunction20150331");
                assertThat(x.accessKeyId()).isEqualTo(TestClients.NW_LEAKED_KEY);
            });
        }
    }

    @Test
    void listLayers_attackerLayer() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()),
                     TestClients.NW_MINER_REGION)) {
            List<LayersListItem> layers = lambda.listLayersPaginator().layers().stream().toList();

            assertThat(layers).singleElement().satisfies(l -> {
                assertThat(l.layerName()).isEqualTo("runtime-deps");
                assertThat(l.latestMatchingVersion().version()).isEqualTo(1L);
                assertThat(l.latestMatchingVersion().layerVersionArn())
                        .isEqualTo("arn:aws:lambda:ap-south-1:444455556666:layer:runtime-deps:1");
            });
        }
    }

    @Test
    void notOptedInRegion_refused_andBadMaxItems() {
        try (Sandbox s = TestClients.startFraud();
             LambdaClient lambda = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "ap-south-2");
             LambdaClient home = TestClients.lambda(s, TestClients.basic(s.operatorCredentials()), "us-east-1")) {
            assertThatThrownBy(lambda::listFunctions).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            });
            assertThatThrownBy(() -> home.listFunctions(b -> b.maxItems(0))).isInstanceOfSatisfying(
                    LambdaException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException"));
        }
    }
}
