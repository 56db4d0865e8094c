//! CSV import of an internal-control plan: one row per control.
//!
//! | Type | What it is |
//! |---|---|
//! | [`PlanColumns`] | the header names of the columns read (all mappable) |
//! | [`PlanImportOptions`] | file name for messages, columns, delimiter |
//! | [`import_plan`] | reads the rows into an [`InternalControlPlan`] |
//! | [`ImportSummary`] | rows read, accepted and rejected, why, and duplicate rows |
//!
//! Default columns: `process`, `risk`, `sannolikhet`, `konsekvens`,
//! `riskvärde`, `kontrollmoment`, `metod`, `frekvens`, `månader`,
//! `ansvarig`, `rapporteras till`, `omfattning`. Only `process`,
//! `kontrollmoment` and `frekvens` must exist; the others may be left out.
//! Header names match ignoring case and surrounding space; other columns are
//! ignored. The delimiter is `;` if the header has more semicolons than
//! commas (Excel with Swedish settings), `,` otherwise; quoting as RFC 4180.
//! The file must be UTF-8 (a byte order mark is skipped).
//!
//! A bad row (a frequency that does not match its months, a risk factor
//! outside the scale, a risk value that is no product on the scale, an
//! empty required field) is rejected with a typed error naming the file,
//! line and column, and counted; the rest of the file is still read.
//! Entirely empty rows are skipped and not counted.
//!
//! The `csv` crate does the reading: it is the well-kept RFC 4180 reader,
//! handles quoted fields spanning lines and reports line numbers.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;

use namnd_calc::risk::{RiskScale, RiskScore};

use crate::plan::{
    ControlRow, DuplicateRow, InternalControlPlan, Recipient, RiskAssessment, Scope,
};
use crate::schedule::{Frequency, Schedule, echo};
use crate::{ControlError, Result};

/// The largest input [`import_plan`] reads: 16 MiB (a plan has dozens of
/// rows, not millions). A larger input is refused with
/// [`ControlError::InputTooLarge`] before anything is parsed.
///
/// # Example
/// ```
/// use namnd_control::ControlError;
/// use namnd_control::import::{import_plan, PlanImportOptions, MAX_INPUT_BYTES};
/// use namnd_control::plan::InternalControlPlan;
/// use std::io::Read;
/// let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
/// let endless = std::io::repeat(b'x').take(MAX_INPUT_BYTES + 1);
/// let result = import_plan(endless, &PlanImportOptions::new("stor.csv"), &mut plan);
/// assert!(matches!(result, Err(ControlError::InputTooLarge { limit: MAX_INPUT_BYTES, .. })));
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// The header names of the columns a plan import reads.
///
/// # Example
/// ```
/// use namnd_control::import::PlanColumns;
/// let columns = PlanColumns::default().with_frequency("Uppföljning (när)").with_control_activity("Kontrollmoment (vad)");
/// assert_eq!(columns.frequency(), "Uppföljning (när)");
/// assert_eq!(columns.process(), "process");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PlanColumns {
    process: String,
    risk: String,
    probability: String,
    consequence: String,
    risk_value: String,
    control_activity: String,
    method: String,
    frequency: String,
    months: String,
    responsible: String,
    reported_to: String,
    scope: String,
}

impl Default for PlanColumns {
    fn default() -> Self {
        PlanColumns {
            process: "process".to_owned(),
            risk: "risk".to_owned(),
            probability: "sannolikhet".to_owned(),
            consequence: "konsekvens".to_owned(),
            risk_value: "riskvärde".to_owned(),
            control_activity: "kontrollmoment".to_owned(),
            method: "metod".to_owned(),
            frequency: "frekvens".to_owned(),
            months: "månader".to_owned(),
            responsible: "ansvarig".to_owned(),
            reported_to: "rapporteras till".to_owned(),
            scope: "omfattning".to_owned(),
        }
    }
}

macro_rules! column_accessors {
    ($($field:ident, $with:ident, $what:literal, $default:literal;)*) => {
        impl PlanColumns {
            $(
                #[doc = concat!("The header name of the ", $what, " column (default `", $default, "`).")]
                ///
                /// # Example
                /// ```
                /// use namnd_control::import::PlanColumns;
                #[doc = concat!("assert_eq!(PlanColumns::default().", stringify!($field), "(), \"", $default, "\");")]
                /// ```
                pub fn $field(&self) -> &str {
                    &self.$field
                }

                #[doc = concat!("Sets the header name of the ", $what, " column.")]
                ///
                /// # Example
                /// ```
                /// use namnd_control::import::PlanColumns;
                #[doc = concat!("assert_eq!(PlanColumns::default().", stringify!($with), "(\"X\").", stringify!($field), "(), \"X\");")]
                /// ```
                #[must_use]
                pub fn $with(mut self, name: impl Into<String>) -> Self {
                    self.$field = name.into();
                    self
                }
            )*
        }
    };
}

