//! The `ossctl` command line as a user meets it: the real binary run in a hermetic
//! environment (`util::TestEnv`). Exit codes, text/JSON output, snapshots, generated
//! completions and man pages, pipes.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use crate::util::{TestEnv, repo_root};

// ---------------------------------------------------------------------------------------
// Generated files: completions/ and man/ must match what the current CLI generates.
// ---------------------------------------------------------------------------------------

/// Compare (or, with `OSSCTL_BLESS=1`, rewrite) one directory of generated files.
/// Stale files (e.g. the page of a removed subcommand) count as drift too.
fn check_generated(dir: &Path, expected: Vec<(String, Vec<u8>)>, stale_filter: fn(&str) -> bool) {
    let bless = std::env::var_os("OSSCTL_BLESS").is_some_and(|v| v == "1");
    if bless {
        std::fs::create_dir_all(dir).unwrap();
    }
    let mut problems = Vec::new();
    for (name, bytes) in &expected {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(current) if &current == bytes => {}
            _ if bless => std::fs::write(&path, bytes).unwrap(),
            Ok(_) => problems.push(format!("{} differs", path.display())),
            Err(_) => problems.push(format!("{} is missing", path.display())),
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if stale_filter(&name) && !expected.iter().any(|(n, _)| *n == name) {
                if bless {
                    std::fs::remove_file(dir.join(&name)).unwrap();
                } else {
                    problems.push(format!("{} is stale", dir.join(&name).display()));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "generated files are out of date:\n  {}\nregenerate them with \
         `OSSCTL_BLESS=1 cargo test --test it cli::generated` and commit the result",
        problems.join("\n  ")
    );
}

/// The README's table of behaviour fields is generated from the code
/// (`render::behaviour_markdown`), between its two marker comments.
#[test]
fn generated_readme_behaviour_table_is_up_to_date() {
    let path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = (
        "<!-- behaviour-table:begin -->\n",
        "<!-- behaviour-table:end -->",
    );
    let start = readme.find(begin).expect("README has the begin marker") + begin.len();
    let stop = readme.find(end).expect("README has the end marker");
    let table = ossctl::render::behaviour_markdown(&ossctl::preflight::Behaviour::default());
    if readme[start..stop] == table {
        return;
    }
    if std::env::var_os("OSSCTL_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(
            &path,
            format!("{}{table}{}", &readme[..start], &readme[stop..]),
        )
        .unwrap();
        return;
    }
    panic!(
        "README.md's behaviour table differs from the code; regenerate it with \
         `OSSCTL_BLESS=1 cargo test --test it cli::generated` and commit the result"
    );
}

#[test]
fn generated_completions_are_up_to_date() {
    let expected = ossctl::cli::Shell::ALL
        .iter()
        .map(|&shell| {
            (
                shell.file_name().to_owned(),
                ossctl::app::completion_script(shell),
            )
        })
        .collect();
    check_generated(&repo_root().join("completions"), expected, |_| true);
}

#[test]
fn generated_man_pages_are_up_to_date() {
    let pages = ossctl::app::man_pages().unwrap();
    assert!(pages.iter().any(|(n, _)| n == "ossctl.1"));
    for name in [
        "ossctl-cors.1",
        "ossctl-cors-test.1",
        "ossctl-cors-put.1",
        "ossctl-cors-get.1",
        "ossctl-cors-delete.1",
        "ossctl-serve.1",
        "ossctl-completions.1",
    ] {
        assert!(pages.iter().any(|(n, _)| n == name), "no {name}");
    }
    assert!(
        !pages.iter().any(|(n, _)| n.contains("generate-man")),
        "hidden commands get no page"
    );
    check_generated(&repo_root().join("man"), pages, |n| n.ends_with(".1"));
}

/// Every option in every man page has its description, including the ones `-h` leaves out
/// (`hide_short_help`: the global, connection and credential options), which `--help` shows.
#[test]
fn every_option_in_the_man_pages_is_described() {
    let mut options = 0;
    for (name, bytes) in ossctl::app::man_pages().unwrap() {
        let page = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = page.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            // An option entry: `.TP`, the option line (`\fB-...`), then its description.
            if *line == ".TP" && lines.get(i + 1).is_some_and(|l| l.starts_with("\\fB\\-")) {
                options += 1;
                let description = lines.get(i + 2).copied().unwrap_or("");
                assert!(
                    !description.is_empty() && !description.starts_with('.'),
                    "{name}: {} has no description",
                    lines[i + 1]
                );
            }
        }
    }
    assert!(
        options > 200,
        "only {options} options found: is the pattern still right?"
    );
}

