//! Follow-up of the current year: budget, outcome, *restbelopp* and the
//! requested *ombudgetering* (carry-over), which must not exceed the
//! restbelopp.
//!
//! The follow-up model itself lives in `namnd-budget`
//! ([`namnd_budget::model::InvestmentLine`] and
//! [`namnd_budget::model::InvestmentFollowUp`], re-exported here): the
//! monthly and annual reports follow investments up next to the operating
//! budget, with the investment tables' own sign convention (*budget −
//! utfall*, [`INVESTMENT_SIGNS`]). This module only connects a request to
//! that model: the budget of a line is the request's amount for the year,
//! and the line is labelled `id name`, so a carry-over error names the
//! request. Nothing of the restbelopp or carry-over logic is repeated here.
//!
//! | Item | What it is |
//! |---|---|
//! | [`InvestmentRequest::follow_up`] | one request's line for a year |
//! | [`follow_up`] | the table of every request for a year, with outcomes and carry-overs |
//! | [`InvestmentLine`], [`InvestmentFollowUp`], [`InvestmentFlag`], [`INVESTMENT_SIGNS`] | from `namnd-budget` |

use std::collections::BTreeMap;

use namnd_core::{Amount, FiscalYear, quote_for_message};

pub use namnd_budget::model::{
    INVESTMENT_SIGNS, InvestmentFlag, InvestmentFollowUp, InvestmentLine,
};

use crate::error::{InvestError, Result};
use crate::request::{InvestmentRequest, QUOTE_CHARS, RequestId};

impl InvestmentRequest {
    /// The follow-up line of the request in `year`: its amount for the year
    /// as budget (zero when the plan has none, which
    /// [`InvestmentFlag::ZeroBudgetWithOutcome`] then flags) against
    /// `outcome`, labelled `id name`.
    ///
    /// # Errors
    /// [`InvestError::Overflow`](crate::InvestError::Overflow) if the year's
    /// parts overflow; [`InvestError::FollowUp`](crate::InvestError::FollowUp)
    /// from the line's constructor.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::{AmountStatus, InvestError, InvestmentRequest, RequestId, YearAmount};
    /// use namnd_core::{Amount, FiscalYear};
    /// let y = FiscalYear::try_new(2025)?;
    /// let request = InvestmentRequest::builder(RequestId::try_new("1:12")?, "Violen")
    ///     .amount(y, YearAmount::single(Amount::from_tkr(1_000)?, AmountStatus::Decided))
    ///     .build()?;
    /// let line = request.follow_up(y, Amount::from_tkr(400)?)?;
    /// assert_eq!(line.restbelopp()?, Amount::from_tkr(600)?);
    /// let line = line.with_carry_over(Amount::from_tkr(500)?)?;
    /// assert_eq!(line.carry_over(), Some(Amount::from_tkr(500)?));
    /// // namnd-budget's check: at most the restbelopp (its error names the line).
    /// let too_much = request.follow_up(y, Amount::from_tkr(400)?)?.with_carry_over(Amount::from_tkr(700)?);
    /// let err = too_much.err().ok_or(InvestError::EmptyRequestId)?;
    /// assert!(err.to_string().contains("1:12 Violen"));
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn follow_up(&self, year: FiscalYear, outcome: Amount) -> Result<InvestmentLine> {
        let budget = match self.amount(year) {
            Some(amount) => amount.total()?,
            None => Amount::ZERO,
        };
        Ok(InvestmentLine::new(self.label(), budget, outcome)?)
    }

    /// `id name`, quoted for messages.
    fn label(&self) -> String {
        quote_for_message(&format!("{} {}", self.id(), self.name()), QUOTE_CHARS)
    }
}

