//! Differences between two versions of an internal-control plan.
//!
//! Rows are matched by [`ControlRow::key`] (process and control activity,
//! normalised). A row only in the newer plan is *added*, only in the older
//! *removed*; a matched row whose risk score or schedule changed is
//! *re-scored* or has a *changed schedule*; one whose method, responsible
//! role or reported-to list changed is *reassigned* ([`Reassigned`]).
//! Removing a row that carries a legal duty ([`ControlRow::duty`]), or
//! keeping it without its duty, gives a [`DroppedDuty`] warning: the control
//! went, the duty did not (Gnesta's plan 2023–2025 dropped the row on
//! unexecuted decisions, *ej verkställda beslut*, which the 2022–2024 plan
//! had).
//!
//! A key that occurs several times in one plan (a repeated row, see
//! [`InternalControlPlan::duplicates`]) is matched by occurrence: the first
//! occurrence in the old plan with the first in the new, the second with the
//! second, and so on; occurrences left over are removed or added. So a
//! repeated row that a new version drops is reported as removed.
//!
//! The diff is symmetric: `PlanDiff::between(b, a)` equals
//! `PlanDiff::between(a, b).reversed()` (a property test checks it); duty
//! warnings always come from the removed side of the direction asked for.

use std::collections::BTreeMap;

use namnd_core::law::Duty;

use crate::plan::{ControlRow, InternalControlPlan, Recipient, RiskAssessment, RowKey};
use crate::schedule::Schedule;

/// A matched row whose risk score changed.
///
/// # Example
/// See [`PlanDiff`].
/// ```
/// use namnd_control::diff::Rescored;
/// use namnd_control::plan::{ControlRow, RiskAssessment};
/// use namnd_control::schedule::Schedule;
/// let key = ControlRow::new("P", "K", Schedule::parse("Löpande")?).key();
/// let r = Rescored { key, old: RiskAssessment::Unscored, new: RiskAssessment::Unscored };
/// assert_eq!(r.old, r.new);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Rescored {
    /// The row.
    pub key: RowKey,
    /// The score in the older plan.
    pub old: RiskAssessment,
    /// The score in the newer plan.
    pub new: RiskAssessment,
}

/// A matched row whose frequency or months changed.
///
/// # Example
/// See [`PlanDiff`].
/// ```
/// use namnd_control::diff::Rescheduled;
/// use namnd_control::plan::ControlRow;
/// use namnd_control::schedule::Schedule;
/// let key = ControlRow::new("P", "K", Schedule::parse("Löpande")?).key();
/// let r = Rescheduled { key, old: Schedule::parse("1 ggr/år")?, new: Schedule::parse("2 ggr/år")? };
/// assert_ne!(r.old, r.new);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Rescheduled {
    /// The row.
    pub key: RowKey,
    /// The schedule in the older plan.
    pub old: Schedule,
    /// The schedule in the newer plan.
    pub new: Schedule,
}

/// Warning: a removed row secured a legal duty that still applies.
///
/// # Example
/// See [`PlanDiff`].
/// ```
/// use namnd_control::diff::DroppedDuty;
/// use namnd_control::plan::ControlRow;
/// use namnd_control::schedule::Schedule;
/// use namnd_core::law::Duty;
/// let key = ControlRow::new("P", "K", Schedule::parse("Löpande")?).key();
/// let w = DroppedDuty { key, duty: Duty::ReportUnexecutedDecisions };
/// assert_eq!(w.duty.swedish_term(), "rapportering av ej verkställda beslut");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DroppedDuty {
    /// The removed row.
    pub key: RowKey,
    /// The duty it secured.
    pub duty: Duty,
}

