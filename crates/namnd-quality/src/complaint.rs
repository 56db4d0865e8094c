//! Complaints and comments (*klagomål och synpunkter*) on the committee's
//! services, with response times.
//!
//! A complaint arrives through a channel: directly to the administration, via
//! the region's patient board (*patientnämnd*), via IVO, or otherwise. It
//! concerns a unit and a category, and is answered on some date. The
//! municipality's own routine sets how quickly it must be answered
//! ([`ResponseLimit`]); the patient-safety report says whether complaints
//! were answered in time (Gnesta 2022: two, both via the patient board, both
//! answered in time).
//!
//! | Question | Item |
//! |---|---|
//! | One complaint (no free text) | [`Complaint`], [`ComplaintChannel`] |
//! | How many days to the answer? | [`Complaint::response_days`] |
//! | Answered in time, late, still open, overdue? | [`Complaint::status`] against a [`ResponseLimit`] → [`ResponseStatus`] |
//! | Counts by category × channel, by unit and by status; median response days | [`ComplaintSummary`] (optionally checked against a category list: [`ComplaintSummary::with_categories`]) |
//! | The same for public committee papers | [`ComplaintSummary::committee`] → [`CommitteeComplaints`] (small counts suppressed; the median left out below `min_shown` answers) |
//!
//! Like an [`IncidentReport`](crate::incident::IncidentReport), a
//! [`Complaint`] carries no description: the text stays in the register.
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::OrgUnit;
//! use namnd_quality::complaint::{Complaint, ComplaintChannel, ResponseLimit, ResponseStatus};
//! use namnd_quality::incident::CategoryCode;
//!
//! let received = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
//! let answered = NaiveDate::from_ymd_opt(2022, 3, 15).ok_or("date")?;
//! let complaint = Complaint::new(
//!     received,
//!     ComplaintChannel::PatientBoard,
//!     OrgUnit::new("SÄBO1")?,
//!     CategoryCode::new("Bemötande")?,
//! )
//! .answered_on(answered)?;
//! assert_eq!(complaint.response_days(), Some(14));
//! assert_eq!(complaint.status(ResponseLimit::days(14), answered), ResponseStatus::AnsweredInTime);
//! assert_eq!(complaint.status(ResponseLimit::days(10), answered), ResponseStatus::AnsweredLate);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use namnd_calc::suppress::{
    CountTable, PublishedCount, SmallCountPolicy, SuppressedTable, suppress_list,
};
use namnd_core::{Decimal, OrgUnit};

use crate::incident::CategoryCode;
use crate::{QualityError, Result};

/// How many characters of a label an error message echoes.
const ECHO_CHARS: usize = 60;

/// How a complaint reached the committee.
///
/// With the `serde` feature written in kebab case (`"patient-board"`).
///
/// # Example
/// ```
/// use namnd_quality::complaint::ComplaintChannel;
/// assert_eq!(ComplaintChannel::PatientBoard.to_string(), "patientnämnd");
/// assert_eq!(ComplaintChannel::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ComplaintChannel {
    /// Directly to the administration or the unit (*direkt*).
    Direct,
    /// Via the region's patient board (*patientnämnd*).
    PatientBoard,
    /// Via the Health and Social Care Inspectorate (IVO).
    Ivo,
    /// Any other way (*annan väg*).
    Other,
}

impl ComplaintChannel {
    /// Every channel, in the order tables print them.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::complaint::ComplaintChannel;
    /// assert_eq!(ComplaintChannel::ALL.first(), Some(&ComplaintChannel::Direct));
    /// ```
    pub const ALL: &'static [ComplaintChannel] = &[
        ComplaintChannel::Direct,
        ComplaintChannel::PatientBoard,
        ComplaintChannel::Ivo,
        ComplaintChannel::Other,
    ];
}

impl fmt::Display for ComplaintChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ComplaintChannel::Direct => "direkt",
            ComplaintChannel::PatientBoard => "patientnämnd",
            ComplaintChannel::Ivo => "IVO",
            ComplaintChannel::Other => "annan väg",
        })
    }
}

/// How many calendar days a complaint may take to answer, by the
/// municipality's own routine (the law sets no number). A complaint answered
/// on day `received + days` is answered in time.
///
/// With the `serde` feature written as the number of days.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_quality::complaint::ResponseLimit;
/// let limit = ResponseLimit::days(14);
/// let received = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
/// assert_eq!(limit.deadline(received), NaiveDate::from_ymd_opt(2022, 3, 15));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ResponseLimit(u32);

