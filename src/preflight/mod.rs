//! The CORS simulator: the single truth for what OSS answers and what a browser then does.
//!
//! Owns: OSS's rule matching and CORS response headers ([`CompiledRules`], the one matcher,
//! behind [`oss_answer`] and [`explain`]), the
//! browser's side of CORS as Chromium implements WHATWG Fetch ([`preflight_needed`],
//! [`judge_preflight`], [`judge_response`]), the whole two-leg simulation ([`simulate`]) and,
//! in [`choices`], every OSS behaviour that is UNCONFIRMED.
//!
//! Pure: no I/O, no clock, no env. Shared by `cors test` (prediction) and `serve` (the
//! endpoint), so the two cannot drift. Depends only on `rules` (the model structs).
//! Semantics, choices and the JSON schema are documented in `docs/preflight.md`.

pub mod browser;
pub mod choices;
pub mod matcher;
pub mod server;
pub mod simulate;

#[cfg(test)]
mod cases;

pub use browser::{
    BrowserFailure, BrowserRequest, NON_SAFELISTED_VALUE, PreflightNeed, PreflightReason,
    PreflightReasons, ResponseJudgement, SAFELISTED_RESPONSE_HEADERS, check_safelisted,
    is_forbidden_request_header, judge_preflight, judge_response, normalize_method,
    normalized_method, parse_header_arg, parse_header_parts, preflight_needed,
};
pub use matcher::{
    Glob, header_matches, origin_matches, wildcard_match, wildcard_match_ignore_case,
};
pub use server::{
    CompiledRules, Forbidden, IncomingRequest, NearMiss, OSS_METHODS, OssAnswer, RuleEvaluation,
    RuleOutcomes, explain, names, near_miss, oss_answer,
};
pub use simulate::{
    PreflightLeg, ResponseLeg, RuleReport, Simulation, Suggestion, Verdict, simulate,
};
