#!/usr/bin/env python3
"""Object and bucket API round trip of a loopback `ossctl serve` with the official Python SDKs.

Complements verify_server.py (bucket CORS and auth) with what the SDKs do for objects:
    oss2 (V1 and V4, CRC64 checks on): put_object, get_object (+ byte range), head_object,
        object_exists, list_objects (prefix/delimiter), get_bucket_info, get_bucket_acl,
        put_bucket_acl, delete_object, sign_url (presigned GET via requests), delete_bucket
    alibabacloud_oss_v2 (V4): put_object, get_object, head_object, list_objects_v2,
        delete_object
Prints one PASS/FAIL line per check and ends with 'N passed, M failed'. Exit 1 if anything
failed, 2 on usage errors. Loopback endpoints only.

    .venv/bin/python objects_roundtrip.py --endpoint http://127.0.0.1:9000 \
        --access-key-id AKID --access-key-secret SECRET --bucket-prefix sdkobj
"""
import argparse
import ipaddress
import os
import sys
import traceback
from urllib.parse import urlsplit


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")
        sys.stdout.flush()


def loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


KEY = "dir one/sub+dir/文件 名~(1)&x=y%.txt"
BODY = ("hello from the official SDK " * 2000).encode()  # ~56 KB, CRC64 checked by oss2


def run_oss2(version, args, rep):
    import oss2
    import requests

    p = f"[oss2-{version}]"
    auth = oss2.AuthV4(args.access_key_id, args.access_key_secret) if version == "v4" \
        else oss2.Auth(args.access_key_id, args.access_key_secret)
    name = f"{args.bucket_prefix}-oss2-{version}"
    kw = {"region": args.region} if version == "v4" else {}
    b = oss2.Bucket(auth, args.endpoint, name, enable_crc=True, **kw)

    b.create_bucket(oss2.BUCKET_ACL_PRIVATE)
    rep.check(f"{p} create_bucket", True)
    r = b.put_object(KEY, BODY, headers={"Content-Type": "text/x-sdk", "x-oss-meta-who": "oss2"})
    rep.check(f"{p} put_object (CRC64 checked by the SDK)", r.status == 200 and r.crc is not None,
              f"status={r.status} crc={r.crc}")
    got = b.get_object(KEY)
    data = got.read()
    rep.check(f"{p} get_object body and CRC64", data == BODY and got.server_crc == got.client_crc,
              f"len={len(data)} server_crc={got.server_crc} client_crc={got.client_crc}")
    rep.check(f"{p} get_object Content-Type and user metadata",
              got.content_type == "text/x-sdk" and got.headers.get("x-oss-meta-who") == "oss2",
              f"{got.content_type} {dict(got.headers)}")
    part = b.get_object(KEY, byte_range=(6, 9)).read()
    rep.check(f"{p} get_object byte range", part == BODY[6:10], repr(part))
    h = b.head_object(KEY)
    rep.check(f"{p} head_object", h.content_length == len(BODY) and h.etag == got.etag,
              f"{h.content_length} {h.etag} {got.etag}")
    rep.check(f"{p} object_exists true/false", b.object_exists(KEY) and not b.object_exists("nope"))
    b.put_object("dir one/other.txt", b"x")
    b.put_object("top.txt", b"y")
    lst = b.list_objects(prefix="dir one/", delimiter="/")
    keys = sorted(o.key for o in lst.object_list)
    rep.check(f"{p} list_objects prefix", keys == sorted(["dir one/other.txt"]) and
              lst.prefix_list == ["dir one/sub+dir/"], f"{keys} {lst.prefix_list}")
    info = b.get_bucket_info()
    rep.check(f"{p} get_bucket_info", info.name == name and info.acl.grant == "private",
              f"{info.name} {info.acl.grant}")
    b.put_bucket_acl(oss2.BUCKET_ACL_PUBLIC_READ)
    rep.check(f"{p} put/get_bucket_acl", b.get_bucket_acl().acl == "public-read")
    anon = requests.get(f"{args.endpoint}/{name}/top.txt", timeout=10,
                        proxies={"http": None, "https": None})
    rep.check(f"{p} anonymous GET on public-read", anon.status_code == 200 and anon.content == b"y",
              f"{anon.status_code}")
    url = b.sign_url("GET", KEY, 300)
    pre = requests.get(url, timeout=10, proxies={"http": None, "https": None})
    rep.check(f"{p} presigned URL GET", pre.status_code == 200 and pre.content == BODY,
              f"{pre.status_code} {pre.text[:200]}")
    try:
        b.delete_bucket()
        rep.check(f"{p} delete_bucket refused while not empty", False, "no error")
    except oss2.exceptions.ServerError as e:
        rep.check(f"{p} delete_bucket refused while not empty",
                  e.status == 409 and e.code == "BucketNotEmpty", f"{e.status} {e.code}")
    for k in (KEY, "dir one/other.txt", "top.txt"):
        b.delete_object(k)
    try:
        b.get_object(KEY)
        rep.check(f"{p} get after delete -> NoSuchKey", False, "no error")
    except oss2.exceptions.NoSuchKey:
        rep.check(f"{p} get after delete -> NoSuchKey", True)
    b.delete_bucket()
    try:
        b.get_bucket_info()
        rep.check(f"{p} bucket gone -> NoSuchBucket", False, "no error")
    except oss2.exceptions.NoSuchBucket:
        rep.check(f"{p} bucket gone -> NoSuchBucket", True)


