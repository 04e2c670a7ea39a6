//! A rule-by-rule diff of two CORS configurations, and its text rendering.
//!
//! Comparison is semantic, the way OSS reads a configuration: the order of values inside a
//! field and the case of header names and methods do not matter; the order of *rules* does
//! (the first matching rule wins), so a rule that moved is a difference; an absent
//! ResponseVary equals `false`.
//!
//! Rules are aligned with a longest common subsequence of identical rules; identical rules
//! outside it are reported as moved; the remaining rules between two aligned ones are paired
//! in order as changed (with field-level changes), and the rest are removed or added.
//!
//! Pure: used by `cors diff`, and by `cors put` to show what a write will change.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::rules::{CorsConfiguration, CorsRule};

/// The changes from configuration A to configuration B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Every rule of either side, in B's order (removed rules where they were).
    pub rules: Vec<RuleDiff>,
    /// ResponseVary before and after, when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_vary: Option<VaryChange>,
}

/// ResponseVary before and after (absent counts as false).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VaryChange {
    /// In A.
    pub before: bool,
    /// In B.
    pub after: bool,
}

/// What happened to one rule. Numbers are 1-based: `a` in A, `b` in B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum RuleDiff {
    /// The same rule at the same place in the order (its number may differ).
    Unchanged {
        /// Number in A.
        a: usize,
        /// Number in B.
        b: usize,
    },
    /// The same rule, but its position relative to the other rules changed.
    Moved {
        /// Number in A.
        a: usize,
        /// Number in B.
        b: usize,
    },
    /// The rule at this place changed.
    Changed {
        /// Number in A.
        a: usize,
        /// Number in B.
        b: usize,
        /// The fields that differ.
        fields: Vec<FieldDiff>,
    },
    /// Only in A.
    Removed {
        /// Number in A.
        a: usize,
        /// The rule.
        rule: CorsRule,
    },
    /// Only in B.
    Added {
        /// Number in B.
        b: usize,
        /// The rule.
        rule: CorsRule,
    },
}

/// The values of one field that are only in A (`removed`) or only in B (`added`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    /// The OSS XML field name (`AllowedOrigin`, `MaxAgeSeconds`, ...).
    pub field: &'static str,
    /// Values only in A.
    pub removed: Vec<String>,
    /// Values only in B.
    pub added: Vec<String>,
}

impl Diff {
    /// Whether A and B are equivalent.
    pub fn is_empty(&self) -> bool {
        self.response_vary.is_none()
            && self
                .rules
                .iter()
                .all(|r| matches!(r, RuleDiff::Unchanged { .. }))
    }

    /// Counts of (changed, moved, added, removed) rules.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in &self.rules {
            match r {
                RuleDiff::Changed { .. } => c.0 += 1,
                RuleDiff::Moved { .. } => c.1 += 1,
                RuleDiff::Added { .. } => c.2 += 1,
                RuleDiff::Removed { .. } => c.3 += 1,
                RuleDiff::Unchanged { .. } => {}
            }
        }
        c
    }
}

/// The field-level changes from rule `a` to rule `b` (empty when they are equivalent).
pub fn rule_changes(a: &CorsRule, b: &CorsRule) -> Vec<FieldDiff> {
    let mut out = Vec::new();
    let mut list = |field: &'static str, x: &[String], y: &[String], fold: bool| {
        let key = |s: &String| {
            if fold {
                s.to_ascii_lowercase()
            } else {
                s.clone()
            }
        };
        let xs: BTreeSet<String> = x.iter().map(key).collect();
        let ys: BTreeSet<String> = y.iter().map(key).collect();
        let removed: Vec<String> = dedup(x.iter().filter(|v| !ys.contains(&key(v))));
        let added: Vec<String> = dedup(y.iter().filter(|v| !xs.contains(&key(v))));
        if !removed.is_empty() || !added.is_empty() {
            out.push(FieldDiff {
                field,
                removed,
                added,
            });
        }
    };
    list(
        "AllowedOrigin",
        &a.allowed_origins,
        &b.allowed_origins,
        false,
    );
    list(
        "AllowedMethod",
        &a.allowed_methods,
        &b.allowed_methods,
        true,
    );
    list(
        "AllowedHeader",
        &a.allowed_headers,
        &b.allowed_headers,
        true,
    );
    list("ExposeHeader", &a.expose_headers, &b.expose_headers, true);
    if a.max_age_seconds != b.max_age_seconds {
        out.push(FieldDiff {
            field: "MaxAgeSeconds",
            removed: a.max_age_seconds.iter().map(u64::to_string).collect(),
            added: b.max_age_seconds.iter().map(u64::to_string).collect(),
        });
    }
    out
}

