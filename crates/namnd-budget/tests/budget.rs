//! Integration tests of namnd-budget: the follow-up contract on small
//! hand-computed ledgers, CSV dialects and encodings, rejected rows, the
//! generator, and property tests against a naive reference.

// This whole binary is test code: a failed helper should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::io::{self, Write};

use namnd_budget::generate::Generator;
use namnd_budget::{
    BudgetError, BudgetImporter, ColumnMap, CsvOptions, Dialect, DuplicateKeys, FollowUp,
    FollowUpJob, ForecastMethod, LedgerImporter, TextEncoding, follow_up,
};
use namnd_core::{Amount, Decimal, FiscalYear, Rounding, YearMonth};
use proptest::prelude::*;

const LEDGER_HEADER: &str = "datum,ansvar,verksamhet,konto,belopp\n";
const BUDGET_HEADER: &str = "ansvar,verksamhet,konto,budget\n";
const OUT_HEADER: &str = "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n";

fn run(ledger: &str, budget: &str, year: i32, month: u32) -> FollowUp {
    follow_up(
        ledger.as_bytes(),
        budget.as_bytes(),
        YearMonth::try_new(year, month).unwrap(),
        ForecastMethod::RunRate,
    )
    .unwrap()
}

fn csv_of(report: &FollowUp) -> String {
    let mut out = Vec::new();
    report.write_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn output(ledger_rows: &str, budget_rows: &str, month: u32) -> String {
    csv_of(&run(
        &format!("{LEDGER_HEADER}{ledger_rows}"),
        &format!("{BUDGET_HEADER}{budget_rows}"),
        2023,
        month,
    ))
}

// ------------------------------------------------------------ the contract

#[test]
fn run_rate_rounds_half_ore_up_away_from_zero() {
    // 1 öre × 12 / 8 = 1,5 öre → 2 öre
    assert_eq!(
        output("2023-03-01,1100,510,4010,0.01\n", "", 8),
        format!("{OUT_HEADER}1100,510,4010,0.00,0.01,0.02,-0.02\n")
    );
}

#[test]
fn run_rate_rounds_negative_half_ore_away_from_zero() {
    // −1 öre × 12 / 8 = −1,5 öre → −2 öre
    assert_eq!(
        output("2023-03-01,1100,510,3010,-0.01\n", "", 8),
        format!("{OUT_HEADER}1100,510,3010,0.00,-0.01,-0.02,0.02\n")
    );
}

#[test]
fn run_rate_rounds_below_half_toward_zero_and_above_half_away() {
    // 1 öre × 12 / 9 = 1,33 → 1; 1 öre × 12 / 7 = 1,71 → 2; −1 × 12 / 9 → −1.
    assert_eq!(
        output("2023-03-01,1100,510,4010,0.01\n", "", 9),
        format!("{OUT_HEADER}1100,510,4010,0.00,0.01,0.01,-0.01\n")
    );
    assert_eq!(
        output("2023-03-01,1100,510,4010,0.01\n", "", 7),
        format!("{OUT_HEADER}1100,510,4010,0.00,0.01,0.02,-0.02\n")
    );
    assert_eq!(
        output("2023-03-01,1100,510,3010,-0.01\n", "", 9),
        format!("{OUT_HEADER}1100,510,3010,0.00,-0.01,-0.01,0.01\n")
    );
    // 5 öre × 12 / 8 = 7,5 öre → 8; 3 öre × 12 / 8 = 4,5 → 5.
    assert_eq!(
        output(
            "2023-03-01,1100,510,4010,0.05\n2023-03-01,1100,510,4510,0.03\n",
            "",
            8
        ),
        format!(
            "{OUT_HEADER}1100,510,4010,0.00,0.05,0.08,-0.08\n1100,510,4510,0.00,0.03,0.05,-0.05\n"
        )
    );
}

#[test]
fn run_rate_in_december_returns_utfall() {
    assert_eq!(
        output(
            "2023-12-31,1100,510,4010,1234.57\n2023-01-01,1100,510,3010,-0.01\n",
            "1100,510,4010,1000.00\n",
            12
        ),
        format!(
            "{OUT_HEADER}1100,510,3010,0.00,-0.01,-0.01,0.01\n1100,510,4010,1000.00,1234.57,1234.57,-234.57\n"
        )
    );
}

#[test]
fn negative_outcomes_are_income_and_variance_is_budget_minus_forecast() {
    // Income budget −12 000, utfall −3 000 after 3 months → prognos −12 000, avvikelse 0;
    // utfall −3 300 → prognos −13 200, avvikelse +1 200 (more income than budgeted).
    assert_eq!(
        output(
            "2023-01-15,1100,510,3010,-1000.00\n2023-02-15,1100,510,3010,-2000.00\n\
             2023-03-15,1100,520,3010,-3300.00\n",
            "1100,510,3010,-12000.00\n1100,520,3010,-12000.00\n",
            3
        ),
        format!(
            "{OUT_HEADER}1100,510,3010,-12000.00,-3000.00,-12000.00,0.00\n\
             1100,520,3010,-12000.00,-3300.00,-13200.00,1200.00\n"
        )
    );
}

#[test]
fn unbudgeted_lines_have_budget_zero() {
    assert_eq!(
        output("2023-02-01,1100,510,4010,100.00\n", "", 2),
        format!("{OUT_HEADER}1100,510,4010,0.00,100.00,600.00,-600.00\n")
    );
}

#[test]
fn budget_lines_without_outcome_forecast_zero() {
    assert_eq!(
        output("", "1100,510,4010,5000.00\n1100,510,3010,-50.00\n", 4),
        format!(
            "{OUT_HEADER}1100,510,3010,-50.00,0.00,0.00,-50.00\n1100,510,4010,5000.00,0.00,0.00,5000.00\n"
        )
    );
}

#[test]
fn rows_after_the_as_of_month_are_valid_but_not_counted() {
    let report = run(
        &format!("{LEDGER_HEADER}2023-08-31,1100,510,4010,8.00\n2023-09-01,1100,510,4010,100.00\n"),
        &format!("{BUDGET_HEADER}1100,510,4010,24.00\n"),
        2023,
        8,
    );
    assert_eq!(
        csv_of(&report),
        format!("{OUT_HEADER}1100,510,4010,24.00,8.00,12.00,12.00\n")
    );
    assert_eq!(report.rows_after_as_of(), 1);
    assert_eq!(report.ledger_summary().accepted(), 2);
    assert!(report.ledger_summary().rejected().is_empty());
}

#[test]
fn a_key_with_only_rows_after_the_as_of_month_and_no_budget_has_no_row() {
    // As the peer: it filters by date before grouping.
    assert_eq!(
        output("2023-09-01,1100,510,4010,100.00\n", "", 8),
        OUT_HEADER
    );
}

#[test]
fn rows_in_another_year_are_counted_not_stored_and_do_not_change_the_output() {
    let report = run(
        &format!(
            "{LEDGER_HEADER}2022-12-31,1100,510,4010,1.00\n2023-01-01,1100,510,4010,2.00\n\
             2024-01-01,1100,510,4010,4.00\n2024-01-01,1100,520,4010,4.00\n"
        ),
        BUDGET_HEADER,
        2023,
        1,
    );
    assert_eq!(
        csv_of(&report),
        format!("{OUT_HEADER}1100,510,4010,0.00,2.00,24.00,-24.00\n")
    );
    assert_eq!(report.rows_outside_year(), 3);
    let summary = report.ledger_summary();
    assert_eq!((summary.rows_read(), summary.accepted()), (4, 4));
    assert!(summary.rejected().is_empty() && summary.rejected_count() == 0);
    // The whole file reconciles against the ledger system.
    assert_eq!(summary.total(), Amount::from_kr(11));
}

#[test]
fn many_rows_in_another_year_cost_no_memory_in_the_summary() {
    let mut ledger = LEDGER_HEADER.to_owned();
    for _ in 0..5_000 {
        ledger.push_str("2023-03-01,1100,510,4010,1.00\n");
    }
    let report = run(&ledger, BUDGET_HEADER, 2024, 8);
    assert_eq!(report.rows_outside_year(), 5_000);
    assert_eq!(report.ledger_summary().rejected_count(), 0);
    assert_eq!(csv_of(&report), OUT_HEADER);
}

#[test]
fn rejections_beyond_the_report_limit_are_counted_by_reason_not_kept() {
    let mut csv = LEDGER_HEADER.to_owned();
    for _ in 0..2_500 {
        csv.push_str("2023-03-01,1100,510,4010,x\n2023-02-30,1100,510,4010,1.00\n2023-03-01,1100,510,4010,1.00\n");
    }
    let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv")).unwrap();
    import.by_ref().for_each(drop);
    let summary = import.summary();
    assert_eq!(summary.rejected().len(), namnd_budget::DEFAULT_REPORT_LIMIT);
    assert_eq!(summary.rejected_count(), 5_000);
    assert_eq!(
        summary.rejected_by_reason().collect::<Vec<_>>(),
        [("ImpossibleDate", 2_500), ("MalformedAmount", 2_500)]
    );
    assert_eq!(
        summary.accepted() + summary.rejected_count(),
        summary.rows_read()
    );

    let mut import = LedgerImporter::new(
        csv.as_bytes(),
        CsvOptions::new("l.csv").with_report_limit(3),
    )
    .unwrap();
    import.by_ref().for_each(drop);
    assert_eq!(import.summary().rejected().len(), 3);
    assert_eq!(import.summary().rejected_count(), 5_000);
}

#[test]
fn totals_give_debit_credit_and_net_exactly() {
    let csv = format!(
        "{LEDGER_HEADER}2023-01-01,1,2,3,92233720368547758.07\n2023-01-01,1,2,3,92233720368547758.07\n\
         2023-01-01,1,2,3,-1.50\n"
    );
    let mut import = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv")).unwrap();
    assert_eq!(import.by_ref().count(), 3);
    let summary = import.into_summary();
    assert_eq!(summary.debit_ore(), 2 * i128::from(i64::MAX));
    assert_eq!(summary.credit_ore(), -150);
    assert_eq!(summary.total_ore(), 2 * i128::from(i64::MAX) - 150);
    assert_eq!(summary.credit(), Amount::from_ore(-150));
    assert_eq!(
        summary.debit(),
        Amount::from_kr(Decimal::from_i128_with_scale(2 * i128::from(i64::MAX), 2))
    );
}

#[test]
fn rows_are_sorted_by_key_in_byte_order() {
    let out = output(
        "2023-01-01,1100,510,4010,1.00\n2023-01-01,110,510,4010,1.00\n\
         2023-01-01,11000,510,4010,1.00\n2023-01-01,1100,51,4010,1.00\n\
         2023-01-01,Äldre,510,4010,1.00\n2023-01-01,Z,510,4010,1.00\n",
        "1100,510,401,1.00\n",
        12,
    );
    let keys: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.rsplitn(5, ',').last().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "110,510,4010",
            "1100,51,4010",
            "1100,510,401",
            "1100,510,4010",
            "11000,510,4010",
            "Z,510,4010",
            "Äldre,510,4010"
        ]
    );
}

