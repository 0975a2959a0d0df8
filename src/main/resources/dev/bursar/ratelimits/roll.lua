-- The start of admit.lua and lease.lua: reads every counter and works out, writing nothing yet, how it rolls over to
-- the current slot; count() then adds to a counter and writes the roll-over with it (see SlidingWindow).
-- A counter hash holds R and T (requests and tokens in the live slots), L (the newest slot), cr and ct (slot L's
-- requests and tokens) and, for older live slots, r<slot> and t<slot>. The hot fields are written first, so they sit
-- at the front of the small-hash encoding where lookups are cheapest; a slot is archived to r/t<slot> once, when the
-- next one starts, and subtracted from R and T once, when it leaves the window. A script that counts nothing writes
-- nothing. Numbers go to redis.call as numbers: converting them to strings in Lua is the dearest step of a script.
-- ARGV[1] slot, ARGV[2] slots, ARGV[4] ttl_ms; ARGV[3] and ARGV[5...] are the including script's.
local cur = tonumber(ARGV[1])
local slots = tonumber(ARGV[2])
local req, tok, last, cr, ct = {}, {}, {}, {}, {}
for i, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'R', 'T', 'L', 'cr', 'ct')
  req[i], tok[i], last[i] = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3])
  cr[i], ct[i] = tonumber(v[4]) or 0, tonumber(v[5]) or 0
  -- a replica whose clock is behind writes into the newest slot rather than into one already retired
  if last[i] and last[i] > cur then cur = last[i] end
end
local gone, archive = {}, {}
for i, key in ipairs(KEYS) do
  if last[i] and last[i] < cur then
    local from, to = last[i] - slots, cur - slots - 1
    if to >= last[i] then
      gone[i] = true
      req[i], tok[i] = 0, 0
    else
      local s = tostring(last[i])
      archive[i] = {'r' .. s, cr[i], 't' .. s, ct[i]}
      if to >= from then
        local fields = {}
        for old = from, to do
          fields[#fields + 1] = 'r' .. tostring(old)
          fields[#fields + 1] = 't' .. tostring(old)
        end
        local counts = redis.call('HMGET', key, unpack(fields))
        for j = 1, #counts, 2 do
          req[i] = req[i] - (tonumber(counts[j]) or 0)
          tok[i] = tok[i] - (tonumber(counts[j + 1]) or 0)
        end
        gone[i] = fields
      end
    end
    cr[i], ct[i] = 0, 0
  end
end

-- Counts n requests and c tokens in slot cur of counter i, with its roll-over.
local function count(i, key, n, c)
  if gone[i] == true then
    redis.call('DEL', key)
  elseif gone[i] then
    redis.call('HDEL', key, unpack(gone[i]))
  end
  req[i], tok[i] = req[i] + n, tok[i] + c
  redis.call('HSET', key, 'R', req[i], 'T', tok[i], 'L', cur, 'cr', cr[i] + n, 'ct', ct[i] + c)
  if archive[i] then redis.call('HSET', key, unpack(archive[i])) end
  if last[i] ~= cur then redis.call('PEXPIRE', key, ARGV[4]) end
end
