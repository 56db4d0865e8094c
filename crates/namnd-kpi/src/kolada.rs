//! Import of saved Kolada API v2 responses, and comparison of a municipality
//! with *riket* and with a group of municipalities.
//!
//! [Kolada](https://www.kolada.se) is the national KPI database run by RKA.
//! This module reads two kinds of responses, saved as files (it works
//! offline; an optional HTTP client behind a feature is future work):
//!
//! - the `kpi` metadata response, `{"count": …, "values": [{"id": "U21401",
//!   "title": …, "description": …, "is_divided_by_gender": …, …}]}`, into
//!   [`KoladaKpi`];
//! - the `data` response, `{"count": …, "values": [{"kpi": "U21401",
//!   "municipality": "0481", "period": 2021, "values": [{"gender": "T",
//!   "count": 1, "status": "", "value": 14.0}, …]}]}`, into one
//!   [`KoladaValue`] per gender (T total, K women, M men).
//!
//! Unknown fields are ignored; missing genders simply give fewer values; a
//! `null` value is kept as a missing value together with its status; the
//! same KPI, municipality, period and gender twice is an error.
//!
//! [`KoladaKpi::to_indicator`] and [`measurement`] carry a KPI and its
//! values over into the [`goal`](crate::goal) module for assessment.
//!
//! # Numbers without float rounding
//!
//! Values become [`Decimal`] through the number's decimal text:
//! `serde_json::Number` → its string form → [`Decimal::from_str_exact`]
//! (or [`Decimal::from_scientific`] for exponent forms). serde_json's
//! `arbitrary_precision` feature would keep the original text, but it is a
//! global feature that changes every user of serde_json in the build, so it is
//! not enabled. Without it a non-integer JSON number is held as an `f64` and
//! printed back as the shortest text that round-trips, which reproduces every
//! value with up to 15 significant digits exactly (Kolada publishes at most a
//! few decimals); no arithmetic is ever done in floating point.
//!
//! # Example
//! ```
//! use namnd_kpi::kolada::{self, KoladaGender, RankOrder};
//! use namnd_core::Decimal;
//!
//! let json = r#"{"count": 3, "values": [
//!   {"kpi": "U21401", "municipality": "0481", "period": 2021,
//!    "values": [{"gender": "T", "count": 1, "status": "", "value": 19.0}]},
//!   {"kpi": "U21401", "municipality": "0461", "period": 2021,
//!    "values": [{"gender": "T", "count": 1, "status": "", "value": 14.0}]},
//!   {"kpi": "U21401", "municipality": "0000", "period": 2021,
//!    "values": [{"gender": "T", "count": 1, "status": "", "value": 16.0}]}
//! ]}"#;
//! let data = kolada::parse_data(json, "u21401.json")?;
//! let cmp = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0481"], RankOrder::LowerIsBetter)?;
//! assert_eq!(cmp.value(), Decimal::new(190, 1));
//! assert_eq!(cmp.riket(), Some(Decimal::new(160, 1)));
//! assert_eq!(cmp.rank(), 2); // lower is better: 14 ranks first
//! # Ok::<(), namnd_kpi::KpiError>(())
//! ```

use core::fmt;
use std::collections::HashMap;
use std::path::Path;

use namnd_core::{Decimal, FiscalYear, Period};
use serde::Deserialize;

use crate::goal::{Direction, Indicator, IndicatorUnit, Measurement};
use crate::{KpiError, Result};

/// Kolada's municipality id for the whole country (*riket*).
pub const RIKET: &str = "0000";

// ------------------------------------------------------------------ raw JSON

#[derive(Deserialize)]
struct RawKpiResponse {
    #[serde(default)]
    values: Vec<RawKpi>,
}

#[derive(Deserialize)]
struct RawKpi {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    is_divided_by_gender: Option<Flag>,
    #[serde(default)]
    has_ou_data: Option<Flag>,
    #[serde(default)]
    municipality_type: Option<String>,
}

/// Kolada writes some flags as `true`/`false` and some as `1`/`0`.
#[derive(Deserialize, Clone, Copy)]
#[serde(untagged)]
enum Flag {
    Bool(bool),
    Int(u8),
}

impl Flag {
    fn get(self) -> bool {
        match self {
            Flag::Bool(b) => b,
            Flag::Int(i) => i != 0,
        }
    }
}

#[derive(Deserialize)]
struct RawDataResponse {
    #[serde(default)]
    values: Vec<RawData>,
}