#[test]
fn duplicate_budget_keys_are_summed_and_reported() {
    let report = run(
        LEDGER_HEADER,
        &format!("{BUDGET_HEADER}1100,510,4010,100.00\n1100,510,4510,1.00\n1100,510,4010,50.25\n"),
        2023,
        6,
    );
    assert_eq!(report.rows()[0].budget(), Amount::from_ore(15_025));
    let summary = report.budget_summary();
    assert_eq!(summary.accepted(), 3);
    assert_eq!(summary.total(), Amount::from_ore(15_125));
    assert_eq!(summary.notices().len(), 1);
    assert_eq!(
        summary.notices()[0].to_string(),
        "budget key 1100/510/4010 in budget line 4 repeats line 2; the amounts are summed"
    );
}

#[test]
fn a_small_ledger_gives_the_hand_computed_follow_up() {
    // As of June (m = 6): prognos = utfall × 2.
    let ledger = "2023-01-31,1100,510,4010,1000.00\n\
                  2023-06-30,1100,510,4010,234.56\n\
                  2023-07-01,1100,510,4010,999.99\n\
                  2023-03-10,1100,510,3010,-500.50\n\
                  2023-02-28,1101,520,4510,0.01\n\
                  2023-02-28,1101,520,4510,-0.01\n";
    let budget = "1100,510,4010,2500.00\n1100,510,3010,-1000.00\n1101,520,5010,300.00\n";
    assert_eq!(
        output(ledger, budget, 6),
        format!(
            "{OUT_HEADER}\
             1100,510,3010,-1000.00,-500.50,-1001.00,1.00\n\
             1100,510,4010,2500.00,1234.56,2469.12,30.88\n\
             1101,520,4510,0.00,0.00,0.00,0.00\n\
             1101,520,5010,300.00,0.00,0.00,300.00\n"
        )
    );
}

