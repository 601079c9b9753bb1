package dev.irshell.runbook;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds where a file stops being UTF-8 text, so a binary or wrongly encoded file given as a
 * runbook or a scenario is reported as such, at its line and column, instead of as a parser's
 * exception.
 */
public final class TextCheck {
    private TextCheck() {}

    /**
     * The first byte that is not UTF-8.
     *
     * @param line   1-based line of the byte
     * @param column 1-based column (in characters) of the byte
     * @param value  the byte, 0-255
     */
    public record NotText(int line, int column, int value) {
        /** {@code byte 0x89 is not UTF-8 text}. */
        public String describe() {
            return String.format("byte 0x%02X is not UTF-8 text", value);
        }
    }

    /** Empty when {@code content} is UTF-8 throughout. */
    public static Optional<NotText> firstNonUtf8(byte[] content) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(Math.max(16, content.length));
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            return Optional.empty();
        }
        out.flip();
        int line = 1;
        int column = 1;
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return Optional.of(new NotText(line, column, content[in.position()] & 0xFF));
    }
}
