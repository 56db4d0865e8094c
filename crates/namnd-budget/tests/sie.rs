//! Integration tests of the SIE 4 importer: the generated SIE file and the
//! generated CSV file of the same transactions give identical follow-ups, and
//! bad input is reported with file, line and reason.

// This whole binary is test code: a failed helper should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use namnd_budget::generate::Generator;
use namnd_budget::sie::{SieImporter, SieOptions};
use namnd_budget::{
    BudgetError, FollowUp, FollowUpJob, ForecastMethod, ImportSummary, LedgerFormat, LedgerRow,
    TextEncoding,
};
use namnd_core::{Amount, FiscalYear, YearMonth};
use proptest::prelude::*;

/// The header items of a small PC8 file with ansvar 1100 and 1200, verksamhet
/// 510, and accounts 1930, 3010 and 4010.
const HEAD: &str = "#FLAGGA 0\r\n#PROGRAM \"test\" 1.0\r\n#FORMAT PC8\r\n#GEN 20240115\r\n#SIETYP 4\r\n\
#RAR 0 20230101 20231231\r\n#DIM 1 \"Ansvar\"\r\n#DIM 20 \"Verksamhet\"\r\n\
#OBJEKT 1 \"1100\" \"Ansvar 1100\"\r\n#OBJEKT 1 \"1200\" \"Ansvar 1200\"\r\n#OBJEKT 20 \"510\" \"V 510\"\r\n\
#KONTO 1930 \"Bank\"\r\n#KONTO 3010 \"Avgifter\"\r\n#KONTO 4010 \"Material\"\r\n";
/// Lines in `HEAD`.
const HEAD_LINES: u64 = 14;

fn import(bytes: &[u8]) -> (Vec<LedgerRow>, ImportSummary) {
    let mut import = SieImporter::new(bytes, SieOptions::new("l.se"));
    let rows = import.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    (rows, import.into_summary())
}

fn with_head(body: impl AsRef<[u8]>) -> Vec<u8> {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(body.as_ref());
    bytes
}

fn messages(errors: &[BudgetError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn csv_of(report: &FollowUp) -> String {
    let mut out = Vec::new();
    report.write_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_valid_voucher_gives_ledger_rows_and_skips_the_bank_row() {
    let (rows, summary) = import(&with_head(
        b"#VER \"A\" 1 20230131 \"Ink\x94p\"\r\n{\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"} 100.00 20230105 \"rad\" 1\r\n\
         #TRANS 3010 {20 510 1 1200} -40.50\r\n\
         #TRANS 1930 {} -59.50\r\n}\r\n",
    ));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].date.to_string(), "2023-01-05");
    assert_eq!(rows[1].date.to_string(), "2023-01-31"); // the voucher's date
    assert_eq!(
        (rows[1].ansvar.as_str(), rows[1].verksamhet.as_str()),
        ("1200", "510")
    );
    assert_eq!(summary.total(), Amount::from_ore(5_950));
    assert_eq!(
        (summary.rows_read(), summary.accepted(), summary.skipped()),
        (2, 2, 1)
    );
    assert_eq!(summary.encoding(), TextEncoding::Pc8);
    assert!(summary.notices().is_empty(), "{:?}", summary.notices());
}

#[test]
fn a_truncated_file_keeps_its_valid_rows_and_reports_the_open_voucher() {
    let mut bytes = Vec::new();
    Generator::new(5, FiscalYear::try_new(2023).unwrap())
        .write_sie(20, &mut bytes)
        .unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    // Cut inside the object list of the third #TRANS of the last voucher.
    let last_ver = text.rfind("#VER").unwrap();
    let third = text[last_ver..].match_indices("#TRANS").nth(2).unwrap().0 + last_ver;
    let cut = &bytes[..third + "#TRANS 4010 {1 \"11".len()];
    let (rows, summary) = import(cut);
    assert_eq!(rows.len(), 18);
    assert_eq!(summary.rejected().len(), 1);
    let rejected = summary.rejected()[0].to_string();
    assert!(rejected.starts_with("#TRANS in l.se line "), "{rejected}");
    assert!(
        rejected.ends_with("is malformed: an object list is not closed by }"),
        "{rejected}"
    );
    let notices = messages(summary.notices());
    // One of its amounts cannot be read, so its balance is not checked.
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("voucher A 3 in l.se line "),
        "{notices:?}"
    );
    assert!(notices[0].ends_with(" is not closed by }"), "{notices:?}");
}

