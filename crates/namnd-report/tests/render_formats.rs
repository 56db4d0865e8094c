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
    assert_eq!(at(&g, r, 2), Data::String("<5".into()));
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
