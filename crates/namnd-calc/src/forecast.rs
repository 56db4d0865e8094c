//! Full-year forecasts (*helårsprognos*) from the outcome to date.
//!
//! A committee's controller (*ekonom*) and unit managers (*enhetschefer*)
//! forecast every month what the year will end at. This module offers the
//! methods software can compute, the manager's own figure, and a record of how
//! each forecast came about.
//!
//! | Method | Formula (month *m*, outcome to date U, annual budget B) | B = 12 000, m = 3, U = 3 300 |
//! |---|---|---|
//! | [`Method::RunRate`] | F = U × 12 / m | 13 200 |
//! | [`Method::RemainingBudget`] | F = U + the periodised budget of months m+1..=12 | 12 300 (even twelfths) |
//! | [`Method::PriorYearProfile`] | F = U / sₘ, sₘ = share of last year's outcome booked by month m | 13 750 (sₘ = 0,24) |
//! | [`Method::Manual`] | the manager's figure, with a mandatory comment (*Prognos – Orsak – Åtgärd*) | — |
//!
//! Known one-off items (*engångsposter*, e.g. a booking expected in
//! December) are itemised [`OneOffAdjustment`]s added on top of any method;
//! one whose month has already passed is in the outcome and is recorded as
//! [`AdjustmentStatus::AlreadyInOutcome`] instead of being added again.
//!
//! **Signs.** Every amount is canonical (namnd's *result view*): income
//! positive, costs negative. A cost line's forecast is therefore negative,
//! and a higher forecast is always the better one.
//!
//! **Precision.** Forecasts are never rounded implicitly. Products are exact;
//! every division (by m, by a profile's total weight, by a share) keeps the 28
//! significant digits a `rust_decimal::Decimal` holds and rounds the last one
//! half to even. Multiplication is done before division wherever possible, so
//! U × 12 / 12 and B × 9 / 12 are exact. Round for presentation with
//! [`Forecast::rounded`], which records the unit, decimals and mode used.
//!
//! **December.** At m = 12 the year is closed: every method returns exactly
//! the outcome, and a manual figure is kept in the record as a note only.
//!
//! # Example
//! ```
//! use namnd_calc::forecast::{Forecast, ForecastInput, Method, Periodisation};
//! use namnd_core::{Amount, YearMonth};
//!
//! // Domain brief §3: B = 12 000 tkr, m = 3, U = 3 300 tkr.
//! let march = YearMonth::try_new(2025, 3)?;
//! let outcome = [1_000, 1_100, 1_200].map(Amount::from_tkr).into_iter().collect::<Result<Vec<_>, _>>()?;
//! let input = ForecastInput::new(march, outcome, Amount::from_tkr(12_000)?)?;
//!
//! let run_rate = Forecast::compute(&input, &Method::RunRate)?;
//! assert_eq!(run_rate.value(), Amount::from_tkr(13_200)?);
//!
//! let remaining = Method::RemainingBudget { periodisation: Periodisation::Even };
//! assert_eq!(Forecast::compute(&input, &remaining)?.value(), Amount::from_tkr(12_300)?);
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

use core::fmt;

use namnd_core::{Amount, Rounding, SignConvention, Unit, Variance, YearMonth};
use rust_decimal::Decimal;

use crate::arith::{checked_div, checked_sum};
use crate::variance::ForecastChange;
use crate::{CalcError, Result};

/// Months in a fiscal year.
const MONTHS: u32 = 12;
/// [`MONTHS`] as a `Decimal`.
const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// What the method name is in [`CalcError::MissingHistory`] for the prior-year profile.
const PRIOR_YEAR_PROFILE: &str = "prior-year-profile";
/// What the method name is in [`CalcError::MissingHistory`] for the prior-year periodisation.
const REMAINING_BY_PRIOR_YEAR: &str = "remaining-budget with prior-year-outcome periodisation";

// ------------------------------------------------------------------ helpers

/// `value × numerator ÷ denominator`, multiplying first so that exact ratios
/// stay exact; if the product would overflow, divides first instead.
fn mul_div(
    value: Amount,
    numerator: Decimal,
    denominator: Decimal,
    what: &'static str,
) -> Result<Amount> {
    if denominator.is_zero() {
        return Err(CalcError::DivisionByZero { what });
    }
    match value.checked_mul(numerator) {
        Ok(product) => Ok(product.checked_div(denominator)?),
        Err(_) => {
            let ratio = checked_ratio(numerator, denominator, what)?;
            Ok(value.checked_mul(ratio)?)
        }
    }
}

/// `numerator ÷ denominator` (28 significant digits).
fn checked_ratio(numerator: Decimal, denominator: Decimal, what: &'static str) -> Result<Decimal> {
    if denominator.is_zero() {
        return Err(CalcError::DivisionByZero { what });
    }
    checked_div(numerator, denominator)
}

/// Whether a string has any non-whitespace character.
fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

// ------------------------------------------------------------ MonthlyProfile

/// How a budget is spread over the twelve months (*periodisering*): twelve
/// non-negative weights with a positive sum, normalised on use.
///
/// Budgets are rarely even. Flen's budget for January–November 2023 was
/// 91,85 % of the annual budget, not 11/12 = 91,67 %: holiday-pay months and
/// seasonal services shift the weight. Weights are kept as given and shares
/// are computed as `weights ÷ total` when needed, so a profile of whole
/// numbers stays exact as long as possible.
///
/// With the `serde` feature a profile is an array of twelve decimal strings,
/// validated when read.
///
/// # Example
/// ```
/// use namnd_calc::forecast::MonthlyProfile;
/// use namnd_core::Decimal;
///
/// // Flen: January–November 91,85 % of the year (8,35 % a month), December 8,15 %.
/// let mut weights = [Decimal::new(835, 2); 12];
/// weights[11] = Decimal::new(815, 2);
/// let profile = MonthlyProfile::try_new(weights)?;
/// assert_eq!(profile.share_through(11)?, Decimal::new(9185, 4));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<String>", into = "Vec<String>")
)]
pub struct MonthlyProfile {
    /// The weights of January..=December, as given (boxed to keep
    /// [`Periodisation`] small).
    weights: Box<[Decimal; 12]>,
    /// Their sum, positive.
    total: Decimal,
}

impl MonthlyProfile {
    /// A profile from twelve weights, January first.
    ///
    /// # Errors
    /// [`CalcError::LengthMismatch`] unless there are exactly twelve weights;
    /// [`CalcError::InvalidProfile`] for a negative weight, a zero sum or a sum
    /// beyond the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::MonthlyProfile};
    /// use namnd_core::Decimal;
    ///
    /// assert_eq!(MonthlyProfile::try_new([Decimal::ONE; 12])?, MonthlyProfile::even());
    /// assert!(matches!(MonthlyProfile::try_new([Decimal::ZERO; 12]), Err(CalcError::InvalidProfile { .. })));
    /// assert!(matches!(MonthlyProfile::try_new([Decimal::ONE; 11]), Err(CalcError::LengthMismatch { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn try_new(weights: impl IntoIterator<Item = Decimal>) -> Result<MonthlyProfile> {
        let weights: Vec<Decimal> = weights.into_iter().collect();
        let found = weights.len();
        let weights: [Decimal; 12] =
            weights
                .try_into()
                .map_err(|_: Vec<Decimal>| CalcError::LengthMismatch {
                    what: "monthly profile",
                    expected: 12,
                    found,
                })?;
        for (month, weight) in (1..).zip(weights.iter()) {
            if weight.is_sign_negative() && !weight.is_zero() {
                return Err(CalcError::InvalidProfile {
                    reason: format!(
                        "the weight of month {month} is {weight}; weights must not be negative"
                    ),
                });
            }
        }
        let total = checked_sum(weights.iter()).map_err(|_| CalcError::InvalidProfile {
            reason: "the weights add up to more than the decimal range holds".to_owned(),
        })?;
        if total.is_zero() {
            return Err(CalcError::InvalidProfile {
                reason: "the weights add up to zero; at least one month must have weight"
                    .to_owned(),
            });
        }
        Ok(MonthlyProfile {
            weights: Box::new(weights),
            total,
        })
    }

    /// Twelve equal weights: the even profile (twelfths).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::MonthlyProfile;
    /// use namnd_core::Decimal;
    /// assert_eq!(MonthlyProfile::even().share_through(6)?, Decimal::new(5, 1));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn even() -> MonthlyProfile {
        MonthlyProfile {
            weights: Box::new([Decimal::ONE; 12]),
            total: TWELVE,
        }
    }

    /// A profile from twelve monthly amounts, e.g. a budget periodised in the
    /// ledger or last year's outcome of a line.
    ///
    /// Canonical cost lines are negative; if the amounts sum to a negative
    /// total they are negated first, so a cost line gives the same profile as
    /// the same figures printed as positive costs.
    ///
    /// # Errors
    /// As [`MonthlyProfile::try_new`]; a month whose sign differs from the
    /// year's total gives [`CalcError::InvalidProfile`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::MonthlyProfile};
    /// use namnd_core::{Amount, Decimal};
    ///
    /// // A cost line, canonical (negative): 1 500 kr a month in spring, 500 in autumn.
    /// let costs = [-1_500, -1_500, -1_500, -1_500, -1_500, -1_500, -500, -500, -500, -500, -500, -500].map(Amount::from_kr);
    /// let profile = MonthlyProfile::from_monthly_amounts(costs)?;
    /// assert_eq!(profile.share_through(6)?, Decimal::new(75, 2)); // 9 000 of 12 000
    ///
    /// // A December reversal of the opposite sign: the sign-mix check names the month.
    /// let mut mixed = [-1_000; 12].map(Amount::from_kr);
    /// mixed[11] = Amount::from_kr(200);
    /// assert!(matches!(
    ///     MonthlyProfile::from_monthly_amounts(mixed),
    ///     Err(CalcError::InvalidProfile { reason }) if reason.contains("month 12")
    /// ));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn from_monthly_amounts(
        amounts: impl IntoIterator<Item = Amount>,
    ) -> Result<MonthlyProfile> {
        let amounts: Vec<Amount> = amounts.into_iter().collect();
        let total = Amount::try_sum(amounts.iter().copied())?;
        let orient = |a: &Amount| {
            if total.is_negative() {
                a.negated().as_kr()
            } else {
                a.as_kr()
            }
        };
        MonthlyProfile::try_new(amounts.iter().map(orient))
    }

    /// The weights as given, January first.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::MonthlyProfile;
    /// use namnd_core::Decimal;
    /// assert_eq!(MonthlyProfile::even().weights(), [Decimal::ONE; 12]);
    /// ```
    pub fn weights(&self) -> [Decimal; 12] {
        *self.weights
    }

    /// The sum of the weights (positive).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::MonthlyProfile;
    /// use namnd_core::Decimal;
    /// assert_eq!(MonthlyProfile::even().total(), Decimal::from(12));
    /// ```
    pub fn total(&self) -> Decimal {
        self.total
    }

    /// The normalised weights (each weight ÷ total, 28 significant digits),
    /// January first.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::MonthlyProfile;
    /// use namnd_core::Decimal;
    /// // Nothing is booked in November and December.
    /// let mut weights = [Decimal::from(3); 12];
    /// weights[10] = Decimal::ZERO;
    /// weights[11] = Decimal::ZERO;
    /// let shares = MonthlyProfile::try_new(weights)?.shares();
    /// assert_eq!(shares[0], Decimal::new(1, 1));
    /// assert_eq!(shares[11], Decimal::ZERO);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn shares(&self) -> [Decimal; 12] {
        // The total is positive and at least each weight, so no quotient overflows.
        self.weights
            .map(|w| w.checked_div(self.total).unwrap_or(Decimal::ZERO))
    }

    /// The weight of months `first..=last` (1-based), summed.
    fn weight_of(&self, first: u32, last: u32) -> Result<Decimal> {
        checked_sum(
            (1..)
                .zip(self.weights.iter())
                .filter(|(month, _)| (first..=last).contains(month))
                .map(|(_, w)| w),
        )
    }

    /// The share of the year budgeted in months 1..=`month`.
    ///
    /// # Errors
    /// [`CalcError::OutOfRange`] if `month` is outside 0..=12.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::MonthlyProfile;
    /// use namnd_core::Decimal;
    /// assert_eq!(MonthlyProfile::even().share_through(3)?, Decimal::new(25, 2));
    /// assert_eq!(MonthlyProfile::even().share_through(12)?, Decimal::ONE);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn share_through(&self, month: u32) -> Result<Decimal> {
        if month > MONTHS {
            return Err(CalcError::OutOfRange {
                what: "month",
                value: month.to_string(),
                expected: "expected 0 to 12",
            });
        }
        checked_ratio(self.weight_of(1, month)?, self.total, "monthly profile")
    }
}

