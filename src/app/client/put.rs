//! `ossctl cors put`: validate first (exit 2, nothing sent), then per bucket: optional backup
//! and merge (GetBucketCors), PutBucketCors, optional read-back verification.
//!
//! On a terminal (stderr a TTY, text output, no `--yes`, no `--dry-run`) every bucket's live
//! rules are fetched first and the diff to what would be written is shown (the diff itself is
//! `lint::diff`'s, rendered as `cors diff` does); a bucket without changes is skipped, and each
//! write is confirmed before the (concurrent) writes start. Without a terminal there is no
//! diff and no prompt, but the live rules are still read first (GetBucketCors) and a bucket
//! that already has exactly these rules is not written (`no change`); `--force` writes
//! anyway and skips that read. `--merge` never appends a rule the bucket already has, and
//! `--backup` never replaces an existing file (see `write_backup`).

use std::path::{Path, PathBuf};

use crate::cli::client::{ConnectionArgs, CorsPutArgs};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::request::{self, Operation};
use crate::rules::{self, CorsConfiguration, CorsRule, Format};

use super::get::{self, Live, format_of};
use super::runner::{check_jobs, with_notes};
use super::url::parse_bucket_urls;
use super::{
    Session, Target, backup_note, for_each_bucket, print_dry_run, runtime, service_failure,
    write_backup,
};
use crate::app::Context;
use crate::cli::OutputFormat;

/// A bucket whose diff was shown and whose write was confirmed: the live configuration read
/// for the diff (reused for `--backup`) and the exact configuration shown (written as is).
#[derive(Debug)]
struct Prepared {
    live: Option<Live>,
    config: CorsConfiguration,
}

/// Reads the rule document or builds the one rule from flags, and validates it.
fn load_rules(args: &CorsPutArgs) -> Result<CorsConfiguration, Failure> {
    let has_flags = !args.origins.is_empty()
        || !args.methods.is_empty()
        || !args.allowed_headers.is_empty()
        || !args.expose_headers.is_empty()
        || args.max_age.is_some();
    match (&args.file, has_flags) {
        (Some(_), true) => Err(Failure::usage(
            "give the rules either as a file (-f) or as flags (--origin, --method, ...), not both",
        )),
        (Some(file), false) => {
            let bytes = crate::app::read_rule_document(Path::new(file), file)?;
            let name = file.clone();
            let format = match args.format {
                Some(f) => format_of(f),
                None if file == "-" => sniff(&bytes),
                None => Format::from_path(file).ok_or_else(|| {
                    Failure::usage(format!(
                        "cannot tell the format of {file} from its extension: name it .xml, .yaml \
                         or .json, or give --format"
                    ))
                })?,
            };
            let config = rules::parse_bytes(&bytes, format, &name)
                .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            tracing::info!(
                "read {name}: {} rules ({format}, {} bytes)",
                config.rules.len(),
                bytes.len()
            );
            Ok(config)
        }
        (None, true) => {
            let rule = CorsRule {
                allowed_origins: args.origins.clone(),
                allowed_methods: args
                    .methods
                    .iter()
                    .map(|m| m.trim().to_ascii_uppercase())
                    .collect(),
                allowed_headers: args.allowed_headers.clone(),
                expose_headers: args.expose_headers.clone(),
                max_age_seconds: args.max_age,
            };
            let config = CorsConfiguration {
                rules: vec![rule],
                response_vary: args.response_vary,
            };
            rules::validate_named(&config, "flags")
                .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            Ok(config)
        }
        (None, false) => Err(Failure::usage(
            "no rules given: use -f rules.(xml|yaml|json|-) or --origin ORIGIN --method METHOD [...]",
        )),
    }
}

/// The format of a document on stdin: XML when it starts with `<`, JSON with `{`, else YAML.
fn sniff(bytes: &[u8]) -> Format {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        Format::Xml
    } else if t.starts_with('{') || t.starts_with('[') {
        Format::Json
    } else {
        Format::Yaml
    }
}

