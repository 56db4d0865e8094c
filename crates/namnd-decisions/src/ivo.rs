//! IVO's side of the quarterly report: when each report is due, and the
//! pseudonymous person id IVO's e-service asks for.
//!
//! | Item | What it answers |
//! |---|---|
//! | [`ReportingWindow`], [`ReportingWindows`] | the window after a quarter in which its report is due (data, configurable) |
//! | [`DueSchedule`], [`DueReport`], [`Recipient`] | "what is due, and by when" on a given date, for IVO, the auditors and the council |
//! | [`IvoPersonId`], [`BirthInfo`] | IVO's person id `ÅÅÅÅMMDD-T123`, derived from the pseudonym |
//! | [`IvoIdAssignment`], [`IdRequest`], [`IdCollision`] | ids for the persons of one report: collisions resolved in a stable order, earlier ids kept, persons without a free id listed |
//!
//! ## Reporting windows
//! IVO collects each quarter's report in about the month after it
//! ([`ReportingWindows::ivo`]): Q1 → 1–30 April, Q2 → 1 July–31 August,
//! Q3 → 1–31 October, Q4 → 1–31 January of the next year. The auditors
//! (*revisorer*) get the same information as IVO and by default the same
//! window. No statute dates the council's (*kommunfullmäktige*, KF)
//! statistics: the council's meeting plan does, so by default they follow
//! IVO's window too; set the municipality's own with
//! [`DueSchedule::with_council`].
//!
//! ## IVO's person id
//! IVO identifies the person as `ÅÅÅÅMMDD-T123`: the birth date, `-T` and
//! three digits whose middle digit (the third character of `T123`) is even
//! for women and odd for men. The digits here are derived from the
//! [`PersonRef`] with SHA-256, so the same person gets the same id in every
//! report. Nothing but the birth date (or year) and the derived digits goes
//! into the id.
//!
//! **Choice:** the input contract has only the birth year (`fodelsear`).
//! When only the year is known, the month and day are written `0000`
//! (`19410000-T512`). When a birth date is known it is used.
//!
//! Three digits with a fixed parity give 500 ids per birth date and gender,
//! so two persons can get the same first-choice id. [`IvoIdAssignment`]
//! resolves that deterministically and stably: ids issued before can be
//! seeded and are kept; everybody else is taken in order of (earliest
//! decision date, [`PersonRef`] text), so a person who entered the register
//! earlier keeps the unhashed id and a later one is re-hashed with a counter
//! (1, 2, …) until a free id is found ([`IvoIdAssignment::collisions`]). A
//! person for whom no id is left is listed, not an error
//! ([`IvoIdAssignment::unassigned`]).
//!
//! ## Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::LegalGender;
//! use namnd_decisions::decision::PersonRef;
//! use namnd_decisions::ivo::{BirthInfo, DueSchedule, IdRequest, IvoIdAssignment};
//! // What is due on 10 April 2024, and by when.
//! let due = DueSchedule::default().due_on(NaiveDate::from_ymd_opt(2024, 4, 10).ok_or("date")?)?;
//! assert!(due.iter().all(|d| d.closes.to_string() == "2024-04-30"));
//! // An id for a woman born 1941, kept in the next report by seeding it.
//! let request = IdRequest { person: PersonRef::new("p-7")?, birth: BirthInfo::Year(1941),
//!     gender: LegalGender::Female, first_decided: NaiveDate::from_ymd_opt(2023, 9, 1).ok_or("date")? };
//! let q1 = IvoIdAssignment::new().assign([request.clone()])?;
//! let q2 = IvoIdAssignment::new().with_previous(q1.issued()).assign([request.clone()])?;
//! assert_eq!(q1.get(&request.person), q2.get(&request.person));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use namnd_core::{LegalGender, Quarter};
use sha2::{Digest, Sha256};

use crate::decision::{Decision, PersonRef};
use crate::error::{DecisionsError, Result};

// ------------------------------------------------------------ windows

/// One reporting window, relative to the end of the quarter it reports.
///
/// A window opens on day `opens_day` of the month `opens_months_after`
/// months after the quarter's last month (1 = the month after the quarter)
/// and closes on day `closes_day` of the month `closes_months_after` months
/// after it. A day past the end of its month means the month's last day
/// (31 in a 30-day month is the 30th).
///
/// # Example
/// ```
/// use namnd_decisions::ivo::ReportingWindow;
/// // 1 July – 31 August after Q2.
/// let window = ReportingWindow::new(1, 1, 2, 31)?;
/// assert_eq!(window.closes_months_after(), 2);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportingWindow {
    opens_months_after: u32,
    opens_day: u32,
    closes_months_after: u32,
    closes_day: u32,
}

/// The longest a window may lie after its quarter, in months.
const MAX_MONTHS_AFTER: u32 = 12;

impl ReportingWindow {
    /// A window opening on `opens_day` of the month `opens_months_after`
    /// months after the quarter's last month and closing on `closes_day` of
    /// the month `closes_months_after` months after it.
    ///
    /// # Errors
    /// [`DecisionsError::InvalidReportingWindow`] (with quarter 0, since the
    /// window is not yet placed) when a day is outside 1–31, a month offset is
    /// above 12, or the window closes before it opens.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::ReportingWindow;
    /// assert!(ReportingWindow::new(1, 1, 1, 30).is_ok());
    /// assert!(ReportingWindow::new(2, 1, 1, 30).is_err());
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn new(
        opens_months_after: u32,
        opens_day: u32,
        closes_months_after: u32,
        closes_day: u32,
    ) -> Result<Self> {
        let invalid = |reason| DecisionsError::InvalidReportingWindow { quarter: 0, reason };
        if !(1..=31).contains(&opens_day) || !(1..=31).contains(&closes_day) {
            return Err(invalid("a day must be 1 to 31"));
        }
        if opens_months_after > MAX_MONTHS_AFTER || closes_months_after > MAX_MONTHS_AFTER {
            return Err(invalid(
                "a window may lie at most 12 months after its quarter",
            ));
        }
        if (closes_months_after, closes_day) < (opens_months_after, opens_day) {
            return Err(invalid("the window closes before it opens"));
        }
        Ok(ReportingWindow {
            opens_months_after,
            opens_day,
            closes_months_after,
            closes_day,
        })
    }

