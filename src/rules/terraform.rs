//! Terraform: the CORS rules of the alicloud provider's OSS resources, read from
//! `terraform show -json` output (of a plan or of a state), and written as HCL.
//!
//! Sources (checked when this was written):
//! - The JSON format: Terraform's "JSON Output Format"
//!   (https://developer.hashicorp.com/terraform/internals/json-format): `format_version`
//!   (major version 1; other majors are rejected, as the page asks), a plan's
//!   `planned_values` and `resource_changes` (each `change` with `actions`, `after` and
//!   `after_unknown`, where unknown values are left out of `after` and marked `true`), a
//!   state's `values`; both nest `root_module.resources` and `child_modules`.
//! - `alicloud_oss_bucket` (provider docs, `website/docs/r/oss_bucket.html.markdown` in
//!   aliyun/terraform-provider-alicloud): `bucket`, and `cors_rule` blocks with
//!   `allowed_headers`, `allowed_methods`, `allowed_origins`, `expose_headers`,
//!   `max_age_seconds`.
//! - `alicloud_oss_bucket_cors` (available since provider v1.223.0; the schema in
//!   `alicloud/resource_alicloud_oss_bucket_cors.go` and its documentation
//!   `website/docs/r/oss_bucket_cors.html.markdown`): `bucket`,
//!   `response_vary`, and `cors_rule` blocks with `allowed_methods`, `allowed_origins`,
//!   `allowed_headers`, `expose_header` (singular, unlike `alicloud_oss_bucket`) and
//!   `max_age_seconds`. Its `cors_rule` is a set in that schema.
//!
//! Pure: text in, rules or diagnostics out. Problems are [`DocumentError`]s naming the
//! resource address and the attribute.

use serde_json::Value;

use super::error::{Diagnostic, DocumentError};
use super::{CorsConfiguration, CorsRule};

/// The two resource types read.
pub const BUCKET: &str = "alicloud_oss_bucket";
/// See [`BUCKET`].
pub const BUCKET_CORS: &str = "alicloud_oss_bucket_cors";

/// Largest `terraform show -json` document read (plans of big configurations are large).
pub const MAX_TERRAFORM_BYTES: usize = 64 * 1024 * 1024;

/// One resource with CORS rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// The resource address (`alicloud_oss_bucket_cors.site`, `module.m.alicloud_oss_bucket.b[0]`).
    pub address: String,
    /// `alicloud_oss_bucket` or `alicloud_oss_bucket_cors`.
    pub resource_type: String,
    /// The bucket name, or why it is not known (a plan whose bucket name is computed).
    pub bucket: Result<String, String>,
    /// The rules (not yet validated against OSS's limits).
    pub config: CorsConfiguration,
}

/// What a resource of the document holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// Rules that can be read.
    Rules(Resource),
    /// A resource that has no `cors_rule` block.
    NoRules {
        address: String,
        resource_type: String,
    },
    /// A resource whose rules are not known until apply.
    Unknown { address: String, what: String },
}

impl Entry {
    fn address(&self) -> &str {
        match self {
            Entry::Rules(r) => &r.address,
            Entry::NoRules { address, .. } | Entry::Unknown { address, .. } => address,
        }
    }
}

/// Whether a document is `terraform show -json` output: a JSON object with a
/// `format_version` and one of `planned_values`, `resource_changes`, `values`. Cheap
/// enough to call on any `.json` file (it parses it once).
pub fn looks_like_terraform(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => {
            map.contains_key("format_version")
                && ["planned_values", "resource_changes", "values"]
                    .iter()
                    .any(|k| map.contains_key(*k))
        }
        _ => false,
    }
}

fn problem(source: &str, message: String, help: Option<&str>) -> DocumentError {
    let mut d = Diagnostic::syntax(message);
    if let Some(h) = help {
        d = d.help(h);
    }
    DocumentError::new(source, None, vec![d])
}

