-- Drops the expired reservations of one window cell (hash h, expiry zset z) and takes them off 'reserved'; an expired
-- lease (a replica that stopped renewing it: see lease.lua) also gives its free room back to 'leasefree'.
local function purge(h, z, now)
  local ids = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, rid in ipairs(ids) do
    local held = redis.call('HGET', h, 'r:' .. rid)
    if held then
      if held ~= '0' then redis.call('HINCRBY', h, 'reserved', '-' .. held) end
      redis.call('HDEL', h, 'r:' .. rid)
    end
    local free = redis.call('HGET', h, 'a:' .. rid)
    if free then
      redis.call('HINCRBY', h, 'leasefree', '-' .. free)
      redis.call('HDEL', h, 'a:' .. rid)
    end
    redis.call('ZREM', z, rid)
  end
end
