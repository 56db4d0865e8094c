//! The quarterly report of unexecuted decisions (*ej verkställda beslut*):
//! the individual entries for IVO's e-service and the auditors.
//!
//! | Item | What it is |
//! |---|---|
//! | [`QuarterReport::compute`] | every decision's state at the end of a quarter |
//! | [`ReportEntry`] | one reported decision: kind, deadline, first reportable quarter, days waited, IVO person id, law, insats, dates |
//! | [`ReportKind`], [`InterruptionState`] | `unexecuted`, `executed`, `closed`, `interrupted` (not resumed, resumed late, closed) |
//! | [`ReportCounts`] | how many entries of each kind, decisions and distinct persons |
//! | [`ReportNotice`], [`QuarterReport::notices`] | entries without an IVO person id, persons whose rows disagree |
//! | [`QuarterReport::compute_with_ids`] | the report with IVO ids issued before kept |
//! | [`QuarterReport::to_json`] | the CLI's JSON (`quarter`, `period_end`, `reports`, `statistics`) |
//! | [`quarter_code`] | `2024Q1`, the form the JSON uses |
//!
//! ## The rules, for a quarter Q with last day E
//! The *deadline* is the decision date plus three calendar months, clamped
//! to the end of the month ([`Decision::deadline`]); executing on the
//! deadline day is in time. A decision *ends* on its execution date or, if
//! it was closed for another reason without having been executed, on the
//! closing date.
//!
//! | Kind | When |
//! |---|---|
//! | `unexecuted` | deadline < E, and the decision has not ended on or before E. Re-reported every quarter until it ends. |
//! | `executed` | executed within Q, after the deadline |
//! | `closed` | closed within Q for another reason, after the deadline, without having been executed |
//! | `interrupted` | an executed service interrupted, with the same three states measured from the interruption: [`InterruptionState::NotResumed`] (interruption deadline < E, not resumed nor closed on or before E), [`InterruptionState::ResumedLate`] (resumed within Q after the interruption deadline), [`InterruptionState::Closed`] (closed within Q after the interruption deadline, while interrupted) |
//!
//! A declined offer (*tackat nej*) does **not** end reporting; it is reported
//! with the entry. Each entry carries `first_reportable_quarter`, the quarter
//! containing the day after its deadline.
//!
//! A valid history ([`Decision::push_event`]) gives a decision at most one
//! entry per quarter: a decision-level entry and an interruption entry
//! cannot both apply, since a late execution or closing within Q and a
//! three-month interruption deadline within Q do not fit in one quarter.
//! Should they anyway, the decision-level entry is kept, and among
//! interruptions the latest.
//!
//! ## Days waiting
//! | Entry | `days_waiting` |
//! |---|---|
//! | `unexecuted` | E − decision date |
//! | `executed`, `closed` | execution or closing date − decision date |
//! | `interrupted`, not resumed | E − interruption date |
//! | `interrupted`, resumed late or closed | resumption or closing date − interruption date |
//!
//! ## IVO person ids and notices
//! Entries carry the IVO person id ([`crate::ivo`]), never the
//! [`PersonRef`] text; the JSON never contains it. A person is identified by
//! the reference alone, so one person has one id in a report. When a
//! person's decisions disagree on birth year, birth date or gender, the
//! **first decision given** (the first row of the register) wins: its data
//! makes the id and the entries' gender, and each disagreeing decision is a
//! [`ReportNotice::ConflictingPersonData`].
//!
//! Ids are assigned to every person in the register given, in order of
//! their earliest decision date (see [`IvoIdAssignment`]), so a person's id
//! does not depend on who else is reported in a quarter, and a register that
//! grows with later decisions never moves an id already issued. Ids issued
//! before can also be seeded with [`QuarterReport::compute_with_ids`] and
//! are then kept. When more than 500 persons share a birth date (or, with
//! only the year known, a birth year) and gender, those without a free id
//! are reported without one: each such entry is a
//! [`ReportNotice::NoIvoPersonId`] and counted in
//! [`ReportCounts::entries_without_ivo_person_id`]; the rest of the report
//! is produced as usual.
//!
//! ## Privacy
//! The reason for closing is reported as a [`CloseReason`] category; the
//! case system's free text never reaches an entry or the JSON.
//!
//! ## Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::{LegalGender, Quarter};
//! use namnd_decisions::decision::{CloseReason, Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
//! use namnd_decisions::quarter::{QuarterReport, ReportKind};
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let waiting = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
//!     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
//! let closed = Decision::new(DecisionId::new("2")?, PersonRef::new("p-2")?, DecisionLaw::Lss,
//!     Insats::Ledsagarservice, d(2023, 10, 2)?, LegalGender::Male, 1980)?
//!     .with_event(Event::Closed { date: d(2024, 2, 1)?, reason: "flyttade till Stina i Ystad".into() })?;
//! let report = QuarterReport::compute(&[waiting, closed], "2024Q1".parse::<Quarter>()?)?;
//! let kinds: Vec<_> = report.entries().iter().map(|e| (e.id.as_str(), e.kind)).collect();
//! assert_eq!(kinds, [("1", ReportKind::Unexecuted), ("2", ReportKind::Closed)]);
//! assert_eq!(report.entries()[1].close_reason, Some(CloseReason::Flyttat));
//! assert!(!report.to_json().to_string().contains("Stina"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use namnd_core::law::Statute;
use namnd_core::{LegalGender, Quarter};
use serde_json::{Value, json};