def run_v2(args, rep):
    import alibabacloud_oss_v2 as oss
    from alibabacloud_oss_v2.credentials import StaticCredentialsProvider

    p = "[v2-v4]"
    cfg = oss.config.load_default()
    cfg.credentials_provider = StaticCredentialsProvider(args.access_key_id, args.access_key_secret)
    cfg.region = args.region
    cfg.endpoint = args.endpoint
    cfg.retry_max_attempts = 1
    cfg.use_path_style = True
    c = oss.Client(cfg)
    name = f"{args.bucket_prefix}-v2"
    c.put_bucket(oss.PutBucketRequest(bucket=name))
    rep.check(f"{p} put_bucket", True)
    r = c.put_object(oss.PutObjectRequest(bucket=name, key=KEY, body=BODY, content_type="text/x-v2"))
    rep.check(f"{p} put_object", r.status_code == 200 and r.etag, f"{r.status_code} {r.etag}")
    g = c.get_object(oss.GetObjectRequest(bucket=name, key=KEY))
    data = g.body.read()
    rep.check(f"{p} get_object", data == BODY and g.content_type == "text/x-v2" and g.etag == r.etag,
              f"{len(data)} {g.content_type} {g.etag}")
    h = c.head_object(oss.HeadObjectRequest(bucket=name, key=KEY))
    rep.check(f"{p} head_object", h.content_length == len(BODY), f"{h.content_length}")
    lst = c.list_objects_v2(oss.ListObjectsV2Request(bucket=name, prefix="dir one/"))
    keys = [o.key for o in (lst.contents or [])]
    rep.check(f"{p} list_objects_v2", keys == [KEY], f"{keys}")
    c.delete_object(oss.DeleteObjectRequest(bucket=name, key=KEY))
    c.delete_bucket(oss.DeleteBucketRequest(bucket=name))
    rep.check(f"{p} delete_object + delete_bucket", True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--access-key-id", required=True)
    ap.add_argument("--access-key-secret", required=True)
    ap.add_argument("--bucket-prefix", default="sdkobj")
    ap.add_argument("--region", default="cn-hangzhou")
    args = ap.parse_args()
    u = urlsplit(args.endpoint)
    if not u.hostname or not loopback(u.hostname):
        ap.error("loopback endpoints only")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        os.environ.pop(var, None)
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "*"
    rep = Report()
    for name, fn in (("oss2-v1", lambda: run_oss2("v1", args, rep)),
                     ("oss2-v4", lambda: run_oss2("v4", args, rep)),
                     ("v2-v4", lambda: run_v2(args, rep))):
        try:
            fn()
        except Exception as e:  # never die silently
            rep.check(f"[{name}] unexpected exception", False, f"{type(e).__name__}: {e}")
            traceback.print_exc()
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
