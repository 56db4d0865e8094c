//! The follow-up for an as-of month, per line and rolled up.

use std::collections::{BTreeMap, BTreeSet};

use namnd_calc::CalcError;
use namnd_calc::forecast::{ForecastInput, LineForecast, ManualForecast, Method, Periodisation};
use namnd_calc::variance::ForecastChange;
use namnd_core::{AccountGroup, Amount, Rounding, SignConvention, UnitPath, Variance, YearMonth};

use super::line::round_ore;
use super::{BudgetFrame, BudgetLine, LineKey, Outcome, add, overflow, sub};
use crate::error::{BudgetError, Result};

/// How a [`FollowUp`] forecasts and rounds: the default forecast method,
/// per-line methods, manual forecasts with their comments (which take
/// precedence over any method), and the rounding of periodised budgets and
/// forecasts to whole öre (there is no default rounding).
///
/// # Example
/// ```
/// use namnd_budget::model::{FollowUpOptions, LineKey};
/// use namnd_calc::forecast::{ManualForecast, Method, Periodisation};
/// use namnd_core::{AccountGroup, Amount, Rounding};
///
/// let placements = LineKey::new("SN/IFO".parse()?, "520", AccountGroup::PurchasedServices)?;
/// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero)
///     .with_method(placements.clone(), Method::RemainingBudget { periodisation: Periodisation::Even })
///     .with_manual(placements.clone(), ManualForecast::new(Amount::from_tkr(-24_000)?, "Två nya externa placeringar")?);
/// assert_eq!(options.method_for(&placements).name(), "remaining-budget");
/// assert!(options.manual_for(&placements).is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::wire::FollowUpOptionsRepr",
        into = "super::wire::FollowUpOptionsRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FollowUpOptions {
    method: Method,
    rounding: Rounding,
    methods: BTreeMap<LineKey, Method>,
    manual: BTreeMap<LineKey, ManualForecast>,
}

impl FollowUpOptions {
    /// The default method, rounding, per-line methods and manual forecasts.
    #[cfg(feature = "serde")]
    pub(super) fn into_parts(
        self,
    ) -> (
        Method,
        Rounding,
        BTreeMap<LineKey, Method>,
        BTreeMap<LineKey, ManualForecast>,
    ) {
        (self.method, self.rounding, self.methods, self.manual)
    }

    /// Options with a default method for every line and the rounding to öre.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::FollowUpOptions;
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::Rounding;
    /// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfEven);
    /// assert_eq!(options.rounding(), Rounding::HalfEven);
    /// ```
    pub fn new(method: Method, rounding: Rounding) -> FollowUpOptions {
        FollowUpOptions {
            method,
            rounding,
            methods: BTreeMap::new(),
            manual: BTreeMap::new(),
        }
    }

    /// The options with `method` for the line `key`. The manager's figure
    /// goes in with [`FollowUpOptions::with_manual`], not as
    /// [`Method::Manual`] (which [`FollowUp::compute`] rejects).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FollowUpOptions, LineKey};
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::{AccountGroup, Rounding};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfEven).with_method(key.clone(), Method::PriorYearProfile);
    /// assert_eq!(options.method_for(&key), &Method::PriorYearProfile);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_method(mut self, key: LineKey, method: Method) -> FollowUpOptions {
        self.methods.insert(key, method);
        self
    }

    /// The options with a manual forecast (with its comment) for the line `key`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FollowUpOptions, LineKey};
    /// use namnd_calc::forecast::{ManualForecast, Method};
    /// use namnd_core::{AccountGroup, Amount, Rounding};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::GrantIncome)?;
    /// let manual = ManualForecast::new(Amount::from_tkr(3_000)?, "Statsbidrag beviljat")?;
    /// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfEven).with_manual(key.clone(), manual);
    /// assert_eq!(options.manual_for(&key).map(|m| m.comment()), Some("Statsbidrag beviljat"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_manual(mut self, key: LineKey, manual: ManualForecast) -> FollowUpOptions {
        self.manual.insert(key, manual);
        self
    }

    /// The method for a line: its own, or the default.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FollowUpOptions, LineKey};
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::{AccountGroup, Rounding};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// assert_eq!(FollowUpOptions::new(Method::RunRate, Rounding::HalfEven).method_for(&key), &Method::RunRate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn method_for(&self, key: &LineKey) -> &Method {
        self.methods.get(key).unwrap_or(&self.method)
    }

    /// Whether the line has a method of its own.
    #[cfg(feature = "serde")]
    pub(super) fn has_method(&self, key: &LineKey) -> bool {
        self.methods.contains_key(key)
    }

    /// The manual forecast of a line, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{FollowUpOptions, LineKey};
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::{AccountGroup, Rounding};
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// assert!(FollowUpOptions::new(Method::RunRate, Rounding::HalfEven).manual_for(&key).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn manual_for(&self, key: &LineKey) -> Option<&ManualForecast> {
        self.manual.get(key)
    }

    /// The rounding of periodised budgets and forecasts to whole öre.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::FollowUpOptions;
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::Rounding;
    /// assert_eq!(FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero).rounding(), Rounding::HalfAwayFromZero);
    /// ```
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
}

