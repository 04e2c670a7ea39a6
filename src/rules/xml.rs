//! OSS `CORSConfiguration` XML: an event-driven reader (positions for every element and
//! value, interleaved elements, namespaces ignored, no DOCTYPE/entities) and the writer.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::Diagnostic;
use super::validate;
use super::{CorsConfiguration, CorsRule, Field, LineIndex, Naming, Parsed, RuleSpans, Spans};

const ROOT: &str = "CORSConfiguration";
const ROOT_CHILDREN: [&str; 2] = ["CORSRule", "ResponseVary"];
const RULE_CHILDREN: [&str; 5] = [
    "AllowedOrigin",
    "AllowedMethod",
    "AllowedHeader",
    "ExposeHeader",
    "MaxAgeSeconds",
];

/// Where the reader is.
enum Level {
    /// Before the root element.
    Prolog,
    /// Inside `<CORSConfiguration>`.
    Root,
    /// Inside a `<CORSRule>`.
    Rule,
    /// Inside a leaf element, collecting its text.
    Leaf(Leaf),
    /// Inside an element being skipped (unknown or misplaced), with its nesting depth.
    Skip(usize),
    /// After `</CORSConfiguration>`.
    Epilog,
}

struct Leaf {
    field: Field,
    /// Offset of the `<` of the start tag.
    start: usize,
    text: String,
    /// Offset of the first non-whitespace character of the content.
    value_at: Option<usize>,
    /// Whether we return to `Rule` (true) or `Root` (false) at its end.
    in_rule: bool,
}

struct XmlReader<'a> {
    index: &'a LineIndex<'a>,
    config: CorsConfiguration,
    spans: Spans,
    diagnostics: Vec<Diagnostic>,
    response_vary_at: Option<usize>,
    /// Stack of levels (the innermost last).
    stack: Vec<Level>,
}

pub(crate) fn read(text: &str, index: &LineIndex<'_>) -> Parsed {
    let mut r = XmlReader {
        index,
        config: CorsConfiguration::default(),
        spans: Spans::default(),
        diagnostics: Vec::new(),
        response_vary_at: None,
        stack: vec![Level::Prolog],
    };
    let fatal = r.run(text).is_err();
    Parsed {
        config: r.config,
        spans: r.spans,
        diagnostics: r.diagnostics,
        fatal,
        skip_rules: Vec::new(),
    }
}

/// A fatal problem: it is already in `diagnostics`, reading stops.
struct Stop;

