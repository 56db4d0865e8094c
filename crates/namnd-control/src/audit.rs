//! Audit follow-up (*revision*): audit reports, their questions and answers,
//! recommendations, the committee's response (*yttrande*) and its actions.
//!
//! | Type | What it is |
//! |---|---|
//! | [`AuditReport`] | a report: title, auditor firm, year, [`AuditKind`], questions, overall verdict, recommendations, response due date |
//! | [`AnswerScale`], [`AnswerOption`] | the answer scale as data: *Ja / Ja, men / Delvis / Nej*, plus *i huvudsak* for the overall verdict |
//! | [`AuditQuestion`], [`Polarity`], [`Judgement`] | a *revisionsfråga*, whether "Ja" is favourable or adverse for it, and what its answer means |
//! | [`AnswerTally`] | answers counted by base answer, with the unanswered |
//! | [`Recommendation`], [`Response`], [`Action`] | a *rekommendation* with linked questions and outside parties, the committee's stance and actions (owner role, due date, evidence) |
//! | [`RecommendationStatus`] | received → response adopted (body, date, §) → in progress → reported done → verified, or not accepted |
//! | [`FollowUpRating`], [`Overdue`] | the auditors' follow-up rating (*åtgärdad / delvis / ej åtgärdad*) and what is late on a given date |
//!
//! The workflow guards the record: an adopted response is not replaced
//! ([`Recommendation::respond`] is an error then), status dates never go back
//! ([`Recommendation::advance`]), and a late *yttrande* is reported once for
//! the report, listing the recommendations still without one
//! ([`AuditReport::overdue`]).
//!
//! Polarity matters: in Eskilstuna's 2023 home-care audit question 9 asks
//! whether incident reports point to shortcomings; there "Ja" is the adverse
//! answer.

use core::fmt;

use chrono::NaiveDate;
use namnd_core::FiscalYear;

use crate::schedule::echo;
use crate::{ControlError, Result};

// ------------------------------------------------------------------ answers

/// The base of an answer: yes, partly or no.
///
/// # Example
/// ```
/// use namnd_control::audit::BaseAnswer;
/// assert_eq!(BaseAnswer::Delvis.swedish(), "Delvis");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum BaseAnswer {
    /// *Ja*: yes.
    Ja,
    /// *Delvis*: partly.
    Delvis,
    /// *Nej*: no.
    Nej,
}

impl BaseAnswer {
    /// The Swedish word, capitalised as in reports.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::BaseAnswer;
    /// assert_eq!(BaseAnswer::Nej.swedish(), "Nej");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            BaseAnswer::Ja => "Ja",
            BaseAnswer::Delvis => "Delvis",
            BaseAnswer::Nej => "Nej",
        }
    }
}

/// One answer on an [`AnswerScale`]: its label as printed, its base answer,
/// and whether it is qualified (*Ja, men*; *i huvudsak*).
///
/// # Example
/// ```
/// use namnd_control::audit::{AnswerOption, BaseAnswer};
/// let o = AnswerOption::new("Ja, men", BaseAnswer::Ja, true);
/// assert_eq!((o.label(), o.base(), o.qualified()), ("Ja, men", BaseAnswer::Ja, true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AnswerOption {
    label: String,
    base: BaseAnswer,
    qualified: bool,
}

impl AnswerOption {
    /// An option.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AnswerOption, BaseAnswer};
    /// assert!(!AnswerOption::new("Ja", BaseAnswer::Ja, false).qualified());
    /// ```
    pub fn new(label: impl Into<String>, base: BaseAnswer, qualified: bool) -> AnswerOption {
        AnswerOption {
            label: label.into(),
            base,
            qualified,
        }
    }

    /// The label as printed (`Ja, men`).
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert_eq!(AnswerScale::standard().options()[2].label(), "Delvis");
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The base answer.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AnswerScale, BaseAnswer};
    /// assert_eq!(AnswerScale::standard().options()[1].base(), BaseAnswer::Ja);
    /// ```
    pub fn base(&self) -> BaseAnswer {
        self.base
    }

    /// Whether the answer is qualified (*Ja, men*, *i huvudsak*).
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert!(AnswerScale::standard().options()[1].qualified());
    /// ```
    pub fn qualified(&self) -> bool {
        self.qualified
    }
}

/// The answer scale of a report, as data.
///
/// [`AnswerScale::standard`] is *Ja / Ja, men / Delvis / Nej*;
/// [`AnswerScale::verdict`] adds *I huvudsak* (largely) for the overall
/// verdict. Labels must be non-empty and distinct ignoring case. With the
/// `serde` feature reading checks the same.
///
/// # Example
/// ```
/// use namnd_control::audit::{AnswerScale, BaseAnswer};
///
/// let scale = AnswerScale::standard();
/// let a = scale.match_text("Ja, men det finns utvecklingsområden avseende samverkan.").ok_or("no answer")?;
/// assert_eq!((a.label(), a.base()), ("Ja, men", BaseAnswer::Ja));
/// assert_eq!(scale.match_text("Ja, det finns ett arbetssätt").map(|a| a.label()), Some("Ja"));
/// assert_eq!(scale.match_text("Delvis. Av LUS framgår").map(|a| a.base()), Some(BaseAnswer::Delvis));
/// assert!(scale.match_text("Jamen").is_none());
/// assert_eq!(AnswerScale::verdict().parse("i huvudsak")?.base(), BaseAnswer::Ja);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<AnswerOption>", into = "Vec<AnswerOption>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AnswerScale {
    options: Vec<AnswerOption>,
}

