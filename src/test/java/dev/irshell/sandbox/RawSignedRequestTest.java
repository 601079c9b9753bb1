package dev.irshell.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests on the wire, signed here, for what the SDK hides (bodies of 401 answers, exact XML). */
class RawSignedRequestTest {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = TestClients.startDefault();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void ec2CallInRegionNotOptedIn_answersAuthFailure401() throws Exception {
        HttpResponse<String> r = post("ap-east-1", "ec2", "Action=DescribeInstances&Version=2016-11-15", Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("<Response><Errors><Error><Code>AuthFailure</Code>")
                .contains("<RequestID>");
    }

    @Test
    void iamResult_isWrappedWithResultAndRequestId() throws Exception {
        HttpResponse<String> r = post("us-east-1", "iam", "Action=GetUser&Version=2010-05-08", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<GetUserResult><User>").contains("<UserName>responder</UserName>")
                .contains("<ResponseMetadata><RequestId>");
    }

    @Test
    void jsonError_carriesTypeHeaderAndRequestId() throws Exception {
        HttpResponse<String> r = post("us-east-1", "cloudtrail", "{\"LookupAttributes\":[{},{}]}", Map.of(
                "X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
                "Content-Type", "application/x-amz-json-1.1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidLookupAttributesException");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.body()).contains("\"__type\":\"InvalidLookupAttributesException\"");
    }

    @Test
    void unsignedRestJsonRequest_answeredInThatServicesProtocol() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> lambda = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
                + "/2015-03-31/functions/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> account = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
                + "/getContactInformation")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(lambda.statusCode()).isEqualTo(403);
        assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(lambda.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(lambda.body()).contains("\"Type\":\"User\"").contains("\"Message\":");
        assertThat(account.statusCode()).isEqualTo(403);
        assertThat(account.body()).contains("\"message\":\"Missing Authentication Token\"");
    }

    private HttpResponse<String> post(String region, String service, String body, Map<String, String> extra)
            throws Exception {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(TestClients.T0);
        String host = "127.0.0.1:" + sandbox.endpoint().getPort();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        headers.put("host", List.of(host));
        headers.put("x-amz-date", List.of(amzDate));
        extra.forEach((k, v) -> headers.put(k.toLowerCase(), List.of(v)));
        HttpRequestData data = new HttpRequestData("POST", "/", "", headers, bytes, "127.0.0.1");
        List<String> signed = List.copyOf(headers.keySet());
        String canonical = SigV4.canonicalRequest(data, signed, SigV4.sha256Hex(bytes));
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + SigV4.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        Credentials c = sandbox.operatorCredentials();
        String signature = SigV4.sign(c.secretAccessKey(), amzDate.substring(0, 8), region, service, toSign);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("X-Amz-Date", amzDate)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope
                        + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        extra.forEach(b::header);
        if (!extra.containsKey("Content-Type")) {
            b.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