/// One line of a [`FollowUp`]: annual budget, periodised budget to date,
/// outcome to date, variance to date, full-year forecast, forecast variance
/// and the change since the previous forecast. Amounts are canonical; the
/// variances are favourable-positive.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
///
/// # Example
/// ```
/// use namnd_budget::model::{BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
/// use namnd_calc::forecast::Method;
/// use namnd_calc::variance::Direction;
/// use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, SignConvention, Stated, YearMonth};
/// use std::collections::BTreeMap;
///
/// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
/// let budget = [BudgetLine::new(key.clone(), Amount::from_kr(-1_200))];
/// let mut outcome = Outcome::new(FiscalYear::try_new(2025)?);
/// for m in 1..=4 {
///     outcome.add(key.clone(), YearMonth::try_new(2025, m)?, Stated::new(Amount::from_kr(-110), SignConvention::OutcomeMinusBudget))?;
/// }
/// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
/// let march = FollowUp::compute(YearMonth::try_new(2025, 3)?, &budget, &outcome, &options, &BTreeMap::new())?;
/// let april = FollowUp::compute(YearMonth::try_new(2025, 4)?, &budget, &outcome, &options, &march.forecasts())?;
/// let line = april.line(&key).ok_or("no line")?;
/// assert_eq!(line.previous_forecast(), Some(Amount::from_kr(-1_320)));
/// assert_eq!(line.forecast_change().map(|c| c.direction()), Some(Direction::Unchanged));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LineFollowUp {
    key: LineKey,
    budget: Amount,
    budget_to_date: Amount,
    outcome_to_date: Amount,
    variance_to_date: Variance,
    forecast: LineForecast,
    forecast_value: Amount,
    forecast_variance: Variance,
    previous_forecast: Option<Amount>,
    forecast_change: Option<ForecastChange>,
}

impl LineFollowUp {
    /// The line's key.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn key(&self) -> &LineKey {
        &self.key
    }

    /// The annual budget (zero for a line with outcome but no budget).
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The periodised budget through the as-of month, rounded to öre.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn budget_to_date(&self) -> Amount {
        self.budget_to_date
    }

    /// The outcome to date (*ackumulerat utfall*).
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn outcome_to_date(&self) -> Amount {
        self.outcome_to_date
    }

    /// outcome to date − periodised budget to date, favourable-positive.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn variance_to_date(&self) -> Variance {
        self.variance_to_date
    }

    /// The forecast record from `namnd-calc`: the chosen forecast (the
    /// manager's if given, with its comment) and the computed ones, unrounded.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn forecast_record(&self) -> &LineForecast {
        &self.forecast
    }

    /// The full-year forecast (*helårsprognos*), rounded to öre.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn forecast(&self) -> Amount {
        self.forecast_value
    }

    /// forecast − annual budget (*prognosavvikelse*), favourable-positive.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn forecast_variance(&self) -> Variance {
        self.forecast_variance
    }

    /// The previous month's forecast of the line, if one was given.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn previous_forecast(&self) -> Option<Amount> {
        self.previous_forecast
    }

    /// forecast − previous forecast (positive = improved), if a previous
    /// forecast was given.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn forecast_change(&self) -> Option<ForecastChange> {
        self.forecast_change
    }
}

