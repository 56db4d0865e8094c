//! CSV import of decisions: one row is one decision.
//!
//! | Item | What it does |
//! |---|---|
//! | [`read_decisions`], [`read_decisions_file`] | read a decisions CSV, keep the good rows, report the bad ones |
//! | [`DecisionColumns`] | the header names (default: the names below), for files that name them differently |
//! | [`Imported`] | the decisions read and the [`ImportSummary`] |
//! | [`ImportSummary`] | rows read, accepted and rejected; the first [`DEFAULT_REPORT_LIMIT`] rejections in full; counts per reason |
//! | [`Rejection`] | one rejected row, or one event left out of an accepted row (a warning): file, line, column, reason and the error |
//! | [`MAX_RECORD_BYTES`] | the longest row read |
//!
//! ## The file
//! UTF-8, with or without a byte-order mark, comma-separated and quoted as
//! RFC 4180 does (read with the `csv` crate, streaming: memory grows with
//! the accepted decisions and at most [`DEFAULT_REPORT_LIMIT`] rejections,
//! not with the file). Header names are matched ignoring case and
//! surrounding blanks; columns may come in any order and unknown columns are
//! ignored.
//!
//! | Column (default name) | Content | Required |
//! |---|---|---|
//! | `id` | the decision's id; not a personnummer | column and value |
//! | `person` | a pseudonymous person reference; not a personnummer | column and value |
//! | `lag` | `SoL` or `LSS` | column and value |
//! | `insats` | the service: a Swedish name, a code or `LSS 9 § n` (see [`crate::decision::Insats`]); `kontaktperson` and `korttidsvistelse` are read under `lag` | column and value |
//! | `beslutsdatum` | decision date `YYYY-MM-DD` | column and value |
//! | `kon` | legal gender, `K` (kvinna) or `M` (man), any case | column and value |
//! | `fodelsear` | birth year, four digits | column and value |
//! | `erbjudandedatum` | offer made | column |
//! | `tackat_nej_datum` | offer declined | column |
//! | `verkstalldatum` | executed | column |
//! | `avbrottsdatum` | interrupted | column |
//! | `aterupptagetdatum` | resumed | column |
//! | `avslutsdatum`, `avslutsorsak` | closed for another reason, and why (both or neither) | column |
//! | `fodelsedatum` | birth date `YYYY-MM-DD` | no |
//! | `sarskild_avgift_datum`, `sarskild_avgift_belopp` | a court ruling on a särskild avgift and the amount in kronor, `50000`, `50000.00` or `50 000,00` (both or neither) | no |
//!
//! Dates are `YYYY-MM-DD` or empty. **One row holds at most one event of
//! each kind** (one offer, one decline, one interruption…); a decision with
//! a longer history needs a later version that reads a separate events
//! file. Events of the same day are added in the order of the table above.
//!
//! A missing required column is an error for the whole file. A row is
//! **rejected**, with file, line, column and reason, and the rest of the
//! file read, only for a problem with the decision itself: a malformed or
//! missing id, person, act, service, decision date, gender or birth year,
//! an unknown act or service, a service of the other act, a personnummer in
//! `id` or `person` (never echoed), an implausible birth year, a repeated
//! id, a wrong number of fields, text that is not UTF-8, or a row longer
//! than [`MAX_RECORD_BYTES`]. Every row whose id could be read claims the
//! id, even when the row is rejected for something else: the second and
//! later rows with that id are rejected, naming the first line.
//!
//! A problem with an **event** (a malformed date, half of a pair, a bad
//! amount, a history that breaks a rule of [`Decision::push_event`] such as
//! executed before the decision date or a decline without an offer) or with
//! the birth date does not lose the decision: the decision is kept without
//! that value, and a **warning** with file, line, column and reason is
//! counted in the summary ([`ImportSummary::warnings`]). Leaving an event
//! out can make a later event of the row break a rule (an interruption
//! without the execution left out); that is a warning too.
//!
//! ## Example
//! ```
//! use namnd_decisions::import::{read_decisions, DecisionColumns};
//!
//! let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
//!            B1,p-01,SoL,särskilt boende,2024-01-15,K,1938,2024-03-01,2024-03-05,,,,,\n\
//!            B2,p-02,LSS,LSS 9 § 9,2024-02-01,M,1990,,,2024-01-20,,,,\n";
//! let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
//! // B2's execution is before its decision date: B2 is kept, without it.
//! assert_eq!(imported.decisions.len(), 2);
//! assert_eq!(imported.decisions[1].executed_on(), None);
//! let summary = &imported.summary;
//! assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (2, 2, 0));
//! assert_eq!(
//!     summary.warnings()[0].to_string(),
//!     "evb.csv line 3, column verkstalldatum: decision B2: executed on 2024-01-20: \
//!      this is before the decision date 2024-02-01",
//! );
//! assert_eq!(summary.warnings_by_reason().collect::<Vec<_>>(), [("EventBeforeDecision", 1)]);
//! # Ok::<(), namnd_decisions::DecisionsError>(())
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::{Decimal, LegalGender, NumberUnit, SwedishNumber};

use crate::decision::{Decision, DecisionId, DecisionLaw, Event, EventKind, Insats, PersonRef};
use crate::error::{DecisionsError, Result};

/// How many rejections (and, apart, warnings) an [`ImportSummary`] keeps in
/// full; beyond that they are only counted, by reason.
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns, DEFAULT_REPORT_LIMIT};
/// let mut csv = String::from("id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n");
/// for i in 0..DEFAULT_REPORT_LIMIT + 5 {
///     csv.push_str(&format!("B{i},p-{i},HSL,hemtjänst,2024-01-10,K,1938,,,,,,,\n"));
/// }
/// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
/// assert_eq!(summary.rejected().len(), DEFAULT_REPORT_LIMIT);
/// assert_eq!(summary.rejected_count(), 1_005);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
pub const DEFAULT_REPORT_LIMIT: usize = 1_000;

/// The longest text echoed from a value in a message.
const ECHO_CHARS: usize = 40;

// ------------------------------------------------------------ DecisionColumns

/// The header names of a decisions CSV. [`Default`] gives the names in the
/// [module docs](self); change a field to read a file that names a column
/// differently. Matching ignores case and surrounding blanks.
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns};
///
/// let mut columns = DecisionColumns::default();
/// columns.id = "Beslut-ID".to_owned();
/// assert_eq!(columns.law, "lag");
/// let csv = "Beslut-ID,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
///            B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,\n";
/// assert_eq!(read_decisions(csv.as_bytes(), "evb.csv", &columns)?.decisions.len(), 1);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DecisionColumns {
    /// The decision id (default `id`).
    pub id: String,
    /// The pseudonymous person reference (default `person`).
    pub person: String,
    /// The act, SoL or LSS (default `lag`).
    pub law: String,
    /// The service, *insats* (default `insats`).
    pub insats: String,
    /// The decision date (default `beslutsdatum`).
    pub decision_date: String,
    /// The legal gender, K or M (default `kon`).
    pub gender: String,
    /// The birth year (default `fodelsear`).
    pub birth_year: String,
    /// The date an offer was made (default `erbjudandedatum`).
    pub offer_made: String,
    /// The date an offer was declined (default `tackat_nej_datum`).
    pub offer_declined: String,
    /// The date executed (default `verkstalldatum`).
    pub executed: String,
    /// The date interrupted (default `avbrottsdatum`).
    pub interrupted: String,
    /// The date resumed (default `aterupptagetdatum`).
    pub resumed: String,
    /// The date closed for another reason (default `avslutsdatum`).
    pub closed: String,
    /// The reason for closing (default `avslutsorsak`).
    pub closed_reason: String,
    /// The birth date, optional column (default `fodelsedatum`).
    pub birth_date: String,
    /// The date of a court ruling on a särskild avgift, optional column
    /// (default `sarskild_avgift_datum`).
    pub special_fee_date: String,
    /// The amount of that fee in kronor, optional column (default
    /// `sarskild_avgift_belopp`).
    pub special_fee_amount: String,
}