impl AnswerScale {
    /// A scale of `options`.
    ///
    /// # Errors
    /// [`ControlError::InvalidAnswerScale`] if there are no options, a label
    /// is empty, or two labels are equal ignoring case.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AnswerOption, AnswerScale, BaseAnswer};
    /// let scale = AnswerScale::new(vec![
    ///     AnswerOption::new("Ja", BaseAnswer::Ja, false),
    ///     AnswerOption::new("Nej", BaseAnswer::Nej, false),
    /// ])?;
    /// assert_eq!(scale.options().len(), 2);
    /// assert!(AnswerScale::new(vec![AnswerOption::new("Ja", BaseAnswer::Ja, false), AnswerOption::new("ja", BaseAnswer::Ja, true)]).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(options: Vec<AnswerOption>) -> Result<AnswerScale> {
        if options.is_empty() {
            return Err(ControlError::InvalidAnswerScale {
                label: String::new(),
                reason: "the scale has no answers",
            });
        }
        for (i, option) in options.iter().enumerate() {
            if option.label.trim().is_empty() {
                return Err(ControlError::InvalidAnswerScale {
                    label: String::new(),
                    reason: "a label is empty",
                });
            }
            let lower = option.label.to_lowercase();
            if options
                .iter()
                .take(i)
                .any(|o| o.label.to_lowercase() == lower)
            {
                return Err(ControlError::InvalidAnswerScale {
                    label: echo(&option.label),
                    reason: "the label occurs twice",
                });
            }
        }
        Ok(AnswerScale { options })
    }

    /// *Ja / Ja, men / Delvis / Nej*.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// let scale = AnswerScale::standard();
    /// let labels: Vec<&str> = scale.options().iter().map(|o| o.label()).collect();
    /// assert_eq!(labels, ["Ja", "Ja, men", "Delvis", "Nej"]);
    /// ```
    pub fn standard() -> AnswerScale {
        AnswerScale {
            options: vec![
                AnswerOption::new("Ja", BaseAnswer::Ja, false),
                AnswerOption::new("Ja, men", BaseAnswer::Ja, true),
                AnswerOption::new("Delvis", BaseAnswer::Delvis, false),
                AnswerOption::new("Nej", BaseAnswer::Nej, false),
            ],
        }
    }

    /// The standard scale plus *I huvudsak* (largely: a qualified yes), for
    /// overall verdicts.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert_eq!(AnswerScale::verdict().options().len(), 5);
    /// ```
    pub fn verdict() -> AnswerScale {
        let mut scale = AnswerScale::standard();
        scale
            .options
            .push(AnswerOption::new("I huvudsak", BaseAnswer::Ja, true));
        scale
    }

    /// The options, in scale order.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert_eq!(AnswerScale::standard().options()[0].label(), "Ja");
    /// ```
    pub fn options(&self) -> &[AnswerOption] {
        &self.options
    }

    /// The option whose label begins `text` (ignoring case and leading
    /// space), followed by the end or a character that is not a letter or
    /// digit; the longest such label wins (`Ja, men` over `Ja`).
    ///
    /// # Example
    /// See [`AnswerScale`].
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert_eq!(AnswerScale::standard().match_text("NEJ.").map(|a| a.label()), Some("Nej"));
    /// ```
    pub fn match_text(&self, text: &str) -> Option<&AnswerOption> {
        let lower = text.trim_start().to_lowercase();
        self.options
            .iter()
            .filter(|o| {
                let label = o.label.to_lowercase();
                lower.starts_with(&label)
                    && lower
                        .get(label.len()..)
                        .and_then(|rest| rest.chars().next())
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .max_by_key(|o| o.label.len())
    }

    /// Like [`match_text`](Self::match_text), but an error when nothing
    /// matches.
    ///
    /// # Errors
    /// [`ControlError::UnknownAnswer`] echoing the text.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerScale;
    /// assert!(AnswerScale::standard().parse("Kanske").is_err());
    /// ```
    pub fn parse(&self, text: &str) -> Result<AnswerOption> {
        self.match_text(text)
            .cloned()
            .ok_or_else(|| ControlError::UnknownAnswer { text: echo(text) })
    }
}

impl TryFrom<Vec<AnswerOption>> for AnswerScale {
    type Error = ControlError;

    fn try_from(options: Vec<AnswerOption>) -> Result<Self> {
        AnswerScale::new(options)
    }
}

impl From<AnswerScale> for Vec<AnswerOption> {
    fn from(s: AnswerScale) -> Self {
        s.options
    }
}

// ---------------------------------------------------------------- questions

/// Which way "Ja" points for a question.
///
/// # Example
/// ```
/// use namnd_control::audit::{BaseAnswer, Judgement, Polarity};
/// assert_eq!(Polarity::YesIsAdverse.judge(BaseAnswer::Ja, false), Judgement::Adverse);
/// assert_eq!(Polarity::YesIsFavourable.judge(BaseAnswer::Ja, true), Judgement::WithReservations);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Polarity {
    /// "Ja" is good ("Is there a routine …?").
    #[default]
    YesIsFavourable,
    /// "Ja" is adverse ("Do incident reports point to shortcomings?").
    YesIsAdverse,
}

impl Polarity {
    /// What an answer means for a question of this polarity. A partial
    /// answer is [`Judgement::Partial`] either way; a qualified favourable
    /// answer is [`Judgement::WithReservations`].
    ///
    /// # Example
    /// See [`Polarity`].
    /// ```
    /// use namnd_control::audit::{BaseAnswer, Judgement, Polarity};
    /// assert_eq!(Polarity::YesIsAdverse.judge(BaseAnswer::Nej, false), Judgement::Favourable);
    /// ```
    pub fn judge(self, base: BaseAnswer, qualified: bool) -> Judgement {
        let favourable_base = match self {
            Polarity::YesIsFavourable => BaseAnswer::Ja,
            Polarity::YesIsAdverse => BaseAnswer::Nej,
        };
        match base {
            BaseAnswer::Delvis => Judgement::Partial,
            b if b == favourable_base && qualified => Judgement::WithReservations,
            b if b == favourable_base => Judgement::Favourable,
            _ => Judgement::Adverse,
        }
    }
}

/// What an answer means, after polarity: favourable, favourable with
/// reservations, partial, adverse. Ordered from best to worst.
///
/// # Example
/// ```
/// use namnd_control::audit::Judgement;
/// assert!(Judgement::Favourable < Judgement::Adverse);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Judgement {
    /// Favourable.
    Favourable,
    /// Favourable with reservations (*Ja, men*).
    WithReservations,
    /// Partly (*Delvis*).
    Partial,
    /// Adverse.
    Adverse,
}

/// An audit question (*revisionsfråga*) and its answer, if the report gives
/// one.
///
/// # Example
/// ```
/// use namnd_control::audit::{AnswerScale, AuditQuestion, Judgement, Polarity};
///
/// let q9 = AuditQuestion::new(9, "Pekar rapporterade avvikelser på brister …?")
///     .with_polarity(Polarity::YesIsAdverse)
///     .answered(AnswerScale::standard().parse("Ja, i patientsäkerhetsberättelsen återfinns avvikelser")?, Some(691));
/// assert_eq!(q9.judgement(), Some(Judgement::Adverse));
/// assert_eq!(AuditQuestion::new(10, "Säkerställs att …?").judgement(), None);
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AuditQuestion {
    /// The question's number in the report (1-based).
    pub number: u32,
    /// The question.
    pub text: String,
    /// Which way "Ja" points.
    #[cfg_attr(feature = "serde", serde(default))]
    pub polarity: Polarity,
    /// The answer, `None` if the report gives no explicit answer.
    #[cfg_attr(feature = "serde", serde(default))]
    pub answer: Option<AnswerOption>,
    /// Where the answer stands in the source document.
    #[cfg_attr(feature = "serde", serde(default))]
    pub answer_line: Option<u64>,
}

impl AuditQuestion {
    /// An unanswered question with favourable "Ja".
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AuditQuestion;
    /// assert!(AuditQuestion::new(1, "Finns en rutin?").answer.is_none());
    /// ```
    pub fn new(number: u32, text: impl Into<String>) -> AuditQuestion {
        AuditQuestion {
            number,
            text: text.into(),
            polarity: Polarity::YesIsFavourable,
            answer: None,
            answer_line: None,
        }
    }

    /// Sets the polarity.
    ///
    /// # Example
    /// See [`AuditQuestion`].
    /// ```
    /// use namnd_control::audit::{AuditQuestion, Polarity};
    /// assert_eq!(AuditQuestion::new(1, "?").with_polarity(Polarity::YesIsAdverse).polarity, Polarity::YesIsAdverse);
    /// ```
    #[must_use]
    pub fn with_polarity(mut self, polarity: Polarity) -> Self {
        self.polarity = polarity;
        self
    }

