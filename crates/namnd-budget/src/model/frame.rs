//! The frame (*ram*, *anslagsram*) from the council and its changes.

use core::fmt;

use chrono::NaiveDate;
use namnd_core::{Amount, FiscalYear};

use super::{add, require_text, sub};
use crate::error::{BudgetError, Result};

/// The kind of a change to the frame.
///
/// # Example
/// ```
/// use namnd_budget::model::FrameChangeKind;
/// assert_eq!(FrameChangeKind::SupplementaryAppropriation.swedish(), "tilläggsanslag");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum FrameChangeKind {
    /// *Ombudgetering*: re-budgeting, e.g. unused funds carried over from the
    /// previous year.
    Rebudgeting,
    /// *Tilläggsanslag*: a supplementary appropriation from the council (KF).
    SupplementaryAppropriation,
    /// *Teknisk justering*: a technical adjustment, e.g. capital costs of new
    /// investments or a rent increase compensated in the frame.
    TechnicalAdjustment,
    /// *Omfördelning*: a reallocation between committees or within one. Two
    /// of the committee's own lines trading funds net to zero: enter both.
    Reallocation,
}

impl FrameChangeKind {
    /// The Swedish name, lowercase.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::FrameChangeKind;
    /// assert_eq!(FrameChangeKind::Rebudgeting.swedish(), "ombudgetering");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            FrameChangeKind::Rebudgeting => "ombudgetering",
            FrameChangeKind::SupplementaryAppropriation => "tilläggsanslag",
            FrameChangeKind::TechnicalAdjustment => "teknisk justering",
            FrameChangeKind::Reallocation => "omfördelning",
        }
    }
}

impl fmt::Display for FrameChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

/// One change to the frame by decision: its date, kind, amount (positive =
/// more frame), reason and decision reference (*beslut*, e.g. `KF § 123/2021`).
///
/// # Example
/// ```
/// use namnd_budget::model::{FrameChange, FrameChangeKind};
/// use namnd_core::Amount;
/// let date = chrono::NaiveDate::from_ymd_opt(2021, 6, 14).ok_or("date")?;
/// let change = FrameChange::new(date, FrameChangeKind::SupplementaryAppropriation, Amount::from_tkr(350)?, "Naturnära jobb", "KF § 80/2021")?;
/// assert_eq!(change.amount(), Amount::from_tkr(350)?);
/// assert!(FrameChange::new(date, FrameChangeKind::Reallocation, Amount::ZERO, " ", "KF").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::FrameChangeRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FrameChange {
    date: NaiveDate,
    kind: FrameChangeKind,
    amount: Amount,
    reason: String,
    decision: String,
}

impl FrameChange {
    /// A change by decision.
    ///
    /// # Errors
    /// [`BudgetError::BlankText`] if the reason or the decision reference is blank.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// let err = FrameChange::new(date, FrameChangeKind::Rebudgeting, Amount::ZERO, "Överföring", "").unwrap_err();
    /// assert_eq!(err.to_string(), "frame change of 2021-03-01 has an empty decision reference");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        date: NaiveDate,
        kind: FrameChangeKind,
        amount: Amount,
        reason: impl Into<String>,
        decision: impl Into<String>,
    ) -> Result<FrameChange> {
        let (reason, decision) = (reason.into(), decision.into());
        let item = || format!("frame change of {date}");
        require_text(&reason, item, "reason")?;
        require_text(&decision, item, "decision reference")?;
        Ok(FrameChange {
            date,
            kind,
            amount,
            reason,
            decision,
        })
    }

    /// The date of the decision.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// assert_eq!(FrameChange::new(date, FrameChangeKind::Rebudgeting, Amount::ZERO, "x", "y")?.date(), date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The kind.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// assert_eq!(FrameChange::new(date, FrameChangeKind::Reallocation, Amount::ZERO, "x", "y")?.kind(), FrameChangeKind::Reallocation);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> FrameChangeKind {
        self.kind
    }

    /// The amount, positive = more frame.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// let c = FrameChange::new(date, FrameChangeKind::TechnicalAdjustment, Amount::from_tkr(-730)?, "Hyreshöjning", "KF")?;
    /// assert!(c.amount().is_negative());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// The reason.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// assert_eq!(FrameChange::new(date, FrameChangeKind::Rebudgeting, Amount::ZERO, "Överföring", "y")?.reason(), "Överföring");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The decision reference.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FrameChange, FrameChangeKind};
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// assert_eq!(FrameChange::new(date, FrameChangeKind::Rebudgeting, Amount::ZERO, "x", "KF § 9")?.decision(), "KF § 9");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decision(&self) -> &str {
        &self.decision
    }
}

