//! The one error type of `namnd-decisions`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-decisions`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_decisions::DecisionsError;
/// let err = DecisionsError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionsError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),
}

/// Short name for [`DecisionsError`], for `namnd_decisions::Error` paths.
pub type Error = DecisionsError;

/// `Result` with [`DecisionsError`].
pub type Result<T, E = DecisionsError> = core::result::Result<T, E>;
