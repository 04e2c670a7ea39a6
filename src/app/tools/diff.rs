//! `ossctl cors diff`: two rule sets (files, stdin, buckets, Terraform resources) compared
//! by the pure `lint::diff`; text (coloured by line marker) or JSON/YAML.

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::cli::client::ConnectionArgs;
use crate::cli::tools::DiffArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::lint::{self};
use crate::render;
use crate::rules::CorsConfiguration;

use super::source::{Source, fetch_live, load_source, read_input};
use crate::app::{Context, Output};

/// What `cors diff --output json` prints.
#[derive(Debug, Serialize)]
pub struct DiffReport<'a> {
    /// The old side's name.
    pub a: String,
    /// The new side's name.
    pub b: String,
    /// Whether the two are equivalent.
    pub equal: bool,
    /// The diff.
    #[serde(flatten)]
    pub diff: &'a lint::diff::Diff,
}

/// One side of a diff: a document or bucket, or the resources of a Terraform document.
enum DiffSide {
    One(String, CorsConfiguration),
    /// (name, rules, bucket) per resource.
    Terraform(Vec<(String, CorsConfiguration, Result<String, String>)>),
    /// `oss://` without a bucket name: each Terraform resource's own bucket.
    OwnBucket,
}

fn diff_side(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    args: &DiffArgs,
) -> Result<DiffSide, Failure> {
    let mut name = source.name();
    if let Source::Bucket(b) = source
        && b.is_empty()
    {
        return Ok(DiffSide::OwnBucket);
    }
    if let Source::File(p) = source {
        let bytes = read_input(source)?;
        if crate::app::pipelines::is_terraform(
            Some(p),
            &bytes,
            args.format,
            args.resource.as_deref(),
        ) {
            let resources =
                crate::app::pipelines::load_terraform(&bytes, &name, args.resource.as_deref())?;
            return Ok(DiffSide::Terraform(
                resources
                    .into_iter()
                    .map(|r| (format!("{name}: {}", r.address), r.config, r.bucket))
                    .collect(),
            ));
        }
    }
    // A bucket without CORS rules compares as an empty configuration (so a diff before the
    // first put shows every rule as added).
    let config = load_source(ctx, conn, source, args.format)?.unwrap_or_else(|| {
        name.push_str(" (no CORS rules)");
        CorsConfiguration::default()
    });
    Ok(DiffSide::One(name, config))
}

/// Run `ossctl cors diff`. A Terraform plan or state on one side is compared resource by
/// resource with the other side, or (with `oss://` as the other side) with each
/// resource's own bucket.
pub fn diff(ctx: &Context, conn: &ConnectionArgs, args: &DiffArgs) -> CommandResult {
    let (sa, sb) = (Source::parse(&args.a), Source::parse(&args.b));
    if sa == Source::Stdin && sb == Source::Stdin {
        return Err(Failure::usage("only one side of a diff can be stdin (-)"));
    }
    let a = diff_side(ctx, conn, &sa, args)?;
    let b = diff_side(ctx, conn, &sb, args)?;
    let live = |bucket: &Result<String, String>| -> Result<(String, CorsConfiguration), Failure> {
        let bucket = bucket.clone().map_err(Failure::usage)?;
        let mut name = format!("oss://{bucket}");
        let config = fetch_live(ctx, conn, &bucket)?.unwrap_or_else(|| {
            name.push_str(" (no CORS rules)");
            CorsConfiguration::default()
        });
        Ok((name, config))
    };
    // (old name, old rules, new name, new rules) for each comparison.
    let mut pairs: Vec<(String, CorsConfiguration, String, CorsConfiguration)> = Vec::new();
    match (a, b) {
        (DiffSide::One(na, ca), DiffSide::One(nb, cb)) => pairs.push((na, ca, nb, cb)),
        (DiffSide::Terraform(rs), DiffSide::One(n, c)) => {
            for (rn, rc, _) in rs {
                pairs.push((rn, rc, n.clone(), c.clone()));
            }
        }
        (DiffSide::One(n, c), DiffSide::Terraform(rs)) => {
            for (rn, rc, _) in rs {
                pairs.push((n.clone(), c.clone(), rn, rc));
            }
        }
        (DiffSide::OwnBucket, DiffSide::Terraform(rs)) => {
            for (rn, rc, bucket) in rs {
                let (ln, lc) = live(&bucket)?;
                pairs.push((ln, lc, rn, rc));
            }
        }
        (DiffSide::Terraform(rs), DiffSide::OwnBucket) => {
            for (rn, rc, bucket) in rs {
                let (ln, lc) = live(&bucket)?;
                pairs.push((rn, rc, ln, lc));
            }
        }
        (DiffSide::Terraform(mut x), DiffSide::Terraform(mut y))
            if x.len() == 1 && y.len() == 1 =>
        {
            let (xn, xc, _) = x.remove(0);
            let (yn, yc, _) = y.remove(0);
            pairs.push((xn, xc, yn, yc));
        }
        (DiffSide::Terraform(_), DiffSide::Terraform(_)) => {
            return Err(Failure::usage(
                "both sides hold several Terraform resources: pick one with --resource",
            ));
        }
        (DiffSide::OwnBucket, _) | (_, DiffSide::OwnBucket) => {
            return Err(Failure::usage(
                "oss:// without a bucket name means each resource's own bucket; the other side \
                 must be a Terraform plan or state (or write oss://BUCKET)",
            ));
        }
    }
    let mut out = Output::stdout();
    let mut reports = Vec::new();
    let mut any_difference = false;
    let diffs: Vec<lint::diff::Diff> = pairs
        .iter()
        .map(|(_, a, _, b)| lint::diff::diff(a, b))
        .collect();
    for ((na, _, nb, _), d) in pairs.iter().zip(&diffs) {
        any_difference |= !d.is_empty();
        match ctx.output {
            OutputFormat::Text => {
                let text = lint::diff::render_text(d, na, nb);
                out.write_str(&colour_diff(&text))?;
            }
            _ => reports.push(DiffReport {
                a: na.clone(),
                b: nb.clone(),
                equal: d.is_empty(),
                diff: d,
            }),
        }
    }
    if let Some(format) = ctx.structured() {
        // One comparison: the report itself (the stable schema); several: a list.
        if reports.len() == 1 {
            out.write_str(&render::structured(&reports[0], format)?)?;
        } else {
            out.write_str(&render::structured(&reports, format)?)?;
        }
    }
    out.flush()?;
    Ok(if any_difference {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    })
}

/// Colours a rendered diff by line marker (a no-op when colour is off).
pub fn colour_diff(text: &str) -> String {
    text.lines()
        .map(|l| {
            let styled = if l.starts_with("---") || l.starts_with("+++") {
                console::style(l).bold()
            } else if l.starts_with('-') {
                console::style(l).red()
            } else if l.starts_with('+') {
                console::style(l).green()
            } else if l.starts_with('~') || l.starts_with('>') {
                console::style(l).yellow()
            } else {
                console::style(l)
            };
            format!("{styled}\n")
        })
        .collect()
}
