//! Golden tests: whole tables transcribed from real committee documents, run
//! through the consistency checker of `namnd::calc::check`.

use namnd::calc::check::{Class, Relation, Rule, StatedValue, Table, Total, check};
use serde::Deserialize;

use crate::fixtures::rows;

#[derive(Deserialize)]
struct Line {
    row: String,
    budget: String,
    utfall: String,
    avvikelse: String,
}

fn table(name: &str, fixture: &str) -> Table {
    let mut table = Table::new(name, ["Budget", "Utfall", "Avvikelse"]).unwrap();
    for line in rows::<Line>(fixture) {
        let cells = [&line.budget, &line.utfall, &line.avvikelse]
            .map(|text| Some(StatedValue::parse(text).unwrap()));
        table.push_row(line.row, cells).unwrap();
    }
    table
}

/// (row, column, class) of every finding, for comparison.
fn findings(tables: &[Table], rules: &[Rule]) -> Vec<(String, String, Class)> {
    let report = check(tables, rules).unwrap();
    assert!(report.unchecked.is_empty());
    report
        .findings
        .iter()
        .map(|f| (f.cell.row.clone(), f.cell.column.clone(), f.class))
        .collect()
}

fn rounding(row: &str, column: &str) -> (String, String, Class) {
    (row.to_owned(), column.to_owned(), Class::Rounding)
}

#[test]
fn gnesta_investment_table_has_only_rounding_gaps_in_its_totals() {
    // Investment follow-up: avvikelse = budget − utfall (restbelopp).
    let t = table("investeringar", "gnesta-2022-investments.csv");
    let rules: Vec<Rule> = vec![
        Relation::difference("investeringar", "Avvikelse", "Budget", "Utfall").into(),
        Total::above("investeringar", "SUMMA").into(),
    ];
    // Utfall adds to 5 435 and the variances to −1 305, printed 5 436 and −1 306:
    // both within the rounding slack of nine whole-tkr rows. "-0" reconciles exactly.
    assert_eq!(
        findings(&[t], &rules),
        [rounding("SUMMA", "Utfall"), rounding("SUMMA", "Avvikelse")]
    );
}

#[test]
fn gnesta_main_areas_table_has_only_rounding_gaps() {
    // Operating table, costs negative: avvikelse = utfall − budget.
    let t = table("huvudområden", "gnesta-2022-huvudomraden.csv");
    let rules: Vec<Rule> = vec![
        Relation::difference("huvudområden", "Avvikelse", "Utfall", "Budget").into(),
        Total::above("huvudområden", "SUMMA").into(),
    ];
    let found = findings(&[t], &rules);
    // SoL ÄO: −83 634 − (−88 381) = 4 747, printed 4 746; SoL FN: 3 490, printed
    // 3 489; the budgets add to −129 980, printed −129 979; the variances to
    // 9 480, printed 9 481. Every one is a rounding gap, none an error.
    assert_eq!(
        found,
        [
            rounding("SoL ÄO", "Avvikelse"),
            rounding("SoL FN", "Avvikelse"),
            rounding("SUMMA", "Budget"),
            rounding("SUMMA", "Avvikelse"),
        ]
    );
}

#[test]
fn a_corrupted_cell_in_a_real_table_is_an_error_with_a_fix_pointing_back() {
    // Violen's outcome 1 641 mistyped as 1 461 (a transposition).
    let printed = table("investeringar", "gnesta-2022-investments.csv");
    let mut t = Table::new("investeringar", ["Budget", "Utfall", "Avvikelse"]).unwrap();
    for row in printed.rows() {
        let mut cells: Vec<Option<StatedValue>> = row.cells().to_vec();
        if row.label() == "IV80038 - Violen- SÄBO" {
            cells[1] = Some(StatedValue::parse("1 461").unwrap());
        }
        t.push_row(row.label(), cells).unwrap();
    }
    let rules: Vec<Rule> = vec![
        Relation::difference("investeringar", "Avvikelse", "Budget", "Utfall").into(),
        Total::above("investeringar", "SUMMA").into(),
    ];
    let report = check(&[t], &rules).unwrap();
    let errors: Vec<_> = report.errors().collect();
    assert!(!errors.is_empty());
    for error in &errors {
        let fix = error.fixes.first().expect("a one-cell fix");
        assert_eq!(error.fixes.len(), 1);
        assert_eq!(fix.cell.row, "IV80038 - Violen- SÄBO");
        assert_eq!(fix.cell.column, "Utfall");
        assert_eq!(fix.corrected.to_string(), "1641");
        assert!(fix.transposition);
    }
}