#[test]
fn unbalanced_braces_are_reported() {
    let (rows, summary) = import(&with_head(
        "}\r\n{\r\n}\r\n#VER A 1 20230105\r\n{\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\" 5.00\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"}} 5.00\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"} 5.00\r\n#TRANS 1930 {} -5.00\r\n}\r\n",
    ));
    assert_eq!(rows.len(), 1);
    let l = HEAD_LINES;
    assert_eq!(
        messages(summary.rejected()),
        [
            format!(
                "#TRANS in l.se line {} is malformed: an object list is not closed by }}",
                l + 6
            ),
            format!("#TRANS in l.se line {} is malformed: a }} has no {{", l + 7),
        ]
    );
    assert_eq!(
        messages(summary.notices()),
        [
            format!(
                "}} in l.se line {} is malformed: no {{ stands before it",
                l + 1
            ),
            format!(
                "{{ in l.se line {} is malformed: no #VER stands before it",
                l + 2
            ),
        ]
    );
}

#[test]
fn an_unbalanced_voucher_is_named_by_series_and_number_and_its_rows_kept() {
    let (rows, summary) = import(&with_head(
        "#VER \"B\" \"17\" 20230105 \"x\"\r\n{\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"} 100.00\r\n#TRANS 1930 {} -99.99\r\n}\r\n",
    ));
    assert_eq!(rows.len(), 1);
    assert!(summary.rejected().is_empty());
    assert_eq!(
        messages(summary.notices()),
        [format!(
            "voucher B 17 in l.se line {} does not balance: its transactions sum to 0,01\u{a0}kr",
            HEAD_LINES + 1
        )]
    );
    assert!(matches!(
        &summary.notices()[0],
        BudgetError::SieUnbalancedVoucher { series, number, .. } if series == "B" && number == "17"
    ));
}

#[test]
fn a_malformed_amount_rejects_the_row() {
    let (rows, summary) = import(&with_head(
        "#VER A 1 20230105\r\n{\r\n#TRANS 4010 {1 1100 20 510} 12,50\r\n\
         #TRANS 4010 {1 1100 20 510} 0.001\r\n#TRANS 4010 {1 1100 20 510}\r\n#TRANS 1930 {} -12.50\r\n}\r\n",
    ));
    assert!(rows.is_empty());
    let l = HEAD_LINES;
    assert_eq!(
        messages(summary.rejected()),
        [
            format!(
                r#"amount "12,50" in l.se line {} column belopp is malformed"#,
                l + 3
            ),
            format!(
                r#"amount "0.001" in l.se line {} column belopp has fractions of an öre"#,
                l + 4
            ),
            format!(
                r#"amount "" in l.se line {} column belopp is malformed"#,
                l + 5
            ),
        ]
    );
    assert_eq!(summary.rejected()[0].column(), Some("belopp"));
    assert_eq!((summary.rows_read(), summary.skipped()), (3, 1));
}

#[test]
fn an_undeclared_account_or_object_is_a_notice_once_and_the_row_is_kept() {
    let (rows, summary) = import(&with_head(
        "#VER A 1 20230105\r\n{\r\n#TRANS 4999 {1 1100 20 510} 1.00\r\n\
         #TRANS 4999 {1 1100 20 510} 1.00\r\n#TRANS 4010 {1 \"9999\" 20 510 6 \"P1\"} 1.00\r\n\
         #TRANS 1930 {} -3.00\r\n}\r\n",
    ));
    assert_eq!(rows.len(), 3);
    let l = HEAD_LINES;
    assert_eq!(
        messages(summary.notices()),
        [
            format!(
                "account 4999 in l.se line {} is not declared by #KONTO",
                l + 3
            ),
            format!(
                r#"object "9999" of dimension 1 in l.se line {} is not declared by #OBJEKT"#,
                l + 5
            ),
            format!(
                r#"object "P1" of dimension 6 in l.se line {} is not declared by #OBJEKT"#,
                l + 5
            ),
        ]
    );
}

