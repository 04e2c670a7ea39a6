//! OSS's limits on a CORS configuration, checked in one place for every format (and for
//! configurations built from flags or read from a server).

use super::error::Diagnostic;
use super::{CorsConfiguration, Field, LineIndex, Naming, Spans};

/// The methods OSS accepts in `AllowedMethod` (case-sensitive).
pub const ALLOWED_METHODS: [&str; 5] = ["GET", "PUT", "POST", "DELETE", "HEAD"];

/// At most this many rules per bucket.
pub const MAX_RULES: usize = 10;

/// Largest `MaxAgeSeconds` we accept. OSS's upper bound is UNCONFIRMED; this is the
/// largest 32-bit signed integer, which every OSS SDK can represent. (Browsers cap the
/// preflight cache far lower anyway: Chromium at 7200 seconds.)
pub const MAX_AGE_LIMIT: u64 = 2_147_483_647;

/// Characters OSS rejects in `ExposeHeader` besides `*` (EC 0034-00000013).
const EXPOSE_FORBIDDEN: [char; 5] = ['<', '>', '&', '\'', '"'];

/// Where values sit in the document, so validation can point at them.
pub(crate) struct Locator<'a> {
    pub spans: Option<&'a Spans>,
    pub index: Option<&'a LineIndex<'a>>,
    pub naming: Naming,
}

impl Locator<'_> {
    fn pos(&self, offset: Option<usize>) -> Option<(usize, usize)> {
        Some(self.index?.position(offset?))
    }

    fn rule_pos(&self, rule: usize) -> Option<(usize, usize)> {
        self.pos(self.spans?.rules.get(rule)?.rule)
    }

    fn value_pos(&self, rule: usize, field: Field, item: usize) -> Option<(usize, usize)> {
        let r = self.spans?.rules.get(rule)?;
        let list = match field {
            Field::AllowedOrigin => &r.origins,
            Field::AllowedMethod => &r.methods,
            Field::AllowedHeader => &r.headers,
            Field::ExposeHeader => &r.expose,
            Field::MaxAgeSeconds => return self.pos(r.max_age),
            _ => return None,
        };
        self.pos(list.get(item).copied())
    }

    fn name(&self, field: Field) -> &'static str {
        field.name(self.naming)
    }
}

/// Checks every OSS limit; returns all problems found (empty when valid).
pub(crate) fn check(config: &CorsConfiguration, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let rule_name = loc.name(Field::CorsRule);
    if config.rules.is_empty() {
        let message = match loc.naming {
            Naming::Xml => "no CORSRule: a configuration needs 1 to 10 rules".to_string(),
            Naming::Snake => {
                "no rules: `rules` is missing or empty; a configuration needs 1 to 10 rules"
                    .to_string()
            }
        };
        out.push(
            Diagnostic::invalid(message)
                .field(Field::CorsRule.xml())
                .at(loc.pos(loc.spans.and_then(|s| s.root))),
        );
    } else if config.rules.len() > MAX_RULES {
        out.push(
            Diagnostic::invalid(format!(
                "{} rules ({rule_name}): OSS allows at most {MAX_RULES}",
                config.rules.len()
            ))
            .field(Field::CorsRule.xml())
            .value(config.rules.len().to_string())
            .help(format!(
                "remove or merge rules; rules after the {MAX_RULES}th are never stored"
            ))
            .at(loc.rule_pos(MAX_RULES)),
        );
    }

    for (i, rule) in config.rules.iter().enumerate() {
        let n = Some(i + 1);
        let mut push = |d: Diagnostic| out.push(d.rule(n));

        for (field, values) in [
            (Field::AllowedOrigin, &rule.allowed_origins),
            (Field::AllowedMethod, &rule.allowed_methods),
        ] {
            if values.is_empty() {
                let help = if field == Field::AllowedMethod {
                    format!("allowed: {}", ALLOWED_METHODS.join(", "))
                } else {
                    "use * to allow any origin, or list the page origins, e.g. https://app.example.com".to_string()
                };
                push(
                    Diagnostic::invalid(format!(
                        "no {}: each rule needs at least one",
                        loc.name(field)
                    ))
                    .field(field.xml())
                    .help(help)
                    .at(loc.rule_pos(i)),
                );
            }
        }

        for (j, v) in rule.allowed_origins.iter().enumerate() {
            let at = || loc.value_pos(i, Field::AllowedOrigin, j);
            if let Some(d) = check_text(loc, Field::AllowedOrigin, v) {
                push(d.at(at()));
            } else if let Some(d) = check_one_star(loc, Field::AllowedOrigin, v) {
                push(d.at(at()));
            }
        }
        for (j, v) in rule.allowed_methods.iter().enumerate() {
            let at = || loc.value_pos(i, Field::AllowedMethod, j);
            if let Some(d) = check_text(loc, Field::AllowedMethod, v) {
                push(d.at(at()));
            } else if !ALLOWED_METHODS.contains(&v.as_str()) {
                let mut d = Diagnostic::invalid(format!(
                    "{} {v:?} is not allowed (allowed: {})",
                    loc.name(Field::AllowedMethod),
                    ALLOWED_METHODS.join(", ")
                ))
                .field(Field::AllowedMethod.xml())
                .value(v.as_str());
                let upper = v.to_ascii_uppercase();
                if ALLOWED_METHODS.contains(&upper.as_str()) {
                    d = d.help(format!("methods are case-sensitive: did you mean {upper}?"));
                } else if upper == "OPTIONS" {
                    d = d.help("preflight (OPTIONS) requests are answered by the CORS rules themselves; list the methods of the actual requests".to_string());
                }
                push(d.at(at()));
            }
        }
        for (j, v) in rule.allowed_headers.iter().enumerate() {
            let at = || loc.value_pos(i, Field::AllowedHeader, j);
            if let Some(d) = check_text(loc, Field::AllowedHeader, v) {
                push(d.at(at()));
            } else if let Some(d) = check_one_star(loc, Field::AllowedHeader, v) {
                push(d.at(at()));
            } else if let Some(d) = check_token(loc, Field::AllowedHeader, v) {
                push(d.at(at()));
            }
        }
        for (j, v) in rule.expose_headers.iter().enumerate() {
            let at = || loc.value_pos(i, Field::ExposeHeader, j);
            let name = loc.name(Field::ExposeHeader);
            if let Some(d) = check_text(loc, Field::ExposeHeader, v) {
                push(d.at(at()));
            } else if v.contains('*') {
                push(
                    Diagnostic::invalid(format!(
                        "{name} {v:?}: wildcards (*) are not allowed in {name}"
                    ))
                    .field(Field::ExposeHeader.xml())
                    .value(v.as_str())
                    .help("list each response header the page must read, e.g. ETag")
                    .at(at()),
                );
            } else if let Some(c) = v.chars().find(|c| EXPOSE_FORBIDDEN.contains(c)) {
                push(
                    Diagnostic::invalid(format!(
                        "{name} {v:?} contains {c:?}, which OSS rejects (none of * < > & ' \" may appear)"
                    ))
                    .field(Field::ExposeHeader.xml())
                    .value(v.as_str())
                    .at(at()),
                );
            } else if let Some(d) = check_token(loc, Field::ExposeHeader, v) {
                push(d.at(at()));
            }
        }
        if let Some(age) = rule.max_age_seconds
            && age > MAX_AGE_LIMIT
        {
            push(too_large(loc.naming, &age.to_string()).at(loc.value_pos(
                i,
                Field::MaxAgeSeconds,
                0,
            )));
        }
    }
    out
}

