//! Goals (*mål*), indicators (*indikatorer*) and their assessment (*måluppfyllelse*).
//!
//! A committee (*nämnd*) follows up the municipal council's goals
//! (*inriktningsmål*) through its own goals (*nämndmål*), each measured by
//! indicators and by assignments (*uppdrag*). This module models that chain,
//! computes a status for every indicator from its target and measurement, keeps
//! an assessed status beside it when the committee judged otherwise (with the
//! written justification), maps statuses onto the scales printed in reports,
//! rolls statuses up the hierarchy, and compares a value with the previous one.
//!
//! ## Swedish terms
//!
//! | Swedish | English | Here |
//! |---|---|---|
//! | *inriktningsmål*, *kommunmål* | the council's (KF's) goal | [`GoalLevel::Inriktningsmal`] |
//! | *nämndmål* | committee goal | [`GoalLevel::Namndmal`] |
//! | *indikator*, *mått*, *nyckeltal* | indicator, measure | [`Indicator`] |
//! | *uppdrag*, *nämndåtagande* | assignment, assessed directly | [`Node::Assignment`] |
//! | *ingångsvärde* | baseline | the `baseline` of [`Target`] |
//! | *målvärde* | target value | [`Target`] |
//! | *utfall*, *bokslutsvärde*, *nuläge* | outcome, year-end value, current value | [`Measurement`] |
//! | *öka* / *minska*, *förbättra* | increase / decrease, improve | [`Target::Improve`] (parsed), [`Target::Increase`], [`Target::Decrease`] |
//! | *bibehålla*, *behålla* | maintain | [`Target::Maintain`] |
//! | *minst i nivå med riket* | at least the national level | [`Target::AtLeastNational`] |
//! | *genomfört* | done (a milestone) | [`Target::Milestone`] |
//! | *antal införda lösningar* | number of introduced solutions | [`Target::Introduced`] |
//! | *riket*, *länet*, *liknande kommuner* | the nation, the county, similar municipalities | [`Comparisons`] |
//! | *uppgift saknas*, *nytt mål*, `–` | no value available, new goal (no value yet), a dash | [`Observation::Missing`], read from printed cells by [`Measurement::parse_printed`] |
//! | *åtgärd krävs* | action required (a flag, kept beside the status) | [`Assessment::with_action_required`] |
//! | *uppnått*, *delvis uppnått*, *ej uppnått* | met, partly met, not met | [`Label`] |
//! | *grön*, *gul*, *röd* | green, yellow, red | [`Label`] |
//! | *ja*, *nej* | yes, no | [`Label`] |
//!
//! ## Assess an indicator
//! ```
//! use namnd_core::{Decimal, Period};
//! use namnd_kpi::goal::{AssessmentConfig, Direction, Indicator, IndicatorUnit, Label, Measurement, Scale, ScaleMapping, Status};
//!
//! // Gnesta, årsredovisning 2022: personalkontinuitet U21401 is 19 against a target of 14.
//! let u21401 = Indicator::new("U21401", "Personalkontinuitet", IndicatorUnit::Persons, Direction::LowerIsBetter)?
//!     .with_kolada_id("U21401".parse()?);
//! let target = u21401.parse_target("14 st", None)?;
//! let year: Period = "2022".parse()?;
//! let outcome = Measurement::measured(year, Decimal::from(19));
//! let assessment = u21401.assess(&target, &outcome, &AssessmentConfig::default())?;
//! assert_eq!(assessment.computed(), Status::NotMet);
//! assert_eq!(ScaleMapping::new(Scale::Traffic).label(assessment.status()), Label::Rod);
//! # Ok::<(), namnd_kpi::KpiError>(())
//! ```
//!
//! ## Rules
//! - Missing data is never 0: a missing or not applicable value assesses as
//!   [`Status::NotMeasurable`], and the scale mapping decides how it is printed.
//! - The assessed status replaces the computed one only with a written
//!   justification, and both are kept.
//! - Roll-up is [`RollUp::WorstOf`] unless configured; the severity order is
//!   met < partly met < not measurable < not met.

use core::fmt;
use core::str::FromStr;

use namnd_core::{Decimal, NumberUnit, Period, SwedishNumber};

use crate::{KpiError, Result};

/// Builds a comparator target from its number.
type MakeTarget = fn(Decimal) -> Target;

/// User text made fit for an error message: identity numbers masked,
/// control characters escaped, at most 40 characters.
/// The words of a *bibehålla* target (longest first, so `bibehållas` is not
/// read as `bibehålla` + `s`).
const MAINTAIN_WORDS: [&str; 4] = ["bibehållas", "bibehålla", "behållas", "behålla"];

/// The endings of a "number of introduced solutions" target.
const INTRODUCED_SUFFIXES: [&str; 4] = [
    " införda lösningar",
    " införd lösning",
    " lösningar införda",
    " lösning införd",
];

fn echo(input: &str) -> String {
    namnd_core::quote_for_message(input, 40)
}

fn checked_id(id: impl Into<String>, what: &'static str) -> Result<String> {
    let id = id.into().trim().to_owned();
    if id.is_empty() {
        Err(KpiError::EmptyGoalId { what })
    } else {
        Ok(id)
    }
}

// ------------------------------------------------------------------ indicator

/// The unit an indicator is measured in.
///
/// # Example
/// ```
/// use namnd_kpi::goal::IndicatorUnit;
/// assert_eq!(IndicatorUnit::Percent.to_string(), "percent");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum IndicatorUnit {
    /// Percent (*procent*, *andel*): 91 means 91 %.
    Percent,
    /// A count of things (*antal*).
    Count,
    /// Days (*dagar*), e.g. a waiting time.
    Days,
    /// Kronor (*kr*), e.g. cost per user.
    Kronor,
    /// A ratio without unit (*kvot*).
    Ratio,
    /// A number of persons (*personer*, *st*), e.g. staff met in 14 days.
    Persons,
}

impl IndicatorUnit {
    /// The unit's English name, as used in messages.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::IndicatorUnit;
    /// assert_eq!(IndicatorUnit::Days.name(), "days");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            IndicatorUnit::Percent => "percent",
            IndicatorUnit::Count => "count",
            IndicatorUnit::Days => "days",
            IndicatorUnit::Kronor => "kronor",
            IndicatorUnit::Ratio => "ratio",
            IndicatorUnit::Persons => "persons",
        }
    }
}

impl fmt::Display for IndicatorUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which values are better.
///
/// Personalkontinuitet, waiting times, investigation times and sick leave are
/// lower-is-better, even when the goal text says continuity "shall increase".
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::{Direction, Trend};
/// // 19 → 18 staff met in 14 days is an improvement.
/// assert_eq!(Direction::LowerIsBetter.trend(Decimal::from(19), Decimal::from(18)), Trend::Improved);
/// assert_eq!(Direction::LowerIsBetter.flipped(), Direction::HigherIsBetter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Direction {
    /// Higher is better (*högre är bättre*).
    HigherIsBetter,
    /// Lower is better (*lägre är bättre*).
    LowerIsBetter,
    /// Best within a band (*inom ett intervall*); the target gives the band.
    WithinBand,
}

impl Direction {
    /// The direction in words, as used in messages.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Direction;
    /// assert_eq!(Direction::LowerIsBetter.name(), "lower is better");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
            Direction::WithinBand => "within a band",
        }
    }

    /// The opposite direction (a band stays a band).
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Direction;
    /// assert_eq!(Direction::WithinBand.flipped(), Direction::WithinBand);
    /// ```
    pub fn flipped(self) -> Direction {
        match self {
            Direction::HigherIsBetter => Direction::LowerIsBetter,
            Direction::LowerIsBetter => Direction::HigherIsBetter,
            Direction::WithinBand => Direction::WithinBand,
        }
    }

    /// The trend from `previous` to `current`.
    ///
    /// Within a band there is no better side without the band, so the answer
    /// is [`Trend::NotComparable`]; use [`Trend::within`] instead.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::{Direction, Trend};
    /// assert_eq!(Direction::HigherIsBetter.trend(Decimal::from(79), Decimal::from(84)), Trend::Improved);
    /// ```
    pub fn trend(self, previous: Decimal, current: Decimal) -> Trend {
        let rising = current.cmp(&previous);
        match (self, rising) {
            (Direction::WithinBand, _) => Trend::NotComparable,
            (_, core::cmp::Ordering::Equal) => Trend::Unchanged,
            (Direction::HigherIsBetter, core::cmp::Ordering::Greater)
            | (Direction::LowerIsBetter, core::cmp::Ordering::Less) => Trend::Improved,
            _ => Trend::Worsened,
        }
    }
}

/// How often an indicator is followed up (*uppföljningsfrekvens*).
///
/// # Example
/// ```
/// use namnd_kpi::goal::Periodicity;
/// assert_ne!(Periodicity::Year, Periodicity::Tertial);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Periodicity {
    /// Every month (*månadsvis*).
    Month,
    /// Every quarter (*kvartalsvis*).
    Quarter,
    /// Every tertial (*tertialvis*).
    Tertial,
    /// At the interim report and at year end (*delår och bokslut*).
    HalfYear,
    /// Once a year (*årligen*, *bokslut*).
    Year,
}

/// A Kolada key-figure id (*KPI-id*), a capital letter and five digits: `U21401`.
///
/// # Example
/// ```
/// use namnd_kpi::goal::KoladaId;
/// let id: KoladaId = "N21006".parse()?;
/// assert_eq!(id.as_str(), "N21006");
/// assert_eq!(
///     "u2140".parse::<KoladaId>().err().map(|e| e.to_string()).as_deref(),
///     Some(r#"kolada id "u2140" is not a capital letter followed by five digits, such as U21401"#)
/// );
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct KoladaId(String);

impl KoladaId {
    /// The id as text.
    ///
    /// # Example
    /// ```
    /// let id: namnd_kpi::goal::KoladaId = "U21401".parse()?;
    /// assert_eq!(id.as_str(), "U21401");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for KoladaId {
    type Err = KpiError;

    fn from_str(s: &str) -> Result<KoladaId> {
        let t = s.trim();
        let mut chars = t.chars();
        let head_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let digits: Vec<char> = chars.collect();
        if head_ok && digits.len() == 5 && digits.iter().all(char::is_ascii_digit) {
            Ok(KoladaId(t.to_owned()))
        } else {
            Err(KpiError::InvalidKoladaId { input: echo(s) })
        }
    }
}

impl TryFrom<String> for KoladaId {
    type Error = KpiError;

    fn try_from(s: String) -> Result<KoladaId> {
        s.parse()
    }
}

impl From<KoladaId> for String {
    fn from(id: KoladaId) -> String {
        id.0
    }
}

impl fmt::Display for KoladaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An indicator (*indikator*, *mått*, *nyckeltal*): what is measured and which way is better.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Periodicity};
/// let ind = Indicator::new("U23471", "Nöjdhet särskilt boende", IndicatorUnit::Percent, Direction::HigherIsBetter)?
///     .with_description("Andelen brukare som är ganska eller mycket nöjda med sitt särskilda boende")
///     .with_kolada_id("U23471".parse()?)
///     .with_source("Socialstyrelsens brukarundersökning")
///     .with_periodicity(Periodicity::Year)
///     .with_gender_split(true);
/// assert_eq!(ind.kolada_id().map(|k| k.as_str()), Some("U23471"));
/// assert!(ind.gender_split());
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Indicator {
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "serde_checks::indicator_id")
    )]
    id: String,
    name: String,
    description: String,
    unit: IndicatorUnit,
    direction: Direction,
    kolada_id: Option<KoladaId>,
    source: String,
    periodicity: Periodicity,
    gender_split: bool,
}

