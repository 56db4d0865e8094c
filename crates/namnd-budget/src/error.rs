//! The one error type of `namnd-budget`.

use std::io;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_calc::CalcError;
use namnd_core::{Amount, CoreError, FiscalYear};

/// Everything that can go wrong in `namnd-budget`, both a fatal error (the
/// file cannot be read at all) and the reason a single row was rejected
/// ([`ImportSummary::rejected`](crate::ImportSummary::rejected)).
///
/// Messages are lowercase, have no trailing period, and name the value that
/// was read and where it stood: the file (as named in
/// [`CsvOptions::new`](crate::CsvOptions::new)), the line (1-based, the header
/// is line 1) and the column (by its name in the header). The cause of an error
/// is kept in its [`std::error::Error::source`], never repeated in the message.
///
/// Errors about a worksheet ([`crate::excel`]) name the file, the sheet, the
/// row as Excel numbers it (1-based; [`line`](BudgetError::line) returns it)
/// and the column by its letter and its name in the header row
/// ([`column`](BudgetError::column) returns the name).
///
/// # Example
/// ```
/// use namnd_budget::{BudgetError, CsvOptions, LedgerImporter};
///
/// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-02-30,1100,510,4010,12.50\n";
/// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("ledger.csv"))?;
/// assert_eq!(import.by_ref().count(), 0);
/// let summary = import.into_summary();
/// let err = &summary.rejected()[0];
/// assert_eq!(err.to_string(), r#"date "2023-02-30" in ledger.csv line 2 column datum does not exist"#);
/// assert_eq!((err.line(), err.column()), (Some(2), Some("datum")));
/// assert!(matches!(err, BudgetError::ImpossibleDate { .. }));
/// # Ok::<(), BudgetError>(())
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetError {
    // ------------------------------------------------------------- fatal
    /// Reading the file failed.
    #[error("failed to read {file} after line {line}")]
    Read {
        /// The file.
        file: Arc<str>,
        /// The last line read successfully (0 if none).
        line: u64,
        /// The I/O error.
        #[source]
        source: Arc<io::Error>,
    },
    /// Writing the output failed.
    #[error("failed to write {target}")]
    Write {
        /// What was being written, e.g. `follow-up csv`.
        target: &'static str,
        /// The I/O error.
        #[source]
        source: Arc<io::Error>,
    },
    /// The file is empty: it has no header line.
    #[error("{file} has no header line")]
    MissingHeader {
        /// The file.
        file: Arc<str>,
    },
    /// A column the import needs is not in the header.
    #[error("column \"{column}\" is missing from the header \"{header}\" of {file}")]
    MissingColumn {
        /// The file.
        file: Arc<str>,
        /// The column name looked for (see [`ColumnMap`](crate::ColumnMap)).
        column: String,
        /// The header line as read, fields joined by the dialect's delimiter.
        header: String,
    },
    /// A column the import needs appears more than once in the header.
    #[error("column \"{column}\" appears in columns {first} and {second} of the header of {file}")]
    DuplicateColumn {
        /// The file.
        file: Arc<str>,
        /// The column name.
        column: String,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of its second occurrence.
        second: usize,
    },
    /// A sum left the range of a 64-bit count of öre (about ±92 000 billion kronor).
    #[error("sum of {what} overflowed at {file} line {line}")]
    Overflow {
        /// The file.
        file: Arc<str>,
        /// The line whose amount overflowed the sum.
        line: u64,
        /// What was being summed, e.g. `utfall for 1100/510/4010`.
        what: String,
    },

    // ------------------------------------------------- rejected rows
    /// The row has a different number of fields than the header.
    ///
    /// A record that spans several physical lines (a quoted field with line
    /// breaks, or a quote left open) names its first and last line, and each
    /// of its lines counts as a rejected row.
    #[error("{file} {} has {found} fields; the header has {expected}", Lines(*.line, *.last_line))]
    ColumnCount {
        /// The file.
        file: Arc<str>,
        /// 1-based line where the row starts.
        line: u64,
        /// 1-based line where the row ends (`line` for a one-line row).
        last_line: u64,
        /// Number of fields in the header.
        expected: usize,
        /// Number of fields in the row.
        found: usize,
    },
    /// A key or value field is empty.
    #[error("column {column} is empty in {file} line {line}")]
    EmptyField {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
    },
    /// A field contains a control character (tab, NUL, line break, …).
    #[error("{column} \"{value}\" in {file} line {line} contains a control character")]
    ControlCharacter {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field, control characters shown escaped.
        value: String,
    },
    /// A key field (ansvar, verksamhet, konto, a SIE account or object id)
    /// looks like a personal identity number (personnummer or
    /// samordningsnummer, found by [`namnd_core::redact_identity_numbers`]):
    /// the row is rejected and the value is never echoed, since keys go
    /// into reports and onto standard output.
    #[error(
        "{column} in {file} line {line} looks like a personal identity number (not shown); the row is rejected"
    )]
    PersonnummerInKey {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header (for SIE: `konto`, `ansvar` or `verksamhet`).
        column: String,
    },
    /// An amount could not be read in the file's dialect.
    #[error("amount \"{value}\" in {file} line {line} column {column} is malformed")]
    MalformedAmount {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
        /// Why, where `namnd-core` could tell.
        #[source]
        source: Option<Box<CoreError>>,
    },
    /// An amount has fractions of an öre.
    #[error("amount \"{value}\" in {file} line {line} column {column} has fractions of an öre")]
    FractionalOre {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// An amount is beyond ±92 000 billion kronor (a 64-bit count of öre).
    #[error("amount \"{value}\" in {file} line {line} column {column} is out of range")]
    AmountOutOfRange {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A date is not written `YYYY-MM-DD`.
    #[error(
        "date \"{value}\" in {file} line {line} column {column} is malformed; expected YYYY-MM-DD"
    )]
    MalformedDate {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A date is well formed but does not exist, such as `2023-02-30`.
    #[error("date \"{value}\" in {file} line {line} column {column} does not exist")]
    ImpossibleDate {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
    /// A ledger date lies outside the fiscal year being imported.
    #[error("date {date} in {file} line {line} column {column} is outside fiscal year {year}")]
    DateOutsideFiscalYear {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The date read.
        date: NaiveDate,
        /// The fiscal year of the import.
        year: FiscalYear,
    },
    /// A row is not valid UTF-8 although the file was read as UTF-8 (it had a
    /// byte order mark, or an earlier row had valid UTF-8 beyond ASCII).
    #[error("{file} line {line} is not valid utf-8, as earlier lines were")]
    InvalidUtf8 {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
    },

    /// A record (a line, or the lines of a quoted field) is longer than
    /// [`MAX_RECORD_BYTES`](crate::MAX_RECORD_BYTES); it is rejected without
    /// being stored, and reading goes on at the next line. Each of its
    /// lines counts as a rejected row.
    #[error("{file} {} is longer than {limit} bytes", Lines(*.line, *.last_line))]
    RecordTooLong {
        /// The file.
        file: Arc<str>,
        /// 1-based line where the record starts.
        line: u64,
        /// 1-based line where reading went on after it, less one.
        last_line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// A row that is valid UTF-8 beyond ASCII in a file that an earlier row
    /// showed to be Windows-1252 (a notice: the row is read as Windows-1252,
    /// so its text may be garbled).
    #[error(
        "{file} line {line} is utf-8 text, but earlier lines were windows-1252; it is read as windows-1252"
    )]
    MixedEncoding {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
    },
    /// The file is in an encoding the import does not read, such as UTF-16
    /// (detected from its byte order mark).
    #[error("{file} is {encoding} text; save it as utf-8 or windows-1252 csv")]
    UnsupportedEncoding {
        /// The file.
        file: Arc<str>,
        /// The encoding, e.g. `utf-16le`.
        encoding: &'static str,
    },
    /// The header line is longer than [`MAX_RECORD_BYTES`](crate::MAX_RECORD_BYTES)
    /// (or the file has no line break in that many bytes).
    #[error("the header line of {file} is longer than {limit} bytes")]
    HeaderTooLong {
        /// The file.
        file: Arc<str>,
        /// The limit in bytes.
        limit: usize,
    },

    // -------------------------------------------------------- SIE 4
    /// An item of a SIE file cannot be read (for a `#TRANS` on a result
    /// account the row is rejected; otherwise a notice).
    #[error("{label} in {file} line {line} is malformed: {reason}")]
    SieMalformed {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The item's label, e.g. `#TRANS`, or `{`, `}`.
        label: String,
        /// What is wrong, naming the value read.
        reason: String,
    },
    /// A SIE date is not written `YYYYMMDD`.
    #[error("date \"{value}\" in {file} line {line} field {field} is malformed; expected YYYYMMDD")]
    SieMalformedDate {
        /// The file.
        file: Arc<str>,
        /// 1-based line (of the `#TRANS`, also when its date is the voucher's).
        line: u64,
        /// `transdat` or `verdatum`.
        field: &'static str,
        /// The field as read.
        value: String,
    },
    /// A SIE transaction is dated outside fiscal year 0 of the file's `#RAR`
    /// (checked when no fiscal year is configured).
    #[error(
        "date {date} in {file} line {line} field {field} is outside the fiscal year {start} to {end} of #RAR 0"
    )]
    SieDateOutsideRar {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// `transdat` or `verdatum`.
        field: &'static str,
        /// The date read.
        date: NaiveDate,
        /// The first day of `#RAR 0`.
        start: NaiveDate,
        /// The last day of `#RAR 0`.
        end: NaiveDate,
    },
    /// A line of a SIE file is UTF-8 text, but SIE 4 files are PC8 (CP437).
    #[error("{file} line {line} is utf-8 text, but a sie 4 file is pc8 (cp437)")]
    SieNotPc8 {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
    },
    /// `#FORMAT` names another encoding than PC8 (a notice: the file is read as PC8).
    #[error(
        "#FORMAT \"{value}\" in {file} line {line} is not PC8; the file is read as pc8 (cp437)"
    )]
    SieFormat {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The format named.
        value: String,
    },
    /// The transactions of a voucher do not sum to zero (a notice: its rows
    /// are imported).
    #[error(
        "voucher {series} {number} in {file} line {line} does not balance: its transactions sum to {difference}"
    )]
    SieUnbalancedVoucher {
        /// The file.
        file: Arc<str>,
        /// 1-based line of the `#VER`.
        line: u64,
        /// The voucher series (*verifikationsserie*).
        series: String,
        /// The voucher number.
        number: String,
        /// The sum of its transactions (zero in a balanced voucher).
        difference: Amount,
    },
    /// A voucher is not closed by `}` before the next `#VER` or the end of
    /// the file, as in a truncated file (a notice: its rows are imported).
    #[error("voucher {series} {number} in {file} line {line} is not closed by }}")]
    SieUnclosedVoucher {
        /// The file.
        file: Arc<str>,
        /// 1-based line of the `#VER`.
        line: u64,
        /// The voucher series.
        series: String,
        /// The voucher number.
        number: String,
    },
    /// A `#TRANS` account is not declared by `#KONTO` (a notice, given for
    /// the first use of each account).
    #[error("account {konto} in {file} line {line} is not declared by #KONTO")]
    SieUndeclaredAccount {
        /// The file.
        file: Arc<str>,
        /// 1-based line of its first use.
        line: u64,
        /// The account.
        konto: String,
    },
    /// An object in a `#TRANS` object list is not declared by `#OBJEKT` (a
    /// notice, given for the first use of each object).
    #[error(
        "object \"{object}\" of dimension {dimension} in {file} line {line} is not declared by #OBJEKT"
    )]
    SieUndeclaredObject {
        /// The file.
        file: Arc<str>,
        /// 1-based line of its first use.
        line: u64,
        /// The SIE dimension.
        dimension: u32,
        /// The object code.
        object: String,
    },
    /// A `#TRANS` on a result account has no object of the dimension mapped
    /// to the ansvar or the verksamhet.
    #[error(
        "#TRANS to account {konto} in {file} line {line} has no object of dimension {dimension} ({role})"
    )]
    SieMissingObject {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The account.
        konto: String,
        /// The SIE dimension looked for.
        dimension: u32,
        /// `ansvar` or `verksamhet`.
        role: &'static str,
    },

    // -------------------------------------------------------- Excel
    // (Excel importer variants go here)
    /// The workbook could not be opened as an `.xlsx` file.
    #[error("failed to open workbook {file}")]
    OpenWorkbook {
        /// The file.
        file: Arc<str>,
        /// The reader's error (the `.xlsx` reader is an implementation
        /// detail: its error type is not part of this API).
        #[source]
        source: Arc<dyn std::error::Error + Send + Sync>,
    },
    /// The workbook has no worksheet.
    #[error("{file} has no worksheet")]
    NoWorksheet {
        /// The file.
        file: Arc<str>,
    },
    /// The sheet asked for is not in the workbook.
    #[error("sheet \"{sheet}\" is not in {file}, whose sheets are {sheets}")]
    MissingSheet {
        /// The file.
        file: Arc<str>,
        /// The sheet name asked for.
        sheet: String,
        /// The workbook's sheet names, quoted and joined by `, `.
        sheets: String,
    },
    /// Reading a worksheet failed.
    #[error("failed to read sheet \"{sheet}\" of {file}")]
    ReadSheet {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The reader's error (the `.xlsx` reader is an implementation
        /// detail: its error type is not part of this API).
        #[source]
        source: Arc<dyn std::error::Error + Send + Sync>,
    },
    /// No row of the worksheet contains any of the mapped column names.
    #[error("no row of sheet \"{sheet}\" in {file} is a header naming {columns}")]
    SheetWithoutHeader {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The column names looked for, joined by `, `.
        columns: String,
    },
    /// A column the import needs is missing from the header row of a
    /// worksheet (the first row that names the most mapped columns).
    #[error(
        "column \"{column}\" is missing from the header \"{header}\" in {file} sheet \"{sheet}\" row {row}"
    )]
    SheetMissingColumn {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The header row as Excel numbers it (1-based).
        row: u32,
        /// The column name looked for (see [`ColumnMap`](crate::ColumnMap)).
        column: String,
        /// The header row's non-empty cells joined by `,`.
        header: String,
    },
    /// A column the import needs appears more than once in the header row of
    /// a worksheet.
    #[error(
        "column \"{column}\" appears in columns {first} and {second} of the header in {file} sheet \"{sheet}\" row {row}"
    )]
    SheetDuplicateColumn {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The header row as Excel numbers it (1-based).
        row: u32,
        /// The column name.
        column: String,
        /// Column letter of its first occurrence, such as `B`.
        first: String,
        /// Column letter of its second occurrence.
        second: String,
    },
    /// A key or amount cell of a worksheet row is empty.
    #[error("row {row} column {letter} ({column}) of sheet \"{sheet}\" in {file} is empty")]
    EmptyCell {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The row as Excel numbers it (1-based).
        row: u32,
        /// The column letter, such as `D`.
        letter: String,
        /// The column's name in the header row.
        column: String,
    },
    /// A cell of a worksheet row holds a value the import cannot use.
    #[error(
        "row {row} column {letter} ({column}) of sheet \"{sheet}\" in {file} holds {value}, which {problem}"
    )]
    BadCell {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The row as Excel numbers it (1-based).
        row: u32,
        /// The column letter, such as `D`.
        letter: String,
        /// The column's name in the header row.
        column: String,
        /// The cell as read: text quoted, a number in its shortest decimal
        /// form (`0.30000000000000004`), an error value as Excel shows it.
        value: String,
        /// What is wrong with it.
        problem: crate::excel::CellProblem,
        /// Why, where `namnd-core` could tell.
        #[source]
        source: Option<Box<CoreError>>,
    },

    // -------------------------------------------------------- model
    /// A stated current frame (*ny anslagsram*, new frame) is not the original
    /// frame plus the changes by decision.
    #[error(
        "current frame {stated} stated for {year} does not reconcile: original {original} + changes {changes} = {computed}, a difference of {difference}"
    )]
    FrameDoesNotReconcile {
        /// The fiscal year of the frame.
        year: FiscalYear,
        /// The original frame (*ursprunglig budget*).
        original: Amount,
        /// The sum of the changes.
        changes: Amount,
        /// original + changes.
        computed: Amount,
        /// The current frame as stated.
        stated: Amount,
        /// stated − computed.
        difference: Amount,
    },
    /// A frame change is dated outside the frame's fiscal year.
    #[error("frame change \"{reason}\" dated {date} is outside fiscal year {year}")]
    FrameChangeOutsideYear {
        /// The change's reason.
        reason: String,
        /// Its date.
        date: NaiveDate,
        /// The frame's fiscal year.
        year: FiscalYear,
    },
    /// A required text of a budget-model item is empty or only whitespace.
    #[error("{item} has an empty {field}")]
    BlankText {
        /// The item, e.g. `frame change of 2021-06-14`.
        item: String,
        /// The field, e.g. `reason`.
        field: &'static str,
    },
    /// A sum or difference in the budget model left the decimal range.
    #[error("{what} overflowed")]
    ModelOverflow {
        /// What was being computed, e.g. `outcome of SN/IFO 510 personalkostnader`.
        what: String,
        /// The arithmetic error.
        #[source]
        source: Box<CoreError>,
    },
    /// A periodisation, forecast or threshold of `namnd-calc` failed.
    #[error("failed to compute {what}")]
    Calculation {
        /// What was being computed, e.g. `forecast of SN/IFO 510 personalkostnader`.
        what: String,
        /// The calculation error.
        #[source]
        source: Box<CalcError>,
    },
    /// A periodisation this version of the model cannot apply to a budget.
    #[error("periodisation {name} of budget line {key} is not supported")]
    UnsupportedPeriodisation {
        /// The periodisation's name.
        name: &'static str,
        /// The budget line's key, as displayed.
        key: String,
    },
    /// Two budget lines have the same key.
    #[error("budget line {key} appears twice")]
    DuplicateBudgetLine {
        /// The key, as displayed.
        key: String,
    },
    /// A ledger or budget row's *ansvar* (responsibility unit) is not mapped
    /// to a unit path (the row is rejected).
    #[error("ansvar \"{ansvar}\" in {file} line {line} is not mapped to a unit")]
    UnmappedAnsvar {
        /// The file the row was read from.
        file: Arc<str>,
        /// 1-based line of the row.
        line: u64,
        /// The ansvar read.
        ansvar: String,
    },
    /// A ledger or budget row's *konto* (account) is not an account number
    /// (the row is rejected).
    #[error("konto \"{konto}\" in {file} line {line} is not an account number")]
    MalformedAccount {
        /// The file the row was read from.
        file: Arc<str>,
        /// 1-based line of the row.
        line: u64,
        /// The konto read.
        konto: String,
    },
    /// A ledger or budget row's account belongs to no account group of the
    /// mapping (the row is rejected).
    #[error("konto {konto} in {file} line {line} is in no account group")]
    UnmappedAccount {
        /// The file the row was read from.
        file: Arc<str>,
        /// 1-based line of the row.
        line: u64,
        /// The konto read.
        konto: String,
    },
    /// A ledger row is dated outside the fiscal year of the model (the row is
    /// rejected).
    #[error("date {date} in {file} line {line} is outside fiscal year {year}")]
    RowOutsideModelYear {
        /// The file the row was read from.
        file: Arc<str>,
        /// 1-based line of the row.
        line: u64,
        /// The date read.
        date: NaiveDate,
        /// The model's fiscal year.
        year: FiscalYear,
    },
    /// A ledger row or month lies outside the fiscal year of the model.
    #[error("{what} {date} is outside fiscal year {year}")]
    OutsideModelYear {
        /// What is dated, e.g. `ledger row 12` or `as-of month starting`.
        what: String,
        /// The date (the first day, for a month).
        date: NaiveDate,
        /// The model's fiscal year.
        year: FiscalYear,
    },
    /// The three views of a follow-up do not reach the same total.
    #[error("{measure} by {view} totals {found}, the lines total {expected}")]
    ViewsDisagree {
        /// The view: `account group`, `verksamhet` or `unit`.
        view: &'static str,
        /// The measure: `budget`, `outcome to date`, `forecast`, …
        measure: &'static str,
        /// The total over all lines.
        expected: Amount,
        /// The view's total.
        found: Amount,
    },
    /// An operating request (*driftsäskande*) or savings effect is dated
    /// outside the three-year plan.
    #[error("{item} for {year} is outside the plan {first}–{last}")]
    OutsidePlan {
        /// The request or proposal, by its description.
        item: String,
        /// The year given.
        year: FiscalYear,
        /// The plan's first year.
        first: FiscalYear,
        /// The plan's last year.
        last: FiscalYear,
    },
    /// A requested carry-over (*ombudgetering*) of an investment is negative
    /// or larger than its remaining amount (*restbelopp*).
    #[error(
        "carry-over {requested} requested for investment {project} is not within its restbelopp {remaining}"
    )]
    CarryOverExceedsRemaining {
        /// The project, e.g. `IV80038 - Violen- SÄBO`, or `total`.
        project: String,
        /// The carry-over asked for.
        requested: Amount,
        /// budget − outcome.
        remaining: Amount,
    },
    /// A line appears twice among the per-line methods or manual forecasts
    /// of serialised [`FollowUpOptions`](crate::model::FollowUpOptions).
    #[error("line {key} appears twice in the {list} of the follow-up options")]
    DuplicateOptionsLine {
        /// The list: `methods` or `manual`.
        list: &'static str,
        /// The line's key, as displayed.
        key: String,
    },
    /// The budget of a follow-up's allocation lines (*anslag*) is not the
    /// current frame.
    #[error(
        "allocation budget {allocation} of the follow-up for {year} does not match the current frame {frame}, a difference of {difference}"
    )]
    FrameDoesNotMatchAllocation {
        /// The fiscal year.
        year: FiscalYear,
        /// The frame's current amount (original + changes).
        frame: Amount,
        /// The sum of the budget of the allocation lines.
        allocation: Amount,
        /// allocation − frame.
        difference: Amount,
    },
    /// A budget line is periodised by the previous year's outcome but has
    /// no history to periodise by.
    #[error("budget line {key} is periodised by prior-year outcome but has no history")]
    PeriodisationWithoutHistory {
        /// The line's key, as displayed.
        key: String,
    },

    // ---------------------------------------------------- follow-up
    /// A forecast method name that is not known.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetError, ForecastMethod};
    /// let result = "linear".parse::<ForecastMethod>();
    /// assert!(matches!(result, Err(BudgetError::UnknownMethod { .. })));
    /// if let Err(err) = result {
    ///     assert_eq!(err.to_string(), r#"forecast method "linear" is not known; expected run-rate"#);
    /// }
    /// ```
    #[error("forecast method \"{name}\" is not known; expected run-rate")]
    UnknownMethod {
        /// The name given.
        name: String,
    },
    /// A column of a follow-up row left the range of a 64-bit count of öre.
    #[error("{column} of {ansvar}/{verksamhet}/{konto} is beyond ±92 000 billion kronor")]
    FollowUpOverflow {
        /// The column: `prognos` or `avvikelse`.
        column: &'static str,
        /// The key's ansvar.
        ansvar: String,
        /// The key's verksamhet.
        verksamhet: String,
        /// The key's konto.
        konto: String,
    },

    // ------------------------------------------------------ notices
    /// A budget key appears again; the amounts are summed (as the peer
    /// implementation does). Reported in
    /// [`ImportSummary::notices`](crate::ImportSummary::notices), the row itself
    /// is accepted.
    #[error(
        "budget key {ansvar}/{verksamhet}/{konto} in {file} line {line} repeats line {first_line}; the amounts are summed"
    )]
    DuplicateBudgetKey {
        /// The file.
        file: Arc<str>,
        /// 1-based line of the repetition.
        line: u64,
        /// 1-based line where the key first appeared.
        first_line: u64,
        /// The key's ansvar.
        ansvar: String,
        /// The key's verksamhet.
        verksamhet: String,
        /// The key's konto.
        konto: String,
    },
    /// A budget key appears again and the import rejects repetitions
    /// ([`DuplicateKeys::Reject`](crate::DuplicateKeys::Reject)): the later
    /// row is rejected.
    #[error(
        "budget key {ansvar}/{verksamhet}/{konto} in {file} line {line} repeats line {first_line}; the row is rejected"
    )]
    RepeatedBudgetKey {
        /// The file.
        file: Arc<str>,
        /// 1-based line of the repetition.
        line: u64,
        /// 1-based line where the key first appeared.
        first_line: u64,
        /// The key's ansvar.
        ansvar: String,
        /// The key's verksamhet.
        verksamhet: String,
        /// The key's konto.
        konto: String,
    },
    /// A budget key appears again in a worksheet; the amounts are summed, as
    /// for [`BudgetError::DuplicateBudgetKey`].
    #[error(
        "budget key {ansvar}/{verksamhet}/{konto} in {file} sheet \"{sheet}\" row {row} repeats row {first_row}; the amounts are summed"
    )]
    SheetDuplicateBudgetKey {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The row of the repetition as Excel numbers it (1-based).
        row: u32,
        /// The row where the key first appeared.
        first_row: u32,
        /// The key's ansvar.
        ansvar: String,
        /// The key's verksamhet.
        verksamhet: String,
        /// The key's konto.
        konto: String,
    },
    /// A cell reference or the `<dimension>` of a worksheet lies beyond
    /// Excel's grid, or its cells span more than
    /// [`MAX_SHEET_CELLS`](crate::excel::MAX_SHEET_CELLS): the workbook is
    /// rejected before the sheet is read, so that no cell lands at a wrong
    /// position.
    #[error("reference \"{reference}\" in {file} sheet \"{sheet}\" {problem}")]
    SheetReference {
        /// The file.
        file: Arc<str>,
        /// The sheet.
        sheet: String,
        /// The reference as written (`AAAAAAAB2`, `A1:B99999999999`), or the
        /// range the cells span.
        reference: String,
        /// What is wrong with it.
        problem: crate::excel::ReferenceProblem,
    },
    /// An amount in the Swedish dialect has a point before exactly three
    /// digits (`1.000`): a thousands separator in many exports (1 000 kr)
    /// or a decimal point (1,000 kr). Rejected rather than guessed; a point
    /// before one or two digits (`12.5`) is read as a decimal point.
    #[error(
        "amount \"{value}\" in {file} line {line} column {column} is ambiguous: a point before three digits may separate thousands or decimals; write a decimal comma (1 000,00 or 1,000)"
    )]
    AmbiguousAmount {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: u64,
        /// The column's name in the header.
        column: String,
        /// The field as read.
        value: String,
    },
}

