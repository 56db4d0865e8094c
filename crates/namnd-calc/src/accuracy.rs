//! Forecast accuracy, judged after year-end: how far each month's full-year
//! forecast (*helårsprognos*) was from the final outcome, whether the
//! forecasts leaned one way, and from which month they could be trusted.
//!
//! This is what a committee asks when a year-end deficit surprised it: were
//! the forecasts wrong all year, or only at the end? Were they systematically
//! rosy?
//!
//! **Signs.** Amounts are canonical (income positive, costs negative), so a
//! higher figure is always the better result. The error of month m's forecast
//! is `outcome − Fₘ`:
//! - **positive**: the year ended *better* than forecast (less cost or more
//!   income): the forecast was **pessimistic**;
//! - **negative**: the year ended *worse* than forecast: the forecast was
//!   **optimistic**, and the deficit came as a surprise.
//!
//! The bias is the mean signed error, classified as [`Bias::Pessimistic`],
//! [`Bias::Optimistic`] or, within a tolerance, [`Bias::Neutral`].
//!
//! **Percentages** are of a base the caller chooses: the line's gross cost
//! (*bruttokostnad*), never a near-zero net budget. A base below the floor
//! gives [`Percent::NotMeaningful`], not a huge number. The sign of a
//! percentage is the sign of the error (the base is taken as an absolute
//! value).
//!
//! **Precision.** Errors are exact; means divide by the number of months and
//! keep 28 significant digits.
//!
//! # Example
//! ```
//! use namnd_calc::accuracy::{AccuracyOptions, Bias, ForecastAccuracy};
//! use namnd_calc::variance::Threshold;
//! use namnd_core::{Amount, Decimal, YearMonth};
//!
//! // A cost line forecast on budget (−380 mkr) all year, ending at −395 mkr.
//! let months = [4, 6, 8, 10].map(|m| YearMonth::try_new(2025, m));
//! let forecasts = months.into_iter().map(|m| Ok((m?, Amount::from_tkr(-380_000)?)))
//!     .collect::<Result<Vec<_>, namnd_calc::CalcError>>()?;
//! let within_1_percent = Threshold::new(None, Some(Decimal::ONE))?;
//! let options = AccuracyOptions::new(Amount::from_tkr(420_000)?, Amount::from_tkr(1_000)?, within_1_percent);
//!
//! let accuracy = ForecastAccuracy::assess(forecasts, Amount::from_tkr(-395_000)?, &options)?;
//! assert_eq!(accuracy.bias(), Amount::from_tkr(-15_000)?);
//! assert_eq!(accuracy.bias_kind(), Bias::Optimistic); // the deficit was a surprise
//! assert_eq!(accuracy.stable_from(), None); // no forecast came within 1 % of gross cost
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

use std::collections::BTreeMap;

use namnd_core::{Amount, FiscalYear, YearMonth};
use rust_decimal::Decimal;

use crate::arith::{checked_div, checked_sum};
use crate::forecast::Forecast;
use crate::percent::{NotMeaningful, Percent, percent_of};
use crate::variance::Threshold;
use crate::{CalcError, Result};

/// Whether `error` (with its percentage of the base) is within `tolerance`:
/// `|error| ≤` the absolute limit, or `|percent| ≤` the percentage limit when
/// the percentage is meaningful. An error of zero is always within.
fn admits(tolerance: &Threshold, error: Amount, percent: Percent) -> bool {
    let size = error.abs();
    size.is_zero()
        || tolerance.absolute().is_some_and(|limit| size <= limit)
        || tolerance
            .percent()
            .zip(percent.value())
            .is_some_and(|(limit, p)| p.abs() <= limit)
}

/// `sum ÷ n` for a non-zero count.
fn mean(sum: Decimal, count: usize, what: &'static str) -> Result<Decimal> {
    let n = Decimal::from(count);
    if n.is_zero() {
        return Err(CalcError::Empty { what });
    }
    checked_div(sum, n)
}

/// What an accuracy assessment measures against: the base for percentages,
/// its floor, and the tolerances.
///
/// With the `serde` feature reading options checks them: each threshold as
/// [`Threshold::new`] does, and a negative base or floor is rejected.
///
/// # Example
/// ```
/// use namnd_calc::accuracy::AccuracyOptions;
/// use namnd_calc::variance::Threshold;
/// use namnd_core::{Amount, Decimal};
///
/// // Within 1 % of a gross cost of 420 mkr, or within 500 tkr; percentages
/// // are not meaningful below a base of 1 mkr. The bias counts as neutral
/// // within 2 000 tkr.
/// let options = AccuracyOptions::new(
///     Amount::from_tkr(420_000)?,
///     Amount::from_tkr(1_000)?,
///     Threshold::new(Some(Amount::from_tkr(500)?), Some(Decimal::ONE))?,
/// )
/// .with_bias_tolerance(Threshold::new(Some(Amount::from_tkr(2_000)?), None)?);
/// assert_eq!(options.bias_tolerance().absolute(), Some(Amount::from_tkr(2_000)?));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AccuracyOptionsRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AccuracyOptions {
    base: Amount,
    floor: Amount,
    tolerance: Threshold,
    bias_tolerance: Threshold,
}

