//! HTTP transport: the only user of reqwest. Sends [`crate::oss`] requests with retries
//! that re-sign every attempt.
