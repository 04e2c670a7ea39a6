use super::*;
use crate::oss::SignatureVersion;
use crate::oss::endpoint::AddressingStyle;

fn env(pairs: &[(&str, &str)]) -> Env {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn file(text: &str) -> ConfigFile {
    ConfigFile {
        path: PathBuf::from("/home/u/.ossutilconfig"),
        text: text.to_string(),
    }
}

/// The file `ossutil config` 1.x writes.
const OSSUTIL_1X: &str = "[Credentials]
language=EN
endpoint=oss-cn-hangzhou.aliyuncs.com
accessKeyID=LTAI5tFILEID
accessKeySecret=file-secret
stsToken=file-token
[Bucket-Endpoint]
special=oss-cn-beijing.aliyuncs.com
[Bucket-Cname]
static=static.example.com
[Default]
retryTimes=7
connectTimeOut=3
readTimeOut=45
";

/// A 2.x file as `ossutil config` writes it, plus a second profile.
const OSSUTIL_2X: &str = "[default]
accessKeyId = LTAI5tDEFAULT
accessKeySecret = default-secret
region = cn-hangzhou

[profile dev]
access-key-id = LTAI5tDEV
access_key_secret = dev-secret
region = cn-shanghai
endpoint = http://127.0.0.1:9000
sign-version = v1
addressing-style = path
retry-times = 1
buckets = dev-buckets

[profile child]
source_profile = dev
region = cn-beijing

[buckets dev-buckets]
other =
  region = cn-qingdao
  endpoint = oss-cn-qingdao.aliyuncs.com
  addressing_style = virtual
";

#[test]
fn ossutil_1x_credentials_section() {
    let r = resolve(&Flags::default(), &Env::new(), Some(&file(OSSUTIL_1X))).unwrap();
    let ak = r.access_key_id.as_ref().unwrap();
    assert_eq!(ak.value, "LTAI5tFILEID");
    assert_eq!(
        ak.source.to_string(),
        "/home/u/.ossutilconfig [Credentials] line 4"
    );
    assert_eq!(
        r.access_key_secret.as_ref().unwrap().value.expose(),
        "file-secret"
    );
    assert_eq!(r.sts_token.as_ref().unwrap().value.expose(), "file-token");
    assert_eq!(
        r.endpoint.as_ref().unwrap().value,
        "oss-cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(r.profile.as_ref().unwrap().value, "Credentials");
    // [Default] transport settings.
    assert_eq!(r.retries.value, 7);
    assert_eq!(r.connect_timeout.value, Duration::from_secs(3));
    assert_eq!(r.timeout.value, Duration::from_secs(45));
    assert!(matches!(r.timeout.source, Source::File { line: 14, .. }));
    // Bucket maps.
    assert_eq!(
        r.endpoint_for("special").unwrap().value,
        "oss-cn-beijing.aliyuncs.com"
    );
    assert_eq!(
        r.endpoint_for("plain").unwrap().value,
        "oss-cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        r.endpoint_for("static").unwrap().value,
        "static.example.com"
    );
    assert_eq!(
        r.addressing_style_for("static").unwrap().unwrap().value,
        AddressingStyle::Cname
    );
    assert!(r.addressing_style_for("plain").unwrap().is_none());
    assert_eq!(r.sign_version.value, SignatureVersion::V4);
    assert_eq!(r.sign_version.source, Source::Default);
}

#[test]
fn ossutil_2x_default_and_profiles() {
    let r = resolve(&Flags::default(), &Env::new(), Some(&file(OSSUTIL_2X))).unwrap();
    assert_eq!(r.access_key_id.unwrap().value, "LTAI5tDEFAULT");
    assert_eq!(r.region.unwrap().value, "cn-hangzhou");
    assert!(r.endpoint.is_none());
    assert_eq!(r.retries.value, DEFAULT_RETRIES);

    let flags = Flags {
        profile: Some("dev".into()),
        ..Flags::default()
    };
    let r = resolve(&flags, &Env::new(), Some(&file(OSSUTIL_2X))).unwrap();
    assert_eq!(r.access_key_id.as_ref().unwrap().value, "LTAI5tDEV");
    assert_eq!(
        r.access_key_secret.as_ref().unwrap().value.expose(),
        "dev-secret"
    );
    assert_eq!(r.sign_version.value, SignatureVersion::V1);
    assert_eq!(
        r.addressing_style.as_ref().unwrap().value,
        AddressingStyle::Path
    );
    assert_eq!(r.retries.value, 1);
    assert_eq!(
        r.profile.as_ref().unwrap().source,
        Source::Flag("--profile")
    );
    // Inline bucket block.
    let other = r.bucket("other").unwrap();
    assert_eq!(other.region.as_ref().unwrap().value, "cn-qingdao");
    assert_eq!(r.region_for("other").unwrap().value, "cn-qingdao");
    assert_eq!(
        r.addressing_style_for("other").unwrap().unwrap().value,
        AddressingStyle::Virtual
    );
    assert_eq!(r.endpoint_for("x").unwrap().value, "http://127.0.0.1:9000");
}

#[test]
fn source_profile_fills_missing_keys() {
    let e = env(&[("OSSUTIL_PROFILE", "child")]);
    let r = resolve(&Flags::default(), &e, Some(&file(OSSUTIL_2X))).unwrap();
    assert_eq!(r.region.as_ref().unwrap().value, "cn-beijing");
    assert_eq!(r.access_key_id.as_ref().unwrap().value, "LTAI5tDEV");
    assert!(matches!(&r.access_key_id.as_ref().unwrap().source,
        Source::File { section, .. } if section == "profile dev"));
    assert_eq!(
        r.profile.unwrap().source,
        Source::Env("OSSUTIL_PROFILE".into())
    );
}

#[test]
fn profile_loops_and_unknown_profiles_are_errors() {
    let text = "[profile a]\nsource_profile=b\n[profile b]\nsource-profile=a\n";
    let flags = Flags {
        profile: Some("a".into()),
        ..Flags::default()
    };
    assert!(matches!(
        resolve(&flags, &Env::new(), Some(&file(text))),
        Err(ConfigError::ProfileLoop(_))
    ));
    let flags = Flags {
        profile: Some("prod".into()),
        ..Flags::default()
    };
    let err = resolve(&flags, &Env::new(), Some(&file(OSSUTIL_2X))).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("\"prod\""), "{msg}");
    assert!(msg.contains("dev, child"), "{msg}");
    let err = resolve(&flags, &Env::new(), None).unwrap_err();
    assert!(
        matches!(err, ConfigError::ProfileWithoutFile { .. }),
        "{err}"
    );
}

#[test]
fn precedence_flags_over_env_over_file() {
    let e = env(&[
        ("OSS_ACCESS_KEY_ID", "ENVID"),
        ("OSS_ACCESS_KEY_SECRET", "env-secret"),
        ("OSS_REGION", "cn-shenzhen"),
        ("OSS_ENDPOINT", "http://127.0.0.1:1"),
    ]);
    let r = resolve(&Flags::default(), &e, Some(&file(OSSUTIL_1X))).unwrap();
    assert_eq!(r.access_key_id.as_ref().unwrap().value, "ENVID");
    assert_eq!(
        r.access_key_id.as_ref().unwrap().source,
        Source::Env("OSS_ACCESS_KEY_ID".into())
    );
    assert_eq!(
        r.access_key_secret.as_ref().unwrap().value.expose(),
        "env-secret"
    );
    // The file's token belongs to the file's key pair: not paired with env credentials.
    assert!(r.sts_token.is_none());
    assert_eq!(r.region.as_ref().unwrap().value, "cn-shenzhen");
    // An explicit endpoint disables the per-bucket maps, as in ossutil.
    assert_eq!(
        r.endpoint_for("special").unwrap().value,
        "http://127.0.0.1:1"
    );

    let flags = Flags {
        access_key_id: Some("FLAGID".into()),
        access_key_secret: Some(Secret::new("flag-secret")),
        sts_token: Some(Secret::new("flag-token")),
        endpoint: Some("http://127.0.0.1:2".into()),
        retries: Some(0),
        ..Flags::default()
    };
    let r = resolve(&flags, &e, Some(&file(OSSUTIL_1X))).unwrap();
    assert_eq!(r.access_key_id.as_ref().unwrap().value, "FLAGID");
    assert!(r.access_key_id.as_ref().unwrap().is_flag());
    assert_eq!(r.sts_token.as_ref().unwrap().value.expose(), "flag-token");
    assert_eq!(
        r.endpoint.as_ref().unwrap().source,
        Source::Flag("--endpoint")
    );
    assert_eq!(r.retries.value, 0);
}

#[test]
fn alibaba_cloud_env_names_and_tokens() {
    let e = env(&[
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIID"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-secret"),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", "ali-token"),
        ("OSS_SESSION_TOKEN", ""),
    ]);
    let r = resolve(&Flags::default(), &e, None).unwrap();
    assert_eq!(r.access_key_id.unwrap().value, "ALIID");
    let token = r.sts_token.unwrap();
    assert_eq!(token.value.expose(), "ali-token");
    assert_eq!(
        token.source,
        Source::Env("ALIBABA_CLOUD_SECURITY_TOKEN".into())
    );
    // OSS_* wins over ALIBABA_CLOUD_*.
    let e = env(&[
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIID"),
        ("OSS_ACCESS_KEY_ID", "OSSID"),
    ]);
    let r = resolve(&Flags::default(), &e, None).unwrap();
    assert_eq!(r.access_key_id.unwrap().value, "OSSID");
}

