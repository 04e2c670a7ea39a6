//! `ossctl cors probe`'s pure core: which requests settle OSS's undocumented CORS behaviour,
//! and what the answers show.
//!
//! - [`plan`]: from a rule set, the requests that decide each [`Behaviour`] field, and for
//!   each field these rules cannot decide, the rule that would ([`plan::plan`]); the scratch
//!   configuration built to decide every field ([`plan::scratch_configuration`]).
//! - [`decide`]: each field decided from the endpoint's answers, with the evidence (request
//!   id, exact response header lines).
//!
//! One truth: nothing here knows what OSS answers. Every expectation comes from the server
//! model (`preflight::CompiledRules::answer`) run under each alternative value of the fields
//! it reads; a field is decided when exactly one of its values fits every answer.
//!
//! Pure: no I/O, no clock, no env. Depends on `rules`, `preflight` and `oss` (error bodies).
//!
//! [`Behaviour`]: crate::preflight::Behaviour

pub mod decide;
pub mod plan;
mod table;

pub use decide::{Decision, Evidence, FieldReport, Observation, ProbeReport, decide};
pub use plan::{Object, Plan, Probe, Signing, Undecidable, plan, scratch_configuration};

#[cfg(test)]
mod tests;
