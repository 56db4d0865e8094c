//! Golden tests with figures transcribed from real committee documents in
//! `shared/docs/real-documents/` (cited by file and line; never read at run
//! time), and the typed errors of bad input.

use namnd_core::{Decimal, Rounding};

use super::*;
use crate::CalcError;

/// A table from printed texts; `""` is a missing cell.
fn table(name: &str, columns: &[&str], rows: &[(&str, &[&str])]) -> Table {
    let mut t = Table::new(name, columns.iter().copied()).unwrap();
    for (label, cells) in rows {
        let cells = cells
            .iter()
            .map(|c| (!c.is_empty()).then(|| StatedValue::parse(c).unwrap()));
        t.push_row(*label, cells).unwrap();
    }
    t
}

fn d(text: &str) -> Decimal {
    StatedValue::parse(text).unwrap().value()
}

fn cell(table: &str, row: &str, column: &str) -> CellRef {
    CellRef::new(table, row, column)
}

// ------------------------------------------------------------------ Oxelösund

/// oxelosund-von-arsredovisning-2021.txt, "Ekonomiskt utfall 2021, tkr",
/// header lines 1835–1836, rows lines 1838–1853, exactly as extracted.
const OXELOSUND_2021_LINES: [&str; 16] = [
    "Nämndverksamhet 850 0 -882 -32",
    "Miljö- o hälsoskydd 86 116 -289 -87",
    "Gem administration 6 790 270 -7 090 -30",
    "Missbruk.vård vuxna 11 887 135 -13 322 -1 300",
    "Barn- o ungdvård 19 834 1 674 -21 876 -368",
    "Ek bistånd 14 516 579 -14 920 175",
    "Övrig individ o familjeomsorg 5 512 1 413 -7 346 -421",
    "Äldreomsorg, ordinärt boende 83 578 11 681 -98 139 -2 880",
    "Äldreomsorg, särskilt boende 97 234 22 592 -114 036 5 790",
    "Övrig äldreomsorg 4 649 665 -4 364 950",
    "Insatser enl LSS 56 247 5 743 -59 091 2 899",
    "Färdtjänst 2 049 91 -1 589 551",
    "Förebygg verksamhet 521 5 -536 -10",
    "Integration 1 5 341 -4 405 937",
    "Arbetsmarknadsåtgärder 2 195 3 342 -4 393 1 144",
    "Summa för ansvarsområdet 305 949 53 647 -352 278 7 318",
];

/// The same rows, split by hand: label, Anslag, Övriga intäkter, Kostnad, Resultat.
const OXELOSUND_2021: [(&str, [&str; 4]); 16] = [
    ("Nämndverksamhet", ["850", "0", "-882", "-32"]),
    ("Miljö- o hälsoskydd", ["86", "116", "-289", "-87"]),
    ("Gem administration", ["6 790", "270", "-7 090", "-30"]),
    (
        "Missbruk.vård vuxna",
        ["11 887", "135", "-13 322", "-1 300"],
    ),
    ("Barn- o ungdvård", ["19 834", "1 674", "-21 876", "-368"]),
    ("Ek bistånd", ["14 516", "579", "-14 920", "175"]),
    (
        "Övrig individ o familjeomsorg",
        ["5 512", "1 413", "-7 346", "-421"],
    ),
    (
        "Äldreomsorg, ordinärt boende",
        ["83 578", "11 681", "-98 139", "-2 880"],
    ),
    (
        "Äldreomsorg, särskilt boende",
        ["97 234", "22 592", "-114 036", "5 790"],
    ),
    ("Övrig äldreomsorg", ["4 649", "665", "-4 364", "950"]),
    ("Insatser enl LSS", ["56 247", "5 743", "-59 091", "2 899"]),
    ("Färdtjänst", ["2 049", "91", "-1 589", "551"]),
    ("Förebygg verksamhet", ["521", "5", "-536", "-10"]),
    ("Integration", ["1", "5 341", "-4 405", "937"]),
    (
        "Arbetsmarknadsåtgärder",
        ["2 195", "3 342", "-4 393", "1 144"],
    ),
    (
        "Summa för ansvarsområdet",
        ["305 949", "53 647", "-352 278", "7 318"],
    ),
];

const OX: &str = "Ekonomiskt utfall 2021, tkr";
const OX_COLUMNS: [&str; 4] = ["Anslag", "Övriga intäkter", "Kostnad", "Resultat"];
const OX_TOTAL: &str = "Summa för ansvarsområdet";

fn oxelosund_table() -> Table {
    let rows: Vec<(&str, &[&str])> = OXELOSUND_2021
        .iter()
        .map(|(label, cells)| (*label, cells.as_slice()))
        .collect();
    table(OX, &OX_COLUMNS, &rows)
}

