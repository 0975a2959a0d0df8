-- How a chat call's input divides: the system prompt and tools (system_tokens, counted locally; system_hash tells
-- system prompts apart), the last user message (last_user_tokens, counted locally) and the conversation before it
-- (conversation_tokens: the provider's input tokens minus the other two, so the three add up to what was billed
-- unless a local count overshoots an estimate). NULL for embeddings, cache hits and older rows; system_hash is NULL
-- when the request had no system prompt or tools.
ALTER TABLE usage_events ADD COLUMN system_hash TEXT;
ALTER TABLE usage_events ADD COLUMN system_tokens INTEGER;
ALTER TABLE usage_events ADD COLUMN conversation_tokens INTEGER;
ALTER TABLE usage_events ADD COLUMN last_user_tokens INTEGER;
