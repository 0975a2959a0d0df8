-- Corrects the tokens an admission took in its slot (and the T total), if that slot has not left the window yet;
-- a slot never goes below zero. The key's expiry, set when the slot was first written, already outlives the slot.
-- KEYS: counter hashes. ARGV: slot, delta_tokens, slots.
local slot, delta, slots = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local field = 't' .. ARGV[1]
for _, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'L', field, 'T')
  local last = tonumber(v[1])
  if last and slot >= last - slots then
    local before = tonumber(v[2]) or 0
    local after = math.max(0, before + delta)
    redis.call('HSET', key, field, after, 'T', (tonumber(v[3]) or 0) + after - before)
  end
end
return 1
