//! When a control happens: its frequency (*frekvens*) and the months it is
//! done in.
//!
//! | Type | What it is |
//! |---|---|
//! | [`Frequency`] | how often: `n` times a year, more often than monthly, once every `n` years, or continuously (*löpande*) |
//! | [`MonthSet`] | the months named in the plan (`Mars Juni September December`) |
//! | [`Schedule`] | a frequency and its months, checked against each other |
//!
//! ## Accepted frequency texts
//! Text is matched ignoring case, surrounding punctuation and spacing
//! (`2ggr/år`, `2 ggr/ år.`, `2 ggr/år` are the same). `n` is digits or a
//! Swedish number word (`en`, `ett`, `två` … `tolv`).
//!
//! | Text | Frequency |
//! |---|---|
//! | `n ggr/år`, `n gång/år`, `n gånger per år`, `n gång om året`, `n ggr i år` | [`Frequency::TimesPerYear`]`(n)` for `n` in 1–12, [`Frequency::MoreThanMonthly`]`(n)` for 13–366 |
//! | `årligen`, `årsvis`, `varje år` | 1 a year |
//! | `halvårsvis`, `varje halvår`, `n ggr/halvår` | 2 (× n) a year |
//! | `tertialvis`, `varje tertial` | 3 a year |
//! | `kvartalsvis`, `varje kvartal`, `n ggr/kvartal` | 4 (× n) a year |
//! | `var tredje månad`, `varannan månad`, `var fjärde/sjätte/tolfte månad` | 4, 6, 3, 2, 1 a year |
//! | `månadsvis`, `varje månad`, `1 gång/månad` | 12 a year |
//! | `n ggr/månad` (n ≥ 2), `n ggr/vecka`, `veckovis`, `varje vecka`, `varannan vecka`, `dagligen` | [`Frequency::MoreThanMonthly`] (12·n, 52·n, 52, 26, 365 a year) |
//! | `vartannat år`, `1 gång/vartannat år`, `vart tredje år`, `vart 3:e år` | [`Frequency::EveryNYears`] |
//! | `löpande`, `kontinuerligt`, `fortlöpande` | [`Frequency::Continuous`] |
//!
//! Anything else (e.g. Gnesta's `2ggr/år och område`, "twice a year and per
//! area") is [`ControlError::UnrecognisedFrequency`]: a plan row is better
//! rejected with its text echoed than guessed at.
//!
//! ## How months are checked ([`Schedule::new`])
//! - `n` times a year: either no months (not stated; the control is then
//!   unscheduled in the calendar) or exactly `n` distinct months.
//! - Monthly and more often: no months (meaning every month) or all twelve.
//! - Once every `n` years: no months or one month.
//! - Continuous: no months.
//!
//! The parser is hand-written: the phrases are a small closed set of Swedish
//! expressions, which no parsing crate knows, and a table of patterns reads
//! more clearly than a grammar would.

use core::fmt;

use crate::{ControlError, Result};

/// Swedish month names, January first.
const MONTH_NAMES: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Longest echoed input text in an error message.
pub(crate) const ECHO_MAX_CHARS: usize = 80;

/// Input text made fit for an error message (identity numbers masked,
/// controls escaped, cut to [`ECHO_MAX_CHARS`]).
pub(crate) fn echo(text: &str) -> String {
    namnd_core::quote_for_message(text, ECHO_MAX_CHARS)
}

// ----------------------------------------------------------------- MonthSet

/// A set of calendar months (1 = January … 12 = December).
///
/// With the `serde` feature a set is written as a list of month numbers
/// (`[3, 6, 9, 12]`); reading rejects numbers outside 1–12.
///
/// # Example
/// ```
/// use namnd_control::schedule::MonthSet;
///
/// let months = MonthSet::parse_swedish("Mars Juni September December")?;
/// assert_eq!(months.len(), 4);
/// assert_eq!(months.iter().collect::<Vec<_>>(), [3, 6, 9, 12]);
/// assert!(months.contains(6));
/// assert_eq!(months.to_string(), "mars, juni, september, december");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Vec<u32>", into = "Vec<u32>"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct MonthSet {
    /// Bit `m - 1` set for month `m`.
    bits: u16,
}

impl MonthSet {
    /// No months.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert!(MonthSet::EMPTY.is_empty());
    /// ```
    pub const EMPTY: MonthSet = MonthSet { bits: 0 };

    /// All twelve months.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert_eq!(MonthSet::ALL.len(), 12);
    /// ```
    pub const ALL: MonthSet = MonthSet { bits: 0x0FFF };

