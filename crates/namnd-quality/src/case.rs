//! Lex Sarah and Lex Maria cases (*lex Sarah-ärenden*, *lex Maria-ärenden*):
//! the case, its dated history, internal deadlines and the funnel statistics
//! committee reports print ("7 reports, of which 2 reported to IVO, 4 judged
//! less serious, 1 passed to the MAS").
//!
//! | Question | Answer |
//! |---|---|
//! | What is a case? | [`QualityCase`]: [`CaseId`] (never a personnummer), unit ([`OrgUnit`]), [`Regime`], [`CaseCategory`] checked against [`CaseCategories`], event, discovery and report dates, who received the report ([`ReceiverRole`]), and a dated history of [`CaseEvent`]s |
//! | What happened to it? | [`CaseEventKind`]: investigation started / finished, [`Assessment`], reported to IVO, [`IvoOutcome`], redirected to another [`Regime`], closed |
//! | Where does it stand? | [`QualityCase::status`] ([`CaseStatus`]), [`QualityCase::regime`] (after any redirect), [`QualityCase::funnel_outcome`] ([`FunnelOutcome`]) |
//! | Is it late? | [`QualityCase::overdue`] against the municipality's [`InternalDeadlines`], giving [`Overdue`] |
//! | What do the committee papers say? | [`SarahFunnel::compute`] for a [`FunnelScope`] (regime, period, units), [`SarahFunnel::published`] (small counts suppressed), [`FunnelChange`] (year over year), [`case_table`] by [`CaseAxis`] (unit, category, outcome, year, month, open/closed, reported to IVO) for [`namnd_calc::suppress`] |
//!
//! ## The rules of a history
//! [`QualityCase::push_event`] keeps the events in date order (events on the
//! same day in the order added) and checks the whole history after every
//! addition; a rejected event leaves the case unchanged, and the error
//! ([`QualityError::CaseHistory`]) names the case id, the field and the rule
//! ([`CaseProblem`]).
//!
//! | Rule | Problem when broken |
//! |---|---|
//! | event date ≤ discovery date ≤ report received date | [`CaseProblem::AfterDiscovery`], [`CaseProblem::AfterReceived`] |
//! | no history event before the report (*rapport*) was received; so an IVO report can never predate the report | [`CaseProblem::BeforeReceived`] |
//! | an investigation is started at most once per regime, and finished once, after it started | [`CaseProblem::AlreadyStarted`], [`CaseProblem::NotStarted`], [`CaseProblem::AlreadyFinished`] |
//! | an assessment needs a started investigation (it may come before the investigation is finished); at most one per regime | [`CaseProblem::NotStarted`], [`CaseProblem::AlreadyAssessed`] |
//! | a report to IVO needs a regime and an assessment as serious; at most one | [`CaseProblem::NoRegime`], [`CaseProblem::NotAssessedSerious`], [`CaseProblem::AlreadyReported`] |
//! | an IVO decision comes after the report to IVO; at most one | [`CaseProblem::DecisionBeforeReport`], [`CaseProblem::AlreadyDecided`] |
//! | a redirect goes to another regime, and not after a report to IVO (IVO's case then settles the regime) | [`CaseProblem::SameRegime`], [`CaseProblem::AfterIvoReport`] |
//! | nothing follows the closing | [`CaseProblem::AfterClosing`] |
//!
//! **Assessment before investigation?** Decided: not allowed. The law asks
//! the provider to investigate and then assess; a report found at once to be
//! no Lex Sarah matter is *redirected* (to another regime, or to
//! [`Regime::None`] for a staff matter) or closed, without an assessment, as
//! Oxelösund did with the report passed to the MAS in 2021.
//!
//! A redirect starts the new regime afresh: its investigation, assessment and
//! IVO report are checked on their own, and the redirect stays in the
//! history, so the statistics can count it the way the reports do.
//!
//! ## Example
//! A Lex Sarah case from report to IVO decision:
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::OrgUnit;
//! use namnd_quality::case::{
//!     Assessment, CaseCategories, CaseEventKind, CaseId, CaseStatus, FunnelOutcome, IvoOutcome,
//!     QualityCase, ReceiverRole, Regime, SarahLaw,
//! };
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2021, m, day).ok_or("date");
//! let categories = CaseCategories::new(["bemötande", "utebliven insats"])?;
//! let id = CaseId::new("LS-2021-03")?;
//! let mut case = QualityCase::new(
//!     id.clone(),
//!     OrgUnit::new("ÄF-HT")?,
//!     Regime::LexSarah { law: SarahLaw::Sol },
//!     categories.category(&id, "utebliven insats")?,
//!     d(3, 2)?,
//!     ReceiverRole::Sas,
//! );
//! case.push_event(d(3, 3)?, CaseEventKind::InvestigationStarted)?;
//! case.push_event(d(3, 12)?, CaseEventKind::InvestigationFinished { measures: Some(6) })?;
//! case.push_event(d(3, 12)?, CaseEventKind::Assessed(Assessment::Serious))?;
//! case.push_event(d(3, 15)?, CaseEventKind::ReportedToIvo)?;
//! assert_eq!(case.status(), CaseStatus::ReportedToIvo);
//! case.push_event(d(6, 1)?, CaseEventKind::IvoDecision(IvoOutcome::ClosedWithoutCriticism))?;
//! case.push_event(d(6, 2)?, CaseEventKind::Closed)?;
//! assert_eq!(case.status(), CaseStatus::Closed);
//! assert_eq!(case.funnel_outcome(), FunnelOutcome::ReportedToIvo);
//!
//! // An IVO decision dated before the report to IVO is refused.
//! let mut other = case.clone();
//! let err = other.push_event(d(3, 14)?, CaseEventKind::IvoDecision(IvoOutcome::Criticism)).err().ok_or("expected an error")?;
//! assert_eq!(err.to_string(), "case LS-2021-03: ivo_decision on 2021-03-14 comes before the report to IVO");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use namnd_calc::suppress::{CountTable, PublishedCount, SmallCountPolicy, suppress_list};
use namnd_core::{Decimal, OrgUnit, Period};
use rust_decimal::RoundingStrategy;

use crate::{QualityError, Result};

/// How many characters of an input an error message echoes.
const ECHO_CHARS: usize = 80;

/// The longest case id (and case category code) accepted, in characters.
///
/// Both are checked with [`namnd_core::id_text`]: an id or code is rejected
/// when empty, longer than this, holding a control character or holding
/// something shaped like an identity number, in that order.
pub const MAX_CASE_ID_CHARS: usize = 64;

/// Text fit for an error message (identity numbers masked, controls escaped, cut).
fn quoted(text: &str) -> String {
    namnd_core::quote_for_message(text, ECHO_CHARS)
}

// ------------------------------------------------------------------- CaseId

/// A case's own id (*diarienummer* or register id), as the case system writes
/// it.
///
/// Never a personnummer: [`CaseId::new`] rejects text that looks like one,
/// without echoing it. Serialised as its text, and checked again when
/// deserialised.
///
/// # Example
/// ```
/// use namnd_quality::case::CaseId;
/// assert_eq!(CaseId::new(" LS-2021-03 ")?.as_str(), "LS-2021-03");
/// assert!(CaseId::new("19121212-1212").is_err());
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CaseId(String);

impl CaseId {
    /// A non-empty id (trimmed) of at most [`MAX_CASE_ID_CHARS`] (64)
    /// characters, without control characters, that does not look like a
    /// personnummer.
    ///
    /// # Errors
    /// [`QualityError::InvalidCaseId`]; the id itself is not echoed.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseId;
    /// let err = CaseId::new("case 121212-1212").err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), "case id is not usable: it looks like a personal identity number");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: &str) -> Result<Self> {
        namnd_core::id_text(id, MAX_CASE_ID_CHARS)
            .map(|id| CaseId(id.to_owned()))
            .map_err(|reason| QualityError::InvalidCaseId { reason })
    }

    /// The id's text.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseId;
    /// assert_eq!(CaseId::new("17")?.as_str(), "17");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as error messages echo it: through
    /// [`namnd_core::quote_for_message`] (anything shaped like an identity
    /// number masked, controls escaped, cut at 64 characters).
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseId;
    /// assert_eq!(CaseId::new("LS-1")?.for_message(), "LS-1");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn for_message(&self) -> String {
        namnd_core::quote_for_message(&self.0, MAX_CASE_ID_CHARS)
    }
}

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<CaseId> for String {
    fn from(id: CaseId) -> String {
        id.0
    }
}

impl TryFrom<String> for CaseId {
    type Error = QualityError;

    fn try_from(s: String) -> Result<CaseId> {
        CaseId::new(&s)
    }
}

// ------------------------------------------------------------------- Regime

/// The act a Lex Sarah case falls under: SoL (*socialtjänstlagen*, social
/// services) or LSS (support for persons with certain disabilities).
///
/// # Example
/// ```
/// use namnd_quality::case::SarahLaw;
/// assert_eq!(SarahLaw::Lss.to_string(), "LSS");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum SarahLaw {
    /// Socialtjänstlagen (SoL).
    #[cfg_attr(feature = "serde", serde(rename = "SoL"))]
    Sol,
    /// Lagen om stöd och service till vissa funktionshindrade (LSS).
    #[cfg_attr(feature = "serde", serde(rename = "LSS"))]
    Lss,
}

impl fmt::Display for SarahLaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SarahLaw::Sol => "SoL",
            SarahLaw::Lss => "LSS",
        })
    }
}

/// The regime a case is handled under. It can change during an
/// investigation ([`CaseEventKind::Redirected`]): the MAS takes a Lex Sarah
/// report over as a possible Lex Maria, a Lex Maria event turns out to be a
/// Lex Sarah matter, or either turns out to be a staff matter
/// ([`Regime::None`]).
///
/// # Example
/// ```
/// use namnd_quality::case::{Regime, SarahLaw};
/// assert_eq!(Regime::LexSarah { law: SarahLaw::Sol }.to_string(), "lex Sarah (SoL)");
/// assert_eq!(Regime::LexMaria.to_string(), "lex Maria");
/// assert!(Regime::None.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Regime {
    /// *Lex Sarah* (SoL 14 kap. / LSS 24 a–g §§): wrongdoing (*missförhållande*)
    /// or a clear risk of it in social care.
    LexSarah {
        /// SoL or LSS.
        law: SarahLaw,
    },
    /// *Lex Maria* (PSL 3 kap.): an event in health care that caused or could
    /// have caused serious care injury (*allvarlig vårdskada*).
    LexMaria,
    /// Neither: for example a staff matter (*personalärende*) or an ordinary
    /// incident report.
    None,
}

impl Regime {
    /// Whether this is [`Regime::None`].
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::Regime;
    /// assert!(!Regime::LexMaria.is_none());
    /// ```
    #[must_use]
    pub fn is_none(self) -> bool {
        self == Regime::None
    }

    /// Whether this is Lex Sarah under either act.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::{Regime, SarahLaw};
    /// assert!(Regime::LexSarah { law: SarahLaw::Lss }.is_lex_sarah());
    /// ```
    #[must_use]
    pub fn is_lex_sarah(self) -> bool {
        matches!(self, Regime::LexSarah { .. })
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Regime::LexSarah { law } => write!(f, "lex Sarah ({law})"),
            Regime::LexMaria => f.write_str("lex Maria"),
            Regime::None => f.write_str("no regime"),
        }
    }
}

/// Who received the staff report: a role, never a name.
///
/// # Example
/// ```
/// use namnd_quality::case::ReceiverRole;
/// assert_eq!(ReceiverRole::Mas.to_string(), "MAS");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ReceiverRole {
    /// *Socialt ansvarig samordnare* (SAS): socially responsible coordinator.
    Sas,
    /// *Medicinskt ansvarig sjuksköterska* (MAS): medically responsible nurse.
    Mas,
    /// *Enhetschef* or another manager.
    Manager,
}

impl fmt::Display for ReceiverRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReceiverRole::Sas => "SAS",
            ReceiverRole::Mas => "MAS",
            ReceiverRole::Manager => "manager",
        })
    }
}

// --------------------------------------------------------------- categories

/// A case category code (e.g. `bemötande`, `utebliven insats`): non-empty, at
/// most 64 characters, no control characters, nothing shaped like a
/// personnummer. Whether it is in use is checked by [`CaseCategories`].
///
/// # Example
/// ```
/// use namnd_quality::case::CaseCategory;
/// assert_eq!(CaseCategory::new(" bemötande ")?.as_str(), "bemötande");
/// assert!(CaseCategory::new("").is_err());
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CaseCategory(String);

impl CaseCategory {
    /// A category code (trimmed), checked like a [`CaseId`]: rejected when
    /// empty, longer than [`MAX_CASE_ID_CHARS`] (64) characters, holding a
    /// control character or holding something shaped like an identity
    /// number.
    ///
    /// # Errors
    /// [`QualityError::InvalidCaseCategory`].
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategory;
    /// let err = CaseCategory::new("x\ty").err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), r#"case category "x\u{9}y" is not usable: it contains a control character"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(code: &str) -> Result<Self> {
        namnd_core::id_text(code, MAX_CASE_ID_CHARS)
            .map(|code| CaseCategory(code.to_owned()))
            .map_err(|reason| QualityError::InvalidCaseCategory {
                code: quoted(code.trim()),
                reason,
            })
    }

    /// The code's text.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategory;
    /// assert_eq!(CaseCategory::new("fall")?.as_str(), "fall");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<CaseCategory> for String {
    fn from(c: CaseCategory) -> String {
        c.0
    }
}

impl TryFrom<String> for CaseCategory {
    type Error = QualityError;

    fn try_from(s: String) -> Result<CaseCategory> {
        CaseCategory::new(&s)
    }
}

/// The municipality's list of case categories (configurable: each
/// municipality uses its own). Codes are compared exactly, after trimming.
///
/// With `serde` the list is an array of codes, checked again when read.
///
/// # Example
/// ```
/// use namnd_quality::case::{CaseCategories, CaseId};
/// let categories = CaseCategories::new(["bemötande", "utebliven insats"])?;
/// let id = CaseId::new("LS-1")?;
/// assert_eq!(categories.category(&id, "bemötande")?.as_str(), "bemötande");
/// let err = categories.category(&id, "okänd").err().ok_or("expected an error")?;
/// assert_eq!(err.to_string(), r#"case LS-1: category "okänd" is not in the category list"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "Vec<CaseCategory>", try_from = "Vec<CaseCategory>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "Vec<CaseCategory>"))]
pub struct CaseCategories {
    codes: Vec<CaseCategory>,
}

