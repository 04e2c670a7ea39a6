//! YAML documents, read with serde-saphyr into a positioned tree (then the shared schema in
//! `tree`), written with serde-saphyr's serializer.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::error::Diagnostic;
use super::tree::{Node, Val};
use super::{CorsConfiguration, LineIndex};

/// A YAML value whose children carry their locations.
enum YNode {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Seq(Vec<Spanned<YNode>>),
    Map(Vec<(Spanned<YNode>, Spanned<YNode>)>),
}

impl<'de> Deserialize<'de> for YNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YVisitor)
    }
}

struct YVisitor;

impl<'de> Visitor<'de> for YVisitor {
    type Value = YNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<YNode, E> {
        Ok(YNode::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<YNode, E> {
        Ok(YNode::Num(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<YNode, E> {
        Ok(YNode::Num(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<YNode, E> {
        Ok(YNode::Num(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<YNode, E> {
        Ok(YNode::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<YNode, E> {
        // Debug keeps the fraction (`600.0`), so a float is never mistaken for an integer.
        Ok(YNode::Num(format!("{v:?}")))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<YNode, E> {
        Ok(YNode::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<YNode, E> {
        Ok(YNode::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<YNode, E> {
        Ok(YNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YNode, D::Error> {
        YNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<YNode>>()? {
            items.push(item);
        }
        Ok(YNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YNode, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Spanned<YNode>, Spanned<YNode>>()? {
            entries.push((k, v));
        }
        Ok(YNode::Map(entries))
    }
}

/// Parser limits sized for CORS documents (10 rules of a few values each), far below
/// serde-saphyr's general-purpose defaults, so that alias bombs and huge documents are
/// refused quickly. Duplicate keys stay errors (the default).
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 50_000;
    budget.max_aliases = 1_000;
    budget.max_depth = 32;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 50_000;
    // YAML 1.2 booleans only: `yes`/`on` stay strings, so `response_vary: yes` is refused.
    options.strict_booleans = true;
    options
}

fn offset(loc: &Location, index: &LineIndex<'_>) -> usize {
    if let Some(b) = loc.span().byte_offset() {
        return b as usize;
    }
    index
        .offset(loc.line() as usize, loc.column() as usize)
        .unwrap_or(0)
}

fn convert(node: Spanned<YNode>, index: &LineIndex<'_>) -> Node {
    let at = offset(&node.referenced, index);
    let val = match node.value {
        YNode::Null => Val::Null,
        YNode::Bool(b) => Val::Bool(b),
        YNode::Num(n) => Val::Num(n),
        YNode::Str(s) => Val::Str(s),
        YNode::Seq(items) => Val::Seq(items.into_iter().map(|i| convert(i, index)).collect()),
        YNode::Map(entries) => Val::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key_at = offset(&k.referenced, index);
                    let key = match k.value {
                        YNode::Str(s) | YNode::Num(s) => s,
                        YNode::Bool(b) => b.to_string(),
                        YNode::Null => "null".to_string(),
                        YNode::Seq(_) | YNode::Map(_) => "<complex key>".to_string(),
                    };
                    (key, key_at, convert(v, index))
                })
                .collect(),
        ),
    };
    Node { val, at }
}

/// The YAML document (not empty: see `rules::read_document_tree`) as a positioned tree,
/// or its syntax error.
pub(crate) fn read_tree(text: &str, index: &LineIndex<'_>) -> Result<Node, Box<Diagnostic>> {
    match serde_saphyr::from_str_with_options::<Spanned<YNode>>(text, options()) {
        Ok(root) => Ok(convert(root, index)),
        Err(e) => {
            let plain = e.without_snippet();
            let mut message = plain.to_string();
            // The position is reported separately.
            for marker in [" at line ", ", set DuplicateKeyPolicy"] {
                if let Some(cut) = message.find(marker) {
                    message.truncate(cut);
                }
            }
            let pos = plain
                .location()
                .filter(|l| l.line() > 0)
                .map(|l| (l.line() as usize, l.column() as usize));
            // A `[` or `{` left open runs on into the next lines, and the parser only fails
            // where the run-on text stops making sense (an unclosed `[` on line 6 fails at
            // 7:19). Point at the bracket, the place to fix.
            let error_offset = pos.and_then(|(l, c)| index.offset(l, c));
            if let Some((line, column)) = pos
                && let Some(end) = error_offset
                && let Some((open_at, open)) = unclosed_flow(text, end)
                && index.position(open_at).0 < line
            {
                let close = if open == '[' { ']' } else { '}' };
                let opened = index.position(open_at);
                let what = if open == '[' { "list" } else { "mapping" };
                let d = Diagnostic::syntax(format!(
                    "invalid YAML: this `{open}` is never closed: the {what} runs on to \
                     {line}:{column}, where the parser gave up ({message})"
                ))
                .at(Some(opened))
                .help(format!(
                    "close the {what} with `{close}` (at the end of line {})",
                    opened.0
                ));
                return Err(Box::new(d));
            }
            let mut d = Diagnostic::syntax(format!("invalid YAML: {message}")).at(pos);
            if let Some((line, column)) = pos
                && let Some(off) = index.offset(line, column)
                && text[off..].starts_with('*')
            {
                d = d.help("a bare * starts a YAML alias; quote it: \"*\"");
            } else if message.contains("alias") || message.contains("anchor") {
                d = d.help("a bare * starts a YAML alias; quote wildcards: \"*\", \"https://*.example.com\"");
            }
            Err(Box::new(d))
        }
    }
}

/// The innermost flow collection (`[` or `{`) still open at byte `end` of `text`: its byte
/// offset and bracket. Quoted scalars and comments are skipped; outside a flow collection a
/// bracket counts only where a scalar can start (after a space, `-`, `:`, or at a line's
/// start), so `a[b` in a plain scalar is not one.
fn unclosed_flow(text: &str, end: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut i = 0;
    let scalar_start = |i: usize, in_flow: bool| {
        i == 0
            || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r')
            || (in_flow && matches!(bytes[i - 1], b'[' | b'{' | b','))
    };
    while i < end {
        let in_flow = !stack.is_empty();
        match bytes[i] {
            b'#' if scalar_start(i, false) => {
                while i < end && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' if scalar_start(i, in_flow) => {
                i += 1;
                while i < end {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'"' if scalar_start(i, in_flow) => {
                i += 1;
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b @ (b'[' | b'{') if in_flow || scalar_start(i, false) => {
                stack.push((i, b as char));
            }
            b']' | b'}' if in_flow => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.last().copied()
}

pub(crate) fn write(config: &CorsConfiguration) -> String {
    let mut options = serde_saphyr::SerializerOptions::default();
    // `rules:\n  - allowed_origins:\n      - ...`, and never folded block scalars (their
    // line folding would not survive every round trip).
    options.compact_list_indent = false;
    options.prefer_block_scalars = false;
    serde_saphyr::to_string_with_options(config, options).unwrap_or_default()
}
