//! Inputs found by fuzzing (fuzz/, docs/fuzzing.md), kept as regression
//! tests.

#![allow(clippy::panic)]

use std::io::Cursor;

use namnd_budget::BudgetError;
use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};

/// The error reading the workbook gives; a test failure if it is accepted.
fn rejection(bytes: &[u8]) -> BudgetError {
    let Err(err) =
        ExcelBudgetImporter::new(Cursor::new(bytes.to_vec()), ExcelOptions::new("fuzz.xlsx"))
    else {
        panic!("the workbook must be rejected");
    };
    err
}

#[test]
fn a_cell_reference_beyond_the_column_range_is_a_read_error_not_a_panic() {
    let err = rejection(include_bytes!("data/excel-calamine-column-overflow.xlsx"));
    assert!(matches!(err, BudgetError::ReadSheet { .. }), "{err}");
}

#[test]
fn a_cell_reference_beyond_the_row_range_is_a_read_error_not_a_panic() {
    let err = rejection(include_bytes!("data/excel-calamine-row-overflow.xlsx"));
    assert!(matches!(err, BudgetError::ReadSheet { .. }), "{err}");
}