#[test]
fn utf8_text_in_a_pc8_file_is_rejected() {
    let (rows, summary) = import(&with_head(
        "#OBJEKT 1 \"Äldre\" \"Äldreomsorg\"\r\n#VER A 1 20230105\r\n{\r\n\
         #TRANS 4010 {1 \"Äldre\" 20 510} 1.00\r\n#TRANS 4010 {1 1100 20 510} 2.00\r\n\
         #TRANS 1930 {} -3.00\r\n}\r\n",
    ));
    assert_eq!(rows.len(), 1);
    let l = HEAD_LINES;
    assert_eq!(
        messages(summary.rejected()),
        [format!(
            "l.se line {} is utf-8 text, but a sie 4 file is pc8 (cp437)",
            l + 4
        )]
    );
    assert_eq!(
        messages(summary.notices()),
        [format!(
            "l.se line {} is utf-8 text, but a sie 4 file is pc8 (cp437)",
            l + 1
        )]
    );
}

#[test]
fn pc8_object_codes_are_decoded() {
    let (rows, summary) = import(&with_head(
        b"#OBJEKT 1 \"\x8Eldre\" \"\x8Eldreomsorg\"\r\n#VER A 1 20230105\r\n{\r\n\
         #TRANS 4010 {1 \"\x8Eldre\" 20 \"5\\\"10\"} 1.00\r\n#TRANS 1930 {} -1.00\r\n}\r\n",
    ));
    assert_eq!(
        (rows[0].ansvar.as_str(), rows[0].verksamhet.as_str()),
        ("Äldre", "5\"10")
    );
    assert_eq!(summary.notices().len(), 1); // 5"10 is not declared
}

#[test]
fn dates_outside_the_fiscal_year_missing_objects_and_stray_rows_are_rejected() {
    let body = "#VER A 1 20230105\r\n{\r\n\
         #TRANS 4010 {1 1100 20 510} 1.00 20220105\r\n\
         #TRANS 4010 {1 1100 20 510} 1.00 20230230\r\n\
         #TRANS 4010 {1 1100 20 510} 1.00 2023-01-05\r\n\
         #TRANS 4010 {1 1100} 1.00\r\n\
         #TRANS 4010 {1 1100 20 \"\"} 1.00\r\n\
         #TRANS 1930 {} -5.00\r\n}\r\n\
         #TRANS 4010 {1 1100 20 510} 1.00\r\n";
    let (rows, summary) = import(&with_head(body));
    assert!(rows.is_empty());
    let l = HEAD_LINES;
    assert_eq!(
        messages(summary.rejected()),
        [
            format!(
                "date 2022-01-05 in l.se line {} field transdat is outside the fiscal year 2023-01-01 to 2023-12-31 of #RAR 0",
                l + 3
            ),
            format!(
                r#"date "20230230" in l.se line {} field transdat is malformed; expected YYYYMMDD"#,
                l + 4
            ),
            format!(
                r#"date "2023-01-05" in l.se line {} field transdat is malformed; expected YYYYMMDD"#,
                l + 5
            ),
            format!(
                "#TRANS to account 4010 in l.se line {} has no object of dimension 20 (verksamhet)",
                l + 6
            ),
            format!("column verksamhet is empty in l.se line {}", l + 7),
            format!(
                "#TRANS in l.se line {} is malformed: it stands outside a voucher's {{ }}",
                l + 10
            ),
        ]
    );
    // A configured fiscal year takes the place of #RAR 0.
    let bytes = with_head(body);
    let mut import = SieImporter::new(
        &bytes[..],
        SieOptions::new("l.se").with_fiscal_year(FiscalYear::try_new(2022).unwrap()),
    );
    assert_eq!(import.by_ref().count(), 1); // the 2022 row
    let third = import.summary().rejected()[2].to_string();
    assert_eq!(
        third,
        format!(
            "date 2023-01-05 in l.se line {} column verdatum is outside fiscal year 2022",
            l + 6
        )
    );
}