#[derive(Deserialize)]
struct RawData {
    kpi: String,
    municipality: String,
    period: i32,
    #[serde(default)]
    values: Vec<RawValue>,
}

#[derive(Deserialize)]
struct RawValue {
    gender: String,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    value: Option<serde_json::Number>,
}

/// Parses JSON, turning serde_json's error into one naming file and position.
fn parse_json<'a, T: Deserialize<'a>>(json: &'a str, file: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let reason = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
        KpiError::KoladaJson {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            reason,
        }
    })
}

/// Reads a file to a string, naming it on failure.
fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| KpiError::KoladaRead {
        file: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// A JSON number's decimal text as a `Decimal`, without float arithmetic.
fn number_to_decimal(number: &serde_json::Number) -> Option<Decimal> {
    let text = number.to_string();
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()
    } else {
        Decimal::from_str_exact(&text).ok()
    }
}

// ------------------------------------------------------------------ metadata

/// Metadata of one Kolada KPI (from the `kpi` response).
///
/// # Example
/// ```
/// use namnd_kpi::kolada;
///
/// let json = r#"{"count": 1, "values": [{"id": "U21401", "title": "Personalkontinuitet",
///   "description": "Antal personal som en hemtjänsttagare möter", "is_divided_by_gender": 0,
///   "has_ou_data": true, "municipality_type": "K", "operating_area": "Äldreomsorg"}]}"#;
/// let kpis = kolada::parse_kpis(json, "kpi.json")?;
/// assert_eq!(kpis.len(), 1);
/// assert_eq!(kpis.first().map(|k| k.id()), Some("U21401"));
/// assert_eq!(kpis.first().map(|k| k.is_divided_by_gender()), Some(false));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoladaKpi {
    id: String,
    title: String,
    description: String,
    divided_by_gender: bool,
    has_ou_data: bool,
    municipality_type: Option<String>,
}

impl KoladaKpi {
    /// The Kolada id, e.g. `U21401`.
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The Swedish title.
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The Swedish description.
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Whether values are published per gender (K/M) besides the total (T).
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn is_divided_by_gender(&self) -> bool {
        self.divided_by_gender
    }

    /// Whether values exist per organisational unit too.
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn has_ou_data(&self) -> bool {
        self.has_ou_data
    }

    /// Kolada's municipality type code (`K` municipalities, `L` regions,
    /// `A` both), if given.
    ///
    /// # Example
    /// See [`KoladaKpi`].
    pub fn municipality_type(&self) -> Option<&str> {
        self.municipality_type.as_deref()
    }

    /// An [`Indicator`] for this KPI: its id (also as the Kolada id), title,
    /// description and gender split, source "Kolada", in `unit` with
    /// `direction` (Kolada's metadata gives neither reliably).
    ///
    /// # Errors
    /// [`KpiError::EmptyGoalId`] for an empty id, [`KpiError::InvalidKoladaId`]
    /// for an id that is not a capital letter followed by five digits.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::goal::{Direction, IndicatorUnit};
    /// use namnd_kpi::kolada;
    ///
    /// let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "is_divided_by_gender": 0}]}"#;
    /// let kpis = kolada::parse_kpis(json, "kpi.json")?;
    /// for kpi in &kpis {
    ///     let ind = kpi.to_indicator(IndicatorUnit::Persons, Direction::LowerIsBetter)?;
    ///     assert_eq!((ind.id(), ind.name(), ind.source()), ("U21401", "Personalkontinuitet", "Kolada"));
    ///     assert_eq!(ind.kolada_id().map(|k| k.as_str()), Some("U21401"));
    /// }
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn to_indicator(&self, unit: IndicatorUnit, direction: Direction) -> Result<Indicator> {
        Ok(
            Indicator::new(self.id.as_str(), self.title.as_str(), unit, direction)?
                .with_description(self.description.as_str())
                .with_kolada_id(self.id.parse()?)
                .with_source("Kolada")
                .with_gender_split(self.divided_by_gender),
        )
    }
}

