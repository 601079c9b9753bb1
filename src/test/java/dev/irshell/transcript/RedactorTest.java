package dev.irshell.transcript;

import static dev.irshell.transcript.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    private final Redactor redactor = new Redactor();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SecretAccessKey", "secretAccessKey", "secret_access_key", "SECRET-ACCESS-KEY",
            "secretKey", "SessionToken", "session_token", "SecurityToken", "password", "Password",
            "NewPassword", "old_password", "PrivateKey", "private-key", "Credentials.SecretAccessKey",
            "x-amz-security-token", "X-Amz-Security-Token", "Authorization"})
    void redact_masksFieldsWithSecretNames_inAnyCase(String name) throws Exception {
        JsonNode in = JSON.createObjectNode().put(name, "some-value-that-is-secret").put("other", "kept");

        JsonNode out = redactor.redact(in);

        assertThat(out.get(name).textValue()).isEqualTo(MASK);
        assertThat(out.get("other").textValue()).isEqualTo("kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessKeyId", "passwordPolicy", "secret", "token", "UserName", "keyName"})
    void redact_keepsFieldsWhoseNamesOnlyLookLikeSecrets(String name) throws Exception {
        JsonNode in = JSON.createObjectNode().put(name, "visible-value");

        assertThat(redactor.redact(in).get(name).textValue()).isEqualTo("visible-value");
    }

    @Test
    void redact_masksSecretFieldsNestedInObjectsAndArrays() throws Exception {
        JsonNode in = json("{'Credentials':{'AccessKeyId':'ASIAXEXAMPLEID123456','SecretAccessKey':'" + SECRET_KEY
                + "','SessionToken':'FwoGZXIvYXdzEXAMPLE'},"
                + "'users':[{'name':'alice','password':'hunter2hunter2'},{'name':'bob','Password':'p4ssw0rd!'}]}");

        JsonNode out = redactor.redact(in);

        assertThat(out).isEqualTo(json("{'Credentials':{'AccessKeyId':'ASIAXEXAMPLEID123456','SecretAccessKey':'"
                + MASK + "','SessionToken':'" + MASK + "'},"
                + "'users':[{'name':'alice','password':'" + MASK + "'},{'name':'bob','Password':'" + MASK + "'}]}"));
    }

    @Test
    void redact_masksSecretFieldWhateverItsValueType_butKeepsNull() throws Exception {
        JsonNode in = json("{'password':{'a':1},'secretKey':[1,2],'sessionToken':42,'privateKey':true,'authorization':null}");

        JsonNode out = redactor.redact(in);

        assertThat(out).isEqualTo(json("{'password':'" + MASK + "','secretKey':'" + MASK + "','sessionToken':'" + MASK
                + "','privateKey':'" + MASK + "','authorization':null}"));
    }

    @Test
    void redact_returnsDeepCopy_leavingInputUntouched() throws Exception {
        JsonNode in = json("{'outer':{'password':'hunter2hunter2','list':[{'note':'x'}]}}");
        JsonNode before = in.deepCopy();

        JsonNode out = redactor.redact(in);
        ((com.fasterxml.jackson.databind.node.ObjectNode) out.get("outer").get("list").get(0)).put("note", "changed");

        assertThat(in).isEqualTo(before);
        assertThat(out).isNotSameAs(in);
    }

    @Test
    void redact_masksRegisteredValueInsideLongerStrings_everywhere() throws Exception {
        redactor.addSecret("Zq8!vLm#2pRt");
        JsonNode in = json("{'msg':'created user with password Zq8!vLm#2pRt, tell them','list':['a Zq8!vLm#2pRt b'],"
                + "'deep':{'deeper':'xZq8!vLm#2pRtZq8!vLm#2pRt'}}");

        JsonNode out = redactor.redact(in);

        assertThat(out).isEqualTo(json("{'msg':'created user with password " + MASK + ", tell them','list':['a " + MASK
                + " b'],'deep':{'deeper':'x" + MASK + MASK + "'}}"));
    }

    @Test
    void redact_masksRegisteredValueInFieldNames() throws Exception {
        redactor.addSecret("Zq8!vLm#2pRt");

        JsonNode out = redactor.redact(json("{'Zq8!vLm#2pRt':'v'}"));

        assertThat(out).isEqualTo(json("{'" + MASK + "':'v'}"));
    }

    @Test
    void redact_masksUrlEncodedFormOfRegisteredValue() {
        redactor.addSecret(SECRET_KEY);

        assertThat(redactor.redact("body: Key=wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY&x=1"))
                .isEqualTo("body: Key=" + MASK + "&x=1");
    }

    @Test
    void addSecret_ignoresValuesShorterThanEightCharactersAndNull() {
        redactor.addSecret("short12");
        redactor.addSecret(null);
        redactor.addSecret("");

        assertThat(redactor.redact("short12 stays")).isEqualTo("short12 stays");
    }

    @Test
    void addSecret_longerSecretContainingAShorterOneIsMaskedWhole() {
        redactor.addSecret("abcdefgh");
        redactor.addSecret("abcdefgh-ijklmnop");

        assertThat(redactor.redact("[abcdefgh-ijklmnop] [abcdefgh]")).isEqualTo("[" + MASK + "] [" + MASK + "]");
    }

    @Test
    void redact_masksLabelledSecretKeyInEmbeddedXml() {
        String xml = "<Credentials><AccessKeyId>" + ACCESS_KEY_ID + "</AccessKeyId><SecretAccessKey>" + SECRET_KEY
                + "</SecretAccessKey></Credentials>";

        assertThat(redactor.redact(xml)).isEqualTo("<Credentials><AccessKeyId>" + ACCESS_KEY_ID
                + "</AccessKeyId><SecretAccessKey>" + MASK + "</SecretAccessKey></Credentials>");
    }

    @Test
    void redact_masksLabelledSecretKeyInEmbeddedIniAndEnvText() {
        String ini = "[default]\naws_access_key_id = " + ACCESS_KEY_ID + "\naws_secret_access_key = " + SECRET_KEY
                + "\nregion=eu-west-1\nexport AWS_SECRET_ACCESS_KEY=" + SECRET_KEY + "\n";

        assertThat(redactor.redact(ini)).isEqualTo("[default]\naws_access_key_id = " + ACCESS_KEY_ID
                + "\naws_secret_access_key = " + MASK + "\nregion=eu-west-1\nexport AWS_SECRET_ACCESS_KEY=" + MASK + "\n");
    }

    @Test
    void redact_masksLabelledSecretKeyInJsonEmbeddedInAString() throws Exception {
        JsonNode in = JSON.createObjectNode().put("raw",
                "{\"AccessKeyId\":\"" + ACCESS_KEY_ID + "\",\"SecretAccessKey\": \"" + SECRET_KEY + "\"}");

        JsonNode out = redactor.redact(in);

        assertThat(out.get("raw").textValue())
                .isEqualTo("{\"AccessKeyId\":\"" + ACCESS_KEY_ID + "\",\"SecretAccessKey\": \"" + MASK + "\"}");
    }

    @Test
    void redact_masksLabelledSessionTokenInEmbeddedXml() {
        String xml = "<SessionToken>IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQ+abc/def==</SessionToken>";

        assertThat(redactor.redact(xml)).isEqualTo("<SessionToken>" + MASK + "</SessionToken>");
    }

    @Test
    void redact_leavesKeyShapedTextWithoutLabelAlone() {
        String text = "commit " + SECRET_KEY + " and access key " + ACCESS_KEY_ID;

        assertThat(redactor.redact(text)).isEqualTo(text);
    }

    @Test
    void redact_keepsAccessKeyIdsVisible() throws Exception {
        JsonNode in = json("{'AccessKeyId':'" + ACCESS_KEY_ID + "','keys':['ASIAY34FZKBOKMUTVV7A'],"
                + "'note':'rotated " + ACCESS_KEY_ID + "'}");

        assertThat(redactor.redact(in)).isEqualTo(in);
    }

    @Test
    void redact_ofNullIsNull() {
        assertThat(redactor.redact((JsonNode) null)).isNull();
        assertThat(redactor.redact((String) null)).isNull();
    }

    @Test
    void addSecret_isSafeWhileOtherThreadsRedact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String secret = "secret-" + thread + "-" + i + "-xxxxxxxx";
                        redactor.addSecret(secret);
                        assertThat(redactor.redact("value " + secret + " end")).isEqualTo("value " + MASK + " end");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(redactor.redact("secret-0-0-xxxxxxxx secret-3-199-xxxxxxxx")).isEqualTo(MASK + " " + MASK);
    }
}
