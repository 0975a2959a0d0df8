package dev.bursar.cache.semantic;

/**
 * Two texts and whether they mean the same (one may be answered with the other's answer).
 *
 * @param a         first text
 * @param b         second text
 * @param duplicate true when they are paraphrases
 */
public record LabelledPair(String a, String b, boolean duplicate) {
}
