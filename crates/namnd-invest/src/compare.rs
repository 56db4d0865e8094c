//! Plan comparison: this year's requests against last year's decided plan,
//! totals per year, and the consistency check of a request table's stated
//! totals.
//!
//! | Item | What it is |
//! |---|---|
//! | [`compare`], [`PlanDiff`], [`YearChange`], [`Change`] | per request and year: new, changed (old → new), removed, unchanged |
//! | [`YearTotals`], [`year_totals`], [`years_with_unknown_amounts`] | the plans' totals per year and their difference; which years hold amounts not yet known |
//! | [`status_mismatches`], [`StatusMismatch`] | stated statuses checked against the previous plan: *beslutat* must equal last year's amount, *nytt* must be absent last year, *förändrat* must differ |
//! | [`check_stated_totals`], [`check_request_table`] | a stated total row against the sum of the rows, through [`namnd_calc::check`]: exact, rounding or error |
//!
//! Amounts are compared by their year totals (the parts of a split amount
//! added); a year a plan does not list is absent, not zero, so a year with an
//! amount of 0 in both plans is "unchanged" and one listed only now is "new".
//! An amount not yet known (a pending or possibly-missing cell left empty,
//! [`YearAmount::without_amount`](crate::YearAmount::without_amount)) counts
//! as 0 in every comparison and total; the totals say so
//! ([`YearTotals::previous_has_unknown`], [`YearTotals::current_has_unknown`]).

use std::collections::{BTreeMap, BTreeSet};

use namnd_calc::check::{Report, StatedValue, Table, Total, check};
use namnd_core::{Amount, FiscalYear, Unit};

use crate::error::{InvestError, Result, overflow};
use crate::request::{AmountStatus, InvestmentRequest, RequestId, YearAmount};

/// How one request's amount for one year changed between two plans.
///
/// # Example
/// ```
/// use namnd_invest::compare::Change;
/// use namnd_core::Amount;
/// let change = Change::Changed { old: Amount::from_kr(1), new: Amount::from_kr(2) };
/// assert_eq!(change.mirrored(), Change::Changed { old: Amount::from_kr(2), new: Amount::from_kr(1) });
/// assert_eq!(Change::New { amount: Amount::ZERO }.mirrored(), Change::Removed { amount: Amount::ZERO });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Change {
    /// Only in the current plan.
    New {
        /// The current amount.
        amount: Amount,
    },
    /// Only in the previous plan.
    Removed {
        /// The previous amount.
        amount: Amount,
    },
    /// In both, with different amounts.
    Changed {
        /// The previous amount.
        old: Amount,
        /// The current amount.
        new: Amount,
    },
    /// In both, with the same amount.
    Unchanged {
        /// The amount.
        amount: Amount,
    },
}

impl Change {
    /// The change seen from the other side: new ↔ removed, old ↔ new.
    ///
    /// See [`Change`] for an example.
    #[must_use]
    pub fn mirrored(self) -> Change {
        match self {
            Change::New { amount } => Change::Removed { amount },
            Change::Removed { amount } => Change::New { amount },
            Change::Changed { old, new } => Change::Changed { old: new, new: old },
            Change::Unchanged { amount } => Change::Unchanged { amount },
        }
    }

    /// The previous amount, if the previous plan had one.
    ///
    /// See [`compare`] for an example.
    pub fn previous(self) -> Option<Amount> {
        match self {
            Change::Removed { amount } | Change::Unchanged { amount } => Some(amount),
            Change::Changed { old, .. } => Some(old),
            Change::New { .. } => None,
        }
    }

    /// The current amount, if the current plan has one.
    ///
    /// See [`compare`] for an example.
    pub fn current(self) -> Option<Amount> {
        match self {
            Change::New { amount } | Change::Unchanged { amount } => Some(amount),
            Change::Changed { new, .. } => Some(new),
            Change::Removed { .. } => None,
        }
    }
}

/// One request's change for one year. Computed, so Serialize-only.
///
/// See [`compare`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct YearChange {
    /// The request.
    pub request: RequestId,
    /// The year.
    pub year: FiscalYear,
    /// The change.
    pub change: Change,
}

/// The totals of both plans for one year. Computed, so Serialize-only.
///
/// See [`compare`] for an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct YearTotals {
    /// The year.
    pub year: FiscalYear,
    /// The previous plan's total.
    pub previous: Amount,
    /// The current plan's total.
    pub current: Amount,
    /// current − previous.
    pub difference: Amount,
    /// The previous total contains amounts not yet known (counted as 0).
    pub previous_has_unknown: bool,
    /// The current total contains amounts not yet known (counted as 0).
    pub current_has_unknown: bool,
}