#[test]
fn the_binary_prints_the_committed_completion_scripts() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.cmd().args(["completions", shell]).assert().success();
        let file = ossctl::cli::Shell::ALL
            .iter()
            .find(|s| format!("{s:?}").eq_ignore_ascii_case(shell))
            .unwrap()
            .file_name();
        let committed = std::fs::read(repo_root().join("completions").join(file)).unwrap();
        assert!(
            out.get_output().stdout == committed,
            "{shell} script differs from completions/{file}"
        );
    }
}

#[test]
fn generate_man_writes_every_page() {
    let env = TestEnv::new();
    let dir = env.home().join("man");
    env.cmd().arg("generate-man").arg(&dir).assert().success();
    for (name, bytes) in ossctl::app::man_pages().unwrap() {
        assert_eq!(std::fs::read(dir.join(&name)).unwrap(), bytes, "{name}");
    }
}

fn run_shell(env: &TestEnv, shell: &str, script: &str) {
    let out = env
        .std_cmd(shell)
        .args(["-c", script])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shell} (is it installed?): {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "{shell} failed to load its completion file ({}):\n{stderr}",
        out.status
    );
}

#[test]
fn bash_loads_the_completion_file() {
    let env = TestEnv::new();
    run_shell(
        &env,
        "bash",
        "set -e; source completions/ossctl.bash; complete -p ossctl",
    );
}

#[test]
fn zsh_loads_the_completion_file() {
    let env = TestEnv::new();
    run_shell(
        &env,
        "zsh",
        "autoload -U compinit; compinit -u; source completions/_ossctl",
    );
}

#[test]
fn fish_loads_the_completion_file() {
    let env = TestEnv::new();
    run_shell(
        &env,
        "fish",
        "source completions/ossctl.fish; and complete -c ossctl | string match -q '*cors*'",
    );
}

#[test]
fn man_page_renders() {
    let env = TestEnv::new();
    for page in [
        "man/ossctl.1",
        "man/ossctl-cors-test.1",
        "man/ossctl-cors-put.1",
    ] {
        let out = env
            .std_cmd("man")
            .args(["-l", page])
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .expect("run man");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "man -l {page}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("NAME"),
            "{page} rendered without a NAME section:\n{text}"
        );
    }
    let out = env
        .std_cmd("man")
        .args(["-l", "man/ossctl-cors-test.1"])
        .env("MANPAGER", "cat")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--origin"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Process behaviour: usage errors, closed pipes.
// ---------------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.cmd().arg("no-such-command").assert().code(2);
    env.cmd()
        .args(["cors", "test", "--origin", "https://a"])
        .assert()
        .code(2);
    env.cmd().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn help_and_version_exit_0() {
    let env = TestEnv::new();
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicates::str::contains("cors"));
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::starts_with("ossctl "));
}

