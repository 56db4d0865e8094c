//! *Driftsäskanden* (operating requests) and *effektiviseringsförslag*
//! (savings proposals) for the coming three years.

use std::collections::BTreeMap;

use namnd_core::{Amount, FiscalYear, UnitPath};

use super::{add, require_text, sub};
use crate::error::{BudgetError, Result};

/// Whether an operating request is permanent or for one year only.
///
/// # Example
/// ```
/// use namnd_budget::model::RequestKind;
/// assert_eq!(RequestKind::OneYear.swedish(), "ettårig");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum RequestKind {
    /// *Permanent*: the frame keeps it in every later year (it rolls forward
    /// and is not requested again).
    Permanent,
    /// *Ettårig*: one year only; reversed automatically the following year.
    OneYear,
}

impl RequestKind {
    /// The Swedish word.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::RequestKind;
    /// assert_eq!(RequestKind::Permanent.swedish(), "permanent");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            RequestKind::Permanent => "permanent",
            RequestKind::OneYear => "ettårig",
        }
    }
}

/// An operating request (*driftsäskande*): an increment to the frame from a
/// year on (positive = more frame; usually new cost − existing budget).
///
/// # Example
/// ```
/// use namnd_budget::model::{OperatingRequest, RequestKind};
/// use namnd_core::{Amount, FiscalYear};
/// let r = OperatingRequest::new("Ny gruppbostad LSS", FiscalYear::try_new(2026)?, Amount::from_tkr(2_000)?, RequestKind::Permanent)?
///     .with_unit("VON/SOF/LSS".parse()?)
///     .inside_allocation_model(false);
/// assert!(!r.is_inside_allocation_model());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "super::wire::OperatingRequestRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct OperatingRequest {
    description: String,
    year: FiscalYear,
    amount: Amount,
    kind: RequestKind,
    unit: Option<UnitPath>,
    inside_allocation_model: bool,
}

impl OperatingRequest {
    /// A request of `amount` from `year` on.
    ///
    /// # Errors
    /// [`BudgetError::BlankText`] for a blank description.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{OperatingRequest, RequestKind};
    /// use namnd_core::{Amount, FiscalYear};
    /// let year = FiscalYear::try_new(2026)?;
    /// assert!(OperatingRequest::new(" ", year, Amount::ZERO, RequestKind::OneYear).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        description: impl Into<String>,
        year: FiscalYear,
        amount: Amount,
        kind: RequestKind,
    ) -> Result<OperatingRequest> {
        let description = description.into();
        require_text(
            &description,
            || format!("operating request for {year}"),
            "description",
        )?;
        Ok(OperatingRequest {
            description,
            year,
            amount,
            kind,
            unit: None,
            inside_allocation_model: false,
        })
    }

    /// The request with the unit asking.
    ///
    /// See [`OperatingRequest`] for an example.
    #[must_use]
    pub fn with_unit(mut self, unit: UnitPath) -> OperatingRequest {
        self.unit = Some(unit);
        self
    }

    /// Tags the request as inside (or outside) the *resursfördelningsmodell*
    /// (allocation model for demographic volume changes).
    ///
    /// See [`OperatingRequest`] for an example.
    #[must_use]
    pub fn inside_allocation_model(mut self, inside: bool) -> OperatingRequest {
        self.inside_allocation_model = inside;
        self
    }

    /// The description.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The first year of the increment.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The increment, positive = more frame.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// Permanent or one year.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn kind(&self) -> RequestKind {
        self.kind
    }

    /// The unit asking, if given.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn unit(&self) -> Option<&UnitPath> {
        self.unit.as_ref()
    }

    /// Whether the request is inside the allocation model.
    ///
    /// See [`OperatingRequest`] for an example.
    pub fn is_inside_allocation_model(&self) -> bool {
        self.inside_allocation_model
    }
}

/// A savings proposal (*effektiviseringsförslag*): unit, proposal,
/// description, risks and consequences, and the estimated effect per year
/// (*bedömd ekonomisk effekt*, positive = a saving), each year's effect as
/// given (not carried forward), with an optional uncertainty note.
///
/// # Example
/// ```
/// use namnd_budget::model::SavingsProposal;
/// use namnd_core::{Amount, FiscalYear};
/// let p = SavingsProposal::new("VON/ÄF".parse()?, "Samordnad nattpatrull")?
///     .with_description("En nattpatrull i stället för två")
///     .with_risks("Längre inställelsetid")
///     .with_effect(FiscalYear::try_new(2026)?, Amount::from_tkr(500)?)
///     .with_uncertainty("Bedömningen är osäker");
/// assert_eq!(p.effect(FiscalYear::try_new(2026)?), Amount::from_tkr(500)?);
/// assert_eq!(p.effect(FiscalYear::try_new(2027)?), Amount::ZERO);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "super::wire::SavingsProposalRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SavingsProposal {
    unit: UnitPath,
    proposal: String,
    description: Option<String>,
    risks: Option<String>,
    uncertainty: Option<String>,
    effects: BTreeMap<FiscalYear, Amount>,
}