/// The Oxelösund table with one cell printed differently.
fn oxelosund_misprinted(row: &str, column: usize, printed: &str) -> Table {
    let rows: Vec<(&str, Vec<&str>)> = OXELOSUND_2021
        .iter()
        .map(|(label, cells)| {
            let mut cells = cells.to_vec();
            if *label == row {
                cells[column] = printed;
            }
            (*label, cells)
        })
        .collect();
    let rows: Vec<(&str, &[&str])> = rows.iter().map(|(l, c)| (*l, c.as_slice())).collect();
    table(OX, &OX_COLUMNS, &rows)
}

fn oxelosund_rules() -> Vec<Rule> {
    vec![
        Relation::sum(OX, "Resultat", ["Anslag", "Övriga intäkter", "Kostnad"]).into(),
        Total::above(OX, OX_TOTAL).into(),
    ]
}

#[test]
fn relation_resultat_is_anslag_plus_intakter_plus_kostnad_oxelosund_2021() {
    let report = check(&[oxelosund_table()], &oxelosund_rules()).unwrap();
    // 16 rows × 1 relation + 4 columns × 1 total, all exact.
    assert_eq!(report.evaluated, 20);
    assert_eq!(report.findings, []);
    assert_eq!(report.unchecked, []);
}

#[test]
fn total_summa_is_sum_of_rows_above_oxelosund_2021() {
    // Anslag 2 049 misprinted as 2 094 breaks that row and the Anslag total only.
    let t = oxelosund_misprinted("Färdtjänst", 0, "2 094");
    let report = check(&[t], &oxelosund_rules()).unwrap();
    let errors: Vec<(usize, &CellRef)> = report.errors().map(|f| (f.rule, &f.cell)).collect();
    assert_eq!(
        errors,
        [
            (0, &cell(OX, "Färdtjänst", "Resultat")),
            (1, &cell(OX, OX_TOTAL, "Anslag")),
        ]
    );
    let total = report.findings.iter().find(|f| f.rule == 1).unwrap();
    assert_eq!((total.stated, total.expected), (d("305 949"), d("305 994")));
    assert_eq!(total.difference, d("-45"));
    assert_eq!(total.tolerance, d("7,5")); // 15 rows × 0,5, all whole tkr
    let fix = CellFix::new(cell(OX, "Färdtjänst", "Anslag"), d("2 094"), d("2 049"));
    assert!(fix.transposition);
    assert_eq!(total.fixes, [fix]);
}

#[test]
fn fix_reports_transposed_digits_oxelosund_2021() {
    // "Gem administration" Kostnad -7 090 misprinted as -7 009.
    let t = oxelosund_misprinted("Gem administration", 2, "-7 009");
    let report = check(&[t], &oxelosund_rules()).unwrap();
    assert_eq!(report.errors().count(), 2);
    for error in report.errors() {
        assert_eq!(
            error.fixes,
            [CellFix {
                cell: cell(OX, "Gem administration", "Kostnad"),
                stated: d("-7 009"),
                corrected: d("-7 090"),
                transposition: true,
            }]
        );
    }
}

#[test]
fn total_sum_of_rounded_mkr_is_rounding_oxelosund_2021() {
    // The 15 results rounded to 0,1 mkr add up to 7,4; the total 7 318 tkr is 7,3 mkr.
    let mut t = Table::new("Resultat, mkr", ["Resultat"]).unwrap();
    for (label, [.., resultat]) in OXELOSUND_2021 {
        let mkr = Rounding::HalfAwayFromZero
            .round(d(resultat) / Decimal::ONE_THOUSAND, 1)
            .unwrap();
        t.push_row(label, [Some(StatedValue::new(mkr, 1).unwrap())])
            .unwrap();
    }
    let report = check(&[t], &[Total::above("Resultat, mkr", OX_TOTAL).into()]).unwrap();
    let [finding] = report.findings.as_slice() else {
        panic!("{:?}", report.findings)
    };
    assert_eq!((finding.stated, finding.expected), (d("7,3"), d("7,4")));
    assert_eq!(finding.difference, d("-0,1"));
    assert_eq!(finding.tolerance, d("0,75")); // 15 rows × 0,05
    assert_eq!(finding.class, Class::Rounding);
    assert!(finding.fixes.is_empty());
}

#[test]
fn row_split_oxelosund_2021_every_row() {
    let rule = [SplitRule::sum(3, [0, 1, 2])];
    for (line, (label, cells)) in OXELOSUND_2021_LINES.iter().zip(OXELOSUND_2021) {
        let row = split_row(line, 4, &rule).unwrap();
        assert_eq!(row.label, label);
        let expected: Vec<StatedValue> = cells
            .iter()
            .map(|c| StatedValue::parse(c).unwrap())
            .collect();
        assert_eq!(row.split, Split::Unique(expected), "{line}");
    }
}

