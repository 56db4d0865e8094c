//! `namnd check`: the consistency checker on a table typed or pasted from a
//! report. Reads the table (CSV, or PDF text split by `namnd_calc::check::split_row`)
//! and the rules (TOML, read by `namnd_calc::check::rules`), runs
//! `namnd_calc::check` and prints its findings.

use std::path::PathBuf;
use std::process::ExitCode;

use namnd_calc::CalcError;
use namnd_calc::check::rules::{RuleOrigin, RulesFile};
use namnd_calc::check::{
    CellFix, Class, Finding, Rule, Split, SplitRule, StatedValue, Table, UncheckedReason, check,
    split_row,
};
use namnd_core::{Decimal, Minus, NumberFormat, Rounding, Separator};
use serde::Serialize;

use crate::Format;
use crate::error::{Failure, Problem, Result};
use crate::io::{display_name, note, out, out_json, read_text};

const LONG_ABOUT: &str = "\
Check that a table's printed figures add up: per-row relations (Avvikelse = Budget - Prognos),
total rows, and percentages. Differences the printed precision explains are `rounding`; larger
ones are `error`, with the one cell whose change would make every rule hold when there is one.

TABLE.csv is semicolon-separated UTF-8: first row = column names, first column = row labels,
cells written as in the document (Swedish numbers `-1 234,5`, units, en dash or U+2212 minus).
Empty cells and a lone dash are allowed (nothing to check there); lines starting with # are
comments.

With --text FILE.txt --columns N the table is text copied from a PDF, one row per line: the
label, then N numbers in which the same space separates thousands and columns. Each row is split
with the [[row_rule]]s; a row that can be read in more than one way is reported (exit 2).

RULES.toml:
  tolerance = \"stated\"        # default: from each cell's printed precision; or an amount, 0.5
  table = \"Name\"              # optional; default the file name
  columns = [\"A\", \"B\"]        # --text only: the column names (default K1, K2, ...)
  [[row_rule]]                # per row: column = linear combination of columns
  column = \"Avvikelse\"
  equals = \"Utfall - Budget\"  # e.g. \"A + B - 2 * C\"
  rows = [\"Intäkter\"]         # optional; default every row
  [[total]]                   # a total row
  row = \"Summa\"
  of = \"above\"                # \"above\" (since the previous total), \"all-above\", or [\"row\", ...]
  columns = [\"Budget\"]        # optional; default every column
  [[percent]]                 # column = numerator / denominator x 100
  column = \"Andel\"
  numerator = \"Bedömda\"
  denominator = \"Antal\"
Every entry may have its own `tolerance`.

Exit code 1 when at least one finding is an `error`.";

const EXAMPLE: &str = "\
Example:
  $ cat flen.csv
  # flen-von-namndplan-2024.txt lines 1186-1194 (tkr)
  Rad;Utfall 2022;Budget;Utfall;Avvikelse
  Intäkter;3 312;3 607;4 580;973
  Övriga kostnader;−1 355;3 095;-1 637;-4 735
  $ cat flen.toml
  [[row_rule]]
  column = \"Avvikelse\"
  equals = \"Utfall - Budget\"
  $ namnd check flen.csv --rules flen.toml --format json
  $ namnd check --text oxelosund.txt --columns 4 --rules oxelosund.toml";

/// Check a table's figures: row relations, totals and percentages.
#[derive(Debug, clap::Args)]
#[command(long_about = LONG_ABOUT, after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The table as semicolon-separated CSV.
    #[arg(
        value_name = "TABLE.csv",
        required_unless_present = "text",
        conflicts_with = "text"
    )]
    table: Option<PathBuf>,
    /// The table as text copied from a PDF, one row per line.
    #[arg(long, value_name = "FILE.txt", requires = "columns")]
    text: Option<PathBuf>,
    /// The number of number columns in each line of --text.
    #[arg(long, value_name = "N", requires = "text")]
    columns: Option<usize>,
    /// The rules (TOML).
    #[arg(long, value_name = "RULES.toml")]
    rules: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

// ----------------------------------------------------------------- rules
//
// RULES.toml is read by `namnd_calc::check::rules` (feature `toml`); here
// its errors become problems naming this file and the entry's line.

/// Text from the input, echoed in a message.
fn quote(text: &str) -> String {
    format!("\"{}\"", namnd_core::quote_for_message(text, 60))
}

/// A row label, column or table name as the output shows it: anything that
/// looks like a personnummer masked (`[personnummer]`).
fn masked(text: &str) -> String {
    namnd_core::redact_identity_numbers(text).into_owned()
}

/// The notices for column names that look like a personnummer (masked in the
/// output; the name itself is never echoed). `columns` are numbered from 1
/// as in the file's header, after the label column when `offset` is 1.
fn column_notices(
    file: &str,
    line: Option<u64>,
    columns: &[String],
    offset: usize,
) -> Vec<Problem> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, c)| namnd_core::looks_like_identity_number(c))
        .map(|(i, _)| {
            let message = format!(
                "the name of column {} looks like a personnummer; it is masked in the output",
                i.saturating_add(1).saturating_add(offset)
            );
            match line {
                Some(line) => Problem::at(file, line, message),
                None => Problem::in_file(file, message),
            }
        })
        .collect()
}

