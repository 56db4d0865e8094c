//! The dataset manifest `namnd.toml`: who the data is about, which month it
//! runs to, how the report presents it, and which file holds what.
//!
//! | Key | Type | Meaning |
//! |---|---|---|
//! | `municipality`, `committee` | text | e.g. `Exempelkommun`, `Socialnämnden` |
//! | `fiscal_year` | integer | the year the data covers |
//! | `as_of` | `YYYY-MM` | the last month with outcome (*per månad*), in `fiscal_year` |
//! | `sign_convention` | `outcome-minus-budget` (default), `budget-minus-outcome`, `budget-minus-forecast` | how amounts are presented |
//! | `min_shown` | integer ≥ 2, default 5 | counts from 1 to `min_shown − 1` are suppressed |
//! | `forecast_method` | `run-rate` (default) or `remaining-budget` | the forecast of lines without a manual forecast |
//! | `[calendar]` | `namndrapport_months`, `delarsrapport_month` | the reporting calendar ([`ReportingCalendar`]) |
//! | `[files]` | file names, each optional | `budget`, `ledger` (+ `ledger_format` = `csv` or `sie`), `manual_forecasts`, `indicators`, `measurements`, `visits`, `decisions`, `cases`, `incidents`, `complaints`, `investments`, `internal_control`, `internal_control_results` |
//! | `[[units]]` | `ansvar`, `path`, `name` | the ledger's *ansvar* codes mapped to unit paths (`ÄO/HT`); the first level is the administration |
//! | `[unit_names]` | path → name | names of unit paths for the report (`"ÄO" = "Äldreomsorg"`) |
//! | `[verksamhet_names]` | code → name | names of *verksamhet* codes for the report (`"510" = "Hemtjänst"`); codes without a name are shown as `Verksamhet 510` |
//! | `[continuity]` | `from` (`YYYY-MM-DD`), `indicator` | the first day of the 14-day continuity window, and the indicator the mean feeds |
//! | `[quality]` | `case_categories`, `complaint_response_days` | the Lex Sarah/Maria categories of the register, the complaint response limit in days |
//! | `[investments]` | `interest_rate` (percent, text, default `"1.5"`) | the internal interest rate for capital costs (the useful life is given per request in the investments file) |
//!
//! [`manifest_schema`] gives the manifest's JSON Schema (the CLI's `namnd
//! schema manifest`).
//!
//! Errors name the manifest file and the line and column of the offending
//! value, from the TOML parser's span. Unknown keys are errors (a misspelt
//! file key would otherwise silently drop a section), and so is an `ansvar`
//! given to two `[[units]]` (which unit would its rows belong to?).
//!
//! The names are written into every report, so a personnummer in
//! `municipality`, `committee`, a unit's `name`, `[unit_names]` or
//! `[verksamhet_names]` is masked (`[personnummer]`, by
//! [`namnd_core::redact_identity_numbers`]) and each masked value is listed,
//! with its line and column but never its text, in [`Manifest::masked`] (the
//! dataset loader makes each a problem).
//!
//! # Example
//! ```
//! use namnd_report::manifest::Manifest;
//! let text = "municipality = \"Exempelkommun\"\ncommittee = \"Socialnämnden\"\nfiscal_year = 2026\nas_of = \"2026-08\"\n[files]\nbudget = \"budget.csv\"\n";
//! let manifest = Manifest::parse(text, "namnd.toml")?;
//! assert_eq!(manifest.min_shown, 5);
//! assert_eq!(manifest.files.budget.as_deref(), Some("budget.csv"));
//! let Err(err) = Manifest::parse("fiscal_year = \"x\"\n", "namnd.toml") else {
//!     return Err("an invalid manifest was accepted".into());
//! };
//! assert!(err.to_string().starts_with("manifest namnd.toml line 1 column 15:"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use namnd_core::{FiscalYear, ReportingCalendar, SignConvention, YearMonth};
use serde::Deserialize;

use crate::error::{ReportError, Result};

/// The usual name of the manifest in a dataset folder.
///
/// # Example
/// ```
/// assert_eq!(namnd_report::manifest::MANIFEST_FILE, "namnd.toml");
/// ```
pub const MANIFEST_FILE: &str = "namnd.toml";