impl Indicator {
    /// A new indicator with its id, Swedish name, unit and direction; yearly,
    /// without source, description, Kolada id or gender split.
    ///
    /// # Errors
    /// [`KpiError::EmptyGoalId`] if `id` is blank.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new(" N21006 ", "Kostnad per brukare i hemtjänst", IndicatorUnit::Kronor, Direction::LowerIsBetter)?;
    /// assert_eq!(ind.id(), "N21006");
    /// assert!(Indicator::new(" ", "x", IndicatorUnit::Count, Direction::HigherIsBetter).is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        unit: IndicatorUnit,
        direction: Direction,
    ) -> Result<Indicator> {
        Ok(Indicator {
            id: checked_id(id, "indicator")?,
            name: name.into(),
            description: String::new(),
            unit,
            direction,
            kolada_id: None,
            source: String::new(),
            periodicity: Periodicity::Year,
            gender_split: false,
        })
    }

    /// Sets the Swedish description (*beskrivning*).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.with_description("Antal");
    /// assert_eq!(ind.description(), "Antal");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_description(mut self, description: impl Into<String>) -> Indicator {
        self.description = description.into();
        self
    }

    /// Sets the Kolada id.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.with_kolada_id("U21401".parse()?);
    /// assert!(ind.kolada_id().is_some());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_kolada_id(mut self, kolada_id: KoladaId) -> Indicator {
        self.kolada_id = Some(kolada_id);
        self
    }

    /// Sets the source (*källa*): Kolada, a survey or an internal system.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.with_source("Kolada");
    /// assert_eq!(ind.source(), "Kolada");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> Indicator {
        self.source = source.into();
        self
    }

    /// Sets how often the indicator is followed up.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Periodicity};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.with_periodicity(Periodicity::Month);
    /// assert_eq!(ind.periodicity(), Periodicity::Month);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_periodicity(mut self, periodicity: Periodicity) -> Indicator {
        self.periodicity = periodicity;
        self
    }

    /// Sets whether values are reported by gender (*könsuppdelad*).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.with_gender_split(true);
    /// assert!(ind.gender_split());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_gender_split(mut self, gender_split: bool) -> Indicator {
        self.gender_split = gender_split;
        self
    }

    /// The id.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert_eq!(Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.id(), "a");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The Swedish name.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert_eq!(Indicator::new("a", "Antal", IndicatorUnit::Count, Direction::HigherIsBetter)?.name(), "Antal");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Swedish description (empty if none).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert_eq!(Indicator::new("a", "A", IndicatorUnit::Count, Direction::HigherIsBetter)?.description(), "");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The unit.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert_eq!(Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?.unit(), IndicatorUnit::Days);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn unit(&self) -> IndicatorUnit {
        self.unit
    }

    /// The direction.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?;
    /// assert_eq!(ind.direction(), Direction::LowerIsBetter);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The Kolada id, if any.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert!(Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?.kolada_id().is_none());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn kolada_id(&self) -> Option<&KoladaId> {
        self.kolada_id.as_ref()
    }

    /// The source (empty if none).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert_eq!(Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?.source(), "");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The follow-up frequency.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Periodicity};
    /// let ind = Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?;
    /// assert_eq!(ind.periodicity(), Periodicity::Year);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn periodicity(&self) -> Periodicity {
        self.periodicity
    }

    /// Whether values are reported by gender.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// assert!(!Indicator::new("a", "A", IndicatorUnit::Days, Direction::LowerIsBetter)?.gender_split());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn gender_split(&self) -> bool {
        self.gender_split
    }

    /// Builds a "between" target (*mellan*), both bounds included.
    ///
    /// # Errors
    /// [`KpiError::ImpossibleTarget`], naming this indicator, if `low > high`.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::Decimal;
    /// # use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// let ind = Indicator::new("vikarier", "Timvikarier", IndicatorUnit::Count, Direction::WithinBand)?;
    /// let Err(err) = ind.between(Decimal::from(5), Decimal::from(3)) else {
    ///     return Err("5 to 3 must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "indicator vikarier: impossible target, between 5 and 3; the lower bound is above the upper");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn between(&self, low: Decimal, high: Decimal) -> Result<Target> {
        let target = Target::Between { low, high };
        target.validate(&self.id)?;
        Ok(target)
    }

    /// Reads a target as printed in a plan (*verksamhetsplan*), for this indicator.
    ///
    /// Forms: `>25`, `≥91,0 %`, `>=`, `<15`, `≤`, `<=`, `=`, `mellan 5 och 10`,
    /// `öka`, `minska`, `förbättra`, `bibehålla`/`behålla` (tolerance 0),
    /// `bibehålla ±2`, `bibehålla (±2 procentenheter)` (tolerance 2; percentage
    /// points only on a percent indicator), `minst i nivå med riket`,
    /// `genomfört` (a milestone), `3 införda lösningar` ([`Target::Introduced`],
    /// a whole number), and a bare value such as `14 st`, whose sense
    /// follows the direction: at most for lower-is-better, at least for
    /// higher-is-better, exactly for a band. `öka`, `minska`, `förbättra` and
    /// `bibehålla` need the `baseline` (*ingångsvärde*). `öka`, `minska` and
    /// `förbättra` give [`Target::Improve`], better than the baseline in the
    /// indicator's direction: `öka` only on a higher-is-better indicator,
    /// `minska` only on a lower-is-better one (the goal text may say "continuity
    /// shall increase" of U21401, whose number shall fall: write `förbättra`).
    /// Amounts in tkr or mkr are converted to kronor.
    ///
    /// # Errors
    /// All naming this indicator: [`KpiError::ParseTarget`] for an unknown form,
    /// [`KpiError::TargetNumber`] for a malformed number,
    /// [`KpiError::TargetUnitMismatch`] (e.g. `%` on a count),
    /// [`KpiError::MissingBaseline`], [`KpiError::ImpossibleTarget`],
    /// [`KpiError::TargetContradictsDirection`] for `öka` or `minska` against
    /// the direction (or on a band), [`KpiError::ImproveNeedsDirection`] for
    /// `förbättra` on a band.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Target};
    ///
    /// let share = Indicator::new("missbruk", "Andel som inte återkommit", IndicatorUnit::Percent, Direction::HigherIsBetter)?;
    /// assert_eq!(share.parse_target("≥91,0 %", None)?, Target::AtLeast(Decimal::new(910, 1)));
    /// assert_eq!(share.parse_target("bibehålla", Some(Decimal::from(91)))?,
    ///            Target::Maintain { baseline: Decimal::from(91), tolerance: Decimal::ZERO });
    /// assert_eq!(share.parse_target("Minst i nivå med riket", None)?, Target::AtLeastNational);
    /// assert_eq!(share.parse_target("bibehålla (±2 procentenheter)", Some(Decimal::from(91)))?,
    ///            Target::Maintain { baseline: Decimal::from(91), tolerance: Decimal::from(2) });
    /// assert_eq!(share.parse_target("öka", Some(Decimal::from(91)))?, Target::Improve { baseline: Decimal::from(91) });
    /// let err = share.parse_target("minska", Some(Decimal::from(91))).err().map(|e| e.to_string()).unwrap_or_default();
    /// assert!(err.starts_with("indicator missbruk: target \"minska\" contradicts"));
    /// let err = share.parse_target("mellan 5 och 3", None).err().map(|e| e.to_string()).unwrap_or_default();
    /// assert!(err.starts_with("indicator missbruk: impossible target"));
    /// let tools = Indicator::new("välfärdsteknik", "Välfärdsteknik", IndicatorUnit::Count, Direction::HigherIsBetter)?;
    /// assert_eq!(tools.parse_target("3 införda lösningar", None)?, Target::Introduced { count: 3 });
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn parse_target(&self, text: &str, baseline: Option<Decimal>) -> Result<Target> {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = collapsed.to_lowercase();
        let need_baseline = |form: &'static str| {
            baseline.ok_or_else(|| KpiError::MissingBaseline {
                indicator: self.id.clone(),
                target: form,
            })
        };
        let keyword = lower
            .trim_start_matches("ska ")
            .trim_end_matches('.')
            .trim();
        match keyword {
            "öka" | "ökas" | "ökning" => {
                return self.improve_by_word("öka", Direction::HigherIsBetter, need_baseline);
            }
            "minska" | "minskas" | "minskning" => {
                return self.improve_by_word("minska", Direction::LowerIsBetter, need_baseline);
            }
            "förbättra" | "förbättras" | "förbättring" => {
                if self.direction == Direction::WithinBand {
                    return Err(KpiError::ImproveNeedsDirection {
                        indicator: self.id.clone(),
                    });
                }
                return Ok(Target::Improve {
                    baseline: need_baseline("förbättra")?,
                });
            }
            "bibehålla" | "bibehållas" | "behålla" | "behållas" => {
                return Ok(Target::Maintain {
                    baseline: need_baseline("bibehålla")?,
                    tolerance: Decimal::ZERO,
                });
            }
            _ if MAINTAIN_WORDS.iter().any(|w| keyword.starts_with(w)) => {
                return self.maintain_with_tolerance(text, keyword, need_baseline("bibehålla")?);
            }
            "minst i nivå med riket" | "i nivå med riket" => return Ok(Target::AtLeastNational),
            "genomfört" | "genomförd" | "genomföras" => return Ok(Target::Milestone),
            "" => {
                return Err(KpiError::ParseTarget {
                    indicator: self.id.clone(),
                    input: echo(text),
                    reason: "the target is empty",
                });
            }
            _ => {}
        }
        if let Some(count) = INTRODUCED_SUFFIXES
            .iter()
            .find_map(|suffix| keyword.strip_suffix(suffix))
        {
            return self.introduced(text, count);
        }
        if let Some(rest) = lower.strip_prefix("mellan ") {
            let Some((low, high)) = rest.split_once(" och ") else {
                return Err(KpiError::ParseTarget {
                    indicator: self.id.clone(),
                    input: echo(text),
                    reason: "expected \"mellan X och Y\"",
                });
            };
            let low = self.target_number(text, low)?;
            let high = self.target_number(text, high)?;
            return self.between(low, high);
        }
        let comparators: [(&str, MakeTarget); 9] = [
            ("≥", Target::AtLeast),
            (">=", Target::AtLeast),
            ("≤", Target::AtMost),
            ("<=", Target::AtMost),
            (">", Target::Above),
            ("<", Target::Below),
            ("=", Target::Equal),
            ("minst", Target::AtLeast),
            ("högst", Target::AtMost),
        ];
        for (prefix, make) in comparators {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return Ok(make(self.target_number(text, rest)?));
            }
        }
        let value = self.target_number(text, &lower)?;
        Ok(match self.direction {
            Direction::HigherIsBetter => Target::AtLeast(value),
            Direction::LowerIsBetter => Target::AtMost(value),
            Direction::WithinBand => Target::Equal(value),
        })
    }

    /// `bibehålla ±2`, `bibehålla (±2 procentenheter)`, `bibehålla +/- 2`:
    /// [`Target::Maintain`] with that tolerance.
    fn maintain_with_tolerance(
        &self,
        text: &str,
        keyword: &str,
        baseline: Decimal,
    ) -> Result<Target> {
        let bad = |reason: &'static str| KpiError::ParseTarget {
            indicator: self.id.clone(),
            input: echo(text),
            reason,
        };
        const EXPECTED: &str = "expected \"bibehålla\" or \"bibehålla ±X\"";
        let rest = MAINTAIN_WORDS
            .iter()
            .find_map(|w| keyword.strip_prefix(w))
            .ok_or_else(|| bad(EXPECTED))?
            .trim();
        let rest = match rest.strip_prefix('(') {
            Some(inner) => inner.strip_suffix(')').ok_or_else(|| bad(EXPECTED))?,
            None => rest,
        }
        .trim();
        let number = ["±", "+/-", "+-"]
            .iter()
            .find_map(|sign| rest.strip_prefix(sign))
            .ok_or_else(|| bad(EXPECTED))?
            .trim();
        let points = ["procentenheter", "procentenhet", "p.e.", "pe"]
            .iter()
            .find_map(|unit| number.strip_suffix(unit));
        let tolerance = match points {
            Some(value) if self.unit == IndicatorUnit::Percent => {
                self.target_number(text, value)?
            }
            Some(_) => {
                return Err(KpiError::TargetUnitMismatch {
                    indicator: self.id.clone(),
                    found: "procentenheter",
                    expected: self.unit.name(),
                });
            }
            None => self.target_number(text, number)?,
        };
        let target = Target::Maintain {
            baseline,
            tolerance,
        };
        target.validate(&self.id)?;
        Ok(target)
    }

    /// `3 införda lösningar`, `minst 3 införda lösningar`: [`Target::Introduced`].
    fn introduced(&self, text: &str, count: &str) -> Result<Target> {
        let count = count.trim();
        let count = count
            .strip_prefix("minst ")
            .or_else(|| count.strip_prefix("antal "))
            .unwrap_or(count)
            .trim();
        let count = count.parse::<u32>().map_err(|_| KpiError::ParseTarget {
            indicator: self.id.clone(),
            input: echo(text),
            reason: "expected a whole number of introduced solutions, such as \"3 införda lösningar\"",
        })?;
        Ok(Target::Introduced { count })
    }

    /// [`Target::Improve`] for *öka*/*minska* when `word` moves towards the
    /// better side (`agrees`), an error naming this indicator otherwise.
    fn improve_by_word(
        &self,
        word: &'static str,
        agrees: Direction,
        need_baseline: impl Fn(&'static str) -> Result<Decimal>,
    ) -> Result<Target> {
        if self.direction != agrees {
            return Err(KpiError::TargetContradictsDirection {
                indicator: self.id.clone(),
                word,
                direction: self.direction.name(),
            });
        }
        Ok(Target::Improve {
            baseline: need_baseline(word)?,
        })
    }

    /// Whether a number printed in `unit` can be a value of this indicator.
    fn unit_fits(&self, unit: NumberUnit) -> bool {
        match unit {
            NumberUnit::None => true,
            NumberUnit::Percent => self.unit == IndicatorUnit::Percent,
            NumberUnit::Count => {
                matches!(self.unit, IndicatorUnit::Count | IndicatorUnit::Persons)
            }
            NumberUnit::Days => self.unit == IndicatorUnit::Days,
            NumberUnit::Kr | NumberUnit::Tkr | NumberUnit::Mkr => {
                self.unit == IndicatorUnit::Kronor
            }
            _ => false,
        }
    }

    /// Reads an outcome cell as printed in a goal table, for this indicator:
    /// the same as [`Measurement::parse_printed`].
    ///
    /// # Errors
    /// As [`Measurement::parse_printed`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Period};
    /// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
    /// // Oxelösund 2021, U21401: target <15, outcome 24.
    /// let u21401 = Indicator::new("U21401", "Personalkontinuitet", IndicatorUnit::Persons, Direction::LowerIsBetter)?;
    /// let m = u21401.parse_outcome("24", "2021".parse::<Period>()?)?;
    /// assert_eq!(m.value(), Some(Decimal::from(24)));
    /// let Err(err) = u21401.parse_outcome("24 %", "2021".parse::<Period>()?) else {
    ///     return Err("a percent outcome on a persons indicator must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "indicator U21401: outcome \"24 %\" is in %, but the indicator is measured in persons");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_outcome(&self, text: &str, report: Period) -> Result<Measurement> {
        Measurement::parse_printed(text, report, self)
    }

    fn target_number(&self, text: &str, number: &str) -> Result<Decimal> {
        let n = SwedishNumber::parse(number.trim()).map_err(|source| KpiError::TargetNumber {
            indicator: self.id.clone(),
            input: echo(text),
            source: Box::new(source),
        })?;
        if !self.unit_fits(n.unit()) {
            return Err(KpiError::TargetUnitMismatch {
                indicator: self.id.clone(),
                found: n.unit().symbol(),
                expected: self.unit.name(),
            });
        }
        if n.unit().money().is_some() {
            return Ok(n.amount()?.as_kr());
        }
        Ok(n.value())
    }

    /// Computes the status of `measurement` against `target`.
    ///
    /// The basis text says what the status was computed from (`29 against
    /// ≥40`); when the value refers to an earlier period than the report
    /// ([`Measurement::is_lagged`]), it says so: `29 against ≥40 (value
    /// refers to 2020)`, and [`Assessment::summary`] shows it.
    ///
    /// # Errors
    /// [`KpiError::ImpossibleTarget`] for a "between" target with `low > high`,
    /// [`KpiError::NegativeTolerance`], and
    /// [`KpiError::NationalLevelNeedsDirection`] for
    /// [`Target::AtLeastNational`] on a band indicator.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Period};
    /// use namnd_kpi::goal::{AssessmentConfig, Direction, Indicator, IndicatorUnit, Measurement, Status};
    ///
    /// // Oxelösund 2021: satisfaction with särskilt boende, target >74, "Uppgift saknas".
    /// let ind = Indicator::new("U23471", "Nöjdhet särskilt boende", IndicatorUnit::Percent, Direction::HigherIsBetter)?;
    /// let target = ind.parse_target(">74", None)?;
    /// let missing = Measurement::missing("2021".parse::<Period>()?, "Uppgift saknas");
    /// let a = ind.assess(&target, &missing, &AssessmentConfig::default())?;
    /// assert_eq!(a.computed(), Status::NotMeasurable);
    /// assert_eq!(a.basis(), "no value: Uppgift saknas");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn assess(
        &self,
        target: &Target,
        measurement: &Measurement,
        config: &AssessmentConfig,
    ) -> Result<Assessment> {
        target.validate(&self.id)?;
        let (status, mut basis) = compute(self, target, measurement, config)?;
        // A lagged value (a 2021 report showing 2020) must say so.
        if measurement.is_lagged() && measurement.value().is_some() {
            basis.push_str(&format!(
                " (value refers to {})",
                measurement.reference_period()
            ));
        }
        Ok(Assessment {
            subject: self.id.clone(),
            computed: status,
            basis,
            assessed: None,
            action_required: None,
        })
    }

    /// The trend from `previous` to `current`: a band indicator needs a
    /// "between" or "equal" target to say which way is better.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Period};
    /// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Measurement, Trend};
    /// let ind = Indicator::new("U21401", "Personalkontinuitet", IndicatorUnit::Persons, Direction::LowerIsBetter)?;
    /// let before = Measurement::measured("2021".parse::<Period>()?, Decimal::from(19));
    /// let after = Measurement::measured("2022".parse::<Period>()?, Decimal::from(18));
    /// assert_eq!(ind.trend(&before, &after, None), Trend::Improved);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn trend(
        &self,
        previous: &Measurement,
        current: &Measurement,
        target: Option<&Target>,
    ) -> Trend {
        let (Some(before), Some(after)) = (previous.value(), current.value()) else {
            return Trend::NotComparable;
        };
        match (self.direction, target) {
            (Direction::WithinBand, Some(Target::Between { low, high })) => {
                Trend::within(*low, *high, before, after)
            }
            (Direction::WithinBand, Some(Target::Equal(v))) => Trend::within(*v, *v, before, after),
            (direction, _) => direction.trend(before, after),
        }
    }
}

// --------------------------------------------------------------------- target

