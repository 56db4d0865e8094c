//! Import of budget workbooks (`.xlsx`), with [calamine].
//!
//! A budget workbook is one worksheet (chosen by name, or the first) with a
//! header row naming the columns of a [`ColumnMap`] (by default `ansvar`,
//! `verksamhet`, `konto`, `budget`; case and surrounding spaces ignored; other
//! columns ignored). The header row is the **first row that names all mapped
//! columns**, so title rows and notes above it are allowed and not counted.
//! Every row below it is one budget row, read into a [`BudgetRow`]; the
//! [`ImportSummary`] says how many rows were read, accepted and rejected (with
//! the row number as Excel shows it, the column letter and name, and the
//! reason), and the total accepted.
//!
//! | Cell | Key (ansvar, verksamhet, konto) | Amount (budget) |
//! |---|---|---|
//! | text | trimmed; control characters rejected | read as the Swedish CSV dialect reads an amount ([`SwedishNumber`](namnd_core::SwedishNumber)): `1 234,50`, `−263 094`, `12 000 kr`; `1.000` is ambiguous ([`CellProblem::Ambiguous`]) |
//! | number | a whole number, written without decimals: `1100.0` → `"1100"` | converted exactly to öre (below) |
//! | empty | rejected ([`BudgetError::EmptyCell`]) | rejected ([`BudgetError::EmptyCell`]) |
//! | error value (`#DIV/0!`), true/false, date | rejected ([`BudgetError::BadCell`]) | rejected ([`BudgetError::BadCell`]) |
//!
//! A row whose cells are all empty is skipped and counted in
//! [`ImportSummary::skipped`], not in [`ImportSummary::rows_read`]. A key that
//! repeats is accepted (the amounts are meant to be summed, as for CSV) and
//! reported as a [`BudgetError::SheetDuplicateBudgetKey`] notice.
//!
//! ## Numbers: the only place a float touches money
//! Excel stores every number as an IEEE 754 double. A number cell is turned
//! into öre through the **shortest decimal representation that reads back as
//! the same double** (Rust's `Display` for `f64`, the digits Excel itself
//! writes into the file): `1234.5` → `"1234.5"` → 123 450 öre, i.e.
//! 1 234,50 kr. The digits are then read exactly, in integers; a float is
//! never multiplied by 100 or rounded. A value that is not a whole number of
//! öre in that form is rejected with [`CellProblem::FractionalOre`] rather
//! than rounded: a formula such as `=0.1+0.2` leaves the cached value
//! `0.30000000000000004`, which is rejected; round in the workbook
//! (`=AVRUNDA(…;2)`) or type the amount. Values beyond ±92 000 billion kronor
//! are rejected with [`CellProblem::OutOfRange`]. From the [`BudgetRow`] on,
//! money is an [`Amount`] (exact decimal).
//!
//! ## Memory
//! calamine's `.xlsx` reader holds the chosen worksheet in memory (the
//! rectangle its values span, empty cells included; not the file); the rows
//! are then checked and yielded one at a time. A budget has thousands of
//! rows, not millions; ledgers of millions of transactions belong in CSV or
//! SIE. A sheet whose values span more than [`MAX_SHEET_CELLS`] is rejected
//! before it is read.
//!
//! ## References beyond the grid
//! Before calamine reads the sheet, one streaming pass over its XML (with
//! `zip` and `quick-xml`, the readers calamine itself uses, finding the sheet
//! as calamine finds it) checks every cell and row reference and the
//! `<dimension>` against Excel's grid, columns `A`–`XFD` and rows
//! 1–1 048 576. calamine 0.38 reads a reference into a 32-bit number without
//! checking (tafia/calamine#694): `r="AAAAAAAB2"` panics under overflow
//! checks and, in a release build, wraps so that the cell lands in a wrong
//! column. Such a workbook is rejected with [`BudgetError::SheetReference`]
//! naming the reference ([`ReferenceProblem`]); no Excel version writes one.
//!
//! | Checked | Rejected as |
//! |---|---|
//! | `<c r="…">`, `<row r="…">`, a cell without `r` counted on past `XFD` | [`ReferenceProblem::BeyondGrid`] |
//! | `<dimension ref="…">` | [`ReferenceProblem::BeyondGrid`], or [`ReferenceProblem::Reversed`] (`D4:A1`) |
//! | the rectangle the cells with a value span | [`ReferenceProblem::TooManyCells`] beyond [`MAX_SHEET_CELLS`] |
//!
//! # Example
//! ```
//! use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
//! use namnd_core::Amount;
//! use rust_xlsxwriter::Workbook;
//!
//! let mut workbook = Workbook::new();
//! let sheet = workbook.add_worksheet().set_name("Budget 2024")?;
//! sheet.write_string(0, 0, "Driftbudget 2024, socialnämnden")?;
//! for (col, name) in ["Ansvar", "Verksamhet", "Konto", "Budget"].into_iter().enumerate() {
//!     sheet.write_string(2, col as u16, name)?;
//! }
//! sheet.write_number(3, 0, 1100.0)?.write_number(3, 1, 510.0)?.write_number(3, 2, 4010.0)?;
//! sheet.write_number(3, 3, 1234.5)?;
//! sheet.write_string(4, 0, "1100")?.write_string(4, 1, "510")?.write_string(4, 2, "3010")?;
//! sheet.write_string(4, 3, "−263 094")?;
//! sheet.write_string(5, 0, "1100")?.write_string(5, 1, "520")?.write_string(5, 2, "4010")?;
//! sheet.write_string(5, 3, "12,5x")?;
//! let bytes = workbook.save_to_buffer()?;
//!
//! let mut import = ExcelBudgetImporter::new(std::io::Cursor::new(bytes), ExcelOptions::new("budget.xlsx"))?;
//! let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
//! // 1234.5 in the cell is 1 234,50 kr (displayed with no-break spaces).
//! assert_eq!(rows[0].budget.to_string(), "1\u{a0}234,50\u{a0}kr");
//! assert_eq!((rows[0].ansvar.as_str(), rows[0].konto.as_str()), ("1100", "4010"));
//! assert_eq!(rows[1].budget, Amount::from_kr(-263_094));
//! let summary = import.into_summary();
//! assert_eq!((summary.rows_read(), summary.accepted()), (3, 2));
//! assert_eq!(
//!     summary.rejected()[0].to_string(),
//!     r#"row 6 column D (Budget) of sheet "Budget 2024" in budget.xlsx holds "12,5x", which is malformed"#
//! );
//! assert_eq!(summary.total(), Amount::from_ore(123_450 - 26_309_400));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [calamine]: https://docs.rs/calamine

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Range, Reader, SheetType, Xlsx};
use namnd_core::{Amount, CoreError};
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::error::{BudgetError, Result, echo};
use crate::import::{AmountIssue, parse_machine_ore, parse_swedish_ore};
use crate::{BudgetRow, ColumnMap, DEFAULT_REPORT_LIMIT, Dialect, ImportSummary, TextEncoding};

// ------------------------------------------------------------- ExcelOptions

/// How to read one workbook: its name for messages, the sheet, and the column
/// names.
///
/// # Example
/// ```
/// use namnd_budget::ColumnMap;
/// use namnd_budget::excel::ExcelOptions;
///
/// let options = ExcelOptions::new("budget.xlsx")
///     .with_sheet("Budget 2024")
///     .with_columns(ColumnMap::default().with_budget("Budget 2024 (kr)"));
/// assert_eq!((options.file(), options.sheet()), ("budget.xlsx", Some("Budget 2024")));
/// assert_eq!(options.columns().budget(), "Budget 2024 (kr)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcelOptions {
    file: Arc<str>,
    sheet: Option<String>,
    columns: ColumnMap,
}

impl ExcelOptions {
    /// Options for the workbook called `file` (used only in messages): the
    /// first worksheet, default columns.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::ExcelOptions;
    /// let options = ExcelOptions::new("budget.xlsx");
    /// assert_eq!((options.file(), options.sheet()), ("budget.xlsx", None));
    /// ```
    pub fn new(file: impl AsRef<str>) -> Self {
        ExcelOptions {
            file: Arc::from(file.as_ref()),
            sheet: None,
            columns: ColumnMap::default(),
        }
    }

