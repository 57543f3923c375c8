-- wrk script: POST the request in $BODY_FILE as JSON (bench/run.sh sets it). wrk itself counts non-2xx answers.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
