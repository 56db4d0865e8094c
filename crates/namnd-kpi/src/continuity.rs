//! Staff continuity (*personalkontinuitet*) from a home-care visit log, by the
//! national definition (Kolada U21401 mean, U21402 median, and the share
//! meeting more than 20 staff, U21436).
//!
//! # Rules
//!
//! These rules define the result; nothing else is applied.
//!
//! 1. **Window.** 14 consecutive days from the start date `from`
//!    ([`WINDOW_DAYS`]): `from` up to and including `from + 13 days`. A visit
//!    belongs to the day on which it **starts**; visits starting outside the
//!    window are not counted.
//! 2. **Age.** Only recipients aged **65 or older on the first day** of the
//!    window ([`MIN_AGE`]). Age is in whole years; someone born on 29 February
//!    turns a year older on 1 March in other years.
//! 3. **Hours.** Only visits that start **at or after 07:00 and before 22:00**
//!    count: 06:59 and 22:00 do not, 07:00 and 21:59 do. The end time is
//!    checked (it may not lie before the start) but does not matter otherwise.
//! 4. **Visit types.** Safety alarm (`trygghetslarm`), meal delivery
//!    (`matleverans`, also `matleveranser`) and home health care (`hsl`, also
//!    `hemsjukvård`) are not counted. Types are compared case-insensitively,
//!    after trimming spaces. More types can be excluded with
//!    [`ContinuityConfig::with_excluded_type`].
//! 5. **Unknown visit types** (neither excluded nor among the known types
//!    `omsorg`, `service`, `hemtjänst`, `tillsyn` and those added with
//!    [`ContinuityConfig::with_counted_type`]) are **counted as ordinary
//!    visits and reported** in [`ContinuityResult::unknown_types`] (type,
//!    lowercased, or `(empty)` → number of rows), because the national definition excludes only the types
//!    above. [`UnknownVisitTypes::ExcludeAndReport`] excludes them instead; they
//!    are reported either way, never silently dropped.
//! 6. **Population.** A recipient belongs to the population once they have at
//!    least one row **inside the window** whose type is not excluded (rule 4,
//!    and unknown types under [`UnknownVisitTypes::ExcludeAndReport`]); rows
//!    outside the window or of excluded types alone add no one (they are only
//!    tallied in [`ContinuityResult::visits`]). A recipient in the population
//!    is **included only with at least two counted visits on every one of the
//!    14 days** ([`MIN_VISITS_PER_DAY`]). Everyone else in the population is
//!    excluded and counted under exactly one [`ExclusionReason`], checked in
//!    this order: rows with different birth dates (whatever their order or
//!    place), under 65 on the first day, no counted visits at all, fewer than
//!    two counted visits on some day (e.g. in hospital part of the window).
//! 7. **Value.** The value of an included recipient is the number of
//!    **distinct staff ids** over their counted visits (a double-staffed visit
//!    is two rows, and both staff count; a substitute is a person like any
//!    other).
//! 8. **Mean and median.** Over the included recipients; the median of an even
//!    number of values is the mean of the two middle ones. Both are computed
//!    exactly as [`Decimal`] and rounded **half away from zero to two
//!    decimals** at output ([`Rounding::HalfAwayFromZero`]); with no included
//!    recipient both are absent (`null` in JSON).
//! 9. **Many staff (U21436).** The number of included recipients who met
//!    **more than 20** distinct staff ([`MANY_STAFF_ABOVE`]; exactly 20 is not
//!    more than 20), and their share of the included recipients in percent:
//!    `100 × count / included`, computed exactly as [`Decimal`] and rounded
//!    **half away from zero to two decimals** at output, like the mean. With
//!    no included recipient the share is absent (`null`), never 0. (The
//!    Kolada id U21436 and the rule "more than 20 staff" come from the
//!    project's domain brief, which marks the id "verify"; check them against
//!    the Kolada KPI metadata before publishing the figure under that id.)
//! 10. **Units.** With a unit column, the same figures are given per unit
//!     ([`ContinuityResult::by_unit`]) as well as for the whole municipality. A
//!     recipient belongs to the unit of most of their counted visits (ties: the
//!     first unit name in sort order; without counted visits, most of their
//!     rows), so each recipient is counted in exactly one unit.
//!
//! # Streaming
//!
//! [`Continuity::add`] consumes visits one at a time, in any order, into
//! per-recipient state (birth date, a set of staff ids, a 14-day visit count
//! array, unit counts); the log itself is never held in memory. The result does
//! not depend on the order of the visits.
//!
//! Speed (issue 10, ≥ 5 M visits/s; figures in `docs/performance.md`): a
//! visit allocates nothing once its recipient, staff id and unit are known.
//! Ids and unit names are looked up by `&str` and copied only when new, a
//! visit type already in lower case is looked up as it is (only one with
//! capitals is lower-cased), and an error's location is built only for an
//! error. The maps use `foldhash` (also used by `namnd-budget` and the
//! default hasher of `hashbrown`): several times faster than SipHash on
//! short ids, randomly seeded, and minimally resistant to crafted collisions.
//!
//! # CSV input
//!
//! [`continuity_from_csv`] reads a log with the header
//! `brukare,fodd,personal,start,slut,typ` (recipient id or pseudonym, birth date
//! `YYYY-MM-DD`, staff id, start and end `YYYY-MM-DDTHH:MM`, visit type), plus
//! an optional unit column; all names can be mapped with [`VisitColumns`].
//! The log is read as bytes and each row's fields are decoded on their own:
//! rows with another number of fields than the header, a field that is not
//! UTF-8, an empty field, a malformed date or time, an end before the start
//! or a recipient or staff id that looks like a personnummer (the ids must be
//! pseudonyms; such a value is never echoed, reason
//! [`RejectionReason::Personnummer`]) are rejected and listed in the [`ImportSummary`] with file, line and column,
//! and counted per [`RejectionReason`]; the other rows are used. Only an I/O
//! error (or a header that cannot be read) stops the import. Values echoed in
//! a message are masked where they look like a personal identity number and
//! cut to 40 characters ([`namnd_core::quote_for_message`]); birth dates are
//! never repeated in a message.
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_kpi::continuity::{continuity_from_csv, ContinuityConfig, VisitColumns};
//!
//! // One recipient, born 1950, two visits a day for 14 days by three staff.
//! let mut csv = String::from("brukare,fodd,personal,start,slut,typ\n");
//! for day in 5..19 {
//!     csv += &format!("A,1950-01-01,p1,2026-10-{day:02}T08:00,2026-10-{day:02}T08:30,omsorg\n");
//!     let staff = if day % 2 == 0 { "p2" } else { "p3" };
//!     csv += &format!("A,1950-01-01,{staff},2026-10-{day:02}T18:00,2026-10-{day:02}T18:30,omsorg\n");
//! }
//! let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
//! let report = continuity_from_csv(csv.as_bytes(), "besok.csv", &VisitColumns::default(), ContinuityConfig::new(from))?;
//! assert_eq!(report.result.included, 1);
//! assert_eq!(report.result.mean.map(|m| m.to_string()), Some("3.00".to_string()));
//! assert_eq!(report.import.rows_accepted, 28);
//! let json = serde_json::to_value(&report)?;
//! assert_eq!(json["median"], "3.00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use foldhash::{HashMap, HashSet};
use namnd_core::{Decimal, Rounding, quote_for_message, redact_identity_numbers};
use serde::Serialize;

use crate::{KpiError, Result};

/// The length of the measurement window in days.
///
/// # Example
/// ```
/// assert_eq!(namnd_kpi::continuity::WINDOW_DAYS, 14);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const WINDOW_DAYS: usize = 14;

/// The minimum age on the first day of the window.
///
/// # Example
/// ```
/// assert_eq!(namnd_kpi::continuity::MIN_AGE, 65);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const MIN_AGE: u32 = 65;

/// The minimum number of counted visits on every day of the window.
///
/// # Example
/// ```
/// assert_eq!(namnd_kpi::continuity::MIN_VISITS_PER_DAY, 2);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const MIN_VISITS_PER_DAY: u32 = 2;

