//! Property tests of the checker and the row splitter.

use namnd_core::{Decimal, SwedishNumber};
use proptest::prelude::*;
use proptest::sample::Index;

use super::*;

const MAIN: &str = "Tabell";
const SUMMARY: &str = "Sammanställning";

/// A table shape: `D = Σ cᵢ·Xᵢ`, a percentage column `P = N / B × 100` in the
/// leaf rows, blocks of leaf rows each closed by a subtotal (of every column
/// but `P`), and a grand total; the grand total's `D` is repeated in a
/// summary table.
#[derive(Debug, Clone)]
struct Layout {
    coefficients: Vec<i64>,
    /// Per block, per leaf row: the mantissas of the `X` columns, and of `B`
    /// and `P` (at `decimals` and `percent_decimals`).
    blocks: Vec<Vec<Leaf>>,
    decimals: u32,
    percent_decimals: u32,
}

#[derive(Debug, Clone)]
struct Leaf {
    xs: Vec<i64>,
    /// 100..=999: a corrupted `P` cannot be explained by a change of `B`
    /// small enough to hide in a total's rounding.
    base: i64,
    /// ±(20..=2 000): far enough from zero that a corrupted `B` moves `P`
    /// by more than its half unit.
    percent: i64,
}

fn layout() -> impl Strategy<Value = Layout> {
    let coefficient = prop_oneof![Just(-2i64), Just(-1), Just(1), Just(2)];
    (
        prop::collection::vec(coefficient, 2..=3),
        0u32..=1,
        0u32..=1,
    )
        .prop_flat_map(|(coefficients, decimals, percent_decimals)| {
            let percent =
                (20i64..=2_000, any::<bool>()).prop_map(|(p, neg)| if neg { -p } else { p });
            let leaf = (
                prop::collection::vec(-1_000_000i64..=1_000_000, coefficients.len()),
                100i64..=999,
                percent,
            )
                .prop_map(|(xs, base, percent)| Leaf { xs, base, percent });
            let blocks = prop::collection::vec(prop::collection::vec(leaf, 1..=4), 1..=3);
            (
                Just(coefficients),
                blocks,
                Just(decimals),
                Just(percent_decimals),
            )
        })
        .prop_map(
            |(coefficients, blocks, decimals, percent_decimals)| Layout {
                coefficients,
                blocks,
                decimals,
                percent_decimals,
            },
        )
}

/// What a row is in the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Leaf { block: usize },
    Subtotal { block: usize },
    GrandTotal,
}

struct Built {
    /// Row label, kind and exact values (`X₁ … Xₖ, D, N, B, P`) of the main
    /// table; `P` is missing in total rows.
    rows: Vec<(String, Kind, Vec<Option<Decimal>>)>,
    columns: Vec<String>,
    /// The stated decimals of each column.
    decimals: Vec<u32>,
    rules: Vec<Rule>,
}

/// Rule indices in [`Built::rules`].
const RELATION_RULE: usize = 0;

impl Built {
    fn blocks(&self) -> usize {
        self.rules.len() - 4
    }
    fn grand_rule(&self) -> usize {
        self.blocks() + 1
    }
    fn equality_rule(&self) -> usize {
        self.blocks() + 2
    }
    fn percentage_rule(&self) -> usize {
        self.blocks() + 3
    }
    /// The number of `X` columns.
    fn k(&self) -> usize {
        self.columns.len() - 4
    }
}

