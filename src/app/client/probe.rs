//! `ossctl cors probe oss://BUCKET[/KEY]`: send the requests `probe::plan` chooses, let
//! `probe::decide` read the answers, report, and write or remember what was observed.
//!
//! Read-only by default: GetBucketCors, unsigned preflights and GETs with an Origin, signed
//! GETs (of KEY or the bucket, and of a key that does not exist), a GET whose signature is
//! altered. `--scratch` writes `probe::scratch_configuration` first and restores the original
//! afterwards: backup (0600) before the write, restore also after Ctrl-C/SIGTERM (the signals
//! only set a flag while the configuration is changed), verified by reading it back; a failed
//! restore names the backup and the command that puts it back, exit 3.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::client::ConnectionArgs;
use crate::cli::probe::CorsProbeArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::request::{self, HttpRequest, Operation};
use crate::preflight::Behaviour;
use crate::probe::{self, Object, Observation, Plan, Probe, Signing};
use crate::render::Structured;
use crate::render::probe::{ProbeOutput, probe_text};
use crate::rules::CorsConfiguration;

use super::delete::confirm;
use super::get::{self, Live};
use super::{Session, Target, parse_oss_url, runtime, service_failure, write_backup};
use crate::app::{Context, Output};

/// The most of an error body kept (an OSS error document is a few hundred bytes).
const MAX_BODY: usize = 16 * 1024;

/// Alters the signature in `Authorization` (the character after `Signature=` for V4, after
/// the last `:` for V1), so the endpoint refuses the request for its signature.
fn spoil_signature(req: &mut HttpRequest) {
    let Some(auth) = req.header("authorization").map(str::to_string) else {
        return;
    };
    let at = match auth.find("Signature=") {
        Some(i) => i + "Signature=".len(),
        None => auth.rfind(':').map_or(auth.len(), |i| i + 1),
    };
    if at >= auth.len() {
        return;
    }
    let old = auth.as_bytes()[at];
    let new = if old == b'0' { '1' } else { '0' };
    let spoilt = format!("{}{new}{}", &auth[..at], &auth[at + 1..]);
    req.set_header("Authorization", spoilt);
}

/// Sends one probe request and records the answer.
async fn send(
    session: &Session,
    target: &Target,
    key: Option<&str>,
    missing_key: &str,
    probe: &Probe,
) -> Result<Observation, Failure> {
    let key = match probe.object {
        Object::Given => key,
        Object::Missing => Some(missing_key),
    };
    let url = target
        .endpoint
        .url(target.style, Some(&target.bucket), key, &[])?;
    let mut req = HttpRequest::new(probe.method, url.clone());
    for (name, value) in probe.headers() {
        req.headers.push((name.to_string(), value.to_string()));
    }
    let op = if probe.method == "OPTIONS" {
        Operation::OptionObject
    } else {
        Operation::GetObject
    };
    let signed = session.has_credentials();
    let response = match probe.signing {
        Signing::Signed if signed => session.send_signed_key(target, key, op, req).await?,
        Signing::Unsigned | Signing::Signed => session.send_unsigned(target, op, req).await?,
        Signing::WrongSignature => {
            if signed {
                session.sign(&mut req, target, key)?;
                spoil_signature(&mut req);
            } else {
                req.headers.push((
                    "Authorization".into(),
                    "OSS ossctl-probe-no-such-key:AAAAAAAAAAAAAAAAAAAAAAAAAAA=".into(),
                ));
            }
            session.send_unsigned(target, op, req).await?
        }
    };
    let body = &response.body[..response.body.len().min(MAX_BODY)];
    Ok(Observation {
        request: format!("{} {url}", probe.method),
        status: response.status,
        headers: response.headers.clone(),
        body: String::from_utf8_lossy(body).into_owned(),
    })
}

/// Sends every probe in order; stops early (exit 130) when `interrupted` is set.
async fn send_all(
    session: &Session,
    target: &Target,
    key: Option<&str>,
    missing_key: &str,
    probes: &[Probe],
    interrupted: Option<&AtomicBool>,
) -> Result<Vec<Observation>, Failure> {
    let mut out = Vec::with_capacity(probes.len());
    for p in probes {
        if interrupted.is_some_and(|i| i.load(Ordering::Relaxed)) {
            return Err(Failure::new(
                ExitStatus::Interrupted,
                miette::miette!(
                    "interrupted after {} of {} probe requests",
                    out.len(),
                    probes.len()
                ),
            ));
        }
        out.push(send(session, target, key, missing_key, p).await?);
    }
    Ok(out)
}