/// Rule 9 (U21436): a recipient who met more than this many distinct staff
/// counts in [`ContinuityStats::many_staff`].
///
/// # Example
/// ```
/// assert_eq!(namnd_kpi::continuity::MANY_STAFF_ABOVE, 20);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const MANY_STAFF_ABOVE: usize = 20;

/// How many row rejections an [`ImportSummary`] lists in detail (all are counted).
///
/// # Example
/// ```
/// assert!(namnd_kpi::continuity::MAX_LISTED_REJECTIONS >= 100);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const MAX_LISTED_REJECTIONS: usize = 1_000;

const DEFAULT_EXCLUDED_TYPES: [&str; 5] = [
    "trygghetslarm",
    "matleverans",
    "matleveranser",
    "hsl",
    "hemsjukvård",
];
const DEFAULT_COUNTED_TYPES: [&str; 4] = ["omsorg", "service", "hemtjänst", "tillsyn"];
const DATE_FORM: &str = "a date YYYY-MM-DD";
const TIME_FORM: &str = "a time YYYY-MM-DDTHH:MM";
const NON_EMPTY: &str = "a non-empty value";
const UTF8_TEXT: &str = "valid UTF-8 text";
const PSEUDONYM: &str = "a pseudonymous id, not a personnummer";
/// The most characters of an input value repeated in a message.
const MAX_QUOTED_CHARS: usize = 40;
/// The most characters of the CSV reader's own message repeated in
/// [`KpiError::VisitLogCsv`] (it names no field content, but may be long).
const MAX_READER_MESSAGE_CHARS: usize = 120;

/// What to do with visits of a type that is neither known nor excluded.
///
/// Either way they are reported in [`ContinuityResult::unknown_types`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{ContinuityConfig, UnknownVisitTypes};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let config = ContinuityConfig::new(from).unknown_types(UnknownVisitTypes::ExcludeAndReport);
/// assert_eq!(config.unknown_type_policy(), UnknownVisitTypes::ExcludeAndReport);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnknownVisitTypes {
    /// Count them as ordinary visits (the default: the national definition
    /// excludes only the listed types).
    CountAndReport,
    /// Do not count them.
    ExcludeAndReport,
}

/// The measurement window and the visit-type lists.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::ContinuityConfig;
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let config = ContinuityConfig::new(from).with_counted_type("Dusch")?.with_excluded_type("Ledsagning");
/// assert_eq!(config.last_day(), NaiveDate::from_ymd_opt(2026, 10, 18).ok_or("date")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinuityConfig {
    from: NaiveDate,
    counted_types: HashSet<String>,
    excluded_types: HashSet<String>,
    unknown: UnknownVisitTypes,
}

impl ContinuityConfig {
    /// The national definition for the 14 days starting on `from`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{ContinuityConfig, UnknownVisitTypes};
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let config = ContinuityConfig::new(from);
    /// assert_eq!(config.from(), from);
    /// assert_eq!(config.unknown_type_policy(), UnknownVisitTypes::CountAndReport);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(from: NaiveDate) -> Self {
        Self {
            from,
            counted_types: DEFAULT_COUNTED_TYPES
                .iter()
                .map(|t| (*t).to_owned())
                .collect(),
            excluded_types: DEFAULT_EXCLUDED_TYPES
                .iter()
                .map(|t| (*t).to_owned())
                .collect(),
            unknown: UnknownVisitTypes::CountAndReport,
        }
    }

    /// Adds a known, counted visit type (so it is not reported as unknown).
    ///
    /// A type added with [`with_excluded_type`](Self::with_excluded_type) is
    /// counted again; the national exclusions (`trygghetslarm`, `matleverans`,
    /// `matleveranser`, `hsl`, `hemsjukvård`) cannot be.
    ///
    /// # Errors
    /// [`KpiError::NationalExclusionNotCountable`] for a national exclusion.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::ContinuityConfig;
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let config = ContinuityConfig::new(from).with_counted_type("Inköp")?;
    /// assert!(config.clone().with_counted_type(" HSL ").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_counted_type(mut self, visit_type: &str) -> Result<Self> {
        let key = normalise_type(visit_type);
        if DEFAULT_EXCLUDED_TYPES.contains(&key.as_str()) {
            return Err(KpiError::NationalExclusionNotCountable {
                visit_type: redact_identity_numbers(&key).into_owned(),
            });
        }
        self.excluded_types.remove(&key);
        self.counted_types.insert(key);
        Ok(self)
    }

    /// Adds an excluded visit type (on top of trygghetslarm, matleverans, hsl).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::ContinuityConfig;
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let config = ContinuityConfig::new(from).with_excluded_type("Korttid");
    /// # let _ = config;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_excluded_type(mut self, visit_type: &str) -> Self {
        let key = normalise_type(visit_type);
        self.counted_types.remove(&key);
        self.excluded_types.insert(key);
        self
    }

    /// Sets what happens to visits of unknown types.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{ContinuityConfig, UnknownVisitTypes};
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let config = ContinuityConfig::new(from).unknown_types(UnknownVisitTypes::ExcludeAndReport);
    /// # let _ = config;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn unknown_types(mut self, policy: UnknownVisitTypes) -> Self {
        self.unknown = policy;
        self
    }

    /// The policy for unknown visit types.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{ContinuityConfig, UnknownVisitTypes};
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// assert_eq!(ContinuityConfig::new(from).unknown_type_policy(), UnknownVisitTypes::CountAndReport);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn unknown_type_policy(&self) -> UnknownVisitTypes {
        self.unknown
    }

    /// The first day of the window.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::ContinuityConfig;
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// assert_eq!(ContinuityConfig::new(from).from(), from);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day of the window (the 14th day, inclusive).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::ContinuityConfig;
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 12, 25).ok_or("date")?;
    /// assert_eq!(ContinuityConfig::new(from).last_day(), NaiveDate::from_ymd_opt(2027, 1, 7).ok_or("date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn last_day(&self) -> NaiveDate {
        self.from
            .checked_add_days(chrono::Days::new(WINDOW_DAYS as u64 - 1))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The class of a visit type. No allocation for a type written in lower
    /// case (the usual log): the trimmed text is looked up as it is; only a
    /// type with capitals is lower-cased first.
    fn classify(&self, visit_type: &str) -> TypeClass {
        let trimmed = visit_type.trim();
        let lowered;
        let key = if is_lowercase(trimmed) {
            trimmed
        } else {
            lowered = trimmed.to_lowercase();
            lowered.as_str()
        };
        if self.excluded_types.contains(key) {
            TypeClass::Excluded
        } else if self.counted_types.contains(key) {
            TypeClass::Counted
        } else {
            TypeClass::Unknown
        }
    }
}

enum TypeClass {
    Counted,
    Excluded,
    /// Neither: [`normalise_type`] gives its name for the report.
    Unknown,
}

/// Whether `text.to_lowercase() == text`, without allocating: every
/// character is its own lower case (`str::to_lowercase` maps each character
/// on its own except a capital sigma, which is not its own lower case).
fn is_lowercase(text: &str) -> bool {
    if text.is_ascii() {
        return !text.bytes().any(|b| b.is_ascii_uppercase());
    }
    text.chars().all(|c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    })
}

fn normalise_type(visit_type: &str) -> String {
    visit_type.trim().to_lowercase()
}

/// One row of a visit log.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::Visit;
///
/// let day = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let start = day.and_hms_opt(8, 0, 0).ok_or("time")?;
/// let end = day.and_hms_opt(8, 30, 0).ok_or("time")?;
/// let born = NaiveDate::from_ymd_opt(1950, 1, 1).ok_or("date")?;
/// let visit = Visit::new("A", born, "p1", start, end, "omsorg").with_unit("Norr");
/// assert_eq!(visit.unit, Some("Norr"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Visit<'a> {
    /// Recipient id or pseudonym.
    pub recipient: &'a str,
    /// The recipient's birth date.
    pub birth_date: NaiveDate,
    /// Staff id.
    pub staff: &'a str,
    /// Start of the visit.
    pub start: NaiveDateTime,
    /// End of the visit.
    pub end: NaiveDateTime,
    /// Visit type, as written in the log.
    pub visit_type: &'a str,
    /// The unit (*enhet*, *område*), when the log has one.
    pub unit: Option<&'a str>,
}