    /// Sets the answer and where it stands.
    ///
    /// # Example
    /// See [`AuditQuestion`].
    /// ```
    /// use namnd_control::audit::{AnswerScale, AuditQuestion};
    /// let q = AuditQuestion::new(3, "Genomförs egenkontroller?").answered(AnswerScale::standard().parse("Nej")?, Some(604));
    /// assert_eq!(q.answer_line, Some(604));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn answered(mut self, answer: AnswerOption, line: Option<u64>) -> Self {
        self.answer = Some(answer);
        self.answer_line = line;
        self
    }

    /// What the answer means after polarity; `None` if unanswered.
    ///
    /// # Example
    /// See [`AuditQuestion`].
    /// ```
    /// use namnd_control::audit::AuditQuestion;
    /// assert_eq!(AuditQuestion::new(1, "?").judgement(), None);
    /// ```
    pub fn judgement(&self) -> Option<Judgement> {
        self.answer
            .as_ref()
            .map(|a| self.polarity.judge(a.base, a.qualified))
    }
}

/// Answers counted by base answer. `ja` includes the qualified ones, which
/// are also counted in `ja_qualified`.
///
/// # Example
/// See [`AuditReport`].
/// ```
/// use namnd_control::audit::AnswerTally;
/// let t = AnswerTally::default();
/// assert_eq!(t.answered(), 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AnswerTally {
    /// *Ja*, qualified or not.
    pub ja: usize,
    /// Of which qualified (*Ja, men*).
    pub ja_qualified: usize,
    /// *Delvis*.
    pub delvis: usize,
    /// *Nej*.
    pub nej: usize,
    /// Questions without an explicit answer.
    pub unanswered: usize,
}

impl AnswerTally {
    /// The number of answered questions.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AnswerTally;
    /// let t = AnswerTally { ja: 6, ja_qualified: 1, delvis: 2, nej: 1, unanswered: 1 };
    /// assert_eq!(t.answered(), 9);
    /// ```
    pub fn answered(&self) -> usize {
        self.ja.saturating_add(self.delvis).saturating_add(self.nej)
    }
}

// ---------------------------------------------------------- recommendations

/// The committee's stance on a recommendation in its response.
///
/// # Example
/// ```
/// use namnd_control::audit::Stance;
/// assert_eq!(Stance::Partly.swedish(), "delvis instämmer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Stance {
    /// Agrees (*instämmer*).
    Agree,
    /// Partly agrees (*delvis instämmer*).
    Partly,
    /// Disagrees (*instämmer inte*).
    Disagree,
}

impl Stance {
    /// The Swedish phrase.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Stance;
    /// assert_eq!(Stance::Disagree.swedish(), "instämmer inte");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            Stance::Agree => "instämmer",
            Stance::Partly => "delvis instämmer",
            Stance::Disagree => "instämmer inte",
        }
    }
}

/// An action (*åtgärd*) the committee commits to.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_control::audit::Action;
/// let a = Action::new("Omtag kring SIP", "Förvaltningschef", NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?)
///     .with_evidence("Rutin för SIP, beslutad 2023-11-15");
/// assert!(a.is_overdue(NaiveDate::from_ymd_opt(2024, 1, 1).ok_or("date")?));
/// assert!(!a.is_overdue(NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("date")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Action {
    /// What is to be done.
    pub description: String,
    /// The owner, as a role (never a person's name).
    pub owner_role: String,
    /// The due date.
    pub due: NaiveDate,
    /// Evidence that it was done (a document, a decision).
    #[cfg_attr(feature = "serde", serde(default))]
    pub evidence: Option<String>,
    /// When it was done.
    #[cfg_attr(feature = "serde", serde(default))]
    pub completed: Option<NaiveDate>,
}

impl Action {
    /// An open action.
    ///
    /// # Example
    /// See [`Action`].
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::audit::Action;
    /// let a = Action::new("Ny rutin", "Verksamhetschef", NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?);
    /// assert!(a.completed.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        description: impl Into<String>,
        owner_role: impl Into<String>,
        due: NaiveDate,
    ) -> Action {
        Action {
            description: description.into(),
            owner_role: owner_role.into(),
            due,
            evidence: None,
            completed: None,
        }
    }

    /// Sets the evidence.
    ///
    /// # Example
    /// See [`Action`].
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::audit::Action;
    /// let a = Action::new("R", "EC", NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?).with_evidence("Protokoll");
    /// assert_eq!(a.evidence.as_deref(), Some("Protokoll"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    /// Marks the action done on `date`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::audit::Action;
    /// let due = NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?;
    /// let a = Action::new("R", "EC", due).completed_on(due);
    /// assert!(!a.is_overdue(NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn completed_on(mut self, date: NaiveDate) -> Self {
        self.completed = Some(date);
        self
    }

    /// Whether the action is open after its due date: not completed and
    /// `today` is later than `due` (an action due today is not overdue).
    ///
    /// # Example
    /// See [`Action`].
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::audit::Action;
    /// let due = NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?;
    /// assert!(!Action::new("R", "EC", due).is_overdue(due));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.completed.is_none() && today > self.due
    }
}

/// The committee's response (*yttrande*) to one recommendation: its stance
/// and the actions it commits to.
///
/// # Example
/// ```
/// use namnd_control::audit::{Response, Stance};
/// let r = Response::new(Stance::Agree, "Förvaltningen genomför ett omtag kring SIP under 2023.");
/// assert!(r.actions.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Response {
    /// The stance.
    pub stance: Stance,
    /// The response text.
    pub text: String,
    /// The actions.
    #[cfg_attr(feature = "serde", serde(default))]
    pub actions: Vec<Action>,
}

impl Response {
    /// A response without actions.
    ///
    /// # Example
    /// See [`Response`].
    /// ```
    /// use namnd_control::audit::{Response, Stance};
    /// assert_eq!(Response::new(Stance::Partly, "").stance, Stance::Partly);
    /// ```
    pub fn new(stance: Stance, text: impl Into<String>) -> Response {
        Response {
            stance,
            text: text.into(),
            actions: Vec::new(),
        }
    }

    /// Adds an action.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::audit::{Action, Response, Stance};
    /// let r = Response::new(Stance::Agree, "")
    ///     .with_action(Action::new("R", "EC", NaiveDate::from_ymd_opt(2024, 6, 30).ok_or("date")?));
    /// assert_eq!(r.actions.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_action(mut self, action: Action) -> Self {
        self.actions.push(action);
        self
    }
}

/// Where a recommendation stands.
///
/// The workflow: `Received` → `ResponseAdopted` (the body, date and § of
/// the decision adopting the response) → `InProgress` → `ReportedDone` →
/// `Verified` (by the auditors). `NotAccepted` (the auditors did not accept
/// the response or the reported completion) may follow `ResponseAdopted`,
/// `InProgress` or `ReportedDone`, and leads back to `InProgress`. A
/// response can be adopted only when the recommendation has a
/// [`Response`]; see [`Recommendation::advance`].
///
/// # Example
/// ```
/// use namnd_control::audit::RecommendationStatus;
/// assert!(RecommendationStatus::Received.may_become(&RecommendationStatus::InProgress) == false);
/// assert!(RecommendationStatus::InProgress.may_become(&RecommendationStatus::ReportedDone { date: chrono::NaiveDate::MIN }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum RecommendationStatus {
    /// The report has been received.
    Received,
    /// The response was adopted.
    ResponseAdopted {
        /// The body that adopted it (*socialnämnden*).
        body: String,
        /// The meeting date.
        date: NaiveDate,
        /// The minutes' paragraph (§).
        paragraph: u32,
    },
    /// Actions are under way.
    InProgress,
    /// The committee reported the actions done.
    ReportedDone {
        /// When.
        date: NaiveDate,
    },
    /// The auditors verified the actions.
    Verified {
        /// When.
        date: NaiveDate,
    },
    /// The auditors did not accept the response or the reported completion.
    NotAccepted {
        /// When.
        date: NaiveDate,
    },
}

