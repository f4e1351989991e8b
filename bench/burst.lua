-- wrk: send the consultation submissions prepared by bench/run.py, each once.
-- BURST_FILE holds one submission a line: the cookie header, a tab, the form body.
-- Thread n of N sends lines n, n+N, n+2N...
-- BURST_THREADS must equal wrk's -t: setup() runs each thread's init() before the next exists.
local created = 0

setup = function(thread)
  thread:set("id", created)
  created = created + 1
end

init = function(args)
  nthreads = tonumber(os.getenv("BURST_THREADS"))
  mine = {}
  local index = 0
  for line in io.lines(os.getenv("BURST_FILE")) do
    if index % nthreads == (id or 0) then
      local cookie, body = line:match("^([^\t]*)\t(.*)$")
      table.insert(mine, wrk.format("POST", os.getenv("BURST_PATH"), {
        ["Cookie"] = cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, body))
    end
    index = index + 1
  end
  sent = (id == 0) and -1 or 0
end

request = function()
  sent = sent + 1
  if sent == 0 then
    -- wrk calls thread 0's request() once before the run to check it: that one is not sent.
    return mine[1]
  end
  if sent <= #mine then
    return mine[sent]
  end
  -- More connections than submissions left: a page served from the cache, stores nothing.
  return wrk.format("GET", "/")
end

-- A connection with nothing left to send waits; bench/run.py stops wrk once all are stored.
delay = function()
  if sent >= #mine then
    return 60000
  end
  return 0
end