impl Default for DecisionColumns {
    fn default() -> Self {
        DecisionColumns {
            id: "id".to_owned(),
            person: "person".to_owned(),
            law: "lag".to_owned(),
            insats: "insats".to_owned(),
            decision_date: "beslutsdatum".to_owned(),
            gender: "kon".to_owned(),
            birth_year: "fodelsear".to_owned(),
            offer_made: "erbjudandedatum".to_owned(),
            offer_declined: "tackat_nej_datum".to_owned(),
            executed: "verkstalldatum".to_owned(),
            interrupted: "avbrottsdatum".to_owned(),
            resumed: "aterupptagetdatum".to_owned(),
            closed: "avslutsdatum".to_owned(),
            closed_reason: "avslutsorsak".to_owned(),
            birth_date: "fodelsedatum".to_owned(),
            special_fee_date: "sarskild_avgift_datum".to_owned(),
            special_fee_amount: "sarskild_avgift_belopp".to_owned(),
        }
    }
}

// ----------------------------------------------------------------- Rejection

/// One rejected row: where it is, which column (when one is to blame), why,
/// and the error.
///
/// Displayed as `FILE line N, column C: MESSAGE` (or without the column).
/// The message is the [`error`](Self::error)'s; it never contains a
/// personnummer.
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns};
///
/// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
///            B1,p-01,SoL,hemtjänst,2024-02-30,K,1938,,,,,,,\n";
/// let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
/// let rejection = &imported.summary.rejected()[0];
/// assert_eq!((rejection.file(), rejection.line(), rejection.column()), ("evb.csv", 2, Some("beslutsdatum")));
/// assert_eq!(rejection.reason(), "InvalidDate");
/// assert_eq!(
///     rejection.to_string(),
///     r#"evb.csv line 2, column beslutsdatum: "2024-02-30" is not a date; expected YYYY-MM-DD"#,
/// );
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    file: Arc<str>,
    line: u64,
    column: Option<String>,
    error: DecisionsError,
}

impl Rejection {
    /// The file's name, as given to [`read_decisions`] (a personnummer in it
    /// redacted).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// let rejection = summary.rejected().first().ok_or("rejection")?;
    /// assert_eq!(rejection.file(), "evb.csv");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The line the row starts on, from 1 (the header is line 1).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// let rejection = summary.rejected().first().ok_or("rejection")?;
    /// assert_eq!(rejection.line(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The header name of the column to blame, if one is.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// let rejection = summary.rejected().first().ok_or("rejection")?;
    /// assert_eq!(rejection.column(), Some("lag"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }

    /// The error, without the location.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::DecisionsError;
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    ///
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,X,1938,,,,,,,\n";
    /// let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
    /// assert!(matches!(imported.summary.rejected()[0].error(), DecisionsError::InvalidGender { .. }));
    /// # Ok::<(), DecisionsError>(())
    /// ```
    pub fn error(&self) -> &DecisionsError {
        &self.error
    }

    /// A short stable name of the reason, the key of
    /// [`ImportSummary::rejected_by_reason`]: the error's variant name
    /// (`InvalidDate`, `UnknownLaw`, `UnknownInsats`, `AmbiguousInsats`,
    /// `InsatsLawMismatch`, `PersonnummerInId`, `EmptyId`, `InvalidId`, `EmptyValue`,
    /// `InvalidGender`, `InvalidBirthYear`, `ImplausibleBirthYear`,
    /// `BirthDateMismatch`, `InvalidAmount`, `IncompletePair`,
    /// `DuplicateId`, `FieldCount`, `InvalidUtf8`), or for a broken
    /// history the [`HistoryProblem::reason`](crate::decision::HistoryProblem::reason)
    /// (`EventBeforeDecision`, `ExecutedTwice`, …).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// let rejection = summary.rejected().first().ok_or("rejection")?;
    /// assert_eq!(rejection.reason(), "UnknownLaw");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reason(&self) -> &'static str {
        reason_of(&self.error)
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// The Display text includes the error's; [`source`](std::error::Error::source)
/// is `None` so that error chains do not print it twice.
impl std::error::Error for Rejection {}

fn reason_of(error: &DecisionsError) -> &'static str {
    match error {
        DecisionsError::InvalidHistory { problem, .. } => problem.reason(),
        DecisionsError::UnknownLaw { .. } => "UnknownLaw",
        DecisionsError::UnknownInsats { .. } => "UnknownInsats",
        DecisionsError::AmbiguousInsats { .. } => "AmbiguousInsats",
        DecisionsError::InsatsLawMismatch { .. } => "InsatsLawMismatch",
        DecisionsError::PersonnummerInId { .. } => "PersonnummerInId",
        DecisionsError::EmptyId { .. } => "EmptyId",
        DecisionsError::InvalidId { .. } => "InvalidId",
        DecisionsError::ImplausibleBirthYear { .. } => "ImplausibleBirthYear",
        DecisionsError::BirthDateMismatch { .. } => "BirthDateMismatch",
        DecisionsError::FieldCount { .. } => "FieldCount",
        DecisionsError::InvalidUtf8 => "InvalidUtf8",
        DecisionsError::EmptyValue => "EmptyValue",
        DecisionsError::InvalidDate { .. } => "InvalidDate",
        DecisionsError::InvalidGender { .. } => "InvalidGender",
        DecisionsError::InvalidBirthYear { .. } => "InvalidBirthYear",
        DecisionsError::InvalidAmount { .. } => "InvalidAmount",
        DecisionsError::IncompletePair { .. } => "IncompletePair",
        DecisionsError::DuplicateId { .. } => "DuplicateId",
        DecisionsError::RecordTooLong { .. } => "RecordTooLong",
        _ => "Other",
    }
}

// ------------------------------------------------------------- ImportSummary

/// What an import read, kept and rejected.
///
/// Invariant: `accepted() + rejected_count() == rows_read()`. Empty lines
/// are not rows; the header is not a row. The first
/// [`DEFAULT_REPORT_LIMIT`] rejections are kept in full, all are counted by
/// reason.
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns};
///
/// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
///            B1,p-02,SoL,hemtjänst,2024-01-11,M,1940,,,,,,,\n\
///            B3,p-03,GDPR,hemtjänst,2024-01-12,M,1940,,,,,,,\n";
/// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
/// assert_eq!(summary.file(), "evb.csv");
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (3, 1, 2));
/// assert_eq!(summary.rejected()[0].to_string(), r#"evb.csv line 3, column id: decision id "B1" already appeared on line 2"#);
/// assert_eq!(summary.rejected_by_reason().collect::<Vec<_>>(), [("DuplicateId", 1), ("UnknownLaw", 1)]);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    file: Arc<str>,
    rows_read: u64,
    accepted: u64,
    rejected: Vec<Rejection>,
    rejected_count: u64,
    by_reason: BTreeMap<&'static str, u64>,
    warnings: Vec<Rejection>,
    warning_count: u64,
    warnings_by_reason: BTreeMap<&'static str, u64>,
    limit: usize,
}

impl ImportSummary {
    fn new(file: Arc<str>, limit: usize) -> Self {
        ImportSummary {
            file,
            rows_read: 0,
            accepted: 0,
            rejected: Vec::new(),
            rejected_count: 0,
            by_reason: BTreeMap::new(),
            warnings: Vec::new(),
            warning_count: 0,
            warnings_by_reason: BTreeMap::new(),
            limit,
        }
    }

    fn warn(&mut self, warning: Rejection) {
        self.warning_count = self.warning_count.saturating_add(1);
        let slot = self.warnings_by_reason.entry(warning.reason()).or_insert(0);
        *slot = slot.saturating_add(1);
        if self.warnings.len() < self.limit {
            self.warnings.push(warning);
        }
    }