impl Default for MonthlyProfile {
    /// The even profile.
    fn default() -> Self {
        MonthlyProfile::even()
    }
}

impl TryFrom<Vec<String>> for MonthlyProfile {
    type Error = CalcError;

    /// Reads twelve decimal strings (`"8.35"`).
    fn try_from(weights: Vec<String>) -> Result<Self> {
        let weights = weights
            .iter()
            .map(|w| {
                Decimal::from_str_exact(w).map_err(|_| CalcError::InvalidProfile {
                    reason: format!("weight \"{w}\" is not a decimal number"),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        MonthlyProfile::try_new(weights)
    }
}

impl From<MonthlyProfile> for Vec<String> {
    fn from(profile: MonthlyProfile) -> Self {
        profile.weights.iter().map(Decimal::to_string).collect()
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for MonthlyProfile {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MonthlyProfile".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": { "type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$" },
            "minItems": 12,
            "maxItems": 12,
            "description": "Twelve non-negative monthly weights, January first, as decimal strings; their sum must be positive."
        })
    }
}

// ------------------------------------------------------------- Periodisation

/// How [`Method::RemainingBudget`] spreads the annual budget over the months
/// (*periodisering*).
///
/// # Example
/// ```
/// use namnd_calc::forecast::{MonthlyProfile, Periodisation};
/// let p = Periodisation::Profile(MonthlyProfile::even());
/// assert_eq!(p.name(), "profile");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Periodisation {
    /// Twelve equal parts (*tolftedelar*).
    Even,
    /// An explicit monthly profile, e.g. the budget's own periodisation.
    Profile(MonthlyProfile),
    /// The previous year's monthly outcome of the line as weights (needs
    /// history). Months of either sign are allowed (a December reversal is a
    /// real pattern); only the year's total must not be zero.
    PriorYearOutcome,
}

impl Periodisation {
    /// A short name: `even`, `profile` or `prior-year-outcome`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::Periodisation;
    /// assert_eq!(Periodisation::PriorYearOutcome.name(), "prior-year-outcome");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Periodisation::Even => "even",
            Periodisation::Profile(_) => "profile",
            Periodisation::PriorYearOutcome => "prior-year-outcome",
        }
    }

    /// The remaining share of the year after month `m` as (numerator, denominator).
    fn remaining(&self, m: u32, history: Option<&[Amount; 12]>) -> Result<(Decimal, Decimal)> {
        match self {
            Periodisation::Even => Ok((Decimal::from(MONTHS.saturating_sub(m)), TWELVE)),
            Periodisation::Profile(profile) => Ok((
                profile.weight_of(m.saturating_add(1), MONTHS)?,
                profile.total,
            )),
            Periodisation::PriorYearOutcome => {
                let history = history.ok_or(CalcError::MissingHistory {
                    method: REMAINING_BY_PRIOR_YEAR,
                })?;
                let total = Amount::try_sum(history.iter().copied())?;
                let rest = Amount::try_sum(
                    (1..)
                        .zip(history.iter())
                        .filter(|(month, _)| *month > m)
                        .map(|(_, a)| *a),
                )?;
                if total.is_zero() {
                    return Err(CalcError::DivisionByZero {
                        what: "previous year's total outcome as a periodisation profile",
                    });
                }
                Ok((rest.as_kr(), total.as_kr()))
            }
        }
    }
}

// ------------------------------------------------------------ ManualForecast

/// A manager's own forecast with the mandatory comment, and optionally the
/// cause and action of the *Prognos – Orsak – Åtgärd* (forecast – cause –
/// action) narrative.
///
/// The amount is canonical (income positive, costs negative) and is taken as
/// the manager's figure *before* the itemised [`OneOffAdjustment`]s of the
/// [`ForecastInput`]: leave out adjustments the figure already includes.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, forecast::ManualForecast};
/// use namnd_core::Amount;
///
/// let manual = ManualForecast::new(Amount::from_tkr(-24_000)?, "Två nya externa placeringar")?
///     .with_cause("Ökat behov inom BUV")
///     .with_action("Hemmaplanslösningar prövas först");
/// assert_eq!(manual.cause(), Some("Ökat behov inom BUV"));
///
/// let blank = ManualForecast::new(Amount::from_tkr(-24_000)?, "  ");
/// assert!(matches!(blank, Err(CalcError::ManualForecastWithoutComment { .. })));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ManualForecastFields"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ManualForecast {
    amount: Amount,
    comment: String,
    cause: Option<String>,
    action: Option<String>,
}

/// The fields of a [`ManualForecast`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ManualForecastFields {
    amount: Amount,
    comment: String,
    #[serde(default)]
    cause: Option<String>,
    #[serde(default)]
    action: Option<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<ManualForecastFields> for ManualForecast {
    type Error = CalcError;

    fn try_from(fields: ManualForecastFields) -> Result<Self> {
        let mut manual = ManualForecast::new(fields.amount, fields.comment)?;
        manual.cause = fields.cause.filter(|c| !is_blank(c));
        manual.action = fields.action.filter(|a| !is_blank(a));
        Ok(manual)
    }
}

impl ManualForecast {
    /// A manual forecast of `amount` (canonical) with its comment.
    ///
    /// # Errors
    /// [`CalcError::ManualForecastWithoutComment`] if the comment is empty or
    /// only whitespace.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// let m = ManualForecast::new(Amount::from_tkr(3_000)?, "Statsbidrag beviljat")?;
    /// assert_eq!(m.comment(), "Statsbidrag beviljat");
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(amount: Amount, comment: impl Into<String>) -> Result<ManualForecast> {
        let comment = comment.into();
        if is_blank(&comment) {
            return Err(CalcError::ManualForecastWithoutComment { amount });
        }
        Ok(ManualForecast {
            amount,
            comment,
            cause: None,
            action: None,
        })
    }

    /// Adds the cause (*orsak*). A blank text is ignored.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// let m = ManualForecast::new(Amount::ZERO, "I balans")?.with_cause(" ");
    /// assert_eq!(m.cause(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn with_cause(mut self, cause: impl Into<String>) -> ManualForecast {
        let cause = cause.into();
        self.cause = (!is_blank(&cause)).then_some(cause);
        self
    }

    /// Adds the action (*åtgärd*). A blank text is ignored.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// let m = ManualForecast::new(Amount::ZERO, "I balans")?.with_action("Vakanser tillsätts inte");
    /// assert_eq!(m.action(), Some("Vakanser tillsätts inte"));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn with_action(mut self, action: impl Into<String>) -> ManualForecast {
        let action = action.into();
        self.action = (!is_blank(&action)).then_some(action);
        self
    }

    /// The manager's figure (canonical).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// assert_eq!(ManualForecast::new(Amount::from_kr(5), "x")?.amount(), Amount::from_kr(5));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// The mandatory comment.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// assert_eq!(ManualForecast::new(Amount::ZERO, "Oförändrad")?.comment(), "Oförändrad");
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn comment(&self) -> &str {
        &self.comment
    }

    /// The cause (*orsak*), if given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// assert_eq!(ManualForecast::new(Amount::ZERO, "x")?.cause(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn cause(&self) -> Option<&str> {
        self.cause.as_deref()
    }

    /// The action (*åtgärd*), if given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ManualForecast;
    /// use namnd_core::Amount;
    /// assert_eq!(ManualForecast::new(Amount::ZERO, "x")?.action(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }
}

// -------------------------------------------------------------------- Method