/// The frame (*ram*) the council (KF) gives a committee for a fiscal year:
/// the original frame (*ursprunglig budget*, *ursprungligt anslag*) and the
/// changes by decision during the year. The current frame (*ny anslagsram*)
/// is always original + changes: it is computed, and a frame stated in a
/// document is checked against it with [`BudgetFrame::reconcile`].
///
/// Amounts are canonical: the allocation is income to the committee, so a
/// frame is positive.
///
/// # Example
/// ```
/// use namnd_budget::model::{BudgetFrame, FrameChange, FrameChangeKind};
/// use namnd_core::{Amount, FiscalYear};
///
/// let year = FiscalYear::try_new(2021)?;
/// let date = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).ok_or("date")?;
/// let frame = BudgetFrame::new(year, Amount::from_tkr(304_151)?)
///     .with_change(FrameChange::new(date, FrameChangeKind::TechnicalAdjustment, Amount::from_tkr(-730)?, "Kapitalkostnader", "KF")?)?;
/// assert_eq!(frame.current()?, Amount::from_tkr(303_421)?);
/// let err = frame.reconcile(Amount::from_tkr(303_420)?).unwrap_err();
/// assert!(err.to_string().contains("does not reconcile"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::BudgetFrameRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct BudgetFrame {
    year: FiscalYear,
    original: Amount,
    changes: Vec<FrameChange>,
}

