-- Corrects the tokens an admission took in its slot, if that slot still counts; never below zero.
-- KEYS: counter hashes. ARGV: slot, delta_tokens, oldest_live_slot, ttl_ms.
if tonumber(ARGV[1]) < tonumber(ARGV[3]) then return 0 end
local field = 't' .. ARGV[1]
for _, key in ipairs(KEYS) do
  if redis.call('HINCRBY', key, field, ARGV[2]) < 0 then redis.call('HSET', key, field, 0) end
  redis.call('PEXPIRE', key, ARGV[4])
end
return 1
