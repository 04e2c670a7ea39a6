//! Where browser engines differ, as data with its evidence (issue 18). The rest of the
//! browser model is shared: Chromium 156 and Firefox 153 gave the same verdict, preflight,
//! preflight status and readable headers in every case of the browser suite (`tests/e2e`,
//! counts in docs/browser.md). What differs: how long a preflight is reused, and the console
//! text of a blocked request. Firefox texts are `dom/locales/en-US/chrome/security/
//! security.properties` (keys used as codes), each seen here on Firefox 153.8.0esr.

use serde::Serialize;

use super::browser::{BrowserFailure, is_token};
use super::matcher::list_items;
use super::simulate::Simulation;

/// A browser engine `cors test --browser` can speak for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// Chromium (Chrome, Edge, ...): the model of `browser.rs`.
    Chromium,
    /// Firefox (Gecko).
    Firefox,
}

/// Seconds a preflight is reused when the answer has no `Access-Control-Max-Age`: 5 in both
/// (Fetch "CORS-preflight cache"; Chromium `kDefaultTimeout`, services/network/cors/
/// preflight_result.cc; Firefox `PREFLIGHT_DEFAULT_EXPIRY_SECONDS`; both seen here).
pub const DEFAULT_MAX_AGE: u64 = 5;

/// How long this engine reuses a passed preflight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PreflightCache {
    /// Seconds the answer is reused (0: a preflight before every request).
    pub seconds: u64,
    /// The `Access-Control-Max-Age` OSS sent, if any.
    pub max_age: Option<u64>,
    /// The engine's cap cut it down.
    pub capped: bool,
}

impl Engine {
    /// Every engine, in report order.
    pub const ALL: [Engine; 2] = [Engine::Chromium, Engine::Firefox];

    /// `chromium` / `firefox`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// `Chromium` / `Firefox`.
    pub fn title(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
        }
    }

    /// The longest reuse of a preflight, whatever Max-Age says. Chromium: 2 h
    /// (`kMaxTimeout`, services/network/cors/preflight_result.cc); Firefox: 24 h
    /// (netwerk/protocol/http/nsCORSListenerProxy.cpp); both in MDN's Access-Control-Max-Age.
    pub fn max_age_cap(self) -> u64 {
        match self {
            Engine::Chromium => 7_200,
            Engine::Firefox => 86_400,
        }
    }

    /// How long this engine reuses the simulated preflight; `None` when none is sent or it
    /// failed (a failed preflight is not cached). Max-Age 0 (or anything that does not parse
    /// as delta-seconds) means no reuse; seen here with Max-Age 600, 1, 0 and none.
    pub fn preflight_cache(self, sim: &Simulation) -> Option<PreflightCache> {
        if sim.preflight.passed != Some(true) {
            return None;
        }
        let sent = sim.preflight.headers.iter().find_map(|(n, v)| {
            n.eq_ignore_ascii_case("access-control-max-age")
                .then(|| v.trim().parse::<u64>().unwrap_or(0))
        });
        let seconds = sent.unwrap_or(DEFAULT_MAX_AGE);
        Some(PreflightCache {
            seconds: seconds.min(self.max_age_cap()),
            max_age: sent,
            capped: seconds > self.max_age_cap(),
        })
    }

    /// What this engine reports for the simulated failure, if any: Chromium's `CorsError` and
    /// console text, or Firefox's message key and the console text after the URL ("(Reason:
    /// …)…"). `status` is the status of the actual response (OSS answers DeleteObject with
    /// 204, other successes with 200); Firefox prints it for a missing Allow-Origin.
    pub fn failure(self, sim: &Simulation, status: u16) -> Option<BrowserFailure> {
        let (f, status) = match (&sim.preflight.failure, &sim.response.failure) {
            (Some(f), _) => (f, sim.preflight.status.unwrap_or(200)),
            (None, Some(f)) => (f, status),
            (None, None) => return None,
        };
        if self == Engine::Chromium {
            return Some(f.clone());
        }
        let quoted = |m: &str, before: &str, after: &str| -> String {
            let rest = m.split_once(before).map_or("", |(_, r)| r);
            rest.split_once(after).map_or(rest, |(v, _)| v).to_owned()
        };
        let (key, reason) = match f.code.trim_start_matches("Preflight") {
            "MissingAllowOriginHeader" => (
                "CORSMissingAllowOrigin2",
                format!("CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}."),
            ),
            "WildcardOriginNotAllowed" => (
                "CORSNotSupportingCredentials",
                "Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).".to_owned(),
            ),
            "MultipleAllowOriginValues" => (
                "CORSMultipleAllowOriginNotAllowed",
                "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).".to_owned(),
            ),
            "AllowOriginMismatch" | "InvalidAllowOriginValue" => (
                "CORSAllowOriginNotMatchingOrigin",
                format!(
                    "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{}’).",
                    quoted(&f.message, "value '", "'")
                ),
            ),
            "InvalidAllowCredentials" => (
                "CORSMissingAllowCredentials",
                "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).".to_owned(),
            ),
            "InvalidStatus" => (
                "CORSPreflightDidNotSucceed3",
                format!("CORS preflight response did not succeed). Status code: {status}."),
            ),
            "MethodDisallowedByPreflightResponse" => (
                "CORSMethodNotFound",
                "Did not find method in CORS header ‘Access-Control-Allow-Methods’).".to_owned(),
            ),
            "HeaderDisallowedByPreflightResponse" => (
                "CORSMissingAllowHeaderFromPreflight2",
                format!(
                    "header ‘{}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).",
                    quoted(&f.message, "field ", " is not")
                ),
            ),
            code => {
                // Not reachable against OSS, which echoes validated names.
                let (key, name) = match code {
                    "InvalidAllowMethodsPreflightResponse" => ("CORSInvalidAllowMethod", "Methods"),
                    _ => ("CORSInvalidAllowHeader", "Headers"),
                };
                let header = format!("access-control-allow-{}", name.to_ascii_lowercase());
                let token = sim.preflight.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(&header));
                let token = token.flat_map(|(_, v)| list_items(v)).find(|t| !is_token(t));
                let reason = format!("invalid token ‘{}’ in CORS header ‘Access-Control-Allow-{name}’).", token.unwrap_or(""));
                (key, reason)
            }
        };
        Some(BrowserFailure::new(key, format!("(Reason: {reason}")))
    }
}
