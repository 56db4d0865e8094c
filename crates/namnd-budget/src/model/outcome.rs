//! Outcome (*utfall*): ledger rows aggregated per budget line and month.

use std::collections::BTreeMap;
use std::sync::Arc;

use namnd_core::{
    Account, AccountMapping, Amount, FiscalYear, SignConvention, Stated, UnitPath, YearMonth,
};

use super::{LineKey, add};
use crate::error::{BudgetError, Result};
use crate::import::{BudgetRow, LedgerRow};

/// The sign convention of ledger rows ([`LedgerRow::amount`]): as in SIE and
/// the ledger CSV, costs positive and income negative (convention B). Ledger
/// amounts are converted to canonical with it, explicitly.
///
/// # Example
/// ```
/// use namnd_budget::model::LEDGER_SIGNS;
/// use namnd_core::{Amount, Stated};
/// // A cost of 1 000 kr booked in the ledger is −1 000 kr canonically.
/// assert_eq!(Stated::new(Amount::from_kr(1_000), LEDGER_SIGNS).canonical(), Amount::from_kr(-1_000));
/// ```
pub const LEDGER_SIGNS: SignConvention = SignConvention::BudgetMinusOutcome;

/// How ledger rows map to budget lines: each *ansvar* (responsibility unit)
/// to a [`UnitPath`], each *konto* to an [`AccountGroup`](namnd_core::AccountGroup)
/// through an [`AccountMapping`]; the *verksamhet* code is kept as it is.
/// Lines are kept per account group, or per account with [`LedgerMapping::per_account`].
///
/// # Example
/// ```
/// use namnd_budget::LedgerRow;
/// use namnd_budget::model::LedgerMapping;
/// use namnd_core::{AccountGroup, AccountMapping, Amount};
///
/// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN/IFO".parse()?);
/// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
/// let key = mapping.key_of(&LedgerRow::new(date, "1100", "510", "5011", Amount::from_kr(10)), "ledger.csv", 2)?;
/// assert_eq!(key.to_string(), "SN/IFO 510 personalkostnader");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LedgerMapping {
    units: BTreeMap<String, UnitPath>,
    accounts: AccountMapping,
    per_account: bool,
}

