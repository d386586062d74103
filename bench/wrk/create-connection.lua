-- POST /api/v2/connections with a name no other request uses (thread number, start time, counter).
-- Optional argument: stop each thread after that many requests (used to seed a tenant).
local counter = 0
local threads = 0

function setup(thread)
    thread:set("id", threads)
    threads = threads + 1
end

function init(args)
    stop_after = tonumber(args[1])
    started = os.time()
    -- added to the -H headers (a headers table given to wrk.format would replace them)
    wrk.headers["Content-Type"] = "application/json"
end

request = function()
    counter = counter + 1
    local body = string.format('{"name":"b%d-%d-%d","strategy":"auth0"}', id, started, counter)
    return wrk.format("POST", nil, nil, body)
end

response = function(status, headers, body)
    if stop_after and counter >= stop_after then
        wrk.thread:stop()
    end
end