    /// Months after the quarter's last month in which the window opens.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::ReportingWindow;
    /// assert_eq!(ReportingWindow::new(1, 1, 1, 30)?.opens_months_after(), 1);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn opens_months_after(&self) -> u32 {
        self.opens_months_after
    }

    /// Months after the quarter's last month in which the window closes.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::ReportingWindow;
    /// assert_eq!(ReportingWindow::new(1, 1, 2, 31)?.closes_months_after(), 2);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn closes_months_after(&self) -> u32 {
        self.closes_months_after
    }

    /// The first and last day of the window after `quarter`.
    ///
    /// # Errors
    /// [`DecisionsError::Core`] when the window lies after year 9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::ivo::ReportingWindow;
    /// let q1: Quarter = "2024Q1".parse()?;
    /// let (opens, closes) = ReportingWindow::new(1, 1, 1, 31)?.dates_after(q1)?;
    /// assert_eq!((opens.to_string(), closes.to_string()), ("2024-04-01".into(), "2024-04-30".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dates_after(&self, quarter: Quarter) -> Result<(NaiveDate, NaiveDate)> {
        let opens = day_after(quarter, self.opens_months_after, self.opens_day)?;
        let closes = day_after(quarter, self.closes_months_after, self.closes_day)?;
        Ok((opens, closes))
    }
}

/// Day `day` (clamped to the month's end) of the month `months` after the
/// quarter's last month.
fn day_after(quarter: Quarter, months: u32, day: u32) -> Result<NaiveDate> {
    let month = quarter.last_month().checked_add_months(i64::from(months))?;
    let last = month.last_day();
    last.with_day(day.min(last.day()))
        .ok_or(DecisionsError::DateOutOfRange {
            what: "reporting window day",
        })
}

/// The reporting window for each quarter number: data, configurable.
///
/// # Example
/// ```
/// use namnd_core::Quarter;
/// use namnd_decisions::ivo::ReportingWindows;
/// let windows = ReportingWindows::ivo();
/// let (opens, closes) = windows.due("2024Q4".parse::<Quarter>()?)?;
/// assert_eq!(opens.to_string(), "2025-01-01");
/// assert_eq!(closes.to_string(), "2025-01-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportingWindows {
    windows: [ReportingWindow; 4],
}

impl ReportingWindows {
    /// IVO's windows: Q1 → 1–30 April, Q2 → 1 July–31 August, Q3 → 1–31
    /// October, Q4 → 1–31 January of the next year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::ivo::ReportingWindows;
    /// let (_, closes) = ReportingWindows::ivo().due("2024Q2".parse::<Quarter>()?)?;
    /// assert_eq!(closes.to_string(), "2024-08-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ivo() -> Self {
        let window =
            |opens_months_after, opens_day, closes_months_after, closes_day| ReportingWindow {
                opens_months_after,
                opens_day,
                closes_months_after,
                closes_day,
            };
        ReportingWindows {
            windows: [
                window(1, 1, 1, 30),
                window(1, 1, 2, 31),
                window(1, 1, 1, 31),
                window(1, 1, 1, 31),
            ],
        }
    }

    /// Windows of the caller's own, for Q1, Q2, Q3 and Q4.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::ivo::{ReportingWindow, ReportingWindows};
    /// // A council that takes the statistics in the second month after each quarter.
    /// let second = ReportingWindow::new(2, 1, 2, 31)?;
    /// let council = ReportingWindows::new(second, second, second, second);
    /// let (_, closes) = council.due("2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!(closes.to_string(), "2024-05-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        q1: ReportingWindow,
        q2: ReportingWindow,
        q3: ReportingWindow,
        q4: ReportingWindow,
    ) -> Self {
        ReportingWindows {
            windows: [q1, q2, q3, q4],
        }
    }

    /// The window for quarter number `number` (1–4).
    ///
    /// # Errors
    /// [`DecisionsError::InvalidReportingWindow`] for a number outside 1–4.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::ReportingWindows;
    /// assert_eq!(ReportingWindows::ivo().window(2)?.closes_months_after(), 2);
    /// assert!(ReportingWindows::ivo().window(5).is_err());
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn window(&self, number: u32) -> Result<ReportingWindow> {
        usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.windows.get(i))
            .copied()
            .ok_or(DecisionsError::InvalidReportingWindow {
                quarter: number,
                reason: "a quarter number is 1 to 4",
            })
    }

    /// The first and last day of the window in which `quarter`'s report is
    /// due.
    ///
    /// # Errors
    /// [`DecisionsError::Core`] when the window lies after year 9999.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Quarter;
    /// use namnd_decisions::ivo::ReportingWindows;
    /// let (opens, closes) = ReportingWindows::ivo().due("2024Q1".parse::<Quarter>()?)?;
    /// assert_eq!((opens.to_string(), closes.to_string()), ("2024-04-01".into(), "2024-04-30".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due(&self, quarter: Quarter) -> Result<(NaiveDate, NaiveDate)> {
        self.window(quarter.number())?.dates_after(quarter)
    }
}

impl Default for ReportingWindows {
    /// IVO's windows ([`ReportingWindows::ivo`]).
    fn default() -> Self {
        ReportingWindows::ivo()
    }
}

/// Who a quarterly report goes to.
///
/// # Example
/// ```
/// use namnd_decisions::ivo::Recipient;
/// assert_eq!(Recipient::Council.swedish(), "kommunfullmäktige");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Recipient {
    /// *Inspektionen för vård och omsorg* (IVO), the supervisory authority:
    /// the individual reports, through its e-service.
    Ivo,
    /// *Revisorer*: the municipal auditors, who get the same information.
    Auditors,
    /// *Kommunfullmäktige* (KF), the municipal council: the statistics.
    Council,
}

impl Recipient {
    /// Every recipient, in the order reports list them.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::Recipient;
    /// assert_eq!(Recipient::ALL.len(), 3);
    /// ```
    pub const ALL: &'static [Recipient] =
        &[Recipient::Ivo, Recipient::Auditors, Recipient::Council];

    /// The Swedish name.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::Recipient;
    /// assert_eq!(Recipient::Auditors.swedish(), "revisorer");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Recipient::Ivo => "IVO",
            Recipient::Auditors => "revisorer",
            Recipient::Council => "kommunfullmäktige",
        }
    }

    /// What the recipient gets.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::Recipient;
    /// assert_eq!(Recipient::Council.what(), "statistics of unexecuted decisions");
    /// ```
    pub fn what(self) -> &'static str {
        match self {
            Recipient::Ivo => "individual reports of unexecuted decisions",
            Recipient::Auditors => "the same individual reports as IVO",
            Recipient::Council => "statistics of unexecuted decisions",
        }
    }
}

