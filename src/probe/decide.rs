//! Each behaviour field decided from the endpoint's answers.
//!
//! For every request sent, the server model is run under every combination of the fields
//! its answer depends on (a [`Table`]); the combinations whose predicted answer is the one
//! the endpoint gave survive. A combination of all fields is consistent when it survives for
//! every request; a field is decided when all consistent combinations give it one value.
//! Only the parts of an answer the fields change are compared; other differences from the
//! model are reported as notes, never used to decide.

use serde::Serialize;

use crate::oss::error::ErrorBody;
use crate::preflight::{Behaviour, Choices, CompiledRules, Field, Outcome, Status};
use crate::rules::CorsConfiguration;

use super::plan::{Probe, needs};
use super::table::{Part, Table, normalise};

/// What the endpoint answered to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observation {
    /// The request line as sent: `OPTIONS https://bucket.host/key`.
    pub request: String,
    /// The status.
    pub status: u16,
    /// Every response header, as received.
    pub headers: Vec<(String, String)>,
    /// The body (error XML), when there was one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub body: String,
}

impl Observation {
    /// `x-oss-request-id`.
    pub fn request_id(&self) -> Option<&str> {
        self.header_values("x-oss-request-id").next()
    }

    fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn error(&self) -> Option<ErrorBody> {
        (self.status >= 400)
            .then(|| ErrorBody::parse(&self.body))
            .flatten()
    }

    /// The value of `part` as compared with the model.
    fn part(&self, part: &Part) -> Option<String> {
        match part {
            Part::Status => Some(self.status.to_string()),
            Part::Code => self.error().map(|e| e.code),
            Part::Message => self.error().map(|e| e.message.trim().to_string()),
            Part::Header(name) => {
                let values: Vec<&str> = self.header_values(name).collect();
                (!values.is_empty()).then(|| normalise(part, &values.join(",")))
            }
        }
    }

    /// The CORS lines of the answer, exactly as received: the status, `access-control-*` and
    /// `vary` headers, the error code and message.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("HTTP {}", self.status)];
        for (k, v) in &self.headers {
            let lower = k.to_ascii_lowercase();
            if lower.starts_with("access-control-") || lower == "vary" {
                lines.push(format!("{k}: {v}"));
            }
        }
        if let Some(e) = self.error() {
            lines.push(format!(
                "<Code>{}</Code> <Message>{}</Message>",
                e.code, e.message
            ));
        }
        lines
    }
}

/// One request and answer that show a field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Why the request was sent.
    pub purpose: String,
    /// The request line and its CORS headers.
    pub request: String,
    /// `x-oss-request-id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The answer's status, CORS header lines and error, exactly as received.
    pub response: Vec<String>,
    /// The parts of the answer that show the field: `access-control-allow-credentials: true`,
    /// `no access-control-max-age`, `status 403`.
    pub shows: Vec<String>,
}

/// How far a field was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// One value fits every answer.
    Decided,
    /// No request sent could tell the values apart, or more than one value fits.
    Undecided,
    /// The answers fit none of the values: the endpoint does something ossctl cannot model.
    Unexplained,
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldReport {
    /// The field's name.
    pub field: &'static str,
    /// ossctl's default value.
    pub default: &'static str,
    /// The value the endpoint showed, when decided.
    pub shown: Option<&'static str>,
    /// Whether the two agree, when decided.
    pub agrees: Option<bool>,
    /// Decided, undecided or unexplained.
    pub decision: Decision,
    /// Why not decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The requests and answers that show it.
    pub evidence: Vec<Evidence>,
}

/// Every field, decided or not, and the differences from the model no field explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProbeReport {
    /// One row per field, in [`Field::ALL`] order.
    pub fields: Vec<FieldReport>,
    /// Answers that differ from the model in parts no field changes.
    pub notes: Vec<String>,
}

