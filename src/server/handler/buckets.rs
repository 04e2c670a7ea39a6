//! The service and bucket APIs: ListBuckets, Put/Delete/HeadBucket, GetBucketInfo,
//! GetBucketLocation, Put/GetBucketAcl, and ListObjects (V1 and V2).

use hyper::Response;
use hyper::body::Incoming;

use super::objects::etag;
use super::{Ctx, read_small_body};
use crate::server::auth::{self, Caller};
use crate::server::respond::{
    ApiError, Body, esc, iso_date, set_header, status_only, xml_response,
};
use crate::server::route::{self, Operation};
use crate::server::store::{Acl, BucketMeta};

/// Largest `?acl` / PutBucket body accepted.
const MAX_SMALL_BODY: usize = 64 * 1024;
/// Owner id and name shown in ACL / bucket documents.
const OWNER_ID: &str = "ossctl-serve";

pub(super) async fn list_buckets(
    ctx: &Ctx<'_>,
    caller: &Caller,
) -> Result<Response<Body>, ApiError> {
    if *caller == Caller::Anonymous {
        return Err(ApiError::new(
            403,
            "AccessDenied",
            "ListBuckets requires a signed request; anonymous access is not allowed.",
        ));
    }
    let buckets = ctx.in_store("", |s, _| s.list_buckets()).await?;
    let region = &ctx.state.config.region;
    let host_id = ctx.host_id();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult><Owner><ID>{OWNER_ID}</ID>\
         <DisplayName>{OWNER_ID}</DisplayName></Owner><Buckets>"
    );
    for b in buckets {
        xml.push_str(&format!(
            "<Bucket><CreationDate>{}</CreationDate><ExtranetEndpoint>{}</ExtranetEndpoint>\
             <IntranetEndpoint>{}</IntranetEndpoint><Location>oss-{}</Location><Name>{}</Name>\
             <Region>{}</Region><StorageClass>Standard</StorageClass></Bucket>",
            iso_date(b.created),
            esc(&host_id),
            esc(&host_id),
            esc(region),
            esc(&b.name),
            esc(region)
        ));
    }
    xml.push_str("</Buckets></ListAllMyBucketsResult>");
    Ok(xml_response(xml))
}

fn acl_from_header(ctx: &Ctx<'_>) -> Result<Option<Acl>, ApiError> {
    match ctx.header("x-oss-acl") {
        None => Ok(None),
        Some(v) => Acl::parse(v).map(Some).ok_or_else(|| {
            ApiError::new(
                400,
                "InvalidArgument",
                format!(
                    "no such bucket access control exists: x-oss-acl {v:?} is not one of \
                     private, public-read, public-read-write"
                ),
            )
            .with("ArgumentName", "x-oss-acl")
            .with("ArgumentValue", v)
        }),
    }
}

pub(super) async fn put_bucket(
    ctx: &Ctx<'_>,
    caller: &Caller,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    if *caller == Caller::Anonymous {
        return Err(auth::anonymous_denied(Operation::PutBucket, Acl::Private));
    }
    let acl = acl_from_header(ctx)?.unwrap_or_default();
    // The optional CreateBucketConfiguration (storage class, redundancy) is read and ignored.
    read_small_body(ctx, body, MAX_SMALL_BODY, "CreateBucketConfiguration").await?;
    let now = jiff::Timestamp::now().as_second();
    ctx.in_store(bucket, move |s, b| s.create_bucket(b, acl, now))
        .await?;
    let mut r = status_only(200);
    set_header(&mut r, "location", &format!("/{bucket}"));
    Ok(r)
}

pub(super) async fn put_bucket_acl(
    ctx: &Ctx<'_>,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    let body = read_small_body(ctx, body, MAX_SMALL_BODY, "ACL document").await?;
    let acl = match acl_from_header(ctx)? {
        Some(acl) => acl,
        None => {
            // Some clients send <AccessControlPolicy>...<Grant>public-read</Grant>...
            let text = String::from_utf8_lossy(&body);
            let grant = text
                .split("<Grant>")
                .nth(1)
                .and_then(|rest| rest.split("</Grant>").next())
                .map(str::trim);
            match grant.and_then(Acl::parse) {
                Some(acl) => acl,
                None => {
                    return Err(ApiError::new(
                        400,
                        "InvalidArgument",
                        "PutBucketAcl needs an x-oss-acl header: private, public-read or \
                         public-read-write",
                    )
                    .with("ArgumentName", "x-oss-acl"));
                }
            }
        }
    };
    ctx.in_store(bucket, move |s, b| s.set_acl(b, acl)).await?;
    Ok(status_only(200))
}

pub(super) fn get_bucket_info(ctx: &Ctx<'_>, meta: &BucketMeta) -> Response<Body> {
    let region = &ctx.state.config.region;
    let host_id = ctx.host_id();
    xml_response(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketInfo><Bucket>\
         <AccessMonitor>Disabled</AccessMonitor><CreationDate>{}</CreationDate>\
         <CrossRegionReplication>Disabled</CrossRegionReplication>\
         <DataRedundancyType>LRS</DataRedundancyType>\
         <ExtranetEndpoint>{}</ExtranetEndpoint><IntranetEndpoint>{}</IntranetEndpoint>\
         <Location>oss-{}</Location><Name>{}</Name><ResourceGroupId></ResourceGroupId>\
         <StorageClass>Standard</StorageClass><TransferAcceleration>Disabled</TransferAcceleration>\
         <Owner><DisplayName>{OWNER_ID}</DisplayName><ID>{OWNER_ID}</ID></Owner>\
         <AccessControlList><Grant>{}</Grant></AccessControlList>\
         <ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule>\
         <BucketPolicy><LogBucket></LogBucket><LogPrefix></LogPrefix></BucketPolicy>\
         </Bucket></BucketInfo>",
        iso_date(meta.created),
        esc(&host_id),
        esc(&host_id),
        esc(region),
        esc(&meta.name),
        meta.acl.as_str()
    ))
}

