-- wrk script: POST an OpenAI chat completion, whole or streamed, and print one machine-readable result line.
-- Environment: BENCH_MODEL (model name), BENCH_STREAM ("1" for "stream": true), BENCH_KEY (bearer key),
-- BENCH_TEMPERATURE ("0.2" by default: sampling without a seed, which the response cache never answers; "0" makes
-- the request cacheable; "none" leaves the field out), BENCH_UNIQUE (when set, every request's user message ends with
-- "#<BENCH_UNIQUE>-<n>", n counting up, so no two requests of a run are the same: the cache's miss path).
-- wrk times each request from its write to the last byte of the response, so for streams this is time-to-last-byte.
local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY") or "bk-bench"
local temperature = os.getenv("BENCH_TEMPERATURE") or "0.2"
local unique = os.getenv("BENCH_UNIQUE")
if unique == "" then unique = nil end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.headers["X-Bursar-Prompt-Version"] = "bench-v1"
local function body(suffix)
  return '{"model":"' .. model .. '","messages":['
    .. '{"role":"system","content":"You are a concise geography assistant."},'
    .. '{"role":"user","content":"What is the capital of France? Answer in two sentences.' .. suffix .. '"}],'
    .. '"max_tokens":64' .. (temperature == "none" and '' or ',"temperature":' .. temperature)
    .. (stream and ',"stream":true' or '') .. '}'
end
wrk.body = body("")

-- Only defined for unique bodies: with a request() function wrk builds every request in Lua instead of sending one
-- prebuilt request, which costs the load generator CPU the other phases should not pay.
if unique then
  local n = 0
  function request()
    n = n + 1
    return wrk.format(nil, nil, nil, body(" #" .. unique .. "-" .. n))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
