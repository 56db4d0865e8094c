//! Import of Kolada API v2 responses, and comparison of a municipality
//! with *riket* and with a group of municipalities.
//!
//! [Kolada](https://www.kolada.se) is the national KPI database run by RKA.
//! This module reads two kinds of responses, saved as files (it works
//! offline), or fetched with the optional `KoladaClient` (feature
//! `kolada-http`), which parses with the same functions:
//!
//! | Response | URL (API v2) | Read by | Into |
//! |---|---|---|---|
//! | `kpi` metadata, `{"count": …, "values": [{"id": "U21401", "title": …, "description": …, "is_divided_by_gender": …, …}]}` | `/v2/kpi/U21401` | [`parse_kpis`], [`read_kpis_file`] | [`KoladaKpi`] |
//! | `data`, `{"count": …, "values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "count": 1, "status": "", "value": 14.0}, …]}]}` | `/v2/data/kpi/U21401/municipality/0481,0461/year/2021,2022` | [`parse_data`], [`read_data_file`] | one [`KoladaValue`] per gender (T total, K women, M men) |
//!
//! Unknown fields are ignored; missing genders simply give fewer values; a
//! `null` value is kept as a missing value together with its status. A bad
//! value (unknown gender code, no exact decimal, the same KPI, municipality,
//! period and gender again) is rejected on its own by [`import_data`], which
//! keeps the good values and returns a [`KoladaImportSummary`] (values read,
//! accepted, rejected, each rejection with file, entry, KPI, municipality,
//! period and reason, and counts per reason); [`parse_data`] is the strict
//! form that makes any rejection an error. Only JSON that cannot be read
//! (malformed, wrong shape) stops an import.
//!
//! [`KoladaKpi::to_indicator`] and [`measurement`] carry a KPI and its
//! values over into the [`goal`](crate::goal) module for assessment;
//! [`compare`] ranks a municipality in a group by the goal module's
//! [`Direction`].
//!
//! # Numbers without float rounding
//!
//! A value's JSON number is never turned into an `f64`. serde_json's
//! `raw_value` feature (which only adds the `RawValue` type and changes
//! nothing else in the build, unlike `arbitrary_precision`) hands over the
//! number's original text, which becomes a [`Decimal`] through
//! [`Decimal::from_str_exact`]; for exponent forms such as `1.5e2` the
//! mantissa is read the same exact way and the exponent applied to its digits
//! and scale with checked arithmetic (`Decimal::from_scientific` would round a
//! long mantissa silently). So `12.50` keeps its two decimals, a value with 20
//! significant digits is exact, and a value that a `Decimal` cannot hold
//! exactly (beyond about ±7.9 × 10²⁸, or more digits than its 96-bit
//! mantissa and 28 decimals hold) is a [`KpiError::KoladaNumber`] naming the file and the KPI, municipality,
//! period and gender, never a silently rounded value.
//!
//! # HTTP client (feature `kolada-http`)
//!
//! `KoladaClient` is a small blocking client built on `ureq` 3 (rustls
//! with ring and the Mozilla root certificates from `webpki-roots`; no
//! async runtime, no OpenSSL). It builds the API v2 URLs, follows
//! `next_page` links (always on the client's own scheme and host) and parses
//! every page with [`parse_kpis`]' and [`parse_data`]'s code. Errors name the
//! URL, which holds only KPI ids, municipality ids and years.
//!
//! # Example
//! ```
//! use namnd_kpi::goal::Direction;
//! use namnd_kpi::kolada::{self, KoladaGender};
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
//! let cmp = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0481"], Direction::LowerIsBetter)?;
//! assert_eq!(cmp.value(), Decimal::new(190, 1));
//! assert_eq!(cmp.value().to_string(), "19.0"); // the published text, scale kept
//! assert_eq!(cmp.riket(), Some(Decimal::new(160, 1)));
//! assert_eq!(cmp.rank(), 2); // lower is better: 14 ranks first
//! # Ok::<(), namnd_kpi::KpiError>(())
//! ```

use core::fmt;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use namnd_core::{Decimal, FiscalYear, Period, quote_for_message};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::goal::{Direction, Indicator, IndicatorUnit, Measurement};
use crate::{KpiError, Result};

/// Kolada's municipality id for the whole country (*riket*).
///
/// # Example
/// ```
/// use namnd_kpi::kolada::{self, KoladaGender, RIKET};
/// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
/// let data = kolada::parse_data(json, "u21401.json")?;
/// assert!(data.iter().all(|v| v.municipality() == RIKET));
/// # let _ = KoladaGender::Total;
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub const RIKET: &str = "0000";

// ------------------------------------------------------------------ raw JSON

#[derive(Deserialize)]
struct RawKpiResponse {
    #[serde(default)]
    values: Vec<RawKpi>,
    /// Link to the next page of a paged API answer (absent in saved files).
    #[cfg_attr(not(feature = "kolada-http"), allow(dead_code))]
    #[serde(default)]
    next_page: Option<String>,
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
    /// Link to the next page of a paged API answer (absent in saved files).
    #[cfg_attr(not(feature = "kolada-http"), allow(dead_code))]
    #[serde(default)]
    next_page: Option<String>,
}

#[derive(Deserialize)]
struct RawData {
    kpi: String,
    municipality: String,
    period: i32,
    #[serde(default)]
    values: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    gender: String,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    status: Option<String>,
    /// The value's JSON text exactly as written (`null` gives `None`).
    #[serde(default)]
    value: Option<Box<RawValue>>,
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

/// A JSON value's original text as a `Decimal`, without float arithmetic:
/// `None` if it is not a number or does not fit exactly.
///
/// An exponent form `M e E` is read as the exact mantissa `M`
/// ([`Decimal::from_str_exact`]) times `10^E`, applied to the mantissa's
/// integer and scale with checked arithmetic; a result that needs more than
/// 28 decimals or 96 bits is `None`, never a rounded value.
fn number_to_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    // The text is valid JSON (checked by serde_json); a number starts with
    // `-` or a digit, anything else (string, true, object) is no number.
    if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return None;
    }
    let Some(at) = text.find(['e', 'E']) else {
        return Decimal::from_str_exact(text).ok();
    };
    let mantissa = Decimal::from_str_exact(text.get(..at)?).ok()?;
    let exponent: i64 = text.get(at.checked_add(1)?..)?.parse().ok()?;
    let mut digits = mantissa.mantissa();
    if digits == 0 {
        return Some(Decimal::ZERO);
    }
    // value = digits × 10^(exponent − scale)
    let mut scale = i64::from(mantissa.scale()).checked_sub(exponent)?;
    if scale < 0 {
        let power = 10_i128.checked_pow(u32::try_from(scale.checked_neg()?).ok()?)?;
        digits = digits.checked_mul(power)?;
        scale = 0;
    }
    // Trailing zeros may bring a long scale back within 28 decimals.
    while scale > 28 && digits % 10 == 0 {
        digits /= 10;
        scale = scale.checked_sub(1)?;
    }
    Decimal::try_from_i128_with_scale(digits, u32::try_from(scale).ok()?).ok()
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct KoladaKpi {
    id: String,
    title: String,
    description: String,
    divided_by_gender: bool,
    has_ou_data: bool,
    /// Empty text is read as absent, as from the API.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "serde_checks::non_empty")
    )]
    municipality_type: Option<String>,
}

impl KoladaKpi {
    /// The Kolada id, e.g. `U21401`.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert_eq!(kpi.id(), "U21401");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The Swedish title.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert_eq!(kpi.title(), "Personalkontinuitet");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The Swedish description.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert_eq!(kpi.description(), "Antal personal");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Whether values are published per gender (K/M) besides the total (T).
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert!(kpi.is_divided_by_gender());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_divided_by_gender(&self) -> bool {
        self.divided_by_gender
    }