    /// Reads the worksheet called `sheet` (exactly, or else ignoring case, as
    /// Excel does) instead of the first.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::ExcelOptions;
    /// assert_eq!(ExcelOptions::new("b.xlsx").with_sheet("Drift").sheet(), Some("Drift"));
    /// ```
    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// Reads the columns named in `columns` (only ansvar, verksamhet, konto
    /// and budget are used).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::ColumnMap;
    /// use namnd_budget::excel::ExcelOptions;
    /// let options = ExcelOptions::new("b.xlsx").with_columns(ColumnMap::default().with_konto("Kto"));
    /// assert_eq!(options.columns().konto(), "Kto");
    /// ```
    pub fn with_columns(mut self, columns: ColumnMap) -> Self {
        self.columns = columns;
        self
    }

    /// The workbook's name as used in messages.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::ExcelOptions;
    /// assert_eq!(ExcelOptions::new("b.xlsx").file(), "b.xlsx");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The sheet asked for, or `None` for the first worksheet.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::ExcelOptions;
    /// assert_eq!(ExcelOptions::new("b.xlsx").sheet(), None);
    /// ```
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// The column names.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::ExcelOptions;
    /// assert_eq!(ExcelOptions::new("b.xlsx").columns().budget(), "budget");
    /// ```
    pub fn columns(&self) -> &ColumnMap {
        &self.columns
    }
}

// -------------------------------------------------------------- CellProblem

/// What is wrong with a cell ([`BudgetError::BadCell`]).
///
/// # Example
/// ```
/// use namnd_budget::excel::CellProblem;
/// assert_eq!(CellProblem::FractionalOre.to_string(), "has fractions of an öre");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CellProblem {
    /// An amount cell holds text that is not a Swedish number, or a value
    /// that is not a number (true/false, a date).
    Malformed,
    /// An amount is not a whole number of öre (in the shortest decimal form
    /// of a number cell).
    FractionalOre,
    /// An amount is beyond ±92 000 billion kronor (a 64-bit count of öre).
    OutOfRange,
    /// A key holds a control character (tab, line break, …).
    ControlCharacter,
    /// A key cell is a number with decimals, true/false or a date.
    NotAKey,
    /// The cell holds an Excel error value such as `#DIV/0!` or `#REF!`.
    ErrorValue,
    /// A key looks like a personal identity number (personnummer or
    /// samordningsnummer); its value is shown masked.
    IdentityNumber,
    /// An amount cell holds text with a point before exactly three digits
    /// (`1.000`: 1 000 kr or 1 kr?), as the Swedish CSV dialect rejects it
    /// ([`BudgetError::AmbiguousAmount`]).
    Ambiguous,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CellProblem::Malformed => "is malformed",
            CellProblem::FractionalOre => "has fractions of an öre",
            CellProblem::OutOfRange => "is out of range",
            CellProblem::ControlCharacter => "contains a control character",
            CellProblem::NotAKey => "is not text or a whole number",
            CellProblem::ErrorValue => "is an error value",
            CellProblem::IdentityNumber => "looks like a personal identity number",
            CellProblem::Ambiguous => {
                "is ambiguous: a point before three digits may separate thousands or decimals"
            }
        })
    }
}

// ------------------------------------------------------ ExcelBudgetImporter

/// Reads the budget rows of one worksheet of an `.xlsx` workbook; rejected
/// rows go to its [`ImportSummary`]. See the [module docs](self) for how
/// cells are read.
///
/// The iterator yields `Ok(row)` for every accepted row and `Err` only for a
/// fatal error (the sum of the accepted amounts overflowed), after which it
/// ends.
///
/// # Example
/// ```
/// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
/// use namnd_core::Amount;
/// use rust_xlsxwriter::Workbook;
///
/// let mut workbook = Workbook::new();
/// let sheet = workbook.add_worksheet();
/// sheet.write_row(0, 0, ["ansvar", "verksamhet", "konto", "budget"])?;
/// sheet.write_row(1, 0, ["1100", "510", "4010", "1 500 000"])?;
/// sheet.write_row(2, 0, ["1100", "510", "4010", "500"])?;
/// let path = std::env::temp_dir().join(format!("namnd-excel-doc-{}.xlsx", std::process::id()));
/// workbook.save(&path)?;
///
/// let mut import = ExcelBudgetImporter::open(&path, ExcelOptions::new("budget.xlsx"))?;
/// let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// std::fs::remove_file(&path)?;
/// assert_eq!(rows.len(), 2);
/// let summary = import.into_summary();
/// assert_eq!(summary.total(), Amount::from_kr(1_500_500));
/// assert_eq!(
///     summary.notices()[0].to_string(),
///     r#"budget key 1100/510/4010 in budget.xlsx sheet "Sheet1" row 3 repeats row 2; the amounts are summed"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ExcelBudgetImporter {
    file: Arc<str>,
    sheet: String,
    /// The sheet's name as messages show it ([`echo`]).
    shown: String,
    range: Range<Data>,
    header_row: u32,
    next_row: u32,
    end_row: u32,
    first_col: u32,
    last_col: u32,
    columns: [SheetColumn; 4],
    first_rows: HashMap<(String, String, String), u32>,
    /// Counts, totals and the first rejections and notices (bounded).
    summary: ImportSummary,
    /// The net total, for the overflow check.
    total_ore: i64,
    failed: bool,
}

/// A resolved column: absolute index, header name and letter (for messages).
#[derive(Debug, Clone, Default)]
struct SheetColumn {
    index: u32,
    name: String,
    letter: String,
}

