//! Runs the follow-up job on two files and writes the CSV to standard output;
//! the import summaries go to standard error.
//!
//! `cargo run --release -p namnd-budget --example followup -- LEDGER BUDGET YYYY-MM [OUT]`
//!
//! With `gen N SEED DIR` instead, writes `DIR/ledger.csv` and `DIR/budget.csv`
//! from the crate's deterministic generator.

use std::fs::File;
use std::io::{self, Write};

use namnd_budget::generate::Generator;
use namnd_budget::{CsvOptions, FollowUpJob, ForecastMethod, ImportSummary};
use namnd_core::{FiscalYear, YearMonth};

fn report(summary: &ImportSummary) -> io::Result<()> {
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "{}: {} rows read, {} accepted, {} rejected, total {}",
        summary.file(),
        summary.rows_read(),
        summary.accepted(),
        summary.rejected().len(),
        summary.total()
    )?;
    for problem in summary.rejected().iter().chain(summary.notices()).take(20) {
        writeln!(err, "  {problem}")?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, rows, seed, dir] = args.as_slice()
        && command == "gen"
    {
        let generator = Generator::new(seed.parse()?, FiscalYear::try_new(2023)?);
        generator.write_ledger(rows.parse()?, File::create(format!("{dir}/ledger.csv"))?)?;
        generator.write_budget(rows.parse()?, File::create(format!("{dir}/budget.csv"))?)?;
        return Ok(());
    }
    let (ledger, budget, as_of, out) = match args.as_slice() {
        [l, b, a] => (l, b, a, None),
        [l, b, a, o] => (l, b, a, Some(o)),
        _ => {
            return Err(
                "usage: followup LEDGER BUDGET YYYY-MM [OUT] | followup gen ROWS SEED DIR".into(),
            );
        }
    };
    let as_of: YearMonth = as_of.parse()?;
    let report_ = FollowUpJob::new(as_of, ForecastMethod::RunRate)
        .with_ledger_options(CsvOptions::new(ledger))
        .with_budget_options(CsvOptions::new(budget))
        .run(File::open(ledger)?, File::open(budget)?)?;
    match out {
        Some(path) => report_.write_csv(File::create(path)?)?,
        None => report_.write_csv(io::stdout().lock())?,
    }
    report(report_.ledger_summary())?;
    report(report_.budget_summary())?;
    Ok(())
}