/// `ossctl completions bash | head -1`: the reader closes the pipe early; ossctl must exit 0
/// without a panic message.
#[test]
fn closed_stdout_exits_quietly() {
    let env = TestEnv::new();
    let mut child = env
        .std_cmd(crate::util::bin())
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close our end, like `head -c1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");

    // And through a real shell pipeline.
    let out = env
        .std_cmd("bash")
        .args([
            "-c",
            &format!(
                "set -o pipefail; {} completions bash | head -1",
                crate::util::bin()
            ),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// cors test: one request from flags.
// ---------------------------------------------------------------------------------------

const RULES: &str = "tests/data/cli/rules.yaml";

fn stdout_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn cors_test_allowed_text() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://app.example.com",
        ])
        .args(["--method", "put", "-H", "Content-Type: application/json"])
        .args(["--path", "/uploads/photo.png"])
        .assert()
        .code(0);
    let text = stdout_of(&out);
    assert!(
        !text.contains('\x1b'),
        "NO_COLOR output has escapes:\n{text}"
    );
    insta::assert_snapshot!("cors_test_allowed", text);
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));
}

#[test]
fn cors_test_blocked_at_preflight_text() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://www.example.com",
        ])
        .args(["--method", "DELETE", "-H", "x-oss-meta-owner: me"])
        .assert()
        .code(1);
    insta::assert_snapshot!("cors_test_blocked_preflight", stdout_of(&out));
}

#[test]
fn cors_test_blocked_at_response_text() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--origin", "https://evil.test"])
        .args(["--method", "GET"])
        .assert()
        .code(1);
    insta::assert_snapshot!("cors_test_blocked_response", stdout_of(&out));
}

#[test]
fn cors_test_json_has_the_stable_schema() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://app.example.com",
        ])
        .args([
            "--method",
            "PUT",
            "-H",
            "Content-Type: application/json",
            "--output",
            "json",
        ])
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verdict"], "allowed");
    assert_eq!(v["matched_rule"], 1);
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["number"], 1);
    assert_eq!(rules[0]["matches"], true);
    assert_eq!(rules[1]["number"], 2);
    assert_eq!(rules[1]["matches"], false);
    assert!(!rules[1]["reasons"].as_array().unwrap().is_empty());
    let pre = &v["preflight"];
    assert_eq!(pre["needed"], true);
    assert!(pre["reasons"].is_array());
    assert_eq!(pre["status"], 200);
    assert_eq!(pre["passed"], true);
    assert!(pre["failure"].is_null());
    assert_eq!(pre["request_headers"], "content-type");
    let headers = pre["headers"].as_array().unwrap();
    assert!(
        headers
            .iter()
            .any(|h| h[0] == "Access-Control-Allow-Origin" && h[1] == "https://app.example.com"),
        "{headers:?}"
    );
    let resp = &v["response"];
    assert_eq!(resp["matched_rule"], 1);
    assert_eq!(resp["passed"], true);
    assert!(resp["failure"].is_null());
    assert!(resp["headers"].is_array());
    let visible = resp["visible_headers"].as_array().unwrap();
    assert!(visible.contains(&serde_json::json!("etag")), "{visible:?}");
    assert_eq!(v["request"]["method"], "PUT");
    assert!(v["suggestions"].is_array());

    // Blocked: the failure is data too.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://www.example.com",
        ])
        .args(["--method", "DELETE", "--output", "json"])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verdict"], "blocked_preflight");
    assert!(v["matched_rule"].is_null());
    assert_eq!(v["preflight"]["status"], 403);
    assert_eq!(v["preflight"]["passed"], false);
    assert!(v["preflight"]["failure"]["code"].is_string());
    assert!(v["response"]["passed"].is_null());
}

#[test]
fn cors_test_yaml_output() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--origin", "https://evil.test"])
        .args(["--method", "GET", "--output", "yaml"])
        .assert()
        .code(1);
    let text = stdout_of(&out);
    assert!(text.contains("verdict: blocked_response"), "{text}");
    assert!(text.contains("matched_rule: null"), "{text}");
}

#[test]
fn cors_test_reads_every_format_and_stdin() {
    let env = TestEnv::new();
    let mut outputs = Vec::new();
    for file in [
        "tests/data/cli/rules.yaml",
        "tests/data/cli/rules.xml",
        "tests/data/cli/rules.json",
    ] {
        let out = env
            .cmd()
            .args([
                "cors",
                "test",
                "-f",
                file,
                "--origin",
                "https://app.example.com",
            ])
            .args([
                "--method",
                "PUT",
                "-H",
                "Content-Type: text/csv",
                "--output",
                "json",
            ])
            .assert()
            .code(0);
        outputs.push(stdout_of(&out));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);

    // stdin: format from --format, or sniffed from the first character.
    let xml = std::fs::read("tests/data/cli/rules.xml").unwrap();
    for extra in [&["--format", "xml"][..], &[][..]] {
        let out = env
            .cmd()
            .args([
                "cors",
                "test",
                "-f",
                "-",
                "--origin",
                "https://app.example.com",
            ])
            .args([
                "--method",
                "PUT",
                "-H",
                "Content-Type: text/csv",
                "--output",
                "json",
            ])
            .args(extra)
            .write_stdin(xml.clone())
            .assert()
            .code(0);
        assert_eq!(stdout_of(&out), outputs[0]);
    }
    let yaml = std::fs::read(RULES).unwrap();
    env.cmd()
        .args([
            "cors",
            "test",
            "-f",
            "-",
            "--origin",
            "https://evil.test",
            "--method",
            "GET",
        ])
        .write_stdin(yaml)
        .assert()
        .code(1);
}

#[test]
fn cors_test_exit_2_on_usage_errors() {
    let env = TestEnv::new();
    // Missing file.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            "tests/data/cli/nope.yaml",
            "--origin",
            "https://a.b",
        ])
        .args(["--method", "GET"])
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("cannot read tests/data/cli/nope.yaml"));
    // A header name that is no token.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://a.b",
            "--method",
            "GET",
        ])
        .args(["-H", "Bad Name: x"])
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("Bad Name"), "{}", stderr_of(&out));
    assert!(out.get_output().stdout.is_empty());
    // Both stdin.
    env.cmd()
        .args(["cors", "test", "-f", "-", "--requests", "-"])
        .write_stdin("")
        .assert()
        .code(2);
    // --requests with a single-request flag.
    env.cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--requests",
            "x.jsonl",
            "--method",
            "GET",
        ])
        .assert()
        .code(2);
}

#[test]
fn cors_test_warns_about_origins_browsers_never_send() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "app.example.com",
            "--method",
            "GET",
        ])
        .assert()
        .code(2);
    assert!(
        stderr_of(&out).contains("origin `app.example.com` has no scheme")
            && stderr_of(&out).contains("e.g. `https://app.example.com`"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args([
            "-q",
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://App.example.com/",
        ])
        .args(["--method", "GET"])
        .assert()
        // Tested as the origin a browser sends, https://app.example.com, which rule 1 allows.
        .code(0);
    assert!(stderr_of(&out).is_empty(), "--quiet: {}", stderr_of(&out));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = TestEnv::new();
    let args = [
        "cors",
        "test",
        "-f",
        RULES,
        "--origin",
        "https://evil.test",
        "--method",
        "GET",
    ];
    // Piped, NO_COLOR=1: plain.
    let out = env.cmd().args(args).assert().code(1);
    assert!(!stdout_of(&out).contains('\x1b'));
    // --color always wins over NO_COLOR.
    let out = env.cmd().args(args).arg("--color=always").assert().code(1);
    assert!(stdout_of(&out).contains("\x1b["), "{}", stdout_of(&out));
    // Piped without NO_COLOR: still plain (not a terminal).
    let out = env.cmd().args(args).env_remove("NO_COLOR").assert().code(1);
    assert!(!stdout_of(&out).contains('\x1b'));
}

