package dev.bursar.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bursar.budgets.BudgetBook;
import dev.bursar.budgets.BudgetStatus;
import dev.bursar.config.BudgetConfig;
import java.math.BigDecimal;
import java.util.List;

/** The budget objects of {@code /admin/budgets}. Money is an exact decimal string. */
final class BudgetJson {

    private BudgetJson() {
    }

    record Listed(List<Definition> budgets, List<Status> status) {
    }

    /** A budget as defined; {@code from_config} only in lists (true for budgets of bursar.yaml). */
    record Definition(String name, String scope, String match, String window, String timeZone, String limitUsd,
                      List<String> alertAt, String enforce, String onStoreDown,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean fromConfig) {

        static Definition of(BudgetConfig b) {
            return new Definition(b.name(), b.scope(), b.match(), b.window(), b.timeZone(), b.limitUsd().toPlainString(),
                    b.alertAt().stream().map(BigDecimal::toPlainString).toList(), b.enforce(), b.onStoreDown(), null);
        }

        static Definition of(BudgetBook.Defined d) {
            Definition plain = of(d.config());
            return new Definition(plain.name, plain.scope, plain.match, plain.window, plain.timeZone, plain.limitUsd,
                    plain.alertAt, plain.enforce, plain.onStoreDown, d.fromConfig());
        }
    }

    /** One budget value's current window; amounts without trailing zeros. */
    record Status(String budget, String scope, String value, String window, boolean hard, String windowStart,
                  String resetsAt, String limitUsd, String spentUsd, String reservedUsd, String remainingUsd) {

        static Status of(BudgetStatus s) {
            return new Status(s.budget(), s.scope(), s.value(), s.window(), s.hard(), KeyJson.instant(s.windowStart()),
                    KeyJson.instant(s.resetsAt()), plain(s.limitUsd()), plain(s.spentUsd()), plain(s.reservedUsd()),
                    plain(s.remainingUsd()));
        }
    }

    record Removed(String name, boolean removed) {
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
