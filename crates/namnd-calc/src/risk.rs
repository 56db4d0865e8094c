//! Risk scores of internal-control plans (*internkontrollplan*):
//! *riskvärde* (risk value) = *sannolikhet* (probability) × *konsekvens*
//! (consequence).
//!
//! Each factor is an integer on a scale `1..=max` ([`RiskScale`]; 5×5 by
//! default, 4×4 is also in use), so the risk value lies in `1..=max²`, and only
//! products of two factors on the scale are possible. On a 5×5 scale 7, 11, 13,
//! 14, 17, 18, 19, 21, 22, 23 and 24 cannot occur: a plan that states one of
//! them has a typing error. Gnesta's internal-control plan 2022–2024 uses 8, 9,
//! 12, 16, 20 and 25.
//!
//! Risk values are grouped into levels by configurable [`RiskBands`]
//! (e.g. *låg / medel / hög / mycket hög*, low / medium / high / very high),
//! which must cover `1..=max²` without gaps or overlaps.
//!
//! ```
//! use namnd_calc::{CalcError, risk::{RiskBands, RiskLevel, RiskScale, RiskScore}};
//!
//! let scale = RiskScale::FIVE;
//! let bands = RiskBands::from_upper_bounds(
//!     scale,
//!     &[(4, RiskLevel::Low), (9, RiskLevel::Medium), (15, RiskLevel::High), (25, RiskLevel::VeryHigh)],
//! )?;
//! let score = RiskScore::new(scale, 4, 4)?; // sannolikhet 4, konsekvens 4
//! assert_eq!(score.value(), 16);
//! assert_eq!(bands.classify(&score)?.swedish(), "mycket hög");
//! // 13 is prime and above 5: no two factors on the scale give it.
//! assert!(matches!(scale.validate_value(13), Err(CalcError::ImpossibleRiskValue { value: 13, .. })));
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

use core::fmt;

use crate::{CalcError, Result};

/// The scale of both risk factors: each is an integer in `1..=max`.
///
/// [`RiskScale::FIVE`] (5×5, risk values up to 25) is the default; some
/// municipalities use [`RiskScale::FOUR`] (4×4, up to 16).
///
/// With the `serde` feature a scale is written as its `max` (`5`), and reading
/// validates it.
///
/// # Example
/// ```
/// use namnd_calc::risk::RiskScale;
///
/// let scale = RiskScale::new(4)?;
/// assert_eq!(scale, RiskScale::FOUR);
/// assert_eq!(scale.max_value(), 16);
/// assert_eq!(RiskScale::default(), RiskScale::FIVE);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RiskScale {
    max: u32,
}

impl RiskScale {
    /// The 5×5 scale (risk values 1..=25), the most common in Swedish plans.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FIVE.max(), 5);
    /// ```
    pub const FIVE: RiskScale = RiskScale { max: 5 };

    /// The 4×4 scale (risk values 1..=16).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FOUR.max_value(), 16);
    /// ```
    pub const FOUR: RiskScale = RiskScale { max: 4 };

    /// The largest `max` accepted by [`RiskScale::new`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::RiskScale};
    /// assert_eq!(RiskScale::new(RiskScale::LARGEST_MAX)?.max(), 100);
    /// assert!(matches!(RiskScale::new(RiskScale::LARGEST_MAX + 1), Err(CalcError::OutOfRange { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub const LARGEST_MAX: u32 = 100;

