"""Uploads one object to `ossctl serve` with oss2 (the object the load test fetches).

Usage: oss_put_object.py KEY FILE   (OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET,
OSS_REGION, BENCH_BUCKET from the environment; run with the project's .venv)
"""
import os
import sys

import oss2

auth = oss2.AuthV4(os.environ["OSS_ACCESS_KEY_ID"], os.environ["OSS_ACCESS_KEY_SECRET"])
bucket = oss2.Bucket(auth, os.environ["OSS_ENDPOINT"], os.environ["BENCH_BUCKET"],
                     region=os.environ["OSS_REGION"], is_path_style=True)
with open(sys.argv[2], "rb") as f:
    bucket.put_object(sys.argv[1], f.read())