/// Parses a saved `kpi` metadata response; `file` names the source in errors.
///
/// # Errors
/// [`KpiError::KoladaJson`] with line and column for malformed JSON or a
/// wrong shape (e.g. an entry without `id`).
///
/// # Example
/// See [`KoladaKpi`].
pub fn parse_kpis(json: &str, file: &str) -> Result<Vec<KoladaKpi>> {
    let raw: RawKpiResponse = parse_json(json, file)?;
    Ok(raw
        .values
        .into_iter()
        .map(|k| KoladaKpi {
            id: k.id,
            title: k.title,
            description: k.description,
            divided_by_gender: k.is_divided_by_gender.is_some_and(Flag::get),
            has_ou_data: k.has_ou_data.is_some_and(Flag::get),
            municipality_type: k.municipality_type.filter(|t| !t.is_empty()),
        })
        .collect())
}

/// Reads and parses a saved `kpi` metadata response file.
///
/// # Errors
/// [`KpiError::KoladaRead`] if the file cannot be read, else as [`parse_kpis`].
///
/// # Example
/// ```
/// use namnd_kpi::{KpiError, kolada};
/// let result = kolada::read_kpis_file(std::path::Path::new("/no/such/kpi.json"));
/// assert!(matches!(result, Err(KpiError::KoladaRead { .. })));
/// # Ok::<(), KpiError>(())
/// ```
pub fn read_kpis_file(path: &Path) -> Result<Vec<KoladaKpi>> {
    parse_kpis(&read(path)?, &path.display().to_string())
}

// ---------------------------------------------------------------------- data

/// Kolada's gender split: T (total), K (*kvinnor*, women), M (*män*, men).
///
/// # Example
/// ```
/// use namnd_kpi::kolada::KoladaGender;
/// assert_eq!(KoladaGender::from_code("K"), Some(KoladaGender::Women));
/// assert_eq!(KoladaGender::Men.code(), 'M');
/// assert_eq!(KoladaGender::from_code("X"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KoladaGender {
    /// `T`: everyone.
    Total,
    /// `K`: women.
    Women,
    /// `M`: men.
    Men,
}

impl KoladaGender {
    /// The gender of a Kolada code, if it is T, K or M.
    ///
    /// # Example
    /// See [`KoladaGender`].
    pub fn from_code(code: &str) -> Option<KoladaGender> {
        match code {
            "T" => Some(KoladaGender::Total),
            "K" => Some(KoladaGender::Women),
            "M" => Some(KoladaGender::Men),
            _ => None,
        }
    }

    /// The Kolada code.
    ///
    /// # Example
    /// See [`KoladaGender`].
    pub fn code(self) -> char {
        match self {
            KoladaGender::Total => 'T',
            KoladaGender::Women => 'K',
            KoladaGender::Men => 'M',
        }
    }
}

impl fmt::Display for KoladaGender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// One published value: a KPI for a municipality, period and gender. The
/// value is `None` when Kolada has none (JSON `null`); `status` then often
/// says why.
///
/// # Example
/// ```
/// use namnd_kpi::kolada::{self, KoladaGender};
/// use namnd_core::Decimal;
///
/// let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [
///   {"gender": "T", "count": 1, "status": "", "value": 87.5},
///   {"gender": "K", "count": 0, "status": "Missing", "value": null}]}]}"#;
/// let data = kolada::parse_data(json, "u21468.json")?;
/// assert_eq!(data.len(), 2);
/// assert_eq!(data.first().and_then(|v| v.value()), Some(Decimal::new(875, 1)));
/// assert_eq!(data.get(1).map(|v| (v.gender(), v.value(), v.status())), Some((KoladaGender::Women, None, Some("Missing"))));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KoladaValue {
    kpi: String,
    municipality: String,
    period: i32,
    gender: KoladaGender,
    value: Option<Decimal>,
    count: Option<u32>,
    status: Option<String>,
}

impl KoladaValue {
    /// The KPI id.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn kpi(&self) -> &str {
        &self.kpi
    }

    /// The municipality id (`"0000"` is riket).
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn municipality(&self) -> &str {
        &self.municipality
    }

    /// The period (year) the value refers to.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn period(&self) -> i32 {
        self.period
    }

    /// The gender split.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn gender(&self) -> KoladaGender {
        self.gender
    }

    /// The value, exactly as published, or `None` when missing.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }

    /// Kolada's `count` (number of underlying observations), if given.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// Kolada's status text, if not empty.
    ///
    /// # Example
    /// See [`KoladaValue`].
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
}