impl ResponseLimit {
    /// A limit of `days` calendar days.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::complaint::ResponseLimit;
    /// assert_eq!(ResponseLimit::days(14).as_days(), 14);
    /// ```
    #[must_use]
    pub const fn days(days: u32) -> Self {
        ResponseLimit(days)
    }

    /// The limit in days.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::complaint::ResponseLimit;
    /// assert_eq!(ResponseLimit::days(30).as_days(), 30);
    /// ```
    #[must_use]
    pub const fn as_days(self) -> u32 {
        self.0
    }

    /// The last day to answer a complaint received on `received`; `None` if
    /// that lies beyond the calendar.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_quality::complaint::ResponseLimit;
    /// assert_eq!(ResponseLimit::days(1).deadline(NaiveDate::MAX), None);
    /// ```
    #[must_use]
    pub fn deadline(self, received: NaiveDate) -> Option<NaiveDate> {
        received.checked_add_days(chrono::Days::new(u64::from(self.0)))
    }
}

/// Where a complaint stands against a [`ResponseLimit`] on a given day.
///
/// # Example
/// ```
/// use namnd_quality::complaint::ResponseStatus;
/// assert_eq!(ResponseStatus::AnsweredInTime.to_string(), "besvarat i tid");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ResponseStatus {
    /// Answered on or before the deadline.
    AnsweredInTime,
    /// Answered after the deadline.
    AnsweredLate,
    /// Not answered, and the deadline has not passed.
    Open,
    /// Not answered, and the deadline has passed.
    Overdue,
}

impl ResponseStatus {
    /// Every status, in the order tables print them.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::complaint::ResponseStatus;
    /// assert_eq!(ResponseStatus::ALL.len(), 4);
    /// ```
    pub const ALL: &'static [ResponseStatus] = &[
        ResponseStatus::AnsweredInTime,
        ResponseStatus::AnsweredLate,
        ResponseStatus::Open,
        ResponseStatus::Overdue,
    ];
}

impl fmt::Display for ResponseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ResponseStatus::AnsweredInTime => "besvarat i tid",
            ResponseStatus::AnsweredLate => "besvarat för sent",
            ResponseStatus::Open => "ej besvarat",
            ResponseStatus::Overdue => "ej besvarat, försenat",
        })
    }
}

/// One complaint or comment (*klagomål eller synpunkt*): received date,
/// channel, the unit it concerns, category, and the date it was answered.
///
/// No description: the text stays in the register. With the `serde` feature
/// the answered date is checked against the received date when read.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::OrgUnit;
/// use namnd_quality::{QualityError, complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
///
/// let received = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
/// let complaint = Complaint::new(received, ComplaintChannel::Direct, OrgUnit::new("HT1")?, CategoryCode::new("Kontinuitet")?);
/// let too_early = NaiveDate::from_ymd_opt(2022, 3, 9).ok_or("date")?;
/// assert!(matches!(
///     complaint.answered_on(too_early),
///     Err(QualityError::ComplaintAnsweredBeforeReceived { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ComplaintRepr", into = "ComplaintRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "ComplaintRepr"))]
pub struct Complaint {
    received: NaiveDate,
    channel: ComplaintChannel,
    unit: OrgUnit,
    category: CategoryCode,
    answered: Option<NaiveDate>,
}