impl SavingsProposal {
    /// A proposal by `unit`, with no effect yet.
    ///
    /// # Errors
    /// [`BudgetError::BlankText`] for a blank proposal.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn new(unit: UnitPath, proposal: impl Into<String>) -> Result<SavingsProposal> {
        let proposal = proposal.into();
        require_text(
            &proposal,
            || format!("savings proposal of {unit}"),
            "proposal",
        )?;
        Ok(SavingsProposal {
            unit,
            proposal,
            description: None,
            risks: None,
            uncertainty: None,
            effects: BTreeMap::new(),
        })
    }

    /// The proposal with its description.
    ///
    /// See [`SavingsProposal`] for an example.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> SavingsProposal {
        self.description = Some(description.into());
        self
    }

    /// The proposal with its risks and consequences (*risker och konsekvenser*).
    ///
    /// See [`SavingsProposal`] for an example.
    #[must_use]
    pub fn with_risks(mut self, risks: impl Into<String>) -> SavingsProposal {
        self.risks = Some(risks.into());
        self
    }

    /// The proposal with an uncertainty note on its estimate.
    ///
    /// See [`SavingsProposal`] for an example.
    #[must_use]
    pub fn with_uncertainty(mut self, note: impl Into<String>) -> SavingsProposal {
        self.uncertainty = Some(note.into());
        self
    }

    /// The proposal with its estimated effect in `year` (replacing an earlier one).
    ///
    /// See [`SavingsProposal`] for an example.
    #[must_use]
    pub fn with_effect(mut self, year: FiscalYear, saving: Amount) -> SavingsProposal {
        self.effects.insert(year, saving);
        self
    }

    /// The unit.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn unit(&self) -> &UnitPath {
        &self.unit
    }

    /// The proposal.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn proposal(&self) -> &str {
        &self.proposal
    }

    /// The description, if given.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The risks and consequences, if given.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn risks(&self) -> Option<&str> {
        self.risks.as_deref()
    }

    /// The uncertainty note, if given.
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn uncertainty(&self) -> Option<&str> {
        self.uncertainty.as_deref()
    }

    /// The estimated saving in `year` (zero if none is given).
    ///
    /// See [`SavingsProposal`] for an example.
    pub fn effect(&self, year: FiscalYear) -> Amount {
        self.effects.get(&year).copied().unwrap_or(Amount::ZERO)
    }
}

/// Where an item of a year's frame change comes from.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
///
/// # Example
/// ```
/// use namnd_budget::model::PlanItemKind;
/// assert_ne!(PlanItemKind::Reversal, PlanItemKind::OneYear);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum PlanItemKind {
    /// A permanent request first made this year.
    Permanent,
    /// A one-year request for this year.
    OneYear,
    /// The automatic reversal of last year's one-year request (a negative item).
    Reversal,
}

/// One item of a year's change to the frame, as it would be entered.
///
/// See [`RequestPlan::items`] for an example.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PlanItem {
    /// The request's description.
    pub description: String,
    /// Where the item comes from.
    pub kind: PlanItemKind,
    /// The change to the frame that year (a reversal is negative).
    pub amount: Amount,
}

/// Totals of one year of a [`RequestPlan`], all relative to the frame before
/// the plan.
///
/// See [`RequestPlan`] for an example.
///
/// Computed, so Serialize-only (feature `serde`): it is never read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct YearTotals {
    /// The year.
    pub year: FiscalYear,
    /// Permanent requests first made this year.
    pub new_permanent: Amount,
    /// One-year requests for this year.
    pub one_year: Amount,
    /// Last year's one-year requests reversed this year (negative or zero).
    pub reversed: Amount,
    /// The frame effect, against the frame of the year before the plan:
    /// every permanent request so far plus this year's one-year requests,
    /// less the one-year requests carried in from the year before the plan.
    pub frame_effect: Amount,
    /// The savings proposals' estimated effect this year (positive = saving).
    pub savings: Amount,
    /// frame effect − savings: the net change of the committee's need.
    pub net: Amount,
}

