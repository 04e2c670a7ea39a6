//! The CORS rule model and its documents.
//!
//! Owns: [`CorsConfiguration`] and [`CorsRule`] (the one in-memory shape of a bucket's CORS
//! configuration), reading and writing OSS XML, YAML and JSON documents, and validation
//! against OSS's limits with precise diagnostics (file:line:col for syntax, rule number,
//! field and value for semantics).
//!
//! Pure: no I/O, no tokio, no reqwest, no env, no clock. Callers hand in text and get
//! text or diagnostics back. Must not depend on `preflight`, `oss`, `transport`, `server`,
//! `app`, `cli` or `render`.
//!
//! Entry points: [`parse`] / [`parse_bytes`] / [`parse_located`] (syntax, schema and every
//! limit, all problems at once), [`validate`] (configurations built in memory), [`to_xml`],
//! [`to_yaml`], [`to_json`] and [`render`]. Inside: `xml` (an event reader over quick-xml
//! with positions, no DOCTYPE/entities, and the OSS-exact writer), `yaml` (serde-saphyr into
//! a positioned tree, with tight budgets) and `json` (serde_json for syntax, a scanner for
//! positions) share the snake_case schema in `tree`; `validate` holds OSS's limits, used by
//! every format; `error` the diagnostics; `s3` converts AWS S3's CORS JSON; `terraform`
//! reads the rules of alicloud resources from `terraform show -json` and writes HCL.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod error;
mod json;
pub mod s3;
pub mod terraform;
mod tree;
mod validate;
mod xml;
mod yaml;

pub use error::{Diagnostic, DiagnosticKind, DocumentError};
pub(crate) use tree::{Node, Val};
pub use validate::{ALLOWED_METHODS, MAX_AGE_LIMIT, MAX_RULES};
pub use xml::escape_xml_with;

/// Reads a YAML or JSON document into the positioned tree rule documents are walked in; other
/// schemas (behaviour files) use it too, so they report problems the same way (line:column,
/// every problem). XML is not such a format.
pub(crate) fn read_document_tree(
    text: &str,
    format: Format,
    index: &LineIndex<'_>,
) -> Result<Node, Box<Diagnostic>> {
    if text.trim().is_empty() {
        // An empty document is `null`, in either format.
        return Ok(Node {
            val: Val::Null,
            at: 0,
        });
    }
    match format {
        Format::Json => json::read_tree(text, index),
        Format::Yaml | Format::Xml => yaml::read_tree(text, index),
    }
}

/// Largest rule document we read (1 MiB). A full 10-rule configuration is a few KB.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// At most this many diagnostics are listed for one document (then a "N more" line).
pub const MAX_DIAGNOSTICS: usize = 100;

/// A bucket's CORS configuration: 1 to 10 rules plus the ResponseVary switch.
///
/// `response_vary` is `None` when the document did not say (OSS treats that as `false`);
/// keeping the distinction makes conversions lossless.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorsConfiguration {
    /// The rules, in the order OSS evaluates them (first full match wins).
    pub rules: Vec<CorsRule>,
    /// `ResponseVary`: when true OSS sends `Vary: Origin` on every response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_vary: Option<bool>,
}

impl CorsConfiguration {
    /// Whether `Vary: Origin` is sent (absent means false, as OSS does).
    pub fn response_vary(&self) -> bool {
        self.response_vary.unwrap_or(false)
    }
}

/// One `CORSRule`.
///
/// Methods are kept as the strings the document had; validation guarantees that a
/// validated configuration only holds `GET PUT POST DELETE HEAD`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorsRule {
    /// `AllowedOrigin`, 1..n; at most one `*` each.
    pub allowed_origins: Vec<String>,
    /// `AllowedMethod`, 1..n; one of GET PUT POST DELETE HEAD.
    pub allowed_methods: Vec<String>,
    /// `AllowedHeader`, 0..n; matched case-insensitively; at most one `*` each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_headers: Vec<String>,
    /// `ExposeHeader`, 0..n; no `*`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    /// `MaxAgeSeconds`, 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_seconds: Option<u64>,
}

