//! Benchmarks of issue 10: the ledger importers and the follow-up job, one
//! forecast per line, `check` on a large table, and staff continuity.
//!
//! Run with `cargo bench -p namnd-benches --bench followup`. The end-to-end
//! comparison with DuckDB, polars and pandas is `benches/followup-vs-peers.sh`;
//! figures and how to read them are in `docs/performance.md`.
//!
//! | Group | What one iteration does |
//! |---|---|
//! | `import/csv_ledger_job` | the follow-up job on a 100 000-row generated CSV ledger (throughput in bytes) |
//! | `import/sie_ledger_job` | the same transactions as SIE 4 (throughput in bytes: the 300 MB/s target) |
//! | `forecast/run_rate_100k_lines` | one run-rate forecast (`namnd_calc::forecast`) per line for 100 000 lines |
//! | `check/1000_rows_5_rules` | `namnd_calc::check::check` on a 1 000-row table with 5 rules |
//! | `continuity/visits` | `namnd_kpi::continuity` over `NAMND_BENCH_VISITS` visits (default 10 000 000) |

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namnd::{Amount, FiscalYear, YearMonth};
use namnd_budget::generate::Generator;
use namnd_budget::{FollowUpJob, ForecastMethod, LedgerFormat};
use namnd_calc::check::{Percentage, Relation, Rule, StatedValue, Table, Total};
use namnd_calc::forecast::{Forecast, ForecastInput, Method};
use namnd_kpi::continuity::{Continuity, ContinuityConfig, Visit};

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

const LEDGER_ROWS: u64 = 100_000;

/// The generated ledger as CSV and SIE, and its budget.
fn ledgers() -> BenchResult<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let generator = Generator::new(7, FiscalYear::try_new(2023)?);
    let (mut csv, mut sie, mut budget) = (Vec::new(), Vec::new(), Vec::new());
    generator.write_ledger(LEDGER_ROWS, &mut csv)?;
    generator.write_sie(LEDGER_ROWS, &mut sie)?;
    generator.write_budget(LEDGER_ROWS, &mut budget)?;
    Ok((csv, sie, budget))
}

fn import(c: &mut Criterion) -> BenchResult<()> {
    let (csv, sie, budget) = ledgers()?;
    let job = FollowUpJob::new(YearMonth::try_new(2023, 8)?, ForecastMethod::RunRate);
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(csv.len() as u64));
    let csv_job = job.clone().with_ledger_format(LedgerFormat::Csv);
    group.bench_function("csv_ledger_job", |b| {
        b.iter(|| black_box(csv_job.run(black_box(&csv[..]), &budget[..]).is_ok()))
    });
    group.throughput(Throughput::Bytes(sie.len() as u64));
    let sie_job = job.with_ledger_format(LedgerFormat::Sie4);
    group.bench_function("sie_ledger_job", |b| {
        b.iter(|| black_box(sie_job.run(black_box(&sie[..]), &budget[..]).is_ok()))
    });
    group.finish();
    Ok(())
}