impl Layout {
    fn build(&self) -> Built {
        let k = self.coefficients.len();
        let mut columns: Vec<String> = (1..=k).map(|i| format!("X{i}")).collect();
        columns.extend(["D", "N", "B", "P"].map(String::from));
        let (d, pd) = (self.decimals, self.percent_decimals);
        let mut decimals = vec![d; k + 1];
        decimals.extend([d + pd + 2, d, pd]);
        let leaf_values = |leaf: &Leaf| {
            let xs: Vec<Decimal> = leaf.xs.iter().map(|m| Decimal::new(*m, d)).collect();
            let dv: Decimal = xs
                .iter()
                .zip(&self.coefficients)
                .map(|(x, c)| x * Decimal::from(*c))
                .sum();
            let b = Decimal::new(leaf.base, d);
            let p = Decimal::new(leaf.percent, pd);
            let n = p * b / Decimal::ONE_HUNDRED;
            let mut all: Vec<Option<Decimal>> = xs.into_iter().map(Some).collect();
            all.extend([Some(dv), Some(n), Some(b), Some(p)]);
            all
        };
        // Totals add every column but `P`, which they leave empty.
        let add = |a: &[Option<Decimal>], b: &[Option<Decimal>]| -> Vec<Option<Decimal>> {
            let mut sum: Vec<Option<Decimal>> = a
                .iter()
                .zip(b)
                .map(|(x, y)| Some(x.unwrap_or_default() + y.unwrap_or_default()))
                .collect();
            *sum.last_mut().unwrap() = None;
            sum
        };
        let mut rows = Vec::new();
        let mut leaves = Vec::new();
        let zero = vec![None; k + 4];
        let mut grand = zero.clone();
        for (b, block) in self.blocks.iter().enumerate() {
            let mut subtotal = zero.clone();
            for (i, leaf) in block.iter().enumerate() {
                let values = leaf_values(leaf);
                subtotal = add(&subtotal, &values);
                grand = add(&grand, &values);
                let label = format!("Rad {}.{}", b + 1, i + 1);
                leaves.push(label.clone());
                rows.push((label, Kind::Leaf { block: b }, values));
            }
            rows.push((
                format!("Delsumma {}", b + 1),
                Kind::Subtotal { block: b },
                subtotal,
            ));
        }
        rows.push(("Totalt".into(), Kind::GrandTotal, grand));

        let terms = self
            .coefficients
            .iter()
            .zip(&columns)
            .map(|(c, col)| Term::times(Decimal::from(*c), col.clone()));
        let summed: Vec<String> = columns[..k + 3].to_vec();
        let mut rules: Vec<Rule> = vec![Relation::new(MAIN, "D", terms).into()];
        for b in 0..self.blocks.len() {
            rules.push(
                Total::above(MAIN, format!("Delsumma {}", b + 1))
                    .in_columns(summed.clone())
                    .into(),
            );
        }
        rules.push(Total::all_above(MAIN, "Totalt").in_columns(summed).into());
        rules.push(
            Equality::new(
                CellRef::new(SUMMARY, "Totalt", "D"),
                CellRef::new(MAIN, "Totalt", "D"),
            )
            .into(),
        );
        rules.push(Percentage::new(MAIN, "P", "N", "B").in_rows(leaves).into());
        Built {
            rows,
            columns,
            decimals,
            rules,
        }
    }
}

impl Built {
    /// The exact `D` of the grand total.
    fn grand_d(&self) -> Decimal {
        self.rows.last().unwrap().2[self.k()].unwrap()
    }

