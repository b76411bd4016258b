-- wrk script: every request is POST /api/v1/ask/ with a JSON question ($ASK_BODY, one JSON
-- object), as the chat widget sends it. The same body each time: asks are never cached, so
-- every request runs the ranking and its reads.
wrk.method = "POST"
wrk.body = os.getenv("ASK_BODY")
wrk.headers["Content-Type"] = "application/json"