impl CaseCategories {
    /// A list of the codes given, in order.
    ///
    /// # Errors
    /// [`QualityError::InvalidCaseCategory`] for an unusable code,
    /// [`QualityError::DuplicateCaseCategory`] for a code given twice.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// assert!(CaseCategories::new(["a", "a"]).is_err());
    /// assert_eq!(CaseCategories::new(["a", "b"])?.len(), 2);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn new<I, S>(codes: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let codes = codes
            .into_iter()
            .map(|c| CaseCategory::new(c.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        Self::try_from(codes)
    }

    /// The category with `code` for the case `id`.
    ///
    /// # Errors
    /// [`QualityError::UnknownCaseCategory`] if the code is not in the list.
    ///
    /// # Example
    /// See [`CaseCategories`].
    pub fn category(&self, id: &CaseId, code: &str) -> Result<CaseCategory> {
        let code = code.trim();
        self.codes
            .iter()
            .find(|c| c.as_str() == code)
            .cloned()
            .ok_or_else(|| QualityError::UnknownCaseCategory {
                id: id.for_message(),
                code: quoted(code),
            })
    }

    /// Whether `code` is in the list.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// assert!(CaseCategories::new(["fall"])?.contains("fall"));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        let code = code.trim();
        self.codes.iter().any(|c| c.as_str() == code)
    }

    /// Checks that the category of `case` (for example one read with
    /// `serde`, which checks the code's form only) is in the list.
    ///
    /// # Errors
    /// [`QualityError::UnknownCaseCategory`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-1")?, OrgUnit::new("HT")?, Regime::LexMaria, CaseCategory::new("fall")?,
    ///     NaiveDate::from_ymd_opt(2022, 1, 3).ok_or("date")?, ReceiverRole::Mas,
    /// );
    /// assert!(CaseCategories::new(["fall"])?.check(&case).is_ok());
    /// assert!(CaseCategories::new(["läkemedel"])?.check(&case).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, case: &QualityCase) -> Result<()> {
        self.category(case.id(), case.category().as_str()).map(drop)
    }

    /// The codes, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// assert_eq!(CaseCategories::new(["a"])?.codes()[0].as_str(), "a");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn codes(&self) -> &[CaseCategory] {
        &self.codes
    }

    /// The number of codes.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// assert_eq!(CaseCategories::new(["a", "b"])?.len(), 2);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the list is empty (then every category is unknown).
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// assert!(CaseCategories::new(Vec::<String>::new())?.is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

impl TryFrom<Vec<CaseCategory>> for CaseCategories {
    type Error = QualityError;

    fn try_from(codes: Vec<CaseCategory>) -> Result<CaseCategories> {
        let mut seen = BTreeSet::new();
        for code in &codes {
            if !seen.insert(code.as_str()) {
                return Err(QualityError::DuplicateCaseCategory {
                    code: quoted(code.as_str()),
                });
            }
        }
        Ok(CaseCategories { codes })
    }
}

impl From<CaseCategories> for Vec<CaseCategory> {
    fn from(c: CaseCategories) -> Vec<CaseCategory> {
        c.codes
    }
}

/// What a Lex Sarah report is about: a wrongdoing that happened
/// (*missförhållande*) or a clear risk of one (*påtaglig risk för
/// missförhållande*). The law treats both alike (investigate, assess, report
/// serious ones to IVO); committee reports often count them apart. For Lex
/// Maria the same two kinds are a care injury and a risk of one.
///
/// # Example
/// ```
/// use namnd_quality::case::ReportKind;
/// assert_eq!(ReportKind::default(), ReportKind::Missforhallande);
/// assert_eq!(ReportKind::PatagligRisk.to_string(), "påtaglig risk för missförhållande");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum ReportKind {
    /// *Missförhållande*: a wrongdoing that has happened (the default).
    #[default]
    Missforhallande,
    /// *Påtaglig risk för missförhållande*: a clear risk of wrongdoing.
    PatagligRisk,
}

impl ReportKind {
    /// Both kinds, in the order reports print them.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::ReportKind;
    /// assert_eq!(ReportKind::ALL, [ReportKind::Missforhallande, ReportKind::PatagligRisk]);
    /// ```
    pub const ALL: [ReportKind; 2] = [ReportKind::Missforhallande, ReportKind::PatagligRisk];
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReportKind::Missforhallande => "missförhållande",
            ReportKind::PatagligRisk => "påtaglig risk för missförhållande",
        })
    }
}

// ------------------------------------------------------------------ history

/// The provider's assessment (*bedömning*) after investigation.
///
/// # Example
/// ```
/// use namnd_quality::case::Assessment;
/// assert_eq!(Assessment::LessSerious.to_string(), "mindre allvarlig");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Assessment {
    /// *Allvarligt missförhållande* / *allvarlig vårdskada*: serious; to be
    /// reported to IVO as soon as possible.
    Serious,
    /// *Mindre allvarlig*: less serious; handled by the unit.
    LessSerious,
    /// *Inget missförhållande* (no wrongdoing) / no care injury: nothing wrong
    /// was found.
    NotAMissforhallande,
}

impl fmt::Display for Assessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Assessment::Serious => "allvarlig",
            Assessment::LessSerious => "mindre allvarlig",
            Assessment::NotAMissforhallande => "inget missförhållande",
        })
    }
}

/// IVO's decision (*IVO:s beslut*) on a report, as a closed list: the
/// decision's text stays in the case system (it may name people), so
/// [`IvoOutcome::Other`] carries no text.
///
/// # Example
/// ```
/// use namnd_quality::case::IvoOutcome;
/// assert_eq!(IvoOutcome::ClosedWithoutCriticism.to_string(), "avslutat utan kritik");
/// assert_eq!(IvoOutcome::Injunction.to_string(), "föreläggande");
/// assert_eq!(IvoOutcome::from_register_text("Ärendet avslutas utan kritik"), Some(IvoOutcome::ClosedWithoutCriticism));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum IvoOutcome {
    /// Closed without criticism (e.g. "kommunen har fullgjort sin
    /// utredningsskyldighet": the municipality fulfilled its duty to
    /// investigate).
    ClosedWithoutCriticism,
    /// Closed with criticism (*kritik*).
    Criticism,
    /// An injunction (*föreläggande*, possibly with a fine, *vite*): the
    /// provider must remedy something by a date.
    Injunction,
    /// Any other decision (the text is not kept).
    Other,
}

impl IvoOutcome {
    /// Every outcome, in the order reports print them.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::IvoOutcome;
    /// assert_eq!(IvoOutcome::ALL.len(), 4);
    /// assert_eq!(IvoOutcome::ALL[3], IvoOutcome::Other);
    /// ```
    pub const ALL: [IvoOutcome; 4] = [
        IvoOutcome::ClosedWithoutCriticism,
        IvoOutcome::Criticism,
        IvoOutcome::Injunction,
        IvoOutcome::Other,
    ];

    /// The outcome a register's free text describes, found by keywords
    /// (ignoring case); the text itself is not kept. `None` for blank text.
    ///
    /// | Text contains | Outcome |
    /// |---|---|
    /// | `utan kritik`, `ingen kritik`, `fullgjort` | [`ClosedWithoutCriticism`](Self::ClosedWithoutCriticism) |
    /// | `föreläggande`, `förelägger`, `vite` | [`Injunction`](Self::Injunction) |
    /// | `kritik` (otherwise) | [`Criticism`](Self::Criticism) |
    /// | anything else | [`Other`](Self::Other) |
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::IvoOutcome;
    /// assert_eq!(IvoOutcome::from_register_text("Kritik"), Some(IvoOutcome::Criticism));
    /// assert_eq!(IvoOutcome::from_register_text("föreläggande med vite"), Some(IvoOutcome::Injunction));
    /// assert_eq!(IvoOutcome::from_register_text("överlämnat till annan myndighet"), Some(IvoOutcome::Other));
    /// assert_eq!(IvoOutcome::from_register_text("  "), None);
    /// ```
    #[must_use]
    pub fn from_register_text(text: &str) -> Option<IvoOutcome> {
        let text = text.trim().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if text.is_empty() {
            None
        } else if has(&["utan kritik", "ingen kritik", "fullgjort"]) {
            Some(IvoOutcome::ClosedWithoutCriticism)
        } else if has(&["föreläggande", "förelägger", "vite"]) {
            Some(IvoOutcome::Injunction)
        } else if has(&["kritik"]) {
            Some(IvoOutcome::Criticism)
        } else {
            Some(IvoOutcome::Other)
        }
    }
}

impl fmt::Display for IvoOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IvoOutcome::ClosedWithoutCriticism => "avslutat utan kritik",
            IvoOutcome::Criticism => "kritik",
            IvoOutcome::Injunction => "föreläggande",
            IvoOutcome::Other => "annat beslut",
        })
    }
}

/// What happened to a case on one date.
///
/// # Example
/// ```
/// use namnd_quality::case::{CaseEventKind, Regime};
/// assert_eq!(CaseEventKind::Redirected { to: Regime::LexMaria }.field(), "redirect");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CaseEventKind {
    /// The investigation (*utredning*) started.
    InvestigationStarted,
    /// The investigation finished.
    InvestigationFinished {
        /// The number of measures (*åtgärder*) in the action plan, if
        /// recorded. The measures' text stays in the case system.
        measures: Option<u32>,
    },
    /// The provider's assessment.
    Assessed(Assessment),
    /// Reported to IVO (*anmälan till IVO*).
    ReportedToIvo,
    /// IVO's decision on the report.
    IvoDecision(IvoOutcome),
    /// Handled under another regime from this date on.
    Redirected {
        /// The new regime.
        to: Regime,
    },
    /// The case was closed (*avslutat*).
    Closed,
}

impl CaseEventKind {
    /// The name of the field this event fills, as used in error messages
    /// (`investigation_started`, `investigation_finished`, `assessment`,
    /// `ivo_report`, `ivo_decision`, `redirect`, `closed`).
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseEventKind;
    /// assert_eq!(CaseEventKind::ReportedToIvo.field(), "ivo_report");
    /// ```
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            CaseEventKind::InvestigationStarted => "investigation_started",
            CaseEventKind::InvestigationFinished { .. } => "investigation_finished",
            CaseEventKind::Assessed(_) => "assessment",
            CaseEventKind::ReportedToIvo => "ivo_report",
            CaseEventKind::IvoDecision(_) => "ivo_decision",
            CaseEventKind::Redirected { .. } => "redirect",
            CaseEventKind::Closed => "closed",
        }
    }
}

/// One dated event of a case's history.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_quality::case::{CaseEvent, CaseEventKind};
/// let date = NaiveDate::from_ymd_opt(2021, 3, 3).ok_or("date")?;
/// let event = CaseEvent::new(date, CaseEventKind::InvestigationStarted);
/// assert_eq!((event.date(), event.kind()), (date, &CaseEventKind::InvestigationStarted));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CaseEvent {
    date: NaiveDate,
    kind: CaseEventKind,
}

impl CaseEvent {
    /// An event of `kind` on `date`.
    ///
    /// # Example
    /// See [`CaseEvent`].
    #[must_use]
    pub fn new(date: NaiveDate, kind: CaseEventKind) -> Self {
        CaseEvent { date, kind }
    }

    /// The date.
    ///
    /// # Example
    /// See [`CaseEvent`].
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What happened.
    ///
    /// # Example
    /// See [`CaseEvent`].
    #[must_use]
    pub fn kind(&self) -> &CaseEventKind {
        &self.kind
    }
}

/// Why an event or date does not fit a case's history
/// ([`QualityError::CaseHistory`]); the rules are in the
/// [module docs](self).
///
/// # Example
/// ```
/// use namnd_quality::case::CaseProblem;
/// assert_eq!(CaseProblem::AfterClosing.to_string(), "comes after the case was closed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CaseProblem {
    /// An event dated before the report was received.
    BeforeReceived {
        /// The date the report was received.
        received: NaiveDate,
    },
    /// An event date after the discovery date.
    AfterDiscovery {
        /// The discovery date.
        discovered: NaiveDate,
    },
    /// An event or discovery date after the report was received.
    AfterReceived {
        /// The date the report was received.
        received: NaiveDate,
    },
    /// A second investigation start under the same regime.
    AlreadyStarted,
    /// An investigation finished, or an assessment made, before the
    /// investigation started.
    NotStarted,
    /// A second finish of the same investigation.
    AlreadyFinished,
    /// A second assessment under the same regime.
    AlreadyAssessed,
    /// A report to IVO without an assessment as serious.
    NotAssessedSerious,
    /// A report to IVO while the case is under no regime.
    NoRegime,
    /// A second report to IVO.
    AlreadyReported,
    /// An IVO decision before (or without) the report to IVO.
    DecisionBeforeReport,
    /// A second IVO decision.
    AlreadyDecided,
    /// A redirect to the regime the case is already under.
    SameRegime,
    /// A redirect after the report to IVO.
    AfterIvoReport,
    /// Anything after the closing, including a second closing.
    AfterClosing,
    /// An event that would make a later event of the history break a rule
    /// (e.g. a closing dated before an investigation already recorded).
    Breaks {
        /// The field of the later event ([`CaseEventKind::field`]).
        field: &'static str,
        /// Its date.
        date: NaiveDate,
    },
}

impl fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseProblem::BeforeReceived { received } => {
                write!(f, "is before the report was received on {received}")
            }
            CaseProblem::AfterDiscovery { discovered } => {
                write!(f, "is after the discovery date {discovered}")
            }
            CaseProblem::AfterReceived { received } => {
                write!(f, "is after the report was received on {received}")
            }
            CaseProblem::AlreadyStarted => {
                f.write_str("comes after the investigation had already started")
            }
            CaseProblem::NotStarted => f.write_str("comes before the investigation started"),
            CaseProblem::AlreadyFinished => {
                f.write_str("comes after the investigation had already finished")
            }
            CaseProblem::AlreadyAssessed => {
                f.write_str("comes after the case had already been assessed")
            }
            CaseProblem::NotAssessedSerious => {
                f.write_str("comes without an assessment as serious")
            }
            CaseProblem::NoRegime => f.write_str("comes while the case is under no regime"),
            CaseProblem::AlreadyReported => {
                f.write_str("comes after the case had already been reported to IVO")
            }
            CaseProblem::DecisionBeforeReport => f.write_str("comes before the report to IVO"),
            CaseProblem::AlreadyDecided => f.write_str("comes after IVO had already decided"),
            CaseProblem::SameRegime => {
                f.write_str("redirects to the regime the case is already under")
            }
            CaseProblem::AfterIvoReport => f.write_str("comes after the report to IVO"),
            CaseProblem::AfterClosing => f.write_str("comes after the case was closed"),
            CaseProblem::Breaks { field, date } => {
                write!(f, "would break the history at the {field} on {date}")
            }
        }
    }
}

