//! `ossctl config show`: every resolved setting and where it came from, secrets masked; with
//! a bucket, the endpoint, addressing, region and request URL that bucket would get.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::cli::OutputFormat;
use crate::cli::client::{ConfigShowArgs, ConnectionArgs};
use crate::config::{self, Setting};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::Secret;

use super::settings::{flags_from, process_env, resolve};
use super::{Session, parse_oss_url};
use crate::app::{Context, Output};

/// One `config show` row: the value as text, the same value typed for JSON/YAML (`null` when
/// not set, numbers as numbers, durations in seconds), and where it came from.
struct ShowRow {
    name: String,
    text: String,
    value: serde_json::Value,
    source: Option<String>,
    /// Extra typed fields for JSON/YAML (`unit`, `length`, `found`).
    extra: Vec<(&'static str, serde_json::Value)>,
}

impl ShowRow {
    fn new(name: &str, text: String, value: serde_json::Value, source: Option<String>) -> Self {
        ShowRow {
            name: name.to_string(),
            text,
            value,
            source,
            extra: Vec::new(),
        }
    }

    fn with(mut self, key: &'static str, value: serde_json::Value) -> Self {
        self.extra.push((key, value));
        self
    }

    fn json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("value".into(), self.value.clone());
        for (k, v) in &self.extra {
            m.insert((*k).into(), v.clone());
        }
        m.insert(
            "source".into(),
            self.source
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::String),
        );
        serde_json::Value::Object(m)
    }
}

