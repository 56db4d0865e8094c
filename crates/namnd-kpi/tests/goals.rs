//! Goals, indicators and their assessment: golden tests transcribed from real
//! reports, property tests and bad input.
//!
//! Sources (figures are copied here; the tests never read the documents):
//! - `oxelosund-von-arsredovisning-2021.txt`: Oxelösund, vård- och
//!   omsorgsnämnden, årsredovisning 2021, the goal tables ("Har målet uppnåtts
//!   2021? Ja/nej").
//! - `gnesta-socialnamnd-2023-spring.txt`: Gnesta socialnämnd, årsredovisning
//!   2022, "Bilaga 1. Uppföljning av indikatorer" (from line 1555) and the
//!   assessment of uppdrag.

// Helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use namnd_core::{Decimal, FiscalYear, Period};
use namnd_kpi::KpiError;
use namnd_kpi::goal::{
    Assessment, AssessmentConfig, Direction, Goal, GoalLevel, Indicator, IndicatorUnit, Label,
    Measurement, Node, NotMeasurablePolicy, RollUp, Scale, ScaleMapping, Status, Target, Trend,
};
use proptest::prelude::*;

fn year(y: i32) -> Period {
    Period::Year(FiscalYear::try_new(y).unwrap())
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn ind(id: &str, unit: IndicatorUnit, direction: Direction) -> Indicator {
    Indicator::new(id, id, unit, direction).unwrap()
}

// ------------------------------------------------------------ Oxelösund 2021

/// One row of an Oxelösund goal table.
struct Row {
    /// Line in oxelosund-von-arsredovisning-2021.txt.
    line: u32,
    indicator: Indicator,
    target: Target,
    baseline: Option<&'static str>,
    outcome: Measurement,
    /// The status word printed in "Har målet uppnåtts 2021? Ja/nej".
    stated: &'static str,
}

fn oxelosund_rows() -> Vec<Row> {
    use Direction::{HigherIsBetter as Up, LowerIsBetter as Down};
    use IndicatorUnit::{Count, Kronor, Percent};
    let y = year(2021);
    let parse = |i: &Indicator, t: &str| i.parse_target(t, None).unwrap();
    let mut rows = Vec::new();
    let mut row = |line, indicator: Indicator, target: Target, baseline, outcome, stated| {
        rows.push(Row {
            line,
            indicator,
            target,
            baseline,
            outcome,
            stated,
        });
    };
    // L353-354: Antal införda digitala lösningar (SOF): 2, 1, 2, Ja.
    row(
        354,
        ind("digitala lösningar SOF", Count, Up),
        Target::Introduced { count: 1 },
        Some("2"),
        Measurement::measured(y, dec("2")),
        "Ja",
    );
    // L361-362: Antal införda digitala lösningar (ÄF): 0, 1, 2, Ja.
    row(
        362,
        ind("digitala lösningar ÄF", Count, Up),
        Target::Introduced { count: 1 },
        Some("0"),
        Measurement::measured(y, dec("2")),
        "Ja",
    );
    // L437-442: barn placerade i konsulentstödd verksamhet: 14, <13, 8, Ja.
    let i = ind("konsulentstödd", Count, Down);
    let t = parse(&i, "<13");
    row(
        442,
        i,
        t,
        Some("14"),
        Measurement::measured(y, dec("8")),
        "Ja",
    );
    // L490-491: unga 0-12 år som inte återkommit: 89 %, ≥89,0 %, 91 %, Ja.
    let i = ind("unga ej återkommit", Percent, Up);
    let t = parse(&i, "≥89,0 %");
    row(
        491,
        i,
        t,
        Some("89"),
        Measurement::measured(y, dec("91")),
        "Ja",
    );
    // L513-518: pågående insatser ungdoms- eller familjestöd: 25, >25, 91, Ja.
    let i = ind("förebyggande insatser", Count, Up);
    let t = parse(&i, ">25");
    row(
        518,
        i,
        t,
        Some("25"),
        Measurement::measured(y, dec("91")),
        "Ja",
    );
    // L525: SKR:s brukarundersökning LSS: 58 %, >58 %, 86,5 %, Ja.
    let i = ind("LSS nöjdhet", Percent, Up);
    let t = parse(&i, ">58 %");
    row(
        525,
        i,
        t,
        Some("58"),
        Measurement::measured(y, dec("86.5")),
        "Ja",
    );
    // L531-535: en kolloaktivitet per år: Nytt mål, 1, 1, Ja.
    let i = ind("kolloaktivitet", Count, Up);
    let t = parse(&i, "1");
    row(535, i, t, None, Measurement::measured(y, dec("1")), "Ja");
    // L672-681: U23471: 74,0 %, >74, Uppgift saknas, "Nej." (delayed national survey).
    let i = ind("U23471", Percent, Up);
    let t = parse(&i, ">74");
    row(
        679,
        i,
        t,
        Some("74.0"),
        Measurement::missing(y, "Uppgift saknas"),
        "Nej.",
    );
    // L693-696: U21468: 82,0 %, >82%, Uppgift saknas, "Nej.".
    let i = ind("U21468", Percent, Up);
    let t = parse(&i, ">82%");
    row(
        696,
        i,
        t,
        Some("82.0"),
        Measurement::missing(y, "Uppgift saknas"),
        "Nej.",
    );
    // L699-707: U21401 staff met in 14 days: 19, <15, 24, Nej (lower is better).
    let i = ind("U21401", IndicatorUnit::Persons, Down);
    let t = parse(&i, "<15");
    row(
        707,
        i,
        t,
        Some("19"),
        Measurement::measured(y, dec("24")),
        "Nej",
    );
    // L728-732: brukartid: 60 %, 70 %, 50 %, Nej (bare target, higher is better).
    let i = ind("brukartid", Percent, Up);
    let t = parse(&i, "70 %");
    row(
        732,
        i,
        t,
        Some("60"),
        Measurement::measured(y, dec("50")),
        "Nej",
    );
    // L740-744: utförd tid av beviljad tid: 87%, 90%, 72%, Nej.
    let i = ind("utförd av beviljad tid", Percent, Up);
    let t = parse(&i, "90%");
    row(
        744,
        i,
        t,
        Some("87"),
        Measurement::measured(y, dec("72")),
        "Nej",
    );
    // L749-761: N21006 kostnad/brukare: ca 355 000 (2019), 300 000, 391 280 (2020), Nej.
    let i = ind("N21006", Kronor, Down);
    let t = parse(&i, "300 000");
    let outcome = Measurement::measured(y, dec("391280"))
        .referring_to(year(2020))
        .unwrap()
        .with_similar(dec("286226")); // footnote L764-765
    row(761, i, t, Some("355000"), outcome, "Nej");
    // L767-773: timvikarier per månad: 9253, <9253, 8503, Ja.
    let i = ind("timvikarier", Count, Down);
    let t = parse(&i, "<9253");
    row(
        773,
        i,
        t,
        Some("9253"),
        Measurement::measured(y, dec("8503")),
        "Ja",
    );
    // L1085-1092, footnote L1117: N00973: 29 %, ≥40%, "29 %*" = the 2020 value, Nej.
    let i = ind("N00973", Percent, Up);
    let t = parse(&i, "≥40%");
    let outcome = Measurement::measured(y, dec("29"))
        .referring_to(year(2020))
        .unwrap();
    row(1092, i, t, Some("29"), outcome, "Nej");
    // L1108-1114: jobbcoach, egen försörjning eller studier: Nytt mål, ≥50 %, 40 %, Nej.
    let i = ind("jobbcoach", Percent, Up);
    let t = parse(&i, "≥50 %");
    row(1114, i, t, None, Measurement::measured(y, dec("40")), "Nej");
    rows
}

#[test]
fn oxelosund_2021_goal_tables_computed_status_matches_printed_status() {
    // Oxelösund prints goals without a value as "Nej".
    let scale = ScaleMapping::new(Scale::YesNo)
        .not_measurable_as(Label::Nej)
        .unwrap();
    let config = AssessmentConfig::default();
    for row in oxelosund_rows() {
        let _ = row.baseline; // kept to document the table's ingångsvärde
        let a = row
            .indicator
            .assess(&row.target, &row.outcome, &config)
            .unwrap();
        let stated: Label = row.stated.parse().unwrap();
        assert_eq!(
            scale.label(a.status()),
            stated,
            "line {}: {} ({})",
            row.line,
            row.indicator.id(),
            a.basis()
        );
        assert!(!a.is_overridden(), "line {}", row.line);
        if row.indicator.id() == "N00973" {
            // "29 %*": the 2021 report shows the 2020 value, and says so.
            assert_eq!(a.basis(), "29 against ≥40 (value refers to 2020)");
            assert!(
                a.summary().contains("(value refers to 2020)"),
                "{}",
                a.summary()
            );
        } else if row.outcome.is_lagged() {
            // N21006: "391 280 (2020)".
            assert!(
                a.basis().ends_with("(value refers to 2020)"),
                "line {}: {}",
                row.line,
                a.basis()
            );
        } else {
            assert!(!a.basis().contains("refers to"), "line {}", row.line);
        }
    }
}

#[test]
fn oxelosund_2021_uppgift_saknas_is_not_measurable_and_printed_nej() {
    let rows = oxelosund_rows();
    let missing: Vec<_> = rows
        .iter()
        .filter(|r| r.outcome.value().is_none())
        .collect();
    assert_eq!(
        missing.iter().map(|r| r.line).collect::<Vec<_>>(),
        [679, 696]
    );
    for row in missing {
        let a = row
            .indicator
            .assess(&row.target, &row.outcome, &AssessmentConfig::default())
            .unwrap();
        // Never 0, never "not met": not measurable, and the scale decides.
        assert_eq!(a.computed(), Status::NotMeasurable);
        assert_eq!(a.basis(), "no value: Uppgift saknas");
        assert_eq!(
            ScaleMapping::new(Scale::YesNo).label(a.status()),
            Label::EjBedombar
        );
        assert_eq!(
            ScaleMapping::new(Scale::YesNo)
                .not_measurable_as(Label::Nej)
                .unwrap()
                .label(a.status()),
            Label::Nej
        );
    }
}

#[test]
fn oxelosund_2021_override_target_91_outcome_90_judged_ja_with_justification() {
    // L478-483: "(VON) Andelen vuxna med missbruksproblem som inte kommit tillbaka
    // inom ett år ... ska bibehållas." 91 %, ≥91,0 %, 90 %, Ja.
    // L551-552: the committee's justification.
    let justification = "Trots att målvärdet för 2021 var 91 % anses resultatet på 90 % vara godkänt och måluppfyllelsen är därmed god.";
    let i = ind(
        "vuxna ej återkommit",
        IndicatorUnit::Percent,
        Direction::HigherIsBetter,
    );
    let target = i.parse_target("≥91,0 %", Some(dec("91"))).unwrap();
    assert_eq!(target, Target::AtLeast(dec("91.0")));
    let outcome = Measurement::measured(year(2021), dec("90"));
    let computed = i
        .assess(&target, &outcome, &AssessmentConfig::default())
        .unwrap();
    assert_eq!(computed.computed(), Status::NotMet);
    assert_eq!(computed.basis(), "90 against ≥91.0");

    // Without a justification the override is refused.
    let err = computed
        .clone()
        .override_with(Status::Met, "  ", None)
        .unwrap_err();
    assert!(matches!(err, KpiError::MissingJustification { .. }));
    assert_eq!(
        err.to_string(),
        "indicator vuxna ej återkommit: assessed status met differs from computed status not met but no justification is given"
    );

    let judged = computed
        .override_with(
            Status::Met,
            justification,
            Some("Vård- och omsorgsnämnden".into()),
        )
        .unwrap();
    // Both are kept and shown.
    assert_eq!(judged.computed(), Status::NotMet);
    assert_eq!(judged.status(), Status::Met);
    assert!(judged.is_overridden());
    let assessed = judged.assessed().unwrap();
    assert_eq!(assessed.justification, justification);
    assert_eq!(
        assessed.assessor.as_deref(),
        Some("Vård- och omsorgsnämnden")
    );
    let yes_no = ScaleMapping::new(Scale::YesNo);
    assert_eq!(yes_no.label(judged.computed()), Label::Nej);
    assert_eq!(yes_no.label(judged.status()), "Ja".parse().unwrap());

    // The same goal modelled as "bibehålla" with a tolerance of 1 percentage point
    // computes as met without an override.
    let maintain = Target::Maintain {
        baseline: dec("91"),
        tolerance: dec("1"),
    };
    let a = i
        .assess(&maintain, &outcome, &AssessmentConfig::default())
        .unwrap();
    assert_eq!(a.computed(), Status::Met);
    // And a partly-met band of 1 point makes it partly met.
    let banded = AssessmentConfig::default()
        .with_partly_met_band(dec("1"))
        .unwrap();
    assert_eq!(
        i.assess(&target, &outcome, &banded).unwrap().computed(),
        Status::PartlyMet
    );
}

#[test]
fn oxelosund_2021_kolada_lag_is_recorded() {
    // L1092 "29 %*", footnote L1117: "*Värdet avser 2020 då värdet för 2021 inte
    // fanns att tillgå vid bokslut (publiceras av Kolada v. 24, 2022)."
    let row = oxelosund_rows()
        .into_iter()
        .find(|r| r.line == 1092)
        .unwrap();
    assert!(row.outcome.is_lagged());
    assert_eq!(
        row.outcome.report_year(),
        FiscalYear::try_new(2021).unwrap()
    );
    assert_eq!(
        row.outcome.reference_year(),
        FiscalYear::try_new(2020).unwrap()
    );
    // A value can never refer to a later period than the report's.
    let err = Measurement::measured(year(2021), dec("29"))
        .referring_to(year(2022))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a measurement reported for 2021 cannot refer to the later period 2022"
    );
}

