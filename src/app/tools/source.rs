//! Where `lint`, `diff`, `convert` and `cors test` read rule documents from: a file, stdin
//! (`-`) or a bucket's live rules (`oss://BUCKET`), in a format given, implied by the
//! extension, or sniffed from the content.

use std::path::{Path, PathBuf};

use crate::cli::DocumentFormat;
use crate::cli::client::ConnectionArgs;
use crate::exit::{ExitStatus, Failure};
use crate::rules::{self, CorsConfiguration, Format};

use crate::app::Context;

/// Where a rule document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `-`: standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// `oss://BUCKET`: the bucket's live rules.
    Bucket(String),
}

impl Source {
    /// Reads a command-line operand: `-`, `oss://BUCKET`, or a path.
    pub fn parse(operand: &str) -> Source {
        if operand == "-" {
            Source::Stdin
        } else if let Some(rest) = operand.strip_prefix("oss://") {
            Source::Bucket(rest.trim_end_matches('/').to_string())
        } else {
            Source::File(PathBuf::from(operand))
        }
    }

    /// The name used in messages (`rules.yaml`, `-`, `oss://b`).
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
            Source::Bucket(b) => format!("oss://{b}"),
        }
    }
}

/// The `rules::Format` for a `--format` value.
pub fn document_format(f: DocumentFormat) -> Format {
    match f {
        DocumentFormat::Xml => Format::Xml,
        DocumentFormat::Yaml => Format::Yaml,
        DocumentFormat::Json => Format::Json,
    }
}

/// Reads a rule document from a file, or stdin for `-`, never more than the 1 MiB limit
/// plus one byte ([`crate::app::read_rule_document`]). A missing or unreadable file is a usage
/// failure.
pub fn read_input(source: &Source) -> Result<Vec<u8>, Failure> {
    match source {
        Source::Stdin => crate::app::read_rule_document(Path::new("-"), "-"),
        Source::File(path) => crate::app::read_rule_document(path, &path.display().to_string()),
        Source::Bucket(b) => Err(not_a_file(b)),
    }
}

pub(super) fn not_a_file(bucket: &str) -> Failure {
    Failure::usage(format!("oss://{bucket} is a bucket, not a file"))
}

/// The live rules of a bucket, `None` when it has none (exit 3 on service errors, 4 on
/// network failures, as every client command).
pub(super) fn fetch_live(
    ctx: &Context,
    conn: &ConnectionArgs,
    bucket: &str,
) -> Result<Option<CorsConfiguration>, Failure> {
    let session = crate::app::client::Session::open(ctx, conn)?;
    crate::app::client::fetch_live_rules(&session, &format!("oss://{bucket}"))
}

pub(super) fn no_rules(bucket: &str) -> Failure {
    Failure::new(
        ExitStatus::Service,
        miette::miette!("bucket {bucket} has no CORS rules"),
    )
}

/// Guesses a document's format from its first significant character: `<` XML, `{`/`[`
/// JSON, anything else YAML.
pub fn sniff_format(bytes: &[u8]) -> Format {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Format::Xml,
        Some(b'{') | Some(b'[') => Format::Json,
        _ => Format::Yaml,
    }
}

/// Loads and validates a rule document from a file or stdin, or fetches a bucket's live
/// rules (`None` when the bucket has none). A file's format is `format`, else its extension,
/// else sniffed from the content. Invalid documents are usage failures (exit 2) carrying
/// every diagnostic.
pub fn load_source(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    format: Option<DocumentFormat>,
) -> Result<Option<CorsConfiguration>, Failure> {
    if let Source::Bucket(b) = source {
        return fetch_live(ctx, conn, b);
    }
    let bytes = read_input(source)?;
    let format = format.map(document_format).unwrap_or_else(|| match source {
        Source::File(p) => {
            Format::from_path(&p.to_string_lossy()).unwrap_or_else(|| sniff_format(&bytes))
        }
        _ => sniff_format(&bytes),
    });
    let config = rules::parse_bytes(&bytes, format, &source.name())
        .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
    tracing::info!(
        "read {}: {} rules ({format}, {} bytes)",
        source.name(),
        config.rules.len(),
        bytes.len()
    );
    Ok(Some(config))
}

/// Like [`load_source`]; a bucket without CORS rules is a service failure (exit 3).
pub fn load_rules(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    format: Option<DocumentFormat>,
) -> Result<CorsConfiguration, Failure> {
    match load_source(ctx, conn, source, format)? {
        Some(config) => Ok(config),
        None => match source {
            Source::Bucket(b) => Err(no_rules(b)),
            _ => Err(Failure::usage("no rules")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources() {
        assert_eq!(Source::parse("-"), Source::Stdin);
        assert_eq!(Source::parse("oss://b/"), Source::Bucket("b".into()));
        assert_eq!(Source::parse("r.yaml"), Source::File("r.yaml".into()));
        assert_eq!(Source::parse("oss://b").name(), "oss://b");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format(b"  <?xml"), Format::Xml);
        assert_eq!(sniff_format(b"\xEF\xBB\xBF{\"rules\":[]}"), Format::Json);
        assert_eq!(sniff_format(b"rules:\n"), Format::Yaml);
    }
}