/// `--backup FILE` for one of several buckets: `FILE` with `.<bucket>` before the extension.
pub(super) fn backup_path(path: &Path, bucket: &str, several: bool) -> PathBuf {
    if !several {
        return path.to_path_buf();
    }
    crate::app::files::tagged_path(path, bucket)
}

/// Appends `new`'s rules to `current`'s; exit 2 when the result breaks OSS's limits. A new
/// rule the bucket already has (the same rule as OSS reads it: value order and header-name
/// case aside) is not appended twice; each one skipped is named in the returned notes.
fn merged(
    target: &Target,
    current: Option<&CorsConfiguration>,
    new: &CorsConfiguration,
) -> Result<(CorsConfiguration, Vec<String>), Failure> {
    let Some(current) = current else {
        return Ok((new.clone(), Vec::new()));
    };
    let mut config = current.clone();
    let mut skipped = Vec::new();
    let mut added = 0;
    for (i, rule) in new.rules.iter().enumerate() {
        match config
            .rules
            .iter()
            .position(|r| crate::lint::diff::same_rule(r, rule))
        {
            Some(at) => skipped.push(if new.rules.len() == 1 {
                format!("the rule is already rule {} of the bucket; skipped", at + 1)
            } else {
                format!(
                    "new rule {} is already rule {} of the bucket; skipped",
                    i + 1,
                    at + 1
                )
            }),
            None => {
                config.rules.push(rule.clone());
                added += 1;
            }
        }
    }
    config.response_vary = new.response_vary.or(current.response_vary);
    if config.rules.len() > rules::MAX_RULES {
        return Err(Failure::usage(format!(
            "merging into {} would give {} rules ({} present + {added} new); OSS allows at most \
             {}; nothing was written",
            target.url(),
            config.rules.len(),
            current.rules.len(),
            rules::MAX_RULES
        )));
    }
    rules::validate_named(&config, &format!("merged rules of {}", target.url()))
        .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
    Ok((config, skipped))
}

fn same(a: &CorsConfiguration, b: &CorsConfiguration) -> bool {
    a.rules == b.rules && a.response_vary() == b.response_vary()
}

fn rules_count(n: usize) -> String {
    format!("{n} rule{}", if n == 1 { "" } else { "s" })
}

/// Whether writing `config` over `current` would change nothing OSS reads.
fn unchanged(current: &CorsConfiguration, config: &CorsConfiguration) -> bool {
    crate::lint::diff::diff(current, config).is_empty()
}

