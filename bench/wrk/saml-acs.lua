-- POST the ACS with pre-signed SAML responses, each used once: the bodies come from a file (one form body a line,
-- bench/signin.sh writes it with io.connectionhub.bench.SignInBench); thread t of n sends lines first+t, first+t+n, ...
-- and stops when its share runs out. Arguments: the file, the first line to use (1-based).
-- An answer counts as good when it is a 303 whose Location carries a code; done() prints "used=<lines> bad=<count>
-- exhausted=<threads out of bodies>" so the script can check them and start the next run after the lines used.
local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    first = tonumber(args[2]) or 1
    step = tonumber(args[3]) or 1
    -- Each thread keeps only its own lines (a file of 100,000 bodies is some 550 MB).
    bodies = {}
    count = 0
    for line in io.lines(args[1]) do
        count = count + 1
        if count >= first and (count - first) % step == id then
            bodies[count] = line
        end
    end
    next_line = first + id
    sent = 0
    bad = 0
    exhausted = 0
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

request = function()
    if next_line > count then
        exhausted = 1
        wrk.thread:stop()
        return wrk.format("GET", "/q/health/live")   -- never sent: the thread stops first
    end
    local body = bodies[next_line]
    next_line = next_line + step
    sent = sent + 1
    return wrk.format("POST", nil, nil, body)
end

response = function(status, headers, body)
    if exhausted == 1 then
        return
    end
    if status ~= 303 or not (headers["Location"] or headers["location"] or ""):find("[?&]code=") then
        bad = bad + 1
    end
end

function done(summary, latency, requests)
    local used, failed, out = 0, 0, 0
    for _, thread in ipairs(threads) do
        used = math.max(used, thread:get("next_line") - 1)
        failed = failed + thread:get("bad")
        out = out + thread:get("exhausted")
    end
    io.write(string.format("used=%d bad=%d exhausted=%d\n", used, failed, out))
end
