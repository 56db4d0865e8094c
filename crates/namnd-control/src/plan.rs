//! The internal-control plan (*internkontrollplan*) and its rows.
//!
//! | Type | What it is |
//! |---|---|
//! | [`InternalControlPlan`] | a committee's plan for a period (`2023–2025`), its risk scale (or none), level bands, rows and attachments |
//! | [`ControlRow`] | one row: process, risk, risk score, *kontrollmoment*, *metod*, [`Schedule`], responsible role, reported to, scope, legal duty |
//! | [`RiskAssessment`] | a row's risk score: none, a stated risk value, or probability × consequence |
//! | [`PlanPeriod`] | the years a plan covers |
//! | [`Recipient`], [`Scope`] | who a control is reported to (`FC/SN/KF`), and whether it is municipality-wide or committee-specific |
//!
//! Checks a plan offers: [`InternalControlPlan::duplicates`] (Flen's 2024
//! plan repeats one row verbatim) and
//! [`InternalControlPlan::attachment_period_mismatches`] (Gnesta's plan
//! 2023–2025 has an attachment headed 2022–2024). Rows are checked when they
//! are added: a score on another scale than the plan's is rejected.

use core::fmt;
use std::str::FromStr;

use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale, RiskScore};
use namnd_core::FiscalYear;
use namnd_core::law::Duty;

use crate::schedule::{Schedule, echo};
use crate::{ControlError, Result};

// --------------------------------------------------------------- PlanPeriod

/// The years a plan covers, first to last inclusive (*planperiod*).
///
/// Parses `2023-2025`, `2023–2025` (en dash) and a single year `2024`;
/// displays with an en dash. With the `serde` feature it is written as that
/// text and reading checks it.
///
/// # Example
/// ```
/// use namnd_control::plan::PlanPeriod;
/// use namnd_core::FiscalYear;
///
/// let period: PlanPeriod = "2023-2025".parse()?;
/// assert_eq!(period.first(), FiscalYear::try_new(2023)?);
/// assert_eq!(period.years().count(), 3);
/// assert_eq!(period.to_string(), "2023–2025");
/// assert!("2025-2023".parse::<PlanPeriod>().is_err());
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PlanPeriod {
    first: FiscalYear,
    last: FiscalYear,
}

impl PlanPeriod {
    /// The period `first..=last`.
    ///
    /// # Errors
    /// [`ControlError::InvalidPlanPeriod`] if `last` is before `first`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// use namnd_core::FiscalYear;
    /// let p = PlanPeriod::new(FiscalYear::try_new(2022)?, FiscalYear::try_new(2024)?)?;
    /// assert_eq!(p.last().year(), 2024);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(first: FiscalYear, last: FiscalYear) -> Result<PlanPeriod> {
        if last < first {
            return Err(ControlError::InvalidPlanPeriod {
                first: first.year(),
                last: last.year(),
            });
        }
        Ok(PlanPeriod { first, last })
    }

    /// A period of one year.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// use namnd_core::FiscalYear;
    /// assert_eq!(PlanPeriod::single(FiscalYear::try_new(2024)?).to_string(), "2024");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn single(year: FiscalYear) -> PlanPeriod {
        PlanPeriod {
            first: year,
            last: year,
        }
    }

    /// The first year.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// assert_eq!("2023–2025".parse::<PlanPeriod>()?.first().year(), 2023);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn first(self) -> FiscalYear {
        self.first
    }

    /// The last year.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// assert_eq!("2023–2025".parse::<PlanPeriod>()?.last().year(), 2025);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn last(self) -> FiscalYear {
        self.last
    }

    /// Whether `year` lies in the period.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// use namnd_core::FiscalYear;
    /// assert!("2023-2025".parse::<PlanPeriod>()?.contains(FiscalYear::try_new(2024)?));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn contains(self, year: FiscalYear) -> bool {
        self.first <= year && year <= self.last
    }

    /// The years, ascending.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::PlanPeriod;
    /// let years: Vec<i32> = "2022-2024".parse::<PlanPeriod>()?.years().map(|y| y.year()).collect();
    /// assert_eq!(years, [2022, 2023, 2024]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn years(self) -> impl Iterator<Item = FiscalYear> {
        (self.first.year()..=self.last.year()).filter_map(|y| FiscalYear::try_new(y).ok())
    }
}

impl FromStr for PlanPeriod {
    type Err = ControlError;

    fn from_str(text: &str) -> Result<Self> {
        let malformed = || ControlError::MalformedPlanPeriod { text: echo(text) };
        let trimmed = text.trim();
        let mut parts = trimmed.split(['-', '–', '—']).map(str::trim);
        let first = parts.next().ok_or_else(malformed)?;
        let last = parts.next();
        if parts.next().is_some() {
            return Err(malformed());
        }
        let year = |t: &str| -> Result<FiscalYear> {
            if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed());
            }
            Ok(t.parse::<FiscalYear>()?)
        };
        let first = year(first)?;
        match last {
            Some(last) => PlanPeriod::new(first, year(last)?),
            None => Ok(PlanPeriod::single(first)),
        }
    }
}

impl TryFrom<String> for PlanPeriod {
    type Error = ControlError;

    fn try_from(text: String) -> Result<Self> {
        text.parse()
    }
}

impl From<PlanPeriod> for String {
    fn from(p: PlanPeriod) -> String {
        p.to_string()
    }
}

/// Prints `2023–2025`, or `2024` for one year.
impl fmt::Display for PlanPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

// ----------------------------------------------------------- RiskAssessment