// ---------------------------------------------------------------- Gnesta 2022

/// One row of Gnesta's "Bilaga 1. Uppföljning av indikatorer".
struct GnestaRow {
    /// Lines in gnesta-socialnamnd-2023-spring.txt.
    lines: &'static str,
    id: &'static str,
    unit: IndicatorUnit,
    direction: Direction,
    /// "Målvärde 2022", as printed.
    target: &'static str,
    /// "Nuläge" (2022); `None` when the survey was not held.
    now: Option<&'static str>,
    /// "Utfall 2021" and the year it refers to when printed, e.g. "(2020)".
    previous: (&'static str, i32),
    lanet: Option<&'static str>,
    riket: Option<&'static str>,
    expected: Status,
    trend: Trend,
}

fn gnesta_rows() -> Vec<GnestaRow> {
    use Direction::{HigherIsBetter as Up, LowerIsBetter as Down};
    use IndicatorUnit::{Days, Percent, Persons};
    vec![
        GnestaRow {
            lines: "2093-2098",
            id: "U21401",
            unit: Persons,
            direction: Down,
            target: "14 st",
            now: Some("19"),
            previous: ("18", 2021),
            lanet: Some("18"),
            riket: Some("16"),
            expected: Status::NotMet,
            trend: Trend::Worsened,
        },
        GnestaRow {
            lines: "2182-2194",
            id: "U33401",
            unit: Days,
            direction: Down,
            target: "120 dagar",
            now: Some("159"),
            previous: ("105", 2021),
            lanet: Some("100"),
            riket: Some("101"),
            expected: Status::NotMet,
            trend: Trend::Worsened,
        },
        GnestaRow {
            lines: "2204-2211",
            id: "U31463",
            unit: Percent,
            direction: Down,
            target: "22%",
            now: Some("59"),
            previous: ("70", 2021),
            lanet: Some("55"),
            riket: Some("39"),
            expected: Status::NotMet,
            trend: Trend::Improved,
        },
        GnestaRow {
            lines: "1610-1618",
            id: "U23401",
            unit: Days,
            direction: Down,
            target: "129 dagar",
            now: Some("58"),
            previous: ("23", 2021),
            lanet: Some("83"),
            riket: Some("53"),
            expected: Status::Met,
            trend: Trend::Worsened,
        },
        GnestaRow {
            lines: "2107-2112",
            id: "U21505",
            unit: Percent,
            direction: Up,
            target: "82%",
            now: Some("84"),
            previous: ("79", 2020),
            lanet: Some("83"),
            riket: Some("87"),
            expected: Status::Met,
            trend: Trend::Improved,
        },
        GnestaRow {
            lines: "1777-1789",
            id: "U21464",
            unit: Percent,
            direction: Up,
            target: "65%",
            now: Some("55"),
            previous: ("61", 2020),
            lanet: Some("59"),
            riket: Some("61"),
            expected: Status::NotMet,
            trend: Trend::Worsened,
        },
        GnestaRow {
            lines: "2120-2133",
            id: "U28532",
            unit: Percent,
            direction: Up,
            target: "68%",
            now: None,
            previous: ("80", 2021),
            lanet: Some("78"),
            riket: Some("75"),
            expected: Status::NotMeasurable,
            trend: Trend::NotComparable,
        },
    ]
}

fn gnesta_measurements(row: &GnestaRow) -> (Measurement, Measurement) {
    let mut now = match row.now {
        Some(v) => Measurement::measured(year(2022), dec(v)),
        None => Measurement::missing(
            year(2022),
            "Undersökningen är inte genomförd, inga resultat finns att redovisa.",
        ),
    };
    if let Some(v) = row.lanet {
        now = now.with_lanet(dec(v));
    }
    if let Some(v) = row.riket {
        now = now.with_riket(dec(v));
    }
    let previous = Measurement::measured(year(2021), dec(row.previous.0))
        .referring_to(year(row.previous.1))
        .unwrap();
    (now, previous)
}

#[test]
fn gnesta_2022_indicator_appendix_status_and_trend() {
    let traffic = ScaleMapping::new(Scale::Traffic);
    for row in gnesta_rows() {
        let i = Indicator::new(row.id, row.id, row.unit, row.direction)
            .unwrap()
            .with_kolada_id(row.id.parse().unwrap())
            .with_source("Kolada");
        let target = i.parse_target(row.target, None).unwrap();
        let (now, previous) = gnesta_measurements(&row);
        let a = i
            .assess(&target, &now, &AssessmentConfig::default())
            .unwrap();
        assert_eq!(
            a.computed(),
            row.expected,
            "lines {}: {}",
            row.lines,
            row.id
        );
        assert_eq!(
            i.trend(&previous, &now, Some(&target)),
            row.trend,
            "lines {}: {}",
            row.lines,
            row.id
        );
        let colour = traffic.label(a.status());
        match row.expected {
            Status::Met => assert_eq!(colour, Label::Gron),
            Status::NotMet => assert_eq!(colour, Label::Rod),
            _ => assert_eq!(colour, Label::EjBedombar),
        }
    }
}

#[test]
fn gnesta_u21401_19_against_14_is_not_met_because_lower_is_better() {
    // Lines 2093-2098: "Personalkontinuitet ... (U21401). 19 st | 14 st | 18 st | 18 st | 16 st".
    let i = ind("U21401", IndicatorUnit::Persons, Direction::LowerIsBetter);
    let target = i.parse_target("14 st", None).unwrap();
    assert_eq!(target, Target::AtMost(dec("14")));
    let now = Measurement::measured(year(2022), dec("19")).with_riket(dec("16"));
    let a = i
        .assess(&target, &now, &AssessmentConfig::default())
        .unwrap();
    assert_eq!(a.computed(), Status::NotMet);
    // At least the national level, lower is better: 19 against riket 16 is not met.
    let national = i.parse_target("minst i nivå med riket", None).unwrap();
    let a = i
        .assess(&national, &now, &AssessmentConfig::default())
        .unwrap();
    assert_eq!(
        (a.computed(), a.basis()),
        (Status::NotMet, "19 against riket 16")
    );
    // 19 → 18 staff in 14 days is an improvement.
    assert_eq!(
        Direction::LowerIsBetter.trend(dec("19"), dec("18")),
        Trend::Improved
    );
}

#[test]
fn gnesta_2022_goal_colour_is_worst_of_its_uppdrag() {
    // Lines 663-797: Inriktningsmål "En hållbar kommun", socialnämndens mål
    // "Socialnämnden genomför förebyggande insatser som bidrar till social
    // hållbarhet"; L672 "Uppdragen bedöms delvis uppnådda". Uppdrag: "Synliggöra
    // och motverka våld i nära relationer" uppnått (L692), "Arbeta förebyggande"
    // uppnått (L785), "Minska klimatpåverkan" delvis uppnått (L797).
    let namndmal = Goal::new(
        "SN förebyggande",
        "Socialnämnden genomför förebyggande insatser som bidrar till social hållbarhet",
        GoalLevel::Namndmal,
    )
    .unwrap()
    .with_child(Node::Assignment(
        Assessment::direct(
            "Synliggöra och motverka våld i nära relationer",
            Status::Met,
        )
        .unwrap(),
    ))
    .with_child(Node::Assignment(
        Assessment::direct("Arbeta förebyggande", Status::Met).unwrap(),
    ))
    .with_child(Node::Assignment(
        Assessment::direct("Minska klimatpåverkan", Status::PartlyMet).unwrap(),
    ));
    let kf = Goal::new(
        "En hållbar kommun",
        "En hållbar kommun",
        GoalLevel::Inriktningsmal,
    )
    .unwrap()
    .with_child(Node::Goal(namndmal));
    let rolled = kf.roll_up(&RollUp::default()).unwrap();
    assert_eq!(rolled.status(), Status::PartlyMet);
    assert_eq!(rolled.drivers(), ["SN förebyggande".to_owned()]);
    let inner = rolled.children()[0].rolled_up.as_ref().unwrap();
    assert_eq!(
        inner.explanation(),
        "partly met because of Minska klimatpåverkan (partly met)"
    );
    assert_eq!(
        ScaleMapping::new(Scale::Traffic).label(rolled.status()),
        Label::Gul
    );
    assert_eq!(
        ScaleMapping::new(Scale::Achievement).label(rolled.status()),
        "delvis uppnått".parse().unwrap()
    );
}

#[test]
fn roll_up_of_gnesta_indicators_names_the_drivers() {
    let mut goal = Goal::new(
        "Service och bemötande",
        "Service och bemötande",
        GoalLevel::Namndmal,
    )
    .unwrap();
    for row in gnesta_rows() {
        let i = ind(row.id, row.unit, row.direction);
        let target = i.parse_target(row.target, None).unwrap();
        let (now, _) = gnesta_measurements(&row);
        let a = i
            .assess(&target, &now, &AssessmentConfig::default())
            .unwrap();
        goal = goal.with_child(Node::Indicator(a));
    }
    let rolled = goal.roll_up(&RollUp::default()).unwrap();
    assert_eq!(rolled.status(), Status::NotMet);
    assert_eq!(
        rolled.explanation(),
        "not met because of U21401 (not met), U33401 (not met), U31463 (not met), U21464 (not met)"
    );
    let ignore = RollUp::WorstOf {
        not_measurable: NotMeasurablePolicy::Ignore,
    };
    assert_eq!(goal.roll_up(&ignore).unwrap().status(), Status::NotMet);
    // 2 of 6 measurable indicators met: below a 50 % share.
    let share = RollUp::Share {
        met_percent: dec("50"),
        partly_percent: dec("30"),
        not_measurable: NotMeasurablePolicy::Ignore,
    };
    assert_eq!(goal.roll_up(&share).unwrap().status(), Status::PartlyMet);
}

// ----------------------------------------------------------------- parser

#[test]
fn target_parser_reads_the_forms_seen_in_real_plans() {
    let pct = ind("p", IndicatorUnit::Percent, Direction::HigherIsBetter);
    let cnt = ind("c", IndicatorUnit::Count, Direction::LowerIsBetter);
    let kr = ind("k", IndicatorUnit::Kronor, Direction::LowerIsBetter);
    let band = ind("b", IndicatorUnit::Ratio, Direction::WithinBand);
    let base = Some(dec("60"));
    assert_eq!(
        pct.parse_target(">25", None).unwrap(),
        Target::Above(dec("25"))
    );
    assert_eq!(
        pct.parse_target("≥91,0 %", None).unwrap(),
        Target::AtLeast(dec("91.0"))
    );
    assert_eq!(
        pct.parse_target(">= 50 %", None).unwrap(),
        Target::AtLeast(dec("50"))
    );
    assert_eq!(
        cnt.parse_target("<15", None).unwrap(),
        Target::Below(dec("15"))
    );
    assert_eq!(
        cnt.parse_target("≤ 9 253", None).unwrap(),
        Target::AtMost(dec("9253"))
    );
    assert_eq!(
        cnt.parse_target("= 3", None).unwrap(),
        Target::Equal(dec("3"))
    );
    assert_eq!(
        pct.parse_target("minst i nivå med riket", None).unwrap(),
        Target::AtLeastNational
    );
    assert_eq!(
        pct.parse_target("Öka", base).unwrap(),
        Target::Improve {
            baseline: dec("60")
        }
    );
    assert_eq!(
        cnt.parse_target("ska minska", base).unwrap(),
        Target::Improve {
            baseline: dec("60")
        }
    );
    assert_eq!(
        pct.parse_target("Bibehålla", base).unwrap(),
        Target::Maintain {
            baseline: dec("60"),
            tolerance: Decimal::ZERO
        }
    );
    assert_eq!(
        pct.parse_target("Genomfört", None).unwrap(),
        Target::Milestone
    );
    assert_eq!(
        band.parse_target("mellan 0,9 och 1,1", None).unwrap(),
        Target::Between {
            low: dec("0.9"),
            high: dec("1.1")
        }
    );
    assert_eq!(
        band.parse_target("1", None).unwrap(),
        Target::Equal(dec("1"))
    );
    assert_eq!(
        kr.parse_target("300 tkr", None).unwrap(),
        Target::AtMost(dec("300000"))
    );
    // "N införda lösningar" (välfärdsteknik in Gnesta-style plans).
    let solutions = ind("vt", IndicatorUnit::Count, Direction::HigherIsBetter);
    for text in [
        "3 införda lösningar",
        "Minst 3 införda lösningar",
        "3 lösningar införda",
    ] {
        assert_eq!(
            solutions.parse_target(text, None).unwrap(),
            Target::Introduced { count: 3 },
            "{text}"
        );
    }
    assert_eq!(
        solutions.parse_target("1 införd lösning", None).unwrap(),
        Target::Introduced { count: 1 }
    );
    let err = solutions
        .parse_target("2,5 införda lösningar", None)
        .unwrap_err();
    assert!(
        matches!(err, KpiError::ParseTarget { .. }) && err.to_string().contains("vt"),
        "{err}"
    );
    // "bibehålla" with a tolerance.
    let maintain = |tolerance: &str| Target::Maintain {
        baseline: dec("60"),
        tolerance: dec(tolerance),
    };
    for text in [
        "bibehålla ±2",
        "Bibehålla (±2 procentenheter)",
        "bibehålla +/- 2",
        "ska bibehållas ± 2",
    ] {
        assert_eq!(
            pct.parse_target(text, base).unwrap(),
            maintain("2"),
            "{text}"
        );
    }
    assert_eq!(
        pct.parse_target("bibehålla ±0,5 procentenheter", base)
            .unwrap(),
        maintain("0.5")
    );
    // Percentage points only on a percent indicator; a tolerance needs a baseline.
    assert!(matches!(
        cnt.parse_target("bibehålla ±2 procentenheter", base),
        Err(KpiError::TargetUnitMismatch { .. })
    ));
    assert_eq!(
        cnt.parse_target("bibehålla ±2", base).unwrap(),
        maintain("2")
    );
    assert!(matches!(
        pct.parse_target("bibehålla ±2", None),
        Err(KpiError::MissingBaseline { .. })
    ));
    assert!(matches!(
        pct.parse_target("bibehålla ungefär", base),
        Err(KpiError::ParseTarget { .. })
    ));
}

#[test]
fn milestone_increase_and_maintain_are_assessed() {
    let y = year(2021);
    let i = ind("m", IndicatorUnit::Count, Direction::HigherIsBetter);
    let c = AssessmentConfig::default();
    let done = i
        .assess(&Target::Milestone, &Measurement::milestone(y, true), &c)
        .unwrap();
    let not_done = i
        .assess(&Target::Milestone, &Measurement::milestone(y, false), &c)
        .unwrap();
    assert_eq!(
        (done.computed(), not_done.computed()),
        (Status::Met, Status::NotMet)
    );
    let inc = i.parse_target("öka", Some(dec("25"))).unwrap();
    assert_eq!(
        i.assess(&inc, &Measurement::measured(y, dec("25")), &c)
            .unwrap()
            .computed(),
        Status::NotMet
    );
    assert_eq!(
        i.assess(&inc, &Measurement::measured(y, dec("26")), &c)
            .unwrap()
            .computed(),
        Status::Met
    );
    let na = i.assess(&inc, &Measurement::not_applicable(y), &c).unwrap();
    assert_eq!(na.computed(), Status::NotMeasurable);
    // No national value: not measurable, never compared with 0.
    let nat = i
        .assess(
            &Target::AtLeastNational,
            &Measurement::measured(y, dec("5")),
            &c,
        )
        .unwrap();
    assert_eq!(nat.computed(), Status::NotMeasurable);
}

// ------------------------------------------- improve, milestones, limits

/// U21401 (staff met in 14 days) is lower-is-better: the goal text's
/// "continuity shall increase" means the number shall fall.
#[test]
fn u21401_improve_follows_the_direction() {
    let y = year(2022);
    let c = AssessmentConfig::default();
    let u = ind("U21401", IndicatorUnit::Persons, Direction::LowerIsBetter);
    let base = Some(dec("19"));
    // "öka" contradicts lower-is-better: an error naming the indicator.
    let err = u.parse_target("Öka", base).unwrap_err();
    assert_eq!(
        err,
        KpiError::TargetContradictsDirection {
            indicator: "U21401".into(),
            word: "öka",
            direction: "lower is better",
        }
    );
    assert!(
        err.to_string()
            .starts_with("indicator U21401: target \"öka\" contradicts")
    );
    // "förbättra" and "minska" mean better than the baseline: 19 → 18 is met,
    // agreeing with the trend.
    for word in ["förbättra", "ska förbättras", "minska"] {
        let t = u.parse_target(word, base).unwrap();
        assert_eq!(
            t,
            Target::Improve {
                baseline: dec("19")
            },
            "{word}"
        );
        let at = |v: &str| {
            u.assess(&t, &Measurement::measured(y, dec(v)), &c)
                .unwrap()
                .computed()
        };
        assert_eq!(
            (at("18"), at("19"), at("20")),
            (Status::Met, Status::NotMet, Status::NotMet)
        );
    }
    assert_eq!(
        Direction::LowerIsBetter.trend(dec("19"), dec("18")),
        Trend::Improved
    );
    // On a higher-is-better indicator "minska" contradicts, "öka" improves.
    let share = ind("U23471", IndicatorUnit::Percent, Direction::HigherIsBetter);
    assert!(matches!(
        share.parse_target("minska", base),
        Err(KpiError::TargetContradictsDirection { word: "minska", .. })
    ));
    let t = share.parse_target("öka", base).unwrap();
    let at = |v: &str| {
        share
            .assess(&t, &Measurement::measured(y, dec(v)), &c)
            .unwrap()
            .computed()
    };
    assert_eq!((at("20"), at("19")), (Status::Met, Status::NotMet));
    // A band has no better side.
    let band = ind("b", IndicatorUnit::Ratio, Direction::WithinBand);
    assert!(matches!(
        band.parse_target("öka", base),
        Err(KpiError::TargetContradictsDirection { .. })
    ));
    assert_eq!(
        band.parse_target("förbättra", base).unwrap_err(),
        KpiError::ImproveNeedsDirection {
            indicator: "b".into()
        }
    );
    assert_eq!(
        band.assess(
            &Target::Improve { baseline: dec("1") },
            &Measurement::measured(y, dec("1")),
            &c
        )
        .unwrap_err(),
        KpiError::ImproveNeedsDirection {
            indicator: "b".into()
        }
    );
    // Missing baseline is still reported.
    assert!(matches!(
        u.parse_target("förbättra", None),
        Err(KpiError::MissingBaseline {
            target: "förbättra",
            ..
        })
    ));
}

#[test]
fn milestone_accepts_only_zero_or_one_and_is_never_partly_met() {
    let y = year(2022);
    let m = ind("M1", IndicatorUnit::Count, Direction::HigherIsBetter);
    let widest = AssessmentConfig::default()
        .with_partly_met_band(Decimal::MAX)
        .unwrap();
    let at = |v: &str| {
        m.assess(
            &Target::Milestone,
            &Measurement::measured(y, dec(v)),
            &widest,
        )
    };
    assert_eq!(at("1").unwrap().computed(), Status::Met);
    assert_eq!(at("1.00").unwrap().computed(), Status::Met);
    assert_eq!(at("0").unwrap().computed(), Status::NotMet);
    for bad in ["2", "0.5", "-1"] {
        let err = at(bad).unwrap_err();
        assert_eq!(
            err,
            KpiError::MilestoneValue {
                indicator: "M1".into(),
                value: dec(bad)
            }
        );
        assert!(err.to_string().contains("M1"), "{err}");
        assert!(err.to_string().contains(bad), "{err}");
    }
    assert_eq!(
        m.assess(&Target::Milestone, &Measurement::not_applicable(y), &widest)
            .unwrap()
            .computed(),
        Status::NotMeasurable
    );
}

/// A difference far below the decimal range is no shortfall at all.
#[test]
fn gaps_saturate_on_the_right_side_near_the_limits() {
    let y = year(2022);
    let c = AssessmentConfig::default()
        .with_partly_met_band(dec("1"))
        .unwrap();
    let hi = ind("h", IndicatorUnit::Ratio, Direction::HigherIsBetter);
    let lo = ind("l", IndicatorUnit::Ratio, Direction::LowerIsBetter);
    let status = |i: &Indicator, t: &Target, v: Decimal| {
        i.assess(t, &Measurement::measured(y, v), &c)
            .unwrap()
            .computed()
    };
    // Far better than a maintained baseline: MIN - MAX overflows.
    let keep_min = Target::Maintain {
        baseline: Decimal::MIN,
        tolerance: Decimal::ZERO,
    };
    assert_eq!(status(&hi, &keep_min, Decimal::MAX), Status::Met);
    let keep_max = Target::Maintain {
        baseline: Decimal::MAX,
        tolerance: Decimal::ZERO,
    };
    assert_eq!(status(&lo, &keep_max, Decimal::MIN), Status::Met);
    // Far worse: saturates high, never partly met.
    assert_eq!(status(&hi, &keep_max, Decimal::MIN), Status::NotMet);
    assert_eq!(status(&lo, &keep_min, Decimal::MAX), Status::NotMet);
    assert_eq!(
        status(&hi, &Target::AtLeast(Decimal::MAX), Decimal::MIN),
        Status::NotMet
    );
    assert_eq!(
        status(&hi, &Target::Equal(Decimal::MIN), Decimal::MAX),
        Status::NotMet
    );
    assert_eq!(
        status(&hi, &Target::AtMost(Decimal::MAX), Decimal::MIN),
        Status::Met
    );
}

// -------------------------------------------------------------- bad input

#[test]
fn impossible_between_target_is_an_error_naming_the_indicator() {
    let i = ind("U21401", IndicatorUnit::Persons, Direction::WithinBand);
    let err = i.parse_target("mellan 5 och 3", None).unwrap_err();
    assert_eq!(
        err,
        KpiError::ImpossibleTarget {
            indicator: "U21401".into(),
            low: dec("5"),
            high: dec("3")
        }
    );
    assert_eq!(
        err.to_string(),
        "indicator U21401: impossible target, between 5 and 3; the lower bound is above the upper"
    );
    assert!(i.between(dec("5"), dec("3")).is_err());
    // A hand-built impossible target is refused at assessment too.
    let built = Target::Between {
        low: dec("5"),
        high: dec("3"),
    };
    let err = i
        .assess(
            &built,
            &Measurement::measured(year(2021), dec("4")),
            &AssessmentConfig::default(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("U21401"));
}

#[test]
fn malformed_targets_are_errors_naming_the_indicator() {
    let pct = ind("U23471", IndicatorUnit::Percent, Direction::HigherIsBetter);
    let cnt = ind("vikarier", IndicatorUnit::Count, Direction::LowerIsBetter);
    let err = pct.parse_target(">x", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"indicator U23471: cannot read the number in target ">x""#
    );
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(
        cnt.parse_target("<15 %", None).unwrap_err().to_string(),
        "indicator vikarier: target is in %, but the indicator is measured in count"
    );
    assert_eq!(
        pct.parse_target("öka", None).unwrap_err().to_string(),
        "indicator U23471: target öka needs a baseline (ingångsvärde)"
    );
    assert_eq!(
        pct.parse_target("  ", None).unwrap_err().to_string(),
        r#"indicator U23471: cannot read target "  "; the target is empty"#
    );
    assert_eq!(
        pct.parse_target("mellan 5", None).unwrap_err().to_string(),
        r#"indicator U23471: cannot read target "mellan 5"; expected "mellan X och Y""#
    );
    let negative = Target::Maintain {
        baseline: dec("1"),
        tolerance: dec("-1"),
    };
    assert!(
        pct.assess(
            &negative,
            &Measurement::measured(year(2021), dec("1")),
            &AssessmentConfig::default()
        )
        .is_err()
    );
    let band = ind("b", IndicatorUnit::Ratio, Direction::WithinBand);
    let m = Measurement::measured(year(2021), dec("1")).with_riket(dec("1"));
    assert_eq!(
        band.assess(&Target::AtLeastNational, &m, &AssessmentConfig::default())
            .unwrap_err()
            .to_string(),
        r#"indicator b: target "minst i nivå med riket" needs higher or lower is better, not a band"#
    );
    assert!("U2140".parse::<namnd_kpi::goal::KoladaId>().is_err());
    assert!(Indicator::new("", "x", IndicatorUnit::Count, Direction::HigherIsBetter).is_err());
    assert_eq!(
        "kanske".parse::<Label>().unwrap_err().to_string(),
        r#"status word "kanske" is not on any scale; expected ja, nej, uppnått, delvis uppnått, ej uppnått, grön, gul or röd"#
    );
    let bad_share = RollUp::Share {
        met_percent: dec("120"),
        partly_percent: dec("10"),
        not_measurable: NotMeasurablePolicy::Count,
    };
    let g = Goal::new("g", "G", GoalLevel::Namndmal)
        .unwrap()
        .with_child(Node::Indicator(
            Assessment::direct("a", Status::Met).unwrap(),
        ));
    assert_eq!(
        g.roll_up(&bad_share).unwrap_err().to_string(),
        "roll-up share 120 is outside 0 to 100 percent"
    );
}

// ------------------------------------------------------------- properties

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Met),
        Just(Status::PartlyMet),
        Just(Status::NotMeasurable),
        Just(Status::NotMet),
    ]
}

