//! What OSS does where a request's CORS outcome is not settled by OSS's documentation alone.
//!
//! Every such behaviour is a field of one [`Behaviour`] value: its current choice (in
//! [`Choices`], plain `Copy` data the model reads), its status (documented by OSS, observed
//! on a real OSS endpoint, or assumed), the evidence behind it (a sentence naming the source),
//! and its alternatives. The defaults ([`Behaviour::default`]) are the best public evidence,
//! gathered in `../shared/reference/oss-cors-evidence.md`.
//!
//! The server model never reads a choice directly: it asks a [`Model`], which remembers
//! every field it was asked for. A simulation can then be run again under the alternatives
//! of exactly the assumed fields its verdict rested on (see `assume`).

use std::borrow::Cow;
use std::cell::Cell;

use serde::Serialize;

/// How well a behaviour is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// OSS's own documentation says so.
    Documented,
    /// A real OSS endpoint was seen doing it (a recorded answer, or `--behaviour` from a probe).
    Observed,
    /// Nobody has shown it: chosen from S3's behaviour or by reasoning. Verdicts that depend
    /// on it say so.
    Assumed,
}

impl Status {
    /// All statuses, in the order of confidence.
    pub const ALL: [Status; 3] = [Status::Documented, Status::Observed, Status::Assumed];