/// A target (*målvärde*) in one of the forms seen in real plans.
///
/// Build one with [`Indicator::parse_target`] or directly; the "between" form
/// is checked by [`Indicator::between`], [`Indicator::assess`] and
/// [`Target::validate`].
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::Target;
/// let t = Target::Below(Decimal::from(15));
/// assert_eq!(t.to_string(), "<15");
/// assert_eq!(Target::AtLeastNational.to_string(), "minst i nivå med riket");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", try_from = "TargetRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Target {
    /// Above (`>`).
    Above(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// At least (`≥`, *minst*).
    AtLeast(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// Below (`<`).
    Below(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// At most (`≤`, *högst*).
    AtMost(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// Exactly (`=`).
    Equal(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// Between two values, both included (*mellan*).
    Between {
        /// Lower bound.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        low: Decimal,
        /// Upper bound.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        high: Decimal,
    },
    /// Improve (*öka*, *minska*, *förbättra*): better than the baseline in the
    /// indicator's direction (above it for higher-is-better, below it for
    /// lower-is-better). What [`Indicator::parse_target`] gives for those words.
    Improve {
        /// The baseline (*ingångsvärde*).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        baseline: Decimal,
    },
    /// Increase: above the baseline, whatever the indicator's direction.
    Increase {
        /// The baseline (*ingångsvärde*).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        baseline: Decimal,
    },
    /// Decrease: below the baseline, whatever the indicator's direction.
    Decrease {
        /// The baseline (*ingångsvärde*).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        baseline: Decimal,
    },
    /// Maintain (*bibehålla*): no worse than the baseline by more than the tolerance
    /// (within the tolerance either side for a band indicator).
    Maintain {
        /// The baseline (*ingångsvärde*).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        baseline: Decimal,
        /// How much worse still counts as maintained (≥ 0).
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        tolerance: Decimal,
    },
    /// At least the national level (*minst i nivå med riket*), against the
    /// measurement's [`Comparisons::riket`], respecting direction.
    AtLeastNational,
    /// A milestone (*genomfört*): met when the measurement is 1 (done), not met
    /// at 0; never partly met, and any other value is an error.
    Milestone,
    /// A number of introduced solutions (*antal införda lösningar*): met at or above `count`.
    Introduced {
        /// The number to introduce.
        count: u32,
    },
}

impl Target {
    /// Checks the target's invariants for `indicator`.
    ///
    /// # Errors
    /// [`KpiError::ImpossibleTarget`] when `low > high`;
    /// [`KpiError::NegativeTolerance`] for a negative *bibehålla* tolerance.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::Target;
    /// let t = Target::Between { low: Decimal::from(5), high: Decimal::from(3) };
    /// assert!(t.validate("U21401").err().is_some_and(|e| e.to_string().contains("U21401")));
    /// Target::Below(Decimal::from(15)).validate("U21401")?;
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn validate(&self, indicator: &str) -> Result<()> {
        match self {
            Target::Between { low, high } if low > high => Err(KpiError::ImpossibleTarget {
                indicator: indicator.to_owned(),
                low: *low,
                high: *high,
            }),
            Target::Maintain { tolerance, .. } if tolerance.is_sign_negative() => {
                Err(KpiError::NegativeTolerance {
                    indicator: indicator.to_owned(),
                    what: "tolerance",
                    value: *tolerance,
                })
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Above(v) => write!(f, ">{v}"),
            Target::AtLeast(v) => write!(f, "≥{v}"),
            Target::Below(v) => write!(f, "<{v}"),
            Target::AtMost(v) => write!(f, "≤{v}"),
            Target::Equal(v) => write!(f, "={v}"),
            Target::Between { low, high } => write!(f, "mellan {low} och {high}"),
            Target::Improve { baseline } => write!(f, "förbättra från {baseline}"),
            Target::Increase { baseline } => write!(f, "öka från {baseline}"),
            Target::Decrease { baseline } => write!(f, "minska från {baseline}"),
            Target::Maintain {
                baseline,
                tolerance,
            } => write!(f, "bibehålla {baseline} ± {tolerance}"),
            Target::AtLeastNational => f.write_str("minst i nivå med riket"),
            Target::Milestone => f.write_str("genomfört"),
            Target::Introduced { count } => write!(f, "{count} införda lösningar"),
        }
    }
}

// ---------------------------------------------------------------- measurement

/// What was observed for a period.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::Observation;
/// assert_eq!(Observation::Measured(Decimal::from(24)).value(), Some(Decimal::from(24)));
/// assert_eq!(Observation::Missing { reason: "Uppgift saknas".into() }.value(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Observation {
    /// A final value (*utfall*).
    Measured(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// A preliminary value (*preliminärt*).
    Preliminary(
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        Decimal,
    ),
    /// No value (*uppgift saknas*), with the reason, e.g. a delayed national survey.
    Missing {
        /// Why there is no value, as printed.
        reason: String,
    },
    /// Not applicable this period (*ej aktuellt*).
    NotApplicable,
}

impl Observation {
    /// The value, if there is one (missing data is never 0).
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Observation;
    /// assert_eq!(Observation::NotApplicable.value(), None);
    /// ```
    pub fn value(&self) -> Option<Decimal> {
        match self {
            Observation::Measured(v) | Observation::Preliminary(v) => Some(*v),
            Observation::Missing { .. } | Observation::NotApplicable => None,
        }
    }
}

/// Comparison values (*jämförelsevärden*) for the same reference period.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::Comparisons;
/// let c = Comparisons::default();
/// assert_eq!(c.riket, None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Comparisons {
    /// The national value (*riket*).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub riket: Option<Decimal>,
    /// The county value (*länet*).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub lanet: Option<Decimal>,
    /// The value of similar municipalities (*liknande kommuner*).
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub similar: Option<Decimal>,
}

/// A measurement (*utfall*) of an indicator for a report period, with the
/// period the value actually refers to (Kolada values often lag a year).
///
/// # Example
/// ```
/// use namnd_core::{Decimal, FiscalYear, Period};
/// use namnd_kpi::goal::Measurement;
///
/// // Oxelösund 2021 shows N00973 as "29 %*": the value refers to 2020.
/// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(29))
///     .referring_to("2020".parse::<Period>()?)?;
/// assert!(m.is_lagged());
/// assert_eq!((m.report_year(), m.reference_year()), (FiscalYear::try_new(2021)?, FiscalYear::try_new(2020)?));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "MeasurementRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Measurement {
    observation: Observation,
    period: Period,
    reference: Period,
    comparisons: Comparisons,
    footnote: Option<String>,
    approximate: bool,
}

impl Measurement {
    /// A final value for `period`.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(8));
    /// assert_eq!(m.value(), Some(Decimal::from(8)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn measured(period: Period, value: Decimal) -> Measurement {
        Measurement::of(period, Observation::Measured(value))
    }

    /// A preliminary value for `period`.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::{Measurement, Observation};
    /// let m = Measurement::preliminary("2021".parse::<Period>()?, Decimal::from(8));
    /// assert_eq!(m.observation(), &Observation::Preliminary(Decimal::from(8)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn preliminary(period: Period, value: Decimal) -> Measurement {
        Measurement::of(period, Observation::Preliminary(value))
    }

    /// No value for `period`, with the reason as printed.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::Period;
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::missing("2021".parse::<Period>()?, "Uppgift saknas");
    /// assert_eq!(m.value(), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn missing(period: Period, reason: impl Into<String>) -> Measurement {
        Measurement::of(
            period,
            Observation::Missing {
                reason: reason.into(),
            },
        )
    }

    /// Not applicable for `period`.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::Period;
    /// # use namnd_kpi::goal::Measurement;
    /// assert_eq!(Measurement::not_applicable("2021".parse::<Period>()?).value(), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn not_applicable(period: Period) -> Measurement {
        Measurement::of(period, Observation::NotApplicable)
    }

    /// A milestone done (1) or not done (0), for [`Target::Milestone`].
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert_eq!(Measurement::milestone("2021".parse::<Period>()?, true).value(), Some(Decimal::ONE));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn milestone(period: Period, done: bool) -> Measurement {
        let value = if done { Decimal::ONE } else { Decimal::ZERO };
        Measurement::measured(period, value)
    }

    fn of(period: Period, observation: Observation) -> Measurement {
        Measurement {
            observation,
            period,
            reference: period,
            comparisons: Comparisons::default(),
            footnote: None,
            approximate: false,
        }
    }

    /// Says which period the value refers to, when it is older than the report
    /// period (*"värdet avser 2020"*).
    ///
    /// # Errors
    /// [`KpiError::ReferenceAfterReport`] if `reference` starts after the report period.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(29));
    /// assert!(m.referring_to("2022".parse::<Period>()?).is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn referring_to(mut self, reference: Period) -> Result<Measurement> {
        if reference.first_day() > self.period.first_day() {
            return Err(KpiError::ReferenceAfterReport {
                report: self.period,
                reference,
            });
        }
        self.reference = reference;
        Ok(self)
    }

    /// Sets the comparison values.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::{Comparisons, Measurement};
    /// let mut c = Comparisons::default();
    /// c.riket = Some(Decimal::from(16));
    /// let m = Measurement::measured("2022".parse::<Period>()?, Decimal::from(19)).with_comparisons(c);
    /// assert_eq!(m.comparisons().riket, Some(Decimal::from(16)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_comparisons(mut self, comparisons: Comparisons) -> Measurement {
        self.comparisons = comparisons;
        self
    }

    /// Sets the national value (*riket*).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2022".parse::<Period>()?, Decimal::from(19)).with_riket(Decimal::from(16));
    /// assert_eq!(m.comparisons().riket, Some(Decimal::from(16)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_riket(mut self, value: Decimal) -> Measurement {
        self.comparisons.riket = Some(value);
        self
    }

    /// Sets the county value (*länet*).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2022".parse::<Period>()?, Decimal::from(19)).with_lanet(Decimal::from(18));
    /// assert_eq!(m.comparisons().lanet, Some(Decimal::from(18)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_lanet(mut self, value: Decimal) -> Measurement {
        self.comparisons.lanet = Some(value);
        self
    }

    /// Sets the value of similar municipalities (*liknande kommuner*).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(391_280)).with_similar(Decimal::from(286_226));
    /// assert_eq!(m.comparisons().similar, Some(Decimal::from(286_226)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_similar(mut self, value: Decimal) -> Measurement {
        self.comparisons.similar = Some(value);
        self
    }

    /// What was observed.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::Period;
    /// # use namnd_kpi::goal::{Measurement, Observation};
    /// assert_eq!(Measurement::not_applicable("2021".parse::<Period>()?).observation(), &Observation::NotApplicable);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn observation(&self) -> &Observation {
        &self.observation
    }

    /// The value, if any.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert_eq!(Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).value(), Some(Decimal::ONE));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn value(&self) -> Option<Decimal> {
        self.observation.value()
    }

    /// The report period.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let p: Period = "2021".parse()?;
    /// assert_eq!(Measurement::measured(p, Decimal::ONE).period(), p);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn period(&self) -> Period {
        self.period
    }

    /// The period the value refers to (the report period unless lagged).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let p: Period = "2021".parse()?;
    /// assert_eq!(Measurement::measured(p, Decimal::ONE).reference_period(), p);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn reference_period(&self) -> Period {
        self.reference
    }

    /// The fiscal year of the report.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, FiscalYear, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::ONE);
    /// assert_eq!(m.report_year(), FiscalYear::try_new(2021)?);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn report_year(&self) -> namnd_core::FiscalYear {
        self.period.fiscal_year()
    }

    /// The fiscal year the value refers to.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, FiscalYear, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::ONE);
    /// assert_eq!(m.reference_year(), FiscalYear::try_new(2021)?);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn reference_year(&self) -> namnd_core::FiscalYear {
        self.reference.fiscal_year()
    }

    /// Whether the value refers to an earlier period than the report's, which
    /// a report must say (Oxelösund marks it `*`).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert!(!Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).is_lagged());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn is_lagged(&self) -> bool {
        self.reference != self.period
    }

    /// The comparison values.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert_eq!(Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).comparisons().lanet, None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn comparisons(&self) -> &Comparisons {
        &self.comparisons
    }

    /// Marks the value with a footnote marker (`*`, `**` or `***`), as
    /// printed after it ("29 %*": the footnote says the value refers to 2020).
    ///
    /// # Errors
    /// [`KpiError::InvalidFootnoteMarker`] for anything but one to three asterisks.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(9253)).with_footnote("**")?;
    /// assert_eq!(m.footnote(), Some("**"));
    /// assert!(Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).with_footnote("a").is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_footnote(mut self, marker: &str) -> Result<Measurement> {
        let marker = marker.trim();
        let stars = marker.chars().count();
        if !(1..=3).contains(&stars) || marker.chars().any(|c| c != '*') {
            return Err(KpiError::InvalidFootnoteMarker {
                input: echo(marker),
            });
        }
        self.footnote = Some(marker.to_owned());
        Ok(self)
    }

    /// The footnote marker printed after the value, if any.
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert_eq!(Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).footnote(), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn footnote(&self) -> Option<&str> {
        self.footnote.as_deref()
    }

    /// Marks the value as approximate, as printed with *ca* ("Ca 355 000").
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// let m = Measurement::measured("2021".parse::<Period>()?, Decimal::from(355_000)).approximately();
    /// assert!(m.is_approximate());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn approximately(mut self) -> Measurement {
        self.approximate = true;
        self
    }

    /// Whether the value was printed as approximate (*ca*).
    ///
    /// # Example
    /// ```
    /// # use namnd_core::{Decimal, Period};
    /// # use namnd_kpi::goal::Measurement;
    /// assert!(!Measurement::measured("2021".parse::<Period>()?, Decimal::ONE).is_approximate());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// Reads an outcome cell as printed in a goal table (*utfall*,
    /// *bokslutsvärde*, *nuläge*) of `indicator`, reported for `report`.
    ///
    /// | Printed | Read as |
    /// |---|---|
    /// | `90 %`, `14,5`, `391 280`, `2 tkr` | [`Observation::Measured`] (money in kronor); the unit must fit the indicator's |
    /// | `29 %*`, `9253**`, `60 %**` | the value, with [`footnote`](Self::footnote) `*` / `**` (the marker is kept, the footnote text is not read) |
    /// | `19 (2020)`, `391 280 (2020)` | the value, referring to 2020 ([`reference_year`](Self::reference_year), [`is_lagged`](Self::is_lagged)) |
    /// | `Ca 355 000 (2019) *` | all three, and [`is_approximate`](Self::is_approximate) |
    /// | `72 (prel.)`, `72 prel.` | [`Observation::Preliminary`] |
    /// | `Uppgift saknas`, `Saknas`, `Ej mätt`, `Nytt mål`, `Inga värden …`, `Indikatorn har utgått …`, `Undersökningen är inte genomförd`, `Ej tillgänglig` | [`Observation::Missing`] with the printed text as reason |
    /// | `-`, `–`, `—`, `−` (a dash alone) | [`Observation::Missing`] with the dash as reason |
    /// | `Ej aktuellt`, `Ej tillämpligt` | [`Observation::NotApplicable`] |
    ///
    /// **A dash is missing, not "not applicable".** Real tables print a dash
    /// both where no value exists (Gnesta's riket column for internal
    /// measures) and where a value was not available in time; the cell alone
    /// cannot tell which, and reading it as *not applicable* would hide a
    /// missing value. Either way it assesses as [`Status::NotMeasurable`],
    /// never as 0; a table that means "not applicable" should say *ej
    /// aktuellt*, or the caller builds [`Measurement::not_applicable`].
    ///
    /// *Nytt mål* (new goal) is missing too: there is no value yet. Spaces
    /// (also non-breaking) are collapsed; case is ignored in the words; a
    /// trailing period after a word is ignored.
    ///
    /// # Errors
    /// All naming the indicator and quoting the text (personal identity
    /// numbers masked, at most 40 characters):
    /// [`KpiError::ParseOutcome`] for an empty cell, unknown words, two
    /// footnote markers, a note in parentheses that is not a year, or a year
    /// after the report period; [`KpiError::OutcomeNumber`] for a malformed
    /// number; [`KpiError::OutcomeUnitMismatch`] for a unit that does not fit
    /// the indicator (`%` on a count).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, FiscalYear, Period};
    /// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Measurement, Observation};
    ///
    /// // Oxelösund årsredovisning 2021, N00973: "29 %*", footnote "*Värdet avser 2020".
    /// let n00973 = Indicator::new("N00973", "Nyanlända i arbete eller studier", IndicatorUnit::Percent, Direction::HigherIsBetter)?;
    /// let report: Period = "2021".parse()?;
    /// let m = Measurement::parse_printed("29 %*", report, &n00973)?;
    /// assert_eq!((m.value(), m.footnote()), (Some(Decimal::from(29)), Some("*")));
    ///
    /// // Gnesta årsredovisning 2022: "79% (2020)" in the outcome-2021 column.
    /// let m = Measurement::parse_printed("79% (2020)", "2021".parse()?, &n00973)?;
    /// assert_eq!(m.reference_year(), FiscalYear::try_new(2020)?);
    ///
    /// let m = Measurement::parse_printed("Uppgift saknas", report, &n00973)?;
    /// assert_eq!(m.observation(), &Observation::Missing { reason: "Uppgift saknas".into() });
    ///
    /// let Err(err) = Measurement::parse_printed("ungefär 30", report, &n00973) else {
    ///     return Err("an unknown form must be an error".into());
    /// };
    /// assert!(err.to_string().starts_with("indicator N00973: cannot read the number in outcome \"ungefär 30\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_printed(text: &str, report: Period, indicator: &Indicator) -> Result<Measurement> {
        printed::parse(text, report, indicator)
    }
}

