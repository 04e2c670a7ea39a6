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

/// The buckets of `cors put|delete` operands, each once, in the order given: CORS rules
/// belong to a bucket, so `oss://bucket/key` is refused.
pub(crate) fn parse_bucket_urls(urls: &[String]) -> Result<Vec<String>, Failure> {
    let mut buckets = Vec::new();
    for url in urls {
        let (bucket, key) = parse_oss_url(url)?;
        if key.is_some() {
            return Err(Failure::usage(format!(
                "{url}: CORS rules belong to the bucket; write oss://{bucket}"
            )));
        }
        if !buckets.contains(&bucket) {
            buckets.push(bucket);
        }
    }
    Ok(buckets)
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

    #[test]
    fn bucket_operands_are_buckets_once_each() {
        let urls = |u: &[&str]| u.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_bucket_urls(&urls(&["oss://bkt", "oss://two/", "oss://bkt"])).unwrap(),
            vec!["bkt".to_string(), "two".to_string()]
        );
        let err = parse_bucket_urls(&urls(&["oss://bkt/k"])).unwrap_err();
        assert!(format!("{}", err.report).contains("write oss://bkt"));
    }
}
