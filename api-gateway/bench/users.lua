-- wrk script of api-gateway/bench/gateway-throughput.sh: GET <prefix><id> for user ids 1..N, round-robin, every
-- thread starting at its own offset, so that every configuration sees the same spread of users and a canary really
-- splits them. Arguments (after "--"): the path prefix (default /api/users/) and N (default 10000).
-- At the end it prints one machine-readable RESULT line; wrk's own --latency output stays as it is.

local prefix = "/api/users/"
local users = 10000
local requests = {}
local next_index = 0
local started = 0

function setup(thread)
   thread:set("thread_number", started)
   started = started + 1
end

function init(args)
   prefix = args[1] or prefix
   users = tonumber(args[2]) or users
   -- Built once: per-request string building would cost wrk more than the server it measures.
   for id = 1, users do
      requests[id] = wrk.format("GET", prefix .. id)
   end
   next_index = ((thread_number or 0) * 7919) % users
end

function request()
   next_index = next_index % users + 1
   return requests[next_index]
end

function done(summary, latency, _)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
      e.status, e.connect + e.read + e.write + e.timeout))
end
