//! Where browser engines differ, as data with its evidence (issue 18): how long a preflight
//! is reused, and the console text of a blocked request. The rest of the browser model is
//! shared: Chromium 156 and Firefox 153 agree on verdict, preflight, its status and the
//! readable headers in every case of the browser suite (`tests/e2e`; docs/browser.md).
//! Firefox's codes are its message keys (dom/locales/en-US/chrome/security/security.properties).

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
/// (Chromium `kDefaultTimeout = base::Seconds(5)`, services/network/cors/preflight_result.cc;
/// Firefox `PREFLIGHT_DEFAULT_EXPIRY_SECONDS 5`, "compatible with Chromium",
/// netwerk/protocol/http/nsCORSListenerProxy.cpp; both seen here).
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

    /// The longest reuse of a preflight, whatever Max-Age says. Chromium: 2 h (`kMaxTimeout =
    /// base::Hours(2)`, preflight_result.cc); Firefox: 24 h (`AddResultToCache`: "Cap at 24
    /// hours", `std::min(age, 86400U)`, nsCORSListenerProxy.cpp).
    pub fn max_age_cap(self) -> u64 {
        match self {
            Engine::Chromium => 7_200,
            Engine::Firefox => 86_400,
        }
    }

    /// How long this engine reuses the simulated preflight; `None` when none is sent or it
    /// failed (both engines cache only a passed preflight). Max-Age 0 means no reuse (OSS sends
    /// digits only); seen here with Max-Age 600, 86400, 1, 0 and none.
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

    /// This engine's code and console text for the simulated failure: Chromium's `CorsError`,
    /// or Firefox's key and its text after the URL. `status`: the actual response's status.
    pub fn failure(self, sim: &Simulation, status: u16) -> Option<BrowserFailure> {
        let (f, status) = match (&sim.preflight.failure, &sim.response.failure) {
            (Some(f), _) => (f, sim.preflight.status.unwrap_or(200)),
            (None, Some(f)) => (f, status),
            (None, None) => return None,
        };
        if self == Engine::Chromium {
            return Some(f.clone());
        }
        let code = f.code.trim_start_matches("Preflight");
        let (key, text) = FIREFOX.lines().find_map(|row| {
            let (chromium, rest) = row.split_once(' ')?;
            (chromium == code).then(|| rest.split_once(' '))?
        })?;
        // The value Firefox names: the refused header (Chromium's fourth word), the first bad
        // token, or Allow-Origin's value (Chromium quotes it after the header's name).
        let value = if code.starts_with("HeaderDis") {
            f.message.split(' ').nth(3).map(str::to_owned)
        } else if let Some(list) = code
            .strip_prefix("InvalidAllow")
            .and_then(|c| c.strip_suffix("PreflightResponse"))
        {
            let header = format!("access-control-allow-{}", list.to_ascii_lowercase());
            let mut values = sim.preflight.headers.iter();
            values.find_map(|(n, v)| {
                let bad = list_items(v).find(|t| !t.is_empty() && !is_token(t));
                bad.filter(|_| n.eq_ignore_ascii_case(&header))
                    .map(str::to_owned)
            })
        } else {
            f.message.split('\'').nth(3).map(str::to_owned)
        };
        let text = text.replace("{s}", &status.to_string());
        Some(BrowserFailure::new(
            key,
            text.replace("{v}", &value.unwrap_or_default()),
        ))
    }
}