impl ExcelBudgetImporter {
    /// Opens the workbook at `path`, reads the sheet and finds the header row.
    ///
    /// # Errors
    /// As [`ExcelBudgetImporter::new`]; a file that cannot be opened is a
    /// [`BudgetError::OpenWorkbook`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::BudgetError;
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    ///
    /// let err = ExcelBudgetImporter::open("no/such/budget.xlsx", ExcelOptions::new("budget.xlsx"))
    ///     .err().ok_or("expected an error")?;
    /// assert_eq!(err.to_string(), "failed to open workbook budget.xlsx");
    /// assert!(matches!(err, BudgetError::OpenWorkbook { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: impl AsRef<Path>, options: ExcelOptions) -> Result<Self> {
        let file = File::open(path).map_err(|source| BudgetError::OpenWorkbook {
            file: Arc::clone(&options.file),
            source: Arc::new(source) as Arc<dyn std::error::Error + Send + Sync>,
        })?;
        Self::new(BufReader::new(file), options)
    }

    /// Reads the workbook from `reader` (the bytes of an `.xlsx` file), reads
    /// the sheet and finds the header row.
    ///
    /// # Errors
    /// [`BudgetError::OpenWorkbook`] if the bytes are not an `.xlsx` workbook,
    /// [`BudgetError::NoWorksheet`] / [`BudgetError::MissingSheet`] if there is
    /// no such worksheet, [`BudgetError::SheetReference`] if a reference in the
    /// sheet lies beyond Excel's grid or its values span more than
    /// [`MAX_SHEET_CELLS`] (see the [module docs](self)),
    /// [`BudgetError::ReadSheet`] if the sheet cannot be
    /// read, [`BudgetError::SheetWithoutHeader`] if no row names any mapped
    /// column, [`BudgetError::SheetMissingColumn`] naming the first missing
    /// column of the row that names the most of them, and
    /// [`BudgetError::SheetDuplicateColumn`] if the header row names a column
    /// twice.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    /// use rust_xlsxwriter::Workbook;
    ///
    /// let mut workbook = Workbook::new();
    /// workbook.add_worksheet().set_name("Drift")?.write_row(1, 1, ["Ansvar", "Verksamhet", "Budget"])?;
    /// let bytes = std::io::Cursor::new(workbook.save_to_buffer()?);
    /// let err = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx")).err().ok_or("expected an error")?;
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"column "konto" is missing from the header "Ansvar,Verksamhet,Budget" in b.xlsx sheet "Drift" row 2"#
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new<RS: Read + Seek>(mut reader: RS, options: ExcelOptions) -> Result<Self> {
        let open_error =
            |source: Arc<dyn std::error::Error + Send + Sync>| BudgetError::OpenWorkbook {
                file: Arc::clone(&options.file),
                source,
            };
        let start = reader
            .stream_position()
            .map_err(|source| open_error(Arc::new(source)))?;
        // One streaming pass over the chosen sheet's XML before calamine
        // reads it: see `check_references`.
        if let Some(found) = check_references(&mut reader, options.sheet.as_deref()) {
            return Err(BudgetError::SheetReference {
                file: Arc::clone(&options.file),
                sheet: echo(&found.sheet),
                reference: echo(&found.reference),
                problem: found.problem,
            });
        }
        reader
            .seek(SeekFrom::Start(start))
            .map_err(|source| open_error(Arc::new(source)))?;
        let workbook = Xlsx::new(reader).map_err(|source| open_error(Arc::new(source)))?;
        Self::from_workbook(workbook, options)
    }

    fn from_workbook<RS: Read + Seek>(
        mut workbook: Xlsx<RS>,
        options: ExcelOptions,
    ) -> Result<Self> {
        let file = options.file;
        let worksheets: Vec<String> = workbook
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        let sheet = match &options.sheet {
            None => choose_sheet(&worksheets, None).cloned().ok_or_else(|| {
                BudgetError::NoWorksheet {
                    file: Arc::clone(&file),
                }
            })?,
            Some(wanted) => choose_sheet(&worksheets, Some(wanted))
                .cloned()
                .ok_or_else(|| BudgetError::MissingSheet {
                    file: Arc::clone(&file),
                    sheet: echo(wanted),
                    sheets: worksheets
                        .iter()
                        .map(|name| format!("\"{}\"", echo(name)))
                        .collect::<Vec<_>>()
                        .join(", "),
                })?,
        };
        // The sheet's name as it stands in messages.
        let shown = echo(&sheet);
        // calamine 0.38 panics (under overflow checks) on a cell reference
        // beyond u32, such as `r="AAAAAAAB2"` (tafia/calamine#694, found by
        // fuzzing), and wraps silently without them. `check_references`
        // rejects such a sheet before this point; catching the panic stays as
        // the last resort: a malformed workbook must be an error, never a
        // panic.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            workbook.worksheet_range(&sheet)
        }));
        let range = match read {
            Ok(range) => range.map_err(|source| BudgetError::ReadSheet {
                file: Arc::clone(&file),
                sheet: shown.clone(),
                source: Arc::new(source) as Arc<dyn std::error::Error + Send + Sync>,
            })?,
            Err(_) => {
                return Err(BudgetError::ReadSheet {
                    file: Arc::clone(&file),
                    sheet: shown.clone(),
                    source: Arc::new(std::io::Error::other(
                        "the sheet's XML could not be read (a cell reference beyond the grid)",
                    )) as Arc<dyn std::error::Error + Send + Sync>,
                });
            }
        };
        let c = &options.columns;
        let wanted = [c.ansvar(), c.verksamhet(), c.konto(), c.budget()];
        let no_header = || BudgetError::SheetWithoutHeader {
            file: Arc::clone(&file),
            sheet: shown.clone(),
            columns: wanted
                .iter()
                .map(|name| format!("\"{name}\""))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let (Some((first_row, first_col)), Some((end_row, last_col))) =
            (range.start(), range.end())
        else {
            return Err(no_header());
        };
        let (header_row, columns) = find_header(
            &range,
            &file,
            &shown,
            wanted,
            (first_row, end_row),
            (first_col, last_col),
        )?
        .ok_or_else(no_header)?;
        // Text amounts are read as in `Dialect::SwedishExcel`; the text of an
        // `.xlsx` file is UTF-8 XML (see the module docs).
        let summary = ImportSummary::new(
            Arc::clone(&file),
            Dialect::SwedishExcel,
            TextEncoding::Utf8,
            DEFAULT_REPORT_LIMIT,
        );
        Ok(ExcelBudgetImporter {
            file,
            sheet,
            shown,
            range,
            header_row,
            next_row: header_row.saturating_add(1),
            end_row,
            first_col,
            last_col,
            columns,
            first_rows: HashMap::new(),
            summary,
            total_ore: 0,
            failed: false,
        })
    }

    /// The name of the worksheet being read.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    /// use rust_xlsxwriter::Workbook;
    ///
    /// let mut workbook = Workbook::new();
    /// workbook.add_worksheet().set_name("Anteckningar")?;
    /// workbook.add_worksheet().set_name("Budget")?.write_row(0, 0, ["ansvar", "verksamhet", "konto", "budget"])?;
    /// let bytes = std::io::Cursor::new(workbook.save_to_buffer()?);
    /// let import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx").with_sheet("budget"))?;
    /// assert_eq!(import.sheet(), "Budget");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// The header row as Excel numbers it (1-based).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    /// use rust_xlsxwriter::Workbook;
    ///
    /// let mut workbook = Workbook::new();
    /// let sheet = workbook.add_worksheet();
    /// sheet.write_string(0, 0, "Budget 2024")?;
    /// sheet.write_row(3, 0, ["Konto", "Ansvar", "Budget", "Verksamhet"])?;
    /// let bytes = std::io::Cursor::new(workbook.save_to_buffer()?);
    /// let import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx"))?;
    /// assert_eq!(import.header_row(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn header_row(&self) -> u32 {
        excel_row(self.header_row)
    }

    /// The summary so far (complete once the iterator has ended).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    /// use rust_xlsxwriter::Workbook;
    ///
    /// let mut workbook = Workbook::new();
    /// workbook.add_worksheet().write_row(0, 0, ["ansvar", "verksamhet", "konto", "budget"])?;
    /// let bytes = std::io::Cursor::new(workbook.save_to_buffer()?);
    /// let import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx"))?;
    /// assert_eq!((import.summary().file(), import.summary().rows_read()), ("b.xlsx", 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// Ends the import and returns its summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
    /// use rust_xlsxwriter::Workbook;
    ///
    /// let mut workbook = Workbook::new();
    /// let sheet = workbook.add_worksheet();
    /// sheet.write_row(0, 0, ["ansvar", "verksamhet", "konto", "budget"])?;
    /// sheet.write_row(2, 0, ["1100", "510", "4010", "7"])?;
    /// let bytes = std::io::Cursor::new(workbook.save_to_buffer()?);
    /// let mut import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx"))?;
    /// import.by_ref().for_each(drop);
    /// let summary = import.into_summary();
    /// assert_eq!((summary.rows_read(), summary.accepted(), summary.skipped()), (1, 1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_summary(self) -> ImportSummary {
        self.summary
    }

    fn cell(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&Data::Empty)
    }

    fn row_is_empty(&self, row: u32) -> bool {
        (self.first_col..=self.last_col).all(|col| is_blank(self.cell(row, col)))
    }

    /// A located error about `column` in `row`.
    fn bad_cell(
        &self,
        row: u32,
        column: &SheetColumn,
        problem: CellProblem,
        source: Option<Box<CoreError>>,
    ) -> BudgetError {
        BudgetError::BadCell {
            file: Arc::clone(&self.file),
            sheet: self.shown.clone(),
            row: excel_row(row),
            letter: column.letter.clone(),
            column: column.name.clone(),
            value: render(self.cell(row, column.index)),
            problem,
            source,
        }
    }

    fn empty_cell(&self, row: u32, column: &SheetColumn) -> BudgetError {
        BudgetError::EmptyCell {
            file: Arc::clone(&self.file),
            sheet: self.shown.clone(),
            row: excel_row(row),
            letter: column.letter.clone(),
            column: column.name.clone(),
        }
    }

    fn check_row(&self, row: u32) -> Result<((String, String, String), i64)> {
        let [a, v, k, budget] = &self.columns;
        let key = |column: &SheetColumn| match cell_key(self.cell(row, column.index)) {
            Ok(key) => Ok(key),
            Err(CellIssue::Empty) => Err(self.empty_cell(row, column)),
            Err(CellIssue::Bad(problem, source)) => {
                Err(self.bad_cell(row, column, problem, source))
            }
        };
        let keys = (key(a)?, key(v)?, key(k)?);
        let ore = match cell_ore(self.cell(row, budget.index)) {
            Ok(ore) => ore,
            Err(CellIssue::Empty) => return Err(self.empty_cell(row, budget)),
            Err(CellIssue::Bad(problem, source)) => {
                return Err(self.bad_cell(row, budget, problem, source));
            }
        };
        Ok((keys, ore))
    }
}

