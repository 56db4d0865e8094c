//! *Resultat i balans*: whether a result is close enough to the frame.

use core::fmt;

use namnd_calc::variance::{Bands, Threshold, TrafficLight};
use namnd_core::{Amount, Variance};

use crate::error::{BudgetError, Result};

/// The verdict on a committee's result against its frame.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
///
/// # Example
/// ```
/// use namnd_budget::model::Balance;
/// assert_eq!(Balance::InBalance.swedish(), "resultat i balans");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Balance {
    /// *Resultat i balans*: the result is within the threshold.
    InBalance,
    /// *Överskott*: a surplus beyond the threshold.
    Surplus,
    /// *Underskott*: a deficit beyond the threshold.
    Deficit,
}

impl Balance {
    /// The Swedish phrase.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::Balance;
    /// assert_eq!(Balance::Deficit.swedish(), "underskott");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Balance::InBalance => "resultat i balans",
            Balance::Surplus => "överskott",
            Balance::Deficit => "underskott",
        }
    }
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

/// When a result counts as *resultat i balans* (a balanced result): within
/// a [`Threshold`] of `namnd-calc`, an absolute amount and/or a percentage
/// of the frame (within either limit is enough). No document states a
/// tolerance, so it is always configured.
///
/// # Example
/// ```
/// use namnd_budget::model::{Balance, BalanceRule};
/// use namnd_calc::variance::Threshold;
/// use namnd_core::{Amount, Decimal, Variance};
///
/// // Gnesta 2022: +32 tkr on a frame of −263 094 tkr (0,012 %) was "ett resultat i balans".
/// let result = Variance::from_favourable(Amount::from_tkr(32)?);
/// let frame = Amount::from_tkr(-263_094)?;
/// let half_percent = BalanceRule::new(Threshold::new(None, Some(Decimal::new(5, 1)))?)?;
/// assert_eq!(half_percent.assess(result, frame), Balance::InBalance);
/// let ten_tkr = BalanceRule::new(Threshold::new(Some(Amount::from_tkr(10)?), None)?)?;
/// assert_eq!(ten_tkr.assess(result, frame), Balance::Surplus);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "super::wire::BalanceRuleRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct BalanceRule {
    threshold: Threshold,
    #[cfg_attr(feature = "serde", serde(skip_serializing))]
    bands: Bands,
}

impl BalanceRule {
    /// A rule with `threshold`.
    ///
    /// # Errors
    /// [`BudgetError::Calculation`] if `namnd-calc` rejects the threshold as a band.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::BalanceRule;
    /// use namnd_calc::variance::Threshold;
    /// use namnd_core::Decimal;
    /// let rule = BalanceRule::new(Threshold::new(None, Some(Decimal::ONE))?)?;
    /// assert_eq!(rule.threshold().percent(), Some(Decimal::ONE));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(threshold: Threshold) -> Result<BalanceRule> {
        // One band, green = yellow = the threshold: green means in balance.
        let bands =
            Bands::new(threshold, threshold).map_err(|source| BudgetError::Calculation {
                what: "balance threshold".to_owned(),
                source: Box::new(source),
            })?;
        Ok(BalanceRule { threshold, bands })
    }

    /// The threshold.
    ///
    /// See [`BalanceRule::new`] for an example.
    pub fn threshold(&self) -> Threshold {
        self.threshold
    }

    /// The verdict on `result` (favourable-positive, e.g. outcome − frame on
    /// canonical amounts) against `frame` (either sign; its size is used for
    /// the percentage).
    ///
    /// See [`BalanceRule`] for an example.
    pub fn assess(&self, result: Variance, frame: Amount) -> Balance {
        match self.bands.classify(result, frame) {
            TrafficLight::Green => Balance::InBalance,
            _ if result.is_favourable() => Balance::Surplus,
            _ => Balance::Deficit,
        }
    }
}