column_accessors! {
    process, with_process, "process", "process";
    risk, with_risk, "risk text", "risk";
    probability, with_probability, "probability (sannolikhet)", "sannolikhet";
    consequence, with_consequence, "consequence (konsekvens)", "konsekvens";
    risk_value, with_risk_value, "risk value (riskvärde)", "riskvärde";
    control_activity, with_control_activity, "control activity (kontrollmoment)", "kontrollmoment";
    method, with_method, "method (metod)", "metod";
    frequency, with_frequency, "frequency (frekvens)", "frekvens";
    months, with_months, "months", "månader";
    responsible, with_responsible, "responsible role (ansvarig)", "ansvarig";
    reported_to, with_reported_to, "reported-to (rapporteras till)", "rapporteras till";
    scope, with_scope, "scope (omfattning)", "omfattning";
}

/// How to read a plan file.
///
/// # Example
/// ```
/// use namnd_control::import::{PlanColumns, PlanImportOptions};
/// let options = PlanImportOptions::new("ikp-2024.csv").with_columns(PlanColumns::default()).with_delimiter(b';');
/// assert_eq!(options.file(), "ikp-2024.csv");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct PlanImportOptions {
    file: String,
    columns: PlanColumns,
    delimiter: Option<u8>,
    #[cfg_attr(feature = "serde", serde(default))]
    strict_months: bool,
}

impl PlanImportOptions {
    /// Default columns and a detected delimiter; `file` names the input in
    /// messages.
    ///
    /// # Example
    /// See [`PlanImportOptions`].
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert_eq!(PlanImportOptions::new("a.csv").columns().process(), "process");
    /// ```
    pub fn new(file: impl Into<String>) -> Self {
        PlanImportOptions {
            file: file.into(),
            columns: PlanColumns::default(),
            delimiter: None,
            strict_months: false,
        }
    }

    /// Sets the columns.
    ///
    /// # Example
    /// See [`PlanImportOptions`].
    /// ```
    /// use namnd_control::import::{PlanColumns, PlanImportOptions};
    /// let o = PlanImportOptions::new("a.csv").with_columns(PlanColumns::default().with_process("Rutin"));
    /// assert_eq!(o.columns().process(), "Rutin");
    /// ```
    #[must_use]
    pub fn with_columns(mut self, columns: PlanColumns) -> Self {
        self.columns = columns;
        self
    }

    /// Fixes the delimiter instead of detecting it.
    ///
    /// # Example
    /// See [`PlanImportOptions`].
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert_eq!(PlanImportOptions::new("a.csv").with_delimiter(b'\t').delimiter(), Some(b'\t'));
    /// ```
    #[must_use]
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// With `strict`, a row done `n` times a year (`n` < 12) that names no
    /// months is rejected ([`ControlError::MonthsNotNamed`]): the plan must
    /// say when each occasion is. Without it (the default) such a row is
    /// accepted, unscheduled, and listed in [`ImportSummary::warnings`].
    ///
    /// # Example
    /// ```
    /// use namnd_control::import::{import_plan, PlanImportOptions};
    /// use namnd_control::plan::InternalControlPlan;
    /// let csv = "process,kontrollmoment,frekvens\nP,K,4 ggr/år\n";
    /// let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
    /// let lenient = import_plan(csv.as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!((lenient.accepted(), lenient.warnings().len()), (1, 1));
    /// let strict = PlanImportOptions::new("a.csv").with_strict_months(true);
    /// assert!(strict.strict_months());
    /// let summary = import_plan(csv.as_bytes(), &strict, &mut plan)?;
    /// assert_eq!(summary.rejected_by_reason().collect::<Vec<_>>(), [("MonthsNotNamed", 1)]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    #[must_use]
    pub fn with_strict_months(mut self, strict: bool) -> Self {
        self.strict_months = strict;
        self
    }

    /// Whether a row done `n` times a year must name its months (see
    /// [`PlanImportOptions::with_strict_months`]).
    ///
    /// # Example
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert!(!PlanImportOptions::new("a.csv").strict_months());
    /// ```
    pub fn strict_months(&self) -> bool {
        self.strict_months
    }

    /// The file name used in messages.
    ///
    /// # Example
    /// See [`PlanImportOptions`].
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert_eq!(PlanImportOptions::new("b.csv").file(), "b.csv");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The columns.
    ///
    /// # Example
    /// See [`PlanImportOptions::with_columns`].
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert_eq!(PlanImportOptions::new("b.csv").columns().months(), "månader");
    /// ```
    pub fn columns(&self) -> &PlanColumns {
        &self.columns
    }

