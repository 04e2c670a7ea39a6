//! `oss://bucket[/key]` URLs as the commands take them.

use crate::exit::{ExitStatus, Failure};
use crate::oss::endpoint::EndpointError;

/// An operand that is not the `oss://` URL a command needs (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum OssUrlError {
    /// No `oss://` prefix.
    #[error(
        "{0:?} is not an OSS URL: write buckets as oss://bucket and objects as oss://bucket/key"
    )]
    NotOss(String),
    /// `oss://` and nothing, or `oss:///key`.
    #[error("{0:?} names no bucket: write oss://bucket")]
    NoBucket(String),
    /// The bucket name breaks OSS's rules.
    #[error("{input}: {error}")]
    BadBucket {
        /// The operand.
        input: String,
        /// Why the name is refused.
        error: EndpointError,
    },
    /// An object where only a bucket makes sense (CORS rules belong to the bucket).
    #[error("{input}: CORS rules belong to the bucket; write oss://{bucket}")]
    NotABucket {
        /// The operand.
        input: String,
        /// Its bucket.
        bucket: String,
    },
}

impl From<OssUrlError> for Failure {
    fn from(e: OssUrlError) -> Self {
        Failure::new(ExitStatus::Usage, e)
    }
}

/// `oss://bucket[/key]` split into bucket and optional key.
pub fn parse_oss_url(input: &str) -> Result<(String, Option<String>), OssUrlError> {
    let rest = input
        .strip_prefix("oss://")
        .ok_or_else(|| OssUrlError::NotOss(input.to_string()))?;
    let (bucket, key) = match rest.split_once('/') {
        Some((b, k)) if !k.is_empty() => (b, Some(k.to_string())),
        Some((b, _)) => (b, None),
        None => (rest, None),
    };
    if bucket.is_empty() {
        return Err(OssUrlError::NoBucket(input.to_string()));
    }
    crate::oss::endpoint::validate_bucket_name(bucket).map_err(|error| OssUrlError::BadBucket {
        input: input.to_string(),
        error,
    })?;
    Ok((bucket.to_string(), key))
}

/// The buckets of `cors put|delete` operands, each once, in the order given: CORS rules
/// belong to a bucket, so `oss://bucket/key` is refused.
pub(crate) fn parse_bucket_urls(urls: &[String]) -> Result<Vec<String>, OssUrlError> {
    let mut buckets = Vec::new();
    for url in urls {
        let (bucket, key) = parse_oss_url(url)?;
        if key.is_some() {
            return Err(OssUrlError::NotABucket {
                input: url.clone(),
                bucket,
            });
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
        assert_eq!(
            parse_bucket_urls(&urls(&["oss://bkt/k"])).unwrap_err(),
            OssUrlError::NotABucket {
                input: "oss://bkt/k".into(),
                bucket: "bkt".into()
            }
        );
    }
}
