-- wrk script for kill9.sh: POST chat completions (BENCH_STREAM="1" for streams) and append the X-Bursar-Request-Id
-- of every 200 response to BENCH_IDS_DIR/ids.<thread>, flushed at once, so the file survives whatever happens to
-- the gateway. Only complete responses reach response(): a request cut by the kill is never recorded. An answer from
-- the response cache (X-Bursar-Cache: hit-exact) also goes to BENCH_IDS_DIR/hits.<thread>.
local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY") or "bk-bench"
local dir = os.getenv("BENCH_IDS_DIR") or "."

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
-- No temperature: the request is cacheable, so with the response cache on every answer after the first is a hit.
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"What is the capital of France?"}],'
  .. '"max_tokens":64' .. (stream and ',"stream":true' or '') .. '}'

local out, hits
function init(args)
  out = assert(io.open(dir .. "/ids." .. tostring(thread_no), "a"))
  hits = assert(io.open(dir .. "/hits." .. tostring(thread_no), "a"))
end

function response(status, headers, body)
  if status ~= 200 then return end
  local id, cache
  for name, value in pairs(headers) do
    local n = string.lower(name)
    if n == "x-bursar-request-id" then id = value elseif n == "x-bursar-cache" then cache = value end
  end
  if not id then return end
  out:write(id, "\n")
  out:flush()
  if cache == "hit-exact" then
    hits:write(id, "\n")
    hits:flush()
  end
end