impl XmlReader<'_> {
    fn pos(&self, offset: usize) -> Option<(usize, usize)> {
        Some(self.index.position(offset))
    }

    fn fatal(&mut self, d: Diagnostic) -> Result<(), Stop> {
        self.diagnostics.push(d);
        Err(Stop)
    }

    fn current_rule(&self) -> Option<usize> {
        if self.stack.iter().any(|l| matches!(l, Level::Rule)) {
            Some(self.config.rules.len())
        } else {
            None
        }
    }

    fn run(&mut self, text: &str) -> Result<(), Stop> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        reader.config_mut().check_comments = true;
        loop {
            let before = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = reader.error_position() as usize;
                    let d = Diagnostic::syntax(format!("malformed XML: {e}")).at(self.pos(at));
                    return self.fatal(d.rule(self.current_rule()));
                }
            };
            match event {
                Event::Eof => return self.eof(text.len()),
                Event::DocType(_) => {
                    return self.fatal(
                        Diagnostic::syntax(
                            "DOCTYPE declarations are not allowed (entity definitions enable \
                             billion-laughs and XXE attacks)",
                        )
                        .help("remove the <!DOCTYPE ...> declaration; OSS documents never have one")
                        .at(self.pos(before)),
                    );
                }
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Start(e) => self.start(&e, before, false)?,
                Event::Empty(e) => self.start(&e, before, true)?,
                Event::End(_) => self.end()?,
                Event::Text(t) => {
                    // Offsets come from the raw text; the value from the EOL-normalised one.
                    let lead = t.len() - t.trim_start().len();
                    let content = t.xml10_content();
                    self.text(&content, before + lead)?;
                }
                Event::CData(t) => {
                    let raw = t.xml10_content();
                    // CDATA content starts after `<![CDATA[`.
                    self.text(&raw, before + 9)?;
                }
                Event::GeneralRef(r) => {
                    let resolved = if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => {
                                return self.fatal(
                                    Diagnostic::syntax(format!(
                                        "invalid character reference &{};",
                                        r.xml10_content()
                                    ))
                                    .at(self.pos(before)),
                                );
                            }
                        }
                    } else {
                        let name = r.xml10_content();
                        match &*name {
                            "amp" => "&".to_string(),
                            "lt" => "<".to_string(),
                            "gt" => ">".to_string(),
                            "apos" => "'".to_string(),
                            "quot" => "\"".to_string(),
                            other => {
                                return self.fatal(
                                    Diagnostic::syntax(format!(
                                        "undefined entity &{other};"
                                    ))
                                    .help("only &amp; &lt; &gt; &apos; &quot; and character references (&#38;) are allowed")
                                    .at(self.pos(before)),
                                );
                            }
                        }
                    };
                    self.text(&resolved, before)?;
                }
            }
        }
    }

    fn eof(&mut self, len: usize) -> Result<(), Stop> {
        match self.stack.last() {
            Some(Level::Epilog) => Ok(()),
            Some(Level::Prolog) => self.fatal(
                Diagnostic::syntax("the document has no <CORSConfiguration> element")
                    .at(self.pos(len)),
            ),
            _ => {
                let open = match self.stack.last() {
                    Some(Level::Rule) => "<CORSRule>".to_string(),
                    Some(Level::Leaf(l)) => format!("<{}>", l.field.xml()),
                    _ => "<CORSConfiguration>".to_string(),
                };
                let d =
                    Diagnostic::syntax(format!("unexpected end of document: {open} is not closed"))
                        .at(self.pos(len));
                let rule = self.current_rule();
                self.fatal(d.rule(rule))
            }
        }
    }

    fn check_attributes(&mut self, e: &BytesStart<'_>, at: usize) -> Result<(), Stop> {
        if e.attributes_raw().trim().is_empty() {
            return Ok(());
        }
        for attr in e.attributes().with_checks(true) {
            match attr {
                Ok(a) => {
                    let key = a.key.as_ref().to_string();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let name = e.name().as_ref().to_string();
                    let rule = self.current_rule();
                    self.diagnostics.push(
                        Diagnostic::unknown(format!("unknown attribute {key:?} on <{name}>"))
                            .value(key)
                            .help("OSS CORS elements take no attributes")
                            .rule(rule)
                            .at(self.pos(at)),
                    );
                }
                Err(err) => {
                    return self.fatal(
                        Diagnostic::syntax(format!("malformed XML attribute: {err}"))
                            .at(self.pos(at)),
                    );
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, at: usize, empty: bool) -> Result<(), Stop> {
        let local_name = e.local_name();
        let local: &str = local_name.as_ref();
        if let Some(Level::Skip(depth)) = self.stack.last_mut() {
            if !empty {
                *depth += 1;
            }
            return Ok(());
        }
        self.check_attributes(e, at)?;
        let level = self.stack.pop().unwrap_or(Level::Epilog);
        match level {
            Level::Prolog => {
                if local != ROOT {
                    let mut d = Diagnostic::syntax(format!(
                        "the root element is <{local}>, expected <{ROOT}>"
                    ))
                    .value(local);
                    if local.eq_ignore_ascii_case("Error") {
                        d = d.help("this is an OSS error response, not a CORS configuration");
                    } else if let Some(s) = super::did_you_mean(local, &[ROOT]) {
                        d = d.help(format!("did you mean {s}?"));
                    }
                    return self.fatal(d.at(self.pos(at)));
                }
                self.spans.root = Some(at);
                self.stack
                    .push(if empty { Level::Epilog } else { Level::Root });
            }
            Level::Root => {
                self.stack.push(Level::Root);
                match local {
                    "CORSRule" => {
                        self.config.rules.push(CorsRule::default());
                        self.spans.rules.push(RuleSpans {
                            rule: Some(at),
                            ..RuleSpans::default()
                        });
                        if !empty {
                            self.stack.push(Level::Rule);
                        }
                    }
                    "ResponseVary" => self.leaf(Field::ResponseVary, at, empty, false),
                    _ => {
                        let d = self.unknown_element(local, "CORSConfiguration", &ROOT_CHILDREN);
                        self.diagnostics.push(d.at(self.pos(at)));
                        if !empty {
                            self.stack.push(Level::Skip(1));
                        }
                    }
                }
            }
            Level::Rule => {
                self.stack.push(Level::Rule);
                let field = match local {
                    "AllowedOrigin" => Some(Field::AllowedOrigin),
                    "AllowedMethod" => Some(Field::AllowedMethod),
                    "AllowedHeader" => Some(Field::AllowedHeader),
                    "ExposeHeader" => Some(Field::ExposeHeader),
                    "MaxAgeSeconds" => Some(Field::MaxAgeSeconds),
                    _ => None,
                };
                match field {
                    Some(f) => self.leaf(f, at, empty, true),
                    None => {
                        let mut d = self.unknown_element(local, "CORSRule", &RULE_CHILDREN);
                        if local == "ResponseVary" {
                            d.help = Some(
                                "ResponseVary belongs directly in <CORSConfiguration>, after the \
                                 <CORSRule> elements"
                                    .to_string(),
                            );
                        } else if local == "ID" {
                            d.help = Some("OSS CORS rules have no ID (that is S3)".to_string());
                        }
                        let rule = Some(self.config.rules.len());
                        self.diagnostics.push(d.rule(rule).at(self.pos(at)));
                        if !empty {
                            self.stack.push(Level::Skip(1));
                        }
                    }
                }
            }
            Level::Leaf(leaf) => {
                let rule = self.current_rule_with(&leaf);
                self.diagnostics.push(
                    Diagnostic::syntax(format!(
                        "unexpected element <{local}> inside <{}>: it takes text only",
                        leaf.field.xml()
                    ))
                    .field(leaf.field.xml())
                    .rule(rule)
                    .at(self.pos(at)),
                );
                self.stack.push(Level::Leaf(leaf));
                if !empty {
                    self.stack.push(Level::Skip(1));
                }
            }
            // (handled above; kept total so the reader can never panic)
            skip @ Level::Skip(_) => self.stack.push(skip),
            Level::Epilog => {
                self.stack.push(Level::Epilog);
                return self.fatal(
                    Diagnostic::syntax(format!(
                        "unexpected element <{local}> after </{ROOT}>: a document has one root"
                    ))
                    .at(self.pos(at)),
                );
            }
        }
        Ok(())
    }

    fn current_rule_with(&self, leaf: &Leaf) -> Option<usize> {
        leaf.in_rule.then_some(self.config.rules.len())
    }

    fn unknown_element(&self, local: &str, parent: &str, known: &[&str]) -> Diagnostic {
        let d =
            Diagnostic::unknown(format!("unknown element <{local}> in <{parent}>")).value(local);
        match super::did_you_mean(local, known) {
            Some(s) => d.help(format!("did you mean {s}?")),
            None => d.help(format!("expected one of: {}", known.join(", "))),
        }
    }

    fn leaf(&mut self, field: Field, at: usize, empty: bool, in_rule: bool) {
        let leaf = Leaf {
            field,
            start: at,
            text: String::new(),
            value_at: None,
            in_rule,
        };
        if empty {
            self.finish_leaf(leaf);
        } else {
            self.stack.push(Level::Leaf(leaf));
        }
    }

    /// Text content; `at` is the byte offset of its first non-whitespace character.
    fn text(&mut self, text: &str, at: usize) -> Result<(), Stop> {
        let significant = !text.trim().is_empty();
        match self.stack.last_mut() {
            Some(Level::Leaf(leaf)) => {
                if leaf.value_at.is_none() && significant {
                    leaf.value_at = Some(at);
                }
                leaf.text.push_str(text);
                Ok(())
            }
            Some(Level::Skip(_)) => Ok(()),
            _ if !significant => Ok(()),
            Some(Level::Prolog) | Some(Level::Epilog) | None => self.fatal(
                Diagnostic::syntax(format!(
                    "unexpected text {:?} outside <{ROOT}>",
                    shorten(text.trim())
                ))
                .at(self.pos(at)),
            ),
            Some(Level::Root) | Some(Level::Rule) => {
                let parent = if matches!(self.stack.last(), Some(Level::Rule)) {
                    "CORSRule"
                } else {
                    ROOT
                };
                let rule = self.current_rule();
                self.diagnostics.push(
                    Diagnostic::syntax(format!(
                        "unexpected text {:?} in <{parent}>: it contains elements only",
                        shorten(text.trim())
                    ))
                    .rule(rule)
                    .at(self.pos(at)),
                );
                Ok(())
            }
        }
    }

    fn end(&mut self) -> Result<(), Stop> {
        match self.stack.pop() {
            Some(Level::Skip(depth)) if depth > 1 => self.stack.push(Level::Skip(depth - 1)),
            Some(Level::Skip(_)) => {}
            Some(Level::Leaf(leaf)) => self.finish_leaf(leaf),
            Some(Level::Rule) => {}
            Some(Level::Root) => self.stack.push(Level::Epilog),
            // quick-xml reports unmatched end tags itself (check_end_names)
            Some(other) => self.stack.push(other),
            None => {}
        }
        Ok(())
    }

    fn finish_leaf(&mut self, leaf: Leaf) {
        let value = if leaf.text.trim().len() == leaf.text.len() {
            leaf.text
        } else {
            leaf.text.trim().to_string()
        };
        let at = leaf.value_at.unwrap_or(leaf.start);
        let rule_no = leaf.in_rule.then_some(self.config.rules.len());
        let index = self.index;
        let pos = || Some(index.position(at));
        if !leaf.in_rule {
            // ResponseVary
            if let Some(first) = self.response_vary_at {
                let (l, c) = self.index.position(first);
                self.diagnostics.push(
                    Diagnostic::invalid(format!(
                        "more than one ResponseVary (the first is at {l}:{c})"
                    ))
                    .field("ResponseVary")
                    .value(value)
                    .at(pos()),
                );
                return;
            }
            self.response_vary_at = Some(at);
            match value.as_str() {
                "true" => self.config.response_vary = Some(true),
                "false" => self.config.response_vary = Some(false),
                _ => self.diagnostics.push(
                    Diagnostic::invalid(format!("ResponseVary {value:?} must be true or false"))
                        .field("ResponseVary")
                        .value(value)
                        .at(pos()),
                ),
            }
            return;
        }
        let (Some(rule), Some(spans)) = (self.config.rules.last_mut(), self.spans.rules.last_mut())
        else {
            return;
        };
        // The list fields: the value and where it was.
        let (values, positions) = match leaf.field {
            Field::AllowedOrigin => (&mut rule.allowed_origins, &mut spans.origins),
            Field::AllowedMethod => (&mut rule.allowed_methods, &mut spans.methods),
            Field::AllowedHeader => (&mut rule.allowed_headers, &mut spans.headers),
            Field::ExposeHeader => (&mut rule.expose_headers, &mut spans.expose),
            Field::MaxAgeSeconds => {
                if let Some(first) = spans.max_age {
                    let (l, c) = self.index.position(first);
                    self.diagnostics.push(
                        Diagnostic::invalid(format!(
                            "more than one MaxAgeSeconds in a rule (the first is at {l}:{c})"
                        ))
                        .field("MaxAgeSeconds")
                        .value(value)
                        .rule(rule_no)
                        .at(pos()),
                    );
                    return;
                }
                spans.max_age = Some(at);
                match parse_max_age(&value, Naming::Xml) {
                    Ok(v) => rule.max_age_seconds = Some(v),
                    Err(d) => self.diagnostics.push(d.rule(rule_no).at(pos())),
                }
                return;
            }
            Field::CorsRule | Field::ResponseVary => return,
        };
        values.push(value);
        positions.push(at);
    }
}

/// Parses a MaxAgeSeconds text: a non-negative integer. Non-numbers are schema errors;
/// negative or too large numbers are invalid values.
pub(crate) fn parse_max_age(value: &str, naming: Naming) -> Result<u64, Box<Diagnostic>> {
    let shown = match naming {
        Naming::Xml => format!("{value:?}"),
        Naming::Snake => value.to_string(),
    };
    let digits = value.strip_prefix('+').unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse::<u64>()
            .map_err(|_| Box::new(validate::too_large(naming, value)));
    }
    if let Some(neg) = value.strip_prefix('-')
        && !neg.is_empty()
        && neg.bytes().all(|b| b.is_ascii_digit())
    {
        if neg.bytes().all(|b| b == b'0') {
            return Ok(0);
        }
        return Err(Box::new(validate::negative(naming, value)));
    }
    Err(Box::new(
        Diagnostic::syntax(format!(
            "{}: expected a non-negative integer, found {shown}",
            Field::MaxAgeSeconds.name(naming)
        ))
        .field("MaxAgeSeconds")
        .value(value),
    ))
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// The crate's one XML text escaper: writes `s` to `out` with the five markup characters
/// `& < > " '` as entities (so the text is safe in element content and in attribute values),
/// and hands every other character to `other`.
///
/// The writers differ on purpose in what `other` does, and each documents why: the CORS
/// document writer here writes TAB, LF and CR as hex references (OSS-exact, survives a round
/// trip); `oss::error` writes CR as `&#13;` and keeps lines (as OSS's `<Error>` bodies do);
/// `render::junit` also replaces characters XML 1.0 forbids.
pub fn escape_xml_with(out: &mut String, s: &str, mut other: impl FnMut(&mut String, char)) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => other(out, c),
        }
    }
}

