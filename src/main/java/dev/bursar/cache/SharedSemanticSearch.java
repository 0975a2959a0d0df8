package dev.bursar.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bursar.wire.ClientWire;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The in-process semantic index, with every entry and purge also sent to the other replicas ({@link SemanticFeed}). */
final class SharedSemanticSearch implements SemanticSearch {

    private final SemanticSearch local;
    private final Clock clock;
    private final Duration ttl;
    private SemanticFeed feed;

    SharedSemanticSearch(SemanticSearch local, Clock clock, Duration ttl) {
        this.local = local;
        this.clock = clock;
        this.ttl = ttl;
    }

    void feed(SemanticFeed f) {
        this.feed = f;
    }

    SemanticSearch local() {
        return local;
    }

    @Override
    public Optional<Probe> probe(String scope, ClientWire wire, JsonNode body) {
        return local.probe(scope, wire, body);
    }

    @Override
    public Optional<String> find(Probe probe) {
        return local.find(probe);
    }

    @Override
    public void add(Probe probe, String answerHash) {
        local.add(probe, answerHash);
        Instant expires = clock.instant().plus(ttl);
        feed.published(probe, answerHash, expires);
    }

    @Override
    public void addShared(String scope, float[] vector, String query, String answerHash, Instant expiresAt) {
        local.addShared(scope, vector, query, answerHash, expiresAt);
    }

    @Override
    public long purge(String scopePrefix) {
        feed.purged(scopePrefix);
        return local.purge(scopePrefix);
    }

    @Override
    public long size() {
        return local.size();
    }

    @Override
    public String threshold() {
        return local.threshold();
    }

    @Override
    public void close() {
        feed.close();
        local.close();
    }
}