/// On a real terminal (a pty from util-linux `script`), `auto` colours unless NO_COLOR is set.
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let env = TestEnv::new();
    let command = format!(
        "{} cors test -f {RULES} --origin https://evil.test --method GET",
        crate::util::bin()
    );
    let run = |no_color: bool| {
        let mut cmd = env.std_cmd("script");
        cmd.args(["-qec", &command, "/dev/null"])
            .env("TERM", "xterm");
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.output().expect("run script(1)");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let coloured = run(false);
    assert!(
        coloured.contains("\x1b["),
        "no colour on a terminal:\n{coloured}"
    );
    assert!(coloured.contains("Verdict:"), "{coloured}");
    let plain = run(true);
    assert!(!plain.contains('\x1b'), "NO_COLOR on a terminal:\n{plain}");
    assert!(plain.contains("Verdict:"), "{plain}");
}

// ---------------------------------------------------------------------------------------
// cors test: invalid rule documents are rejected with positions, exit 2, nothing printed.
// ---------------------------------------------------------------------------------------

fn rejects(env: &TestEnv, name: &str, doc: &str, expected: &[&str]) {
    let path = env.write(name, doc);
    let out = env
        .cmd()
        .args(["cors", "test", "-f"])
        .arg(&path)
        .args(["--origin", "https://app.example.com", "--method", "GET"])
        .assert()
        .code(2);
    assert!(out.get_output().stdout.is_empty(), "stdout must stay empty");
    let stderr = stderr_of(&out);
    for needle in expected {
        let needle = needle.replace("{path}", &path.display().to_string());
        assert!(stderr.contains(&needle), "missing {needle:?} in:\n{stderr}");
    }
}

