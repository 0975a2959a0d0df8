package dev.bursar.ratelimits;

import java.util.List;

/** What an admission took, kept in the permit so settle corrects the right slot of the right counters. */
record Taken(List<String> counters, long slot, long tokens) {
}
