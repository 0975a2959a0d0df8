-- Multi-key check-and-reserve. All amounts are integer nanodollars passed as strings; they are only added with
-- HINCRBY (exact 64-bit) and compared as Lua numbers (exact below 2^53 nanodollars, about 9 million USD).
-- KEYS: for each budget key in order, for each of its window cells (oldest first): cell hash, cell expiry zset.
-- ARGV: now_ms, reservation id, amount, reservation expiry ms, group count,
--       then per budget key: limit (-1 = soft: never refuses), cell count, last cell's key time to live in ms (0 = never).
-- Returns {'ok'}, {'refused', group index, spent, reserved}, {'contended', group index, spent, reserved} or
-- {'missing', cell index...} (cells to start first). 'reserved' leaves out the free room of replicas' leases
-- (lease.lua). 'contended': the call does not fit now but would once those leases are returned; the cells are marked
-- 'revoke', lease holders give their free room back on their next renewal, and the caller asks again.
local now = tonumber(ARGV[1])
local id, amount, holdUntil = ARGV[2], ARGV[3], ARGV[4]
local amt = tonumber(amount)
local groups = tonumber(ARGV[5])
local missing = {}
local k, a = 1, 6
for g = 1, groups do
  local limit = tonumber(ARGV[a])
  local n = tonumber(ARGV[a + 1])
  a = a + 3
  local spent, reserved, free = 0, 0, 0
  for b = 1, n do
    local h, z = KEYS[k], KEYS[k + 1]
    if redis.call('EXISTS', h) == 0 then
      missing[#missing + 1] = (k + 1) / 2
    else
      purge(h, z, now)
      spent = spent + tonumber(redis.call('HGET', h, 'spent'))
      local v = redis.call('HMGET', h, 'reserved', 'leasefree')
      reserved = reserved + tonumber(v[1])
      free = free + (tonumber(v[2]) or 0)
    end
    k = k + 2
  end
  if #missing == 0 and limit >= 0 and spent + reserved + amt > limit then
    if free > 0 and spent + reserved - free + amt <= limit then
      for b = k - 2 * n, k - 2, 2 do
        if (tonumber(redis.call('HGET', KEYS[b], 'leasefree')) or 0) > 0 then redis.call('HSET', KEYS[b], 'revoke', '1') end
      end
      return {'contended', g, spent, reserved - free}
    end
    return {'refused', g, spent, reserved - free}
  end
end
if #missing > 0 then
  table.insert(missing, 1, 'missing')
  return missing
end
k, a = 1, 6
for g = 1, groups do
  local n = tonumber(ARGV[a + 1])
  local keyExpiry = ARGV[a + 2]
  a = a + 3
  local h, z = KEYS[k + 2 * (n - 1)], KEYS[k + 2 * (n - 1) + 1]
  if amount ~= '0' then redis.call('HINCRBY', h, 'reserved', amount) end
  redis.call('HSET', h, 'r:' .. id, amount)
  redis.call('ZADD', z, holdUntil, id)
  if keyExpiry ~= '0' then redis.call('PEXPIRE', z, keyExpiry) end
  k = k + 2 * n
end
return {'ok'}