/// The notice for a row label that looks like a personnummer (masked in the
/// output; the label itself is never echoed).
fn label_notice(file: &str, line: u64, label: &str) -> Option<Problem> {
    namnd_core::looks_like_identity_number(label).then(|| {
        Problem::at(
            file,
            line,
            "the row label looks like a personnummer; it is masked in the output",
        )
    })
}

/// The rules of a rules file, with where each came from.
struct Rules {
    file: RulesFile,
    rules: Vec<Rule>,
    origins: Vec<RuleOrigin>,
}

/// The problems of the rules file `file` that `error` names, each on its
/// line: one per bad entry.
fn rules_problems(file: &str, error: CalcError) -> Vec<Problem> {
    match error {
        CalcError::RulesSyntax { line, message } => vec![Problem::at(file, line, message)],
        CalcError::InvalidDefaultTolerance { line, reason } => {
            vec![Problem::at(file, line, reason.to_string())]
        }
        CalcError::InvalidRuleEntry {
            kind,
            number,
            line,
            reason,
        } => vec![Problem::at(
            file,
            line,
            format!("{kind} {number}: {reason}"),
        )],
        CalcError::InvalidRules { errors } => errors
            .into_iter()
            .flat_map(|e| rules_problems(file, e))
            .collect(),
        CalcError::NoRules => vec![Problem::in_file(
            file,
            "has no [[row_rule]], [[total]] or [[percent]]",
        )],
        other => vec![Problem::in_file(file, other.to_string())],
    }
}

/// Makes the entries of the rules file `name` into rules on `table`.
fn read_rules(name: &str, file: RulesFile, columns: &[String], table: &str) -> Result<Rules> {
    let (rules, origins) = file
        .rules(columns, table)
        .map_err(|e| Failure::from(rules_problems(name, e)))?
        .into_iter()
        .unzip();
    Ok(Rules {
        file,
        rules,
        origins,
    })
}

// ------------------------------------------------------------------- tables

/// A cell as printed: empty or a lone dash is no value.
fn cell(text: &str) -> core::result::Result<Option<StatedValue>, CalcError> {
    let text = text.trim();
    if text.is_empty() || matches!(text, "-" | "–" | "—" | "−") {
        return Ok(None);
    }
    StatedValue::parse(text).map(Some)
}