async fn put_one(
    session: &Session,
    target: Target,
    new: &CorsConfiguration,
    args: &CorsPutArgs,
    several: bool,
    prepared: Option<&Prepared>,
) -> Result<String, Failure> {
    let mut notes = Vec::new();
    // The current rules: for --merge and --backup, and (unless --force) to skip a write that
    // changes nothing. A plain put whose read is refused (e.g. a RAM policy that allows
    // PutBucketCors only) still writes, and says that it could not compare.
    let current = match prepared {
        Some(p) => p.live.clone(),
        None if args.merge || args.backup.is_some() => get::fetch(session, &target).await?,
        None if !args.force => match get::fetch(session, &target).await {
            Ok(live) => live,
            Err(f) if f.status == ExitStatus::Service => {
                let first = format!("{}", f.report);
                notes.push(format!(
                    "not compared with the current rules: {}",
                    first.lines().next().unwrap_or("")
                ));
                None
            }
            Err(f) => return Err(f),
        },
        None => None,
    };
    let config = if let Some(p) = prepared {
        p.config.clone()
    } else if args.merge {
        let current = match &current {
            Some(live) => Some(live.config(&target)?),
            None => None,
        };
        let (config, skipped) = merged(&target, current, new)?;
        notes.extend(skipped);
        config
    } else {
        new.clone()
    };
    if prepared.is_none()
        && !args.force
        && let Some(Ok(live)) = current.as_ref().map(|l| &l.parsed)
        && unchanged(live, &config)
    {
        notes.push("nothing written".to_string());
        return Ok(format!(
            "no change: the bucket already has these {} ({})",
            rules_count(live.rules.len()),
            notes.join(", ")
        ));
    }
    if let Some(path) = &args.backup {
        let path = backup_path(path, &target.bucket, several);
        match &current {
            Some(live) => {
                let written = write_backup(&path, live.raw.as_bytes())?;
                notes.push(backup_note(&path, &written));
            }
            None => notes.push("no previous rules to back up".to_string()),
        }
    }
    let req =
        request::put_bucket_cors_config(&target.endpoint, target.style, &target.bucket, &config)?;
    let signed = session.send(&target, Operation::PutBucketCors, req).await?;
    if !signed.response.is_success() {
        return Err(service_failure(Operation::PutBucketCors, &target, &signed));
    }
    if args.verify {
        let live = get::fetch(session, &target).await?.ok_or_else(|| {
            Failure::new(
                ExitStatus::Service,
                miette::miette!(
                    "verification failed for {}: PutBucketCors succeeded but GetBucketCors finds no rules",
                    target.url()
                ),
            )
        })?;
        let read = live.config(&target)?;
        if !same(read, &config) {
            return Err(Failure::new(
                ExitStatus::Service,
                miette::miette!(
                    "verification failed for {}: the rules read back differ from those written\n\
                     written:\n{}\nread back:\n{}",
                    target.url(),
                    rules::to_yaml(&config),
                    rules::to_yaml(read)
                ),
            ));
        }
        notes.push("verified".to_string());
    }
    let message = format!(
        "{} written{}",
        rules_count(config.rules.len()),
        if args.merge { " (merged)" } else { "" }
    );
    if signed.response.attempts > 1 {
        notes.push(format!("{} attempts", signed.response.attempts));
    }
    Ok(with_notes(message, &notes))
}

/// `ossctl cors put oss://B [oss://B2 ...] (-f FILE | --origin ... --method ...)`.
pub fn run(ctx: &Context, conn: &ConnectionArgs, args: &CorsPutArgs) -> CommandResult {
    let buckets = parse_bucket_urls(&args.buckets)?;
    check_jobs(args.jobs)?;
    // Invalid rules: exit 2 before anything is sent.
    let new = load_rules(args)?;
    let session = Session::open(ctx, conn)?;
    let targets = session.targets(&buckets)?;
    let several = buckets.len() > 1;

    if args.dry_run {
        let rt = runtime()?;
        let mut requests = Vec::new();
        for target in &targets {
            let config = if args.merge {
                ctx.note(format!(
                    "reading the current rules of {} to merge (nothing is written)",
                    target.url()
                ));
                let live = rt.block_on(get::fetch(&session, target))?;
                let current = match &live {
                    Some(l) => Some(l.config(target)?.clone()),
                    None => None,
                };
                let (config, skipped) = merged(target, current.as_ref(), &new)?;
                for n in skipped {
                    ctx.note(format!("{}: {n}", target.url()));
                }
                config
            } else {
                new.clone()
            };
            let req = request::put_bucket_cors_config(
                &target.endpoint,
                target.style,
                &target.bucket,
                &config,
            )?;
            requests.push(session.dry_run(req, target)?);
        }
        print_dry_run(ctx, &requests)?;
        return Ok(ExitStatus::Success);
    }

    // On a terminal: show each bucket's diff and ask, all before the first write (the
    // prompts never interleave with the progress bar).
    let preview = ctx.stderr_is_tty && !args.yes && ctx.output == OutputFormat::Text;
    let mut prepared: Vec<(String, Prepared)> = Vec::new();
    let mut worst = ExitStatus::Success;
    let buckets = if preview {
        let rt = runtime()?;
        let mut confirmed = Vec::new();
        for target in &targets {
            match review(ctx, &rt, &session, target, &new, args) {
                Ok(Review::Write(p)) => {
                    confirmed.push(target.bucket.clone());
                    prepared.push((target.bucket.clone(), p));
                }
                Ok(Review::NoChange) => {}
                Ok(Review::Declined) => worst = worst.max(ExitStatus::Negative),
                Err(failure) if !several => return Err(failure),
                Err(failure) => {
                    eprintln!("{:?}", failure.report);
                    worst = worst.max(failure.status);
                }
            }
        }
        if confirmed.is_empty() {
            return Ok(worst);
        }
        confirmed
    } else {
        buckets
    };

    let session = &session;
    let new = &new;
    let targets = &targets;
    let prepared = &prepared;
    let status = for_each_bucket(ctx, &buckets, args.jobs, "put", move |bucket: &str| {
        let target = targets
            .iter()
            .find(|t| t.bucket == bucket)
            .cloned()
            .expect("a target per bucket");
        let p = prepared.iter().find(|(b, _)| b == bucket).map(|(_, p)| p);
        put_one(session, target, new, args, several, p)
    })?;
    Ok(status.max(worst))
}