use crate::decision::{CloseReason, Decision, DecisionId, DecisionLaw, Insats, PersonRef};
use crate::error::{DecisionsError, Result};
use crate::ivo::{BirthInfo, IdCollision, IdRequest, IvoIdAssignment, IvoPersonId};

/// A quarter written `2024Q1`, the form of the CLI's JSON (namnd-core
/// displays `Q1 2024`, and parses both).
///
/// # Example
/// ```
/// use namnd_core::Quarter;
/// use namnd_decisions::quarter::quarter_code;
/// assert_eq!(quarter_code("Q1 2024".parse::<Quarter>()?), "2024Q1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn quarter_code(quarter: Quarter) -> String {
    format!("{}Q{}", quarter.year(), quarter.number())
}

/// What an entry reports.
///
/// # Example
/// ```
/// use namnd_decisions::quarter::ReportKind;
/// assert_eq!(ReportKind::Unexecuted.as_str(), "unexecuted");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ReportKind {
    /// *Ej verkställt*: past its deadline and not executed or closed by the
    /// end of the quarter.
    Unexecuted,
    /// *Verkställt*: executed within the quarter, after its deadline.
    Executed,
    /// *Avslutat*: closed for another reason within the quarter, after its
    /// deadline.
    Closed,
    /// *Avbrott*: an executed service interrupted and not resumed within
    /// three months ([`InterruptionState`] says how it stands).
    Interrupted,
}

impl ReportKind {
    /// The JSON name: `unexecuted`, `executed`, `closed` or `interrupted`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::quarter::ReportKind;
    /// assert_eq!(ReportKind::Interrupted.as_str(), "interrupted");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Unexecuted => "unexecuted",
            ReportKind::Executed => "executed",
            ReportKind::Closed => "closed",
            ReportKind::Interrupted => "interrupted",
        }
    }
}

/// How a reported interruption stands at the end of the quarter.
///
/// # Example
/// ```
/// use namnd_decisions::quarter::InterruptionState;
/// assert_eq!(InterruptionState::ResumedLate.as_str(), "resumed_late");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum InterruptionState {
    /// Past the interruption deadline and not resumed (nor closed) by the
    /// end of the quarter.
    NotResumed,
    /// Resumed within the quarter, after the interruption deadline.
    ResumedLate,
    /// Closed for another reason within the quarter while interrupted,
    /// after the interruption deadline.
    Closed,
}

impl InterruptionState {
    /// The JSON name: `not_resumed`, `resumed_late` or `closed`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::quarter::InterruptionState;
    /// assert_eq!(InterruptionState::NotResumed.as_str(), "not_resumed");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            InterruptionState::NotResumed => "not_resumed",
            InterruptionState::ResumedLate => "resumed_late",
            InterruptionState::Closed => "closed",
        }
    }
}

