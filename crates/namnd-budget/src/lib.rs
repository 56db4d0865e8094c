//! # namnd-budget: the monthly budget follow-up
//!
//! From a ledger (transactions) and a budget, the follow-up a controller
//! brings to the committee: per (ansvar, verksamhet, konto) the annual budget,
//! the outcome to date (*utfall*), a full-year forecast (*helårsprognos*) and
//! the forecast variance (*avvikelse*). Built on [`namnd_core`].
//!
//! | Item | What it does |
//! |---|---|
//! | [`LedgerImporter`], [`BudgetImporter`] | stream the accepted rows of a CSV file ([`LedgerRow`], [`BudgetRow`]); every rejected row goes to the [`ImportSummary`] with its line, column and reason |
//! | [`excel::ExcelBudgetImporter`], [`excel::ExcelOptions`] | read the [`BudgetRow`]s of a budget workbook (`.xlsx`): a sheet by name or the first, a header row found below any title rows, the same [`ColumnMap`]; rejected rows with the row number and column letter as Excel shows them |
//! | [`Dialect`], [`TextEncoding`], [`ColumnMap`], [`CsvOptions`] | how a file is read: machine or Swedish Excel dialect, UTF-8 (with or without BOM) or Windows-1252, mappable column names |
//! | [`sie::SieImporter`], [`sie::SieOptions`], [`LedgerFormat`] | stream the ledger rows of a SIE 4 file (PC8, `#VER`/`#TRANS` with object lists), dimensions mapped to ansvar and verksamhet; the follow-up takes CSV or SIE, detected from the first bytes |
//! | [`follow_up`], [`FollowUpJob`], [`FollowUp`], [`FollowUpRow`], [`ForecastMethod`] | the follow-up job, which is also the benchmark contract |
//! | [`model`] | the budget model in canonical signs: budget lines with periodisation, the frame (*ram*) and its reconciliation, outcome per line and month, the follow-up rolled up through the unit hierarchy with three reconciling views, *resultat i balans*, *driftsäskanden*, investment follow-up |
//! | [`generate`] | a deterministic generator of ledgers and budgets for tests and benchmarks |
//! | [`BudgetError`] | one error enum for the crate (also `namnd_budget::Error`) |
//!
//! ## Run the follow-up
//! ```
//! use namnd_budget::{follow_up, ForecastMethod};
//! use namnd_core::YearMonth;
//!
//! let ledger = "datum,ansvar,verksamhet,konto,belopp\n\
//!               2023-01-31,1100,510,4010,1000.00\n\
//!               2023-02-28,1100,510,3010,-0.01\n\
//!               2023-12-01,1100,510,4010,99.00\n";
//! let budget = "ansvar,verksamhet,konto,budget\n1100,510,4010,12000.00\n1100,520,4010,500.00\n";
//! let report = follow_up(ledger.as_bytes(), budget.as_bytes(), YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate)?;
//! let mut out = Vec::new();
//! report.write_csv(&mut out)?;
//! assert_eq!(String::from_utf8(out)?, "\
//! ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse
//! 1100,510,3010,0.00,-0.01,-0.02,0.02
//! 1100,510,4010,12000.00,1000.00,1500.00,10500.00
//! 1100,520,4010,500.00,0.00,0.00,500.00
//! ");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The follow-up contract
//! For an as-of month `m` of fiscal year `Y` (the calendar year):
//! - **utfall** = the sum of the ledger amounts dated from `Y-01-01` to the end
//!   of month `m`; rows later in `Y` are valid but not counted
//!   ([`FollowUp::rows_after_as_of`]), nor are rows outside `Y`, which are
//!   valid ledger rows too: counted ([`FollowUp::rows_outside_year`]), not
//!   stored (the peer ignores them silently, so the output is the same);
//! - **prognos** = utfall × 12 / m, rounded half away from zero to whole öre
//!   (1 öre at m = 8 is 1,5 öre → 2 öre; −1 öre → −2 öre; at m = 12 it is utfall);
//! - **avvikelse** = budget − prognos; signs as in SIE (costs positive, income
//!   negative); an unbudgeted line has budget 0;
//! - one row per key with a budget row or a counted ledger row, sorted by
//!   (ansvar, verksamhet, konto) in byte order; header
//!   [`FOLLOW_UP_HEADER`]; amounts in kronor with exactly two decimals and a
//!   decimal point; `\n` line endings.
//!
//! Arithmetic is exact, in `i64` öre with checked additions (the forecast in
//! `i128`); no floating point touches money. The ledger is streamed: memory
//! grows with the number of distinct keys, not with the number of rows. On
//! the files of `shared/bench/gen_ledger.py` the output is byte-identical to
//! `shared/bench/peer_followup.py`.
//!
//! **Duplicate budget keys** are summed by default, as the peer does, and each
//! repetition is reported as a [`BudgetError::DuplicateBudgetKey`] notice
//! ([`ImportSummary::notices`]); [`DuplicateKeys::Reject`] rejects the later
//! row instead, and is recommended for the [`model`].
//!
//! **Memory** of an [`ImportSummary`] is bounded: the first
//! [`DEFAULT_REPORT_LIMIT`] rejections and notices are kept in full, all are
//! counted by reason. Records are at most [`MAX_RECORD_BYTES`] long. Text
//! from the input is echoed in messages with identity numbers masked
//! ([`namnd_core::redact_identity_numbers`]), control characters escaped and
//! at most 80 characters. Keys go into reports and onto standard output, so
//! a key (ansvar, verksamhet, konto; SIE account and object ids; worksheet
//! key cells) that looks like a personnummer rejects its row
//! ([`BudgetError::PersonnummerInKey`], [`excel::CellProblem::IdentityNumber`])
//! and is never echoed. Only a field holding a run of six digits is checked
//! further, so that the usual key costs one pass over its few bytes.
//!
//! ## Read a Swedish Excel export in Windows-1252
//! ```
//! use namnd_budget::{CsvOptions, Dialect, LedgerImporter, TextEncoding};
//! use namnd_core::{Amount, FiscalYear};
//!
//! // "Äldreomsorg" in Windows-1252 (Ä = 0xC4), semicolons, decimal comma, space thousands.
//! let bytes = b"Datum;Ansvar;Verksamhet;Konto;Belopp\r\n2023-03-15;\xC4ldreomsorg;510;4010;12 500,50\r\n2023-03-16;1100;510;4010;12,5x\r\n";
//! let options = CsvOptions::new("export.csv").with_fiscal_year(FiscalYear::try_new(2023)?);
//! let mut import = LedgerImporter::new(&bytes[..], options)?;
//! let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
//! assert_eq!((rows[0].ansvar.as_str(), rows[0].amount), ("Äldreomsorg", Amount::from_ore(1_250_050)));
//! let summary = import.into_summary();
//! assert_eq!((summary.dialect(), summary.encoding()), (Dialect::SwedishExcel, TextEncoding::Windows1252));
//! assert_eq!(summary.rejected()[0].to_string(), r#"amount "12,5x" in export.csv line 3 column Belopp is malformed"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Dependencies, and why
//! - `namnd-core`: [`Amount`](namnd_core::Amount), [`YearMonth`](namnd_core::YearMonth),
//!   [`FiscalYear`](namnd_core::FiscalYear), and
//!   [`SwedishNumber`](namnd_core::SwedishNumber), which reads the amounts of
//!   the Swedish Excel dialect (`−1 234,50`);
//! - `csv` (BurntSushi): RFC 4180 parsing and quoting, fast and streaming on
//!   bytes, so that the encoding can be decided per row; hand-written CSV
//!   splitting gets quoted delimiters and line breaks wrong;
//! - `encoding_rs` (the Firefox encoding library): Windows-1252 decoding for
//!   Excel's plain "CSV" on Swedish Windows. It implements the WHATWG Encoding
//!   Standard, which has **no CP437**;
//! - `oem_cp`: the CP437 (PC8) table of SIE 4 files, small and `no_std`, with
//!   `phf` as its one dependency. The SIE parser itself is our own streaming
//!   line parser: the one SIE crate, `sie4` 0.1, stops at the first error
//!   without a line number (see [`sie`] for the evaluation);
//! - `calamine` (default features off; none are needed for `.xlsx`): the
//!   pure-Rust reader of Excel and OpenDocument workbooks (`.xlsx`, `.xlsm`,
//!   `.xlsb`, `.xls`, `.ods`), actively maintained, MIT-licensed, with no C
//!   library or Office installation behind it. It returns typed cells (number,
//!   text, error value, …), which lets [`excel`] keep text amounts
//!   (`1 234,50`) apart from numbers and convert a number exactly to öre at
//!   the cell (see [`excel`]: the only place a float touches money). Writing
//!   `.xlsx` in the tests and doc examples uses `rust_xlsxwriter`, a
//!   dev-dependency only;
//! - `rust_decimal`, `chrono`, `thiserror`: exact decimals (via `namnd-core`),
//!   dates, and the [`BudgetError`] enum.
//!
//! - `namnd-calc`: the [`model`]'s forecasts (run rate, remaining budget,
//!   prior-year profile, manual), variances and thresholds. The follow-up
//!   *contract* does not use it: its run-rate forecast is a single integer
//!   expression in öre in SIE signs (costs positive), while `namnd-calc` works
//!   in namnd's canonical signs (income positive).
//!
//! ## Crate features
//! Features only add; none changes behaviour.
//! - `serde`: Serialize/Deserialize for [`Dialect`], [`TextEncoding`], [`LedgerFormat`],
//!   [`ColumnMap`], [`LedgerRow`], [`BudgetRow`], [`ForecastMethod`], and
//!   Serialize for [`FollowUpRow`] (amounts as decimal strings in kronor);
//!   for the [`model`]'s inputs and configurations (line keys, budget lines,
//!   frames and their changes, requests and savings proposals, request
//!   plans, investment lines, balance rules, follow-up options, ledger
//!   mappings) Serialize and Deserialize, read through their checked
//!   constructors; its computed results Serialize only.
//! - `schemars`: JSON Schema for those with Deserialize; implies `serde`.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
pub mod excel;
mod followup;
pub mod generate;
mod import;
pub mod model;
pub mod sie;

pub use error::{BudgetError, Error, Result};
pub use followup::{
    FOLLOW_UP_HEADER, FollowUp, FollowUpJob, FollowUpRow, ForecastMethod, LedgerFormat, follow_up,
};
pub use import::{
    BudgetImporter, BudgetRow, ColumnMap, CsvOptions, DEFAULT_REPORT_LIMIT, Dialect, DuplicateKeys,
    ImportSummary, LedgerImporter, LedgerRow, MAX_RECORD_BYTES, TextEncoding,
};