    /// A scale whose factors run `1..=max`.
    ///
    /// # Errors
    /// [`CalcError::OutOfRange`] if `max` is 0 or above
    /// [`RiskScale::LARGEST_MAX`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::RiskScale};
    /// assert_eq!(RiskScale::new(5)?, RiskScale::FIVE);
    /// assert!(matches!(RiskScale::new(0), Err(CalcError::OutOfRange { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(max: u32) -> Result<RiskScale> {
        if (1..=Self::LARGEST_MAX).contains(&max) {
            Ok(RiskScale { max })
        } else {
            Err(CalcError::OutOfRange {
                what: "risk scale maximum",
                value: max.to_string(),
                expected: "expected 1..=100",
            })
        }
    }

    /// The top of the factor scale (5 on a 5×5 scale).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FOUR.max(), 4);
    /// ```
    pub fn max(self) -> u32 {
        self.max
    }

    /// The highest risk value, `max²` (25 on a 5×5 scale).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FIVE.max_value(), 25);
    /// ```
    pub fn max_value(self) -> u32 {
        // max ≤ 100, so max² ≤ 10 000.
        self.max.saturating_mul(self.max)
    }

    /// Whether `factor` is on the scale (`1..=max`).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert!(RiskScale::FIVE.contains_factor(5));
    /// assert!(!RiskScale::FIVE.contains_factor(0));
    /// assert!(!RiskScale::FOUR.contains_factor(5));
    /// ```
    pub fn contains_factor(self, factor: u32) -> bool {
        (1..=self.max).contains(&factor)
    }

    /// Whether `value` is the product of two factors on the scale.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert!(RiskScale::FIVE.is_possible_value(20)); // 4 × 5
    /// assert!(!RiskScale::FIVE.is_possible_value(7)); // prime above 5
    /// assert!(!RiskScale::FIVE.is_possible_value(24)); // 4 × 6 or 3 × 8 only
    /// ```
    pub fn is_possible_value(self, value: u32) -> bool {
        value >= 1
            && value <= self.max_value()
            && (1..=self.max).any(|a| value.is_multiple_of(a) && value / a <= self.max)
    }

    /// Checks a stated risk value and returns it.
    ///
    /// # Errors
    /// [`CalcError::ImpossibleRiskValue`] if no two factors on the scale
    /// multiply to `value` (this includes 0 and values above `max²`).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::RiskScale};
    ///
    /// assert_eq!(RiskScale::FIVE.validate_value(16)?, 16);
    /// assert_eq!(
    ///     RiskScale::FIVE.validate_value(13),
    ///     Err(CalcError::ImpossibleRiskValue { value: 13, max: 5 }),
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn validate_value(self, value: u32) -> Result<u32> {
        if self.is_possible_value(value) {
            Ok(value)
        } else {
            Err(CalcError::ImpossibleRiskValue {
                value,
                max: self.max,
            })
        }
    }

    /// Every possible risk value, ascending.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FOUR.possible_values(), [1, 2, 3, 4, 6, 8, 9, 12, 16]);
    /// ```
    pub fn possible_values(self) -> Vec<u32> {
        (1..=self.max_value())
            .filter(|&v| self.is_possible_value(v))
            .collect()
    }

    /// Every value in `1..=max²` that no two factors on the scale give, ascending.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(
    ///     RiskScale::FIVE.impossible_values(),
    ///     [7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24],
    /// );
    /// ```
    pub fn impossible_values(self) -> Vec<u32> {
        (1..=self.max_value())
            .filter(|&v| !self.is_possible_value(v))
            .collect()
    }

    /// Every `(probability, consequence)` pair on the scale whose product is
    /// `value`, ordered by probability; empty if the value is impossible.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// assert_eq!(RiskScale::FIVE.factorisations(12), [(3, 4), (4, 3)]);
    /// assert!(RiskScale::FIVE.factorisations(13).is_empty());
    /// ```
    pub fn factorisations(self, value: u32) -> Vec<(u32, u32)> {
        (1..=self.max)
            .filter(|&a| value.is_multiple_of(a) && (1..=self.max).contains(&(value / a)))
            .map(|a| (a, value / a))
            .collect()
    }

    /// Checks one factor; `factor` names it in the error.
    fn check_factor(self, factor: &'static str, value: u32) -> Result<u32> {
        if self.contains_factor(value) {
            Ok(value)
        } else {
            Err(CalcError::RiskFactorOutOfScale {
                factor,
                value,
                max: self.max,
            })
        }
    }
}

/// The 5×5 scale.
impl Default for RiskScale {
    fn default() -> Self {
        RiskScale::FIVE
    }
}

impl TryFrom<u32> for RiskScale {
    type Error = CalcError;

    fn try_from(max: u32) -> Result<Self> {
        RiskScale::new(max)
    }
}

impl From<RiskScale> for u32 {
    fn from(scale: RiskScale) -> u32 {
        scale.max
    }
}

/// Prints `5×5`.
impl fmt::Display for RiskScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{0}×{0}", self.max)
    }
}

/// A validated risk score: *sannolikhet* (probability) and *konsekvens*
/// (consequence) on a [`RiskScale`], and their product, the *riskvärde*
/// (risk value).
///
/// With the `serde` feature a score is written as
/// `{"scale": 5, "probability": 4, "consequence": 5, "value": 20}`; reading it
/// validates the factors and checks the value against their product.
///
/// # Example
/// ```
/// use namnd_calc::risk::{RiskScale, RiskScore};
///
/// let score = RiskScore::new(RiskScale::FIVE, 4, 5)?;
/// assert_eq!((score.probability(), score.consequence(), score.value()), (4, 5, 20));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RiskScoreRepr", into = "RiskScoreRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RiskScore {
    scale: RiskScale,
    probability: u32,
    consequence: u32,
}

