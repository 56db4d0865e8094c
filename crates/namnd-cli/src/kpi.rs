//! `namnd kpi continuity`: staff continuity in home care from a visit log
//! (`namnd_kpi::continuity::continuity_from_csv`).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use namnd_kpi::continuity::{ContinuityConfig, VisitColumns, continuity_from_csv};

use crate::Format;
use crate::error::{Problem, Result};
use crate::io::{display_name, field, note, open, out, out_json};

const EXAMPLE: &str = "\
VISITS.csv has the header brukare,fodd,personal,start,slut,typ (recipient pseudonym, birth
date YYYY-MM-DD, staff id, start and end YYYY-MM-DDTHH:MM, visit type). The window is the 14
days from --from. Rejected rows are listed on stderr with file, line and column; the rest are
used. The JSON has `included`, `excluded` (reason -> count), `mean` and `median` (two
decimals), `by_unit` with --unit-column, and `import` (rows read, accepted, rejected).
`namnd schema continuity` prints its JSON Schema.

Example:
  namnd kpi continuity besok.csv --from 2026-10-05 --format json --unit-column enhet";

/// Staff continuity (personalkontinuitet) in home care, by the national definition.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The visit log (CSV).
    #[arg(value_name = "VISITS.csv")]
    visits: PathBuf,
    /// The first day of the 14-day window.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: String,
    /// A column naming each visit's unit: figures per unit as well.
    #[arg(long, value_name = "NAME")]
    unit_column: Option<String>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let from = NaiveDate::parse_from_str(args.from.trim(), "%Y-%m-%d").map_err(|_| {
        Problem::new(format!(
            "--from {} is not a date YYYY-MM-DD",
            namnd_core::quote_for_message(&args.from, 20)
        ))
    })?;
    if args.format == Format::Csv {
        return Err(Problem::new(
            "--format csv is not available for kpi continuity; use json or table",
        )
        .into());
    }
    let name = display_name(&args.visits);
    let mut columns = VisitColumns::default();
    if let Some(unit) = &args.unit_column {
        columns = columns.unit(unit);
    }
    let reader = open(&args.visits)?;
    let report = continuity_from_csv(reader, &name, &columns, ContinuityConfig::new(from))
        .map_err(|e| Problem::in_file(&name, e.to_string()))?;
    for rejection in &report.import.rejections {
        let column = rejection
            .column
            .as_deref()
            .map(|c| format!("column {c}: "))
            .unwrap_or_default();
        note(&format!(
            "{name}:{}: {column}{}",
            rejection.line, rejection.error
        ));
    }
    if report.import.rows_rejected > 0 {
        note(&format!(
            "{name}: {} rows read, {} accepted, {} rejected",
            report.import.rows_read, report.import.rows_accepted, report.import.rows_rejected
        ));
    }
    match args.format {
        Format::Table => {
            let json = serde_json::to_value(&report)
                .map_err(|e| Problem::new(format!("cannot write JSON: {e}")))?;
            out(&table_text(&json))?;
        }
        _ => out_json(&report)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn sv(value: &serde_json::Value) -> String {
    match value.as_str() {
        Some(text) => text.replace('.', ","),
        None if value.is_null() => "-".to_owned(),
        None => value.to_string(),
    }
}

fn table_text(json: &serde_json::Value) -> String {
    use core::fmt::Write as _;
    let mut text = format!(
        "Personalkontinuitet {} – {}\n",
        field(json, "from").as_str().unwrap_or_default(),
        field(json, "to").as_str().unwrap_or_default()
    );
    let _ = writeln!(
        text,
        "{:<24} {:>8} {:>8} {:>8}",
        "", "included", "mean", "median"
    );
    let _ = writeln!(
        text,
        "{:<24} {:>8} {:>8} {:>8}",
        "Total",
        field(json, "included").to_string(),
        sv(field(json, "mean")),
        sv(field(json, "median"))
    );
    if let Some(units) = field(json, "by_unit").as_object() {
        for (unit, stats) in units {
            let _ = writeln!(
                text,
                "{:<24} {:>8} {:>8} {:>8}",
                unit,
                field(stats, "included").to_string(),
                sv(field(stats, "mean")),
                sv(field(stats, "median"))
            );
        }
    }
    if let Some(excluded) = field(json, "excluded").as_object() {
        let parts: Vec<String> = excluded.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(text, "excluded: {}", parts.join(", "));
    }
    text
}
