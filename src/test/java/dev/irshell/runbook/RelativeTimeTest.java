package dev.irshell.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:34:56.789Z"), ZoneOffset.UTC);

    @Test
    void backFromNow_inDaysHoursAndMinutes_withOrWithoutTheMinus() {
        assertThat(RelativeTime.parse("-14d", clock)).contains(Instant.parse("2026-11-07T12:34:56Z"));
        assertThat(RelativeTime.parse("36h", clock)).contains(Instant.parse("2026-11-20T00:34:56Z"));
        assertThat(RelativeTime.parse("-90m", clock)).contains(Instant.parse("2026-11-21T11:04:56Z"));
    }

    @Test
    void isoInstants_passThrough_andAnythingElseIsRefused() {
        assertThat(RelativeTime.parse("2026-11-01T00:00:00Z", clock)).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(RelativeTime.parse("last tuesday", clock)).isEmpty();
        assertThat(RelativeTime.parse("-14w", clock)).isEmpty();
        assertThat(RelativeTime.isValid("2026-11-01")).isFalse();
    }
}