/// *Driftsäskanden* and *effektiviseringsförslag* for three years from
/// `first`: permanent requests roll forward into every later year; one-year
/// requests are reversed the following year automatically.
///
/// # Example
/// ```
/// use namnd_budget::model::{OperatingRequest, RequestKind, RequestPlan};
/// use namnd_core::{Amount, FiscalYear};
///
/// // Domain brief: +2 000 permanent and +400 one-year in year 1 give +2 400, +2 000, +2 000.
/// let y1 = FiscalYear::try_new(2026)?;
/// let plan = RequestPlan::new(y1)?
///     .with_request(OperatingRequest::new("Fler platser", y1, Amount::from_tkr(2_000)?, RequestKind::Permanent)?)?
///     .with_request(OperatingRequest::new("Utbildningsinsats", y1, Amount::from_tkr(400)?, RequestKind::OneYear)?)?;
/// let effects: Vec<_> = plan.totals()?.iter().map(|t| t.frame_effect).collect();
/// assert_eq!(effects, [2_400, 2_000, 2_000].map(Amount::from_tkr).into_iter().collect::<Result<Vec<_>, _>>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "super::wire::RequestPlanRepr",
        into = "super::wire::RequestPlanRepr"
    )
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RequestPlan {
    years: [FiscalYear; 3],
    requests: Vec<OperatingRequest>,
    proposals: Vec<SavingsProposal>,
}

