//! GitHub Actions workflow commands (`::warning file=F,line=L,col=C,title=T::message`), the
//! lines a workflow step prints to put annotations on a pull request.
//!
//! Owns: the annotation line and its escaping, which follows the Actions toolkit
//! (`@actions/core`, `command.ts`): in the message `%`, CR and LF become `%25`, `%0D` and
//! `%0A`; in a property value `:` and `,` become `%3A` and `%2C` as well. Anything else
//! (quotes, `::`, non-ASCII text) passes as it is: after escaping, a line can never be cut
//! short or split in two, whatever the finding says. Pure: returns strings.

use std::fmt::Write as _;

/// How serious an annotation is (GitHub's three levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `::error`
    Error,
    /// `::warning`
    Warning,
    /// `::notice`
    Notice,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

/// One annotation. `file` is a path relative to the repository root (GitHub attaches the
/// annotation to that file of the pull request); without it the annotation is shown on the
/// run only. `line`/`col` are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation<'a> {
    pub level: Level,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub title: Option<&'a str>,
    pub message: &'a str,
}

/// The escaping of a command's message (`escapeData` in the toolkit): `%`, CR and LF as
/// `%XX`.
pub fn escape_data(s: &str) -> String {
    percent_escape(s, &['%', '\r', '\n'])
}

/// The escaping of a property value (`escapeProperty` in the toolkit): as
/// [`escape_data`], and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    percent_escape(s, &['%', '\r', '\n', ':', ','])
}

/// `s` with each of `special` (all ASCII) written as `%XX`, upper-case hex.
fn percent_escape(s: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if special.contains(&c) {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The workflow command line for `a`, with its final newline.
pub fn annotation(a: &Annotation<'_>) -> String {
    let mut out = format!("::{}", a.level.command());
    let mut props: Vec<String> = Vec::new();
    if let Some(f) = a.file {
        props.push(format!("file={}", escape_property(f)));
    }
    if let Some(l) = a.line {
        props.push(format!("line={l}"));
    }
    if let Some(c) = a.col {
        props.push(format!("col={c}"));
    }
    if let Some(t) = a.title {
        props.push(format!("title={}", escape_property(t)));
    }
    if !props.is_empty() {
        out.push(' ');
        out.push_str(&props.join(","));
    }
    let _ = writeln!(out, "::{}", escape_data(a.message));
    out
}

/// An annotation read back: level, properties in order, message.
pub type Parsed = (String, Vec<(String, String)>, String);

/// Reads an annotation line back (the inverse of [`annotation`]), for tests: level,
/// properties in order, message. `None` when the line is not one workflow command.
pub fn parse_annotation(line: &str) -> Option<Parsed> {
    /// One left-to-right pass: `%25`, `%0D`, `%0A` (and in properties `%3A`, `%2C`).
    fn unescape(s: &str, property: bool) -> Option<String> {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('%') {
            out.push_str(&rest[..i]);
            let code = rest.get(i + 1..i + 3)?;
            out.push(match code {
                "25" => '%',
                "0D" => '\r',
                "0A" => '\n',
                "3A" if property => ':',
                "2C" if property => ',',
                _ => return None,
            });
            rest = &rest[i + 3..];
        }
        out.push_str(rest);
        Some(out)
    }
    let line = line.strip_suffix('\n').unwrap_or(line);
    if line.contains('\n') || line.contains('\r') {
        return None;
    }
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (level, props) = match head.split_once(' ') {
        Some((l, p)) => (l, p),
        None => (head, ""),
    };
    let mut out = Vec::new();
    for p in props.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = p.split_once('=')?;
        out.push((k.to_string(), unescape(v, true)?));
    }
    Some((level.to_string(), out, unescape(message, false)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_annotation() {
        let a = Annotation {
            level: Level::Warning,
            file: Some("cors/rules.yaml"),
            line: Some(3),
            col: Some(7),
            title: Some("ossctl dead-origin"),
            message: "\"https://A.example.com\" never matches",
        };
        assert_eq!(
            annotation(&a),
            "::warning file=cors/rules.yaml,line=3,col=7,title=ossctl dead-origin::\"https://A.example.com\" never matches\n"
        );
    }

    #[test]
    fn hostile_text_is_escaped() {
        let a = Annotation {
            level: Level::Error,
            file: Some("a,b:c%.yaml"),
            line: None,
            col: None,
            title: Some("x::y"),
            message: "50% done\nfix: a::b\r\n]]>",
        };
        let line = annotation(&a);
        assert_eq!(
            line,
            "::error file=a%2Cb%3Ac%25.yaml,title=x%3A%3Ay::50%25 done%0Afix: a::b%0D%0A]]>\n"
        );
        assert_eq!(line.matches('\n').count(), 1);
    }

    #[test]
    fn no_properties() {
        let a = Annotation {
            level: Level::Notice,
            file: None,
            line: None,
            col: None,
            title: None,
            message: "m",
        };
        assert_eq!(annotation(&a), "::notice::m\n");
    }

    proptest! {
        /// Whatever the text, the command is one line and reads back to what was given.
        #[test]
        fn any_text_round_trips(file in "\\PC*", title in "\\PC*", message in "(\\PC|\n|\r)*") {
            let a = Annotation {
                level: Level::Warning,
                file: Some(&file),
                line: Some(1),
                col: None,
                title: Some(&title),
                message: &message,
            };
            let line = annotation(&a);
            prop_assert!(line.ends_with('\n'));
            prop_assert_eq!(line.matches('\n').count(), 1);
            prop_assert!(!line.contains('\r'));
            let (level, props, m) = parse_annotation(&line).unwrap();
            prop_assert_eq!(level, "warning");
            prop_assert_eq!(&props[0], &("file".to_string(), file.clone()));
            prop_assert_eq!(&props[2], &("title".to_string(), title.clone()));
            prop_assert_eq!(m, message);
        }
    }
}