/// What one run found, before it is printed.
struct Found<'a> {
    target: &'a Target,
    endpoint: String,
    date: String,
    config: Option<CorsConfiguration>,
    plan: Plan,
    observed: Vec<Observation>,
    mode: &'static str,
    restore: Option<String>,
}

fn endpoint_of(target: &Target) -> String {
    format!(
        "{}://{}",
        target.endpoint.scheme(),
        target.endpoint.authority()
    )
}

/// Decides, prints the report, writes `-o FILE`, remembers with `--save`; exit 0 when every
/// decided field agrees with the defaults, 1 otherwise.
fn finish(ctx: &Context, args: &CorsProbeArgs, found: Found) -> CommandResult {
    let report = probe::decide(found.config.as_ref(), &found.plan.probes, &found.observed);
    let region = found.target.region.as_ref().map(|r| r.value.clone());
    let differs = report.any_differs();
    let mut behaviour = Behaviour::default();
    report.apply(
        &mut behaviour,
        &format!("on {} on {}", found.endpoint, found.date),
    );
    behaviour.origin = vec![("endpoint".to_string(), found.endpoint.clone())];
    if let Some(r) = &region {
        behaviour.origin.push(("region".into(), r.clone()));
    }
    behaviour.origin.push(("date".into(), found.date.clone()));
    behaviour.origin.push((
        "observed-by".into(),
        format!(
            "ossctl {} cors probe ({})",
            env!("CARGO_PKG_VERSION"),
            found.mode
        ),
    ));
    let output = ProbeOutput {
        target: args.target.clone(),
        endpoint: found.endpoint.clone(),
        region,
        date: found.date,
        mode: found.mode,
        requests: found.observed.len(),
        report,
        undecided_with_these_rules: found.plan.undecided,
        restore: found.restore,
    };
    let text = match ctx.structured() {
        None => probe_text(&output),
        Some(format) => crate::render::structured(&output, format)?,
    };
    if let Some(path) = &args.output_file {
        write_behaviour(path, &behaviour)?;
        ctx.note(format!("observed behaviour written to {}", path.display()));
    }
    if args.save {
        let path = crate::app::probe_store::save(&found.endpoint, &behaviour)?;
        ctx.note(format!(
            "observation for {} saved in {}",
            found.endpoint,
            path.display()
        ));
    }
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(if differs {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    })
}

/// Writes a behaviour file: JSON for a `.json` name, YAML otherwise.
fn write_behaviour(path: &Path, behaviour: &Behaviour) -> Result<(), Failure> {
    let format = if path.extension().is_some_and(|e| e == "json") {
        Structured::Json
    } else {
        Structured::Yaml
    };
    let text = crate::render::structured(behaviour, format)?;
    super::write_file_atomic(path, text.as_bytes())
}

/// `ossctl cors probe oss://BUCKET[/KEY] [--scratch] [-o FILE] [--save]`.
pub fn run(ctx: &Context, conn: &ConnectionArgs, args: &CorsProbeArgs) -> CommandResult {
    let (bucket, key) = parse_oss_url(&args.target)?;
    if args.backup.is_some() && !args.scratch {
        return Err(Failure::usage("--backup applies to --scratch only"));
    }
    let session = Session::open(ctx, conn)?;
    let target = session.target(&bucket)?;
    let rt = runtime()?;
    let now = jiff::Timestamp::now();
    let date = now.strftime("%Y-%m-%d").to_string();
    let missing_key = format!("ossctl-probe-missing-{}", now.as_millisecond());
    let original = rt.block_on(get::fetch(&session, &target))?;
    let endpoint = endpoint_of(&target);
    if args.scratch {
        let run = Scratch {
            session: &session,
            target: &target,
            key: key.as_deref(),
            missing_key: &missing_key,
            rt: &rt,
        };
        return scratch(ctx, args, &run, original, date);
    }
    let config = match &original {
        Some(live) => Some(live.config(&target)?.clone()),
        None => None,
    };
    let plan = probe::plan(config.as_ref());
    let observed = rt.block_on(send_all(
        &session,
        &target,
        key.as_deref(),
        &missing_key,
        &plan.probes,
        None,
    ))?;
    finish(
        ctx,
        args,
        Found {
            target: &target,
            endpoint,
            date,
            config,
            plan,
            observed,
            mode: "read-only",
            restore: None,
        },
    )
}

