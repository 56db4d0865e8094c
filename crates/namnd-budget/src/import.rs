//! Streaming CSV import of ledgers and budgets in two dialects.
//!
//! # Speed (issue 10)
//! | Piece | What it does, and why |
//! |---|---|
//! | `LineReader` | reads 256 KiB at a time and checks whole lines as UTF-8 once per read; a line without `"` is one record whose fields lie between delimiters, exactly what `csv` reads from it (a quote is the only byte that changes how `csv` splits a line), so it is split here, eight bytes at a time, without `csv` |
//! | `csv` from the first other line on | a quoted field, a line that is not UTF-8 (Windows-1252) or one longer than [`MAX_RECORD_BYTES`] hands the rest of the file to `csv` and the line tracker, which read it exactly as before; a property test checks that both paths give the same rows, rejections and notices |
//! | printable ASCII lines | no field to trim and no control character to look for: both checks are skipped |
//! | amounts | `-1234.50` with at most 15 digits straight to öre in an `i64`; anything else takes the general path, which decides every error |
//!
//! `memchr` (BurntSushi, also under `csv` and `regex`) finds line breaks and
//! quotes with SIMD, several times faster than a byte loop on the long runs
//! between them. Figures and the profile: `docs/performance.md`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read, Take};
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::{Amount, Decimal, FiscalYear, NumberUnit, SwedishNumber};
use rust_decimal::prelude::ToPrimitive;

use crate::error::{BudgetError, Result, echo};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

// ------------------------------------------------------------------ Dialect

/// A CSV dialect: delimiter, decimal mark and thousands separators.
///
/// | Dialect | Delimiter | Amounts | Encoding |
/// |---|---|---|---|
/// | [`Dialect::Machine`] | `,` | `-1234.50` (decimal point, no separators) | UTF-8 |
/// | [`Dialect::SwedishExcel`] | `;` | `-1 234,50` (decimal comma; space or no-break space between thousands; read with [`SwedishNumber`]; `12.5` is 12,50, and `1.000`, a point before exactly three digits, is rejected as ambiguous: [`BudgetError::AmbiguousAmount`]) | UTF-8 with or without BOM, or Windows-1252 |
///
/// Both dialects quote as RFC 4180 does. The encoding is detected in either
/// dialect (see [`TextEncoding`]).
///
/// # Example
/// ```
/// use namnd_budget::Dialect;
///
/// assert_eq!(Dialect::detect(b"datum,ansvar,verksamhet,konto,belopp"), Dialect::Machine);
/// assert_eq!(Dialect::detect(b"Datum;Ansvar;Verksamhet;Konto;Belopp"), Dialect::SwedishExcel);
/// assert_eq!(Dialect::SwedishExcel.delimiter(), b';');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Dialect {
    /// `,` between fields, decimal point, UTF-8: what programs write.
    Machine,
    /// `;` between fields, decimal comma, space thousands separators: what
    /// Excel writes with Swedish regional settings.
    SwedishExcel,
}

impl Dialect {
    /// The dialect of a file whose header line is `header`: Swedish Excel if it
    /// has more semicolons than commas outside quotes, machine otherwise.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::Dialect;
    ///
    /// assert_eq!(Dialect::detect("\u{feff}ansvar;verksamhet;konto;budget".as_bytes()), Dialect::SwedishExcel);
    /// assert_eq!(Dialect::detect(br#""a;b",c"#), Dialect::Machine);
    /// ```
    pub fn detect(header: &[u8]) -> Dialect {
        let (mut commas, mut semicolons, mut quoted) = (0_usize, 0_usize, false);
        for &byte in header {
            match byte {
                b'"' => quoted = !quoted,
                b',' if !quoted => commas += 1,
                b';' if !quoted => semicolons += 1,
                _ => {}
            }
        }
        if semicolons > commas {
            Dialect::SwedishExcel
        } else {
            Dialect::Machine
        }
    }

    /// The field delimiter: `,` or `;`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::Dialect;
    /// assert_eq!(Dialect::Machine.delimiter(), b',');
    /// ```
    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::Machine => b',',
            Dialect::SwedishExcel => b';',
        }
    }
}

/// The text encoding an import read a file in.
///
/// Detection: a UTF-8 byte order mark means UTF-8. Otherwise the file is read
/// as UTF-8 until a row is met that is not valid UTF-8; if every earlier row
/// was plain ASCII (valid in both), the file is Windows-1252 from there on.
/// If an earlier row already held UTF-8 beyond ASCII, the invalid row is
/// rejected with [`BudgetError::InvalidUtf8`] instead: a file does not mix
/// encodings. A file of plain ASCII reports [`TextEncoding::Utf8`].
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, LedgerImporter, TextEncoding};
///
/// let csv = b"datum;ansvar;verksamhet;konto;belopp\n2023-01-05;\xC4ldreomsorg;510;4010;1 234,50\n";
/// let mut import = LedgerImporter::new(&csv[..], CsvOptions::new("l.csv"))?;
/// let row = import.next().ok_or("no row")??;
/// assert_eq!(row.ansvar, "Äldreomsorg");
/// assert_eq!(import.summary().encoding(), TextEncoding::Windows1252);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark (or plain ASCII).
    Utf8,
    /// UTF-8 with a byte order mark, as Excel writes "CSV UTF-8".
    Utf8WithBom,
    /// Windows-1252, as Excel writes plain "CSV" on Swedish Windows.
    Windows1252,
    /// PC8, i.e. IBM code page 437, the encoding of SIE 4 files ([`crate::sie`]).
    Pc8,
}

/// Where a file stands in encoding detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EncodingState {
    /// Only ASCII seen so far.
    Undecided,
    Utf8,
    Utf8WithBom,
    Windows1252,
}

impl EncodingState {
    fn reported(self) -> TextEncoding {
        match self {
            EncodingState::Undecided | EncodingState::Utf8 => TextEncoding::Utf8,
            EncodingState::Utf8WithBom => TextEncoding::Utf8WithBom,
            EncodingState::Windows1252 => TextEncoding::Windows1252,
        }
    }
}

// ---------------------------------------------------------------- ColumnMap

/// The header names of the columns an import reads.
///
/// Defaults (those `gen_ledger.py` writes): ledger
/// `datum,ansvar,verksamhet,konto,belopp`, budget `ansvar,verksamhet,konto,budget`.
/// Names are matched ignoring case and surrounding whitespace; other columns
/// in the file are ignored.
///
/// # Example
/// ```
/// use namnd_budget::{ColumnMap, CsvOptions, LedgerImporter};
///
/// let columns = ColumnMap::default().with_date("Bokföringsdatum").with_amount("Belopp kr");
/// assert_eq!(columns.date(), "Bokföringsdatum");
/// let csv = "Bokföringsdatum,Ansvar,Verksamhet,Konto,Belopp kr,Text\n2023-03-01,1100,510,4010,10.00,hyra\n";
/// let rows = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv").with_columns(columns))?
///     .collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(rows.len(), 1);
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ColumnMap {
    date: String,
    ansvar: String,
    verksamhet: String,
    konto: String,
    amount: String,
    budget: String,
}

impl Default for ColumnMap {
    fn default() -> Self {
        ColumnMap {
            date: "datum".to_owned(),
            ansvar: "ansvar".to_owned(),
            verksamhet: "verksamhet".to_owned(),
            konto: "konto".to_owned(),
            amount: "belopp".to_owned(),
            budget: "budget".to_owned(),
        }
    }
}

macro_rules! column_accessors {
    ($($field:ident, $with:ident, $what:literal, $default:literal;)*) => {
        impl ColumnMap {
            $(
                #[doc = concat!("The header name of the ", $what, " column (default `", $default, "`).")]
                ///
                /// # Example
                /// ```
                /// use namnd_budget::ColumnMap;
                #[doc = concat!("assert_eq!(ColumnMap::default().", stringify!($field), "(), \"", $default, "\");")]
                /// ```
                pub fn $field(&self) -> &str {
                    &self.$field
                }

                #[doc = concat!("Reads the ", $what, " column from the header name `name`.")]
                ///
                /// # Example
                /// ```
                /// use namnd_budget::ColumnMap;
                #[doc = concat!("let map = ColumnMap::default().", stringify!($with), "(\"X\");")]
                #[doc = concat!("assert_eq!(map.", stringify!($field), "(), \"X\");")]
                /// ```
                pub fn $with(mut self, name: impl Into<String>) -> Self {
                    self.$field = name.into();
                    self
                }
            )*
        }
    };
}

column_accessors! {
    date, with_date, "ledger date", "datum";
    ansvar, with_ansvar, "ansvar (responsibility unit)", "ansvar";
    verksamhet, with_verksamhet, "verksamhet (activity)", "verksamhet";
    konto, with_konto, "konto (account)", "konto";
    amount, with_amount, "ledger amount", "belopp";
    budget, with_budget, "annual budget", "budget";
}

// --------------------------------------------------------------- CsvOptions

/// How to read one CSV file: its name for messages, the dialect (detected
/// unless chosen), the column names and, for a ledger, the fiscal year.
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, Dialect};
/// use namnd_core::FiscalYear;
///
/// let options = CsvOptions::new("huvudbok.csv")
///     .with_dialect(Dialect::SwedishExcel)
///     .with_fiscal_year(FiscalYear::try_new(2023)?);
/// assert_eq!(options.file(), "huvudbok.csv");
/// assert_eq!(options.dialect(), Some(Dialect::SwedishExcel));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    file: Arc<str>,
    dialect: Option<Dialect>,
    columns: ColumnMap,
    pub(crate) fiscal_year: Option<FiscalYear>,
    report_limit: usize,
    duplicate_keys: DuplicateKeys,
}

/// What a budget import does with a key (ansvar, verksamhet, konto) that
/// appears again.
///
/// [`DuplicateKeys::Sum`] is the default, and what the follow-up job
/// ([`FollowUpJob`](crate::FollowUpJob)) does, because the peer
/// implementation of the follow-up sums repeated keys. For the budget
/// [`model`](crate::model), [`DuplicateKeys::Reject`] is recommended: a
/// repeated key in a budget is more often a copy-and-paste mistake than an
/// intended split.
///
/// # Example
/// ```
/// use namnd_budget::{BudgetImporter, CsvOptions, DuplicateKeys};
///
/// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,4010,1.00\n";
/// let options = CsvOptions::new("b.csv").with_duplicate_keys(DuplicateKeys::Reject);
/// let mut import = BudgetImporter::new(csv.as_bytes(), options)?;
/// assert_eq!(import.by_ref().count(), 1);
/// assert_eq!(
///     import.summary().rejected()[0].to_string(),
///     "budget key 1100/510/4010 in b.csv line 3 repeats line 2; the row is rejected"
/// );
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DuplicateKeys {
    /// Accept the later row and sum it with the earlier ones, with a
    /// [`BudgetError::DuplicateBudgetKey`] notice.
    #[default]
    Sum,
    /// Reject the later row with [`BudgetError::RepeatedBudgetKey`].
    Reject,
}

impl CsvOptions {
    /// Options for the file called `file` (used only in messages): dialect
    /// detected, default columns, no fiscal year check.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// let options = CsvOptions::new("budget.csv");
    /// assert_eq!((options.file(), options.dialect()), ("budget.csv", None));
    /// ```
    pub fn new(file: impl AsRef<str>) -> Self {
        CsvOptions {
            file: Arc::from(file.as_ref()),
            dialect: None,
            columns: ColumnMap::default(),
            fiscal_year: None,
            report_limit: DEFAULT_REPORT_LIMIT,
            duplicate_keys: DuplicateKeys::Sum,
        }
    }

    /// Keeps the first `limit` rejections and the first `limit` notices in
    /// full in the [`ImportSummary`] (default [`DEFAULT_REPORT_LIMIT`]);
    /// the rest are only counted, by reason.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// assert_eq!(CsvOptions::new("a.csv").with_report_limit(10).report_limit(), 10);
    /// ```
    pub fn with_report_limit(mut self, limit: usize) -> Self {
        self.report_limit = limit;
        self
    }

    /// The number of rejections and of notices kept in full.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, DEFAULT_REPORT_LIMIT};
    /// assert_eq!(CsvOptions::new("a.csv").report_limit(), DEFAULT_REPORT_LIMIT);
    /// ```
    pub fn report_limit(&self) -> usize {
        self.report_limit
    }

    /// What a budget import does with a repeated key (default
    /// [`DuplicateKeys::Sum`]); a ledger import ignores it.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, DuplicateKeys};
    /// let options = CsvOptions::new("b.csv").with_duplicate_keys(DuplicateKeys::Reject);
    /// assert_eq!(options.duplicate_keys(), DuplicateKeys::Reject);
    /// ```
    pub fn with_duplicate_keys(mut self, policy: DuplicateKeys) -> Self {
        self.duplicate_keys = policy;
        self
    }

    /// What a budget import does with a repeated key.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, DuplicateKeys};
    /// assert_eq!(CsvOptions::new("b.csv").duplicate_keys(), DuplicateKeys::Sum);
    /// ```
    pub fn duplicate_keys(&self) -> DuplicateKeys {
        self.duplicate_keys
    }

    /// The same options for the file called `file`.
    pub(crate) fn with_file(mut self, file: Arc<str>) -> Self {
        self.file = file;
        self
    }

