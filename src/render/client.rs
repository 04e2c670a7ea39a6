//! The results of the client commands as typed values, and their text form: the requests
//! `--dry-run` shows ([`DryRunRequest`], [`DryRun`]), the per-bucket result lines of
//! `cors put|delete` ([`BucketResult`]), and the settings `config show` prints
//! ([`ConfigShow`]). JSON and YAML come from [`super::structured`], the one writer.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Serialize, Serializer};

/// One request `--dry-run` would have sent, signed, with the signature and token masked.
/// (Fields in alphabetical order: the order of the keys in JSON and YAML.)
#[derive(Debug, Clone, Serialize)]
pub struct DryRunRequest {
    /// The body (the XML document), empty when there is none.
    pub body: String,
    /// `oss://bucket`.
    pub bucket: String,
    /// Every header in the order sent, as `[name, value]` pairs (secrets masked).
    pub headers: Vec<(String, String)>,
    /// `PUT`, `DELETE`.
    pub method: String,
    /// The request URL (presigned parts masked).
    pub url: String,
}

impl DryRunRequest {
    /// The request as HTTP text: request line, headers, blank line, body.
    pub fn text(&self) -> String {
        let mut out = format!("{} {}\n", self.method, self.url);
        for (name, value) in &self.headers {
            let _ = writeln!(out, "{name}: {value}");
        }
        if !self.body.is_empty() {
            out.push('\n');
            out.push_str(&self.body);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// What `--dry-run --output-format json|yaml` prints:
/// `{"dry_run": true, "sent": false, "requests": [{bucket, method, url, headers, body}]}`.
/// (Fields in alphabetical order: the order of the keys in JSON and YAML.)
#[derive(Debug, Serialize)]
pub struct DryRun<'a> {
    dry_run: bool,
    requests: &'a [DryRunRequest],
    sent: bool,
}

impl<'a> DryRun<'a> {
    /// The document for `requests` (nothing was sent).
    pub fn new(requests: &'a [DryRunRequest]) -> Self {
        DryRun {
            dry_run: true,
            sent: false,
            requests,
        }
    }
}

/// `--dry-run` requests as HTTP text, with a `# oss://bucket` line before each when there are
/// several.
pub fn dry_run_text(requests: &[DryRunRequest]) -> String {
    let several = requests.len() > 1;
    let mut text = String::new();
    for r in requests {
        if several {
            let _ = writeln!(text, "# {}", r.bucket);
        }
        text.push_str(&r.text());
        if several {
            text.push('\n');
        }
    }
    text
}

/// The outcome for one bucket of a multi-bucket command (`cors put|delete`). (Fields in
/// alphabetical order: the order of the keys in JSON and YAML.)
#[derive(Debug, Clone, Serialize)]
pub struct BucketResult {
    /// `oss://bucket`.
    pub bucket: String,
    /// The exit status this bucket alone would end with.
    pub exit_code: u8,
    /// What was done, or the error's first line.
    pub message: String,
    /// Whether the work succeeded.
    pub ok: bool,
}

/// What `--output-format json|yaml` prints for per-bucket results: `{"results": [...]}`.
#[derive(Debug, Serialize)]
pub struct BucketResults<'a> {
    /// One per bucket, in the order given.
    pub results: &'a [BucketResult],
}

/// One line per bucket: `ok     oss://b  message` or `failed oss://b  exit N (the error is
/// on stderr)`.
pub fn bucket_results_text(results: &[BucketResult]) -> String {
    let mut s = String::new();
    for r in results {
        if r.ok {
            let _ = writeln!(s, "ok     {}  {}", r.bucket, r.message);
        } else {
            let _ = writeln!(
                s,
                "failed {}  exit {} (the error is on stderr)",
                r.bucket, r.exit_code
            );
        }
    }
    s
}

/// One `config show` row: the value as text, the same value typed for JSON/YAML (`null` when
/// not set, numbers as numbers, durations in seconds), and where it came from. In JSON/YAML a
/// row is `{value, source}` plus `found` (config file), `length` (secrets) or `unit`
/// (durations); the keys are written in alphabetical order.
#[derive(Debug, Clone, Serialize)]
pub struct SettingRow {
    /// The setting's name (the key of its object).
    #[serde(skip)]
    pub name: String,
    /// The value as a person reads it.
    #[serde(skip)]
    pub text: String,
    /// Whether the config file exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<bool>,
    /// A secret's length (the secret itself is never shown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// Where the value came from, `null` when not set.
    pub source: Option<String>,
    /// The unit of a number (`seconds`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// The typed value.
    pub value: serde_json::Value,
}

impl SettingRow {
    /// A row without extra fields.
    pub fn new(name: &str, text: String, value: serde_json::Value, source: Option<String>) -> Self {
        SettingRow {
            name: name.to_string(),
            text,
            found: None,
            length: None,
            source,
            unit: None,
            value,
        }
    }
}

/// Rows as one object keyed by name, in name order.
fn rows_by_name<S: Serializer>(rows: &[SettingRow], s: S) -> Result<S::Ok, S::Error> {
    let map: BTreeMap<&str, &SettingRow> = rows.iter().map(|r| (r.name.as_str(), r)).collect();
    map.serialize(s)
}

fn buckets_by_name<S: Serializer>(
    buckets: &BTreeMap<String, Vec<SettingRow>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let map: BTreeMap<&str, BTreeMap<&str, &SettingRow>> = buckets
        .iter()
        .map(|(b, rows)| {
            let rows = rows.iter().map(|r| (r.name.as_str(), r)).collect();
            (b.as_str(), rows)
        })
        .collect();
    map.serialize(s)
}

fn effective_rows<S: Serializer>(
    effective: &Option<Vec<SettingRow>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match effective {
        Some(rows) => rows_by_name(rows, s),
        None => s.serialize_none(),
    }
}

/// What `ossctl config show` reports: `{buckets, effective, notes, settings}`.
#[derive(Debug, Clone, Serialize)]
pub struct ConfigShow {
    /// Per-bucket settings from the config file.
    #[serde(serialize_with = "buckets_by_name")]
    pub buckets: BTreeMap<String, Vec<SettingRow>>,
    /// For `config show oss://bucket`: what that bucket's requests would use (`null`
    /// otherwise).
    #[serde(serialize_with = "effective_rows")]
    pub effective: Option<Vec<SettingRow>>,
    /// Things worth telling the user.
    pub notes: Vec<String>,
    /// Every global setting.
    #[serde(serialize_with = "rows_by_name")]
    pub settings: Vec<SettingRow>,
    /// The `oss://bucket` asked about, if any.
    #[serde(skip)]
    pub bucket: Option<String>,
}

/// `config show` as aligned text: `name  value  [source]`, then the per-bucket settings, the
/// effective settings for the bucket asked about, and the notes.
pub fn config_show_text(show: &ConfigShow) -> String {
    fn line(s: &mut String, indent: &str, width: usize, row: &SettingRow) {
        let n = &row.name;
        let v = &row.text;
        match &row.source {
            Some(src) if !src.is_empty() => {
                let _ = writeln!(s, "{indent}{n:<width$}  {v}  [{src}]");
            }
            _ => {
                let _ = writeln!(s, "{indent}{n:<width$}  {v}");
            }
        }
    }
    let width = show
        .settings
        .iter()
        .map(|row| row.name.len())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for row in &show.settings {
        line(&mut s, "", width, row);
    }
    for (bucket, rows) in &show.buckets {
        let _ = writeln!(s, "bucket {bucket}:");
        for row in rows {
            line(&mut s, "  ", 0, row);
        }
    }
    if let (Some(url), Some(rows)) = (&show.bucket, &show.effective) {
        let _ = writeln!(s, "for {url}:");
        for row in rows {
            line(&mut s, "  ", 0, row);
        }
    }
    for n in &show.notes {
        let _ = writeln!(s, "note: {n}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_rows_are_objects_keyed_by_name_with_sorted_keys() {
        let mut secret = SettingRow::new(
            "access_key_secret",
            "****".into(),
            serde_json::json!("****"),
            Some("flag --access-key-secret".into()),
        );
        secret.length = Some(6);
        let show = ConfigShow {
            buckets: BTreeMap::new(),
            effective: None,
            notes: vec![],
            settings: vec![
                SettingRow::new("region", "(not set)".into(), serde_json::Value::Null, None),
                secret,
            ],
            bucket: None,
        };
        assert_eq!(
            serde_json::to_string(&show).unwrap(),
            r#"{"buckets":{},"effective":null,"notes":[],"settings":{"access_key_secret":{"length":6,"source":"flag --access-key-secret","value":"****"},"region":{"source":null,"value":null}}}"#
        );
    }

    #[test]
    fn bucket_results_yaml_reads_back_as_the_json() {
        let results = [
            BucketResult {
                bucket: "oss://a".into(),
                ok: true,
                exit_code: 0,
                message: "written: 1 rule".into(),
            },
            BucketResult {
                bucket: "oss://b".into(),
                ok: false,
                exit_code: 3,
                message: "PutBucketCors on oss://b failed: HTTP 403\n  hint: \"quoted\"".into(),
            },
        ];
        let doc = BucketResults { results: &results };
        let yaml = crate::render::structured(&doc, crate::render::Structured::Yaml).unwrap();
        let back: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(back, serde_json::to_value(&doc).unwrap());
    }

    #[test]
    fn several_dry_run_requests_are_headed_by_their_bucket() {
        let r = |b: &str| DryRunRequest {
            bucket: format!("oss://{b}"),
            method: "DELETE".into(),
            url: format!("https://{b}.example/?cors"),
            headers: vec![("Host".into(), format!("{b}.example"))],
            body: String::new(),
        };
        assert_eq!(
            dry_run_text(&[r("a")]),
            "DELETE https://a.example/?cors\nHost: a.example\n"
        );
        assert_eq!(
            dry_run_text(&[r("a"), r("b")]),
            "# oss://a\nDELETE https://a.example/?cors\nHost: a.example\n\n# oss://b\nDELETE \
             https://b.example/?cors\nHost: b.example\n\n"
        );
    }
}