fn forecasts(c: &mut Criterion) -> BenchResult<()> {
    const LINES: i64 = 100_000;
    let as_of = YearMonth::try_new(2023, 8)?;
    let inputs = (0..LINES)
        .map(|i| {
            let month = Amount::from_ore(i * 1_237 - 40_000_000);
            ForecastInput::new(as_of, [month; 8], Amount::from_ore(i * 15_000))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut group = c.benchmark_group("forecast");
    group.sample_size(20);
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function("run_rate_100k_lines", |b| {
        b.iter(|| {
            for input in &inputs {
                let _ = black_box(Forecast::compute(black_box(input), &Method::RunRate));
            }
        })
    });
    group.finish();
    Ok(())
}

fn check_table(c: &mut Criterion) -> BenchResult<()> {
    const ROWS: i64 = 1_000;
    let columns = ["Budget", "Utfall", "Avvikelse", "Andel", "Prognos"];
    let mut table = Table::new("t", columns)?;
    let cell = |v: i64| StatedValue::parse(&v.to_string()).map(Some);
    for row in 0..ROWS {
        let (budget, utfall) = (10_000 + row * 7, 9_000 + row * 5);
        // Every tenth row has an error in its variance.
        let avvikelse = budget - utfall + i64::from(row % 10 == 0);
        let andel = StatedValue::parse(
            &format!("{:.1}", utfall as f64 * 100.0 / budget as f64).replace('.', ","),
        )?;
        table = table.with_row(
            format!("rad {row}"),
            [
                cell(budget)?,
                cell(utfall)?,
                cell(avvikelse)?,
                Some(andel),
                cell(utfall * 12 / 8)?,
            ],
        )?;
    }
    let (budget_sum, utfall_sum): (i64, i64) = (0..ROWS)
        .map(|r| (10_000 + r * 7, 9_000 + r * 5))
        .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
    let summa_avvikelse = budget_sum - utfall_sum + ROWS / 10;
    let summa_prognos: i64 = (0..ROWS).map(|r| (9_000 + r * 5) * 12 / 8).sum();
    table = table.with_row(
        "Summa",
        [
            cell(budget_sum)?,
            cell(utfall_sum)?,
            cell(summa_avvikelse)?,
            None,
            cell(summa_prognos)?,
        ],
    )?;
    let rules: Vec<Rule> = vec![
        Relation::difference("t", "Avvikelse", "Budget", "Utfall").into(),
        Percentage::new("t", "Andel", "Utfall", "Budget").into(),
        Total::all_above("t", "Summa").into(),
        Relation::sum("t", "Prognos", ["Utfall", "Utfall"]).into(),
        Relation::sum("t", "Budget", ["Utfall", "Avvikelse"]).into(),
    ];
    let tables = [table];
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("1000_rows_5_rules", |b| {
        b.iter(|| black_box(namnd_calc::check::check(black_box(&tables), &rules)))
    });
    group.finish();
    Ok(())
}

fn continuity(c: &mut Criterion) -> BenchResult<()> {
    let visits: u64 = std::env::var("NAMND_BENCH_VISITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let from = NaiveDate::from_ymd_opt(2023, 10, 2).ok_or("date")?;
    let born = NaiveDate::from_ymd_opt(1940, 3, 4).ok_or("date")?;
    let recipients: Vec<String> = (0..20_000).map(|i| format!("b{i}")).collect();
    let staff: Vec<String> = (0..2_000).map(|i| format!("p{i}")).collect();
    let days: Vec<NaiveDate> = (0..14)
        .filter_map(|d| from.checked_add_days(chrono::Days::new(d)))
        .collect();
    let mut group = c.benchmark_group("continuity");
    group.sample_size(10);
    group.throughput(Throughput::Elements(visits));
    group.bench_function("visits", |b| {
        b.iter(|| {
            let mut continuity = Continuity::new(ContinuityConfig::new(from));
            for i in 0..visits {
                let n = usize::try_from(i).unwrap_or_default();
                let (Some(&day), Some(recipient), Some(worker)) = (
                    days.get(n % days.len()),
                    recipients.get(n % recipients.len()),
                    staff.get((n / 7) % staff.len()),
                ) else {
                    continue;
                };
                let hour = 7 + u32::try_from(n % 14).unwrap_or_default();
                let (Some(start), Some(end)) =
                    (day.and_hms_opt(hour, 0, 0), day.and_hms_opt(hour, 30, 0))
                else {
                    continue;
                };
                let visit = Visit::new(recipient, born, worker, start, end, "omsorg");
                let _ = continuity.add(&visit);
            }
            black_box(continuity.finish())
        })
    });
    group.finish();
    Ok(())
}

fn all(c: &mut Criterion) {
    for (name, result) in [
        ("import", import(c)),
        ("forecast", forecasts(c)),
        ("check", check_table(c)),
        ("continuity", continuity(c)),
    ] {
        if let Err(e) = result {
            eprintln!("benchmark {name} could not be set up: {e}");
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = all
}
criterion_main!(benches);
