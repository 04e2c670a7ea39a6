//! AWS S3 bucket CORS JSON ⇄ the rule model, so rules move between clouds.
//!
//! Owns: reading the JSON that `aws s3api get-bucket-cors` prints (and `put-bucket-cors
//! --cors-configuration` takes): `{"CORSRules": [{"ID": .., "AllowedHeaders": [..],
//! "AllowedMethods": [..], "AllowedOrigins": [..], "ExposeHeaders": [..], "MaxAgeSeconds": N}]}`
//! (the S3 console's bare array of rules is accepted too), and writing it back.
//!
//! Nothing is lost silently: what one side cannot hold comes back as a [`Note`] (S3 rule
//! `ID`s on the way in, `ResponseVary` on the way out) for the caller to print. OSS's limits
//! are not checked here; callers validate with [`crate::rules::validate`] when the result
//! goes to OSS.
//!
//! Pure: text in, text or diagnostics out. Depends only on the model in [`crate::rules`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{CorsConfiguration, CorsRule};

/// Something a conversion could not carry over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// An S3 rule's `ID` (OSS rules have no identifier).
    DroppedId {
        /// 1-based rule number.
        rule: usize,
        /// The ID that was dropped.
        id: String,
    },
    /// OSS's `ResponseVary` (S3 has no such switch).
    DroppedResponseVary(bool),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::DroppedId { rule, id } => write!(
                f,
                "rule {rule}: S3 ID {id:?} dropped (OSS CORS rules have no ID)"
            ),
            Note::DroppedResponseVary(true) => f.write_str(
                "ResponseVary true dropped: S3 has no such setting (S3 itself sends \
                 `Vary: Origin` on CORS responses)",
            ),
            Note::DroppedResponseVary(false) => {
                f.write_str("ResponseVary false dropped: S3 has no such setting")
            }
        }
    }
}

/// An S3 CORS JSON document that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}:{line}:{column}: {message}{}", help.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
pub struct S3JsonError {
    /// The file name (or `-`) the document came from.
    pub source_name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when obvious (e.g. "did you mean `AllowedOrigins`?").
    pub help: Option<String>,
}

/// The S3 field names, for "did you mean" hints.
const S3_RULE_FIELDS: [&str; 6] = [
    "ID",
    "AllowedHeaders",
    "AllowedMethods",
    "AllowedOrigins",
    "ExposeHeaders",
    "MaxAgeSeconds",
];

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct S3Document {
    #[serde(rename = "CORSRules")]
    cors_rules: Vec<S3Rule>,
}

/// `put-bucket-cors --cors-configuration file://cors.json` takes the document wrapped:
/// `{"CORSConfiguration": {"CORSRules": [...]}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct S3Wrapped {
    #[serde(rename = "CORSConfiguration")]
    cors_configuration: S3Document,
}

/// Whether `text` is a JSON object whose only key is `CORSConfiguration`.
fn is_wrapped(text: &str) -> bool {
    matches!(
        serde_json::from_str::<serde_json::Value>(text),
        Ok(serde_json::Value::Object(map)) if map.contains_key("CORSConfiguration")
    )
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "PascalCase")]
struct S3Rule {
    #[serde(rename = "ID", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allowed_headers: Vec<String>,
    allowed_methods: Vec<String>,
    allowed_origins: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expose_headers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_age_seconds: Option<u64>,
}

/// Reads S3 CORS JSON (`{"CORSRules": [...]}`, the same wrapped as
/// `{"CORSConfiguration": {"CORSRules": [...]}}` as `put-bucket-cors --cors-configuration`
/// takes it, or a bare array of rules). Returns the
/// configuration (with `response_vary` unset) and the notes about what was dropped.
pub fn from_s3_json(
    text: &str,
    source_name: &str,
) -> Result<(CorsConfiguration, Vec<Note>), S3JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    // Parse with the concrete shape so errors carry the exact line:column (an untagged
    // enum would only say "did not match any variant").
    let rules: Vec<S3Rule> = if trimmed.starts_with('[') {
        serde_json::from_str(text).map_err(|e| json_error(&e, source_name))?
    } else if is_wrapped(text) {
        serde_json::from_str::<S3Wrapped>(text)
            .map_err(|e| json_error(&e, source_name))?
            .cors_configuration
            .cors_rules
    } else {
        serde_json::from_str::<S3Document>(text)
            .map_err(|e| json_error(&e, source_name))?
            .cors_rules
    };
    let mut notes = Vec::new();
    let rules = rules
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            if let Some(id) = r.id {
                notes.push(Note::DroppedId { rule: i + 1, id });
            }
            CorsRule {
                allowed_origins: r.allowed_origins,
                allowed_methods: r.allowed_methods,
                allowed_headers: r.allowed_headers,
                expose_headers: r.expose_headers,
                max_age_seconds: r.max_age_seconds,
            }
        })
        .collect();
    Ok((
        CorsConfiguration {
            rules,
            response_vary: None,
        },
        notes,
    ))
}

