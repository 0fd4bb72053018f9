-- wrk script for bench/run-reports' JSON cases: the same GET (a report, a trend), one request at a
-- time (run with -t1 -c1), each sent $REPORT_GAP_MS after the previous answer, as one person
-- clicking through reports would. wrk times each request from the moment it is written.
--
-- usage: REPORT_GAP_MS=25 wrk -t1 -c1 -d30s --latency -s bench/reports.lua http://HOST:PORT -- PATH TOKEN_FILE

function init(args)
    if not args[2] then
        error("usage: wrk ... -s reports.lua URL -- PATH TOKEN_FILE")
    end
    local t = assert(io.open(args[2], "r"))
    local token = t:read("*l")
    t:close()
    req = wrk.format("GET", args[1], { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" })
    gap = tonumber(os.getenv("REPORT_GAP_MS") or "25")
end

function delay()
    return gap
end

function request()
    return req
end
