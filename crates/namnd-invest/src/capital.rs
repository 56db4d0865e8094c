//! Capital costs (*kapitalkostnader*) = straight-line depreciation
//! (*avskrivning*) + internal interest (*internränta*), year by year from
//! activation, and the consequence for the operating budget.
//!
//! | Item | What it is |
//! |---|---|
//! | [`DepreciationStart`] | when depreciation starts: the activation month (default), the month after, or the whole activation year |
//! | [`InterestBase`] | interest on the opening book value (default) or on the average of opening and closing |
//! | [`InterestRates`], [`YearRate`] | the internal rate per year (a rate holds until the next one) |
//! | [`CapitalOptions`] | the conventions, the rates and the rounding |
//! | [`schedule`], [`component_schedule`], [`CapitalSchedule`], [`ScheduleYear`] | the year-by-year schedule until fully depreciated |
//! | [`budget_consequence`], [`ConsequenceYear`] | capital cost + operating cost after activation, per year |
//!
//! ## Conventions
//!
//! - **Months charged.** The life is `years × 12` months. In the activation
//!   year the asset is charged for the months from the activation month
//!   ([`DepreciationStart::ActivationMonth`]: activation in July → 6 months,
//!   6/12 of a year), from the month after
//!   ([`DepreciationStart::MonthAfterActivation`]: July → 5 months; December
//!   → none, so depreciation starts in January), or for the whole year
//!   ([`DepreciationStart::FullFirstYear`]). Later years are charged 12 months
//!   until the life's months are used up, so a part-year start ends with a
//!   part-year.
//! - **Depreciation** of a year = investment × months of the year ÷ months of
//!   the life, rounded once per year with the options' [`Rounding`] to
//!   `decimals` decimals of a krona (whole kronor by default). The **last
//!   year takes the rounding remainder**: it depreciates exactly the book
//!   value left, so the depreciations add up to the investment exactly. A
//!   rounded year never depreciates more than the book value left (so the
//!   book value is never negative, whatever the rounding mode).
//! - **Interest** of a year = base × rate of the year × months of the year ÷
//!   12, rounded once per year; the base is the opening book value or the
//!   average of opening and closing (the closing after the rounded
//!   depreciation). The book value in the schedule is the investment less the
//!   *rounded* depreciations, so `opening − depreciation = closing` holds in
//!   every row.
//! - **Components** are scheduled one by one with these rules and added up
//!   per year.
//!
//! ## The domain brief's example, by hand
//! ```
//! use namnd_invest::capital::{schedule, CapitalOptions, DepreciationStart, InterestRates};
//! use namnd_invest::UsefulLife;
//! use namnd_core::{Amount, Decimal, Rounding};
//! use chrono::NaiveDate;
//!
//! // 1 000 tkr, 10 years, 2 % on the opening book value, activated 1 January.
//! let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfAwayFromZero);
//! let activation = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
//! let plan = schedule(Amount::from_tkr(1_000)?, UsefulLife::try_new(10)?, activation, &options)?;
//! let tkr = |y: usize| plan.years().get(y).map(|r| (r.depreciation.as_tkr(), r.interest.as_tkr(), r.capital_cost.as_tkr()));
//! assert_eq!(tkr(0), Some((100.into(), 20.into(), 120.into())));
//! assert_eq!(tkr(1), Some((100.into(), 18.into(), 118.into())));
//! assert_eq!(plan.total_depreciation()?, Amount::from_tkr(1_000)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use namnd_core::{Amount, Decimal, FiscalYear, Rounding};

use crate::error::{InvestError, Result, overflow};
use crate::request::{Component, InvestmentRequest, UsefulLife};

/// When depreciation (and interest) starts in the activation year.
///
/// # Example
/// ```
/// use namnd_invest::capital::DepreciationStart;
/// assert_eq!(DepreciationStart::ActivationMonth.months_in_first_year(7), 6);
/// assert_eq!(DepreciationStart::MonthAfterActivation.months_in_first_year(7), 5);
/// assert_eq!(DepreciationStart::FullFirstYear.months_in_first_year(7), 12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DepreciationStart {
    /// From the activation month, that month included (July → 6/12).
    #[default]
    ActivationMonth,
    /// From the month after activation (July → 5/12).
    MonthAfterActivation,
    /// The whole activation year (July → 12/12).
    FullFirstYear,
}

impl DepreciationStart {
    /// The months charged in the activation year for activation in `month`
    /// (1–12; a value outside is clamped to 1–12).
    ///
    /// See [`DepreciationStart`] for an example.
    pub fn months_in_first_year(self, month: u32) -> u32 {
        let month = month.clamp(1, 12);
        match self {
            DepreciationStart::ActivationMonth => 13 - month,
            DepreciationStart::MonthAfterActivation => 12 - month,
            DepreciationStart::FullFirstYear => 12,
        }
    }
}

/// The book value internal interest is charged on.
///
/// # Example
/// ```
/// use namnd_invest::capital::InterestBase;
/// assert_eq!(InterestBase::default(), InterestBase::OpeningBookValue);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum InterestBase {
    /// The book value at the start of the year (the domain brief's example).
    #[default]
    OpeningBookValue,
    /// The average of the opening and closing book values.
    AverageBookValue,
}

/// An internal interest rate from a year on, as a fraction (0.02 = 2 %).
///
/// # Example
/// ```
/// use namnd_invest::capital::YearRate;
/// use namnd_core::{Decimal, FiscalYear};
/// let rate = YearRate::new(FiscalYear::try_new(2025)?, Decimal::new(15, 3));
/// assert_eq!(rate.rate(), Decimal::new(15, 3));
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct YearRate {
    from: FiscalYear,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    rate: Decimal,
}