impl<'a> Visit<'a> {
    /// A visit without a unit.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::Visit;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let at = day.and_hms_opt(7, 0, 0).ok_or("time")?;
    /// let visit = Visit::new("A", NaiveDate::from_ymd_opt(1950, 1, 1).ok_or("date")?, "p1", at, at, "HSL");
    /// assert_eq!(visit.unit, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        recipient: &'a str,
        birth_date: NaiveDate,
        staff: &'a str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        visit_type: &'a str,
    ) -> Self {
        Self {
            recipient,
            birth_date,
            staff,
            start,
            end,
            visit_type,
            unit: None,
        }
    }

    /// The same visit, in `unit`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::Visit;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let at = day.and_hms_opt(9, 0, 0).ok_or("time")?;
    /// let visit = Visit::new("A", day, "p1", at, at, "omsorg").with_unit("Söder");
    /// assert_eq!(visit.unit, Some("Söder"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_unit(mut self, unit: &'a str) -> Self {
        self.unit = Some(unit);
        self
    }
}

/// Why a recipient in the log is not in the population.
///
/// Serialised as `conflicting_birth_dates`, `under_65`, `no_counted_visits`,
/// `too_few_visits_on_some_day`.
///
/// # Example
/// ```
/// use namnd_kpi::continuity::ExclusionReason;
///
/// assert_eq!(ExclusionReason::UnderAge.as_str(), "under_65");
/// assert_eq!(serde_json::to_string(&ExclusionReason::TooFewVisitsOnSomeDay)?, r#""too_few_visits_on_some_day""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub enum ExclusionReason {
    /// Rows of the recipient give different birth dates, so the age is unknown.
    #[serde(rename = "conflicting_birth_dates")]
    ConflictingBirthDates,
    /// Younger than 65 on the first day of the window.
    #[serde(rename = "under_65")]
    UnderAge,
    /// No visit in the window counted (all outside the hours, excluded types…).
    #[serde(rename = "no_counted_visits")]
    NoCountedVisits,
    /// Fewer than two counted visits on at least one of the 14 days.
    #[serde(rename = "too_few_visits_on_some_day")]
    TooFewVisitsOnSomeDay,
}

impl ExclusionReason {
    /// Every reason, in the order they are checked.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::continuity::ExclusionReason;
    /// assert_eq!(ExclusionReason::ALL.len(), 4);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub const ALL: [ExclusionReason; 4] = [
        ExclusionReason::ConflictingBirthDates,
        ExclusionReason::UnderAge,
        ExclusionReason::NoCountedVisits,
        ExclusionReason::TooFewVisitsOnSomeDay,
    ];

    /// The name used in JSON output.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::continuity::ExclusionReason;
    /// assert_eq!(ExclusionReason::NoCountedVisits.as_str(), "no_counted_visits");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::ConflictingBirthDates => "conflicting_birth_dates",
            ExclusionReason::UnderAge => "under_65",
            ExclusionReason::NoCountedVisits => "no_counted_visits",
            ExclusionReason::TooFewVisitsOnSomeDay => "too_few_visits_on_some_day",
        }
    }
}

impl std::fmt::Display for ExclusionReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Included count, exclusions, mean and median for one population (the
/// municipality or one unit).
///
/// `mean` and `median` are rounded half away from zero to two decimals and
/// serialised as strings with two decimals (`"12.50"`), or `null` when no
/// recipient is included. `excluded` always lists every reason.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{Continuity, ContinuityConfig, ExclusionReason};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let result = Continuity::new(ContinuityConfig::new(from)).finish()?;
/// assert_eq!(result.included, 0);
/// assert_eq!(result.excluded.get(&ExclusionReason::UnderAge), Some(&0));
/// assert_eq!(result.mean, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContinuityStats {
    /// Number of recipients included.
    pub included: u64,
    /// Number of recipients excluded, per reason.
    pub excluded: BTreeMap<ExclusionReason, u64>,
    /// Mean number of distinct staff (U21401), two decimals.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub mean: Option<Decimal>,
    /// Median number of distinct staff (U21402), two decimals.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub median: Option<Decimal>,
    /// Included recipients who met more than [`MANY_STAFF_ABOVE`] (20)
    /// distinct staff.
    pub many_staff: u64,
    /// `many_staff` in percent of `included` (U21436), rounded half away from
    /// zero to two decimals; `None` (JSON `null`) with no included recipient.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub many_staff_share: Option<Decimal>,
}

/// Counts of visit rows by what happened to them.
///
/// `unknown_type` overlaps the others: an unknown-type visit is also counted,
/// outside the window, outside the hours or (with
/// [`UnknownVisitTypes::ExcludeAndReport`]) excluded by type.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{Continuity, ContinuityConfig, Visit};
///
/// let day = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let mut continuity = Continuity::new(ContinuityConfig::new(day));
/// let at = day.and_hms_opt(6, 59, 0).ok_or("time")?;
/// continuity.add(&Visit::new("A", NaiveDate::from_ymd_opt(1950, 1, 1).ok_or("date")?, "p1", at, at, "omsorg"))?;
/// let visits = continuity.finish()?.visits;
/// assert_eq!((visits.read, visits.outside_hours, visits.counted), (1, 1, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct VisitCounts {
    /// Visits added.
    pub read: u64,
    /// Visits that count.
    pub counted: u64,
    /// Visits starting outside the 14-day window (they add no recipient to
    /// the population).
    pub outside_window: u64,
    /// Visits in the window starting before 07:00 or at or after 22:00.
    pub outside_hours: u64,
    /// Visits of an excluded type.
    pub excluded_type: u64,
    /// Visits of an unknown type (see [`ContinuityResult::unknown_types`]).
    pub unknown_type: u64,
}

/// The staff continuity of a window, for the municipality and per unit.
///
/// Serialises to the JSON of the CLI contract: `from`, `to`, `included`,
/// `excluded` (reason → count), `mean`, `median` (strings with two decimals,
/// or `null`), `many_staff` and `many_staff_share` (U21436, a percentage as a
/// string with two decimals, or `null`), `by_unit` (when a unit column was
/// given, even with no rows, or the visits had units), `merged_units` (only
/// when masked unit names collided), `visits` and `unknown_types`.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{Continuity, ContinuityConfig};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let result = Continuity::new(ContinuityConfig::new(from)).finish()?;
/// let json = serde_json::to_value(&result)?;
/// assert_eq!(json["to"], "2026-10-18");
/// assert_eq!(json["excluded"]["under_65"], 0);
/// assert!(json.get("by_unit").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContinuityResult {
    /// First day of the window.
    #[serde(serialize_with = "serialize_date")]
    pub from: NaiveDate,
    /// Last day of the window (inclusive).
    #[serde(serialize_with = "serialize_date")]
    pub to: NaiveDate,
    /// Number of recipients included (the municipality).
    pub included: u64,
    /// Recipients excluded, per reason (the municipality).
    pub excluded: BTreeMap<ExclusionReason, u64>,
    /// Mean (U21401), rounded half away from zero to two decimals.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub mean: Option<Decimal>,
    /// Median (U21402), rounded half away from zero to two decimals.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub median: Option<Decimal>,
    /// Included recipients who met more than [`MANY_STAFF_ABOVE`] (20)
    /// distinct staff (the municipality).
    pub many_staff: u64,
    /// `many_staff` in percent of `included` (U21436), rounded half away from
    /// zero to two decimals; `None` (JSON `null`) with no included recipient.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub many_staff_share: Option<Decimal>,
    /// The same per unit, when a unit column was given (an empty map when
    /// no visit had a unit) or the visits had units. Keyed on the unit name
    /// with identity numbers masked; units whose names differ only in a
    /// masked part are merged and listed in `merged_units`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_unit: Option<BTreeMap<String, ContinuityStats>>,
    /// Unit names (masked) under which more than one distinct unit name of
    /// the log was merged → the number of distinct names merged. Empty (and
    /// absent from the JSON) when no names collided.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub merged_units: BTreeMap<String, u64>,
    /// What happened to the visit rows.
    pub visits: VisitCounts,
    /// Unknown visit types (lowercased) → number of rows.
    pub unknown_types: BTreeMap<String, u64>,
}

