-- Rate-limit admission over every counter a call touches, all or nothing; runs after roll.lua. A refusal writes nothing.
-- KEYS: counter hashes. ARGV: slot, slots, tokens, ttl_ms, then per check: key_index, rpm, tpm (-1 = none).
-- Reply: {1, slot, requests_1, tokens_1, ...} totals after taking, or {0, slot, hgetall_1, ...} when a check is over.
local cost = tonumber(ARGV[3])
for c = 5, #ARGV, 3 do
  local k, rpm, tpm = tonumber(ARGV[c]), tonumber(ARGV[c + 1]), tonumber(ARGV[c + 2])
  if (rpm >= 0 and req[k] + 1 > rpm) or (tpm >= 0 and tok[k] + cost > tpm) then
    local out = {0, cur}
    for i, key in ipairs(KEYS) do out[#out + 1] = redis.call('HGETALL', key) end
    return out
  end
end
local out = {1, cur}
for i, key in ipairs(KEYS) do
  count(i, key, 1, cost)
  out[#out + 1] = req[i]
  out[#out + 1] = tok[i]
end
return out