/// The resources of a `terraform show -json` document that carry CORS rules: the one named
/// by `address`, or else every `alicloud_oss_bucket_cors` and every `alicloud_oss_bucket`
/// with `cors_rule` blocks. Errors (exit 2 for callers): not a Terraform document, an
/// unsupported `format_version`, rules not known until apply, an `address` that is not
/// there or has no rules, no resource with rules at all.
pub fn read(
    text: &str,
    source: &str,
    address: Option<&str>,
) -> Result<Vec<Resource>, DocumentError> {
    let text = text.trim_start_matches('\u{feff}');
    let root: Value = serde_json::from_str(text).map_err(|e| {
        problem(
            source,
            format!("not valid JSON ({e})"),
            Some("give the output of `terraform show -json PLAN_OR_STATE`"),
        )
    })?;
    let Some(obj) = root.as_object() else {
        return Err(not_terraform(source, "the document is not a JSON object"));
    };
    let Some(version) = obj.get("format_version") else {
        return Err(not_terraform(source, "it has no `format_version`"));
    };
    let version = version.as_str().unwrap_or("");
    let major = version.split('.').next().unwrap_or("");
    if major != "1" && major != "0" {
        return Err(problem(
            source,
            format!("unsupported Terraform JSON format_version {version:?} (ossctl reads 1.x)"),
            None,
        ));
    }
    let mut entries = Vec::new();
    if let Some(changes) = obj.get("resource_changes").and_then(Value::as_array) {
        for change in changes {
            if let Some(e) = from_change(change) {
                entries.push(e);
            }
        }
    } else if let Some(planned) = obj.get("planned_values") {
        walk_module(planned.get("root_module"), &mut entries);
    } else if let Some(values) = obj.get("values") {
        walk_module(values.get("root_module"), &mut entries);
    } else {
        return Err(not_terraform(
            source,
            "it has none of `planned_values`, `resource_changes` or `values`",
        ));
    }
    select(entries, source, address)
}

fn not_terraform(source: &str, why: &str) -> DocumentError {
    problem(
        source,
        format!("not a Terraform JSON document: {why}"),
        Some(
            "give the output of `terraform show -json PLAN_OR_STATE` (format_version, planned_values / resource_changes / values)",
        ),
    )
}

fn select(
    entries: Vec<Entry>,
    source: &str,
    address: Option<&str>,
) -> Result<Vec<Resource>, DocumentError> {
    let resolve = |e: Entry| -> Result<Resource, DocumentError> {
        match e {
            Entry::Rules(r) => Ok(r),
            Entry::NoRules {
                address,
                resource_type,
            } => Err(problem(
                source,
                format!("{address} ({resource_type}) has no cors_rule blocks"),
                None,
            )),
            Entry::Unknown { address, what } => Err(problem(
                source,
                format!(
                    "{address}: {what} is not known until apply (after_unknown), so its rules cannot be checked from this plan"
                ),
                Some("set the value in the configuration, or check the state after apply"),
            )),
        }
    };
    // Terraform lists each resource instance once (a deposed object being destroyed has no
    // `after`, so it is not an entry): an address seen twice would make `--resource` and the
    // run over every resource disagree about its rules.
    let mut seen = std::collections::HashSet::new();
    if let Some(e) = entries.iter().find(|e| !seen.insert(e.address())) {
        return Err(problem(
            source,
            format!(
                "resource {:?} appears more than once in this document",
                e.address()
            ),
            Some("`terraform show -json` lists each resource once: give its unmodified output"),
        ));
    }
    if let Some(wanted) = address {
        let known: Vec<String> = entries.iter().map(|e| e.address().to_string()).collect();
        return match entries.into_iter().find(|e| e.address() == wanted) {
            Some(e) => resolve(e).map(|r| vec![r]),
            None => Err(problem(
                source,
                format!(
                    "no {BUCKET} or {BUCKET_CORS} resource {wanted:?} in this document{}",
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!(" (it has: {})", known.join(", "))
                    }
                ),
                None,
            )),
        };
    }
    let mut out = Vec::new();
    for e in entries {
        match e {
            // A bucket without CORS rules is just a bucket.
            Entry::NoRules {
                ref resource_type, ..
            } if resource_type == BUCKET => {}
            e => out.push(resolve(e)?),
        }
    }
    if out.is_empty() {
        return Err(problem(
            source,
            format!("no {BUCKET} or {BUCKET_CORS} resource with cors_rule blocks in this document"),
            None,
        ));
    }
    Ok(out)
}

fn is_ours(t: &str) -> bool {
    t == BUCKET || t == BUCKET_CORS
}