/// The reader of printed outcome cells behind [`Measurement::parse_printed`].
mod printed {
    use namnd_core::{FiscalYear, Period, SwedishNumber};

    use super::{Indicator, Measurement, Observation, echo};
    use crate::{KpiError, Result};

    /// Words printed instead of a value that mean "no value" (compared in
    /// lower case; a cell matches when it is the phrase or starts with it
    /// followed by a space).
    const MISSING: [&str; 17] = [
        "uppgift saknas",
        "saknas",
        "värde saknas",
        "data saknas",
        "ej mätt",
        "inte mätt",
        "ej uppmätt",
        "nytt mål",
        "nytt mått",
        "inga värden",
        "indikatorn har utgått",
        "undersökningen är inte genomförd",
        "undersökningen har inte genomförts",
        "ej genomförd",
        "ej tillgänglig",
        "ej tillgängligt",
        "publiceras senare",
    ];

    /// Words that mean "not applicable this period".
    const NOT_APPLICABLE: [&str; 5] = [
        "ej aktuellt",
        "ej aktuell",
        "inte aktuellt",
        "ej tillämpligt",
        "ej tillämplig",
    ];

    /// A dash alone: hyphen, en dash, em dash, minus sign.
    const DASHES: [&str; 4] = ["-", "\u{2013}", "\u{2014}", "\u{2212}"];

    /// Trailing words that mark a preliminary value.
    const PRELIMINARY: [&str; 5] = ["(prel.)", "(prel)", "prel.", "prel", "preliminärt"];

    fn matches_phrase(lower: &str, phrase: &str) -> bool {
        lower == phrase
            || lower
                .strip_prefix(phrase)
                .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with(','))
    }

    /// Removes trailing asterisks; returns the rest and the marker.
    fn strip_marker(text: &str) -> (&str, &str) {
        let rest = text.trim_end_matches('*');
        let marker = text.get(rest.len()..).unwrap_or_default();
        (rest.trim_end(), marker)
    }

    pub(super) fn parse(text: &str, report: Period, indicator: &Indicator) -> Result<Measurement> {
        let fail = |reason: &'static str| KpiError::ParseOutcome {
            indicator: indicator.id().to_owned(),
            input: echo(text),
            reason,
        };
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(fail("the cell is empty"));
        }
        // Footnote marker, year note, footnote marker: "Ca 355 000 (2019) *".
        let (body, after_year) = strip_marker(&collapsed);
        let (body, year) = match body.strip_suffix(')') {
            Some(open) => match open.rfind('(') {
                Some(at) => {
                    let note = open.get(at + 1..).unwrap_or_default().trim();
                    let before = open.get(..at).unwrap_or_default().trim_end();
                    if note.len() == 4 && note.bytes().all(|b| b.is_ascii_digit()) {
                        (before, Some(note))
                    } else {
                        (body, None)
                    }
                }
                None => return Err(fail("a \")\" without \"(\"")),
            },
            None => (body, None),
        };
        let (body, before_year) = strip_marker(body);
        let marker = match (before_year.is_empty(), after_year.is_empty()) {
            (true, true) => None,
            (false, true) => Some(before_year),
            (true, false) => Some(after_year),
            (false, false) => return Err(fail("it has two footnote markers")),
        };
        if body.is_empty() {
            return Err(fail("there is no value before the footnote marker or year"));
        }
        let lower = body.to_lowercase();
        let word = lower.trim_end_matches('.').trim_end();
        let observation =
            if DASHES.contains(&body) || MISSING.iter().any(|p| matches_phrase(word, p)) {
                Observation::Missing {
                    reason: body.to_owned(),
                }
            } else if NOT_APPLICABLE.iter().any(|p| matches_phrase(word, p)) {
                Observation::NotApplicable
            } else {
                return number(text, &lower, report, indicator, year, marker);
            };
        finish(
            Measurement::of(report, observation),
            text,
            indicator,
            year,
            marker,
        )
    }

    fn number(
        text: &str,
        lower: &str,
        report: Period,
        indicator: &Indicator,
        year: Option<&str>,
        marker: Option<&str>,
    ) -> Result<Measurement> {
        let mut number = lower;
        let mut approximate = false;
        for prefix in ["cirka ", "ca. ", "ca "] {
            if let Some(rest) = number.strip_prefix(prefix) {
                number = rest;
                approximate = true;
                break;
            }
        }
        let mut preliminary = false;
        for suffix in PRELIMINARY {
            if let Some(rest) = number.strip_suffix(suffix)
                && (rest.is_empty() || rest.ends_with(' '))
            {
                number = rest.trim_end();
                preliminary = true;
                break;
            }
        }
        let parsed =
            SwedishNumber::parse(number.trim()).map_err(|source| KpiError::OutcomeNumber {
                indicator: indicator.id().to_owned(),
                input: echo(text),
                source: Box::new(source),
            })?;
        if !indicator.unit_fits(parsed.unit()) {
            return Err(KpiError::OutcomeUnitMismatch {
                indicator: indicator.id().to_owned(),
                input: echo(text),
                found: parsed.unit().symbol(),
                expected: indicator.unit().name(),
            });
        }
        let value = if parsed.unit().money().is_some() {
            parsed.amount()?.as_kr()
        } else {
            parsed.value()
        };
        let observation = if preliminary {
            Observation::Preliminary(value)
        } else {
            Observation::Measured(value)
        };
        let mut m = Measurement::of(report, observation);
        m.approximate = approximate;
        finish(m, text, indicator, year, marker)
    }

    fn finish(
        mut m: Measurement,
        text: &str,
        indicator: &Indicator,
        year: Option<&str>,
        marker: Option<&str>,
    ) -> Result<Measurement> {
        let fail = |reason: &'static str| KpiError::ParseOutcome {
            indicator: indicator.id().to_owned(),
            input: echo(text),
            reason,
        };
        if let Some(year) = year {
            let year: i32 = year
                .parse()
                .map_err(|_| fail("the year in parentheses is not a year"))?;
            let year = FiscalYear::try_new(year)
                .map_err(|_| fail("the year in parentheses is not a year"))?;
            m = m
                .referring_to(Period::from(year))
                .map_err(|_| fail("the year in parentheses is after the report period"))?;
        }
        if let Some(marker) = marker {
            m = m
                .with_footnote(marker)
                .map_err(|_| fail("a footnote marker has one to three asterisks"))?;
        }
        Ok(m)
    }
}

// ----------------------------------------------------------------- assessment

/// A status of goal fulfilment (*måluppfyllelse*).
///
/// Ordered by severity for roll-up: met < partly met < not measurable < not met.
///
/// # Example
/// ```
/// use namnd_kpi::goal::Status;
/// assert!(Status::Met.severity() < Status::NotMet.severity());
/// assert_eq!(Status::PartlyMet.to_string(), "partly met");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Status {
    /// Met (*uppnått*).
    Met,
    /// Partly met (*delvis uppnått*): missed, but within the configured band.
    PartlyMet,
    /// Not met (*ej uppnått*).
    NotMet,
    /// Not measurable (*går ej att bedöma*): no value, never counted as 0.
    NotMeasurable,
}

impl Status {
    /// 0 for met, 1 partly met, 2 not measurable, 3 not met.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Status;
    /// assert_eq!(Status::NotMeasurable.severity(), 2);
    /// ```
    pub fn severity(self) -> u8 {
        match self {
            Status::Met => 0,
            Status::PartlyMet => 1,
            Status::NotMeasurable => 2,
            Status::NotMet => 3,
        }
    }

    /// The status of the given severity, if any.
    fn from_severity(severity: u8) -> Status {
        match severity {
            0 => Status::Met,
            1 => Status::PartlyMet,
            2 => Status::NotMeasurable,
            _ => Status::NotMet,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Met => "met",
            Status::PartlyMet => "partly met",
            Status::NotMet => "not met",
            Status::NotMeasurable => "not measurable",
        })
    }
}

/// How statuses are computed.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::AssessmentConfig;
/// let config = AssessmentConfig::default().with_partly_met_band(Decimal::from(2))?;
/// assert_eq!(config.partly_met_band(), Some(Decimal::from(2)));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
///
/// Deserialized configurations are validated as [`with_partly_met_band`](Self::with_partly_met_band) does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawAssessmentConfig"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AssessmentConfig {
    #[cfg_attr(feature = "serde", serde(default))]
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    partly_met_band: Option<Decimal>,
}

/// [`AssessmentConfig`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct RawAssessmentConfig {
    #[serde(default)]
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    partly_met_band: Option<Decimal>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawAssessmentConfig> for AssessmentConfig {
    type Error = KpiError;

    fn try_from(raw: RawAssessmentConfig) -> Result<AssessmentConfig> {
        match raw.partly_met_band {
            Some(band) => AssessmentConfig::default().with_partly_met_band(band),
            None => Ok(AssessmentConfig::default()),
        }
    }
}

impl AssessmentConfig {
    /// A missed target within `band` (in the indicator's unit) of the target
    /// is partly met; without a band, a miss is not met.
    ///
    /// # Errors
    /// [`KpiError::NegativePartlyMetBand`] for a negative band.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::AssessmentConfig;
    /// let Err(err) = AssessmentConfig::default().with_partly_met_band(Decimal::NEGATIVE_ONE) else {
    ///     return Err("a negative band must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "assessment config: partly-met band -1 is negative");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_partly_met_band(mut self, band: Decimal) -> Result<AssessmentConfig> {
        if band.is_sign_negative() {
            return Err(KpiError::NegativePartlyMetBand { value: band });
        }
        self.partly_met_band = Some(band);
        Ok(self)
    }

    /// The partly-met band, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::AssessmentConfig;
    /// assert_eq!(AssessmentConfig::default().partly_met_band(), None);
    /// ```
    pub fn partly_met_band(&self) -> Option<Decimal> {
        self.partly_met_band
    }
}

/// Status and basis text for one indicator; the gap is how far a miss is.
/// `a - b`, saturating at the largest decimal when `a > b` and at the smallest
/// when `a < b` (a gap that large is never partly met; one that negative is no
/// shortfall).
fn gap(a: Decimal, b: Decimal) -> Decimal {
    a.checked_sub(b)
        .unwrap_or(if a < b { Decimal::MIN } else { Decimal::MAX })
}

fn compute(
    indicator: &Indicator,
    target: &Target,
    measurement: &Measurement,
    config: &AssessmentConfig,
) -> Result<(Status, String)> {
    let value = match measurement.observation() {
        Observation::Measured(v) | Observation::Preliminary(v) => *v,
        Observation::Missing { reason } => {
            return Ok((Status::NotMeasurable, format!("no value: {reason}")));
        }
        Observation::NotApplicable => {
            return Ok((Status::NotMeasurable, "not applicable".to_owned()));
        }
    };
    // (met, gap when missed)
    let zero = Decimal::ZERO;
    let (met, shortfall, against) = match target {
        Target::Above(t) => (value > *t, gap(*t, value), target.to_string()),
        Target::AtLeast(t) => (value >= *t, gap(*t, value), target.to_string()),
        Target::Below(t) => (value < *t, gap(value, *t), target.to_string()),
        Target::AtMost(t) => (value <= *t, gap(value, *t), target.to_string()),
        Target::Equal(t) => (value == *t, gap(value, *t).abs(), target.to_string()),
        Target::Between { low, high } => {
            let distance = if value < *low {
                gap(*low, value)
            } else if value > *high {
                gap(value, *high)
            } else {
                zero
            };
            (distance.is_zero(), distance, target.to_string())
        }
        Target::Improve { baseline } => match indicator.direction {
            Direction::HigherIsBetter => {
                (value > *baseline, gap(*baseline, value), target.to_string())
            }
            Direction::LowerIsBetter => {
                (value < *baseline, gap(value, *baseline), target.to_string())
            }
            Direction::WithinBand => {
                return Err(KpiError::ImproveNeedsDirection {
                    indicator: indicator.id.clone(),
                });
            }
        },
        Target::Increase { baseline } => {
            (value > *baseline, gap(*baseline, value), target.to_string())
        }
        Target::Decrease { baseline } => {
            (value < *baseline, gap(value, *baseline), target.to_string())
        }
        Target::Maintain {
            baseline,
            tolerance,
        } => {
            let worse_by = match indicator.direction {
                Direction::HigherIsBetter => gap(*baseline, value),
                Direction::LowerIsBetter => gap(value, *baseline),
                Direction::WithinBand => gap(value, *baseline).abs(),
            };
            (
                worse_by <= *tolerance,
                gap(worse_by, *tolerance),
                target.to_string(),
            )
        }
        Target::AtLeastNational => {
            let Some(riket) = measurement.comparisons().riket else {
                return Ok((
                    Status::NotMeasurable,
                    "no national value (riket) to compare with".to_owned(),
                ));
            };
            let against = format!("riket {riket}");
            match indicator.direction {
                Direction::HigherIsBetter => (value >= riket, gap(riket, value), against),
                Direction::LowerIsBetter => (value <= riket, gap(value, riket), against),
                Direction::WithinBand => {
                    return Err(KpiError::NationalLevelNeedsDirection {
                        indicator: indicator.id.clone(),
                    });
                }
            }
        }
        Target::Milestone => {
            let done = if value == Decimal::ONE {
                true
            } else if value.is_zero() {
                false
            } else {
                return Err(KpiError::MilestoneValue {
                    indicator: indicator.id.clone(),
                    value,
                });
            };
            let status = if done { Status::Met } else { Status::NotMet };
            return Ok((status, format!("{value} against {target}")));
        }
        Target::Introduced { count } => {
            let count = Decimal::from(*count);
            (value >= count, gap(count, value), target.to_string())
        }
    };
    let status = if met {
        Status::Met
    } else if config.partly_met_band.is_some_and(|band| shortfall <= band) {
        Status::PartlyMet
    } else {
        Status::NotMet
    };
    Ok((status, format!("{value} against {against}")))
}

/// The committee's own judgement (*bedömning*), replacing the computed status.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{AssessedStatus, Status};
/// let a = AssessedStatus { status: Status::Met, justification: "godkänt".into(), assessor: None };
/// assert_eq!(a.status, Status::Met);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AssessedStatus {
    /// The status decided.
    pub status: Status,
    /// The written justification (*motivering*).
    pub justification: String,
    /// Who assessed (*bedömare*), if known.
    pub assessor: Option<String>,
}

/// The assessment of an indicator, goal or assignment: the computed status,
/// how it was computed, and the assessed status if one was set. Both are kept.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Period};
/// use namnd_kpi::goal::{AssessmentConfig, Direction, Indicator, IndicatorUnit, Measurement, Status};
///
/// // Oxelösund 2021: target ≥91,0 %, outcome 90 %, judged achieved.
/// let ind = Indicator::new("missbruk", "Andel som inte återkommit", IndicatorUnit::Percent, Direction::HigherIsBetter)?;
/// let target = ind.parse_target("≥91,0 %", None)?;
/// let outcome = Measurement::measured("2021".parse::<Period>()?, Decimal::from(90));
/// let a = ind.assess(&target, &outcome, &AssessmentConfig::default())?
///     .override_with(Status::Met, "Trots att målvärdet för 2021 var 91 % anses resultatet på 90 % vara godkänt", None)?;
/// assert_eq!((a.computed(), a.status()), (Status::NotMet, Status::Met));
/// assert!(a.is_overridden());
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AssessmentRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Assessment {
    subject: String,
    computed: Status,
    basis: String,
    assessed: Option<AssessedStatus>,
    action_required: Option<String>,
}

