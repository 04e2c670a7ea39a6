//! The YAML/JSON schema, applied to a generic tree of values with byte offsets (built by
//! the YAML and JSON readers), so both formats give the same messages and every problem is
//! reported, not just the first.

use std::collections::HashMap;

use super::error::Diagnostic;
use super::xml::parse_max_age;
use super::{CorsConfiguration, CorsRule, Field, LineIndex, Naming, Parsed, RuleSpans, Spans};

/// A value read from YAML or JSON, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub val: Val,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Bool(bool),
    /// A number, as written (integers and floats alike).
    Num(String),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; keys with their offsets.
    Map(Vec<(String, usize, Node)>),
}

impl Val {
    /// How a value is described in "found ..." messages.
    fn describe(&self) -> String {
        match self {
            Val::Null => "null".to_string(),
            Val::Bool(b) => b.to_string(),
            Val::Num(n) => n.clone(),
            Val::Str(s) => format!("{s:?}"),
            Val::Seq(_) => "a list".to_string(),
            Val::Map(_) => "a mapping".to_string(),
        }
    }
}

const TOP_KEYS: [&str; 2] = ["rules", "response_vary"];
const RULE_KEYS: [&str; 5] = [
    "allowed_origins",
    "allowed_methods",
    "allowed_headers",
    "expose_headers",
    "max_age_seconds",
];

struct Walker<'a> {
    index: &'a LineIndex<'a>,
    diagnostics: Vec<Diagnostic>,
    /// The document is not a mapping, or `rules` is not a list: there is nothing to
    /// validate (and "no rules" would only repeat the problem).
    shape_error: bool,
    skip_rules: Vec<usize>,
}

/// The rule document of a tree the YAML or JSON reader built, or the reader's syntax error
/// as the document's one (fatal) problem.
pub(crate) fn walk_read(read: Result<Node, Box<Diagnostic>>, index: &LineIndex<'_>) -> Parsed {
    match read {
        Ok(root) => walk(&root, index),
        Err(d) => Parsed {
            config: CorsConfiguration::default(),
            spans: super::Spans::default(),
            diagnostics: vec![*d],
            fatal: true,
            skip_rules: Vec::new(),
        },
    }
}

/// Applies the schema to a parsed tree.
pub(crate) fn walk(root: &Node, index: &LineIndex<'_>) -> Parsed {
    let mut w = Walker {
        index,
        diagnostics: Vec::new(),
        shape_error: false,
        skip_rules: Vec::new(),
    };
    let mut config = CorsConfiguration::default();
    let mut spans = Spans {
        root: Some(root.at),
        rules: Vec::new(),
    };
    match &root.val {
        Val::Map(entries) => {
            w.duplicates(entries, None);
            for (key, key_at, value) in entries {
                match key.as_str() {
                    "rules" => w.rules(value, &mut config, &mut spans),
                    "response_vary" => match &value.val {
                        Val::Bool(b) => config.response_vary = Some(*b),
                        Val::Null => {}
                        other => w.push(
                            Diagnostic::invalid(format!(
                                "response_vary: expected true or false, found {}",
                                other.describe()
                            ))
                            .field("ResponseVary")
                            .value(plain(other))
                            .help("write response_vary: true or response_vary: false (unquoted)"),
                            value.at,
                        ),
                    },
                    _ => {
                        let d = w.unknown(key, None, &TOP_KEYS);
                        w.push(d, *key_at);
                    }
                }
            }
        }
        Val::Null => w.push(
            Diagnostic::syntax("the document is empty; expected a mapping with a `rules` list")
                .help(
                    "a minimal document is `rules: [{allowed_origins: [\"https://app.example.com\"], \
                     allowed_methods: [GET]}]` in YAML, or `{\"rules\": [{\"allowed_origins\": \
                     [\"https://app.example.com\"], \"allowed_methods\": [\"GET\"]}]}` in JSON",
                ),
            root.at,
        ),
        Val::Seq(_) => w.push(
            Diagnostic::syntax(format!(
                "expected a mapping with a `rules` list at the top level, found {}",
                root.val.describe()
            ))
            .help("put the list of rules under `rules:`"),
            root.at,
        ),
        other => w.push(
            Diagnostic::syntax(format!(
                "expected a mapping with a `rules` list at the top level, found {}",
                other.describe()
            )),
            root.at,
        ),
    }
    if !matches!(root.val, Val::Map(_)) {
        w.shape_error = true;
    }
    Parsed {
        config,
        spans,
        diagnostics: w.diagnostics,
        fatal: w.shape_error,
        skip_rules: w.skip_rules,
    }
}

/// The value of a scalar as text (for `Diagnostic::value`).
fn plain(v: &Val) -> String {
    match v {
        Val::Str(s) => s.clone(),
        other => other.describe(),
    }
}