/// Chromium's `CorsError` (less `Preflight`), Firefox's key, and its console text after the
/// URL (`{s}` the status, `{v}` the value named). All seen here on Firefox 153.8.0esr: the
/// first three in the browser suite, the others against an ad-hoc loopback server (which
/// also showed that a comma list in Allow-Origin gets "does not match").
const FIREFOX: &str = "\
MissingAllowOriginHeader CORSMissingAllowOrigin2 (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {s}.
WildcardOriginNotAllowed CORSNotSupportingCredentials (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).
InvalidAllowCredentials CORSMissingAllowCredentials (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).
AllowOriginMismatch CORSAllowOriginNotMatchingOrigin (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{v}’).
MultipleAllowOriginValues CORSAllowOriginNotMatchingOrigin (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{v}’).
InvalidAllowOriginValue CORSAllowOriginNotMatchingOrigin (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘{v}’).
InvalidStatus CORSPreflightDidNotSucceed3 (Reason: CORS preflight response did not succeed). Status code: {s}.
MethodDisallowedByPreflightResponse CORSMethodNotFound (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).
HeaderDisallowedByPreflightResponse CORSMissingAllowHeaderFromPreflight2 (Reason: header ‘{v}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).
InvalidAllowMethodsPreflightResponse CORSInvalidAllowMethod (Reason: invalid token ‘{v}’ in CORS header ‘Access-Control-Allow-Methods’).
InvalidAllowHeadersPreflightResponse CORSInvalidAllowHeader (Reason: invalid token ‘{v}’ in CORS header ‘Access-Control-Allow-Headers’).";

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::preflight::{BrowserRequest, Choices, CompiledRules, Outcome, simulate};
    use crate::rules::{CorsConfiguration, CorsRule};

    fn rules(origin: &str, max_age: Option<u64>) -> CompiledRules {
        CompiledRules::new(Some(Arc::new(CorsConfiguration {
            rules: vec![CorsRule {
                allowed_origins: vec![origin.into()],
                allowed_methods: vec!["GET".into(), "PUT".into()],
                allowed_headers: vec![],
                expose_headers: vec![],
                max_age_seconds: max_age,
            }],
            response_vary: None,
        })))
    }

    fn req(method: &str, credentials: bool) -> BrowserRequest {
        BrowserRequest {
            origin: "https://app.example.com".into(),
            method: method.into(),
            credentials,
            ..BrowserRequest::default()
        }
    }

    fn cache(engine: Engine, max_age: Option<u64>) -> Option<(u64, bool)> {
        let (rules, r) = (rules("https://app.example.com", max_age), req("PUT", false));
        let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
        engine.preflight_cache(&sim).map(|c| (c.seconds, c.capped))
    }

    #[test]
    fn the_preflight_cache_follows_max_age_up_to_each_engines_cap() {
        for e in Engine::ALL {
            assert_eq!(cache(e, None), Some((5, false)), "{e:?}: no Max-Age");
            assert_eq!(cache(e, Some(0)), Some((0, false)), "{e:?}: Max-Age 0");
            assert_eq!(cache(e, Some(600)), Some((600, false)), "{e:?}");
        }
        assert_eq!(cache(Engine::Chromium, Some(86_400)), Some((7_200, true)));
        assert_eq!(cache(Engine::Firefox, Some(86_400)), Some((86_400, false)));
        assert_eq!(cache(Engine::Firefox, Some(90_000)), Some((86_400, true)));
        // No preflight, or a failed one: nothing is reused.
        let (rules, r) = (
            rules("https://other.example.com", Some(600)),
            req("PUT", false),
        );
        let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
        assert_eq!(Engine::Firefox.preflight_cache(&sim), None);
        let r = req("GET", false);
        let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
        assert_eq!(Engine::Chromium.preflight_cache(&sim), None);
    }

    #[test]
    fn each_engine_words_a_failure_its_own_way() {
        let text = |origin: &str, method: &str, credentials: bool, status: u16| {
            let (rules, r) = (rules(origin, None), req(method, credentials));
            let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
            let chromium = Engine::Chromium.failure(&sim, status).unwrap();
            assert_eq!(
                Some(&chromium),
                sim.preflight
                    .failure
                    .as_ref()
                    .or(sim.response.failure.as_ref())
            );
            let f = Engine::Firefox.failure(&sim, status).unwrap();
            (f.code, f.message)
        };
        let (code, message) = text("https://other.example.com", "PUT", false, 200);
        assert_eq!(code, "CORSMissingAllowOrigin2");
        assert_eq!(
            message,
            "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403."
        );
        let (_, message) = text("https://other.example.com", "DELETE", false, 204);
        assert!(message.ends_with("Status code: 403."), "{message}");
        let (code, message) = text("https://other.example.com", "GET", false, 204);
        assert_eq!(code, "CORSMissingAllowOrigin2");
        assert!(message.ends_with("Status code: 204."), "{message}");
        let (code, message) = text("*", "GET", true, 200);
        assert_eq!(code, "CORSNotSupportingCredentials");
        assert!(message.contains("is ‘*’)."), "{message}");
        let (code, _) = text("*", "PUT", true, 200);
        assert_eq!(code, "CORSNotSupportingCredentials");
    }

    #[test]
    fn firefox_names_the_value_it_refused() {
        let f = |code: &'static str, message: &str| {
            let (rules, r) = (rules("*", None), req("GET", false));
            let mut sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
            sim.response.failure = Some(BrowserFailure::new(code, message));
            Engine::Firefox.failure(&sim, 200).unwrap().message
        };
        assert_eq!(
            f(
                "AllowOriginMismatch",
                "The 'Access-Control-Allow-Origin' header has a value 'https://x.test' that is not equal to the supplied origin."
            ),
            "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://x.test’)."
        );
        assert!(f("HeaderDisallowedByPreflightResponse", "Request header field x-a is not allowed by Access-Control-Allow-Headers in preflight response.").contains("header ‘x-a’ is not allowed"));
        assert!(f("PreflightInvalidStatus", "…").ends_with("Status code: 200."));
    }
}