    /// Whether values exist per organisational unit too.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert!(!kpi.has_ou_data());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_ou_data(&self) -> bool {
        self.has_ou_data
    }

    /// Kolada's municipality type code (`K` municipalities, `L` regions,
    /// `A` both), if given.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "description": "Antal personal", "is_divided_by_gender": 1, "has_ou_data": false, "municipality_type": "K"}]}"#;
    /// # let kpi = namnd_kpi::kolada::parse_kpis(json, "kpi.json")?.into_iter().next().ok_or("no kpi")?;
    /// assert_eq!(kpi.municipality_type(), Some("K"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
/// ```
/// use namnd_kpi::kolada;
/// let kpis = kolada::parse_kpis(r#"{"values": [{"id": "U21401"}, {"id": "U21402"}]}"#, "kpi.json")?;
/// assert_eq!(kpis.iter().map(|k| k.id()).collect::<Vec<_>>(), ["U21401", "U21402"]);
/// assert!(kolada::parse_kpis(r#"{"values": [{"title": "utan id"}]}"#, "kpi.json").is_err());
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn parse_kpis(json: &str, file: &str) -> Result<Vec<KoladaKpi>> {
    let raw: RawKpiResponse = parse_json(json, file)?;
    Ok(kpis_from_raw(raw.values))
}

/// The metadata entries of one response.
fn kpis_from_raw(values: Vec<RawKpi>) -> Vec<KoladaKpi> {
    values
        .into_iter()
        .map(|k| KoladaKpi {
            id: k.id,
            title: k.title,
            description: k.description,
            divided_by_gender: k.is_divided_by_gender.is_some_and(Flag::get),
            has_ou_data: k.has_ou_data.is_some_and(Flag::get),
            municipality_type: k.municipality_type.filter(|t| !t.is_empty()),
        })
        .collect()
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum KoladaGender {
    /// `T`: everyone.
    #[cfg_attr(feature = "serde", serde(rename = "T"))]
    Total,
    /// `K`: women.
    #[cfg_attr(feature = "serde", serde(rename = "K"))]
    Women,
    /// `M`: men.
    #[cfg_attr(feature = "serde", serde(rename = "M"))]
    Men,
}

impl KoladaGender {
    /// The gender of a Kolada code, if it is T, K or M.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::kolada::KoladaGender;
    /// assert_eq!(KoladaGender::from_code("T"), Some(KoladaGender::Total));
    /// ```
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
    /// ```
    /// use namnd_kpi::kolada::KoladaGender;
    /// assert_eq!(KoladaGender::Women.code(), 'K');
    /// ```
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct KoladaValue {
    kpi: String,
    municipality: String,
    period: i32,
    gender: KoladaGender,
    /// A decimal string such as `"12.50"`, so the published scale is kept.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    value: Option<Decimal>,
    count: Option<u32>,
    /// Empty text is read as absent, as from the API.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "serde_checks::non_empty")
    )]
    status: Option<String>,
}

impl KoladaValue {
    /// The KPI id.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.kpi(), "U21468");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kpi(&self) -> &str {
        &self.kpi
    }

    /// The municipality id (`"0000"` is riket).
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.municipality(), "0481");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn municipality(&self) -> &str {
        &self.municipality
    }

    /// The period (year) the value refers to.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.period(), 2021);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period(&self) -> i32 {
        self.period
    }

    /// The gender split.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.gender(), namnd_kpi::kolada::KoladaGender::Women);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gender(&self) -> KoladaGender {
        self.gender
    }

    /// The value, exactly as published, or `None` when missing.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.value().map(|d| d.to_string()).as_deref(), Some("87.50"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }

    /// Kolada's `count` (number of underlying observations), if given.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.count(), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// Kolada's status text, if not empty.
    ///
    /// # Example
    /// ```
    /// # let json = r#"{"values": [{"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [{"gender": "K", "count": 3, "status": "Preliminary", "value": 87.50}]}]}"#;
    /// # let v = namnd_kpi::kolada::parse_data(json, "u21468.json")?.into_iter().next().ok_or("no value")?;
    /// assert_eq!(v.status(), Some("Preliminary"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
}

/// Parses a saved `data` response into one value per municipality, period
/// and gender; `file` names the source in errors. Strict: any rejected value
/// is an error (use [`import_data`] to keep the good values and get a summary
/// of the rejected ones instead).
///
/// # Errors
/// [`KpiError::KoladaJson`] with line and column for malformed JSON or a
/// wrong shape, else the first rejection's error (see [`import_data`]):
/// [`KpiError::KoladaGender`] for a gender code other than
/// T/K/M, [`KpiError::KoladaNumber`] for a value that is not a JSON number
/// or that a `Decimal` cannot hold exactly (see the module docs),
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
/// let err = kolada::parse_data(json, "u21401.json").err().map(|e| e.to_string());
/// assert_eq!(err.as_deref(), Some("kolada file u21401.json: U21401 for municipality 0481 period 2021 gender T appears twice, in entries 1 and 2"));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn parse_data(json: &str, file: &str) -> Result<Vec<KoladaValue>> {
    import_data(json, file)?.into_strict()
}

/// Parses a saved `data` response, keeping every good value and rejecting
/// (with a reason, counted in [`KoladaImport::summary`]) only the bad ones:
/// an unknown gender code, a value that is no exact decimal, a repeated KPI,
/// municipality, period and gender (the first one is kept).
///
/// # Errors
/// Only [`KpiError::KoladaJson`], for malformed JSON or a wrong shape (then
/// nothing can be read reliably).
///
/// # Example
/// ```
/// use namnd_kpi::kolada::{self, KoladaRejectionReason};
///
/// let json = r#"{"values": [
///   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [
///     {"gender": "T", "value": 19}, {"gender": "X", "value": 3}, {"gender": "K", "value": "20"}]}]}"#;
/// let import = kolada::import_data(json, "u21401.json")?;
/// assert_eq!(import.values.len(), 1);
/// let s = &import.summary;
/// assert_eq!((s.values_read, s.values_accepted, s.values_rejected), (3, 1, 2));
/// assert_eq!(s.rejected_by_reason.get(&KoladaRejectionReason::UnknownGender), Some(&1));
/// assert_eq!(s.rejections.first().map(|r| (r.entry, r.municipality.as_str())), Some((1, "0481")));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn import_data(json: &str, file: &str) -> Result<KoladaImport> {
    let raw: RawDataResponse = parse_json(json, file)?;
    let mut collector = DataCollector::default();
    collector.add(raw.values, file);
    Ok(collector.finish())
}

/// Why a Kolada value was rejected.
///
/// # Example
/// ```
/// use namnd_kpi::kolada::KoladaRejectionReason;
/// assert_eq!(KoladaRejectionReason::Duplicate.as_str(), "duplicate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum KoladaRejectionReason {
    /// A gender code other than T, K or M ([`KpiError::KoladaGender`]).
    UnknownGender,
    /// A value that is no JSON number or no exact decimal ([`KpiError::KoladaNumber`]).
    NotADecimal,
    /// The same KPI, municipality, period and gender again ([`KpiError::KoladaDuplicate`]).
    Duplicate,
}

impl KoladaRejectionReason {
    /// A short snake_case name.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::kolada::KoladaRejectionReason;
    /// assert_eq!(KoladaRejectionReason::NotADecimal.as_str(), "not_a_decimal");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            KoladaRejectionReason::UnknownGender => "unknown_gender",
            KoladaRejectionReason::NotADecimal => "not_a_decimal",
            KoladaRejectionReason::Duplicate => "duplicate",
        }
    }
}