#[test]
fn row_split_integration_and_gem_administration_oxelosund_2021() {
    let rule = [SplitRule::sum(3, [0, 1, 2])];
    // Line 1851: without the rule, "1 5 341 -4 405 937" has several readings.
    let loose = split_numbers("1 5 341 -4 405 937", 4, &[]).unwrap();
    assert!(loose.candidates().len() > 1);
    let split = split_numbers("1 5 341 -4 405 937", 4, &rule).unwrap();
    assert_eq!(
        split
            .unique()
            .unwrap()
            .iter()
            .map(StatedValue::value)
            .collect::<Vec<_>>(),
        [d("1"), d("5 341"), d("-4 405"), d("937")]
    );
    // Line 1840: "6 790 270" is 6 790 | 270, not 6 | 790 270.
    let split = split_numbers("6 790 270 -7 090 -30", 4, &rule).unwrap();
    assert_eq!(
        split
            .unique()
            .unwrap()
            .iter()
            .map(StatedValue::value)
            .collect::<Vec<_>>(),
        [d("6 790"), d("270"), d("-7 090"), d("-30")]
    );
}

#[test]
fn row_split_history_rows_keep_year_in_label_oxelosund_2021() {
    // Lines 1855–1857.
    let rule = [SplitRule::sum(3, [0, 1, 2])];
    for (line, label, resultat) in [
        (
            "Summa 2020 286 278 68 375 -353 332 1 321",
            "Summa 2020",
            "1 321",
        ),
        (
            "Summa 2019 272 187 61 090 -349 055 -15 778",
            "Summa 2019",
            "-15 778",
        ),
        (
            "Summa 2018 258 962 67 700 -343 492 -16 830",
            "Summa 2018",
            "-16 830",
        ),
    ] {
        let row = split_row(line, 4, &rule).unwrap();
        assert_eq!(row.label, label);
        assert_eq!(row.split.unique().unwrap()[3].value(), d(resultat));
    }
}

// --------------------------------------------------------------------- Gnesta

const GN: &str = "Socialnämnden 2022, tkr";
const GN_COLUMNS: [&str; 3] = ["Budget 2022", "Utfall 2022", "Avvikelse 2022"];

/// gnesta-socialnamnd-2023-spring.txt, lines 1284–1301 (Belopp i tkr).
fn gnesta_2022() -> Table {
    table(
        GN,
        &GN_COLUMNS,
        &[
            ("Socialnämnden", &["-877", "-917", "-40,2"]),
            ("Förvaltningsledning", &["-2 849", "-3 416", "-567,2"]),
            ("Stöd och vägledning", &["-51 673", "-50 255", "1 418,0"]),
            (
                "Äldre, funktionsstöd, hälso- och sjukvård",
                &["-25 115", "-36 872", "-11 756,7"],
            ),
            (
                "Administration och bistånd",
                &["-182 580", "-171 602", "10 978,1"],
            ),
            ("SUMMA", &["-263 094", "-263 062", "32"]),
        ],
    )
}

fn gnesta_rules(name: &str) -> Vec<Rule> {
    vec![
        Relation::difference(name, "Avvikelse 2022", "Utfall 2022", "Budget 2022").into(),
        Total::above(name, "SUMMA").into(),
    ]
}

#[test]
fn relation_avvikelse_is_utfall_minus_budget_gnesta_2022() {
    let report = check(&[gnesta_2022()], &gnesta_rules(GN)).unwrap();
    assert_eq!(report.evaluated, 6 + 3);
    assert!(report.is_consistent());
    let got: Vec<(&str, Decimal, Decimal, Class)> = report
        .findings
        .iter()
        .map(|f| (f.cell.row.as_str(), f.expected, f.difference, f.class))
        .collect();
    // Integer budget and outcome cannot produce a variance with a decimal:
    // the ±0,x gaps are rounding (tolerance 0,05 + 0,5 + 0,5), not errors.
    assert_eq!(
        got,
        [
            ("Socialnämnden", d("-40"), d("-0,2"), Class::Rounding),
            ("Förvaltningsledning", d("-567"), d("-0,2"), Class::Rounding),
            (
                "Äldre, funktionsstöd, hälso- och sjukvård",
                d("-11 757"),
                d("0,3"),
                Class::Rounding
            ),
            (
                "Administration och bistånd",
                d("10 978"),
                d("0,1"),
                Class::Rounding
            ),
        ]
    );
    assert!(report.findings.iter().all(|f| f.tolerance == d("1,05")));
}

#[test]
fn total_summa_is_exact_gnesta_2022() {
    let report = check(&[gnesta_2022()], &[Total::above(GN, "SUMMA").into()]).unwrap();
    // −40,2 − 567,2 + 1 418,0 − 11 756,7 + 10 978,1 = 32,0 exactly.
    assert_eq!((report.evaluated, report.findings.len()), (3, 0));
}

