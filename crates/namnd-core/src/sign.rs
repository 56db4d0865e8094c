//! Sign conventions of budget tables, and the favourable-positive [`Variance`].
//!
//! Real committee documents store amounts under three conventions (see
//! `docs/glossary.md` and the domain brief). namnd keeps every amount in one
//! **canonical** form internally, the *result view*: income positive, costs
//! negative, so that a sum over all lines is the result. Each table is tagged
//! with the [`SignConvention`] it is printed in, and [`Stated`] carries a value
//! together with its convention so the two cannot be mixed up.

use core::fmt;
use core::str::FromStr;

use crate::{Amount, CoreError, Result};

/// How a budget table stores signs and computes its variance (*avvikelse*).
///
/// In all three a positive variance is favourable: a surplus (*överskott*).
///
/// | Convention | Storage | Variance | Real example |
/// |---|---|---|---|
/// | [`OutcomeMinusBudget`](SignConvention::OutcomeMinusBudget) (A) | costs negative, income positive | outcome − budget | Gnesta årsredovisning 2022: budget −263 094, utfall −263 062, avvikelse +32 |
/// | [`BudgetMinusOutcome`](SignConvention::BudgetMinusOutcome) (B) | costs positive, income negative (net cost) | budget − outcome | Flen månadsrapport Nov 2023: budget 72 473, utfall 98 184, avvikelse −25 711 |
/// | [`BudgetMinusForecast`](SignConvention::BudgetMinusForecast) (C) | costs positive, income negative, full year | budget − forecast | Flen's "Prognos avvikelse helår" |
///
/// # Example
/// ```
/// use namnd_core::{Amount, SignConvention};
///
/// // Flen, convention B: an income row "Intäkter −2 162 −1 254 −908".
/// let b = SignConvention::BudgetMinusOutcome;
/// let v = b.variance(Amount::from_tkr(-2_162)?, Amount::from_tkr(-1_254)?)?;
/// assert_eq!(v.amount(), Amount::from_tkr(-908)?); // less income than budgeted
/// assert!(!v.is_favourable());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum SignConvention {
    /// (A) Costs negative, income positive; variance = outcome − budget.
    /// This is also namnd's canonical storage (the *result view*).
    OutcomeMinusBudget,
    /// (B) Costs positive, income negative (the net-cost view); variance = budget − outcome.
    BudgetMinusOutcome,
    /// (C) Costs positive, income negative, comparing the full-year forecast
    /// (*helårsprognos*); variance = budget − forecast.
    BudgetMinusForecast,
}

/// Which sign costs carry in a [`SignConvention`].
///
/// # Example
/// ```
/// use namnd_core::{SignConvention, Storage};
/// assert_eq!(SignConvention::BudgetMinusForecast.storage(), Storage::CostsPositive);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Storage {
    /// Costs are negative and income positive (the result view; canonical).
    CostsNegative,
    /// Costs are positive and income negative (the net-cost view).
    CostsPositive,
}