/// A report that is due: to whom, for which quarter, and the window.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::ivo::{DueSchedule, Recipient};
/// let due = DueSchedule::default().due_on(NaiveDate::from_ymd_opt(2024, 4, 10).ok_or("date")?)?;
/// let report = due.iter().find(|d| d.recipient == Recipient::Ivo).ok_or("ivo")?;
/// assert_eq!((report.opens.to_string(), report.closes.to_string()), ("2024-04-01".into(), "2024-04-30".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DueReport {
    /// Who gets it.
    pub recipient: Recipient,
    /// The quarter it reports.
    pub quarter: Quarter,
    /// The first day it may be sent.
    pub opens: NaiveDate,
    /// The last day it may be sent: "due by".
    pub closes: NaiveDate,
}

/// The reporting windows of every recipient.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::ivo::{DueSchedule, Recipient};
/// let day = NaiveDate::from_ymd_opt(2024, 4, 10).ok_or("date")?;
/// let due = DueSchedule::default().due_on(day)?;
/// assert_eq!(due.len(), 3);
/// assert!(due.iter().all(|d| d.quarter.to_string() == "Q1 2024"));
/// assert!(due.iter().all(|d| d.closes.to_string() == "2024-04-30"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DueSchedule {
    ivo: ReportingWindows,
    auditors: ReportingWindows,
    council: ReportingWindows,
}

impl DueSchedule {
    /// IVO's windows for every recipient (the default).
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::{DueSchedule, Recipient, ReportingWindows};
    /// assert_eq!(DueSchedule::new().windows(Recipient::Council), ReportingWindows::ivo());
    /// ```
    pub fn new() -> Self {
        DueSchedule::default()
    }

    /// The same schedule with the council's own windows.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::{DueSchedule, Recipient, ReportingWindow, ReportingWindows};
    /// let second = ReportingWindow::new(2, 1, 2, 31)?;
    /// let council = ReportingWindows::new(second, second, second, second);
    /// let schedule = DueSchedule::new().with_council(council);
    /// assert_eq!(schedule.windows(Recipient::Council), council);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    #[must_use]
    pub fn with_council(mut self, windows: ReportingWindows) -> Self {
        self.council = windows;
        self
    }

    /// The same schedule with the auditors' own windows.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::{DueSchedule, Recipient, ReportingWindows};
    /// let schedule = DueSchedule::new().with_auditors(ReportingWindows::ivo());
    /// assert_eq!(schedule.windows(Recipient::Auditors), ReportingWindows::ivo());
    /// ```
    #[must_use]
    pub fn with_auditors(mut self, windows: ReportingWindows) -> Self {
        self.auditors = windows;
        self
    }

    /// The same schedule with other windows for IVO.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::{DueSchedule, Recipient, ReportingWindows};
    /// let schedule = DueSchedule::new().with_ivo(ReportingWindows::ivo());
    /// assert_eq!(schedule.windows(Recipient::Ivo), ReportingWindows::ivo());
    /// ```
    #[must_use]
    pub fn with_ivo(mut self, windows: ReportingWindows) -> Self {
        self.ivo = windows;
        self
    }

    /// The windows of one recipient.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::{DueSchedule, Recipient, ReportingWindows};
    /// assert_eq!(DueSchedule::new().windows(Recipient::Ivo), ReportingWindows::ivo());
    /// ```
    pub fn windows(&self, recipient: Recipient) -> ReportingWindows {
        match recipient {
            Recipient::Ivo => self.ivo,
            Recipient::Auditors => self.auditors,
            Recipient::Council => self.council,
        }
    }

    /// The reports whose window is open on `date` (it lies between the
    /// first and the last day, both included), ordered by last day, then
    /// recipient. Empty between windows; see [`DueSchedule::next_due`].
    ///
    /// # Errors
    /// [`DecisionsError::Core`] for a date outside the supported years.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::ivo::{DueSchedule, Recipient};
    /// let day = NaiveDate::from_ymd_opt(2024, 8, 15).ok_or("date")?;
    /// let due = DueSchedule::default().due_on(day)?;
    /// let ivo = due.iter().find(|d| d.recipient == Recipient::Ivo).ok_or("ivo")?;
    /// assert_eq!(ivo.quarter.to_string(), "Q2 2024");
    /// assert_eq!(ivo.closes.to_string(), "2024-08-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_on(&self, date: NaiveDate) -> Result<Vec<DueReport>> {
        let mut due: Vec<DueReport> = self
            .candidates(date)?
            .into_iter()
            .filter(|d| d.opens <= date && date <= d.closes)
            .collect();
        due.sort_by_key(|d| (d.closes, d.recipient, d.quarter));
        Ok(due)
    }

    /// For each recipient, the earliest report whose window has not closed
    /// on `date` (it may be open already, or open later): what is due next,
    /// and by when.
    ///
    /// # Errors
    /// [`DecisionsError::Core`] for a date outside the supported years.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::ivo::{DueSchedule, Recipient};
    /// let day = NaiveDate::from_ymd_opt(2024, 3, 15).ok_or("date")?;
    /// let next = DueSchedule::default().next_due(day)?;
    /// let ivo = next.iter().find(|d| d.recipient == Recipient::Ivo).ok_or("ivo")?;
    /// assert_eq!(ivo.quarter.to_string(), "Q1 2024");
    /// assert_eq!(ivo.opens.to_string(), "2024-04-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_due(&self, date: NaiveDate) -> Result<Vec<DueReport>> {
        let mut candidates = self.candidates(date)?;
        candidates.retain(|d| date <= d.closes);
        candidates.sort_by_key(|d| (d.recipient, d.closes, d.quarter));
        let mut next: Vec<DueReport> = Vec::new();
        for candidate in candidates {
            if next
                .last()
                .is_none_or(|l| l.recipient != candidate.recipient)
            {
                next.push(candidate);
            }
        }
        next.sort_by_key(|d| (d.closes, d.recipient));
        Ok(next)
    }

    /// Every recipient's window for the quarter of `date`, the five quarters
    /// before it (a window lies at most 12 months after its quarter) and the
    /// one after.
    fn candidates(&self, date: NaiveDate) -> Result<Vec<DueReport>> {
        let current = Quarter::from_date(date)?;
        let mut quarters = vec![current];
        let mut q = current;
        for _ in 0..5 {
            match q.previous() {
                Ok(p) => {
                    quarters.push(p);
                    q = p;
                }
                Err(_) => break,
            }
        }
        if let Ok(n) = current.next() {
            quarters.push(n);
        }
        let mut out = Vec::new();
        for &recipient in Recipient::ALL {
            for &quarter in &quarters {
                // A window after year 9999 is simply not a candidate.
                if let Ok((opens, closes)) = self.windows(recipient).due(quarter) {
                    out.push(DueReport {
                        recipient,
                        quarter,
                        opens,
                        closes,
                    });
                }
            }
        }
        Ok(out)
    }
}