#[test]
fn invalid_yaml_is_rejected_with_positions() {
    let env = TestEnv::new();
    // Semantic errors: rule number, field and value, at file:line:col; all of them.
    rejects(
        &env,
        "bad.yaml",
        "rules:\n  - allowed_origins: [\"https://a.example\"]\n    allowed_methods: [GET, PATCH]\n    max_age_seconds: ten\n",
        &[
            "{path}:3:28: rule 1:",
            "PATCH",
            "{path}:4:22: rule 1:",
            "ten",
        ],
    );
    // A typo in a key: did you mean.
    rejects(
        &env,
        "typo.yaml",
        "rules:\n  - allowed_origin: [\"https://a.example\"]\n    allowed_methods: [GET]\n",
        &["{path}:2:", "allowed_origin", "allowed_origins"],
    );
    // Syntax.
    rejects(&env, "syntax.yaml", "rules: [\n", &["{path}:"]);
}

#[test]
fn invalid_xml_is_rejected_with_positions() {
    let env = TestEnv::new();
    rejects(
        &env,
        "bad.xml",
        "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://a.example</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n    <ExposeHeader>*</ExposeHeader>\n  </CORSRule>\n</CORSConfiguration>\n",
        &["{path}:5:", "rule 1", "ExposeHeader", "*"],
    );
    rejects(
        &env,
        "unclosed.xml",
        "<CORSConfiguration>\n  <CORSRule>\n",
        &["{path}:"],
    );
}

#[test]
fn invalid_json_is_rejected_with_positions() {
    let env = TestEnv::new();
    rejects(
        &env,
        "bad.json",
        "{\"rules\": [{\"allowed_origins\": [\"https://**\"], \"allowed_methods\": [\"GET\"]}]}\n",
        &["{path}:1:", "rule 1", "allowed_origins", "https://**"],
    );
    rejects(&env, "empty.json", "{\"rules\": []}\n", &["{path}"]);
    rejects(&env, "syntax.json", "{\"rules\": [}\n", &["{path}:1:"]);
}

// ---------------------------------------------------------------------------------------
// cors test --requests: streaming JSON Lines.
// ---------------------------------------------------------------------------------------

/// A generated file: every third request comes from an origin no rule allows.
fn generated_requests(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let line = match i % 3 {
            0 => serde_json::json!({"origin": "https://evil.test", "method": "GET"}),
            1 => serde_json::json!({
                "origin": "https://app.example.com", "method": "put",
                "headers": ["Content-Type: application/json", "x-oss-meta-n"],
                "path": format!("/obj/{i}"),
            }),
            _ => serde_json::json!({
                "origin": format!("https://site{i}.example.com"), "method": "GET",
                "headers": {"Range": "bytes=0-99"}, "credentials": true,
            }),
        };
        s.push_str(&line.to_string());
        s.push('\n');
        if i % 100 == 0 {
            s.push('\n'); // blank lines are skipped
        }
    }
    s
}

