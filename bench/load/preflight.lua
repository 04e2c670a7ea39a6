-- wrk: the browser's preflight for a PUT with Content-Type: application/json from the
-- allowed origin (rule 1 of bench/rules.xml allows it).
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "https://app.example.com"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