#[derive(Debug, Clone)]
struct RecipientState {
    /// The first birth date seen (unused when `conflicting_birth_dates`).
    birth_date: NaiveDate,
    /// Rows gave different birth dates.
    conflicting_birth_dates: bool,
    /// At least one row in the window of a type that is not excluded.
    in_population: bool,
    staff: HashSet<String>,
    per_day: [u32; WINDOW_DAYS],
    counted: u64,
    /// unit → (counted visits, rows)
    units: BTreeMap<String, (u64, u64)>,
}

/// The streaming computation: add visits one at a time, then [`finish`](Continuity::finish).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{Continuity, ContinuityConfig, Visit};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let born = NaiveDate::from_ymd_opt(1940, 3, 1).ok_or("date")?;
/// let mut continuity = Continuity::new(ContinuityConfig::new(from));
/// for day in from.iter_days().take(14) {
///     for (hour, staff) in [(8, "p1"), (20, "p2")] {
///         let at = day.and_hms_opt(hour, 0, 0).ok_or("time")?;
///         continuity.add(&Visit::new("A", born, staff, at, at, "omsorg"))?;
///     }
/// }
/// let result = continuity.finish()?;
/// assert_eq!(result.included, 1);
/// assert_eq!(result.median.map(|m| m.to_string()), Some("2.00".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Continuity {
    config: ContinuityConfig,
    recipients: HashMap<String, RecipientState>,
    visits: VisitCounts,
    unknown_types: BTreeMap<String, u64>,
    has_units: bool,
    /// Masked unit name → the distinct unit names read under it.
    unit_names: HashMap<String, HashSet<String>>,
}

impl Continuity {
    /// An empty computation for `config`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{Continuity, ContinuityConfig};
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let continuity = Continuity::new(ContinuityConfig::new(from));
    /// assert_eq!(continuity.finish()?.included, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(config: ContinuityConfig) -> Self {
        Self {
            config,
            recipients: HashMap::default(),
            visits: VisitCounts::default(),
            unknown_types: BTreeMap::new(),
            has_units: false,
            unit_names: HashMap::default(),
        }
    }

    /// Consumes one visit.
    ///
    /// A recipient whose visits give different birth dates is excluded as
    /// [`ExclusionReason::ConflictingBirthDates`], whatever the order.
    ///
    /// # Errors
    /// [`KpiError::VisitEndsBeforeStart`] (the location is "visit N", N
    /// counting the visits added from 1); the visit is then ignored.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{Continuity, ContinuityConfig, Visit};
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let (start, end) = (day.and_hms_opt(9, 0, 0).ok_or("time")?, day.and_hms_opt(8, 0, 0).ok_or("time")?);
    /// let mut continuity = Continuity::new(ContinuityConfig::new(day));
    /// let Err(err) = continuity.add(&Visit::new("A", day, "p1", start, end, "omsorg")) else {
    ///     return Err("a visit ending before it starts must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "visit 1 ends at 2026-10-05T08:00 before it starts at 2026-10-05T09:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, visit: &Visit<'_>) -> Result<()> {
        let number = self.visits.read.saturating_add(1);
        self.add_at(visit, || format!("visit {number}"))
    }

    /// [`add`](Self::add) with the error's location, built only for an error.
    fn add_at(&mut self, visit: &Visit<'_>, location: impl FnOnce() -> String) -> Result<()> {
        // Every visit counts as read, rejected ones included.
        self.visits.read = self.visits.read.saturating_add(1);
        if visit.end < visit.start {
            return Err(KpiError::VisitEndsBeforeStart {
                location: location(),
                start: visit.start,
                end: visit.end,
            });
        }
        let counted_type = match self.config.classify(visit.visit_type) {
            TypeClass::Counted => true,
            TypeClass::Excluded => false,
            TypeClass::Unknown => {
                let name = normalise_type(visit.visit_type);
                let name = if name.is_empty() {
                    "(empty)".to_owned()
                } else {
                    name
                };
                self.visits.unknown_type = self.visits.unknown_type.saturating_add(1);
                let name = quote_for_message(&name, MAX_QUOTED_CHARS);
                let entry = self.unknown_types.entry(name).or_insert(0);
                *entry = entry.saturating_add(1);
                self.config.unknown == UnknownVisitTypes::CountAndReport
            }
        };
        let day = usize::try_from((visit.start.date() - self.config.from).num_days())
            .ok()
            .filter(|day| *day < WINDOW_DAYS);
        let counted = if day.is_none() {
            self.visits.outside_window = self.visits.outside_window.saturating_add(1);
            false
        } else if !within_hours(visit.start.time()) {
            self.visits.outside_hours = self.visits.outside_hours.saturating_add(1);
            false
        } else if !counted_type {
            self.visits.excluded_type = self.visits.excluded_type.saturating_add(1);
            false
        } else {
            self.visits.counted = self.visits.counted.saturating_add(1);
            true
        };
        // Looked up by `&str`: the id is copied only for a new recipient.
        if !self.recipients.contains_key(visit.recipient) {
            self.recipients.insert(
                visit.recipient.to_owned(),
                RecipientState {
                    birth_date: visit.birth_date,
                    conflicting_birth_dates: false,
                    in_population: false,
                    staff: HashSet::default(),
                    per_day: [0; WINDOW_DAYS],
                    counted: 0,
                    units: BTreeMap::new(),
                },
            );
        }
        let Some(state) = self.recipients.get_mut(visit.recipient) else {
            // Inserted just above.
            return Ok(());
        };
        if state.birth_date != visit.birth_date {
            state.conflicting_birth_dates = true;
        }
        if day.is_some() && counted_type {
            state.in_population = true;
        }
        if let Some(unit) = visit.unit {
            self.has_units = true;
            // Keyed on the masked name from the start, so units whose names
            // collide once masked are merged per recipient too.
            // Names are copied only the first time they are seen.
            let masked = redact_identity_numbers(unit);
            if !self.unit_names.contains_key(masked.as_ref()) {
                self.unit_names
                    .insert(masked.clone().into_owned(), HashSet::default());
            }
            if let Some(names) = self.unit_names.get_mut(masked.as_ref())
                && !names.contains(unit)
            {
                names.insert(unit.to_owned());
            }
            if !state.units.contains_key(masked.as_ref()) {
                state.units.insert(masked.clone().into_owned(), (0, 0));
            }
            let Some(entry) = state.units.get_mut(masked.as_ref()) else {
                // Inserted just above.
                return Ok(());
            };
            entry.1 = entry.1.saturating_add(1);
            if counted {
                entry.0 = entry.0.saturating_add(1);
            }
        }
        if counted {
            state.counted = state.counted.saturating_add(1);
            if let Some(slot) = day.and_then(|day| state.per_day.get_mut(day)) {
                *slot = slot.saturating_add(1);
            }
            if !state.staff.contains(visit.staff) {
                state.staff.insert(visit.staff.to_owned());
            }
        }
        Ok(())
    }

    /// Applies the population rules and computes mean and median.
    ///
    /// # Errors
    /// [`KpiError::ContinuityOverflow`] if a sum does not fit in a decimal
    /// (not reachable with real logs).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_kpi::continuity::{Continuity, ContinuityConfig, ExclusionReason, Visit};
    ///
    /// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
    /// let born = NaiveDate::from_ymd_opt(1961, 10, 6).ok_or("date")?; // 64 on 5 October 2026
    /// let at = from.and_hms_opt(8, 0, 0).ok_or("time")?;
    /// let mut continuity = Continuity::new(ContinuityConfig::new(from));
    /// continuity.add(&Visit::new("A", born, "p1", at, at, "omsorg"))?;
    /// let result = continuity.finish()?;
    /// assert_eq!(result.excluded.get(&ExclusionReason::UnderAge), Some(&1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish(self) -> Result<ContinuityResult> {
        let from = self.config.from;
        let mut all = Group::default();
        let mut units: BTreeMap<String, Group> = BTreeMap::new();
        for state in self.recipients.values().filter(|s| s.in_population) {
            let outcome = outcome(state, from);
            all.push(outcome);
            if let Some(unit) = home_unit(state) {
                units.entry(unit.to_owned()).or_default().push(outcome);
            }
        }
        let overall = all.stats()?;
        let by_unit = if self.has_units {
            let mut map = BTreeMap::new();
            for (unit, group) in units {
                map.insert(unit, group.stats()?);
            }
            Some(map)
        } else {
            None
        };
        let merged_units = self
            .unit_names
            .into_iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(unit, names)| (unit, u64::try_from(names.len()).unwrap_or(u64::MAX)))
            .collect();
        Ok(ContinuityResult {
            from,
            to: self.config.last_day(),
            included: overall.included,
            excluded: overall.excluded,
            mean: overall.mean,
            median: overall.median,
            many_staff: overall.many_staff,
            many_staff_share: overall.many_staff_share,
            by_unit,
            merged_units,
            visits: self.visits,
            unknown_types: self.unknown_types,
        })
    }
}

