//! The bad-input corpus (`tests/bad-input/` at the repository root, listed in
//! its `cases.toml`) run through the built `namnd` binary.
//!
//! | Checked for every case | How |
//! |---|---|
//! | the exit code is the listed one, never 101 (a panic) nor a signal | `assert_cmd` |
//! | the exact stderr | an insta snapshot per case, `bad_input__<name>.snap`, paths as `{dir}` and `{out}` |
//! | the rows still imported from a partly valid file | parsed from the summary (`N accepted`) |
//! | no personnummer-shaped text in stdout, stderr or a written report | `namnd_core::redact_identity_numbers` (`Cow::Owned` is a hit) |
//!
//! A case whose entry has `bug = "..."` is a known bug: it is left out of the
//! corpus run, and its own `#[ignore]`d test below asserts the correct
//! behaviour (run them with `cargo test -p namnd-cli --test bad_input -- --ignored`).
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
use serde::Deserialize;

/// `cases.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    case: Vec<Case>,
}

/// One malformed input and what the command must do with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Unique, kebab-case: the snapshot's name.
    name: String,
    /// What is wrong with the input.
    what: String,
    /// The command line after `namnd`; `{dir}` is the corpus folder, `{out}`
    /// a fresh temporary folder.
    args: Vec<String>,
    /// The exit code.
    exit: i32,
    /// Rows still imported from a partly valid file.
    #[serde(default)]
    imported: Option<u64>,
    /// Which summary line holds `imported`: the first one containing this text.
    #[serde(default)]
    imported_in: Option<String>,
    /// A text stderr must contain.
    #[serde(default)]
    stderr_contains: Option<String>,
    /// A known bug: the case runs only in its own ignored test.
    #[serde(default)]
    bug: Option<String>,
}

fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-input");
    std::fs::canonicalize(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn corpus() -> Vec<Case> {
    let path = corpus_dir().join("cases.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let corpus: Corpus =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    corpus.case
}

fn case(name: &str) -> Case {
    corpus()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name} in cases.toml"))
}

/// What a run printed and wrote.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    /// The text of every file the command wrote into `{out}` (xlsx: every cell).
    written: Vec<(String, String)>,
}

fn run(case: &Case) -> Outcome {
    let dir = corpus_dir();
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("out");
    let dir_text = dir.to_str().unwrap();
    let out_text = out_dir.to_str().unwrap();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{dir}", dir_text).replace("{out}", out_text))
        .collect();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .current_dir(out.path())
        .args(&args)
        .output()
        .unwrap();
    let normalise = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace(out_text, "{out}")
            .replace(dir_text, "{dir}")
    };
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("{}: killed by a signal: {:?}", case.name, output.status));
    let mut written = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&out_dir) {
        let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = if name.ends_with(".xlsx") {
                xlsx_text(&path)
            } else {
                String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned()
            };
            written.push((name, text));
        }
    }
    Outcome {
        code,
        stdout: normalise(&output.stdout),
        stderr: normalise(&output.stderr),
        written,
    }
}

/// The number before ` accepted` on the first line of `text` that contains
/// `line_with` (any line when `None`): `... 5 rows read, 3 accepted, ...` or
/// `transactions: 4 on result accounts (3 accepted, ...`.
fn accepted(text: &str, line_with: Option<&str>) -> Option<u64> {
    text.lines()
        .filter(|line| line_with.is_none_or(|w| line.contains(w)))
        .find_map(|line| {
            let before = line
                .split(" accepted")
                .next()
                .filter(|b| b.len() < line.len())?;
            let number = before.rsplit([' ', '(']).next()?;
            number.parse().ok()
        })
}

