//! Behaviour files (`--behaviour FILE`): YAML or JSON, read and written in one shape.
//! Pure (no I/O): a file format over `preflight`'s behaviour model, kept outside the
//! simulator; depends only on `preflight` and `rules`.
//!
//! ```yaml
//! source:                       # optional: where the values were seen
//!   endpoint: https://oss-cn-hangzhou.aliyuncs.com
//!   date: 2026-12-07
//! allow-credentials:            # the long form
//!   value: "false"
//!   status: observed
//!   evidence: "preflight answer without Access-Control-Allow-Credentials, request id 6751..."
//! origin-case: insensitive      # the short form: the value only (status `assumed`)
//! ```
//!
//! Fields not named keep their default value, status and evidence. `meaning` and
//! `alternatives` (which `cors behaviour` writes) are accepted and ignored: they follow from
//! the value. Every problem is reported with its line and column.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::preflight::behaviour::{Behaviour, Choices, Field, Status};
use crate::rules::{
    Diagnostic, DocumentError, Format, LineIndex, MAX_DOCUMENT_BYTES, Node, Val, did_you_mean,
    read_document_tree,
};

const ENTRY_KEYS: [&str; 5] = ["value", "status", "evidence", "meaning", "alternatives"];

/// Reads a behaviour file (YAML, or JSON when `format` says so) over the defaults.
pub fn parse_behaviour(
    text: &str,
    format: Format,
    source_name: &str,
) -> Result<Behaviour, DocumentError> {
    let fail = |d: Diagnostic| DocumentError::new(source_name, Some(text), vec![d]);
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(fail(Diagnostic::syntax(format!(
            "the file is {} bytes; behaviour files are at most {MAX_DOCUMENT_BYTES} bytes",
            text.len()
        ))));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let index = LineIndex::new(text);
    let root = read_document_tree(text, format, &index).map_err(|d| fail(*d))?;
    let mut reader = Reader {
        index: &index,
        source_name,
        problems: Vec::new(),
        behaviour: Behaviour::default(),
    };
    reader.document(&root);
    if reader.problems.is_empty() {
        Ok(reader.behaviour)
    } else {
        Err(DocumentError::new(source_name, Some(text), reader.problems))
    }
}

struct Reader<'a> {
    index: &'a LineIndex<'a>,
    source_name: &'a str,
    problems: Vec<Diagnostic>,
    behaviour: Behaviour,
}