/// The wire form of a [`RiskScore`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct RiskScoreRepr {
    scale: RiskScale,
    probability: u32,
    consequence: u32,
    value: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<RiskScoreRepr> for RiskScore {
    type Error = CalcError;

    fn try_from(r: RiskScoreRepr) -> Result<Self> {
        RiskScore::with_stated_value(r.scale, r.probability, r.consequence, r.value)
    }
}

#[cfg(feature = "serde")]
impl From<RiskScore> for RiskScoreRepr {
    fn from(s: RiskScore) -> Self {
        RiskScoreRepr {
            scale: s.scale,
            probability: s.probability,
            consequence: s.consequence,
            value: s.value(),
        }
    }
}

impl RiskScore {
    /// A score from its two factors.
    ///
    /// # Errors
    /// [`CalcError::RiskFactorOutOfScale`] naming `probability` or
    /// `consequence` if a factor is outside `1..=max`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::{RiskScale, RiskScore}};
    ///
    /// assert_eq!(RiskScore::new(RiskScale::FIVE, 3, 3)?.value(), 9);
    /// assert_eq!(
    ///     RiskScore::new(RiskScale::FOUR, 5, 1),
    ///     Err(CalcError::RiskFactorOutOfScale { factor: "probability", value: 5, max: 4 }),
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(scale: RiskScale, probability: u32, consequence: u32) -> Result<RiskScore> {
        Ok(RiskScore {
            scale,
            probability: scale.check_factor("probability", probability)?,
            consequence: scale.check_factor("consequence", consequence)?,
        })
    }

    /// A score from a plan row that states both factors and the risk value:
    /// checks the factors and that the stated value is their product.
    ///
    /// # Errors
    /// [`CalcError::RiskFactorOutOfScale`] for a factor outside the scale,
    /// [`CalcError::ImpossibleRiskValue`] if the stated value cannot occur on
    /// the scale at all, and [`CalcError::RiskValueMismatch`] if it is
    /// possible but not the product of these factors.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::{RiskScale, RiskScore}};
    ///
    /// assert_eq!(RiskScore::with_stated_value(RiskScale::FIVE, 4, 3, 12)?.value(), 12);
    /// assert!(matches!(
    ///     RiskScore::with_stated_value(RiskScale::FIVE, 4, 3, 16),
    ///     Err(CalcError::RiskValueMismatch { expected: 12, .. }),
    /// ));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn with_stated_value(
        scale: RiskScale,
        probability: u32,
        consequence: u32,
        stated: u32,
    ) -> Result<RiskScore> {
        let score = RiskScore::new(scale, probability, consequence)?;
        scale.validate_value(stated)?;
        if score.value() == stated {
            Ok(score)
        } else {
            Err(CalcError::RiskValueMismatch {
                stated,
                probability,
                consequence,
                expected: score.value(),
            })
        }
    }

    /// The scale the factors are on.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskScale, RiskScore};
    /// assert_eq!(RiskScore::new(RiskScale::FOUR, 2, 2)?.scale(), RiskScale::FOUR);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn scale(&self) -> RiskScale {
        self.scale
    }

    /// The probability (*sannolikhet*).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskScale, RiskScore};
    /// assert_eq!(RiskScore::new(RiskScale::FIVE, 2, 5)?.probability(), 2);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn probability(&self) -> u32 {
        self.probability
    }

    /// The consequence (*konsekvens*).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskScale, RiskScore};
    /// assert_eq!(RiskScore::new(RiskScale::FIVE, 2, 5)?.consequence(), 5);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn consequence(&self) -> u32 {
        self.consequence
    }

    /// The risk value (*riskvärde*), probability × consequence.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskScale, RiskScore};
    /// assert_eq!(RiskScore::new(RiskScale::FIVE, 5, 5)?.value(), 25);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn value(&self) -> u32 {
        // Both factors are ≤ 100.
        self.probability.saturating_mul(self.consequence)
    }
}

/// A risk level. Levels are ordered: `Low < Medium < High < VeryHigh`.
///
/// Display prints the English name; [`RiskLevel::swedish`] gives the Swedish
/// one used in plans.
///
/// # Example
/// ```
/// use namnd_calc::risk::RiskLevel;
/// assert!(RiskLevel::Medium < RiskLevel::High);
/// assert_eq!(RiskLevel::VeryHigh.swedish(), "mycket hög");
/// assert_eq!(RiskLevel::VeryHigh.to_string(), "very high");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RiskLevel {
    /// *Låg*: low.
    Low,
    /// *Medel*: medium.
    Medium,
    /// *Hög*: high.
    High,
    /// *Mycket hög*: very high.
    VeryHigh,
}