const AFHS: &str = "Äldre, funktionsstöd, hälso- och sjukvård 2022, tkr";

/// gnesta-socialnamnd-2023-spring.txt, lines 1385–1397.
fn gnesta_afhs_2022() -> Table {
    table(
        AFHS,
        &GN_COLUMNS,
        &[
            ("Stab", &["-2 647", "1 130", "3 777"]),
            ("LSS", &["0", "247", "247"]),
            ("SoL ÄO", &["0", "-7 956", "-7 956"]),
            ("SoL FN", &["0", "-3 737", "-3 737"]),
            ("HSL", &["-22 468", "-26 555", "-4 087"]),
            ("SUMMA", &["-25 115", "-36 872", "-11 757"]),
        ],
    )
}

#[test]
fn total_summa_one_tkr_gaps_are_rounding_gnesta_afhs_2022() {
    let report = check(&[gnesta_afhs_2022()], &gnesta_rules(AFHS)).unwrap();
    assert!(report.is_consistent());
    let got: Vec<(&str, Decimal, Decimal, Decimal)> = report
        .findings
        .iter()
        .map(|f| (f.cell.column.as_str(), f.stated, f.expected, f.tolerance))
        .collect();
    // The rows add to −36 871 and −11 756; SUMMA says −36 872 and −11 757.
    assert_eq!(
        got,
        [
            ("Utfall 2022", d("-36 872"), d("-36 871"), d("2,5")),
            ("Avvikelse 2022", d("-11 757"), d("-11 756"), d("2,5")),
        ]
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule == 1 && f.cell.row == "SUMMA")
    );
}

#[test]
fn equality_summary_matches_unit_table_gnesta_2022() {
    let row = "Äldre, funktionsstöd, hälso- och sjukvård";
    let rules: Vec<Rule> = GN_COLUMNS
        .iter()
        .map(|c| Equality::new(cell(GN, row, c), cell(AFHS, "SUMMA", c)).into())
        .collect();
    let report = check(&[gnesta_2022(), gnesta_afhs_2022()], &rules).unwrap();
    assert_eq!(report.evaluated, 3);
    let [finding] = report.findings.as_slice() else {
        panic!("{:?}", report.findings)
    };
    // −11 756,7 in the summary, −11 757 in the unit table: rounding.
    assert_eq!(finding.cell, cell(GN, row, "Avvikelse 2022"));
    assert_eq!(
        (finding.difference, finding.tolerance),
        (d("0,3"), d("0,55"))
    );
    assert_eq!(finding.class, Class::Rounding);
}

/// gnesta-socialnamnd-2023-spring.txt, lines 7063–7089 (Senior Alert,
/// "77 av 81" printed 95 % and so on).
#[test]
fn percentage_senior_alert_rounded_shares_gnesta() {
    let t = table(
        "Senior Alert",
        &["Andel", "Antal", "Av"],
        &[
            ("Gnesta kommun, riskbedömningar", &["95", "77", "81"]),
            ("Gnesta kommun, bakomliggande orsak", &["99", "76", "77"]),
            ("Gnesta kommun, åtgärdsplan", &["96", "74", "77"]),
            ("Ekhagens äldreboende, riskbedömningar", &["88", "14", "16"]),
            ("Ekhagens äldreboende, åtgärdsplan", &["100", "14", "14"]),
        ],
    );
    // Counts are exact, so only the percentage's own half unit applies: the
    // default tolerance.
    let t = [t];
    let rule = Percentage::new("Senior Alert", "Andel", "Antal", "Av");
    let report = check(&t, &[rule.clone().into()]).unwrap();
    assert_eq!(report.evaluated, 5);
    assert!(report.is_consistent());
    assert_eq!(report.findings.len(), 4); // 100 % is exact
    assert!(report.findings.iter().all(|f| f.class == Class::Rounding));
    assert!(report.findings.iter().all(|f| f.tolerance == d("0,5")));
    let ekhagen = &report.findings[3];
    assert_eq!(
        (ekhagen.expected, ekhagen.difference),
        (d("87,5"), d("0,5"))
    );

    // Printed 82 % for the same 14 of 16 is an error, not rounding.
    let misprinted = table(
        "Senior Alert",
        &["Andel", "Antal", "Av"],
        &[
            ("Ekhagens äldreboende, riskbedömningar", &["82", "14", "16"]),
            ("En av en", &["50", "1", "1"]),
        ],
    );
    let report = check(&[misprinted], &[rule.into()]).unwrap();
    let got: Vec<(Decimal, Decimal, Class)> = report
        .findings
        .iter()
        .map(|f| (f.expected, f.tolerance, f.class))
        .collect();
    assert_eq!(
        got,
        [
            (d("87,5"), d("0,5"), Class::Error),
            (d("100"), d("0,5"), Class::Error)
        ]
    );
}