/// A scalar as written: strings as they are, booleans and numbers as their text.
fn scalar(val: &Val) -> Option<String> {
    match val {
        Val::Str(s) | Val::Num(s) => Some(s.clone()),
        Val::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn describe(val: &Val) -> &'static str {
    match val {
        Val::Null => "null",
        Val::Bool(_) => "a boolean",
        Val::Num(_) => "a number",
        Val::Str(_) => "a string",
        Val::Seq(_) => "a list",
        Val::Map(_) => "a mapping",
    }
}

impl Reader<'_> {
    fn problem(&mut self, at: usize, d: Diagnostic) {
        self.problems.push(d.at(Some(self.index.position(at))));
    }

    /// Reports repeated keys in one mapping: JSON allows them syntactically (YAML readers
    /// refuse them earlier), and the value read must not depend on which one wins.
    fn duplicates(&mut self, entries: &[(String, usize, Node)]) {
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for (key, at, _) in entries {
            if let Some(&first) = seen.get(key.as_str()) {
                let (l, c) = self.index.position(first);
                let d =
                    Diagnostic::syntax(format!("duplicate key `{key}` (first defined at {l}:{c})"))
                        .value(key.as_str());
                self.problem(*at, d);
            } else {
                seen.insert(key, *at);
            }
        }
    }

    fn document(&mut self, root: &Node) {
        let entries = match &root.val {
            Val::Map(entries) => entries,
            Val::Null => return,
            other => {
                let d = Diagnostic::syntax(format!(
                    "expected a mapping of behaviour names, found {}",
                    describe(other)
                ))
                .help("write e.g. `allow-credentials: \"false\"`; `ossctl cors behaviour --output yaml` prints every field");
                return self.problem(root.at, d);
            }
        };
        self.duplicates(entries);
        for (key, key_at, node) in entries {
            if key == "source" {
                self.source(node);
                continue;
            }
            match Field::from_name(key) {
                Ok(field) => self.field(field, node),
                Err(message) => {
                    let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                    names.push("source");
                    let mut d = Diagnostic::unknown(message.to_string()).value(key.clone());
                    if let Some(close) = did_you_mean(key, &names) {
                        d = d.help(format!("did you mean `{close}`?"));
                    }
                    self.problem(*key_at, d);
                }
            }
        }
    }

    fn source(&mut self, node: &Node) {
        let Val::Map(entries) = &node.val else {
            let d = Diagnostic::syntax(format!(
                "`source` must be a mapping (endpoint, region, date, ...), found {}",
                describe(&node.val)
            ));
            return self.problem(node.at, d);
        };
        self.duplicates(entries);
        for (key, _, value) in entries {
            match scalar(&value.val) {
                Some(v) => self.behaviour.origin.push((key.clone(), v)),
                None => {
                    let d = Diagnostic::syntax(format!(
                        "`source.{key}` must be a string, found {}",
                        describe(&value.val)
                    ));
                    self.problem(value.at, d);
                }
            }
        }
    }

    /// One field, in the short form (the value) or the long one (`value`, `status`,
    /// `evidence`; a value without a status is an assumption).
    fn field(&mut self, field: Field, node: &Node) {
        let name = field.name();
        let (mut value, mut status, mut evidence) = (None, Status::Assumed, None);
        let entries = match &node.val {
            Val::Map(entries) => &entries[..],
            val => {
                value = scalar(val).map(|v| (v, node.at));
                &[]
            }
        };
        self.duplicates(entries);
        let mut bad = |d: Diagnostic, at: usize| {
            self.problems
                .push(d.field(name).at(Some(self.index.position(at))))
        };
        for (key, key_at, entry) in entries {
            match (key.as_str(), scalar(&entry.val)) {
                ("value", Some(v)) => value = Some((v, entry.at)),
                ("status", Some(s)) => match Status::from_name(&s) {
                    Some(s) => status = s,
                    None => bad(
                        Diagnostic::invalid(format!(
                            "`{name}.status` is `{s}`; valid statuses: documented, observed, assumed"
                        ))
                        .value(s),
                        entry.at,
                    ),
                },
                ("evidence", Some(e)) => evidence = Some(e),
                ("meaning" | "alternatives", _) => {}
                ("value" | "status" | "evidence", None) => bad(
                    Diagnostic::syntax(format!(
                        "`{name}.{key}` must be a string, found {}",
                        describe(&entry.val)
                    )),
                    entry.at,
                ),
                (other, _) => {
                    let mut d = Diagnostic::unknown(format!(
                        "unknown key `{other}` in `{name}` (expected value, status, evidence)"
                    ));
                    if let Some(close) = did_you_mean(other, &ENTRY_KEYS) {
                        d = d.help(format!("did you mean `{close}`?"));
                    }
                    bad(d, *key_at);
                }
            }
        }
        let Some((value, value_at)) = value else {
            let values = Choices::values(field).join(", ");
            let d = Diagnostic::syntax(format!(
                "`{name}` needs a value ({values}), alone or as `value:` in a mapping, found {}",
                describe(&node.val)
            ));
            return bad(d, node.at);
        };
        if status != Status::Assumed && evidence.is_none() {
            let d = Diagnostic::invalid(format!(
                "`{name}` is `{}` but gives no `evidence`: say where it was documented or seen",
                status.name()
            ));
            return bad(d, node.at);
        }
        let evidence = evidence.unwrap_or_else(|| format!("set in {}", self.source_name));
        if let Err(message) = self.behaviour.set(field, &value, status, evidence) {
            bad(
                Diagnostic::invalid(message.to_string()).value(value),
                value_at,
            );
        }
    }
}

/// One field as `cors behaviour` and behaviour files show it.
#[derive(Serialize)]
struct Entry<'a> {
    value: &'static str,
    status: Status,
    evidence: &'a str,
    meaning: &'static str,
    alternatives: Vec<&'static str>,
}

impl Serialize for Behaviour {
    /// The long form of a behaviour file: `source` (when known), then every field.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if !self.origin.is_empty() {
            // In the order written (a `serde_json::Map` would sort the keys).
            map.serialize_entry("source", &SourceMap(&self.origin))?;
        }
        for &field in Field::ALL {
            let value = self.choices.value(field);
            let source = self.source(field);
            let entry = Entry {
                value,
                status: source.status,
                evidence: &source.evidence,
                meaning: self.choices.meaning(field),
                alternatives: Choices::values(field)
                    .into_iter()
                    .filter(|v| *v != value)
                    .collect(),
            };
            map.serialize_entry(field.name(), &entry)?;
        }
        map.end()
    }
}

