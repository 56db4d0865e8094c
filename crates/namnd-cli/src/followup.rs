//! `namnd followup`: budget, outcome to date, full-year forecast and variance
//! per (ansvar, verksamhet, konto).
//!
//! The run rate is `namnd_budget::FollowUpJob`, the benchmark contract,
//! unchanged. The other methods read the same files with the same importers,
//! add the outcome up per key and month, and let `namnd_calc::forecast`
//! compute each key's forecast (in canonical signs, converted back to the
//! ledger's costs-positive signs for output), rounded half away from zero to
//! whole öre.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use namnd_budget::sie::{SieImporter, SieOptions, looks_like_sie};
use namnd_budget::{
    BudgetImporter, CsvOptions, FollowUpJob, ForecastMethod, ImportSummary, LedgerFormat,
    LedgerImporter, LedgerRow,
};
use namnd_calc::forecast::{Forecast, ForecastInput, Method as CalcMethod, Periodisation};
use namnd_core::{Amount, Minus, NumberFormat, Rounding, Separator, Unit, YearMonth};
use serde::Serialize;

use crate::Format;
use crate::error::{Problem, Result, budget_problem, io_problem};
use crate::io::{display_name, note, open, out, out_json};

const EXAMPLE: &str = "\
Writes one row per (ansvar, verksamhet, konto) present in either file:
  ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse
utfall = outcome of the fiscal year up to the end of the --as-of month; prognos = the
full-year forecast rounded half away from zero to öre; avvikelse = budget - prognos. Signs as
in SIE (costs positive, income negative). The ledger is CSV (header
datum,ansvar,verksamhet,konto,belopp; `,` or Swedish Excel `;`) or SIE 4 (detected); the
budget is CSV (ansvar,verksamhet,konto,budget). Rejected rows are listed on stderr with file
and line; the rest are used. A ledger or budget file of 8 MiB or more shows a progress bar on
stderr while it is read, when stderr is a terminal (not in pipes or logs).

Methods:
  run-rate          prognos = utfall x 12 / m (the benchmark contract, streamed)
  remaining-budget  prognos = utfall + the budget of the remaining months (even twelfths)
  prior-year        prognos = utfall / s, s = share of last year's outcome booked by month
                    m; needs the previous year in the same ledger. A line without it is
                    named on stderr and forecast by run rate.

Example:
  namnd followup --ledger huvudbok.csv --budget budget.csv --as-of 2023-08 --method run-rate --format csv";

/// The forecast method of `namnd followup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Method {
    /// utfall × 12 / m.
    RunRate,
    /// utfall + the budget of the remaining months (even twelfths).
    RemainingBudget,
    /// utfall / share of last year's outcome booked by month m.
    PriorYear,
}

/// Budget follow-up: budget, outcome to date, forecast and variance per line.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The ledger: CSV or SIE 4.
    #[arg(long, value_name = "FILE")]
    ledger: PathBuf,
    /// The budget: CSV.
    #[arg(long, value_name = "FILE")]
    budget: PathBuf,
    /// The last month of the outcome, e.g. 2023-08.
    #[arg(long, value_name = "YYYY-MM")]
    as_of: String,
    /// The forecast method.
    #[arg(long, value_enum, default_value_t = Method::RunRate)]
    method: Method,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Threads that read a CSV ledger with the run-rate method (default: one
    /// per core; 1 reads it on one thread). The output is the same.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// One output row; amounts in kronor with two decimals and a decimal point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub(crate) struct Row {
    ansvar: String,
    verksamhet: String,
    konto: String,
    budget: String,
    utfall: String,
    prognos: String,
    avvikelse: String,
}

/// The JSON output.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct FollowUpOutput {
    /// The as-of month, `YYYY-MM`.
    as_of: String,
    /// `run-rate`, `remaining-budget` or `prior-year`.
    method: String,
    rows: Vec<Row>,
    /// Lines forecast by run rate because the method could not be applied.
    /// (Absent when there is none: not required in the schema.)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(default)]
    fallbacks: Vec<String>,
}

