//! `namnd demo` end to end: the four files, snapshots of the Markdown and
//! JSON reports, and the workbook holding the same numbers as the JSON.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use namnd_report::model::{Block, Report, SectionBody};
use namnd_report::render::display::{DisplayCell, DisplayKind, display_key_figure, display_table};
use namnd_report::render::json::from_json;
use rust_decimal::prelude::ToPrimitive;

fn demo(out: &Path) -> String {
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args(["demo", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn demo_writes_four_files_and_prints_the_headline_figures() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = demo(dir.path());
    for file in ["report.html", "report.md", "report.xlsx", "report.json"] {
        let path = dir.path().join(file);
        assert!(path.is_file(), "{file} missing");
        assert!(
            stdout.contains(&format!("wrote {}", path.display())),
            "{stdout}"
        );
    }
    let report =
        from_json(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    // Every key figure of the summary is printed as the other formats show it.
    let summary = report.sections.iter().find(|s| s.id == "summary").unwrap();
    let SectionBody::Available { blocks } = &summary.body else {
        panic!("summary unavailable")
    };
    let mut figures = 0;
    for block in blocks {
        if let Block::KeyFigures(list) = block {
            for figure in list {
                let shown = display_key_figure(figure).unwrap().text;
                assert!(
                    stdout.contains(&format!("{}: {shown}", figure.label)),
                    "{stdout}"
                );
                figures += 1;
            }
        }
    }
    assert!(figures >= 5, "{figures} key figures");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<svg"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "external request in HTML"
    );
}

#[test]
fn demo_report_markdown_and_json_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let markdown = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    insta::assert_snapshot!("demo-report-md", markdown);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    insta::assert_json_snapshot!("demo-report-json", json);
}

/// The numbers a sheet holds, in reading order.
fn sheet_numbers(workbook: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<f64> {
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .flat_map(|row| row.iter())
        .filter_map(|cell| match cell {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        })
        .collect()
}

/// The number a displayed cell puts in the workbook, if any.
fn expected_number(cell: &DisplayCell) -> Option<f64> {
    let value = cell.value?;
    match cell.kind {
        DisplayKind::Percent => (value / rust_decimal::Decimal::ONE_HUNDRED).to_f64(),
        DisplayKind::Amount | DisplayKind::Number | DisplayKind::Count => value.to_f64(),
        _ => None,
    }
}

/// The numbers a section should put in its sheet: key figures, then table
/// cells row by row (total last).
fn section_numbers(blocks: &[Block]) -> Vec<f64> {
    let mut numbers = Vec::new();
    for block in blocks {
        match block {
            Block::KeyFigures(figures) => {
                numbers.extend(
                    figures
                        .iter()
                        .filter_map(|f| expected_number(&display_key_figure(f).unwrap())),
                );
            }
            Block::Table(table) => {
                let shown = display_table(table).unwrap();
                for row in shown.rows.iter().chain(shown.total.iter()) {
                    numbers.extend(row.cells.iter().filter_map(expected_number));
                }
            }
            _ => {}
        }
    }
    numbers
}

#[test]
fn demo_xlsx_opens_with_calamine_and_holds_the_numbers_of_the_json() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let report: Report =
        from_json(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    let mut workbook: Xlsx<_> = open_workbook(dir.path().join("report.xlsx")).unwrap();
    let sheets = workbook.sheet_names();
    assert_eq!(sheets.len(), report.sections.len(), "{sheets:?}");
    let mut compared = 0;
    for (section, sheet) in report.sections.iter().zip(&sheets) {
        let SectionBody::Available { blocks } = &section.body else {
            continue;
        };
        let in_sheet = sheet_numbers(&mut workbook, sheet);
        let mut remaining = in_sheet.clone();
        // Every number of the JSON (as displayed) is in the section's sheet.
        for expected in section_numbers(blocks) {
            let at = remaining
                .iter()
                .position(|n| (n - expected).abs() < 1e-9)
                .unwrap_or_else(|| panic!("sheet {sheet}: {expected} not found in {in_sheet:?}"));
            remaining.remove(at);
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} numbers compared");
}

/// The embedded demo dataset written to a folder.
fn demo_dataset(dir: &Path) {
    std::fs::write(dir.join("namnd.toml"), namnd_report::demo::MANIFEST).unwrap();
    for (name, bytes) in namnd_report::demo::FILES {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn report_from_a_dataset_folder_matches_the_demo() {
    let data = tempfile::tempdir().unwrap();
    demo_dataset(data.path());
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args([
            "report",
            data.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let demo_out = tempfile::tempdir().unwrap();
    demo(demo_out.path());
    assert_eq!(
        std::fs::read_to_string(out.path().join("report.json")).unwrap(),
        std::fs::read_to_string(demo_out.path().join("report.json")).unwrap()
    );
}

#[test]
fn report_with_a_broken_file_lists_the_problem_marks_the_section_unavailable_and_exits_2() {
    let data = tempfile::tempdir().unwrap();
    demo_dataset(data.path());
    // The decision register is gone.
    let (decisions, _) = namnd_report::demo::FILES
        .iter()
        .find(|(name, _)| name.starts_with("beslut"))
        .unwrap();
    std::fs::remove_file(data.path().join(decisions)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args([
            "report",
            data.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Input problems: exit 2, but the reports are still written.
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for file in ["report.html", "report.md", "report.xlsx", "report.json"] {
        assert!(out.path().join(file).is_file(), "{file} missing");
    }
    // The problem names the file in the dataset folder, once.
    let path = data.path().join(decisions).display().to_string();
    assert!(stderr.starts_with(&format!("namnd: {path}: ")), "{stderr}");
    assert_eq!(stderr.matches(*decisions).count(), 1, "{stderr}");
    let report =
        from_json(&std::fs::read_to_string(out.path().join("report.json")).unwrap()).unwrap();
    let section = report
        .sections
        .iter()
        .find(|s| s.id == "decisions")
        .unwrap();
    assert!(matches!(section.body, SectionBody::Unavailable { .. }));
    let budget = report.sections.iter().find(|s| s.id == "budget").unwrap();
    assert!(matches!(budget.body, SectionBody::Available { .. }));
}

#[test]
fn report_dataset_problems_are_printed_as_dataset_dir_file_line_message() {
    let data = tempfile::tempdir().unwrap();
    demo_dataset(data.path());
    // A budget row with too few fields, at line 2 (after the header).
    let budget = data.path().join("budget.csv");
    let text = std::fs::read_to_string(&budget).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    std::fs::write(&budget, format!("{header}\nbara en cell\n{rest}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args([
            "report",
            data.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let expected = format!("namnd: {}:2: ", budget.display());
    let line = stderr
        .lines()
        .find(|l| l.starts_with(&expected))
        .unwrap_or_else(|| panic!("no line starting {expected:?} in {stderr}"));
    // The location is not repeated in the message.
    assert!(!line[expected.len()..].contains("budget.csv"), "{line}");
    assert!(!line[expected.len()..].contains("line 2"), "{line}");
    assert!(out.path().join("report.json").is_file());
}

#[test]
fn report_without_a_manifest_exits_2() {
    let data = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args(["report", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let manifest = data.path().join("namnd.toml").display().to_string();
    assert!(
        stderr.starts_with(&format!("namnd: {manifest}: ")),
        "{stderr}"
    );
}

#[test]
fn report_with_a_malformed_manifest_names_its_line_and_exits_2() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("namnd.toml"), "fiscal_year = \"x\"\n").unwrap();
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .args(["report", data.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let manifest = data.path().join("namnd.toml").display().to_string();
    assert!(
        stderr.starts_with(&format!("namnd: {manifest}:1: column 15: ")),
        "{stderr}"
    );
}
