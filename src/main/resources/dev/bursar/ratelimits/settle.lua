-- Corrects what an admission or a leased chunk took in its slot (and the T and R totals), if that slot has not left
-- the window yet; a slot never goes below zero. Slot L's counts are in ct and cr, older slots' in t<slot> and
-- r<slot> (see roll.lua). The key's expiry, set when the slot was first written, already outlives the slot.
-- KEYS: counter hashes. ARGV: slot, delta_tokens, slots, and optionally delta_requests (0 when left out).
local slot, dt, slots = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local dr = tonumber(ARGV[4]) or 0
for _, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'L', 'ct', 'T', 'cr', 'R')
  local last = tonumber(v[1])
  if last and slot >= last - slots and slot <= last then
    local tf, rf, t, r = 'ct', 'cr', tonumber(v[2]) or 0, tonumber(v[4]) or 0
    if slot < last then
      tf, rf = 't' .. ARGV[1], 'r' .. ARGV[1]
      local old = redis.call('HMGET', key, tf, rf)
      t, r = tonumber(old[1]) or 0, tonumber(old[2]) or 0
    end
    local t2 = math.max(0, t + dt)
    if dr == 0 then
      redis.call('HSET', key, tf, t2, 'T', (tonumber(v[3]) or 0) + t2 - t)
    else
      local r2 = math.max(0, r + dr)
      redis.call('HSET', key, tf, t2, 'T', (tonumber(v[3]) or 0) + t2 - t, rf, r2, 'R', (tonumber(v[5]) or 0) + r2 - r)
    end
  end
end
return 1