fn walk_module(module: Option<&Value>, out: &mut Vec<Entry>) {
    let Some(module) = module else { return };
    for r in module
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let t = r.get("type").and_then(Value::as_str).unwrap_or("");
        if r.get("mode").and_then(Value::as_str) == Some("managed") && is_ours(t) {
            let address = r.get("address").and_then(Value::as_str).unwrap_or("");
            out.push(entry(address, t, r.get("values"), None));
        }
    }
    for child in module
        .get("child_modules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        walk_module(Some(child), out);
    }
}

fn from_change(rc: &Value) -> Option<Entry> {
    let t = rc.get("type").and_then(Value::as_str)?;
    if rc.get("mode").and_then(Value::as_str) != Some("managed") || !is_ours(t) {
        return None;
    }
    let address = rc.get("address").and_then(Value::as_str).unwrap_or("");
    let change = rc.get("change")?;
    let after = change.get("after");
    // A resource being destroyed has no rules after apply.
    if after.is_none_or(Value::is_null) {
        return None;
    }
    Some(entry(address, t, after, change.get("after_unknown")))
}

/// Whether an `after_unknown` value marks anything unknown (`true` anywhere inside).
fn any_unknown(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Array(a) => a.iter().any(any_unknown),
        Value::Object(o) => o.values().any(any_unknown),
        _ => false,
    }
}

/// The first unknown path inside `v` (`cors_rule[0].allowed_origins`).
fn unknown_path(prefix: &str, v: &Value) -> Option<String> {
    match v {
        Value::Bool(true) => Some(prefix.to_string()),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, x)| unknown_path(&format!("{prefix}[{i}]"), x)),
        Value::Object(o) => o
            .iter()
            .find_map(|(k, x)| unknown_path(&format!("{prefix}.{k}"), x)),
        _ => None,
    }
}

