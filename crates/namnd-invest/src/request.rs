//! Investment requests (*investeringsäskanden*): id, name, committees, year
//! amounts with their statuses, dates, operating costs and useful life.
//!
//! | Item | What it is |
//! |---|---|
//! | [`RequestId`] | the id as the municipality writes it (`1:1`, `1:12`), ordered naturally |
//! | [`AmountStatus`], [`AmountPart`], [`YearAmount`] | one year's amount, possibly split into a decided and an additional part, each with its status (the cell colours of real tables) |
//! | [`UsefulLife`], [`Component`], [`DriftStart`] | *nyttjandeperiod*, the parts of an asset with their own lives, *driftstart* |
//! | [`InvestmentRequest`], [`RequestBuilder`] | the request, validated when built |

use core::cmp::Ordering;
use core::fmt;
use core::str::FromStr;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use namnd_core::{Amount, FiscalYear, quote_for_message};

use crate::error::{InvestError, Result, overflow};

/// The most characters of input text echoed in a message.
pub(crate) const QUOTE_CHARS: usize = 60;

// ------------------------------------------------------------------ RequestId

/// A request id as the municipality writes it: `1:1`, `1:12`, `IV-2025-3`.
///
/// Any text is accepted (trimmed) that passes [`namnd_core::id_text`]: it is
/// rejected when blank, longer than [`RequestId::MAX_CHARS`] (64)
/// characters, holding a control character (tab, newline, …) or holding
/// something shaped like a personal identity number, in that order. Ids order
/// *naturally*: runs of digits compare by their value, so `1:2` sorts before
/// `1:12`; ids that are equal in that order (`1:02` and `1:2`) fall back to
/// their text.
///
/// # Example
/// ```
/// use namnd_invest::RequestId;
/// let a: RequestId = "1:2".parse()?;
/// let b = RequestId::try_new(" 1:12 ")?;
/// assert!(a < b);
/// assert_eq!(b.as_str(), "1:12");
/// assert!(RequestId::try_new("  ").is_err());
/// assert!(RequestId::try_new("19121212-1212").is_err());
/// assert!(RequestId::try_new("1:\t12").is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "String"))]
pub struct RequestId(String);

impl RequestId {
    /// The longest id accepted, in characters: 64, as for the other namnd
    /// id types (`namnd-quality`'s case ids, `namnd-decisions`' decision ids).
    ///
    /// # Example
    /// ```
    /// use namnd_invest::RequestId;
    /// assert!(RequestId::try_new("1".repeat(RequestId::MAX_CHARS)).is_ok());
    /// assert!(RequestId::try_new("1".repeat(RequestId::MAX_CHARS + 1)).is_err());
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub const MAX_CHARS: usize = 64;

