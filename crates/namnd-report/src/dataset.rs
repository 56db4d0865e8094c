//! A dataset: the manifest and every file it names, read with each domain
//! crate's importer, every problem collected, each section's data kept as
//! available or unavailable with the reason.
//!
//! | Item | What it is |
//! |---|---|
//! | [`Dataset::load_dir`] | a dataset folder with `namnd.toml` |
//! | [`Dataset::load_files`] | the same from in-memory files (the embedded demo) |
//! | [`FileSource`] | where files come from (a folder, a closure) |
//! | [`LoadedDataset`] | the [`Dataset`] and every [`Problem`] found |
//! | [`SectionData`] | a section's data, or why there is none |
//! | [`BudgetData`], [`GoalsData`], [`IncidentData`], [`ControlData`] | the data of the sections that combine several files |
//!
//! Loading never stops at the first problem: a missing file, a file that
//! cannot be read as a whole and every rejected row are each a [`Problem`],
//! and every section that can be built from what was read is built. The
//! report's own small formats (manual forecasts, indicators, measurements,
//! incidents, complaints, internal-control results) are described in
//! `docs/formats.md`; they are read with the `csv` crate, semicolon- or
//! comma-separated (detected from the header), UTF-8.
//!
//! # Example
//! ```
//! use namnd_report::dataset::Dataset;
//! let manifest = "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-02\"\n[files]\nbudget = \"budget.csv\"\nledger = \"ledger.csv\"\n";
//! let files = |name: &str| match name {
//!     "budget.csv" => Some(b"ansvar,verksamhet,konto,budget\n1100,510,5011,1200.00\n".to_vec()),
//!     _ => None,
//! };
//! let loaded = Dataset::load_files(manifest, "namnd.toml", &files)?;
//! // ledger.csv is missing, and budget.csv is still read: its ansvar 1100
//! // is not in the manifest's [[units]], so its one row is rejected.
//! assert_eq!(loaded.problems.len(), 2);
//! assert_eq!(loaded.problems[0].to_string(), "file ledger.csv named in namnd.toml does not exist");
//! assert_eq!(loaded.problems[1].to_string(), "ansvar \"1100\" in budget.csv line 2 is not mapped to a unit");
//! assert!(loaded.dataset.budget.available().is_none());
//! # Ok::<(), namnd_report::ReportError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use namnd_budget::model::{
    BudgetLine, FollowUp, FollowUpOptions, LEDGER_SIGNS, LedgerMapping, LineKey, Outcome,
    budget_lines,
};
use namnd_budget::sie::{SieImporter, SieOptions};
use namnd_budget::{BudgetError, BudgetImporter, CsvOptions, LedgerImporter, LedgerRow};
use namnd_calc::forecast::{ManualForecast, Method, Periodisation};
use namnd_core::{
    AccountGroup, AccountMapping, Amount, Decimal, OrgUnit, Period, Rounding, Stated,
    SwedishNumber, UnitPath, YearMonth, quote_for_message,
};
use namnd_kpi::continuity::{ContinuityConfig, ContinuityResult, VisitColumns};
use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit, Label, Measurement, Status, Target};

use crate::error::{ReportError, Result};
use crate::manifest::{ForecastChoice, LedgerFileFormat, MANIFEST_FILE, Manifest};

/// Where a dataset's files come from.
///
/// # Example
/// ```
/// use namnd_report::dataset::FileSource;
/// let files = |name: &str| (name == "a.csv").then(|| b"x".to_vec());
/// assert_eq!(files.read("a.csv")?, Some(b"x".to_vec()));
/// assert_eq!(files.read("b.csv")?, None);
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub trait FileSource {
    /// The bytes of `name`, `None` if it does not exist.
    ///
    /// # Errors
    /// [`ReportError::Input`] if it exists but cannot be read.
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>>;
}

impl<F: Fn(&str) -> Option<Vec<u8>>> FileSource for F {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>> {
        Ok(self(name))
    }
}

/// Files in a folder.
///
/// # Example
/// ```
/// use namnd_report::dataset::{DirSource, FileSource};
/// let source = DirSource::new(std::env::temp_dir());
/// assert_eq!(source.read("no-such-file-namnd.csv")?, None);
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
#[derive(Debug, Clone)]
pub struct DirSource {
    dir: PathBuf,
}

impl DirSource {
    /// Files in `dir`.
    ///
    /// # Example
    /// See [`DirSource`].
    pub fn new(dir: impl Into<PathBuf>) -> DirSource {
        DirSource { dir: dir.into() }
    }
}

impl FileSource for DirSource {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>> {
        match std::fs::read(self.dir.join(name)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ReportError::Input {
                file: quote_for_message(name, 200),
                message: format!("cannot be read: {e}"),
            }),
        }
    }
}

/// One problem found while loading: a missing or unreadable file, or a
/// rejected row. The message names the file and, where there is one, the
/// line and column; it never contains a personal identity number.
///
/// # Example
/// ```
/// use namnd_report::dataset::Problem;
/// let p = Problem { file: "budget.csv".into(), message: "budget.csv line 3: bad".into(), fatal: false };
/// assert_eq!(p.to_string(), "budget.csv line 3: bad");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in.
    pub file: String,
    /// The message.
    pub message: String,
    /// Whether the file could not be used at all (its section is unavailable).
    pub fatal: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A section's data, or the reason there is none.
///
/// # Example
/// ```
/// use namnd_report::dataset::SectionData;
/// let d: SectionData<u32> = SectionData::Unavailable { reason: "ingen fil".into() };
/// assert_eq!(d.reason(), Some("ingen fil"));
/// assert!(SectionData::Available(3).available().is_some());
/// ```
#[derive(Debug, Clone)]
pub enum SectionData<T> {
    /// The data.
    Available(T),
    /// Why there is no data (file and line where there is one).
    Unavailable {
        /// The reason.
        reason: String,
    },
}

impl<T> SectionData<T> {
    /// The data, if available.
    ///
    /// # Example
    /// See [`SectionData`].
    pub fn available(&self) -> Option<&T> {
        match self {
            SectionData::Available(data) => Some(data),
            SectionData::Unavailable { .. } => None,
        }
    }

    /// The reason, if unavailable.
    ///
    /// # Example
    /// See [`SectionData`].
    pub fn reason(&self) -> Option<&str> {
        match self {
            SectionData::Available(_) => None,
            SectionData::Unavailable { reason } => Some(reason),
        }
    }

    fn not_named(key: &str, manifest: &str) -> SectionData<T> {
        SectionData::Unavailable {
            reason: format!("ingen fil angiven för {key} i {manifest}"),
        }
    }
}

/// A manual forecast (*manuell prognos*) given in a month for a line.
///
/// # Example
/// ```
/// use namnd_report::dataset::ManualEntry;
/// use namnd_budget::model::LineKey;
/// use namnd_calc::forecast::ManualForecast;
/// use namnd_core::{AccountGroup, Amount};
/// let e = ManualEntry { key: LineKey::new("IFO/EKB".parse()?, "520", AccountGroup::PurchasedServices)?, line: 2, month: 5, forecast: ManualForecast::new(Amount::from_tkr(-9_000)?, "Fler placeringar")? };
/// assert_eq!(e.month, 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualEntry {
    /// The line.
    pub key: LineKey,
    /// The 1-based line in the manual-forecasts file (0 when not from a file).
    pub line: u64,
    /// The month (1–12) from which the forecast applies.
    pub month: u32,
    /// The forecast (canonical signs) with its comment.
    pub forecast: ManualForecast,
}

