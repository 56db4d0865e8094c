//! The Excel budget importer on workbooks written with rust_xlsxwriter.

// This whole binary is test code: a failed helper should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Cursor;

use namnd_budget::excel::{CellProblem, ExcelBudgetImporter, ExcelOptions};
use namnd_budget::{BudgetError, BudgetRow, ColumnMap, ImportSummary};
use namnd_core::Amount;
use proptest::prelude::*;
use rust_xlsxwriter::{Formula, Workbook, Worksheet};

const HEADER: [&str; 4] = ["ansvar", "verksamhet", "konto", "budget"];

/// A workbook with one sheet filled by `fill`, as bytes.
fn workbook(fill: impl FnOnce(&mut Worksheet)) -> Cursor<Vec<u8>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Budget").unwrap();
    fill(sheet);
    Cursor::new(workbook.save_to_buffer().unwrap())
}

fn import(bytes: Cursor<Vec<u8>>) -> (Vec<BudgetRow>, ImportSummary) {
    import_with(bytes, ExcelOptions::new("budget.xlsx"))
}

fn import_with(bytes: Cursor<Vec<u8>>, options: ExcelOptions) -> (Vec<BudgetRow>, ImportSummary) {
    let mut import = ExcelBudgetImporter::new(bytes, options).unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    (rows, import.into_summary())
}

fn open_err(bytes: Cursor<Vec<u8>>) -> BudgetError {
    ExcelBudgetImporter::new(bytes, ExcelOptions::new("budget.xlsx"))
        .err()
        .unwrap()
}

fn keys(rows: &[BudgetRow]) -> Vec<(&str, &str, &str)> {
    rows.iter()
        .map(|r| (r.ansvar.as_str(), r.verksamhet.as_str(), r.konto.as_str()))
        .collect()
}

#[test]
fn number_and_swedish_text_cells_are_read_exactly() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, [1100.0, 510.0, 4010.0, 1234.5]).unwrap();
        s.write_row(2, 0, ["1100", "510", "3010", "−263 094"])
            .unwrap();
        s.write_row(3, 0, ["1100", "510", "4510", "1\u{a0}234,50"])
            .unwrap();
        s.write_row(4, 0, ["1100", "510", "4610", "12 000 kr"])
            .unwrap();
        s.write_row(5, 0, ["1100", "510", "4710", "-0,07"]).unwrap();
        s.write_row(6, 0, [1100.0, 520.0, 4010.0, -0.07]).unwrap();
        s.write_row(7, 0, [1100.0, 520.0, 4020.0, 0.3]).unwrap();
    });
    let (rows, summary) = import(bytes);
    // Amounts display with no-break spaces; compare with plain ones.
    let budgets: Vec<String> = rows
        .iter()
        .map(|r| r.budget.to_string().replace('\u{a0}', " "))
        .collect();
    assert_eq!(
        budgets,
        [
            "1 234,50 kr",
            "−263 094,00 kr",
            "1 234,50 kr",
            "12 000,00 kr",
            "−0,07 kr",
            "−0,07 kr",
            "0,30 kr"
        ]
    );
    assert_eq!(keys(&rows)[0], ("1100", "510", "4010"));
    assert_eq!(keys(&rows)[5], ("1100", "520", "4010"));
    assert_eq!(
        (summary.rows_read(), summary.accepted(), summary.skipped()),
        (7, 7, 0)
    );
    assert!(summary.rejected().is_empty() && summary.notices().is_empty());
    assert_eq!(
        summary.total(),
        Amount::from_ore(123_450 - 26_309_400 + 123_450 + 1_200_000 - 7 - 7 + 30)
    );
}