/// Runs `case` and asserts everything its entry says.
fn check(case: &Case) -> Outcome {
    let outcome = run(case);
    let name = &case.name;
    let shown = format!(
        "{name} ({}): exit {}\n--- stdout\n{}--- stderr\n{}",
        case.what, outcome.code, outcome.stdout, outcome.stderr
    );
    assert_ne!(outcome.code, 101, "panic: {shown}");
    assert_eq!(outcome.code, case.exit, "exit code: {shown}");
    if let Some(expected) = case.imported {
        let all = format!("{}{}", outcome.stderr, outcome.stdout);
        let found = accepted(&all, case.imported_in.as_deref());
        assert_eq!(found, Some(expected), "rows imported: {shown}");
    }
    if let Some(text) = &case.stderr_contains {
        assert!(
            outcome.stderr.contains(text.as_str()),
            "stderr lacks {text:?}: {shown}"
        );
    }
    let mut texts = vec![
        ("stdout".to_owned(), outcome.stdout.clone()),
        ("stderr".to_owned(), outcome.stderr.clone()),
    ];
    texts.extend(outcome.written.iter().cloned());
    for (what, text) in &texts {
        if let Cow::Owned(masked) = namnd_core::redact_identity_numbers(text) {
            panic!("{name}: {what} holds a personnummer-shaped text; masked it reads:\n{masked}");
        }
    }
    outcome
}

fn snapshot(case: &Case, outcome: &Outcome) {
    insta::with_settings!({
        description => format!("{}\nnamnd {}", case.what, case.args.join(" ")),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(
            case.name.as_str(),
            format!("exit {}\n{}", outcome.code, outcome.stderr)
        );
    });
}

#[test]
fn the_corpus_has_at_least_50_cases_with_unique_names() {
    let cases = corpus();
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "repeated case names");
    for c in &cases {
        assert!(
            [0, 1, 2].contains(&c.exit),
            "{}: exit {} is neither 0, 1 nor 2",
            c.name,
            c.exit
        );
        assert!(
            c.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "{}: the name is the snapshot's file name: lowercase, digits and -",
            c.name
        );
    }
}

#[test]
fn every_file_of_the_corpus_is_used_by_a_case() {
    let dir = corpus_dir();
    let used: Vec<PathBuf> = corpus()
        .iter()
        .flat_map(|c| c.args.iter())
        .filter_map(|a| a.strip_prefix("{dir}/"))
        .map(|a| dir.join(a))
        .collect();
    let mut unused = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let top = path.parent() == Some(dir.as_path());
            if top || used.iter().any(|u| path.starts_with(u)) {
                continue;
            }
            unused.push(path.strip_prefix(&dir).unwrap().display().to_string());
        }
    }
    unused.sort();
    assert!(unused.is_empty(), "files no case uses: {unused:?}");
}

/// The whole corpus except the known bugs: exit code, stderr snapshot,
/// imported count, no personnummer anywhere.
#[test]
fn every_bad_input_gets_its_exit_code_and_exact_message_and_never_a_panic() {
    for case in corpus().iter().filter(|c| c.bug.is_none()) {
        let outcome = check(case);
        snapshot(case, &outcome);
    }
}

/// The cases with `bug = "..."` in cases.toml, each with an ignored test below.
const KNOWN_BUGS: &[&str] = &[];

#[test]
fn every_known_bug_has_an_ignored_test() {
    let mut listed: Vec<String> = corpus()
        .into_iter()
        .filter(|c| c.bug.is_some())
        .map(|c| c.name)
        .collect();
    listed.sort();
    let mut known: Vec<String> = KNOWN_BUGS.iter().map(|s| (*s).to_owned()).collect();
    known.sort();
    assert_eq!(listed, known);
}

#[test]
fn the_summary_parser_reads_csv_and_sie_summaries() {
    let stderr = "namnd: b.csv: 4 rows read, 3 accepted, 1 rejected\n\
                  namnd: l.csv: 5 rows read, 2 accepted, 3 rejected\n";
    assert_eq!(accepted(stderr, None), Some(3));
    assert_eq!(accepted(stderr, Some("l.csv")), Some(2));
    assert_eq!(accepted(stderr, Some("x.csv")), None);
    let stdout =
        "transactions:  4 on result accounts (1 accepted, 3 rejected), 2 on other accounts\n";
    assert_eq!(accepted(stdout, None), Some(1));
}

/// Was a known bug: namnd-budget's LedgerImporter accepted a personnummer as
/// ansvar and followup printed it on stdout.
#[test]
fn followup_rejects_a_personnummer_as_ansvar_without_echoing_it() {
    check(&case("followup-ledger-personnummer-as-ansvar"));
}

/// Was a known bug: namnd-budget's BudgetImporter accepted a personnummer as
/// konto and followup printed it on stdout.
#[test]
fn followup_rejects_a_personnummer_as_konto_without_echoing_it() {
    check(&case("followup-budget-personnummer-as-konto"));
}