impl RiskLevel {
    /// Every level, lowest first.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskLevel;
    /// assert_eq!(RiskLevel::ALL.len(), 4);
    /// ```
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::VeryHigh,
    ];

    /// The Swedish name: *låg*, *medel*, *hög*, *mycket hög*.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskLevel;
    /// assert_eq!(RiskLevel::Low.swedish(), "låg");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            RiskLevel::Low => "låg",
            RiskLevel::Medium => "medel",
            RiskLevel::High => "hög",
            RiskLevel::VeryHigh => "mycket hög",
        }
    }

    /// The English name: low, medium, high, very high.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskLevel;
    /// assert_eq!(RiskLevel::High.english(), "high");
    /// ```
    pub fn english(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::VeryHigh => "very high",
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english())
    }
}

/// One band of risk values, `from..=to`, and its level. Bands are checked
/// when they are put together in [`RiskBands`].
///
/// # Example
/// ```
/// use namnd_calc::risk::{RiskBand, RiskLevel};
///
/// let band = RiskBand::new(10, 15, RiskLevel::High);
/// assert!(band.contains(12));
/// assert!(!band.contains(16));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RiskBand {
    from: u32,
    to: u32,
    level: RiskLevel,
}

impl RiskBand {
    /// The band `from..=to` with `level`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBand, RiskLevel};
    /// let band = RiskBand::new(1, 4, RiskLevel::Low);
    /// assert_eq!((band.start(), band.end(), band.level()), (1, 4, RiskLevel::Low));
    /// ```
    pub fn new(from: u32, to: u32, level: RiskLevel) -> RiskBand {
        RiskBand { from, to, level }
    }

    /// The lowest risk value in the band.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBand, RiskLevel};
    /// assert_eq!(RiskBand::new(5, 9, RiskLevel::Medium).start(), 5);
    /// ```
    pub fn start(&self) -> u32 {
        self.from
    }

    /// The highest risk value in the band.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBand, RiskLevel};
    /// assert_eq!(RiskBand::new(5, 9, RiskLevel::Medium).end(), 9);
    /// ```
    pub fn end(&self) -> u32 {
        self.to
    }

    /// The band's level.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBand, RiskLevel};
    /// assert_eq!(RiskBand::new(5, 9, RiskLevel::Medium).level(), RiskLevel::Medium);
    /// ```
    pub fn level(&self) -> RiskLevel {
        self.level
    }

    /// Whether `value` lies in `from..=to`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBand, RiskLevel};
    /// assert!(RiskBand::new(5, 9, RiskLevel::Medium).contains(9));
    /// ```
    pub fn contains(&self, value: u32) -> bool {
        (self.from..=self.to).contains(&value)
    }
}

/// Level bands for the risk values of one [`RiskScale`]: they cover
/// `1..=max²` exactly once, and each band's level is above the level of the
/// band below it.
///
/// There is no default: plans differ, so every set of bands is written out.
/// With the `serde` feature bands are written as
/// `{"scale": 5, "bands": [{"from": 1, "to": 4, "level": "low"}, …]}`, and
/// reading validates them.
///
/// # Example
/// ```
/// use namnd_calc::risk::{RiskBand, RiskBands, RiskLevel, RiskScale};
///
/// // A three-level 4×4 plan.
/// let bands = RiskBands::new(
///     RiskScale::FOUR,
///     [
///         RiskBand::new(1, 3, RiskLevel::Low),
///         RiskBand::new(4, 8, RiskLevel::Medium),
///         RiskBand::new(9, 16, RiskLevel::High),
///     ],
/// )?;
/// assert_eq!(bands.classify_value(6)?, RiskLevel::Medium);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RiskBandsRepr", into = "RiskBandsRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RiskBands {
    scale: RiskScale,
    bands: Vec<RiskBand>,
}

/// The wire form of [`RiskBands`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct RiskBandsRepr {
    scale: RiskScale,
    bands: Vec<RiskBand>,
}

#[cfg(feature = "serde")]
impl TryFrom<RiskBandsRepr> for RiskBands {
    type Error = CalcError;

    fn try_from(r: RiskBandsRepr) -> Result<Self> {
        RiskBands::new(r.scale, r.bands)
    }
}

