package dev.irshell.replay;

import dev.irshell.action.Table;
import dev.irshell.shell.Ansi;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.UsageException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Plays a recording's screens as the operator saw them, at a speed. Gaps between screens follow
 * the transcript's times, each first cut to the idle limit (as asciinema's idle time limit does, so
 * a responder's coffee break does not stall the replay) and then divided by the speed.
 *
 * <p>With {@link Keys} (standard input is a terminal) it is interactive: space pauses and resumes,
 * n or → goes to the next step, p or ← to the previous one, g then a step id and Enter jumps to it,
 * l lists the steps, a then text and Enter annotates the current step, q quits. Without keys it
 * just plays. Time, sleeping and keys are injected, so tests need no real time.
 */
public final class Player {
    /** The longest pause between two screens before the speed applies. */
    public static final Duration IDLE_LIMIT = Duration.ofSeconds(3);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int ESC = 27;

    /** Key presses, read with a timeout. */
    public interface Keys {
        /** {@link #read} returned no key within the timeout. */
        int TIMEOUT = -2;
        /** The input ended: no more keys will come. */
        int EOF = -1;

        /** The next key, waiting at most {@code timeoutMillis} (0: wait for one however long it takes). */
        int read(long timeoutMillis);
    }

    /** Waits; the seam tests replace so that no real time passes. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis);

        Sleeper REAL = ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Writes one annotation of the step (null: the session) and returns it; throws UsageException when it cannot. */
    @FunctionalInterface
    public interface Annotator {
        Annotations.Annotation annotate(String step, String text);
    }

    /**
     * @param speed multiple of real time (2 = twice as fast)
     * @param waits false prints every screen at once (--no-wait)
     */
    public record Pace(double speed, boolean waits) {
        public Pace {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, got " + speed);
            }
        }

