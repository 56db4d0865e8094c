//! The monthly follow-up job: budget, outcome to date, full-year forecast and
//! variance per (ansvar, verksamhet, konto). This is also the benchmark
//! contract shared with the peer implementation in `shared/bench/peer_followup.py`.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::{Amount, FiscalYear, YearMonth};

use crate::error::{BudgetError, Result, echo};
use crate::import::{
    BudgetImporter, CsvOptions, ImportSummary, LedgerImporter, RawLedgerRow, join_key, pack_short,
};
use crate::sie::{SieImporter, SieOptions, looks_like_sie};

/// The format of a ledger file: CSV, SIE 4, or detected from its first bytes.
///
/// Detection: a file whose first non-blank byte is `#` followed by an
/// upper-case letter (as in `#FLAGGA`) is SIE 4, anything else CSV.
///
/// # Example
/// ```
/// use namnd_budget::LedgerFormat;
///
/// assert_eq!(LedgerFormat::from_path("huvudbok.se"), LedgerFormat::Sie4);
/// assert_eq!(LedgerFormat::from_path("HUVUDBOK.SI"), LedgerFormat::Sie4);
/// assert_eq!(LedgerFormat::from_path("ledger.csv"), LedgerFormat::Csv);
/// assert_eq!(LedgerFormat::from_path("ledger"), LedgerFormat::Detect);
/// assert_eq!(LedgerFormat::default(), LedgerFormat::Detect);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum LedgerFormat {
    /// Decide from the file's first bytes.
    #[default]
    Detect,
    /// A CSV file (see [`LedgerImporter`]).
    Csv,
    /// A SIE 4 file (see [`crate::sie`]).
    Sie4,
}

impl LedgerFormat {
    /// The format a file name suggests: `.se`, `.si` and `.sie` are SIE 4,
    /// `.csv` and `.txt` CSV (ignoring case); otherwise [`LedgerFormat::Detect`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerFormat;
    /// assert_eq!(LedgerFormat::from_path(std::path::Path::new("/data/2023.sie")), LedgerFormat::Sie4);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> LedgerFormat {
        let extension = path
            .as_ref()
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("se" | "si" | "sie") => LedgerFormat::Sie4,
            Some("csv" | "txt") => LedgerFormat::Csv,
            _ => LedgerFormat::Detect,
        }
    }
}

/// The header line of the follow-up CSV (without its `\n`).
///
/// # Example
/// ```
/// use namnd_budget::{FOLLOW_UP_HEADER, follow_up, ForecastMethod};
/// use namnd_core::YearMonth;
///
/// let report = follow_up(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
/// let mut out = Vec::new();
/// report.write_csv(&mut out)?;
/// assert_eq!(String::from_utf8(out)?, format!("{FOLLOW_UP_HEADER}\n"));
/// assert_eq!(FOLLOW_UP_HEADER.split(',').count(), 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const FOLLOW_UP_HEADER: &str = "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse";

/// How the full-year forecast (*helårsprognos*) is made.
///
/// Only the run rate exists so far; the enum is `#[non_exhaustive]` so that
/// periodised-budget and previous-year-profile forecasts can be added.
///
/// # Example
/// ```
/// use namnd_budget::ForecastMethod;
///
/// let method: ForecastMethod = "run-rate".parse()?;
/// assert_eq!(method, ForecastMethod::RunRate);
/// assert_eq!(method.name(), "run-rate");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ForecastMethod {
    /// prognos = utfall × 12 / m, where m is the as-of month (1–12), rounded
    /// half away from zero to whole öre.
    RunRate,
}

impl ForecastMethod {
    /// The method's name on the command line, e.g. `run-rate`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::ForecastMethod;
    /// assert_eq!(ForecastMethod::RunRate.name(), "run-rate");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ForecastMethod::RunRate => "run-rate",
        }
    }

    /// The forecast in öre from the outcome to date in öre and the as-of month.
    ///
    /// `None` if the result does not fit in an `i64`.
    fn forecast_ore(self, utfall: i64, month: u32) -> Option<i64> {
        match self {
            ForecastMethod::RunRate => run_rate_ore(utfall, month),
        }
    }
}

impl FromStr for ForecastMethod {
    type Err = BudgetError;

    /// Reads a method by its [`name`](ForecastMethod::name); anything else is
    /// [`BudgetError::UnknownMethod`].
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "run-rate" => Ok(ForecastMethod::RunRate),
            other => Err(BudgetError::UnknownMethod { name: echo(other) }),
        }
    }
}

impl core::fmt::Display for ForecastMethod {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// Run-rate forecast in öre: `utfall × 12 / month`, rounded half away from zero.
///
/// Computed in `i128`, so `utfall × 12` cannot overflow.
fn run_rate_ore(utfall: i64, month: u32) -> Option<i64> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let m = i128::from(month);
    let num = i128::from(utfall).checked_mul(12)?;
    // Half away from zero: (2|n| + m) div 2m, with the sign of n.
    let magnitude = num
        .unsigned_abs()
        .checked_mul(2)?
        .checked_add(m.unsigned_abs())?
        / (2 * m.unsigned_abs());
    let magnitude = i128::try_from(magnitude).ok()?;
    i64::try_from(if num < 0 { -magnitude } else { magnitude }).ok()
}