#[cfg(feature = "serde")]
impl From<RiskBands> for RiskBandsRepr {
    fn from(b: RiskBands) -> Self {
        RiskBandsRepr {
            scale: b.scale,
            bands: b.bands,
        }
    }
}

impl RiskBands {
    /// Bands for `scale`, in any order; they are kept sorted.
    ///
    /// # Errors
    /// - [`CalcError::Empty`] for no bands;
    /// - [`CalcError::RiskBandOutOfScale`] for a band with `from > to`, or
    ///   outside `1..=max²`;
    /// - [`CalcError::RiskBandOverlap`] if two bands share a value;
    /// - [`CalcError::RiskBandGap`] if some value in `1..=max²` has no band;
    /// - [`CalcError::RiskLevelsOutOfOrder`] if a band's level is not above the
    ///   level of the band below it.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::{RiskBand, RiskBands, RiskLevel, RiskScale}};
    ///
    /// let gap = RiskBands::new(
    ///     RiskScale::FIVE,
    ///     [RiskBand::new(1, 8, RiskLevel::Low), RiskBand::new(10, 25, RiskLevel::High)],
    /// );
    /// assert_eq!(gap, Err(CalcError::RiskBandGap { from: 9, to: 9 }));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(scale: RiskScale, bands: impl IntoIterator<Item = RiskBand>) -> Result<RiskBands> {
        let max_value = scale.max_value();
        let mut bands: Vec<RiskBand> = bands.into_iter().collect();
        if bands.is_empty() {
            return Err(CalcError::Empty { what: "risk bands" });
        }
        if let Some(bad) = bands
            .iter()
            .find(|b| b.from < 1 || b.from > b.to || b.to > max_value)
        {
            return Err(CalcError::RiskBandOutOfScale {
                from: bad.from,
                to: bad.to,
                max_value,
            });
        }
        bands.sort_by_key(|b| (b.from, b.to));
        let mut previous: Option<&RiskBand> = None;
        for band in &bands {
            // The first value not yet covered.
            let next = previous.map_or(1, |p| p.to.saturating_add(1));
            if band.from > next {
                return Err(CalcError::RiskBandGap {
                    from: next,
                    to: band.from.saturating_sub(1),
                });
            }
            if let Some(p) = previous {
                if band.from < next {
                    return Err(CalcError::RiskBandOverlap {
                        first_from: p.from,
                        first_to: p.to,
                        second_from: band.from,
                        second_to: band.to,
                    });
                }
                if band.level <= p.level {
                    return Err(CalcError::RiskLevelsOutOfOrder {
                        from: band.from,
                        to: band.to,
                        level: band.level,
                    });
                }
            }
            previous = Some(band);
        }
        let covered = previous.map_or(0, |p| p.to);
        if covered < max_value {
            return Err(CalcError::RiskBandGap {
                from: covered.saturating_add(1),
                to: max_value,
            });
        }
        Ok(RiskBands { scale, bands })
    }

    /// Bands from their upper bounds, lowest first: `(4, Low), (9, Medium)`
    /// means 1..=4 is low and 5..=9 medium. The last bound must be `max²`.
    ///
    /// # Errors
    /// As [`RiskBands::new`]; bounds that do not increase give
    /// [`CalcError::RiskBandOutOfScale`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
    ///
    /// let bands = RiskBands::from_upper_bounds(
    ///     RiskScale::FIVE,
    ///     &[(4, RiskLevel::Low), (9, RiskLevel::Medium), (15, RiskLevel::High), (25, RiskLevel::VeryHigh)],
    /// )?;
    /// assert_eq!(bands.bands().len(), 4);
    /// assert_eq!(bands.classify_value(5)?, RiskLevel::Medium);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn from_upper_bounds(scale: RiskScale, bounds: &[(u32, RiskLevel)]) -> Result<RiskBands> {
        let mut from = 1_u32;
        let mut bands = Vec::with_capacity(bounds.len());
        for &(to, level) in bounds {
            bands.push(RiskBand::new(from, to, level));
            from = to.saturating_add(1);
        }
        RiskBands::new(scale, bands)
    }

    /// The scale the bands are for.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
    /// let bands = RiskBands::from_upper_bounds(RiskScale::FOUR, &[(16, RiskLevel::Medium)])?;
    /// assert_eq!(bands.scale(), RiskScale::FOUR);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn scale(&self) -> RiskScale {
        self.scale
    }

    /// The bands, lowest first.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
    /// let bands = RiskBands::from_upper_bounds(RiskScale::FOUR, &[(6, RiskLevel::Low), (16, RiskLevel::High)])?;
    /// assert_eq!(bands.bands().get(1).map(|b| b.start()), Some(7));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn bands(&self) -> &[RiskBand] {
        &self.bands
    }

    /// The level of a risk value.
    ///
    /// # Errors
    /// [`CalcError::ImpossibleRiskValue`] if `value` is not a product of two
    /// factors on the scale.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::{RiskBands, RiskLevel, RiskScale}};
    ///
    /// let bands = RiskBands::from_upper_bounds(
    ///     RiskScale::FIVE,
    ///     &[(4, RiskLevel::Low), (9, RiskLevel::Medium), (15, RiskLevel::High), (25, RiskLevel::VeryHigh)],
    /// )?;
    /// assert_eq!(bands.classify_value(12)?, RiskLevel::High);
    /// assert_eq!(bands.classify_value(13), Err(CalcError::ImpossibleRiskValue { value: 13, max: 5 }));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn classify_value(&self, value: u32) -> Result<RiskLevel> {
        let value = self.scale.validate_value(value)?;
        self.bands
            .iter()
            .find(|b| b.contains(value))
            .map(|b| b.level)
            // Unreachable: the bands cover 1..=max².
            .ok_or(CalcError::ImpossibleRiskValue {
                value,
                max: self.scale.max,
            })
    }

    /// The level of a score.
    ///
    /// # Errors
    /// [`CalcError::RiskScaleMismatch`] if the score is on another scale than
    /// the bands.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, risk::{RiskBands, RiskLevel, RiskScale, RiskScore}};
    ///
    /// let bands = RiskBands::from_upper_bounds(
    ///     RiskScale::FIVE,
    ///     &[(4, RiskLevel::Low), (9, RiskLevel::Medium), (15, RiskLevel::High), (25, RiskLevel::VeryHigh)],
    /// )?;
    /// assert_eq!(bands.classify(&RiskScore::new(RiskScale::FIVE, 2, 2)?)?, RiskLevel::Low);
    /// assert_eq!(
    ///     bands.classify(&RiskScore::new(RiskScale::FOUR, 2, 2)?),
    ///     Err(CalcError::RiskScaleMismatch { score_max: 4, bands_max: 5 })
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn classify(&self, score: &RiskScore) -> Result<RiskLevel> {
        if score.scale != self.scale {
            return Err(CalcError::RiskScaleMismatch {
                score_max: score.scale.max,
                bands_max: self.scale.max,
            });
        }
        self.classify_value(score.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn four_levels() -> RiskBands {
        RiskBands::from_upper_bounds(
            RiskScale::FIVE,
            &[
                (4, RiskLevel::Low),
                (9, RiskLevel::Medium),
                (15, RiskLevel::High),
                (25, RiskLevel::VeryHigh),
            ],
        )
        .unwrap()
    }

    #[test]
    fn gnesta_risk_values_are_all_possible_on_five_by_five() {
        // gnesta-socialnamnd-2023-spring.txt, Bilaga 5 "Uppföljning av
        // internkontrollplan 2022-2024": header "Risk-värde (max 25)" (lines
        // 3539–3542) and the values at the start of lines 3575, 3617, 3647,
        // 3695, 3759, 3792, 3821, 3854, 3950, 3984, 3999, 4022, 4082, 4122,
        // 4163, 4241, 4269 and 4301.
        let stated = [
            16, 20, 20, 16, 12, 16, 25, 9, 25, 16, 25, 16, 16, 12, 16, 20, 25, 25,
        ];
        for value in stated {
            assert_eq!(RiskScale::FIVE.validate_value(value), Ok(value));
        }
        // domain.md §10: the plan's values are 8, 9, 12, 16, 20 and 25.
        for value in [8, 9, 12, 16, 20, 25] {
            assert!(RiskScale::FIVE.is_possible_value(value));
        }
    }

    #[test]
    fn impossible_values_on_five_by_five_are_rejected() {
        for value in [7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24] {
            assert_eq!(
                RiskScale::FIVE.validate_value(value),
                Err(CalcError::ImpossibleRiskValue { value, max: 5 })
            );
        }
        assert_eq!(
            RiskScale::FIVE.impossible_values(),
            [7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24]
        );
    }

    #[test]
    fn zero_and_values_above_max_squared_are_impossible() {
        assert!(RiskScale::FIVE.validate_value(0).is_err());
        assert!(RiskScale::FIVE.validate_value(26).is_err());
        assert!(RiskScale::FOUR.validate_value(20).is_err());
        assert!(RiskScale::FIVE.validate_value(u32::MAX).is_err());
    }

    #[test]
    fn four_by_four_possible_values() {
        assert_eq!(
            RiskScale::FOUR.possible_values(),
            [1, 2, 3, 4, 6, 8, 9, 12, 16]
        );
    }

    #[test]
    fn factors_out_of_scale_are_typed_errors() {
        assert_eq!(
            RiskScore::new(RiskScale::FIVE, 0, 3),
            Err(CalcError::RiskFactorOutOfScale {
                factor: "probability",
                value: 0,
                max: 5
            })
        );
        assert_eq!(
            RiskScore::new(RiskScale::FIVE, 3, 6),
            Err(CalcError::RiskFactorOutOfScale {
                factor: "consequence",
                value: 6,
                max: 5
            })
        );
        assert_eq!(
            RiskScore::new(RiskScale::FIVE, 3, 6)
                .unwrap_err()
                .to_string(),
            "consequence 6 is outside the scale 1..=5"
        );
        assert!(RiskScore::new(RiskScale::FIVE, u32::MAX, u32::MAX).is_err());
    }

    #[test]
    fn scale_limits_are_typed_errors() {
        assert!(matches!(
            RiskScale::new(0),
            Err(CalcError::OutOfRange { .. })
        ));
        assert!(matches!(
            RiskScale::new(101),
            Err(CalcError::OutOfRange { .. })
        ));
        assert_eq!(RiskScale::new(100).map(RiskScale::max_value), Ok(10_000));
    }

    #[test]
    fn stated_value_must_match_the_product() {
        assert_eq!(
            RiskScore::with_stated_value(RiskScale::FIVE, 4, 5, 20).map(|s| s.value()),
            Ok(20)
        );
        assert_eq!(
            RiskScore::with_stated_value(RiskScale::FIVE, 4, 5, 16),
            Err(CalcError::RiskValueMismatch {
                stated: 16,
                probability: 4,
                consequence: 5,
                expected: 20
            })
        );
        assert_eq!(
            RiskScore::with_stated_value(RiskScale::FIVE, 4, 5, 21),
            Err(CalcError::ImpossibleRiskValue { value: 21, max: 5 })
        );
    }

    #[test]
    fn bands_classify_with_swedish_names() {
        let bands = four_levels();
        let names: Vec<&str> = [1, 4, 5, 9, 10, 15, 16, 25]
            .into_iter()
            .map(|v| bands.classify_value(v).unwrap().swedish())
            .collect();
        assert_eq!(
            names,
            [
                "låg",
                "låg",
                "medel",
                "medel",
                "hög",
                "hög",
                "mycket hög",
                "mycket hög"
            ]
        );
        assert_eq!(
            bands.classify_value(7),
            Err(CalcError::ImpossibleRiskValue { value: 7, max: 5 })
        );
    }

    #[test]
    fn bands_are_accepted_in_any_order() {
        let shuffled = RiskBands::new(
            RiskScale::FIVE,
            [
                RiskBand::new(16, 25, RiskLevel::VeryHigh),
                RiskBand::new(1, 4, RiskLevel::Low),
                RiskBand::new(10, 15, RiskLevel::High),
                RiskBand::new(5, 9, RiskLevel::Medium),
            ],
        )
        .unwrap();
        assert_eq!(shuffled, four_levels());
    }

    #[test]
    fn invalid_bands_are_typed_errors() {
        let s = RiskScale::FIVE;
        assert_eq!(
            RiskBands::new(s, []),
            Err(CalcError::Empty { what: "risk bands" })
        );
        assert_eq!(
            RiskBands::new(s, [RiskBand::new(2, 25, RiskLevel::Low)]),
            Err(CalcError::RiskBandGap { from: 1, to: 1 })
        );
        assert_eq!(
            RiskBands::new(s, [RiskBand::new(1, 20, RiskLevel::Low)]),
            Err(CalcError::RiskBandGap { from: 21, to: 25 })
        );
        assert_eq!(
            RiskBands::new(
                s,
                [
                    RiskBand::new(1, 10, RiskLevel::Low),
                    RiskBand::new(10, 25, RiskLevel::High)
                ]
            ),
            Err(CalcError::RiskBandOverlap {
                first_from: 1,
                first_to: 10,
                second_from: 10,
                second_to: 25
            })
        );
        assert_eq!(
            RiskBands::new(s, [RiskBand::new(1, 26, RiskLevel::Low)]),
            Err(CalcError::RiskBandOutOfScale {
                from: 1,
                to: 26,
                max_value: 25
            })
        );
        assert_eq!(
            RiskBands::new(s, [RiskBand::new(0, 25, RiskLevel::Low)]),
            Err(CalcError::RiskBandOutOfScale {
                from: 0,
                to: 25,
                max_value: 25
            })
        );
        assert_eq!(
            RiskBands::from_upper_bounds(s, &[(9, RiskLevel::Low), (5, RiskLevel::High)]),
            Err(CalcError::RiskBandOutOfScale {
                from: 10,
                to: 5,
                max_value: 25
            })
        );
        assert_eq!(
            RiskBands::from_upper_bounds(s, &[(9, RiskLevel::High), (25, RiskLevel::Low)]),
            Err(CalcError::RiskLevelsOutOfOrder {
                from: 10,
                to: 25,
                level: RiskLevel::Low
            })
        );
        assert_eq!(
            RiskBands::from_upper_bounds(s, &[(9, RiskLevel::Low), (25, RiskLevel::Low)]),
            Err(CalcError::RiskLevelsOutOfOrder {
                from: 10,
                to: 25,
                level: RiskLevel::Low
            })
        );
    }

    #[test]
    fn scores_from_another_scale_are_not_classified() {
        let score = RiskScore::new(RiskScale::FOUR, 4, 4).unwrap();
        assert_eq!(
            four_levels().classify(&score),
            Err(CalcError::RiskScaleMismatch {
                score_max: 4,
                bands_max: 5
            })
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_validates() {
        // A stated value that is not probability × consequence.
        let bad = r#"{"scale":5,"probability":4,"consequence":5,"value":16}"#;
        let err = serde_json::from_str::<RiskScore>(bad)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("risk value 16 does not match"), "{err}");
        assert!(
            serde_json::from_str::<RiskScore>(
                r#"{"scale":5,"probability":6,"consequence":1,"value":6}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<RiskScale>("0").is_err());
        // Bands that leave 25 without a level.
        let gap = r#"{"scale":5,"bands":[{"from":1,"to":24,"level":"low"}]}"#;
        assert!(serde_json::from_str::<RiskBands>(gap).is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn valid_scores_and_bands_round_trip_through_json() {
        let score = RiskScore::new(RiskScale::FIVE, 4, 5).unwrap();
        let json = serde_json::to_string(&score).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            serde_json::json!({"scale": 5, "probability": 4, "consequence": 5, "value": 20})
        );
        assert_eq!(serde_json::from_str::<RiskScore>(&json).unwrap(), score);
        let bands = four_levels();
        let json = serde_json::to_string(&bands).unwrap();
        assert_eq!(serde_json::from_str::<RiskBands>(&json).unwrap(), bands);
    }

    proptest! {
        #[test]
        fn every_product_of_two_factors_validates_and_no_other_value_does(
            max in 1_u32..=12,
            value in 0_u32..=160,
        ) {
            let scale = RiskScale::new(max)?;
            let is_product = (1..=max).any(|a| (1..=max).any(|b| a * b == value));
            prop_assert_eq!(scale.validate_value(value).is_ok(), is_product);
            prop_assert_eq!(scale.possible_values().contains(&value), is_product);
            prop_assert_eq!(!scale.factorisations(value).is_empty(), is_product);
        }

        #[test]
        fn every_score_on_the_scale_validates_and_is_classified(
            p in 1_u32..=5,
            c in 1_u32..=5,
        ) {
            let score = RiskScore::new(RiskScale::FIVE, p, c)?;
            prop_assert_eq!(RiskScale::FIVE.validate_value(score.value()), Ok(p * c));
            prop_assert!(four_levels().classify(&score).is_ok());
            prop_assert!(RiskScale::FIVE.factorisations(score.value()).contains(&(p, c)));
        }

        #[test]
        fn valid_bands_cover_every_value_once(
            cuts in proptest::collection::btree_set(1_u32..25, 0..3),
        ) {
            // Up to three cut points give up to four bands with rising levels.
            let mut bounds: Vec<(u32, RiskLevel)> = cuts
                .iter()
                .zip(RiskLevel::ALL)
                .map(|(&to, level)| (to, level))
                .collect();
            bounds.push((25, RiskLevel::ALL[bounds.len()]));
            let bands = RiskBands::from_upper_bounds(RiskScale::FIVE, &bounds)?;
            for value in 1..=25 {
                prop_assert_eq!(bands.bands().iter().filter(|b| b.contains(value)).count(), 1);
            }
        }
    }
}
