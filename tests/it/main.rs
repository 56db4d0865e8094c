//! Cross-crate integration tests: one binary, one module per topic.
//!
//! Fixtures under `tests/fixtures/` are transcribed from real committee
//! documents (see its README); the tests never read anything outside this
//! repository.

// This whole binary is test code: a failed fixture read should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod fixtures;
mod golden_tables;
mod no_panics;
mod real_numbers;
mod serde_wire_format;