impl Assessment {
    /// A status assessed directly, as for an assignment (*uppdrag*).
    ///
    /// # Errors
    /// [`KpiError::EmptyGoalId`] for a blank id.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Assessment, Status};
    /// let a = Assessment::direct("uppdrag 1", Status::PartlyMet)?;
    /// assert_eq!(a.status(), Status::PartlyMet);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn direct(subject: impl Into<String>, status: Status) -> Result<Assessment> {
        Ok(Assessment {
            subject: checked_id(subject, "assignment")?,
            computed: status,
            basis: "assessed directly".to_owned(),
            assessed: None,
            action_required: None,
        })
    }

    /// Sets the assessed status with its justification and assessor.
    ///
    /// # Errors
    /// [`KpiError::MissingJustification`] if the status differs from the
    /// computed one and the justification is blank.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Assessment, Status};
    /// let a = Assessment::direct("u", Status::NotMet)?;
    /// let Err(err) = a.override_with(Status::Met, " ", None) else {
    ///     return Err("an override without a justification must be an error".into());
    /// };
    /// assert_eq!(err.to_string(), "indicator u: assessed status met differs from computed status not met but no justification is given");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn override_with(
        mut self,
        status: Status,
        justification: impl Into<String>,
        assessor: Option<String>,
    ) -> Result<Assessment> {
        let justification = justification.into().trim().to_owned();
        if status != self.computed && justification.is_empty() {
            return Err(KpiError::MissingJustification {
                indicator: self.subject,
                computed: self.computed,
                assessed: status,
            });
        }
        self.assessed = Some(AssessedStatus {
            status,
            justification,
            assessor,
        });
        Ok(self)
    }

    /// What was assessed (indicator, goal or assignment id).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert_eq!(Assessment::direct("u", Status::Met)?.subject(), "u");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The computed status.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert_eq!(Assessment::direct("u", Status::Met)?.computed(), Status::Met);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn computed(&self) -> Status {
        self.computed
    }

    /// How the computed status came about, e.g. `"90 against ≥91.0"`.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert_eq!(Assessment::direct("u", Status::Met)?.basis(), "assessed directly");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn basis(&self) -> &str {
        &self.basis
    }

    /// The assessed status, if one was set.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert!(Assessment::direct("u", Status::Met)?.assessed().is_none());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn assessed(&self) -> Option<&AssessedStatus> {
        self.assessed.as_ref()
    }

    /// The status that counts: the assessed one if set, else the computed one.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// let a = Assessment::direct("u", Status::NotMet)?.override_with(Status::Met, "godkänt", None)?;
    /// assert_eq!(a.status(), Status::Met);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn status(&self) -> Status {
        self.assessed
            .as_ref()
            .map_or(self.computed, |assessed| assessed.status)
    }

    /// Whether the assessed status differs from the computed one.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert!(!Assessment::direct("u", Status::Met)?.is_overridden());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn is_overridden(&self) -> bool {
        self.status() != self.computed
    }

    /// Flags the indicator as needing action (*Åtgärd krävs*), with the
    /// committee's note as printed (blank: "Åtgärd krävs").
    ///
    /// The flag does not change the computed or assessed status; both are
    /// kept and shown ([`summary`](Self::summary)). A flag on a **met**
    /// indicator is allowed but contradicts the status (Gnesta 2022: an
    /// e-service indicator at 16 % against 14 % says "Åtgärd krävs"), which
    /// [`action_flag_on_met`](Self::action_flag_on_met) reports for a checker.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Assessment, Status};
    /// let a = Assessment::direct("E-tjänst färdtjänst", Status::Met)?
    ///     .with_action_required("Åtgärd krävs för att uppnå framtida målvärde.");
    /// assert_eq!(a.action_required(), Some("Åtgärd krävs för att uppnå framtida målvärde."));
    /// assert_eq!(a.status(), Status::Met);
    /// assert!(a.action_flag_on_met());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_action_required(mut self, note: impl Into<String>) -> Assessment {
        let note = note.into().trim().to_owned();
        self.action_required = Some(if note.is_empty() {
            "Åtgärd krävs".to_owned()
        } else {
            note
        });
        self
    }

    /// The action-required note (*Åtgärd krävs …*), if the flag is set.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// assert_eq!(Assessment::direct("u", Status::NotMet)?.with_action_required(" ").action_required(), Some("Åtgärd krävs"));
    /// assert_eq!(Assessment::direct("u", Status::NotMet)?.action_required(), None);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn action_required(&self) -> Option<&str> {
        self.action_required.as_deref()
    }

    /// Whether the action flag is set although the status that counts is met
    /// (domain lesson: status contradicts comment).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Status};
    /// let a = Assessment::direct("u", Status::NotMet)?.with_action_required("Åtgärd krävs");
    /// assert!(!a.action_flag_on_met());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn action_flag_on_met(&self) -> bool {
        self.action_required.is_some() && self.status() == Status::Met
    }

    /// Whether a printed comment sets the action flag: it contains
    /// "åtgärd krävs" (any case), as Gnesta's comments do.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Assessment;
    /// assert!(Assessment::says_action_required("Åtgärd krävs för att nå målvärdet."));
    /// assert!(!Assessment::says_action_required("Fortsatt arbete pågår för att uppnå framtida målvärde."));
    /// ```
    pub fn says_action_required(comment: &str) -> bool {
        comment
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .contains("åtgärd krävs")
    }

    /// One line showing everything that was decided: the status that counts,
    /// the computed status and its basis, the assessed status with its
    /// justification, and the action flag (marked when it contradicts a met
    /// status). Identity numbers in the texts are masked.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, Period};
    /// use namnd_kpi::goal::{AssessmentConfig, Direction, Indicator, IndicatorUnit, Measurement, Status};
    ///
    /// // Gnesta årsredovisning 2022: 16 % against the target 14 %, comment "Åtgärd krävs …".
    /// let ind = Indicator::new("e-tjänst färdtjänst", "Andel digitala ansökningar", IndicatorUnit::Percent, Direction::HigherIsBetter)?;
    /// let a = ind.assess(&ind.parse_target("14%", None)?, &Measurement::measured("2022".parse::<Period>()?, Decimal::from(16)), &AssessmentConfig::default())?
    ///     .with_action_required("Åtgärd krävs för att uppnå framtida målvärde.");
    /// assert_eq!(
    ///     a.summary(),
    ///     "met (computed: 16 against ≥14); action required although met: Åtgärd krävs för att uppnå framtida målvärde."
    /// );
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn summary(&self) -> String {
        let clean = |t: &str| namnd_core::redact_identity_numbers(t).into_owned();
        let mut line = match &self.assessed {
            Some(a) if a.status != self.computed => format!(
                "{} (assessed; computed {}: {}; justification: {})",
                a.status,
                self.computed,
                clean(&self.basis),
                clean(&a.justification)
            ),
            _ => format!("{} (computed: {})", self.status(), clean(&self.basis)),
        };
        if let Some(note) = &self.action_required {
            let label = if self.action_flag_on_met() {
                "action required although met"
            } else {
                "action required"
            };
            line.push_str(&format!("; {label}: {}", clean(note)));
        }
        line
    }
}

// ---------------------------------------------------------------------- scale

/// A status scale printed in reports.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
/// assert_eq!(ScaleMapping::new(Scale::Achievement).label(Status::PartlyMet), Label::DelvisUppnatt);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Scale {
    /// *Ja* / *Nej* (yes / no), as Oxelösund prints goals.
    YesNo,
    /// *uppnått* / *delvis uppnått* / *ej uppnått* (met / partly met / not met).
    Achievement,
    /// *grön* / *gul* / *röd* (green / yellow / red), as Gnesta colours assignments.
    Traffic,
}

impl Scale {
    /// The scale's own labels, best first.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale};
    /// assert_eq!(Scale::YesNo.labels(), &[Label::Ja, Label::Nej]);
    /// ```
    pub fn labels(self) -> &'static [Label] {
        match self {
            Scale::YesNo => &[Label::Ja, Label::Nej],
            Scale::Achievement => &[Label::Uppnatt, Label::DelvisUppnatt, Label::EjUppnatt],
            Scale::Traffic => &[Label::Gron, Label::Gul, Label::Rod],
        }
    }

    /// The scale's words, e.g. `ja/nej`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Scale;
    /// assert_eq!(Scale::Traffic.name(), "grön/gul/röd");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Scale::YesNo => "ja/nej",
            Scale::Achievement => "uppnått/delvis uppnått/ej uppnått",
            Scale::Traffic => "grön/gul/röd",
        }
    }
}

/// A printed status word.
///
/// # Example
/// ```
/// use namnd_kpi::goal::Label;
/// assert_eq!("Uppnått".parse::<Label>(), Ok(Label::Uppnatt));
/// assert_eq!(Label::Rod.to_string(), "röd");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Label {
    /// *Ja*: yes, met.
    Ja,
    /// *Nej*: no, not met.
    Nej,
    /// *uppnått*: met.
    Uppnatt,
    /// *delvis uppnått*: partly met.
    DelvisUppnatt,
    /// *ej uppnått*: not met.
    EjUppnatt,
    /// *grön*: green, met.
    Gron,
    /// *gul*: yellow, partly met.
    Gul,
    /// *röd*: red, not met.
    Rod,
    /// *går ej att bedöma*: cannot be assessed (no value).
    EjBedombar,
}

impl Label {
    /// The Swedish word as printed.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::Label;
    /// assert_eq!(Label::DelvisUppnatt.as_str(), "delvis uppnått");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Ja => "Ja",
            Label::Nej => "Nej",
            Label::Uppnatt => "uppnått",
            Label::DelvisUppnatt => "delvis uppnått",
            Label::EjUppnatt => "ej uppnått",
            Label::Gron => "grön",
            Label::Gul => "gul",
            Label::Rod => "röd",
            Label::EjBedombar => "går ej att bedöma",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = KpiError;

    /// Reads a printed status word, ignoring case, spaces and a trailing period.
    fn from_str(s: &str) -> Result<Label> {
        let t = s.trim().trim_end_matches('.').trim().to_lowercase();
        let all = [
            Label::Ja,
            Label::Nej,
            Label::Uppnatt,
            Label::DelvisUppnatt,
            Label::EjUppnatt,
            Label::Gron,
            Label::Gul,
            Label::Rod,
            Label::EjBedombar,
        ];
        all.into_iter()
            .find(|label| label.as_str().to_lowercase() == t)
            .ok_or_else(|| KpiError::UnknownStatusWord { input: echo(s) })
    }
}

/// Maps statuses onto a [`Scale`]; partly met and not measurable are configurable.
///
/// Defaults: on Ja/Nej, partly met is *Nej*; on every scale, not measurable is
/// [`Label::EjBedombar`]. One real report (Oxelösund 2021) prints missing data
/// as *Nej*: use [`ScaleMapping::not_measurable_as`].
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
/// let oxelosund = ScaleMapping::new(Scale::YesNo).not_measurable_as(Label::Nej)?;
/// assert_eq!(oxelosund.label(Status::NotMeasurable), Label::Nej);
/// assert_eq!(oxelosund.label(Status::Met), Label::Ja);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ScaleMappingRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ScaleMapping {
    scale: Scale,
    partly_met: Label,
    not_measurable: Label,
}

impl ScaleMapping {
    /// The default mapping for `scale`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// assert_eq!(ScaleMapping::new(Scale::YesNo).label(Status::PartlyMet), Label::Nej);
    /// ```
    pub fn new(scale: Scale) -> ScaleMapping {
        let partly_met = match scale {
            Scale::YesNo => Label::Nej,
            Scale::Achievement => Label::DelvisUppnatt,
            Scale::Traffic => Label::Gul,
        };
        ScaleMapping {
            scale,
            partly_met,
            not_measurable: Label::EjBedombar,
        }
    }

    /// Prints partly met as `label`, one of this scale's own labels.
    ///
    /// # Errors
    /// [`KpiError::LabelNotOnScale`] for a label of another scale (or
    /// [`Label::EjBedombar`], which is for not measurable only).
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// let m = ScaleMapping::new(Scale::YesNo).partly_met_as(Label::Ja)?;
    /// assert_eq!(m.label(Status::PartlyMet), Label::Ja);
    /// assert!(ScaleMapping::new(Scale::YesNo).partly_met_as(Label::Gul).is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn partly_met_as(mut self, label: Label) -> Result<ScaleMapping> {
        if !self.scale.labels().contains(&label) {
            return Err(KpiError::LabelNotOnScale {
                label: label.as_str(),
                scale: self.scale.name(),
            });
        }
        self.partly_met = label;
        Ok(self)
    }

    /// Prints not measurable as `label`: one of this scale's own labels, or
    /// [`Label::EjBedombar`] (*går ej att bedöma*, the default), which
    /// belongs to every scale for this purpose.
    ///
    /// # Errors
    /// [`KpiError::LabelNotOnScale`] for a label of another scale.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// let m = ScaleMapping::new(Scale::Traffic).not_measurable_as(Label::Rod)?;
    /// assert_eq!(m.label(Status::NotMeasurable), Label::Rod);
    /// assert!(ScaleMapping::new(Scale::Traffic).not_measurable_as(Label::Nej).is_err());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn not_measurable_as(mut self, label: Label) -> Result<ScaleMapping> {
        if label != Label::EjBedombar && !self.scale.labels().contains(&label) {
            return Err(KpiError::LabelNotOnScale {
                label: label.as_str(),
                scale: self.scale.name(),
            });
        }
        self.not_measurable = label;
        Ok(self)
    }

    /// The scale.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Scale, ScaleMapping};
    /// assert_eq!(ScaleMapping::new(Scale::Traffic).scale(), Scale::Traffic);
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The label printed for `status`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// assert_eq!(ScaleMapping::new(Scale::Achievement).label(Status::NotMet), Label::EjUppnatt);
    /// ```
    pub fn label(&self, status: Status) -> Label {
        match (status, self.scale) {
            (Status::PartlyMet, _) => self.partly_met,
            (Status::NotMeasurable, _) => self.not_measurable,
            (Status::Met, Scale::YesNo) => Label::Ja,
            (Status::Met, Scale::Achievement) => Label::Uppnatt,
            (Status::Met, Scale::Traffic) => Label::Gron,
            (Status::NotMet, Scale::YesNo) => Label::Nej,
            (Status::NotMet, Scale::Achievement) => Label::EjUppnatt,
            (Status::NotMet, Scale::Traffic) => Label::Rod,
        }
    }
}

// ------------------------------------------------------------------ hierarchy

/// The level of a goal.
///
/// # Example
/// ```
/// use namnd_kpi::goal::GoalLevel;
/// assert_ne!(GoalLevel::Inriktningsmal, GoalLevel::Namndmal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum GoalLevel {
    /// The council's goal (*inriktningsmål*, *kommunmål*, *strategiskt mål*).
    Inriktningsmal,
    /// The committee's goal (*nämndmål*).
    Namndmal,
}

/// A child of a goal.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Assessment, Node, Status};
/// let node = Node::Assignment(Assessment::direct("uppdrag 1", Status::Met)?);
/// assert_eq!(node.id(), "uppdrag 1");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Node {
    /// A sub-goal (a *nämndmål* under an *inriktningsmål*).
    Goal(Goal),
    /// An assessed indicator.
    Indicator(Assessment),
    /// An assignment (*uppdrag*), assessed directly.
    Assignment(Assessment),
}