    /// Reads the file in `dialect` instead of detecting it from the header.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, Dialect};
    /// assert_eq!(CsvOptions::new("a.csv").with_dialect(Dialect::Machine).dialect(), Some(Dialect::Machine));
    /// ```
    pub fn with_dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = Some(dialect);
        self
    }

    /// Reads the columns named in `columns`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{ColumnMap, CsvOptions};
    /// let options = CsvOptions::new("a.csv").with_columns(ColumnMap::default().with_budget("Budget 2023"));
    /// assert_eq!(options.columns().budget(), "Budget 2023");
    /// ```
    pub fn with_columns(mut self, columns: ColumnMap) -> Self {
        self.columns = columns;
        self
    }

    /// Rejects ledger rows dated outside `year` (budget rows have no date).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// use namnd_core::FiscalYear;
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(CsvOptions::new("a.csv").with_fiscal_year(year).fiscal_year(), Some(year));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn with_fiscal_year(mut self, year: FiscalYear) -> Self {
        self.fiscal_year = Some(year);
        self
    }

    /// The file's name as used in messages.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// assert_eq!(CsvOptions::new("a.csv").file(), "a.csv");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The chosen dialect, or `None` to detect it.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// assert_eq!(CsvOptions::new("a.csv").dialect(), None);
    /// ```
    pub fn dialect(&self) -> Option<Dialect> {
        self.dialect
    }

    /// The column names.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// assert_eq!(CsvOptions::new("a.csv").columns().amount(), "belopp");
    /// ```
    pub fn columns(&self) -> &ColumnMap {
        &self.columns
    }

    /// The fiscal year ledger dates must fall in, if checked.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::CsvOptions;
    /// assert_eq!(CsvOptions::new("a.csv").fiscal_year(), None);
    /// ```
    pub fn fiscal_year(&self) -> Option<FiscalYear> {
        self.fiscal_year
    }
}

// ------------------------------------------------------------ ImportSummary

/// How many rejections and how many notices an [`ImportSummary`] keeps in
/// full by default ([`CsvOptions::with_report_limit`]); beyond that they are
/// only counted, by reason.
pub const DEFAULT_REPORT_LIMIT: usize = 1_000;

/// The longest record (a line, or the lines of one quoted field) an import
/// reads: 1 MiB. A longer one is rejected with
/// [`BudgetError::RecordTooLong`] and reading goes on at the next line; a
/// longer header line is fatal ([`BudgetError::HeaderTooLong`]).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Rejections or notices: the first `limit` kept in full, all of them
/// counted by reason ([`BudgetError::reason`]), so that memory is bounded
/// however many rows a file has.
#[derive(Debug, Clone)]
pub(crate) struct Findings {
    kept: Vec<BudgetError>,
    limit: usize,
    count: u64,
    by_reason: BTreeMap<&'static str, u64>,
}

impl Findings {
    /// No findings yet; keeps the first `limit` in full.
    pub(crate) fn new(limit: usize) -> Self {
        Findings {
            kept: Vec::new(),
            limit,
            count: 0,
            by_reason: BTreeMap::new(),
        }
    }

    /// Records `error`, counting it `rows` times (a rejected record that
    /// spans several lines counts each line).
    pub(crate) fn push_counted(&mut self, error: BudgetError, rows: u64) {
        self.count = self.count.saturating_add(rows);
        let slot = self.by_reason.entry(error.reason()).or_insert(0);
        *slot = slot.saturating_add(rows);
        if self.kept.len() < self.limit {
            self.kept.push(error);
        }
    }

    /// Adds `later`, the findings of the rows after these: counts summed,
    /// and its first ones kept while there is room, so that the kept ones
    /// are still the first of the whole file.
    pub(crate) fn absorb(&mut self, later: Findings) {
        self.count = self.count.saturating_add(later.count);
        for (reason, count) in later.by_reason {
            let slot = self.by_reason.entry(reason).or_insert(0);
            *slot = slot.saturating_add(count);
        }
        let room = self.limit.saturating_sub(self.kept.len());
        self.kept.extend(later.kept.into_iter().take(room));
    }

    /// Records `error` once.
    pub(crate) fn push(&mut self, error: BudgetError) {
        self.push_counted(error, 1);
    }

    /// How many were recorded.
    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    /// The first ones, in full.
    pub(crate) fn kept(&self) -> &[BudgetError] {
        &self.kept
    }
}

/// What an import read, kept and rejected, for reconciliation against the
/// ledger system.
///
/// Invariant: `accepted() + rejected_count() == rows_read()`. The totals are
/// the sums of the accepted amounts, exact in `i128` öre: the net
/// [`total`](Self::total), the [`debit`](Self::debit) (positive amounts) and
/// the [`credit`](Self::credit) (negative amounts). Empty lines are not rows.
/// A rejected record that spans several lines (a quote left open swallows the
/// lines after it) counts each of its lines as a rejected row, so no line
/// disappears from the counts.
///
/// **Memory is bounded**: the first [`DEFAULT_REPORT_LIMIT`] rejections and
/// notices are kept in full ([`rejected`](Self::rejected),
/// [`notices`](Self::notices); the limit is set by
/// [`CsvOptions::with_report_limit`]), all of them are counted by reason
/// ([`rejected_by_reason`](Self::rejected_by_reason)).
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, LedgerImporter};
/// use namnd_core::Amount;
///
/// let csv = "datum,ansvar,verksamhet,konto,belopp\n\
///            2023-01-05,1100,510,4010,100.00\n\
///            2023-01-06,1100,510,4010,abc\n\
///            2023-01-07,1100,510,3010,-40.50\n";
/// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
/// import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// let summary = import.into_summary();
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (3, 2, 1));
/// assert_eq!(summary.total(), Amount::from_ore(5_950));
/// assert_eq!((summary.debit(), summary.credit()), (Amount::from_ore(10_000), Amount::from_ore(-4_050)));
/// assert_eq!(summary.rejected()[0].line(), Some(3));
/// assert_eq!(summary.rejected_by_reason().collect::<Vec<_>>(), [("MalformedAmount", 1)]);
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImportSummary {
    file: Arc<str>,
    dialect: Dialect,
    encoding: TextEncoding,
    rows_read: u64,
    accepted: u64,
    debit_ore: i128,
    credit_ore: i128,
    rejected: Findings,
    notices: Findings,
    skipped: u64,
}

impl ImportSummary {
    /// An empty summary, to be filled in while importing; keeps the first
    /// `report_limit` rejections and notices in full.
    pub(crate) fn new(
        file: Arc<str>,
        dialect: Dialect,
        encoding: TextEncoding,
        report_limit: usize,
    ) -> Self {
        ImportSummary {
            file,
            dialect,
            encoding,
            rows_read: 0,
            accepted: 0,
            debit_ore: 0,
            credit_ore: 0,
            rejected: Findings::new(report_limit),
            notices: Findings::new(report_limit),
            skipped: 0,
        }
    }

    /// Counts an accepted row of `ore`.
    pub(crate) fn accept(&mut self, ore: i64) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.accepted = self.accepted.saturating_add(1);
        self.add_amount(ore);
    }

    fn add_amount(&mut self, ore: i64) {
        if ore >= 0 {
            self.debit_ore = self.debit_ore.saturating_add(i128::from(ore));
        } else {
            self.credit_ore = self.credit_ore.saturating_add(i128::from(ore));
        }
    }

    /// An empty summary of the same file, dialect, encoding and report
    /// limit, for a part of the file read apart (see [`Self::absorb`]).
    pub(crate) fn empty_like(&self) -> ImportSummary {
        ImportSummary::new(
            Arc::clone(&self.file),
            self.dialect,
            self.encoding,
            self.rejected.limit,
        )
    }

    /// Adds `later`, the summary of the rows after the ones counted here
    /// (its encoding is not taken).
    pub(crate) fn absorb(&mut self, later: ImportSummary) {
        self.rows_read = self.rows_read.saturating_add(later.rows_read);
        self.accepted = self.accepted.saturating_add(later.accepted);
        self.debit_ore = self.debit_ore.saturating_add(later.debit_ore);
        self.credit_ore = self.credit_ore.saturating_add(later.credit_ore);
        self.rejected.absorb(later.rejected);
        self.notices.absorb(later.notices);
        self.skipped = self.skipped.saturating_add(later.skipped);
    }

    /// Counts a rejected row.
    #[allow(dead_code, reason = "for the SIE and Excel importers")]
    pub(crate) fn reject(&mut self, error: BudgetError) {
        self.reject_rows(error, 1);
    }

    /// Counts a rejected record of `rows` lines (at least one).
    pub(crate) fn reject_rows(&mut self, error: BudgetError, rows: u64) {
        let rows = rows.max(1);
        self.rows_read = self.rows_read.saturating_add(rows);
        self.rejected.push_counted(error, rows);
    }

    /// Records a notice (the row, if any, is counted separately).
    pub(crate) fn notice(&mut self, notice: BudgetError) {
        self.notices.push(notice);
    }

    /// Counts a skipped row.
    #[allow(dead_code, reason = "for the SIE and Excel importers")]
    pub(crate) fn skip(&mut self) {
        self.skipped = self.skipped.saturating_add(1);
    }

    /// Sets the encoding, as detected so far.
    pub(crate) fn set_encoding(&mut self, encoding: TextEncoding) {
        self.encoding = encoding;
    }

    /// The number of entirely empty rows skipped, not counted in
    /// [`rows_read`](Self::rows_read): the empty rows of a worksheet below its
    /// header ([`crate::excel`]). Always 0 for CSV, where blank lines are not
    /// rows.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n\n1100,510,4010,5.00\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!((import.summary().rows_read(), import.summary().skipped()), (1, 0));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// The file's name as given in [`CsvOptions::new`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let import = BudgetImporter::new(&b"ansvar,verksamhet,konto,budget\n"[..], CsvOptions::new("b.csv"))?;
    /// assert_eq!(import.summary().file(), "b.csv");
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The dialect the file was read in.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter, Dialect};
    /// let import = BudgetImporter::new(&b"ansvar;verksamhet;konto;budget\n"[..], CsvOptions::new("b.csv"))?;
    /// assert_eq!(import.summary().dialect(), Dialect::SwedishExcel);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The encoding the file was read in (as detected so far while importing).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter, TextEncoding};
    /// let csv = "\u{feff}ansvar;verksamhet;konto;budget\n";
    /// let import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// assert_eq!(import.summary().encoding(), TextEncoding::Utf8WithBom);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// The number of data rows read (the header and empty lines not counted).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n\n1100,510,4510,x\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rows_read(), 2);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The number of rows accepted.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,4510,x\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().accepted(), 1);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The first rejected rows (up to the report limit, see
    /// [`CsvOptions::with_report_limit`]), in file order, each with its line,
    /// column and reason; [`rejected_count`](Self::rejected_count) counts all.
    ///
    /// A row with several problems is reported once, for the first problem
    /// found: field count, then date, keys, amount.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,,4010,5.00\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].to_string(), "column verksamhet is empty in b.csv line 2");
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn rejected(&self) -> &[BudgetError] {
        self.rejected.kept()
    }

    /// The number of rejected rows, kept in full or not.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,x\n1,2,4,y\n1,2,5,z\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv").with_report_limit(1))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!((import.summary().rejected().len(), import.summary().rejected_count()), (1, 3));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn rejected_count(&self) -> u64 {
        self.rejected.count()
    }

    /// The number of rejected rows per reason (the [`BudgetError::reason`]),
    /// by reason in byte order; the counts sum to
    /// [`rejected_count`](Self::rejected_count).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,x\n1,,4,5\n1,2,5,z\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv").with_report_limit(0))?;
    /// import.by_ref().for_each(drop);
    /// let reasons: Vec<(&str, u64)> = import.summary().rejected_by_reason().collect();
    /// assert_eq!(reasons, [("EmptyField", 1), ("MalformedAmount", 2)]);
    /// assert!(import.summary().rejected().is_empty());
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn rejected_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.rejected
            .by_reason
            .iter()
            .map(|(&reason, &count)| (reason, count))
    }

    /// The first notices (up to the report limit): things worth a look that
    /// did not reject a row, such as a repeated budget key
    /// ([`BudgetError::DuplicateBudgetKey`]).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,4010,1.00\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().notices()[0].line(), Some(3));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn notices(&self) -> &[BudgetError] {
        self.notices.kept()
    }

    /// The number of notices, kept in full or not.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,5\n1,2,3,1\n1,2,3,1\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv").with_report_limit(1))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!((import.summary().notices().len(), import.summary().notice_count()), (1, 2));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn notice_count(&self) -> u64 {
        self.notices.count()
    }

    /// The number of notices per reason (the [`BudgetError::reason`]).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,5\n1,2,3,1\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().notices_by_reason().collect::<Vec<_>>(), [("DuplicateBudgetKey", 1)]);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn notices_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.notices
            .by_reason
            .iter()
            .map(|(&reason, &count)| (reason, count))
    }

    /// The net sum of the accepted amounts ([`debit`](Self::debit) +
    /// [`credit`](Self::credit)). Exact up to about 7.9 × 10²⁶ kronor (the
    /// range of [`Amount`]); [`total_ore`](Self::total_ore) is exact always.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// use namnd_core::Amount;
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,3010,-1.25\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().total(), Amount::from_ore(375));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn total(&self) -> Amount {
        ore_amount(self.total_ore())
    }

    /// The sum of the accepted positive amounts (debit: costs in SIE signs).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// use namnd_core::Amount;
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,3010,-1.25\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().debit(), Amount::from_ore(500));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn debit(&self) -> Amount {
        ore_amount(self.debit_ore)
    }

    /// The sum of the accepted negative amounts (credit: income in SIE
    /// signs), itself negative or zero.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// use namnd_core::Amount;
    /// let csv = "ansvar,verksamhet,konto,budget\n1100,510,4010,5.00\n1100,510,3010,-1.25\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().credit(), Amount::from_ore(-125));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn credit(&self) -> Amount {
        ore_amount(self.credit_ore)
    }

    /// The net sum of the accepted amounts in öre, exact.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,92233720368547758.07\n1,2,4,92233720368547758.07\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().total_ore(), 2 * i128::from(i64::MAX));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn total_ore(&self) -> i128 {
        self.debit_ore.saturating_add(self.credit_ore)
    }

    /// The sum of the accepted positive amounts in öre, exact.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,1.00\n1,2,4,-2.00\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!((import.summary().debit_ore(), import.summary().credit_ore()), (100, -200));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn debit_ore(&self) -> i128 {
        self.debit_ore
    }

    /// The sum of the accepted negative amounts in öre, exact.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, BudgetImporter};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,4,-2.00\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().credit_ore(), -200);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn credit_ore(&self) -> i128 {
        self.credit_ore
    }
}

