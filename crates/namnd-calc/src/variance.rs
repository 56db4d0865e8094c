//! Variance (*avvikelse*) of a budget line against its outcome or forecast,
//! percent variance, traffic-light bands, and the change since the previous
//! forecast.
//!
//! Every variance here is favourable-positive ([`Variance`]): a surplus
//! (*överskott*) is positive whatever sign convention the table used. The
//! inputs are [`Stated`] amounts, so the caller always names the convention
//! the figures were printed in.

use core::fmt;

use namnd_core::{Amount, Decimal, Stated, Variance};

use crate::percent::{Percent, percent_of};
use crate::{CalcError, Result};

/// What a budget was compared with.
///
/// # Example
/// ```
/// use namnd_calc::variance::Compared;
/// assert_eq!(Compared::Forecast.swedish(), "prognosavvikelse");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Compared {
    /// The outcome (*utfall*), to date or for the full year.
    Outcome,
    /// The full-year forecast (*helårsprognos*): a *prognosavvikelse*.
    Forecast,
}

impl Compared {
    /// The Swedish name of the variance: `avvikelse` or `prognosavvikelse`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::Compared;
    /// assert_eq!(Compared::Outcome.swedish(), "avvikelse");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Compared::Outcome => "avvikelse",
            Compared::Forecast => "prognosavvikelse",
        }
    }
}

/// A budget line's variance: the budget and the figure it was compared with,
/// both held canonically (income positive, costs negative), and the
/// favourable-positive [`Variance`].
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::variance::LineVariance;
/// use namnd_core::{Amount, SignConvention, Stated};
///
/// // Flen, månadsrapport November 2023, printed costs-positive (convention B).
/// let b = SignConvention::BudgetMinusOutcome;
/// let line = LineVariance::of_outcome(
///     Stated::new(Amount::from_tkr(72_473)?, b),
///     Stated::new(Amount::from_tkr(98_184)?, b),
/// )?;
/// // Printed −25 711 in Flen's table: variances are favourable-positive in every convention.
/// assert_eq!(line.variance().amount(), Amount::from_tkr(-25_711)?);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LineVariance {
    budget: Amount,
    actual: Amount,
    compared: Compared,
    variance: Variance,
}