#[test]
fn a_title_row_above_the_header_is_allowed() {
    let bytes = workbook(|s| {
        s.write_string(0, 1, "Driftbudget 2024, socialnämnden")
            .unwrap();
        s.write_string(1, 1, "Belopp i kronor").unwrap();
        // The header starts in column B, in another order and case, with an
        // extra column.
        s.write_row(3, 1, ["Konto", "Text", "ANSVAR", " Verksamhet ", "Budget"])
            .unwrap();
        s.write_row(4, 1, ["4010", "Löner", "1100", "510", "100"])
            .unwrap();
        s.write_row(5, 1, ["4010", "Löner", "1100", "510", "x"])
            .unwrap();
    });
    let mut import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("budget.xlsx")).unwrap();
    assert_eq!(import.header_row(), 4);
    assert_eq!(import.sheet(), "Budget");
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(keys(&rows), [("1100", "510", "4010")]);
    let summary = import.into_summary();
    assert_eq!((summary.rows_read(), summary.accepted()), (2, 1));
    // Row and column as Excel shows them: the budget is in column F.
    assert_eq!(
        summary.rejected()[0].to_string(),
        r#"row 6 column F (Budget) of sheet "Budget" in budget.xlsx holds "x", which is malformed"#
    );
}

#[test]
fn a_missing_column_is_fatal_and_named() {
    let bytes = workbook(|s| {
        s.write_string(0, 0, "Budget 2024").unwrap();
        s.write_row(1, 0, ["Ansvar", "Verksamhet", "Belopp"])
            .unwrap();
        s.write_row(2, 0, ["1100", "510", "5"]).unwrap();
    });
    let err = open_err(bytes);
    assert!(matches!(err, BudgetError::SheetMissingColumn { .. }));
    // "budget" is missing from row 2, which names two of the four columns.
    assert_eq!(
        err.to_string(),
        r#"column "konto" is missing from the header "Ansvar,Verksamhet,Belopp" in budget.xlsx sheet "Budget" row 2"#
    );
    assert_eq!(
        (err.file(), err.line(), err.column()),
        (Some("budget.xlsx"), Some(2), Some("konto"))
    );
}

#[test]
fn a_custom_column_map_is_honoured_and_its_absence_reported() {
    let fill = |s: &mut Worksheet| {
        s.write_row(0, 0, ["Ansvar", "Verksamhet", "Konto", "Budget 2024"])
            .unwrap();
        s.write_row(1, 0, ["1100", "510", "4010", "5"]).unwrap();
    };
    let columns = ColumnMap::default().with_budget("budget 2024");
    let (rows, _) = import_with(
        workbook(fill),
        ExcelOptions::new("b.xlsx").with_columns(columns),
    );
    assert_eq!(rows[0].budget, Amount::from_kr(5));
    let err = open_err(workbook(fill));
    assert_eq!(
        err.to_string(),
        r#"column "budget" is missing from the header "Ansvar,Verksamhet,Konto,Budget 2024" in budget.xlsx sheet "Budget" row 1"#
    );
}

#[test]
fn no_header_and_duplicate_header_columns_are_fatal() {
    let err = open_err(workbook(|s| {
        s.write_row(0, 0, ["a", "b"]).unwrap();
    }));
    assert_eq!(
        err.to_string(),
        r#"no row of sheet "Budget" in budget.xlsx is a header naming "ansvar", "verksamhet", "konto", "budget""#
    );
    let err = open_err(workbook(|_| {}));
    assert!(matches!(err, BudgetError::SheetWithoutHeader { .. }));
    let err = open_err(workbook(|s| {
        s.write_row(0, 0, ["konto", "ansvar", "verksamhet", "budget", "Konto"])
            .unwrap();
    }));
    assert_eq!(
        err.to_string(),
        r#"column "konto" appears in columns A and E of the header in budget.xlsx sheet "Budget" row 1"#
    );
}

#[test]
fn text_in_an_amount_cell_is_rejected_with_row_and_column() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1100", "510", "4010", "100"]).unwrap();
        s.write_row(2, 0, ["1100", "510", "4020", "tolvtusen"])
            .unwrap();
        s.write_row(3, 0, ["1100", "510", "4030", "(5,00)"])
            .unwrap();
        s.write_row(4, 0, ["1100", "510", "4040", "5 %"]).unwrap();
        s.write_row(5, 0, ["1100", "510", "4050", "0,001"]).unwrap();
        s.write_row(6, 0, ["1100", "510", "4060", "7"]).unwrap();
    });
    let (rows, summary) = import(bytes);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            summary.rows_read(),
            summary.accepted(),
            summary.rejected().len()
        ),
        (6, 2, 4)
    );
    let err = &summary.rejected()[0];
    assert_eq!(
        err.to_string(),
        r#"row 3 column D (budget) of sheet "Budget" in budget.xlsx holds "tolvtusen", which is malformed"#
    );
    assert_eq!(
        (err.file(), err.line(), err.column()),
        (Some("budget.xlsx"), Some(3), Some("budget"))
    );
    assert!(matches!(
        err,
        BudgetError::BadCell { letter, problem: CellProblem::Malformed, .. } if letter == "D"
    ));
    let rows: Vec<Option<u64>> = summary.rejected().iter().map(BudgetError::line).collect();
    assert_eq!(rows, [Some(3), Some(4), Some(5), Some(6)]);
    assert!(matches!(
        summary.rejected()[3],
        BudgetError::BadCell {
            problem: CellProblem::FractionalOre,
            ..
        }
    ));
    assert_eq!(summary.total(), Amount::from_kr(107));
}