impl RecommendationStatus {
    /// A short English name, for messages.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::RecommendationStatus;
    /// assert_eq!(RecommendationStatus::InProgress.name(), "in progress");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            RecommendationStatus::Received => "received",
            RecommendationStatus::ResponseAdopted { .. } => "response adopted",
            RecommendationStatus::InProgress => "in progress",
            RecommendationStatus::ReportedDone { .. } => "reported done",
            RecommendationStatus::Verified { .. } => "verified",
            RecommendationStatus::NotAccepted { .. } => "not accepted",
        }
    }

    /// Whether the workflow allows going from `self` to `next`.
    ///
    /// # Example
    /// See [`RecommendationStatus`].
    /// ```
    /// use namnd_control::audit::RecommendationStatus;
    /// let verified = RecommendationStatus::Verified { date: chrono::NaiveDate::MIN };
    /// assert!(!verified.may_become(&RecommendationStatus::InProgress));
    /// ```
    pub fn may_become(&self, next: &RecommendationStatus) -> bool {
        use RecommendationStatus as S;
        matches!(
            (self, next),
            (S::Received, S::ResponseAdopted { .. })
                | (
                    S::ResponseAdopted { .. },
                    S::InProgress | S::ReportedDone { .. } | S::NotAccepted { .. }
                )
                | (
                    S::InProgress,
                    S::ReportedDone { .. } | S::NotAccepted { .. }
                )
                | (
                    S::ReportedDone { .. },
                    S::Verified { .. } | S::NotAccepted { .. } | S::InProgress
                )
                | (S::NotAccepted { .. }, S::InProgress)
        )
    }
}

/// The auditors' follow-up rating of a recommendation: *åtgärdad* (dealt
/// with), *delvis åtgärdad* (partly), *ej åtgärdad* (not dealt with).
///
/// # Example
/// ```
/// use namnd_control::audit::FollowUpRating;
/// assert_eq!(FollowUpRating::parse("Delvis"), Some(FollowUpRating::Delvis));
/// assert_eq!(FollowUpRating::EjAtgardad.swedish(), "ej åtgärdad");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum FollowUpRating {
    /// *Åtgärdad*.
    Atgardad,
    /// *Delvis åtgärdad*.
    Delvis,
    /// *Ej åtgärdad*.
    EjAtgardad,
}

impl FollowUpRating {
    /// Reads `åtgärdad`, `delvis`, `delvis åtgärdad`, `ej åtgärdad`, `inte
    /// åtgärdad` (any case); `None` otherwise.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::FollowUpRating;
    /// assert_eq!(FollowUpRating::parse("Ej åtgärdad"), Some(FollowUpRating::EjAtgardad));
    /// ```
    pub fn parse(text: &str) -> Option<FollowUpRating> {
        match text.trim().to_lowercase().as_str() {
            "åtgärdad" => Some(FollowUpRating::Atgardad),
            "delvis" | "delvis åtgärdad" => Some(FollowUpRating::Delvis),
            "ej åtgärdad" | "inte åtgärdad" => Some(FollowUpRating::EjAtgardad),
            _ => None,
        }
    }

    /// The Swedish words.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::FollowUpRating;
    /// assert_eq!(FollowUpRating::Atgardad.swedish(), "åtgärdad");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            FollowUpRating::Atgardad => "åtgärdad",
            FollowUpRating::Delvis => "delvis åtgärdad",
            FollowUpRating::EjAtgardad => "ej åtgärdad",
        }
    }
}

/// A recommendation (*rekommendation*) of an audit report, and how the
/// committee deals with it.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_control::audit::{Action, Recommendation, RecommendationStatus, Response, Stance};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
/// let mut rec = Recommendation::new(1, "Utveckla samverkan och dialogen med Region Sörmland avseende utskrivningsklara patienter.")
///     .with_questions([1, 2, 9])
///     .with_outside_party("Region Sörmland");
/// // Adopting a response needs a response.
/// let adopted = RecommendationStatus::ResponseAdopted { body: "Vård- och omsorgsnämnden".into(), date: day(2023, 11, 22)?, paragraph: 145 };
/// assert!(rec.advance(adopted.clone()).is_err());
/// rec.respond(Response::new(Stance::Agree, "Nämnden instämmer.")
///     .with_action(Action::new("Gemensam rutin med regionen", "Verksamhetschef HSL", day(2024, 6, 30)?)))?;
/// rec.advance(adopted)?;
/// // An adopted response is not replaced behind the committee's back.
/// assert!(rec.respond(Response::new(Stance::Disagree, "…")).is_err());
/// rec.advance(RecommendationStatus::InProgress)?;
/// assert_eq!(rec.status().name(), "in progress");
/// assert!(rec.advance(RecommendationStatus::Received).is_err());
/// assert_eq!(rec.overdue_actions(day(2024, 7, 1)?).count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RecommendationRepr", into = "RecommendationRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Recommendation {
    number: u32,
    text: String,
    questions: Vec<u32>,
    outside_parties: Vec<String>,
    response: Option<Response>,
    history: Vec<RecommendationStatus>,
    rating: Option<FollowUpRating>,
}

/// The wire form of a [`Recommendation`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct RecommendationRepr {
    number: u32,
    text: String,
    #[serde(default)]
    questions: Vec<u32>,
    #[serde(default)]
    outside_parties: Vec<String>,
    #[serde(default)]
    response: Option<Response>,
    history: Vec<RecommendationStatus>,
    #[serde(default)]
    rating: Option<FollowUpRating>,
}

#[cfg(feature = "serde")]
impl TryFrom<RecommendationRepr> for Recommendation {
    type Error = ControlError;

    /// Replays the stored history through [`Recommendation::advance`], so
    /// a history that skips a step or adopts a missing response is rejected.
    fn try_from(r: RecommendationRepr) -> Result<Self> {
        let mut history = r.history.into_iter();
        let first = history.next();
        if first != Some(RecommendationStatus::Received) {
            return Err(ControlError::InvalidStatusTransition {
                recommendation: r.number,
                from: "nothing",
                to: first.as_ref().map_or("nothing", RecommendationStatus::name),
            });
        }
        let mut rec = Recommendation::new(r.number, r.text);
        rec.questions = r.questions;
        rec.outside_parties = r.outside_parties;
        rec.response = r.response;
        rec.rating = r.rating;
        for status in history {
            rec.advance(status)?;
        }
        Ok(rec)
    }
}

#[cfg(feature = "serde")]
impl From<Recommendation> for RecommendationRepr {
    fn from(r: Recommendation) -> Self {
        RecommendationRepr {
            number: r.number,
            text: r.text,
            questions: r.questions,
            outside_parties: r.outside_parties,
            response: r.response,
            history: r.history,
            rating: r.rating,
        }
    }
}

