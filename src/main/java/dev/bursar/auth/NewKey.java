package dev.bursar.auth;

/** What to create a key with; every tag may be null. */
public record NewKey(String name, String customer, String team, String feature, String environment, String user) {
}