fn dedup<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values.filter(|v| seen.insert(*v)).cloned().collect()
}

/// Whether two rules are the same rule the way OSS reads them (value order and the case of
/// header names and methods aside).
pub fn same_rule(a: &CorsRule, b: &CorsRule) -> bool {
    rule_changes(a, b).is_empty()
}

/// The rule-by-rule diff from `a` to `b`.
pub fn diff(a: &CorsConfiguration, b: &CorsConfiguration) -> Diff {
    let (ra, rb) = (&a.rules, &b.rules);
    let (n, m) = (ra.len(), rb.len());
    // Longest common subsequence of equivalent rules.
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if same_rule(&ra[i], &rb[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut anchors = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same_rule(&ra[i], &rb[j]) && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            anchors.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let in_a: BTreeSet<usize> = anchors.iter().map(|p| p.0).collect();
    let in_b: BTreeSet<usize> = anchors.iter().map(|p| p.1).collect();
    let mut free_a: Vec<usize> = (0..n).filter(|i| !in_a.contains(i)).collect();
    let mut free_b: Vec<usize> = (0..m).filter(|j| !in_b.contains(j)).collect();
    // Identical rules that changed place.
    let mut moved = Vec::new();
    free_a.retain(
        |&i| match free_b.iter().position(|&j| same_rule(&ra[i], &rb[j])) {
            Some(k) => {
                moved.push((i, free_b.remove(k)));
                false
            }
            None => true,
        },
    );

    // Walk the gaps between anchors (plus the tail).
    let mut rules = Vec::new();
    let mut prev = (0usize, 0usize);
    let ends = anchors.iter().copied().chain(std::iter::once((n, m)));
    for (ai, bj) in ends {
        let gap_a: Vec<usize> = free_a
            .iter()
            .copied()
            .filter(|&i| i >= prev.0 && i < ai)
            .collect();
        let gap_b: Vec<usize> = free_b
            .iter()
            .copied()
            .filter(|&j| j >= prev.1 && j < bj)
            .collect();
        let paired = gap_a.len().min(gap_b.len());
        // Order inside the gap by position in B; a removed rule sits where it would have
        // been had it stayed (its offset into the gap), before a rule at the same place.
        let mut items: Vec<((usize, u8), RuleDiff)> = Vec::new();
        for k in 0..paired {
            let (x, y) = (gap_a[k], gap_b[k]);
            items.push((
                (y, 1),
                RuleDiff::Changed {
                    a: x + 1,
                    b: y + 1,
                    fields: rule_changes(&ra[x], &rb[y]),
                },
            ));
        }
        for &y in &gap_b[paired..] {
            items.push((
                (y, 1),
                RuleDiff::Added {
                    b: y + 1,
                    rule: rb[y].clone(),
                },
            ));
        }
        for &(x, y) in moved.iter().filter(|(_, y)| *y >= prev.1 && *y < bj) {
            items.push(((y, 1), RuleDiff::Moved { a: x + 1, b: y + 1 }));
        }
        for &x in &gap_a[paired..] {
            items.push((
                (prev.1 + (x - prev.0), 0),
                RuleDiff::Removed {
                    a: x + 1,
                    rule: ra[x].clone(),
                },
            ));
        }
        items.sort_by_key(|(key, _)| *key);
        rules.extend(items.into_iter().map(|(_, d)| d));
        if ai < n && bj < m {
            rules.push(RuleDiff::Unchanged {
                a: ai + 1,
                b: bj + 1,
            });
        }
        prev = (ai + 1, bj + 1);
    }
    // Removed rules that moved past every anchor are caught by the gaps above; rules
    // "moved" out of A land in B's gaps.
    let response_vary = (a.response_vary() != b.response_vary()).then_some(VaryChange {
        before: a.response_vary(),
        after: b.response_vary(),
    });
    Diff {
        rules,
        response_vary,
    }
}

fn rule_lines(out: &mut String, marker: char, rule: &CorsRule) {
    let mut line = |name: &str, values: &[String]| {
        if !values.is_empty() {
            let _ = writeln!(out, "{marker}     {name}: {}", values.join(", "));
        }
    };
    line("AllowedOrigin", &rule.allowed_origins);
    line("AllowedMethod", &rule.allowed_methods);
    line("AllowedHeader", &rule.allowed_headers);
    line("ExposeHeader", &rule.expose_headers);
    if let Some(age) = rule.max_age_seconds {
        let _ = writeln!(out, "{marker}     MaxAgeSeconds: {age}");
    }
}

fn numbers(a: usize, b: usize) -> String {
    if a == b {
        format!("rule {a}")
    } else {
        format!("rule {a} → {b}")
    }
}

/// The diff as text: a `---`/`+++` header naming both sides, one block per rule (`-`
/// removed, `+` added, `~` changed, `>` moved, two spaces unchanged), ResponseVary, and a
/// summary line. Lines start with their marker so a caller can colour them.
pub fn render_text(diff: &Diff, a_name: &str, b_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "--- {a_name}");
    let _ = writeln!(out, "+++ {b_name}");
    for r in &diff.rules {
        match r {
            RuleDiff::Unchanged { a, b } => {
                let _ = writeln!(out, "  {}: unchanged", numbers(*a, *b));
            }
            RuleDiff::Moved { a, b } => {
                let _ = writeln!(
                    out,
                    "> rule {a} moved to position {b} (unchanged otherwise; order decides \
                     which rule answers)"
                );
            }
            RuleDiff::Changed { a, b, fields } => {
                let _ = writeln!(out, "~ {}: changed", numbers(*a, *b));
                for f in fields {
                    for v in &f.removed {
                        let _ = writeln!(out, "-     {}: {v}", f.field);
                    }
                    for v in &f.added {
                        let _ = writeln!(out, "+     {}: {v}", f.field);
                    }
                }
            }
            RuleDiff::Removed { a, rule } => {
                let _ = writeln!(out, "- rule {a}: removed");
                rule_lines(&mut out, '-', rule);
            }
            RuleDiff::Added { b, rule } => {
                let _ = writeln!(out, "+ rule {b}: added");
                rule_lines(&mut out, '+', rule);
            }
        }
    }
    if let Some(v) = diff.response_vary {
        let _ = writeln!(out, "~ ResponseVary: {} → {}", v.before, v.after);
    }
    let (changed, moved, added, removed) = diff.counts();
    if diff.is_empty() {
        let _ = writeln!(out, "no differences");
    } else {
        let mut parts = Vec::new();
        for (count, what) in [
            (changed, "changed"),
            (moved, "moved"),
            (added, "added"),
            (removed, "removed"),
        ] {
            if count > 0 {
                parts.push(format!(
                    "{count} rule{} {what}",
                    if count == 1 { "" } else { "s" }
                ));
            }
        }
        if diff.response_vary.is_some() {
            parts.push("ResponseVary changed".into());
        }
        let _ = writeln!(out, "{}", parts.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(origins: &[&str], methods: &[&str]) -> CorsRule {
        CorsRule {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
            ..CorsRule::default()
        }
    }

    fn config(rules: Vec<CorsRule>) -> CorsConfiguration {
        CorsConfiguration {
            rules,
            response_vary: None,
        }
    }

    #[test]
    fn equal_configurations() {
        let a = config(vec![rule(&["https://a.com"], &["GET", "PUT"])]);
        let mut b = a.clone();
        b.rules[0].allowed_methods.reverse();
        b.response_vary = Some(false);
        let d = diff(&a, &b);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.rules, [RuleDiff::Unchanged { a: 1, b: 1 }]);
        assert!(render_text(&d, "a", "b").ends_with("no differences\n"));
    }

    #[test]
    fn header_case_is_not_a_change_but_origin_case_is() {
        let mut a = rule(&["https://a.com"], &["GET"]);
        a.allowed_headers = vec!["Content-Type".into()];
        let mut b = a.clone();
        b.allowed_headers = vec!["content-type".into()];
        assert!(rule_changes(&a, &b).is_empty());
        b.allowed_origins = vec!["https://A.com".into()];
        assert_eq!(rule_changes(&a, &b)[0].field, "AllowedOrigin");
    }

    #[test]
    fn field_level_changes() {
        let a = config(vec![
            rule(&["https://a.com"], &["GET"]),
            CorsRule {
                max_age_seconds: Some(300),
                ..rule(&["https://old.com", "https://keep.com"], &["PUT"])
            },
        ]);
        let b = config(vec![
            rule(&["https://a.com"], &["GET"]),
            CorsRule {
                max_age_seconds: Some(600),
                expose_headers: vec!["ETag".into()],
                ..rule(&["https://new.com", "https://keep.com"], &["PUT"])
            },
        ]);
        let d = diff(&a, &b);
        assert!(!d.is_empty());
        let RuleDiff::Changed { a: 2, b: 2, fields } = &d.rules[1] else {
            panic!("{d:?}")
        };
        assert_eq!(
            fields,
            &[
                FieldDiff {
                    field: "AllowedOrigin",
                    removed: vec!["https://old.com".into()],
                    added: vec!["https://new.com".into()]
                },
                FieldDiff {
                    field: "ExposeHeader",
                    removed: vec![],
                    added: vec!["ETag".into()]
                },
                FieldDiff {
                    field: "MaxAgeSeconds",
                    removed: vec!["300".into()],
                    added: vec!["600".into()]
                },
            ]
        );
        let text = render_text(&d, "a.yaml", "b.yaml");
        assert_eq!(
            text,
            "--- a.yaml\n+++ b.yaml\n  rule 1: unchanged\n~ rule 2: changed\n\
             -     AllowedOrigin: https://old.com\n+     AllowedOrigin: https://new.com\n\
             +     ExposeHeader: ETag\n-     MaxAgeSeconds: 300\n+     MaxAgeSeconds: 600\n\
             1 rule changed\n"
        );
    }

    #[test]
    fn added_removed_and_renumbered() {
        let r1 = rule(&["https://1.com"], &["GET"]);
        let r2 = rule(&["https://2.com"], &["GET"]);
        let r3 = rule(&["https://3.com"], &["GET"]);
        let d = diff(
            &config(vec![r1.clone(), r2.clone(), r3.clone()]),
            &config(vec![r1.clone(), r3.clone()]),
        );
        // 2 vs nothing in its gap: removed; 3 renumbered.
        assert_eq!(
            d.rules,
            [
                RuleDiff::Unchanged { a: 1, b: 1 },
                RuleDiff::Removed {
                    a: 2,
                    rule: r2.clone()
                },
                RuleDiff::Unchanged { a: 3, b: 2 },
            ]
        );
        let text = render_text(&d, "a", "b");
        assert!(text.contains("- rule 2: removed\n-     AllowedOrigin: https://2.com\n"));
        assert!(text.contains("  rule 3 → 2: unchanged\n"));
        assert!(text.ends_with("1 rule removed\n"));

        let d = diff(
            &config(vec![r1.clone()]),
            &config(vec![r1.clone(), r2.clone()]),
        );
        assert_eq!(
            d.rules,
            [
                RuleDiff::Unchanged { a: 1, b: 1 },
                RuleDiff::Added { b: 2, rule: r2 }
            ]
        );
        assert_eq!(d.counts(), (0, 0, 1, 0));
    }

    #[test]
    fn reordering_is_a_difference() {
        let r1 = rule(&["*"], &["GET"]);
        let r2 = rule(&["https://2.com"], &["GET", "PUT"]);
        let d = diff(
            &config(vec![r1.clone(), r2.clone()]),
            &config(vec![r2.clone(), r1.clone()]),
        );
        assert!(!d.is_empty());
        assert_eq!(d.counts(), (0, 1, 0, 0), "{d:?}");
        assert!(render_text(&d, "a", "b").contains("moved to position"));
    }

    #[test]
    fn response_vary_change() {
        let a = config(vec![rule(&["*"], &["GET"])]);
        let mut b = a.clone();
        b.response_vary = Some(true);
        let d = diff(&a, &b);
        assert_eq!(
            d.response_vary,
            Some(VaryChange {
                before: false,
                after: true
            })
        );
        assert!(render_text(&d, "a", "b").contains("~ ResponseVary: false → true\n"));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["response_vary"]["after"], true);
        assert_eq!(json["rules"][0]["change"], "unchanged");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn rule() -> impl Strategy<Value = CorsRule> {
            (
                proptest::collection::vec("https://[ab]\\.com", 1..3),
                proptest::collection::vec("(GET|PUT)", 1..3),
                proptest::option::of(0u64..3),
            )
                .prop_map(|(o, m, age)| CorsRule {
                    allowed_origins: o,
                    allowed_methods: m,
                    max_age_seconds: age,
                    ..CorsRule::default()
                })
        }

        proptest! {
            /// A diff is empty exactly when the rules are pairwise equivalent, every rule of
            /// both sides appears once, and A's numbers and B's numbers are each in order.
            #[test]
            fn diff_accounts_for_every_rule(
                a in proptest::collection::vec(rule(), 0..6),
                b in proptest::collection::vec(rule(), 0..6),
            ) {
                let (ca, cb) = (config(a.clone()), config(b.clone()));
                let d = diff(&ca, &cb);
                let equivalent = a.len() == b.len()
                    && a.iter().zip(&b).all(|(x, y)| rule_changes(x, y).is_empty());
                prop_assert_eq!(d.is_empty(), equivalent);
                prop_assert!(diff(&ca, &ca).is_empty());
                let mut seen_a = Vec::new();
                let mut seen_b = Vec::new();
                for r in &d.rules {
                    match r {
                        RuleDiff::Unchanged { a, b } | RuleDiff::Moved { a, b } => {
                            seen_a.push(*a);
                            seen_b.push(*b);
                        }
                        RuleDiff::Changed { a, b, fields } => {
                            prop_assert!(!fields.is_empty());
                            seen_a.push(*a);
                            seen_b.push(*b);
                        }
                        RuleDiff::Removed { a, .. } => seen_a.push(*a),
                        RuleDiff::Added { b, .. } => seen_b.push(*b),
                    }
                }
                let mut sorted_b = seen_b.clone();
                sorted_b.sort_unstable();
                prop_assert_eq!(&seen_b, &sorted_b, "B's rules are listed in B's order");
                seen_a.sort_unstable();
                prop_assert_eq!(seen_a, (1..=a.len()).collect::<Vec<_>>());
                prop_assert_eq!(sorted_b, (1..=b.len()).collect::<Vec<_>>());
            }
        }
    }
}