    fn accept(&mut self) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.accepted = self.accepted.saturating_add(1);
    }

    fn reject(&mut self, rejection: Rejection) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.rejected_count = self.rejected_count.saturating_add(1);
        let slot = self.by_reason.entry(rejection.reason()).or_insert(0);
        *slot = slot.saturating_add(1);
        if self.rejected.len() < self.limit {
            self.rejected.push(rejection);
        }
    }

    /// The file's name as given (a personnummer in it redacted).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.file(), "evb.csv");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The number of data rows read.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.rows_read(), 2);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The number of rows accepted (decisions read).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.accepted(), 1);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The first rejected rows (up to [`DEFAULT_REPORT_LIMIT`]), in file
    /// order. A row with several problems is reported once, for the first
    /// found, in the order of the columns in the [module docs](self).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.rejected().len(), 1);
    /// assert_eq!(summary.rejected()[0].line(), 3);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn rejected(&self) -> &[Rejection] {
        &self.rejected
    }

    /// The number of rejected rows, kept in full or not.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.rejected_count(), 1);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn rejected_count(&self) -> u64 {
        self.rejected_count
    }

    /// The number of rejected rows per reason ([`Rejection::reason`]), in
    /// byte order of the reason; the counts sum to
    /// [`rejected_count`](Self::rejected_count).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.rejected_by_reason().collect::<Vec<_>>(), [("UnknownLaw", 1)]);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn rejected_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.by_reason
            .iter()
            .map(|(&reason, &count)| (reason, count))
    }

    /// The first events (and birth dates) left out of accepted rows (up to
    /// [`DEFAULT_REPORT_LIMIT`]), in file order: the decision was kept
    /// without the value, and the warning says file, line, column and why.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,2024-13-01,,,,\n";
    /// let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
    /// assert_eq!(imported.decisions.len(), 1);
    /// let summary = &imported.summary;
    /// assert_eq!((summary.accepted(), summary.warning_count()), (1, 1));
    /// assert_eq!(summary.warnings()[0].column(), Some("verkstalldatum"));
    /// assert_eq!(summary.warnings_by_reason().collect::<Vec<_>>(), [("InvalidDate", 1)]);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn warnings(&self) -> &[Rejection] {
        &self.warnings
    }

    /// The number of events (and birth dates) left out of accepted rows.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.warning_count(), 0);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn warning_count(&self) -> u64 {
        self.warning_count
    }

    /// The number of warnings per reason ([`Rejection::reason`]), in byte
    /// order of the reason; the counts sum to
    /// [`warning_count`](Self::warning_count).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::import::{read_decisions, DecisionColumns};
    /// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
    ///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n\
    ///            B2,p-02,HSL,hemtjänst,2024-01-11,M,1940,,,,,,,\n";
    /// let summary = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?.summary;
    /// assert_eq!(summary.warnings_by_reason().count(), 0);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn warnings_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.warnings_by_reason
            .iter()
            .map(|(&reason, &count)| (reason, count))
    }
}

// ------------------------------------------------------------------ Imported

/// The decisions an import accepted, in file order, and its summary.
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns, Imported};
/// let csv = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
///            B1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n";
/// let Imported { decisions, summary, .. } = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
/// assert_eq!((decisions.len(), summary.accepted()), (1, 1));
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Imported {
    /// The decisions read.
    pub decisions: Vec<Decision>,
    /// What was read, accepted and rejected.
    pub summary: ImportSummary,
}

// ---------------------------------------------------------------- the reader

/// The position of each column in the header, and its name as written
/// there (for messages).
#[derive(Debug, Clone)]
struct Col {
    index: usize,
    name: String,
}

#[derive(Debug, Clone)]
struct Layout {
    id: Col,
    person: Col,
    law: Col,
    insats: Col,
    decision_date: Col,
    gender: Col,
    birth_year: Col,
    offer_made: Col,
    offer_declined: Col,
    executed: Col,
    interrupted: Col,
    resumed: Col,
    closed: Col,
    closed_reason: Col,
    birth_date: Option<Col>,
    special_fee_date: Option<Col>,
    special_fee_amount: Option<Col>,
    /// The special-fee date column's name, as in the header or as looked for.
    fee_date_name: String,
    /// The special-fee amount column's name, as in the header or as looked for.
    fee_amount_name: String,
    fields: usize,
}

/// Finds `wanted` in the header, ignoring case and blanks.
fn find_column(file: &str, header: &[String], wanted: &str) -> Result<Option<Col>> {
    let wanted_lower = wanted.trim().to_lowercase();
    let mut hits = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.trim().to_lowercase() == wanted_lower)
        .map(|(i, _)| i);
    let Some(first) = hits.next() else {
        return Ok(None);
    };
    if let Some(second) = hits.next() {
        return Err(DecisionsError::DuplicateColumn {
            file: file.to_owned(),
            column: namnd_core::quote_for_message(wanted, ECHO_CHARS),
            first: first.saturating_add(1),
            second: second.saturating_add(1),
        });
    }
    let name = header.get(first).map_or("", |h| h.trim());
    Ok(Some(Col {
        index: first,
        name: namnd_core::quote_for_message(name, ECHO_CHARS),
    }))
}

fn required_column(file: &str, header: &[String], wanted: &str) -> Result<Col> {
    find_column(file, header, wanted)?.ok_or_else(|| DecisionsError::MissingColumn {
        file: file.to_owned(),
        column: namnd_core::quote_for_message(wanted, ECHO_CHARS),
    })
}

impl Layout {
    fn resolve(file: &str, header: &[String], c: &DecisionColumns) -> Result<Layout> {
        let req = |name: &str| required_column(file, header, name);
        let opt = |name: &str| find_column(file, header, name);
        let special_fee_date = opt(&c.special_fee_date)?;
        let special_fee_amount = opt(&c.special_fee_amount)?;
        let name_of = |col: &Option<Col>, wanted: &str| {
            col.as_ref().map_or_else(
                || namnd_core::quote_for_message(wanted, ECHO_CHARS),
                |c| c.name.clone(),
            )
        };
        let fee_date_name = name_of(&special_fee_date, &c.special_fee_date);
        let fee_amount_name = name_of(&special_fee_amount, &c.special_fee_amount);
        Ok(Layout {
            id: req(&c.id)?,
            person: req(&c.person)?,
            law: req(&c.law)?,
            insats: req(&c.insats)?,
            decision_date: req(&c.decision_date)?,
            gender: req(&c.gender)?,
            birth_year: req(&c.birth_year)?,
            offer_made: req(&c.offer_made)?,
            offer_declined: req(&c.offer_declined)?,
            executed: req(&c.executed)?,
            interrupted: req(&c.interrupted)?,
            resumed: req(&c.resumed)?,
            closed: req(&c.closed)?,
            closed_reason: req(&c.closed_reason)?,
            birth_date: opt(&c.birth_date)?,
            special_fee_date,
            special_fee_amount,
            fee_date_name,
            fee_amount_name,
            fields: header.len(),
        })
    }

    /// The column an event comes from.
    fn event_column(&self, kind: EventKind) -> Option<&Col> {
        match kind {
            EventKind::OfferMade => Some(&self.offer_made),
            EventKind::OfferDeclined => Some(&self.offer_declined),
            EventKind::Executed => Some(&self.executed),
            EventKind::Interrupted => Some(&self.interrupted),
            EventKind::Resumed => Some(&self.resumed),
            EventKind::Closed => Some(&self.closed),
            EventKind::SpecialFeeRuling => self.special_fee_date.as_ref(),
        }
    }
}

/// A row's problem: the column to blame, if any, and the error.
type RowError = (Option<String>, DecisionsError);

fn at(col: &Col) -> impl FnOnce(DecisionsError) -> RowError + '_ {
    move |error| (Some(col.name.clone()), error)
}