/// The default small-count threshold: counts 1–4 are hidden (shown as
/// namnd-calc's neutral mark `..`).
///
/// # Example
/// ```
/// assert_eq!(namnd_report::manifest::DEFAULT_MIN_SHOWN, 5);
/// ```
pub const DEFAULT_MIN_SHOWN: u64 = 5;

/// How the ledger file is written.
///
/// # Example
/// ```
/// use namnd_report::manifest::LedgerFileFormat;
/// assert_eq!(LedgerFileFormat::default(), LedgerFileFormat::Csv);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LedgerFileFormat {
    /// CSV, as `namnd_budget::LedgerImporter` reads it.
    #[default]
    Csv,
    /// SIE 4, as `namnd_budget::sie::SieImporter` reads it.
    Sie,
}

/// The forecast method of lines without a manual forecast.
///
/// # Example
/// ```
/// use namnd_report::manifest::ForecastChoice;
/// assert_eq!(ForecastChoice::default(), ForecastChoice::RunRate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ForecastChoice {
    /// Outcome to date × 12 / months elapsed.
    #[default]
    RunRate,
    /// Outcome to date + the remaining (evenly periodised) budget.
    RemainingBudget,
}

/// The file names of a dataset, each optional; a section whose file is not
/// named is reported as unavailable.
///
/// # Example
/// ```
/// use namnd_report::manifest::Files;
/// assert!(Files::default().budget.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Files {
    /// The annual budget (`ansvar,verksamhet,konto,budget`).
    pub budget: Option<String>,
    /// The ledger (CSV or SIE 4).
    pub ledger: Option<String>,
    /// The ledger's format.
    #[serde(default)]
    pub ledger_format: LedgerFileFormat,
    /// Manual forecasts with comments (docs/formats.md).
    pub manual_forecasts: Option<String>,
    /// Goals and their indicators (docs/formats.md).
    pub indicators: Option<String>,
    /// Measurements of the indicators (docs/formats.md).
    pub measurements: Option<String>,
    /// The home-care visit log for staff continuity.
    pub visits: Option<String>,
    /// The register of decisions (*ej verkställda beslut*).
    pub decisions: Option<String>,
    /// The Lex Sarah / Lex Maria case register.
    pub cases: Option<String>,
    /// Incident reports (*avvikelser*) per category and month (docs/formats.md).
    pub incidents: Option<String>,
    /// Complaints (*klagomål*) (docs/formats.md).
    pub complaints: Option<String>,
    /// Investment requests (one row per request and year).
    pub investments: Option<String>,
    /// The internal-control plan.
    pub internal_control: Option<String>,
    /// The internal-control follow-up results (docs/formats.md).
    pub internal_control_results: Option<String>,
}

/// One *ansvar* code of the ledger mapped to a unit path.
///
/// # Example
/// ```
/// use namnd_report::manifest::UnitEntry;
/// let u = UnitEntry { ansvar: "1100".into(), path: "ÄO/HT".into(), name: Some("Hemtjänst".into()) };
/// assert_eq!(u.path, "ÄO/HT");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// The ansvar code as written in the ledger and budget.
    pub ansvar: String,
    /// The unit path, codes separated by `/`; the first level is the administration.
    pub path: String,
    /// The unit's name in the report.
    pub name: Option<String>,
}

/// Settings of the staff-continuity measurement.
///
/// # Example
/// ```
/// use namnd_report::manifest::ContinuitySettings;
/// assert!(ContinuitySettings::default().from.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContinuitySettings {
    /// The first day of the 14-day window.
    pub from: Option<NaiveDate>,
    /// The indicator id the computed mean is a measurement of (e.g. `U21401`).
    pub indicator: Option<String>,
}

/// Settings of the quality sections.
///
/// # Example
/// ```
/// use namnd_report::manifest::QualitySettings;
/// assert!(QualitySettings::default().case_categories.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualitySettings {
    /// The category codes the case register may use.
    #[serde(default)]
    pub case_categories: Vec<String>,
    /// The response limit of complaints in days (default 14).
    pub complaint_response_days: Option<u32>,
}

/// Settings of the investment section.
///
/// # Example
/// ```
/// use namnd_report::manifest::InvestmentSettings;
/// assert!(InvestmentSettings::default().interest_rate.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestmentSettings {
    /// The internal interest rate in percent, as text (`"1.5"`); default 1,5 %.
    pub interest_rate: Option<String>,
}