    /// The fixed delimiter, `None` when detected.
    ///
    /// # Example
    /// ```
    /// use namnd_control::import::PlanImportOptions;
    /// assert_eq!(PlanImportOptions::new("b.csv").delimiter(), None);
    /// ```
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }
}

/// What a plan import read, accepted and rejected.
///
/// Invariant: `accepted() + rejected_count() == rows_read()`. Rejections
/// are kept in full (a plan is small) and counted by reason
/// ([`ControlError::reason`]). [`duplicates`](Self::duplicates) lists rows
/// of the plan that repeat an earlier one after the import.
///
/// Display prints a one-line summary:
/// `ikp.csv: 3 rows read, 1 accepted, 2 rejected (ImpossibleRiskValue 1, MonthsDoNotMatchFrequency 1)`.
///
/// # Example
/// See [`import_plan`].
/// ```
/// use namnd_control::import::{import_plan, PlanImportOptions};
/// use namnd_control::plan::InternalControlPlan;
/// let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
/// let s = import_plan("process,kontrollmoment,frekvens\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
/// assert_eq!((s.rows_read(), s.accepted(), s.rejected_count()), (0, 0, 0));
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ImportSummary {
    #[cfg_attr(feature = "serde", serde(serialize_with = "quoted"))]
    file: String,
    rows_read: u64,
    accepted: u64,
    #[cfg_attr(feature = "serde", serde(serialize_with = "messages"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    rejected: Vec<ControlError>,
    #[cfg_attr(feature = "schemars", schemars(with = "BTreeMap<String, u64>"))]
    by_reason: BTreeMap<&'static str, u64>,
    duplicates: Vec<DuplicateRow>,
    warnings: Vec<ImportWarning>,
}

/// Something an import accepted but a reader should look at.
///
/// # Example
/// ```
/// use namnd_control::import::ImportWarning;
/// let w = ImportWarning::NoMonthsNamed { line: 4, frequency: "4 ggr/år".into(), occasions: 4 };
/// assert_eq!(w.to_string(), "line 4: 4 ggr/år names no months; counted as 4 occasions without a fixed month");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ImportWarning {
    /// A row done `n` times a year (`n` < 12) names no months; it is
    /// counted as `n` occasions without a fixed month.
    NoMonthsNamed {
        /// The row's line.
        line: u64,
        /// The frequency, as printed.
        frequency: String,
        /// The occasions it is counted as.
        occasions: usize,
    },
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::NoMonthsNamed {
                line,
                frequency,
                occasions,
            } => write!(
                f,
                "line {line}: {frequency} names no months; counted as {occasions} occasions without a fixed month"
            ),
        }
    }
}

/// The months a schedule must name but does not: `Some(n)` for `n` times a
/// year (`n` < 12) with no months named.
fn months_missing(schedule: &Schedule) -> Option<usize> {
    match schedule.frequency() {
        Frequency::TimesPerYear(n) if n < 12 && schedule.months().is_empty() => {
            Some(usize::from(n))
        }
        _ => None,
    }
}

/// The file name serialises quoted for a message (a personnummer masked).
#[cfg(feature = "serde")]
fn quoted<S: serde::Serializer>(file: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&echo(file))
}

/// Rejections serialise as their messages.
#[cfg(feature = "serde")]
fn messages<S: serde::Serializer>(
    errors: &[ControlError],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(errors.iter().map(ToString::to_string))
}

impl ImportSummary {
    fn reject(&mut self, error: ControlError) {
        self.rows_read = self.rows_read.saturating_add(1);
        let slot = self.by_reason.entry(error.reason()).or_insert(0);
        *slot = slot.saturating_add(1);
        self.rejected.push(error);
    }

