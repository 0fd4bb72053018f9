-- wrk script: like bearer.lua (a token pool, rotated per request, requests built once in init()),
-- but each request also takes its path from a list: GET /v1/chats/{id}/messages over many chats.
-- Token i goes with path i (both lists cycle up to the longer one).
--
-- usage: wrk -t2 -c64 -d15s --latency -s bench/paths.lua http://HOST:PORT -- TOKEN_FILE PATH_FILE

local thread_count = 0

function setup(thread)
    thread:set("thread_index", thread_count)
    thread_count = thread_count + 1
end

local function read_lines(file)
    local lines = {}
    for line in io.lines(file) do
        if line ~= "" then
            lines[#lines + 1] = line
        end
    end
    if #lines == 0 then
        error("nothing in " .. file)
    end
    return lines
end

function init(args)
    if not args[1] or not args[2] then
        error("usage: wrk ... -s paths.lua URL -- TOKEN_FILE PATH_FILE")
    end
    local tokens, paths = read_lines(args[1]), read_lines(args[2])
    requests = {}
    for i = 1, math.max(#tokens, #paths) do
        local token = tokens[(i - 1) % #tokens + 1]
        requests[i] = wrk.format("GET", paths[(i - 1) % #paths + 1], { Authorization = "Bearer " .. token })
    end
    position = ((thread_index or 0) * 7919) % #requests
end

function request()
    position = position % #requests + 1
    return requests[position]
end
