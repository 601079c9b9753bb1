package dev.irshell.shell;

/** ANSI styles, or none at all when colour is off (NO_COLOR, --no-color, or a dumb terminal). */
public final class Ansi {
    private final boolean on;

    public Ansi(boolean on) {
        this.on = on;
    }

    public boolean enabled() {
        return on;
    }

    private String wrap(String code, String s) {
        return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    public String bold(String s) { return wrap("1", s); }
    public String dim(String s) { return wrap("2", s); }
    public String red(String s) { return wrap("31", s); }
    public String boldRed(String s) { return wrap("1;31", s); }
    public String green(String s) { return wrap("32", s); }
    public String yellow(String s) { return wrap("33", s); }
    public String cyan(String s) { return wrap("36", s); }
    public String inverse(String s) { return wrap("7", s); }

    /** Removes ANSI escapes: what a width computation or a transcript needs. */
    public static String strip(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