/// One line of the follow-up: a key and its budget, outcome to date,
/// forecast and variance.
///
/// Amounts follow the SIE convention (costs positive, income negative), and
/// `avvikelse = budget − prognos`: positive means a cost line is forecast
/// under budget, or an income line over it (both favourable).
///
/// # Example
/// ```
/// use namnd_budget::{follow_up, ForecastMethod};
/// use namnd_core::{Amount, YearMonth};
///
/// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-01-10,1100,510,4010,100.00\n";
/// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,1000.00\n";
/// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 2)?, ForecastMethod::RunRate)?;
/// let row = &report.rows()[0];
/// assert_eq!((row.ansvar(), row.verksamhet(), row.konto()), ("1100", "510", "4010"));
/// assert_eq!(row.utfall(), Amount::from_kr(100));
/// assert_eq!(row.prognos(), Amount::from_kr(600));
/// assert_eq!(row.avvikelse(), Amount::from_kr(400));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FollowUpRow {
    ansvar: String,
    verksamhet: String,
    konto: String,
    budget: i64,
    utfall: i64,
    prognos: i64,
    avvikelse: i64,
}

macro_rules! row_getters {
    ($($field:ident: $what:literal, $expected:literal;)*) => {
        impl FollowUpRow {
            $(
                #[doc = concat!("The ", $what, ".")]
                ///
                /// # Example
                /// ```
                /// use namnd_budget::{follow_up, ForecastMethod};
                /// use namnd_core::YearMonth;
                /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-03-10,1100,510,4010,90.00\n";
                /// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,400.00\n";
                /// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 3)?, ForecastMethod::RunRate)?;
                /// // utfall 90 kr by March: prognos 90 × 12 / 3 = 360 kr, avvikelse 400 − 360 = 40 kr.
                #[doc = concat!("assert_eq!(report.rows()[0].", stringify!($field), "(), namnd_core::Amount::from_kr(", stringify!($expected), "));")]
                /// # Ok::<(), Box<dyn std::error::Error>>(())
                /// ```
                pub fn $field(&self) -> Amount {
                    Amount::from_ore(self.$field)
                }
            )*
        }
    };
}

row_getters! {
    budget: "annual budget (0 for an unbudgeted line; duplicate budget rows summed)", 400;
    utfall: "outcome (*utfall*) of the fiscal year up to the end of the as-of month", 90;
    prognos: "full-year forecast (*helårsprognos*), rounded half away from zero to öre", 360;
    avvikelse: "forecast variance, budget − prognos", 40;
}

impl FollowUpRow {
    /// The responsibility unit (*ansvar*).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,400.00\n";
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n";
    /// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 3)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.rows()[0].ansvar(), "1100");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ansvar(&self) -> &str {
        &self.ansvar
    }

    /// The activity (*verksamhet*).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,400.00\n";
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n";
    /// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 3)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.rows()[0].verksamhet(), "510");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verksamhet(&self) -> &str {
        &self.verksamhet
    }

    /// The account (*konto*).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,400.00\n";
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n";
    /// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 3)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.rows()[0].konto(), "4010");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn konto(&self) -> &str {
        &self.konto
    }

    /// Writes the row as a CSV line of the contract, `\n`-terminated.
    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "{},{},{},{},{},{},{}",
            CsvField(&self.ansvar),
            CsvField(&self.verksamhet),
            CsvField(&self.konto),
            Ore(self.budget),
            Ore(self.utfall),
            Ore(self.prognos),
            Ore(self.avvikelse)
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for FollowUpRow {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("FollowUpRow", 7)?;
        s.serialize_field("ansvar", &self.ansvar)?;
        s.serialize_field("verksamhet", &self.verksamhet)?;
        s.serialize_field("konto", &self.konto)?;
        s.serialize_field("budget", &self.budget())?;
        s.serialize_field("utfall", &self.utfall())?;
        s.serialize_field("prognos", &self.prognos())?;
        s.serialize_field("avvikelse", &self.avvikelse())?;
        s.end()
    }
}

/// A key written as a CSV field: as is, or quoted (with `"` doubled) when it
/// contains `,`, `"` or a line break.
struct CsvField<'a>(&'a str);

impl core::fmt::Display for CsvField<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.0.contains([',', '"', '\n', '\r']) {
            write!(f, "\"{}\"", self.0.replace('"', "\"\""))
        } else {
            f.write_str(self.0)
        }
    }
}

/// Öre printed as kronor with exactly two decimals and a decimal point.
struct Ore(i64);

impl core::fmt::Display for Ore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let magnitude = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }
}

/// The result of the follow-up job: the rows, sorted by key, and the summaries
/// of both imports.
///
/// # Example
/// ```
/// use namnd_budget::{follow_up, ForecastMethod};
/// use namnd_core::YearMonth;
///
/// let ledger = "datum,ansvar,verksamhet,konto,belopp\n\
///               2023-01-10,1100,510,4010,0.01\n\
///               2023-09-01,1100,510,4010,5.00\n\
///               2022-12-31,1100,510,4010,7.00\n";
/// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,0.05\n";
/// let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
/// let mut out = Vec::new();
/// report.write_csv(&mut out)?;
/// assert_eq!(
///     String::from_utf8(out)?,
///     "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n1100,510,4010,0.05,0.01,0.02,0.03\n"
/// );
/// assert_eq!(report.rows_outside_year(), 1); // the 2022 row
/// assert_eq!(report.rows_after_as_of(), 1); // the September row
/// assert_eq!(report.ledger_summary().rejected_count(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct FollowUp {
    as_of: YearMonth,
    method: ForecastMethod,
    rows: Vec<FollowUpRow>,
    ledger: ImportSummary,
    budget: ImportSummary,
    rows_after_as_of: u64,
    rows_outside_year: u64,
}