/// The manifest as written (before checks across fields). Its JSON Schema
/// is [`manifest_schema`].
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Manifest")]
struct Repr {
    /// The municipality, e.g. `Exempelkommun`.
    municipality: String,
    /// The committee, e.g. `Socialnämnden`.
    committee: String,
    /// The year the data covers.
    fiscal_year: FiscalYear,
    /// The last month with outcome (`YYYY-MM`), in `fiscal_year`.
    as_of: YearMonth,
    /// The reporting calendar (default: namnd-core's).
    #[serde(default)]
    calendar: Option<ReportingCalendar>,
    /// How amounts are presented (default `outcome-minus-budget`).
    #[serde(default)]
    sign_convention: Option<SignConvention>,
    /// Counts from 1 to `min_shown − 1` are suppressed (default 5, at least 2).
    #[serde(default)]
    min_shown: Option<u64>,
    /// The forecast method of lines without a manual forecast.
    #[serde(default)]
    forecast_method: ForecastChoice,
    /// The file names.
    #[serde(default)]
    files: Files,
    /// The ledger's ansvar codes mapped to unit paths.
    #[serde(default)]
    units: Vec<UnitEntry>,
    /// Names of unit paths (`"ÄO" = "Äldreomsorg"`).
    #[serde(default)]
    unit_names: BTreeMap<String, String>,
    /// Names of verksamhet codes (`"510" = "Hemtjänst"`).
    #[serde(default)]
    verksamhet_names: BTreeMap<String, String>,
    /// Staff-continuity settings.
    #[serde(default)]
    continuity: ContinuitySettings,
    /// Quality settings.
    #[serde(default)]
    quality: QualitySettings,
    /// Investment settings.
    #[serde(default)]
    investments: InvestmentSettings,
}

/// The JSON Schema of the manifest `namnd.toml` (TOML read as JSON: the
/// same keys and values), for `namnd schema manifest`.
///
/// # Example
/// ```
/// let schema = namnd_report::manifest::manifest_schema();
/// assert_eq!(schema["title"], "Manifest");
/// let required = schema["required"].as_array().ok_or("no required keys")?;
/// assert!(required.iter().any(|k| k == "fiscal_year"));
/// assert!(schema["properties"]["files"].is_object());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn manifest_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Repr)).unwrap_or_default()
}

/// The dataset manifest (`namnd.toml`), checked.
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Manifest {
    /// The manifest's file name, for messages.
    pub file: String,
    /// The municipality.
    pub municipality: String,
    /// The committee.
    pub committee: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The last month with outcome.
    pub as_of: YearMonth,
    /// The reporting calendar (default: namnd-core's).
    pub calendar: ReportingCalendar,
    /// The sign convention amounts are presented in.
    pub sign_convention: SignConvention,
    /// Counts from 1 to `min_shown − 1` are suppressed.
    pub min_shown: u64,
    /// The forecast method of lines without a manual forecast.
    pub forecast_method: ForecastChoice,
    /// The file names.
    pub files: Files,
    /// Ansvar codes mapped to unit paths.
    pub units: Vec<UnitEntry>,
    /// Names of unit paths.
    pub unit_names: BTreeMap<String, String>,
    /// Names of verksamhet codes.
    pub verksamhet_names: BTreeMap<String, String>,
    /// Continuity settings.
    pub continuity: ContinuitySettings,
    /// Quality settings.
    pub quality: QualitySettings,
    /// Investment settings.
    pub investments: InvestmentSettings,
    /// The names that looked like they held a personnummer and were masked
    /// in this manifest: one [`ReportError::Manifest`] each, naming the key,
    /// line and column (never the value).
    pub masked: Vec<ReportError>,
}

/// The spans of the manifest's names, read only when one has to be masked
/// (to say where it is).
#[derive(Debug, Default, Deserialize)]
struct NameSpans {
    municipality: Option<toml::Spanned<String>>,
    committee: Option<toml::Spanned<String>>,
    #[serde(default)]
    units: Vec<UnitNameSpan>,
    #[serde(default)]
    unit_names: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    verksamhet_names: BTreeMap<String, toml::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct UnitNameSpan {
    name: Option<toml::Spanned<String>>,
}

/// Masks the names of a manifest that look like they hold a personnummer,
/// collecting one error per masked name.
struct Masker<'t> {
    text: &'t str,
    file: &'t str,
    spans: Option<NameSpans>,
    masked: Vec<ReportError>,
}

