//! `namnd check`: the consistency checker on a table typed or pasted from a
//! report. Reads the table (CSV, or PDF text split by `namnd_calc::check::split_row`)
//! and the rules (TOML), maps them onto `namnd_calc::check` and prints its
//! findings.

use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;

use namnd_calc::CalcError;
use namnd_calc::check::{
    Addends, CellFix, Class, Finding, Percentage, PositionTerm, Relation, Rule, Split, SplitRule,
    StatedValue, Table, Term, Total, UncheckedReason, check, split_row,
};
use namnd_core::{Decimal, Minus, NumberFormat, Rounding, Separator, SwedishNumber};
use serde::{Deserialize, Serialize};

use crate::Format;
use crate::error::{Problem, Result};
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

// ------------------------------------------------------------ rules (TOML)

/// An amount written in the rules: a number, or a string read the Swedish
/// way (`"0,5"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Amount {
    Integer(i64),
    Float(f64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Of {
    Keyword(String),
    Rows(Vec<String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowRuleSpec {
    column: String,
    equals: String,
    #[serde(default)]
    rows: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TotalSpec {
    row: String,
    #[serde(default)]
    of: Option<Of>,
    #[serde(default)]
    columns: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PercentSpec {
    column: String,
    numerator: String,
    denominator: String,
    #[serde(default)]
    rows: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    tolerance: Option<Amount>,
    /// Read through [`RulesHead`] (needed before the rules); listed here so
    /// that unknown keys are still rejected.
    #[serde(default)]
    #[allow(dead_code)]
    table: Option<String>,
    /// As `table`.
    #[serde(default)]
    #[allow(dead_code)]
    columns: Option<Vec<String>>,
    #[serde(default)]
    row_rule: Vec<toml::Spanned<RowRuleSpec>>,
    #[serde(default)]
    total: Vec<toml::Spanned<TotalSpec>>,
    #[serde(default)]
    percent: Vec<toml::Spanned<PercentSpec>>,
}

/// Where a rule came from in RULES.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    kind: &'static str,
    number: usize,
    line: u64,
}

impl Origin {
    fn name(&self) -> String {
        format!("{} {}", self.kind, self.number)
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u64 {
    let before = text.get(..offset).unwrap_or(text);
    u64::try_from(before.matches('\n').count())
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

fn span_line(text: &str, span: &Range<usize>) -> u64 {
    line_of(text, span.start)
}

/// A tolerance: `"stated"` is `None` (from the printed precision), anything
/// else an amount ≥ 0.
fn tolerance(amount: &Amount) -> core::result::Result<Option<Decimal>, String> {
    let text = match amount {
        Amount::Integer(i) => return Ok(Some(Decimal::from(*i))).and_then(non_negative),
        Amount::Float(f) => f.to_string(),
        Amount::Text(t) if t.trim() == "stated" => return Ok(None),
        Amount::Text(t) => t.clone(),
    };
    let value = SwedishNumber::parse(&text)
        .map(|n| n.value())
        .or_else(|_| text.trim().parse::<Decimal>())
        .map_err(|_| {
            format!(
                "tolerance {} is neither \"stated\" nor an amount",
                namnd_core::quote_for_message(&text, 40)
            )
        })?;
    non_negative(Some(value))
}

fn non_negative(value: Option<Decimal>) -> core::result::Result<Option<Decimal>, String> {
    match value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(format!("tolerance {v} is negative"))
        }
        other => Ok(other),
    }
}

/// Reads `equals = "A + B - 2 * C"` into terms, matching the longest column
/// name at each place, so that names may hold spaces and hyphens.
fn parse_linear(expr: &str, columns: &[String]) -> core::result::Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    let mut rest = expr.trim_start();
    let mut negative = false;
    let mut expect_term = true;
    if rest.is_empty() {
        return Err("`equals` is empty".to_owned());
    }
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            if expect_term {
                return Err(format!("`equals = {}` ends with an operator", quote(expr)));
            }
            return Ok(terms);
        }
        if !expect_term {
            let mut chars = rest.chars();
            match chars.next() {
                Some('+') => negative = false,
                Some('-' | '−' | '–') => negative = true,
                _ => {
                    return Err(format!(
                        "expected + or - before {} in `equals = {}`",
                        quote(rest),
                        quote(expr)
                    ));
                }
            }
            rest = chars.as_str();
            expect_term = true;
            continue;
        }
        // A leading sign on the first term.
        if terms.is_empty()
            && let Some(after) = rest
                .strip_prefix('-')
                .or_else(|| rest.strip_prefix('−'))
                .or_else(|| rest.strip_prefix('–'))
        {
            negative = !negative;
            rest = after.trim_start();
        }
        // An optional coefficient: a number followed by `*`.
        let mut coefficient = Decimal::ONE;
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 {
            let (number, after) = rest.split_at(digits);
            let after = after.trim_start();
            if let Some(after) = after
                .strip_prefix('*')
                .or_else(|| after.strip_prefix('×'))
                .or_else(|| after.strip_prefix('·'))
            {
                coefficient = number.replace(',', ".").parse::<Decimal>().map_err(|_| {
                    format!("coefficient {} in `equals` is not a number", quote(number))
                })?;
                rest = after.trim_start();
            }
        }
        let column = columns
            .iter()
            .filter(|c| {
                rest.strip_prefix(c.as_str()).is_some_and(|after| {
                    after.is_empty()
                        || after.starts_with(char::is_whitespace)
                        || after.starts_with(['+', '-', '−', '–'])
                })
            })
            .max_by_key(|c| c.len())
            .ok_or_else(|| {
                let name = rest
                    .split(['+', '-', '−', '–'])
                    .next()
                    .unwrap_or(rest)
                    .trim();
                format!(
                    "no column named {} (in `equals = {}`)",
                    quote(name),
                    quote(expr)
                )
            })?;
        rest = rest.get(column.len()..).unwrap_or_default();
        let coefficient = if negative { -coefficient } else { coefficient };
        terms.push(Term::times(coefficient, column.clone()));
        negative = false;
        expect_term = false;
    }
}

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
    origins: Vec<Origin>,
}

fn read_rules(path: &std::path::Path, columns: &[String], table: &str) -> Result<Rules> {
    let name = display_name(path);
    let text = read_text(path)?;
    let file: RulesFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| span_line(&text, &s));
        Problem::at(&name, line, e.message().trim().to_owned())
    })?;
    let default_tolerance = match &file.tolerance {
        Some(t) => tolerance(t).map_err(|m| Problem::in_file(&name, m))?,
        None => None,
    };
    let mut problems = Vec::new();
    let mut rules = Vec::new();
    let mut origins = Vec::new();
    let rule_tolerance = |own: &Option<Amount>| match own {
        Some(t) => tolerance(t),
        None => Ok(default_tolerance),
    };
    for (i, spanned) in file.row_rule.iter().enumerate() {
        let origin = Origin {
            kind: "row_rule",
            number: i.saturating_add(1),
            line: span_line(&text, &spanned.span()),
        };
        let spec = spanned.get_ref();
        let built = parse_linear(&spec.equals, columns).and_then(|terms| {
            let mut rule = Relation::new(table, spec.column.clone(), terms);
            if let Some(rows) = &spec.rows {
                rule = rule.in_rows(rows.iter().cloned());
            }
            if let Some(t) = rule_tolerance(&spec.tolerance)? {
                rule = rule.with_tolerance(t);
            }
            Ok(Rule::from(rule))
        });
        push(
            built,
            origin,
            &name,
            &mut rules,
            &mut origins,
            &mut problems,
        );
    }
    for (i, spanned) in file.total.iter().enumerate() {
        let origin = Origin {
            kind: "total",
            number: i.saturating_add(1),
            line: span_line(&text, &spanned.span()),
        };
        let spec = spanned.get_ref();
        let addends = match &spec.of {
            None => Ok(Addends::SincePreviousTotal),
            Some(Of::Keyword(k)) if k == "above" => Ok(Addends::SincePreviousTotal),
            Some(Of::Keyword(k)) if k == "all-above" => Ok(Addends::AllAbove),
            Some(Of::Keyword(k)) => Err(format!(
                "`of = {}` is neither \"above\", \"all-above\" nor a list of row labels",
                quote(k)
            )),
            Some(Of::Rows(rows)) => Ok(Addends::rows(rows.iter().cloned())),
        };
        let built = addends.and_then(|addends| {
            let mut rule = Total::new(table, spec.row.clone(), addends);
            if let Some(columns) = &spec.columns {
                rule = rule.in_columns(columns.iter().cloned());
            }
            if let Some(t) = rule_tolerance(&spec.tolerance)? {
                rule = rule.with_tolerance(t);
            }
            Ok(Rule::from(rule))
        });
        push(
            built,
            origin,
            &name,
            &mut rules,
            &mut origins,
            &mut problems,
        );
    }
    for (i, spanned) in file.percent.iter().enumerate() {
        let origin = Origin {
            kind: "percent",
            number: i.saturating_add(1),
            line: span_line(&text, &spanned.span()),
        };
        let spec = spanned.get_ref();
        let built = (|| {
            let mut rule = Percentage::new(
                table,
                spec.column.clone(),
                spec.numerator.clone(),
                spec.denominator.clone(),
            );
            if let Some(rows) = &spec.rows {
                rule = rule.in_rows(rows.iter().cloned());
            }
            if let Some(t) = rule_tolerance(&spec.tolerance)? {
                rule = rule.with_tolerance(t);
            }
            Ok(Rule::from(rule))
        })();
        push(
            built,
            origin,
            &name,
            &mut rules,
            &mut origins,
            &mut problems,
        );
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    if rules.is_empty() {
        return Err(Problem::in_file(name, "has no [[row_rule]], [[total]] or [[percent]]").into());
    }
    Ok(Rules {
        file,
        rules,
        origins,
    })
}