impl LineVariance {
    /// The variance of an outcome against its budget, each stated under its
    /// own (named) convention.
    ///
    /// # Errors
    /// [`CalcError::Core`] with an overflow if the difference is out of range.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, SignConvention, Stated};
    ///
    /// // Gnesta, årsredovisning 2022 (convention A): budget −263 094, utfall −263 062.
    /// let a = SignConvention::OutcomeMinusBudget;
    /// let line = LineVariance::of_outcome(
    ///     Stated::new(Amount::from_tkr(-263_094)?, a),
    ///     Stated::new(Amount::from_tkr(-263_062)?, a),
    /// )?;
    /// assert_eq!(line.variance().amount(), Amount::from_tkr(32)?);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn of_outcome(budget: Stated, outcome: Stated) -> Result<LineVariance> {
        LineVariance::new(budget, outcome, Compared::Outcome)
    }

    /// The variance of a full-year forecast against the budget
    /// (*prognosavvikelse*), each stated under its own (named) convention.
    ///
    /// # Errors
    /// [`CalcError::Core`] with an overflow if the difference is out of range.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, SignConvention, Stated};
    ///
    /// // Convention C: income budget −1 000, forecast −1 100 → +100 (more income).
    /// let c = SignConvention::BudgetMinusForecast;
    /// let line = LineVariance::of_forecast(
    ///     Stated::new(Amount::from_tkr(-1_000)?, c),
    ///     Stated::new(Amount::from_tkr(-1_100)?, c),
    /// )?;
    /// assert_eq!(line.variance().amount(), Amount::from_tkr(100)?);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn of_forecast(budget: Stated, forecast: Stated) -> Result<LineVariance> {
        LineVariance::new(budget, forecast, Compared::Forecast)
    }

    fn new(budget: Stated, actual: Stated, compared: Compared) -> Result<LineVariance> {
        Ok(LineVariance {
            budget: budget.canonical(),
            actual: actual.canonical(),
            compared,
            variance: Variance::between(budget, actual)?,
        })
    }

    /// The favourable-positive variance.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let a = SignConvention::OutcomeMinusBudget;
    /// let line = LineVariance::of_outcome(Stated::new(Amount::from_kr(-877), a), Stated::new(Amount::from_kr(-917), a))?;
    /// assert!(!line.variance().is_favourable());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn variance(&self) -> Variance {
        self.variance
    }

    /// The budget, canonical (income positive, costs negative).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let b = SignConvention::BudgetMinusOutcome;
    /// let line = LineVariance::of_outcome(Stated::new(Amount::from_kr(100), b), Stated::new(Amount::from_kr(90), b))?;
    /// assert_eq!(line.budget(), Amount::from_kr(-100)); // a cost
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The outcome or forecast, canonical.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let b = SignConvention::BudgetMinusOutcome;
    /// let line = LineVariance::of_outcome(Stated::new(Amount::from_kr(100), b), Stated::new(Amount::from_kr(90), b))?;
    /// assert_eq!(line.actual(), Amount::from_kr(-90));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn actual(&self) -> Amount {
        self.actual
    }

    /// Whether the budget was compared with the outcome or the forecast.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Compared, LineVariance};
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let c = SignConvention::BudgetMinusForecast;
    /// let line = LineVariance::of_forecast(Stated::new(Amount::ZERO, c), Stated::new(Amount::ZERO, c))?;
    /// assert_eq!(line.compared(), Compared::Forecast);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn compared(&self) -> Compared {
        self.compared
    }

    /// The variance in percent of the budget's absolute value, or
    /// [`Percent::NotMeaningful`] when `|budget|` is below `floor`: a line with a
    /// budget of 1 tkr and an outcome of 937 tkr has no meaningful percentage.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::LineVariance;
    /// use namnd_core::{Amount, Decimal, SignConvention, Stated};
    ///
    /// let a = SignConvention::OutcomeMinusBudget;
    /// let integration = LineVariance::of_outcome(
    ///     Stated::new(Amount::from_tkr(1)?, a),
    ///     Stated::new(Amount::from_tkr(938)?, a),
    /// )?;
    /// assert!(integration.percent(Amount::from_tkr(100)?).is_not_meaningful());
    ///
    /// let stab = LineVariance::of_outcome(
    ///     Stated::new(Amount::from_tkr(-1_000)?, a),
    ///     Stated::new(Amount::from_tkr(-1_050)?, a),
    /// )?;
    /// assert_eq!(stab.percent(Amount::from_tkr(100)?).value(), Some(Decimal::from(-5)));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn percent(&self, floor: Amount) -> Percent {
        percent_of(
            self.variance.amount().as_kr(),
            self.budget.abs().as_kr(),
            floor.abs().as_kr(),
        )
    }

    /// The traffic light of this variance under `bands`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Bands, LineVariance, Threshold, TrafficLight};
    /// use namnd_core::{Amount, Decimal, SignConvention, Stated};
    ///
    /// let bands = Bands::new(
    ///     Threshold::new(Some(Amount::from_tkr(500)?), Some(Decimal::ONE))?,
    ///     Threshold::new(Some(Amount::from_tkr(2_000)?), Some(Decimal::from(3)))?,
    /// )?;
    /// let a = SignConvention::OutcomeMinusBudget;
    /// let line = LineVariance::of_outcome(
    ///     Stated::new(Amount::from_tkr(-182_580)?, a),
    ///     Stated::new(Amount::from_tkr(-186_000)?, a),
    /// )?;
    /// // 3 420 tkr is 1,9 % of the budget: beyond green, within 3 %.
    /// assert_eq!(line.traffic_light(&bands), TrafficLight::Yellow);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn traffic_light(&self, bands: &Bands) -> TrafficLight {
        bands.classify(self.variance, self.budget)
    }
}

/// A traffic-light status (*grön / gul / röd*).
///
/// # Example
/// ```
/// use namnd_calc::variance::TrafficLight;
/// assert_eq!(TrafficLight::Red.swedish(), "röd");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum TrafficLight {
    /// Within the green threshold (*grön*).
    Green,
    /// Beyond green, within the yellow threshold (*gul*).
    Yellow,
    /// Beyond the yellow threshold (*röd*).
    Red,
}

impl TrafficLight {
    /// The Swedish colour: `grön`, `gul` or `röd`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::TrafficLight;
    /// assert_eq!(TrafficLight::Green.swedish(), "grön");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            TrafficLight::Green => "grön",
            TrafficLight::Yellow => "gul",
            TrafficLight::Red => "röd",
        }
    }
}

