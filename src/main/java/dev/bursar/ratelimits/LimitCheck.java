package dev.bursar.ratelimits;

/** One rule's limits against one counter (an index into the call's distinct counters); -1 = no such limit. */
record LimitCheck(int counter, long rpm, long tpm) {

    boolean over(long usedRequests, long usedTokens, long tokens) {
        return (rpm >= 0 && usedRequests + 1 > rpm) || (tpm >= 0 && usedTokens + tokens > tpm);
    }
}
