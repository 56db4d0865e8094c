//! The decision model: a favourable decision (*gynnande beslut*) under SoL or
//! LSS, the service it grants (*insats*), and its dated events.
//!
//! | Type | What it is |
//! |---|---|
//! | [`Decision`] | one favourable decision, with its history of [`Event`]s kept in date order and checked |
//! | [`DecisionLaw`] | SoL or LSS (`Display`: `SoL`, `LSS`) |
//! | [`Insats`] | the service granted, in IVO's categories (`Display`: its Swedish name; `FromStr`: names, codes, `LSS 9 § n`) |
//! | [`DecisionId`], [`PersonRef`] | the decision's id and a pseudonymous person reference: never empty, a personnummer, longer than [`MAX_ID_CHARS`] characters or holding a control character |
//! | [`Event`], [`EventKind`] | offer made, offer declined, executed, interrupted, resumed, closed, special-fee ruling |
//! | [`Interruption`] | an interruption and its resumption, with its own reporting deadline |
//! | [`CloseReason`] | why a decision was closed, as a closed category read from the free text by keywords; reports carry only the category |
//! | [`HistoryProblem`] | why an event does not fit a decision's history ([`DecisionsError::InvalidHistory`]) |
//! | [`deadline_after`] | event date + 3 calendar months, clamped to the end of the month |
//!
//! ## The rules of a history
//! [`Decision::push_event`] and [`Decision::with_event`] keep the events in
//! date order (events on the same day in the order added) and check the
//! whole history after every addition; a rejected event leaves the decision
//! unchanged. A history is valid when:
//!
//! | Rule | Problem when broken |
//! |---|---|
//! | no event is dated before the decision date | [`HistoryProblem::BeforeDecision`] |
//! | the decision is executed at most once | [`HistoryProblem::AlreadyExecuted`] |
//! | an interruption comes after the execution, while the service is running (not already interrupted) | [`HistoryProblem::NotRunning`] |
//! | a resumption comes while the service is interrupted | [`HistoryProblem::NotInterrupted`] |
//! | the decision is closed at most once, and only special-fee rulings follow the closing | [`HistoryProblem::AfterClosing`] |
//! | each declined offer answers an earlier (or same-day) offer: never more declines than offers so far | [`HistoryProblem::DeclinedWithoutOffer`] |
//! | a closing has a non-empty reason without a personnummer in it | [`HistoryProblem::EmptyReason`], [`HistoryProblem::PersonnummerInReason`] |
//! | a special-fee amount is zero or more | [`HistoryProblem::NegativeFee`] |
//!
//! Offers may be made at any time before closing (also after an execution,
//! for example during an interruption); a closing may follow an execution.
//!
//! ## Example
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::LegalGender;
//! use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let decision = Decision::new(
//!     DecisionId::new("B-2024-017")?,
//!     PersonRef::new("p-0042")?,
//!     DecisionLaw::Lss,
//!     "bostad med särskild service för vuxna".parse()?,
//!     d(2024, 1, 15)?,
//!     LegalGender::Male,
//!     1990,
//! )?
//! .with_event(Event::Executed(d(2024, 5, 2)?))?;
//! assert_eq!(decision.insats(), Insats::BostadForVuxna);
//! assert_eq!(decision.deadline(), d(2024, 4, 15)?);
//! assert_eq!(decision.executed_on(), Some(d(2024, 5, 2)?));
//!
//! // Resumed without an interruption: rejected, naming id, event and date.
//! let err = decision.clone().with_event(Event::Resumed(d(2024, 6, 1)?)).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "decision B-2024-017: resumed on 2024-06-01: the service was not interrupted",
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use chrono::NaiveDate;
use namnd_core::law::{Law, Statute};
use namnd_core::{Decimal, LegalGender};

use crate::error::{DecisionsError, Result};

/// The act a decision was made under: SoL or LSS.
///
/// Only these two acts carry the duty to report unexecuted decisions. The
/// version of SoL in force on the decision date (SFS 2001:453 until
/// 2025-06-30, SFS 2025:400 from 2025-07-01) comes from
/// [`DecisionLaw::statute_on`]. Displayed, and serialised, as `SoL` or `LSS`.
///
/// # Example
/// ```
/// use namnd_decisions::decision::DecisionLaw;
/// assert_eq!("LSS".parse::<DecisionLaw>()?, DecisionLaw::Lss);
/// assert_eq!(DecisionLaw::SoL.to_string(), "SoL");
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DecisionLaw {
    /// Socialtjänstlagen (Social Services Act).
    #[cfg_attr(feature = "serde", serde(rename = "SoL"))]
    SoL,
    /// Lagen om stöd och service till vissa funktionshindrade (LSS).
    #[cfg_attr(feature = "serde", serde(rename = "LSS"))]
    Lss,
}

impl DecisionLaw {
    /// The act in namnd-core's law table.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// use namnd_decisions::decision::DecisionLaw;
    /// assert_eq!(DecisionLaw::SoL.law(), Law::SoL);
    /// ```
    pub fn law(self) -> Law {
        match self {
            DecisionLaw::SoL => Law::SoL,
            DecisionLaw::Lss => Law::Lss,
        }
    }

    /// The version of the act in force on `date` (from namnd-core's law
    /// table), if any.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::Sfs;
    /// use namnd_decisions::decision::DecisionLaw;
    /// let date = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// assert_eq!(DecisionLaw::SoL.statute_on(date).map(|s| s.sfs()), Some(Sfs::new(2025, 400)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statute_on(self, date: NaiveDate) -> Option<Statute> {
        self.law().statute_on(date)
    }

    /// `SoL` or `LSS`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::DecisionLaw;
    /// assert_eq!(DecisionLaw::Lss.short_name(), "LSS");
    /// ```
    pub const fn short_name(self) -> &'static str {
        match self {
            DecisionLaw::SoL => "SoL",
            DecisionLaw::Lss => "LSS",
        }
    }
}

impl fmt::Display for DecisionLaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

impl core::str::FromStr for DecisionLaw {
    type Err = DecisionsError;

    /// Reads `SoL` or `LSS` (any case, surrounding blanks ignored).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sol" => Ok(DecisionLaw::SoL),
            "lss" => Ok(DecisionLaw::Lss),
            _ => Err(DecisionsError::UnknownLaw {
                input: namnd_core::quote_for_message(s, 40),
            }),
        }
    }
}

/// *Insats*: the kind of service a decision grants (English: service or
/// intervention), in the categories IVO uses.
///
/// SoL categories as IVO's reporting uses them, and the ten LSS services of
/// LSS 9 § 1–10. [`Insats::law`] says which act a category belongs to.
///
/// **Display** gives the Swedish name ([`Insats::name`]), e.g. `särskilt
/// boende`, `bostad med särskild service för vuxna`. **Serialised** as its
/// stable ASCII code ([`Insats::code`]), e.g. `sarskilt_boende`, `lss_9_9`.
///
/// **Parsing** ([`str::parse`], or [`Insats::parse_under`] when the act is
/// known) ignores case, surrounding blanks and punctuation, and reads
/// `å`/`ä` as `a` and `ö` as `o`, so `Särskilt boende`, `sarskilt boende`
/// and `SÄRSKILT-BOENDE` are the same. It accepts:
///
/// | Form | Examples |
/// |---|---|
/// | the Swedish name and common short names | `hemtjänst`, `kontaktperson/kontaktfamilj`, `bostad med särskild service`, `gruppbostad`, `ledsagning` |
/// | the code | `sarskilt_boende`, `korttidsvistelse_sol`, `lss_9_4` |
/// | an LSS paragraph, with or without `LSS`, `§`, `p.` | `LSS 9 § 9`, `9 § 9`, `9.9`, `9:9`, `LSS 9 § 9 p.` |
/// | a name followed or preceded by the act | `kontaktperson (LSS)`, `SoL korttidsvistelse` |
///
/// `kontaktperson` and `korttidsvistelse` exist under both acts; without
/// the act they are [`DecisionsError::AmbiguousInsats`] for `parse`, and
/// [`Insats::parse_under`] resolves them by the decision's act.
///
/// # Example
/// ```
/// use namnd_decisions::decision::{DecisionLaw, Insats};
/// assert_eq!(Insats::DagligVerksamhet.law(), DecisionLaw::Lss);
/// assert_eq!("sarskilt boende".parse::<Insats>()?, Insats::SarskiltBoende);
/// assert_eq!("LSS 9 § 9".parse::<Insats>()?, Insats::BostadForVuxna);
/// assert_eq!("9.10".parse::<Insats>()?, Insats::DagligVerksamhet);
/// assert_eq!(Insats::BostadForVuxna.to_string(), "bostad med särskild service för vuxna");
/// assert!("kontaktperson".parse::<Insats>().is_err());
/// assert_eq!(Insats::parse_under(DecisionLaw::Lss, "kontaktperson")?, Insats::KontaktpersonLss);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Insats {
    // ------------------------------------------------------------- SoL
    /// *Särskilt boende*: residential care home (SoL).
    SarskiltBoende,
    /// *Hemtjänst*: home-help service (SoL).
    Hemtjanst,
    /// *Dagverksamhet*: day activities (SoL).
    Dagverksamhet,
    /// *Kontaktperson/kontaktfamilj*: contact person or contact family (SoL).
    KontaktpersonKontaktfamilj,
    /// *Korttidsvistelse*: short-term stay (SoL).
    KorttidsvistelseSol,
    /// *Boendestöd*: housing support (SoL).
    Boendestod,
    /// *Annan insats (SoL)*: another SoL service, such as treatment or family
    /// support.
    AnnanSol,
    // ------------------------------------------------------------- LSS 9 §
    /// *Rådgivning och annat personligt stöd*: advice and other personal
    /// support (LSS 9 § 1).
    RadgivningPersonligtStod,
    /// *Personlig assistans*: personal assistance (LSS 9 § 2).
    PersonligAssistans,
    /// *Ledsagarservice*: escort service (LSS 9 § 3).
    Ledsagarservice,
    /// *Kontaktperson*: contact person (LSS 9 § 4).
    KontaktpersonLss,
    /// *Avlösarservice i hemmet*: relief service at home (LSS 9 § 5).
    Avlosarservice,
    /// *Korttidsvistelse utanför det egna hemmet*: short stay away from home
    /// (LSS 9 § 6).
    KorttidsvistelseLss,
    /// *Korttidstillsyn*: short-term supervision for schoolchildren over 12
    /// (LSS 9 § 7).
    Korttidstillsyn,
    /// *Boende i familjehem eller bostad med särskild service för barn eller
    /// ungdomar*: living in a foster home or a home with special service for
    /// children (LSS 9 § 8).
    BoendeForBarn,
    /// *Bostad med särskild service för vuxna*: a home with special service
    /// for adults (LSS 9 § 9).
    BostadForVuxna,
    /// *Daglig verksamhet*: daily activity (LSS 9 § 10).
    DagligVerksamhet,
}