// ------------------------------------------------------------------- status

/// Where a case stands, derived from its history (under its current regime).
///
/// # Example
/// ```
/// use namnd_quality::case::CaseStatus;
/// assert_eq!(CaseStatus::ReportedToIvo.to_string(), "anmäld till IVO, inväntar beslut");
/// assert!(!CaseStatus::ReportedToIvo.is_closed());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CaseStatus {
    /// Received (*inkommen*); no investigation started.
    Received,
    /// Under investigation (*under utredning*), not yet assessed (the
    /// investigation itself may be finished).
    UnderInvestigation,
    /// Assessed (*bedömd*), not reported to IVO (yet: a serious one is due).
    Assessed,
    /// Reported to IVO, awaiting IVO's decision.
    ReportedToIvo,
    /// IVO has decided; the case is still open (follow-up of measures).
    IvoDecided,
    /// Closed (*avslutad*).
    Closed,
}

impl CaseStatus {
    /// Whether the case is closed.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseStatus;
    /// assert!(CaseStatus::Closed.is_closed());
    /// ```
    #[must_use]
    pub fn is_closed(self) -> bool {
        self == CaseStatus::Closed
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CaseStatus::Received => "inkommen",
            CaseStatus::UnderInvestigation => "under utredning",
            CaseStatus::Assessed => "bedömd",
            CaseStatus::ReportedToIvo => "anmäld till IVO, inväntar beslut",
            CaseStatus::IvoDecided => "beslut från IVO",
            CaseStatus::Closed => "avslutad",
        })
    }
}

/// Where a case ends up in the funnel of its *initial* regime, as the
/// committee reports count: each case in exactly one bucket.
///
/// | Bucket | When |
/// |---|---|
/// | [`Redirected`](Self::Redirected) | the history holds a redirect (first rule: a redirected case counts as passed on, whatever followed) |
/// | [`ReportedToIvo`](Self::ReportedToIvo) | reported to IVO |
/// | [`LessSerious`](Self::LessSerious) | assessed as less serious |
/// | [`NotAMissforhallande`](Self::NotAMissforhallande) | assessed as no wrongdoing |
/// | [`StillOpen`](Self::StillOpen) | open, and none of the above (not yet assessed, or serious and not yet reported) |
/// | [`ClosedWithoutOutcome`](Self::ClosedWithoutOutcome) | closed without any of the above (e.g. serious but never reported, which [`QualityCase::overdue`] also flags) |
///
/// # Example
/// ```
/// use namnd_quality::case::FunnelOutcome;
/// assert_eq!(FunnelOutcome::ALL.len(), 6);
/// assert_eq!(FunnelOutcome::Redirected.to_string(), "omdirigerad");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum FunnelOutcome {
    /// Reported to IVO as serious.
    ReportedToIvo,
    /// Judged less serious.
    LessSerious,
    /// Judged to be no wrongdoing.
    NotAMissforhallande,
    /// Redirected to another regime (e.g. passed to the MAS).
    Redirected,
    /// Still open, without an outcome yet.
    StillOpen,
    /// Closed without an outcome.
    ClosedWithoutOutcome,
}

impl FunnelOutcome {
    /// Every bucket, in the order reports print them.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::FunnelOutcome;
    /// let labels: Vec<String> = FunnelOutcome::ALL.iter().map(ToString::to_string).collect();
    /// assert_eq!(labels[0], "anmäld till IVO");
    /// assert_eq!(labels[5], "avslutad utan bedömning");
    /// ```
    pub const ALL: [FunnelOutcome; 6] = [
        FunnelOutcome::ReportedToIvo,
        FunnelOutcome::LessSerious,
        FunnelOutcome::NotAMissforhallande,
        FunnelOutcome::Redirected,
        FunnelOutcome::StillOpen,
        FunnelOutcome::ClosedWithoutOutcome,
    ];
}

impl fmt::Display for FunnelOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FunnelOutcome::ReportedToIvo => "anmäld till IVO",
            FunnelOutcome::LessSerious => "mindre allvarlig",
            FunnelOutcome::NotAMissforhallande => "inget missförhållande",
            FunnelOutcome::Redirected => "omdirigerad",
            FunnelOutcome::StillOpen => "pågående",
            FunnelOutcome::ClosedWithoutOutcome => "avslutad utan bedömning",
        })
    }
}

// --------------------------------------------------------------------- case

/// One Lex Sarah or Lex Maria case (*ärende*), with its history.
///
/// Holds no free text: the description of what happened (*händelse-
/// beskrivning*) is secret and stays in the case system. The fields are
/// private; [`QualityCase::push_event`] checks every event against the rules
/// in the [module docs](self).
///
/// With `serde`, a case is written with its history and checked again, event
/// by event, when read; the category's membership in a list is checked by
/// [`CaseCategories::check`].
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "QualityCaseRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct QualityCase {
    id: CaseId,
    unit: OrgUnit,
    regime: Regime,
    category: CaseCategory,
    #[cfg_attr(feature = "serde", serde(default))]
    event_date: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default))]
    discovery_date: Option<NaiveDate>,
    received: NaiveDate,
    receiver: ReceiverRole,
    #[cfg_attr(feature = "serde", serde(default))]
    report_kind: ReportKind,
    #[cfg_attr(feature = "serde", serde(default))]
    events: Vec<CaseEvent>,
}

/// What a [`QualityCase`] is read from before its checks.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "QualityCase"))]
struct QualityCaseRepr {
    id: CaseId,
    unit: OrgUnit,
    regime: Regime,
    category: CaseCategory,
    #[serde(default)]
    event_date: Option<NaiveDate>,
    #[serde(default)]
    discovery_date: Option<NaiveDate>,
    received: NaiveDate,
    receiver: ReceiverRole,
    #[serde(default)]
    report_kind: ReportKind,
    #[serde(default)]
    events: Vec<CaseEvent>,
}

#[cfg(feature = "serde")]
impl TryFrom<QualityCaseRepr> for QualityCase {
    type Error = QualityError;

    fn try_from(r: QualityCaseRepr) -> Result<QualityCase> {
        let mut case = QualityCase::new(r.id, r.unit, r.regime, r.category, r.received, r.receiver)
            .with_report_kind(r.report_kind);
        if let Some(date) = r.discovery_date {
            case = case.with_discovery_date(date)?;
        }
        if let Some(date) = r.event_date {
            case = case.with_event_date(date)?;
        }
        for event in r.events {
            case.push_event(event.date, event.kind)?;
        }
        Ok(case)
    }
}

/// The state a history leads to, replayed event by event.
#[derive(Debug, Clone, Default)]
struct Replay {
    /// The regime now (after the last redirect).
    regime: Option<Regime>,
    /// Under the current regime:
    started: bool,
    finished: bool,
    assessment: Option<Assessment>,
    reported: Option<NaiveDate>,
    decision: Option<IvoOutcome>,
    /// Over the whole history:
    redirected: bool,
    closed: Option<NaiveDate>,
    last_finished: Option<NaiveDate>,
}

impl Replay {
    /// Applies one event, or says which rule it breaks.
    fn apply(&mut self, received: NaiveDate, event: &CaseEvent) -> Option<CaseProblem> {
        if self.closed.is_some() {
            return Some(CaseProblem::AfterClosing);
        }
        if event.date < received {
            return Some(CaseProblem::BeforeReceived { received });
        }
        match &event.kind {
            CaseEventKind::InvestigationStarted => {
                if self.started {
                    return Some(CaseProblem::AlreadyStarted);
                }
                self.started = true;
            }
            CaseEventKind::InvestigationFinished { .. } => {
                if !self.started {
                    return Some(CaseProblem::NotStarted);
                }
                if self.finished {
                    return Some(CaseProblem::AlreadyFinished);
                }
                self.finished = true;
                self.last_finished = Some(event.date);
            }
            CaseEventKind::Assessed(assessment) => {
                if !self.started {
                    return Some(CaseProblem::NotStarted);
                }
                if self.assessment.is_some() {
                    return Some(CaseProblem::AlreadyAssessed);
                }
                self.assessment = Some(*assessment);
            }
            CaseEventKind::ReportedToIvo => {
                if self.regime.is_some_and(Regime::is_none) {
                    return Some(CaseProblem::NoRegime);
                }
                if self.reported.is_some() {
                    return Some(CaseProblem::AlreadyReported);
                }
                if self.assessment != Some(Assessment::Serious) {
                    return Some(CaseProblem::NotAssessedSerious);
                }
                self.reported = Some(event.date);
            }
            CaseEventKind::IvoDecision(outcome) => {
                if self.reported.is_none() {
                    return Some(CaseProblem::DecisionBeforeReport);
                }
                if self.decision.is_some() {
                    return Some(CaseProblem::AlreadyDecided);
                }
                self.decision = Some(*outcome);
            }
            CaseEventKind::Redirected { to } => {
                if self.regime == Some(*to) {
                    return Some(CaseProblem::SameRegime);
                }
                if self.reported.is_some() {
                    return Some(CaseProblem::AfterIvoReport);
                }
                *self = Replay {
                    regime: Some(*to),
                    redirected: true,
                    closed: self.closed,
                    last_finished: self.last_finished,
                    ..Replay::default()
                };
            }
            CaseEventKind::Closed => self.closed = Some(event.date),
        }
        None
    }
}

