//! Budget lines and their keys.

use core::fmt;

use namnd_calc::forecast::Periodisation;
use namnd_core::{Account, AccountGroup, Amount, Decimal, Rounding, Stated, Unit, UnitPath};

use super::overflow;
use crate::error::{BudgetError, Result};

/// The key of a budget line: where it sits in the organisation ([`UnitPath`]),
/// its *verksamhet* (activity code), its *kontogrupp* ([`AccountGroup`]) and,
/// for lines kept per account, the account (*konto*).
///
/// Keys order by unit, verksamhet, group and account, and display as
/// `SN/IFO 510 personalkostnader` (with ` 5011` appended for an account). A
/// verksamhet is never blank; a line without one is made explicitly with
/// [`LineKey::without_verksamhet`] and displays as `SN/IFO personalkostnader`.
///
/// # Example
/// ```
/// use namnd_budget::model::LineKey;
/// use namnd_core::AccountGroup;
///
/// let key = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?.with_account("5011".parse()?);
/// assert_eq!(key.to_string(), "SN/IFO 510 personalkostnader 5011");
/// assert_eq!(LineKey::without_verksamhet("SN".parse()?, AccountGroup::Allocation).to_string(), "SN anslag");
/// assert_eq!(key.group(), AccountGroup::StaffCosts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::LineKeyRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LineKey {
    unit: UnitPath,
    verksamhet: Option<String>,
    group: AccountGroup,
    account: Option<Account>,
}

impl LineKey {
    /// A key kept per account group.
    ///
    /// # Errors
    /// [`BudgetError::BlankText`] if `verksamhet` is empty or only
    /// whitespace (use [`LineKey::without_verksamhet`] for a line without one).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// let key = LineKey::new("VON/ÄF".parse()?, "520", AccountGroup::PurchasedServices)?;
    /// assert_eq!(key.account(), None);
    /// let err = LineKey::new("VON/ÄF".parse()?, " ", AccountGroup::PurchasedServices).unwrap_err();
    /// assert_eq!(err.to_string(), "line key of VON/ÄF köp av verksamhet has an empty verksamhet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        unit: UnitPath,
        verksamhet: impl Into<String>,
        group: AccountGroup,
    ) -> Result<LineKey> {
        let verksamhet = verksamhet.into();
        super::require_text(
            &verksamhet,
            || format!("line key of {unit} {group}"),
            "verksamhet",
        )?;
        Ok(LineKey {
            unit,
            verksamhet: Some(verksamhet),
            group,
            account: None,
        })
    }

    /// A key kept per account group, for a line without a verksamhet.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// let key = LineKey::without_verksamhet("SN".parse()?, AccountGroup::Allocation);
    /// assert_eq!(key.verksamhet(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_verksamhet(unit: UnitPath, group: AccountGroup) -> LineKey {
        LineKey {
            unit,
            verksamhet: None,
            group,
            account: None,
        }
    }

    /// The same key narrowed to one account of its group.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::FeeIncome)?.with_account("3110".parse()?);
    /// assert_eq!(key.account().map(|a| a.number()), Some(3110));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_account(mut self, account: Account) -> LineKey {
        self.account = Some(account);
        self
    }

    /// The unit path.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// let key = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?;
    /// assert_eq!(key.unit().to_string(), "SN/IFO");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit(&self) -> &UnitPath {
        &self.unit
    }

    /// The verksamhet (activity) code, if the line has one.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// assert_eq!(LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?.verksamhet(), Some("510"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verksamhet(&self) -> Option<&str> {
        self.verksamhet.as_deref()
    }

    /// The account group (*kontogrupp*).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// assert_eq!(LineKey::new("SN".parse()?, "510", AccountGroup::Allocation)?.group(), AccountGroup::Allocation);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group(&self) -> AccountGroup {
        self.group
    }

    /// The account, for a line kept per account.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::LineKey;
    /// use namnd_core::AccountGroup;
    /// assert_eq!(LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?.account(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> Option<Account> {
        self.account
    }
}

impl fmt::Display for LineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.unit)?;
        if let Some(verksamhet) = &self.verksamhet {
            write!(f, "{verksamhet} ")?;
        }
        write!(f, "{}", self.group)?;
        if let Some(account) = self.account {
            write!(f, " {account}")?;
        }
        Ok(())
    }
}