/// A forecast method.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{Method, Periodisation};
/// let m = Method::RemainingBudget { periodisation: Periodisation::Even };
/// assert_eq!(m.name(), "remaining-budget");
/// assert!(!m.needs_history());
/// assert!(Method::PriorYearProfile.needs_history());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Method {
    /// Run rate: F = U × 12 / m (multiplied before dividing, so m = 12 is exact).
    RunRate,
    /// Outcome to date plus the periodised budget of the remaining months:
    /// F = U + B × (share of months m+1..=12).
    RemainingBudget {
        /// How the annual budget is spread over the months.
        periodisation: Periodisation,
    },
    /// Previous year's seasonal profile: F = U / sₘ, where sₘ is the share of
    /// the previous year's outcome booked by month m (needs history).
    PriorYearProfile,
    /// A manager's figure with its comment, for [`Forecast::compute`]. A
    /// [`LineForecast`] takes the manager's figure as its own `manual`
    /// argument instead (where it takes precedence over the computed
    /// forecasts) and rejects this variant among its methods.
    Manual(ManualForecast),
}

impl Method {
    /// A short name: `run-rate`, `remaining-budget`, `prior-year-profile` or `manual`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::Method;
    /// assert_eq!(Method::RunRate.name(), "run-rate");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Method::RunRate => "run-rate",
            Method::RemainingBudget { .. } => "remaining-budget",
            Method::PriorYearProfile => PRIOR_YEAR_PROFILE,
            Method::Manual(_) => "manual",
        }
    }

    /// Whether the method needs the previous year's monthly outcome
    /// ([`ForecastInput::with_history`]) before December.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Method, Periodisation};
    /// let m = Method::RemainingBudget { periodisation: Periodisation::PriorYearOutcome };
    /// assert!(m.needs_history());
    /// assert!(!Method::RunRate.needs_history());
    /// ```
    pub fn needs_history(&self) -> bool {
        matches!(
            self,
            Method::PriorYearProfile
                | Method::RemainingBudget {
                    periodisation: Periodisation::PriorYearOutcome
                }
        )
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Method::RemainingBudget { periodisation } => {
                write!(f, "{} ({})", self.name(), periodisation.name())
            }
            _ => f.write_str(self.name()),
        }
    }
}

// --------------------------------------------------------- OneOffAdjustment

/// A known one-off item (*engångspost*) expected later in the year, e.g. a
/// retroactive pay rise (*retroaktiv lön*) booked in December or a lump-sum
/// grant, added on top of any method.
///
/// The amount is canonical: a one-off grant is positive, a one-off cost negative.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, forecast::OneOffAdjustment};
/// use namnd_core::{Amount, YearMonth};
///
/// let december = YearMonth::try_new(2025, 12)?;
/// let pay = OneOffAdjustment::new("Retroaktiv lön", december, Amount::from_tkr(-1_200)?)?;
/// assert_eq!(pay.month(), december);
/// assert_eq!(
///     OneOffAdjustment::new("", december, Amount::from_tkr(-1)?),
///     Err(CalcError::AdjustmentWithoutDescription { amount: Amount::from_tkr(-1)? })
/// );
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "OneOffAdjustmentFields"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct OneOffAdjustment {
    description: String,
    month: YearMonth,
    amount: Amount,
}

/// The fields of a [`OneOffAdjustment`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct OneOffAdjustmentFields {
    description: String,
    month: YearMonth,
    amount: Amount,
}

#[cfg(feature = "serde")]
impl TryFrom<OneOffAdjustmentFields> for OneOffAdjustment {
    type Error = CalcError;

    fn try_from(fields: OneOffAdjustmentFields) -> Result<Self> {
        OneOffAdjustment::new(fields.description, fields.month, fields.amount)
    }
}

impl OneOffAdjustment {
    /// A one-off item of `amount` (canonical) expected in `month`.
    ///
    /// # Errors
    /// [`CalcError::AdjustmentWithoutDescription`] if the description is blank.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::OneOffAdjustment;
    /// use namnd_core::{Amount, YearMonth};
    /// let grant = OneOffAdjustment::new("Statsbidrag", YearMonth::try_new(2025, 10)?, Amount::from_tkr(500)?)?;
    /// assert_eq!(grant.amount(), Amount::from_tkr(500)?);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(
        description: impl Into<String>,
        month: YearMonth,
        amount: Amount,
    ) -> Result<OneOffAdjustment> {
        let description = description.into();
        if is_blank(&description) {
            return Err(CalcError::AdjustmentWithoutDescription { amount });
        }
        Ok(OneOffAdjustment {
            description,
            month,
            amount,
        })
    }

    /// What the item is.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::OneOffAdjustment;
    /// use namnd_core::{Amount, YearMonth};
    /// let a = OneOffAdjustment::new("Sålda inventarier", YearMonth::try_new(2025, 6)?, Amount::from_kr(1))?;
    /// assert_eq!(a.description(), "Sålda inventarier");
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The month the item is expected to be booked.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::OneOffAdjustment;
    /// use namnd_core::{Amount, YearMonth};
    /// let june = YearMonth::try_new(2025, 6)?;
    /// assert_eq!(OneOffAdjustment::new("x", june, Amount::ZERO)?.month(), june);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn month(&self) -> YearMonth {
        self.month
    }

    /// The amount (canonical).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::OneOffAdjustment;
    /// use namnd_core::{Amount, YearMonth};
    /// let a = OneOffAdjustment::new("x", YearMonth::try_new(2025, 6)?, Amount::from_kr(-7))?;
    /// assert_eq!(a.amount(), Amount::from_kr(-7));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn amount(&self) -> Amount {
        self.amount
    }
}

/// Whether a [`OneOffAdjustment`] was added to a forecast.
///
/// # Example
/// ```
/// use namnd_calc::forecast::AdjustmentStatus;
/// assert!(AdjustmentStatus::Applied.is_applied());
/// assert!(!AdjustmentStatus::AlreadyInOutcome.is_applied());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum AdjustmentStatus {
    /// Its month lies after the as-of month: added to the forecast.
    Applied,
    /// Its month is the as-of month or earlier: it has happened and is in the
    /// outcome to date, so adding it again would count it twice. Not applied.
    AlreadyInOutcome,
}

impl AdjustmentStatus {
    /// Whether the adjustment was added.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::AdjustmentStatus;
    /// assert!(AdjustmentStatus::Applied.is_applied());
    /// ```
    pub fn is_applied(self) -> bool {
        matches!(self, AdjustmentStatus::Applied)
    }
}

/// A one-off adjustment as a forecast used it.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{AdjustmentStatus, Forecast, ForecastInput, Method, OneOffAdjustment};
/// use namnd_core::{Amount, YearMonth};
///
/// let march = YearMonth::try_new(2025, 3)?;
/// let early = OneOffAdjustment::new("Återbetalning", YearMonth::try_new(2025, 2)?, Amount::from_tkr(100)?)?;
/// let input = ForecastInput::new(march, [Amount::ZERO; 3], Amount::ZERO)?.with_adjustment(early)?;
/// let f = Forecast::compute(&input, &Method::RunRate)?;
/// let record = &f.adjustments()[0];
/// assert_eq!(record.status(), AdjustmentStatus::AlreadyInOutcome);
/// assert_eq!(f.value(), Amount::ZERO);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AdjustmentRecord {
    adjustment: OneOffAdjustment,
    status: AdjustmentStatus,
}

impl AdjustmentRecord {
    /// The adjustment.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method, OneOffAdjustment};
    /// use namnd_core::{Amount, YearMonth};
    /// let adj = OneOffAdjustment::new("Bidrag", YearMonth::try_new(2025, 12)?, Amount::from_kr(9))?;
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?.with_adjustment(adj.clone())?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.adjustments()[0].adjustment(), &adj);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn adjustment(&self) -> &OneOffAdjustment {
        &self.adjustment
    }

    /// Whether it was applied, and if not, why.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{AdjustmentStatus, Forecast, ForecastInput, Method, OneOffAdjustment};
    /// use namnd_core::{Amount, YearMonth};
    /// let adj = OneOffAdjustment::new("Bidrag", YearMonth::try_new(2025, 12)?, Amount::from_kr(9))?;
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?.with_adjustment(adj)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.adjustments()[0].status(), AdjustmentStatus::Applied);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn status(&self) -> AdjustmentStatus {
        self.status
    }
}

// ------------------------------------------------------------ ForecastInput

/// Everything a forecast is computed from: the as-of month, the outcome of
/// each month to date, the annual budget, and optionally the previous year's
/// monthly outcome (history) and known one-off adjustments.
///
/// All amounts are canonical (income positive, costs negative).
///
/// With the `serde` feature the input is validated when read, exactly as the
/// constructors validate it.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, forecast::ForecastInput};
/// use namnd_core::{Amount, YearMonth};
///
/// let april = YearMonth::try_new(2025, 4)?;
/// let input = ForecastInput::new(april, [Amount::from_kr(-10); 4], Amount::from_kr(-120))?;
/// assert_eq!(input.outcome_to_date(), Amount::from_kr(-40));
///
/// // April needs four months of outcome, not three.
/// let err = ForecastInput::new(april, [Amount::from_kr(-10); 3], Amount::from_kr(-120));
/// assert_eq!(err, Err(CalcError::LengthMismatch { what: "monthly outcome to date", expected: 4, found: 3 }));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ForecastInputFields"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ForecastInput {
    as_of: YearMonth,
    monthly_outcome: Vec<Amount>,
    outcome_to_date: Amount,
    budget: Amount,
    history: Option<[Amount; 12]>,
    adjustments: Vec<OneOffAdjustment>,
}

/// The fields of a [`ForecastInput`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ForecastInputFields {
    as_of: YearMonth,
    monthly_outcome: Vec<Amount>,
    budget: Amount,
    #[serde(default)]
    history: Option<Vec<Amount>>,
    #[serde(default)]
    adjustments: Vec<OneOffAdjustment>,
}

#[cfg(feature = "serde")]
impl TryFrom<ForecastInputFields> for ForecastInput {
    type Error = CalcError;

    fn try_from(fields: ForecastInputFields) -> Result<Self> {
        let mut input = ForecastInput::new(fields.as_of, fields.monthly_outcome, fields.budget)?;
        if let Some(history) = fields.history {
            input = input.with_history(history)?;
        }
        input.with_adjustments(fields.adjustments)
    }
}

