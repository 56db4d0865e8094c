//! No personal identity number in any output, and keyed pseudonyms.
//!
//! | Test | What |
//! |---|---|
//! | `demo_outputs_hold_no_identity_number` | `namnd demo`: report.md, .html, .json, .xlsx (every cell, via calamine), stdout, stderr |
//! | `test_dataset_outputs_hold_no_identity_number` | `evb quarter`, `kpi continuity`, `followup`, `check`, `report` on the test fixtures and the demo dataset, every format |
//! | `pseudonyms_*`, `the_key_*` | `namnd_core::Pseudonym::of`: stable under one key, unlinkable under another, no key material in Debug/Display |
//!
//! Two detectors look at every output: [`identity_numbers`], written here from
//! the description (a personnummer or samordningsnummer with or
//! without century and separator), independent of namnd-core's, and
//! `namnd_core::redact_identity_numbers` (a `Cow::Owned` result is a hit).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::xlsx_text;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use namnd_core::{Personnummer, Pseudonym, PseudonymKey};

// ------------------------------------------------------------ the detector

/// Separators a personnummer is written with: `-` before and `+` after the
/// 100th birthday, and what word processors and PDF copies make of the hyphen
/// (a space of any width, an en dash, a minus sign).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '+' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2013}' | '\u{2212}'
    )
}

/// Whether `date` (`YYMMDD` or `YYYYMMDD`, ASCII digits) is shaped like the
/// birth date of a personnummer (day 01–31) or a samordningsnummer (day + 60,
/// 61–91). A century, when written, is 18, 19 or 20.
fn is_birth_date(date: &str) -> bool {
    let digits: Vec<u32> = date.chars().filter_map(|c| c.to_digit(10)).collect();
    let (century_ok, rest) = match digits.len() {
        6 => (true, &digits[..]),
        8 => {
            let century = digits[0] * 10 + digits[1];
            ((18..=20).contains(&century), &digits[2..])
        }
        _ => return false,
    };
    let month = rest[2] * 10 + rest[3];
    let day = rest[4] * 10 + rest[5];
    century_ok && (1..=12).contains(&month) && ((1..=31).contains(&day) || (61..=91).contains(&day))
}

/// Every substring of `text` shaped like a personnummer or samordningsnummer:
/// `YYMMDD` or `YYYYMMDD` with a plausible date, then a separator or none,
/// then four digits, with no digit directly before or after. The check digit
/// is not looked at: a mistyped number is personal data too.
fn identity_numbers(text: &str) -> Vec<String> {
    // Runs of ASCII digits with their char positions.
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().enumerate() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, chars.len()));
    }
    let slice = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    let mut hits = Vec::new();
    for (k, &(from, to)) in runs.iter().enumerate() {
        let len = to - from;
        // Without a separator: 10 or 12 digits.
        if len == 10 || len == 12 {
            let date = slice(from, to - 4);
            if is_birth_date(&date) {
                hits.push(slice(from, to));
            }
        }
        // With one: 6 or 8 digits, one separator, 4 digits.
        if (len == 6 || len == 8)
            && let Some(&(next_from, next_to)) = runs.get(k + 1)
            && next_from == to + 1
            && next_to - next_from == 4
            && is_separator(chars[to])
            && is_birth_date(&slice(from, to))
        {
            hits.push(slice(from, next_to));
        }
    }
    hits
}

/// Fails when `text` holds anything either detector finds.
fn assert_no_identity_number(what: &str, text: &str) {
    let hits = identity_numbers(text);
    assert!(hits.is_empty(), "{what} holds {hits:?}");
    if let Cow::Owned(masked) = namnd_core::redact_identity_numbers(text) {
        panic!("{what}: namnd_core::redact_identity_numbers masks something:\n{masked}");
    }
}