/// The wire form of a [`Complaint`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ComplaintRepr {
    received: NaiveDate,
    channel: ComplaintChannel,
    unit: OrgUnit,
    category: CategoryCode,
    #[serde(default)]
    answered: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<ComplaintRepr> for Complaint {
    type Error = QualityError;

    fn try_from(r: ComplaintRepr) -> Result<Self> {
        let complaint = Complaint::new(r.received, r.channel, r.unit, r.category);
        match r.answered {
            Some(date) => complaint.answered_on(date),
            None => Ok(complaint),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Complaint> for ComplaintRepr {
    fn from(c: Complaint) -> Self {
        ComplaintRepr {
            received: c.received,
            channel: c.channel,
            unit: c.unit,
            category: c.category,
            answered: c.answered,
        }
    }
}

impl Complaint {
    /// An unanswered complaint.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let received = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(received, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// assert_eq!(c.answered(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        received: NaiveDate,
        channel: ComplaintChannel,
        unit: OrgUnit,
        category: CategoryCode,
    ) -> Self {
        Complaint {
            received,
            channel,
            unit,
            category,
            answered: None,
        }
    }

    /// The same complaint, answered on `date`.
    ///
    /// # Errors
    /// [`QualityError::ComplaintAnsweredBeforeReceived`] if `date` is before
    /// the received date.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?).answered_on(day)?;
    /// assert_eq!(c.response_days(), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answered_on(mut self, date: NaiveDate) -> Result<Self> {
        if date < self.received {
            return Err(QualityError::ComplaintAnsweredBeforeReceived {
                code: namnd_core::quote_for_message(self.category.as_str(), ECHO_CHARS),
                received: self.received,
                answered: date,
            });
        }
        self.answered = Some(date);
        Ok(self)
    }

    /// The date received.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// assert_eq!(c.received(), day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn received(&self) -> NaiveDate {
        self.received
    }

    /// The channel.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// assert_eq!(c.channel(), ComplaintChannel::Ivo);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn channel(&self) -> ComplaintChannel {
        self.channel
    }

    /// The unit the complaint concerns.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// assert_eq!(c.unit().code(), "HT1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn unit(&self) -> &OrgUnit {
        &self.unit
    }

    /// The category.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::{Complaint, ComplaintChannel}, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 10).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::Ivo, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// assert_eq!(c.category().as_str(), "Vård");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn category(&self) -> &CategoryCode {
        &self.category
    }

    /// The date answered, if it has been.
    ///
    /// # Example
    /// See [`Complaint::answered_on`].
    #[must_use]
    pub fn answered(&self) -> Option<NaiveDate> {
        self.answered
    }

    /// Calendar days from received to answered; `None` while unanswered.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn response_days(&self) -> Option<i64> {
        self.answered
            .map(|answered| answered.signed_duration_since(self.received).num_days())
    }

    /// Where the complaint stands against `limit` on `as_of`: an answer
    /// after `as_of` is not yet known then, so the complaint counts as open
    /// (or overdue) on that day.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::*, incident::CategoryCode};
    /// let received = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
    /// let c = Complaint::new(received, ComplaintChannel::Direct, OrgUnit::new("HT1")?, CategoryCode::new("Vård")?);
    /// let limit = ResponseLimit::days(14);
    /// let on_deadline = NaiveDate::from_ymd_opt(2022, 3, 15).ok_or("date")?;
    /// assert_eq!(c.status(limit, on_deadline), ResponseStatus::Open);
    /// assert_eq!(c.status(limit, on_deadline.succ_opt().ok_or("date")?), ResponseStatus::Overdue);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn status(&self, limit: ResponseLimit, as_of: NaiveDate) -> ResponseStatus {
        // A deadline beyond the calendar is never passed.
        let past = |day: NaiveDate| limit.deadline(self.received).is_some_and(|d| day > d);
        match self.answered {
            Some(answered) if answered <= as_of => {
                if past(answered) {
                    ResponseStatus::AnsweredLate
                } else {
                    ResponseStatus::AnsweredInTime
                }
            }
            _ if past(as_of) => ResponseStatus::Overdue,
            _ => ResponseStatus::Open,
        }
    }
}

/// Complaints counted by category × channel and by [`ResponseStatus`] on a
/// given day.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::OrgUnit;
/// use namnd_quality::{complaint::*, incident::CategoryCode};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2022, m, d).ok_or("date");
/// let unit = OrgUnit::new("HT1")?;
/// let complaints = vec![
///     Complaint::new(day(3, 1)?, ComplaintChannel::Direct, unit.clone(), CategoryCode::new("Vård")?).answered_on(day(3, 5)?)?,
///     Complaint::new(day(4, 1)?, ComplaintChannel::Ivo, unit, CategoryCode::new("Vård")?),
/// ];
/// let summary = ComplaintSummary::new(&complaints, ResponseLimit::days(14), day(12, 31)?)?;
/// assert_eq!(summary.total(), 2);
/// assert_eq!(summary.count("Vård", ComplaintChannel::Ivo), Some(1));
/// assert_eq!(summary.by_status(ResponseStatus::Overdue), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ComplaintSummary {
    table: CountTable,
    /// One count per [`ResponseStatus::ALL`].
    statuses: Vec<(ResponseStatus, u64)>,
    /// Complaints per unit code, sorted by code.
    units: Vec<(String, u64)>,
    /// Complaints answered by `as_of`.
    answered: u64,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    median_response_days: Option<Decimal>,
    limit: ResponseLimit,
    as_of: NaiveDate,
}