/// What the user decided for one bucket on a terminal.
#[derive(Debug)]
enum Review {
    Write(Prepared),
    NoChange,
    Declined,
}

/// The name of the new rules in the diff header.
fn source_name(args: &CorsPutArgs) -> String {
    let name = match args.file.as_deref() {
        Some("-") => "stdin".to_string(),
        Some(file) => file.to_string(),
        None => "flags".to_string(),
    };
    if args.merge {
        format!("{name} (merged)")
    } else {
        name
    }
}

/// Fetches the live rules of `target`, shows the diff to what `cors put` would write, and
/// asks (unless there is no change).
fn review(
    ctx: &Context,
    rt: &tokio::runtime::Runtime,
    session: &Session,
    target: &Target,
    new: &CorsConfiguration,
    args: &CorsPutArgs,
) -> Result<Review, Failure> {
    let live = rt.block_on(get::fetch(session, target))?;
    let current = match &live {
        Some(l) => Some(l.config(target)?.clone()),
        None => None,
    };
    let url = target.url();
    let config = if args.merge {
        let (config, skipped) = merged(target, current.as_ref(), new)?;
        for n in skipped {
            ctx.note(format!("{url}: {n}"));
        }
        config
    } else {
        new.clone()
    };
    let live_name = match &current {
        Some(_) => format!("{url} (live)"),
        None => format!("{url} (no CORS rules)"),
    };
    let d = crate::lint::diff::diff(&current.unwrap_or_default(), &config);
    let text = crate::lint::diff::render_text(&d, &live_name, &source_name(args));
    eprint!("{}", crate::app::tools::colour_diff(&text));
    if d.is_empty() && !args.force {
        ctx.note(format!("{url}: no change; nothing written"));
        return Ok(Review::NoChange);
    }
    let yes = dialoguer::Confirm::new()
        .with_prompt(format!("Write these rules to {url}?"))
        .default(true)
        .interact()
        .map_err(|e| {
            Failure::usage(format!(
                "cannot read the answer: {e}; pass --yes to write without asking"
            ))
        })?;
    if !yes {
        ctx.note(format!("{url}: not written"));
        return Ok(Review::Declined);
    }
    Ok(Review::Write(Prepared { live, config }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_paths() {
        assert_eq!(
            backup_path(Path::new("b.xml"), "x", false),
            PathBuf::from("b.xml")
        );
        assert_eq!(
            backup_path(Path::new("dir/b.xml"), "x", true),
            PathBuf::from("dir/b.x.xml")
        );
        assert_eq!(backup_path(Path::new("b"), "x", true), PathBuf::from("b.x"));
    }

    #[test]
    fn stdin_sniffing() {
        assert_eq!(
            sniff(b"  <?xml version='1.0'?><CORSConfiguration/>"),
            Format::Xml
        );
        assert_eq!(sniff(b"{\"rules\": []}"), Format::Json);
        assert_eq!(sniff(b"rules:\n- allowed_origins: ['*']"), Format::Yaml);
    }
}
