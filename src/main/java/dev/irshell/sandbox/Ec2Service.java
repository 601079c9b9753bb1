package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** EC2 (ec2 protocol, 2016-11-15). Regional; calls in regions that are not opted in fail with AuthFailure. */
final class Ec2Service extends ServiceHandler {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");

    Ec2Service() {
        super("ec2", Ec2Codec.INSTANCE);
        register("DescribeRegions", READ, this::describeRegions);
        register("DescribeInstances", READ, this::describeInstances);
        register("StopInstances", WRITE, this::stopInstances);
        register("TerminateInstances", WRITE, this::terminateInstances);
        register("StartInstances", WRITE, this::startInstances);
        Ec2VolumeOperations.registerOn(this);
    }

    @Override
    String xmlNamespace() {
        return "http://ec2.amazonaws.com/doc/2016-11-15/";
    }

    // ------------------------------------------------------------------ regions

    private ObjectNode describeRegions(Call call) {
        boolean all = call.bool("AllRegions");
        List<String> names = call.strings("RegionName");
        for (String name : names) {
            if (call.state.region(name).isEmpty()) {
                throw AwsError.ec2InvalidParameterValue("Invalid region: " + name);
            }
        }
        Predicate<RegionInfo> filter = regionFilter(call);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("regionInfo");
        for (RegionInfo region : call.state.regions()) {
            boolean listed = names.isEmpty() ? (all || region.enabled()) : names.contains(region.name());
            if (listed && filter.test(region)) {
                ObjectNode r = list.addObject();
                r.put("regionName", region.name());
                r.put("regionEndpoint", "ec2." + region.name() + ".amazonaws.com");
                r.put("optInStatus", region.optInStatus());
            }
        }
        return out;
    }

    private static Predicate<RegionInfo> regionFilter(Call call) {
        Predicate<RegionInfo> p = r -> true;
        for (JsonNode f : call.node("Filter")) {
            String name = f.path("Name").asText();
            List<String> values = new ArrayList<>();
            f.path("Value").forEach(v -> values.add(v.asText()));
            p = p.and(switch (name) {
                case "region-name" -> r -> values.contains(r.name());
                case "opt-in-status" -> r -> values.contains(r.optInStatus());
                case "endpoint" -> r -> values.contains("ec2." + r.name() + ".amazonaws.com");
                default -> throw AwsError.ec2InvalidParameterValue("The filter '" + name + "' is invalid");
            });
        }
        return p;
    }

    // ------------------------------------------------------------------ instances