/// A matched row whose method, responsible role or reported-to list
/// changed; each field is `Some((old, new))` when it changed.
///
/// # Example
/// ```
/// use namnd_control::diff::PlanDiff;
/// use namnd_control::plan::{ControlRow, InternalControlPlan, Recipient};
/// use namnd_control::schedule::Schedule;
/// let row = ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_responsible("EC");
/// let mut old = InternalControlPlan::new("SN", "2024".parse()?);
/// old.push_row(row.clone())?;
/// let mut new = InternalControlPlan::new("SN", "2024".parse()?);
/// new.push_row(row.with_responsible("Kvalitetsteamet").with_reported_to(Recipient::parse_list("FC")))?;
/// let diff = PlanDiff::between(&old, &new);
/// let r = &diff.reassigned[0];
/// assert_eq!(r.responsible, Some(("EC".to_owned(), "Kvalitetsteamet".to_owned())));
/// assert_eq!(r.reported_to, Some((vec![], vec![Recipient::Forvaltningschef])));
/// assert_eq!(r.method, None);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Reassigned {
    /// The row.
    pub key: RowKey,
    /// The method (*metod*), old and new, if it changed.
    pub method: Option<(String, String)>,
    /// The responsible role (*ansvarig*), old and new, if it changed.
    pub responsible: Option<(String, String)>,
    /// Reported to (*rapporteras till*), old and new, if it changed.
    pub reported_to: Option<(Vec<Recipient>, Vec<Recipient>)>,
}

impl Reassigned {
    fn between(key: &RowKey, old: &ControlRow, new: &ControlRow) -> Option<Reassigned> {
        fn pair<T: PartialEq + Clone>(old: &T, new: &T) -> Option<(T, T)> {
            (old != new).then(|| (old.clone(), new.clone()))
        }
        let r = Reassigned {
            key: key.clone(),
            method: pair(&old.method, &new.method),
            responsible: pair(&old.responsible, &new.responsible),
            reported_to: pair(&old.reported_to, &new.reported_to),
        };
        (r.method.is_some() || r.responsible.is_some() || r.reported_to.is_some()).then_some(r)
    }

    fn reversed(&self) -> Reassigned {
        fn swap<T: Clone>(p: &Option<(T, T)>) -> Option<(T, T)> {
            p.as_ref().map(|(a, b)| (b.clone(), a.clone()))
        }
        Reassigned {
            key: self.key.clone(),
            method: swap(&self.method),
            responsible: swap(&self.responsible),
            reported_to: swap(&self.reported_to),
        }
    }
}

/// A matched row whose legal duty changed (lost, gained or replaced).
///
/// # Example
/// See [`PlanDiff::duty_changes`].
/// ```
/// use namnd_control::diff::DutyChanged;
/// use namnd_control::plan::ControlRow;
/// use namnd_control::schedule::Schedule;
/// use namnd_core::law::Duty;
/// let key = ControlRow::new("P", "K", Schedule::parse("Löpande")?).key();
/// let c = DutyChanged { key, old: Some(Duty::ReportUnexecutedDecisions), new: None };
/// assert_ne!(c.old, c.new);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DutyChanged {
    /// The row.
    pub key: RowKey,
    /// The duty in the older plan.
    pub old: Option<Duty>,
    /// The duty in the newer plan.
    pub new: Option<Duty>,
}