/// The budget section's data: budget lines, outcome, manual forecasts.
///
/// # Example
/// See [`BudgetData::follow_ups`].
#[derive(Debug, Clone)]
pub struct BudgetData {
    /// The budget lines (canonical signs, periodised evenly).
    pub lines: Vec<BudgetLine>,
    /// The outcome per line and month.
    pub outcome: Outcome,
    /// Manual forecasts, in file order.
    pub manual: Vec<ManualEntry>,
    /// The forecast method of lines without a manual forecast.
    pub method: ForecastChoice,
}

impl BudgetData {
    /// The follow-up of every month from January to `as_of`, each with the
    /// previous month's forecasts as its `previous` and the manual forecasts
    /// given up to that month (the latest per line), so that the last one is
    /// the follow-up as of `as_of` and the series shows how the forecast
    /// moved.
    ///
    /// # Errors
    /// [`ReportError::Compute`] with namnd-budget's message.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::model::{BudgetLine, LineKey, Outcome};
    /// use namnd_core::{AccountGroup, Amount, FiscalYear, YearMonth};
    /// use namnd_report::dataset::BudgetData;
    /// use namnd_report::manifest::ForecastChoice;
    /// let key = LineKey::new("ÄO/HT".parse()?, "510", AccountGroup::StaffCosts)?;
    /// let data = BudgetData { lines: vec![BudgetLine::new(key, Amount::from_kr(-1_200))], outcome: Outcome::new(FiscalYear::try_new(2026)?), manual: vec![], method: ForecastChoice::RunRate };
    /// let series = data.follow_ups(YearMonth::try_new(2026, 3)?)?;
    /// assert_eq!(series.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn follow_ups(&self, as_of: YearMonth) -> Result<Vec<FollowUp>> {
        let method = match self.method {
            ForecastChoice::RunRate => Method::RunRate,
            ForecastChoice::RemainingBudget => Method::RemainingBudget {
                periodisation: Periodisation::Even,
            },
        };
        let year = as_of.fiscal_year();
        let mut series: Vec<FollowUp> = Vec::new();
        let mut previous = BTreeMap::new();
        for month in 1..=as_of.month() {
            let when = year.month(month)?;
            let mut options = FollowUpOptions::new(method.clone(), Rounding::HalfAwayFromZero);
            let mut latest: BTreeMap<&LineKey, &ManualEntry> = BTreeMap::new();
            for entry in self.manual.iter().filter(|e| e.month <= month) {
                let newer = latest
                    .get(&entry.key)
                    .is_none_or(|e| e.month <= entry.month);
                if newer {
                    latest.insert(&entry.key, entry);
                }
            }
            for (key, entry) in latest {
                options = options.with_manual(key.clone(), entry.forecast.clone());
            }
            let follow_up =
                FollowUp::compute(when, &self.lines, &self.outcome, &options, &previous).map_err(
                    |e| ReportError::Compute {
                        what: format!("the follow-up as of {when}"),
                        message: e.to_string(),
                    },
                )?;
            previous = follow_up.forecasts();
            series.push(follow_up);
        }
        Ok(series)
    }
}

/// An indicator with its goal (*nämndmål*) and target.
///
/// # Example
/// ```
/// use namnd_kpi::goal::{Direction, Indicator, IndicatorUnit};
/// use namnd_report::dataset::IndicatorEntry;
/// let indicator = Indicator::new("U21401", "Personalkontinuitet", IndicatorUnit::Persons, Direction::LowerIsBetter)?;
/// let target = indicator.parse_target("<15", None)?;
/// let e = IndicatorEntry { goal: "Trygg äldreomsorg".into(), indicator, target, target_text: "<15".into(), line: 2 };
/// assert_eq!(e.indicator.id(), "U21401");
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorEntry {
    /// The goal's text.
    pub goal: String,
    /// The indicator.
    pub indicator: Indicator,
    /// The target.
    pub target: Target,
    /// The target as written.
    pub target_text: String,
    /// The 1-based line in the indicators file (0 when not from a file).
    pub line: u64,
}

/// A measurement of an indicator, with an assessed status if the committee
/// judged otherwise.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Period};
/// use namnd_kpi::goal::Measurement;
/// use namnd_report::dataset::MeasurementEntry;
/// let m = MeasurementEntry { indicator: "U21401".into(), measurement: Measurement::measured("2025".parse::<Period>()?, Decimal::from(14)), assessed: None, line: 2 };
/// assert!(m.assessed.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasurementEntry {
    /// The indicator id.
    pub indicator: String,
    /// The measurement.
    pub measurement: Measurement,
    /// The assessed status and its justification.
    pub assessed: Option<(Status, String)>,
    /// The 1-based line in the measurements file (0 when computed, e.g.
    /// staff continuity from the visit log).
    pub line: u64,
}

/// The goals section's data.
///
/// # Example
/// ```
/// use namnd_report::dataset::GoalsData;
/// assert!(GoalsData::default().indicators.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalsData {
    /// Indicators in file order.
    pub indicators: Vec<IndicatorEntry>,
    /// Measurements in file order (plus the computed continuity, if any).
    pub measurements: Vec<MeasurementEntry>,
    /// Why the measurements file could not be used, if it could not.
    pub measurements_unavailable: Option<String>,
}

/// Incident reports counted per category and month.
///
/// # Example
/// ```
/// use namnd_report::dataset::IncidentData;
/// assert!(IncidentData::default().counts.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentData {
    /// Category codes and names, in file order.
    pub categories: Vec<(String, String)>,
    /// Count per (category code, month).
    pub counts: BTreeMap<(String, YearMonth), u64>,
}

/// One internal-control follow-up result.
///
/// # Example
/// ```
/// use namnd_control::calendar::Outcome;
/// use namnd_report::dataset::ControlResult;
/// let r = ControlResult { row: 0, month: 3, outcome: Outcome::Genomford, action: None, line: 2 };
/// assert_eq!(r.month, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlResult {
    /// The plan row (0-based index into the plan's rows).
    pub row: usize,
    /// The month checked.
    pub month: u32,
    /// The outcome.
    pub outcome: namnd_control::calendar::Outcome,
    /// The action decided, if any.
    pub action: Option<String>,
    /// The 1-based line in the follow-up file (0 when not from a file).
    pub line: u64,
}

/// The internal-control section's data.
///
/// # Example
/// ```
/// use namnd_control::plan::InternalControlPlan;
/// use namnd_report::dataset::ControlData;
/// let d = ControlData { plan: InternalControlPlan::new("Socialnämnden", "2026".parse()?), results: vec![] };
/// assert!(d.plan.rows().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ControlData {
    /// The plan.
    pub plan: namnd_control::plan::InternalControlPlan,
    /// The follow-up results.
    pub results: Vec<ControlResult>,
}

/// A loaded dataset: the manifest and each section's data.
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Dataset {
    /// The manifest.
    pub manifest: Manifest,
    /// Budget, ledger and manual forecasts.
    pub budget: SectionData<BudgetData>,
    /// Goals, indicators and measurements.
    pub goals: SectionData<GoalsData>,
    /// Staff continuity computed from the visit log.
    pub continuity: SectionData<ContinuityResult>,
    /// Decisions (*ej verkställda beslut*).
    pub decisions: SectionData<Vec<namnd_decisions::decision::Decision>>,
    /// Lex Sarah / Lex Maria cases.
    pub cases: SectionData<Vec<namnd_quality::case::QualityCase>>,
    /// Incident reports per category and month.
    pub incidents: SectionData<IncidentData>,
    /// Complaints.
    pub complaints: SectionData<Vec<namnd_quality::complaint::Complaint>>,
    /// Investment requests.
    pub investments: SectionData<Vec<namnd_invest::InvestmentRequest>>,
    /// The internal-control plan and its follow-up.
    pub internal_control: SectionData<ControlData>,
    /// Every problem found while loading (the same as
    /// [`LoadedDataset::problems`]), for the report's data-quality section.
    pub problems: Vec<Problem>,
    /// Rows read, accepted and rejected per file, in the order read.
    pub files: Vec<FileSummary>,
}