impl SignConvention {
    /// The three conventions, A, B and C.
    ///
    /// # Example
    /// ```
    /// use namnd_core::SignConvention;
    /// assert_eq!(SignConvention::ALL.len(), 3);
    /// ```
    pub const ALL: &'static [SignConvention] = &[
        SignConvention::OutcomeMinusBudget,
        SignConvention::BudgetMinusOutcome,
        SignConvention::BudgetMinusForecast,
    ];

    /// How this convention stores costs and income.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{SignConvention, Storage};
    /// assert_eq!(SignConvention::OutcomeMinusBudget.storage(), Storage::CostsNegative);
    /// ```
    pub fn storage(self) -> Storage {
        match self {
            SignConvention::OutcomeMinusBudget => Storage::CostsNegative,
            SignConvention::BudgetMinusOutcome | SignConvention::BudgetMinusForecast => {
                Storage::CostsPositive
            }
        }
    }

    /// Whether the table compares the full-year forecast rather than the outcome.
    ///
    /// # Example
    /// ```
    /// use namnd_core::SignConvention;
    /// assert!(SignConvention::BudgetMinusForecast.compares_forecast());
    /// assert!(!SignConvention::BudgetMinusOutcome.compares_forecast());
    /// ```
    pub fn compares_forecast(self) -> bool {
        matches!(self, SignConvention::BudgetMinusForecast)
    }

    /// Converts an amount stated under this convention into the canonical form
    /// (income positive, costs negative).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention};
    /// // A cost of 72 473 tkr in Flen's net-cost table is −72 473 tkr canonically.
    /// let c = SignConvention::BudgetMinusOutcome.to_canonical(Amount::from_tkr(72_473)?);
    /// assert_eq!(c, Amount::from_tkr(-72_473)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn to_canonical(self, stated: Amount) -> Amount {
        match self.storage() {
            Storage::CostsNegative => stated,
            Storage::CostsPositive => stated.negated(),
        }
    }

    /// Converts a canonical amount into this convention, for presentation.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention};
    /// let income = Amount::from_tkr(53_647)?;
    /// assert_eq!(SignConvention::BudgetMinusOutcome.from_canonical(income), Amount::from_tkr(-53_647)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_canonical(self, canonical: Amount) -> Amount {
        // Both storages are their own inverse.
        self.to_canonical(canonical)
    }

    /// The favourable-positive variance of `actual` (outcome, or forecast for
    /// convention C) against `budget`, both stated under this convention.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the difference is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention};
    ///
    /// // Gnesta, convention A: budget −263 094, utfall −263 062, avvikelse +32.
    /// let a = SignConvention::OutcomeMinusBudget;
    /// let v = a.variance(Amount::from_tkr(-263_094)?, Amount::from_tkr(-263_062)?)?;
    /// assert_eq!(v.amount(), Amount::from_tkr(32)?);
    ///
    /// // Convention C: a cost budget of 5 000 with a forecast of 5 300 gives −300.
    /// let c = SignConvention::BudgetMinusForecast;
    /// assert_eq!(c.variance(Amount::from_tkr(5_000)?, Amount::from_tkr(5_300)?)?.amount(), Amount::from_tkr(-300)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn variance(self, budget: Amount, actual: Amount) -> Result<Variance> {
        Variance::between(Stated::new(budget, self), Stated::new(actual, self))
    }

    /// A short name: `outcome-minus-budget`, `budget-minus-outcome` or `budget-minus-forecast`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::SignConvention;
    /// assert_eq!(SignConvention::BudgetMinusOutcome.name(), "budget-minus-outcome");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SignConvention::OutcomeMinusBudget => "outcome-minus-budget",
            SignConvention::BudgetMinusOutcome => "budget-minus-outcome",
            SignConvention::BudgetMinusForecast => "budget-minus-forecast",
        }
    }
}

impl fmt::Display for SignConvention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SignConvention {
    type Err = CoreError;

    /// Reads a [`SignConvention::name`] or the letters `A`, `B`, `C` (any case).
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_lowercase();
        SignConvention::ALL
            .iter()
            .copied()
            .zip(["a", "b", "c"])
            .find(|(c, letter)| lower == c.name() || lower == *letter)
            .map(|(c, _)| c)
            .ok_or_else(|| CoreError::UnknownSignConvention {
                input: crate::error::echo(s),
                expected: "outcome-minus-budget (a), budget-minus-outcome (b) or budget-minus-forecast (c)",
            })
    }
}

/// An amount together with the sign convention it is stated under.
///
/// `Stated` deliberately has no `PartialEq` or `PartialOrd`: two stated values
/// can only be compared through [`Stated::canonical`], so a value under one
/// convention is never compared with one under another by mistake.
///
/// ```compile_fail
/// use namnd_core::{Amount, SignConvention, Stated};
/// let a = Stated::new(Amount::from_kr(5), SignConvention::OutcomeMinusBudget);
/// let b = Stated::new(Amount::from_kr(-5), SignConvention::BudgetMinusOutcome);
/// let _ = a == b; // does not compile: convert first
/// ```
///
/// # Example
/// ```
/// use namnd_core::{Amount, SignConvention, Stated};
///
/// let flen = Stated::new(Amount::from_tkr(72_473)?, SignConvention::BudgetMinusOutcome);
/// let gnesta = Stated::new(Amount::from_tkr(-72_473)?, SignConvention::OutcomeMinusBudget);
/// assert_eq!(flen.canonical(), gnesta.canonical());
/// assert_eq!(flen.convert_to(SignConvention::OutcomeMinusBudget).amount(), gnesta.amount());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Stated {
    amount: Amount,
    convention: SignConvention,
}

impl Stated {
    /// `amount` as printed in a table with `convention`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let s = Stated::new(Amount::from_kr(-40), SignConvention::OutcomeMinusBudget);
    /// assert_eq!(s.amount(), Amount::from_kr(-40));
    /// ```
    pub fn new(amount: Amount, convention: SignConvention) -> Stated {
        Stated { amount, convention }
    }

    /// The amount as stated (in its own convention).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let s = Stated::new(Amount::from_kr(7), SignConvention::BudgetMinusOutcome);
    /// assert_eq!(s.amount(), Amount::from_kr(7));
    /// ```
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// The convention the amount is stated under.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let s = Stated::new(Amount::ZERO, SignConvention::BudgetMinusForecast);
    /// assert_eq!(s.convention(), SignConvention::BudgetMinusForecast);
    /// ```
    pub fn convention(&self) -> SignConvention {
        self.convention
    }

