-- Renews one replica's lease on one budget key: books the spend its calls settled since the last renewal and sets the
-- room it holds. A lease is a reservation 'r:<id>' like a call's (same expiry set, same 'reserved' total) whose size
-- the holder changes; 'a:<id>' is its free room (size minus the worst cases of the holder's calls in flight) while it
-- is active, summed per cell in 'leasefree' so that calls of other replicas can tell room held by leases from room
-- held by calls (reserve.lua), and ask for it back ('revoke').
-- KEYS: the key's window cells (oldest first; the last is the lease's): hash, expiry zset.
-- ARGV: now_ms, lease id, spend to book, floor (worst cases of calls in flight), keep (free room the holder may still
--       admit calls from while this renewal is on its way), want (size asked, >= floor + keep), expiry ms,
--       limit (-1 = soft), last cell's key time to live in ms (0 = never), share, smallest useful free room.
-- floor + keep are always kept. A hard lease gets at most 1/share of the room nobody else holds on top, and is
-- active (its holder may admit calls from it) while its free room is at least the smallest useful one and nobody
-- asked for room back. Returns {'ok', size, active, revoked, spent before, spent after, reserved} (window totals;
-- reserved without leases' free room) or {'missing', cell index...}.
local now = tonumber(ARGV[1])
local id, book = ARGV[2], ARGV[3]
local floor, keep, want = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local holdUntil, limit, keyTtl = ARGV[7], tonumber(ARGV[8]), ARGV[9]
local share, useful = tonumber(ARGV[10]), tonumber(ARGV[11])
local missing = {}
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i]) == 0 then missing[#missing + 1] = (i + 1) / 2 end
end
if #missing > 0 then
  table.insert(missing, 1, 'missing')
  return missing
end
local spent, reserved, free = 0, 0, 0
for i = 1, #KEYS, 2 do
  purge(KEYS[i], KEYS[i + 1], now)
  local v = redis.call('HMGET', KEYS[i], 'spent', 'reserved', 'leasefree')
  spent = spent + tonumber(v[1])
  reserved = reserved + tonumber(v[2])
  free = free + (tonumber(v[3]) or 0)
end
local h, z = KEYS[#KEYS - 1], KEYS[#KEYS]
local before = spent
if book ~= '0' then
  redis.call('HINCRBY', h, 'spent', book)
  spent = spent + tonumber(book)
end
local old = tonumber(redis.call('HGET', h, 'r:' .. id)) or 0
local oldFree = tonumber(redis.call('HGET', h, 'a:' .. id)) or 0
local revoked = redis.call('HEXISTS', h, 'revoke') == 1
local size, active = floor + keep, 0
if limit < 0 then
  size, active = want, 1
elseif not revoked then
  local room = limit - spent - (reserved - old) - size
  local extra = math.max(0, math.min(want - size, math.floor(room / share)))
  if keep + extra >= useful then size, active = size + extra, 1 end
end
local newFree = 0
if limit >= 0 then newFree = size - floor end
if size ~= old then redis.call('HINCRBY', h, 'reserved', size - old) end
reserved = reserved - old + size
if size > 0 then
  redis.call('HSET', h, 'r:' .. id, size)
  redis.call('ZADD', z, holdUntil, id)
  if keyTtl ~= '0' then redis.call('PEXPIRE', z, keyTtl) end
elseif old > 0 then
  redis.call('HDEL', h, 'r:' .. id)
  redis.call('ZREM', z, id)
end
if newFree ~= oldFree then
  local cellFree = redis.call('HINCRBY', h, 'leasefree', newFree - oldFree)
  if newFree > 0 then redis.call('HSET', h, 'a:' .. id, newFree) else redis.call('HDEL', h, 'a:' .. id) end
  free = free - oldFree + newFree
  if revoked and cellFree <= 0 then redis.call('HDEL', h, 'revoke') end
elseif revoked and (tonumber(redis.call('HGET', h, 'leasefree')) or 0) <= 0 then
  redis.call('HDEL', h, 'revoke')
end
return {'ok', size, active, revoked and 1 or 0, before, spent, reserved - free}
