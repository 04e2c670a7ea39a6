//! JSON documents: serde_json checks the syntax (its errors carry line:column) and bounds the
//! nesting depth (128, before the recursive scanner runs), then a small
//! scanner builds the positioned tree the shared schema (`tree`) walks.

use super::LineIndex;
use super::error::Diagnostic;
use super::tree::{Node, Val};

/// The JSON document (not empty: see `rules::read_document_tree`) as a positioned tree,
/// or its syntax error.
pub(crate) fn read_tree(text: &str, index: &LineIndex<'_>) -> Result<Node, Box<Diagnostic>> {
    // IgnoredAny gives the best syntax messages but has no depth limit; Value stops at 128
    // levels, so the recursive scanner below cannot overflow the stack.
    let checked = serde_json::from_str::<serde::de::IgnoredAny>(text)
        .and_then(|_| serde_json::from_str::<serde_json::Value>(text).map(drop));
    if let Err(e) = checked {
        let mut message = e.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        let pos = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
        let mut d = Diagnostic::syntax(format!("invalid JSON: {message}")).at(pos);
        // `[1,]` / `{"a": 1,}`: serde_json only says "expected value" / "key must be a string".
        if let Some(off) = pos.and_then(|(l, c)| index.offset(l, c)) {
            let at = text[off..].chars().next();
            let before = text[..off].trim_end().chars().last();
            if matches!(at, Some(']' | '}')) && before == Some(',') {
                d = d.help("remove the trailing comma");
            }
        }
        return Err(Box::new(d));
    }
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    // serde_json accepted the text, so the scanner cannot fail; stay safe anyway.
    s.value()
        .ok_or_else(|| Box::new(Diagnostic::syntax("invalid JSON").at(Some(index.position(s.pos)))))
}

/// A scanner for JSON that serde_json has already accepted.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Option<Node> {
        self.ws();
        let at = self.pos;
        let val = match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                loop {
                    self.ws();
                    match *self.bytes.get(self.pos)? {
                        b'}' => {
                            self.pos += 1;
                            break;
                        }
                        b',' => self.pos += 1,
                        b'"' => {
                            let key_at = self.pos;
                            let key = self.string()?;
                            self.ws();
                            if self.bytes.get(self.pos) != Some(&b':') {
                                return None;
                            }
                            self.pos += 1;
                            let v = self.value()?;
                            entries.push((key, key_at, v));
                        }
                        _ => return None,
                    }
                }
                Val::Map(entries)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match *self.bytes.get(self.pos)? {
                        b']' => {
                            self.pos += 1;
                            break;
                        }
                        b',' => self.pos += 1,
                        _ => items.push(self.value()?),
                    }
                }
                Val::Seq(items)
            }
            b'"' => Val::Str(self.string()?),
            b't' => self.literal("true", Val::Bool(true))?,
            b'f' => self.literal("false", Val::Bool(false))?,
            b'n' => self.literal("null", Val::Null)?,
            _ => {
                let start = self.pos;
                while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') =
                    self.bytes.get(self.pos)
                {
                    self.pos += 1;
                }
                if start == self.pos {
                    return None;
                }
                Val::Num(self.text[start..self.pos].to_string())
            }
        };
        Some(Node { val, at })
    }

    fn literal(&mut self, word: &str, val: Val) -> Option<Val> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Some(val)
        } else {
            None
        }
    }

    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let raw = self.text.get(start..self.pos)?;
        if raw.contains('\\') {
            serde_json::from_str(raw).ok()
        } else {
            Some(raw[1..raw.len() - 1].to_string())
        }
    }
}
