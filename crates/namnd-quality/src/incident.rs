//! Incident reports (*avvikelser*) and the tables committees publish about
//! them.
//!
//! An *avvikelse(rapport)* is an incident or deviation report in care: a fall,
//! a missed dose, a faulty aid. Reports are recorded by law domain (SoL/LSS or
//! HSL), category, unit and month. (The same Swedish word means a budget
//! variance; nothing here is one.)
//!
//! | Question | Item |
//! |---|---|
//! | One incident report (no free text) | [`IncidentReport`] |
//! | SoL/LSS or HSL? | [`IncidentDomain`] |
//! | Which categories existed when? | [`CategorySet`] of [`Category`] with a [`Validity`]; per year [`YearValidity`] |
//! | A report in a category not valid in its month | an error, or counted with a notice: [`OutOfValidity`], [`ValidityNotice`] |
//! | Category × month counts with reconciling totals | [`IncidentMatrix`] |
//! | Shares per category that add to exactly 100 % | [`IncidentMatrix::shares`] (largest remainder) |
//! | The matrix as it may be published | [`IncidentMatrix::committee`] (small counts suppressed), [`IncidentMatrix::committee_rows`] ("–" where a category was not valid, never 0), [`IncidentMatrix::committee_shares`] (no share for a hidden row) |
//! | Year over year while categories change | [`YearOverYear`], [`YearCell`] (`Utgår`, `Nytt för 2022`), [`ComparabilityNote`]; published: [`YearOverYear::committee`] |
//! | Share investigated and closed per category against a target | [`ClosureTable`] (weighted: Σ closed / Σ reports); published: [`ClosureTable::committee`], [`ClosureTable::committee_shares`] |
//! | Reports by unit (or domain, month, category) | [`incident_table`] by [`IncidentAxis`] |
//! | Count the good reports and list the bad ones | [`IncidentMatrix::count_lenient`], [`YearOverYear::count_lenient`], [`ClosureTable::from_reports_lenient`]: the table plus (index, error) per rejected report |
//!
//! # Categories change
//! Category sets are versioned per category: each [`Category`] has a
//! [`Validity`] (first and last month, both optional and inclusive). Gnesta
//! moved "Omvårdnad, övriga områden" out of the HSL incident statistics from
//! 2022 (it is valid *through 2021-12*) and added two categories (valid *from
//! 2022-01*). A year-over-year table then shows `Utgår` and `Nytt för 2022`
//! where the category did not exist, never a 0, and totals each year over the
//! categories shown that year, with a [`ComparabilityNote`] where the sets
//! differ.
//!
//! # A report in a category that is not valid in its month
//! By default ([`OutOfValidity::Reject`]) that is an error,
//! [`QualityError::CategoryNotValid`], naming the category and the month:
//! such a report usually means a stale category list in the reporting system
//! or a mistyped month, and counting it quietly would break the comparison the
//! validity periods exist for. A caller who has looked at the data and wants
//! the report counted anyway chooses [`OutOfValidity::AcceptWithNotice`]: the
//! report is counted in its category and month, and the table carries a
//! [`ValidityNotice`] (category, month, number of reports) to print under it.
//! A category that is not in the set at all is always an error.
//!
//! # Privacy
//! An [`IncidentReport`] has no free-text field on purpose: descriptions stay
//! in the case register and cannot reach a statistic. Category codes and
//! names are labels that get published, so they are refused when they contain
//! something that looks like a personal identity number. Committee papers are
//! public: [`IncidentMatrix::committee`] and [`ClosureTable::committee`] give
//! the tables through [`namnd_calc::suppress`] (counts 1–4 hidden by
//! default, with secondary suppression so no hidden cell can be worked out
//! from the totals; every hidden cell prints the neutral mark `..`).
//!
//! # Example
//! ```
//! use namnd_core::{OrgUnit, YearMonth};
//! use namnd_quality::incident::{
//!     Category, CategoryCode, CategorySet, IncidentDomain, IncidentMatrix, IncidentReport,
//!     OutOfValidity, Validity,
//! };
//!
//! let set = CategorySet::new(
//!     IncidentDomain::HealthCare,
//!     vec![
//!         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
//!         Category::new(CategoryCode::new("LM")?, "Läkemedel", Validity::ALWAYS)?,
//!     ],
//! )?;
//! let unit = OrgUnit::new("SÄBO1")?;
//! let jan = YearMonth::try_new(2022, 1)?;
//! let feb = YearMonth::try_new(2022, 2)?;
//! let reports = vec![
//!     IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, unit.clone(), jan),
//!     IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, unit.clone(), feb),
//!     IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("LM")?, unit, feb),
//! ];
//! let matrix = IncidentMatrix::count(&set, jan, feb, &reports, OutOfValidity::Reject)?;
//! assert_eq!(matrix.row_total("FALL"), Some(2));
//! assert_eq!(matrix.column_total(feb), Some(2));
//! assert_eq!(matrix.grand_total(), 3);
//! # Ok::<(), namnd_quality::QualityError>(())
//! ```

use core::fmt;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use namnd_calc::percent::{Percent, percent_of};
use namnd_calc::rounding::apportion_shares;
use namnd_calc::suppress::{CountTable, PublishedCount, SmallCountPolicy, SuppressedTable};
use namnd_core::law::Law;
use namnd_core::{Decimal, FiscalYear, OrgUnit, YearMonth};

use crate::{QualityError, Result};

/// How many characters of a label an error message echoes.
const ECHO_CHARS: usize = 60;

/// The column of a committee closure table for reports investigated and closed.
const CLOSURE_CLOSED: &str = "utredda och avslutade";

/// The column of a committee closure table for reports not closed.
const CLOSURE_OPEN: &str = "ej avslutade";

/// The longest category code, in characters.
const MAX_CODE_CHARS: usize = 64;

/// The longest category name, in characters.
const MAX_NAME_CHARS: usize = 120;

/// A label fit for an error message (identity numbers masked, cut).
fn quoted(text: &str) -> String {
    namnd_core::quote_for_message(text, ECHO_CHARS)
}

/// Checks a code or name used as a published label with
/// [`namnd_core::id_text`]: trimmed, not empty, at most `max_chars`
/// characters, no control character, nothing shaped like an identity number.
fn check_label(what: &'static str, raw: &str, max_chars: usize) -> Result<String> {
    namnd_core::id_text(raw, max_chars)
        .map(str::to_owned)
        .map_err(|reason| QualityError::InvalidCategoryLabel {
            what,
            input: quoted(raw),
            reason,
        })
}

// ---------------------------------------------------------------- domain

/// The law domain of an incident report: social care under SoL and LSS, or
/// health care under HSL. The two are reported, investigated and published
/// separately (a *kvalitetsberättelse* vs a *patientsäkerhetsberättelse*).
///
/// With the `serde` feature written as `"SoL/LSS"` or `"HSL"`.
///
/// # Example
/// ```
/// use namnd_core::law::Law;
/// use namnd_quality::incident::IncidentDomain;
///
/// assert_eq!(IncidentDomain::HealthCare.to_string(), "HSL");
/// assert_eq!(IncidentDomain::SocialCare.laws(), [Law::SoL, Law::Lss]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum IncidentDomain {
    /// Social care: SoL and LSS (*avvikelser enligt SoL/LSS*).
    #[cfg_attr(feature = "serde", serde(rename = "SoL/LSS"))]
    SocialCare,
    /// Health care: HSL (*HSL-avvikelser*).
    #[cfg_attr(feature = "serde", serde(rename = "HSL"))]
    HealthCare,
}

impl IncidentDomain {
    /// The acts the domain covers.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// use namnd_quality::incident::IncidentDomain;
    /// assert_eq!(IncidentDomain::HealthCare.laws(), [Law::Hsl]);
    /// ```
    #[must_use]
    pub fn laws(self) -> &'static [Law] {
        match self {
            IncidentDomain::SocialCare => &[Law::SoL, Law::Lss],
            IncidentDomain::HealthCare => &[Law::Hsl],
        }
    }
}

impl fmt::Display for IncidentDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IncidentDomain::SocialCare => "SoL/LSS",
            IncidentDomain::HealthCare => "HSL",
        })
    }
}

/// How serious an incident was judged (*allvarlighetsgrad*).
///
/// # Example
/// ```
/// use namnd_quality::incident::Severity;
/// assert_eq!(Severity::LessSerious.to_string(), "mindre allvarlig");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Severity {
    /// *Mindre allvarlig*: less serious.
    LessSerious,
    /// *Allvarlig*: serious.
    Serious,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::LessSerious => "mindre allvarlig",
            Severity::Serious => "allvarlig",
        })
    }
}

// -------------------------------------------------------------- category

/// The code of an incident category (*avvikelsekategori*), as the reporting
/// system stores it: trimmed, 1–64 characters, no control characters, and
/// nothing that looks like a personal identity number (it is published).
///
/// With the `serde` feature written as a string and validated when read.
///
/// # Errors
/// [`QualityError::InvalidCategoryLabel`] from [`CategoryCode::new`].
///
/// # Example
/// ```
/// use namnd_quality::{QualityError, incident::CategoryCode};
///
/// assert_eq!(CategoryCode::new(" FALL ")?.as_str(), "FALL");
/// assert!(matches!(CategoryCode::new(""), Err(QualityError::InvalidCategoryLabel { .. })));
/// # Ok::<(), QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "String"))]
pub struct CategoryCode(String);

impl CategoryCode {
    /// A checked category code (trimmed).
    ///
    /// # Errors
    /// [`QualityError::InvalidCategoryLabel`] if the code is empty, longer
    /// than 64 characters, contains control characters or what looks like a
    /// personal identity number.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::CategoryCode;
    /// assert!(CategoryCode::new("Fall 19121212-1212").is_err());
    /// assert_eq!(CategoryCode::new("VRI")?.to_string(), "VRI");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn new(code: impl AsRef<str>) -> Result<Self> {
        check_label("code", code.as_ref(), MAX_CODE_CHARS).map(CategoryCode)
    }

    /// The code as text.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::CategoryCode;
    /// assert_eq!(CategoryCode::new("LM")?.as_str(), "LM");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CategoryCode {
    type Error = QualityError;

    fn try_from(code: String) -> Result<Self> {
        CategoryCode::new(code)
    }
}

impl From<CategoryCode> for String {
    fn from(code: CategoryCode) -> Self {
        code.0
    }
}

impl core::str::FromStr for CategoryCode {
    type Err = QualityError;

    fn from_str(code: &str) -> Result<Self> {
        CategoryCode::new(code)
    }
}

/// When a category is valid: from its first month through its last month,
/// both inclusive and both optional (open-ended).
///
/// With the `serde` feature written as `{"first": "2022-01", "last": null}`
/// and checked when read.
///
/// # Example
/// ```
/// use namnd_core::{FiscalYear, YearMonth};
/// use namnd_quality::incident::Validity;
///
/// // "Omvårdnad, övriga områden": retired from 2022.
/// let retired = Validity::through_year(FiscalYear::try_new(2021)?);
/// assert!(retired.contains(YearMonth::try_new(2021, 12)?));
/// assert!(!retired.contains(YearMonth::try_new(2022, 1)?));
/// assert_eq!(retired.to_string(), "through 2021-12");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ValidityRepr", into = "ValidityRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "ValidityRepr"))]
pub struct Validity {
    first: Option<YearMonth>,
    last: Option<YearMonth>,
}

/// The wire form of a [`Validity`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ValidityRepr {
    first: Option<YearMonth>,
    last: Option<YearMonth>,
}

#[cfg(feature = "serde")]
impl TryFrom<ValidityRepr> for Validity {
    type Error = QualityError;

    fn try_from(repr: ValidityRepr) -> Result<Self> {
        Validity::new(repr.first, repr.last)
    }
}

#[cfg(feature = "serde")]
impl From<Validity> for ValidityRepr {
    fn from(v: Validity) -> Self {
        ValidityRepr {
            first: v.first,
            last: v.last,
        }
    }
}

impl Validity {
    /// Valid in every month.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::Validity;
    /// assert!(Validity::ALWAYS.contains(YearMonth::try_new(1990, 1)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const ALWAYS: Validity = Validity {
        first: None,
        last: None,
    };

    /// Valid from `first` through `last` (each inclusive, `None` = open).
    ///
    /// # Errors
    /// [`QualityError::InvalidValidity`] if `last` is before `first`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::{QualityError, incident::Validity};
    ///
    /// let v = Validity::new(Some(YearMonth::try_new(2022, 7)?), None)?;
    /// assert_eq!(v.to_string(), "from 2022-07");
    /// assert!(matches!(
    ///     Validity::new(Some(YearMonth::try_new(2022, 7)?), Some(YearMonth::try_new(2022, 6)?)),
    ///     Err(QualityError::InvalidValidity { .. })
    /// ));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn new(first: Option<YearMonth>, last: Option<YearMonth>) -> Result<Self> {
        if let (Some(first), Some(last)) = (first, last)
            && last < first
        {
            return Err(QualityError::InvalidValidity { first, last });
        }
        Ok(Validity { first, last })
    }

    /// Valid from the first month of `year` on ("Nytt för 2022").
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    /// use namnd_quality::incident::Validity;
    /// let v = Validity::from_year(FiscalYear::try_new(2022)?);
    /// assert!(!v.contains(YearMonth::try_new(2021, 12)?));
    /// assert!(v.contains(YearMonth::try_new(2022, 1)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub const fn from_year(year: FiscalYear) -> Self {
        Validity {
            first: Some(year.first_month()),
            last: None,
        }
    }

    /// Valid through the last month of `year` (retired, *utgår*, from the
    /// year after).
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::Validity;
    /// let v = Validity::through_year(FiscalYear::try_new(2021)?);
    /// assert_eq!(v.last().map(|m| m.to_string()).as_deref(), Some("2021-12"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub const fn through_year(year: FiscalYear) -> Self {
        Validity {
            first: None,
            last: Some(year.last_month()),
        }
    }

    /// The first valid month, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::Validity;
    /// assert_eq!(Validity::ALWAYS.first(), None);
    /// ```
    #[must_use]
    pub const fn first(self) -> Option<YearMonth> {
        self.first
    }

    /// The last valid month, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::Validity;
    /// assert_eq!(Validity::ALWAYS.last(), None);
    /// ```
    #[must_use]
    pub const fn last(self) -> Option<YearMonth> {
        self.last
    }

    /// Whether the category is valid in `month`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    /// use namnd_quality::incident::Validity;
    /// let v = Validity::from_year(FiscalYear::try_new(2022)?);
    /// assert!(v.contains(YearMonth::try_new(2030, 5)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn contains(self, month: YearMonth) -> bool {
        self.first.is_none_or(|first| first <= month) && self.last.is_none_or(|last| month <= last)
    }

    /// How the category stands in `year`: valid all year, part of it, not
    /// yet introduced, or retired.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    /// use namnd_quality::incident::{Validity, YearValidity};
    ///
    /// let v = Validity::new(Some(YearMonth::try_new(2022, 4)?), None)?;
    /// assert_eq!(v.in_year(FiscalYear::try_new(2021)?), YearValidity::NotYetValid { first: YearMonth::try_new(2022, 4)? });
    /// assert_eq!(v.in_year(FiscalYear::try_new(2022)?), YearValidity::PartYear);
    /// assert_eq!(v.in_year(FiscalYear::try_new(2023)?), YearValidity::WholeYear);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn in_year(self, year: FiscalYear) -> YearValidity {
        let (january, december) = (year.first_month(), year.last_month());
        if let Some(last) = self.last
            && last < january
        {
            return YearValidity::Retired { last };
        }
        if let Some(first) = self.first
            && first > december
        {
            return YearValidity::NotYetValid { first };
        }
        if self.contains(january) && self.contains(december) {
            YearValidity::WholeYear
        } else {
            YearValidity::PartYear
        }
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first, self.last) {
            (None, None) => f.write_str("always"),
            (Some(first), None) => write!(f, "from {first}"),
            (None, Some(last)) => write!(f, "through {last}"),
            (Some(first), Some(last)) => write!(f, "from {first} through {last}"),
        }
    }
}