/// Names [`Insats`] parsing accepts, normalised (lowercase ASCII words
/// separated by one space; å/ä → a, ö → o), with the categories they name.
/// `kontaktperson` and `korttidsvistelse` appear twice: once per act.
const INSATS_NAMES: &[(&str, Insats)] = &[
    ("sarskilt boende", Insats::SarskiltBoende),
    ("sarskilt boende for aldre", Insats::SarskiltBoende),
    ("sarskild boendeform", Insats::SarskiltBoende),
    ("sabo", Insats::SarskiltBoende),
    ("hemtjanst", Insats::Hemtjanst),
    ("dagverksamhet", Insats::Dagverksamhet),
    (
        "kontaktperson kontaktfamilj",
        Insats::KontaktpersonKontaktfamilj,
    ),
    (
        "kontaktperson eller kontaktfamilj",
        Insats::KontaktpersonKontaktfamilj,
    ),
    ("kontaktfamilj", Insats::KontaktpersonKontaktfamilj),
    ("kontaktperson", Insats::KontaktpersonKontaktfamilj),
    ("korttidsvistelse", Insats::KorttidsvistelseSol),
    ("korttidsboende", Insats::KorttidsvistelseSol),
    ("boendestod", Insats::Boendestod),
    ("annan insats", Insats::AnnanSol),
    ("annan", Insats::AnnanSol),
    (
        "radgivning och annat personligt stod",
        Insats::RadgivningPersonligtStod,
    ),
    ("radgivning", Insats::RadgivningPersonligtStod),
    ("personligt stod", Insats::RadgivningPersonligtStod),
    ("personlig assistans", Insats::PersonligAssistans),
    ("ledsagarservice", Insats::Ledsagarservice),
    ("ledsagning", Insats::Ledsagarservice),
    ("kontaktperson", Insats::KontaktpersonLss),
    ("avlosarservice", Insats::Avlosarservice),
    ("avlosarservice i hemmet", Insats::Avlosarservice),
    ("korttidsvistelse", Insats::KorttidsvistelseLss),
    (
        "korttidsvistelse utanfor det egna hemmet",
        Insats::KorttidsvistelseLss,
    ),
    ("korttidstillsyn", Insats::Korttidstillsyn),
    (
        "korttidstillsyn for skolungdom over 12 ar",
        Insats::Korttidstillsyn,
    ),
    ("boende for barn", Insats::BoendeForBarn),
    (
        "boende i familjehem eller bostad med sarskild service for barn eller ungdomar",
        Insats::BoendeForBarn,
    ),
    (
        "bostad med sarskild service for barn",
        Insats::BoendeForBarn,
    ),
    (
        "bostad med sarskild service for barn och ungdomar",
        Insats::BoendeForBarn,
    ),
    (
        "bostad med sarskild service for vuxna",
        Insats::BostadForVuxna,
    ),
    ("bostad med sarskild service", Insats::BostadForVuxna),
    ("gruppbostad", Insats::BostadForVuxna),
    ("servicebostad", Insats::BostadForVuxna),
    ("daglig verksamhet", Insats::DagligVerksamhet),
];

/// Longest text [`Insats`] parsing looks at; longer text is unknown.
const MAX_INSATS_INPUT: usize = 200;

impl Insats {
    /// Every category, SoL first, then LSS 9 § 1–10 in order.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::Insats;
    /// assert_eq!(Insats::ALL.len(), 17);
    /// ```
    pub const ALL: &'static [Insats] = &[
        Insats::SarskiltBoende,
        Insats::Hemtjanst,
        Insats::Dagverksamhet,
        Insats::KontaktpersonKontaktfamilj,
        Insats::KorttidsvistelseSol,
        Insats::Boendestod,
        Insats::AnnanSol,
        Insats::RadgivningPersonligtStod,
        Insats::PersonligAssistans,
        Insats::Ledsagarservice,
        Insats::KontaktpersonLss,
        Insats::Avlosarservice,
        Insats::KorttidsvistelseLss,
        Insats::Korttidstillsyn,
        Insats::BoendeForBarn,
        Insats::BostadForVuxna,
        Insats::DagligVerksamhet,
    ];

    /// The act the category belongs to.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::{DecisionLaw, Insats};
    /// assert_eq!(Insats::Hemtjanst.law(), DecisionLaw::SoL);
    /// ```
    pub fn law(self) -> DecisionLaw {
        match self {
            Insats::SarskiltBoende
            | Insats::Hemtjanst
            | Insats::Dagverksamhet
            | Insats::KontaktpersonKontaktfamilj
            | Insats::KorttidsvistelseSol
            | Insats::Boendestod
            | Insats::AnnanSol => DecisionLaw::SoL,
            _ => DecisionLaw::Lss,
        }
    }

    /// The point of LSS 9 § (1–10) for an LSS service; `None` for SoL.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::Insats;
    /// assert_eq!(Insats::BostadForVuxna.lss_point(), Some(9));
    /// assert_eq!(Insats::Hemtjanst.lss_point(), None);
    /// ```
    pub const fn lss_point(self) -> Option<u8> {
        match self {
            Insats::RadgivningPersonligtStod => Some(1),
            Insats::PersonligAssistans => Some(2),
            Insats::Ledsagarservice => Some(3),
            Insats::KontaktpersonLss => Some(4),
            Insats::Avlosarservice => Some(5),
            Insats::KorttidsvistelseLss => Some(6),
            Insats::Korttidstillsyn => Some(7),
            Insats::BoendeForBarn => Some(8),
            Insats::BostadForVuxna => Some(9),
            Insats::DagligVerksamhet => Some(10),
            _ => None,
        }
    }

    /// The Swedish name, as [`Display`](fmt::Display) writes it.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::Insats;
    /// assert_eq!(Insats::SarskiltBoende.name(), "särskilt boende");
    /// assert_eq!(Insats::KontaktpersonLss.name(), "kontaktperson");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Insats::SarskiltBoende => "särskilt boende",
            Insats::Hemtjanst => "hemtjänst",
            Insats::Dagverksamhet => "dagverksamhet",
            Insats::KontaktpersonKontaktfamilj => "kontaktperson/kontaktfamilj",
            Insats::KorttidsvistelseSol => "korttidsvistelse",
            Insats::Boendestod => "boendestöd",
            Insats::AnnanSol => "annan insats",
            Insats::RadgivningPersonligtStod => "rådgivning och annat personligt stöd",
            Insats::PersonligAssistans => "personlig assistans",
            Insats::Ledsagarservice => "ledsagarservice",
            Insats::KontaktpersonLss => "kontaktperson",
            Insats::Avlosarservice => "avlösarservice i hemmet",
            Insats::KorttidsvistelseLss => "korttidsvistelse utanför det egna hemmet",
            Insats::Korttidstillsyn => "korttidstillsyn",
            Insats::BoendeForBarn => {
                "boende i familjehem eller bostad med särskild service för barn eller ungdomar"
            }
            Insats::BostadForVuxna => "bostad med särskild service för vuxna",
            Insats::DagligVerksamhet => "daglig verksamhet",
        }
    }

    /// The stable ASCII code used when serialising: `sarskilt_boende`,
    /// `hemtjanst`, `dagverksamhet`, `kontaktperson_kontaktfamilj`,
    /// `korttidsvistelse_sol`, `boendestod`, `annan_sol`, and `lss_9_1` to
    /// `lss_9_10`. Parsing accepts it.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::Insats;
    /// assert_eq!(Insats::BostadForVuxna.code(), "lss_9_9");
    /// assert_eq!("lss_9_9".parse::<Insats>()?, Insats::BostadForVuxna);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Insats::SarskiltBoende => "sarskilt_boende",
            Insats::Hemtjanst => "hemtjanst",
            Insats::Dagverksamhet => "dagverksamhet",
            Insats::KontaktpersonKontaktfamilj => "kontaktperson_kontaktfamilj",
            Insats::KorttidsvistelseSol => "korttidsvistelse_sol",
            Insats::Boendestod => "boendestod",
            Insats::AnnanSol => "annan_sol",
            Insats::RadgivningPersonligtStod => "lss_9_1",
            Insats::PersonligAssistans => "lss_9_2",
            Insats::Ledsagarservice => "lss_9_3",
            Insats::KontaktpersonLss => "lss_9_4",
            Insats::Avlosarservice => "lss_9_5",
            Insats::KorttidsvistelseLss => "lss_9_6",
            Insats::Korttidstillsyn => "lss_9_7",
            Insats::BoendeForBarn => "lss_9_8",
            Insats::BostadForVuxna => "lss_9_9",
            Insats::DagligVerksamhet => "lss_9_10",
        }
    }

    /// Parses a category the decision's act is known for: as
    /// [`str::parse`], but `kontaktperson` and `korttidsvistelse` are read
    /// as the service under `law`. A category of the other act is returned
    /// as it is (so that [`Decision::new`] can report the mismatch); an act
    /// written in the text itself wins over `law`.
    ///
    /// # Errors
    /// [`DecisionsError::UnknownInsats`] if the text names no category.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::{DecisionLaw, Insats};
    /// assert_eq!(Insats::parse_under(DecisionLaw::SoL, "Korttidsvistelse")?, Insats::KorttidsvistelseSol);
    /// assert_eq!(Insats::parse_under(DecisionLaw::Lss, "korttidsvistelse")?, Insats::KorttidsvistelseLss);
    /// assert_eq!(Insats::parse_under(DecisionLaw::Lss, "hemtjänst")?, Insats::Hemtjanst);
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn parse_under(law: DecisionLaw, text: &str) -> Result<Insats> {
        parse_insats(text, Some(law))
    }
}

/// Lowercase ASCII words of `text`: å/ä/à/á → a, ö/ø → o, é/è → e, ü → u;
/// every other character that is not a letter or digit separates words.
fn insats_words(text: &str) -> Vec<String> {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

fn parse_insats(text: &str, law_hint: Option<DecisionLaw>) -> Result<Insats> {
    let unknown = || DecisionsError::UnknownInsats {
        input: namnd_core::quote_for_message(text, 60),
    };
    if text.len() > MAX_INSATS_INPUT {
        return Err(unknown());
    }
    let mut words = insats_words(text);
    // An act written first or last: "LSS 9 § 9", "kontaktperson (LSS)".
    let mut explicit = None;
    for at_end in [true, false] {
        let word = if at_end { words.last() } else { words.first() };
        let law = match word.map(String::as_str) {
            Some("sol") => Some(DecisionLaw::SoL),
            Some("lss") => Some(DecisionLaw::Lss),
            _ => None,
        };
        if let Some(law) = law {
            if explicit.is_some_and(|e| e != law) {
                return Err(unknown());
            }
            explicit = Some(law);
            if at_end {
                words.pop();
            } else {
                words.remove(0);
            }
        }
    }
    // A paragraph: "9 § 9", "9.9", "lss 9 9", "9 § 9 p".
    let numbers: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "p" | "punkt" | "kap"))
        .collect();
    if let [chapter_section, point] = numbers.as_slice()
        && chapter_section.parse::<u8>() == Ok(9)
        && let Ok(point) = point.parse::<u8>()
    {
        if explicit == Some(DecisionLaw::SoL) {
            return Err(unknown());
        }
        return Insats::ALL
            .iter()
            .copied()
            .find(|i| i.lss_point() == Some(point))
            .ok_or_else(unknown);
    }
    let name = words.join(" ");
    let mut matches = INSATS_NAMES
        .iter()
        .filter(|(n, _)| *n == name)
        .map(|&(_, insats)| insats);
    let (Some(first), second) = (matches.next(), matches.next()) else {
        return Err(unknown());
    };
    match (second, explicit) {
        (None, Some(law)) if first.law() != law => Err(unknown()),
        (None, _) => Ok(first),
        (Some(second), _) => {
            let chosen = explicit
                .or(law_hint)
                .ok_or_else(|| DecisionsError::AmbiguousInsats {
                    input: namnd_core::quote_for_message(text, 60),
                })?;
            Ok(if first.law() == chosen { first } else { second })
        }
    }
}