impl ComplaintSummary {
    /// Counts `complaints`: rows are the categories (sorted), columns the
    /// channels ([`ComplaintChannel::ALL`], labelled as they print), statuses
    /// against `limit` on `as_of`.
    ///
    /// # Errors
    /// [`QualityError::Calc`] only if a count overflows (which a slice of
    /// complaints cannot reach).
    ///
    /// # Example
    /// See [`ComplaintSummary`].
    pub fn new(complaints: &[Complaint], limit: ResponseLimit, as_of: NaiveDate) -> Result<Self> {
        let mut units: BTreeMap<&str, u64> = BTreeMap::new();
        let mut days = Vec::new();
        for complaint in complaints {
            let n = units.entry(complaint.unit.code()).or_insert(0);
            *n = n.checked_add(1).ok_or(QualityError::CaseCountOverflow)?;
            if complaint.answered.is_some_and(|a| a <= as_of)
                && let Some(d) = complaint.response_days()
            {
                days.push(d);
            }
        }
        let answered = u64::try_from(days.len()).map_err(|_| QualityError::CaseCountOverflow)?;
        let median_response_days = crate::case::median_days(&mut days)?;
        let categories: BTreeSet<&str> = complaints.iter().map(|c| c.category.as_str()).collect();
        let columns: Vec<String> = ComplaintChannel::ALL
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut table = CountTable::new(
            categories.iter().map(|c| (*c).to_owned()).collect(),
            columns,
        )?;
        let mut statuses: Vec<(ResponseStatus, u64)> =
            ResponseStatus::ALL.iter().map(|&s| (s, 0)).collect();
        for complaint in complaints {
            table.add(
                complaint.category.as_str(),
                &complaint.channel.to_string(),
                1,
            )?;
            let status = complaint.status(limit, as_of);
            if let Some((_, n)) = statuses.iter_mut().find(|(s, _)| *s == status) {
                *n = n.saturating_add(1);
            }
        }
        Ok(ComplaintSummary {
            table,
            statuses,
            units: units
                .into_iter()
                .map(|(unit, n)| (unit.to_owned(), n))
                .collect(),
            answered,
            median_response_days,
            limit,
            as_of,
        })
    }

