//! The one error type of `namnd-invest`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-invest`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_invest::InvestError;
/// let err = InvestError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvestError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ----------------------------------------------------------- request
    // (investment request and plan comparison variants go here)

    // ----------------------------------------------------------- capital
    // (capital cost variants go here)

    // ------------------------------------------------------------ import
    // (import variants go here)
}

/// Short name for [`InvestError`], for `namnd_invest::Error` paths.
pub type Error = InvestError;

/// `Result` with [`InvestError`].
pub type Result<T, E = InvestError> = core::result::Result<T, E>;
