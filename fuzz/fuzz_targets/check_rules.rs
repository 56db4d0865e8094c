//! The rules of `namnd check` (RULES.toml) and the checker behind them,
//! through the reader the CLI itself uses: `namnd_calc::check::rules`
//! (feature `toml`).
//!
//! The input is a rules file, optionally followed by a line `%%` and a table
//! in the CLI's CSV form (semicolons; first line `Rad;A;B`, then one row a
//! line, `label;1 234,5;−`, cells read by `StatedValue::parse`, an empty cell
//! or a lone dash empty). `RulesFile::parse` reads the rules;
//! `RulesFile::rules` makes them into rules on that table's columns, or on
//! a fixed table's (Flen's, with a `Summa` row) when none is given, under the
//! file's `table` name (as the CLI does); `RulesFile::split_rules` is run on
//! the file's `columns` (the `--text` path); `check` evaluates the rules.
//!
//! Invariants besides "no panic": every line an error names lies inside the
//! rules text; every rule's origin has a line inside it and numbers from 1;
//! no error message (TOML, entry, table or checker) holds a personnummer;
//! every finding and unchecked instance names a row and column of the table;
//! a report on the fixed table holds no personnummer either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_calc::CalcError;
use namnd_calc::check::rules::RulesFile;
use namnd_calc::check::{CellRef, StatedValue, Table, check};

const NAME: &str = "T";

fn fixed_table(name: &str) -> Option<Table> {
    let cell = |s: &str| StatedValue::parse(s).ok();
    Table::new(name, ["Utfall 2022", "Budget", "Utfall", "Avvikelse"])
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

/// The table after `%%`: a header line, then one row a line.
fn table_from(name: &str, text: &str) -> Option<Table> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next()?;
    let columns = header.split(';').skip(1).map(str::trim);
    let mut table = match Table::new(name, columns) {
        Ok(t) => t,
        Err(e) => {
            common::assert_no_personnummer("table error", &e.to_string());
            return None;
        }
    };
    for line in lines {
        let mut fields = line.split(';');
        let label = fields.next().unwrap_or_default().trim();
        let cells = fields.map(|c| {
            let c = c.trim();
            if c.is_empty() || matches!(c, "-" | "–" | "—" | "−") {
                None
            } else {
                StatedValue::parse(c).ok()
            }
        });
        if let Err(e) = table.push_row(label, cells) {
            common::assert_no_personnummer("table error", &e.to_string());
            return None;
        }
    }
    Some(table)
}

/// The number of lines of `text` (a line past the end is allowed: an error
/// at the very end of the input).
fn last_line(text: &str) -> u64 {
    u64::try_from(text.matches('\n').count()).unwrap_or(u64::MAX) + 1
}

/// The lines a rules-file error names, all of them.
fn lines_of(error: &CalcError, out: &mut Vec<u64>) {
    match error {
        CalcError::RulesSyntax { line, .. }
        | CalcError::InvalidDefaultTolerance { line, .. }
        | CalcError::InvalidRuleEntry { line, .. } => out.push(*line),
        CalcError::InvalidRules { errors } => {
            assert!(!errors.is_empty(), "InvalidRules without errors");
            for e in errors {
                assert!(
                    matches!(e, CalcError::InvalidRuleEntry { .. }),
                    "not an entry error: {e:?}"
                );
                lines_of(e, out);
            }
        }
        _ => {}
    }
}

fn assert_lines(what: &str, error: &CalcError, rules_text: &str) {
    let mut lines = Vec::new();
    lines_of(error, &mut lines);
    let last = last_line(rules_text);
    for line in lines {
        assert!(
            (1..=last).contains(&line),
            "{what}: line {line} outside 1..={last}: {error}"
        );
    }
    common::assert_no_personnummer(what, &error.to_string());
}

fn in_table(table: &Table, cell: &CellRef) -> bool {
    cell.table == table.name()
        && table.columns().contains(&cell.column)
        && table.rows().iter().any(|r| r.label() == cell.row)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (rules_text, table_text) = match text.split_once("\n%%\n") {
        Some((rules, table)) => (rules, Some(table)),
        None => (text, None),
    };
    let file = match RulesFile::parse(rules_text) {
        Ok(file) => file,
        Err(e) => {
            assert_lines("rules file error", &e, rules_text);
            return;
        }
    };
    if let Some(columns) = file.columns() {
        for (rule, _) in file.split_rules(columns) {
            let _ = format!("{rule:?}");
        }
    }
    let name = file.table().unwrap_or(NAME);
    let fixed = table_text.is_none();
    let Some(table) = table_text.map_or_else(|| fixed_table(name), |t| table_from(name, t)) else {
        return;
    };
    let rules = match file.rules(table.columns(), table.name()) {
        Ok(rules) => rules,
        Err(e) => {
            assert_lines("rule entry error", &e, rules_text);
            return;
        }
    };
    let last = last_line(rules_text);
    for (_, origin) in &rules {
        assert!(
            origin.number >= 1 && (1..=last).contains(&origin.line),
            "origin {origin:?} outside 1..={last}"
        );
    }
    let rules: Vec<_> = rules.into_iter().map(|(rule, _)| rule).collect();
    match check(std::slice::from_ref(&table), &rules) {
        Ok(report) => {
            for finding in &report.findings {
                assert!(in_table(&table, &finding.cell), "{finding:?}");
                assert!(finding.rule < rules.len(), "{finding:?}");
            }
            for unchecked in &report.unchecked {
                assert!(in_table(&table, &unchecked.cell), "{unchecked:?}");
            }
            if fixed {
                common::assert_no_personnummer("check report", &format!("{report:?}"));
            }
        }
        Err(e) => common::assert_no_personnummer("check error", &e.to_string()),
    }
});

mod common;
