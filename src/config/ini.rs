//! A small, strict reader for ossutil's INI configuration files (1.x and 2.x layouts).
//!
//! What it accepts, following ossutil's documentation:
//! - `[section]` headers; section names are matched case-insensitively;
//! - `key = value` lines; keys are normalised by [`normalize_key`] (lower case, `-` and `_`
//!   removed) so `accessKeyId`, `access-key-id` and `access_key_id` are one key;
//! - whole-line comments starting with `#` or `;` (a `#` inside a value is kept: secrets may
//!   contain one);
//! - ossutil 2.x's "inline arrangement" in `[buckets NAME]` sections: a key with an empty
//!   value followed by indented `key = value` lines forms a nested block;
//! - a UTF-8 byte-order mark and CRLF line ends.
//!
//! Anything else (a line that is neither, a key outside every section, an unclosed `[`) is a
//! [`IniError`] naming the line. Values are trimmed; surrounding double quotes are removed.
//! Pure: text in, data out.

use std::fmt;

/// One `key = value` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// The normalised key (see [`normalize_key`]).
    pub norm: String,
    /// The value, trimmed and unquoted.
    pub value: String,
    /// 1-based line number.
    pub line: usize,
    /// Indented entries that follow a key with an empty value (2.x `[buckets]` inline blocks).
    pub nested: Vec<Entry>,
}

/// One `[section]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The name as written between the brackets, trimmed.
    pub name: String,
    /// 1-based line number of the header.
    pub line: usize,
    /// The entries in file order.
    pub entries: Vec<Entry>,
}

impl Section {
    /// The last entry whose normalised key is one of `aliases` (already normalised), with
    /// later lines overriding earlier ones as ossutil does.
    pub fn get(&self, aliases: &[&str]) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| aliases.contains(&e.norm.as_str()))
    }

    /// The section name with runs of whitespace collapsed and lower-cased, e.g.
    /// `"profile  Dev"` → `"profile dev"`.
    pub fn norm_name(&self) -> String {
        normalize_section(&self.name)
    }
}

/// A parsed file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ini {
    /// The sections in file order (a repeated header yields a second section; lookups
    /// merge them, later wins).
    pub sections: Vec<Section>,
}

impl Ini {
    /// All sections whose normalised name equals `name` (normalised by the caller or not).
    pub fn sections_named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Section> + 'a {
        let want = normalize_section(name);
        self.sections.iter().filter(move |s| s.norm_name() == want)
    }

    /// The last entry for `aliases` across every section named `name`.
    pub fn get(&self, name: &str, aliases: &[&str]) -> Option<&Entry> {
        let mut found = None;
        for section in self.sections_named(name) {
            if let Some(e) = section.get(aliases) {
                found = Some(e);
            }
        }
        found
    }

    /// Whether a section with that name exists.
    pub fn has_section(&self, name: &str) -> bool {
        self.sections_named(name).next().is_some()
    }
}

/// A syntax error in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct IniError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

