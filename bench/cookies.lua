-- wrk script for bench/run-all: sends the cookies in $BENCH_COOKIES (one "name=value" a line) round-robin, so the
-- connections spread their requests over many logged-in sessions instead of all hitting one row or key.
local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, {["Cookie"] = cookies[(n % #cookies) + 1]})
end