#[test]
fn the_follow_up_detects_a_sie_ledger_and_unknown_labels_are_counted() {
    let sie = with_head(
        "#ORGNR 212000-0000\r\n#VER A 1 20230105\r\n{\r\n#TRANS 4010 {1 1100 20 510} 0.01\r\n\
         #RTRANS 4010 {1 1100 20 510} 0.01\r\n#TRANS 4010 {1 1100 20 510} 0.01\r\n\
         #TRANS 1930 {} -0.02\r\n}\r\n",
    );
    let job = FollowUpJob::new(
        YearMonth::try_new(2023, 8).unwrap(),
        ForecastMethod::RunRate,
    );
    let report = job
        .run(
            &sie[..],
            &b"ansvar,verksamhet,konto,budget\n1100,510,4010,1.00\n"[..],
        )
        .unwrap();
    assert_eq!(
        csv_of(&report),
        "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n1100,510,4010,1.00,0.02,0.03,0.97\n"
    );
    assert_eq!(report.ledger_summary().encoding(), TextEncoding::Pc8);
    let mut import = SieImporter::new(&sie[..], SieOptions::new("l.se"));
    import.by_ref().for_each(drop);
    assert_eq!(import.info().skipped_labels.get("#RTRANS"), Some(&1));
    assert_eq!(import.info().skipped_labels.get("#ORGNR"), Some(&1));
    assert_eq!(LedgerFormat::from_path("x.SE"), LedgerFormat::Sie4);
}

fn follow_ups(seed: u64, rows: u64, month: u32) -> (FollowUp, FollowUp) {
    let year = FiscalYear::try_new(2023).unwrap();
    let generator = Generator::new(seed, year);
    let (mut csv, mut sie, mut budget) = (Vec::new(), Vec::new(), Vec::new());
    generator.write_ledger(rows, &mut csv).unwrap();
    generator.write_sie(rows, &mut sie).unwrap();
    generator.write_budget(rows, &mut budget).unwrap();
    let job = FollowUpJob::new(
        YearMonth::try_new(2023, month).unwrap(),
        ForecastMethod::RunRate,
    );
    let from_csv = job
        .clone()
        .with_ledger_format(LedgerFormat::Csv)
        .run(&csv[..], &budget[..])
        .unwrap();
    // Detected from the first bytes (#FLAGGA).
    let from_sie = job.run(&sie[..], &budget[..]).unwrap();
    (from_csv, from_sie)
}