#[test]
fn requests_file_summary_and_lines() {
    let env = TestEnv::new();
    let path = env.write("requests.jsonl", generated_requests(3000));
    let out = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--requests"])
        .arg(&path)
        .assert()
        .code(1);
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3001, "one line per request plus the summary");
    // Every credentialed request to an echoed origin rests on the Allow-Credentials
    // assumption, and says so on its line and in the summary.
    assert_eq!(
        *lines.last().unwrap(),
        "2000 allowed, 1000 blocked; 1000 verdicts depend on an assumption (1000 on allow-credentials)"
    );
    let flagged = lines
        .iter()
        .filter(|l| l.ends_with(" (assumes allow-credentials)"))
        .count();
    assert_eq!(flagged, 1000);
    // Line numbers are file line numbers (blank lines count).
    assert!(
        lines[0].starts_with("1: blocked at the response  GET https://evil.test/"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("3: allowed  PUT https://app.example.com/obj/1"),
        "{}",
        lines[1]
    );

    // All allowed: exit 0.
    let allowed: String = generated_requests(30)
        .lines()
        .filter(|l| !l.contains("evil"))
        .map(|l| format!("{l}\n"))
        .collect();
    let out = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--requests", "-"])
        .write_stdin(allowed)
        .assert()
        .code(0);
    assert!(
        stdout_of(&out).ends_with(
            "20 allowed, 0 blocked; 10 verdicts depend on an assumption (10 on allow-credentials)\n"
        ),
        "{}",
        stdout_of(&out)
    );
}

/// `--requests -` from a pipe that stays open (`tail -f log | ossctl cors test --requests -`):
/// each line's verdict is printed, and flushed, while the next line has not been written yet,
/// with one worker and with several, in text and in JSON.
#[test]
fn a_requests_stream_is_answered_as_its_lines_arrive() {
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::sync::mpsc;
    use std::time::Duration;
    let env = TestEnv::new();
    let line = "{\"origin\":\"https://app.example.com\",\"method\":\"GET\",\"path\":\"/a\"}\n";
    for (jobs, format, first) in [
        ("1", "text", "1: allowed"),
        ("2", "text", "1: allowed"),
        ("2", "json", "{\"line\":1,"),
    ] {
        let mut child = env
            .std_cmd(crate::util::bin())
            .args([
                "cors",
                "test",
                "-f",
                RULES,
                "--requests",
                "-",
                "--jobs",
                jobs,
            ])
            .args(["--output", format])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for l in BufReader::new(stdout).lines() {
                if tx.send(l.unwrap()).is_err() {
                    break;
                }
            }
        });
        for n in 1..=2 {
            stdin.write_all(line.as_bytes()).unwrap();
            stdin.flush().unwrap();
            let got = rx
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| {
                    panic!("jobs {jobs} {format}: no answer to line {n} while the pipe is open")
                });
            let want = first.replace('1', &n.to_string());
            assert!(got.starts_with(&want), "jobs {jobs} {format}: {got}");
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
        reader.join().unwrap();
        let rest: Vec<String> = rx.try_iter().collect();
        assert_eq!(rest.len(), usize::from(format == "text"), "{rest:?}");
    }
}

/// `--jobs N` works on lines in parallel but prints in input order: every output format
/// that streams (text, JSON, YAML, JUnit, GitHub annotations) is byte for byte what one
/// worker prints, on stdout and on stderr (warnings and bad lines), and so is the exit code.
#[test]
fn requests_output_is_the_same_whatever_the_job_count() {
    let env = TestEnv::new();
    let mut text = generated_requests(3000);
    // Bad lines and lines with notes, spread over several chunks.
    for i in 0..5 {
        text.push_str(
            &"{\"origin\":\"https://app.example.com\",\"method\":\"GET\"}\n".repeat(700 * i),
        );
        text.push_str("{not json\n");
        text.push_str("{\"origin\":\"HTTPS://App.Example.com:443/x\",\"method\":\"put\"}\n");
    }
    let path = env.write("requests.jsonl", text);
    for output in ["text", "json", "yaml", "junit", "github"] {
        let run = |jobs: &str| {
            let out = env
                .cmd()
                .args([
                    "cors", "test", "-f", RULES, "--output", output, "--jobs", jobs,
                ])
                .arg("--requests")
                .arg(&path)
                .output()
                .unwrap();
            (out.status.code(), out.stdout, out.stderr)
        };
        let one = run("1");
        assert_eq!(one.0, Some(2), "{output}: invalid lines make exit 2");
        assert!(one.1.len() > 100_000, "{output}: {} bytes", one.1.len());
        for jobs in ["2", "3", "8"] {
            let many = run(jobs);
            assert_eq!(many.0, one.0, "{output} --jobs {jobs}");
            assert!(many.1 == one.1, "{output} --jobs {jobs}: stdout differs");
            assert!(many.2 == one.2, "{output} --jobs {jobs}: stderr differs");
        }
    }
}