/// The crate's error under the conventional name.
///
/// # Example
/// ```
/// use namnd_budget::{CsvOptions, Error, LedgerImporter};
///
/// fn open(csv: &str) -> Result<usize, Error> {
///     Ok(LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?.count())
/// }
/// assert_eq!(open("datum,ansvar,verksamhet,konto,belopp\n")?, 0);
/// assert!(matches!(open(""), Err(Error::MissingHeader { .. })));
/// # Ok::<(), Error>(())
/// ```
pub type Error = BudgetError;

/// `Result` with a [`BudgetError`].
///
/// # Example
/// ```
/// use namnd_budget::{ForecastMethod, Result};
///
/// fn method(name: &str) -> Result<ForecastMethod> {
///     name.parse()
/// }
/// assert_eq!(method("run-rate")?, ForecastMethod::RunRate);
/// assert!(method("linear").is_err());
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
pub type Result<T, E = BudgetError> = core::result::Result<T, E>;

/// The longest text [`echo`] returns, in characters (the last one `…` when cut).
pub(crate) const ECHO_MAX_CHARS: usize = 80;

/// Text read from an input file, made fit for an error message by
/// [`namnd_core::quote_for_message`] (identity numbers masked, control
/// characters escaped, cut to [`ECHO_MAX_CHARS`] characters). Every string
/// taken from input that goes into a [`BudgetError`] passes through here.
pub(crate) fn echo(text: &str) -> String {
    namnd_core::quote_for_message(text, ECHO_MAX_CHARS)
}

