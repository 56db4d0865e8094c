//! Inputs found by fuzzing (fuzz/, docs/fuzzing.md), kept as regression
//! tests.

#![allow(clippy::panic)]

use std::io::{Cursor, Write};

use namnd_budget::BudgetError;
use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions, MAX_SHEET_CELLS, ReferenceProblem};
use namnd_core::Amount;
use rust_xlsxwriter::Workbook;

/// The error reading the workbook gives; a test failure if it is accepted.
fn rejection(bytes: &[u8]) -> BudgetError {
    let Err(err) =
        ExcelBudgetImporter::new(Cursor::new(bytes.to_vec()), ExcelOptions::new("fuzz.xlsx"))
    else {
        panic!("the workbook must be rejected");
    };
    err
}

/// The reference and problem of a [`BudgetError::SheetReference`].
fn bad_reference(err: &BudgetError) -> (&str, &str, ReferenceProblem) {
    match err {
        BudgetError::SheetReference {
            sheet,
            reference,
            problem,
            ..
        } => (sheet.as_str(), reference.as_str(), *problem),
        other => panic!("expected SheetReference, got {other:?}: {other}"),
    }
}

/// A stored (uncompressed) `.xlsx` with one worksheet "Drift" whose XML is
/// `sheet`, in the layout of the fuzz seeds.
fn xlsx(sheet: &str) -> Vec<u8> {
    xlsx_sheets(&[("Drift", sheet)])
}

/// A stored `.xlsx` with the worksheets `sheets` (name, XML), in order.
fn xlsx_sheets(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut overrides = String::new();
    let mut entries = String::new();
    let mut rels = String::new();
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        overrides.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        entries.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    let mut parts = vec![
        (
            "[Content_Types].xml".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#),
        ),
        (
            "_rels/.rels".to_owned(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
        ),
    ];
    for (i, (_, xml)) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            (*xml).to_owned(),
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        if let Err(e) = zip.start_file(name.as_str(), stored) {
            panic!("zip {name}: {e}");
        }
        if let Err(e) = zip.write_all(text.as_bytes()) {
            panic!("zip {name}: {e}");
        }
    }
    match zip.finish() {
        Ok(cursor) => cursor.into_inner(),
        Err(e) => panic!("zip: {e}"),
    }
}

/// A worksheet with `dimension` (if any) and the rows `rows` (XML).
fn sheet(dimension: Option<&str>, rows: &str) -> String {
    let dimension = dimension.map_or(String::new(), |d| format!(r#"<dimension ref="{d}"/>"#));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>"#
    )
}

const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Ansvar</t></is></c><c r="B1" t="inlineStr"><is><t>Verksamhet</t></is></c><c r="C1" t="inlineStr"><is><t>Konto</t></is></c><c r="D1" t="inlineStr"><is><t>Budget</t></is></c></row>"#;

/// fuzz target `excel`, 2026-11-24: `<c r="AAAAAAAB2">` overflowed `u32` in
/// calamine 0.38 (tafia/calamine#694): a panic under overflow checks, a cell
/// silently at a wrong column without them. Now rejected before calamine
/// reads the sheet, naming the reference.
#[test]
fn a_cell_reference_beyond_column_xfd_is_rejected_before_calamine_reads_it() {
    let err = rejection(include_bytes!("data/excel-calamine-column-overflow.xlsx"));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "AAAAAAAB2", ReferenceProblem::BeyondGrid)
    );
    assert_eq!(
        err.to_string(),
        r#"reference "AAAAAAAB2" in fuzz.xlsx sheet "Drift" lies beyond excel's grid of columns A to XFD and rows 1 to 1048576"#
    );
    assert_eq!(err.file(), Some("fuzz.xlsx"));
}

/// fuzz target `excel`, 2026-11-24: `<c r="B99999999999">`, the same for the
/// row.
#[test]
fn a_cell_reference_beyond_row_1048576_is_rejected_before_calamine_reads_it() {
    let err = rejection(include_bytes!("data/excel-calamine-row-overflow.xlsx"));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "B99999999999", ReferenceProblem::BeyondGrid)
    );
    assert_eq!(
        err.to_string(),
        r#"reference "B99999999999" in fuzz.xlsx sheet "Drift" lies beyond excel's grid of columns A to XFD and rows 1 to 1048576"#
    );
}