    /// The set of `months` (each 1–12; repeats are kept once).
    ///
    /// # Errors
    /// [`namnd_core::CoreError::InvalidMonth`] (as [`ControlError::Core`]) for
    /// a number outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert_eq!(MonthSet::from_months([6, 12])?.len(), 2);
    /// assert!(MonthSet::from_months([13]).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn from_months(months: impl IntoIterator<Item = u32>) -> Result<MonthSet> {
        let mut set = MonthSet::EMPTY;
        for month in months {
            set = set.with(month)?;
        }
        Ok(set)
    }

    /// This set with `month` added.
    ///
    /// # Errors
    /// [`namnd_core::CoreError::InvalidMonth`] for a number outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert!(MonthSet::EMPTY.with(4)?.contains(4));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn with(self, month: u32) -> Result<MonthSet> {
        if (1..=12).contains(&month) {
            Ok(MonthSet {
                bits: self.bits | (1 << (month - 1)),
            })
        } else {
            Err(namnd_core::CoreError::InvalidMonth { month }.into())
        }
    }

    /// Reads Swedish month names separated by spaces, commas, `och`, `/` or
    /// `-`: full names (`Mars`) or three-letter abbreviations (`mar`, `sep`,
    /// `sept`, `okt`), any case, optionally ending in `.`.
    ///
    /// A months cell that says there is no fixed month instead of naming
    /// one — `Helår`, `Hela året`, `Löpande`, `Kontinuerligt`, alone — is
    /// read as no months (the empty set), as plans write it.
    ///
    /// # Errors
    /// [`ControlError::UnknownMonthName`] for a word that is not a month, and
    /// [`ControlError::RepeatedMonth`] for a month named twice.
    ///
    /// # Example
    /// ```
    /// use namnd_control::{ControlError, schedule::MonthSet};
    /// assert_eq!(MonthSet::parse_swedish("april, aug.")?.iter().collect::<Vec<_>>(), [4, 8]);
    /// assert!(MonthSet::parse_swedish("Helår")?.is_empty());
    /// assert!(matches!(MonthSet::parse_swedish("Mars Helår"), Err(ControlError::UnknownMonthName { .. })));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn parse_swedish(text: &str) -> Result<MonthSet> {
        let words: Vec<String> = split_words(text).collect();
        let no_fixed_month = matches!(
            words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["helår" | "helåret" | "löpande" | "kontinuerligt"] | ["hela", "året"]
        );
        if no_fixed_month {
            return Ok(MonthSet::EMPTY);
        }
        let mut set = MonthSet::EMPTY;
        for word in words {
            if word == "och" {
                continue;
            }
            let month = month_from_word(&word)
                .ok_or_else(|| ControlError::UnknownMonthName { text: echo(&word) })?;
            if set.contains(month) {
                return Err(ControlError::RepeatedMonth { month });
            }
            set = set.with(month)?;
        }
        Ok(set)
    }

    /// Whether `month` (1–12) is in the set.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert!(!MonthSet::EMPTY.contains(1));
    /// assert!(!MonthSet::ALL.contains(13));
    /// ```
    pub fn contains(self, month: u32) -> bool {
        (1..=12).contains(&month) && self.bits & (1 << (month - 1)) != 0
    }

    /// How many months the set holds.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert_eq!(MonthSet::from_months([1, 1, 2])?.len(), 2);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn len(self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the set is empty.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert!(MonthSet::default().is_empty());
    /// ```
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The months, ascending.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert_eq!(MonthSet::from_months([12, 3])?.iter().collect::<Vec<_>>(), [3, 12]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn iter(self) -> impl Iterator<Item = u32> {
        (1..=12).filter(move |&m| self.contains(m))
    }

    /// The Swedish name of `month` (1–12), lowercase; `None` outside 1–12.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::MonthSet;
    /// assert_eq!(MonthSet::swedish_name(10), Some("oktober"));
    /// assert_eq!(MonthSet::swedish_name(0), None);
    /// ```
    pub fn swedish_name(month: u32) -> Option<&'static str> {
        let index = usize::try_from(month.checked_sub(1)?).ok()?;
        MONTH_NAMES.get(index).copied()
    }
}

impl TryFrom<Vec<u32>> for MonthSet {
    type Error = ControlError;

    fn try_from(months: Vec<u32>) -> Result<Self> {
        MonthSet::from_months(months)
    }
}

impl From<MonthSet> for Vec<u32> {
    fn from(set: MonthSet) -> Vec<u32> {
        set.iter().collect()
    }
}

