package dev.bursar.ratelimits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads admit.lua's reply: {1, slot, requests, tokens per counter...} or {0, slot, all fields per counter...}. */
final class AdmitReply {

    private AdmitReply() {
    }

    static Verdict parse(List<?> reply, long nowMillis) {
        long slot = number(reply.get(1));
        if (number(reply.get(0)) == 1) {
            List<Verdict.Totals> totals = new ArrayList<>();
            for (int i = 2; i + 1 < reply.size(); i += 2) {
                totals.add(new Verdict.Totals(number(reply.get(i)), number(reply.get(i + 1))));
            }
            return new Verdict.Admitted(slot, totals);
        }
        List<SlotCounts> counters = new ArrayList<>();
        for (Object fields : reply.subList(2, reply.size())) {
            counters.add(slots((List<?>) fields, nowMillis));
        }
        return new Verdict.Refused(counters);
    }

    /**
     * Fields: totals R, T (skipped), L the newest slot with its counts in cr and ct, and r&lt;slot&gt;, t&lt;slot&gt;
     * for older slots (admit.lua says why).
     */
    private static SlotCounts slots(List<?> fields, long nowMillis) {
        SlotCounts counts = SlotCounts.empty(nowMillis);
        long newest = Long.MIN_VALUE;
        long newestRequests = 0;
        long newestTokens = 0;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String field = text(fields.get(i));
            long value = number(fields.get(i + 1));
            switch (field) {
                case "R", "T" -> { }
                case "L" -> newest = value;
                case "cr" -> newestRequests = value;
                case "ct" -> newestTokens = value;
                default -> counts.add(Long.parseLong(field.substring(1)), field.charAt(0) == 'r', value);
            }
        }
        if (newest != Long.MIN_VALUE) {
            counts.add(newest, true, newestRequests);
            counts.add(newest, false, newestTokens);
        }
        return counts;
    }

    static long number(Object value) {
        return value instanceof Long n ? n : Long.parseLong(text(value));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
