//! The one error type of `namnd-control`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-control`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_control::ControlError;
/// let err = ControlError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ControlError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // -------------------------------------------------------------- plan
    // (internal-control plan, calendar and diff variants go here)

    // ------------------------------------------------------------- audit
    // (audit follow-up variants go here)

    // ------------------------------------------------------------ import
    // (import variants go here)
}

/// Short name for [`ControlError`], for `namnd_control::Error` paths.
pub type Error = ControlError;

/// `Result` with [`ControlError`].
pub type Result<T, E = ControlError> = core::result::Result<T, E>;
