//! namnd-budget's CSV importers (`LedgerImporter`, `BudgetImporter`) in the
//! Machine dialect on arbitrary bytes; the first byte chooses ledger or
//! budget and the options (see `common::import_csv`). Invariants: no panic;
//! accepted + rejected = read; the rows given are the accepted ones and sum
//! to the summary's total; no message holds a personnummer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_budget::Dialect;

fuzz_target!(|data: &[u8]| common::import_csv(data, Dialect::Machine));

mod common;