pub(super) async fn list_objects(ctx: &Ctx<'_>, bucket: &str) -> Result<Response<Body>, ApiError> {
    let q = |name: &str| route::query_value(ctx.raw_query(), name);
    let v2 = q("list-type").as_deref() == Some("2");
    let prefix = q("prefix").unwrap_or_default();
    let delimiter = q("delimiter").unwrap_or_default();
    let url_encode = q("encoding-type").as_deref() == Some("url");
    let max_keys = match q("max-keys") {
        None => 100,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= 1000 => n,
            _ => {
                return Err(ApiError::new(
                    400,
                    "InvalidArgument",
                    format!("max-keys must be an integer between 0 and 1000, got {v:?}"),
                )
                .with("ArgumentName", "max-keys")
                .with("ArgumentValue", v));
            }
        },
    };
    let after = if v2 {
        q("continuation-token")
            .filter(|t| !t.is_empty())
            .or_else(|| q("start-after"))
            .unwrap_or_default()
    } else {
        q("marker").unwrap_or_default()
    };
    let objects = ctx.in_store(bucket, |s, b| s.list_objects(b)).await?;
    let enc = |s: &str| {
        if url_encode {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        } else {
            esc(s)
        }
    };
    let mut contents = String::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut count = 0usize;
    let mut truncated = false;
    let mut last = String::new();
    for o in objects
        .iter()
        .filter(|o| o.key.starts_with(&prefix) && o.key > after)
    {
        let rest = &o.key[prefix.len()..];
        let common = if delimiter.is_empty() {
            None
        } else {
            rest.find(&delimiter)
                .map(|i| format!("{prefix}{}", &rest[..i + delimiter.len()]))
        };
        if let Some(cp) = &common
            && prefixes.last() == Some(cp)
        {
            continue;
        }
        if common
            .as_ref()
            .is_some_and(|cp| cp.as_str() <= after.as_str())
        {
            continue;
        }
        if count == max_keys {
            truncated = true;
            break;
        }
        count += 1;
        match common {
            Some(cp) => {
                last = cp.clone();
                prefixes.push(cp);
            }
            None => {
                last = o.key.clone();
                contents.push_str(&format!(
                    "<Contents><Key>{}</Key><LastModified>{}</LastModified><ETag>{}</ETag>\
                     <Type>Normal</Type><Size>{}</Size><StorageClass>Standard</StorageClass>\
                     <Owner><ID>{OWNER_ID}</ID><DisplayName>{OWNER_ID}</DisplayName></Owner></Contents>",
                    enc(&o.key),
                    iso_date(o.modified),
                    esc(&etag(&o.md5_hex)),
                    o.size
                ));
            }
        }
    }
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>{}</Name><Prefix>{}</Prefix>",
        esc(bucket),
        enc(&prefix)
    );
    if v2 {
        if let Some(sa) = q("start-after") {
            xml.push_str(&format!("<StartAfter>{}</StartAfter>", enc(&sa)));
        }
        if let Some(ct) = q("continuation-token") {
            xml.push_str(&format!(
                "<ContinuationToken>{}</ContinuationToken>",
                esc(&ct)
            ));
        }
    } else {
        xml.push_str(&format!("<Marker>{}</Marker>", enc(&after)));
    }
    xml.push_str(&format!(
        "<MaxKeys>{max_keys}</MaxKeys><Delimiter>{}</Delimiter><IsTruncated>{truncated}</IsTruncated>",
        enc(&delimiter)
    ));
    if url_encode {
        xml.push_str("<EncodingType>url</EncodingType>");
    }
    if truncated {
        if v2 {
            xml.push_str(&format!(
                "<NextContinuationToken>{}</NextContinuationToken>",
                esc(&last)
            ));
        } else {
            xml.push_str(&format!("<NextMarker>{}</NextMarker>", enc(&last)));
        }
    }
    if v2 {
        xml.push_str(&format!("<KeyCount>{count}</KeyCount>"));
    }
    xml.push_str(&contents);
    for p in prefixes {
        xml.push_str(&format!(
            "<CommonPrefixes><Prefix>{}</Prefix></CommonPrefixes>",
            enc(&p)
        ));
    }
    xml.push_str("</ListBucketResult>");
    Ok(xml_response(xml))
}

pub(super) fn head_bucket(ctx: &Ctx<'_>) -> Response<Body> {
    let mut r = status_only(200);
    set_header(&mut r, "x-oss-bucket-region", &ctx.state.config.region);
    r
}

pub(super) fn get_bucket_location(ctx: &Ctx<'_>) -> Response<Body> {
    xml_response(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint>oss-{}</LocationConstraint>",
        esc(&ctx.state.config.region)
    ))
}

pub(super) fn get_bucket_acl(meta: &BucketMeta) -> Response<Body> {
    xml_response(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy><Owner><ID>{OWNER_ID}</ID>\
         <DisplayName>{OWNER_ID}</DisplayName></Owner><AccessControlList><Grant>{}</Grant>\
         </AccessControlList></AccessControlPolicy>",
        meta.acl.as_str()
    ))
}