/// Öre as an [`Amount`], saturating at the range of a `Decimal`.
fn ore_amount(ore: i128) -> Amount {
    let kr = Decimal::try_from_i128_with_scale(ore, 2).unwrap_or(if ore < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    });
    Amount::from_kr(kr)
}

// -------------------------------------------------------------------- rows

/// One accepted ledger transaction line.
///
/// Amounts follow the SIE convention: costs positive (debit), income negative
/// (credit).
///
/// # Example
/// ```
/// use namnd_budget::LedgerRow;
/// use namnd_core::Amount;
///
/// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
/// let row = LedgerRow::new(date, "1100", "510", "4010", Amount::from_ore(12_550));
/// assert_eq!(row.konto, "4010");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LedgerRow {
    /// The booking date (*datum*).
    pub date: NaiveDate,
    /// The responsibility unit (*ansvar*).
    pub ansvar: String,
    /// The activity (*verksamhet*).
    pub verksamhet: String,
    /// The account (*konto*).
    pub konto: String,
    /// The amount (*belopp*), costs positive.
    pub amount: Amount,
}

impl LedgerRow {
    /// A ledger row from its parts.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::LedgerRow;
    /// use namnd_core::Amount;
    /// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 1).ok_or("date")?;
    /// assert_eq!(LedgerRow::new(date, "1100", "510", "3010", Amount::from_ore(-100)).amount, Amount::from_ore(-100));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        date: NaiveDate,
        ansvar: impl Into<String>,
        verksamhet: impl Into<String>,
        konto: impl Into<String>,
        amount: Amount,
    ) -> Self {
        LedgerRow {
            date,
            ansvar: ansvar.into(),
            verksamhet: verksamhet.into(),
            konto: konto.into(),
            amount,
        }
    }
}

/// One accepted budget line: the annual budget of a key.
///
/// # Example
/// ```
/// use namnd_budget::BudgetRow;
/// use namnd_core::Amount;
///
/// let row = BudgetRow::new("1100", "510", "4010", Amount::from_kr(50_000));
/// assert_eq!(row.budget, Amount::from_kr(50_000));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct BudgetRow {
    /// The responsibility unit (*ansvar*).
    pub ansvar: String,
    /// The activity (*verksamhet*).
    pub verksamhet: String,
    /// The account (*konto*).
    pub konto: String,
    /// The annual budget, costs positive.
    pub budget: Amount,
}

impl BudgetRow {
    /// A budget row from its parts.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetRow;
    /// use namnd_core::Amount;
    /// assert_eq!(BudgetRow::new("1100", "510", "3010", Amount::from_kr(-10)).konto, "3010");
    /// ```
    pub fn new(
        ansvar: impl Into<String>,
        verksamhet: impl Into<String>,
        konto: impl Into<String>,
        budget: Amount,
    ) -> Self {
        BudgetRow {
            ansvar: ansvar.into(),
            verksamhet: verksamhet.into(),
            konto: konto.into(),
            budget,
        }
    }
}

// ---------------------------------------------------------------- CsvSource

/// The bytes read ahead by the [`LineReader`], the rest of the file, and a
/// final `\n` so that every record ends with one (an extra blank line is
/// skipped by `csv`), all through a [`Tracker`].
type Inner<R> =
    csv::Reader<Tracker<Chain<Chain<Cursor<Vec<u8>>, Take<BufReader<R>>>, &'static [u8]>>>;

/// How many bytes the [`LineReader`] asks for at a time (a few bytes in
/// unit tests, so that lines cross reads).
const READ_CHUNK: usize = if cfg!(test) { 7 } else { 256 * 1024 };

/// The fast path of [`CsvSource`]: lines taken straight from one large
/// buffer while every line is *simple*, i.e. valid UTF-8, without `"` and
/// not longer than the cap. A simple line is exactly one record whose fields
/// are the bytes between delimiters, which is what `csv` reads from it (a
/// quote is the only byte that changes how `csv` splits a line; `\r` is an
/// ordinary byte with the `\n` terminator, trimmed later). The first line
/// that is not simple hands the rest of the stream to `csv` through a
/// [`Tracker`], for the rest of the file: quoted fields, line breaks inside
/// quotes, over-long records and other encodings are read by `csv` exactly
/// as before.
///
/// The bytes read are checked as UTF-8 once per read of [`READ_CHUNK`]
/// bytes, whole lines at a time, and kept as a `String`: a line is then a
/// slice of it, with no check of its own.
struct LineReader<R: Read> {
    reader: Take<BufReader<R>>,
    /// Whole lines, valid UTF-8; the unread ones are `text[pos..]`.
    text: String,
    pos: usize,
    /// Bytes read and not yet in `text`: the start of a line whose `\n` has
    /// not been read yet, or everything from the first line that is not
    /// UTF-8 on (then `invalid`).
    raw: Vec<u8>,
    invalid: bool,
    /// The reader has returned 0.
    eof: bool,
    /// The physical line of `text[pos..]` (1-based).
    line: u64,
    limit: usize,
    delimiter: u8,
    /// The first `"` in `text` at or after `pos`, if any: lines before it
    /// need no check of their own.
    quote: Option<usize>,
}

/// What [`LineReader::step`] found.
enum Step {
    /// A simple line, without its `\n`, at this range of the text.
    Line(Range<usize>),
    /// The next line is not simple: `csv` must read on.
    Complex,
    /// The end of the input.
    End,
}

impl<R: Read> LineReader<R> {
    fn new(first: Vec<u8>, reader: BufReader<R>, limit: usize, delimiter: u8) -> Self {
        let mut lines = LineReader {
            reader: reader.take(u64::MAX),
            text: String::new(),
            pos: 0,
            raw: first,
            invalid: false,
            eof: false,
            line: 1,
            limit,
            delimiter,
            quote: None,
        };
        lines.take_lines();
        lines
    }

    /// Finds the next line; it is consumed only if it is simple.
    fn step(&mut self) -> io::Result<Step> {
        loop {
            let start = self.pos;
            let pending = self.text.as_bytes().get(start..).unwrap_or_default();
            if let Some(i) = memchr::memchr(b'\n', pending) {
                let at = start.saturating_add(i);
                if i >= self.limit || self.quote.is_some_and(|q| q < at) {
                    return Ok(Step::Complex);
                }
                self.pos = at.saturating_add(1);
                return Ok(Step::Line(start..at));
            }
            // `text` is used up: it holds whole lines only.
            if self.invalid || self.raw.len() >= self.limit {
                // Not UTF-8, or longer than the cap (`csv` and the tracker
                // cut it).
                return Ok(Step::Complex);
            }
            if self.eof {
                if self.raw.is_empty() {
                    return Ok(Step::End);
                }
                // The last line has no `\n`: give it one, as the chained
                // `\n` of the `csv` path does.
                self.raw.push(b'\n');
            } else if !self.read_more()? {
                continue;
            }
            self.take_lines();
        }
    }

    /// Reads up to [`READ_CHUNK`] more bytes into `raw`; `false` (and `eof`
    /// set) at the end of the input.
    fn read_more(&mut self) -> io::Result<bool> {
        let old = self.raw.len();
        self.raw.resize(old.saturating_add(READ_CHUNK), 0);
        let free = self.raw.get_mut(old..).unwrap_or_default();
        let read = loop {
            match self.reader.read(free) {
                Ok(read) => break read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(old);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(old.saturating_add(read));
        if read == 0 {
            self.eof = true;
        }
        Ok(read > 0)
    }

    /// The unread whole lines as one block for a worker, with the physical
    /// line of its first byte, if they can be read independently of each
    /// other and of the importer's state: no `"` among them (a quote may
    /// join lines into one record) and shorter together than the cap (so
    /// no line is over-long). Reads more first if every line has been read.
    /// `None` when the next lines are not such a block, or at the end: the
    /// line-by-line path then reads on. `spare` becomes the buffer of the
    /// next lines.
    fn take_block(&mut self, spare: Option<String>) -> io::Result<Option<(String, u64)>> {
        loop {
            if self.pos < self.text.len() {
                let len = self.text.len().saturating_sub(self.pos);
                if self.quote.is_some() || len >= self.limit {
                    return Ok(None);
                }
                let block = if self.pos == 0 {
                    let mut next = spare.unwrap_or_default();
                    next.clear();
                    core::mem::replace(&mut self.text, next)
                } else {
                    let rest = self.text.get(self.pos..).unwrap_or_default().to_owned();
                    self.text.clear();
                    rest
                };
                self.pos = 0;
                let first = self.line;
                let lines = memchr::memchr_iter(b'\n', block.as_bytes()).count();
                self.line = first.saturating_add(u64::try_from(lines).unwrap_or(u64::MAX));
                return Ok(Some((block, first)));
            }
            if self.eof || self.invalid || self.raw.len() >= self.limit || !self.read_more()? {
                return Ok(None);
            }
            self.take_lines();
        }
    }

    /// Moves the whole lines at the start of `raw` into `text` (which is used
    /// up), up to the first line that is not UTF-8.
    fn take_lines(&mut self) {
        let Some(last) = memchr::memrchr(b'\n', &self.raw) else {
            return;
        };
        let whole = self.raw.get(..=last).unwrap_or_default();
        let valid = match std::str::from_utf8(whole) {
            Ok(text) => text,
            Err(e) => {
                self.invalid = true;
                let valid = whole.get(..e.valid_up_to()).unwrap_or_default();
                let cut = memchr::memrchr(b'\n', valid).map_or(0, |i| i.saturating_add(1));
                std::str::from_utf8(valid.get(..cut).unwrap_or_default()).unwrap_or_default()
            }
        };
        self.text.clear();
        self.text.push_str(valid);
        self.pos = 0;
        let taken = valid.len();
        self.raw.drain(..taken);
        self.quote = memchr::memchr(b'"', self.text.as_bytes());
    }

    /// Hands the rest of the stream, from the first byte not yet read as a
    /// line, to `csv`.
    fn into_csv(self) -> Inner<R> {
        let LineReader {
            mut reader,
            text,
            pos,
            raw,
            eof,
            line,
            limit,
            delimiter,
            ..
        } = self;
        let mut rest = text.into_bytes();
        rest.drain(..pos.min(rest.len()));
        rest.extend_from_slice(&raw);
        if eof {
            // Do not read again after the end (a terminal would wait).
            reader.set_limit(0);
        }
        let stream = Cursor::new(rest).chain(reader).chain(&b"\n"[..]);
        csv_reader(stream, delimiter, limit, line)
    }
}

/// What [`split_line`] learnt about a line besides its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Bytes beyond ASCII: the ranges are not set.
    NotAscii,
    /// ASCII with whitespace or control characters: the ranges are trimmed.
    Ascii,
    /// Only printable ASCII without space (0x21..=0x7E): nothing to trim,
    /// no control character in any field.
    Plain,
}

/// Sets `ranges` to the fields of `line` that `csv` would read (trimmed),
/// splitting at `delimiter` eight bytes at a time, unless the line holds
/// bytes beyond ASCII.
///
/// The ranges are of `line`'s place in a larger text: shifted by `offset`.
fn split_line(
    line: &str,
    offset: usize,
    delimiter: u8,
    ranges: &mut Vec<Range<usize>>,
) -> LineKind {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES.wrapping_mul(u64::from(delimiter));
    let bytes = line.as_bytes();
    ranges.clear();
    let mut from = 0_usize;
    // Bit 7 of a byte: set somewhere if a byte is beyond ASCII (`wide`),
    // below 0x21 or at least 0x7F (`odd`); exact as yes/no answers.
    let (mut wide, mut odd) = (0_u64, 0_u64);
    let mut word_at = |raw: u64, base: usize| {
        wide |= raw;
        odd |= (raw.wrapping_sub(ONES.wrapping_mul(0x21)) & !raw) | raw.wrapping_add(ONES) | raw;
        let word = raw ^ pattern;
        // 0x80 in every byte of `word` that is zero (a delimiter), exactly.
        let mut found = !(((word & LOW7).wrapping_add(LOW7)) | word | LOW7);
        while found != 0 {
            let at = base.saturating_add(found.trailing_zeros() as usize / 8);
            ranges.push(offset.saturating_add(from)..offset.saturating_add(at));
            from = at.saturating_add(1);
            found &= found.wrapping_sub(1);
        }
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0_usize;
    for chunk in &mut chunks {
        word_at(
            <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes),
            base,
        );
        base = base.saturating_add(8);
    }
    if !chunks.remainder().is_empty() {
        // The last bytes, padded with `A` (not a delimiter, plain ASCII).
        let mut tail = [b'A'; 8];
        for (slot, &b) in tail.iter_mut().zip(chunks.remainder()) {
            *slot = b;
        }
        word_at(u64::from_le_bytes(tail), base);
    }
    ranges.push(offset.saturating_add(from)..offset.saturating_add(bytes.len()));
    if wide & HIGH != 0 {
        return LineKind::NotAscii;
    }
    if odd & HIGH == 0 {
        return LineKind::Plain;
    }
    for range in ranges.iter_mut() {
        let relative = range.start.saturating_sub(offset)..range.end.saturating_sub(offset);
        let inner = trimmed(line, relative);
        *range = offset.saturating_add(inner.start)..offset.saturating_add(inner.end);
    }
    LineKind::Ascii
}

/// Sets `ranges` to the fields of a simple line (no `"`, valid UTF-8,
/// not empty) as `csv` and [`CsvSource::next`] read them: the bytes between
/// delimiters, trimmed, as ranges of the line's place in a larger text
/// (shifted by `offset`). `None` for a blank line of a CRLF file (one field
/// of whitespace), which is no record. A line beyond ASCII reads the same
/// whether or not the file's encoding is decided yet (it is valid UTF-8);
/// reading it as a record decides an undecided encoding as UTF-8.
///
/// The one reading of a simple line, for the row-by-row path and the
/// workers' blocks alike.
fn simple_line_fields(
    text: &str,
    offset: usize,
    delimiter: u8,
    ranges: &mut Vec<Range<usize>>,
) -> Option<LineKind> {
    let kind = split_line(text, offset, delimiter, ranges);
    if kind == LineKind::NotAscii {
        ranges.clear();
        let mut start = 0_usize;
        for field in text.split(char::from(delimiter)) {
            let end = start.saturating_add(field.len());
            let inner = trimmed(text, start..end);
            ranges.push(offset.saturating_add(inner.start)..offset.saturating_add(inner.end));
            start = end.saturating_add(1);
        }
    } else if ranges.len() == 1 && text.bytes().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    Some(kind)
}

/// A `csv` reader as the importers need it, reading through a [`Tracker`]
/// whose first byte is on physical line `line`.
fn csv_reader<R: BufRead>(
    stream: R,
    delimiter: u8,
    limit: usize,
    line: u64,
) -> csv::Reader<Tracker<R>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        // Records end at `\n` only: with csv's default CRLF terminator a
        // CRLF file reports each record one line early. The `\r` left at
        // the end of the last field is trimmed like any whitespace.
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(false)
        .flexible(true)
        .from_reader(Tracker::new(stream, delimiter, limit, line))
}