impl fmt::Display for KoladaRejectionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rejected Kolada value.
///
/// # Example
/// ```
/// use namnd_kpi::kolada::{self, KoladaRejectionReason};
/// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": "19"}]}]}"#;
/// let import = kolada::import_data(json, "u21401.json")?;
/// let r = import.summary.rejections.first().ok_or("no rejection")?;
/// assert_eq!((r.file.as_str(), r.entry, r.kpi.as_str(), r.period, r.reason), ("u21401.json", 1, "U21401", 2021, KoladaRejectionReason::NotADecimal));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KoladaRejection {
    /// The file (or page URL) read.
    pub file: String,
    /// 1-based position of the entry in the response's `values` (over all pages).
    pub entry: usize,
    /// The entry's KPI id (at most 40 characters).
    pub kpi: String,
    /// The entry's municipality id (at most 40 characters).
    pub municipality: String,
    /// The entry's period.
    pub period: i32,
    /// Why, as a category.
    pub reason: KoladaRejectionReason,
    /// Why, in full (the message names file, KPI, municipality and period).
    pub error: KpiError,
}

/// What a Kolada `data` import read, kept and rejected.
///
/// # Example
/// ```
/// use namnd_kpi::kolada;
/// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]}]}"#;
/// let summary = kolada::import_data(json, "u21401.json")?.summary;
/// assert_eq!((summary.values_read, summary.values_accepted, summary.values_rejected), (1, 1, 0));
/// assert!(summary.rejections.is_empty() && summary.rejected_by_reason.is_empty());
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct KoladaImportSummary {
    /// Values read (one per gender of each entry).
    pub values_read: u64,
    /// Values kept.
    pub values_accepted: u64,
    /// Values rejected.
    pub values_rejected: u64,
    /// The first [`MAX_LISTED_REJECTIONS`](crate::continuity::MAX_LISTED_REJECTIONS)
    /// rejections, in file order (all are counted).
    pub rejections: Vec<KoladaRejection>,
    /// Rejections counted per reason.
    pub rejected_by_reason: BTreeMap<KoladaRejectionReason, u64>,
}

/// The values kept by a Kolada `data` import, with its summary.
///
/// # Example
/// ```
/// use namnd_kpi::kolada;
/// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}, {"gender": "T", "value": 20}]}]}"#;
/// let import = kolada::import_data(json, "u21401.json")?;
/// assert_eq!((import.values.len(), import.summary.values_rejected), (1, 1)); // the repeated T is rejected
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct KoladaImport {
    /// The values kept, in file order.
    pub values: Vec<KoladaValue>,
    /// What was read, kept and rejected.
    pub summary: KoladaImportSummary,
}

impl KoladaImport {
    /// The values, or the first rejection's error if any value was rejected.
    ///
    /// # Errors
    /// The first rejection's error ([`KpiError::KoladaGender`],
    /// [`KpiError::KoladaNumber`] or [`KpiError::KoladaDuplicate`]).
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::kolada;
    /// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "X", "value": 1}]}]}"#;
    /// let import = kolada::import_data(json, "u21401.json")?;
    /// assert!(matches!(import.into_strict(), Err(namnd_kpi::KpiError::KoladaGender { .. })));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn into_strict(self) -> Result<Vec<KoladaValue>> {
        match self.summary.rejections.into_iter().next() {
            Some(rejection) => Err(rejection.error),
            None => Ok(self.values),
        }
    }
}

/// Collects the values of one or more `data` responses (the pages of one
/// API answer), finding duplicates across all of them.
#[derive(Default)]
struct DataCollector {
    out: Vec<KoladaValue>,
    /// (kpi, municipality, period, gender) → 1-based entry where first seen.
    seen: HashMap<(String, String, i32, KoladaGender), usize>,
    /// Entries read so far, over all pages.
    entries: usize,
    summary: KoladaImportSummary,
}

impl DataCollector {
    /// Adds the entries of one response read from `file`, rejecting bad values.
    fn add(&mut self, values: Vec<RawData>, file: &str) {
        for mut entry in values {
            self.entries = self.entries.saturating_add(1);
            let position = self.entries;
            let at = format!(
                "{} for municipality {} period {}",
                quote_for_message(&entry.kpi, 40),
                quote_for_message(&entry.municipality, 40),
                entry.period
            );
            for v in std::mem::take(&mut entry.values) {
                self.summary.values_read = self.summary.values_read.saturating_add(1);
                match self.value(&entry, v, position, &at, file) {
                    Ok(value) => {
                        self.summary.values_accepted =
                            self.summary.values_accepted.saturating_add(1);
                        self.out.push(value);
                    }
                    Err((reason, error)) => self.reject(&entry, position, file, reason, error),
                }
            }
        }
    }

    fn value(
        &mut self,
        entry: &RawData,
        v: RawEntry,
        position: usize,
        at: &str,
        file: &str,
    ) -> std::result::Result<KoladaValue, (KoladaRejectionReason, KpiError)> {
        let gender = KoladaGender::from_code(&v.gender).ok_or_else(|| {
            (
                KoladaRejectionReason::UnknownGender,
                KpiError::KoladaGender {
                    file: file.to_owned(),
                    code: quote_for_message(&v.gender, 40),
                    at: at.to_owned(),
                },
            )
        })?;
        let key = (
            entry.kpi.clone(),
            entry.municipality.clone(),
            entry.period,
            gender,
        );
        if let Some(first) = self.seen.get(&key) {
            return Err((
                KoladaRejectionReason::Duplicate,
                KpiError::KoladaDuplicate {
                    file: file.to_owned(),
                    at: format!("{at} gender {gender}"),
                    first: *first,
                    second: position,
                },
            ));
        }
        self.seen.insert(key, position);
        let value = match &v.value {
            None => None,
            Some(raw) => Some(number_to_decimal(raw.get()).ok_or_else(|| {
                (
                    KoladaRejectionReason::NotADecimal,
                    KpiError::KoladaNumber {
                        file: file.to_owned(),
                        text: quote_for_message(raw.get(), 40),
                        at: format!("{at} gender {gender}"),
                    },
                )
            })?),
        };
        Ok(KoladaValue {
            kpi: entry.kpi.clone(),
            municipality: entry.municipality.clone(),
            period: entry.period,
            gender,
            value,
            count: v.count,
            status: v.status.filter(|s| !s.is_empty()),
        })
    }

    fn reject(
        &mut self,
        entry: &RawData,
        position: usize,
        file: &str,
        reason: KoladaRejectionReason,
        error: KpiError,
    ) {
        let summary = &mut self.summary;
        summary.values_rejected = summary.values_rejected.saturating_add(1);
        let count = summary.rejected_by_reason.entry(reason).or_insert(0);
        *count = count.saturating_add(1);
        if summary.rejections.len() < crate::continuity::MAX_LISTED_REJECTIONS {
            summary.rejections.push(KoladaRejection {
                file: file.to_owned(),
                entry: position,
                kpi: quote_for_message(&entry.kpi, 40),
                municipality: quote_for_message(&entry.municipality, 40),
                period: entry.period,
                reason,
                error,
            });
        }
    }