/// `line N`, or `lines N–M` for a record spanning several lines.
struct Lines(u64, u64);

impl core::fmt::Display for Lines {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.1 > self.0 {
            write!(f, "lines {}–{}", self.0, self.1)
        } else {
            write!(f, "line {}", self.0)
        }
    }
}

impl BudgetError {
    /// The name of the error's variant, such as `"MalformedAmount"`: the
    /// reason under which [`ImportSummary`](crate::ImportSummary) counts
    /// rejections and notices ([`ImportSummary::rejected_by_reason`](crate::ImportSummary::rejected_by_reason)).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    ///
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-02,1100,510,4010,12.x\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].reason(), "MalformedAmount");
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn reason(&self) -> &'static str {
        match self {
            BudgetError::Read { .. } => "Read",
            BudgetError::Write { .. } => "Write",
            BudgetError::MissingHeader { .. } => "MissingHeader",
            BudgetError::MissingColumn { .. } => "MissingColumn",
            BudgetError::DuplicateColumn { .. } => "DuplicateColumn",
            BudgetError::Overflow { .. } => "Overflow",
            BudgetError::ColumnCount { .. } => "ColumnCount",
            BudgetError::EmptyField { .. } => "EmptyField",
            BudgetError::ControlCharacter { .. } => "ControlCharacter",
            BudgetError::PersonnummerInKey { .. } => "PersonnummerInKey",
            BudgetError::MalformedAmount { .. } => "MalformedAmount",
            BudgetError::FractionalOre { .. } => "FractionalOre",
            BudgetError::AmountOutOfRange { .. } => "AmountOutOfRange",
            BudgetError::MalformedDate { .. } => "MalformedDate",
            BudgetError::ImpossibleDate { .. } => "ImpossibleDate",
            BudgetError::DateOutsideFiscalYear { .. } => "DateOutsideFiscalYear",
            BudgetError::InvalidUtf8 { .. } => "InvalidUtf8",
            BudgetError::SieMalformed { .. } => "SieMalformed",
            BudgetError::SieMalformedDate { .. } => "SieMalformedDate",
            BudgetError::SieDateOutsideRar { .. } => "SieDateOutsideRar",
            BudgetError::SieNotPc8 { .. } => "SieNotPc8",
            BudgetError::SieFormat { .. } => "SieFormat",
            BudgetError::SieUnbalancedVoucher { .. } => "SieUnbalancedVoucher",
            BudgetError::SieUnclosedVoucher { .. } => "SieUnclosedVoucher",
            BudgetError::SieUndeclaredAccount { .. } => "SieUndeclaredAccount",
            BudgetError::SieUndeclaredObject { .. } => "SieUndeclaredObject",
            BudgetError::SieMissingObject { .. } => "SieMissingObject",
            BudgetError::OpenWorkbook { .. } => "OpenWorkbook",
            BudgetError::NoWorksheet { .. } => "NoWorksheet",
            BudgetError::MissingSheet { .. } => "MissingSheet",
            BudgetError::ReadSheet { .. } => "ReadSheet",
            BudgetError::SheetWithoutHeader { .. } => "SheetWithoutHeader",
            BudgetError::SheetMissingColumn { .. } => "SheetMissingColumn",
            BudgetError::SheetDuplicateColumn { .. } => "SheetDuplicateColumn",
            BudgetError::EmptyCell { .. } => "EmptyCell",
            BudgetError::BadCell { .. } => "BadCell",
            BudgetError::FrameDoesNotReconcile { .. } => "FrameDoesNotReconcile",
            BudgetError::FrameChangeOutsideYear { .. } => "FrameChangeOutsideYear",
            BudgetError::BlankText { .. } => "BlankText",
            BudgetError::ModelOverflow { .. } => "ModelOverflow",
            BudgetError::Calculation { .. } => "Calculation",
            BudgetError::UnsupportedPeriodisation { .. } => "UnsupportedPeriodisation",
            BudgetError::DuplicateBudgetLine { .. } => "DuplicateBudgetLine",
            BudgetError::UnmappedAnsvar { .. } => "UnmappedAnsvar",
            BudgetError::MalformedAccount { .. } => "MalformedAccount",
            BudgetError::UnmappedAccount { .. } => "UnmappedAccount",
            BudgetError::RowOutsideModelYear { .. } => "RowOutsideModelYear",
            BudgetError::OutsideModelYear { .. } => "OutsideModelYear",
            BudgetError::ViewsDisagree { .. } => "ViewsDisagree",
            BudgetError::OutsidePlan { .. } => "OutsidePlan",
            BudgetError::CarryOverExceedsRemaining { .. } => "CarryOverExceedsRemaining",
            BudgetError::DuplicateOptionsLine { .. } => "DuplicateOptionsLine",
            BudgetError::FrameDoesNotMatchAllocation { .. } => "FrameDoesNotMatchAllocation",
            BudgetError::PeriodisationWithoutHistory { .. } => "PeriodisationWithoutHistory",
            BudgetError::SheetReference { .. } => "SheetReference",
            BudgetError::AmbiguousAmount { .. } => "AmbiguousAmount",
            BudgetError::DuplicateBudgetKey { .. } => "DuplicateBudgetKey",
            BudgetError::SheetDuplicateBudgetKey { .. } => "SheetDuplicateBudgetKey",
            BudgetError::UnknownMethod { .. } => "UnknownMethod",
            BudgetError::UnsupportedEncoding { .. } => "UnsupportedEncoding",
            BudgetError::HeaderTooLong { .. } => "HeaderTooLong",
            BudgetError::RecordTooLong { .. } => "RecordTooLong",
            BudgetError::MixedEncoding { .. } => "MixedEncoding",
            BudgetError::RepeatedBudgetKey { .. } => "RepeatedBudgetKey",
            BudgetError::FollowUpOverflow { .. } => "FollowUpOverflow",
        }
    }
    /// The 1-based line the error is about, if it is about one.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    ///
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-02,1100,510,4010\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].line(), Some(2));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn line(&self) -> Option<u64> {
        self.location().line
    }

    /// The column (its name in the header) the error is about, if it is about one.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    ///
    /// let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-02,1100,510,4010,12.x\n";
    /// let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"))?;
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.summary().rejected()[0].column(), Some("belopp"));
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn column(&self) -> Option<&str> {
        self.location().column
    }

    /// The file the error is about, if any (a write error names its target instead).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::{BudgetError, CsvOptions, LedgerImporter};
    ///
    /// let err = LedgerImporter::new(&b""[..], CsvOptions::new("empty.csv")).err().ok_or("no error")?;
    /// assert_eq!(err.file(), Some("empty.csv"));
    /// assert_eq!(err.to_string(), "empty.csv has no header line");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file(&self) -> Option<&str> {
        self.location().file
    }

    /// Where the error is: its file, line and column, as far as it names
    /// them. The one place that lists every variant's location, so that a
    /// new variant is added once.
    fn location(&self) -> Location<'_> {
        match self {
            BudgetError::AmbiguousAmount {
                file, line, column, ..
            } => Location {
                file: Some(&**file),
                line: Some(*line),
                column: Some(column),
            },
            BudgetError::SieMalformed { file, line, .. }
            | BudgetError::SieNotPc8 { file, line, .. }
            | BudgetError::SieFormat { file, line, .. }
            | BudgetError::SieUnbalancedVoucher { file, line, .. }
            | BudgetError::SieUnclosedVoucher { file, line, .. }
            | BudgetError::SieUndeclaredAccount { file, line, .. }
            | BudgetError::SieUndeclaredObject { file, line, .. }
            | BudgetError::SieMissingObject { file, line, .. }
            | BudgetError::Read { file, line, .. }
            | BudgetError::Overflow { file, line, .. }
            | BudgetError::ColumnCount { file, line, .. }
            | BudgetError::InvalidUtf8 { file, line, .. }
            | BudgetError::RecordTooLong { file, line, .. }
            | BudgetError::MixedEncoding { file, line, .. }
            | BudgetError::RepeatedBudgetKey { file, line, .. }
            | BudgetError::DuplicateBudgetKey { file, line, .. }
            | BudgetError::UnmappedAnsvar { file, line, .. }
            | BudgetError::MalformedAccount { file, line, .. }
            | BudgetError::UnmappedAccount { file, line, .. }
            | BudgetError::RowOutsideModelYear { file, line, .. } => Location {
                file: Some(&**file),
                line: Some(*line),
                column: None,
            },
            BudgetError::SieMalformedDate {
                file, line, field, ..
            }
            | BudgetError::SieDateOutsideRar {
                file, line, field, ..
            } => Location {
                file: Some(&**file),
                line: Some(*line),
                column: Some(field),
            },
            BudgetError::EmptyField {
                file, line, column, ..
            }
            | BudgetError::ControlCharacter {
                file, line, column, ..
            }
            | BudgetError::PersonnummerInKey {
                file, line, column, ..
            }
            | BudgetError::MalformedAmount {
                file, line, column, ..
            }
            | BudgetError::FractionalOre {
                file, line, column, ..
            }
            | BudgetError::AmountOutOfRange {
                file, line, column, ..
            }
            | BudgetError::MalformedDate {
                file, line, column, ..
            }
            | BudgetError::ImpossibleDate {
                file, line, column, ..
            }
            | BudgetError::DateOutsideFiscalYear {
                file, line, column, ..
            } => Location {
                file: Some(&**file),
                line: Some(*line),
                column: Some(column),
            },
            BudgetError::SheetMissingColumn {
                file, row, column, ..
            }
            | BudgetError::SheetDuplicateColumn {
                file, row, column, ..
            }
            | BudgetError::EmptyCell {
                file, row, column, ..
            }
            | BudgetError::BadCell {
                file, row, column, ..
            } => Location {
                file: Some(&**file),
                line: Some(u64::from(*row)),
                column: Some(column),
            },
            BudgetError::SheetDuplicateBudgetKey { file, row, .. } => Location {
                file: Some(&**file),
                line: Some(u64::from(*row)),
                column: None,
            },
            BudgetError::OpenWorkbook { file, .. }
            | BudgetError::NoWorksheet { file, .. }
            | BudgetError::MissingSheet { file, .. }
            | BudgetError::ReadSheet { file, .. }
            | BudgetError::SheetWithoutHeader { file, .. }
            | BudgetError::MissingHeader { file, .. }
            | BudgetError::UnsupportedEncoding { file, .. }
            | BudgetError::HeaderTooLong { file, .. }
            | BudgetError::SheetReference { file, .. } => Location {
                file: Some(&**file),
                line: None,
                column: None,
            },
            BudgetError::Write { .. }
            | BudgetError::UnknownMethod { .. }
            | BudgetError::FrameDoesNotReconcile { .. }
            | BudgetError::FrameChangeOutsideYear { .. }
            | BudgetError::BlankText { .. }
            | BudgetError::ModelOverflow { .. }
            | BudgetError::Calculation { .. }
            | BudgetError::DuplicateBudgetLine { .. }
            | BudgetError::UnsupportedPeriodisation { .. }
            | BudgetError::OutsideModelYear { .. }
            | BudgetError::ViewsDisagree { .. }
            | BudgetError::OutsidePlan { .. }
            | BudgetError::CarryOverExceedsRemaining { .. }
            | BudgetError::DuplicateOptionsLine { .. }
            | BudgetError::FrameDoesNotMatchAllocation { .. }
            | BudgetError::PeriodisationWithoutHistory { .. } => Location {
                file: None,
                line: None,
                column: None,
            },
            BudgetError::MissingColumn { file, column, .. }
            | BudgetError::DuplicateColumn { file, column, .. } => Location {
                file: Some(&**file),
                line: None,
                column: Some(column),
            },
            BudgetError::FollowUpOverflow { column, .. } => Location {
                file: None,
                line: None,
                column: Some(column),
            },
        }
    }
}

/// What [`BudgetError::location`] gives.
struct Location<'a> {
    file: Option<&'a str>,
    line: Option<u64>,
    column: Option<&'a str>,
}