impl Recommendation {
    /// A received recommendation.
    ///
    /// # Example
    /// See [`Recommendation`].
    /// ```
    /// use namnd_control::audit::{Recommendation, RecommendationStatus};
    /// assert_eq!(Recommendation::new(2, "Säkerställa kvaliteten").status(), &RecommendationStatus::Received);
    /// ```
    pub fn new(number: u32, text: impl Into<String>) -> Recommendation {
        Recommendation {
            number,
            text: text.into(),
            questions: Vec::new(),
            outside_parties: Vec::new(),
            response: None,
            history: vec![RecommendationStatus::Received],
            rating: None,
        }
    }

    /// Links the recommendation to questions (by number).
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert_eq!(Recommendation::new(3, "R").with_questions([6]).questions(), [6]);
    /// ```
    #[must_use]
    pub fn with_questions(mut self, questions: impl IntoIterator<Item = u32>) -> Self {
        self.questions.extend(questions);
        self
    }

    /// Names a party outside the committee that the recommendation depends
    /// on (the Region).
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(Recommendation::new(1, "R").with_outside_party("Region Sörmland").depends_on_others());
    /// ```
    #[must_use]
    pub fn with_outside_party(mut self, party: impl Into<String>) -> Self {
        self.outside_parties.push(party.into());
        self
    }

    /// Sets the committee's response, or replaces a draft not yet adopted.
    ///
    /// # Errors
    /// [`ControlError::ResponseAlreadyAdopted`] once the response has been
    /// adopted ([`RecommendationStatus::ResponseAdopted`] in the history):
    /// an adopted *yttrande* is a decision and is not silently replaced.
    ///
    /// # Example
    /// See [`Recommendation`].
    /// ```
    /// use namnd_control::audit::{Recommendation, Response, Stance};
    /// let mut r = Recommendation::new(1, "R");
    /// r.respond(Response::new(Stance::Agree, "Utkast."))?;
    /// r.respond(Response::new(Stance::Disagree, "Nämnden delar inte bedömningen."))?;
    /// assert_eq!(r.response().map(|r| r.stance), Some(Stance::Disagree));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn respond(&mut self, response: Response) -> Result<()> {
        if self
            .history
            .iter()
            .any(|s| matches!(s, RecommendationStatus::ResponseAdopted { .. }))
        {
            return Err(ControlError::ResponseAlreadyAdopted {
                recommendation: self.number,
            });
        }
        self.response = Some(response);
        Ok(())
    }

    /// Moves the recommendation to `next`.
    ///
    /// # Errors
    /// [`ControlError::InvalidStatusTransition`] if the workflow does not
    /// allow it ([`RecommendationStatus::may_become`]), and
    /// [`ControlError::ResponseMissing`] when adopting a response that has
    /// not been written ([`Recommendation::respond`]), and
    /// [`ControlError::StatusDateOutOfOrder`] when `next` is dated before
    /// the latest dated status in the history (dates must not go back).
    ///
    /// # Example
    /// See [`Recommendation`].
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_control::ControlError;
    /// use namnd_control::audit::{Recommendation, RecommendationStatus, Response, Stance};
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or(ControlError::UnknownRow { row: 0 });
    /// let mut r = Recommendation::new(1, "R");
    /// assert!(r.advance(RecommendationStatus::InProgress).is_err());
    /// r.respond(Response::new(Stance::Agree, "Instämmer."))?;
    /// r.advance(RecommendationStatus::ResponseAdopted { body: "SN".into(), date: day(2024, 3, 20)?, paragraph: 12 })?;
    /// let early = r.advance(RecommendationStatus::ReportedDone { date: day(2024, 1, 31)? });
    /// assert!(matches!(early, Err(ControlError::StatusDateOutOfOrder { .. })));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn advance(&mut self, next: RecommendationStatus) -> Result<()> {
        let current = self.status();
        if !current.may_become(&next) {
            return Err(ControlError::InvalidStatusTransition {
                recommendation: self.number,
                from: current.name(),
                to: next.name(),
            });
        }
        if let (Some(date), Some(previous)) = (
            status_date(&next),
            self.history.iter().filter_map(status_date).max(),
        ) && date < previous
        {
            return Err(ControlError::StatusDateOutOfOrder {
                recommendation: self.number,
                status: next.name(),
                date,
                previous,
            });
        }
        if matches!(next, RecommendationStatus::ResponseAdopted { .. }) && self.response.is_none() {
            return Err(ControlError::ResponseMissing {
                recommendation: self.number,
            });
        }
        self.history.push(next);
        Ok(())
    }

    /// Sets the auditors' follow-up rating.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{FollowUpRating, Recommendation};
    /// let mut r = Recommendation::new(1, "R");
    /// r.rate(FollowUpRating::Delvis);
    /// assert_eq!(r.rating(), Some(FollowUpRating::Delvis));
    /// ```
    pub fn rate(&mut self, rating: FollowUpRating) {
        self.rating = Some(rating);
    }

    /// The number in the report.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert_eq!(Recommendation::new(4, "R").number(), 4);
    /// ```
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The text.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert_eq!(Recommendation::new(4, "Följa upp").text(), "Följa upp");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The linked questions.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(Recommendation::new(4, "R").questions().is_empty());
    /// ```
    pub fn questions(&self) -> &[u32] {
        &self.questions
    }

    /// Outside parties the recommendation depends on.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(Recommendation::new(4, "R").outside_parties().is_empty());
    /// ```
    pub fn outside_parties(&self) -> &[String] {
        &self.outside_parties
    }

    /// Whether it depends on parties outside the committee.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(!Recommendation::new(4, "R").depends_on_others());
    /// ```
    pub fn depends_on_others(&self) -> bool {
        !self.outside_parties.is_empty()
    }

    /// The committee's response, if written.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(Recommendation::new(4, "R").response().is_none());
    /// ```
    pub fn response(&self) -> Option<&Response> {
        self.response.as_ref()
    }

    /// The current status.
    ///
    /// # Example
    /// See [`Recommendation`].
    /// ```
    /// use namnd_control::audit::{Recommendation, RecommendationStatus};
    /// assert_eq!(Recommendation::new(4, "R").status(), &RecommendationStatus::Received);
    /// ```
    pub fn status(&self) -> &RecommendationStatus {
        self.history
            .last()
            .unwrap_or(&RecommendationStatus::Received)
    }

    /// Every status it has had, oldest first.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert_eq!(Recommendation::new(4, "R").history().len(), 1);
    /// ```
    pub fn history(&self) -> &[RecommendationStatus] {
        &self.history
    }

    /// The follow-up rating, if rated.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert!(Recommendation::new(4, "R").rating().is_none());
    /// ```
    pub fn rating(&self) -> Option<FollowUpRating> {
        self.rating
    }

    /// The response's actions that are overdue on `today`, with their
    /// index in the response. None once the recommendation is verified.
    ///
    /// # Example
    /// See [`Recommendation`].
    /// ```
    /// use namnd_control::audit::Recommendation;
    /// assert_eq!(Recommendation::new(4, "R").overdue_actions(chrono::NaiveDate::MAX).count(), 0);
    /// ```
    pub fn overdue_actions(&self, today: NaiveDate) -> impl Iterator<Item = (usize, &Action)> {
        let verified = matches!(self.status(), RecommendationStatus::Verified { .. });
        self.response
            .iter()
            .flat_map(|r| r.actions.iter().enumerate())
            .filter(move |(_, a)| !verified && a.is_overdue(today))
    }
}

