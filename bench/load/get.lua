-- wrk: an anonymous cross-origin GetObject of the public 1 KiB object from the allowed origin.
wrk.method = "GET"
wrk.headers["Origin"] = "https://app.example.com"