#[test]
fn percentage_misprint_is_an_error_with_fix() {
    // 77 of 81 printed as 59 % instead of 95 %.
    let t = table(
        "Senior Alert",
        &["Andel", "Antal", "Av"],
        &[("Gnesta kommun", &["59", "77", "81"])],
    );
    let rule = Percentage::new("Senior Alert", "Andel", "Antal", "Av").with_tolerance(d("0,5"));
    let report = check(&[t], &[rule.into()]).unwrap();
    let [finding] = report.findings.as_slice() else {
        panic!("{:?}", report.findings)
    };
    assert_eq!(finding.class, Class::Error);
    // Every cell of the one failing rule could be the culprit.
    let andel = finding
        .fixes
        .iter()
        .find(|f| f.cell.column == "Andel")
        .unwrap();
    assert_eq!((andel.corrected, andel.transposition), (d("95"), true));
}

// ----------------------------------------------------------------------- Flen

const FL: &str = "Grupp- och serviceboenden LSS, tkr";
/// The headers of lines 1158–1184: Utfall 2022 jan–nov, Budget 2023 jan–nov,
/// Utfall 2023 jan–nov, Avvikelse 2023 jan–nov.
const FL_COLUMNS: [&str; 4] = [
    "Utfall 2022",
    "Budget jan–nov",
    "Utfall jan–nov",
    "Avvikelse jan–nov",
];

/// flen-von-namndplan-2024.txt, lines 1186–1194 (U+2212 and hyphen minus as printed).
fn flen_november_2023() -> Table {
    table(
        FL,
        &FL_COLUMNS,
        &[
            ("Intäkter", &["3 312", "3 607", "4 580", "973"]),
            (
                "Personalkostnader",
                &["\u{2212}38 475", "-41 459", "-45 727", "-4 267"],
            ),
            ("Lokalkostnader", &["-6 382", "-7 667", "-7 299", "367"]),
            (
                "Övriga kostnader",
                &["\u{2212}1 355", "3 095", "-1 637", "-4 735"],
            ),
            ("Resultat", &["-42 900", "-42 424", "-50 083", "-7 659"]),
        ],
    )
}

fn flen_rules() -> Vec<Rule> {
    vec![
        Relation::difference(FL, "Avvikelse jan–nov", "Utfall jan–nov", "Budget jan–nov").into(),
        Total::above(FL, "Resultat").into(),
    ]
}

#[test]
fn relation_avvikelse_off_by_three_is_error_flen_november_2023() {
    let report = check(&[flen_november_2023()], &flen_rules()).unwrap();
    assert_eq!(report.evaluated, 5 + 4);
    let got: Vec<(usize, &str, &str, Decimal, Decimal, Decimal, Class)> = report
        .findings
        .iter()
        .map(|f| {
            let c = &f.cell;
            (
                f.rule,
                c.row.as_str(),
                c.column.as_str(),
                f.stated,
                f.expected,
                f.difference,
                f.class,
            )
        })
        .collect();
    let avv = "Avvikelse jan–nov";
    assert_eq!(
        got,
        [
            (
                0,
                "Personalkostnader",
                avv,
                d("-4 267"),
                d("-4 268"),
                d("1"),
                Class::Rounding
            ),
            (
                0,
                "Lokalkostnader",
                avv,
                d("367"),
                d("368"),
                d("-1"),
                Class::Rounding
            ),
            (
                0,
                "Övriga kostnader",
                avv,
                d("-4 735"),
                d("-4 732"),
                d("-3"),
                Class::Error
            ),
            (
                1,
                "Resultat",
                avv,
                d("-7 659"),
                d("-7 662"),
                d("3"),
                Class::Error
            ),
        ]
    );
    // −4 732 reconciles the row and the column total: the one-cell fix says so.
    let fix = CellFix::new(cell(FL, "Övriga kostnader", avv), d("-4 735"), d("-4 732"));
    assert!(!fix.transposition);
    for error in report.errors() {
        assert_eq!(error.fixes, std::slice::from_ref(&fix));
    }
    assert!(
        report
            .findings
            .iter()
            .filter(|f| f.class == Class::Rounding)
            .all(|f| f.fixes.is_empty())
    );
}

#[test]
fn total_resultat_other_columns_exact_flen_november_2023() {
    let report = check(
        &[flen_november_2023()],
        &[Total::above(FL, "Resultat").into()],
    )
    .unwrap();
    let columns: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.cell.column.as_str())
        .collect();
    assert_eq!(columns, ["Avvikelse jan–nov"]);
}