impl FollowUp {
    /// The as-of month.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let as_of = YearMonth::try_new(2023, 8)?;
    /// let report = follow_up(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..], as_of, ForecastMethod::RunRate)?;
    /// assert_eq!(report.as_of(), as_of);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of(&self) -> YearMonth {
        self.as_of
    }

    /// The forecast method used.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let report = follow_up(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.method(), ForecastMethod::RunRate);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn method(&self) -> ForecastMethod {
        self.method
    }

    /// The rows, sorted by (ansvar, verksamhet, konto) in byte order.
    ///
    /// A key has a row if it has a budget row, or at least one ledger row
    /// counted in the outcome (dated in the fiscal year up to the end of the
    /// as-of month). A key whose only ledger rows lie after the as-of month
    /// and that has no budget gets no row, as in the peer implementation.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-12-01,1100,510,4010,1.00\n2023-01-01,1100,510,3010,-1.00\n";
    /// let report = follow_up(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 6)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.rows().len(), 1);
    /// assert_eq!(report.rows()[0].konto(), "3010");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> &[FollowUpRow] {
        &self.rows
    }

    /// The ledger import's summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1100,510,4010,1.00\n";
    /// let report = follow_up(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 6)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.ledger_summary().accepted(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ledger_summary(&self) -> &ImportSummary {
        &self.ledger
    }

    /// The budget import's summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,x\n";
    /// let report = follow_up(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], budget.as_bytes(), YearMonth::try_new(2023, 6)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.budget_summary().rejected().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn budget_summary(&self) -> &ImportSummary {
        &self.budget
    }

    /// The number of accepted ledger rows dated after the as-of month (in the
    /// fiscal year, so valid, but not part of the outcome to date).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-07-01,1100,510,4010,1.00\n";
    /// let report = follow_up(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 6)?, ForecastMethod::RunRate)?;
    /// assert_eq!(report.rows_after_as_of(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows_after_as_of(&self) -> u64 {
        self.rows_after_as_of
    }

    /// The number of accepted ledger rows dated outside the as-of month's
    /// fiscal year: valid ledger rows, counted but not part of the outcome,
    /// and not stored (a ledger of several years costs no memory for them).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2022-12-31,1100,510,4010,1.00\n2023-01-02,1100,510,4010,2.00\n";
    /// let report = follow_up(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 6)?, ForecastMethod::RunRate)?;
    /// assert_eq!((report.rows_outside_year(), report.ledger_summary().rejected_count()), (1, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows_outside_year(&self) -> u64 {
        self.rows_outside_year
    }

    /// Writes the follow-up CSV of the contract: the header
    /// [`FOLLOW_UP_HEADER`], then one line per row, amounts in kronor with
    /// exactly two decimals and a decimal point, `\n` line endings.
    ///
    /// A key is written as read, and quoted as RFC 4180 does (`"` doubled)
    /// only when it contains `,`, `"` or a line break; so the output for keys
    /// without those (all the generator's) is byte-identical to the peer's.
    ///
    /// # Errors
    /// [`BudgetError::Write`] if writing fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{follow_up, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1100,510,3010,-0.01\n";
    /// let report = follow_up(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..], YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
    /// let mut out = Vec::new();
    /// report.write_csv(&mut out)?;
    /// assert!(String::from_utf8(out)?.ends_with("\n1100,510,3010,0.00,-0.01,-0.02,0.02\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_csv(&self, out: impl Write) -> Result<()> {
        let mut out = BufWriter::with_capacity(64 * 1024, out);
        let write = |out: &mut BufWriter<_>| -> io::Result<()> {
            out.write_all(FOLLOW_UP_HEADER.as_bytes())?;
            out.write_all(b"\n")?;
            for row in &self.rows {
                row.write_to(out)?;
            }
            out.flush()
        };
        write(&mut out).map_err(|e| BudgetError::Write {
            target: "follow-up csv",
            source: Arc::new(e),
        })
    }
}

/// The follow-up job with its options: the as-of month, the forecast method
/// and how to read each file.
///
/// The report's fiscal year is the as-of month's. Ledger rows dated in
/// another year are valid: they are accepted and counted
/// ([`FollowUp::rows_outside_year`]), as rows after the as-of month are
/// ([`FollowUp::rows_after_as_of`]), but not part of the outcome. The ledger
/// is streamed; memory grows with the number of distinct keys, not with the
/// number of rows (and the summaries keep at most
/// [`DEFAULT_REPORT_LIMIT`](crate::DEFAULT_REPORT_LIMIT) rejections in full).
///
/// The ledger file's name, used in every message about it, is given once:
/// [`with_ledger_file`](Self::with_ledger_file), or the name in the options of
/// [`with_ledger_options`](Self::with_ledger_options) or
/// [`with_sie_options`](Self::with_sie_options), whichever is set last; it
/// applies to a CSV and a SIE ledger alike. Repeated budget keys are summed
/// ([`DuplicateKeys::Sum`](crate::DuplicateKeys::Sum)) unless the budget
/// options say otherwise, as the peer does.
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, Dialect, FollowUpJob, ForecastMethod};
/// use namnd_core::YearMonth;
///
/// let ledger = "datum;ansvar;verksamhet;konto;belopp\n2023-01-10;1100;510;4010;1 000,00\n";
/// let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,12000.00\n";
/// let report = FollowUpJob::new(YearMonth::try_new(2023, 1)?, ForecastMethod::RunRate)
///     .with_ledger_options(CsvOptions::new("huvudbok.csv").with_dialect(Dialect::SwedishExcel))
///     .with_budget_options(CsvOptions::new("budget.csv"))
///     .run(ledger.as_bytes(), budget.as_bytes())?;
/// assert_eq!(report.rows()[0].avvikelse(), namnd_core::Amount::ZERO);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct FollowUpJob {
    as_of: YearMonth,
    method: ForecastMethod,
    ledger_file: Arc<str>,
    ledger: CsvOptions,
    budget: CsvOptions,
    format: LedgerFormat,
    sie: SieOptions,
    threads: usize,
}