    /// `documented`, `observed` or `assumed`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Documented => "documented",
            Status::Observed => "observed",
            Status::Assumed => "assumed",
        }
    }

    /// Parses [`Status::name`].
    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Defines a choice: an enum whose variants each have a name (as written in `--assume` and
/// behaviour files) and a meaning (what OSS does under it, completing "OSS ...").
macro_rules! choice {
    ($(#[doc = $doc:literal])* $Ty:ident {
        $($(#[doc = $vdoc:literal])* $Variant:ident = $name:literal => $meaning:literal,)+
    }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $Ty {
            $($(#[doc = $vdoc])* $Variant,)+
        }

        impl $Ty {
            /// Every value, the default first.
            pub const ALL: &'static [$Ty] = &[$($Ty::$Variant),+];

            /// The value as written in `--assume` and behaviour files.
            pub fn name(self) -> &'static str {
                match self {
                    $($Ty::$Variant => $name,)+
                }
            }

            /// What OSS does under this value, completing "OSS ...".
            pub fn meaning(self) -> &'static str {
                match self {
                    $($Ty::$Variant => $meaning,)+
                }
            }

            /// Parses [`Self::name`].
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.name() == name)
            }
        }
    };
}

choice! {
    /// `Access-Control-Allow-Credentials` when the Origin is echoed.
    AllowCredentials {
        True = "true" => "sends `Access-Control-Allow-Credentials: true` with every echoed origin",
        Never = "false" => "never sends `Access-Control-Allow-Credentials`",
    }
}

choice! {
    /// `Access-Control-Allow-Origin` for a rule whose matching AllowedOrigin is exactly `*`.
    StarOrigin {
        Star = "star" => "answers a rule whose AllowedOrigin is `*` with `Access-Control-Allow-Origin: *`",
        Echo = "echo" => "echoes the request's Origin even when the matching AllowedOrigin is `*`",
    }
}

choice! {
    /// What `Access-Control-Allow-Methods` lists.
    AllowMethods {
        RuleList = "rule-list" => "lists all the matching rule's methods in `Access-Control-Allow-Methods`, joined by \", \"",
        Requested = "requested" => "lists only the requested method in `Access-Control-Allow-Methods`",
    }
}

choice! {
    /// How `Access-Control-Allow-Headers` spells the requested names.
    AllowHeaders {
        LowerCase = "lower-case" => "echoes the requested header names in `Access-Control-Allow-Headers` in lower case",
        AsSent = "as-sent" => "echoes the requested header names in `Access-Control-Allow-Headers` as the request spelled them",
    }
}

choice! {
    /// Whether MaxAgeSeconds 0 is sent.
    MaxAgeZero {
        Sent = "sent" => "sends `Access-Control-Max-Age: 0` for a rule with MaxAgeSeconds 0",
        Omitted = "omitted" => "sends no `Access-Control-Max-Age` for a rule with MaxAgeSeconds 0",
    }
}

choice! {
    /// Whether the `*` of an AllowedOrigin or AllowedHeader may match nothing at all.
    WildcardEmpty {
        Matches = "matches" => "lets the `*` in an AllowedOrigin or AllowedHeader match the empty string (`https://*example.com` allows `https://example.com`)",
        NoMatch = "no-match" => "requires the `*` in an AllowedOrigin or AllowedHeader to match at least one character",
    }
}

choice! {
    /// How Origin and AllowedOrigin are compared.
    OriginCase {
        Sensitive = "sensitive" => "compares the Origin with AllowedOrigin case-sensitively",
        Insensitive = "insensitive" => "compares the Origin with AllowedOrigin ignoring ASCII case",
    }
}

choice! {
    /// Which CORS headers a matching actual (non-OPTIONS) response carries.
    ActualHeaders {
        RuleHeaders = "rule-headers" => "puts Allow-Origin, Allow-Credentials, Allow-Methods, Expose-Headers and Max-Age on a matching actual response",
        OriginOnly = "origin-and-expose" => "puts only Allow-Origin, Allow-Credentials and Expose-Headers on a matching actual response",
    }
}

choice! {
    /// Whether an actual request's own `Access-Control-Request-Method`/`-Headers` count.
    ActualAcrm {
        Ignored = "ignored" => "matches an actual request with its real method, ignoring any Access-Control-Request-Method it carries",
        Used = "used" => "matches an actual request that carries Access-Control-Request-Method with that method and its Access-Control-Request-Headers",
    }
}

choice! {
    /// CORS headers on error responses other than authentication and permission refusals.
    ErrorCors {
        RuleHeaders = "rule-headers" => "puts the matching rule's CORS headers on error responses (404 NoSuchKey and the like)",
        None = "none" => "puts no CORS headers on error responses (404 NoSuchKey and the like)",
    }
}

choice! {
    /// CORS headers on responses refused by authentication or permission checks.
    AuthErrorCors {
        None = "none" => "puts no CORS headers on a request refused for its signature or permissions (403), because it checks permissions before CORS",
        RuleHeaders = "rule-headers" => "puts the matching rule's CORS headers on a request refused for its signature or permissions (403)",
    }
}

choice! {
    /// The answer to an OPTIONS request without `Origin` or `Access-Control-Request-Method`.
    MalformedOptions {
        BadRequest = "400" => "answers an OPTIONS request without Origin or Access-Control-Request-Method with 400 BadRequest, before looking at the rules",
        Forbidden = "403" => "answers an OPTIONS request without Origin or Access-Control-Request-Method with 403 AccessForbidden",
    }
}

choice! {
    /// The answer to a preflight whose `Access-Control-Request-Method` is not one of OSS's five.
    UnknownAcrm {
        NoMatch = "no-match" => "treats an Access-Control-Request-Method other than GET, PUT, POST, DELETE and HEAD as matching no rule (403)",
        BadRequest = "400" => "answers an Access-Control-Request-Method other than GET, PUT, POST, DELETE and HEAD with 400 BadRequest",
    }
}

choice! {
    /// Empty items in `Access-Control-Request-Headers` (`a,,b`).
    EmptyAcrhItems {
        Ignored = "ignored" => "ignores empty items in Access-Control-Request-Headers (`a,,b`)",
        NoMatch = "no-match" => "treats an empty item in Access-Control-Request-Headers as a header no rule allows",
    }
}

choice! {
    /// The `<Message>` of the 403 for a preflight no rule matches.
    NotAllowedText {
        OssDoc = "oss-doc" => "refuses a preflight no rule matches with OSS's documented text (\"... the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers ...\")",
        OssRewrite = "oss-rewrite" => "refuses a preflight no rule matches with the text of OSS's rewritten Chinese troubleshooting page (\"evaluation\", \"Requet\")",
    }
}

impl NotAllowedText {
    /// The `<Message>` OSS sends.
    pub fn text(self) -> &'static str {
        match self {
            NotAllowedText::OssDoc => {
                "CORSResponse: This CORS request is not allowed. This is usually because the \
                 evalution of Origin, request method / Access-Control-Request-Method or \
                 Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec."
            }
            NotAllowedText::OssRewrite => {
                "CORSResponse: This CORS request is not allowed. This is usually because the \
                 evaluation of Origin, request method / Access-Control-Request-Method or \
                 Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec."
            }
        }
    }
}