// ------------------------------------------------------------------- report

/// The kind of audit.
///
/// # Example
/// ```
/// use namnd_control::audit::AuditKind;
/// assert_eq!(AuditKind::Fordjupad.swedish(), "fördjupad granskning");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum AuditKind {
    /// *Grundläggande granskning*: the yearly basic review.
    Grundlaggande,
    /// *Fördjupad granskning*: an in-depth audit.
    Fordjupad,
}

impl AuditKind {
    /// The Swedish name.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::AuditKind;
    /// assert_eq!(AuditKind::Grundlaggande.swedish(), "grundläggande granskning");
    /// ```
    pub fn swedish(self) -> &'static str {
        match self {
            AuditKind::Grundlaggande => "grundläggande granskning",
            AuditKind::Fordjupad => "fördjupad granskning",
        }
    }
}

/// The date of a dated status.
fn status_date(status: &RecommendationStatus) -> Option<NaiveDate> {
    match status {
        RecommendationStatus::ResponseAdopted { date, .. }
        | RecommendationStatus::ReportedDone { date }
        | RecommendationStatus::Verified { date }
        | RecommendationStatus::NotAccepted { date } => Some(*date),
        _ => None,
    }
}

/// Something late on a given date ([`AuditReport::overdue`]).
///
/// # Example
/// See [`AuditReport`].
/// ```
/// use namnd_control::audit::Overdue;
/// let o = Overdue::Response { due: chrono::NaiveDate::MIN, recommendations: vec![1, 2] };
/// assert!(matches!(o, Overdue::Response { ref recommendations, .. } if recommendations.len() == 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Overdue {
    /// No response (*yttrande*) adopted by the date the auditors asked for:
    /// reported once for the report, listing the recommendations still
    /// without one.
    Response {
        /// The date the response was due.
        due: NaiveDate,
        /// The recommendations without an adopted response, in report order.
        recommendations: Vec<u32>,
    },
    /// An action past its due date and not done.
    Action {
        /// The recommendation.
        recommendation: u32,
        /// The action's index in the response.
        action: usize,
        /// The action's due date.
        due: NaiveDate,
        /// Days past due.
        days: i64,
    },
}

/// An audit report (*revisionsrapport*, *granskningsrapport*) and its
/// follow-up.
///
/// Question numbers and recommendation numbers are unique; a recommendation
/// may only link to questions the report has (checked when it is added).
/// With the `serde` feature reading checks the same, and replays each
/// recommendation's stored status history through the workflow.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_control::audit::{AnswerScale, AuditKind, AuditQuestion, AuditReport, Overdue, Recommendation};
///
/// let scale = AnswerScale::standard();
/// let mut report = AuditReport::new("Granskning av informationsöverföring inom hemtjänsten", "Revisionsbyrån", "2023".parse()?, AuditKind::Fordjupad);
/// report.add_question(AuditQuestion::new(1, "Finns en rutin?").answered(scale.parse("Ja")?, None))?;
/// report.add_question(AuditQuestion::new(2, "Genomförs egenkontroller?").answered(scale.parse("Nej")?, None))?;
/// report.add_question(AuditQuestion::new(3, "Säkerställs att …?"))?;
/// report.add_recommendation(Recommendation::new(1, "Ta fram egenkontroller").with_questions([2]))?;
/// assert!(report.add_recommendation(Recommendation::new(2, "R").with_questions([7])).is_err());
///
/// let tally = report.tally();
/// assert_eq!((tally.ja, tally.nej, tally.unanswered), (1, 1, 1));
/// assert_eq!(report.unanswered(), [3]);
///
/// report.set_response_due(NaiveDate::from_ymd_opt(2023, 12, 15).ok_or("date")?);
/// let late = report.overdue(NaiveDate::from_ymd_opt(2024, 1, 10).ok_or("date")?);
/// assert!(matches!(&late[..], [Overdue::Response { recommendations, .. }] if recommendations == &[1]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ReportRepr", into = "ReportRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct AuditReport {
    title: String,
    auditor_firm: String,
    year: FiscalYear,
    kind: AuditKind,
    questions: Vec<AuditQuestion>,
    verdict: Option<AnswerOption>,
    recommendations: Vec<Recommendation>,
    response_due: Option<NaiveDate>,
}

/// The wire form of an [`AuditReport`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ReportRepr {
    title: String,
    auditor_firm: String,
    year: FiscalYear,
    kind: AuditKind,
    #[serde(default)]
    questions: Vec<AuditQuestion>,
    #[serde(default)]
    verdict: Option<AnswerOption>,
    #[serde(default)]
    recommendations: Vec<Recommendation>,
    #[serde(default)]
    response_due: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<ReportRepr> for AuditReport {
    type Error = ControlError;

    fn try_from(r: ReportRepr) -> Result<Self> {
        let mut report = AuditReport::new(r.title, r.auditor_firm, r.year, r.kind);
        for q in r.questions {
            report.add_question(q)?;
        }
        for rec in r.recommendations {
            report.add_recommendation(rec)?;
        }
        report.verdict = r.verdict;
        report.response_due = r.response_due;
        Ok(report)
    }
}

#[cfg(feature = "serde")]
impl From<AuditReport> for ReportRepr {
    fn from(r: AuditReport) -> Self {
        ReportRepr {
            title: r.title,
            auditor_firm: r.auditor_firm,
            year: r.year,
            kind: r.kind,
            questions: r.questions,
            verdict: r.verdict,
            recommendations: r.recommendations,
            response_due: r.response_due,
        }
    }
}