#[test]
fn empty_keys_are_rejected_and_empty_rows_skipped_and_counted() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1100", "510", "4010", "100"]).unwrap();
        // Row 3 is entirely empty; row 4 holds only spaces.
        s.write_string(3, 1, "   ").unwrap();
        s.write_row(4, 0, ["1100", "", "4010", "100"]).unwrap();
        s.write_row(5, 0, ["1100", "510", "4010"]).unwrap();
        // A note in an unmapped column: not empty, so rejected, not dropped.
        s.write_string(6, 5, "summa").unwrap();
        s.write_number(7, 0, 1100.0).unwrap();
        s.write_number(7, 1, 510.0).unwrap();
        s.write_number(7, 2, 4010.5).unwrap();
        s.write_number(7, 3, 1.0).unwrap();
        s.write_row(8, 0, ["1100", "5\t10", "4010", "1"]).unwrap();
        s.write_boolean(9, 0, true).unwrap();
        s.write_row(9, 1, ["510", "4010", "1"]).unwrap();
    });
    let (rows, summary) = import(bytes);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (summary.rows_read(), summary.accepted(), summary.skipped()),
        (7, 1, 2)
    );
    let messages: Vec<String> = summary.rejected().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"row 5 column B (verksamhet) of sheet "Budget" in budget.xlsx is empty"#,
            r#"row 6 column D (budget) of sheet "Budget" in budget.xlsx is empty"#,
            r#"row 7 column A (ansvar) of sheet "Budget" in budget.xlsx is empty"#,
            r#"row 8 column C (konto) of sheet "Budget" in budget.xlsx holds 4010.5, which is not text or a whole number"#,
            r#"row 9 column B (verksamhet) of sheet "Budget" in budget.xlsx holds "5\t10", which contains a control character"#,
            r#"row 10 column A (ansvar) of sheet "Budget" in budget.xlsx holds TRUE, which is not text or a whole number"#,
        ]
    );
}

#[test]
fn duplicate_keys_are_accepted_with_a_notice() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1100", "510", "4010", "100"]).unwrap();
        s.write_row(2, 0, ["1100", "510", "3010", "-40"]).unwrap();
        // The same key, once as numbers.
        s.write_row(3, 0, [1100.0, 510.0, 4010.0, 2.5]).unwrap();
    });
    let (rows, summary) = import(bytes);
    assert_eq!(rows.len(), 3);
    assert_eq!(summary.total(), Amount::from_ore(6_250));
    assert_eq!(summary.notices().len(), 1);
    let notice = &summary.notices()[0];
    assert_eq!(
        notice.to_string(),
        r#"budget key 1100/510/4010 in budget.xlsx sheet "Budget" row 4 repeats row 2; the amounts are summed"#
    );
    assert_eq!(notice.line(), Some(4));
}

