//! The CORS simulator: the single truth for what OSS answers and what a browser then does.
//!
//! Pure: no I/O. Shared by `cors test` (prediction) and `serve` (the endpoint), so the two
//! cannot drift. Depends only on `rules`.