    /// As [`new`](Self::new), after checking that every complaint's category
    /// is in `categories` (the municipality's list).
    ///
    /// # Errors
    /// [`QualityError::UnknownComplaintCategory`] for the first complaint
    /// whose category is not listed (naming the category and the date
    /// received); otherwise as [`new`](Self::new).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{QualityError, complaint::*, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
    /// let listed = [CategoryCode::new("Vård")?];
    /// let c = Complaint::new(day, ComplaintChannel::Direct, OrgUnit::new("HT")?, CategoryCode::new("Mat")?);
    /// let err = ComplaintSummary::with_categories(&[c], &listed, ResponseLimit::days(14), day).err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), r#"complaint received 2022-03-01: category "Mat" is not in the category list"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_categories(
        complaints: &[Complaint],
        categories: &[CategoryCode],
        limit: ResponseLimit,
        as_of: NaiveDate,
    ) -> Result<Self> {
        if let Some(c) = complaints
            .iter()
            .find(|c| !categories.iter().any(|k| k == &c.category))
        {
            return Err(QualityError::UnknownComplaintCategory {
                code: namnd_core::quote_for_message(c.category.as_str(), ECHO_CHARS),
                received: c.received,
            });
        }
        Self::new(complaints, limit, as_of)
    }

    /// The median number of days from received to answered, over the
    /// complaints answered by the summary's day (even count: the mean of the
    /// middle two), rounded to one decimal half away from zero (which only
    /// ever meets exact halves); `None` when none was answered.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{Decimal, OrgUnit};
    /// use namnd_quality::{complaint::*, incident::CategoryCode};
    /// let day = |m, d| NaiveDate::from_ymd_opt(2022, m, d).ok_or("date");
    /// let c = |received, answered| -> Result<Complaint, Box<dyn std::error::Error>> {
    ///     Ok(Complaint::new(received, ComplaintChannel::Direct, OrgUnit::new("HT")?, CategoryCode::new("Vård")?).answered_on(answered)?)
    /// };
    /// let complaints = [c(day(3, 1)?, day(3, 4)?)?, c(day(3, 1)?, day(3, 11)?)?];
    /// let s = ComplaintSummary::new(&complaints, ResponseLimit::days(14), day(12, 31)?)?;
    /// assert_eq!(s.median_response_days(), Some(Decimal::new(65, 1))); // (3 + 10) / 2
    /// assert_eq!(s.answered(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn median_response_days(&self) -> Option<Decimal> {
        self.median_response_days
    }

    /// The number of complaints answered by the summary's day.
    ///
    /// # Example
    /// See [`median_response_days`](Self::median_response_days).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.answered
    }

    /// Complaints per unit code, sorted by code.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::*, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
    /// let c = |unit: &str| -> Result<Complaint, Box<dyn std::error::Error>> {
    ///     Ok(Complaint::new(day, ComplaintChannel::Direct, OrgUnit::new(unit)?, CategoryCode::new("Vård")?))
    /// };
    /// let s = ComplaintSummary::new(&[c("SÄBO")?, c("HT")?, c("HT")?], ResponseLimit::days(14), day)?;
    /// assert_eq!(s.units(), [("HT".to_owned(), 2), ("SÄBO".to_owned(), 1)]);
    /// assert_eq!(s.by_unit("HT"), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn units(&self) -> &[(String, u64)] {
        &self.units
    }

    /// Complaints about the unit with `code` (0 if none).
    ///
    /// # Example
    /// See [`units`](Self::units).
    #[must_use]
    pub fn by_unit(&self, code: &str) -> u64 {
        self.units
            .iter()
            .find(|(u, _)| u == code)
            .map_or(0, |(_, n)| *n)
    }

    /// The number of complaints.
    ///
    /// # Example
    /// See [`ComplaintSummary`].
    #[must_use]
    pub fn total(&self) -> u64 {
        self.table.grand_total()
    }

    /// Complaints in `category` via `channel`; `None` if no complaint had
    /// that category.
    ///
    /// # Example
    /// See [`ComplaintSummary`].
    #[must_use]
    pub fn count(&self, category: &str, channel: ComplaintChannel) -> Option<u64> {
        self.table.count(category, &channel.to_string())
    }

    /// Complaints via `channel`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// let s = ComplaintSummary::new(&[], ResponseLimit::days(14), day)?;
    /// assert_eq!(s.by_channel(ComplaintChannel::PatientBoard), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn by_channel(&self, channel: ComplaintChannel) -> u64 {
        self.table
            .column_total(&channel.to_string())
            .unwrap_or_default()
    }

    /// Complaints with `status` on the summary's day.
    ///
    /// # Example
    /// See [`ComplaintSummary`].
    #[must_use]
    pub fn by_status(&self, status: ResponseStatus) -> u64 {
        self.statuses
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }

    /// The response limit used.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// assert_eq!(ComplaintSummary::new(&[], ResponseLimit::days(14), day)?.limit(), ResponseLimit::days(14));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn limit(&self) -> ResponseLimit {
        self.limit
    }

    /// The day the statuses are evaluated on.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// assert_eq!(ComplaintSummary::new(&[], ResponseLimit::days(14), day)?.as_of(), day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The category × channel counts.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// let s = ComplaintSummary::new(&[], ResponseLimit::days(14), day)?;
    /// assert_eq!(s.table().columns(), ["direkt", "patientnämnd", "IVO", "annan väg"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn table(&self) -> &CountTable {
        &self.table
    }

    /// The summary as it may be printed in public committee papers: the
    /// category × channel table and the status list, each with small counts
    /// hidden under `policy` and secondary suppression.
    ///
    /// # Errors
    /// [`QualityError::Calc`] only if the status counts overflow.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// let s = ComplaintSummary::new(&[], ResponseLimit::days(14), day)?;
    /// let published = s.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.total().value(), Some(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn committee(&self, policy: SmallCountPolicy) -> Result<CommitteeComplaints> {
        let list: Vec<(String, u64)> = self
            .statuses
            .iter()
            .map(|(s, n)| (s.to_string(), *n))
            .collect();
        let (statuses, status_total) = suppress_list(&list, policy)?;
        let statuses = self
            .statuses
            .iter()
            .map(|(s, _)| *s)
            .zip(statuses.into_iter().map(|(_, c)| c))
            .collect();
        let (by_unit, _) = suppress_list(&self.units, policy)?;
        let median_response_days = if self.answered >= policy.min_shown() {
            self.median_response_days
        } else {
            None
        };
        Ok(CommitteeComplaints {
            by_category_channel: self.table.suppress(policy),
            statuses,
            total: status_total,
            by_unit,
            median_response_days,
        })
    }
}

