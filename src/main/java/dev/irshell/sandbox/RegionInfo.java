package dev.irshell.sandbox;

/** A region of the partition and its opt-in status for this account. */
public record RegionInfo(String name, String optInStatus) {
    public static final String NOT_REQUIRED = "opt-in-not-required";
    public static final String OPTED_IN = "opted-in";
    public static final String NOT_OPTED_IN = "not-opted-in";

    public boolean enabled() {
        return !NOT_OPTED_IN.equals(optInStatus);
    }
}
