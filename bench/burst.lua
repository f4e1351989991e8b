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
  answered = 0
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
  -- A connection with no submission left asks for a page from the cache, storing nothing,
  -- until this thread's submissions are all answered.
  return wrk.format("GET", "/")
end

-- A submission is answered with a redirect (or an error), the cached page with 200.
response = function(status, headers, body)
  if status ~= 200 then
    answered = answered + 1
    if answered >= #mine then
      wrk.thread:stop()
    end
  end
end
