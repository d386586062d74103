-- POST one form body (the first line of the file given as the first argument) again and again.
function init(args)
    local file = assert(io.open(args[1], "r"))
    body = file:read("*l")
    file:close()
end

request = function()
    return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