    /// The amount in canonical form (income positive, costs negative).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let cost = Stated::new(Amount::from_kr(100), SignConvention::BudgetMinusOutcome);
    /// assert_eq!(cost.canonical(), Amount::from_kr(-100));
    /// ```
    pub fn canonical(&self) -> Amount {
        self.convention.to_canonical(self.amount)
    }

    /// The same value stated under another convention.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated};
    /// let a = Stated::new(Amount::from_kr(-877), SignConvention::OutcomeMinusBudget);
    /// let b = a.convert_to(SignConvention::BudgetMinusOutcome);
    /// assert_eq!(b.amount(), Amount::from_kr(877));
    /// ```
    #[must_use]
    pub fn convert_to(&self, convention: SignConvention) -> Stated {
        Stated::new(convention.from_canonical(self.canonical()), convention)
    }
}

/// A budget variance (*avvikelse*, in its economic sense): **positive always
/// means favourable**, a surplus (*överskott*); negative is a deficit
/// (*underskott*).
///
/// Not to be confused with an incident report, which Swedish also calls
/// *avvikelse*.
///
/// # Example
/// ```
/// use namnd_core::{Amount, SignConvention, Stated, Variance, VarianceKind};
///
/// let budget = Stated::new(Amount::from_tkr(-877)?, SignConvention::OutcomeMinusBudget);
/// let outcome = Stated::new(Amount::from_tkr(917)?, SignConvention::BudgetMinusOutcome);
/// let v = Variance::between(budget, outcome)?;
/// assert_eq!(v.amount(), Amount::from_tkr(-40)?);
/// assert_eq!(v.kind(), VarianceKind::Deficit);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transparent))]
pub struct Variance(Amount);

/// Whether a [`Variance`] is a surplus, a deficit or exactly zero.
///
/// # Example
/// ```
/// use namnd_core::{Amount, Variance, VarianceKind};
/// assert_eq!(Variance::from_favourable(Amount::from_kr(32)).kind(), VarianceKind::Surplus);
/// assert_eq!(VarianceKind::Deficit.swedish(), "underskott");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum VarianceKind {
    /// Favourable: *överskott*.
    Surplus,
    /// Exactly on budget.
    Zero,
    /// Unfavourable: *underskott*.
    Deficit,
}

impl VarianceKind {
    /// The Swedish word: `överskott`, `noll` or `underskott`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::VarianceKind;
    /// assert_eq!(VarianceKind::Surplus.swedish(), "överskott");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            VarianceKind::Surplus => "överskott",
            VarianceKind::Zero => "noll",
            VarianceKind::Deficit => "underskott",
        }
    }
}

impl Variance {
    /// A variance already in favourable-positive form.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Variance};
    /// assert!(Variance::from_favourable(Amount::from_kr(1)).is_favourable());
    /// ```
    pub fn from_favourable(amount: Amount) -> Variance {
        Variance(amount)
    }

    /// The variance of `actual` against `budget`, each stated under its own
    /// convention: `canonical(actual) − canonical(budget)`.
    ///
    /// # Errors
    /// [`CoreError::Overflow`] if the difference is outside the decimal range.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, SignConvention, Stated, Variance};
    /// let c = SignConvention::BudgetMinusForecast;
    /// // More income than budgeted is favourable: budget −1 000, forecast −1 100 gives +100.
    /// let v = Variance::between(Stated::new(Amount::from_tkr(-1_000)?, c), Stated::new(Amount::from_tkr(-1_100)?, c))?;
    /// assert_eq!(v.amount(), Amount::from_tkr(100)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn between(budget: Stated, actual: Stated) -> Result<Variance> {
        actual
            .canonical()
            .checked_sub(budget.canonical())
            .map(Variance)
    }

    /// The variance as an amount, positive = favourable.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Variance};
    /// assert_eq!(Variance::from_favourable(Amount::from_kr(-3)).amount(), Amount::from_kr(-3));
    /// ```
    pub fn amount(self) -> Amount {
        self.0
    }

    /// Whether the variance is a surplus (strictly positive).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Variance};
    /// assert!(!Variance::from_favourable(Amount::ZERO).is_favourable());
    /// ```
    pub fn is_favourable(self) -> bool {
        self.0.is_positive()
    }

    /// Surplus, zero or deficit.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, Variance, VarianceKind};
    /// assert_eq!(Variance::from_favourable(Amount::ZERO).kind(), VarianceKind::Zero);
    /// ```
    pub fn kind(self) -> VarianceKind {
        if self.0.is_positive() {
            VarianceKind::Surplus
        } else if self.0.is_negative() {
            VarianceKind::Deficit
        } else {
            VarianceKind::Zero
        }
    }
}