/// How a category stands in one year.
///
/// # Example
/// ```
/// use namnd_core::FiscalYear;
/// use namnd_quality::incident::{Validity, YearValidity};
/// let v = Validity::through_year(FiscalYear::try_new(2021)?);
/// assert!(!v.in_year(FiscalYear::try_new(2022)?).is_valid());
/// assert!(v.in_year(FiscalYear::try_new(2021)?).is_valid());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum YearValidity {
    /// Valid in every month of the year.
    WholeYear,
    /// Valid in some months of the year only (introduced or retired during
    /// it): counts are not comparable with a whole year.
    PartYear,
    /// Introduced after the year ends ("Nytt för" the year of `first`).
    NotYetValid {
        /// The first valid month.
        first: YearMonth,
    },
    /// Retired before the year starts ("Utgår").
    Retired {
        /// The last valid month.
        last: YearMonth,
    },
}

impl YearValidity {
    /// Whether the category is valid in at least one month of the year.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::YearValidity;
    /// assert!(YearValidity::PartYear.is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(self) -> bool {
        matches!(self, YearValidity::WholeYear | YearValidity::PartYear)
    }
}

/// One incident category: code, Swedish name and validity period.
///
/// With the `serde` feature written as `{"code", "name", "validity"}` and
/// checked when read.
///
/// # Example
/// ```
/// use namnd_core::FiscalYear;
/// use namnd_quality::incident::{Category, CategoryCode, Validity};
///
/// let vri = Category::new(
///     CategoryCode::new("VRI")?,
///     "Vårdrelaterade infektioner/VRI",
///     Validity::from_year(FiscalYear::try_new(2022)?),
/// )?;
/// assert_eq!(vri.name(), "Vårdrelaterade infektioner/VRI");
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CategoryRepr", into = "CategoryRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "CategoryRepr"))]
pub struct Category {
    code: CategoryCode,
    name: String,
    validity: Validity,
}

/// The wire form of a [`Category`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct CategoryRepr {
    code: CategoryCode,
    name: String,
    #[serde(default = "always")]
    validity: Validity,
}

#[cfg(feature = "serde")]
fn always() -> Validity {
    Validity::ALWAYS
}

#[cfg(feature = "serde")]
impl TryFrom<CategoryRepr> for Category {
    type Error = QualityError;

    fn try_from(repr: CategoryRepr) -> Result<Self> {
        Category::new(repr.code, repr.name, repr.validity)
    }
}

#[cfg(feature = "serde")]
impl From<Category> for CategoryRepr {
    fn from(c: Category) -> Self {
        CategoryRepr {
            code: c.code,
            name: c.name,
            validity: c.validity,
        }
    }
}

impl Category {
    /// A category with its Swedish name (trimmed, 1–120 characters, no
    /// control characters, no identity numbers).
    ///
    /// # Errors
    /// [`QualityError::InvalidCategoryLabel`] for an unusable name.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{Category, CategoryCode, Validity};
    /// assert!(Category::new(CategoryCode::new("X")?, " ", Validity::ALWAYS).is_err());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn new(code: CategoryCode, name: impl AsRef<str>, validity: Validity) -> Result<Self> {
        let name = check_label("name", name.as_ref(), MAX_NAME_CHARS)?;
        Ok(Category {
            code,
            name,
            validity,
        })
    }

    /// The code.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{Category, CategoryCode, Validity};
    /// let c = Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?;
    /// assert_eq!(c.code().as_str(), "FALL");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &CategoryCode {
        &self.code
    }

    /// The Swedish name, as printed in reports.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{Category, CategoryCode, Validity};
    /// let c = Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?;
    /// assert_eq!(c.name(), "Fall");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The validity period.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{Category, CategoryCode, Validity};
    /// let c = Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?;
    /// assert_eq!(c.validity(), Validity::ALWAYS);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn validity(&self) -> Validity {
        self.validity
    }

    fn not_valid(&self, period: String) -> QualityError {
        QualityError::CategoryNotValid {
            code: quoted(self.code.as_str()),
            name: quoted(&self.name),
            period,
            validity: self.validity,
        }
    }
}

/// What to do with a report in a category that exists but is not valid in
/// the report's month (see the [module docs](self)).
///
/// # Example
/// ```
/// use namnd_quality::incident::OutOfValidity;
/// assert_eq!(OutOfValidity::default(), OutOfValidity::Reject);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum OutOfValidity {
    /// An error, [`QualityError::CategoryNotValid`] (the default).
    #[default]
    Reject,
    /// Count the report in its category and month and record a
    /// [`ValidityNotice`].
    AcceptWithNotice,
}

/// Reports counted in a month where their category is not valid (only with
/// [`OutOfValidity::AcceptWithNotice`]); print it under the table.
///
/// # Example
/// ```
/// use namnd_core::{FiscalYear, OrgUnit, YearMonth};
/// use namnd_quality::incident::*;
///
/// let old = Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(FiscalYear::try_new(2021)?))?;
/// let set = CategorySet::new(IncidentDomain::HealthCare, vec![old])?;
/// let jan = YearMonth::try_new(2022, 1)?;
/// let report = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("OMV")?, OrgUnit::new("A")?, jan);
/// let matrix = IncidentMatrix::count(&set, jan, jan, &[report], OutOfValidity::AcceptWithNotice)?;
/// assert_eq!(matrix.notices().len(), 1);
/// assert_eq!(
///     matrix.notices().first().map(ToString::to_string).as_deref(),
///     Some("1 report(s) in category OMV (Omvårdnad) in 2022-01, where it is not valid (valid through 2021-12)")
/// );
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ValidityNotice {
    /// The category.
    pub category: CategoryCode,
    /// Its Swedish name.
    pub name: String,
    /// Its validity.
    pub validity: Validity,
    /// The month of the reports.
    pub month: YearMonth,
    /// How many reports were counted there.
    pub reports: u64,
}

impl fmt::Display for ValidityNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} report(s) in category {} ({}) in {}, where it is not valid (valid {})",
            self.reports, self.category, self.name, self.month, self.validity
        )
    }
}

/// The incident categories of one domain, each with its validity period: the
/// versioned category list (*kategorilista*).
///
/// Codes and names are unique. With the `serde` feature written as
/// `{"domain", "categories"}` and checked when read.
///
/// # Example
/// ```
/// use namnd_core::{FiscalYear, YearMonth};
/// use namnd_quality::incident::*;
///
/// let y2021 = FiscalYear::try_new(2021)?;
/// let set = CategorySet::new(
///     IncidentDomain::HealthCare,
///     vec![
///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
///         Category::new(CategoryCode::new("OMV")?, "Omvårdnad, övriga områden", Validity::through_year(y2021))?,
///     ],
/// )?;
/// let valid: Vec<&str> = set.valid_in(YearMonth::try_new(2022, 3)?).map(|c| c.name()).collect();
/// assert_eq!(valid, ["Fall"]);
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CategorySetRepr", into = "CategorySetRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "CategorySetRepr"))]
pub struct CategorySet {
    domain: IncidentDomain,
    categories: Vec<Category>,
}

/// The wire form of a [`CategorySet`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct CategorySetRepr {
    domain: IncidentDomain,
    categories: Vec<Category>,
}

#[cfg(feature = "serde")]
impl TryFrom<CategorySetRepr> for CategorySet {
    type Error = QualityError;

    fn try_from(repr: CategorySetRepr) -> Result<Self> {
        CategorySet::new(repr.domain, repr.categories)
    }
}

#[cfg(feature = "serde")]
impl From<CategorySet> for CategorySetRepr {
    fn from(set: CategorySet) -> Self {
        CategorySetRepr {
            domain: set.domain,
            categories: set.categories,
        }
    }
}

impl CategorySet {
    /// A category set (in the order the reports print it).
    ///
    /// # Errors
    /// [`QualityError::DuplicateCategory`] if a code or a name occurs twice.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::{QualityError, incident::*};
    /// let fall = Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?;
    /// assert!(matches!(
    ///     CategorySet::new(IncidentDomain::HealthCare, vec![fall.clone(), fall]),
    ///     Err(QualityError::DuplicateCategory { what: "code", .. })
    /// ));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn new(domain: IncidentDomain, categories: Vec<Category>) -> Result<Self> {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for c in &categories {
            if !codes.insert(c.code.as_str()) {
                return Err(QualityError::DuplicateCategory {
                    what: "code",
                    label: quoted(c.code.as_str()),
                });
            }
            if !names.insert(c.name.as_str()) {
                return Err(QualityError::DuplicateCategory {
                    what: "name",
                    label: quoted(&c.name),
                });
            }
        }
        Ok(CategorySet { domain, categories })
    }

    /// The domain the set is for.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategorySet, IncidentDomain};
    /// let set = CategorySet::new(IncidentDomain::SocialCare, vec![])?;
    /// assert_eq!(set.domain(), IncidentDomain::SocialCare);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn domain(&self) -> IncidentDomain {
        self.domain
    }

    /// Every category, valid or not, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategorySet, IncidentDomain};
    /// let set = CategorySet::new(IncidentDomain::SocialCare, vec![])?;
    /// assert!(set.categories().is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category with this code.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// assert_eq!(set.get("FALL").map(|c| c.name()), Some("Fall"));
    /// assert!(set.get("LM").is_none());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code.as_str() == code)
    }

    /// The categories valid in `month`, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// assert_eq!(set.valid_in(YearMonth::try_new(2022, 1)?).count(), 1);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn valid_in(&self, month: YearMonth) -> impl Iterator<Item = &Category> {
        self.categories
            .iter()
            .filter(move |c| c.validity.contains(month))
    }

    /// The category of `report`, checked: the report's domain is the set's,
    /// its category is in the set, and valid in its month.
    ///
    /// # Errors
    /// [`QualityError::IncidentDomainMismatch`],
    /// [`QualityError::UnknownIncidentCategory`] or
    /// [`QualityError::CategoryNotValid`] (naming the category and month).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, OrgUnit, YearMonth};
    /// use namnd_quality::{QualityError, incident::*};
    ///
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("VRI")?, "VRI", Validity::from_year(FiscalYear::try_new(2022)?))?],
    /// )?;
    /// let report = IncidentReport::new(
    ///     IncidentDomain::HealthCare,
    ///     CategoryCode::new("VRI")?,
    ///     OrgUnit::new("A")?,
    ///     YearMonth::try_new(2021, 6)?,
    /// );
    /// assert!(matches!(
    ///     set.check(&report),
    ///     Err(e) if e.to_string() == "incident category \"VRI\" (VRI) is not valid in 2021-06; it is valid from 2022-01"
    /// ));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn check(&self, report: &IncidentReport) -> Result<&Category> {
        let category = self.known(report)?;
        if category.validity.contains(report.month) {
            Ok(category)
        } else {
            Err(category.not_valid(report.month.to_string()))
        }
    }

    /// The report's category if the domain matches and the category exists,
    /// valid or not.
    fn known(&self, report: &IncidentReport) -> Result<&Category> {
        if report.domain != self.domain {
            return Err(QualityError::IncidentDomainMismatch {
                code: quoted(report.category.as_str()),
                month: report.month,
                found: report.domain,
                expected: self.domain,
            });
        }
        self.get(report.category.as_str())
            .ok_or_else(|| QualityError::UnknownIncidentCategory {
                code: quoted(report.category.as_str()),
                period: report.month.to_string(),
                domain: self.domain,
            })
    }

    /// The category with `code`, as an error naming `month` if unknown.
    fn known_code(&self, code: &str, period: &str) -> Result<(usize, &Category)> {
        self.categories
            .iter()
            .enumerate()
            .find(|(_, c)| c.code.as_str() == code)
            .ok_or_else(|| QualityError::UnknownIncidentCategory {
                code: quoted(code),
                period: period.to_owned(),
                domain: self.domain,
            })
    }

    fn index_of(&self, report: &IncidentReport) -> Result<(usize, &Category)> {
        let category = self.known(report)?;
        self.known_code(category.code.as_str(), &report.month.to_string())
    }
}

// ---------------------------------------------------------------- report

/// One incident report, *avvikelse(rapport)*: domain, category, unit, month,
/// optionally a severity, and whether it has been investigated and closed
/// (*utredd och avslutad*).
///
/// There is deliberately no description: free text stays in the register and
/// never reaches a statistic. The category is checked against a
/// [`CategorySet`] when the report is counted.
///
/// # Example
/// ```
/// use namnd_core::{OrgUnit, YearMonth};
/// use namnd_quality::incident::{CategoryCode, IncidentDomain, IncidentReport, Severity};
///
/// let report = IncidentReport::new(
///     IncidentDomain::HealthCare,
///     CategoryCode::new("LM")?,
///     OrgUnit::new("SÄBO1")?,
///     YearMonth::try_new(2023, 4)?,
/// )
/// .with_severity(Severity::LessSerious)
/// .closed();
/// assert!(report.is_closed());
/// assert_eq!(report.severity(), Some(Severity::LessSerious));
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct IncidentReport {
    domain: IncidentDomain,
    category: CategoryCode,
    unit: OrgUnit,
    month: YearMonth,
    #[cfg_attr(feature = "serde", serde(default))]
    severity: Option<Severity>,
    #[cfg_attr(feature = "serde", serde(default))]
    closed: bool,
}

impl IncidentReport {
    /// An open report without a severity.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::{CategoryCode, IncidentDomain, IncidentReport};
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert!(!r.is_closed());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn new(
        domain: IncidentDomain,
        category: CategoryCode,
        unit: OrgUnit,
        month: YearMonth,
    ) -> Self {
        IncidentReport {
            domain,
            category,
            unit,
            month,
            severity: None,
            closed: false,
        }
    }

