//! `namnd evb quarter`: a quarter's report of unexecuted decisions
//! (`namnd_decisions`: import, then `QuarterReport::compute` and `to_json`).

use std::path::PathBuf;
use std::process::ExitCode;

use namnd_core::Quarter;
use namnd_decisions::import::{DecisionColumns, read_decisions};
use namnd_decisions::quarter::QuarterReport;

use crate::Format;
use crate::error::{Problem, Result};
use crate::io::{display_name, field, note, open, out, out_json};

const EXAMPLE: &str = "\
DECISIONS.csv has the header
  id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,
  verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak
(dates YYYY-MM-DD or empty; lag SoL or LSS; kon K or M; person a pseudonym, never a
personnummer). Rejected rows are listed on stderr with file, line and reason; the rest
are still reported. A bad event date in an otherwise good row (e.g. verkstalldatum
2024-13-01) leaves that event out and keeps the decision; it is listed on stderr as well,
with file, line and column.

The JSON has `quarter`, `period_end`, `reports` (id, kind = unexecuted | executed | closed |
interrupted, deadline, first_reportable_quarter, days_waiting, ivo_person_id, ...) and
`statistics` (unexecuted_decisions, unexecuted_persons, ...). `namnd schema evb-quarter`
prints its JSON Schema.

Example:
  namnd evb quarter beslut.csv --quarter 2024Q1 --format json";

/// Report a quarter's unexecuted decisions (to IVO and the council).
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The decision register (CSV).
    #[arg(value_name = "DECISIONS.csv")]
    decisions: PathBuf,
    /// The quarter, e.g. 2024Q1.
    #[arg(long, value_name = "YYYYQn")]
    quarter: String,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let quarter = args
        .quarter
        .trim()
        .parse::<Quarter>()
        .map_err(|e| Problem::new(format!("--quarter: {e}")))?;
    if args.format == Format::Csv {
        return Err(Problem::new(
            "--format csv is not available for evb quarter; use json or table",
        )
        .into());
    }
    let name = display_name(&args.decisions);
    let reader = open(&args.decisions)?;
    let imported = read_decisions(reader, &name, &DecisionColumns::default())
        .map_err(|e| Problem::in_file(&name, e.to_string()))?;
    let summary = &imported.summary;
    for rejection in summary.rejected() {
        note(&format!(
            "{}:{}: {}",
            rejection.file(),
            rejection.line(),
            rejection_message(rejection)
        ));
    }
    for warning in summary.warnings() {
        note(&format!(
            "{}:{}: {} (left out; the decision is kept)",
            warning.file(),
            warning.line(),
            rejection_message(warning)
        ));
    }
    if summary.warning_count() > 0 {
        let reasons: Vec<String> = summary
            .warnings_by_reason()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        note(&format!(
            "{name}: events left out of accepted decisions: {} ({})",
            summary.warning_count(),
            reasons.join(", ")
        ));
    }
    if summary.rejected_count() > 0 {
        let reasons: Vec<String> = summary
            .rejected_by_reason()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        note(&format!(
            "{name}: {} rows read, {} accepted, {} rejected ({})",
            summary.rows_read(),
            summary.accepted(),
            summary.rejected_count(),
            reasons.join(", ")
        ));
    }
    let report = QuarterReport::compute(&imported.decisions, quarter)
        .map_err(|e| Problem::in_file(&name, e.to_string()))?;
    for notice in report.notices() {
        note(&format!("{name}: {notice}"));
    }
    match args.format {
        Format::Table => out(&table_text(&report))?,
        _ => out_json(&report.to_json())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The rejection's message without the location its Display starts with.
fn rejection_message(rejection: &namnd_decisions::import::Rejection) -> String {
    match rejection.column() {
        Some(column) => format!("column {column}: {}", rejection.error()),
        None => rejection.error().to_string(),
    }
}

fn table_text(report: &QuarterReport) -> String {
    use core::fmt::Write as _;
    let json = report.to_json();
    let mut text = format!(
        "{} (period end {})\n",
        field(&json, "quarter").as_str().unwrap_or_default(),
        field(&json, "period_end").as_str().unwrap_or_default()
    );
    let _ = writeln!(
        text,
        "{:<12} {:<12} {:<11} {:<8} {:>5}  ivo_person_id",
        "id", "kind", "deadline", "first", "days"
    );
    for entry in field(&json, "reports")
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let _ = writeln!(
            text,
            "{:<12} {:<12} {:<11} {:<8} {:>5}  {}",
            field(entry, "id").as_str().unwrap_or_default(),
            field(entry, "kind").as_str().unwrap_or_default(),
            field(entry, "deadline").as_str().unwrap_or_default(),
            field(entry, "first_reportable_quarter")
                .as_str()
                .unwrap_or_default(),
            field(entry, "days_waiting").as_i64().unwrap_or_default(),
            field(entry, "ivo_person_id").as_str().unwrap_or("-"),
        );
    }
    let stats = field(&json, "statistics");
    let _ = writeln!(
        text,
        "unexecuted: {} decisions, {} persons; executed late: {}; closed: {}",
        field(stats, "unexecuted_decisions"),
        field(stats, "unexecuted_persons"),
        field(stats, "executed_decisions"),
        field(stats, "closed_decisions")
    );
    text
}