#[test]
fn nothing_configured_gives_defaults() {
    let r = resolve(&Flags::default(), &Env::new(), None).unwrap();
    assert!(r.access_key_id.is_none() && r.endpoint.is_none() && r.profile.is_none());
    assert_eq!(r.retries, Setting::new(3, Source::Default));
    assert_eq!(r.timeout.value, DEFAULT_TIMEOUT);
}

#[test]
fn bad_values_name_their_source() {
    // (A flag cannot carry a bad version: clap only accepts v1 and v4.)
    let e = env(&[("OSS_SIGN_VERSION", "V2")]);
    let err = resolve(&Flags::default(), &e, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"v2\"") && err.contains("environment OSS_SIGN_VERSION"),
        "{err}"
    );
    let text = "[Credentials]\naccessKeyID=a\n[Default]\nretryTimes=lots\n";
    let err = resolve(&Flags::default(), &Env::new(), Some(&file(text)))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("lots") && err.contains("[Default] line 4"),
        "{err}"
    );
    let e = env(&[("OSS_ADDRESSING_STYLE", "sideways")]);
    let err = resolve(&Flags::default(), &e, None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("OSS_ADDRESSING_STYLE"), "{err}");
    let flags = Flags {
        timeout: Some(0.0),
        ..Flags::default()
    };
    assert!(resolve(&flags, &Env::new(), None).is_err());
    let err = resolve(
        &Flags::default(),
        &Env::new(),
        Some(&file("[default]\nnonsense\n")),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("line 2"), "{err}");
}