impl ForecastInput {
    /// An input as of `as_of` (month m), with the outcome of months 1..=m
    /// (January first) and the annual budget.
    ///
    /// # Errors
    /// [`CalcError::LengthMismatch`] unless there are exactly m monthly
    /// outcomes; [`CalcError::Core`] if their sum overflows.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 2)?, [Amount::from_kr(1), Amount::from_kr(2)], Amount::from_kr(12))?;
    /// assert_eq!(input.months_elapsed(), 2);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(
        as_of: YearMonth,
        monthly_outcome: impl IntoIterator<Item = Amount>,
        budget: Amount,
    ) -> Result<ForecastInput> {
        let monthly_outcome: Vec<Amount> = monthly_outcome.into_iter().collect();
        let expected = usize::try_from(as_of.months_elapsed()).unwrap_or(usize::MAX);
        if monthly_outcome.len() != expected {
            return Err(CalcError::LengthMismatch {
                what: "monthly outcome to date",
                expected,
                found: monthly_outcome.len(),
            });
        }
        let outcome_to_date = Amount::try_sum(monthly_outcome.iter().copied())?;
        Ok(ForecastInput {
            as_of,
            monthly_outcome,
            outcome_to_date,
            budget,
            history: None,
            adjustments: Vec::new(),
        })
    }

    /// Adds the previous year's twelve monthly outcomes (January first), needed
    /// by [`Method::PriorYearProfile`] and [`Periodisation::PriorYearOutcome`].
    ///
    /// # Errors
    /// [`CalcError::LengthMismatch`] unless there are exactly twelve values.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::ForecastInput};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?
    ///     .with_history([Amount::from_kr(1); 12])?;
    /// assert_eq!(input.history(), Some(&[Amount::from_kr(1); 12]));
    /// assert!(matches!(
    ///     input.clone().with_history([Amount::ZERO; 11]),
    ///     Err(CalcError::LengthMismatch { expected: 12, found: 11, .. })
    /// ));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn with_history(
        mut self,
        previous_year: impl IntoIterator<Item = Amount>,
    ) -> Result<ForecastInput> {
        let values: Vec<Amount> = previous_year.into_iter().collect();
        let found = values.len();
        let history: [Amount; 12] =
            values
                .try_into()
                .map_err(|_: Vec<Amount>| CalcError::LengthMismatch {
                    what: "previous year's monthly outcome",
                    expected: 12,
                    found,
                })?;
        self.history = Some(history);
        Ok(self)
    }

    /// Adds a known one-off adjustment (*engångspost*).
    ///
    /// # Errors
    /// [`CalcError::MonthOutsideYear`] if the adjustment's month is not in the
    /// as-of month's fiscal year.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::{ForecastInput, OneOffAdjustment}};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// let next_year = OneOffAdjustment::new("Hyra", YearMonth::try_new(2026, 1)?, Amount::from_kr(-5))?;
    /// assert!(matches!(input.with_adjustment(next_year), Err(CalcError::MonthOutsideYear { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn with_adjustment(mut self, adjustment: OneOffAdjustment) -> Result<ForecastInput> {
        let year = self.as_of.fiscal_year();
        if adjustment.month.fiscal_year() != year {
            return Err(CalcError::MonthOutsideYear {
                what: "one-off adjustment",
                month: adjustment.month,
                year,
            });
        }
        self.adjustments.push(adjustment);
        Ok(self)
    }

    /// Adds several one-off adjustments; see [`ForecastInput::with_adjustment`].
    ///
    /// # Errors
    /// [`CalcError::MonthOutsideYear`] for the first adjustment outside the year.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{ForecastInput, OneOffAdjustment};
    /// use namnd_core::{Amount, YearMonth};
    /// let dec = YearMonth::try_new(2025, 12)?;
    /// let items = [
    ///     OneOffAdjustment::new("Retroaktiv lön", dec, Amount::from_kr(-5))?,
    ///     OneOffAdjustment::new("Bidrag", dec, Amount::from_kr(3))?,
    /// ];
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?.with_adjustments(items)?;
    /// assert_eq!(input.adjustments().len(), 2);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn with_adjustments(
        self,
        adjustments: impl IntoIterator<Item = OneOffAdjustment>,
    ) -> Result<ForecastInput> {
        adjustments
            .into_iter()
            .try_fold(self, ForecastInput::with_adjustment)
    }

    /// The as-of month (month m of the fiscal year).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let jan = YearMonth::try_new(2025, 1)?;
    /// assert_eq!(ForecastInput::new(jan, [Amount::ZERO], Amount::ZERO)?.as_of(), jan);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn as_of(&self) -> YearMonth {
        self.as_of
    }

    /// m, the number of months with outcome (1–12).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::ZERO; 12], Amount::ZERO)?;
    /// assert_eq!(input.months_elapsed(), 12);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn months_elapsed(&self) -> u32 {
        self.as_of.months_elapsed()
    }

    /// The outcome of each month to date, January first.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::from_kr(4)], Amount::ZERO)?;
    /// assert_eq!(input.monthly_outcome(), [Amount::from_kr(4)]);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn monthly_outcome(&self) -> &[Amount] {
        &self.monthly_outcome
    }

    /// U, the outcome to date (*ackumulerat utfall*).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 2)?, [Amount::from_kr(4); 2], Amount::ZERO)?;
    /// assert_eq!(input.outcome_to_date(), Amount::from_kr(8));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn outcome_to_date(&self) -> Amount {
        self.outcome_to_date
    }

    /// B, the annual budget.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::from_kr(-12))?;
    /// assert_eq!(input.budget(), Amount::from_kr(-12));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The previous year's monthly outcome, if given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// assert_eq!(input.history(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn history(&self) -> Option<&[Amount; 12]> {
        self.history.as_ref()
    }

    /// The known one-off adjustments, in the order given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::ForecastInput;
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// assert!(input.adjustments().is_empty());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn adjustments(&self) -> &[OneOffAdjustment] {
        &self.adjustments
    }
}

// ---------------------------------------------------------------- Derivation

/// How a forecast's value before adjustments came about: the intermediate
/// figures a reader needs to check it.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{Derivation, Forecast, ForecastInput, Method, Periodisation};
/// use namnd_core::{Amount, Decimal, YearMonth};
///
/// let input = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_tkr(1_100)?; 3], Amount::from_tkr(12_000)?)?;
/// let f = Forecast::compute(&input, &Method::RemainingBudget { periodisation: Periodisation::Even })?;
/// assert_eq!(f.derivation(), &Derivation::RemainingBudget {
///     remaining_share: Decimal::new(75, 2),
///     remainder: Amount::from_tkr(9_000)?,
/// });
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Derivation {
    /// F = U × 12 / m.
    RunRate,
    /// F = U + remainder, where remainder = B × remaining share.
    RemainingBudget {
        /// The share of the annual budget falling in months m+1..=12
        /// (28 significant digits; the remainder itself is computed by
        /// multiplying before dividing).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        remaining_share: Decimal,
        /// The periodised budget of months m+1..=12.
        remainder: Amount,
    },
    /// F = U / sₘ.
    PriorYearProfile {
        /// sₘ, the share of the previous year's outcome booked by month m
        /// (28 significant digits; the forecast itself is U × total ÷ booked).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        share_to_date: Decimal,
    },
    /// The manager's figure.
    Manual,
    /// m = 12: the year is closed and the forecast is the outcome.
    YearClosed,
}

// ------------------------------------------------------------------ Forecast

/// A full-year forecast (*helårsprognos*) with the record of how it was made:
/// its method, inputs, derivation, adjustments and unrounded value.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{Forecast, ForecastInput, Method, OneOffAdjustment};
/// use namnd_core::{Amount, Rounding, Unit, YearMonth};
///
/// let march = YearMonth::try_new(2025, 3)?;
/// let december = YearMonth::try_new(2025, 12)?;
/// let retro = OneOffAdjustment::new("Retroaktiv lön", december, Amount::from_tkr(-500)?)?;
/// let input = ForecastInput::new(march, [Amount::from_tkr(-1_100)?; 3], Amount::from_tkr(-12_000)?)?
///     .with_adjustment(retro)?;
///
/// let f = Forecast::compute(&input, &Method::RunRate)?;
/// assert_eq!(f.before_adjustments(), Amount::from_tkr(-13_200)?);
/// assert_eq!(f.value(), Amount::from_tkr(-13_700)?);
/// assert_eq!(f.variance()?.amount(), Amount::from_tkr(-1_700)?); // a deficit
/// assert_eq!(f.rounded(Unit::Mkr, 1, Rounding::HalfAwayFromZero)?.value().to_string(), "-13.7");
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Forecast {
    method: Method,
    derivation: Derivation,
    as_of: YearMonth,
    months_elapsed: u32,
    outcome_to_date: Amount,
    budget: Amount,
    before_adjustments: Amount,
    adjustments: Vec<AdjustmentRecord>,
    adjustments_applied: Amount,
    value: Amount,
}