/// A rule document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// OSS's `CORSConfiguration` XML (what PutBucketCors takes and GetBucketCors returns).
    Xml,
    /// YAML with the snake_case schema (`rules: [{allowed_origins: [...], ...}]`).
    Yaml,
    /// JSON with the same schema as YAML.
    Json,
}

impl Format {
    /// All formats, in the order they are usually listed.
    pub const ALL: [Format; 3] = [Format::Xml, Format::Yaml, Format::Json];

    /// The format named by a path's extension (`.xml`, `.yaml`/`.yml`, `.json`;
    /// case-insensitive), or `None`.
    pub fn from_path(path: &str) -> Option<Format> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let (_, ext) = name.rsplit_once('.')?;
        ext.parse().ok()
    }

    /// The lower-case name (`xml`, `yaml`, `json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule document format {0:?} (expected xml, yaml, yml or json)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "xml" => Ok(Format::Xml),
            "yaml" | "yml" => Ok(Format::Yaml),
            "json" => Ok(Format::Json),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// Parses a rule document: syntax, schema and every OSS limit. Reports all problems found,
/// not just the first. `source_name` (a file name, `-`, ...) prefixes every diagnostic.
pub fn parse(
    text: &str,
    format: Format,
    source_name: &str,
) -> Result<CorsConfiguration, DocumentError> {
    parse_spanned(text, format, source_name).map(|(config, _)| config)
}

/// Like [`parse`], also returning where each rule and value is in the document (for tools
/// such as `cors lint` that point at a line).
pub fn parse_located(
    text: &str,
    format: Format,
    source_name: &str,
) -> Result<(CorsConfiguration, Positions), DocumentError> {
    let (config, spans) = parse_spanned(text, format, source_name)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok((config, Positions::new(&spans, &LineIndex::new(text))))
}

/// The configuration and the byte offsets of its parts.
fn parse_spanned(
    text: &str,
    format: Format,
    source_name: &str,
) -> Result<(CorsConfiguration, Spans), DocumentError> {
    // A byte-order mark is invisible in editors; positions count from after it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_big(source_name, text.len()));
    }
    let index = LineIndex::new(text);
    let parsed = match format {
        Format::Xml => xml::read(text, &index),
        Format::Yaml | Format::Json => {
            tree::walk_read(read_document_tree(text, format, &index), &index)
        }
    };
    let Parsed {
        config,
        spans,
        mut diagnostics,
        fatal,
        skip_rules,
    } = parsed;
    if !fatal {
        let naming = if format == Format::Xml {
            Naming::Xml
        } else {
            Naming::Snake
        };
        let locator = validate::Locator {
            spans: Some(&spans),
            index: Some(&index),
            naming,
        };
        let found = validate::check(&config, &locator);
        // A rule that is not even a mapping was reported as such; its "no AllowedOrigin"
        // would be noise.
        let skipped = |d: &Diagnostic| d.rule.is_some_and(|r| skip_rules.contains(&r));
        let kept: Vec<Diagnostic> = found
            .into_iter()
            .filter(|d| !is_echo(d, &diagnostics) && !skipped(d))
            .collect();
        diagnostics.extend(kept);
    }
    if diagnostics.is_empty() {
        Ok((config, spans))
    } else {
        // Document order; diagnostics without a position (e.g. "no rules") go last.
        diagnostics.sort_by_key(|d| (d.line.is_none(), d.line, d.column));
        if diagnostics.len() > MAX_DIAGNOSTICS {
            let more = diagnostics.len() - MAX_DIAGNOSTICS;
            diagnostics.truncate(MAX_DIAGNOSTICS);
            let kind = if diagnostics
                .iter()
                .any(|d| d.kind != DiagnosticKind::Invalid)
            {
                DiagnosticKind::Syntax
            } else {
                DiagnosticKind::Invalid
            };
            diagnostics.push(Diagnostic::new(
                kind,
                format!(
                    "{more} more problems not shown (only the first {MAX_DIAGNOSTICS} are listed)"
                ),
            ));
        }
        Err(DocumentError::new(source_name, Some(text), diagnostics))
    }
}

