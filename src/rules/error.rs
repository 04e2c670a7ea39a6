//! Diagnostics for rule documents: one [`DocumentError`] carries every problem found in a
//! document (syntax, unknown fields, OSS limits), each as a [`Diagnostic`] with its position
//! (line:column) or its rule number, field and value.

use std::fmt;

use super::LineIndex;

/// What kind of problem a [`Diagnostic`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// The document is not well-formed (XML/YAML/JSON syntax), or does not have the shape
    /// of a CORS configuration (wrong root element, a list where a string belongs, a
    /// non-numeric MaxAgeSeconds, a DOCTYPE, too large, not UTF-8...). OSS answers these
    /// with `MalformedXML`.
    Syntax,
    /// An element or key that the schema does not know (usually a typo); comes with a
    /// "did you mean" hint when a known name is close.
    UnknownField,
    /// Well-formed, but a value breaks one of OSS's limits (`InvalidArgument` on OSS).
    Invalid,
}

/// One problem in a rule document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Syntax, unknown field or invalid value.
    pub kind: DiagnosticKind,
    /// 1-based line of the offending element, key or value, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the offending element, key or value, when known.
    pub column: Option<usize>,
    /// 1-based number of the rule the problem is in, when it is in a rule.
    pub rule: Option<usize>,
    /// The OSS XML element name of the field (e.g. `AllowedOrigin`), whatever the format.
    pub field: Option<String>,
    /// The offending value, as written.
    pub value: Option<String>,
    /// What is wrong, in one line (field names are spelled as in the document's format).
    pub message: String,
    /// How to fix it, when there is an obvious fix (e.g. "did you mean AllowedOrigin?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            line: None,
            column: None,
            rule: None,
            field: None,
            value: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn syntax(message: impl Into<String>) -> Self {
        Self::new(DiagnosticKind::Syntax, message)
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(DiagnosticKind::Invalid, message)
    }

    pub(crate) fn unknown(message: impl Into<String>) -> Self {
        Self::new(DiagnosticKind::UnknownField, message)
    }

    pub(crate) fn at(mut self, pos: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    pub(crate) fn rule(mut self, rule: Option<usize>) -> Self {
        self.rule = rule;
        self
    }

    pub(crate) fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub(crate) fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The one-line form used by [`DocumentError`]'s `Display`, without the source name:
    /// `4:22: rule 1: message; help`.
    fn fmt_line(&self, source_name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(source_name)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(rule) = self.rule {
            write!(f, "rule {rule}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one rule document (or one configuration built in memory).
///
/// `Display` prints one line per diagnostic, e.g.
/// `rules.yaml:4:22: rule 1: max_age_seconds: expected a non-negative integer, found "ten"`.
/// As a [`miette::Diagnostic`] it also shows a snippet of the source with a label at each
/// located problem, when the source text is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// The file name (or `-`, `flags`, `request body`...) the document came from.
    pub source_name: String,
    /// The document text, when there was one (used for snippets).
    pub source_text: Option<String>,
    /// All problems, in document order (at least one).
    pub diagnostics: Vec<Diagnostic>,
}

impl DocumentError {
    pub(crate) fn new(
        source_name: &str,
        source_text: Option<&str>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        DocumentError {
            source_name: source_name.to_string(),
            source_text: source_text.map(str::to_string),
            diagnostics,
        }
    }

    /// True when the document is not well-formed or does not have the shape of a CORS
    /// configuration (syntax, schema or unknown-field problems): OSS answers
    /// `MalformedXML`. False when only values break OSS's limits (`InvalidArgument`).
    pub fn is_syntax(&self) -> bool {
        self.diagnostics.iter().any(|d| {
            matches!(
                d.kind,
                DiagnosticKind::Syntax | DiagnosticKind::UnknownField
            )
        })
    }

    /// The first diagnostic (there is always at least one).
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics.first()
    }

    /// Byte range of a diagnostic in the source text, for snippet labels: the value when
    /// it is written there (quoted or not), else one character.
    fn label_span(index: &LineIndex<'_>, text: &str, d: &Diagnostic) -> Option<(usize, usize)> {
        let offset = index.offset(d.line?, d.column.unwrap_or(1))?;
        let tail = &text[offset..];
        let len = match &d.value {
            Some(v) if !v.is_empty() && tail.starts_with(v.as_str()) => v.len(),
            Some(v)
                if !v.is_empty()
                    && (tail.starts_with('"') || tail.starts_with('\''))
                    && tail[1..].starts_with(v.as_str()) =>
            {
                (v.len() + 2).min(tail.len())
            }
            _ => tail.chars().next().map(char::len_utf8).unwrap_or(0),
        };
        Some((offset, len))
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.diagnostics.is_empty() {
            return write!(f, "{}: invalid document", self.source_name);
        }
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            d.fmt_line(&self.source_name, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for DocumentError {}

/// No diagnostic code: a header line such as `ossctl::rules::malformed` above the report
/// tells a user nothing the message does not (and is noise in logs and CI output).
impl miette::Diagnostic for DocumentError {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        if self.source_text.is_some() && self.diagnostics.iter().any(|d| d.line.is_some()) {
            Some(self as &dyn miette::SourceCode)
        } else {
            None
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let text = self.source_text.as_deref()?;
        let index = LineIndex::new(text);
        let labels: Vec<miette::LabeledSpan> = self
            .diagnostics
            .iter()
            .filter_map(|d| {
                let (offset, len) = Self::label_span(&index, text, d)?;
                let mut label = String::new();
                if let Some(rule) = d.rule {
                    label.push_str(&format!("rule {rule}: "));
                }
                label.push_str(&d.message);
                Some(miette::LabeledSpan::new(Some(label), offset, len))
            })
            .collect();
        if labels.is_empty() {
            None
        } else {
            Some(Box::new(labels.into_iter()))
        }
    }
}

/// The source text, named after the file (so snippets say `[rules.yaml:4:22]`).
impl miette::SourceCode for DocumentError {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.source_text.as_deref().unwrap_or("");
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.source_name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}
