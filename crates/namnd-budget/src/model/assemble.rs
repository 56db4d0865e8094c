//! From imported rows to the model: budget rows to [`BudgetLine`]s, and the
//! whole follow-up from ledger and budget rows.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::Arc;

use namnd_calc::forecast::Periodisation;
use namnd_core::{Amount, Stated, YearMonth};

use super::outcome::MappingSummary;
use super::{BudgetLine, FollowUp, FollowUpOptions, LEDGER_SIGNS, LedgerMapping, LineKey, Outcome};
use crate::error::{BudgetError, Result};
use crate::import::{BudgetRow, LedgerRow};

/// The [`BudgetLine`]s of budget rows read from `file` (SIE signs, costs
/// positive, as the importers return them), each with its 1-based line,
/// mapped through the same [`LedgerMapping`] as the ledger (ansvar → unit
/// path, konto → account group), converted to canonical signs and
/// periodised by `periodisation`, which the caller chooses per line key.
///
/// Rows that map to the same key are summed (several accounts of a group,
/// several ansvar of a unit). A row whose (ansvar, verksamhet, konto) repeats
/// an earlier row is summed too, with a [`BudgetError::DuplicateBudgetKey`]
/// notice. A row that cannot be mapped is rejected into the
/// [`MappingSummary`] with its file, line and reason; the rest are kept.
/// Lines come sorted by key.
///
/// # Errors
/// The first `Err` of `rows` (a fatal error of the source);
/// [`BudgetError::PeriodisationWithoutHistory`] if `periodisation` chooses
/// [`Periodisation::PriorYearOutcome`] (budget rows carry no history);
/// [`BudgetError::ModelOverflow`] on overflow.
///
/// # Example
/// ```
/// use namnd_budget::BudgetRow;
/// use namnd_budget::model::{budget_lines, LedgerMapping};
/// use namnd_calc::forecast::Periodisation;
/// use namnd_core::{AccountMapping, Amount};
///
/// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN/IFO".parse()?);
/// let rows = [
///     (2, BudgetRow::new("1100", "510", "5011", Amount::from_kr(1_000))), // staff costs
///     (3, BudgetRow::new("1100", "510", "5611", Amount::from_kr(200))),   // same group
///     (4, BudgetRow::new("1100", "510", "9999", Amount::from_kr(5))),     // no group
/// ];
/// let (lines, summary) = budget_lines("budget.csv", rows.map(Ok), &mapping, |_| Periodisation::Even)?;
/// assert_eq!(lines.len(), 1);
/// assert_eq!(lines[0].budget(), Amount::from_kr(-1_200));
/// assert_eq!(summary.rejected()[0].to_string(), "konto 9999 in budget.csv line 4 is in no account group");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn budget_lines(
    file: &str,
    rows: impl IntoIterator<Item = Result<(u64, BudgetRow)>>,
    mapping: &LedgerMapping,
    mut periodisation: impl FnMut(&LineKey) -> Periodisation,
) -> Result<(Vec<BudgetLine>, MappingSummary)> {
    let mut summary = MappingSummary::new(file);
    let mut first_lines: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut budgets: BTreeMap<LineKey, Amount> = BTreeMap::new();
    for item in rows {
        let (line, row) = item?;
        summary.read();
        let key = match mapping.budget_key_of(&row, file, line) {
            Ok(key) => key,
            Err(reason) => {
                summary.reject(reason);
                continue;
            }
        };
        match first_lines.entry((
            row.ansvar.clone(),
            row.verksamhet.clone(),
            row.konto.clone(),
        )) {
            Entry::Vacant(entry) => {
                entry.insert(line);
            }
            Entry::Occupied(entry) => summary.notice(BudgetError::DuplicateBudgetKey {
                file: Arc::from(file),
                line,
                first_line: *entry.get(),
                ansvar: crate::error::echo(&row.ansvar),
                verksamhet: crate::error::echo(&row.verksamhet),
                konto: crate::error::echo(&row.konto),
            }),
        }
        let canonical = Stated::new(row.budget, LEDGER_SIGNS).canonical();
        let slot = budgets.entry(key.clone()).or_insert(Amount::ZERO);
        *slot = super::add(*slot, canonical, || format!("budget of {key}"))?;
        summary.accept(row.budget)?;
    }
    let lines = budgets
        .into_iter()
        .map(|(key, budget)| {
            let chosen = periodisation(&key);
            BudgetLine::new(key, budget).with_periodisation(chosen)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((lines, summary))
}

/// The model's follow-up run from imported rows: the [`FollowUp`], the
/// [`Outcome`] it was computed from, and what mapping the ledger and the
/// budget rows accepted and rejected. Built by [`follow_up_from_rows`].
///
/// See [`follow_up_from_rows`] for an example.
#[derive(Debug, Clone)]
pub struct MappedFollowUp {
    follow_up: FollowUp,
    outcome: Outcome,
    ledger: MappingSummary,
    budget: MappingSummary,
}

impl MappedFollowUp {
    /// The follow-up.
    ///
    /// See [`follow_up_from_rows`] for an example.
    pub fn follow_up(&self) -> &FollowUp {
        &self.follow_up
    }

    /// The outcome the follow-up was computed from.
    ///
    /// See [`follow_up_from_rows`] for an example.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// What mapping the ledger rows accepted and rejected.
    ///
    /// See [`follow_up_from_rows`] for an example.
    pub fn ledger_summary(&self) -> &MappingSummary {
        &self.ledger
    }

    /// What mapping the budget rows accepted and rejected.
    ///
    /// See [`follow_up_from_rows`] for an example.
    pub fn budget_summary(&self) -> &MappingSummary {
        &self.budget
    }

    /// The follow-up, the outcome, and the ledger and budget summaries.
    ///
    /// See [`follow_up_from_rows`] for an example.
    pub fn into_parts(self) -> (FollowUp, Outcome, MappingSummary, MappingSummary) {
        (self.follow_up, self.outcome, self.ledger, self.budget)
    }
}

/// The whole model from files: ledger rows (with their file name and 1-based
/// lines) aggregated into an [`Outcome`] of the fiscal year of `as_of`
/// ([`Outcome::from_ledger`]), budget rows mapped into [`BudgetLine`]s with
/// one `periodisation` for every line ([`budget_lines`]), and the
/// [`FollowUp`] as of `as_of` with `options` and no previous forecasts. Rows
/// that cannot be mapped, and ledger rows outside the year, are rejected into
/// the two summaries; the rest are used.
///
/// # Errors
/// The first `Err` of either row source; the errors of [`budget_lines`] and
/// [`FollowUp::compute`]
/// (e.g. [`BudgetError::Calculation`] for a periodisation or method that
/// needs a history the lines do not have); [`BudgetError::ModelOverflow`] on
/// overflow.
///
/// # Example
/// ```
/// use namnd_budget::{BudgetImporter, CsvOptions, LedgerImporter};
/// use namnd_budget::model::{follow_up_from_rows, FollowUpOptions, LedgerMapping};
/// use namnd_calc::forecast::{Method, Periodisation};
/// use namnd_core::{AccountMapping, Amount, Rounding, YearMonth};
///
/// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2025-01-31,1100,510,5011,1000.00\n2025-02-28,4242,510,5011,7.00\n";
/// let budget = "ansvar,verksamhet,konto,budget\n1100,510,5011,12000.00\n";
/// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN/IFO".parse()?);
/// let mut ledger = LedgerImporter::new(ledger.as_bytes(), CsvOptions::new("ledger.csv"))?;
/// let mut budget = BudgetImporter::new(budget.as_bytes(), CsvOptions::new("budget.csv"))?;
/// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
/// let run = follow_up_from_rows(
///     ("ledger.csv", ledger.numbered()),
///     ("budget.csv", budget.numbered()),
///     &mapping,
///     YearMonth::try_new(2025, 2)?,
///     &options,
///     &Periodisation::Even,
/// )?;
/// let line = &run.follow_up().lines()[0];
/// assert_eq!(line.outcome_to_date(), Amount::from_kr(-1_000));
/// assert_eq!(line.budget_to_date(), Amount::from_kr(-2_000));
/// assert_eq!(run.ledger_summary().rejected()[0].to_string(), "ansvar \"4242\" in ledger.csv line 3 is not mapped to a unit");
/// assert_eq!(run.budget_summary().accepted(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn follow_up_from_rows(
    ledger: (&str, impl IntoIterator<Item = Result<(u64, LedgerRow)>>),
    budget: (&str, impl IntoIterator<Item = Result<(u64, BudgetRow)>>),
    mapping: &LedgerMapping,
    as_of: YearMonth,
    options: &FollowUpOptions,
    periodisation: &Periodisation,
) -> Result<MappedFollowUp> {
    let (ledger_file, ledger_rows) = ledger;
    let (budget_file, budget_rows) = budget;
    let (outcome, ledger) =
        Outcome::from_ledger(as_of.fiscal_year(), ledger_file, ledger_rows, mapping)?;
    let (lines, budget) =
        budget_lines(budget_file, budget_rows, mapping, |_| periodisation.clone())?;
    let follow_up = FollowUp::compute(as_of, &lines, &outcome, options, &BTreeMap::new())?;
    Ok(MappedFollowUp {
        follow_up,
        outcome,
        ledger,
        budget,
    })
}