    /// The id `text`, trimmed and checked with [`namnd_core::id_text`].
    ///
    /// # Errors
    /// [`InvestError::EmptyRequestId`] for blank text;
    /// [`InvestError::InvalidRequestId`] for text longer than
    /// [`RequestId::MAX_CHARS`] characters or holding a control character;
    /// [`InvestError::PersonalDataInRequestId`] if it holds something shaped
    /// like a personal identity number.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::RequestId;
    /// let err = RequestId::try_new("1:1\n2").err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), r#"request id "1:1\u{a}2" is not usable: it contains a control character"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(text: impl AsRef<str>) -> Result<RequestId> {
        let raw = text.as_ref();
        match namnd_core::id_text(raw, Self::MAX_CHARS) {
            Ok(text) => Ok(RequestId(text.to_owned())),
            Err(namnd_core::IdTextProblem::Empty) => Err(InvestError::EmptyRequestId),
            Err(namnd_core::IdTextProblem::IdentityNumber) => {
                Err(InvestError::PersonalDataInRequestId {
                    id: quote_for_message(raw.trim(), QUOTE_CHARS),
                })
            }
            Err(problem) => Err(InvestError::InvalidRequestId {
                id: quote_for_message(raw.trim(), QUOTE_CHARS),
                problem,
            }),
        }
    }

    /// The id as text.
    ///
    /// See [`RequestId`] for an example.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id for messages (control characters escaped, cut if very long).
    pub(crate) fn quoted(&self) -> String {
        quote_for_message(&self.0, QUOTE_CHARS)
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for RequestId {
    type Err = InvestError;

    fn from_str(s: &str) -> Result<RequestId> {
        RequestId::try_new(s)
    }
}

impl TryFrom<String> for RequestId {
    type Error = InvestError;

    fn try_from(s: String) -> Result<RequestId> {
        RequestId::try_new(s)
    }
}

impl From<RequestId> for String {
    fn from(id: RequestId) -> String {
        id.0
    }
}

impl Ord for RequestId {
    fn cmp(&self, other: &Self) -> Ordering {
        natural_cmp(&self.0, &other.0).then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for RequestId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares two texts chunk by chunk: runs of ASCII digits by value (without
/// parsing, so any length works), other runs by their characters.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (chunks(a), chunks(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (is_digits(x), is_digits(y)) {
                    (true, true) => {
                        let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                        x.len().cmp(&y.len()).then_with(|| x.cmp(y))
                    }
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

fn is_digits(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// Splits a text into maximal runs of ASCII digits and of anything else.
fn chunks(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    core::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let digits = first.is_ascii_digit();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() != digits)
            .map_or(rest.len(), |(i, _)| i);
        let (chunk, tail) = rest.split_at_checked(end)?;
        rest = tail;
        Some(chunk)
    })
}

// --------------------------------------------------------------- AmountStatus

/// The status of an amount in a request table: what real tables show as cell
/// colours.
///
/// Parsed from Swedish or English words (any case): `beslutat`/`decided`,
/// `nytt`/`tillkommet`/`new`, `förändrat`/`ändrat`/`changed`,
/// `saknas`/`möjligen saknas`/`possibly-missing`, `väntar`/`pending`.
///
/// # Example
/// ```
/// use namnd_invest::AmountStatus;
/// assert_eq!(AmountStatus::parse("Förändrat", None)?, AmountStatus::Changed);
/// let pending = AmountStatus::parse("väntar", Some("inväntar fastighetsförvaltarens kalkyl"))?;
/// assert_eq!(pending, AmountStatus::Pending { note: "inväntar fastighetsförvaltarens kalkyl".into() });
/// assert!(AmountStatus::parse("grön", None).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum AmountStatus {
    /// Decided in the previous plan (*beslutat belopp*, already in the
    /// adopted budget).
    Decided,
    /// A new need or amount (*tillkommet behov/belopp*).
    New,
    /// An amount changed since the previous plan (*förändrat belopp*).
    Changed,
    /// An amount probably should be here but is not (or is uncertain).
    PossiblyMissing,
    /// Awaiting something, e.g. the property manager's estimate.
    Pending {
        /// What is awaited (free text, kept).
        note: String,
    },
}

impl AmountStatus {
    /// Reads a status word; `note` is kept for [`AmountStatus::Pending`] and
    /// ignored otherwise.
    ///
    /// # Errors
    /// [`InvestError::UnknownStatus`] for any other word.
    ///
    /// See [`AmountStatus`] for an example.
    pub fn parse(word: &str, note: Option<&str>) -> Result<AmountStatus> {
        let lower = word.trim().to_lowercase();
        Ok(match lower.as_str() {
            "beslutat" | "beslutad" | "decided" => AmountStatus::Decided,
            "nytt" | "ny" | "tillkommet" | "new" => AmountStatus::New,
            "förändrat" | "förändrad" | "ändrat" | "changed" => AmountStatus::Changed,
            "saknas" | "möjligen saknas" | "possibly-missing" | "possibly missing" => {
                AmountStatus::PossiblyMissing
            }
            "väntar" | "avvaktar" | "pending" => AmountStatus::Pending {
                note: note.unwrap_or_default().trim().to_owned(),
            },
            _ => {
                return Err(InvestError::UnknownStatus {
                    status: quote_for_message(word, QUOTE_CHARS),
                });
            }
        })
    }

    /// Whether this is [`AmountStatus::Decided`].
    ///
    /// # Example
    /// ```
    /// use namnd_invest::AmountStatus;
    /// assert!(AmountStatus::Decided.is_decided() && !AmountStatus::New.is_decided());
    /// ```
    pub fn is_decided(&self) -> bool {
        matches!(self, AmountStatus::Decided)
    }

    /// The status's Swedish word as the importer reads it: `beslutat`,
    /// `nytt`, `förändrat`, `saknas` or `väntar`.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::AmountStatus;
    /// assert_eq!(AmountStatus::PossiblyMissing.word(), "saknas");
    /// assert_eq!(AmountStatus::parse(AmountStatus::Changed.word(), None)?, AmountStatus::Changed);
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn word(&self) -> &'static str {
        match self {
            AmountStatus::Decided => "beslutat",
            AmountStatus::New => "nytt",
            AmountStatus::Changed => "förändrat",
            AmountStatus::PossiblyMissing => "saknas",
            AmountStatus::Pending { .. } => "väntar",
        }
    }

    /// Whether an amount with this status may be not yet known: only
    /// [`AmountStatus::Pending`] and [`AmountStatus::PossiblyMissing`].
    ///
    /// # Example
    /// ```
    /// use namnd_invest::AmountStatus;
    /// assert!(AmountStatus::PossiblyMissing.may_be_unknown());
    /// assert!(!AmountStatus::New.may_be_unknown());
    /// ```
    pub fn may_be_unknown(&self) -> bool {
        matches!(
            self,
            AmountStatus::Pending { .. } | AmountStatus::PossiblyMissing
        )
    }
}

/// One part of a year's amount: the amount and its status.
///
/// The amount may be *not yet known* (an empty cell) when the status is
/// pending (`väntar`) or possibly missing (`saknas`); such a part counts as 0
/// in every sum, and [`AmountPart::known_amount`] is `None`.
///
/// # Example
/// ```
/// use namnd_invest::{AmountPart, AmountStatus};
/// use namnd_core::Amount;
/// let part = AmountPart::new(Amount::from_tkr(500)?, AmountStatus::New);
/// assert_eq!((part.amount(), part.status()), (Amount::from_tkr(500)?, &AmountStatus::New));
/// let awaited = AmountPart::unknown(AmountStatus::Pending { note: "kalkyl".into() })?;
/// assert_eq!((awaited.known_amount(), awaited.amount()), (None, Amount::ZERO));
/// assert!(AmountPart::unknown(AmountStatus::New).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AmountPartRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AmountPart {
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    amount: Option<Amount>,
    status: AmountStatus,
}

/// The unchecked wire form of an [`AmountPart`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct AmountPartRepr {
    #[serde(default)]
    amount: Option<Amount>,
    status: AmountStatus,
}

#[cfg(feature = "serde")]
impl TryFrom<AmountPartRepr> for AmountPart {
    type Error = InvestError;

    fn try_from(repr: AmountPartRepr) -> Result<AmountPart> {
        match repr.amount {
            Some(amount) => Ok(AmountPart::new(amount, repr.status)),
            None => AmountPart::unknown(repr.status),
        }
    }
}

impl AmountPart {
    /// A part of `amount` with `status`.
    ///
    /// See [`AmountPart`] for an example.
    pub fn new(amount: Amount, status: AmountStatus) -> AmountPart {
        AmountPart {
            amount: Some(amount),
            status,
        }
    }

