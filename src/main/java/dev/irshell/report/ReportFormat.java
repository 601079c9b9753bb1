package dev.irshell.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The formats of {@code irshell transcript export}. Adding a format is adding one constant: its
 * name on the command line, a line for the help, and the function that renders a session.
 */
public enum ReportFormat {
    MD("md", "the incident report as Markdown", MarkdownReport::render),
    HTML("html", "the incident report as one self-contained HTML file with a timeline chart", HtmlReport::render),
    SUPPORT("support", "the text to paste into the AWS Support case", SupportText::render);

    private final String cliName;
    private final String description;
    private final Function<SessionRecord, String> renderer;

    ReportFormat(String cliName, String description, Function<SessionRecord, String> renderer) {
        this.cliName = cliName;
        this.description = description;
        this.renderer = renderer;
    }

    /** The name given to --format. */
    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    public String render(SessionRecord record) {
        return renderer.apply(record);
    }

    public static Optional<ReportFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** "md|html|support", for usage lines */
    public static String choices() {
        return Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining("|"));
    }

    /** "md, html, support" */
    public static String names() {
        return Arrays.stream(values()).map(ReportFormat::cliName).collect(Collectors.joining(", "));
    }
}
