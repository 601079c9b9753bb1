package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Lambda (REST-JSON, 2015-03-31). Regional. Operations carry the names CloudTrail records for
 * them ({@code ListFunctions20150331}, {@code DeleteFunction20150331}, ...), so event history
 * shows what it shows on AWS. Lists come in pages of at most {@link #PAGE_LIMIT}.
 */
final class LambdaService extends ServiceHandler {
    static final int PAGE_LIMIT = 2;
    static final int MAX_ITEMS = 10000;
    static final String LIST_FUNCTIONS = "ListFunctions20150331";
    static final String GET_FUNCTION = "GetFunction20150331v2";
    static final String DELETE_FUNCTION = "DeleteFunction20150331";
    static final String CREATE_FUNCTION = "CreateFunction20150331";
    static final String LIST_LAYERS = "ListLayers20181031";
    static final String GET_POLICY = "GetPolicy20150331v2";
    /** Lambda's own time format: {@code 2026-03-07T10:40:00.000+0000}. */
    private static final DateTimeFormatter LAMBDA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    LambdaService() {
        super("lambda", new RestJsonCodec(RestJsonCodec.ErrorStyle.TYPE_AND_MESSAGE, List.of(
                RestJsonCodec.Route.of("GET", "/2015-03-31/functions/", LIST_FUNCTIONS, 200),
                RestJsonCodec.Route.of("GET", "/2015-03-31/functions/{FunctionName}", GET_FUNCTION, 200),
                RestJsonCodec.Route.of("GET", "/2015-03-31/functions/{FunctionName}/policy", GET_POLICY, 200),
                RestJsonCodec.Route.of("DELETE", "/2015-03-31/functions/{FunctionName}", DELETE_FUNCTION, 204),
                RestJsonCodec.Route.of("GET", "/2018-10-31/layers", LIST_LAYERS, 200))));
        register(LIST_FUNCTIONS, READ, this::listFunctions);
        register(GET_FUNCTION, READ, this::getFunction);
        register(DELETE_FUNCTION, WRITE, this::deleteFunction);
        register(LIST_LAYERS, READ, this::listLayers);
        register(GET_POLICY, READ, this::getPolicy);
    }

    static String time(Instant instant) {
        return LAMBDA_TIME.format(instant);
    }

    static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterValueException", message);
    }

    private static AwsError notFound(Call call, String name) {
        return new AwsError(404, "ResourceNotFoundException", "Function not found: "
                + LambdaFunction.arn(call.region, call.accountId(), name));
    }

    private ObjectNode listFunctions(Call call) {
        Pages.Page<LambdaFunction> page = page(call, call.state.functions(call.region), "lambda-functions");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Functions");
        page.items().forEach(f -> list.add(configuration(call, f)));
        if (page.next() != null) {
            out.put("NextMarker", page.next());
        }
        return out;
    }

    private ObjectNode getFunction(Call call) {
        LambdaFunction f = find(call);
        ObjectNode out = call.object();
        out.set("Configuration", configuration(call, f));
        ObjectNode code = out.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", "https://awslambda-" + f.region() + "-tasks.s3." + f.region()
                + ".amazonaws.com/snapshots/" + call.accountId() + "/" + f.name() + "-sandbox");
        ObjectNode tags = out.putObject("Tags");
        f.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The function's resource-based policy; ResourceNotFoundException when it has none. */
    private ObjectNode getPolicy(Call call) {
        LambdaFunction f = find(call);
        String policy = call.state.functionPolicy(f.region(), f.name()).orElseThrow(() -> new AwsError(404,
                "ResourceNotFoundException", "The resource you requested does not exist."));
        ObjectNode out = call.object();
        out.put("Policy", policy);
        out.put("RevisionId", revisionId(f));
        return out;
    }

    private ObjectNode deleteFunction(Call call) {
        LambdaFunction f = find(call);
        String qualifier = call.str("Qualifier");
        if (qualifier != null && !qualifier.equals("$LATEST")) {
            throw new AwsError(404, "ResourceNotFoundException", "Function not found: " + f.arn() + ":" + qualifier);
        }
        call.state.removeFunction(f.region(), f.name());
        return call.object();
    }

    private ObjectNode listLayers(Call call) {
        String runtime = call.str("CompatibleRuntime");
        List<LambdaLayer> all = call.state.layers(call.region).stream()
                .filter(l -> runtime == null || l.compatibleRuntimes().contains(runtime)).toList();
        Pages.Page<LambdaLayer> page = page(call, all, "lambda-layers");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("Layers");
        for (LambdaLayer l : page.items()) {
            ObjectNode n = list.addObject();
            n.put("LayerName", l.name());
            n.put("LayerArn", l.arn());
            ObjectNode v = n.putObject("LatestMatchingVersion");
            v.put("LayerVersionArn", l.versionArn());
            v.put("Version", l.version());
            if (l.description() != null) {
                v.put("Description", l.description());
            }
            v.put("CreatedDate", time(l.created()));
            ArrayNode runtimes = v.putArray("CompatibleRuntimes");
            l.compatibleRuntimes().forEach(runtimes::add);
        }
        if (page.next() != null) {
            out.put("NextMarker", page.next());
        }
        return out;
    }

    /** The function named by {@code FunctionName}: a name, a full ARN or a partial ARN of this region. */
    private static LambdaFunction find(Call call) {
        String ref = call.str("FunctionName");
        if (ref == null) {
            throw invalidParameter("FunctionName is required.");
        }
        String name = ref;
        if (ref.startsWith("arn:")) {
            String[] parts = ref.split(":");
            if (parts.length < 7 || !parts[5].equals("function")) {
                throw invalidParameter("Invalid function ARN: " + ref);
            }
            if (!parts[3].equals(call.region) || !parts[4].equals(call.accountId())) {
                throw notFound(call, parts[6]);
            }
            name = parts[6];
        } else if (ref.contains(":function:")) {
            name = ref.substring(ref.indexOf(":function:") + ":function:".length());
        }
        if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        String found = name;
        LambdaFunction f = call.state.function(call.region, found).orElseThrow(() -> notFound(call, found));
        call.resource("AWS::Lambda::Function", f.arn());
        return f;
    }

    static ObjectNode configuration(Call call, LambdaFunction f) {
        ObjectNode n = call.object();
        n.put("FunctionName", f.name());
        n.put("FunctionArn", f.arn());
        n.put("Runtime", f.runtime());
        n.put("Role", f.role());
        n.put("Handler", f.handler());
        n.put("CodeSize", f.codeSize());
        n.put("Description", f.description() == null ? "" : f.description());
        n.put("Timeout", f.timeout());
        n.put("MemorySize", f.memorySize());
        n.put("LastModified", time(f.lastModified()));
        n.put("CodeSha256", f.codeSha256());
        n.put("Version", "$LATEST");
        if (!f.environment().isEmpty()) {
            ObjectNode vars = n.putObject("Environment").putObject("Variables");
            f.environment().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> vars.put(e.getKey(), e.getValue()));
        }
        n.putObject("TracingConfig").put("Mode", "PassThrough");
        n.put("RevisionId", revisionId(f));
        n.put("PackageType", "Zip");
        n.putArray("Architectures").add("x86_64");
        n.putObject("EphemeralStorage").put("Size", 512);
        n.put("State", "Active");
        n.put("LastUpdateStatus", "Successful");
        return n;
    }

    /** A stable revision id derived from the function (the same function gives the same id). */
    private static String revisionId(LambdaFunction f) {
        java.util.UUID u = java.util.UUID.nameUUIDFromBytes((f.arn() + "|" + f.lastModified())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return u.toString();
    }

    private static <T> Pages.Page<T> page(Call call, List<T> all, String kind) {
        Integer max = call.integer("MaxItems");
        if (max != null && (max < 1 || max > MAX_ITEMS)) {
            throw invalidParameter("1 validation error detected: Value '" + max + "' at 'maxItems' failed to satisfy "
                    + "constraint: Member must have value between 1 and " + MAX_ITEMS);
        }
        int size = Math.min(max == null ? 50 : max, PAGE_LIMIT);
        return Pages.slice(all, kind, call.str("Marker"), size,
                () -> invalidParameter("Invalid marker: " + call.str("Marker")));
    }
}