/// One reported decision (or interruption).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::quarter::{QuarterReport, ReportKind};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
/// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// let entry = report.entries().first().ok_or("entry")?;
/// assert_eq!(entry.kind, ReportKind::Unexecuted);
/// assert_eq!(entry.deadline, d(2024, 2, 29)?);
/// assert_eq!(entry.first_reportable_quarter.to_string(), "Q1 2024");
/// assert_eq!(entry.days_waiting, 122); // 2023-11-30 → 2024-03-31
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportEntry {
    /// The decision's id.
    pub id: DecisionId,
    /// What is reported.
    pub kind: ReportKind,
    /// For [`ReportKind::Interrupted`], how the interruption stands.
    pub interruption_state: Option<InterruptionState>,
    /// The deadline: decision date (or interruption date) + 3 months.
    pub deadline: NaiveDate,
    /// The quarter containing the day after the deadline.
    pub first_reportable_quarter: Quarter,
    /// Days waited (see the module documentation).
    pub days_waiting: i64,
    /// IVO's person id; `None` only when no free id was left for the
    /// person (see [`QuarterReport::notices`]).
    pub ivo_person_id: Option<IvoPersonId>,
    /// SoL or LSS.
    pub law: DecisionLaw,
    /// The version of the act in force on the decision date.
    pub statute: Option<Statute>,
    /// The service granted.
    pub insats: Insats,
    /// Legal gender: the person's, from the person's first decision given
    /// (see [`ReportNotice::ConflictingPersonData`]).
    pub gender: LegalGender,
    /// The decision date.
    pub decision_date: NaiveDate,
    /// For an interruption, its date.
    pub interruption_date: Option<NaiveDate>,
    /// The first offer made, if any.
    pub offer_made: Option<NaiveDate>,
    /// The offers declined on or before the end of the quarter.
    pub offers_declined: Vec<NaiveDate>,
    /// The execution date (`executed`), or the resumption date (an
    /// interruption resumed late).
    pub executed_on: Option<NaiveDate>,
    /// The closing date (`closed`, or an interruption closed).
    pub closed_on: Option<NaiveDate>,
    /// The reason for closing, as a category: the case system's free text
    /// is never carried into a report.
    pub close_reason: Option<CloseReason>,
    /// The person, for counting distinct persons; never written out.
    person: PersonRef,
}

impl ReportEntry {
    /// Whether the person declined an offer (on or before the end of the
    /// quarter). It does not end reporting.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// use namnd_decisions::quarter::QuarterReport;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?
    ///     .with_event(Event::OfferMade(d(2024, 1, 10)?))?
    ///     .with_event(Event::OfferDeclined(d(2024, 1, 12)?))?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert!(report.entries().first().ok_or("entry")?.offer_declined());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offer_declined(&self) -> bool {
        !self.offers_declined.is_empty()
    }

    /// The person, for counting distinct persons.
    pub(crate) fn person(&self) -> &PersonRef {
        &self.person
    }

    /// The entry as JSON (no person reference).
    fn to_json(&self) -> Value {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        json!({
            "id": self.id.as_str(),
            "kind": self.kind.as_str(),
            "interruption_state": self.interruption_state.map(InterruptionState::as_str),
            "deadline": self.deadline.to_string(),
            "first_reportable_quarter": quarter_code(self.first_reportable_quarter),
            "days_waiting": self.days_waiting,
            "ivo_person_id": self.ivo_person_id.as_ref().map(IvoPersonId::as_str),
            "law": self.law.to_string(),
            "statute": self.statute.map(|s| s.to_string()),
            "insats": self.insats.to_string(),
            "gender": gender_code(self.gender),
            "decision_date": self.decision_date.to_string(),
            "interruption_date": date(self.interruption_date),
            "offer_made": date(self.offer_made),
            "offer_declined": self.offer_declined(),
            "offers_declined": self.offers_declined.iter().map(NaiveDate::to_string).collect::<Vec<_>>(),
            "executed_on": date(self.executed_on),
            "closed_on": date(self.closed_on),
            "close_reason": self.close_reason.map(CloseReason::code),
        })
    }
}

/// `K` (kvinna) or `M` (man), as the input contract writes gender.
pub(crate) fn gender_code(gender: LegalGender) -> &'static str {
    match gender {
        LegalGender::Female => "K",
        LegalGender::Male => "M",
        _ => "?",
    }
}

/// How many entries of each kind a report has.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::quarter::QuarterReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let make = |id: &str, person: &str| -> Result<Decision, Box<dyn std::error::Error>> {
///     Ok(Decision::new(DecisionId::new(id)?, PersonRef::new(person)?, DecisionLaw::SoL,
///         Insats::Hemtjanst, d(2023, 10, 2)?, LegalGender::Male, 1950)?)
/// };
/// let report = QuarterReport::compute(&[make("1", "p-1")?, make("2", "p-1")?], "2024Q1".parse::<Quarter>()?)?;
/// let counts = report.counts();
/// assert_eq!((counts.unexecuted_decisions, counts.unexecuted_persons), (2, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReportCounts {
    /// `unexecuted` entries.
    pub unexecuted_decisions: u64,
    /// Distinct persons with an `unexecuted` entry.
    pub unexecuted_persons: u64,
    /// `executed` entries.
    pub executed_decisions: u64,
    /// `closed` entries.
    pub closed_decisions: u64,
    /// `interrupted` entries not resumed.
    pub interrupted_not_resumed: u64,
    /// `interrupted` entries resumed late within the quarter.
    pub interrupted_resumed: u64,
    /// `interrupted` entries closed within the quarter.
    pub interrupted_closed: u64,
    /// All entries.
    pub reported_decisions: u64,
    /// Distinct persons with any entry.
    pub reported_persons: u64,
    /// Entries without an IVO person id (no free id was left).
    pub entries_without_ivo_person_id: u64,
}

