//! namnd-budget's follow-up job (`FollowUpJob`) on an arbitrary CSV ledger,
//! read on one thread and on several: the calling thread cuts the ledger
//! into blocks of whole lines for the workers, which import them with their
//! own copy of the field checks (`BlockReader`), and the block summaries are
//! merged in file order. Invariant: whatever the bytes, one thread and three
//! threads give the same output, the same counts, totals and encoding, the
//! same rejections and notices in the same order, or the same error; no
//! message holds a personnummer. The first byte chooses the as-of month
//! (1–12) and the dialect (bit 4: Swedish Excel instead of detected).
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_budget::{BudgetError, CsvOptions, Dialect, FollowUp, FollowUpJob, ForecastMethod};
use namnd_core::YearMonth;

const BUDGET: &[u8] = b"ansvar,verksamhet,konto,budget\n1100,510,4010,50.00\n";

/// Everything a user can see of a run.
fn describe(result: Result<FollowUp, BudgetError>) -> String {
    let report = match result {
        Ok(report) => report,
        Err(error) => {
            let message = error.to_string();
            common::assert_no_personnummer("follow-up error", &message);
            return format!("error: {message}");
        }
    };
    let mut out = Vec::new();
    if let Err(error) = report.write_csv(&mut out) {
        return format!("write error: {error}");
    }
    let summary = report.ledger_summary();
    let messages: Vec<String> = summary
        .rejected()
        .iter()
        .chain(summary.notices())
        .map(ToString::to_string)
        .collect();
    for message in &messages {
        common::assert_no_personnummer("ledger message", message);
    }
    format!(
        "{}\n{} {} {} {} {:?} {:?} {:?} {} {}\n{messages:#?}\n{:?}",
        String::from_utf8_lossy(&out),
        summary.rows_read(),
        summary.accepted(),
        summary.rejected_count(),
        summary.notice_count(),
        summary.total(),
        summary.debit(),
        summary.encoding(),
        report.rows_after_as_of(),
        report.rows_outside_year(),
        summary.rejected_by_reason().collect::<Vec<_>>(),
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, ledger)) = data.split_first() else {
        return;
    };
    let Ok(as_of) = YearMonth::try_new(2023, u32::from(flags % 12) + 1) else {
        return;
    };
    let mut options = CsvOptions::new("fuzz.csv");
    if flags & 0x10 != 0 {
        options = options.with_dialect(Dialect::SwedishExcel);
    }
    let job = FollowUpJob::new(as_of, ForecastMethod::RunRate).with_ledger_options(options);
    let one = describe(job.clone().with_threads(1).run(ledger, BUDGET));
    let several = describe(job.with_threads(3).run(ledger, BUDGET));
    assert_eq!(one, several, "one thread and three threads differ");
});

mod common;
