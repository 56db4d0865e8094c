//! Reading the semicolon-separated fixture files (with the `csv` crate).

use std::path::PathBuf;

/// The path of a fixture file, independent of the working directory.
pub(crate) fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Every row of a fixture, deserialised into `T`.
pub(crate) fn rows<T: serde::de::DeserializeOwned>(name: &str) -> Vec<T> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(path(name))
        .unwrap_or_else(|e| panic!("cannot open fixture {name}: {e}"));
    let rows: Vec<T> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("bad row in fixture {name}: {e}"));
    assert!(!rows.is_empty(), "fixture {name} has no rows");
    rows
}