#[test]
fn config_file_location() {
    let e = env(&[("HOME", "/home/u")]);
    let p = config_file_path(&Flags::default(), &e).unwrap();
    assert_eq!(p.value, PathBuf::from("/home/u/.ossutilconfig"));
    assert_eq!(p.source, Source::Default);
    let e2 = env(&[
        ("HOME", "/home/u"),
        ("OSSUTIL_CONFIG_FILE", "~/cfg/oss.ini"),
    ]);
    let p = config_file_path(&Flags::default(), &e2).unwrap();
    assert_eq!(p.value, PathBuf::from("/home/u/cfg/oss.ini"));
    let flags = Flags {
        config_file: Some("/etc/oss.ini".into()),
        ..Flags::default()
    };
    let p = config_file_path(&flags, &e2).unwrap();
    assert_eq!(p.source, Source::Flag("--config-file"));
    assert!(config_file_path(&Flags::default(), &Env::new()).is_none());
}

#[test]
fn unsupported_modes_are_noted_and_force_path_style_read() {
    let text = "[Credentials]\nmode=EcsRamRole\nendpoint=e\n[Default]\n\n[default]\n";
    let r = resolve(&Flags::default(), &Env::new(), Some(&file(text))).unwrap();
    assert!(r.notes[0].contains("EcsRamRole"), "{:?}", r.notes);
    let text = "[profile p]\nforce-path-style = true\n";
    let flags = Flags {
        profile: Some("p".into()),
        ..Flags::default()
    };
    let r = resolve(&flags, &Env::new(), Some(&file(text))).unwrap();
    assert_eq!(r.addressing_style.unwrap().value, AddressingStyle::Path);
}

#[test]
fn debug_of_resolved_hides_secrets() {
    let r = resolve(&Flags::default(), &Env::new(), Some(&file(OSSUTIL_1X))).unwrap();
    let shown = format!("{r:?}");
    assert!(
        !shown.contains("file-secret") && !shown.contains("file-token"),
        "{shown}"
    );
}

#[test]
fn a_bad_bucket_addressing_style_fails_only_that_bucket() {
    let text = "[default]\naccessKeyId = a\nbuckets = set\n[buckets set]\nodd =\n  addressing_style = sideways\n";
    let r = resolve(&Flags::default(), &Env::new(), Some(&file(text))).unwrap();
    let err = r.addressing_style_for("odd").unwrap_err().to_string();
    assert!(
        err.contains("\"sideways\"") && err.contains("[buckets set] line 6"),
        "{err}"
    );
    assert!(r.addressing_style_for("other").unwrap().is_none());
}
