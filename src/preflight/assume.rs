//! Verdicts that say what they assume.
//!
//! A simulation remembers which behaviour fields its answers read. For each of those whose
//! value is only assumed, the simulation is run again under each alternative value; where
//! the verdict, the preflight status or the headers the page can read would change, the
//! verdict rests on that assumption, and the report says so.

use std::borrow::Cow;

use serde::Serialize;

use super::behaviour::{Behaviour, Field, Status};
use super::server::CompiledRules;
use super::simulate::{Simulation, Verdict, simulate};

/// An assumption a simulation's result depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assumption {
    /// The behaviour field.
    #[serde(serialize_with = "field_name")]
    pub name: Field,
    /// Its value in this simulation.
    pub assumed: &'static str,
    /// The value that would change the result.
    pub alternative: &'static str,
    /// The verdict under the alternative.
    pub verdict_if_alternative: Verdict,
    /// What would change, in one sentence.
    pub reason: String,
}

fn field_name<S: serde::Serializer>(field: &Field, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(field.name())
}

/// The assumptions `sim` (simulated with `behaviour`'s choices against `rules`) rests on:
/// Allow-Credentials first, then in [`Field::ALL`] order; empty when nothing depends on an
/// assumption.
pub fn assumptions(
    rules: &CompiledRules,
    sim: &Simulation,
    behaviour: &Behaviour,
) -> Vec<Assumption> {
    let mut out = Vec::new();
    for &field in &sim.consulted {
        if behaviour.source(field).status != Status::Assumed {
            continue;
        }
        let assumed = sim.choices.value(field);
        for alternative in super::behaviour::Choices::values(field) {
            if alternative == assumed {
                continue;
            }
            let mut choices = sim.choices;
            if choices.set(field, alternative).is_err() {
                continue;
            }
            let other = simulate(rules, sim.request, choices, sim.outcome);
            if let Some(reason) = difference(sim, &other) {
                out.push(Assumption {
                    name: field,
                    assumed,
                    alternative,
                    verdict_if_alternative: other.verdict,
                    reason,
                });
            }
        }
    }
    out
}

/// What `other` shows the page differently from `sim`: the verdict, the preflight's status
/// or the readable headers; `None` when the page would see the same.
fn difference(sim: &Simulation, other: &Simulation) -> Option<String> {
    if other.verdict != sim.verdict {
        return Some(match other.verdict {
            Verdict::Allowed => "the browser allows the request".to_owned(),
            Verdict::BlockedPreflight => format!(
                "the browser blocks the preflight: {}",
                other
                    .preflight
                    .failure
                    .as_ref()
                    .map_or("", |f| f.message.as_str())
            ),
            Verdict::BlockedResponse => format!(
                "the browser blocks the response: {}",
                other
                    .response
                    .failure
                    .as_ref()
                    .map_or("", |f| f.message.as_str())
            ),
        });
    }
    if other.preflight.status != sim.preflight.status {
        let status = |s: Option<u16>| s.map_or_else(|| "nothing".to_owned(), |s| s.to_string());
        return Some(format!(
            "OSS answers the preflight with {} instead of {} (the verdict stays the same)",
            status(other.preflight.status),
            status(sim.preflight.status)
        ));
    }
    if other.response.visible_headers != sim.response.visible_headers {
        let list = |h: &[Cow<'static, str>]| h.join(", ");
        return Some(format!(
            "script can read {} instead of {}",
            list(&other.response.visible_headers),
            list(&sim.response.visible_headers)
        ));
    }
    None
}