impl Walker<'_> {
    fn push(&mut self, d: Diagnostic, at: usize) {
        let pos = self.index.position(at);
        self.diagnostics.push(d.at(Some(pos)));
    }

    fn unknown(&self, key: &str, rule: Option<usize>, known: &[&str]) -> Diagnostic {
        let d = Diagnostic::unknown(format!("unknown key `{key}`"))
            .value(key)
            .rule(rule);
        // XML element names map to their keys (CORSRule → rules).
        let xml_alias = match key {
            "CORSRule" | "CORSRules" | "CORSConfiguration" => Some("rules"),
            _ => None,
        }
        .filter(|k| known.contains(k));
        match xml_alias.or_else(|| super::did_you_mean(key, known)) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("expected one of: {}", known.join(", "))),
        }
    }

    /// Reports repeated keys in one mapping (JSON allows them syntactically; YAML readers
    /// catch them earlier).
    fn duplicates(&mut self, entries: &[(String, usize, Node)], rule: Option<usize>) {
        if entries.len() < 2 {
            return;
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        for (key, at, _) in entries {
            if let Some(&first) = seen.get(key.as_str()) {
                let (l, c) = self.index.position(first);
                let d =
                    Diagnostic::syntax(format!("duplicate key `{key}` (first defined at {l}:{c})"))
                        .value(key.as_str())
                        .rule(rule);
                self.push(d, *at);
            } else {
                seen.insert(key, *at);
            }
        }
    }

    fn rules(&mut self, node: &Node, config: &mut CorsConfiguration, spans: &mut Spans) {
        let items = match &node.val {
            Val::Seq(items) => items,
            Val::Null => return,
            other => {
                let d = Diagnostic::syntax(format!(
                    "rules: expected a list of rules, found {}",
                    other.describe()
                ))
                .field("CORSRule")
                .help("write each rule as a list item starting with `- allowed_origins: ...`");
                self.push(d, node.at);
                self.shape_error = true;
                return;
            }
        };
        for (i, item) in items.iter().enumerate() {
            let n = Some(i + 1);
            let mut rule = CorsRule::default();
            let mut rs = RuleSpans {
                rule: Some(item.at),
                ..RuleSpans::default()
            };
            match &item.val {
                Val::Map(entries) => {
                    self.duplicates(entries, n);
                    for (key, key_at, value) in entries {
                        let field = match key.as_str() {
                            "allowed_origins" => Field::AllowedOrigin,
                            "allowed_methods" => Field::AllowedMethod,
                            "allowed_headers" => Field::AllowedHeader,
                            "expose_headers" => Field::ExposeHeader,
                            "max_age_seconds" => {
                                self.max_age(value, n, &mut rule, &mut rs);
                                continue;
                            }
                            _ => {
                                let d = self.unknown(key, n, &RULE_KEYS);
                                self.push(d, *key_at);
                                continue;
                            }
                        };
                        let (list, offsets) = match field {
                            Field::AllowedOrigin => (&mut rule.allowed_origins, &mut rs.origins),
                            Field::AllowedMethod => (&mut rule.allowed_methods, &mut rs.methods),
                            Field::AllowedHeader => (&mut rule.allowed_headers, &mut rs.headers),
                            _ => (&mut rule.expose_headers, &mut rs.expose),
                        };
                        self.strings(value, field, n, list, offsets);
                    }
                }
                other => {
                    let d = Diagnostic::syntax(format!(
                        "expected a rule (a mapping with allowed_origins, allowed_methods, ...), found {}",
                        other.describe()
                    ))
                    .rule(n);
                    self.push(d, item.at);
                    self.skip_rules.push(i + 1);
                }
            }
            config.rules.push(rule);
            spans.rules.push(rs);
        }
    }

    /// A list of strings (a single string is taken as a one-item list).
    fn strings(
        &mut self,
        node: &Node,
        field: Field,
        rule: Option<usize>,
        list: &mut Vec<String>,
        offsets: &mut Vec<usize>,
    ) {
        let name = field.snake();
        let items: &[Node] = match &node.val {
            Val::Seq(items) => items,
            Val::Str(_) => std::slice::from_ref(node),
            Val::Null => return,
            other => {
                let d = Diagnostic::syntax(format!(
                    "{name}: expected a list of strings, found {}",
                    other.describe()
                ))
                .field(field.xml())
                .value(plain(other))
                .rule(rule);
                self.push(d, node.at);
                return;
            }
        };
        for item in items {
            match &item.val {
                Val::Str(s) => {
                    list.push(s.trim().to_string());
                    offsets.push(item.at);
                }
                other => {
                    let mut d = Diagnostic::syntax(format!(
                        "{name}: expected a string, found {}",
                        other.describe()
                    ))
                    .field(field.xml())
                    .value(plain(other))
                    .rule(rule);
                    if matches!(other, Val::Num(_) | Val::Bool(_) | Val::Null) {
                        d = d.help("quote it, e.g. \"...\"");
                    }
                    self.push(d, item.at);
                }
            }
        }
    }

    fn max_age(&mut self, node: &Node, n: Option<usize>, rule: &mut CorsRule, rs: &mut RuleSpans) {
        rs.max_age = Some(node.at);
        let result = match &node.val {
            Val::Null => return,
            // numbers only: a string such as "600" is reported below with its quotes
            Val::Num(text) => parse_max_age(text, Naming::Snake),
            other => Err(Box::new(
                Diagnostic::syntax(format!(
                    "max_age_seconds: expected a non-negative integer, found {}",
                    other.describe()
                ))
                .field("MaxAgeSeconds")
                .value(plain(other)),
            )),
        };
        match result {
            Ok(v) => rule.max_age_seconds = Some(v),
            Err(d) => self.push(d.rule(n), node.at),
        }
    }
}