/// Escapes text for element content (and attribute values, to be safe). Control
/// characters that XML 1.0 allows are written as character references so they survive a
/// round trip; a valid configuration has none.
fn escape(out: &mut String, s: &str) {
    escape_xml_with(out, s, |out, c| match c {
        '\t' | '\n' | '\r' => out.push_str(&format!("&#x{:X};", u32::from(c))),
        c => out.push(c),
    });
}

pub(crate) fn write(config: &CorsConfiguration) -> String {
    let mut out = String::with_capacity(256 + config.rules.len() * 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration>\n");
    for rule in &config.rules {
        out.push_str("  <CORSRule>\n");
        for (tag, values) in [
            ("AllowedOrigin", &rule.allowed_origins),
            ("AllowedMethod", &rule.allowed_methods),
            ("AllowedHeader", &rule.allowed_headers),
            ("ExposeHeader", &rule.expose_headers),
        ] {
            for v in values {
                out.push_str("    <");
                out.push_str(tag);
                out.push('>');
                escape(&mut out, v);
                out.push_str("</");
                out.push_str(tag);
                out.push_str(">\n");
            }
        }
        if let Some(age) = rule.max_age_seconds {
            out.push_str(&format!("    <MaxAgeSeconds>{age}</MaxAgeSeconds>\n"));
        }
        out.push_str("  </CORSRule>\n");
    }
    if let Some(vary) = config.response_vary {
        out.push_str(&format!("  <ResponseVary>{vary}</ResponseVary>\n"));
    }
    out.push_str("</CORSConfiguration>\n");
    out
}