#[test]
fn the_detector_finds_every_form_of_the_test_number() {
    // The Tax Agency's test number 19121212-1212, in every way it is written.
    for text in [
        "19121212-1212",
        "121212-1212",
        "121212+1212",
        "1212121212",
        "191212121212",
        "121212 1212",
        "19121212\u{2013}1212",
        "121212\u{2212}1212",
        "person: 19121212-1212.",
        "id=1212121212;",
    ] {
        assert_eq!(identity_numbers(text).len(), 1, "{text}");
    }
    // A samordningsnummer has day + 60 (check digit deliberately wrong).
    assert_eq!(identity_numbers("121272-1210"), ["121272-1210"]);
    assert_eq!(identity_numbers("191212721210"), ["191212721210"]);
}

#[test]
fn the_detector_leaves_amounts_dates_and_pseudonyms_alone() {
    for text in [
        "2 154 718 tkr",
        "118400000.00",
        "1200000000.00",
        "2026-03-02",
        "2026-03-02T07:40",
        "19360000-T405",
        "p-vvss2750",
        "20261005",
        "1234567890123",
        "121299-1212",
        "121312-1212",
        "9f708bad322fcf57615f64f007596dfd4e62741b341ec76de8e78bf669816dcf",
        "U21401",
    ] {
        assert!(identity_numbers(text).is_empty(), "{text}");
    }
}

// ------------------------------------------------------------ running namnd

fn cli_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo_dataset() -> PathBuf {
    cli_dir().join("../namnd-report/demo")
}

/// Runs `namnd args` and returns (exit code, stdout, stderr).
fn namnd(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .current_dir(cli_dir())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `namnd args` and scans stdout and stderr.
fn scan_run(args: &[&str]) {
    let (code, stdout, stderr) = namnd(args);
    assert_ne!(code, 101, "namnd {args:?} panicked: {stderr}");
    assert!(
        code == 0 || code == 1,
        "namnd {args:?} exit {code}: {stderr}"
    );
    assert!(!stdout.is_empty(), "namnd {args:?} printed nothing");
    assert_no_identity_number(&format!("stdout of namnd {}", args.join(" ")), &stdout);
    assert_no_identity_number(&format!("stderr of namnd {}", args.join(" ")), &stderr);
}

/// Scans the four reports written into `dir`.
fn scan_reports(dir: &Path, what: &str) {
    for file in ["report.md", "report.html", "report.json"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.len() > 100, "{what}: {file} is nearly empty");
        assert_no_identity_number(&format!("{what}: {file}"), &text);
    }
    let cells = xlsx_text(&dir.join("report.xlsx"));
    assert!(
        cells.lines().count() > 10,
        "{what}: report.xlsx has few cells"
    );
    assert_no_identity_number(&format!("{what}: report.xlsx"), &cells);
}

#[test]
fn demo_outputs_hold_no_identity_number() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("demo");
    let (code, stdout, stderr) = namnd(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_no_identity_number("stdout of namnd demo", &stdout);
    assert_no_identity_number("stderr of namnd demo", &stderr);
    scan_reports(&dir, "namnd demo");
}