/// `ossctl config show`: every resolved setting and where it came from, secrets masked.
pub fn config_show(ctx: &Context, conn: &ConnectionArgs, args: &ConfigShowArgs) -> CommandResult {
    use serde_json::{Value, json};
    let r = resolve(conn)?;
    let mut rows: Vec<ShowRow> = Vec::new();
    let string = |name: &str, s: &Option<Setting<String>>| match s {
        Some(s) => ShowRow::new(
            name,
            s.value.clone(),
            Value::String(s.value.clone()),
            Some(s.source.to_string()),
        ),
        None => ShowRow::new(name, "(not set)".into(), Value::Null, None),
    };
    let secret = |name: &str, s: &Option<Setting<Secret>>| match s {
        Some(s) => {
            let len = s.value.expose().len();
            ShowRow::new(
                name,
                format!("{} ({len} characters)", crate::oss::mask::MASK),
                Value::String(crate::oss::mask::MASK.to_string()),
                Some(s.source.to_string()),
            )
            .with("length", json!(len))
        }
        None => ShowRow::new(name, "(not set)".into(), Value::Null, None),
    };
    let seconds = |name: &str, s: &Setting<std::time::Duration>| {
        let secs = s.value.as_secs_f64();
        let value = if secs.fract() == 0.0 && secs <= u64::MAX as f64 {
            json!(secs as u64)
        } else {
            json!(secs)
        };
        ShowRow::new(name, format!("{secs}s"), value, Some(s.source.to_string()))
            .with("unit", json!("seconds"))
    };
    rows.push(match &r.config_file {
        Some(f) => ShowRow::new(
            "config_file",
            f.value.display().to_string(),
            json!(f.value.display().to_string()),
            Some(f.source.to_string()),
        )
        .with("found", json!(true)),
        None => match config::config_file_path(&flags_from(conn), &process_env()) {
            Some(p) => ShowRow::new(
                "config_file",
                format!("{} (not found)", p.value.display()),
                json!(p.value.display().to_string()),
                Some(p.source.to_string()),
            )
            .with("found", json!(false)),
            None => ShowRow::new("config_file", "(not set)".into(), Value::Null, None),
        },
    });
    rows.push(string("profile", &r.profile));
    rows.push(string("endpoint", &r.endpoint));
    rows.push(string("region", &r.region));
    rows.push(string("access_key_id", &r.access_key_id));
    rows.push(secret("access_key_secret", &r.access_key_secret));
    rows.push(secret("sts_token", &r.sts_token));
    rows.push(ShowRow::new(
        "sign_version",
        r.sign_version.value.clone(),
        json!(r.sign_version.value),
        Some(r.sign_version.source.to_string()),
    ));
    let mut style = string("addressing_style", &r.addressing_style);
    if r.addressing_style.is_none() {
        style.text =
            "(by endpoint: virtual for host names, path for IP addresses and localhost)".into();
    }
    rows.push(style);
    rows.push(ShowRow::new(
        "retries",
        r.retries.value.to_string(),
        json!(r.retries.value),
        Some(r.retries.source.to_string()),
    ));
    rows.push(seconds("connect_timeout", &r.connect_timeout));
    rows.push(seconds("timeout", &r.timeout));
    rows.push(match &r.ca_bundle {
        Some(c) => ShowRow::new(
            "ca_bundle",
            c.value.display().to_string(),
            json!(c.value.display().to_string()),
            Some(c.source.to_string()),
        ),
        None => ShowRow::new(
            "ca_bundle",
            "(system roots)".into(),
            Value::Null,
            Some("default".into()),
        ),
    });
    let mut bucket_rows: BTreeMap<String, Vec<ShowRow>> = BTreeMap::new();
    for (bucket, b) in &r.buckets {
        let rows = bucket_rows.entry(bucket.clone()).or_default();
        for (name, s) in [
            ("endpoint", &b.endpoint),
            ("cname", &b.cname),
            ("region", &b.region),
            ("addressing_style", &b.addressing_style),
        ] {
            if s.is_some() {
                rows.push(string(name, s));
            }
        }
    }
    // The effective target for one bucket, when asked.
    let mut effective: Vec<ShowRow> = Vec::new();
    if let Some(url) = &args.bucket {
        let (bucket, _) = parse_oss_url(url)?;
        let session_like = Session::offline(r.clone())?;
        let plain = |name: &str, v: String, source: Option<String>| {
            ShowRow::new(name, v.clone(), Value::String(v), source)
        };
        match session_like.target(&bucket) {
            Ok(t) => {
                effective.push(plain(
                    "endpoint",
                    format!("{}://{}", t.endpoint.scheme(), t.endpoint.authority()),
                    Some(t.endpoint_source.to_string()),
                ));
                effective.push(plain("addressing_style", t.style.to_string(), None));
                if let Some(region) = &t.region {
                    effective.push(plain(
                        "region",
                        region.value.clone(),
                        Some(region.source.to_string()),
                    ));
                }
                let url = t
                    .endpoint
                    .url(t.style, Some(&t.bucket), None, &[("cors", None)])
                    .unwrap_or_default();
                effective.push(plain("request_url", url, None));
            }
            Err(f) => effective.push(plain("error", format!("{}", f.report), None)),
        }
    }
    let text = match ctx.output {
        OutputFormat::Text => {
            let width = rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
            let mut s = String::new();
            let line = |s: &mut String, indent: &str, width: usize, row: &ShowRow| {
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
            };
            for row in &rows {
                line(&mut s, "", width, row);
            }
            for (bucket, rows) in &bucket_rows {
                let _ = writeln!(s, "bucket {bucket}:");
                for row in rows {
                    line(&mut s, "  ", 0, row);
                }
            }
            if let Some(url) = &args.bucket {
                let _ = writeln!(s, "for {url}:");
                for row in &effective {
                    line(&mut s, "  ", 0, row);
                }
            }
            for n in &r.notes {
                let _ = writeln!(s, "note: {n}");
            }
            s
        }
        OutputFormat::Json | OutputFormat::Yaml => {
            let obj = |rows: &[ShowRow]| {
                Value::Object(
                    rows.iter()
                        .map(|row| (row.name.clone(), row.json()))
                        .collect(),
                )
            };
            let buckets: serde_json::Map<String, Value> = bucket_rows
                .iter()
                .map(|(b, rows)| (b.clone(), obj(rows)))
                .collect();
            let value = json!({
                "settings": obj(&rows),
                "buckets": buckets,
                "effective": if args.bucket.is_some() { obj(&effective) } else { Value::Null },
                "notes": r.notes,
            });
            if ctx.output == OutputFormat::Json {
                let mut s = serde_json::to_string_pretty(&value)
                    .map_err(|e| Failure::usage(e.to_string()))?;
                s.push('\n');
                s
            } else {
                serde_saphyr::to_string(&value).map_err(|e| Failure::usage(e.to_string()))?
            }
        }
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
