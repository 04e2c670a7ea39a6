//! `ossctl cors delete`: confirmation (a TTY prompt unless `--yes`; without a TTY and without
//! `--yes` it refuses), optional backup, DeleteBucketCors.

use crate::cli::client::{ConnectionArgs, CorsDeleteArgs};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::request::{self, Operation};

use super::put::backup_path;
use super::runner::{check_jobs, with_notes};
use super::url::parse_bucket_urls;
use super::{
    Session, Target, backup_note, for_each_bucket, get, interactive, print_dry_run,
    service_failure, write_backup,
};
use crate::app::Context;

async fn delete_one(
    session: &Session,
    target: Target,
    args: &CorsDeleteArgs,
    several: bool,
) -> Result<String, Failure> {
    let mut notes = Vec::new();
    if let Some(path) = &args.backup {
        let path = backup_path(path, &target.bucket, several);
        match get::fetch(session, &target).await? {
            Some(live) => {
                let written = write_backup(&path, live.raw.as_bytes())?;
                notes.push(backup_note(&path, &written));
            }
            None => notes.push("had no rules".to_string()),
        }
    }
    let req = request::delete_bucket_cors(&target.endpoint, target.style, &target.bucket)?;
    let signed = session
        .send(&target, Operation::DeleteBucketCors, req)
        .await?;
    if !signed.response.is_success() {
        return Err(service_failure(
            Operation::DeleteBucketCors,
            &target,
            &signed,
        ));
    }
    let message = "CORS rules deleted".to_string();
    Ok(with_notes(message, &notes))
}

/// `ossctl cors delete oss://B... [--yes] [--backup FILE] [--dry-run]`.
pub fn run(ctx: &Context, conn: &ConnectionArgs, args: &CorsDeleteArgs) -> CommandResult {
    let buckets = parse_bucket_urls(&args.buckets)?;
    check_jobs(args.jobs)?;
    let session = Session::open(ctx, conn)?;
    let targets = session.targets(&buckets)?;
    let several = buckets.len() > 1;
    let names: Vec<String> = targets.iter().map(Target::url).collect();

    if args.dry_run {
        let mut requests = Vec::new();
        for target in &targets {
            let req = request::delete_bucket_cors(&target.endpoint, target.style, &target.bucket)?;
            requests.push(session.dry_run(req, target)?);
        }
        print_dry_run(ctx, &requests)?;
        return Ok(ExitStatus::Success);
    }

    let confirmed = confirm(
        args.yes,
        format!(
            "refusing to delete the CORS rules of {} without confirmation: stdin is not a \
             terminal; pass --yes to delete",
            names.join(", ")
        ),
        format!(
            "Delete every CORS rule of {}? Browsers will then be refused cross-origin access",
            names.join(", ")
        ),
    )?;
    if !confirmed {
        ctx.note("nothing deleted");
        return Ok(ExitStatus::Negative);
    }

    let session = &session;
    let targets = &targets;
    for_each_bucket(ctx, &buckets, args.jobs, "delete", move |bucket: &str| {
        let target = targets
            .iter()
            .find(|t| t.bucket == bucket)
            .cloned()
            .expect("a target per bucket");
        delete_one(session, target, args, several)
    })
}

/// The confirmation of a command that changes a bucket (`cors delete`, `cors probe
/// --scratch`): `yes` skips it; on a terminal it asks `prompt` (default no); without a
/// terminal it refuses with `refusal` (exit 2). `Ok(false)`: the person said no.
pub(super) fn confirm(yes: bool, refusal: String, prompt: String) -> Result<bool, Failure> {
    if yes {
        return Ok(true);
    }
    if !interactive() {
        return Err(Failure::usage(refusal));
    }
    dialoguer::Confirm::new()
        .with_prompt(prompt)
        .default(false)
        .interact()
        .map_err(|e| Failure::usage(format!("cannot read the answer: {e}")))
}