/// Reads a decisions CSV (see the [module docs](self) for the columns and
/// the checks). `file` names the file in messages.
///
/// # Errors
/// For the whole file only: [`DecisionsError::MissingColumn`] (also for an
/// empty file), [`DecisionsError::DuplicateColumn`], and
/// [`DecisionsError::Read`] when the reader fails. Bad rows are not errors:
/// they are in the [`ImportSummary`].
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns};
///
/// let csv = "\u{feff}id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\r\n\
///            B1,p-01,LSS,daglig verksamhet,2024-01-10,M,1999,,,2024-04-10,,,,\r\n";
/// let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
/// assert_eq!(imported.decisions[0].id().as_str(), "B1");
/// assert_eq!(imported.decisions[0].executed_on(), chrono::NaiveDate::from_ymd_opt(2024, 4, 10));
///
/// let err = read_decisions(&b"id,person\n"[..], "evb.csv", &DecisionColumns::default()).unwrap_err();
/// assert_eq!(err.to_string(), r#"column "lag" is missing from the header of evb.csv"#);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
pub fn read_decisions(
    reader: impl Read,
    file: &str,
    columns: &DecisionColumns,
) -> Result<Imported> {
    let file: Arc<str> = Arc::from(namnd_core::quote_for_message(file, 200));
    let cut: Rc<RefCell<BTreeSet<u64>>> = Rc::default();
    let capped = Capped {
        inner: reader,
        out: Vec::new(),
        pos: 0,
        line: 1,
        first: 1,
        bytes: 0,
        quoting: Quoting::StartField,
        skipping: false,
        cut: Rc::clone(&cut),
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(capped);
    let mut record = csv::ByteRecord::new();
    let read_error = |line: u64, error: &csv::Error| DecisionsError::Read {
        file: file.to_string(),
        line,
        kind: match error.kind() {
            csv::ErrorKind::Io(io) => io.kind(),
            _ => std::io::ErrorKind::InvalidData,
        },
    };
    let has_header = csv
        .read_byte_record(&mut record)
        .map_err(|e| read_error(0, &e))?;
    let header: Vec<String> = if has_header {
        record
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let text = String::from_utf8_lossy(field);
                let text = if i == 0 {
                    text.trim_start_matches('\u{feff}').to_owned()
                } else {
                    text.into_owned()
                };
                text.trim().to_owned()
            })
            .collect()
    } else {
        Vec::new()
    };
    if cut.borrow().contains(&1) {
        return Err(DecisionsError::HeaderTooLong {
            file: file.to_string(),
            limit: MAX_RECORD_BYTES,
        });
    }
    let layout = Layout::resolve(&file, &header, columns)?;
    let mut summary = ImportSummary::new(Arc::clone(&file), DEFAULT_REPORT_LIMIT);
    let mut decisions = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut last_line = 1_u64;
    loop {
        let more = csv
            .read_byte_record(&mut record)
            .map_err(|e| read_error(last_line, &e))?;
        if !more {
            break;
        }
        let line = record
            .position()
            .map_or(last_line.saturating_add(1), csv::Position::line);
        last_line = line;
        if cut.borrow().contains(&line) {
            summary.reject(Rejection {
                file: Arc::clone(&file),
                line,
                column: None,
                error: DecisionsError::RecordTooLong {
                    limit: MAX_RECORD_BYTES,
                },
            });
            continue;
        }
        match read_row(&record, &layout, &mut seen, line) {
            Ok((decision, warnings)) => {
                summary.accept();
                decisions.push(decision);
                for (column, error) in warnings {
                    summary.warn(Rejection {
                        file: Arc::clone(&file),
                        line,
                        column,
                        error,
                    });
                }
            }
            Err((column, error)) => summary.reject(Rejection {
                file: Arc::clone(&file),
                line,
                column,
                error,
            }),
        }
    }
    Ok(Imported { decisions, summary })
}

/// [`read_decisions`] from a file on disk; the path names the file in
/// messages.
///
/// # Errors
/// [`DecisionsError::Open`] if the file cannot be opened, otherwise as
/// [`read_decisions`].
///
/// # Example
/// ```
/// use namnd_decisions::DecisionsError;
/// use namnd_decisions::import::{read_decisions_file, DecisionColumns};
/// let err = read_decisions_file("no/such/evb.csv", &DecisionColumns::default()).unwrap_err();
/// assert!(matches!(err, DecisionsError::Open { kind: std::io::ErrorKind::NotFound, .. }));
/// ```
pub fn read_decisions_file(path: impl AsRef<Path>, columns: &DecisionColumns) -> Result<Imported> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let handle = std::fs::File::open(path).map_err(|e| DecisionsError::Open {
        file: namnd_core::quote_for_message(&name, 200),
        kind: e.kind(),
    })?;
    read_decisions(handle, &name, columns)
}

/// Reads one row into a decision and the problems of its events (each
/// event with a problem is left out), or says what is wrong with the
/// decision itself.
fn read_row(
    record: &csv::ByteRecord,
    layout: &Layout,
    seen: &mut HashMap<String, u64>,
    line: u64,
) -> core::result::Result<(Decision, Vec<RowError>), RowError> {
    if record.len() != layout.fields {
        return Err((
            None,
            DecisionsError::FieldCount {
                expected: layout.fields,
                found: record.len(),
            },
        ));
    }
    let mut fields: Vec<&str> = Vec::with_capacity(record.len());
    for field in record {
        let text = std::str::from_utf8(field).map_err(|_| (None, DecisionsError::InvalidUtf8))?;
        fields.push(text.trim());
    }
    let value = |col: &Col| fields.get(col.index).copied().unwrap_or("");

    // The decision itself: a problem here rejects the row.
    let id = DecisionId::new(value(&layout.id)).map_err(at(&layout.id))?;
    if let Some(&first_line) = seen.get(id.as_str()) {
        return Err((
            Some(layout.id.name.clone()),
            DecisionsError::DuplicateId {
                id: namnd_core::quote_for_message(id.as_str(), ECHO_CHARS),
                first_line,
            },
        ));
    }
    seen.insert(id.as_str().to_owned(), line);

    let person = PersonRef::new(value(&layout.person)).map_err(at(&layout.person))?;
    let law: DecisionLaw = required(value(&layout.law))
        .and_then(str::parse)
        .map_err(at(&layout.law))?;
    let insats = required(value(&layout.insats))
        .and_then(|text| Insats::parse_under(law, text))
        .map_err(at(&layout.insats))?;
    let decision_date = required(value(&layout.decision_date))
        .and_then(parse_date)
        .map_err(at(&layout.decision_date))?;
    let gender = required(value(&layout.gender))
        .and_then(parse_gender)
        .map_err(at(&layout.gender))?;
    let birth_year = required(value(&layout.birth_year))
        .and_then(parse_birth_year)
        .map_err(at(&layout.birth_year))?;
    let mut decision = Decision::new(id, person, law, insats, decision_date, gender, birth_year)
        .map_err(|error| {
            let col = match error {
                DecisionsError::ImplausibleBirthYear { .. } => &layout.birth_year,
                _ => &layout.insats,
            };
            (Some(col.name.clone()), error)
        })?;

    // Everything else: a problem leaves the value out, with a warning.
    let mut warnings: Vec<RowError> = Vec::new();
    let optional_date = |col: &Col, warnings: &mut Vec<RowError>| -> Option<NaiveDate> {
        let text = value(col);
        if text.is_empty() {
            return None;
        }
        match parse_date(text) {
            Ok(date) => Some(date),
            Err(error) => {
                warnings.push(at(col)(error));
                None
            }
        }
    };
    if let Some(col) = &layout.birth_date
        && let Some(birth_date) = optional_date(col, &mut warnings)
    {
        match decision.clone().with_birth_date(birth_date) {
            Ok(with) => decision = with,
            Err(error) => warnings.push((Some(col.name.clone()), error)),
        }
    }
    let offer_made = optional_date(&layout.offer_made, &mut warnings);
    let offer_declined = optional_date(&layout.offer_declined, &mut warnings);
    let executed = optional_date(&layout.executed, &mut warnings);
    let interrupted = optional_date(&layout.interrupted, &mut warnings);
    let resumed = optional_date(&layout.resumed, &mut warnings);
    let closed_text = value(&layout.closed);
    let closed = optional_date(&layout.closed, &mut warnings);
    let closed_reason = value(&layout.closed_reason);
    let closed = match (closed, closed_reason.is_empty()) {
        (Some(date), false) => Some((date, closed_reason.to_owned())),
        (None, true) => None,
        (Some(_), true) => {
            warnings.push(pair_error(&layout.closed, &layout.closed_reason));
            None
        }
        (None, false) => {
            // A bad date is warned about already.
            if closed_text.is_empty() {
                warnings.push(pair_error(&layout.closed_reason, &layout.closed));
            }
            None
        }
    };
    let fee_date_text = layout.special_fee_date.as_ref().map_or("", |c| value(c));
    let fee_date = match &layout.special_fee_date {
        Some(col) => optional_date(col, &mut warnings),
        None => None,
    };
    let fee_amount_text = layout.special_fee_amount.as_ref().map_or("", |c| value(c));
    let fee_amount = match &layout.special_fee_amount {
        Some(col) if !value(col).is_empty() => match parse_amount(value(col)) {
            Ok(amount) => Some(amount),
            Err(error) => {
                warnings.push(at(col)(error));
                None
            }
        },
        _ => None,
    };
    let fee = match (fee_date, fee_amount) {
        (Some(date), Some(amount)) => Some((date, amount)),
        (None, None) => None,
        (Some(_), None) => {
            if fee_amount_text.is_empty() {
                warnings.push((
                    Some(layout.fee_date_name.clone()),
                    DecisionsError::IncompletePair {
                        other: layout.fee_amount_name.clone(),
                    },
                ));
            }
            None
        }
        (None, Some(_)) => {
            if fee_date_text.is_empty() {
                warnings.push((
                    Some(layout.fee_amount_name.clone()),
                    DecisionsError::IncompletePair {
                        other: layout.fee_date_name.clone(),
                    },
                ));
            }
            None
        }
    };

    let events = [
        offer_made.map(Event::OfferMade),
        offer_declined.map(Event::OfferDeclined),
        executed.map(Event::Executed),
        interrupted.map(Event::Interrupted),
        resumed.map(Event::Resumed),
        closed.map(|(date, reason)| Event::Closed { date, reason }),
        fee.map(|(date, amount)| Event::SpecialFeeRuling { date, amount }),
    ];
    for event in events.into_iter().flatten() {
        if let Err(error) = decision.push_event(event) {
            let col = match &error {
                DecisionsError::InvalidHistory { event, .. } => layout.event_column(*event),
                _ => None,
            };
            warnings.push((col.map(|c| c.name.clone()), error));
        }
    }
    Ok((decision, warnings))
}