/// The report of one quarter: every decision's entry, if it has one.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
/// use namnd_decisions::quarter::QuarterReport;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-0042")?, DecisionLaw::Lss,
///     Insats::DagligVerksamhet, d(2023, 12, 1)?, LegalGender::Male, 1990)?
///     .with_event(Event::Executed(d(2024, 3, 1)?))?; // deadline 2024-03-01: in time
/// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
/// assert!(report.entries().is_empty());
/// let json = report.to_json();
/// assert_eq!(json["quarter"], "2024Q1");
/// assert_eq!(json["period_end"], "2024-03-31");
/// assert_eq!(json["statistics"]["unexecuted_decisions"], 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterReport {
    quarter: Quarter,
    entries: Vec<ReportEntry>,
    ids: IvoIdAssignment,
    notices: Vec<ReportNotice>,
}

/// Something the report says about its own data: an entry without an IVO
/// person id, or a person whose rows disagree. The rest of the report is
/// produced as usual. Notices name decision ids only, never a person
/// reference.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{LegalGender, Quarter};
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
/// use namnd_decisions::quarter::{QuarterReport, ReportNotice};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let make = |id: &str, year: i32| -> Result<Decision, Box<dyn std::error::Error>> {
///     Ok(Decision::new(DecisionId::new(id)?, PersonRef::new("p-1")?, DecisionLaw::SoL,
///         Insats::Hemtjanst, d(2023, 10, 2)?, LegalGender::Male, year)?)
/// };
/// let report = QuarterReport::compute(&[make("1", 1950)?, make("2", 1951)?], "2024Q1".parse::<Quarter>()?)?;
/// let notice = report.notices().first().ok_or("notice")?;
/// assert!(matches!(notice, ReportNotice::ConflictingPersonData { field: "birth year", .. }));
/// assert_eq!(notice.to_string(), "decision 2: birth year differs from the person's first decision 1; the first is used");
/// // One person, one id.
/// let ids: Vec<_> = report.entries().iter().map(|e| e.ivo_person_id.clone()).collect();
/// assert_eq!(ids.first(), ids.last());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportNotice {
    /// No free IVO person id was left for the decision's person (more than
    /// 500 persons with an entry share a birth date and gender): the entry
    /// is reported without one, and counted in
    /// [`ReportCounts::entries_without_ivo_person_id`].
    NoIvoPersonId {
        /// The decision of the entry.
        decision: DecisionId,
    },
    /// A decision gives its person another birth year, birth date or gender
    /// than the person's first decision given; the first decision's data is
    /// used for the person's IVO id and the entries' gender.
    ConflictingPersonData {
        /// The decision that disagrees.
        decision: DecisionId,
        /// The person's first decision.
        first_decision: DecisionId,
        /// `birth year`, `birth date` or `gender`.
        field: &'static str,
    },
}

impl ReportNotice {
    /// The notice as JSON: `kind` (`no_ivo_person_id`,
    /// `conflicting_person_data`), `decision`, and for a conflict
    /// `first_decision` and `field`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::DecisionId;
    /// use namnd_decisions::quarter::ReportNotice;
    /// let notice = ReportNotice::NoIvoPersonId { decision: DecisionId::new("17")? };
    /// assert_eq!(notice.to_json()["kind"], "no_ivo_person_id");
    /// assert_eq!(notice.to_json()["decision"], "17");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn to_json(&self) -> Value {
        match self {
            ReportNotice::NoIvoPersonId { decision } => json!({
                "kind": "no_ivo_person_id",
                "decision": decision.as_str(),
                "message": self.to_string(),
            }),
            ReportNotice::ConflictingPersonData {
                decision,
                first_decision,
                field,
            } => json!({
                "kind": "conflicting_person_data",
                "decision": decision.as_str(),
                "first_decision": first_decision.as_str(),
                "field": field,
                "message": self.to_string(),
            }),
        }
    }
}