/// What was read from one file: rows read, accepted and rejected, and
/// whether the file could be used at all.
///
/// # Example
/// ```
/// let loaded = namnd_report::demo::dataset()?;
/// let ledger = loaded.dataset.files.iter().find(|f| f.file == "ledger.csv").ok_or("no ledger")?;
/// assert_eq!(ledger.rows_read, ledger.accepted + ledger.rejected);
/// assert!(ledger.usable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// The file's name as written in the manifest.
    pub file: String,
    /// Data rows read (the header not included).
    pub rows_read: u64,
    /// Rows that entered the report.
    pub accepted: u64,
    /// Rows left out, each reported as a [`Problem`].
    pub rejected: u64,
    /// `false` when the file could not be used at all (missing, unreadable).
    pub usable: bool,
}

/// A dataset and every problem found while loading it.
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone)]
pub struct LoadedDataset {
    /// The dataset.
    pub dataset: Dataset,
    /// Every problem, in the order found.
    pub problems: Vec<Problem>,
}

impl Dataset {
    /// Loads the dataset in the folder `dir` (with `namnd.toml`).
    ///
    /// # Errors
    /// [`ReportError::MissingFile`] if there is no manifest,
    /// [`ReportError::Manifest`] if it is invalid. Problems with the other
    /// files are collected in [`LoadedDataset::problems`].
    ///
    /// # Example
    /// ```
    /// use namnd_report::dataset::Dataset;
    /// let Err(err) = Dataset::load_dir("/no/such/dataset") else {
    ///     return Err("a missing folder was loaded".into());
    /// };
    /// assert_eq!(err.to_string(), "file namnd.toml named in /no/such/dataset does not exist");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<LoadedDataset> {
        let dir = dir.as_ref();
        let source = DirSource::new(dir);
        let Some(bytes) = source.read(MANIFEST_FILE)? else {
            return Err(ReportError::MissingFile {
                file: MANIFEST_FILE.to_owned(),
                manifest: quote_for_message(&dir.display().to_string(), 200),
            });
        };
        let text = String::from_utf8(bytes).map_err(|e| ReportError::Input {
            file: MANIFEST_FILE.to_owned(),
            message: format!("is not UTF-8: {e}"),
        })?;
        Dataset::load_from(&text, MANIFEST_FILE, &source)
    }

    /// Loads a dataset from a manifest's text and a closure giving each
    /// file's bytes (`None` for a missing file).
    ///
    /// # Errors
    /// [`ReportError::Manifest`] if the manifest is invalid.
    ///
    /// # Example
    /// See the [module docs](self).
    pub fn load_files(
        manifest_text: &str,
        manifest_file: &str,
        files: &dyn Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<LoadedDataset> {
        Dataset::load_from(manifest_text, manifest_file, &files)
    }

    /// Loads a dataset from a manifest's text and any [`FileSource`].
    ///
    /// # Errors
    /// [`ReportError::Manifest`] if the manifest is invalid.
    ///
    /// # Example
    /// ```
    /// use namnd_report::dataset::{Dataset, DirSource};
    /// let manifest = "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-02\"\n";
    /// let loaded = Dataset::load_from(manifest, "namnd.toml", &DirSource::new("."))?;
    /// assert!(loaded.problems.is_empty());
    /// assert!(loaded.dataset.decisions.reason().is_some());
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn load_from(
        manifest_text: &str,
        manifest_file: &str,
        source: &dyn FileSource,
    ) -> Result<LoadedDataset> {
        let manifest = Manifest::parse(manifest_text, manifest_file)?;
        // A name masked in the manifest is a problem of the dataset: the
        // report is written, with the name masked, and the run says so.
        let problems = manifest
            .masked
            .iter()
            .map(|error| Problem {
                file: manifest.file.clone(),
                message: match error {
                    ReportError::Manifest {
                        file,
                        line,
                        column,
                        message,
                    } => format!("{file} line {line} column {column}: {message}"),
                    other => other.to_string(),
                },
                fatal: false,
            })
            .collect();
        let mut loader = Loader {
            manifest: &manifest,
            source,
            problems,
            files: Vec::new(),
        };
        let budget = loader.budget();
        let (goals, continuity) = loader.goals();
        let decisions = loader.decisions();
        let cases = loader.cases();
        let incidents = loader.incidents();
        let complaints = loader.complaints();
        let investments = loader.investments();
        let internal_control = loader.internal_control();
        let problems = loader.problems;
        let files = loader.files;
        Ok(LoadedDataset {
            dataset: Dataset {
                problems: problems.clone(),
                files,
                manifest,
                budget,
                goals,
                continuity,
                decisions,
                cases,
                incidents,
                complaints,
                investments,
                internal_control,
            },
            problems,
        })
    }
}

/// Loads the sections, collecting problems.
struct Loader<'a> {
    manifest: &'a Manifest,
    source: &'a dyn FileSource,
    problems: Vec<Problem>,
    files: Vec<FileSummary>,
}

/// A section that could not be built: the reason, already recorded as a problem.
type Unavailable = String;

