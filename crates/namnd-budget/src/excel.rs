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
//! | text | trimmed; control characters rejected | read as a Swedish number with [`SwedishNumber`]: `1 234,50`, `−263 094`, `12 000 kr` |
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
//! calamine's `.xlsx` reader holds the chosen worksheet in memory (its cells,
//! not the file); the rows are then checked and yielded one at a time. A
//! budget has thousands of rows, not millions; ledgers of millions of
//! transactions belong in CSV or SIE.
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
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Range, Reader, SheetType, Xlsx};
use namnd_core::{Amount, CoreError, Decimal, NumberUnit, SwedishNumber};
use rust_decimal::prelude::ToPrimitive;

use crate::error::{BudgetError, Result, echo};
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
        let workbook: Xlsx<BufReader<File>> =
            calamine::open_workbook(path).map_err(|source| BudgetError::OpenWorkbook {
                file: Arc::clone(&options.file),
                source: Arc::new(source) as Arc<dyn std::error::Error + Send + Sync>,
            })?;
        Self::from_workbook(workbook, options)
    }

    /// Reads the workbook from `reader` (the bytes of an `.xlsx` file), reads
    /// the sheet and finds the header row.
    ///
    /// # Errors
    /// [`BudgetError::OpenWorkbook`] if the bytes are not an `.xlsx` workbook,
    /// [`BudgetError::NoWorksheet`] / [`BudgetError::MissingSheet`] if there is
    /// no such worksheet, [`BudgetError::ReadSheet`] if the sheet cannot be
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
    pub fn new<RS: Read + Seek>(reader: RS, options: ExcelOptions) -> Result<Self> {
        let workbook = Xlsx::new(reader).map_err(|source| BudgetError::OpenWorkbook {
            file: Arc::clone(&options.file),
            source: Arc::new(source) as Arc<dyn std::error::Error + Send + Sync>,
        })?;
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
            None => worksheets
                .first()
                .cloned()
                .ok_or_else(|| BudgetError::NoWorksheet {
                    file: Arc::clone(&file),
                })?,
            Some(wanted) => worksheets
                .iter()
                .find(|name| *name == wanted)
                .or_else(|| {
                    let lower = wanted.to_lowercase();
                    worksheets.iter().find(|name| name.to_lowercase() == lower)
                })
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
        // fuzzing): a malformed workbook must be an error, never a panic.
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

/// Reads `−1 234,50` with [`SwedishNumber`] into öre.
fn swedish_ore(text: &str) -> core::result::Result<i64, CellIssue> {
    let number = SwedishNumber::parse(text)
        .map_err(|e| CellIssue::Bad(CellProblem::Malformed, Some(Box::new(e))))?;
    if number.is_parenthesised() || !matches!(number.unit(), NumberUnit::None | NumberUnit::Kr) {
        return Err(CellProblem::Malformed.into());
    }
    let ore = number
        .value()
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(CellProblem::OutOfRange)?;
    if !ore.fract().is_zero() {
        return Err(CellProblem::FractionalOre.into());
    }
    ore.to_i64().ok_or_else(|| CellProblem::OutOfRange.into())
}

/// The öre of a double through its shortest round-trip decimal text
/// (`Display` for `f64`: no exponent, fewest digits that read back the same).
fn float_ore(number: f64) -> core::result::Result<i64, CellProblem> {
    if !number.is_finite() {
        return Err(CellProblem::Malformed);
    }
    decimal_text_ore(&format!("{number}"))
}

/// Reads `-1234.5` (digits, at most one point, an optional minus) exactly
/// into öre, in integers.
fn decimal_text_ore(text: &str) -> core::result::Result<i64, CellProblem> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !valid(int_part) || !valid(frac_part) {
        return Err(CellProblem::Malformed);
    }
    let limit = i128::from(i64::MAX) / 100 + 1;
    let mut ore: i128 = 0;
    for digit in int_part.bytes() {
        ore = ore
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(digit - b'0')))
            .filter(|v| *v <= limit)
            .ok_or(CellProblem::OutOfRange)?;
    }
    ore = ore.saturating_mul(100);
    let mut scale = 10_i128;
    for (i, digit) in frac_part.bytes().enumerate() {
        if i >= 2 {
            if digit != b'0' {
                return Err(CellProblem::FractionalOre);
            }
        } else {
            ore = ore.saturating_add(i128::from(digit - b'0').saturating_mul(scale));
            scale /= 10;
        }
    }
    let signed = if negative { -ore } else { ore };
    i64::try_from(signed).map_err(|_| CellProblem::OutOfRange)
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
