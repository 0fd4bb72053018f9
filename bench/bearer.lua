-- wrk script: every request carries an access token from a pool, taken round-robin, so the load
-- is spread over many users and none reaches the per-user API limit (CONVERSA_API_RATE_LIMIT).
-- wrk 4.1 calls request() per request, not per connection, so the rotation is per request; each
-- thread starts at a different place in the pool. Requests are built once in init(): building
-- them per request would take CPU from the server, which shares the machine with wrk.
--
-- usage: wrk -t2 -c64 -d15s --latency -s bench/bearer.lua URL -- TOKEN_FILE

local thread_count = 0

function setup(thread)
    thread:set("thread_index", thread_count)
    thread_count = thread_count + 1
end

function init(args)
    local file = args[1]
    if not file then
        error("usage: wrk ... -s bearer.lua URL -- TOKEN_FILE")
    end
    requests = {}
    for line in io.lines(file) do
        if line ~= "" then
            requests[#requests + 1] = wrk.format(nil, nil, { Authorization = "Bearer " .. line })
        end
    end
    if #requests == 0 then
        error("no tokens in " .. file)
    end
    position = ((thread_index or 0) * 7919) % #requests
end

function request()
    position = position % #requests + 1
    return requests[position]
end