impl Node {
    /// The child's id.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Assessment, Node, Status};
    /// assert_eq!(Node::Indicator(Assessment::direct("U21401", Status::NotMet)?).id(), "U21401");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn id(&self) -> &str {
        match self {
            Node::Goal(goal) => goal.id(),
            Node::Indicator(a) | Node::Assignment(a) => a.subject(),
        }
    }
}

/// How children's statuses combine into a goal's.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{NotMeasurablePolicy, RollUp};
/// assert_eq!(RollUp::default(), RollUp::WorstOf { not_measurable: NotMeasurablePolicy::Count });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", try_from = "RollUpRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RollUp {
    /// The worst child decides (the default; Gnesta's rule for assignments).
    WorstOf {
        /// How children without a value count.
        not_measurable: NotMeasurablePolicy,
    },
    /// Met when at least `met_percent` % of the children are met, partly met
    /// when at least `partly_percent` % are met or partly met, else not met.
    Share {
        /// Share met for met, in percent.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        met_percent: Decimal,
        /// Share met or partly met for partly met, in percent.
        #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        partly_percent: Decimal,
        /// How children without a value count.
        not_measurable: NotMeasurablePolicy,
    },
}

impl RollUp {
    /// Checks the rule: the shares of [`RollUp::Share`] lie in 0 to 100 percent.
    ///
    /// # Errors
    /// [`KpiError::InvalidRollUpShare`] for a share outside 0 to 100.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::{NotMeasurablePolicy, RollUp};
    /// let bad = RollUp::Share { met_percent: Decimal::from(120), partly_percent: Decimal::from(50), not_measurable: NotMeasurablePolicy::Count };
    /// assert!(bad.validate().is_err());
    /// RollUp::default().validate()?;
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let RollUp::Share {
            met_percent,
            partly_percent,
            ..
        } = self
        {
            for share in [*met_percent, *partly_percent] {
                if share.is_sign_negative() || share > Decimal::ONE_HUNDRED {
                    return Err(KpiError::InvalidRollUpShare { share });
                }
            }
        }
        Ok(())
    }
}

impl Default for RollUp {
    fn default() -> RollUp {
        RollUp::WorstOf {
            not_measurable: NotMeasurablePolicy::Count,
        }
    }
}

/// How a not-measurable child counts in a roll-up.
///
/// # Example
/// ```
/// use namnd_kpi::goal::NotMeasurablePolicy;
/// assert_ne!(NotMeasurablePolicy::Ignore, NotMeasurablePolicy::AsNotMet);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum NotMeasurablePolicy {
    /// As its own status, between partly met and not met.
    Count,
    /// Left out; a goal whose children are all left out is not measurable.
    Ignore,
    /// As not met.
    AsNotMet,
}

/// A goal (*mål*) and its children.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
/// let goal = Goal::new("Trygg och säker uppväxt", "Trygg och säker uppväxt", GoalLevel::Namndmal)?
///     .with_child(Node::Assignment(Assessment::direct("uppdrag 1", Status::Met)?))
///     .with_child(Node::Assignment(Assessment::direct("uppdrag 2", Status::PartlyMet)?));
/// let rolled = goal.roll_up(&RollUp::default())?;
/// assert_eq!(rolled.status(), Status::PartlyMet);
/// assert_eq!(rolled.explanation(), "partly met because of uppdrag 2 (partly met)");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Goal {
    #[cfg_attr(feature = "serde", serde(deserialize_with = "serde_checks::goal_id"))]
    id: String,
    text: String,
    level: GoalLevel,
    children: Vec<Node>,
}

impl Goal {
    /// A goal without children.
    ///
    /// # Errors
    /// [`KpiError::EmptyGoalId`] for a blank id.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Goal, GoalLevel};
    /// let g = Goal::new("KF1", "God folkhälsa", GoalLevel::Inriktningsmal)?;
    /// assert_eq!((g.id(), g.text(), g.level()), ("KF1", "God folkhälsa", GoalLevel::Inriktningsmal));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn new(id: impl Into<String>, text: impl Into<String>, level: GoalLevel) -> Result<Goal> {
        Ok(Goal {
            id: checked_id(id, "goal")?,
            text: text.into(),
            level,
            children: Vec::new(),
        })
    }

    /// Adds a child.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, Status};
    /// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Assignment(Assessment::direct("u", Status::Met)?));
    /// assert_eq!(g.children().len(), 1);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn with_child(mut self, child: Node) -> Goal {
        self.children.push(child);
        self
    }

    /// The id.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel};
    /// assert_eq!(Goal::new("g", "G", GoalLevel::Namndmal)?.id(), "g");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The goal text.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel};
    /// assert_eq!(Goal::new("g", "G", GoalLevel::Namndmal)?.text(), "G");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The level.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel};
    /// assert_eq!(Goal::new("g", "G", GoalLevel::Namndmal)?.level(), GoalLevel::Namndmal);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn level(&self) -> GoalLevel {
        self.level
    }

    /// The children.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel};
    /// assert!(Goal::new("g", "G", GoalLevel::Namndmal)?.children().is_empty());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn children(&self) -> &[Node] {
        &self.children
    }

    /// Rolls the children's statuses up into this goal's, recursively.
    ///
    /// A goal without children (or with only ignored ones) is not measurable.
    ///
    /// # Errors
    /// [`KpiError::InvalidRollUpShare`] for a share outside 0 to 100.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, NotMeasurablePolicy, RollUp, Status};
    /// let goal = Goal::new("g", "G", GoalLevel::Namndmal)?
    ///     .with_child(Node::Indicator(Assessment::direct("a", Status::Met)?))
    ///     .with_child(Node::Indicator(Assessment::direct("b", Status::NotMet)?));
    /// let half = RollUp::Share { met_percent: Decimal::from(50), partly_percent: Decimal::from(25), not_measurable: NotMeasurablePolicy::Ignore };
    /// assert_eq!(goal.roll_up(&half)?.status(), Status::Met);
    /// assert_eq!(goal.roll_up(&RollUp::default())?.status(), Status::NotMet);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn roll_up(&self, rule: &RollUp) -> Result<RolledUp> {
        let mut children = Vec::with_capacity(self.children.len());
        for child in &self.children {
            let (status, nested, action_required) = match child {
                Node::Goal(goal) => {
                    let rolled = goal.roll_up(rule)?;
                    (rolled.status, Some(rolled), false)
                }
                Node::Indicator(a) | Node::Assignment(a) => {
                    (a.status(), None, a.action_required().is_some())
                }
            };
            children.push(ChildStatus {
                id: child.id().to_owned(),
                status,
                rolled_up: nested,
                action_required,
            });
        }
        let policy = match rule {
            RollUp::WorstOf { not_measurable } | RollUp::Share { not_measurable, .. } => {
                *not_measurable
            }
        };
        let counted: Vec<(usize, Status)> = children
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match (c.status, policy) {
                (Status::NotMeasurable, NotMeasurablePolicy::Ignore) => None,
                (Status::NotMeasurable, NotMeasurablePolicy::AsNotMet) => Some((i, Status::NotMet)),
                (s, _) => Some((i, s)),
            })
            .collect();
        let left_out = children.len().saturating_sub(counted.len());
        let (status, drivers, share_counts) = if counted.is_empty() {
            (Status::NotMeasurable, Vec::new(), None)
        } else {
            match rule {
                RollUp::WorstOf { .. } => {
                    let worst = counted
                        .iter()
                        .map(|(_, s)| s.severity())
                        .max()
                        .map_or(Status::NotMeasurable, Status::from_severity);
                    let drivers = counted
                        .iter()
                        .filter(|(_, s)| *s == worst)
                        .map(|(i, _)| *i)
                        .collect();
                    (worst, drivers, None)
                }
                RollUp::Share {
                    met_percent,
                    partly_percent,
                    ..
                } => {
                    let (status, drivers, counts) = share(&counted, *met_percent, *partly_percent)?;
                    (status, drivers, Some(counts))
                }
            }
        };
        let driver_ids = drivers
            .iter()
            .filter_map(|i| children.get(*i).map(|c| c.id.clone()))
            .collect();
        Ok(RolledUp {
            id: self.id.clone(),
            status,
            drivers: driver_ids,
            children,
            share: share_counts,
            left_out,
            driver_positions: drivers,
            policy,
        })
    }
}

/// The share rule: the status, the positions of the children that drove it,
/// and the counts it was decided on.
fn share(
    counted: &[(usize, Status)],
    met_percent: Decimal,
    partly_percent: Decimal,
) -> Result<(Status, Vec<usize>, ShareCounts)> {
    let hundred = Decimal::ONE_HUNDRED;
    for share in [met_percent, partly_percent] {
        if share.is_sign_negative() || share > hundred {
            return Err(KpiError::InvalidRollUpShare { share });
        }
    }
    let total = counted.len();
    let met = counted.iter().filter(|(_, s)| *s == Status::Met).count();
    let met_or_partly = counted
        .iter()
        .filter(|(_, s)| matches!(s, Status::Met | Status::PartlyMet))
        .count();
    // met / total ≥ p / 100  ⇔  met · 100 ≥ p · total (no division, no rounding).
    let reaches = |n: usize, p: Decimal| match (
        Decimal::from(n).checked_mul(hundred),
        p.checked_mul(Decimal::from(total)),
    ) {
        (Some(left), Some(right)) => left >= right,
        _ => false,
    };
    let (status, drove): (Status, fn(Status) -> bool) = if reaches(met, met_percent) {
        (Status::Met, |s| s == Status::Met)
    } else if reaches(met_or_partly, partly_percent) {
        (Status::PartlyMet, |s| s != Status::Met)
    } else {
        (Status::NotMet, |s| {
            s != Status::Met && s != Status::PartlyMet
        })
    };
    let drivers = counted
        .iter()
        .filter(|(_, s)| drove(*s))
        .map(|(i, _)| *i)
        .collect();
    let counts = ShareCounts {
        counted: total,
        met,
        met_or_partly,
        met_percent,
        partly_percent,
    };
    Ok((status, drivers, counts))
}

/// The counts a [`RollUp::Share`] decision was made on.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, NotMeasurablePolicy, RollUp, Status};
/// let goal = Goal::new("g", "G", GoalLevel::Namndmal)?
///     .with_child(Node::Indicator(Assessment::direct("a", Status::Met)?))
///     .with_child(Node::Indicator(Assessment::direct("b", Status::PartlyMet)?))
///     .with_child(Node::Indicator(Assessment::direct("c", Status::NotMet)?));
/// let rule = RollUp::Share { met_percent: Decimal::from(50), partly_percent: Decimal::from(50), not_measurable: NotMeasurablePolicy::Count };
/// let rolled = goal.roll_up(&rule)?;
/// let counts = rolled.share_counts().ok_or(namnd_kpi::KpiError::EmptyGoalId { what: "x" })?;
/// assert_eq!((counts.counted, counts.met, counts.met_or_partly), (3, 1, 2));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ShareCounts {
    /// Children counted (not-measurable ones left out under
    /// [`NotMeasurablePolicy::Ignore`] are not).
    pub counted: usize,
    /// Children met.
    pub met: usize,
    /// Children met or partly met.
    pub met_or_partly: usize,
    /// The rule's share for met, in percent.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub met_percent: Decimal,
    /// The rule's share for partly met, in percent.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub partly_percent: Decimal,
}

/// One child's status in a roll-up.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
/// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::Met)?));
/// let rolled = g.roll_up(&RollUp::default())?;
/// assert_eq!(rolled.children().first().map(|c| c.id.as_str()), Some("a"));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ChildStatus {
    /// The child's id.
    pub id: String,
    /// The child's status (assessed if set, else computed or rolled up).
    pub status: Status,
    /// The child's own roll-up, if it is a goal.
    pub rolled_up: Option<RolledUp>,
    /// Whether the child (an indicator or assignment) carries the
    /// *Åtgärd krävs* flag. The flag does not change any status.
    pub action_required: bool,
}

/// A goal's rolled-up status, with the children that drove it.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
/// let g = Goal::new("g", "G", GoalLevel::Namndmal)?;
/// let rolled = g.roll_up(&RollUp::default())?;
/// assert_eq!(rolled.status(), Status::NotMeasurable);
/// assert_eq!(rolled.explanation(), "not measurable: no children with a status");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RolledUp {
    id: String,
    status: Status,
    drivers: Vec<String>,
    children: Vec<ChildStatus>,
    /// The counts behind a share decision.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    share: Option<ShareCounts>,
    /// Not-measurable children left out (policy `ignore`).
    left_out: usize,
    #[cfg_attr(feature = "serde", serde(skip))]
    driver_positions: Vec<usize>,
    #[cfg_attr(feature = "serde", serde(skip))]
    policy: NotMeasurablePolicy,
}

impl RolledUp {
    /// The goal's id.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel, RollUp};
    /// assert_eq!(Goal::new("g", "G", GoalLevel::Namndmal)?.roll_up(&RollUp::default())?.id(), "g");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The rolled-up status.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel, RollUp, Status};
    /// assert_eq!(Goal::new("g", "G", GoalLevel::Namndmal)?.roll_up(&RollUp::default())?.status(), Status::NotMeasurable);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn status(&self) -> Status {
        self.status
    }

    /// The ids of the children that drove the status.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
    /// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::NotMet)?));
    /// assert_eq!(g.roll_up(&RollUp::default())?.drivers(), ["a".to_owned()]);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn drivers(&self) -> &[String] {
        &self.drivers
    }

    /// Every child's status.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Goal, GoalLevel, RollUp};
    /// assert!(Goal::new("g", "G", GoalLevel::Namndmal)?.roll_up(&RollUp::default())?.children().is_empty());
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn children(&self) -> &[ChildStatus] {
        &self.children
    }

    /// The counts behind a [`RollUp::Share`] decision (`None` for worst-of,
    /// or when no child was counted).
    ///
    /// # Example
    /// See [`ShareCounts`].
    pub fn share_counts(&self) -> Option<&ShareCounts> {
        self.share.as_ref()
    }

    /// How many not-measurable children were left out
    /// ([`NotMeasurablePolicy::Ignore`]).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, NotMeasurablePolicy, RollUp, Status};
    /// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::NotMeasurable)?));
    /// let rolled = g.roll_up(&RollUp::WorstOf { not_measurable: NotMeasurablePolicy::Ignore })?;
    /// assert_eq!(rolled.left_out(), 1);
    /// assert_eq!(rolled.explanation(), "not measurable: no children with a status; 1 not measurable left out");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// A sentence saying what drove the status.
    ///
    /// - Worst-of: the children at the worst status, e.g.
    ///   `"not met because of U21401 (not met), U33401 (not met)"`; a
    ///   not-measurable child counted as not met says so.
    /// - Share: the counts and the rule, then the children that drove it, e.g.
    ///   `"partly met: 1 of 3 met, 2 of 3 met or partly met (met needs 50 %,
    ///   partly met 50 %); because of b (partly met), c (not met)"`.
    /// - Then, if any, how many not-measurable children were left out, and
    ///   the children flagged *Åtgärd krävs* (the flag does not change the
    ///   status, but it is shown).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
    /// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::NotMet)?));
    /// assert_eq!(g.roll_up(&RollUp::default())?.explanation(), "not met because of a (not met)");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn explanation(&self) -> String {
        let drivers: Vec<String> = self
            .driver_positions
            .iter()
            .filter_map(|i| self.children.get(*i))
            .map(|c| {
                if c.status == Status::NotMeasurable && self.policy == NotMeasurablePolicy::AsNotMet
                {
                    format!("{} (not measurable, counted as not met)", c.id)
                } else {
                    format!("{} ({})", c.id, c.status)
                }
            })
            .collect();
        let mut line = match (&self.share, drivers.is_empty()) {
            (Some(c), _) => {
                let mut l = format!(
                    "{}: {} of {} met, {} of {} met or partly met (met needs {} %, partly met {} %)",
                    self.status,
                    c.met,
                    c.counted,
                    c.met_or_partly,
                    c.counted,
                    c.met_percent,
                    c.partly_percent
                );
                if !drivers.is_empty() {
                    l.push_str("; because of ");
                    l.push_str(&drivers.join(", "));
                }
                l
            }
            (None, true) => format!("{}: no children with a status", self.status),
            (None, false) => format!("{} because of {}", self.status, drivers.join(", ")),
        };
        if self.left_out > 0 {
            line.push_str(&format!("; {} not measurable left out", self.left_out));
        }
        let flagged: Vec<String> = self
            .children
            .iter()
            .filter(|c| c.action_required)
            .map(|c| format!("{} ({})", c.id, c.status))
            .collect();
        if !flagged.is_empty() {
            line.push_str("; action required (Åtgärd krävs) on ");
            line.push_str(&flagged.join(", "));
        }
        line
    }
}