#[test]
fn the_generated_sie_file_is_cp437_with_crlf_and_balanced_vouchers() {
    let mut sie = Vec::new();
    Generator::new(1, FiscalYear::try_new(2023).unwrap())
        .write_sie(17, &mut sie)
        .unwrap();
    assert!(std::str::from_utf8(&sie).is_err()); // "Socialnämnden" in CP437
    assert!(
        sie.windows(2).filter(|w| w == b"\r\n").count()
            == sie.iter().filter(|&&b| b == b'\n').count()
    );
    let text = String::from_utf8_lossy(&sie);
    assert_eq!(text.matches("#VER").count(), 3);
    assert_eq!(text.matches("#TRANS 1930 {}").count(), 3);
    assert!(text.contains("#VER \"A\" 3 2023"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Importing the generated SIE file and the generated CSV file of the
    /// same transactions gives identical follow-up outputs.
    #[test]
    fn sie_and_csv_of_the_same_transactions_give_identical_follow_ups(
        seed in any::<u64>(),
        rows in 0_u64..2_500,
        month in 1_u32..=12,
    ) {
        let (from_csv, from_sie) = follow_ups(seed, rows, month);
        prop_assert_eq!(csv_of(&from_csv), csv_of(&from_sie));
        prop_assert_eq!(from_csv.rows_after_as_of(), from_sie.rows_after_as_of());
        let (c, s) = (from_csv.ledger_summary(), from_sie.ledger_summary());
        prop_assert_eq!((c.rows_read(), c.accepted(), c.total()), (s.rows_read(), s.accepted(), s.total()));
        prop_assert!(c.rejected().is_empty() && s.rejected().is_empty());
        prop_assert!(s.notices().is_empty(), "{:?}", s.notices());
        prop_assert_eq!(s.skipped(), rows.div_ceil(8));
    }
}

// ------------------------------------------------------------- review fixes

/// Every message of `summary`, rejected rows and notices.
fn all_messages(summary: &ImportSummary) -> Vec<String> {
    let mut all = messages(summary.rejected());
    all.extend(messages(summary.notices()));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A personnummer in an object, a text field, an amount, a date, a
    /// voucher's series or a stray line never reaches a message.
    #[test]
    fn no_message_holds_a_personnummer(
        (_, pn) in namnd_core::arbitrary_personnummer_text(
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        ),
    ) {
        let body = format!(
            "#FORMAT \"{pn}\"\r\n#GEN {pn}\r\n#KONTO {pn}x \"a\"\r\n#OBJEKT x{pn} \"{pn}\"\r\n\
             #PSALDO 0 {pn} 4010 {{1 \"{pn}\"}} 1.00\r\n#RES 0 4010 {pn}x\r\n\
             {pn} stray text\r\n\
             #VER \"{pn}\" \"{pn}\" {pn} \"{pn}\"\r\n{{ {pn}\r\n\
             #TRANS 4010 {{1 \"{pn}\" 20 \"x{pn}\"}} 1.00 20230105 \"{pn}\"\r\n\
             #TRANS 4010 {{1 1100 20 510}} {pn}x\r\n\
             #TRANS 4010 {{1 1100 20 510}} 1.00 {pn}\r\n\
             #TRANS 4010 {{1 \"{pn}\x01\" 20 510}} 1.00\r\n\
             #TRANS 4010 {{1 1100 20 510 {pn}}} 1.00\r\n\
             #TRANS {pn} {{}} 1.00\r\n#TRANS x{pn} {{}} 1.00\r\n\
             #VER A 2 20230105\r\n{{\r\n#TRANS 4010 {{1 1100 {pn} 510}} 1.00\r\n}}\r\n\
             #VER \"{pn}\" 3 20230105\r\n{{\r\n#TRANS 4010 {{1 1100}} 1.00\r\n"
        );
        let (_, summary) = import(&with_head(body));
        let all = all_messages(&summary);
        prop_assert!(all.len() >= 12, "{all:#?}");
        for message in &all {
            prop_assert!(!message.contains(&pn), "{message}");
            prop_assert_eq!(namnd_core::redact_identity_numbers(message), message.as_str());
        }
    }
}

#[test]
fn windows_1252_text_in_a_pc8_file_gets_one_notice() {
    // "Äldreomsorg" and "Hemtjänst" written in Windows-1252.
    let (rows, summary) = import(&with_head(
        b"#OBJEKT 1 \"1300\" \"\xC4ldreomsorg\"\r\n#OBJEKT 20 \"520\" \"Hemtj\xE4nst\"\r\n",
    ));
    assert!(rows.is_empty());
    assert_eq!(
        messages(summary.notices()),
        [format!(
            "#OBJEKT in l.se line {} is malformed: it holds \"─\" (byte 0xc4, \"Ä\" in windows-1252): \
             the file looks like windows-1252 although it is read as pc8 (cp437), so its å ä ö are read wrongly",
            HEAD_LINES + 1
        )]
    );
    // Real PC8 text (Ä = 0x8E, ä = 0x84) gets none.
    let (_, summary) = import(&with_head(
        b"#OBJEKT 1 \"1300\" \"\x8Eldreomsorg Hemtj\x84nst\"\r\n",
    ));
    assert!(summary.notices().is_empty());
    // Each of å ä ö Å Ä Ö in Windows-1252 is noticed.
    for byte in [0xE5_u8, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6] {
        let (_, summary) = import(&with_head(
            [&b"#FNAMN \"x"[..], &[byte], b"\"\r\n"].concat(),
        ));
        assert_eq!(summary.notices().len(), 1, "{byte:#x}");
    }
}

#[test]
fn an_overlong_line_is_reported_and_reading_resumes_at_the_next_line() {
    let long = "x".repeat(namnd_budget::sie::MAX_LINE_BYTES);
    let body = format!(
        "#VER A 1 20230105\r\n{{\r\n#TRANS 4010 {{1 1100 20 510}} 1.00 20230105 \"{long}\"\r\n\
         #TRANS 4010 {{1 1100 20 510}} 2.00\r\n#TRANS 1930 {{}} -2.00 20230105 \"{long}\"\r\n}}\r\n\
         #PROSA \"{long}\"\r\n#TRANS 4010 {{1 1100 20 510}} 3.00\r\n"
    );
    let (rows, summary) = import(&with_head(body));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].amount, Amount::from_kr(2));
    let l = HEAD_LINES;
    let too_long = "is longer than 1048576 bytes; it is skipped";
    assert_eq!(
        messages(summary.rejected()),
        [
            format!("#TRANS in l.se line {} is malformed: it {too_long}", l + 3),
            format!(
                "#TRANS in l.se line {} is malformed: it stands outside a voucher's {{ }}",
                l + 8
            ),
        ]
    );
    assert_eq!(
        messages(summary.notices()),
        [
            format!("#TRANS in l.se line {} is malformed: it {too_long}", l + 5),
            format!("#PROSA in l.se line {} is malformed: it {too_long}", l + 7),
        ]
    );
    // The voucher's balance is unknown: no unbalanced-voucher notice.
    assert_eq!(
        (summary.rows_read(), summary.accepted(), summary.skipped()),
        (3, 1, 1)
    );
}

