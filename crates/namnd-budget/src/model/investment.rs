//! Investment follow-up (*investeringsuppföljning*).

use namnd_core::{Amount, SignConvention};

use super::{add, require_text};
use crate::error::{BudgetError, Result};

/// The sign convention of investment tables: budget and outcome (*utfall*)
/// printed as positive spending, and the remaining amount (*restbelopp*,
/// Gnesta's *avvikelse*) = budget − utfall, positive = money left (convention B).
///
/// # Example
/// ```
/// use namnd_budget::model::INVESTMENT_SIGNS;
/// use namnd_core::Amount;
/// // Gnesta 2022, IV80038 Violen: 1 000 − 1 641 = −641 tkr.
/// let rest = INVESTMENT_SIGNS.variance(Amount::from_tkr(1_000)?, Amount::from_tkr(1_641)?)?;
/// assert_eq!(rest.amount(), Amount::from_tkr(-641)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const INVESTMENT_SIGNS: SignConvention = SignConvention::BudgetMinusOutcome;

/// Something in an investment line a reader should look at.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
///
/// # Example
/// ```
/// use namnd_budget::model::{InvestmentFlag, InvestmentLine};
/// use namnd_core::Amount;
/// // Gnesta 2022, IV80035 Sängar och madrasser: budget 0, utfall 311 tkr.
/// let line = InvestmentLine::new("IV80035 - Sängar och madrasser", Amount::ZERO, Amount::from_tkr(311)?)?;
/// assert_eq!(line.flags(), [InvestmentFlag::ZeroBudgetWithOutcome, InvestmentFlag::Overspent]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum InvestmentFlag {
    /// Outcome booked on a project without budget.
    ZeroBudgetWithOutcome,
    /// The outcome exceeds the budget (a negative restbelopp).
    Overspent,
}

/// One investment project: budget, outcome to date, restbelopp and an
/// optional requested carry-over (*ombudgetering*, e.g. *tilläggsbudget* to
/// next year), in the table's own convention ([`INVESTMENT_SIGNS`]).
///
/// # Example
/// ```
/// use namnd_budget::model::InvestmentLine;
/// use namnd_core::Amount;
/// let line = InvestmentLine::new("IV80038 - Violen- SÄBO", Amount::from_tkr(1_000)?, Amount::from_tkr(1_641)?)?;
/// assert_eq!(line.restbelopp()?, Amount::from_tkr(-641)?);
/// assert!(line.with_carry_over(Amount::from_tkr(1)?).is_err()); // nothing left to carry over
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::InvestmentLineRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct InvestmentLine {
    project: String,
    budget: Amount,
    outcome: Amount,
    carry_over: Option<Amount>,
}

impl InvestmentLine {
    /// A project with its budget and outcome to date, both as printed
    /// (positive spending).
    ///
    /// # Errors
    /// [`BudgetError::BlankText`] for a blank project name.
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn new(
        project: impl Into<String>,
        budget: Amount,
        outcome: Amount,
    ) -> Result<InvestmentLine> {
        let project = project.into();
        require_text(&project, || "investment line".to_owned(), "project name")?;
        Ok(InvestmentLine {
            project,
            budget,
            outcome,
            carry_over: None,
        })
    }

