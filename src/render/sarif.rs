//! SARIF 2.1.0 for `cors lint --output sarif`: the format GitHub code scanning and other
//! static-analysis viewers read.
//!
//! Owns: the log's layout. One run for the whole lint; the tool's `rules` are every lint id
//! (with its description, help text and default level); each finding is a result with its
//! id, level, message (what is wrong, then the fix) and location: the file with the line and
//! column of the value or rule it concerns, or a logical location (a bucket, a Terraform
//! resource) when there is no file position. Text goes through serde_json, so any finding
//! text gives valid JSON; file names are percent-encoded into URI references byte by byte,
//! so names that are not UTF-8 are kept exactly. Pure: returns a string.

use serde_json::{Value, json};

use crate::lint::{Finding, LintId, Severity};
use crate::rules::Position;

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The schema named in `$schema` (the OASIS 2.1.0 schema as published by SchemaStore).
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The findings of one linted document.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The document as a URI reference (see [`uri_reference`]), when it is a file.
    pub uri: Option<String>,
    /// A logical location for the document (`oss://bucket`, a Terraform resource
    /// address), when there is one.
    pub logical: Option<String>,
    /// Each finding with the position of what it concerns, when known.
    pub findings: Vec<(&'a Finding, Option<Position>)>,
    /// When the document is not a valid rule document: each problem and its position.
    pub invalid: Vec<(String, Option<Position>)>,
}

/// The id of the result for a problem that makes a document invalid (not a lint id: such a
/// document cannot be linted, and ossctl exits 2).
pub const INVALID_DOCUMENT: &str = "invalid-document";

/// A short description and help text for each lint id (the rule metadata viewers show).
pub fn rule_text(id: LintId) -> (&'static str, &'static str) {
    match id {
        LintId::DeadOrigin => (
            "An AllowedOrigin that never equals an Origin a browser sends.",
            "Browsers send the Origin as lower-case scheme://host[:port], with no path, no trailing slash and no default port. Write the origin in that form.",
        ),
        LintId::ShadowedRule => (
            "A rule that never applies because earlier rules match every request it matches.",
            "OSS uses the first rule whose origin, method and headers all match. Delete the rule, or move it above the rules that shadow it.",
        ),
        LintId::WildcardSuffixTakeover => (
            "An origin pattern with a `*` before the registrable name (https://*example.com).",
            "The pattern also matches hosts anyone can register. Put a dot after the `*` (https://*.example.com) or list the origins.",
        ),
        LintId::WildcardPrefixTakeover => (
            "An origin pattern with a `*` after the host (https://example.com*).",
            "The pattern also matches hosts anyone can register. End the pattern with the full host, or list the origins.",
        ),
        LintId::NullOrigin => (
            "`null` is allowed as an origin.",
            "Sandboxed iframes, data: URLs and file: pages send `Origin: null`, and any site can create one. List the real origins instead.",
        ),
        LintId::HttpAndHttps => (
            "Both http:// and https:// origins are allowed for the same host.",
            "Anyone on the network path can inject script into the plain-http page. Serve the site over https only and remove the http origin.",
        ),
        LintId::WildcardWrite => (
            "Any origin may send PUT, POST or DELETE.",
            "Any web page can make its visitors' browsers write to the bucket. Allow write methods only for the origins that upload.",
        ),
        LintId::MaxAgeAboveCap => (
            "MaxAgeSeconds is above what browsers honour.",
            "Chromium caps Access-Control-Max-Age at 7200 s and Firefox at 86400 s. Use at most 7200.",
        ),
        LintId::PreflightNotCached => (
            "A rule answers preflights without MaxAgeSeconds, or with 0.",
            "Browsers keep a preflight without Access-Control-Max-Age for 5 s (Fetch's default) and one with 0 not at all, so the page preflights before almost every request. Set MaxAgeSeconds, e.g. 600.",
        ),
        LintId::MissingResponseVary => (
            "Several origins or a wildcard are allowed without ResponseVary.",
            "Without `Vary: Origin` a CDN or browser cache can serve one origin's response to another. Set ResponseVary to true.",
        ),
        LintId::Duplicate => (
            "The same value twice in a field, or the same rule twice.",
            "Remove the repetition.",
        ),
        LintId::RedundantValue => (
            "A value already covered by a wildcard in the same field.",
            "Remove the value, or narrow the wildcard if it is broader than meant.",
        ),
        LintId::MissingUploadHeaders => (
            "PUT or POST is allowed without the headers browser uploads ask for.",
            "Browser uploads with an OSS SDK ask for content-type, authorization, x-oss-date and x-oss-content-sha256 in the preflight. Add them (or x-oss-*) to AllowedHeader.",
        ),
        LintId::EtagNotExposed => (
            "PUT or POST is allowed without exposing ETag.",
            "Multipart uploads from a browser read each part's ETag. Add ETag to ExposeHeader.",
        ),
        LintId::ActualRequestOtherRule => (
            "A rule answers preflights, but an earlier rule with other ExposeHeaders answers the actual requests.",
            "OSS matches the actual request again without the header list. Give both rules the same ExposeHeader, or reorder them.",
        ),
    }
}

