package dev.irshell.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * Spend of one service in one region (and linked account) during one calendar month, as Cost
 * Explorer reports it. The amount accrues evenly per day from {@code since} (or the first of the
 * month) until the end of the month, or until today for the current month.
 */
public record CostItem(YearMonth month, String service, String region, String linkedAccount, BigDecimal amount,
                       Instant since) {
}