// ---------------------------------------------------------------------- trend

/// The change from the previous period, judged by direction.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_kpi::goal::Trend;
/// // Within a band of 5 to 10: 12 → 9 moves into the band.
/// assert_eq!(Trend::within(Decimal::from(5), Decimal::from(10), Decimal::from(12), Decimal::from(9)), Trend::Improved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Trend {
    /// Better than before (*förbättring*).
    Improved,
    /// As before (*oförändrat*).
    Unchanged,
    /// Worse than before (*försämring*).
    Worsened,
    /// Cannot be compared: a value is missing, or a band without bounds.
    NotComparable,
}

impl Trend {
    /// The trend for a band indicator: closer to the band `[low, high]` is better.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_kpi::goal::Trend;
    /// assert_eq!(Trend::within(Decimal::ZERO, Decimal::TEN, Decimal::ONE, Decimal::TWO), Trend::Unchanged);
    /// ```
    pub fn within(low: Decimal, high: Decimal, previous: Decimal, current: Decimal) -> Trend {
        let distance = |v: Decimal| {
            if v < low {
                gap(low, v)
            } else if v > high {
                gap(v, high)
            } else {
                Decimal::ZERO
            }
        };
        Direction::LowerIsBetter.trend(distance(previous), distance(current))
    }
}

// ---------------------------------------------------------------------- serde

/// Checks applied when deserialising, so that data read from JSON keeps the
/// same invariants as data built through the constructors.
#[cfg(feature = "serde")]
mod serde_checks {
    use serde::{Deserialize, Deserializer, de::Error as _};

    use super::{
        AssessedStatus, Assessment, Comparisons, Label, Measurement, NotMeasurablePolicy,
        Observation, RollUp, Scale, ScaleMapping, Status, Target,
    };
    use namnd_core::{Decimal, Period};

