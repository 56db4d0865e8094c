//! namnd-budget's Excel budget importer (`excel::ExcelBudgetImporter`, via
//! calamine) on arbitrary bytes. Invariants: no panic; accepted + rejected =
//! read; the rows given are the accepted ones and sum to the summary's
//! total; no message holds a personnummer.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use namnd_budget::excel::{ExcelBudgetImporter, ExcelOptions};
use namnd_core::Decimal;

fuzz_target!(|data: &[u8]| {
    let mut import =
        match ExcelBudgetImporter::new(Cursor::new(data), ExcelOptions::new("fuzz.xlsx")) {
            Ok(import) => import,
            Err(e) => {
                common::assert_no_personnummer("Excel open error", &e.to_string());
                return;
            }
        };
    let (mut yielded, mut sum, mut stopped) = (0_u64, Some(Decimal::ZERO), false);
    for row in import.by_ref() {
        match row {
            Ok(row) => {
                yielded += 1;
                sum = common::add(sum, row.budget);
            }
            Err(e) => {
                common::assert_no_personnummer("Excel import error", &e.to_string());
                stopped = true;
                break;
            }
        }
    }
    common::check_summary(import.summary(), yielded, sum, stopped);
});

mod common;