/// Like [`parse`], from raw bytes: invalid UTF-8 is reported with its byte offset (and
/// line:column), and documents over [`MAX_DOCUMENT_BYTES`] are refused. A UTF-8 byte-order
/// mark is skipped.
pub fn parse_bytes(
    bytes: &[u8],
    format: Format,
    source_name: &str,
) -> Result<CorsConfiguration, DocumentError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(too_big(source_name, bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, format, source_name),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // valid_up_to() is a char boundary, so this is valid UTF-8.
            let prefix = std::str::from_utf8(good).unwrap_or("");
            let (line, column) = LineIndex::new(prefix).position(prefix.len());
            let offset = e.valid_up_to();
            let bad: Vec<String> = bytes[offset..]
                .iter()
                .take(e.error_len().unwrap_or(bytes.len() - offset).min(4))
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let d = Diagnostic::syntax(format!(
                "invalid UTF-8 at byte offset {offset} (byte {})",
                bad.join(" ")
            ))
            .value(bad.join(" "))
            .help("save the file as UTF-8")
            .at(Some((line, column)));
            Err(DocumentError::new(source_name, None, vec![d]))
        }
    }
}

/// Checks a configuration built in memory (from flags, or read from a server) against
/// every OSS limit. Diagnostics name the rule number, the OSS field name and the value.
pub fn validate(config: &CorsConfiguration) -> Result<(), DocumentError> {
    validate_named(config, "configuration")
}

/// Like [`validate`], with the name to put in front of each diagnostic (e.g. `flags`).
pub fn validate_named(config: &CorsConfiguration, source_name: &str) -> Result<(), DocumentError> {
    let locator = validate::Locator {
        spans: None,
        index: None,
        naming: Naming::Xml,
    };
    let diagnostics = validate::check(config, &locator);
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(DocumentError::new(source_name, None, diagnostics))
    }
}

/// OSS XML exactly as OSS writes it: XML declaration, `<CORSConfiguration>` without a
/// namespace, children in the order AllowedOrigin, AllowedMethod, AllowedHeader,
/// ExposeHeader, MaxAgeSeconds, then ResponseVary after the rules; 2-space indentation.
pub fn to_xml(config: &CorsConfiguration) -> String {
    xml::write(config)
}

/// The YAML form (snake_case schema).
pub fn to_yaml(config: &CorsConfiguration) -> String {
    yaml::write(config)
}

/// The JSON form (snake_case schema), pretty-printed, with a final newline.
pub fn to_json(config: &CorsConfiguration) -> String {
    let mut s = serde_json::to_string_pretty(config).unwrap_or_default();
    s.push('\n');
    s
}

/// The document in the given format.
pub fn render(config: &CorsConfiguration, format: Format) -> String {
    match format {
        Format::Xml => to_xml(config),
        Format::Yaml => to_yaml(config),
        Format::Json => to_json(config),
    }
}

/// Whether a validation diagnostic ("no AllowedOrigin") only repeats a problem the reader
/// already reported: a misspelt field ("unknown element AllowOrigin; did you mean
/// AllowedOrigin?") or a field of the wrong shape ("allowed_origins: expected a list").
fn is_echo(d: &Diagnostic, reported: &[Diagnostic]) -> bool {
    let Some(field) = d.field.as_deref() else {
        return false;
    };
    if !d.message.starts_with("no ") {
        return false;
    }
    let snake = format!("`{}`", snake_of(field));
    let xml = format!(" {field}?");
    reported.iter().any(|u| {
        u.rule == d.rule
            && match u.kind {
                DiagnosticKind::Syntax => u.field.as_deref() == Some(field),
                DiagnosticKind::UnknownField => u.help.as_deref().is_some_and(|h| {
                    h.starts_with("did you mean") && (h.contains(&xml) || h.contains(&snake))
                }),
                DiagnosticKind::Invalid => false,
            }
    })
}