/// Prints the Swedish names, comma separated: `mars, juni`.
impl fmt::Display for MonthSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for month in self.iter() {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            f.write_str(MonthSet::swedish_name(month).unwrap_or("?"))?;
        }
        Ok(())
    }
}

/// Lowercase words of `text`, split at whitespace, commas, `/`, `-`, `;`,
/// with trailing `.` and `:` dropped.
fn split_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | ';' | '-' | '–'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '(' | ')')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The month a (lowercase) word names, full or abbreviated.
fn month_from_word(word: &str) -> Option<u32> {
    let extra = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("okt", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    (1..=12_u32)
        .zip(MONTH_NAMES)
        .find(|(_, name)| *name == word)
        .map(|(m, _)| m)
        .or_else(|| extra.iter().find(|(w, _)| *w == word).map(|&(_, m)| m))
}

// ---------------------------------------------------------------- Frequency

/// How often a control is done (*frekvens*).
///
/// Display prints the Swedish plan form (`4 ggr/år`, `löpande`).
///
/// # Example
/// ```
/// use namnd_control::schedule::Frequency;
///
/// assert_eq!(Frequency::parse("Två gånger per år")?, Frequency::TimesPerYear(2));
/// assert_eq!(Frequency::parse("var tredje månad")?, Frequency::TimesPerYear(4));
/// assert_eq!(Frequency::parse("Månadsvis")?, Frequency::TimesPerYear(12));
/// assert_eq!(Frequency::parse("Löpande")?, Frequency::Continuous);
/// assert_eq!(Frequency::parse("Varannan vecka")?, Frequency::MoreThanMonthly(26));
/// assert_eq!(Frequency::TimesPerYear(4).to_string(), "4 ggr/år");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "FrequencyRepr", into = "FrequencyRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Frequency {
    /// `n` occasions a year, each in its own month (1 ≤ n ≤ 12); monthly is
    /// `TimesPerYear(12)`.
    TimesPerYear(u8),
    /// More than twelve occasions a year (weekly = 52, every other week =
    /// 26): done every month.
    MoreThanMonthly(u16),
    /// Once every `n` years (n ≥ 2): *vartannat år* is `EveryNYears(2)`.
    EveryNYears(u8),
    /// Continuously (*löpande*), with no fixed occasions.
    Continuous,
}

/// The wire form of a [`Frequency`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
enum FrequencyRepr {
    TimesPerYear(u8),
    MoreThanMonthly(u16),
    EveryNYears(u8),
    Continuous,
}

#[cfg(feature = "serde")]
impl TryFrom<FrequencyRepr> for Frequency {
    type Error = ControlError;

    fn try_from(r: FrequencyRepr) -> Result<Self> {
        match r {
            FrequencyRepr::TimesPerYear(n) => Frequency::times_per_year(u32::from(n)),
            FrequencyRepr::MoreThanMonthly(n) => Frequency::more_than_monthly(u32::from(n)),
            FrequencyRepr::EveryNYears(n) => Frequency::every_n_years(u32::from(n)),
            FrequencyRepr::Continuous => Ok(Frequency::Continuous),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Frequency> for FrequencyRepr {
    fn from(f: Frequency) -> Self {
        match f {
            Frequency::TimesPerYear(n) => FrequencyRepr::TimesPerYear(n),
            Frequency::MoreThanMonthly(n) => FrequencyRepr::MoreThanMonthly(n),
            Frequency::EveryNYears(n) => FrequencyRepr::EveryNYears(n),
            Frequency::Continuous => FrequencyRepr::Continuous,
        }
    }
}

impl Frequency {
    /// `n` occasions a year.
    ///
    /// # Errors
    /// [`ControlError::FrequencyOutOfRange`] unless `1 ≤ n ≤ 12`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Frequency;
    /// assert_eq!(Frequency::times_per_year(2)?, Frequency::TimesPerYear(2));
    /// assert!(Frequency::times_per_year(0).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn times_per_year(n: u32) -> Result<Frequency> {
        match u8::try_from(n) {
            Ok(n @ 1..=12) => Ok(Frequency::TimesPerYear(n)),
            _ => Err(ControlError::FrequencyOutOfRange {
                value: n,
                expected: "1 to 12 times a year",
            }),
        }
    }

    /// More than twelve occasions a year.
    ///
    /// # Errors
    /// [`ControlError::FrequencyOutOfRange`] unless `13 ≤ n ≤ 366`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Frequency;
    /// assert_eq!(Frequency::more_than_monthly(52)?, Frequency::MoreThanMonthly(52));
    /// assert!(Frequency::more_than_monthly(12).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn more_than_monthly(n: u32) -> Result<Frequency> {
        match u16::try_from(n) {
            Ok(n @ 13..=366) => Ok(Frequency::MoreThanMonthly(n)),
            _ => Err(ControlError::FrequencyOutOfRange {
                value: n,
                expected: "13 to 366 times a year",
            }),
        }
    }

    /// Once every `n` years.
    ///
    /// # Errors
    /// [`ControlError::FrequencyOutOfRange`] unless `2 ≤ n ≤ 10`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Frequency;
    /// assert_eq!(Frequency::every_n_years(2)?, Frequency::EveryNYears(2));
    /// assert!(Frequency::every_n_years(1).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn every_n_years(n: u32) -> Result<Frequency> {
        match u8::try_from(n) {
            Ok(n @ 2..=10) => Ok(Frequency::EveryNYears(n)),
            _ => Err(ControlError::FrequencyOutOfRange {
                value: n,
                expected: "every 2 to 10 years",
            }),
        }
    }

