//! Helpers shared by the CLI's test binaries.

// Test code: a workbook that cannot be read should stop the test loudly.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

/// Every cell of every sheet (and the sheet names), one per line.
pub(crate) fn xlsx_text(path: &Path) -> String {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut text = String::new();
    for name in workbook.sheet_names() {
        text.push_str(&name);
        text.push('\n');
        let range = workbook.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                if !matches!(cell, Data::Empty) {
                    text.push_str(&cell.to_string());
                    text.push('\n');
                }
            }
        }
    }
    text
}