/// What changed from one plan version to the next.
///
/// Lists are sorted by row key, so two diffs compare equal whatever the row
/// order in the plans. A key that occurs several times in one plan (a
/// repeated row, see [`InternalControlPlan::duplicates`]) is matched by
/// occurrence (first with first, second with second); occurrences left over
/// are removed or added.
///
/// # Example
/// ```
/// use namnd_calc::risk::RiskScale;
/// use namnd_control::diff::PlanDiff;
/// use namnd_control::plan::{ControlRow, InternalControlPlan, RiskAssessment};
/// use namnd_control::schedule::Schedule;
/// use namnd_core::law::Duty;
///
/// let evb = ControlRow::new("Verkställighet av biståndsbedömda insatser", "Att beslut enligt SoL verkställs inom lagstadgad tid", Schedule::parse("Kvartalsvis")?)
///     .with_duty(Duty::ReportUnexecutedDecisions);
/// let invoices = ControlRow::new("Attestering av fakturor", "Att fakturor är korrekta", Schedule::parse("4 ggr/år Mars Juni September December")?)
///     .with_risk("Felaktiga fakturor", RiskAssessment::value(RiskScale::FIVE, 20)?);
/// let mut old = InternalControlPlan::new("SN", "2022-2024".parse()?);
/// old.push_row(evb)?;
/// old.push_row(invoices.clone())?;
/// let mut new = InternalControlPlan::new("SN", "2023-2025".parse()?);
/// let mut changed = invoices.with_risk("Felaktiga fakturor", RiskAssessment::Unscored);
/// changed.schedule = Schedule::parse("2 ggr/ år Mars September")?;
/// new.push_row(changed)?;
///
/// let diff = PlanDiff::between(&old, &new);
/// assert_eq!(diff.removed.len(), 1);
/// assert_eq!(diff.rescored.len(), 1);
/// assert_eq!(diff.rescheduled.len(), 1);
/// assert_eq!(diff.dropped_duties[0].duty, Duty::ReportUnexecutedDecisions);
/// assert_eq!(PlanDiff::between(&new, &old).added, diff.removed);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PlanDiff {
    /// Rows only in the newer plan.
    pub added: Vec<ControlRow>,
    /// Rows only in the older plan.
    pub removed: Vec<ControlRow>,
    /// Matched rows whose risk score changed.
    pub rescored: Vec<Rescored>,
    /// Matched rows whose schedule changed.
    pub rescheduled: Vec<Rescheduled>,
    /// Matched rows whose method, responsible role or reported-to changed.
    pub reassigned: Vec<Reassigned>,
    /// Matched rows whose legal duty changed.
    pub duty_changes: Vec<DutyChanged>,
    /// Warnings: removed rows that carried a legal duty, and matched rows
    /// that lost (or replaced) theirs.
    pub dropped_duties: Vec<DroppedDuty>,
}

impl PlanDiff {
    /// The changes from `old` to `new`.
    ///
    /// # Example
    /// See [`PlanDiff`].
    /// ```
    /// use namnd_control::diff::PlanDiff;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// assert!(PlanDiff::between(&plan, &plan).is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn between(old: &InternalControlPlan, new: &InternalControlPlan) -> PlanDiff {
        let old_rows = by_key(old);
        let new_rows = by_key(new);
        let mut diff = PlanDiff::default();
        for (key, rows) in &old_rows {
            let others = new_rows.get(key).map_or(&[][..], Vec::as_slice);
            for (i, row) in rows.iter().enumerate() {
                match others.get(i) {
                    None => diff.removed.push((*row).clone()),
                    Some(other) => {
                        if let Some(r) = Reassigned::between(key, row, other) {
                            diff.reassigned.push(r);
                        }
                        if row.duty != other.duty {
                            diff.duty_changes.push(DutyChanged {
                                key: key.clone(),
                                old: row.duty,
                                new: other.duty,
                            });
                        }
                        if row.risk_assessment != other.risk_assessment {
                            diff.rescored.push(Rescored {
                                key: key.clone(),
                                old: row.risk_assessment,
                                new: other.risk_assessment,
                            });
                        }
                        if row.schedule != other.schedule {
                            diff.rescheduled.push(Rescheduled {
                                key: key.clone(),
                                old: row.schedule,
                                new: other.schedule,
                            });
                        }
                    }
                }
            }
        }
        for (key, rows) in &new_rows {
            let matched = old_rows.get(key).map_or(0, Vec::len);
            diff.added
                .extend(rows.iter().skip(matched).map(|r| (*r).clone()));
        }
        diff.dropped_duties = dropped(&diff.removed, &diff.duty_changes);
        diff
    }

    /// The same diff seen from the other side: added and removed swapped,
    /// old and new swapped, duty warnings recomputed from the new removed
    /// list.
    ///
    /// # Example
    /// ```
    /// use namnd_control::diff::PlanDiff;
    /// use namnd_control::plan::{ControlRow, InternalControlPlan};
    /// use namnd_control::schedule::Schedule;
    /// let a = InternalControlPlan::new("SN", "2024".parse()?);
    /// let mut b = a.clone();
    /// b.push_row(ControlRow::new("P", "K", Schedule::parse("Löpande")?))?;
    /// assert_eq!(PlanDiff::between(&b, &a), PlanDiff::between(&a, &b).reversed());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn reversed(&self) -> PlanDiff {
        let removed = self.added.clone();
        let duty_changes: Vec<DutyChanged> = self
            .duty_changes
            .iter()
            .map(|c| DutyChanged {
                key: c.key.clone(),
                old: c.new,
                new: c.old,
            })
            .collect();
        PlanDiff {
            dropped_duties: dropped(&removed, &duty_changes),
            duty_changes,
            reassigned: self.reassigned.iter().map(Reassigned::reversed).collect(),
            added: self.removed.clone(),
            removed,
            rescored: self
                .rescored
                .iter()
                .map(|r| Rescored {
                    key: r.key.clone(),
                    old: r.new,
                    new: r.old,
                })
                .collect(),
            rescheduled: self
                .rescheduled
                .iter()
                .map(|r| Rescheduled {
                    key: r.key.clone(),
                    old: r.new,
                    new: r.old,
                })
                .collect(),
        }
    }

    /// Whether nothing changed (as far as the diff looks: keys, scores,
    /// schedules, method, responsible, reported-to and duties).
    ///
    /// # Example
    /// See [`PlanDiff::between`].
    /// ```
    /// use namnd_control::diff::PlanDiff;
    /// assert!(PlanDiff::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.rescored.is_empty()
            && self.rescheduled.is_empty()
            && self.reassigned.is_empty()
            && self.duty_changes.is_empty()
    }
}