    fn accept(&mut self) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.accepted = self.accepted.saturating_add(1);
    }

    /// The file name.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.file(), "a.csv");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Rows read (not counting the header and empty rows).
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\n,,\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.rows_read(), 0);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Rows added to the plan.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\nP,K,Löpande\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.accepted(), 1);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The rejections, in file order.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\nP,K,ibland\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.rejected()[0].line(), Some(2));
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn rejected(&self) -> &[ControlError] {
        &self.rejected
    }

    /// How many rows were rejected.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\nP,K,ibland\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.rejected_count(), 1);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn rejected_count(&self) -> u64 {
        self.rows_read.saturating_sub(self.accepted)
    }

    /// Rejections counted by reason, sorted by reason.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\nP,K,ibland\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.rejected_by_reason().collect::<Vec<_>>(), [("UnrecognisedFrequency", 1)]);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn rejected_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.by_reason.iter().map(|(&k, &v)| (k, v))
    }

    /// Rows of the plan that repeat an earlier row, after the import.
    ///
    /// # Example
    /// See [`import_plan`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::new("SN", "2024".parse()?);
    /// # let s = import_plan("process,kontrollmoment,frekvens\nP,K,Löpande\nP,K,Löpande\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.duplicates().len(), 1);
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn duplicates(&self) -> &[DuplicateRow] {
        &self.duplicates
    }

    /// Rows accepted with a warning, in file order: a row done `n` times a
    /// year that names no months ([`ImportWarning::NoMonthsNamed`]).
    ///
    /// # Example
    /// See [`PlanImportOptions::with_strict_months`].
    /// ```
    /// # use namnd_control::import::{import_plan, PlanImportOptions};
    /// # use namnd_control::plan::InternalControlPlan;
    /// # let mut plan = InternalControlPlan::unscored("SN", "2024".parse()?);
    /// let s = import_plan("process,kontrollmoment,frekvens\nP,K,2 ggr/år\n".as_bytes(), &PlanImportOptions::new("a.csv"), &mut plan)?;
    /// assert_eq!(s.warnings()[0].to_string(), "line 2: 2 ggr/år names no months; counted as 2 occasions without a fixed month");
    /// # Ok::<(), namnd_control::ControlError>(())
    /// ```
    pub fn warnings(&self) -> &[ImportWarning] {
        &self.warnings
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} rows read, {} accepted, {} rejected",
            echo(&self.file),
            self.rows_read,
            self.accepted,
            self.rejected_count()
        )?;
        if !self.by_reason.is_empty() {
            f.write_str(" (")?;
            for (i, (reason, n)) in self.by_reason.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{reason} {n}")?;
            }
            f.write_str(")")?;
        }
        if !self.warnings.is_empty() {
            write!(f, "; {} warnings", self.warnings.len())?;
        }
        if !self.duplicates.is_empty() {
            write!(f, "; {} duplicate rows", self.duplicates.len())?;
        }
        Ok(())
    }
}

/// Column positions found in the header.
struct Positions {
    process: usize,
    risk: Option<usize>,
    probability: Option<usize>,
    consequence: Option<usize>,
    risk_value: Option<usize>,
    control_activity: usize,
    method: Option<usize>,
    frequency: usize,
    months: Option<usize>,
    responsible: Option<usize>,
    reported_to: Option<usize>,
    scope: Option<usize>,
}