impl Masker<'_> {
    /// `value` masked; when something was masked, an error naming `what` at
    /// the position `span` picks out of the spans (or the line of `key`).
    fn mask(
        &mut self,
        value: String,
        what: &str,
        key: &str,
        span: impl Fn(&NameSpans) -> Option<core::ops::Range<usize>>,
    ) -> String {
        let masked = match namnd_core::redact_identity_numbers(&value) {
            std::borrow::Cow::Borrowed(_) => return value,
            std::borrow::Cow::Owned(masked) => masked,
        };
        let text = self.text;
        let spans = self
            .spans
            .get_or_insert_with(|| toml::from_str(text).unwrap_or_default());
        let (line, column) = span(spans).map_or_else(
            || key_position(text, key),
            |range| line_column(text, range.start),
        );
        self.masked.push(manifest_error(
            self.file,
            line,
            column,
            &format!("{what} looks like it holds a personnummer; it is masked in the reports"),
        ));
        masked
    }
}

impl Manifest {
    /// Parses and checks a manifest; `file` names it in messages.
    ///
    /// # Errors
    /// [`ReportError::Manifest`] with the line and column of the offending
    /// value: not TOML, an unknown key, a missing or wrong value, `as_of`
    /// outside `fiscal_year`, `min_shown` below 2, an invalid unit path, an
    /// `ansvar` of two `[[units]]`. (A name holding a personnummer is not an
    /// error: it is masked and listed in [`Manifest::masked`].)
    ///
    /// # Example
    /// See the [module docs](self).
    pub fn parse(text: &str, file: &str) -> Result<Manifest> {
        let repr: Repr = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            manifest_error(file, line, column, e.message())
        })?;
        let at = |key: &str| key_position(text, key);
        if repr.as_of.fiscal_year() != repr.fiscal_year {
            let (line, column) = at("as_of");
            return Err(manifest_error(
                file,
                line,
                column,
                &format!(
                    "as_of {} is not in fiscal_year {}",
                    repr.as_of, repr.fiscal_year
                ),
            ));
        }
        let min_shown = repr.min_shown.unwrap_or(DEFAULT_MIN_SHOWN);
        if let Err(e) = namnd_calc::suppress::SmallCountPolicy::new(min_shown) {
            let (line, column) = at("min_shown");
            return Err(manifest_error(
                file,
                line,
                column,
                &format!("min_shown {min_shown}: {e}"),
            ));
        }
        for (index, unit) in repr.units.iter().enumerate() {
            if let Err(e) = unit.path.parse::<namnd_core::UnitPath>() {
                let (line, column) = unit_key_position(text, index, "path");
                return Err(manifest_error(
                    file,
                    line,
                    column,
                    &format!("unit path of ansvar {}: {e}", quote(&unit.ansvar)),
                ));
            }
        }
        let mut first_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, unit) in repr.units.iter().enumerate() {
            if let Some(&first) = first_of.get(unit.ansvar.as_str()) {
                let (line, column) = unit_key_position(text, index, "ansvar");
                let (first_line, _) = unit_key_position(text, first, "ansvar");
                return Err(manifest_error(
                    file,
                    line,
                    column,
                    &format!(
                        "ansvar {} of [[units]] {} repeats [[units]] {} (line {first_line}); an ansvar maps to one unit",
                        quote(&unit.ansvar),
                        index.saturating_add(1),
                        first.saturating_add(1)
                    ),
                ));
            }
            first_of.insert(unit.ansvar.as_str(), index);
        }
        let mut masker = Masker {
            text,
            file,
            spans: None,
            masked: Vec::new(),
        };
        let municipality = masker.mask(repr.municipality, "municipality", "municipality", |s| {
            s.municipality.as_ref().map(toml::Spanned::span)
        });
        let committee = masker.mask(repr.committee, "committee", "committee", |s| {
            s.committee.as_ref().map(toml::Spanned::span)
        });
        let units = repr
            .units
            .into_iter()
            .enumerate()
            .map(|(index, unit)| UnitEntry {
                name: unit.name.map(|name| {
                    let what = format!("the name of [[units]] {}", index.saturating_add(1));
                    masker.mask(name, &what, "name", |s| {
                        s.units
                            .get(index)
                            .and_then(|u| u.name.as_ref())
                            .map(toml::Spanned::span)
                    })
                }),
                ..unit
            })
            .collect();
        let unit_names = repr
            .unit_names
            .into_iter()
            .map(|(path, name)| {
                let what = format!("the name of unit {}", quote(&path));
                let name = masker.mask(name, &what, "unit_names", |s| {
                    s.unit_names.get(&path).map(toml::Spanned::span)
                });
                (path, name)
            })
            .collect();
        let verksamhet_names = repr
            .verksamhet_names
            .into_iter()
            .map(|(code, name)| {
                let what = format!("the name of verksamhet {}", quote(&code));
                let name = masker.mask(name, &what, "verksamhet_names", |s| {
                    s.verksamhet_names.get(&code).map(toml::Spanned::span)
                });
                (code, name)
            })
            .collect();
        Ok(Manifest {
            file: file.to_owned(),
            municipality,
            committee,
            fiscal_year: repr.fiscal_year,
            as_of: repr.as_of,
            calendar: repr.calendar.unwrap_or_default(),
            sign_convention: repr
                .sign_convention
                .unwrap_or(SignConvention::OutcomeMinusBudget),
            min_shown,
            forecast_method: repr.forecast_method,
            files: repr.files,
            units,
            unit_names,
            verksamhet_names,
            continuity: repr.continuity,
            quality: repr.quality,
            investments: repr.investments,
            masked: masker.masked,
        })
    }

    /// The name of a unit path: from `[unit_names]`, else from `[[units]]`,
    /// else the path itself.
    ///
    /// # Example
    /// ```
    /// use namnd_report::manifest::Manifest;
    /// let m = Manifest::parse("municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-03\"\n[unit_names]\n\"ÄO\" = \"Äldreomsorg\"\n", "namnd.toml")?;
    /// assert_eq!(m.unit_name("ÄO"), "Äldreomsorg");
    /// assert_eq!(m.unit_name("IFO"), "IFO");
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn unit_name(&self, path: &str) -> String {
        if let Some(name) = self.unit_names.get(path) {
            return name.clone();
        }
        self.units
            .iter()
            .find(|u| u.path == path)
            .and_then(|u| u.name.clone())
            .unwrap_or_else(|| path.to_owned())
    }

    /// The row label of a *verksamhet* code: `510 Hemtjänst` when
    /// `[verksamhet_names]` names it, else `Verksamhet 510`.
    ///
    /// # Example
    /// ```
    /// use namnd_report::manifest::Manifest;
    /// let m = Manifest::parse("municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-03\"\n[verksamhet_names]\n\"510\" = \"Hemtjänst\"\n", "namnd.toml")?;
    /// assert_eq!(m.verksamhet_label("510"), "510 Hemtjänst");
    /// assert_eq!(m.verksamhet_label("520"), "Verksamhet 520");
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn verksamhet_label(&self, code: &str) -> String {
        match self.verksamhet_names.get(code) {
            Some(name) => format!("{code} {name}"),
            None => format!("Verksamhet {code}"),
        }
    }
}