    /// Reads a free-text frequency (see the [module docs](self) for what is
    /// accepted). Month names are not accepted here; see [`Schedule::parse`].
    ///
    /// # Errors
    /// [`ControlError::UnrecognisedFrequency`] for any other text, and
    /// [`ControlError::FrequencyOutOfRange`] for `0 ggr/år` or `400 ggr/år`.
    ///
    /// # Example
    /// ```
    /// use namnd_control::{ControlError, schedule::Frequency};
    /// assert_eq!(Frequency::parse("2ggr/år.")?, Frequency::TimesPerYear(2));
    /// assert_eq!(Frequency::parse("En gång om året")?, Frequency::TimesPerYear(1));
    /// assert_eq!(Frequency::parse("Kvartalsvis")?, Frequency::TimesPerYear(4));
    /// assert_eq!(Frequency::parse("1 gång/ vartannat år")?, Frequency::EveryNYears(2));
    /// assert!(matches!(Frequency::parse("ibland"), Err(ControlError::UnrecognisedFrequency { .. })));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Frequency> {
        let tokens = tokens(text);
        let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
        parse_tokens(&words)?
            .ok_or_else(|| ControlError::UnrecognisedFrequency { text: echo(text) })
    }

    /// How many occasions a year the calendar places: `n` for
    /// [`Frequency::TimesPerYear`], 12 (one per month) for more often, and 0
    /// for once every few years and continuous controls, which have no
    /// yearly occasions.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Frequency;
    /// assert_eq!(Frequency::TimesPerYear(4).occasions_per_year(), 4);
    /// assert_eq!(Frequency::MoreThanMonthly(26).occasions_per_year(), 12);
    /// assert_eq!(Frequency::Continuous.occasions_per_year(), 0);
    /// ```
    pub fn occasions_per_year(self) -> usize {
        match self {
            Frequency::TimesPerYear(n) => usize::from(n),
            Frequency::MoreThanMonthly(_) => 12,
            Frequency::EveryNYears(_) | Frequency::Continuous => 0,
        }
    }

    /// The months implied when a plan names none: every month for monthly
    /// and more often, none otherwise.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::{Frequency, MonthSet};
    /// assert_eq!(Frequency::TimesPerYear(12).implied_months(), MonthSet::ALL);
    /// assert_eq!(Frequency::TimesPerYear(2).implied_months(), MonthSet::EMPTY);
    /// ```
    pub fn implied_months(self) -> MonthSet {
        match self {
            Frequency::TimesPerYear(12) | Frequency::MoreThanMonthly(_) => MonthSet::ALL,
            _ => MonthSet::EMPTY,
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Frequency::TimesPerYear(12) => f.write_str("månadsvis"),
            Frequency::TimesPerYear(n) => write!(f, "{n} ggr/år"),
            Frequency::MoreThanMonthly(n) => write!(f, "{n} ggr/år"),
            Frequency::EveryNYears(2) => f.write_str("vartannat år"),
            Frequency::EveryNYears(n) => write!(f, "vart {n}:e år"),
            Frequency::Continuous => f.write_str("löpande"),
        }
    }
}

/// Lowercase tokens: words, numbers and `/`, with digits split from letters
/// (`2ggr` → `2`, `ggr`) and `.`, `,`, `:` dropped.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(core::mem::take(current));
        }
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        if c == '/' {
            flush(&mut current, &mut out);
            out.push("/".to_owned());
        } else if c.is_alphanumeric() {
            let is_digit = c.is_ascii_digit();
            if !current.is_empty() && is_digit != current_is_digit {
                flush(&mut current, &mut out);
            }
            current_is_digit = is_digit;
            current.push(c);
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A count written in digits or as a Swedish number word.
fn count(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    ];
    if word == "ett" {
        return Some(1);
    }
    if let Some(n) = (1..=12_u32)
        .zip(WORDS)
        .find(|(_, w)| *w == word)
        .map(|(n, _)| n)
    {
        return Some(n);
    }
    if word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    None
}