fn within_hours(time: NaiveTime) -> bool {
    let opens = NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN);
    let closes = NaiveTime::from_hms_opt(22, 0, 0).unwrap_or(NaiveTime::MIN);
    time >= opens && time < closes
}

/// Age in whole years on `day` (0 if born after `day`).
fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    if day < birth {
        return 0;
    }
    let years = day.year() - birth.year();
    let before_birthday = (day.month(), day.day()) < (birth.month(), birth.day());
    u32::try_from(if before_birthday { years - 1 } else { years }).unwrap_or(0)
}

fn outcome(state: &RecipientState, from: NaiveDate) -> std::result::Result<usize, ExclusionReason> {
    if state.conflicting_birth_dates {
        Err(ExclusionReason::ConflictingBirthDates)
    } else if age_on(state.birth_date, from) < MIN_AGE {
        Err(ExclusionReason::UnderAge)
    } else if state.counted == 0 {
        Err(ExclusionReason::NoCountedVisits)
    } else if state.per_day.iter().any(|n| *n < MIN_VISITS_PER_DAY) {
        Err(ExclusionReason::TooFewVisitsOnSomeDay)
    } else {
        Ok(state.staff.len())
    }
}

/// The unit with most counted visits (then most rows; ties: first name).
fn home_unit(state: &RecipientState) -> Option<&str> {
    let mut best: Option<(&str, (u64, u64))> = None;
    for (unit, counts) in &state.units {
        if best.is_none_or(|(_, b)| *counts > b) {
            best = Some((unit.as_str(), *counts));
        }
    }
    best.map(|(unit, _)| unit)
}

#[derive(Default)]
struct Group {
    values: Vec<usize>,
    excluded: BTreeMap<ExclusionReason, u64>,
}

impl Group {
    fn push(&mut self, outcome: std::result::Result<usize, ExclusionReason>) {
        match outcome {
            Ok(value) => self.values.push(value),
            Err(reason) => {
                let entry = self.excluded.entry(reason).or_insert(0);
                *entry = entry.saturating_add(1);
            }
        }
    }

    fn stats(mut self) -> Result<ContinuityStats> {
        for reason in ExclusionReason::ALL {
            self.excluded.entry(reason).or_insert(0);
        }
        self.values.sort_unstable();
        let n = self.values.len();
        let overflow = |what| KpiError::ContinuityOverflow { what };
        let mut sum = Decimal::ZERO;
        for value in &self.values {
            sum = sum
                .checked_add(Decimal::from(*value))
                .ok_or(overflow("sum"))?;
        }
        let (mean, median) = if n == 0 {
            (None, None)
        } else {
            let mean = sum.checked_div(Decimal::from(n)).ok_or(overflow("mean"))?;
            let middle = |i: usize| self.values.get(i).copied().map(Decimal::from);
            let median = if n % 2 == 1 {
                middle(n / 2)
            } else {
                match (middle(n / 2 - 1), middle(n / 2)) {
                    (Some(a), Some(b)) => {
                        a.checked_add(b).and_then(|s| s.checked_div(Decimal::TWO))
                    }
                    _ => None,
                }
            }
            .ok_or(overflow("median"))?;
            (Some(round2(mean)?), Some(round2(median)?))
        };
        let many = self
            .values
            .iter()
            .filter(|v| **v > MANY_STAFF_ABOVE)
            .count();
        let many_staff_share = share_percent(many, n)?.map(round2).transpose()?;
        Ok(ContinuityStats {
            included: u64::try_from(n).unwrap_or(u64::MAX),
            excluded: self.excluded,
            mean,
            median,
            many_staff: u64::try_from(many).unwrap_or(u64::MAX),
            many_staff_share,
        })
    }
}

/// `100 × part / whole`, unrounded; `None` when `whole` is 0.
fn share_percent(part: usize, whole: usize) -> Result<Option<Decimal>> {
    if whole == 0 {
        return Ok(None);
    }
    Decimal::from(part)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(Decimal::from(whole)))
        .map(Some)
        .ok_or(KpiError::ContinuityOverflow {
            what: "share meeting more than 20 staff",
        })
}

/// Rounds half away from zero to two decimals and fixes the scale at two.
fn round2(value: Decimal) -> Result<Decimal> {
    let mut rounded = Rounding::HalfAwayFromZero.round(value, 2)?;
    rounded.rescale(2);
    Ok(rounded)
}

fn serialize_two_decimals<S: serde::Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match value {
        Some(value) => {
            let mut value = *value;
            value.rescale(2);
            serializer.collect_str(&value)
        }
        None => serializer.serialize_none(),
    }
}

fn serialize_date<S: serde::Serializer>(
    value: &NaiveDate,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

// ------------------------------------------------------------------- CSV

/// Column names of a visit log (defaults: `brukare`, `fodd`, `personal`,
/// `start`, `slut`, `typ`, no unit column). Names are matched exactly after
/// trimming spaces and a byte-order mark.
///
/// # Example
/// ```
/// use namnd_kpi::continuity::VisitColumns;
///
/// let columns = VisitColumns::default().recipient("kund").unit("enhet");
/// assert_eq!(columns.recipient_column(), "kund");
/// assert_eq!(columns.unit_column(), Some("enhet"));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitColumns {
    recipient: String,
    birth_date: String,
    staff: String,
    start: String,
    end: String,
    visit_type: String,
    unit: Option<String>,
}

impl Default for VisitColumns {
    fn default() -> Self {
        Self {
            recipient: "brukare".into(),
            birth_date: "fodd".into(),
            staff: "personal".into(),
            start: "start".into(),
            end: "slut".into(),
            visit_type: "typ".into(),
            unit: None,
        }
    }
}

macro_rules! column_setter {
    ($name:ident, $doc:literal) => {
        #[doc = concat!("Sets the name of the ", $doc, " column.")]
        ///
        /// # Example
        /// ```
        /// use namnd_kpi::continuity::VisitColumns;
        #[doc = concat!("let columns = VisitColumns::default().", stringify!($name), "(\"x\");")]
        /// # let _ = columns;
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        #[must_use]
        pub fn $name(mut self, name: &str) -> Self {
            self.$name = name.to_owned();
            self
        }
    };
}

impl VisitColumns {
    column_setter!(recipient, "recipient id");
    column_setter!(birth_date, "birth date");
    column_setter!(staff, "staff id");
    column_setter!(start, "start time");
    column_setter!(end, "end time");
    column_setter!(visit_type, "visit type");

    /// Reads units from the column `name`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::continuity::VisitColumns;
    /// assert_eq!(VisitColumns::default().unit("enhet").unit_column(), Some("enhet"));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    #[must_use]
    pub fn unit(mut self, name: &str) -> Self {
        self.unit = Some(name.to_owned());
        self
    }

    /// The recipient column name.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::continuity::VisitColumns;
    /// assert_eq!(VisitColumns::default().recipient_column(), "brukare");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    #[must_use]
    pub fn recipient_column(&self) -> &str {
        &self.recipient
    }

