//! `ossctl cors get`, and the GetBucketCors call shared with `put --merge/--backup/--verify`,
//! `delete --backup` and `cors test oss://bucket`.

use crate::cli::client::{CorsGetArgs, DocFormatArg};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::request::{self, Operation};
use crate::rules::{self, CorsConfiguration, Format};

use super::{
    Session, Target, error_body, parse_oss_url, runtime, service_failure, write_file_atomic,
};
use crate::app::{Context, Output};
use crate::cli::OutputFormat;

/// A bucket's live configuration.
#[derive(Debug, Clone)]
pub(super) struct Live {
    /// The XML exactly as the endpoint sent it.
    pub raw: String,
    /// The parsed configuration, or why it could not be read.
    pub parsed: Result<CorsConfiguration, rules::DocumentError>,
}

impl Live {
    /// The parsed configuration, or exit 3 explaining that the endpoint's document is not
    /// one ossctl can read.
    pub fn config(&self, target: &Target) -> Result<&CorsConfiguration, Failure> {
        self.parsed.as_ref().map_err(|e| {
            Failure::new(
                ExitStatus::Service,
                miette::miette!(
                    "the CORS configuration of {} cannot be read: {e}",
                    target.url()
                ),
            )
        })
    }
}

/// GetBucketCors. `Ok(None)` when the bucket has no CORS configuration.
pub(super) async fn fetch(session: &Session, target: &Target) -> Result<Option<Live>, Failure> {
    let req = request::get_bucket_cors(&target.endpoint, target.style, &target.bucket)?;
    let signed = session.send(target, Operation::GetBucketCors, req).await?;
    let response = &signed.response;
    if response.is_success() {
        let raw = String::from_utf8_lossy(&response.body).into_owned();
        let parsed = rules::parse(&raw, Format::Xml, "GetBucketCors response");
        return Ok(Some(Live { raw, parsed }));
    }
    if response.status == 404
        && error_body(response).is_some_and(|b| b.code == "NoSuchCORSConfiguration")
    {
        return Ok(None);
    }
    Err(service_failure(Operation::GetBucketCors, target, &signed))
}

pub(super) fn no_rules(target: &Target) -> Failure {
    Failure::new(
        ExitStatus::Service,
        miette::miette!("bucket {} has no CORS rules", target.bucket),
    )
}

pub(super) fn format_of(arg: DocFormatArg) -> Format {
    match arg {
        DocFormatArg::Xml => Format::Xml,
        DocFormatArg::Yaml => Format::Yaml,
        DocFormatArg::Json => Format::Json,
    }
}

/// The document format `cors get` prints: `--format`, else `--output-format json|yaml` (the
/// rules are the result, so a JSON result is the rules as JSON), else the extension of `-o
/// FILE`, else XML. `--format` and a different `--output-format json|yaml` disagree: exit 2.
fn output_format(ctx: &Context, args: &CorsGetArgs) -> Result<Format, Failure> {
    let from_output = match ctx.output {
        OutputFormat::Text => None,
        OutputFormat::Json => Some(Format::Json),
        OutputFormat::Yaml => Some(Format::Yaml),
    };
    match (args.format.map(format_of), from_output) {
        (Some(f), Some(o)) if f != o => Err(Failure::usage(format!(
            "--format {} and --output-format {} disagree: give one of them (cors get prints \
             the rules, so both name the document format)",
            f.to_string().to_ascii_lowercase(),
            o.to_string().to_ascii_lowercase()
        ))),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(args
            .output_file
            .as_ref()
            .and_then(|p| Format::from_path(&p.to_string_lossy()))
            .unwrap_or(Format::Xml)),
    }
}

/// `ossctl cors get oss://bucket [--format xml|yaml|json] [-o FILE]`.
pub fn run(
    ctx: &Context,
    conn: &crate::cli::client::ConnectionArgs,
    args: &CorsGetArgs,
) -> CommandResult {
    let (bucket, key) = parse_oss_url(&args.bucket)?;
    if key.is_some() {
        return Err(Failure::usage(format!(
            "{}: CORS rules belong to the bucket; write oss://{bucket}",
            args.bucket
        )));
    }
    let session = Session::open(ctx, conn)?;
    let target = session.target(&bucket)?;
    let rt = runtime()?;
    let live = rt
        .block_on(fetch(&session, &target))?
        .ok_or_else(|| no_rules(&target))?;
    let format = output_format(ctx, args)?;
    let text = match (format, &live.parsed) {
        (_, Ok(config)) => rules::render(config, format),
        // XML we cannot model is still printed verbatim: the user asked for what is there.
        (Format::Xml, Err(_)) => {
            let mut raw = live.raw.clone();
            if !raw.ends_with('\n') {
                raw.push('\n');
            }
            raw
        }
        (_, Err(_)) => {
            live.config(&target)?;
            unreachable!("config() fails for an unparsed document")
        }
    };
    match &args.output_file {
        Some(path) => {
            write_file_atomic(path, text.as_bytes())?;
            ctx.note(format!(
                "wrote the CORS rules of {} to {} ({format})",
                target.url(),
                path.display()
            ));
        }
        None => {
            let mut out = Output::stdout();
            out.write_str(&text)?;
            out.flush()?;
        }
    }
    Ok(ExitStatus::Success)
}
