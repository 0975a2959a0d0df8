-- Window totals of one budget key, expired holds dropped first; 'reserved' leaves out the free room of leases.
-- KEYS: its window cells: hash, expiry zset. ARGV: now_ms. Returns {'ok', spent, reserved} or {'missing', index...}.
local now = tonumber(ARGV[1])
local missing = {}
local spent, reserved = 0, 0
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    missing[#missing + 1] = (i + 1) / 2
  else
    purge(KEYS[i], KEYS[i + 1], now)
    spent = spent + tonumber(redis.call('HGET', KEYS[i], 'spent'))
    local v = redis.call('HMGET', KEYS[i], 'reserved', 'leasefree')
    reserved = reserved + tonumber(v[1]) - (tonumber(v[2]) or 0)
  end
end
if #missing > 0 then
  table.insert(missing, 1, 'missing')
  return missing
end
return {'ok', spent, reserved}
