-- wrk script: POST an OpenAI chat completion, whole or streamed, and print one machine-readable result line.
-- Environment: BENCH_MODEL (model name), BENCH_STREAM ("1" for "stream": true), BENCH_KEY (bearer key).
-- wrk times each request from its write to the last byte of the response, so for streams this is time-to-last-byte.
local model = os.getenv("BENCH_MODEL") or "gpt-4o-mini"
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY") or "bk-bench"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
wrk.headers["X-Bursar-Prompt-Version"] = "bench-v1"
wrk.body = '{"model":"' .. model .. '","messages":['
  .. '{"role":"system","content":"You are a concise geography assistant."},'
  .. '{"role":"user","content":"What is the capital of France? Answer in two sentences."}],'
  .. '"max_tokens":64,"temperature":0.2' .. (stream and ',"stream":true' or '') .. '}'

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