impl QualityCase {
    /// A case received on `received` by `receiver`, without events and
    /// without event or discovery dates.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let case = QualityCase::new(
    ///     CaseId::new("LM-2022-1")?, OrgUnit::new("HSE")?, Regime::LexMaria,
    ///     CaseCategory::new("vård och behandling")?,
    ///     NaiveDate::from_ymd_opt(2022, 5, 3).ok_or("date")?, ReceiverRole::Mas,
    /// );
    /// assert_eq!(case.status(), CaseStatus::Received);
    /// assert_eq!(case.regime(), Regime::LexMaria);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(
        id: CaseId,
        unit: OrgUnit,
        regime: Regime,
        category: CaseCategory,
        received: NaiveDate,
        receiver: ReceiverRole,
    ) -> Self {
        QualityCase {
            id,
            unit,
            regime,
            category,
            event_date: None,
            discovery_date: None,
            received,
            receiver,
            report_kind: ReportKind::Missforhallande,
            events: Vec::new(),
        }
    }

    /// The case with its [`ReportKind`] (new cases are
    /// [`ReportKind::Missforhallande`]).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-1")?, OrgUnit::new("HT")?, Regime::LexSarah { law: SarahLaw::Sol },
    ///     CaseCategory::new("bemötande")?, NaiveDate::from_ymd_opt(2022, 5, 3).ok_or("date")?,
    ///     ReceiverRole::Sas,
    /// )
    /// .with_report_kind(ReportKind::PatagligRisk);
    /// assert_eq!(case.report_kind(), ReportKind::PatagligRisk);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_report_kind(mut self, kind: ReportKind) -> Self {
        self.report_kind = kind;
        self
    }

    /// What the report is about: a wrongdoing or a clear risk of one.
    ///
    /// # Example
    /// See [`QualityCase::with_report_kind`].
    #[must_use]
    pub fn report_kind(&self) -> ReportKind {
        self.report_kind
    }

    /// The case with the date of the event itself (*händelsedatum*).
    ///
    /// # Errors
    /// [`QualityError::CaseHistory`] (field `event_date`) if the date is after
    /// the discovery date or after the report was received.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexSarah { law: SarahLaw::Sol },
    ///     CaseCategory::new("bemötande")?, d(5, 3)?, ReceiverRole::Manager,
    /// );
    /// assert_eq!(case.clone().with_event_date(d(5, 1)?)?.event_date(), Some(d(5, 1)?));
    /// let err = case.with_event_date(d(5, 4)?).err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), "case LS-9: event_date on 2022-05-04 is after the report was received on 2022-05-03");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_event_date(mut self, date: NaiveDate) -> Result<Self> {
        if let Some(discovered) = self.discovery_date
            && date > discovered
        {
            return Err(self.problem(
                "event_date",
                date,
                CaseProblem::AfterDiscovery { discovered },
            ));
        }
        if date > self.received {
            let received = self.received;
            return Err(self.problem("event_date", date, CaseProblem::AfterReceived { received }));
        }
        self.event_date = Some(date);
        Ok(self)
    }

    /// The case with the date the matter was discovered (*upptäcktsdatum*).
    ///
    /// # Errors
    /// [`QualityError::CaseHistory`] (field `discovery_date`) if the date is
    /// after the report was received, or before the event date
    /// ([`CaseProblem::AfterDiscovery`], reported on the discovery date).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexSarah { law: SarahLaw::Sol },
    ///     CaseCategory::new("bemötande")?, d(5, 3)?, ReceiverRole::Manager,
    /// )
    /// .with_discovery_date(d(5, 2)?)?;
    /// assert_eq!(case.discovery_date(), Some(d(5, 2)?));
    /// assert!(case.with_event_date(d(5, 3)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_discovery_date(mut self, date: NaiveDate) -> Result<Self> {
        if date > self.received {
            let received = self.received;
            return Err(self.problem(
                "discovery_date",
                date,
                CaseProblem::AfterReceived { received },
            ));
        }
        if let Some(event) = self.event_date
            && event > date
        {
            return Err(self.problem(
                "event_date",
                event,
                CaseProblem::AfterDiscovery { discovered: date },
            ));
        }
        self.discovery_date = Some(date);
        Ok(self)
    }

    /// Adds an event on `date`, kept in date order (after events of the same
    /// day), and checks the whole history again.
    ///
    /// # Errors
    /// [`QualityError::CaseHistory`] naming the case id, the field of the
    /// event being added ([`CaseEventKind::field`]) and its date, and the
    /// rule ([`CaseProblem`]); when the new event makes a *later* event
    /// break a rule, the problem is [`CaseProblem::Breaks`] naming that
    /// event. The case is then unchanged.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let mut case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexSarah { law: SarahLaw::Lss },
    ///     CaseCategory::new("bemötande")?, d(5, 3)?, ReceiverRole::Sas,
    /// );
    /// let err = case.push_event(d(5, 2)?, CaseEventKind::InvestigationStarted).err().ok_or("expected an error")?;
    /// assert_eq!(
    ///     err.to_string(),
    ///     "case LS-9: investigation_started on 2022-05-02 is before the report was received on 2022-05-03"
    /// );
    /// assert!(case.events().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push_event(&mut self, date: NaiveDate, kind: CaseEventKind) -> Result<()> {
        let field = kind.field();
        let mut events = self.events.clone();
        let at = events.partition_point(|e| e.date <= date);
        events.insert(at, CaseEvent::new(date, kind));
        match self.first_problem(&events) {
            None => {
                self.events = events;
                Ok(())
            }
            Some((index, problem)) if index == at => Err(self.problem(field, date, problem)),
            Some((index, _)) => {
                let (later_field, later_date) = events
                    .get(index)
                    .map_or((field, date), |e| (e.kind.field(), e.date));
                Err(self.problem(
                    field,
                    date,
                    CaseProblem::Breaks {
                        field: later_field,
                        date: later_date,
                    },
                ))
            }
        }
    }

    /// The same as [`push_event`](Self::push_event), by value.
    ///
    /// # Errors
    /// As [`push_event`](Self::push_event).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = NaiveDate::from_ymd_opt(2022, 5, 3).ok_or("date")?;
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexMaria,
    ///     CaseCategory::new("fall")?, d, ReceiverRole::Mas,
    /// )
    /// .with_event(d, CaseEventKind::Redirected { to: Regime::None })?
    /// .with_event(d, CaseEventKind::Closed)?;
    /// assert_eq!(case.regime(), Regime::None);
    /// assert_eq!(case.initial_regime(), Regime::LexMaria);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_event(mut self, date: NaiveDate, kind: CaseEventKind) -> Result<Self> {
        self.push_event(date, kind)?;
        Ok(self)
    }

    fn problem(&self, field: &'static str, date: NaiveDate, problem: CaseProblem) -> QualityError {
        QualityError::CaseHistory {
            id: self.id.for_message(),
            field,
            date,
            problem,
        }
    }

    /// The first event of `events` that breaks a rule, by index.
    fn first_problem(&self, events: &[CaseEvent]) -> Option<(usize, CaseProblem)> {
        let mut replay = self.start();
        for (index, event) in events.iter().enumerate() {
            if let Some(problem) = replay.apply(self.received, event) {
                return Some((index, problem));
            }
        }
        None
    }

    fn start(&self) -> Replay {
        Replay {
            regime: Some(self.regime),
            ..Replay::default()
        }
    }

    /// The history replayed (always valid: checked when events were added).
    fn replay(&self) -> Replay {
        let mut replay = self.start();
        for event in &self.events {
            // Checked on the way in; a problem cannot occur here.
            let _ = replay.apply(self.received, event);
        }
        replay
    }

    /// The case as it stood at the end of `date`: events after it left out.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexMaria,
    ///     CaseCategory::new("fall")?, d(5, 3)?, ReceiverRole::Mas,
    /// )
    /// .with_event(d(6, 1)?, CaseEventKind::Closed)?;
    /// assert_eq!(case.as_of(d(5, 31)?).status(), CaseStatus::Received);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_of(&self, date: NaiveDate) -> QualityCase {
        let mut case = self.clone();
        case.events.retain(|e| e.date <= date);
        case
    }

    /// The case id.
    ///
    /// # Example
    /// See [`QualityCase::new`].
    #[must_use]
    pub fn id(&self) -> &CaseId {
        &self.id
    }

    /// The unit the case concerns.
    ///
    /// # Example
    /// See [`QualityCase::new`].
    #[must_use]
    pub fn unit(&self) -> &OrgUnit {
        &self.unit
    }

    /// The category.
    ///
    /// # Example
    /// See [`QualityCase::new`].
    #[must_use]
    pub fn category(&self) -> &CaseCategory {
        &self.category
    }

    /// The regime the report was received under.
    ///
    /// # Example
    /// See [`QualityCase::with_event`].
    #[must_use]
    pub fn initial_regime(&self) -> Regime {
        self.regime
    }

    /// The regime now, after the last redirect.
    ///
    /// # Example
    /// See [`QualityCase::with_event`].
    #[must_use]
    pub fn regime(&self) -> Regime {
        self.replay().regime.unwrap_or(self.regime)
    }

    /// The regimes the case was redirected to, with dates, in order.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = NaiveDate::from_ymd_opt(2022, 5, 3).ok_or("date")?;
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexMaria,
    ///     CaseCategory::new("fall")?, d, ReceiverRole::Mas,
    /// )
    /// .with_event(d, CaseEventKind::Redirected { to: Regime::None })?;
    /// assert_eq!(case.redirects(), [(d, Regime::None)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn redirects(&self) -> Vec<(NaiveDate, Regime)> {
        self.events
            .iter()
            .filter_map(|e| match e.kind {
                CaseEventKind::Redirected { to } => Some((e.date, to)),
                _ => None,
            })
            .collect()
    }

    /// The date of the event itself, if recorded.
    ///
    /// # Example
    /// See [`QualityCase::with_event_date`].
    #[must_use]
    pub fn event_date(&self) -> Option<NaiveDate> {
        self.event_date
    }

    /// The date the matter was discovered, if recorded.
    ///
    /// # Example
    /// See [`QualityCase::with_discovery_date`].
    #[must_use]
    pub fn discovery_date(&self) -> Option<NaiveDate> {
        self.discovery_date
    }

    /// The date the report (*rapport*) was received.
    ///
    /// # Example
    /// See [`QualityCase::new`].
    #[must_use]
    pub fn received(&self) -> NaiveDate {
        self.received
    }

    /// Who received the report.
    ///
    /// # Example
    /// See [`QualityCase::new`].
    #[must_use]
    pub fn receiver(&self) -> ReceiverRole {
        self.receiver
    }

    /// The history, in date order.
    ///
    /// # Example
    /// See [`QualityCase::push_event`].
    #[must_use]
    pub fn events(&self) -> &[CaseEvent] {
        &self.events
    }

    /// Where the case stands now.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn status(&self) -> CaseStatus {
        let r = self.replay();
        if r.closed.is_some() {
            CaseStatus::Closed
        } else if r.decision.is_some() {
            CaseStatus::IvoDecided
        } else if r.reported.is_some() {
            CaseStatus::ReportedToIvo
        } else if r.assessment.is_some() {
            CaseStatus::Assessed
        } else if r.started {
            CaseStatus::UnderInvestigation
        } else {
            CaseStatus::Received
        }
    }

    /// The assessment under the current regime, if made.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn assessment(&self) -> Option<Assessment> {
        self.replay().assessment
    }

    /// The date of the report to IVO, if made.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn ivo_report_date(&self) -> Option<NaiveDate> {
        self.replay().reported
    }

    /// IVO's decision, if received.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn ivo_outcome(&self) -> Option<IvoOutcome> {
        self.replay().decision
    }

    /// The closing date, if closed.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn closed_date(&self) -> Option<NaiveDate> {
        self.replay().closed
    }

    /// Days from the report received to the last finished investigation
    /// (after a redirect, the investigation under the new regime); `None`
    /// while no investigation has finished.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexMaria,
    ///     CaseCategory::new("fall")?, d(5, 3)?, ReceiverRole::Mas,
    /// )
    /// .with_event(d(5, 4)?, CaseEventKind::InvestigationStarted)?
    /// .with_event(d(5, 20)?, CaseEventKind::InvestigationFinished { measures: None })?;
    /// assert_eq!(case.days_to_finished_investigation(), Some(17));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn days_to_finished_investigation(&self) -> Option<i64> {
        self.days_to_finished_under(None)
    }

    /// Days from the report received to the last investigation finished
    /// while the case was under a regime `filter` matches (any regime for
    /// `None`).
    fn days_to_finished_under(&self, filter: Option<RegimeFilter>) -> Option<i64> {
        let mut regime = self.regime;
        let mut last = None;
        for e in &self.events {
            match e.kind {
                CaseEventKind::Redirected { to } => regime = to,
                CaseEventKind::InvestigationFinished { .. }
                    if filter.is_none_or(|f| f.matches(regime)) =>
                {
                    last = Some(e.date);
                }
                _ => {}
            }
        }
        last.map(|d| (d - self.received).num_days())
    }

    /// The case's bucket in the funnel of its initial regime.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn funnel_outcome(&self) -> FunnelOutcome {
        let r = self.replay();
        if r.redirected {
            FunnelOutcome::Redirected
        } else if r.reported.is_some() {
            FunnelOutcome::ReportedToIvo
        } else {
            match (r.assessment, r.closed) {
                (Some(Assessment::LessSerious), _) => FunnelOutcome::LessSerious,
                (Some(Assessment::NotAMissforhallande), _) => FunnelOutcome::NotAMissforhallande,
                (_, None) => FunnelOutcome::StillOpen,
                (_, Some(_)) => FunnelOutcome::ClosedWithoutOutcome,
            }
        }
    }

    /// The internal deadlines this case missed, as of `as_of`: open ones
    /// past their due date (the due date itself is in time), and ones met
    /// late. Empty when nothing is late.
    ///
    /// | Deadline | From | Met by |
    /// |---|---|---|
    /// | [`DeadlineKind::InvestigationFinished`] | the report received; after a redirect to a regime (not [`Regime::None`]), the redirect date: the new regime's investigation starts afresh | the finished investigation under that regime; a redirect or the closing stops the clock too (the report left this track) |
    /// | [`DeadlineKind::ReportToIvo`] | an assessment as serious | the report to IVO under the same regime; a later redirect stops the clock; a case closed without a report stays overdue |
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::OrgUnit;
    /// use namnd_quality::case::*;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2022, m, day).ok_or("date");
    /// let case = QualityCase::new(
    ///     CaseId::new("LS-9")?, OrgUnit::new("HT")?, Regime::LexSarah { law: SarahLaw::Sol },
    ///     CaseCategory::new("bemötande")?, d(5, 2)?, ReceiverRole::Sas,
    /// )
    /// .with_event(d(5, 3)?, CaseEventKind::InvestigationStarted)?;
    /// let deadlines = InternalDeadlines::default(); // 14 and 7 days
    /// assert!(case.overdue(&deadlines, d(5, 16)?).is_empty()); // due 2022-05-16
    /// let late = case.overdue(&deadlines, d(5, 20)?);
    /// assert_eq!(late[0].kind, DeadlineKind::InvestigationFinished);
    /// assert_eq!((late[0].due, late[0].done, late[0].days_late), (d(5, 16)?, None, 4));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn overdue(&self, deadlines: &InternalDeadlines, as_of: NaiveDate) -> Vec<Overdue> {
        let mut found = Vec::new();
        // Investigation finished within N days of the report; after a
        // redirect to a regime, that regime's clock starts at the redirect.
        let mut clocks: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        let mut running = Some(self.received);
        for e in &self.events {
            match e.kind {
                CaseEventKind::InvestigationFinished { .. } | CaseEventKind::Closed => {
                    if let Some(start) = running.take() {
                        clocks.push((start, Some(e.date)));
                    }
                }
                CaseEventKind::Redirected { to } => {
                    if let Some(start) = running.take() {
                        clocks.push((start, Some(e.date)));
                    }
                    if !to.is_none() {
                        running = Some(e.date);
                    }
                }
                _ => {}
            }
        }
        if let Some(start) = running {
            clocks.push((start, None));
        }
        for (start, done) in clocks {
            if let Some(due) = add_days(start, deadlines.investigation_finished_within_days)
                && let Some(o) =
                    Overdue::check(DeadlineKind::InvestigationFinished, due, done, as_of)
            {
                found.push(o);
            }
        }
        // Report to IVO within M days of an assessment as serious.
        let mut serious: Option<NaiveDate> = None;
        let mut report_checks = Vec::new();
        for e in &self.events {
            match e.kind {
                CaseEventKind::Assessed(Assessment::Serious) => serious = Some(e.date),
                CaseEventKind::ReportedToIvo => {
                    if let Some(from) = serious.take() {
                        report_checks.push((from, Some(e.date)));
                    }
                }
                CaseEventKind::Redirected { .. } => serious = None,
                _ => {}
            }
        }
        if let Some(from) = serious {
            report_checks.push((from, None));
        }
        for (from, done) in report_checks {
            if let Some(due) = add_days(from, deadlines.report_to_ivo_within_days_of_assessment)
                && let Some(o) = Overdue::check(DeadlineKind::ReportToIvo, due, done, as_of)
            {
                found.push(o);
            }
        }
        found
    }
}

/// `date` + `days`, or `None` past the end of the calendar.
fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

// ---------------------------------------------------------------- deadlines

/// The municipality's internal deadlines. The law only says "without delay"
/// (investigate) and "as soon as possible" (*snarast*, report to IVO), so
/// each municipality sets its own targets; these are data, not law.
///
/// The [`Default`] (14 days to finish the investigation after the report,
/// 7 days from an assessment as serious to the report to IVO) are **example
/// values**, not legal limits; set your own.
///
/// # Example
/// ```
/// use namnd_quality::case::InternalDeadlines;
/// let mut deadlines = InternalDeadlines::default();
/// assert_eq!(deadlines.investigation_finished_within_days, 14);
/// deadlines.report_to_ivo_within_days_of_assessment = 5;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct InternalDeadlines {
    /// Days from the report received to the finished investigation.
    pub investigation_finished_within_days: u32,
    /// Days from an assessment as serious to the report to IVO.
    pub report_to_ivo_within_days_of_assessment: u32,
}

impl Default for InternalDeadlines {
    fn default() -> Self {
        InternalDeadlines {
            investigation_finished_within_days: 14,
            report_to_ivo_within_days_of_assessment: 7,
        }
    }
}

/// Which internal deadline.
///
/// # Example
/// ```
/// use namnd_quality::case::DeadlineKind;
/// assert_eq!(DeadlineKind::ReportToIvo.to_string(), "report to IVO");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DeadlineKind {
    /// Investigation finished within N days of the report.
    InvestigationFinished,
    /// Report to IVO within M days of an assessment as serious.
    ReportToIvo,
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeadlineKind::InvestigationFinished => "investigation finished",
            DeadlineKind::ReportToIvo => "report to IVO",
        })
    }
}