/// The longest record (row) read, in bytes: 1 MiB. A longer row is rejected
/// ([`DecisionsError::RecordTooLong`]) without being held in memory, and
/// reading goes on at the next line; a longer header rejects the file
/// ([`DecisionsError::HeaderTooLong`]).
///
/// # Example
/// ```
/// use namnd_decisions::import::{read_decisions, DecisionColumns, MAX_RECORD_BYTES};
/// let header = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak";
/// let long = "x".repeat(MAX_RECORD_BYTES);
/// let csv = format!("{header}\nB1,p-01,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,{long}\nB2,p-02,SoL,hemtjänst,2024-01-10,K,1938,,,,,,,\n");
/// let imported = read_decisions(csv.as_bytes(), "evb.csv", &DecisionColumns::default())?;
/// assert_eq!(imported.decisions.len(), 1);
/// assert_eq!(imported.summary.rejected_by_reason().collect::<Vec<_>>(), [("RecordTooLong", 1)]);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Where the [`Capped`] reader is in the RFC 4180 quoting of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
}

/// A reader in front of `csv` that caps each record at
/// [`MAX_RECORD_BYTES`]: the rest of a longer record's current line is
/// dropped (after a `"` closing an open quote), so that `csv` ends the record
/// there, and the record's first line is noted in `cut`.
struct Capped<R> {
    inner: R,
    out: Vec<u8>,
    pos: usize,
    /// The physical line of the next byte (1-based), counted as `csv` does.
    line: u64,
    /// The first line of the current record.
    first: u64,
    bytes: usize,
    quoting: Quoting,
    skipping: bool,
    cut: Rc<RefCell<BTreeSet<u64>>>,
}

impl<R> Capped<R> {
    fn end_record(&mut self) {
        self.bytes = 0;
        self.quoting = Quoting::StartField;
    }

    fn feed(&mut self, byte: u8) {
        let ends_line = byte == b'\n' || byte == b'\r';
        if self.skipping {
            if ends_line {
                self.skipping = false;
                self.out.push(byte);
                self.end_record();
            }
        } else {
            if self.bytes == 0 {
                self.first = self.line;
            }
            self.bytes = self.bytes.saturating_add(1);
            if self.bytes > MAX_RECORD_BYTES {
                self.cut.borrow_mut().insert(self.first);
                if self.quoting == Quoting::InQuoted {
                    self.out.push(b'"');
                }
                if ends_line {
                    self.out.push(byte);
                    self.end_record();
                } else {
                    self.skipping = true;
                }
            } else {
                self.out.push(byte);
                self.quoting = match (self.quoting, byte) {
                    (Quoting::StartField, b'"') => Quoting::InQuoted,
                    (Quoting::InQuoted, b'"') => Quoting::QuoteInQuoted,
                    (Quoting::InQuoted, _) => Quoting::InQuoted,
                    (Quoting::QuoteInQuoted, b'"') => Quoting::InQuoted,
                    (_, b',') => Quoting::StartField,
                    (_, b'\n' | b'\r') => {
                        self.bytes = 0;
                        Quoting::StartField
                    }
                    _ => Quoting::InField,
                };
            }
        }
        if byte == b'\n' {
            self.line = self.line.saturating_add(1);
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if let Some(pending) = self.out.get(self.pos..).filter(|p| !p.is_empty()) {
                let n = pending.len().min(buf.len());
                if let (Some(to), Some(from)) = (buf.get_mut(..n), pending.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.pos = self.pos.saturating_add(n);
                return Ok(n);
            }
            self.out.clear();
            self.pos = 0;
            let mut chunk = [0_u8; 8192];
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                return Ok(0);
            }
            for &byte in chunk.get(..n).unwrap_or_default() {
                self.feed(byte);
            }
        }
    }
}

fn pair_error(given: &Col, missing: &Col) -> RowError {
    (
        Some(given.name.clone()),
        DecisionsError::IncompletePair {
            other: missing.name.clone(),
        },
    )
}

fn required(text: &str) -> Result<&str> {
    if text.is_empty() {
        Err(DecisionsError::EmptyValue)
    } else {
        Ok(text)
    }
}

/// Reads `YYYY-MM-DD`, exactly.
fn parse_date(text: &str) -> Result<NaiveDate> {
    let invalid = || DecisionsError::InvalidDate {
        value: namnd_core::quote_for_message(text, ECHO_CHARS),
    };
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(invalid());
    }
    let number =
        |range: core::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(invalid());
    };
    let year = i32::try_from(year).map_err(|_| invalid())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)
}

/// Reads `K` (female) or `M` (male), any case.
fn parse_gender(text: &str) -> Result<LegalGender> {
    match text {
        "K" | "k" => Ok(LegalGender::Female),
        "M" | "m" => Ok(LegalGender::Male),
        _ => Err(DecisionsError::InvalidGender {
            value: namnd_core::quote_for_message(text, ECHO_CHARS),
        }),
    }
}

/// Reads a four-digit year.
fn parse_birth_year(text: &str) -> Result<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().map_err(|_| DecisionsError::InvalidBirthYear {
            value: namnd_core::quote_for_message(text, ECHO_CHARS),
        })
    } else {
        Err(DecisionsError::InvalidBirthYear {
            value: namnd_core::quote_for_message(text, ECHO_CHARS),
        })
    }
}