impl AuditReport {
    /// A report without questions or recommendations.
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// let r = AuditReport::new("Granskning", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// assert_eq!(r.auditor_firm(), "EY");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(
        title: impl Into<String>,
        auditor_firm: impl Into<String>,
        year: FiscalYear,
        kind: AuditKind,
    ) -> AuditReport {
        AuditReport {
            title: title.into(),
            auditor_firm: auditor_firm.into(),
            year,
            kind,
            questions: Vec::new(),
            verdict: None,
            recommendations: Vec::new(),
            response_due: None,
        }
    }

    /// Adds a question.
    ///
    /// # Errors
    /// [`ControlError::DuplicateQuestion`] if the number is taken.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditQuestion, AuditReport};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// r.add_question(AuditQuestion::new(1, "?"))?;
    /// assert!(r.add_question(AuditQuestion::new(1, "?")).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn add_question(&mut self, question: AuditQuestion) -> Result<()> {
        if self.questions.iter().any(|q| q.number == question.number) {
            return Err(ControlError::DuplicateQuestion {
                number: question.number,
            });
        }
        self.questions.push(question);
        Ok(())
    }

    /// Adds a recommendation.
    ///
    /// # Errors
    /// [`ControlError::DuplicateRecommendation`] if the number is taken and
    /// [`ControlError::UnknownQuestion`] if it links to a question the
    /// report does not have.
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport, Recommendation};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// assert!(r.add_recommendation(Recommendation::new(1, "R").with_questions([1])).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn add_recommendation(&mut self, recommendation: Recommendation) -> Result<()> {
        if self
            .recommendations
            .iter()
            .any(|r| r.number == recommendation.number)
        {
            return Err(ControlError::DuplicateRecommendation {
                number: recommendation.number,
            });
        }
        if let Some(&missing) = recommendation
            .questions
            .iter()
            .find(|&&n| !self.questions.iter().any(|q| q.number == n))
        {
            return Err(ControlError::UnknownQuestion {
                recommendation: recommendation.number,
                question: missing,
            });
        }
        self.recommendations.push(recommendation);
        Ok(())
    }

    /// Sets the overall verdict (*sammanfattande bedömning*), e.g. *I
    /// huvudsak* from [`AnswerScale::verdict`].
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AnswerScale, AuditKind, AuditReport};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// r.set_verdict(AnswerScale::verdict().parse("I huvudsak")?);
    /// assert_eq!(r.verdict().map(|v| v.qualified()), Some(true));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn set_verdict(&mut self, verdict: AnswerOption) {
        self.verdict = Some(verdict);
    }

    /// Sets the date by which the auditors asked for the committee's
    /// response (from the *missiv*).
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// r.set_response_due(chrono::NaiveDate::MIN);
    /// assert!(r.response_due().is_some());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn set_response_due(&mut self, due: NaiveDate) {
        self.response_due = Some(due);
    }

    /// The recommendation numbered `number`, to respond to and advance.
    ///
    /// # Errors
    /// [`ControlError::UnknownRecommendation`] if there is none.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport, Recommendation, Response, Stance};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// r.add_recommendation(Recommendation::new(1, "R"))?;
    /// r.recommendation_mut(1)?.respond(Response::new(Stance::Agree, ""))?;
    /// assert!(r.recommendation_mut(2).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn recommendation_mut(&mut self, number: u32) -> Result<&mut Recommendation> {
        self.recommendations
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(ControlError::UnknownRecommendation { number })
    }

    /// The title.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert_eq!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).title(), "G");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The auditor firm.
    ///
    /// # Example
    /// See [`AuditReport::new`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert_eq!(AuditReport::new("G", "KPMG", "2022".parse()?, AuditKind::Fordjupad).auditor_firm(), "KPMG");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn auditor_firm(&self) -> &str {
        &self.auditor_firm
    }

    /// The year audited.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert_eq!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).year().year(), 2022);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The kind of audit.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert_eq!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Grundlaggande).kind(), AuditKind::Grundlaggande);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn kind(&self) -> AuditKind {
        self.kind
    }

    /// The questions, in the order added.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).questions().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn questions(&self) -> &[AuditQuestion] {
        &self.questions
    }

    /// The recommendations, in the order added.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).recommendations().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    /// The overall verdict, if set.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).verdict().is_none());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn verdict(&self) -> Option<&AnswerOption> {
        self.verdict.as_ref()
    }

    /// The date the response was asked for, if set.
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).response_due().is_none());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn response_due(&self) -> Option<NaiveDate> {
        self.response_due
    }

    /// The answers counted.
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert_eq!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).tally().answered(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn tally(&self) -> AnswerTally {
        let mut t = AnswerTally::default();
        for q in &self.questions {
            let slot = match q.answer.as_ref().map(|a| a.base) {
                Some(BaseAnswer::Ja) => {
                    if q.answer.as_ref().is_some_and(|a| a.qualified) {
                        t.ja_qualified = t.ja_qualified.saturating_add(1);
                    }
                    &mut t.ja
                }
                Some(BaseAnswer::Delvis) => &mut t.delvis,
                Some(BaseAnswer::Nej) => &mut t.nej,
                None => &mut t.unanswered,
            };
            *slot = slot.saturating_add(1);
        }
        t
    }

    /// The numbers of the questions without an explicit answer.
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).unanswered().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn unanswered(&self) -> Vec<u32> {
        self.questions
            .iter()
            .filter(|q| q.answer.is_none())
            .map(|q| q.number)
            .collect()
    }

    /// Questions with an unfavourable judgement (partial or adverse) that
    /// no recommendation links to: findings the auditors let pass without a
    /// recommendation (Eskilstuna's "Nej" on self-inspection).
    ///
    /// # Example
    /// ```
    /// use namnd_control::audit::{AnswerScale, AuditKind, AuditQuestion, AuditReport};
    /// let mut r = AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad);
    /// r.add_question(AuditQuestion::new(3, "Egenkontroller?").answered(AnswerScale::standard().parse("Nej")?, None))?;
    /// assert_eq!(r.unfavourable_without_recommendation(), [3]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn unfavourable_without_recommendation(&self) -> Vec<u32> {
        self.questions
            .iter()
            .filter(|q| q.judgement().is_some_and(|j| j >= Judgement::Partial))
            .filter(|q| {
                !self
                    .recommendations
                    .iter()
                    .any(|r| r.questions.contains(&q.number))
            })
            .map(|q| q.number)
            .collect()
    }

    /// What is late on `today`: the report's response (*yttrande*) when
    /// recommendations still lack an adopted one after the requested date
    /// (one [`Overdue::Response`] for the report, listing them), then open
    /// actions past their due date.
    ///
    /// # Example
    /// See [`AuditReport`].
    /// ```
    /// use namnd_control::audit::{AuditKind, AuditReport};
    /// assert!(AuditReport::new("G", "EY", "2022".parse()?, AuditKind::Fordjupad).overdue(chrono::NaiveDate::MAX).is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn overdue(&self, today: NaiveDate) -> Vec<Overdue> {
        let mut out = Vec::new();
        if let Some(due) = self.response_due
            && today > due
        {
            let recommendations: Vec<u32> = self
                .recommendations
                .iter()
                .filter(|r| matches!(r.status(), RecommendationStatus::Received))
                .map(|r| r.number)
                .collect();
            if !recommendations.is_empty() {
                out.push(Overdue::Response {
                    due,
                    recommendations,
                });
            }
        }
        for rec in &self.recommendations {
            for (index, action) in rec.overdue_actions(today) {
                out.push(Overdue::Action {
                    recommendation: rec.number,
                    action: index,
                    due: action.due,
                    days: today.signed_duration_since(action.due).num_days(),
                });
            }
        }
        out
    }
}