impl fmt::Display for TrafficLight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

/// How far a variance may go and still be within a band: an absolute amount,
/// a percentage of the budget, or both. A variance is within the threshold
/// when it is within **either** limit ("within ±1 % or ±500 tkr").
///
/// With the `serde` feature a threshold is written as
/// `{"absolute": "500000", "percent": "1"}` (either may be `null` or left
/// out), and reading it checks it as [`Threshold::new`] does.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, variance::Threshold};
/// use namnd_core::{Amount, Decimal};
/// let t = Threshold::new(Some(Amount::from_tkr(500)?), Some(Decimal::ONE))?;
/// assert_eq!(t.absolute(), Some(Amount::from_tkr(500)?));
/// assert_eq!(Threshold::new(None, None), Err(CalcError::EmptyThreshold));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ThresholdRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Threshold {
    absolute: Option<Amount>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    percent: Option<Decimal>,
}

/// The fields of a [`Threshold`] as read, before [`Threshold::new`] checks them.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ThresholdRepr {
    #[serde(default)]
    absolute: Option<Amount>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    percent: Option<Decimal>,
}

#[cfg(feature = "serde")]
impl TryFrom<ThresholdRepr> for Threshold {
    type Error = CalcError;

    fn try_from(repr: ThresholdRepr) -> Result<Self> {
        Threshold::new(repr.absolute, repr.percent)
    }
}

impl Threshold {
    /// A threshold of `absolute` kronor and/or `percent` percent of the budget.
    ///
    /// # Errors
    /// [`CalcError::EmptyThreshold`] if both are `None`;
    /// [`CalcError::NegativeThreshold`] naming the limit if either is negative.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, variance::Threshold};
    /// use namnd_core::Decimal;
    /// let one_percent = Threshold::new(None, Some(Decimal::ONE))?;
    /// assert_eq!(one_percent.percent(), Some(Decimal::ONE));
    /// assert_eq!(
    ///     Threshold::new(None, Some(Decimal::from(-1))),
    ///     Err(CalcError::NegativeThreshold { limit: "percent", value: Decimal::from(-1) })
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(absolute: Option<Amount>, percent: Option<Decimal>) -> Result<Threshold> {
        if absolute.is_none() && percent.is_none() {
            return Err(CalcError::EmptyThreshold);
        }
        if let Some(limit) = absolute.filter(|a| a.is_negative()) {
            return Err(CalcError::NegativeThreshold {
                limit: "absolute",
                value: limit.as_kr(),
            });
        }
        if let Some(limit) = percent.filter(|p| p.is_sign_negative() && !p.is_zero()) {
            return Err(CalcError::NegativeThreshold {
                limit: "percent",
                value: limit,
            });
        }
        Ok(Threshold { absolute, percent })
    }