fn snake_of(xml: &str) -> &'static str {
    [
        Field::CorsRule,
        Field::AllowedOrigin,
        Field::AllowedMethod,
        Field::AllowedHeader,
        Field::ExposeHeader,
        Field::MaxAgeSeconds,
        Field::ResponseVary,
    ]
    .into_iter()
    .find(|f| f.xml() == xml)
    .map(Field::snake)
    .unwrap_or("")
}

fn too_big(source_name: &str, len: usize) -> DocumentError {
    document_too_big(source_name, Some(len as u64))
}

/// The error for a document over [`MAX_DOCUMENT_BYTES`]: `len` is its size when known (a
/// regular file), `None` when reading stopped at the limit (a pipe, a device, stdin).
pub fn document_too_big(source_name: &str, len: Option<u64>) -> DocumentError {
    let size = match len {
        Some(len) => format!("document is {len} bytes"),
        None => format!("document is more than {MAX_DOCUMENT_BYTES} bytes (reading stopped there)"),
    };
    let d = Diagnostic::syntax(format!(
        "{size}; rule documents are limited to {MAX_DOCUMENT_BYTES} bytes (1 MiB)"
    ))
    .help("a full 10-rule configuration is a few KB; is this the right file?");
    DocumentError::new(source_name, None, vec![d])
}

/// A 1-based line and column (in characters) in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where the parts of a parsed document are, parallel to [`CorsConfiguration`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    /// The root element (`<CORSConfiguration>`), when the format's reader records it.
    pub root: Option<Position>,
    /// One entry per rule, in order.
    pub rules: Vec<RulePositions>,
}

/// Where one rule and each of its values are (`None` where unknown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulePositions {
    /// The rule itself (`<CORSRule>` or the list item).
    pub rule: Option<Position>,
    /// Parallel to `CorsRule::allowed_origins`, and so on.
    pub allowed_origins: Vec<Position>,
    pub allowed_methods: Vec<Position>,
    pub allowed_headers: Vec<Position>,
    pub expose_headers: Vec<Position>,
    pub max_age_seconds: Option<Position>,
}

impl Positions {
    fn new(spans: &Spans, index: &LineIndex<'_>) -> Self {
        let at = |offset: usize| {
            let (line, column) = index.position(offset);
            Position { line, column }
        };
        let all = |offsets: &[usize]| offsets.iter().map(|&o| at(o)).collect();
        Positions {
            root: spans.root.map(at),
            rules: spans
                .rules
                .iter()
                .map(|r| RulePositions {
                    rule: r.rule.map(at),
                    allowed_origins: all(&r.origins),
                    allowed_methods: all(&r.methods),
                    allowed_headers: all(&r.headers),
                    expose_headers: all(&r.expose),
                    max_age_seconds: r.max_age.map(at),
                })
                .collect(),
        }
    }
}

/// The fields of a configuration, for messages and positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    CorsRule,
    AllowedOrigin,
    AllowedMethod,
    AllowedHeader,
    ExposeHeader,
    MaxAgeSeconds,
    ResponseVary,
}

/// How field names are spelled in messages: as the XML elements or as the YAML/JSON keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    Xml,
    Snake,
}

