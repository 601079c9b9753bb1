package dev.irshell.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * EC2's EBS and AMI operations, registered on {@link Ec2Service}: DescribeVolumes,
 * DescribeSnapshots, CreateSnapshots, CreateSnapshot, CreateTags and DescribeImages. New
 * snapshots are {@code pending} and complete at the next DescribeSnapshots. With MaxResults,
 * lists come in pages of at most {@link #PAGE_LIMIT}.
 */
final class Ec2VolumeOperations {
    static final int PAGE_LIMIT = 2;

    private Ec2VolumeOperations() {
    }

    static void registerOn(Ec2Service ec2) {
        ec2.register("DescribeVolumes", ServiceHandler.READ, Ec2VolumeOperations::describeVolumes);
        ec2.register("DescribeSnapshots", ServiceHandler.READ, Ec2VolumeOperations::describeSnapshots);
        ec2.register("CreateSnapshots", ServiceHandler.WRITE, Ec2VolumeOperations::createSnapshots);
        ec2.register("CreateSnapshot", ServiceHandler.WRITE, Ec2VolumeOperations::createSnapshot);
        ec2.register("CreateTags", ServiceHandler.WRITE, Ec2VolumeOperations::createTags);
        ec2.register("DescribeImages", ServiceHandler.READ, Ec2VolumeOperations::describeImages);
    }

    // ------------------------------------------------------------------ volumes

    private static ObjectNode describeVolumes(Call call) {
        List<String> ids = call.strings("VolumeId");
        List<Ec2Volume> all = call.state.volumes(call.region);
        for (String id : ids) {
            if (all.stream().noneMatch(v -> v.id().equals(id))) {
                throw new AwsError(400, "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
        }
        Predicate<Ec2Volume> filter = filter(call, Ec2Volume::tags, Map.of(
                "volume-id", Ec2Volume::id,
                "attachment.instance-id", v -> v.instanceId() == null ? "" : v.instanceId(),
                "attachment.device", v -> v.device() == null ? "" : v.device(),
                "status", Ec2Volume::status,
                "availability-zone", Ec2Volume::availabilityZone,
                "volume-type", Ec2Volume::volumeType,
                "size", v -> String.valueOf(v.size())));
        List<Ec2Volume> matching = all.stream().filter(v -> ids.isEmpty() || ids.contains(v.id())).filter(filter)
                .toList();
        Pages.Page<Ec2Volume> page = page(call, matching, "ec2-volumes");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("volumeSet");
        for (Ec2Volume v : page.items()) {
            ObjectNode n = list.addObject();
            n.put("volumeId", v.id());
            n.put("size", v.size());
            n.put("snapshotId", "");
            n.put("availabilityZone", v.availabilityZone());
            n.put("status", v.status());
            n.set("createTime", call.time(v.created()));
            ArrayNode attachments = n.putArray("attachmentSet");
            if (v.instanceId() != null) {
                ObjectNode a = attachments.addObject();
                a.put("volumeId", v.id());
                a.put("instanceId", v.instanceId());
                a.put("device", v.device());
                a.put("status", "attached");
                a.set("attachTime", call.time(v.created()));
                a.put("deleteOnTermination", v.deleteOnTermination());
            }
            n.put("volumeType", v.volumeType());
            n.put("iops", 3000);
            n.put("encrypted", v.encrypted());
            n.put("multiAttachEnabled", false);
            if (!v.tags().isEmpty()) {
                n.set("tagSet", Ec2Service.tagSet(call, v.tags()));
            }
        }
        return next(out, page);
    }

    // ------------------------------------------------------------------ snapshots

    private static ObjectNode describeSnapshots(Call call) {
        List<String> owners = call.strings("Owner");
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(call.accountId());
        List<String> ids = call.strings("SnapshotId");
        List<Ec2Snapshot> all = call.state.snapshots(call.region);
        for (String id : ids) {
            if (all.stream().noneMatch(s -> s.id().equals(id))) {
                throw new AwsError(400, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
            }
        }
        for (Ec2Snapshot s : all) {
            if (!s.completed()) {
                call.state.putSnapshot(s.withState("completed"));
            }
        }
        Predicate<Ec2Snapshot> filter = filter(call, Ec2Snapshot::tags, Map.of(
                "snapshot-id", Ec2Snapshot::id,
                "volume-id", Ec2Snapshot::volumeId,
                "status", Ec2Snapshot::state,
                "owner-id", s -> call.accountId(),
                "description", Ec2Snapshot::description,
                "volume-size", s -> String.valueOf(s.volumeSize())));
        List<Ec2Snapshot> matching = call.state.snapshots(call.region).stream().filter(s -> ours)
                .filter(s -> ids.isEmpty() || ids.contains(s.id())).filter(filter).toList();
        Pages.Page<Ec2Snapshot> page = page(call, matching, "ec2-snapshots");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("snapshotSet");
        for (Ec2Snapshot s : page.items()) {
            ObjectNode n = list.addObject();
            n.put("snapshotId", s.id());
            n.put("volumeId", s.volumeId());
            n.put("status", s.state());
            n.set("startTime", call.time(s.started()));
            n.put("progress", s.completed() ? "100%" : "0%");
            n.put("ownerId", call.accountId());
            n.put("description", s.description());
            n.put("volumeSize", s.volumeSize());
            n.put("encrypted", s.encrypted());
            n.put("storageTier", "standard");
            if (!s.tags().isEmpty()) {
                n.set("tagSet", Ec2Service.tagSet(call, s.tags()));
            }
        }
        return next(out, page);
    }

    /** Tags of TagSpecification.N with ResourceType {@code type}. */
    private static Map<String, String> specifiedTags(Call call, String type) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode spec : call.node("TagSpecification")) {
            if (!type.equals(spec.path("ResourceType").asText())) {
                throw AwsError.ec2InvalidParameterValue("'" + spec.path("ResourceType").asText() + "' is not a valid "
                        + "taggable resource type for this operation.");
            }
            for (JsonNode t : spec.path("Tag")) {
                tags.put(t.path("Key").asText(), t.path("Value").asText(""));
            }
        }
        return tags;
    }

    private static Ec2Snapshot snapshotOf(Call call, Ec2Volume v, String description, Map<String, String> tags) {
        Ec2Snapshot s = new Ec2Snapshot(call.ids.ec2Id("snap"), v.region(), v.id(), v.size(), "pending", call.now,
                description == null ? "" : description, v.encrypted(), tags, call.origin);
        call.state.putSnapshot(s);
        call.resource("AWS::EC2::Snapshot", s.id());
        return s;
    }

    private static ObjectNode createSnapshots(Call call) {
        JsonNode spec = call.node("InstanceSpecification");
        String instanceId = spec.path("InstanceId").asText(null);
        if (instanceId == null) {
            throw AwsError.missingParameter("InstanceSpecification");
        }
        Ec2Instance instance = Ec2Service.requireInstances(call, List.of(instanceId)).get(0);
        if (instance.state() == Ec2Instance.State.TERMINATED) {
            throw new AwsError(400, "IncorrectState", "The instance '" + instanceId + "' is terminated.");
        }
        boolean excludeBoot = spec.path("ExcludeBootVolume").asBoolean(false)
                || "true".equalsIgnoreCase(spec.path("ExcludeBootVolume").asText());
        List<String> excluded = new ArrayList<>();
        spec.path("ExcludeDataVolumeId").forEach(v -> excluded.add(v.asText()));
        Map<String, String> specified = specifiedTags(call, "snapshot");
        boolean copy = "volume".equals(call.str("CopyTagsFromSource"));
        call.resource("AWS::EC2::Instance", instanceId);
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("snapshotSet");
        for (Ec2Volume v : call.state.volumesOf(instanceId)) {
            boolean boot = v.device().equals("/dev/xvda");
            if (boot && excludeBoot || !boot && excluded.contains(v.id())) {
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>(copy ? v.tags() : Map.of());
            tags.putAll(specified);
            Ec2Snapshot s = snapshotOf(call, v, call.str("Description"), tags);
            ObjectNode n = list.addObject();
            n.put("description", s.description());
            if (!s.tags().isEmpty()) {
                n.set("tagSet", Ec2Service.tagSet(call, s.tags()));
            }
            n.put("encrypted", s.encrypted());
            n.put("volumeId", s.volumeId());
            n.put("state", s.state());
            n.put("volumeSize", s.volumeSize());
            n.set("startTime", call.time(s.started()));
            n.put("progress", "");
            n.put("ownerId", call.accountId());
            n.put("snapshotId", s.id());
        }
        return out;
    }

    private static ObjectNode createSnapshot(Call call) {
        String volumeId = call.required("VolumeId");
        Ec2Volume v = call.state.volumes(call.region).stream().filter(x -> x.id().equals(volumeId)).findFirst()
                .orElseThrow(() -> new AwsError(400, "InvalidVolume.NotFound", "The volume '" + volumeId
                        + "' does not exist."));
        if (v.instanceId() != null) {
            call.resource("AWS::EC2::Instance", v.instanceId());
        }
        call.resource("AWS::EC2::Volume", v.id());
        Ec2Snapshot s = snapshotOf(call, v, call.str("Description"), specifiedTags(call, "snapshot"));
        ObjectNode out = call.object();
        out.put("snapshotId", s.id());
        out.put("volumeId", s.volumeId());
        out.put("status", s.state());
        out.set("startTime", call.time(s.started()));
        out.put("progress", "");
        out.put("ownerId", call.accountId());
        out.put("description", s.description());
        out.put("volumeSize", s.volumeSize());
        out.put("encrypted", s.encrypted());
        if (!s.tags().isEmpty()) {
            out.set("tagSet", Ec2Service.tagSet(call, s.tags()));
        }
        return out;
    }

    // ------------------------------------------------------------------ tags

    private static ObjectNode createTags(Call call) {
        List<String> ids = call.strings("ResourceId");
        if (ids.isEmpty()) {
            throw AwsError.missingParameter("ResourceId");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : call.node("Tag")) {
            tags.put(t.path("Key").asText(), t.path("Value").asText(""));
        }
        if (tags.isEmpty()) {
            throw AwsError.missingParameter("Tag");
        }
        List<Runnable> changes = new ArrayList<>();
        for (String id : ids) {
            changes.add(tagChange(call, id, tags));
        }
        changes.forEach(Runnable::run);
        ObjectNode out = call.object();
        out.put("return", true);
        return out;
    }

    /** The change that tags one resource, checked before any resource changes (one bad id fails the call). */
    private static Runnable tagChange(Call call, String id, Map<String, String> tags) {
        if (id.startsWith("i-")) {
            Ec2Instance i = Ec2Service.requireInstances(call, List.of(id)).get(0);
            call.resource("AWS::EC2::Instance", id);
            return () -> call.state.putInstance(i.withTags(merged(i.tags(), tags)));
        }
        if (id.startsWith("vol-")) {
            Ec2Volume v = call.state.volumes(call.region).stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AwsError(400, "InvalidVolume.NotFound", "The volume '" + id
                            + "' does not exist."));
            call.resource("AWS::EC2::Volume", id);
            return () -> call.state.putVolume(v.withTags(merged(v.tags(), tags)));
        }
        if (id.startsWith("snap-")) {
            Ec2Snapshot s = call.state.snapshots(call.region).stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AwsError(400, "InvalidSnapshot.NotFound", "The snapshot '" + id
                            + "' does not exist."));
            call.resource("AWS::EC2::Snapshot", id);
            return () -> call.state.putSnapshot(s.withTags(merged(s.tags(), tags)));
        }
        if (id.startsWith("ami-")) {
            Ec2Image im = call.state.images(call.region).stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AwsError(400, "InvalidAMIID.NotFound", "The image id '[" + id
                            + "]' does not exist"));
            call.resource("AWS::EC2::Image", id);
            return () -> call.state.putImage(im.withTags(merged(im.tags(), tags)));
        }
        throw new AwsError(400, "InvalidID", "The ID '" + id + "' is not valid");
    }

    private static Map<String, String> merged(Map<String, String> old, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>(old);
        out.putAll(added);
        return out;
    }

    // ------------------------------------------------------------------ images

    private static ObjectNode describeImages(Call call) {
        List<String> owners = call.strings("Owner");
        boolean ours = owners.isEmpty() || owners.contains("self") || owners.contains(call.accountId());
        List<String> ids = call.strings("ImageId");
        List<Ec2Image> all = call.state.images(call.region);
        for (String id : ids) {
            if (all.stream().noneMatch(i -> i.id().equals(id))) {
                throw new AwsError(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist");
            }
        }
        Predicate<Ec2Image> filter = filter(call, Ec2Image::tags, Map.of(
                "image-id", Ec2Image::id,
                "name", Ec2Image::name,
                "state", i -> "available",
                "is-public", i -> String.valueOf(i.isPublic()),
                "owner-id", i -> call.accountId()));
        List<Ec2Image> matching = all.stream().filter(i -> ours).filter(i -> ids.isEmpty() || ids.contains(i.id()))
                .filter(filter).toList();
        Pages.Page<Ec2Image> page = page(call, matching, "ec2-images");
        ObjectNode out = call.object();
        ArrayNode list = out.putArray("imagesSet");
        for (Ec2Image i : page.items()) {
            ObjectNode n = list.addObject();
            n.put("imageId", i.id());
            n.put("imageLocation", call.accountId() + "/" + i.name());
            n.put("imageState", "available");
            n.put("imageOwnerId", call.accountId());
            n.put("creationDate", Times.iso(i.created()));
            n.put("isPublic", i.isPublic());
            n.put("architecture", "x86_64");
            n.put("imageType", "machine");
            n.put("name", i.name());
            if (i.description() != null) {
                n.put("description", i.description());
            }
            n.put("rootDeviceType", "ebs");
            n.put("rootDeviceName", "/dev/xvda");
            n.put("virtualizationType", "hvm");
            n.put("hypervisor", "xen");
            n.put("platformDetails", "Linux/UNIX");
            if (!i.tags().isEmpty()) {
                n.set("tagSet", Ec2Service.tagSet(call, i.tags()));
            }
        }
        return next(out, page);
    }

    // ------------------------------------------------------------------ helpers

    /** Filter.N over named fields, {@code tag:KEY} and {@code tag-key}; unknown names are refused as EC2 does. */
    private static <T> Predicate<T> filter(Call call, Function<T, Map<String, String>> tags,
                                           Map<String, Function<T, String>> fields) {
        Predicate<T> p = x -> true;
        for (JsonNode f : call.node("Filter")) {
            String name = f.path("Name").asText();
            List<String> values = new ArrayList<>();
            f.path("Value").forEach(v -> values.add(v.asText()));
            Predicate<T> one;
            if (name.startsWith("tag:")) {
                String key = name.substring(4);
                one = x -> values.contains(tags.apply(x).get(key));
            } else if (name.equals("tag-key")) {
                one = x -> tags.apply(x).keySet().stream().anyMatch(values::contains);
            } else if (fields.containsKey(name)) {
                Function<T, String> field = fields.get(name);
                one = x -> values.contains(field.apply(x));
            } else {
                throw AwsError.ec2InvalidParameterValue("The filter '" + name + "' is invalid");
            }
            p = p.and(one);
        }
        return p;
    }

    private static <T> Pages.Page<T> page(Call call, List<T> all, String kind) {
        Integer max = call.integer("MaxResults");
        if (max != null && (max < 5 || max > 1000)) {
            throw AwsError.ec2InvalidParameterValue("Value ( " + max + " ) for parameter maxResults is invalid. "
                    + "Expecting a value between 5 and 1000.");
        }
        return Pages.slice(all, kind, call.str("NextToken"), max == null ? Integer.MAX_VALUE : Math.min(max, PAGE_LIMIT),
                () -> AwsError.ec2InvalidParameterValue("The specified token is invalid"));
    }

    private static ObjectNode next(ObjectNode out, Pages.Page<?> page) {
        if (page.next() != null) {
            out.put("nextToken", page.next());
        }
        return out;
    }
}