#[test]
fn test_dataset_outputs_hold_no_identity_number() {
    // The decision register holds a personnummer where a pseudonym belongs:
    // the row is rejected and must not be echoed.
    let evb = "tests/fixtures/evb-2024.csv";
    let visits = "tests/fixtures/besok-2026-10.csv";
    for format in ["json", "table"] {
        scan_run(&[
            "evb",
            "quarter",
            evb,
            "--quarter",
            "2024Q1",
            "--format",
            format,
        ]);
        scan_run(&[
            "kpi",
            "continuity",
            visits,
            "--from",
            "2026-10-05",
            "--unit-column",
            "enhet",
            "--format",
            format,
        ]);
    }
    let demo = demo_dataset();
    let ledger = demo.join("ledger.csv");
    let budget = demo.join("budget.csv");
    for method in ["run-rate", "remaining-budget", "prior-year"] {
        for format in ["csv", "json", "table"] {
            scan_run(&[
                "followup",
                "--ledger",
                ledger.to_str().unwrap(),
                "--budget",
                budget.to_str().unwrap(),
                "--as-of",
                "2026-08",
                "--method",
                method,
                "--format",
                format,
            ]);
        }
    }
    for (table, rules) in [
        ("flen-november-2023.csv", "flen-november-2023.toml"),
        ("oxelosund-2021.csv", "oxelosund-2021.toml"),
        ("andelar.csv", "andelar.toml"),
    ] {
        for format in ["json", "table"] {
            scan_run(&[
                "check",
                &format!("tests/fixtures/{table}"),
                "--rules",
                &format!("tests/fixtures/{rules}"),
                "--format",
                format,
            ]);
        }
    }
    // The demo dataset read from its folder, as a user's dataset is.
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("report");
    let (code, stdout, stderr) = namnd(&[
        "report",
        demo.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_no_identity_number("stdout of namnd report", &stdout);
    assert_no_identity_number("stderr of namnd report", &stderr);
    scan_reports(&dir, "namnd report (demo dataset)");
}

// ------------------------------------------------------------ pseudonyms

const KEY: &[u8] = b"namnd-privacy-test-key-0123456789";
const OTHER_KEY: &[u8] = b"namnd-privacy-test-key-9876543210";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The Tax Agency's test number, in the forms it is written (`1212121212`
/// without `+` would be born in 2012: another number).
fn test_number_forms() -> Vec<Personnummer> {
    ["19121212-1212", "121212+1212", "191212121212"]
        .iter()
        .map(|t| Personnummer::parse(t, today()).unwrap_or_else(|e| panic!("{t}: {e}")))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn pseudonyms_are_stable_for_the_same_number_under_one_key() {
    let key = PseudonymKey::new(KEY).unwrap();
    let again = PseudonymKey::new(KEY).unwrap();
    let forms = test_number_forms();
    let first = Pseudonym::of(&forms[0], &key);
    for number in &forms {
        assert_eq!(Pseudonym::of(number, &key), first);
        assert_eq!(Pseudonym::of(number, &again), first);
    }
    // Written and read back, it is the same pseudonym.
    assert_eq!(first.to_string().parse::<Pseudonym>().unwrap(), first);
}

#[test]
fn pseudonyms_under_another_key_are_unlinkable() {
    let key = PseudonymKey::new(KEY).unwrap();
    let other = PseudonymKey::new(OTHER_KEY).unwrap();
    let number = &test_number_forms()[0];
    let a = Pseudonym::of(number, &key).to_string();
    let b = Pseudonym::of(number, &other).to_string();
    assert_ne!(a, b);
    // Unlinkable: the two look independent, about half of the 256 bits differ
    // (a keyed hash; a plain or truncated one would share structure).
    let bits = |s: &str| -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    let differing: u32 = bits(&a)
        .iter()
        .zip(bits(&b))
        .map(|(x, y)| (x ^ y).count_ones())
        .sum();
    assert!((64..=192).contains(&differing), "{differing} bits differ");
    // And neither holds the number's digits.
    for p in [&a, &b] {
        assert!(!p.contains("121212"), "{p}");
    }
}

#[test]
fn the_key_never_appears_in_debug_or_display() {
    let key = PseudonymKey::new(KEY).unwrap();
    let key_text = std::str::from_utf8(KEY).unwrap();
    let key_hex = hex(KEY);
    let number = &test_number_forms()[0];
    let pseudonym = Pseudonym::of(number, &key);
    let shown = [
        format!("{key:?}"),
        format!("{key:#?}"),
        format!("{pseudonym}"),
        format!("{pseudonym:?}"),
        format!("{pseudonym:#?}"),
        format!("{number}"),
        format!("{number:?}"),
    ];
    for text in &shown {
        assert!(!text.contains(key_text), "{text}");
        assert!(!text.contains(&key_hex), "{text}");
        // No part of the key either (any 8 bytes of it, as text or hex).
        for window in KEY.windows(8) {
            assert!(
                !text.contains(std::str::from_utf8(window).unwrap()),
                "{text}"
            );
            assert!(!text.contains(&hex(window)), "{text}");
        }
        assert_no_identity_number("Debug/Display", text);
    }
    assert_eq!(format!("{key:?}"), "PseudonymKey { .. }");
}
