//! `ossctl cors lint`, `cors diff` and `cors convert`: gather the documents (files, stdin,
//! live buckets), call the pure `lint` and `rules::s3` code, print the results.
//!
//! All judgement lives in `lint` (findings, diff) and `rules` (formats, validation); this
//! module only reads, writes and chooses exit statuses. Results go to stdout, notes to stderr.

mod convert;
mod diff;
mod lint;
mod source;

pub use super::files::write_file;
pub use convert::convert;
pub use diff::{DiffReport, colour_diff, diff};
pub use lint::{LintReport, lint};
pub use source::{Source, document_format, load_rules, load_source, read_input, sniff_format};