/// The comparison of two plans. Computed, so Serialize-only.
///
/// See [`compare`] for an example.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PlanDiff {
    changes: Vec<YearChange>,
    totals: Vec<YearTotals>,
}

impl PlanDiff {
    /// Every change, by request id (natural order) and year.
    ///
    /// See [`compare`] for an example.
    pub fn changes(&self) -> &[YearChange] {
        &self.changes
    }

    /// The totals per year, for every year either plan lists.
    ///
    /// See [`compare`] for an example.
    pub fn totals(&self) -> &[YearTotals] {
        &self.totals
    }

    /// The changes of one kind, e.g. `diff.filter(|c| matches!(c, Change::New { .. }))`.
    ///
    /// See [`compare`] for an example.
    pub fn filter(&self, keep: impl Fn(&Change) -> bool) -> impl Iterator<Item = &YearChange> {
        self.changes.iter().filter(move |c| keep(&c.change))
    }

    /// The same comparison seen from the other side (as `compare(current,
    /// previous)` would give).
    ///
    /// See [`compare`] for an example.
    #[must_use]
    pub fn mirrored(&self) -> PlanDiff {
        let changes = self
            .changes
            .iter()
            .map(|c| YearChange {
                change: c.change.mirrored(),
                ..c.clone()
            })
            .collect();
        let totals = self
            .totals
            .iter()
            .map(|t| YearTotals {
                previous: t.current,
                current: t.previous,
                difference: t.difference.negated(),
                previous_has_unknown: t.current_has_unknown,
                current_has_unknown: t.previous_has_unknown,
                ..*t
            })
            .collect();
        PlanDiff { changes, totals }
    }
}

fn by_id<'a>(
    requests: &'a [InvestmentRequest],
    plan: &str,
) -> Result<BTreeMap<&'a RequestId, &'a InvestmentRequest>> {
    let mut map = BTreeMap::new();
    for request in requests {
        if map.insert(request.id(), request).is_some() {
            return Err(InvestError::DuplicateRequest {
                request: request.id().quoted(),
                plan: plan.to_owned(),
            });
        }
    }
    Ok(map)
}

fn year_amounts(request: &InvestmentRequest) -> Result<BTreeMap<FiscalYear, Amount>> {
    request
        .amounts()
        .iter()
        .map(|(&year, amount)| Ok((year, amount.total()?)))
        .collect()
}

/// The total of every year the requests list. An amount not yet known
/// counts as 0; [`years_with_unknown_amounts`] says which totals contain one.
///
/// # Errors
/// [`InvestError::Overflow`] on overflow.
///
/// # Example
/// ```
/// use namnd_invest::compare::year_totals;
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
/// let y = FiscalYear::try_new(2025)?;
/// let request = |id: &str, tkr: i64| {
///     InvestmentRequest::builder(RequestId::try_new(id)?, "x")
///         .amount(y, YearAmount::single(Amount::from_tkr(tkr)?, AmountStatus::New))
///         .build()
/// };
/// let totals = year_totals(&[request("1:1", 100)?, request("1:2", 250)?])?;
/// assert_eq!(totals.get(&y), Some(&Amount::from_tkr(350)?));
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
pub fn year_totals(requests: &[InvestmentRequest]) -> Result<BTreeMap<FiscalYear, Amount>> {
    let mut totals: BTreeMap<FiscalYear, Amount> = BTreeMap::new();
    for request in requests {
        for (year, amount) in year_amounts(request)? {
            let slot = totals.entry(year).or_insert(Amount::ZERO);
            *slot = slot
                .checked_add(amount)
                .map_err(overflow(|| format!("total of {year}")))?;
        }
    }
    Ok(totals)
}

