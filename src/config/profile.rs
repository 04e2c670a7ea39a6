//! The ossutil config file's profiles: which sections a profile reads from (1.x
//! `[Credentials]`, 2.x `[default]` / `[profile NAME]`, `source_profile` chains) and the key
//! aliases ossutil 1.x and 2.x accept.

use std::path::Path;

use super::ini::{self, Ini, Section};
use super::{ConfigError, Source};

/// Normalised key aliases (see [`ini::normalize_key`]), as ossutil 1.x and 2.x accept them.
pub(super) mod keys {
    pub const ACCESS_KEY_ID: &[&str] = &["accesskeyid", "accessid", "akid"];
    pub const ACCESS_KEY_SECRET: &[&str] = &[
        "accesskeysecret",
        "accesskey",
        "accesssecret",
        "secretaccesskey",
    ];
    pub const STS_TOKEN: &[&str] = &["ststoken", "securitytoken", "sessiontoken"];
    pub const ENDPOINT: &[&str] = &["endpoint", "host"];
    pub const REGION: &[&str] = &["region"];
    pub const SIGN_VERSION: &[&str] = &["signversion", "signatureversion"];
    pub const ADDRESSING_STYLE: &[&str] = &["addressingstyle"];
    pub const RETRIES: &[&str] = &["retrytimes", "retries", "maxretries"];
    pub const CONNECT_TIMEOUT: &[&str] = &["connecttimeout"];
    pub const TIMEOUT: &[&str] = &["readtimeout", "timeout"];
    pub const MODE: &[&str] = &["mode"];
    pub const SOURCE_PROFILE: &[&str] = &["sourceprofile"];
    pub const BUCKETS: &[&str] = &["buckets"];
    pub const FORCE_PATH_STYLE: &[&str] = &["forcepathstyle"];
}

/// The chain of sections a profile reads from, highest priority first.
pub(super) struct Profile<'a> {
    /// Display name for `config show`.
    pub(super) name: String,
    sections: Vec<&'a Section>,
    /// 1.x layout: `[Default]` holds transport settings and bucket maps apply.
    pub(super) legacy: bool,
}

fn profile_names(ini: &Ini) -> String {
    let mut names: Vec<String> = Vec::new();
    for s in &ini.sections {
        let n = s.norm_name();
        let name = if n == "default" || n == "credentials" {
            Some(s.name.clone())
        } else {
            n.strip_prefix("profile ").map(|p| p.to_string())
        };
        if let Some(name) = name
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

pub(super) fn select_profile<'a>(
    ini: &'a Ini,
    wanted: Option<&str>,
    path: &Path,
) -> Result<Option<Profile<'a>>, ConfigError> {
    let sections_for = |name: &str| -> Vec<&'a Section> {
        let n = ini::normalize_section(name);
        let mut found: Vec<&Section> = Vec::new();
        let candidates: Vec<String> = if n == "default" {
            vec!["default".into(), "profile default".into()]
        } else {
            vec![format!("profile {n}"), n.clone()]
        };
        for c in candidates {
            // Later sections with the same name override earlier ones.
            let mut same: Vec<&Section> = ini.sections_named(&c).collect();
            same.reverse();
            found.extend(same);
        }
        found
    };
    let (name, mut sections, legacy) = match wanted {
        Some(name) => {
            let sections = sections_for(name);
            if sections.is_empty() {
                return Err(ConfigError::NoSuchProfile {
                    profile: name.to_string(),
                    path: path.to_path_buf(),
                    available: profile_names(ini),
                });
            }
            let legacy = ini::normalize_section(name) == "credentials";
            (name.to_string(), sections, legacy)
        }
        None => {
            let default = sections_for("default");
            // ossutil 1.x's [Default] holds only transport settings; it is a 2.x profile only
            // when it has credentials or an endpoint/region, or there is no [Credentials].
            let has_creds = ini.has_section("credentials");
            let default_is_profile = !default.is_empty()
                && (!has_creds
                    || default.iter().any(|s| {
                        s.get(keys::ACCESS_KEY_ID).is_some()
                            || s.get(keys::ENDPOINT).is_some()
                            || s.get(keys::REGION).is_some()
                    }));
            if default_is_profile {
                ("default".to_string(), default, false)
            } else if has_creds {
                let mut creds: Vec<&Section> = ini.sections_named("credentials").collect();
                creds.reverse();
                ("Credentials".to_string(), creds, true)
            } else {
                return Ok(None);
            }
        }
    };
    // source_profile: missing keys come from the named profile (chains allowed, loops not).
    let mut seen = vec![ini::normalize_section(&name)];
    let mut next = sections
        .iter()
        .find_map(|s| s.get(keys::SOURCE_PROFILE))
        .map(|e| e.value.clone());
    while let Some(source) = next {
        let n = ini::normalize_section(&source);
        if seen.contains(&n) {
            return Err(ConfigError::ProfileLoop(source));
        }
        seen.push(n);
        let more = sections_for(&source);
        if more.is_empty() {
            return Err(ConfigError::NoSuchProfile {
                profile: source,
                path: path.to_path_buf(),
                available: profile_names(ini),
            });
        }
        next = more
            .iter()
            .find_map(|s| s.get(keys::SOURCE_PROFILE))
            .map(|e| e.value.clone());
        sections.extend(more);
    }
    Ok(Some(Profile {
        name,
        sections,
        legacy,
    }))
}

impl Profile<'_> {
    pub(super) fn get(&self, aliases: &[&str], path: &Path) -> Option<(String, Source)> {
        self.sections.iter().find_map(|s| {
            s.get(aliases)
                .filter(|e| !e.value.is_empty())
                .map(|e| (e.value.clone(), file_source(path, s, e.line)))
        })
    }
}

pub(super) fn file_source(path: &Path, section: &Section, line: usize) -> Source {
    Source::File {
        path: path.to_path_buf(),
        section: section.name.clone(),
        line,
    }
}
