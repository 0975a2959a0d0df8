package dev.bursar.ratelimits;

import java.util.List;

/**
 * A chunk Redis granted (lease.lua): {@code requests} and {@code tokens} counted in {@code slot} for this replica to
 * hand out, and the counter's window totals right after, which include the chunk. Zero requests: nothing granted.
 */
record Grant(long requests, long tokens, long slot, long windowRequests, long windowTokens) {

    /** lease.lua's reply: {requests, tokens, slot, R, T}. */
    static Grant parse(List<?> reply) {
        return new Grant(AdmitReply.number(reply.get(0)), AdmitReply.number(reply.get(1)), AdmitReply.number(reply.get(2)),
                AdmitReply.number(reply.get(3)), AdmitReply.number(reply.get(4)));
    }
}