/// Rows by key, every occurrence in plan order, sorted by key.
fn by_key(plan: &InternalControlPlan) -> BTreeMap<RowKey, Vec<&ControlRow>> {
    let mut map: BTreeMap<RowKey, Vec<&ControlRow>> = BTreeMap::new();
    for row in plan.rows() {
        map.entry(row.key()).or_default().push(row);
    }
    map
}

/// Duty warnings: removed rows with a duty, then matched rows whose duty
/// went (or was replaced by another), each list in key order.
fn dropped(removed: &[ControlRow], changes: &[DutyChanged]) -> Vec<DroppedDuty> {
    let mut warnings: Vec<DroppedDuty> = removed
        .iter()
        .filter_map(|r| r.duty.map(|duty| DroppedDuty { key: r.key(), duty }))
        .collect();
    warnings.extend(changes.iter().filter_map(|c| {
        c.old.map(|duty| DroppedDuty {
            key: c.key.clone(),
            duty,
        })
    }));
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use namnd_calc::risk::RiskScale;
    use proptest::prelude::*;

    /// A plan of up to 6 rows drawn from a pool: (pool index, risk value
    /// index, schedule index, has duty).
    fn plan_from(rows: &[(usize, usize, usize)]) -> InternalControlPlan {
        const PROCESSES: [&str; 6] = [
            "Delegationsordningen",
            "Statsbidrag",
            "Attestering av fakturor",
            "Externa placeringar",
            "Ej verkställda beslut",
            "Arkiv och gallring",
        ];
        const VALUES: [u32; 6] = [8, 9, 12, 16, 20, 25];
        const SCHEDULES: [&str; 4] = [
            "2 ggr/år April Augusti",
            "4 ggr/år Mars Juni September December",
            "Månadsvis",
            "1 gång/ år",
        ];
        let mut plan = InternalControlPlan::new("SN", "2022-2024".parse().unwrap());
        for &(p, v, s) in rows {
            let mut row = ControlRow::new(
                PROCESSES[p % 6],
                "Kontroll",
                Schedule::parse(SCHEDULES[s % 4]).unwrap(),
            )
            .with_risk(
                "Risk",
                RiskAssessment::value(RiskScale::FIVE, VALUES[v % 6]).unwrap(),
            );
            if p % 6 == 4 {
                row = row.with_duty(Duty::ReportUnexecutedDecisions);
            }
            plan.push_row(row).unwrap();
        }
        plan
    }

    #[test]
    fn dropped_evb_row_warns_that_the_duty_remains() {
        // Gnesta: the 2022–2024 plan's row "Verkställighet av biståndsbedömda
        // insatser / Ej verkställda beslut inom lagstadgad tid" (SN 2023
        // document lines 4008–4038, risk value 16, kvartalsvis, FC/SN/KF) is
        // not in the 2023–2025 plan (lines 4692–4980).
        let old = plan_from(&[(4, 3, 2), (2, 4, 1)]);
        let new = plan_from(&[(2, 4, 1)]);
        let diff = PlanDiff::between(&old, &new);
        assert_eq!(diff.removed.len(), 1);
        assert_eq!(diff.dropped_duties.len(), 1);
        assert_eq!(diff.dropped_duties[0].duty, Duty::ReportUnexecutedDecisions);
        assert!(PlanDiff::between(&new, &old).dropped_duties.is_empty());
    }

    #[test]
    fn rescored_and_rescheduled_rows_are_reported_once() {
        let old = plan_from(&[(0, 3, 0)]);
        let new = plan_from(&[(0, 5, 1)]);
        let diff = PlanDiff::between(&old, &new);
        assert_eq!(diff.rescored.len(), 1);
        assert_eq!(diff.rescored[0].old.risk_value(), Some(16));
        assert_eq!(diff.rescored[0].new.risk_value(), Some(25));
        assert_eq!(diff.rescheduled.len(), 1);
        assert!(diff.added.is_empty() && diff.removed.is_empty());
    }

    #[test]
    fn repeated_row_dropped_by_the_new_version_is_reported_as_removed() {
        // Flen: the same control stood twice; the new version keeps one.
        let old = plan_from(&[(5, 0, 3), (5, 0, 3), (1, 0, 0)]);
        let new = plan_from(&[(5, 0, 3), (1, 0, 0)]);
        let diff = PlanDiff::between(&old, &new);
        assert_eq!(diff.removed.len(), 1);
        assert_eq!(diff.removed[0].process, "Arkiv och gallring");
        assert!(diff.added.is_empty() && diff.rescored.is_empty());
        assert_eq!(PlanDiff::between(&new, &old).added, diff.removed);
    }

    #[test]
    fn repeated_rows_are_matched_by_occurrence() {
        let old = plan_from(&[(5, 0, 3), (5, 1, 3)]);
        let new = plan_from(&[(5, 0, 3), (5, 2, 3)]);
        let diff = PlanDiff::between(&old, &new);
        assert_eq!(diff.rescored.len(), 1);
        assert_eq!(diff.rescored[0].old.risk_value(), Some(9));
        assert_eq!(diff.rescored[0].new.risk_value(), Some(12));
    }

    #[test]
    fn kept_row_that_loses_its_duty_warns() {
        let old = plan_from(&[(4, 0, 0)]);
        let mut new = InternalControlPlan::new("SN", "2022-2024".parse().unwrap());
        let mut row = old.rows()[0].clone();
        row.duty = None;
        row.method = "Stickprov".to_owned();
        new.push_row(row).unwrap();
        let diff = PlanDiff::between(&old, &new);
        assert!(diff.removed.is_empty());
        assert_eq!(
            diff.dropped_duties,
            [DroppedDuty {
                key: old.rows()[0].key(),
                duty: Duty::ReportUnexecutedDecisions
            }]
        );
        assert_eq!(diff.duty_changes.len(), 1);
        assert_eq!(
            diff.reassigned[0].method,
            Some((String::new(), "Stickprov".to_owned()))
        );
        assert!(!diff.is_empty());
        let back = PlanDiff::between(&new, &old);
        assert!(back.dropped_duties.is_empty());
        assert_eq!(back, diff.reversed());
    }

    proptest! {
        #[test]
        fn diff_is_symmetric(
            a in proptest::collection::vec((0_usize..6, 0_usize..6, 0_usize..4), 0..6),
            b in proptest::collection::vec((0_usize..6, 0_usize..6, 0_usize..4), 0..6),
        ) {
            let (pa, pb) = (plan_from(&a), plan_from(&b));
            let forward = PlanDiff::between(&pa, &pb);
            let backward = PlanDiff::between(&pb, &pa);
            prop_assert_eq!(&backward, &forward.reversed());
            prop_assert_eq!(&forward.reversed().reversed(), &forward);
            prop_assert_eq!(&forward.added, &backward.removed);
            prop_assert!(PlanDiff::between(&pa, &pa).is_empty());
        }
    }
}