fn measurable_status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Met),
        Just(Status::PartlyMet),
        Just(Status::NotMet)
    ]
}

fn rule() -> impl Strategy<Value = RollUp> {
    let policy = prop_oneof![
        Just(NotMeasurablePolicy::Count),
        Just(NotMeasurablePolicy::Ignore),
        Just(NotMeasurablePolicy::AsNotMet),
    ];
    prop_oneof![
        policy
            .clone()
            .prop_map(|p| RollUp::WorstOf { not_measurable: p }),
        (0i64..=100, 0i64..=100, policy).prop_map(|(a, b, p)| RollUp::Share {
            met_percent: Decimal::from(a),
            partly_percent: Decimal::from(b),
            not_measurable: p,
        }),
    ]
}

fn goal_of(statuses: &[Status]) -> Goal {
    statuses.iter().enumerate().fold(
        Goal::new("g", "G", GoalLevel::Namndmal).unwrap(),
        |g, (i, s)| {
            g.with_child(Node::Indicator(
                Assessment::direct(format!("c{i}"), *s).unwrap(),
            ))
        },
    )
}

fn small_decimal() -> impl Strategy<Value = Decimal> {
    (-100_000i64..100_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s))
}

/// The same target seen with negated values (and so the opposite direction).
fn mirrored(t: &Target) -> Target {
    match t {
        Target::Above(v) => Target::Below(-*v),
        Target::AtLeast(v) => Target::AtMost(-*v),
        Target::Below(v) => Target::Above(-*v),
        Target::AtMost(v) => Target::AtLeast(-*v),
        Target::Equal(v) => Target::Equal(-*v),
        Target::Between { low, high } => Target::Between {
            low: -*high,
            high: -*low,
        },
        Target::Improve { baseline } => Target::Improve {
            baseline: -*baseline,
        },
        Target::Increase { baseline } => Target::Decrease {
            baseline: -*baseline,
        },
        Target::Decrease { baseline } => Target::Increase {
            baseline: -*baseline,
        },
        Target::Maintain {
            baseline,
            tolerance,
        } => Target::Maintain {
            baseline: -*baseline,
            tolerance: *tolerance,
        },
        other => other.clone(),
    }
}

