-- Drops the expired reservations of one window cell (hash h, expiry zset z) and takes them off 'reserved'.
local function purge(h, z, now)
  local ids = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, rid in ipairs(ids) do
    local held = redis.call('HGET', h, 'r:' .. rid)
    if held then
      if held ~= '0' then redis.call('HINCRBY', h, 'reserved', '-' .. held) end
      redis.call('HDEL', h, 'r:' .. rid)
    end
    redis.call('ZREM', z, rid)
  end
end