/// Kronor with exactly two decimals and a decimal point.
fn two_decimals(amount: Amount) -> String {
    format!("{:.2}", amount.as_kr())
}

/// What an import summary has to say on stderr: every rejection kept in
/// full, every notice kept in full (a repeated budget key, a line read as
/// Windows-1252), a count of those not kept, and the counts when rows were
/// rejected. Every line is redacted of identity numbers.
fn summary_lines(summary: &ImportSummary, name: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |text: String| {
        lines.push(namnd_core::redact_identity_numbers(&text).into_owned());
    };
    for rejection in summary.rejected() {
        push(budget_problem(name, rejection).to_string());
    }
    for notice in summary.notices() {
        push(budget_problem(name, notice).to_string());
    }
    let kept = u64::try_from(summary.notices().len()).unwrap_or(u64::MAX);
    let more = summary.notice_count().saturating_sub(kept);
    if more > 0 {
        push(format!("{name}: {more} more notices not shown"));
    }
    if summary.rejected_count() > 0 {
        push(format!(
            "{name}: {} rows read, {} accepted, {} rejected",
            summary.rows_read(),
            summary.accepted(),
            summary.rejected_count()
        ));
    }
    lines
}

fn check_summary(summary: &ImportSummary, name: &str) {
    for line in summary_lines(summary, name) {
        note(&line);
    }
}