impl Forecast {
    /// Computes the forecast of `input` with `method`, then adds the one-off
    /// adjustments whose month lies after the as-of month.
    ///
    /// At m = 12 every method returns exactly the outcome to date
    /// ([`Derivation::YearClosed`]); a manual figure stays in
    /// [`Forecast::method`] as a note.
    ///
    /// # Errors
    /// - [`CalcError::MissingHistory`] for [`Method::PriorYearProfile`] or
    ///   [`Periodisation::PriorYearOutcome`] without history (before December);
    /// - [`CalcError::DivisionByZero`] when the previous year's total, or its
    ///   share booked by month m, is zero;
    /// - [`CalcError::Core`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::{Derivation, Forecast, ForecastInput, Method}};
    /// use namnd_core::{Amount, YearMonth};
    ///
    /// // s₃ = 2 400 / 10 000 = 0,24: 3 300 / 0,24 = 13 750.
    /// let last_year = [800, 800, 800, 700, 700, 700, 700, 700, 700, 700, 700, 2_000].map(Amount::from_kr);
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_kr(1_100); 3], Amount::from_kr(12_000))?;
    /// assert_eq!(Forecast::compute(&input, &Method::PriorYearProfile), Err(CalcError::MissingHistory { method: "prior-year-profile" }));
    ///
    /// let f = Forecast::compute(&input.with_history(last_year)?, &Method::PriorYearProfile)?;
    /// assert_eq!(f.value(), Amount::from_kr(13_750));
    /// assert!(matches!(f.derivation(), Derivation::PriorYearProfile { .. }));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn compute(input: &ForecastInput, method: &Method) -> Result<Forecast> {
        let m = input.months_elapsed();
        let outcome = input.outcome_to_date;
        let (derivation, before_adjustments) = if m >= MONTHS {
            (Derivation::YearClosed, outcome)
        } else {
            compute_open(input, method, m, outcome)?
        };
        let adjustments: Vec<AdjustmentRecord> = input
            .adjustments
            .iter()
            .map(|adjustment| AdjustmentRecord {
                status: if adjustment.month.month() > m {
                    AdjustmentStatus::Applied
                } else {
                    AdjustmentStatus::AlreadyInOutcome
                },
                adjustment: adjustment.clone(),
            })
            .collect();
        let adjustments_applied = Amount::try_sum(
            adjustments
                .iter()
                .filter(|r| r.status.is_applied())
                .map(|r| r.adjustment.amount),
        )?;
        let value = before_adjustments.checked_add(adjustments_applied)?;
        Ok(Forecast {
            method: method.clone(),
            derivation,
            as_of: input.as_of,
            months_elapsed: m,
            outcome_to_date: outcome,
            budget: input.budget,
            before_adjustments,
            adjustments,
            adjustments_applied,
            value,
        })
    }

    /// The method asked for (for a manual forecast, with the manager's figure
    /// and comment, also when the year is closed).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.method(), &Method::RunRate);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// How the value before adjustments was derived.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Derivation, Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::from_kr(1); 12], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.derivation(), &Derivation::YearClosed);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn derivation(&self) -> &Derivation {
        &self.derivation
    }

    /// The as-of month.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let jan = YearMonth::try_new(2025, 1)?;
    /// let input = ForecastInput::new(jan, [Amount::ZERO], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.as_of(), jan);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn as_of(&self) -> YearMonth {
        self.as_of
    }

    /// m, the months of outcome the forecast rests on.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 2)?, [Amount::ZERO; 2], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.months_elapsed(), 2);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn months_elapsed(&self) -> u32 {
        self.months_elapsed
    }

    /// U, the outcome to date used.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 2)?, [Amount::from_kr(3); 2], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.outcome_to_date(), Amount::from_kr(6));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn outcome_to_date(&self) -> Amount {
        self.outcome_to_date
    }

    /// B, the annual budget used.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::from_kr(9))?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.budget(), Amount::from_kr(9));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The method's result before the one-off adjustments.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::from_kr(1); 6], Amount::ZERO)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.before_adjustments(), Amount::from_kr(12));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn before_adjustments(&self) -> Amount {
        self.before_adjustments
    }

    /// Every one-off adjustment of the input, each with whether it was applied.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// assert!(Forecast::compute(&input, &Method::RunRate)?.adjustments().is_empty());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn adjustments(&self) -> &[AdjustmentRecord] {
        &self.adjustments
    }

    /// The sum of the applied adjustments: `value − before_adjustments`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method, OneOffAdjustment};
    /// use namnd_core::{Amount, YearMonth};
    /// let adj = OneOffAdjustment::new("Bidrag", YearMonth::try_new(2025, 9)?, Amount::from_kr(40))?;
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?.with_adjustment(adj)?;
    /// assert_eq!(Forecast::compute(&input, &Method::RunRate)?.adjustments_applied(), Amount::from_kr(40));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn adjustments_applied(&self) -> Amount {
        self.adjustments_applied
    }

    /// The forecast, unrounded (canonical: income positive, costs negative).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// // 1 kr booked by July: the run rate is 12/7 kr, kept to 28 significant digits.
    /// let mut outcome = [Amount::ZERO; 7];
    /// outcome[0] = Amount::from_kr(1);
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 7)?, outcome, Amount::ZERO)?;
    /// let f = Forecast::compute(&input, &Method::RunRate)?;
    /// assert_eq!(f.value().as_kr().to_string(), "1.7142857142857142857142857143");
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn value(&self) -> Amount {
        self.value
    }

    /// Whether this is a manager's forecast.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, ManualForecast, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// let manual = Method::Manual(ManualForecast::new(Amount::from_kr(5), "Känd placering")?);
    /// assert!(Forecast::compute(&input, &manual)?.is_manual());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_manual(&self) -> bool {
        matches!(self.method, Method::Manual(_))
    }

    /// The manager's forecast, if this is one (also after year end, as a note).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, ManualForecast, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// // In December the year is closed: the value is the outcome, the manual figure a note.
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::from_kr(1); 12], Amount::ZERO)?;
    /// let manual = ManualForecast::new(Amount::from_kr(50), "Sen faktura")?;
    /// let f = Forecast::compute(&input, &Method::Manual(manual.clone()))?;
    /// assert_eq!(f.value(), Amount::from_kr(12));
    /// assert_eq!(f.manual(), Some(&manual));
    /// assert!(f.is_year_closed());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn manual(&self) -> Option<&ManualForecast> {
        match &self.method {
            Method::Manual(manual) => Some(manual),
            _ => None,
        }
    }

    /// Whether the forecast was made as of December, so it is the outcome.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// assert!(!Forecast::compute(&input, &Method::RunRate)?.is_year_closed());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_year_closed(&self) -> bool {
        matches!(self.derivation, Derivation::YearClosed)
    }

    /// The forecast variance (*prognosavvikelse*) against the annual budget,
    /// favourable-positive: `forecast − budget` on canonical amounts.
    ///
    /// # Errors
    /// [`CalcError::Core`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, VarianceKind, YearMonth};
    /// // A cost line: budget −12 000, run rate −13 200 → a deficit of 1 200.
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_kr(-1_100); 3], Amount::from_kr(-12_000))?;
    /// let v = Forecast::compute(&input, &Method::RunRate)?.variance()?;
    /// assert_eq!(v.amount(), Amount::from_kr(-1_200));
    /// assert_eq!(v.kind(), VarianceKind::Deficit);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn variance(&self) -> Result<Variance> {
        Ok(SignConvention::OutcomeMinusBudget.variance(self.budget, self.value)?)
    }

    /// The change since `previous` (*förändring mot föregående prognos*):
    /// `self − previous` on the canonical forecast values, so positive means
    /// improved (*förbättras*). The type is shared with [`crate::variance`].
    ///
    /// When the budget changed in between (a *tilläggsanslag*), the change of
    /// the forecast variance differs from this; compare the two
    /// [`Forecast::variance`]s with [`ForecastChange::between_variances`] instead.
    ///
    /// # Errors
    /// [`CalcError::MonthOutsideYear`] if `previous` is of another fiscal
    /// year; [`CalcError::Core`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_calc::variance::Direction;
    /// use namnd_core::{Amount, YearMonth};
    /// let budget = Amount::from_kr(-12_000);
    /// let march = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_kr(-1_100); 3], budget)?;
    /// let april = ForecastInput::new(YearMonth::try_new(2025, 4)?, [Amount::from_kr(-1_000); 4], budget)?;
    /// let before = Forecast::compute(&march, &Method::RunRate)?; // −13 200
    /// let now = Forecast::compute(&april, &Method::RunRate)?; // −12 000
    /// let change = now.change_since(&before)?;
    /// assert_eq!(change.amount(), Amount::from_kr(1_200));
    /// assert_eq!(change.direction(), Direction::Improved);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn change_since(&self, previous: &Forecast) -> Result<ForecastChange> {
        let year = self.as_of.fiscal_year();
        if previous.as_of.fiscal_year() != year {
            return Err(CalcError::MonthOutsideYear {
                what: "previous forecast",
                month: previous.as_of,
                year,
            });
        }
        ForecastChange::between_variances(previous.value, self.value)
    }

    /// The value rounded for presentation, with the unit, decimals and mode
    /// recorded beside it.
    ///
    /// # Errors
    /// [`CalcError::Core`] if more than 28 decimals are asked for.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Decimal, Rounding, Unit, YearMonth};
    /// let mut outcome = [Amount::ZERO; 7];
    /// outcome[6] = Amount::from_tkr(-1)?;
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 7)?, outcome, Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Tkr, 1, Rounding::HalfAwayFromZero)?;
    /// assert_eq!(r.value(), Decimal::new(-17, 1)); // −12/7 = −1,714… tkr
    /// assert_eq!((r.unit(), r.decimals(), r.rounding()), (Unit::Tkr, 1, Rounding::HalfAwayFromZero));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn rounded(
        &self,
        unit: Unit,
        decimals: u32,
        rounding: Rounding,
    ) -> Result<RoundedForecast> {
        Ok(RoundedForecast {
            value: self.value.round_in(unit, decimals, rounding)?,
            unit,
            decimals,
            rounding,
            unrounded: self.value,
        })
    }
}

/// The part of [`Forecast::compute`] for m < 12: the derivation and the value
/// before adjustments.
fn compute_open(
    input: &ForecastInput,
    method: &Method,
    m: u32,
    outcome: Amount,
) -> Result<(Derivation, Amount)> {
    match method {
        Method::RunRate => {
            let value = mul_div(
                outcome,
                TWELVE,
                Decimal::from(m),
                "run rate with no months elapsed",
            )?;
            Ok((Derivation::RunRate, value))
        }
        Method::RemainingBudget { periodisation } => {
            let (rest, total) = periodisation.remaining(m, input.history.as_ref())?;
            let what = "periodisation profile with zero total";
            let remainder = mul_div(input.budget, rest, total, what)?;
            let remaining_share = checked_ratio(rest, total, what)?;
            Ok((
                Derivation::RemainingBudget {
                    remaining_share,
                    remainder,
                },
                outcome.checked_add(remainder)?,
            ))
        }
        Method::PriorYearProfile => {
            let history = input.history.as_ref().ok_or(CalcError::MissingHistory {
                method: PRIOR_YEAR_PROFILE,
            })?;
            let total = Amount::try_sum(history.iter().copied())?;
            if total.is_zero() {
                return Err(CalcError::DivisionByZero {
                    what: "previous year's total outcome for the prior-year profile",
                });
            }
            let booked = Amount::try_sum(
                (1..)
                    .zip(history.iter())
                    .filter(|(month, _)| *month <= m)
                    .map(|(_, a)| *a),
            )?;
            let what = "share of the previous year's outcome booked by the as-of month is zero";
            let value = mul_div(outcome, total.as_kr(), booked.as_kr(), what)?;
            let share_to_date = checked_ratio(booked.as_kr(), total.as_kr(), what)?;
            Ok((Derivation::PriorYearProfile { share_to_date }, value))
        }
        Method::Manual(manual) => Ok((Derivation::Manual, manual.amount)),
    }
}