#[test]
fn a_reference_one_past_the_grid_is_rejected_and_the_last_cell_is_not() {
    for (cell, rejected) in [
        ("XFE2", true),
        ("B1048577", true),
        ("XFD2", false),
        ("B1048576", false),
    ] {
        let rows = format!(r#"{HEADER}<row r="2"><c r="{cell}"><v>7</v></c></row>"#);
        let result = ExcelBudgetImporter::new(
            Cursor::new(xlsx(&sheet(None, &rows))),
            ExcelOptions::new("f.xlsx"),
        );
        match result {
            Err(err) if rejected => {
                assert_eq!(bad_reference(&err).1, cell, "{err}");
                assert_eq!(bad_reference(&err).2, ReferenceProblem::BeyondGrid);
            }
            Ok(_) if !rejected => {}
            Err(err) => panic!("{cell} must be read: {err}"),
            Ok(_) => panic!("{cell} must be rejected"),
        }
    }
}

#[test]
fn a_row_reference_beyond_the_grid_is_rejected() {
    let rows = format!(r#"{HEADER}<row r="99999999999"><c><v>7</v></c></row>"#);
    let err = rejection(&xlsx(&sheet(None, &rows)));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "99999999999", ReferenceProblem::BeyondGrid)
    );
}

#[test]
fn a_column_that_overflows_before_a_malformed_character_is_rejected() {
    // calamine multiplies before it sees the `$`.
    let rows = format!(r#"{HEADER}<row r="2"><c r="AAAAAAAAAAAAAAAAAA$2"><v>7</v></c></row>"#);
    let err = rejection(&xlsx(&sheet(None, &rows)));
    assert_eq!(bad_reference(&err).2, ReferenceProblem::BeyondGrid);
}

#[test]
fn a_dimension_beyond_the_grid_is_rejected() {
    let err = rejection(&xlsx(&sheet(Some("A1:B99999999999"), HEADER)));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "A1:B99999999999", ReferenceProblem::BeyondGrid)
    );
    assert_eq!(
        err.to_string(),
        r#"reference "A1:B99999999999" in fuzz.xlsx sheet "Drift" lies beyond excel's grid of columns A to XFD and rows 1 to 1048576"#
    );
}

#[test]
fn a_reversed_dimension_is_rejected() {
    // calamine subtracts start from end: an underflow.
    let err = rejection(&xlsx(&sheet(Some("D4:A1"), HEADER)));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "D4:A1", ReferenceProblem::Reversed)
    );
    assert_eq!(
        err.to_string(),
        r#"reference "D4:A1" in fuzz.xlsx sheet "Drift" ends before it starts"#
    );
}

#[test]
fn a_cell_without_reference_after_column_xfd_is_rejected() {
    // calamine counts on from the last reference: the second cell is XFE2.
    let rows = format!(r#"{HEADER}<row r="2"><c r="XFD2"><v>1</v></c><c><v>2</v></c></row>"#);
    let err = rejection(&xlsx(&sheet(None, &rows)));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "XFE2", ReferenceProblem::BeyondGrid)
    );
}