impl Loader<'_> {
    /// The summary of `file`, created on first use.
    fn file_summary(&mut self, file: &str) -> Option<&mut FileSummary> {
        if !self.files.iter().any(|f| f.file == file) {
            self.files.push(FileSummary {
                file: file.to_owned(),
                rows_read: 0,
                accepted: 0,
                rejected: 0,
                usable: true,
            });
        }
        self.files.iter_mut().find(|f| f.file == file)
    }

    /// Records how many rows of `file` were read and accepted; the rest
    /// are rejected.
    fn count(&mut self, file: &str, read: u64, accepted: u64) {
        if let Some(summary) = self.file_summary(file) {
            summary.rows_read = read;
            summary.accepted = accepted.min(read);
            summary.rejected = read.saturating_sub(accepted);
        }
    }

    /// Records the rows of one of the report's own CSV formats: the rows
    /// that could not be read at all and the parsed rows, `accepted` of
    /// which were used.
    fn count_table(&mut self, table: &CsvTable, accepted: usize) {
        let read = table.records.len().saturating_add(table.problems.len());
        let to_u64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        self.count(&table.file, to_u64(read), to_u64(accepted));
        for problem in &table.problems {
            self.problems.push(problem.clone());
        }
    }

    /// Records a fatal problem and returns the section's reason.
    fn fatal(&mut self, file: &str, message: String) -> Unavailable {
        if let Some(summary) = self.file_summary(file) {
            summary.usable = false;
        }
        self.problems.push(Problem {
            file: file.to_owned(),
            message: message.clone(),
            fatal: true,
        });
        message
    }

    /// Records a rejected row (or another non-fatal problem).
    fn row(&mut self, file: &str, message: String) {
        self.problems.push(Problem {
            file: file.to_owned(),
            message,
            fatal: false,
        });
    }

    /// Records every rejection an import or a mapping of `file` kept.
    fn rejected(&mut self, file: &str, rejected: &[BudgetError]) {
        for rejection in rejected {
            self.row(file, rejection.to_string());
        }
    }

    /// The rows an importer of `file` gives, with their lines, up to its
    /// first fatal error (the section's reason).
    fn numbered_rows(
        &mut self,
        file: &str,
        rows: impl Iterator<Item = namnd_budget::Result<(u64, LedgerRow)>>,
    ) -> std::result::Result<Vec<(u64, LedgerRow)>, Unavailable> {
        let mut numbered = Vec::new();
        for row in rows {
            match row {
                Ok(row) => numbered.push(row),
                Err(e) => return Err(self.fatal(file, e.to_string())),
            }
        }
        Ok(numbered)
    }

    /// The bytes of a named file, or the section's reason.
    fn bytes(&mut self, file: &str) -> std::result::Result<Vec<u8>, Unavailable> {
        match self.source.read(file) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => {
                let message = ReportError::MissingFile {
                    file: quote_for_message(file, 200),
                    manifest: self.manifest.file.clone(),
                }
                .to_string();
                Err(self.fatal(file, message))
            }
            Err(e) => Err(self.fatal(file, e.to_string())),
        }
    }

    /// Runs `load` on the named file, turning a missing name or a fatal
    /// error into an unavailable section.
    fn section<T>(
        &mut self,
        key: &str,
        name: Option<&String>,
        load: impl FnOnce(&mut Self, &str, Vec<u8>) -> std::result::Result<T, Unavailable>,
    ) -> SectionData<T> {
        let Some(file) = name else {
            return SectionData::not_named(key, &self.manifest.file);
        };
        let bytes = match self.bytes(file) {
            Ok(bytes) => bytes,
            Err(reason) => return SectionData::Unavailable { reason },
        };
        match load(self, file, bytes) {
            Ok(data) => SectionData::Available(data),
            Err(reason) => SectionData::Unavailable { reason },
        }
    }

    // ------------------------------------------------------------ budget

    fn budget(&mut self) -> SectionData<BudgetData> {
        let files = &self.manifest.files;
        let (Some(budget_file), Some(ledger_file)) = (files.budget.clone(), files.ledger.clone())
        else {
            let key = if files.budget.is_none() {
                "budget"
            } else {
                "ledger"
            };
            return SectionData::not_named(key, &self.manifest.file);
        };
        let budget_bytes = self.bytes(&budget_file);
        let ledger_bytes = self.bytes(&ledger_file);
        let manual = self.manual_forecasts();
        let mut mapping = LedgerMapping::new(AccountMapping::kommun_bas());
        for unit in &self.manifest.units {
            if let Ok(path) = unit.path.parse::<UnitPath>() {
                mapping = mapping.with_ansvar(unit.ansvar.clone(), path);
            }
        }
        // Both files are read as far as they can be, so that the problems
        // of one are reported even when the other cannot be used.
        let outcome = ledger_bytes.and_then(|bytes| self.ledger(&ledger_file, &bytes, &mapping));
        let lines = budget_bytes.and_then(|bytes| self.budget_file(&budget_file, &bytes, &mapping));
        match (lines, outcome) {
            (Ok(lines), Ok(outcome)) => SectionData::Available(BudgetData {
                lines,
                outcome,
                manual,
                method: self.manifest.forecast_method,
            }),
            (Err(a), Err(b)) => SectionData::Unavailable {
                reason: format!("{a}; {b}"),
            },
            (Err(reason), _) | (_, Err(reason)) => SectionData::Unavailable { reason },
        }
    }

    /// The ledger's outcome; rejected rows recorded.
    fn ledger(
        &mut self,
        ledger_file: &str,
        ledger_bytes: &[u8],
        mapping: &LedgerMapping,
    ) -> std::result::Result<Outcome, Unavailable> {
        let year = self.manifest.fiscal_year;
        let (ledger_rows, read) = self.ledger_rows(ledger_file, ledger_bytes)?;
        match Outcome::from_ledger(year, ledger_file, ledger_rows.into_iter().map(Ok), mapping) {
            Ok((outcome, summary)) => {
                self.rejected(ledger_file, summary.rejected());
                self.count(ledger_file, read, summary.accepted());
                Ok(outcome)
            }
            Err(e) => Err(self.fatal(ledger_file, e.to_string())),
        }
    }

    /// The budget file's lines; rejected rows recorded.
    fn budget_file(
        &mut self,
        budget_file: &str,
        budget_bytes: &[u8],
        mapping: &LedgerMapping,
    ) -> std::result::Result<Vec<BudgetLine>, Unavailable> {
        let options = CsvOptions::new(budget_file);
        let mut importer = match BudgetImporter::new(budget_bytes, options) {
            Ok(importer) => importer,
            Err(e) => return Err(self.fatal(budget_file, e.to_string())),
        };
        let rows: Vec<_> = importer.numbered().collect();
        let summary = importer.into_summary();
        self.rejected(budget_file, summary.rejected());
        let read = summary.rows_read();
        match budget_lines(budget_file, rows, mapping, |_| Periodisation::Even) {
            Ok((lines, summary)) => {
                self.rejected(budget_file, summary.rejected());
                self.count(budget_file, read, summary.accepted());
                Ok(lines)
            }
            Err(e) => Err(self.fatal(budget_file, e.to_string())),
        }
    }

    fn ledger_rows(
        &mut self,
        file: &str,
        bytes: &[u8],
    ) -> std::result::Result<(Vec<(u64, LedgerRow)>, u64), Unavailable> {
        let year = self.manifest.fiscal_year;
        match self.manifest.files.ledger_format {
            LedgerFileFormat::Csv => {
                let options = CsvOptions::new(file).with_fiscal_year(year);
                let mut importer = match LedgerImporter::new(bytes, options) {
                    Ok(importer) => importer,
                    Err(e) => return Err(self.fatal(file, e.to_string())),
                };
                let rows = self.numbered_rows(file, importer.numbered())?;
                let summary = importer.into_summary();
                self.rejected(file, summary.rejected());
                Ok((rows, summary.rows_read()))
            }
            LedgerFileFormat::Sie => {
                let options = SieOptions::new(file).with_fiscal_year(year);
                let mut importer = SieImporter::new(bytes, options);
                // Numbered by the line of the #TRANS in the file.
                let rows = self.numbered_rows(file, importer.numbered())?;
                let summary = importer.into_summary();
                self.rejected(file, summary.rejected());
                Ok((rows, summary.rows_read()))
            }
        }
    }

    /// Manual forecasts; problems recorded, a missing file leaves none.
    fn manual_forecasts(&mut self) -> Vec<ManualEntry> {
        let Some(file) = self.manifest.files.manual_forecasts.clone() else {
            return Vec::new();
        };
        let Ok(bytes) = self.bytes(&file) else {
            return Vec::new();
        };
        let table = match CsvTable::read(&file, &bytes) {
            Ok(table) => table,
            Err(e) => {
                self.fatal(&file, e.to_string());
                return Vec::new();
            }
        };
        let mut entries = Vec::new();
        for record in &table.records {
            match parse_manual(&table, record) {
                Ok(entry) => entries.push(entry),
                Err(e) => self.row(&file, e.to_string()),
            }
        }
        self.count_table(&table, entries.len());
        entries
    }

    // ------------------------------------------------------------- goals

    fn goals(&mut self) -> (SectionData<GoalsData>, SectionData<ContinuityResult>) {
        let continuity = self.continuity();
        let indicators_file = self.manifest.files.indicators.clone();
        let measurements_file = self.manifest.files.measurements.clone();
        let indicators = self.section("indicators", indicators_file.as_ref(), |me, file, bytes| {
            let table = CsvTable::read(file, &bytes).map_err(|e| me.fatal(file, e.to_string()))?;
            let mut out = Vec::new();
            for record in &table.records {
                match parse_indicator(&table, record) {
                    Ok(entry) => out.push(entry),
                    Err(e) => me.row(file, e.to_string()),
                }
            }
            me.count_table(&table, out.len());
            Ok(out)
        });
        let year = self.manifest.fiscal_year;
        let measurements = self.section(
            "measurements",
            measurements_file.as_ref(),
            |me, file, bytes| {
                let table =
                    CsvTable::read(file, &bytes).map_err(|e| me.fatal(file, e.to_string()))?;
                let mut out = Vec::new();
                for record in &table.records {
                    match parse_measurement(&table, record) {
                        Ok(entry) => out.push(entry),
                        Err(e) => me.row(file, e.to_string()),
                    }
                }
                me.count_table(&table, out.len());
                Ok(out)
            },
        );
        let goals = match (indicators, measurements) {
            (SectionData::Available(indicators), measurements) => {
                let (mut measurements, measurements_unavailable) = match measurements {
                    SectionData::Available(m) => (m, None),
                    SectionData::Unavailable { reason } => (Vec::new(), Some(reason)),
                };
                // The computed continuity is this year's measurement of its indicator.
                if let (Some(result), Some(id)) = (
                    continuity.available(),
                    self.manifest.continuity.indicator.as_ref(),
                ) && let Some(mean) = result.mean
                    && !measurements
                        .iter()
                        .any(|m| &m.indicator == id && m.measurement.report_year() == year)
                {
                    measurements.push(MeasurementEntry {
                        indicator: id.clone(),
                        measurement: Measurement::measured(Period::Year(year), mean),
                        assessed: None,
                        line: 0,
                    });
                }
                SectionData::Available(GoalsData {
                    indicators,
                    measurements,
                    measurements_unavailable,
                })
            }
            (SectionData::Unavailable { reason }, _) => SectionData::Unavailable { reason },
        };
        (goals, continuity)
    }

    fn continuity(&mut self) -> SectionData<ContinuityResult> {
        let file = self.manifest.files.visits.clone();
        let from = self.manifest.continuity.from;
        let manifest_file = self.manifest.file.clone();
        self.section("visits", file.as_ref(), |me, file, bytes| {
            let Some(from) = from else {
                return Err(me.fatal(
                    &manifest_file,
                    format!("{manifest_file}: [continuity] from is missing, needed for {file}"),
                ));
            };
            let columns = VisitColumns::default().unit("enhet");
            let report = namnd_kpi::continuity::continuity_from_csv(
                &bytes[..],
                file,
                &columns,
                ContinuityConfig::new(from),
            )
            .map_err(|e| me.fatal(file, e.to_string()))?;
            for rejection in &report.import.rejections {
                me.row(file, format!("{file}: {}", rejection.error));
            }
            me.count(file, report.import.rows_read, report.import.rows_accepted);
            Ok(report.result)
        })
    }

    // --------------------------------------------------------- decisions

    fn decisions(&mut self) -> SectionData<Vec<namnd_decisions::decision::Decision>> {
        let file = self.manifest.files.decisions.clone();
        self.section("decisions", file.as_ref(), |me, file, bytes| {
            let imported = namnd_decisions::import::read_decisions(
                &bytes[..],
                file,
                &namnd_decisions::import::DecisionColumns::default(),
            )
            .map_err(|e| me.fatal(file, e.to_string()))?;
            for rejection in imported.summary.rejected() {
                me.row(file, rejection.to_string());
            }
            me.count(
                file,
                imported.summary.rows_read(),
                imported.summary.accepted(),
            );
            Ok(imported.decisions)
        })
    }

    // ----------------------------------------------------------- quality

    fn cases(&mut self) -> SectionData<Vec<namnd_quality::case::QualityCase>> {
        let file = self.manifest.files.cases.clone();
        let codes = self.manifest.quality.case_categories.clone();
        self.section("cases", file.as_ref(), |me, file, bytes| {
            let categories = namnd_quality::case::CaseCategories::new(codes.iter())
                .map_err(|e| me.fatal(file, format!("{file}: case categories: {e}")))?;
            let import = namnd_quality::register::import_register(
                &bytes[..],
                &namnd_quality::register::RegisterOptions::new(file),
                &categories,
            )
            .map_err(|e| me.fatal(file, e.to_string()))?;
            let (cases, summary) = import.into_parts();
            for rejection in summary.rejected() {
                me.row(file, rejection.to_string());
            }
            me.count(file, summary.rows_read(), summary.accepted());
            Ok(cases)
        })
    }

    fn incidents(&mut self) -> SectionData<IncidentData> {
        let file = self.manifest.files.incidents.clone();
        let year = self.manifest.fiscal_year;
        self.section("incidents", file.as_ref(), |me, file, bytes| {
            let table = CsvTable::read(file, &bytes).map_err(|e| me.fatal(file, e.to_string()))?;
            let mut data = IncidentData::default();
            let mut accepted = 0_usize;
            for record in &table.records {
                match parse_incident(&table, record, year) {
                    Ok((code, name, month, count)) => {
                        if !data.categories.iter().any(|(c, _)| c == &code) {
                            data.categories.push((code.clone(), name));
                        }
                        let slot = data.counts.entry((code, month)).or_insert(0);
                        *slot = slot.saturating_add(count);
                        accepted = accepted.saturating_add(1);
                    }
                    Err(e) => me.row(file, e.to_string()),
                }
            }
            me.count_table(&table, accepted);
            Ok(data)
        })
    }

    fn complaints(&mut self) -> SectionData<Vec<namnd_quality::complaint::Complaint>> {
        let file = self.manifest.files.complaints.clone();
        self.section("complaints", file.as_ref(), |me, file, bytes| {
            let table = CsvTable::read(file, &bytes).map_err(|e| me.fatal(file, e.to_string()))?;
            let mut out = Vec::new();
            for record in &table.records {
                match parse_complaint(&table, record) {
                    Ok(c) => out.push(c),
                    Err(e) => me.row(file, e.to_string()),
                }
            }
            me.count_table(&table, out.len());
            Ok(out)
        })
    }

    // ------------------------------------------------------- investments

    fn investments(&mut self) -> SectionData<Vec<namnd_invest::InvestmentRequest>> {
        let file = self.manifest.files.investments.clone();
        self.section("investments", file.as_ref(), |me, file, bytes| {
            let import = namnd_invest::import::import_requests(
                &bytes[..],
                &namnd_invest::import::ImportOptions::new(file),
            )
            .map_err(|e| me.fatal(file, e.to_string()))?;
            for rejection in import.summary.rejected() {
                me.row(file, rejection.to_string());
            }
            me.count(file, import.summary.rows_read(), import.summary.accepted());
            Ok(import.requests)
        })
    }

    // -------------------------------------------------- internal control

    fn internal_control(&mut self) -> SectionData<ControlData> {
        let file = self.manifest.files.internal_control.clone();
        let results_file = self.manifest.files.internal_control_results.clone();
        let committee = self.manifest.committee.clone();
        let year = self.manifest.fiscal_year;
        self.section("internal_control", file.as_ref(), |me, file, bytes| {
            let mut plan = namnd_control::plan::InternalControlPlan::new(
                committee,
                namnd_control::plan::PlanPeriod::single(year),
            );
            let summary = namnd_control::import::import_plan(
                &bytes[..],
                &namnd_control::import::PlanImportOptions::new(file),
                &mut plan,
            )
            .map_err(|e| me.fatal(file, e.to_string()))?;
            for rejection in summary.rejected() {
                me.row(file, rejection.to_string());
            }
            me.count(file, summary.rows_read(), summary.accepted());
            let mut results = Vec::new();
            if let Some(results_file) = results_file
                && let Ok(bytes) = me.bytes(&results_file)
            {
                match CsvTable::read(&results_file, &bytes) {
                    Ok(table) => {
                        for record in &table.records {
                            match parse_control_result(&table, record, &plan) {
                                Ok(r) => results.push(r),
                                Err(e) => me.row(&results_file, e.to_string()),
                            }
                        }
                        me.count_table(&table, results.len());
                    }
                    Err(e) => {
                        me.fatal(&results_file, e.to_string());
                    }
                }
            }
            Ok(ControlData { plan, results })
        })
    }
}