/// A row's risk score.
///
/// Plans differ: Flen's has no scores ([`RiskAssessment::Unscored`]),
/// Gnesta's states only the *riskvärde* ([`RiskAssessment::Value`]), others
/// give *sannolikhet* and *konsekvens* ([`RiskAssessment::Score`], from
/// `namnd_calc::risk`). A stated value is always checked to be a product of
/// two factors on the scale: 7, 11, 13 … cannot occur on 5×5.
///
/// # Example
/// ```
/// use namnd_calc::risk::RiskScale;
/// use namnd_control::plan::RiskAssessment;
///
/// let stated = RiskAssessment::value(RiskScale::FIVE, 16)?;
/// assert_eq!(stated.risk_value(), Some(16));
/// assert!(RiskAssessment::value(RiskScale::FIVE, 13).is_err());
/// let scored = RiskAssessment::score(RiskScale::FIVE, 4, 5)?;
/// assert_eq!(scored.risk_value(), Some(20));
/// assert_eq!(RiskAssessment::Unscored.risk_value(), None);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RiskAssessmentRepr", into = "RiskAssessmentRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RiskAssessment {
    /// No score (plans without risk scoring).
    #[default]
    Unscored,
    /// Only the risk value is stated; it is a possible product on `scale`.
    Value {
        /// The scale the value is on.
        scale: RiskScale,
        /// The risk value.
        value: u32,
    },
    /// Probability and consequence.
    Score(RiskScore),
}

/// The wire form of a [`RiskAssessment`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
enum RiskAssessmentRepr {
    Unscored,
    Value { scale: RiskScale, value: u32 },
    Score(RiskScore),
}

#[cfg(feature = "serde")]
impl TryFrom<RiskAssessmentRepr> for RiskAssessment {
    type Error = ControlError;

    fn try_from(r: RiskAssessmentRepr) -> Result<Self> {
        match r {
            RiskAssessmentRepr::Unscored => Ok(RiskAssessment::Unscored),
            RiskAssessmentRepr::Value { scale, value } => RiskAssessment::value(scale, value),
            RiskAssessmentRepr::Score(s) => Ok(RiskAssessment::Score(s)),
        }
    }
}

#[cfg(feature = "serde")]
impl From<RiskAssessment> for RiskAssessmentRepr {
    fn from(r: RiskAssessment) -> Self {
        match r {
            RiskAssessment::Unscored => RiskAssessmentRepr::Unscored,
            RiskAssessment::Value { scale, value } => RiskAssessmentRepr::Value { scale, value },
            RiskAssessment::Score(s) => RiskAssessmentRepr::Score(s),
        }
    }
}

impl RiskAssessment {
    /// A stated risk value, checked against the scale.
    ///
    /// # Errors
    /// [`ControlError::Calc`] with `ImpossibleRiskValue` if no two factors
    /// on the scale give `value`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::RiskAssessment;
    /// assert!(RiskAssessment::value(RiskScale::FIVE, 25).is_ok());
    /// assert!(RiskAssessment::value(RiskScale::FOUR, 25).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn value(scale: RiskScale, value: u32) -> Result<RiskAssessment> {
        scale.validate_value(value)?;
        Ok(RiskAssessment::Value { scale, value })
    }

    /// Probability × consequence.
    ///
    /// # Errors
    /// [`ControlError::Calc`] with `RiskFactorOutOfScale` for a factor
    /// outside the scale.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::RiskAssessment;
    /// assert!(RiskAssessment::score(RiskScale::FIVE, 6, 1).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn score(scale: RiskScale, probability: u32, consequence: u32) -> Result<RiskAssessment> {
        Ok(RiskAssessment::Score(RiskScore::new(
            scale,
            probability,
            consequence,
        )?))
    }

    /// The scale, if the row is scored.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::RiskAssessment;
    /// assert_eq!(RiskAssessment::value(RiskScale::FOUR, 9)?.scale(), Some(RiskScale::FOUR));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn scale(&self) -> Option<RiskScale> {
        match self {
            RiskAssessment::Unscored => None,
            RiskAssessment::Value { scale, .. } => Some(*scale),
            RiskAssessment::Score(s) => Some(s.scale()),
        }
    }

    /// The risk value (*riskvärde*), if the row is scored.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::RiskAssessment;
    /// assert_eq!(RiskAssessment::score(RiskScale::FIVE, 3, 4)?.risk_value(), Some(12));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn risk_value(&self) -> Option<u32> {
        match self {
            RiskAssessment::Unscored => None,
            RiskAssessment::Value { value, .. } => Some(*value),
            RiskAssessment::Score(s) => Some(s.value()),
        }
    }

    /// The level of the risk value in `bands`; `None` if unscored.
    ///
    /// # Errors
    /// [`ControlError::Calc`] if the bands are on another scale.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
    /// use namnd_control::plan::RiskAssessment;
    /// let bands = RiskBands::from_upper_bounds(RiskScale::FIVE, &[(9, RiskLevel::Low), (25, RiskLevel::High)])?;
    /// assert_eq!(RiskAssessment::value(RiskScale::FIVE, 16)?.level(&bands)?, Some(RiskLevel::High));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn level(&self, bands: &RiskBands) -> Result<Option<RiskLevel>> {
        match self {
            RiskAssessment::Unscored => Ok(None),
            RiskAssessment::Value { scale, value } => {
                if *scale != bands.scale() {
                    return Err(namnd_calc::CalcError::RiskScaleMismatch {
                        score_max: scale.max(),
                        bands_max: bands.scale().max(),
                    }
                    .into());
                }
                Ok(Some(bands.classify_value(*value)?))
            }
            RiskAssessment::Score(s) => Ok(Some(bands.classify(s)?)),
        }
    }
}

