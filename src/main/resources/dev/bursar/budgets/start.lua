-- Starts a window cell from the ledger's spend exactly once (the first replica wins; later calls change nothing)
-- and records the scope value among the budget's values seen in that cell's window.
-- KEYS: cell hash, seen-values set. ARGV: starting spend (integer nanodollars), key time to live in ms (0 = never), value.
if redis.call('HSETNX', KEYS[1], 'spent', ARGV[1]) == 1 then
  redis.call('HSETNX', KEYS[1], 'reserved', '0')
  if ARGV[2] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
end
redis.call('SADD', KEYS[2], ARGV[3])
if ARGV[2] ~= '0' then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return {"ok"}