/// Input text made fit for a message.
fn quote(text: &str) -> String {
    namnd_core::quote_for_message(text, 40)
}

fn manifest_error(file: &str, line: usize, column: usize, message: &str) -> ReportError {
    ReportError::Manifest {
        file: file.to_owned(),
        line,
        column,
        message: namnd_core::redact_identity_numbers(message.trim()).into_owned(),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count().saturating_add(1);
    let line_start = before.rfind('\n').map_or(0, |i| i.saturating_add(1));
    let column = before
        .get(line_start..)
        .map_or(0, |s| s.chars().count())
        .saturating_add(1);
    (line, column)
}

/// The line and column of the first line that assigns `key` (for checks
/// across fields, which have no parser span).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let column = line
                .chars()
                .count()
                .saturating_sub(trimmed.chars().count())
                .saturating_add(1);
            return (index.saturating_add(1), column);
        }
    }
    (1, 1)
}

/// The line and column of `key` in the `index`-th (0-based) `[[units]]`
/// table, falling back to the table's header, then to the first `key`.
fn unit_key_position(text: &str, index: usize, key: &str) -> (usize, usize) {
    let mut seen = 0_usize;
    let mut header: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            if header.is_some() {
                break; // the next table: the key is not in this one
            }
            if trimmed.replace(' ', "") == "[[units]]" {
                if seen == index {
                    header = Some(number);
                }
                seen = seen.saturating_add(1);
            }
            continue;
        }
        if header.is_some()
            && let Some(rest) = line.trim_start().strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let column = line
                .chars()
                .count()
                .saturating_sub(line.trim_start().chars().count())
                .saturating_add(1);
            return (number.saturating_add(1), column);
        }
    }
    header.map_or_else(|| key_position(text, key), |h| (h.saturating_add(1), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_unit_path_points_at_the_offending_unit() {
        let text = format!(
            "{MINIMAL}\n[[units]]\nansvar = \"1100\"\npath = \"ÄO/HT\"\n\n[[units]]\nansvar = \"1200\"\n  path = \"ÄO//X\"\n"
        );
        let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
        let Err(ReportError::Manifest {
            line,
            column,
            message,
            ..
        }) = err
        else {
            panic!("expected a manifest error, got {err:?}");
        };
        assert_eq!((line, column), (12, 3), "{message}");
        assert!(message.contains("1200"), "{message}");
    }

    #[test]
    fn two_units_with_the_same_ansvar_are_a_manifest_error_at_the_repetition() {
        let text = format!(
            "{MINIMAL}\n[[units]]\nansvar = \"1100\"\npath = \"ÄO/HT\"\n\n[[units]]\n  ansvar = \"1100\"\npath = \"IFO/BoU\"\n"
        );
        let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
        let Err(ReportError::Manifest {
            line,
            column,
            message,
            ..
        }) = err
        else {
            panic!("expected a manifest error, got {err:?}");
        };
        assert_eq!((line, column), (11, 3), "{message}");
        assert_eq!(
            message,
            "ansvar 1100 of [[units]] 2 repeats [[units]] 1 (line 7); an ansvar maps to one unit"
        );
        // Different ansvar codes, even on one path, are fine.
        let text = format!(
            "{MINIMAL}[[units]]\nansvar = \"1100\"\npath = \"ÄO/HT\"\n[[units]]\nansvar = \"1101\"\npath = \"ÄO/HT\"\n"
        );
        assert!(Manifest::parse(&text, "namnd.toml").is_ok());
    }

    #[test]
    fn a_repeated_ansvar_holding_a_personnummer_is_not_echoed() {
        let text = format!(
            "{MINIMAL}[[units]]\nansvar = \"19121212-1212\"\npath = \"ÄO/HT\"\n[[units]]\nansvar = \"19121212-1212\"\npath = \"ÄO/X\"\n"
        );
        let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
        let Err(e) = err else {
            panic!("expected a manifest error");
        };
        assert!(!e.to_string().contains("1212"), "{e}");
    }

    #[test]
    fn a_personnummer_in_a_name_is_masked_and_listed_without_its_text() -> Result<()> {
        let text = "municipality = \"Testkommun 19121212-1212\"\n\
                    committee = \"Socialnämnden 121212-1212\"\n\
                    fiscal_year = 2026\nas_of = \"2026-08\"\n\
                    [[units]]\nansvar = \"1100\"\npath = \"ÄO/HT\"\nname = \"HT 1212121212\"\n\
                    [unit_names]\n\"ÄO\" = \"Äldreomsorg 121212+1212\"\n\
                    [verksamhet_names]\n\"510\" = \"191212121212\"\n\"511\" = \"Hemtjänst\"\n";
        let m = Manifest::parse(text, "namnd.toml")?;
        assert_eq!(m.municipality, "Testkommun [personnummer]");
        assert_eq!(m.committee, "Socialnämnden [personnummer]");
        assert_eq!(
            m.units.first().and_then(|u| u.name.as_deref()),
            Some("HT [personnummer]")
        );
        assert_eq!(m.unit_name("ÄO"), "Äldreomsorg [personnummer]");
        assert_eq!(m.verksamhet_label("510"), "510 [personnummer]");
        assert_eq!(m.verksamhet_label("511"), "511 Hemtjänst");
        let listed: Vec<String> = m.masked.iter().map(ToString::to_string).collect();
        assert_eq!(
            listed,
            [
                "manifest namnd.toml line 1 column 16: municipality looks like it holds a personnummer; it is masked in the reports",
                "manifest namnd.toml line 2 column 13: committee looks like it holds a personnummer; it is masked in the reports",
                "manifest namnd.toml line 8 column 8: the name of [[units]] 1 looks like it holds a personnummer; it is masked in the reports",
                "manifest namnd.toml line 10 column 8: the name of unit ÄO looks like it holds a personnummer; it is masked in the reports",
                "manifest namnd.toml line 12 column 9: the name of verksamhet 510 looks like it holds a personnummer; it is masked in the reports",
            ]
        );
        Ok(())
    }

    #[test]
    fn a_manifest_without_a_personnummer_masks_nothing() -> Result<()> {
        let m = Manifest::parse(MINIMAL, "namnd.toml")?;
        assert!(m.masked.is_empty());
        assert_eq!(m.municipality, "E");
        Ok(())
    }

    #[test]
    fn useful_life_default_is_not_a_manifest_key() {
        // The docs no longer mention it; it stays an unknown key (an error).
        let text = format!("{MINIMAL}[investments]\nuseful_life_default = 5\n");
        assert!(Manifest::parse(&text, "namnd.toml").is_err());
    }

    #[test]
    fn verksamhet_names_label_the_codes() -> Result<()> {
        let text = format!("{MINIMAL}[verksamhet_names]\n\"510\" = \"Hemtjänst\"\n");
        let m = Manifest::parse(&text, "namnd.toml")?;
        assert_eq!(m.verksamhet_label("510"), "510 Hemtjänst");
        assert_eq!(m.verksamhet_label("511"), "Verksamhet 511");
        Ok(())
    }

    #[test]
    fn manifest_schema_names_every_top_level_key() {
        let schema = manifest_schema();
        let properties = schema["properties"].as_object().map(|p| p.len());
        assert_eq!(properties, Some(15));
        for key in [
            "files",
            "units",
            "verksamhet_names",
            "investments",
            "calendar",
        ] {
            assert!(schema["properties"][key].is_object(), "{key}");
        }
    }

    const MINIMAL: &str =
        "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-08\"\n";

    #[test]
    fn minimal_manifest_takes_defaults() -> Result<()> {
        let m = Manifest::parse(MINIMAL, "namnd.toml")?;
        assert_eq!(m.min_shown, 5);
        assert_eq!(m.sign_convention, SignConvention::OutcomeMinusBudget);
        assert_eq!(m.calendar, ReportingCalendar::default());
        assert_eq!(m.files, Files::default());
        Ok(())
    }

    #[test]
    fn type_error_names_line_and_column() {
        let text =
            "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-13\"\n";
        let err = Manifest::parse(text, "namnd.toml").map(|_| ());
        let Err(ReportError::Manifest { line, column, .. }) = err else {
            panic!("expected a manifest error, got {err:?}");
        };
        assert_eq!((line, column), (4, 9));
    }

    #[test]
    fn unknown_file_key_is_an_error() {
        let text = format!("{MINIMAL}[files]\nbudgte = \"b.csv\"\n");
        let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
        assert!(
            matches!(&err, Err(ReportError::Manifest { line: 6, message, .. }) if message.contains("budgte")),
            "{err:?}"
        );
    }

    #[test]
    fn as_of_outside_the_year_is_an_error() {
        let text =
            "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2025\nas_of = \"2026-08\"\n";
        let err = Manifest::parse(text, "namnd.toml").map(|_| ());
        assert!(matches!(
            err,
            Err(ReportError::Manifest {
                line: 4,
                column: 1,
                ..
            })
        ));
    }

    #[test]
    fn min_shown_below_two_is_an_error() {
        for value in [0, 1] {
            let text = format!("{MINIMAL}min_shown = {value}\n");
            let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
            assert!(
                matches!(
                    err,
                    Err(ReportError::Manifest {
                        line: 5,
                        column: 1,
                        ..
                    })
                ),
                "{err:?}"
            );
        }
        assert!(Manifest::parse(&format!("{MINIMAL}min_shown = 2\n"), "namnd.toml").is_ok());
    }

    proptest::proptest! {
        /// The reported position is where the offending value starts,
        /// wherever the line is and however it is indented.
        #[test]
        fn error_position_is_the_value_start(blank in 0_usize..6, pad in 0_usize..12) {
            let text = format!("{}{}fiscal_year = \"x\"\n", "\n".repeat(blank), " ".repeat(pad));
            let err = Manifest::parse(&text, "namnd.toml").map(|_| ());
            let Err(ReportError::Manifest { line, column, .. }) = err else {
                return Err(proptest::test_runner::TestCaseError::fail(format!("{err:?}")));
            };
            proptest::prop_assert_eq!((line, column), (blank + 1, pad + 15));
        }
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nåäx", 7), (2, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
