//! Numbers, variances and frame changes as real committee documents print them.

use namnd::{Amount, Decimal, NumberUnit, SignConvention, SwedishNumber};
use serde::Deserialize;

use crate::fixtures::rows;

#[derive(Deserialize)]
struct PrintedNumber {
    document: String,
    line: String,
    text: String,
    value: Decimal,
    unit: String,
    decimals: u32,
}

fn unit_named(name: &str) -> NumberUnit {
    match name {
        "none" => NumberUnit::None,
        "kr" => NumberUnit::Kr,
        "tkr" => NumberUnit::Tkr,
        "mkr" => NumberUnit::Mkr,
        "percent" => NumberUnit::Percent,
        "count" => NumberUnit::Count,
        "days" => NumberUnit::Days,
        other => panic!("unknown unit {other} in fixture"),
    }
}

#[test]
fn every_number_printed_in_the_real_documents_parses_to_its_value_unit_and_decimals() {
    for row in rows::<PrintedNumber>("swedish-numbers.csv") {
        let at = format!("{} line {}: {:?}", row.document, row.line, row.text);
        let n = SwedishNumber::parse(&row.text).unwrap_or_else(|e| panic!("{at}: {e}"));
        assert_eq!(n.value(), row.value, "{at}");
        assert_eq!(n.unit(), unit_named(&row.unit), "{at}");
        assert_eq!(n.decimals(), row.decimals, "{at}");
    }
}

#[derive(Deserialize)]
struct PrintedVariance {
    document: String,
    line: u32,
    convention: String,
    label: String,
    budget_tkr: String,
    actual_tkr: String,
    printed_variance_tkr: String,
    verdict: String,
}

fn tkr(text: &str) -> Amount {
    let n = SwedishNumber::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    Amount::from_tkr(n.value()).unwrap()
}

/// Budget and outcome are each printed rounded to whole tkr, so a variance
/// computed from them may differ from one computed on exact figures by up to
/// 1 tkr. Anything more is a slip in the document.
#[test]
fn computed_variances_match_the_printed_ones_except_the_known_slip() {
    let one_tkr = Amount::from_tkr(1).unwrap();
    let mut slips = Vec::new();
    for row in rows::<PrintedVariance>("variances.csv") {
        let convention: SignConvention = row.convention.parse().unwrap();
        let variance = convention
            .variance(tkr(&row.budget_tkr), tkr(&row.actual_tkr))
            .unwrap();
        let printed = tkr(&row.printed_variance_tkr);
        let off = printed.checked_sub(variance.amount()).unwrap().abs();
        let verdict = if off <= one_tkr {
            "consistent"
        } else {
            slips.push(format!("{} line {} {}", row.document, row.line, row.label));
            "slip"
        };
        assert_eq!(
            verdict, row.verdict,
            "{} line {} {}: computed {}, printed {}",
            row.document, row.line, row.label, variance, printed
        );
    }
    // Flen's unit table: −1 637 − 3 095 = −4 732, printed −4 735 (domain brief §13.3).
    assert_eq!(
        slips,
        ["flen-von-namndplan-2024.txt line 1192 Övriga kostnader"]
    );
}

#[derive(Deserialize)]
struct FrameChange {
    item: String,
    amount_tkr: String,
}

#[test]
fn original_frame_plus_decided_changes_is_the_new_frame() {
    let rows = rows::<FrameChange>("frame-changes.csv");
    let (totals, parts): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.item.starts_with('='));
    let sum = Amount::try_sum(parts.iter().map(|r| tkr(&r.amount_tkr))).unwrap();
    assert_eq!(totals.len(), 1);
    assert_eq!(sum, tkr(&totals[0].amount_tkr));
}