fn directional_target() -> impl Strategy<Value = Target> {
    let d = small_decimal;
    prop_oneof![
        d().prop_map(Target::Above),
        d().prop_map(Target::AtLeast),
        d().prop_map(Target::Below),
        d().prop_map(Target::AtMost),
        d().prop_map(Target::Equal),
        (d(), d()).prop_map(|(a, b)| Target::Between {
            low: a.min(b),
            high: a.max(b)
        }),
        d().prop_map(|b| Target::Improve { baseline: b }),
        d().prop_map(|b| Target::Increase { baseline: b }),
        d().prop_map(|b| Target::Decrease { baseline: b }),
        (d(), d()).prop_map(|(b, t)| Target::Maintain {
            baseline: b,
            tolerance: t.abs()
        }),
        Just(Target::AtLeastNational),
    ]
}

proptest! {
    /// Worsening one child never improves the parent (with not-measurable
    /// children counted or taken as not met, for every roll-up rule).
    #[test]
    fn roll_up_is_monotone(
        children in proptest::collection::vec(status(), 1..8),
        index in any::<proptest::sample::Index>(),
        worse in status(),
        rule in rule(),
    ) {
        let i = index.index(children.len());
        prop_assume!(worse.severity() >= children[i].severity());
        let ignores = matches!(
            rule,
            RollUp::WorstOf { not_measurable: NotMeasurablePolicy::Ignore }
                | RollUp::Share { not_measurable: NotMeasurablePolicy::Ignore, .. }
        );
        // Ignoring drops a child, which is not a worsening in severity order;
        // there, monotonicity holds among measurable statuses.
        prop_assume!(!ignores || (worse != Status::NotMeasurable && !children.contains(&Status::NotMeasurable)));
        let before = goal_of(&children).roll_up(&rule).unwrap().status();
        let mut worsened = children.clone();
        worsened[i] = worse;
        let after = goal_of(&worsened).roll_up(&rule).unwrap().status();
        prop_assert!(after.severity() >= before.severity(), "{before} -> {after}");
    }

    /// Worsening a leaf two levels down (an indicator of a nämndmål under an
    /// inriktningsmål) never improves the top goal, for every roll-up rule.
    #[test]
    fn roll_up_is_monotone_through_a_nested_goal(
        inner in proptest::collection::vec(status(), 1..6),
        siblings in proptest::collection::vec(status(), 0..5),
        index in any::<proptest::sample::Index>(),
        worse in status(),
        rule in rule(),
    ) {
        let i = index.index(inner.len());
        prop_assume!(worse.severity() >= inner[i].severity());
        let ignores = matches!(
            rule,
            RollUp::WorstOf { not_measurable: NotMeasurablePolicy::Ignore }
                | RollUp::Share { not_measurable: NotMeasurablePolicy::Ignore, .. }
        );
        prop_assume!(!ignores || (worse != Status::NotMeasurable
            && !inner.contains(&Status::NotMeasurable)
            && !siblings.contains(&Status::NotMeasurable)));
        let top = |leaves: &[Status]| {
            siblings.iter().enumerate().fold(
                Goal::new("kf", "KF", GoalLevel::Inriktningsmal)
                    .unwrap()
                    .with_child(Node::Goal(goal_of(leaves))),
                |g, (k, s)| g.with_child(Node::Indicator(Assessment::direct(format!("s{k}"), *s).unwrap())),
            )
        };
        let before = top(&inner).roll_up(&rule).unwrap();
        let mut worsened = inner.clone();
        worsened[i] = worse;
        let after = top(&worsened).roll_up(&rule).unwrap();
        // The nested goal itself does not improve either.
        let nested = |r: &namnd_kpi::goal::RolledUp| r.children()[0].status;
        prop_assert!(nested(&after).severity() >= nested(&before).severity());
        prop_assert!(
            after.status().severity() >= before.status().severity(),
            "{} -> {}", before.status(), after.status()
        );
    }

    /// Ignoring not-measurable children: worsening among measurable ones never helps.
    #[test]
    fn roll_up_ignoring_missing_is_monotone_among_measured(
        children in proptest::collection::vec(measurable_status(), 1..8),
        index in any::<proptest::sample::Index>(),
        worse in measurable_status(),
    ) {
        let i = index.index(children.len());
        prop_assume!(worse.severity() >= children[i].severity());
        let rule = RollUp::WorstOf { not_measurable: NotMeasurablePolicy::Ignore };
        let before = goal_of(&children).roll_up(&rule).unwrap().status();
        let mut worsened = children.clone();
        worsened[i] = worse;
        let after = goal_of(&worsened).roll_up(&rule).unwrap().status();
        prop_assert!(after.severity() >= before.severity());
    }

    /// Negating every value and flipping the direction gives the same status.
    #[test]
    fn direction_symmetry(
        target in directional_target(),
        value in small_decimal(),
        riket in small_decimal(),
        higher in any::<bool>(),
        band in proptest::option::of(small_decimal()),
    ) {
        let direction = if higher { Direction::HigherIsBetter } else { Direction::LowerIsBetter };
        let config = match band {
            Some(b) => AssessmentConfig::default().with_partly_met_band(b.abs()).unwrap(),
            None => AssessmentConfig::default(),
        };
        let a = ind("x", IndicatorUnit::Ratio, direction);
        let b = ind("x", IndicatorUnit::Ratio, direction.flipped());
        let m = Measurement::measured(year(2022), value).with_riket(riket);
        let n = Measurement::measured(year(2022), -value).with_riket(-riket);
        let s = a.assess(&target, &m, &config).unwrap().computed();
        let t = b.assess(&mirrored(&target), &n, &config).unwrap().computed();
        prop_assert_eq!(s, t);
    }

    /// The trend follows direction: up is better for higher-is-better, down for
    /// lower-is-better, and negation with a flipped direction changes nothing.
    #[test]
    fn trend_respects_direction(previous in small_decimal(), current in small_decimal()) {
        let up = Direction::HigherIsBetter.trend(previous, current);
        let down = Direction::LowerIsBetter.trend(previous, current);
        let expected_up = match current.cmp(&previous) {
            std::cmp::Ordering::Greater => Trend::Improved,
            std::cmp::Ordering::Less => Trend::Worsened,
            std::cmp::Ordering::Equal => Trend::Unchanged,
        };
        prop_assert_eq!(up, expected_up);
        prop_assert_eq!(Direction::LowerIsBetter.trend(-previous, -current), up);
        match up {
            Trend::Improved => prop_assert_eq!(down, Trend::Worsened),
            Trend::Worsened => prop_assert_eq!(down, Trend::Improved),
            _ => prop_assert_eq!(down, Trend::Unchanged),
        }
        prop_assert_eq!(Direction::WithinBand.trend(previous, current), Trend::NotComparable);
    }
}