impl RequestPlan {
    /// An empty plan for `first` and the two years after.
    ///
    /// # Errors
    /// [`BudgetError::OutsidePlan`] if the years after `first` are beyond
    /// the supported range.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::RequestPlan;
    /// use namnd_core::FiscalYear;
    /// let plan = RequestPlan::new(FiscalYear::try_new(2026)?)?;
    /// assert_eq!(plan.years().map(|y| y.to_string()), ["2026", "2027", "2028"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(first: FiscalYear) -> Result<RequestPlan> {
        let out = || BudgetError::OutsidePlan {
            item: "the plan's last year".to_owned(),
            year: first,
            first,
            last: first,
        };
        let second = first.next().map_err(|_| out())?;
        let third = second.next().map_err(|_| out())?;
        Ok(RequestPlan {
            years: [first, second, third],
            requests: Vec::new(),
            proposals: Vec::new(),
        })
    }

    /// The three years.
    ///
    /// See [`RequestPlan::new`] for an example.
    pub fn years(&self) -> [FiscalYear; 3] {
        self.years
    }

    fn check_year(&self, item: &str, year: FiscalYear) -> Result<()> {
        let [first, _, last] = self.years;
        if year < first || year > last {
            return Err(BudgetError::OutsidePlan {
                item: item.to_owned(),
                year,
                first,
                last,
            });
        }
        Ok(())
    }

    /// The plan with one more request. A one-year request of the year
    /// before the plan may be carried in: it is not part of the plan's
    /// years, but its reversal is an item of the first year.
    ///
    /// # Errors
    /// [`BudgetError::OutsidePlan`] if the request's year is not in the plan
    /// (nor, for a one-year request, the year before it).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{OperatingRequest, PlanItemKind, RequestKind, RequestPlan};
    /// use namnd_core::{Amount, FiscalYear};
    /// let plan = RequestPlan::new(FiscalYear::try_new(2026)?)?;
    /// let late = OperatingRequest::new("Hyra", FiscalYear::try_new(2029)?, Amount::from_tkr(1)?, RequestKind::Permanent)?;
    /// assert_eq!(plan.clone().with_request(late).unwrap_err().to_string(), "operating request \"Hyra\" for 2029 is outside the plan 2026–2028");
    /// let last_year = OperatingRequest::new("Projekt", FiscalYear::try_new(2025)?, Amount::from_tkr(400)?, RequestKind::OneYear)?;
    /// let plan = plan.with_request(last_year)?;
    /// assert_eq!(plan.items(FiscalYear::try_new(2026)?)[0].kind, PlanItemKind::Reversal);
    /// assert_eq!(plan.totals()?[0].frame_effect, Amount::from_tkr(-400)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_request(mut self, request: OperatingRequest) -> Result<RequestPlan> {
        let [first, ..] = self.years;
        let carried_in = request.kind == RequestKind::OneYear
            && request.year.next().is_ok_and(|next| next == first);
        if !carried_in {
            self.check_year(
                &format!("operating request \"{}\"", request.description),
                request.year,
            )?;
        }
        self.requests.push(request);
        Ok(self)
    }

    /// The plan with one more savings proposal.
    ///
    /// # Errors
    /// [`BudgetError::OutsidePlan`] if the proposal has an effect outside the plan.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{RequestPlan, SavingsProposal};
    /// use namnd_core::{Amount, FiscalYear};
    /// let y = FiscalYear::try_new(2026)?;
    /// let p = SavingsProposal::new("VON".parse()?, "Färre vikarier")?.with_effect(y, Amount::from_tkr(300)?);
    /// let plan = RequestPlan::new(y)?.with_proposal(p)?;
    /// assert_eq!(plan.totals()?[0].savings, Amount::from_tkr(300)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_proposal(mut self, proposal: SavingsProposal) -> Result<RequestPlan> {
        for year in proposal.effects.keys() {
            self.check_year(
                &format!("savings proposal \"{}\"", proposal.proposal),
                *year,
            )?;
        }
        self.proposals.push(proposal);
        Ok(self)
    }

    /// The requests, in the order given.
    ///
    /// See [`RequestPlan`] for an example.
    pub fn requests(&self) -> &[OperatingRequest] {
        &self.requests
    }

    /// The savings proposals, in the order given.
    ///
    /// See [`RequestPlan::with_proposal`] for an example.
    pub fn proposals(&self) -> &[SavingsProposal] {
        &self.proposals
    }

    /// The items changing the frame in `year`, as they would be entered:
    /// permanent and one-year requests first made that year, and the
    /// reversal (a negative item) of each one-year request of the year before.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{OperatingRequest, PlanItemKind, RequestKind, RequestPlan};
    /// use namnd_core::{Amount, FiscalYear};
    /// let y1 = FiscalYear::try_new(2026)?;
    /// let plan = RequestPlan::new(y1)?
    ///     .with_request(OperatingRequest::new("Projekt", y1, Amount::from_tkr(400)?, RequestKind::OneYear)?)?;
    /// let items = plan.items(FiscalYear::try_new(2027)?);
    /// assert_eq!((items[0].kind, items[0].amount), (PlanItemKind::Reversal, Amount::from_tkr(-400)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn items(&self, year: FiscalYear) -> Vec<PlanItem> {
        let mut items = Vec::new();
        for request in &self.requests {
            if request.year == year {
                items.push(PlanItem {
                    description: request.description.clone(),
                    kind: match request.kind {
                        RequestKind::Permanent => PlanItemKind::Permanent,
                        RequestKind::OneYear => PlanItemKind::OneYear,
                    },
                    amount: request.amount,
                });
            } else if request.kind == RequestKind::OneYear
                && request.year.next().is_ok_and(|next| next == year)
            {
                items.push(PlanItem {
                    description: request.description.clone(),
                    kind: PlanItemKind::Reversal,
                    amount: request.amount.negated(),
                });
            }
        }
        items
    }

    /// The totals of each of the three years.
    ///
    /// # Errors
    /// [`BudgetError::ModelOverflow`] on overflow.
    ///
    /// See [`RequestPlan`] for an example.
    pub fn totals(&self) -> Result<[YearTotals; 3]> {
        let mut frame_effect = Amount::ZERO;
        let mut totals = Vec::with_capacity(3);
        for year in self.years {
            let what = |m: &'static str| move || format!("{m} of the requests for {year}");
            let mut new_permanent = Amount::ZERO;
            let mut one_year = Amount::ZERO;
            let mut reversed = Amount::ZERO;
            for item in self.items(year) {
                let slot = match item.kind {
                    PlanItemKind::Permanent => &mut new_permanent,
                    PlanItemKind::OneYear => &mut one_year,
                    PlanItemKind::Reversal => &mut reversed,
                };
                *slot = add(*slot, item.amount, what("sum"))?;
                frame_effect = add(frame_effect, item.amount, what("frame effect"))?;
            }
            let savings = self.proposals.iter().try_fold(Amount::ZERO, |sum, p| {
                add(sum, p.effect(year), what("savings"))
            })?;
            let net = sub(frame_effect, savings, what("net"))?;
            totals.push(YearTotals {
                year,
                new_permanent,
                one_year,
                reversed,
                frame_effect,
                savings,
                net,
            });
        }
        match <[YearTotals; 3]>::try_from(totals) {
            Ok(totals) => Ok(totals),
            // Three years in, three totals out.
            Err(_) => {
                let [first, _, last] = self.years;
                Err(BudgetError::OutsidePlan {
                    item: "the plan's totals".to_owned(),
                    year: first,
                    first,
                    last,
                })
            }
        }
    }
}