/// Parses a saved `data` response into one value per municipality, period
/// and gender; `file` names the source in errors.
///
/// # Errors
/// [`KpiError::KoladaJson`] with line and column for malformed JSON or a
/// wrong shape, [`KpiError::KoladaGender`] for a gender code other than
/// T/K/M, [`KpiError::KoladaNumber`] for a number outside `Decimal`'s range,
/// [`KpiError::KoladaDuplicate`] when a KPI, municipality, period and gender
/// appears twice (naming both entries, counted from 1).
///
/// # Example
/// ```
/// use namnd_kpi::kolada;
///
/// let json = r#"{"values": [
///   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
///   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 18}]}]}"#;
/// let err = kolada::parse_data(json, "u21401.json").unwrap_err();
/// assert_eq!(err.to_string(), "kolada file u21401.json: U21401 for municipality 0481 period 2021 gender T appears twice, in entries 1 and 2");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn parse_data(json: &str, file: &str) -> Result<Vec<KoladaValue>> {
    let raw: RawDataResponse = parse_json(json, file)?;
    let mut out = Vec::new();
    // (kpi, municipality, period, gender) → 1-based entry where first seen.
    let mut seen: HashMap<(String, String, i32, KoladaGender), usize> = HashMap::new();
    for (index, entry) in raw.values.into_iter().enumerate() {
        let position = index.saturating_add(1);
        let at = || {
            format!(
                "{} for municipality {} period {}",
                entry.kpi, entry.municipality, entry.period
            )
        };
        for v in entry.values {
            let gender =
                KoladaGender::from_code(&v.gender).ok_or_else(|| KpiError::KoladaGender {
                    file: file.to_owned(),
                    code: v.gender.clone(),
                    at: at(),
                })?;
            let key = (
                entry.kpi.clone(),
                entry.municipality.clone(),
                entry.period,
                gender,
            );
            if let Some(first) = seen.insert(key, position) {
                return Err(KpiError::KoladaDuplicate {
                    file: file.to_owned(),
                    at: format!("{} gender {}", at(), gender),
                    first,
                    second: position,
                });
            }
            let value = match &v.value {
                None => None,
                Some(number) => {
                    Some(
                        number_to_decimal(number).ok_or_else(|| KpiError::KoladaNumber {
                            file: file.to_owned(),
                            text: number.to_string(),
                            at: at(),
                        })?,
                    )
                }
            };
            out.push(KoladaValue {
                kpi: entry.kpi.clone(),
                municipality: entry.municipality.clone(),
                period: entry.period,
                gender,
                value,
                count: v.count,
                status: v.status.filter(|s| !s.is_empty()),
            });
        }
    }
    Ok(out)
}

/// Reads and parses a saved `data` response file.
///
/// # Errors
/// [`KpiError::KoladaRead`] if the file cannot be read, else as [`parse_data`].
///
/// # Example
/// ```
/// use namnd_kpi::{KpiError, kolada};
/// let result = kolada::read_data_file(std::path::Path::new("/no/such/data.json"));
/// let message = result.err().map(|e| e.to_string()).unwrap_or_default();
/// assert!(message.starts_with("cannot read kolada file /no/such/data.json: "));
/// # Ok::<(), KpiError>(())
/// ```
pub fn read_data_file(path: &Path) -> Result<Vec<KoladaValue>> {
    parse_data(&read(path)?, &path.display().to_string())
}

// ---------------------------------------------------------------- comparison

/// Which way ranks run: rank 1 is the best value.
///
/// # Example
/// ```
/// use namnd_kpi::kolada::RankOrder;
/// // Personalkontinuitet (U21401): fewer staff is better.
/// let order = RankOrder::LowerIsBetter;
/// assert_ne!(order, RankOrder::HigherIsBetter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RankOrder {
    /// Higher values rank first (e.g. satisfaction).
    HigherIsBetter,
    /// Lower values rank first (e.g. continuity, waiting times, sick leave).
    LowerIsBetter,
}

/// A municipality's value compared with riket and with a group.
///
/// # Example
/// See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    value: Decimal,
    riket: Option<Decimal>,
    group_mean: Decimal,
    group_median: Decimal,
    rank: usize,
    ranked: usize,
    without_value: Vec<String>,
}

impl Comparison {
    /// The municipality's value.
    ///
    /// # Example
    /// See the [module documentation](self).
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// Riket's value, if present in the data.
    ///
    /// # Example
    /// See the [module documentation](self).
    pub fn riket(&self) -> Option<Decimal> {
        self.riket
    }