    /// The unit column name, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::continuity::VisitColumns;
    /// assert_eq!(VisitColumns::default().unit_column(), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    #[must_use]
    pub fn unit_column(&self) -> Option<&str> {
        self.unit.as_deref()
    }
}

/// One rejected row of a visit log.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{continuity_from_csv, ContinuityConfig, VisitColumns};
///
/// let csv = "brukare,fodd,personal,start,slut,typ\nA,1950-13-01,p1,2026-10-05T08:00,2026-10-05T08:30,omsorg\n";
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let report = continuity_from_csv(csv.as_bytes(), "besok.csv", &VisitColumns::default(), ContinuityConfig::new(from))?;
/// let rejection = report.import.rejections.first().ok_or("no rejection")?;
/// assert_eq!((rejection.line, rejection.column.as_deref()), (2, Some("fodd")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RowRejection {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// Why, as a category (counted in [`ImportSummary::rejected_by_reason`]).
    pub reason: RejectionReason,
    /// What was wrong.
    #[serde(rename = "message", serialize_with = "serialize_display")]
    pub error: KpiError,
}

fn serialize_display<S: serde::Serializer>(
    value: &KpiError,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Why a visit-log row was rejected.
///
/// Serialises in snake_case (`field_count`, `invalid_utf8`, …).
///
/// # Example
/// ```
/// use namnd_kpi::continuity::RejectionReason;
/// assert_eq!(serde_json::to_value(RejectionReason::InvalidUtf8)?, "invalid_utf8");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RejectionReason {
    /// Another number of fields than the header ([`KpiError::VisitRowFieldCount`]).
    FieldCount,
    /// A field that is not valid UTF-8 ([`KpiError::InvalidVisitField`]).
    InvalidUtf8,
    /// An empty required field.
    EmptyField,
    /// A birth date not in the form `YYYY-MM-DD`, or no such day.
    InvalidDate,
    /// A start or end not in the form `YYYY-MM-DDTHH:MM`, or no such time.
    InvalidTime,
    /// The visit ends before it starts ([`KpiError::VisitEndsBeforeStart`]).
    EndsBeforeStart,
    /// A personnummer (or samordningsnummer, or anything shaped like one)
    /// where a pseudonymous id is expected: the recipient (`brukare`) or the
    /// staff id (`personal`). The value is never echoed.
    Personnummer,
}

/// What an import read, used and rejected.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{continuity_from_csv, ContinuityConfig, VisitColumns};
///
/// let csv = "brukare,fodd,personal,start,slut,typ\nA,1950-01-01,p1,2026-10-05 08:00,2026-10-05T08:30,omsorg\n";
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let import = continuity_from_csv(csv.as_bytes(), "besok.csv", &VisitColumns::default(), ContinuityConfig::new(from))?.import;
/// assert_eq!((import.rows_read, import.rows_accepted, import.rows_rejected), (1, 0, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportSummary {
    /// The file name given.
    pub file: String,
    /// Data rows read (the header not included).
    pub rows_read: u64,
    /// Rows used.
    pub rows_accepted: u64,
    /// Rows rejected.
    pub rows_rejected: u64,
    /// Rejected rows counted per reason (every reason present, 0 if none).
    pub rejected_by_reason: BTreeMap<RejectionReason, u64>,
    /// The first [`MAX_LISTED_REJECTIONS`] rejections, in file order.
    pub rejections: Vec<RowRejection>,
}

/// A continuity result with the summary of the import that produced it.
///
/// Serialises as the result's fields plus `import`.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{continuity_from_csv, ContinuityConfig, VisitColumns};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let report = continuity_from_csv("brukare,fodd,personal,start,slut,typ\n".as_bytes(), "tom.csv", &VisitColumns::default(), ContinuityConfig::new(from))?;
/// let json = serde_json::to_value(&report)?;
/// assert_eq!(json["included"], 0);
/// assert_eq!(json["import"]["rows_read"], 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContinuityReport {
    /// The result.
    #[serde(flatten)]
    pub result: ContinuityResult,
    /// The import summary.
    pub import: ImportSummary,
}

struct ColumnIndex {
    recipient: usize,
    birth_date: usize,
    staff: usize,
    start: usize,
    end: usize,
    visit_type: usize,
    unit: Option<usize>,
}

/// Computes staff continuity from a CSV visit log read from `reader`.
///
/// `file` names the source in messages. The log is read as bytes and each
/// row's fields are decoded on their own, so a bad row (wrong number of
/// fields, a field that is not UTF-8, an empty or malformed field, an end
/// before the start, a recipient or staff id that looks like a personnummer)
/// is rejected with its line and column and counted per
/// [`RejectionReason`] in [`ContinuityReport::import`]; the rest are used.
///
/// # Errors
/// [`KpiError::VisitLogColumnMissing`] if the header lacks a column,
/// [`KpiError::VisitLogCsv`] if the input cannot be read (an I/O error, or a
/// header that is not UTF-8) — rows never stop the import;
/// [`KpiError::ContinuityOverflow`] as [`Continuity::finish`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::continuity::{continuity_from_csv, ContinuityConfig, VisitColumns};
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or("date")?;
/// let Err(err) = continuity_from_csv("brukare,fodd\n".as_bytes(), "besok.csv", &VisitColumns::default(), ContinuityConfig::new(from)) else {
///     return Err("a missing column must be an error".into());
/// };
/// assert_eq!(err.to_string(), r#"visit log besok.csv has no column "personal" in its header"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn continuity_from_csv<R: Read>(
    reader: R,
    file: &str,
    columns: &VisitColumns,
    config: ContinuityConfig,
) -> Result<ContinuityReport> {
    let file_name = redact_identity_numbers(file).into_owned();
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let read_error = |line: u64, message: &str| KpiError::VisitLogCsv {
        location: format!("{file_name} line {line}"),
        message: quote_for_message(message, MAX_READER_MESSAGE_CHARS),
    };
    let header_bytes = csv
        .byte_headers()
        .map_err(|e| read_error(1, &e.to_string()))?
        .clone();
    let mut headers = Vec::with_capacity(header_bytes.len());
    for field in &header_bytes {
        let name = std::str::from_utf8(field)
            .map_err(|_| read_error(1, "the header is not valid UTF-8"))?;
        headers.push(name.trim_start_matches('\u{feff}').trim().to_owned());
    }
    let find = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| KpiError::VisitLogColumnMissing {
                file: file_name.clone(),
                column: quote_for_message(name, MAX_QUOTED_CHARS),
            })
    };
    let index = ColumnIndex {
        recipient: find(&columns.recipient)?,
        birth_date: find(&columns.birth_date)?,
        staff: find(&columns.staff)?,
        start: find(&columns.start)?,
        end: find(&columns.end)?,
        visit_type: find(&columns.visit_type)?,
        unit: columns.unit.as_deref().map(find).transpose()?,
    };
    let mut continuity = Continuity::new(config);
    // A unit column was asked for: `by_unit` is given even if no row has one.
    continuity.has_units = columns.unit.is_some();
    let mut summary = ImportSummary {
        file: file_name.clone(),
        rows_read: 0,
        rows_accepted: 0,
        rows_rejected: 0,
        rejected_by_reason: BTreeMap::new(),
        rejections: Vec::new(),
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let fallback_line = summary.rows_read.saturating_add(2);
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // With flexible records and bytes, only I/O can fail here.
            Err(error) => {
                let line = error.position().map_or(fallback_line, csv::Position::line);
                return Err(read_error(line, &error.to_string()));
            }
        }
        summary.rows_read = summary.rows_read.saturating_add(1);
        let line = record.position().map_or(fallback_line, csv::Position::line);
        if record.len() != headers.len() {
            let error = KpiError::VisitRowFieldCount {
                location: format!("{file_name} line {line}"),
                found: record.len(),
                expected: headers.len(),
            };
            reject(&mut summary, line, None, RejectionReason::FieldCount, error);
            continue;
        }
        match row_visit(&record, &index, columns, &file_name, line) {
            Ok(visit) => {
                let location = || format!("visit at {file_name} line {line}");
                match continuity.add_at(&visit, location) {
                    Ok(()) => summary.rows_accepted = summary.rows_accepted.saturating_add(1),
                    Err(error) => {
                        let column = Some(columns.end.clone());
                        reject(
                            &mut summary,
                            line,
                            column,
                            RejectionReason::EndsBeforeStart,
                            error,
                        );
                    }
                }
            }
            Err(rejected) => {
                let (column, reason, error) = *rejected;
                reject(&mut summary, line, Some(column), reason, error);
            }
        }
    }
    for reason in RejectionReason::ALL {
        summary.rejected_by_reason.entry(reason).or_insert(0);
    }
    Ok(ContinuityReport {
        result: continuity.finish()?,
        import: summary,
    })
}