impl fmt::Display for Insats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl core::str::FromStr for Insats {
    type Err = DecisionsError;

    /// Reads a name, code or LSS paragraph (see [`Insats`]).
    fn from_str(s: &str) -> Result<Self> {
        parse_insats(s, None)
    }
}

impl From<Insats> for String {
    fn from(insats: Insats) -> String {
        insats.code().to_owned()
    }
}

impl TryFrom<String> for Insats {
    type Error = DecisionsError;

    fn try_from(s: String) -> Result<Insats> {
        s.parse()
    }
}

/// The longest [`DecisionId`] or [`PersonRef`] accepted, in characters:
/// 64, the limit of the other namnd id types (`namnd-quality`'s case ids),
/// and exactly the length of a [`namnd_core::Pseudonym`] in hex.
///
/// # Example
/// ```
/// use namnd_decisions::decision::{DecisionId, MAX_ID_CHARS};
/// assert!(DecisionId::new(&"B".repeat(MAX_ID_CHARS)).is_ok());
/// assert!(DecisionId::new(&"B".repeat(MAX_ID_CHARS + 1)).is_err());
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
pub const MAX_ID_CHARS: usize = 64;

/// The error of this crate for a problem [`namnd_core::id_text`] found in a
/// decision id (`what` = `decision`) or person reference (`person`).
fn id_error(what: &'static str, problem: namnd_core::IdTextProblem) -> DecisionsError {
    match problem {
        namnd_core::IdTextProblem::Empty => DecisionsError::EmptyId { what },
        namnd_core::IdTextProblem::IdentityNumber => DecisionsError::PersonnummerInId { what },
        problem => DecisionsError::InvalidId { what, problem },
    }
}

/// A decision's own id, as the case system writes it.
///
/// Not personal data by itself, but never a personnummer: [`DecisionId::new`]
/// rejects text that looks like one, and also an empty id, one longer than
/// [`MAX_ID_CHARS`] (64) characters and one holding a control character (the
/// rules of [`namnd_core::id_text`]). Serialised as its text, and checked
/// again when deserialised.
///
/// # Example
/// ```
/// use namnd_decisions::decision::DecisionId;
/// assert_eq!(DecisionId::new("B-2024-017")?.as_str(), "B-2024-017");
/// assert_eq!(DecisionId::new("B-2024-017")?.to_string(), "B-2024-017");
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DecisionId(String);

impl DecisionId {
    /// The id, trimmed, checked with [`namnd_core::id_text`]: it is rejected
    /// when empty, longer than [`MAX_ID_CHARS`] (64) characters, holding a
    /// control character (tab, newline, …) or holding something that looks
    /// like a personnummer, in that order. The id is never echoed.
    ///
    /// # Errors
    /// [`DecisionsError::EmptyId`], [`DecisionsError::InvalidId`] (too long,
    /// a control character) or [`DecisionsError::PersonnummerInId`].
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::DecisionId;
    /// assert!(DecisionId::new("").is_err());
    /// let err = DecisionId::new("B-17\t2024").err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), "decision id is not usable: it contains a control character");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: &str) -> Result<Self> {
        namnd_core::id_text(id, MAX_ID_CHARS)
            .map(|id| DecisionId(id.to_owned()))
            .map_err(|problem| id_error("decision", problem))
    }

    /// The id's text.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::DecisionId;
    /// assert_eq!(DecisionId::new(" 17 ")?.as_str(), "17");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DecisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<DecisionId> for String {
    fn from(id: DecisionId) -> String {
        id.0
    }
}

impl TryFrom<String> for DecisionId {
    type Error = DecisionsError;

    fn try_from(s: String) -> Result<DecisionId> {
        DecisionId::new(&s)
    }
}

/// The person a decision concerns, as a pseudonymous reference: a
/// [`namnd_core::Pseudonym`] in hex, or another opaque id from the case
/// system. Never a personnummer: [`PersonRef::new`] rejects one without
/// echoing it, and also an empty reference, one longer than [`MAX_ID_CHARS`]
/// (64) characters and one holding a control character (the rules of
/// [`namnd_core::id_text`]). Exactly 64 hexadecimal digits (a pseudonym's
/// form) are always accepted, even when they contain a run of 10 or 12
/// decimal digits.
/// Serialised as its text, and checked again when deserialised.
///
/// # Example
/// ```
/// use namnd_decisions::decision::PersonRef;
/// assert!(PersonRef::new("p-0042").is_ok());
/// assert!(PersonRef::new("19121212-1212").is_err());
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PersonRef(String);

impl PersonRef {
    /// The reference, trimmed, checked with [`namnd_core::id_text`]: it is
    /// rejected when empty, longer than [`MAX_ID_CHARS`] (64) characters,
    /// holding a control character or holding something that looks like a
    /// personnummer, in that order, except that exactly 64 hexadecimal
    /// digits (a pseudonym) are never taken for a personnummer. The
    /// reference is never echoed.
    ///
    /// # Errors
    /// [`DecisionsError::EmptyId`], [`DecisionsError::InvalidId`] (too long,
    /// a control character) or [`DecisionsError::PersonnummerInId`].
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::PersonRef;
    /// assert_eq!(PersonRef::new("p-0042")?.as_str(), "p-0042");
    /// let err = PersonRef::new("x".repeat(65).as_str()).err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), "person id is not usable: it is longer than 64 characters");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(reference: &str) -> Result<Self> {
        match namnd_core::id_text(reference, MAX_ID_CHARS) {
            Ok(reference) => Ok(PersonRef(reference.to_owned())),
            // A run of 10 or 12 digits inside a hash is not a personnummer;
            // about one pseudonym in 14 has one. The identity-number rule is
            // the last one checked, so every other rule has passed.
            Err(namnd_core::IdTextProblem::IdentityNumber)
                if is_hex_pseudonym(reference.trim()) =>
            {
                Ok(PersonRef(reference.trim().to_owned()))
            }
            Err(problem) => Err(id_error("person", problem)),
        }
    }

    /// The reference's text.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::PersonRef;
    /// assert_eq!(PersonRef::new("p-0042")?.as_str(), "p-0042");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The form of a [`namnd_core::Pseudonym`]: exactly 64 hexadecimal digits.
fn is_hex_pseudonym(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

impl From<PersonRef> for String {
    fn from(reference: PersonRef) -> String {
        reference.0
    }
}

impl TryFrom<String> for PersonRef {
    type Error = DecisionsError;

    fn try_from(s: String) -> Result<PersonRef> {
        PersonRef::new(&s)
    }
}

/// A dated event in a decision's history.
///
/// Serialised (with the `serde` feature) externally tagged in snake case:
/// `{"executed": "2024-03-01"}`, `{"closed": {"date": "2024-03-01",
/// "reason": "flyttat"}}`, the fee amount as a decimal string.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::decision::{Event, EventKind};
/// let date = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
/// assert_eq!(Event::Executed(date).date(), date);
/// assert_eq!(Event::Executed(date).kind(), EventKind::Executed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Event {
    /// *Erbjudande*: an offer of the service was made.
    OfferMade(NaiveDate),
    /// *Tackat nej*: the person declined an offer. Does **not** end
    /// reporting.
    OfferDeclined(NaiveDate),
    /// *Verkställt*: the service started (the decision was executed).
    Executed(NaiveDate),
    /// *Avbrott*: an executed service was interrupted.
    Interrupted(NaiveDate),
    /// *Återupptaget*: an interrupted service was resumed.
    Resumed(NaiveDate),
    /// *Avslutat av annan anledning*: closed for another reason (the person
    /// moved, died, withdrew the application…), with the reason.
    Closed {
        /// The date closed.
        date: NaiveDate,
        /// The reason, as the case system's free text. It stays internal:
        /// reports carry only its [`CloseReason`] category
        /// ([`Decision::close_reason`]).
        reason: String,
    },
    /// *Dom om särskild avgift*: a court ruling on a särskild avgift
    /// (court-imposed fee) for this decision, with the amount in kronor
    /// (zero when the court rejected IVO's application).
    SpecialFeeRuling {
        /// The date of the ruling.
        date: NaiveDate,
        /// The fee imposed, in kronor.
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        amount: Decimal,
    },
}

impl Event {
    /// The date of the event.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::decision::Event;
    /// let date = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
    /// assert_eq!(Event::Resumed(date).date(), date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::OfferMade(d)
            | Event::OfferDeclined(d)
            | Event::Executed(d)
            | Event::Interrupted(d)
            | Event::Resumed(d) => *d,
            Event::Closed { date, .. } | Event::SpecialFeeRuling { date, .. } => *date,
        }
    }

    /// The kind of event, without its data.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::decision::{Event, EventKind};
    /// let date = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
    /// assert_eq!(Event::OfferDeclined(date).kind(), EventKind::OfferDeclined);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> EventKind {
        match self {
            Event::OfferMade(_) => EventKind::OfferMade,
            Event::OfferDeclined(_) => EventKind::OfferDeclined,
            Event::Executed(_) => EventKind::Executed,
            Event::Interrupted(_) => EventKind::Interrupted,
            Event::Resumed(_) => EventKind::Resumed,
            Event::Closed { .. } => EventKind::Closed,
            Event::SpecialFeeRuling { .. } => EventKind::SpecialFeeRuling,
        }
    }
}

/// The kind of an [`Event`], for messages and counting. Displayed in
/// lowercase English: `offer made`, `offer declined`, `executed`,
/// `interrupted`, `resumed`, `closed`, `special-fee ruling`.
///
/// # Example
/// ```
/// use namnd_decisions::decision::EventKind;
/// assert_eq!(EventKind::SpecialFeeRuling.to_string(), "special-fee ruling");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum EventKind {
    /// [`Event::OfferMade`].
    OfferMade,
    /// [`Event::OfferDeclined`].
    OfferDeclined,
    /// [`Event::Executed`].
    Executed,
    /// [`Event::Interrupted`].
    Interrupted,
    /// [`Event::Resumed`].
    Resumed,
    /// [`Event::Closed`].
    Closed,
    /// [`Event::SpecialFeeRuling`].
    SpecialFeeRuling,
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EventKind::OfferMade => "offer made",
            EventKind::OfferDeclined => "offer declined",
            EventKind::Executed => "executed",
            EventKind::Interrupted => "interrupted",
            EventKind::Resumed => "resumed",
            EventKind::Closed => "closed",
            EventKind::SpecialFeeRuling => "special-fee ruling",
        })
    }
}

