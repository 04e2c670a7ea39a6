//! `oss://bucket[/key]` URLs as the commands take them.

use crate::exit::Failure;

/// `oss://bucket[/key]` split into bucket and optional key.
pub fn parse_oss_url(input: &str) -> Result<(String, Option<String>), Failure> {
    let rest = input.strip_prefix("oss://").ok_or_else(|| {
        Failure::usage(format!(
            "{input:?} is not an OSS URL: write buckets as oss://bucket and objects as oss://bucket/key"
        ))
    })?;
    let (bucket, key) = match rest.split_once('/') {
        Some((b, k)) if !k.is_empty() => (b, Some(k.to_string())),
        Some((b, _)) => (b, None),
        None => (rest, None),
    };
    if bucket.is_empty() {
        return Err(Failure::usage(format!(
            "{input:?} names no bucket: write oss://bucket"
        )));
    }
    crate::oss::endpoint::validate_bucket_name(bucket)
        .map_err(|e| Failure::usage(format!("{input}: {e}")))?;
    Ok((bucket.to_string(), key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oss_urls() {
        assert_eq!(parse_oss_url("oss://bkt").unwrap(), ("bkt".into(), None));
        assert_eq!(parse_oss_url("oss://bkt/").unwrap(), ("bkt".into(), None));
        assert_eq!(
            parse_oss_url("oss://bkt/dir/k.txt").unwrap(),
            ("bkt".into(), Some("dir/k.txt".into()))
        );
        assert!(parse_oss_url("bkt").is_err());
        assert!(parse_oss_url("oss:///k").is_err());
        assert!(parse_oss_url("oss://Bad_Name").is_err());
        assert!(parse_oss_url("oss://b").is_err());
    }
}