impl RejectionReason {
    const ALL: [RejectionReason; 7] = [
        RejectionReason::FieldCount,
        RejectionReason::InvalidUtf8,
        RejectionReason::EmptyField,
        RejectionReason::InvalidDate,
        RejectionReason::InvalidTime,
        RejectionReason::EndsBeforeStart,
        RejectionReason::Personnummer,
    ];
}

fn reject(
    summary: &mut ImportSummary,
    line: u64,
    column: Option<String>,
    reason: RejectionReason,
    error: KpiError,
) {
    summary.rows_rejected = summary.rows_rejected.saturating_add(1);
    let count = summary.rejected_by_reason.entry(reason).or_insert(0);
    *count = count.saturating_add(1);
    if summary.rejections.len() < MAX_LISTED_REJECTIONS {
        summary.rejections.push(RowRejection {
            line,
            column: column.map(|c| quote_for_message(&c, MAX_QUOTED_CHARS)),
            reason,
            error,
        });
    }
}

/// A rejected row: column, reason and error (boxed: the error is large).
type RowError = Box<(String, RejectionReason, KpiError)>;

fn row_visit<'r>(
    record: &'r csv::ByteRecord,
    index: &ColumnIndex,
    columns: &VisitColumns,
    file: &str,
    line: u64,
) -> std::result::Result<Visit<'r>, RowError> {
    // The birth date is personal data: its value is never repeated.
    let invalid =
        |column: &str, value: Option<&str>, reason: RejectionReason, expected: &'static str| {
            let value = value
                .filter(|_| column != columns.birth_date)
                .map(|v| quote_for_message(v, MAX_QUOTED_CHARS));
            Box::new((
                column.to_owned(),
                reason,
                KpiError::InvalidVisitField {
                    location: format!(
                        "{file} line {line} column {}",
                        quote_for_message(column, MAX_QUOTED_CHARS)
                    ),
                    column: quote_for_message(column, MAX_QUOTED_CHARS),
                    value,
                    expected,
                },
            ))
        };
    // Decodes one field; only this row is rejected if it is not UTF-8.
    let text = |i: usize, column: &str| -> std::result::Result<&'r str, RowError> {
        let bytes = record.get(i).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(str::trim)
            .map_err(|_| invalid(column, None, RejectionReason::InvalidUtf8, UTF8_TEXT))
    };
    let field = |i: usize, column: &str| -> std::result::Result<&'r str, RowError> {
        let value = text(i, column)?;
        if value.is_empty() {
            Err(invalid(
                column,
                Some(value),
                RejectionReason::EmptyField,
                NON_EMPTY,
            ))
        } else {
            Ok(value)
        }
    };
    // A pseudonymous id: a personnummer rejects the row and is never echoed.
    let pseudonym = |i: usize, column: &str| -> std::result::Result<&'r str, RowError> {
        let value = field(i, column)?;
        if namnd_core::looks_like_identity_number(value) {
            Err(invalid(
                column,
                None,
                RejectionReason::Personnummer,
                PSEUDONYM,
            ))
        } else {
            Ok(value)
        }
    };
    let recipient = pseudonym(index.recipient, &columns.recipient)?;
    let birth_text = field(index.birth_date, &columns.birth_date)?;
    let birth_date = parse_date(birth_text).ok_or_else(|| {
        invalid(
            &columns.birth_date,
            Some(birth_text),
            RejectionReason::InvalidDate,
            DATE_FORM,
        )
    })?;
    let staff = pseudonym(index.staff, &columns.staff)?;
    let start_text = field(index.start, &columns.start)?;
    let start = parse_time(start_text).ok_or_else(|| {
        invalid(
            &columns.start,
            Some(start_text),
            RejectionReason::InvalidTime,
            TIME_FORM,
        )
    })?;
    let end_text = field(index.end, &columns.end)?;
    let end = parse_time(end_text).ok_or_else(|| {
        invalid(
            &columns.end,
            Some(end_text),
            RejectionReason::InvalidTime,
            TIME_FORM,
        )
    })?;
    let visit_type = text(index.visit_type, &columns.visit_type)?;
    let mut visit = Visit::new(recipient, birth_date, staff, start, end, visit_type);
    if let (Some(i), Some(column)) = (index.unit, columns.unit.as_deref()) {
        visit = visit.with_unit(field(i, column)?);
    }
    Ok(visit)
}

