//! Crash safety of the real `ossctl serve` binary: several SIGKILLs at random moments during
//! concurrent PutBucketCors and PutObject calls (new keys and overwrites of one hot key),
//! restart on the same data directory after each kill, and check that every acknowledged
//! write is present and intact, nothing is torn, no temporary file survives, and the server
//! starts cleanly. Complements `server::sigkill_during_concurrent_put_bucket_cors_loses_no_
//! acknowledged_write` (one kill, CORS only).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};
use ossctl::server::{TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

const KILLS: usize = 6;
const CORS_WRITERS: usize = 4;
const OBJECT_WRITERS: usize = 8;

fn creds() -> Credentials {
    Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
}

fn spawn_serve(data_dir: &Path, buckets: &[String]) -> (std::process::Child, Endpoint) {
    use std::io::BufRead as _;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ossctl"));
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--quiet", "--data-dir"])
        .arg(data_dir)
        .args(["--access-key-id", TEST_ACCESS_KEY_ID])
        .args(["--access-key-secret", TEST_ACCESS_KEY_SECRET])
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    for b in buckets {
        cmd.args(["--bucket", b]);
    }
    let mut child = cmd.spawn().expect("spawn ossctl serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let mut endpoint = None;
    for line in lines.by_ref() {
        let line = line.expect("stdout line");
        if let Some(rest) = line.split("endpoint ").nth(1) {
            endpoint = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let endpoint = endpoint.expect("serve started cleanly and printed its endpoint");
    (child, Endpoint::parse(&endpoint).unwrap())
}

async fn send(
    client: &reqwest::Client,
    mut req: HttpRequest,
    bucket: &str,
    key: Option<&str>,
) -> reqwest::Result<(u16, Vec<u8>)> {
    sign::sign(
        &mut req,
        Some(bucket),
        key,
        &sign::Signer::new(
            &creds(),
            SignatureVersion::V4,
            "cn-hangzhou",
            jiff::Timestamp::now(),
        ),
    );
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut rb = client.request(method, &req.url).body(req.body.clone());
    for (n, v) in &req.headers {
        rb = rb.header(n, v);
    }
    let r = rb.send().await?;
    let status = r.status().as_u16();
    Ok((status, r.bytes().await?.to_vec()))
}

fn object_body(w: usize, seq: usize) -> Vec<u8> {
    let len = 1 + (seq * 7919 + w * 104_729) % 96_000;
    let stamp = format!("[w{w} seq{seq}]");
    stamp.bytes().cycle().take(len.max(stamp.len())).collect()
}

fn cors_xml(w: usize, seq: usize) -> String {
    format!(
        "<CORSConfiguration><CORSRule><AllowedOrigin>https://w{w}.example.com</AllowedOrigin>\
         <AllowedMethod>GET</AllowedMethod><AllowedHeader>x-seq-{seq}</AllowedHeader>\
         <MaxAgeSeconds>{seq}</MaxAgeSeconds></CORSRule></CORSConfiguration>"
    )
}

/// What the writers know: acknowledged object bodies (and bodies sent without an answer),
/// and per hot key / CORS bucket which versions may legitimately be stored.
#[derive(Default)]
struct Ledger {
    objects: BTreeMap<String, Vec<u8>>,
    maybe_objects: BTreeMap<String, Vec<u8>>,
    /// Per CORS writer / hot key: the last acknowledged sequence number followed by every
    /// sequence number sent since (unacknowledged: any of them may have landed).
    cors_allowed: BTreeMap<usize, Vec<usize>>,
    hot_allowed: BTreeMap<usize, Vec<usize>>,
    cors_acks: std::collections::BTreeSet<usize>,
    hot_acks: std::collections::BTreeSet<usize>,
    acked_writes: usize,
}

impl Ledger {
    fn cors_acked(&self, w: usize) -> Option<usize> {
        self.cors_acks
            .contains(&w)
            .then(|| self.cors_allowed[&w][0])
    }
    fn hot_acked(&self, w: usize) -> Option<usize> {
        self.hot_acks.contains(&w).then(|| self.hot_allowed[&w][0])
    }
}

async fn verify(client: &reqwest::Client, ep: &Endpoint, ledger: &Ledger) -> usize {
    let p = AddressingStyle::Path;
    let mut checked = 0;
    for (key, body) in &ledger.objects {
        let req = request::get_object(ep, p, "objects", key, None).unwrap();
        let (status, got) = send(client, req, "objects", Some(key)).await.unwrap();
        assert_eq!(status, 200, "acknowledged object {key} is missing");
        assert!(
            got == *body,
            "acknowledged object {key} is damaged ({} bytes, want {})",
            got.len(),
            body.len()
        );
        checked += 1;
    }
    for (key, body) in &ledger.maybe_objects {
        let req = request::get_object(ep, p, "objects", key, None).unwrap();
        let (status, got) = send(client, req, "objects", Some(key)).await.unwrap();
        assert!(
            status == 404 || (status == 200 && got == *body),
            "in-flight object {key}: {status}, torn?"
        );
    }
    for w in 0..OBJECT_WRITERS {
        let Some(allowed) = ledger.hot_allowed.get(&w) else {
            continue;
        };
        let key = format!("hot-{w}");
        let req = request::get_object(ep, p, "objects", &key, None).unwrap();
        let (status, got) = send(client, req, "objects", Some(&key)).await.unwrap();
        let acked = ledger.hot_acked(w);
        if acked.is_none() && status == 404 {
            continue;
        }
        assert_eq!(status, 200, "{key}");
        assert!(
            allowed.iter().any(|&s| got == object_body(w, s)),
            "{key}: not one of the versions {allowed:?} (the first is the acknowledged one: {acked:?})"
        );
        checked += 1;
    }
    for w in 0..CORS_WRITERS {
        let Some(allowed) = ledger.cors_allowed.get(&w) else {
            continue;
        };
        let acked = ledger.cors_acked(w);
        let bucket = format!("cors-{w}");
        let req = request::get_bucket_cors(ep, p, &bucket).unwrap();
        let (status, got) = send(client, req, &bucket, None).await.unwrap();
        if acked.is_none() && status == 404 {
            continue;
        }
        assert_eq!(status, 200, "{bucket}");
        let text = String::from_utf8(got).expect("UTF-8 configuration");
        let cfg = ossctl::rules::parse(&text, ossctl::rules::Format::Xml, "stored")
            .unwrap_or_else(|e| panic!("{bucket}: stored configuration damaged: {e}"));
        let seq = cfg.rules[0].max_age_seconds.unwrap() as usize;
        assert!(
            allowed.contains(&seq),
            "{bucket}: stored {seq}, allowed {allowed:?} (acked {acked:?})"
        );
        let want =
            ossctl::rules::parse(&cors_xml(w, seq), ossctl::rules::Format::Xml, "w").unwrap();
        assert_eq!(cfg, want, "{bucket} intact");
        checked += 1;
    }
    checked
}

fn temporaries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else if e.file_name().to_string_lossy().starts_with(".tmp") {
                out.push(e.path());
            }
        }
    }
    out
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn repeated_sigkill_during_concurrent_cors_and_object_writes_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut buckets: Vec<String> = (0..CORS_WRITERS).map(|w| format!("cors-{w}")).collect();
    buckets.push("objects".into());
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let mut verified = 0;
    let mut rng = fastrand::Rng::with_seed(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    );
    let seed_note = format!("{:?}", rng.get_seed());
    for cycle in 0..=KILLS {
        let (mut child, ep) = spawn_serve(dir.path(), &buckets);
        {
            let snapshot = std::mem::take(&mut *ledger.lock().unwrap());
            verified += verify(&client, &ep, &snapshot).await;
            *ledger.lock().unwrap() = snapshot;
        }
        if cycle == KILLS {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        let mut tasks = Vec::new();
        for w in 0..CORS_WRITERS + OBJECT_WRITERS {
            let (client, ep, ledger) = (client.clone(), ep.clone(), ledger.clone());
            tasks.push(tokio::spawn(async move {
                let p = AddressingStyle::Path;
                for n in 0usize.. {
                    let seq = cycle * 1_000_000 + n + 1;
                    if w < CORS_WRITERS {
                        let bucket = format!("cors-{w}");
                        ledger
                            .lock()
                            .unwrap()
                            .cors_allowed
                            .entry(w)
                            .or_default()
                            .push(seq);
                        let req =
                            request::put_bucket_cors(&ep, p, &bucket, cors_xml(w, seq)).unwrap();
                        match send(&client, req, &bucket, None).await {
                            Ok((200, _)) => {
                                let mut l = ledger.lock().unwrap();
                                l.cors_allowed.insert(w, vec![seq]);
                                l.cors_acks.insert(w);
                                l.acked_writes += 1;
                            }
                            Ok((s, b)) => {
                                panic!("PutBucketCors {s}: {}", String::from_utf8_lossy(&b))
                            }
                            Err(_) => return,
                        }
                    } else {
                        let w = w - CORS_WRITERS;
                        // Alternate: a new key, then an overwrite of the hot key.
                        let (key, body, hot) = if n % 2 == 0 {
                            (format!("w{w}/c{cycle}/k{n}"), object_body(w, seq), false)
                        } else {
                            (format!("hot-{w}"), object_body(w, seq), true)
                        };
                        {
                            let mut l = ledger.lock().unwrap();
                            if hot {
                                l.hot_allowed.entry(w).or_default().push(seq);
                            } else {
                                l.maybe_objects.insert(key.clone(), body.clone());
                            }
                        }
                        let req = request::put_object(&ep, p, "objects", &key, body.clone(), None)
                            .unwrap();
                        match send(&client, req, "objects", Some(&key)).await {
                            Ok((200, _)) => {
                                let mut l = ledger.lock().unwrap();
                                if hot {
                                    l.hot_allowed.insert(w, vec![seq]);
                                    l.hot_acks.insert(w);
                                } else {
                                    l.maybe_objects.remove(&key);
                                    l.objects.insert(key, body);
                                }
                                l.acked_writes += 1;
                            }
                            Ok((s, b)) => panic!("PutObject {s}: {}", String::from_utf8_lossy(&b)),
                            Err(_) => return,
                        }
                    }
                }
            }));
        }
        // Kill at a random moment.
        let ms = rng.u64(250..1500);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        for t in tasks {
            t.await.expect("writer task");
        }
    }
    let l = ledger.lock().unwrap();
    let leftovers = temporaries(dir.path());
    assert!(
        leftovers.is_empty(),
        "temporaries survived the restarts: {leftovers:?}"
    );
    assert!(
        l.acked_writes >= 60,
        "only {} writes acknowledged",
        l.acked_writes
    );
    println!(
        "crash test (seed {seed_note}): {} writes acknowledged ({} distinct objects, {} hot keys, \
         {} CORS buckets), {KILLS} SIGKILLs, {verified} checks after restarts, 0 lost, 0 torn",
        l.acked_writes,
        l.objects.len(),
        l.hot_acks.len(),
        l.cors_acks.len()
    );
}