/// A forecast rounded for presentation, with what was used to round it.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
/// use namnd_core::{Amount, Decimal, Rounding, Unit, YearMonth};
/// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::from_tkr(-2_067)?; 12], Amount::ZERO)?;
/// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Mkr, 1, Rounding::HalfAwayFromZero)?;
/// assert_eq!(r.value(), Decimal::new(-248, 1)); // −24 804 tkr → −24,8 mkr
/// assert_eq!(r.unrounded(), Amount::from_tkr(-24_804)?);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RoundedForecast {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    unit: Unit,
    decimals: u32,
    rounding: Rounding,
    unrounded: Amount,
}

impl RoundedForecast {
    /// The rounded value, in [`RoundedForecast::unit`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Decimal, Rounding, Unit, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::from_kr(1_250); 12], Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Tkr, 0, Rounding::TowardZero)?;
    /// assert_eq!(r.value(), Decimal::from(15));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The unit rounded in.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Rounding, Unit, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Mkr, 1, Rounding::HalfEven)?;
    /// assert_eq!(r.unit(), Unit::Mkr);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The number of decimals rounded to.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Rounding, Unit, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Mkr, 1, Rounding::HalfEven)?;
    /// assert_eq!(r.decimals(), 1);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// The rounding mode used.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Rounding, Unit, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 1)?, [Amount::ZERO], Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Mkr, 1, Rounding::HalfEven)?;
    /// assert_eq!(r.rounding(), Rounding::HalfEven);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The unrounded forecast it was rounded from.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_core::{Amount, Rounding, Unit, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 12)?, [Amount::from_kr(7); 12], Amount::ZERO)?;
    /// let r = Forecast::compute(&input, &Method::RunRate)?.rounded(Unit::Tkr, 0, Rounding::HalfEven)?;
    /// assert_eq!(r.unrounded(), Amount::from_kr(84));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn unrounded(&self) -> Amount {
        self.unrounded
    }
}

// -------------------------------------------------------------- LineForecast

/// The forecasts of one budget line: the chosen one (the manager's if there
/// is one, else the default method's) and every computed one beside it for
/// comparison.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::forecast::{ForecastInput, LineForecast, ManualForecast, Method, Periodisation};
/// use namnd_core::{Amount, YearMonth};
///
/// let input = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_tkr(1_100)?; 3], Amount::from_tkr(12_000)?)?;
/// let even = Method::RemainingBudget { periodisation: Periodisation::Even };
/// let manual = ManualForecast::new(Amount::from_tkr(12_500)?, "Bidrag väntas i juni")?;
///
/// let line = LineForecast::compute(&input, &Method::RunRate, &[even], Some(manual))?;
/// assert!(line.chosen().is_manual());
/// assert_eq!(line.chosen().value(), Amount::from_tkr(12_500)?);
/// let computed: Vec<Amount> = line.computed().iter().map(|f| f.value()).collect();
/// assert_eq!(computed, [Amount::from_tkr(13_200)?, Amount::from_tkr(12_300)?]);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LineForecast {
    chosen: Forecast,
    computed: Vec<Forecast>,
}

