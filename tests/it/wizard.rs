//! `cors wizard`: the state machine driven by scripts, and the real binary under a pty.

use ossctl::app::wizard::{Answer, Plan, ScriptedPrompter, Wizard};
use ossctl::rules;

use crate::util::TestEnv;

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn run(script: Vec<Answer>, output: Option<&str>) -> (std::io::Result<Plan>, Vec<String>) {
    let mut p = ScriptedPrompter::new(script);
    let plan = Wizard::new(&mut p, output.map(Into::into), None).run();
    (plan, p.transcript)
}

/// The answers for one rule with one origin: GET+HEAD, no headers, nothing exposed, default
/// max age.
fn simple_rule(origin: &str) -> Vec<Answer> {
    vec![
        text(origin),
        text(""),
        Answer::Picks(vec![0, 4]),
        Answer::Pick(0),
        Answer::Picks(vec![]),
        text(""),
    ]
}

#[test]
fn builds_tests_and_plans_a_file() {
    let script = vec![
        // Origins: a dead one is fixed on request, a scheme-less one refused, then a wildcard.
        text("https://App.example.com/"),
        Answer::Yes(true),
        text("example.org"),
        text("https://*.example.org"),
        text(""),
        // GET and PUT; SDK upload headers; ETag and x-oss-request-id; default max age.
        Answer::Picks(vec![0, 1]),
        Answer::Pick(2),
        Answer::Picks(vec![0, 1]),
        text(""),
        // No more rules; ResponseVary on.
        Answer::Yes(false),
        Answer::Yes(true),
        // Test a PUT with a JSON body from the app.
        Answer::Yes(true),
        text(""),
        text("put"),
        text("Content-Type: application/json"),
        text(""),
        Answer::Yes(false),
        Answer::Yes(false),
        // Write to the default file name.
        Answer::Yes(true),
        text(""),
    ];
    let (plan, transcript) = run(script, None);
    let plan = plan.unwrap();
    let all = transcript.join("\n");
    assert!(all.contains("dead-origin"), "{all}");
    assert!(
        all.contains("✗ a scheme is required: browsers send `https://host`; did you mean \"https://example.org\"?"),
        "{all}"
    );
    assert!(all.contains("preflight: needed"), "{all}");
    assert!(all.contains("matched: rule 1"), "{all}");
    assert!(all.contains("verdict: allowed ✓"), "{all}");
    assert!(all.contains("The rules (YAML):"), "{all}");
    assert_eq!(
        plan.write_to.as_deref(),
        Some(std::path::Path::new("cors.yaml"))
    );
    assert_eq!(plan.apply, None);
    let rule = &plan.config.rules[0];
    assert_eq!(
        rule.allowed_origins,
        ["https://app.example.com", "https://*.example.org"]
    );
    assert_eq!(rule.allowed_methods, ["GET", "PUT"]);
    assert_eq!(
        rule.allowed_headers,
        ["content-type", "authorization", "x-oss-*"]
    );
    assert_eq!(rule.expose_headers, ["ETag", "x-oss-request-id"]);
    assert_eq!(rule.max_age_seconds, Some(600));
    assert_eq!(plan.config.response_vary, Some(true));
    rules::validate(&plan.config).unwrap();
    // The equivalent command line is shown.
    assert!(
        all.contains(
            "ossctl cors put oss://BUCKET --origin https://app.example.com --origin \
             'https://*.example.org' --method GET --method PUT"
        ),
        "{all}"
    );
}