    /// A part whose amount is not yet known.
    ///
    /// # Errors
    /// [`InvestError::AmountRequired`] unless `status` is pending or
    /// possibly missing ([`AmountStatus::may_be_unknown`]).
    ///
    /// See [`AmountPart`] for an example.
    pub fn unknown(status: AmountStatus) -> Result<AmountPart> {
        if !status.may_be_unknown() {
            return Err(InvestError::AmountRequired {
                status: status.word(),
            });
        }
        Ok(AmountPart {
            amount: None,
            status,
        })
    }

    /// The amount; 0 when it is not yet known.
    ///
    /// See [`AmountPart`] for an example.
    pub fn amount(&self) -> Amount {
        self.amount.unwrap_or(Amount::ZERO)
    }

    /// The amount, `None` when it is not yet known.
    ///
    /// See [`AmountPart`] for an example.
    pub fn known_amount(&self) -> Option<Amount> {
        self.amount
    }

    /// Whether the amount is known.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::{AmountPart, AmountStatus};
    /// assert!(!AmountPart::unknown(AmountStatus::PossiblyMissing)?.is_known());
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn is_known(&self) -> bool {
        self.amount.is_some()
    }

    /// The status.
    ///
    /// See [`AmountPart`] for an example.
    pub fn status(&self) -> &AmountStatus {
        &self.status
    }
}

/// One year's amount (*investeringsutgift*): a single part, or a decided part
/// plus an additional part (a cell split into "already decided" +
/// "additional"). The total is the sum of the parts.
///
/// # Example
/// ```
/// use namnd_invest::{AmountStatus, YearAmount};
/// use namnd_core::Amount;
/// let single = YearAmount::single(Amount::from_tkr(1_000)?, AmountStatus::Decided);
/// assert_eq!(single.total()?, Amount::from_tkr(1_000)?);
/// let split = YearAmount::split(Amount::from_tkr(1_000)?, Amount::from_tkr(250)?, AmountStatus::New)?;
/// assert_eq!(split.total()?, Amount::from_tkr(1_250)?);
/// assert_eq!(split.additional().map(|p| p.amount()), Some(Amount::from_tkr(250)?));
/// assert!(YearAmount::split(Amount::from_tkr(1)?, Amount::from_tkr(1)?, AmountStatus::Decided).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "YearAmountRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct YearAmount {
    base: AmountPart,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    additional: Option<AmountPart>,
}

/// The unchecked wire form of a [`YearAmount`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct YearAmountRepr {
    base: AmountPart,
    #[serde(default)]
    additional: Option<AmountPart>,
}

#[cfg(feature = "serde")]
impl TryFrom<YearAmountRepr> for YearAmount {
    type Error = InvestError;

    fn try_from(repr: YearAmountRepr) -> Result<YearAmount> {
        match repr.additional {
            None => Ok(YearAmount {
                base: repr.base,
                additional: None,
            }),
            Some(_) if !repr.base.status.is_decided() => Err(InvestError::SplitBaseNotDecided {
                status: repr.base.status.word().to_owned(),
            }),
            Some(extra) if extra.status.is_decided() => Err(InvestError::DecidedAdditionalPart),
            Some(extra) => Ok(YearAmount {
                base: repr.base,
                additional: Some(extra),
            }),
        }
    }
}

impl YearAmount {
    /// One amount with one status.
    ///
    /// See [`YearAmount`] for an example.
    pub fn single(amount: Amount, status: AmountStatus) -> YearAmount {
        YearAmount {
            base: AmountPart::new(amount, status),
            additional: None,
        }
    }

    /// A decided part plus an additional part with its own status.
    ///
    /// # Errors
    /// [`InvestError::DecidedAdditionalPart`] if `additional_status` is
    /// [`AmountStatus::Decided`].
    ///
    /// See [`YearAmount`] for an example.
    pub fn split(
        decided: Amount,
        additional: Amount,
        additional_status: AmountStatus,
    ) -> Result<YearAmount> {
        if additional_status.is_decided() {
            return Err(InvestError::DecidedAdditionalPart);
        }
        Ok(YearAmount {
            base: AmountPart::new(decided, AmountStatus::Decided),
            additional: Some(AmountPart::new(additional, additional_status)),
        })
    }

    /// One part whose amount is not yet known (an empty cell), with a
    /// pending or possibly-missing status; it counts as 0 in totals.
    ///
    /// # Errors
    /// [`InvestError::AmountRequired`] for any other status.
    ///
    /// # Example
    /// ```
    /// use namnd_invest::{AmountStatus, YearAmount};
    /// use namnd_core::Amount;
    /// let missing = YearAmount::without_amount(AmountStatus::PossiblyMissing)?;
    /// assert_eq!((missing.total()?, missing.is_known()), (Amount::ZERO, false));
    /// assert!(YearAmount::without_amount(AmountStatus::Decided).is_err());
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn without_amount(status: AmountStatus) -> Result<YearAmount> {
        Ok(YearAmount {
            base: AmountPart::unknown(status)?,
            additional: None,
        })
    }

    /// Whether every part's amount is known.
    ///
    /// See [`YearAmount::without_amount`] for an example.
    pub fn is_known(&self) -> bool {
        self.parts().all(AmountPart::is_known)
    }

    /// The first (or only) part; for a split amount, the decided part.
    ///
    /// See [`YearAmount`] for an example.
    pub fn base(&self) -> &AmountPart {
        &self.base
    }

    /// The additional part of a split amount.
    ///
    /// See [`YearAmount`] for an example.
    pub fn additional(&self) -> Option<&AmountPart> {
        self.additional.as_ref()
    }

    /// The parts, base first.
    ///
    /// See [`YearAmount`] for an example.
    pub fn parts(&self) -> impl Iterator<Item = &AmountPart> {
        core::iter::once(&self.base).chain(self.additional.as_ref())
    }