impl ProbeReport {
    /// Whether the endpoint differs from ossctl's defaults: a decided field shows another
    /// value, or an answer fits none of a field's values.
    pub fn any_differs(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.agrees == Some(false) || f.decision == Decision::Unexplained)
    }

    /// `behaviour` with every decided field set to the value shown, status observed, the
    /// evidence naming `place` (e.g. "on https://oss-cn-hangzhou.aliyuncs.com on 2026-12-07")
    /// and the request ids.
    pub fn apply(&self, behaviour: &mut Behaviour, place: &str) {
        for f in &self.fields {
            let (Some(shown), Ok(field)) = (f.shown, Field::from_name(f.field)) else {
                continue;
            };
            let ids: Vec<&str> = f
                .evidence
                .iter()
                .filter_map(|e| e.request_id.as_deref())
                .collect();
            let mut evidence = format!("observed {place} by `ossctl cors probe`");
            if !ids.is_empty() {
                evidence.push_str(&format!(" (request ids {})", ids.join(", ")));
            }
            behaviour
                .set(field, shown, Status::Observed, evidence)
                .expect("a value the table listed");
        }
    }
}

fn evidence_of(j: &Judged, field: Field) -> Evidence {
    let (probe, obs) = (j.probe, j.obs);
    let mut request = obs.request.clone();
    for (k, v) in probe.headers() {
        request.push_str(&format!("\n{k}: {v}"));
    }
    let shows = j
        .table
        .parts_told_by(field)
        .iter()
        .map(|part| match (part, obs.part(part)) {
            (Part::Status, _) => format!("status {}", obs.status),
            (Part::Header(name), Some(_)) => {
                let values: Vec<&str> = obs.header_values(name).collect();
                format!("{name}: {}", values.join(", "))
            }
            (other, Some(v)) => format!("{} {v}", other.label()),
            (other, None) => format!("no {}", other.label()),
        })
        .collect();
    Evidence {
        purpose: probe.purpose.clone(),
        request,
        request_id: obs.request_id().map(str::to_string),
        response: obs.lines(),
        shows,
    }
}

/// One request's verdict on the combinations of its table.
struct Judged<'a> {
    probe: &'a Probe,
    obs: &'a Observation,
    table: Table,
    /// Per row: its answer is the endpoint's.
    fits: Vec<bool>,
    /// The error text fitted no row and was left out of the comparison.
    text_ignored: bool,
}

fn judge<'a>(
    rules: &CompiledRules,
    probe: &'a Probe,
    obs: &'a Observation,
    notes: &mut Vec<String>,
) -> Judged<'a> {
    let outcome = if probe.method == "OPTIONS" {
        Outcome::Success
    } else {
        Outcome::from_status(obs.status)
    };
    let table = Table::new(rules, probe, outcome);
    let fits_with = |skip_text: bool| -> Vec<bool> {
        table
            .rows
            .iter()
            .map(|(_, p)| {
                table.varying.iter().all(|part| {
                    (skip_text && matches!(part, Part::Code | Part::Message))
                        || p.get(part).map(str::to_string) == obs.part(part)
                })
            })
            .collect()
    };
    let mut fits = fits_with(false);
    let mut text_ignored = false;
    if !fits.iter().any(|f| *f)
        && table
            .varying
            .iter()
            .any(|p| matches!(p, Part::Code | Part::Message))
    {
        let relaxed = fits_with(true);
        if relaxed.iter().any(|f| *f) {
            fits = relaxed;
            text_ignored = true;
            notes.push(format!(
                "{} ({}): the error text {:?} is none of the texts ossctl models",
                obs.request,
                probe.purpose,
                obs.part(&Part::Message).unwrap_or_default()
            ));
        }
    }
    // Parts every value predicts alike: a difference there is the documented model's, not a field's.
    let first = &table.rows[0].1;
    for (part, predicted) in &first.parts {
        if table.varying.contains(part) || matches!(part, Part::Code | Part::Message) {
            continue;
        }
        let real = obs.part(part);
        if real.as_deref() != Some(predicted.as_str()) {
            notes.push(format!(
                "{} ({}): {} is {}, the model predicts {predicted:?} whatever the behaviour",
                obs.request,
                probe.purpose,
                part.label(),
                real.map_or("absent".to_string(), |r| format!("{r:?}"))
            ));
        }
    }
    Judged {
        probe,
        obs,
        table,
        fits,
        text_ignored,
    }
}