    /// The same report with a severity.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?)
    ///     .with_severity(Severity::Serious);
    /// assert_eq!(r.severity(), Some(Severity::Serious));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// The same report, investigated and closed (*utredd och avslutad*).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?).closed();
    /// assert!(r.is_closed());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn closed(mut self) -> Self {
        self.closed = true;
        self
    }

    /// The law domain.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert_eq!(r.domain(), IncidentDomain::SocialCare);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn domain(&self) -> IncidentDomain {
        self.domain
    }

    /// The category code.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert_eq!(r.category().as_str(), "HT");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn category(&self) -> &CategoryCode {
        &self.category
    }

    /// The unit where it happened.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert_eq!(r.unit().code(), "HT1");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn unit(&self) -> &OrgUnit {
        &self.unit
    }

    /// The month it was reported.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert_eq!(r.month().to_string(), "2023-01");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn month(&self) -> YearMonth {
        self.month
    }

    /// The severity, if judged.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert_eq!(r.severity(), None);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn severity(&self) -> Option<Severity> {
        self.severity
    }

    /// Whether it has been investigated and closed.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let r = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("HT")?, OrgUnit::new("HT1")?, YearMonth::try_new(2023, 1)?);
    /// assert!(!r.is_closed());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn is_closed(&self) -> bool {
        self.closed
    }
}

// ---------------------------------------------------------------- matrix

/// Sum of counts that a constructor has checked cannot overflow.
fn sum(counts: impl Iterator<Item = u64>) -> u64 {
    counts.fold(0, u64::saturating_add)
}

/// Adds `n` to a counter, as an error naming `code` on overflow.
fn bump(counter: &mut u64, n: u64, code: &str) -> Result<()> {
    *counter = counter
        .checked_add(n)
        .ok_or_else(|| QualityError::IncidentCountOverflow { code: quoted(code) })?;
    Ok(())
}

/// The months `first..=last`, or an error if `last` is before `first`.
fn month_range(first: YearMonth, last: YearMonth) -> Result<Vec<YearMonth>> {
    if last < first {
        return Err(QualityError::InvalidTablePeriod {
            what: format!("{first} through {last}"),
            reason: "the last month is before the first",
        });
    }
    Ok(first.iter_to(last).collect())
}

/// One published cell of an [`IncidentMatrix`].
///
/// # Example
/// ```
/// use namnd_quality::incident::MatrixCell;
/// assert_eq!(MatrixCell::Count(3).to_string(), "3");
/// assert_eq!(MatrixCell::NotValid.to_string(), "\u{2013}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum MatrixCell {
    /// Reports counted (0 is a real zero: the category was valid).
    Count(u64),
    /// The category was not valid in the month and nothing was counted:
    /// printed as "–", not 0.
    NotValid,
}

impl fmt::Display for MatrixCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatrixCell::Count(n) => write!(f, "{n}"),
            MatrixCell::NotValid => f.write_str("\u{2013}"),
        }
    }
}

/// Incident reports counted by category × month, with row totals (per
/// category), column totals (per month) and a grand total.
///
/// Only the cells are stored; every total is summed from them when asked
/// for, so the totals always reconcile: Σ row totals = Σ column totals =
/// grand total. The rows are the set's categories valid in at least one month
/// of the table (plus any category counted with a [`ValidityNotice`]); the
/// others are listed by [`IncidentMatrix::not_shown`] (Gnesta 2022: "Område
/// utgår from 2022").
///
/// With the `serde` feature it serialises (a result; rebuild it from the
/// reports rather than read it back).
///
/// # Example
/// ```
/// use namnd_core::YearMonth;
/// use namnd_quality::incident::*;
///
/// let set = CategorySet::new(
///     IncidentDomain::HealthCare,
///     vec![
///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
///         Category::new(CategoryCode::new("LM")?, "Läkemedel", Validity::ALWAYS)?,
///     ],
/// )?;
/// let (jan, feb) = (YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 2)?);
/// let m = IncidentMatrix::from_counts(&set, jan, feb, &[("FALL", &[56, 39]), ("LM", &[26, 29])])?;
/// assert_eq!(m.row_total("FALL"), Some(95));
/// assert_eq!(m.column_totals(), [82, 68]);
/// assert_eq!(m.grand_total(), 150);
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct IncidentMatrix {
    domain: IncidentDomain,
    months: Vec<YearMonth>,
    /// One row per shown category: the category and one count per month.
    rows: Vec<(Category, Vec<u64>)>,
    not_shown: Vec<Category>,
    notices: Vec<ValidityNotice>,
}

impl IncidentMatrix {
    /// Counts `reports` by category and month over `first..=last`.
    ///
    /// # Errors
    /// - [`QualityError::InvalidTablePeriod`] if `last` is before `first`.
    /// - [`QualityError::IncidentOutsideTable`] for a report outside the
    ///   months (select the period first; nothing is dropped silently).
    /// - [`QualityError::IncidentDomainMismatch`],
    ///   [`QualityError::UnknownIncidentCategory`], and with
    ///   [`OutOfValidity::Reject`] [`QualityError::CategoryNotValid`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, OrgUnit, YearMonth};
    /// use namnd_quality::{QualityError, incident::*};
    ///
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("VRI")?, "VRI", Validity::from_year(FiscalYear::try_new(2022)?))?],
    /// )?;
    /// let dec = YearMonth::try_new(2021, 12)?;
    /// let report = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("VRI")?, OrgUnit::new("A")?, dec);
    /// let result = IncidentMatrix::count(&set, dec, dec, &[report], OutOfValidity::Reject);
    /// assert!(matches!(result, Err(QualityError::CategoryNotValid { .. })));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn count(
        set: &CategorySet,
        first: YearMonth,
        last: YearMonth,
        reports: &[IncidentReport],
        on_invalid: OutOfValidity,
    ) -> Result<Self> {
        let (matrix, rejected) = Self::count_lenient(set, first, last, reports, on_invalid)?;
        match rejected.into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(matrix),
        }
    }

    /// Counts `reports` as [`count`](Self::count) does, but a report that
    /// cannot be counted (unknown category, other domain, outside the
    /// months, or not valid with [`OutOfValidity::Reject`]) is set aside
    /// instead of stopping the count: the matrix of the rest, and the
    /// rejected reports as (index in `reports`, error), in order.
    ///
    /// # Errors
    /// Only for the table as a whole: [`QualityError::InvalidTablePeriod`]
    /// if `last` is before `first`, [`QualityError::IncidentCountOverflow`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{OrgUnit, YearMonth};
    /// use namnd_quality::{QualityError, incident::*};
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let report = |code: &str| -> Result<IncidentReport, QualityError> {
    ///     Ok(IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new(code)?, OrgUnit::new("A")?, jan))
    /// };
    /// let reports = [report("FALL")?, report("OKÄND")?, report("FALL")?];
    /// let (m, rejected) = IncidentMatrix::count_lenient(&set, jan, jan, &reports, OutOfValidity::Reject)?;
    /// assert_eq!(m.grand_total(), 2);
    /// assert_eq!(rejected.len(), 1);
    /// assert_eq!(rejected[0].0, 1);
    /// assert!(matches!(rejected[0].1, QualityError::UnknownIncidentCategory { .. }));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn count_lenient(
        set: &CategorySet,
        first: YearMonth,
        last: YearMonth,
        reports: &[IncidentReport],
        on_invalid: OutOfValidity,
    ) -> Result<(Self, Vec<(usize, QualityError)>)> {
        let months = month_range(first, last)?;
        let mut grid = vec![vec![0_u64; months.len()]; set.categories.len()];
        let mut notices: BTreeMap<(usize, YearMonth), u64> = BTreeMap::new();
        let mut rejected = Vec::new();
        let mut total = 0_u64;
        for (at, report) in reports.iter().enumerate() {
            let (index, category) = match set.index_of(report) {
                Ok(found) => found,
                Err(error) => {
                    rejected.push((at, error));
                    continue;
                }
            };
            let Some(column) = months.iter().position(|&m| m == report.month) else {
                rejected.push((
                    at,
                    QualityError::IncidentOutsideTable {
                        code: quoted(report.category.as_str()),
                        period: report.month.to_string(),
                        covered: format!("{first} through {last}"),
                    },
                ));
                continue;
            };
            if !category.validity.contains(report.month) {
                match on_invalid {
                    OutOfValidity::Reject => {
                        rejected.push((at, category.not_valid(report.month.to_string())));
                        continue;
                    }
                    OutOfValidity::AcceptWithNotice => {
                        bump(
                            notices.entry((index, report.month)).or_default(),
                            1,
                            category.code.as_str(),
                        )?;
                    }
                }
            }
            bump(&mut total, 1, category.code.as_str())?;
            if let Some(cell) = grid.get_mut(index).and_then(|row| row.get_mut(column)) {
                bump(cell, 1, category.code.as_str())?;
            }
        }
        let notices = notices
            .into_iter()
            .filter_map(|((index, month), reports)| {
                set.categories.get(index).map(|c| ValidityNotice {
                    category: c.code.clone(),
                    name: c.name.clone(),
                    validity: c.validity,
                    month,
                    reports,
                })
            })
            .collect();
        Ok((Self::assemble(set, months, grid, notices), rejected))
    }

    /// A matrix from published counts, one row of monthly counts per
    /// category (as a report prints them). Categories of the set not listed
    /// count 0 where valid.
    ///
    /// # Errors
    /// - [`QualityError::InvalidTablePeriod`] if `last` is before `first`.
    /// - [`QualityError::UnknownIncidentCategory`] for a code not in the set.
    /// - [`QualityError::IncidentCountShape`] for a row of the wrong length or
    ///   a category listed twice.
    /// - [`QualityError::CategoryNotValid`] for a non-zero count in a month
    ///   where the category is not valid.
    /// - [`QualityError::IncidentCountOverflow`] if the counts add up to more
    ///   than a `u64` holds.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::{QualityError, incident::*};
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// assert!(matches!(
    ///     IncidentMatrix::from_counts(&set, jan, jan, &[("FALL", &[1, 2])]),
    ///     Err(QualityError::IncidentCountShape { expected: 1, found: 2, .. })
    /// ));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn from_counts(
        set: &CategorySet,
        first: YearMonth,
        last: YearMonth,
        counts: &[(&str, &[u64])],
    ) -> Result<Self> {
        let months = month_range(first, last)?;
        let mut grid = vec![vec![0_u64; months.len()]; set.categories.len()];
        let mut listed = vec![false; set.categories.len()];
        let mut total = 0_u64;
        for &(code, row) in counts {
            let (index, category) = set.known_code(code, &format!("{first} through {last}"))?;
            let shape = |reason, expected, found| QualityError::IncidentCountShape {
                code: quoted(code),
                reason,
                expected,
                found,
            };
            if row.len() != months.len() {
                return Err(shape(
                    "one count per month is needed",
                    months.len(),
                    row.len(),
                ));
            }
            if let Some(seen) = listed.get_mut(index) {
                if *seen {
                    return Err(shape("the category is listed twice", 1, 2));
                }
                *seen = true;
            }
            for (&month, &n) in months.iter().zip(row) {
                if n > 0 && !category.validity.contains(month) {
                    return Err(category.not_valid(month.to_string()));
                }
                bump(&mut total, n, code)?;
            }
            if let Some(target) = grid.get_mut(index) {
                target.clone_from_slice(row);
            }
        }
        Ok(Self::assemble(set, months, grid, Vec::new()))
    }

    /// Picks the rows to show: valid in some month, or with notices.
    fn assemble(
        set: &CategorySet,
        months: Vec<YearMonth>,
        grid: Vec<Vec<u64>>,
        notices: Vec<ValidityNotice>,
    ) -> Self {
        let mut rows = Vec::new();
        let mut not_shown = Vec::new();
        for (category, counts) in set.categories.iter().zip(grid) {
            let valid = months.iter().any(|&m| category.validity.contains(m));
            let noticed = notices.iter().any(|n| n.category == category.code);
            if valid || noticed {
                rows.push((category.clone(), counts));
            } else {
                not_shown.push(category.clone());
            }
        }
        IncidentMatrix {
            domain: set.domain,
            months,
            rows,
            not_shown,
            notices,
        }
    }

    /// The domain counted.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::HealthCare, vec![])?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// assert_eq!(IncidentMatrix::from_counts(&set, jan, jan, &[])?.domain(), IncidentDomain::HealthCare);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn domain(&self) -> IncidentDomain {
        self.domain
    }

    /// The months (columns), in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::HealthCare, vec![])?;
    /// let m = IncidentMatrix::from_counts(&set, YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 12)?, &[])?;
    /// assert_eq!(m.months().len(), 12);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn months(&self) -> &[YearMonth] {
        &self.months
    }

    /// The categories shown (rows), in the set's order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[])?;
    /// assert_eq!(m.categories().map(|c| c.name()).collect::<Vec<_>>(), ["Fall"]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn categories(&self) -> impl Iterator<Item = &Category> {
        self.rows.iter().map(|(c, _)| c)
    }

    /// Categories of the set not shown because they are valid in none of
    /// the months (retired before, or introduced after).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, YearMonth};
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(FiscalYear::try_new(2021)?))?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[])?;
    /// assert_eq!(m.not_shown().first().map(|c| c.name()), Some("Omvårdnad"));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn not_shown(&self) -> &[Category] {
        &self.not_shown
    }

    /// Reports counted where their category was not valid (only with
    /// [`OutOfValidity::AcceptWithNotice`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::HealthCare, vec![])?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// assert!(IncidentMatrix::from_counts(&set, jan, jan, &[])?.notices().is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn notices(&self) -> &[ValidityNotice] {
        &self.notices
    }

    fn row(&self, code: &str) -> Option<&(Category, Vec<u64>)> {
        self.rows.iter().find(|(c, _)| c.code.as_str() == code)
    }

    fn column(&self, month: YearMonth) -> Option<usize> {
        self.months.iter().position(|&m| m == month)
    }

    /// The count for category `code` in `month`; `None` if the table has no
    /// such row or month. A month where the category is not valid counts 0
    /// here; [`IncidentMatrix::cell`] tells the two apart.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[("FALL", &[56])])?;
    /// assert_eq!(m.count_of("FALL", jan), Some(56));
    /// assert_eq!(m.count_of("LM", jan), None);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn count_of(&self, code: &str, month: YearMonth) -> Option<u64> {
        let (_, counts) = self.row(code)?;
        counts.get(self.column(month)?).copied()
    }

    /// The cell for category `code` in `month`: a count, or
    /// [`MatrixCell::NotValid`] where the category was not valid and
    /// nothing was counted.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let july = YearMonth::try_new(2022, 7)?;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("NY")?, "Ny", Validity::new(Some(july), None)?)?],
    /// )?;
    /// let (june, first) = (YearMonth::try_new(2022, 6)?, YearMonth::try_new(2022, 6)?);
    /// let m = IncidentMatrix::from_counts(&set, first, july, &[("NY", &[0, 0])])?;
    /// assert_eq!(m.cell("NY", june), Some(MatrixCell::NotValid));
    /// assert_eq!(m.cell("NY", july), Some(MatrixCell::Count(0)));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn cell(&self, code: &str, month: YearMonth) -> Option<MatrixCell> {
        let (category, counts) = self.row(code)?;
        let n = counts.get(self.column(month)?).copied()?;
        Some(if n == 0 && !category.validity.contains(month) {
            MatrixCell::NotValid
        } else {
            MatrixCell::Count(n)
        })
    }

    /// The total of category `code` over all months.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let m = IncidentMatrix::from_counts(&set, YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 2)?, &[("FALL", &[56, 39])])?;
    /// assert_eq!(m.row_total("FALL"), Some(95));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn row_total(&self, code: &str) -> Option<u64> {
        self.row(code)
            .map(|(_, counts)| sum(counts.iter().copied()))
    }

    /// The total of every shown category, in row order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let m = IncidentMatrix::from_counts(&set, YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 2)?, &[("FALL", &[56, 39])])?;
    /// assert_eq!(m.row_totals(), [95]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn row_totals(&self) -> Vec<u64> {
        self.rows
            .iter()
            .map(|(_, counts)| sum(counts.iter().copied()))
            .collect()
    }

    /// The total of `month` over all categories; `None` if not a column.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[("FALL", &[56])])?;
    /// assert_eq!(m.column_total(jan), Some(56));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn column_total(&self, month: YearMonth) -> Option<u64> {
        let j = self.column(month)?;
        Some(self.column_sum(j))
    }

    fn column_sum(&self, j: usize) -> u64 {
        sum(self
            .rows
            .iter()
            .filter_map(|(_, counts)| counts.get(j).copied()))
    }

    /// The total of every month, in column order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let m = IncidentMatrix::from_counts(&set, YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 2)?, &[("FALL", &[56, 39])])?;
    /// assert_eq!(m.column_totals(), [56, 39]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn column_totals(&self) -> Vec<u64> {
        (0..self.months.len()).map(|j| self.column_sum(j)).collect()
    }

    /// The grand total: every count of the table.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::HealthCare, vec![])?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// assert_eq!(IncidentMatrix::from_counts(&set, jan, jan, &[])?.grand_total(), 0);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn grand_total(&self) -> u64 {
        sum(self
            .rows
            .iter()
            .flat_map(|(_, counts)| counts.iter().copied()))
    }

    /// Each shown category's share of the grand total in percent with
    /// `decimals` decimals, by largest remainder, so that the shares add up
    /// to exactly 100 (see [`namnd_calc::rounding::apportion_shares`]).
    ///
    /// # Errors
    /// [`QualityError::Calc`] when the table is empty or its total is zero
    /// (no shares exist), or for more than 26 decimals.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, YearMonth};
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("A")?, "A", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("B")?, "B", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("C")?, "C", Validity::ALWAYS)?,
    ///     ],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[("A", &[1]), ("B", &[1]), ("C", &[1])])?;
    /// let shares: Vec<Decimal> = m.shares(0)?.into_iter().map(|(_, s)| s).collect();
    /// // 33,3… each: the one left-over unit goes to the first.
    /// assert_eq!(shares, [Decimal::from(34), Decimal::from(33), Decimal::from(33)]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn shares(&self, decimals: u32) -> Result<Vec<(CategoryCode, Decimal)>> {
        let totals: Vec<Decimal> = self.row_totals().into_iter().map(Decimal::from).collect();
        let shares = apportion_shares(&totals, decimals)?;
        Ok(self
            .rows
            .iter()
            .map(|(c, _)| c.code.clone())
            .zip(shares)
            .collect())
    }

    /// The matrix as a [`CountTable`]: rows labelled with the categories'
    /// Swedish names, columns with the months (`2022-01`).
    ///
    /// # Errors
    /// [`QualityError::Calc`] only if a count cannot be added (which the
    /// constructors rule out).
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let table = IncidentMatrix::from_counts(&set, jan, jan, &[("FALL", &[56])])?.to_count_table()?;
    /// assert_eq!(table.count("Fall", "2022-01"), Some(56));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn to_count_table(&self) -> Result<CountTable> {
        let columns: Vec<String> = self.months.iter().map(ToString::to_string).collect();
        let mut table = CountTable::new(
            self.rows.iter().map(|(c, _)| c.name.clone()).collect(),
            columns.clone(),
        )?;
        for (category, counts) in &self.rows {
            for (column, &n) in columns.iter().zip(counts) {
                table.add(&category.name, column, n)?;
            }
        }
        Ok(table)
    }

    /// The matrix as it may be printed in public committee papers: small
    /// counts hidden under `policy` (default: 1–4, printed as `..`), with secondary
    /// suppression so that no hidden cell can be worked out from the totals.
    ///
    /// # Errors
    /// As [`IncidentMatrix::to_count_table`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("VRI")?, "VRI", Validity::ALWAYS)?,
    ///     ],
    /// )?;
    /// let (jan, feb) = (YearMonth::try_new(2022, 1)?, YearMonth::try_new(2022, 2)?);
    /// let m = IncidentMatrix::from_counts(&set, jan, feb, &[("FALL", &[56, 39]), ("VRI", &[1, 0])])?;
    /// let published = m.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.cell("VRI", "2022-01").map(|c| c.to_string()).as_deref(), Some(".."));
    /// assert!(published.is_protected());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee(&self, policy: SmallCountPolicy) -> Result<SuppressedTable> {
        Ok(self.to_count_table()?.suppress(policy))
    }
}

