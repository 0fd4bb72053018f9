-- wrk script for bench/run-botflows' simulate case: the same POST /v1/bot-flows/{id}/simulate, one
-- request at a time (run with -t1 -c1), each sent $SIM_GAP_MS after the previous answer, so a
-- run stays under the per-user API limit (CONVERSA_API_RATE_LIMIT, 3,000 a minute) without
-- raising it. wrk times each request from the moment it is written.
--
-- usage: SIM_GAP_MS=25 wrk -t1 -c1 -d15s --latency -s bench/simulate.lua http://HOST:PORT -- PATH BODY_FILE TOKEN_FILE

function init(args)
    if not args[3] then
        error("usage: wrk ... -s simulate.lua URL -- PATH BODY_FILE TOKEN_FILE")
    end
    local f = assert(io.open(args[2], "rb"))
    local body = f:read("*a")
    f:close()
    local t = assert(io.open(args[3], "r"))
    local token = t:read("*l")
    t:close()
    req = wrk.format("POST", args[1],
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
    gap = tonumber(os.getenv("SIM_GAP_MS") or "25")
end

function delay()
    return gap
end

function request()
    return req
end
