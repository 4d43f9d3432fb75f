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
-- BENCH_FOLLOW_COOKIES=1 (connection pattern only): a response's Set-Cookie replaces the thread's cookie, as a
--   browser keeps the cookie it was last given. Without it a thread resends its login cookie forever, so a route
--   that changes the session is always loaded from the same, long-settled cookie.
local pattern = os.getenv("BENCH_COOKIE_PATTERN") or "connection"
local follow = os.getenv("BENCH_FOLLOW_COOKIES") == "1"
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
  if follow and pattern ~= "connection" then
    error("BENCH_FOLLOW_COOKIES=1 needs BENCH_COOKIE_PATTERN=connection")
  end
end

-- Defined only when following: wrk parses response headers for Lua only if a response() function exists.
if follow then
  response = function(status, headers, body)
    local set = headers["Set-Cookie"] or headers["set-cookie"]
    if set then
      wrk.headers["Cookie"] = set:match("^([^;]*)")
      fixed = wrk.format(nil, nil, nil)
    end
  end
end

request = function()
  if fixed then return fixed end
  n = n + 1
  return wrk.format(nil, nil, {["Cookie"] = cookies[(n % #cookies) + 1]})
end
