//! `ossctl cors behaviour`, and the behaviour every `cors test` and `serve` runs with:
//! the defaults, then `--behaviour FILE`, then each `--assume NAME=VALUE`.

use std::io::Read;
use std::path::Path;

use crate::behaviour_file::parse_behaviour;
use crate::cli::{BehaviourArgs, BehaviourCmdArgs};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::preflight::Behaviour;
use crate::render;
use crate::rules::{Format, MAX_DOCUMENT_BYTES};

use super::{Context, Output};

/// The behaviour the flags describe. A bad file or `--assume` is exit 2 with every problem.
pub fn load(args: &BehaviourArgs) -> Result<Behaviour, Failure> {
    let base = match &args.file {
        Some(path) => read_file(path)?,
        None => Behaviour::default(),
    };
    with_assumptions(base, args)
}

/// `behaviour` with each `--assume NAME=VALUE` of `args` applied on top.
pub fn with_assumptions(
    mut behaviour: Behaviour,
    args: &BehaviourArgs,
) -> Result<Behaviour, Failure> {
    for assume in &args.assume {
        behaviour.assume(assume).map_err(Failure::usage)?;
    }
    Ok(behaviour)
}

/// Reads and checks a behaviour file (YAML, or JSON by its extension or first character),
/// never reading more than the size limit.
fn read_file(path: &Path) -> Result<Behaviour, Failure> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::usage(format!("cannot read behaviour file {name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::usage(format!("cannot read behaviour file {name}: {e}")))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Failure::usage(format!(
            "behaviour file {name} is larger than {MAX_DOCUMENT_BYTES} bytes"
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| Failure::usage(format!("behaviour file {name} is not UTF-8: {e}")))?;
    let json = name.ends_with(".json") || text.trim_start().starts_with('{');
    let format = if json { Format::Json } else { Format::Yaml };
    parse_behaviour(&text, format, &name).map_err(|e| Failure::new(ExitStatus::Usage, e))
}

/// Run `ossctl cors behaviour`.
pub fn run(ctx: &Context, args: &BehaviourCmdArgs) -> CommandResult {
    let behaviour = load(&args.behaviour)?;
    let text = match ctx.structured() {
        None => render::behaviour_text(&behaviour) + &super::probe_store::summary(),
        Some(format) => render::structured(&behaviour, format)?,
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}