/// Normalises a key: ASCII lower case with `-`, `_` and spaces removed.
pub fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Normalises a section name: trimmed, lower case, inner whitespace collapsed to one space.
pub fn normalize_section(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// Parses the text of a configuration file.
pub fn parse(text: &str) -> Result<Ini, IniError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ini = Ini::default();
    // Whether the last entry of the current section may take an indented block.
    let mut open_block = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if trimmed.starts_with('[') {
            let Some(inner) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
                return Err(IniError {
                    line: line_no,
                    message: format!("section header {trimmed:?} has no closing ']'"),
                });
            };
            let name = inner.trim();
            if name.is_empty() {
                return Err(IniError {
                    line: line_no,
                    message: "empty section name '[]'".into(),
                });
            }
            ini.sections.push(Section {
                name: name.to_string(),
                line: line_no,
                entries: Vec::new(),
            });
            open_block = false;
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err(IniError {
                line: line_no,
                message: format!("expected 'key = value' or '[section]', found {trimmed:?}"),
            });
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(IniError {
                line: line_no,
                message: "a value without a key".into(),
            });
        }
        let Some(section) = ini.sections.last_mut() else {
            return Err(IniError {
                line: line_no,
                message: format!("key {key:?} appears before any [section] header"),
            });
        };
        let entry = Entry {
            key: key.to_string(),
            norm: normalize_key(key),
            value: unquote(value).to_string(),
            line: line_no,
            nested: Vec::new(),
        };
        if indented && open_block {
            // Nested under the last top-level entry (which has an empty value).
            if let Some(parent) = section.entries.last_mut() {
                parent.nested.push(entry);
                continue;
            }
        }
        open_block = entry.value.is_empty();
        section.entries.push(entry);
    }
    Ok(ini)
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (line {})", self.key, self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ossutil_1x_file() {
        let text = "[Credentials]\nlanguage=EN\nendpoint=oss-cn-hangzhou.aliyuncs.com\naccessKeyID=LTAI5tExample\naccessKeySecret=abc#def\n[Bucket-Endpoint]\nmybucket=oss-cn-beijing.aliyuncs.com\n";
        let ini = parse(text).unwrap();
        assert_eq!(ini.sections.len(), 2);
        let e = ini.get("credentials", &["accesskeyid"]).unwrap();
        assert_eq!(e.value, "LTAI5tExample");
        assert_eq!(e.line, 4);
        // '#' inside a value is kept.
        assert_eq!(
            ini.get("CREDENTIALS", &["accesskeysecret"]).unwrap().value,
            "abc#def"
        );
        assert_eq!(
            ini.get("bucket-endpoint", &["mybucket"]).unwrap().value,
            "oss-cn-beijing.aliyuncs.com"
        );
    }

    #[test]
    fn key_spellings_are_one_key() {
        for key in [
            "accesskeyid",
            "accessKeyId",
            "access-key-id",
            "access_key_id",
            "AccessKeyID",
        ] {
            let ini = parse(&format!("[default]\n{key} = X\n")).unwrap();
            assert_eq!(
                ini.get("default", &["accesskeyid"]).unwrap().value,
                "X",
                "{key}"
            );
        }
    }

    #[test]
    fn section_names_case_and_space_insensitive() {
        let ini = parse("[Profile   Dev]\nregion=cn-beijing\n").unwrap();
        assert_eq!(
            ini.get("profile dev", &["region"]).unwrap().value,
            "cn-beijing"
        );
        assert!(ini.has_section("PROFILE DEV"));
        assert!(!ini.has_section("dev"));
    }

    #[test]
    fn comments_bom_crlf_quotes() {
        let ini = parse("\u{feff}# top\r\n[default]\r\n; c\r\n  # indented comment\r\nregion = \"cn-shanghai\"\r\n").unwrap();
        assert_eq!(
            ini.get("default", &["region"]).unwrap().value,
            "cn-shanghai"
        );
    }

    #[test]
    fn later_lines_override() {
        let ini = parse("[default]\nregion=a\nregion=b\n[default]\nendpoint=e\n").unwrap();
        assert_eq!(ini.get("default", &["region"]).unwrap().value, "b");
        assert_eq!(ini.get("default", &["endpoint"]).unwrap().value, "e");
    }

    #[test]
    fn inline_bucket_blocks() {
        let text = "[buckets mine]\nbucket-a =\n  region = cn-beijing\n  addressing-style = path\nbucket-b=\n\tendpoint=http://127.0.0.1:9000\n";
        let ini = parse(text).unwrap();
        let s = ini.sections_named("buckets mine").next().unwrap();
        assert_eq!(s.entries.len(), 2);
        assert_eq!(s.entries[0].key, "bucket-a");
        assert_eq!(s.entries[0].nested.len(), 2);
        assert_eq!(s.entries[0].nested[1].norm, "addressingstyle");
        assert_eq!(s.entries[1].nested[0].value, "http://127.0.0.1:9000");
    }

    #[test]
    fn indented_plain_keys_are_top_level() {
        let ini = parse("[default]\n  region = cn-beijing\n  endpoint = e\n").unwrap();
        let s = &ini.sections[0];
        assert_eq!(s.entries.len(), 2);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("[default\nx=1").unwrap_err().line, 1);
        let e = parse("[default]\njust words\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("expected 'key = value'"), "{e}");
        let e = parse("region=x\n").unwrap_err();
        assert!(e.message.contains("before any [section]"), "{e}");
        assert_eq!(parse("[]\n").unwrap_err().line, 1);
        assert_eq!(parse("[a]\n= v\n").unwrap_err().line, 2);
    }
}