#[test]
fn writing_reports_a_failing_writer() {
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let report = run(LEDGER_HEADER, BUDGET_HEADER, 2023, 1);
    let err = report.write_csv(Broken).unwrap_err();
    assert_eq!(err.to_string(), "failed to write follow-up csv");
    assert!(std::error::Error::source(&err).is_some());
}

// ------------------------------------------------- dialects and encodings

fn ledger_import(bytes: &[u8]) -> (Vec<namnd_budget::LedgerRow>, namnd_budget::ImportSummary) {
    let mut import = LedgerImporter::new(bytes, CsvOptions::new("l.csv")).unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    (rows, import.into_summary())
}

#[test]
fn dialect_is_detected_from_the_header() {
    let (_, machine) = ledger_import(b"datum,ansvar,verksamhet,konto,belopp\n");
    assert_eq!(machine.dialect(), Dialect::Machine);
    let (_, excel) = ledger_import(b"datum;ansvar;verksamhet;konto;belopp\n");
    assert_eq!(excel.dialect(), Dialect::SwedishExcel);
}

#[test]
fn swedish_excel_reads_decimal_comma_and_space_thousands() {
    let csv = "Datum;Ansvar;Verksamhet;Konto;Belopp\n\
               2023-01-01;1100;510;4010;1 234 567,89\n\
               2023-01-02;1100;510;4010;1\u{a0}000,5\n\
               2023-01-03;1100;510;3010;-12\n\
               2023-01-04;1100;510;3010;\u{2212}0,01\n\
               2023-01-05;\"Hem; vård\";510;3010;\"2,00\"\n";
    let (rows, summary) = ledger_import(csv.as_bytes());
    let amounts: Vec<Amount> = rows.iter().map(|r| r.amount).collect();
    assert_eq!(
        amounts,
        [123_456_789, 100_050, -1_200, -1, 200].map(Amount::from_ore)
    );
    assert_eq!(rows[4].ansvar, "Hem; vård");
    assert_eq!(summary.encoding(), TextEncoding::Utf8);
    assert_eq!(summary.total(), Amount::from_ore(123_555_838));
}

#[test]
fn utf8_byte_order_mark_is_detected_and_stripped() {
    let csv =
        "\u{feff}datum;ansvar;verksamhet;konto;belopp\r\n2023-01-01;Äldreomsorg;510;4010;5,00\r\n";
    let (rows, summary) = ledger_import(csv.as_bytes());
    assert_eq!(summary.encoding(), TextEncoding::Utf8WithBom);
    assert_eq!(summary.dialect(), Dialect::SwedishExcel);
    assert_eq!(rows[0].ansvar, "Äldreomsorg");
}

#[test]
fn windows_1252_is_detected_from_bytes_that_are_not_utf8() {
    // "Äldreomsorg" and "Särskilt boende" in Windows-1252 (Ä = C4, ä = E4).
    let mut csv = b"datum;ansvar;verksamhet;konto;belopp\r\n".to_vec();
    csv.extend_from_slice(b"2023-01-01;1100;510;4010;1,00\r\n");
    csv.extend_from_slice(b"2023-01-02;\xC4ldreomsorg;S\xE4rskilt boende;4010;2,00\r\n");
    csv.extend_from_slice(b"2023-01-03;\xC4ldreomsorg;510;4010;3 000,00\r\n");
    let (rows, summary) = ledger_import(&csv);
    assert_eq!(summary.encoding(), TextEncoding::Windows1252);
    assert_eq!(rows[1].ansvar, "Äldreomsorg");
    assert_eq!(rows[1].verksamhet, "Särskilt boende");
    assert_eq!(summary.total(), Amount::from_ore(300_300));
}

#[test]
fn windows_1252_header_switches_encoding_at_once() {
    let csv =
        b"datum;ansvar;verksamhet;konto;belopp;\xC5rsbudget\n2023-01-01;\xC4;510;4010;1,00;0\n";
    let (rows, summary) = ledger_import(csv);
    assert_eq!(summary.encoding(), TextEncoding::Windows1252);
    assert_eq!(rows[0].ansvar, "Ä");
}