/// Defines [`Field`], [`Choices`] and the [`Model`] accessors from one list, so the three
/// cannot disagree: each line is `Variant / field: Type = "name"`.
macro_rules! fields {
    ($($(#[doc = $doc:literal])* $Field:ident / $field:ident : $Ty:ident = $name:literal;)+) => {
        /// The name of one behaviour field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[doc = $doc])* $Field,)+
        }

        impl Field {
            /// Every field, in the order reports list them (Allow-Credentials first: it
            /// decides the most verdicts).
            pub const ALL: &'static [Field] = &[$(Field::$Field),+];

            /// The name used by `--assume` and behaviour files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$Field => $name,)+
                }
            }
        }

        /// The value of every field: what the model takes OSS to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Choices {
            $($(#[doc = $doc])* pub $field: $Ty,)+
        }

        impl Choices {
            /// The value of `field`, as written.
            pub fn value(&self, field: Field) -> &'static str {
                match field {
                    $(Field::$Field => self.$field.name(),)+
                }
            }

            /// What OSS does under the value of `field`.
            pub fn meaning(&self, field: Field) -> &'static str {
                match field {
                    $(Field::$Field => self.$field.meaning(),)+
                }
            }

            /// Every value `field` can take, as written (the default first).
            pub fn values(field: Field) -> Vec<&'static str> {
                match field {
                    $(Field::$Field => $Ty::ALL.iter().map(|v| v.name()).collect(),)+
                }
            }

            /// Sets `field` from its written value; `Err` lists the valid ones.
            pub fn set(&mut self, field: Field, value: &str) -> Result<(), BehaviourError> {
                match field {
                    $(Field::$Field => match $Ty::from_name(value) {
                        Some(v) => self.$field = v,
                        None => {
                            return Err(BehaviourError::UnknownValue {
                                field,
                                value: value.to_owned(),
                            })
                        }
                    },)+
                }
                Ok(())
            }
        }

        impl Model {
            $(
                $(#[doc = $doc])*
                pub fn $field(&self) -> $Ty {
                    self.consult(Field::$Field);
                    self.choices.$field
                }
            )+
        }
    };
}

fields! {
    AllowCredentials / allow_credentials: AllowCredentials = "allow-credentials";
    StarOrigin / star_origin: StarOrigin = "star-origin";
    AllowMethods / allow_methods: AllowMethods = "allow-methods";
    AllowHeaders / allow_headers: AllowHeaders = "allow-headers-case";
    MaxAgeZero / max_age_zero: MaxAgeZero = "max-age-zero";
    WildcardEmpty / wildcard_empty: WildcardEmpty = "wildcard-empty";
    OriginCase / origin_case: OriginCase = "origin-case";
    ActualHeaders / actual_headers: ActualHeaders = "actual-response-headers";
    ActualAcrm / actual_acrm: ActualAcrm = "actual-request-acrm";
    ErrorCors / error_cors: ErrorCors = "error-response-cors";
    AuthErrorCors / auth_error_cors: AuthErrorCors = "auth-failure-cors";
    MalformedOptions / malformed_options: MalformedOptions = "options-missing-header";
    UnknownAcrm / unknown_acrm: UnknownAcrm = "unknown-acrm";
    EmptyAcrhItems / empty_acrh_items: EmptyAcrhItems = "empty-acrh-items";
    NotAllowedText / not_allowed_text: NotAllowedText = "not-allowed-text";
}

/// A behaviour name or value that is not one of the model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BehaviourError {
    /// No field is called `name`.
    UnknownField {
        /// The name as written.
        name: String,
    },
    /// `value` is not one of `field`'s values.
    UnknownValue {
        /// The field.
        field: Field,
        /// The value as written.
        value: String,
    },
    /// `--assume ARG` without `=`.
    NotNameValue {
        /// The argument as written.
        arg: String,
    },
    /// `--assume ARG` named a bad field or value.
    Assume {
        /// The argument as written.
        arg: String,
        /// What is wrong with it.
        error: Box<BehaviourError>,
    },
}