#[test]
fn values_spanning_more_than_the_cell_limit_are_rejected() {
    let rows = format!(r#"{HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let err = rejection(&xlsx(&sheet(None, &rows)));
    assert_eq!(
        bad_reference(&err),
        ("Drift", "A1:XFD1048576", ReferenceProblem::TooManyCells)
    );
    assert_eq!(
        err.to_string(),
        format!(
            r#"reference "A1:XFD1048576" in fuzz.xlsx sheet "Drift" spans more than {MAX_SHEET_CELLS} cells"#
        )
    );
}

#[test]
fn empty_cells_far_away_do_not_count_towards_the_cell_limit() {
    // Excel writes formatted empty cells as `<c r=".." s=".."/>`: calamine
    // keeps no value for them.
    let rows = format!(
        r#"{HEADER}<row r="2"><c r="A2"><v>1100</v></c><c r="B2"><v>510</v></c><c r="C2"><v>4010</v></c><c r="D2"><v>250</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>"#
    );
    let mut import = match ExcelBudgetImporter::new(
        Cursor::new(xlsx(&sheet(None, &rows))),
        ExcelOptions::new("f.xlsx"),
    ) {
        Ok(import) => import,
        Err(err) => panic!("must be read: {err}"),
    };
    let rows: Vec<_> = import.by_ref().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(import.summary().total(), Amount::from_kr(250));
}

/// An imported row: ansvar, verksamhet, konto, budget.
type Row = (String, String, String, Amount);

/// The rows, summary counts and total of importing `bytes`.
fn import(bytes: Vec<u8>, options: ExcelOptions) -> (Vec<Row>, (u64, u64, u64), Amount) {
    let mut import = match ExcelBudgetImporter::new(Cursor::new(bytes), options) {
        Ok(import) => import,
        Err(err) => panic!("must be read: {err}"),
    };
    let rows = import
        .by_ref()
        .map(|row| match row {
            Ok(row) => (
                row.ansvar.to_string(),
                row.verksamhet.to_string(),
                row.konto.to_string(),
                row.budget,
            ),
            Err(err) => panic!("{err}"),
        })
        .collect();
    let summary = import.into_summary();
    (
        rows,
        (summary.rows_read(), summary.accepted(), summary.skipped()),
        summary.total(),
    )
}

#[test]
fn a_normal_workbook_imports_as_before() -> Result<(), Box<dyn std::error::Error>> {
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Anteckningar")?
        .write_string(0, 0, "inget här")?;
    let sheet = workbook.add_worksheet().set_name("Budget 2024")?;
    sheet.write_string(0, 0, "Driftbudget 2024")?;
    sheet.write_row(2, 0, ["Ansvar", "Verksamhet", "Konto", "Budget"])?;
    sheet
        .write_number(3, 0, 1100.0)?
        .write_number(3, 1, 510.0)?
        .write_number(3, 2, 4010.0)?;
    sheet.write_number(3, 3, 1234.5)?;
    sheet.write_row(4, 0, ["1100", "510", "3010", "−263 094"])?;
    sheet.write_row(6, 0, ["1200", "520", "4010", "12 000 kr"])?;
    let bytes = workbook.save_to_buffer()?;
    let (rows, counts, total) =
        import(bytes, ExcelOptions::new("b.xlsx").with_sheet("budget 2024"));
    let s = |text: &str| text.to_owned();
    assert_eq!(
        rows,
        [
            (s("1100"), s("510"), s("4010"), Amount::from_ore(123_450)),
            (s("1100"), s("510"), s("3010"), Amount::from_kr(-263_094)),
            (s("1200"), s("520"), s("4010"), Amount::from_kr(12_000)),
        ]
    );
    // 3 rows read and accepted, row 6 skipped (empty).
    assert_eq!(counts, (3, 3, 1));
    assert_eq!(total, Amount::from_ore(123_450 - 26_309_400 + 1_200_000));
    Ok(())
}

#[test]
fn a_workbook_in_the_last_cells_of_the_grid_is_read() -> Result<(), Box<dyn std::error::Error>> {
    // Columns XFA–XFD, rows 1 048 575–1 048 576: the very edge is allowed.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_row(
        1_048_574,
        16_380,
        ["ansvar", "verksamhet", "konto", "budget"],
    )?;
    sheet.write_row(1_048_575, 16_380, ["1100", "510", "4010", "99,50"])?;
    let (rows, counts, total) = import(workbook.save_to_buffer()?, ExcelOptions::new("edge.xlsx"));
    assert_eq!(rows.len(), 1);
    assert_eq!(counts, (1, 1, 0));
    assert_eq!(total, Amount::from_ore(9_950));
    Ok(())
}

#[test]
fn only_the_sheet_asked_for_is_checked() {
    // Only the chosen sheet is read, so only it is checked: a bad reference
    // in another sheet rejects the workbook only when that sheet is chosen.
    let good = sheet(
        None,
        &format!(
            r#"{HEADER}<row r="2"><c r="A2"><v>1100</v></c><c r="B2"><v>510</v></c><c r="C2"><v>4010</v></c><c r="D2"><v>5</v></c></row>"#
        ),
    );
    let bad = sheet(
        None,
        &format!(r#"{HEADER}<row r="2"><c r="AAAAAAAB2"><v>1</v></c></row>"#),
    );
    let bytes = xlsx_sheets(&[("Noter", &bad), ("Drift", &good)]);
    let (rows, _, total) = import(
        bytes.clone(),
        ExcelOptions::new("f.xlsx").with_sheet("DRIFT"),
    );
    assert_eq!((rows.len(), total), (1, Amount::from_kr(5)));
    // The first worksheet is the default.
    let err = rejection(&bytes);
    assert_eq!(
        bad_reference(&err),
        ("Noter", "AAAAAAAB2", ReferenceProblem::BeyondGrid)
    );
}

#[test]
fn a_reference_holding_a_personnummer_is_not_echoed() {
    let rows = format!(r#"{HEADER}<row r="2"><c r="B191212121212"><v>1</v></c></row>"#);
    let err = rejection(&xlsx(&sheet(None, &rows)));
    assert_eq!(bad_reference(&err).2, ReferenceProblem::BeyondGrid);
    let message = err.to_string();
    assert!(!message.contains("191212121212"), "{message}");
    assert!(message.starts_with("reference \""), "{message}");
}
