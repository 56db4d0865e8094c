//! The formats agree: the Excel workbook, read back with calamine, holds the
//! same numbers as the display values of the JSON report.

// This whole binary is test code: a failed helper should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use namnd_report::model::{Block, Report, SectionBody};
use namnd_report::render::display::{
    DisplayCell, DisplayKind, chart_decimals, display_key_figure, display_table,
};
use namnd_report::render::example::example_report;
use namnd_report::render::json::{from_json, to_json};
use namnd_report::render::markdown::to_markdown;
use namnd_report::render::xlsx::{percent_fraction, sheet_names, to_xlsx};
use rust_decimal::prelude::ToPrimitive;

type Grid = Vec<Vec<Data>>;

fn grid(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Grid {
    let range = book.worksheet_range(name).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "sheet {name} starts at A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn at(grid: &Grid, row: usize, col: usize) -> Data {
    grid.get(row)
        .and_then(|r| r.get(col))
        .cloned()
        .unwrap_or(Data::Empty)
}

fn find_row(grid: &Grid, from: usize, starts_with: &str) -> usize {
    (from..grid.len())
        .find(|&r| matches!(at(grid, r, 0), Data::String(s) if s.starts_with(starts_with)))
        .unwrap_or_else(|| panic!("no row starting with {starts_with:?}"))
}

/// What the sheet must hold for a display cell.
fn expected(cell: &DisplayCell) -> Data {
    match (cell.kind, cell.value) {
        (DisplayKind::Percent, Some(v)) => Data::Float(percent_fraction(v)),
        (_, Some(v)) => Data::Float(v.to_f64().unwrap()),
        (DisplayKind::Empty, None) => Data::Empty,
        (_, None) => Data::String(cell.text.clone()),
    }
}

fn check_sheets(report: &Report, bytes: Vec<u8>) -> usize {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut checked = 0;
    for (section, name) in report.sections.iter().zip(sheet_names(report)) {
        let g = grid(&mut book, &name);
        assert_eq!(at(&g, 0, 0), Data::String(section.title.clone()));
        let blocks = match &section.body {
            SectionBody::Available { blocks } => blocks,
            SectionBody::Unavailable { reason } => {
                let r = find_row(&g, 0, "Avsnittet kunde inte tas fram: ");
                assert_eq!(
                    at(&g, r, 0),
                    Data::String(format!("Avsnittet kunde inte tas fram: {reason}"))
                );
                continue;
            }
        };
        let mut cursor = 2;
        for block in blocks {
            match block {
                Block::Paragraph(text) => {
                    cursor = find_row(&g, cursor, text) + 1;
                }
                Block::KeyFigures(figures) => {
                    for figure in figures {
                        let r = find_row(&g, cursor, &figure.label);
                        let shown = display_key_figure(figure).unwrap();
                        assert_eq!(at(&g, r, 1), expected(&shown), "{}", figure.label);
                        checked += 1;
                        cursor = r + 1;
                    }
                }
                Block::Table(table) => {
                    let shown = display_table(table).unwrap();
                    let caption = find_row(&g, cursor, &table.title);
                    for (c, heading) in shown.columns.iter().enumerate() {
                        assert_eq!(at(&g, caption + 1, c + 1), Data::String(heading.clone()));
                    }
                    let mut r = caption + 2;
                    for row in shown.rows.iter().chain(shown.total.iter()) {
                        assert_eq!(
                            at(&g, r, 0),
                            Data::String(format!(
                                "{}{}",
                                "  ".repeat(usize::from(row.level)),
                                row.label
                            ))
                        );
                        for (c, cell) in row.cells.iter().enumerate() {
                            assert_eq!(
                                at(&g, r, c + 1),
                                expected(cell),
                                "{} / {} / column {c}",
                                table.title,
                                row.label
                            );
                            checked += 1;
                        }
                        r += 1;
                    }
                    for note in &shown.notes {
                        assert_eq!(at(&g, r, 0), Data::String(note.clone()));
                        r += 1;
                    }
                    cursor = r;
                }
                Block::Chart(chart) => {
                    let caption = find_row(&g, cursor, &format!("Diagram: {}", chart.title));
                    let decimals = chart_decimals(chart);
                    for (x, label) in chart.x_labels.iter().enumerate() {
                        let r = caption + 2 + x;
                        assert_eq!(at(&g, r, 0), Data::String(label.clone()));
                        for (s, series) in chart.series.iter().enumerate() {
                            let want = match series.values.get(x).copied().flatten() {
                                Some(v) => Data::Float(
                                    namnd_core::Rounding::HalfAwayFromZero
                                        .round(v, decimals)
                                        .unwrap()
                                        .to_f64()
                                        .unwrap(),
                                ),
                                None => Data::Empty,
                            };
                            assert_eq!(at(&g, r, s + 1), want, "{} {label}", chart.title);
                            checked += 1;
                        }
                    }
                    cursor = caption + 2 + chart.x_labels.len();
                }
            }
        }
    }
    checked
}

#[test]
fn xlsx_holds_the_display_values_of_the_json_report() {
    let report = example_report().unwrap();
    let from_the_json = from_json(&to_json(&report).unwrap()).unwrap();
    assert_eq!(from_the_json, report);
    let checked = check_sheets(&from_the_json, to_xlsx(&report).unwrap());
    // 4 key figures, 4×5 + 5 budget cells, 4×4 indicator cells, 2×3 decision
    // cells, chart values 12×2 + 6×2 + 5×3 + 2×1.
    assert_eq!(checked, 4 + 25 + 16 + 6 + 24 + 12 + 15 + 2);
}

#[test]
fn xlsx_numbers_are_numbers_and_suppressed_counts_are_text() {
    let report = example_report().unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(to_xlsx(&report).unwrap())).unwrap();
    let g = grid(&mut book, "Ekonomi");
    let r = find_row(&g, 0, "Äldreomsorg");
    assert_eq!(at(&g, r, 1), Data::Float(-263_094.0));
    let g = grid(&mut book, "Ej verkställda beslut");
    let r = find_row(&g, 0, "Q2 2026");
    assert_eq!(at(&g, r, 2), Data::String("..".into()));
    assert_eq!(at(&g, r, 1), Data::Float(13.0));
    let g = grid(&mut book, "Mål och indikatorer");
    let r = find_row(&g, 0, "Andel brukare");
    assert_eq!(at(&g, r, 1), Data::Float(0.873));
}