/// Writes the configuration as `aws s3api get-bucket-cors` prints it (4-space indentation,
/// fields in AWS's order, empty lists and absent MaxAgeSeconds left out, final newline),
/// with a note when `ResponseVary` had to be dropped.
pub fn to_s3_json(config: &CorsConfiguration) -> (String, Vec<Note>) {
    let doc = S3Document {
        cors_rules: config
            .rules
            .iter()
            .map(|r| S3Rule {
                id: None,
                allowed_headers: r.allowed_headers.clone(),
                allowed_methods: r.allowed_methods.clone(),
                allowed_origins: r.allowed_origins.clone(),
                expose_headers: r.expose_headers.clone(),
                max_age_seconds: r.max_age_seconds,
            })
            .collect(),
    };
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    // Serialising plain strings, lists and integers into memory cannot fail.
    let _ = doc.serialize(&mut ser);
    let mut text = String::from_utf8(buf).unwrap_or_default();
    text.push('\n');
    let notes = config
        .response_vary
        .map(Note::DroppedResponseVary)
        .into_iter()
        .collect();
    (text, notes)
}

/// Whether a document looks like S3 CORS JSON rather than ossctl's JSON schema (used to
/// pick the input format of `cors convert` when the extension says only `.json`).
pub fn looks_like_s3_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') {
        return t.contains("\"AllowedOrigins\"") || t.contains("\"AllowedMethods\"");
    }
    match serde_json::from_str::<serde_json::Value>(t) {
        Ok(serde_json::Value::Object(map)) => {
            map.contains_key("CORSRules")
                || map
                    .get("CORSConfiguration")
                    .is_some_and(|c| c.get("CORSRules").is_some())
        }
        _ => false,
    }
}

fn json_error(e: &serde_json::Error, source_name: &str) -> S3JsonError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we print our own position.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let help = unknown_field(&message).and_then(|field| {
        let best = S3_RULE_FIELDS
            .iter()
            .chain(["CORSRules", "CORSConfiguration"].iter())
            .map(|known| (strsim::jaro_winkler(field, known), *known))
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        (best.0 > 0.8).then(|| format!("did you mean `{}`?", best.1))
    });
    S3JsonError {
        source_name: source_name.to_string(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("not S3 CORS JSON: {message}"),
        help,
    }
}