// ------------------------------------------------------------ person id

/// What is known of a person's birth: the date, or only the year.
///
/// # Example
/// ```
/// use namnd_decisions::ivo::BirthInfo;
/// assert_eq!(BirthInfo::Year(1941).year(), 1941);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BirthInfo {
    /// The birth date.
    Date(NaiveDate),
    /// Only the birth year (`fodelsear` in the input).
    Year(i32),
}

impl BirthInfo {
    /// The birth date when the decision has one, else its birth year.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::ivo::BirthInfo;
    /// let decided = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::Lss,
    ///     Insats::DagligVerksamhet, decided, LegalGender::Male, 1990)?;
    /// assert_eq!(BirthInfo::of(&decision), BirthInfo::Year(1990));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(decision: &Decision) -> Self {
        match decision.birth_date() {
            Some(date) => BirthInfo::Date(date),
            None => BirthInfo::Year(decision.birth_year()),
        }
    }

    /// The birth year.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::ivo::BirthInfo;
    /// let born = NaiveDate::from_ymd_opt(1941, 3, 7).ok_or("date")?;
    /// assert_eq!(BirthInfo::Date(born).year(), 1941);
    /// assert_eq!(BirthInfo::Year(1950).year(), 1950);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(self) -> i32 {
        match self {
            BirthInfo::Date(date) => date.year(),
            BirthInfo::Year(year) => year,
        }
    }

    /// `ÅÅÅÅMMDD`, or `ÅÅÅÅ0000` when only the year is known.
    fn digits(self) -> Result<String> {
        let year = self.year();
        if !(0..=9999).contains(&year) {
            return Err(DecisionsError::BirthYearNotFourDigits { birth_year: year });
        }
        Ok(match self {
            BirthInfo::Date(date) => format!("{year:04}{:02}{:02}", date.month(), date.day()),
            BirthInfo::Year(_) => format!("{year:04}0000"),
        })
    }
}

/// IVO's person id `ÅÅÅÅMMDD-T123`: birth date, `-T`, and three digits
/// whose middle one is even for women and odd for men.
///
/// Made by [`IvoPersonId::derive`] (one person) or [`IvoIdAssignment`] (every
/// person of a report, collisions resolved). See the module documentation
/// for the `0000` choice when only the birth year is known.
///
/// # Example
/// ```
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::PersonRef;
/// use namnd_decisions::ivo::{BirthInfo, IvoPersonId};
/// let person = PersonRef::new("p-0042")?;
/// let id = IvoPersonId::derive(&person, BirthInfo::Year(1941), LegalGender::Female)?;
/// assert!(id.as_str().starts_with("19410000-T"));
/// assert_eq!(id.legal_gender(), LegalGender::Female);
/// assert_eq!(IvoPersonId::parse(id.as_str())?, id);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "String"))]
pub struct IvoPersonId(String);

impl From<IvoPersonId> for String {
    fn from(id: IvoPersonId) -> String {
        id.0
    }
}

impl TryFrom<String> for IvoPersonId {
    type Error = DecisionsError;

    /// Reads through [`IvoPersonId::parse`], so the form is checked.
    fn try_from(text: String) -> Result<Self> {
        IvoPersonId::parse(&text)
    }
}

/// Domain separation for the hash, versioned so that a future change of the
/// derivation cannot silently reuse old ids.
const ID_HASH_DOMAIN: &[u8] = b"namnd-decisions/ivo-person-id/v1";

impl IvoPersonId {
    /// The id of `person`, on the first attempt (no collision handling; use
    /// [`IvoIdAssignment`] for a whole report).
    ///
    /// # Errors
    /// [`DecisionsError::UnsupportedGender`] for a gender other than female
    /// or male; [`DecisionsError::BirthYearNotFourDigits`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IvoPersonId};
    /// let person = PersonRef::new("p-1")?;
    /// let id = IvoPersonId::derive(&person, BirthInfo::Year(1950), LegalGender::Male)?;
    /// assert_eq!(id, IvoPersonId::derive(&person, BirthInfo::Year(1950), LegalGender::Male)?);
    /// assert_eq!(id.legal_gender(), LegalGender::Male);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn derive(person: &PersonRef, birth: BirthInfo, gender: LegalGender) -> Result<Self> {
        Self::derive_attempt(person, birth, gender, 0)
    }

    /// The id on attempt `attempt` (0 is the first choice; later attempts
    /// re-hash with the counter).
    fn derive_attempt(
        person: &PersonRef,
        birth: BirthInfo,
        gender: LegalGender,
        attempt: u32,
    ) -> Result<Self> {
        let parity: u64 = match gender {
            LegalGender::Female => 0,
            LegalGender::Male => 1,
            _ => {
                return Err(DecisionsError::UnsupportedGender {
                    context: "person".to_owned(),
                });
            }
        };
        let mut hasher = Sha256::new();
        hasher.update(ID_HASH_DOMAIN);
        hasher.update([0u8]);
        hasher.update(person.as_str().as_bytes());
        hasher.update([0u8]);
        hasher.update(attempt.to_be_bytes());
        let digest = hasher.finalize();
        let mut first = [0u8; 8];
        for (to, from) in first.iter_mut().zip(digest.iter()) {
            *to = *from;
        }
        let n = u64::from_be_bytes(first);
        let d1 = n % 10;
        let d2 = ((n / 10) % 5) * 2 + parity;
        let d3 = (n / 50) % 10;
        Ok(IvoPersonId(format!("{}-T{d1}{d2}{d3}", birth.digits()?)))
    }

    /// Checks the form `ÅÅÅÅMMDD-T123` (with `MMDD` either a real date or
    /// `0000`).
    ///
    /// # Errors
    /// [`DecisionsError::InvalidIvoPersonId`] saying what is wrong.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::IvoPersonId;
    /// assert!(IvoPersonId::parse("19410000-T512").is_ok());
    /// assert!(IvoPersonId::parse("19410230-T512").is_err());
    /// assert!(IvoPersonId::parse("19410000-1512").is_err());
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = |reason| DecisionsError::InvalidIvoPersonId {
            input: namnd_core::quote_for_message(text, 20),
            reason,
        };
        if !text.is_ascii() || text.len() != 13 {
            return Err(invalid("expected 13 ASCII characters"));
        }
        let (date, rest) = text.split_at(8);
        if !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("the birth date must be eight digits"));
        }
        let Some(digits) = rest.strip_prefix("-T") else {
            return Err(invalid("expected -T after the birth date"));
        };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("expected three digits after -T"));
        }
        let (_, month_day) = date.split_at(4);
        if month_day != "0000" && NaiveDate::parse_from_str(date, "%Y%m%d").is_err() {
            return Err(invalid("the birth date is not a date (nor ÅÅÅÅ0000)"));
        }
        Ok(IvoPersonId(text.to_owned()))
    }

    /// The id's text.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::IvoPersonId;
    /// assert_eq!(IvoPersonId::parse("19410000-T512")?.as_str(), "19410000-T512");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The gender the middle digit says: even → female, odd → male.
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::ivo::IvoPersonId;
    /// assert_eq!(IvoPersonId::parse("19410000-T512")?.legal_gender(), LegalGender::Male);
    /// assert_eq!(IvoPersonId::parse("19410000-T522")?.legal_gender(), LegalGender::Female);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn legal_gender(&self) -> LegalGender {
        // The form is checked on construction: byte 11 is the middle digit.
        match self.0.as_bytes().get(11).map(|b| b % 2) {
            Some(0) => LegalGender::Female,
            _ => LegalGender::Male,
        }
    }
}

