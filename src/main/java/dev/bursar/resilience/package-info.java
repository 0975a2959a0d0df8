/**
 * What the request path does when a provider fails: {@link dev.bursar.resilience.RetryPolicy} says how long to wait
 * before the next attempt or to give up, {@link dev.bursar.resilience.Retries} does the waiting with an injected
 * {@link dev.bursar.resilience.Sleeper}, random source and clock so tests check every delay exactly.
 */
package dev.bursar.resilience;