        /** How long to wait between screens {@code gap} apart in the recording. */
        public long millis(Duration gap) {
            if (!waits || gap.isNegative() || gap.isZero()) {
                return 0;
            }
            Duration capped = gap.compareTo(IDLE_LIMIT) > 0 ? IDLE_LIMIT : gap;
            return Math.round(capped.toNanos() / 1_000_000.0 / speed);
        }
    }

    private final Recording rec;
    private final List<Screen> screens;
    private final Renderer render;
    private final Ansi ansi;
    private final PrintWriter out;
    private final Pace pace;
    private final Sleeper sleeper;
    private final LongSupplier nowMillis;
    private final Annotator annotator;
    private Keys keys;
    private boolean paused;
    private int currentStart = -1;

    /**
     * @param keys      null when standard input is not a terminal: the replay just plays
     * @param nowMillis the time, for interactive waits (which read keys until the wait is over)
     */
    public Player(Recording rec, List<Screen> screens, Renderer render, PrintWriter out, Pace pace, Sleeper sleeper,
                  LongSupplier nowMillis, Keys keys, Annotator annotator) {
        this.rec = rec;
        this.screens = screens;
        this.render = render;
        this.ansi = render.ansi();
        this.out = out;
        this.pace = pace;
        this.sleeper = sleeper;
        this.nowMillis = nowMillis;
        this.keys = keys;
        this.annotator = annotator;
    }

    /** What the keys asked for while waiting. */
    private record Move(int to, boolean quit) {
        static final Move NONE = new Move(-1, false);
        static final Move QUIT = new Move(-1, true);
    }

    /** The index of the first screen of a step, or -1 when the step never started. */
    public static int startOf(List<Screen> screens, String step) {
        for (int i = 0; i < screens.size(); i++) {
            if (screens.get(i).stepStart() && screens.get(i).step().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Plays from screen {@code from} to the end, or until q. When {@code from} is past the start,
     * the session's own header screen is shown first so the replay says what it is.
     */
    public void play(int from) {
        if (keys != null) {
            out.println(ansi.dim("space pause/resume · n/→ next step · p/← previous step · g STEP jump · l list steps"
                    + " · a TEXT annotate · q quit"));
        }
        if (from > 0) {
            screens.stream().limit(from).filter(s -> s.kind() == Screen.Kind.SESSION).findFirst().ifPresent(this::show);
        }
        int i = from;
        Instant prev = null;
        while (i < screens.size()) {
            Screen s = screens.get(i);
            if (prev != null) {
                Move m = await(pace.millis(Duration.between(prev, s.at())));
                if (m.quit()) {
                    out.println(ansi.dim("replay stopped"));
                    out.flush();
                    return;
                }
                if (m.to() >= 0) {
                    i = m.to();
                    out.println(ansi.dim("── " + screens.get(i).step() + " ──"));
                    prev = null;
                    continue;
                }
            }
            if (s.stepStart()) {
                currentStart = i;
                out.print(ansi.dim(offset(s.at())) + "\n");
            }
            show(s);
            prev = s.at();
            i++;
        }
    }

    private void show(Screen s) {
        out.print(s.text());
        out.flush();
    }

    private String offset(Instant at) {
        Duration d = Duration.between(rec.started(), at);
        long ms = Math.max(0, d.toMillis());
        return String.format("@ %s  +%d:%02d.%03d", TIME.format(at), ms / 60_000, ms / 1000 % 60, ms % 1000);
    }

    /** Waits {@code millis}, handling keys meanwhile when there are any. */
    private Move await(long millis) {
        if (keys == null) {
            if (millis > 0) {
                sleeper.sleep(millis);
            }
            return Move.NONE;
        }
        long deadline = nowMillis.getAsLong() + millis;
        while (true) {
            long remaining = deadline - nowMillis.getAsLong();
            if (!paused && remaining <= 0) {
                return Move.NONE;
            }
            int k = keys.read(paused ? 0 : remaining);
            if (k == Keys.TIMEOUT) {
                continue;
            }
            if (k == Keys.EOF) {
                keys = null;
                paused = false;
                return await(Math.max(0, deadline - nowMillis.getAsLong()));
            }
            Move m = key(k);
            if (m != Move.NONE) {
                return m;
            }
        }
    }

    private Move key(int k) {
        switch (k) {
            case ' ' -> {
                paused = !paused;
                out.println(ansi.dim(paused ? "⏸ paused: space resumes" : "▶ playing"));
            }
            case 'n', 'N' -> {
                return next();
            }
            case 'p', 'P' -> {
                return previous();
            }
            case 'g', 'G' -> {
                return jump(readLine("go to step: "));
            }
            case 'l', 'L' -> out.print(list());
            case 'a', 'A' -> annotate(readLine("annotate " + (currentStep() == null ? "the session" : currentStep()) + ": "));
            case 'q', 'Q', 3, 4 -> {
                return Move.QUIT;
            }
            case ESC -> {
                return arrow();
            }
            case '?', 'h', 'H' -> out.println(ansi.dim("space pause/resume · n/→ next step · p/← previous step · g STEP jump"
                    + " · l list steps · a TEXT annotate · q quit"));
            default -> { }
        }
        out.flush();
        return Move.NONE;
    }

    /** ESC [ C / ESC O C is →, ESC [ D / ESC O D is ←. */
    private Move arrow() {
        int b = keys.read(50);
        if (b != '[' && b != 'O') {
            return Move.NONE;
        }
        int c = keys.read(50);
        return c == 'C' ? next() : c == 'D' ? previous() : Move.NONE;
    }

    private String currentStep() {
        return currentStart < 0 ? null : screens.get(currentStart).step();
    }

    private Move next() {
        for (int i = currentStart + 1; i < screens.size(); i++) {
            if (screens.get(i).stepStart()) {
                return new Move(i, false);
            }
        }
        out.println(ansi.dim("this is the last step"));
        return Move.NONE;
    }

    private Move previous() {
        for (int i = currentStart - 1; i >= 0; i--) {
            if (screens.get(i).stepStart()) {
                return new Move(i, false);
            }
        }
        return currentStart >= 0 ? new Move(currentStart, false) : Move.NONE;
    }

    private Move jump(String id) {
        if (id == null || id.isBlank()) {
            return Move.NONE;
        }
        int at = startOf(screens, id.trim());
        if (at < 0) {
            out.println(ansi.yellow(unknownStep(rec, id.trim())));
            return Move.NONE;
        }
        return new Move(at, false);
    }

    private void annotate(String text) {
        if (text == null || text.isBlank()) {
            out.println(ansi.dim("no annotation written"));
            return;
        }
        try {
            Annotations.Annotation a = annotator.annotate(currentStep(), text);
            out.println(ansi.green("annotated ") + (a.step() == null ? "the session" : a.step()) + ": " + a.text()
                    + ansi.dim(" (in " + Annotations.fileFor(rec.file()).getFileName() + ")"));
        } catch (UsageException e) {
            out.println(ansi.yellow(e.getMessage()));
        }
    }

    /** Reads a line typed after g or a, echoing it; Enter ends it, Esc or the end of input cancels it. */
    private String readLine(String prompt) {
        out.print(ansi.bold(prompt));
        out.flush();
        StringBuilder b = new StringBuilder();
        while (true) {
            int k = keys.read(0);
            if (k == Keys.TIMEOUT) {
                continue;
            }
            if (k == '\r' || k == '\n') {
                out.println();
                return b.toString();
            }
            if (k == Keys.EOF || k == ESC || k == 3) {
                out.println();
                return null;
            }
            if (k == 127 || k == 8) {
                if (b.length() > 0) {
                    b.setLength(b.length() - 1);
                    out.print("\b \b");
                }
            } else if (k >= 32) {
                b.appendCodePoint(k);
                out.print(Character.toChars(k));
            }
            out.flush();
        }
    }

    /** The steps of the recording as a table: id, name, last state, when each first started. */
    public String list() {
        List<List<String>> rows = new ArrayList<>();
        Set<Integer> hot = new HashSet<>();
        String current = currentStep();
        int n = 0;
        for (Recording.StepInfo s : rec.steps()) {
            if (s.id().equals(current) || (!s.state().equals("done") && !s.state().equals("skipped"))) {
                hot.add(n);
            }
            rows.add(List.of(String.valueOf(++n), s.id(), s.state(), s.ran() ? TIME.format(s.started()) : "-",
                    s.ran() ? offset(s.started()).substring(offset(s.started()).indexOf('+')) : "-", s.name()));
        }
        return render.table(new Table("Steps of " + rec.runbookId() + " (session " + rec.sessionId() + ")",
                List.of("#", "Step", "State", "Started (UTC)", "After", "Name"), rows, hot), Integer.MAX_VALUE);
    }

    /** The message for a step id the recording does not have, listing the ones it has. */
    public static String unknownStep(Recording rec, String id) {
        return rec.step(id).map(s -> "step '" + id + "' never ran in this recording (" + s.state() + "); the steps that"
                        + " ran are: " + String.join(", ", rec.ranStepIds()))
                .orElse("no step '" + id + "' in this recording; its steps are: " + String.join(", ", rec.ranStepIds()));
    }
}
