//! JUnit XML for `cors test --requests --output junit`: one `<testcase>` per request line,
//! a `<failure>` for a blocked request (the browser's complaint and the fix), an `<error>`
//! for a line that is not a valid request.
//!
//! Owns: the document layout and XML escaping. The layout is the one CI test reporters read
//! (Jenkins, GitLab, the `junitparser` library): `<testsuites>` with one `<testsuite>`
//! carrying `tests`, `failures`, `errors` and `skipped` counts. Text is escaped for XML 1.0;
//! characters XML 1.0 cannot hold at all (most C0 controls) are written as `\u{..}`, so any
//! request or message gives a well-formed document. Pure: writes into any `io::Write`.
//!
//! The counts come first in the document but are known only at the end, so the caller
//! streams the cases into a spool (see [`write_case`]) and frames them with [`write_head`]
//! and [`write_tail`] when done.

use std::io::{self, Write};

/// What happened to one request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// The browser lets the page read the response.
    Passed,
    /// Blocked: `kind` is `blocked_preflight` or `blocked_response`, `message` the verdict
    /// line, `details` the fixes (one per line).
    Failed {
        kind: &'a str,
        message: &'a str,
        details: &'a str,
    },
    /// The line is not a valid request.
    Error { message: &'a str },
}

/// One test case: the request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case<'a> {
    /// The `classname` (the requests file).
    pub class: &'a str,
    /// The test's name (`line 3: PUT https://app.example.com /`).
    pub name: &'a str,
    /// The outcome.
    pub outcome: Outcome<'a>,
}

/// The counts of a suite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tests: u64,
    pub failures: u64,
    pub errors: u64,
}

impl Counts {
    /// Counts one more case.
    pub fn add(&mut self, outcome: &Outcome<'_>) {
        self.tests += 1;
        match outcome {
            Outcome::Passed => {}
            Outcome::Failed { .. } => self.failures += 1,
            Outcome::Error { .. } => self.errors += 1,
        }
    }
}

/// Escapes text for XML 1.0 element content or a double-quoted attribute: `& < > " '`
/// become entities; in attributes TAB, LF and CR become character references (so they
/// survive attribute-value normalisation); characters XML 1.0 forbids become `\u{XX}`.
pub fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    crate::rules::escape_xml_with(&mut out, s, |out, c| match c {
        '\t' if attribute => out.push_str("&#9;"),
        '\n' if attribute => out.push_str("&#10;"),
        '\r' => out.push_str("&#13;"),
        c if allowed_in_xml(c) => out.push(c),
        c => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
    });
    out
}

/// Whether XML 1.0 allows the character (production `Char`).
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The XML declaration, `<testsuites>` and the opening `<testsuite>`, with the counts.
pub fn write_head(out: &mut impl Write, suite: &str, counts: Counts) -> io::Result<()> {
    let name = escape(suite, true);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="ossctl cors test" tests="{}" failures="{}" errors="{}" skipped="0">"#,
        counts.tests, counts.failures, counts.errors
    )?;
    writeln!(
        out,
        r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="{}" skipped="0">"#,
        counts.tests, counts.failures, counts.errors
    )
}