#[test]
fn invalid_utf8_after_utf8_rows_is_rejected_not_guessed() {
    let mut csv = b"datum;ansvar;verksamhet;konto;belopp\n".to_vec();
    csv.extend_from_slice("2023-01-01;Äldre;510;4010;1,00\n".as_bytes());
    csv.extend_from_slice(b"2023-01-02;\xC4ldre;510;4010;2,00\n");
    let (rows, summary) = ledger_import(&csv);
    assert_eq!(rows.len(), 1);
    assert_eq!(summary.encoding(), TextEncoding::Utf8);
    assert_eq!(
        summary.rejected()[0].to_string(),
        "l.csv line 3 is not valid utf-8, as earlier lines were"
    );
}

#[test]
fn chosen_dialect_overrides_detection() {
    // A machine file whose header holds more semicolons than commas outside quotes.
    let header = "datum,ansvar,verksamhet,konto,belopp,a;b;c;d;e;f;g";
    assert_eq!(Dialect::detect(header.as_bytes()), Dialect::SwedishExcel);
    let csv = format!("{header}\n2023-01-01,1,2,3,4.50,x\n");
    // Detected, the header is one field "datum,…,a" and some more: no column is found.
    let detected = LedgerImporter::new(csv.as_bytes(), CsvOptions::new("l.csv"));
    assert!(matches!(detected, Err(BudgetError::MissingColumn { .. })));
    let mut import = LedgerImporter::new(
        csv.as_bytes(),
        CsvOptions::new("l.csv").with_dialect(Dialect::Machine),
    )
    .unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(rows[0].amount, Amount::from_ore(450));
    assert_eq!(import.summary().dialect(), Dialect::Machine);
}

#[test]
fn column_names_are_mapped_and_matched_ignoring_case() {
    let csv = "Konto;Belopp;Ansvar;Bokföringsdag;Vht;Text\n4010;10,00;1100;2023-05-05;510;hyra\n";
    let columns = ColumnMap::default()
        .with_date("bokföringsdag")
        .with_verksamhet("VHT");
    let mut import = LedgerImporter::new(
        csv.as_bytes(),
        CsvOptions::new("l.csv").with_columns(columns),
    )
    .unwrap();
    let row = import.next().unwrap().unwrap();
    assert_eq!(
        (
            row.ansvar.as_str(),
            row.verksamhet.as_str(),
            row.konto.as_str()
        ),
        ("1100", "510", "4010")
    );
}

#[test]
fn missing_and_repeated_columns_are_fatal_and_named() {
    let err =
        BudgetImporter::new(&b"ansvar,konto,budget\n"[..], CsvOptions::new("b.csv")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"column "verksamhet" is missing from the header "ansvar,konto,budget" of b.csv"#
    );
    let err = BudgetImporter::new(
        &b"ansvar,verksamhet,konto,budget,Budget\n"[..],
        CsvOptions::new("b.csv"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"column "budget" appears in columns 4 and 5 of the header of b.csv"#
    );
}

// ----------------------------------------------------------- rejected rows

#[test]
fn rejected_rows_carry_line_column_and_reason_and_the_totals_add_up() {
    let csv = "datum,ansvar,verksamhet,konto,belopp\n\
               2023-01-01,1100,510,4010,100.00\n\
               2023-02-30,1100,510,4010,1.00\n\
               2023-01-02,1100,510,4010\n\
               2023-01-03,,510,4010,1.00\n\
               2023-01-04,1100,510,4010,12,5\n\
               2023-01-05,1100,510,4010,1 000.00\n\
               2023-01-06,1100,510,4010,0.005\n\
               2023/01/07,1100,510,4010,1.00\n\
               \n\
               2022-12-31,1100,510,4010,1.00\n\
               2023-03-01,1100,510,3010,-40.25\n\
               2023-01-08,1100,510,4010,\n";
    let options =
        CsvOptions::new("huvudbok.csv").with_fiscal_year(FiscalYear::try_new(2023).unwrap());
    let mut import = LedgerImporter::new(csv.as_bytes(), options).unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    let summary = import.into_summary();
    assert_eq!(rows.len(), 2);
    assert_eq!(summary.rows_read(), 11); // the blank line is not a row
    assert_eq!(summary.accepted(), 2);
    assert_eq!(
        summary.accepted() + summary.rejected().len() as u64,
        summary.rows_read()
    );
    assert_eq!(
        summary.total(),
        Amount::try_sum(rows.iter().map(|r| r.amount)).unwrap()
    );
    assert_eq!(summary.total(), Amount::from_ore(5_975));
    let messages: Vec<String> = summary.rejected().iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"date "2023-02-30" in huvudbok.csv line 3 column datum does not exist"#,
            "huvudbok.csv line 4 has 4 fields; the header has 5",
            "column ansvar is empty in huvudbok.csv line 5",
            "huvudbok.csv line 6 has 6 fields; the header has 5",
            r#"amount "1 000.00" in huvudbok.csv line 7 column belopp is malformed"#,
            r#"amount "0.005" in huvudbok.csv line 8 column belopp has fractions of an öre"#,
            r#"date "2023/01/07" in huvudbok.csv line 9 column datum is malformed; expected YYYY-MM-DD"#,
            "date 2022-12-31 in huvudbok.csv line 11 column datum is outside fiscal year 2023",
            "column belopp is empty in huvudbok.csv line 13",
        ]
    );
    let located: Vec<(Option<u64>, Option<&str>)> = summary
        .rejected()
        .iter()
        .map(|e| (e.line(), e.column()))
        .collect();
    assert_eq!(located[0], (Some(3), Some("datum")));
    assert_eq!(located[1], (Some(4), None));
    assert_eq!(located[4], (Some(7), Some("belopp")));
}

#[test]
fn swedish_amount_errors_keep_the_core_error_as_source() {
    let csv = "datum;ansvar;verksamhet;konto;belopp\n2023-01-01;1100;510;4010;1 5 341\n";
    let (_, summary) = ledger_import(csv.as_bytes());
    let err = &summary.rejected()[0];
    assert_eq!(
        err.to_string(),
        r#"amount "1 5 341" in l.csv line 2 column belopp is malformed"#
    );
    let source = std::error::Error::source(err).unwrap();
    assert!(source.to_string().contains("thousands separator"));
}