/// Where the records of a [`CsvSource`] come from.
enum Input<R: Read> {
    /// Simple lines, straight from the buffer (the fast path).
    Lines(LineReader<R>),
    /// `csv`, from the first line that is not simple to the end.
    Csv(Box<Inner<R>>),
    /// Only while switching from one to the other.
    Switching,
}

/// The result of reading one record.
enum Next {
    Eof,
    Record,
    /// A rejected record and the number of lines it spans.
    Rejected(BudgetError, u64),
}

/// Where a record stands, byte by byte, as `csv` parses it (RFC 4180, `"`
/// quotes, doubled to escape; a quote opens a quoted field only at its
/// start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
}

/// The first and last physical line of a record, and whether it was cut at
/// [`MAX_RECORD_BYTES`].
#[derive(Debug, Clone, Copy)]
struct Span {
    first: u64,
    last: u64,
    too_long: bool,
}

/// Follows the records of the byte stream ahead of `csv`: the physical lines
/// each record spans, and a cap on its length. A record that grows beyond the
/// cap is cut: the rest of its current line is dropped (after a `"` that
/// closes an open quote), so that `csv` ends the record at that line's `\n`
/// and reading goes on at the next line; its span is marked too long.
struct Tracker<R: BufRead> {
    inner: R,
    out: Vec<u8>,
    out_pos: usize,
    scan: Scan,
}

/// The state of a [`Tracker`].
struct Scan {
    limit: usize,
    delimiter: u8,
    quoting: Quoting,
    /// The physical line of the next byte (1-based).
    line: u64,
    first: u64,
    last: u64,
    bytes: usize,
    too_long: bool,
    skipping: bool,
    spans: VecDeque<Span>,
}

impl Scan {
    fn feed(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        for &byte in chunk {
            if self.skipping {
                if byte == b'\n' {
                    self.skipping = false;
                    out.push(b'\n');
                    self.end_record();
                }
                continue;
            }
            if self.bytes == 0 {
                self.first = self.line;
            }
            self.bytes = self.bytes.saturating_add(1);
            if self.bytes > self.limit {
                self.too_long = true;
                self.last = self.line;
                if self.quoting == Quoting::InQuoted {
                    out.push(b'"');
                }
                if byte == b'\n' {
                    out.push(b'\n');
                    self.end_record();
                } else {
                    self.skipping = true;
                }
                continue;
            }
            out.push(byte);
            if byte != b'\n' {
                self.last = self.line;
            }
            self.quoting = match (self.quoting, byte) {
                (Quoting::InQuoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::InQuoted, b'\n') => {
                    self.line = self.line.saturating_add(1);
                    Quoting::InQuoted
                }
                (Quoting::InQuoted, _) => Quoting::InQuoted,
                (Quoting::StartField, b'"') | (Quoting::QuoteInQuoted, b'"') => Quoting::InQuoted,
                (_, b'\n') => {
                    self.end_record();
                    Quoting::StartField
                }
                (_, b) if b == self.delimiter => Quoting::StartField,
                _ => Quoting::InField,
            };
        }
    }

    /// Ends the record at a `\n` outside quotes.
    fn end_record(&mut self) {
        // `csv` skips an empty line: it is no record.
        if self.bytes > 1 || self.too_long {
            self.spans.push_back(Span {
                first: self.first,
                last: self.last.max(self.first),
                too_long: self.too_long,
            });
        }
        self.line = self.line.saturating_add(1);
        self.bytes = 0;
        self.too_long = false;
        self.quoting = Quoting::StartField;
    }

    /// Ends a record left open at the end of the stream (a quote never closed).
    fn finish(&mut self) {
        if self.bytes > 0 {
            self.spans.push_back(Span {
                first: self.first,
                last: self.last.max(self.first),
                too_long: self.too_long,
            });
            self.bytes = 0;
        }
    }
}

impl<R: BufRead> Tracker<R> {
    fn new(inner: R, delimiter: u8, limit: usize, line: u64) -> Self {
        Tracker {
            inner,
            out: Vec::new(),
            out_pos: 0,
            scan: Scan {
                limit,
                delimiter,
                quoting: Quoting::StartField,
                line,
                first: line,
                last: line,
                bytes: 0,
                too_long: false,
                skipping: false,
                spans: VecDeque::new(),
            },
        }
    }
}

impl<R: BufRead> Read for Tracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos >= self.out.len() {
            self.out.clear();
            self.out_pos = 0;
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                self.scan.finish();
                return Ok(0);
            }
            let len = chunk.len();
            self.scan.feed(chunk, &mut self.out);
            self.inner.consume(len);
        }
        let pending = self.out.get(self.out_pos..).unwrap_or_default();
        let written = io::Write::write(&mut &mut *buf, pending)?;
        self.out_pos = self.out_pos.saturating_add(written);
        Ok(written)
    }
}

/// A CSV file being read record by record, decoded into one reused buffer.
struct CsvSource<R: Read> {
    file: Arc<str>,
    dialect: Dialect,
    input: Input<R>,
    record: csv::ByteRecord,
    text: String,
    ranges: Vec<Range<usize>>,
    encoding: EncodingState,
    header_fields: usize,
    /// The first line of the current record.
    line: u64,
    /// The last line of the current record.
    last_line: u64,
    /// A notice about the current record, taken by the importer.
    notice: Option<BudgetError>,
    /// The current record is printable ASCII without spaces: its fields hold
    /// no control character.
    plain: bool,
    /// The current record's text is in the [`LineReader`], not in `text`.
    in_lines: bool,
    failed: bool,
}

impl<R: Read> CsvSource<R> {
    /// Opens the file: strips a BOM, detects the dialect and reads the header,
    /// returning the source and the header names.
    fn open(reader: R, options: &CsvOptions) -> Result<(Self, Vec<String>)> {
        let file = Arc::clone(&options.file);
        let mut buffered = BufReader::new(reader);
        let mut first = Vec::new();
        let limit = MAX_RECORD_BYTES;
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        (&mut buffered)
            .take(cap)
            .read_until(b'\n', &mut first)
            .map_err(|e| read_error(&file, 0, e))?;
        if first.len() > limit {
            return Err(BudgetError::HeaderTooLong { file, limit });
        }
        let utf16 = if first.starts_with(b"\xFF\xFE") {
            Some("utf-16le")
        } else if first.starts_with(b"\xFE\xFF") {
            Some("utf-16be")
        } else if first.contains(&0) {
            Some("utf-16 (no byte order mark)")
        } else {
            None
        };
        if let Some(encoding) = utf16 {
            return Err(BudgetError::UnsupportedEncoding { file, encoding });
        }
        let mut encoding = EncodingState::Undecided;
        if first.starts_with(UTF8_BOM) {
            first.drain(..UTF8_BOM.len());
            encoding = EncodingState::Utf8WithBom;
        }
        let dialect = options.dialect.unwrap_or_else(|| Dialect::detect(&first));
        let mut source = CsvSource {
            file,
            dialect,
            input: Input::Lines(LineReader::new(first, buffered, limit, dialect.delimiter())),
            record: csv::ByteRecord::new(),
            text: String::new(),
            ranges: Vec::new(),
            encoding,
            header_fields: 0,
            line: 0,
            last_line: 0,
            notice: None,
            plain: false,
            in_lines: false,
            failed: false,
        };
        match source.next()? {
            Next::Eof => Err(BudgetError::MissingHeader {
                file: Arc::clone(&source.file),
            }),
            Next::Rejected(BudgetError::RecordTooLong { file, limit, .. }, _) => {
                Err(BudgetError::HeaderTooLong { file, limit })
            }
            Next::Rejected(error, _) => Err(error),
            Next::Record => {
                source.header_fields = source.ranges.len();
                let names = (0..source.ranges.len())
                    .map(|i| source.field(i).trim().to_owned())
                    .collect();
                Ok((source, names))
            }
        }
    }

    /// Reads the next record into `text`/`ranges`. A record with a different
    /// number of fields than the header, one longer than
    /// [`MAX_RECORD_BYTES`], or one with bytes that are not in the file's
    /// encoding, is returned as [`Next::Rejected`].
    fn next(&mut self) -> Result<Next> {
        if self.failed {
            return Ok(Next::Eof);
        }
        self.notice = None;
        self.plain = false;
        self.in_lines = false;
        let (span, simple) = loop {
            let (span, simple) = match self.read_record() {
                Ok(Some(read)) => read,
                Ok(None) => return Ok(Next::Eof),
                Err(source) => {
                    self.failed = true;
                    return Err(read_error(&self.file, self.last_line, source));
                }
            };
            self.line = span.first;
            self.last_line = span.last;
            // A blank line of a CRLF file reaches us as one field holding "\r".
            // (Blank simple lines are skipped in `read_record`.)
            let blank = simple.is_none()
                && !span.too_long
                && self.record.len() == 1
                && self
                    .record
                    .get(0)
                    .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace));
            if !blank {
                break (span, simple);
            }
        };
        let lines = span.last.saturating_sub(span.first).saturating_add(1);
        if span.too_long {
            return Ok(Next::Rejected(
                BudgetError::RecordTooLong {
                    file: Arc::clone(&self.file),
                    line: span.first,
                    last_line: span.last,
                    limit: MAX_RECORD_BYTES,
                },
                lines,
            ));
        }
        let found = if simple.is_some() {
            self.ranges.len()
        } else {
            self.record.len()
        };
        if self.header_fields != 0 && found != self.header_fields {
            return Ok(Next::Rejected(
                BudgetError::ColumnCount {
                    file: Arc::clone(&self.file),
                    line: span.first,
                    last_line: span.last,
                    expected: self.header_fields,
                    found,
                },
                lines,
            ));
        }
        if let Some(kind) = simple {
            if kind == LineKind::NotAscii {
                self.decide_utf8();
            }
            self.in_lines = true;
            return Ok(Next::Record);
        }
        self.text.clear();
        self.ranges.clear();
        // An ASCII record reads the same in every encoding and changes no
        // encoding state: taken whole, its fields are ranges of it.
        if let Ok(text) = std::str::from_utf8(self.record.as_slice())
            && text.is_ascii()
        {
            self.text.push_str(text);
            let mut start = 0_usize;
            for field in &self.record {
                let end = start.saturating_add(field.len());
                self.ranges.push(trimmed(text, start..end));
                start = end;
            }
            return Ok(Next::Record);
        }
        let utf8 = match self.encoding {
            EncodingState::Windows1252 => {
                if let Ok(text) = std::str::from_utf8(self.record.as_slice())
                    && !text.is_ascii()
                {
                    self.notice = Some(BudgetError::MixedEncoding {
                        file: Arc::clone(&self.file),
                        line: self.line,
                    });
                }
                false
            }
            EncodingState::Utf8 | EncodingState::Utf8WithBom => {
                if std::str::from_utf8(self.record.as_slice()).is_err() {
                    return Ok(Next::Rejected(
                        BudgetError::InvalidUtf8 {
                            file: Arc::clone(&self.file),
                            line: self.line,
                        },
                        lines,
                    ));
                }
                true
            }
            EncodingState::Undecided => match std::str::from_utf8(self.record.as_slice()) {
                Ok(text) => {
                    if !text.is_ascii() {
                        self.encoding = EncodingState::Utf8;
                    }
                    true
                }
                Err(_) => {
                    self.encoding = EncodingState::Windows1252;
                    false
                }
            },
        };
        for field in &self.record {
            let start = self.text.len();
            if utf8 {
                // Checked above for the whole record, so every field is valid.
                self.text.push_str(&String::from_utf8_lossy(field));
            } else {
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(field);
                self.text.push_str(&decoded);
            }
            let range = trimmed(&self.text, start..self.text.len());
            self.ranges.push(range);
        }
        Ok(Next::Record)
    }

    /// Reads the next record into `record`, with the lines it spans; `None`
    /// at the end.
    ///
    /// A simple line is read in place: its fields are `ranges` of the line
    /// reader's text (see [`simple_line_fields`]) and its [`LineKind`] is
    /// given; anything else goes through `record`.
    fn read_record(&mut self) -> io::Result<Option<(Span, Option<LineKind>)>> {
        loop {
            match &mut self.input {
                Input::Lines(lines) => match lines.step()? {
                    Step::End => return Ok(None),
                    Step::Line(range) => {
                        let line = lines.line;
                        lines.line = line.saturating_add(1);
                        if range.is_empty() {
                            // `csv` skips an empty line: it is no record.
                            continue;
                        }
                        let span = Span {
                            first: line,
                            last: line,
                            too_long: false,
                        };
                        let offset = range.start;
                        let text = lines.text.get(range).unwrap_or_default();
                        match simple_line_fields(text, offset, lines.delimiter, &mut self.ranges) {
                            None => {
                                self.line = line;
                                self.last_line = line;
                                continue;
                            }
                            // The fields are read from `lines.text`.
                            Some(kind) => {
                                self.plain = kind == LineKind::Plain;
                                return Ok(Some((span, Some(kind))));
                            }
                        }
                    }
                    Step::Complex => {
                        if let Input::Lines(lines) =
                            core::mem::replace(&mut self.input, Input::Switching)
                        {
                            self.input = Input::Csv(Box::new(lines.into_csv()));
                        }
                    }
                },
                Input::Csv(reader) => {
                    match reader.read_byte_record(&mut self.record) {
                        Ok(true) => {}
                        Ok(false) => return Ok(None),
                        Err(e) => {
                            return Err(match e.into_kind() {
                                csv::ErrorKind::Io(io) => io,
                                other => io::Error::other(format!("{other:?}")),
                            });
                        }
                    }
                    let next_line = self.last_line.saturating_add(1);
                    let span = reader.get_mut().scan.spans.pop_front().unwrap_or(Span {
                        first: next_line,
                        last: next_line,
                        too_long: false,
                    });
                    return Ok(Some((span, None)));
                }
                Input::Switching => return Ok(None),
            }
        }
    }

    /// Reads up to the next record that is not rejected outright, recording
    /// rejections, notices and the encoding in `summary`; `false` at the end.
    fn advance(&mut self, summary: &mut ImportSummary) -> Result<bool> {
        loop {
            let next = self.next()?;
            summary.set_encoding(self.encoding());
            if let Some(notice) = self.notice.take() {
                summary.notice(notice);
            }
            match next {
                Next::Eof => return Ok(false),
                Next::Record => return Ok(true),
                Next::Rejected(error, lines) => summary.reject_rows(error, lines),
            }
        }
    }

    /// The number of physical lines the current record spans.
    fn lines(&self) -> u64 {
        self.last_line.saturating_sub(self.line).saturating_add(1)
    }

    /// An empty summary of this file.
    fn new_summary(&self, report_limit: usize) -> ImportSummary {
        ImportSummary::new(
            Arc::clone(&self.file),
            self.dialect,
            self.encoding(),
            report_limit,
        )
    }

    /// Field `i` of the current record, trimmed; empty if there is none.
    fn field(&self, i: usize) -> &str {
        let text = match &self.input {
            Input::Lines(lines) if self.in_lines => &lines.text,
            _ => &self.text,
        };
        self.ranges
            .get(i)
            .and_then(|range| text.get(range.clone()))
            .unwrap_or_default()
    }

    fn encoding(&self) -> TextEncoding {
        self.encoding.reported()
    }

    /// The next block of lines for a worker (see [`LineReader::take_block`]);
    /// `None` once the file is read by `csv` or the next lines are no block.
    fn take_block(&mut self, spare: Option<String>) -> Result<Option<(String, u64)>> {
        let Input::Lines(lines) = &mut self.input else {
            return Ok(None);
        };
        lines.take_block(spare).map_err(|source| {
            self.failed = true;
            read_error(&self.file, lines.line, source)
        })
    }

    /// A simple record beyond ASCII was read, here or by a worker (see
    /// [`simple_line_fields`]): an undecided encoding is UTF-8 from now on.
    fn decide_utf8(&mut self) {
        if self.encoding == EncodingState::Undecided {
            self.encoding = EncodingState::Utf8;
        }
    }
}

