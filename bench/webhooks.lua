-- wrk script for bench/run-webhooks: signed Meta webhook POSTs, each body sent once.
-- The body file (webhook_bodies.py) has one "signature<TAB>body" per line; thread i of
-- $WEBHOOK_THREADS takes the lines i, i+n, i+2n… and builds their requests once in init(). A
-- thread that has sent all of its bodies starts over (the webhook then sees duplicates: done()
-- reports it and run-webhooks sizes the file so that it does not happen). done() writes how many
-- requests the threads generated to $WEBHOOK_SENT_FILE, for the count check.
--
--
-- With $WEBHOOK_RATE set (requests per second, all threads together) the requests are paced:
-- each thread sends on a fixed schedule (rate / threads per second, from its first request), and
-- a request falls behind it only when every connection is waiting for an answer. wrk measures
-- each latency from the moment the request is written.
--
-- usage: WEBHOOK_THREADS=2 WEBHOOK_SENT_FILE=F [WEBHOOK_RATE=1000] wrk -t2 -c64 -d15s --latency \
--            -s bench/webhooks.lua http://HOST:PORT -- PATH BODY_FILE

local threads = {}
local thread_count = 0

function setup(thread)
    thread:set("thread_index", thread_count)
    thread_count = thread_count + 1
    threads[#threads + 1] = thread
end

function init(args)
    if not args[1] or not args[2] then
        error("usage: wrk ... -s webhooks.lua URL -- PATH BODY_FILE")
    end
    local total = tonumber(os.getenv("WEBHOOK_THREADS") or "1")
    local path = args[1]
    requests = {}
    local i = 0
    for line in io.lines(args[2]) do
        if line ~= "" then
            if i % total == thread_index then
                local tab = line:find("\t", 1, true)
                requests[#requests + 1] = wrk.format("POST", path,
                    { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = line:sub(1, tab - 1) },
                    line:sub(tab + 1))
            end
            i = i + 1
        end
    end
    if #requests == 0 then
        error("no bodies for thread " .. thread_index .. " in " .. args[2])
    end
    sent = 0
    wrapped = 0
end

local rate = tonumber(os.getenv("WEBHOOK_RATE") or "")
if rate and rate > 0 then
    local ffi = require("ffi")
    ffi.cdef[[
        typedef struct { long tv_sec; long tv_usec; } bench_timeval;
        int gettimeofday(bench_timeval *tv, void *tz);
    ]]
    local tv = ffi.new("bench_timeval")
    local function now_ms()
        ffi.C.gettimeofday(tv, nil)
        return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
    end
    local next_at = nil
    -- wrk asks before every request how long to wait (ms).
    function delay()
        local interval = 1000 * tonumber(os.getenv("WEBHOOK_THREADS") or "1") / rate
        local t = now_ms()
        next_at = next_at or t
        local wait = next_at - t
        next_at = next_at + interval
        return wait > 0 and wait or 0
    end
end

function request()
    sent = sent + 1
    if sent > #requests then
        wrapped = 1
    end
    return requests[(sent - 1) % #requests + 1]
end

function done(summary, latency, requests_)
    local total, wraps = 0, 0
    for _, t in ipairs(threads) do
        total = total + (t:get("sent") or 0)
        wraps = wraps + (t:get("wrapped") or 0)
    end
    local file = os.getenv("WEBHOOK_SENT_FILE")
    if file then
        local f = io.open(file, "w")
        f:write(string.format("sent %d\nwrapped %d\n", total, wraps))
        f:close()
    end
end