fn push(
    built: core::result::Result<Rule, String>,
    origin: Origin,
    file: &str,
    rules: &mut Vec<Rule>,
    origins: &mut Vec<Origin>,
    problems: &mut Vec<Problem>,
) {
    match built {
        Ok(rule) => {
            rules.push(rule);
            origins.push(origin);
        }
        Err(message) => problems.push(Problem::at(
            file,
            origin.line,
            format!("{}: {message}", origin.name()),
        )),
    }
}

/// The rules file's `columns` and `table` only (for --text, whose column
/// names are needed before the rules can be read).
#[derive(Debug, Deserialize)]
struct RulesHead {
    #[serde(default)]
    columns: Option<Vec<String>>,
    #[serde(default)]
    table: Option<String>,
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
    let position = |column: &str| columns.iter().position(|c| c == column);
    // The row rules as split rules (rows they are limited to kept aside).
    let mut split_rules: Vec<(Option<Vec<String>>, SplitRule)> = Vec::new();
    for spanned in &rules.file.row_rule {
        let spec = spanned.get_ref();
        let Ok(terms) = parse_linear(&spec.equals, columns) else {
            continue;
        };
        let Some(target) = position(&spec.column) else {
            continue;
        };
        let positions: Option<Vec<PositionTerm>> = terms
            .iter()
            .map(|t| position(&t.column).map(|p| PositionTerm::new(t.coefficient, p)))
            .collect();
        if let Some(positions) = positions {
            split_rules.push((spec.rows.clone(), SplitRule::new(target, positions)));
        }
    }
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
            .filter(|(rows, _)| rows.as_ref().is_none_or(|r| r.contains(&label)))
            .map(|(_, rule)| rule.clone())
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

fn origin_of(origins: &[Origin], rule: usize) -> Origin {
    origins.get(rule).cloned().unwrap_or(Origin {
        kind: "rule",
        number: rule.saturating_add(1),
        line: 0,
    })
}

fn finding_out(finding: &Finding, origins: &[Origin]) -> FindingOut {
    let origin = origin_of(origins, finding.rule);
    let unique = match finding.fixes.as_slice() {
        [only] => Some(only),
        _ => None,
    };
    FindingOut {
        rule: origin.name(),
        rule_line: origin.line,
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
        let head_text = read_text(&args.rules)?;
        let head: RulesHead = toml::from_str(&head_text).map_err(|e| {
            let line = e.span().map_or(1, |s| span_line(&head_text, &s));
            Problem::at(&rules_name, line, e.message().trim().to_owned())
        })?;
        let columns = match head.columns {
            Some(c) if c.len() == n => c,
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
        let table_name = head.table.unwrap_or_else(|| stem(text_path));
        let rules = read_rules(&args.rules, &columns, &table_name)?;
        let table = read_text_table(text_path, &table_name, &columns, &rules, &mut notices)?;
        (table, rules)
    } else if let Some(table_path) = &args.table {
        let head_text = read_text(&args.rules)?;
        let head: Option<RulesHead> = toml::from_str(&head_text).ok();
        let table_name = head
            .and_then(|h| h.table)
            .unwrap_or_else(|| stem(table_path));
        let table = read_csv_table(table_path, &table_name, &mut notices)?;
        let rules = read_rules(&args.rules, table.columns(), &table_name)?;
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
            let origin = origin_of(&rules.origins, rule);
            Problem::at(
                &rules_name,
                origin.line,
                format!("{}: {reason}", origin.name()),
            )
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
                rule: origin_of(&rules.origins, u.rule).name(),
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
    fn linear_expression_matches_longest_column_names_with_spaces_and_hyphens() {
        let columns = cols(&["Utfall", "Utfall jan-nov", "Budget jan-nov"]);
        let terms = parse_linear("Utfall jan-nov - Budget jan-nov", &columns).unwrap();
        assert_eq!(
            terms,
            vec![
                Term::times(Decimal::ONE, "Utfall jan-nov"),
                Term::times(-Decimal::ONE, "Budget jan-nov"),
            ]
        );
    }

    #[test]
    fn linear_expression_reads_coefficients_and_a_leading_minus() {
        let columns = cols(&["A", "B"]);
        let terms = parse_linear("-A + 0,5 * B", &columns).unwrap();
        assert_eq!(
            terms,
            vec![
                Term::times(-Decimal::ONE, "A"),
                Term::times(Decimal::new(5, 1), "B"),
            ]
        );
    }

    #[test]
    fn linear_expression_names_an_unknown_column() {
        let err = parse_linear("A + C", &cols(&["A", "B"])).unwrap_err();
        assert!(err.contains("no column named \"C\""), "{err}");
        assert!(
            parse_linear("A +", &cols(&["A"]))
                .unwrap_err()
                .contains("ends with")
        );
    }

    #[test]
    fn tolerance_stated_is_none_and_amounts_are_read_the_swedish_way() {
        assert_eq!(tolerance(&Amount::Text("stated".into())), Ok(None));
        assert_eq!(
            tolerance(&Amount::Text("0,5".into())),
            Ok(Some(Decimal::new(5, 1)))
        );
        assert_eq!(tolerance(&Amount::Float(0.5)), Ok(Some(Decimal::new(5, 1))));
        assert_eq!(tolerance(&Amount::Integer(2)), Ok(Some(Decimal::from(2))));
        assert!(tolerance(&Amount::Integer(-1)).is_err());
        assert!(tolerance(&Amount::Text("lagom".into())).is_err());
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
        let rules = read_rules(&rules_path, table.columns(), "t").unwrap();
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
    fn an_ordinary_label_is_not_noted() {
        assert_eq!(label_notice("t.csv", 2, "Boende 2 154 718"), None);
        assert!(column_notices("t.csv", Some(1), &cols(&["Budget", "2024"]), 1).is_empty());
    }
}
