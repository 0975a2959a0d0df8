-- Rate-limit admission over every counter a call touches, all or nothing (see SlidingWindow).
-- KEYS: counter hashes; field r<slot> = requests, t<slot> = tokens admitted in that slot.
-- ARGV: now_ms, slot_ms, slots, tokens, ttl_ms, then per check: key_index, rpm, tpm (-1 = no such limit).
-- Reply: {1, requests_1, tokens_1, ...} totals after taking, or {0, live_fields_1, ...} when a check is over.
local cur = math.floor(tonumber(ARGV[1]) / tonumber(ARGV[2]))
local oldest = cur - tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local req, tok, live = {}, {}, {}
for i, key in ipairs(KEYS) do
  local flat = redis.call('HGETALL', key)
  local r, t, stale, keep = 0, 0, {}, {}
  for j = 1, #flat, 2 do
    local field = flat[j]
    if tonumber(string.sub(field, 2)) < oldest then
      stale[#stale + 1] = field
    else
      keep[#keep + 1] = field
      keep[#keep + 1] = flat[j + 1]
      if string.byte(field, 1) == 114 then r = r + tonumber(flat[j + 1]) else t = t + tonumber(flat[j + 1]) end
    end
  end
  if #stale > 0 then redis.call('HDEL', key, unpack(stale)) end
  req[i], tok[i], live[i] = r, t, keep
end
for c = 6, #ARGV, 3 do
  local k, rpm, tpm = tonumber(ARGV[c]), tonumber(ARGV[c + 1]), tonumber(ARGV[c + 2])
  if (rpm >= 0 and req[k] + 1 > rpm) or (tpm >= 0 and tok[k] + cost > tpm) then
    return {0, unpack(live)}
  end
end
local out = {1}
local slot = string.format('%d', cur)
for i, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'r' .. slot, 1)
  if cost > 0 then redis.call('HINCRBY', key, 't' .. slot, cost) end
  redis.call('PEXPIRE', key, ARGV[5])
  out[#out + 1] = req[i] + 1
  out[#out + 1] = tok[i] + cost
end
return out
