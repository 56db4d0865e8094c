//! Cross-crate integration tests: one binary, one module per topic.
