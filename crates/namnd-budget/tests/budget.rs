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
    BudgetError, BudgetImporter, ColumnMap, CsvOptions, Dialect, FollowUp, FollowUpJob,
    ForecastMethod, LedgerImporter, TextEncoding, follow_up,
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
fn rows_in_another_year_are_rejected_and_do_not_change_the_output() {
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
    let rejected = report.ledger_summary().rejected();
    assert_eq!(rejected.len(), 3);
    assert_eq!(
        rejected.iter().map(|e| e.line()).collect::<Vec<_>>(),
        [Some(2), Some(4), Some(5)]
    );
    assert_eq!(
        rejected[0].to_string(),
        "date 2022-12-31 in ledger line 2 column datum is outside fiscal year 2023"
    );
    assert!(
        rejected
            .iter()
            .all(|e| matches!(e, BudgetError::DateOutsideFiscalYear { .. }))
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
    // A machine file whose header happens to hold more semicolons than commas.
    let csv = "datum,ansvar,verksamhet,konto,belopp,\"a;b;c;d;e;f\"\n2023-01-01,1,2,3,4.50,x\n";
    let mut import = LedgerImporter::new(
        csv.as_bytes(),
        CsvOptions::new("l.csv").with_dialect(Dialect::Machine),
    )
    .unwrap();
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(rows[0].amount, Amount::from_ore(450));
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
        prop_assert_eq!(report.ledger_summary().rejected().len(), outside);
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
        prop_assert_eq!(summary.accepted() + summary.rejected().len() as u64, summary.rows_read());
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
    assert_eq!(summary.rows_read(), 2);
}

#[test]
fn a_quote_left_open_at_the_end_of_the_file_is_rejected_on_its_line() {
    let csv =
        "datum,ansvar,verksamhet,konto,belopp\n2023-01-01,1100,510,4010,1.00\n\"2023-01-02,1100\n";
    let (rows, summary) = ledger_import(csv.as_bytes());
    assert_eq!(rows.len(), 1);
    assert_eq!(summary.rejected()[0].line(), Some(3));
}
