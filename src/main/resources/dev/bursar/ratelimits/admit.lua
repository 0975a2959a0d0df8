-- Rate-limit admission over every counter a call touches, all or nothing (see SlidingWindow).
-- A counter hash holds R and T (requests and tokens in the live slots), L (the newest slot written) and per slot
-- r<slot>, t<slot>. Totals are kept current by subtracting slots as they leave the window, so an admission reads and
-- writes a few fields instead of summing sixty-one slots; a refusal writes nothing.
-- Numbers are handed to redis.call as numbers (Redis writes integers plainly) and the current slot's field names come
-- from the caller: number-to-string conversion in Lua is the script's dearest step.
-- KEYS: counter hashes. ARGV: slot, slots, tokens, ttl_ms, r<slot>, t<slot>, then per check: key_index, rpm, tpm
-- (-1 = none). Reply: {1, slot, requests_1, tokens_1, ...} totals after taking, or {0, slot, hgetall_1, ...} when a
-- check is over.
local function int(x) return string.format('%d', x) end
local cur = tonumber(ARGV[1])
local slots = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local rs, ts = ARGV[5], ARGV[6]
local req, tok, last, inSlot = {}, {}, {}, {}
for i, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'R', 'T', 'L', rs, ts)
  req[i], tok[i], last[i] = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3])
  inSlot[i] = {tonumber(v[4]) or 0, tonumber(v[5]) or 0}
  -- a replica whose clock is behind writes into the newest slot rather than into one already retired
  if last[i] and last[i] > cur then cur = last[i] end
end
if cur ~= tonumber(ARGV[1]) then
  rs, ts = 'r' .. int(cur), 't' .. int(cur)
  for i, key in ipairs(KEYS) do
    local v = redis.call('HMGET', key, rs, ts)
    inSlot[i] = {tonumber(v[1]) or 0, tonumber(v[2]) or 0}
  end
end
-- slots that left the window since L: subtracted now, deleted only if the call is admitted
local retired = {}
for i, key in ipairs(KEYS) do
  if last[i] and last[i] < cur then
    local from, to = last[i] - slots, cur - slots - 1
    if to - from >= slots then
      req[i], tok[i], retired[i] = 0, 0, true
    elseif to >= from then
      local fields = {}
      for s = from, to do
        fields[#fields + 1] = 'r' .. int(s)
        fields[#fields + 1] = 't' .. int(s)
      end
      local gone = redis.call('HMGET', key, unpack(fields))
      for j = 1, #gone, 2 do
        req[i] = req[i] - (tonumber(gone[j]) or 0)
        tok[i] = tok[i] - (tonumber(gone[j + 1]) or 0)
      end
      retired[i] = fields
    end
  end
end
for c = 7, #ARGV, 3 do
  local k, rpm, tpm = tonumber(ARGV[c]), tonumber(ARGV[c + 1]), tonumber(ARGV[c + 2])
  if (rpm >= 0 and req[k] + 1 > rpm) or (tpm >= 0 and tok[k] + cost > tpm) then
    local out = {0, cur}
    for i, key in ipairs(KEYS) do out[#out + 1] = redis.call('HGETALL', key) end
    return out
  end
end
local out = {1, cur}
for i, key in ipairs(KEYS) do
  if retired[i] == true then
    redis.call('DEL', key)
  elseif retired[i] then
    redis.call('HDEL', key, unpack(retired[i]))
  end
  req[i], tok[i] = req[i] + 1, tok[i] + cost
  redis.call('HSET', key, 'R', req[i], 'T', tok[i], 'L', cur, rs, inSlot[i][1] + 1, ts, inSlot[i][2] + cost)
  if last[i] ~= cur then redis.call('PEXPIRE', key, ARGV[4]) end
  out[#out + 1] = req[i]
  out[#out + 1] = tok[i]
end
return out
