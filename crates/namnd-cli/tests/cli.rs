//! End-to-end tests of the `namnd` command (assert_cmd), with snapshots (insta).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn namnd() -> Command {
    let mut cmd = Command::cargo_bin("namnd").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = namnd().args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// ------------------------------------------------------------------ --help

const COMMANDS: &[&[&str]] = &[
    &[],
    &["followup"],
    &["check"],
    &["evb"],
    &["evb", "quarter"],
    &["kpi"],
    &["kpi", "continuity"],
    &["import"],
    &["import", "sie"],
    &["schema"],
    &["demo"],
    &["report"],
];

#[test]
fn every_command_has_help_with_an_example() {
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let name = if command.is_empty() {
            "help".to_owned()
        } else {
            format!("help-{}", command.join("-"))
        };
        insta::assert_snapshot!(name, r.stdout);
        // Leaf commands and the top level show an example in their long help.
        if !matches!(*command, ["evb"] | ["kpi"] | ["import"]) {
            assert!(r.stdout.contains("Example"), "{args:?} has no example");
        }
    }
}

// ------------------------------------------------------------- exit codes

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).code, 2);
    assert_eq!(run(&["no-such-command"]).code, 2);
    assert_eq!(run(&["check", "--rules", "x.toml"]).code, 2); // neither TABLE nor --text
    assert_eq!(run(&["evb", "quarter", "x.csv"]).code, 2); // --quarter missing
}

#[test]
fn a_missing_input_file_exits_2_naming_the_file() {
    let r = run(&[
        "check",
        "tests/fixtures/no-such-table.csv",
        "--rules",
        "tests/fixtures/flen-november-2023.toml",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("namnd: tests/fixtures/no-such-table.csv: "),
        "{}",
        r.stderr
    );
}

#[test]
fn malformed_input_exits_2_naming_file_and_line_of_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.csv");
    std::fs::write(&table, "Rad;A;B;C\nx;1;2;3\ny;1;zwei;3\nz;1;2;drei\n").unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(&rules, "[[row_rule]]\ncolumn = \"C\"\nequals = \"A + B\"\n").unwrap();
    let r = run(&[
        "check",
        table.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].contains("t.csv:3: row \"y\", column \"B\": \"zwei\" is not a number"),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("t.csv:4: "), "{}", lines[1]);
}