    fn finish(self) -> KoladaImport {
        KoladaImport {
            values: self.out,
            summary: self.summary,
        }
    }
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

/// Reads a saved `data` response file as [`import_data`] does: good values
/// kept, bad ones rejected and summarised.
///
/// # Errors
/// [`KpiError::KoladaRead`] if the file cannot be read, else as [`import_data`].
///
/// # Example
/// ```
/// use namnd_kpi::{KpiError, kolada};
/// let result = kolada::import_data_file(std::path::Path::new("/no/such/data.json"));
/// assert!(matches!(result, Err(KpiError::KoladaRead { .. })));
/// # Ok::<(), KpiError>(())
/// ```
pub fn import_data_file(path: &Path) -> Result<KoladaImport> {
    import_data(&read(path)?, &path.display().to_string())
}

// ---------------------------------------------------------------- comparison

/// A municipality's value compared with riket and with a group.
///
/// # Example
/// ```
/// use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
/// let json = r#"{"values": [{"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]}]}"#;
/// let data = kolada::parse_data(json, "u21401.json")?;
/// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &[], Direction::LowerIsBetter)?;
/// assert_eq!((c.rank(), c.ranked(), c.riket()), (1, 1, None));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "serde_checks::ComparisonRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Comparison {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    riket: Option<Decimal>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    group_mean: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    group_median: Decimal,
    /// 1 = best, at most `ranked`.
    rank: usize,
    ranked: usize,
    without_value: Vec<String>,
}

