-- Near-identical requests share a fingerprint; runaway-loop alerts count them per key over the last minutes.
ALTER TABLE usage_events ADD COLUMN fingerprint TEXT;