/// Why an event does not fit a decision's history (see the rules in the
/// [module docs](self)). Carried by [`DecisionsError::InvalidHistory`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::decision::HistoryProblem;
/// let first = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
/// let problem = HistoryProblem::AlreadyExecuted { first };
/// assert_eq!(problem.to_string(), "the decision was already executed on 2024-03-01");
/// assert_eq!(problem.reason(), "ExecutedTwice");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HistoryProblem {
    /// The event is dated before the decision date.
    BeforeDecision {
        /// The decision date.
        decision_date: NaiveDate,
    },
    /// A second execution.
    AlreadyExecuted {
        /// The date of the first execution.
        first: NaiveDate,
    },
    /// An interruption while the service was not running: before the
    /// execution, or while already interrupted.
    NotRunning,
    /// A resumption while the service was not interrupted.
    NotInterrupted,
    /// An event other than a special-fee ruling after the closing (a second
    /// closing included).
    AfterClosing {
        /// The date closed.
        closed: NaiveDate,
    },
    /// A declined offer without an earlier offer to answer.
    DeclinedWithoutOffer,
    /// A negative special fee.
    NegativeFee {
        /// The amount given, in kronor.
        amount: Decimal,
    },
    /// A closing with an empty reason.
    EmptyReason,
    /// A closing whose reason looks like it contains a personnummer.
    PersonnummerInReason,
}

impl HistoryProblem {
    /// A short stable name of the problem, for counting rejections:
    /// `EventBeforeDecision`, `ExecutedTwice`, `InterruptedNotRunning`,
    /// `ResumedNotInterrupted`, `EventAfterClosing`, `DeclinedWithoutOffer`,
    /// `NegativeSpecialFee`, `EmptyCloseReason`, `PersonnummerInReason`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::HistoryProblem;
    /// assert_eq!(HistoryProblem::NotRunning.reason(), "InterruptedNotRunning");
    /// ```
    pub fn reason(&self) -> &'static str {
        match self {
            HistoryProblem::BeforeDecision { .. } => "EventBeforeDecision",
            HistoryProblem::AlreadyExecuted { .. } => "ExecutedTwice",
            HistoryProblem::NotRunning => "InterruptedNotRunning",
            HistoryProblem::NotInterrupted => "ResumedNotInterrupted",
            HistoryProblem::AfterClosing { .. } => "EventAfterClosing",
            HistoryProblem::DeclinedWithoutOffer => "DeclinedWithoutOffer",
            HistoryProblem::NegativeFee { .. } => "NegativeSpecialFee",
            HistoryProblem::EmptyReason => "EmptyCloseReason",
            HistoryProblem::PersonnummerInReason => "PersonnummerInReason",
        }
    }
}

impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryProblem::BeforeDecision { decision_date } => {
                write!(f, "this is before the decision date {decision_date}")
            }
            HistoryProblem::AlreadyExecuted { first } => {
                write!(f, "the decision was already executed on {first}")
            }
            HistoryProblem::NotRunning => f.write_str(
                "the service was not running (not yet executed, or already interrupted)",
            ),
            HistoryProblem::NotInterrupted => f.write_str("the service was not interrupted"),
            HistoryProblem::AfterClosing { closed } => write!(
                f,
                "the decision was closed on {closed}; only special-fee rulings may follow"
            ),
            HistoryProblem::DeclinedWithoutOffer => {
                f.write_str("there is no earlier offer left to decline")
            }
            HistoryProblem::NegativeFee { amount } => {
                write!(f, "the fee {amount} kr is negative")
            }
            HistoryProblem::EmptyReason => f.write_str("the reason for closing is empty"),
            HistoryProblem::PersonnummerInReason => f.write_str(
                "the reason for closing looks like it contains a personal identity number (not shown)",
            ),
        }
    }
}

/// An interruption (*avbrott*) of an executed service and its resumption,
/// if any. Reportable when not resumed by [`deadline`](Self::deadline).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::decision::Interruption;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let interruption = Interruption { interrupted: d(2024, 3, 31)?, resumed: None };
/// assert_eq!(interruption.deadline(), d(2024, 6, 30)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Interruption {
    /// The date of the interruption.
    pub interrupted: NaiveDate,
    /// The date the service was resumed, if it was.
    pub resumed: Option<NaiveDate>,
}

impl Interruption {
    /// The reporting deadline: [`deadline_after`] the interruption.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_decisions::decision::Interruption;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let interruption = Interruption { interrupted: d(2023, 11, 30)?, resumed: None };
    /// assert_eq!(interruption.deadline(), d(2024, 2, 29)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(&self) -> NaiveDate {
        deadline_after(self.interrupted)
    }
}

/// A favourable decision under SoL or LSS, with its dated events in date
/// order.
///
/// The history is checked on every change (see the rules in the
/// [module docs](self)). With the `serde` feature, a decision deserialises
/// through [`Decision::new`], [`Decision::with_birth_date`] and
/// [`Decision::push_event`], so every check applies.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::LegalGender;
/// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
///
/// let decided = NaiveDate::from_ymd_opt(2023, 11, 30).ok_or("date")?;
/// let decision = Decision::new(
///     DecisionId::new("17")?,
///     PersonRef::new("p-0042")?,
///     DecisionLaw::SoL,
///     Insats::SarskiltBoende,
///     decided,
///     LegalGender::Female,
///     1941,
/// )?;
/// assert_eq!(decision.deadline(), NaiveDate::from_ymd_opt(2024, 2, 29).ok_or("date")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "DecisionRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Decision {
    id: DecisionId,
    person: PersonRef,
    law: DecisionLaw,
    insats: Insats,
    decision_date: NaiveDate,
    gender: LegalGender,
    birth_year: i32,
    #[cfg_attr(feature = "serde", serde(default))]
    birth_date: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(default))]
    events: Vec<Event>,
}

/// What a [`Decision`] is read from before its checks.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "Decision"))]
struct DecisionRepr {
    id: DecisionId,
    person: PersonRef,
    law: DecisionLaw,
    insats: Insats,
    decision_date: NaiveDate,
    gender: LegalGender,
    birth_year: i32,
    #[serde(default)]
    birth_date: Option<NaiveDate>,
    #[serde(default)]
    events: Vec<Event>,
}

#[cfg(feature = "serde")]
impl TryFrom<DecisionRepr> for Decision {
    type Error = DecisionsError;

    fn try_from(repr: DecisionRepr) -> Result<Decision> {
        let mut decision = Decision::new(
            repr.id,
            repr.person,
            repr.law,
            repr.insats,
            repr.decision_date,
            repr.gender,
            repr.birth_year,
        )?;
        if let Some(birth_date) = repr.birth_date {
            decision = decision.with_birth_date(birth_date)?;
        }
        for event in repr.events {
            decision.push_event(event)?;
        }
        Ok(decision)
    }
}