#[test]
fn float_cells_with_binary_noise_are_rejected_not_rounded() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1100", "510", "4010"]).unwrap();
        s.write_number(1, 3, 0.1 + 0.2).unwrap();
        s.write_row(2, 0, ["1100", "510", "4020"]).unwrap();
        s.write_formula(
            2,
            3,
            Formula::new("=0.1+0.2").set_result("0.30000000000000004"),
        )
        .unwrap();
        s.write_row(3, 0, ["1100", "510", "4030"]).unwrap();
        s.write_number(3, 3, 0.3).unwrap();
        s.write_row(4, 0, ["1100", "510", "4040"]).unwrap();
        s.write_number(4, 3, 1.1 * 3.0).unwrap();
        s.write_row(5, 0, ["1100", "510", "4050"]).unwrap();
        s.write_number(5, 3, 1234.5).unwrap();
        s.write_row(6, 0, ["1100", "510", "4060"]).unwrap();
        s.write_number(6, 3, 0.005).unwrap();
    });
    let (rows, summary) = import(bytes);
    assert_eq!(
        keys(&rows),
        [("1100", "510", "4030"), ("1100", "510", "4050")]
    );
    assert_eq!(rows[1].budget.to_string(), "1\u{a0}234,50\u{a0}kr");
    let messages: Vec<String> = summary.rejected().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"row 2 column D (budget) of sheet "Budget" in budget.xlsx holds 0.30000000000000004, which has fractions of an öre"#,
            r#"row 3 column D (budget) of sheet "Budget" in budget.xlsx holds 0.30000000000000004, which has fractions of an öre"#,
            r#"row 5 column D (budget) of sheet "Budget" in budget.xlsx holds 3.3000000000000003, which has fractions of an öre"#,
            r#"row 7 column D (budget) of sheet "Budget" in budget.xlsx holds 0.005, which has fractions of an öre"#,
        ]
    );
}

#[test]
fn huge_values_are_read_to_the_limit_and_rejected_beyond() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1", "1", "1", "92 233 720 368 547 758,07"])
            .unwrap();
        s.write_row(2, 0, ["1", "1", "2", "−92 233 720 368 547 758,07"])
            .unwrap();
        s.write_row(3, 0, ["1", "1", "3", "92 233 720 368 547 758,08"])
            .unwrap();
        s.write_row(4, 0, ["1", "1", "4"]).unwrap();
        s.write_number(4, 3, 1e20).unwrap();
        s.write_row(5, 0, ["1", "1", "5"]).unwrap();
        s.write_number(5, 3, -1e300).unwrap();
        s.write_row(6, 0, ["1", "1", "6"]).unwrap();
        s.write_number(6, 3, 9.2e16).unwrap();
        s.write_row(7, 0, ["1", "1", "7"]).unwrap();
        s.write_number(7, 3, -9.2e16).unwrap();
    });
    let (rows, summary) = import(bytes);
    let budgets: Vec<Amount> = rows.iter().map(|r| r.budget).collect();
    assert_eq!(
        budgets,
        [
            Amount::from_ore(i64::MAX),
            Amount::from_ore(-i64::MAX),
            Amount::from_ore(9_200_000_000_000_000_000),
            Amount::from_ore(-9_200_000_000_000_000_000),
        ]
    );
    assert_eq!(summary.total(), Amount::from_ore(0));
    let problems: Vec<_> = summary
        .rejected()
        .iter()
        .map(|e| match e {
            BudgetError::BadCell { problem, row, .. } => (*row, *problem),
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(
        problems,
        [
            (4, CellProblem::OutOfRange),
            (5, CellProblem::OutOfRange),
            (6, CellProblem::OutOfRange)
        ]
    );
}

#[test]
fn a_total_beyond_i64_is_a_fatal_error() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1", "1", "1", "92 233 720 368 547 758,07"])
            .unwrap();
        s.write_row(2, 0, ["1", "1", "2", "0,01"]).unwrap();
        s.write_row(3, 0, ["1", "1", "3", "1"]).unwrap();
    });
    let mut import = ExcelBudgetImporter::new(bytes, ExcelOptions::new("budget.xlsx")).unwrap();
    assert!(import.next().unwrap().is_ok());
    let err = import.next().unwrap().unwrap_err();
    assert!(matches!(err, BudgetError::Overflow { line: 3, .. }));
    assert!(import.next().is_none());
}