    pub(super) fn indicator_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        super::checked_id(String::deserialize(d)?, "indicator").map_err(D::Error::custom)
    }

    pub(super) fn goal_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        super::checked_id(String::deserialize(d)?, "goal").map_err(D::Error::custom)
    }

    /// The fields of a [`Measurement`], checked by `TryFrom`.
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub(super) struct MeasurementRepr {
        observation: Observation,
        period: Period,
        reference: Period,
        comparisons: Comparisons,
        #[serde(default)]
        footnote: Option<String>,
        #[serde(default)]
        approximate: bool,
    }

    impl TryFrom<MeasurementRepr> for Measurement {
        type Error = crate::KpiError;

        fn try_from(r: MeasurementRepr) -> crate::Result<Measurement> {
            let mut m = Measurement {
                observation: r.observation,
                period: r.period,
                reference: r.period,
                comparisons: r.comparisons,
                footnote: None,
                approximate: r.approximate,
            }
            .referring_to(r.reference)?;
            if let Some(marker) = r.footnote {
                m = m.with_footnote(&marker)?;
            }
            Ok(m)
        }
    }

    /// The indicator named in errors about a target read from data (the
    /// target alone does not know its indicator).
    const DESERIALISED_TARGET: &str = "(target read from data)";

    /// The shape of a [`Target`], checked by `TryFrom` ([`Target::validate`]).
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(rename_all = "kebab-case")]
    pub(super) enum TargetRepr {
        Above(
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            Decimal,
        ),
        AtLeast(
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            Decimal,
        ),
        Below(
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            Decimal,
        ),
        AtMost(
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            Decimal,
        ),
        Equal(
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            Decimal,
        ),
        Between {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            low: Decimal,
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            high: Decimal,
        },
        Improve {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            baseline: Decimal,
        },
        Increase {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            baseline: Decimal,
        },
        Decrease {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            baseline: Decimal,
        },
        Maintain {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            baseline: Decimal,
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            tolerance: Decimal,
        },
        AtLeastNational,
        Milestone,
        Introduced {
            count: u32,
        },
    }

    impl TryFrom<TargetRepr> for Target {
        type Error = crate::KpiError;

        fn try_from(r: TargetRepr) -> crate::Result<Target> {
            let target = match r {
                TargetRepr::Above(v) => Target::Above(v),
                TargetRepr::AtLeast(v) => Target::AtLeast(v),
                TargetRepr::Below(v) => Target::Below(v),
                TargetRepr::AtMost(v) => Target::AtMost(v),
                TargetRepr::Equal(v) => Target::Equal(v),
                TargetRepr::Between { low, high } => Target::Between { low, high },
                TargetRepr::Improve { baseline } => Target::Improve { baseline },
                TargetRepr::Increase { baseline } => Target::Increase { baseline },
                TargetRepr::Decrease { baseline } => Target::Decrease { baseline },
                TargetRepr::Maintain {
                    baseline,
                    tolerance,
                } => Target::Maintain {
                    baseline,
                    tolerance,
                },
                TargetRepr::AtLeastNational => Target::AtLeastNational,
                TargetRepr::Milestone => Target::Milestone,
                TargetRepr::Introduced { count } => Target::Introduced { count },
            };
            target.validate(DESERIALISED_TARGET)?;
            Ok(target)
        }
    }

    /// The shape of a [`RollUp`], checked by `TryFrom` ([`RollUp::validate`]).
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    #[serde(rename_all = "kebab-case")]
    pub(super) enum RollUpRepr {
        WorstOf {
            not_measurable: NotMeasurablePolicy,
        },
        Share {
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            met_percent: Decimal,
            #[serde(with = "rust_decimal::serde::str")]
            #[cfg_attr(feature = "schemars", schemars(with = "String"))]
            partly_percent: Decimal,
            not_measurable: NotMeasurablePolicy,
        },
    }

    impl TryFrom<RollUpRepr> for RollUp {
        type Error = crate::KpiError;

        fn try_from(r: RollUpRepr) -> crate::Result<RollUp> {
            let rule = match r {
                RollUpRepr::WorstOf { not_measurable } => RollUp::WorstOf { not_measurable },
                RollUpRepr::Share {
                    met_percent,
                    partly_percent,
                    not_measurable,
                } => RollUp::Share {
                    met_percent,
                    partly_percent,
                    not_measurable,
                },
            };
            rule.validate()?;
            Ok(rule)
        }
    }

    /// The fields of a [`ScaleMapping`], checked by its setters.
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub(super) struct ScaleMappingRepr {
        scale: Scale,
        partly_met: Label,
        not_measurable: Label,
    }

    impl TryFrom<ScaleMappingRepr> for ScaleMapping {
        type Error = crate::KpiError;

        fn try_from(r: ScaleMappingRepr) -> crate::Result<ScaleMapping> {
            ScaleMapping::new(r.scale)
                .partly_met_as(r.partly_met)?
                .not_measurable_as(r.not_measurable)
        }
    }

    /// The fields of an [`Assessment`], checked by `TryFrom`.
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub(super) struct AssessmentRepr {
        subject: String,
        computed: Status,
        basis: String,
        assessed: Option<AssessedStatus>,
        #[serde(default)]
        action_required: Option<String>,
    }

    impl TryFrom<AssessmentRepr> for Assessment {
        type Error = crate::KpiError;

        fn try_from(r: AssessmentRepr) -> crate::Result<Assessment> {
            let base = Assessment {
                subject: super::checked_id(r.subject, "assessment")?,
                computed: r.computed,
                basis: r.basis,
                assessed: None,
                action_required: None,
            };
            let assessed = match r.assessed {
                Some(a) => base.override_with(a.status, a.justification, a.assessor)?,
                None => base,
            };
            Ok(match r.action_required {
                Some(note) => assessed.with_action_required(note),
                None => assessed,
            })
        }
    }
}
#[cfg(feature = "serde")]
use serde_checks::{AssessmentRepr, MeasurementRepr, RollUpRepr, ScaleMappingRepr, TargetRepr};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OXELOSUND: &str = "real-documents/oxelosund-von-arsredovisning-2021.txt";
    const GNESTA: &str = "real-documents/gnesta-socialnamnd-2023-spring.txt";

    fn year(y: &str) -> Period {
        y.parse().unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ind(id: &str, unit: IndicatorUnit, direction: Direction) -> Indicator {
        Indicator::new(id, id, unit, direction).unwrap()
    }

    fn pct(id: &str) -> Indicator {
        ind(id, IndicatorUnit::Percent, Direction::HigherIsBetter)
    }

    fn missing(reason: &str) -> Observation {
        Observation::Missing {
            reason: reason.to_owned(),
        }
    }

    // ------------------------------------------------------ printed cells

    #[test]
    fn value_with_footnote_marker_keeps_value_and_marker() {
        // OXELOSUND line 1092: N00973 "29 %*"; footnote line 1117 says 2020.
        let _ = OXELOSUND;
        let m = Measurement::parse_printed("29 %*", year("2021"), &pct("N00973")).unwrap();
        assert_eq!(m.observation(), &Observation::Measured(dec("29")));
        assert_eq!(m.footnote(), Some("*"));
        assert!(!m.is_lagged(), "the cell alone does not say 2020");
        // The footnote's text is applied by the caller.
        let m = m.referring_to(year("2020")).unwrap();
        assert_eq!(m.reference_year().year(), 2020);
        assert_eq!(m.footnote(), Some("*"));
    }

    #[test]
    fn double_and_triple_markers_are_kept_as_printed() {
        // OXELOSUND line 732: brukartid baseline "60 %**"; line 773: "9253**".
        let m = Measurement::parse_printed("60 %**", year("2021"), &pct("brukartid")).unwrap();
        assert_eq!((m.value(), m.footnote()), (Some(dec("60")), Some("**")));
        let hours = ind(
            "vikarietimmar",
            IndicatorUnit::Count,
            Direction::LowerIsBetter,
        );
        let m = Measurement::parse_printed("9253**", year("2021"), &hours).unwrap();
        assert_eq!((m.value(), m.footnote()), (Some(dec("9253")), Some("**")));
        let m = Measurement::parse_printed("8503", year("2021"), &hours).unwrap();
        assert_eq!((m.value(), m.footnote()), (Some(dec("8503")), None));
        let m = Measurement::parse_printed("1***", year("2021"), &hours).unwrap();
        assert_eq!(m.footnote(), Some("***"));
        let err = Measurement::parse_printed("1****", year("2021"), &hours).unwrap_err();
        assert!(matches!(err, KpiError::ParseOutcome { .. }), "{err}");
    }

    #[test]
    fn plain_percent_and_decimal_comma_values() {
        // OXELOSUND line 732 "50 %", line 744 "87%" / "72%", line 679 "74,0 %".
        let share = pct("U23471");
        for (text, value) in [
            ("50 %", "50"),
            ("87%", "87"),
            ("72%", "72"),
            ("74,0 %", "74.0"),
        ] {
            let m = Measurement::parse_printed(text, year("2021"), &share).unwrap();
            assert_eq!(
                m.observation(),
                &Observation::Measured(dec(value)),
                "{text}"
            );
            assert_eq!(
                (m.footnote(), m.is_lagged(), m.is_approximate()),
                (None, false, false)
            );
        }
        let days = ind("U33401", IndicatorUnit::Days, Direction::LowerIsBetter);
        assert_eq!(
            Measurement::parse_printed("14,5", year("2022"), &days)
                .unwrap()
                .value(),
            Some(dec("14.5"))
        );
    }

    #[test]
    fn year_note_sets_the_reference_year() {
        // OXELOSUND lines 758-759: N21006 "391 280 (2020)" in the 2021 column.
        let n21006 = ind("N21006", IndicatorUnit::Kronor, Direction::LowerIsBetter);
        let m = Measurement::parse_printed("391 280 \n(2020)", year("2021"), &n21006).unwrap();
        assert_eq!(m.value(), Some(dec("391280")));
        assert_eq!(
            (m.report_year().year(), m.reference_year().year()),
            (2021, 2020)
        );
        assert!(m.is_lagged());
        // GNESTA lines 1575-1576: U21470 "13%" over "(2020)" in the outcome-2021 column.
        let _ = GNESTA;
        let m = Measurement::parse_printed("13% \n(2020) ", year("2021"), &pct("U21470")).unwrap();
        assert_eq!(
            (m.value(), m.reference_year().year()),
            (Some(dec("13")), 2020)
        );
        // Same year as the report: not lagged.
        let m = Measurement::parse_printed("19 (2021)", year("2021"), &pct("x")).unwrap();
        assert!(!m.is_lagged());
    }

    #[test]
    fn approximate_value_with_year_and_marker_after_it() {
        // OXELOSUND lines 753-755: N21006 baseline "Ca 355 000" / "(2019) *".
        let n21006 = ind("N21006", IndicatorUnit::Kronor, Direction::LowerIsBetter);
        let m = Measurement::parse_printed("Ca 355 000 \n(2019) *", year("2021"), &n21006).unwrap();
        assert_eq!(m.value(), Some(dec("355000")));
        assert!(m.is_approximate());
        assert_eq!(m.reference_year().year(), 2019);
        assert_eq!(m.footnote(), Some("*"));
        // Money units are converted to kronor.
        let m = Measurement::parse_printed("ca. 286 tkr", year("2021"), &n21006).unwrap();
        assert_eq!((m.value(), m.is_approximate()), (Some(dec("286000")), true));
    }

    #[test]
    fn uppgift_saknas_is_missing_never_zero() {
        // OXELOSUND line 679 (U23471) and line 696 (U21468): "Uppgift saknas".
        for id in ["U23471", "U21468"] {
            let ind = pct(id);
            let m = Measurement::parse_printed("Uppgift saknas", year("2021"), &ind).unwrap();
            assert_eq!(m.observation(), &missing("Uppgift saknas"));
            assert_eq!(m.value(), None);
            let target = ind.parse_target(">74", None).unwrap();
            let a = ind
                .assess(&target, &m, &AssessmentConfig::default())
                .unwrap();
            assert_eq!(a.computed(), Status::NotMeasurable);
        }
    }

    #[test]
    fn nytt_mal_is_missing() {
        // OXELOSUND line 1114 ("Nytt mål ≥50 % 40 % Nej") and line 535: the
        // baseline column of a new goal.
        let m = Measurement::parse_printed("Nytt mål", year("2021"), &pct("jobbcoach")).unwrap();
        assert_eq!(m.observation(), &missing("Nytt mål"));
    }

    #[test]
    fn printed_missing_phrases_keep_their_text_as_reason() {
        let ind = pct("U35409");
        // GNESTA lines 1661-1664: "Indikatorn har utgått från Kolada."
        // GNESTA lines 1679-1682: "Inga värden tillgängliga för 2022."
        // Not from a document: "Ej mätt", "Saknas", "Undersökningen är inte genomförd".
        for text in [
            "Indikatorn \nhar utgått \nfrån \nKolada.",
            "Inga \nvärden \ntillgängliga \nför 2022.",
            "Ej mätt",
            "ej mätt.",
            "Saknas",
            "Undersökningen är inte genomförd",
        ] {
            let m = Measurement::parse_printed(text, year("2022"), &ind).unwrap();
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(m.observation(), &missing(&expected), "{text}");
        }
    }

    #[test]
    fn a_dash_alone_is_missing_not_not_applicable() {
        // GNESTA line 1670: "-" in the riket column; OXELOSUND line 1126: "-".
        for dash in ["-", "–", "—", "−", " - "] {
            let m = Measurement::parse_printed(dash, year("2022"), &pct("U35409")).unwrap();
            assert_eq!(m.observation(), &missing(dash.trim()), "{dash:?}");
        }
        let m = Measurement::parse_printed("Ej aktuellt", year("2022"), &pct("x")).unwrap();
        assert_eq!(m.observation(), &Observation::NotApplicable);
    }

    #[test]
    fn preliminary_marker_gives_a_preliminary_value() {
        let ind = pct("x");
        for text in ["72 (prel.)", "72 prel.", "72 % preliminärt"] {
            let m = Measurement::parse_printed(text, year("2022"), &ind).unwrap();
            assert_eq!(
                m.observation(),
                &Observation::Preliminary(dec("72")),
                "{text}"
            );
        }
    }

    #[test]
    fn outcome_errors_name_the_indicator_and_the_text() {
        let u21401 = ind("U21401", IndicatorUnit::Persons, Direction::LowerIsBetter);
        let r = year("2021");
        let msg = |t: &str| {
            Measurement::parse_printed(t, r, &u21401)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            msg("24 %"),
            r#"indicator U21401: outcome "24 %" is in %, but the indicator is measured in persons"#
        );
        assert_eq!(
            msg("19 (2022)"),
            r#"indicator U21401: cannot read outcome "19 (2022)"; the year in parentheses is after the report period"#
        );
        assert_eq!(
            msg("19* (2020)*"),
            r#"indicator U21401: cannot read outcome "19* (2020)*"; it has two footnote markers"#
        );
        assert_eq!(
            msg("  "),
            r#"indicator U21401: cannot read outcome "  "; the cell is empty"#
        );
        assert_eq!(
            msg("**"),
            r#"indicator U21401: cannot read outcome "**"; there is no value before the footnote marker or year"#
        );
        assert!(
            msg("okänt")
                .starts_with(r#"indicator U21401: cannot read the number in outcome "okänt""#)
        );
        // A personal identity number pasted into the cell is masked.
        let m = msg("19121212-1212");
        assert!(!m.contains("19121212"), "{m}");
        assert!(m.contains("[personnummer]"), "{m}");
        // Long text is cut.
        let long = "x".repeat(200);
        assert!(msg(&long).chars().count() < 140);
    }

    #[test]
    fn note_in_parentheses_that_is_not_a_year_is_an_error() {
        let err = Measurement::parse_printed("19 (varav 5)", year("2021"), &pct("x")).unwrap_err();
        assert!(matches!(err, KpiError::OutcomeNumber { .. }), "{err}");
    }

    #[test]
    fn oxelosund_override_case_from_printed_cells() {
        // OXELOSUND line 483: target "≥91,0 %", outcome "90 %", printed "Ja";
        // justification lines 549-550.
        let ind = pct("missbruk");
        let target = ind.parse_target("≥91,0 %", None).unwrap();
        let m = ind.parse_outcome("90 %", year("2021")).unwrap();
        let a = ind
            .assess(&target, &m, &AssessmentConfig::default())
            .unwrap()
            .override_with(
                Status::Met,
                "Trots att målvärdet för 2021 var 91 % anses resultatet på 90 % vara godkänt",
                None,
            )
            .unwrap();
        assert_eq!((a.computed(), a.status()), (Status::NotMet, Status::Met));
        assert_eq!(
            a.summary(),
            "met (assessed; computed not met: 90 against ≥91.0; justification: Trots att målvärdet för 2021 var 91 % anses resultatet på 90 % vara godkänt)"
        );
    }

    // -------------------------------------------------------- Åtgärd krävs

    fn gnesta_e_service() -> Assessment {
        // GNESTA lines 2291-2303: färdtjänst e-service 16 % against target 14 %,
        // comment "Åtgärd krävs för att uppnå framtida målvärde."
        let ind = pct("E-tjänst färdtjänst");
        let target = ind.parse_target("14%", None).unwrap();
        let m = ind.parse_outcome("16%", year("2022")).unwrap();
        let comment = "Åtgärd krävs för att uppnå framtida målvärde.";
        assert!(Assessment::says_action_required(comment));
        ind.assess(&target, &m, &AssessmentConfig::default())
            .unwrap()
            .with_action_required(comment)
    }

    #[test]
    fn action_flag_on_a_met_indicator_keeps_status_and_flag() {
        let a = gnesta_e_service();
        assert_eq!((a.computed(), a.status()), (Status::Met, Status::Met));
        assert_eq!(
            a.action_required(),
            Some("Åtgärd krävs för att uppnå framtida målvärde.")
        );
        assert!(a.action_flag_on_met());
        assert_eq!(
            a.summary(),
            "met (computed: 16 against ≥14); action required although met: Åtgärd krävs för att uppnå framtida målvärde."
        );
    }

    #[test]
    fn action_flag_on_a_missed_indicator_is_not_a_contradiction() {
        // GNESTA line 2275: LSS e-service 27 % against 35 %, "Åtgärd krävs för att nå målvärdet."
        let ind = pct("E-tjänst LSS");
        let a = ind
            .assess(
                &ind.parse_target("35%", None).unwrap(),
                &ind.parse_outcome("27%", year("2022")).unwrap(),
                &AssessmentConfig::default(),
            )
            .unwrap()
            .with_action_required("Åtgärd krävs för att nå målvärdet.");
        assert!(!a.action_flag_on_met());
        assert_eq!(
            a.summary(),
            "not met (computed: 27 against ≥35); action required: Åtgärd krävs för att nå målvärdet."
        );
        assert!(!Assessment::says_action_required("Fortsatt arbete pågår."));
    }

    #[test]
    fn action_flag_is_shown_in_the_roll_up_without_changing_it() {
        let goal = Goal::new("En effektiv organisation", "x", GoalLevel::Namndmal)
            .unwrap()
            .with_child(Node::Indicator(gnesta_e_service()))
            .with_child(Node::Indicator(
                Assessment::direct("E-tjänst IFO", Status::Met).unwrap(),
            ));
        let rolled = goal.roll_up(&RollUp::default()).unwrap();
        assert_eq!(rolled.status(), Status::Met);
        assert_eq!(
            rolled.explanation(),
            "met because of E-tjänst färdtjänst (met), E-tjänst IFO (met); action required (Åtgärd krävs) on E-tjänst färdtjänst (met)"
        );
        assert!(rolled.children().first().unwrap().action_required);
    }

    // ---------------------------------------------------------- roll-up

    fn goal_of(children: &[(&str, Status)]) -> Goal {
        children.iter().fold(
            Goal::new("g", "G", GoalLevel::Namndmal).unwrap(),
            |g, (id, s)| g.with_child(Node::Indicator(Assessment::direct(*id, *s).unwrap())),
        )
    }

    fn share_rule(met: i64, partly: i64, policy: NotMeasurablePolicy) -> RollUp {
        RollUp::Share {
            met_percent: Decimal::from(met),
            partly_percent: Decimal::from(partly),
            not_measurable: policy,
        }
    }

    #[test]
    fn worst_of_lists_every_child_at_the_worst_status() {
        let g = goal_of(&[
            ("a", Status::NotMet),
            ("b", Status::Met),
            ("c", Status::NotMet),
            ("d", Status::PartlyMet),
        ]);
        let rolled = g.roll_up(&RollUp::default()).unwrap();
        assert_eq!(rolled.drivers(), ["a".to_owned(), "c".to_owned()]);
        assert_eq!(
            rolled.explanation(),
            "not met because of a (not met), c (not met)"
        );
    }

    #[test]
    fn worst_of_with_repeated_ids_shows_each_driver_status() {
        // Two children with the same id but different statuses: the
        // explanation must not show the first one's status for both.
        let g = goal_of(&[("x", Status::Met), ("x", Status::NotMet)]);
        assert_eq!(
            g.roll_up(&RollUp::default()).unwrap().explanation(),
            "not met because of x (not met)"
        );
    }

    #[test]
    fn not_measurable_counted_as_not_met_says_so() {
        let g = goal_of(&[("a", Status::Met), ("U23471", Status::NotMeasurable)]);
        let rule = RollUp::WorstOf {
            not_measurable: NotMeasurablePolicy::AsNotMet,
        };
        let rolled = g.roll_up(&rule).unwrap();
        assert_eq!(rolled.status(), Status::NotMet);
        assert_eq!(
            rolled.explanation(),
            "not met because of U23471 (not measurable, counted as not met)"
        );
    }

    #[test]
    fn ignored_not_measurable_children_are_counted_in_the_explanation() {
        let g = goal_of(&[("a", Status::PartlyMet), ("b", Status::NotMeasurable)]);
        let rule = RollUp::WorstOf {
            not_measurable: NotMeasurablePolicy::Ignore,
        };
        let rolled = g.roll_up(&rule).unwrap();
        assert_eq!(rolled.left_out(), 1);
        assert_eq!(
            rolled.explanation(),
            "partly met because of a (partly met); 1 not measurable left out"
        );
    }

    #[test]
    fn share_explanation_gives_the_counts() {
        let g = goal_of(&[
            ("a", Status::Met),
            ("b", Status::PartlyMet),
            ("c", Status::NotMet),
            ("d", Status::NotMeasurable),
        ]);
        let rolled = g
            .roll_up(&share_rule(50, 50, NotMeasurablePolicy::Ignore))
            .unwrap();
        // 1 of 3 met (33 % < 50 %); 2 of 3 met or partly (67 % ≥ 50 %).
        assert_eq!(rolled.status(), Status::PartlyMet);
        assert_eq!(
            rolled.explanation(),
            "partly met: 1 of 3 met, 2 of 3 met or partly met (met needs 50 %, partly met 50 %); because of b (partly met), c (not met); 1 not measurable left out"
        );
        let counts = rolled.share_counts().unwrap();
        assert_eq!(
            (counts.counted, counts.met, counts.met_or_partly),
            (3, 1, 2)
        );
    }

    #[test]
    fn share_met_with_zero_threshold_explains_counts_not_no_children() {
        // Before: a 0 % rule made the goal met with no drivers, and the
        // explanation said "no children with a status".
        let g = goal_of(&[("a", Status::NotMet)]);
        let rolled = g
            .roll_up(&share_rule(0, 0, NotMeasurablePolicy::Count))
            .unwrap();
        assert_eq!(rolled.status(), Status::Met);
        assert_eq!(
            rolled.explanation(),
            "met: 0 of 1 met, 0 of 1 met or partly met (met needs 0 %, partly met 0 %)"
        );
    }

    #[test]
    fn share_not_met_lists_the_children_below_partly_met() {
        let g = goal_of(&[
            ("a", Status::Met),
            ("b", Status::NotMet),
            ("c", Status::NotMeasurable),
        ]);
        let rolled = g
            .roll_up(&share_rule(75, 60, NotMeasurablePolicy::Count))
            .unwrap();
        assert_eq!(rolled.status(), Status::NotMet);
        assert_eq!(
            rolled.explanation(),
            "not met: 1 of 3 met, 1 of 3 met or partly met (met needs 75 %, partly met 60 %); because of b (not met), c (not measurable)"
        );
    }

    // ------------------------------------------------------------ serde

    #[cfg(feature = "serde")]
    #[test]
    fn measurement_round_trips_with_footnote_and_approximation() {
        let n21006 = ind("N21006", IndicatorUnit::Kronor, Direction::LowerIsBetter);
        let m = Measurement::parse_printed("Ca 355 000 (2019) *", year("2021"), &n21006).unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains(r#""footnote":"*""#), "{json}");
        assert!(json.contains(r#""approximate":true"#), "{json}");
        let back: Measurement = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        // Older JSON without the new fields still reads.
        let old = r#"{"observation":{"measured":"19"},"period":"2021","reference":"2021","comparisons":{"riket":null,"lanet":null,"similar":null}}"#;
        let back: Measurement = serde_json::from_str(old).unwrap();
        assert_eq!((back.footnote(), back.is_approximate()), (None, false));
        // A bad marker is refused on the way in.
        let bad = json.replace(r#""footnote":"*""#, r#""footnote":"x""#);
        assert!(serde_json::from_str::<Measurement>(&bad).is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn assessment_round_trips_with_action_flag() {
        let a = gnesta_e_service();
        let json = serde_json::to_string(&a).unwrap();
        let back: Assessment = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        assert!(back.action_flag_on_met());
    }

    // --------------------------------------------------------- properties

    fn status_strategy() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Met),
            Just(Status::PartlyMet),
            Just(Status::NotMet),
            Just(Status::NotMeasurable),
        ]
    }

    proptest! {
        #[test]
        fn printed_integer_with_marker_and_year_round_trips(
            value in 0u32..10_000_000,
            stars in 0usize..=3,
            lag in proptest::option::of(0i32..5),
        ) {
            let mut text = value.to_string();
            if let Some(lag) = lag {
                text.push_str(&format!(" ({})", 2021 - lag));
            }
            text.push_str(&"*".repeat(stars));
            let ind = ind("x", IndicatorUnit::Count, Direction::HigherIsBetter);
            let m = Measurement::parse_printed(&text, year("2021"), &ind).unwrap();
            prop_assert_eq!(m.value(), Some(Decimal::from(value)));
            prop_assert_eq!(m.footnote().map(str::len).unwrap_or(0), stars);
            prop_assert_eq!(m.reference_year().year(), 2021 - lag.unwrap_or(0));
        }

        #[test]
        fn printed_reader_never_panics(text in "\\PC{0,30}") {
            let _ = Measurement::parse_printed(&text, year("2021"), &pct("x"));
        }

        #[test]
        fn share_counts_match_the_children(
            statuses in proptest::collection::vec(status_strategy(), 1..12),
            met in 0i64..=100,
            partly in 0i64..=100,
        ) {
            let children: Vec<(String, Status)> =
                statuses.iter().enumerate().map(|(i, s)| (format!("c{i}"), *s)).collect();
            let refs: Vec<(&str, Status)> = children.iter().map(|(i, s)| (i.as_str(), *s)).collect();
            let rolled = goal_of(&refs).roll_up(&share_rule(met, partly, NotMeasurablePolicy::Count)).unwrap();
            let c = rolled.share_counts().unwrap();
            prop_assert_eq!(c.counted, statuses.len());
            prop_assert_eq!(c.met, statuses.iter().filter(|s| **s == Status::Met).count());
            prop_assert_eq!(
                c.met_or_partly,
                statuses.iter().filter(|s| matches!(s, Status::Met | Status::PartlyMet)).count()
            );
            let expected_start = format!(
                "{}: {} of {} met, {} of {} met or partly met",
                rolled.status(), c.met, c.counted, c.met_or_partly, c.counted
            );
            prop_assert!(rolled.explanation().starts_with(&expected_start));
        }

        #[test]
        fn worst_of_drivers_are_exactly_the_children_at_the_worst_status(
            statuses in proptest::collection::vec(status_strategy(), 1..12),
        ) {
            let children: Vec<(String, Status)> =
                statuses.iter().enumerate().map(|(i, s)| (format!("c{i}"), *s)).collect();
            let refs: Vec<(&str, Status)> = children.iter().map(|(i, s)| (i.as_str(), *s)).collect();
            let rolled = goal_of(&refs).roll_up(&RollUp::default()).unwrap();
            let expected: Vec<String> = children
                .iter()
                .filter(|(_, s)| *s == rolled.status())
                .map(|(i, _)| i.clone())
                .collect();
            prop_assert_eq!(rolled.drivers(), expected.as_slice());
            for id in &expected {
                let needle = format!("{id} (");
                prop_assert!(rolled.explanation().contains(&needle));
            }
        }
    }
}