/// The fields of [`AccuracyOptions`] as read, before
/// [`AccuracyOptions::new`] takes them. The thresholds are checked as they
/// are read; without `bias_tolerance` the bias is judged with `tolerance`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct AccuracyOptionsRepr {
    base: Amount,
    floor: Amount,
    tolerance: Threshold,
    #[serde(default)]
    bias_tolerance: Option<Threshold>,
}

#[cfg(feature = "serde")]
impl TryFrom<AccuracyOptionsRepr> for AccuracyOptions {
    type Error = CalcError;

    /// Rejects a negative base or floor: written options always hold their
    /// absolute values, so a negative one was not written by this crate.
    fn try_from(repr: AccuracyOptionsRepr) -> Result<Self> {
        for (what, value) in [("accuracy base", repr.base), ("accuracy floor", repr.floor)] {
            if value.is_negative() {
                return Err(CalcError::OutOfRange {
                    what,
                    value: value.as_kr().to_string(),
                    expected: "expected zero or more kronor",
                });
            }
        }
        let options = AccuracyOptions::new(repr.base, repr.floor, repr.tolerance);
        Ok(match repr.bias_tolerance {
            Some(bias_tolerance) => options.with_bias_tolerance(bias_tolerance),
            None => options,
        })
    }
}

impl AccuracyOptions {
    /// Options with `base` for percentages (gross cost; its sign is ignored),
    /// a `floor` below which percentages are not meaningful (sign ignored),
    /// and the `tolerance` a forecast must keep to count as accurate. The
    /// bias is judged with the same tolerance unless
    /// [`AccuracyOptions::with_bias_tolerance`] sets another.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::from_tkr(500)?), None)?;
    /// let options = AccuracyOptions::new(Amount::from_tkr(-420_000)?, Amount::ZERO, t);
    /// assert_eq!(options.base(), Amount::from_tkr(420_000)?);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(base: Amount, floor: Amount, tolerance: Threshold) -> AccuracyOptions {
        AccuracyOptions {
            base: base.abs(),
            floor: floor.abs(),
            tolerance,
            bias_tolerance: tolerance,
        }
    }

    /// The same options with another tolerance for a neutral bias.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::from_kr(1)), None)?;
    /// let wide = Threshold::new(Some(Amount::from_kr(9)), None)?;
    /// let options = AccuracyOptions::new(Amount::from_kr(100), Amount::ZERO, t).with_bias_tolerance(wide);
    /// assert_eq!(options.tolerance(), t);
    /// assert_eq!(options.bias_tolerance(), wide);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn with_bias_tolerance(mut self, bias_tolerance: Threshold) -> AccuracyOptions {
        self.bias_tolerance = bias_tolerance;
        self
    }

    /// The base for percentages (absolute value).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::ZERO), None)?;
    /// assert_eq!(AccuracyOptions::new(Amount::from_kr(7), Amount::ZERO, t).base(), Amount::from_kr(7));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn base(&self) -> Amount {
        self.base
    }

    /// The floor below which a base gives no meaningful percentage.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::ZERO), None)?;
    /// assert_eq!(AccuracyOptions::new(Amount::ZERO, Amount::from_kr(-5), t).floor(), Amount::from_kr(5));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn floor(&self) -> Amount {
        self.floor
    }

    /// The tolerance a month's forecast must keep to be within.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::from_kr(3)), None)?;
    /// assert_eq!(AccuracyOptions::new(Amount::ZERO, Amount::ZERO, t).tolerance(), t);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn tolerance(&self) -> Threshold {
        self.tolerance
    }

    /// The tolerance within which the bias counts as neutral.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::AccuracyOptions;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Amount;
    /// let t = Threshold::new(Some(Amount::from_kr(3)), None)?;
    /// assert_eq!(AccuracyOptions::new(Amount::ZERO, Amount::ZERO, t).bias_tolerance(), t);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn bias_tolerance(&self) -> Threshold {
        self.bias_tolerance
    }

    /// `error` as a percentage of the base.
    fn percent(&self, error: Amount) -> Percent {
        percent_of(error.as_kr(), self.base.as_kr(), self.floor.as_kr())
    }
}