/// Reads plan rows from CSV into `plan` (appended after any rows it
/// has) and reports what happened.
///
/// Risk scores are read on the plan's scale (5×5 for a plan without one, so
/// that a scored row in an unscored plan is rejected by
/// [`InternalControlPlan::push_row`]). A row with both factors and a stated
/// value must state their product.
///
/// # Errors
/// Fatal, nothing imported: [`ControlError::InputTooLarge`],
/// [`ControlError::MissingColumn`] for a required column absent from the
/// header, [`ControlError::Csv`] for an unreadable header. Row errors do
/// not stop the import; they are in [`ImportSummary::rejected`]:
/// [`ControlError::InvalidValue`] (with the cause as its source),
/// [`ControlError::MissingField`], [`ControlError::InvalidUtf8`],
/// [`ControlError::RowRejected`], [`ControlError::Csv`].
///
/// # Example
/// ```
/// use namnd_control::ControlError;
/// use namnd_control::import::{import_plan, PlanImportOptions};
/// use namnd_control::plan::InternalControlPlan;
///
/// let csv = "process;risk;riskvärde;kontrollmoment;metod;frekvens;ansvarig;rapporteras till\n\
///            Attestering av fakturor;Felaktiga fakturor;20;Att fakturor är korrekta;Checklista;4 ggr/år Mars Juni September December;Ekonom;FC\n\
///            Statsbidrag;Återkrav;13;Att statsbidrag hanteras korrekt;Rutin;3 ggr/år Augusti Oktober December;Kvalitetsteamet;FC\n\
///            Externa placeringar;Ej uppföljda;25;Att placeringar följs upp;Stickprov;4 ggr/år Mars Juni September;EC;FC/Ekonom\n";
/// let mut plan = InternalControlPlan::new("Socialnämnden", "2022-2024".parse()?);
/// let summary = import_plan(csv.as_bytes(), &PlanImportOptions::new("ikp.csv"), &mut plan)?;
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (3, 1, 2));
/// assert_eq!(plan.rows().len(), 1);
/// assert!(matches!(&summary.rejected()[0], ControlError::InvalidValue { line: 3, column, .. } if column == "riskvärde"));
/// assert_eq!(summary.rejected()[1].line(), Some(4));
/// assert_eq!(summary.to_string(), "ikp.csv: 3 rows read, 1 accepted, 2 rejected (ImpossibleRiskValue 1, MonthsDoNotMatchFrequency 1)");
/// # Ok::<(), namnd_control::ControlError>(())
/// ```
pub fn import_plan<R: Read>(
    reader: R,
    options: &PlanImportOptions,
    plan: &mut InternalControlPlan,
) -> Result<ImportSummary> {
    // The name is echoed in every message: redacted and escaped once here.
    let file = echo(&options.file);
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ControlError::Read {
            file: file.clone(),
            message: e.to_string(),
        })?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_INPUT_BYTES {
        return Err(ControlError::InputTooLarge {
            file,
            limit: MAX_INPUT_BYTES,
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(body));
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(body);
    let header = csv.byte_headers().map_err(|e| ControlError::Csv {
        file: file.clone(),
        line: 1,
        message: e.to_string(),
    })?;
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_lowercase())
        .collect();
    let find = |name: &str| {
        let wanted = name.trim().to_lowercase();
        names.iter().position(|n| *n == wanted)
    };
    let require = |name: &str| {
        find(name).ok_or_else(|| ControlError::MissingColumn {
            file: file.clone(),
            column: echo(name),
        })
    };
    let c = &options.columns;
    let pos = Positions {
        process: require(&c.process)?,
        risk: find(&c.risk),
        probability: find(&c.probability),
        consequence: find(&c.consequence),
        risk_value: find(&c.risk_value),
        control_activity: require(&c.control_activity)?,
        method: find(&c.method),
        frequency: require(&c.frequency)?,
        months: find(&c.months),
        responsible: find(&c.responsible),
        reported_to: find(&c.reported_to),
        scope: find(&c.scope),
    };
    let mut summary = ImportSummary {
        file: options.file.clone(),
        rows_read: 0,
        accepted: 0,
        rejected: Vec::new(),
        by_reason: BTreeMap::new(),
        duplicates: Vec::new(),
        warnings: Vec::new(),
    };
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                summary.reject(ControlError::Csv {
                    file: file.clone(),
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let line = record.position().map_or(0, csv::Position::line);
        let row = RowReader {
            file: &file,
            line,
            record: &record,
            columns: c,
        };
        match row.read(&pos, plan.scale().unwrap_or(RiskScale::FIVE)) {
            Ok(control) => {
                let missing = months_missing(&control.schedule);
                if let (Some(expected), true) = (missing, options.strict_months) {
                    let frequency = control.schedule.frequency().to_string();
                    summary.reject(ControlError::InvalidValue {
                        file: file.clone(),
                        line,
                        column: echo(&c.frequency),
                        value: echo(&frequency),
                        source: Box::new(ControlError::MonthsNotNamed {
                            frequency,
                            expected,
                        }),
                    });
                    continue;
                }
                let frequency = control.schedule.frequency();
                let control = control.with_source_line(line);
                match plan.push_row(control) {
                    Ok(()) => {
                        summary.accept();
                        if let Some(occasions) = missing {
                            summary.warnings.push(ImportWarning::NoMonthsNamed {
                                line,
                                frequency: frequency.to_string(),
                                occasions,
                            });
                        }
                    }
                    Err(source) => summary.reject(ControlError::RowRejected {
                        file: file.clone(),
                        line,
                        source: Box::new(source),
                    }),
                }
            }
            Err(e) => summary.reject(e),
        }
    }
    summary.duplicates = plan.duplicates();
    Ok(summary)
}

/// `;` if the first line has more semicolons than commas outside quotes.
fn detect_delimiter(body: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0_usize, 0_usize, false);
    for &b in body.iter().take_while(|&&b| b != b'\n') {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// One record being read.
struct RowReader<'a> {
    file: &'a str,
    line: u64,
    record: &'a csv::ByteRecord,
    columns: &'a PlanColumns,
}

impl RowReader<'_> {
    /// The trimmed text of the field at `index` (empty when the column or
    /// the field is absent).
    fn text(&self, index: Option<usize>, column: &str) -> Result<String> {
        let Some(bytes) = index.and_then(|i| self.record.get(i)) else {
            return Ok(String::new());
        };
        core::str::from_utf8(bytes)
            .map(|s| s.trim().to_owned())
            .map_err(|_| ControlError::InvalidUtf8 {
                file: self.file.to_owned(),
                line: self.line,
                column: echo(column),
            })
    }

    fn required(&self, index: usize, column: &str) -> Result<String> {
        let text = self.text(Some(index), column)?;
        if text.is_empty() {
            return Err(ControlError::MissingField {
                file: self.file.to_owned(),
                line: self.line,
                column: echo(column),
            });
        }
        Ok(text)
    }

    fn invalid(&self, column: &str, value: &str, source: ControlError) -> ControlError {
        ControlError::InvalidValue {
            file: self.file.to_owned(),
            line: self.line,
            column: echo(column),
            value: echo(value),
            source: Box::new(source),
        }
    }

    fn integer(&self, index: Option<usize>, column: &str) -> Result<Option<u32>> {
        let text = self.text(index, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<u32>().map(Some).map_err(|_| {
            self.invalid(
                column,
                &text,
                ControlError::NotAnInteger { text: echo(&text) },
            )
        })
    }

    fn read(&self, pos: &Positions, scale: RiskScale) -> Result<ControlRow> {
        let c = self.columns;
        let process = self.required(pos.process, &c.process)?;
        let activity = self.required(pos.control_activity, &c.control_activity)?;
        let frequency = self.required(pos.frequency, &c.frequency)?;
        let months = self.text(pos.months, &c.months)?;
        let schedule =
            Schedule::parse_parts(&frequency, Some(months.as_str()).filter(|m| !m.is_empty()))
                .map_err(|e| self.invalid(&c.frequency, &format!("{frequency} {months}"), e))?;
        let p = self.integer(pos.probability, &c.probability)?;
        let k = self.integer(pos.consequence, &c.consequence)?;
        let v = self.integer(pos.risk_value, &c.risk_value)?;
        let assessment = match (p, k, v) {
            (None, None, None) => RiskAssessment::Unscored,
            (None, None, Some(v)) => RiskAssessment::value(scale, v)
                .map_err(|e| self.invalid(&c.risk_value, &v.to_string(), e))?,
            (Some(p), Some(k), stated) => {
                let score = match stated {
                    Some(v) => RiskScore::with_stated_value(scale, p, k, v),
                    None => RiskScore::new(scale, p, k),
                };
                let score = score.map_err(|e| {
                    let column = match &e {
                        namnd_calc::CalcError::RiskFactorOutOfScale {
                            factor: "probability",
                            ..
                        } => &c.probability,
                        namnd_calc::CalcError::RiskFactorOutOfScale { .. } => &c.consequence,
                        _ => &c.risk_value,
                    };
                    let value = match (&e, stated) {
                        (namnd_calc::CalcError::RiskFactorOutOfScale { value, .. }, _) => {
                            value.to_string()
                        }
                        (_, Some(v)) => v.to_string(),
                        (_, None) => String::new(),
                    };
                    self.invalid(column, &value, e.into())
                })?;
                RiskAssessment::Score(score)
            }
            (None, Some(_), _) => {
                return Err(ControlError::MissingField {
                    file: self.file.to_owned(),
                    line: self.line,
                    column: echo(&c.probability),
                });
            }
            (Some(_), None, _) => {
                return Err(ControlError::MissingField {
                    file: self.file.to_owned(),
                    line: self.line,
                    column: echo(&c.consequence),
                });
            }
        };
        let scope_text = self.text(pos.scope, &c.scope)?;
        let scope = if scope_text.is_empty() {
            None
        } else {
            Some(Scope::parse(&scope_text).ok_or_else(|| {
                self.invalid(
                    &c.scope,
                    &scope_text,
                    ControlError::UnknownScope {
                        text: echo(&scope_text),
                    },
                )
            })?)
        };
        let mut row = ControlRow::new(process, activity, schedule)
            .with_risk(self.text(pos.risk, &c.risk)?, assessment)
            .with_method(self.text(pos.method, &c.method)?)
            .with_responsible(self.text(pos.responsible, &c.responsible)?)
            .with_reported_to(Recipient::parse_list(
                &self.text(pos.reported_to, &c.reported_to)?,
            ));
        if let Some(scope) = scope {
            row = row.with_scope(scope);
        }
        Ok(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    const HEADER: &str = "process,risk,sannolikhet,konsekvens,riskvärde,kontrollmoment,metod,frekvens,månader,ansvarig,rapporteras till,omfattning\n";

    fn import(body: &str, plan: &mut InternalControlPlan) -> ImportSummary {
        import_plan(
            format!("{HEADER}{body}").as_bytes(),
            &PlanImportOptions::new("ikp.csv"),
            plan,
        )
        .unwrap()
    }

    #[test]
    fn bad_rows_are_rejected_naming_line_and_column_and_the_rest_is_read() {
        let mut plan = InternalControlPlan::new("SN", "2023-2025".parse().unwrap());
        let s = import(
            "A,R,4,5,20,K,Stickprov,4 ggr/år,Mars Juni September December,EC,FC/SN/KF,nämndspecifik\n\
             B,R,6,1,,K,Stickprov,2 ggr/år,Juni December,EC,FC,\n\
             C,R,,,13,K,Stickprov,Månadsvis,,EC,FC,\n\
             D,R,,,,K,Stickprov,4 ggr/år,Mars Juni,EC,FC,\n\
             E,R,4,5,16,K,Stickprov,Löpande,,EC,FC,\n\
             F,R,,,,,Stickprov,Löpande,,EC,FC,\n\
             G,R,,,,K,Stickprov,Löpande,,EC,FC,övrigt\n\
             H,R,x,1,,K,Stickprov,Löpande,,EC,FC,\n\
             ,,,,,,,,,,,\n\
             I,R,,5,,K,,1 ggr/år,,EC,FC,kommunövergripande\n\
             J,R,2,2,4,K,,Kvartalsvis,,EC,FC,kommunövergripande\n",
            &mut plan,
        );
        assert_eq!(
            (s.rows_read(), s.accepted(), s.rejected_count()),
            (10, 2, 8)
        );
        let lines: Vec<Option<u64>> = s.rejected().iter().map(ControlError::line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 11].map(Some));
        let reasons: Vec<&str> = s.rejected().iter().map(ControlError::reason).collect();
        assert_eq!(
            reasons,
            [
                "RiskFactorOutOfScale",
                "ImpossibleRiskValue",
                "MonthsDoNotMatchFrequency",
                "RiskValueMismatch",
                "MissingField",
                "UnknownScope",
                "NotAnInteger",
                "MissingField"
            ]
        );
        let first = &s.rejected()[0];
        assert_eq!(
            first.to_string(),
            "invalid value \"6\" in ikp.csv line 3, column sannolikhet: probability 6 is outside the scale 1..=5"
        );
        assert_eq!(
            first.source().map(ToString::to_string).as_deref(),
            Some("probability 6 is outside the scale 1..=5")
        );
        assert_eq!(plan.rows().len(), 2);
        assert_eq!(plan.rows()[0].reported_to.len(), 3);
        assert_eq!(plan.rows()[0].scope, Some(Scope::Namndspecifik));
        assert_eq!(plan.rows()[0].source_line, Some(2));
        assert_eq!(plan.rows()[1].risk_assessment.risk_value(), Some(4));
    }

    #[test]
    fn scored_row_in_an_unscored_plan_is_rejected() {
        let mut plan = InternalControlPlan::unscored("VON", "2024".parse().unwrap());
        let s = import(
            "A,R,,,9,K,,Löpande,,EC,FC,\nB,R,,,,K,,Löpande,,EC,FC,\n",
            &mut plan,
        );
        assert_eq!((s.accepted(), s.rejected_count()), (1, 1));
        assert!(matches!(
            &s.rejected()[0],
            ControlError::RowRejected { line: 2, source, .. }
                if matches!(**source, ControlError::RowScaleMismatch { plan_max: None, .. })
        ));
    }

    #[test]
    fn missing_required_column_is_fatal_and_names_it() {
        let mut plan = InternalControlPlan::new("SN", "2024".parse().unwrap());
        let err = import_plan(
            "process;kontrollmoment\nA;K\n".as_bytes(),
            &PlanImportOptions::new("ikp.csv"),
            &mut plan,
        )
        .unwrap_err();
        assert_eq!(
            err,
            ControlError::MissingColumn {
                file: "ikp.csv".to_owned(),
                column: "frekvens".to_owned()
            }
        );
    }

    #[test]
    fn columns_are_mappable_and_semicolons_and_bom_are_handled() {
        let columns = PlanColumns::default()
            .with_process("Rutin/process/område")
            .with_frequency("Frekvens (när)");
        let csv = "\u{feff}Rutin/process/område;Kontrollmoment;Frekvens (när)\n\
                   Arbetsmiljö;\"Kontroll av att rutinen följs;\nstickprov\";Två gånger per år\n";
        let mut plan = InternalControlPlan::unscored("VON", "2024".parse().unwrap());
        let s = import_plan(
            csv.as_bytes(),
            &PlanImportOptions::new("flen.csv").with_columns(columns),
            &mut plan,
        )
        .unwrap();
        assert_eq!(s.accepted(), 1);
        assert_eq!(
            plan.rows()[0].schedule.frequency(),
            crate::schedule::Frequency::TimesPerYear(2)
        );
    }

    #[test]
    fn invalid_utf8_field_is_rejected_and_personal_numbers_are_not_echoed() {
        let mut plan = InternalControlPlan::new("SN", "2024".parse().unwrap());
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"A\xff,R,,,,K,,L\xf6pande,,EC,FC,\n");
        bytes.extend_from_slice("B,R,,,,K,,19121212-1212,,EC,FC,\n".as_bytes());
        let s = import_plan(&bytes[..], &PlanImportOptions::new("ikp.csv"), &mut plan).unwrap();
        assert_eq!(s.rejected_count(), 2);
        assert_eq!(s.rejected()[0].reason(), "InvalidUtf8");
        let text = s.rejected()[1].to_string();
        assert!(!text.contains("1212-1212"), "{text}");
        let source = s.rejected()[1]
            .source()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(!source.contains("1212-1212"), "{source}");
    }

    #[test]
    fn file_name_is_redacted_in_every_message_and_the_summary() {
        let mut plan = InternalControlPlan::new("SN", "2024".parse().unwrap());
        let name = "ikp 19121212-1212.csv";
        let s = import_plan(
            format!("{HEADER}A,R,6,1,,K,,Löpande,,EC,FC,\nB,R,,,,,,Löpande,,EC,FC,\n").as_bytes(),
            &PlanImportOptions::new(name),
            &mut plan,
        )
        .unwrap();
        assert_eq!(s.rejected_count(), 2);
        for e in s.rejected() {
            assert!(!e.to_string().contains("1212-1212"), "{e}");
        }
        assert!(!s.to_string().contains("1212-1212"), "{s}");
        let fatal = import_plan(
            "process\n".as_bytes(),
            &PlanImportOptions::new(name),
            &mut plan,
        )
        .unwrap_err();
        assert!(!fatal.to_string().contains("1212-1212"), "{fatal}");
    }

    #[test]
    fn rejected_row_says_why_in_its_message() {
        let mut plan = InternalControlPlan::unscored("VON", "2024".parse().unwrap());
        let s = import("A,R,,,9,K,,Löpande,,EC,FC,\n", &mut plan);
        assert_eq!(
            s.rejected()[0].to_string(),
            "row at ikp.csv line 2 was not added to the plan: row 0 (line 2) is scored on a 5×5 scale but the plan has no risk scores"
        );
    }

    #[test]
    fn n_times_a_year_without_months_is_warned_and_rejected_when_strict() {
        let body = "A,R,,,,K,,4 ggr/år,,EC,FC,\nB,R,,,,K,,4 ggr/år,Mars Juni September December,EC,FC,\nC,R,,,,K,,Månadsvis,,EC,FC,\n";
        let mut plan = InternalControlPlan::unscored("SN", "2024".parse().unwrap());
        let s = import(body, &mut plan);
        assert_eq!((s.accepted(), s.rejected_count()), (3, 0));
        assert_eq!(
            s.warnings(),
            [ImportWarning::NoMonthsNamed {
                line: 2,
                frequency: "4 ggr/år".to_owned(),
                occasions: 4
            }]
        );
        assert!(s.to_string().ends_with("; 1 warnings"), "{s}");

        let mut strict_plan = InternalControlPlan::unscored("SN", "2024".parse().unwrap());
        let s = import_plan(
            format!("{HEADER}{body}").as_bytes(),
            &PlanImportOptions::new("ikp.csv").with_strict_months(true),
            &mut strict_plan,
        )
        .unwrap();
        assert_eq!((s.accepted(), s.rejected_count()), (2, 1));
        assert!(s.warnings().is_empty());
        assert_eq!(
            s.rejected()[0].to_string(),
            "invalid value \"4 ggr/år\" in ikp.csv line 2, column frekvens: frequency 4 ggr/år must name 4 months, but none are named"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn import_summary_serialises_with_messages() {
        let mut plan = InternalControlPlan::new("SN", "2024".parse().unwrap());
        let s = import("P,R,,,,K,,ibland,,EC,FC,\n", &mut plan);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["rows_read"], 1);
        assert_eq!(json["by_reason"]["UnrecognisedFrequency"], 1);
        assert!(
            json["rejected"][0]
                .as_str()
                .unwrap()
                .contains("ikp.csv line 2")
        );
    }

    #[test]
    fn duplicate_rows_are_reported_in_the_summary() {
        let mut plan = InternalControlPlan::unscored("VON", "2024".parse().unwrap());
        let row =
            "Välfärdsbrott,,,,,Skapa rutiner,Uppföljning,En gång per år,,Förvaltningschef,,\n";
        let s = import(&format!("{row}{row}"), &mut plan);
        assert_eq!(
            s.duplicates(),
            [DuplicateRow {
                first: 0,
                duplicate: 1
            }]
        );
        assert!(s.to_string().ends_with("; 1 duplicate rows"));
    }
}