/// Sums of lines: annual budget, periodised budget to date, outcome to date,
/// forecast, and the previous forecast and change over the lines that had a
/// previous forecast.
///
/// # Example
/// ```
/// use namnd_budget::model::{BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
/// use namnd_calc::forecast::Method;
/// use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, YearMonth};
/// use std::collections::BTreeMap;
/// let budget = [
///     BudgetLine::new(LineKey::new("SN/IFO".parse()?, "510", AccountGroup::StaffCosts)?, Amount::from_kr(-1_200)),
///     BudgetLine::new(LineKey::new("SN/IFO".parse()?, "510", AccountGroup::FeeIncome)?, Amount::from_kr(240)),
/// ];
/// let outcome = Outcome::new(FiscalYear::try_new(2025)?);
/// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
/// let report = FollowUp::compute(YearMonth::try_new(2025, 6)?, &budget, &outcome, &options, &BTreeMap::new())?;
/// let total = report.total()?;
/// assert_eq!((total.budget(), total.budget_to_date(), total.lines()), (Amount::from_kr(-960), Amount::from_kr(-480), 2));
/// assert_eq!(total.variance_to_date()?.amount(), Amount::from_kr(480)); // nothing booked yet
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Totals {
    budget: Amount,
    budget_to_date: Amount,
    outcome_to_date: Amount,
    forecast: Amount,
    previous_forecast: Amount,
    forecast_change: Amount,
    lines: usize,
}

impl Totals {
    /// Adds one line.
    fn add_line(&mut self, line: &LineFollowUp, what: &str) -> Result<()> {
        let name = |measure: &'static str| move || format!("{measure} of {what}");
        self.budget = add(self.budget, line.budget, name("budget"))?;
        self.budget_to_date = add(
            self.budget_to_date,
            line.budget_to_date,
            name("budget to date"),
        )?;
        self.outcome_to_date = add(
            self.outcome_to_date,
            line.outcome_to_date,
            name("outcome to date"),
        )?;
        self.forecast = add(self.forecast, line.forecast_value, name("forecast"))?;
        if let (Some(previous), Some(change)) = (line.previous_forecast, line.forecast_change) {
            self.previous_forecast =
                add(self.previous_forecast, previous, name("previous forecast"))?;
            self.forecast_change = add(
                self.forecast_change,
                change.amount(),
                name("forecast change"),
            )?;
        }
        self.lines = self.lines.saturating_add(1);
        Ok(())
    }

    /// The annual budget.
    ///
    /// See [`Totals`] for an example.
    pub fn budget(&self) -> Amount {
        self.budget
    }

    /// The periodised budget to date.
    ///
    /// See [`Totals`] for an example.
    pub fn budget_to_date(&self) -> Amount {
        self.budget_to_date
    }

    /// The outcome to date.
    ///
    /// See [`Totals`] for an example.
    pub fn outcome_to_date(&self) -> Amount {
        self.outcome_to_date
    }

    /// The full-year forecast.
    ///
    /// See [`Totals`] for an example.
    pub fn forecast(&self) -> Amount {
        self.forecast
    }

    /// The previous forecast, over the lines that had one.
    ///
    /// See [`Totals`] for an example.
    pub fn previous_forecast(&self) -> Amount {
        self.previous_forecast
    }

    /// The change of the forecast since the previous one (positive =
    /// improved), over the lines that had a previous forecast.
    ///
    /// See [`Totals`] for an example.
    pub fn forecast_change(&self) -> Amount {
        self.forecast_change
    }