impl std::fmt::Display for BehaviourError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BehaviourError::UnknownField { name } => {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                let hint = crate::rules::did_you_mean(name, &names)
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                write!(
                    f,
                    "unknown behaviour `{name}`; {hint}valid names: {}",
                    names.join(", ")
                )
            }
            BehaviourError::UnknownValue { field, value } => {
                let valid: Vec<String> = Choices::values(*field)
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect();
                write!(
                    f,
                    "`{value}` is not a value of `{}`; valid values: {}",
                    field.name(),
                    valid.join(", ")
                )
            }
            BehaviourError::NotNameValue { arg } => write!(
                f,
                "--assume `{arg}`: expected NAME=VALUE, e.g. allow-credentials=false"
            ),
            BehaviourError::Assume { arg, error } => write!(f, "--assume `{arg}`: {error}"),
        }
    }
}

impl std::error::Error for BehaviourError {}

impl Field {
    /// The field called `name`; `Err` lists the valid names (with a close one first).
    pub fn from_name(name: &str) -> Result<Field, BehaviourError> {
        Field::ALL
            .iter()
            .find(|f| f.name() == name)
            .copied()
            .ok_or_else(|| BehaviourError::UnknownField {
                name: name.to_owned(),
            })
    }
}

impl Default for Choices {
    /// The best public evidence; see [`default_source`] for each field's.
    fn default() -> Self {
        Choices {
            allow_credentials: AllowCredentials::True,
            star_origin: StarOrigin::Star,
            allow_methods: AllowMethods::RuleList,
            allow_headers: AllowHeaders::LowerCase,
            max_age_zero: MaxAgeZero::Sent,
            wildcard_empty: WildcardEmpty::Matches,
            origin_case: OriginCase::Sensitive,
            actual_headers: ActualHeaders::RuleHeaders,
            actual_acrm: ActualAcrm::Ignored,
            error_cors: ErrorCors::RuleHeaders,
            auth_error_cors: AuthErrorCors::None,
            malformed_options: MalformedOptions::BadRequest,
            unknown_acrm: UnknownAcrm::NoMatch,
            empty_acrh_items: EmptyAcrhItems::Ignored,
            not_allowed_text: NotAllowedText::OssDoc,
        }
    }
}

/// Where a field's value comes from: its status and the evidence, in one sentence that
/// names the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Documented, observed or assumed.
    pub status: Status,
    /// The evidence.
    pub evidence: Cow<'static, str>,
}