/// Prints `16`, `4×5=20`, or `–` when unscored.
impl fmt::Display for RiskAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RiskAssessment::Unscored => f.write_str("–"),
            RiskAssessment::Value { value, .. } => write!(f, "{value}"),
            RiskAssessment::Score(s) => {
                write!(f, "{}×{}={}", s.probability(), s.consequence(), s.value())
            }
        }
    }
}

// ------------------------------------------------------ Recipient and Scope

/// Who a control is reported to (*rapporteras till*).
///
/// # Example
/// ```
/// use namnd_control::plan::Recipient;
///
/// let to = Recipient::parse_list("FC/SN/KF");
/// assert_eq!(to, [Recipient::Forvaltningschef, Recipient::Namnd, Recipient::Kommunfullmaktige]);
/// assert_eq!(Recipient::parse_list("Ekonom/ FC")[0], Recipient::Other("Ekonom".to_owned()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Recipient {
    /// *Förvaltningschef* (FC): head of the administration.
    Forvaltningschef,
    /// The committee (*nämnden*: SN, VON, nämnd).
    Namnd,
    /// *Kommunstyrelsen* (KS): the municipal executive board.
    Kommunstyrelse,
    /// *Kommunfullmäktige* (KF): the municipal council.
    Kommunfullmaktige,
    /// Anyone else, as written (`HR`, `Ekonom`).
    Other(String),
}

impl Recipient {
    /// One recipient from its abbreviation or name (case-insensitive):
    /// `FC`, `förvaltningschef`; `SN`, `VON`, `VN`, `ON`, `nämnd`,
    /// `nämnden`, `socialnämnden`; `KS`; `KF`; anything else is
    /// [`Recipient::Other`].
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::Recipient;
    /// assert_eq!(Recipient::parse("sn"), Recipient::Namnd);
    /// assert_eq!(Recipient::parse("HR"), Recipient::Other("HR".to_owned()));
    /// ```
    pub fn parse(text: &str) -> Recipient {
        let t = text.trim();
        match t.to_lowercase().as_str() {
            "fc" | "förvaltningschef" => Recipient::Forvaltningschef,
            "sn"
            | "von"
            | "vn"
            | "on"
            | "nämnd"
            | "nämnden"
            | "socialnämnden"
            | "vård- och omsorgsnämnden" => Recipient::Namnd,
            "ks" | "kommunstyrelsen" => Recipient::Kommunstyrelse,
            "kf" | "kommunfullmäktige" => Recipient::Kommunfullmaktige,
            _ => Recipient::Other(t.to_owned()),
        }
    }

    /// Splits `FC/SN/KF` (also `,`, `;` and `och` between names) into
    /// recipients, in order, without repeats.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::Recipient;
    /// assert_eq!(Recipient::parse_list("FC/ HR").len(), 2);
    /// assert!(Recipient::parse_list(" ").is_empty());
    /// ```
    pub fn parse_list(text: &str) -> Vec<Recipient> {
        let mut out: Vec<Recipient> = Vec::new();
        for part in text
            .split(['/', ',', ';'])
            .flat_map(|p| p.split(" och "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let r = Recipient::parse(part);
            if !out.contains(&r) {
                out.push(r);
            }
        }
        out
    }
}

/// Prints the abbreviation (`FC`, `SN`, `KS`, `KF`) or the text as written.
impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Forvaltningschef => f.write_str("FC"),
            Recipient::Namnd => f.write_str("SN"),
            Recipient::Kommunstyrelse => f.write_str("KS"),
            Recipient::Kommunfullmaktige => f.write_str("KF"),
            Recipient::Other(t) => f.write_str(t),
        }
    }
}

/// Whether a control is common to the whole municipality or the
/// committee's own (Flen's plan has both sections).
///
/// # Example
/// ```
/// use namnd_control::plan::Scope;
/// assert_eq!(Scope::parse("Kommunövergripande"), Some(Scope::Kommunovergripande));
/// assert_eq!(Scope::parse("nämndspecifik"), Some(Scope::Namndspecifik));
/// assert_eq!(Scope::Namndspecifik.swedish(), "nämndspecifik");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Scope {
    /// *Kommunövergripande*: municipality-wide, set by the executive board
    /// for every committee.
    Kommunovergripande,
    /// *Nämndspecifik*: specific to this committee.
    Namndspecifik,
}

impl Scope {
    /// Reads `kommunövergripande` / `kommungemensam` or `nämndspecifik` /
    /// `specifik` (any case, plural forms too); `None` otherwise.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::Scope;
    /// assert_eq!(Scope::parse("Specifika"), Some(Scope::Namndspecifik));
    /// assert_eq!(Scope::parse("övrigt"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Scope> {
        let t = text.trim().to_lowercase();
        if t.starts_with("kommunövergripande") || t.starts_with("kommungemensam") {
            Some(Scope::Kommunovergripande)
        } else if t.starts_with("nämndspecifik") || t.starts_with("specifik") {
            Some(Scope::Namndspecifik)
        } else {
            None
        }
    }

    /// The Swedish word.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::Scope;
    /// assert_eq!(Scope::Kommunovergripande.swedish(), "kommunövergripande");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Scope::Kommunovergripande => "kommunövergripande",
            Scope::Namndspecifik => "nämndspecifik",
        }
    }
}

// --------------------------------------------------------------- ControlRow