impl LedgerMapping {
    /// A mapping with `accounts` and no ansvar yet, keeping lines per account group.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::AccountMapping;
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas());
    /// assert_eq!(mapping.unit_of("1100"), None);
    /// ```
    pub fn new(accounts: AccountMapping) -> LedgerMapping {
        LedgerMapping {
            units: BTreeMap::new(),
            accounts,
            per_account: false,
        }
    }

    /// The mapping with `ansvar` mapped to `unit` (replacing an earlier mapping of it).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::AccountMapping;
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN/IFO".parse()?);
    /// assert_eq!(mapping.unit_of("1100").map(|u| u.to_string()), Some("SN/IFO".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_ansvar(mut self, ansvar: impl Into<String>, unit: UnitPath) -> LedgerMapping {
        self.units.insert(ansvar.into(), unit);
        self
    }

    /// The mapping keeping lines per account (each key also names its account).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::{AccountMapping, Amount};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1", "SN".parse()?).per_account();
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
    /// let key = mapping.key_of(&LedgerRow::new(date, "1", "510", "4610", Amount::from_kr(10)), "ledger.csv", 2)?;
    /// assert_eq!(key.to_string(), "SN 510 köp av verksamhet 4610");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn per_account(mut self) -> LedgerMapping {
        self.per_account = true;
        self
    }

    /// The unit `ansvar` is mapped to.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::AccountMapping;
    /// assert!(LedgerMapping::new(AccountMapping::kommun_bas()).unit_of("9").is_none());
    /// ```
    pub fn unit_of(&self, ansvar: &str) -> Option<&UnitPath> {
        self.units.get(ansvar)
    }

    /// The line key of a ledger row read from `file` at 1-based `line`
    /// (both only for errors).
    ///
    /// # Errors
    /// [`BudgetError::UnmappedAnsvar`], [`BudgetError::MalformedAccount`] or
    /// [`BudgetError::UnmappedAccount`], naming the file and line.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::{AccountMapping, Amount};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN".parse()?);
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
    /// let err = mapping.key_of(&LedgerRow::new(date, "1100", "510", "8010", Amount::from_kr(10)), "ledger.csv", 7).err().ok_or("no error")?;
    /// assert_eq!(err.to_string(), "konto 8010 in ledger.csv line 7 is in no account group");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key_of(&self, ledger_row: &LedgerRow, file: &str, line: u64) -> Result<LineKey> {
        self.key_from(
            &ledger_row.ansvar,
            &ledger_row.verksamhet,
            &ledger_row.konto,
            file,
            line,
        )
    }

    /// The line key of a budget row read from `file` at 1-based `line`
    /// (both only for errors), mapped as a ledger row with the same keys.
    ///
    /// # Errors
    /// As [`LedgerMapping::key_of`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetRow;
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::{AccountMapping, Amount};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN".parse()?);
    /// let key = mapping.budget_key_of(&BudgetRow::new("1100", "510", "5011", Amount::from_kr(10)), "budget.csv", 2)?;
    /// assert_eq!(key.to_string(), "SN 510 personalkostnader");
    /// let err = mapping.budget_key_of(&BudgetRow::new("9", "510", "5011", Amount::from_kr(10)), "budget.csv", 3).err().ok_or("no error")?;
    /// assert_eq!(err.to_string(), "ansvar \"9\" in budget.csv line 3 is not mapped to a unit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_key_of(&self, budget_row: &BudgetRow, file: &str, line: u64) -> Result<LineKey> {
        self.key_from(
            &budget_row.ansvar,
            &budget_row.verksamhet,
            &budget_row.konto,
            file,
            line,
        )
    }

    fn key_from(
        &self,
        ansvar: &str,
        verksamhet: &str,
        konto: &str,
        file: &str,
        line: u64,
    ) -> Result<LineKey> {
        let unit = self
            .units
            .get(ansvar)
            .ok_or_else(|| BudgetError::UnmappedAnsvar {
                file: Arc::from(file),
                line,
                ansvar: crate::error::echo(ansvar),
            })?;
        let account: Account = konto.parse().map_err(|_| BudgetError::MalformedAccount {
            file: Arc::from(file),
            line,
            konto: crate::error::echo(konto),
        })?;
        let group =
            self.accounts
                .classify(&account)
                .ok_or_else(|| BudgetError::UnmappedAccount {
                    file: Arc::from(file),
                    line,
                    konto: crate::error::echo(konto),
                })?;
        let key =
            LineKey::new(unit.clone(), verksamhet, group).map_err(|_| BudgetError::EmptyField {
                file: Arc::from(file),
                line,
                column: "verksamhet".to_owned(),
            })?;
        Ok(if self.per_account {
            key.with_account(account)
        } else {
            key
        })
    }
}

/// What mapping rows into the model read, accepted and rejected: the
/// model's counterpart of an [`ImportSummary`](crate::ImportSummary), built
/// by [`Outcome::from_ledger`] and [`budget_lines`](super::budget_lines).
///
/// Invariant: `accepted() + rejected().len() == rows_read()`. Each rejection
/// names the file, the line and the reason; the valid rows are still
/// aggregated. [`total`](Self::total) is the sum of the accepted amounts as
/// stated in the rows (SIE signs, costs positive), to reconcile against the
/// importer's [`ImportSummary::total`](crate::ImportSummary::total).
///
/// # Example
/// ```
/// use namnd_budget::LedgerRow;
/// use namnd_budget::model::{LedgerMapping, Outcome};
/// use namnd_core::{AccountMapping, Amount, FiscalYear};
///
/// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN".parse()?);
/// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
/// let rows = [
///     (2, LedgerRow::new(date, "1100", "510", "5011", Amount::from_kr(100))),
///     (3, LedgerRow::new(date, "7777", "510", "5011", Amount::from_kr(5))),
/// ];
/// let (outcome, summary) = Outcome::from_ledger(FiscalYear::try_new(2023)?, "ledger.csv", rows.map(Ok), &mapping)?;
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected().len()), (2, 1, 1));
/// assert_eq!(summary.total(), Amount::from_kr(100));
/// assert_eq!(summary.rejected()[0].to_string(), "ansvar \"7777\" in ledger.csv line 3 is not mapped to a unit");
/// assert_eq!(outcome.total()?, Amount::from_kr(-100));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct MappingSummary {
    file: Arc<str>,
    rows_read: u64,
    accepted: u64,
    total: Amount,
    rejected: Vec<BudgetError>,
    notices: Vec<BudgetError>,
}