// ------------------------------------------------------------------ serde

#[cfg(feature = "serde")]
#[test]
fn assessment_config_json_is_validated() {
    let ok: AssessmentConfig = serde_json::from_str(r#"{"partly_met_band":"2"}"#).unwrap();
    assert_eq!(ok.partly_met_band(), Some(dec("2")));
    let none: AssessmentConfig = serde_json::from_str("{}").unwrap();
    assert_eq!(none, AssessmentConfig::default());
    let back: AssessmentConfig =
        serde_json::from_str(&serde_json::to_string(&ok).unwrap()).unwrap();
    assert_eq!(back, ok);
    let err = serde_json::from_str::<AssessmentConfig>(r#"{"partly_met_band":"-1"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("assessment config: partly-met band -1 is negative"),
        "{err}"
    );
    assert!(!err.contains("indicator"), "{err}");
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates_on_the_way_in() {
    // The override case from Oxelösund 2021 (L483, L551-552).
    let i = ind(
        "vuxna ej återkommit",
        IndicatorUnit::Percent,
        Direction::HigherIsBetter,
    );
    let target = i.parse_target("≥91,0 %", None).unwrap();
    let outcome = Measurement::measured(year(2021), dec("90")).with_riket(dec("88"));
    let a = i
        .assess(&target, &outcome, &AssessmentConfig::default())
        .unwrap()
        .override_with(Status::Met, "anses resultatet på 90 % vara godkänt", None)
        .unwrap();
    let json = serde_json::to_string(&(&i, &target, &outcome, &a)).unwrap();
    assert!(json.contains(r#"{"at-least":"91.0"}"#), "{json}");
    assert!(json.contains(r#""riket":"88""#), "{json}");
    let back: (Indicator, Target, Measurement, Assessment) = serde_json::from_str(&json).unwrap();
    assert_eq!(back, (i, target, outcome, a));

    // An assessed status that differs without a justification is refused.
    let bad = r#"{"subject":"x","computed":"not-met","basis":"","assessed":{"status":"met","justification":" ","assessor":null}}"#;
    let err = serde_json::from_str::<Assessment>(bad).unwrap_err();
    assert!(err.to_string().contains("no justification"), "{err}");
    // A value cannot refer to a period after its report period.
    let bad = r#"{"observation":{"measured":"29"},"period":"2021","reference":"2022","comparisons":{"riket":null,"lanet":null,"similar":null}}"#;
    assert!(serde_json::from_str::<Measurement>(bad).is_err());
    // Decimals are strings, never floats.
    let bad = r#"{"observation":{"measured":29.5},"period":"2021","reference":"2021","comparisons":{"riket":null,"lanet":null,"similar":null}}"#;
    assert!(serde_json::from_str::<Measurement>(bad).is_err());
    assert!(serde_json::from_str::<namnd_kpi::goal::KoladaId>(r#""U2140""#).is_err());
    // Targets are validated on the way in, as by their constructors.
    let err = serde_json::from_str::<Target>(r#"{"between":{"low":"5","high":"3"}}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("impossible target, between 5 and 3"),
        "{err}"
    );
    let err = serde_json::from_str::<Target>(r#"{"maintain":{"baseline":"60","tolerance":"-1"}}"#)
        .unwrap_err();
    assert!(
        err.to_string().contains("tolerance -1 is negative"),
        "{err}"
    );
    let ok: Target = serde_json::from_str(r#"{"between":{"low":"3","high":"5"}}"#).unwrap();
    assert_eq!(
        ok,
        Target::Between {
            low: dec("3"),
            high: dec("5")
        }
    );
    // Roll-up shares must lie in 0 to 100 percent.
    for bad in [
        r#"{"share":{"met_percent":"120","partly_percent":"50","not_measurable":"count"}}"#,
        r#"{"share":{"met_percent":"50","partly_percent":"-1","not_measurable":"count"}}"#,
    ] {
        let err = serde_json::from_str::<RollUp>(bad).unwrap_err();
        assert!(
            err.to_string().contains("outside 0 to 100 percent"),
            "{err}"
        );
    }
    let share = RollUp::Share {
        met_percent: dec("50"),
        partly_percent: dec("25"),
        not_measurable: namnd_kpi::goal::NotMeasurablePolicy::Ignore,
    };
    let back: RollUp = serde_json::from_str(&serde_json::to_string(&share).unwrap()).unwrap();
    assert_eq!(back, share);
    // A scale mapping cannot print a label of another scale.
    let bad = r#"{"scale":"yes-no","partly_met":"gul","not_measurable":"ej-bedombar"}"#;
    let err = serde_json::from_str::<ScaleMapping>(bad).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"gul\" is not on the scale ja/nej"),
        "{err}"
    );
    let mapping = ScaleMapping::new(Scale::YesNo)
        .not_measurable_as(Label::Nej)
        .unwrap();
    let back: ScaleMapping =
        serde_json::from_str(&serde_json::to_string(&mapping).unwrap()).unwrap();
    assert_eq!(back, mapping);
    let rolled = Goal::new("g", "G", GoalLevel::Namndmal)
        .unwrap()
        .with_child(Node::Indicator(
            Assessment::direct("U21401", Status::NotMet).unwrap(),
        ))
        .roll_up(&RollUp::default())
        .unwrap();
    let json = serde_json::to_string(&rolled).unwrap();
    assert!(json.contains(r#""drivers":["U21401"]"#), "{json}");
}

#[cfg(feature = "schemars")]
#[test]
fn json_schemas_exist_for_goal_types() {
    let schema = schemars::schema_for!(Goal);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(text.contains("inriktningsmal"), "{text}");
    let _ = schemars::schema_for!(Measurement);
    let _ = schemars::schema_for!(Indicator);
}

#[test]
fn scale_mapping_rejects_labels_of_another_scale() {
    // Partly met: only the scale's own labels.
    for (scale, foreign) in [
        (Scale::YesNo, Label::Gul),
        (Scale::Achievement, Label::Ja),
        (Scale::Traffic, Label::DelvisUppnatt),
        (Scale::YesNo, Label::EjBedombar),
    ] {
        let err = ScaleMapping::new(scale).partly_met_as(foreign).unwrap_err();
        assert!(matches!(err, KpiError::LabelNotOnScale { .. }), "{err}");
    }
    assert_eq!(
        ScaleMapping::new(Scale::Traffic)
            .partly_met_as(Label::Rod)
            .unwrap()
            .label(Status::PartlyMet),
        Label::Rod
    );
    // Not measurable: the scale's own labels or "går ej att bedöma".
    let err = ScaleMapping::new(Scale::YesNo)
        .not_measurable_as(Label::Rod)
        .unwrap_err();
    assert_eq!(err.to_string(), "label \"röd\" is not on the scale ja/nej");
    for scale in [Scale::YesNo, Scale::Achievement, Scale::Traffic] {
        let m = ScaleMapping::new(scale)
            .not_measurable_as(Label::EjBedombar)
            .unwrap();
        assert_eq!(m.label(Status::NotMeasurable), Label::EjBedombar);
    }
}