impl LineForecast {
    /// Computes `default` and each of `alternatives`, and chooses the manual
    /// forecast if one is given, else `default`'s.
    ///
    /// The manager's figure has one way in: the `manual` argument. The
    /// methods are the ones software computes, so [`Method::Manual`] as
    /// `default` or among `alternatives` is an error, not a second way to
    /// give a manual figure.
    ///
    /// # Errors
    /// - [`CalcError::ManualMethodInLineForecast`] for a [`Method::Manual`]
    ///   among the methods (position 0 is `default`, 1.. the alternatives);
    /// - the first error of any method (see [`Forecast::compute`]): a method
    ///   asked for that cannot be computed is reported, not skipped. Use
    ///   [`Method::needs_history`] to leave out methods a line lacks history
    ///   for.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, forecast::{ForecastInput, LineForecast, ManualForecast, Method}};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::from_kr(-1); 6], Amount::from_kr(-12))?;
    /// let line = LineForecast::compute(&input, &Method::RunRate, &[], None)?;
    /// assert!(!line.chosen().is_manual());
    /// assert_eq!(line.chosen().value(), Amount::from_kr(-12));
    /// assert!(matches!(
    ///     LineForecast::compute(&input, &Method::RunRate, &[Method::PriorYearProfile], None),
    ///     Err(CalcError::MissingHistory { .. })
    /// ));
    ///
    /// // The manager's figure goes in as `manual`, not as the default method.
    /// let manual = ManualForecast::new(Amount::from_kr(-15), "Ny placering")?;
    /// assert_eq!(
    ///     LineForecast::compute(&input, &Method::Manual(manual.clone()), &[], None),
    ///     Err(CalcError::ManualMethodInLineForecast { position: 0 })
    /// );
    /// let line = LineForecast::compute(&input, &Method::RunRate, &[], Some(manual))?;
    /// assert_eq!(line.chosen().value(), Amount::from_kr(-15));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn compute(
        input: &ForecastInput,
        default: &Method,
        alternatives: &[Method],
        manual: Option<ManualForecast>,
    ) -> Result<LineForecast> {
        let methods: Vec<&Method> = core::iter::once(default).chain(alternatives).collect();
        if let Some(position) = methods
            .iter()
            .position(|method| matches!(method, Method::Manual(_)))
        {
            return Err(CalcError::ManualMethodInLineForecast { position });
        }
        let default_forecast = Forecast::compute(input, default)?;
        let mut computed = Vec::with_capacity(methods.len());
        computed.push(default_forecast.clone());
        for method in alternatives {
            computed.push(Forecast::compute(input, method)?);
        }
        let chosen = match manual {
            Some(manual) => Forecast::compute(input, &Method::Manual(manual))?,
            None => default_forecast,
        };
        Ok(LineForecast { chosen, computed })
    }

    /// The forecast to report: the manager's if given, else the default method's.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{ForecastInput, LineForecast, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::from_kr(2); 6], Amount::ZERO)?;
    /// let line = LineForecast::compute(&input, &Method::RunRate, &[], None)?;
    /// assert_eq!(line.chosen().value(), Amount::from_kr(24));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn chosen(&self) -> &Forecast {
        &self.chosen
    }

    /// The computed forecasts: the default method's first, then the alternatives in order.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{ForecastInput, LineForecast, Method, Periodisation};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::from_kr(2); 6], Amount::ZERO)?;
    /// let even = Method::RemainingBudget { periodisation: Periodisation::Even };
    /// let line = LineForecast::compute(&input, &Method::RunRate, &[even.clone()], None)?;
    /// assert_eq!(line.computed()[1].method(), &even);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn computed(&self) -> &[Forecast] {
        &self.computed
    }

    /// Whether the chosen forecast is the manager's.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::forecast::{ForecastInput, LineForecast, Method};
    /// use namnd_core::{Amount, YearMonth};
    /// let input = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::ZERO; 6], Amount::ZERO)?;
    /// assert!(!LineForecast::compute(&input, &Method::RunRate, &[], None)?.is_manual());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_manual(&self) -> bool {
        self.chosen.is_manual()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variance::Direction;
    use proptest::collection::vec;
    use proptest::prelude::*;

    fn tkr(v: i64) -> Amount {
        Amount::from_tkr(v).unwrap()
    }

    fn ym(month: u32) -> YearMonth {
        YearMonth::try_new(2025, month).unwrap()
    }

    fn even() -> Method {
        Method::RemainingBudget {
            periodisation: Periodisation::Even,
        }
    }

    /// Domain brief §3: B = 12 000, m = 3, U = 3 300, and a previous year
    /// that had booked 2 400 of 10 000 (s₃ = 0,24) by March.
    fn domain_input() -> ForecastInput {
        let last_year = [800, 800, 800, 700, 700, 700, 700, 700, 700, 700, 700, 2_000].map(tkr);
        ForecastInput::new(ym(3), [tkr(1_000), tkr(1_100), tkr(1_200)], tkr(12_000))
            .unwrap()
            .with_history(last_year)
            .unwrap()
    }

    /// Whether `a` and `b` agree to 1e-20 relative to `scale` (exactly if `scale` is zero).
    fn close(a: Amount, b: Amount, scale: Decimal) -> bool {
        let diff = (a.as_kr() - b.as_kr()).abs();
        diff <= scale.abs() * Decimal::new(1, 20)
    }

    fn largest(values: &[Amount]) -> Decimal {
        values
            .iter()
            .map(|v| v.as_kr().abs())
            .max()
            .unwrap_or(Decimal::ZERO)
    }

    #[test]
    fn domain_example_gives_the_three_textbook_forecasts() {
        let input = domain_input();
        let value = |method: &Method| Forecast::compute(&input, method).unwrap().value();
        assert_eq!(value(&Method::RunRate), tkr(13_200));
        assert_eq!(value(&even()), tkr(12_300));
        assert_eq!(value(&Method::PriorYearProfile), tkr(13_750));

        let f = Forecast::compute(&input, &Method::PriorYearProfile).unwrap();
        assert_eq!(
            f.derivation(),
            &Derivation::PriorYearProfile {
                share_to_date: Decimal::new(24, 2)
            }
        );
        assert_eq!(
            (f.months_elapsed(), f.outcome_to_date(), f.budget()),
            (3, tkr(3_300), tkr(12_000))
        );
    }

    #[test]
    fn remaining_budget_records_the_periodised_remainder() {
        let f = Forecast::compute(&domain_input(), &even()).unwrap();
        assert_eq!(
            f.derivation(),
            &Derivation::RemainingBudget {
                remaining_share: Decimal::new(75, 2),
                remainder: tkr(9_000)
            }
        );
        // The previous year's outcome as the profile: 7 600 of 10 000 remained after March.
        let by_last_year = Method::RemainingBudget {
            periodisation: Periodisation::PriorYearOutcome,
        };
        let f = Forecast::compute(&domain_input(), &by_last_year).unwrap();
        assert_eq!(f.value(), tkr(3_300 + 9_120));
    }

    #[test]
    fn flen_budget_profile_is_not_eleven_twelfths() {
        // Flen, månadsrapport November 2023: the January–November budget was
        // 91,85 % of the year, not 11/12 = 91,67 %.
        let mut weights = [Decimal::new(835, 2); 12];
        weights[11] = Decimal::new(815, 2);
        let profile = MonthlyProfile::try_new(weights).unwrap();
        assert_eq!(profile.share_through(11).unwrap(), Decimal::new(9185, 4));

        // A cost line (canonical: negative), outcome Jan–Nov 377 612 tkr, annual budget 380 400 tkr.
        let mut outcome = vec![Amount::ZERO; 11];
        outcome[0] = tkr(-377_612);
        let input = ForecastInput::new(ym(11), outcome, tkr(-380_400)).unwrap();
        let by_profile = Method::RemainingBudget {
            periodisation: Periodisation::Profile(profile),
        };
        let profiled = Forecast::compute(&input, &by_profile).unwrap();
        let twelfths = Forecast::compute(&input, &even()).unwrap();
        // December carries 8,15 % = 31 002,6 tkr, not 1/12 = 31 700 tkr.
        assert_eq!(
            profiled.value(),
            Amount::from_tkr(Decimal::new(-4_086_146, 1)).unwrap()
        );
        assert_eq!(twelfths.value(), tkr(-409_312));
    }

    #[test]
    fn flen_forecast_improved_by_14_mkr_since_april() {
        // "Bibehållen prognos från föregående månad … fortsatt 14 mnkr bättre
        // än den prognos om −38,8 mnkr som lades i april" (total −24,8).
        let budget = tkr(-380_000);
        let forecast = |month: u32, variance_tkr: i64, comment: &str| {
            let input =
                ForecastInput::new(ym(month), vec![Amount::ZERO; month as usize], budget).unwrap();
            let manual = ManualForecast::new(tkr(-380_000 + variance_tkr), comment).unwrap();
            Forecast::compute(&input, &Method::Manual(manual)).unwrap()
        };
        let april = forecast(4, -38_800, "Ny nämnd, ny ram");
        let october = forecast(10, -24_800, "Placeringar minskar");
        let november = forecast(11, -24_800, "Bibehållen prognos");

        assert_eq!(april.variance().unwrap().amount(), tkr(-38_800));
        assert_eq!(november.variance().unwrap().amount(), tkr(-24_800));
        let since_april = november.change_since(&april).unwrap();
        assert_eq!(
            since_april.amount(),
            Amount::from_mkr(Decimal::new(140, 1)).unwrap()
        );
        assert_eq!(since_april.direction(), Direction::Improved);
        assert_eq!(since_april.direction().swedish(), "förbättras");

        let since_october = november.change_since(&october).unwrap();
        assert_eq!(since_october.direction(), Direction::Unchanged);
        assert_eq!(
            april.change_since(&november).unwrap().direction(),
            Direction::Worsened
        );
    }

    #[test]
    fn a_previous_forecast_of_another_year_is_an_error() {
        let this_year = ForecastInput::new(ym(1), [Amount::ZERO], Amount::ZERO).unwrap();
        let last_year = ForecastInput::new(
            YearMonth::try_new(2024, 12).unwrap(),
            [Amount::ZERO; 12],
            Amount::ZERO,
        )
        .unwrap();
        let now = Forecast::compute(&this_year, &Method::RunRate).unwrap();
        let before = Forecast::compute(&last_year, &Method::RunRate).unwrap();
        assert!(matches!(
            now.change_since(&before),
            Err(CalcError::MonthOutsideYear {
                what: "previous forecast",
                ..
            })
        ));
    }

    #[test]
    fn manual_forecast_takes_precedence_and_computed_ones_are_kept() {
        let manual = ManualForecast::new(tkr(12_500), "Bidrag väntas i juni")
            .unwrap()
            .with_cause("Statsbidrag för heltidsresan")
            .with_action("Ingen");
        let line = LineForecast::compute(
            &domain_input(),
            &Method::RunRate,
            &[even(), Method::PriorYearProfile],
            Some(manual.clone()),
        )
        .unwrap();
        assert!(line.is_manual());
        assert_eq!(line.chosen().value(), tkr(12_500));
        assert_eq!(line.chosen().manual(), Some(&manual));
        assert_eq!(line.chosen().derivation(), &Derivation::Manual);
        let computed: Vec<Amount> = line.computed().iter().map(Forecast::value).collect();
        assert_eq!(computed, [tkr(13_200), tkr(12_300), tkr(13_750)]);

        let without = LineForecast::compute(&domain_input(), &even(), &[], None).unwrap();
        assert!(!without.is_manual());
        assert_eq!(without.chosen(), &without.computed()[0]);
    }

    #[test]
    fn a_manual_method_in_a_line_forecast_is_rejected_wherever_it_is() {
        let manual = Method::Manual(ManualForecast::new(tkr(12_500), "Bidrag").unwrap());
        let input = domain_input();
        assert_eq!(
            LineForecast::compute(&input, &manual, &[], None),
            Err(CalcError::ManualMethodInLineForecast { position: 0 })
        );
        assert_eq!(
            LineForecast::compute(&input, &Method::RunRate, &[even(), manual], None),
            Err(CalcError::ManualMethodInLineForecast { position: 2 })
        );
    }

    #[test]
    fn manual_figure_in_december_is_a_note_and_the_year_is_closed() {
        let input = ForecastInput::new(ym(12), [tkr(-100); 12], tkr(-1_000)).unwrap();
        let manual = ManualForecast::new(tkr(-1_500), "Sen faktura").unwrap();
        let f = Forecast::compute(&input, &Method::Manual(manual.clone())).unwrap();
        assert_eq!(f.value(), tkr(-1_200));
        assert!(f.is_year_closed());
        assert_eq!(f.manual(), Some(&manual));
    }

    #[test]
    fn adjustment_in_a_past_month_is_not_applied_again() {
        let input = domain_input()
            .with_adjustments([
                OneOffAdjustment::new("Återbetalning", ym(2), tkr(400)).unwrap(),
                OneOffAdjustment::new("Engångsbidrag", ym(3), tkr(100)).unwrap(),
                OneOffAdjustment::new("Retroaktiv lön", ym(12), tkr(-700)).unwrap(),
            ])
            .unwrap();
        let f = Forecast::compute(&input, &Method::RunRate).unwrap();
        let statuses: Vec<AdjustmentStatus> = f
            .adjustments()
            .iter()
            .map(AdjustmentRecord::status)
            .collect();
        assert_eq!(
            statuses,
            [
                AdjustmentStatus::AlreadyInOutcome,
                AdjustmentStatus::AlreadyInOutcome,
                AdjustmentStatus::Applied
            ]
        );
        assert_eq!(f.adjustments_applied(), tkr(-700));
        assert_eq!(f.value(), tkr(13_200 - 700));
    }

    #[test]
    fn run_rate_multiplies_before_dividing() {
        // 1/3 kr a month would be inexact if divided first.
        let third = Amount::from_kr(Decimal::ONE / Decimal::from(3));
        let input = ForecastInput::new(ym(7), vec![third; 7], Amount::ZERO).unwrap();
        let f = Forecast::compute(&input, &Method::RunRate).unwrap();
        assert!(close(f.value(), Amount::from_kr(4), Decimal::from(4)));
        let input = ForecastInput::new(ym(6), [Amount::from_kr(7); 6], Amount::ZERO).unwrap();
        assert_eq!(
            Forecast::compute(&input, &Method::RunRate).unwrap().value(),
            Amount::from_kr(84)
        );
    }

    #[test]
    fn rounding_is_explicit_and_recorded() {
        let input = ForecastInput::new(ym(12), [tkr(-2_067); 12], Amount::ZERO).unwrap();
        let f = Forecast::compute(&input, &Method::RunRate).unwrap();
        let r = f.rounded(Unit::Mkr, 1, Rounding::HalfAwayFromZero).unwrap();
        assert_eq!(r.value(), Decimal::new(-248, 1));
        assert_eq!(
            (r.unit(), r.decimals(), r.rounding(), r.unrounded()),
            (Unit::Mkr, 1, Rounding::HalfAwayFromZero, tkr(-24_804))
        );
        assert!(f.rounded(Unit::Kr, 29, Rounding::HalfEven).is_err());
    }

    #[test]
    fn wrong_lengths_are_typed_errors() {
        assert_eq!(
            ForecastInput::new(ym(5), [Amount::ZERO; 4], Amount::ZERO),
            Err(CalcError::LengthMismatch {
                what: "monthly outcome to date",
                expected: 5,
                found: 4
            })
        );
        let input = ForecastInput::new(ym(5), [Amount::ZERO; 5], Amount::ZERO).unwrap();
        assert_eq!(
            input.with_history([Amount::ZERO; 13]),
            Err(CalcError::LengthMismatch {
                what: "previous year's monthly outcome",
                expected: 12,
                found: 13
            })
        );
        assert_eq!(
            MonthlyProfile::try_new([Decimal::ONE; 4]),
            Err(CalcError::LengthMismatch {
                what: "monthly profile",
                expected: 12,
                found: 4
            })
        );
    }

    #[test]
    fn missing_history_names_the_method() {
        let input = ForecastInput::new(ym(5), [Amount::ZERO; 5], Amount::ZERO).unwrap();
        let err = Forecast::compute(&input, &Method::PriorYearProfile).unwrap_err();
        assert_eq!(
            err.to_string(),
            "prior-year-profile needs the previous year's monthly outcome; no history was given"
        );
        let by_last_year = Method::RemainingBudget {
            periodisation: Periodisation::PriorYearOutcome,
        };
        assert_eq!(
            Forecast::compute(&input, &by_last_year),
            Err(CalcError::MissingHistory {
                method: "remaining-budget with prior-year-outcome periodisation"
            })
        );
        // In December history is not needed: the year is closed.
        let december = ForecastInput::new(ym(12), [tkr(1); 12], Amount::ZERO).unwrap();
        assert_eq!(
            Forecast::compute(&december, &Method::PriorYearProfile)
                .unwrap()
                .value(),
            tkr(12)
        );
    }

    #[test]
    fn blank_manual_comment_is_rejected() {
        let err = ManualForecast::new(tkr(-24_800), " \t\n").unwrap_err();
        assert_eq!(
            err,
            CalcError::ManualForecastWithoutComment {
                amount: tkr(-24_800)
            }
        );
        assert_eq!(
            err.to_string(),
            "manual forecast of \u{2212}24\u{a0}800\u{a0}000\u{a0}kr has no comment; a comment is mandatory"
        );
    }

    #[test]
    fn zero_share_to_date_is_a_division_by_zero() {
        // Nothing was booked in January–March last year: s₃ = 0.
        let last_year = [0, 0, 0, 100, 100, 100, 100, 100, 100, 100, 100, 100].map(tkr);
        let input = ForecastInput::new(ym(3), [tkr(1); 3], tkr(12))
            .unwrap()
            .with_history(last_year)
            .unwrap();
        assert!(matches!(
            Forecast::compute(&input, &Method::PriorYearProfile),
            Err(CalcError::DivisionByZero { what }) if what.contains("booked by the as-of month")
        ));
        let zero_year = ForecastInput::new(ym(3), [tkr(1); 3], tkr(12))
            .unwrap()
            .with_history([
                tkr(5),
                tkr(-5),
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
                Amount::ZERO,
            ])
            .unwrap();
        assert!(matches!(
            Forecast::compute(&zero_year, &Method::PriorYearProfile),
            Err(CalcError::DivisionByZero { .. })
        ));
        let by_last_year = Method::RemainingBudget {
            periodisation: Periodisation::PriorYearOutcome,
        };
        assert!(matches!(
            Forecast::compute(&zero_year, &by_last_year),
            Err(CalcError::DivisionByZero { .. })
        ));
    }

    #[test]
    fn invalid_profiles_say_what_is_wrong() {
        let mut weights = [Decimal::ONE; 12];
        weights[4] = Decimal::from(-1);
        assert_eq!(
            MonthlyProfile::try_new(weights),
            Err(CalcError::InvalidProfile {
                reason: "the weight of month 5 is -1; weights must not be negative".to_owned()
            })
        );
        assert!(
            matches!(MonthlyProfile::try_new([Decimal::ZERO; 12]), Err(CalcError::InvalidProfile { reason }) if reason.contains("zero"))
        );
        assert!(matches!(
            MonthlyProfile::try_new([Decimal::MAX; 12]),
            Err(CalcError::InvalidProfile { .. })
        ));
        let words: Vec<String> = ["1"; 11]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(["x".to_owned()])
            .collect();
        assert!(matches!(
            MonthlyProfile::try_from(words),
            Err(CalcError::InvalidProfile { .. })
        ));
        assert!(MonthlyProfile::even().share_through(13).is_err());
    }

    #[test]
    fn adjustments_must_be_described_and_in_the_year() {
        assert_eq!(
            OneOffAdjustment::new(" ", ym(12), tkr(-1)),
            Err(CalcError::AdjustmentWithoutDescription { amount: tkr(-1) })
        );
        let next_year =
            OneOffAdjustment::new("Hyra", YearMonth::try_new(2026, 1).unwrap(), tkr(-1)).unwrap();
        let err = domain_input().with_adjustment(next_year).unwrap_err();
        assert_eq!(
            err.to_string(),
            "one-off adjustment 2026-01 is outside fiscal year 2025"
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let huge = Amount::from_kr(Decimal::MAX);
        let input = ForecastInput::new(ym(1), [huge], huge).unwrap();
        assert!(matches!(
            Forecast::compute(&input, &Method::RunRate),
            Err(CalcError::Core(_))
        ));
        assert!(matches!(
            ForecastInput::new(ym(2), [huge, huge], huge),
            Err(CalcError::Core(_))
        ));
    }

    // ------------------------------------------------------------ properties

    fn method() -> impl Strategy<Value = Method> {
        let profile = vec(0_u32..1_000, 12)
            .prop_filter("a profile needs weight", |w| w.iter().any(|x| *x > 0))
            .prop_map(|w| MonthlyProfile::try_new(w.into_iter().map(Decimal::from)).unwrap());
        prop_oneof![
            Just(Method::RunRate),
            Just(even()),
            profile.prop_map(|p| Method::RemainingBudget {
                periodisation: Periodisation::Profile(p)
            }),
            Just(Method::RemainingBudget {
                periodisation: Periodisation::PriorYearOutcome
            }),
            Just(Method::PriorYearProfile),
            any::<Amount>()
                .prop_map(|a| Method::Manual(ManualForecast::new(a, "Chefens bedömning").unwrap())),
        ]
    }

    /// A previous year with every month of the same sign, so every share is positive.
    fn history() -> impl Strategy<Value = Vec<Amount>> {
        (vec(1_i64..1_000_000, 12), any::<bool>()).prop_map(|(v, negative)| {
            v.into_iter()
                .map(|x| Amount::from_kr(if negative { -x } else { x }))
                .collect()
        })
    }

    fn adjustments() -> impl Strategy<Value = Vec<OneOffAdjustment>> {
        vec((1_u32..=12, any::<Amount>()), 0..4).prop_map(|items| {
            items
                .into_iter()
                .map(|(month, amount)| {
                    OneOffAdjustment::new("Engångspost", ym(month), amount).unwrap()
                })
                .collect()
        })
    }

    fn input_of(
        m: u32,
        outcome: &[Amount],
        budget: Amount,
        history: &[Amount],
        adjustments: &[OneOffAdjustment],
    ) -> ForecastInput {
        ForecastInput::new(ym(m), outcome.iter().copied().take(m as usize), budget)
            .unwrap()
            .with_history(history.iter().copied())
            .unwrap()
            .with_adjustments(adjustments.iter().cloned())
            .unwrap()
    }

    proptest! {
        #[test]
        fn every_method_returns_the_outcome_at_month_12(
            outcome in vec(any::<Amount>(), 12),
            budget in any::<Amount>(),
            history in history(),
            adjustments in adjustments(),
            method in method(),
        ) {
            let input = input_of(12, &outcome, budget, &history, &adjustments);
            let f = Forecast::compute(&input, &method)?;
            prop_assert_eq!(f.value(), Amount::try_sum(outcome)?);
            prop_assert!(f.is_year_closed());
            prop_assert!(f.adjustments().iter().all(|r| !r.status().is_applied()));
        }

        #[test]
        fn every_method_is_linear_in_the_outcome(
            m in 1_u32..=12,
            first in vec(any::<Amount>(), 12),
            second in vec(any::<Amount>(), 12),
            scale in -10_000_i64..10_000,
            budget in any::<Amount>(),
            history in history(),
            adjustments in adjustments(),
            method in method(),
        ) {
            let a = Decimal::new(scale, 2);
            let f = |outcome: &[Amount]| -> Amount {
                Forecast::compute(&input_of(m, outcome, budget, &history, &adjustments), &method).unwrap().value()
            };
            // What the method adds independently of the outcome (remaining budget,
            // a manual figure, adjustments): the forecast of a zero outcome.
            let c = f(&[Amount::ZERO; 12]);
            let scaled: Vec<Amount> = first.iter().map(|u| u.checked_mul(a).unwrap()).collect();
            let summed: Vec<Amount> = first.iter().zip(&second).map(|(x, y)| x.checked_add(*y).unwrap()).collect();
            let (f1, f2, fa, fs) = (f(&first), f(&second), f(&scaled), f(&summed));

            let lhs = fa.checked_sub(c)?;
            let rhs = f1.checked_sub(c)?.checked_mul(a)?;
            let scale_of = largest(&[lhs, rhs, fa, c, f1.checked_mul(a)?]);
            prop_assert!(close(lhs, rhs, scale_of), "F(aU) − c = {:?}, a(F(U) − c) = {:?}", lhs, rhs);

            let rhs = f1.checked_add(f2)?.checked_sub(c)?;
            prop_assert!(close(fs, rhs, largest(&[fs, f1, f2, c])), "F(U1 + U2) = {:?}, F(U1) + F(U2) − c = {:?}", fs, rhs);
        }

        #[test]
        fn run_rate_equals_remaining_budget_when_the_profile_is_the_outcomes_own_shape(
            m in 1_u32..12,
            magnitudes in vec(1_i64..1_000_000_000, 12),
            negative in any::<bool>(),
        ) {
            // Months 1..=m as booked, the rest at the outcome's average pace:
            // the shape a run rate assumes. The budget is that shape's total.
            let sign = if negative { -1 } else { 1 };
            let outcome: Vec<Amount> = magnitudes.iter().take(m as usize).map(|x| Amount::from_kr(sign * x)).collect();
            let u = Amount::try_sum(outcome.iter().copied())?;
            let pace = u.abs().as_kr() / Decimal::from(m);
            let weights: Vec<Decimal> = (1..=12)
                .map(|month| if month <= m { Decimal::from(magnitudes[month as usize - 1]) } else { pace })
                .collect();
            let budget = Amount::from_kr(u.as_kr() * Decimal::from(12) / Decimal::from(m));
            let input = ForecastInput::new(ym(m), outcome, budget)?;
            let own_shape = Method::RemainingBudget { periodisation: Periodisation::Profile(MonthlyProfile::try_new(weights)?) };
            let run_rate = Forecast::compute(&input, &Method::RunRate)?.value();
            let remaining = Forecast::compute(&input, &own_shape)?.value();
            prop_assert!(close(run_rate, remaining, run_rate.as_kr()), "{:?} vs {:?}", run_rate, remaining);
        }

        #[test]
        fn prior_year_profile_equals_run_rate_after_a_flat_year(
            m in 1_u32..12,
            outcome in vec(any::<Amount>(), 12),
            month_last_year in any::<Amount>(),
        ) {
            prop_assume!(!month_last_year.is_zero());
            let input = input_of(m, &outcome, Amount::ZERO, &[month_last_year; 12], &[]);
            let run_rate = Forecast::compute(&input, &Method::RunRate)?.value();
            let profile = Forecast::compute(&input, &Method::PriorYearProfile)?.value();
            prop_assert!(close(run_rate, profile, run_rate.as_kr()), "{:?} vs {:?}", run_rate, profile);
        }

        #[test]
        fn adjustments_add_exactly_their_sum(
            m in 1_u32..=12,
            outcome in vec(any::<Amount>(), 12),
            budget in any::<Amount>(),
            history in history(),
            adjustments in adjustments(),
            method in method(),
        ) {
            let with = Forecast::compute(&input_of(m, &outcome, budget, &history, &adjustments), &method)?;
            let without = Forecast::compute(&input_of(m, &outcome, budget, &history, &[]), &method)?;
            let later = Amount::try_sum(adjustments.iter().filter(|a| a.month().month() > m).map(OneOffAdjustment::amount))?;
            prop_assert_eq!(with.adjustments_applied(), later);
            prop_assert_eq!(with.before_adjustments(), without.value());
            prop_assert_eq!(with.value(), without.value().checked_add(later)?);
            prop_assert_eq!(with.adjustments().len(), adjustments.len());
        }
    }
}