    /// `value − riket` (in the KPI's unit; percentage points for
    /// percentages), if riket has a value.
    ///
    /// # Example
    /// See [`compare`].
    pub fn difference_from_riket(&self) -> Option<Decimal> {
        self.riket.and_then(|r| self.value.checked_sub(r))
    }

    /// The unrounded mean of the group's values (the municipality included).
    ///
    /// # Example
    /// See [`compare`].
    pub fn group_mean(&self) -> Decimal {
        self.group_mean
    }

    /// The median of the group's values (the municipality included); an even
    /// count gives the mean of the two middle values.
    ///
    /// # Example
    /// See [`compare`].
    pub fn group_median(&self) -> Decimal {
        self.group_median
    }

    /// The municipality's rank in the group, 1 = best. Ties share a rank
    /// (1, 2, 2, 4).
    ///
    /// # Example
    /// See the [module documentation](self).
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// How many municipalities were ranked (those with a value).
    ///
    /// # Example
    /// See [`compare`].
    pub fn ranked(&self) -> usize {
        self.ranked
    }

    /// Group members left out because they had no value (missing or `null`).
    ///
    /// # Example
    /// See [`compare`].
    pub fn without_value(&self) -> &[String] {
        &self.without_value
    }
}

/// Finds a row in the data.
fn find_row<'a>(
    data: &'a [KoladaValue],
    kpi: &str,
    period: i32,
    gender: KoladaGender,
    municipality: &str,
) -> Option<&'a KoladaValue> {
    data.iter().find(|v| {
        v.kpi == kpi && v.period == period && v.gender == gender && v.municipality == municipality
    })
}

/// A [`Measurement`] of `kpi` for `municipality`, Kolada period `period` and
/// `gender`, reported for `report` (e.g. the annual report's year). The
/// value refers to the Kolada period as a year (a report for 2022 often
/// shows Kolada's 2021); riket's value (municipality [`RIKET`]) becomes the
/// comparison, when present. A `null` value is a missing observation whose
/// reason gives Kolada's status, never 0.
///
/// # Errors
/// [`KpiError::KoladaMissingValue`] if the data has no row at all for the
/// municipality (a wrong id more often than missing data),
/// [`KpiError::Core`] for a period outside the supported years,
/// [`KpiError::ReferenceAfterReport`] if the Kolada period is after `report`.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Period};
/// use namnd_kpi::goal::Observation;
/// use namnd_kpi::kolada::{self, KoladaGender};
///
/// let json = r#"{"values": [
///   {"kpi": "U21401", "municipality": "0481", "period": 2021,
///    "values": [{"gender": "T", "value": 19}, {"gender": "K", "status": "Missing", "value": null}]},
///   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
/// let data = kolada::parse_data(json, "u21401.json")?;
/// let report: Period = "2022".parse()?;
/// let m = kolada::measurement(&data, "U21401", "0481", 2021, KoladaGender::Total, report)?;
/// assert_eq!(m.value(), Some(Decimal::from(19)));
/// assert_eq!(m.reference_period(), "2021".parse::<Period>()?);
/// assert_eq!(m.comparisons().riket, Some(Decimal::from(16)));
/// let women = kolada::measurement(&data, "U21401", "0481", 2021, KoladaGender::Women, report)?;
/// assert_eq!(women.observation(), &Observation::Missing { reason: "no value in kolada (status Missing)".into() });
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn measurement(
    data: &[KoladaValue],
    kpi: &str,
    municipality: &str,
    period: i32,
    gender: KoladaGender,
    report: Period,
) -> Result<Measurement> {
    let row = find_row(data, kpi, period, gender, municipality).ok_or_else(|| {
        KpiError::KoladaMissingValue {
            kpi: kpi.to_owned(),
            municipality: municipality.to_owned(),
            period,
            gender: gender.code(),
        }
    })?;
    let reference = Period::Year(FiscalYear::try_new(period)?);
    let measurement = match (row.value, row.status()) {
        (Some(value), _) => Measurement::measured(report, value),
        (None, Some(status)) => {
            Measurement::missing(report, format!("no value in kolada (status {status})"))
        }
        (None, None) => Measurement::missing(report, "no value in kolada"),
    }
    .referring_to(reference)?;
    Ok(
        match find_row(data, kpi, period, gender, RIKET).and_then(|r| r.value) {
            Some(riket) => measurement.with_riket(riket),
            None => measurement,
        },
    )
}