// --------------------------------------------------------- year over year

/// One cell of a [`YearOverYear`] table: a count, or why there is none.
/// Never a 0 for a category that did not exist.
///
/// # Example
/// ```
/// use namnd_core::YearMonth;
/// use namnd_quality::incident::YearCell;
/// assert_eq!(YearCell::Count(936).to_string(), "936");
/// assert_eq!(YearCell::NotYetValid { first: YearMonth::try_new(2022, 1)? }.to_string(), "Nytt för 2022");
/// assert_eq!(YearCell::Retired { last: YearMonth::try_new(2021, 12)? }.to_string(), "Utgår");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum YearCell {
    /// Reports counted that year (0 is a real zero).
    Count(u64),
    /// The category starts after the year: printed "Nytt för" its first
    /// year.
    NotYetValid {
        /// The category's first valid month.
        first: YearMonth,
    },
    /// The category ended before the year: printed "Utgår".
    Retired {
        /// The category's last valid month.
        last: YearMonth,
    },
}

impl YearCell {
    /// The count, if the cell is one.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::YearCell;
    /// assert_eq!(YearCell::Count(7).count(), Some(7));
    /// ```
    #[must_use]
    pub fn count(self) -> Option<u64> {
        match self {
            YearCell::Count(n) => Some(n),
            YearCell::NotYetValid { .. } | YearCell::Retired { .. } => None,
        }
    }
}

impl fmt::Display for YearCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YearCell::Count(n) => write!(f, "{n}"),
            YearCell::NotYetValid { first } => write!(f, "Nytt för {}", first.year()),
            YearCell::Retired { .. } => f.write_str("Utgår"),
        }
    }
}

/// What changed in the category set from one year of a [`YearOverYear`]
/// table to the next: where the totals stop being comparable.
///
/// # Example
/// See [`YearOverYear::comparability`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ComparabilityNote {
    /// The earlier year.
    pub previous: FiscalYear,
    /// The later year, where the change shows.
    pub year: FiscalYear,
    /// Categories counted in `previous` but not in `year` (*utgår*).
    pub retired: Vec<Category>,
    /// Categories counted in `year` but not in `previous` (*nya*).
    pub added: Vec<Category>,
    /// Categories valid only part of `year` (introduced or retired during it).
    pub part_year: Vec<Category>,
}

impl fmt::Display for ComparabilityNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |list: &[Category]| {
            list.iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        write!(
            f,
            "Totalerna {} och {} är inte jämförbara:",
            self.previous, self.year
        )?;
        let mut sep = " ";
        for (label, list) in [
            ("utgår", &self.retired),
            ("nytt", &self.added),
            ("del av året", &self.part_year),
        ] {
            if !list.is_empty() {
                write!(f, "{sep}{label}: {}", names(list))?;
                sep = "; ";
            }
        }
        Ok(())
    }
}

/// A year-over-year table of incident counts per category while the
/// category set changes: each cell a count or "Utgår" / "Nytt för YEAR"
/// ([`YearCell`]); each year's total over the categories counted that year;
/// a [`ComparabilityNote`] wherever the set differs from the year before.
///
/// The rows are the set's categories valid in at least one of the years.
/// With the `serde` feature it serialises (a result).
///
/// # Example
/// ```
/// use namnd_core::FiscalYear;
/// use namnd_quality::incident::*;
///
/// let (y21, y22) = (FiscalYear::try_new(2021)?, FiscalYear::try_new(2022)?);
/// let set = CategorySet::new(
///     IncidentDomain::HealthCare,
///     vec![
///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
///         Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(y21))?,
///         Category::new(CategoryCode::new("VRI")?, "VRI", Validity::from_year(y22))?,
///     ],
/// )?;
/// let table = YearOverYear::from_counts(
///     &set,
///     &[y21, y22],
///     &[("FALL", y21, 650), ("FALL", y22, 533), ("OMV", y21, 90), ("VRI", y22, 1)],
/// )?;
/// assert_eq!(table.cell("OMV", y22).map(|c| c.to_string()).as_deref(), Some("Utgår"));
/// assert_eq!(table.cell("VRI", y21).map(|c| c.to_string()).as_deref(), Some("Nytt för 2022"));
/// assert_eq!(table.totals(), [740, 534]);
/// assert!(!table.is_comparable());
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct YearOverYear {
    domain: IncidentDomain,
    years: Vec<FiscalYear>,
    rows: Vec<(Category, Vec<YearCell>)>,
    notices: Vec<ValidityNotice>,
}