/// The years in which some request has an amount not yet known (a pending
/// or possibly-missing cell left empty): their totals contain amounts not
/// yet known.
///
/// # Example
/// ```
/// use namnd_invest::compare::{year_totals, years_with_unknown_amounts};
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
/// let (y1, y2) = (FiscalYear::try_new(2025)?, FiscalYear::try_new(2026)?);
/// let request = InvestmentRequest::builder(RequestId::try_new("1:1")?, "Violen")
///     .amount(y1, YearAmount::single(Amount::from_tkr(100)?, AmountStatus::New))
///     .amount(y2, YearAmount::without_amount(AmountStatus::Pending { note: "kalkyl".into() })?)
///     .build()?;
/// let requests = [request];
/// assert_eq!(year_totals(&requests)?.get(&y2), Some(&Amount::ZERO));
/// assert_eq!(years_with_unknown_amounts(&requests).into_iter().collect::<Vec<_>>(), [y2]);
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
pub fn years_with_unknown_amounts(requests: &[InvestmentRequest]) -> BTreeSet<FiscalYear> {
    requests
        .iter()
        .flat_map(|r| r.amounts().iter())
        .filter(|(_, amount)| !amount.is_known())
        .map(|(&year, _)| year)
        .collect()
}

/// A stated status that the previous plan contradicts. Computed, so
/// Serialize-only.
///
/// See [`status_mismatches`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusMismatch {
    /// The request.
    pub request: RequestId,
    /// The year.
    pub year: FiscalYear,
    /// The status the current plan states.
    pub stated: AmountStatus,
    /// The change computed from the previous plan, for the amount the
    /// status is about (the decided part of a split amount, the total
    /// otherwise).
    pub change: Change,
}

/// Checks the statuses the current plan states against the previous plan,
/// request by request (matched by id) and year by year:
///
/// | Stated | Must hold |
/// |---|---|
/// | *beslutat* (or the decided part of a split) | the previous plan has the same amount for the year |
/// | *nytt* | the previous plan has no amount for the year |
/// | *förändrat* | the previous plan has an amount for the year, and it differs |
/// | *väntar*, *saknas* | nothing (not checked) |
///
/// The previous plan's amount is its year total. The additional part of a
/// split is not checked (it is what comes on top of the decided part).
///
/// # Errors
/// [`InvestError::DuplicateRequest`] if an id appears twice in one plan;
/// [`InvestError::Overflow`] on overflow.
///
/// # Example
/// ```
/// use namnd_invest::compare::{status_mismatches, Change};
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
///
/// let y = FiscalYear::try_new(2025)?;
/// let tkr = |n| Amount::from_tkr(n);
/// let request = |id: &str, tkr: Amount, status: AmountStatus| {
///     InvestmentRequest::builder(RequestId::try_new(id)?, "x").amount(y, YearAmount::single(tkr, status)).build()
/// };
/// let previous = [request("1:1", tkr(500)?, AmountStatus::Decided)?, request("1:2", tkr(200)?, AmountStatus::Decided)?];
/// let current = [
///     request("1:1", tkr(600)?, AmountStatus::Decided)?, // "decided", but last year said 500
///     request("1:2", tkr(200)?, AmountStatus::Changed)?, // "changed", but unchanged
///     request("1:3", tkr(100)?, AmountStatus::New)?,     // new: right
/// ];
/// let found = status_mismatches(&previous, &current)?;
/// let seen: Vec<_> = found.iter().map(|m| (m.request.as_str(), m.stated.word(), m.change)).collect();
/// assert_eq!(seen, [
///     ("1:1", "beslutat", Change::Changed { old: tkr(500)?, new: tkr(600)? }),
///     ("1:2", "förändrat", Change::Unchanged { amount: tkr(200)? }),
/// ]);
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
pub fn status_mismatches(
    previous: &[InvestmentRequest],
    current: &[InvestmentRequest],
) -> Result<Vec<StatusMismatch>> {
    let old = by_id(previous, "previous")?;
    by_id(current, "current")?;
    let mut sorted: Vec<&InvestmentRequest> = current.iter().collect();
    sorted.sort_by(|a, b| a.id().cmp(b.id()));
    let mut found = Vec::new();
    for request in sorted {
        for (&year, amount) in request.amounts() {
            let before = old
                .get(request.id())
                .and_then(|r| r.amount(year))
                .map(YearAmount::total)
                .transpose()?;
            let (stated, now) = match amount.additional() {
                Some(_) => (amount.base().status(), amount.base().amount()),
                None => (amount.base().status(), amount.total()?),
            };
            let change = match before {
                Some(old) if old == now => Change::Unchanged { amount: now },
                Some(old) => Change::Changed { old, new: now },
                None => Change::New { amount: now },
            };
            let fits = match stated {
                AmountStatus::Decided => matches!(change, Change::Unchanged { .. }),
                AmountStatus::New => matches!(change, Change::New { .. }),
                AmountStatus::Changed => matches!(change, Change::Changed { .. }),
                _ => true,
            };
            if !fits {
                found.push(StatusMismatch {
                    request: request.id().clone(),
                    year,
                    stated: stated.clone(),
                    change,
                });
            }
        }
    }
    Ok(found)
}

