//! namnd-budget's SIE 4 parser (`sie::SieImporter`) on arbitrary bytes; the
//! first byte chooses the options (bit 0 fiscal year 2023, bit 1 balances
//! not kept, bit 2 dimensions 2 → ansvar and 1 → verksamhet). Invariants: no
//! panic; accepted + rejected = read; the rows given are the accepted ones
//! and sum to the summary's total; no message holds a personnummer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_budget::sie::{SieImporter, SieOptions};
use namnd_core::{Decimal, FiscalYear};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let mut options = SieOptions::new("fuzz.se");
    if flags & 0x01 != 0
        && let Ok(year) = FiscalYear::try_new(2023)
    {
        options = options.with_fiscal_year(year);
    }
    if flags & 0x02 != 0 {
        options = options.with_balances(false);
    }
    if flags & 0x04 != 0 {
        options = options
            .with_ansvar_dimension(2)
            .with_verksamhet_dimension(1);
    }
    let mut import = SieImporter::new(body, options);
    let (mut yielded, mut sum, mut stopped) = (0_u64, Some(Decimal::ZERO), false);
    for row in import.by_ref() {
        match row {
            Ok(row) => {
                yielded += 1;
                sum = common::add(sum, row.amount);
            }
            Err(e) => {
                common::assert_no_personnummer("SIE import error", &e.to_string());
                stopped = true;
                break;
            }
        }
    }
    common::check_summary(import.summary(), yielded, sum, stopped);
});

mod common;