#[test]
fn row_split_flen_november_2023() {
    let rule = [SplitRule::difference(3, 2, 1)];
    let row = split_row("Intäkter 3 312 3 607 4 580 973", 4, &rule).unwrap();
    assert_eq!(row.label, "Intäkter");
    assert_eq!(
        row.split
            .unique()
            .unwrap()
            .iter()
            .map(StatedValue::value)
            .collect::<Vec<_>>(),
        [d("3 312"), d("3 607"), d("4 580"), d("973")]
    );
    // Off by one is rounding, so the row still splits.
    let row = split_row("Personalkostnader −38 475 -41 459 -45 727 -4 267", 4, &rule).unwrap();
    assert!(row.split.unique().is_some());
    // The misprinted row: one grouping, which the rule rejects.
    let row = split_row("Övriga kostnader −1 355 3 095 -1 637 -4 735", 4, &rule).unwrap();
    let grouping: Vec<StatedValue> = ["−1 355", "3 095", "-1 637", "-4 735"]
        .iter()
        .map(|c| StatedValue::parse(c).unwrap())
        .collect();
    assert_eq!(row.split, Split::Inconsistent(vec![grouping]));
}

// ------------------------------------------------------------------ bad input

#[test]
fn relation_unknown_column_names_table_and_column() {
    let rules = [Relation::sum(OX, "Resultat", ["Anslag", "Intäkter", "Kostnad"]).into()];
    let err = check(&[oxelosund_table()], &rules).unwrap_err();
    assert_eq!(
        err,
        CalcError::InvalidRule {
            rule: 0,
            reason: Box::new(CalcError::UnknownColumn {
                table: OX.into(),
                column: "Intäkter".into()
            })
        }
    );
    assert_eq!(
        err.to_string(),
        r#"rule 0: table "Ekonomiskt utfall 2021, tkr" has no column "Intäkter""#
    );
}

#[test]
fn relation_unknown_row_names_table_and_row() {
    let rules = [Relation::sum(OX, "Resultat", ["Anslag"])
        .in_rows(["Integrering"])
        .into()];
    let err = check(&[oxelosund_table()], &rules).unwrap_err();
    assert_eq!(
        err,
        CalcError::InvalidRule {
            rule: 0,
            reason: Box::new(CalcError::UnknownRow {
                table: OX.into(),
                row: "Integrering".into()
            })
        }
    );
}

#[test]
fn total_unknown_rows_and_columns_are_errors() {
    let t = [oxelosund_table()];
    let reason = |err: CalcError| match err {
        CalcError::InvalidRule { reason, .. } => *reason,
        other => other,
    };
    let err = check(&t, &[Total::above(OX, "Summa").into()]).unwrap_err();
    assert!(matches!(reason(err), CalcError::UnknownRow { row, .. } if row == "Summa"));
    let err = check(
        &t,
        &[Total::of_rows(OX, OX_TOTAL, ["Integration", "Okänd"]).into()],
    )
    .unwrap_err();
    assert!(matches!(reason(err), CalcError::UnknownRow { row, .. } if row == "Okänd"));
    let rules = [
        Total::above(OX, OX_TOTAL).into(),
        Total::above(OX, OX_TOTAL).in_columns(["Netto"]).into(),
    ];
    let err = check(&t, &rules).unwrap_err();
    assert!(matches!(&err, CalcError::InvalidRule { rule: 1, .. }));
    assert!(matches!(reason(err), CalcError::UnknownColumn { column, .. } if column == "Netto"));
}

#[test]
fn total_with_nothing_to_add_is_an_error() {
    let err = check(
        &[oxelosund_table()],
        &[Total::above(OX, "Nämndverksamhet").into()],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"rule 0: total row "Nämndverksamhet" of table "Ekonomiskt utfall 2021, tkr" has no rows to add up"#
    );
}

#[test]
fn equality_unknown_table_is_an_error() {
    let rule = Equality::new(
        cell(OX, OX_TOTAL, "Resultat"),
        cell("Sammanställning", "VON", "Resultat"),
    );
    let err = check(&[oxelosund_table()], &[rule.into()]).unwrap_err();
    assert_eq!(
        err,
        CalcError::InvalidRule {
            rule: 0,
            reason: Box::new(CalcError::UnknownTable {
                table: "Sammanställning".into()
            })
        }
    );
}

#[test]
fn check_rejects_two_tables_with_one_name() {
    let err = check(&[gnesta_2022(), gnesta_2022()], &[]).unwrap_err();
    assert_eq!(err, CalcError::DuplicateTable { table: GN.into() });
}

