/**
 * The client's wire: what a client of the gateway sends and gets back, independent of the provider that serves it.
 * It owns {@link dev.bursar.wire.ClientWire} (which wire a client speaks), error rendering in that wire
 * ({@link dev.bursar.wire.ApiError} for OpenAI's and Anthropic's error JSON and SSE error events,
 * {@link dev.bursar.wire.BadRequest} for "the client's fault"), SSE framing ({@link dev.bursar.wire.SseFrames}), the
 * OpenAI usage block's reading ({@link dev.bursar.wire.OpenAiUsage}), and in {@code dev.bursar.wire.anthropic} the
 * Anthropic bridge that lets an Anthropic client be served by a provider that speaks only the OpenAI wire.
 *
 * <p>Direction: providers depend on this package (an adapter receives and answers in the client's wire), never the
 * reverse, so nothing here imports {@code dev.bursar.providers}. Where a provider type meets the client's wire, the
 * request path does the meeting: {@code dev.bursar.gateway.UpstreamErrors} turns a
 * {@code ProviderError} into an {@link dev.bursar.wire.ApiError}, and {@code dev.bursar.gateway.BridgedStreamSink}
 * feeds an adapter's {@code StreamSink} events through the bridge. An architecture test keeps it so.
 */
package dev.bursar.wire;