#[test]
fn balances_can_be_left_out_and_skipped_labels_are_capped() {
    let mut body =
        String::from("#PSALDO 0 202303 4010 {} 1.00\r\n#PBUDGET 0 202303 4010 {} 2.00\r\n");
    for i in 0..100 {
        body.push_str(&format!("#X{i} 1\r\n#X{i} 2\r\n"));
    }
    let bytes = with_head(body);
    let mut import = SieImporter::new(&bytes[..], SieOptions::new("l.se"));
    import.by_ref().for_each(drop);
    assert_eq!(import.info().balances.len(), 2);
    let cap = namnd_budget::sie::MAX_SKIPPED_LABELS;
    assert_eq!(import.info().skipped_labels.len(), cap);
    assert!(import.info().skipped_labels.values().all(|&n| n == 2));
    assert_eq!(
        import.info().skipped_other_lines,
        2 * (100 - u64::try_from(cap).unwrap())
    );
    let mut import = SieImporter::new(&bytes[..], SieOptions::new("l.se").with_balances(false));
    import.by_ref().for_each(drop);
    assert!(import.info().balances.is_empty());
    assert!(import.into_summary().notices().is_empty());
}

#[test]
fn a_broken_fiscal_year_is_named_in_a_notice() {
    let sie = b"#RAR 0 20230701 20240630\r\n#RAR -1 20220701 20230630\r\n";
    let (_, summary) = import(sie);
    assert_eq!(
        messages(summary.notices()),
        [
            "#RAR in l.se line 1 is malformed: fiscal year 0 from 2023-07-01 to 2024-06-30 is not a \
          calendar year; a follow-up uses calendar years and rejects rows outside the one it is run for"
        ]
    );
    let (_, summary) = import(b"#RAR 0 20230101 20231231\r\n");
    assert!(summary.notices().is_empty());
}

#[test]
fn sie_files_are_told_from_csv_by_their_first_item() {
    use namnd_budget::sie::looks_like_sie;
    for sie in [
        &b"#FLAGGA 0\r\n"[..],
        b"#PROGRAM \"Visma\" 1\n",
        b"#FORMAT PC8",
        b"\xEF\xBB\xBF#SIETYP 4\r\n",
        b"\r\n\r\n \t#FLAGGA 0\r\n",
        b"#VER A 1 20230101\n",
    ] {
        assert!(looks_like_sie(sie), "{}", String::from_utf8_lossy(sie));
    }
    for other in [
        &b""[..],
        b"\r\n  \n",
        b"datum,ansvar,verksamhet,konto,belopp\n",
        b"Datum;Ansvar;Verksamhet;Konto;Belopp\r\n#FLAGGA 0\r\n",
        b"#ansvar,verksamhet\n",
        b"#ANSVAR;KONTO\n",
        b"#FLAGGAN 0\n",
        b"#\n",
        b"flagga #FLAGGA\n",
    ] {
        assert!(!looks_like_sie(other), "{}", String::from_utf8_lossy(other));
    }
}