impl YearRate {
    /// `rate` (a fraction) from `from` on.
    ///
    /// See [`YearRate`] for an example.
    pub fn new(from: FiscalYear, rate: Decimal) -> YearRate {
        YearRate { from, rate }
    }

    /// The first year the rate applies to.
    ///
    /// See [`YearRate`] for an example.
    pub fn from(&self) -> FiscalYear {
        self.from
    }

    /// The rate, a fraction.
    ///
    /// See [`YearRate`] for an example.
    pub fn rate(&self) -> Decimal {
        self.rate
    }
}

/// Internal interest rates per year (*internränta*; in practice the rate SKR
/// recommends for each year). A year uses the rate given for it or, failing
/// that, for the latest year before it; a year before every given rate has
/// none.
///
/// # Example
/// ```
/// use namnd_invest::capital::{InterestRates, YearRate};
/// use namnd_core::{Decimal, FiscalYear};
/// let y = |n| FiscalYear::try_new(n);
/// let rates = InterestRates::by_year([
///     YearRate::new(y(2024)?, Decimal::new(15, 3)),
///     YearRate::new(y(2026)?, Decimal::new(2, 2)),
/// ])?;
/// assert_eq!(rates.rate_for(y(2025)?)?, Decimal::new(15, 3));
/// assert_eq!(rates.rate_for(y(2030)?)?, Decimal::new(2, 2));
/// assert!(rates.rate_for(y(2023)?).is_err());
/// assert!(InterestRates::constant(Decimal::new(-1, 2)).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<YearRate>", into = "Vec<YearRate>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "Vec<YearRate>"))]
pub struct InterestRates(BTreeMap<FiscalYear, Decimal>);

impl InterestRates {
    /// One rate for every year (from [`FiscalYear::MIN`] on).
    ///
    /// # Errors
    /// [`InvestError::InvalidInterestRate`] unless `0 ≤ rate ≤ 1`.
    ///
    /// See [`InterestRates`] for an example.
    pub fn constant(rate: Decimal) -> Result<InterestRates> {
        InterestRates::by_year([YearRate::new(FiscalYear::MIN, rate)])
    }

    /// Rates from given years on.
    ///
    /// # Errors
    /// [`InvestError::InvalidInterestRate`] unless every `0 ≤ rate ≤ 1`;
    /// [`InvestError::DuplicateYear`] (request `interest rates`) for a year
    /// given twice.
    ///
    /// See [`InterestRates`] for an example.
    pub fn by_year(rates: impl IntoIterator<Item = YearRate>) -> Result<InterestRates> {
        let mut map = BTreeMap::new();
        for YearRate { from, rate } in rates {
            if rate.is_sign_negative() && !rate.is_zero() || rate > Decimal::ONE {
                return Err(InvestError::InvalidInterestRate {
                    year: from.year(),
                    rate,
                });
            }
            if map.insert(from, rate).is_some() {
                return Err(InvestError::DuplicateYear {
                    request: "interest rates".to_owned(),
                    year: from.year(),
                });
            }
        }
        Ok(InterestRates(map))
    }

    /// The rate of `year`.
    ///
    /// # Errors
    /// [`InvestError::MissingInterestRate`] if no rate is given for `year` or
    /// a year before it.
    ///
    /// See [`InterestRates`] for an example.
    pub fn rate_for(&self, year: FiscalYear) -> Result<Decimal> {
        self.0
            .range(..=year)
            .next_back()
            .map(|(_, &rate)| rate)
            .ok_or(InvestError::MissingInterestRate { year: year.year() })
    }
}

impl TryFrom<Vec<YearRate>> for InterestRates {
    type Error = InvestError;

    fn try_from(rates: Vec<YearRate>) -> Result<InterestRates> {
        InterestRates::by_year(rates)
    }
}

impl From<InterestRates> for Vec<YearRate> {
    fn from(rates: InterestRates) -> Vec<YearRate> {
        rates
            .0
            .into_iter()
            .map(|(from, rate)| YearRate { from, rate })
            .collect()
    }
}

/// The conventions of a capital-cost calculation.
///
/// Defaults: [`DepreciationStart::ActivationMonth`],
/// [`InterestBase::OpeningBookValue`], whole kronor (0 decimals), the
/// operating cost after activation counted in full in the activation year
/// (see [`CapitalOptions::with_prorated_operating_cost`]). The rounding mode
/// has no default: name it.
///
/// # Example
/// ```
/// use namnd_invest::capital::{CapitalOptions, DepreciationStart, InterestBase, InterestRates};
/// use namnd_core::{Decimal, Rounding};
/// let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfEven)
///     .with_start(DepreciationStart::MonthAfterActivation)
///     .with_interest_base(InterestBase::AverageBookValue)
///     .with_decimals(2);
/// assert_eq!((options.start(), options.decimals()), (DepreciationStart::MonthAfterActivation, 2));
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CapitalOptions {
    start: DepreciationStart,
    interest_base: InterestBase,
    rates: InterestRates,
    rounding: Rounding,
    decimals: u32,
    #[cfg_attr(feature = "serde", serde(default))]
    prorate_operating_cost: bool,
}