    /// The total: the sum of the parts (a part not yet known counts as 0).
    ///
    /// # Errors
    /// [`InvestError::Overflow`] if the sum leaves the decimal range.
    ///
    /// See [`YearAmount`] for an example.
    pub fn total(&self) -> Result<Amount> {
        match &self.additional {
            None => Ok(self.base.amount()),
            Some(extra) => self
                .base
                .amount()
                .checked_add(extra.amount())
                .map_err(overflow(|| "total of a split year amount".to_owned())),
        }
    }
}

// ---------------------------------------------------------------- UsefulLife

/// A useful life (*nyttjandeperiod*) in whole years, 1 to
/// [`UsefulLife::MAX_YEARS`].
///
/// # Example
/// ```
/// use namnd_invest::UsefulLife;
/// let life = UsefulLife::try_new(10)?;
/// assert_eq!((life.years(), life.months()), (10, 120));
/// assert!(UsefulLife::try_new(0).is_err() && UsefulLife::try_new(-5).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "i64", into = "u32"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "u32"))]
pub struct UsefulLife(u32);

impl UsefulLife {
    /// The longest useful life accepted, 200 years.
    ///
    /// See [`UsefulLife`] for an example.
    pub const MAX_YEARS: u32 = 200;

    /// A useful life of `years` years.
    ///
    /// # Errors
    /// [`InvestError::InvalidUsefulLife`] unless `1 ≤ years ≤ 200`.
    ///
    /// See [`UsefulLife`] for an example.
    pub fn try_new(years: i64) -> Result<UsefulLife> {
        u32::try_from(years)
            .ok()
            .filter(|y| (1..=Self::MAX_YEARS).contains(y))
            .map(UsefulLife)
            .ok_or(InvestError::InvalidUsefulLife { years })
    }

    /// The years.
    ///
    /// See [`UsefulLife`] for an example.
    pub fn years(self) -> u32 {
        self.0
    }

    /// The months (years × 12).
    ///
    /// See [`UsefulLife`] for an example.
    pub fn months(self) -> u32 {
        self.0.saturating_mul(12)
    }
}

impl TryFrom<i64> for UsefulLife {
    type Error = InvestError;

    fn try_from(years: i64) -> Result<UsefulLife> {
        UsefulLife::try_new(years)
    }
}

impl From<UsefulLife> for u32 {
    fn from(life: UsefulLife) -> u32 {
        life.0
    }
}

/// A component of an asset depreciated over its own life, e.g. the building
/// body over 40 years and its installations over 20 (*komponentavskrivning*).
///
/// Components are set through the API
/// ([`RequestBuilder::component`]) or, with the `serde` feature, in a
/// request's JSON (`components`); the CSV importer has no column for them
/// (a request table states one useful life per request), so an imported
/// request is depreciated as one component over its *nyttjandeperiod*.
///
/// # Example
/// ```
/// use namnd_invest::{Component, UsefulLife};
/// use namnd_core::Amount;
/// let body = Component::new("Stomme", Amount::from_tkr(6_000)?, UsefulLife::try_new(40)?)?;
/// assert_eq!((body.name(), body.life().years()), ("Stomme", 40));
/// assert!(Component::new("Tak", Amount::from_tkr(-1)?, UsefulLife::try_new(30)?).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ComponentRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Component {
    name: String,
    amount: Amount,
    life: UsefulLife,
}

/// The unchecked wire form of a [`Component`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ComponentRepr {
    name: String,
    amount: Amount,
    life: UsefulLife,
}

#[cfg(feature = "serde")]
impl TryFrom<ComponentRepr> for Component {
    type Error = InvestError;

    fn try_from(repr: ComponentRepr) -> Result<Component> {
        Component::new(repr.name, repr.amount, repr.life)
    }
}

impl Component {
    /// A component named `name` of `amount` (not negative) depreciated over
    /// `life`.
    ///
    /// # Errors
    /// [`InvestError::NegativeInvestment`] for a negative amount.
    ///
    /// See [`Component`] for an example.
    pub fn new(name: impl Into<String>, amount: Amount, life: UsefulLife) -> Result<Component> {
        if amount.is_negative() {
            return Err(InvestError::NegativeInvestment { amount });
        }
        Ok(Component {
            name: name.into(),
            amount,
            life,
        })
    }

    /// The name.
    ///
    /// See [`Component`] for an example.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The amount.
    ///
    /// See [`Component`] for an example.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn amount(&self) -> Amount {
        self.amount
    }

    /// The useful life.
    ///
    /// See [`Component`] for an example.
    pub fn life(&self) -> UsefulLife {
        self.life
    }
}

/// When operation starts (*driftstart*): a year, or a range of years when
/// the request gives one ("2026–2027").
///
/// # Example
/// ```
/// use namnd_invest::DriftStart;
/// use namnd_core::FiscalYear;
/// let y = |n| FiscalYear::try_new(n);
/// let range = DriftStart::range(y(2026)?, y(2027)?)?;
/// assert_eq!(range.first_year(), y(2026)?);
/// assert!(DriftStart::range(y(2027)?, y(2026)?).is_err());
/// # Ok::<(), namnd_invest::InvestError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "DriftStartRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DriftStart {
    first: FiscalYear,
    last: FiscalYear,
}

/// The unchecked wire form of a [`DriftStart`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct DriftStartRepr {
    first: FiscalYear,
    last: FiscalYear,
}

#[cfg(feature = "serde")]
impl TryFrom<DriftStartRepr> for DriftStart {
    type Error = InvestError;

    fn try_from(repr: DriftStartRepr) -> Result<DriftStart> {
        DriftStart::range(repr.first, repr.last)
    }
}

impl DriftStart {
    /// Operation starts in `year`.
    ///
    /// See [`DriftStart`] for an example.
    pub fn year(year: FiscalYear) -> DriftStart {
        DriftStart {
            first: year,
            last: year,
        }
    }