impl MappingSummary {
    /// An empty summary of rows read from `file`.
    pub(super) fn new(file: &str) -> MappingSummary {
        MappingSummary {
            file: Arc::from(file),
            rows_read: 0,
            accepted: 0,
            total: Amount::ZERO,
            rejected: Vec::new(),
            notices: Vec::new(),
        }
    }

    /// Counts a row read.
    pub(super) fn read(&mut self) {
        self.rows_read = self.rows_read.saturating_add(1);
    }

    /// Counts a row accepted with its stated amount.
    pub(super) fn accept(&mut self, amount: Amount) -> Result<()> {
        let file = Arc::clone(&self.file);
        self.total = add(self.total, amount, || format!("accepted amounts of {file}"))?;
        self.accepted = self.accepted.saturating_add(1);
        Ok(())
    }

    /// Records a rejected row.
    /// Checks that accepting `amount`, read at `line`, does not overflow the total.
    pub(super) fn check_accept(&self, amount: Amount, line: u64) -> Result<()> {
        match self.total.checked_add(amount) {
            Ok(_) => Ok(()),
            Err(_) => Err(BudgetError::Overflow {
                file: Arc::clone(&self.file),
                line,
                what: format!("accepted amounts of {}", self.file),
            }),
        }
    }

    pub(super) fn reject(&mut self, reason: BudgetError) {
        self.rejected.push(reason);
    }

    /// Records a notice.
    pub(super) fn notice(&mut self, notice: BudgetError) {
        self.notices.push(notice);
    }

    /// The file's name, as given.
    ///
    /// See [`MappingSummary`] for an example.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The number of rows given.
    ///
    /// See [`MappingSummary`] for an example.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The number of rows accepted into the model.
    ///
    /// See [`MappingSummary`] for an example.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The rejected rows, in the order given, each with its file, line and
    /// reason ([`BudgetError::UnmappedAnsvar`], [`BudgetError::MalformedAccount`],
    /// [`BudgetError::UnmappedAccount`], [`BudgetError::RowOutsideModelYear`]).
    ///
    /// See [`MappingSummary`] for an example.
    pub fn rejected(&self) -> &[BudgetError] {
        &self.rejected
    }

    /// Things worth a look that did not reject a row: a repeated budget key
    /// ([`BudgetError::DuplicateBudgetKey`]), whose amounts are summed.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetRow;
    /// use namnd_budget::model::{budget_lines, LedgerMapping};
    /// use namnd_calc::forecast::Periodisation;
    /// use namnd_core::{AccountMapping, Amount};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN".parse()?);
    /// let rows = [
    ///     (2, BudgetRow::new("1100", "510", "5011", Amount::from_kr(100))),
    ///     (5, BudgetRow::new("1100", "510", "5011", Amount::from_kr(20))),
    /// ];
    /// let (lines, summary) = budget_lines("budget.csv", rows.map(Ok), &mapping, |_| Periodisation::Even)?;
    /// assert_eq!(lines[0].budget(), Amount::from_kr(-120));
    /// assert_eq!(summary.notices()[0].to_string(), "budget key 1100/510/5011 in budget.csv line 5 repeats line 2; the amounts are summed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn notices(&self) -> &[BudgetError] {
        &self.notices
    }

    /// The sum of the accepted amounts as stated in the rows (SIE signs).
    ///
    /// See [`MappingSummary`] for an example.
    pub fn total(&self) -> Amount {
        self.total
    }
}