#[test]
fn crlf_files_report_the_right_line_numbers() {
    let csv = "datum,ansvar,verksamhet,konto,belopp\r\n2023-01-01,1,2,3,1.00\r\n\r\n2023-01-01,1,2,3,x\r\n";
    let (_, summary) = ledger_import(csv.as_bytes());
    assert_eq!(summary.rows_read(), 2);
    assert_eq!(summary.rejected()[0].line(), Some(4));
}

#[test]
fn control_characters_in_keys_are_rejected() {
    let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,\"11\u{0}00\",510,4010,1.00\n";
    let (_, summary) = ledger_import(csv.as_bytes());
    assert_eq!(
        summary.rejected()[0].to_string(),
        r#"ansvar "11\u{0}00" in l.csv line 2 contains a control character"#
    );
}

// --------------------------------------------------------------- generator

fn generated(seed: u64, rows: u64) -> (Vec<u8>, Vec<u8>) {
    let generator = Generator::new(seed, FiscalYear::try_new(2023).unwrap());
    let (mut ledger, mut budget) = (Vec::new(), Vec::new());
    generator.write_ledger(rows, &mut ledger).unwrap();
    generator.write_budget(rows, &mut budget).unwrap();
    (ledger, budget)
}

#[test]
fn generator_is_deterministic_for_a_seed() {
    assert_eq!(generated(11, 2_000), generated(11, 2_000));
    assert_ne!(generated(11, 2_000).0, generated(12, 2_000).0);
    assert_ne!(generated(11, 2_000).1, generated(12, 2_000).1);
}

#[test]
fn generated_files_import_cleanly_and_have_the_peer_shape() {
    let (ledger, budget) = generated(1, 20_000);
    let report = FollowUpJob::new(
        YearMonth::try_new(2023, 8).unwrap(),
        ForecastMethod::RunRate,
    )
    .run(&ledger[..], &budget[..])
    .unwrap();
    let (l, b) = (report.ledger_summary(), report.budget_summary());
    assert_eq!((l.rows_read(), l.accepted()), (20_000, 20_000));
    assert!(l.rejected().is_empty() && b.rejected().is_empty() && b.notices().is_empty());
    let budget_lines = b.accepted();
    assert!((1_750..1_900).contains(&budget_lines), "{budget_lines}");
    // Costs positive on 4xxx–7xxx, income negative on 3xxx (corrections aside).
    let cost_rows = report.rows().iter().filter(|r| !r.konto().starts_with('3'));
    assert!(cost_rows.clone().all(|r| r.budget() >= Amount::ZERO));
    let income = report.rows().iter().filter(|r| r.konto().starts_with('3'));
    assert!(income.clone().all(|r| r.budget() <= Amount::ZERO));
    assert!(
        report
            .rows()
            .iter()
            .any(|r| r.budget().is_zero() && !r.utfall().is_zero()),
        "some lines are unbudgeted"
    );
    // Corrections exist: some cost transactions are negative.
    let text = String::from_utf8(ledger).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains(",4010,-") || l.contains(",5010,-"))
    );
    // Seasonal: more in December than in July.
    let count = |m: &str| text.lines().filter(|l| l.starts_with(m)).count();
    assert!(count("2023-12") > count("2023-07"));
}

// ---------------------------------------------------------- property tests

const ANSVAR: [&str; 4] = ["110", "1100", "11000", "Äldre"];
const VERKSAMHET: [&str; 2] = ["510", "51"];
const KONTO: [&str; 3] = ["3010", "4010", "401"];

#[derive(Debug, Clone)]
struct Txn {
    key: (usize, usize, usize),
    year: i32,
    month: u32,
    day: u32,
    ore: i64,
}

fn txn() -> impl Strategy<Value = Txn> {
    (
        (0..ANSVAR.len(), 0..VERKSAMHET.len(), 0..KONTO.len()),
        prop_oneof![8 => Just(2023), 1 => Just(2022), 1 => Just(2024)],
        1..=12_u32,
        1..=28_u32,
        -1_000_000_i64..1_000_000,
    )
        .prop_map(|(key, year, month, day, ore)| Txn {
            key,
            year,
            month,
            day,
            ore,
        })
}

fn kr(ore: i128) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let m = ore.unsigned_abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

fn key_of(k: (usize, usize, usize)) -> (String, String, String) {
    (
        ANSVAR[k.0].to_owned(),
        VERKSAMHET[k.1].to_owned(),
        KONTO[k.2].to_owned(),
    )
}

