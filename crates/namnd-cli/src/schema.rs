//! `namnd schema [TYPE]`: the JSON Schemas (schemars) of the command's inputs
//! and outputs.

use std::process::ExitCode;

use crate::error::{Problem, Result};
use crate::io::{out, out_json};

const EXAMPLE: &str = "\
Without TYPE, lists the names. The schemas describe the JSON that the commands print
(--format json), the dataset manifest namnd.toml (as the JSON its TOML reads into), the
rule types of namnd-calc's checker, and the input records as the libraries hold them
(ledger-row, budget-row, decision, indicator, measurement: their serde form; the CSV
columns of the files are described in docs/formats.md).

Example:
  namnd schema
  namnd schema check > check.schema.json";

/// Print the JSON Schema of an input or output type.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The type; without it, the names are listed.
    #[arg(value_name = "TYPE")]
    name: Option<String>,
}

/// The schema of the JSON that `namnd kpi continuity` prints (the library's
/// `ContinuityReport` serialises these fields; it has no schema of its own).
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct ContinuityJson {
    /// First day of the window, YYYY-MM-DD.
    from: String,
    /// Last day of the window (inclusive).
    to: String,
    /// Recipients included.
    included: u64,
    /// Recipients excluded, per reason.
    excluded: std::collections::BTreeMap<String, u64>,
    /// Mean number of distinct staff (U21401), two decimals, or null.
    mean: Option<String>,
    /// Median (U21402), two decimals, or null.
    median: Option<String>,
    /// Included recipients who met more than 20 staff.
    many_staff: u64,
    /// Their share in percent, two decimals, or null.
    many_staff_share: Option<String>,
    /// The same per unit (with --unit-column).
    by_unit: Option<std::collections::BTreeMap<String, ContinuityStatsJson>>,
    /// What happened to the visit rows.
    visits: std::collections::BTreeMap<String, u64>,
    /// Unknown visit types → rows.
    unknown_types: std::collections::BTreeMap<String, u64>,
    /// The import summary.
    import: serde_json::Value,
}

/// Continuity figures of one unit.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct ContinuityStatsJson {
    included: u64,
    excluded: std::collections::BTreeMap<String, u64>,
    mean: Option<String>,
    median: Option<String>,
    many_staff: u64,
    many_staff_share: Option<String>,
}

/// The schema of the JSON that `namnd evb quarter` prints
/// (`QuarterReport::to_json`).
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct EvbQuarterJson {
    /// The quarter, e.g. `2024Q1`.
    quarter: String,
    /// Its last day, YYYY-MM-DD.
    period_end: String,
    /// One entry per reported decision or interruption.
    reports: Vec<EvbReportJson>,
    /// Counts.
    statistics: EvbStatisticsJson,
    /// IVO person ids that collided and were resolved.
    id_collisions_resolved: u64,
    /// Notices about the data (e.g. conflicting person data), each with `kind` and `message`.
    notices: Vec<serde_json::Value>,
}

/// One reported decision.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct EvbReportJson {
    id: String,
    /// `unexecuted`, `executed`, `closed` or `interrupted`.
    kind: String,
    /// For `interrupted`: `not_resumed`, `resumed_late` or `closed`.
    interruption_state: Option<String>,
    deadline: String,
    /// e.g. `2024Q1`.
    first_reportable_quarter: String,
    days_waiting: i64,
    /// IVO's person id (never the person reference).
    ivo_person_id: Option<String>,
    law: String,
    statute: Option<String>,
    insats: String,
    /// `K` or `M`.
    gender: String,
    decision_date: String,
    interruption_date: Option<String>,
    offer_made: Option<String>,
    offer_declined: bool,
    offers_declined: Vec<String>,
    executed_on: Option<String>,
    closed_on: Option<String>,
    close_reason: Option<String>,
}

/// A quarter's counts.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct EvbStatisticsJson {
    unexecuted_decisions: u64,
    unexecuted_persons: u64,
    executed_decisions: u64,
    closed_decisions: u64,
    interrupted_not_resumed: u64,
    interrupted_resumed: u64,
    interrupted_closed: u64,
    reported_decisions: u64,
    reported_persons: u64,
    entries_without_ivo_person_id: u64,
}

/// The names and what each is.
const NAMES: &[(&str, &str)] = &[
    ("check", "the output of `namnd check --format json`"),
    (
        "check-rule",
        "a rule of namnd-calc's checker (namnd_calc::check::Rule)",
    ),
    (
        "budget-row",
        "one budget row as namnd-budget holds it (namnd_budget::BudgetRow)",
    ),
    (
        "continuity",
        "the output of `namnd kpi continuity --format json`",
    ),
    (
        "evb-quarter",
        "the output of `namnd evb quarter --format json`",
    ),
    (
        "decision",
        "one decision with its events as namnd-decisions holds it (namnd_decisions::Decision)",
    ),
    ("followup", "the output of `namnd followup --format json`"),
    (
        "indicator",
        "a key performance indicator (namnd_kpi::goal::Indicator)",
    ),
    (
        "ledger-row",
        "one ledger row as namnd-budget holds it (namnd_budget::LedgerRow)",
    ),
    (
        "manifest",
        "the dataset manifest namnd.toml of `namnd report`, as JSON",
    ),
    (
        "measurement",
        "one measurement of an indicator (namnd_kpi::goal::Measurement)",
    ),
    (
        "report",
        "the committee report, report.json of `namnd demo` and `namnd report`",
    ),
    (
        "sie-summary",
        "the output of `namnd import sie --format json`",
    ),
];

fn schema_of(name: &str) -> Option<serde_json::Value> {
    match name {
        "report" => return Some(namnd_report::render::json::schema()),
        "manifest" => return Some(namnd_report::manifest::manifest_schema()),
        _ => {}
    }
    Some(
        match name {
            "check" => schemars::schema_for!(crate::check::CheckOutput),
            "budget-row" => schemars::schema_for!(namnd_budget::BudgetRow),
            "check-rule" => schemars::schema_for!(namnd_calc::check::Rule),
            "decision" => schemars::schema_for!(namnd_decisions::decision::Decision),
            "indicator" => schemars::schema_for!(namnd_kpi::goal::Indicator),
            "ledger-row" => schemars::schema_for!(namnd_budget::LedgerRow),
            "measurement" => schemars::schema_for!(namnd_kpi::goal::Measurement),
            "continuity" => schemars::schema_for!(ContinuityJson),
            "evb-quarter" => schemars::schema_for!(EvbQuarterJson),
            "followup" => schemars::schema_for!(crate::followup::FollowUpOutput),
            "sie-summary" => schemars::schema_for!(crate::sie::SieSummary),
            _ => return None,
        }
        .to_value(),
    )
}

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let Some(name) = &args.name else {
        let width = NAMES.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        let text: String = NAMES
            .iter()
            .map(|(n, what)| format!("{n:<width$}  {what}\n"))
            .collect();
        out(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let schema = schema_of(name.trim()).ok_or_else(|| {
        let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        Problem::new(format!(
            "no schema named {}; the names are {}",
            namnd_core::quote_for_message(name, 40),
            names.join(", ")
        ))
    })?;
    out_json(&schema)?;
    Ok(ExitCode::SUCCESS)
}
