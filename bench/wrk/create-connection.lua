-- POST /api/v2/connections with a name no other request uses (thread number, counter, start time).
local counter = 0
local thread_id = 0
local threads = 0

function setup(thread)
    thread:set("id", threads)
    threads = threads + 1
end

function init(args)
    thread_id = id
    stop_after = tonumber(args[1])
end

request = function()
    counter = counter + 1
    local body = string.format('{"name":"b%d-%d-%d","strategy":"auth0"}', thread_id, os.time(), counter)
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
    if stop_after and counter >= stop_after then
        wrk.thread:stop()
    end
end