impl Decision {
    /// A decision without events.
    ///
    /// # Errors
    /// [`DecisionsError::InsatsLawMismatch`] when the service category
    /// belongs to the other act; [`DecisionsError::ImplausibleBirthYear`]
    /// when the birth year is after the decision year or more than 130
    /// years before it.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.events().len(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: DecisionId,
        person: PersonRef,
        law: DecisionLaw,
        insats: Insats,
        decision_date: NaiveDate,
        gender: LegalGender,
        birth_year: i32,
    ) -> Result<Self> {
        if insats.law() != law {
            return Err(DecisionsError::InsatsLawMismatch {
                id: id.as_str().to_owned(),
                insats,
                law,
            });
        }
        let year = chrono::Datelike::year(&decision_date);
        if birth_year > year || year.saturating_sub(birth_year) > 130 {
            return Err(DecisionsError::ImplausibleBirthYear {
                id: id.as_str().to_owned(),
                birth_year,
            });
        }
        Ok(Decision {
            id,
            person,
            law,
            insats,
            decision_date,
            gender,
            birth_year,
            birth_date: None,
            events: Vec::new(),
        })
    }

    /// The decision with the person's birth date (IVO's person id uses it).
    ///
    /// # Errors
    /// [`DecisionsError::BirthDateMismatch`] when the date's year is not the
    /// birth year, or the date is after the decision date. The date is not
    /// shown in the message.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 10)?, LegalGender::Female, 1941,
    /// )?;
    /// assert!(decision.clone().with_birth_date(d(1942, 5, 1)?).is_err());
    /// let decision = decision.with_birth_date(d(1941, 5, 1)?)?;
    /// assert_eq!(decision.birth_date(), Some(d(1941, 5, 1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_birth_date(mut self, birth_date: NaiveDate) -> Result<Self> {
        if chrono::Datelike::year(&birth_date) != self.birth_year || birth_date > self.decision_date
        {
            return Err(DecisionsError::BirthDateMismatch {
                id: self.id.as_str().to_owned(),
                birth_year: self.birth_year,
            });
        }
        self.birth_date = Some(birth_date);
        Ok(self)
    }

    /// The decision with `event` added (see [`Decision::push_event`]).
    ///
    /// # Errors
    /// [`DecisionsError::InvalidHistory`] when the history would break a
    /// rule.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 15)?, LegalGender::Female, 1941)?;
    /// let executed = decision.clone().with_event(Event::Executed(d(2024, 2, 1)?))?;
    /// assert_eq!(executed.executed_on(), Some(d(2024, 2, 1)?));
    /// // Executed before the decision date breaks a rule.
    /// assert!(decision.with_event(Event::Executed(d(2024, 1, 1)?)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_event(mut self, event: Event) -> Result<Self> {
        self.push_event(event)?;
        Ok(self)
    }

    /// Adds `event` in date order (after the events of the same day already
    /// there) and checks the whole history; when a rule is broken the
    /// decision is left unchanged.
    ///
    /// # Errors
    /// [`DecisionsError::InvalidHistory`], naming the decision id, the event
    /// and its date: the new event when it breaks a rule itself (before the
    /// decision date, a negative fee, a bad reason), otherwise the first
    /// event in date order at which the history breaks.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let mut decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 10)?, LegalGender::Female, 1941,
    /// )?;
    /// decision.push_event(Event::Executed(d(2024, 3, 1)?))?;
    /// decision.push_event(Event::OfferMade(d(2024, 2, 1)?))?;
    /// assert_eq!(decision.events().first(), Some(&Event::OfferMade(d(2024, 2, 1)?)));
    /// let err = decision.push_event(Event::Executed(d(2024, 4, 1)?)).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "decision 17: executed on 2024-04-01: the decision was already executed on 2024-03-01",
    /// );
    /// assert_eq!(decision.events().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push_event(&mut self, event: Event) -> Result<()> {
        if let Some(problem) = own_problem(&event, self.decision_date) {
            return Err(self.history_error(&event, problem));
        }
        let (kind, date) = (event.kind(), event.date());
        let at = self
            .events
            .partition_point(|existing| existing.date() <= date);
        self.events.insert(at, event);
        if let Err((index, problem)) = check_history(self.decision_date, &self.events) {
            let (bad_kind, bad_date) = self
                .events
                .get(index)
                .map_or((kind, date), |bad| (bad.kind(), bad.date()));
            self.events.remove(at);
            return Err(DecisionsError::InvalidHistory {
                id: self.id.as_str().to_owned(),
                event: bad_kind,
                date: bad_date,
                problem,
            });
        }
        Ok(())
    }

    fn history_error(&self, event: &Event, problem: HistoryProblem) -> DecisionsError {
        DecisionsError::InvalidHistory {
            id: self.id.as_str().to_owned(),
            event: event.kind(),
            date: event.date(),
            problem,
        }
    }

    /// The reporting deadline for the decision itself: the decision date
    /// plus three calendar months, clamped to the end of the month
    /// ([`deadline_after`]).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.deadline(), NaiveDate::from_ymd_opt(2024, 4, 15).ok_or("date")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline(&self) -> NaiveDate {
        deadline_after(self.decision_date)
    }

    /// The decision's id.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.id().as_str(), "17");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &DecisionId {
        &self.id
    }

    /// The person, pseudonymous.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.person().as_str(), "p-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn person(&self) -> &PersonRef {
        &self.person
    }

    /// SoL or LSS.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.law(), DecisionLaw::SoL);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn law(&self) -> DecisionLaw {
        self.law
    }

    /// The service granted.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.insats(), Insats::Hemtjanst);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insats(&self) -> Insats {
        self.insats
    }

    /// The date of the decision.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.decision_date(), day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decision_date(&self) -> NaiveDate {
        self.decision_date
    }

    /// Legal gender as recorded in the case (input data; never derived from
    /// digits here).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.gender(), LegalGender::Female);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gender(&self) -> LegalGender {
        self.gender
    }

    /// Birth year.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.birth_year(), 1941);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn birth_year(&self) -> i32 {
        self.birth_year
    }

    /// Birth date, when the register gives it (IVO's person id uses it).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.birth_date(), None);
    /// let born = NaiveDate::from_ymd_opt(1941, 3, 7).ok_or("date")?;
    /// assert_eq!(decision.with_birth_date(born)?.birth_date(), Some(born));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }

    /// The events, in date order (events on the same day in the order
    /// added).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// use namnd_decisions::decision::Event;
    /// let offer = NaiveDate::from_ymd_opt(2024, 2, 1).ok_or("date")?;
    /// let decision = decision.with_event(Event::OfferMade(offer))?;
    /// assert_eq!(decision.events(), [Event::OfferMade(offer)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The date the decision was executed (the first, and only, execution).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 15)?, LegalGender::Female, 1941)?;
    /// assert_eq!(decision.executed_on(), None);
    /// let decision = decision.with_event(Event::Executed(d(2024, 5, 2)?))?;
    /// assert_eq!(decision.executed_on(), Some(d(2024, 5, 2)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn executed_on(&self) -> Option<NaiveDate> {
        self.events.iter().find_map(|event| match event {
            Event::Executed(date) => Some(*date),
            _ => None,
        })
    }

    /// Why the decision was closed, as the closed category of [`CloseReason`]
    /// read from the free text by keywords; the free text itself stays
    /// internal.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{CloseReason, Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 10)?, LegalGender::Female, 1941,
    /// )?
    /// .with_event(Event::Closed { date: d(2024, 6, 1)?, reason: "Flyttat till Norge".into() })?;
    /// assert_eq!(decision.close_reason(), Some(CloseReason::Flyttat));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn close_reason(&self) -> Option<CloseReason> {
        self.closed_on()
            .map(|(_, text)| CloseReason::from_text(text))
    }

    /// The date the decision was closed for another reason, and the reason.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2024, 1, 10)?, LegalGender::Female, 1941,
    /// )?
    /// .with_event(Event::Closed { date: d(2024, 6, 1)?, reason: "flyttat".into() })?;
    /// assert_eq!(decision.closed_on(), Some((d(2024, 6, 1)?, "flyttat")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn closed_on(&self) -> Option<(NaiveDate, &str)> {
        self.events.iter().find_map(|event| match event {
            Event::Closed { date, reason } => Some((*date, reason.as_str())),
            _ => None,
        })
    }

    /// The interruptions in date order, each with its resumption if any.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, Interruption, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::Lss,
    ///     Insats::DagligVerksamhet, d(2024, 1, 10)?, LegalGender::Male, 1990,
    /// )?
    /// .with_event(Event::Executed(d(2024, 2, 1)?))?
    /// .with_event(Event::Interrupted(d(2024, 3, 1)?))?
    /// .with_event(Event::Resumed(d(2024, 4, 1)?))?
    /// .with_event(Event::Interrupted(d(2024, 9, 1)?))?;
    /// assert_eq!(decision.interruptions(), [
    ///     Interruption { interrupted: d(2024, 3, 1)?, resumed: Some(d(2024, 4, 1)?) },
    ///     Interruption { interrupted: d(2024, 9, 1)?, resumed: None },
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interruptions(&self) -> Vec<Interruption> {
        let mut out: Vec<Interruption> = Vec::new();
        for event in &self.events {
            match event {
                Event::Interrupted(date) => out.push(Interruption {
                    interrupted: *date,
                    resumed: None,
                }),
                Event::Resumed(date) => {
                    if let Some(last) = out.last_mut() {
                        last.resumed = Some(*date);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The dates of declined offers (*tackat nej*), in date order. A
    /// declined offer does not end reporting.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2024, 1, 10)?, LegalGender::Female, 1941,
    /// )?
    /// .with_event(Event::OfferMade(d(2024, 2, 1)?))?
    /// .with_event(Event::OfferDeclined(d(2024, 2, 3)?))?;
    /// assert_eq!(decision.offer_made(), Some(d(2024, 2, 1)?));
    /// assert_eq!(decision.offers_declined(), [d(2024, 2, 3)?]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offers_declined(&self) -> Vec<NaiveDate> {
        self.events
            .iter()
            .filter_map(|event| match event {
                Event::OfferDeclined(date) => Some(*date),
                _ => None,
            })
            .collect()
    }

    /// The date of the first offer made, if any.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::LegalGender;
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 15).ok_or("date")?;
    /// let decision = Decision::new(DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, day, LegalGender::Female, 1941)?;
    /// use namnd_decisions::decision::Event;
    /// let offer = NaiveDate::from_ymd_opt(2024, 2, 1).ok_or("date")?;
    /// assert_eq!(decision.offer_made(), None);
    /// assert_eq!(decision.with_event(Event::OfferMade(offer))?.offer_made(), Some(offer));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn offer_made(&self) -> Option<NaiveDate> {
        self.events.iter().find_map(|event| match event {
            Event::OfferMade(date) => Some(*date),
            _ => None,
        })
    }

    /// The court rulings on a särskild avgift, in date order: date and
    /// amount in kronor.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{Decimal, LegalGender};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Event, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::SarskiltBoende, d(2022, 1, 10)?, LegalGender::Female, 1941,
    /// )?
    /// .with_event(Event::SpecialFeeRuling { date: d(2023, 9, 1)?, amount: Decimal::from(50_000) })?;
    /// assert_eq!(decision.special_fee_rulings(), [(d(2023, 9, 1)?, Decimal::from(50_000))]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn special_fee_rulings(&self) -> Vec<(NaiveDate, Decimal)> {
        self.events
            .iter()
            .filter_map(|event| match event {
                Event::SpecialFeeRuling { date, amount } => Some((*date, *amount)),
                _ => None,
            })
            .collect()
    }

    /// The version of the act in force on the decision date (from
    /// namnd-core's law table): for SoL, SFS 2001:453 up to 2025-06-30 and
    /// SFS 2025:400 from 2025-07-01.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{law::Sfs, LegalGender};
    /// use namnd_decisions::decision::{Decision, DecisionId, DecisionLaw, Insats, PersonRef};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
    /// let decision = Decision::new(
    ///     DecisionId::new("17")?, PersonRef::new("p-1")?, DecisionLaw::SoL,
    ///     Insats::Hemtjanst, d(2025, 6, 30)?, LegalGender::Female, 1941,
    /// )?;
    /// assert_eq!(decision.statute_on_decision_date().map(|s| s.sfs()), Some(Sfs::new(2001, 453)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statute_on_decision_date(&self) -> Option<Statute> {
        self.law.statute_on(self.decision_date)
    }
}

/// A problem `event` has on its own, whatever the rest of the history.
fn own_problem(event: &Event, decision_date: NaiveDate) -> Option<HistoryProblem> {
    if event.date() < decision_date {
        return Some(HistoryProblem::BeforeDecision { decision_date });
    }
    match event {
        Event::SpecialFeeRuling { amount, .. } if *amount < Decimal::ZERO => {
            Some(HistoryProblem::NegativeFee { amount: *amount })
        }
        Event::Closed { reason, .. } if reason.trim().is_empty() => {
            Some(HistoryProblem::EmptyReason)
        }
        Event::Closed { reason, .. } if namnd_core::looks_like_identity_number(reason) => {
            Some(HistoryProblem::PersonnummerInReason)
        }
        _ => None,
    }
}

/// Checks a history in date order; on failure the index of the first event
/// that breaks a rule, and why.
fn check_history(
    decision_date: NaiveDate,
    events: &[Event],
) -> core::result::Result<(), (usize, HistoryProblem)> {
    let mut executed: Option<NaiveDate> = None;
    let mut running = false;
    let mut interrupted = false;
    let mut closed: Option<NaiveDate> = None;
    let mut offers = 0_usize;
    let mut declines = 0_usize;
    let mut previous: Option<NaiveDate> = None;
    for (index, event) in events.iter().enumerate() {
        let date = event.date();
        if previous.is_some_and(|p| p > date) {
            // Cannot happen through push_event, which inserts in order; an
            // out-of-order event counts as dated before the decision.
            return Err((index, HistoryProblem::BeforeDecision { decision_date }));
        }
        previous = Some(date);
        if let Some(problem) = own_problem(event, decision_date) {
            return Err((index, problem));
        }
        if let Some(closed) = closed
            && !matches!(event, Event::SpecialFeeRuling { .. })
        {
            return Err((index, HistoryProblem::AfterClosing { closed }));
        }
        match event {
            Event::OfferMade(_) => offers = offers.saturating_add(1),
            Event::OfferDeclined(_) => {
                if declines >= offers {
                    return Err((index, HistoryProblem::DeclinedWithoutOffer));
                }
                declines = declines.saturating_add(1);
            }
            Event::Executed(_) => {
                if let Some(first) = executed {
                    return Err((index, HistoryProblem::AlreadyExecuted { first }));
                }
                executed = Some(date);
                running = true;
            }
            Event::Interrupted(_) => {
                if !running {
                    return Err((index, HistoryProblem::NotRunning));
                }
                running = false;
                interrupted = true;
            }
            Event::Resumed(_) => {
                if !interrupted {
                    return Err((index, HistoryProblem::NotInterrupted));
                }
                interrupted = false;
                running = true;
            }
            Event::Closed { .. } => closed = Some(date),
            Event::SpecialFeeRuling { .. } => {}
        }
    }
    Ok(())
}