impl BudgetFrame {
    /// A frame with no changes yet.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// let frame = BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_tkr(304_151)?);
    /// assert_eq!(frame.current()?, frame.original());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(year: FiscalYear, original: Amount) -> BudgetFrame {
        BudgetFrame {
            year,
            original,
            changes: Vec::new(),
        }
    }

    /// A frame from a document: its original frame, changes and stated
    /// current frame, reconciled.
    ///
    /// # Errors
    /// As [`BudgetFrame::with_change`] and [`BudgetFrame::reconcile`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// let year = FiscalYear::try_new(2021)?;
    /// let frame = BudgetFrame::from_statement(year, Amount::from_tkr(100)?, [], Amount::from_tkr(100)?)?;
    /// assert!(frame.changes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_statement(
        year: FiscalYear,
        original: Amount,
        changes: impl IntoIterator<Item = FrameChange>,
        stated_current: Amount,
    ) -> Result<BudgetFrame> {
        let frame = changes
            .into_iter()
            .try_fold(BudgetFrame::new(year, original), BudgetFrame::with_change)?;
        frame.reconcile(stated_current)?;
        Ok(frame)
    }

    /// The frame with one more change.
    ///
    /// # Errors
    /// [`BudgetError::FrameChangeOutsideYear`] if the change is dated outside
    /// the frame's year; [`BudgetError::ModelOverflow`] if the current frame
    /// would overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetFrame, FrameChange, FrameChangeKind};
    /// use namnd_core::{Amount, FiscalYear};
    /// let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 10).ok_or("date")?;
    /// let change = FrameChange::new(date, FrameChangeKind::Rebudgeting, Amount::from_tkr(5)?, "Överföring", "KF")?;
    /// let err = BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::ZERO).with_change(change).unwrap_err();
    /// assert_eq!(err.to_string(), "frame change \"Överföring\" dated 2022-01-10 is outside fiscal year 2021");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_change(mut self, change: FrameChange) -> Result<BudgetFrame> {
        if !self.year.contains_date(change.date) {
            return Err(BudgetError::FrameChangeOutsideYear {
                reason: change.reason,
                date: change.date,
                year: self.year,
            });
        }
        self.changes.push(change);
        self.current()?;
        Ok(self)
    }

    /// The fiscal year.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// let year = FiscalYear::try_new(2021)?;
    /// assert_eq!(BudgetFrame::new(year, Amount::ZERO).year(), year);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The original frame.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// assert_eq!(BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_kr(7)).original(), Amount::from_kr(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn original(&self) -> Amount {
        self.original
    }

    /// The changes, in the order given.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// assert!(BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::ZERO).changes().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changes(&self) -> &[FrameChange] {
        &self.changes
    }

    /// The sum of the changes.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// assert_eq!(BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_kr(7)).changes_total()?, Amount::ZERO);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn changes_total(&self) -> Result<Amount> {
        self.changes.iter().try_fold(Amount::ZERO, |sum, change| {
            add(sum, change.amount, || {
                format!("changes to the frame of {}", self.year)
            })
        })
    }

    /// The current frame (*ny anslagsram*): original + changes.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// assert_eq!(BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_kr(7)).current()?, Amount::from_kr(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn current(&self) -> Result<Amount> {
        add(self.original, self.changes_total()?, || {
            format!("current frame of {}", self.year)
        })
    }

    /// The current frame as of the end of `date`: original + the changes
    /// decided on or before it.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetFrame, FrameChange, FrameChangeKind};
    /// use namnd_core::{Amount, FiscalYear};
    /// let june = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).ok_or("date")?;
    /// let may = chrono::NaiveDate::from_ymd_opt(2021, 5, 31).ok_or("date")?;
    /// let frame = BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_kr(100))
    ///     .with_change(FrameChange::new(june, FrameChangeKind::SupplementaryAppropriation, Amount::from_kr(5), "x", "KF")?)?;
    /// assert_eq!(frame.current_on(may)?, Amount::from_kr(100));
    /// assert_eq!(frame.current_on(june)?, Amount::from_kr(105));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn current_on(&self, date: NaiveDate) -> Result<Amount> {
        self.changes
            .iter()
            .filter(|change| change.date <= date)
            .try_fold(self.original, |sum, change| {
                add(sum, change.amount, || {
                    format!("frame of {} on {date}", self.year)
                })
            })
    }

    /// Checks a stated current frame against original + changes.
    ///
    /// # Errors
    /// [`BudgetError::FrameDoesNotReconcile`] naming the difference (stated −
    /// computed); [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BudgetFrame;
    /// use namnd_core::{Amount, FiscalYear};
    /// let frame = BudgetFrame::new(FiscalYear::try_new(2021)?, Amount::from_kr(100));
    /// frame.reconcile(Amount::from_kr(100))?;
    /// let err = frame.reconcile(Amount::from_kr(103)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string().replace('\u{a0}', " "), // amounts print with no-break spaces
    ///     "current frame 103 kr stated for 2021 does not reconcile: original 100 kr + changes 0 kr = 100 kr, a difference of 3 kr"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reconcile(&self, stated_current: Amount) -> Result<()> {
        let changes = self.changes_total()?;
        let computed = self.current()?;
        let difference = sub(stated_current, computed, || {
            format!("difference to the stated frame of {}", self.year)
        })?;
        if difference.is_zero() {
            return Ok(());
        }
        Err(BudgetError::FrameDoesNotReconcile {
            year: self.year,
            original: self.original,
            changes,
            computed,
            stated: stated_current,
            difference,
        })
    }
}