#[test]
fn a_blocked_request_is_reported_with_the_reason() {
    let mut script = simple_rule("https://app.example.com");
    script.extend([
        Answer::Yes(false), // more rules
        Answer::Yes(false), // vary
        Answer::Yes(true),  // test
        text("https://other.example.com"),
        text("GET"),
        text(""),
        Answer::Yes(false),
        Answer::Yes(false),
    ]);
    let (plan, transcript) = run(script, Some("out.xml"));
    let plan = plan.unwrap();
    let all = transcript.join("\n");
    assert!(all.contains("matched: no rule"), "{all}");
    assert!(all.contains("verdict: blocked_response ✗"), "{all}");
    // -o was given: no file question.
    assert!(!all.contains("Write the rules to a file?"), "{all}");
    assert_eq!(
        plan.write_to.as_deref(),
        Some(std::path::Path::new("out.xml"))
    );
}

#[test]
fn risky_origins_need_consent() {
    let script = vec![
        text("https://*example.com"),
        Answer::Yes(false), // keep it? no
        text("https://a.com:443"),
        Answer::Yes(false), // use the fix? no
        Answer::Yes(true),  // keep it anyway? yes
        text("a*b*c"),
        text("https://a.com:443"),
        text(""),
        Answer::Picks(vec![]), // no method: asked again
        Answer::Picks(vec![0]),
        Answer::Pick(4), // custom header list
        text("x-a*b*"),
        text("x-ok, x-oss-meta-*"),
        Answer::Picks(vec![4]),
        text("x-*"),
        text("x-trace"),
        text("ten"),
        text("100000"),
        Answer::Yes(false),
        Answer::Yes(false),
        Answer::Yes(false), // no test
        Answer::Yes(false), // no file
    ];
    let (plan, transcript) = run(script, None);
    let plan = plan.unwrap();
    let all = transcript.join("\n");
    assert!(all.contains("wildcard-suffix-takeover"), "{all}");
    assert!(
        all.contains("✗ OSS allows at most one `*` in an origin"),
        "{all}"
    );
    assert!(all.contains("is already in this rule"), "{all}");
    assert!(all.contains("✗ choose at least one method"), "{all}");
    assert!(all.contains("\"x-a*b*\": at most one `*`"), "{all}");
    assert!(all.contains("ExposeHeader cannot contain `*`"), "{all}");
    assert!(all.contains("\"ten\" is not a whole number"), "{all}");
    assert!(all.contains("Chromium caps this at 7200 s"), "{all}");
    let rule = &plan.config.rules[0];
    assert_eq!(rule.allowed_origins, ["https://a.com:443"]);
    assert_eq!(rule.allowed_headers, ["x-ok", "x-oss-meta-*"]);
    assert_eq!(rule.expose_headers, ["x-trace"]);
    assert_eq!(rule.max_age_seconds, Some(100_000));
    assert_eq!(plan.write_to, None);
    // The review showed lint's findings for what the user kept.
    assert!(all.contains("lint: rule 1: warning[dead-origin]"), "{all}");
    assert!(
        all.contains("lint: rule 1: warning[max-age-above-cap]"),
        "{all}"
    );
}

#[test]
fn stops_at_ten_rules() {
    let mut script = Vec::new();
    for i in 0..10 {
        script.extend(simple_rule(&format!("https://{i}.example.com")));
        if i < 9 {
            script.push(Answer::Yes(true));
        }
    }
    script.extend([Answer::Yes(true), Answer::Yes(false), Answer::Yes(false)]);
    let (plan, transcript) = run(script, None);
    let plan = plan.unwrap();
    assert_eq!(plan.config.rules.len(), 10);
    assert!(
        transcript
            .iter()
            .any(|l| l.contains("10 rules, OSS's maximum"))
    );
    assert_eq!(
        transcript
            .iter()
            .filter(|l| l.as_str() == "? Add another rule?")
            .count(),
        9
    );
    rules::validate(&plan.config).unwrap();
}

#[test]
fn a_script_that_does_not_fit_is_an_error() {
    let (plan, _) = run(vec![Answer::Yes(true)], None);
    assert!(
        plan.unwrap_err()
            .to_string()
            .contains("does not fit the question")
    );
    let (plan, _) = run(vec![text("https://a.com")], None);
    assert!(plan.unwrap_err().to_string().contains("ran out of answers"));
}