impl CapitalOptions {
    /// The default conventions with `rates` and `rounding`.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn new(rates: InterestRates, rounding: Rounding) -> CapitalOptions {
        CapitalOptions {
            start: DepreciationStart::default(),
            interest_base: InterestBase::default(),
            rates,
            rounding,
            decimals: 0,
            prorate_operating_cost: false,
        }
    }

    /// With `prorate`, [`budget_consequence`] charges the operating cost
    /// after activation in the activation year only for the months
    /// depreciation is charged that year ([`DepreciationStart::months_in_first_year`]),
    /// i.e. cost × months ÷ 12, rounded like the schedule; later years are
    /// charged in full. Off by default: the stated yearly cost is counted in
    /// full from the activation year (or the drift start), as request tables
    /// state it.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::capital::{budget_consequence, CapitalOptions, InterestRates};
    /// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, UsefulLife, YearAmount};
    /// use namnd_core::{Amount, Decimal, FiscalYear, Rounding};
    /// use chrono::NaiveDate;
    ///
    /// let y = FiscalYear::try_new(2026)?;
    /// let activation = NaiveDate::from_ymd_opt(2026, 10, 1).ok_or("date")?; // October: 3 months
    /// let request = InvestmentRequest::builder(RequestId::try_new("1:1")?, "Larm")
    ///     .amount(y, YearAmount::single(Amount::from_tkr(120)?, AmountStatus::New))
    ///     .activation(activation)
    ///     .useful_life(UsefulLife::try_new(10)?)
    ///     .operating_cost_after_activation(Amount::from_tkr(40)?)
    ///     .build()?;
    /// let options = CapitalOptions::new(InterestRates::constant(Decimal::ZERO)?, Rounding::HalfEven);
    /// assert!(!options.prorates_operating_cost());
    /// let full = budget_consequence(&request, [y], &options)?;
    /// let prorated = budget_consequence(&request, [y], &options.with_prorated_operating_cost(true))?;
    /// assert_eq!((full[0].operating_cost, prorated[0].operating_cost), (Amount::from_tkr(40)?, Amount::from_tkr(10)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_prorated_operating_cost(mut self, prorate: bool) -> Self {
        self.prorate_operating_cost = prorate;
        self
    }

    /// Whether the operating cost is pro-rated in the activation year (see
    /// [`CapitalOptions::with_prorated_operating_cost`]).
    ///
    /// See [`CapitalOptions::with_prorated_operating_cost`] for an example.
    pub fn prorates_operating_cost(&self) -> bool {
        self.prorate_operating_cost
    }

    /// When depreciation starts.
    ///
    /// See [`CapitalOptions`] for an example.
    #[must_use]
    pub fn with_start(mut self, start: DepreciationStart) -> Self {
        self.start = start;
        self
    }

    /// The book value interest is charged on.
    ///
    /// See [`CapitalOptions`] for an example.
    #[must_use]
    pub fn with_interest_base(mut self, base: InterestBase) -> Self {
        self.interest_base = base;
        self
    }

    /// Round each year's figures to `decimals` decimals of a krona (0 =
    /// whole kronor, 2 = öre; more than 28 is an error when computing).
    ///
    /// See [`CapitalOptions`] for an example.
    #[must_use]
    pub fn with_decimals(mut self, decimals: u32) -> Self {
        self.decimals = decimals;
        self
    }

    /// When depreciation starts.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn start(&self) -> DepreciationStart {
        self.start
    }

    /// The interest base.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn interest_base(&self) -> InterestBase {
        self.interest_base
    }

    /// The rates.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn rates(&self) -> &InterestRates {
        &self.rates
    }

    /// The rounding mode.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The decimals of a krona each year's figures are rounded to.
    ///
    /// See [`CapitalOptions`] for an example.
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    fn round(&self, value: Amount) -> Result<Amount> {
        if self.decimals > 28 {
            return Err(InvestError::TooManyDecimals {
                decimals: self.decimals,
            });
        }
        Ok(Amount::from_kr(
            self.rounding.round(value.as_kr(), self.decimals)?,
        ))
    }
}

/// One year of a capital-cost schedule, in kronor rounded as the options say.
///
/// `opening − depreciation = closing` and `depreciation + interest =
/// capital_cost` hold exactly. Computed, so Serialize-only.
///
/// See [`schedule`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ScheduleYear {
    /// The year.
    pub year: FiscalYear,
    /// The months charged this year (of the longest-lived component).
    pub months: u32,
    /// Book value at the start of the year (*ingående bokfört värde*).
    pub opening: Amount,
    /// Depreciation (*avskrivning*).
    pub depreciation: Amount,
    /// Internal interest (*internränta*).
    pub interest: Amount,
    /// Capital cost = depreciation + interest (*kapitalkostnad*).
    pub capital_cost: Amount,
    /// Book value at the end of the year (*utgående bokfört värde*).
    pub closing: Amount,
}

/// A capital-cost schedule: one row per year from the first year charged
/// until the asset is fully depreciated. Computed, so Serialize-only.
///
/// See [`schedule`] for an example.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CapitalSchedule {
    years: Vec<ScheduleYear>,
}

impl CapitalSchedule {
    /// The rows, by year.
    ///
    /// See [`schedule`] for an example.
    pub fn years(&self) -> &[ScheduleYear] {
        &self.years
    }

    /// The row of `year`, if the schedule charges that year.
    ///
    /// See [`schedule`] for an example.
    pub fn year(&self, year: FiscalYear) -> Option<&ScheduleYear> {
        self.years.iter().find(|row| row.year == year)
    }

