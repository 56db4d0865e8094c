//! The rules of `namnd check` (RULES.toml) and the checker behind them.
//!
//! The CLI's own reader (`read_rules`, `parse_linear`, `tolerance` in
//! `crates/namnd-cli/src/check.rs`) is private to the `namnd` binary, so it
//! cannot be called from here; this target drives the same path through
//! public items: the `toml` crate parses the text (with spans, as the CLI
//! does), the `[[row_rule]]`, `[[total]]` and `[[percent]]` tables become
//! `namnd_calc::check` rules through their public constructors (`equals` read
//! as `A + B - C`; tolerances as integers, floats, `"stated"` or Swedish
//! numbers), and `check` runs them on a table given in the same file
//! (`table = [["Rad", "A", "B"], ["x", "1 234,5", "−"]]`, cells read by
//! `StatedValue::parse`) or on a fixed table. Invariants: no panic; a TOML
//! error's span lies inside the text; no report or error message holds a
//! personnummer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_calc::check::{
    Addends, Percentage, Relation, Rule, StatedValue, Table, Term, Total, check,
};
use namnd_core::{Decimal, SwedishNumber};
use toml::Value;

const NAME: &str = "T";

fn fixed_table() -> Option<Table> {
    let cell = |s: &str| StatedValue::parse(s).ok();
    Table::new(NAME, ["Utfall 2022", "Budget", "Utfall", "Avvikelse"])
        .ok()?
        .with_row(
            "Intäkter",
            [cell("3 312"), cell("3 607"), cell("4 580"), cell("973")],
        )
        .ok()?
        .with_row(
            "Övriga kostnader",
            [
                cell("−1 355"),
                cell("3 095"),
                cell("-1 637"),
                cell("-4 735"),
            ],
        )
        .ok()?
        .with_row("Summa", [cell("1 957"), cell("6 702"), cell("2 943"), None])
        .ok()
}

/// `table = [["Rad", "A", …], ["row", "1 234", …], …]`.
fn table_from(value: &Value) -> Option<Table> {
    let rows = value.as_array()?;
    let (header, body) = rows.split_first()?;
    let header: Vec<&str> = header
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut table = Table::new(NAME, header.iter().skip(1).copied()).ok()?;
    for row in body {
        let cells: Vec<&str> = row.as_array()?.iter().filter_map(Value::as_str).collect();
        let (label, cells) = cells.split_first()?;
        let cells = cells.iter().map(|c| StatedValue::parse(c).ok());
        if let Err(e) = table.push_row(*label, cells) {
            common::assert_no_personnummer("table error", &e.to_string());
            return None;
        }
    }
    Some(table)
}

/// A tolerance: `None` for "stated" or anything unreadable.
fn tolerance(value: Option<&Value>) -> Option<Decimal> {
    match value? {
        Value::Integer(i) => Some(Decimal::from(*i)),
        Value::Float(f) => SwedishNumber::parse(&f.to_string()).ok().map(|n| n.value()),
        Value::String(s) if s.trim() == "stated" => None,
        Value::String(s) => SwedishNumber::parse(s).ok().map(|n| n.value()),
        _ => None,
    }
    .filter(|d| !d.is_sign_negative())
}

fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    Some(
        value?
            .as_array()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
    )
}

/// `equals = "A + B - C"`: terms split at `+` and ` - `.
fn terms(expr: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for (i, plus) in expr.split('+').enumerate() {
        for (j, part) in plus.split(" - ").enumerate() {
            let name = part.trim();
            if name.is_empty() {
                continue;
            }
            if j == 0 && !(i == 0 && name.starts_with('-')) {
                out.push(Term::plus(name));
            } else {
                out.push(Term::minus(name.trim_start_matches('-').trim()));
            }
        }
    }
    out
}

fn entries<'a>(doc: &'a toml::Table, key: &str) -> impl Iterator<Item = &'a toml::Table> {
    doc.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_table)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As the CLI: parse with spans, report the error's line.
    let doc: toml::Table = match toml::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            if let Some(span) = e.span() {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "span {span:?}"
                );
            }
            return;
        }
    };
    let _ = toml::from_str::<toml::Spanned<toml::Table>>(text);
    let default_tolerance = tolerance(doc.get("tolerance"));
    let mut rules: Vec<Rule> = Vec::new();
    for e in entries(&doc, "row_rule") {
        let (Some(column), Some(equals)) = (
            e.get("column").and_then(Value::as_str),
            e.get("equals").and_then(Value::as_str),
        ) else {
            continue;
        };
        let mut rule = Relation::new(NAME, column, terms(equals));
        if let Some(rows) = strings(e.get("rows")) {
            rule = rule.in_rows(rows);
        }
        if let Some(t) = tolerance(e.get("tolerance")).or(default_tolerance) {
            rule = rule.with_tolerance(t);
        }
        rules.push(rule.into());
    }
    for e in entries(&doc, "total") {
        let Some(row) = e.get("row").and_then(Value::as_str) else {
            continue;
        };
        let addends = match e.get("of") {
            Some(Value::String(s)) if s == "all-above" => Addends::AllAbove,
            Some(Value::Array(_)) => Addends::rows(strings(e.get("of")).unwrap_or_default()),
            _ => Addends::SincePreviousTotal,
        };
        let mut rule = Total::new(NAME, row, addends);
        if let Some(columns) = strings(e.get("columns")) {
            rule = rule.in_columns(columns);
        }
        if let Some(t) = tolerance(e.get("tolerance")).or(default_tolerance) {
            rule = rule.with_tolerance(t);
        }
        rules.push(rule.into());
    }
    for e in entries(&doc, "percent") {
        let field = |k: &str| e.get(k).and_then(Value::as_str);
        let (Some(column), Some(numerator), Some(denominator)) =
            (field("column"), field("numerator"), field("denominator"))
        else {
            continue;
        };
        let mut rule = Percentage::new(NAME, column, numerator, denominator);
        if let Some(rows) = strings(e.get("rows")) {
            rule = rule.in_rows(rows);
        }
        if let Some(t) = tolerance(e.get("tolerance")).or(default_tolerance) {
            rule = rule.with_tolerance(t);
        }
        rules.push(rule.into());
    }
    let Some(table) = doc.get("table").map_or_else(fixed_table, table_from) else {
        return;
    };
    match check(std::slice::from_ref(&table), &rules) {
        Ok(report) => {
            for finding in report.errors() {
                let cell = &finding.cell;
                let _ = format!("{finding:?} {cell:?}");
            }
            common::assert_no_personnummer("check report", &format!("{report:?}"));
        }
        Err(e) => common::assert_no_personnummer("check error", &e.to_string()),
    }
});

mod common;