/// What a worker needs to read a block of lines exactly as
/// [`LedgerImporter::next_raw`] reads them one by one.
struct BlockReader {
    file: Arc<str>,
    dialect: Dialect,
    header_fields: usize,
    columns: [Column; 5],
    fiscal_year: Option<FiscalYear>,
}

impl BlockReader {
    /// Reads the lines of `block` (whole lines, valid UTF-8, no `"`, the
    /// first on physical line `first`) into `summary` and hands each
    /// accepted row to `fold`; stops at `fold`'s first error. `true` if a
    /// record beyond ASCII was read (not rejected for its number of fields):
    /// one read row by row decides an undecided encoding as UTF-8.
    fn read<A>(
        &self,
        block: &str,
        first: u64,
        summary: &mut ImportSummary,
        accumulator: &mut A,
        fold: &(impl Fn(&mut A, RawLedgerRow<'_>) -> Result<()> + ?Sized),
    ) -> Result<bool> {
        let mut utf8 = false;
        let delimiter = self.dialect.delimiter();
        let mut ranges = Vec::with_capacity(self.header_fields);
        let mut line = first;
        for text in block.split_terminator('\n') {
            let number = line;
            line = line.saturating_add(1);
            if text.is_empty() {
                // `csv` skips an empty line: it is no record.
                continue;
            }
            let Some(kind) = simple_line_fields(text, 0, delimiter, &mut ranges) else {
                continue;
            };
            if ranges.len() != self.header_fields {
                summary.reject_rows(
                    BudgetError::ColumnCount {
                        file: Arc::clone(&self.file),
                        line: number,
                        last_line: number,
                        expected: self.header_fields,
                        found: ranges.len(),
                    },
                    1,
                );
                continue;
            }
            utf8 |= kind == LineKind::NotAscii;
            let field = |i: usize| {
                ranges
                    .get(i)
                    .and_then(|range| text.get(range.clone()))
                    .unwrap_or_default()
            };
            let checked = check_fields(
                &self.file,
                self.dialect,
                number,
                &self.columns,
                self.fiscal_year,
                field,
                kind == LineKind::Plain,
            );
            match checked {
                Ok((date, ore)) => {
                    summary.accept(ore);
                    let [_, a, v, k, _] = &self.columns;
                    fold(
                        accumulator,
                        RawLedgerRow {
                            date,
                            ansvar: field(a.index),
                            verksamhet: field(v.index),
                            konto: field(k.index),
                            ore,
                        },
                    )?;
                }
                Err(error) => summary.reject_rows(error, 1),
            }
        }
        Ok(utf8)
    }
}

/// The part of `range` in `text` that `str::trim` keeps (fields are
/// trimmed of surrounding whitespace); answers at once when both ends are
/// ASCII and not whitespace, the usual field.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    // The ASCII characters that `char::is_whitespace` holds (with VT, which
    // `u8::is_ascii_whitespace` does not).
    let plain =
        |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '));
    let bytes = text.as_bytes();
    if range.is_empty()
        || (plain(bytes.get(range.start)) && plain(bytes.get(range.end.wrapping_sub(1))))
    {
        return range;
    }
    let Some(field) = text.get(range.clone()) else {
        return range;
    };
    let inner = field.trim_start();
    let start = range.end.saturating_sub(inner.len());
    let end = start.saturating_add(inner.trim_end().len());
    start..end
}

fn read_error(file: &Arc<str>, line: u64, source: io::Error) -> BudgetError {
    BudgetError::Read {
        file: Arc::clone(file),
        line,
        source: Arc::new(source),
    }
}

/// Finds each wanted column in the header (ignoring case and whitespace).
fn resolve_columns<const N: usize>(
    file: &Arc<str>,
    header: &[String],
    wanted: [&str; N],
) -> Result<[Column; N]> {
    let mut found = [0_usize; N].map(|_| Column::default());
    for (slot, name) in found.iter_mut().zip(wanted) {
        let wanted_lower = name.trim().to_lowercase();
        let mut hits = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.to_lowercase() == wanted_lower)
            .map(|(i, _)| i);
        let Some(first) = hits.next() else {
            return Err(BudgetError::MissingColumn {
                file: Arc::clone(file),
                column: echo(name),
                header: echo(&header.join(",")),
            });
        };
        if let Some(second) = hits.next() {
            return Err(BudgetError::DuplicateColumn {
                file: Arc::clone(file),
                column: echo(name),
                first: first.saturating_add(1),
                second: second.saturating_add(1),
            });
        }
        *slot = Column {
            index: first,
            name: echo(header.get(first).map_or("", String::as_str)),
        };
    }
    Ok(found)
}

/// A resolved column: position and header name (for messages).
#[derive(Debug, Clone, Default)]
struct Column {
    index: usize,
    name: String,
}

// ----------------------------------------------------------- field parsing

/// Why an amount field (or an Excel cell, see [`crate::excel`]) could not
/// be read.
pub(crate) enum AmountIssue {
    Malformed(Option<Box<namnd_core::CoreError>>),
    Fractional,
    OutOfRange,
    /// A point before exactly three digits in the Swedish dialect.
    Ambiguous,
}

/// Reads `-1234.50` (machine dialect) into öre.
pub(crate) fn parse_machine_ore(s: &str) -> core::result::Result<i64, AmountIssue> {
    match short_machine_ore(s.as_bytes()) {
        Some(ore) => Ok(ore),
        None => parse_machine_ore_general(s),
    }
}

/// The usual machine amount, straight to öre: an optional sign, 1 to 15
/// digits, and optionally a point and 1 or 2 decimals; `None` for anything
/// else (the general path decides), so it cannot overflow.
pub(crate) fn short_machine_ore(bytes: &[u8]) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let mut kronor = 0_i64;
    let mut count = 0_usize;
    let mut rest = digits;
    while let Some((&b, tail)) = rest.split_first() {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        // At most 15 digits (checked below before use): below 10^15.
        kronor = kronor.wrapping_mul(10).wrapping_add(i64::from(d));
        count = count.saturating_add(1);
        rest = tail;
    }
    if count == 0 || count > 15 {
        return None;
    }
    let digit = |b: u8| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then_some(i64::from(d))
    };
    let ore = match *rest {
        [] => 0,
        [b'.', tenths] => digit(tenths)?.checked_mul(10)?,
        [b'.', tenths, hundredths] => digit(tenths)?
            .checked_mul(10)?
            .checked_add(digit(hundredths)?)?,
        _ => return None,
    };
    let value = kronor.checked_mul(100)?.checked_add(ore)?;
    if negative {
        value.checked_neg()
    } else {
        Some(value)
    }
}

/// [`parse_machine_ore`] for any input: long, with more decimals, or wrong.
fn parse_machine_ore_general(s: &str) -> core::result::Result<i64, AmountIssue> {
    let bytes = s.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let (int_part, frac_part) = match digits.iter().position(|&b| b == b'.') {
        Some(dot) => (
            digits.get(..dot).unwrap_or_default(),
            Some(digits.get(dot.saturating_add(1)..).unwrap_or_default()),
        ),
        None => (digits, None),
    };
    let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return Err(AmountIssue::Malformed(None));
    }
    let mut ore: i128 = 0;
    for &d in int_part {
        ore = ore
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(d - b'0')))
            .filter(|v| *v <= i128::from(i64::MAX) / 100 + 1)
            .ok_or(AmountIssue::OutOfRange)?;
    }
    ore = ore.saturating_mul(100);
    let frac = frac_part.unwrap_or_default();
    let mut scale = 10_i128;
    for (i, &d) in frac.iter().enumerate() {
        if i >= 2 {
            if d != b'0' {
                return Err(AmountIssue::Fractional);
            }
        } else {
            ore = ore.saturating_add(i128::from(d - b'0').saturating_mul(scale));
            scale /= 10;
        }
    }
    let signed = if negative { -ore } else { ore };
    i64::try_from(signed).map_err(|_| AmountIssue::OutOfRange)
}

/// Reads `-1 234,50` (Swedish Excel dialect, via [`SwedishNumber`]) into öre.
pub(crate) fn parse_swedish_ore(s: &str) -> core::result::Result<i64, AmountIssue> {
    let number = SwedishNumber::parse(s).map_err(|e| AmountIssue::Malformed(Some(Box::new(e))))?;
    if number.is_parenthesised() || !matches!(number.unit(), NumberUnit::None | NumberUnit::Kr) {
        return Err(AmountIssue::Malformed(None));
    }
    // `1.000` is 1 000 kr in many exports and 1 kr read as a decimal point.
    if number.decimal_mark() == Some(namnd_core::DecimalMark::Point) && number.decimals() == 3 {
        return Err(AmountIssue::Ambiguous);
    }
    decimal_to_ore(number.value())
}

fn decimal_to_ore(value: Decimal) -> core::result::Result<i64, AmountIssue> {
    let ore = value
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(AmountIssue::OutOfRange)?;
    if !ore.fract().is_zero() {
        return Err(AmountIssue::Fractional);
    }
    ore.to_i64().ok_or(AmountIssue::OutOfRange)
}

/// Why a date field could not be read.
enum DateIssue {
    Malformed,
    Impossible,
}

/// Reads `YYYY-MM-DD`.
fn parse_date(s: &str) -> core::result::Result<NaiveDate, DateIssue> {
    let b = s.as_bytes();
    let number = |range: Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter().try_fold(0_u32, |acc, &d| {
            d.is_ascii_digit()
                .then(|| acc.saturating_mul(10).saturating_add(u32::from(d - b'0')))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(DateIssue::Malformed);
    }
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(DateIssue::Malformed);
    };
    let year = i32::try_from(year).map_err(|_| DateIssue::Malformed)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateIssue::Impossible)
}

/// A borrowed, validated ledger row.
pub(crate) struct RawLedgerRow<'a> {
    pub(crate) date: NaiveDate,
    pub(crate) ansvar: &'a str,
    pub(crate) verksamhet: &'a str,
    pub(crate) konto: &'a str,
    pub(crate) ore: i64,
}

/// A borrowed, validated budget row.
pub(crate) struct RawBudgetRow<'a> {
    pub(crate) line: u64,
    pub(crate) ansvar: &'a str,
    pub(crate) verksamhet: &'a str,
    pub(crate) konto: &'a str,
    pub(crate) ore: i64,
}