impl fmt::Display for Variance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    use super::{SignConvention, Stated, Variance};
    use crate::Amount;
    use proptest::prelude::*;

    impl Arbitrary for SignConvention {
        type Parameters = ();
        type Strategy = proptest::sample::Select<SignConvention>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(SignConvention::ALL.to_vec())
        }
    }

    impl Arbitrary for Stated {
        type Parameters = ();
        type Strategy = BoxedStrategy<Stated>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            (any::<Amount>(), any::<SignConvention>())
                .prop_map(|(a, c)| Stated::new(a, c))
                .boxed()
        }
    }

    impl Arbitrary for Variance {
        type Parameters = ();
        type Strategy = BoxedStrategy<Variance>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            any::<Amount>().prop_map(Variance::from_favourable).boxed()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tkr(v: i64) -> Amount {
        Amount::from_tkr(v).unwrap()
    }

    #[test]
    fn real_examples_give_the_printed_variances() {
        use SignConvention::*;
        // (convention, budget, actual, printed variance): domain brief §2.
        let cases = [
            (OutcomeMinusBudget, -877, -917, -40),
            (OutcomeMinusBudget, -263_094, -263_062, 32),
            (BudgetMinusOutcome, 72_473, 98_184, -25_711),
            (BudgetMinusOutcome, -2_162, -1_254, -908),
            (BudgetMinusForecast, -1_000, -1_100, 100),
            (BudgetMinusForecast, 5_000, 5_300, -300),
        ];
        for (convention, budget, actual, printed) in cases {
            let v = convention.variance(tkr(budget), tkr(actual)).unwrap();
            assert_eq!(v.amount(), tkr(printed), "{convention} {budget} {actual}");
        }
    }

    #[test]
    fn conventions_parse_from_names_and_letters() {
        for &c in SignConvention::ALL {
            assert_eq!(c.name().parse::<SignConvention>().unwrap(), c);
        }
        assert_eq!(
            "B".parse::<SignConvention>().unwrap(),
            SignConvention::BudgetMinusOutcome
        );
        assert!(matches!(
            "d".parse::<SignConvention>(),
            Err(CoreError::UnknownSignConvention { .. })
        ));
    }

    proptest! {
        #[test]
        fn canonical_round_trips_in_every_convention(a in any::<Amount>(), c in any::<SignConvention>()) {
            prop_assert_eq!(c.from_canonical(c.to_canonical(a)), a);
            prop_assert_eq!(c.to_canonical(c.from_canonical(a)), a);
        }

        #[test]
        fn conversion_between_conventions_keeps_the_canonical_value(s in any::<Stated>(), to in any::<SignConvention>()) {
            prop_assert_eq!(s.convert_to(to).canonical(), s.canonical());
            prop_assert_eq!(s.convert_to(to).convert_to(s.convention()).amount(), s.amount());
        }

        #[test]
        fn variance_is_the_same_whatever_convention_the_table_uses(
            budget in any::<Amount>(), actual in any::<Amount>(), c in any::<SignConvention>(),
        ) {
            // The same economic facts, printed under convention c, give the same variance.
            let canonical = SignConvention::OutcomeMinusBudget.variance(budget, actual)?;
            let printed = c.variance(c.from_canonical(budget), c.from_canonical(actual))?;
            prop_assert_eq!(printed, canonical);
        }

        #[test]
        fn spending_less_than_a_cost_budget_is_favourable(
            budget_cost in 1_i64..1_000_000_000, saving in 1_i64..1_000_000, c in any::<SignConvention>(),
        ) {
            // A cost line: canonical amounts are negative.
            let budget = Amount::from_kr(-budget_cost);
            let outcome = Amount::from_kr(-(budget_cost - saving));
            let v = c.variance(c.from_canonical(budget), c.from_canonical(outcome))?;
            prop_assert!(v.is_favourable());
            prop_assert_eq!(v.kind(), VarianceKind::Surplus);
        }

        #[test]
        fn earning_less_than_an_income_budget_is_unfavourable(
            budget_income in 1_i64..1_000_000_000, shortfall in 1_i64..1_000_000, c in any::<SignConvention>(),
        ) {
            let budget = Amount::from_kr(budget_income);
            let outcome = Amount::from_kr(budget_income - shortfall);
            let v = c.variance(c.from_canonical(budget), c.from_canonical(outcome))?;
            prop_assert_eq!(v.kind(), VarianceKind::Deficit);
        }
    }
}