/// Checks that `years` is non-empty and strictly increasing.
fn check_years(years: &[FiscalYear]) -> Result<()> {
    let what = || {
        years
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if years.is_empty() {
        return Err(QualityError::InvalidTablePeriod {
            what: "no years".to_owned(),
            reason: "at least one year is needed",
        });
    }
    if years.windows(2).any(|w| w.first() >= w.last()) {
        return Err(QualityError::InvalidTablePeriod {
            what: what(),
            reason: "the years must be given in increasing order, each once",
        });
    }
    Ok(())
}

impl YearOverYear {
    /// Counts `reports` per category and year.
    ///
    /// # Errors
    /// - [`QualityError::InvalidTablePeriod`] if `years` is empty or not
    ///   strictly increasing.
    /// - [`QualityError::IncidentOutsideTable`] for a report in another year.
    /// - [`QualityError::IncidentDomainMismatch`],
    ///   [`QualityError::UnknownIncidentCategory`], and with
    ///   [`OutOfValidity::Reject`] [`QualityError::CategoryNotValid`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let y22 = FiscalYear::try_new(2022)?;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let r = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, YearMonth::try_new(2022, 3)?);
    /// let table = YearOverYear::count(&set, &[y22], &[r.clone(), r], OutOfValidity::Reject)?;
    /// assert_eq!(table.cell("FALL", y22), Some(YearCell::Count(2)));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn count(
        set: &CategorySet,
        years: &[FiscalYear],
        reports: &[IncidentReport],
        on_invalid: OutOfValidity,
    ) -> Result<Self> {
        let (table, rejected) = Self::count_lenient(set, years, reports, on_invalid)?;
        match rejected.into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(table),
        }
    }

    /// Counts `reports` as [`count`](Self::count) does, but a report that
    /// cannot be counted is set aside instead of stopping the count: the
    /// table of the rest, and the rejected reports as (index in `reports`,
    /// error), in order.
    ///
    /// # Errors
    /// Only for the table as a whole: [`QualityError::InvalidTablePeriod`]
    /// for bad `years`, [`QualityError::IncidentCountOverflow`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{FiscalYear, OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let y22 = FiscalYear::try_new(2022)?;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let r = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, YearMonth::try_new(2022, 3)?);
    /// let outside = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, YearMonth::try_new(2023, 1)?);
    /// let (table, rejected) = YearOverYear::count_lenient(&set, &[y22], &[r, outside], OutOfValidity::Reject)?;
    /// assert_eq!(table.total(y22), Some(1));
    /// assert_eq!(rejected.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [1]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn count_lenient(
        set: &CategorySet,
        years: &[FiscalYear],
        reports: &[IncidentReport],
        on_invalid: OutOfValidity,
    ) -> Result<(Self, Vec<(usize, QualityError)>)> {
        check_years(years)?;
        let mut grid = vec![vec![0_u64; years.len()]; set.categories.len()];
        let mut notices: BTreeMap<(usize, YearMonth), u64> = BTreeMap::new();
        let mut rejected = Vec::new();
        let mut total = 0_u64;
        for (at, report) in reports.iter().enumerate() {
            let (index, category) = match set.index_of(report) {
                Ok(found) => found,
                Err(error) => {
                    rejected.push((at, error));
                    continue;
                }
            };
            let year = report.month.fiscal_year();
            let Some(column) = years.iter().position(|&y| y == year) else {
                rejected.push((
                    at,
                    QualityError::IncidentOutsideTable {
                        code: quoted(report.category.as_str()),
                        period: report.month.to_string(),
                        covered: Self::covered(years),
                    },
                ));
                continue;
            };
            if !category.validity.contains(report.month) {
                match on_invalid {
                    OutOfValidity::Reject => {
                        rejected.push((at, category.not_valid(report.month.to_string())));
                        continue;
                    }
                    OutOfValidity::AcceptWithNotice => bump(
                        notices.entry((index, report.month)).or_default(),
                        1,
                        category.code.as_str(),
                    )?,
                }
            }
            bump(&mut total, 1, category.code.as_str())?;
            if let Some(cell) = grid.get_mut(index).and_then(|row| row.get_mut(column)) {
                bump(cell, 1, category.code.as_str())?;
            }
        }
        let notices = notices
            .into_iter()
            .filter_map(|((index, month), reports)| {
                set.categories.get(index).map(|c| ValidityNotice {
                    category: c.code.clone(),
                    name: c.name.clone(),
                    validity: c.validity,
                    month,
                    reports,
                })
            })
            .collect();
        Ok((Self::assemble(set, years, &grid, notices), rejected))
    }

    /// A table from published yearly counts `(code, year, count)`. Valid
    /// category-years not listed count 0.
    ///
    /// # Errors
    /// - [`QualityError::InvalidTablePeriod`] as for [`YearOverYear::count`].
    /// - [`QualityError::UnknownIncidentCategory`] for a code not in the set.
    /// - [`QualityError::IncidentOutsideTable`] for a year not in `years`.
    /// - [`QualityError::CategoryNotValid`] for a count in a year where the
    ///   category is not valid in any month (a "Utgår" cell given a number).
    /// - [`QualityError::IncidentCountShape`] for a category-year listed twice.
    /// - [`QualityError::IncidentCountOverflow`] if the counts overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::{QualityError, incident::*};
    /// let (y21, y22) = (FiscalYear::try_new(2021)?, FiscalYear::try_new(2022)?);
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(y21))?],
    /// )?;
    /// assert!(matches!(
    ///     YearOverYear::from_counts(&set, &[y21, y22], &[("OMV", y22, 0)]),
    ///     Err(e) if e.to_string() == "incident category \"OMV\" (Omvårdnad) is not valid in 2022; it is valid through 2021-12"
    /// ));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn from_counts(
        set: &CategorySet,
        years: &[FiscalYear],
        counts: &[(&str, FiscalYear, u64)],
    ) -> Result<Self> {
        check_years(years)?;
        let mut grid = vec![vec![0_u64; years.len()]; set.categories.len()];
        let mut listed = HashSet::new();
        let mut total = 0_u64;
        for &(code, year, n) in counts {
            let (index, category) = set.known_code(code, &year.to_string())?;
            let column = years.iter().position(|&y| y == year).ok_or_else(|| {
                QualityError::IncidentOutsideTable {
                    code: quoted(code),
                    period: year.to_string(),
                    covered: Self::covered(years),
                }
            })?;
            if !category.validity.in_year(year).is_valid() {
                return Err(category.not_valid(year.to_string()));
            }
            if !listed.insert((index, column)) {
                return Err(QualityError::IncidentCountShape {
                    code: quoted(code),
                    reason: "the category is listed twice for one year",
                    expected: 1,
                    found: 2,
                });
            }
            bump(&mut total, n, code)?;
            if let Some(cell) = grid.get_mut(index).and_then(|row| row.get_mut(column)) {
                *cell = n;
            }
        }
        Ok(Self::assemble(set, years, &grid, Vec::new()))
    }

    fn covered(years: &[FiscalYear]) -> String {
        years
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn assemble(
        set: &CategorySet,
        years: &[FiscalYear],
        grid: &[Vec<u64>],
        notices: Vec<ValidityNotice>,
    ) -> Self {
        let mut rows = Vec::new();
        for (category, counts) in set.categories.iter().zip(grid) {
            let mut any = false;
            let cells: Vec<YearCell> = years
                .iter()
                .zip(counts)
                .map(|(&year, &n)| match category.validity.in_year(year) {
                    YearValidity::NotYetValid { first } if n == 0 => {
                        YearCell::NotYetValid { first }
                    }
                    YearValidity::Retired { last } if n == 0 => YearCell::Retired { last },
                    _ => {
                        any = true;
                        YearCell::Count(n)
                    }
                })
                .collect();
            if any {
                rows.push((category.clone(), cells));
            }
        }
        YearOverYear {
            domain: set.domain,
            years: years.to_vec(),
            rows,
            notices,
        }
    }

    /// The domain counted.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::SocialCare, vec![])?;
    /// let t = YearOverYear::from_counts(&set, &[FiscalYear::try_new(2022)?], &[])?;
    /// assert_eq!(t.domain(), IncidentDomain::SocialCare);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn domain(&self) -> IncidentDomain {
        self.domain
    }

    /// The years (columns), in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::SocialCare, vec![])?;
    /// let y = FiscalYear::try_new(2022)?;
    /// assert_eq!(YearOverYear::from_counts(&set, &[y], &[])?.years(), [y]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn years(&self) -> &[FiscalYear] {
        &self.years
    }

    /// The categories shown (rows), in the set's order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let t = YearOverYear::from_counts(&set, &[FiscalYear::try_new(2022)?], &[])?;
    /// assert_eq!(t.categories().count(), 1);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn categories(&self) -> impl Iterator<Item = &Category> {
        self.rows.iter().map(|(c, _)| c)
    }

    /// Reports counted where their category was not valid (only with
    /// [`OutOfValidity::AcceptWithNotice`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(IncidentDomain::SocialCare, vec![])?;
    /// assert!(YearOverYear::from_counts(&set, &[FiscalYear::try_new(2022)?], &[])?.notices().is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn notices(&self) -> &[ValidityNotice] {
        &self.notices
    }

    /// The cell for category `code` in `year`; `None` if not in the table.
    ///
    /// # Example
    /// See [`YearOverYear`].
    #[must_use]
    pub fn cell(&self, code: &str, year: FiscalYear) -> Option<YearCell> {
        let (_, cells) = self.rows.iter().find(|(c, _)| c.code.as_str() == code)?;
        let j = self.years.iter().position(|&y| y == year)?;
        cells.get(j).copied()
    }

    /// The total of `year` over the categories counted that year (cells that
    /// are "Utgår" or "Nytt för" add nothing, and are not zeros); `None` if
    /// the year is not in the table.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let y = FiscalYear::try_new(2022)?;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let t = YearOverYear::from_counts(&set, &[y], &[("FALL", y, 533)])?;
    /// assert_eq!(t.total(y), Some(533));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn total(&self, year: FiscalYear) -> Option<u64> {
        let j = self.years.iter().position(|&y| y == year)?;
        Some(self.total_at(j))
    }

    fn total_at(&self, j: usize) -> u64 {
        sum(self
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.get(j).and_then(|c| c.count())))
    }

    /// Every year's total, in column order.
    ///
    /// # Example
    /// See [`YearOverYear`].
    #[must_use]
    pub fn totals(&self) -> Vec<u64> {
        (0..self.years.len()).map(|j| self.total_at(j)).collect()
    }

    /// Where the category set changes between consecutive years of the
    /// table, or a category is valid only part of a year: one note per
    /// affected year (the first year gets a note only for part-year
    /// categories). Print them under the table.
    ///
    /// # Example
    /// ```
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let (y21, y22) = (FiscalYear::try_new(2021)?, FiscalYear::try_new(2022)?);
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(y21))?,
    ///         Category::new(CategoryCode::new("VRI")?, "VRI", Validity::from_year(y22))?,
    ///     ],
    /// )?;
    /// let t = YearOverYear::from_counts(&set, &[y21, y22], &[])?;
    /// let notes = t.comparability();
    /// assert_eq!(notes.len(), 1);
    /// assert_eq!(
    ///     notes.first().map(ToString::to_string).as_deref(),
    ///     Some("Totalerna 2021 och 2022 är inte jämförbara: utgår: Omvårdnad; nytt: VRI")
    /// );
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn comparability(&self) -> Vec<ComparabilityNote> {
        let counted = |j: usize| -> Vec<&Category> {
            self.rows
                .iter()
                .filter(|(_, cells)| cells.get(j).and_then(|c| c.count()).is_some())
                .map(|(c, _)| c)
                .collect()
        };
        let part_year = |year: FiscalYear| -> Vec<Category> {
            self.rows
                .iter()
                .filter(|(c, _)| c.validity.in_year(year) == YearValidity::PartYear)
                .map(|(c, _)| c.clone())
                .collect()
        };
        let mut notes = Vec::new();
        for (j, &year) in self.years.iter().enumerate() {
            let part = part_year(year);
            let previous = j
                .checked_sub(1)
                .and_then(|p| Some((p, *self.years.get(p)?)));
            let (previous_year, retired, added) = match previous {
                Some((p, previous_year)) => {
                    let before = counted(p);
                    let now = counted(j);
                    let retired: Vec<Category> = before
                        .iter()
                        .filter(|c| !now.contains(c))
                        .map(|c| (*c).clone())
                        .collect();
                    let added: Vec<Category> = now
                        .iter()
                        .filter(|c| !before.contains(c))
                        .map(|c| (*c).clone())
                        .collect();
                    (previous_year, retired, added)
                }
                None => (year, Vec::new(), Vec::new()),
            };
            if !retired.is_empty() || !added.is_empty() || !part.is_empty() {
                notes.push(ComparabilityNote {
                    previous: previous_year,
                    year,
                    retired,
                    added,
                    part_year: part,
                });
            }
        }
        notes
    }

    /// Whether every year counts the same categories, each for the whole
    /// year (no [`ComparabilityNote`]).
    ///
    /// # Example
    /// See [`YearOverYear`].
    #[must_use]
    pub fn is_comparable(&self) -> bool {
        self.comparability().is_empty()
    }
}

// --------------------------------------------------------------- closure

/// Reports received and investigated-and-closed (*utredda och avslutade*)
/// in one category.
///
/// # Example
/// ```
/// use namnd_quality::incident::{CategoryCode, ClosureCount};
/// let c = ClosureCount::new(CategoryCode::new("Läkemedel")?, 456, 419)?;
/// assert_eq!(c.share().value().map(|v| v.round_dp(1).to_string()).as_deref(), Some("91.9"));
/// assert!(ClosureCount::new(CategoryCode::new("Fall")?, 2, 3).is_err());
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ClosureCountRepr", into = "ClosureCountRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(with = "ClosureCountRepr"))]
pub struct ClosureCount {
    category: CategoryCode,
    reports: u64,
    closed: u64,
}

/// The wire form of a [`ClosureCount`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct ClosureCountRepr {
    category: CategoryCode,
    reports: u64,
    closed: u64,
}

#[cfg(feature = "serde")]
impl TryFrom<ClosureCountRepr> for ClosureCount {
    type Error = QualityError;

    fn try_from(r: ClosureCountRepr) -> Result<Self> {
        ClosureCount::new(r.category, r.reports, r.closed)
    }
}

#[cfg(feature = "serde")]
impl From<ClosureCount> for ClosureCountRepr {
    fn from(c: ClosureCount) -> Self {
        ClosureCountRepr {
            category: c.category,
            reports: c.reports,
            closed: c.closed,
        }
    }
}

impl ClosureCount {
    /// `closed` of `reports` investigated and closed.
    ///
    /// # Errors
    /// [`QualityError::ClosedExceedsReports`] if `closed > reports`.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategoryCode, ClosureCount};
    /// assert_eq!(ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?.closed(), 748);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn new(category: CategoryCode, reports: u64, closed: u64) -> Result<Self> {
        if closed > reports {
            return Err(QualityError::ClosedExceedsReports {
                code: quoted(category.as_str()),
                closed,
                reports,
            });
        }
        Ok(ClosureCount {
            category,
            reports,
            closed,
        })
    }

    /// The category.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategoryCode, ClosureCount};
    /// assert_eq!(ClosureCount::new(CategoryCode::new("Fall")?, 1, 1)?.category().as_str(), "Fall");
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn category(&self) -> &CategoryCode {
        &self.category
    }

    /// Reports received.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategoryCode, ClosureCount};
    /// assert_eq!(ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?.reports(), 834);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn reports(&self) -> u64 {
        self.reports
    }

    /// Reports investigated and closed.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategoryCode, ClosureCount};
    /// assert_eq!(ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?.closed(), 748);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn closed(&self) -> u64 {
        self.closed
    }

    /// Closed as a share of reports, unrounded; not meaningful with no
    /// reports (Flen prints "--").
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::{CategoryCode, ClosureCount};
    /// assert!(ClosureCount::new(CategoryCode::new("VRI")?, 0, 0)?.share().is_not_meaningful());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn share(&self) -> Percent {
        percent_of(
            Decimal::from(self.closed),
            Decimal::from(self.reports),
            Decimal::ZERO,
        )
    }
}

/// The share of incident reports investigated and closed per category
/// against a target (Flen's patient-safety report: share "utredda och
/// avslutade" per category vs ≥ 90 %).
///
/// The total is a **weighted** share, Σ closed / Σ reports, never the
/// average of the category percentages (which would give a category of 34
/// reports the same weight as one of 834).
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_quality::incident::{CategoryCode, ClosureCount, ClosureTable};
///
/// let table = ClosureTable::new(
///     vec![
///         ClosureCount::new(CategoryCode::new("A")?, 100, 95)?,
///         ClosureCount::new(CategoryCode::new("B")?, 10, 5)?,
///     ],
///     Decimal::from(90),
/// )?;
/// // (95 + 5) / (100 + 10) = 90,9 %, not (95 % + 50 %) / 2 = 72,5 %.
/// assert_eq!(table.weighted_share().value().map(|v| v.round_dp(1)), Some(Decimal::new(909, 1)));
/// assert_eq!(table.meets_target(), Some(true));
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ClosureTable {
    rows: Vec<ClosureCount>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    target: Decimal,
}

impl ClosureTable {
    /// A table of `rows` against `target` (a share in percent, such as 90).
    ///
    /// # Errors
    /// - [`QualityError::InvalidTargetShare`] for a target outside 0–100.
    /// - [`QualityError::DuplicateCategory`] for a category listed twice.
    /// - [`QualityError::IncidentCountOverflow`] if the reports overflow.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_quality::{QualityError, incident::ClosureTable};
    /// assert!(matches!(ClosureTable::new(vec![], Decimal::from(101)), Err(QualityError::InvalidTargetShare { .. })));
    /// # Ok::<(), QualityError>(())
    /// ```
    pub fn new(rows: Vec<ClosureCount>, target: Decimal) -> Result<Self> {
        if target < Decimal::ZERO || target > Decimal::ONE_HUNDRED {
            return Err(QualityError::InvalidTargetShare { target });
        }
        let mut seen = HashSet::new();
        let mut total = 0_u64;
        for row in &rows {
            if !seen.insert(row.category.as_str()) {
                return Err(QualityError::DuplicateCategory {
                    what: "code",
                    label: quoted(row.category.as_str()),
                });
            }
            bump(&mut total, row.reports, row.category.as_str())?;
        }
        Ok(ClosureTable { rows, target })
    }