/// A behaviour file's `source` mapping, serialised in its order.
struct SourceMap<'a>(&'a [(String, String)]);

impl Serialize for SourceMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preflight::behaviour::AllowCredentials;

    fn yaml(text: &str) -> Result<Behaviour, DocumentError> {
        parse_behaviour(text, Format::Yaml, "b.yaml")
    }

    #[test]
    fn short_and_long_forms() {
        let b = yaml(
            "source:\n  endpoint: https://oss-cn-hangzhou.aliyuncs.com\n\
             allow-credentials:\n  value: \"false\"\n  status: observed\n  evidence: seen\n\
             origin-case: insensitive\n",
        )
        .unwrap();
        assert_eq!(b.choices.allow_credentials, AllowCredentials::Never);
        assert_eq!(b.source(Field::AllowCredentials).status, Status::Observed);
        assert_eq!(b.source(Field::OriginCase).status, Status::Assumed);
        assert_eq!(b.source(Field::OriginCase).evidence, "set in b.yaml");
        assert_eq!(b.origin[0].0, "endpoint");
        // Unquoted booleans and numbers are their text.
        let b = yaml("allow-credentials: false\noptions-missing-header: 403\n").unwrap();
        assert_eq!(b.choices.allow_credentials, AllowCredentials::Never);
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        let e = yaml(
            "allow-credential: false\norigin-case: maybe\nstar-origin:\n  value: echo\n  status: seen\n\
             max-age-zero:\n  status: observed\n  value: omitted\n",
        )
        .unwrap_err();
        let text = e.to_string();
        assert_eq!(e.diagnostics.len(), 4, "{text}");
        assert!(
            text.contains("b.yaml:1:1:") && text.contains("did you mean `allow-credentials`"),
            "{text}"
        );
        assert!(
            text.contains("b.yaml:2:14:")
                && text.contains("valid values: `sensitive`, `insensitive`"),
            "{text}"
        );
        assert!(
            text.contains("b.yaml:5:11:") && text.contains("valid statuses"),
            "{text}"
        );
        assert!(text.contains("gives no `evidence`"), "{text}");
    }

    #[test]
    fn what_is_written_reads_back() {
        let mut b = Behaviour::default();
        b.set(
            Field::StarOrigin,
            "echo",
            Status::Observed,
            "seen on a test bucket",
        )
        .unwrap();
        b.origin
            .push(("endpoint".into(), "http://127.0.0.1:9000".into()));
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(parse_behaviour(&json, Format::Json, "b.json").unwrap(), b);
        let e = parse_behaviour("[1]", Format::Json, "b.json").unwrap_err();
        assert!(e.to_string().contains("expected a mapping"), "{e}");
    }

    /// Found by the `behaviour` fuzz target: JSON allows repeated keys, YAML does not, so a
    /// JSON file with `source.a` twice was read (and written back as YAML that is refused).
    #[test]
    fn repeated_keys_are_errors_in_json_too() {
        for (text, at) in [
            (r#"{"source":{"a":"1","a":"2"}}"#, "b.json:1:20:"),
            (
                r#"{"origin-case":"sensitive","origin-case":"insensitive"}"#,
                "b.json:1:28:",
            ),
            (
                r#"{"origin-case":{"value":"sensitive","value":"insensitive"}}"#,
                "b.json:1:37:",
            ),
        ] {
            let e = parse_behaviour(text, Format::Json, "b.json")
                .unwrap_err()
                .to_string();
            assert!(e.contains("duplicate key") && e.contains(at), "{text}: {e}");
        }
    }

    /// Found by the `behaviour` fuzz target: `source` was written with its keys sorted, so
    /// a file whose `source` was not in alphabetical order did not read back equal.
    #[test]
    fn source_keeps_its_order_when_written() {
        let b =
            yaml("source:\n  endpoint: https://oss-cn-hangzhou.aliyuncs.com\n  date: 2026-12-07\n")
                .unwrap();
        let json = serde_json::to_string(&b).unwrap();
        assert!(json.find("endpoint") < json.find("date"), "{json}");
        assert_eq!(parse_behaviour(&json, Format::Json, "b.json").unwrap(), b);
    }
}
