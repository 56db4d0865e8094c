//! Benchmarks of the shared vocabulary: the hot paths of every importer.
//!
//! Run with `cargo bench -p namnd-benches`. Targets (issue 10) are judged here,
//! never in unit tests.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use namnd::{Amount, Decimal, NumberFormat, Rounding, SwedishNumber};

/// Cells as real committee tables print them.
const CELLS: [&str; 8] = [
    "-263 094",
    "1 418,0",
    "8,73%",
    "9,78 %",
    "\u{2212} 2,9 mkr",
    "2 154 718 tkr",
    "(75,00%)",
    "-11 756,7",
];

fn swedish_numbers(c: &mut Criterion) {
    let mut group = c.benchmark_group("swedish_number");
    let bytes: usize = CELLS.iter().map(|s| s.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_table_cells", |b| {
        b.iter(|| {
            for cell in CELLS {
                let _ = black_box(SwedishNumber::parse(black_box(cell)));
            }
        })
    });
    let format = NumberFormat::new(0, Rounding::HalfAwayFromZero);
    let value = Decimal::new(-2_630_945, 1);
    group.throughput(Throughput::Elements(1));
    group.bench_function("format_tkr", |b| {
        b.iter(|| black_box(format.format(black_box(value))))
    });
    group.finish();
}

fn amounts(c: &mut Criterion) {
    let amounts: Vec<Amount> = (0..100_000_i64)
        .map(|i| Amount::from_ore(i * 12_345 - 500_000_000))
        .collect();
    let mut group = c.benchmark_group("amount");
    group.throughput(Throughput::Elements(amounts.len() as u64));
    group.bench_function("try_sum_100k", |b| {
        b.iter(|| black_box(Amount::try_sum(black_box(&amounts).iter().copied())))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = swedish_numbers, amounts
}
criterion_main!(benches);