// ------------------------------------------------------------ own formats

/// A small CSV file of one of the report's own formats: header names
/// (lowercased, trimmed), records with their lines.
struct CsvTable {
    file: String,
    header: Vec<String>,
    records: Vec<(u64, Vec<String>)>,
    /// Rows that could not be read at all (not UTF-8, broken quoting).
    problems: Vec<Problem>,
}

impl CsvTable {
    fn read(file: &str, bytes: &[u8]) -> Result<CsvTable> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first_line = body.split(|b| *b == b'\n').next().unwrap_or(&[]);
        let semicolons = first_line.iter().filter(|b| **b == b';').count();
        let commas = first_line.iter().filter(|b| **b == b',').count();
        let delimiter = if semicolons >= commas { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(body);
        let header = reader
            .headers()
            .map_err(|e| ReportError::Input {
                file: file.to_owned(),
                message: format!("line 1: the header cannot be read: {e}"),
            })?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    if record.iter().all(|f| f.trim().is_empty()) {
                        continue;
                    }
                    let line = record.position().map_or(0, csv::Position::line);
                    records.push((line, record.iter().map(|f| f.trim().to_owned()).collect()));
                }
                Err(e) => {
                    let line = e.position().map_or(0, csv::Position::line);
                    problems.push(Problem {
                        file: file.to_owned(),
                        message: format!("{file} line {line}: the row cannot be read: {e}"),
                        fatal: false,
                    });
                }
            }
        }
        Ok(CsvTable {
            file: file.to_owned(),
            header,
            records,
            problems,
        })
    }

    /// The field of `column` in a record: `Ok(None)` when empty or absent.
    fn get<'r>(&self, record: &'r (u64, Vec<String>), column: &str) -> Option<&'r str> {
        let index = self.header.iter().position(|h| h == column)?;
        record
            .1
            .get(index)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// A required field.
    fn required<'r>(&self, record: &'r (u64, Vec<String>), column: &str) -> Result<&'r str> {
        self.get(record, column)
            .ok_or_else(|| self.error(record, column, "is empty or missing".to_owned()))
    }

    fn error(&self, record: &(u64, Vec<String>), column: &str, message: String) -> ReportError {
        ReportError::Row {
            file: self.file.clone(),
            line: record.0,
            column: column.to_owned(),
            message,
        }
    }

    /// A field parsed with `parse`, its error echoed with the input quoted.
    fn parse<T, E: fmt::Display>(
        &self,
        record: &(u64, Vec<String>),
        column: &str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        let text = self.required(record, column)?;
        parse(text).map_err(|e| {
            self.error(
                record,
                column,
                format!("{} is not valid: {e}", quote_for_message(text, 40)),
            )
        })
    }
}