    private ObjectNode describeInstances(Call call) {
        List<String> ids = call.strings("InstanceId");
        Integer max = call.integer("MaxResults");
        if (max != null && !ids.isEmpty()) {
            throw AwsError.ec2InvalidParameterCombination(
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        if (max != null && (max < 5 || max > 1000)) {
            throw AwsError.ec2InvalidParameterValue("Value ( " + max + " ) for parameter maxResults is invalid. "
                    + "Expecting a value between 5 and 1000.");
        }
        List<Ec2Instance> found = requireInstances(call, ids);
        Predicate<Ec2Instance> filter = instanceFilter(call);
        List<Ec2Instance> matching = found.stream().filter(filter).toList();
        Pages.Page<Ec2Instance> page = Pages.slice(matching, "ec2", call.str("NextToken"),
                max == null ? Integer.MAX_VALUE : max,
                () -> AwsError.ec2InvalidParameterValue("The specified token is invalid"));
        ObjectNode out = call.object();
        ArrayNode reservations = out.putArray("reservationSet");
        ObjectNode current = null;
        for (Ec2Instance instance : page.items()) {
            if (current == null || !current.path("reservationId").asText().equals(instance.reservationId())) {
                current = reservations.addObject();
                current.put("reservationId", instance.reservationId());
                current.put("ownerId", call.accountId());
                current.putArray("groupSet");
                current.putArray("instancesSet");
            }
            ((ArrayNode) current.get("instancesSet")).add(instanceNode(call, instance));
        }
        if (page.next() != null) {
            out.put("nextToken", page.next());
        }
        ids.forEach(id -> call.resource("AWS::EC2::Instance", id));
        return out;
    }

    private ObjectNode stopInstances(Call call) {
        return changeState(call, Ec2Instance.State.STOPPING, Ec2Instance.State.STOPPED);
    }

    private ObjectNode terminateInstances(Call call) {
        return changeState(call, Ec2Instance.State.SHUTTING_DOWN, Ec2Instance.State.TERMINATED);
    }

    private ObjectNode startInstances(Call call) {
        return changeState(call, Ec2Instance.State.PENDING, Ec2Instance.State.RUNNING);
    }

    private ObjectNode changeState(Call call, Ec2Instance.State reported, Ec2Instance.State target) {
        List<String> ids = call.strings("InstanceId");
        if (ids.isEmpty()) {
            throw AwsError.missingParameter("InstanceId");
        }
        List<Ec2Instance> instances = requireInstances(call, ids);
        for (Ec2Instance i : instances) {
            boolean gone = i.state() == Ec2Instance.State.TERMINATED || i.state() == Ec2Instance.State.SHUTTING_DOWN;
            if (gone && target != Ec2Instance.State.TERMINATED) {
                throw new AwsError(400, "IncorrectInstanceState", "This instance '" + i.id()
                        + "' is not in a state from which it can be "
                        + (target == Ec2Instance.State.STOPPED ? "stopped." : "started."));
            }
            if (target == Ec2Instance.State.TERMINATED && i.disableApiTermination() && !gone) {
                throw new AwsError(400, "OperationNotPermitted", "The instance '" + i.id() + "' may not be "
                        + "terminated. Modify its 'disableApiTermination' instance attribute and try again.");
            }
        }
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("instancesSet");
        for (Ec2Instance i : instances) {
            Ec2Instance.State now = i.state() == target ? target : reported;
            ObjectNode item = list.addObject();
            item.put("instanceId", i.id());
            item.set("currentState", stateNode(call, now));
            item.set("previousState", stateNode(call, i.state()));
            call.state.putInstance(i.withState(target));
            if (target == Ec2Instance.State.TERMINATED) {
                for (Ec2Volume v : call.state.volumesOf(i.id())) {
                    if (v.deleteOnTermination()) {
                        call.state.removeVolume(v.id());
                    } else {
                        call.state.putVolume(v.detached());
                    }
                }
            }
            call.resource("AWS::EC2::Instance", i.id());
        }
        return out;
    }

    /** The named instances of this region in order (all of them when none is named). */
    static List<Ec2Instance> requireInstances(Call call, List<String> ids) {
        List<Ec2Instance> inRegion = call.state.instances(call.region);
        if (ids.isEmpty()) {
            return inRegion;
        }
        List<String> missing = new ArrayList<>();
        List<Ec2Instance> found = new ArrayList<>();
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new AwsError(400, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
            }
            inRegion.stream().filter(i -> i.id().equals(id)).findFirst()
                    .ifPresentOrElse(found::add, () -> missing.add(id));
        }
        if (!missing.isEmpty()) {
            throw new AwsError(400, "InvalidInstanceID.NotFound", missing.size() == 1
                    ? "The instance ID '" + missing.get(0) + "' does not exist"
                    : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return found;
    }

    private static Predicate<Ec2Instance> instanceFilter(Call call) {
        Predicate<Ec2Instance> p = i -> true;
        for (JsonNode f : call.node("Filter")) {
            String name = f.path("Name").asText();
            List<String> values = new ArrayList<>();
            f.path("Value").forEach(v -> values.add(v.asText()));
            Predicate<Ec2Instance> one;
            if (name.startsWith("tag:")) {
                String key = name.substring(4);
                one = i -> values.contains(i.tags().get(key));
            } else {
                one = switch (name) {
                    case "instance-id" -> i -> values.contains(i.id());
                    case "instance-state-name" -> i -> values.contains(i.state().wireName());
                    case "instance-state-code" -> i -> values.contains(String.valueOf(i.state().code()));
                    case "instance-type" -> i -> values.contains(i.instanceType());
                    case "image-id" -> i -> values.contains(i.imageId());
                    case "key-name" -> i -> values.contains(i.keyName());
                    case "availability-zone" -> i -> values.contains(i.availabilityZone());
                    case "ip-address" -> i -> values.contains(i.publicIp());
                    case "reservation-id" -> i -> values.contains(i.reservationId());
                    case "tag-key" -> i -> i.tags().keySet().stream().anyMatch(values::contains);
                    default -> throw AwsError.ec2InvalidParameterValue("The filter '" + name + "' is invalid");
                };
            }
            p = p.and(one);
        }
        return p;
    }

    static ArrayNode tagSet(Call call, Map<String, String> tags) {
        ArrayNode out = call.array();
        tags.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(t -> out.addObject().put("key", t.getKey()).put("value", t.getValue()));
        return out;
    }

    private static ObjectNode stateNode(Call call, Ec2Instance.State state) {
        ObjectNode s = call.object();
        s.put("code", state.code());
        s.put("name", state.wireName());
        return s;
    }

    private static ObjectNode instanceNode(Call call, Ec2Instance i) {
        boolean live = i.state() != Ec2Instance.State.TERMINATED;
        ObjectNode n = call.object();
        n.put("instanceId", i.id());
        n.put("imageId", i.imageId());
        n.set("instanceState", stateNode(call, i.state()));
        n.put("privateDnsName", live && i.privateIp() != null
                ? "ip-" + i.privateIp().replace('.', '-') + "." + dnsSuffix(i.region()) : "");
        n.put("dnsName", live && i.publicIp() != null ? "ec2-" + i.publicIp().replace('.', '-') + "."
                + ("us-east-1".equals(i.region()) ? "compute-1" : i.region() + ".compute") + ".amazonaws.com" : "");
        n.put("reason", live ? "" : "User initiated");
        if (i.keyName() != null) {
            n.put("keyName", i.keyName());
        }
        n.put("amiLaunchIndex", 0);
        n.putArray("productCodes");
        n.put("instanceType", i.instanceType());
        n.set("launchTime", call.time(i.launchTime()));
        ObjectNode placement = n.putObject("placement");
        placement.put("availabilityZone", i.availabilityZone());
        placement.put("groupName", "");
        placement.put("tenancy", "default");
        n.putObject("monitoring").put("state", "disabled");
        if (live) {
            if (i.subnetId() != null) {
                n.put("subnetId", i.subnetId());
            }
            if (i.vpcId() != null) {
                n.put("vpcId", i.vpcId());
            }
            if (i.privateIp() != null) {
                n.put("privateIpAddress", i.privateIp());
            }
            if (i.publicIp() != null) {
                n.put("ipAddress", i.publicIp());
            }
        }
        n.put("architecture", "x86_64");
        n.put("rootDeviceType", "ebs");
        n.put("rootDeviceName", "/dev/xvda");
        ArrayNode devices = n.putArray("blockDeviceMapping");
        for (Ec2Volume v : call.state.volumesOf(i.id())) {
            ObjectNode d = devices.addObject();
            d.put("deviceName", v.device());
            ObjectNode ebs = d.putObject("ebs");
            ebs.put("volumeId", v.id());
            ebs.put("status", "attached");
            ebs.set("attachTime", call.time(v.created()));
            ebs.put("deleteOnTermination", v.deleteOnTermination());
        }
        n.put("virtualizationType", "hvm");
        n.put("hypervisor", "xen");
        if (!i.tags().isEmpty()) {
            ArrayNode tags = n.putArray("tagSet");
            i.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> {
                ObjectNode tag = tags.addObject();
                tag.put("key", t.getKey());
                tag.put("value", t.getValue());
            });
        }
        return n;
    }

    private static String dnsSuffix(String region) {
        return "us-east-1".equals(region) ? "ec2.internal" : region + ".compute.internal";
    }
}