impl core::fmt::Display for ReportNotice {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ReportNotice::NoIvoPersonId { decision } => write!(
                f,
                "decision {}: no free IVO person id is left for its birth date and gender; reported without one",
                decision.as_str()
            ),
            ReportNotice::ConflictingPersonData {
                decision,
                first_decision,
                field,
            } => write!(
                f,
                "decision {}: {field} differs from the person's first decision {}; the first is used",
                decision.as_str(),
                first_decision.as_str()
            ),
        }
    }
}

/// A person as the report sees it: the data of the person's first decision
/// given, and the earliest decision date.
struct PersonInfo<'a> {
    first: &'a Decision,
    first_decided: NaiveDate,
}

/// Each person's first decision and earliest decision date, and a notice
/// for every decision that disagrees with its person's first.
fn persons_of(decisions: &[Decision]) -> (BTreeMap<&PersonRef, PersonInfo<'_>>, Vec<ReportNotice>) {
    let mut persons: BTreeMap<&PersonRef, PersonInfo<'_>> = BTreeMap::new();
    let mut notices = Vec::new();
    for d in decisions {
        match persons.entry(d.person()) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(PersonInfo {
                    first: d,
                    first_decided: d.decision_date(),
                });
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                let info = o.get_mut();
                info.first_decided = info.first_decided.min(d.decision_date());
                let first = info.first;
                let mut conflict = |field| {
                    notices.push(ReportNotice::ConflictingPersonData {
                        decision: d.id().clone(),
                        first_decision: first.id().clone(),
                        field,
                    });
                };
                if first.birth_year() != d.birth_year() {
                    conflict("birth year");
                } else if BirthInfo::of(first) != BirthInfo::of(d) {
                    conflict("birth date");
                }
                if first.gender() != d.gender() {
                    conflict("gender");
                }
            }
        }
    }
    (persons, notices)
}

/// What a decision reports in a quarter, before the IVO id is known.
#[derive(Clone, Copy)]
struct Found {
    kind: ReportKind,
    interruption_state: Option<InterruptionState>,
    deadline: NaiveDate,
    interruption_date: Option<NaiveDate>,
    days_waiting: i64,
    executed_on: Option<NaiveDate>,
    close: Option<(NaiveDate, CloseReason)>,
}

/// How a wait (for execution, or for resumption) ended.
#[derive(Clone, Copy)]
enum End<'a> {
    /// Executed (or resumed) on the date.
    Done(NaiveDate),
    /// Closed for another reason on the date.
    Closed(NaiveDate, &'a str),
}

impl End<'_> {
    fn date(self) -> NaiveDate {
        match self {
            End::Done(date) | End::Closed(date, _) => date,
        }
    }
}

/// What a wait with `deadline` and `end` gives in the quarter `first..=last`:
/// `Some(None)` unexecuted, `Some(Some(end))` ended late within the quarter,
/// `None` nothing to report.
fn classify<'a>(
    deadline: NaiveDate,
    end: Option<End<'a>>,
    first: NaiveDate,
    last: NaiveDate,
) -> Option<Option<End<'a>>> {
    match end {
        Some(end) if end.date() <= last => {
            let date = end.date();
            (first <= date && date > deadline).then_some(Some(end))
        }
        _ => (deadline < last).then_some(None),
    }
}

/// Whole days from `from` to `to`.
fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The quarter containing the day after `deadline`.
fn first_reportable(deadline: NaiveDate) -> Result<Quarter> {
    let next = deadline.succ_opt().ok_or(DecisionsError::DateOutOfRange {
        what: "day after the deadline",
    })?;
    Ok(Quarter::from_date(next)?)
}