/// The outcome of a fiscal year per line and month, canonical (income
/// positive, costs negative).
///
/// # Example
/// ```
/// use namnd_budget::LedgerRow;
/// use namnd_budget::model::{LedgerMapping, LineKey, Outcome};
/// use namnd_core::{AccountGroup, AccountMapping, Amount, FiscalYear, YearMonth};
///
/// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN/IFO".parse()?);
/// let day = |m, d| chrono::NaiveDate::from_ymd_opt(2023, m, d).ok_or("date");
/// let rows = [
///     (2, LedgerRow::new(day(1, 31)?, "1100", "510", "5011", Amount::from_kr(1_000))), // a cost
///     (3, LedgerRow::new(day(2, 28)?, "1100", "510", "5011", Amount::from_kr(500))),
///     (4, LedgerRow::new(day(2, 28)?, "1100", "510", "3110", Amount::from_kr(-200))), // a fee
/// ];
/// let (outcome, summary) = Outcome::from_ledger(FiscalYear::try_new(2023)?, "ledger.csv", rows.map(Ok), &mapping)?;
/// let staff = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?;
/// assert_eq!(outcome.to_date(&staff, YearMonth::try_new(2023, 2)?)?, Amount::from_kr(-1_500));
/// assert_eq!(outcome.total()?, Amount::from_kr(-1_300));
/// assert!(summary.rejected().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    year: FiscalYear,
    lines: BTreeMap<LineKey, [Amount; 12]>,
}

