-- A chunk of one counter's current slot for a replica to hand out itself (LeasedRateLimiter); runs after roll.lua.
-- Grants up to the asked requests, each with per_call tokens, but never more than 1/divisor of the room left under
-- rpm and tpm, and nothing when that is fewer than min_requests. What is granted counts in the slot at once, as if
-- admitted now; the replica gives back what it did not use (settle.lua). Nothing is written when nothing is granted.
-- KEYS: one counter hash. ARGV: slot, slots, per_call_tokens, ttl_ms, requests, rpm, tpm (-1 = none), min_requests,
-- divisor. Reply: {requests, tokens, slot, R, T}, R and T the window's totals after the grant.
local per, n = tonumber(ARGV[3]), tonumber(ARGV[5])
local rpm, tpm, least, divisor = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
if rpm >= 0 then n = math.min(n, math.floor((rpm - req[1]) / divisor)) end
if tpm >= 0 and per > 0 then n = math.min(n, math.floor((tpm - tok[1]) / divisor / per)) end
if n < least then
  return {0, 0, cur, req[1], tok[1]}
end
count(1, KEYS[1], n, n * per)
return {n, n * per, cur, req[1], tok[1]}