#[test]
fn requests_file_json_lines() {
    let env = TestEnv::new();
    let path = env.write("requests.jsonl", generated_requests(9));
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--output",
            "json",
            "--requests",
        ])
        .arg(&path)
        .assert()
        .code(1);
    let text = stdout_of(&out);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(objects.len(), 9);
    assert_eq!(objects[0]["line"], 1);
    assert_eq!(objects[0]["verdict"], "blocked_response");
    assert_eq!(objects[1]["line"], 3);
    assert_eq!(objects[1]["verdict"], "allowed");
    assert_eq!(objects[1]["request"]["method"], "PUT");
    assert_eq!(objects[2]["verdict"], "allowed");
    assert_eq!(objects[2]["request"]["credentials"], true);
    // The summary is a message on stderr, so stdout stays pure JSON Lines.
    assert_eq!(
        stderr_of(&out).trim(),
        "6 allowed, 3 blocked; 3 verdicts depend on an assumption (3 on allow-credentials)"
    );
    // The credentialed line names the assumption it rests on, Allow-Credentials first.
    assert_eq!(objects[2]["assumptions"][0]["name"], "allow-credentials");
    assert_eq!(objects[2]["assumptions"][0]["alternative"], "false");
    assert_eq!(objects[1]["assumptions"], serde_json::json!([]));
}

#[test]
fn requests_file_yaml_documents() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--output",
            "yaml",
            "--requests",
            "-",
        ])
        .write_stdin(generated_requests(3))
        .assert()
        .code(1);
    let text = stdout_of(&out);
    let docs: Vec<&str> = text.split("---\n").filter(|d| !d.is_empty()).collect();
    assert_eq!(docs.len(), 3, "{text}");
    assert!(docs[0].starts_with("line: 1\n"), "{}", docs[0]);
    assert!(docs[0].contains("verdict: blocked_response"), "{}", docs[0]);
    assert!(docs[1].starts_with("line: 3\n"), "{}", docs[1]);
    assert!(docs[1].contains("verdict: allowed"), "{}", docs[1]);
}

