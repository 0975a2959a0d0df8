package dev.bursar.books;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Revenue billed to a customer for a month, imported from a CSV. Lines of a customer and month replace the plan's
 * computed price for that month.
 *
 * @param source    "csv" or "stripe": which importer read it
 * @param reference the line's own id (an invoice line id), or "FILE:LINE": importing the same file twice replaces,
 *                  never doubles
 */
public record RevenueLine(String customer, YearMonth month, BigDecimal amountUsd, String source, String reference) {
}
