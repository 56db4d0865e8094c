//! A deterministic generator of synthetic ledgers and budgets, for tests and
//! benchmarks.
//!
//! The files have the shape of those `shared/bench/gen_ledger.py` writes (not
//! the same numbers: that script uses Python's Mersenne Twister): 60 ansvar
//! (`1100`–`1159`), each with 4 of 10 verksamheter, each of those with 6 of 10
//! cost accounts (4xxx–7xxx, positive) and 2 of 4 income accounts (3xxx,
//! negative), so 1 920 budget lines; transactions spread over the months with
//! a seasonal profile (July low, December high); about 3 % corrections (a
//! quarter of the usual amount with the opposite sign); about 5 % of the lines
//! unbudgeted. Everything is integer arithmetic in öre driven by a SplitMix64
//! generator, so a seed gives the same bytes on every platform.
//!
//! # Example
//! ```
//! use namnd_budget::generate::Generator;
//! use namnd_core::FiscalYear;
//!
//! let generator = Generator::new(7, FiscalYear::try_new(2023)?);
//! let (mut ledger, mut budget) = (Vec::new(), Vec::new());
//! generator.write_ledger(1_000, &mut ledger)?;
//! generator.write_budget(1_000, &mut budget)?;
//! assert!(ledger.starts_with(b"datum,ansvar,verksamhet,konto,belopp\n2023-"));
//! assert_eq!(ledger.iter().filter(|&&b| b == b'\n').count(), 1_001);
//! assert!(budget.starts_with(b"ansvar,verksamhet,konto,budget\n1100,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use chrono::Datelike;
use namnd_core::{FiscalYear, YearMonth};

use crate::error::{BudgetError, Result};

const VERKSAMHETER: [&str; 10] = [
    "510", "511", "520", "530", "540", "550", "560", "570", "580", "590",
];
const COST_ACCOUNTS: [&str; 10] = [
    "4010", "4510", "5010", "5110", "5410", "6110", "6410", "7010", "7310", "7610",
];
const INCOME_ACCOUNTS: [&str; 4] = ["3010", "3110", "3510", "3610"];
/// Month weights in hundredths: July low (holidays), December high (year-end bookings).
const MONTH_WEIGHTS: [u64; 12] = [100, 95, 100, 100, 100, 105, 70, 90, 100, 100, 100, 140];

/// Stream constants that keep the line, ledger and budget draws independent.
const LEDGER_STREAM: u64 = 0x6C65_6467_6572_0001;
const BUDGET_STREAM: u64 = 0x6275_6467_6574_0002;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and good enough for test data.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is below 2⁻³² for our n).
    fn below(&mut self, n: u64) -> u64 {
        // The product shifted right by 64 is below `n`, so it fits.
        u64::try_from((u128::from(self.next()) * u128::from(n)) >> 64).unwrap_or(0)
    }

    /// Uniform in `0..n`, for an index.
    fn below_usize(&mut self, n: usize) -> usize {
        usize::try_from(self.below(u64::try_from(n).unwrap_or(u64::MAX))).unwrap_or(0)
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low.saturating_add(self.below(high.saturating_sub(low).saturating_add(1)))
    }

    /// `k` distinct items of `items` in random order (partial Fisher–Yates).
    fn sample<'a>(&mut self, items: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut pool = items.to_vec();
        let n = pool.len();
        for i in 0..k.min(n) {
            let j = i.saturating_add(self.below_usize(n.saturating_sub(i)));
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// One budget line of the synthetic organisation.
#[derive(Debug, Clone)]
struct GeneratedLine {
    ansvar: String,
    verksamhet: &'static str,
    konto: &'static str,
    /// Annual scale in kronor, costs positive, income negative.
    scale_kr: i64,
    budgeted: bool,
    /// Budget factor in thousandths, 900–1100.
    budget_factor: u64,
}

/// One generated transaction.
#[derive(Debug, Clone, Copy)]
struct Transaction<'a> {
    month: YearMonth,
    day: u64,
    line: &'a GeneratedLine,
    ore: i128,
}