#[test]
fn requests_file_bad_line_reports_its_number() {
    let env = TestEnv::new();
    let mut text = generated_requests(6);
    // After 6 requests and one blank line (written after request 0): line 8 and 9.
    text.push_str("{\"origin\": \"https://app.example.com\"}\n");
    text.push_str("{not json\n");
    text.push_str(
        "{\"origin\": \"https://app.example.com\", \"method\": \"GET\", \"credential\": true}\n",
    );
    let path = env.write("requests.jsonl", text);
    let out = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--requests"])
        .arg(&path)
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    let name = path.display().to_string();
    assert!(
        stderr.contains(&format!("{name}:8: missing field `method`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{name}:9: not valid JSON")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{name}:10: unknown field `credential`"))
            && stderr.contains("did you mean `credentials`"),
        "{stderr}"
    );
    // The good lines were still evaluated.
    assert!(
        stdout_of(&out).ends_with(
            "4 allowed, 2 blocked, 3 invalid lines; 2 verdicts depend on an assumption (2 on allow-credentials)\n"
        ),
        "{}",
        stdout_of(&out)
    );
}

// ---------------------------------------------------------------------------------------
// cors test oss://bucket[/key] [--live]: the bucket's live rules, against `ossctl serve`.
// ---------------------------------------------------------------------------------------

#[test]
fn cors_test_on_live_rules_and_live_probe() {
    let env = TestEnv::new();
    let serve = crate::util::ServeProcess::start(&env, &["bkt"]);
    let with_server = |cmd: &mut assert_cmd::Command| {
        for (k, v) in serve.client_env() {
            cmd.env(k, v);
        }
    };

    // No CORS configuration yet: every cross-origin request is blocked.
    let mut cmd = env.cmd();
    with_server(&mut cmd);
    let out = cmd
        .args([
            "cors",
            "test",
            "oss://bkt",
            "--origin",
            "https://app.example.com",
        ])
        .args(["--method", "GET"])
        .assert()
        .code(1);
    assert!(
        stdout_of(&out).contains("the bucket has no CORS configuration"),
        "{}",
        stdout_of(&out)
    );

    let mut cmd = env.cmd();
    with_server(&mut cmd);
    cmd.args(["cors", "put", "oss://bkt", "-f", RULES])
        .assert()
        .code(0);

    // The live rules give the same simulation as the file.
    let args = [
        "--origin",
        "https://app.example.com",
        "--method",
        "PUT",
        "-H",
        "Content-Type: text/csv",
        "--output",
        "json",
    ];
    let mut cmd = env.cmd();
    with_server(&mut cmd);
    let live = cmd
        .args(["cors", "test", "oss://bkt/dir/obj.csv"])
        .args(args)
        .assert()
        .code(0);
    let offline = env
        .cmd()
        .args(["cors", "test", "-f", RULES, "--path", "/dir/obj.csv"])
        .args(args)
        .assert()
        .code(0);
    assert_eq!(stdout_of(&live), stdout_of(&offline));

    // --live: the real answers are judged too, and agree with the simulation.
    let mut cmd = env.cmd();
    with_server(&mut cmd);
    let out = cmd
        .args([
            "cors",
            "test",
            "oss://bkt/obj",
            "--live",
            "--output",
            "json",
        ])
        .args(["--origin", "https://www.example.com", "--method", "GET"])
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verdict"], "allowed");
    assert_eq!(v["matched_rule"], 2);
    assert_eq!(v["live"]["verdict"], "allowed");
    assert_eq!(v["live"]["differences"], serde_json::json!([]));

    let mut cmd = env.cmd();
    with_server(&mut cmd);
    let out = cmd
        .args(["cors", "test", "oss://bkt/obj", "--live"])
        .args(["--origin", "https://evil.test", "--method", "GET"])
        .assert()
        .code(1);
    let text = stdout_of(&out);
    assert!(text.contains("Verdict: blocked at the response"), "{text}");
    assert!(text.contains("live verdict: blocked_response"), "{text}");
}

/// Issue 18: `--browser` speaks for one engine or puts them side by side; the engine data
/// (preflight reuse, console text) is in the text and in the JSON `browsers` section.
#[test]
fn cors_test_browser_speaks_for_each_engine() {
    let env = TestEnv::new();
    let run = |extra: &[&str], code: i32| {
        let out = env
            .cmd()
            .args([
                "cors",
                "test",
                "-f",
                RULES,
                "--origin",
                "https://app.example.com",
            ])
            .args(extra)
            .assert()
            .code(code);
        stdout_of(&out)
    };
    let put = ["--method", "PUT", "-H", "Content-Type: application/json"];
    let text = run(&put, 0);
    assert!(text.contains("Browser: Chromium"), "{text}");
    let text = run(&[&put[..], &["--browser", "all"]].concat(), 0);
    assert!(text.contains("Browsers, side by side:"), "{text}");
    assert!(
        text.contains("= the same verdict in every engine"),
        "{text}"
    );
    let json = run(
        &[&put[..], &["--browser", "all", "--output", "json"]].concat(),
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for engine in ["chromium", "firefox"] {
        assert_eq!(v["browsers"][engine]["verdict"], "allowed", "{json}");
        assert!(v["browsers"][engine]["failure"].is_null(), "{json}");
        assert!(
            v["browsers"][engine]["preflight_cache"]["seconds"].is_u64(),
            "{json}"
        );
    }
    // Blocked at the preflight: Firefox's own words, with the status OSS answered.
    let del = ["--method", "DELETE", "--browser", "firefox"];
    let text = run(&del, 1);
    assert!(
        text.contains("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at <URL>. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403."),
        "{text}"
    );
    let json = run(&[&del[..], &["--output", "json"]].concat(), 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["browsers"]["firefox"]["failure"]["code"],
        "CORSMissingAllowOrigin2"
    );
    assert!(v["browsers"].get("chromium").is_none(), "{json}");
    // --browser is for one request at a time.
    env.cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--requests",
            "-",
            "--browser",
            "firefox",
        ])
        .write_stdin("")
        .assert()
        .code(2);
}
