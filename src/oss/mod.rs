//! The OSS protocol without I/O: endpoints and addressing, request building, signature V1/V4
//! (sign and verify, presigned URLs), and OSS error bodies.
//!
//! Pure: no tokio, no reqwest, no fs, no env; the clock is a parameter. Depends only on `rules`.