#[test]
fn numbered_rows_carry_the_line_of_their_trans_in_the_file() {
    let bytes = with_head(
        "#VER \"A\" 1 20230131\r\n{\r\n\
         #TRANS 1930 {} -140.00\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"} x\r\n\
         #TRANS 4010 {1 \"1100\" 20 \"510\"} 100.00\r\n\
         #TRANS 3010 {1 \"1200\" 20 \"510\"} 40.00\r\n}\r\n",
    );
    let mut import = SieImporter::new(&bytes[..], SieOptions::new("l.se"));
    let rows: Vec<(u64, LedgerRow)> = import.numbered().collect::<Result<Vec<_>, _>>().unwrap();
    // The head, #VER, {, the bank row and the malformed row come first: not
    // the ordinals 1 and 2 among the accepted rows.
    let lines: Vec<(u64, &str)> = rows
        .iter()
        .map(|(line, row)| (*line, row.ansvar.as_str()))
        .collect();
    assert_eq!(lines, [(HEAD_LINES + 5, "1100"), (HEAD_LINES + 6, "1200")]);
    let summary = import.into_summary();
    assert_eq!(summary.rejected()[0].line(), Some(HEAD_LINES + 4));
    assert_eq!((summary.rows_read(), summary.accepted()), (3, 2));
}

// ------------------------------------------------- reading in place or not

/// A reader that hands out its bytes in the given piece sizes, in turn; a
/// size of 0 is an `Interrupted` error (which a reader may always return).
struct Pieces<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    turn: usize,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.turn % self.sizes.len()];
        self.turn += 1;
        if size == 0 {
            return Err(std::io::ErrorKind::Interrupted.into());
        }
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Rows with their lines, every message, and the counts of an import.
fn everything(import: &mut SieImporter<impl std::io::Read>) -> (Vec<String>, Vec<String>, String) {
    let rows = import
        .numbered()
        .map(|row| match row {
            Ok((line, row)) => format!("{line}: {row:?}"),
            Err(error) => format!("error: {error}"),
        })
        .collect();
    let summary = import.summary();
    let counts = format!(
        "{} {} {} {} {:?}",
        summary.rows_read(),
        summary.accepted(),
        summary.rejected_count(),
        summary.skipped(),
        summary.total()
    );
    (rows, all_messages(summary), counts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Lines are read in place in the reader's buffer when they lie whole in
    /// it and copied otherwise: reading the same bytes in pieces of any size,
    /// with interruptions, and lines longer than the buffer gives the same
    /// rows, line numbers, messages and counts as reading them at once.
    #[test]
    fn reading_in_pieces_gives_the_same_import_as_reading_at_once(
        seed in any::<u64>(),
        rows in 0_u64..200,
        sizes in proptest::collection::vec(0_usize..300, 1..8),
        long in 0_usize..3,
    ) {
        prop_assume!(sizes.iter().any(|&size| size > 0));
        let mut sie = Vec::new();
        Generator::new(seed, FiscalYear::try_new(2023).unwrap())
            .write_sie(rows, &mut sie)
            .unwrap();
        // A voucher with a malformed row, a transtext longer than the
        // reader's 64 KiB buffer, a stray line and no final line break.
        let text = "x".repeat(long * 40_000);
        sie.extend_from_slice(
            format!(
                "#VER B 1 20230301\r\n{{\r\n#TRANS 4010 {{1 1100 20 510}} 1,5\r\n\
                 #TRANS 4010 {{1 1100 20 510}} 2.00 20230302 \"{text}\"\r\n\
                 stray\r\n#TRANS 1930 {{}} -2.00\r\n}}"
            )
            .as_bytes(),
        );
        let mut at_once = SieImporter::new(&sie[..], SieOptions::new("l.se"));
        let mut in_pieces = SieImporter::new(
            Pieces { data: &sie, sizes, turn: 0 },
            SieOptions::new("l.se"),
        );
        let expected = everything(&mut at_once);
        prop_assert!(expected.0.len() as u64 >= rows.min(1));
        prop_assert_eq!(everything(&mut in_pieces), expected);
    }
}