#[test]
fn sheets_are_chosen_by_name_or_the_first() {
    let bytes = {
        let mut workbook = Workbook::new();
        workbook
            .add_worksheet()
            .set_name("Anvisningar")
            .unwrap()
            .write_string(0, 0, "Fyll i budgeten på nästa blad")
            .unwrap();
        let sheet = workbook.add_worksheet().set_name("Budget 2024").unwrap();
        sheet.write_row(0, 0, HEADER).unwrap();
        sheet.write_row(1, 0, ["1100", "510", "4010", "1"]).unwrap();
        Cursor::new(workbook.save_to_buffer().unwrap())
    };
    let (rows, _) = import_with(
        bytes.clone(),
        ExcelOptions::new("b.xlsx").with_sheet("BUDGET 2024"),
    );
    assert_eq!(rows.len(), 1);
    let first = ExcelBudgetImporter::new(bytes.clone(), ExcelOptions::new("b.xlsx"))
        .err()
        .unwrap();
    assert!(
        matches!(first, BudgetError::SheetWithoutHeader { ref sheet, .. } if sheet == "Anvisningar")
    );
    let missing = ExcelBudgetImporter::new(bytes, ExcelOptions::new("b.xlsx").with_sheet("Drift"))
        .err()
        .unwrap();
    assert_eq!(
        missing.to_string(),
        r#"sheet "Drift" is not in b.xlsx, whose sheets are "Anvisningar", "Budget 2024""#
    );
}

