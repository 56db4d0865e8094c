//! Streaming CSV import of ledgers and budgets in two dialects.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::{Amount, Decimal, FiscalYear, NumberUnit, SwedishNumber};
use rust_decimal::prelude::ToPrimitive;

use crate::error::{BudgetError, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

// ------------------------------------------------------------------ Dialect

/// A CSV dialect: delimiter, decimal mark and thousands separators.
///
/// | Dialect | Delimiter | Amounts | Encoding |
/// |---|---|---|---|
/// | [`Dialect::Machine`] | `,` | `-1234.50` (decimal point, no separators) | UTF-8 |
/// | [`Dialect::SwedishExcel`] | `;` | `-1 234,50` (decimal comma; space or no-break space between thousands; read with [`SwedishNumber`]) | UTF-8 with or without BOM, or Windows-1252 |
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
    fiscal_year: Option<FiscalYear>,
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
        }
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

/// What an import read, kept and rejected, for reconciliation against the
/// ledger system.
///
/// Invariant: `accepted() + rejected().len() == rows_read()`. The totals are
/// the sums of the accepted amounts. Empty lines are not rows.
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
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected().len()), (3, 2, 1));
/// assert_eq!(summary.total(), Amount::from_ore(5_950));
/// assert_eq!(summary.rejected()[0].line(), Some(3));
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ImportSummary {
    file: Arc<str>,
    dialect: Dialect,
    encoding: TextEncoding,
    rows_read: u64,
    accepted: u64,
    total_ore: i64,
    rejected: Vec<BudgetError>,
    notices: Vec<BudgetError>,
    skipped: u64,
}

impl ImportSummary {
    /// The summary of a worksheet import ([`crate::excel`]): cells are typed,
    /// text amounts are read as in [`Dialect::SwedishExcel`], and the text of
    /// an `.xlsx` file is UTF-8 XML.
    pub(crate) fn for_workbook(
        file: Arc<str>,
        rows_read: u64,
        accepted: u64,
        total_ore: i64,
        rejected: Vec<BudgetError>,
        notices: Vec<BudgetError>,
        skipped: u64,
    ) -> Self {
        ImportSummary {
            file,
            dialect: Dialect::SwedishExcel,
            encoding: TextEncoding::Utf8,
            rows_read,
            accepted,
            total_ore,
            rejected,
            notices,
            skipped,
        }
    }

    /// The summary of a SIE 4 import ([`crate::sie`]): PC8 text, amounts
    /// written as in [`Dialect::Machine`]; `skipped` counts the `#TRANS` rows
    /// on balance-sheet accounts.
    pub(crate) fn for_sie(
        file: Arc<str>,
        rows_read: u64,
        accepted: u64,
        total_ore: i64,
        rejected: Vec<BudgetError>,
        notices: Vec<BudgetError>,
        skipped: u64,
    ) -> Self {
        ImportSummary {
            file,
            dialect: Dialect::Machine,
            encoding: TextEncoding::Pc8,
            rows_read,
            accepted,
            total_ore,
            rejected,
            notices,
            skipped,
        }
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

    /// The rejected rows, in file order, each with its line, column and reason.
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
        &self.rejected
    }

    /// Things worth a look that did not reject a row, such as a repeated
    /// budget key ([`BudgetError::DuplicateBudgetKey`]).
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
        &self.notices
    }

    /// The sum of the accepted amounts.
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
        Amount::from_ore(self.total_ore)
    }
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

/// The header line read ahead, the rest of the file, and a final `\n` so that
/// every record ends with one (an extra blank line is skipped by `csv`).
type Inner<R> = csv::Reader<Chain<Chain<Cursor<Vec<u8>>, BufReader<R>>, &'static [u8]>>;

/// The result of reading one record.
enum Next {
    Eof,
    Record,
    Rejected(BudgetError),
}

/// A CSV file being read record by record, decoded into one reused buffer.
struct CsvSource<R: Read> {
    file: Arc<str>,
    dialect: Dialect,
    reader: Inner<R>,
    record: csv::ByteRecord,
    text: String,
    ranges: Vec<Range<usize>>,
    encoding: EncodingState,
    header_fields: usize,
    line: u64,
    failed: bool,
}