/// One row of an internal-control plan.
///
/// Each field's type carries its own checks ([`Schedule`],
/// [`RiskAssessment`]); the plan checks the risk scale when the row is added
/// ([`InternalControlPlan::push_row`]).
///
/// # Example
/// ```
/// use namnd_calc::risk::RiskScale;
/// use namnd_control::plan::{ControlRow, Recipient, RiskAssessment};
/// use namnd_control::schedule::Schedule;
///
/// let row = ControlRow::new(
///     "Attestering av fakturor",
///     "Att fakturor är korrekta",
///     Schedule::parse("4 ggr/år Mars Juni September December")?,
/// )
/// .with_risk("Felaktiga fakturor", RiskAssessment::value(RiskScale::FIVE, 20)?)
/// .with_method("Att fakturor är korrekta utifrån checklista")
/// .with_responsible("Ekonomiassistent/Ekonom")
/// .with_reported_to(Recipient::parse_list("FC"));
/// assert_eq!(row.risk_assessment.risk_value(), Some(20));
/// assert_eq!(row.schedule.months().len(), 4);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ControlRow {
    /// The process, routine or area (*process*, *rutin/område*).
    pub process: String,
    /// The risk, as text (*risk*).
    pub risk: String,
    /// The risk score.
    #[cfg_attr(feature = "serde", serde(default))]
    pub risk_assessment: RiskAssessment,
    /// The control activity (*kontrollmoment*): what is checked.
    pub control_activity: String,
    /// The method (*metod*, *kontrollmetod*), e.g. *stickprov* (sample check).
    pub method: String,
    /// Frequency and months.
    pub schedule: Schedule,
    /// The responsible role (*ansvarig*), never a person's name.
    pub responsible: String,
    /// Who the result is reported to (*rapporteras till*).
    #[cfg_attr(feature = "serde", serde(default))]
    pub reported_to: Vec<Recipient>,
    /// Municipality-wide or committee-specific, if the plan says.
    #[cfg_attr(feature = "serde", serde(default))]
    pub scope: Option<Scope>,
    /// The legal duty the control secures, if any: a version diff warns when
    /// such a row is dropped ([`crate::diff`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub duty: Option<Duty>,
    /// Where the row came from (a line in a document or file), for messages.
    #[cfg_attr(feature = "serde", serde(default))]
    pub source_line: Option<u64>,
}

impl ControlRow {
    /// A row with its process, control activity and schedule; the other
    /// fields empty or unset.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// let row = ControlRow::new("Arkiv och gallring", "Att verksamhetssystemet är aktuellt", Schedule::parse("1 ggr/år")?);
    /// assert!(row.reported_to.is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(
        process: impl Into<String>,
        control_activity: impl Into<String>,
        schedule: Schedule,
    ) -> ControlRow {
        ControlRow {
            process: process.into(),
            risk: String::new(),
            risk_assessment: RiskAssessment::Unscored,
            control_activity: control_activity.into(),
            method: String::new(),
            schedule,
            responsible: String::new(),
            reported_to: Vec::new(),
            scope: None,
            duty: None,
            source_line: None,
        }
    }

    /// Sets the risk text and score.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::{ControlRow, RiskAssessment};
    /// use namnd_control::schedule::Schedule;
    /// let row = ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_risk("R", RiskAssessment::Unscored);
    /// assert_eq!(row.risk, "R");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_risk(mut self, risk: impl Into<String>, assessment: RiskAssessment) -> Self {
        self.risk = risk.into();
        self.risk_assessment = assessment;
        self
    }

    /// Sets the method.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// assert_eq!(ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_method("Stickprov").method, "Stickprov");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_method(mut self, method: impl Into<String>) -> Self {
        self.method = method.into();
        self
    }

    /// Sets the responsible role.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// assert_eq!(ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_responsible("EC").responsible, "EC");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_responsible(mut self, role: impl Into<String>) -> Self {
        self.responsible = role.into();
        self
    }

    /// Sets who the control is reported to.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::{ControlRow, Recipient};
    /// use namnd_control::schedule::Schedule;
    /// let row = ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_reported_to(Recipient::parse_list("FC/SN"));
    /// assert_eq!(row.reported_to.len(), 2);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_reported_to(mut self, to: Vec<Recipient>) -> Self {
        self.reported_to = to;
        self
    }

    /// Sets the scope.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::{ControlRow, Scope};
    /// use namnd_control::schedule::Schedule;
    /// let row = ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_scope(Scope::Kommunovergripande);
    /// assert_eq!(row.scope, Some(Scope::Kommunovergripande));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Sets the legal duty the control secures.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// use namnd_core::law::Duty;
    /// let row = ControlRow::new("P", "K", Schedule::parse("Kvartalsvis")?).with_duty(Duty::ReportUnexecutedDecisions);
    /// assert_eq!(row.duty, Some(Duty::ReportUnexecutedDecisions));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_duty(mut self, duty: Duty) -> Self {
        self.duty = Some(duty);
        self
    }

    /// Sets the source line.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// assert_eq!(ControlRow::new("P", "K", Schedule::parse("Löpande")?).with_source_line(4332).source_line, Some(4332));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_source_line(mut self, line: u64) -> Self {
        self.source_line = Some(line);
        self
    }

    /// The key that identifies the row across plan versions: process and
    /// control activity, lowercased, with hyphenation and whitespace
    /// collapsed (`Delegations-\nordningen` = `delegationsordningen`).
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::ControlRow;
    /// use namnd_control::schedule::Schedule;
    /// let a = ControlRow::new("Attestering av  fakturor", "Att fakturor är korrekta", Schedule::parse("Löpande")?);
    /// let b = ControlRow::new("attestering av fakturor", "Att fakturor är korrekta ", Schedule::parse("Månadsvis")?);
    /// assert_eq!(a.key(), b.key());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn key(&self) -> RowKey {
        RowKey {
            process: normalise(&self.process),
            control_activity: normalise(&self.control_activity),
        }
    }
}

