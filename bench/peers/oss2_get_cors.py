"""One GetBucketCors with the official oss2 SDK (V4), as a user's script would do it.

Reads OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION and BENCH_BUCKET
from the environment and prints the rules. Run by scripts/bench as a whole process.
"""
import os
import sys

import oss2

endpoint = os.environ["OSS_ENDPOINT"]
auth = oss2.AuthV4(os.environ["OSS_ACCESS_KEY_ID"], os.environ["OSS_ACCESS_KEY_SECRET"])
bucket = oss2.Bucket(auth, endpoint, os.environ["BENCH_BUCKET"],
                     region=os.environ["OSS_REGION"], is_path_style=True)
cors = bucket.get_bucket_cors()
for rule in cors.rules:
    print(rule.allowed_origins, rule.allowed_methods, rule.allowed_headers,
          rule.expose_headers, rule.max_age_seconds)
sys.exit(0 if cors.rules else 1)
