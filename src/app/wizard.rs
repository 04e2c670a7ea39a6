//! `ossctl cors wizard`: an interactive rule builder.
//!
//! Owns: the wizard's conversation, written as a state machine ([`Wizard`]) that talks only
//! through the [`Prompter`] trait, so tests drive it with a script ([`ScriptedPrompter`])
//! and people with dialoguer ([`DialoguerPrompter`]). The state machine is pure: it asks,
//! checks and builds a [`CorsConfiguration`], runs `preflight::simulate` on requests the user
//! describes, and returns a [`Plan`] (what to write, what to apply). [`run`] is the only
//! part that touches the terminal and files.
//!
//! Judgement is borrowed, never re-implemented: origin checks come from `lint`, the test
//! verdicts from `preflight`, the limits from `rules::validate`.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use crate::cli::client::{ConnectionArgs, CorsPutArgs};
use crate::cli::tools::WizardArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::lint::{self, LintId};
use crate::preflight::{self, BrowserRequest};
use crate::rules::{self, CorsConfiguration, CorsRule, Format};

use super::Context;

mod prompt;

pub use prompt::{Answer, DialoguerPrompter, Prompter, ScriptedPrompter};

/// What the wizard decided, for [`run`] to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The rules built (valid).
    pub config: CorsConfiguration,
    /// Write them here (format from the extension).
    pub write_to: Option<PathBuf>,
    /// Put them on this bucket (the user confirmed).
    pub apply: Option<String>,
}

/// The bucket `--apply` names, with its rules as they are now (`None`: it has none), so
/// the wizard can show what the put will change before asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apply {
    /// The bucket name (without `oss://`).
    pub bucket: String,
    /// Its live rules.
    pub live: Option<CorsConfiguration>,
}

/// OSS's limit on rules per bucket.
const MAX_RULES: usize = 10;
const METHODS: [&str; 5] = ["GET", "PUT", "POST", "DELETE", "HEAD"];

/// Allowed-header choices: label and values.
const HEADER_SETS: [(&str, &[&str]); 4] = [
    (
        "none (simple requests only; preflights asking for headers fail)",
        &[],
    ),
    ("* (any header)", &["*"]),
    (
        "content-type, authorization, x-oss-* (browser uploads with an OSS SDK)",
        &["content-type", "authorization", "x-oss-*"],
    ),
    (
        "content-type, x-oss-* (presigned-URL uploads)",
        &["content-type", "x-oss-*"],
    ),
];
const HEADER_CUSTOM: &str = "enter a list";

const EXPOSE_CHOICES: [&str; 4] = [
    "ETag",
    "x-oss-request-id",
    "x-oss-version-id",
    "Content-Length",
];
const EXPOSE_OTHER: &str = "others (enter names)";

/// The wizard's states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Origins,
    Methods,
    AllowedHeaders,
    ExposeHeaders,
    MaxAge,
    MoreRules,
    ResponseVary,
    Review,
    Test,
    Output,
    Done,
}

/// The conversation's memory.
pub struct Wizard<'p> {
    prompter: &'p mut dyn Prompter,
    state: State,
    rules: Vec<CorsRule>,
    current: CorsRule,
    response_vary: Option<bool>,
    write_to: Option<PathBuf>,
    preset_output: bool,
    apply: Option<Apply>,
    applying: Option<String>,
}

/// Why a typed origin is refused outright (the wizard asks again).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OriginSyntaxError {
    /// Whitespace or a control character.
    #[error("an origin has no spaces or control characters")]
    Whitespace,
    /// More than one `*`.
    #[error("OSS allows at most one `*` in an origin")]
    TwoWildcards,
    /// No `scheme://` (the origin as typed).
    #[error("a scheme is required: browsers send `https://host`; did you mean \"https://{0}\"?")]
    NoScheme(String),
}