    /// The sum of the depreciations (= the investment).
    ///
    /// # Errors
    /// [`InvestError::Overflow`] on overflow.
    ///
    /// See [`schedule`] for an example.
    pub fn total_depreciation(&self) -> Result<Amount> {
        Amount::try_sum(self.years.iter().map(|r| r.depreciation))
            .map_err(overflow(|| "total depreciation".to_owned()))
    }

    /// The sum of the interest.
    ///
    /// # Errors
    /// [`InvestError::Overflow`] on overflow.
    ///
    /// See [`schedule`] for an example.
    pub fn total_interest(&self) -> Result<Amount> {
        Amount::try_sum(self.years.iter().map(|r| r.interest))
            .map_err(overflow(|| "total interest".to_owned()))
    }

    /// Adds another schedule year by year (for components).
    fn add(&mut self, other: &CapitalSchedule) -> Result<()> {
        for row in &other.years {
            match self.years.iter_mut().find(|r| r.year == row.year) {
                Some(mine) => {
                    let sum = |a: Amount, b: Amount| {
                        a.checked_add(b)
                            .map_err(overflow(|| format!("capital costs of {}", row.year)))
                    };
                    mine.months = mine.months.max(row.months);
                    mine.opening = sum(mine.opening, row.opening)?;
                    mine.depreciation = sum(mine.depreciation, row.depreciation)?;
                    mine.interest = sum(mine.interest, row.interest)?;
                    mine.capital_cost = sum(mine.capital_cost, row.capital_cost)?;
                    mine.closing = sum(mine.closing, row.closing)?;
                }
                None => self.years.push(*row),
            }
        }
        self.years.sort_by_key(|r| r.year);
        Ok(())
    }
}

/// The capital-cost schedule of `investment` depreciated straight-line over
/// `life` from `activation`, with the conventions described in the
/// [module docs](self).
///
/// # Errors
/// [`InvestError::NegativeInvestment`]; [`InvestError::MissingInterestRate`]
/// for a year without a rate; [`InvestError::TooManyDecimals`];
/// [`InvestError::Core`] if the schedule runs past year 9999;
/// [`InvestError::Overflow`].
///
/// # Example
/// ```
/// use namnd_invest::capital::{schedule, CapitalOptions, InterestRates};
/// use namnd_invest::UsefulLife;
/// use namnd_core::{Amount, Decimal, FiscalYear, Rounding};
/// use chrono::NaiveDate;
///
/// // Activated in July: 6/12 of a year's depreciation and interest in 2025.
/// let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfAwayFromZero);
/// let july = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
/// let plan = schedule(Amount::from_tkr(1_000)?, UsefulLife::try_new(10)?, july, &options)?;
/// let first = plan.year(FiscalYear::try_new(2025)?).ok_or("2025")?;
/// assert_eq!((first.months, first.depreciation, first.interest), (6, Amount::from_tkr(50)?, Amount::from_tkr(10)?));
/// assert_eq!(plan.years().len(), 11); // 2025 to 2035, the last one half a year
/// assert_eq!(plan.total_depreciation()?, Amount::from_tkr(1_000)?);
/// assert_eq!(plan.total_interest()?, Amount::from_kr(109_500)); // 10 000 + 19 000 + 17 000 + … + 3 000 + 500
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedule(
    investment: Amount,
    life: UsefulLife,
    activation: NaiveDate,
    options: &CapitalOptions,
) -> Result<CapitalSchedule> {
    if investment.is_negative() {
        return Err(InvestError::NegativeInvestment { amount: investment });
    }
    let total_months = life.months();
    let total = Decimal::from(total_months);
    let mut year = FiscalYear::from_date(activation)?;
    let mut months_this_year = options.start.months_in_first_year(activation.month());
    if months_this_year == 0 {
        year = year.next()?;
        months_this_year = 12;
    }
    let mut remaining_months = total_months;
    let mut book = investment;
    let mut rows = Vec::new();
    while remaining_months > 0 {
        let months = months_this_year.min(remaining_months);
        remaining_months -= months;
        let what = || format!("capital costs of {investment} in {year}");
        let depreciation = if remaining_months == 0 {
            book // the last year takes the rounding remainder
        } else {
            let exact = investment
                .checked_mul(Decimal::from(months))
                .and_then(|a| a.checked_div(total))
                .map_err(overflow(what))?;
            options.round(exact)?.min(book).max(Amount::ZERO)
        };
        let closing = book.checked_sub(depreciation).map_err(overflow(what))?;
        let base = match options.interest_base {
            InterestBase::OpeningBookValue => book,
            InterestBase::AverageBookValue => book
                .checked_add(closing)
                .and_then(|s| s.checked_div(Decimal::TWO))
                .map_err(overflow(what))?,
        };
        let rate = options.rates.rate_for(year)?;
        let exact_interest = base
            .checked_mul(rate)
            .and_then(|a| a.checked_mul(Decimal::from(months)))
            .and_then(|a| a.checked_div(Decimal::from(12)))
            .map_err(overflow(what))?;
        let interest = options.round(exact_interest)?;
        let capital_cost = depreciation.checked_add(interest).map_err(overflow(what))?;
        rows.push(ScheduleYear {
            year,
            months,
            opening: book,
            depreciation,
            interest,
            capital_cost,
            closing,
        });
        book = closing;
        months_this_year = 12;
        if remaining_months > 0 {
            year = year.next()?;
        }
    }
    Ok(CapitalSchedule { years: rows })
}

