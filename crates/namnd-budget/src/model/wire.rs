//! The serde forms of the model's inputs and configurations: each is read
//! into a plain representation and then built through its checked
//! constructor, so that deserialising cannot skip an invariant.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use namnd_calc::forecast::{ManualForecast, Method, Periodisation};
use namnd_calc::variance::Threshold;
use namnd_core::{Account, AccountGroup, Amount, FiscalYear, Rounding, UnitPath};

use super::{
    BalanceRule, BudgetFrame, BudgetLine, FollowUpOptions, FrameChange, FrameChangeKind,
    InvestmentLine, LineKey, OperatingRequest, RequestKind, RequestPlan, SavingsProposal,
};
use crate::error::BudgetError;

/// A [`LineKey`] as read: a blank verksamhet is rejected; a line without
/// one leaves it out (or null).
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct LineKeyRepr {
    unit: UnitPath,
    #[serde(default)]
    verksamhet: Option<String>,
    group: AccountGroup,
    #[serde(default)]
    account: Option<Account>,
}

impl TryFrom<LineKeyRepr> for LineKey {
    type Error = BudgetError;

    fn try_from(r: LineKeyRepr) -> Result<Self, BudgetError> {
        let key = match r.verksamhet {
            Some(verksamhet) => LineKey::new(r.unit, verksamhet, r.group)?,
            None => LineKey::without_verksamhet(r.unit, r.group),
        };
        Ok(match r.account {
            Some(account) => key.with_account(account),
            None => key,
        })
    }
}

/// A [`BudgetLine`] as read: the history comes before the periodisation,
/// so that periodising by prior-year outcome without history is rejected.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct BudgetLineRepr {
    key: LineKey,
    budget: Amount,
    #[serde(default)]
    periodisation: Option<Periodisation>,
    #[serde(default)]
    history: Option<[Amount; 12]>,
}

impl TryFrom<BudgetLineRepr> for BudgetLine {
    type Error = BudgetError;

    fn try_from(r: BudgetLineRepr) -> Result<Self, BudgetError> {
        let mut line = BudgetLine::new(r.key, r.budget);
        if let Some(history) = r.history {
            line = line.with_history(history);
        }
        match r.periodisation {
            Some(periodisation) => line.with_periodisation(periodisation),
            None => Ok(line),
        }
    }
}

/// A [`FrameChange`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct FrameChangeRepr {
    date: NaiveDate,
    kind: FrameChangeKind,
    amount: Amount,
    reason: String,
    decision: String,
}

impl TryFrom<FrameChangeRepr> for FrameChange {
    type Error = BudgetError;

    fn try_from(r: FrameChangeRepr) -> Result<Self, BudgetError> {
        FrameChange::new(r.date, r.kind, r.amount, r.reason, r.decision)
    }
}

/// A [`BudgetFrame`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct BudgetFrameRepr {
    year: FiscalYear,
    original: Amount,
    #[serde(default)]
    changes: Vec<FrameChange>,
    /// The current frame as stated in the document, reconciled if given.
    #[serde(default)]
    stated_current: Option<Amount>,
}

impl TryFrom<BudgetFrameRepr> for BudgetFrame {
    type Error = BudgetError;

    fn try_from(r: BudgetFrameRepr) -> Result<Self, BudgetError> {
        match r.stated_current {
            Some(stated) => BudgetFrame::from_statement(r.year, r.original, r.changes, stated),
            None => r.changes.into_iter().try_fold(
                BudgetFrame::new(r.year, r.original),
                BudgetFrame::with_change,
            ),
        }
    }
}

/// An [`InvestmentLine`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct InvestmentLineRepr {
    project: String,
    budget: Amount,
    outcome: Amount,
    #[serde(default)]
    carry_over: Option<Amount>,
}

impl TryFrom<InvestmentLineRepr> for InvestmentLine {
    type Error = BudgetError;

    fn try_from(r: InvestmentLineRepr) -> Result<Self, BudgetError> {
        let line = InvestmentLine::new(r.project, r.budget, r.outcome)?;
        match r.carry_over {
            Some(requested) => line.with_carry_over(requested),
            None => Ok(line),
        }
    }
}

/// A [`BalanceRule`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct BalanceRuleRepr {
    threshold: Threshold,
}

impl TryFrom<BalanceRuleRepr> for BalanceRule {
    type Error = BudgetError;

    fn try_from(r: BalanceRuleRepr) -> Result<Self, BudgetError> {
        BalanceRule::new(r.threshold)
    }
}