/// PutBucketCors with `body`; `Err((changed, failure))`, `changed` false when the endpoint
/// refused it (nothing was written), true when the outcome is unknown.
async fn put(session: &Session, target: &Target, body: Vec<u8>) -> Result<(), (bool, Failure)> {
    let req = request::put_bucket_cors(&target.endpoint, target.style, &target.bucket, body)
        .map_err(|e| (false, Failure::from(e)))?;
    match session.send(target, Operation::PutBucketCors, req).await {
        Ok(signed) if signed.response.is_success() => Ok(()),
        Ok(signed) => Err((
            false,
            service_failure(Operation::PutBucketCors, target, &signed),
        )),
        Err(f) => Err((true, f)),
    }
}

/// Puts back `original` (exactly its bytes) or deletes the configuration when there was
/// none, then reads it back. `Err` says why it is not back.
async fn restore_once(
    session: &Session,
    target: &Target,
    original: Option<&Live>,
) -> Result<String, String> {
    match original {
        Some(live) => put(session, target, live.raw.as_bytes().to_vec())
            .await
            .map_err(|(_, f)| format!("{}", f.report))?,
        None => {
            let req = request::delete_bucket_cors(&target.endpoint, target.style, &target.bucket)
                .map_err(|e| e.to_string())?;
            let signed = session
                .send(target, Operation::DeleteBucketCors, req)
                .await
                .map_err(|f| format!("{}", f.report))?;
            if !signed.response.is_success() {
                let f = service_failure(Operation::DeleteBucketCors, target, &signed);
                return Err(format!("{}", f.report));
            }
        }
    }
    let now = get::fetch(session, target)
        .await
        .map_err(|f| format!("reading it back failed: {}", f.report))?;
    match (original, now) {
        (Some(o), Some(n)) if o.raw == n.raw => {
            Ok("the original CORS configuration is back, byte for byte (read back)".into())
        }
        (Some(o), Some(n)) if o.parsed.is_ok() && o.parsed == n.parsed => Ok(
            "the original CORS rules are back (read back; the endpoint formats the document differently)"
                .into(),
        ),
        (None, None) => {
            Ok("the bucket has no CORS configuration again, as before (read back)".into())
        }
        (Some(_), _) | (None, Some(_)) => {
            Err("reading it back shows a configuration other than the original".into())
        }
    }
}