    /// Operation starts some time from `first` to `last`.
    ///
    /// # Errors
    /// [`InvestError::InvalidDriftRange`] if `last` is before `first`.
    ///
    /// See [`DriftStart`] for an example.
    pub fn range(first: FiscalYear, last: FiscalYear) -> Result<DriftStart> {
        if last < first {
            return Err(InvestError::InvalidDriftRange {
                first: first.year(),
                last: last.year(),
            });
        }
        Ok(DriftStart { first, last })
    }

    /// The first year (the year operating costs are counted from).
    ///
    /// See [`DriftStart`] for an example.
    pub fn first_year(self) -> FiscalYear {
        self.first
    }

    /// The last year of the range (= the first for a single year).
    ///
    /// See [`DriftStart`] for an example.
    pub fn last_year(self) -> FiscalYear {
        self.last
    }
}

// -------------------------------------------------------- InvestmentRequest

/// An investment request (*investeringsäskande*): the summary row and the
/// description sheet of one investment.
///
/// Built with [`InvestmentRequest::builder`], validated by
/// [`RequestBuilder::build`]. The stated operating costs exclude capital
/// costs, which [`crate::capital`] computes from the amounts, the activation
/// date and the useful life.
///
/// # Example
/// ```
/// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, UsefulLife, YearAmount};
/// use namnd_core::{Amount, FiscalYear};
/// use chrono::NaiveDate;
///
/// let request = InvestmentRequest::builder(RequestId::try_new("1:12")?, "Ombyggnad Violen")
///     .responsible_committee("Vård- och omsorgsnämnden")
///     .executing_committee("Samhällsbyggnadsnämnden")
///     .amount(FiscalYear::try_new(2025)?, YearAmount::single(Amount::from_tkr(600)?, AmountStatus::Decided))
///     .amount(FiscalYear::try_new(2026)?, YearAmount::single(Amount::from_tkr(400)?, AmountStatus::New))
///     .spending_starts(NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)
///     .activation(NaiveDate::from_ymd_opt(2026, 7, 1).ok_or("date")?)
///     .useful_life(UsefulLife::try_new(10)?)
///     .build()?;
/// assert_eq!(request.investment()?, Amount::from_tkr(1_000)?);
/// assert_eq!((request.id().as_str(), request.name()), ("1:12", "Ombyggnad Violen"));
/// assert_eq!(request.executing_committee(), Some("Samhällsbyggnadsnämnden"));
/// assert_ne!(request.responsible_committee(), request.executing_committee());
/// assert_eq!(request.amount(FiscalYear::try_new(2026)?).map(|a| a.base().status()), Some(&AmountStatus::New));
/// assert_eq!(request.useful_life().map(UsefulLife::years), Some(10));
/// assert!(request.components().is_empty() && request.drift_start().is_none());
///
/// let err = InvestmentRequest::builder(RequestId::try_new("1:13")?, "Larm")
///     .spending_starts(NaiveDate::from_ymd_opt(2025, 3, 1).ok_or("date")?)
///     .activation(NaiveDate::from_ymd_opt(2024, 12, 1).ok_or("date")?)
///     .build()
///     .err()
///     .ok_or("activation before spending was accepted")?;
/// assert_eq!(err.to_string(), "request 1:13 is activated on 2024-12-01, before spending starts on 2025-03-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RequestBuilder"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct InvestmentRequest {
    id: RequestId,
    name: String,
    responsible_committee: Option<String>,
    executing_committee: Option<String>,
    description: Option<String>,
    need: Option<String>,
    amounts: BTreeMap<FiscalYear, YearAmount>,
    spending_starts: Option<NaiveDate>,
    activation: Option<NaiveDate>,
    drift_start: Option<DriftStart>,
    operating_cost_during_project: Option<Amount>,
    operating_cost_after_activation: Option<Amount>,
    useful_life: Option<UsefulLife>,
    components: Vec<Component>,
}

/// The builder of an [`InvestmentRequest`]; every setter takes the value as
/// is, [`RequestBuilder::build`] validates the whole. With the `serde`
/// feature it is also the wire form of a request (the same field names), so
/// deserialising validates.
///
/// See [`InvestmentRequest`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RequestBuilder {
    id: RequestId,
    name: String,
    #[cfg_attr(feature = "serde", serde(default))]
    responsible_committee: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    executing_committee: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    description: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    need: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "year_list::deserialize")
    )]
    #[cfg_attr(
        feature = "schemars",
        schemars(with = "BTreeMap<FiscalYear, YearAmount>")
    )]
    amounts: Vec<(FiscalYear, YearAmount)>,
    #[cfg_attr(feature = "serde", serde(default))]
    spending_starts: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default))]
    activation: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default))]
    drift_start: Option<DriftStart>,
    #[cfg_attr(feature = "serde", serde(default))]
    operating_cost_during_project: Option<Amount>,
    #[cfg_attr(feature = "serde", serde(default))]
    operating_cost_after_activation: Option<Amount>,
    #[cfg_attr(feature = "serde", serde(default))]
    useful_life: Option<UsefulLife>,
    #[cfg_attr(feature = "serde", serde(default))]
    components: Vec<Component>,
}

/// Reads the `amounts` map of a request as a list, so that the builder sees
/// (and rejects) nothing silently; a JSON object cannot hold a key twice
/// after parsing anyway.
#[cfg(feature = "serde")]
mod year_list {
    use super::{FiscalYear, YearAmount};
    use std::collections::BTreeMap;

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(FiscalYear, YearAmount)>, D::Error> {
        let map: BTreeMap<FiscalYear, YearAmount> = serde::Deserialize::deserialize(deserializer)?;
        Ok(map.into_iter().collect())
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RequestBuilder> for InvestmentRequest {
    type Error = InvestError;

    fn try_from(builder: RequestBuilder) -> Result<InvestmentRequest> {
        builder.build()
    }
}

impl RequestBuilder {
    /// The responsible committee (*ansvarig nämnd*).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn responsible_committee(mut self, committee: impl Into<String>) -> Self {
        self.responsible_committee = Some(committee.into());
        self
    }

    /// The executing committee (*nämnd som utför*), e.g. the building
    /// committee that rebuilds a home for the social committee.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn executing_committee(mut self, committee: impl Into<String>) -> Self {
        self.executing_committee = Some(committee.into());
        self
    }