fn entry(address: &str, t: &str, values: Option<&Value>, unknown: Option<&Value>) -> Entry {
    let address = address.to_string();
    if let Some(u) = unknown.and_then(|u| u.get("cors_rule"))
        && any_unknown(u)
    {
        return Entry::Unknown {
            what: unknown_path("cors_rule", u).unwrap_or_else(|| "cors_rule".into()),
            address,
        };
    }
    let empty = Value::Null;
    let values = values.unwrap_or(&empty);
    let blocks = values
        .get("cors_rule")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if blocks.is_empty() {
        return Entry::NoRules {
            address,
            resource_type: t.to_string(),
        };
    }
    let expose_key = if t == BUCKET_CORS {
        "expose_header"
    } else {
        "expose_headers"
    };
    let list = |b: &Value, k: &str| -> Vec<String> {
        b.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let rules = blocks
        .iter()
        .map(|b| CorsRule {
            allowed_origins: list(b, "allowed_origins"),
            allowed_methods: list(b, "allowed_methods"),
            allowed_headers: list(b, "allowed_headers"),
            expose_headers: list(b, expose_key),
            max_age_seconds: b.get("max_age_seconds").and_then(Value::as_u64),
        })
        .collect();
    // `response_vary` is Optional+Computed: unknown in a plan when the configuration does
    // not set it, and then the provider does not send it (OSS's default, false, applies).
    let response_vary = if t == BUCKET_CORS {
        values.get("response_vary").and_then(Value::as_bool)
    } else {
        None
    };
    let bucket = match values.get("bucket").and_then(Value::as_str) {
        Some(b) if !b.is_empty() => Ok(b.to_string()),
        _ if unknown
            .and_then(|u| u.get("bucket"))
            .is_some_and(any_unknown) =>
        {
            Err(format!(
                "the bucket name of {address} is not known until apply"
            ))
        }
        _ => Err(format!("{address} has no bucket name")),
    };
    Entry::Rules(Resource {
        address,
        resource_type: t.to_string(),
        bucket,
        config: CorsConfiguration {
            rules,
            response_vary,
        },
    })
}

/// An HCL string literal: quoted, with `\`, `"` and control characters escaped and
/// template sequences (`${`, `%{`) doubled so they stay literal.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Terraform resource name from a bucket name: letters, digits, `_` and `-`, starting
/// with a letter or `_`.
pub fn resource_name(bucket: &str) -> String {
    let mut name: String = bucket
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    name
}

/// An `alicloud_oss_bucket_cors` resource block for `config`, named `name`, for `bucket`.
pub fn to_hcl(config: &CorsConfiguration, name: &str, bucket: &str) -> String {
    let list = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|s| hcl_string(s)).collect();
        format!("[{}]", items.join(", "))
    };
    let mut out = String::new();
    out.push_str(
        "# cors_rule is a set in the alicloud provider's schema: Terraform may not keep the\n\
         # order below, while OSS uses the first rule that matches a request.\n",
    );
    out.push_str(&format!(
        "resource \"{BUCKET_CORS}\" {} {{\n",
        hcl_string(name)
    ));
    out.push_str(&format!("  bucket = {}\n", hcl_string(bucket)));
    if let Some(v) = config.response_vary {
        out.push_str(&format!("  response_vary = {v}\n"));
    }
    for rule in &config.rules {
        out.push_str("\n  cors_rule {\n");
        out.push_str(&format!(
            "    allowed_origins = {}\n",
            list(&rule.allowed_origins)
        ));
        out.push_str(&format!(
            "    allowed_methods = {}\n",
            list(&rule.allowed_methods)
        ));
        if !rule.allowed_headers.is_empty() {
            out.push_str(&format!(
                "    allowed_headers = {}\n",
                list(&rule.allowed_headers)
            ));
        }
        if !rule.expose_headers.is_empty() {
            out.push_str(&format!(
                "    expose_header = {}\n",
                list(&rule.expose_headers)
            ));
        }
        if let Some(age) = rule.max_age_seconds {
            out.push_str(&format!("    max_age_seconds = {age}\n"));
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(after: &str, after_unknown: &str) -> String {
        format!(
            r#"{{"format_version":"1.2","terraform_version":"1.9.8",
              "planned_values":{{"root_module":{{"resources":[]}}}},
              "resource_changes":[{{"address":"alicloud_oss_bucket_cors.site","mode":"managed",
                "type":"alicloud_oss_bucket_cors","name":"site",
                "provider_name":"registry.terraform.io/aliyun/alicloud",
                "change":{{"actions":["create"],"before":null,"after":{after},
                  "after_unknown":{after_unknown},"before_sensitive":false,"after_sensitive":{{}}}}}}]}}"#
        )
    }

    #[test]
    fn reads_a_plan() {
        let text = plan(
            r#"{"bucket":"site-assets","response_vary":true,"cors_rule":[{"allowed_origins":["https://a.example.com"],"allowed_methods":["GET","PUT"],"allowed_headers":["content-type"],"expose_header":["ETag"],"max_age_seconds":600}]}"#,
            r#"{"id":true,"cors_rule":[{"allowed_origins":[false],"allowed_methods":[false,false],"allowed_headers":[false],"expose_header":[false]}]}"#,
        );
        assert!(looks_like_terraform(&text));
        let r = read(&text, "plan.json", None).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].address, "alicloud_oss_bucket_cors.site");
        assert_eq!(r[0].bucket, Ok("site-assets".into()));
        let rule = &r[0].config.rules[0];
        assert_eq!(rule.allowed_methods, ["GET", "PUT"]);
        assert_eq!(rule.expose_headers, ["ETag"]);
        assert_eq!(rule.max_age_seconds, Some(600));
        assert_eq!(r[0].config.response_vary, Some(true));
    }

    /// Found by the `terraform` fuzz target: with one address twice (without and with
    /// rules), the run over every resource used the second entry's rules while `--resource`
    /// found the first and said it had no rules.
    #[test]
    fn an_address_listed_twice_is_refused() {
        let change = |rules: &str| {
            format!(
                r#"{{"address":"alicloud_oss_bucket.b","mode":"managed","type":"alicloud_oss_bucket",
                  "change":{{"actions":["update"],"after":{{"bucket":"b","cors_rule":{rules}}}}}}}"#
            )
        };
        let text = format!(
            r#"{{"format_version":"1.2","resource_changes":[{},{}]}}"#,
            change("[]"),
            change(r#"[{"allowed_origins":["*"],"allowed_methods":["GET"]}]"#)
        );
        for address in [None, Some("alicloud_oss_bucket.b")] {
            let e = read(&text, "plan.json", address).unwrap_err().to_string();
            assert!(
                e.contains(r#"resource "alicloud_oss_bucket.b" appears more than once"#),
                "{e}"
            );
        }
    }

    #[test]
    fn unknown_rules_are_refused() {
        let text = plan(
            r#"{"bucket":"b","cors_rule":[{"allowed_methods":["GET"]}]}"#,
            r#"{"cors_rule":[{"allowed_origins":true}]}"#,
        );
        let e = read(&text, "plan.json", None).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("alicloud_oss_bucket_cors.site: cors_rule[0].allowed_origins is not known until apply"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_bucket_and_response_vary() {
        let text = plan(
            r#"{"cors_rule":[{"allowed_origins":["*"],"allowed_methods":["GET"]}]}"#,
            r#"{"bucket":true,"response_vary":true}"#,
        );
        let r = read(&text, "p", None).unwrap();
        assert!(
            r[0].bucket
                .as_ref()
                .unwrap_err()
                .contains("not known until apply")
        );
        assert_eq!(r[0].config.response_vary, None);
    }

    #[test]
    fn not_terraform() {
        let e = read(r#"{"rules":[]}"#, "r.json", None).unwrap_err();
        assert!(
            e.to_string().contains("not a Terraform JSON document"),
            "{e}"
        );
        assert!(!looks_like_terraform(r#"{"rules":[]}"#));
        let e = read(r#"{"format_version":"2.0","values":{}}"#, "s.json", None).unwrap_err();
        assert!(e.to_string().contains("unsupported"), "{e}");
    }

    #[test]
    fn state_with_modules_and_selection() {
        let text = r#"{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{
            "resources":[{"address":"alicloud_oss_bucket.plain","mode":"managed","type":"alicloud_oss_bucket","name":"plain","values":{"bucket":"plain","cors_rule":[]}}],
            "child_modules":[{"address":"module.web","resources":[{"address":"module.web.alicloud_oss_bucket.assets","mode":"managed","type":"alicloud_oss_bucket","name":"assets","values":{"bucket":"assets","cors_rule":[{"allowed_origins":["https://a.example.com"],"allowed_methods":["GET"],"allowed_headers":[],"expose_headers":["ETag"],"max_age_seconds":100}]}}]}]}}}"#;
        let all = read(text, "s", None).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].address, "module.web.alicloud_oss_bucket.assets");
        assert_eq!(all[0].config.rules[0].expose_headers, ["ETag"]);
        let e = read(text, "s", Some("alicloud_oss_bucket.plain")).unwrap_err();
        assert!(e.to_string().contains("has no cors_rule blocks"), "{e}");
        let e = read(text, "s", Some("nope")).unwrap_err();
        assert!(
            e.to_string().contains("it has: alicloud_oss_bucket.plain"),
            "{e}"
        );
    }

    /// HCL's reading of a quoted template literal without interpolations (the inverse of
    /// [`hcl_string`]), written after the HCL native syntax spec.
    fn read_hcl_string(s: &str) -> Option<String> {
        let inner = s.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'u' => {
                        let hex: String = (0..4).map(|_| chars.next()).collect::<Option<_>>()?;
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    _ => return None,
                },
                '"' => return None,
                '$' | '%' => {
                    let rest: String = chars.clone().take(2).collect();
                    if rest.starts_with('{') {
                        return None; // an interpolation or directive
                    }
                    if rest == format!("{c}{{") {
                        // `$${` / `%%{`: a literal `${` / `%{`.
                        chars.next();
                        chars.next();
                        out.push(c);
                        out.push('{');
                    } else {
                        out.push(c);
                    }
                }
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    proptest::proptest! {
        /// Any text becomes one HCL string literal that reads back to the same text.
        #[test]
        fn any_text_is_one_hcl_literal(s in "(\\PC|\n|\r|\t|\u{1}|\\$\\{|%\\{|\\$|%)*") {
            let lit = hcl_string(&s);
            proptest::prop_assert!(!lit.contains('\n'));
            proptest::prop_assert_eq!(read_hcl_string(&lit), Some(s));
        }
    }

    #[test]
    fn hcl_strings_escape() {
        assert_eq!(hcl_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(hcl_string("${x} %{y} $z"), r#""$${x} %%{y} $z""#);
        for s in ["$${", "$$", "a$", "%%{x}", "$${x}"] {
            assert_eq!(read_hcl_string(&hcl_string(s)).as_deref(), Some(s), "{s}");
        }
        assert_eq!(hcl_string("a\nb\u{1}"), r#""a\nb\u0001""#);
        assert_eq!(resource_name("9.site"), "_9_site");
    }
}
