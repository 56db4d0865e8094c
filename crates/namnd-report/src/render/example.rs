//! A small but realistic [`Report`] built by hand, for the renderers'
//! examples and tests (the full demo report comes from the assembly).
//!
//! | Section | Content |
//! |---|---|
//! | `summary` | paragraph and key figures |
//! | `budget` | table per verksamhet with a sub-row and a total, cumulative line chart, forecast bar chart |
//! | `goals` | indicator table with statuses and percentages, trend chart with a target line |
//! | `decisions` | unexecuted decisions per quarter with a suppressed count |
//! | `quality` | unavailable, with the reason |

use namnd_calc::suppress::SmallCountPolicy;
use namnd_core::Decimal;

use crate::Result;
use crate::model::{
    Block, Cell, Chart, ChartKind, Display, KeyFigure, Report, ReportMeta, Row, Section, Series,
    SeriesStyle, StatusColour, Table, TotalDisplay,
};

fn kr(v: i64) -> Cell {
    Cell::Amount {
        kr: Decimal::from(v),
    }
}

fn pct(v: i64, scale: u32) -> Cell {
    Cell::Percent {
        value: Decimal::new(v, scale),
        decimals: 1,
    }
}

fn status(colour: StatusColour, label: &str) -> Cell {
    Cell::Status {
        colour,
        label: label.to_owned(),
    }
}

fn row(label: &str, level: u8, cells: Vec<Cell>) -> Row {
    Row {
        label: label.to_owned(),
        level,
        cells,
    }
}