/// A missed internal deadline ([`QualityCase::overdue`]).
///
/// # Example
/// See [`QualityCase::overdue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Overdue {
    /// Which deadline.
    pub kind: DeadlineKind,
    /// The last day in time.
    pub due: NaiveDate,
    /// When it was done, if it was (late); `None` while still open.
    pub done: Option<NaiveDate>,
    /// Days past `due`: to `done`, or to the `as_of` date while open.
    pub days_late: i64,
}

impl Overdue {
    fn check(
        kind: DeadlineKind,
        due: NaiveDate,
        done: Option<NaiveDate>,
        as_of: NaiveDate,
    ) -> Option<Overdue> {
        let end = match done {
            Some(done) if done <= as_of => done,
            _ => as_of,
        };
        let done = done.filter(|d| *d <= as_of);
        (end > due).then(|| Overdue {
            kind,
            due,
            done,
            days_late: (end - due).num_days(),
        })
    }
}

// ------------------------------------------------------------------- funnel

/// Which cases a funnel counts, by their *initial* regime.
///
/// # Example
/// ```
/// use namnd_quality::case::{RegimeFilter, Regime, SarahLaw};
/// assert!(RegimeFilter::LexSarah.matches(Regime::LexSarah { law: SarahLaw::Lss }));
/// assert!(!RegimeFilter::LexSarahUnder(SarahLaw::Sol).matches(Regime::LexSarah { law: SarahLaw::Lss }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RegimeFilter {
    /// Lex Sarah under SoL and LSS.
    LexSarah,
    /// Lex Sarah under one act.
    LexSarahUnder(SarahLaw),
    /// Lex Maria.
    LexMaria,
}

impl RegimeFilter {
    /// Whether `regime` is counted.
    ///
    /// # Example
    /// See [`RegimeFilter`].
    #[must_use]
    pub fn matches(self, regime: Regime) -> bool {
        match (self, regime) {
            (RegimeFilter::LexSarah, Regime::LexSarah { .. }) => true,
            (RegimeFilter::LexSarahUnder(want), Regime::LexSarah { law }) => want == law,
            (RegimeFilter::LexMaria, Regime::LexMaria) => true,
            _ => false,
        }
    }
}

/// What a funnel or a [`case_table`] counts: the regime, the period the
/// report was received in, optionally some units, and optionally a date the
/// histories are cut at ([`QualityCase::as_of`]; by default the whole
/// history as recorded).
///
/// # Example
/// ```
/// use namnd_core::{OrgUnit, Period};
/// use namnd_quality::case::{FunnelScope, RegimeFilter};
/// let scope = FunnelScope::new(RegimeFilter::LexSarah, "2021".parse::<Period>()?)
///     .with_units(vec![OrgUnit::new("ÄF")?]);
/// assert_eq!(scope.units().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelScope {
    regime: RegimeFilter,
    period: Period,
    units: Vec<OrgUnit>,
    as_of: Option<NaiveDate>,
}

impl FunnelScope {
    /// Cases of `regime` received in `period`, in every unit.
    ///
    /// # Example
    /// See [`FunnelScope`].
    #[must_use]
    pub fn new(regime: RegimeFilter, period: Period) -> Self {
        FunnelScope {
            regime,
            period,
            units: Vec::new(),
            as_of: None,
        }
    }

    /// Only cases in `units` (none given: every unit).
    ///
    /// # Example
    /// See [`FunnelScope`].
    #[must_use]
    pub fn with_units(mut self, units: Vec<OrgUnit>) -> Self {
        self.units = units;
        self
    }

    /// Histories cut at the end of `date`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::Period;
    /// use namnd_quality::case::{FunnelScope, RegimeFilter};
    /// let date = NaiveDate::from_ymd_opt(2022, 2, 28).ok_or("date")?;
    /// let scope = FunnelScope::new(RegimeFilter::LexMaria, "2021".parse::<Period>()?).with_as_of(date);
    /// assert_eq!(scope.as_of(), Some(date));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_as_of(mut self, date: NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// The regime counted.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    /// use namnd_quality::case::{FunnelScope, RegimeFilter};
    /// let scope = FunnelScope::new(RegimeFilter::LexMaria, "2021".parse::<Period>()?);
    /// assert_eq!(scope.regime(), RegimeFilter::LexMaria);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn regime(&self) -> RegimeFilter {
        self.regime
    }

    /// The period the reports were received in.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Period;
    /// use namnd_quality::case::{FunnelScope, RegimeFilter};
    /// let period: Period = "2021".parse()?;
    /// assert_eq!(FunnelScope::new(RegimeFilter::LexMaria, period).period(), period);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// The units counted (empty: every unit).
    ///
    /// # Example
    /// See [`FunnelScope`].
    #[must_use]
    pub fn units(&self) -> &[OrgUnit] {
        &self.units
    }

    /// The date histories are cut at, if any.
    ///
    /// # Example
    /// See [`FunnelScope::with_as_of`].
    #[must_use]
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    fn in_unit(&self, case: &QualityCase) -> bool {
        self.units.is_empty() || self.units.contains(case.unit())
    }

    /// The cases in scope, cut at `as_of`.
    fn select(&self, cases: &[QualityCase]) -> Vec<QualityCase> {
        cases
            .iter()
            .filter(|c| self.regime.matches(c.initial_regime()))
            .filter(|c| self.period.contains_date(c.received()))
            .filter(|c| self.in_unit(c))
            .map(|c| self.cut(c))
            .collect()
    }

    fn cut(&self, case: &QualityCase) -> QualityCase {
        match self.as_of {
            Some(date) => case.as_of(date),
            None => case.clone(),
        }
    }
}

/// IVO's decisions on the cases reported to it.
///
/// # Example
/// See [`SarahFunnel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct IvoOutcomes {
    /// Reported, no decision yet.
    pub awaiting: u64,
    /// Closed without criticism.
    pub without_criticism: u64,
    /// Criticism.
    pub criticism: u64,
    /// An injunction (*föreläggande*).
    pub injunction: u64,
    /// Any other decision.
    pub other: u64,
}

/// The funnel of the reports in a [`FunnelScope`], as committee reports
/// print it: "7 reports, of which 2 reported to IVO, 4 judged less serious,
/// 1 passed to the MAS". (Named after Lex Sarah, where the funnel is most
/// often printed; a Lex Maria scope gives the same figures for Lex Maria.)
///
/// **It reconciles**: `reports = reported_to_ivo + less_serious +
/// not_a_missforhallande + redirected + still_open + closed_without_outcome`
/// ([`FunnelOutcome`]), and `reports = open + closed`
/// ([`reconciles`](Self::reconciles)). `redirected_in` (cases redirected
/// *into* the regime, received in the period) is extra and not part of
/// either sum. The counts are raw; for the committee use
/// [`published`](Self::published).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::{OrgUnit, Period};
/// use namnd_quality::case::*;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2021, m, day).ok_or("date");
/// let case = |n: u32| -> Result<QualityCase, Box<dyn std::error::Error>> {
///     Ok(QualityCase::new(
///         CaseId::new(&format!("LS-{n}"))?, OrgUnit::new("ÄF")?, Regime::LexSarah { law: SarahLaw::Sol },
///         CaseCategory::new("omsorg")?, d(n, 1)?, ReceiverRole::Sas,
///     ))
/// };
/// let cases = vec![
///     case(1)?
///         .with_event(d(1, 2)?, CaseEventKind::InvestigationStarted)?
///         .with_event(d(1, 9)?, CaseEventKind::Assessed(Assessment::LessSerious))?
///         .with_event(d(1, 11)?, CaseEventKind::InvestigationFinished { measures: None })?,
///     case(2)?
///         .with_event(d(2, 2)?, CaseEventKind::InvestigationStarted)?
///         .with_event(d(2, 8)?, CaseEventKind::InvestigationFinished { measures: Some(2) })?
///         .with_event(d(2, 8)?, CaseEventKind::Assessed(Assessment::Serious))?
///         .with_event(d(2, 10)?, CaseEventKind::ReportedToIvo)?,
///     case(3)?.with_event(d(3, 1)?, CaseEventKind::Redirected { to: Regime::LexMaria })?,
/// ];
/// let funnel = SarahFunnel::compute(&cases, &FunnelScope::new(RegimeFilter::LexSarah, "2021".parse::<Period>()?))?;
/// assert_eq!((funnel.reports, funnel.reported_to_ivo, funnel.less_serious, funnel.redirected), (3, 1, 1, 1));
/// assert_eq!(funnel.ivo.awaiting, 1);
/// assert!(funnel.reconciles());
/// // 10 and 7 days: the median of an even count is the mean of the middle two.
/// assert_eq!(funnel.median_days_to_finished_investigation, Some(namnd_core::Decimal::new(85, 1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SarahFunnel {
    /// Reports (*rapporter*) received in the scope.
    pub reports: u64,
    /// Reported to IVO as serious.
    pub reported_to_ivo: u64,
    /// Judged less serious.
    pub less_serious: u64,
    /// Judged to be no wrongdoing.
    pub not_a_missforhallande: u64,
    /// Redirected to another regime (all targets).
    pub redirected: u64,
    /// Of `redirected`: to Lex Maria (passed to the MAS).
    pub redirected_to_lex_maria: u64,
    /// Of `redirected`: to Lex Sarah.
    pub redirected_to_lex_sarah: u64,
    /// Of `redirected`: out of both regimes (e.g. a staff matter).
    pub redirected_to_no_regime: u64,
    /// Still open without an outcome.
    pub still_open: u64,
    /// Closed without an outcome.
    pub closed_without_outcome: u64,
    /// Cases not closed.
    pub open: u64,
    /// Cases closed.
    pub closed: u64,
    /// Cases received under another regime and redirected into this one
    /// (received in the period, in the units); not part of `reports`.
    pub redirected_in: u64,
    /// IVO's decisions on the `reported_to_ivo` cases.
    pub ivo: IvoOutcomes,
    /// Cases with an investigation finished under the scope's regime (a
    /// case redirected out of it and investigated elsewhere is not counted).
    pub finished_investigations: u64,
    /// The median number of days from report to finished investigation,
    /// over the `finished_investigations` (even count: the mean of the
    /// middle two), rounded to one decimal
    /// half away from zero (which only ever meets exact halves); `None`
    /// without finished investigations.
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub median_days_to_finished_investigation: Option<Decimal>,
}

/// Adds one to a count.
fn bump(count: &mut u64) -> Result<()> {
    *count = count
        .checked_add(1)
        .ok_or(QualityError::CaseCountOverflow)?;
    Ok(())
}

impl SarahFunnel {
    /// The funnel of the cases in `scope`.
    ///
    /// # Errors
    /// [`QualityError::CaseCountOverflow`] if a count overflows (not in
    /// practice).
    ///
    /// # Example
    /// See [`SarahFunnel`].
    pub fn compute(cases: &[QualityCase], scope: &FunnelScope) -> Result<SarahFunnel> {
        let mut f = SarahFunnel::default();
        let mut days = Vec::new();
        for case in scope.select(cases) {
            bump(&mut f.reports)?;
            match case.funnel_outcome() {
                FunnelOutcome::ReportedToIvo => {
                    bump(&mut f.reported_to_ivo)?;
                    match case.ivo_outcome() {
                        None => bump(&mut f.ivo.awaiting)?,
                        Some(IvoOutcome::ClosedWithoutCriticism) => {
                            bump(&mut f.ivo.without_criticism)?;
                        }
                        Some(IvoOutcome::Criticism) => bump(&mut f.ivo.criticism)?,
                        Some(IvoOutcome::Injunction) => bump(&mut f.ivo.injunction)?,
                        Some(IvoOutcome::Other) => bump(&mut f.ivo.other)?,
                    }
                }
                FunnelOutcome::LessSerious => bump(&mut f.less_serious)?,
                FunnelOutcome::NotAMissforhallande => bump(&mut f.not_a_missforhallande)?,
                FunnelOutcome::Redirected => {
                    bump(&mut f.redirected)?;
                    match case.redirects().first().map(|(_, to)| *to) {
                        Some(Regime::LexMaria) => bump(&mut f.redirected_to_lex_maria)?,
                        Some(Regime::LexSarah { .. }) => bump(&mut f.redirected_to_lex_sarah)?,
                        _ => bump(&mut f.redirected_to_no_regime)?,
                    }
                }
                FunnelOutcome::StillOpen => bump(&mut f.still_open)?,
                FunnelOutcome::ClosedWithoutOutcome => bump(&mut f.closed_without_outcome)?,
            }
            if case.status().is_closed() {
                bump(&mut f.closed)?;
            } else {
                bump(&mut f.open)?;
            }
            if let Some(d) = case.days_to_finished_under(Some(scope.regime)) {
                days.push(d);
            }
        }
        f.finished_investigations =
            u64::try_from(days.len()).map_err(|_| QualityError::CaseCountOverflow)?;
        f.median_days_to_finished_investigation = median_days(&mut days)?;
        for case in cases {
            if scope.regime.matches(case.initial_regime())
                || !scope.period.contains_date(case.received())
                || !scope.in_unit(case)
            {
                continue;
            }
            let case = scope.cut(case);
            if case
                .redirects()
                .iter()
                .any(|(_, to)| scope.regime.matches(*to))
            {
                bump(&mut f.redirected_in)?;
            }
        }
        Ok(f)
    }