    /// The description (*beskrivning*), kept as written.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The need and consequences (*behov*, *konsekvenser*), kept as written.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn need(mut self, text: impl Into<String>) -> Self {
        self.need = Some(text.into());
        self
    }

    /// The amount for `year` (a year given twice is an error in
    /// [`build`](Self::build)).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn amount(mut self, year: FiscalYear, amount: YearAmount) -> Self {
        self.amounts.push((year, amount));
        self
    }

    /// When spending starts (*utgift uppstår*).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn spending_starts(mut self, date: NaiveDate) -> Self {
        self.spending_starts = Some(date);
        self
    }

    /// When the asset is activated (*aktiveras*): capital costs are charged
    /// from then.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn activation(mut self, date: NaiveDate) -> Self {
        self.activation = Some(date);
        self
    }

    /// When operation starts (*driftstart*).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn drift_start(mut self, start: DriftStart) -> Self {
        self.drift_start = Some(start);
        self
    }

    /// Operating cost during the project (*driftkostnad i projektet*).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn operating_cost_during_project(mut self, cost: Amount) -> Self {
        self.operating_cost_during_project = Some(cost);
        self
    }

    /// Operating cost per year after activation (*driftkostnad efter
    /// driftstart*), excluding capital costs.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn operating_cost_after_activation(mut self, cost: Amount) -> Self {
        self.operating_cost_after_activation = Some(cost);
        self
    }

    /// The useful life of the whole asset (used when it has no components).
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn useful_life(mut self, life: UsefulLife) -> Self {
        self.useful_life = Some(life);
        self
    }

    /// A component with its own life; the components must add up to the
    /// investment.
    ///
    /// See [`InvestmentRequest`] for an example.
    #[must_use]
    pub fn component(mut self, component: Component) -> Self {
        self.components.push(component);
        self
    }

    /// Validates and builds the request.
    ///
    /// # Errors
    /// - [`InvestError::BlankText`] for a blank name;
    /// - [`InvestError::DuplicateYear`] for a year given twice;
    /// - [`InvestError::ActivationBeforeSpending`] if the activation date is
    ///   before spending starts;
    /// - [`InvestError::ComponentsDoNotSum`] if there are components and they
    ///   do not add up to the sum of the year amounts;
    /// - [`InvestError::Overflow`] if a sum leaves the decimal range.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn build(self) -> Result<InvestmentRequest> {
        let request = self.id.quoted();
        if self.name.trim().is_empty() {
            return Err(InvestError::BlankText {
                request,
                field: "name",
            });
        }
        let mut amounts = BTreeMap::new();
        for (year, amount) in self.amounts {
            if amounts.insert(year, amount).is_some() {
                return Err(InvestError::DuplicateYear {
                    request,
                    year: year.year(),
                });
            }
        }
        if let (Some(spending_starts), Some(activation)) = (self.spending_starts, self.activation)
            && activation < spending_starts
        {
            return Err(InvestError::ActivationBeforeSpending {
                request,
                activation,
                spending_starts,
            });
        }
        let built = InvestmentRequest {
            id: self.id,
            name: self.name,
            responsible_committee: self.responsible_committee,
            executing_committee: self.executing_committee,
            description: self.description,
            need: self.need,
            amounts,
            spending_starts: self.spending_starts,
            activation: self.activation,
            drift_start: self.drift_start,
            operating_cost_during_project: self.operating_cost_during_project,
            operating_cost_after_activation: self.operating_cost_after_activation,
            useful_life: self.useful_life,
            components: self.components,
        };
        if !built.components.is_empty() {
            let investment = built.investment()?;
            let components = Amount::try_sum(built.components.iter().map(Component::amount))
                .map_err(overflow(|| {
                    format!("sum of the components of request {request}")
                }))?;
            if components != investment {
                return Err(InvestError::ComponentsDoNotSum {
                    request,
                    components,
                    investment,
                });
            }
        }
        Ok(built)
    }
}