/// Whether `value` holds a control character (`char::is_control`), on bytes
/// when it is ASCII.
pub(crate) fn has_control(value: &str) -> bool {
    // Printable ASCII (0x20..=0x7E) is the usual key: one pass on bytes.
    let printable = value
        .bytes()
        .fold(true, |ok, b| ok & (b.wrapping_sub(0x20) < 0x5F));
    !printable && value.chars().any(char::is_control)
}

/// Checks a key field: not empty, no control characters, no personnummer
/// ([`BudgetError::PersonnummerInKey`], the value not echoed).
///
/// `plain` says the record is printable ASCII (see [`LineKind::Plain`]), so
/// that no control character can be in it.
fn check_key(
    file: &Arc<str>,
    line: u64,
    column: &Column,
    value: &str,
    plain: bool,
) -> Result<(), BudgetError> {
    if value.is_empty() {
        return Err(BudgetError::EmptyField {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
        });
    }
    if !plain && has_control(value) {
        return Err(BudgetError::ControlCharacter {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
            value: echo(value),
        });
    }
    if namnd_core::looks_like_identity_number(value) {
        return Err(BudgetError::PersonnummerInKey {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
        });
    }
    Ok(())
}

fn parse_amount(
    dialect: Dialect,
    file: &Arc<str>,
    line: u64,
    column: &Column,
    value: &str,
) -> Result<i64, BudgetError> {
    if value.is_empty() {
        return Err(BudgetError::EmptyField {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
        });
    }
    let parsed = match dialect {
        Dialect::Machine => parse_machine_ore(value),
        Dialect::SwedishExcel => parse_swedish_ore(value),
    };
    parsed.map_err(|issue| {
        let (file, column, value) = (Arc::clone(file), column.name.clone(), echo(value));
        match issue {
            AmountIssue::Malformed(source) => BudgetError::MalformedAmount {
                file,
                line,
                column,
                value,
                source,
            },
            AmountIssue::Fractional => BudgetError::FractionalOre {
                file,
                line,
                column,
                value,
            },
            AmountIssue::OutOfRange => BudgetError::AmountOutOfRange {
                file,
                line,
                column,
                value,
            },
            AmountIssue::Ambiguous => BudgetError::AmbiguousAmount {
                file,
                line,
                column,
                value,
            },
        }
    })
}

// ----------------------------------------------------------- LedgerImporter

/// Streams the accepted rows of a ledger CSV; rejected rows go to its
/// [`ImportSummary`].
///
/// The iterator yields `Ok(row)` for every accepted row and `Err` only for a
/// fatal error (the file cannot be read further), after which it ends.
/// Memory does not grow with the file, only with the number of rejected rows.
///
/// A row is rejected if it has a different number of fields than the header,
/// a malformed or impossible date, a date outside the fiscal year (when
/// [`CsvOptions::with_fiscal_year`] is set), an empty key field (ansvar,
/// verksamhet, konto), a control character in a key, or an amount that is
/// malformed, has fractions of an öre or is beyond ±92 000 billion kronor.
/// Fields are trimmed of surrounding whitespace.
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, Dialect, LedgerImporter};
/// use namnd_core::{Amount, FiscalYear};
///
/// let csv = "\u{feff}Datum;Ansvar;Verksamhet;Konto;Belopp\r\n\
///            2023-01-31;1100;510;4010;\"1\u{a0}234,50\"\r\n\
///            2022-12-31;1100;510;4010;7,00\r\n";
/// let options = CsvOptions::new("huvudbok.csv").with_fiscal_year(FiscalYear::try_new(2023)?);
/// let mut import = LedgerImporter::new(csv.as_bytes(), options)?;
/// let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(rows[0].amount, Amount::from_ore(123_450));
/// let summary = import.into_summary();
/// assert_eq!(summary.dialect(), Dialect::SwedishExcel);
/// assert_eq!(
///     summary.rejected()[0].to_string(),
///     "date 2022-12-31 in huvudbok.csv line 3 column Datum is outside fiscal year 2023"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct LedgerImporter<R: Read> {
    source: CsvSource<R>,
    columns: [Column; 5],
    fiscal_year: Option<FiscalYear>,
    summary: ImportSummary,
}

impl<R: Read> LedgerImporter<R> {
    /// Starts importing: reads the header, detects dialect and encoding, and
    /// finds the columns.
    ///
    /// # Errors
    /// [`BudgetError::MissingHeader`] for an empty file,
    /// [`BudgetError::MissingColumn`] / [`BudgetError::DuplicateColumn`] if a
    /// column of the [`ColumnMap`] is not in the header exactly once,
    /// [`BudgetError::Read`] if reading fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetError, CsvOptions, LedgerImporter};
    ///
    /// let err = LedgerImporter::new(&b"datum,ansvar,konto,belopp\n"[..], CsvOptions::new("l.csv"))
    ///     .err().ok_or("expected an error")?;
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"column "verksamhet" is missing from the header "datum,ansvar,konto,belopp" of l.csv"#
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(reader: R, options: CsvOptions) -> Result<Self> {
        let (source, header) = CsvSource::open(reader, &options)?;
        let c = &options.columns;
        let columns = resolve_columns(
            &source.file,
            &header,
            [
                c.date.as_str(),
                c.ansvar.as_str(),
                c.verksamhet.as_str(),
                c.konto.as_str(),
                c.amount.as_str(),
            ],
        )?;
        Ok(LedgerImporter {
            summary: source.new_summary(options.report_limit),
            source,
            columns,
            fiscal_year: options.fiscal_year,
        })
    }

    /// The summary so far (complete once the iterator has ended).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    /// let import = LedgerImporter::new(&b"datum,ansvar,verksamhet,konto,belopp\n"[..], CsvOptions::new("l.csv"))?;
    /// assert_eq!(import.summary().rows_read(), 0);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Ends the import and returns its summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1,2,3,4.00\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.into_summary().accepted(), 1);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn into_summary(self) -> ImportSummary {
        self.summary
    }

    /// The accepted rows, each with the 1-based line it starts on (the header
    /// is line 1), as [`model::Outcome::from_ledger`](crate::model::Outcome::from_ledger)
    /// takes them; rejected rows are recorded in the summary on the way.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1,2,3,x\n2023-01-02,1,2,3,4.00\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// let lines: Vec<u64> = import.numbered().map(|row| row.map(|(line, _)| line)).collect::<Result<_, _>>()?;
    /// assert_eq!(lines, [3]);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn numbered(&mut self) -> impl Iterator<Item = Result<(u64, LedgerRow)>> + '_ {
        core::iter::from_fn(move || {
            let row = self.next()?;
            Some(row.map(|row| (self.source.line, row)))
        })
    }

    /// The next accepted row, borrowed; rejected rows are recorded on the way.
    pub(crate) fn next_raw(&mut self) -> Result<Option<RawLedgerRow<'_>>> {
        while self.source.advance(&mut self.summary)? {
            match self.check_row() {
                Ok((date, ore)) => {
                    self.summary.accept(ore);
                    let [_, a, v, k, _] = &self.columns;
                    return Ok(Some(RawLedgerRow {
                        date,
                        ansvar: self.source.field(a.index),
                        verksamhet: self.source.field(v.index),
                        konto: self.source.field(k.index),
                        ore,
                    }));
                }
                Err(error) => self.summary.reject_rows(error, self.source.lines()),
            }
        }
        Ok(None)
    }

    /// Hands every accepted row to `fold`, reading on up to `workers`
    /// threads: returns one accumulator (from `init`) per thread that read
    /// rows, in no particular order. The summary is the same as reading
    /// row by row, its rejections and notices in file order.
    ///
    /// This thread reads the file and cuts it into blocks of whole lines;
    /// the workers read the blocks. A block is only ever lines without `"`
    /// (see [`LineReader::take_block`]): from the first line that is not
    /// such, or with fewer than two workers, the rest is read row by row on
    /// this thread. `fold`'s first error (by position in the file among the
    /// blocks read) ends the import.
    pub(crate) fn fold_parallel<A: Send>(
        &mut self,
        workers: usize,
        init: impl Fn() -> A + Sync,
        fold: impl Fn(&mut A, RawLedgerRow<'_>) -> Result<()> + Sync,
    ) -> Result<Vec<A>> {
        let mut accumulators = Vec::new();
        if workers >= 2 {
            accumulators = self.fold_blocks(workers, &init, &fold)?;
        }
        let mut rest = init();
        while let Some(row) = self.next_raw()? {
            fold(&mut rest, row)?;
        }
        accumulators.push(rest);
        Ok(accumulators)
    }

    /// The parallel part of [`Self::fold_parallel`]: the blocks, until the
    /// next lines are none.
    fn fold_blocks<A: Send>(
        &mut self,
        workers: usize,
        init: &(impl Fn() -> A + Sync),
        fold: &(impl Fn(&mut A, RawLedgerRow<'_>) -> Result<()> + Sync),
    ) -> Result<Vec<A>> {
        use std::sync::{Mutex, mpsc};
        type Done = (usize, Result<(ImportSummary, bool)>, String);
        let reader = BlockReader {
            file: Arc::clone(&self.source.file),
            dialect: self.source.dialect,
            header_fields: self.source.header_fields,
            columns: self.columns.clone(),
            fiscal_year: self.fiscal_year,
        };
        let template = self.summary.empty_like();
        let (work, queue) = mpsc::sync_channel::<(usize, String, u64)>(workers.saturating_mul(2));
        let queue = Mutex::new(queue);
        let (done, finished) = mpsc::channel::<Done>();
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    let done = done.clone();
                    let (queue, reader, template) = (&queue, &reader, &template);
                    scope.spawn(move || {
                        let mut accumulator = init();
                        // After an error the worker only drains the queue, so
                        // that the reading thread never waits on a full one.
                        let mut failed = false;
                        loop {
                            let next = match queue.lock() {
                                Ok(queue) => queue.recv(),
                                Err(_) => break,
                            };
                            let Ok((index, text, first)) = next else {
                                break;
                            };
                            if failed {
                                continue;
                            }
                            let mut summary = template.empty_like();
                            let read =
                                reader.read(&text, first, &mut summary, &mut accumulator, fold);
                            failed = read.is_err();
                            let result = read.map(|utf8| (summary, utf8));
                            failed |= done.send((index, result, text)).is_err();
                        }
                        accumulator
                    })
                })
                .collect();
            drop(done);
            // Blocks finished, by index, until they can be merged in order.
            let mut pending = BTreeMap::<usize, Result<(ImportSummary, bool)>>::new();
            let mut merged = 0_usize;
            let mut failure: Option<BudgetError> = None;
            let mut spare: Option<String> = None;
            let mut utf8 = false;
            let mut merge = |summary: &mut ImportSummary,
                             pending: &mut BTreeMap<usize, Result<(ImportSummary, bool)>>,
                             failure: &mut Option<BudgetError>| {
                while let Some(result) = pending.remove(&merged) {
                    merged = merged.saturating_add(1);
                    match result {
                        Ok((part, decided)) => {
                            summary.absorb(part);
                            utf8 |= decided;
                        }
                        Err(error) => {
                            failure.get_or_insert(error);
                        }
                    }
                }
            };
            let mut index = 0_usize;
            let sent = loop {
                while let Ok((i, result, text)) = finished.try_recv() {
                    pending.insert(i, result);
                    spare = Some(text);
                }
                merge(&mut self.summary, &mut pending, &mut failure);
                if failure.is_some() {
                    break Ok(());
                }
                match self.source.take_block(spare.take()) {
                    Ok(Some((text, first))) => {
                        if work.send((index, text, first)).is_err() {
                            break Ok(());
                        }
                        index = index.saturating_add(1);
                    }
                    Ok(None) => break Ok(()),
                    Err(error) => break Err(error),
                }
            };
            drop(work);
            let accumulators: Vec<A> = handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e))
                })
                .collect();
            for (i, result, _) in finished.try_iter() {
                pending.insert(i, result);
            }
            merge(&mut self.summary, &mut pending, &mut failure);
            if utf8 {
                self.source.decide_utf8();
            }
            self.summary.set_encoding(self.source.encoding());
            sent?;
            match failure {
                Some(error) => Err(error),
                None => Ok(accumulators),
            }
        })
    }

    fn check_row(&self) -> Result<(NaiveDate, i64)> {
        let source = &self.source;
        check_fields(
            &source.file,
            source.dialect,
            source.line,
            &self.columns,
            self.fiscal_year,
            |i| source.field(i),
            source.plain,
        )
    }
}

/// Checks the fields of one ledger record (read by `field`, on `line`):
/// its date (in `fiscal_year`, if any), keys and amount.
fn check_fields<'t>(
    file: &Arc<str>,
    dialect: Dialect,
    line: u64,
    columns: &[Column; 5],
    fiscal_year: Option<FiscalYear>,
    field: impl Fn(usize) -> &'t str,
    plain: bool,
) -> Result<(NaiveDate, i64)> {
    let [d, a, v, k, amount] = columns;
    let text = field(d.index);
    let located = |value: &str| (Arc::clone(file), d.name.clone(), echo(value));
    let date = match parse_date(text) {
        Ok(date) => date,
        Err(issue) if text.is_empty() => {
            let _ = issue;
            return Err(BudgetError::EmptyField {
                file: Arc::clone(file),
                line,
                column: d.name.clone(),
            });
        }
        Err(DateIssue::Malformed) => {
            let (file, column, value) = located(text);
            return Err(BudgetError::MalformedDate {
                file,
                line,
                column,
                value,
            });
        }
        Err(DateIssue::Impossible) => {
            let (file, column, value) = located(text);
            return Err(BudgetError::ImpossibleDate {
                file,
                line,
                column,
                value,
            });
        }
    };
    if let Some(year) = fiscal_year
        && !year.contains_date(date)
    {
        return Err(BudgetError::DateOutsideFiscalYear {
            file: Arc::clone(file),
            line,
            column: d.name.clone(),
            date,
            year,
        });
    }
    for key in [a, v, k] {
        check_key(file, line, key, field(key.index), plain)?;
    }
    let ore = parse_amount(dialect, file, line, amount, field(amount.index))?;
    Ok((date, ore))
}