/// A seeded synthetic organisation that writes a ledger and a budget CSV in
/// the default machine dialect (see the [module docs](self)).
///
/// # Example
/// ```
/// use namnd_budget::generate::Generator;
/// use namnd_core::FiscalYear;
///
/// let a = Generator::new(1, FiscalYear::try_new(2023)?);
/// let b = Generator::new(1, FiscalYear::try_new(2023)?);
/// let (mut x, mut y) = (Vec::new(), Vec::new());
/// a.write_ledger(100, &mut x)?;
/// b.write_ledger(100, &mut y)?;
/// assert_eq!(x, y);
/// assert_eq!(a.line_count(), 1_920);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    year: FiscalYear,
    lines: Vec<GeneratedLine>,
}

impl Generator {
    /// The organisation for `seed`, with transactions in fiscal year `year`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_core::FiscalYear;
    /// let generator = Generator::new(42, FiscalYear::try_new(2024)?);
    /// assert_eq!(generator.year(), FiscalYear::try_new(2024)?);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(seed: u64, year: FiscalYear) -> Self {
        let mut rng = SplitMix64(seed);
        let mut lines = Vec::with_capacity(1_920);
        for ansvar in 1100..1160 {
            for verksamhet in rng.sample(&VERKSAMHETER, 4) {
                let mut accounts = rng.sample(&COST_ACCOUNTS, 6);
                accounts.extend(rng.sample(&INCOME_ACCOUNTS, 2));
                for konto in accounts {
                    let base = i64::try_from(rng.between(50_000, 5_000_000)).unwrap_or(50_000);
                    let scale_kr = if konto.starts_with('3') {
                        -(base / 3)
                    } else {
                        base
                    };
                    lines.push(GeneratedLine {
                        ansvar: ansvar.to_string(),
                        verksamhet,
                        konto,
                        scale_kr,
                        budgeted: true,
                        budget_factor: 1_000,
                    });
                }
            }
        }
        let mut budget_rng = SplitMix64(seed ^ BUDGET_STREAM);
        for line in &mut lines {
            line.budgeted = budget_rng.below(100) >= 5;
            line.budget_factor = budget_rng.between(900, 1_100);
        }
        Generator { seed, year, lines }
    }

    /// The seed.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_core::FiscalYear;
    /// assert_eq!(Generator::new(42, FiscalYear::try_new(2024)?).seed(), 42);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The fiscal year of the transactions.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_core::FiscalYear;
    /// assert_eq!(Generator::new(1, FiscalYear::try_new(2024)?).year().year(), 2024);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn year(&self) -> FiscalYear {
        self.year
    }

    /// The number of (ansvar, verksamhet, konto) lines: always 1 920.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_core::FiscalYear;
    /// assert_eq!(Generator::new(9, FiscalYear::try_new(2023)?).line_count(), 1_920);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Writes a ledger of `rows` transactions:
    /// `datum,ansvar,verksamhet,konto,belopp`, ISO dates in the fiscal year,
    /// amounts with a decimal point and two decimals, `\n` line endings.
    ///
    /// # Errors
    /// [`BudgetError::Write`] if writing fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_budget::{CsvOptions, LedgerImporter};
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// let mut ledger = Vec::new();
    /// Generator::new(3, year).write_ledger(500, &mut ledger)?;
    /// let mut import = LedgerImporter::new(&ledger[..], CsvOptions::new("gen.csv").with_fiscal_year(year))?;
    /// import.by_ref().collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(import.summary().accepted(), 500);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_ledger(&self, rows: u64, out: impl Write) -> Result<()> {
        let mut out = BufWriter::with_capacity(64 * 1024, out);
        let mut write = || -> io::Result<()> {
            out.write_all(b"datum,ansvar,verksamhet,konto,belopp\n")?;
            for t in self.transactions(rows) {
                writeln!(
                    out,
                    "{}-{:02}-{:02},{},{},{},{}",
                    t.month.year(),
                    t.month.month(),
                    t.day,
                    t.line.ansvar,
                    t.line.verksamhet,
                    t.line.konto,
                    Kr(t.ore)
                )?;
            }
            out.flush()
        };
        write().map_err(|e| write_error("generated ledger", e))
    }

    /// Writes the same `rows` transactions as [`write_ledger`](Self::write_ledger)
    /// as a SIE 4 file, the way `shared/bench/gen_ledger.py` does: PC8
    /// (CP437), CRLF line endings, the identification items, `#RAR 0` for the
    /// fiscal year, `#DIM 1 "Ansvar"` and `#DIM 20 "Verksamhet"` with their
    /// `#OBJEKT`s, a `#KONTO` per account, then vouchers `#VER "A" n` of up to 8
    /// transactions `#TRANS konto {1 "ansvar" 20 "verksamhet"} belopp datum`,
    /// each balanced by a `#TRANS 1930 {}` on the bank account and dated by
    /// its latest transaction.
    ///
    /// # Errors
    /// [`BudgetError::Write`] if writing fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// use namnd_core::FiscalYear;
    ///
    /// let year = FiscalYear::try_new(2023)?;
    /// let mut sie = Vec::new();
    /// Generator::new(3, year).write_sie(500, &mut sie)?;
    /// assert!(sie.starts_with(b"#FLAGGA 0\r\n#PROGRAM "));
    /// let mut import = SieImporter::new(&sie[..], SieOptions::new("gen.se").with_fiscal_year(year));
    /// import.by_ref().collect::<Result<Vec<_>, _>>()?;
    /// let summary = import.summary();
    /// assert_eq!((summary.accepted(), summary.skipped()), (500, 63)); // 63 vouchers, 63 bank rows
    /// assert!(summary.rejected().is_empty() && summary.notices().is_empty());
    /// assert_eq!(import.info().company.as_deref(), Some("Exempelkommun Socialnämnden"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_sie(&self, rows: u64, out: impl Write) -> Result<()> {
        const PER_VOUCHER: usize = 8;
        let mut out = BufWriter::with_capacity(64 * 1024, out);
        let year = self.year.year();
        let mut write = || -> io::Result<()> {
            out.write_all(b"#FLAGGA 0\r\n#PROGRAM \"namnd-budget\" 1.0\r\n#FORMAT PC8\r\n")?;
            out.write_all(b"#GEN 20240115\r\n#SIETYP 4\r\n")?;
            let company = crate::sie::encode_pc8("Exempelkommun Socialnämnden").unwrap_or_default();
            out.write_all(b"#FNAMN \"")?;
            out.write_all(&company)?;
            out.write_all(b"\"\r\n")?;
            write!(out, "#RAR 0 {year}0101 {year}1231\r\n")?;
            out.write_all(b"#DIM 1 \"Ansvar\"\r\n#DIM 20 \"Verksamhet\"\r\n")?;
            let mut ansvar: Vec<&str> = self.lines.iter().map(|l| l.ansvar.as_str()).collect();
            ansvar.dedup();
            for a in ansvar {
                write!(out, "#OBJEKT 1 \"{a}\" \"Ansvar {a}\"\r\n")?;
            }
            for v in VERKSAMHETER {
                write!(out, "#OBJEKT 20 \"{v}\" \"Verksamhet {v}\"\r\n")?;
            }
            let mut accounts: Vec<&str> = COST_ACCOUNTS
                .iter()
                .chain(&INCOME_ACCOUNTS)
                .copied()
                .collect();
            accounts.push("1930");
            accounts.sort_unstable();
            for k in accounts {
                write!(out, "#KONTO {k} \"Konto {k}\"\r\n")?;
            }
            let mut batch: Vec<Transaction<'_>> = Vec::with_capacity(PER_VOUCHER);
            let mut voucher = 0_u64;
            let mut flush =
                |out: &mut BufWriter<_>, batch: &mut Vec<Transaction<'_>>| -> io::Result<()> {
                    let Some(date) = batch.iter().map(|t| (t.month, t.day)).max() else {
                        return Ok(());
                    };
                    voucher = voucher.saturating_add(1);
                    write!(
                        out,
                        "#VER \"A\" {voucher} {}{:02}{:02} \"Verifikation {voucher}\"\r\n{{\r\n",
                        date.0.year(),
                        date.0.month(),
                        date.1
                    )?;
                    let mut total = 0_i128;
                    for t in batch.iter() {
                        write!(
                            out,
                            "   #TRANS {} {{1 \"{}\" 20 \"{}\"}} {} {}{:02}{:02}\r\n",
                            t.line.konto,
                            t.line.ansvar,
                            t.line.verksamhet,
                            Kr(t.ore),
                            t.month.year(),
                            t.month.month(),
                            t.day
                        )?;
                        total = total.saturating_add(t.ore);
                    }
                    write!(out, "   #TRANS 1930 {{}} {}\r\n}}\r\n", Kr(-total))?;
                    batch.clear();
                    Ok(())
                };
            for t in self.transactions(rows) {
                batch.push(t);
                if batch.len() == PER_VOUCHER {
                    flush(&mut out, &mut batch)?;
                }
            }
            flush(&mut out, &mut batch)?;
            out.flush()
        };
        write().map_err(|e| write_error("generated sie ledger", e))
    }

    /// The `rows` transactions of the ledger, in order.
    fn transactions(&self, rows: u64) -> impl Iterator<Item = Transaction<'_>> {
        let mut rng = SplitMix64(self.seed ^ LEDGER_STREAM);
        let months: Vec<YearMonth> = self.year.months().collect();
        let weight_total: u64 = MONTH_WEIGHTS.iter().sum();
        (0..rows).filter_map(move |_| {
            let line = self.lines.get(rng.below_usize(self.lines.len()))?;
            let mut pick = rng.below(weight_total);
            let mut month_index = 0;
            for (i, &w) in MONTH_WEIGHTS.iter().enumerate() {
                if pick < w {
                    month_index = i;
                    break;
                }
                pick -= w;
            }
            let month = *months.get(month_index)?;
            let day = rng.between(1, u64::from(month.last_day().day()));
            // |scale| kr × 100 öre / 400 transactions a year × uniform(0.2, 1.8).
            let factor = rng.between(20_000, 180_000);
            let magnitude = u128::from(line.scale_kr.unsigned_abs()) * u128::from(factor) / 400_000;
            let mut ore = i128::try_from(magnitude).unwrap_or(0);
            if line.scale_kr < 0 {
                ore = -ore;
            }
            if rng.below(100) < 3 {
                ore = -ore / 4; // corrections and reversals
            }
            Some(Transaction {
                month,
                day,
                line,
                ore,
            })
        })
    }

    /// Writes the budget for a ledger of `rows` transactions:
    /// `ansvar,verksamhet,konto,budget`, one row per budgeted line (about
    /// 95 %), each about the line's expected annual outcome (±10 %).
    ///
    /// # Errors
    /// [`BudgetError::Write`] if writing fails.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::generate::Generator;
    /// use namnd_budget::{BudgetImporter, CsvOptions};
    /// use namnd_core::FiscalYear;
    ///
    /// let mut budget = Vec::new();
    /// Generator::new(3, FiscalYear::try_new(2023)?).write_budget(10_000, &mut budget)?;
    /// let mut import = BudgetImporter::new(&budget[..], CsvOptions::new("budget.csv"))?;
    /// let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
    /// assert!(rows.len() > 1_700 && rows.len() < 1_920);
    /// assert!(import.summary().notices().is_empty()); // no duplicate keys
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_budget(&self, rows: u64, out: impl Write) -> Result<()> {
        let mut out = BufWriter::with_capacity(64 * 1024, out);
        let line_count = u128::try_from(self.lines.len()).unwrap_or(u128::MAX).max(1);
        let mut write = || -> io::Result<()> {
            out.write_all(b"ansvar,verksamhet,konto,budget\n")?;
            for line in self.lines.iter().filter(|l| l.budgeted) {
                // |scale| kr × 100 / 400 per transaction × rows / lines × factor / 1000.
                let magnitude = u128::from(line.scale_kr.unsigned_abs())
                    * u128::from(rows)
                    * u128::from(line.budget_factor)
                    / (4 * line_count * 1_000);
                let mut ore = i128::try_from(magnitude).unwrap_or(i128::MAX);
                if line.scale_kr < 0 {
                    ore = -ore;
                }
                writeln!(
                    out,
                    "{},{},{},{}",
                    line.ansvar,
                    line.verksamhet,
                    line.konto,
                    Kr(ore)
                )?;
            }
            out.flush()
        };
        write().map_err(|e| write_error("generated budget", e))
    }
}

fn write_error(target: &'static str, e: io::Error) -> BudgetError {
    BudgetError::Write {
        target,
        source: Arc::new(e),
    }
}

/// Öre printed as kronor with two decimals and a decimal point.
struct Kr(i128);

impl core::fmt::Display for Kr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let magnitude = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // First outputs for seed 1234567 from the reference C implementation.
        let mut rng = SplitMix64(1_234_567);
        assert_eq!(rng.next(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn sample_draws_distinct_items() {
        let mut rng = SplitMix64(5);
        for _ in 0..100 {
            let mut s = rng.sample(&VERKSAMHETER, 4);
            s.sort_unstable();
            s.dedup();
            assert_eq!(s.len(), 4);
        }
    }
}
