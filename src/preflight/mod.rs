//! The CORS model: the single truth for what OSS answers and what a browser then does.
//!
//! Read it beside OSS's CORS documentation and the Fetch standard:
//! - [`server`]: which rule answers a request and the headers OSS sends (OSS's docs);
//! - [`browser`]: when a preflight is needed, the preflight and response checks, the headers
//!   a page can read (Fetch, as Chromium implements it);
//! - [`behaviour`]: every OSS behaviour the documentation does not settle, as data with its
//!   status and evidence, read through a [`Model`] that remembers what it was asked;
//! - [`simulate`]: the two legs of one request; [`assume`]: which assumptions a verdict
//!   rests on; [`explain`]: reasons and suggested fixes; [`matcher`]: wildcard patterns.
//!
//! Pure: no I/O, no clock, no env. Shared by `cors test` (prediction) and `serve` (the
//! endpoint), so the two cannot drift. Depends only on `rules`. Semantics, the behaviour
//! fields and the JSON schema are documented in `docs/preflight.md`.

pub mod assume;
pub mod behaviour;
pub mod browser;
pub mod engine;
pub mod explain;
pub mod matcher;
pub mod server;
pub mod simulate;

#[cfg(test)]
mod browser_tests;
#[cfg(test)]
mod cases;
#[cfg(test)]
mod server_tests;
#[cfg(test)]
mod simulate_tests;

pub use assume::{Assumption, assumptions};
pub use behaviour::{Behaviour, BehaviourError, Choices, Field, Model, Source, Status};
pub use browser::{
    BrowserFailure, BrowserRequest, HeaderArgError, NON_SAFELISTED_VALUE, PreflightNeed,
    PreflightReason, ResponseJudgement, SAFELISTED_RESPONSE_HEADERS, is_forbidden_request_header,
    judge_preflight, judge_response, normalize_method, parse_header_arg, preflight_needed,
};
pub use engine::{Engine, PreflightCache};
pub use explain::{NearMiss, RuleReason, Suggestion, near_miss};
pub use server::{
    CompiledRules, IncomingRequest, OSS_METHODS, OssAnswer, Outcome, Refusal, RuleOutcome, names,
    oss_answer,
};
pub use simulate::{PreflightLeg, ResponseLeg, RuleReport, Simulation, Verdict, simulate};
