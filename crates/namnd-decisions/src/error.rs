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

    // ------------------------------------------------------------ decision
    // (decision model variants go here)
    /// The law column is neither `SoL` nor `LSS`.
    #[error("law {input:?} is not SoL or LSS")]
    UnknownLaw {
        /// The text read, quoted for a message.
        input: String,
    },

    /// An id is empty.
    #[error("{what} id is empty")]
    EmptyId {
        /// Which id: `decision` or `person`.
        what: &'static str,
    },

    /// An id looks like a personal identity number; the text is not echoed.
    #[error("{what} id looks like a personal identity number (not shown); use a pseudonym")]
    PersonnummerInId {
        /// Which id: `decision` or `person`.
        what: &'static str,
    },

    /// The service category belongs to the other act.
    #[error("decision {id}: service {insats:?} is not a service under {law:?}")]
    InsatsLawMismatch {
        /// The decision id.
        id: String,
        /// The service category given.
        insats: crate::decision::Insats,
        /// The act given.
        law: crate::decision::DecisionLaw,
    },

    /// A birth year after the decision or more than 130 years before it.
    #[error("decision {id}: birth year {birth_year} is not plausible for the decision date")]
    ImplausibleBirthYear {
        /// The decision id.
        id: String,
        /// The birth year given.
        birth_year: i32,
    },
    // -------------------------------------------------------------- import
    // (CSV import variants go here)

    // ------------------------------------------------------------- quarter
    // (quarterly reporting, IVO and statistics variants go here)
}

/// Short name for [`DecisionsError`], for `namnd_decisions::Error` paths.
pub type Error = DecisionsError;

/// `Result` with [`DecisionsError`].
pub type Result<T, E = DecisionsError> = core::result::Result<T, E>;