    /// The line with a requested carry-over, checked against the restbelopp.
    ///
    /// # Errors
    /// [`BudgetError::CarryOverExceedsRemaining`] if the carry-over is
    /// negative or above the restbelopp; [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::InvestmentLine;
    /// use namnd_core::Amount;
    /// let line = InvestmentLine::new("ÄF, Inventarier", Amount::from_tkr(2_900)?, Amount::from_tkr(2_100)?)?;
    /// let err = line.with_carry_over(Amount::from_tkr(900)?).unwrap_err();
    /// assert!(err.to_string().replace('\u{a0}', " ").starts_with("carry-over 900 000 kr requested for investment ÄF, Inventarier"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_carry_over(mut self, requested: Amount) -> Result<InvestmentLine> {
        check_carry_over(&self.project, requested, self.restbelopp()?)?;
        self.carry_over = Some(requested);
        Ok(self)
    }

    /// The project.
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn project(&self) -> &str {
        &self.project
    }

    /// The budget (*helårsbudget*).
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The outcome to date (*utfall ack*).
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn outcome(&self) -> Amount {
        self.outcome
    }

    /// The requested carry-over, if any.
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn carry_over(&self) -> Option<Amount> {
        self.carry_over
    }

    /// *Restbelopp* = budget − outcome.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`InvestmentLine`] for an example.
    pub fn restbelopp(&self) -> Result<Amount> {
        INVESTMENT_SIGNS
            .variance(self.budget, self.outcome)
            .map(|v| v.amount())
            .map_err(super::overflow(|| {
                format!("restbelopp of {}", self.project)
            }))
    }

    /// What to look at: a zero budget with outcome, an overspent budget.
    ///
    /// See [`InvestmentFlag`] for an example.
    pub fn flags(&self) -> Vec<InvestmentFlag> {
        let mut flags = Vec::new();
        if self.budget.is_zero() && !self.outcome.is_zero() {
            flags.push(InvestmentFlag::ZeroBudgetWithOutcome);
        }
        if self.outcome > self.budget {
            flags.push(InvestmentFlag::Overspent);
        }
        flags
    }
}

/// Checks `0 ≤ requested ≤ remaining`.
fn check_carry_over(project: &str, requested: Amount, remaining: Amount) -> Result<()> {
    if requested.is_negative() || requested > remaining {
        return Err(BudgetError::CarryOverExceedsRemaining {
            project: project.to_owned(),
            requested,
            remaining,
        });
    }
    Ok(())
}

/// An investment table: its lines, their totals, and a carry-over requested
/// for the table as a whole (checked against the total restbelopp).
///
/// # Example
/// ```
/// use namnd_budget::model::{InvestmentFollowUp, InvestmentLine};
/// use namnd_core::{Amount, Decimal};
/// let mkr = |v| Amount::from_mkr(Decimal::new(v, 1));
/// // Oxelösund 2021: budget 9,1 mkr, utfall 3,0, restbelopp 6,1; 5,7 asked to be carried over.
/// let table = InvestmentFollowUp::new(vec![InvestmentLine::new("Summa", mkr(91)?, mkr(30)?)?])
///     .with_carry_over(mkr(57)?)?;
/// assert_eq!(table.restbelopp()?, mkr(61)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct InvestmentFollowUp {
    lines: Vec<InvestmentLine>,
    carry_over: Option<Amount>,
}

impl InvestmentFollowUp {
    /// A table of lines.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn new(lines: Vec<InvestmentLine>) -> InvestmentFollowUp {
        InvestmentFollowUp {
            lines,
            carry_over: None,
        }
    }

    /// The table with a carry-over requested for it as a whole.
    ///
    /// # Errors
    /// [`BudgetError::CarryOverExceedsRemaining`] (project `total`) if it is
    /// negative or above the total restbelopp; [`BudgetError::ModelOverflow`]
    /// on overflow.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn with_carry_over(mut self, requested: Amount) -> Result<InvestmentFollowUp> {
        check_carry_over("total", requested, self.restbelopp()?)?;
        self.carry_over = Some(requested);
        Ok(self)
    }

    /// The lines.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn lines(&self) -> &[InvestmentLine] {
        &self.lines
    }

    /// The carry-over requested for the table, if any.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn carry_over(&self) -> Option<Amount> {
        self.carry_over
    }

    fn sum(
        &self,
        what: &'static str,
        of: impl Fn(&InvestmentLine) -> Result<Amount>,
    ) -> Result<Amount> {
        self.lines.iter().try_fold(Amount::ZERO, |sum, line| {
            add(sum, of(line)?, || {
                format!("total {what} of the investments")
            })
        })
    }

    /// The total budget.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn budget(&self) -> Result<Amount> {
        self.sum("budget", |l| Ok(l.budget))
    }

    /// The total outcome.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn outcome(&self) -> Result<Amount> {
        self.sum("outcome", |l| Ok(l.outcome))
    }

    /// The total restbelopp.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`InvestmentFollowUp`] for an example.
    pub fn restbelopp(&self) -> Result<Amount> {
        self.sum("restbelopp", InvestmentLine::restbelopp)
    }
}