/// Why a decision was closed for another reason (*avslutat av annan
/// anledning*): a closed set of categories, so that reports never carry the
/// case system's free text (which may name people).
///
/// [`CloseReason::from_text`] reads the category from the free text by
/// keywords (case-insensitive); text that matches none is
/// [`CloseReason::Annan`].
///
/// | Category | Meaning | Keywords |
/// |---|---|---|
/// | `avliden` | the person died | `avlid`, `avled`, `död` |
/// | `flyttat` | the person moved from the municipality | `flytt` |
/// | `aterkallad_ansokan` | the application was withdrawn | `återkall`, `återtag`, `ansökan` |
/// | `behov_upphort` | the need ended | `behov` |
/// | `annan_insats` | the person received another service | `annan insats`, `annat boende`, `annan utförare` |
/// | `annan` | another reason | anything else |
///
/// # Example
/// ```
/// use namnd_decisions::decision::CloseReason;
/// assert_eq!(CloseReason::from_text("Avliden 2024-05-02"), CloseReason::Avliden);
/// assert_eq!(CloseReason::from_text("Behovet har upphört"), CloseReason::BehovUpphort);
/// assert_eq!(CloseReason::from_text("se journal, Anna"), CloseReason::Annan);
/// assert_eq!(CloseReason::Flyttat.code(), "flyttat");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CloseReason {
    /// *Avliden*: the person died.
    Avliden,
    /// *Flyttat*: the person moved from the municipality.
    Flyttat,
    /// *Återkallad ansökan*: the application was withdrawn.
    AterkalladAnsokan,
    /// *Behov upphört*: the need ended.
    BehovUpphort,
    /// *Annan insats*: the person received another service instead.
    AnnanInsats,
    /// *Annan anledning*: another reason.
    Annan,
}

impl CloseReason {
    /// Every category, in the order of the table above.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::CloseReason;
    /// assert_eq!(CloseReason::ALL.len(), 6);
    /// ```
    pub const ALL: &'static [CloseReason] = &[
        CloseReason::Avliden,
        CloseReason::Flyttat,
        CloseReason::AterkalladAnsokan,
        CloseReason::BehovUpphort,
        CloseReason::AnnanInsats,
        CloseReason::Annan,
    ];

    /// The category of a free-text reason, by keywords (see the table);
    /// unknown text is [`CloseReason::Annan`].
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::CloseReason;
    /// assert_eq!(CloseReason::from_text("flyttat till annan kommun"), CloseReason::Flyttat);
    /// assert_eq!(CloseReason::from_text("Ansökan återkallad"), CloseReason::AterkalladAnsokan);
    /// assert_eq!(CloseReason::from_text("fått annan insats"), CloseReason::AnnanInsats);
    /// assert_eq!(CloseReason::from_text(""), CloseReason::Annan);
    /// ```
    pub fn from_text(text: &str) -> Self {
        let t = text.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["avlid", "avled", "död"]) {
            CloseReason::Avliden
        } else if has(&["flytt"]) {
            CloseReason::Flyttat
        } else if has(&[
            "annan insats",
            "annat boende",
            "annan utförare",
            "annan utforare",
        ]) {
            CloseReason::AnnanInsats
        } else if has(&[
            "återkall",
            "aterkall",
            "återtag",
            "atertag",
            "ansökan",
            "ansokan",
        ]) {
            CloseReason::AterkalladAnsokan
        } else if has(&["behov"]) {
            CloseReason::BehovUpphort
        } else {
            CloseReason::Annan
        }
    }

    /// The code in reports and JSON: `avliden`, `flyttat`,
    /// `aterkallad_ansokan`, `behov_upphort`, `annan_insats` or `annan`.
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::CloseReason;
    /// assert_eq!(CloseReason::AterkalladAnsokan.code(), "aterkallad_ansokan");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            CloseReason::Avliden => "avliden",
            CloseReason::Flyttat => "flyttat",
            CloseReason::AterkalladAnsokan => "aterkallad_ansokan",
            CloseReason::BehovUpphort => "behov_upphort",
            CloseReason::AnnanInsats => "annan_insats",
            CloseReason::Annan => "annan",
        }
    }
}

