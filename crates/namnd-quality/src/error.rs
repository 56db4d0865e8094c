//! The one error type of `namnd-quality`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-quality`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_quality::QualityError;
/// let err = QualityError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QualityError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ---------------------------------------------------------------- case
    // (Lex Sarah / Lex Maria case variants go here)

    // ------------------------------------------------------------ incident
    // (incident report, category, matrix and complaint variants go here)

    // -------------------------------------------------------------- import
    // (register import variants go here)
}

/// Short name for [`QualityError`], for `namnd_quality::Error` paths.
pub type Error = QualityError;

/// `Result` with [`QualityError`].
pub type Result<T, E = QualityError> = core::result::Result<T, E>;