/// One `<testcase>` element.
pub fn write_case(out: &mut impl Write, case: &Case<'_>) -> io::Result<()> {
    let name = escape(case.name, true);
    let class = escape(case.class, true);
    match &case.outcome {
        Outcome::Passed => writeln!(out, r#"    <testcase name="{name}" classname="{class}"/>"#),
        Outcome::Failed {
            kind,
            message,
            details,
        } => {
            writeln!(out, r#"    <testcase name="{name}" classname="{class}">"#)?;
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(kind, true),
                escape(message, true),
                escape(details, false)
            )?;
            writeln!(out, "    </testcase>")
        }
        Outcome::Error { message } => {
            writeln!(out, r#"    <testcase name="{name}" classname="{class}">"#)?;
            writeln!(
                out,
                r#"      <error type="invalid_request" message="{}">{}</error>"#,
                escape(message, true),
                escape(message, false)
            )?;
            writeln!(out, "    </testcase>")
        }
    }
}

/// Closes the suite and the document.
pub fn write_tail(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn document(cases: &[Case<'_>]) -> String {
        let mut counts = Counts::default();
        let mut body = Vec::new();
        for c in cases {
            counts.add(&c.outcome);
            write_case(&mut body, c).unwrap();
        }
        let mut out = Vec::new();
        write_head(&mut out, "requests.jsonl", counts).unwrap();
        out.extend_from_slice(&body);
        write_tail(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Reads the document with quick-xml and returns (testcase names, failure messages,
    /// failure texts): a document that is not well-formed fails the test.
    fn read_back(doc: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(doc);
        let (mut names, mut messages, mut texts) = (Vec::new(), Vec::new(), Vec::new());
        let mut in_failure = false;
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Start(e) | Event::Empty(e) => {
                    let attr = |k: &str| {
                        e.attributes()
                            .map(|a| a.unwrap())
                            .find(|a| a.key.as_ref() == k)
                            .map(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .unwrap()
                                    .into_owned()
                            })
                    };
                    match e.name().as_ref() {
                        "testcase" => names.push(attr("name").unwrap()),
                        "failure" => {
                            messages.push(attr("message").unwrap());
                            in_failure = true;
                            texts.push(String::new());
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_failure => {
                    texts.last_mut().unwrap().push_str(&t.xml10_content());
                }
                Event::GeneralRef(r) if in_failure => {
                    let c = match r.resolve_char_ref().unwrap() {
                        Some(c) => c,
                        None => match &*r.xml10_content() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "apos" => '\'',
                            "quot" => '"',
                            other => panic!("entity {other}"),
                        },
                    };
                    texts.last_mut().unwrap().push(c);
                }
                Event::End(e) if e.name().as_ref() == "failure" => in_failure = false,
                Event::Eof => break,
                _ => {}
            }
        }
        (names, messages, texts)
    }

    #[test]
    fn counts_and_layout() {
        let doc = document(&[
            Case {
                class: "r.jsonl",
                name: "line 1: GET https://a.example.com /",
                outcome: Outcome::Passed,
            },
            Case {
                class: "r.jsonl",
                name: "line 2: PUT https://a.example.com /",
                outcome: Outcome::Failed {
                    kind: "blocked_preflight",
                    message: "blocked at preflight: no rule",
                    details: "add PUT",
                },
            },
            Case {
                class: "r.jsonl",
                name: "line 3",
                outcome: Outcome::Error {
                    message: "not JSON",
                },
            },
        ]);
        assert!(
            doc.contains(r#"tests="3" failures="1" errors="1""#),
            "{doc}"
        );
        let (names, messages, texts) = read_back(&doc);
        assert_eq!(names.len(), 3);
        assert_eq!(messages, ["blocked at preflight: no rule"]);
        assert_eq!(texts, ["add PUT"]);
    }

    #[test]
    fn hostile_text_stays_well_formed() {
        let evil = "a\"b'c<d>&e ]]> \u{1}\u{0}\u{FFFF} %0A :: \n\r\t end";
        let doc = document(&[Case {
            class: evil,
            name: evil,
            outcome: Outcome::Failed {
                kind: evil,
                message: evil,
                details: evil,
            },
        }]);
        assert!(!doc.contains("]]>"));
        let (names, messages, _) = read_back(&doc);
        let expected = "a\"b'c<d>&e ]]> \\u{1}\\u{0}\\u{FFFF} %0A :: \n\r\t end";
        assert_eq!(names, [expected]);
        assert_eq!(messages, [expected]);
    }

    proptest! {
        /// Any text is written so that an XML reader gives it back (characters XML cannot
        /// hold aside, which become `\u{..}`).
        #[test]
        fn any_text_round_trips(name in "\\PC*", message in "(\\PC|\n|\t)*", details in "(\\PC|\n|\t)*") {
            let doc = document(&[Case {
                class: "c",
                name: &name,
                outcome: Outcome::Failed { kind: "blocked_response", message: &message, details: &details },
            }]);
            let (names, messages, texts) = read_back(&doc);
            prop_assert_eq!(&names[0], &name);
            prop_assert_eq!(&messages[0], &message);
            prop_assert_eq!(texts.concat(), details);
        }
    }
}
