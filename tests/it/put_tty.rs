//! `cors put` on a terminal: the diff against the live rules is shown and the write is
//! confirmed first (the real binary under a pty against a child `ossctl serve`). Without a
//! terminal nothing changes (no diff, no prompt).

use crate::util::{ServeProcess, TestEnv};

const OLD: &str =
    "rules:\n- allowed_origins: ['https://old.example.com']\n  allowed_methods: [GET]\n";
const NEW: &str =
    "rules:\n- allowed_origins: ['https://new.example.com']\n  allowed_methods: [GET, PUT]\n";

/// A server with bucket `web` holding OLD (put without a terminal), and `new.yaml`.
fn setup() -> (TestEnv, ServeProcess, std::path::PathBuf) {
    let env = TestEnv::new();
    let serve = ServeProcess::start(&env, &["web"]);
    let old = env.write("old.yaml", OLD);
    let out = env
        .cmd()
        .args(["cors", "put", "oss://web", "-f"])
        .arg(&old)
        .envs(serve.client_env())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Without a terminal: no diff, no prompt.
    assert!(
        !stderr.contains("(live)") && !stderr.contains("Write these rules"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 rule written"));
    let new = env.write("new.yaml", NEW);
    (env, serve, new)
}

fn live_yaml(env: &TestEnv, serve: &ServeProcess) -> String {
    let out = env
        .cmd()
        .args(["cors", "get", "oss://web", "--format", "yaml"])
        .envs(serve.client_env())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[cfg(unix)]
fn spawn_put(
    env: &TestEnv,
    serve: &ServeProcess,
    file: &std::path::Path,
) -> expectrl::session::OsSession {
    let mut cmd = env.std_cmd(crate::util::bin());
    cmd.args(["cors", "put", "oss://web", "-f"])
        .arg(file)
        .env("TERM", "xterm")
        .envs(serve.client_env());
    let mut p = expectrl::Session::spawn(cmd).expect("spawn under a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    p
}

#[cfg(unix)]
#[test]
fn pty_put_shows_the_diff_and_writes_after_yes() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Eof, Expect};
    let (env, serve, new) = setup();
    let mut p = spawn_put(&env, &serve, &new);
    p.expect("--- oss://web (live)").unwrap();
    p.expect("-     AllowedOrigin: https://old.example.com")
        .unwrap();
    p.expect("+     AllowedOrigin: https://new.example.com")
        .unwrap();
    p.expect("Write these rules to oss://web?").unwrap();
    p.send("y").unwrap();
    p.expect("1 rule written").unwrap();
    p.expect(Eof).unwrap();
    let pid = p.get_process().pid();
    assert_eq!(p.get_process().wait().unwrap(), WaitStatus::Exited(pid, 0));

    let live = live_yaml(&env, &serve);
    assert!(live.contains("https://new.example.com"), "{live}");
    assert!(!live.contains("https://old.example.com"), "{live}");

    // The same rules again: the diff is empty, nothing is asked or written.
    let mut p = spawn_put(&env, &serve, &new);
    p.expect("no differences").unwrap();
    p.expect("oss://web: no change").unwrap();
    let rest = p.expect(Eof).unwrap();
    // Eof's match is everything after the previous match.
    let rest = String::from_utf8_lossy(rest.get(0).unwrap_or_default()).into_owned();
    assert!(!rest.contains("Write these rules"), "{rest}");
    let pid = p.get_process().pid();
    assert_eq!(p.get_process().wait().unwrap(), WaitStatus::Exited(pid, 0));
}

#[cfg(unix)]
#[test]
fn pty_put_answered_no_writes_nothing() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Eof, Expect};
    let (env, serve, new) = setup();
    let mut p = spawn_put(&env, &serve, &new);
    p.expect("+     AllowedMethod: PUT").unwrap();
    p.expect("Write these rules to oss://web?").unwrap();
    p.send("n").unwrap();
    p.expect("oss://web: not written").unwrap();
    let rest = p.expect(Eof).unwrap();
    // Eof's match is everything after the previous match.
    let rest = String::from_utf8_lossy(rest.get(0).unwrap_or_default()).into_owned();
    assert!(!rest.contains("rule written"), "{rest}");
    let pid = p.get_process().pid();
    assert_eq!(p.get_process().wait().unwrap(), WaitStatus::Exited(pid, 1));

    let live = live_yaml(&env, &serve);
    assert!(live.contains("https://old.example.com"), "{live}");
    assert!(!live.contains("https://new.example.com"), "{live}");
}

/// Several buckets: each diff is shown and confirmed before the concurrent writes start;
/// a declined bucket keeps its rules, the others are written, and the exit status is 1.
#[cfg(unix)]
#[test]
fn pty_put_several_buckets_confirms_each_before_writing() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Eof, Expect};
    let env = TestEnv::new();
    let serve = ServeProcess::start(&env, &["web", "api"]);
    let old = env.write("old.yaml", OLD);
    let out = env
        .cmd()
        .args(["cors", "put", "oss://web", "oss://api", "-f"])
        .arg(&old)
        .envs(serve.client_env())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let new = env.write("new.yaml", NEW);

    let mut cmd = env.std_cmd(crate::util::bin());
    cmd.args(["cors", "put", "oss://web", "oss://api", "--jobs", "2", "-f"])
        .arg(&new)
        .env("TERM", "xterm")
        .envs(serve.client_env());
    let mut p = expectrl::Session::spawn(cmd).expect("spawn under a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    let first = p.expect("Write these rules to oss://web?").unwrap();
    let first = String::from_utf8_lossy(first.before()).into_owned();
    assert!(first.contains("--- oss://web (live)"), "{first}");
    assert!(!first.contains("oss://api"), "{first}");
    p.send("n").unwrap();
    p.expect("oss://web: not written").unwrap();
    let second = p.expect("Write these rules to oss://api?").unwrap();
    let second = String::from_utf8_lossy(second.before()).into_owned();
    assert!(second.contains("--- oss://api (live)"), "{second}");
    assert!(!second.contains("rule written"), "{second}");
    p.send("y").unwrap();
    let rest = p.expect("oss://api  1 rule written").unwrap();
    let rest = String::from_utf8_lossy(rest.before()).into_owned();
    assert!(!rest.contains("oss://web  1 rule written"), "{rest}");
    p.expect(Eof).unwrap();
    let pid = p.get_process().pid();
    assert_eq!(p.get_process().wait().unwrap(), WaitStatus::Exited(pid, 1));

    for (bucket, want, gone) in [
        (
            "oss://web",
            "https://old.example.com",
            "https://new.example.com",
        ),
        (
            "oss://api",
            "https://new.example.com",
            "https://old.example.com",
        ),
    ] {
        let out = env
            .cmd()
            .args(["cors", "get", bucket, "--format", "yaml"])
            .envs(serve.client_env())
            .output()
            .unwrap();
        let live = String::from_utf8_lossy(&out.stdout);
        assert!(
            live.contains(want) && !live.contains(gone),
            "{bucket}: {live}"
        );
    }
}