    /// The absolute limit, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Decimal;
    /// assert_eq!(Threshold::new(None, Some(Decimal::ONE))?.absolute(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn absolute(&self) -> Option<Amount> {
        self.absolute
    }

    /// The percentage limit, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Decimal;
    /// assert_eq!(Threshold::new(None, Some(Decimal::ONE))?.percent(), Some(Decimal::ONE));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn percent(&self) -> Option<Decimal> {
        self.percent
    }

    /// Whether `variance` (against `budget`) is within this threshold.
    fn admits(&self, variance: Variance, budget: Amount) -> bool {
        let size = variance.amount().abs();
        let within_absolute = self.absolute.is_some_and(|limit| size <= limit);
        let within_percent = self.percent.is_some_and(|limit| {
            percent_of(size.as_kr(), budget.abs().as_kr(), Decimal::ZERO)
                .value()
                .is_some_and(|p| p <= limit)
        });
        within_absolute || within_percent
    }

    /// Checks that every variance within `green` (self) is also within
    /// `yellow`: each limit no larger, and no limit the yellow lacks.
    fn check_inside(&self, yellow: &Threshold) -> Result<()> {
        let limits = [
            (
                "absolute",
                self.absolute.map(Amount::as_kr),
                yellow.absolute.map(Amount::as_kr),
            ),
            ("percent", self.percent, yellow.percent),
        ];
        for (limit, green, yellow) in limits {
            match (green, yellow) {
                (Some(green), Some(yellow)) if green > yellow => {
                    return Err(CalcError::InvalidBands {
                        limit,
                        green,
                        yellow,
                    });
                }
                (Some(green), None) => {
                    return Err(CalcError::GreenLimitWithoutYellow { limit, green });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Traffic-light bands for variances: green within the green threshold,
/// yellow within the yellow one, red beyond. By default a favourable variance
/// (a surplus) is classified by its size like a deficit, since a large
/// surplus is also a planning miss; [`Bands::surplus_is_green`] turns that off.
///
/// With the `serde` feature bands are written as
/// `{"green": {…}, "yellow": {…}, "surplus_is_green": false}`
/// (`surplus_is_green` may be left out), and reading them checks them as
/// [`Bands::new`] does.
///
/// # Example
/// ```
/// use namnd_calc::variance::{Bands, Threshold, TrafficLight};
/// use namnd_core::{Amount, Decimal, Variance};
///
/// let bands = Bands::new(
///     Threshold::new(Some(Amount::from_tkr(500)?), Some(Decimal::ONE))?,
///     Threshold::new(Some(Amount::from_tkr(2_000)?), Some(Decimal::from(5)))?,
/// )?;
/// let budget = Amount::from_tkr(-100_000)?;
/// let deficit = |tkr| -> Result<Variance, namnd_core::CoreError> { Ok(Variance::from_favourable(Amount::from_tkr(tkr)?)) };
/// assert_eq!(bands.classify(deficit(-400)?, budget), TrafficLight::Green);
/// assert_eq!(bands.classify(deficit(-900)?, budget), TrafficLight::Green); // 0,9 %
/// assert_eq!(bands.classify(deficit(-3_000)?, budget), TrafficLight::Yellow); // 3 %
/// assert_eq!(bands.classify(deficit(-6_000)?, budget), TrafficLight::Red);
/// assert_eq!(bands.surplus_is_green(true).classify(deficit(6_000)?, budget), TrafficLight::Green);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "BandsRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Bands {
    green: Threshold,
    yellow: Threshold,
    surplus_is_green: bool,
}

/// The fields of [`Bands`] as read, before [`Bands::new`] checks them.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct BandsRepr {
    green: Threshold,
    yellow: Threshold,
    #[serde(default)]
    surplus_is_green: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<BandsRepr> for Bands {
    type Error = CalcError;

    fn try_from(repr: BandsRepr) -> Result<Self> {
        Ok(Bands::new(repr.green, repr.yellow)?.surplus_is_green(repr.surplus_is_green))
    }
}

impl Bands {
    /// Bands with a green and a yellow threshold; the green one must lie inside
    /// the yellow one (each limit no larger, and no limit the yellow lacks).
    ///
    /// # Errors
    /// [`CalcError::InvalidBands`] naming the limit if a green limit is larger
    /// than the yellow one; [`CalcError::GreenLimitWithoutYellow`] if green
    /// has a limit that yellow lacks.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, variance::{Bands, Threshold, TrafficLight}};
    /// use namnd_core::{Amount, Decimal, Variance};
    /// let wide = Threshold::new(None, Some(Decimal::from(5)))?;
    /// let narrow = Threshold::new(None, Some(Decimal::ONE))?;
    /// let bands = Bands::new(narrow, wide)?;
    /// // A deficit of 3 % of the budget: beyond green's 1 %, within yellow's 5 %.
    /// let deficit = Variance::from_favourable(Amount::from_kr(-3));
    /// assert_eq!(bands.classify(deficit, Amount::from_kr(-100)), TrafficLight::Yellow);
    /// assert_eq!(
    ///     Bands::new(wide, narrow),
    ///     Err(CalcError::InvalidBands { limit: "percent", green: Decimal::from(5), yellow: Decimal::ONE })
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(green: Threshold, yellow: Threshold) -> Result<Bands> {
        green.check_inside(&yellow)?;
        Ok(Bands {
            green,
            yellow,
            surplus_is_green: false,
        })
    }

    /// The same bands, with favourable variances always green (`true`) or
    /// classified by size like deficits (`false`, the default).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Bands, Threshold, TrafficLight};
    /// use namnd_core::{Amount, Decimal, Variance};
    /// let t = Threshold::new(None, Some(Decimal::ONE))?;
    /// let by_size = Bands::new(t, t)?;
    /// // A surplus of 50 % of the budget: red by size, green when surpluses are green.
    /// let surplus = Variance::from_favourable(Amount::from_kr(50));
    /// let budget = Amount::from_kr(-100);
    /// assert_eq!(by_size.classify(surplus, budget), TrafficLight::Red);
    /// assert_eq!(by_size.surplus_is_green(true).classify(surplus, budget), TrafficLight::Green);
    /// // A deficit is classified by size either way.
    /// let deficit = Variance::from_favourable(Amount::from_kr(-50));
    /// assert_eq!(by_size.surplus_is_green(true).classify(deficit, budget), TrafficLight::Red);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn surplus_is_green(mut self, yes: bool) -> Bands {
        self.surplus_is_green = yes;
        self
    }

    /// The traffic light of `variance` on a line with `budget` (canonical).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Bands, Threshold, TrafficLight};
    /// use namnd_core::{Amount, Variance};
    /// let t = Threshold::new(Some(Amount::from_kr(10)), None)?;
    /// let bands = Bands::new(t, t)?;
    /// assert_eq!(bands.classify(Variance::from_favourable(Amount::from_kr(-11)), Amount::from_kr(-100)), TrafficLight::Red);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn classify(&self, variance: Variance, budget: Amount) -> TrafficLight {
        if (self.surplus_is_green && variance.is_favourable())
            || self.green.admits(variance, budget)
        {
            TrafficLight::Green
        } else if self.yellow.admits(variance, budget) {
            TrafficLight::Yellow
        } else {
            TrafficLight::Red
        }
    }
}

/// Which way a forecast moved since the previous one.
///
/// # Example
/// ```
/// use namnd_calc::variance::Direction;
/// assert_eq!(Direction::Worsened.swedish(), "försämras");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Direction {
    /// Better than the previous forecast (*förbättras*).
    Improved,
    /// Worse than the previous forecast (*försämras*).
    Worsened,
    /// The same as the previous forecast (*oförändrad*).
    Unchanged,
}

