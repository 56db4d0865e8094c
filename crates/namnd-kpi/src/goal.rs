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
//! | *uppgift saknas* | no value available | [`Observation::Missing`] |
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

/// Cuts user text for an error message.
fn echo(input: &str) -> String {
    input.chars().take(40).collect()
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
///     "u2140".parse::<KoladaId>().unwrap_err().to_string(),
///     r#"kolada id "u2140" is not a capital letter followed by five digits, such as U21401"#
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
    /// let err = ind.between(Decimal::from(5), Decimal::from(3)).unwrap_err();
    /// assert_eq!(err.to_string(), "indicator vikarier: impossible target, between 5 and 3; the lower bound is above the upper");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn between(&self, low: Decimal, high: Decimal) -> Result<Target> {
        let target = Target::Between { low, high };
        target.validate(&self.id)?;
        Ok(target)
    }

    /// Reads a target as printed in a plan (*verksamhetsplan*), for this indicator.
    ///
    /// Forms: `>25`, `≥91,0 %`, `>=`, `<15`, `≤`, `<=`, `=`, `mellan 5 och 10`,
    /// `öka`, `minska`, `förbättra`, `bibehålla`/`behålla` (tolerance 0; build
    /// [`Target::Maintain`] for another), `minst i nivå med riket`,
    /// `genomfört` (a milestone), and a bare value such as `14 st`, whose sense
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
    /// assert_eq!(share.parse_target("öka", Some(Decimal::from(91)))?, Target::Improve { baseline: Decimal::from(91) });
    /// let err = share.parse_target("minska", Some(Decimal::from(91))).unwrap_err();
    /// assert!(err.to_string().starts_with("indicator missbruk: target \"minska\" contradicts"));
    /// let err = share.parse_target("mellan 5 och 3", None).unwrap_err();
    /// assert!(err.to_string().starts_with("indicator missbruk: impossible target"));
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

    fn target_number(&self, text: &str, number: &str) -> Result<Decimal> {
        let n = SwedishNumber::parse(number.trim()).map_err(|source| KpiError::TargetNumber {
            indicator: self.id.clone(),
            input: echo(text),
            source: Box::new(source),
        })?;
        let fits = match n.unit() {
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
        };
        if !fits {
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
        let (status, basis) = compute(self, target, measurement, config)?;
        Ok(Assessment {
            subject: self.id.clone(),
            computed: status,
            basis,
            assessed: None,
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
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
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
    /// assert!(t.validate("U21401").unwrap_err().to_string().contains("U21401"));
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
    /// let err = AssessmentConfig::default().with_partly_met_band(Decimal::NEGATIVE_ONE).unwrap_err();
    /// assert_eq!(err.to_string(), "assessment config: partly-met band -1 is negative");
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
    /// let err = a.override_with(Status::Met, " ", None).unwrap_err();
    /// assert_eq!(err.to_string(), "indicator u: assessed status met differs from computed status not met but no justification is given");
    /// # Ok::<(), namnd_kpi::KpiError>(())
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
/// let oxelosund = ScaleMapping::new(Scale::YesNo).not_measurable_as(Label::Nej);
/// assert_eq!(oxelosund.label(Status::NotMeasurable), Label::Nej);
/// assert_eq!(oxelosund.label(Status::Met), Label::Ja);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

    /// Prints partly met as `label`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// let m = ScaleMapping::new(Scale::YesNo).partly_met_as(Label::Ja);
    /// assert_eq!(m.label(Status::PartlyMet), Label::Ja);
    /// ```
    pub fn partly_met_as(mut self, label: Label) -> ScaleMapping {
        self.partly_met = label;
        self
    }

    /// Prints not measurable as `label`.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Label, Scale, ScaleMapping, Status};
    /// let m = ScaleMapping::new(Scale::Traffic).not_measurable_as(Label::Rod);
    /// assert_eq!(m.label(Status::NotMeasurable), Label::Rod);
    /// ```
    pub fn not_measurable_as(mut self, label: Label) -> ScaleMapping {
        self.not_measurable = label;
        self
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
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
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
            let (status, nested) = match child {
                Node::Goal(goal) => {
                    let rolled = goal.roll_up(rule)?;
                    (rolled.status, Some(rolled))
                }
                Node::Indicator(a) | Node::Assignment(a) => (a.status(), None),
            };
            children.push(ChildStatus {
                id: child.id().to_owned(),
                status,
                rolled_up: nested,
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
        let (status, drivers) = if counted.is_empty() {
            (Status::NotMeasurable, Vec::new())
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
                    (worst, drivers)
                }
                RollUp::Share {
                    met_percent,
                    partly_percent,
                    ..
                } => share(&counted, *met_percent, *partly_percent)?,
            }
        };
        let drivers = drivers
            .into_iter()
            .filter_map(|i| children.get(i).map(|c| c.id.clone()))
            .collect();
        Ok(RolledUp {
            id: self.id.clone(),
            status,
            drivers,
            children,
        })
    }
}

/// The share rule: the status and the indices of the children that drove it.
fn share(
    counted: &[(usize, Status)],
    met_percent: Decimal,
    partly_percent: Decimal,
) -> Result<(Status, Vec<usize>)> {
    let hundred = Decimal::ONE_HUNDRED;
    for share in [met_percent, partly_percent] {
        if share.is_sign_negative() || share > hundred {
            return Err(KpiError::InvalidRollUpShare { share });
        }
    }
    let total = Decimal::from(counted.len());
    let met = Decimal::from(counted.iter().filter(|(_, s)| *s == Status::Met).count());
    let partly = Decimal::from(
        counted
            .iter()
            .filter(|(_, s)| matches!(s, Status::Met | Status::PartlyMet))
            .count(),
    );
    // met / total ≥ p / 100  ⇔  met · 100 ≥ p · total (no division, no rounding).
    let reaches = |n: Decimal, p: Decimal| match (n.checked_mul(hundred), p.checked_mul(total)) {
        (Some(left), Some(right)) => left >= right,
        _ => false,
    };
    let (status, drove): (Status, fn(Status) -> bool) = if reaches(met, met_percent) {
        (Status::Met, |s| s == Status::Met)
    } else if reaches(partly, partly_percent) {
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
    Ok((status, drivers))
}

/// One child's status in a roll-up.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
/// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::Met)?));
/// let rolled = g.roll_up(&RollUp::default())?;
/// assert_eq!(rolled.children()[0].id, "a");
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

    /// A sentence saying what drove the status, e.g.
    /// `"not met because of U21401 (not met), U33401 (not met)"`.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::goal::{Assessment, Goal, GoalLevel, Node, RollUp, Status};
    /// let g = Goal::new("g", "G", GoalLevel::Namndmal)?.with_child(Node::Indicator(Assessment::direct("a", Status::NotMet)?));
    /// assert_eq!(g.roll_up(&RollUp::default())?.explanation(), "not met because of a (not met)");
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn explanation(&self) -> String {
        if self.drivers.is_empty() {
            return format!("{}: no children with a status", self.status);
        }
        let parts: Vec<String> = self
            .drivers
            .iter()
            .filter_map(|id| {
                self.children
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| format!("{} ({})", c.id, c.status))
            })
            .collect();
        format!("{} because of {}", self.status, parts.join(", "))
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

    use super::{AssessedStatus, Assessment, Comparisons, Measurement, Observation, Status};
    use namnd_core::Period;

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
    }

    impl TryFrom<MeasurementRepr> for Measurement {
        type Error = crate::KpiError;

        fn try_from(r: MeasurementRepr) -> crate::Result<Measurement> {
            Measurement {
                observation: r.observation,
                period: r.period,
                reference: r.period,
                comparisons: r.comparisons,
            }
            .referring_to(r.reference)
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
    }

    impl TryFrom<AssessmentRepr> for Assessment {
        type Error = crate::KpiError;

        fn try_from(r: AssessmentRepr) -> crate::Result<Assessment> {
            let base = Assessment {
                subject: super::checked_id(r.subject, "assessment")?,
                computed: r.computed,
                basis: r.basis,
                assessed: None,
            };
            match r.assessed {
                Some(a) => base.override_with(a.status, a.justification, a.assessor),
                None => Ok(base),
            }
        }
    }
}
#[cfg(feature = "serde")]
use serde_checks::{AssessmentRepr, MeasurementRepr};