/// Checks an origin as typed. `Err` is a hard error (ask again); `Ok` carries the value
/// to use after any warnings the user accepted. Rules: a scheme is required (except for
/// `*`), at most one `*`, no whitespace or control characters.
pub fn check_origin_syntax(origin: &str) -> Result<(), OriginSyntaxError> {
    if origin.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(OriginSyntaxError::Whitespace);
    }
    if origin.matches('*').count() > 1 {
        return Err(OriginSyntaxError::TwoWildcards);
    }
    if origin != "*" && origin != "null" && !origin.contains("://") {
        return Err(OriginSyntaxError::NoScheme(origin.to_string()));
    }
    Ok(())
}

/// Why a typed header name or pattern is refused (the wizard asks again).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum HeaderNameError {
    #[error("empty header name")]
    Empty,
    #[error("{0:?}: ExposeHeader cannot contain `*`")]
    WildcardInExpose(String),
    #[error("{0:?}: at most one `*`")]
    TwoWildcards(String),
    #[error("{name:?}: {bad:?} is not allowed in a header name")]
    NotATokenCharacter { name: String, bad: char },
}

/// Checks a header name or pattern typed for AllowedHeader (`allow_star`) or ExposeHeader.
fn check_header(name: &str, allow_star: bool) -> Result<(), HeaderNameError> {
    if name.is_empty() {
        return Err(HeaderNameError::Empty);
    }
    let stars = name.matches('*').count();
    if !allow_star && stars > 0 {
        return Err(HeaderNameError::WildcardInExpose(name.to_string()));
    }
    if stars > 1 {
        return Err(HeaderNameError::TwoWildcards(name.to_string()));
    }
    if let Some(bad) = name
        .bytes()
        .find(|b| *b != b'*' && !preflight::browser::is_tchar(*b))
    {
        return Err(HeaderNameError::NotATokenCharacter {
            name: name.to_string(),
            bad: bad as char,
        });
    }
    Ok(())
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl<'p> Wizard<'p> {
    /// A wizard that writes to `output_file` (asks when `None`) and offers to put the rules
    /// on `apply`'s bucket (showing the diff against its live rules first).
    pub fn new(
        prompter: &'p mut dyn Prompter,
        output_file: Option<PathBuf>,
        apply: Option<Apply>,
    ) -> Self {
        Wizard {
            prompter,
            state: State::Origins,
            rules: Vec::new(),
            current: CorsRule::default(),
            response_vary: None,
            preset_output: output_file.is_some(),
            write_to: output_file,
            apply,
            applying: None,
        }
    }

    /// Runs the conversation to the end.
    pub fn run(mut self) -> io::Result<Plan> {
        self.prompter.say(
            "Build CORS rules for an OSS bucket. OSS checks rules in order and uses the first \
             whose origin, method and requested headers all match.",
        );
        while self.state != State::Done {
            self.state = match self.state {
                State::Origins => self.origins()?,
                State::Methods => self.methods()?,
                State::AllowedHeaders => self.allowed_headers()?,
                State::ExposeHeaders => self.expose_headers()?,
                State::MaxAge => self.max_age()?,
                State::MoreRules => self.more_rules()?,
                State::ResponseVary => self.response_vary()?,
                State::Review => self.review(),
                State::Test => self.test()?,
                State::Output => self.output()?,
                State::Done => State::Done,
            };
        }
        Ok(Plan {
            config: self.config(),
            write_to: self.write_to,
            apply: self.applying,
        })
    }

    fn number(&self) -> usize {
        self.rules.len() + 1
    }

    fn config(&self) -> CorsConfiguration {
        CorsConfiguration {
            rules: self.rules.clone(),
            response_vary: self.response_vary,
        }
    }

    fn origins(&mut self) -> io::Result<State> {
        let n = self.number();
        self.prompter.say(&format!(
            "Rule {n}: which page origins may call the bucket? One per line, like \
             https://app.example.com or https://*.example.com, `*` for any; empty line when done."
        ));
        loop {
            let prompt = format!("Rule {n} origin {}", self.current.allowed_origins.len() + 1);
            let typed = self.prompter.input(&prompt, None)?;
            let typed = typed.trim().to_string();
            if typed.is_empty() {
                if self.current.allowed_origins.is_empty() {
                    self.prompter.say("  ✗ a rule needs at least one origin");
                    continue;
                }
                return Ok(State::Methods);
            }
            if let Err(e) = check_origin_syntax(&typed) {
                self.prompter.say(&format!("  ✗ {e}"));
                continue;
            }
            if self.current.allowed_origins.contains(&typed) {
                self.prompter
                    .say(&format!("  {typed} is already in this rule"));
                continue;
            }
            let Some(origin) = self.judge_origin(n, typed)? else {
                continue;
            };
            if self.current.allowed_origins.contains(&origin) {
                self.prompter
                    .say(&format!("  {origin} is already in this rule"));
                continue;
            }
            self.current.allowed_origins.push(origin);
        }
    }

    /// Shows lint's findings for a typed origin and lets the user take the fix, keep it,
    /// or drop it. `None` means "ask again".
    fn judge_origin(&mut self, n: usize, origin: String) -> io::Result<Option<String>> {
        let findings = lint::check_origin(n, &origin);
        if findings.is_empty() {
            return Ok(Some(origin));
        }
        for f in &findings {
            self.prompter.say(&format!("  ⚠ {}: {}", f.id, f.message));
        }
        if let Some(dead) = lint::origin::dead_origin(&origin)
            && let Some(fixed) = dead.suggestion
            && self
                .prompter
                .confirm(&format!("Use {fixed} instead?"), true)?
        {
            return Ok(Some(fixed));
        }
        let risky = findings.iter().any(|f| f.id != LintId::DeadOrigin);
        let keep = self
            .prompter
            .confirm(&format!("Keep {origin} anyway?"), !risky)?;
        Ok(keep.then_some(origin))
    }

    fn methods(&mut self) -> io::Result<State> {
        let defaults = [true, false, false, false, true];
        loop {
            let chosen = self.prompter.multi_select(
                "Methods (space to toggle, enter to accept)",
                &METHODS,
                &defaults,
            )?;
            if chosen.is_empty() {
                self.prompter.say("  ✗ choose at least one method");
                continue;
            }
            self.current.allowed_methods = chosen.iter().map(|&i| METHODS[i].to_string()).collect();
            return Ok(State::AllowedHeaders);
        }
    }

    fn writes(&self) -> bool {
        self.current
            .allowed_methods
            .iter()
            .any(|m| matches!(m.as_str(), "PUT" | "POST" | "DELETE"))
    }

    fn allowed_headers(&mut self) -> io::Result<State> {
        let mut items: Vec<&str> = HEADER_SETS.iter().map(|(label, _)| *label).collect();
        items.push(HEADER_CUSTOM);
        let default = if self.writes() { 2 } else { 0 };
        let i = self.prompter.select(
            "Request headers pages may send (AllowedHeader)",
            &items,
            default,
        )?;
        if let Some((_, values)) = HEADER_SETS.get(i) {
            self.current.allowed_headers = values.iter().map(|s| s.to_string()).collect();
            return Ok(State::ExposeHeaders);
        }
        loop {
            let typed = self.prompter.input(
                "Header names, comma-separated (one `*` each at most, e.g. x-oss-meta-*)",
                None,
            )?;
            let list = split_list(&typed);
            match list.iter().try_for_each(|h| check_header(h, true)) {
                Err(e) => self.prompter.say(&format!("  ✗ {e}")),
                Ok(()) => {
                    self.current.allowed_headers = list;
                    return Ok(State::ExposeHeaders);
                }
            }
        }
    }

    fn expose_headers(&mut self) -> io::Result<State> {
        let mut items: Vec<&str> = EXPOSE_CHOICES.to_vec();
        items.push(EXPOSE_OTHER);
        let mut checked = vec![false; items.len()];
        checked[0] = self.writes();
        let chosen = self.prompter.multi_select(
            "Response headers scripts may read (ExposeHeader)",
            &items,
            &checked,
        )?;
        let mut headers: Vec<String> = chosen
            .iter()
            .filter_map(|&i| EXPOSE_CHOICES.get(i))
            .map(|s| s.to_string())
            .collect();
        if chosen.contains(&EXPOSE_CHOICES.len()) {
            loop {
                let typed = self
                    .prompter
                    .input("More header names, comma-separated", None)?;
                let list = split_list(&typed);
                match list.iter().try_for_each(|h| check_header(h, false)) {
                    Err(e) => self.prompter.say(&format!("  ✗ {e}")),
                    Ok(()) => {
                        headers.extend(list);
                        break;
                    }
                }
            }
        }
        self.current.expose_headers = headers;
        Ok(State::MaxAge)
    }

    fn max_age(&mut self) -> io::Result<State> {
        loop {
            let typed = self.prompter.input(
                "Max age: seconds browsers may cache the preflight (empty for none)",
                Some("600"),
            )?;
            let typed = typed.trim();
            if typed.is_empty() {
                self.current.max_age_seconds = None;
                break;
            }
            match typed.parse::<u64>() {
                Ok(age) => {
                    if age > lint::CHROMIUM_MAX_AGE {
                        self.prompter.say(&format!(
                            "  ⚠ Chromium caps this at {} s and Firefox at {} s",
                            lint::CHROMIUM_MAX_AGE,
                            lint::FIREFOX_MAX_AGE
                        ));
                    }
                    self.current.max_age_seconds = Some(age);
                    break;
                }
                Err(_) => self
                    .prompter
                    .say(&format!("  ✗ {typed:?} is not a whole number of seconds")),
            }
        }
        let rule = std::mem::take(&mut self.current);
        self.rules.push(rule);
        Ok(State::MoreRules)
    }

    fn more_rules(&mut self) -> io::Result<State> {
        if self.rules.len() >= MAX_RULES {
            self.prompter
                .say("That is 10 rules, OSS's maximum per bucket.");
            return Ok(State::ResponseVary);
        }
        Ok(if self.prompter.confirm("Add another rule?", false)? {
            State::Origins
        } else {
            State::ResponseVary
        })
    }

    fn response_vary(&mut self) -> io::Result<State> {
        let origins: Vec<&String> = self.rules.iter().flat_map(|r| &r.allowed_origins).collect();
        let suggest = origins.len() > 1 || origins.iter().any(|o| o.contains('*'));
        let on = self.prompter.confirm(
            "Send `Vary: Origin` on every response (ResponseVary)? Recommended with several \
             origins, wildcards or a CDN",
            suggest,
        )?;
        self.response_vary = Some(on);
        Ok(State::Review)
    }

    fn review(&mut self) -> State {
        let config = self.config();
        self.prompter.say(&format!(
            "\nThe rules (YAML):\n\n{}",
            rules::to_yaml(&config)
        ));
        if let Err(e) = rules::validate_named(&config, "wizard") {
            // Every answer was checked as it was given; this is a safety net.
            self.prompter
                .say(&format!("  ✗ OSS would refuse these rules:\n{e}"));
        }
        let findings = lint::lint(&config);
        if findings.is_empty() {
            self.prompter.say("lint: no findings");
        } else {
            for f in findings {
                self.prompter.say(&format!("lint: {f}"));
            }
        }
        State::Test
    }

    fn test(&mut self) -> io::Result<State> {
        let config = self.config();
        let mut again = self
            .prompter
            .confirm("Test a browser request against these rules?", true)?;
        while again {
            let default_origin = config
                .rules
                .iter()
                .flat_map(|r| &r.allowed_origins)
                .find(|o| !o.contains('*'))
                .cloned()
                .unwrap_or_else(|| "https://app.example.com".into());
            let origin = self.prompter.input("Page origin", Some(&default_origin))?;
            let method = self.prompter.input("Method", Some("GET"))?;
            let mut headers = Vec::new();
            loop {
                let h = self
                    .prompter
                    .input("Request header `Name: value` (empty when done)", None)?;
                if h.trim().is_empty() {
                    break;
                }
                match preflight::parse_header_arg(&h) {
                    Ok(pair) => headers.push(pair),
                    Err(e) => self.prompter.say(&format!("  ✗ {e}")),
                }
            }
            let credentials = self
                .prompter
                .confirm("With credentials (cookies)?", false)?;
            let req = BrowserRequest {
                origin: origin.trim().to_string(),
                method: preflight::normalize_method(method.trim()),
                headers,
                credentials,
                path: "/".into(),
            };
            let rules = preflight::CompiledRules::from_config(Some(&config));
            let sim = preflight::simulate(
                &rules,
                &req,
                preflight::Choices::default(),
                preflight::Outcome::Success,
            );
            self.prompter.say(&describe(&sim));
            again = self.prompter.confirm("Test another request?", false)?;
        }
        Ok(State::Output)
    }

    fn output(&mut self) -> io::Result<State> {
        if !self.preset_output && self.prompter.confirm("Write the rules to a file?", true)? {
            loop {
                let path = self
                    .prompter
                    .input("File (.yaml, .xml or .json)", Some("cors.yaml"))?;
                let path = path.trim();
                if Format::from_path(path).is_none() {
                    self.prompter
                        .say("  ✗ the name must end in .yaml, .yml, .xml or .json");
                    continue;
                }
                self.write_to = Some(PathBuf::from(path));
                break;
            }
        }
        if let Some(apply) = self.apply.clone() {
            let (before, name) = match &apply.live {
                Some(live) => (live.clone(), format!("oss://{} (live)", apply.bucket)),
                None => (
                    CorsConfiguration::default(),
                    format!("oss://{} (no CORS rules)", apply.bucket),
                ),
            };
            let new = self.config();
            let d = lint::diff::diff(&before, &new);
            self.prompter
                .say(&lint::diff::render_text(&d, &name, "wizard"));
            if d.is_empty() {
                self.prompter
                    .say(&format!("oss://{} already has these rules", apply.bucket));
            } else if self.prompter.confirm(
                &format!(
                    "Put these rules on oss://{} now? This replaces all its CORS rules",
                    apply.bucket
                ),
                false,
            )? {
                self.applying = Some(apply.bucket);
            }
        }
        self.prompter
            .say(&equivalent_command(&self.config(), self.write_to.as_ref()));
        Ok(State::Done)
    }
}

/// A few lines about a simulation: verdict, matched rule, why.
fn describe(sim: &preflight::Simulation<'_>) -> String {
    let mut out = String::new();
    if sim.preflight.needed {
        out.push_str(&format!(
            "  preflight: needed ({})\n",
            sim.preflight
                .reasons
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    } else {
        out.push_str("  preflight: not needed (a simple request)\n");
    }
    match sim.matched_rule {
        Some(n) => out.push_str(&format!("  matched: rule {n}\n")),
        None => out.push_str("  matched: no rule\n"),
    }
    let failure = sim
        .preflight
        .failure
        .as_ref()
        .or(sim.response.failure.as_ref());
    match (sim.verdict, failure) {
        (preflight::Verdict::Allowed, _) => out.push_str("  verdict: allowed ✓\n"),
        (v, Some(f)) => out.push_str(&format!("  verdict: {} ✗: {}\n", v.as_str(), f.message)),
        (v, None) => out.push_str(&format!("  verdict: {} ✗\n", v.as_str())),
    }
    if !sim.response.visible_headers.is_empty() {
        out.push_str(&format!(
            "  script can read: {}\n",
            sim.response.visible_headers.join(", ")
        ));
    }
    for s in sim.suggestions() {
        out.push_str(&format!("  fix: {s}\n"));
    }
    out
}

/// The non-interactive command that does the same, for scripts.
fn equivalent_command(config: &CorsConfiguration, file: Option<&PathBuf>) -> String {
    let mut out = String::from("\nTo do this without the wizard:\n");
    if let Some(f) = file {
        out.push_str(&format!(
            "  ossctl cors put oss://BUCKET -f {}\n",
            f.display()
        ));
    }
    if let [rule] = config.rules.as_slice() {
        let mut cmd = String::from("  ossctl cors put oss://BUCKET");
        let quote = |s: &str| {
            if s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b))
            {
                s.to_string()
            } else {
                format!("'{s}'")
            }
        };
        for o in &rule.allowed_origins {
            cmd.push_str(&format!(" --origin {}", quote(o)));
        }
        for m in &rule.allowed_methods {
            cmd.push_str(&format!(" --method {m}"));
        }
        for h in &rule.allowed_headers {
            cmd.push_str(&format!(" --allowed-header {}", quote(h)));
        }
        for h in &rule.expose_headers {
            cmd.push_str(&format!(" --expose-header {}", quote(h)));
        }
        if let Some(age) = rule.max_age_seconds {
            cmd.push_str(&format!(" --max-age {age}"));
        }
        if let Some(vary) = config.response_vary {
            cmd.push_str(&format!(" --response-vary {vary}"));
        }
        out.push_str(&cmd);
        out.push('\n');
    }
    out
}

/// Run `ossctl cors wizard`.
pub fn run(ctx: &Context, conn: &ConnectionArgs, args: &WizardArgs) -> CommandResult {
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(Failure::usage(
            "cors wizard is interactive and needs a terminal. Without one, write a rule file, \
             e.g. rules.yaml:\n\n  rules:\n    - allowed_origins: [\"https://app.example.com\"]\n\
             \x20     allowed_methods: [GET, PUT]\n      allowed_headers: [content-type]\n\
             \x20     expose_headers: [ETag]\n      max_age_seconds: 600\n\n\
             then check it with `ossctl cors lint -f rules.yaml` and apply it with `ossctl cors \
             put oss://BUCKET -f rules.yaml`; or give one rule with flags: `ossctl cors put \
             oss://BUCKET --origin https://app.example.com --method GET`",
        ));
    }
    if let Some(path) = &args.output_file
        && Format::from_path(&path.to_string_lossy()).is_none()
    {
        return Err(Failure::usage(format!(
            "-o {}: the name must end in .yaml, .yml, .xml or .json",
            path.display()
        )));
    }
    let bucket = match &args.apply {
        Some(target) => Some(
            target
                .strip_prefix("oss://")
                .map(|b| b.trim_end_matches('/').to_string())
                .filter(|b| !b.is_empty() && !b.contains('/'))
                .ok_or_else(|| {
                    Failure::usage(format!("--apply {target}: expected oss://BUCKET"))
                })?,
        ),
        None => None,
    };
    // Fetch the live rules first: credentials and endpoint problems surface before the
    // user spends time on the questions.
    let apply = match bucket {
        Some(bucket) => {
            let session = super::client::Session::open(ctx, conn)?;
            let live = super::client::fetch_live_rules(&session, &format!("oss://{bucket}"))?;
            Some(Apply { bucket, live })
        }
        None => None,
    };
    let mut prompter = DialoguerPrompter::new(ctx.color_stderr);
    let plan = Wizard::new(&mut prompter, args.output_file.clone(), apply)
        .run()
        .map_err(|e| {
            Failure::new(
                ExitStatus::Usage,
                miette::miette!("wizard stopped: {e}; nothing was written"),
            )
        })?;
    if let Some(path) = &plan.write_to {
        let format = Format::from_path(&path.to_string_lossy()).unwrap_or(Format::Yaml);
        super::tools::write_file(path, rules::render(&plan.config, format).as_bytes())?;
        if !ctx.quiet {
            prompter.say(&format!("wrote {}", path.display()));
        }
    }
    let Some(bucket) = plan.apply else {
        return Ok(ExitStatus::Success);
    };
    // Put through `cors put` itself (same validation, signing, retries and result line),
    // from the written file or a temporary one.
    let temp;
    let file = match &plan.write_to {
        Some(path) => path.clone(),
        None => {
            temp = tempfile::Builder::new()
                .prefix("ossctl-wizard-")
                .suffix(".yaml")
                .tempfile()
                .map_err(super::files::FileError::Temporary)?;
            super::tools::write_file(temp.path(), rules::to_yaml(&plan.config).as_bytes())?;
            temp.path().to_path_buf()
        }
    };
    let put = CorsPutArgs {
        connection: conn.clone(),
        buckets: vec![format!("oss://{bucket}")],
        file: Some(file.to_string_lossy().into_owned()),
        format: None,
        origins: Vec::new(),
        methods: Vec::new(),
        allowed_headers: Vec::new(),
        expose_headers: Vec::new(),
        max_age: None,
        response_vary: None,
        merge: false,
        backup: None,
        force: false,
        dry_run: false,
        verify: false,
        // The wizard has shown the diff and asked already.
        yes: true,
        jobs: 1,
    };
    super::client::put(ctx, conn, &put)
}