impl core::fmt::Display for IvoPersonId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Two persons would have had the same id in one report; the one taken
/// later (see [`IvoIdAssignment`] for the order) got a re-hashed id instead.
///
/// # Example
/// ```
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::PersonRef;
/// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
/// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
/// let requests = (0..100).map(|i| Ok(IdRequest {
///     person: PersonRef::new(&format!("p-{i}"))?,
///     birth: BirthInfo::Year(1941),
///     gender: LegalGender::Female,
///     first_decided: day,
/// })).collect::<Result<Vec<_>, namnd_decisions::DecisionsError>>()?;
/// let ids = IvoIdAssignment::new().assign(requests)?;
/// for collision in ids.collisions() {
///     assert_ne!(collision.contested, collision.assigned);
///     assert!(collision.attempts >= 1);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdCollision {
    /// The id both persons would have had.
    pub contested: IvoPersonId,
    /// The id the later person got.
    pub assigned: IvoPersonId,
    /// How many re-hashes it took (1 or more).
    pub attempts: u32,
}

/// The most re-hashes tried for one person before giving up.
const MAX_ATTEMPTS: u32 = 10_000;

/// How many ids exist for one birth date and gender: 10 × 5 × 10.
const IDS_PER_BIRTH_AND_GENDER: u32 = 500;

/// A person to give an IVO id: the pseudonymous reference, the birth and
/// gender that go into the id, and the person's earliest decision date,
/// which orders the resolution of collisions.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::PersonRef;
/// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
/// let request = IdRequest {
///     person: PersonRef::new("p-1")?,
///     birth: BirthInfo::Year(1941),
///     gender: LegalGender::Female,
///     first_decided: NaiveDate::from_ymd_opt(2023, 5, 2).ok_or("date")?,
/// };
/// let ids = IvoIdAssignment::new().assign([request.clone()])?;
/// assert_eq!(ids.get(&request.person).map(|id| id.legal_gender()), Some(LegalGender::Female));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdRequest {
    /// The person.
    pub person: PersonRef,
    /// The birth date, or year, written into the id.
    pub birth: BirthInfo,
    /// The legal gender, which sets the parity of the middle digit.
    pub gender: LegalGender,
    /// The person's earliest decision date in the register.
    pub first_decided: NaiveDate,
}

/// IVO person ids for the persons of one report, collisions resolved.
///
/// Persons are keyed by their [`PersonRef`] alone: one person has one id.
/// When the same person is requested twice with different birth or gender
/// data, the **first** request's data is used (the caller reports the
/// conflict; [`crate::quarter::QuarterReport`] does).
///
/// ## Order and stability
/// Ids are taken in two passes:
/// 1. ids issued before and seeded with
///    [`with_previous`](IvoIdAssignment::with_previous) are kept when they
///    are consistent with the person (same birth digits, parity of the
///    gender) and no other person was seeded with the same id (then the
///    person first in the order below keeps it). Every seeded id stays
///    reserved for its person, so it is never given to anybody else, even
///    in a report where that person is absent;
/// 2. everybody else, in order of (earliest decision date, [`PersonRef`]
///    text): the first-choice id ([`IvoPersonId::derive`]), or if it is
///    taken, re-hashes with a counter (1, 2, …) until a free one is found
///    ([`IvoIdAssignment::collisions`]).
///
/// So a person who entered the register earlier keeps the unhashed id, and
/// adding persons whose earliest decision is later than everybody's never
/// changes an existing person's id. A person who got a re-hashed id may get
/// another in a report where the other person is absent; seed the ids
/// issued before ([`IvoIdAssignment::issued`]) to keep them for good.
///
/// Only 500 ids exist per birth date and gender. A person for whom none is
/// left gets no id ([`IvoIdAssignment::unassigned`]); nothing fails.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::PersonRef;
/// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment, IvoPersonId};
/// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
/// let a = PersonRef::new("p-1")?;
/// let b = PersonRef::new("p-2")?;
/// let ids = IvoIdAssignment::new().assign([
///     IdRequest { person: a.clone(), birth: BirthInfo::Year(1941), gender: LegalGender::Female, first_decided: day },
///     IdRequest { person: b.clone(), birth: BirthInfo::Year(1950), gender: LegalGender::Male, first_decided: day },
/// ])?;
/// let id = ids.get(&a).ok_or("id")?;
/// assert_eq!(id, &IvoPersonId::derive(&a, BirthInfo::Year(1941), LegalGender::Female)?);
/// assert!(ids.collisions().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IvoIdAssignment {
    previous: BTreeMap<PersonRef, IvoPersonId>,
    ids: BTreeMap<PersonRef, IvoPersonId>,
    collisions: Vec<IdCollision>,
    unassigned: Vec<PersonRef>,
    previous_dropped: Vec<IvoPersonId>,
}

/// The bucket of 500 ids an id belongs to: its birth digits and parity.
fn bucket(id: &IvoPersonId) -> (String, LegalGender) {
    (
        id.as_str().get(..8).unwrap_or_default().to_owned(),
        id.legal_gender(),
    )
}

impl IvoIdAssignment {
    /// An assignment with no ids issued before.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// assert!(IvoIdAssignment::new().is_empty());
    /// ```
    pub fn new() -> Self {
        IvoIdAssignment::default()
    }