impl<R: Read> Iterator for LedgerImporter<R> {
    type Item = Result<LedgerRow>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_raw() {
            Ok(Some(raw)) => Some(Ok(LedgerRow {
                date: raw.date,
                ansvar: raw.ansvar.to_owned(),
                verksamhet: raw.verksamhet.to_owned(),
                konto: raw.konto.to_owned(),
                amount: Amount::from_ore(raw.ore),
            })),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

impl<R: Read> core::fmt::Debug for LedgerImporter<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LedgerImporter")
            .field("file", &self.source.file)
            .field("dialect", &self.source.dialect)
            .field("line", &self.source.line)
            .finish_non_exhaustive()
    }
}

// ----------------------------------------------------------- BudgetImporter

/// Streams the accepted rows of a budget CSV; rejected rows go to its
/// [`ImportSummary`].
///
/// Like [`LedgerImporter`], without a date. A key (ansvar, verksamhet, konto)
/// that appears again is **accepted and summed** with the earlier rows, as
/// the peer implementation of the follow-up does, and reported as a
/// [`BudgetError::DuplicateBudgetKey`] in [`ImportSummary::notices`]. To do
/// that the importer remembers each key's first line, so its memory grows
/// with the number of distinct keys (a budget has few).
///
/// # Example
/// ```
/// use namnd_budget::{BudgetImporter, CsvOptions};
/// use namnd_core::Amount;
///
/// let csv = "ansvar;verksamhet;konto;budget\n1100;510;4010;1 500 000\n1100;510;3010;-250 000,50\n";
/// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("budget.csv"))?;
/// let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(rows[1].budget, Amount::from_ore(-25_000_050));
/// assert_eq!(import.summary().total(), Amount::from_ore(124_999_950));
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
pub struct BudgetImporter<R: Read> {
    source: CsvSource<R>,
    columns: [Column; 4],
    first_lines: HashMap<String, u64>,
    key: String,
    duplicate_keys: DuplicateKeys,
    summary: ImportSummary,
}

impl<R: Read> BudgetImporter<R> {
    /// Starts importing: reads the header, detects dialect and encoding, and
    /// finds the columns.
    ///
    /// # Errors
    /// As [`LedgerImporter::new`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetImporter, CsvOptions};
    /// let import = BudgetImporter::new(&b"konto,ansvar,budget,verksamhet\n"[..], CsvOptions::new("b.csv"))?;
    /// assert_eq!(import.summary().rows_read(), 0);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn new(reader: R, options: CsvOptions) -> Result<Self> {
        let (source, header) = CsvSource::open(reader, &options)?;
        let c = &options.columns;
        let columns = resolve_columns(
            &source.file,
            &header,
            [
                c.ansvar.as_str(),
                c.verksamhet.as_str(),
                c.konto.as_str(),
                c.budget.as_str(),
            ],
        )?;
        Ok(BudgetImporter {
            summary: source.new_summary(options.report_limit),
            source,
            columns,
            first_lines: HashMap::new(),
            key: String::new(),
            duplicate_keys: options.duplicate_keys,
        })
    }

    /// The summary so far (complete once the iterator has ended).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetImporter, CsvOptions};
    /// let import = BudgetImporter::new(&b"ansvar,verksamhet,konto,budget\n"[..], CsvOptions::new("b.csv"))?;
    /// assert_eq!(import.summary().accepted(), 0);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Ends the import and returns its summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetImporter, CsvOptions};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,4\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.into_summary().accepted(), 1);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn into_summary(self) -> ImportSummary {
        self.summary
    }

    /// The accepted rows, each with the 1-based line it starts on (the header
    /// is line 1), as [`model::budget_lines`](crate::model::budget_lines)
    /// takes them; rejected rows and repeated keys are recorded in the
    /// summary on the way.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetImporter, CsvOptions};
    /// let csv = "ansvar,verksamhet,konto,budget\n1,2,3,4\n1,2,4,x\n1,2,5,6\n";
    /// let mut import = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv"))?;
    /// let lines: Vec<u64> = import.numbered().map(|row| row.map(|(line, _)| line)).collect::<Result<_, _>>()?;
    /// assert_eq!(lines, [2, 4]);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn numbered(&mut self) -> impl Iterator<Item = Result<(u64, BudgetRow)>> + '_ {
        core::iter::from_fn(move || {
            let row = self.next()?;
            Some(row.map(|row| (self.source.line, row)))
        })
    }

    /// The next accepted row, borrowed; rejected rows are recorded on the way.
    pub(crate) fn next_raw(&mut self) -> Result<Option<RawBudgetRow<'_>>> {
        while self.source.advance(&mut self.summary)? {
            let checked = self.check_row().and_then(|ore| {
                self.check_duplicate()?;
                Ok(ore)
            });
            match checked {
                Ok(ore) => {
                    self.summary.accept(ore);
                    let [a, v, k, _] = &self.columns;
                    return Ok(Some(RawBudgetRow {
                        line: self.source.line,
                        ansvar: self.source.field(a.index),
                        verksamhet: self.source.field(v.index),
                        konto: self.source.field(k.index),
                        ore,
                    }));
                }
                Err(error) => self.summary.reject_rows(error, self.source.lines()),
            }
        }
        Ok(None)
    }

    fn check_row(&self) -> Result<i64> {
        let source = &self.source;
        let (file, line) = (&source.file, source.line);
        let [a, v, k, budget] = &self.columns;
        for key in [a, v, k] {
            check_key(file, line, key, source.field(key.index), source.plain)?;
        }
        parse_amount(
            source.dialect,
            file,
            line,
            budget,
            source.field(budget.index),
        )
    }

    /// Remembers the key of the current row; for a repeated key, records a
    /// notice ([`DuplicateKeys::Sum`]) or returns the rejection
    /// ([`DuplicateKeys::Reject`]).
    fn check_duplicate(&mut self) -> Result<()> {
        let line = self.source.line;
        let [a, v, k, _] = &self.columns;
        let (ansvar, verksamhet, konto) = (
            self.source.field(a.index),
            self.source.field(v.index),
            self.source.field(k.index),
        );
        join_key(&mut self.key, ansvar, verksamhet, konto);
        let Some(&first_line) = self.first_lines.get(self.key.as_str()) else {
            self.first_lines.insert(self.key.clone(), line);
            return Ok(());
        };
        let file = Arc::clone(&self.source.file);
        let (ansvar, verksamhet, konto) = (echo(ansvar), echo(verksamhet), echo(konto));
        match self.duplicate_keys {
            DuplicateKeys::Sum => {
                self.summary.notice(BudgetError::DuplicateBudgetKey {
                    file,
                    line,
                    first_line,
                    ansvar,
                    verksamhet,
                    konto,
                });
                Ok(())
            }
            DuplicateKeys::Reject => Err(BudgetError::RepeatedBudgetKey {
                file,
                line,
                first_line,
                ansvar,
                verksamhet,
                konto,
            }),
        }
    }
}

impl<R: Read> Iterator for BudgetImporter<R> {
    type Item = Result<BudgetRow>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_raw() {
            Ok(Some(raw)) => Some(Ok(BudgetRow {
                ansvar: raw.ansvar.to_owned(),
                verksamhet: raw.verksamhet.to_owned(),
                konto: raw.konto.to_owned(),
                budget: Amount::from_ore(raw.ore),
            })),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

impl<R: Read> core::fmt::Debug for BudgetImporter<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BudgetImporter")
            .field("file", &self.source.file)
            .field("dialect", &self.source.dialect)
            .field("line", &self.source.line)
            .finish_non_exhaustive()
    }
}

/// Joins a key as `ansvar NUL verksamhet NUL konto`. Keys hold no control
/// characters (checked on import), so the join is unambiguous, and the byte
/// order of joined keys is the lexicographic order of the (ansvar,
/// verksamhet, konto) triples.
pub(crate) fn join_key(buffer: &mut String, ansvar: &str, verksamhet: &str, konto: &str) {
    buffer.clear();
    buffer.push_str(ansvar);
    buffer.push('\0');
    buffer.push_str(verksamhet);
    buffer.push('\0');
    buffer.push_str(konto);
}

/// `parts` joined by NUL and packed with the joined length (in the last,
/// most significant byte) into a `u128`, as `u128::from_le_bytes` of the
/// zero-padded bytes would give; `None` if the joined bytes are longer than
/// 15. Distinct joined byte strings give distinct numbers.
///
/// Each part is read with two overlapping loads (see [`load_le`]) rather
/// than copied into an array: a variable-length copy followed by a wide load
/// stalls store forwarding, which made the key cost more than the hash
/// lookup itself.
pub(crate) fn pack_short(parts: &[&[u8]]) -> Option<u128> {
    let mut packed = 0_u128;
    let mut at = 0_usize;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // The NUL between parts: a zero byte.
            at = at.checked_add(1)?;
        }
        let end = at.checked_add(part.len())?;
        if end > 15 {
            return None;
        }
        let shift = u32::try_from(at.checked_mul(8)?).ok()?;
        packed |= load_le(part)?.checked_shl(shift)?;
        at = end;
    }
    let len = u128::from(u8::try_from(at).ok()?);
    Some(packed | (len << 120))
}