fn values(v: &[Option<i64>]) -> Vec<Option<Decimal>> {
    v.iter().map(|x| x.map(Decimal::from)).collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// Exempelkommun's socialnämnd, August 2026: summary, budget, goals and
/// decisions, and an unavailable quality section.
///
/// # Errors
/// Never in practice; the metadata's year and month are constants.
///
/// # Example
/// ```
/// use namnd_report::render::example::example_report;
/// let report = example_report()?;
/// assert_eq!(report.sections.len(), 5);
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn example_report() -> Result<Report> {
    let meta = ReportMeta::example()?;

    let summary = Section::available(
        "summary",
        "Sammanfattning",
        vec![
            Block::Paragraph(
                "Nämnden prognostiserar ett underskott för helåret, främst inom individ- och familjeomsorgen där placeringskostnaderna är högre än budgeterat.".to_owned(),
            ),
            Block::KeyFigures(vec![
                KeyFigure {
                    id: "result_ytd".to_owned(),
                    label: "Resultat januari–augusti".to_owned(),
                    value: kr(-4_312_450),
                },
                KeyFigure {
                    id: "forecast_variance".to_owned(),
                    label: "Prognos avvikelse helår".to_owned(),
                    value: kr(-6_840_900),
                },
                KeyFigure {
                    id: "goals_met".to_owned(),
                    label: "Uppnådda mål".to_owned(),
                    value: pct(667, 1),
                },
                KeyFigure {
                    id: "unexecuted".to_owned(),
                    label: "Ej verkställda beslut".to_owned(),
                    value: Cell::Count(17),
                },
            ]),
        ],
    );

    let mut by_unit = Table::new(
        "budget.by_unit",
        "Ekonomi per verksamhet",
        vec![
            "Budget helår".to_owned(),
            "Utfall jan–aug".to_owned(),
            "Prognos helår".to_owned(),
            "Avvikelse".to_owned(),
            "Avvikelse %".to_owned(),
        ],
        Display::tkr(),
    );
    by_unit.rows = vec![
        row(
            "Nämnd och administration",
            0,
            vec![
                kr(-12_400_400),
                kr(-8_100_300),
                kr(-12_300_600),
                kr(99_800),
                pct(8, 1),
            ],
        ),
        row(
            "Äldreomsorg",
            0,
            vec![
                kr(-263_094_400),
                kr(-176_210_600),
                kr(-263_062_400),
                kr(32_000),
                pct(1, 2),
            ],
        ),
        row(
            "varav hemtjänst",
            1,
            vec![
                kr(-98_500_000),
                kr(-66_800_200),
                kr(-99_300_500),
                kr(-800_500),
                pct(-8, 1),
            ],
        ),
        row(
            "Individ- och familjeomsorg",
            0,
            vec![
                kr(-84_300_400),
                kr(-61_900_900),
                kr(-91_273_100),
                kr(-6_972_700),
                pct(-83, 1),
            ],
        ),
    ];
    by_unit.total = Some(row(
        "Summa",
        0,
        vec![
            kr(-359_795_200),
            kr(-246_211_800),
            kr(-366_636_100),
            kr(-6_840_900),
            pct(-19, 1),
        ],
    ));
    by_unit
        .notes
        .push("Källa: ekonomisystemet, utfall till och med augusti.".to_owned());

    let mut cumulative = [0i64; 12];
    let mut sum = 0i64;
    for (i, slot) in cumulative.iter_mut().enumerate() {
        sum += if i == 6 { 20_100 } else { 31_300 };
        *slot = sum;
    }
    let outcome: Vec<Option<i64>> = cumulative
        .iter()
        .enumerate()
        .map(|(i, v)| (i < 8).then_some(v + 400 * i64::try_from(i).unwrap_or(0)))
        .collect();
    let budget_line: Vec<Option<i64>> = cumulative.iter().map(|v| Some(*v)).collect();
    let cumulative_chart = Chart {
        id: "budget.cumulative".to_owned(),
        title: "Ackumulerat utfall mot periodiserad budget".to_owned(),
        kind: ChartKind::Line,
        x_labels: MONTHS.iter().map(|m| (*m).to_owned()).collect(),
        series: vec![
            Series {
                name: "Utfall".to_owned(),
                style: SeriesStyle::Solid,
                values: values(&outcome),
            },
            Series {
                name: "Periodiserad budget".to_owned(),
                style: SeriesStyle::Dashed,
                values: values(&budget_line),
            },
        ],
        unit: "tkr".to_owned(),
    };
    let forecast_chart = Chart {
        id: "budget.forecast_by_month".to_owned(),
        title: "Prognosavvikelse per prognosmånad".to_owned(),
        kind: ChartKind::Bar,
        x_labels: ["feb", "mar", "apr", "maj", "jun", "aug"]
            .iter()
            .map(|m| (*m).to_owned())
            .collect(),
        series: vec![
            Series {
                name: "Individ- och familjeomsorg".to_owned(),
                style: SeriesStyle::Solid,
                values: values(&[
                    Some(-2_100),
                    Some(-3_400),
                    Some(-4_800),
                    Some(-5_900),
                    Some(-6_500),
                    Some(-6_973),
                ]),
            },
            Series {
                name: "Äldreomsorg".to_owned(),
                style: SeriesStyle::Dashed,
                values: values(&[Some(-900), Some(-600), Some(300), None, Some(100), Some(32)]),
            },
        ],
        unit: "tkr".to_owned(),
    };
    let budget = Section::available(
        "budget",
        "Ekonomi",
        vec![
            Block::Table(by_unit),
            Block::Chart(cumulative_chart),
            Block::Chart(forecast_chart),
        ],
    );

    let mut indicators = Table::new(
        "goals.indicators",
        "Mål och indikatorer",
        vec![
            "Utfall".to_owned(),
            "Målvärde".to_owned(),
            "Riket".to_owned(),
            "Status".to_owned(),
        ],
        Display {
            totals: TotalDisplay::LargestRemainder,
            ..Display::tkr()
        },
    );
    indicators.rows = vec![
        row(
            "Andel brukare nöjda med hemtjänsten",
            0,
            vec![
                pct(8_725, 2),
                pct(90, 0),
                pct(880, 1),
                status(StatusColour::Yellow, "Delvis uppnått"),
            ],
        ),
        row(
            "Väntetid till särskilt boende",
            0,
            vec![
                Cell::Number {
                    value: Decimal::from(58),
                    decimals: 0,
                    unit: "dagar".to_owned(),
                },
                Cell::Number {
                    value: Decimal::from(60),
                    decimals: 0,
                    unit: "dagar".to_owned(),
                },
                Cell::Number {
                    value: Decimal::from(67),
                    decimals: 0,
                    unit: "dagar".to_owned(),
                },
                status(StatusColour::Green, "Uppnått"),
            ],
        ),
        row(
            "Personalkontinuitet i hemtjänsten",
            0,
            vec![
                Cell::Number {
                    value: Decimal::from(16),
                    decimals: 0,
                    unit: "personal".to_owned(),
                },
                Cell::Number {
                    value: Decimal::from(12),
                    decimals: 0,
                    unit: "personal".to_owned(),
                },
                Cell::Number {
                    value: Decimal::from(15),
                    decimals: 0,
                    unit: "personal".to_owned(),
                },
                status(StatusColour::Red, "Ej uppnått"),
            ],
        ),
        row(
            "Utredningstid barn och unga",
            0,
            vec![
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                status(StatusColour::Grey, "Ej bedömbar"),
            ],
        ),
    ];
    let trend = Chart {
        id: "goals.satisfaction_trend".to_owned(),
        title: "Nöjda brukare i hemtjänsten".to_owned(),
        kind: ChartKind::Line,
        x_labels: ["2022", "2023", "2024", "2025", "2026"]
            .iter()
            .map(|y| (*y).to_owned())
            .collect(),
        series: vec![
            Series {
                name: "Exempelkommun".to_owned(),
                style: SeriesStyle::Solid,
                values: vec![
                    Some(Decimal::new(841, 1)),
                    Some(Decimal::new(856, 1)),
                    None,
                    Some(Decimal::new(862, 1)),
                    Some(Decimal::new(8_725, 2)),
                ],
            },
            Series {
                name: "Riket".to_owned(),
                style: SeriesStyle::Dashed,
                values: values(&[Some(88), Some(88), Some(87), Some(88), Some(88)]),
            },
            Series {
                name: "Målvärde".to_owned(),
                style: SeriesStyle::Target,
                values: values(&[Some(90), Some(90), Some(90), Some(90), Some(90)]),
            },
        ],
        unit: "%".to_owned(),
    };
    let goals = Section::available(
        "goals",
        "Mål och indikatorer",
        vec![Block::Table(indicators), Block::Chart(trend)],
    );

    let mut unexecuted = Table::new(
        "decisions.by_quarter",
        "Ej verkställda beslut per kvartal",
        vec!["Kvinnor".to_owned(), "Män".to_owned(), "Totalt".to_owned()],
        Display::tkr(),
    );
    unexecuted.rows = vec![
        row(
            "Q1 2026",
            0,
            vec![Cell::Count(9), Cell::Count(6), Cell::Count(15)],
        ),
        row(
            "Q2 2026",
            0,
            vec![
                Cell::Count(13),
                Cell::Suppressed {
                    label: SmallCountPolicy::default().mark().to_owned(),
                },
                Cell::Count(17),
            ],
        ),
    ];
    unexecuted.notes.push(format!(
        "{} (sekretess).",
        SmallCountPolicy::default().legend()
    ));
    let decisions_chart = Chart {
        id: "decisions.per_quarter".to_owned(),
        title: "Ej verkställda beslut per kvartal".to_owned(),
        kind: ChartKind::Bar,
        x_labels: vec!["Q1 2026".to_owned(), "Q2 2026".to_owned()],
        series: vec![Series {
            name: "Totalt".to_owned(),
            style: SeriesStyle::Solid,
            values: values(&[Some(15), Some(17)]),
        }],
        unit: "beslut".to_owned(),
    };
    let decisions = Section::available(
        "decisions",
        "Ej verkställda beslut",
        vec![Block::Table(unexecuted), Block::Chart(decisions_chart)],
    );

    let quality = Section::unavailable(
        "quality",
        "Kvalitet och avvikelser",
        "lex_sarah.csv rad 14, kolumn datum: \"31/13\" är inget datum",
    );

    Ok(Report {
        meta,
        sections: vec![summary, budget, goals, decisions, quality],
    })
}
