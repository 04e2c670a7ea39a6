//! `--dry-run`: the exact requests, signed, with the signature and token masked, printed
//! instead of sent.

use crate::exit::Failure;
use crate::oss::request::HttpRequest;
use crate::render;
pub use crate::render::client::DryRunRequest;

use super::{Session, Target};
use crate::app::{Context, Output};

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

/// Prints `--dry-run` requests on stdout ([`render::client::dry_run_text`], or for
/// `--output-format json|yaml` a [`render::client::DryRun`] document), then notes that
/// nothing was sent.
pub(crate) fn print_dry_run(ctx: &Context, requests: &[DryRunRequest]) -> Result<(), Failure> {
    let text = match ctx.structured() {
        None => render::client::dry_run_text(requests),
        Some(format) => render::structured(&render::client::DryRun::new(requests), format)?,
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    ctx.note("dry run: nothing was sent");
    Ok(())
}