impl Comparison {
    /// The municipality's value.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.value(), Decimal::from(19));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// Riket's value, if present in the data.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.riket(), Some(Decimal::from(16)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn riket(&self) -> Option<Decimal> {
        self.riket
    }

    /// `value − riket` (in the KPI's unit; percentage points for
    /// percentages), if riket has a value.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.difference_from_riket(), Some(Decimal::from(3)));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn difference_from_riket(&self) -> Option<Decimal> {
        self.riket.and_then(|r| self.value.checked_sub(r))
    }

    /// The mean of the group's values (the municipality included), not
    /// rounded to any display precision: the sum is exact, and the division
    /// by the count is `Decimal` division, exact when the quotient fits in 28
    /// significant digits and otherwise rounded (half to even, rust_decimal's
    /// rule) to the 28 to 29 significant digits a `Decimal` holds (e.g. 50 / 3 =
    /// 16.666666666666666666666666667).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.group_mean(), Decimal::from(16)); // (19 + 14 + 15) / 3
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn group_mean(&self) -> Decimal {
        self.group_mean
    }

    /// The median of the group's values (the municipality included); an even
    /// count gives the mean of the two middle values.
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.group_median(), Decimal::from(15));
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn group_median(&self) -> Decimal {
        self.group_median
    }

    /// The municipality's rank in the group, 1 = best. Ties share a rank
    /// (1, 2, 2, 4).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.rank(), 3);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// How many municipalities were ranked (those with a value).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.ranked(), 3);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    pub fn ranked(&self) -> usize {
        self.ranked
    }

    /// Group members left out because they had no value (missing or `null`).
    ///
    /// # Example
    /// ```
    /// # use namnd_kpi::{goal::Direction, kolada::{self, KoladaGender}};
    /// # use namnd_core::Decimal;
    /// # let json = r#"{"values": [
    /// #   {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
    /// #   {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
    /// #   {"kpi": "U21401", "municipality": "0480", "period": 2021, "values": [{"gender": "T", "value": 15}]},
    /// #   {"kpi": "U21401", "municipality": "0482", "period": 2021, "values": [{"gender": "T", "value": null}]},
    /// #   {"kpi": "U21401", "municipality": "0000", "period": 2021, "values": [{"gender": "T", "value": 16}]}]}"#;
    /// # let data = kolada::parse_data(json, "u21401.json")?;
    /// // 0481 (19) against 0461 (14), 0480 (15) and 0482 (no value); lower is better.
    /// let c = kolada::compare(&data, "U21401", 2021, KoladaGender::Total, "0481", &["0461", "0480", "0482"], Direction::LowerIsBetter)?;
    /// assert_eq!(c.without_value(), ["0482"]);
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
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
/// Rank 1 is the best value by `direction` (the indicator's
/// [`Direction`]): the smallest for [`Direction::LowerIsBetter`], the
/// largest for [`Direction::HigherIsBetter`]. [`Direction::WithinBand`] has
/// no better side (a value is good inside the band, and the band belongs to
/// the target, not to the KPI), so ranking within a band is an error rather
/// than a guess; compare such values against the target's band in the
/// [`goal`](crate::goal) module instead.
///
/// # Errors
/// [`KpiError::KoladaRankNeedsDirection`] for [`Direction::WithinBand`],
/// [`KpiError::KoladaMissingValue`] if the municipality itself has no value,
/// [`KpiError::KoladaOverflow`] if the group's sum, mean or median leaves the
/// decimal range.
///
/// # Example
/// ```
/// use namnd_kpi::goal::Direction;
/// use namnd_kpi::kolada::{self, KoladaGender};
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
/// let c = kolada::compare(&data, "U23401", 2022, KoladaGender::Total, "0481", &group, Direction::LowerIsBetter)?;
/// assert_eq!((c.rank(), c.ranked()), (2, 3));
/// assert_eq!(c.group_mean(), Decimal::from(40));
/// assert_eq!(c.group_median(), Decimal::from(40));
/// assert_eq!(c.difference_from_riket(), Some(Decimal::new(-155, 1)));
/// assert_eq!(c.without_value(), ["0483"]);
/// // A band has no better side, so there is no rank.
/// let band = kolada::compare(&data, "U23401", 2022, KoladaGender::Total, "0481", &group, Direction::WithinBand);
/// assert!(matches!(band, Err(namnd_kpi::KpiError::KoladaRankNeedsDirection { .. })));
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub fn compare(
    data: &[KoladaValue],
    kpi: &str,
    period: i32,
    gender: KoladaGender,
    municipality: &str,
    group: &[&str],
    direction: Direction,
) -> Result<Comparison> {
    let lower_is_better = match direction {
        Direction::LowerIsBetter => true,
        Direction::HigherIsBetter => false,
        Direction::WithinBand => {
            return Err(KpiError::KoladaRankNeedsDirection {
                kpi: kpi.to_owned(),
            });
        }
    };
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

    let better = if lower_is_better {
        values.iter().filter(|v| **v < value).count()
    } else {
        values.iter().filter(|v| **v > value).count()
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

// ---------------------------------------------------------------- http client

/// The Kolada API v2 root, for [`KoladaClient::new`].
///
/// # Example
/// ```
/// assert_eq!(namnd_kpi::kolada::KOLADA_API_V2, "https://api.kolada.se/v2");
/// ```
#[cfg(feature = "kolada-http")]
pub const KOLADA_API_V2: &str = "https://api.kolada.se/v2";

#[cfg(feature = "kolada-http")]
pub use http::KoladaClient;

#[cfg(feature = "kolada-http")]
mod http {
    use std::collections::HashSet;
    use std::time::Duration;

    use super::{
        DataCollector, KoladaImport, KoladaKpi, KoladaValue, RawDataResponse, RawKpiResponse,
        kpis_from_raw, parse_json,
    };
    use crate::goal::KoladaId;
    use crate::{KpiError, Result};
    use namnd_core::quote_for_message;

    /// At most this many pages are followed for one request.
    const MAX_PAGES: usize = 1_000;
    /// At most this many bytes are read of one page.
    const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;
    /// Time allowed for one page, from connecting to the last byte.
    const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

    /// A small blocking client for the Kolada API v2 (feature `kolada-http`).
    ///
    /// It builds the URLs, follows `next_page` links and parses every page
    /// with the same code as [`parse_kpis`](super::parse_kpis) and
    /// [`parse_data`](super::parse_data), so fetched and saved responses give
    /// the same values and the same errors (the URL takes the file's place).
    ///
    /// `next_page` links are followed on the client's own scheme, host and
    /// port (only their path and query are used), so a response cannot send
    /// the client anywhere else. Proxies are taken from the environment
    /// (`HTTPS_PROXY`, `NO_PROXY`, …) except for a loopback base URL
    /// (`127.0.0.1`, `localhost`, `[::1]`), which is always reached directly.
    /// Each page may take at most 60 seconds and 64 MiB; at most 1000 pages
    /// are followed.
    ///
    /// # Example
    /// ```
    /// use namnd_kpi::kolada::{KOLADA_API_V2, KoladaClient};
    ///
    /// let client = KoladaClient::new(KOLADA_API_V2)?;
    /// assert_eq!(client.kpi_url(&["U21401", "U21468"])?, "https://api.kolada.se/v2/kpi/U21401,U21468");
    /// assert_eq!(
    ///     client.data_url("U21401", &["0481", "0461"], &[2021, 2022])?,
    ///     "https://api.kolada.se/v2/data/kpi/U21401/municipality/0481,0461/year/2021,2022"
    /// );
    /// // Fetching needs the network: client.fetch_data("U21401", &["0481"], &[2021])?
    /// # Ok::<(), namnd_kpi::KpiError>(())
    /// ```
    #[derive(Clone)]
    pub struct KoladaClient {
        /// The API root without a trailing `/`, e.g. `https://api.kolada.se/v2`.
        base: String,
        /// Scheme and authority of `base`, e.g. `https://api.kolada.se`.
        origin: String,
        agent: ureq::Agent,
    }

    impl core::fmt::Debug for KoladaClient {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.debug_struct("KoladaClient")
                .field("base", &self.base)
                .finish_non_exhaustive()
        }
    }

    impl KoladaClient {
        /// A client for the API rooted at `base_url`, normally
        /// [`KOLADA_API_V2`](super::KOLADA_API_V2); a trailing `/` is ignored.
        ///
        /// # Errors
        /// [`KpiError::KoladaBaseUrl`] unless `base_url` starts with
        /// `http://` or `https://` followed by a host.
        ///
        /// # Example
        /// ```
        /// use namnd_kpi::{KpiError, kolada::KoladaClient};
        /// let client = KoladaClient::new("http://127.0.0.1:8080/v2/")?;
        /// assert_eq!(client.base_url(), "http://127.0.0.1:8080/v2");
        /// assert!(matches!(KoladaClient::new("api.kolada.se/v2"), Err(KpiError::KoladaBaseUrl { .. })));
        /// # Ok::<(), KpiError>(())
        /// ```
        pub fn new(base_url: &str) -> Result<KoladaClient> {
            let bad = || KpiError::KoladaBaseUrl {
                input: quote_for_message(base_url, 80),
            };
            let base = base_url.trim().trim_end_matches('/');
            let (scheme, rest) = base.split_once("://").ok_or_else(bad)?;
            if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
                return Err(bad());
            }
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            if authority.is_empty()
                || base.contains(['?', '#'])
                || base.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(bad());
            }
            let origin = format!("{scheme}://{authority}");
            let mut config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(PAGE_TIMEOUT))
                .user_agent(concat!("namnd-kpi/", env!("CARGO_PKG_VERSION")));
            if is_loopback(authority) {
                config = config.proxy(None);
            }
            Ok(KoladaClient {
                base: base.to_owned(),
                origin,
                agent: ureq::Agent::new_with_config(config.build()),
            })
        }

        /// The API root the client was made with, without a trailing `/`.
        ///
        /// # Example
        /// ```
        /// use namnd_kpi::kolada::KoladaClient;
        /// assert_eq!(KoladaClient::new("http://127.0.0.1:8080/v2/")?.base_url(), "http://127.0.0.1:8080/v2");
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        pub fn base_url(&self) -> &str {
            &self.base
        }

        /// The URL of the `kpi` metadata request for `ids` (all KPIs when empty).
        ///
        /// # Errors
        /// [`KpiError::InvalidKoladaId`] for an id that is not a capital letter
        /// followed by five digits.
        ///
        /// # Example
        /// See [`KoladaClient`].
        pub fn kpi_url(&self, ids: &[&str]) -> Result<String> {
            let mut url = format!("{}/kpi", self.base);
            if !ids.is_empty() {
                url.push('/');
                url.push_str(&kpi_list(ids)?);
            }
            Ok(url)
        }

        /// The URL of the `data` request for `kpi` (a Kolada id, or several
        /// separated by commas), `municipalities` and `years`; an empty list
        /// leaves its part out (all municipalities, all years).
        ///
        /// # Errors
        /// [`KpiError::InvalidKoladaId`] for a bad KPI id,
        /// [`KpiError::KoladaMunicipalityId`] for a municipality id that is
        /// not ASCII letters and digits.
        ///
        /// # Example
        /// ```
        /// use namnd_kpi::kolada::KoladaClient;
        /// let client = KoladaClient::new("https://api.kolada.se/v2")?;
        /// assert_eq!(client.data_url("N21006", &[], &[2020])?, "https://api.kolada.se/v2/data/kpi/N21006/year/2020");
        /// assert!(client.data_url("N21006", &["04 81"], &[]).is_err());
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        pub fn data_url(
            &self,
            kpi: &str,
            municipalities: &[&str],
            years: &[i32],
        ) -> Result<String> {
            let kpis: Vec<&str> = kpi.split(',').collect();
            let mut url = format!("{}/data/kpi/{}", self.base, kpi_list(&kpis)?);
            if !municipalities.is_empty() {
                let mut ids = Vec::with_capacity(municipalities.len());
                for m in municipalities {
                    let m = m.trim();
                    if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphanumeric()) {
                        return Err(KpiError::KoladaMunicipalityId {
                            input: quote_for_message(m, 40),
                        });
                    }
                    ids.push(m);
                }
                url.push_str("/municipality/");
                url.push_str(&ids.join(","));
            }
            if !years.is_empty() {
                let years: Vec<String> = years.iter().map(i32::to_string).collect();
                url.push_str("/year/");
                url.push_str(&years.join(","));
            }
            Ok(url)
        }

        /// Fetches the metadata of `ids` (all KPIs when empty), following
        /// `next_page` links, parsed as [`parse_kpis`](super::parse_kpis) does.
        ///
        /// # Errors
        /// As [`kpi_url`](Self::kpi_url); [`KpiError::KoladaHttp`] when a request
        /// fails, [`KpiError::KoladaHttpStatus`] for a status other than 2xx,
        /// [`KpiError::KoladaPaging`] when `next_page` loops or exceeds 1000
        /// pages, and the parse errors of [`parse_kpis`](super::parse_kpis) with
        /// the page's URL in place of a file name.
        ///
        /// # Example
        /// ```no_run
        /// use namnd_kpi::kolada::{KOLADA_API_V2, KoladaClient};
        /// let kpis = KoladaClient::new(KOLADA_API_V2)?.fetch_kpis(&["U21401"])?;
        /// assert_eq!(kpis.first().map(|k| k.id()), Some("U21401"));
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        pub fn fetch_kpis(&self, ids: &[&str]) -> Result<Vec<KoladaKpi>> {
            let mut out = Vec::new();
            self.pages(self.kpi_url(ids)?, |text, url| {
                let raw: RawKpiResponse = parse_json(text, url)?;
                out.extend(kpis_from_raw(raw.values));
                Ok(raw.next_page)
            })?;
            Ok(out)
        }

        /// Fetches the values of `kpi` for `municipalities` and `years` (see
        /// [`data_url`](Self::data_url)), following `next_page` links, parsed
        /// as [`parse_data`](super::parse_data) does; a KPI, municipality,
        /// period and gender repeated on a later page is a duplicate too
        /// (entries counted from 1 over all pages).
        ///
        /// # Errors
        /// As [`data_url`](Self::data_url) and [`fetch_kpis`](Self::fetch_kpis),
        /// with [`parse_data`](super::parse_data)'s parse errors.
        ///
        /// # Example
        /// ```no_run
        /// use namnd_kpi::kolada::{KOLADA_API_V2, KoladaClient};
        /// let data = KoladaClient::new(KOLADA_API_V2)?.fetch_data("U21401", &["0481", "0461"], &[2021, 2022])?;
        /// assert!(data.iter().all(|v| v.kpi() == "U21401"));
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        pub fn fetch_data(
            &self,
            kpi: &str,
            municipalities: &[&str],
            years: &[i32],
        ) -> Result<Vec<KoladaValue>> {
            self.import_data(kpi, municipalities, years)?.into_strict()
        }

        /// Fetches as [`fetch_data`](Self::fetch_data), but keeps the good
        /// values and summarises the rejected ones, as
        /// [`import_data`](super::import_data) does.
        ///
        /// # Errors
        /// As [`fetch_data`](Self::fetch_data), except that rejected values are
        /// not errors.
        ///
        /// # Example
        /// ```no_run
        /// use namnd_kpi::kolada::{KOLADA_API_V2, KoladaClient};
        /// let import = KoladaClient::new(KOLADA_API_V2)?.import_data("U21401", &["0481"], &[2021])?;
        /// assert_eq!(import.summary.values_rejected, 0);
        /// # Ok::<(), namnd_kpi::KpiError>(())
        /// ```
        pub fn import_data(
            &self,
            kpi: &str,
            municipalities: &[&str],
            years: &[i32],
        ) -> Result<KoladaImport> {
            let mut collector = DataCollector::default();
            self.pages(self.data_url(kpi, municipalities, years)?, |text, url| {
                let raw: RawDataResponse = parse_json(text, url)?;
                collector.add(raw.values, url);
                Ok(raw.next_page)
            })?;
            Ok(collector.finish())
        }

        /// Gets `first` and every page its `next_page` links lead to, handing
        /// each page's text and URL to `page`, which returns the next link.
        fn pages(
            &self,
            first: String,
            mut page: impl FnMut(&str, &str) -> Result<Option<String>>,
        ) -> Result<()> {
            let mut visited = HashSet::new();
            let mut url = first;
            loop {
                if visited.len() >= MAX_PAGES {
                    return Err(KpiError::KoladaPaging {
                        url,
                        reason: "more than 1000 pages",
                    });
                }
                if !visited.insert(url.clone()) {
                    return Err(KpiError::KoladaPaging {
                        url,
                        reason: "next_page leads back to a page already read",
                    });
                }
                let text = self.get(&url)?;
                match page(&text, &url)?.filter(|n| !n.trim().is_empty()) {
                    Some(next) => url = self.follow(next.trim()),
                    None => return Ok(()),
                }
            }
        }

        /// A `next_page` link's path and query on the client's own origin.
        fn follow(&self, next: &str) -> String {
            let path = match next.split_once("://") {
                Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
                None => next,
            };
            if path.starts_with('/') {
                format!("{}{path}", self.origin)
            } else {
                format!("{}/{path}", self.base)
            }
        }

        /// One GET, the body as text.
        fn get(&self, url: &str) -> Result<String> {
            let failed = |e: ureq::Error| KpiError::KoladaHttp {
                url: url.to_owned(),
                reason: e.to_string(),
            };
            let mut response = self
                .agent
                .get(url)
                .header("accept", "application/json")
                .call()
                .map_err(failed)?;
            let status = response.status();
            if !status.is_success() {
                return Err(KpiError::KoladaHttpStatus {
                    url: url.to_owned(),
                    status: status.as_u16(),
                });
            }
            response
                .body_mut()
                .with_config()
                .limit(MAX_PAGE_BYTES)
                .read_to_string()
                .map_err(failed)
        }
    }

    /// Checked KPI ids joined by commas.
    fn kpi_list(ids: &[&str]) -> Result<String> {
        let mut checked = Vec::with_capacity(ids.len());
        for id in ids {
            let id: KoladaId = id.parse()?;
            checked.push(id.as_str().to_owned());
        }
        Ok(checked.join(","))
    }

    /// Whether an authority (`host[:port]`) names the loopback interface.
    fn is_loopback(authority: &str) -> bool {
        let host = match authority.rsplit_once('@') {
            Some((_, host)) => host,
            None => authority,
        };
        let host = if let Some(v6) = host.strip_prefix('[') {
            v6.split(']').next().unwrap_or_default()
        } else {
            host.split(':').next().unwrap_or_default()
        };
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn loopback_hosts_are_recognised() {
            assert!(is_loopback("127.0.0.1:8080"));
            assert!(is_loopback("localhost"));
            assert!(is_loopback("[::1]:80"));
            assert!(!is_loopback("api.kolada.se"));
            assert!(!is_loopback("127.0.0.1.example.org"));
        }

        #[test]
        fn next_page_stays_on_the_clients_host() -> Result<()> {
            let client = KoladaClient::new("http://127.0.0.1:9/v2")?;
            assert_eq!(
                client.follow("https://api.kolada.se/v2/data/kpi/U21401?page=2&per_page=5000"),
                "http://127.0.0.1:9/v2/data/kpi/U21401?page=2&per_page=5000"
            );
            assert_eq!(
                client.follow("/v2/kpi?page=3"),
                "http://127.0.0.1:9/v2/kpi?page=3"
            );
            assert_eq!(
                client.follow("kpi?page=3"),
                "http://127.0.0.1:9/v2/kpi?page=3"
            );
            Ok(())
        }

        #[test]
        fn base_url_needs_scheme_and_host() {
            for bad in [
                "",
                "ftp://x",
                "http://",
                "https:///v2",
                "http://h/v2?x=1",
                "h/v2",
            ] {
                assert!(
                    matches!(KoladaClient::new(bad), Err(KpiError::KoladaBaseUrl { .. })),
                    "{bad}"
                );
            }
        }

        #[test]
        fn urls_reject_bad_ids() {
            let Ok(client) = KoladaClient::new("https://api.kolada.se/v2") else {
                return;
            };
            assert!(matches!(
                client.kpi_url(&["u21401"]),
                Err(KpiError::InvalidKoladaId { .. })
            ));
            assert!(matches!(
                client.data_url("U21401", &["0481/x"], &[]),
                Err(KpiError::KoladaMunicipalityId { .. })
            ));
            assert_eq!(
                client.kpi_url(&[]).ok().as_deref(),
                Some("https://api.kolada.se/v2/kpi")
            );
            assert_eq!(
                client.data_url("U21401,U21468", &[], &[]).ok().as_deref(),
                Some("https://api.kolada.se/v2/data/kpi/U21401,U21468")
            );
        }
    }
}

