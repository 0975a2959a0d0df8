-- wrk script for kill9.sh: POST chat completions (BENCH_STREAM="1" for streams) and append the X-Bursar-Request-Id
-- of every 200 response to BENCH_IDS_DIR/ids.<thread>, flushed at once, so the file survives whatever happens to
-- the gateway. Only complete responses reach response(): a request cut by the kill is never recorded.
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
wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"What is the capital of France?"}],'
  .. '"max_tokens":64' .. (stream and ',"stream":true' or '') .. '}'

local out
function init(args)
  out = assert(io.open(dir .. "/ids." .. tostring(thread_no), "a"))
end

function response(status, headers, body)
  if status ~= 200 then return end
  for name, value in pairs(headers) do
    if string.lower(name) == "x-bursar-request-id" then
      out:write(value, "\n")
      out:flush()
      return
    end
  end
end
