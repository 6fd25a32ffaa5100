-- wrk script: POST /v1/decisions as support-bot (an allowed inventory.read).
--   WARDEN_TOKEN=<access token> wrk -t1 -c64 -d20s --latency -s decisions.lua http://127.0.0.1:<port>
-- `java -cp benchmarks.jar dev.warden.bench.LoadRun --serve-seconds N` starts a server and prints a token.
-- WARDEN_DISTINCT=1 sends a new sku in every request (no memoized policy verdict: Cedar runs each time);
-- otherwise every request is the same call.
wrk.method = "POST"
wrk.path = "/v1/decisions"
wrk.body = '{"action":"inventory.read","args":{"sku":"A-1"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("WARDEN_TOKEN") or "")

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  counter = 0
  distinct = os.getenv("WARDEN_DISTINCT") == "1"
end

function request()
  if not distinct then
    return wrk.format()
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil,
    string.format('{"action":"inventory.read","args":{"sku":"W%d-%d"}}', id, counter))
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"decision":"allow"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
  end
  io.write(string.format("responses that were not 200 + allow: %d\n", total))
  io.write(string.format("decisions/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s: %.0f us\n", p, latency:percentile(p)))
  end
end
