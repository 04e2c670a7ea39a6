//! Shared helpers for the integration tests: a hermetic environment for running the real
//! `ossctl` binary, and paths into the repository.
//!
//! Every command runs with an empty environment except `PATH`, a fresh `HOME` (a temporary
//! directory, so no `~/.ossutilconfig` leaks in), `NO_COLOR=1` and `LC_ALL=C`: no `OSS_*`,
//! `ALIBABA_CLOUD_*`, `RUST_LOG` or proxy variables from the developer's shell.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A hermetic environment: a temporary `HOME` that lives as long as this value.
pub struct TestEnv {
    home: tempfile::TempDir,
}

impl TestEnv {
    /// A fresh environment.
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("temp HOME"),
        }
    }

    /// The temporary home directory (also a good place for scratch files).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Write `contents` to `name` inside the temporary home and return its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.home.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// `ossctl` with the hermetic environment, run from the repository root.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new(bin());
        self.apply(cmd.env_clear());
        cmd.current_dir(repo_root());
        cmd
    }

    /// The same environment on a plain `std::process::Command` (for pipes between processes).
    pub fn std_cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.current_dir(repo_root());
        cmd
    }

    fn apply<'a>(&self, cmd: &'a mut assert_cmd::Command) -> &'a mut assert_cmd::Command {
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd
    }

    fn vars(&self) -> Vec<(String, std::ffi::OsString)> {
        let mut vars = vec![
            ("HOME".to_owned(), self.home.path().as_os_str().to_owned()),
            ("NO_COLOR".to_owned(), "1".into()),
            ("LC_ALL".to_owned(), "C".into()),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            vars.push(("PATH".to_owned(), path));
        }
        vars
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

/// Path of the `ossctl` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ossctl")
}

/// The repository root (where `Cargo.toml`, `completions/`, `man/`, `examples/` live).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `program` can be found on `PATH`.
pub fn have(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// `ossctl serve` running as a child process on an ephemeral loopback port, with a fresh
/// data directory and the given buckets. Killed when dropped.
pub struct ServeProcess {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    _data: tempfile::TempDir,
}

/// The development key pair `ossctl serve` accepts by default.
pub const DEV_ACCESS_KEY_ID: &str = "LTAI5tOssctlDevKeyId";
/// See [`DEV_ACCESS_KEY_ID`].
pub const DEV_ACCESS_KEY_SECRET: &str = "ossctl-dev-secret-do-not-use-in-production";

impl ServeProcess {
    /// Start `ossctl serve --addr 127.0.0.1:0 --bucket B...` and wait for its endpoint line.
    pub fn start(env: &TestEnv, buckets: &[&str]) -> Self {
        Self::start_with_args(env, buckets, &[])
    }

    /// [`ServeProcess::start`] with more `serve` arguments (`--assume`, `--behaviour`...).
    pub fn start_with_args(env: &TestEnv, buckets: &[&str], args: &[&str]) -> Self {
        use std::io::BufRead;
        let data = tempfile::tempdir().expect("data dir");
        let mut cmd = env.std_cmd(bin());
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        for b in buckets {
            cmd.args(["--bucket", b]);
        }
        cmd.args(args);
        let mut child = cmd.spawn().expect("spawn ossctl serve");
        let stdout = child.stdout.take().expect("serve stdout");
        let mut lines = std::io::BufReader::new(stdout).lines();
        let first = lines
            .next()
            .expect("serve printed its endpoint")
            .expect("read serve stdout");
        let endpoint = first
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no endpoint in {first:?}"))
            .to_owned();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self {
            child,
            endpoint,
            _data: data,
        }
    }

    /// The server's process id (for `/proc/PID/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Environment variables pointing a client at this server with the development keys.
    pub fn client_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("OSS_ENDPOINT", self.endpoint.clone()),
            ("OSS_REGION", "cn-hangzhou".to_owned()),
            ("OSS_ACCESS_KEY_ID", DEV_ACCESS_KEY_ID.to_owned()),
            ("OSS_ACCESS_KEY_SECRET", DEV_ACCESS_KEY_SECRET.to_owned()),
        ]
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `ossctl serve` started in-process on an ephemeral 127.0.0.1 port, with the test
/// credentials and a temporary data directory; shut down (and the directory removed) on drop.
pub(crate) struct Srv {
    pub handle: Option<ossctl::server::ServerHandle>,
    pub rt: tokio::runtime::Runtime,
    pub dir: tempfile::TempDir,
}

impl Srv {
    /// Starts with `buckets` created, after `f` adjusts the configuration.
    pub fn start(buckets: &[&str], f: impl FnOnce(&mut ossctl::server::ServeConfig)) -> Srv {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut config = ossctl::server::ServeConfig::for_tests(dir.path().join("data"));
        config.buckets = buckets.iter().map(|b| (*b).to_owned()).collect();
        f(&mut config);
        let handle = rt
            .block_on(ossctl::server::start(config))
            .expect("serve starts");
        Srv {
            handle: Some(handle),
            rt,
            dir,
        }
    }

    pub fn handle(&self) -> &ossctl::server::ServerHandle {
        self.handle.as_ref().unwrap()
    }

    pub fn url(&self) -> String {
        self.handle().endpoint_url()
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.handle().addr()
    }

    pub fn port(&self) -> u16 {
        self.addr().port()
    }

    pub fn requests(&self) -> u64 {
        self.handle().request_count()
    }
}

impl Drop for Srv {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            self.rt.block_on(h.shutdown());
        }
    }
}