/// Reads an amount in kronor: a plain decimal (`-1234.50`) or a Swedish one
/// (`1 234,50`, `50 000 kr`), through [`SwedishNumber`].
fn parse_amount(text: &str) -> Result<Decimal> {
    let invalid = || DecisionsError::InvalidAmount {
        value: namnd_core::quote_for_message(text, ECHO_CHARS),
    };
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if plain {
        return Decimal::from_str_exact(text).map_err(|_| invalid());
    }
    let number = SwedishNumber::parse(text).map_err(|_| invalid())?;
    if number.is_parenthesised() || !matches!(number.unit(), NumberUnit::None | NumberUnit::Kr) {
        return Err(invalid());
    }
    Ok(number.value())
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn import(rows: &[&str]) -> Imported {
        import_with_header(HEADER, rows)
    }

    fn import_with_header(header: &str, rows: &[&str]) -> Imported {
        let mut text = String::from(header);
        text.push('\n');
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        read_decisions(text.as_bytes(), "evb.csv", &DecisionColumns::default()).unwrap()
    }

    /// The single rejection of a one-row import.
    fn rejection(row: &str) -> Rejection {
        let imported = import(&[row]);
        assert_eq!(imported.summary.rejected_count(), 1, "{row}");
        assert!(imported.decisions.is_empty());
        imported.summary.rejected()[0].clone()
    }

    /// The first warning of a one-row import, whose decision is kept.
    fn warning(row: &str) -> Rejection {
        let imported = import(&[row]);
        assert_eq!(imported.summary.rejected_count(), 0, "{row}");
        assert_eq!(imported.decisions.len(), 1);
        assert!(imported.summary.warning_count() >= 1, "{row}");
        imported.summary.warnings()[0].clone()
    }

    fn invariant(summary: &ImportSummary) {
        assert_eq!(
            summary.accepted() + summary.rejected_count(),
            summary.rows_read()
        );
        assert_eq!(
            summary.rejected_by_reason().map(|(_, n)| n).sum::<u64>(),
            summary.rejected_count()
        );
    }

    #[test]
    fn a_full_row_becomes_a_decision_with_its_events() {
        let imported = import(&[
            "B1,p-01,SoL,Särskilt boende,2024-01-15,K,1938,2024-03-01,2024-03-05,2024-05-02,2024-06-01,2024-06-20,2024-12-01,avliden",
        ]);
        assert_eq!(imported.summary.accepted(), 1);
        let decision = &imported.decisions[0];
        assert_eq!(decision.insats(), Insats::SarskiltBoende);
        assert_eq!(decision.gender(), LegalGender::Female);
        assert_eq!(decision.birth_year(), 1938);
        assert_eq!(decision.offer_made(), Some(d(2024, 3, 1)));
        assert_eq!(decision.offers_declined(), [d(2024, 3, 5)]);
        assert_eq!(decision.executed_on(), Some(d(2024, 5, 2)));
        assert_eq!(decision.interruptions().len(), 1);
        assert_eq!(decision.interruptions()[0].resumed, Some(d(2024, 6, 20)));
        assert_eq!(decision.closed_on(), Some((d(2024, 12, 1), "avliden")));
    }

    #[test]
    fn executed_before_decision_date_drops_only_the_event_with_a_warning() {
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,2024-01-10,,,,");
        assert_eq!(r.column(), Some("verkstalldatum"));
        assert_eq!(r.reason(), "EventBeforeDecision");
        assert_eq!(r.line(), 2);
    }

    #[test]
    fn declined_without_offer_drops_only_the_event() {
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,2024-02-01,,,,,");
        assert_eq!(r.column(), Some("tackat_nej_datum"));
        assert_eq!(r.reason(), "DeclinedWithoutOffer");
    }

    #[test]
    fn resumed_without_interruption_drops_only_the_event() {
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,2024-02-01,,2024-03-01,,");
        assert_eq!(r.column(), Some("aterupptagetdatum"));
        assert_eq!(r.reason(), "ResumedNotInterrupted");
    }

    #[test]
    fn interrupted_without_execution_drops_only_the_event() {
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,2024-03-01,,,");
        assert_eq!(r.column(), Some("avbrottsdatum"));
        assert_eq!(r.reason(), "InterruptedNotRunning");
    }

    #[test]
    fn execution_after_closing_drops_only_the_event() {
        let r =
            warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,2024-06-01,,,2024-05-01,flyttat");
        assert_eq!(r.column(), Some("verkstalldatum"));
        assert_eq!(r.reason(), "EventAfterClosing");
    }

    #[test]
    fn unknown_law_is_rejected() {
        let r = rejection("B1,p-01,HSL,hemtjänst,2024-01-15,K,1938,,,,,,,");
        assert_eq!(r.column(), Some("lag"));
        assert_eq!(r.reason(), "UnknownLaw");
        assert_eq!(
            r.to_string(),
            r#"evb.csv line 2, column lag: law "HSL" is not SoL or LSS"#
        );
    }

    #[test]
    fn unknown_insats_is_rejected() {
        let r = rejection("B1,p-01,SoL,simskola,2024-01-15,K,1938,,,,,,,");
        assert_eq!(r.column(), Some("insats"));
        assert_eq!(r.reason(), "UnknownInsats");
    }

    #[test]
    fn insats_of_the_other_act_is_rejected() {
        let r = rejection("B1,p-01,LSS,hemtjänst,2024-01-15,K,1938,,,,,,,");
        assert_eq!(r.column(), Some("insats"));
        assert_eq!(r.reason(), "InsatsLawMismatch");
        assert_eq!(
            r.to_string(),
            "evb.csv line 2, column insats: decision B1: service hemtjänst is not a service under LSS"
        );
    }

    #[test]
    fn ambiguous_insats_is_read_under_the_row_law() {
        let imported = import(&[
            "B1,p-01,LSS,kontaktperson,2024-01-15,K,1938,,,,,,,",
            "B2,p-02,SoL,kontaktperson,2024-01-15,K,1938,,,,,,,",
        ]);
        assert_eq!(imported.decisions[0].insats(), Insats::KontaktpersonLss);
        assert_eq!(
            imported.decisions[1].insats(),
            Insats::KontaktpersonKontaktfamilj
        );
    }

    #[test]
    fn personnummer_in_person_column_is_rejected_without_echo() {
        for pnr in ["19121212-1212", "121212-1212", "191212121212", "1212121212"] {
            let r = rejection(&format!("B1,{pnr},SoL,hemtjänst,2024-01-15,K,1938,,,,,,,"));
            assert_eq!(r.column(), Some("person"));
            assert_eq!(r.reason(), "PersonnummerInId");
            let shown = format!("{r} {r:?}");
            assert!(!shown.contains("1212"), "{shown}");
        }
    }

    #[test]
    fn personnummer_in_id_column_is_rejected_without_echo() {
        let imported = import(&[
            "19121212-1212,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
            "19121212-1212,p-02,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
        ]);
        assert_eq!(imported.summary.rejected_count(), 2);
        let shown = format!("{:?} {}", imported, imported.summary.rejected()[1]);
        assert!(!shown.contains("1212"), "{shown}");
        assert_eq!(imported.summary.rejected()[0].column(), Some("id"));
    }

    #[test]
    fn personnummer_in_other_columns_is_not_echoed() {
        let imported = import(&[
            "B1,p-01,19121212-1212,hemtjänst,2024-01-15,K,1938,,,,,,,",
            "B2,p-01,SoL,19121212-1212,2024-01-15,K,1938,,,,,,,",
            "B3,p-01,SoL,hemtjänst,19121212-1212,K,1938,,,,,,,",
            "B4,p-01,SoL,hemtjänst,2024-01-15,19121212-1212,1938,,,,,,,",
            "B5,p-01,SoL,hemtjänst,2024-01-15,K,19121212-1212,,,,,,,",
            "B6,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,se 19121212-1212",
        ]);
        assert_eq!(imported.summary.rejected_count(), 5);
        assert_eq!(
            imported.summary.warnings_by_reason().collect::<Vec<_>>(),
            [("PersonnummerInReason", 1)]
        );
        let shown = format!(
            "{imported:?} {}",
            imported
                .summary
                .rejected()
                .iter()
                .chain(imported.summary.warnings())
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(!shown.contains("1212"), "{shown}");
    }

    #[test]
    fn duplicate_ids_reject_second_and_later_naming_first_line() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
            "B2,p-02,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
            "B1,p-03,SoL,hemtjänst,2024-01-16,M,1940,,,,,,,",
            "B1,p-04,SoL,hemtjänst,2024-01-17,M,1941,,,,,,,",
        ]);
        assert_eq!(imported.decisions.len(), 2);
        let rejected = imported.summary.rejected();
        assert_eq!(rejected.len(), 2);
        assert_eq!((rejected[0].line(), rejected[1].line()), (4, 5));
        for r in rejected {
            assert_eq!(
                r.error(),
                &DecisionsError::DuplicateId {
                    id: "B1".into(),
                    first_line: 2
                }
            );
        }
        assert_eq!(
            imported.summary.rejected_by_reason().collect::<Vec<_>>(),
            [("DuplicateId", 2)]
        );
    }

    #[test]
    fn rejected_row_still_claims_its_id() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,X,1938,,,,,,,",
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
        ]);
        assert!(imported.decisions.is_empty());
        assert_eq!(imported.summary.rejected()[1].reason(), "DuplicateId");
    }

    #[test]
    fn bad_dates_name_line_and_column() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
            "B2,p-01,SoL,hemtjänst,2024-13-01,K,1938,,,,,,,",
            "B3,p-01,SoL,hemtjänst,2024-01-15,K,1938,1/3/2024,,,,,,",
            "B4,p-01,SoL,hemtjänst,2023-02-29,K,1938,,,,,,,",
            "B5,p-01,SoL,hemtjänst,2024-1-5,K,1938,,,,,,,",
        ]);
        let rejected = imported.summary.rejected();
        let got: Vec<(u64, Option<&str>, &str)> = rejected
            .iter()
            .map(|r| (r.line(), r.column(), r.reason()))
            .collect();
        assert_eq!(
            got,
            [
                (3, Some("beslutsdatum"), "InvalidDate"),
                (5, Some("beslutsdatum"), "InvalidDate"),
                (6, Some("beslutsdatum"), "InvalidDate"),
            ]
        );
        // A bad offer date is an event problem: B3 is kept without it.
        let warnings = imported.summary.warnings();
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            r#"evb.csv line 4, column erbjudandedatum: "1/3/2024" is not a date; expected YYYY-MM-DD"#
        );
        assert_eq!(imported.decisions.len(), 2);
        assert_eq!(imported.decisions[1].offer_made(), None);
    }

    #[test]
    fn empty_required_value_is_rejected() {
        let r = rejection("B1,p-01,SoL,hemtjänst,,K,1938,,,,,,,");
        assert_eq!(r.column(), Some("beslutsdatum"));
        assert_eq!(r.reason(), "EmptyValue");
        let r = rejection(",p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,");
        assert_eq!((r.column(), r.reason()), (Some("id"), "EmptyId"));
    }

    #[test]
    fn bad_gender_is_rejected() {
        let r = rejection("B1,p-01,SoL,hemtjänst,2024-01-15,kvinna,1938,,,,,,,");
        assert_eq!(r.column(), Some("kon"));
        assert_eq!(r.reason(), "InvalidGender");
        assert_eq!(
            r.to_string(),
            r#"evb.csv line 2, column kon: "kvinna" is not a legal gender; expected K or M"#
        );
        let imported = import(&["B1,p-01,SoL,hemtjänst,2024-01-15,m,1938,,,,,,,"]);
        assert_eq!(imported.decisions[0].gender(), LegalGender::Male);
    }

    #[test]
    fn implausible_birth_year_is_rejected() {
        let r = rejection("B1,p-01,SoL,hemtjänst,2024-01-15,K,1850,,,,,,,");
        assert_eq!(
            (r.column(), r.reason()),
            (Some("fodelsear"), "ImplausibleBirthYear")
        );
        let r = rejection("B1,p-01,SoL,hemtjänst,2024-01-15,K,2025,,,,,,,");
        assert_eq!(r.reason(), "ImplausibleBirthYear");
        let r = rejection("B1,p-01,SoL,hemtjänst,2024-01-15,K,38,,,,,,,");
        assert_eq!(
            (r.column(), r.reason()),
            (Some("fodelsear"), "InvalidBirthYear")
        );
    }

    #[test]
    fn missing_required_column_is_a_file_error() {
        let text = HEADER.replace(",avslutsorsak", "")
            + "\nB1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,\n";
        let err =
            read_decisions(text.as_bytes(), "evb.csv", &DecisionColumns::default()).unwrap_err();
        assert_eq!(
            err,
            DecisionsError::MissingColumn {
                file: "evb.csv".into(),
                column: "avslutsorsak".into()
            }
        );
    }

    #[test]
    fn empty_file_is_missing_its_columns() {
        let err = read_decisions(&b""[..], "evb.csv", &DecisionColumns::default()).unwrap_err();
        assert!(matches!(err, DecisionsError::MissingColumn { .. }));
    }

    #[test]
    fn duplicate_header_column_is_a_file_error() {
        let header = format!("{HEADER},LAG");
        let err = read_decisions(
            format!("{header}\n").as_bytes(),
            "evb.csv",
            &DecisionColumns::default(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            DecisionsError::DuplicateColumn {
                first: 3,
                second: 15,
                ..
            }
        ));
    }

    #[test]
    fn header_matching_ignores_case_order_bom_and_extra_columns() {
        let text = "\u{feff}Kon, ID ,person,LAG,insats,beslutsdatum,fodelsear,extra,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\r\n\
                    K,B1,p-01,SoL,hemtjänst,2024-01-15,1938,x,,,,,,,\r\n";
        let imported =
            read_decisions(text.as_bytes(), "evb.csv", &DecisionColumns::default()).unwrap();
        assert_eq!(imported.summary.accepted(), 1);
        assert_eq!(imported.decisions[0].id().as_str(), "B1");
    }

    #[test]
    fn renamed_columns_are_found() {
        let columns = DecisionColumns {
            law: "Lagrum".into(),
            ..DecisionColumns::default()
        };
        let text =
            HEADER.replace(",lag,", ",Lagrum,") + "\nB1,p-01,LSS,9.10,2024-01-15,M,1990,,,,,,,\n";
        let imported = read_decisions(text.as_bytes(), "evb.csv", &columns).unwrap();
        assert_eq!(imported.decisions[0].insats(), Insats::DagligVerksamhet);
    }

    #[test]
    fn wrong_field_count_is_rejected() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938",
            "B2,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
        ]);
        let r = &imported.summary.rejected()[0];
        assert_eq!((r.line(), r.column(), r.reason()), (2, None, "FieldCount"));
        assert_eq!(
            r.to_string(),
            "evb.csv line 2: the row has 7 fields; the header has 14"
        );
        assert_eq!(imported.decisions.len(), 1);
    }

    #[test]
    fn invalid_utf8_row_is_rejected_and_the_rest_read() {
        let mut bytes = format!("{HEADER}\n").into_bytes();
        bytes.extend_from_slice(b"B1,p-01,SoL,hemtj\xE4nst,2024-01-15,K,1938,,,,,,,\n");
        bytes.extend_from_slice("B2,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,\n".as_bytes());
        let imported = read_decisions(&bytes[..], "evb.csv", &DecisionColumns::default()).unwrap();
        assert_eq!(imported.summary.rejected()[0].reason(), "InvalidUtf8");
        assert_eq!(imported.decisions.len(), 1);
    }

    #[test]
    fn closing_date_and_reason_come_together() {
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,");
        assert_eq!(
            (r.column(), r.reason()),
            (Some("avslutsdatum"), "IncompletePair")
        );
        let r = warning("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,flyttat");
        assert_eq!(
            (r.column(), r.reason()),
            (Some("avslutsorsak"), "IncompletePair")
        );
        assert_eq!(
            r.to_string(),
            r#"evb.csv line 2, column avslutsorsak: the value is given but column "avslutsdatum" is empty; give both or neither"#
        );
    }

    #[test]
    fn quoted_reason_with_comma_is_read() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,\"flyttat, annan kommun\"",
        ]);
        assert_eq!(
            imported.decisions[0].closed_on(),
            Some((d(2024, 3, 1), "flyttat, annan kommun"))
        );
    }

    const FEE_HEADER: &str = "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak,fodelsedatum,sarskild_avgift_datum,sarskild_avgift_belopp";

    #[test]
    fn special_fee_amounts_in_swedish_and_plain_form() {
        let imported = import_with_header(
            FEE_HEADER,
            &[
                "B1,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,\"50 000,00\"",
                "B2,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,12500.50",
                "B3,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,0",
                "B4,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,,",
            ],
        );
        assert_eq!(
            imported.summary.accepted(),
            4,
            "{:?}",
            imported.summary.rejected()
        );
        let fees: Vec<Vec<(NaiveDate, Decimal)>> = imported
            .decisions
            .iter()
            .map(Decision::special_fee_rulings)
            .collect();
        assert_eq!(fees[0], [(d(2023, 5, 1), Decimal::from(50_000))]);
        assert_eq!(fees[1], [(d(2023, 5, 1), Decimal::new(1_250_050, 2))]);
        assert_eq!(fees[2], [(d(2023, 5, 1), Decimal::ZERO)]);
        assert!(fees[3].is_empty());
    }

    #[test]
    fn bad_special_fee_events_are_left_out_with_warnings() {
        let imported = import_with_header(
            FEE_HEADER,
            &[
                "B1,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,-100",
                "B2,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,",
                "B3,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2023-05-01,femtio",
                "B4,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,,2021-05-01,100",
            ],
        );
        assert_eq!(imported.decisions.len(), 4);
        assert!(
            imported
                .decisions
                .iter()
                .all(|d| d.special_fee_rulings().is_empty())
        );
        let got: Vec<(Option<&str>, &str)> = imported
            .summary
            .warnings()
            .iter()
            .map(|r| (r.column(), r.reason()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("sarskild_avgift_datum"), "NegativeSpecialFee"),
                (Some("sarskild_avgift_datum"), "IncompletePair"),
                (Some("sarskild_avgift_belopp"), "InvalidAmount"),
                (Some("sarskild_avgift_datum"), "EventBeforeDecision"),
            ]
        );
    }

    #[test]
    fn birth_date_column_is_checked_against_birth_year() {
        let imported = import_with_header(
            FEE_HEADER,
            &[
                "B1,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,1938-04-02,,",
                "B2,p-01,SoL,hemtjänst,2022-01-15,K,1938,,,,,,,,1939-04-02,,",
            ],
        );
        assert_eq!(imported.decisions[0].birth_date(), Some(d(1938, 4, 2)));
        // B2 is kept, without the birth date.
        assert_eq!(imported.decisions[1].birth_date(), None);
        let r = &imported.summary.warnings()[0];
        assert_eq!(
            (r.column(), r.reason()),
            (Some("fodelsedatum"), "BirthDateMismatch")
        );
        assert!(!r.to_string().contains("1939-04-02"));
    }

    #[test]
    fn rejections_kept_are_bounded_but_all_counted() {
        let rows: Vec<String> = (0..1_100)
            .map(|i| format!("B{i},p-01,XYZ,hemtjänst,2024-01-15,K,1938,,,,,,,"))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let imported = import(&refs);
        assert_eq!(imported.summary.rejected().len(), DEFAULT_REPORT_LIMIT);
        assert_eq!(imported.summary.rejected_count(), 1_100);
        assert_eq!(imported.summary.rows_read(), 1_100);
        assert_eq!(
            imported.summary.rejected_by_reason().collect::<Vec<_>>(),
            [("UnknownLaw", 1_100)]
        );
    }

    #[test]
    fn blank_lines_are_not_rows_and_lines_are_physical() {
        let imported = import(&[
            "",
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,\"flyttat\nannan kommun\"",
            "B2,p-01,SoL,hemtjänst,2024-01-15,X,1938,,,,,,,",
        ]);
        assert_eq!(imported.summary.rows_read(), 2);
        assert_eq!(imported.summary.rejected()[0].line(), 5);
        invariant(&imported.summary);
    }

    #[test]
    fn file_name_with_personnummer_is_redacted() {
        let text = format!("{HEADER}\nB1,p-01,HSL,hemtjänst,2024-01-15,K,1938,,,,,,,\n");
        let imported = read_decisions(
            text.as_bytes(),
            "evb-19121212-1212.csv",
            &DecisionColumns::default(),
        )
        .unwrap();
        assert!(!imported.summary.rejected()[0].to_string().contains("1212"));
    }

    proptest! {
        #[test]
        fn import_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(imported) = read_decisions(&bytes[..], "x.csv", &DecisionColumns::default()) {
                invariant(&imported.summary);
                prop_assert_eq!(imported.decisions.len() as u64, imported.summary.accepted());
            }
        }

        #[test]
        fn import_never_panics_on_arbitrary_rows(body in proptest::collection::vec(any::<u8>(), 0..600)) {
            let mut bytes = format!("{FEE_HEADER}\n").into_bytes();
            bytes.extend_from_slice(&body);
            let imported = read_decisions(&bytes[..], "x.csv", &DecisionColumns::default()).unwrap();
            invariant(&imported.summary);
            prop_assert_eq!(imported.decisions.len() as u64, imported.summary.accepted());
        }

        #[test]
        fn import_never_panics_on_csv_like_rows(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        Just(String::new()),
                        Just("2024-01-15".to_owned()),
                        Just("2024-04-01".to_owned()),
                        Just("SoL".to_owned()),
                        Just("LSS".to_owned()),
                        Just("K".to_owned()),
                        Just("1950".to_owned()),
                        Just("hemtjänst".to_owned()),
                        Just("9.9".to_owned()),
                        "[a-z0-9 ,\"-]{0,12}",
                    ],
                    17,
                ),
                0..12,
            )
        ) {
            let lines: Vec<String> = rows
                .iter()
                .enumerate()
                .map(|(i, fields)| {
                    let mut fields = fields.clone();
                    fields[0] = format!("B{}", i % 5);
                    fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(",")
                })
                .collect();
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let imported = import_with_header(FEE_HEADER, &refs);
            invariant(&imported.summary);
            prop_assert_eq!(imported.summary.rows_read(), rows.len() as u64);
        }
    }

    #[test]
    fn event_problem_keeps_the_decision_and_counts_a_warning() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2023-06-15,K,1938,,,2023-05-01,2023-07-01,,,",
            "B2,p-02,SoL,hemtjänst,2023-06-15,K,1938,,,,,,,",
        ]);
        let s = &imported.summary;
        assert_eq!((s.rows_read(), s.accepted(), s.rejected_count()), (2, 2, 0));
        // The execution is before the decision date; without it the
        // interruption has nothing to interrupt: two warnings, one row.
        let got: Vec<(u64, Option<&str>, &str)> = s
            .warnings()
            .iter()
            .map(|w| (w.line(), w.column(), w.reason()))
            .collect();
        assert_eq!(
            got,
            [
                (2, Some("verkstalldatum"), "EventBeforeDecision"),
                (2, Some("avbrottsdatum"), "InterruptedNotRunning"),
            ]
        );
        assert_eq!(s.warning_count(), 2);
        assert_eq!(
            s.warnings_by_reason().map(|(_, n)| n).sum::<u64>(),
            s.warning_count()
        );
        // The decision is still reportable as unexecuted.
        assert_eq!(imported.decisions[0].executed_on(), None);
        invariant(s);
    }

    #[test]
    fn record_longer_than_the_cap_is_rejected_and_the_rest_read() {
        let long = "x".repeat(MAX_RECORD_BYTES + 10);
        let quoted = format!("\"{}\n{}\"", "y".repeat(MAX_RECORD_BYTES), "z");
        let imported = import(&[
            &format!("B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,{long}"),
            "B2,p-02,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
            &format!("B3,p-03,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,{quoted}"),
            "B4,p-04,SoL,hemtjänst,2024-01-15,K,1938,,,,,,,",
        ]);
        let ids: Vec<&str> = imported.decisions.iter().map(|d| d.id().as_str()).collect();
        assert_eq!(ids, ["B2", "B4"]);
        let too_long: Vec<u64> = imported
            .summary
            .rejected()
            .iter()
            .filter(|r| r.reason() == "RecordTooLong")
            .map(Rejection::line)
            .collect();
        assert_eq!(too_long, [2, 4]);
        assert!(
            imported.summary.rejected()[0]
                .to_string()
                .contains("1048576 bytes")
        );
        invariant(&imported.summary);
    }

    #[test]
    fn header_longer_than_the_cap_rejects_the_file() {
        let header = format!("{HEADER},{}", "h".repeat(MAX_RECORD_BYTES));
        let err =
            read_decisions(header.as_bytes(), "evb.csv", &DecisionColumns::default()).unwrap_err();
        assert!(matches!(err, DecisionsError::HeaderTooLong { .. }));
    }

    #[test]
    fn close_reason_is_read_into_a_category() {
        let imported = import(&[
            "B1,p-01,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,Avled på sjukhus",
            "B2,p-02,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,flyttade till Kalle",
            "B3,p-03,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,ansökan återkallad",
            "B4,p-04,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,behovet upphörde",
            "B5,p-05,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,beviljad annan insats",
            "B6,p-06,SoL,hemtjänst,2024-01-15,K,1938,,,,,,2024-03-01,se journal",
        ]);
        use crate::decision::CloseReason::*;
        let got: Vec<_> = imported
            .decisions
            .iter()
            .map(|d| d.close_reason().unwrap())
            .collect();
        assert_eq!(
            got,
            [
                Avliden,
                Flyttat,
                AterkalladAnsokan,
                BehovUpphort,
                AnnanInsats,
                Annan
            ]
        );
    }
}