impl Iterator for ExcelBudgetImporter {
    type Item = Result<BudgetRow>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed && self.next_row <= self.end_row {
            let row = self.next_row;
            match row.checked_add(1) {
                Some(next) => self.next_row = next,
                None => self.failed = true,
            }
            if self.row_is_empty(row) {
                self.summary.skip();
                continue;
            }
            let (key, ore) = match self.check_row(row) {
                Ok(checked) => checked,
                Err(error) => {
                    self.summary.reject(error);
                    continue;
                }
            };
            let Some(total) = self.total_ore.checked_add(ore) else {
                self.failed = true;
                return Some(Err(BudgetError::Overflow {
                    file: Arc::clone(&self.file),
                    line: u64::from(excel_row(row)),
                    what: format!("accepted amounts of sheet \"{}\"", self.shown),
                }));
            };
            self.total_ore = total;
            self.summary.accept(ore);
            if let Some(&first_row) = self.first_rows.get(&key) {
                self.summary.notice(BudgetError::SheetDuplicateBudgetKey {
                    file: Arc::clone(&self.file),
                    sheet: self.shown.clone(),
                    row: excel_row(row),
                    first_row,
                    ansvar: echo(&key.0),
                    verksamhet: echo(&key.1),
                    konto: echo(&key.2),
                });
            } else {
                self.first_rows.insert(key.clone(), excel_row(row));
            }
            let (ansvar, verksamhet, konto) = key;
            return Some(Ok(BudgetRow::new(
                ansvar,
                verksamhet,
                konto,
                Amount::from_ore(ore),
            )));
        }
        None
    }
}

impl fmt::Debug for ExcelBudgetImporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExcelBudgetImporter")
            .field("file", &self.file)
            .field("sheet", &self.sheet)
            .field("header_row", &excel_row(self.header_row))
            .field("next_row", &excel_row(self.next_row))
            .finish_non_exhaustive()
    }
}

// -------------------------------------------------------- grid pre-check

/// The columns of Excel's grid: `A` to `XFD`.
const GRID_COLUMNS: u64 = 16_384;
/// The rows of Excel's grid: 1 to 1 048 576.
const GRID_ROWS: u64 = 1_048_576;

/// The most cells a worksheet's values may span (the rectangle from the
/// top-left to the bottom-right cell holding a value, empty cells inside
/// included): calamine holds that rectangle in memory, about 32 bytes a cell,
/// so 8 388 608 cells (all 1 048 576 rows of 8 columns, or 100 000 rows of
/// 83 columns) are about 270 MB. A sheet beyond it is rejected with
/// [`BudgetError::SheetReference`] and [`ReferenceProblem::TooManyCells`]
/// rather than aborting the process when the allocation fails.
///
/// # Example
/// ```
/// use namnd_budget::excel::MAX_SHEET_CELLS;
/// assert_eq!(MAX_SHEET_CELLS, 8 * 1_048_576);
/// ```
pub const MAX_SHEET_CELLS: u64 = 8_388_608;

/// What is wrong with a cell reference or a worksheet's extent
/// ([`BudgetError::SheetReference`]).
///
/// # Example
/// ```
/// use namnd_budget::excel::ReferenceProblem;
/// assert_eq!(ReferenceProblem::Reversed.to_string(), "ends before it starts");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReferenceProblem {
    /// A column beyond `XFD` or a row beyond 1 048 576, in a cell's or a
    /// row's reference or in the sheet's `<dimension>`.
    BeyondGrid,
    /// The sheet's `<dimension>` ends above or left of where it starts
    /// (`B2:A1`).
    Reversed,
    /// The cells holding values span more than [`MAX_SHEET_CELLS`].
    TooManyCells,
}

impl fmt::Display for ReferenceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceProblem::BeyondGrid => {
                f.write_str("lies beyond excel's grid of columns A to XFD and rows 1 to 1048576")
            }
            ReferenceProblem::Reversed => f.write_str("ends before it starts"),
            ReferenceProblem::TooManyCells => {
                write!(f, "spans more than {MAX_SHEET_CELLS} cells")
            }
        }
    }
}

/// The worksheet `wanted` names (exactly, or else ignoring case), or the
/// first: the choice [`ExcelBudgetImporter::from_workbook`] and
/// [`check_references`] both make.
fn choose_sheet<'a>(worksheets: &'a [String], wanted: Option<&str>) -> Option<&'a String> {
    match wanted {
        None => worksheets.first(),
        Some(wanted) => worksheets.iter().find(|name| *name == wanted).or_else(|| {
            let lower = wanted.to_lowercase();
            worksheets.iter().find(|name| name.to_lowercase() == lower)
        }),
    }
}

/// A reference [`check_references`] rejects.
#[derive(Debug)]
struct BadReference {
    sheet: String,
    reference: String,
    problem: ReferenceProblem,
}

/// Checks the worksheet calamine is about to read, in one streaming pass
/// over its XML with bounded memory, before calamine reads it: every cell
/// and row reference and the `<dimension>` must lie within Excel's grid
/// (columns `A`–`XFD`, rows 1–1 048 576), the dimension must not be
/// reversed, and the cells holding values must span at most
/// [`MAX_SHEET_CELLS`]. calamine 0.38 parses a reference into a `u32`
/// without checking, so `AAAAAAAB2` or `B99999999999` panics under overflow
/// checks and, in a release build, wraps and puts the cell at a wrong
/// position (tafia/calamine#694); a reversed dimension underflows the same
/// way; and two far-apart cells make it allocate the whole rectangle between
/// them.
///
/// The sheet is found as calamine finds it (package relationships, workbook
/// relationships, `<sheet>` elements, case-insensitive zip names), with the
/// same `zip` and `quick-xml` readers and configuration, and attributes are
/// split as calamine splits them: the check must see what calamine will
/// see. Where calamine would fail with an error of its own (a malformed
/// package or XML, a missing part), this returns `None` and calamine's error
/// is reported.
fn check_references<R: Read + Seek>(reader: &mut R, wanted: Option<&str>) -> Option<BadReference> {
    let mut zip = ZipArchive::new(reader).ok()?;
    let mut names = HashMap::new();
    for name in zip.file_names() {
        let name = name.ok()?;
        names.insert(
            name.replace('\\', "/").to_ascii_lowercase(),
            name.into_owned(),
        );
    }
    let (xl_path, workbook_name) = package_document(&mut zip, &names)?;
    let relationships = workbook_relationships(&mut zip, &names, &xl_path, &workbook_name)?;
    let sheets = workbook_sheets(&mut zip, &names, &xl_path, &workbook_name, &relationships)?;
    let worksheets: Vec<String> = sheets
        .iter()
        .filter(|(_, _, worksheet)| *worksheet)
        .map(|(name, _, _)| name.clone())
        .collect();
    let sheet = choose_sheet(&worksheets, wanted)?;
    // calamine reads the first sheet of that name, whatever its type.
    let (_, path, _) = sheets.iter().find(|(name, _, _)| name == sheet)?;
    let mut xml = xml_part(&mut zip, &names, path)?;
    let Err(Stop::Bad(reference, problem)) = scan_sheet(&mut xml) else {
        return None;
    };
    Some(BadReference {
        sheet: sheet.clone(),
        reference,
        problem,
    })
}

type XmlPart<'a, R> = quick_xml::Reader<BufReader<zip::read::ZipFile<'a, R>>>;

/// A part of the package, read as calamine reads it (`xml_reader`): the zip
/// name looked up ignoring ASCII case, the same reader configuration.
fn xml_part<'a, R: Read + Seek>(
    zip: &'a mut ZipArchive<R>,
    names: &HashMap<String, String>,
    path: &str,
) -> Option<XmlPart<'a, R>> {
    let name = names
        .get(&path.to_ascii_lowercase())
        .map_or(path, String::as_str);
    let file = zip.by_name(name).ok()?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    Some(xml)
}

/// The next event, `None` on an XML error (calamine fails there too).
fn next_event<'b, B: BufRead>(
    xml: &mut quick_xml::Reader<B>,
    buf: &'b mut Vec<u8>,
) -> Option<Event<'b>> {
    buf.clear();
    xml.read_event_into(buf).ok()
}

fn local_is(element: &BytesStart<'_>, name: &str) -> bool {
    element.local_name().as_ref() == name
}