/// Lowercase, hyphen-at-line-end removed, whitespace collapsed.
fn normalise(text: &str) -> String {
    let joined = text.replace("-\n", "").replace("- \n", "");
    joined
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What identifies a row across plan versions ([`ControlRow::key`]).
///
/// # Example
/// ```
/// use namnd_control::plan::ControlRow;
/// use namnd_control::schedule::Schedule;
/// let key = ControlRow::new("Arkiv", "Gallring", Schedule::parse("1 ggr/år")?).key();
/// assert_eq!(key.to_string(), "arkiv: gallring");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RowKey {
    /// Normalised process.
    pub process: String,
    /// Normalised control activity.
    pub control_activity: String,
}

/// Prints `process: control activity`.
impl fmt::Display for RowKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.process, self.control_activity)
    }
}

// --------------------------------------------------------------- Attachment

/// An attachment (*bilaga*) of a plan decision, with the period its heading
/// states.
///
/// # Example
/// ```
/// use namnd_control::plan::Attachment;
/// let a = Attachment::new("Internkontrollplan för socialnämnden", "2022-2024".parse()?);
/// assert_eq!(a.period.to_string(), "2022–2024");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Attachment {
    /// The attachment's title.
    pub title: String,
    /// The period its heading states.
    pub period: PlanPeriod,
}

impl Attachment {
    /// An attachment.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::Attachment;
    /// assert_eq!(Attachment::new("Bilaga 1", "2024".parse()?).title, "Bilaga 1");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(title: impl Into<String>, period: PlanPeriod) -> Attachment {
        Attachment {
            title: title.into(),
            period,
        }
    }
}

/// An attachment whose stated period differs from its plan's
/// ([`InternalControlPlan::attachment_period_mismatches`]).
///
/// # Example
/// ```
/// use namnd_control::plan::{Attachment, InternalControlPlan};
/// let mut plan = InternalControlPlan::new("Socialnämnden", "2023-2025".parse()?);
/// plan.add_attachment(Attachment::new("Internkontrollplan", "2022-2024".parse()?));
/// let m = &plan.attachment_period_mismatches()[0];
/// assert_eq!((m.plan.to_string(), m.stated.to_string()), ("2023–2025".to_owned(), "2022–2024".to_owned()));
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PeriodMismatch {
    /// Index of the attachment in [`InternalControlPlan::attachments`].
    pub attachment: usize,
    /// The attachment's title.
    pub title: String,
    /// The plan's period.
    pub plan: PlanPeriod,
    /// The period the attachment states.
    pub stated: PlanPeriod,
}

/// Two rows of a plan that are identical in every field except their source
/// line ([`InternalControlPlan::duplicates`]).
///
/// # Example
/// ```
/// use namnd_control::plan::{ControlRow, DuplicateRow, InternalControlPlan};
/// use namnd_control::schedule::Schedule;
/// let mut plan = InternalControlPlan::unscored("Vård- och omsorgsnämnden", "2024".parse()?);
/// let row = ControlRow::new("Välfärdsbrott", "Skapa rutiner", Schedule::parse("En gång per år")?);
/// plan.push_row(row.clone())?;
/// plan.push_row(row)?;
/// assert_eq!(plan.duplicates(), [DuplicateRow { first: 0, duplicate: 1 }]);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DuplicateRow {
    /// Index of the first occurrence.
    pub first: usize,
    /// Index of the repeat.
    pub duplicate: usize,
}

// ------------------------------------------------------ InternalControlPlan

/// A committee's internal-control plan (*internkontrollplan*) for a period.
///
/// The plan has a risk scale ([`InternalControlPlan::new`] uses 5×5,
/// [`InternalControlPlan::with_scale`] another) or none
/// ([`InternalControlPlan::unscored`], as Flen's plan); every scored row must
/// be on the plan's scale. Optional [`RiskBands`] give levels.
///
/// With the `serde` feature, reading a plan checks every row as
/// [`InternalControlPlan::push_row`] does.
///
/// # Example
/// ```
/// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
/// use namnd_control::plan::{ControlRow, InternalControlPlan, RiskAssessment};
/// use namnd_control::schedule::Schedule;
///
/// let mut plan = InternalControlPlan::new("Socialnämnden", "2022-2024".parse()?);
/// plan.set_bands(RiskBands::from_upper_bounds(RiskScale::FIVE, &[(9, RiskLevel::Low), (15, RiskLevel::Medium), (25, RiskLevel::High)])?)?;
/// plan.push_row(
///     ControlRow::new("Delegationsordningen", "Att beslut är fattade av rätt person", Schedule::parse("2 ggr/år April Augusti")?)
///         .with_risk("Att delegationsordningen inte är relevant", RiskAssessment::value(RiskScale::FIVE, 16)?),
/// )?;
/// assert_eq!(plan.rows().len(), 1);
/// assert_eq!(plan.level_of(0)?, Some(RiskLevel::High));
/// // A 4×4 score does not belong in a 5×5 plan.
/// let wrong = ControlRow::new("P", "K", Schedule::parse("Löpande")?)
///     .with_risk("R", RiskAssessment::value(RiskScale::FOUR, 9)?);
/// assert!(plan.push_row(wrong).is_err());
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PlanRepr", into = "PlanRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct InternalControlPlan {
    committee: String,
    period: PlanPeriod,
    scale: Option<RiskScale>,
    bands: Option<RiskBands>,
    rows: Vec<ControlRow>,
    attachments: Vec<Attachment>,
}

