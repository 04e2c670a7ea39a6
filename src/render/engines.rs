//! `cors test --browser`: what each browser engine makes of one simulation (its verdict,
//! the console text it shows, how long it reuses the preflight), as text and as the
//! `browsers` section of the JSON/YAML output. The engine data lives in
//! `preflight::engine`; this module only lays it out.

use std::fmt::Write as _;

use console::style;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::preflight::{BrowserFailure, Engine, PreflightCache, Simulation, Verdict};

/// `Chromium` / `Firefox`.
pub fn title(engine: Engine) -> &'static str {
    match engine {
        Engine::Chromium => "Chromium",
        Engine::Firefox => "Firefox",
    }
}

/// One engine's view of a simulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineView {
    /// The engine.
    #[serde(skip)]
    pub engine: Engine,
    /// `allowed`, `blocked_preflight` or `blocked_response` (no engine differs today).
    pub verdict: Verdict,
    /// This engine's code and console text for the failure (Firefox: its message key, and
    /// the console text after the URL).
    pub failure: Option<BrowserFailure>,
    /// How long this engine reuses the preflight (null: none sent, or it failed).
    pub preflight_cache: Option<PreflightCache>,
}

/// Every engine's view, in `engines` order. `status` is the actual response's status (for
/// Firefox's "Status code: N").
pub fn engine_views(sim: &Simulation, engines: &[Engine], status: u16) -> Vec<EngineView> {
    engines
        .iter()
        .map(|&engine| EngineView {
            engine,
            verdict: sim.verdict,
            failure: engine.failure(sim, status),
            preflight_cache: engine.preflight_cache(sim),
        })
        .collect()
}

/// The views as a JSON object keyed by engine name.
pub struct Browsers<'v>(pub &'v [EngineView]);

impl Serialize for Browsers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for v in self.0 {
            map.serialize_entry(v.engine.name(), v)?;
        }
        map.end()
    }
}

/// How long `v`'s engine reuses this preflight, and why, in one sentence (None: no preflight).
pub fn cache_sentence(sim: &Simulation, v: &EngineView) -> Option<String> {
    let e = title(v.engine);
    if !sim.preflight.needed {
        return None;
    }
    let Some(cache) = v.preflight_cache else {
        return Some(format!(
            "the preflight failed: nothing is cached (Fetch caches passed preflights only), so {e} sends it again on the next request"
        ));
    };
    let rule_age = sim
        .preflight
        .matched_rule
        .and_then(|n| sim.config()?.rules.get(n - 1)?.max_age_seconds);
    Some(match (cache.max_age, rule_age) {
        (None, Some(age)) => format!(
            "MaxAgeSeconds is {age} but OSS sends no Access-Control-Max-Age: {e} re-sends the preflight after {} s",
            cache.seconds
        ),
        (None, None) => format!(
            "MaxAgeSeconds is not set: {e} re-sends the preflight after {} s",
            cache.seconds
        ),
        (Some(0), _) => {
            format!("MaxAgeSeconds is 0: {e} sends a preflight before every request")
        }
        (Some(age), _) if cache.capped => format!(
            "MaxAgeSeconds is {age}, over {e}'s cap: {e} reuses this preflight for {} s ({}), then sends it again",
            cache.seconds,
            human(cache.seconds)
        ),
        (Some(age), _) => format!(
            "MaxAgeSeconds is {age}: {e} reuses this preflight for {age} s{}, then sends it again",
            if age >= 60 {
                format!(" ({})", human(age))
            } else {
                String::new()
            }
        ),
    })
}

fn human(seconds: u64) -> String {
    match seconds {
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// The whole console line `v`'s engine prints for a blocked `fetch()` (the URL stands as
/// `<URL>`: `cors test` knows only the path).
pub fn console_line(sim: &Simulation, v: &EngineView) -> Option<String> {
    let f = v.failure.as_ref()?;
    Some(match v.engine {
        Engine::Chromium => f.console_line("<URL>", &sim.request.origin),
        Engine::Firefox => format!(
            "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at <URL>. {}",
            f.message
        ),
    })
}

/// The "Browser" section: for one engine its console line and preflight reuse; for several,
/// the verdicts side by side with every difference marked `≠`.
pub fn browsers_text(sim: &Simulation, views: &[EngineView]) -> String {
    let mut out = String::new();
    if let [v] = views {
        let _ = writeln!(out, "{} {}", style("Browser:").bold(), title(v.engine));
        if let Some(line) = console_line(sim, v) {
            let _ = writeln!(out, "  console: {line}");
        }
        if let Some(s) = cache_sentence(sim, v) {
            let _ = writeln!(out, "  preflight cache: {s}");
        }
        return out;
    }
    let _ = writeln!(out, "{}", style("Browsers, side by side:").bold());
    for v in views {
        let code = v.failure.as_ref().map_or("", |f| f.code);
        let reuse = match (&v.preflight_cache, sim.preflight.needed) {
            (Some(c), _) => format!("preflight reused {} s", c.seconds),
            (None, true) => "failed preflight not cached".to_owned(),
            (None, false) => "no preflight".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {:<9} {:<18} {reuse:<28} {code}",
            title(v.engine),
            v.verdict.as_str()
        );
    }
    let differs = |f: &dyn Fn(&EngineView) -> String| views.iter().any(|v| f(v) != f(&views[0]));
    if differs(&|v| v.verdict.as_str().to_owned()) {
        let _ = writeln!(out, "  {} the verdicts differ", style("≠").yellow());
    } else {
        let _ = writeln!(out, "  = the same verdict in every engine");
    }
    let mark = if differs(&|v| format!("{:?}", v.preflight_cache.map(|c| c.seconds))) {
        style("≠").yellow().to_string()
    } else {
        "=".to_owned()
    };
    if sim.preflight.needed {
        let _ = writeln!(out, "  {mark} preflight cache:");
        for v in views {
            if let Some(s) = cache_sentence(sim, v) {
                let _ = writeln!(out, "      {s}");
            }
        }
    }
    if views.iter().any(|v| v.failure.is_some()) {
        let _ = writeln!(out, "  {} console text differs:", style("≠").yellow());
        for v in views {
            if let Some(line) = console_line(sim, v) {
                let _ = writeln!(out, "      {}: {line}", title(v.engine));
            }
        }
    }
    out
}