#[test]
fn without_a_terminal_the_wizard_refuses() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "wizard", "-o", "x.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("rules.yaml"), "{err}");
}

/// The real binary under a pseudo-terminal, answered keystroke by keystroke, writing a file
/// that then passes validation.
#[cfg(unix)]
#[test]
fn pty_wizard_writes_a_valid_file() {
    use expectrl::{Eof, Expect, Session};
    use std::time::Duration;

    let env = TestEnv::new();
    let file = env.home().join("wizard.yaml");
    let mut cmd = env.std_cmd(crate::util::bin());
    cmd.args(["cors", "wizard", "-o"]).arg(&file);
    cmd.env("TERM", "xterm");
    let mut p = Session::spawn(cmd).expect("spawn under a pty");
    p.set_expect_timeout(Some(Duration::from_secs(20)));

    p.expect("Rule 1 origin 1").unwrap();
    p.send_line("https://app.example.com").unwrap();
    p.expect("Rule 1 origin 2").unwrap();
    p.send_line("").unwrap();
    p.expect("Methods").unwrap();
    // GET and HEAD are checked; move to PUT and check it too.
    p.send("\x1b[B").unwrap();
    p.send(" ").unwrap();
    p.send("\r").unwrap();
    p.expect("Request headers pages may send").unwrap();
    p.send("\r").unwrap(); // default for writes: the SDK upload set
    p.expect("Response headers scripts may read").unwrap();
    p.send("\r").unwrap(); // default for writes: ETag
    p.expect("Max age").unwrap();
    p.send_line("").unwrap();
    p.expect("Add another rule?").unwrap();
    p.send("n").unwrap();
    p.expect("ResponseVary").unwrap();
    p.send("y").unwrap();
    p.expect("Test a browser request").unwrap();
    p.send("y").unwrap();
    p.expect("Page origin").unwrap();
    p.send_line("").unwrap();
    p.expect("Method").unwrap();
    p.send_line("PUT").unwrap();
    p.expect("Request header").unwrap();
    p.send_line("Content-Type: image/png").unwrap();
    p.expect("Request header").unwrap();
    p.send_line("").unwrap();
    p.expect("With credentials").unwrap();
    p.send("n").unwrap();
    p.expect("verdict: allowed").unwrap();
    p.expect("Test another request?").unwrap();
    p.send("n").unwrap();
    p.expect("wrote").unwrap();
    p.expect(Eof).unwrap();

    let yaml = std::fs::read_to_string(&file).expect("the wizard wrote the file");
    let config = rules::parse(&yaml, rules::Format::Yaml, "wizard.yaml").unwrap();
    assert_eq!(config.rules.len(), 1);
    assert_eq!(config.rules[0].allowed_origins, ["https://app.example.com"]);
    assert_eq!(config.rules[0].allowed_methods, ["GET", "PUT", "HEAD"]);
    assert_eq!(config.rules[0].expose_headers, ["ETag"]);
    assert_eq!(config.response_vary, Some(true));
    env.cmd()
        .args(["cors", "lint", "-f"])
        .arg(&file)
        .assert()
        .code(0);
}