#[test]
fn largest_remainder_tables_add_up_in_every_format() {
    let mut report = example_report().unwrap();
    if let Some(SectionBody::Available { blocks }) = report.sections.get_mut(1).map(|s| &mut s.body)
        && let Some(Block::Table(t)) = blocks.first_mut()
    {
        t.display.totals = namnd_report::model::TotalDisplay::LargestRemainder;
    }
    let md = to_markdown(&report).unwrap();
    assert!(!md.contains("Summorna är avrundade var för sig"));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(to_xlsx(&report).unwrap())).unwrap();
    let g = grid(&mut book, "Ekonomi");
    let first = find_row(&g, 0, "Nämnd och administration");
    let total = find_row(&g, first, "Summa");
    let top_level = [first, first + 1, first + 3];
    for col in 1..=4 {
        let sum: f64 = top_level
            .iter()
            .map(|&r| match at(&g, r, col) {
                Data::Float(f) => f,
                other => panic!("{other:?}"),
            })
            .sum();
        assert_eq!(Data::Float(sum), at(&g, total, col), "column {col}");
    }
}

fn demo_report() -> Report {
    let loaded = namnd_report::demo::dataset().unwrap();
    namnd_report::assemble::assemble(
        &loaded.dataset,
        &namnd_report::assemble::AssembleOptions::default(),
    )
    .unwrap()
}

