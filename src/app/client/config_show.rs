//! `ossctl config show`: every resolved setting and where it came from, secrets masked; with
//! a bucket, the endpoint, addressing, region and request URL that bucket would get. The
//! report is a [`ConfigShow`]; `render` writes it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::client::{ConfigShowArgs, ConnectionArgs};
use crate::config::{self, Resolved, Setting};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::Secret;
use crate::render::{
    self,
    client::{ConfigShow, SettingRow},
};

use super::settings::{flags_from, process_env, resolve};
use super::{Session, parse_oss_url};
use crate::app::{Context, Output};

/// `ossctl config show`: every resolved setting and where it came from, secrets masked.
pub fn config_show(ctx: &Context, conn: &ConnectionArgs, args: &ConfigShowArgs) -> CommandResult {
    let r = resolve(conn)?;
    let effective = match &args.bucket {
        Some(url) => Some(effective_rows(&r, url)?),
        None => None,
    };
    let show = ConfigShow {
        settings: setting_rows(&r, conn),
        buckets: bucket_rows(&r),
        effective,
        notes: r.notes.clone(),
        bucket: args.bucket.clone(),
    };
    let text = match ctx.structured() {
        None => render::client::config_show_text(&show),
        Some(format) => render::structured(&show, format)?,
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// A setting shown as text (a string in JSON/YAML), `(not set)` / `null` when absent.
fn string_row<T: std::fmt::Display>(name: &str, s: Option<&Setting<T>>) -> SettingRow {
    match s {
        Some(s) => SettingRow::new(
            name,
            s.value.to_string(),
            Value::String(s.value.to_string()),
            Some(s.source.to_string()),
        ),
        None => SettingRow::new(name, "(not set)".into(), Value::Null, None),
    }
}

/// A secret: masked, with its length.
fn secret_row(name: &str, s: Option<&Setting<Secret>>) -> SettingRow {
    match s {
        Some(s) => {
            let len = s.value.expose().len();
            let mut row = SettingRow::new(
                name,
                format!("{} ({len} characters)", crate::oss::mask::MASK),
                Value::String(crate::oss::mask::MASK.to_string()),
                Some(s.source.to_string()),
            );
            row.length = Some(len);
            row
        }
        None => SettingRow::new(name, "(not set)".into(), Value::Null, None),
    }
}

/// A duration in seconds (a whole number when it is one).
fn seconds_row(name: &str, s: &Setting<Duration>) -> SettingRow {
    let secs = s.value.as_secs_f64();
    let value = if secs.fract() == 0.0 && secs <= u64::MAX as f64 {
        json!(secs as u64)
    } else {
        json!(secs)
    };
    let mut row = SettingRow::new(name, format!("{secs}s"), value, Some(s.source.to_string()));
    row.unit = Some("seconds");
    row
}

/// The config file consulted, or the one that would be (not found).
fn config_file_row(r: &Resolved, conn: &ConnectionArgs) -> SettingRow {
    let (path, found) = match &r.config_file {
        Some(f) => (f.clone(), true),
        None => match config::config_file_path(&flags_from(conn), &process_env()) {
            Some(p) => (p, false),
            None => return SettingRow::new("config_file", "(not set)".into(), Value::Null, None),
        },
    };
    let shown = path.value.display().to_string();
    let text = if found {
        shown.clone()
    } else {
        format!("{shown} (not found)")
    };
    let mut row = SettingRow::new(
        "config_file",
        text,
        json!(shown),
        Some(path.source.to_string()),
    );
    row.found = Some(found);
    row
}

/// Every global setting, in the order `config show` prints them.
fn setting_rows(r: &Resolved, conn: &ConnectionArgs) -> Vec<SettingRow> {
    let mut style = string_row("addressing_style", r.addressing_style.as_ref());
    if r.addressing_style.is_none() {
        style.text =
            "(by endpoint: virtual for host names, path for IP addresses and localhost)".into();
    }
    let ca_bundle = match &r.ca_bundle {
        Some(c) => SettingRow::new(
            "ca_bundle",
            c.value.display().to_string(),
            json!(c.value.display().to_string()),
            Some(c.source.to_string()),
        ),
        None => SettingRow::new(
            "ca_bundle",
            "(system roots)".into(),
            Value::Null,
            Some("default".into()),
        ),
    };
    vec![
        config_file_row(r, conn),
        string_row("profile", r.profile.as_ref()),
        string_row("endpoint", r.endpoint.as_ref()),
        string_row("region", r.region.as_ref()),
        string_row("access_key_id", r.access_key_id.as_ref()),
        secret_row("access_key_secret", r.access_key_secret.as_ref()),
        secret_row("sts_token", r.sts_token.as_ref()),
        string_row("sign_version", Some(&r.sign_version)),
        style,
        SettingRow::new(
            "retries",
            r.retries.value.to_string(),
            json!(r.retries.value),
            Some(r.retries.source.to_string()),
        ),
        seconds_row("connect_timeout", &r.connect_timeout),
        seconds_row("timeout", &r.timeout),
        ca_bundle,
    ]
}

/// The per-bucket settings of the config file (only those set).
fn bucket_rows(r: &Resolved) -> BTreeMap<String, Vec<SettingRow>> {
    r.buckets
        .iter()
        .map(|(bucket, b)| {
            let rows = [
                ("endpoint", &b.endpoint),
                ("cname", &b.cname),
                ("region", &b.region),
                ("addressing_style", &b.addressing_style),
            ]
            .into_iter()
            .filter_map(|(name, s)| s.as_ref().map(|s| string_row(name, Some(s))))
            .collect();
            (bucket.clone(), rows)
        })
        .collect()
}

/// What `oss://bucket`'s requests would use: endpoint, addressing style, region and the
/// GetBucketCors URL, or the error that stops them.
fn effective_rows(r: &Resolved, url: &str) -> Result<Vec<SettingRow>, Failure> {
    let (bucket, _) = parse_oss_url(url)?;
    let session = Session::offline(r.clone())?;
    let plain = |name: &str, v: String, source: Option<String>| {
        SettingRow::new(name, v.clone(), Value::String(v), source)
    };
    let mut rows = Vec::new();
    match session.target(&bucket) {
        Ok(t) => {
            rows.push(plain(
                "endpoint",
                format!("{}://{}", t.endpoint.scheme(), t.endpoint.authority()),
                Some(t.endpoint_source.to_string()),
            ));
            rows.push(plain("addressing_style", t.style.to_string(), None));
            if let Some(region) = &t.region {
                rows.push(plain(
                    "region",
                    region.value.clone(),
                    Some(region.source.to_string()),
                ));
            }
            // A style the endpoint cannot take (virtual-host on an IP address) is shown, not
            // hidden behind an empty URL.
            match t
                .endpoint
                .url(t.style, Some(&t.bucket), None, &[("cors", None)])
            {
                Ok(url) => rows.push(plain("request_url", url, None)),
                Err(e) => rows.push(plain("error", e.to_string(), None)),
            }
        }
        Err(f) => rows.push(plain("error", format!("{}", f.report), None)),
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Env, Flags};
    use crate::oss::endpoint::AddressingStyle;

    fn resolved(style: AddressingStyle) -> Resolved {
        let flags = Flags {
            endpoint: Some("http://127.0.0.1:9000".into()),
            region: Some("cn-hangzhou".into()),
            addressing_style: Some(style),
            ..Flags::default()
        };
        config::resolve(&flags, &Env::new(), None).unwrap()
    }

    fn row<'a>(rows: &'a [SettingRow], name: &str) -> Option<&'a SettingRow> {
        rows.iter().find(|r| r.name == name)
    }

    #[test]
    fn effective_settings_show_the_request_url() {
        let rows = effective_rows(&resolved(AddressingStyle::Path), "oss://bkt").unwrap();
        assert_eq!(
            row(&rows, "request_url").unwrap().text,
            "http://127.0.0.1:9000/bkt/?cors"
        );
        assert!(row(&rows, "error").is_none());
    }

    #[test]
    fn a_url_the_endpoint_cannot_take_is_an_error_row_not_an_empty_url() {
        let rows = effective_rows(&resolved(AddressingStyle::Virtual), "oss://bkt").unwrap();
        assert!(row(&rows, "request_url").is_none());
        let error = &row(&rows, "error").unwrap().text;
        assert!(error.contains("IP address"), "{error}");
    }
}