    /// The number of lines summed.
    ///
    /// See [`Totals`] for an example.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// outcome to date − budget to date, favourable-positive.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`Totals`] for an example.
    pub fn variance_to_date(&self) -> Result<Variance> {
        SignConvention::OutcomeMinusBudget
            .variance(self.budget_to_date, self.outcome_to_date)
            .map_err(overflow(|| "variance to date of a total".to_owned()))
    }

    /// forecast − annual budget, favourable-positive.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`Totals`] for an example.
    pub fn forecast_variance(&self) -> Result<Variance> {
        SignConvention::OutcomeMinusBudget
            .variance(self.budget, self.forecast)
            .map_err(overflow(|| "forecast variance of a total".to_owned()))
    }
}

/// The follow-up (*uppföljning*) of a fiscal year as of a month: every line
/// with a budget or outcome, rolled up through the unit hierarchy and shown
/// in three views (by account group, by verksamhet, by top-level unit) that
/// reconcile to the same total.
///
/// # Example
/// ```
/// use namnd_budget::model::{BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
/// use namnd_calc::forecast::Method;
/// use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, SignConvention, Stated, YearMonth};
/// use std::collections::BTreeMap;
///
/// let ho = LineKey::new("SN/IFO/HO".parse()?, "510", AccountGroup::StaffCosts)?;
/// let ekb = LineKey::new("SN/IFO/EKB".parse()?, "530", AccountGroup::PurchasedServices)?;
/// let budget = [BudgetLine::new(ho.clone(), Amount::from_kr(-1_200)), BudgetLine::new(ekb.clone(), Amount::from_kr(-600))];
/// let mut outcome = Outcome::new(FiscalYear::try_new(2025)?);
/// let a = SignConvention::OutcomeMinusBudget;
/// outcome.add(ho, YearMonth::try_new(2025, 1)?, Stated::new(Amount::from_kr(-90), a))?;
/// outcome.add(ekb, YearMonth::try_new(2025, 1)?, Stated::new(Amount::from_kr(-70), a))?;
/// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
/// let report = FollowUp::compute(YearMonth::try_new(2025, 1)?, &budget, &outcome, &options, &BTreeMap::new())?;
///
/// let ifo = report.by_unit_level()?.get(&"SN/IFO".parse::<namnd_core::UnitPath>()?).copied().ok_or("no unit")?;
/// assert_eq!((ifo.outcome_to_date(), ifo.forecast()), (Amount::from_kr(-160), Amount::from_kr(-1_920)));
/// let total = report.reconcile_views()?;
/// assert_eq!(total.forecast_variance()?.amount(), Amount::from_kr(-120));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct FollowUp {
    as_of: YearMonth,
    lines: Vec<LineFollowUp>,
}