    /// The funnel for a fiscal year: [`compute`](Self::compute) with a
    /// year scope.
    ///
    /// # Errors
    /// As [`compute`](Self::compute).
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::case::{RegimeFilter, SarahFunnel};
    /// let funnel = SarahFunnel::for_year(&[], RegimeFilter::LexMaria, FiscalYear::try_new(2022)?, &[])?;
    /// assert_eq!(funnel.reports, 0);
    /// assert_eq!(funnel.median_days_to_finished_investigation, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_year(
        cases: &[QualityCase],
        regime: RegimeFilter,
        year: namnd_core::FiscalYear,
        units: &[OrgUnit],
    ) -> Result<SarahFunnel> {
        let scope = FunnelScope::new(regime, Period::Year(year)).with_units(units.to_vec());
        Self::compute(cases, &scope)
    }

    /// The count in one bucket.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::{FunnelOutcome, SarahFunnel};
    /// assert_eq!(SarahFunnel::default().count(FunnelOutcome::Redirected), 0);
    /// ```
    #[must_use]
    pub fn count(&self, outcome: FunnelOutcome) -> u64 {
        match outcome {
            FunnelOutcome::ReportedToIvo => self.reported_to_ivo,
            FunnelOutcome::LessSerious => self.less_serious,
            FunnelOutcome::NotAMissforhallande => self.not_a_missforhallande,
            FunnelOutcome::Redirected => self.redirected,
            FunnelOutcome::StillOpen => self.still_open,
            FunnelOutcome::ClosedWithoutOutcome => self.closed_without_outcome,
        }
    }

    /// Whether the buckets add up to the reports, open plus closed add up to
    /// the reports, the redirect targets add up to the redirects and IVO's
    /// outcomes add up to the cases reported to IVO.
    ///
    /// # Example
    /// See [`SarahFunnel`].
    #[must_use]
    pub fn reconciles(&self) -> bool {
        let sum = |xs: &[u64]| xs.iter().try_fold(0_u64, |a, &x| a.checked_add(x));
        let buckets: Vec<u64> = FunnelOutcome::ALL.iter().map(|o| self.count(*o)).collect();
        sum(&buckets) == Some(self.reports)
            && sum(&[self.open, self.closed]) == Some(self.reports)
            && sum(&[
                self.redirected_to_lex_maria,
                self.redirected_to_lex_sarah,
                self.redirected_to_no_regime,
            ]) == Some(self.redirected)
            && sum(&[
                self.ivo.awaiting,
                self.ivo.without_criticism,
                self.ivo.criticism,
                self.ivo.injunction,
                self.ivo.other,
            ]) == Some(self.reported_to_ivo)
    }

    /// The funnel as it may go into public committee papers: the buckets
    /// (labels of [`FunnelOutcome`]) and the total through
    /// [`namnd_calc::suppress::suppress_list`] (small counts hidden, and a
    /// second figure when one hidden figure could be worked out from the
    /// total). The breakdowns (IVO's decisions, redirect targets, open and
    /// closed) go through the same suppression, each as a list whose total
    /// is the figure it breaks down, and are left out when that figure is
    /// hidden. The median is left out when fewer investigations than the
    /// policy's `min_shown` finished, since it would then describe
    /// individual cases.
    ///
    /// # Errors
    /// [`QualityError::Calc`] from the suppression (not for a computed funnel).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_quality::case::SarahFunnel;
    /// let mut funnel = SarahFunnel::default();
    /// funnel.reports = 7;
    /// funnel.reported_to_ivo = 2;
    /// funnel.less_serious = 4;
    /// funnel.redirected = 1;
    /// let published = funnel.published(SmallCountPolicy::default())?;
    /// assert_eq!(published.total.to_string(), "7");
    /// let printed: Vec<String> = published.buckets.iter().map(|(_, c)| c.to_string()).collect();
    /// assert_eq!(printed, ["..", "..", "0", "..", "0", "0"]);
    /// // The IVO decisions break down a hidden bucket: not published.
    /// assert!(published.ivo.is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn published(&self, policy: SmallCountPolicy) -> Result<PublishedFunnel> {
        let items: Vec<(String, u64)> = FunnelOutcome::ALL
            .iter()
            .map(|o| (o.to_string(), self.count(*o)))
            .collect();
        let (buckets, total) = suppress_list(&items, policy)?;
        let median = if self.finished_investigations >= policy.min_shown() {
            self.median_days_to_finished_investigation
        } else {
            None
        };
        let bucket = |outcome: FunnelOutcome| {
            buckets
                .iter()
                .find(|(label, _)| *label == outcome.to_string())
                .map(|(_, c)| *c)
        };
        let ivo = breakdown(
            &[
                ("inväntar beslut".to_owned(), self.ivo.awaiting),
                (
                    IvoOutcome::ClosedWithoutCriticism.to_string(),
                    self.ivo.without_criticism,
                ),
                (IvoOutcome::Criticism.to_string(), self.ivo.criticism),
                (IvoOutcome::Injunction.to_string(), self.ivo.injunction),
                (IvoOutcome::Other.to_string(), self.ivo.other),
            ],
            bucket(FunnelOutcome::ReportedToIvo),
            policy,
        )?;
        let redirect_targets = breakdown(
            &[
                (Regime::LexMaria.to_string(), self.redirected_to_lex_maria),
                ("lex Sarah".to_owned(), self.redirected_to_lex_sarah),
                (Regime::None.to_string(), self.redirected_to_no_regime),
            ],
            bucket(FunnelOutcome::Redirected),
            policy,
        )?;
        let open_closed = breakdown(
            &[
                (open_closed_label(false).to_owned(), self.open),
                (open_closed_label(true).to_owned(), self.closed),
            ],
            Some(total),
            policy,
        )?;
        Ok(PublishedFunnel {
            buckets,
            total,
            median_days_to_finished_investigation: median,
            ivo,
            redirect_targets,
            open_closed,
        })
    }
}

/// A [`SarahFunnel`] fit for public committee papers
/// ([`SarahFunnel::published`]).
///
/// # Example
/// See [`SarahFunnel::published`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PublishedFunnel {
    /// The buckets in [`FunnelOutcome::ALL`] order, by their Swedish labels.
    pub buckets: Vec<(String, PublishedCount)>,
    /// The number of reports.
    pub total: PublishedCount,
    /// The median days to a finished investigation, if enough finished.
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub median_days_to_finished_investigation: Option<Decimal>,
    /// IVO's decisions on the cases reported to it (`inväntar beslut`, then
    /// [`IvoOutcome::ALL`] by label), suppressed as a list whose total is
    /// the `anmäld till IVO` bucket; empty when that bucket is hidden.
    pub ivo: Vec<(String, PublishedCount)>,
    /// The redirected cases by target (`lex Maria`, `lex Sarah`, `no regime`),
    /// suppressed likewise; empty when the `omdirigerad` bucket is hidden.
    pub redirect_targets: Vec<(String, PublishedCount)>,
    /// Open (`pågående`) and closed (`avslutad`) cases, suppressed as a
    /// list whose total is the number of reports; empty when that is hidden.
    pub open_closed: Vec<(String, PublishedCount)>,
}

/// A breakdown of a published figure: suppressed as a list of its own, and
/// left out (empty) when the figure it breaks down is hidden, since its
/// parts would give the figure away.
fn breakdown(
    items: &[(String, u64)],
    parent: Option<PublishedCount>,
    policy: SmallCountPolicy,
) -> Result<Vec<(String, PublishedCount)>> {
    match parent {
        Some(parent) if !parent.is_hidden() => {
            let (items, total) = suppress_list(items, policy)?;
            Ok(if total.is_hidden() { Vec::new() } else { items })
        }
        _ => Ok(Vec::new()),
    }
}

/// The median of `days` (sorted here): the middle value, or for an even
/// count the mean of the middle two, rounded to one decimal half away from
/// zero (exact: a mean of two integers is a whole or a half).
pub(crate) fn median_days(days: &mut [i64]) -> Result<Option<Decimal>> {
    days.sort_unstable();
    let n = days.len();
    if n == 0 {
        return Ok(None);
    }
    let mid = n / 2;
    let upper = days.get(mid).copied().map(Decimal::from);
    let median = if n % 2 == 1 {
        upper
    } else {
        let lower = mid
            .checked_sub(1)
            .and_then(|i| days.get(i))
            .copied()
            .map(Decimal::from);
        match (lower, upper) {
            (Some(a), Some(b)) => a.checked_add(b).and_then(|s| s.checked_div(Decimal::TWO)),
            _ => None,
        }
    };
    let median = median.ok_or(QualityError::CaseCountOverflow)?;
    Ok(Some(median.round_dp_with_strategy(
        1,
        RoundingStrategy::MidpointAwayFromZero,
    )))
}

/// The change in a funnel from one period to the next (year over year):
/// `current − previous` per count. These are raw differences, for the
/// office; for public papers use [`FunnelChange::published`], which leaves a
/// change blank unless both years' counts are shown.
///
/// # Example
/// ```
/// use namnd_quality::case::{FunnelChange, SarahFunnel};
/// let mut previous = SarahFunnel::default();
/// previous.reports = 9;
/// let mut current = SarahFunnel::default();
/// current.reports = 7;
/// assert_eq!(FunnelChange::between(&previous, &current).reports, -2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FunnelChange {
    /// Change in reports.
    pub reports: i128,
    /// Change in reports to IVO.
    pub reported_to_ivo: i128,
    /// Change in less serious.
    pub less_serious: i128,
    /// Change in no wrongdoing.
    pub not_a_missforhallande: i128,
    /// Change in redirected.
    pub redirected: i128,
    /// Change in still open.
    pub still_open: i128,
    /// Change in closed without outcome.
    pub closed_without_outcome: i128,
}

impl FunnelChange {
    /// `current − previous`, exact (`i128` holds any difference of two `u64`).
    ///
    /// # Example
    /// See [`FunnelChange`].
    #[must_use]
    pub fn between(previous: &SarahFunnel, current: &SarahFunnel) -> FunnelChange {
        let d = |p: u64, c: u64| i128::from(c) - i128::from(p);
        FunnelChange {
            reports: d(previous.reports, current.reports),
            reported_to_ivo: d(previous.reported_to_ivo, current.reported_to_ivo),
            less_serious: d(previous.less_serious, current.less_serious),
            not_a_missforhallande: d(
                previous.not_a_missforhallande,
                current.not_a_missforhallande,
            ),
            redirected: d(previous.redirected, current.redirected),
            still_open: d(previous.still_open, current.still_open),
            closed_without_outcome: d(
                previous.closed_without_outcome,
                current.closed_without_outcome,
            ),
        }
    }
}

/// A year-over-year change fit for public committee papers
/// ([`FunnelChange::published`]): a change is given only where both years'
/// counts are shown, since a change next to a shown count gives away a
/// hidden one.
///
/// # Example
/// See [`FunnelChange::published`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PublishedFunnelChange {
    /// The change per bucket, in [`FunnelOutcome::ALL`] order by label;
    /// `None` (printed blank) unless both years' counts are shown.
    pub buckets: Vec<(String, Option<i128>)>,
    /// The change in the number of reports, `None` unless both are shown.
    pub total: Option<i128>,
}

impl FunnelChange {
    /// The change between two published funnels
    /// ([`SarahFunnel::published`]): `current − previous` for each bucket
    /// and the total, blank (`None`) unless both counts are shown.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_quality::case::{FunnelChange, SarahFunnel};
    /// let policy = SmallCountPolicy::default();
    /// let mut previous = SarahFunnel::default();
    /// (previous.reports, previous.less_serious, previous.reported_to_ivo) = (12, 9, 3);
    /// let mut current = SarahFunnel::default();
    /// (current.reports, current.less_serious, current.reported_to_ivo) = (14, 7, 7);
    /// let change = FunnelChange::published(&previous.published(policy)?, &current.published(policy)?);
    /// assert_eq!(change.total, Some(2));
    /// // 3 reports to IVO were hidden in the first year: no change printed.
    /// assert_eq!(change.buckets[0], ("anmäld till IVO".to_owned(), None));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn published(
        previous: &PublishedFunnel,
        current: &PublishedFunnel,
    ) -> PublishedFunnelChange {
        let change = |p: PublishedCount, c: PublishedCount| match (p.value(), c.value()) {
            (Some(p), Some(c)) => Some(i128::from(c) - i128::from(p)),
            _ => None,
        };
        let buckets = current
            .buckets
            .iter()
            .map(|(label, c)| {
                let before = previous
                    .buckets
                    .iter()
                    .find(|(l, _)| l == label)
                    .and_then(|(_, p)| change(*p, *c));
                (label.clone(), before)
            })
            .collect();
        PublishedFunnelChange {
            buckets,
            total: change(previous.total, current.total),
        }
    }
}

// -------------------------------------------------------------------- table

/// What the rows or columns of a [`case_table`] count by.
///
/// | Axis | Labels |
/// |---|---|
/// | [`Unit`](Self::Unit) | unit codes present, sorted |
/// | [`Category`](Self::Category) | category codes present, sorted |
/// | [`Outcome`](Self::Outcome) | every [`FunnelOutcome`] label, in order |
/// | [`Year`](Self::Year) | years of the report date present (`2021`) |
/// | [`Month`](Self::Month) | months of the report date present (`2021-03`) |
/// | [`OpenOrClosed`](Self::OpenOrClosed) | `pågående`, `avslutad` |
/// | [`ReportedToIvo`](Self::ReportedToIvo) | `anmäld till IVO`, `ej anmäld` |
/// | [`ReportKind`](Self::ReportKind) | `missförhållande`, `påtaglig risk för missförhållande` |
///
/// # Example
/// See [`case_table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CaseAxis {
    /// By unit.
    Unit,
    /// By category.
    Category,
    /// By funnel bucket.
    Outcome,
    /// By year of the report.
    Year,
    /// By month of the report.
    Month,
    /// Open or closed.
    OpenOrClosed,
    /// Reported to IVO or not.
    ReportedToIvo,
    /// By [`ReportKind`]: wrongdoing or a clear
    /// risk of it.
    ReportKind,
}

impl CaseAxis {
    fn label(self, case: &QualityCase) -> String {
        let received = case.received();
        match self {
            CaseAxis::Unit => case.unit().code().to_owned(),
            CaseAxis::Category => case.category().as_str().to_owned(),
            CaseAxis::Outcome => case.funnel_outcome().to_string(),
            CaseAxis::Year => received.year().to_string(),
            CaseAxis::Month => format!("{:04}-{:02}", received.year(), received.month()),
            CaseAxis::OpenOrClosed => open_closed_label(case.status().is_closed()).to_owned(),
            CaseAxis::ReportedToIvo => ivo_label(case.ivo_report_date().is_some()).to_owned(),
            CaseAxis::ReportKind => case.report_kind().to_string(),
        }
    }

    fn fixed_labels(self) -> Option<Vec<String>> {
        match self {
            CaseAxis::Outcome => Some(FunnelOutcome::ALL.iter().map(ToString::to_string).collect()),
            CaseAxis::OpenOrClosed => Some(vec![
                open_closed_label(false).to_owned(),
                open_closed_label(true).to_owned(),
            ]),
            CaseAxis::ReportedToIvo => Some(vec![
                ivo_label(true).to_owned(),
                ivo_label(false).to_owned(),
            ]),
            CaseAxis::ReportKind => Some(ReportKind::ALL.iter().map(ToString::to_string).collect()),
            _ => None,
        }
    }

    fn labels(self, cases: &[QualityCase]) -> Vec<String> {
        self.fixed_labels().unwrap_or_else(|| {
            cases
                .iter()
                .map(|c| self.label(c))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        })
    }
}