    /// Counts `reports` (all of the set's domain, each checked against the
    /// set) per category: one row for every category of the set valid in at
    /// least one month between the first and the last report, in the set's
    /// order.
    ///
    /// # Errors
    /// As [`CategorySet::check`] for each report (with
    /// [`OutOfValidity::Reject`]), and as [`ClosureTable::new`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let r = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, YearMonth::try_new(2023, 5)?);
    /// let table = ClosureTable::from_reports(&set, &[r.clone().closed(), r], Decimal::from(90))?;
    /// assert_eq!(table.total_closed(), 1);
    /// assert_eq!(table.meets_target(), Some(false));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn from_reports(
        set: &CategorySet,
        reports: &[IncidentReport],
        target: Decimal,
    ) -> Result<Self> {
        let (table, rejected) = Self::from_reports_lenient(set, reports, target)?;
        match rejected.into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(table),
        }
    }

    /// Counts `reports` as [`from_reports`](Self::from_reports) does, but a
    /// report that fails [`CategorySet::check`] is set aside instead of
    /// stopping the count: the table of the rest (its months span the
    /// reports counted), and the rejected reports as (index in `reports`,
    /// error), in order.
    ///
    /// # Errors
    /// As [`ClosureTable::new`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Decimal, OrgUnit, YearMonth};
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?],
    /// )?;
    /// let may = YearMonth::try_new(2023, 5)?;
    /// let fall = IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, may);
    /// let other = IncidentReport::new(IncidentDomain::SocialCare, CategoryCode::new("FALL")?, OrgUnit::new("A")?, may);
    /// let (table, rejected) = ClosureTable::from_reports_lenient(&set, &[other, fall.closed()], Decimal::from(90))?;
    /// assert_eq!((table.total_reports(), table.total_closed()), (1, 1));
    /// assert_eq!(rejected[0].0, 0);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn from_reports_lenient(
        set: &CategorySet,
        reports: &[IncidentReport],
        target: Decimal,
    ) -> Result<(Self, Vec<(usize, QualityError)>)> {
        let mut counts = vec![(0_u64, 0_u64); set.categories.len()];
        let mut rejected = Vec::new();
        let mut counted = Vec::new();
        for (at, report) in reports.iter().enumerate() {
            let index = match set.check(report).and_then(|_| set.index_of(report)) {
                Ok((index, _)) => index,
                Err(error) => {
                    rejected.push((at, error));
                    continue;
                }
            };
            counted.push(report.month);
            if let Some((received, closed)) = counts.get_mut(index) {
                bump(received, 1, report.category.as_str())?;
                if report.closed {
                    bump(closed, 1, report.category.as_str())?;
                }
            }
        }
        let first = counted.iter().min().copied();
        let last = counted.iter().max().copied();
        let mut rows = Vec::new();
        for (category, (received, closed)) in set.categories.iter().zip(counts) {
            let shown = match (first, last) {
                (Some(first), Some(last)) => {
                    received > 0 || first.iter_to(last).any(|m| category.validity.contains(m))
                }
                _ => false,
            };
            if shown {
                rows.push(ClosureCount::new(category.code.clone(), received, closed)?);
            }
        }
        Ok((Self::new(rows, target)?, rejected))
    }

    /// The rows, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_quality::incident::ClosureTable;
    /// assert!(ClosureTable::new(vec![], Decimal::from(90))?.rows().is_empty());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn rows(&self) -> &[ClosureCount] {
        &self.rows
    }

    /// The target share in percent.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_quality::incident::ClosureTable;
    /// assert_eq!(ClosureTable::new(vec![], Decimal::from(90))?.target(), Decimal::from(90));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn target(&self) -> Decimal {
        self.target
    }

    /// Σ reports.
    ///
    /// # Example
    /// See [`ClosureTable::from_reports`].
    #[must_use]
    pub fn total_reports(&self) -> u64 {
        sum(self.rows.iter().map(|r| r.reports))
    }

    /// Σ closed.
    ///
    /// # Example
    /// See [`ClosureTable::from_reports`].
    #[must_use]
    pub fn total_closed(&self) -> u64 {
        // closed ≤ reports row by row, so this fits whenever Σ reports does.
        sum(self.rows.iter().map(|r| r.closed))
    }

    /// Σ closed / Σ reports in percent, unrounded: the weighted share. Not
    /// meaningful with no reports.
    ///
    /// # Example
    /// See [`ClosureTable`].
    #[must_use]
    pub fn weighted_share(&self) -> Percent {
        percent_of(
            Decimal::from(self.total_closed()),
            Decimal::from(self.total_reports()),
            Decimal::ZERO,
        )
    }

    /// Whether a category's unrounded share reaches the target; `None` for a
    /// category not in the table or without reports.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Decimal;
    /// use namnd_quality::incident::{CategoryCode, ClosureCount, ClosureTable};
    /// let t = ClosureTable::new(vec![ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?], Decimal::from(90))?;
    /// assert_eq!(t.category_meets_target("Fall"), Some(false)); // 89,7 %
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn category_meets_target(&self, code: &str) -> Option<bool> {
        let row = self.rows.iter().find(|r| r.category.as_str() == code)?;
        row.share().value().map(|v| v >= self.target)
    }

    /// Whether the weighted share reaches the target; `None` with no reports.
    ///
    /// # Example
    /// See [`ClosureTable`].
    #[must_use]
    pub fn meets_target(&self) -> Option<bool> {
        self.weighted_share().value().map(|v| v >= self.target)
    }

    /// The counts as they may be published: a table of categories ×
    /// (`utredda och avslutade`, `ej avslutade`), whose row totals are the
    /// reports, through [`CountTable::suppress`]. Publish a category's share
    /// only where both of its cells are shown.
    ///
    /// # Errors
    /// [`QualityError::Calc`] only if a count cannot be added.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::Decimal;
    /// use namnd_quality::incident::{CategoryCode, ClosureCount, ClosureTable};
    /// let t = ClosureTable::new(
    ///     vec![
    ///         ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?,
    ///         ClosureCount::new(CategoryCode::new("VRI")?, 3, 3)?,
    ///     ],
    ///     Decimal::from(90),
    /// )?;
    /// let published = t.committee(SmallCountPolicy::default())?;
    /// assert!(published.cell("VRI", "utredda och avslutade").is_some_and(|c| c.is_hidden()));
    /// assert!(published.is_protected());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee(&self, policy: SmallCountPolicy) -> Result<SuppressedTable> {
        let mut table = CountTable::new(
            self.rows.iter().map(|r| r.category.0.clone()).collect(),
            vec![CLOSURE_CLOSED.to_owned(), CLOSURE_OPEN.to_owned()],
        )?;
        for row in &self.rows {
            table.add(row.category.as_str(), CLOSURE_CLOSED, row.closed)?;
            table.add(
                row.category.as_str(),
                CLOSURE_OPEN,
                row.reports.saturating_sub(row.closed),
            )?;
        }
        Ok(table.suppress(policy))
    }
}

// --------------------------------------------------------------- committee

/// One published cell of an [`IncidentMatrix`] ([`IncidentMatrix::committee_rows`]):
/// a count through suppression, or "–" where the category was not valid
/// in the month (never a 0 for a category that did not exist).
///
/// # Example
/// ```
/// use namnd_quality::incident::PublishedMatrixCell;
/// assert_eq!(PublishedMatrixCell::NotValid.to_string(), "\u{2013}");
/// assert_eq!(PublishedMatrixCell::NotValid.value(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum PublishedMatrixCell {
    /// A count, shown or hidden.
    Count(PublishedCount),
    /// The category was not valid in the month: printed "–".
    NotValid,
}

impl PublishedMatrixCell {
    /// The shown count; `None` when hidden or not valid.
    ///
    /// # Example
    /// See [`PublishedMatrixCell`].
    #[must_use]
    pub fn value(self) -> Option<u64> {
        match self {
            PublishedMatrixCell::Count(c) => c.value(),
            PublishedMatrixCell::NotValid => None,
        }
    }

    /// Whether the cell is a hidden count.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::incident::PublishedMatrixCell;
    /// assert!(!PublishedMatrixCell::NotValid.is_hidden());
    /// ```
    #[must_use]
    pub fn is_hidden(self) -> bool {
        matches!(self, PublishedMatrixCell::Count(c) if c.is_hidden())
    }
}

impl fmt::Display for PublishedMatrixCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishedMatrixCell::Count(c) => write!(f, "{c}"),
            PublishedMatrixCell::NotValid => f.write_str("\u{2013}"),
        }
    }
}

impl IncidentMatrix {
    /// The rows of the committee version ([`committee`](Self::committee)),
    /// ready to print: each category's Swedish name and one cell per month,
    /// with "–" ([`PublishedMatrixCell::NotValid`]) where the category was
    /// not valid and nothing was counted, instead of the table's 0.
    ///
    /// # Errors
    /// As [`IncidentMatrix::to_count_table`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::YearMonth;
    /// use namnd_quality::incident::*;
    /// let (jun, jul) = (YearMonth::try_new(2022, 6)?, YearMonth::try_new(2022, 7)?);
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("NY")?, "Ny", Validity::new(Some(jul), None)?)?,
    ///     ],
    /// )?;
    /// let m = IncidentMatrix::from_counts(&set, jun, jul, &[("FALL", &[40, 38]), ("NY", &[0, 9])])?;
    /// let rows = m.committee_rows(SmallCountPolicy::default())?;
    /// let printed: Vec<String> = rows[1].1.iter().map(ToString::to_string).collect();
    /// assert_eq!((rows[1].0.as_str(), printed), ("Ny", vec!["\u{2013}".to_owned(), "9".to_owned()]));
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee_rows(
        &self,
        policy: SmallCountPolicy,
    ) -> Result<Vec<(String, Vec<PublishedMatrixCell>)>> {
        let published = self.committee(policy)?;
        let mut rows = Vec::with_capacity(self.rows.len());
        for (category, counts) in &self.rows {
            let mut cells = Vec::with_capacity(counts.len());
            for (month, &n) in self.months.iter().zip(counts) {
                if n == 0 && !category.validity.contains(*month) {
                    cells.push(PublishedMatrixCell::NotValid);
                } else if let Some(c) = published.cell(&category.name, &month.to_string()) {
                    cells.push(PublishedMatrixCell::Count(c));
                }
            }
            rows.push((category.name.clone(), cells));
        }
        Ok(rows)
    }

    /// Each shown category's share of the grand total, for public papers:
    /// as [`shares`](Self::shares) (largest remainder over all rows), but
    /// `None` for a category whose row total the committee version
    /// ([`committee`](Self::committee)) hides, and for every category when
    /// the grand total is hidden: a share next to a shown total would give
    /// the hidden count away.
    ///
    /// # Errors
    /// As [`shares`](Self::shares) and [`committee`](Self::committee).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::{Decimal, YearMonth};
    /// use namnd_quality::incident::*;
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("A")?, "A", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("B")?, "B", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("C")?, "C", Validity::ALWAYS)?,
    ///     ],
    /// )?;
    /// let jan = YearMonth::try_new(2022, 1)?;
    /// let m = IncidentMatrix::from_counts(&set, jan, jan, &[("A", &[90]), ("B", &[7]), ("C", &[3])])?;
    /// let shares: Vec<Option<Decimal>> = m.committee_shares(SmallCountPolicy::default(), 0)?.into_iter().map(|(_, s)| s).collect();
    /// // C's 3 is hidden, and B's 7 with it (else 100 − 90 − 7 gives C away).
    /// assert_eq!(shares, [Some(Decimal::from(90)), None, None]);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee_shares(
        &self,
        policy: SmallCountPolicy,
        decimals: u32,
    ) -> Result<Vec<(CategoryCode, Option<Decimal>)>> {
        let published = self.committee(policy)?;
        let shares = self.shares(decimals)?;
        let grand_hidden = published.grand_total().is_hidden();
        Ok(self
            .rows
            .iter()
            .zip(shares)
            .map(|((category, _), (code, share))| {
                let hidden = grand_hidden
                    || published
                        .row_total(&category.name)
                        .is_none_or(PublishedCount::is_hidden);
                (code, (!hidden).then_some(share))
            })
            .collect())
    }
}

/// One published cell of a [`YearOverYear`] table
/// ([`YearOverYear::committee`]): a count through suppression, or "Utgår" /
/// "Nytt för YEAR" as in [`YearCell`].
///
/// # Example
/// ```
/// use namnd_core::YearMonth;
/// use namnd_quality::incident::PublishedYearCell;
/// assert_eq!(PublishedYearCell::Retired { last: YearMonth::try_new(2021, 12)? }.to_string(), "Utgår");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum PublishedYearCell {
    /// A count, shown or hidden.
    Count(PublishedCount),
    /// The category starts after the year: "Nytt för" its first year.
    NotYetValid {
        /// The category's first valid month.
        first: YearMonth,
    },
    /// The category ended before the year: "Utgår".
    Retired {
        /// The category's last valid month.
        last: YearMonth,
    },
}

impl PublishedYearCell {
    /// The shown count; `None` when hidden, "Utgår" or "Nytt för".
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn value(self) -> Option<u64> {
        match self {
            PublishedYearCell::Count(c) => c.value(),
            PublishedYearCell::NotYetValid { .. } | PublishedYearCell::Retired { .. } => None,
        }
    }

    /// Whether the cell is a hidden count.
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn is_hidden(self) -> bool {
        matches!(self, PublishedYearCell::Count(c) if c.is_hidden())
    }
}

impl fmt::Display for PublishedYearCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishedYearCell::Count(c) => write!(f, "{c}"),
            PublishedYearCell::NotYetValid { first } => write!(f, "Nytt för {}", first.year()),
            PublishedYearCell::Retired { .. } => f.write_str("Utgår"),
        }
    }
}

/// A [`YearOverYear`] table fit for public committee papers
/// ([`YearOverYear::committee`]).
///
/// # Example
/// See [`YearOverYear::committee`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CommitteeYearOverYear {
    years: Vec<FiscalYear>,
    rows: Vec<(CategoryCode, String, Vec<PublishedYearCell>)>,
    table: SuppressedTable,
}

impl CommitteeYearOverYear {
    /// The years, in order.
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn years(&self) -> &[FiscalYear] {
        &self.years
    }

    /// The rows: category code, Swedish name and one cell per year.
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn rows(&self) -> &[(CategoryCode, String, Vec<PublishedYearCell>)] {
        &self.rows
    }

    /// The cell for category `code` in `year`; `None` if not in the table.
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn cell(&self, code: &str, year: FiscalYear) -> Option<PublishedYearCell> {
        let (_, _, cells) = self.rows.iter().find(|(c, _, _)| c.as_str() == code)?;
        let j = self.years.iter().position(|&y| y == year)?;
        cells.get(j).copied()
    }

    /// The published total of `year`; `None` if the year is not in the table.
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn total(&self, year: FiscalYear) -> Option<PublishedCount> {
        self.table.column_total(&year.to_string())
    }

    /// The suppressed categories × years table behind the cells (rows by
    /// Swedish name, columns by year; "Utgår" / "Nytt för" cells are 0 there).
    ///
    /// # Example
    /// See [`YearOverYear::committee`].
    #[must_use]
    pub fn table(&self) -> &SuppressedTable {
        &self.table
    }
}

impl YearOverYear {
    /// The table as it may be printed in public committee papers: the counts
    /// as a categories × years [`CountTable`] through suppression (small
    /// counts hidden, with secondary suppression so that no hidden count can
    /// be worked out from the totals), and "Utgår" / "Nytt för YEAR" kept
    /// where the category was not valid.
    ///
    /// # Errors
    /// [`QualityError::Calc`] only if a count cannot be added.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::FiscalYear;
    /// use namnd_quality::incident::*;
    /// let (y21, y22) = (FiscalYear::try_new(2021)?, FiscalYear::try_new(2022)?);
    /// let set = CategorySet::new(
    ///     IncidentDomain::HealthCare,
    ///     vec![
    ///         Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?,
    ///         Category::new(CategoryCode::new("OMV")?, "Omvårdnad", Validity::through_year(y21))?,
    ///         Category::new(CategoryCode::new("VRI")?, "VRI", Validity::from_year(y22))?,
    ///     ],
    /// )?;
    /// let table = YearOverYear::from_counts(
    ///     &set,
    ///     &[y21, y22],
    ///     &[("FALL", y21, 650), ("FALL", y22, 533), ("OMV", y21, 90), ("VRI", y22, 1)],
    /// )?;
    /// let published = table.committee(SmallCountPolicy::default())?;
    /// assert_eq!(published.cell("OMV", y22).map(|c| c.to_string()).as_deref(), Some("Utgår"));
    /// assert_eq!(published.cell("VRI", y21).map(|c| c.to_string()).as_deref(), Some("Nytt för 2022"));
    /// assert!(published.cell("VRI", y22).is_some_and(|c| c.is_hidden()));
    /// // 533 would give the VRI 1 away from the 2022 total: hidden as well.
    /// assert!(published.cell("FALL", y22).is_some_and(|c| c.is_hidden()));
    /// assert!(published.table().is_protected());
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee(&self, policy: SmallCountPolicy) -> Result<CommitteeYearOverYear> {
        let columns: Vec<String> = self.years.iter().map(ToString::to_string).collect();
        let mut table = CountTable::new(
            self.rows.iter().map(|(c, _)| c.name.clone()).collect(),
            columns.clone(),
        )?;
        for (category, cells) in &self.rows {
            for (column, cell) in columns.iter().zip(cells) {
                if let Some(n) = cell.count() {
                    table.add(&category.name, column, n)?;
                }
            }
        }
        let table = table.suppress(policy);
        let rows = self
            .rows
            .iter()
            .map(|(category, cells)| {
                let published = columns
                    .iter()
                    .zip(cells)
                    .filter_map(|(column, cell)| match *cell {
                        YearCell::Count(_) => table
                            .cell(&category.name, column)
                            .map(PublishedYearCell::Count),
                        YearCell::NotYetValid { first } => {
                            Some(PublishedYearCell::NotYetValid { first })
                        }
                        YearCell::Retired { last } => Some(PublishedYearCell::Retired { last }),
                    })
                    .collect();
                (category.code.clone(), category.name.clone(), published)
            })
            .collect();
        Ok(CommitteeYearOverYear {
            years: self.years.clone(),
            rows,
            table,
        })
    }
}