/// Which way the forecasts leaned over the year.
///
/// # Example
/// ```
/// use namnd_calc::accuracy::Bias;
/// assert_eq!(Bias::Optimistic.swedish(), "optimistisk");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Bias {
    /// The mean error is positive beyond the tolerance: the year ended better
    /// than forecast; the forecasts were too gloomy (*pessimistisk*).
    Pessimistic,
    /// The mean error is negative beyond the tolerance: the year ended worse
    /// than forecast; the forecasts were too rosy (*optimistisk*).
    Optimistic,
    /// The mean error is within the tolerance (*neutral*).
    Neutral,
}

impl Bias {
    /// The Swedish word: `pessimistisk`, `optimistisk` or `neutral`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::Bias;
    /// assert_eq!(Bias::Pessimistic.swedish(), "pessimistisk");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Bias::Pessimistic => "pessimistisk",
            Bias::Optimistic => "optimistisk",
            Bias::Neutral => "neutral",
        }
    }
}

/// The error of one month's forecast.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
/// use namnd_calc::variance::Threshold;
/// use namnd_core::{Amount, Decimal, YearMonth};
///
/// let april = YearMonth::try_new(2025, 4)?;
/// let t = Threshold::new(None, Some(Decimal::ONE))?;
/// let options = AccuracyOptions::new(Amount::from_tkr(400_000)?, Amount::ZERO, t);
/// let a = ForecastAccuracy::assess([(april, Amount::from_tkr(-418_800)?)], Amount::from_tkr(-406_000)?, &options)?;
/// let e = &a.months()[0];
/// assert_eq!(e.error(), Amount::from_tkr(12_800)?); // the year ended 12,8 mkr better than April said
/// assert_eq!(e.percent().value(), Some(Decimal::new(32, 1))); // 3,2 % of gross cost
/// assert!(!e.is_within_tolerance());
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct MonthError {
    month: YearMonth,
    forecast: Amount,
    error: Amount,
    percent: Percent,
    within_tolerance: bool,
}

impl MonthError {
    /// The month the forecast was made as of.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let may = YearMonth::try_new(2025, 5)?;
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::ZERO)], Amount::ZERO, &options)?;
    /// assert_eq!(a.months()[0].month(), may);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn month(&self) -> YearMonth {
        self.month
    }

    /// The forecast made that month.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let may = YearMonth::try_new(2025, 5)?;
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(-9))], Amount::ZERO, &options)?;
    /// assert_eq!(a.months()[0].forecast(), Amount::from_kr(-9));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn forecast(&self) -> Amount {
        self.forecast
    }

    /// `outcome − forecast`: positive = the forecast was pessimistic.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let may = YearMonth::try_new(2025, 5)?;
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(-9))], Amount::from_kr(-12), &options)?;
    /// assert_eq!(a.months()[0].error(), Amount::from_kr(-3)); // optimistic by 3 kr
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn error(&self) -> Amount {
        self.error
    }

    /// The error as a percentage of the base, or not meaningful.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let may = YearMonth::try_new(2025, 5)?;
    /// // A base below the floor: no meaningful percentage.
    /// let options = AccuracyOptions::new(Amount::from_kr(1), Amount::from_kr(100), Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(-9))], Amount::from_kr(-12), &options)?;
    /// assert!(a.months()[0].percent().is_not_meaningful());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn percent(&self) -> Percent {
        self.percent
    }

    /// Whether the error is within the tolerance.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let may = YearMonth::try_new(2025, 5)?;
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::from_kr(3)), None)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(-9))], Amount::from_kr(-12), &options)?;
    /// assert!(a.months()[0].is_within_tolerance());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn is_within_tolerance(&self) -> bool {
        self.within_tolerance
    }
}