/// The status and evidence of each default value (gathered in
/// `../shared/reference/oss-cors-evidence.md`, rows cited; sources re-checked with the
/// stored public documents on 2026-12-07).
pub fn default_source(field: Field) -> Source {
    use Status::{Assumed, Documented, Observed};
    let (status, evidence) = match field {
        Field::AllowCredentials => (
            Assumed,
            "no OSS page, response-header table (OptionObject, HeadObject) or recorded OSS answer shows Access-Control-Allow-Credentials; \
             OSS's CORS FAQ answers the wildcard-with-credentials error with \"set xhr.withCredentials to false\". \
             S3 sends the header with every echoed origin, which is what ossctl assumes",
        ),
        Field::StarOrigin => (
            Observed,
            "a real OSS preflight answer recorded in ali-oss issues #310 and #312 (2017): `Access-Control-Allow-Origin: *` \
             and no Allow-Credentials for a `*` rule",
        ),
        Field::AllowMethods => (
            Observed,
            "the OSS answer in ali-oss #310 lists `GET, POST, PUT, DELETE, HEAD` for a PUT preflight; \
             ossutil's cors-options documentation shows `GET, POST, PUT` for `--acr-method put`",
        ),
        Field::AllowHeaders => (
            Assumed,
            "the OSS answer in ali-oss #310 echoes the requested names in lower case, but the browser had sent them in lower case; \
             OSS documents AllowedHeader matching as case-insensitive, not how the answer is spelled",
        ),
        Field::MaxAgeZero => (
            Assumed,
            "ossutil's cors-options documentation shows `Access-Control-Max-Age: 0` in an answer, without showing the rule; \
             no OSS page says what MaxAgeSeconds 0 sends",
        ),
        Field::WildcardEmpty => (
            Assumed,
            "OSS documents at most one `*` per AllowedOrigin (example `https://*.example.com`) but not whether it may match nothing; \
             S3 and Ceph allow it",
        ),
        Field::OriginCase => (
            Assumed,
            "OSS documents AllowedHeader and ExposeHeader as case-insensitive and says nothing of AllowedOrigin; \
             S3, Ceph and LocalStack compare origins case-sensitively",
        ),
        Field::ActualHeaders => (
            Documented,
            "OSS's HeadObject documentation lists Access-Control-Allow-Origin, -Allow-Methods, -Allow-Headers, -Expose-Headers \
             and -Max-Age on a response whose request meets a CORS rule; it does not say what Allow-Headers holds when the \
             request names no headers, and ossctl leaves it out (browsers do not read these on actual responses)",
        ),
        Field::ActualAcrm => (
            Documented,
            "OSS's PutBucketCors documentation: \"The method of the request such as GET or PUT or the method corresponding to \
             the Access-Control-Request-Method header in an OPTIONS request must match the value of one AllowedMethod element\"",
        ),
        Field::ErrorCors => (
            Assumed,
            "no OSS page or recorded answer says whether a 404 NoSuchKey or other non-permission error to a cross-origin \
             request carries CORS headers; S3 attaches them",
        ),
        Field::AuthErrorCors => (
            Documented,
            "OSS's CORS best-practice page: when access is denied because of a signature error, permission verification \
             happens before CORS verification, so the result carries no CORS headers (the English page says \"may not \
             contain\"); recorded in oss-cors-evidence.md row 7, the sentence itself was not found again in the stored \
             copies searched on 2026-12-07",
        ),
        Field::MalformedOptions => (
            Assumed,
            "OSS's OptionObject documentation marks Origin and Access-Control-Request-Method as required and gives no status \
             for a request without them; S3, Ceph and LocalStack answer 400 BadRequest",
        ),
        Field::UnknownAcrm => (
            Assumed,
            "OSS documents only GET, PUT, POST, DELETE and HEAD as AllowedMethod values, not the answer to another \
             Access-Control-Request-Method; S3 answers 400",
        ),
        Field::EmptyAcrhItems => (Assumed, "not documented; browsers never send empty items"),
        Field::NotAllowedText => (
            Documented,
            "OSS's troubleshooting pages (\"HTTP 403 status code\", \"Errors returned with HTTP status code 403\") and the \
             output shown in ossutil's cors-options documentation give this text, misspellings included",
        ),
    };
    Source {
        status,
        evidence: Cow::Borrowed(evidence),
    }
}

/// The whole behaviour: every field's value, status and evidence, plus where a behaviour
/// file said it was observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behaviour {
    /// The values the model reads.
    pub choices: Choices,
    /// Each field's status and evidence, in [`Field::ALL`] order.
    sources: Vec<Source>,
    /// Free-form facts about where the values come from (endpoint, region, date), from a
    /// behaviour file's `source` mapping; empty for the defaults.
    pub origin: Vec<(String, String)>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            choices: Choices::default(),
            sources: Field::ALL.iter().map(|f| default_source(*f)).collect(),
            origin: Vec::new(),
        }
    }
}

impl Behaviour {
    /// The status and evidence of `field`.
    pub fn source(&self, field: Field) -> &Source {
        &self.sources[field as usize]
    }

    /// Sets `field` to `value` (as written) with the given status and evidence.
    pub fn set(
        &mut self,
        field: Field,
        value: &str,
        status: Status,
        evidence: impl Into<Cow<'static, str>>,
    ) -> Result<(), BehaviourError> {
        self.choices.set(field, value)?;
        self.sources[field as usize] = Source {
            status,
            evidence: evidence.into(),
        };
        Ok(())
    }