impl Field {
    pub(crate) fn xml(self) -> &'static str {
        match self {
            Field::CorsRule => "CORSRule",
            Field::AllowedOrigin => "AllowedOrigin",
            Field::AllowedMethod => "AllowedMethod",
            Field::AllowedHeader => "AllowedHeader",
            Field::ExposeHeader => "ExposeHeader",
            Field::MaxAgeSeconds => "MaxAgeSeconds",
            Field::ResponseVary => "ResponseVary",
        }
    }

    pub(crate) fn snake(self) -> &'static str {
        match self {
            Field::CorsRule => "rules",
            Field::AllowedOrigin => "allowed_origins",
            Field::AllowedMethod => "allowed_methods",
            Field::AllowedHeader => "allowed_headers",
            Field::ExposeHeader => "expose_headers",
            Field::MaxAgeSeconds => "max_age_seconds",
            Field::ResponseVary => "response_vary",
        }
    }

    pub(crate) fn name(self, naming: Naming) -> &'static str {
        match naming {
            Naming::Xml => self.xml(),
            Naming::Snake => self.snake(),
        }
    }
}

/// Byte offsets of the parts of a parsed document, parallel to [`CorsConfiguration`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Spans {
    /// The root element / top-level mapping.
    pub root: Option<usize>,
    pub rules: Vec<RuleSpans>,
}

/// Byte offsets of one rule's parts.
#[derive(Debug, Default, Clone)]
pub(crate) struct RuleSpans {
    pub rule: Option<usize>,
    pub origins: Vec<usize>,
    pub methods: Vec<usize>,
    pub headers: Vec<usize>,
    pub expose: Vec<usize>,
    pub max_age: Option<usize>,
}

/// What a format reader hands back: the configuration read so far, where its parts are,
/// the problems found, and whether one of them stopped the reading (then the configuration
/// is incomplete and is not validated).
pub(crate) struct Parsed {
    pub config: CorsConfiguration,
    pub spans: Spans,
    pub diagnostics: Vec<Diagnostic>,
    pub fatal: bool,
    /// 1-based numbers of rules whose validation is pointless (they were not mappings).
    pub skip_rules: Vec<usize>,
}

/// Byte offset → 1-based (line, column in characters), in O(log n) per lookup (a document
/// may be one 1 MiB line with thousands of problems).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Built on first use: a document without problems never needs it.
    tables: std::cell::OnceCell<LineTables>,
}

struct LineTables {
    /// Byte offsets where lines start.
    starts: Vec<usize>,
    /// For each multi-byte character: its offset and the total extra bytes (len - 1) of all
    /// multi-byte characters up to and including it.
    wide: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            tables: std::cell::OnceCell::new(),
        }
    }

    fn tables(&self) -> &LineTables {
        self.tables.get_or_init(|| {
            let mut starts = vec![0];
            let mut wide = Vec::new();
            let mut extra = 0;
            for (i, b) in self.text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(i + 1);
                } else if b >= 0xC0 {
                    // a UTF-8 lead byte of a multi-byte character
                    let len = if b >= 0xF0 {
                        4
                    } else if b >= 0xE0 {
                        3
                    } else {
                        2
                    };
                    extra += len - 1;
                    wide.push((i, extra));
                }
            }
            LineTables { starts, wide }
        })
    }

    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let t = self.tables();
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // Extra bytes of the multi-byte characters that start before `o`.
        let extra_before = |o: usize| match t.wide.partition_point(|&(w, _)| w < o) {
            0 => 0,
            n => t.wide[n - 1].1,
        };
        let line = t.starts.partition_point(|&s| s <= offset);
        let start = t.starts[line - 1];
        let chars = (offset - start) - (extra_before(offset) - extra_before(start));
        (line, chars + 1)
    }

    /// The byte offset of a 1-based (line, column in characters), if the line exists.
    pub(crate) fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start = *self.tables().starts.get(line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        match rest.char_indices().nth(column.saturating_sub(1)) {
            Some((i, _)) => Some(start + i),
            None => Some(self.text.len()),
        }
    }
}

/// "did you mean X?" for a misspelt name, comparing case- and separator-insensitively
/// (so `allowedOrigins`, `AllowedOrigin` and `allowed_origin` all find `allowed_origins`).
pub(crate) fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    fn norm(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }
    let n = norm(name);
    let mut best: Option<(f64, &'a str)> = None;
    for &c in candidates {
        let score = strsim::jaro_winkler(&n, &norm(c));
        if score >= 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests;
