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
    // (manifest, dataset loading and demo variants go here)

    // -------------------------------------------------------------- render
    // (rendering variants go here)
}

/// Short name for [`ReportError`], for `namnd_report::Error` paths.
pub type Error = ReportError;

/// `Result` with [`ReportError`].
pub type Result<T, E = ReportError> = core::result::Result<T, E>;
