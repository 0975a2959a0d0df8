-- Settles (or, with actual '0', releases) a reservation: drops its hold from the cell it was made in and adds the
-- actual spend there, even when the hold already expired, so spend is never lost.
-- KEYS: for each budget key, its window cells (oldest first; the last is the reservation's): hash, expiry zset.
-- ARGV: reservation id, actual (integer nanodollars), group count, then per budget key: cell count.
-- Returns {'ok', spent, reserved, ...} per budget key (window totals after) or {'missing', cell index...}.
local id, actual = ARGV[1], ARGV[2]
local groups = tonumber(ARGV[3])
local missing = {}
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 0 then missing[#missing + 1] = (i + 1) / 2 end
end
if #missing > 0 then
  table.insert(missing, 1, 'missing')
  return missing
end
local out = {'ok'}
local k = 1
for g = 1, groups do
  local n = tonumber(ARGV[3 + g])
  local h, z = KEYS[k + 2 * (n - 1)], KEYS[k + 2 * (n - 1) + 1]
  local held = redis.call('HGET', h, 'r:' .. id)
  if held then
    if held ~= '0' then redis.call('HINCRBY', h, 'reserved', '-' .. held) end
    redis.call('HDEL', h, 'r:' .. id)
    redis.call('ZREM', z, id)
  end
  if actual ~= '0' then redis.call('HINCRBY', h, 'spent', actual) end
  local spent, reserved = 0, 0
  for b = 0, n - 1 do
    spent = spent + tonumber(redis.call('HGET', KEYS[k + 2 * b], 'spent'))
    reserved = reserved + tonumber(redis.call('HGET', KEYS[k + 2 * b], 'reserved'))
  end
  out[#out + 1] = spent
  out[#out + 1] = reserved
  k = k + 2 * n
end
return out
