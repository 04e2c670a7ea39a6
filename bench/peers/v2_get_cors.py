"""One GetBucketCors with the official alibabacloud-oss-v2 SDK (V4), as a user's script would.

Reads OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION and BENCH_BUCKET
from the environment and prints the rules. Run by scripts/bench as a whole process.
"""
import os
import sys

import alibabacloud_oss_v2 as oss
from alibabacloud_oss_v2.credentials import StaticCredentialsProvider

cfg = oss.config.load_default()
cfg.credentials_provider = StaticCredentialsProvider(
    os.environ["OSS_ACCESS_KEY_ID"], os.environ["OSS_ACCESS_KEY_SECRET"])
cfg.region = os.environ["OSS_REGION"]
cfg.endpoint = os.environ["OSS_ENDPOINT"]
cfg.use_path_style = True
client = oss.Client(cfg)
result = client.get_bucket_cors(oss.GetBucketCorsRequest(bucket=os.environ["BENCH_BUCKET"]))
rules = result.cors_configuration.cors_rules or []
for rule in rules:
    print(rule.allowed_origins, rule.allowed_methods, rule.allowed_headers,
          rule.expose_headers, rule.max_age_seconds)
sys.exit(0 if rules else 1)