/// The "MaxAgeSeconds is too large" diagnostic (shared with the parsers for values that
/// do not even fit in 64 bits).
pub(crate) fn too_large(naming: Naming, value: &str) -> Diagnostic {
    Diagnostic::invalid(format!(
        "{} {value} is too large (at most {MAX_AGE_LIMIT})",
        Field::MaxAgeSeconds.name(naming)
    ))
    .field(Field::MaxAgeSeconds.xml())
    .value(value)
    .help("browsers cap the preflight cache anyway (Chromium: 7200 seconds)")
}

/// The "MaxAgeSeconds is negative" diagnostic.
pub(crate) fn negative(naming: Naming, value: &str) -> Diagnostic {
    Diagnostic::invalid(format!(
        "{} {value} is negative; it must be a non-negative integer",
        Field::MaxAgeSeconds.name(naming)
    ))
    .field(Field::MaxAgeSeconds.xml())
    .value(value)
}

/// Empty strings, control characters and surrounding whitespace, for every string field.
fn check_text(loc: &Locator<'_>, field: Field, v: &str) -> Option<Diagnostic> {
    let name = loc.name(field);
    let d = if v.is_empty() {
        Diagnostic::invalid(format!("{name} is empty"))
    } else if let Some(c) = v.chars().find(|c| c.is_control()) {
        let mut d = Diagnostic::invalid(format!(
            "{name} {v:?} contains the control character U+{:04X}",
            c as u32
        ));
        if matches!(c, '\r' | '\n') {
            d = d.help("CR/LF in a header value would allow header injection; remove it");
        }
        d
    } else if v.trim() != v {
        Diagnostic::invalid(format!("{name} {v:?} has leading or trailing whitespace"))
            .help("remove the spaces (OSS XML trims them)")
    } else {
        return None;
    };
    Some(d.field(field.xml()).value(v))
}

fn check_one_star(loc: &Locator<'_>, field: Field, v: &str) -> Option<Diagnostic> {
    let stars = v.matches('*').count();
    if stars <= 1 {
        return None;
    }
    Some(
        Diagnostic::invalid(format!(
            "{} {v:?} has {stars} '*' wildcards; OSS allows at most one in each value",
            loc.name(field)
        ))
        .field(field.xml())
        .value(v)
        .help("split it into several values, one wildcard each"),
    )
}

/// `tchar` from RFC 9110 §5.6.2.
pub(crate) fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn check_token(loc: &Locator<'_>, field: Field, v: &str) -> Option<Diagnostic> {
    let bad = v.chars().find(|&c| !is_tchar(c))?;
    Some(
        Diagnostic::invalid(format!(
            "{} {v:?} is not a valid header name ({bad:?} is not allowed in a header name)",
            loc.name(field)
        ))
        .field(field.xml())
        .value(v)
        .help("header names are letters, digits and !#$%&'*+-.^_`|~, e.g. x-oss-meta-author"),
    )
}