/// The bytes of `b` (at most 16) as a little-endian number, read with at
/// most two overlapping loads; `None` if `b` is longer than 16 bytes.
fn load_le(b: &[u8]) -> Option<u128> {
    let len = b.len();
    let word = |range: core::ops::Range<usize>| -> Option<u64> {
        let bytes: [u8; 8] = b.get(range)?.try_into().ok()?;
        Some(u64::from_le_bytes(bytes))
    };
    let half = |range: core::ops::Range<usize>| -> Option<u32> {
        let bytes: [u8; 4] = b.get(range)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes))
    };
    let byte = |i: usize| -> Option<u128> { b.get(i).map(|&x| u128::from(x)) };
    // Shifting the upper load into place ORs equal bytes where the loads overlap.
    let shift = |n: usize| u32::try_from(len.saturating_sub(n).saturating_mul(8)).ok();
    Some(match len {
        0 => 0,
        1..=3 => {
            byte(0)?
                | byte(len / 2)?.checked_shl(u32::try_from(len / 2 * 8).ok()?)?
                | byte(len - 1)?.checked_shl(shift(1)?)?
        }
        4..=7 => {
            u128::from(half(0..4)?) | u128::from(half(len - 4..len)?).checked_shl(shift(4)?)?
        }
        8..=16 => {
            u128::from(word(0..8)?) | u128::from(word(len - 8..len)?).checked_shl(shift(8)?)?
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_amounts_are_read_exactly_in_ore() {
        let ore = |s| parse_machine_ore(s).ok();
        assert_eq!(ore("1234.56"), Some(123_456));
        assert_eq!(ore("-0.05"), Some(-5));
        assert_eq!(ore("7"), Some(700));
        assert_eq!(ore("7.5"), Some(750));
        assert_eq!(ore("7.500"), Some(750));
        assert_eq!(ore("+3.00"), Some(300));
        assert_eq!(ore("92233720368547758.07"), Some(i64::MAX));
        assert_eq!(ore("-92233720368547758.08"), Some(i64::MIN));
        assert!(matches!(
            parse_machine_ore("92233720368547758.08"),
            Err(AmountIssue::OutOfRange)
        ));
        assert!(matches!(
            parse_machine_ore("1.005"),
            Err(AmountIssue::Fractional)
        ));
        for bad in ["", "-", ".5", "5.", "1,5", "1 000", "1e3", "--1", "0x10"] {
            assert!(
                matches!(parse_machine_ore(bad), Err(AmountIssue::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn swedish_amounts_accept_space_and_no_break_space_thousands() {
        let ore = |s| parse_swedish_ore(s).ok();
        assert_eq!(ore("1 234,50"), Some(123_450));
        assert_eq!(ore("1\u{a0}234,50"), Some(123_450));
        assert_eq!(ore("-12 000"), Some(-1_200_000));
        assert_eq!(ore("\u{2212}3,5"), Some(-350));
        assert!(matches!(
            parse_swedish_ore("(5,00)"),
            Err(AmountIssue::Malformed(_))
        ));
        assert!(matches!(
            parse_swedish_ore("5 %"),
            Err(AmountIssue::Malformed(_))
        ));
        assert!(matches!(
            parse_swedish_ore("0,001"),
            Err(AmountIssue::Fractional)
        ));
    }

    #[test]
    fn a_swedish_point_before_three_digits_is_ambiguous_and_before_fewer_a_decimal_point() {
        for ambiguous in ["1.000", "-2.500", "12.345", "1.000 kr"] {
            assert!(
                matches!(parse_swedish_ore(ambiguous), Err(AmountIssue::Ambiguous)),
                "{ambiguous}"
            );
        }
        assert_eq!(parse_swedish_ore("12.5").ok(), Some(1_250));
        assert_eq!(parse_swedish_ore("12.50").ok(), Some(1_250));
        assert_eq!(parse_swedish_ore("1,000").ok(), Some(100));
        assert_eq!(parse_swedish_ore("1 000").ok(), Some(100_000));
        // The machine dialect's point is a decimal point, always.
        assert_eq!(parse_machine_ore("1.000").ok(), Some(100));
    }

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(matches!(
            parse_date("2023-02-29"),
            Err(DateIssue::Impossible)
        ));
        assert!(matches!(
            parse_date("2023-13-01"),
            Err(DateIssue::Impossible)
        ));
        for bad in ["2023-1-01", "2023/01/01", "20230101", "2023-01-0x", ""] {
            assert!(
                matches!(parse_date(bad), Err(DateIssue::Malformed)),
                "{bad}"
            );
        }
    }

    // ------------------------------------------- the fast path reads as csv

    /// Switches an importer's source to the `csv` path right after the
    /// header: the reference the fast path must match.
    fn via_csv<R: Read>(source: &mut CsvSource<R>) {
        if let Input::Lines(lines) = core::mem::replace(&mut source.input, Input::Switching) {
            source.input = Input::Csv(Box::new(lines.into_csv()));
        }
    }

    /// Everything an import tells: rows with their lines, and the summary.
    fn ledger_outcome(bytes: &[u8], csv_only: bool) -> Vec<String> {
        let mut options = CsvOptions::new("l.csv");
        if let Ok(year) = FiscalYear::try_new(2023) {
            options = options.with_fiscal_year(year);
        }
        let mut import = match LedgerImporter::new(bytes, options) {
            Ok(import) => import,
            Err(e) => return vec![format!("fatal {e}")],
        };
        if csv_only {
            via_csv(&mut import.source);
        }
        let mut out: Vec<String> = import.numbered().map(|row| format!("{row:?}")).collect();
        out.extend(summary_lines(import.summary()));
        out
    }

    fn budget_outcome(bytes: &[u8], csv_only: bool) -> Vec<String> {
        let mut import = match BudgetImporter::new(bytes, CsvOptions::new("b.csv")) {
            Ok(import) => import,
            Err(e) => return vec![format!("fatal {e}")],
        };
        if csv_only {
            via_csv(&mut import.source);
        }
        let mut out: Vec<String> = import.numbered().map(|row| format!("{row:?}")).collect();
        out.extend(summary_lines(import.summary()));
        out
    }

    fn summary_lines(summary: &ImportSummary) -> Vec<String> {
        let mut out = vec![format!(
            "read {} accepted {} rejected {} total {} debit {} credit {} encoding {:?} dialect {:?}",
            summary.rows_read(),
            summary.accepted(),
            summary.rejected_count(),
            summary.total_ore(),
            summary.debit_ore(),
            summary.credit_ore(),
            summary.encoding(),
            summary.dialect()
        )];
        out.extend(summary.rejected().iter().map(|e| format!("rejected {e}")));
        out.extend(summary.notices().iter().map(|e| format!("notice {e}")));
        out
    }

    /// Pieces of fields: the usual ones, and every kind of trouble.
    const ATOMS: [&str; 34] = [
        "2023-01-05",
        "2023-12-31",
        "2022-12-31",
        "2023-02-30",
        "2023-1-5",
        "1100",
        "510",
        "4010",
        "12.50",
        "-0.01",
        "7",
        "1.005",
        "1e3",
        "+3",
        "5.",
        "",
        " ",
        "\t",
        "\r",
        "\u{b}",
        "\u{7f}",
        "\u{7}",
        "\"",
        "\"a,b\"",
        "\"x\"\"y\"",
        "å",
        "\u{85}",
        "\u{a0}",
        "1 234,50",
        "-12,5",
        "x",
        ";",
        ",",
        "99999999999999999999",
    ];

    fn arbitrary_csv(header: &'static str) -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let field = proptest::collection::vec(0..ATOMS.len(), 0..3).prop_map(|parts| {
            parts
                .into_iter()
                .filter_map(|i| ATOMS.get(i).copied())
                .collect::<String>()
        });
        let line = (
            proptest::collection::vec(field, 1..7),
            any::<bool>(),
            0..8_u8,
        );
        proptest::collection::vec(line, 0..12).prop_map(move |lines| {
            let mut bytes = header.as_bytes().to_vec();
            for (fields, semicolon, twist) in lines {
                let delimiter = if semicolon { ";" } else { "," };
                let mut text = fields.join(delimiter).into_bytes();
                match twist {
                    // A byte that is not UTF-8 (Windows-1252 å).
                    0 => text.push(0xE5),
                    // An empty line before it.
                    1 => bytes.push(b'\n'),
                    _ => {}
                }
                bytes.extend_from_slice(&text);
                bytes.extend_from_slice(if twist == 2 { b"\r\n" } else { b"\n" });
            }
            if bytes.last() == Some(&b'\n') && header.len().is_multiple_of(2) {
                bytes.pop();
            }
            bytes
        })
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_reads_ledgers_exactly_as_csv(
            bytes in arbitrary_csv("datum,ansvar,verksamhet,konto,belopp\n"),
        ) {
            proptest::prop_assert_eq!(ledger_outcome(&bytes, false), ledger_outcome(&bytes, true));
        }

        #[test]
        fn the_fast_path_reads_swedish_ledgers_exactly_as_csv(
            bytes in arbitrary_csv("Datum;Ansvar;Verksamhet;Konto;Belopp\r\n"),
        ) {
            proptest::prop_assert_eq!(ledger_outcome(&bytes, false), ledger_outcome(&bytes, true));
        }

        #[test]
        fn the_fast_path_reads_budgets_exactly_as_csv(
            bytes in arbitrary_csv("ansvar,verksamhet,konto,budget\n"),
        ) {
            proptest::prop_assert_eq!(budget_outcome(&bytes, false), budget_outcome(&bytes, true));
        }

        #[test]
        fn short_machine_amounts_agree_with_the_general_path(
            text in "[-+]?[0-9]{0,17}(\\.[0-9]{0,4})?",
        ) {
            let general = parse_machine_ore_general(&text).ok();
            if let Some(short) = short_machine_ore(text.as_bytes()) {
                proptest::prop_assert_eq!(Some(short), general);
            }
            proptest::prop_assert_eq!(parse_machine_ore(&text).ok(), general);
        }
    }

    #[test]
    fn split_line_finds_fields_and_kinds() {
        let mut ranges = Vec::new();
        let line = "2023-01-05,1100,510,4010,12.50";
        assert_eq!(split_line(line, 3, b',', &mut ranges), LineKind::Plain);
        assert_eq!(ranges, [3..13, 14..18, 19..22, 23..27, 28..33]);
        assert_eq!(split_line(" a ,b\r", 0, b',', &mut ranges), LineKind::Ascii);
        assert_eq!(ranges, [1..2, 4..5]);
        assert_eq!(
            split_line("a\u{7f},b", 0, b',', &mut ranges),
            LineKind::Ascii
        );
        assert_eq!(split_line("å,b", 0, b',', &mut ranges), LineKind::NotAscii);
        assert_eq!(split_line("", 0, b',', &mut ranges), LineKind::Plain);
        assert_eq!(ranges.first(), Some(&(0..0)));
        assert_eq!(ranges.len(), 1);
        assert_eq!(
            split_line(",,,,,,,,,", 0, b',', &mut ranges),
            LineKind::Plain
        );
        assert_eq!(ranges.len(), 10);
    }

    /// Personnummer in the forms `redact_identity_numbers` finds, alone and
    /// inside other text.
    const IDENTITY_NUMBERS: [&str; 6] = [
        "19121212-1212",
        "121212-1212",
        "191212121212",
        "1212121212",
        "121212+1212",
        "Ansvar 19121212-1212",
    ];

    /// One rejection: reason, line, column, message.
    type Rejection = (&'static str, Option<u64>, String, String);

    /// The rows accepted and the rejections of a ledger import.
    fn ledger_rejections(csv: &str) -> (u64, Vec<Rejection>) {
        let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv")).unwrap();
        let accepted = import.by_ref().filter(Result::is_ok).count();
        let summary = import.into_summary();
        assert_eq!(summary.accepted(), u64::try_from(accepted).unwrap());
        let rejections = summary
            .rejected()
            .iter()
            .map(|e| {
                let column = e.column().unwrap_or_default().to_owned();
                (e.reason(), e.line(), column, e.to_string())
            })
            .collect();
        (summary.accepted(), rejections)
    }

    fn assert_not_echoed(message: &str) {
        assert!(
            matches!(
                namnd_core::redact_identity_numbers(message),
                std::borrow::Cow::Borrowed(_)
            ),
            "{message}"
        );
        assert!(!message.contains("1212"), "{message}");
    }

    #[test]
    fn a_personnummer_in_any_ledger_key_column_rejects_the_row_without_echoing_it() {
        for number in IDENTITY_NUMBERS {
            for (index, column) in ["ansvar", "verksamhet", "konto"].into_iter().enumerate() {
                let mut keys = ["1100", "510", "4010"];
                if let Some(key) = keys.get_mut(index) {
                    *key = number;
                }
                let [a, v, k] = keys;
                let csv = format!(
                    "datum,ansvar,verksamhet,konto,belopp\n\
                     2023-01-31,{a},{v},{k},1000.00\n\
                     2023-01-31,1100,510,4010,10.00\n"
                );
                let (accepted, rejections) = ledger_rejections(&csv);
                assert_eq!(accepted, 1, "{csv}");
                assert_eq!(rejections.len(), 1, "{csv}");
                let (reason, line, found_column, message) = &rejections[0];
                assert_eq!(
                    (*reason, *line, found_column.as_str()),
                    ("PersonnummerInKey", Some(2), column)
                );
                assert_eq!(
                    message,
                    &format!(
                        "{column} in l.csv line 2 looks like a personal identity number (not shown); the row is rejected"
                    )
                );
                assert_not_echoed(message);
            }
        }
    }

    #[test]
    fn a_personnummer_in_a_swedish_ledger_with_quotes_rejects_the_row() {
        // Not printable ASCII and quoted: the general (`csv`) path.
        let csv = "datum;ansvar;verksamhet;konto;belopp\n\
                   2023-01-31;\"\u{c4}ldre 19121212-1212\";510;4010;1 000,00\n\
                   2023-01-31;1100;510;4010;10,00\n";
        let (accepted, rejections) = ledger_rejections(csv);
        assert_eq!(accepted, 1);
        assert_eq!(rejections.len(), 1);
        assert_eq!(rejections[0].0, "PersonnummerInKey");
        assert_eq!(rejections[0].2, "ansvar");
        assert_not_echoed(&rejections[0].3);
    }

    #[test]
    fn a_personnummer_in_any_budget_key_column_rejects_the_row_without_echoing_it() {
        for number in IDENTITY_NUMBERS {
            for (index, column) in ["ansvar", "verksamhet", "konto"].into_iter().enumerate() {
                let mut keys = ["1100", "510", "4010"];
                if let Some(key) = keys.get_mut(index) {
                    *key = number;
                }
                let [a, v, k] = keys;
                let csv = format!(
                    "ansvar,verksamhet,konto,budget\n1100,510,4010,12000.00\n{a},{v},{k},100.00\n"
                );
                let mut import =
                    BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv")).unwrap();
                let rows: Vec<BudgetRow> = import.by_ref().map(Result::unwrap).collect();
                assert_eq!(rows.len(), 1);
                let summary = import.into_summary();
                assert_eq!(
                    (
                        summary.rows_read(),
                        summary.accepted(),
                        summary.rejected_count()
                    ),
                    (2, 1, 1)
                );
                let rejected = &summary.rejected()[0];
                assert_eq!(
                    (rejected.reason(), rejected.line(), rejected.column()),
                    ("PersonnummerInKey", Some(3), Some(column))
                );
                assert_eq!(
                    summary.rejected_by_reason().collect::<Vec<_>>(),
                    [("PersonnummerInKey", 1)]
                );
                assert_not_echoed(&rejected.to_string());
            }
        }
    }

    #[test]
    fn keys_without_a_personnummer_shape_are_accepted() {
        for key in [
            "1100",
            "4010",
            "12345",
            "123456",
            "1234567",
            "12345678",
            "123456789",
            "12345678901",
            "1234567890123",
            "2023-01-31",
            "Äldreomsorg",
            "",
        ] {
            assert!(!namnd_core::looks_like_identity_number(key), "{key}");
        }
        for key in IDENTITY_NUMBERS {
            assert!(namnd_core::looks_like_identity_number(key), "{key}");
        }
    }

    /// A fold error ends the import whatever the number of threads, even
    /// when every worker fails (they drain the queue, so the reading thread
    /// never waits on a full one), and the error is the first in the file.
    #[test]
    fn a_fold_error_ends_the_import_with_the_first_error_on_any_number_of_threads() {
        let mut csv = String::from("datum,ansvar,verksamhet,konto,belopp\n");
        for i in 0..300 {
            csv.push_str(&format!("2023-01-10,1100,510,4010,{i}.00\n"));
        }
        for workers in [1, 2, 4] {
            let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv")).unwrap();
            let result = import.fold_parallel(
                workers,
                || (),
                |(), row| {
                    if row.ore >= 5_000 {
                        Err(BudgetError::Overflow {
                            file: Arc::from("l.csv"),
                            line: 0,
                            what: format!("row of {}", row.ore),
                        })
                    } else {
                        Ok(())
                    }
                },
            );
            assert!(
                matches!(&result, Err(BudgetError::Overflow { what, .. }) if what == "row of 5000"),
                "{workers} workers: {:?}",
                result.err()
            );
        }
    }

    proptest::proptest! {
        /// The packed key is the little-endian number of the NUL-joined bytes
        /// with the length in the last byte, exactly when they fit in 15
        /// bytes; so two keys share a number only if they are equal.
        #[test]
        fn packed_keys_are_the_joined_bytes_and_their_length(
            parts in proptest::collection::vec(proptest::collection::vec(proptest::num::u8::ANY, 0..9), 1..4),
            other in proptest::collection::vec(proptest::collection::vec(proptest::num::u8::ANY, 0..9), 1..4),
        ) {
            let slices: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
            let joined = slices.join(&0_u8);
            let expected = (joined.len() <= 15).then(|| {
                let mut bytes = [0_u8; 16];
                bytes[..joined.len()].copy_from_slice(&joined);
                bytes[15] = joined.len() as u8;
                u128::from_le_bytes(bytes)
            });
            proptest::prop_assert_eq!(pack_short(&slices), expected);
            let other_slices: Vec<&[u8]> = other.iter().map(Vec::as_slice).collect();
            if let (Some(a), Some(b)) = (pack_short(&slices), pack_short(&other_slices)) {
                proptest::prop_assert_eq!(a == b, joined == other_slices.join(&0_u8));
            }
        }
    }
}