impl ClosureTable {
    /// Each row's share investigated and closed, for public papers: the
    /// share only where both of the row's cells in the committee version
    /// ([`committee`](Self::committee): closed and not closed) are shown,
    /// `None` otherwise (a share next to one shown cell gives the other
    /// away).
    ///
    /// # Errors
    /// As [`committee`](Self::committee).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::suppress::SmallCountPolicy;
    /// use namnd_core::Decimal;
    /// use namnd_quality::incident::{CategoryCode, ClosureCount, ClosureTable};
    /// let t = ClosureTable::new(
    ///     vec![
    ///         ClosureCount::new(CategoryCode::new("Fall")?, 834, 748)?,
    ///         ClosureCount::new(CategoryCode::new("LM")?, 300, 290)?,
    ///         ClosureCount::new(CategoryCode::new("VRI")?, 3, 3)?,
    ///     ],
    ///     Decimal::from(90),
    /// )?;
    /// let shares = t.committee_shares(SmallCountPolicy::default())?;
    /// assert!(shares[0].1.is_some());
    /// assert_eq!(shares[2].1, None);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    pub fn committee_shares(
        &self,
        policy: SmallCountPolicy,
    ) -> Result<Vec<(CategoryCode, Option<Percent>)>> {
        let published = self.committee(policy)?;
        Ok(self
            .rows
            .iter()
            .map(|row| {
                let shown = |column: &str| {
                    published
                        .cell(row.category.as_str(), column)
                        .is_some_and(|c| !c.is_hidden())
                };
                let both = shown(CLOSURE_CLOSED) && shown(CLOSURE_OPEN);
                (row.category.clone(), both.then(|| row.share()))
            })
            .collect())
    }
}

// ------------------------------------------------------------------ by unit

/// What the rows or columns of an [`incident_table`] count by.
///
/// | Axis | Labels |
/// |---|---|
/// | [`Unit`](Self::Unit) | unit codes present, sorted |
/// | [`Category`](Self::Category) | category codes present, sorted |
/// | [`Month`](Self::Month) | months present (`2022-03`), sorted |
/// | [`Domain`](Self::Domain) | `SoL/LSS`, `HSL` as [`IncidentDomain`] prints them, those present |
///
/// # Example
/// See [`incident_table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum IncidentAxis {
    /// By unit.
    Unit,
    /// By category code.
    Category,
    /// By month.
    Month,
    /// By domain (SoL/LSS or HSL).
    Domain,
}

impl IncidentAxis {
    fn label(self, report: &IncidentReport) -> String {
        match self {
            IncidentAxis::Unit => report.unit.code().to_owned(),
            IncidentAxis::Category => report.category.as_str().to_owned(),
            IncidentAxis::Month => report.month.to_string(),
            IncidentAxis::Domain => report.domain.to_string(),
        }
    }
}