#[test]
fn rule_negative_tolerance_names_rule_and_table() {
    let rules = [
        Total::above(GN, "SUMMA").into(),
        Total::above(GN, "SUMMA").with_tolerance(d("-1")).into(),
    ];
    let err = check(&[gnesta_2022()], &rules).unwrap_err();
    assert_eq!(
        err,
        CalcError::InvalidRule {
            rule: 1,
            reason: Box::new(CalcError::NegativeTolerance {
                table: GN.into(),
                tolerance: d("-1"),
            })
        }
    );
    assert_eq!(
        err.to_string(),
        r#"rule 1: rule on table "Socialnämnden 2022, tkr" has tolerance -1; a tolerance must be zero or more"#
    );
    // Zero is allowed.
    let rule = Total::above(GN, "SUMMA").with_tolerance(Decimal::ZERO);
    assert!(check(&[gnesta_2022()], &[rule.into()]).is_ok());
}

#[test]
fn odd_cells_are_unchecked_and_the_rest_is_still_checked() {
    // A denominator of 5 × 10⁻²⁸ and values at the edge of `Decimal`: each
    // stops only its own instance.
    let tiny = StatedValue::new(Decimal::new(5, 28), 28).unwrap();
    let max = StatedValue::new(Decimal::MAX, 0).unwrap();
    let one = StatedValue::parse("1").unwrap();
    let t = Table::new("t", ["A", "B", "P", "S"])
        .unwrap()
        .with_row(
            "liten nämnare",
            [Some(one), Some(tiny), Some(one), Some(one)],
        )
        .unwrap()
        .with_row("stor", [Some(max), Some(max), Some(one), Some(one)])
        .unwrap()
        .with_row(
            "vanlig",
            [
                Some(one),
                Some(one),
                Some(StatedValue::parse("100").unwrap()),
                Some(StatedValue::parse("2").unwrap()),
            ],
        )
        .unwrap();
    let rules = [
        Percentage::new("t", "P", "A", "B").into(),
        Relation::sum("t", "S", ["A", "B"]).into(),
    ];
    let report = check(&[t], &rules).unwrap();
    // "liten nämnare" S = 1 + 5 × 10⁻²⁸ (rounding), and both "vanlig" rows.
    assert_eq!(report.evaluated, 3);
    assert!(report.is_consistent());
    assert_eq!(
        report.unchecked,
        [
            Unchecked {
                rule: 0,
                cell: cell("t", "liten nämnare", "P"),
                reason: UncheckedReason::DivisionByZero(cell("t", "liten nämnare", "B")),
            },
            Unchecked {
                rule: 0,
                cell: cell("t", "stor", "P"),
                reason: UncheckedReason::Overflow(cell("t", "stor", "A")),
            },
            Unchecked {
                rule: 1,
                cell: cell("t", "stor", "S"),
                reason: UncheckedReason::Overflow(cell("t", "stor", "B")),
            },
        ]
    );
}

#[test]
fn table_mismatched_row_length_is_an_error() {
    let mut t = Table::new(GN, GN_COLUMNS).unwrap();
    let err = t
        .push_row("SUMMA", [StatedValue::parse("32").ok()])
        .unwrap_err();
    assert_eq!(
        err,
        CalcError::RowLength {
            table: GN.into(),
            row: "SUMMA".into(),
            expected: 3,
            found: 1
        }
    );
}

#[test]
fn percentage_division_by_zero_is_unchecked_naming_the_cell() {
    // Gnesta's provider lines are budgeted at 0.
    let t = table(
        "t",
        &["Budget", "Utfall", "Procent"],
        &[("Utförare", &["0", "247", "5"])],
    );
    let report = check(
        &[t],
        &[Percentage::new("t", "Procent", "Utfall", "Budget").into()],
    )
    .unwrap();
    assert_eq!((report.evaluated, report.findings.len()), (0, 0));
    assert_eq!(
        report.unchecked,
        [Unchecked {
            rule: 0,
            cell: cell("t", "Utförare", "Procent"),
            reason: UncheckedReason::DivisionByZero(cell("t", "Utförare", "Budget")),
        }]
    );
}

#[test]
fn relation_missing_cell_is_unchecked_naming_the_cell() {
    let t = table(
        "t",
        &["A", "B", "C"],
        &[("x", &["1", "", "3"]), ("y", &["1", "2", "3"])],
    );
    let report = check(&[t], &[Relation::sum("t", "C", ["A", "B"]).into()]).unwrap();
    assert_eq!((report.evaluated, report.findings.len()), (1, 0));
    assert_eq!(
        report.unchecked,
        [Unchecked {
            rule: 0,
            cell: cell("t", "x", "C"),
            reason: UncheckedReason::MissingCell(cell("t", "x", "B")),
        }]
    );
}

