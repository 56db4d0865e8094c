//! The budget model of the monthly follow-up (*månadsuppföljning*): budget
//! lines, the council's frame (*ram*) and its changes, outcome from the
//! ledger, the follow-up per line and rolled up, *resultat i balans*,
//! operating requests for the coming years (*driftsäskanden*) and the
//! investment follow-up (*investeringsuppföljning*).
//!
//! **Signs.** Every amount in this module is canonical (namnd's *result
//! view*): income positive, costs negative, so that the sum of a committee's
//! lines, allocation (*anslag*) included, is its result. Amounts cross the
//! boundary under a named [`SignConvention`](namnd_core::SignConvention):
//! ledger rows ([`LedgerRow`](crate::LedgerRow)) carry SIE's costs-positive
//! signs ([`LEDGER_SIGNS`]) and are converted in [`Outcome::add_ledger_row`];
//! figures printed in a table come in as [`Stated`](namnd_core::Stated). The
//! investment table keeps its own convention, *budget − utfall*
//! ([`INVESTMENT_SIGNS`]). Every variance is favourable-positive.
//!
//! **Rounding.** Periodised budgets and forecasts are rounded to whole öre
//! with the [`Rounding`](namnd_core::Rounding) named in [`FollowUpOptions`];
//! nothing else is rounded, so every total is an exact sum of öre and the
//! three views of a [`FollowUp`] reconcile exactly.
//!
//! | Item | What it is |
//! |---|---|
//! | [`LineKey`], [`BudgetLine`] | a budget line: unit path + verksamhet (activity) + account group (and account), the annual budget and its periodisation (*periodisering*) |
//! | [`BudgetFrame`], [`FrameChange`], [`FrameChangeKind`] | the frame from the council (KF) and its changes by decision, reconciled against a stated current frame and, with [`FollowUp::check_frame`], against the allocation lines |
//! | [`LedgerMapping`], [`Outcome`], [`MappingSummary`] | ledger rows aggregated per line and month; rows that cannot be mapped are rejected with file, line and reason, the rest still aggregated |
//! | [`budget_lines`], [`follow_up_from_rows`], [`MappedFollowUp`] | imported budget rows to budget lines through the same mapping, and the whole model from ledger and budget rows |
//! | [`FollowUp`], [`FollowUpOptions`], [`LineFollowUp`], [`Totals`] | the follow-up for an as-of month, per line, per unit level and in three views that reconcile |
//! | [`BalanceRule`], [`Balance`] | *resultat i balans* (balanced result) against a configurable threshold |
//! | [`RequestPlan`], [`OperatingRequest`], [`SavingsProposal`], [`YearTotals`] | *driftsäskanden* and *effektiviseringsförslag* for three years |
//! | [`InvestmentLine`], [`InvestmentFollowUp`] | investment projects with *restbelopp* and carry-over requests |
//!
//! Note that [`FollowUp`] here is the model's follow-up in canonical signs;
//! [`crate::FollowUp`] is the CSV job of the benchmark contract, in SIE signs.
//!
//! # Example
//! ```
//! use namnd_budget::model::{BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
//! use namnd_calc::forecast::Method;
//! use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, SignConvention, Stated, YearMonth};
//! use std::collections::BTreeMap;
//!
//! let staff = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?;
//! let budget = BudgetLine::new(staff.clone(), Amount::from_tkr(-12_000)?);
//! let mut outcome = Outcome::new(FiscalYear::try_new(2025)?);
//! for month in 1..=3 {
//!     // Printed costs-positive in the ledger report: convention B.
//!     let cost = Stated::new(Amount::from_tkr(1_100)?, SignConvention::BudgetMinusOutcome);
//!     outcome.add(staff.clone(), YearMonth::try_new(2025, month)?, cost)?;
//! }
//! let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
//! let march = YearMonth::try_new(2025, 3)?;
//! let report = FollowUp::compute(march, &[budget], &outcome, &options, &BTreeMap::new())?;
//! let line = &report.lines()[0];
//! assert_eq!(line.budget_to_date(), Amount::from_tkr(-3_000)?);
//! assert_eq!(line.variance_to_date().amount(), Amount::from_tkr(-300)?); // a deficit
//! assert_eq!(line.forecast(), Amount::from_tkr(-13_200)?);
//! assert_eq!(line.forecast_variance().amount(), Amount::from_tkr(-1_200)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod assemble;
mod balance;
mod frame;
mod investment;
mod line;
mod outcome;
mod report;
mod requests;
#[cfg(feature = "serde")]
mod wire;

#[cfg(test)]
mod tests;

pub use assemble::{MappedFollowUp, budget_lines, follow_up_from_rows};
pub use balance::{Balance, BalanceRule};
pub use frame::{BudgetFrame, FrameChange, FrameChangeKind};
pub use investment::{INVESTMENT_SIGNS, InvestmentFlag, InvestmentFollowUp, InvestmentLine};
pub use line::{BudgetLine, LineKey};
pub use outcome::{LEDGER_SIGNS, LedgerMapping, MappingSummary, Outcome};
pub use report::{FollowUp, FollowUpOptions, LineFollowUp, Totals};
pub use requests::{
    OperatingRequest, PlanItem, PlanItemKind, RequestKind, RequestPlan, SavingsProposal, YearTotals,
};

use namnd_core::{Amount, CoreError};

use crate::error::BudgetError;

/// Wraps an arithmetic error of `namnd-core` with what was being computed.
fn overflow(what: impl FnOnce() -> String) -> impl FnOnce(CoreError) -> BudgetError {
    move |source| BudgetError::ModelOverflow {
        what: what(),
        source: Box::new(source),
    }
}

/// `a + b`, naming `what` on overflow.
fn add(a: Amount, b: Amount, what: impl FnOnce() -> String) -> Result<Amount, BudgetError> {
    a.checked_add(b).map_err(overflow(what))
}

/// `a − b`, naming `what` on overflow.
fn sub(a: Amount, b: Amount, what: impl FnOnce() -> String) -> Result<Amount, BudgetError> {
    a.checked_sub(b).map_err(overflow(what))
}

/// Checks that a required text is not blank.
fn require_text(
    text: &str,
    item: impl FnOnce() -> String,
    field: &'static str,
) -> crate::Result<()> {
    if text.trim().is_empty() {
        return Err(BudgetError::BlankText {
            item: item(),
            field,
        });
    }
    Ok(())
}