/// The schedule of an asset made of components, each depreciated over its
/// own life from the same activation, added up per year.
///
/// # Errors
/// As [`schedule`].
///
/// # Example
/// ```
/// use namnd_invest::capital::{component_schedule, CapitalOptions, InterestRates};
/// use namnd_invest::{Component, UsefulLife};
/// use namnd_core::{Amount, Decimal, Rounding};
/// use chrono::NaiveDate;
///
/// let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfAwayFromZero);
/// let parts = [
///     Component::new("Byggnad", Amount::from_tkr(4_000)?, UsefulLife::try_new(40)?)?,
///     Component::new("Installationer", Amount::from_tkr(1_000)?, UsefulLife::try_new(20)?)?,
/// ];
/// let plan = component_schedule(&parts, NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?, &options)?;
/// let first = plan.years().first().ok_or("row")?;
/// assert_eq!((first.depreciation, first.interest), (Amount::from_tkr(150)?, Amount::from_tkr(100)?));
/// assert_eq!(plan.years().len(), 40);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn component_schedule(
    components: &[Component],
    activation: NaiveDate,
    options: &CapitalOptions,
) -> Result<CapitalSchedule> {
    let mut total = CapitalSchedule::default();
    for component in components {
        total.add(&schedule(
            component.amount(),
            component.life(),
            activation,
            options,
        )?)?;
    }
    Ok(total)
}

impl InvestmentRequest {
    /// The capital-cost schedule of the request: its components (or the whole
    /// investment over its useful life) from its activation date.
    ///
    /// # Errors
    /// [`InvestError::MissingField`] without an activation date, or without
    /// both components and a useful life; otherwise as [`schedule`].
    ///
    /// See [`budget_consequence`] for an example.
    pub fn capital_schedule(&self, options: &CapitalOptions) -> Result<CapitalSchedule> {
        let activation = self.activation().ok_or_else(|| InvestError::MissingField {
            request: self.id().quoted(),
            field: "activation date",
        })?;
        component_schedule(&self.depreciable_components()?, activation, options)
    }
}

/// One year's consequence of a request for the operating budget. Computed,
/// so Serialize-only.
///
/// See [`budget_consequence`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConsequenceYear {
    /// The year.
    pub year: FiscalYear,
    /// Capital cost of the year (zero outside the schedule).
    pub capital_cost: Amount,
    /// Operating cost after activation (excluding capital costs).
    pub operating_cost: Amount,
    /// capital_cost + operating_cost.
    pub total: Amount,
}