/// The `k` of an ordinal in `var k:e månad`, `vart k:e år`.
fn ordinal(word: &str) -> Option<u32> {
    const WORDS: [(&str, u32); 7] = [
        ("annan", 2),
        ("tredje", 3),
        ("fjärde", 4),
        ("femte", 5),
        ("sjätte", 6),
        ("tionde", 10),
        ("tolfte", 12),
    ];
    WORDS.iter().find(|(w, _)| *w == word).map(|&(_, k)| k)
}

/// The period unit of a "per …" phrase, in occasions a year per occasion.
enum Per {
    Year,
    HalfYear,
    Tertial,
    Quarter,
    Month,
    Week,
    OtherYear,
}

fn per_unit(words: &[&str]) -> Option<Per> {
    match words {
        ["år" | "året"] => Some(Per::Year),
        ["halvår" | "halvåret"] => Some(Per::HalfYear),
        ["tertial"] => Some(Per::Tertial),
        ["kvartal" | "kvartalet"] => Some(Per::Quarter),
        ["månad" | "mån" | "månaden"] => Some(Per::Month),
        ["vecka" | "veckan"] => Some(Per::Week),
        ["vartannat", "år"] => Some(Per::OtherYear),
        _ => None,
    }
}

/// `None` when the words are not a frequency.
fn parse_tokens(words: &[&str]) -> Result<Option<Frequency>> {
    let single = match words {
        ["årligen" | "årsvis"] | ["varje", "år"] | ["en", "gång", "årligen"] => Some(1),
        ["halvårsvis"] | ["varje", "halvår"] => Some(2),
        ["tertialvis"] | ["varje", "tertial"] => Some(3),
        ["kvartalsvis"] | ["varje", "kvartal"] => Some(4),
        ["månadsvis"] | ["varje", "månad"] | ["månatligen"] => Some(12),
        [] => None,
        _ => None,
    };
    if let Some(n) = single {
        return Frequency::times_per_year(n).map(Some);
    }
    match words {
        ["löpande"] | ["kontinuerligt"] | ["fortlöpande"] => {
            return Ok(Some(Frequency::Continuous));
        }
        ["veckovis"] | ["varje", "vecka"] => return Frequency::more_than_monthly(52).map(Some),
        ["varannan", "vecka"] => return Frequency::more_than_monthly(26).map(Some),
        ["dagligen"] | ["varje", "dag"] => return Frequency::more_than_monthly(365).map(Some),
        ["vartannat", "år"] => return Frequency::every_n_years(2).map(Some),
        ["varannan", "månad"] => return Frequency::times_per_year(6).map(Some),
        ["var", k, "månad"] => {
            if let Some(k) = ordinal(k).filter(|k| 12 % k == 0) {
                return Frequency::times_per_year(12 / k).map(Some);
            }
            return Ok(None);
        }
        ["vart", k, "e", "år"] => {
            if let Some(k) = count(k) {
                return Frequency::every_n_years(k).map(Some);
            }
            return Ok(None);
        }
        ["vart", k, "år"] => {
            if let Some(k) = ordinal(k) {
                return Frequency::every_n_years(k).map(Some);
            }
            return Ok(None);
        }
        _ => {}
    }
    // n <unit> <per> <period>
    let [n, unit, per, rest @ ..] = words else {
        return Ok(None);
    };
    let Some(n) = count(n) else {
        return Ok(None);
    };
    if !matches!(
        *unit,
        "ggr" | "gång" | "gånger" | "g" | "ggn" | "tillfällen"
    ) {
        return Ok(None);
    }
    if !matches!(*per, "/" | "per" | "om" | "i") {
        return Ok(None);
    }
    let Some(period) = per_unit(rest) else {
        return Ok(None);
    };
    let per_year = |factor: u32| n.saturating_mul(factor);
    let frequency = match period {
        Per::Year if n > 12 => Frequency::more_than_monthly(n),
        Per::Year => Frequency::times_per_year(n),
        Per::HalfYear => Frequency::times_per_year(per_year(2)),
        Per::Tertial => Frequency::times_per_year(per_year(3)),
        Per::Quarter => Frequency::times_per_year(per_year(4)),
        Per::Month if n == 1 => Frequency::times_per_year(12),
        Per::Month => Frequency::more_than_monthly(per_year(12)),
        Per::Week => Frequency::more_than_monthly(per_year(52)),
        Per::OtherYear if n == 1 => Frequency::every_n_years(2),
        Per::OtherYear => {
            Frequency::times_per_year(n / 2).map_err(|_| ControlError::FrequencyOutOfRange {
                value: n,
                expected: "an even number of times every other year",
            })
        }
    };
    frequency.map(Some)
}