/// A budget line: its key, the annual budget (canonical: income positive,
/// costs negative) and how the budget is spread over the months
/// (*periodisering*): evenly, by an explicit [`MonthlyProfile`](namnd_calc::forecast::MonthlyProfile),
/// or by the previous year's monthly outcome of the line (its *history*).
///
/// # Example
/// ```
/// use namnd_budget::model::{BudgetLine, LineKey};
/// use namnd_calc::forecast::{MonthlyProfile, Periodisation};
/// use namnd_core::{AccountGroup, Amount, Decimal, Rounding};
///
/// let key = LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?;
/// // Holiday pay makes summer heavier: 2 weights in June–August, 1 elsewhere (15 in all).
/// let mut weights = [Decimal::ONE; 12];
/// for m in 5..8 { weights[m] = Decimal::TWO; }
/// let line = BudgetLine::new(key, Amount::from_tkr(-15_000)?)
///     .with_periodisation(Periodisation::Profile(MonthlyProfile::try_new(weights)?))?;
/// assert_eq!(line.budget_to_date(6, Rounding::HalfAwayFromZero)?, Amount::from_tkr(-7_000)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::BudgetLineRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct BudgetLine {
    key: LineKey,
    budget: Amount,
    periodisation: Periodisation,
    history: Option<[Amount; 12]>,
}

