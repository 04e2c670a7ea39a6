//! Differential check of the signer against an independent implementation: requests signed by
//! `ossctl::oss::sign` (random keys, query parameters, headers, V1/V4, header and presigned,
//! with and without STS) must be accepted by `tests/data/ref_verify.py`, the team's stdlib-only
//! reference verifier (itself checked against the 67 SDK vectors), and refused by it when the
//! secret is wrong.

use std::io::Write as _;
use std::process::Command;

use ossctl::oss::endpoint::{AddressingStyle, Endpoint, validate_object_key};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign::{SignOptions, Signer, presign, sign_with};
use ossctl::oss::{Credentials, SignatureVersion};

const AK: &str = "LTAI5tDiffKey";
const SECRET: &str = "diff/secret+value=";
const NOW: i64 = 1_717_245_296;

fn random_requests(n: usize) -> Vec<serde_json::Value> {
    let alphabet: Vec<char> = "abcXYZ019 -_.~!*'();:@&=+$,/?#[]%\"<>\\^`{|}文件é😀"
        .chars()
        .collect();
    let mut rng = fastrand::Rng::with_seed(20240601);
    let ep = Endpoint::parse("http://127.0.0.1:9000").unwrap();
    let now = jiff::Timestamp::from_second(NOW).unwrap();
    let mut out = Vec::new();
    for i in 0..n {
        let mut pick = |len: usize| -> String {
            (0..len)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect()
        };
        let mut key = pick(1 + i % 17).trim_start_matches(['/', '\\']).to_string();
        if validate_object_key(&key).is_err() {
            key = format!("k{i}");
        }
        let params: Vec<(String, String)> = (0..i % 3)
            .map(|j| {
                let name = if j == 0 {
                    "response-content-disposition".to_string()
                } else {
                    pick(4)
                };
                (name, pick(i % 6))
            })
            .collect();
        let query: Vec<(&str, Option<&str>)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), Some(v.as_str())))
            .collect();
        let mut req: HttpRequest =
            request::get_object(&ep, AddressingStyle::Path, "bucket1", &key, None).unwrap();
        req.url = ep
            .url(AddressingStyle::Path, Some("bucket1"), Some(&key), &query)
            .unwrap();
        if i % 2 == 0 {
            req.set_header("x-oss-meta-Note", format!("note {i}"));
        }
        if i % 5 == 0 {
            req.set_header("Content-Type", "text/plain");
        }
        let version = if i % 4 < 2 {
            SignatureVersion::V1
        } else {
            SignatureVersion::V4
        };
        let mut creds = Credentials::new(AK, SECRET);
        if i % 3 == 0 {
            creds = creds.with_security_token(format!("CAIS.tok/{i}+=="));
        }
        let opts = SignOptions {
            additional_headers: if i % 7 == 0 {
                vec!["host".into()]
            } else {
                vec![]
            },
        };
        let presigned = i % 2 == 1;
        if presigned {
            presign(
                &mut req,
                Some("bucket1"),
                Some(&key),
                &Signer::new(&creds, version, "cn-hangzhou", now),
                600,
                &opts,
            )
            .unwrap();
        } else {
            sign_with(
                &mut req,
                Some("bucket1"),
                Some(&key),
                &Signer::new(&creds, version, "cn-hangzhou", now),
                &opts,
            );
        }
        let (base, raw_query) = req.split_url();
        let raw_path = base.trim_start_matches("http://127.0.0.1:9000");
        let mut headers = req.headers.clone();
        headers.push(("Host".into(), "127.0.0.1:9000".into()));
        out.push(serde_json::json!({
            "method": req.method, "raw_path": raw_path, "raw_query": raw_query, "headers": headers,
            "key": key, "token": creds.security_token.as_ref().map(|t| t.expose().to_string()),
        }));
    }
    out
}

const CHECK: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import ref_verify as rv
secret = sys.argv[3]
ok = bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    try:
        res = rv.verify(r["method"], "127.0.0.1:9000", r["raw_path"], r["raw_query"], r["headers"],
                        {"LTAI5tDiffKey": secret}.get, region="cn-hangzhou", now=1717245296)
        _, key = rv.resolve_bucket_key("127.0.0.1:9000", r["raw_path"])
        assert key == r["key"], (key, r["key"])
        assert res["version"] != "anonymous"
        assert res["security_token"] == r["token"], (res["security_token"], r["token"])
        ok += 1
    except Exception as e:
        bad += 1
        if bad <= 5:
            print("FAIL", repr(r["key"]), r["raw_query"], repr(e), file=sys.stderr)
print(ok, bad)
"#;

fn run_reference(path: &std::path::Path, secret: &str) -> (usize, usize) {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let out = Command::new("python3")
        .args(["-c", CHECK, data, path.to_str().unwrap(), secret])
        .output()
        .expect("python3 is needed for the differential check (scripts/setup installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut it = stdout
        .split_whitespace()
        .map(|n| n.parse::<usize>().unwrap());
    let result = (it.next().unwrap(), it.next().unwrap());
    if result.1 > 0 && secret == SECRET {
        panic!(
            "reference verifier refused our requests:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    result
}

#[test]
fn reference_verifier_accepts_our_signatures() {
    let reqs = random_requests(300);
    let mut file = tempfile::NamedTempFile::new().unwrap();
    for r in &reqs {
        writeln!(file, "{r}").unwrap();
    }
    file.flush().unwrap();
    assert_eq!(run_reference(file.path(), SECRET), (300, 0));
    // Negative control: the same requests with another secret must all be refused.
    assert_eq!(run_reference(file.path(), "not-the-secret"), (0, 300));
}