/// The wire form of an [`InternalControlPlan`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct PlanRepr {
    committee: String,
    period: PlanPeriod,
    scale: Option<RiskScale>,
    #[serde(default)]
    bands: Option<RiskBands>,
    #[serde(default)]
    rows: Vec<ControlRow>,
    #[serde(default)]
    attachments: Vec<Attachment>,
}

#[cfg(feature = "serde")]
impl TryFrom<PlanRepr> for InternalControlPlan {
    type Error = ControlError;

    fn try_from(r: PlanRepr) -> Result<Self> {
        let mut plan = InternalControlPlan {
            committee: r.committee,
            period: r.period,
            scale: r.scale,
            bands: None,
            rows: Vec::new(),
            attachments: r.attachments,
        };
        if let Some(bands) = r.bands {
            plan.set_bands(bands)?;
        }
        for row in r.rows {
            plan.push_row(row)?;
        }
        Ok(plan)
    }
}

#[cfg(feature = "serde")]
impl From<InternalControlPlan> for PlanRepr {
    fn from(p: InternalControlPlan) -> Self {
        PlanRepr {
            committee: p.committee,
            period: p.period,
            scale: p.scale,
            bands: p.bands,
            rows: p.rows,
            attachments: p.attachments,
        }
    }
}

impl InternalControlPlan {
    /// An empty plan on the 5×5 scale.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::new("Socialnämnden", "2023-2025".parse()?);
    /// assert_eq!(plan.scale(), Some(RiskScale::FIVE));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(committee: impl Into<String>, period: PlanPeriod) -> InternalControlPlan {
        InternalControlPlan::with_scale(committee, period, RiskScale::FIVE)
    }

    /// An empty plan on `scale` (e.g. [`RiskScale::FOUR`]).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::InternalControlPlan;
    /// let plan = InternalControlPlan::with_scale("Nämnden", "2024".parse()?, RiskScale::FOUR);
    /// assert_eq!(plan.scale(), Some(RiskScale::FOUR));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn with_scale(
        committee: impl Into<String>,
        period: PlanPeriod,
        scale: RiskScale,
    ) -> InternalControlPlan {
        InternalControlPlan {
            committee: committee.into(),
            period,
            scale: Some(scale),
            bands: None,
            rows: Vec::new(),
            attachments: Vec::new(),
        }
    }

    /// An empty plan without risk scores: every row must be
    /// [`RiskAssessment::Unscored`].
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert_eq!(InternalControlPlan::unscored("VON", "2024".parse()?).scale(), None);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn unscored(committee: impl Into<String>, period: PlanPeriod) -> InternalControlPlan {
        InternalControlPlan {
            committee: committee.into(),
            period,
            scale: None,
            bands: None,
            rows: Vec::new(),
            attachments: Vec::new(),
        }
    }

    /// Sets the level bands.
    ///
    /// # Errors
    /// [`ControlError::BandsScaleMismatch`] if the bands are on another scale
    /// than the plan (or the plan is unscored).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::{RiskBands, RiskLevel, RiskScale};
    /// use namnd_control::plan::InternalControlPlan;
    /// let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// let four = RiskBands::from_upper_bounds(RiskScale::FOUR, &[(16, RiskLevel::Low)])?;
    /// assert!(plan.set_bands(four).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn set_bands(&mut self, bands: RiskBands) -> Result<()> {
        if self.scale != Some(bands.scale()) {
            return Err(ControlError::BandsScaleMismatch {
                bands_max: bands.scale().max(),
                plan_max: self.scale.map(RiskScale::max),
            });
        }
        self.bands = Some(bands);
        Ok(())
    }

    /// Adds a row at the end.
    ///
    /// # Errors
    /// [`ControlError::RowScaleMismatch`] naming the row if it is scored on
    /// another scale than the plan's, or scored at all in an unscored plan.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::risk::RiskScale;
    /// use namnd_control::plan::{ControlRow, InternalControlPlan, RiskAssessment};
    /// use namnd_control::schedule::Schedule;
    /// let mut plan = InternalControlPlan::unscored("VON", "2024".parse()?);
    /// let scored = ControlRow::new("P", "K", Schedule::parse("Löpande")?)
    ///     .with_risk("R", RiskAssessment::value(RiskScale::FIVE, 9)?);
    /// assert!(plan.push_row(scored).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn push_row(&mut self, row: ControlRow) -> Result<()> {
        if let Some(row_scale) = row.risk_assessment.scale()
            && Some(row_scale) != self.scale
        {
            return Err(ControlError::RowScaleMismatch {
                row: self.rows.len(),
                line: row.source_line,
                row_max: row_scale.max(),
                plan_max: self.scale.map(RiskScale::max),
            });
        }
        self.rows.push(row);
        Ok(())
    }

    /// Adds an attachment.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::{Attachment, InternalControlPlan};
    /// let mut plan = InternalControlPlan::new("SN", "2023-2025".parse()?);
    /// plan.add_attachment(Attachment::new("Internkontrollplan", "2023-2025".parse()?));
    /// assert!(plan.attachment_period_mismatches().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn add_attachment(&mut self, attachment: Attachment) {
        self.attachments.push(attachment);
    }

    /// The committee.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert_eq!(InternalControlPlan::new("SN", "2024".parse()?).committee(), "SN");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn committee(&self) -> &str {
        &self.committee
    }

    /// The plan's period.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert_eq!(InternalControlPlan::new("SN", "2024".parse()?).period().to_string(), "2024");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn period(&self) -> PlanPeriod {
        self.period
    }

    /// The risk scale, `None` for an unscored plan.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).scale().is_some());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn scale(&self) -> Option<RiskScale> {
        self.scale
    }

    /// The level bands, if set.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).bands().is_none());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn bands(&self) -> Option<&RiskBands> {
        self.bands.as_ref()
    }

    /// The rows, in plan order.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).rows().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn rows(&self) -> &[ControlRow] {
        &self.rows
    }

    /// The attachments.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).attachments().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }

    /// The level of row `index` in the plan's bands; `None` if the row is
    /// unscored or the plan has no bands.
    ///
    /// # Errors
    /// [`ControlError::UnknownRow`] if there is no such row.
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).level_of(0).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn level_of(&self, index: usize) -> Result<Option<RiskLevel>> {
        let row = self
            .rows
            .get(index)
            .ok_or(ControlError::UnknownRow { row: index })?;
        match &self.bands {
            Some(bands) => row.risk_assessment.level(bands),
            None => Ok(None),
        }
    }

    /// Rows that repeat an earlier row in every field except the source
    /// line, each paired with the first occurrence.
    ///
    /// # Example
    /// See [`DuplicateRow`].
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).duplicates().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn duplicates(&self) -> Vec<DuplicateRow> {
        let mut seen: std::collections::HashMap<ControlRow, usize> =
            std::collections::HashMap::new();
        let mut out = Vec::new();
        for (index, row) in self.rows.iter().enumerate() {
            let mut comparable = row.clone();
            comparable.source_line = None;
            comparable.process = normalise(&comparable.process);
            comparable.control_activity = normalise(&comparable.control_activity);
            comparable.risk = normalise(&comparable.risk);
            comparable.method = normalise(&comparable.method);
            comparable.responsible = normalise(&comparable.responsible);
            match seen.get(&comparable) {
                Some(&first) => out.push(DuplicateRow {
                    first,
                    duplicate: index,
                }),
                None => {
                    seen.insert(comparable, index);
                }
            }
        }
        out
    }

    /// Attachments whose stated period differs from the plan's (Gnesta's
    /// plan 2023–2025 carried an attachment headed 2022–2024).
    ///
    /// # Example
    /// See [`PeriodMismatch`].
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).attachment_period_mismatches().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn attachment_period_mismatches(&self) -> Vec<PeriodMismatch> {
        self.attachments
            .iter()
            .enumerate()
            .filter(|(_, a)| a.period != self.period)
            .map(|(attachment, a)| PeriodMismatch {
                attachment,
                title: a.title.clone(),
                plan: self.period,
                stated: a.period,
            })
            .collect()
    }

    /// Every row's risk value, in plan order (`None` for unscored rows).
    ///
    /// # Example
    /// ```
    /// use namnd_control::plan::InternalControlPlan;
    /// assert!(InternalControlPlan::new("SN", "2024".parse()?).risk_values().next().is_none());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn risk_values(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        self.rows.iter().map(|r| r.risk_assessment.risk_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bands() -> RiskBands {
        RiskBands::from_upper_bounds(
            RiskScale::FIVE,
            &[
                (9, RiskLevel::Low),
                (15, RiskLevel::Medium),
                (25, RiskLevel::High),
            ],
        )
        .unwrap()
    }

    #[test]
    fn level_bands_are_inclusive_at_their_upper_bounds() {
        let level = |v| {
            RiskAssessment::value(RiskScale::FIVE, v)
                .unwrap()
                .level(&bands())
                .unwrap()
        };
        assert_eq!(level(9), Some(RiskLevel::Low));
        assert_eq!(level(10), Some(RiskLevel::Medium));
        assert_eq!(level(15), Some(RiskLevel::Medium));
        assert_eq!(level(16), Some(RiskLevel::High));
        assert_eq!(level(25), Some(RiskLevel::High));
        assert_eq!(RiskAssessment::Unscored.level(&bands()).unwrap(), None);
        // A score (factors) is banded by its product the same way.
        let score = RiskAssessment::Score(RiskScore::new(RiskScale::FIVE, 2, 5).unwrap());
        assert_eq!(score.level(&bands()).unwrap(), Some(RiskLevel::Medium));
    }

    #[test]
    fn risk_value_on_another_scale_than_the_bands_is_a_scale_mismatch() {
        let four = RiskAssessment::value(RiskScale::FOUR, 16).unwrap();
        assert_eq!(
            four.level(&bands()),
            Err(ControlError::Calc(
                namnd_calc::CalcError::RiskScaleMismatch {
                    score_max: 4,
                    bands_max: 5
                }
            ))
        );
        assert_eq!(
            four.level(&bands()).unwrap_err().reason(),
            "RiskScaleMismatch"
        );
    }

    fn row(process: &str) -> ControlRow {
        ControlRow::new(
            process,
            "Kontroll",
            Schedule::parse("2 ggr/år Juni December").unwrap(),
        )
    }

    #[test]
    fn plan_period_parses_dashes_and_rejects_reversed_years() {
        assert_eq!(
            "2023–2025".parse::<PlanPeriod>().unwrap(),
            "2023-2025".parse::<PlanPeriod>().unwrap()
        );
        assert_eq!(
            "2025-2023".parse::<PlanPeriod>(),
            Err(ControlError::InvalidPlanPeriod {
                first: 2025,
                last: 2023
            })
        );
        assert!(matches!(
            "20x3".parse::<PlanPeriod>(),
            Err(ControlError::MalformedPlanPeriod { .. })
        ));
        assert!("2023-2024-2025".parse::<PlanPeriod>().is_err());
        assert!("".parse::<PlanPeriod>().is_err());
    }

    #[test]
    fn attachment_with_another_period_is_detected() {
        // Gnesta SN 2023: the decision (line 4397) adopts "Internkontrollplan
        // 2023-2025"; the attachment's heading (line 4692) says 2022-2024.
        let mut plan = InternalControlPlan::unscored("Socialnämnden", "2023-2025".parse().unwrap());
        plan.add_attachment(Attachment::new(
            "Internkontrollplan 2022-2024",
            "2022-2024".parse().unwrap(),
        ));
        let mismatches = plan.attachment_period_mismatches();
        assert_eq!(mismatches.len(), 1);
        assert_eq!(mismatches[0].stated.first().year(), 2022);
        assert_eq!(mismatches[0].plan.first().year(), 2023);
    }

    #[test]
    fn verbatim_repeat_is_a_duplicate_but_a_changed_row_is_not() {
        let mut plan = InternalControlPlan::unscored("VON", "2024".parse().unwrap());
        plan.push_row(row("Välfärdsbrott").with_source_line(739))
            .unwrap();
        plan.push_row(row("Combine")).unwrap();
        // The same row again at another line, with other line breaks and case.
        plan.push_row(row("välfärdsbrott\n").with_source_line(770))
            .unwrap();
        // Changed method: not a repeat.
        plan.push_row(row("Välfärdsbrott").with_method("Stickprov"))
            .unwrap();
        // A different word: not a repeat.
        plan.push_row(row("Välfärds brott")).unwrap();
        assert_eq!(
            plan.duplicates(),
            [DuplicateRow {
                first: 0,
                duplicate: 2
            }]
        );
    }

    #[test]
    fn row_on_another_scale_is_rejected_naming_the_row() {
        let mut plan = InternalControlPlan::new("SN", "2024".parse().unwrap());
        plan.push_row(row("A")).unwrap();
        let wrong = row("B")
            .with_source_line(12)
            .with_risk("R", RiskAssessment::value(RiskScale::FOUR, 9).unwrap());
        assert_eq!(
            plan.push_row(wrong),
            Err(ControlError::RowScaleMismatch {
                row: 1,
                line: Some(12),
                row_max: 4,
                plan_max: Some(5)
            })
        );
    }

    #[test]
    fn recipients_split_into_bodies() {
        assert_eq!(
            Recipient::parse_list("FC/SN/KF"),
            [
                Recipient::Forvaltningschef,
                Recipient::Namnd,
                Recipient::Kommunfullmaktige
            ]
        );
        assert_eq!(
            Recipient::parse_list("Ekonom/FC"),
            [
                Recipient::Other("Ekonom".to_owned()),
                Recipient::Forvaltningschef
            ]
        );
        assert_eq!(
            Recipient::parse_list("FC/HR"),
            [
                Recipient::Forvaltningschef,
                Recipient::Other("HR".to_owned())
            ]
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_plan_checks_rows_and_values() {
        let mut plan = InternalControlPlan::new("SN", "2022-2024".parse().unwrap());
        plan.push_row(
            row("Attestering av fakturor")
                .with_risk(
                    "Felaktiga fakturor",
                    RiskAssessment::value(RiskScale::FIVE, 20).unwrap(),
                )
                .with_duty(Duty::InternalControl),
        )
        .unwrap();
        plan.add_attachment(Attachment::new("Bilaga", "2022-2024".parse().unwrap()));
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["period"], "2022–2024");
        assert_eq!(
            serde_json::from_value::<InternalControlPlan>(json.clone()).unwrap(),
            plan
        );
        // A risk value no two factors give.
        let mut bad = json.clone();
        bad["rows"][0]["risk_assessment"] = serde_json::json!({"value": {"scale": 5, "value": 13}});
        assert!(serde_json::from_value::<InternalControlPlan>(bad).is_err());
        // A 4×4 row in a 5×5 plan.
        let mut bad = json.clone();
        bad["rows"][0]["risk_assessment"] = serde_json::json!({"value": {"scale": 4, "value": 9}});
        let err = serde_json::from_value::<InternalControlPlan>(bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("row 0 is scored on a 4×4 scale"), "{err}");
        // A period that ends before it starts.
        let mut bad = json;
        bad["period"] = serde_json::json!("2024-2022");
        assert!(serde_json::from_value::<InternalControlPlan>(bad).is_err());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn json_schema_of_a_plan_names_its_fields() {
        let schema = serde_json::to_value(schemars::schema_for!(InternalControlPlan)).unwrap();
        let text = schema.to_string();
        for field in [
            "committee",
            "period",
            "rows",
            "attachments",
            "control_activity",
        ] {
            assert!(text.contains(field), "{field}");
        }
    }

    proptest! {
        #[test]
        fn stated_risk_values_are_only_products_on_the_scale(max in 1_u32..=6, value in 0_u32..=40) {
            let scale = RiskScale::new(max)?;
            let is_product = (1..=max).any(|a| (1..=max).any(|b| a * b == value));
            prop_assert_eq!(RiskAssessment::value(scale, value).is_ok(), is_product);
        }

        #[test]
        fn scored_rows_have_values_within_the_scale(p in 1_u32..=5, c in 1_u32..=5) {
            let a = RiskAssessment::score(RiskScale::FIVE, p, c)?;
            let v = a.risk_value().unwrap_or(0);
            prop_assert!(RiskScale::FIVE.is_possible_value(v));
            prop_assert!(![7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24].contains(&v));
        }
    }
}