/// The accuracy of a year's forecasts against the final outcome.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::accuracy::{AccuracyOptions, Bias, ForecastAccuracy};
/// use namnd_calc::variance::Threshold;
/// use namnd_core::{Amount, Decimal, YearMonth};
///
/// // April's forecast was 12,8 mkr too gloomy; from May on the forecasts
/// // were within 1 % of the gross cost of 400 mkr.
/// let ym = |m| YearMonth::try_new(2025, m);
/// let forecasts = [(ym(4)?, Amount::from_tkr(-418_800)?), (ym(5)?, Amount::from_tkr(-404_800)?), (ym(9)?, Amount::from_tkr(-404_900)?)];
/// let options = AccuracyOptions::new(Amount::from_tkr(400_000)?, Amount::from_tkr(1_000)?, Threshold::new(None, Some(Decimal::ONE))?);
/// let a = ForecastAccuracy::assess(forecasts, Amount::from_tkr(-406_000)?, &options)?;
/// assert_eq!(a.stable_from(), Some(ym(5)?));
/// assert_eq!(a.bias(), Amount::from_tkr(3_500)?); // (12 800 − 1 200 − 1 100) / 3
/// assert_eq!(a.bias_kind(), Bias::Neutral); // 0,875 % of gross cost ≤ 1 %
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ForecastAccuracy {
    year: FiscalYear,
    outcome: Amount,
    options: AccuracyOptions,
    months: Vec<MonthError>,
    mean_absolute_error: Amount,
    mean_absolute_percentage_error: Percent,
    bias: Amount,
    bias_percent: Percent,
    bias_kind: Bias,
    stable_from: Option<YearMonth>,
}