impl FollowUp {
    /// The follow-up as of `as_of` of `budget` against `outcome`, with
    /// `previous` the previous month's forecast per line (e.g.
    /// [`FollowUp::forecasts`] of last month's follow-up; empty if none).
    ///
    /// Every line with a budget, outcome or previous forecast is included;
    /// an unbudgeted line has budget zero, periodised evenly. A line that is
    /// only in `previous` (it had a forecast last month but has neither
    /// budget nor outcome now) is forecast at zero, or at the manager's
    /// figure if [`FollowUpOptions::with_manual`] gives one, so that its
    /// previous forecast is not lost: when every line has a previous
    /// forecast, the total's forecast change is its forecast − its previous
    /// forecast.
    ///
    /// # Errors
    /// - [`BudgetError::OutsideModelYear`] if `as_of` is not in the outcome's year;
    /// - [`BudgetError::DuplicateBudgetLine`] if two budget lines share a key;
    /// - [`BudgetError::Calculation`] if a line cannot be periodised or
    ///   forecast (e.g. a method needing history on a line without it);
    /// - [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, YearMonth};
    /// use std::collections::BTreeMap;
    /// let key = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let budget = [BudgetLine::new(key.clone(), Amount::ZERO), BudgetLine::new(key, Amount::ZERO)];
    /// let outcome = Outcome::new(FiscalYear::try_new(2025)?);
    /// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
    /// let err = FollowUp::compute(YearMonth::try_new(2025, 1)?, &budget, &outcome, &options, &BTreeMap::new()).unwrap_err();
    /// assert_eq!(err.to_string(), "budget line SN 510 personalkostnader appears twice");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute(
        as_of: YearMonth,
        budget: &[BudgetLine],
        outcome: &Outcome,
        options: &FollowUpOptions,
        previous: &BTreeMap<LineKey, Amount>,
    ) -> Result<FollowUp> {
        if as_of.fiscal_year() != outcome.year() {
            return Err(BudgetError::OutsideModelYear {
                what: "as-of month starting".to_owned(),
                date: as_of.first_day(),
                year: outcome.year(),
            });
        }
        let mut budgeted: BTreeMap<&LineKey, &BudgetLine> = BTreeMap::new();
        for line in budget {
            if budgeted.insert(line.key(), line).is_some() {
                return Err(BudgetError::DuplicateBudgetLine {
                    key: line.key().to_string(),
                });
            }
        }
        let booked: BTreeSet<&LineKey> = outcome.keys().collect();
        let keys: BTreeSet<&LineKey> = budgeted
            .keys()
            .copied()
            .chain(booked.iter().copied())
            .chain(previous.keys())
            .collect();
        // A line that had a forecast last month but has neither budget nor
        // outcome now is forecast as outcome plus remaining budget, i.e. zero
        // (unless the manager gives a figure), so that its previous forecast
        // still counts in the totals.
        let nothing_left = Method::RemainingBudget {
            periodisation: Periodisation::Even,
        };
        let lines = keys
            .into_iter()
            .map(|key| {
                let unbudgeted;
                let (line, method) = match budgeted.get(key) {
                    Some(line) => (*line, options.method_for(key)),
                    None => {
                        unbudgeted = BudgetLine::new(key.clone(), Amount::ZERO);
                        let method = if booked.contains(key) {
                            options.method_for(key)
                        } else {
                            &nothing_left
                        };
                        (&unbudgeted, method)
                    }
                };
                follow_line(
                    as_of,
                    line,
                    outcome,
                    options,
                    method,
                    previous.get(key).copied(),
                )
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(FollowUp { as_of, lines })
    }

    /// The as-of month.
    ///
    /// See [`FollowUp`] for an example.
    pub fn as_of(&self) -> YearMonth {
        self.as_of
    }

    /// The lines, ordered by key.
    ///
    /// See [`FollowUp`] for an example.
    pub fn lines(&self) -> &[LineFollowUp] {
        &self.lines
    }

    /// The line with `key`, if any.
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn line(&self, key: &LineKey) -> Option<&LineFollowUp> {
        self.lines
            .binary_search_by(|line| line.key.cmp(key))
            .ok()
            .and_then(|i| self.lines.get(i))
    }

    /// Each line's forecast (rounded), to pass as `previous` to next
    /// month's [`FollowUp::compute`].
    ///
    /// See [`LineFollowUp`] for an example.
    pub fn forecasts(&self) -> BTreeMap<LineKey, Amount> {
        self.lines
            .iter()
            .map(|line| (line.key.clone(), line.forecast_value))
            .collect()
    }

    /// The total over all lines.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`Totals`] for an example.
    pub fn total(&self) -> Result<Totals> {
        let mut total = Totals::default();
        for line in &self.lines {
            total.add_line(line, "the total")?;
        }
        Ok(total)
    }

    /// Sums of lines grouped by `group_of`.
    fn grouped<K: Ord>(
        &self,
        view: &str,
        group_of: impl Fn(&LineKey) -> Vec<K>,
    ) -> Result<BTreeMap<K, Totals>> {
        let mut groups: BTreeMap<K, Totals> = BTreeMap::new();
        for line in &self.lines {
            for group in group_of(&line.key) {
                groups.entry(group).or_default().add_line(line, view)?;
            }
        }
        Ok(groups)
    }

    /// Totals for every level of the unit hierarchy: each line counts in
    /// every ancestor of its unit path (its own path included).
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`FollowUp`] for an example.
    pub fn by_unit_level(&self) -> Result<BTreeMap<UnitPath, Totals>> {
        self.grouped("a unit", |key| key.unit().ancestors().collect())
    }

    /// View by unit: totals per top-level unit.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`FollowUp`] for an example.
    pub fn by_unit(&self) -> Result<BTreeMap<UnitPath, Totals>> {
        self.grouped("a top-level unit", |key| {
            key.unit().truncated(1).into_iter().collect()
        })
    }

    /// View by account group (*kontogrupp*).
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`FollowUp`] for an example.
    pub fn by_account_group(&self) -> Result<BTreeMap<AccountGroup, Totals>> {
        self.grouped("an account group", |key| vec![key.group()])
    }

    /// View by verksamhet (activity code); lines without one are under `None`.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`FollowUp`] for an example.
    pub fn by_verksamhet(&self) -> Result<BTreeMap<Option<String>, Totals>> {
        self.grouped("a verksamhet", |key| {
            vec![key.verksamhet().map(str::to_owned)]
        })
    }

    /// Checks the frame against the follow-up: the budget of the allocation
    /// lines ([`AccountGroup::Allocation`], *anslag*) must be the frame's
    /// current amount (original + changes), and the frame must be of the
    /// follow-up's year.
    ///
    /// # Errors
    /// - [`BudgetError::FrameDoesNotMatchAllocation`] naming the difference
    ///   (allocation − frame);
    /// - [`BudgetError::OutsideModelYear`] if the frame is of another year;
    /// - [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetError;
    /// use namnd_budget::model::{BudgetFrame, BudgetLine, FollowUp, FollowUpOptions, LineKey, Outcome};
    /// use namnd_calc::forecast::Method;
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, Rounding, YearMonth};
    /// use std::collections::BTreeMap;
    ///
    /// let year = FiscalYear::try_new(2025)?;
    /// let anslag = LineKey::new("SN".parse()?, "510", AccountGroup::Allocation)?;
    /// let staff = LineKey::new("SN".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let budget = [BudgetLine::new(anslag, Amount::from_tkr(1_000)?), BudgetLine::new(staff, Amount::from_tkr(-1_000)?)];
    /// let options = FollowUpOptions::new(Method::RunRate, Rounding::HalfAwayFromZero);
    /// let report = FollowUp::compute(YearMonth::try_new(2025, 3)?, &budget, &Outcome::new(year), &options, &BTreeMap::new())?;
    /// report.check_frame(&BudgetFrame::new(year, Amount::from_tkr(1_000)?))?;
    /// let err = report.check_frame(&BudgetFrame::new(year, Amount::from_tkr(1_002)?)).unwrap_err();
    /// assert!(matches!(err, BudgetError::FrameDoesNotMatchAllocation { difference, .. } if difference == Amount::from_tkr(-2)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_frame(&self, frame: &BudgetFrame) -> Result<()> {
        let year = self.as_of.fiscal_year();
        if frame.year() != year {
            return Err(BudgetError::OutsideModelYear {
                what: "frame starting".to_owned(),
                date: frame.year().first_day(),
                year,
            });
        }
        let current = frame.current()?;
        let allocation = self
            .lines
            .iter()
            .filter(|line| line.key.group() == AccountGroup::Allocation)
            .try_fold(Amount::ZERO, |sum, line| {
                add(sum, line.budget, || format!("allocation budget of {year}"))
            })?;
        let difference = sub(allocation, current, || {
            format!("difference of the allocation budget of {year} to the frame")
        })?;
        if difference.is_zero() {
            return Ok(());
        }
        Err(BudgetError::FrameDoesNotMatchAllocation {
            year,
            frame: current,
            allocation,
            difference,
        })
    }

    /// Checks that the three views (by account group, by verksamhet, by
    /// top-level unit) each add up to the total of the lines, in every
    /// measure, and returns that total.
    ///
    /// # Errors
    /// [`BudgetError::ViewsDisagree`] naming the view and measure;
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`FollowUp`] for an example.
    pub fn reconcile_views(&self) -> Result<Totals> {
        let total = self.total()?;
        let views = [
            (
                "account group",
                sum(self.by_account_group()?.into_values())?,
            ),
            ("verksamhet", sum(self.by_verksamhet()?.into_values())?),
            ("unit", sum(self.by_unit()?.into_values())?),
        ];
        for (view, found) in views {
            let measures = [
                ("budget", total.budget, found.budget),
                ("budget to date", total.budget_to_date, found.budget_to_date),
                (
                    "outcome to date",
                    total.outcome_to_date,
                    found.outcome_to_date,
                ),
                ("forecast", total.forecast, found.forecast),
                (
                    "forecast change",
                    total.forecast_change,
                    found.forecast_change,
                ),
            ];
            for (measure, expected, found) in measures {
                if expected != found {
                    return Err(BudgetError::ViewsDisagree {
                        view,
                        measure,
                        expected,
                        found,
                    });
                }
            }
        }
        Ok(total)
    }
}