#[test]
fn apply_shows_the_diff_against_the_live_rules_first() {
    use ossctl::app::wizard::Apply;
    let live = rules::parse(
        "rules:\n  - allowed_origins: [https://old.example.com]\n    allowed_methods: [GET]\n",
        rules::Format::Yaml,
        "live",
    )
    .unwrap();
    let mut script = simple_rule("https://app.example.com");
    script.extend([
        Answer::Yes(false), // more rules
        Answer::Yes(false), // vary
        Answer::Yes(false), // no test
        Answer::Yes(false), // no file
        Answer::Yes(true),  // put it
    ]);
    let mut p = ScriptedPrompter::new(script);
    let apply = Apply {
        bucket: "web".into(),
        live: Some(live),
    };
    let plan = Wizard::new(&mut p, None, Some(apply)).run().unwrap();
    assert_eq!(plan.apply.as_deref(), Some("web"));
    let all = p.transcript.join("\n");
    assert!(
        all.contains(
            "--- oss://web (live)\n+++ wizard\n~ rule 1: changed\n\
             -     AllowedOrigin: https://old.example.com\n\
             +     AllowedOrigin: https://app.example.com\n\
             +     AllowedMethod: HEAD\n"
        ),
        "{all}"
    );
    assert!(all.contains("? Put these rules on oss://web now?"), "{all}");

    // Declining keeps the bucket untouched; a bucket without rules shows every rule added.
    let mut script = simple_rule("https://app.example.com");
    script.extend([
        Answer::Yes(false),
        Answer::Yes(false),
        Answer::Yes(false),
        Answer::Yes(false),
        Answer::Yes(false),
    ]);
    let mut p = ScriptedPrompter::new(script);
    let apply = Apply {
        bucket: "web".into(),
        live: None,
    };
    let plan = Wizard::new(&mut p, None, Some(apply)).run().unwrap();
    assert_eq!(plan.apply, None);
    assert!(
        p.transcript
            .join("\n")
            .contains("--- oss://web (no CORS rules)\n+++ wizard\n+ rule 1: added")
    );
}

/// `--apply` under a pty against `ossctl serve`: the live rules are fetched first, the diff
/// shown, and after "yes" `cors put` writes them; `cors diff` then finds the bucket equal to
/// the written file.
#[cfg(unix)]
#[test]
fn pty_wizard_applies_to_a_bucket() {
    use expectrl::{Eof, Expect, Session};
    use ossctl::server::{self, ServeConfig};
    use std::time::Duration;

    let rt = tokio::runtime::Runtime::new().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(data.path().to_path_buf());
    config.buckets = vec!["web".into()];
    let handle = rt.block_on(server::start(config)).expect("serve starts");
    let endpoint = format!("http://{}", handle.addr());

    let env = TestEnv::new();
    let file = env.home().join("applied.xml");
    let mut cmd = env.std_cmd(crate::util::bin());
    cmd.args(["cors", "wizard", "-o"])
        .arg(&file)
        .args([
            "--apply",
            "oss://web",
            "--endpoint",
            &endpoint,
            "--region",
            "cn-hangzhou",
        ])
        .env("TERM", "xterm")
        .env("OSS_ACCESS_KEY_ID", server::TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", server::TEST_ACCESS_KEY_SECRET);
    let mut p = Session::spawn(cmd).expect("spawn under a pty");
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    p.expect("Rule 1 origin 1").unwrap();
    p.send_line("https://*.example.com").unwrap();
    p.expect("Rule 1 origin 2").unwrap();
    p.send_line("").unwrap();
    p.expect("Methods").unwrap();
    p.send("\r").unwrap();
    p.expect("Request headers pages may send").unwrap();
    p.send("\r").unwrap();
    p.expect("Response headers scripts may read").unwrap();
    p.send("\r").unwrap();
    p.expect("Max age").unwrap();
    p.send_line("300").unwrap();
    p.expect("Add another rule?").unwrap();
    p.send("n").unwrap();
    p.expect("ResponseVary").unwrap();
    p.send("y").unwrap();
    p.expect("Test a browser request").unwrap();
    p.send("n").unwrap();
    p.expect("oss://web (no CORS rules)").unwrap();
    p.expect("Put these rules on oss://web now?").unwrap();
    p.send("y").unwrap();
    p.expect(Eof).unwrap();

    let out = env
        .cmd()
        .args(["cors", "diff", "oss://web"])
        .arg(&file)
        .args(["--endpoint", &endpoint, "--region", "cn-hangzhou"])
        .env("OSS_ACCESS_KEY_ID", server::TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", server::TEST_ACCESS_KEY_SECRET)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    drop(handle);
}