/// Finds a value in the data.
fn find(
    data: &[KoladaValue],
    kpi: &str,
    period: i32,
    gender: KoladaGender,
    municipality: &str,
) -> Option<Decimal> {
    find_row(data, kpi, period, gender, municipality).and_then(|v| v.value)
}

/// Compares `municipality` with riket ([`RIKET`]) and with `group` for one
/// KPI, period and gender. The municipality always belongs to the group (it
/// is added if absent, and never counted twice); riket is never part of the
/// group. Group members without a value are left out and listed.
///
/// # Errors
/// [`KpiError::KoladaMissingValue`] if the municipality itself has no value,
/// [`KpiError::KoladaOverflow`] if the group's sum, mean or median leaves the
/// decimal range.
///
/// # Example
/// ```
/// use namnd_kpi::kolada::{self, KoladaGender, RankOrder};
/// use namnd_core::Decimal;
///
/// let json = r#"{"values": [
///   {"kpi": "U23401", "municipality": "0480", "period": 2022, "values": [{"gender": "T", "value": 60}]},
///   {"kpi": "U23401", "municipality": "0481", "period": 2022, "values": [{"gender": "T", "value": 40}]},
///   {"kpi": "U23401", "municipality": "0482", "period": 2022, "values": [{"gender": "T", "value": 20}]},
///   {"kpi": "U23401", "municipality": "0483", "period": 2022, "values": [{"gender": "T", "value": null}]},
///   {"kpi": "U23401", "municipality": "0000", "period": 2022, "values": [{"gender": "T", "value": 55.5}]}
/// ]}"#;
/// let data = kolada::parse_data(json, "u23401.json")?;
/// let group = ["0480", "0482", "0483"];
/// let c = kolada::compare(&data, "U23401", 2022, KoladaGender::Total, "0481", &group, RankOrder::LowerIsBetter)?;
/// assert_eq!((c.rank(), c.ranked()), (2, 3));
/// assert_eq!(c.group_mean(), Decimal::from(40));
/// assert_eq!(c.group_median(), Decimal::from(40));
/// assert_eq!(c.difference_from_riket(), Some(Decimal::new(-155, 1)));
/// assert_eq!(c.without_value(), ["0483"]);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn compare(
    data: &[KoladaValue],
    kpi: &str,
    period: i32,
    gender: KoladaGender,
    municipality: &str,
    group: &[&str],
    order: RankOrder,
) -> Result<Comparison> {
    let value = find(data, kpi, period, gender, municipality).ok_or_else(|| {
        KpiError::KoladaMissingValue {
            kpi: kpi.to_owned(),
            municipality: municipality.to_owned(),
            period,
            gender: gender.code(),
        }
    })?;
    let riket = find(data, kpi, period, gender, RIKET);

    let mut members: Vec<&str> = vec![municipality];
    for m in group {
        if *m != RIKET && !members.contains(m) {
            members.push(m);
        }
    }
    let mut values = Vec::with_capacity(members.len());
    let mut without_value = Vec::new();
    for m in members {
        match find(data, kpi, period, gender, m) {
            Some(v) => values.push(v),
            None => without_value.push(m.to_owned()),
        }
    }
    values.sort_unstable();

    let overflow = |what: &'static str| KpiError::KoladaOverflow {
        kpi: kpi.to_owned(),
        municipality: municipality.to_owned(),
        period,
        gender: gender.code(),
        what,
    };
    let sum = values
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
        .ok_or_else(|| overflow("sum"))?;
    // `values` holds at least the municipality's own value.
    let count = Decimal::from(values.len());
    let group_mean = sum.checked_div(count).ok_or_else(|| overflow("mean"))?;
    let group_median = median(&values).ok_or_else(|| overflow("median"))?;

    let better = match order {
        RankOrder::LowerIsBetter => values.iter().filter(|v| **v < value).count(),
        RankOrder::HigherIsBetter => values.iter().filter(|v| **v > value).count(),
    };
    Ok(Comparison {
        value,
        riket,
        group_mean,
        group_median,
        rank: better.saturating_add(1),
        ranked: values.len(),
        without_value,
    })
}

/// Median of sorted values; the mean of the two middle ones for an even
/// count. `None` for no values or on overflow.
fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let n = sorted.len();
    let upper = sorted.get(n / 2).copied()?;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = sorted.get(n / 2 - 1).copied()?;
    lower.checked_add(upper)?.checked_div(Decimal::TWO)
}
