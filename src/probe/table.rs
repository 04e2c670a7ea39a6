//! What the model predicts for one probe under every combination of the behaviour fields
//! it reads, and which parts of the answer those fields change.

use crate::preflight::{Choices, CompiledRules, Field, Model, Outcome};

use super::plan::Probe;

/// A part of an answer: the status, the error code or message, or one header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    Status,
    Code,
    Message,
    /// A header, by lower-case name.
    Header(String),
}

impl Part {
    /// How the part is named in reports.
    pub fn label(&self) -> String {
        match self {
            Part::Status => "status".into(),
            Part::Code => "error code".into(),
            Part::Message => "error message".into(),
            Part::Header(h) => h.clone(),
        }
    }
}

/// List-valued headers compare as sets of items (order and spacing may differ), letter
/// case kept (the case of Allow-Headers is itself a question).
fn is_list(name: &str) -> bool {
    matches!(
        name,
        "access-control-allow-methods"
            | "access-control-allow-headers"
            | "access-control-expose-headers"
            | "vary"
    )
}

/// `value` as compared: trimmed; list headers as their sorted, de-duplicated items.
pub(crate) fn normalise(part: &Part, value: &str) -> String {
    match part {
        Part::Header(name) if is_list(name) => {
            let mut items: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            items.sort_unstable();
            items.dedup();
            items.join(",")
        }
        _ => value.trim().to_string(),
    }
}

/// The model's answer to one probe, as comparable parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prediction {
    /// `(part, normalised value)`, sorted by part; a part not listed is absent.
    pub parts: Vec<(Part, String)>,
}

impl Prediction {
    pub fn get(&self, part: &Part) -> Option<&str> {
        self.parts
            .iter()
            .find(|(p, _)| p == part)
            .map(|(_, v)| v.as_str())
    }
}

fn predict(
    rules: &CompiledRules,
    probe: &Probe,
    outcome: Outcome,
    choices: Choices,
) -> (Prediction, Vec<Field>) {
    let model = Model::new(choices);
    let req = probe.incoming(outcome);
    let answer = rules.answer(&req, &model);
    let mut parts = Vec::new();
    if let Some(status) = answer.status {
        parts.push((Part::Status, status.to_string()));
    }
    if let Some(r) = answer.refusal {
        parts.push((Part::Code, r.code.to_string()));
        parts.push((Part::Message, r.message.trim().to_string()));
    }
    for (name, value) in &answer.headers {
        let part = Part::Header(name.to_ascii_lowercase());
        let v = normalise(&part, value);
        match parts.iter_mut().find(|(p, _)| *p == part) {
            Some((_, old)) => {
                old.push(',');
                old.push_str(&v);
            }
            None => parts.push((part, v)),
        }
    }
    parts.sort();
    (Prediction { parts }, model.consulted())
}

/// Every combination of `fields`' values, as value indices (mixed radix, last field fastest).
fn combinations(fields: &[Field]) -> Vec<Vec<usize>> {
    let radix: Vec<usize> = fields.iter().map(|f| Choices::values(*f).len()).collect();
    let total: usize = radix.iter().product();
    (0..total)
        .map(|mut n| {
            let mut digits = vec![0; fields.len()];
            for i in (0..fields.len()).rev() {
                digits[i] = n % radix[i];
                n /= radix[i];
            }
            digits
        })
        .collect()
}

fn choices_for(fields: &[Field], digits: &[usize]) -> Choices {
    let mut c = Choices::default();
    for (f, &d) in fields.iter().zip(digits) {
        c.set(*f, Choices::values(*f)[d])
            .expect("a listed value parses");
    }
    c
}

/// The model's answers to one probe under every combination of the fields it reads.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// The fields the answer depends on, in [`Field::ALL`] order.
    pub fields: Vec<Field>,
    /// One row per combination of `fields`' values (value indices), in mixed-radix order.
    pub rows: Vec<(Vec<usize>, Prediction)>,
    /// The parts whose value differs between rows: the only ones the fields decide.
    pub varying: Vec<Part>,
}

impl Table {
    /// Builds the table. The fields are found by asking the model which it read, under
    /// every combination of those found so far, until no new one appears (a field read only
    /// under some values of another is found too).
    pub fn new(rules: &CompiledRules, probe: &Probe, outcome: Outcome) -> Table {
        let mut fields: Vec<Field> = predict(rules, probe, outcome, Choices::default()).1;
        let rows = loop {
            let mut seen = fields.clone();
            let rows: Vec<(Vec<usize>, Prediction)> = combinations(&fields)
                .into_iter()
                .map(|digits| {
                    let (p, read) = predict(rules, probe, outcome, choices_for(&fields, &digits));
                    for f in read {
                        if !seen.contains(&f) {
                            seen.push(f);
                        }
                    }
                    (digits, p)
                })
                .collect();
            seen.sort();
            if seen == fields {
                break rows;
            }
            fields = seen;
        };
        let mut all: Vec<Part> = rows
            .iter()
            .flat_map(|(_, p)| p.parts.iter().map(|(part, _)| part.clone()))
            .collect();
        all.sort();
        all.dedup();
        let varying = all
            .into_iter()
            .filter(|part| {
                let first = rows[0].1.get(part);
                rows.iter().any(|(_, p)| p.get(part) != first)
            })
            .collect();
        Table {
            fields,
            rows,
            varying,
        }
    }

    /// The row index of a combination of value indices over all fields ([`Field::ALL`]).
    pub fn row_of(&self, all: &[usize]) -> usize {
        self.fields
            .iter()
            .fold(0, |n, f| n * Choices::values(*f).len() + all[*f as usize])
    }

    /// Whether two rows differ in a part the fields decide.
    pub fn differ(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (&self.rows[a].1, &self.rows[b].1);
        self.varying.iter().any(|part| pa.get(part) != pb.get(part))
    }

    /// Whether some two rows that differ only in `field` predict different answers.
    pub fn tells(&self, field: Field) -> bool {
        self.pairs(field).any(|(i, j)| self.differ(i, j))
    }

    /// Whether every two rows that differ only in `field` predict different answers: the
    /// answer shows the field whatever the other fields are.
    pub fn always_tells(&self, field: Field) -> bool {
        let mut pairs = self.pairs(field).peekable();
        pairs.peek().is_some() && pairs.all(|(i, j)| self.differ(i, j))
    }

    /// The parts of the answer `field` changes (with the other fields held anywhere).
    pub fn parts_told_by(&self, field: Field) -> Vec<Part> {
        self.varying
            .iter()
            .filter(|part| {
                self.pairs(field)
                    .any(|(i, j)| self.rows[i].1.get(part) != self.rows[j].1.get(part))
            })
            .cloned()
            .collect()
    }

    /// The pairs of rows that differ in `field` only.
    fn pairs(&self, field: Field) -> impl Iterator<Item = (usize, usize)> + '_ {
        let pos = self.fields.iter().position(|f| *f == field);
        self.rows
            .iter()
            .enumerate()
            .flat_map(move |(i, (digits, _))| {
                self.rows
                    .iter()
                    .enumerate()
                    .filter(move |(_, (other, _))| {
                        pos.is_some_and(|pos| {
                            other[pos] != digits[pos]
                                && other
                                    .iter()
                                    .zip(digits)
                                    .enumerate()
                                    .all(|(k, (a, b))| k == pos || a == b)
                        })
                    })
                    .map(move |(j, _)| (i, j))
            })
    }
}