/// `text` as a sentence: trimmed, ending with a full stop.
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Percent-encodes a path's bytes into a URI reference (RFC 3986): unreserved characters
/// and `/` stay, every other byte becomes `%XX`. A relative path stays relative; an
/// absolute one becomes a `file://` URI.
pub fn uri_reference(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    if path.first() == Some(&b'/') {
        out.push_str("file://");
    }
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The SARIF log for `sources`, pretty-printed with a final newline. `tool_version` is
/// ossctl's version.
pub fn log(sources: &[Source<'_>], tool_version: &str) -> String {
    let rules: Vec<Value> = LintId::ALL
        .iter()
        .map(|&id| {
            let (short, help) = rule_text(id);
            json!({
                "id": id.as_str(),
                "name": rule_name(id),
                "shortDescription": { "text": short },
                "fullDescription": { "text": short },
                "help": { "text": help },
                "defaultConfiguration": { "level": level(id.severity()) },
            })
        })
        .chain(std::iter::once(json!({
            "id": INVALID_DOCUMENT,
            "name": "InvalidRuleDocument",
            "shortDescription": { "text": "The rule document is not valid: OSS would refuse it." },
            "fullDescription": { "text": "The rule document is not well-formed, has unknown fields, or breaks one of OSS's limits, so it cannot be linted or put on a bucket." },
            "help": { "text": "Fix the document at the position given; ossctl cors lint exits 2 until it is valid." },
            "defaultConfiguration": { "level": "error" },
        })))
        .collect();
    let mut results: Vec<Value> = Vec::new();
    for source in sources {
        for (finding, position) in &source.findings {
            let rule_index = LintId::ALL
                .iter()
                .position(|id| *id == finding.id)
                .unwrap_or(0);
            let mut location = serde_json::Map::new();
            if let Some(uri) = &source.uri {
                let mut physical = json!({ "artifactLocation": { "uri": uri } });
                // A finding about the whole configuration points at the document's first
                // line when the parser has no position for it.
                let p = position.unwrap_or(Position { line: 1, column: 1 });
                physical["region"] = json!({ "startLine": p.line, "startColumn": p.column });
                location.insert("physicalLocation".into(), physical);
            }
            if let Some(logical) = &source.logical {
                let what = match finding.rule {
                    Some(n) => format!("{logical} rule {n}"),
                    None => logical.clone(),
                };
                location.insert(
                    "logicalLocations".into(),
                    json!([{ "fullyQualifiedName": what, "kind": "resource" }]),
                );
            }
            let place = match finding.rule {
                Some(n) => format!("Rule {n}: "),
                None => String::new(),
            };
            let mut result = json!({
                "ruleId": finding.id.as_str(),
                "ruleIndex": rule_index,
                "level": level(finding.severity),
                "message": {
                    "text": format!(
                        "{place}{} Fix: {}",
                        sentence(&finding.message),
                        sentence(&finding.fix)
                    ),
                },
                "properties": {
                    "fix": finding.fix,
                    "rule": finding.rule,
                    "field": finding.field,
                    "value": finding.value,
                    "relatedRules": finding.related_rules,
                },
            });
            if !location.is_empty() {
                result["locations"] = json!([Value::Object(location)]);
            }
            results.push(result);
        }
        for (message, position) in &source.invalid {
            let mut result = json!({
                "ruleId": INVALID_DOCUMENT,
                "ruleIndex": LintId::ALL.len(),
                "level": "error",
                "message": { "text": sentence(message) },
            });
            if let Some(uri) = &source.uri {
                let p = position.unwrap_or(Position { line: 1, column: 1 });
                result["locations"] = json!([{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": p.line, "startColumn": p.column },
                }}]);
            } else if let Some(logical) = &source.logical {
                result["locations"] = json!([{ "logicalLocations": [
                    { "fullyQualifiedName": logical, "kind": "resource" }
                ]}]);
            }
            results.push(result);
        }
    }
    let run = json!({
        "tool": {
            "driver": {
                "name": "ossctl",
                "version": tool_version,
                "semanticVersion": tool_version,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [run],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// The rule's name in UpperCamelCase (`dead-origin` → `DeadOrigin`), as SARIF viewers
/// show it. SARIF wants it to differ from the id, also in case (SARIF1001), so
/// `duplicate` is `DuplicateValueOrRule`.
fn rule_name(id: LintId) -> String {
    if id == LintId::Duplicate {
        return "DuplicateValueOrRule".into();
    }
    id.as_str()
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn finding(message: &str, fix: &str) -> Finding {
        Finding {
            id: LintId::DeadOrigin,
            severity: Severity::Warning,
            rule: Some(2),
            field: Some("AllowedOrigin"),
            value: Some(message.to_string()),
            message: message.to_string(),
            fix: fix.to_string(),
            related_rules: vec![],
        }
    }

    #[test]
    fn layout_and_locations() {
        let f = finding(
            "\"https://A.example.com\" never matches",
            "write it in lower case",
        );
        let log = log(
            &[Source {
                uri: Some("cors/rules.yaml".into()),
                logical: None,
                findings: vec![(&f, Some(Position { line: 4, column: 9 }))],
                invalid: vec![],
            }],
            "0.1.0",
        );
        let v: Value = serde_json::from_str(&log).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            LintId::ALL.len() + 1,
            "every lint id and invalid-document"
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "dead-origin");
        assert_eq!(r["level"], "warning");
        assert_eq!(
            run["tool"]["driver"]["rules"][r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "dead-origin"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "cors/rules.yaml");
        assert_eq!(loc["region"]["startLine"], 4);
        assert_eq!(loc["region"]["startColumn"], 9);
        assert_eq!(
            r["message"]["text"],
            "Rule 2: \"https://A.example.com\" never matches. Fix: write it in lower case."
        );
        assert_eq!(r["properties"]["fix"], "write it in lower case");
    }

    #[test]
    fn logical_location_for_buckets() {
        let f = finding("m", "f.");
        let log = log(
            &[Source {
                uri: None,
                logical: Some("oss://site".into()),
                findings: vec![(&f, None)],
                invalid: vec![],
            }],
            "0.1.0",
        );
        let v: Value = serde_json::from_str(&log).unwrap();
        let r = &v["runs"][0]["results"][0];
        assert!(r["locations"][0].get("physicalLocation").is_none());
        assert_eq!(
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "oss://site rule 2"
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri_reference(b"a b/r%s.yaml"), "a%20b/r%25s.yaml");
        assert_eq!(uri_reference(b"/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri_reference(b"bad\xFF\xFE.json"), "bad%FF%FE.json");
        assert_eq!(uri_reference("é.yaml".as_bytes()), "%C3%A9.yaml");
    }

    #[test]
    fn rule_names() {
        assert_eq!(
            rule_name(LintId::WildcardSuffixTakeover),
            "WildcardSuffixTakeover"
        );
    }

    proptest! {
        /// Any finding text and file name gives valid JSON that reads back to the same text.
        #[test]
        fn any_text_is_valid_json(message in "(\\PC|\n|\r|\")*", fix in "(\\PC|\n)*", name in proptest::collection::vec(any::<u8>(), 1..40)) {
            let f = finding(&message, &fix);
            let uri = uri_reference(&name);
            let log = log(&[Source { uri: Some(uri.clone()), logical: Some("x".into()), findings: vec![(&f, None)], invalid: vec![(message.clone(), None)] }], "0.1.0");
            let v: Value = serde_json::from_str(&log).unwrap();
            let r = &v["runs"][0]["results"][0];
            prop_assert_eq!(r["properties"]["fix"].as_str().unwrap(), fix.as_str());
            prop_assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap(), uri.as_str());
            prop_assert!(uri.bytes().all(|b| b.is_ascii_graphic()));
            prop_assert_eq!(r["level"].as_str(), Some("warning"));
            let e = &v["runs"][0]["results"][1];
            prop_assert_eq!(e["ruleId"].as_str(), Some(INVALID_DOCUMENT));
            prop_assert_eq!(e["level"].as_str(), Some("error"));
        }
    }
}
