//! The decision model: a favourable decision (*gynnande beslut*) under SoL or
//! LSS, the service it grants (*insats*), and its dated events.
//!
//! (module documentation is being written)

use chrono::NaiveDate;
use namnd_core::law::Law;
use namnd_core::{Decimal, LegalGender};

use crate::error::{DecisionsError, Result};

/// The act a decision was made under: SoL or LSS.
///
/// Only these two acts carry the duty to report unexecuted decisions. The
/// version of SoL in force on the decision date (SFS 2001:453 until
/// 2025-06-30, SFS 2025:400 from 2025-07-01) comes from
/// [`DecisionLaw::statute_on`].
///
/// # Example
/// ```
/// use namnd_decisions::decision::DecisionLaw;
/// assert_eq!("LSS".parse::<DecisionLaw>()?, DecisionLaw::Lss);
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DecisionLaw {
    /// Socialtjänstlagen (Social Services Act).
    SoL,
    /// Lagen om stöd och service till vissa funktionshindrade (LSS).
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
/// # Example
/// ```
/// use namnd_decisions::decision::{DecisionLaw, Insats};
/// assert_eq!(Insats::DagligVerksamhet.law(), DecisionLaw::Lss);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
}

/// A decision's own id, as the case system writes it.
///
/// Not personal data by itself, but never a personnummer: [`DecisionId::new`]
/// rejects text that looks like one.
///
/// # Example
/// ```
/// use namnd_decisions::decision::DecisionId;
/// assert_eq!(DecisionId::new("B-2024-017")?.as_str(), "B-2024-017");
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecisionId(String);

impl DecisionId {
    /// A non-empty id that does not look like a personnummer.
    ///
    /// # Errors
    /// [`DecisionsError::EmptyId`] or [`DecisionsError::PersonnummerInId`].
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::DecisionId;
    /// assert!(DecisionId::new("").is_err());
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn new(id: &str) -> Result<Self> {
        let id = id.trim();
        if id.is_empty() {
            return Err(DecisionsError::EmptyId { what: "decision" });
        }
        if matches!(
            namnd_core::redact_identity_numbers(id),
            std::borrow::Cow::Owned(_)
        ) {
            return Err(DecisionsError::PersonnummerInId { what: "decision" });
        }
        Ok(DecisionId(id.to_owned()))
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

/// The person a decision concerns, as a pseudonymous reference: a
/// [`namnd_core::Pseudonym`] in hex, or another opaque id from the case
/// system. Never a personnummer: [`PersonRef::new`] rejects one without
/// echoing it.
///
/// # Example
/// ```
/// use namnd_decisions::decision::PersonRef;
/// assert!(PersonRef::new("p-0042").is_ok());
/// assert!(PersonRef::new("19121212-1212").is_err());
/// # Ok::<(), namnd_decisions::DecisionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonRef(String);

impl PersonRef {
    /// A non-empty reference that does not look like a personnummer.
    ///
    /// # Errors
    /// [`DecisionsError::EmptyId`] or [`DecisionsError::PersonnummerInId`].
    ///
    /// # Example
    /// ```
    /// use namnd_decisions::decision::PersonRef;
    /// assert_eq!(PersonRef::new("p-0042")?.as_str(), "p-0042");
    /// # Ok::<(), namnd_decisions::DecisionsError>(())
    /// ```
    pub fn new(reference: &str) -> Result<Self> {
        let reference = reference.trim();
        if reference.is_empty() {
            return Err(DecisionsError::EmptyId { what: "person" });
        }
        if matches!(
            namnd_core::redact_identity_numbers(reference),
            std::borrow::Cow::Owned(_)
        ) {
            return Err(DecisionsError::PersonnummerInId { what: "person" });
        }
        Ok(PersonRef(reference.to_owned()))
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

/// A dated event in a decision's history.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_decisions::decision::Event;
/// let date = NaiveDate::from_ymd_opt(2024, 3, 1).ok_or("date")?;
/// assert_eq!(Event::Executed(date).date(), date);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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
        /// The reason, as free text without personal data.
        reason: String,
    },
    /// *Dom om särskild avgift*: a court ruling on a särskild avgift
    /// (court-imposed fee) for this decision, with the amount in kronor
    /// (zero when the court rejected IVO's application).
    SpecialFeeRuling {
        /// The date of the ruling.
        date: NaiveDate,
        /// The fee imposed, in kronor.
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
}

/// A favourable decision under SoL or LSS, with its dated events in date
/// order.
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
pub struct Decision {
    id: DecisionId,
    person: PersonRef,
    law: DecisionLaw,
    insats: Insats,
    decision_date: NaiveDate,
    gender: LegalGender,
    birth_year: i32,
    birth_date: Option<NaiveDate>,
    events: Vec<Event>,
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
    /// See [`Decision`].
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

    /// The reporting deadline for the decision itself: the decision date
    /// plus three calendar months, clamped to the end of the month
    /// ([`deadline_after`]).
    ///
    /// # Example
    /// See [`Decision`].
    pub fn deadline(&self) -> NaiveDate {
        deadline_after(self.decision_date)
    }

    /// The decision's id.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn id(&self) -> &DecisionId {
        &self.id
    }

    /// The person, pseudonymous.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn person(&self) -> &PersonRef {
        &self.person
    }

    /// SoL or LSS.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn law(&self) -> DecisionLaw {
        self.law
    }

    /// The service granted.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn insats(&self) -> Insats {
        self.insats
    }

    /// The date of the decision.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn decision_date(&self) -> NaiveDate {
        self.decision_date
    }

    /// Legal gender as recorded in the case (input data; never derived from
    /// digits here).
    ///
    /// # Example
    /// See [`Decision`].
    pub fn gender(&self) -> LegalGender {
        self.gender
    }

    /// Birth year.
    ///
    /// # Example
    /// See [`Decision`].
    pub fn birth_year(&self) -> i32 {
        self.birth_year
    }

    /// Birth date, when the register gives it (IVO's person id uses it).
    ///
    /// # Example
    /// See [`Decision`].
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }

    /// The events, in date order (events on the same day in the order
    /// added).
    ///
    /// # Example
    /// See [`Decision`].
    pub fn events(&self) -> &[Event] {
        &self.events
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