impl Direction {
    /// The Swedish verb used in reports: `förbättras`, `försämras` or `oförändrad`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::Direction;
    /// assert_eq!(Direction::Unchanged.swedish(), "oförändrad");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Direction::Improved => "förbättras",
            Direction::Worsened => "försämras",
            Direction::Unchanged => "oförändrad",
        }
    }
}

/// The change since the previous forecast (*förändring mot föregående
/// prognos*): positive = the forecast improved.
///
/// A result: serialisable for reports, not deserialisable; recompute it from
/// its inputs.
///
/// # Example
/// ```
/// use namnd_calc::variance::{Direction, ForecastChange};
/// use namnd_core::{Amount, Decimal, SignConvention, Stated};
///
/// // Flen, November 2023: 14 mnkr better than April's −38,8 (now −24,8), both stated
/// // as forecast variances (favourable-positive).
/// let april = Amount::from_mkr(Decimal::new(-388, 1))?;
/// let november = Amount::from_mkr(Decimal::new(-248, 1))?;
/// let change = ForecastChange::between_variances(april, november)?;
/// assert_eq!(change.amount(), Amount::from_mkr(14)?);
/// assert_eq!(change.direction(), Direction::Improved);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ForecastChange {
    amount: Amount,
    direction: Direction,
}