/// Compares the current plan's requests with the previous (decided) plan's,
/// request by request (matched by id) and year by year.
///
/// # Errors
/// [`InvestError::DuplicateRequest`] if an id appears twice in one plan;
/// [`InvestError::Overflow`] on overflow.
///
/// # Example
/// ```
/// use namnd_invest::compare::{compare, Change};
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
///
/// let y = |n| FiscalYear::try_new(n);
/// let request = |id: &str, amounts: &[(i32, i64)]| {
///     let mut b = InvestmentRequest::builder(RequestId::try_new(id)?, "x");
///     for &(year, tkr) in amounts {
///         b = b.amount(y(year)?, YearAmount::single(Amount::from_tkr(tkr)?, AmountStatus::Decided));
///     }
///     b.build()
/// };
/// let previous = [request("1:1", &[(2025, 500), (2026, 500)])?, request("1:2", &[(2025, 200)])?];
/// let current = [request("1:1", &[(2025, 500), (2026, 800)])?, request("1:3", &[(2026, 100)])?];
/// let diff = compare(&previous, &current)?;
/// let changes: Vec<_> = diff.changes().iter().map(|c| (c.request.as_str(), c.year.year(), c.change)).collect();
/// let tkr = |n| Amount::from_tkr(n);
/// assert_eq!(changes, [
///     ("1:1", 2025, Change::Unchanged { amount: tkr(500)? }),
///     ("1:1", 2026, Change::Changed { old: tkr(500)?, new: tkr(800)? }),
///     ("1:2", 2025, Change::Removed { amount: tkr(200)? }),
///     ("1:3", 2026, Change::New { amount: tkr(100)? }),
/// ]);
/// let year = y(2026)?;
/// let t2026 = diff.totals().iter().find(|t| t.year == year).ok_or("no 2026")?;
/// assert_eq!((t2026.previous, t2026.current, t2026.difference), (tkr(500)?, tkr(900)?, tkr(400)?));
/// assert_eq!(diff.filter(|c| matches!(c, Change::New { .. })).count(), 1);
/// assert_eq!(diff.mirrored(), compare(&current, &previous)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare(previous: &[InvestmentRequest], current: &[InvestmentRequest]) -> Result<PlanDiff> {
    let old = by_id(previous, "previous")?;
    let new = by_id(current, "current")?;
    let ids: BTreeSet<&RequestId> = old.keys().chain(new.keys()).copied().collect();
    let mut changes = Vec::new();
    for id in ids {
        let before = old
            .get(id)
            .map(|r| year_amounts(r))
            .transpose()?
            .unwrap_or_default();
        let after = new
            .get(id)
            .map(|r| year_amounts(r))
            .transpose()?
            .unwrap_or_default();
        let years: BTreeSet<FiscalYear> = before.keys().chain(after.keys()).copied().collect();
        for year in years {
            let change = match (before.get(&year), after.get(&year)) {
                (Some(&old), Some(&new)) if old == new => Change::Unchanged { amount: new },
                (Some(&old), Some(&new)) => Change::Changed { old, new },
                (Some(&amount), None) => Change::Removed { amount },
                (None, Some(&amount)) => Change::New { amount },
                (None, None) => continue,
            };
            changes.push(YearChange {
                request: id.clone(),
                year,
                change,
            });
        }
    }
    let before = year_totals(previous)?;
    let after = year_totals(current)?;
    let unknown_before = years_with_unknown_amounts(previous);
    let unknown_after = years_with_unknown_amounts(current);
    let years: BTreeSet<FiscalYear> = before.keys().chain(after.keys()).copied().collect();
    let totals = years
        .into_iter()
        .map(|year| {
            let previous = before.get(&year).copied().unwrap_or(Amount::ZERO);
            let current = after.get(&year).copied().unwrap_or(Amount::ZERO);
            let difference = current
                .checked_sub(previous)
                .map_err(overflow(|| format!("change of the total of {year}")))?;
            Ok(YearTotals {
                year,
                previous,
                current,
                difference,
                previous_has_unknown: unknown_before.contains(&year),
                current_has_unknown: unknown_after.contains(&year),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PlanDiff { changes, totals })
}

/// An exact amount as a [`StatedValue`] in `unit`, with as many decimals as
/// it has.
fn exact(amount: Amount, unit: Unit) -> Result<StatedValue> {
    let value = amount.as_unit(unit).normalize();
    Ok(StatedValue::new(value, value.scale())?)
}

/// Checks the stated total row of a request table against the sum of the
/// requests' amounts, year by year, with [`namnd_calc::check`].
///
/// The table named `name` gets one row per request (labelled with its id,
/// its exact year totals in `unit`, a year it lacks as 0) and the row
/// `total_label` with the `stated` totals (a year without a stated total is
/// left empty and reported as unchecked). The rule is a
/// [`Total::all_above`]: a difference within the stated precision is
/// [`Class::Rounding`](namnd_calc::check::Class::Rounding), a larger one an
/// [`Class::Error`](namnd_calc::check::Class::Error) finding.
///
/// # Errors
/// [`InvestError::Calc`] if a request id equals `total_label` or an id
/// appears twice (duplicate row label); [`InvestError::Core`] if an amount
/// has too many decimals.
///
/// # Example
/// ```
/// use namnd_invest::compare::check_stated_totals;
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_calc::check::{Class, StatedValue};
/// use namnd_core::{Amount, Decimal, FiscalYear, Unit};
/// use std::collections::BTreeMap;
///
/// let y = FiscalYear::try_new(2025)?;
/// let request = |id: &str, kr: i64| {
///     InvestmentRequest::builder(RequestId::try_new(id)?, "x")
///         .amount(y, YearAmount::single(Amount::from_kr(kr), AmountStatus::New))
///         .build()
/// };
/// let requests = [request("1:1", 600_400)?, request("1:2", 649_800)?]; // 1 250,2 tkr
/// let stated = BTreeMap::from([(y, StatedValue::parse("1 250")?)]);
/// let report = check_stated_totals("Investeringar", &requests, &stated, Unit::Tkr, "Summa")?;
/// assert_eq!(report.findings.first().map(|f| f.class), Some(Class::Rounding));
///
/// let stated = BTreeMap::from([(y, StatedValue::parse("1 205")?)]); // a typo
/// let report = check_stated_totals("Investeringar", &requests, &stated, Unit::Tkr, "Summa")?;
/// assert_eq!(report.errors().next().map(|f| f.difference), Some(Decimal::new(-452, 1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_stated_totals(
    name: &str,
    requests: &[InvestmentRequest],
    stated: &BTreeMap<FiscalYear, StatedValue>,
    unit: Unit,
    total_label: &str,
) -> Result<Report> {
    let mut years: BTreeSet<FiscalYear> = stated.keys().copied().collect();
    for request in requests {
        years.extend(request.amounts().keys().copied());
    }
    let mut table = Table::new(name, years.iter().map(FiscalYear::to_string))?;
    for request in requests {
        let amounts = year_amounts(request)?;
        let cells = years
            .iter()
            .map(|year| exact(amounts.get(year).copied().unwrap_or(Amount::ZERO), unit).map(Some))
            .collect::<Result<Vec<_>>>()?;
        table.push_row(request.id().as_str(), cells)?;
    }
    table.push_row(
        total_label,
        years.iter().map(|year| stated.get(year).copied()),
    )?;
    check_request_table(&table, total_label)
}

/// Checks a request table as printed (every cell a [`StatedValue`], e.g.
/// read from a PDF): the row `total_label` against the sum of every row
/// above it, in every column.
///
/// # Errors
/// [`InvestError::Calc`] if the table has no row `total_label` or nothing
/// above it.
///
/// # Example
/// ```
/// use namnd_invest::compare::check_request_table;
/// use namnd_calc::check::{StatedValue, Table};
///
/// let v = |s: &str| StatedValue::parse(s).map(Some);
/// let table = Table::new("Investeringar", ["2025", "2026"])?
///     .with_row("1:1", [v("500")?, v("800")?])?
///     .with_row("1:2", [v("200")?, v("0")?])?
///     .with_row("Summa", [v("700")?, v("880")?])?;
/// let report = check_request_table(&table, "Summa")?;
/// let error = report.errors().next().ok_or("no error")?;
/// assert_eq!(error.cell.column, "2026");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_request_table(table: &Table, total_label: &str) -> Result<Report> {
    Ok(check(
        core::slice::from_ref(table),
        &[Total::all_above(table.name(), total_label).into()],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use namnd_calc::check::Class;
    use proptest::prelude::*;

    fn year(n: i32) -> FiscalYear {
        FiscalYear::try_new(n).unwrap()
    }

    fn request(id: &str, amounts: &[(i32, i64)]) -> InvestmentRequest {
        let mut b = InvestmentRequest::builder(RequestId::try_new(id).unwrap(), "x");
        for &(y, kr) in amounts {
            b = b.amount(
                year(y),
                YearAmount::single(Amount::from_kr(kr), AmountStatus::Decided),
            );
        }
        b.build().unwrap()
    }

    #[test]
    fn split_amounts_compare_by_their_total() {
        let previous = [request("1:1", &[(2025, 1_000)])];
        let split = InvestmentRequest::builder(RequestId::try_new("1:1").unwrap(), "x")
            .amount(
                year(2025),
                YearAmount::split(
                    Amount::from_kr(1_000),
                    Amount::from_kr(300),
                    AmountStatus::New,
                )
                .unwrap(),
            )
            .build()
            .unwrap();
        let diff = compare(&previous, &[split]).unwrap();
        assert_eq!(
            diff.changes()[0].change,
            Change::Changed {
                old: Amount::from_kr(1_000),
                new: Amount::from_kr(1_300)
            }
        );
    }

    #[test]
    fn year_totals_add_split_parts_and_every_request() {
        let split = InvestmentRequest::builder(RequestId::try_new("1:2").unwrap(), "y")
            .amount(
                year(2025),
                YearAmount::split(
                    Amount::from_kr(700),
                    Amount::from_kr(300),
                    AmountStatus::Changed,
                )
                .unwrap(),
            )
            .build()
            .unwrap();
        let totals = year_totals(&[request("1:1", &[(2025, 500), (2026, 40)]), split]).unwrap();
        assert_eq!(
            totals,
            BTreeMap::from([
                (year(2025), Amount::from_kr(1_500)),
                (year(2026), Amount::from_kr(40))
            ])
        );
    }

    #[test]
    fn duplicate_request_in_a_plan_is_an_error() {
        let r = request("1:1", &[(2025, 1)]);
        assert_eq!(
            compare(&[r.clone(), r], &[]).unwrap_err(),
            InvestError::DuplicateRequest {
                request: "1:1".into(),
                plan: "previous".into()
            }
        );
    }

    #[test]
    fn stated_total_off_by_more_than_rounding_is_an_error() {
        let requests = [
            request("1:1", &[(2025, 500_000)]),
            request("1:2", &[(2025, 200_000)]),
        ];
        let stated = BTreeMap::from([(year(2025), StatedValue::parse("710").unwrap())]);
        let report = check_stated_totals("t", &requests, &stated, Unit::Tkr, "Summa").unwrap();
        let finding = report.findings.first().unwrap();
        assert_eq!(finding.class, Class::Error);
        assert_eq!(finding.expected, namnd_core::Decimal::from(700));
    }

    #[test]
    fn exact_stated_total_has_no_findings() {
        let requests = [request("1:1", &[(2025, 500_000), (2026, 1_000)])];
        let stated = BTreeMap::from([
            (year(2025), StatedValue::parse("500").unwrap()),
            (year(2026), StatedValue::parse("1").unwrap()),
        ]);
        let report = check_stated_totals("t", &requests, &stated, Unit::Tkr, "Summa").unwrap();
        assert!(report.findings.is_empty() && report.unchecked.is_empty());
        assert_eq!(report.evaluated, 2);
    }

    fn with_status(id: &str, y: i32, kr: i64, status: AmountStatus) -> InvestmentRequest {
        InvestmentRequest::builder(RequestId::try_new(id).unwrap(), "x")
            .amount(year(y), YearAmount::single(Amount::from_kr(kr), status))
            .build()
            .unwrap()
    }

    #[test]
    fn decided_must_equal_last_years_amount_new_must_be_absent_changed_must_differ() {
        let previous = [
            request("1:1", &[(2025, 100)]),
            request("1:2", &[(2025, 200)]),
            request("1:3", &[(2025, 300)]),
        ];
        let current = [
            with_status("1:1", 2025, 100, AmountStatus::Decided), // right
            with_status("1:2", 2025, 250, AmountStatus::Changed), // right
            with_status("1:3", 2025, 300, AmountStatus::New),     // wrong: was there
            with_status("1:4", 2025, 50, AmountStatus::Decided),  // wrong: was not there
            with_status("1:5", 2025, 60, AmountStatus::Changed),  // wrong: was not there
            with_status("1:6", 2025, 70, AmountStatus::New),      // right
            with_status("1:7", 2025, 80, AmountStatus::PossiblyMissing), // not checked
        ];
        let found = status_mismatches(&previous, &current).unwrap();
        let seen: Vec<(&str, i32, &AmountStatus, Change)> = found
            .iter()
            .map(|m| (m.request.as_str(), m.year.year(), &m.stated, m.change))
            .collect();
        let kr = Amount::from_kr;
        assert_eq!(
            seen,
            [
                (
                    "1:3",
                    2025,
                    &AmountStatus::New,
                    Change::Unchanged { amount: kr(300) }
                ),
                (
                    "1:4",
                    2025,
                    &AmountStatus::Decided,
                    Change::New { amount: kr(50) }
                ),
                (
                    "1:5",
                    2025,
                    &AmountStatus::Changed,
                    Change::New { amount: kr(60) }
                ),
            ]
        );
    }

    #[test]
    fn decided_part_of_a_split_must_equal_last_years_amount() {
        let previous = [request("1:1", &[(2025, 1_000), (2026, 500)])];
        let split = |decided| {
            YearAmount::split(
                Amount::from_kr(decided),
                Amount::from_kr(300),
                AmountStatus::New,
            )
            .unwrap()
        };
        let current = [
            InvestmentRequest::builder(RequestId::try_new("1:1").unwrap(), "x")
                .amount(year(2025), split(1_000))
                .amount(year(2026), split(400))
                .build()
                .unwrap(),
        ];
        let found = status_mismatches(&previous, &current).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].year, year(2026));
        assert_eq!(
            found[0].change,
            Change::Changed {
                old: Amount::from_kr(500),
                new: Amount::from_kr(400)
            }
        );
    }

    #[test]
    fn totals_containing_amounts_not_yet_known_say_so() {
        let pending = InvestmentRequest::builder(RequestId::try_new("1:2").unwrap(), "y")
            .amount(
                year(2025),
                YearAmount::without_amount(AmountStatus::PossiblyMissing).unwrap(),
            )
            .build()
            .unwrap();
        let previous = [request("1:1", &[(2025, 100)])];
        let current = [request("1:1", &[(2025, 100)]), pending];
        let diff = compare(&previous, &current).unwrap();
        let t = diff.totals()[0];
        assert_eq!(t.current, Amount::from_kr(100));
        assert!(t.current_has_unknown && !t.previous_has_unknown);
        let m = diff.mirrored().totals()[0];
        assert!(m.previous_has_unknown && !m.current_has_unknown);
    }

    fn plan() -> impl Strategy<Value = Vec<InvestmentRequest>> {
        proptest::collection::btree_map(
            1_u8..6,
            proptest::collection::btree_map(2024_i32..2028, -5_i64..5, 0..4),
            0..5,
        )
        .prop_map(|plan| {
            plan.into_iter()
                .map(|(n, years)| {
                    let amounts: Vec<(i32, i64)> = years.into_iter().collect();
                    request(&format!("1:{n}"), &amounts)
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn diff_is_symmetric(a in plan(), b in plan()) {
            let forward = compare(&a, &b).unwrap();
            let backward = compare(&b, &a).unwrap();
            prop_assert_eq!(forward.mirrored(), backward.clone());
            prop_assert_eq!(forward.changes().len(), backward.changes().len());
            for (f, g) in forward.changes().iter().zip(backward.changes()) {
                prop_assert_eq!(f.change.previous(), g.change.current());
                prop_assert_eq!(f.change.current(), g.change.previous());
            }
        }

        #[test]
        fn totals_difference_is_the_sum_of_changes(a in plan(), b in plan()) {
            let diff = compare(&a, &b).unwrap();
            for total in diff.totals() {
                let sum = diff.changes().iter().filter(|c| c.year == total.year).try_fold(
                    Amount::ZERO,
                    |s, c| {
                        let delta = c.change.current().unwrap_or(Amount::ZERO)
                            .checked_sub(c.change.previous().unwrap_or(Amount::ZERO))?;
                        s.checked_add(delta)
                    },
                ).unwrap();
                prop_assert_eq!(sum, total.difference);
            }
        }
    }
}
