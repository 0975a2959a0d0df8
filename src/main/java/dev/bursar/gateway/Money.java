package dev.bursar.gateway;

import java.math.BigDecimal;

/** How amounts are written on the wire: exact, plain notation, no trailing zeros ("0.0002832", "5000", "0"). */
final class Money {
    private Money() {
    }

    static String plain(BigDecimal usd) {
        return usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString();
    }
}