/// The consequence of `request` for the operating budget in each of `years`:
/// capital cost + operating cost after activation.
///
/// The operating cost after activation is counted in full (it is stated per
/// year) from the first year of the drift start, or from the activation year
/// when no drift start is given; with
/// [`CapitalOptions::with_prorated_operating_cost`] the activation year is
/// charged only for the months depreciation is. The operating cost *during the project* is
/// not part of the consequence; it is reported as stated
/// ([`InvestmentRequest::operating_cost_during_project`]).
///
/// # Errors
/// As [`InvestmentRequest::capital_schedule`]; [`InvestError::Overflow`].
///
/// # Example
/// ```
/// use namnd_invest::capital::{budget_consequence, CapitalOptions, InterestRates};
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, UsefulLife, YearAmount};
/// use namnd_core::{Amount, Decimal, FiscalYear, Rounding};
/// use chrono::NaiveDate;
///
/// let y = |n| FiscalYear::try_new(n);
/// let request = InvestmentRequest::builder(RequestId::try_new("1:1")?, "Trygghetslarm")
///     .amount(y(2025)?, YearAmount::single(Amount::from_tkr(1_000)?, AmountStatus::New))
///     .activation(NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?)
///     .useful_life(UsefulLife::try_new(10)?)
///     .operating_cost_after_activation(Amount::from_tkr(50)?)
///     .build()?;
/// let options = CapitalOptions::new(InterestRates::constant(Decimal::new(2, 2))?, Rounding::HalfAwayFromZero);
/// let years = budget_consequence(&request, [y(2025)?, y(2026)?, y(2027)?], &options)?;
/// let totals: Vec<Decimal> = years.iter().map(|c| c.total.as_tkr()).collect();
/// assert_eq!(totals, [0, 170, 168].map(Decimal::from));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn budget_consequence(
    request: &InvestmentRequest,
    years: impl IntoIterator<Item = FiscalYear>,
    options: &CapitalOptions,
) -> Result<Vec<ConsequenceYear>> {
    let plan = request.capital_schedule(options)?;
    let operating_from = match (request.drift_start(), request.activation()) {
        (Some(start), _) => Some(start.first_year()),
        (None, Some(date)) => Some(FiscalYear::from_date(date)?),
        (None, None) => None,
    };
    // (activation year, months charged in it) when pro-rating.
    let prorated = match request.activation() {
        Some(date) if options.prorate_operating_cost => Some((
            FiscalYear::from_date(date)?,
            options.start.months_in_first_year(date.month()),
        )),
        _ => None,
    };
    years
        .into_iter()
        .map(|year| {
            let capital_cost = plan.year(year).map_or(Amount::ZERO, |r| r.capital_cost);
            let operating_cost = match (operating_from, request.operating_cost_after_activation()) {
                (Some(from), Some(cost)) if year >= from => match prorated {
                    Some((first, months)) if first == year => {
                        let share = cost
                            .checked_mul(Decimal::from(months))
                            .and_then(|c| c.checked_div(Decimal::from(12)))
                            .map_err(overflow(|| {
                                format!(
                                    "operating cost of request {} in {year}",
                                    request.id().quoted()
                                )
                            }))?;
                        options.round(share)?
                    }
                    _ => cost,
                },
                _ => Amount::ZERO,
            };
            let total = capital_cost
                .checked_add(operating_cost)
                .map_err(overflow(|| {
                    format!(
                        "budget consequence of request {} in {year}",
                        request.id().quoted()
                    )
                }))?;
            Ok(ConsequenceYear {
                year,
                capital_cost,
                operating_cost,
                total,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn options(rate: Decimal) -> CapitalOptions {
        CapitalOptions::new(
            InterestRates::constant(rate).unwrap(),
            Rounding::HalfAwayFromZero,
        )
    }

    fn two_percent() -> CapitalOptions {
        options(Decimal::new(2, 2))
    }

    fn kr(n: i64) -> Amount {
        Amount::from_kr(n)
    }

    fn life(n: i64) -> UsefulLife {
        UsefulLife::try_new(n).unwrap()
    }

    #[test]
    fn domain_example_year_one_120_year_two_118() {
        let plan = schedule(kr(1_000_000), life(10), date(2025, 1, 1), &two_percent()).unwrap();
        let rows = plan.years();
        assert_eq!(rows.len(), 10);
        assert_eq!(
            (rows[0].opening, rows[0].depreciation, rows[0].interest),
            (kr(1_000_000), kr(100_000), kr(20_000))
        );
        assert_eq!(rows[0].capital_cost, kr(120_000));
        assert_eq!(rows[1].capital_cost, kr(118_000));
        assert_eq!(rows[1].opening, kr(900_000));
        // Year 10: opening 100 000, interest 2 000.
        assert_eq!(
            (rows[9].opening, rows[9].interest),
            (kr(100_000), kr(2_000))
        );
        assert_eq!(rows[9].closing, Amount::ZERO);
    }

    #[test]
    fn july_activation_charges_six_twelfths_first_and_last() {
        let plan = schedule(kr(1_000_000), life(10), date(2025, 7, 15), &two_percent()).unwrap();
        let rows = plan.years();
        assert_eq!(rows.len(), 11);
        // 2025: 1 000 000 × 6/120 = 50 000; 1 000 000 × 2 % × 6/12 = 10 000.
        assert_eq!(
            (rows[0].months, rows[0].depreciation, rows[0].interest),
            (6, kr(50_000), kr(10_000))
        );
        // 2026: opening 950 000, full year: 100 000 + 19 000.
        assert_eq!(rows[1].capital_cost, kr(119_000));
        // 2035: the last six months: 50 000 + 50 000 × 2 % × 6/12 = 500.
        let last = rows[10];
        assert_eq!(last.year, FiscalYear::try_new(2035).unwrap());
        assert_eq!(
            (last.months, last.depreciation, last.interest),
            (6, kr(50_000), kr(500))
        );
    }

    #[test]
    fn month_after_activation_starts_in_august() {
        let opts = two_percent().with_start(DepreciationStart::MonthAfterActivation);
        let plan = schedule(kr(120_000), life(1), date(2025, 7, 1), &opts).unwrap();
        // 5 months in 2025 (10 000 a month), 7 in 2026.
        let deps: Vec<_> = plan
            .years()
            .iter()
            .map(|r| (r.months, r.depreciation))
            .collect();
        assert_eq!(deps, [(5, kr(50_000)), (7, kr(70_000))]);
    }

    #[test]
    fn december_activation_with_month_after_starts_next_january() {
        let opts = two_percent().with_start(DepreciationStart::MonthAfterActivation);
        let plan = schedule(kr(120_000), life(1), date(2025, 12, 10), &opts).unwrap();
        assert_eq!(plan.years().len(), 1);
        assert_eq!(plan.years()[0].year, FiscalYear::try_new(2026).unwrap());
    }

    #[test]
    fn rounding_remainder_goes_to_the_last_year() {
        let plan = schedule(kr(100_000), life(3), date(2025, 1, 1), &two_percent()).unwrap();
        let deps: Vec<_> = plan.years().iter().map(|r| r.depreciation).collect();
        assert_eq!(deps, [kr(33_333), kr(33_333), kr(33_334)]);
    }

    #[test]
    fn building_and_installations_depreciate_over_their_own_lives() {
        let parts = [
            Component::new("Byggnad", kr(4_000_000), life(40)).unwrap(),
            Component::new("Installationer", kr(1_000_000), life(20)).unwrap(),
        ];
        let plan = component_schedule(&parts, date(2025, 1, 1), &two_percent()).unwrap();
        let rows = plan.years();
        assert_eq!(rows.len(), 40);
        // Year 1: 100 000 + 50 000 depreciation; 5 000 000 × 2 % = 100 000 interest.
        assert_eq!(
            (rows[0].depreciation, rows[0].interest),
            (kr(150_000), kr(100_000))
        );
        // Year 2: 4 850 000 × 2 % = 97 000.
        assert_eq!(rows[1].capital_cost, kr(247_000));
        // Year 21: installations done; building opening 2 000 000.
        assert_eq!(
            (rows[20].opening, rows[20].depreciation, rows[20].interest),
            (kr(2_000_000), kr(100_000), kr(40_000))
        );
        assert_eq!(plan.total_depreciation().unwrap(), kr(5_000_000));
    }

    #[test]
    fn average_book_value_interest() {
        let opts = two_percent().with_interest_base(InterestBase::AverageBookValue);
        let plan = schedule(kr(1_000_000), life(10), date(2025, 1, 1), &opts).unwrap();
        // (1 000 000 + 900 000) / 2 × 2 % = 19 000.
        assert_eq!(plan.years()[0].interest, kr(19_000));
    }

    #[test]
    fn rate_per_year_changes_interest() {
        let y = |n| FiscalYear::try_new(n).unwrap();
        let rates = InterestRates::by_year([
            YearRate::new(y(2025), Decimal::new(2, 2)),
            YearRate::new(y(2026), Decimal::new(3, 2)),
        ])
        .unwrap();
        let opts = CapitalOptions::new(rates, Rounding::HalfAwayFromZero);
        let plan = schedule(kr(1_000_000), life(10), date(2025, 1, 1), &opts).unwrap();
        assert_eq!(plan.years()[1].interest, kr(27_000)); // 900 000 × 3 %
    }

    #[test]
    fn missing_rate_names_the_year() {
        let rates = InterestRates::by_year([YearRate::new(
            FiscalYear::try_new(2026).unwrap(),
            Decimal::new(2, 2),
        )])
        .unwrap();
        let opts = CapitalOptions::new(rates, Rounding::HalfAwayFromZero);
        let err = schedule(kr(1_000), life(2), date(2025, 1, 1), &opts).unwrap_err();
        assert_eq!(err, InvestError::MissingInterestRate { year: 2025 });
    }

    #[test]
    fn capital_schedule_needs_an_activation_date() {
        let request = InvestmentRequest::builder(crate::RequestId::try_new("4:1").unwrap(), "x")
            .useful_life(life(5))
            .build()
            .unwrap();
        assert_eq!(
            request.capital_schedule(&two_percent()).unwrap_err(),
            InvestError::MissingField {
                request: "4:1".into(),
                field: "activation date"
            }
        );
    }

    #[test]
    fn operating_cost_counts_from_the_drift_start_year() {
        use crate::{AmountStatus, DriftStart, YearAmount};
        let y = |n| FiscalYear::try_new(n).unwrap();
        let request = InvestmentRequest::builder(crate::RequestId::try_new("4:2").unwrap(), "x")
            .amount(y(2025), YearAmount::single(kr(120_000), AmountStatus::New))
            .activation(date(2025, 1, 1))
            .drift_start(DriftStart::year(y(2026)))
            .useful_life(life(1))
            .operating_cost_after_activation(kr(10_000))
            .build()
            .unwrap();
        let years = budget_consequence(&request, [y(2025), y(2026)], &two_percent()).unwrap();
        // 2025: 120 000 + 2 400 interest, no operating cost yet; 2026: operating cost only.
        assert_eq!(
            (years[0].capital_cost, years[0].operating_cost),
            (kr(122_400), Amount::ZERO)
        );
        assert_eq!(
            (years[1].capital_cost, years[1].total),
            (Amount::ZERO, kr(10_000))
        );
    }

    #[test]
    fn negative_investment_is_rejected() {
        assert!(matches!(
            schedule(kr(-1), life(2), date(2025, 1, 1), &two_percent()),
            Err(InvestError::NegativeInvestment { .. })
        ));
    }

    #[test]
    fn ore_rounding_keeps_ore() {
        let opts = two_percent().with_decimals(2);
        let plan = schedule(kr(100), life(3), date(2025, 1, 1), &opts).unwrap();
        let deps: Vec<_> = plan.years().iter().map(|r| r.depreciation).collect();
        assert_eq!(
            deps,
            [
                Amount::from_ore(3_333),
                Amount::from_ore(3_333),
                Amount::from_ore(3_334)
            ]
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn interest_rates_are_validated_when_deserialised() {
        let ok: InterestRates =
            serde_json::from_str(r#"[{"from": "2025", "rate": "0.02"}]"#).unwrap();
        assert_eq!(
            ok.rate_for(FiscalYear::try_new(2030).unwrap()).unwrap(),
            Decimal::new(2, 2)
        );
        assert!(
            serde_json::from_str::<InterestRates>(r#"[{"from": "2025", "rate": "-0.01"}]"#)
                .is_err()
        );
        let options = two_percent();
        let json = serde_json::to_string(&options).unwrap();
        assert_eq!(
            serde_json::from_str::<CapitalOptions>(&json).unwrap(),
            options
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schedule_has_a_schema() {
        let schema = schemars::schema_for!(CapitalSchedule);
        let text = serde_json::to_string(&schema).unwrap();
        assert!(text.contains("capital_cost"));
    }

    fn any_rounding() -> impl Strategy<Value = Rounding> {
        proptest::sample::select(Rounding::ALL.to_vec())
    }

    fn any_start() -> impl Strategy<Value = DepreciationStart> {
        prop_oneof![
            Just(DepreciationStart::ActivationMonth),
            Just(DepreciationStart::MonthAfterActivation),
            Just(DepreciationStart::FullFirstYear),
        ]
    }

    proptest! {
        #[test]
        fn total_depreciation_equals_the_investment(
            ore in 0_i64..10_000_000_000,
            years in 1_i64..=60,
            month in 1_u32..=12,
            rounding in any_rounding(),
            start in any_start(),
            decimals in 0_u32..=2,
        ) {
            let opts = options(Decimal::new(15, 3)).with_start(start).with_decimals(decimals);
            let opts = CapitalOptions { rounding, ..opts };
            let investment = Amount::from_ore(ore);
            let plan = schedule(investment, life(years), date(2025, month, 1), &opts).unwrap();
            prop_assert_eq!(plan.total_depreciation().unwrap(), investment);
        }

        #[test]
        fn book_value_is_never_negative(
            ore in 0_i64..1_000_000,
            years in 1_i64..=60,
            month in 1_u32..=12,
            rounding in any_rounding(),
        ) {
            let opts = CapitalOptions { rounding, ..two_percent() };
            let plan = schedule(Amount::from_ore(ore), life(years), date(2025, month, 1), &opts).unwrap();
            for row in plan.years() {
                prop_assert!(!row.opening.is_negative() && !row.closing.is_negative());
                prop_assert!(!row.depreciation.is_negative());
                prop_assert_eq!(row.opening.checked_sub(row.depreciation).unwrap(), row.closing);
            }
        }

        #[test]
        fn interest_does_not_rise_as_book_value_falls(
            kronor in 0_i64..100_000_000,
            years in 1_i64..=60,
            rate_bp in 0_i64..=1_000,
            base in prop_oneof![Just(InterestBase::OpeningBookValue), Just(InterestBase::AverageBookValue)],
        ) {
            // Full years only (activation in January), so every year is charged 12 months.
            let opts = options(Decimal::new(rate_bp, 4)).with_interest_base(base);
            let plan = schedule(kr(kronor), life(years), date(2025, 1, 1), &opts).unwrap();
            for pair in plan.years().windows(2) {
                prop_assert!(pair[1].interest <= pair[0].interest);
                prop_assert!(pair[1].opening <= pair[0].opening);
            }
        }

        #[test]
        fn component_schedule_depreciates_exactly_the_investment_and_never_below_zero(
            parts in proptest::collection::vec((0_i64..1_000_000_000, 1_i64..=60), 1..5),
            month in 1_u32..=12,
            rounding in any_rounding(),
            start in any_start(),
        ) {
            let components: Vec<Component> = parts
                .iter()
                .enumerate()
                .map(|(i, &(ore, years))| Component::new(format!("del {i}"), Amount::from_ore(ore), life(years)).unwrap())
                .collect();
            let investment = parts.iter().try_fold(Amount::ZERO, |s, &(ore, _)| s.checked_add(Amount::from_ore(ore))).unwrap();
            let opts = CapitalOptions { rounding, ..two_percent().with_start(start) };
            let plan = component_schedule(&components, date(2025, month, 1), &opts).unwrap();
            prop_assert_eq!(plan.total_depreciation().unwrap(), investment);
            let longest = parts.iter().map(|&(_, y)| y).max().unwrap();
            prop_assert!(plan.years().len() <= usize::try_from(longest).unwrap() + 1);
            for row in plan.years() {
                prop_assert!(!row.closing.is_negative() && !row.depreciation.is_negative());
                prop_assert_eq!(row.opening.checked_sub(row.depreciation).unwrap(), row.closing);
                prop_assert_eq!(row.depreciation.checked_add(row.interest).unwrap(), row.capital_cost);
            }
            prop_assert!(plan.years().last().unwrap().closing.is_zero());
        }

        #[test]
        fn mid_year_activation_charges_interest_for_the_months_then_less_each_full_year(
            kronor in 1_000_i64..100_000_000,
            years in 2_i64..=40,
            month in 2_u32..=12,
            rate_bp in 1_i64..=1_000,
        ) {
            let rate = Decimal::new(rate_bp, 4);
            let opts = options(rate);
            let investment = kr(kronor);
            let plan = schedule(investment, life(years), date(2025, month, 1), &opts).unwrap();
            let first = plan.years()[0];
            let months = 13 - month;
            prop_assert_eq!(first.months, months);
            // Opening book value × rate × months ÷ 12, rounded once.
            let expected = Rounding::HalfAwayFromZero
                .round(Decimal::from(kronor) * rate * Decimal::from(months) / Decimal::from(12), 0)
                .unwrap();
            prop_assert_eq!(first.interest, Amount::from_kr(expected));
            // A part year at each end: life + 1 rows.
            prop_assert_eq!(plan.years().len(), usize::try_from(years).unwrap() + 1);
            // Full years in between: the interest never rises.
            let full = &plan.years()[1..plan.years().len() - 1];
            for pair in full.windows(2) {
                prop_assert!(pair[1].interest <= pair[0].interest);
            }
        }
    }

    #[test]
    fn operating_cost_is_prorated_in_the_activation_year_only_when_asked() {
        let y = |n| FiscalYear::try_new(n).unwrap();
        let request = InvestmentRequest::builder(crate::RequestId::try_new("1:1").unwrap(), "x")
            .amount(
                y(2025),
                crate::YearAmount::single(kr(120_000), crate::AmountStatus::New),
            )
            .activation(date(2025, 8, 15))
            .useful_life(life(10))
            .operating_cost_after_activation(kr(12_001))
            .build()
            .unwrap();
        let costs = |opts: &CapitalOptions| -> Vec<Amount> {
            budget_consequence(&request, [y(2024), y(2025), y(2026)], opts)
                .unwrap()
                .iter()
                .map(|c| c.operating_cost)
                .collect()
        };
        assert_eq!(costs(&two_percent()), [kr(0), kr(12_001), kr(12_001)]);
        // August: 5 months (August–December); 12 001 × 5 ÷ 12 = 5 000,4167 → 5 000.
        let prorated = two_percent().with_prorated_operating_cost(true);
        assert_eq!(costs(&prorated), [kr(0), kr(5_000), kr(12_001)]);
        // The month after activation: 4 months; 12 001 × 4 ÷ 12 = 4 000,33 → 4 000.
        let after = prorated.with_start(DepreciationStart::MonthAfterActivation);
        assert_eq!(costs(&after), [kr(0), kr(4_000), kr(12_001)]);
    }
}