/// Incident reports counted by `rows` × `columns` (e.g. unit × domain), as a
/// [`CountTable`] with row, column and grand totals; publish it with
/// [`CountTable::suppress`]. Each report is first checked against the
/// category set of its domain among `sets` ([`CategorySet::check`]); the
/// reports that fail are returned, as (index in `reports`, error), and not
/// counted.
///
/// # Errors
/// [`QualityError::Calc`] or [`QualityError::IncidentCountOverflow`] if a
/// count overflows (not in practice).
///
/// # Example
/// ```
/// use namnd_core::{OrgUnit, YearMonth};
/// use namnd_quality::incident::*;
/// let hsl = CategorySet::new(IncidentDomain::HealthCare, vec![Category::new(CategoryCode::new("FALL")?, "Fall", Validity::ALWAYS)?])?;
/// let may = YearMonth::try_new(2021, 5)?;
/// let fall = |unit: &str| -> Result<IncidentReport, namnd_quality::QualityError> {
///     Ok(IncidentReport::new(IncidentDomain::HealthCare, CategoryCode::new("FALL")?, OrgUnit::new(unit)?, may))
/// };
/// let reports = [fall("SÄBO")?, fall("SÄBO")?, fall("ORD")?];
/// let (table, rejected) = incident_table(&[hsl], &reports, IncidentAxis::Unit, IncidentAxis::Domain)?;
/// assert!(rejected.is_empty());
/// assert_eq!(table.count("SÄBO", "HSL"), Some(2));
/// assert_eq!(table.grand_total(), 3);
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
pub fn incident_table(
    sets: &[CategorySet],
    reports: &[IncidentReport],
    rows: IncidentAxis,
    columns: IncidentAxis,
) -> Result<(CountTable, Vec<(usize, QualityError)>)> {
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut rejected = Vec::new();
    for (at, report) in reports.iter().enumerate() {
        let checked = sets.iter().find(|s| s.domain == report.domain).map_or_else(
            || {
                Err(QualityError::UnknownIncidentCategory {
                    code: quoted(report.category.as_str()),
                    period: report.month.to_string(),
                    domain: report.domain,
                })
            },
            |set| set.check(report).map(|_| ()),
        );
        if let Err(error) = checked {
            rejected.push((at, error));
            continue;
        }
        let slot = counts
            .entry((rows.label(report), columns.label(report)))
            .or_insert(0);
        bump(slot, 1, report.category.as_str())?;
    }
    let row_labels: BTreeSet<&String> = counts.keys().map(|(r, _)| r).collect();
    let column_labels: BTreeSet<&String> = counts.keys().map(|(_, c)| c).collect();
    let mut table = CountTable::new(
        row_labels.into_iter().cloned().collect(),
        column_labels.into_iter().cloned().collect(),
    )?;
    for ((row, column), count) in counts {
        table.add(&row, &column, count)?;
    }
    Ok((table, rejected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::try_new(y, m).unwrap()
    }

    fn fy(y: i32) -> FiscalYear {
        FiscalYear::try_new(y).unwrap()
    }

    fn cat(code: &str, validity: Validity) -> Category {
        Category::new(CategoryCode::new(code).unwrap(), code, validity).unwrap()
    }

    #[test]
    fn category_labels_are_checked_by_the_shared_id_text_rules() {
        let code = CategoryCode::new("x".repeat(65)).unwrap_err();
        assert!(
            code.to_string()
                .ends_with(" is not usable: it is longer than 64 characters"),
            "{code}"
        );
        let name = Category::new(
            CategoryCode::new("X").unwrap(),
            "y".repeat(121),
            Validity::ALWAYS,
        )
        .unwrap_err();
        assert!(
            name.to_string()
                .ends_with(" is not usable: it is longer than 120 characters"),
            "{name}"
        );
        assert!(
            Category::new(
                CategoryCode::new("X").unwrap(),
                "y".repeat(120),
                Validity::ALWAYS
            )
            .is_ok()
        );
        assert_eq!(
            CategoryCode::new("a\tb").unwrap_err().to_string(),
            r#"incident category code "a\\u{9}b" is not usable: it contains a control character"#
        );
        assert_eq!(
            CategoryCode::new("Fall 19121212-1212")
                .unwrap_err()
                .to_string(),
            r#"incident category code "Fall [personnummer]" is not usable: it looks like a personal identity number"#
        );
    }

    fn report(code: &str, month: YearMonth) -> IncidentReport {
        IncidentReport::new(
            IncidentDomain::HealthCare,
            CategoryCode::new(code).unwrap(),
            OrgUnit::new("U1").unwrap(),
            month,
        )
    }

    fn abc_set() -> CategorySet {
        CategorySet::new(
            IncidentDomain::HealthCare,
            vec![
                cat("A", Validity::ALWAYS),
                cat("B", Validity::ALWAYS),
                cat("C", Validity::ALWAYS),
            ],
        )
        .unwrap()
    }

    #[test]
    fn category_code_with_identity_number_is_refused_and_not_echoed() {
        let err = CategoryCode::new("Fall 19121212-1212").unwrap_err();
        assert!(!err.to_string().contains("1212-1212"), "{err}");
        assert!(err.to_string().contains("[personnummer]"), "{err}");
    }

    #[test]
    fn validity_bounds_are_inclusive() {
        let v = Validity::new(Some(ym(2022, 3)), Some(ym(2022, 5))).unwrap();
        assert!(!v.contains(ym(2022, 2)));
        assert!(v.contains(ym(2022, 3)));
        assert!(v.contains(ym(2022, 5)));
        assert!(!v.contains(ym(2022, 6)));
        assert_eq!(v.in_year(fy(2022)), YearValidity::PartYear);
        assert_eq!(v.to_string(), "from 2022-03 through 2022-05");
    }

    #[test]
    fn single_month_validity_is_allowed() {
        assert!(Validity::new(Some(ym(2022, 3)), Some(ym(2022, 3))).is_ok());
    }

    #[test]
    fn report_of_other_domain_is_an_error() {
        let set = abc_set();
        let r = IncidentReport::new(
            IncidentDomain::SocialCare,
            CategoryCode::new("A").unwrap(),
            OrgUnit::new("U").unwrap(),
            ym(2022, 1),
        );
        let err =
            IncidentMatrix::count(&set, ym(2022, 1), ym(2022, 1), &[r], OutOfValidity::Reject)
                .unwrap_err();
        assert_eq!(
            err.to_string(),
            "incident report in category \"A\" (2022-01) is a SoL/LSS report; the category set is for HSL"
        );
    }

    #[test]
    fn unknown_category_names_code_and_month() {
        let err = IncidentMatrix::count(
            &abc_set(),
            ym(2022, 1),
            ym(2022, 2),
            &[report("Z", ym(2022, 2))],
            OutOfValidity::Reject,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "incident category \"Z\" (2022-02) is not in the HSL category set"
        );
    }

    #[test]
    fn report_outside_the_months_is_an_error_not_dropped() {
        let err = IncidentMatrix::count(
            &abc_set(),
            ym(2022, 1),
            ym(2022, 2),
            &[report("A", ym(2022, 3))],
            OutOfValidity::Reject,
        )
        .unwrap_err();
        assert!(matches!(err, QualityError::IncidentOutsideTable { .. }));
    }

    #[test]
    fn month_range_backwards_is_an_error() {
        let err =
            IncidentMatrix::from_counts(&abc_set(), ym(2022, 2), ym(2022, 1), &[]).unwrap_err();
        assert!(matches!(err, QualityError::InvalidTablePeriod { .. }));
    }

    #[test]
    fn accepted_out_of_validity_report_is_counted_with_notice() {
        let set = CategorySet::new(
            IncidentDomain::HealthCare,
            vec![
                cat("OLD", Validity::through_year(fy(2021))),
                cat("A", Validity::ALWAYS),
            ],
        )
        .unwrap();
        let reports = [
            report("OLD", ym(2022, 2)),
            report("OLD", ym(2022, 2)),
            report("A", ym(2022, 1)),
        ];
        let m = IncidentMatrix::count(
            &set,
            ym(2022, 1),
            ym(2022, 2),
            &reports,
            OutOfValidity::AcceptWithNotice,
        )
        .unwrap();
        assert_eq!(m.cell("OLD", ym(2022, 2)), Some(MatrixCell::Count(2)));
        assert_eq!(m.cell("OLD", ym(2022, 1)), Some(MatrixCell::NotValid));
        assert_eq!(m.grand_total(), 3);
        assert_eq!(m.notices().len(), 1);
        assert_eq!(m.notices().first().map(|n| n.reports), Some(2));
        // Rejected by default.
        assert!(matches!(
            IncidentMatrix::count(
                &set,
                ym(2022, 1),
                ym(2022, 2),
                &reports,
                OutOfValidity::default()
            ),
            Err(QualityError::CategoryNotValid { .. })
        ));
    }

    #[test]
    fn counted_matrix_matches_hand_count() {
        let reports = [
            report("A", ym(2022, 1)),
            report("A", ym(2022, 1)),
            report("B", ym(2022, 2)),
            report("C", ym(2022, 3)),
            report("A", ym(2022, 3)),
        ];
        let m = IncidentMatrix::count(
            &abc_set(),
            ym(2022, 1),
            ym(2022, 3),
            &reports,
            OutOfValidity::Reject,
        )
        .unwrap();
        assert_eq!(m.row_totals(), [3, 1, 1]);
        assert_eq!(m.column_totals(), [2, 1, 2]);
        assert_eq!(m.grand_total(), 5);
        assert_eq!(m.count_of("A", ym(2022, 1)), Some(2));
    }

    #[test]
    fn shares_of_empty_total_are_an_error() {
        let m = IncidentMatrix::from_counts(&abc_set(), ym(2022, 1), ym(2022, 1), &[]).unwrap();
        assert!(matches!(m.shares(1), Err(QualityError::Calc(_))));
    }

    #[test]
    fn year_over_year_rejects_unordered_years() {
        let err = YearOverYear::from_counts(&abc_set(), &[fy(2022), fy(2021)], &[]).unwrap_err();
        assert!(matches!(err, QualityError::InvalidTablePeriod { .. }));
        let err = YearOverYear::from_counts(&abc_set(), &[], &[]).unwrap_err();
        assert!(matches!(err, QualityError::InvalidTablePeriod { .. }));
    }

    #[test]
    fn part_year_category_gets_a_note() {
        let set = CategorySet::new(
            IncidentDomain::HealthCare,
            vec![cat("NEW", Validity::new(Some(ym(2022, 7)), None).unwrap())],
        )
        .unwrap();
        let t = YearOverYear::from_counts(&set, &[fy(2022), fy(2023)], &[("NEW", fy(2022), 4)])
            .unwrap();
        assert_eq!(t.cell("NEW", fy(2022)), Some(YearCell::Count(4)));
        let notes = t.comparability();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes.first().map(|n| n.part_year.len()), Some(1));
    }

    #[test]
    fn closure_target_outside_percent_is_an_error() {
        assert!(ClosureTable::new(vec![], Decimal::from(-1)).is_err());
        assert!(ClosureTable::new(vec![], Decimal::ZERO).is_ok());
        assert!(ClosureTable::new(vec![], Decimal::ONE_HUNDRED).is_ok());
    }

    fn matrix_strategy() -> impl Strategy<Value = Vec<Vec<u64>>> {
        (1_usize..5, 1_usize..7).prop_flat_map(|(rows, months)| {
            prop::collection::vec(prop::collection::vec(0_u64..40, months), rows)
        })
    }

    fn build(counts: &[Vec<u64>]) -> IncidentMatrix {
        let codes: Vec<String> = (0..counts.len()).map(|i| format!("K{i}")).collect();
        let set = CategorySet::new(
            IncidentDomain::HealthCare,
            codes.iter().map(|c| cat(c, Validity::ALWAYS)).collect(),
        )
        .unwrap();
        let months = counts.first().map_or(1, Vec::len);
        let last = ym(2022, 1).checked_add_months(months as i64 - 1).unwrap();
        let rows: Vec<(&str, &[u64])> = codes
            .iter()
            .zip(counts)
            .map(|(c, r)| (c.as_str(), r.as_slice()))
            .collect();
        IncidentMatrix::from_counts(&set, ym(2022, 1), last, &rows).unwrap()
    }

    /// The hidden cells of a published table that its sums determine, by a
    /// check independent of `namnd-calc`'s: with the totals negated, every
    /// row and column of the (R+1) × (C+1) grid sums to zero, so the values
    /// the hidden cells can take differ by the cycles of the bipartite graph
    /// whose nodes are the grid's rows and columns and whose edges are the
    /// hidden cells. A hidden cell is determined exactly when its edge lies on
    /// no cycle (is a bridge).
    fn recoverable_hidden_cells(published: &SuppressedTable) -> Vec<(usize, usize)> {
        let (r, c) = (published.rows().len(), published.columns().len());
        let mut edges = Vec::new();
        for i in 0..=r {
            for j in 0..=c {
                let cell = match (published.rows().get(i), published.columns().get(j)) {
                    (Some(row), Some(column)) => published.cell(row, column),
                    (Some(row), None) => published.row_total(row),
                    (None, Some(column)) => published.column_total(column),
                    (None, None) => Some(published.grand_total()),
                };
                if cell.unwrap().is_hidden() {
                    edges.push((i, j));
                }
            }
        }
        bridges(r + 1, &edges)
    }

    /// The edges `(grid row, grid column)` that lie on no cycle; grid rows
    /// are nodes `0..row_nodes`, grid columns the nodes after them.
    fn bridges(row_nodes: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let nodes = row_nodes + edges.iter().map(|&(_, j)| j + 1).max().unwrap_or(0);
        let find = |parent: &mut Vec<usize>, mut x: usize| {
            while parent[x] != x {
                x = parent[x];
            }
            x
        };
        edges
            .iter()
            .filter(|&&edge| {
                let mut parent: Vec<usize> = (0..nodes).collect();
                for &(i, j) in edges.iter().filter(|&&e| e != edge) {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, row_nodes + j));
                    parent[a] = b;
                }
                find(&mut parent, edge.0) != find(&mut parent, row_nodes + edge.1)
            })
            .copied()
            .collect()
    }

    #[test]
    fn bridge_check_tells_determined_cells_from_protected_ones() {
        // One hidden cell is determined by its row.
        assert_eq!(bridges(2, &[(0, 0)]), [(0, 0)]);
        // A rectangle of four hidden cells protects all of them.
        assert!(bridges(2, &[(0, 0), (0, 1), (1, 0), (1, 1)]).is_empty());
        // Two rectangles joined by one more hidden cell: the joint is a bridge.
        let joined = [
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (1, 2),
            (2, 2),
            (2, 3),
            (3, 2),
            (3, 3),
        ];
        assert_eq!(bridges(4, &joined), [(1, 2)]);
    }

    #[test]
    fn committee_matrix_hides_the_small_count_and_three_more() {
        // 3 | 10 / 8 | 9: the 3 and the three counts that would reveal it.
        let m = build(&[vec![3, 10], vec![8, 9]]);
        let published = m.committee(SmallCountPolicy::default()).unwrap();
        assert_eq!(published.hidden_cells(), 4);
        assert!(recoverable_hidden_cells(&published).is_empty());
    }

    proptest! {
        #[test]
        fn prop_committee_matrix_no_hidden_cell_is_a_bridge(counts in matrix_strategy(), min in 2_u64..8) {
            let m = build(&counts);
            let published = m.committee(SmallCountPolicy::new(min).unwrap()).unwrap();
            prop_assert_eq!(recoverable_hidden_cells(&published), Vec::<(usize, usize)>::new());
        }

        #[test]
        fn prop_row_sums_equal_column_sums_equal_grand_total(counts in matrix_strategy()) {
            let m = build(&counts);
            let rows: u64 = m.row_totals().iter().sum();
            let columns: u64 = m.column_totals().iter().sum();
            let cells: u64 = counts.iter().flatten().sum();
            prop_assert_eq!(rows, m.grand_total());
            prop_assert_eq!(columns, m.grand_total());
            prop_assert_eq!(cells, m.grand_total());
        }

        #[test]
        fn prop_counting_reports_reconciles(cells in prop::collection::vec((0_usize..3, 1_u32..=12), 0..60)) {
            let reports: Vec<IncidentReport> = cells
                .iter()
                .map(|&(c, m)| report(["A", "B", "C"][c], ym(2022, m)))
                .collect();
            let m = IncidentMatrix::count(&abc_set(), ym(2022, 1), ym(2022, 12), &reports, OutOfValidity::Reject).unwrap();
            prop_assert_eq!(m.grand_total(), reports.len() as u64);
            prop_assert_eq!(m.row_totals().iter().sum::<u64>(), m.grand_total());
            prop_assert_eq!(m.column_totals().iter().sum::<u64>(), m.grand_total());
            for (i, code) in ["A", "B", "C"].iter().enumerate() {
                let expected = cells.iter().filter(|&&(c, _)| c == i).count() as u64;
                prop_assert_eq!(m.row_total(code), Some(expected));
            }
        }

        #[test]
        fn prop_shares_add_to_exactly_100(counts in matrix_strategy(), decimals in 0_u32..3) {
            let m = build(&counts);
            prop_assume!(m.grand_total() > 0);
            let shares = m.shares(decimals).unwrap();
            let total: Decimal = shares.iter().map(|(_, s)| *s).sum();
            prop_assert_eq!(total, Decimal::ONE_HUNDRED);
            let unit = Decimal::new(1, decimals);
            for ((_, share), row) in shares.iter().zip(m.row_totals()) {
                let exact = Decimal::from(row) * Decimal::ONE_HUNDRED / Decimal::from(m.grand_total());
                prop_assert!((*share - exact).abs() < unit, "{} vs {}", share, exact);
            }
        }

        #[test]
        fn prop_committee_matrix_hides_small_counts_and_cannot_be_undone(counts in matrix_strategy()) {
            let m = build(&counts);
            let policy = SmallCountPolicy::default();
            let published = m.committee(policy).unwrap();
            prop_assert!(published.is_protected());
            for (category, row) in m.categories().zip(&counts) {
                for (month, &n) in m.months().iter().zip(row) {
                    let cell = published.cell(category.name(), &month.to_string()).unwrap();
                    if policy.is_small(n) {
                        prop_assert!(cell.is_hidden());
                    }
                    if let Some(v) = cell.value() {
                        prop_assert_eq!(v, n);
                    }
                }
            }
        }

        #[test]
        fn prop_weighted_share_is_total_closed_over_total_reports(
            rows in prop::collection::vec((1_u64..500, 0_u64..=100), 1..6)
        ) {
            let counts: Vec<ClosureCount> = rows
                .iter()
                .enumerate()
                .map(|(i, &(reports, pct))| {
                    ClosureCount::new(CategoryCode::new(format!("K{i}")).unwrap(), reports, reports * pct / 100).unwrap()
                })
                .collect();
            let table = ClosureTable::new(counts.clone(), Decimal::from(90)).unwrap();
            let closed: u64 = counts.iter().map(ClosureCount::closed).sum();
            let reports: u64 = counts.iter().map(ClosureCount::reports).sum();
            let expected = Decimal::from(closed) / Decimal::from(reports) * Decimal::ONE_HUNDRED;
            prop_assert_eq!(table.weighted_share().value(), Some(expected));
            // The weighted share lies between the smallest and largest category share.
            let shares: Vec<Decimal> = counts.iter().filter_map(|c| c.share().value()).collect();
            let min = shares.iter().copied().min().unwrap();
            let max = shares.iter().copied().max().unwrap();
            prop_assert!(min <= expected && expected <= max);
        }

        #[test]
        fn prop_committee_shares_hide_every_hidden_row(counts in matrix_strategy(), min in 2_u64..8) {
            let m = build(&counts);
            prop_assume!(m.grand_total() > 0);
            let policy = SmallCountPolicy::new(min).unwrap();
            let published = m.committee(policy).unwrap();
            let shares = m.committee_shares(policy, 1).unwrap();
            let raw = m.shares(1).unwrap();
            for ((category, (code, share)), (_, raw_share)) in m.categories().zip(&shares).zip(&raw) {
                prop_assert_eq!(code, category.code());
                let hidden = published.grand_total().is_hidden()
                    || published.row_total(category.name()).unwrap().is_hidden();
                if hidden {
                    prop_assert_eq!(*share, None);
                } else {
                    prop_assert_eq!(*share, Some(*raw_share));
                }
            }
        }

        #[test]
        fn prop_year_over_year_totals_are_sums_of_counted_cells_and_never_zero_where_not_valid(
            counts in prop::collection::vec((0_u64..30, 0_u64..30, 0_u64..30), 0..4),
            split in 0_usize..4,
        ) {
            let (y21, y22, y23) = (fy(2021), fy(2022), fy(2023));
            // K0 always, K1 retired after 2021, K2 new from 2022, K3 only 2022.
            let set = CategorySet::new(
                IncidentDomain::HealthCare,
                vec![
                    cat("K0", Validity::ALWAYS),
                    cat("K1", Validity::through_year(y21)),
                    cat("K2", Validity::from_year(y22)),
                    cat("K3", Validity::new(Some(ym(2022, 1)), Some(ym(2022, 12))).unwrap()),
                ],
            )
            .unwrap();
            let mut given = Vec::new();
            for (i, &(a, b, c)) in counts.iter().enumerate() {
                let code = ["K0", "K1", "K2", "K3"][(i + split) % 4];
                let category = set.get(code).unwrap();
                for (year, n) in [(y21, a), (y22, b), (y23, c)] {
                    if category.validity().in_year(year).is_valid()
                        && !given.iter().any(|(c, y, _)| *c == code && *y == year)
                    {
                        given.push((code, year, n));
                    }
                }
            }
            let table = YearOverYear::from_counts(&set, &[y21, y22, y23], &given).unwrap();
            for year in [y21, y22, y23] {
                let counted: u64 = set
                    .categories()
                    .iter()
                    .filter_map(|c| table.cell(c.code().as_str(), year).and_then(YearCell::count))
                    .sum();
                prop_assert_eq!(table.total(year), Some(counted));
                let expected: u64 = given.iter().filter(|(_, y, _)| *y == year).map(|(_, _, n)| n).sum();
                prop_assert_eq!(counted, expected);
                for category in set.categories() {
                    if !category.validity().in_year(year).is_valid()
                        && let Some(cell) = table.cell(category.code().as_str(), year)
                    {
                        prop_assert_ne!(cell, YearCell::Count(0));
                        prop_assert_eq!(cell.count(), None);
                    }
                }
            }
            // The committee version keeps "Utgår" / "Nytt för" and hides small counts.
            let published = table.committee(SmallCountPolicy::default()).unwrap();
            prop_assert!(published.table().is_protected());
            for (code, _, cells) in published.rows() {
                for (year, cell) in published.years().iter().zip(cells) {
                    match (table.cell(code.as_str(), *year).unwrap(), cell) {
                        (YearCell::Count(n), PublishedYearCell::Count(c)) => {
                            if SmallCountPolicy::default().is_small(n) {
                                prop_assert!(c.is_hidden());
                            }
                            if let Some(v) = c.value() {
                                prop_assert_eq!(v, n);
                            }
                        }
                        (YearCell::Retired { .. }, PublishedYearCell::Retired { .. })
                        | (YearCell::NotYetValid { .. }, PublishedYearCell::NotYetValid { .. }) => {}
                        (raw, published) => prop_assert!(false, "{raw:?} published as {published:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn committee_rows_print_a_dash_for_months_where_the_category_was_not_valid() {
        let set = CategorySet::new(
            IncidentDomain::HealthCare,
            vec![
                cat("A", Validity::ALWAYS),
                cat("NY", Validity::new(Some(ym(2022, 2)), None).unwrap()),
            ],
        )
        .unwrap();
        let m = IncidentMatrix::from_counts(
            &set,
            ym(2022, 1),
            ym(2022, 2),
            &[("A", &[30, 40]), ("NY", &[0, 0])],
        )
        .unwrap();
        let rows = m.committee_rows(SmallCountPolicy::default()).unwrap();
        let printed: Vec<Vec<String>> = rows
            .iter()
            .map(|(_, cells)| cells.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(printed, [vec!["30", "40"], vec!["\u{2013}", "0"]]);
    }

    #[test]
    fn closure_committee_shares_only_where_both_cells_are_shown() {
        let t = ClosureTable::new(
            vec![
                ClosureCount::new(CategoryCode::new("A").unwrap(), 100, 90).unwrap(),
                ClosureCount::new(CategoryCode::new("B").unwrap(), 50, 48).unwrap(),
                ClosureCount::new(CategoryCode::new("C").unwrap(), 40, 30).unwrap(),
            ],
            Decimal::from(90),
        )
        .unwrap();
        let published = t.committee(SmallCountPolicy::default()).unwrap();
        let shares = t.committee_shares(SmallCountPolicy::default()).unwrap();
        for (row, (code, share)) in t.rows().iter().zip(&shares) {
            let both = [CLOSURE_CLOSED, CLOSURE_OPEN]
                .iter()
                .all(|c| !published.cell(code.as_str(), c).unwrap().is_hidden());
            assert_eq!(share.is_some(), both);
            if both {
                assert_eq!(*share, Some(row.share()));
            }
        }
        // B's 2 not closed is hidden: no share for B.
        assert_eq!(shares[1].1, None);
        // With every cell large, every share is published.
        let big = ClosureTable::new(
            vec![
                ClosureCount::new(CategoryCode::new("A").unwrap(), 100, 90).unwrap(),
                ClosureCount::new(CategoryCode::new("C").unwrap(), 40, 30).unwrap(),
            ],
            Decimal::from(90),
        )
        .unwrap();
        let shares = big.committee_shares(SmallCountPolicy::default()).unwrap();
        assert_eq!(
            shares[0].1.and_then(Percent::value),
            Some(Decimal::from(90))
        );
        assert_eq!(
            shares[1].1.and_then(Percent::value),
            Some(Decimal::from(75))
        );
    }
}