/// Prints `title (auditor firm, year, kind)`.
impl fmt::Display for AuditReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}, {})",
            self.title,
            self.auditor_firm,
            self.year,
            self.kind.swedish()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn yes_is_adverse_when_polarity_says_so() {
        let ja = AnswerScale::standard().parse("Ja").unwrap();
        let q = AuditQuestion::new(9, "Pekar avvikelser på brister?")
            .with_polarity(Polarity::YesIsAdverse)
            .answered(ja.clone(), None);
        assert_eq!(q.judgement(), Some(Judgement::Adverse));
        let q = AuditQuestion::new(2, "Finns en rutin?").answered(ja, None);
        assert_eq!(q.judgement(), Some(Judgement::Favourable));
    }

    #[test]
    fn status_workflow_rejects_skipped_steps() {
        let mut rec = Recommendation::new(1, "R");
        assert_eq!(
            rec.advance(RecommendationStatus::Verified {
                date: day(2024, 1, 1)
            }),
            Err(ControlError::InvalidStatusTransition {
                recommendation: 1,
                from: "received",
                to: "verified"
            })
        );
        let adopted = RecommendationStatus::ResponseAdopted {
            body: "Socialnämnden".to_owned(),
            date: day(2023, 5, 24),
            paragraph: 52,
        };
        assert_eq!(
            rec.advance(adopted.clone()),
            Err(ControlError::ResponseMissing { recommendation: 1 })
        );
        rec.respond(Response::new(Stance::Agree, "Instämmer"))
            .unwrap();
        rec.advance(adopted).unwrap();
        rec.advance(RecommendationStatus::InProgress).unwrap();
        rec.advance(RecommendationStatus::ReportedDone {
            date: day(2023, 12, 1),
        })
        .unwrap();
        rec.advance(RecommendationStatus::NotAccepted {
            date: day(2024, 2, 1),
        })
        .unwrap();
        rec.advance(RecommendationStatus::InProgress).unwrap();
        rec.advance(RecommendationStatus::ReportedDone {
            date: day(2024, 6, 1),
        })
        .unwrap();
        rec.advance(RecommendationStatus::Verified {
            date: day(2024, 9, 1),
        })
        .unwrap();
        assert_eq!(rec.history().len(), 8);
        assert!(rec.advance(RecommendationStatus::InProgress).is_err());
    }

    fn adopted(date: NaiveDate) -> RecommendationStatus {
        RecommendationStatus::ResponseAdopted {
            body: "SN".to_owned(),
            date,
            paragraph: 7,
        }
    }

    #[test]
    fn adopted_response_cannot_be_replaced() {
        let mut rec = Recommendation::new(4, "R");
        rec.respond(Response::new(Stance::Agree, "Utkast")).unwrap();
        rec.respond(Response::new(Stance::Partly, "Andra utkastet"))
            .unwrap();
        rec.advance(adopted(day(2024, 3, 1))).unwrap();
        assert_eq!(
            rec.respond(Response::new(Stance::Disagree, "Nytt")),
            Err(ControlError::ResponseAlreadyAdopted { recommendation: 4 })
        );
        assert_eq!(rec.response().map(|r| r.stance), Some(Stance::Partly));
    }

    #[test]
    fn status_dated_before_the_previous_status_is_rejected() {
        let mut rec = Recommendation::new(2, "R");
        rec.respond(Response::new(Stance::Agree, "")).unwrap();
        rec.advance(adopted(day(2024, 3, 1))).unwrap();
        rec.advance(RecommendationStatus::InProgress).unwrap();
        assert_eq!(
            rec.advance(RecommendationStatus::ReportedDone {
                date: day(2024, 2, 29)
            }),
            Err(ControlError::StatusDateOutOfOrder {
                recommendation: 2,
                status: "reported done",
                date: day(2024, 2, 29),
                previous: day(2024, 3, 1),
            })
        );
        // The same day is in order.
        rec.advance(RecommendationStatus::ReportedDone {
            date: day(2024, 3, 1),
        })
        .unwrap();
        assert_eq!(rec.history().len(), 4);
    }

    #[test]
    fn late_yttrande_is_reported_once_for_the_report() {
        let mut report = AuditReport::new("G", "EY", "2022".parse().unwrap(), AuditKind::Fordjupad);
        for n in 1..=3 {
            report
                .add_recommendation(Recommendation::new(n, "R"))
                .unwrap();
        }
        report.set_response_due(day(2023, 12, 1));
        assert!(report.overdue(day(2023, 12, 1)).is_empty());
        let rec = report.recommendation_mut(2).unwrap();
        rec.respond(Response::new(Stance::Agree, "")).unwrap();
        rec.advance(adopted(day(2023, 11, 20))).unwrap();
        assert_eq!(
            report.overdue(day(2023, 12, 2)),
            [Overdue::Response {
                due: day(2023, 12, 1),
                recommendations: vec![1, 3]
            }]
        );
    }

    #[test]
    fn action_due_today_is_not_overdue_but_tomorrow_it_is() {
        let mut report = AuditReport::new("G", "EY", "2022".parse().unwrap(), AuditKind::Fordjupad);
        let mut rec = Recommendation::new(1, "R");
        rec.respond(
            Response::new(Stance::Agree, "")
                .with_action(Action::new("A", "EC", day(2024, 3, 31)))
                .with_action(
                    Action::new("B", "EC", day(2024, 1, 31)).completed_on(day(2024, 1, 15)),
                ),
        )
        .unwrap();
        report.add_recommendation(rec).unwrap();
        assert!(report.overdue(day(2024, 3, 31)).is_empty());
        assert_eq!(
            report.overdue(day(2024, 4, 2)),
            [Overdue::Action {
                recommendation: 1,
                action: 0,
                due: day(2024, 3, 31),
                days: 2
            }]
        );
    }

    #[test]
    fn answer_scale_must_have_distinct_labels() {
        assert!(AnswerScale::new(Vec::new()).is_err());
        assert!(AnswerScale::new(vec![AnswerOption::new(" ", BaseAnswer::Ja, false)]).is_err());
        let err = AnswerScale::new(vec![
            AnswerOption::new("Ja", BaseAnswer::Ja, false),
            AnswerOption::new("JA", BaseAnswer::Ja, false),
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "answer scale label \"JA\" is invalid: the label occurs twice"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_report_checks_links_and_history() {
        let mut report = AuditReport::new("G", "EY", "2022".parse().unwrap(), AuditKind::Fordjupad);
        report
            .add_question(
                AuditQuestion::new(1, "?")
                    .answered(AnswerScale::standard().parse("Delvis").unwrap(), Some(9125)),
            )
            .unwrap();
        report
            .add_recommendation(Recommendation::new(1, "R").with_questions([1]))
            .unwrap();
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            serde_json::from_value::<AuditReport>(json.clone()).unwrap(),
            report
        );
        let mut bad = json.clone();
        bad["recommendations"][0]["questions"] = serde_json::json!([2]);
        assert!(serde_json::from_value::<AuditReport>(bad).is_err());
        let mut bad = json.clone();
        bad["recommendations"][0]["history"] =
            serde_json::json!(["received", {"verified": {"date": "2024-01-01"}}]);
        assert!(serde_json::from_value::<AuditReport>(bad).is_err());
        let mut bad = json;
        bad["questions"] =
            serde_json::json!([{"number": 1, "text": "?"}, {"number": 1, "text": "?"}]);
        assert!(serde_json::from_value::<AuditReport>(bad).is_err());
        assert!(serde_json::from_str::<AnswerScale>("[]").is_err());
    }

    proptest! {
        #[test]
        fn polarity_flips_ja_and_nej_but_not_delvis(qualified in any::<bool>()) {
            for base in [BaseAnswer::Ja, BaseAnswer::Delvis, BaseAnswer::Nej] {
                let good = Polarity::YesIsFavourable.judge(base, qualified);
                let flipped = match base {
                    BaseAnswer::Ja => BaseAnswer::Nej,
                    BaseAnswer::Nej => BaseAnswer::Ja,
                    BaseAnswer::Delvis => BaseAnswer::Delvis,
                };
                prop_assert_eq!(Polarity::YesIsAdverse.judge(flipped, qualified), good);
            }
        }

        #[test]
        fn matching_never_panics(text in "\\PC{0,30}") {
            let _ = AnswerScale::verdict().match_text(&text);
        }
    }
}
