//! Issue 20, "tried as a new user would": safe re-runs, output that honours its flags, limits
//! before memory, and the rough edges a first-time user hit. The real binary against an
//! in-process `ossctl serve` on 127.0.0.1 (and under a pty where a terminal matters).

use std::time::Duration;

use assert_cmd::Command;
use ossctl::server::{TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

use crate::util::{Srv, TestEnv};

/// `ossctl` with endpoint, region and test credentials in the environment.
fn oss(env: &TestEnv, srv: &Srv) -> Command {
    let mut cmd = env.cmd();
    cmd.env("OSS_ENDPOINT", srv.url())
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .timeout(Duration::from_secs(60));
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

const TWO_RULES: &str = "rules:
  - allowed_origins: [\"https://app.example.com\"]
    allowed_methods: [GET, PUT]
    allowed_headers: [content-type]
    expose_headers: [ETag]
    max_age_seconds: 600
  - allowed_origins: [\"https://*.example.com\"]
    allowed_methods: [GET]
";

fn live_rule_count(env: &TestEnv, srv: &Srv, bucket: &str) -> usize {
    let out = oss(env, srv)
        .args(["cors", "get", &format!("oss://{bucket}")])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    stdout(&out).matches("<CORSRule>").count()
}

/// Item 3: the README's merge command run twice leaves one copy of the rule, keeps the first
/// backup, and a third run with a new rule backs up beside the kept file instead of over it.
#[test]
fn merge_with_backup_is_safe_to_run_again() {
    let srv = Srv::start(&["demo"], |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", TWO_RULES);
    oss(&env, &srv)
        .args(["cors", "put", "oss://demo", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    let bk = env.home().join("bk.xml");
    let merge = |origin: &str| {
        oss(&env, &srv)
            .args(["cors", "put", "oss://demo", "--origin", origin])
            .args(["--method", "DELETE", "--merge", "--yes", "--backup"])
            .arg(&bk)
            .output()
            .unwrap()
    };
    let first = merge("https://admin.example.com");
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert!(
        stdout(&first).contains("3 rules written (merged) (backup in "),
        "{}",
        stdout(&first)
    );
    let original = std::fs::read_to_string(&bk).unwrap();
    assert_eq!(original.matches("<CORSRule>").count(), 2, "{original}");
    assert_eq!(live_rule_count(&env, &srv, "demo"), 3);

    // The same command again: the rule is there, so nothing is appended or written, and the
    // backup of the original configuration is untouched.
    let before = srv.requests();
    let second = merge("https://admin.example.com");
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    let text = stdout(&second);
    assert!(
        text.contains("ok     oss://demo  no change: the bucket already has these 3 rules"),
        "{text}"
    );
    assert!(
        text.contains("the rule is already rule 3 of the bucket; skipped"),
        "{text}"
    );
    assert_eq!(
        srv.requests(),
        before + 1,
        "only the GET of the current rules"
    );
    assert_eq!(live_rule_count(&env, &srv, "demo"), 3);
    assert_eq!(std::fs::read_to_string(&bk).unwrap(), original);

    // A new rule with the same --backup: bk.xml is kept, the backup goes beside it, and the
    // result line says where.
    let third = merge("https://ops.example.com");
    assert_eq!(code(&third), 0, "{}", stderr(&third));
    let text = stdout(&third);
    assert!(text.contains("4 rules written (merged)"), "{text}");
    assert!(text.contains("exists and was kept)"), "{text}");
    assert_eq!(std::fs::read_to_string(&bk).unwrap(), original);
    let stamped: Vec<_> = std::fs::read_dir(env.home())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bk.") && n.ends_with("Z.xml"))
        .collect();
    assert_eq!(stamped.len(), 1, "{stamped:?}");
    assert!(text.contains(&stamped[0]), "{text}");
    let second_backup = std::fs::read_to_string(env.home().join(&stamped[0])).unwrap();
    assert_eq!(second_backup.matches("<CORSRule>").count(), 3);

    // The same for `cors delete --backup`: neither earlier backup is replaced.
    let out = oss(&env, &srv)
        .args(["cors", "delete", "oss://demo", "--yes", "--backup"])
        .arg(&bk)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("exists and was kept"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read_to_string(&bk).unwrap(), original);
    assert_eq!(
        std::fs::read_to_string(env.home().join(&stamped[0])).unwrap(),
        second_backup
    );
}

/// Item 3: a put that changes nothing is skipped without a terminal too (one GET, no PUT);
/// `--force` writes anyway. Value order and header-name case do not count as changes.
#[test]
fn put_without_change_is_skipped_unless_forced() {
    let srv = Srv::start(&["demo"], |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", TWO_RULES);
    let put = |extra: &[&str], file: &std::path::Path| {
        oss(&env, &srv)
            .args(["cors", "put", "oss://demo", "-f"])
            .arg(file)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = put(&[], &rules);
    assert!(stdout(&out).contains("2 rules written"), "{}", stdout(&out));

    let before = srv.requests();
    let reordered = env.write(
        "same.yaml",
        TWO_RULES
            .replace("[GET, PUT]", "[PUT, GET]")
            .replace("[content-type]", "[Content-Type]"),
    );
    let out = put(&[], &reordered);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "ok     oss://demo  no change: the bucket already has these 2 rules (nothing written)"
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(srv.requests(), before + 1, "GetBucketCors only");

    let before = srv.requests();
    let out = put(&["--force"], &rules);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("2 rules written"), "{}", stdout(&out));
    assert_eq!(srv.requests(), before + 1, "--force: PutBucketCors only");

    // A real change is still written.
    let one = env.write(
        "one.yaml",
        "rules:\n  - allowed_origins: [\"https://x.example.com\"]\n    allowed_methods: [GET]\n",
    );
    let out = put(&[], &one);
    assert!(stdout(&out).contains("1 rule written"), "{}", stdout(&out));
    assert_eq!(live_rule_count(&env, &srv, "demo"), 1);
}

/// `ossctl ARGS...` under `ulimit -v` (512 MiB of address space): reading a whole 1.2 GB file
/// or `/dev/zero` before checking the 1 MiB limit dies here instead of exiting 2.
fn limited(env: &TestEnv, args: &str) -> std::process::Output {
    let mut cmd = env.std_cmd("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v 524288 && exec \"$0\" {args}"))
        .arg(crate::util::bin());
    cmd.output().unwrap()
}

/// Item 4: rule documents are read through the 1 MiB limit: a huge regular file is refused
/// from its size, `/dev/zero` and stdin stop at 1 MiB + 1 byte, for every command that reads
/// rule files (and the ossutil config file); nothing is sent.
#[cfg(unix)]
#[test]
fn huge_and_endless_inputs_stop_at_the_limit() {
    let srv = Srv::start(&["demo"], |_| {});
    let env = TestEnv::new();
    // 1.2 GB, sparse: no disk space used.
    let huge = env.home().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1_200_000_000)
        .unwrap();
    let huge = huge.display().to_string();
    let before = srv.requests();
    let conn = format!(
        "--endpoint {} --region cn-hangzhou --access-key-id {TEST_ACCESS_KEY_ID}",
        srv.url()
    );
    let cases = [
        (format!("cors lint -f {huge}"), Some(1_200_000_000)),
        ("cors lint -f /dev/zero".to_string(), None),
        ("cors lint -f - < /dev/zero".to_string(), None),
        (
            format!("cors put oss://demo -f {huge} {conn}"),
            Some(1_200_000_000),
        ),
        (
            format!("cors put oss://demo -f /dev/zero --format yaml {conn}"),
            None,
        ),
        ("cors diff /dev/zero examples/cors.yaml".to_string(), None),
        ("cors convert /dev/zero --to json".to_string(), None),
        (
            format!("cors convert {huge} --to json"),
            Some(1_200_000_000),
        ),
        (
            format!("cors test -f {huge} --origin https://a.example.com --method GET"),
            Some(1_200_000_000),
        ),
        (
            "cors test -f /dev/zero --format yaml --origin https://a.example.com --method GET"
                .to_string(),
            None,
        ),
    ];
    for (args, size) in cases {
        let out = limited(&env, &args);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{args}: {err}");
        let want = match size {
            Some(n) => format!("document is {n} bytes"),
            None => "document is more than 1048576 bytes (reading stopped there)".to_string(),
        };
        assert!(err.contains(&want), "{args}: {err}");
        assert!(
            err.contains("limited to 1048576 bytes (1 MiB)"),
            "{args}: {err}"
        );
    }
    assert_eq!(srv.requests(), before, "nothing was sent");

    // The ossutil config file too.
    let out = limited(&env, "config show --config-file /dev/zero");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is larger than 1048576 bytes"),
        "{}",
        stderr(&out)
    );

    // Exactly at the limit is still read (and then judged as a document).
    let mut at_limit = String::from(
        "rules:\n- allowed_origins: [\"https://a.example.com\"]\n  allowed_methods: [GET]\n",
    );
    at_limit.push_str(&"#".repeat(1_048_576 - at_limit.len()));
    let file = env.write("limit.yaml", &at_limit);
    let out = limited(&env, &format!("cors lint -f {}", file.display()));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = limited(&env, &format!("cors lint -f - < {}", file.display()));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

/// Item 1: every command honours `--output-format json|yaml` (old spelling `--output`) with
/// a documented shape or refuses it with exit 2; `-o` is only ever a file.
#[test]
fn output_format_is_honoured_or_refused() {
    let srv = Srv::start(&["demo"], |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", TWO_RULES);
    oss(&env, &srv)
        .args(["cors", "put", "oss://demo", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    let want = ossctl::rules::parse(TWO_RULES, ossctl::rules::Format::Yaml, "want").unwrap();

    // cors get: the rules are the result, so JSON/YAML output is the rules in that format.
    for (flag, format) in [
        ("--output", ossctl::rules::Format::Json),
        ("--output-format", ossctl::rules::Format::Yaml),
    ] {
        let value = format.name();
        let out = oss(&env, &srv)
            .args(["cors", "get", "oss://demo", flag, value])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(
            !stdout(&out).contains("<CORSConfiguration"),
            "{}",
            stdout(&out)
        );
        let got = ossctl::rules::parse(&stdout(&out), format, "got").unwrap();
        assert_eq!(got, want, "{flag} {value}");
    }
    let out = oss(&env, &srv)
        .args([
            "cors",
            "get",
            "oss://demo",
            "--output",
            "json",
            "--format",
            "xml",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--format xml and --output-format json disagree"),
        "{}",
        stderr(&out)
    );
    // -o FILE without --format: the extension decides, and the note says what was written.
    let file = env.home().join("current.yaml");
    let out = oss(&env, &srv)
        .args(["cors", "get", "oss://demo", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("(yaml)"), "{}", stderr(&out));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        ossctl::rules::parse(&written, ossctl::rules::Format::Yaml, "f").unwrap(),
        want
    );

    // --dry-run: the request as JSON or YAML, masked, nothing sent.
    let before = srv.requests();
    let out = oss(&env, &srv)
        .env("OSS_SESSION_TOKEN", "token-that-must-not-show")
        .args([
            "cors",
            "put",
            "oss://demo",
            "--dry-run",
            "--output",
            "json",
            "-f",
        ])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["sent"], false);
    let req = &v["requests"][0];
    assert_eq!(req["bucket"], "oss://demo");
    assert_eq!(req["method"], "PUT");
    assert_eq!(req["url"], format!("{}/demo/?cors", srv.url()));
    assert!(
        req["body"]
            .as_str()
            .unwrap()
            .contains("<CORSConfiguration>")
    );
    let headers = req["headers"].as_array().unwrap();
    let auth = headers
        .iter()
        .find(|h| h[0] == "Authorization")
        .expect("Authorization header");
    assert!(
        auth[1].as_str().unwrap().ends_with("Signature=******"),
        "{auth}"
    );
    let text = stdout(&out);
    assert!(!text.contains("token-that-must-not-show") && !text.contains(TEST_ACCESS_KEY_SECRET));
    let out = oss(&env, &srv)
        .args([
            "cors",
            "delete",
            "oss://demo",
            "--dry-run",
            "--output-format",
            "yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: serde_json::Value = serde_saphyr::from_str(&stdout(&out)).expect("YAML");
    assert_eq!(v["requests"][0]["method"], "DELETE");
    assert_eq!(srv.requests(), before, "dry runs send nothing");

    // Commands without a JSON/YAML form refuse it.
    for args in [
        vec!["cors", "wizard", "--output", "json"],
        vec![
            "cors",
            "convert",
            "examples/cors.yaml",
            "--to",
            "xml",
            "--output",
            "json",
        ],
        vec!["completions", "bash", "--output-format", "yaml"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("does not apply here"),
            "{args:?}: {}",
            stderr(&out)
        );
    }

    // The pair is unambiguous: a file name given to --output, or a format given to -o, is
    // refused with the right flag.
    let out = env
        .cmd()
        .args(["cors", "get", "oss://demo", "--output", "rules.yaml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("to write to a file, use -o/--output-file rules.yaml"),
        "{}",
        stderr(&out)
    );
    let out = env
        .cmd()
        .args(["cors", "convert", "examples/cors.yaml", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`json` is a format: give the format with --output-format json"),
        "{}",
        stderr(&out)
    );
}

/// Item 12: `cors convert` reads the S3 document in its `put-bucket-cors` file form, writes
/// S3 JSON only when `--to s3-json` says so and names the format it wrote, and messages show
/// a minimal example instead of pointing at a file installed users do not have.
#[test]
fn convert_reads_wrapped_s3_and_says_what_it_wrote() {
    let env = TestEnv::new();
    let wrapped = env.write(
        "aws-cors.json",
        r#"{"CORSConfiguration": {"CORSRules": [
            {"ID": "web", "AllowedOrigins": ["https://app.example.com"],
             "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["*"],
             "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600}
        ]}}"#,
    );
    let out = env
        .cmd()
        .args(["cors", "convert"])
        .arg(&wrapped)
        .args(["--to", "yaml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let got = ossctl::rules::parse(&stdout(&out), ossctl::rules::Format::Yaml, "got").unwrap();
    assert_eq!(got.rules.len(), 1);
    assert_eq!(got.rules[0].allowed_origins, ["https://app.example.com"]);
    assert_eq!(got.rules[0].max_age_seconds, Some(600));
    assert!(
        stderr(&out).contains("S3 ID \"web\" dropped"),
        "{}",
        stderr(&out)
    );
    // Also with --from s3-json, and an unknown key inside the wrapper is named.
    let bad = env.write("bad.json", r#"{"CORSConfiguration": {"CORSRule": []}}"#);
    let out = env
        .cmd()
        .args(["cors", "convert"])
        .arg(&bad)
        .args(["--from", "s3-json", "--to", "yaml"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("did you mean `CORSRules`?"),
        "{}",
        stderr(&out)
    );

    // -o s3.json without --to: ossctl JSON, and stderr says so and how to get S3 JSON.
    let s3 = env.home().join("s3.json");
    let out = env
        .cmd()
        .args(["cors", "convert", "examples/cors.yaml", "-o"])
        .arg(&s3)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = std::fs::read_to_string(&s3).unwrap();
    assert!(
        written.contains("\"rules\"") && !written.contains("CORSRules"),
        "{written}"
    );
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "wrote {} as ossctl JSON (read examples/cors.yaml as ossctl YAML)",
            s3.display()
        )),
        "{err}"
    );
    assert!(err.contains("for AWS S3 JSON give --to s3-json"), "{err}");
    let out = env
        .cmd()
        .args([
            "cors",
            "convert",
            "examples/cors.yaml",
            "--to",
            "s3-json",
            "-o",
        ])
        .arg(&s3)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&s3)
            .unwrap()
            .contains("\"CORSRules\"")
    );
    assert!(stderr(&out).contains("as AWS S3 JSON"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("give --to s3-json"),
        "{}",
        stderr(&out)
    );

    // No message sends an installed user to examples/ (they have no such folder).
    let empty = env.write("empty.yaml", "");
    let out = env
        .cmd()
        .args(["cors", "lint", "-f"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(!err.contains("examples/"), "{err}");
    assert!(err.contains("allowed_origins"), "{err}");
    let out = env.cmd().args(["cors", "wizard"]).output().unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(!err.contains("examples/"), "{err}");
    assert!(err.contains("allowed_methods: [GET, PUT]"), "{err}");
}

/// Item 5: the upload notes are only given to rules that allow uploads: a DELETE-only rule
/// gets neither; POST gets the header note but not the multipart ETag note; PUT gets both.
#[test]
fn lint_upload_notes_only_for_uploads() {
    let env = TestEnv::new();
    let ids = |methods: &str| -> Vec<String> {
        let file = env.write(
            "r.yaml",
            format!(
                "rules:\n  - allowed_origins: [\"https://admin.example.com\"]\n    allowed_methods: [{methods}]\n"
            ),
        );
        let out = env
            .cmd()
            .args(["cors", "lint", "--output", "json", "-f"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let delete = ids("DELETE");
    assert!(
        !delete
            .iter()
            .any(|i| i == "etag-not-exposed" || i == "missing-upload-headers"),
        "{delete:?}"
    );
    let post = ids("POST");
    assert!(
        post.iter().any(|i| i == "missing-upload-headers"),
        "{post:?}"
    );
    assert!(!post.iter().any(|i| i == "etag-not-exposed"), "{post:?}");
    let put = ids("GET, PUT, DELETE");
    assert!(put.iter().any(|i| i == "missing-upload-headers"), "{put:?}");
    assert!(put.iter().any(|i| i == "etag-not-exposed"), "{put:?}");
}

const UNCLOSED: &str = "rules:
  - allowed_origins:
      - https://a.example.com
    allowed_methods: [GET]
    max_age_seconds: 600
    allowed_headers: [content-type, x-oss-meta-a
    expose_headers: [ETag]
";

/// Item 9: errors for pipes: no miette code header, no hard wrapping when stderr is not a
/// terminal, and a YAML syntax error points at the unclosed bracket, not where the parser
/// gave up.
#[test]
fn errors_in_a_pipe_are_unwrapped_and_point_at_the_cause() {
    let env = TestEnv::new();
    let file = env.write("unclosed.yaml", UNCLOSED);
    let out = env
        .cmd()
        .args(["cors", "lint", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(!err.contains("ossctl::rules::"), "{err}");
    let want = format!(
        "{}:6:22: invalid YAML: this `[` is never closed: the list runs on to 7:19, where the \
         parser gave up (illegal placement of ':' indicator); close the list with `]` (at the \
         end of line 6)",
        file.display()
    );
    // One line, however long: nothing is wrapped for a pipe.
    assert!(err.lines().any(|l| l.ends_with(&want)), "{err}");
    assert!(!err.contains("7:19: invalid YAML"), "{err}");

    // A long message stays on one line too (the wizard's refusal has a long first line).
    let out = env.cmd().args(["cors", "wizard"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.lines().next().is_some_and(|l| l.contains(
            "interactive and needs a terminal. Without one, write a rule file, e.g. rules.yaml:"
        )),
        "{err}"
    );
}

/// Item 9 on a terminal: lines are wrapped to the terminal, but never inside a word (a URL
/// stays whole), and there is no code header either.
#[cfg(unix)]
#[test]
fn pty_errors_wrap_between_words_only() {
    use expectrl::{Eof, Expect};
    let env = TestEnv::new();
    let empty = env.write("empty.yaml", "");
    let mut cmd = env.std_cmd(crate::util::bin());
    cmd.args(["cors", "lint", "-f"])
        .arg(&empty)
        .env("TERM", "xterm");
    let mut p = expectrl::Session::spawn(cmd).expect("spawn under a pty");
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    let all = p.expect(Eof).unwrap();
    let text = String::from_utf8_lossy(all.before()).replace("\r\n", "\n");
    let text = if text.is_empty() {
        String::from_utf8_lossy(all.get(0).unwrap_or_default()).replace("\r\n", "\n")
    } else {
        text
    };
    assert!(text.contains("the document is empty"), "{text}");
    assert!(text.contains("\"https://app.example.com\""), "{text}");
    assert!(!text.contains("ossctl::rules::"), "{text}");
    // Wrapped: no line is wider than the terminal's 80 columns.
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

/// Item 9: `-v` says what was resolved and what was sent (never a secret); without it, none
/// of that.
#[test]
fn verbose_says_where_requests_go() {
    let srv = Srv::start(&["demo"], |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", TWO_RULES);
    let out = oss(&env, &srv)
        .args(["cors", "put", "oss://demo", "-v", "-f"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("read {}: 2 rules (yaml", rules.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "oss://demo: endpoint {} (environment OSS_ENDPOINT), path addressing, region cn-hangzhou (environment OSS_REGION), signature v4",
            srv.url()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "credentials: AccessKeyId {TEST_ACCESS_KEY_ID} (environment OSS_ACCESS_KEY_ID), AccessKeySecret (environment OSS_ACCESS_KEY_SECRET)"
        )),
        "{err}"
    );
    assert!(
        err.contains("GetBucketCors oss://demo -> HTTP 404 in "),
        "{err}"
    );
    assert!(
        err.contains("PutBucketCors oss://demo -> HTTP 200 in "),
        "{err}"
    );
    assert!(!err.contains(TEST_ACCESS_KEY_SECRET), "{err}");
    let out = oss(&env, &srv)
        .args(["cors", "get", "oss://demo"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

/// Item 9: `config show --output json` has typed values: `null` for unset, numbers for
/// numbers, durations in seconds; secrets stay masked.
#[test]
fn config_show_json_is_typed() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("OSS_ENDPOINT", "http://127.0.0.1:9")
        .env("OSS_ACCESS_KEY_ID", "id")
        .env("OSS_ACCESS_KEY_SECRET", "secret-value-1234")
        .args(["config", "show", "--output", "json", "--timeout", "2.5"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["settings"];
    assert_eq!(s["region"]["value"], serde_json::Value::Null);
    assert_eq!(s["region"]["source"], serde_json::Value::Null);
    assert_eq!(s["retries"]["value"], 3);
    assert_eq!(s["connect_timeout"]["value"], 10);
    assert_eq!(s["connect_timeout"]["unit"], "seconds");
    assert_eq!(s["timeout"]["value"], 2.5);
    assert_eq!(s["timeout"]["source"], "flag --timeout");
    assert_eq!(s["access_key_secret"]["value"], "******");
    assert_eq!(s["access_key_secret"]["length"], 17);
    assert_eq!(s["sts_token"]["value"], serde_json::Value::Null);
    assert_eq!(s["addressing_style"]["value"], serde_json::Value::Null);
    assert_eq!(s["config_file"]["found"], false);
    assert_eq!(v["effective"], serde_json::Value::Null);
    assert!(!stdout(&out).contains("(not set)") && !stdout(&out).contains("10s"));
    assert!(!stdout(&out).contains("secret-value-1234"));
}

/// Item 9: the world-readable warning is given only when that file supplies a secret.
#[cfg(unix)]
#[test]
fn readable_config_file_warning_only_when_it_supplies_a_secret() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = TestEnv::new();
    let run = |contents: &str, envs: &[(&str, &str)]| {
        let cfg = env.write("oss.ini", contents);
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut cmd = env.cmd();
        cmd.env("OSSUTIL_CONFIG_FILE", &cfg);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.args(["config", "show"]).output().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        stderr(&out)
    };
    let warning = "readable by other users";
    let only_endpoint =
        "[default]\nendpoint = oss-cn-hangzhou.aliyuncs.com\nregion = cn-hangzhou\n";
    assert!(!run(only_endpoint, &[]).contains(warning));
    let with_secret = "[default]\naccessKeyId = id\naccessKeySecret = from-the-file\n";
    let err = run(with_secret, &[]);
    assert!(
        err.contains("supplies the secret credentials and is readable by other users (mode 644)"),
        "{err}"
    );
    // The environment overrides the file's secret: the file supplies none.
    let err = run(
        with_secret,
        &[
            ("OSS_ACCESS_KEY_ID", "id2"),
            ("OSS_ACCESS_KEY_SECRET", "from-env"),
        ],
    );
    assert!(!err.contains(warning), "{err}");
}

/// Item 8: network errors say what to do and where the endpoint came from: refused (is it
/// running?), and an endpoint without a scheme against a plain-HTTP server (write http://),
/// which is not retried.
#[test]
fn network_errors_say_what_to_do() {
    let env = TestEnv::new();
    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let out = env
        .cmd()
        .env("OSS_ENDPOINT", format!("http://127.0.0.1:{port}"))
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .args(["cors", "get", "oss://demo", "--retries", "0"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "hint: nothing accepts connections at http://127.0.0.1:{port}: is the endpoint running (for a local one, `ossctl serve`)? The endpoint came from environment OSS_ENDPOINT"
        )),
        "{err}"
    );

    // No scheme means https; a plain-HTTP server answers the handshake with HTTP.
    let srv = Srv::start(&["demo"], |_| {});
    let out = oss(&env, &srv)
        .args(["cors", "get", "oss://demo", "--endpoint"])
        .arg(format!("127.0.0.1:{}", srv.port()))
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("after 1 attempt:"), "not retried: {err}");
    assert!(
        err.contains(&format!(
            "it looks like a plain-HTTP server. An endpoint without a scheme means https://; write http://127.0.0.1:{} (the endpoint came from flag --endpoint)",
            srv.port()
        )),
        "{err}"
    );
}

/// Item 10: `-h` shows a command's own options; the connection, credential and global
/// options are in `--help` under their headings (and `-h` says so). Help never shows an
/// environment variable's value, set or not.
#[test]
fn short_help_is_short_and_help_never_shows_env_values() {
    let env = TestEnv::new();
    let help = |args: &[&str]| {
        let out = env
            .cmd()
            .env("OSSCTL_SERVE_DATA_DIR", "/private/data-dir-value")
            .env("OSSCTL_SERVE_ACCESS_KEY_ID", "KEY-ID-VALUE")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    for cmd in [
        &["cors", "test"][..],
        &["cors", "put"],
        &["cors", "get"],
        &["cors", "delete"],
        &["cors", "lint"],
        &["config", "show"],
    ] {
        let short = help(&[cmd, &["-h"]].concat());
        for hidden in [
            "--endpoint",
            "--access-key-secret",
            "--retries",
            "--color <WHEN>",
            "--debug",
        ] {
            assert!(
                !short.contains(&format!("  {hidden}")),
                "{cmd:?} -h lists {hidden}:\n{short}"
            );
        }
        let flat = short.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Connection, credential and global options (--endpoint, --region, --access-key-id, --output-format, -q, -v, ...) are listed by --help."),
            "{cmd:?}: {short}"
        );
        assert!(
            short.lines().count() < 45,
            "{cmd:?} -h is {} lines:\n{short}",
            short.lines().count()
        );
        let long = help(&[cmd, &["--help"]].concat());
        for (heading, option) in [
            ("Connection:", "--endpoint <URL>"),
            ("Credentials:", "--access-key-secret <SECRET>"),
            ("Global options:", "--output-format <FORMAT>"),
        ] {
            let at = long
                .find(heading)
                .unwrap_or_else(|| panic!("{cmd:?}: no {heading}\n{long}"));
            assert!(
                long[at..].contains(option),
                "{cmd:?}: {option} under {heading}"
            );
        }
    }
    let serve_short = help(&["serve", "-h"]);
    let flat = serve_short.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Global options (--output-format, -q, -v, --debug, --color) are listed by --help."
        ),
        "{serve_short}"
    );
    for text in [serve_short, help(&["serve", "--help"])] {
        assert!(text.contains("[env: OSSCTL_SERVE_DATA_DIR]"), "{text}");
        assert!(!text.contains("OSSCTL_SERVE_DATA_DIR="), "{text}");
        assert!(!text.contains("/private/data-dir-value"), "{text}");
        assert!(!text.contains("KEY-ID-VALUE"), "{text}");
    }
}

/// Item 8: `serve` on a port another process holds names the address it could not take.
#[test]
fn serve_on_a_used_port_names_the_address() {
    let srv = Srv::start(&[], |_| {});
    let env = TestEnv::new();
    let data = env.home().join("data");
    let addr = format!("127.0.0.1:{}", srv.port());
    let out = env
        .cmd()
        .args(["serve", "--addr", &addr, "--data-dir"])
        .arg(&data)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

/// Item 2: an `--origin` a browser never sends is tested as the origin a browser sends, with
/// a note, and never suggested as a rule; one without a scheme is refused with the fix.
#[test]
fn origins_are_tested_as_browsers_send_them() {
    let env = TestEnv::new();
    let test = |origin: &str| {
        env.cmd()
            .args([
                "cors",
                "test",
                "-f",
                "examples/cors.yaml",
                "--origin",
                origin,
            ])
            .args(["--method", "PUT", "--output", "json"])
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap()
    };
    let out = test("https://App.example.com:443/upload/");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["request"]["origin"], "https://app.example.com");
    let err = stderr(&out);
    assert!(err.contains("has a path"), "{err}");
    assert!(err.contains("upper-case"), "{err}");
    assert!(err.contains("default port"), "{err}");
    assert!(
        err.contains("testing with `https://app.example.com`"),
        "{err}"
    );
    for s in doc["suggestions"].as_array().unwrap() {
        let s = s.as_str().unwrap();
        assert!(
            !s.contains("example.com/") && !s.contains(":443") && !s.contains("App."),
            "{s}"
        );
    }
    let out = test("app.example.com");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("has no scheme")
            && stderr(&out).contains("`https://app.example.com`"),
        "{}",
        stderr(&out)
    );
}

/// Item 6: `cors lint` says when a rule's preflight is never cached for long.
#[test]
fn lint_explains_preflight_caching() {
    let env = TestEnv::new();
    let rules = env.write(
        "r.yaml",
        "rules:\n- allowed_origins: [https://a.example.com]\n  allowed_methods: [PUT]\n  allowed_headers: [content-type]\n  expose_headers: [ETag]\n",
    );
    let out = env
        .cmd()
        .args(["cors", "lint", "-f"])
        .arg(&rules)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("note[preflight-not-cached]"), "{text}");
    assert!(
        text.contains("keep a preflight without one for 5 s"),
        "{text}"
    );
    assert!(text.contains("set MaxAgeSeconds, e.g. 600"), "{text}");
}

/// Item 11: SIGINT (or SIGTERM) during a long `--requests` run stops after the current line,
/// prints the summary of what was processed, and exits 130.
#[test]
fn interrupted_requests_print_their_summary() {
    use std::io::{BufRead, BufReader};
    let env = TestEnv::new();
    let line = r#"{"origin":"https://app.example.com","method":"PUT","headers":["Content-Type: application/json"],"credentials":true}"#;
    let lines = format!("{line}\n").repeat(400_000);
    let file = env.write("many.jsonl", lines);
    let mut child = env
        .std_cmd(crate::util::bin())
        .args(["cors", "test", "-f", "examples/cors.yaml", "--requests"])
        .arg(&file)
        .current_dir(crate::util::repo_root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("1: "), "{first}");
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let rest: Vec<String> = reader.lines().map(Result::unwrap).collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let summary = rest.last().expect("a summary line");
    assert!(summary.starts_with("interrupted after line "), "{summary}");
    let processed = rest.len(); // the result lines after the first, plus the summary
    assert!(processed < 400_000, "stopped early: {processed}");
    let allowed: usize = summary
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{summary}"));
    assert_eq!(
        allowed, processed,
        "every processed line is counted: {summary}"
    );
}