impl Outcome {
    /// An empty outcome for `year`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::Outcome;
    /// use namnd_core::FiscalYear;
    /// assert_eq!(Outcome::new(FiscalYear::try_new(2023)?).keys().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(year: FiscalYear) -> Outcome {
        Outcome {
            year,
            lines: BTreeMap::new(),
        }
    }

    /// Aggregates ledger rows (SIE signs, [`LEDGER_SIGNS`]) read from `file`,
    /// each with its 1-based line, into lines. A row that cannot be mapped or
    /// is dated outside `year`, or whose amount would overflow its line's
    /// month or the summary's total ([`BudgetError::Overflow`]), is rejected
    /// into the [`MappingSummary`] with its file, line and reason, and the
    /// rest are still aggregated. The rows
    /// are streamed: an importer's rows can be passed as they are read (e.g.
    /// [`LedgerImporter::numbered`](crate::LedgerImporter::numbered)).
    ///
    /// # Errors
    /// The first `Err` of `rows` (a fatal error of the source, such as a read
    /// error); [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::{LedgerMapping, Outcome};
    /// use namnd_core::{AccountMapping, Amount, FiscalYear};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1", "SN".parse()?);
    /// let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?;
    /// let rows = [(9, LedgerRow::new(date, "1", "510", "5011", Amount::from_kr(1)))];
    /// let (outcome, summary) = Outcome::from_ledger(FiscalYear::try_new(2023)?, "l.csv", rows.map(Ok), &mapping)?;
    /// assert_eq!(summary.rejected()[0].to_string(), "date 2024-01-02 in l.csv line 9 is outside fiscal year 2023");
    /// assert_eq!(outcome.keys().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_ledger(
        year: FiscalYear,
        file: &str,
        rows: impl IntoIterator<Item = Result<(u64, LedgerRow)>>,
        mapping: &LedgerMapping,
    ) -> Result<(Outcome, MappingSummary)> {
        let mut outcome = Outcome::new(year);
        let mut summary = MappingSummary::new(file);
        for item in rows {
            let (line, row) = item?;
            summary.read();
            // Both sums are checked before either is changed, so that a row
            // is either in the outcome and the summary's total or rejected.
            let checked = outcome
                .check_ledger_row(&row, file, line, mapping)
                .and_then(|(key, month)| {
                    let amount = Stated::new(row.amount, LEDGER_SIGNS);
                    outcome.check_add(&key, month, amount, file, line)?;
                    summary.check_accept(row.amount, line)?;
                    Ok((key, month, amount))
                });
            match checked {
                Ok((key, month, amount)) => {
                    outcome.add(key, month, amount)?;
                    summary.accept(row.amount)?;
                }
                Err(reason) => summary.reject(reason),
            }
        }
        Ok((outcome, summary))
    }

    /// Checks that adding `amount` to a line's month does not overflow;
    /// otherwise the row at `file` `line` is rejected.
    fn check_add(
        &self,
        key: &LineKey,
        month: YearMonth,
        amount: Stated,
        file: &str,
        line: u64,
    ) -> Result<()> {
        let index = usize::try_from(month.month().saturating_sub(1)).unwrap_or(usize::MAX);
        let current = self
            .lines
            .get(key)
            .and_then(|months| months.get(index))
            .copied()
            .unwrap_or(Amount::ZERO);
        match current.checked_add(amount.canonical()) {
            Ok(_) => Ok(()),
            Err(_) => Err(BudgetError::Overflow {
                file: Arc::from(file),
                line,
                what: format!("outcome of {key} in {month}"),
            }),
        }
    }

    /// The key and month of a ledger row, or why it is rejected.
    fn check_ledger_row(
        &self,
        row: &LedgerRow,
        file: &str,
        line: u64,
        mapping: &LedgerMapping,
    ) -> Result<(LineKey, YearMonth)> {
        let key = mapping.key_of(row, file, line)?;
        let outside = || BudgetError::RowOutsideModelYear {
            file: Arc::from(file),
            line,
            date: row.date,
            year: self.year,
        };
        let month = YearMonth::from_date(row.date).map_err(|_| outside())?;
        if month.fiscal_year() != self.year {
            return Err(outside());
        }
        Ok((key, month))
    }

    /// Adds one ledger row read from `file` at 1-based `line`, converting its
    /// amount from SIE signs ([`LEDGER_SIGNS`]: costs positive) to canonical.
    /// Nothing is dropped silently: a row that cannot be mapped is an error
    /// ([`Outcome::from_ledger`] collects these instead).
    ///
    /// # Errors
    /// As [`LedgerMapping::key_of`]; [`BudgetError::RowOutsideModelYear`]
    /// for a date outside the year; [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::{LedgerMapping, Outcome};
    /// use namnd_core::{AccountMapping, Amount, FiscalYear};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1", "SN".parse()?);
    /// let mut outcome = Outcome::new(FiscalYear::try_new(2023)?);
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).ok_or("date")?;
    /// outcome.add_ledger_row(&LedgerRow::new(date, "1", "510", "5011", Amount::from_kr(1)), "l.csv", 2, &mapping)?;
    /// assert_eq!(outcome.total()?, Amount::from_kr(-1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_ledger_row(
        &mut self,
        row: &LedgerRow,
        file: &str,
        line: u64,
        mapping: &LedgerMapping,
    ) -> Result<()> {
        let (key, month) = self.check_ledger_row(row, file, line, mapping)?;
        self.add(key, month, Stated::new(row.amount, LEDGER_SIGNS))
    }

    /// Adds an amount, stated under a named convention, to a line's month.
    ///
    /// # Errors
    /// [`BudgetError::OutsideModelYear`] for a month outside the year;
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, SignConvention, Stated, YearMonth};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let mut outcome = Outcome::new(FiscalYear::try_new(2022)?);
    /// // Gnesta prints costs negative (convention A, canonical already).
    /// let cost = Stated::new(Amount::from_tkr(-917)?, SignConvention::OutcomeMinusBudget);
    /// outcome.add(key.clone(), YearMonth::try_new(2022, 12)?, cost)?;
    /// assert_eq!(outcome.monthly(&key).map(|m| m[11]), Some(Amount::from_tkr(-917)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, key: LineKey, month: YearMonth, amount: Stated) -> Result<()> {
        if month.fiscal_year() != self.year {
            return Err(BudgetError::OutsideModelYear {
                what: format!("outcome of {key} for the month starting"),
                date: month.first_day(),
                year: self.year,
            });
        }
        let index = usize::try_from(month.month().saturating_sub(1)).unwrap_or(usize::MAX);
        let what = || format!("outcome of {key} in {month}");
        let months = self.lines.entry(key.clone()).or_insert([Amount::ZERO; 12]);
        if let Some(slot) = months.get_mut(index) {
            *slot = add(*slot, amount.canonical(), what)?;
        }
        Ok(())
    }

    /// The fiscal year.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::Outcome;
    /// use namnd_core::FiscalYear;
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(Outcome::new(year).year(), year);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The keys of the lines with outcome, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::Outcome;
    /// use namnd_core::FiscalYear;
    /// assert!(Outcome::new(FiscalYear::try_new(2023)?).keys().next().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &LineKey> {
        self.lines.keys()
    }

    /// A line's twelve monthly outcomes (January first), if it has any.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, FiscalYear};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// assert_eq!(Outcome::new(FiscalYear::try_new(2023)?).monthly(&key), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn monthly(&self, key: &LineKey) -> Option<&[Amount; 12]> {
        self.lines.get(key)
    }

    /// A line's monthly outcomes of months 1..=`as_of` (zero for a line with
    /// no outcome), January first.
    ///
    /// # Errors
    /// [`BudgetError::OutsideModelYear`] if `as_of` is of another year.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, YearMonth};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let outcome = Outcome::new(FiscalYear::try_new(2023)?);
    /// assert_eq!(outcome.months_to(&key, YearMonth::try_new(2023, 3)?)?, [Amount::ZERO; 3]);
    /// let err = outcome.months_to(&key, YearMonth::try_new(2024, 3)?).unwrap_err();
    /// assert_eq!(err.to_string(), "as-of month of SN 510 personalkostnader starting 2024-03-01 is outside fiscal year 2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn months_to(&self, key: &LineKey, as_of: YearMonth) -> Result<Vec<Amount>> {
        if as_of.fiscal_year() != self.year {
            return Err(BudgetError::OutsideModelYear {
                what: format!("as-of month of {key} starting"),
                date: as_of.first_day(),
                year: self.year,
            });
        }
        let months = usize::try_from(as_of.month()).unwrap_or(0);
        Ok(match self.lines.get(key) {
            Some(monthly) => monthly.iter().copied().take(months).collect(),
            None => vec![Amount::ZERO; months],
        })
    }

    /// A line's outcome to date (*ackumulerat utfall*) through `as_of`.
    ///
    /// # Errors
    /// [`BudgetError::OutsideModelYear`] if `as_of` is of another year;
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetError;
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, YearMonth};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let outcome = Outcome::new(FiscalYear::try_new(2023)?);
    /// assert_eq!(outcome.to_date(&key, YearMonth::try_new(2023, 3)?)?, Amount::ZERO);
    /// let err = outcome.to_date(&key, YearMonth::try_new(2022, 12)?).unwrap_err();
    /// assert!(matches!(err, BudgetError::OutsideModelYear { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_date(&self, key: &LineKey, as_of: YearMonth) -> Result<Amount> {
        Amount::try_sum(self.months_to(key, as_of)?).map_err(super::overflow(|| {
            format!("outcome to date of {key} through {as_of}")
        }))
    }

    /// The sum of every line and month.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::Outcome;
    /// use namnd_core::{Amount, FiscalYear};
    /// assert_eq!(Outcome::new(FiscalYear::try_new(2023)?).total()?, Amount::ZERO);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self) -> Result<Amount> {
        self.lines
            .values()
            .flatten()
            .try_fold(Amount::ZERO, |sum, a| {
                add(sum, *a, || format!("total outcome of {}", self.year))
            })
    }
}