/// Decides every field from the answers `observed[i]` to `probes[i]`, sent to a bucket with
/// `config`.
pub fn decide(
    config: Option<&CorsConfiguration>,
    probes: &[Probe],
    observed: &[Observation],
) -> ProbeReport {
    let rules = CompiledRules::from_config(config);
    let mut notes = Vec::new();
    let judged: Vec<Judged> = probes
        .iter()
        .zip(observed)
        .map(|(p, o)| judge(&rules, p, o, &mut notes))
        .collect();
    let unexplained: Vec<&Judged> = judged
        .iter()
        .filter(|j| !j.fits.iter().any(|f| *f))
        .collect();
    for j in &unexplained {
        notes.push(format!(
            "{} ({}): the answer fits no combination of the behaviour fields it depends on ({})",
            j.obs.request,
            j.probe.purpose,
            j.table
                .fields
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let explained: Vec<&Judged> = judged
        .iter()
        .filter(|j| j.fits.iter().any(|f| *f))
        .collect();

    // Every combination of the values of the fields some answer depends on; keep those every
    // answer allows. A field no answer depends on can take any value.
    let radix: Vec<usize> = Field::ALL
        .iter()
        .map(|f| Choices::values(*f).len())
        .collect();
    let mut free: Vec<usize> = explained
        .iter()
        .flat_map(|j| j.table.fields.iter().map(|f| *f as usize))
        .collect();
    free.sort_unstable();
    free.dedup();
    let mut seen: Vec<Vec<bool>> = radix.iter().map(|r| vec![false; *r]).collect();
    let mut any = false;
    let mut digits = vec![0usize; radix.len()];
    'all: loop {
        if explained.iter().all(|j| j.fits[j.table.row_of(&digits)]) {
            any = true;
            for (i, d) in digits.iter().enumerate() {
                seen[i][*d] = true;
            }
        }
        for &i in free.iter().rev() {
            digits[i] += 1;
            if digits[i] < radix[i] {
                continue 'all;
            }
            digits[i] = 0;
        }
        break;
    }
    if any {
        for (i, s) in seen.iter_mut().enumerate() {
            if !free.contains(&i) {
                s.fill(true);
            }
        }
    }

    let defaults = Choices::default();
    let fields = Field::ALL
        .iter()
        .map(|&field| {
            let values = Choices::values(field);
            let telling: Vec<&&Judged> =
                explained.iter().filter(|j| j.table.tells(field)).collect();
            // The clearest evidence: the answers that show the field whatever the others are.
            let always: Vec<&&&Judged> = telling
                .iter()
                .filter(|j| j.table.always_tells(field))
                .collect();
            let evidence: Vec<Evidence> = if always.is_empty() {
                telling.iter().map(|j| evidence_of(j, field)).collect()
            } else {
                always.iter().map(|j| evidence_of(j, field)).collect()
            };
            let fitting: Vec<&'static str> = values
                .iter()
                .zip(&seen[field as usize])
                .filter(|(_, s)| **s)
                .map(|(v, _)| *v)
                .collect();
            let default = defaults.value(field);
            let mut row = FieldReport {
                field: field.name(),
                default,
                shown: None,
                agrees: None,
                decision: Decision::Undecided,
                reason: None,
                evidence,
            };
            let odd: Vec<&&Judged> = unexplained
                .iter()
                .filter(|j| j.table.tells(field))
                .collect();
            let text_odd = judged
                .iter()
                .any(|j| j.text_ignored && j.table.tells(field));
            if !any && !telling.is_empty() {
                row.decision = Decision::Unexplained;
                row.reason =
                    Some("no combination of values fits every answer (see the notes)".into());
            } else if !odd.is_empty() || (text_odd && fitting.len() > 1) {
                // An answer that shows this field fits none of its values: never decide
                // from the rest.
                row.decision = Decision::Unexplained;
                row.reason =
                    Some("the endpoint's answer fits none of the values (see the notes)".into());
                if !odd.is_empty() {
                    row.evidence = odd.iter().map(|j| evidence_of(j, field)).collect();
                }
            } else if fitting.len() == 1 && !telling.is_empty() {
                row.shown = Some(fitting[0]);
                row.agrees = Some(fitting[0] == default);
                row.decision = Decision::Decided;
            } else if telling.is_empty() {
                row.reason = Some(format!(
                    "undecided with these rules: needs {}",
                    needs(field)
                ));
            } else {
                row.reason = Some(format!(
                    "the answers fit more than one value ({})",
                    fitting.join(", ")
                ));
            }
            row
        })
        .collect();
    ProbeReport { fields, notes }
}
