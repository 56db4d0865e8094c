//! Outcome (*utfall*): ledger rows aggregated per budget line and month.

use std::collections::BTreeMap;

use namnd_core::{
    Account, AccountMapping, Amount, FiscalYear, SignConvention, Stated, UnitPath, YearMonth,
};

use super::{LineKey, add};
use crate::error::{BudgetError, Result};
use crate::import::LedgerRow;

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
/// let key = mapping.key_of(&LedgerRow::new(date, "1100", "510", "5011", Amount::from_kr(10)), 1)?;
/// assert_eq!(key.to_string(), "SN/IFO 510 personalkostnader");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// let key = mapping.key_of(&LedgerRow::new(date, "1", "510", "4610", Amount::from_kr(10)), 1)?;
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

    /// The line key of a ledger row; `row` is its 1-based position, for errors.
    ///
    /// # Errors
    /// [`BudgetError::UnmappedAnsvar`], [`BudgetError::MalformedAccount`] or
    /// [`BudgetError::UnmappedAccount`], naming the row.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::LedgerMapping;
    /// use namnd_core::{AccountMapping, Amount};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1100", "SN".parse()?);
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
    /// let err = mapping.key_of(&LedgerRow::new(date, "1100", "510", "8010", Amount::from_kr(10)), 7).unwrap_err();
    /// assert_eq!(err.to_string(), "konto 8010 of ledger row 7 is in no account group");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key_of(&self, ledger_row: &LedgerRow, row: u64) -> Result<LineKey> {
        let unit =
            self.units
                .get(&ledger_row.ansvar)
                .ok_or_else(|| BudgetError::UnmappedAnsvar {
                    row,
                    ansvar: ledger_row.ansvar.clone(),
                })?;
        let account: Account =
            ledger_row
                .konto
                .parse()
                .map_err(|_| BudgetError::MalformedAccount {
                    row,
                    konto: ledger_row.konto.clone(),
                })?;
        let group =
            self.accounts
                .classify(&account)
                .ok_or_else(|| BudgetError::UnmappedAccount {
                    row,
                    konto: ledger_row.konto.clone(),
                })?;
        let key = LineKey::new(unit.clone(), ledger_row.verksamhet.clone(), group);
        Ok(if self.per_account {
            key.with_account(account)
        } else {
            key
        })
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
///     LedgerRow::new(day(1, 31)?, "1100", "510", "5011", Amount::from_kr(1_000)), // a cost
///     LedgerRow::new(day(2, 28)?, "1100", "510", "5011", Amount::from_kr(500)),
///     LedgerRow::new(day(2, 28)?, "1100", "510", "3110", Amount::from_kr(-200)), // a fee
/// ];
/// let outcome = Outcome::from_ledger(FiscalYear::try_new(2023)?, rows, &mapping)?;
/// let staff = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts);
/// assert_eq!(outcome.to_date(&staff, YearMonth::try_new(2023, 2)?)?, Amount::from_kr(-1_500));
/// assert_eq!(outcome.total()?, Amount::from_kr(-1_300));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    year: FiscalYear,
    lines: BTreeMap<LineKey, [Amount; 12]>,
    rows: u64,
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
            rows: 0,
        }
    }

    /// Aggregates ledger rows (SIE signs, [`LEDGER_SIGNS`]) into lines.
    ///
    /// # Errors
    /// As [`Outcome::add_ledger_row`], for the first row that fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::{LedgerMapping, Outcome};
    /// use namnd_core::{AccountMapping, Amount, FiscalYear};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas());
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
    /// let rows = [LedgerRow::new(date, "9999", "510", "5011", Amount::from_kr(1))];
    /// let err = Outcome::from_ledger(FiscalYear::try_new(2023)?, rows, &mapping).unwrap_err();
    /// assert_eq!(err.to_string(), "ansvar \"9999\" of ledger row 1 is not mapped to a unit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_ledger(
        year: FiscalYear,
        rows: impl IntoIterator<Item = LedgerRow>,
        mapping: &LedgerMapping,
    ) -> Result<Outcome> {
        let mut outcome = Outcome::new(year);
        for row in rows {
            outcome.add_ledger_row(&row, mapping)?;
        }
        Ok(outcome)
    }

    /// Adds one ledger row, converting its amount from SIE signs
    /// ([`LEDGER_SIGNS`]: costs positive) to canonical. Rows are numbered from
    /// 1 in the order added, for errors. Nothing is dropped: a row that cannot
    /// be mapped is an error.
    ///
    /// # Errors
    /// As [`LedgerMapping::key_of`]; [`BudgetError::OutsideModelYear`] for a
    /// date outside the year; [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_budget::model::{LedgerMapping, Outcome};
    /// use namnd_core::{AccountMapping, Amount, FiscalYear};
    /// let mapping = LedgerMapping::new(AccountMapping::kommun_bas()).with_ansvar("1", "SN".parse()?);
    /// let mut outcome = Outcome::new(FiscalYear::try_new(2023)?);
    /// let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).ok_or("date")?;
    /// let err = outcome.add_ledger_row(&LedgerRow::new(date, "1", "510", "5011", Amount::from_kr(1)), &mapping).unwrap_err();
    /// assert_eq!(err.to_string(), "ledger row 1 dated 2024-01-02 is outside fiscal year 2023");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_ledger_row(&mut self, row: &LedgerRow, mapping: &LedgerMapping) -> Result<()> {
        self.rows = self.rows.saturating_add(1);
        let number = self.rows;
        let key = mapping.key_of(row, number)?;
        let month = YearMonth::from_date(row.date).map_err(|_| BudgetError::OutsideModelYear {
            what: format!("ledger row {number} dated"),
            date: row.date,
            year: self.year,
        })?;
        if month.fiscal_year() != self.year {
            return Err(BudgetError::OutsideModelYear {
                what: format!("ledger row {number} dated"),
                date: row.date,
                year: self.year,
            });
        }
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
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts);
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
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts);
    /// assert_eq!(Outcome::new(FiscalYear::try_new(2023)?).monthly(&key), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn monthly(&self, key: &LineKey) -> Option<&[Amount; 12]> {
        self.lines.get(key)
    }

    /// A line's monthly outcomes of months 1..=`as_of` (zero for a line with
    /// no outcome), January first. Empty if `as_of` is of another year.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, YearMonth};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts);
    /// let months = Outcome::new(FiscalYear::try_new(2023)?).months_to(&key, YearMonth::try_new(2023, 3)?);
    /// assert_eq!(months, [Amount::ZERO; 3]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn months_to(&self, key: &LineKey, as_of: YearMonth) -> Vec<Amount> {
        if as_of.fiscal_year() != self.year {
            return Vec::new();
        }
        let months = usize::try_from(as_of.month()).unwrap_or(0);
        match self.lines.get(key) {
            Some(monthly) => monthly.iter().copied().take(months).collect(),
            None => vec![Amount::ZERO; months],
        }
    }

    /// A line's outcome to date (*ackumulerat utfall*) through `as_of`.
    /// Zero for a month of another year.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, YearMonth};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts);
    /// assert_eq!(Outcome::new(FiscalYear::try_new(2023)?).to_date(&key, YearMonth::try_new(2023, 3)?)?, Amount::ZERO);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_date(&self, key: &LineKey, as_of: YearMonth) -> Result<Amount> {
        Amount::try_sum(self.months_to(key, as_of)).map_err(super::overflow(|| {
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