/// `YYYY-MM-DD`, exactly.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `YYYY-MM-DDTHH:MM`, exactly.
fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let shape_ok = text.len() == 16
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn from() -> NaiveDate {
        date(2026, 10, 5)
    }

    /// Adds two visits a day for 14 days (08:00 and 18:00) to `recipient`,
    /// cycling through `staff` distinct staff ids; `skip_day` leaves one
    /// day with a single visit.
    fn add_recipient(
        c: &mut Continuity,
        recipient: &str,
        born: NaiveDate,
        staff: usize,
        unit: Option<&str>,
        skip_day: Option<usize>,
    ) {
        let ids: Vec<String> = (0..staff.max(1))
            .map(|i| format!("{recipient}-p{i}"))
            .collect();
        for (day_index, day) in from().iter_days().take(WINDOW_DAYS).enumerate() {
            for (slot, hour) in [8, 18].into_iter().enumerate() {
                if skip_day == Some(day_index) && slot == 1 {
                    continue;
                }
                let at = day.and_hms_opt(hour, 0, 0).unwrap();
                let id = &ids[(day_index * 2 + slot) % ids.len()];
                let mut visit = Visit::new(recipient, born, id, at, at, "omsorg");
                if let Some(unit) = unit {
                    visit = visit.with_unit(unit);
                }
                c.add(&visit).unwrap();
            }
        }
    }

    #[test]
    fn share_meeting_more_than_20_staff_is_hand_computed() {
        let old = date(1940, 1, 1);
        let mut c = Continuity::new(ContinuityConfig::new(from()));
        add_recipient(&mut c, "A", old, 21, Some("Norr"), None); // > 20
        add_recipient(&mut c, "B", old, 20, Some("Norr"), None); // exactly 20: not more
        add_recipient(&mut c, "C", old, 25, Some("Söder"), None); // > 20
        add_recipient(&mut c, "D", old, 3, Some("Söder"), None);
        add_recipient(&mut c, "E", date(1970, 1, 1), 28, Some("Söder"), None); // under 65
        add_recipient(&mut c, "F", old, 28, Some("Norr"), Some(4)); // too few visits one day
        let r = c.finish().unwrap();
        // Included A, B, C, D: values 21, 20, 25, 3; 2 of 4 above 20 = 50 %.
        assert_eq!(r.included, 4);
        assert_eq!(r.many_staff, 2);
        assert_eq!(r.many_staff_share, Some(dec("50.00")));
        // Mean (21 + 20 + 25 + 3) / 4 = 17.25; median (20 + 21) / 2 = 20.5.
        assert_eq!(r.mean, Some(dec("17.25")));
        assert_eq!(r.median, Some(dec("20.50")));
        let units = r.by_unit.as_ref().unwrap();
        let norr = &units["Norr"];
        // Norr: A 21, B 20 included (F excluded): 1 of 2 = 50 %.
        assert_eq!(
            (norr.included, norr.many_staff, norr.many_staff_share),
            (2, 1, Some(dec("50.00")))
        );
        let soder = &units["Söder"];
        // Söder: C 25, D 3 included (E excluded): 1 of 2.
        assert_eq!((soder.included, soder.many_staff), (2, 1));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["many_staff"], 2);
        assert_eq!(json["many_staff_share"], "50.00");
        assert_eq!(json["by_unit"]["Norr"]["many_staff_share"], "50.00");
    }

    #[test]
    fn share_of_one_in_three_rounds_to_two_decimals() {
        let old = date(1940, 1, 1);
        let mut c = Continuity::new(ContinuityConfig::new(from()));
        add_recipient(&mut c, "A", old, 22, None, None);
        add_recipient(&mut c, "B", old, 2, None, None);
        add_recipient(&mut c, "C", old, 2, None, None);
        let r = c.finish().unwrap();
        // 100 / 3 = 33.333… → 33.33.
        assert_eq!(r.many_staff_share, Some(dec("33.33")));
        assert_eq!(
            serde_json::to_value(&r).unwrap()["many_staff_share"],
            "33.33"
        );
    }

    #[test]
    fn share_rounds_half_away_from_zero() {
        // 1 of 800 = 0.125 % → 0.13 (banker's rounding would give 0.12).
        let share = share_percent(1, 800).unwrap().unwrap();
        assert_eq!(share, dec("0.125"));
        assert_eq!(round2(share).unwrap(), dec("0.13"));
        // 2 of 3 = 66.666… → 66.67.
        assert_eq!(
            round2(share_percent(2, 3).unwrap().unwrap()).unwrap(),
            dec("66.67")
        );
    }

    #[test]
    fn share_is_absent_not_zero_without_included_recipients() {
        let mut c = Continuity::new(ContinuityConfig::new(from()));
        add_recipient(&mut c, "E", date(1970, 1, 1), 25, None, None);
        let r = c.finish().unwrap();
        assert_eq!((r.included, r.many_staff, r.many_staff_share), (0, 0, None));
        assert!(serde_json::to_value(&r).unwrap()["many_staff_share"].is_null());
        assert_eq!(share_percent(0, 0).unwrap(), None);
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn read_log(rows: &[&str]) -> ContinuityReport {
        let mut csv = String::from("brukare,fodd,personal,start,slut,typ\n");
        for row in rows {
            csv.push_str(row);
            csv.push('\n');
        }
        continuity_from_csv(
            csv.as_bytes(),
            "besok.csv",
            &VisitColumns::default(),
            ContinuityConfig::new(from()),
        )
        .unwrap()
    }

    fn holds_identity_number(text: &str) -> bool {
        matches!(redact_identity_numbers(text), std::borrow::Cow::Owned(_))
    }

    #[test]
    fn a_personnummer_as_brukare_or_staff_id_rejects_the_row_without_echoing_it() {
        let report = read_log(&[
            "A,1940-03-01,p1,2026-10-05T08:00,2026-10-05T08:30,omsorg",
            "19121212-1212,1912-12-12,p1,2026-10-05T09:00,2026-10-05T09:30,omsorg",
            "1212121212,1912-12-12,p1,2026-10-05T10:00,2026-10-05T10:30,omsorg",
            "121212+1212,1912-12-12,p1,2026-10-05T10:00,2026-10-05T10:30,omsorg",
            "B,1940-03-01,121212-1212,2026-10-05T11:00,2026-10-05T11:30,omsorg",
        ]);
        let import = &report.import;
        assert_eq!(
            (import.rows_read, import.rows_accepted, import.rows_rejected),
            (5, 1, 4)
        );
        assert_eq!(
            import
                .rejected_by_reason
                .get(&RejectionReason::Personnummer),
            Some(&4)
        );
        let where_: Vec<(u64, Option<&str>)> = import
            .rejections
            .iter()
            .map(|r| (r.line, r.column.as_deref()))
            .collect();
        assert_eq!(
            where_,
            [
                (3, Some("brukare")),
                (4, Some("brukare")),
                (5, Some("brukare")),
                (6, Some("personal"))
            ]
        );
        let first = import.rejections.first().unwrap();
        assert_eq!(
            first.error.to_string(),
            "invalid brukare at besok.csv line 3 column brukare; expected a pseudonymous id, not a personnummer"
        );
        let json = serde_json::to_string(&report).unwrap();
        assert!(!holds_identity_number(&json), "{json}");
        for rejection in &import.rejections {
            assert!(!holds_identity_number(&rejection.error.to_string()));
        }
        // The rejected rows add no one: only A is in the population.
        assert_eq!(report.result.visits.read, 1);
    }

    #[test]
    fn a_pseudonym_with_digits_is_not_a_personnummer() {
        let report = read_log(&[
            "brukare-2026-0042,1940-03-01,p12345,2026-10-05T08:00,2026-10-05T08:30,omsorg",
        ]);
        assert_eq!(report.import.rows_accepted, 1);
        assert_eq!(
            report
                .import
                .rejected_by_reason
                .get(&RejectionReason::Personnummer),
            Some(&0)
        );
    }

    proptest! {
        #[test]
        fn many_staff_share_is_a_percentage_of_included(
            people in proptest::collection::vec((1usize..=28, proptest::option::of(0usize..14), any::<bool>()), 0..12),
        ) {
            let mut c = Continuity::new(ContinuityConfig::new(from()));
            let mut included_values = Vec::new();
            for (i, (staff, skip, old)) in people.iter().enumerate() {
                let born = if *old { date(1940, 6, 1) } else { date(1990, 6, 1) };
                add_recipient(&mut c, &format!("r{i}"), born, *staff, None, *skip);
                if *old && skip.is_none() {
                    included_values.push(*staff);
                }
            }
            let r = c.finish().unwrap();
            let many = included_values.iter().filter(|v| **v > MANY_STAFF_ABOVE).count();
            prop_assert_eq!(r.included, included_values.len() as u64);
            prop_assert_eq!(r.many_staff, many as u64);
            match r.many_staff_share {
                None => prop_assert_eq!(r.included, 0),
                Some(share) => {
                    prop_assert!(share >= Decimal::ZERO && share <= Decimal::ONE_HUNDRED);
                    let exact = Decimal::from(many) * Decimal::ONE_HUNDRED / Decimal::from(included_values.len());
                    prop_assert_eq!(share, Rounding::HalfAwayFromZero.round(exact, 2).unwrap());
                    // Within half a hundredth of count / included.
                    prop_assert!((share - exact).abs() <= dec("0.005"));
                }
            }
        }
    }

    #[test]
    fn visit_types_are_classified_case_insensitively_after_trimming() {
        let config = ContinuityConfig::new(from())
            .with_counted_type("Dusch")
            .unwrap()
            .with_excluded_type("KORTTID");
        let class = |t: &str| match config.classify(t) {
            TypeClass::Counted => "counted",
            TypeClass::Excluded => "excluded",
            TypeClass::Unknown => "unknown",
        };
        for t in [
            "omsorg",
            " OMSORG ",
            "Hemtjänst",
            "HEMTJÄNST",
            "dusch",
            "DuSch",
        ] {
            assert_eq!(class(t), "counted", "{t}");
        }
        for t in [
            "hsl",
            "HSL",
            " Hemsjukvård",
            "HEMSJUKVÅRD",
            "korttid",
            "Korttid",
        ] {
            assert_eq!(class(t), "excluded", "{t}");
        }
        for t in ["", "  ", "bad", "Omsorgx", "ΣΟΜΣ"] {
            assert_eq!(class(t), "unknown", "{t}");
        }
    }

    proptest! {
        /// The allocation-free check agrees with `str::to_lowercase`.
        #[test]
        fn is_lowercase_agrees_with_to_lowercase(text in "\\PC{0,12}") {
            prop_assert_eq!(is_lowercase(&text), text.to_lowercase() == text, "{:?}", text);
        }

        #[test]
        fn is_lowercase_agrees_on_swedish_and_greek(text in "[a-zA-ZåäöÅÄÖéÉσςΣİ ]{0,12}") {
            prop_assert_eq!(is_lowercase(&text), text.to_lowercase() == text, "{:?}", text);
        }
    }
}
