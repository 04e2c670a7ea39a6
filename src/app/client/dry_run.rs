//! `--dry-run`: the exact requests, signed, with the signature and token masked, printed
//! instead of sent.

use std::fmt::Write as _;

use crate::exit::Failure;
use crate::oss::request::HttpRequest;

use super::{Session, Target};
use crate::app::{Context, Output};
use crate::cli::OutputFormat;

impl Session {
    /// The exact request, signed, as `--dry-run` shows it (signature and token masked).
    pub fn dry_run(
        &self,
        mut request: HttpRequest,
        target: &Target,
    ) -> Result<DryRunRequest, Failure> {
        self.sign(&mut request, target, None)?;
        let mut headers = Vec::new();
        if request.header("host").is_none() {
            headers.push(("Host".to_string(), request.url_authority().to_string()));
        }
        for (name, value) in &request.headers {
            headers.push((
                name.clone(),
                crate::oss::mask::mask_header(name, value).to_string(),
            ));
        }
        if request.header("content-length").is_none() && !request.body.is_empty() {
            headers.push(("Content-Length".to_string(), request.body.len().to_string()));
        }
        Ok(DryRunRequest {
            bucket: target.url(),
            method: request.method.to_string(),
            url: crate::oss::mask::mask_url(&request.url).to_string(),
            headers,
            body: String::from_utf8_lossy(&request.body).into_owned(),
        })
    }
}

/// One request `--dry-run` would have sent, signed, with the signature and token masked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DryRunRequest {
    /// `oss://bucket`.
    pub bucket: String,
    /// `PUT`, `DELETE`.
    pub method: String,
    /// The request URL (presigned parts masked).
    pub url: String,
    /// Every header in the order sent, as `[name, value]` pairs (secrets masked).
    pub headers: Vec<(String, String)>,
    /// The body (the XML document), empty when there is none.
    pub body: String,
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

/// Prints `--dry-run` requests on stdout: as HTTP text (with a `# oss://bucket` line before
/// each when there are several), or for `--output-format json|yaml` as
/// `{"dry_run": true, "sent": false, "requests": [{bucket, method, url, headers, body}]}`.
pub(crate) fn print_dry_run(ctx: &Context, requests: &[DryRunRequest]) -> Result<(), Failure> {
    let text = match ctx.output {
        OutputFormat::Text => {
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
        format => {
            let value = serde_json::json!({
                "dry_run": true,
                "sent": false,
                "requests": requests,
            });
            if format == OutputFormat::Json {
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
    ctx.note("dry run: nothing was sent");
    Ok(())
}
