//! `ossctl cors convert`: a rule document from one format to another (OSS XML, YAML, JSON,
//! S3 JSON, Terraform input and HCL output).

use std::path::Path;

use crate::cli::client::ConnectionArgs;
use crate::cli::tools::{ConvertArgs, ConvertFormat};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::rules::{self, CorsConfiguration, Format};

use super::source::{Source, fetch_live, no_rules, read_input, sniff_format};
use crate::app::files::{FileError, write_file};
use crate::app::{Context, Output};

fn convert_format_of_path(path: &Path) -> Option<ConvertFormat> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tf"))
    {
        return Some(ConvertFormat::Terraform);
    }
    Format::from_path(&path.to_string_lossy()).map(|f| match f {
        Format::Xml => ConvertFormat::Xml,
        Format::Yaml => ConvertFormat::Yaml,
        Format::Json => ConvertFormat::Json,
    })
}

/// Run `ossctl cors convert`.
pub fn convert(ctx: &Context, conn: &ConnectionArgs, args: &ConvertArgs) -> CommandResult {
    let source = Source::parse(&args.input);
    let to_stdout = args
        .output_file
        .as_ref()
        .is_none_or(|p| p.as_os_str() == "-");
    // An output file's extension can say XML, YAML or JSON, and .json means ossctl's JSON:
    // AWS S3 JSON is written only when `--to s3-json` asks for it.
    let inferred = args.to.is_none();
    let to = match (args.to, &args.output_file) {
        (Some(t), _) => t,
        (None, Some(p)) if !to_stdout => convert_format_of_path(p).ok_or_else(|| {
            Failure::usage(format!(
                "cannot tell the output format from {:?}; say --to xml|yaml|json|s3-json|terraform",
                p.display().to_string()
            ))
        })?,
        _ => {
            return Err(Failure::usage(
                "say which format to write with --to xml|yaml|json|s3-json|terraform (or give \
                 -o FILE with a .xml, .yaml, .json or .tf extension)",
            ));
        }
    };
    let name = source.name();
    let mut notes: Vec<String> = Vec::new();
    let mut from = None;
    // The bucket the rules belong to, when the input says (for --to terraform).
    let mut bucket: Option<String> = None;
    let config = match &source {
        Source::Bucket(b) => {
            if args.from.is_some() || args.resource.is_some() {
                return Err(Failure::usage(format!(
                    "--from and --resource do not apply to {name}: live rules are read as OSS \
                     returns them"
                )));
            }
            bucket = Some(b.clone());
            fetch_live(ctx, conn, b)?.ok_or_else(|| no_rules(b))?
        }
        _ => {
            let (config, f) = read_document(&source, args, to, &mut notes, &mut bucket)?;
            from = Some(f);
            config
        }
    };
    let text = match to {
        ConvertFormat::Xml => rules::to_xml(&config),
        ConvertFormat::Yaml => rules::to_yaml(&config),
        ConvertFormat::Json => rules::to_json(&config),
        ConvertFormat::S3Json => {
            let (text, dropped) = rules::s3::to_s3_json(&config);
            notes.extend(dropped.iter().map(ToString::to_string));
            text
        }
        ConvertFormat::Terraform => {
            let bucket = args.bucket.clone().or(bucket).ok_or_else(|| {
                Failure::usage(
                    "--to terraform needs the bucket's name: give --bucket NAME (an oss:// or \
                     Terraform input names it itself)",
                )
            })?;
            rules::terraform::to_hcl(&config, &rules::terraform::resource_name(&bucket), &bucket)
        }
    };
    if !ctx.quiet {
        for n in &notes {
            eprintln!("{}: {n}", console::style("note").cyan());
        }
    }
    match &args.output_file {
        Some(path) if !to_stdout => {
            write_file(path, text.as_bytes())?;
            let mut said = format!("wrote {} as {}", path.display(), convert_format_name(to));
            if let Some(f) = from {
                said.push_str(&format!(" (read {name} as {})", convert_format_name(f)));
            }
            if inferred && to == ConvertFormat::Json {
                said.push_str(
                    "; the format came from the .json extension: for AWS S3 JSON give --to s3-json",
                );
            }
            ctx.note(said);
        }
        _ => {
            let mut out = Output::stdout();
            out.write_str(&text)?;
            out.flush()?;
        }
    }
    Ok(ExitStatus::Success)
}

