-- Corrects the tokens an admission took in its slot (and the T total), if that slot has not left the window yet;
-- a slot never goes below zero. Slot L's tokens are in ct, older slots' in t<slot> (see admit.lua). The key's
-- expiry, set when the slot was first written, already outlives the slot.
-- KEYS: counter hashes. ARGV: slot, delta_tokens, slots.
local slot, delta, slots = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for _, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'L', 'ct', 'T')
  local last = tonumber(v[1])
  if last and slot >= last - slots and slot <= last then
    local field, before = 'ct', tonumber(v[2]) or 0
    if slot < last then
      field = 't' .. ARGV[1]
      before = tonumber(redis.call('HGET', key, field)) or 0
    end
    local after = math.max(0, before + delta)
    redis.call('HSET', key, field, after, 'T', (tonumber(v[3]) or 0) + after - before)
  end
end
return 1