impl BudgetLine {
    /// A line with its annual budget, canonical (income positive, costs
    /// negative), periodised evenly.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?, Amount::from_tkr(-1_200)?);
    /// assert_eq!(line.budget(), Amount::from_tkr(-1_200)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(key: LineKey, budget: Amount) -> BudgetLine {
        BudgetLine {
            key,
            budget,
            periodisation: Periodisation::Even,
            history: None,
        }
    }

    /// A line whose budget is stated under a table's own sign convention.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount, SignConvention, Stated};
    /// // Flen prints costs positive (convention B): 72 473 tkr of costs is −72 473 canonically.
    /// let stated = Stated::new(Amount::from_tkr(72_473)?, SignConvention::BudgetMinusOutcome);
    /// let line = BudgetLine::from_stated(LineKey::new("BUV".parse()?, "400", AccountGroup::PurchasedServices)?, stated);
    /// assert_eq!(line.budget(), Amount::from_tkr(-72_473)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_stated(key: LineKey, budget: Stated) -> BudgetLine {
        BudgetLine::new(key, budget.canonical())
    }

    /// The same line with another periodisation. Periodising by the
    /// previous year's outcome needs the history first
    /// ([`BudgetLine::with_history`]).
    ///
    /// # Errors
    /// [`BudgetError::PeriodisationWithoutHistory`] for
    /// [`Periodisation::PriorYearOutcome`] on a line without history.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_calc::forecast::Periodisation;
    /// use namnd_core::{AccountGroup, Amount};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?, Amount::ZERO);
    /// let err = line.clone().with_periodisation(Periodisation::PriorYearOutcome).unwrap_err();
    /// assert_eq!(err.to_string(), "budget line SN 510 personalkostnader is periodised by prior-year outcome but has no history");
    /// let line = line.with_history([Amount::from_kr(-1); 12]).with_periodisation(Periodisation::PriorYearOutcome)?;
    /// assert_eq!(line.periodisation(), &Periodisation::PriorYearOutcome);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_periodisation(mut self, periodisation: Periodisation) -> Result<BudgetLine> {
        if periodisation == Periodisation::PriorYearOutcome && self.history.is_none() {
            return Err(BudgetError::PeriodisationWithoutHistory {
                key: self.key.to_string(),
            });
        }
        self.periodisation = periodisation;
        Ok(self)
    }

    /// The same line with the previous year's monthly outcome (canonical,
    /// January first): used by [`Periodisation::PriorYearOutcome`] and by
    /// forecast methods that need history.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_calc::forecast::Periodisation;
    /// use namnd_core::{AccountGroup, Amount, Rounding};
    /// let mut last_year = [Amount::from_kr(-100); 12];
    /// last_year[11] = Amount::from_kr(-1_200); // a heavy December
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::OtherCosts)?, Amount::from_kr(-2_300))
    ///     .with_history(last_year)
    ///     .with_periodisation(Periodisation::PriorYearOutcome)?;
    /// assert_eq!(line.budget_to_date(11, Rounding::HalfAwayFromZero)?, Amount::from_kr(-1_100));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_history(mut self, previous_year: [Amount; 12]) -> BudgetLine {
        self.history = Some(previous_year);
        self
    }

    /// The key.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// assert_eq!(BudgetLine::new(key.clone(), Amount::ZERO).key(), &key);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> &LineKey {
        &self.key
    }

    /// The annual budget, canonical.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::FeeIncome)?, Amount::from_kr(900));
    /// assert_eq!(line.budget(), Amount::from_kr(900));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The periodisation.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_calc::forecast::Periodisation;
    /// use namnd_core::{AccountGroup, Amount};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::FeeIncome)?, Amount::ZERO);
    /// assert_eq!(line.periodisation(), &Periodisation::Even);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn periodisation(&self) -> &Periodisation {
        &self.periodisation
    }

    /// The previous year's monthly outcome, if given.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::FeeIncome)?, Amount::ZERO);
    /// assert_eq!(line.history(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self) -> Option<&[Amount; 12]> {
        self.history.as_ref()
    }

    /// The periodised budget of months 1..=`months` (*periodiserad budget*),
    /// rounded to whole öre with `rounding`. The budget is multiplied by the
    /// weight of those months before dividing by the year's weight, so even
    /// twelfths of whole kronor stay exact where they can.
    ///
    /// # Errors
    /// - [`BudgetError::Calculation`] if `months` is above 12, or the
    ///   periodisation is by the previous year's outcome and the line has no
    ///   history or that history sums to zero;
    /// - [`BudgetError::UnsupportedPeriodisation`] for a periodisation added
    ///   to `namnd-calc` after this model;
    /// - [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey};
    /// use namnd_core::{AccountGroup, Amount, Rounding};
    /// let line = BudgetLine::new(LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?, Amount::from_kr(-100));
    /// // −100 × 7 / 12 = −58,333… kr
    /// assert_eq!(line.budget_to_date(7, Rounding::HalfAwayFromZero)?, Amount::from_ore(-5_833));
    /// assert_eq!(line.budget_to_date(12, Rounding::HalfAwayFromZero)?, Amount::from_kr(-100));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_to_date(&self, months: u32, rounding: Rounding) -> Result<Amount> {
        let calc = |source| BudgetError::Calculation {
            what: format!("periodised budget of {} through month {months}", self.key),
            source: Box::new(source),
        };
        if months > 12 {
            return Err(calc(namnd_calc::CalcError::OutOfRange {
                what: "month",
                value: months.to_string(),
                expected: "expected 0 to 12",
            }));
        }
        let through = |m: &u32| *m <= months;
        let (part, whole) = match &self.periodisation {
            Periodisation::Even => (Decimal::from(months), Decimal::from(12)),
            Periodisation::Profile(profile) => {
                let weights = profile.weights();
                let part = (1..=12)
                    .zip(weights)
                    .filter(|(m, _)| through(m))
                    .try_fold(Decimal::ZERO, |sum, (_, w)| sum.checked_add(w));
                match part {
                    Some(part) => (part, profile.total()),
                    None => {
                        return Err(calc(namnd_calc::CalcError::InvalidProfile {
                            reason: "the weights add up to more than the decimal range holds"
                                .to_owned(),
                        }));
                    }
                }
            }
            Periodisation::PriorYearOutcome => {
                let history = self.history.as_ref().ok_or_else(|| {
                    calc(namnd_calc::CalcError::MissingHistory {
                        method: "budget periodised by prior-year outcome",
                    })
                })?;
                let what = || format!("previous year's outcome of {}", self.key);
                let whole = Amount::try_sum(history.iter().copied()).map_err(overflow(what))?;
                let part = Amount::try_sum(
                    (1..=12)
                        .zip(history.iter().copied())
                        .filter(|(m, _)| through(m))
                        .map(|(_, a)| a),
                )
                .map_err(overflow(what))?;
                (part.as_kr(), whole.as_kr())
            }
            other => {
                return Err(BudgetError::UnsupportedPeriodisation {
                    name: other.name(),
                    key: self.key.to_string(),
                });
            }
        };
        if whole.is_zero() {
            return Err(calc(namnd_calc::CalcError::DivisionByZero {
                what: "periodisation with a zero total",
            }));
        }
        let what = || format!("periodised budget of {}", self.key);
        let exact = match self.budget.checked_mul(part) {
            Ok(product) => product.checked_div(whole),
            // Too large to multiply first: divide first instead.
            Err(error) => match part.checked_div(whole) {
                Some(share) => self.budget.checked_mul(share),
                None => Err(error),
            },
        }
        .map_err(overflow(what))?;
        round_ore(exact, rounding).map_err(overflow(what))
    }
}

/// Rounds an amount to whole öre with `rounding`.
pub(super) fn round_ore(amount: Amount, rounding: Rounding) -> namnd_core::Result<Amount> {
    Ok(Amount::from_kr(amount.round_in(Unit::Kr, 2, rounding)?))
}
