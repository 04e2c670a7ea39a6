"""Sets moto's S3 server up like the others: bucket `bench` (public-read) with the CORS
rules of bench/rules.xml and a public 1 KiB object `obj.bin`.

Usage: moto_setup.py ENDPOINT RULES.xml OBJECT_FILE   (run with the peers venv: boto3)
"""
import sys
import xml.etree.ElementTree as ET

import boto3

endpoint, rules_path, object_path = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="bench",
                  aws_secret_access_key="bench", region_name="us-east-1")
rules = []
for rule in ET.parse(rules_path).getroot().iter("CORSRule"):
    r = {}
    for tag, key in (("AllowedOrigin", "AllowedOrigins"), ("AllowedMethod", "AllowedMethods"),
                     ("AllowedHeader", "AllowedHeaders"), ("ExposeHeader", "ExposeHeaders")):
        values = [e.text for e in rule.iter(tag)]
        if values:
            r[key] = values
    age = rule.find("MaxAgeSeconds")
    if age is not None:
        r["MaxAgeSeconds"] = int(age.text)
    rules.append(r)
s3.create_bucket(Bucket="bench", ACL="public-read")
s3.put_bucket_cors(Bucket="bench", CORSConfiguration={"CORSRules": rules})
with open(object_path, "rb") as f:
    s3.put_object(Bucket="bench", Key="obj.bin", Body=f.read(), ACL="public-read")
print(f"moto: bucket bench with {len(rules)} CORS rules and obj.bin")
