package dev.irshell.sandbox;

import java.util.List;

/** The commercial partition's regions and which need an opt-in (ec2 DescribeRegions, AllRegions=true). */
final class Regions {
    private Regions() {
    }

    /** Enabled in every account. */
    static final List<String> DEFAULT = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ca-central-1",
            "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1");

    /** Need an opt-in before any call there works. */
    static final List<String> OPT_IN = List.of(
            "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-7", "ca-west-1", "eu-south-1", "eu-south-2", "eu-central-2", "il-central-1",
            "me-south-1", "me-central-1", "mx-central-1");

    static boolean known(String region) {
        return DEFAULT.contains(region) || OPT_IN.contains(region);
    }

    /** The availability zone a region's first resources land in, e.g. {@code sa-east-1a}. */
    static String firstZone(String region) {
        return region + "a";
    }
}