/// Sums totals of a view.
fn sum(totals: impl IntoIterator<Item = Totals>) -> Result<Totals> {
    let mut all = Totals::default();
    for t in totals {
        let what = |measure: &'static str| move || format!("{measure} of a view");
        all.budget = add(all.budget, t.budget, what("budget"))?;
        all.budget_to_date = add(all.budget_to_date, t.budget_to_date, what("budget to date"))?;
        all.outcome_to_date = add(
            all.outcome_to_date,
            t.outcome_to_date,
            what("outcome to date"),
        )?;
        all.forecast = add(all.forecast, t.forecast, what("forecast"))?;
        all.previous_forecast = add(
            all.previous_forecast,
            t.previous_forecast,
            what("previous forecast"),
        )?;
        all.forecast_change = add(
            all.forecast_change,
            t.forecast_change,
            what("forecast change"),
        )?;
        all.lines = all.lines.saturating_add(t.lines);
    }
    Ok(all)
}

/// One line's follow-up.
fn follow_line(
    as_of: YearMonth,
    line: &BudgetLine,
    outcome: &Outcome,
    options: &FollowUpOptions,
    method: &Method,
    previous: Option<Amount>,
) -> Result<LineFollowUp> {
    let key = line.key();
    let rounding = options.rounding();
    let calc = |what: &'static str| {
        move |source: CalcError| BudgetError::Calculation {
            what: format!("{what} of {key}"),
            source: Box::new(source),
        }
    };
    let budget_to_date = line.budget_to_date(as_of.month(), rounding)?;
    let outcome_to_date = outcome.to_date(key, as_of)?;
    let variance_to_date = SignConvention::OutcomeMinusBudget
        .variance(budget_to_date, outcome_to_date)
        .map_err(overflow(|| format!("variance to date of {key}")))?;
    let mut input = ForecastInput::new(as_of, outcome.months_to(key, as_of)?, line.budget())
        .map_err(calc("forecast input"))?;
    if let Some(history) = line.history() {
        input = input
            .with_history(history.iter().copied())
            .map_err(calc("forecast input"))?;
    }
    let forecast = LineForecast::compute(&input, method, &[], options.manual_for(key).cloned())
        .map_err(calc("forecast"))?;
    let forecast_value = round_ore(forecast.chosen().value(), rounding)
        .map_err(overflow(|| format!("forecast of {key}")))?;
    let forecast_variance = SignConvention::OutcomeMinusBudget
        .variance(line.budget(), forecast_value)
        .map_err(overflow(|| format!("forecast variance of {key}")))?;
    let forecast_change = previous
        .map(|previous| ForecastChange::between_variances(previous, forecast_value))
        .transpose()
        .map_err(calc("forecast change"))?;
    Ok(LineFollowUp {
        key: key.clone(),
        budget: line.budget(),
        budget_to_date,
        outcome_to_date,
        variance_to_date,
        forecast,
        forecast_value,
        forecast_variance,
        previous_forecast: previous,
        forecast_change,
    })
}
