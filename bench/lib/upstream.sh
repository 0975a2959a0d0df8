# Fake OpenAI upstream: nginx on loopback answering POST .../chat/completions at once with fixed bodies.
#   /whole/v1/chat/completions   -> a chat.completion JSON with usage (application/json)
#   /stream/v1/chat/completions  -> an SSE stream: role chunk, 20 content chunks, finish chunk, usage chunk, [DONE]
# The route is picked by path, never by the request body, so Bursar reaches each through its own provider base-url.
# Sourced by gateway.sh and kill9.sh; needs bench_* helpers from common.sh.

upstream_whole_json() {
  cat <<'JSON'
{"id":"chatcmpl-BenchFixed0001","object":"chat.completion","created":1763870400,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"The capital of France is Paris. It has been the country's political and cultural centre for centuries, and it is home to landmarks such as the Eiffel Tower, the Louvre and Notre-Dame.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":42,"total_tokens":66,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_bench00001"}
JSON
}

upstream_stream_sse() {
  local head='"id":"chatcmpl-BenchStream0001","object":"chat.completion.chunk","created":1763870400,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_bench00001"'
  local words=("The" " capital" " of" " France" " is" " Paris" "." " It" " has" " been" " the" " country" "'s"
               " political" " and" " cultural" " centre" " for" " centuries" ".")
  printf 'data: {%s,"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}\n\n' "$head"
  local w
  for w in "${words[@]}"; do
    printf 'data: {%s,"choices":[{"index":0,"delta":{"content":"%s"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n' "$head" "$w"
  done
  printf 'data: {%s,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}\n\n' "$head"
  printf 'data: {%s,"choices":[],"usage":{"prompt_tokens":24,"completion_tokens":20,"total_tokens":44,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}\n\n' "$head"
  printf 'data: [DONE]\n\n'
}

# upstream_start DIR PORT CPU: writes DIR/nginx.conf and starts nginx (one worker) pinned to CPU; sets UPSTREAM_PID.
upstream_start() {
  local dir=$1 port=$2 cpu=$3
  mkdir -p "$dir/nginx"
  upstream_whole_json > "$dir/nginx/whole.json"
  upstream_stream_sse > "$dir/nginx/stream.sse"
  cat > "$dir/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$port backlog=4096;
    # The static module refuses POST with 405; error_page turns that into an internal GET of the fixed file.
    location = /whole/v1/chat/completions { error_page 405 =200 /_whole; return 405; }
    location = /stream/v1/chat/completions { error_page 405 =200 /_stream; return 405; }
    location = /_whole { internal; default_type application/json; alias $dir/nginx/whole.json; }
    location = /_stream {
      internal;
      default_type text/event-stream;
      add_header Cache-Control no-cache;
      alias $dir/nginx/stream.sse;
    }
    # A stand-in OTLP/HTTP collector for bench/telemetry.sh: takes every export with an empty 200 (which the
    # exporter reads as an empty Export*ServiceResponse, i.e. all accepted) and logs it, to count what arrived.
    location /otlp/ { access_log $dir/nginx/otlp.log; default_type application/x-protobuf; return 200 ''; }
    location / { return 404 '{"error":{"message":"fake upstream: unknown path","type":"invalid_request_error"}}'; }
  }
}
CONF
  taskset -c "$cpu" nice -n "$(bench_nice)" nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" >"$dir/nginx/stdout.log" 2>&1 &
  UPSTREAM_PID=$!
  bench_wait_port "$port" nginx "$dir/nginx/stdout.log" "$UPSTREAM_PID"
}