#[test]
fn bytes_that_are_not_a_workbook_are_a_fatal_error() {
    let err = open_err(Cursor::new(b"ansvar,verksamhet,konto,budget\n".to_vec()));
    assert!(matches!(err, BudgetError::OpenWorkbook { .. }));
    assert_eq!(err.to_string(), "failed to open workbook budget.xlsx");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn workbooks_on_disk_are_opened_by_path() {
    let dir = std::env::temp_dir().join(format!("namnd-excel-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("budget.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_row(0, 0, HEADER).unwrap();
    sheet
        .write_row(1, 0, ["1100", "510", "4010", "1 000"])
        .unwrap();
    workbook.save(&path).unwrap();
    let mut import = ExcelBudgetImporter::open(&path, ExcelOptions::new("budget.xlsx")).unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        rows,
        [BudgetRow::new(
            "1100",
            "510",
            "4010",
            Amount::from_kr(1_000)
        )]
    );
}

// ------------------------------------------------------------- round trip

/// A Swedish-formatted amount: `−1 234 567,08`.
fn swedish(ore: i64) -> String {
    let sign = if ore < 0 { "−" } else { "" };
    let abs = ore.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{:02}", abs % 100)
}

#[derive(Debug, Clone)]
struct Line {
    keys: [String; 3],
    keys_as_numbers: bool,
    ore: i64,
    amount_as_number: bool,
}

fn line() -> impl Strategy<Value = Line> {
    let key = prop_oneof![
        "[1-9][0-9]{0,5}",
        "[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9 ]{0,8}[A-Za-z0-9]"
    ];
    (
        [key.clone(), key.clone(), key],
        any::<bool>(),
        prop_oneof![
            -1_000_i64..1_000,
            -999_999_999_999_999_i64..=999_999_999_999_999
        ],
        any::<bool>(),
    )
        .prop_map(|(keys, keys_as_numbers, ore, amount_as_number)| Line {
            keys,
            keys_as_numbers,
            ore,
            amount_as_number,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn budgets_written_to_xlsx_read_back_equal(
        lines in proptest::collection::vec(line(), 0..20),
        title in any::<bool>(),
    ) {
        let header_row = u32::from(title) * 2;
        let bytes = workbook(|s| {
            if title {
                s.write_string(0, 0, "Budget 2024").unwrap();
            }
            s.write_row(header_row, 0, HEADER).unwrap();
            for (i, line) in lines.iter().enumerate() {
                let row = header_row + 1 + u32::try_from(i).unwrap();
                for (col, key) in (0_u16..).zip(&line.keys) {
                    match key.parse::<u32>() {
                        Ok(number) if line.keys_as_numbers => {
                            s.write_number(row, col, f64::from(number)).unwrap();
                        }
                        _ => {
                            s.write_string(row, col, key).unwrap();
                        }
                    }
                }
                if line.amount_as_number {
                    // Test side only: |öre| < 10^15, so the double is the
                    // nearest to the decimal and prints back as it.
                    s.write_number(row, 3, line.ore as f64 / 100.0).unwrap();
                } else {
                    s.write_string(row, 3, swedish(line.ore)).unwrap();
                }
            }
        });
        let (rows, summary) = import(bytes);
        let expected: Vec<BudgetRow> = lines
            .iter()
            .map(|l| BudgetRow::new(&l.keys[0], &l.keys[1], &l.keys[2], Amount::from_ore(l.ore)))
            .collect();
        prop_assert_eq!(rows, expected);
        prop_assert_eq!(summary.accepted(), lines.len() as u64);
        prop_assert!(summary.rejected().is_empty());
        prop_assert_eq!(summary.total(), Amount::from_ore(lines.iter().map(|l| l.ore).sum()));
        let distinct: std::collections::HashSet<_> = lines.iter().map(|l| &l.keys).collect();
        prop_assert_eq!(summary.notices().len(), lines.len() - distinct.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// A personnummer in an amount cell, a key cell (repeated, or with a
    /// control character) or the header never reaches a message.
    #[test]
    fn no_message_holds_a_personnummer(
        (_, pn) in namnd_core::arbitrary_personnummer_text(
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        ),
    ) {
        let bytes = workbook(|sheet| {
            sheet.write_row(0, 0, HEADER).unwrap();
            sheet.write_row(1, 0, ["1100", "510", "4010", pn.as_str()]).unwrap();
            sheet.write_row(2, 0, [pn.as_str(), "510", "4010", "1"]).unwrap();
            sheet.write_row(3, 0, [pn.as_str(), "510", "4010", "2"]).unwrap();
            let tabbed = format!("{pn}\tx");
            sheet.write_row(4, 0, ["1100", tabbed.as_str(), "4010", "3"]).unwrap();
            let text = format!("belopp {pn} kr");
            sheet.write_row(5, 0, ["1100", "510", "4010", text.as_str()]).unwrap();
        });
        let (_, summary) = import(bytes);
        let mut all: Vec<String> = summary.rejected().iter().map(ToString::to_string).collect();
        all.extend(summary.notices().iter().map(ToString::to_string));
        // The bare personnummer in the amount cell may read as a number.
        prop_assert!(all.len() >= 3, "{:#?}", all);
        let header = workbook(|sheet| {
            sheet.write_row(0, 0, ["ansvar", "verksamhet", pn.as_str(), "budget"]).unwrap();
        });
        all.push(open_err(header).to_string());
        for message in &all {
            prop_assert!(!message.contains(&pn), "{}", message);
            prop_assert_eq!(namnd_core::redact_identity_numbers(message), message.as_str());
        }
    }
}

#[test]
fn the_reader_error_is_kept_as_a_source_without_its_type() {
    use std::error::Error as _;
    let err = open_err(Cursor::new(b"not a zip".to_vec()));
    let BudgetError::OpenWorkbook { source, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(!source.to_string().is_empty());
    assert!(err.source().is_some());
}

#[test]
fn a_personnummer_in_a_key_cell_rejects_the_row_and_is_shown_masked() {
    let bytes = workbook(|s| {
        s.write_row(0, 0, HEADER).unwrap();
        s.write_row(1, 0, ["1100", "510", "4010", "100"]).unwrap();
        s.write_row(2, 0, ["19121212-1212", "510", "4010", "5"])
            .unwrap();
        s.write_row(3, 0, ["1100", "121212-1212", "4010", "5"])
            .unwrap();
        s.write_number(4, 0, 1100).unwrap();
        s.write_number(4, 1, 510).unwrap();
        s.write_number(4, 2, 191_212_121_212_f64).unwrap();
        s.write_number(4, 3, 5).unwrap();
    });
    let (rows, summary) = import(bytes);
    assert_eq!(keys(&rows), [("1100", "510", "4010")]);
    assert_eq!((summary.rows_read(), summary.accepted()), (4, 1));
    let found: Vec<(Option<u64>, Option<&str>)> = summary
        .rejected()
        .iter()
        .map(|e| (e.line(), e.column()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(3), Some("ansvar")),
            (Some(4), Some("verksamhet")),
            (Some(5), Some("konto"))
        ]
    );
    for err in summary.rejected() {
        assert!(
            matches!(
                err,
                BudgetError::BadCell {
                    problem: CellProblem::IdentityNumber,
                    ..
                }
            ),
            "{err}"
        );
        let message = err.to_string();
        assert!(!message.contains("1212"), "{message}");
        assert!(
            message.ends_with("which looks like a personal identity number"),
            "{message}"
        );
    }
}
