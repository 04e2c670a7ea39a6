//! The multi-bucket runner: one piece of work per bucket, at most `--jobs` at a time, a
//! progress bar on a terminal, one result line per bucket and the worst exit status.

use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::render::{self, client::BucketResult, client::BucketResults};

use crate::app::{Context, Output};
use crate::cli::OutputFormat;

/// A current-thread tokio runtime for one command.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))
}

/// `--jobs 0` would never start: exit 2 before anything is sent.
pub(crate) fn check_jobs(jobs: usize) -> Result<(), Failure> {
    if jobs == 0 {
        return Err(Failure::usage("--jobs must be at least 1"));
    }
    Ok(())
}

/// A bucket's result line: `message (note, note)`.
pub(crate) fn with_notes(mut message: String, notes: &[String]) -> String {
    if !notes.is_empty() {
        message.push_str(&format!(" ({})", notes.join(", ")));
    }
    message
}

/// Prints the per-bucket results: a line each, or for `--output-format json|yaml` a
/// [`BucketResults`] document.
fn print_results(ctx: &Context, results: &[BucketResult]) -> Result<(), Failure> {
    let text = match ctx.structured() {
        None => render::client::bucket_results_text(results),
        Some(format) => render::structured(&BucketResults { results }, format)?,
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()
}

/// Runs `work` for every bucket, at most `jobs` at a time, with a progress bar on a TTY,
/// prints a result line per bucket (errors in full on stderr), and returns the worst status.
pub(crate) fn for_each_bucket<'a, F, Fut>(
    ctx: &Context,
    buckets: &'a [String],
    jobs: usize,
    verb: &str,
    work: F,
) -> CommandResult
where
    F: Fn(&'a str) -> Fut,
    Fut: std::future::Future<Output = Result<String, Failure>> + 'a,
{
    use futures_util::StreamExt as _;
    let rt = runtime()?;
    let bar = (ctx.stderr_is_tty && !ctx.quiet && buckets.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(buckets.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {verb} [{bar:30}] {pos}/{len} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key("verb", {
                let verb = verb.to_string();
                move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&verb);
                }
            })
            .progress_chars("=> "),
        );
        bar
    });
    let outcomes: Vec<(usize, Result<String, Failure>)> = rt.block_on(async {
        futures_util::stream::iter(buckets.iter().enumerate())
            .map(|(i, b)| {
                let fut = work(b.as_str());
                let bar = bar.clone();
                async move {
                    let r = fut.await;
                    if let Some(bar) = &bar {
                        bar.inc(1);
                        bar.set_message(format!("oss://{b}"));
                    }
                    (i, r)
                }
            })
            .buffer_unordered(jobs.max(1))
            .collect()
            .await
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut outcomes = outcomes;
    outcomes.sort_by_key(|(i, _)| *i);
    let mut worst = ExitStatus::Success;
    let mut results = Vec::new();
    let single = buckets.len() == 1;
    let mut single_failure = None;
    for (i, outcome) in outcomes {
        let bucket = format!("oss://{}", buckets[i]);
        match outcome {
            Ok(message) => results.push(BucketResult {
                bucket,
                ok: true,
                exit_code: 0,
                message,
            }),
            Err(failure) => {
                let status = failure.status;
                worst = worst.max(status);
                let message = format!("{}", failure.report);
                if single {
                    single_failure = Some(failure);
                } else {
                    // The full report once, on stderr, exactly as a one-bucket error looks;
                    // the result line on stdout only says that this bucket failed.
                    eprintln!("{:?}", failure.report);
                }
                results.push(BucketResult {
                    bucket,
                    ok: false,
                    exit_code: status.code(),
                    message,
                });
            }
        }
    }
    if let Some(failure) = single_failure {
        // One bucket: the full report through main, no separate result line.
        if ctx.output != OutputFormat::Text {
            print_results(ctx, &results)?;
        }
        return Err(failure);
    }
    print_results(ctx, &results)?;
    Ok(worst)
}