/// calamine's `read_package_relationships`: the folder and name of the
/// workbook part (`xl/`, `workbook.xml`).
fn package_document<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &HashMap<String, String>,
) -> Option<(String, String)> {
    let mut xml = xml_part(zip, names, "_rels/.rels")?;
    let mut buf = Vec::new();
    loop {
        match next_event(&mut xml, &mut buf)? {
            Event::Start(e) if local_is(&e, "Relationships") => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    let mut target = None;
    loop {
        match next_event(&mut xml, &mut buf)? {
            Event::Start(e) if local_is(&e, "Relationship") => {
                let [typ, found] = calamine_attrs(e.attributes_raw(), ["Type", "Target"])?;
                if typ.is_some_and(|t| t.ends_with("/relationships/officeDocument"))
                    && let Some(found) = found
                {
                    target = Some(quick_xml::escape::unescape(found).ok()?.into_owned());
                }
            }
            Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    let target = target?;
    let (dir, name) = match target.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), target.as_str()),
    };
    let dir = dir
        .strip_prefix('/')
        .map_or_else(|| dir.clone(), str::to_owned);
    let name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };
    Some((dir, name.to_owned()))
}

/// calamine's `read_relationships`: id → (target, type).
fn workbook_relationships<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &HashMap<String, String>,
    xl_path: &str,
    workbook_name: &str,
) -> Option<HashMap<String, (String, String)>> {
    let mut xml = xml_part(zip, names, &format!("{xl_path}_rels/{workbook_name}.rels"))?;
    let mut relationships = HashMap::new();
    let mut buf = Vec::new();
    loop {
        match next_event(&mut xml, &mut buf)? {
            Event::Start(e) if local_is(&e, "Relationship") => {
                let [id, typ, target] =
                    calamine_attrs(e.attributes_raw(), ["Id", "Type", "Target"])?;
                if let Some(id) = id {
                    relationships.insert(
                        id.to_owned(),
                        (
                            target.unwrap_or_default().to_owned(),
                            typ.unwrap_or_default().to_owned(),
                        ),
                    );
                }
            }
            Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    Some(relationships)
}

/// calamine's `read_workbook`: the sheets in order, as (name, part path,
/// is a worksheet).
#[allow(
    clippy::collapsible_match,
    reason = "a malformed attribute in <definedName> ends the check, as it fails calamine"
)]
fn workbook_sheets<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    names: &HashMap<String, String>,
    xl_path: &str,
    workbook_name: &str,
    relationships: &HashMap<String, (String, String)>,
) -> Option<Vec<(String, String, bool)>> {
    let mut xml = xml_part(zip, names, &format!("{xl_path}{workbook_name}"))?;
    let mut sheets = Vec::new();
    let mut buf = Vec::new();
    let mut inner = Vec::new();
    loop {
        match next_event(&mut xml, &mut buf)? {
            Event::Start(e) if local_is(&e, "sheet") => {
                let (mut name, mut id) = (String::new(), "");
                for attr in CalamineAttrs::new(e.attributes_raw()) {
                    let (key, value) = attr?;
                    match key {
                        "name" => name = quick_xml::escape::unescape(value).ok()?.into_owned(),
                        "state" if !matches!(value, "visible" | "hidden" | "veryHidden") => {
                            return None;
                        }
                        "state" => {}
                        key if key == "id" || key.ends_with(":id") => id = value,
                        _ => {}
                    }
                }
                let (target, typ) = relationships.get(id)?;
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("{xl_path}{target}"),
                };
                let worksheet = match typ.split('/').next_back() {
                    Some("worksheet") => true,
                    Some("chartsheet" | "dialogsheet") => false,
                    _ => return None,
                };
                sheets.push((name, path, worksheet));
            }
            Event::Start(e) if local_is(&e, "workbookPr") => {
                calamine_attr(e.attributes_raw(), "date1904")?;
            }
            Event::Start(e) if local_is(&e, "definedName") => {
                // calamine reads a defined name's text up to its end tag, and
                // whatever stands inside it is not a sheet.
                if calamine_attr(e.attributes_raw(), "name")?.is_some() {
                    loop {
                        match next_event(&mut xml, &mut inner)? {
                            Event::End(end) if end.name() == e.name() => break,
                            Event::Eof => return None,
                            _ => {}
                        }
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "workbook" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    Some(sheets)
}

/// Where a cell in the sheet stands and which cells hold values, tracked as
/// calamine's cell reader tracks them (0-based).
#[derive(Debug, Default)]
struct SheetExtent {
    row: u64,
    col: u64,
    /// (first row, first column, last row, last column) of the cells with a value.
    span: Option<(u64, u64, u64, u64)>,
}

/// Why [`scan_sheet`] stopped early.
enum Stop {
    /// calamine fails here with an error of its own.
    Calamine,
    /// A reference to reject.
    Bad(String, ReferenceProblem),
}

/// `Option` to [`Stop::Calamine`].
trait OrCalamine<T> {
    fn or_calamine(self) -> core::result::Result<T, Stop>;
}

impl<T> OrCalamine<T> for Option<T> {
    fn or_calamine(self) -> core::result::Result<T, Stop> {
        self.ok_or(Stop::Calamine)
    }
}

type Scan<T> = core::result::Result<T, Stop>;

/// Scans a worksheet's XML as calamine's `XlsxCellReader::next_cell` does
/// (its `<dimension>`, then `<row>` and `<c>` in `<sheetData>`, a cell's
/// `<v>`, `<is>` and `<f>` consumed exactly as calamine consumes them, so
/// that both see the same cells at the same positions), stopping at the
/// first reference that is beyond the grid or reversed, or when the cells
/// with a value span more than [`MAX_SHEET_CELLS`]. Where calamine skips
/// content, every `<c>` and `<row>` in it is still checked against the grid.
fn scan_sheet<B: BufRead>(xml: &mut quick_xml::Reader<B>) -> Scan<()> {
    let mut buf = Vec::new();
    loop {
        match next_event(xml, &mut buf).or_calamine()? {
            Event::Start(e) if local_is(&e, "dimension") => {
                let dimension = calamine_attr(e.attributes_raw(), "ref")
                    .flatten()
                    .or_calamine()?;
                if let Err(problem) = check_dimension(dimension) {
                    return Err(Stop::Bad(dimension.to_owned(), problem));
                }
            }
            Event::Start(e) if local_is(&e, "sheetData") => break,
            Event::Eof => return Err(Stop::Calamine),
            _ => {}
        }
    }
    let mut extent = SheetExtent::default();
    let mut scratch = Vec::new();
    loop {
        match next_event(xml, &mut buf).or_calamine()? {
            Event::Start(e) if local_is(&e, "row") => {
                if let Some(reference) = calamine_attr(e.attributes_raw(), "r").or_calamine()? {
                    match grid_position(reference) {
                        Err(problem) => return Err(Stop::Bad(reference.to_owned(), problem)),
                        Ok(Some((row, _))) => extent.row = row,
                        Ok(None) => return Err(Stop::Calamine),
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "row" => {
                extent.row = extent.row.saturating_add(1);
                extent.col = 0;
            }
            Event::Start(e) if local_is(&e, "c") => {
                let raw = e.attributes_raw();
                // Every `r` is checked, also one calamine would skip.
                watch(&e)?;
                let [reference, _, typ] = calamine_attrs(raw, ["r", "s", "t"]).or_calamine()?;
                let (row, col) = match reference {
                    Some(reference) => match grid_position(reference) {
                        Err(problem) => return Err(Stop::Bad(reference.to_owned(), problem)),
                        Ok(Some((row, Some(col)))) => (row, col),
                        Ok(_) => return Err(Stop::Calamine),
                    },
                    None => (extent.row, extent.col),
                };
                if row >= GRID_ROWS || col >= GRID_COLUMNS {
                    return Err(Stop::Bad(cell_name(row, col), ReferenceProblem::BeyondGrid));
                }
                let has_value = read_cell(xml, typ.map(str::to_owned).as_deref(), &mut scratch)?;
                extent.col = col.saturating_add(1);
                if has_value && let Some(span) = extent.add(row, col) {
                    return Err(Stop::Bad(span, ReferenceProblem::TooManyCells));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
            Event::Eof => return Err(Stop::Calamine),
            _ => {}
        }
    }
}

impl SheetExtent {
    /// Adds a cell with a value; the span as `A1:XFD1048576` if it now
    /// covers more than [`MAX_SHEET_CELLS`].
    fn add(&mut self, row: u64, col: u64) -> Option<String> {
        let (top, left, bottom, right) = match self.span {
            None => (row, col, row, col),
            Some((top, left, bottom, right)) => {
                (top.min(row), left.min(col), bottom.max(row), right.max(col))
            }
        };
        self.span = Some((top, left, bottom, right));
        let rows = bottom.saturating_sub(top).saturating_add(1);
        let cols = right.saturating_sub(left).saturating_add(1);
        (rows.saturating_mul(cols) > MAX_SHEET_CELLS)
            .then(|| format!("{}:{}", cell_name(top, left), cell_name(bottom, right)))
    }
}

/// Checks every `r` of a `<c>` or `<row>` element against the grid.
fn watch(element: &BytesStart<'_>) -> Scan<()> {
    if !(local_is(element, "c") || local_is(element, "row")) {
        return Ok(());
    }
    for attr in CalamineAttrs::new(element.attributes_raw()) {
        let Some(("r", reference)) = attr else {
            continue;
        };
        if let Err(problem) = grid_position(reference) {
            return Err(Stop::Bad(reference.to_owned(), problem));
        }
    }
    Ok(())
}

/// Reads a `<c>` element's content up to its end as calamine's `next_cell`
/// and `read_value` do: whether it has a `<v>` or `<is>` (calamine keeps
/// only such cells).
fn read_cell<B: BufRead>(
    xml: &mut quick_xml::Reader<B>,
    typ: Option<&str>,
    buf: &mut Vec<u8>,
) -> Scan<bool> {
    let mut has_value = false;
    loop {
        let (local, name) = match next_event(xml, buf).or_calamine()? {
            Event::Start(e) => {
                watch(&e)?;
                (
                    e.local_name().as_ref().to_owned(),
                    e.name().as_ref().to_owned(),
                )
            }
            Event::End(e) if e.local_name().as_ref() == "c" => return Ok(has_value),
            Event::Eof => return Err(Stop::Calamine),
            _ => continue,
        };
        match (local.as_str(), typ) {
            ("is", _) => {
                has_value = true;
                read_inline_string(xml, &name)?;
            }
            ("v", Some("inlineStr" | "is")) | ("f", _) => skip_nested(xml, &name)?,
            ("v", Some("n" | "s" | "b" | "e") | None) => {
                has_value = true;
                // calamine reads one event, and reads to the end unless it
                // was the end already.
                let mut first = Vec::new();
                let done = match next_event(xml, &mut first).or_calamine()? {
                    Event::Start(e) => {
                        watch(&e)?;
                        false
                    }
                    Event::End(e) => e.name().as_ref() == name,
                    Event::Eof => return Err(Stop::Calamine),
                    _ => false,
                };
                if !done {
                    skip_nested(xml, &name)?;
                }
            }
            ("v", _) => {
                has_value = true;
                skip_to_first_end(xml, &name)?;
            }
            _ => return Err(Stop::Calamine),
        }
    }
}

/// quick-xml's `read_to_end_into`: to the end tag named `name`, counting
/// nested elements of that name.
fn skip_nested<B: BufRead>(xml: &mut quick_xml::Reader<B>, name: &str) -> Scan<()> {
    let mut buf = Vec::new();
    let mut depth = 0_u64;
    loop {
        match next_event(xml, &mut buf).or_calamine()? {
            Event::Start(e) => {
                watch(&e)?;
                if e.name().as_ref() == name {
                    depth = depth.saturating_add(1);
                }
            }
            Event::End(e) if e.name().as_ref() == name => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            Event::Eof => return Err(Stop::Calamine),
            _ => {}
        }
    }
}

/// calamine's loops that read to the first end tag named `name`.
fn skip_to_first_end<B: BufRead>(xml: &mut quick_xml::Reader<B>, name: &str) -> Scan<()> {
    let mut buf = Vec::new();
    loop {
        match next_event(xml, &mut buf).or_calamine()? {
            Event::Start(e) => watch(&e)?,
            Event::End(e) if e.name().as_ref() == name => return Ok(()),
            Event::Eof => return Err(Stop::Calamine),
            _ => {}
        }
    }
}

/// calamine's `read_string_with_bufs` for an `<is>`: to the first end tag
/// named `name`, a `<t>` outside phonetic text read to its own first end.
fn read_inline_string<B: BufRead>(xml: &mut quick_xml::Reader<B>, name: &str) -> Scan<()> {
    let mut buf = Vec::new();
    let mut phonetic = false;
    loop {
        match next_event(xml, &mut buf).or_calamine()? {
            Event::Start(e) if local_is(&e, "rPh") => phonetic = true,
            Event::End(e) if e.name().as_ref() == name => return Ok(()),
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(e) if local_is(&e, "t") && !phonetic => {
                calamine_attr(e.attributes_raw(), "xml:space").or_calamine()?;
                let t = e.name().as_ref().to_owned();
                skip_to_first_end(xml, &t)?;
            }
            Event::Start(e) => watch(&e)?,
            Event::Eof => return Err(Stop::Calamine),
            _ => {}
        }
    }
}

/// Where a reference such as `B7` points, read as calamine 0.38 reads it
/// (letters for the column, then digits for the row, both 1-based):
/// `Ok(Some((row, column)))` 0-based, the column `None` if there are no
/// letters; `Ok(None)` where calamine rejects the text itself (another
/// character, no row); `Err(BeyondGrid)` as soon as the column passes `XFD`
/// or the row passes 1 048 576, even if the text is malformed further on
/// (calamine would overflow before it got there).
fn grid_position(
    reference: &str,
) -> core::result::Result<Option<(u64, Option<u64>)>, ReferenceProblem> {
    let mut bytes = reference.bytes().peekable();
    let mut col: u64 = 0;
    while let Some(letter) = bytes.next_if(u8::is_ascii_alphabetic) {
        col = col * 26 + u64::from(letter.to_ascii_uppercase() - b'A') + 1;
        if col > GRID_COLUMNS {
            return Err(ReferenceProblem::BeyondGrid);
        }
    }
    let mut row: u64 = 0;
    for byte in bytes {
        if !byte.is_ascii_digit() {
            return Ok(None);
        }
        row = row * 10 + u64::from(byte - b'0');
        if row > GRID_ROWS {
            return Err(ReferenceProblem::BeyondGrid);
        }
    }
    Ok(row.checked_sub(1).map(|row| (row, col.checked_sub(1))))
}

/// A `<dimension ref>` (`A1:D20`, or one cell): each part within the grid,
/// and a range's end not above or left of its start (calamine subtracts).
fn check_dimension(dimension: &str) -> core::result::Result<(), ReferenceProblem> {
    let mut corners = Vec::new();
    for part in dimension.split(':') {
        corners.push(grid_position(part)?);
    }
    if let [Some((top, Some(left))), Some((bottom, Some(right)))] = corners.as_slice()
        && (bottom < top || right < left)
    {
        return Err(ReferenceProblem::Reversed);
    }
    Ok(())
}

/// `A1` for 0-based (row, column).
fn cell_name(row: u64, col: u64) -> String {
    let letters = u32::try_from(col).map_or_else(|_| "?".to_owned(), column_letter);
    format!("{letters}{}", row.saturating_add(1))
}

/// calamine 0.38's attribute splitter (`RawAttrIter`), copied so that the
/// check sees the keys and values calamine sees: a key runs to `=` (trailing
/// spaces trimmed), a value is quoted; `None` for a malformed attribute,
/// after which it ends.
struct CalamineAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> CalamineAttrs<'a> {
    fn new(raw: &'a str) -> Self {
        CalamineAttrs { raw, pos: 0 }
    }
}

impl<'a> Iterator for CalamineAttrs<'a> {
    type Item = Option<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let rest = raw.get(self.pos..)?;
        let start = self.pos + (rest.len() - rest.trim_ascii_start().len());
        let rest = raw.get(start..)?;
        if rest.is_empty() {
            self.pos = raw.len();
            return None;
        }
        self.pos = raw.len();
        let Some((key, after)) = rest.split_once('=') else {
            return Some(None);
        };
        let after = after.trim_ascii_start();
        let mut chars = after.chars();
        let quote = match chars.next() {
            Some(quote @ ('"' | '\'')) => quote,
            _ => return Some(None),
        };
        let body = chars.as_str();
        let (value, consumed) = match body.find(quote) {
            Some(end) => (body.get(..end)?, end + 1),
            None => (body, body.len()),
        };
        self.pos = raw.len() - (body.len() - consumed);
        Some(Some((key.trim_ascii_end(), value)))
    }
}

/// calamine's `get_attrs!`: the values of `keys`, scanning until as many
/// matches as there are keys were seen (a repeated key counts again, and its
/// later value wins). `None` if an attribute is malformed.
fn calamine_attrs<'a, const N: usize>(
    raw: &'a str,
    keys: [&str; N],
) -> Option<[Option<&'a str>; N]> {
    let mut values = [None; N];
    let mut found = 0;
    for attr in CalamineAttrs::new(raw) {
        let (key, value) = attr?;
        if let Some(slot) = keys.iter().position(|k| *k == key) {
            if let Some(place) = values.get_mut(slot) {
                *place = Some(value);
            }
            found += 1;
            if found == N {
                break;
            }
        }
    }
    Some(values)
}

/// calamine's `raw_attr`: the first value of `key`; `None` if a malformed
/// attribute comes before it.
fn calamine_attr<'a>(raw: &'a str, key: &str) -> Option<Option<&'a str>> {
    for attr in CalamineAttrs::new(raw) {
        let (k, value) = attr?;
        if k == key {
            return Some(Some(value));
        }
    }
    Some(None)
}

// ------------------------------------------------------------------ header

/// Finds the first row that names every wanted column. `Ok(None)` if no row
/// names any of them; a missing column is reported for the row that names
/// the most (the first such).
fn find_header(
    range: &Range<Data>,
    file: &Arc<str>,
    sheet: &str,
    wanted: [&str; 4],
    (first_row, end_row): (u32, u32),
    (first_col, last_col): (u32, u32),
) -> Result<Option<(u32, [SheetColumn; 4])>> {
    let wanted_lower = wanted.map(|name| name.trim().to_lowercase());
    // (row, how many wanted names it has)
    let mut best: Option<(u32, usize)> = None;
    for row in first_row..=end_row {
        let names: Vec<(u32, String)> = (first_col..=last_col)
            .filter_map(|col| {
                let text = header_text(range.get_value((row, col))?)?;
                Some((col, text))
            })
            .collect();
        let present = wanted_lower
            .iter()
            .filter(|lower| hits_of(&names, lower).next().is_some())
            .count();
        if present == wanted.len() {
            let mut columns = [0_u8; 4].map(|_| SheetColumn::default());
            for (slot, (lower, name)) in columns.iter_mut().zip(wanted_lower.iter().zip(wanted)) {
                let mut found = hits_of(&names, lower);
                if let (Some((first, header)), second) = (found.next(), found.next()) {
                    if let Some((second, _)) = second {
                        return Err(BudgetError::SheetDuplicateColumn {
                            file: Arc::clone(file),
                            sheet: sheet.to_owned(),
                            row: excel_row(row),
                            column: name.to_owned(),
                            first: column_letter(first),
                            second: column_letter(second),
                        });
                    }
                    *slot = SheetColumn {
                        index: first,
                        name: header.clone(),
                        letter: column_letter(first),
                    };
                }
            }
            return Ok(Some((row, columns)));
        }
        if present > best.map_or(0, |(_, n)| n) {
            best = Some((row, present));
        }
    }
    let Some((row, _)) = best else {
        return Ok(None);
    };
    let names: Vec<String> = (first_col..=last_col)
        .filter_map(|col| header_text(range.get_value((row, col))?))
        .collect();
    let missing = wanted
        .iter()
        .zip(&wanted_lower)
        .find(|(_, lower)| !names.iter().any(|name| name.to_lowercase() == **lower))
        .map_or("", |(name, _)| name);
    Err(BudgetError::SheetMissingColumn {
        file: Arc::clone(file),
        sheet: sheet.to_owned(),
        row: excel_row(row),
        column: missing.to_owned(),
        header: echo(&names.join(",")),
    })
}

/// The header cells of `names` equal to `lower` when lowercased.
fn hits_of<'a>(
    names: &'a [(u32, String)],
    lower: &'a str,
) -> impl Iterator<Item = (u32, &'a String)> + 'a {
    names
        .iter()
        .filter(move |(_, name)| name.to_lowercase() == lower)
        .map(|(col, name)| (*col, name))
}

/// The text of a header cell: trimmed text, or a whole number's digits.
fn header_text(cell: &Data) -> Option<String> {
    cell_key(cell).ok()
}

// ------------------------------------------------------------------- cells

/// Why a cell could not be used.
enum CellIssue {
    Empty,
    Bad(CellProblem, Option<Box<CoreError>>),
}

impl From<CellProblem> for CellIssue {
    fn from(problem: CellProblem) -> Self {
        CellIssue::Bad(problem, None)
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A key from a cell: trimmed text, or a whole number written without
/// decimals (`1100.0` → `"1100"`); one that looks like a personnummer is
/// [`CellProblem::IdentityNumber`].
fn cell_key(cell: &Data) -> core::result::Result<String, CellIssue> {
    let key = cell_key_text(cell)?;
    if namnd_core::looks_like_identity_number(&key) {
        return Err(CellProblem::IdentityNumber.into());
    }
    Ok(key)
}

/// [`cell_key`] before the personnummer check.
fn cell_key_text(cell: &Data) -> core::result::Result<String, CellIssue> {
    match cell {
        Data::Empty => Err(CellIssue::Empty),
        Data::String(text) => {
            let text = text.trim();
            if text.is_empty() {
                Err(CellIssue::Empty)
            } else if text.chars().any(char::is_control) {
                Err(CellProblem::ControlCharacter.into())
            } else {
                Ok(text.to_owned())
            }
        }
        Data::Int(number) => Ok(number.to_string()),
        Data::Float(number) if number.is_finite() && number.fract() == 0.0 => {
            // `Display` writes a whole double without decimals or exponent;
            // `+ 0.0` turns -0 into 0.
            Ok(format!("{}", number + 0.0))
        }
        Data::Error(_) => Err(CellProblem::ErrorValue.into()),
        Data::Float(_)
        | Data::Bool(_)
        | Data::DateTime(_)
        | Data::DateTimeIso(_)
        | Data::DurationIso(_) => Err(CellProblem::NotAKey.into()),
    }
}

/// An amount in öre from a cell. This is the conversion boundary: a number
/// cell's double becomes its shortest decimal text, which is read exactly.
fn cell_ore(cell: &Data) -> core::result::Result<i64, CellIssue> {
    match cell {
        Data::Empty => Err(CellIssue::Empty),
        Data::String(text) if text.trim().is_empty() => Err(CellIssue::Empty),
        Data::String(text) => swedish_ore(text),
        Data::Int(number) => number
            .checked_mul(100)
            .ok_or_else(|| CellProblem::OutOfRange.into()),
        Data::Float(number) => float_ore(*number).map_err(CellIssue::from),
        Data::Error(_) => Err(CellProblem::ErrorValue.into()),
        Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err(CellProblem::Malformed.into())
        }
    }
}

/// Reads `−1 234,50` into öre as the Swedish CSV dialect reads an amount
/// (the same function, so that a text cell and a CSV field agree).
fn swedish_ore(text: &str) -> core::result::Result<i64, CellIssue> {
    parse_swedish_ore(text).map_err(|issue| match issue {
        AmountIssue::Malformed(source) => CellIssue::Bad(CellProblem::Malformed, source),
        other => cell_problem(other).into(),
    })
}

/// The öre of a double through its shortest round-trip decimal text
/// (`Display` for `f64`: no exponent, fewest digits that read back the
/// same), read exactly as the machine CSV dialect reads an amount.
fn float_ore(number: f64) -> core::result::Result<i64, CellProblem> {
    if !number.is_finite() {
        return Err(CellProblem::Malformed);
    }
    parse_machine_ore(&format!("{number}")).map_err(cell_problem)
}

/// The cell problem of an amount the CSV importers' parsers refused.
fn cell_problem(issue: AmountIssue) -> CellProblem {
    match issue {
        AmountIssue::Malformed(_) => CellProblem::Malformed,
        AmountIssue::Fractional => CellProblem::FractionalOre,
        AmountIssue::OutOfRange => CellProblem::OutOfRange,
        AmountIssue::Ambiguous => CellProblem::Ambiguous,
    }
}

/// A cell as shown in messages: text quoted (control characters escaped), a
/// number in its shortest decimal form, an error value as Excel shows it;
/// personnummer-like digits masked ([`echo`]).
fn render(cell: &Data) -> String {
    match cell {
        Data::Empty => "(empty)".to_owned(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            format!("\"{}\"", echo(&text.trim().escape_debug().to_string()))
        }
        Data::Int(number) => echo(&number.to_string()),
        Data::Float(number) => echo(&format!("{number}")),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(date) => format!("date {date}"),
        Data::Error(error) => error.to_string(),
    }
}

/// Excel's 1-based row number of a 0-based row index.
fn excel_row(index: u32) -> u32 {
    index.saturating_add(1)
}

/// Excel's column letters of a 0-based column index: 0 → `A`, 26 → `AA`.
fn column_letter(index: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = u64::from(index) + 1;
    while rest > 0 {
        rest -= 1;
        let offset = u8::try_from(rest % 26).unwrap_or_default();
        letters.push(char::from(b'A' + offset));
        rest /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        let letters: Vec<String> = [0, 3, 25, 26, 27, 51, 52, 701, 702, 16_383]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(
            letters,
            ["A", "D", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    #[test]
    fn text_amounts_read_as_the_swedish_csv_dialect_reads_them() {
        assert!(matches!(swedish_ore("1 234,50"), Ok(123_450)));
        assert!(matches!(swedish_ore("12.5"), Ok(1_250)));
        assert!(matches!(
            swedish_ore("1.000"),
            Err(CellIssue::Bad(CellProblem::Ambiguous, None))
        ));
        assert!(matches!(
            swedish_ore("0,001"),
            Err(CellIssue::Bad(CellProblem::FractionalOre, None))
        ));
        assert!(matches!(
            swedish_ore("x"),
            Err(CellIssue::Bad(CellProblem::Malformed, Some(_)))
        ));
    }

    #[test]
    fn floats_become_ore_through_their_shortest_decimal_form() {
        assert_eq!(float_ore(1234.5), Ok(123_450));
        assert_eq!(float_ore(0.3), Ok(30));
        assert_eq!(float_ore(-263_094.0), Ok(-26_309_400));
        assert_eq!(float_ore(-0.0), Ok(0));
        assert_eq!(float_ore(0.07), Ok(7));
        assert_eq!(float_ore(1.1), Ok(110));
        assert_eq!(float_ore(0.1 + 0.2), Err(CellProblem::FractionalOre));
        assert_eq!(float_ore(0.001), Err(CellProblem::FractionalOre));
        assert_eq!(float_ore(1e20), Err(CellProblem::OutOfRange));
        assert_eq!(float_ore(-1e300), Err(CellProblem::OutOfRange));
        assert_eq!(float_ore(f64::NAN), Err(CellProblem::Malformed));
        assert_eq!(float_ore(f64::INFINITY), Err(CellProblem::Malformed));
        // 9.2e16 kr is 9.2e18 öre, within i64; 9.3e16 kr is not.
        assert_eq!(float_ore(9.2e16), Ok(9_200_000_000_000_000_000));
        assert_eq!(float_ore(9.3e16), Err(CellProblem::OutOfRange));
    }

    #[test]
    fn references_are_read_as_calamine_reads_them_within_the_grid() {
        assert_eq!(grid_position("A1"), Ok(Some((0, Some(0)))));
        assert_eq!(
            grid_position("xfd1048576"),
            Ok(Some((1_048_575, Some(16_383))))
        );
        assert_eq!(grid_position("7"), Ok(Some((6, None))));
        // Malformed: calamine's own error, not ours.
        assert_eq!(grid_position("A0"), Ok(None));
        assert_eq!(grid_position("A"), Ok(None));
        assert_eq!(grid_position("A1B"), Ok(None));
        assert_eq!(grid_position("$A$1"), Ok(None));
        assert_eq!(grid_position(""), Ok(None));
        // Beyond the grid, also before a malformed character.
        assert_eq!(grid_position("XFE1"), Err(ReferenceProblem::BeyondGrid));
        assert_eq!(grid_position("A1048577"), Err(ReferenceProblem::BeyondGrid));
        assert_eq!(
            grid_position("AAAAAAAB2"),
            Err(ReferenceProblem::BeyondGrid)
        );
        assert_eq!(
            grid_position("A99999999999x"),
            Err(ReferenceProblem::BeyondGrid)
        );
        // Leading zeros do not count.
        assert_eq!(grid_position("B00000000000002"), Ok(Some((1, Some(1)))));
    }

    #[test]
    fn dimensions_must_lie_in_the_grid_and_not_be_reversed() {
        assert_eq!(check_dimension("A1:D20"), Ok(()));
        assert_eq!(check_dimension("C3"), Ok(()));
        assert_eq!(check_dimension("B2:A1"), Err(ReferenceProblem::Reversed));
        assert_eq!(check_dimension("A2:B1"), Err(ReferenceProblem::Reversed));
        assert_eq!(
            check_dimension("A1:XFE1"),
            Err(ReferenceProblem::BeyondGrid)
        );
        // Three parts or a part without a column: calamine's own error.
        assert_eq!(check_dimension("B2:A1:C3"), Ok(()));
        assert_eq!(check_dimension("2:1"), Ok(()));
    }

    #[test]
    fn attributes_are_split_as_calamine_splits_them() {
        let all = |raw| CalamineAttrs::new(raw).collect::<Vec<_>>();
        assert_eq!(
            all(r#" r="A1" s = '2'  t="s""#),
            [Some(("r", "A1")), Some(("s", "2")), Some(("t", "s"))]
        );
        // No space between attributes; an unclosed quote runs to the end.
        assert_eq!(all(r#"r="A1"t="s"#), [Some(("r", "A1")), Some(("t", "s"))]);
        // A key without `=`, an unquoted value: malformed, then the end.
        assert_eq!(all(r#"r="A1" x"#), [Some(("r", "A1")), None]);
        assert_eq!(all("r=A1 t=\"s\""), [None]);
        // `get_attrs!` counts a repeated key again: the third match ends it.
        assert_eq!(
            calamine_attrs(r#"r="A1" r="B2" s="1" t="n""#, ["r", "s", "t"]),
            Some([Some("B2"), Some("1"), None])
        );
        assert_eq!(
            calamine_attr(r#"x="1" r="C3" r="D4""#, "r"),
            Some(Some("C3"))
        );
        assert_eq!(calamine_attr(r#"x r="C3""#, "r"), Some(None));
        assert_eq!(calamine_attr(r#"x=1 r="C3""#, "r"), None);
    }

    proptest::proptest! {
        #[test]
        fn every_cell_of_the_grid_reads_back_and_none_beyond(row in 0_u64..2_000_000, col in 0_u64..40_000) {
            let name = cell_name(row, col);
            let read = grid_position(&name);
            if row < GRID_ROWS && col < GRID_COLUMNS {
                proptest::prop_assert_eq!(read, Ok(Some((row, Some(col)))));
            } else {
                proptest::prop_assert_eq!(read, Err(ReferenceProblem::BeyondGrid));
            }
        }

        #[test]
        fn the_span_is_rejected_exactly_when_it_passes_the_limit(
            cells in proptest::collection::vec((0_u64..GRID_ROWS, 0_u64..GRID_COLUMNS), 1..20),
        ) {
            let mut extent = SheetExtent::default();
            let mut rejected = false;
            for &(row, col) in &cells {
                rejected |= extent.add(row, col).is_some();
            }
            let rows = cells.iter().map(|c| c.0).max().unwrap_or(0) - cells.iter().map(|c| c.0).min().unwrap_or(0) + 1;
            let cols = cells.iter().map(|c| c.1).max().unwrap_or(0) - cells.iter().map(|c| c.1).min().unwrap_or(0) + 1;
            proptest::prop_assert_eq!(rejected, rows * cols > MAX_SHEET_CELLS);
        }
    }

    #[test]
    fn keys_from_numbers_have_no_decimals() {
        let key = |cell: Data| cell_key(&cell).ok();
        assert_eq!(key(Data::Float(1100.0)), Some("1100".to_owned()));
        assert_eq!(key(Data::Float(-0.0)), Some("0".to_owned()));
        assert_eq!(key(Data::Int(510)), Some("510".to_owned()));
        assert_eq!(key(Data::String("  4010 ".into())), Some("4010".to_owned()));
        assert_eq!(key(Data::Float(1100.5)), None);
        assert_eq!(key(Data::Bool(true)), None);
    }
}