fn swedish_decimal(text: &str) -> namnd_core::Result<Decimal> {
    SwedishNumber::parse(text).map(|n| n.value())
}

/// An amount in kronor unless it names its unit (`tkr`, `mkr`).
fn swedish_amount(text: &str) -> namnd_core::Result<Amount> {
    let number = SwedishNumber::parse(text)?;
    if number.unit() == namnd_core::NumberUnit::None {
        Ok(Amount::from_kr(number.value()))
    } else {
        number.amount()
    }
}

fn parse_month(text: &str) -> std::result::Result<u32, String> {
    match text.parse::<u32>() {
        Ok(m @ 1..=12) => Ok(m),
        _ => Err("expected a month 1 to 12".to_owned()),
    }
}

fn parse_manual(table: &CsvTable, record: &(u64, Vec<String>)) -> Result<ManualEntry> {
    let unit = table.parse(record, "enhet", str::parse::<UnitPath>)?;
    let group = table.parse(record, "kontogrupp", str::parse::<AccountGroup>)?;
    let key = match table.get(record, "verksamhet") {
        Some(v) => LineKey::new(unit, v, group)
            .map_err(|e| table.error(record, "verksamhet", e.to_string()))?,
        None => LineKey::without_verksamhet(unit, group),
    };
    let month = table.parse(record, "manad", parse_month)?;
    // Written as in the budget file: costs positive.
    let stated = table.parse(record, "prognos", swedish_amount)?;
    let amount = Stated::new(stated, LEDGER_SIGNS).canonical();
    let comment = table.required(record, "kommentar")?;
    let mut forecast = ManualForecast::new(amount, comment)
        .map_err(|e| table.error(record, "kommentar", e.to_string()))?;
    if let Some(cause) = table.get(record, "orsak") {
        forecast = forecast.with_cause(cause);
    }
    if let Some(action) = table.get(record, "atgard") {
        forecast = forecast.with_action(action);
    }
    Ok(ManualEntry {
        key,
        line: record.0,
        month,
        forecast,
    })
}

fn parse_unit(text: &str) -> std::result::Result<IndicatorUnit, String> {
    Ok(match text.to_lowercase().as_str() {
        "procent" | "%" => IndicatorUnit::Percent,
        "antal" | "st" => IndicatorUnit::Count,
        "dagar" => IndicatorUnit::Days,
        "kr" | "kronor" => IndicatorUnit::Kronor,
        "kvot" => IndicatorUnit::Ratio,
        "personer" | "personal" => IndicatorUnit::Persons,
        _ => return Err("expected procent, antal, dagar, kronor, kvot or personer".to_owned()),
    })
}

fn parse_direction(text: &str) -> std::result::Result<Direction, String> {
    Ok(match text.to_lowercase().as_str() {
        "högre" | "hogre" | "högre är bättre" => Direction::HigherIsBetter,
        "lägre" | "lagre" | "lägre är bättre" => Direction::LowerIsBetter,
        "intervall" => Direction::WithinBand,
        _ => return Err("expected högre, lägre or intervall".to_owned()),
    })
}

fn parse_indicator(table: &CsvTable, record: &(u64, Vec<String>)) -> Result<IndicatorEntry> {
    let goal = table.required(record, "mal")?.to_owned();
    let id = table.required(record, "id")?;
    let name = table.required(record, "namn")?;
    let unit = table.parse(record, "enhet", parse_unit)?;
    let direction = table.parse(record, "riktning", parse_direction)?;
    let mut indicator = Indicator::new(id, name, unit, direction)
        .map_err(|e| table.error(record, "id", e.to_string()))?;
    if let Some(kolada) = table.get(record, "kolada") {
        let kolada = table.parse(record, "kolada", |_| kolada.parse())?;
        indicator = indicator.with_kolada_id(kolada);
    }
    let target_text = table.required(record, "malvarde")?.to_owned();
    let target = indicator
        .parse_target(&target_text, None)
        .map_err(|e| table.error(record, "malvarde", e.to_string()))?;
    Ok(IndicatorEntry {
        goal,
        indicator,
        target,
        target_text,
        line: record.0,
    })
}

/// The status a printed label stands for.
pub(crate) fn status_of_label(label: Label) -> Status {
    match label {
        Label::Ja | Label::Uppnatt | Label::Gron => Status::Met,
        Label::DelvisUppnatt | Label::Gul => Status::PartlyMet,
        Label::EjBedombar => Status::NotMeasurable,
        _ => Status::NotMet,
    }
}

