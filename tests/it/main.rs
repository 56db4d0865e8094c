//! Cross-crate integration tests: one binary, one module per topic.
//!
//! Fixtures under `tests/fixtures/` are transcribed from real committee
//! documents (see its README); the tests never read anything outside this
//! repository.

mod fixtures;
mod real_numbers;
mod serde_wire_format;