// ----------------------------------------------------------------- Schedule

/// A control's frequency and the months it happens in, checked against each
/// other (see the [module docs](self) for the rules).
///
/// With the `serde` feature a schedule is written as
/// `{"frequency": {"times_per_year": 4}, "months": [3, 6, 9, 12]}` and reading
/// checks it as [`Schedule::new`] does.
///
/// # Example
/// ```
/// use namnd_control::{ControlError, schedule::{Frequency, Schedule}};
///
/// let s = Schedule::parse("4 ggr/år Mars Juni September December")?;
/// assert_eq!(s.frequency(), Frequency::TimesPerYear(4));
/// assert_eq!(s.months().len(), 4);
/// // Four times a year must name four months.
/// assert!(matches!(
///     Schedule::parse("4 ggr/år Mars Juni"),
///     Err(ControlError::MonthsDoNotMatchFrequency { expected: 4, found: 2, .. }),
/// ));
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ScheduleRepr", into = "ScheduleRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Schedule {
    frequency: Frequency,
    months: MonthSet,
}

/// The wire form of a [`Schedule`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ScheduleRepr {
    frequency: Frequency,
    months: MonthSet,
}

#[cfg(feature = "serde")]
impl TryFrom<ScheduleRepr> for Schedule {
    type Error = ControlError;

    fn try_from(r: ScheduleRepr) -> Result<Self> {
        Schedule::new(r.frequency, r.months)
    }
}

#[cfg(feature = "serde")]
impl From<Schedule> for ScheduleRepr {
    fn from(s: Schedule) -> Self {
        ScheduleRepr {
            frequency: s.frequency,
            months: s.months,
        }
    }
}