fn parse_measurement(table: &CsvTable, record: &(u64, Vec<String>)) -> Result<MeasurementEntry> {
    let indicator = table.required(record, "indikator")?.to_owned();
    let period = table.parse(record, "period", str::parse::<Period>)?;
    let mut measurement = match table.get(record, "varde") {
        Some(_) => Measurement::measured(period, table.parse(record, "varde", swedish_decimal)?),
        None => Measurement::missing(period, "uppgift saknas"),
    };
    if table.get(record, "avser").is_some() {
        let reference = table.parse(record, "avser", str::parse::<Period>)?;
        measurement = measurement
            .referring_to(reference)
            .map_err(|e| table.error(record, "avser", e.to_string()))?;
    }
    if table.get(record, "riket").is_some() {
        measurement = measurement.with_riket(table.parse(record, "riket", swedish_decimal)?);
    }
    let assessed = match table.get(record, "bedomning") {
        Some(_) => {
            let label = table.parse(record, "bedomning", str::parse::<Label>)?;
            let justification = table.required(record, "motivering")?.to_owned();
            Some((status_of_label(label), justification))
        }
        None => None,
    };
    Ok(MeasurementEntry {
        indicator,
        measurement,
        assessed,
        line: record.0,
    })
}

fn parse_incident(
    table: &CsvTable,
    record: &(u64, Vec<String>),
    year: namnd_core::FiscalYear,
) -> Result<(String, String, YearMonth, u64)> {
    let code = table.required(record, "kategori")?.to_owned();
    let name = table.get(record, "namn").unwrap_or(&code).to_owned();
    let month = table.parse(record, "manad", str::parse::<YearMonth>)?;
    if month.fiscal_year() != year {
        return Err(table.error(record, "manad", format!("{month} is not in {year}")));
    }
    let count = table.parse(record, "antal", str::parse::<u64>)?;
    Ok((code, name, month, count))
}

fn parse_channel(
    text: &str,
) -> std::result::Result<namnd_quality::complaint::ComplaintChannel, String> {
    use namnd_quality::complaint::ComplaintChannel;
    Ok(match text.to_lowercase().as_str() {
        "direkt" => ComplaintChannel::Direct,
        "patientnämnd" | "patientnamnd" => ComplaintChannel::PatientBoard,
        "ivo" => ComplaintChannel::Ivo,
        "annan" | "annan väg" => ComplaintChannel::Other,
        _ => return Err("expected direkt, patientnämnd, ivo or annan".to_owned()),
    })
}

fn parse_complaint(
    table: &CsvTable,
    record: &(u64, Vec<String>),
) -> Result<namnd_quality::complaint::Complaint> {
    let received = table.parse(record, "mottagen", str::parse::<NaiveDate>)?;
    let channel = table.parse(record, "kanal", parse_channel)?;
    let unit = table.parse(record, "enhet", |t: &str| OrgUnit::new(t))?;
    let category = table.parse(record, "kategori", |t: &str| {
        namnd_quality::incident::CategoryCode::new(t)
    })?;
    let complaint = namnd_quality::complaint::Complaint::new(received, channel, unit, category);
    match table.get(record, "besvarad") {
        Some(_) => {
            let answered = table.parse(record, "besvarad", str::parse::<NaiveDate>)?;
            complaint
                .answered_on(answered)
                .map_err(|e| table.error(record, "besvarad", e.to_string()))
        }
        None => Ok(complaint),
    }
}

fn parse_control_result(
    table: &CsvTable,
    record: &(u64, Vec<String>),
    plan: &namnd_control::plan::InternalControlPlan,
) -> Result<ControlResult> {
    let activity = table.required(record, "kontrollmoment")?;
    let row = plan
        .rows()
        .iter()
        .position(|r| r.control_activity.eq_ignore_ascii_case(activity))
        .ok_or_else(|| {
            table.error(
                record,
                "kontrollmoment",
                format!(
                    "{} is not a control of the plan",
                    quote_for_message(activity, 40)
                ),
            )
        })?;
    let month = table.parse(record, "manad", parse_month)?;
    let outcome = table.parse(record, "utfall", |t| {
        namnd_control::calendar::Outcome::parse(t)
            .ok_or("expected genomförd, delvis or ej genomförd")
    })?;
    Ok(ControlResult {
        row,
        month,
        outcome,
        action: table.get(record, "atgard").map(str::to_owned),
        line: record.0,
    })
}