    /// Every stated cell as `(row, column)`; `row == rows.len()` is the
    /// summary cell.
    fn stated_cells(&self) -> Vec<(usize, usize)> {
        let mut cells: Vec<(usize, usize)> = self
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, (_, _, values))| {
                values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_some())
                    .map(move |(c, _)| (r, c))
            })
            .collect();
        cells.push((self.rows.len(), self.k()));
        cells
    }

    /// The tables, with the main table's `(row, column)` replaced by `value`
    /// (`row == rows.len()` means the summary cell).
    fn tables(&self, replace: Option<(usize, usize, Decimal)>) -> Vec<Table> {
        let stated = |v: Decimal, c: usize| Some(StatedValue::new(v, self.decimals[c]).unwrap());
        let mut main = Table::new(MAIN, self.columns.clone()).unwrap();
        for (r, (label, _, values)) in self.rows.iter().enumerate() {
            let cells = values.iter().enumerate().map(|(c, v)| match replace {
                Some((rr, cc, new)) if (rr, cc) == (r, c) => stated(new, c),
                _ => v.and_then(|v| stated(v, c)),
            });
            main.push_row(label.clone(), cells).unwrap();
        }
        let summary_d = match replace {
            Some((rr, _, new)) if rr == self.rows.len() => new,
            _ => self.grand_d(),
        };
        let summary = Table::new(SUMMARY, ["D"])
            .unwrap()
            .with_row("Totalt", [stated(summary_d, self.k())])
            .unwrap();
        vec![main, summary]
    }

    /// The (rule, target cell) of every instance that reads the cell.
    fn instances_reading(&self, row: usize, column: usize) -> Vec<(usize, CellRef)> {
        if row == self.rows.len() {
            return vec![(self.equality_rule(), CellRef::new(SUMMARY, "Totalt", "D"))];
        }
        let col = &self.columns[column];
        let (label, kind, _) = &self.rows[row];
        let mut out = Vec::new();
        if column <= self.k() {
            out.push((RELATION_RULE, CellRef::new(MAIN, label.clone(), "D")));
        }
        if col == "P" {
            out.push((
                self.percentage_rule(),
                CellRef::new(MAIN, label.clone(), "P"),
            ));
            return out;
        }
        match kind {
            Kind::Leaf { block } => {
                if col == "N" || col == "B" {
                    out.push((
                        self.percentage_rule(),
                        CellRef::new(MAIN, label.clone(), "P"),
                    ));
                }
                out.push((
                    block + 1,
                    CellRef::new(MAIN, format!("Delsumma {}", block + 1), col.clone()),
                ));
                out.push((self.grand_rule(), CellRef::new(MAIN, "Totalt", col.clone())));
            }
            Kind::Subtotal { block } => {
                out.push((block + 1, CellRef::new(MAIN, label.clone(), col.clone())));
            }
            Kind::GrandTotal => {
                out.push((self.grand_rule(), CellRef::new(MAIN, "Totalt", col.clone())));
                if col == "D" {
                    out.push((self.equality_rule(), CellRef::new(SUMMARY, "Totalt", "D")));
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

proptest! {
    #[test]
    fn relation_totals_and_percentages_of_exact_values_have_no_findings(layout in layout()) {
        let built = layout.build();
        let report = check(&built.tables(None), &built.rules).unwrap();
        prop_assert_eq!(&report.findings, &vec![]);
        prop_assert_eq!(&report.unchecked, &vec![]);
        let rows = built.rows.len();
        let leaves: usize = layout.blocks.iter().map(Vec::len).sum();
        let totals = (layout.blocks.len() + 1) * (built.columns.len() - 1);
        prop_assert_eq!(report.evaluated, rows + totals + 1 + leaves);
    }

    #[test]
    fn one_corrupted_cell_yields_its_findings_and_its_fix(
        layout in layout(),
        which in any::<Index>(),
        delta in 1_000i64..=10_000_000,
        negative in any::<bool>(),
    ) {
        let built = layout.build();
        let cells = built.stated_cells();
        let (row, column) = cells[which.index(cells.len())];
        let original = match built.rows.get(row) {
            Some((_, _, values)) => values[column].unwrap(),
            None => built.grand_d(),
        };
        let scale = layout.decimals.min(built.decimals[column]);
        let delta = Decimal::new(if negative { -delta } else { delta }, scale);
        let corrupted = original + delta;
        let report = check(&built.tables(Some((row, column, corrupted))), &built.rules).unwrap();

        let mut found: Vec<(usize, CellRef)> = report.findings.iter().map(|f| (f.rule, f.cell.clone())).collect();
        found.sort();
        prop_assert_eq!(found, built.instances_reading(row, column));
        prop_assert!(report.findings.iter().all(|f| f.class == Class::Error));
        prop_assert_eq!(&report.unchecked, &vec![]);

        let cell = if row == built.rows.len() {
            CellRef::new(SUMMARY, "Totalt", "D")
        } else {
            CellRef::new(MAIN, built.rows[row].0.clone(), built.columns[column].clone())
        };
        let fix = CellFix::new(cell, corrupted, original);
        for finding in &report.findings {
            prop_assert_eq!(&finding.fixes, &vec![fix.clone()]);
        }
    }
}

// ------------------------------------------------------------- row splitter

/// `value` printed the Swedish way with `decimals` decimals and `minus`.
fn swedish(value: Decimal, decimals: u32, minus: &str) -> String {
    let mut v = value.abs();
    v.rescale(decimals);
    let digits = v.mantissa().to_string();
    let digits = format!("{digits:0>width$}", width = decimals as usize + 1);
    let (int, frac) = digits.split_at(digits.len() - decimals as usize);
    let mut groups: Vec<&str> = Vec::new();
    let mut end = int.len();
    while end > 0 {
        let start = end.saturating_sub(3);
        groups.push(&int[start..end]);
        end = start;
    }
    groups.reverse();
    let sign = if value.is_sign_negative() && !value.is_zero() {
        minus
    } else {
        ""
    };
    let frac = if decimals > 0 {
        format!(",{frac}")
    } else {
        String::new()
    };
    format!("{sign}{}{frac}", groups.join(" "))
}

/// The grouping rule of the splitter, written independently: an optional sign
/// (maybe followed by a space), a first group of 1–3 digits without a leading
/// zero unless it is `0`, groups of exactly 3, decimals after the last group.
fn is_grouped(part: &str) -> bool {
    let body = part
        .strip_prefix(['-', '\u{2212}', '\u{2013}', '+'])
        .map_or(part, |rest| rest.strip_prefix(' ').unwrap_or(rest));
    let (int, frac) = match body.split_once(',') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !frac.is_none_or(digits) {
        return false;
    }
    let groups: Vec<&str> = int.split(' ').collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| digits(g) && g.len() <= 3 && (g.len() == 1 || !g.starts_with('0')));
    first_ok && groups.iter().skip(1).all(|g| digits(g) && g.len() == 3)
}

/// Every reading of `text` as `columns` grouped numbers whose last is the sum
/// of the others within rounding, by brute force over the cut points.
fn brute_force(text: &str, columns: usize) -> Vec<Vec<StatedValue>> {
    let tokens: Vec<&str> = text.split(' ').collect();
    let gaps = tokens.len() - 1;
    let mut out = Vec::new();
    for cuts in 0u32..(1 << gaps) {
        if cuts.count_ones() as usize + 1 != columns {
            continue;
        }
        let mut parts: Vec<Vec<&str>> = vec![vec![tokens[0]]];
        for (gap, token) in tokens.iter().enumerate().skip(1) {
            if cuts & (1 << (gap - 1)) != 0 {
                parts.push(vec![token]);
            } else {
                parts.last_mut().unwrap().push(token);
            }
        }
        let texts: Vec<String> = parts.iter().map(|p| p.join(" ")).collect();
        if !texts.iter().all(|t| is_grouped(t)) {
            continue;
        }
        let values: Vec<StatedValue> = texts
            .iter()
            .map(|t| StatedValue::from(SwedishNumber::parse(t).unwrap()))
            .collect();
        let (last, rest) = values.split_last().unwrap();
        let sum: Decimal = rest.iter().map(StatedValue::value).sum();
        // The checker's model: the terms' half units, plus the total's own
        // unless it has the decimals of every term.
        let mut slack: Decimal = rest.iter().map(StatedValue::half_unit).sum();
        if rest.iter().any(|v| v.decimals() != last.decimals()) {
            slack += last.half_unit();
        }
        if (last.value() - sum).abs() <= slack {
            out.push(values);
        }
    }
    out
}

fn row_numbers() -> impl Strategy<Value = (Vec<Decimal>, u32, Vec<&'static str>)> {
    let magnitude = (1u32..=7).prop_flat_map(|digits| 10i64.pow(digits - 1)..10i64.pow(digits));
    let number = (magnitude, any::<bool>(), 0i64..100)
        .prop_map(|(m, negative, frac)| (if negative { -m } else { m }, frac));
    let minus = prop_oneof![Just("-"), Just("\u{2212}"), Just("\u{2013}"), Just("- ")];
    (prop::collection::vec((number, minus), 1..=3), 0u32..=2).prop_map(|(numbers, decimals)| {
        let scale = 10i64.pow(decimals);
        let mut values: Vec<Decimal> = numbers
            .iter()
            .map(|((m, frac), _)| Decimal::new(m * scale + m.signum() * (frac % scale), decimals))
            .collect();
        values.push(values.iter().sum());
        let mut minus: Vec<&str> = numbers.iter().map(|(_, minus)| *minus).collect();
        minus.push("-");
        (values, decimals, minus)
    })
}

proptest! {
    #[test]
    fn row_split_recovers_generated_rows((values, decimals, minus) in row_numbers()) {
        let text = values
            .iter()
            .zip(&minus)
            .map(|(v, m)| swedish(*v, decimals, m))
            .collect::<Vec<_>>()
            .join(" ");
        let columns = values.len();
        let rule = SplitRule::sum(columns - 1, 0..columns - 1);
        let split = split_numbers(&text, columns, &[rule]).unwrap();
        let original: Vec<StatedValue> = values.iter().map(|v| StatedValue::new(*v, decimals).unwrap()).collect();

        let candidates = split.candidates();
        prop_assert!(candidates.contains(&original), "{text}: {split:?}");
        // Exactly the readings an independent brute force finds: so the split
        // is unique precisely when the rule pins the original.
        let expected = brute_force(&text, columns);
        prop_assert_eq!(candidates.len(), expected.len(), "{}: {:?}", text, split);
        prop_assert!(expected.iter().all(|e| candidates.contains(e)));
        if expected.len() == 1 {
            prop_assert_eq!(split, Split::Unique(original));
        }
    }
}

/// Text that looks like rows of PDF numbers: digits, spaces, signs, commas,
/// and now and then a letter.
fn numberish_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 ,+\\-\u{2212}\u{2013}\u{a0}]{0,80}",
        "[0-9 ]{0,120}",
        "[a-z0-9 ,\\-]{0,40}",
        any::<String>(),
    ]
}

fn any_columns() -> impl Strategy<Value = usize> {
    prop_oneof![
        0usize..=12,
        Just(usize::MAX),
        Just(1usize << 40),
        any::<usize>(),
    ]
}

fn any_split_rules() -> impl Strategy<Value = Vec<SplitRule>> {
    let position = prop_oneof![0usize..=6, any::<usize>()];
    let rule = (position.clone(), prop::collection::vec(position, 0..=3))
        .prop_map(|(target, terms)| SplitRule::sum(target, terms));
    prop::collection::vec(rule, 0..=2)
}

proptest! {
    #[test]
    fn row_split_never_panics(
        text in numberish_text(),
        columns in any_columns(),
        rules in any_split_rules(),
    ) {
        let split = split_numbers(&text, columns, &rules);
        let row = split_row(&text, columns, &rules);
        if let (Ok(split), Ok(row)) = (&split, &row) {
            for values in split.candidates().iter().chain(row.split.candidates()) {
                prop_assert_eq!(values.len(), columns);
            }
        }
    }
}