/// How `cors convert` names a format in its notes.
fn convert_format_name(f: ConvertFormat) -> &'static str {
    match f {
        ConvertFormat::Xml => "OSS XML",
        ConvertFormat::Yaml => "ossctl YAML",
        ConvertFormat::Json => "ossctl JSON",
        ConvertFormat::S3Json => "AWS S3 JSON",
        ConvertFormat::Terraform => "Terraform",
    }
}

/// Reads `convert`'s input document (file or stdin) in format `from` (or the one its
/// extension or content says), validating with OSS's limits unless it goes S3 to S3.
/// Returns the configuration and the format it was read as.
fn read_document(
    source: &Source,
    args: &ConvertArgs,
    to: ConvertFormat,
    notes: &mut Vec<String>,
    bucket: &mut Option<String>,
) -> Result<(CorsConfiguration, ConvertFormat), Failure> {
    let bytes = read_input(source)?;
    let path = match source {
        Source::File(p) => Some(p.as_path()),
        _ => None,
    };
    let terraform = match args.from {
        Some(ConvertFormat::Terraform) => true,
        Some(_) => false,
        None => crate::app::pipelines::is_terraform(path, &bytes, None, args.resource.as_deref()),
    };
    if args.resource.is_some() && !terraform {
        return Err(Failure::usage(
            "--resource picks a resource of a Terraform plan or state (--from terraform)",
        ));
    }
    if terraform {
        let name = source.name();
        let mut resources =
            crate::app::pipelines::load_terraform(&bytes, &name, args.resource.as_deref())?;
        if resources.len() > 1 {
            let list: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
            return Err(Failure::usage(format!(
                "{name} holds {} resources with CORS rules ({}); convert writes one document: \
                 pick one with --resource ADDRESS",
                resources.len(),
                list.join(", ")
            )));
        }
        let r = resources.remove(0);
        *bucket = r.bucket.ok();
        return Ok((r.config, ConvertFormat::Terraform));
    }
    let from = args.from.unwrap_or_else(|| {
        let by_ext = match source {
            Source::File(p) => convert_format_of_path(p),
            _ => None,
        };
        let guess = by_ext.unwrap_or(match sniff_format(&bytes) {
            Format::Xml => ConvertFormat::Xml,
            Format::Json => ConvertFormat::Json,
            Format::Yaml => ConvertFormat::Yaml,
        });
        if guess == ConvertFormat::Json
            && rules::s3::looks_like_s3_json(&String::from_utf8_lossy(&bytes))
        {
            ConvertFormat::S3Json
        } else {
            guess
        }
    });
    let name = source.name();
    match from {
        ConvertFormat::S3Json => {
            let text = std::str::from_utf8(&bytes).map_err(|e| FileError::NotUtf8 {
                name: name.clone(),
                at: e.valid_up_to(),
            })?;
            let (config, dropped) = rules::s3::from_s3_json(text, &name)?;
            notes.extend(dropped.iter().map(ToString::to_string));
            if to != ConvertFormat::S3Json {
                rules::validate_named(&config, &name)
                    .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            }
            Ok((config, from))
        }
        f => {
            let format = match f {
                ConvertFormat::Xml => Format::Xml,
                ConvertFormat::Yaml => Format::Yaml,
                _ => Format::Json,
            };
            // (Terraform input was handled above.)
            let config = rules::parse_bytes(&bytes, format, &name)
                .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            Ok((config, f))
        }
    }
}