/// Checks for deserialised Kolada types, so they hold what the parsers and
/// [`compare`] would produce.
#[cfg(feature = "serde")]
mod serde_checks {
    use namnd_core::Decimal;
    use serde::{Deserialize, Deserializer};

    use super::Comparison;
    use crate::KpiError;

    /// An optional text where empty means absent.
    pub(super) fn non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()))
    }

    /// The fields of a [`Comparison`], checked by `TryFrom`.
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    pub(super) struct ComparisonRepr {
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        value: Decimal,
        #[serde(with = "rust_decimal::serde::str_option")]
        #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
        riket: Option<Decimal>,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        group_mean: Decimal,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schemars", schemars(with = "String"))]
        group_median: Decimal,
        /// 1 = best, at most `ranked`.
        rank: usize,
        ranked: usize,
        without_value: Vec<String>,
    }

    impl TryFrom<ComparisonRepr> for Comparison {
        type Error = KpiError;

        fn try_from(r: ComparisonRepr) -> crate::Result<Comparison> {
            if r.rank == 0 || r.rank > r.ranked {
                return Err(KpiError::KoladaInvalidComparison {
                    rank: r.rank,
                    ranked: r.ranked,
                });
            }
            Ok(Comparison {
                value: r.value,
                riket: r.riket,
                group_mean: r.group_mean,
                group_median: r.group_median,
                rank: r.rank,
                ranked: r.ranked,
                without_value: r.without_value,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One `data` response with a single T value written as `number`.
    fn one_value(number: &str) -> String {
        format!(
            r#"{{"values": [{{"kpi": "N21006", "municipality": "0481", "period": 2020,
                "values": [{{"gender": "T", "value": {number}}}]}}]}}"#
        )
    }

    fn parse_one(number: &str) -> Result<Option<Decimal>> {
        let data = parse_data(&one_value(number), "n21006.json")?;
        Ok(data.first().and_then(KoladaValue::value))
    }

    #[test]
    fn published_scale_is_kept() -> Result<()> {
        let v = parse_one("12.50")?;
        assert_eq!(v.map(|d| d.scale()), Some(2));
        assert_eq!(v.map(|d| d.to_string()).as_deref(), Some("12.50"));
        assert_eq!(
            parse_one("14.0")?.map(|d| d.to_string()).as_deref(),
            Some("14.0")
        );
        Ok(())
    }

    #[test]
    fn twenty_significant_digits_are_exact() -> Result<()> {
        // An f64 holds about 15-17 significant digits; this needs 20.
        assert_eq!(
            parse_one("12345678.901234567891")?,
            Some(Decimal::from_i128_with_scale(
                12_345_678_901_234_567_891,
                12
            ))
        );
        assert_eq!(
            parse_one("-98765432109876543210")?,
            Some(Decimal::from_i128_with_scale(
                -98_765_432_109_876_543_210,
                0
            ))
        );
        Ok(())
    }

    #[test]
    fn exponent_forms_are_read_exactly() -> Result<()> {
        assert_eq!(parse_one("1.5e2")?, Some(Decimal::from(150)));
        assert_eq!(parse_one("25E-1")?, Some(Decimal::new(25, 1)));
        assert_eq!(parse_one("null")?, None);
        Ok(())
    }

    #[test]
    fn exponent_with_a_long_mantissa_is_an_error_not_rounded() {
        // 35 decimals in the mantissa: `from_scientific` would round it to 1.2345678901234567890123456789.
        let text = "0.12345678901234567890123456789012345e1";
        assert!(
            matches!(parse_one(text), Err(KpiError::KoladaNumber { .. })),
            "{text}"
        );
        assert_eq!(number_to_decimal(text), None);
    }

    #[test]
    fn short_exponents_are_applied_exactly() -> Result<()> {
        for (text, digits, scale) in [
            ("1.25e1", 125, 1),
            ("1.25E+2", 125, 0),
            ("125e-4", 125, 4),
            ("-3.5e0", -35, 1),
            ("7e3", 7000, 0),
            ("0.000e5", 0, 0),
            ("1230000e-32", 123, 28),
        ] {
            let expected = Decimal::from_i128_with_scale(digits, scale);
            assert_eq!(parse_one(text)?, Some(expected), "{text}");
        }
        // Twenty significant digits with an exponent stay exact.
        assert_eq!(
            parse_one("1.2345678901234567891e7")?,
            Some(Decimal::from_i128_with_scale(
                12_345_678_901_234_567_891,
                12
            ))
        );
        // Beyond 96 bits or 28 decimals: an error, never rounded.
        for text in ["8e28", "1.5e-28", "1e99999999999999999999"] {
            assert_eq!(number_to_decimal(text), None, "{text}");
        }
        Ok(())
    }

    #[test]
    fn bad_kolada_values_are_rejected_one_by_one_and_the_rest_kept() -> Result<()> {
        let json = r#"{"values": [
            {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [
                {"gender": "T", "value": 19}, {"gender": "X", "value": 1}, {"gender": "K", "value": "20"}]},
            {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [
                {"gender": "T", "value": 14}, {"gender": "M", "value": 1e40}]},
            {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [
                {"gender": "T", "value": 18}, {"gender": "M", "value": 17}]}]}"#;
        let import = import_data(json, "u21401.json")?;
        let kept: Vec<(&str, KoladaGender, Option<Decimal>)> = import
            .values
            .iter()
            .map(|v| (v.municipality(), v.gender(), v.value()))
            .collect();
        assert_eq!(
            kept,
            [
                ("0481", KoladaGender::Total, Some(Decimal::from(19))),
                ("0461", KoladaGender::Total, Some(Decimal::from(14))),
                ("0481", KoladaGender::Men, Some(Decimal::from(17))),
            ]
        );
        let s = &import.summary;
        assert_eq!(
            (s.values_read, s.values_accepted, s.values_rejected),
            (7, 3, 4)
        );
        assert_eq!(
            s.rejected_by_reason,
            BTreeMap::from([
                (KoladaRejectionReason::UnknownGender, 1),
                (KoladaRejectionReason::NotADecimal, 2),
                (KoladaRejectionReason::Duplicate, 1),
            ])
        );
        let listed: Vec<(usize, &str, i32, KoladaRejectionReason)> = s
            .rejections
            .iter()
            .map(|r| (r.entry, r.municipality.as_str(), r.period, r.reason))
            .collect();
        assert_eq!(
            listed,
            [
                (1, "0481", 2021, KoladaRejectionReason::UnknownGender),
                (1, "0481", 2021, KoladaRejectionReason::NotADecimal),
                (2, "0461", 2021, KoladaRejectionReason::NotADecimal),
                (3, "0481", 2021, KoladaRejectionReason::Duplicate),
            ]
        );
        assert!(
            s.rejections
                .iter()
                .all(|r| r.file == "u21401.json" && r.kpi == "U21401")
        );
        assert_eq!(
            s.rejections.last().map(|r| r.error.to_string()).as_deref(),
            Some(
                "kolada file u21401.json: U21401 for municipality 0481 period 2021 gender T appears twice, in entries 1 and 3"
            )
        );
        // The strict form reports the first rejection.
        assert!(matches!(
            parse_data(json, "u21401.json"),
            Err(KpiError::KoladaGender { .. })
        ));
        Ok(())
    }

    #[test]
    fn out_of_range_value_names_file_kpi_municipality_and_period() {
        for text in ["1e40", "100000000000000000000000000000", "1e-40"] {
            let err = parse_one(text).err();
            assert_eq!(
                err,
                Some(KpiError::KoladaNumber {
                    file: "n21006.json".into(),
                    text: text.into(),
                    at: "N21006 for municipality 0481 period 2020 gender T".into(),
                }),
                "{text}"
            );
        }
        let message = parse_one("1e40").err().map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "kolada file n21006.json: value 1e40 of N21006 for municipality 0481 period 2020 gender T is not a decimal number"
            )
        );
    }

    #[test]
    fn a_value_that_is_no_number_is_an_error() {
        for text in [r#""12""#, "true", "[1]"] {
            assert!(
                matches!(parse_one(text), Err(KpiError::KoladaNumber { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_long_number_is_quoted_short() {
        let long = "1".repeat(60);
        let text = match parse_one(&long) {
            Err(KpiError::KoladaNumber { text, .. }) => text,
            other => format!("{other:?}"),
        };
        // At most 40 characters, cut with `…` (namnd_core::quote_for_message
        // drops a digit run that the cut would split, so the quote may be `…`
        // alone: never a shorter run that could look like a personnummer).
        assert!(text.chars().count() <= 40, "{text}");
        assert!(text.ends_with('…'), "{text}");
        assert!(
            matches!(
                namnd_core::redact_identity_numbers(&text),
                std::borrow::Cow::Borrowed(_)
            ),
            "{text}"
        );
    }

    #[test]
    fn rank_follows_direction_and_band_is_an_error() -> Result<()> {
        let json = r#"{"values": [
          {"kpi": "U21401", "municipality": "0481", "period": 2021, "values": [{"gender": "T", "value": 19}]},
          {"kpi": "U21401", "municipality": "0461", "period": 2021, "values": [{"gender": "T", "value": 14}]},
          {"kpi": "U21401", "municipality": "0484", "period": 2021, "values": [{"gender": "T", "value": 24}]}]}"#;
        let data = parse_data(json, "u21401.json")?;
        let rank = |d| {
            compare(
                &data,
                "U21401",
                2021,
                KoladaGender::Total,
                "0461",
                &["0481", "0484"],
                d,
            )
        };
        assert_eq!(rank(Direction::LowerIsBetter)?.rank(), 1);
        assert_eq!(rank(Direction::HigherIsBetter)?.rank(), 3);
        assert_eq!(
            rank(Direction::WithinBand).err(),
            Some(KpiError::KoladaRankNeedsDirection {
                kpi: "U21401".into()
            })
        );
        Ok(())
    }

    proptest::proptest! {
        /// Any decimal written as JSON text comes back with the same value
        /// and scale (no float on the way).
        #[test]
        fn decimal_text_round_trips_exactly(mantissa in proptest::num::i64::ANY, scale in 0_u32..=18) {
            let d = Decimal::new(mantissa, scale);
            let back = parse_one(&d.to_string());
            proptest::prop_assert_eq!(back.as_ref().ok().copied().flatten().map(|v| (v, v.scale())), Some((d, scale)));
        }

        /// Rank lies in 1..=ranked, and the two directions mirror each other:
        /// rank(lower) + rank(higher) = ranked + 2 − (values equal to the own one).
        #[test]
        fn ranks_by_direction_mirror_each_other(values in proptest::collection::vec(-50_i64..50, 1..8)) {
            let entries: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(i, v)| format!(
                    r#"{{"kpi": "U21401", "municipality": "{:04}", "period": 2021, "values": [{{"gender": "T", "value": {v}}}]}}"#,
                    i + 1
                ))
                .collect();
            let data = parse_data(&format!(r#"{{"values": [{}]}}"#, entries.join(",")), "p.json");
            proptest::prop_assert!(data.is_ok());
            let data = data.unwrap_or_default();
            let ids: Vec<String> = (1..=values.len()).map(|i| format!("{i:04}")).collect();
            let group: Vec<&str> = ids.iter().map(String::as_str).collect();
            let rank = |d| compare(&data, "U21401", 2021, KoladaGender::Total, "0001", &group, d)
                .map(|c| (c.rank(), c.ranked()));
            let low = rank(Direction::LowerIsBetter);
            let high = rank(Direction::HigherIsBetter);
            let own = values.first().copied().unwrap_or_default();
            let equal = values.iter().filter(|v| **v == own).count();
            let n = values.len();
            proptest::prop_assert!(matches!(low, Ok((r, m)) if (1..=n).contains(&r) && m == n));
            proptest::prop_assert!(matches!(high, Ok((r, m)) if (1..=n).contains(&r) && m == n));
            let sum = low.map(|l| l.0).unwrap_or_default() + high.map(|h| h.0).unwrap_or_default();
            proptest::prop_assert_eq!(sum, n + 2 - equal);
        }
    }

    #[cfg(feature = "serde")]
    mod serde_round_trip {
        use super::*;

        const DATA: &str = r#"{"values": [
          {"kpi": "U21468", "municipality": "0481", "period": 2021, "values": [
            {"gender": "T", "count": 1, "status": "", "value": 87.50},
            {"gender": "K", "count": 0, "status": "Missing", "value": null}]},
          {"kpi": "U21468", "municipality": "0461", "period": 2021, "values": [
            {"gender": "T", "count": 1, "status": "", "value": 91.5}]},
          {"kpi": "U21468", "municipality": "0000", "period": 2021, "values": [
            {"gender": "T", "count": 290, "status": "", "value": 86.0}]}]}"#;

        fn json_error(e: serde_json::Error) -> KpiError {
            KpiError::KoladaJson {
                file: "test".into(),
                line: e.line(),
                column: e.column(),
                reason: e.to_string(),
            }
        }

        #[test]
        fn values_round_trip_with_their_scale() -> Result<()> {
            let data = parse_data(DATA, "u21468.json")?;
            let json = serde_json::to_string(&data).map_err(json_error)?;
            assert!(json.contains(r#""value":"87.50""#), "{json}");
            assert!(json.contains(r#""gender":"K""#), "{json}");
            let back: Vec<KoladaValue> = serde_json::from_str(&json).map_err(json_error)?;
            assert_eq!(back, data);
            Ok(())
        }

        #[test]
        fn empty_status_reads_as_absent() -> Result<()> {
            let json = r#"{"kpi": "U21468", "municipality": "0481", "period": 2021,
                "gender": "T", "value": "1.0", "count": null, "status": ""}"#;
            let v: KoladaValue = serde_json::from_str(json).map_err(json_error)?;
            assert_eq!((v.status(), v.value()), (None, Some(Decimal::new(10, 1))));
            Ok(())
        }

        #[test]
        fn kpi_and_gender_round_trip() -> Result<()> {
            let kpis = parse_kpis(
                r#"{"values": [{"id": "U21401", "title": "Personalkontinuitet", "is_divided_by_gender": 1, "municipality_type": "K"}]}"#,
                "kpi.json",
            )?;
            let json = serde_json::to_string(&kpis).map_err(json_error)?;
            let back: Vec<KoladaKpi> = serde_json::from_str(&json).map_err(json_error)?;
            assert_eq!(back, kpis);
            let men = serde_json::to_string(&KoladaGender::Men).map_err(json_error)?;
            assert_eq!(men, r#""M""#);
            Ok(())
        }

        #[test]
        fn comparison_round_trips_and_rank_is_checked() -> Result<()> {
            let data = parse_data(DATA, "u21468.json")?;
            let c = compare(
                &data,
                "U21468",
                2021,
                KoladaGender::Total,
                "0481",
                &["0461"],
                Direction::HigherIsBetter,
            )?;
            let json = serde_json::to_string(&c).map_err(json_error)?;
            assert_eq!(
                json,
                r#"{"value":"87.50","riket":"86.0","group_mean":"89.50","group_median":"89.50","rank":2,"ranked":2,"without_value":[]}"#
            );
            let back: Comparison = serde_json::from_str(&json).map_err(json_error)?;
            assert_eq!(back, c);
            for bad in [r#""rank":0"#, r#""rank":3"#] {
                let text = json.replace(r#""rank":2"#, bad);
                let err = serde_json::from_str::<Comparison>(&text).err();
                assert!(
                    err.is_some_and(|e| e.to_string().contains("is not between 1 and the 2")),
                    "{bad}"
                );
            }
            Ok(())
        }

        #[cfg(feature = "schemars")]
        #[test]
        fn schemas_describe_decimals_as_strings() -> Result<()> {
            let schema = schemars::schema_for!(Comparison);
            let text = serde_json::to_string(&schema).map_err(json_error)?;
            assert!(text.contains(r#""group_mean":{"type":"string"}"#), "{text}");
            let gender =
                serde_json::to_string(&schemars::schema_for!(KoladaGender)).map_err(json_error)?;
            assert!(gender.contains(r#""T""#), "{gender}");
            Ok(())
        }
    }
}