/// The field name in a serde "unknown field `X`, expected ..." message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS_OUTPUT: &str = r#"{
    "CORSRules": [
        {
            "ID": "uploads",
            "AllowedHeaders": [
                "*"
            ],
            "AllowedMethods": [
                "PUT",
                "POST"
            ],
            "AllowedOrigins": [
                "https://app.example.com"
            ],
            "ExposeHeaders": [
                "ETag"
            ],
            "MaxAgeSeconds": 3000
        },
        {
            "AllowedMethods": [
                "GET"
            ],
            "AllowedOrigins": [
                "*"
            ]
        }
    ]
}
"#;

    #[test]
    fn reads_aws_cli_output_and_notes_the_id() {
        let (config, notes) = from_s3_json(AWS_OUTPUT, "cors.json").unwrap();
        assert_eq!(config.rules.len(), 2);
        let r = &config.rules[0];
        assert_eq!(r.allowed_origins, ["https://app.example.com"]);
        assert_eq!(r.allowed_methods, ["PUT", "POST"]);
        assert_eq!(r.allowed_headers, ["*"]);
        assert_eq!(r.expose_headers, ["ETag"]);
        assert_eq!(r.max_age_seconds, Some(3000));
        assert_eq!(config.rules[1].max_age_seconds, None);
        assert_eq!(config.response_vary, None);
        assert_eq!(
            notes,
            [Note::DroppedId {
                rule: 1,
                id: "uploads".into()
            }]
        );
        assert_eq!(
            notes[0].to_string(),
            "rule 1: S3 ID \"uploads\" dropped (OSS CORS rules have no ID)"
        );
    }

    #[test]
    fn writes_what_aws_prints_and_round_trips() {
        let (config, _) = from_s3_json(AWS_OUTPUT, "cors.json").unwrap();
        let (text, notes) = to_s3_json(&config);
        assert!(notes.is_empty());
        // Identical to the AWS output except for the dropped ID line.
        let expected: String = AWS_OUTPUT
            .lines()
            .filter(|l| !l.contains("\"ID\""))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(text, expected);
        let (again, notes) = from_s3_json(&text, "-").unwrap();
        assert_eq!(again, config);
        assert!(notes.is_empty());
    }

    #[test]
    fn response_vary_is_dropped_with_a_note() {
        let config = CorsConfiguration {
            rules: vec![CorsRule {
                allowed_origins: vec!["*".into()],
                allowed_methods: vec!["GET".into()],
                ..CorsRule::default()
            }],
            response_vary: Some(true),
        };
        let (text, notes) = to_s3_json(&config);
        assert!(!text.contains("Vary"));
        assert_eq!(notes, [Note::DroppedResponseVary(true)]);
        assert!(notes[0].to_string().contains("ResponseVary true dropped"));
    }

    #[test]
    fn reads_the_console_array_form() {
        let text = r#"[{"AllowedMethods":["GET"],"AllowedOrigins":["https://a.example"]}]"#;
        let (config, notes) = from_s3_json(text, "x").unwrap();
        assert_eq!(config.rules[0].allowed_origins, ["https://a.example"]);
        assert!(notes.is_empty());
    }

    #[test]
    fn unknown_field_has_position_and_hint() {
        let text = "{\n  \"CORSRules\": [\n    {\"AllowedOrigin\": [\"*\"]}\n  ]\n}";
        let err = from_s3_json(text, "s3.json").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(
            err.message.contains("unknown field `AllowedOrigin`"),
            "{err}"
        );
        assert_eq!(err.help.as_deref(), Some("did you mean `AllowedOrigins`?"));
        assert!(err.to_string().starts_with("s3.json:3:"), "{err}");
    }

    #[test]
    fn wrong_types_and_syntax_are_errors() {
        let err = from_s3_json(r#"{"CORSRules":[{"MaxAgeSeconds":-1}]}"#, "a").unwrap_err();
        assert!(err.message.contains("invalid value"), "{err}");
        let err = from_s3_json("{\"CORSRules\": [", "a").unwrap_err();
        assert!(err.message.contains("EOF"), "{err}");
        let err = from_s3_json(r#"{"rules":[]}"#, "a").unwrap_err();
        assert!(err.message.contains("unknown field `rules`"), "{err}");
    }

    #[test]
    fn detects_s3_json() {
        assert!(looks_like_s3_json(AWS_OUTPUT));
        assert!(looks_like_s3_json(r#"[{"AllowedOrigins":["*"]}]"#));
        assert!(!looks_like_s3_json(
            r#"{"rules":[{"allowed_origins":["*"]}]}"#
        ));
        assert!(!looks_like_s3_json("not json"));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn values(re: &'static str) -> impl Strategy<Value = Vec<String>> {
            proptest::collection::vec(re, 0..4)
        }

        fn rule() -> impl Strategy<Value = CorsRule> {
            (
                proptest::collection::vec("(https?://[a-z*]{1,8}\\.example\\.com|\\*)", 1..4),
                proptest::collection::vec("(GET|PUT|POST|DELETE|HEAD)", 1..4),
                values("[a-zA-Z-]{1,10}\\*?"),
                values("[a-zA-Z-]{1,10}"),
                proptest::option::of(0u64..100_000),
            )
                .prop_map(|(o, m, h, e, age)| CorsRule {
                    allowed_origins: o,
                    allowed_methods: m,
                    allowed_headers: h,
                    expose_headers: e,
                    max_age_seconds: age,
                })
        }

        proptest! {
            /// model → S3 JSON → model is the identity (ResponseVary aside, with a note).
            #[test]
            fn s3_round_trip(
                rules in proptest::collection::vec(rule(), 1..12),
                vary in proptest::option::of(any::<bool>()),
            ) {
                let config = CorsConfiguration { rules, response_vary: vary };
                let (text, notes) = to_s3_json(&config);
                prop_assert_eq!(notes.len(), usize::from(vary.is_some()));
                prop_assert!(looks_like_s3_json(&text));
                let (back, notes) = from_s3_json(&text, "-").unwrap();
                prop_assert!(notes.is_empty());
                prop_assert_eq!(back, CorsConfiguration { response_vary: None, ..config });
            }
        }
    }
}