impl ForecastChange {
    /// The change between two forecasts of the same line, each stated under its
    /// own convention: canonical(current) − canonical(previous), so positive
    /// means more income or less cost than previously forecast.
    ///
    /// # Errors
    /// [`CalcError::Core`] with an overflow if the difference is out of range.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Direction, ForecastChange};
    /// use namnd_core::{Amount, SignConvention, Stated};
    ///
    /// let c = SignConvention::BudgetMinusForecast; // costs positive
    /// let change = ForecastChange::between(
    ///     Stated::new(Amount::from_tkr(5_000)?, c),
    ///     Stated::new(Amount::from_tkr(5_300)?, c),
    /// )?;
    /// assert_eq!(change.amount(), Amount::from_tkr(-300)?);
    /// assert_eq!(change.direction(), Direction::Worsened);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn between(previous: Stated, current: Stated) -> Result<ForecastChange> {
        Self::between_variances(previous.canonical(), current.canonical())
    }

    /// The change between two favourable-positive figures (forecast variances,
    /// or canonical forecasts): `current − previous`.
    ///
    /// # Errors
    /// [`CalcError::Core`] with an overflow if the difference is out of range.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Direction, ForecastChange};
    /// use namnd_core::Amount;
    /// let same = ForecastChange::between_variances(Amount::from_kr(-5), Amount::from_kr(-5))?;
    /// assert_eq!(same.direction(), Direction::Unchanged);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn between_variances(previous: Amount, current: Amount) -> Result<ForecastChange> {
        let amount = current.checked_sub(previous)?;
        let direction = if amount.is_positive() {
            Direction::Improved
        } else if amount.is_negative() {
            Direction::Worsened
        } else {
            Direction::Unchanged
        };
        Ok(ForecastChange { amount, direction })
    }

    /// The change, positive = improved.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::ForecastChange;
    /// use namnd_core::Amount;
    /// let c = ForecastChange::between_variances(Amount::from_kr(1), Amount::from_kr(4))?;
    /// assert_eq!(c.amount(), Amount::from_kr(3));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// Improved, worsened or unchanged.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::variance::{Direction, ForecastChange};
    /// use namnd_core::Amount;
    /// let c = ForecastChange::between_variances(Amount::from_kr(4), Amount::from_kr(1))?;
    /// assert_eq!(c.direction(), Direction::Worsened);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn direction(&self) -> Direction {
        self.direction
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use namnd_core::SignConvention;
    use proptest::prelude::*;

    fn tkr(v: i64) -> Amount {
        Amount::from_tkr(v).unwrap()
    }

    proptest! {
        #[test]
        fn swapping_budget_and_actual_negates_the_variance(
            budget in any::<Amount>(), actual in any::<Amount>(), c in any::<SignConvention>(),
        ) {
            let forward = LineVariance::of_outcome(Stated::new(budget, c), Stated::new(actual, c))?;
            let backward = LineVariance::of_outcome(Stated::new(actual, c), Stated::new(budget, c))?;
            prop_assert_eq!(forward.variance().amount(), backward.variance().amount().negated());
        }

        #[test]
        fn the_variance_means_the_same_in_every_convention(
            budget in any::<Amount>(), actual in any::<Amount>(),
            from in any::<SignConvention>(), to in any::<SignConvention>(),
        ) {
            let b = Stated::new(budget, from);
            let a = Stated::new(actual, from);
            let direct = LineVariance::of_forecast(b, a)?;
            let converted = LineVariance::of_forecast(b.convert_to(to), a.convert_to(to))?;
            prop_assert_eq!(direct.variance(), converted.variance());
            // Positive means more income or less cost than budgeted.
            prop_assert_eq!(direct.variance().is_favourable(), a.canonical() > b.canonical());
        }

        #[test]
        fn traffic_lights_get_no_better_as_the_deficit_grows(
            budget in 1_i64..10_000_000, small in 0_i64..1_000_000, extra in 0_i64..1_000_000,
        ) {
            let bands = Bands::new(
                Threshold::new(Some(tkr(500)), Some(Decimal::ONE))?,
                Threshold::new(Some(tkr(2_000)), Some(Decimal::from(3)))?,
            )?;
            let budget = Amount::from_kr(-budget);
            let light = |deficit: i64| bands.classify(Variance::from_favourable(Amount::from_kr(-deficit)), budget);
            prop_assert!(light(small) <= light(small + extra));
        }

        #[test]
        fn forecast_changes_add_up_over_months(a in any::<Amount>(), b in any::<Amount>(), c in any::<Amount>()) {
            let ab = ForecastChange::between_variances(a, b)?;
            let bc = ForecastChange::between_variances(b, c)?;
            let ac = ForecastChange::between_variances(a, c)?;
            prop_assert_eq!(ab.amount().checked_add(bc.amount())?, ac.amount());
        }
    }

    #[test]
    fn a_tiny_budget_has_no_meaningful_percent_variance() {
        // Oxelösund årsredovisning 2021, line 1846: "Integration" anslag 1, resultat 937 (tkr).
        let a = SignConvention::OutcomeMinusBudget;
        let line =
            LineVariance::of_outcome(Stated::new(tkr(1), a), Stated::new(tkr(938), a)).unwrap();
        assert!(line.percent(tkr(50)).is_not_meaningful());
        assert!(line.percent(Amount::ZERO).value().is_some());
    }

    #[test]
    fn green_is_within_either_limit() {
        let bands = Bands::new(
            Threshold::new(Some(tkr(500)), Some(Decimal::ONE)).unwrap(),
            Threshold::new(Some(tkr(2_000)), Some(Decimal::from(3))).unwrap(),
        )
        .unwrap();
        let v = |t| Variance::from_favourable(tkr(t));
        // 800 tkr of a 100 000 tkr budget: beyond 500 tkr but within 1 %.
        assert_eq!(bands.classify(v(-800), tkr(-100_000)), TrafficLight::Green);
        // 800 tkr of a 10 000 tkr budget: 8 %, beyond 2 000 tkr? no: within the yellow 2 000 tkr.
        assert_eq!(bands.classify(v(-800), tkr(-10_000)), TrafficLight::Yellow);
        assert_eq!(bands.classify(v(-2_500), tkr(-10_000)), TrafficLight::Red);
        // A surplus is classified by size unless told otherwise.
        assert_eq!(bands.classify(v(2_500), tkr(-10_000)), TrafficLight::Red);
        assert_eq!(
            bands
                .surplus_is_green(true)
                .classify(v(2_500), tkr(-10_000)),
            TrafficLight::Green
        );
    }

    #[test]
    fn bands_must_nest() {
        let pct = |p| Threshold::new(None, Some(Decimal::from(p))).unwrap();
        let abs = Threshold::new(Some(tkr(1)), None).unwrap();
        assert!(Bands::new(pct(3), pct(1)).is_err());
        assert!(Bands::new(pct(1), abs).is_err());
        assert!(Bands::new(pct(1), pct(1)).is_ok());
    }

    #[cfg(feature = "serde")]
    mod json {
        use super::*;

        fn threshold(json: &str) -> serde_json::Result<Threshold> {
            serde_json::from_str(json)
        }

        #[test]
        fn invalid_thresholds_are_rejected_when_read() {
            for bad in [
                r#"{"absolute":null,"percent":null}"#,
                r#"{}"#,
                r#"{"absolute":"-500000","percent":null}"#,
                r#"{"absolute":null,"percent":"-1"}"#,
                r#"{"absolute":"500000","percent":"1","extra":true}"#,
            ] {
                assert!(threshold(bad).is_err(), "{bad} was accepted");
            }
            let err = threshold(r#"{"absolute":null,"percent":"-1"}"#)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("percent limit is -1"), "{err}");
        }

        #[test]
        fn valid_thresholds_and_bands_round_trip() {
            let t = threshold(r#"{"absolute":"500000","percent":"1"}"#).unwrap();
            assert_eq!(
                t,
                Threshold::new(Some(tkr(500)), Some(Decimal::ONE)).unwrap()
            );
            assert_eq!(threshold(&serde_json::to_string(&t).unwrap()).unwrap(), t);
            let only_percent = threshold(r#"{"percent":"2.5"}"#).unwrap();
            assert_eq!(only_percent.absolute(), None);

            let bands = Bands::new(
                t,
                Threshold::new(Some(tkr(2_000)), Some(Decimal::from(3))).unwrap(),
            )
            .unwrap()
            .surplus_is_green(true);
            let json = serde_json::to_string(&bands).unwrap();
            assert_eq!(serde_json::from_str::<Bands>(&json).unwrap(), bands);
        }

        #[test]
        fn bands_with_green_wider_than_yellow_are_rejected_when_read() {
            let wide = r#"{"absolute":null,"percent":"5"}"#;
            let narrow = r#"{"absolute":null,"percent":"1"}"#;
            let bands = |green: &str, yellow: &str| {
                serde_json::from_str::<Bands>(&format!(r#"{{"green":{green},"yellow":{yellow}}}"#))
            };
            assert!(bands(narrow, wide).is_ok());
            let err = bands(wide, narrow)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("green percent limit 5"), "{err}");
            // A threshold inside the bands is checked too.
            assert!(bands(r#"{"absolute":null,"percent":null}"#, wide).is_err());
        }

        #[test]
        fn results_serialise_for_reports() {
            let a = SignConvention::OutcomeMinusBudget;
            let line =
                LineVariance::of_outcome(Stated::new(tkr(-1_000), a), Stated::new(tkr(-1_050), a))
                    .unwrap();
            let json = serde_json::to_value(line).unwrap();
            assert_eq!(json["variance"], serde_json::json!("-50000"));
            assert_eq!(json["compared"], serde_json::json!("outcome"));
            let change = ForecastChange::between_variances(tkr(-5), tkr(-3)).unwrap();
            assert_eq!(
                serde_json::to_value(change).unwrap(),
                serde_json::json!({"amount": "2000", "direction": "improved"})
            );
        }
    }
}