impl Schedule {
    /// A schedule from a frequency and the months named in the plan (empty
    /// when the plan names none).
    ///
    /// # Errors
    /// [`ControlError::MonthsDoNotMatchFrequency`] if the months do not fit
    /// the frequency.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::{Frequency, MonthSet, Schedule};
    /// let s = Schedule::new(Frequency::TimesPerYear(2), MonthSet::from_months([6, 12])?)?;
    /// assert_eq!(s.to_string(), "2 ggr/år: juni, december");
    /// assert!(Schedule::new(Frequency::TimesPerYear(1), MonthSet::EMPTY).is_ok());
    /// assert!(Schedule::new(Frequency::Continuous, MonthSet::from_months([1])?).is_err());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn new(frequency: Frequency, months: MonthSet) -> Result<Schedule> {
        let found = months.len();
        let fits = match frequency {
            Frequency::TimesPerYear(n) => found == 0 || found == usize::from(n),
            Frequency::MoreThanMonthly(_) => found == 0 || found == 12,
            Frequency::EveryNYears(_) => found <= 1,
            Frequency::Continuous => found == 0,
        };
        if fits {
            Ok(Schedule { frequency, months })
        } else {
            Err(ControlError::MonthsDoNotMatchFrequency {
                frequency: frequency.to_string(),
                expected: match frequency {
                    Frequency::TimesPerYear(n) => usize::from(n),
                    Frequency::MoreThanMonthly(_) => 12,
                    Frequency::EveryNYears(_) => 1,
                    Frequency::Continuous => 0,
                },
                found,
                months: months.to_string(),
            })
        }
    }

    /// Reads a frequency followed (or preceded) by month names, as plans
    /// print them: `4 ggr/år Mars Juni September December`,
    /// `2 ggr/ år, April Augusti`, `Månadsvis`.
    ///
    /// The month names are taken out of the text wherever they stand; the
    /// rest must be a frequency ([`Frequency::parse`]).
    ///
    /// # Errors
    /// As [`Frequency::parse`], [`ControlError::RepeatedMonth`], and
    /// [`ControlError::MonthsDoNotMatchFrequency`].
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::{Frequency, Schedule};
    /// let s = Schedule::parse("2 ggr/ år, April Augusti")?;
    /// assert_eq!(s.months().iter().collect::<Vec<_>>(), [4, 8]);
    /// assert_eq!(Schedule::parse("Månadsvis")?.scheduled_months().len(), 12);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Schedule> {
        Schedule::parse_parts(text, None)
    }

    /// Reads a frequency text and a separate months text (two columns of a
    /// CSV file); month names may also stand in the frequency text.
    ///
    /// # Errors
    /// As [`Schedule::parse`], and [`ControlError::UnknownMonthName`] for a
    /// word in `months` that is not a month.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Schedule;
    /// let s = Schedule::parse_parts("2 ggr/år", Some("Juni, December"))?;
    /// assert_eq!(s.months().iter().collect::<Vec<_>>(), [6, 12]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn parse_parts(frequency: &str, months: Option<&str>) -> Result<Schedule> {
        let mut set = match months {
            Some(text) => MonthSet::parse_swedish(text)?,
            None => MonthSet::EMPTY,
        };
        let tokens = tokens(frequency);
        let mut rest: Vec<&str> = Vec::new();
        for token in &tokens {
            // `mar` inside a frequency text is not taken for March: only
            // full names stand there in real plans.
            let month = (1..=12_u32)
                .zip(MONTH_NAMES)
                .find(|(_, name)| name == token)
                .map(|(m, _)| m);
            match month {
                Some(month) if set.contains(month) => {
                    return Err(ControlError::RepeatedMonth { month });
                }
                Some(month) => set = set.with(month)?,
                None if token == "och" && !set.is_empty() => {}
                None => rest.push(token),
            }
        }
        let frequency =
            parse_tokens(&rest)?.ok_or_else(|| ControlError::UnrecognisedFrequency {
                text: echo(frequency),
            })?;
        Schedule::new(frequency, set)
    }

    /// The frequency.
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::{Frequency, Schedule};
    /// assert_eq!(Schedule::parse("Löpande")?.frequency(), Frequency::Continuous);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// The months the plan names (possibly none).
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::Schedule;
    /// assert!(Schedule::parse("1 ggr/år")?.months().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn months(&self) -> MonthSet {
        self.months
    }

    /// The months the control happens in: the named months, or those the
    /// frequency implies ([`Frequency::implied_months`]) when none are named.
    /// Empty means the control has no fixed month (unscheduled).
    ///
    /// # Example
    /// ```
    /// use namnd_control::schedule::{MonthSet, Schedule};
    /// assert_eq!(Schedule::parse("Varannan vecka")?.scheduled_months(), MonthSet::ALL);
    /// assert!(Schedule::parse("1 ggr/år")?.scheduled_months().is_empty());
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn scheduled_months(&self) -> MonthSet {
        if self.months.is_empty() {
            self.frequency.implied_months()
        } else {
            self.months
        }
    }
}