impl QuarterReport {
    /// Each decision's entry for `quarter` (see the module documentation for
    /// the rules), ordered by kind, then decision date, then id.
    ///
    /// # Errors
    /// [`DecisionsError::UnsupportedGender`] for a person with an entry whose
    /// gender is neither female nor male, and the other IVO person id errors
    /// ([`IvoIdAssignment::assign`]); [`DecisionsError::Core`] when a
    /// deadline lies outside the supported years (1900–9999). Running out of
    /// IVO person ids is not an error: see [`ReportNotice::NoIvoPersonId`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.of_kind(ReportKind::Unexecuted).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute(decisions: &[Decision], quarter: Quarter) -> Result<Self> {
        Self::compute_with_ids(decisions, quarter, IvoIdAssignment::new())
    }

    /// As [`QuarterReport::compute`], with IVO person ids issued before
    /// seeded into `ids` ([`IvoIdAssignment::with_previous`]), so that they
    /// are kept; pass last quarter's [`QuarterReport::ivo_ids`]
    /// [`issued`](IvoIdAssignment::issued) ids.
    ///
    /// # Errors
    /// As [`QuarterReport::compute`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// use namnd_decisions::quarter::QuarterReport;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decisions = [Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?];
    /// let q1 = QuarterReport::compute(&decisions, "2024Q1".parse::<Quarter>()?)?;
    /// let seeded = IvoIdAssignment::new().with_previous(q1.ivo_ids().issued());
    /// let q2 = QuarterReport::compute_with_ids(&decisions, "2024Q2".parse::<Quarter>()?, seeded)?;
    /// assert_eq!(q1.entries()[0].ivo_person_id, q2.entries()[0].ivo_person_id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute_with_ids(
        decisions: &[Decision],
        quarter: Quarter,
        ids: IvoIdAssignment,
    ) -> Result<Self> {
        let first = quarter.first_day();
        let last = quarter.last_day();
        let (persons, mut notices) = persons_of(decisions);
        let mut found: Vec<(&Decision, Found)> = Vec::new();
        for decision in decisions {
            if let Some(f) = Self::find(decision, first, last) {
                found.push((decision, f));
            }
        }
        // Ids for every person in the register, in order of their earliest
        // decision date (with the first decision's data), so that a person's
        // id does not depend on who else is reported this quarter. A person
        // with an entry must have a gender IVO's id can express.
        for (decision, _) in &found {
            let source = persons
                .get(decision.person())
                .map_or(*decision, |p| p.first);
            if !matches!(source.gender(), LegalGender::Female | LegalGender::Male) {
                return Err(DecisionsError::UnsupportedGender {
                    context: format!("decision {}", source.id().as_str()),
                });
            }
        }
        let mut requests = Vec::new();
        for person in persons.values() {
            if !matches!(
                person.first.gender(),
                LegalGender::Female | LegalGender::Male
            ) {
                continue;
            }
            let mut request = IdRequest::of(person.first);
            request.first_decided = person.first_decided;
            requests.push(request);
        }
        let ids = ids.assign(requests)?;
        let mut entries = Vec::new();
        for (decision, f) in found {
            let gender = persons
                .get(decision.person())
                .map_or(decision.gender(), |p| p.first.gender());
            let entry = Self::make(decision, &ids, last, gender, f)?;
            if entry.ivo_person_id.is_none() {
                notices.push(ReportNotice::NoIvoPersonId {
                    decision: entry.id.clone(),
                });
            }
            entries.push(entry);
        }
        entries.sort_by(|a, b| {
            (a.kind, a.interruption_state, a.decision_date, &a.id).cmp(&(
                b.kind,
                b.interruption_state,
                b.decision_date,
                &b.id,
            ))
        });
        Ok(QuarterReport {
            quarter,
            entries,
            ids,
            notices,
        })
    }

    /// What one decision reports, if anything.
    fn find(decision: &Decision, first: NaiveDate, last: NaiveDate) -> Option<Found> {
        let executed = decision.executed_on();
        let closed = decision.closed_on();
        let end = match (executed, closed) {
            (Some(x), Some((c, reason))) if c < x => Some(End::Closed(c, reason)),
            (Some(x), _) => Some(End::Done(x)),
            (None, Some((c, reason))) => Some(End::Closed(c, reason)),
            (None, None) => None,
        };
        let deadline = decision.deadline();
        let decided = decision.decision_date();
        if let Some(state) = classify(deadline, end, first, last) {
            let (kind, days_waiting, executed_on, close) = match state {
                None => (ReportKind::Unexecuted, days(decided, last), None, None),
                Some(End::Done(x)) => (ReportKind::Executed, days(decided, x), Some(x), None),
                Some(End::Closed(c, reason)) => (
                    ReportKind::Closed,
                    days(decided, c),
                    None,
                    Some((c, CloseReason::from_text(reason))),
                ),
            };
            return Some(Found {
                kind,
                interruption_state: None,
                deadline,
                interruption_date: None,
                days_waiting,
                executed_on,
                close,
            });
        }
        // Interruptions of an executed service; the latest that reports wins.
        if !matches!(end, Some(End::Done(_))) {
            return None;
        }
        for interruption in decision.interruptions().iter().rev() {
            let start = interruption.interrupted;
            let end = match (interruption.resumed, closed) {
                (Some(r), _) => Some(End::Done(r)),
                (None, Some((c, reason))) if c >= start => Some(End::Closed(c, reason)),
                _ => None,
            };
            let deadline = interruption.deadline();
            if let Some(state) = classify(deadline, end, first, last) {
                let (state, days_waiting, executed_on, close) = match state {
                    None => (InterruptionState::NotResumed, days(start, last), None, None),
                    Some(End::Done(r)) => (
                        InterruptionState::ResumedLate,
                        days(start, r),
                        Some(r),
                        None,
                    ),
                    Some(End::Closed(c, reason)) => (
                        InterruptionState::Closed,
                        days(start, c),
                        None,
                        Some((c, CloseReason::from_text(reason))),
                    ),
                };
                return Some(Found {
                    kind: ReportKind::Interrupted,
                    interruption_state: Some(state),
                    deadline,
                    interruption_date: Some(start),
                    days_waiting,
                    executed_on,
                    close,
                });
            }
        }
        None
    }

    fn make(
        decision: &Decision,
        ids: &IvoIdAssignment,
        last: NaiveDate,
        gender: LegalGender,
        found: Found,
    ) -> Result<ReportEntry> {
        Ok(ReportEntry {
            id: decision.id().clone(),
            kind: found.kind,
            interruption_state: found.interruption_state,
            deadline: found.deadline,
            first_reportable_quarter: first_reportable(found.deadline)?,
            days_waiting: found.days_waiting,
            ivo_person_id: ids.for_decision(decision).cloned(),
            law: decision.law(),
            statute: decision.statute_on_decision_date(),
            insats: decision.insats(),
            gender,
            decision_date: decision.decision_date(),
            interruption_date: found.interruption_date,
            offer_made: decision.offer_made().filter(|d| *d <= last),
            offers_declined: decision
                .offers_declined()
                .into_iter()
                .filter(|d| *d <= last)
                .collect(),
            executed_on: found.executed_on,
            closed_on: found.close.map(|(c, _)| c),
            close_reason: found.close.map(|(_, r)| r),
            person: decision.person().clone(),
        })
    }

    /// The quarter reported.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.quarter().to_string(), "Q1 2024");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarter(&self) -> Quarter {
        self.quarter
    }

    /// The last day of the quarter (E).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.period_end(), d(2024, 3, 31)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period_end(&self) -> NaiveDate {
        self.quarter.last_day()
    }

    /// The entries, ordered by kind, then decision date, then id.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.entries().len(), 1);
    /// assert_eq!(report.entries()[0].id.as_str(), "17");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entries(&self) -> &[ReportEntry] {
        &self.entries
    }

    /// The entries of one kind.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let report = QuarterReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.of_kind(ReportKind::Unexecuted).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_kind(&self, kind: ReportKind) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// The entry of a decision, if it has one.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::decision::DecisionId;
    /// use namnd_decisions::quarter::QuarterReport;
    /// let report = QuarterReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// assert!(report.entry_for(&DecisionId::new("17")?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entry_for(&self, id: &DecisionId) -> Option<&ReportEntry> {
        self.entries.iter().find(|e| &e.id == id)
    }

    /// IVO person id collisions resolved among the persons with an entry
    /// (see [`crate::ivo`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::quarter::QuarterReport;
    /// let report = QuarterReport::compute(&[], "2024Q1".parse::<Quarter>()?)?;
    /// assert!(report.id_collisions().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id_collisions(&self) -> &[IdCollision] {
        self.ids.collisions()
    }

    /// The IVO person ids of the persons with an entry; seed the next
    /// report with its [`issued`](IvoIdAssignment::issued) ids
    /// ([`QuarterReport::compute_with_ids`]).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(report.ivo_ids().len(), 1);
    /// assert!(report.ivo_ids().collisions().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ivo_ids(&self) -> &IvoIdAssignment {
        &self.ids
    }

    /// Entries without an IVO person id, and persons whose rows disagree
    /// ([`ReportNotice`]), in the order found.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// assert!(report.notices().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn notices(&self) -> &[ReportNotice] {
        &self.notices
    }

    /// How many entries of each kind, decisions and distinct persons.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// let counts = report.counts();
    /// assert_eq!((counts.unexecuted_decisions, counts.reported_persons), (1, 1));
    /// assert_eq!(counts.entries_without_ivo_person_id, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn counts(&self) -> ReportCounts {
        let mut c = ReportCounts::default();
        let mut unexecuted_persons = BTreeSet::new();
        let mut persons = BTreeSet::new();
        for e in &self.entries {
            let slot = match (e.kind, e.interruption_state) {
                (ReportKind::Unexecuted, _) => {
                    unexecuted_persons.insert(e.person());
                    &mut c.unexecuted_decisions
                }
                (ReportKind::Executed, _) => &mut c.executed_decisions,
                (ReportKind::Closed, _) => &mut c.closed_decisions,
                (_, Some(InterruptionState::ResumedLate)) => &mut c.interrupted_resumed,
                (_, Some(InterruptionState::Closed)) => &mut c.interrupted_closed,
                _ => &mut c.interrupted_not_resumed,
            };
            *slot = slot.saturating_add(1);
            if e.ivo_person_id.is_none() {
                c.entries_without_ivo_person_id = c.entries_without_ivo_person_id.saturating_add(1);
            }
            persons.insert(e.person());
        }
        c.unexecuted_persons = len_u64(unexecuted_persons.len());
        c.reported_decisions = len_u64(self.entries.len());
        c.reported_persons = len_u64(persons.len());
        c
    }

    /// The report as the CLI's JSON: `quarter` (`2024Q1`), `period_end`,
    /// `reports` (each with `id`, `kind`, `deadline`,
    /// `first_reportable_quarter`, `days_waiting`, `ivo_person_id` and the
    /// rest of [`ReportEntry`]), `statistics` ([`ReportCounts`]) and
    /// `id_collisions_resolved`. Never contains a person reference.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{LegalGender, Quarter};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::quarter::{QuarterReport, ReportKind};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2023, 11, 30)?, LegalGender::Female, 1941)?;
    /// let report = QuarterReport::compute(&[decision], "2024Q1".parse::<Quarter>()?)?;
    /// let json = report.to_json();
    /// assert_eq!(json["reports"][0]["kind"], "unexecuted");
    /// assert_eq!(json["statistics"]["unexecuted_persons"], 1);
    /// assert!(!json.to_string().contains("p-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Value {
        let c = self.counts();
        json!({
            "quarter": quarter_code(self.quarter),
            "period_end": self.period_end().to_string(),
            "reports": self.entries.iter().map(ReportEntry::to_json).collect::<Vec<_>>(),
            "statistics": {
                "unexecuted_decisions": c.unexecuted_decisions,
                "unexecuted_persons": c.unexecuted_persons,
                "executed_decisions": c.executed_decisions,
                "closed_decisions": c.closed_decisions,
                "interrupted_not_resumed": c.interrupted_not_resumed,
                "interrupted_resumed": c.interrupted_resumed,
                "interrupted_closed": c.interrupted_closed,
                "reported_decisions": c.reported_decisions,
                "reported_persons": c.reported_persons,
                "entries_without_ivo_person_id": c.entries_without_ivo_person_id,
            },
            "notices": self.notices.iter().map(ReportNotice::to_json).collect::<Vec<_>>(),
            "id_collisions_resolved": self.ids.collisions().len(),
        })
    }
}

