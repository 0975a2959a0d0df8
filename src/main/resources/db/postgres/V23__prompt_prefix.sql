-- The request's stable prefix (tools + system, or up to the last cache_control breakpoint) when it is at least
-- 1,024 tokens: what provider prompt caching would reuse. NULL for shorter prompts, embeddings and older rows.
-- prefix_tokens is NULL (and prefix_hash set) the first time a process sees a long-looking prefix: it is counted
-- from its second sighting on, so one-off prompts never pay for a token count.
ALTER TABLE usage_events ADD COLUMN prefix_hash TEXT;
ALTER TABLE usage_events ADD COLUMN prefix_tokens INTEGER;
