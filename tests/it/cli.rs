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
    assert!(pages.iter().any(|(n, _)| n == "ossctl-cors-test.1"));
    assert!(
        !pages.iter().any(|(n, _)| n.contains("generate-man")),
        "hidden commands get no page"
    );
    check_generated(&repo_root().join("man"), pages, |n| n.ends_with(".1"));
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
    for page in ["man/ossctl.1", "man/ossctl-cors-test.1"] {
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