#[test]
fn a_bad_rule_names_the_rules_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        "# comment\n[[row_rule]]\ncolumn = \"Resultat\"\nequals = \"Anslag + Intäkter\"\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "tests/fixtures/oxelosund-2021.csv",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("r.toml:2: row_rule 1: no column named \"Intäkter\""),
        "{}",
        r.stderr
    );

    std::fs::write(
        &rules,
        "[[row_rule]]\ncolumn = \"Resultat\"\nequls = \"Anslag\"\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "tests/fixtures/oxelosund-2021.csv",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("r.toml:3: "), "{}", r.stderr);

    std::fs::write(&rules, "[[total]]\nrow = \"Summa\"\n").unwrap();
    let r = run(&[
        "check",
        "tests/fixtures/oxelosund-2021.csv",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("r.toml:1: total 1: "), "{}", r.stderr);
}

// ------------------------------------------------------------------ check

#[test]
fn check_finds_flen_november_2023_row_error_and_exits_1() {
    let r = run(&[
        "check",
        "tests/fixtures/flen-november-2023.csv",
        "--rules",
        "tests/fixtures/flen-november-2023.toml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = json(&r.stdout);
    let errors: Vec<&Value> = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["class"] == "error")
        .collect();
    // −1 637 − 3 095 = −4 732, printed −4 735; the Resultat total is off by the same 3.
    let row_error = errors.iter().find(|f| f["rule"] == "row_rule 1").unwrap();
    assert_eq!(row_error["row"], "Övriga kostnader");
    assert_eq!(row_error["column"], "Avvikelse 2023 jan–nov");
    assert_eq!(row_error["stated"], "-4735");
    assert_eq!(row_error["expected"], "-4732");
    assert_eq!(row_error["difference"], "-3");
    assert_eq!(row_error["suggested_value"], "-4732");
    assert_eq!(out["summary"]["errors"], 2);
    assert_eq!(out["summary"]["rounding"], 2);
    insta::assert_json_snapshot!("check-flen-json", out);
}

#[test]
fn check_table_format_prints_swedish_numbers_and_the_suggestion() {
    let r = run(&[
        "check",
        "tests/fixtures/flen-november-2023.csv",
        "--rules",
        "tests/fixtures/flen-november-2023.toml",
    ]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("check-flen-table", r.stdout);
    assert!(r.stdout.contains("stated -4 735, expected -4 732"));
}

#[test]
fn check_csv_format_has_one_line_per_finding() {
    let r = run(&[
        "check",
        "tests/fixtures/flen-november-2023.csv",
        "--rules",
        "tests/fixtures/flen-november-2023.toml",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 1 + 4);
    assert!(lines[0].starts_with("table,rule,row,column,class,stated,expected"));
    assert!(lines.iter().any(|l| l.contains("row_rule 1,Övriga kostnader,Avvikelse 2023 jan–nov,error,-4735,-4732,-3,1,Övriga kostnader,Avvikelse 2023 jan–nov,-4732")));
}

#[test]
fn check_oxelosund_2021_result_table_has_no_errors() {
    let r = run(&[
        "check",
        "tests/fixtures/oxelosund-2021.csv",
        "--rules",
        "tests/fixtures/oxelosund-2021.toml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["summary"]["errors"], 0);
    // 16 rows × 1 relation + 4 columns × 1 total.
    assert_eq!(out["summary"]["evaluated"], 20);
    for finding in out["findings"].as_array().unwrap() {
        assert_eq!(finding["class"], "rounding");
    }
}

#[test]
fn check_text_splits_oxelosund_pdf_rows_including_the_ambiguous_integration_row() {
    let r = run(&[
        "check",
        "--text",
        "tests/fixtures/oxelosund-2021.txt",
        "--columns",
        "4",
        "--rules",
        "tests/fixtures/oxelosund-2021.toml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["summary"]["evaluated"], 20);
    assert_eq!(out["summary"]["errors"], 0);
}

#[test]
fn check_text_finds_flen_row_error_in_pdf_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("flen.txt");
    // flen-von-namndplan-2024.txt lines 1186-1194, as extracted.
    std::fs::write(
        &text,
        "Intäkter 3 312 3 607 4 580 973\n\
         Personalkostnader −38 475 -41 459 -45 727 -4 267\n\
         Lokalkostnader -6 382 -7 667 -7 299 367\n\
         Övriga kostnader −1 355 3 095 -1 637 -4 735\n\
         Resultat -42 900 -42 424 -50 083 -7 659\n",
    )
    .unwrap();
    let rules = dir.path().join("flen.toml");
    std::fs::write(
        &rules,
        "columns = [\"Utfall 2022\", \"Budget\", \"Utfall\", \"Avvikelse\"]\n\
         [[row_rule]]\ncolumn = \"Avvikelse\"\nequals = \"Utfall - Budget\"\n\
         [[total]]\nrow = \"Resultat\"\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "--text",
        text.to_str().unwrap(),
        "--columns",
        "4",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["table"], "flen");
    let finding = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["class"] == "error" && f["rule"] == "row_rule 1")
        .unwrap();
    assert_eq!(finding["row"], "Övriga kostnader");
    assert_eq!(finding["suggested_value"], "-4732");
}

#[test]
fn check_percent_rows_list_of_and_total_columns_restrict_what_is_checked() {
    let r = run(&[
        "check",
        "tests/fixtures/andelar.csv",
        "--rules",
        "tests/fixtures/andelar.toml",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = json(&r.stdout);
    let findings: Vec<(&str, &str, &str, &str, &str, &str)> = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["row"].as_str().unwrap(),
                f["column"].as_str().unwrap(),
                f["stated"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
                f["class"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            // [[total]] of = [the four units], columns = ["Budget"]:
            // 1 000 + 2 000 + 500 + 300 = 3 800, not 3 900; Utfall 3 760 is not checked.
            ("total 2", "Totalt", "Budget", "3900", "3800", "error"),
            // [[percent]]: 10 / 20 x 100 = 50, printed 55,0.
            ("percent 1", "Öster", "Andel", "55", "50", "error"),
            // 67 / 95 x 100 = 70,526..., printed 70,5: within the printed precision.
            (
                "percent 1",
                "Totalt",
                "Andel",
                "70.5",
                "70.526315789473684210526315789",
                "rounding"
            ),
        ]
    );
    // No single cell fixes both errors.
    assert!(out["findings"][0].get("suggested_value").is_none());
    // rows = ["Norr", "Söder"]: Väster's wrong Avvikelse (-60, not -50) is not
    // checked; the Summa row's Andel is empty (unchecked, not an error) and its
    // Avvikelse (5) is in neither the row rule's rows nor the total's columns.
    // Evaluated: percent 5 rows + row rule 2 + Summa 4 columns + Totalt 1 = 12.
    assert_eq!(out["summary"]["evaluated"], 12);
    assert_eq!(out["summary"]["errors"], 2);
    assert_eq!(out["summary"]["rounding"], 1);
    assert_eq!(out["unchecked"].as_array().unwrap().len(), 1);
    assert_eq!(out["unchecked"][0]["row"], "Summa Norr+Söder");
    assert_eq!(out["unchecked"][0]["column"], "Andel");
}

#[test]
fn check_explicit_tolerance_turns_a_small_error_into_rounding() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.toml");
    std::fs::write(
        &rules,
        "tolerance = \"3\"\n[[row_rule]]\ncolumn = \"Avvikelse 2023 jan–nov\"\nequals = \"Utfall 2023 jan–nov - Budget 2023 jan–nov\"\n",
    )
    .unwrap();
    let r = run(&[
        "check",
        "tests/fixtures/flen-november-2023.csv",
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(json(&r.stdout)["summary"]["errors"], 0);
}

// --------------------------------------------------------------- followup

/// A small ledger: 2022 history and 2023 outcome, a malformed row, a row
/// after the as-of month.
fn followup_files(dir: &Path) -> (String, String) {
    let ledger = dir.join("ledger.csv");
    std::fs::write(
        &ledger,
        "datum,ansvar,verksamhet,konto,belopp\n\
         2022-01-15,1100,510,4010,100.00\n\
         2022-06-15,1100,510,4010,100.00\n\
         2022-12-15,1100,510,4010,200.00\n\
         2023-01-10,1100,510,4010,0.01\n\
         2023-02-10,1100,510,4010,120.00\n\
         2023-03-01,1100,510,3010,-50.00\n\
         2023-09-01,1100,510,4010,5.00\n\
         2023-04-01,1100,510,4010,x\n",
    )
    .unwrap();
    let budget = dir.join("budget.csv");
    std::fs::write(
        &budget,
        "ansvar,verksamhet,konto,budget\n1100,510,4010,1200.00\n1100,520,4010,500.00\n",
    )
    .unwrap();
    (
        ledger.to_str().unwrap().to_owned(),
        budget.to_str().unwrap().to_owned(),
    )
}

fn followup(method: &str, format: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, budget) = followup_files(dir.path());
    run(&[
        "followup", "--ledger", &ledger, "--budget", &budget, "--as-of", "2023-08", "--method",
        method, "--format", format,
    ])
}

#[test]
fn followup_run_rate_is_the_contract_csv() {
    let r = followup("run-rate", "csv");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // utfall 0.01 + 120.00 = 120.01 by August: 120.01 × 12 / 8 = 180.015 → 180.02.
    assert_eq!(
        r.stdout,
        "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n\
         1100,510,3010,0.00,-50.00,-75.00,75.00\n\
         1100,510,4010,1200.00,120.01,180.02,1019.98\n\
         1100,520,4010,500.00,0.00,0.00,500.00\n"
    );
    // The malformed row is reported with file and line; the rest is used.
    assert!(r.stderr.contains("ledger.csv:9: "), "{}", r.stderr);
    assert!(
        r.stderr.contains("8 rows read, 7 accepted, 1 rejected"),
        "{}",
        r.stderr
    );
}

#[test]
fn followup_threads_change_nothing_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, budget) = followup_files(dir.path());
    let with = |threads: &str| {
        run(&[
            "followup",
            "--ledger",
            &ledger,
            "--budget",
            &budget,
            "--as-of",
            "2023-08",
            "--threads",
            threads,
        ])
    };
    let one = with("1");
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(
        one.stdout
            .contains("1100,510,4010,1200.00,120.01,180.02,1019.98")
    );
    for threads in ["2", "8"] {
        let several = with(threads);
        assert_eq!(
            (several.code, &several.stdout, &several.stderr),
            (one.code, &one.stdout, &one.stderr)
        );
    }
}

#[test]
fn followup_remaining_budget_adds_the_budget_of_the_remaining_months() {
    let r = followup("remaining-budget", "csv");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 4010: 120.01 + 1 200 × 4/12 = 520.01; 520/4010: 0 + 500 × 4/12 = 166.666… → 166.67.
    assert_eq!(
        r.stdout,
        "ansvar,verksamhet,konto,budget,utfall,prognos,avvikelse\n\
         1100,510,3010,0.00,-50.00,-50.00,50.00\n\
         1100,510,4010,1200.00,120.01,520.01,679.99\n\
         1100,520,4010,500.00,0.00,166.67,333.33\n"
    );
}

#[test]
fn followup_prior_year_uses_last_years_profile_and_names_lines_without_history() {
    let r = followup("prior-year", "json");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["method"], "prior-year");
    // 2022: 400 in all, 200 by August (s = 0,5): 120.01 / 0.5 = 240.02.
    let row = &out["rows"][1];
    assert_eq!(
        (row["konto"].as_str(), row["prognos"].as_str()),
        (Some("4010"), Some("240.02"))
    );
    assert_eq!(row["avvikelse"], "959.98");
    // 3010 has no 2022 outcome: run rate −50 × 12 / 8 = −75, and said so.
    assert_eq!(out["rows"][0]["prognos"], "-75.00");
    assert_eq!(out["fallbacks"].as_array().unwrap().len(), 2);
    assert!(r.stderr.contains("1100/510/3010"), "{}", r.stderr);
}

#[test]
fn followup_bad_as_of_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, budget) = followup_files(dir.path());
    let r = run(&[
        "followup", "--ledger", &ledger, "--budget", &budget, "--as-of", "2023-13",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("namnd: --as-of 2023-13: "),
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------ evb quarter

#[test]
fn evb_quarter_reports_the_fixture_and_rejects_a_personnummer_without_echoing_it() {
    let r = run(&[
        "evb",
        "quarter",
        "tests/fixtures/evb-2024.csv",
        "--quarter",
        "2024Q1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["quarter"], "2024Q1");
    assert_eq!(out["period_end"], "2024-03-31");
    let reports: Vec<(&str, &str)> = out["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    // B1: decided 2023-11-30, deadline 2024-02-29 (clamped), declined offer does not end
    // reporting; B3: deadline 2024-01-02, executed 2024-02-15 (late, in the quarter);
    // B2: executed on its deadline day; B4: in time; B5: deadline in Q2.
    assert_eq!(reports, [("B1", "unexecuted"), ("B3", "executed")]);
    assert_eq!(out["reports"][0]["deadline"], "2024-02-29");
    assert_eq!(out["reports"][0]["days_waiting"], 122);
    assert_eq!(out["statistics"]["unexecuted_decisions"], 1);
    assert_eq!(out["statistics"]["unexecuted_persons"], 1);
    assert!(
        r.stderr
            .contains("tests/fixtures/evb-2024.csv:7: column person: "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("6 rows read, 5 accepted, 1 rejected"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("19121212"));
    assert!(!r.stdout.contains("19121212") && !r.stdout.contains("p-01"));
}

#[test]
fn evb_quarter_prints_events_left_out_of_a_kept_decision_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evb.csv");
    std::fs::write(
        &file,
        "id,person,lag,insats,beslutsdatum,kon,fodelsear,erbjudandedatum,tackat_nej_datum,verkstalldatum,avbrottsdatum,aterupptagetdatum,avslutsdatum,avslutsorsak\n\
         B1,p-01,SoL,hemtjänst,2023-10-02,K,1941,,,2024-13-01,,,,\n",
    )
    .unwrap();
    let r = run(&[
        "evb",
        "quarter",
        file.to_str().unwrap(),
        "--quarter",
        "2024Q1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The decision is kept: without its (unreadable) execution date it is
    // unexecuted, deadline 2024-01-02.
    let out = json(&r.stdout);
    assert_eq!(out["reports"][0]["id"], "B1");
    assert_eq!(out["reports"][0]["kind"], "unexecuted");
    let expected = format!("namnd: {}:2: column verkstalldatum: ", file.display());
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
    assert!(
        r.stderr.contains("(left out; the decision is kept)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("events left out of accepted decisions: 1 (InvalidDate 1)"),
        "{}",
        r.stderr
    );
}

#[test]
fn evb_quarter_rejects_a_malformed_quarter() {
    let r = run(&[
        "evb",
        "quarter",
        "tests/fixtures/evb-2024.csv",
        "--quarter",
        "2024Q5",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("namnd: --quarter: "), "{}", r.stderr);
}

// --------------------------------------------------------- kpi continuity

#[test]
fn kpi_continuity_on_the_fixture() {
    let r = run(&[
        "kpi",
        "continuity",
        "tests/fixtures/besok-2026-10.csv",
        "--from",
        "2026-10-05",
        "--unit-column",
        "enhet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    // A met p1, p2, p3 (3); B met p4–p7 (4; 07:00 and 21:59 count, the 23:00 alarm not).
    // C is under 65, D has one visit a day on five days only, E's row is rejected.
    assert_eq!(out["included"], 2);
    assert_eq!(out["mean"], "3.50");
    assert_eq!(out["median"], "3.50");
    assert_eq!(out["excluded"]["under_65"], 1);
    assert_eq!(out["excluded"]["too_few_visits_on_some_day"], 1);
    assert_eq!(out["by_unit"]["Norr"]["mean"], "3.00");
    assert_eq!(out["by_unit"]["Söder"]["mean"], "4.00");
    assert!(
        r.stderr.contains("besok-2026-10.csv:105: column start: "),
        "{}",
        r.stderr
    );
}

#[test]
fn kpi_continuity_rejects_a_malformed_from_date() {
    let r = run(&[
        "kpi",
        "continuity",
        "tests/fixtures/besok-2026-10.csv",
        "--from",
        "2026-10-32",
    ]);
    assert_eq!(r.code, 2);
}

// ------------------------------------------------------------- import sie

#[test]
fn import_sie_on_a_file_that_is_not_sie_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("budget.csv");
    std::fs::write(&path, "ansvar,verksamhet,konto,budget\n1100,510,4010,100\n").unwrap();
    let r = run(&["import", "sie", path.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(
        r.stderr,
        format!(
            "namnd: {}: is not a SIE file: it has neither #SIETYP nor #FLAGGA\n",
            path.display()
        )
    );
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn import_sie_on_a_sie_header_without_data_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tom.se");
    std::fs::write(&path, "#FLAGGA 0\r\n#SIETYP 4\r\n").unwrap();
    let r = run(&["import", "sie", path.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with(&format!("namnd: {}: holds no SIE data", path.display())),
        "{}",
        r.stderr
    );
}

#[test]
fn import_sie_summarises_a_file_and_names_an_unbalanced_voucher() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huvudbok.se");
    let sie: &[u8] = b"#FLAGGA 0\r\n#PROGRAM \"Ekonomi\" 4.2\r\n#FORMAT PC8\r\n#SIETYP 4\r\n\
#FNAMN \"Exempelkommun Socialn\x84mnden\"\r\n#RAR 0 20230101 20231231\r\n\
#DIM 1 \"Ansvar\"\r\n#DIM 20 \"Verksamhet\"\r\n\
#OBJEKT 1 \"1100\" \"\x8Eldreomsorg\"\r\n#OBJEKT 20 \"510\" \"Hemtj\x84nst\"\r\n\
#KONTO 1930 \"Bank\"\r\n#KONTO 4010 \"Material\"\r\n\
#VER \"A\" 1 20230131 \"\"\r\n{\r\n#TRANS 4010 {1 \"1100\" 20 \"510\"} 1250.50\r\n#TRANS 1930 {} -1250.50\r\n}\r\n\
#VER \"A\" 2 20230228 \"\"\r\n{\r\n#TRANS 4010 {1 \"1100\" 20 \"510\"} 100.00\r\n#TRANS 1930 {} -99.00\r\n}\r\n";
    std::fs::write(&path, sie).unwrap();
    let r = run(&["import", "sie", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json(&r.stdout);
    assert_eq!(out["company"], "Exempelkommun Socialnämnden");
    assert_eq!(out["fiscal_years"][0]["start"], "2023-01-01");
    assert_eq!(out["accounts"], 2);
    assert_eq!(out["dimensions"][0]["objects"], 1);
    assert_eq!(out["vouchers"], 2);
    assert_eq!(out["transactions_accepted"], 2);
    assert_eq!(out["transactions_skipped"], 2);
    assert_eq!(out["balance_check"]["balanced"], false);
    assert_eq!(out["balance_check"]["unbalanced_vouchers"], 1);
    assert!(r.stderr.contains("huvudbok.se:18: "), "{}", r.stderr);

    let r = run(&["import", "sie", path.to_str().unwrap()]);
    assert!(
        r.stdout
            .contains("company:       Exempelkommun Socialnämnden"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("balance check: 1 unbalanced vouchers"),
        "{}",
        r.stdout
    );
}

// ----------------------------------------------------------------- schema

#[test]
fn schema_lists_names_and_prints_each_schema() {
    let r = run(&["schema"]);
    assert_eq!(r.code, 0);
    let names: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    for required in ["check", "continuity", "evb-quarter", "followup"] {
        assert!(names.iter().any(|n| n == required), "{names:?}");
    }
    for name in &names {
        let r = run(&["schema", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let schema = json(&r.stdout);
        assert!(schema.get("$schema").is_some(), "{name}");
    }
    let check = json(&run(&["schema", "check"]).stdout);
    assert!(check["properties"]["findings"].is_object());
    assert!(check["properties"]["summary"].is_object());
    assert_eq!(run(&["schema", "nonsense"]).code, 2);
}