impl InvestmentRequest {
    /// A builder for the request `id` named `name` (*benämning*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn builder(id: RequestId, name: impl Into<String>) -> RequestBuilder {
        RequestBuilder {
            id,
            name: name.into(),
            responsible_committee: None,
            executing_committee: None,
            description: None,
            need: None,
            amounts: Vec::new(),
            spending_starts: None,
            activation: None,
            drift_start: None,
            operating_cost_during_project: None,
            operating_cost_after_activation: None,
            useful_life: None,
            components: Vec::new(),
        }
    }

    /// The id.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn id(&self) -> &RequestId {
        &self.id
    }

    /// The name (*benämning*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The responsible committee (*ansvarig nämnd*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn responsible_committee(&self) -> Option<&str> {
        self.responsible_committee.as_deref()
    }

    /// The executing committee (*nämnd som utför*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn executing_committee(&self) -> Option<&str> {
        self.executing_committee.as_deref()
    }

    /// The description, as written.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The need and consequences, as written.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn need(&self) -> Option<&str> {
        self.need.as_deref()
    }

    /// The amounts per year.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn amounts(&self) -> &BTreeMap<FiscalYear, YearAmount> {
        &self.amounts
    }

    /// The amount for `year`, if any.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn amount(&self, year: FiscalYear) -> Option<&YearAmount> {
        self.amounts.get(&year)
    }

    /// When spending starts (*utgift uppstår*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn spending_starts(&self) -> Option<NaiveDate> {
        self.spending_starts
    }

    /// When the asset is activated (*aktiveras*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn activation(&self) -> Option<NaiveDate> {
        self.activation
    }

    /// When operation starts (*driftstart*).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn drift_start(&self) -> Option<DriftStart> {
        self.drift_start
    }

    /// Operating cost during the project (kept; not part of
    /// [`crate::capital::budget_consequence`]).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn operating_cost_during_project(&self) -> Option<Amount> {
        self.operating_cost_during_project
    }

    /// Operating cost per year after activation, excluding capital costs.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn operating_cost_after_activation(&self) -> Option<Amount> {
        self.operating_cost_after_activation
    }

    /// The useful life of the whole asset.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn useful_life(&self) -> Option<UsefulLife> {
        self.useful_life
    }

    /// The components (empty when the asset is depreciated as one).
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// The investment: the sum of the year totals.
    ///
    /// # Errors
    /// [`InvestError::Overflow`] if the sum leaves the decimal range.
    ///
    /// See [`InvestmentRequest`] for an example.
    pub fn investment(&self) -> Result<Amount> {
        self.amounts.values().try_fold(Amount::ZERO, |sum, amount| {
            sum.checked_add(amount.total()?).map_err(overflow(|| {
                format!("investment of request {}", self.id.quoted())
            }))
        })
    }

    /// What capital costs are computed on: the components, or the whole
    /// investment as one component named after the request.
    ///
    /// # Errors
    /// [`InvestError::MissingField`] (`useful life`) without components and
    /// without a useful life; [`InvestError::NegativeInvestment`] if the
    /// investment is negative; [`InvestError::Overflow`].
    ///
    /// # Example
    /// ```
    /// use namnd_invest::{AmountStatus, InvestmentRequest, RequestId, UsefulLife, YearAmount};
    /// use namnd_core::{Amount, FiscalYear};
    /// let request = InvestmentRequest::builder(RequestId::try_new("2:1")?, "Möbler")
    ///     .amount(FiscalYear::try_new(2025)?, YearAmount::single(Amount::from_tkr(300)?, AmountStatus::New))
    ///     .useful_life(UsefulLife::try_new(10)?)
    ///     .build()?;
    /// let parts = request.depreciable_components()?;
    /// assert_eq!((parts.len(), parts[0].amount()), (1, Amount::from_tkr(300)?));
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn depreciable_components(&self) -> Result<Vec<Component>> {
        if !self.components.is_empty() {
            return Ok(self.components.clone());
        }
        let life = self.useful_life.ok_or_else(|| InvestError::MissingField {
            request: self.id.quoted(),
            field: "useful life",
        })?;
        Ok(vec![Component::new(
            self.name.clone(),
            self.investment()?,
            life,
        )?])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(s: &str) -> RequestId {
        RequestId::try_new(s).unwrap()
    }

    fn year(y: i32) -> FiscalYear {
        FiscalYear::try_new(y).unwrap()
    }

    #[test]
    fn ids_order_numbers_by_value() {
        let mut ids = [id("1:12"), id("2:1"), id("1:2"), id("1:1"), id("10:1")];
        ids.sort();
        let texts: Vec<&str> = ids.iter().map(RequestId::as_str).collect();
        assert_eq!(texts, ["1:1", "1:2", "1:12", "2:1", "10:1"]);
    }

    #[test]
    fn ids_with_leading_zeros_fall_back_to_text() {
        assert_eq!(id("1:02").cmp(&id("1:2")), "1:02".cmp("1:2"));
        assert_ne!(id("1:02"), id("1:2"));
    }

    #[test]
    fn id_with_personnummer_is_rejected_masked() {
        let err = RequestId::try_new("1:1 19121212-1212").unwrap_err();
        assert!(!err.to_string().contains("1212-1212"), "{err}");
    }

    #[test]
    fn id_with_a_control_character_is_rejected() {
        let err = RequestId::try_new("1:\u{0}1").unwrap_err();
        assert_eq!(
            err,
            InvestError::InvalidRequestId {
                id: "1:\\u{0}1".into(),
                problem: namnd_core::IdTextProblem::ControlCharacter,
            }
        );
    }

    #[test]
    fn id_longer_than_64_characters_is_rejected() {
        assert_eq!(id(&"1".repeat(64)).as_str().len(), 64);
        let err = RequestId::try_new("1".repeat(65)).unwrap_err();
        assert!(
            matches!(
                err,
                InvestError::InvalidRequestId {
                    problem: namnd_core::IdTextProblem::TooLong { max_chars: 64 },
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .ends_with("\" is not usable: it is longer than 64 characters"),
            "{err}"
        );
    }

    #[test]
    fn blank_id_and_personnummer_keep_their_errors() {
        assert_eq!(
            RequestId::try_new(" \t ").unwrap_err(),
            InvestError::EmptyRequestId
        );
        assert_eq!(
            RequestId::try_new(" 1:1 19121212-1212 ").unwrap_err(),
            InvestError::PersonalDataInRequestId {
                id: "1:1 [personnummer]".into()
            }
        );
    }

    #[test]
    fn pending_keeps_its_note() {
        let status = AmountStatus::parse("Väntar", Some(" kalkyl ")).unwrap();
        assert_eq!(
            status,
            AmountStatus::Pending {
                note: "kalkyl".into()
            }
        );
    }

    #[test]
    fn unknown_status_names_the_word() {
        let err = AmountStatus::parse("gul", None).unwrap_err();
        assert!(err.to_string().starts_with("status \"gul\" is unknown"));
    }

    #[test]
    fn year_given_twice_is_rejected() {
        let one = YearAmount::single(Amount::from_kr(1), AmountStatus::New);
        let err = InvestmentRequest::builder(id("1:1"), "x")
            .amount(year(2025), one.clone())
            .amount(year(2025), one)
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            InvestError::DuplicateYear {
                request: "1:1".into(),
                year: 2025
            }
        );
    }

    #[test]
    fn components_must_sum_to_the_investment() {
        let life = UsefulLife::try_new(20).unwrap();
        let err = InvestmentRequest::builder(id("3:1"), "Hus")
            .amount(
                year(2025),
                YearAmount::single(Amount::from_kr(1_000), AmountStatus::New),
            )
            .component(Component::new("Stomme", Amount::from_kr(700), life).unwrap())
            .component(Component::new("Installationer", Amount::from_kr(200), life).unwrap())
            .build()
            .unwrap_err();
        assert!(
            matches!(err, InvestError::ComponentsDoNotSum { components, .. } if components == Amount::from_kr(900))
        );
    }

    #[test]
    fn activation_on_the_day_spending_starts_is_allowed() {
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        assert!(
            InvestmentRequest::builder(id("1:1"), "x")
                .spending_starts(day)
                .activation(day)
                .build()
                .is_ok()
        );
    }

    #[test]
    fn split_total_is_the_sum_of_its_parts() {
        let split = YearAmount::split(
            Amount::from_kr(700),
            Amount::from_kr(-50),
            AmountStatus::Changed,
        )
        .unwrap();
        assert_eq!(split.total().unwrap(), Amount::from_kr(650));
        assert_eq!(split.parts().count(), 2);
    }

    #[cfg(feature = "serde")]
    fn sample() -> InvestmentRequest {
        InvestmentRequest::builder(id("1:12"), "Violen")
            .responsible_committee("VON")
            .amount(
                year(2025),
                YearAmount::split(
                    Amount::from_kr(1_000),
                    Amount::from_kr(250),
                    AmountStatus::Pending {
                        note: "kalkyl".into(),
                    },
                )
                .unwrap(),
            )
            .spending_starts(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
            .activation(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
            .drift_start(DriftStart::year(year(2025)))
            .useful_life(UsefulLife::try_new(10).unwrap())
            .build()
            .unwrap()
    }

    #[cfg(feature = "serde")]
    #[test]
    fn request_round_trips_through_json() {
        let request = sample();
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["amounts"]["2025"]["additional"]["amount"], "250");
        let back: InvestmentRequest = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_validates_the_request() {
        let mut json = serde_json::to_value(sample()).unwrap();
        json["activation"] = "2024-12-31".into();
        let err = serde_json::from_value::<InvestmentRequest>(json).unwrap_err();
        assert!(
            err.to_string()
                .contains("request 1:12 is activated on 2024-12-31"),
            "{err}"
        );

        let mut json = serde_json::to_value(sample()).unwrap();
        json["useful_life"] = 0.into();
        assert!(serde_json::from_value::<InvestmentRequest>(json).is_err());

        let mut json = serde_json::to_value(sample()).unwrap();
        json["id"] = " ".into();
        assert!(serde_json::from_value::<InvestmentRequest>(json).is_err());

        let split = serde_json::json!({
            "base": { "amount": "1", "status": "new" },
            "additional": { "amount": "1", "status": "new" }
        });
        assert!(serde_json::from_value::<YearAmount>(split).is_err());
        let range = serde_json::json!({ "first": "2027", "last": "2026" });
        assert!(serde_json::from_value::<DriftStart>(range).is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_split_whose_base_is_not_decided_is_split_base_not_decided() {
        let split = serde_json::json!({
            "base": { "amount": "1", "status": "new" },
            "additional": { "amount": "1", "status": "changed" }
        });
        let err = serde_json::from_value::<YearAmount>(split).unwrap_err();
        assert!(
            err.to_string().contains(
                &InvestError::SplitBaseNotDecided {
                    status: "nytt".into()
                }
                .to_string()
            ),
            "{err}"
        );
        let decided_extra = serde_json::json!({
            "base": { "amount": "1", "status": "decided" },
            "additional": { "amount": "1", "status": "decided" }
        });
        let err = serde_json::from_value::<YearAmount>(decided_extra).unwrap_err();
        assert!(
            err.to_string()
                .contains(&InvestError::DecidedAdditionalPart.to_string()),
            "{err}"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn amount_not_yet_known_round_trips_and_needs_a_pending_or_missing_status() {
        let missing = YearAmount::without_amount(AmountStatus::PossiblyMissing).unwrap();
        let json = serde_json::to_value(&missing).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "base": { "status": "possibly-missing" } })
        );
        assert_eq!(serde_json::from_value::<YearAmount>(json).unwrap(), missing);
        let new_without_amount = serde_json::json!({ "base": { "status": "new" } });
        let err = serde_json::from_value::<YearAmount>(new_without_amount).unwrap_err();
        assert!(err.to_string().contains("must be given"), "{err}");
    }

    #[test]
    fn only_pending_or_possibly_missing_amounts_may_be_unknown() {
        assert!(
            YearAmount::without_amount(AmountStatus::Pending {
                note: String::new()
            })
            .is_ok()
        );
        assert!(YearAmount::without_amount(AmountStatus::PossiblyMissing).is_ok());
        for status in [
            AmountStatus::Decided,
            AmountStatus::New,
            AmountStatus::Changed,
        ] {
            assert!(matches!(
                YearAmount::without_amount(status),
                Err(InvestError::AmountRequired { .. })
            ));
        }
    }

    proptest! {
        #[test]
        fn id_order_is_a_total_order_consistent_with_eq(
            a in "[0-9]{1,3}(:[0-9]{1,3})?[a-c]?",
            b in "[0-9]{1,3}(:[0-9]{1,3})?[a-c]?",
        ) {
            let (a, b) = (id(&a), id(&b));
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
        }
    }
}
