package dev.bursar.promptaudit;

import dev.bursar.ledger.PromptPartsCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/** The running sums of one feature's prompt version while the audit reads the ledger. */
final class VersionTally {

    final String feature;
    final String promptVersion;
    long calls;
    long unpriced;
    long systemTokens;
    long conversationTokens;
    long lastUserTokens;
    long inputTokens;
    BigDecimal inputUsd = BigDecimal.ZERO;
    BigDecimal systemUsd = BigDecimal.ZERO;
    Instant first;
    Instant last;
    final Set<LocalDate> days = new HashSet<>();
    final Set<String> systemPrompts = new HashSet<>();

    VersionTally(String feature, String promptVersion) {
        this.feature = feature;
        this.promptVersion = promptVersion;
    }

    /** Adds one attempt; {@code cost} is null when the catalog cannot price its model. */
    void add(PromptPartsCall call, InputCost cost) {
        calls++;
        systemTokens += call.parts().systemTokens();
        conversationTokens += call.parts().conversationTokens();
        lastUserTokens += call.parts().lastUserTokens();
        inputTokens += call.usage().inputTokens();
        if (cost == null) {
            unpriced++;
        } else {
            inputUsd = inputUsd.add(cost.inputUsd());
            systemUsd = systemUsd.add(cost.systemUsd());
        }
        first = first == null || call.time().isBefore(first) ? call.time() : first;
        last = last == null || call.time().isAfter(last) ? call.time() : last;
        days.add(LocalDate.ofInstant(call.time(), ZoneOffset.UTC));
        if (call.parts().systemHash() != null) {
            systemPrompts.add(call.parts().systemHash());
        }
    }
}