fn open_closed_label(closed: bool) -> &'static str {
    if closed { "avslutad" } else { "pågående" }
}

fn ivo_label(reported: bool) -> &'static str {
    if reported {
        "anmäld till IVO"
    } else {
        "ej anmäld"
    }
}

/// The cases in `scope` counted by `rows` × `columns`, as a
/// [`CountTable`] with row, column and grand totals; publish it with
/// [`CountTable::suppress`] (counts 1–4 hidden by default, with secondary
/// suppression).
///
/// # Errors
/// [`QualityError::CaseCountOverflow`] or [`QualityError::Calc`] if a count
/// overflows (not in practice; the labels of an axis are distinct).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_calc::suppress::SmallCountPolicy;
/// use namnd_core::{OrgUnit, Period};
/// use namnd_quality::case::*;
///
/// let d = NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
/// let mut cases = Vec::new();
/// for (n, unit) in ["HT", "HT", "SÄBO"].iter().enumerate() {
///     cases.push(QualityCase::new(
///         CaseId::new(&format!("LS-{n}"))?, OrgUnit::new(*unit)?, Regime::LexSarah { law: SarahLaw::Sol },
///         CaseCategory::new("omsorg")?, d, ReceiverRole::Sas,
///     ));
/// }
/// let scope = FunnelScope::new(RegimeFilter::LexSarah, "2021".parse::<Period>()?);
/// let table = case_table(&cases, &scope, CaseAxis::Unit, CaseAxis::OpenOrClosed)?;
/// assert_eq!(table.count("HT", "pågående"), Some(2));
/// assert_eq!(table.grand_total(), 3);
/// let published = table.suppress(SmallCountPolicy::default());
/// assert_eq!(published.grand_total().to_string(), "..");
/// assert!(published.is_protected());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn case_table(
    cases: &[QualityCase],
    scope: &FunnelScope,
    rows: CaseAxis,
    columns: CaseAxis,
) -> Result<CountTable> {
    let selected = scope.select(cases);
    let mut table = CountTable::new(rows.labels(&selected), columns.labels(&selected))?;
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    for case in &selected {
        let slot = counts
            .entry((rows.label(case), columns.label(case)))
            .or_insert(0);
        bump(slot)?;
    }
    for ((row, column), count) in counts {
        table.add(&row, &column, count)?;
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sarah(id: &str, received: NaiveDate) -> QualityCase {
        QualityCase::new(
            CaseId::new(id).unwrap(),
            OrgUnit::new("HT").unwrap(),
            Regime::LexSarah { law: SarahLaw::Sol },
            CaseCategory::new("omsorg").unwrap(),
            received,
            ReceiverRole::Sas,
        )
    }

    fn err_problem(e: QualityError) -> (&'static str, CaseProblem) {
        match e {
            QualityError::CaseHistory { field, problem, .. } => (field, problem),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn case_id_rejects_personnummer_without_echo() {
        let e = CaseId::new("19121212-1212").unwrap_err();
        assert!(!e.to_string().contains("1212"));
        assert!(CaseId::new("").is_err());
        assert!(CaseId::new("a\nb").is_err());
    }

    #[test]
    fn full_history_walks_every_status() {
        let mut c = sarah("A", d(2021, 3, 1));
        assert_eq!(c.status(), CaseStatus::Received);
        c.push_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap();
        assert_eq!(c.status(), CaseStatus::UnderInvestigation);
        c.push_event(
            d(2021, 3, 9),
            CaseEventKind::InvestigationFinished { measures: Some(3) },
        )
        .unwrap();
        assert_eq!(c.status(), CaseStatus::UnderInvestigation);
        c.push_event(d(2021, 3, 9), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap();
        assert_eq!(c.status(), CaseStatus::Assessed);
        c.push_event(d(2021, 3, 12), CaseEventKind::ReportedToIvo)
            .unwrap();
        assert_eq!(c.status(), CaseStatus::ReportedToIvo);
        c.push_event(
            d(2021, 5, 1),
            CaseEventKind::IvoDecision(IvoOutcome::Criticism),
        )
        .unwrap();
        assert_eq!(c.status(), CaseStatus::IvoDecided);
        c.push_event(d(2021, 5, 3), CaseEventKind::Closed).unwrap();
        assert_eq!(c.status(), CaseStatus::Closed);
        assert_eq!(c.closed_date(), Some(d(2021, 5, 3)));
        assert_eq!(c.ivo_report_date(), Some(d(2021, 3, 12)));
        assert_eq!(c.ivo_outcome(), Some(IvoOutcome::Criticism));
        assert_eq!(c.days_to_finished_investigation(), Some(8));
        assert_eq!(c.funnel_outcome(), FunnelOutcome::ReportedToIvo);
    }

    #[test]
    fn ivo_report_before_received_is_rejected() {
        let mut c = sarah("A", d(2021, 3, 10));
        let e = c
            .push_event(d(2021, 3, 9), CaseEventKind::ReportedToIvo)
            .unwrap_err();
        assert_eq!(
            err_problem(e),
            (
                "ivo_report",
                CaseProblem::BeforeReceived {
                    received: d(2021, 3, 10)
                }
            )
        );
    }

    #[test]
    fn ivo_decision_before_ivo_report_is_rejected() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(d(2021, 3, 3), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap()
            .with_event(d(2021, 3, 10), CaseEventKind::ReportedToIvo)
            .unwrap();
        let e = c
            .push_event(
                d(2021, 3, 5),
                CaseEventKind::IvoDecision(IvoOutcome::Criticism),
            )
            .unwrap_err();
        assert_eq!(
            err_problem(e),
            ("ivo_decision", CaseProblem::DecisionBeforeReport)
        );
        assert_eq!(c.events().len(), 3);
    }

    #[test]
    fn events_after_closing_are_rejected() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::Closed)
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 3), CaseEventKind::InvestigationStarted)
            .unwrap_err();
        assert_eq!(
            err_problem(e),
            ("investigation_started", CaseProblem::AfterClosing)
        );
        let e = c
            .push_event(d(2021, 3, 2), CaseEventKind::Closed)
            .unwrap_err();
        assert_eq!(err_problem(e), ("closed", CaseProblem::AfterClosing));
    }

    #[test]
    fn assessment_before_investigation_start_is_rejected() {
        let mut c = sarah("A", d(2021, 3, 1));
        let e = c
            .push_event(
                d(2021, 3, 2),
                CaseEventKind::Assessed(Assessment::LessSerious),
            )
            .unwrap_err();
        assert_eq!(err_problem(e), ("assessment", CaseProblem::NotStarted));
        // Same day, added after the start: allowed.
        c.push_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap();
        c.push_event(
            d(2021, 3, 2),
            CaseEventKind::Assessed(Assessment::LessSerious),
        )
        .unwrap();
    }

    #[test]
    fn report_to_ivo_needs_serious_assessment() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2021, 3, 3),
                CaseEventKind::Assessed(Assessment::LessSerious),
            )
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 4), CaseEventKind::ReportedToIvo)
            .unwrap_err();
        assert_eq!(
            err_problem(e),
            ("ivo_report", CaseProblem::NotAssessedSerious)
        );
    }

    #[test]
    fn repeated_steps_are_rejected() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 3), CaseEventKind::InvestigationStarted)
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AlreadyStarted);
        let e = c
            .push_event(
                d(2021, 3, 1),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::NotStarted);
        c.push_event(
            d(2021, 3, 4),
            CaseEventKind::InvestigationFinished { measures: None },
        )
        .unwrap();
        let e = c
            .push_event(
                d(2021, 3, 5),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AlreadyFinished);
        c.push_event(d(2021, 3, 5), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 6), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AlreadyAssessed);
        c.push_event(d(2021, 3, 6), CaseEventKind::ReportedToIvo)
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 7), CaseEventKind::ReportedToIvo)
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AlreadyReported);
        c.push_event(
            d(2021, 4, 1),
            CaseEventKind::IvoDecision(IvoOutcome::Criticism),
        )
        .unwrap();
        let e = c
            .push_event(
                d(2021, 4, 2),
                CaseEventKind::IvoDecision(IvoOutcome::Criticism),
            )
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AlreadyDecided);
        let e = c
            .push_event(
                d(2021, 4, 2),
                CaseEventKind::Redirected {
                    to: Regime::LexMaria,
                },
            )
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::AfterIvoReport);
    }

    #[test]
    fn redirect_to_same_regime_is_rejected_and_redirect_restarts_phase() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap();
        let e = c
            .push_event(
                d(2021, 3, 3),
                CaseEventKind::Redirected {
                    to: Regime::LexSarah { law: SarahLaw::Sol },
                },
            )
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::SameRegime);
        c.push_event(
            d(2021, 3, 3),
            CaseEventKind::Redirected {
                to: Regime::LexMaria,
            },
        )
        .unwrap();
        assert_eq!(c.status(), CaseStatus::Received);
        assert_eq!(c.regime(), Regime::LexMaria);
        // The MAS investigates afresh under Lex Maria.
        c.push_event(d(2021, 3, 4), CaseEventKind::InvestigationStarted)
            .unwrap();
        assert_eq!(c.funnel_outcome(), FunnelOutcome::Redirected);
    }

    #[test]
    fn report_to_ivo_under_no_regime_is_rejected() {
        let mut c = sarah("A", d(2021, 3, 1))
            .with_event(
                d(2021, 3, 2),
                CaseEventKind::Redirected { to: Regime::None },
            )
            .unwrap()
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(d(2021, 3, 3), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap();
        let e = c
            .push_event(d(2021, 3, 4), CaseEventKind::ReportedToIvo)
            .unwrap_err();
        assert_eq!(err_problem(e).1, CaseProblem::NoRegime);
    }

    #[test]
    fn event_and_discovery_dates_must_precede_received() {
        let c = sarah("A", d(2021, 3, 10));
        let e = c.clone().with_discovery_date(d(2021, 3, 11)).unwrap_err();
        assert_eq!(
            err_problem(e),
            (
                "discovery_date",
                CaseProblem::AfterReceived {
                    received: d(2021, 3, 10)
                }
            )
        );
        let c = c.with_discovery_date(d(2021, 3, 8)).unwrap();
        let e = c.clone().with_event_date(d(2021, 3, 9)).unwrap_err();
        assert_eq!(
            err_problem(e),
            (
                "event_date",
                CaseProblem::AfterDiscovery {
                    discovered: d(2021, 3, 8)
                }
            )
        );
        let c = c.with_event_date(d(2021, 3, 1)).unwrap();
        assert_eq!(c.event_date(), Some(d(2021, 3, 1)));
    }

    #[test]
    fn finished_on_deadline_day_is_in_time() {
        let c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2021, 3, 15),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        assert!(
            c.overdue(&InternalDeadlines::default(), d(2021, 12, 31))
                .is_empty()
        );
    }

    #[test]
    fn closed_but_late_investigation_is_flagged() {
        let c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2021, 3, 18),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap()
            .with_event(d(2021, 3, 18), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap()
            .with_event(d(2021, 3, 27), CaseEventKind::ReportedToIvo)
            .unwrap()
            .with_event(d(2021, 3, 28), CaseEventKind::Closed)
            .unwrap();
        let late = c.overdue(&InternalDeadlines::default(), d(2021, 12, 31));
        // Due 2021-03-15, finished 03-18: 3 days late. Serious 03-18, due
        // 03-25, reported 03-27: 2 days late.
        assert_eq!(
            late,
            vec![
                Overdue {
                    kind: DeadlineKind::InvestigationFinished,
                    due: d(2021, 3, 15),
                    done: Some(d(2021, 3, 18)),
                    days_late: 3
                },
                Overdue {
                    kind: DeadlineKind::ReportToIvo,
                    due: d(2021, 3, 25),
                    done: Some(d(2021, 3, 27)),
                    days_late: 2
                },
            ]
        );
    }

    #[test]
    fn serious_case_never_reported_stays_overdue() {
        let c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(d(2021, 3, 5), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap()
            .with_event(d(2021, 3, 6), CaseEventKind::Closed)
            .unwrap();
        let late = c.overdue(&InternalDeadlines::default(), d(2021, 3, 20));
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].kind, DeadlineKind::ReportToIvo);
        assert_eq!(
            (late[0].due, late[0].done, late[0].days_late),
            (d(2021, 3, 12), None, 8)
        );
        assert_eq!(c.funnel_outcome(), FunnelOutcome::ClosedWithoutOutcome);
    }

    #[test]
    fn overdue_ignores_events_after_as_of() {
        let c = sarah("A", d(2021, 3, 1))
            .with_event(d(2021, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2021, 3, 30),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        let late = c.overdue(&InternalDeadlines::default(), d(2021, 3, 20));
        assert_eq!((late[0].done, late[0].days_late), (None, 5));
    }

    #[test]
    fn year_over_year_change_is_current_minus_previous() {
        let less = |id: &str, y: i32| {
            sarah(id, d(y, 3, 1))
                .with_event(d(y, 3, 2), CaseEventKind::InvestigationStarted)
                .unwrap()
                .with_event(d(y, 3, 3), CaseEventKind::Assessed(Assessment::LessSerious))
                .unwrap()
        };
        let cases = vec![
            less("A", 2021),
            less("B", 2021),
            less("C", 2022),
            sarah("D", d(2022, 5, 1)),
        ];
        let year = |y| namnd_core::FiscalYear::try_new(y).unwrap();
        let f21 = SarahFunnel::for_year(&cases, RegimeFilter::LexSarah, year(2021), &[]).unwrap();
        let f22 = SarahFunnel::for_year(&cases, RegimeFilter::LexSarah, year(2022), &[]).unwrap();
        let change = FunnelChange::between(&f21, &f22);
        assert_eq!(
            (change.reports, change.less_serious, change.still_open),
            (0, -1, 1)
        );
    }

    #[test]
    fn as_of_scope_counts_cases_still_open_at_that_date() {
        let c = sarah("A", d(2021, 12, 1))
            .with_event(d(2021, 12, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2022, 1, 10),
                CaseEventKind::Assessed(Assessment::LessSerious),
            )
            .unwrap();
        let period: Period = "2021".parse().unwrap();
        let at_year_end =
            FunnelScope::new(RegimeFilter::LexSarah, period).with_as_of(d(2021, 12, 31));
        let f = SarahFunnel::compute(std::slice::from_ref(&c), &at_year_end).unwrap();
        assert_eq!((f.still_open, f.less_serious), (1, 0));
        let later =
            SarahFunnel::compute(&[c], &FunnelScope::new(RegimeFilter::LexSarah, period)).unwrap();
        assert_eq!((later.still_open, later.less_serious), (0, 1));
    }

    #[test]
    fn median_of_even_count_is_mean_of_middle_two() {
        assert_eq!(median_days(&mut []).unwrap(), None);
        assert_eq!(median_days(&mut [5]).unwrap(), Some(Decimal::from(5)));
        assert_eq!(median_days(&mut [9, 1, 4]).unwrap(), Some(Decimal::from(4)));
        assert_eq!(
            median_days(&mut [10, 1, 4, 7]).unwrap(),
            Some(Decimal::new(55, 1))
        );
        assert_eq!(median_days(&mut [3, 4]).unwrap(), Some(Decimal::new(35, 1)));
    }

    #[test]
    fn categories_reject_duplicates_and_unknown_codes() {
        assert!(matches!(
            CaseCategories::new(["a", " a "]),
            Err(QualityError::DuplicateCaseCategory { .. })
        ));
        let cats = CaseCategories::new(["a"]).unwrap();
        let id = CaseId::new("X").unwrap();
        assert!(matches!(
            cats.category(&id, "b"),
            Err(QualityError::UnknownCaseCategory { .. })
        ));
        let e = cats.category(&id, "19121212-1212").unwrap_err();
        assert!(!e.to_string().contains("1212"));
    }

    fn maria(id: &str, received: NaiveDate) -> QualityCase {
        QualityCase::new(
            CaseId::new(id).unwrap(),
            OrgUnit::new("SÄBO").unwrap(),
            Regime::LexMaria,
            CaseCategory::new("fall").unwrap(),
            received,
            ReceiverRole::Mas,
        )
    }

    #[test]
    fn lex_maria_case_walks_every_state_to_closed() {
        let mut c = maria("LM-1", d(2022, 3, 1));
        let steps = [
            (
                d(2022, 3, 2),
                CaseEventKind::InvestigationStarted,
                CaseStatus::UnderInvestigation,
            ),
            (
                d(2022, 3, 10),
                CaseEventKind::InvestigationFinished { measures: Some(2) },
                CaseStatus::UnderInvestigation,
            ),
            (
                d(2022, 3, 10),
                CaseEventKind::Assessed(Assessment::Serious),
                CaseStatus::Assessed,
            ),
            (
                d(2022, 3, 14),
                CaseEventKind::ReportedToIvo,
                CaseStatus::ReportedToIvo,
            ),
            (
                d(2022, 6, 1),
                CaseEventKind::IvoDecision(IvoOutcome::Injunction),
                CaseStatus::IvoDecided,
            ),
            (d(2022, 6, 20), CaseEventKind::Closed, CaseStatus::Closed),
        ];
        assert_eq!(c.status(), CaseStatus::Received);
        for (date, kind, status) in steps {
            c.push_event(date, kind).unwrap();
            assert_eq!(c.status(), status);
        }
        assert_eq!(c.regime(), Regime::LexMaria);
        assert_eq!(c.ivo_outcome(), Some(IvoOutcome::Injunction));
        assert_eq!(c.days_to_finished_investigation(), Some(9));
        assert_eq!(c.funnel_outcome(), FunnelOutcome::ReportedToIvo);
        // 14 days to finish (due 15 March, done 10th), 7 days to report (due 17th, done 14th).
        assert!(
            c.overdue(&InternalDeadlines::default(), d(2022, 12, 31))
                .is_empty()
        );
    }

    #[test]
    fn lex_maria_case_after_redirect_walks_every_state() {
        let mut c = sarah("LS-R", d(2022, 3, 1));
        c.push_event(d(2022, 3, 2), CaseEventKind::InvestigationStarted)
            .unwrap();
        c.push_event(
            d(2022, 3, 4),
            CaseEventKind::Redirected {
                to: Regime::LexMaria,
            },
        )
        .unwrap();
        // The new regime starts afresh.
        assert_eq!(c.status(), CaseStatus::Received);
        assert_eq!(c.regime(), Regime::LexMaria);
        c.push_event(d(2022, 3, 5), CaseEventKind::InvestigationStarted)
            .unwrap();
        assert_eq!(c.status(), CaseStatus::UnderInvestigation);
        c.push_event(d(2022, 3, 8), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap();
        assert_eq!(c.status(), CaseStatus::Assessed);
        c.push_event(d(2022, 3, 9), CaseEventKind::ReportedToIvo)
            .unwrap();
        assert_eq!(c.status(), CaseStatus::ReportedToIvo);
        c.push_event(
            d(2022, 3, 20),
            CaseEventKind::InvestigationFinished { measures: None },
        )
        .unwrap();
        c.push_event(
            d(2022, 5, 2),
            CaseEventKind::IvoDecision(IvoOutcome::ClosedWithoutCriticism),
        )
        .unwrap();
        assert_eq!(c.status(), CaseStatus::IvoDecided);
        c.push_event(d(2022, 5, 3), CaseEventKind::Closed).unwrap();
        assert_eq!(c.status(), CaseStatus::Closed);
        assert_eq!(c.initial_regime(), Regime::LexSarah { law: SarahLaw::Sol });
        assert_eq!(c.funnel_outcome(), FunnelOutcome::Redirected);
        assert_eq!(c.ivo_report_date(), Some(d(2022, 3, 9)));
        // A redirect after the report to IVO is refused.
        let e = c
            .clone()
            .as_of(d(2022, 3, 10))
            .push_event(
                d(2022, 3, 10),
                CaseEventKind::Redirected { to: Regime::None },
            )
            .unwrap_err();
        assert_eq!(err_problem(e), ("redirect", CaseProblem::AfterIvoReport));
        // Deadlines: the first clock stopped at the redirect (day 3 of 14);
        // the Lex Maria clock ran from 4 March, due 18 March, done 20 March.
        let late = c.overdue(&InternalDeadlines::default(), d(2022, 12, 31));
        assert_eq!(
            late,
            [Overdue {
                kind: DeadlineKind::InvestigationFinished,
                due: d(2022, 3, 18),
                done: Some(d(2022, 3, 20)),
                days_late: 2
            }]
        );
    }

    #[test]
    fn lex_maria_deadlines_flag_late_investigation_and_late_ivo_report() {
        let c = maria("LM-2", d(2022, 4, 1))
            .with_event(d(2022, 4, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(d(2022, 4, 20), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap()
            .with_event(
                d(2022, 4, 25),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        let deadlines = InternalDeadlines {
            investigation_finished_within_days: 14,
            report_to_ivo_within_days_of_assessment: 7,
        };
        // As of 30 April: investigation due 15 April, done 25th (10 days late);
        // report to IVO due 27 April, still open (3 days late).
        let late = c.overdue(&deadlines, d(2022, 4, 30));
        assert_eq!(
            late,
            [
                Overdue {
                    kind: DeadlineKind::InvestigationFinished,
                    due: d(2022, 4, 15),
                    done: Some(d(2022, 4, 25)),
                    days_late: 10
                },
                Overdue {
                    kind: DeadlineKind::ReportToIvo,
                    due: d(2022, 4, 27),
                    done: None,
                    days_late: 3
                }
            ]
        );
    }

    #[test]
    fn investigation_clock_restarts_at_redirect_unless_to_no_regime() {
        let deadlines = InternalDeadlines::default();
        let to_maria = sarah("A", d(2022, 1, 1))
            .with_event(
                d(2022, 1, 10),
                CaseEventKind::Redirected {
                    to: Regime::LexMaria,
                },
            )
            .unwrap();
        // Due 24 January (10 + 14), open as of 31 January: 7 days late.
        assert_eq!(
            to_maria.overdue(&deadlines, d(2022, 1, 31)),
            [Overdue {
                kind: DeadlineKind::InvestigationFinished,
                due: d(2022, 1, 24),
                done: None,
                days_late: 7
            }]
        );
        let to_none = sarah("B", d(2022, 1, 1))
            .with_event(
                d(2022, 1, 10),
                CaseEventKind::Redirected { to: Regime::None },
            )
            .unwrap();
        assert!(to_none.overdue(&deadlines, d(2022, 12, 31)).is_empty());
    }

    #[test]
    fn push_event_error_names_the_field_of_the_event_being_added() {
        let mut c = sarah("A", d(2022, 1, 1))
            .with_event(d(2022, 1, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2022, 1, 9),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        // A closing before the finished investigation breaks that later event.
        let e = c
            .push_event(d(2022, 1, 5), CaseEventKind::Closed)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "case A: closed on 2022-01-05 would break the history at the investigation_finished on 2022-01-09"
        );
        assert_eq!(c.events().len(), 2);
    }

    #[test]
    fn case_id_over_64_characters_is_rejected_and_messages_quote_ids() {
        assert!(CaseId::new(&"x".repeat(64)).is_ok());
        let e = CaseId::new(&"x".repeat(65)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "case id is not usable: it is longer than 64 characters"
        );
        let id = CaseId::new("LS \u{7f}").err();
        assert!(id.is_some());
    }

    #[test]
    fn case_axis_year_month_reported_to_ivo_and_report_kind() {
        let reported = sarah("A", d(2022, 1, 2))
            .with_event(d(2022, 1, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(d(2022, 1, 3), CaseEventKind::Assessed(Assessment::Serious))
            .unwrap()
            .with_event(d(2022, 1, 4), CaseEventKind::ReportedToIvo)
            .unwrap();
        let risk = sarah("B", d(2022, 2, 1)).with_report_kind(ReportKind::PatagligRisk);
        let plain = sarah("C", d(2022, 2, 7));
        let cases = [reported, risk, plain];
        let scope = FunnelScope::new(RegimeFilter::LexSarah, "2022".parse().unwrap());
        let t = case_table(&cases, &scope, CaseAxis::Year, CaseAxis::ReportedToIvo).unwrap();
        assert_eq!(t.rows(), ["2022"]);
        assert_eq!(t.columns(), ["anmäld till IVO", "ej anmäld"]);
        assert_eq!(t.count("2022", "anmäld till IVO"), Some(1));
        assert_eq!(t.count("2022", "ej anmäld"), Some(2));
        let t = case_table(&cases, &scope, CaseAxis::Month, CaseAxis::ReportKind).unwrap();
        assert_eq!(t.rows(), ["2022-01", "2022-02"]);
        assert_eq!(
            t.count("2022-01", "påtaglig risk för missförhållande"),
            Some(0)
        );
        assert_eq!(
            t.columns(),
            ["missförhållande", "påtaglig risk för missförhållande"]
        );
        assert_eq!(
            t.count("2022-02", "påtaglig risk för missförhållande"),
            Some(1)
        );
        assert_eq!(t.count("2022-02", "missförhållande"), Some(1));
        assert_eq!(t.grand_total(), 3);
    }

    #[test]
    fn published_breakdowns_are_left_out_when_their_figure_is_hidden() {
        let mut f = SarahFunnel {
            reports: 20,
            reported_to_ivo: 12,
            less_serious: 8,
            open: 3,
            closed: 17,
            ..SarahFunnel::default()
        };
        f.ivo.criticism = 6;
        f.ivo.without_criticism = 5;
        f.ivo.awaiting = 1;
        let p = f.published(SmallCountPolicy::default()).unwrap();
        let printed: Vec<String> = p.ivo.iter().map(|(_, c)| c.to_string()).collect();
        // 1 awaiting is hidden, so is the smallest other non-zero (5); both
        // print the neutral mark ("<5" would be false for the 5).
        assert_eq!(printed, ["..", "..", "6", "0", "0"]);
        let printed: Vec<String> = p.open_closed.iter().map(|(_, c)| c.to_string()).collect();
        assert_eq!(printed, ["..", ".."]);
        // No redirects: the targets are all 0 and shown.
        assert_eq!(p.redirect_targets.len(), 3);
        // Hidden reports to IVO: the decisions are not published at all.
        f.reported_to_ivo = 3;
        f.less_serious = 17;
        f.ivo = IvoOutcomes {
            criticism: 3,
            ..IvoOutcomes::default()
        };
        let p = f.published(SmallCountPolicy::default()).unwrap();
        assert!(p.ivo.is_empty());
    }

    #[test]
    fn published_change_is_blank_unless_both_counts_are_shown() {
        let policy = SmallCountPolicy::default();
        let previous = SarahFunnel {
            reports: 20,
            reported_to_ivo: 2,
            less_serious: 18,
            ..SarahFunnel::default()
        };
        let current = SarahFunnel {
            reports: 25,
            reported_to_ivo: 10,
            less_serious: 15,
            ..SarahFunnel::default()
        };
        let change = FunnelChange::published(
            &previous.published(policy).unwrap(),
            &current.published(policy).unwrap(),
        );
        assert_eq!(change.total, Some(5));
        let by_label: BTreeMap<String, Option<i128>> = change.buckets.into_iter().collect();
        // 2 and 18 were both hidden (secondary) the first year.
        assert_eq!(by_label["anmäld till IVO"], None);
        assert_eq!(by_label["mindre allvarlig"], None);
        assert_eq!(by_label["omdirigerad"], Some(0));
        // The raw change is still there for the office.
        assert_eq!(
            FunnelChange::between(&previous, &current).reported_to_ivo,
            8
        );
    }

    #[test]
    fn median_counts_only_investigations_finished_under_the_scopes_regime() {
        let finished_here = sarah("A", d(2022, 1, 1))
            .with_event(d(2022, 1, 2), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2022, 1, 11),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        let finished_elsewhere = sarah("B", d(2022, 1, 1))
            .with_event(
                d(2022, 1, 2),
                CaseEventKind::Redirected {
                    to: Regime::LexMaria,
                },
            )
            .unwrap()
            .with_event(d(2022, 1, 3), CaseEventKind::InvestigationStarted)
            .unwrap()
            .with_event(
                d(2022, 3, 1),
                CaseEventKind::InvestigationFinished { measures: None },
            )
            .unwrap();
        let cases = [finished_here, finished_elsewhere];
        let scope = FunnelScope::new(RegimeFilter::LexSarah, "2022".parse().unwrap());
        let f = SarahFunnel::compute(&cases, &scope).unwrap();
        assert_eq!(f.finished_investigations, 1);
        assert_eq!(
            f.median_days_to_finished_investigation,
            Some(Decimal::from(10))
        );
        // The case's own figure still counts its last investigation.
        assert_eq!(cases[1].days_to_finished_investigation(), Some(59));
    }
}