/// The contract computed naively: Decimal arithmetic and namnd-core's rounding.
fn reference(txns: &[Txn], budget: &[((usize, usize, usize), i64)], month: u32) -> String {
    let mut lines: BTreeMap<(String, String, String), (i128, i128)> = BTreeMap::new();
    for (k, ore) in budget {
        lines.entry(key_of(*k)).or_default().0 += i128::from(*ore);
    }
    for t in txns {
        if t.year == 2023 && t.month <= month {
            lines.entry(key_of(t.key)).or_default().1 += i128::from(t.ore);
        }
    }
    let mut out = OUT_HEADER.to_owned();
    for ((a, v, k), (b, u)) in lines {
        let exact = Decimal::from_i128_with_scale(u * 12, 0) / Decimal::from(month);
        let p = Rounding::HalfAwayFromZero.round(exact, 0).unwrap();
        let p = p.mantissa() / 10_i128.pow(p.scale());
        out.push_str(&format!(
            "{a},{v},{k},{},{},{},{}\n",
            kr(b),
            kr(u),
            kr(p),
            kr(b - p)
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn follow_up_equals_the_naive_reference(
        txns in prop::collection::vec(txn(), 0..40),
        budget in prop::collection::vec(((0..4_usize, 0..2_usize, 0..3_usize), -5_000_000_i64..5_000_000), 0..10),
        month in 1..=12_u32,
    ) {
        let mut ledger = LEDGER_HEADER.to_owned();
        for t in &txns {
            let (a, v, k) = key_of(t.key);
            ledger.push_str(&format!("{}-{:02}-{:02},{a},{v},{k},{}\n", t.year, t.month, t.day, kr(i128::from(t.ore))));
        }
        let mut budget_csv = BUDGET_HEADER.to_owned();
        for (key, ore) in &budget {
            let (a, v, k) = key_of(*key);
            budget_csv.push_str(&format!("{a},{v},{k},{}\n", kr(i128::from(*ore))));
        }
        let report = run(&ledger, &budget_csv, 2023, month);
        prop_assert_eq!(csv_of(&report), reference(&txns, &budget, month));
        let outside = txns.iter().filter(|t| t.year != 2023).count();
        prop_assert_eq!(report.rows_outside_year(), outside as u64);
        prop_assert_eq!(report.ledger_summary().rejected_count(), 0);
    }

    #[test]
    fn accepted_plus_rejected_rows_equal_rows_read(
        rows in prop::collection::vec(
            prop_oneof![
                txn().prop_map(|t| format!("{}-{:02}-{:02},1100,510,4010,{}", t.year, t.month, t.day, kr(i128::from(t.ore)))),
                Just("2023-02-30,1100,510,4010,1.00".to_owned()),
                Just("2023-01-01,1100,510".to_owned()),
                Just("2023-01-01,,510,4010,1.00".to_owned()),
                Just("2023-01-01,1100,510,4010,1,5".to_owned()),
                Just("2023-01-01,1100,510,4010,abc".to_owned()),
                Just("2023-01-01,1100,510,4010,0.001".to_owned()),
                "[ -~]{0,30}",
            ],
            0..30,
        ),
    ) {
        let csv = format!("{LEDGER_HEADER}{}\n", rows.join("\n"));
        let options = CsvOptions::new("p.csv").with_fiscal_year(FiscalYear::try_new(2023).unwrap());
        let mut import = LedgerImporter::new(csv.as_bytes(), options).unwrap();
        let accepted = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
        let summary = import.into_summary();
        prop_assert_eq!(summary.accepted() + summary.rejected_count(), summary.rows_read());
        let by_reason: u64 = summary.rejected_by_reason().map(|(_, n)| n).sum();
        prop_assert_eq!(by_reason, summary.rejected_count());
        // Every physical line after the header is a row unless blank.
        let lines = csv.lines().skip(1).count() as u64;
        prop_assert!(summary.rows_read() <= lines);
        prop_assert_eq!(summary.accepted(), accepted.len() as u64);
        prop_assert_eq!(summary.total(), Amount::try_sum(accepted.iter().map(|r| r.amount)).unwrap());
        prop_assert!(summary.rejected().iter().all(|e| e.line().is_some_and(|l| l >= 2)));
    }
}

#[test]
fn line_numbers_count_quoted_line_breaks_blank_lines_and_a_missing_final_newline() {
    // Row 1 spans lines 2–3 (its ansvar holds a line break), lines 4–5 are
    // blank, row 2 is on line 6 with no final newline.
    let csv = "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,\"11\n00\",510,4010,1.00\n\n\n2023-01-01,1100,510,4010,x";
    let (_, summary) = ledger_import(csv.as_bytes());
    let lines: Vec<Option<u64>> = summary.rejected().iter().map(|e| e.line()).collect();
    assert_eq!(lines, [Some(2), Some(6)]);
    // The rejected row 1 counts both its lines.
    assert_eq!((summary.rows_read(), summary.rejected_count()), (3, 3));
}

#[test]
fn a_quote_left_open_at_the_end_of_the_file_is_rejected_on_its_line() {
    let csv =
        "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1100,510,4010,1.00\n\"2023-01-02,1100\n";
    let (rows, summary) = ledger_import(csv.as_bytes());
    assert_eq!(rows.len(), 1);
    assert_eq!(summary.rejected()[0].line(), Some(3));
}

#[test]
fn an_unclosed_quote_rejects_every_line_it_swallows() {
    let mut csv = format!("{LEDGER_HEADER}2023-01-05,\"Hem,510,4010,1.00\n");
    for day in 6..=10 {
        csv.push_str(&format!("2023-01-{day:02},1100,510,4010,1.00\n"));
    }
    let (rows, summary) = ledger_import(csv.as_bytes());
    assert!(rows.is_empty());
    assert_eq!(
        (
            summary.rows_read(),
            summary.accepted(),
            summary.rejected_count()
        ),
        (6, 0, 6)
    );
    assert_eq!(summary.rejected().len(), 1);
    let error = &summary.rejected()[0];
    assert!(matches!(
        error,
        BudgetError::ColumnCount {
            line: 2,
            last_line: 7,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "l.csv lines 2–7 has 2 fields; the header has 5"
    );
    assert_eq!(error.line(), Some(2));
}

#[test]
fn a_row_in_utf8_after_windows_1252_rows_gives_a_notice() {
    let csv = b"datum;ansvar;verksamhet;konto;belopp\n2023-01-05;\xC4ldreomsorg;510;4010;1,00\n2023-01-06;\xC3\x84ldreomsorg;510;4010;2,00\n";
    let (rows, summary) = ledger_import(csv);
    assert_eq!(rows.len(), 2);
    assert_eq!(summary.encoding(), TextEncoding::Windows1252);
    assert_eq!(summary.notices().len(), 1);
    assert!(matches!(
        summary.notices()[0],
        BudgetError::MixedEncoding { line: 3, .. }
    ));
    assert_eq!(
        summary.notices()[0].to_string(),
        "l.csv line 3 is utf-8 text, but earlier lines were windows-1252; it is read as windows-1252"
    );
}

#[test]
fn a_utf16_file_is_a_fatal_error_naming_the_encoding() {
    for (bom, name) in [
        (&b"\xFF\xFE"[..], "utf-16le"),
        (&b"\xFE\xFF"[..], "utf-16be"),
    ] {
        let mut bytes = bom.to_vec();
        for unit in "datum,ansvar,verksamhet,konto,belopp\n".encode_utf16() {
            let pair = if name == "utf-16le" {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let err = LedgerImporter::new(&bytes[..], CsvOptions::new("l.csv"))
            .err()
            .unwrap();
        assert!(
            matches!(err, BudgetError::UnsupportedEncoding { .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!("l.csv is {name} text; save it as utf-8 or windows-1252 csv")
        );
    }
}

#[test]
fn a_record_longer_than_the_limit_is_rejected_and_reading_goes_on() {
    let long = "x".repeat(namnd_budget::MAX_RECORD_BYTES + 10);
    // A long line, then a quote left open on a long line, then valid rows.
    let csv = format!(
        "{LEDGER_HEADER}2023-01-05,{long},510,4010,1.00\n2023-01-06,1100,510,4010,2.00\n\
         2023-01-07,\"{long}\n2023-01-08,1100,510,4010,3.00\n"
    );
    let (rows, summary) = ledger_import(csv.as_bytes());
    assert_eq!(
        rows.iter().map(|r| r.amount).collect::<Vec<_>>(),
        [Amount::from_kr(2), Amount::from_kr(3)]
    );
    let lines: Vec<Option<u64>> = summary.rejected().iter().map(BudgetError::line).collect();
    assert_eq!(lines, [Some(2), Some(4)]);
    assert!(
        summary
            .rejected()
            .iter()
            .all(|e| matches!(e, BudgetError::RecordTooLong { .. }))
    );
    assert_eq!(
        summary.rejected()[0].to_string(),
        format!(
            "l.csv line 2 is longer than {} bytes",
            namnd_budget::MAX_RECORD_BYTES
        )
    );
    assert_eq!((summary.rows_read(), summary.accepted()), (4, 2));

    let header = format!("datum,ansvar,verksamhet,konto,{long}\n");
    let err = LedgerImporter::new(header.as_bytes(), CsvOptions::new("l.csv"))
        .err()
        .unwrap();
    assert!(matches!(err, BudgetError::HeaderTooLong { .. }), "{err}");
}

#[test]
fn duplicate_budget_keys_are_summed_or_rejected_by_policy() {
    let csv = format!("{BUDGET_HEADER}1100,510,4010,5.00\n1100,510,4010,1.00\n");
    let mut sum = BudgetImporter::new(csv.as_bytes(), CsvOptions::new("b.csv")).unwrap();
    assert_eq!(sum.by_ref().count(), 2);
    assert_eq!(sum.summary().total(), Amount::from_kr(6));
    assert!(matches!(
        sum.summary().notices()[0],
        BudgetError::DuplicateBudgetKey {
            line: 3,
            first_line: 2,
            ..
        }
    ));

    let options = CsvOptions::new("b.csv").with_duplicate_keys(DuplicateKeys::Reject);
    let mut reject = BudgetImporter::new(csv.as_bytes(), options).unwrap();
    assert_eq!(reject.by_ref().count(), 1);
    let summary = reject.summary();
    assert_eq!(
        (
            summary.accepted(),
            summary.rejected_count(),
            summary.total()
        ),
        (1, 1, Amount::from_kr(5))
    );
    assert!(summary.notices().is_empty());
    assert_eq!(
        summary.rejected()[0].to_string(),
        "budget key 1100/510/4010 in b.csv line 3 repeats line 2; the row is rejected"
    );

    // The follow-up sums by default, as the peer does, and rejects on request.
    let ledger = LEDGER_HEADER;
    let as_of = YearMonth::try_new(2023, 8).unwrap();
    let summed = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .run(ledger.as_bytes(), csv.as_bytes())
        .unwrap();
    assert_eq!(summed.rows()[0].budget(), Amount::from_kr(6));
    let rejected = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .with_budget_options(CsvOptions::new("b.csv").with_duplicate_keys(DuplicateKeys::Reject))
        .run(ledger.as_bytes(), csv.as_bytes())
        .unwrap();
    assert_eq!(rejected.rows()[0].budget(), Amount::from_kr(5));
}

#[test]
fn keys_with_commas_or_quotes_are_quoted_in_the_output_and_others_are_not() {
    let report = run(
        &format!(
            "{LEDGER_HEADER}2023-01-05,\"A,1\",510,4010,1.00\n2023-01-05,\"Q\"\"x\",510,4010,1.00\n2023-01-05,\"Plain\",510,4010,1.00\n"
        ),
        BUDGET_HEADER,
        2023,
        12,
    );
    assert_eq!(
        csv_of(&report),
        format!(
            "{OUT_HEADER}\"A,1\",510,4010,0.00,1.00,1.00,-1.00\nPlain,510,4010,0.00,1.00,1.00,-1.00\n\"Q\"\"x\",510,4010,0.00,1.00,1.00,-1.00\n"
        )
    );
}

#[test]
fn the_ledger_file_is_named_once_for_csv_and_sie() {
    let as_of = YearMonth::try_new(2023, 8).unwrap();
    let sie = "#RAR 0 20230101 20231231\n#VER A 1 20230105\n{\n#TRANS 4010 {1 1100 20 510} x\n}\n";
    let report = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .with_ledger_options(CsvOptions::new("huvudbok.se"))
        .run(sie.as_bytes(), BUDGET_HEADER.as_bytes())
        .unwrap();
    assert_eq!(report.ledger_summary().file(), "huvudbok.se");
    assert!(
        report.ledger_summary().rejected()[0]
            .to_string()
            .contains("huvudbok.se line 4")
    );
    let csv = format!("{LEDGER_HEADER}2023-01-05,1100,510,4010,x\n");
    let report = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .with_ledger_file("huvudbok.csv")
        .run(csv.as_bytes(), BUDGET_HEADER.as_bytes())
        .unwrap();
    assert!(
        report.ledger_summary().rejected()[0]
            .to_string()
            .contains("huvudbok.csv line 2")
    );
}

#[test]
fn forecast_and_variance_overflows_name_the_key_and_the_column() {
    let max = "92233720368547758.07";
    let ledger = format!("{LEDGER_HEADER}2023-01-05,1100,510,4010,{max}\n");
    let err = FollowUpJob::new(
        YearMonth::try_new(2023, 1).unwrap(),
        ForecastMethod::RunRate,
    )
    .run(ledger.as_bytes(), BUDGET_HEADER.as_bytes())
    .err()
    .unwrap();
    assert_eq!(
        err.to_string(),
        "prognos of 1100/510/4010 is beyond ±92 000 billion kronor"
    );
    let ledger = format!("{LEDGER_HEADER}2023-01-05,1100,510,4010,{max}\n");
    let budget = format!("{BUDGET_HEADER}1100,510,4010,-1.00\n");
    let err = FollowUpJob::new(
        YearMonth::try_new(2023, 12).unwrap(),
        ForecastMethod::RunRate,
    )
    .run(ledger.as_bytes(), budget.as_bytes())
    .err()
    .unwrap();
    assert_eq!(
        err.to_string(),
        "avvikelse of 1100/510/4010 is beyond ±92 000 billion kronor"
    );
    assert_eq!(err.column(), Some("avvikelse"));
}

#[test]
fn unknown_forecast_methods_are_a_budget_error() {
    let err = "linear".parse::<ForecastMethod>().err().unwrap();
    assert!(matches!(err, BudgetError::UnknownMethod { .. }));
}

/// Every message built from the inputs, for a personal identity number
/// written as `text` inside keys, amounts, dates, headers and names.
fn messages_echoing(text: &str) -> Vec<String> {
    let mut messages = Vec::new();
    let kund = format!("kund {text}");
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let ledger = format!(
        "{LEDGER_HEADER}{kund},1100,510,4010,1.00\n2023-01-05,kund\t{text},510,4010,1.00\n\
         2023-01-05,1100,510,4010,{kund}\n2023-01-05,1100,510,4010,{digits}.001\n\
         2023-01-05,1100,510,4010,{text}\n"
    );
    let (_, summary) = ledger_import(ledger.as_bytes());
    messages.extend(summary.rejected().iter().map(ToString::to_string));
    assert!(summary.rejected_count() >= 4, "{:?}", summary.rejected());
    let header = format!("datum,{kund},verksamhet,konto,belopp\n");
    messages.push(
        LedgerImporter::new(header.as_bytes(), CsvOptions::new("l.csv"))
            .err()
            .unwrap()
            .to_string(),
    );
    let budget = format!(
        "{BUDGET_HEADER}{kund},510,4010,92233720368547758.07\n{kund},510,4010,92233720368547758.07\n"
    );
    // A key holding a personnummer rejects its row (`PersonnummerInKey`)
    // before a repetition or a sum could echo it.
    for policy in [DuplicateKeys::Sum, DuplicateKeys::Reject] {
        let options = CsvOptions::new("b.csv").with_duplicate_keys(policy);
        let mut import = BudgetImporter::new(budget.as_bytes(), options).unwrap();
        import.by_ref().for_each(drop);
        let summary = import.summary();
        assert_eq!(
            summary.rejected_by_reason().collect::<Vec<_>>(),
            [("PersonnummerInKey", 2)]
        );
        messages.extend(summary.rejected().iter().map(ToString::to_string));
        messages.extend(summary.notices().iter().map(ToString::to_string));
    }
    let as_of = YearMonth::try_new(2023, 1).unwrap();
    let job = FollowUpJob::new(as_of, ForecastMethod::RunRate);
    let ledger = format!("{LEDGER_HEADER}2023-01-05,{kund},510,4010,92233720368547758.07\n");
    for (ledger, budget) in [(LEDGER_HEADER, budget.as_str()), (&ledger, BUDGET_HEADER)] {
        if let Err(e) = job.run(ledger.as_bytes(), budget.as_bytes()) {
            messages.push(e.to_string());
        }
    }
    messages.push(kund.parse::<ForecastMethod>().err().unwrap().to_string());
    messages
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_message_echoes_a_personal_identity_number(
        (_, text) in namnd_core::arbitrary_personnummer_text(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()),
    ) {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let birth = &digits[digits.len() - 10..digits.len() - 4];
        let messages = messages_echoing(&text);
        prop_assert!(messages.len() >= 10, "{messages:?}");
        for message in &messages {
            prop_assert!(!message.contains(&text), "{message}");
            prop_assert!(!message.contains(&digits), "{message}");
            prop_assert!(!message.contains(birth), "{message}");
        }
    }
}

#[test]
fn echoed_text_is_cut_and_escaped() {
    let csv = format!(
        "{LEDGER_HEADER}2023-01-05,1100,510,4010,{}\n",
        "9".repeat(200)
    );
    let (_, summary) = ledger_import(csv.as_bytes());
    let message = summary.rejected()[0].to_string();
    // A run of digits the cut would split is dropped whole
    // (`namnd_core::quote_for_message`): a cut run could look like a
    // personnummer.
    assert_eq!(
        message,
        "amount \"…\" in l.csv line 2 column belopp is out of range"
    );
    let csv = format!("{LEDGER_HEADER}2023-01-05,a\u{1b}b,510,4010,1.00\n");
    let (_, summary) = ledger_import(csv.as_bytes());
    assert!(summary.rejected()[0].to_string().contains(r#""a\u{1b}b""#));
}