/// An [`OperatingRequest`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct OperatingRequestRepr {
    description: String,
    year: FiscalYear,
    amount: Amount,
    kind: RequestKind,
    #[serde(default)]
    unit: Option<UnitPath>,
    #[serde(default)]
    inside_allocation_model: bool,
}

impl TryFrom<OperatingRequestRepr> for OperatingRequest {
    type Error = BudgetError;

    fn try_from(r: OperatingRequestRepr) -> Result<Self, BudgetError> {
        let request = OperatingRequest::new(r.description, r.year, r.amount, r.kind)?
            .inside_allocation_model(r.inside_allocation_model);
        Ok(match r.unit {
            Some(unit) => request.with_unit(unit),
            None => request,
        })
    }
}

/// A [`SavingsProposal`] as read.
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct SavingsProposalRepr {
    unit: UnitPath,
    proposal: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    risks: Option<String>,
    #[serde(default)]
    uncertainty: Option<String>,
    #[serde(default)]
    effects: BTreeMap<FiscalYear, Amount>,
}

impl TryFrom<SavingsProposalRepr> for SavingsProposal {
    type Error = BudgetError;

    fn try_from(r: SavingsProposalRepr) -> Result<Self, BudgetError> {
        let mut proposal = SavingsProposal::new(r.unit, r.proposal)?;
        if let Some(description) = r.description {
            proposal = proposal.with_description(description);
        }
        if let Some(risks) = r.risks {
            proposal = proposal.with_risks(risks);
        }
        if let Some(note) = r.uncertainty {
            proposal = proposal.with_uncertainty(note);
        }
        Ok(r.effects
            .into_iter()
            .fold(proposal, |p, (year, saving)| p.with_effect(year, saving)))
    }
}

/// A [`RequestPlan`] as read and written: its first year and its items.
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct RequestPlanRepr {
    first: FiscalYear,
    #[serde(default)]
    requests: Vec<OperatingRequest>,
    #[serde(default)]
    proposals: Vec<SavingsProposal>,
}

impl TryFrom<RequestPlanRepr> for RequestPlan {
    type Error = BudgetError;

    fn try_from(r: RequestPlanRepr) -> Result<Self, BudgetError> {
        let plan = r
            .requests
            .into_iter()
            .try_fold(RequestPlan::new(r.first)?, RequestPlan::with_request)?;
        r.proposals
            .into_iter()
            .try_fold(plan, RequestPlan::with_proposal)
    }
}

impl From<RequestPlan> for RequestPlanRepr {
    fn from(plan: RequestPlan) -> Self {
        let [first, ..] = plan.years();
        RequestPlanRepr {
            first,
            requests: plan.requests().to_vec(),
            proposals: plan.proposals().to_vec(),
        }
    }
}

/// A per-line forecast method of [`FollowUpOptions`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct LineMethod {
    key: LineKey,
    method: Method,
}

/// A manual forecast of [`FollowUpOptions`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct LineManual {
    key: LineKey,
    manual: ManualForecast,
}

/// [`FollowUpOptions`] as read and written: line keys are not JSON map keys,
/// so the per-line entries are lists.
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(super) struct FollowUpOptionsRepr {
    method: Method,
    rounding: Rounding,
    #[serde(default)]
    methods: Vec<LineMethod>,
    #[serde(default)]
    manual: Vec<LineManual>,
}

impl TryFrom<FollowUpOptionsRepr> for FollowUpOptions {
    type Error = BudgetError;

    fn try_from(r: FollowUpOptionsRepr) -> Result<Self, BudgetError> {
        let mut options = FollowUpOptions::new(r.method, r.rounding);
        for m in r.methods {
            if options.has_method(&m.key) {
                return Err(duplicate("methods", &m.key));
            }
            options = options.with_method(m.key, m.method);
        }
        for m in r.manual {
            if options.manual_for(&m.key).is_some() {
                return Err(duplicate("manual", &m.key));
            }
            options = options.with_manual(m.key, m.manual);
        }
        Ok(options)
    }
}

/// A line given twice in a list of the options.
fn duplicate(list: &'static str, key: &LineKey) -> BudgetError {
    BudgetError::DuplicateOptionsLine {
        list,
        key: key.to_string(),
    }
}

impl From<FollowUpOptions> for FollowUpOptionsRepr {
    fn from(options: FollowUpOptions) -> Self {
        let (method, rounding, methods, manual) = options.into_parts();
        FollowUpOptionsRepr {
            method,
            rounding,
            methods: methods
                .into_iter()
                .map(|(key, method)| LineMethod { key, method })
                .collect(),
            manual: manual
                .into_iter()
                .map(|(key, manual)| LineManual { key, manual })
                .collect(),
        }
    }
}