/// The notice for accepted ledger rows dated outside the fiscal year: valid,
/// counted, not part of the outcome. `None` when there are none.
fn outside_year_line(name: &str, rows: u64, as_of: YearMonth) -> Option<String> {
    let year = as_of.fiscal_year();
    match rows {
        0 => None,
        1 => Some(format!(
            "{name}: 1 row dated outside the fiscal year {year} is not part of the outcome"
        )),
        n => Some(format!(
            "{name}: {n} rows dated outside the fiscal year {year} are not part of the outcome"
        )),
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let as_of: YearMonth = args.as_of.trim().parse().map_err(|e| {
        Problem::new(format!(
            "--as-of {}: {e}",
            namnd_core::quote_for_message(&args.as_of, 20)
        ))
    })?;
    let ledger_name = display_name(&args.ledger);
    let budget_name = display_name(&args.budget);
    let (rows, fallbacks, contract_csv) = match args.method {
        Method::RunRate => run_rate(args, as_of, &ledger_name, &budget_name)?,
        method => {
            let (rows, fallbacks) = by_model(args, as_of, method, &ledger_name, &budget_name)?;
            (rows, fallbacks, None)
        }
    };
    for fallback in &fallbacks {
        note(fallback);
    }
    match args.format {
        Format::Csv => match contract_csv {
            Some(text) => out(&text)?,
            None => out(&csv_text(&rows)?)?,
        },
        Format::Json => out_json(&FollowUpOutput {
            as_of: as_of.to_string(),
            method: method_name(args.method).to_owned(),
            rows,
            fallbacks,
        })?,
        Format::Table => out(&table_text(&rows))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::RunRate => "run-rate",
        Method::RemainingBudget => "remaining-budget",
        Method::PriorYear => "prior-year",
    }
}

fn run_rate(
    args: &Args,
    as_of: YearMonth,
    ledger_name: &str,
    budget_name: &str,
) -> Result<(Vec<Row>, Vec<String>, Option<String>)> {
    let ledger = open(&args.ledger)?;
    let budget = open(&args.budget)?;
    let mut job = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .with_ledger_format(LedgerFormat::from_path(&args.ledger))
        .with_ledger_file(ledger_name)
        .with_budget_options(CsvOptions::new(budget_name));
    if let Some(threads) = args.threads {
        job = job.with_threads(threads);
    }
    let report = job
        .run(ledger, budget)
        .map_err(|e| budget_problem(ledger_name, &e))?;
    check_summary(report.budget_summary(), budget_name);
    check_summary(report.ledger_summary(), ledger_name);
    if let Some(line) = outside_year_line(ledger_name, report.rows_outside_year(), as_of) {
        note(&line);
    }
    let rows = report
        .rows()
        .iter()
        .map(|r| Row {
            ansvar: r.ansvar().to_owned(),
            verksamhet: r.verksamhet().to_owned(),
            konto: r.konto().to_owned(),
            budget: two_decimals(r.budget()),
            utfall: two_decimals(r.utfall()),
            prognos: two_decimals(r.prognos()),
            avvikelse: two_decimals(r.avvikelse()),
        })
        .collect();
    // The contract's own writer, so that the CSV is byte-identical to the job's.
    let mut csv = Vec::new();
    report
        .write_csv(&mut csv)
        .map_err(|e| budget_problem("stdout", &e))?;
    let csv = String::from_utf8(csv).map_err(|e| Problem::in_file("stdout", e.to_string()))?;
    Ok((rows, Vec::new(), Some(csv)))
}

/// Per key: the budget, and the outcome per month of this year and last year
/// (costs positive, as in the files).
#[derive(Debug, Clone, Default)]
struct Line {
    budget: Option<Amount>,
    this_year: [Amount; 12],
    last_year: [Amount; 12],
    counted: bool,
    has_history: bool,
}

type Key = (String, String, String);

fn add(slot: &mut Amount, amount: Amount, file: &str, line: Option<u64>) -> Result<()> {
    *slot = slot.checked_add(amount).map_err(|e| {
        let message = format!("the sum overflows: {e}");
        match line {
            Some(line) => Problem::at(file, line, message),
            None => Problem::in_file(file, message),
        }
    })?;
    Ok(())
}

fn is_sie(path: &Path) -> Result<bool> {
    match LedgerFormat::from_path(path) {
        LedgerFormat::Sie4 => Ok(true),
        LedgerFormat::Csv => Ok(false),
        _ => {
            let name = display_name(path);
            let file = std::fs::File::open(path).map_err(|e| io_problem(&name, &e))?;
            let mut reader = BufReader::new(file);
            let first = reader.fill_buf().map_err(|e| io_problem(&name, &e))?;
            Ok(looks_like_sie(first))
        }
    }
}

fn by_model(
    args: &Args,
    as_of: YearMonth,
    method: Method,
    ledger_name: &str,
    budget_name: &str,
) -> Result<(Vec<Row>, Vec<String>)> {
    let mut lines: BTreeMap<Key, Line> = BTreeMap::new();
    // The budget: repeated keys are summed, as the contract job does.
    let mut budget = BudgetImporter::new(open(&args.budget)?, CsvOptions::new(budget_name))
        .map_err(|e| budget_problem(budget_name, &e))?;
    for item in budget.numbered() {
        let (line_no, row) = item.map_err(|e| budget_problem(budget_name, &e))?;
        let line = lines
            .entry((row.ansvar, row.verksamhet, row.konto))
            .or_default();
        let slot = line.budget.get_or_insert(Amount::ZERO);
        add(slot, row.budget, budget_name, Some(line_no))?;
    }
    check_summary(&budget.into_summary(), budget_name);

    let year = as_of.fiscal_year();
    let last_day = as_of.last_day();
    let mut outside_year = 0_u64;
    let mut take = |line_no: Option<u64>, row: LedgerRow| -> Result<()> {
        let month = chrono::Datelike::month(&row.date);
        let index = usize::try_from(month.saturating_sub(1)).unwrap_or(0);
        let row_year = chrono::Datelike::year(&row.date);
        let key = (row.ansvar, row.verksamhet, row.konto);
        if year.contains_date(row.date) {
            if row.date <= last_day {
                let line = lines.entry(key).or_default();
                line.counted = true;
                if let Some(slot) = line.this_year.get_mut(index) {
                    add(slot, row.amount, ledger_name, line_no)?;
                }
            }
        } else {
            // Valid, but not part of the outcome: counted, and said.
            outside_year = outside_year.saturating_add(1);
            if i64::from(row_year) != i64::from(as_of.year()).saturating_sub(1) {
                return Ok(());
            }
            let line = lines.entry(key).or_default();
            line.has_history = true;
            if let Some(slot) = line.last_year.get_mut(index) {
                add(slot, row.amount, ledger_name, line_no)?;
            }
        }
        Ok(())
    };
    let ledger = open(&args.ledger)?;
    if is_sie(&args.ledger)? {
        let mut import = SieImporter::new(ledger, SieOptions::new(ledger_name));
        loop {
            let Some(row) = import.next() else { break };
            let row = row.map_err(|e| budget_problem(ledger_name, &e))?;
            take(None, row)?;
        }
        check_summary(&import.into_summary(), ledger_name);
    } else {
        let mut import = LedgerImporter::new(ledger, CsvOptions::new(ledger_name))
            .map_err(|e| budget_problem(ledger_name, &e))?;
        for item in import.numbered() {
            let (line_no, row) = item.map_err(|e| budget_problem(ledger_name, &e))?;
            take(Some(line_no), row)?;
        }
        check_summary(&import.into_summary(), ledger_name);
    }
    if let Some(line) = outside_year_line(ledger_name, outside_year, as_of) {
        note(&line);
    }

    let months = usize::try_from(as_of.month()).unwrap_or(12);
    let calc_method = match method {
        Method::PriorYear => CalcMethod::PriorYearProfile,
        _ => CalcMethod::RemainingBudget {
            periodisation: Periodisation::Even,
        },
    };
    let mut rows = Vec::new();
    let mut fallbacks = Vec::new();
    for ((ansvar, verksamhet, konto), line) in lines {
        if line.budget.is_none() && !line.counted {
            continue;
        }
        let budget = line.budget.unwrap_or(Amount::ZERO);
        let utfall = line
            .this_year
            .iter()
            .try_fold(Amount::ZERO, |sum, a| sum.checked_add(*a))
            .map_err(|e| Problem::in_file(ledger_name, format!("the outcome overflows: {e}")))?;
        // namnd-calc works in canonical signs (income positive): negate in and out.
        let outcome = line.this_year.iter().take(months).map(|a| a.negated());
        let forecast_error = |e: namnd_calc::CalcError| {
            Problem::in_file(
                ledger_name,
                format!("forecast of {ansvar}/{verksamhet}/{konto}: {e}"),
            )
        };
        let mut input =
            ForecastInput::new(as_of, outcome, budget.negated()).map_err(forecast_error)?;
        if line.has_history {
            input = input
                .with_history(line.last_year.iter().map(|a| a.negated()))
                .map_err(forecast_error)?;
        }
        let forecast = match Forecast::compute(&input, &calc_method) {
            Ok(f) => f,
            Err(e) => {
                fallbacks.push(format!(
                    "{ledger_name}: {}/{}/{}: {e}; forecast by run rate",
                    namnd_core::quote_for_message(&ansvar, 40),
                    namnd_core::quote_for_message(&verksamhet, 40),
                    namnd_core::quote_for_message(&konto, 40),
                ));
                Forecast::compute(&input, &CalcMethod::RunRate).map_err(forecast_error)?
            }
        };
        let prognos_kr = forecast
            .value()
            .negated()
            .round_in(Unit::Kr, 2, Rounding::HalfAwayFromZero)
            .map_err(|e| Problem::in_file(ledger_name, e.to_string()))?;
        let prognos = Amount::from_kr(prognos_kr);
        let avvikelse = budget
            .checked_sub(prognos)
            .map_err(|e| Problem::in_file(ledger_name, format!("avvikelse overflows: {e}")))?;
        rows.push(Row {
            ansvar,
            verksamhet,
            konto,
            budget: two_decimals(budget),
            utfall: two_decimals(utfall),
            prognos: two_decimals(prognos),
            avvikelse: two_decimals(avvikelse),
        });
    }
    // The contract's order: keys in byte order.
    rows.sort_by(|a, b| {
        (
            a.ansvar.as_bytes(),
            a.verksamhet.as_bytes(),
            a.konto.as_bytes(),
        )
            .cmp(&(
                b.ansvar.as_bytes(),
                b.verksamhet.as_bytes(),
                b.konto.as_bytes(),
            ))
    });
    Ok((rows, fallbacks))
}

fn csv_text(rows: &[Row]) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let write_error = |e: csv::Error| Problem::in_file("stdout", e.to_string());
    writer
        .write_record(namnd_budget::FOLLOW_UP_HEADER.split(','))
        .map_err(write_error)?;
    for r in rows {
        writer
            .write_record([
                &r.ansvar,
                &r.verksamhet,
                &r.konto,
                &r.budget,
                &r.utfall,
                &r.prognos,
                &r.avvikelse,
            ])
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Problem::in_file("stdout", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Problem::in_file("stdout", e.to_string()).into())
}

fn sv(amount: &str) -> String {
    amount
        .parse::<namnd_core::Decimal>()
        .ok()
        .and_then(|d| {
            NumberFormat::new(0, Rounding::HalfAwayFromZero)
                .with_separator(Separator::Space)
                .with_minus(Minus::Hyphen)
                .format(d)
                .ok()
        })
        .unwrap_or_else(|| amount.to_owned())
}

fn table_text(rows: &[Row]) -> String {
    use core::fmt::Write as _;
    let mut text = format!(
        "{:<10} {:<10} {:<8} {:>14} {:>14} {:>14} {:>14}\n",
        "ansvar", "verksamhet", "konto", "budget", "utfall", "prognos", "avvikelse"
    );
    for r in rows {
        let _ = writeln!(
            text,
            "{:<10} {:<10} {:<8} {:>14} {:>14} {:>14} {:>14}",
            r.ansvar,
            r.verksamhet,
            r.konto,
            sv(&r.budget),
            sv(&r.utfall),
            sv(&r.prognos),
            sv(&r.avvikelse)
        );
    }
    text.push_str("(kronor, costs positive)\n");
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn budget_summary(text: &str) -> ImportSummary {
        let mut import = BudgetImporter::new(text.as_bytes(), CsvOptions::new("b.csv")).unwrap();
        for item in import.numbered() {
            item.unwrap();
        }
        import.into_summary()
    }

    #[test]
    fn a_repeated_budget_key_is_named_on_stderr_and_its_amounts_summed() {
        let summary = budget_summary(
            "ansvar,verksamhet,konto,budget\n1100,510,4010,12000.00\n1100,510,4010,100.00\n",
        );
        assert_eq!(
            summary_lines(&summary, "b.csv"),
            [
                "b.csv:3: budget key 1100/510/4010 in b.csv line 3 repeats line 2; the amounts are summed"
            ]
        );
    }

    #[test]
    fn a_clean_import_says_nothing() {
        let summary = budget_summary("ansvar,verksamhet,konto,budget\n1100,510,4010,1.00\n");
        assert!(summary_lines(&summary, "b.csv").is_empty());
    }

    #[test]
    fn summary_lines_never_echo_a_personnummer() {
        let summary = budget_summary(
            "ansvar,verksamhet,konto,budget\n1100,510,19121212-1212,1.00\n1100,510,19121212-1212,2.00\n",
        );
        let lines = summary_lines(&summary, "b.csv");
        assert!(!lines.is_empty());
        for line in &lines {
            assert!(
                matches!(
                    namnd_core::redact_identity_numbers(line),
                    std::borrow::Cow::Borrowed(_)
                ),
                "{line}"
            );
        }
    }

    #[test]
    fn rows_outside_the_fiscal_year_are_counted_on_stderr() {
        let as_of = YearMonth::try_new(2023, 8).unwrap();
        assert_eq!(outside_year_line("l.csv", 0, as_of), None);
        assert_eq!(
            outside_year_line("l.csv", 1, as_of).as_deref(),
            Some("l.csv: 1 row dated outside the fiscal year 2023 is not part of the outcome")
        );
        assert_eq!(
            outside_year_line("l.csv", 2, as_of).as_deref(),
            Some("l.csv: 2 rows dated outside the fiscal year 2023 are not part of the outcome")
        );
    }
}
