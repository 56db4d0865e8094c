//! The one error type of `namnd-kpi`.

use namnd_core::CoreError;

/// Everything that can go wrong in `namnd-kpi`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column; indicator id), and never contain a personal identity number.
///
/// # Example
/// ```
/// use namnd_kpi::KpiError;
/// let err = KpiError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KpiError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ---------------------------------------------------------------- goal
    // (goal, indicator, target and assessment variants go here)

    // ---------------------------------------------------------- continuity
    // (visit log and continuity variants go here)

    // --------------------------------------------------------------- staff
    // (staff measure variants go here)

    // -------------------------------------------------------------- kolada
    // (Kolada import variants go here)
}

/// Short name for [`KpiError`], so callers can write `namnd_kpi::Error`.
pub use KpiError as Error;

/// `Result` with [`KpiError`] as the error type.
///
/// # Example
/// ```
/// fn zero() -> namnd_kpi::Result<u8> { Ok(0) }
/// assert_eq!(zero()?, 0);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub type Result<T, E = KpiError> = core::result::Result<T, E>;