/// Reads TABLE.csv; every unreadable cell is reported, not just the first.
fn read_csv_table(
    path: &std::path::Path,
    table_name: &str,
    notices: &mut Vec<Problem>,
) -> Result<Table> {
    let name = display_name(path);
    let text = read_text(path)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut table: Option<Table> = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(Problem::at(&name, line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(columns) = &header else {
            let names: Vec<String> = record.iter().skip(1).map(|c| c.trim().to_owned()).collect();
            notices.extend(column_notices(&name, Some(line), &names, 1));
            match Table::new(table_name, names.clone()) {
                Ok(t) => table = Some(t),
                Err(e) => problems.push(Problem::at(&name, line, e.to_string())),
            }
            header = Some(names);
            continue;
        };
        let label = record.get(0).unwrap_or_default().trim().to_owned();
        notices.extend(label_notice(&name, line, &label));
        let mut cells = Vec::with_capacity(columns.len());
        let fields: Vec<&str> = record.iter().skip(1).collect();
        if fields.len() > columns.len()
            && fields
                .iter()
                .skip(columns.len())
                .any(|f| !f.trim().is_empty())
        {
            problems.push(Problem::at(
                &name,
                line,
                format!(
                    "row {} has {} cells; the header has {} columns",
                    quote(&label),
                    fields.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        for (i, column) in columns.iter().enumerate() {
            let text = fields.get(i).copied().unwrap_or_default();
            match cell(text) {
                Ok(value) => cells.push(value),
                Err(e) => {
                    problems.push(Problem::at(
                        &name,
                        line,
                        format!(
                            "row {}, column {}: {} is not a number ({e})",
                            quote(&label),
                            quote(column),
                            quote(text.trim())
                        ),
                    ));
                    cells.push(None);
                }
            }
        }
        if let Some(t) = table.as_mut()
            && let Err(e) = t.push_row(label, cells)
        {
            problems.push(Problem::at(&name, line, e.to_string()));
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    table.ok_or_else(|| Problem::in_file(name, "has no header row").into())
}

/// Reads a table of PDF text: each non-blank line not starting with `#` is a
/// label and `columns.len()` numbers, split with the row rules.
fn read_text_table(
    path: &std::path::Path,
    table_name: &str,
    columns: &[String],
    rules: &Rules,
    notices: &mut Vec<Problem>,
) -> Result<Table> {
    let name = display_name(path);
    let text = read_text(path)?;
    let n = columns.len();
    // The row rules as split rules (rows they are limited to kept aside).
    let split_rules = rules.file.split_rules(columns);
    let mut table = Table::new(table_name, columns.to_vec())
        .map_err(|e| Problem::in_file(&name, e.to_string()))?;
    let mut problems = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let label = match split_row(trimmed, n, &[]) {
            Ok(row) => row.label,
            Err(e) => {
                problems.push(Problem::at(&name, line, e.to_string()));
                continue;
            }
        };
        notices.extend(label_notice(&name, line, &label));
        let applicable: Vec<SplitRule> = split_rules
            .iter()
            .filter(|(_, rows)| rows.as_ref().is_none_or(|r| r.contains(&label)))
            .map(|(rule, _)| rule.clone())
            .collect();
        let split = match split_row(trimmed, n, &applicable) {
            Ok(row) => row.split,
            Err(e) => {
                problems.push(Problem::at(&name, line, e.to_string()));
                continue;
            }
        };
        let values = match &split {
            Split::Unique(values) => values.clone(),
            Split::Inconsistent(groupings) if groupings.len() == 1 => {
                groupings.first().cloned().unwrap_or_default()
            }
            Split::Inconsistent(groupings) if groupings.is_empty() => {
                problems.push(Problem::at(
                    &name,
                    line,
                    format!(
                        "row {}: the numbers cannot be read as {n} columns",
                        quote(&label)
                    ),
                ));
                continue;
            }
            other => {
                let readings = match other {
                    Split::Ambiguous(all) | Split::Inconsistent(all) => all.as_slice(),
                    _ => &[],
                };
                let shown: Vec<String> = readings
                    .iter()
                    .take(4)
                    .map(|r| {
                        r.iter()
                            .map(|v| sv(v.value()))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    })
                    .collect();
                problems.push(Problem::at(
                    &name,
                    line,
                    format!(
                        "row {}: the numbers can be read in {} ways ({}); write this table as CSV",
                        quote(&label),
                        readings.len(),
                        shown.join("; ")
                    ),
                ));
                continue;
            }
        };
        if let Err(e) = table.push_row(label, values.into_iter().map(Some).collect::<Vec<_>>()) {
            problems.push(Problem::at(&name, line, e.to_string()));
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok(table)
}

// ------------------------------------------------------------------- output

/// The JSON output of `namnd check`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct CheckOutput {
    /// The table's name.
    table: String,
    /// Every rule instance that is not exact, in rule order.
    findings: Vec<FindingOut>,
    /// Rule instances that could not be evaluated (an empty cell, a zero denominator).
    unchecked: Vec<UncheckedOut>,
    /// Counts.
    summary: Summary,
}

/// One finding.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
struct FindingOut {
    /// The rule: `row_rule 1`, `total 2`, `percent 1` (numbered per kind in RULES.toml).
    rule: String,
    /// The rule's line in RULES.toml.
    rule_line: u64,
    /// The row label of the cell the rule computes.
    row: String,
    /// The column of that cell.
    column: String,
    /// The value printed there (decimal point).
    stated: String,
    /// What the rule gives from the other printed values, unrounded.
    expected: String,
    /// stated − expected.
    difference: String,
    /// The largest |difference| rounding explains (or the rule's tolerance).
    tolerance: String,
    /// `rounding` or `error`.
    class: FindingClass,
    /// When exactly one changed cell makes every failing rule hold: its corrected value.
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_value: Option<String>,
    /// The cell of `suggested_value` (it may be another cell than this finding's).
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_cell: Option<CellOut>,
    /// Every single cell whose change would make every failing rule hold.
    /// (Absent when there is none: not required in the schema.)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(default)]
    fixes: Vec<FixOut>,
}

/// A finding's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum FindingClass {
    /// Explained by the printed precision (or within the tolerance).
    Rounding,
    /// Larger than rounding explains.
    Error,
}

/// A cell.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
struct CellOut {
    row: String,
    column: String,
}

/// A one-cell fix.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
struct FixOut {
    row: String,
    column: String,
    /// The printed value.
    stated: String,
    /// The value that makes the rules hold.
    corrected: String,
    /// The change is a swap of two adjacent digits.
    transposition: bool,
}

/// A rule instance that could not be evaluated.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
struct UncheckedOut {
    rule: String,
    row: String,
    column: String,
    /// `missing-cell`, `division-by-zero` or `overflow`.
    reason: String,
    /// The cell that blocked it.
    blocking_cell: CellOut,
}

/// Counts of the findings.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
struct Summary {
    /// Rule instances evaluated.
    evaluated: usize,
    /// Findings of class `error`.
    errors: usize,
    /// Findings of class `rounding`.
    rounding: usize,
    /// Rule instances not evaluated.
    unchecked: usize,
}

/// A decimal for machines: normalised, decimal point.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A decimal for people: Swedish, with its own decimals, `-1 234,5`.
fn sv(d: Decimal) -> String {
    let d = d.normalize();
    NumberFormat::new(d.scale(), Rounding::HalfAwayFromZero)
        .with_separator(Separator::Space)
        .with_minus(Minus::Hyphen)
        .format(d)
        .unwrap_or_else(|_| d.to_string())
}

fn fix_out(fix: &CellFix) -> FixOut {
    FixOut {
        row: masked(&fix.cell.row),
        column: masked(&fix.cell.column),
        stated: plain(fix.stated),
        corrected: plain(fix.corrected),
        transposition: fix.transposition,
    }
}

/// The name (`row_rule 1`) and line in RULES.toml of rule `rule`.
fn origin_of(origins: &[RuleOrigin], rule: usize) -> (String, u64) {
    origins.get(rule).map_or_else(
        || (format!("rule {}", rule.saturating_add(1)), 0),
        |o| (o.to_string(), o.line),
    )
}

fn finding_out(finding: &Finding, origins: &[RuleOrigin]) -> FindingOut {
    let (rule, rule_line) = origin_of(origins, finding.rule);
    let unique = match finding.fixes.as_slice() {
        [only] => Some(only),
        _ => None,
    };
    FindingOut {
        rule,
        rule_line,
        row: masked(&finding.cell.row),
        column: masked(&finding.cell.column),
        stated: plain(finding.stated),
        expected: plain(finding.expected),
        difference: plain(finding.difference),
        tolerance: plain(finding.tolerance),
        class: if finding.class == Class::Error {
            FindingClass::Error
        } else {
            FindingClass::Rounding
        },
        suggested_value: unique.map(|f| plain(f.corrected)),
        suggested_cell: unique.map(|f| CellOut {
            row: masked(&f.cell.row),
            column: masked(&f.cell.column),
        }),
        fixes: finding.fixes.iter().map(fix_out).collect(),
    }
}

fn table_text(output: &CheckOutput) -> String {
    use core::fmt::Write as _;
    let s = &output.summary;
    let mut text = format!(
        "{}: {} checked, {} errors, {} rounding, {} unchecked\n",
        output.table, s.evaluated, s.errors, s.rounding, s.unchecked
    );
    for f in &output.findings {
        let class = match f.class {
            FindingClass::Error => "error",
            FindingClass::Rounding => "rounding",
        };
        let number = |t: &str| t.parse::<Decimal>().map_or_else(|_| t.to_owned(), sv);
        let _ = writeln!(
            text,
            "{class:<9} {} / {}: stated {}, expected {}, difference {} (tolerance {}; {})",
            f.row,
            f.column,
            number(&f.stated),
            number(&f.expected),
            number(&f.difference),
            number(&f.tolerance),
            f.rule
        );
        if let (Some(value), Some(cell)) = (&f.suggested_value, &f.suggested_cell) {
            let _ = writeln!(
                text,
                "{:<9} suggestion: {} / {} = {}",
                "",
                cell.row,
                cell.column,
                number(value)
            );
        }
    }
    for u in &output.unchecked {
        let _ = writeln!(
            text,
            "{:<9} {} / {}: not checked ({} at {} / {}; {})",
            "unchecked",
            u.row,
            u.column,
            u.reason,
            u.blocking_cell.row,
            u.blocking_cell.column,
            u.rule
        );
    }
    text
}

fn csv_text(output: &CheckOutput) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "table",
        "rule",
        "row",
        "column",
        "class",
        "stated",
        "expected",
        "difference",
        "tolerance",
        "suggested_row",
        "suggested_column",
        "suggested_value",
    ];
    let write_error = |e: csv::Error| Problem::in_file("stdout", e.to_string());
    writer.write_record(header).map_err(write_error)?;
    for f in &output.findings {
        let class = match f.class {
            FindingClass::Error => "error",
            FindingClass::Rounding => "rounding",
        };
        let (srow, scol) = f
            .suggested_cell
            .as_ref()
            .map_or(("", ""), |c| (c.row.as_str(), c.column.as_str()));
        writer
            .write_record([
                output.table.as_str(),
                &f.rule,
                &f.row,
                &f.column,
                class,
                &f.stated,
                &f.expected,
                &f.difference,
                &f.tolerance,
                srow,
                scol,
                f.suggested_value.as_deref().unwrap_or_default(),
            ])
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Problem::in_file("stdout", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Problem::in_file("stdout", e.to_string()).into())
}

// ---------------------------------------------------------------------- run

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let rules_name = display_name(&args.rules);
    let mut notices = Vec::new();
    let (table, rules) = if let Some(text_path) = &args.text {
        let n = args.columns.unwrap_or(0);
        if n == 0 {
            return Err(Problem::new("--columns must be at least 1").into());
        }
        let file = RulesFile::parse(&read_text(&args.rules)?)
            .map_err(|e| Failure::from(rules_problems(&rules_name, e)))?;
        let columns = match file.columns() {
            Some(c) if c.len() == n => c.to_vec(),
            Some(c) => {
                return Err(Problem::in_file(
                    &rules_name,
                    format!("`columns` names {} columns; --columns says {n}", c.len()),
                )
                .into());
            }
            None => (1..=n).map(|i| format!("K{i}")).collect(),
        };
        notices.extend(column_notices(&rules_name, None, &columns, 0));
        let table_name = file.table().map_or_else(|| stem(text_path), str::to_owned);
        let rules = read_rules(&rules_name, file, &columns, &table_name)?;
        let table = read_text_table(text_path, &table_name, &columns, &rules, &mut notices)?;
        (table, rules)
    } else if let Some(table_path) = &args.table {
        // The table's problems come first; the rules file's after them.
        let file = RulesFile::parse(&read_text(&args.rules)?);
        let table_name = file
            .as_ref()
            .ok()
            .and_then(RulesFile::table)
            .map_or_else(|| stem(table_path), str::to_owned);
        let table = read_csv_table(table_path, &table_name, &mut notices)?;
        let file = file.map_err(|e| Failure::from(rules_problems(&rules_name, e)))?;
        let rules = read_rules(&rules_name, file, table.columns(), &table_name)?;
        (table, rules)
    } else {
        return Err(Problem::new("give TABLE.csv or --text FILE.txt").into());
    };
    if namnd_core::looks_like_identity_number(table.name()) {
        notices.push(Problem::in_file(
            &rules_name,
            "the table name looks like a personnummer; it is masked in the output",
        ));
    }
    for notice in &notices {
        note(&notice.to_string());
    }
    let report = check(core::slice::from_ref(&table), &rules.rules).map_err(|e| match e {
        CalcError::InvalidRule { rule, reason } => {
            let (name, line) = origin_of(&rules.origins, rule);
            Problem::at(&rules_name, line, format!("{name}: {reason}"))
        }
        other => Problem::in_file(&rules_name, other.to_string()),
    })?;
    let output = output_of(&table, &rules, &report);
    let errors = output.summary.errors;
    match args.format {
        Format::Json => out_json(&output)?,
        Format::Csv => out(&csv_text(&output)?)?,
        Format::Table => out(&table_text(&output))?,
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The output of a check: every row label, column and table name masked
/// of identity numbers, so that no format can print one.
fn output_of(table: &Table, rules: &Rules, report: &namnd_calc::check::Report) -> CheckOutput {
    let findings: Vec<FindingOut> = report
        .findings
        .iter()
        .map(|f| finding_out(f, &rules.origins))
        .collect();
    let unchecked: Vec<UncheckedOut> = report
        .unchecked
        .iter()
        .map(|u| {
            let (reason, blocking) = match &u.reason {
                UncheckedReason::MissingCell(c) => ("missing-cell", c),
                UncheckedReason::DivisionByZero(c) => ("division-by-zero", c),
                UncheckedReason::Overflow(c) => ("overflow", c),
                _ => ("other", &u.cell),
            };
            UncheckedOut {
                rule: origin_of(&rules.origins, u.rule).0,
                row: masked(&u.cell.row),
                column: masked(&u.cell.column),
                reason: reason.to_owned(),
                blocking_cell: CellOut {
                    row: masked(&blocking.row),
                    column: masked(&blocking.column),
                },
            }
        })
        .collect();
    let errors = findings
        .iter()
        .filter(|f| f.class == FindingClass::Error)
        .count();
    CheckOutput {
        table: masked(table.name()),
        summary: Summary {
            evaluated: report.evaluated,
            errors,
            rounding: findings.len().saturating_sub(errors),
            unchecked: unchecked.len(),
        },
        findings,
        unchecked,
    }
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| namnd_core::quote_for_message(&s.to_string_lossy(), 120))
        .unwrap_or_else(|| "table".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_lone_dash_is_an_empty_cell() {
        assert_eq!(cell(" – ").unwrap(), None);
        assert_eq!(cell("").unwrap(), None);
        assert_eq!(
            cell("−4 735").unwrap().map(|v| v.value()),
            Some(Decimal::from(-4_735))
        );
    }

    fn has_identity_number(text: &str) -> bool {
        matches!(
            namnd_core::redact_identity_numbers(text),
            std::borrow::Cow::Owned(_)
        )
    }

    #[test]
    fn a_personnummer_as_row_label_or_column_is_masked_in_every_format_and_noted() {
        let dir = tempfile::tempdir().unwrap();
        let table_path = dir.path().join("t.csv");
        let rules_path = dir.path().join("r.toml");
        std::fs::write(
            &table_path,
            "Rad;Budget;Utfall;Avvikelse;121212-1212\n19121212-1212;100;90;-5;1\nBoende;200;230;30;2\n",
        )
        .unwrap();
        std::fs::write(
            &rules_path,
            "[[row_rule]]\ncolumn = \"Avvikelse\"\nequals = \"Utfall - Budget\"\n",
        )
        .unwrap();
        let mut notices = Vec::new();
        let table = read_csv_table(&table_path, "t", &mut notices).unwrap();
        let file = RulesFile::parse(&std::fs::read_to_string(&rules_path).unwrap()).unwrap();
        let rules = read_rules("r.toml", file, table.columns(), "t").unwrap();
        let report = check(core::slice::from_ref(&table), &rules.rules).unwrap();
        let output = output_of(&table, &rules, &report);

        // One error, on the masked row: stated -5, expected 90 - 100 = -10.
        assert_eq!(output.summary.errors, 1);
        let finding = output.findings.first().unwrap();
        assert_eq!(
            (finding.row.as_str(), finding.column.as_str()),
            ("[personnummer]", "Avvikelse")
        );
        assert_eq!(finding.expected, "-10");
        for text in [
            table_text(&output),
            csv_text(&output).unwrap(),
            serde_json::to_string(&output).unwrap(),
        ] {
            assert!(!has_identity_number(&text), "{text}");
            assert!(text.contains("[personnummer]"), "{text}");
        }
        let notices: Vec<String> = notices.iter().map(ToString::to_string).collect();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(
            notices.iter().all(|n| !has_identity_number(n)),
            "{notices:?}"
        );
        assert!(
            notices.iter().any(|n| n.ends_with(
                ":1: the name of column 5 looks like a personnummer; it is masked in the output"
            )),
            "{notices:?}"
        );
        assert!(
            notices.iter().any(|n| n.ends_with(
                ":2: the row label looks like a personnummer; it is masked in the output"
            )),
            "{notices:?}"
        );
    }

    #[test]
    fn every_bad_rule_is_a_problem_on_its_own_line_of_the_rules_file() {
        let file = RulesFile::parse(
            "tolerance = 1\n[[row_rule]]\ncolumn = \"C\"\nequals = \"A + D\"\n\
             [[total]]\nrow = \"S\"\nof = \"below\"\n",
        )
        .unwrap();
        let Err(failure) = read_rules("r.toml", file, &cols(&["A", "B", "C"]), "t") else {
            panic!("the rules were read");
        };
        let problems: Vec<String> = failure.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "r.toml:2: row_rule 1: no column named \"D\" (in `equals = \"A + D\"`)",
                "r.toml:5: total 1: `of = \"below\"` is neither \"above\", \"all-above\" nor a list of row labels",
            ]
        );
        let syntax = RulesFile::parse("[[row_rule]\n").unwrap_err();
        let problems: Vec<String> = rules_problems("r.toml", syntax)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems, ["r.toml:1: unclosed array table, expected `]`"]);
    }

    #[test]
    fn an_ordinary_label_is_not_noted() {
        assert_eq!(label_notice("t.csv", 2, "Boende 2 154 718"), None);
        assert!(column_notices("t.csv", Some(1), &cols(&["Budget", "2024"]), 1).is_empty());
    }
}