#[test]
fn demo_xlsx_holds_the_display_values_of_the_json_report() {
    let report = demo_report();
    let from_the_json = from_json(&to_json(&report).unwrap()).unwrap();
    assert_eq!(from_the_json, report);
    let checked = check_sheets(&from_the_json, to_xlsx(&report).unwrap());
    // Every key figure, table cell and chart value of every sheet is checked
    // position by position; count them from the model to be sure none was
    // skipped.
    let mut expected = 0;
    for section in &report.sections {
        if let SectionBody::Available { blocks } = &section.body {
            for block in blocks {
                expected += match block {
                    Block::Paragraph(_) => 0,
                    Block::KeyFigures(f) => f.len(),
                    Block::Table(t) => t
                        .rows
                        .iter()
                        .chain(t.total.iter())
                        .map(|r| r.cells.len())
                        .sum(),
                    Block::Chart(c) => c.x_labels.len() * c.series.len(),
                };
            }
        }
    }
    assert!(expected > 200, "{expected}");
    assert_eq!(checked, expected);
}

/// A structural JSON Schema check (the subset schemars writes: `$ref`,
/// `type`, `required`, `properties`, `additionalProperties`, `items`,
/// `oneOf`/`anyOf`/`allOf`, `const`, `enum`), collecting every violation
/// with its JSON path. (The `jsonschema` crate is not in the offline
/// registry here.)
fn violations(
    root: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
    out: &mut Vec<String>,
) {
    use serde_json::Value;
    let Value::Object(s) = schema else {
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: not allowed"));
        }
        return;
    };
    if let Some(Value::String(r)) = s.get("$ref") {
        let target = r
            .trim_start_matches('#')
            .split('/')
            .filter(|p| !p.is_empty())
            .try_fold(root, |v, key| v.get(key));
        match target {
            Some(t) => violations(root, t, value, path, out),
            None => out.push(format!("{path}: unresolved {r}")),
        }
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            out.push(format!("{path}: expected {types:?}, found {value}"));
            return;
        }
    }
    if let Some(c) = s.get("const")
        && c != value
    {
        out.push(format!("{path}: expected {c}, found {value}"));
    }
    if let Some(Value::Array(options)) = s.get("enum")
        && !options.contains(value)
    {
        out.push(format!("{path}: {value} not in {options:?}"));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(options)) = s.get(key) {
            let matching = options
                .iter()
                .filter(|o| {
                    let mut v = Vec::new();
                    violations(root, o, value, path, &mut v);
                    v.is_empty()
                })
                .count();
            let ok = if key == "oneOf" {
                matching == 1
            } else {
                matching >= 1
            };
            if !ok {
                out.push(format!(
                    "{path}: {matching} of the {key} options match {value}"
                ));
            }
        }
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        for o in all {
            violations(root, o, value, path, out);
        }
    }
    if let Value::Object(object) = value {
        if let Some(Value::Array(required)) = s.get("required") {
            for key in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(key) {
                    out.push(format!("{path}: missing required {key}"));
                }
            }
        }
        let properties = s.get("properties").and_then(Value::as_object);
        for (key, v) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(p) => violations(root, p, v, &format!("{path}/{key}"), out),
                None => {
                    if let Some(extra) = s.get("additionalProperties") {
                        violations(root, extra, v, &format!("{path}/{key}"), out);
                    }
                }
            }
        }
    }
    if let (Value::Array(items), Some(schema)) = (value, s.get("items")) {
        for (i, v) in items.iter().enumerate() {
            violations(root, schema, v, &format!("{path}/{i}"), out);
        }
    }
}

#[test]
fn demo_json_validates_against_the_report_schema() {
    let report = demo_report();
    let json: serde_json::Value = serde_json::from_str(&to_json(&report).unwrap()).unwrap();
    let schema = namnd_report::render::json::schema();
    let mut out = Vec::new();
    violations(&schema, &schema, &json, "", &mut out);
    assert!(out.is_empty(), "{out:#?}");
    // The checker does find a broken report.
    let mut broken = json.clone();
    broken["sections"][0]["body"]["status"] = serde_json::Value::String("gone".into());
    broken["meta"].as_object_mut().unwrap().remove("title");
    let mut out = Vec::new();
    violations(&schema, &schema, &broken, "", &mut out);
    assert!(
        out.iter().any(|v| v.contains("missing required title")),
        "{out:#?}"
    );
    assert!(
        out.iter().any(|v| v.starts_with("/sections/0/body")),
        "{out:#?}"
    );
}