/// Prints `4 ggr/år: mars, juni, september, december`, or the frequency
/// alone when no months are named.
impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.months.is_empty() {
            write!(f, "{}", self.frequency)
        } else {
            write!(f, "{}: {}", self.frequency, self.months)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn free_text_frequencies_are_normalised() {
        let cases: [(&str, Frequency); 20] = [
            ("Två gånger per år", Frequency::TimesPerYear(2)),
            ("var tredje månad", Frequency::TimesPerYear(4)),
            ("1 ggr/år", Frequency::TimesPerYear(1)),
            ("Löpande", Frequency::Continuous),
            ("Månadsvis", Frequency::TimesPerYear(12)),
            ("2ggr/år", Frequency::TimesPerYear(2)),
            ("2 ggr/ år.", Frequency::TimesPerYear(2)),
            ("4 ggr/år.", Frequency::TimesPerYear(4)),
            ("1 gång/ år", Frequency::TimesPerYear(1)),
            ("3 ggr/ år", Frequency::TimesPerYear(3)),
            ("En gång per år", Frequency::TimesPerYear(1)),
            ("En gång om året", Frequency::TimesPerYear(1)),
            ("Fyra gånger per år", Frequency::TimesPerYear(4)),
            ("Kvartalsvis", Frequency::TimesPerYear(4)),
            ("12 ggr/år", Frequency::TimesPerYear(12)),
            ("6 ggr/år", Frequency::TimesPerYear(6)),
            ("Varannan vecka", Frequency::MoreThanMonthly(26)),
            ("1 gång/ vartannat år", Frequency::EveryNYears(2)),
            ("varannan månad", Frequency::TimesPerYear(6)),
            ("2 ggr/halvår", Frequency::TimesPerYear(4)),
        ];
        for (text, expected) in cases {
            assert_eq!(Frequency::parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn unknown_frequency_text_is_rejected_and_echoed() {
        let err = Frequency::parse("2ggr/år och område").unwrap_err();
        assert_eq!(
            err,
            ControlError::UnrecognisedFrequency {
                text: "2ggr/år och område".to_owned()
            }
        );
        assert!(Frequency::parse("").is_err());
        assert!(Frequency::parse("Helår").is_err());
        assert_eq!(
            Frequency::parse("52 ggr/år"),
            Ok(Frequency::MoreThanMonthly(52))
        );
        assert!(matches!(
            Frequency::parse("400 ggr/år"),
            Err(ControlError::FrequencyOutOfRange { value: 400, .. })
        ));
        assert!(matches!(
            Frequency::parse("0 ggr/år"),
            Err(ControlError::FrequencyOutOfRange { value: 0, .. })
        ));
        assert!(Frequency::parse("99999999999999 ggr/år").is_err());
    }

    #[test]
    fn four_times_a_year_must_name_four_months() {
        let ok = Schedule::parse("4 ggr/år Mars Juni September December").unwrap();
        assert_eq!(ok.months().iter().collect::<Vec<_>>(), [3, 6, 9, 12]);
        assert_eq!(
            Schedule::parse("4 ggr/år Mars Juni September"),
            Err(ControlError::MonthsDoNotMatchFrequency {
                frequency: "4 ggr/år".to_owned(),
                expected: 4,
                found: 3,
                months: "mars, juni, september".to_owned(),
            })
        );
    }

    #[test]
    fn months_may_be_named_in_a_separate_text() {
        let s = Schedule::parse_parts("2 ggr/år.", Some("Juni December")).unwrap();
        assert_eq!(s.to_string(), "2 ggr/år: juni, december");
        assert!(matches!(
            Schedule::parse_parts("2 ggr/år", Some("Juni Helår")),
            Err(ControlError::UnknownMonthName { .. })
        ));
        assert_eq!(
            Schedule::parse_parts("2 ggr/år Juni", Some("juni")),
            Err(ControlError::RepeatedMonth { month: 6 })
        );
    }

    #[test]
    fn monthly_without_months_means_every_month() {
        let s = Schedule::parse("Månadsvis").unwrap();
        assert!(s.months().is_empty());
        assert_eq!(s.scheduled_months(), MonthSet::ALL);
        assert!(
            Schedule::parse("Löpande")
                .unwrap()
                .scheduled_months()
                .is_empty()
        );
        assert!(Schedule::parse("Löpande Mars").is_err());
        assert!(Schedule::parse("Kvartalsvis Mars Juni").is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialising_a_schedule_checks_months_against_frequency() {
        let ok: Schedule =
            serde_json::from_str(r#"{"frequency":{"times_per_year":2},"months":[6,12]}"#).unwrap();
        assert_eq!(ok, Schedule::parse("2 ggr/år Juni December").unwrap());
        let json = serde_json::to_string(&ok).unwrap();
        assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), ok);
        let err = serde_json::from_str::<Schedule>(
            r#"{"frequency":{"times_per_year":4},"months":[3,6]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("needs 4 months"), "{err}");
        assert!(serde_json::from_str::<MonthSet>("[13]").is_err());
        assert!(serde_json::from_str::<Frequency>(r#"{"times_per_year":0}"#).is_err());
        assert!(serde_json::from_str::<Frequency>(r#"{"every_n_years":1}"#).is_err());
    }

    proptest! {
        #[test]
        fn schedule_accepts_exactly_n_months_for_n_times_a_year(
            n in 1_u32..=12,
            bits in 0_u16..0x1000,
        ) {
            let months = MonthSet { bits };
            let frequency = Frequency::times_per_year(n)?;
            let result = Schedule::new(frequency, months);
            let expected_ok = months.is_empty() || months.len() == n as usize;
            prop_assert_eq!(result.is_ok(), expected_ok);
            if let Ok(schedule) = result {
                let scheduled = schedule.scheduled_months().len();
                prop_assert!(scheduled == n as usize || scheduled == 0 || n == 12);
            }
        }

        #[test]
        fn printed_months_parse_back(bits in 0_u16..0x1000) {
            let months = MonthSet { bits };
            prop_assert_eq!(MonthSet::parse_swedish(&months.to_string())?, months);
        }

        #[test]
        fn printed_frequencies_parse_back(n in 1_u32..=12, m in 13_u32..=366, y in 2_u32..=10) {
            for f in [
                Frequency::times_per_year(n)?,
                Frequency::more_than_monthly(m)?,
                Frequency::every_n_years(y)?,
                Frequency::Continuous,
            ] {
                prop_assert_eq!(Frequency::parse(&f.to_string())?, f);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
            let _ = Schedule::parse(&text);
        }
    }
}