/// Per-key accumulator. The outcome is summed in `i128` (no row count can
/// overflow it) and must fit an `i64` count of öre at the end, so that the
/// sum does not depend on the order the rows are added in (rows are added
/// on several threads).
#[derive(Debug, Clone, Copy, Default)]
struct Line {
    budget: i64,
    utfall: i128,
    budgeted: bool,
    counted: bool,
}

impl FollowUpJob {
    /// The job for `as_of` with `method`; files named `ledger` and `budget`
    /// in messages, dialects detected, default columns.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let job = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate);
    /// let report = job.run(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert!(report.rows().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(as_of: YearMonth, method: ForecastMethod) -> Self {
        FollowUpJob {
            as_of,
            method,
            ledger_file: Arc::from("ledger"),
            ledger: CsvOptions::new("ledger"),
            budget: CsvOptions::new("budget"),
            format: LedgerFormat::Detect,
            sie: SieOptions::new("ledger"),
            threads: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }

    /// Reads a CSV ledger on up to `threads` threads (default: the number
    /// of cores; 1 or 0 reads it on the calling thread only). The result is
    /// the same whatever the number: the calling thread reads the file and
    /// cuts it into blocks of whole lines, which the others import and sum.
    /// A block is only ever lines without `"`; from the first line with one
    /// (a quoted field may span lines) the rest is read on the calling
    /// thread. A SIE ledger is always read on the calling thread: its
    /// vouchers and declarations make every line depend on the ones before.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-01-10,1100,510,4010,1.00\n2023-01-11,1100,510,4010,x\n";
    /// let budget = "ansvar,verksamhet,konto,budget\n";
    /// let job = FollowUpJob::new(YearMonth::try_new(2023, 1)?, ForecastMethod::RunRate);
    /// let one = job.clone().with_threads(1).run(ledger.as_bytes(), budget.as_bytes())?;
    /// let four = job.with_threads(4).run(ledger.as_bytes(), budget.as_bytes())?;
    /// assert_eq!(one.rows(), four.rows());
    /// assert_eq!(four.ledger_summary().rejected()[0].line(), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Reads the ledger as `format` (default [`LedgerFormat::Detect`]).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod, LedgerFormat};
    /// use namnd_core::YearMonth;
    /// let sie = "#RAR 0 20230101 20231231\n#VER A 1 20230105\n{\n#TRANS 4010 {1 1100 20 510} 0.01\n#TRANS 1930 {} -0.01\n}\n";
    /// let report = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)
    ///     .with_ledger_format(LedgerFormat::Sie4)
    ///     .run(sie.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert_eq!(report.rows()[0].prognos(), namnd_core::Amount::from_ore(2));
    /// assert_eq!(report.ledger_summary().skipped(), 1); // the bank row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ledger_format(mut self, format: LedgerFormat) -> Self {
        self.format = format;
        self
    }

    /// Names the ledger file `file` in messages, whether it is read as CSV
    /// or SIE (default `ledger`).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let sie = "#RAR 0 20230101 20231231\n#VER A 1 20230105\n{\n#TRANS 4010 {1 1100 20 510} x\n}\n";
    /// let report = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)
    ///     .with_ledger_file("huvudbok.se")
    ///     .run(sie.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert_eq!(report.ledger_summary().file(), "huvudbok.se");
    /// assert!(report.ledger_summary().rejected()[0].to_string().contains("huvudbok.se line 4"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ledger_file(mut self, file: impl AsRef<str>) -> Self {
        self.ledger_file = Arc::from(file.as_ref());
        self
    }

    /// Reads a SIE ledger with `options`; its file name becomes the ledger's
    /// (see [`with_ledger_file`](Self::with_ledger_file)), its fiscal year is
    /// not used (see [`FollowUp::rows_outside_year`]).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod};
    /// use namnd_budget::sie::SieOptions;
    /// use namnd_core::YearMonth;
    /// let sie = "#FLAGGA 0\n#VER A 1 20230105\n{\n#TRANS 4010 {6 1100 7 510} 3.00\n#TRANS 1930 {} -3.00\n}\n";
    /// let report = FollowUpJob::new(YearMonth::try_new(2023, 12)?, ForecastMethod::RunRate)
    ///     .with_sie_options(SieOptions::new("huvudbok.se").with_ansvar_dimension(6).with_verksamhet_dimension(7))
    ///     .run(sie.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert_eq!((report.rows()[0].ansvar(), report.ledger_summary().file()), ("1100", "huvudbok.se"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_sie_options(mut self, options: SieOptions) -> Self {
        self.ledger_file = options.file_arc();
        self.sie = options;
        self
    }

    /// Reads a CSV ledger with `options`; its file name becomes the ledger's
    /// (see [`with_ledger_file`](Self::with_ledger_file)), its fiscal year is
    /// not used (see [`FollowUp::rows_outside_year`]).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, FollowUpJob, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let job = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)
    ///     .with_ledger_options(CsvOptions::new("ledger.csv"));
    /// let report = job.run(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert_eq!(report.ledger_summary().file(), "ledger.csv");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ledger_options(mut self, options: CsvOptions) -> Self {
        self.ledger_file = Arc::from(options.file());
        self.ledger = options;
        self
    }

    /// Reads the budget with `options`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, FollowUpJob, ForecastMethod};
    /// use namnd_core::YearMonth;
    /// let job = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)
    ///     .with_budget_options(CsvOptions::new("budget.csv"));
    /// let report = job.run(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// assert_eq!(report.budget_summary().file(), "budget.csv");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_budget_options(mut self, options: CsvOptions) -> Self {
        self.budget = options;
        self
    }

    /// Runs the job: reads the budget, streams the ledger, and computes the
    /// rows.
    ///
    /// # Errors
    /// A fatal import error of either file (see [`LedgerImporter::new`]);
    /// [`BudgetError::Overflow`] if the budget or outcome of a key leaves the
    /// range of an `i64` count of öre (naming the line that overflowed),
    /// [`BudgetError::FollowUpOverflow`] if its prognos or avvikelse does
    /// (naming the key and the column).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{FollowUpJob, ForecastMethod};
    /// use namnd_core::{Amount, YearMonth};
    /// let ledger = "datum,ansvar,verksamhet,konto,belopp\n2023-01-10,1100,510,4010,0.01\n";
    /// let report = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)
    ///     .run(ledger.as_bytes(), &b"ansvar,verksamhet,konto,budget\n"[..])?;
    /// // 0.01 × 12 / 8 = 0.015, half away from zero → 0.02
    /// assert_eq!(report.rows()[0].prognos(), Amount::from_ore(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, ledger: impl Read, budget: impl Read) -> Result<FollowUp> {
        let mut lines = Lines::default();

        let mut budget_import = BudgetImporter::new(budget, self.budget.clone())?;
        while let Some(row) = budget_import.next_raw()? {
            let key = [row.ansvar, row.verksamhet, row.konto];
            lines.update(key, |line| {
                line.budget = line
                    .budget
                    .checked_add(row.ore)
                    .ok_or_else(|| overflow(self.budget.file(), row.line, "budget", key))?;
                line.budgeted = true;
                Ok(())
            })?;
        }
        let budget_summary = budget_import.into_summary();

        let mut ledger = BufReader::with_capacity(64 * 1024, ledger);
        let file = Arc::clone(&self.ledger_file);
        let sie = match self.format {
            LedgerFormat::Sie4 => true,
            LedgerFormat::Csv => false,
            _ => looks_like_sie(ledger.fill_buf().map_err(|e| BudgetError::Read {
                file: Arc::clone(&file),
                line: 0,
                source: Arc::new(e),
            })?),
        };
        let (outcome, ledger_summary) = if sie {
            let options = SieOptions::new(&*file)
                .with_ansvar_dimension(self.sie.ansvar_dimension())
                .with_verksamhet_dimension(self.sie.verksamhet_dimension())
                .with_balances(self.sie.balances());
            self.sie_outcome(SieImporter::new(ledger, options))?
        } else {
            let mut options = self.ledger.clone().with_file(Arc::clone(&file));
            options.fiscal_year = None;
            self.csv_outcome(LedgerImporter::new(ledger, options)?)?
        };
        lines.absorb(outcome.lines);

        let mut keyed: Vec<(Box<str>, Line)> = lines
            .into_keyed()
            .filter(|(_, line)| line.budgeted || line.counted)
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let month = self.as_of.month();
        let rows = keyed
            .into_iter()
            .map(|(key, line)| {
                let mut parts = key.split('\0');
                let mut part = || parts.next().unwrap_or_default().to_owned();
                let (ansvar, verksamhet, konto) = (part(), part(), part());
                let overflow = |column| BudgetError::FollowUpOverflow {
                    column,
                    ansvar: echo(&ansvar),
                    verksamhet: echo(&verksamhet),
                    konto: echo(&konto),
                };
                let utfall = i64::try_from(line.utfall).map_err(|_| overflow("utfall"))?;
                let prognos = self
                    .method
                    .forecast_ore(utfall, month)
                    .ok_or_else(|| overflow("prognos"))?;
                let avvikelse = line
                    .budget
                    .checked_sub(prognos)
                    .ok_or_else(|| overflow("avvikelse"))?;
                Ok(FollowUpRow {
                    ansvar,
                    verksamhet,
                    konto,
                    budget: line.budget,
                    utfall,
                    prognos,
                    avvikelse,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(FollowUp {
            as_of: self.as_of,
            method: self.method,
            rows,
            ledger: ledger_summary,
            budget: budget_summary,
            rows_after_as_of: outcome.after_as_of,
            rows_outside_year: outcome.outside_year,
        })
    }
}

impl FollowUpJob {
    /// The outcome of a SIE ledger and its import's summary, read on the
    /// calling thread (see [`with_threads`](Self::with_threads)).
    fn sie_outcome<R: Read>(&self, mut import: SieImporter<R>) -> Result<(Outcome, ImportSummary)> {
        let mut outcome = Outcome::new(self.as_of);
        while let Some(row) = import.next_raw()? {
            outcome.add(&row);
        }
        Ok((outcome, import.into_summary()))
    }

    /// The outcome of a CSV ledger and its import's summary, read on up to
    /// [`threads`](Self::with_threads) threads.
    fn csv_outcome<R: Read>(
        &self,
        mut import: LedgerImporter<R>,
    ) -> Result<(Outcome, ImportSummary)> {
        let parts = import.fold_parallel(
            self.threads,
            || Outcome::new(self.as_of),
            |outcome, row| {
                outcome.add(&row);
                Ok(())
            },
        )?;
        let mut outcome = Outcome::new(self.as_of);
        for part in parts {
            outcome.absorb(part);
        }
        Ok((outcome, import.into_summary()))
    }
}

/// The outcome to date of some ledger rows, by key, with the rows counted
/// but not part of it.
struct Outcome {
    year: FiscalYear,
    last_day: NaiveDate,
    lines: Lines,
    after_as_of: u64,
    outside_year: u64,
}

impl Outcome {
    fn new(as_of: YearMonth) -> Self {
        Outcome {
            year: as_of.fiscal_year(),
            last_day: as_of.last_day(),
            lines: Lines::default(),
            after_as_of: 0,
            outside_year: 0,
        }
    }

    /// Adds `row` to its key's outcome if it is dated in the fiscal year up
    /// to the as-of month; counts it otherwise.
    fn add(&mut self, row: &RawLedgerRow<'_>) {
        if !self.year.contains_date(row.date) {
            self.outside_year = self.outside_year.saturating_add(1);
            return;
        }
        if row.date > self.last_day {
            self.after_as_of = self.after_as_of.saturating_add(1);
            return;
        }
        let key = [row.ansvar, row.verksamhet, row.konto];
        let _infallible = self.lines.update(key, |line| {
            line.utfall = line.utfall.saturating_add(i128::from(row.ore));
            line.counted = true;
            Ok(())
        });
    }

    /// Adds `other`, the outcome of other rows of the same ledger.
    fn absorb(&mut self, other: Outcome) {
        self.lines.absorb(other.lines);
        self.after_as_of = self.after_as_of.saturating_add(other.after_as_of);
        self.outside_year = self.outside_year.saturating_add(other.outside_year);
    }
}

/// The lines by key (ansvar, verksamhet, konto).
///
/// A key is its parts joined by NUL (keys hold no control characters, so the
/// join is unambiguous). A joined key of at most 15 bytes, the usual one, is
/// packed with its length into a `u128`: no string is built or hashed per
/// row. Longer keys are kept as strings. Both maps use foldhash (randomly
/// seeded per map, minimally resistant to crafted collisions) instead of
/// SipHash: the key lookup is a large share of the time per ledger row.
#[derive(Debug, Default)]
struct Lines {
    short: HashMap<u128, Line, FastHash>,
    long: HashMap<Box<str>, Line, FastHash>,
    key: String,
}

type FastHash = foldhash::fast::RandomState;

impl Lines {
    /// Applies `update` to the line of `key`, creating it first if needed; a
    /// known key costs no allocation.
    fn update(
        &mut self,
        key: [&str; 3],
        update: impl FnOnce(&mut Line) -> Result<()>,
    ) -> Result<()> {
        if let Some(packed) = pack_key(key) {
            return update(self.short.entry(packed).or_default());
        }
        let [ansvar, verksamhet, konto] = key;
        join_key(&mut self.key, ansvar, verksamhet, konto);
        if let Some(line) = self.long.get_mut(self.key.as_str()) {
            return update(line);
        }
        let mut line = Line::default();
        update(&mut line)?;
        self.long.insert(Box::from(self.key.as_str()), line);
        Ok(())
    }

    /// Adds the outcome of `other`'s lines to these (`other` holds no budget).
    fn absorb(&mut self, other: Lines) {
        let add = |line: &mut Line, part: Line| {
            line.utfall = line.utfall.saturating_add(part.utfall);
            line.counted |= part.counted;
        };
        for (key, part) in other.short {
            add(self.short.entry(key).or_default(), part);
        }
        for (key, part) in other.long {
            add(self.long.entry(key).or_default(), part);
        }
    }

    /// The lines with their joined keys, in no order.
    fn into_keyed(self) -> impl Iterator<Item = (Box<str>, Line)> {
        let short = self.short.into_iter().map(|(packed, line)| {
            let bytes = packed.to_le_bytes();
            let len = bytes.last().map_or(0, |&len| usize::from(len));
            let key = String::from_utf8_lossy(bytes.get(..len).unwrap_or_default());
            (Box::from(key.as_ref()), line)
        });
        short.chain(self.long)
    }
}

/// `key` joined by NUL, packed with its length into a `u128` (see
/// [`pack_short`]); `None` if the joined key is longer than 15 bytes.
fn pack_key(key: [&str; 3]) -> Option<u128> {
    let [ansvar, verksamhet, konto] = key;
    pack_short(&[ansvar.as_bytes(), verksamhet.as_bytes(), konto.as_bytes()])
}

/// An overflow of the `what` of the line `key`, read on `line` of `file`.
fn overflow(file: &str, line: u64, what: &str, key: [&str; 3]) -> BudgetError {
    let [ansvar, verksamhet, konto] = key;
    let mut joined = String::new();
    join_key(&mut joined, ansvar, verksamhet, konto);
    overflow_joined(file, line, what, &joined)
}

fn overflow_joined(file: &str, line: u64, what: &str, key: &str) -> BudgetError {
    BudgetError::Overflow {
        file: Arc::from(file),
        line,
        what: format!("{what} for {}", echo(&key.replace('\0', "/"))),
    }
}

/// Runs the follow-up job with default options (see [`FollowUpJob`]): from a
/// ledger CSV and a budget CSV, one row per (ansvar, verksamhet, konto) with
/// budget, utfall, prognos and avvikelse.
///
/// # Errors
/// As [`FollowUpJob::run`].
///
/// # Example
/// ```
/// use namnd_budget::{follow_up, ForecastMethod};
/// use namnd_core::YearMonth;
///
/// let ledger = std::io::Cursor::new("datum,ansvar,verksamhet,konto,belopp\n2023-02-01,1100,510,4010,-0.01\n");
/// let budget = std::io::Cursor::new("ansvar,verksamhet,konto,budget\n1100,520,4010,10.00\n");
/// let report = follow_up(ledger, budget, YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
/// let mut out = Vec::new();
/// report.write_csv(&mut out)?;
/// assert_eq!(String::from_utf8(out)?, "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n\
///     1100,510,4010,0.00,-0.01,-0.02,0.02\n\
///     1100,520,4010,10.00,0.00,0.00,10.00\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn follow_up(
    ledger: impl Read,
    budget: impl Read,
    as_of: YearMonth,
    method: ForecastMethod,
) -> Result<FollowUp> {
    FollowUpJob::new(as_of, method).run(ledger, budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_rate_rounds_half_away_from_zero() {
        assert_eq!(run_rate_ore(1, 8), Some(2)); // 1.5 → 2
        assert_eq!(run_rate_ore(-1, 8), Some(-2)); // −1.5 → −2
        assert_eq!(run_rate_ore(5, 8), Some(8)); // 7.5 → 8
        assert_eq!(run_rate_ore(1, 7), Some(2)); // 1.714… → 2
        assert_eq!(run_rate_ore(1, 9), Some(1)); // 1.333… → 1
        assert_eq!(run_rate_ore(-1, 9), Some(-1));
        assert_eq!(run_rate_ore(0, 5), Some(0));
        assert_eq!(run_rate_ore(12_345, 12), Some(12_345));
        assert_eq!(run_rate_ore(i64::MAX, 12), Some(i64::MAX));
        assert_eq!(run_rate_ore(i64::MIN, 12), Some(i64::MIN));
        assert_eq!(run_rate_ore(i64::MAX, 1), None);
        assert_eq!(run_rate_ore(1, 0), None);
        assert_eq!(run_rate_ore(1, 13), None);
    }

    #[test]
    fn ore_prints_two_decimals_with_sign() {
        assert_eq!(Ore(0).to_string(), "0.00");
        assert_eq!(Ore(-5).to_string(), "-0.05");
        assert_eq!(Ore(123_456).to_string(), "1234.56");
        assert_eq!(Ore(i64::MIN).to_string(), "-92233720368547758.08");
    }

    #[test]
    fn packed_keys_are_distinct_and_only_for_short_keys() {
        let a = pack_key(["1100", "510", "4010"]);
        assert!(a.is_some());
        // Same bytes, split differently: different joined keys, different numbers.
        assert_ne!(a, pack_key(["110", "0510", "4010"]));
        assert_ne!(pack_key(["1", "", ""]), pack_key(["1", "", "\0"]));
        assert_ne!(pack_key(["", "", ""]), None);
        // 13 + 2 separators = 15 bytes: packed; one more: kept as a string.
        assert!(pack_key(["12345", "1234", "1234"]).is_some());
        assert_eq!(pack_key(["123456", "1234", "1234"]), None);
    }

    #[test]
    fn short_and_long_keys_are_summed_and_sorted_alike()
    -> core::result::Result<(), Box<dyn std::error::Error>> {
        let long = "ansvarsomrade-nord";
        let ledger = format!(
            "datum,ansvar,verksamhet,konto,belopp\n\
             2023-01-10,{long},510,4010,1.00\n\
             2023-01-11,1100,510,4010,2.00\n\
             2023-02-10,{long},510,4010,0.50\n\
             2023-02-11,1100,510,4010,0.25\n"
        );
        let budget =
            format!("ansvar,verksamhet,konto,budget\n{long},510,4010,10.00\n1100,510,4010,5.00\n");
        let report = follow_up(
            ledger.as_bytes(),
            budget.as_bytes(),
            YearMonth::try_new(2023, 2)?,
            ForecastMethod::RunRate,
        )?;
        let mut out = Vec::new();
        report.write_csv(&mut out)?;
        // 2.25 × 12 / 2 = 13.50; 1.50 × 12 / 2 = 9.00.
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!(
                "{FOLLOW_UP_HEADER}\n1100,510,4010,5.00,2.25,13.50,-8.50\n{long},510,4010,10.00,1.50,9.00,1.00\n"
            )
        );
        Ok(())
    }

    #[test]
    fn an_outcome_overflow_names_the_key_and_the_column()
    -> core::result::Result<(), Box<dyn std::error::Error>> {
        for ansvar in ["1100", "ansvarsomrade-nord"] {
            let ledger = format!(
                "datum,ansvar,verksamhet,konto,belopp\n\
                 2023-01-10,{ansvar},510,4010,92233720368547758.07\n\
                 2023-01-11,{ansvar},510,4010,0.01\n"
            );
            let budget = "ansvar,verksamhet,konto,budget\n";
            for threads in [1, 2] {
                let result =
                    FollowUpJob::new(YearMonth::try_new(2023, 2)?, ForecastMethod::RunRate)
                        .with_threads(threads)
                        .run(ledger.as_bytes(), budget.as_bytes());
                assert!(
                    matches!(&result, Err(BudgetError::FollowUpOverflow { column: "utfall", ansvar: a, .. }) if a == ansvar),
                    "{result:?}"
                );
            }
        }
        Ok(())
    }

    /// Found by fuzzing (`followup_threads`): a line beyond ASCII that is
    /// rejected for its number of fields does not decide the encoding, so a
    /// later line that is not UTF-8 makes the file Windows-1252, on one
    /// thread or several.
    #[test]
    fn a_rejected_line_beyond_ascii_does_not_decide_the_encoding()
    -> core::result::Result<(), Box<dyn std::error::Error>> {
        let ledger = b"datum,ansvar,verksamhet,konto,belopp\n\
            2023-01-10,1100,510,4010,100.00\n\
            2023-01\xef\xbb\xbf,1100,4009,abc\n\
            2023-01-10,11\xca\xcf00,510,4010,4.00\n";
        for threads in [1, 3] {
            let report = FollowUpJob::new(YearMonth::try_new(2023, 1)?, ForecastMethod::RunRate)
                .with_threads(threads)
                .run(&ledger[..], &b"ansvar,verksamhet,konto,budget\n"[..])?;
            let summary = report.ledger_summary();
            assert_eq!(summary.encoding(), crate::TextEncoding::Windows1252);
            assert_eq!((summary.accepted(), summary.rejected_count()), (2, 1));
            assert_eq!(report.rows()[1].ansvar(), "11ÊÏ00");
        }
        Ok(())
    }

    /// The pieces the arbitrary ledgers below are made of: good rows of
    /// a few keys (in the year, after the as-of month, outside the year),
    /// and every kind of bad line the row-by-row path knows, including
    /// bytes that are not UTF-8 (Windows-1252) after lines beyond ASCII.
    const PIECES: [&[u8]; 27] = [
        b"2023-01-10,1100,510,4010,100.00",
        b"2023-02-11,1100,510,3010,-40.50",
        b"2023-03-12,1200,520,4010,0.01",
        b"2023-12-31,1100,510,4010,7.00",
        b"2022-12-31,1100,510,4010,9.00",
        b"2023-01-10,ansvarsomrade-nord,510,4010,1.00",
        "2023-01-10,Äldreomsorg,510,4010,2.00".as_bytes(),
        b" 2023-01-10 , 1100 ,510,4010, 3.00 \r",
        b"2023-01-10,1100,510,4010,abc",
        b"2023-02-30,1100,510,4010,1.00",
        b"2023-01-10,1100,510,4010",
        b"2023-01-10,1100,510,4010,1.00,x",
        b"2023-01-10,,510,4010,1.00",
        b"2023-01-10,19121212-1212,510,4010,1.00",
        b"2023-01-10,11\x0100,510,4010,1.00",
        "2023-01-10,1100,5é10,4010,1,00".as_bytes(),
        b"",
        b"\r",
        b"   ",
        b"2023-01-10,\"1100\",510,4010,4.00",
        b"2023-01-10,\"11\n00\",510,4010,4.00",
        b"2023-01-10,1100,510,4010,92233720368547758.07",
        b"2023-01-10,1100,510,4010,-92233720368547758.07",
        b"x",
        "2023-01\u{feff},1100,4010,abc".as_bytes(),
        b"2023-01-10,\xca\xcf,510,4010,1.00",
        b"2023-01-10,1100,510,4010,\xe5",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Reading a CSV ledger on several threads gives exactly what
        /// reading it on one does: rows, counts, totals, every rejection in
        /// file order with its line, notices, encoding, and errors.
        /// (Unit tests read 7 bytes at a time, so the blocks are small and
        /// many.)
        #[test]
        fn several_threads_give_what_one_thread_gives(
            pieces in proptest::collection::vec(0_usize..PIECES.len(), 0..60),
            month in 1_u32..=12,
            threads in 2_usize..5,
            final_newline in proptest::bool::ANY,
        ) {
            let mut ledger = b"datum,ansvar,verksamhet,konto,belopp\n".to_vec();
            for (i, &piece) in pieces.iter().enumerate() {
                ledger.extend_from_slice(PIECES[piece]);
                if final_newline || i + 1 < pieces.len() {
                    ledger.push(b'\n');
                }
            }
            let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,50.00\n";
            let job = FollowUpJob::new(YearMonth::try_new(2023, month).unwrap(), ForecastMethod::RunRate);
            let describe = |result: Result<FollowUp>| match result {
                Ok(report) => {
                    let mut out = Vec::new();
                    report.write_csv(&mut out).unwrap();
                    let s = report.ledger_summary();
                    let messages = |errors: &[BudgetError]| errors.iter().map(ToString::to_string).collect::<Vec<_>>();
                    format!(
                        "{}\n{} {} {} {} {:?} {:?} {:?} {} {}\n{:#?}\n{:#?}\n{:?}",
                        String::from_utf8(out).unwrap(),
                        s.rows_read(), s.accepted(), s.rejected_count(), s.skipped(),
                        s.total(), s.debit(), s.encoding(),
                        report.rows_after_as_of(), report.rows_outside_year(),
                        messages(s.rejected()), messages(s.notices()),
                        s.rejected_by_reason().collect::<Vec<_>>(),
                    )
                }
                Err(error) => format!("error: {error}"),
            };
            let one = describe(job.clone().with_threads(1).run(&ledger[..], budget.as_bytes()));
            let several = describe(job.with_threads(threads).run(&ledger[..], budget.as_bytes()));
            proptest::prop_assert_eq!(several, one);
        }
    }
}
