//! Observations remembered by `ossctl cors probe --save`, one behaviour file per endpoint in
//! the user's config directory (`$XDG_CONFIG_HOME/ossctl/observed/`, else
//! `$HOME/.config/ossctl/observed/`). `cors test oss://...` against that endpoint reads it.

use std::path::PathBuf;

use crate::exit::Failure;
use crate::preflight::Behaviour;
use crate::rules::Format;

/// The directory observations live in; `None` when neither XDG_CONFIG_HOME nor HOME is set.
fn dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".config"),
    };
    Some(base.join("ossctl").join("observed"))
}

/// The file for `endpoint` (`https://oss-cn-hangzhou.aliyuncs.com` ->
/// `https_oss-cn-hangzhou.aliyuncs.com.yaml`).
fn file_name(endpoint: &str) -> String {
    let safe: String = endpoint
        .replace("://", "_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.yaml")
}

/// Remembers `behaviour` as observed on `endpoint`; returns the file written.
pub fn save(endpoint: &str, behaviour: &Behaviour) -> Result<PathBuf, Failure> {
    let dir = dir().ok_or_else(|| {
        Failure::usage("--save needs a config directory: set HOME or XDG_CONFIG_HOME")
    })?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(file_name(endpoint));
    let text = crate::render::structured(behaviour, crate::render::Structured::Yaml)?;
    super::files::write_file(&path, text.as_bytes())?;
    Ok(path)
}

/// The observation saved for `endpoint`, with its file; `Ok(None)` when there is none. A
/// saved file that no longer reads is exit 2, naming it.
pub fn load(endpoint: &str) -> Result<Option<(Behaviour, PathBuf)>, Failure> {
    let Some(dir) = dir() else {
        return Ok(None);
    };
    let path = dir.join(file_name(endpoint));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Failure::usage(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let name = path.display().to_string();
    let b = crate::behaviour_file::parse_behaviour(&text, Format::Yaml, &name)
        .map_err(|e| Failure::new(crate::exit::ExitStatus::Usage, e))?;
    Ok(Some((b, path)))
}

/// Every saved observation, in file-name order, for `cors behaviour`: the file, and what it
/// holds (or why it does not read).
pub(crate) fn list() -> Vec<(PathBuf, Result<Behaviour, String>)> {
    let Some(dir) = dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let read = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    crate::behaviour_file::parse_behaviour(&t, Format::Yaml, &name)
                        .map_err(|e| e.to_string())
                });
            (path, read)
        })
        .collect()
}

/// The text `cors behaviour` adds for the saved observations (empty when there is none).
pub fn summary() -> String {
    crate::render::probe::saved_observations_text(&list())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_file_names_are_safe() {
        assert_eq!(
            file_name("https://oss-cn-hangzhou.aliyuncs.com"),
            "https_oss-cn-hangzhou.aliyuncs.com.yaml"
        );
        assert_eq!(
            file_name("http://127.0.0.1:8080"),
            "http_127.0.0.1_8080.yaml"
        );
        assert!(!file_name("http://../../etc").contains('/'));
    }
}