    /// The same assignment seeded with ids issued before (for example
    /// [`IvoIdAssignment::issued`] of last quarter's report): they are kept
    /// while consistent (see [`IvoIdAssignment`]). A person given twice
    /// keeps the last id given.
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment, IvoPersonId};
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let person = PersonRef::new("p-1")?;
    /// let issued = IvoPersonId::parse("19410000-T502")?;
    /// let ids = IvoIdAssignment::new()
    ///     .with_previous([(person.clone(), issued.clone())])
    ///     .assign([IdRequest { person: person.clone(), birth: BirthInfo::Year(1941),
    ///         gender: LegalGender::Female, first_decided: day }])?;
    /// assert_eq!(ids.get(&person), Some(&issued));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_previous(
        mut self,
        previous: impl IntoIterator<Item = (PersonRef, IvoPersonId)>,
    ) -> Self {
        self.previous.extend(previous);
        self
    }

    /// Ids for the given persons (a person may be given more than once:
    /// the first request's birth and gender are used, and the earliest
    /// date). The ids of an earlier call are replaced; the seeds stay.
    ///
    /// # Errors
    /// [`DecisionsError::UnsupportedGender`] for a gender other than female
    /// or male, [`DecisionsError::BirthYearNotFourDigits`]. A person for whom
    /// no id is left is not an error: see [`IvoIdAssignment::unassigned`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let person = PersonRef::new("p-1")?;
    /// let request = IdRequest { person: person.clone(), birth: BirthInfo::Year(1941), gender: LegalGender::Female, first_decided: day };
    /// // The same person twice is one person.
    /// let ids = IvoIdAssignment::new().assign([request.clone(), request])?;
    /// assert_eq!(ids.len(), 1);
    /// assert!(ids.get(&person).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assign(mut self, persons: impl IntoIterator<Item = IdRequest>) -> Result<Self> {
        let mut merged: BTreeMap<PersonRef, IdRequest> = BTreeMap::new();
        for request in persons {
            match merged.entry(request.person.clone()) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(request);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let kept = o.get_mut();
                    kept.first_decided = kept.first_decided.min(request.first_decided);
                }
            }
        }
        let mut order: Vec<&IdRequest> = merged.values().collect();
        order.sort_by(|a, b| (a.first_decided, &a.person).cmp(&(b.first_decided, &b.person)));
        // Check every request before taking ids, so errors do not depend on order.
        for r in &order {
            IvoPersonId::derive_attempt(&r.person, r.birth, r.gender, 0)?;
        }
        self.ids.clear();
        self.collisions.clear();
        self.unassigned.clear();
        self.previous_dropped.clear();

        // Seeded ids are reserved for their person (the first in the order of
        // the requests, then of the reference, when two share one).
        let rank: BTreeMap<&PersonRef, usize> = order
            .iter()
            .enumerate()
            .map(|(i, r)| (&r.person, i))
            .collect();
        let mut seeded: Vec<(&PersonRef, &IvoPersonId)> = self.previous.iter().collect();
        seeded.sort_by_key(|(p, _)| (rank.get(p).copied().unwrap_or(usize::MAX), *p));
        let mut taken: BTreeMap<IvoPersonId, PersonRef> = BTreeMap::new();
        let mut used: BTreeMap<(String, LegalGender), u32> = BTreeMap::new();
        for (person, id) in seeded {
            if !taken.contains_key(id) {
                taken.insert(id.clone(), person.clone());
                let count = used.entry(bucket(id)).or_insert(0);
                *count = count.saturating_add(1);
            }
        }
        // Pass 1: consistent seeds are kept.
        for r in &order {
            let Some(previous) = self.previous.get(&r.person) else {
                continue;
            };
            let consistent = previous.as_str().get(..8) == Some(r.birth.digits()?.as_str())
                && previous.legal_gender() == r.gender
                && taken.get(previous) == Some(&r.person);
            if consistent {
                self.ids.insert(r.person.clone(), previous.clone());
            } else {
                self.previous_dropped.push(previous.clone());
            }
        }
        // Pass 2: everybody else, in order.
        for r in &order {
            if self.ids.contains_key(&r.person) {
                continue;
            }
            let first = IvoPersonId::derive_attempt(&r.person, r.birth, r.gender, 0)?;
            let key = bucket(&first);
            let free = |id: &IvoPersonId, taken: &BTreeMap<IvoPersonId, PersonRef>| {
                taken.get(id).is_none_or(|owner| owner == &r.person)
            };
            let mut assigned = None;
            if free(&first, &taken) {
                assigned = Some(first.clone());
            } else if used.get(&key).copied().unwrap_or(0) < IDS_PER_BIRTH_AND_GENDER {
                for attempt in 1..=MAX_ATTEMPTS {
                    let id = IvoPersonId::derive_attempt(&r.person, r.birth, r.gender, attempt)?;
                    if free(&id, &taken) {
                        self.collisions.push(IdCollision {
                            contested: first.clone(),
                            assigned: id.clone(),
                            attempts: attempt,
                        });
                        assigned = Some(id);
                        break;
                    }
                }
            }
            match assigned {
                Some(id) => {
                    if !taken.contains_key(&id) {
                        let count = used.entry(bucket(&id)).or_insert(0);
                        *count = count.saturating_add(1);
                    }
                    taken.insert(id.clone(), r.person.clone());
                    self.ids.insert(r.person.clone(), id);
                }
                None => self.unassigned.push(r.person.clone()),
            }
        }
        Ok(self)
    }

    /// Ids for every person of `decisions`: each person's data from the
    /// first decision given, ordered by the earliest decision date.
    ///
    /// # Errors
    /// As [`IvoIdAssignment::assign`]; [`DecisionsError::UnsupportedGender`]
    /// names the decision.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// let decided = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::Lss,
    ///     Insats::DagligVerksamhet, decided, LegalGender::Male, 1990)?;
    /// let ids = IvoIdAssignment::new().for_decisions(&[decision.clone()])?;
    /// assert!(ids.for_decision(&decision).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_decisions(self, decisions: &[Decision]) -> Result<Self> {
        for d in decisions {
            if !matches!(d.gender(), LegalGender::Female | LegalGender::Male) {
                return Err(DecisionsError::UnsupportedGender {
                    context: format!("decision {}", d.id().as_str()),
                });
            }
        }
        self.assign(decisions.iter().map(IdRequest::of))
    }

    /// The id of a person.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// assert_eq!(IvoIdAssignment::new().get(&PersonRef::new("p-1")?), None);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn get(&self, person: &PersonRef) -> Option<&IvoPersonId> {
        self.ids.get(person)
    }

    /// The id of a decision's person.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// let decided = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, decided, LegalGender::Female, 1941)?;
    /// let ids = IvoIdAssignment::new().for_decisions(&[decision.clone()])?;
    /// let id = ids.for_decision(&decision).ok_or("id")?;
    /// assert!(id.as_str().starts_with("19410000-T"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_decision(&self, decision: &Decision) -> Option<&IvoPersonId> {
        self.get(decision.person())
    }

    /// The collisions resolved, in the order they were found.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let women = |n: usize| (0..n).map(|i| Ok(IdRequest {
    ///     person: PersonRef::new(&format!("p-{i}"))?, birth: BirthInfo::Year(1941),
    ///     gender: LegalGender::Female, first_decided: day,
    /// })).collect::<Result<Vec<_>, namnd_decisions::DecisionsError>>();
    /// // 100 women born the same year share 500 ids: some first choices collide.
    /// let ids = IvoIdAssignment::new().assign(women(100)?)?;
    /// assert_eq!(ids.len(), 100);
    /// assert!(!ids.collisions().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn collisions(&self) -> &[IdCollision] {
        &self.collisions
    }

    /// The persons for whom no id was left (more than 500 persons share a
    /// birth date and gender), in the order of the assignment.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let men = (0..502).map(|i| Ok(IdRequest {
    ///     person: PersonRef::new(&format!("p-{i}"))?, birth: BirthInfo::Year(1950),
    ///     gender: LegalGender::Male, first_decided: day,
    /// })).collect::<Result<Vec<_>, namnd_decisions::DecisionsError>>()?;
    /// let ids = IvoIdAssignment::new().assign(men)?;
    /// assert_eq!((ids.len(), ids.unassigned().len()), (500, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unassigned(&self) -> &[PersonRef] {
        &self.unassigned
    }

    /// Seeded ids that were not kept (inconsistent with the person, or
    /// seeded for two persons), in the order of the assignment.
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment, IvoPersonId};
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let person = PersonRef::new("p-1")?;
    /// // Issued for a man born 1950: not this woman born 1941.
    /// let wrong = IvoPersonId::parse("19500000-T512")?;
    /// let ids = IvoIdAssignment::new()
    ///     .with_previous([(person.clone(), wrong.clone())])
    ///     .assign([IdRequest { person: person.clone(), birth: BirthInfo::Year(1941),
    ///         gender: LegalGender::Female, first_decided: day }])?;
    /// assert_eq!(ids.previous_dropped(), [wrong]);
    /// assert_ne!(ids.get(&person).map(IvoPersonId::as_str), Some("19500000-T512"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn previous_dropped(&self) -> &[IvoPersonId] {
        &self.previous_dropped
    }

    /// Every id known: the seeds and the ids assigned (an assigned id
    /// replaces its person's seed), to seed the next report with
    /// [`IvoIdAssignment::with_previous`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::PersonRef;
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest, IvoIdAssignment};
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let request = IdRequest { person: PersonRef::new("p-1")?, birth: BirthInfo::Year(1941),
    ///     gender: LegalGender::Female, first_decided: day };
    /// let first = IvoIdAssignment::new().assign([request.clone()])?;
    /// let next = IvoIdAssignment::new().with_previous(first.issued()).assign([request.clone()])?;
    /// assert_eq!(next.get(&request.person), first.get(&request.person));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issued(&self) -> Vec<(PersonRef, IvoPersonId)> {
        let mut all = self.previous.clone();
        all.extend(self.ids.iter().map(|(p, id)| (p.clone(), id.clone())));
        all.into_iter().collect()
    }

    /// How many persons have an id.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// assert_eq!(IvoIdAssignment::new().assign([])?.len(), 0);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no person has an id.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::ivo::IvoIdAssignment;
    /// assert!(IvoIdAssignment::new().assign([])?.is_empty());
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl IdRequest {
    /// The request for a decision's person.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// use namnd_decisions::ivo::{BirthInfo, IdRequest};
    /// let decided = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("1")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, decided, LegalGender::Female, 1941)?;
    /// let request = IdRequest::of(&decision);
    /// assert_eq!((request.birth, request.first_decided), (BirthInfo::Year(1941), decided));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(decision: &Decision) -> Self {
        IdRequest {
            person: decision.person().clone(),
            birth: BirthInfo::of(decision),
            gender: decision.gender(),
            first_decided: decision.decision_date(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn q(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    #[test]
    fn ivo_windows_follow_the_month_after_each_quarter() {
        let w = ReportingWindows::ivo();
        assert_eq!(w.due(q("2024Q1")).unwrap(), (d(2024, 4, 1), d(2024, 4, 30)));
        assert_eq!(w.due(q("2024Q2")).unwrap(), (d(2024, 7, 1), d(2024, 8, 31)));
        assert_eq!(
            w.due(q("2024Q3")).unwrap(),
            (d(2024, 10, 1), d(2024, 10, 31))
        );
        assert_eq!(w.due(q("2024Q4")).unwrap(), (d(2025, 1, 1), d(2025, 1, 31)));
    }

    #[test]
    fn window_day_past_month_end_is_clamped() {
        let w = ReportingWindow::new(2, 1, 2, 31).unwrap();
        // Q4 2023 + 2 months = February 2024 (leap year).
        assert_eq!(
            w.dates_after(q("2023Q4")).unwrap(),
            (d(2024, 2, 1), d(2024, 2, 29))
        );
    }

    #[test]
    fn window_closing_before_opening_is_rejected() {
        assert!(ReportingWindow::new(1, 15, 1, 14).is_err());
        assert!(ReportingWindow::new(1, 0, 1, 14).is_err());
        assert!(ReportingWindow::new(13, 1, 13, 14).is_err());
    }

    #[test]
    fn q1_report_is_due_by_30_april_on_10_april() {
        let due = DueSchedule::default().due_on(d(2024, 4, 10)).unwrap();
        assert_eq!(
            due.iter().map(|r| r.recipient).collect::<Vec<_>>(),
            [Recipient::Ivo, Recipient::Auditors, Recipient::Council]
        );
        for r in &due {
            assert_eq!(r.quarter, q("2024Q1"));
            assert_eq!(r.closes, d(2024, 4, 30));
        }
    }

    #[test]
    fn nothing_is_due_between_windows_but_next_due_says_what_comes() {
        let schedule = DueSchedule::default();
        assert!(schedule.due_on(d(2024, 5, 2)).unwrap().is_empty());
        let next = schedule.next_due(d(2024, 5, 2)).unwrap();
        assert_eq!(next.len(), 3);
        assert!(
            next.iter()
                .all(|r| r.quarter == q("2024Q2") && r.closes == d(2024, 8, 31))
        );
    }

    #[test]
    fn council_window_is_configurable() {
        let second = ReportingWindow::new(2, 1, 2, 31).unwrap();
        let schedule = DueSchedule::default()
            .with_council(ReportingWindows::new(second, second, second, second));
        let due = schedule.due_on(d(2024, 5, 10)).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].recipient, Recipient::Council);
        assert_eq!(due[0].quarter, q("2024Q1"));
        assert_eq!(due[0].closes, d(2024, 5, 31));
    }

    #[test]
    fn q4_window_is_in_january_of_the_next_year() {
        let due = DueSchedule::default().due_on(d(2025, 1, 31)).unwrap();
        assert!(due.iter().all(|r| r.quarter == q("2024Q4")));
        assert_eq!(due.len(), 3);
    }

    #[test]
    fn id_has_birth_year_and_zeros_when_only_the_year_is_known() {
        let p = PersonRef::new("p-1").unwrap();
        let id = IvoPersonId::derive(&p, BirthInfo::Year(1941), LegalGender::Male).unwrap();
        assert_eq!(&id.as_str()[..10], "19410000-T");
        assert_eq!(id.as_str().len(), 13);
        let id =
            IvoPersonId::derive(&p, BirthInfo::Date(d(1941, 3, 7)), LegalGender::Male).unwrap();
        assert_eq!(&id.as_str()[..10], "19410307-T");
    }

    #[test]
    fn id_never_contains_the_person_reference() {
        let p = PersonRef::new("secret-pseudonym-123").unwrap();
        let id = IvoPersonId::derive(&p, BirthInfo::Year(1941), LegalGender::Male).unwrap();
        assert!(!id.as_str().contains("secret"));
    }

    fn request(name: &str, year: i32, gender: LegalGender, first: NaiveDate) -> IdRequest {
        IdRequest {
            person: PersonRef::new(name).unwrap(),
            birth: BirthInfo::Year(year),
            gender,
            first_decided: first,
        }
    }

    fn women(n: usize, first: NaiveDate) -> Vec<IdRequest> {
        (0..n)
            .map(|i| request(&format!("p-{i}"), 1941, LegalGender::Female, first))
            .collect()
    }

    #[test]
    fn collisions_are_resolved_deterministically_and_reported() {
        // 300 women born the same year: many first choices collide
        // (300 persons in 500 ids).
        let persons = women(300, d(2024, 1, 1));
        let a = IvoIdAssignment::new().assign(persons.clone()).unwrap();
        let mut reversed = persons.clone();
        reversed.reverse();
        let b = IvoIdAssignment::new().assign(reversed).unwrap();
        assert_eq!(a, b);
        assert!(!a.collisions().is_empty());
        let distinct: BTreeSet<&IvoPersonId> = a.ids.values().collect();
        assert_eq!(distinct.len(), 300);
        for c in a.collisions() {
            assert_ne!(c.contested, c.assigned);
            assert!(c.attempts >= 1);
            assert_eq!(c.assigned.legal_gender(), LegalGender::Female);
        }
    }

    #[test]
    fn collision_is_won_by_the_person_with_the_earliest_decision() {
        // Find two women whose first choices collide.
        let persons = women(300, d(2024, 1, 1));
        let a = IvoIdAssignment::new().assign(persons.clone()).unwrap();
        let c = a.collisions().first().unwrap().clone();
        let loser = a
            .ids
            .iter()
            .find(|(_, id)| **id == c.assigned)
            .unwrap()
            .0
            .clone();
        let winner = a
            .ids
            .iter()
            .find(|(_, id)| **id == c.contested)
            .unwrap()
            .0
            .clone();
        // Make the loser the earlier one: now it keeps the unhashed id.
        let early = request(loser.as_str(), 1941, LegalGender::Female, d(2020, 1, 1));
        let late = request(winner.as_str(), 1941, LegalGender::Female, d(2024, 1, 1));
        let b = IvoIdAssignment::new().assign([late, early]).unwrap();
        assert_eq!(b.get(&loser), Some(&c.contested));
        assert_ne!(b.get(&winner), Some(&c.contested));
    }

    #[test]
    fn previous_ids_are_kept_and_reserved() {
        let persons = women(300, d(2024, 1, 1));
        let a = IvoIdAssignment::new().assign(persons.clone()).unwrap();
        let c = a.collisions().first().unwrap().clone();
        let loser = a
            .ids
            .iter()
            .find(|(_, id)| **id == c.assigned)
            .unwrap()
            .0
            .clone();
        // Next report: only the re-hashed person; seeded, it keeps its id.
        let only = persons.iter().find(|r| r.person == loser).unwrap().clone();
        let unseeded = IvoIdAssignment::new().assign([only.clone()]).unwrap();
        assert_eq!(unseeded.get(&loser), Some(&c.contested));
        let seeded = IvoIdAssignment::new()
            .with_previous(a.issued())
            .assign([only])
            .unwrap();
        assert_eq!(seeded.get(&loser), Some(&c.assigned));
        assert!(seeded.previous_dropped().is_empty());
    }

    #[test]
    fn ivo_id_space_exhausted_leaves_persons_without_id_instead_of_failing() {
        let a = IvoIdAssignment::new()
            .assign(women(503, d(2024, 1, 1)))
            .unwrap();
        assert_eq!(a.len(), 500);
        assert_eq!(a.unassigned().len(), 3);
        let distinct: BTreeSet<&IvoPersonId> = a.ids.values().collect();
        assert_eq!(distinct.len(), 500);
    }

    #[test]
    fn same_person_requested_twice_gets_one_id_from_the_first_request() {
        let first = request("p-1", 1941, LegalGender::Female, d(2024, 1, 1));
        let second = request("p-1", 1950, LegalGender::Male, d(2023, 1, 1));
        let a = IvoIdAssignment::new().assign([first, second]).unwrap();
        assert_eq!(a.len(), 1);
        let id = a.get(&PersonRef::new("p-1").unwrap()).unwrap();
        assert!(id.as_str().starts_with("19410000-T"));
        assert_eq!(id.legal_gender(), LegalGender::Female);
    }

    #[test]
    fn parse_checks_the_form() {
        assert!(IvoPersonId::parse("20240229-T123").is_ok());
        assert!(IvoPersonId::parse("20230229-T123").is_err());
        assert!(IvoPersonId::parse("2023022-T1234").is_err());
        assert!(IvoPersonId::parse("20230228-X123").is_err());
        assert!(IvoPersonId::parse("20230228-T12a").is_err());
        assert!(IvoPersonId::parse("").is_err());
    }
}