/// [`restore_once`], tried three times (each call already retries network failures).
async fn restore(
    session: &Session,
    target: &Target,
    original: Option<&Live>,
) -> Result<String, String> {
    let mut last = String::new();
    for attempt in 0..3 {
        if attempt > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        match restore_once(session, target, original).await {
            Ok(m) => return Ok(m),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// The backup's default name: `ossctl-probe-backup.BUCKET.xml` in the current directory.
fn default_backup(bucket: &str) -> PathBuf {
    PathBuf::from(format!("ossctl-probe-backup.{bucket}.xml"))
}

/// Where a scratch run sends its requests. One runtime for the whole command: the
/// transport's pooled connections belong to the runtime that opened them.
struct Scratch<'a> {
    session: &'a Session,
    target: &'a Target,
    key: Option<&'a str>,
    missing_key: &'a str,
    rt: &'a tokio::runtime::Runtime,
}

fn scratch(
    ctx: &Context,
    args: &CorsProbeArgs,
    run: &Scratch,
    original: Option<Live>,
    date: String,
) -> CommandResult {
    let Scratch {
        session,
        target,
        key,
        missing_key,
        rt,
    } = *run;
    let url = target.url();
    let confirmed = confirm(
        args.yes,
        format!(
            "refusing to replace the CORS rules of {url} with probe rules without confirmation: \
             stdin is not a terminal; pass --yes to run the scratch probe"
        ),
        format!(
            "Replace the CORS rules of {url} with ossctl's probe rules for a few seconds (browsers \
             are answered by them meanwhile), then put the original back?"
        ),
    )?;
    if !confirmed {
        ctx.note("nothing changed");
        return Ok(ExitStatus::Negative);
    }
    // The backup exists before anything is written.
    let backup = match &original {
        Some(live) => {
            let asked = args
                .backup
                .clone()
                .unwrap_or_else(|| default_backup(&target.bucket));
            let written = write_backup(&asked, live.raw.as_bytes())?;
            // Absolute, so the restore command works from any directory.
            let written = std::fs::canonicalize(&written).unwrap_or(written);
            eprintln!(
                "the original CORS configuration of {url} is saved in {}",
                written.display()
            );
            Some(written)
        }
        None => {
            eprintln!("{url} has no CORS configuration: it will be deleted again afterwards");
            None
        }
    };
    // From here until the restore, Ctrl-C and SIGTERM only set this flag.
    let interrupted = Arc::new(AtomicBool::new(false));
    let mut handlers = Vec::new();
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        if let Ok(id) = signal_hook::flag::register(signal, Arc::clone(&interrupted)) {
            handlers.push(id);
        }
    }
    let config = probe::scratch_configuration();
    let plan = probe::plan(Some(&config));
    let xml = crate::rules::to_xml(&config).into_bytes();
    let result = match rt.block_on(put(session, target, xml)) {
        // Refused: nothing was written, nothing to restore.
        Err((false, f)) => {
            for id in handlers {
                signal_hook::low_level::unregister(id);
            }
            return Err(f);
        }
        Err((true, f)) => Err(f),
        Ok(()) => rt.block_on(send_all(
            session,
            target,
            key,
            missing_key,
            &plan.probes,
            Some(&interrupted),
        )),
    };
    let restored = rt.block_on(restore(session, target, original.as_ref()));
    for id in handlers {
        signal_hook::low_level::unregister(id);
    }
    let restored = match restored {
        Ok(m) => m,
        Err(why) => return Err(restore_failed(&url, backup.as_deref(), &why)),
    };
    eprintln!("{restored}");
    let observed = match result {
        Ok(o) => o,
        Err(f) => {
            eprintln!("the probe stopped; the original configuration of {url} was restored");
            return Err(f);
        }
    };
    finish(
        ctx,
        args,
        Found {
            target,
            endpoint: endpoint_of(target),
            date,
            config: Some(config),
            plan,
            observed,
            mode: "scratch",
            restore: Some(restored),
        },
    )
}

/// The loud failure of a restore: what is on the bucket, where the original is, and the
/// exact command that puts it back (exit 3).
fn restore_failed(url: &str, backup: Option<&Path>, why: &str) -> Failure {
    let how = match backup {
        Some(path) => format!(
            "the original is saved in {}\n  put it back with: ossctl cors put {url} -f {}",
            path.display(),
            path.display()
        ),
        None => format!(
            "the bucket had no CORS configuration\n  delete the probe rules with: ossctl cors delete {url} --yes"
        ),
    };
    Failure::new(
        ExitStatus::Service,
        miette::miette!(
            "THE ORIGINAL CORS CONFIGURATION OF {url} WAS NOT RESTORED: {why}\n  the bucket may \
             still hold ossctl's probe rules\n  {how}\n  (use the same endpoint and credentials \
             options as this run)"
        ),
    )
}

/// The observation `cors probe --save` remembered for the endpoint `target` (an
/// `oss://bucket[/key]`) resolves to through `session`, and the note saying so; `None` when
/// there is none.
pub fn saved_observation(
    session: &Session,
    target: &str,
) -> Result<Option<(Behaviour, String)>, Failure> {
    let (bucket, _) = parse_oss_url(target)?;
    let endpoint = endpoint_of(&session.target(&bucket)?);
    Ok(crate::app::probe_store::load(&endpoint)?.map(|(b, path)| {
        let note = format!(
            "OSS behaviour: {} (saved by `ossctl cors probe --save` in {})",
            crate::render::probe::describe(&b, &endpoint),
            path.display()
        );
        (b, note)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spoilt(auth: &str) -> String {
        let mut req = HttpRequest::new("GET", "http://127.0.0.1:1/b/k");
        req.headers.push(("Authorization".into(), auth.into()));
        spoil_signature(&mut req);
        req.header("authorization").unwrap().to_string()
    }

    #[test]
    fn a_spoilt_signature_differs_in_the_signature_only() {
        let v4 = "OSS4-HMAC-SHA256 Credential=AK/20261207/cn-hangzhou/oss/aliyun_v4_request,Signature=0abc";
        assert_eq!(
            spoilt(v4),
            "OSS4-HMAC-SHA256 Credential=AK/20261207/cn-hangzhou/oss/aliyun_v4_request,Signature=1abc"
        );
        assert_eq!(spoilt("OSS AK:Zm9v="), "OSS AK:0m9v=");
        assert_eq!(spoilt("OSS AK:0m9v="), "OSS AK:1m9v=");
    }

    #[test]
    fn the_restore_failure_names_the_backup_and_the_command() {
        let f = restore_failed("oss://b-1", Some(Path::new("/tmp/bk.xml")), "timed out");
        let text = format!("{:?}", f.report);
        assert!(text.contains("WAS NOT RESTORED: timed out"), "{text}");
        assert!(
            text.contains("ossctl cors put oss://b-1 -f /tmp/bk.xml"),
            "{text}"
        );
        let f = restore_failed("oss://b-1", None, "refused");
        let text = format!("{:?}", f.report);
        assert!(
            text.contains("ossctl cors delete oss://b-1 --yes"),
            "{text}"
        );
        assert_eq!(f.status, ExitStatus::Service);
    }
}
