-- wrk script for bench/run-all: sends the session cookies listed in $BENCH_COOKIES (one "name=value" a line).
--
-- BENCH_COOKIE_PATTERN=connection (the default): each wrk thread keeps one cookie for all its requests. run-all
--   starts one thread per connection, so every connection is one visitor whose browser sends the same cookie on
--   every request, as over a direct keep-alive connection.
-- BENCH_COOKIE_PATTERN=rotate: every request takes the next cookie, round-robin, so consecutive requests on one
--   connection carry different sessions, as on a reverse proxy's shared upstream connections. This defeats Jetty's
--   per-connection caches of parsed header fields and cookies, and how much that costs depends on what the cookie
--   values look like (random values cost more than values sharing a prefix), so it is not the same work for a
--   baseline's random cookies and a system's real ones: the pattern run-all used until 2026-11-23.
local pattern = os.getenv("BENCH_COOKIE_PATTERN") or "connection"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end

local fixed = nil
local n = 0

function init(args)
  if pattern == "connection" then
    -- index is set by setup() in this thread's own Lua state.
    wrk.headers["Cookie"] = cookies[((index - 1) % #cookies) + 1]
    fixed = wrk.format(nil, nil, nil)
  elseif pattern ~= "rotate" then
    error("BENCH_COOKIE_PATTERN must be connection or rotate, got " .. pattern)
  end
end

request = function()
  if fixed then return fixed end
  n = n + 1
  return wrk.format(nil, nil, {["Cookie"] = cookies[(n % #cookies) + 1]})
end
