//! Helpers shared by the fuzz targets (each target uses some of them).
#![allow(dead_code)]

use chrono::NaiveDate;
use namnd_core::Personnummer;

/// The fixed reference date of every personnummer check, so that a run is
/// reproducible whatever the day.
pub fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

/// The first substring of `text` that [`Personnummer::parse`] accepts as a
/// valid personnummer or samordningsnummer: 10 to 13 characters of ASCII
/// digits, `-` and `+`, starting and ending with a digit, with no ASCII digit
/// directly before or after (a longer run of digits is not an identity
/// number, and `redact_identity_numbers` rightly leaves it alone).
pub fn find_personnummer(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let today = reference_date();
    for start in 0..bytes.len() {
        let first = bytes[start];
        if !first.is_ascii_digit() || (start > 0 && bytes[start - 1].is_ascii_digit()) {
            continue;
        }
        for len in 10..=13 {
            let end = start + len;
            if end > bytes.len() {
                break;
            }
            let window = &bytes[start..end];
            if !window
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b'-' || *b == b'+')
            {
                break;
            }
            if !bytes[end - 1].is_ascii_digit() || bytes.get(end).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            // ASCII only, so a valid str.
            let candidate = std::str::from_utf8(window).unwrap_or_default();
            if Personnummer::parse(candidate, today).is_ok() {
                return Some(candidate.to_owned());
            }
        }
    }
    None
}

/// Panics if `message` (an error or notice shown to a user) holds a valid
/// personnummer.
pub fn assert_no_personnummer(what: &str, message: &str) {
    if let Some(found) = find_personnummer(message) {
        panic!("{what} leaks a personnummer {found:?}: {message:?}");
    }
}

use namnd_budget::{
    BudgetImporter, CsvOptions, Dialect, DuplicateKeys, ImportSummary, LedgerImporter,
};
use namnd_core::{Amount, Decimal, FiscalYear};

/// Adds up accepted amounts in kronor, exactly (`None` once out of range).
pub fn add(sum: Option<Decimal>, amount: Amount) -> Option<Decimal> {
    sum?.checked_add(amount.as_kr())
}

/// The invariants of every import summary: every row read was accepted or
/// rejected; the rows the iterator gave are the accepted ones and add up to
/// the summary's total (unless the import stopped on an error); no message
/// holds a personnummer.
pub fn check_summary(summary: &ImportSummary, yielded: u64, sum: Option<Decimal>, stopped: bool) {
    assert_eq!(
        summary.accepted().checked_add(summary.rejected_count()),
        Some(summary.rows_read()),
        "accepted {} + rejected {} != read {}",
        summary.accepted(),
        summary.rejected_count(),
        summary.rows_read()
    );
    assert_eq!(
        summary.total_ore(),
        summary.debit_ore().saturating_add(summary.credit_ore()),
        "total != debit + credit"
    );
    assert!(
        summary.debit_ore() >= 0 && summary.credit_ore() <= 0,
        "debit/credit signs"
    );
    assert!(summary.rejected().len() as u64 <= summary.rejected_count());
    assert!(summary.notices().len() as u64 <= summary.notice_count());
    let by_reason: u64 = summary.rejected_by_reason().map(|(_, n)| n).sum();
    assert_eq!(
        by_reason,
        summary.rejected_count(),
        "rejected_by_reason does not add up"
    );
    if !stopped {
        assert_eq!(yielded, summary.accepted(), "rows given != accepted");
        if let (Some(sum), Some(total)) = (
            sum,
            Decimal::try_from_i128_with_scale(summary.total_ore(), 2).ok(),
        ) {
            assert_eq!(sum, total, "sum of the rows given != summary total");
        }
    }
    for e in summary.rejected().iter().chain(summary.notices()) {
        assert_no_personnummer("import message", &e.to_string());
    }
}

/// Runs the CSV ledger or budget importer over `data` in `dialect` (`None`:
/// detected). The first byte chooses the options: bit 0 budget instead of
/// ledger, bit 1 fiscal year 2023, bit 2 a report limit of 2, bit 3
/// duplicate budget keys rejected, bit 4 the dialect detected, not forced.
pub fn import_csv(data: &[u8], dialect: Dialect) {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let mut options = CsvOptions::new("fuzz.csv");
    if flags & 0x10 == 0 {
        options = options.with_dialect(dialect);
    }
    if flags & 0x02 != 0
        && let Ok(year) = FiscalYear::try_new(2023)
    {
        options = options.with_fiscal_year(year);
    }
    if flags & 0x04 != 0 {
        options = options.with_report_limit(2);
    }
    if flags & 0x08 != 0 {
        options = options.with_duplicate_keys(DuplicateKeys::Reject);
    }
    let (mut yielded, mut sum, mut stopped) = (0_u64, Some(Decimal::ZERO), false);
    if flags & 0x01 == 0 {
        let Ok(mut import) = LedgerImporter::new(body, options) else {
            return;
        };
        for row in import.by_ref() {
            match row {
                Ok(row) => {
                    yielded += 1;
                    sum = add(sum, row.amount);
                }
                Err(e) => {
                    assert_no_personnummer("ledger import error", &e.to_string());
                    stopped = true;
                    break;
                }
            }
        }
        check_summary(import.summary(), yielded, sum, stopped);
    } else {
        let Ok(mut import) = BudgetImporter::new(body, options) else {
            return;
        };
        for row in import.by_ref() {
            match row {
                Ok(row) => {
                    yielded += 1;
                    sum = add(sum, row.budget);
                }
                Err(e) => {
                    assert_no_personnummer("budget import error", &e.to_string());
                    stopped = true;
                    break;
                }
            }
        }
        check_summary(import.summary(), yielded, sum, stopped);
    }
}