impl<R: Read> CsvSource<R> {
    /// Opens the file: strips a BOM, detects the dialect and reads the header,
    /// returning the source and the header names.
    fn open(reader: R, options: &CsvOptions) -> Result<(Self, Vec<String>)> {
        let file = Arc::clone(&options.file);
        let mut buffered = BufReader::new(reader);
        let mut first = Vec::new();
        buffered
            .read_until(b'\n', &mut first)
            .map_err(|e| read_error(&file, 0, e))?;
        let mut encoding = EncodingState::Undecided;
        if first.starts_with(UTF8_BOM) {
            first.drain(..UTF8_BOM.len());
            encoding = EncodingState::Utf8WithBom;
        }
        let dialect = options.dialect.unwrap_or_else(|| Dialect::detect(&first));
        let inner = csv::ReaderBuilder::new()
            .delimiter(dialect.delimiter())
            // Records end at `\n` only: with csv's default CRLF terminator a
            // CRLF file reports each record one line early. The `\r` left at
            // the end of the last field is trimmed like any whitespace.
            .terminator(csv::Terminator::Any(b'\n'))
            .has_headers(false)
            .flexible(true)
            .from_reader(Cursor::new(first).chain(buffered).chain(&b"\n"[..]));
        let mut source = CsvSource {
            file,
            dialect,
            reader: inner,
            record: csv::ByteRecord::new(),
            text: String::new(),
            ranges: Vec::new(),
            encoding,
            header_fields: 0,
            line: 0,
            failed: false,
        };
        match source.next()? {
            Next::Eof => Err(BudgetError::MissingHeader {
                file: Arc::clone(&source.file),
            }),
            Next::Rejected(error) => Err(error),
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
    /// number of fields than the header, or with bytes that are not in the
    /// file's encoding, is returned as [`Next::Rejected`].
    fn next(&mut self) -> Result<Next> {
        if self.failed {
            return Ok(Next::Eof);
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(Next::Eof),
                Ok(true) => {}
                Err(e) => {
                    self.failed = true;
                    let source = match e.into_kind() {
                        csv::ErrorKind::Io(io) => io,
                        other => io::Error::other(format!("{other:?}")),
                    };
                    return Err(read_error(&self.file, self.line, source));
                }
            }
            // A blank line of a CRLF file reaches us as one field holding "\r".
            let blank = self.record.len() == 1
                && self
                    .record
                    .get(0)
                    .is_some_and(|f| f.iter().all(u8::is_ascii_whitespace));
            if !blank {
                break;
            }
        }
        // `csv` dates a record from where the previous one ended, before any
        // blank lines it skipped; so count back from the record's end instead.
        // Every record ends with a `\n` (see `Inner`).
        let inner_newlines = self
            .record
            .as_slice()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        // Only a quote left open at the end of the file swallows that final
        // `\n` too; `csv`'s own start line is a lower bound for that case.
        let start = self.record.position().map_or(0, csv::Position::line);
        self.line = self
            .reader
            .position()
            .line()
            .saturating_sub(1)
            .saturating_sub(inner_newlines as u64)
            .max(start);
        if self.header_fields != 0 && self.record.len() != self.header_fields {
            return Ok(Next::Rejected(BudgetError::ColumnCount {
                file: Arc::clone(&self.file),
                line: self.line,
                expected: self.header_fields,
                found: self.record.len(),
            }));
        }
        self.text.clear();
        self.ranges.clear();
        let utf8 = match self.encoding {
            EncodingState::Windows1252 => false,
            EncodingState::Utf8 | EncodingState::Utf8WithBom => {
                if std::str::from_utf8(self.record.as_slice()).is_err() {
                    return Ok(Next::Rejected(BudgetError::InvalidUtf8 {
                        file: Arc::clone(&self.file),
                        line: self.line,
                    }));
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
            self.ranges.push(start..self.text.len());
        }
        Ok(Next::Record)
    }

    /// Field `i` of the current record, trimmed; empty if there is none.
    fn field(&self, i: usize) -> &str {
        self.ranges
            .get(i)
            .and_then(|range| self.text.get(range.clone()))
            .map_or("", str::trim)
    }

    fn encoding(&self) -> TextEncoding {
        self.encoding.reported()
    }
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
                column: name.to_owned(),
                header: header.join(","),
            });
        };
        if let Some(second) = hits.next() {
            return Err(BudgetError::DuplicateColumn {
                file: Arc::clone(file),
                column: name.to_owned(),
                first: first.saturating_add(1),
                second: second.saturating_add(1),
            });
        }
        *slot = Column {
            index: first,
            name: header.get(first).cloned().unwrap_or_default(),
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

/// Why an amount field could not be read.
enum AmountIssue {
    Malformed(Option<Box<namnd_core::CoreError>>),
    Fractional,
    OutOfRange,
}

/// Reads `-1234.50` (machine dialect) into öre.
fn parse_machine_ore(s: &str) -> core::result::Result<i64, AmountIssue> {
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
fn parse_swedish_ore(s: &str) -> core::result::Result<i64, AmountIssue> {
    let number = SwedishNumber::parse(s).map_err(|e| AmountIssue::Malformed(Some(Box::new(e))))?;
    if number.is_parenthesised() || !matches!(number.unit(), NumberUnit::None | NumberUnit::Kr) {
        return Err(AmountIssue::Malformed(None));
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
    pub(crate) line: u64,
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

/// Shared bookkeeping of both importers.
struct Tally {
    rows_read: u64,
    accepted: u64,
    total_ore: i64,
    rejected: Vec<BudgetError>,
    notices: Vec<BudgetError>,
}

impl Tally {
    fn new() -> Self {
        Tally {
            rows_read: 0,
            accepted: 0,
            total_ore: 0,
            rejected: Vec::new(),
            notices: Vec::new(),
        }
    }

    fn accept(&mut self, file: &Arc<str>, line: u64, ore: i64) -> Result<()> {
        self.total_ore = self
            .total_ore
            .checked_add(ore)
            .ok_or_else(|| BudgetError::Overflow {
                file: Arc::clone(file),
                line,
                what: "accepted amounts".to_owned(),
            })?;
        self.accepted = self.accepted.saturating_add(1);
        Ok(())
    }

    fn summary<R: Read>(&self, source: &CsvSource<R>) -> ImportSummary {
        ImportSummary {
            file: Arc::clone(&source.file),
            dialect: source.dialect,
            encoding: source.encoding(),
            rows_read: self.rows_read,
            accepted: self.accepted,
            total_ore: self.total_ore,
            rejected: self.rejected.clone(),
            notices: self.notices.clone(),
            skipped: 0,
        }
    }

    fn into_summary<R: Read>(self, source: &CsvSource<R>) -> ImportSummary {
        ImportSummary {
            file: Arc::clone(&source.file),
            dialect: source.dialect,
            encoding: source.encoding(),
            rows_read: self.rows_read,
            accepted: self.accepted,
            total_ore: self.total_ore,
            rejected: self.rejected,
            notices: self.notices,
            skipped: 0,
        }
    }
}

/// Checks a key field: not empty, no control characters.
fn check_key(file: &Arc<str>, line: u64, column: &Column, value: &str) -> Result<(), BudgetError> {
    if value.is_empty() {
        return Err(BudgetError::EmptyField {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
        });
    }
    if value.chars().any(char::is_control) {
        return Err(BudgetError::ControlCharacter {
            file: Arc::clone(file),
            line,
            column: column.name.clone(),
            value: escape_controls(value),
        });
    }
    Ok(())
}

/// `value` with control characters written as `\u{..}`, everything else as is.
fn escape_controls(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
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
        let (file, column, value) = (Arc::clone(file), column.name.clone(), value.to_owned());
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
    tally: Tally,
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
            source,
            columns,
            fiscal_year: options.fiscal_year,
            tally: Tally::new(),
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
    pub fn summary(&self) -> ImportSummary {
        self.tally.summary(&self.source)
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
        self.tally.into_summary(&self.source)
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
        loop {
            match self.source.next()? {
                Next::Eof => return Ok(None),
                Next::Rejected(error) => {
                    self.tally.rows_read = self.tally.rows_read.saturating_add(1);
                    self.tally.rejected.push(error);
                }
                Next::Record => {
                    self.tally.rows_read = self.tally.rows_read.saturating_add(1);
                    match self.check_row() {
                        Ok((date, ore)) => {
                            let line = self.source.line;
                            self.tally.accept(&self.source.file, line, ore)?;
                            let [_, a, v, k, _] = &self.columns;
                            return Ok(Some(RawLedgerRow {
                                line,
                                date,
                                ansvar: self.source.field(a.index),
                                verksamhet: self.source.field(v.index),
                                konto: self.source.field(k.index),
                                ore,
                            }));
                        }
                        Err(error) => self.tally.rejected.push(error),
                    }
                }
            }
        }
    }

    fn check_row(&self) -> Result<(NaiveDate, i64)> {
        let source = &self.source;
        let (file, line) = (&source.file, source.line);
        let [d, a, v, k, amount] = &self.columns;
        let text = source.field(d.index);
        let located = |value: &str| (Arc::clone(file), d.name.clone(), value.to_owned());
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
        if let Some(year) = self.fiscal_year
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
            check_key(file, line, key, source.field(key.index))?;
        }
        let ore = parse_amount(
            source.dialect,
            file,
            line,
            amount,
            source.field(amount.index),
        )?;
        Ok((date, ore))
    }
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
    tally: Tally,
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
            source,
            columns,
            first_lines: HashMap::new(),
            key: String::new(),
            tally: Tally::new(),
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
    pub fn summary(&self) -> ImportSummary {
        self.tally.summary(&self.source)
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
        self.tally.into_summary(&self.source)
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
        loop {
            match self.source.next()? {
                Next::Eof => return Ok(None),
                Next::Rejected(error) => {
                    self.tally.rows_read = self.tally.rows_read.saturating_add(1);
                    self.tally.rejected.push(error);
                }
                Next::Record => {
                    self.tally.rows_read = self.tally.rows_read.saturating_add(1);
                    match self.check_row() {
                        Ok(ore) => {
                            let line = self.source.line;
                            self.tally.accept(&self.source.file, line, ore)?;
                            self.note_duplicate(line);
                            let [a, v, k, _] = &self.columns;
                            return Ok(Some(RawBudgetRow {
                                line,
                                ansvar: self.source.field(a.index),
                                verksamhet: self.source.field(v.index),
                                konto: self.source.field(k.index),
                                ore,
                            }));
                        }
                        Err(error) => self.tally.rejected.push(error),
                    }
                }
            }
        }
    }

    fn check_row(&self) -> Result<i64> {
        let source = &self.source;
        let (file, line) = (&source.file, source.line);
        let [a, v, k, budget] = &self.columns;
        for key in [a, v, k] {
            check_key(file, line, key, source.field(key.index))?;
        }
        parse_amount(
            source.dialect,
            file,
            line,
            budget,
            source.field(budget.index),
        )
    }

    fn note_duplicate(&mut self, line: u64) {
        let [a, v, k, _] = &self.columns;
        let (ansvar, verksamhet, konto) = (
            self.source.field(a.index),
            self.source.field(v.index),
            self.source.field(k.index),
        );
        join_key(&mut self.key, ansvar, verksamhet, konto);
        if let Some(&first_line) = self.first_lines.get(self.key.as_str()) {
            self.tally.notices.push(BudgetError::DuplicateBudgetKey {
                file: Arc::clone(&self.source.file),
                line,
                first_line,
                ansvar: ansvar.to_owned(),
                verksamhet: verksamhet.to_owned(),
                konto: konto.to_owned(),
            });
        } else {
            self.first_lines.insert(self.key.clone(), line);
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
}