impl ForecastAccuracy {
    /// Assesses the forecasts made as of each month (in any order; months may
    /// be missing) against the year's final `outcome` (canonical).
    ///
    /// # Errors
    /// - [`CalcError::Empty`] without forecasts;
    /// - [`CalcError::MonthOutsideYear`] if the months span more than one
    ///   fiscal year (the first month given sets the year);
    /// - [`CalcError::DuplicateMonth`] for two forecasts as of the same month;
    /// - [`CalcError::Core`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, accuracy::{AccuracyOptions, ForecastAccuracy}};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    ///
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let may = YearMonth::try_new(2025, 5)?;
    /// let twice = [(may, Amount::ZERO), (may, Amount::from_kr(1))];
    /// assert!(matches!(ForecastAccuracy::assess(twice, Amount::ZERO, &options), Err(CalcError::DuplicateMonth { .. })));
    /// assert!(matches!(ForecastAccuracy::assess([], Amount::ZERO, &options), Err(CalcError::Empty { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn assess(
        forecasts: impl IntoIterator<Item = (YearMonth, Amount)>,
        outcome: Amount,
        options: &AccuracyOptions,
    ) -> Result<ForecastAccuracy> {
        let mut by_month: BTreeMap<YearMonth, Amount> = BTreeMap::new();
        let mut year = None;
        for (month, forecast) in forecasts {
            let expected = *year.get_or_insert(month.fiscal_year());
            if month.fiscal_year() != expected {
                return Err(CalcError::MonthOutsideYear {
                    what: "forecast",
                    month,
                    year: expected,
                });
            }
            if by_month.insert(month, forecast).is_some() {
                return Err(CalcError::DuplicateMonth {
                    what: "forecasts",
                    month,
                });
            }
        }
        let year = year.ok_or(CalcError::Empty { what: "forecasts" })?;

        let months = by_month
            .into_iter()
            .map(|(month, forecast)| {
                let error = outcome.checked_sub(forecast)?;
                let percent = options.percent(error);
                Ok(MonthError {
                    month,
                    forecast,
                    error,
                    percent,
                    within_tolerance: admits(&options.tolerance, error, percent),
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let count = months.len();
        let signed = Amount::try_sum(months.iter().map(|e| e.error))?;
        let absolute = Amount::try_sum(months.iter().map(|e| e.error.abs()))?;
        let bias = Amount::from_kr(mean(signed.as_kr(), count, "forecasts")?);
        let mean_absolute_error = Amount::from_kr(mean(absolute.as_kr(), count, "forecasts")?);
        let bias_percent = options.percent(bias);
        let bias_kind = if admits(&options.bias_tolerance, bias, bias_percent) {
            Bias::Neutral
        } else if bias.is_positive() {
            Bias::Pessimistic
        } else {
            Bias::Optimistic
        };

        Ok(ForecastAccuracy {
            year,
            outcome,
            options: *options,
            mean_absolute_percentage_error: mean_absolute_percentage(&months)?,
            stable_from: stable_from(&months),
            months,
            mean_absolute_error,
            bias,
            bias_percent,
            bias_kind,
        })
    }

    /// As [`ForecastAccuracy::assess`], taking each forecast's as-of month and
    /// value from [`Forecast`] records.
    ///
    /// # Errors
    /// As [`ForecastAccuracy::assess`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::forecast::{Forecast, ForecastInput, Method};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    ///
    /// let budget = Amount::from_kr(-1_200);
    /// let march = ForecastInput::new(YearMonth::try_new(2025, 3)?, [Amount::from_kr(-100); 3], budget)?;
    /// let june = ForecastInput::new(YearMonth::try_new(2025, 6)?, [Amount::from_kr(-110); 6], budget)?;
    /// let forecasts = [Forecast::compute(&march, &Method::RunRate)?, Forecast::compute(&june, &Method::RunRate)?];
    /// let options = AccuracyOptions::new(Amount::from_kr(1_300), Amount::ZERO, Threshold::new(Some(Amount::from_kr(50)), None)?);
    /// let a = ForecastAccuracy::of_forecasts(&forecasts, Amount::from_kr(-1_300), &options)?;
    /// assert_eq!(a.stable_from(), Some(YearMonth::try_new(2025, 6)?)); // −1 320 is 20 kr off
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn of_forecasts<'a>(
        forecasts: impl IntoIterator<Item = &'a Forecast>,
        outcome: Amount,
        options: &AccuracyOptions,
    ) -> Result<ForecastAccuracy> {
        ForecastAccuracy::assess(
            forecasts.into_iter().map(|f| (f.as_of(), f.value())),
            outcome,
            options,
        )
    }

    /// The fiscal year assessed.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, FiscalYear, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(YearMonth::try_new(2025, 5)?, Amount::ZERO)], Amount::ZERO, &options)?;
    /// assert_eq!(a.year(), FiscalYear::try_new(2025)?);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The final outcome the forecasts are judged against.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(YearMonth::try_new(2025, 5)?, Amount::ZERO)], Amount::from_kr(-4), &options)?;
    /// assert_eq!(a.outcome(), Amount::from_kr(-4));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn outcome(&self) -> Amount {
        self.outcome
    }

    /// The options used.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::from_kr(10), Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(YearMonth::try_new(2025, 5)?, Amount::ZERO)], Amount::ZERO, &options)?;
    /// assert_eq!(a.options(), &options);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn options(&self) -> &AccuracyOptions {
        &self.options
    }

    /// The error of each month's forecast, in month order.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let (may, june) = (YearMonth::try_new(2025, 5)?, YearMonth::try_new(2025, 6)?);
    /// let a = ForecastAccuracy::assess([(june, Amount::ZERO), (may, Amount::ZERO)], Amount::ZERO, &options)?;
    /// assert_eq!(a.months().iter().map(|e| e.month()).collect::<Vec<_>>(), [may, june]);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn months(&self) -> &[MonthError] {
        &self.months
    }

    /// The mean absolute error, in kronor.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let (may, june) = (YearMonth::try_new(2025, 5)?, YearMonth::try_new(2025, 6)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(4)), (june, Amount::from_kr(-2))], Amount::ZERO, &options)?;
    /// assert_eq!(a.mean_absolute_error(), Amount::from_kr(3));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn mean_absolute_error(&self) -> Amount {
        self.mean_absolute_error
    }

    /// The mean absolute percentage error (MAPE) over the months whose
    /// percentage is meaningful; not meaningful if none is. With one base for
    /// the whole year this is the mean absolute error as a percentage of it.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, Decimal, YearMonth};
    /// let options = AccuracyOptions::new(Amount::from_kr(200), Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let (may, june) = (YearMonth::try_new(2025, 5)?, YearMonth::try_new(2025, 6)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(4)), (june, Amount::from_kr(-2))], Amount::ZERO, &options)?;
    /// assert_eq!(a.mean_absolute_percentage_error().value(), Some(Decimal::new(15, 1))); // (2 % + 1 %) / 2
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn mean_absolute_percentage_error(&self) -> Percent {
        self.mean_absolute_percentage_error
    }

    /// The bias: the mean signed error `outcome − Fₘ`. Positive: the forecasts
    /// were pessimistic; negative: optimistic.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let (may, june) = (YearMonth::try_new(2025, 5)?, YearMonth::try_new(2025, 6)?);
    /// let a = ForecastAccuracy::assess([(may, Amount::from_kr(4)), (june, Amount::from_kr(-2))], Amount::ZERO, &options)?;
    /// assert_eq!(a.bias(), Amount::from_kr(-1)); // errors −4 and +2
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn bias(&self) -> Amount {
        self.bias
    }

    /// The bias as a percentage of the base.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, Decimal, YearMonth};
    /// let options = AccuracyOptions::new(Amount::from_kr(100), Amount::ZERO, Threshold::new(Some(Amount::ZERO), None)?);
    /// let a = ForecastAccuracy::assess([(YearMonth::try_new(2025, 5)?, Amount::from_kr(4))], Amount::ZERO, &options)?;
    /// assert_eq!(a.bias_percent().value(), Some(Decimal::from(-4)));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn bias_percent(&self) -> Percent {
        self.bias_percent
    }

    /// Pessimistic, optimistic or neutral (within the bias tolerance).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, Bias, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::from_kr(1)), None)?);
    /// let a = ForecastAccuracy::assess([(YearMonth::try_new(2025, 5)?, Amount::from_kr(-9))], Amount::ZERO, &options)?;
    /// assert_eq!(a.bias_kind(), Bias::Pessimistic); // forecast −9, ended at 0
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn bias_kind(&self) -> Bias {
        self.bias_kind
    }

    /// The first month from which every later forecast (that month's
    /// included) stayed within the tolerance; `None` if the last forecast was
    /// outside it. Months without a forecast are skipped.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::accuracy::{AccuracyOptions, ForecastAccuracy};
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::{Amount, YearMonth};
    /// let options = AccuracyOptions::new(Amount::ZERO, Amount::ZERO, Threshold::new(Some(Amount::from_kr(1)), None)?);
    /// let ym = |m| YearMonth::try_new(2025, m);
    /// let forecasts = [(ym(3)?, Amount::ZERO), (ym(5)?, Amount::from_kr(5)), (ym(7)?, Amount::ZERO), (ym(9)?, Amount::from_kr(1))];
    /// let a = ForecastAccuracy::assess(forecasts, Amount::ZERO, &options)?;
    /// assert_eq!(a.stable_from(), Some(ym(7)?)); // May was 5 kr off
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn stable_from(&self) -> Option<YearMonth> {
        self.stable_from
    }
}

