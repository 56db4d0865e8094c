//! The one error type of `namnd-report`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-report`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_report::ReportError;
/// let err = ReportError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),
    // ------------------------------------------------------------- dataset
    /// The manifest is not valid TOML or has a wrong or missing value.
    #[error("manifest {file} line {line} column {column}: {message}")]
    Manifest {
        /// The manifest's file name.
        file: String,
        /// 1-based line of the offending value (1 when unknown).
        line: usize,
        /// 1-based column (in characters) of the offending value.
        column: usize,
        /// What is wrong (the TOML parser's message, without input text).
        message: String,
    },
    /// A file named in the manifest does not exist.
    #[error("file {file} named in {manifest} does not exist")]
    MissingFile {
        /// The file's name as written in the manifest.
        file: String,
        /// The manifest's file name.
        manifest: String,
    },
    /// A file could not be read or parsed as a whole.
    #[error("{file}: {message}")]
    Input {
        /// The file's name.
        file: String,
        /// What is wrong, naming line and column where there is one.
        message: String,
    },
    /// A row of one of the report's own input formats (see
    /// `docs/formats.md`) was rejected.
    #[error("{file} line {line} column {column}: {message}")]
    Row {
        /// The file's name.
        file: String,
        /// 1-based line.
        line: u64,
        /// The column's name.
        column: String,
        /// What is wrong (input echoed through `quote_for_message`).
        message: String,
    },
    /// A domain computation failed while a section was assembled.
    #[error("cannot compute {what}: {message}")]
    Compute {
        /// What was being computed.
        what: String,
        /// The domain crate's message.
        message: String,
    },

    // -------------------------------------------------------------- render
    /// The Excel writer failed (`what` names the sheet or step).
    #[error("cannot write the excel report ({what}): {message}")]
    Xlsx {
        /// The sheet or step, e.g. `sheet "Ekonomi"`.
        what: String,
        /// The writer's message.
        message: String,
    },
    /// The report could not be serialised to or read from JSON.
    #[error("cannot {what} the json report: {message}")]
    Json {
        /// `write` or `read`.
        what: &'static str,
        /// serde_json's message (line and column when reading).
        message: String,
    },
}

/// Short name for [`ReportError`], for `namnd_report::Error` paths.
///
/// # Example
/// ```
/// fn title() -> Result<String, namnd_report::Error> {
///     Ok(namnd_report::model::ReportMeta::example()?.title)
/// }
/// assert_eq!(title()?, "Månadsrapport augusti 2026");
/// # Ok::<(), namnd_report::Error>(())
/// ```
pub type Error = ReportError;

/// `Result` with [`ReportError`].
///
/// # Example
/// ```
/// use namnd_report::Result;
/// fn municipality() -> Result<String> {
///     Ok(namnd_report::demo::dataset()?.dataset.manifest.municipality)
/// }
/// assert_eq!(municipality()?, "Exempelkommun");
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub type Result<T, E = ReportError> = core::result::Result<T, E>;