/// A length as `u64` (saturating; lengths fit on every supported target).
pub(crate) fn len_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const Q1: (NaiveDate, NaiveDate) = (
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
    );

    #[test]
    fn classify_deadline_on_quarter_end_is_not_yet_late() {
        assert!(classify(d(2024, 3, 31), None, Q1.0, Q1.1).is_none());
        assert!(matches!(
            classify(d(2024, 3, 30), None, Q1.0, Q1.1),
            Some(None)
        ));
    }

    #[test]
    fn classify_end_on_deadline_day_is_in_time() {
        let end = Some(End::Done(d(2024, 2, 15)));
        assert!(classify(d(2024, 2, 15), end, Q1.0, Q1.1).is_none());
        let end = Some(End::Done(d(2024, 2, 16)));
        assert!(matches!(
            classify(d(2024, 2, 15), end, Q1.0, Q1.1),
            Some(Some(End::Done(_)))
        ));
    }

    #[test]
    fn classify_end_before_the_quarter_reports_nothing() {
        let end = Some(End::Closed(d(2023, 12, 20), "flyttat"));
        assert!(classify(d(2023, 11, 1), end, Q1.0, Q1.1).is_none());
    }

    #[test]
    fn classify_end_after_the_quarter_is_still_unexecuted() {
        let end = Some(End::Done(d(2024, 4, 2)));
        assert!(matches!(
            classify(d(2024, 1, 5), end, Q1.0, Q1.1),
            Some(None)
        ));
    }

    #[test]
    fn first_reportable_quarter_is_that_of_the_day_after_the_deadline() {
        assert_eq!(
            first_reportable(d(2024, 3, 31)).unwrap().to_string(),
            "Q2 2024"
        );
        assert_eq!(
            first_reportable(d(2024, 3, 30)).unwrap().to_string(),
            "Q1 2024"
        );
    }

    #[test]
    fn quarter_code_is_year_then_quarter() {
        assert_eq!(quarter_code(Quarter::try_new(2023, 4).unwrap()), "2023Q4");
    }
}