#[test]
fn total_nested_subtotals_are_not_counted_twice() {
    let t = table(
        "t",
        &["A"],
        &[
            ("a", &["1"]),
            ("b", &["2"]),
            ("Delsumma 1", &["3"]),
            ("c", &["4"]),
            ("Delsumma 2", &["4"]),
            ("Totalt", &["7"]),
            ("Varav a och c", &["5"]),
        ],
    );
    let rules: Vec<Rule> = vec![
        Total::above("t", "Delsumma 1").into(),
        Total::above("t", "Delsumma 2").into(),
        Total::all_above("t", "Totalt").into(),
        Total::of_rows("t", "Varav a och c", ["a", "c"]).into(),
    ];
    let report = check(&[t], &rules).unwrap();
    assert_eq!((report.evaluated, report.findings.len()), (4, 0));
}

#[test]
fn check_without_error_offers_no_fix() {
    let report = check(&[gnesta_2022()], &gnesta_rules(GN)).unwrap();
    assert!(report.findings.iter().all(|f| f.fixes.is_empty()));
}

#[cfg(feature = "serde")]
#[test]
fn serde_report_round_trips_through_json() {
    // Flen: findings of both classes, with a one-cell fix; plus an unchecked row.
    let mut t = flen_november_2023();
    t.push_row("Tom rad", [None, None, None, None]).unwrap();
    let report = check(&[t], &flen_rules()).unwrap();
    assert!(!report.findings.is_empty() && !report.unchecked.is_empty());
    assert!(report.errors().all(|f| !f.fixes.is_empty()));
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    // Decimals travel as strings, classes and reasons in kebab case.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &value["findings"][0];
    assert_eq!(first["stated"], "-4267");
    assert_eq!(first["class"], "rounding");
    assert_eq!(value["findings"][2]["fixes"][0]["corrected"], "-4732");
    assert!(value["unchecked"][0]["reason"]["missing-cell"].is_object());
}

#[cfg(feature = "serde")]
#[test]
fn serde_table_round_trips_and_invalid_tables_are_rejected() {
    let t = gnesta_2022();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(serde_json::from_str::<Table>(&json).unwrap(), t);

    let ok = r#"{"name": "t", "columns": ["A"],
        "rows": [{"label": "x", "cells": [{"value": "-40.2", "decimals": 1}]}]}"#;
    let t: Table = serde_json::from_str(ok).unwrap();
    assert_eq!(t.cell("x", "A").unwrap(), StatedValue::parse("-40,2").ok());

    for (invalid, message) in [
        (
            r#"{"name": "t", "columns": ["A", "A"], "rows": []}"#,
            r#"table "t" has the column "A" twice"#,
        ),
        (
            r#"{"name": "t", "columns": ["A"], "rows": [
                {"label": "x", "cells": [null]}, {"label": "x", "cells": [null]}]}"#,
            r#"table "t" has the row "x" twice"#,
        ),
        (
            r#"{"name": "t", "columns": ["A", "B"], "rows": [{"label": "x", "cells": [null]}]}"#,
            r#"table "t" row "x" has 1 cells; the table has 2 columns"#,
        ),
        (
            r#"{"name": "t", "columns": ["A"], "rows": [
                {"label": "x", "cells": [{"value": "1.25", "decimals": 1}]}]}"#,
            "1.25",
        ),
    ] {
        let err = serde_json::from_str::<Table>(invalid).unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_rules_round_trip_through_json() {
    let rules: Vec<Rule> = vec![
        Relation::difference(FL, "Avvikelse jan–nov", "Utfall jan–nov", "Budget jan–nov")
            .with_tolerance(d("0,5"))
            .into(),
        Total::above(FL, "Resultat")
            .in_columns(["Utfall 2022"])
            .into(),
        Percentage::new("t", "P", "A", "B").in_rows(["x"]).into(),
        Equality::new(cell("a", "r", "c"), cell("b", "r", "c")).into(),
    ];
    let json = serde_json::to_string(&rules).unwrap();
    assert_eq!(serde_json::from_str::<Vec<Rule>>(&json).unwrap(), rules);
}

#[cfg(feature = "schemars")]
#[test]
fn schemas_describe_the_wire_format() {
    let property_names = |schema: &schemars::Schema| -> Vec<String> {
        schema
            .get("properties")
            .and_then(serde_json::Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    };
    let report = schemars::schema_for!(Report);
    let mut names = property_names(&report);
    names.sort();
    assert_eq!(names, ["evaluated", "findings", "unchecked"]);
    let table = schemars::schema_for!(Table);
    let mut names = property_names(&table);
    names.sort();
    assert_eq!(names, ["columns", "name", "rows"]);
    let rule = serde_json::to_string(&schemars::schema_for!(Rule)).unwrap();
    for tag in ["relation", "total", "percentage", "equality"] {
        assert!(rule.contains(&format!("\"{tag}\"")), "{tag} in {rule}");
    }
    let split = schemars::schema_for!(RowSplit);
    let mut names = property_names(&split);
    names.sort();
    assert_eq!(names, ["label", "split"]);
}
