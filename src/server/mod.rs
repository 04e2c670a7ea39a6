//! `ossctl serve`: a local OSS-compatible endpoint. The only user of axum/hyper.