impl fmt::Display for CloseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The reporting deadline after an event (a decision, or an interruption):
/// the date plus three calendar months, clamped to the end of the month.
/// 2023-11-30 → 2024-02-29; 2024-03-31 → 2024-06-30. Executing on the
/// deadline day itself is in time.
///
/// For dates within three months of chrono's last representable date the
/// result saturates at [`NaiveDate::MAX`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::decision::deadline_after;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// assert_eq!(deadline_after(d(2023, 11, 30)?), d(2024, 2, 29)?);
/// assert_eq!(deadline_after(d(2024, 3, 31)?), d(2024, 6, 30)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn deadline_after(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(3))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn decision(law: DecisionLaw, insats: Insats, decided: NaiveDate) -> Decision {
        Decision::new(
            DecisionId::new("B-17").unwrap(),
            PersonRef::new("p-0042").unwrap(),
            law,
            insats,
            decided,
            LegalGender::Female,
            1950,
        )
        .unwrap()
    }

    fn sol() -> Decision {
        decision(DecisionLaw::SoL, Insats::SarskiltBoende, d(2024, 1, 15))
    }

    fn problem(result: Result<Decision>) -> HistoryProblem {
        match result {
            Err(DecisionsError::InvalidHistory { problem, .. }) => problem,
            other => panic!("expected InvalidHistory, got {other:?}"),
        }
    }

    fn closed(date: NaiveDate, reason: &str) -> Event {
        Event::Closed {
            date,
            reason: reason.to_owned(),
        }
    }

    fn fee(date: NaiveDate, amount: i64) -> Event {
        Event::SpecialFeeRuling {
            date,
            amount: Decimal::from(amount),
        }
    }

    // ------------------------------------------------------------ deadlines

    #[test]
    fn deadline_clamps_to_end_of_february_in_leap_year() {
        assert_eq!(deadline_after(d(2023, 11, 30)), d(2024, 2, 29));
        assert_eq!(deadline_after(d(2022, 11, 30)), d(2023, 2, 28));
    }

    #[test]
    fn deadline_clamps_march_31_to_june_30() {
        assert_eq!(deadline_after(d(2024, 3, 31)), d(2024, 6, 30));
        assert_eq!(deadline_after(d(2024, 1, 15)), d(2024, 4, 15));
    }

    #[test]
    fn interruption_deadline_is_three_months_after_interruption() {
        let interruption = Interruption {
            interrupted: d(2024, 11, 30),
            resumed: None,
        };
        assert_eq!(interruption.deadline(), d(2025, 2, 28));
    }

    // -------------------------------------------------------- history rules

    #[test]
    fn event_before_decision_date_is_rejected() {
        let err = sol()
            .with_event(Event::Executed(d(2024, 1, 14)))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision B-17: executed on 2024-01-14: this is before the decision date 2024-01-15"
        );
    }

    #[test]
    fn event_on_decision_date_is_accepted() {
        let decision = sol().with_event(Event::Executed(d(2024, 1, 15))).unwrap();
        assert_eq!(decision.executed_on(), Some(d(2024, 1, 15)));
    }

    #[test]
    fn executed_twice_is_rejected() {
        let decision = sol().with_event(Event::Executed(d(2024, 3, 1))).unwrap();
        assert_eq!(
            problem(decision.with_event(Event::Executed(d(2024, 5, 1)))),
            HistoryProblem::AlreadyExecuted {
                first: d(2024, 3, 1)
            }
        );
    }

    #[test]
    fn earlier_second_execution_names_the_later_one() {
        let decision = sol().with_event(Event::Executed(d(2024, 3, 1))).unwrap();
        let err = decision
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision B-17: executed on 2024-03-01: the decision was already executed on 2024-02-01"
        );
    }

    #[test]
    fn interrupted_before_execution_is_rejected() {
        assert_eq!(
            problem(sol().with_event(Event::Interrupted(d(2024, 3, 1)))),
            HistoryProblem::NotRunning
        );
    }

    #[test]
    fn interrupted_twice_without_resumption_is_rejected() {
        let decision = sol()
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap()
            .with_event(Event::Interrupted(d(2024, 3, 1)))
            .unwrap();
        assert_eq!(
            problem(decision.with_event(Event::Interrupted(d(2024, 4, 1)))),
            HistoryProblem::NotRunning
        );
    }

    #[test]
    fn resumed_without_interruption_is_rejected() {
        let decision = sol().with_event(Event::Executed(d(2024, 2, 1))).unwrap();
        assert_eq!(
            problem(decision.with_event(Event::Resumed(d(2024, 3, 1)))),
            HistoryProblem::NotInterrupted
        );
    }

    #[test]
    fn resumption_inserted_before_the_interruption_is_rejected() {
        let decision = sol()
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap()
            .with_event(Event::Interrupted(d(2024, 4, 1)))
            .unwrap();
        assert_eq!(
            problem(decision.with_event(Event::Resumed(d(2024, 3, 1)))),
            HistoryProblem::NotInterrupted
        );
    }

    #[test]
    fn interrupted_resumed_and_interrupted_again_is_accepted() {
        let decision = sol()
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap()
            .with_event(Event::Interrupted(d(2024, 3, 1)))
            .unwrap()
            .with_event(Event::Resumed(d(2024, 3, 20)))
            .unwrap()
            .with_event(Event::Interrupted(d(2024, 8, 1)))
            .unwrap();
        assert_eq!(
            decision.interruptions(),
            [
                Interruption {
                    interrupted: d(2024, 3, 1),
                    resumed: Some(d(2024, 3, 20))
                },
                Interruption {
                    interrupted: d(2024, 8, 1),
                    resumed: None
                },
            ]
        );
    }

    #[test]
    fn closed_twice_is_rejected() {
        let decision = sol().with_event(closed(d(2024, 5, 1), "flyttat")).unwrap();
        assert_eq!(
            problem(decision.with_event(closed(d(2024, 6, 1), "avliden"))),
            HistoryProblem::AfterClosing {
                closed: d(2024, 5, 1)
            }
        );
    }

    #[test]
    fn execution_after_closing_is_rejected() {
        let decision = sol().with_event(closed(d(2024, 5, 1), "flyttat")).unwrap();
        let err = decision
            .with_event(Event::Executed(d(2024, 5, 2)))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision B-17: executed on 2024-05-02: the decision was closed on 2024-05-01; only special-fee rulings may follow"
        );
    }

    #[test]
    fn offer_after_closing_is_rejected() {
        let decision = sol().with_event(closed(d(2024, 5, 1), "flyttat")).unwrap();
        assert!(matches!(
            problem(decision.with_event(Event::OfferMade(d(2024, 6, 1)))),
            HistoryProblem::AfterClosing { .. }
        ));
    }

    #[test]
    fn special_fee_ruling_after_closing_is_accepted() {
        let decision = sol()
            .with_event(closed(d(2024, 5, 1), "flyttat"))
            .unwrap()
            .with_event(fee(d(2025, 2, 1), 40_000))
            .unwrap();
        assert_eq!(
            decision.special_fee_rulings(),
            [(d(2025, 2, 1), Decimal::from(40_000))]
        );
        assert_eq!(decision.closed_on(), Some((d(2024, 5, 1), "flyttat")));
    }

    #[test]
    fn closing_after_execution_is_accepted() {
        let decision = sol()
            .with_event(Event::Executed(d(2024, 2, 1)))
            .unwrap()
            .with_event(closed(d(2024, 9, 1), "avliden"))
            .unwrap();
        assert_eq!(decision.closed_on(), Some((d(2024, 9, 1), "avliden")));
    }

    #[test]
    fn declined_without_offer_is_rejected() {
        assert_eq!(
            problem(sol().with_event(Event::OfferDeclined(d(2024, 3, 1)))),
            HistoryProblem::DeclinedWithoutOffer
        );
    }

    #[test]
    fn declined_before_the_offer_is_rejected() {
        let decision = sol().with_event(Event::OfferMade(d(2024, 3, 5))).unwrap();
        assert_eq!(
            problem(decision.with_event(Event::OfferDeclined(d(2024, 3, 1)))),
            HistoryProblem::DeclinedWithoutOffer
        );
    }

    #[test]
    fn declined_on_the_offer_day_is_accepted() {
        let decision = sol()
            .with_event(Event::OfferMade(d(2024, 3, 5)))
            .unwrap()
            .with_event(Event::OfferDeclined(d(2024, 3, 5)))
            .unwrap();
        assert_eq!(decision.offers_declined(), [d(2024, 3, 5)]);
        assert_eq!(decision.offer_made(), Some(d(2024, 3, 5)));
    }

    #[test]
    fn two_declines_need_two_offers() {
        let decision = sol()
            .with_event(Event::OfferMade(d(2024, 3, 1)))
            .unwrap()
            .with_event(Event::OfferDeclined(d(2024, 3, 2)))
            .unwrap();
        assert_eq!(
            problem(
                decision
                    .clone()
                    .with_event(Event::OfferDeclined(d(2024, 4, 2)))
            ),
            HistoryProblem::DeclinedWithoutOffer
        );
        let decision = decision
            .with_event(Event::OfferMade(d(2024, 4, 1)))
            .unwrap()
            .with_event(Event::OfferDeclined(d(2024, 4, 2)))
            .unwrap();
        assert_eq!(decision.offers_declined(), [d(2024, 3, 2), d(2024, 4, 2)]);
        assert_eq!(decision.offer_made(), Some(d(2024, 3, 1)));
        // A declined offer does not execute the decision.
        assert_eq!(decision.executed_on(), None);
    }

    #[test]
    fn negative_special_fee_is_rejected() {
        assert_eq!(
            problem(sol().with_event(fee(d(2024, 9, 1), -1))),
            HistoryProblem::NegativeFee {
                amount: Decimal::from(-1)
            }
        );
    }

    #[test]
    fn zero_special_fee_is_accepted() {
        let decision = sol().with_event(fee(d(2024, 9, 1), 0)).unwrap();
        assert_eq!(
            decision.special_fee_rulings(),
            [(d(2024, 9, 1), Decimal::ZERO)]
        );
    }

    #[test]
    fn empty_close_reason_is_rejected() {
        assert_eq!(
            problem(sol().with_event(closed(d(2024, 5, 1), "  "))),
            HistoryProblem::EmptyReason
        );
    }

    #[test]
    fn personnummer_in_close_reason_is_rejected_without_echo() {
        let err = sol()
            .with_event(closed(d(2024, 5, 1), "se 19121212-1212"))
            .unwrap_err();
        assert!(matches!(
            err,
            DecisionsError::InvalidHistory {
                problem: HistoryProblem::PersonnummerInReason,
                ..
            }
        ));
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("1212"), "{shown}");
    }

    #[test]
    fn rejected_event_leaves_decision_unchanged() {
        let mut decision = sol();
        decision.push_event(Event::Executed(d(2024, 3, 1))).unwrap();
        let before = decision.clone();
        assert!(decision.push_event(Event::Resumed(d(2024, 2, 1))).is_err());
        assert!(decision.push_event(Event::Executed(d(2024, 1, 1))).is_err());
        assert_eq!(decision, before);
    }

    #[test]
    fn events_are_kept_in_date_order_same_day_in_order_added() {
        let decision = sol()
            .with_event(Event::Executed(d(2024, 3, 1)))
            .unwrap()
            .with_event(Event::OfferMade(d(2024, 2, 1)))
            .unwrap()
            .with_event(Event::Interrupted(d(2024, 3, 1)))
            .unwrap()
            .with_event(Event::OfferDeclined(d(2024, 2, 10)))
            .unwrap();
        assert_eq!(
            decision.events(),
            [
                Event::OfferMade(d(2024, 2, 1)),
                Event::OfferDeclined(d(2024, 2, 10)),
                Event::Executed(d(2024, 3, 1)),
                Event::Interrupted(d(2024, 3, 1)),
            ]
        );
    }

    #[test]
    fn same_day_interruption_added_before_execution_is_rejected() {
        let decision = sol().with_event(Event::Interrupted(d(2024, 3, 1)));
        assert_eq!(problem(decision), HistoryProblem::NotRunning);
    }

    // ------------------------------------------------------- construction

    #[test]
    fn insats_of_the_other_act_is_rejected_with_display_names() {
        let err = Decision::new(
            DecisionId::new("B-1").unwrap(),
            PersonRef::new("p-1").unwrap(),
            DecisionLaw::Lss,
            Insats::Hemtjanst,
            d(2024, 1, 1),
            LegalGender::Male,
            1980,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision B-1: service hemtjänst is not a service under LSS"
        );
    }

    #[test]
    fn birth_year_after_decision_or_over_130_years_before_is_implausible() {
        let make = |year| {
            Decision::new(
                DecisionId::new("B-1").unwrap(),
                PersonRef::new("p-1").unwrap(),
                DecisionLaw::SoL,
                Insats::Hemtjanst,
                d(2024, 1, 1),
                LegalGender::Male,
                year,
            )
        };
        assert!(make(2025).is_err());
        assert!(make(1893).is_err());
        assert!(make(1894).is_ok());
        assert!(make(2024).is_ok());
    }

    #[test]
    fn birth_date_must_match_birth_year() {
        let err = sol().with_birth_date(d(1951, 1, 1)).unwrap_err();
        assert_eq!(
            err,
            DecisionsError::BirthDateMismatch {
                id: "B-17".into(),
                birth_year: 1950
            }
        );
        assert!(!err.to_string().contains("1951"));
        assert_eq!(
            sol().with_birth_date(d(1950, 12, 31)).unwrap().birth_date(),
            Some(d(1950, 12, 31))
        );
    }

    #[test]
    fn birth_date_after_decision_date_is_rejected() {
        let decision = Decision::new(
            DecisionId::new("B-1").unwrap(),
            PersonRef::new("p-1").unwrap(),
            DecisionLaw::Lss,
            Insats::BoendeForBarn,
            d(2024, 3, 1),
            LegalGender::Male,
            2024,
        )
        .unwrap();
        assert!(decision.clone().with_birth_date(d(2024, 3, 2)).is_err());
        assert!(decision.with_birth_date(d(2024, 2, 1)).is_ok());
    }

    #[test]
    fn statute_on_decision_date_follows_the_new_sol() {
        let old = decision(DecisionLaw::SoL, Insats::Hemtjanst, d(2025, 6, 30));
        let new = decision(DecisionLaw::SoL, Insats::Hemtjanst, d(2025, 7, 1));
        let lss = decision(DecisionLaw::Lss, Insats::PersonligAssistans, d(2025, 7, 1));
        let sfs = |x: &Decision| x.statute_on_decision_date().map(|s| s.sfs().to_string());
        assert_eq!(sfs(&old).as_deref(), Some("2001:453"));
        assert_eq!(sfs(&new).as_deref(), Some("2025:400"));
        assert_eq!(sfs(&lss).as_deref(), Some("1993:387"));
    }

    #[test]
    fn queries_on_an_empty_history_are_empty() {
        let decision = sol();
        assert_eq!(decision.executed_on(), None);
        assert_eq!(decision.closed_on(), None);
        assert!(decision.interruptions().is_empty());
        assert!(decision.offers_declined().is_empty());
        assert_eq!(decision.offer_made(), None);
        assert!(decision.special_fee_rulings().is_empty());
    }

    // -------------------------------------------------------- law and insats

    #[test]
    fn decision_id_with_a_control_character_is_rejected() {
        let err = DecisionId::new("B-2024\n017").unwrap_err();
        assert_eq!(
            err,
            DecisionsError::InvalidId {
                what: "decision",
                problem: namnd_core::IdTextProblem::ControlCharacter
            }
        );
        assert_eq!(
            err.to_string(),
            "decision id is not usable: it contains a control character"
        );
    }

    #[test]
    fn decision_id_longer_than_64_characters_is_rejected() {
        assert_eq!(DecisionId::new(&"B".repeat(64)).unwrap().as_str().len(), 64);
        let err = DecisionId::new(&"B".repeat(65)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "decision id is not usable: it is longer than 64 characters"
        );
    }

    #[test]
    fn person_ref_with_a_control_character_is_rejected() {
        let err = PersonRef::new("p-\u{0}42").unwrap_err();
        assert_eq!(
            err,
            DecisionsError::InvalidId {
                what: "person",
                problem: namnd_core::IdTextProblem::ControlCharacter
            }
        );
    }

    #[test]
    fn person_ref_longer_than_64_characters_is_rejected_even_in_hex() {
        let err = PersonRef::new(&"a".repeat(65)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "person id is not usable: it is longer than 64 characters"
        );
    }

    #[test]
    fn empty_and_personnummer_ids_keep_their_errors() {
        assert_eq!(
            DecisionId::new("  ").unwrap_err(),
            DecisionsError::EmptyId { what: "decision" }
        );
        assert_eq!(
            PersonRef::new("").unwrap_err(),
            DecisionsError::EmptyId { what: "person" }
        );
        assert_eq!(
            DecisionId::new("B 19121212-1212").unwrap_err(),
            DecisionsError::PersonnummerInId { what: "decision" }
        );
        assert_eq!(
            PersonRef::new("19121212-1212").unwrap_err(),
            DecisionsError::PersonnummerInId { what: "person" }
        );
    }

    #[test]
    fn hex_pseudonym_with_surrounding_spaces_is_trimmed() {
        let hex = format!("ab1912121212cd{}", "e".repeat(50));
        assert_eq!(PersonRef::new(&format!(" {hex} ")).unwrap().as_str(), hex);
    }

    #[test]
    fn hex_pseudonym_with_a_ten_digit_run_is_a_person_ref() {
        let hex = format!("ab1912121212cd{}", "e".repeat(50));
        assert_eq!(hex.len(), 64);
        assert!(matches!(
            namnd_core::redact_identity_numbers(&hex),
            std::borrow::Cow::Owned(_)
        ));
        assert_eq!(PersonRef::new(&hex).unwrap().as_str(), hex);
        // Not 64 hex digits: the check applies.
        assert!(PersonRef::new("ab1912121212cd").is_err());
    }

    #[test]
    fn decision_law_displays_and_parses_short_names() {
        assert_eq!(DecisionLaw::SoL.to_string(), "SoL");
        assert_eq!(DecisionLaw::Lss.to_string(), "LSS");
        assert_eq!(" sol ".parse::<DecisionLaw>().unwrap(), DecisionLaw::SoL);
        let err = "19121212-1212".parse::<DecisionLaw>().unwrap_err();
        assert!(!format!("{err} {err:?}").contains("1212"));
    }

    #[test]
    fn insats_code_round_trips_for_every_category() {
        for &insats in Insats::ALL {
            assert_eq!(
                insats.code().parse::<Insats>().unwrap(),
                insats,
                "{insats:?}"
            );
        }
    }

    #[test]
    fn insats_name_round_trips_under_its_act() {
        for &insats in Insats::ALL {
            let name = insats.to_string();
            assert_eq!(Insats::parse_under(insats.law(), &name).unwrap(), insats);
            assert_eq!(
                Insats::parse_under(insats.law(), &name.to_uppercase()).unwrap(),
                insats
            );
        }
    }

    #[test]
    fn insats_names_parse_without_swedish_letters() {
        assert_eq!(
            "sarskilt boende".parse::<Insats>().unwrap(),
            Insats::SarskiltBoende
        );
        assert_eq!(
            "Särskilt Boende".parse::<Insats>().unwrap(),
            Insats::SarskiltBoende
        );
        assert_eq!("hemtjanst".parse::<Insats>().unwrap(), Insats::Hemtjanst);
        assert_eq!(
            "bostad med sarskild service for vuxna"
                .parse::<Insats>()
                .unwrap(),
            Insats::BostadForVuxna
        );
        assert_eq!(
            "Kontaktperson/kontaktfamilj".parse::<Insats>().unwrap(),
            Insats::KontaktpersonKontaktfamilj
        );
    }

    #[test]
    fn insats_parses_lss_paragraph_forms() {
        for text in [
            "LSS 9 § 9",
            "9 § 9",
            "9.9",
            "9:9",
            "lss 9 9",
            "LSS 9 § 9 p.",
            "lss_9_9",
        ] {
            assert_eq!(
                text.parse::<Insats>().unwrap(),
                Insats::BostadForVuxna,
                "{text}"
            );
        }
        assert_eq!(
            "9 § 1".parse::<Insats>().unwrap(),
            Insats::RadgivningPersonligtStod
        );
        assert_eq!("9.10".parse::<Insats>().unwrap(), Insats::DagligVerksamhet);
        for text in ["9 § 11", "9 § 0", "8 § 9", "SoL 9 § 9", "9"] {
            assert!(
                matches!(
                    text.parse::<Insats>(),
                    Err(DecisionsError::UnknownInsats { .. })
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn ambiguous_insats_needs_an_act() {
        assert!(matches!(
            "kontaktperson".parse::<Insats>(),
            Err(DecisionsError::AmbiguousInsats { .. })
        ));
        assert_eq!(
            "kontaktperson (LSS)".parse::<Insats>().unwrap(),
            Insats::KontaktpersonLss
        );
        assert_eq!(
            "SoL korttidsvistelse".parse::<Insats>().unwrap(),
            Insats::KorttidsvistelseSol
        );
        assert_eq!(
            Insats::parse_under(DecisionLaw::SoL, "kontaktperson").unwrap(),
            Insats::KontaktpersonKontaktfamilj
        );
        // The act written in the text wins over the hint.
        assert_eq!(
            Insats::parse_under(DecisionLaw::SoL, "kontaktperson LSS").unwrap(),
            Insats::KontaktpersonLss
        );
    }

    #[test]
    fn insats_with_the_wrong_act_written_is_unknown() {
        assert!(matches!(
            "hemtjänst (LSS)".parse::<Insats>(),
            Err(DecisionsError::UnknownInsats { .. })
        ));
        assert!(matches!(
            "SoL hemtjänst LSS".parse::<Insats>(),
            Err(DecisionsError::UnknownInsats { .. })
        ));
    }

    #[test]
    fn unknown_insats_message_quotes_input_without_personnummer() {
        let err = "vård 19121212-1212".parse::<Insats>().unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("1212"), "{shown}");
        assert!(shown.starts_with("service \""), "{shown}");
    }

    #[test]
    fn insats_display_is_the_swedish_name() {
        assert_eq!(Insats::SarskiltBoende.to_string(), "särskilt boende");
        assert_eq!(
            Insats::BostadForVuxna.to_string(),
            "bostad med särskild service för vuxna"
        );
        assert_eq!(Insats::Boendestod.to_string(), "boendestöd");
    }

    #[test]
    fn lss_points_cover_one_to_ten_once() {
        let mut points: Vec<u8> = Insats::ALL.iter().filter_map(|i| i.lss_point()).collect();
        points.sort_unstable();
        assert_eq!(points, (1..=10).collect::<Vec<u8>>());
        assert!(
            Insats::ALL
                .iter()
                .all(|i| i.lss_point().is_some() == (i.law() == DecisionLaw::Lss))
        );
    }

    // ---------------------------------------------------------------- serde

    #[cfg(feature = "serde")]
    #[test]
    fn decision_round_trips_through_json() {
        let decision = sol()
            .with_birth_date(d(1950, 6, 1))
            .unwrap()
            .with_event(Event::OfferMade(d(2024, 2, 1)))
            .unwrap()
            .with_event(fee(d(2024, 9, 1), 50_000))
            .unwrap();
        let json = serde_json::to_value(&decision).unwrap();
        assert_eq!(json["insats"], "sarskilt_boende");
        assert_eq!(json["law"], "SoL");
        assert_eq!(json["id"], "B-17");
        let back: Decision = serde_json::from_value(json).unwrap();
        assert_eq!(back, decision);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_checks_the_history_and_ids() {
        let bad_history = serde_json::json!({
            "id": "B-1", "person": "p-1", "law": "SoL", "insats": "hemtjanst",
            "decision_date": "2024-01-15", "gender": "female", "birth_year": 1950,
            "events": [{"executed": "2024-01-14"}]
        });
        assert!(serde_json::from_value::<Decision>(bad_history).is_err());
        let pnr = serde_json::json!({
            "id": "B-1", "person": "19121212-1212", "law": "SoL", "insats": "hemtjanst",
            "decision_date": "2024-01-15", "gender": "female", "birth_year": 1950
        });
        let err = serde_json::from_value::<Decision>(pnr).unwrap_err();
        assert!(!err.to_string().contains("1212"));
        let mismatch = serde_json::json!({
            "id": "B-1", "person": "p-1", "law": "LSS", "insats": "hemtjanst",
            "decision_date": "2024-01-15", "gender": "female", "birth_year": 1950
        });
        assert!(serde_json::from_value::<Decision>(mismatch).is_err());
        assert_eq!(
            serde_json::from_value::<Insats>(serde_json::json!("LSS 9 § 9")).unwrap(),
            Insats::BostadForVuxna
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn decision_schema_names_its_fields() {
        let schema = serde_json::to_value(schemars::schema_for!(Decision)).unwrap();
        let text = schema.to_string();
        assert!(text.contains("decision_date"), "{text}");
        assert!(text.contains("events"), "{text}");
    }

    // ------------------------------------------------------------ proptests

    fn arb_event(decided: NaiveDate) -> impl Strategy<Value = Event> {
        (0_u8..7, -10_i64..400, -5_i64..100_000).prop_map(move |(kind, offset, amount)| {
            let date = decided + chrono::Duration::days(offset);
            match kind {
                0 => Event::OfferMade(date),
                1 => Event::OfferDeclined(date),
                2 => Event::Executed(date),
                3 => Event::Interrupted(date),
                4 => Event::Resumed(date),
                5 => Event::Closed {
                    date,
                    reason: "flyttat".into(),
                },
                _ => Event::SpecialFeeRuling {
                    date,
                    amount: Decimal::from(amount),
                },
            }
        })
    }

    proptest! {
        #[test]
        fn accepted_history_is_sorted_and_queries_agree(
            events in proptest::collection::vec(arb_event(NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()), 0..30)
        ) {
            let mut decision = sol();
            for event in events {
                let before = decision.clone();
                if decision.push_event(event).is_err() {
                    prop_assert_eq!(&decision, &before);
                }
            }
            let history = decision.events();
            prop_assert!(history.windows(2).all(|w| w[0].date() <= w[1].date()));
            prop_assert!(check_history(decision.decision_date(), history).is_ok());
            let executions: Vec<NaiveDate> = history.iter().filter_map(|e| match e {
                Event::Executed(date) => Some(*date),
                _ => None,
            }).collect();
            prop_assert!(executions.len() <= 1);
            prop_assert_eq!(decision.executed_on(), executions.first().copied());
            let closings: Vec<(NaiveDate, &str)> = history.iter().filter_map(|e| match e {
                Event::Closed { date, reason } => Some((*date, reason.as_str())),
                _ => None,
            }).collect();
            prop_assert!(closings.len() <= 1);
            prop_assert_eq!(decision.closed_on(), closings.first().copied());
            if let Some((closed, _)) = decision.closed_on() {
                let only_fees_after = history
                    .iter()
                    .all(|e| e.date() <= closed || e.kind() == EventKind::SpecialFeeRuling);
                prop_assert!(only_fees_after);
            }
            prop_assert!(history.iter().all(|e| e.date() >= decision.decision_date()));
            let interruptions = decision.interruptions();
            prop_assert!(interruptions.iter().all(|i| decision.executed_on().is_some_and(|x| x <= i.interrupted)));
            prop_assert!(interruptions.iter().all(|i| i.resumed.is_none_or(|r| r >= i.interrupted)));
            prop_assert!(decision.offers_declined().len()
                <= history.iter().filter(|e| matches!(e, Event::OfferMade(_))).count());
            prop_assert!(decision.special_fee_rulings().iter().all(|(_, a)| *a >= Decimal::ZERO));
        }

        #[test]
        fn every_hex_pseudonym_is_a_person_ref(hex in "[0-9a-f]{64}") {
            prop_assert!(PersonRef::new(&hex).is_ok());
        }

        #[test]
        fn insats_parsing_never_panics(text in ".{0,80}") {
            let _ = text.parse::<Insats>();
            let _ = Insats::parse_under(DecisionLaw::Lss, &text);
        }
    }
}