    /// Applies one `--assume NAME=VALUE`: the value becomes an assumption of the user's.
    pub fn assume(&mut self, arg: &str) -> Result<(), BehaviourError> {
        let Some((name, value)) = arg.split_once('=') else {
            return Err(BehaviourError::NotNameValue {
                arg: arg.to_owned(),
            });
        };
        let in_arg = |error| BehaviourError::Assume {
            arg: arg.to_owned(),
            error: Box::new(error),
        };
        let field = Field::from_name(name.trim()).map_err(in_arg)?;
        self.set(
            field,
            value.trim(),
            Status::Assumed,
            format!("set with --assume {}={}", field.name(), value.trim()),
        )
        .map_err(in_arg)
    }
}

/// The behaviour as one evaluation reads it: the values, and which fields were read.
///
/// Every question the server model asks about OSS's undocumented behaviour goes through an
/// accessor named after the field (`model.allow_credentials()`), which notes the field. A
/// field that was never read cannot have changed the outcome, so only the read ones need
/// to be tried with their alternatives.
#[derive(Debug)]
pub struct Model {
    choices: Choices,
    read: [Cell<bool>; Field::ALL.len()],
}

impl Model {
    /// A model taking OSS to behave as `choices` says.
    pub fn new(choices: Choices) -> Self {
        Model {
            choices,
            read: [const { Cell::new(false) }; Field::ALL.len()],
        }
    }

    fn consult(&self, field: Field) {
        self.read[field as usize].set(true);
    }

    /// The fields read so far, in [`Field::ALL`] order.
    pub fn consulted(&self) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| self.read[*f as usize].get())
            .collect()
    }
}

impl Default for Model {
    fn default() -> Self {
        Model::new(Choices::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_unique_name_a_default_and_an_alternative() {
        let defaults = Choices::default();
        let mut names = std::collections::HashSet::new();
        for (i, &f) in Field::ALL.iter().enumerate() {
            assert_eq!(f as usize, i, "Field::ALL is in declaration order");
            assert!(names.insert(f.name()), "duplicate name {}", f.name());
            assert_eq!(Field::from_name(f.name()), Ok(f));
            let values = Choices::values(f);
            assert!(values.len() >= 2, "{} has no alternative", f.name());
            assert_eq!(values[0], defaults.value(f), "the default comes first");
            assert!(!default_source(f).evidence.is_empty());
        }
    }

    #[test]
    fn set_and_assume_check_names_and_values() {
        let mut b = Behaviour::default();
        b.assume("allow-credentials=false").unwrap();
        assert_eq!(b.choices.allow_credentials, AllowCredentials::Never);
        assert_eq!(b.source(Field::AllowCredentials).status, Status::Assumed);
        let e = b.assume("allow-credential=false").unwrap_err();
        assert!(
            matches!(&e, BehaviourError::Assume { error, .. }
                if matches!(**error, BehaviourError::UnknownField { .. })),
            "{e:?}"
        );
        assert!(
            e.to_string().contains("did you mean `allow-credentials`"),
            "{e}"
        );
        let e = b.assume("origin-case=maybe").unwrap_err();
        assert!(
            matches!(&e, BehaviourError::Assume { error, .. }
                if **error == BehaviourError::UnknownValue { field: Field::OriginCase, value: "maybe".into() }),
            "{e:?}"
        );
        assert!(e.to_string().contains("`sensitive`, `insensitive`"), "{e}");
        let e = b.assume("origin-case").unwrap_err();
        assert_eq!(
            e,
            BehaviourError::NotNameValue {
                arg: "origin-case".into()
            }
        );
        assert!(e.to_string().contains("expected NAME=VALUE"), "{e}");
        b.assume("star-origin=echo").unwrap();
        assert_eq!(b.source(Field::StarOrigin).status, Status::Assumed);
    }

    #[test]
    fn the_model_remembers_what_it_was_asked() {
        let m = Model::default();
        assert!(m.consulted().is_empty());
        let _ = m.origin_case();
        let _ = m.allow_credentials();
        assert_eq!(
            m.consulted(),
            vec![Field::AllowCredentials, Field::OriginCase]
        );
    }

    #[test]
    fn the_documented_refusal_text_keeps_oss_spelling() {
        let t = NotAllowedText::OssDoc.text();
        assert!(t.contains("evalution") && t.contains("Access-Control-Requet-Headers"));
        assert!(!t.contains("  "));
    }
}