/// The distinct values of `values`, sorted (for messages and tests).
#[cfg(test)]
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> std::collections::BTreeSet<&'a str> {
    values.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-02\"\n\n[[units]]\nansvar = \"1100\"\npath = \"ÄO/HT\"\n\n[files]\nbudget = \"budget.csv\"\nledger = \"ledger.csv\"\nincidents = \"avvikelser.csv\"\ndecisions = \"beslut.csv\"\n";

    fn files(name: &str) -> Option<Vec<u8>> {
        match name {
            "budget.csv" => Some(b"ansvar,verksamhet,konto,budget\n1100,510,5011,1200.00\n1100,510,5011,x\n".to_vec()),
            "ledger.csv" => Some(b"datum,ansvar,verksamhet,konto,belopp\n2026-01-31,1100,510,5011,100.00\n2026-02-28,9999,510,5011,7.00\n".to_vec()),
            "avvikelser.csv" => Some("kategori;namn;manad;antal\nFALL;Fall;2026-01;3\nFALL;Fall;2026-13;2\nFALL;Fall;2026-02;x\n".as_bytes().to_vec()),
            _ => None,
        }
    }

    #[test]
    fn a_personnummer_in_the_manifest_is_a_problem_and_masked_in_the_dataset() -> Result<()> {
        let manifest = MANIFEST.replacen("\"E\"", "\"E 19121212-1212\"", 1);
        let loaded = Dataset::load_files(&manifest, "namnd.toml", &files)?;
        assert_eq!(loaded.dataset.manifest.municipality, "E [personnummer]");
        let first = loaded.problems.first().ok_or(ReportError::Compute {
            what: "test".into(),
            message: "no problem".into(),
        })?;
        assert_eq!(first.file, "namnd.toml");
        assert!(!first.fatal);
        assert_eq!(
            first.message,
            "namnd.toml line 1 column 16: municipality looks like it holds a personnummer; it is masked in the reports"
        );
        // The five problems of the files are still there after it.
        assert_eq!(loaded.problems.len(), 6);
        Ok(())
    }

    #[test]
    fn every_problem_is_reported_and_other_sections_still_load() -> Result<()> {
        let loaded = Dataset::load_files(MANIFEST, "namnd.toml", &files)?;
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        // budget row 3, ledger row 3 (unmapped ansvar), two incident rows, the missing decisions file.
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("budget.csv line 3")));
        assert!(messages.iter().any(|m| m.contains("ledger.csv line 3")));
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("avvikelser.csv line 3 column manad"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("avvikelser.csv line 4 column antal"))
        );
        assert!(
            messages.contains(&"file beslut.csv named in namnd.toml does not exist".to_owned())
        );
        let budget = loaded
            .dataset
            .budget
            .available()
            .ok_or(ReportError::Input {
                file: "budget".into(),
                message: "unavailable".into(),
            })?;
        assert_eq!(budget.lines.len(), 1);
        let incidents = loaded.dataset.incidents.available().map(|d| d.counts.len());
        assert_eq!(incidents, Some(1));
        assert_eq!(
            loaded.dataset.decisions.reason(),
            Some("file beslut.csv named in namnd.toml does not exist")
        );
        let fatal = distinct(
            loaded
                .problems
                .iter()
                .filter(|p| p.fatal)
                .map(|p| p.file.as_str()),
        );
        assert_eq!(fatal.into_iter().collect::<Vec<_>>(), ["beslut.csv"]);
        Ok(())
    }

    #[test]
    fn manual_forecasts_apply_from_their_month() -> Result<()> {
        let manifest = format!("{MANIFEST}manual_forecasts = \"prognoser.csv\"\n");
        let source = |name: &str| {
            match name {
            "prognoser.csv" => Some("enhet;verksamhet;kontogrupp;manad;prognos;kommentar\nÄO/HT;510;personalkostnader;2;1500;Sjukfrånvaro\n".as_bytes().to_vec()),
            other => files(other),
        }
        };
        let loaded = Dataset::load_files(&manifest, "namnd.toml", &source)?;
        let Some(budget) = loaded.dataset.budget.available() else {
            panic!("budget unavailable");
        };
        let series = budget.follow_ups(YearMonth::try_new(2026, 2)?)?;
        let forecasts: Vec<Amount> = series
            .iter()
            .map(|f| {
                f.total()
                    .map(|t| t.forecast())
                    .map_err(|e| ReportError::Compute {
                        what: "total".into(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<_>>()?;
        // January: run rate of 100 kr costs → −1 200; February: the manual −1 500.
        assert_eq!(
            forecasts,
            [Amount::from_kr(-1_200), Amount::from_kr(-1_500)]
        );
        Ok(())
    }

    #[test]
    fn sie_ledger_gives_the_same_outcome_as_csv() -> Result<()> {
        let manifest = MANIFEST.replace(
            "ledger = \"ledger.csv\"",
            "ledger = \"ledger.se\"\nledger_format = \"sie\"",
        );
        let source = |name: &str| {
            match name {
            "ledger.se" => Some(
                b"#FLAGGA 0\n#SIETYP 4\n#RAR 0 20260101 20261231\n#DIM 1 \"Ansvar\"\n#DIM 20 \"Verksamhet\"\n#KONTO 5011 \"Personal\"\n#KONTO 1930 \"Bank\"\n#VER A 1 20260131\n{\n#TRANS 5011 {1 \"1100\" 20 \"510\"} 100.00\n#TRANS 1930 {} -100.00\n}\n"
                    .to_vec(),
            ),
            other => files(other),
        }
        };
        let loaded = Dataset::load_files(&manifest, "namnd.toml", &source)?;
        let Some(budget) = loaded.dataset.budget.available() else {
            panic!("{:?}", loaded.dataset.budget.reason());
        };
        let total = budget.outcome.total().map_err(|e| ReportError::Compute {
            what: "the outcome".into(),
            message: e.to_string(),
        })?;
        assert_eq!(total, Amount::from_kr(-100));
        Ok(())
    }

    #[test]
    fn a_problem_of_a_sie_ledger_row_names_its_line_in_the_file() -> Result<()> {
        let manifest = MANIFEST.replace(
            "ledger = \"ledger.csv\"",
            "ledger = \"ledger.se\"\nledger_format = \"sie\"",
        );
        // Line 11: the second accepted #TRANS, whose ansvar 9999 is not mapped.
        let source = |name: &str| {
            match name {
            "ledger.se" => Some(
                b"#FLAGGA 0\n#SIETYP 4\n#RAR 0 20260101 20261231\n#DIM 1 \"Ansvar\"\n#DIM 20 \"Verksamhet\"\n#KONTO 5011 \"Personal\"\n#KONTO 1930 \"Bank\"\n#VER A 1 20260131\n{\n#TRANS 5011 {1 \"1100\" 20 \"510\"} 100.00\n#TRANS 5011 {1 \"9999\" 20 \"510\"} 7.00\n#TRANS 1930 {} -107.00\n}\n"
                    .to_vec(),
            ),
            other => files(other),
        }
        };
        let loaded = Dataset::load_files(&manifest, "namnd.toml", &source)?;
        let ledger: Vec<&str> = loaded
            .problems
            .iter()
            .filter(|p| p.file == "ledger.se")
            .map(|p| p.message.as_str())
            .collect();
        assert_eq!(
            ledger,
            ["ansvar \"9999\" in ledger.se line 11 is not mapped to a unit"]
        );
        Ok(())
    }

    fn table(text: &str) -> Result<CsvTable> {
        CsvTable::read("f.csv", text.as_bytes())
    }

    #[test]
    fn assessed_status_without_justification_is_rejected() -> Result<()> {
        let t = table(
            "indikator;period;varde;bedomning;motivering\nU1;2026;3;uppnått;\nU1;2026;3;grön;Bra\n",
        )?;
        let first = t
            .records
            .first()
            .map(|r| parse_measurement(&t, r).map(|_| ()));
        assert!(
            matches!(first, Some(Err(ReportError::Row { line: 2, ref column, .. })) if column == "motivering")
        );
        let second = t
            .records
            .get(1)
            .map(|r| parse_measurement(&t, r))
            .transpose()?;
        assert_eq!(
            second.and_then(|m| m.assessed).map(|a| a.0),
            Some(Status::Met)
        );
        Ok(())
    }

    #[test]
    fn empty_measurement_is_missing_never_zero() -> Result<()> {
        let t = table("indikator;period;varde\nU1;2026;\n")?;
        let m = t
            .records
            .first()
            .map(|r| parse_measurement(&t, r))
            .transpose()?;
        assert_eq!(m.map(|m| m.measurement.value()), Some(None));
        Ok(())
    }

    #[test]
    fn lagged_value_keeps_its_reference_year() -> Result<()> {
        let t = table("indikator;period;varde;avser\nU1;2026;91;2025\n")?;
        let m = t
            .records
            .first()
            .map(|r| parse_measurement(&t, r))
            .transpose()?;
        assert_eq!(m.map(|m| m.measurement.is_lagged()), Some(true));
        Ok(())
    }

    #[test]
    fn indicator_rows_build_targets_in_the_printed_form() -> Result<()> {
        let t = table(
            "mal;id;namn;enhet;riktning;malvarde\nM;U21401;Kontinuitet;personer;lägre;<15\nM;X;Y;meter;högre;>1\n",
        )?;
        let first = t
            .records
            .first()
            .map(|r| parse_indicator(&t, r))
            .transpose()?;
        assert_eq!(
            first.map(|e| e.target),
            Some(Target::Below(Decimal::from(15)))
        );
        let second = t.records.get(1).map(|r| parse_indicator(&t, r).map(|_| ()));
        assert!(
            matches!(second, Some(Err(ReportError::Row { ref column, .. })) if column == "enhet")
        );
        Ok(())
    }

    #[test]
    fn amounts_without_unit_are_kronor_and_units_are_honoured() -> namnd_core::Result<()> {
        assert_eq!(swedish_amount("1 500")?, Amount::from_kr(1_500));
        assert_eq!(swedish_amount("−2,5 tkr")?, Amount::from_kr(-2_500));
        Ok(())
    }

    #[test]
    fn semicolon_or_comma_is_detected_from_the_header() -> Result<()> {
        assert_eq!(table("a;b\n1;2\n")?.header, ["a", "b"]);
        assert_eq!(table("a,b\n1,2\n")?.header, ["a", "b"]);
        Ok(())
    }

    #[test]
    fn a_section_without_a_file_name_is_unavailable_without_a_problem() -> Result<()> {
        let manifest =
            "municipality = \"E\"\ncommittee = \"S\"\nfiscal_year = 2026\nas_of = \"2026-02\"\n";
        let loaded = Dataset::load_files(manifest, "namnd.toml", &files)?;
        assert!(loaded.problems.is_empty());
        assert_eq!(
            loaded.dataset.investments.reason(),
            Some("ingen fil angiven för investments i namnd.toml")
        );
        Ok(())
    }
}