/// A [`ComplaintSummary`] as it may be published.
///
/// # Example
/// See [`ComplaintSummary::committee`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CommitteeComplaints {
    by_category_channel: SuppressedTable,
    statuses: Vec<(ResponseStatus, PublishedCount)>,
    total: PublishedCount,
    by_unit: Vec<(String, PublishedCount)>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    median_response_days: Option<Decimal>,
}

impl CommitteeComplaints {
    /// Category × channel, suppressed.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::{complaint::*, incident::CategoryCode};
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 1).ok_or("date")?;
    /// let c = Complaint::new(day, ComplaintChannel::PatientBoard, OrgUnit::new("HT")?, CategoryCode::new("Vård")?);
    /// let published = ComplaintSummary::new(&[c], ResponseLimit::days(14), day)?.committee(SmallCountPolicy::default())?;
    /// let cell = published.by_category_channel().cell("Vård", "patientnämnd").ok_or("no cell")?;
    /// assert_eq!(cell.to_string(), "..");
    /// assert!(published.by_category_channel().is_protected());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn by_category_channel(&self) -> &SuppressedTable {
        &self.by_category_channel
    }

    /// Complaints per unit code (sorted), suppressed as a list whose total
    /// is the number of complaints.
    ///
    /// # Example
    /// See [`median_response_days`](Self::median_response_days).
    #[must_use]
    pub fn by_unit(&self) -> &[(String, PublishedCount)] {
        &self.by_unit
    }

    /// The median response days, left out (`None`) when fewer complaints
    /// than the policy's `min_shown` were answered, since it would then
    /// describe individual complaints.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::{Decimal, OrgUnit};
    /// use namnd_quality::{complaint::*, incident::CategoryCode};
    /// let day = |m, d| NaiveDate::from_ymd_opt(2022, m, d).ok_or("date");
    /// let c = |unit: &str, days: u32| -> Result<Complaint, Box<dyn std::error::Error>> {
    ///     Ok(Complaint::new(day(3, 1)?, ComplaintChannel::Direct, OrgUnit::new(unit)?, CategoryCode::new("Vård")?)
    ///         .answered_on(day(3, 1 + days)?)?)
    /// };
    /// let few = [c("HT", 3)?, c("HT", 5)?];
    /// let s = ComplaintSummary::new(&few, ResponseLimit::days(14), day(12, 31)?)?;
    /// assert_eq!(s.median_response_days(), Some(Decimal::from(4)));
    /// let published = s.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.median_response_days(), None);
    /// assert_eq!(published.by_unit()[0].1.to_string(), "..");
    /// let many: Vec<Complaint> = (1..=5).map(|d| c("SÄBO", d)).collect::<Result<_, _>>()?;
    /// let published = ComplaintSummary::new(&many, ResponseLimit::days(14), day(12, 31)?)?.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.median_response_days(), Some(Decimal::from(3)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn median_response_days(&self) -> Option<Decimal> {
        self.median_response_days
    }

    /// One published count per [`ResponseStatus::ALL`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_quality::complaint::*;
    /// let day = NaiveDate::from_ymd_opt(2022, 12, 31).ok_or("date")?;
    /// let published = ComplaintSummary::new(&[], ResponseLimit::days(14), day)?.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.statuses().len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn statuses(&self) -> &[(ResponseStatus, PublishedCount)] {
        &self.statuses
    }

    /// The published number of complaints.
    ///
    /// # Example
    /// See [`ComplaintSummary::committee`].
    #[must_use]
    pub fn total(&self) -> PublishedCount {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn complaint(received: NaiveDate, channel: ComplaintChannel, category: &str) -> Complaint {
        Complaint::new(
            received,
            channel,
            OrgUnit::new("HT1").unwrap(),
            CategoryCode::new(category).unwrap(),
        )
    }

    #[test]
    fn answered_on_deadline_day_is_in_time() {
        let c = complaint(day(2022, 3, 1), ComplaintChannel::Direct, "Vård")
            .answered_on(day(2022, 3, 15))
            .unwrap();
        assert_eq!(c.response_days(), Some(14));
        assert_eq!(
            c.status(ResponseLimit::days(14), day(2022, 12, 31)),
            ResponseStatus::AnsweredInTime
        );
        assert_eq!(
            c.status(ResponseLimit::days(13), day(2022, 12, 31)),
            ResponseStatus::AnsweredLate
        );
    }

    #[test]
    fn answer_after_the_reporting_day_is_not_yet_known() {
        let c = complaint(day(2022, 12, 20), ComplaintChannel::Direct, "Vård")
            .answered_on(day(2023, 1, 10))
            .unwrap();
        assert_eq!(
            c.status(ResponseLimit::days(30), day(2022, 12, 31)),
            ResponseStatus::Open
        );
        assert_eq!(
            c.status(ResponseLimit::days(5), day(2022, 12, 31)),
            ResponseStatus::Overdue
        );
    }

    #[test]
    fn answered_before_received_names_dates_and_category() {
        let err = complaint(day(2022, 3, 10), ComplaintChannel::Ivo, "Bemötande")
            .answered_on(day(2022, 3, 9))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "complaint in category \"Bemötande\" received 2022-03-10 is answered 2022-03-09, before it was received"
        );
    }

    #[test]
    fn committee_summary_hides_small_counts() {
        let complaints: Vec<Complaint> = (0..7)
            .map(|i| complaint(day(2022, 1, 1 + i), ComplaintChannel::Direct, "Vård"))
            .chain([complaint(day(2022, 2, 1), ComplaintChannel::Ivo, "Vård")])
            .collect();
        let summary =
            ComplaintSummary::new(&complaints, ResponseLimit::days(14), day(2022, 1, 10)).unwrap();
        let published = summary.committee(SmallCountPolicy::default()).unwrap();
        let table = published.by_category_channel();
        assert!(table.cell("Vård", "IVO").unwrap().is_hidden());
        assert!(table.is_protected());
        // On 10 Jan: 7 open, 1 received later counts as open too; nothing overdue.
        assert_eq!(summary.by_status(ResponseStatus::Open), 8);
        let hidden = published
            .statuses()
            .iter()
            .filter(|(_, c)| c.is_hidden())
            .count();
        assert_eq!(hidden, 0);
    }

    proptest! {
        #[test]
        fn prop_every_complaint_has_exactly_one_status(
            items in prop::collection::vec((0_u32..300, proptest::option::of(0_u32..60), 0_usize..4), 0..40),
            limit in 0_u32..40,
        ) {
            let start = day(2022, 1, 1);
            let complaints: Vec<Complaint> = items
                .iter()
                .map(|&(offset, answer, channel)| {
                    let received = start + chrono::Days::new(u64::from(offset));
                    let c = complaint(received, ComplaintChannel::ALL[channel], "K");
                    match answer {
                        Some(a) => c.answered_on(received + chrono::Days::new(u64::from(a))).unwrap(),
                        None => c,
                    }
                })
                .collect();
            let summary = ComplaintSummary::new(&complaints, ResponseLimit::days(limit), day(2022, 12, 31)).unwrap();
            let by_status: u64 = ResponseStatus::ALL.iter().map(|&s| summary.by_status(s)).sum();
            let by_channel: u64 = ComplaintChannel::ALL.iter().map(|&c| summary.by_channel(c)).sum();
            prop_assert_eq!(by_status, complaints.len() as u64);
            prop_assert_eq!(by_channel, complaints.len() as u64);
            let published = summary.committee(SmallCountPolicy::default()).unwrap();
            prop_assert!(published.by_category_channel().is_protected());
            let hidden = published.statuses().iter().filter(|(_, c)| c.is_hidden()).count()
                + usize::from(published.total().is_hidden());
            prop_assert!(hidden != 1, "a single hidden figure in the status list is disclosed");
        }

        #[test]
        fn prop_summary_table_reconciles_with_status_and_unit_counts(
            items in prop::collection::vec((0_u32..300, proptest::option::of(0_u32..60), 0_usize..4, 0_usize..3, 0_usize..3), 0..40),
            limit in 0_u32..40,
        ) {
            let start = day(2022, 1, 1);
            let as_of = day(2022, 10, 1);
            let complaints: Vec<Complaint> = items
                .iter()
                .map(|&(offset, answer, channel, unit, category)| {
                    let received = start + chrono::Days::new(u64::from(offset));
                    let c = Complaint::new(
                        received,
                        ComplaintChannel::ALL[channel],
                        OrgUnit::new(["HT", "SÄBO", "LSS"][unit]).unwrap(),
                        CategoryCode::new(["Vård", "Bemötande", "Mat"][category]).unwrap(),
                    );
                    match answer {
                        Some(a) => c.answered_on(received + chrono::Days::new(u64::from(a))).unwrap(),
                        None => c,
                    }
                })
                .collect();
            let summary = ComplaintSummary::new(&complaints, ResponseLimit::days(limit), as_of).unwrap();
            let n = complaints.len() as u64;
            // The table, the statuses and the units all count every complaint once.
            prop_assert_eq!(summary.table().grand_total(), n);
            let rows: u64 = summary.table().rows().iter().filter_map(|r| summary.table().row_total(r)).sum();
            prop_assert_eq!(rows, n);
            let by_status: u64 = ResponseStatus::ALL.iter().map(|&s| summary.by_status(s)).sum();
            prop_assert_eq!(by_status, summary.table().grand_total());
            let by_unit: u64 = summary.units().iter().map(|(_, k)| k).sum();
            prop_assert_eq!(by_unit, n);
            // Answered by the day = answered in time + answered late.
            prop_assert_eq!(
                summary.answered(),
                summary.by_status(ResponseStatus::AnsweredInTime) + summary.by_status(ResponseStatus::AnsweredLate)
            );
            // The median lies between the shortest and longest answer.
            let days: Vec<i64> = complaints
                .iter()
                .filter(|c| c.answered().is_some_and(|a| a <= as_of))
                .filter_map(Complaint::response_days)
                .collect();
            match (days.iter().min(), days.iter().max(), summary.median_response_days()) {
                (Some(lo), Some(hi), Some(m)) => prop_assert!(m >= Decimal::from(*lo) && m <= Decimal::from(*hi)),
                (None, None, None) => {}
                other => prop_assert!(false, "median and days disagree: {other:?}"),
            }
            let published = summary.committee(SmallCountPolicy::default()).unwrap();
            if summary.answered() < 5 {
                prop_assert_eq!(published.median_response_days(), None);
            } else {
                prop_assert_eq!(published.median_response_days(), summary.median_response_days());
            }
            // With the published total, never exactly one hidden figure.
            prop_assert_ne!(
                published.by_unit().iter().filter(|(_, c)| c.is_hidden()).count()
                    + usize::from(published.total().is_hidden()),
                1
            );
        }
    }

    #[test]
    fn category_list_check_rejects_an_unlisted_category() {
        let c = complaint(day(2022, 3, 1), ComplaintChannel::Direct, "Mat");
        let listed = [CategoryCode::new("Vård").unwrap()];
        let e = ComplaintSummary::with_categories(
            std::slice::from_ref(&c),
            &listed,
            ResponseLimit::days(14),
            day(2022, 12, 31),
        )
        .unwrap_err();
        assert_eq!(
            e,
            QualityError::UnknownComplaintCategory {
                code: "Mat".to_owned(),
                received: day(2022, 3, 1)
            }
        );
        let listed = [CategoryCode::new("Mat").unwrap()];
        let s = ComplaintSummary::with_categories(
            &[c],
            &listed,
            ResponseLimit::days(14),
            day(2022, 12, 31),
        )
        .unwrap();
        assert_eq!(s.total(), 1);
    }

    #[test]
    fn median_response_days_counts_only_answers_known_on_the_day() {
        let answered = |received, days| {
            complaint(received, ComplaintChannel::Direct, "K")
                .answered_on(received + chrono::Days::new(days))
                .unwrap()
        };
        let complaints = [
            answered(day(2022, 3, 1), 2),
            answered(day(2022, 3, 1), 9),
            answered(day(2022, 3, 1), 4),
            // Answered after the summary's day: not yet known.
            answered(day(2022, 3, 20), 30),
        ];
        let s =
            ComplaintSummary::new(&complaints, ResponseLimit::days(14), day(2022, 4, 1)).unwrap();
        assert_eq!(s.answered(), 3);
        assert_eq!(s.median_response_days(), Some(Decimal::from(4)));
    }
}