/// The follow-up table of `year`: one line per request (in id order), with
/// the outcome to date from `outcomes` (zero when absent) and the carry-over
/// requested in `carry_overs`, each checked against its line's restbelopp.
///
/// Every id in `outcomes` and `carry_overs` must be a request's: an outcome
/// booked on an id the plan does not have would otherwise vanish from the
/// table.
///
/// # Errors
/// [`InvestError::UnknownRequestIds`]
/// listing the ids of `outcomes` (checked first) or `carry_overs` that match
/// no request;
/// [`InvestError::CarryOverExceedsRemaining`],
/// naming the request (`id name`), if a
/// carry-over is negative or above the restbelopp; otherwise as
/// [`InvestmentRequest::follow_up`].
///
/// # Example
/// ```
/// use namnd_invest::followup::follow_up;
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
/// use std::collections::BTreeMap;
///
/// let y = FiscalYear::try_new(2021)?;
/// let id = RequestId::try_new("1:1")?;
/// let mkr = |tenths: i64| Amount::from_mkr(namnd_core::Decimal::new(tenths, 1));
/// // Oxelösund 2021: budget 9,1 mkr, utfall 3,0, restbelopp 6,1; 5,7 carried over.
/// let request = InvestmentRequest::builder(id.clone(), "Investeringar VON")
///     .amount(y, YearAmount::single(mkr(91)?, AmountStatus::Decided))
///     .build()?;
/// let table = follow_up(&[request], y, &BTreeMap::from([(id.clone(), mkr(30)?)]), &BTreeMap::from([(id, mkr(57)?)]))?;
/// assert_eq!(table.restbelopp()?, mkr(61)?);
/// assert_eq!(table.lines().first().and_then(|l| l.carry_over()), Some(mkr(57)?));
///
/// // An outcome for an id the plan does not have is an error, not ignored.
/// let stray = BTreeMap::from([(RequestId::try_new("9:9")?, mkr(1)?)]);
/// assert!(follow_up(&[], y, &stray, &BTreeMap::new()).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
pub fn follow_up(
    requests: &[InvestmentRequest],
    year: FiscalYear,
    outcomes: &BTreeMap<RequestId, Amount>,
    carry_overs: &BTreeMap<RequestId, Amount>,
) -> Result<InvestmentFollowUp> {
    for (what, given) in [("outcomes", outcomes), ("carry-overs", carry_overs)] {
        let unknown: Vec<String> = given
            .keys()
            .filter(|id| !requests.iter().any(|r| r.id() == *id))
            .map(RequestId::quoted)
            .collect();
        if !unknown.is_empty() {
            return Err(InvestError::UnknownRequestIds { what, ids: unknown });
        }
    }
    let mut sorted: Vec<&InvestmentRequest> = requests.iter().collect();
    sorted.sort_by(|a, b| a.id().cmp(b.id()));
    let lines = sorted
        .into_iter()
        .map(|request| {
            let outcome = outcomes.get(request.id()).copied().unwrap_or(Amount::ZERO);
            let line = request.follow_up(year, outcome)?;
            Ok(match carry_overs.get(request.id()) {
                Some(&carry_over) => line.with_carry_over(carry_over)?,
                None => line,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(InvestmentFollowUp::new(lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{AmountStatus, YearAmount};

    #[test]
    fn carry_over_above_restbelopp_names_the_request() {
        let y = FiscalYear::try_new(2025).unwrap();
        let id = RequestId::try_new("2:3").unwrap();
        let request = InvestmentRequest::builder(id.clone(), "Larm")
            .amount(
                y,
                YearAmount::single(Amount::from_kr(1_000), AmountStatus::Decided),
            )
            .build()
            .unwrap();
        let err = follow_up(
            &[request],
            y,
            &BTreeMap::from([(id.clone(), Amount::from_kr(800))]),
            &BTreeMap::from([(id, Amount::from_kr(201))]),
        )
        .unwrap_err();
        assert_eq!(
            err,
            InvestError::CarryOverExceedsRemaining {
                request: "2:3 Larm".into(),
                requested: Amount::from_kr(201),
                remaining: Amount::from_kr(200),
            }
        );
        assert_eq!(
            err.to_string().replace('\u{a0}', " "),
            "carry-over 201 kr requested for request 2:3 Larm is not within its restbelopp 200 kr"
        );
    }

    #[test]
    fn outcomes_and_carry_overs_for_unknown_ids_are_an_error() {
        let y = FiscalYear::try_new(2025).unwrap();
        let id = |s: &str| RequestId::try_new(s).unwrap();
        let request = InvestmentRequest::builder(id("1:1"), "x").build().unwrap();
        let kr = Amount::from_kr;
        let err = follow_up(
            core::slice::from_ref(&request),
            y,
            &BTreeMap::from([(id("1:1"), kr(1)), (id("1:9"), kr(2)), (id("1:3"), kr(3))]),
            &BTreeMap::new(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            InvestError::UnknownRequestIds {
                what: "outcomes",
                ids: vec!["1:3".into(), "1:9".into()]
            }
        );
        assert_eq!(
            err.to_string(),
            "outcomes given for unknown request ids: 1:3, 1:9"
        );
        let err = follow_up(
            &[request],
            y,
            &BTreeMap::new(),
            &BTreeMap::from([(id("2:1"), kr(0))]),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            InvestError::UnknownRequestIds {
                what: "carry-overs",
                ..
            }
        ));
    }

    #[test]
    fn request_without_amount_this_year_is_flagged_with_outcome() {
        let y = FiscalYear::try_new(2025).unwrap();
        let request = InvestmentRequest::builder(RequestId::try_new("1:1").unwrap(), "x")
            .build()
            .unwrap();
        let line = request.follow_up(y, Amount::from_kr(311)).unwrap();
        assert!(
            line.flags()
                .contains(&InvestmentFlag::ZeroBudgetWithOutcome)
        );
    }
}
