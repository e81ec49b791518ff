-- The request wrk sends, set from the environment by bench/wrk.mjs, and a summary line
-- (BENCH_JSON {...}) printed when the run is done, read back by wrk.mjs.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["User-Agent"] = "kernia-bench"
local body = os.getenv("BENCH_BODY") or ""
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local cookie = os.getenv("BENCH_COOKIE") or ""
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
local origin = os.getenv("BENCH_ORIGIN") or ""
if origin ~= "" then wrk.headers["Origin"] = origin end

-- A pause after each response on every connection: a paced probe instead of a flood.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