/// The mean of the meaningful absolute percentages, or why there is none.
fn mean_absolute_percentage(months: &[MonthError]) -> Result<Percent> {
    let meaningful: Vec<Decimal> = months
        .iter()
        .filter_map(|e| e.percent.value())
        .map(|p| p.abs())
        .collect();
    if meaningful.is_empty() {
        let reason = months
            .iter()
            .find_map(|e| match e.percent {
                Percent::NotMeaningful(reason) => Some(reason),
                Percent::Value(_) => None,
            })
            .unwrap_or(NotMeaningful::ZeroBase);
        return Ok(Percent::NotMeaningful(reason));
    }
    let sum = checked_sum(&meaningful)?;
    Ok(Percent::Value(mean(
        sum,
        meaningful.len(),
        "meaningful percentages",
    )?))
}

/// The first month of the trailing run of months within tolerance.
fn stable_from(months: &[MonthError]) -> Option<YearMonth> {
    months
        .iter()
        .rev()
        .take_while(|e| e.within_tolerance)
        .last()
        .map(|e| e.month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::{btree_map, btree_set};
    use proptest::prelude::*;

    fn tkr(v: i64) -> Amount {
        Amount::from_tkr(v).unwrap()
    }

    fn ym(month: u32) -> YearMonth {
        YearMonth::try_new(2025, month).unwrap()
    }

    fn percent_tolerance(p: i64) -> Threshold {
        Threshold::new(None, Some(Decimal::from(p))).unwrap()
    }

    #[test]
    fn a_committee_surprised_by_a_deficit_had_optimistic_forecasts() {
        // Forecast on budget (−380 mkr) all year; the year ended at −395 mkr.
        let forecasts = (3..=11).map(|m| (ym(m), tkr(-380_000)));
        let options = AccuracyOptions::new(tkr(420_000), tkr(1_000), percent_tolerance(1));
        let a = ForecastAccuracy::assess(forecasts, tkr(-395_000), &options).unwrap();
        assert!(
            a.months()
                .iter()
                .all(|e| e.error() == tkr(-15_000) && !e.is_within_tolerance())
        );
        assert_eq!(a.bias(), tkr(-15_000));
        assert_eq!(a.bias_kind(), Bias::Optimistic);
        assert_eq!(a.stable_from(), None);
        assert_eq!(a.mean_absolute_error(), tkr(15_000));
        // 15 000 / 420 000 = 3,571… %
        let mape = a.mean_absolute_percentage_error().value().unwrap();
        assert!(mape > Decimal::new(357, 2) && mape < Decimal::new(358, 2));
        assert_eq!(a.bias_percent().value().map(|p| -p), Some(mape));
    }

    #[test]
    fn a_gloomy_spring_then_steady_forecasts_is_stable_from_may() {
        // April −418,8 mkr (Flen's first forecast of the new committee), then close to the outcome.
        let forecasts = [
            (ym(4), tkr(-418_800)),
            (ym(5), tkr(-404_800)),
            (ym(8), tkr(-406_500)),
            (ym(11), tkr(-404_800)),
        ];
        let options = AccuracyOptions::new(tkr(400_000), tkr(1_000), percent_tolerance(1))
            .with_bias_tolerance(Threshold::new(Some(tkr(500)), None).unwrap());
        let a = ForecastAccuracy::assess(forecasts, tkr(-406_000), &options).unwrap();
        let errors: Vec<Amount> = a.months().iter().map(MonthError::error).collect();
        assert_eq!(errors, [tkr(12_800), tkr(-1_200), tkr(500), tkr(-1_200)]);
        assert_eq!(a.stable_from(), Some(ym(5)));
        assert_eq!(a.bias(), tkr(2_725));
        assert_eq!(a.bias_kind(), Bias::Pessimistic);
        assert_eq!(a.year(), FiscalYear::try_new(2025).unwrap());
    }

    #[test]
    fn a_base_below_the_floor_gives_no_percentages_but_amounts_still_count() {
        // A near-zero net budget must not be the base: 937 tkr on 1 tkr is noise.
        let options = AccuracyOptions::new(
            tkr(1),
            tkr(100),
            Threshold::new(Some(tkr(50)), Some(Decimal::ONE)).unwrap(),
        );
        let a =
            ForecastAccuracy::assess([(ym(6), tkr(900)), (ym(9), tkr(960))], tkr(937), &options)
                .unwrap();
        assert!(a.months().iter().all(|e| e.percent().is_not_meaningful()));
        assert_eq!(
            a.mean_absolute_percentage_error(),
            Percent::NotMeaningful(NotMeaningful::BaseBelowFloor)
        );
        assert!(a.bias_percent().is_not_meaningful());
        assert_eq!(a.stable_from(), Some(ym(6))); // 37 and 23 tkr are within 50 tkr
        // With only a percentage tolerance nothing but an exact forecast is within.
        let options = AccuracyOptions::new(tkr(1), tkr(100), percent_tolerance(5));
        let a =
            ForecastAccuracy::assess([(ym(6), tkr(900)), (ym(9), tkr(937))], tkr(937), &options)
                .unwrap();
        assert_eq!(a.stable_from(), Some(ym(9)));
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let options = AccuracyOptions::new(tkr(1), Amount::ZERO, percent_tolerance(1));
        assert_eq!(
            ForecastAccuracy::assess([], Amount::ZERO, &options),
            Err(CalcError::Empty { what: "forecasts" })
        );
        assert_eq!(
            ForecastAccuracy::assess([(ym(3), tkr(1)), (ym(3), tkr(1))], Amount::ZERO, &options),
            Err(CalcError::DuplicateMonth {
                what: "forecasts",
                month: ym(3)
            })
        );
        let next_january = YearMonth::try_new(2026, 1).unwrap();
        let err = ForecastAccuracy::assess(
            [(ym(3), tkr(1)), (next_january, tkr(1))],
            Amount::ZERO,
            &options,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "forecast 2026-01 is outside fiscal year 2025"
        );
        let huge = Amount::from_kr(Decimal::MAX);
        assert!(matches!(
            ForecastAccuracy::assess([(ym(3), huge.negated())], huge, &options),
            Err(CalcError::Core(_))
        ));
    }

    #[test]
    fn forecast_records_can_be_assessed_directly() {
        use crate::forecast::{ForecastInput, Method};
        let budget = tkr(-12_000);
        let forecasts: Vec<Forecast> = [3_u32, 6, 9]
            .into_iter()
            .map(|m| {
                let input =
                    ForecastInput::new(ym(m), vec![tkr(-1_050); m as usize], budget).unwrap();
                Forecast::compute(&input, &Method::RunRate).unwrap()
            })
            .collect();
        let options = AccuracyOptions::new(tkr(12_600), Amount::ZERO, percent_tolerance(1));
        let a = ForecastAccuracy::of_forecasts(&forecasts, tkr(-12_600), &options).unwrap();
        assert!(a.months().iter().all(|e| e.error().is_zero()));
        assert_eq!(a.stable_from(), Some(ym(3)));
    }

    fn forecasts_near(outcome: i64) -> impl Strategy<Value = BTreeMap<u32, i64>> {
        btree_map(
            1_u32..=12,
            (-1_000_000_i64..1_000_000).prop_map(move |d| outcome + d),
            1..=12,
        )
    }

    proptest! {
        #[test]
        fn a_perfect_forecast_has_zero_error_and_zero_bias(
            months in btree_set(1_u32..=12, 1..=12),
            outcome in any::<Amount>(),
            base in any::<Amount>(),
            floor in any::<Amount>(),
        ) {
            let options = AccuracyOptions::new(base, floor, Threshold::new(Some(Amount::ZERO), None)?);
            let a = ForecastAccuracy::assess(months.iter().map(|m| (ym(*m), outcome)), outcome, &options)?;
            prop_assert!(a.months().iter().all(|e| e.error().is_zero() && e.is_within_tolerance()));
            prop_assert!(a.mean_absolute_error().is_zero());
            prop_assert!(a.bias().is_zero());
            prop_assert_eq!(a.bias_kind(), Bias::Neutral);
            prop_assert!(a.mean_absolute_percentage_error().value().is_none_or(|p| p.is_zero()));
            prop_assert_eq!(a.stable_from(), months.first().map(|m| ym(*m)));
        }

        #[test]
        fn the_stability_month_is_monotone_in_the_tolerance(
            outcome in -1_000_000_000_i64..1_000_000_000,
            deltas in forecasts_near(0),
            narrow in (0_i64..1_000_000, 0_i64..500),
            widen in (0_i64..1_000_000, 0_i64..500),
            base in 1_i64..100_000_000,
        ) {
            let forecasts: Vec<(YearMonth, Amount)> =
                deltas.iter().map(|(m, d)| (ym(*m), Amount::from_kr(outcome + d))).collect();
            let threshold = |(kr, hundredths): (i64, i64)| {
                Threshold::new(Some(Amount::from_kr(kr)), Some(Decimal::new(hundredths, 2)))
            };
            let narrow_t = threshold(narrow)?;
            let wide_t = threshold((narrow.0 + widen.0, narrow.1 + widen.1))?;
            let stable = |t: Threshold| -> Result<u32> {
                let options = AccuracyOptions::new(Amount::from_kr(base), Amount::ZERO, t);
                let a = ForecastAccuracy::assess(forecasts.iter().copied(), Amount::from_kr(outcome), &options)?;
                Ok(a.stable_from().map_or(13, YearMonth::month))
            };
            prop_assert!(stable(wide_t)? <= stable(narrow_t)?);
        }
    }

    #[cfg(feature = "serde")]
    mod json {
        use super::*;

        fn options(json: &str) -> serde_json::Result<AccuracyOptions> {
            serde_json::from_str(json)
        }

        #[test]
        fn invalid_options_are_rejected_when_read() {
            let one_percent = r#"{"absolute":null,"percent":"1"}"#;
            for bad in [
                // A threshold without limits, and one with a negative limit.
                r#"{"base":"420000000","floor":"0","tolerance":{"absolute":null,"percent":null}}"#
                    .to_owned(),
                format!(
                    r#"{{"base":"420000000","floor":"0","tolerance":{one_percent},"bias_tolerance":{{"absolute":"-1","percent":null}}}}"#
                ),
                // A negative base or floor is never written by this crate.
                format!(r#"{{"base":"-420000000","floor":"0","tolerance":{one_percent}}}"#),
                format!(r#"{{"base":"420000000","floor":"-1","tolerance":{one_percent}}}"#),
                format!(r#"{{"base":"420000000","tolerance":{one_percent}}}"#),
            ] {
                assert!(options(&bad).is_err(), "{bad} was accepted");
            }
        }

        #[test]
        fn valid_options_round_trip() {
            let tolerance = Threshold::new(Some(tkr(500)), Some(Decimal::ONE)).unwrap();
            let wide = Threshold::new(Some(tkr(2_000)), None).unwrap();
            let written = AccuracyOptions::new(tkr(-420_000), tkr(1_000), tolerance)
                .with_bias_tolerance(wide);
            let json = serde_json::to_string(&written).unwrap();
            assert_eq!(options(&json).unwrap(), written);
            // Without a bias tolerance the bias is judged with the tolerance.
            let read = options(r#"{"base":"420000000","floor":"1000000","tolerance":{"absolute":"500000","percent":"1"}}"#).unwrap();
            assert_eq!(
                read,
                AccuracyOptions::new(tkr(420_000), tkr(1_000), tolerance)
            );
        }

        #[test]
        fn results_serialise_for_reports() {
            let options = AccuracyOptions::new(tkr(400_000), Amount::ZERO, percent_tolerance(1));
            let a = ForecastAccuracy::assess([(ym(4), tkr(-418_800))], tkr(-406_000), &options)
                .unwrap();
            let json = serde_json::to_value(&a).unwrap();
            assert_eq!(json["bias"], serde_json::json!("12800000"));
            assert_eq!(json["bias_kind"], serde_json::json!("pessimistic"));
            assert_eq!(
                json["months"][0]["month"],
                serde_json::to_value(ym(4)).unwrap()
            );
            assert_eq!(
                json["months"][0]["within_tolerance"],
                serde_json::json!(false)
            );
        }
    }
}
