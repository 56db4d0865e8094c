//! The report as a document: sections of key figures, tables, charts and
//! text, holding **unrounded** values with their units.
//!
//! The assembly (domain data → [`Report`]) and the renderers (Markdown,
//! HTML, Excel, JSON) meet here. Renderers never compute domain figures;
//! they format what the model holds, with the display rules of each table
//! (unit, decimals, rounding). The JSON report is this model serialised, and
//! its schema is [`schemars::schema_for!`] of [`Report`].
//!
//! Privacy: nothing in the model may identify a person. Counts meant for the
//! committee arrive already suppressed ([`Cell::Suppressed`]); free text from
//! registers never enters the model, and every text the assembly takes from
//! the data (comments, justifications, names) has identity numbers redacted.

use namnd_core::{Decimal, FiscalYear, Rounding, SignConvention, Unit, YearMonth};
use serde::{Deserialize, Serialize};

/// A committee report: metadata and sections in reading order.
///
/// # Example
/// ```
/// use namnd_report::model::{Report, ReportMeta, Section};
/// let meta = ReportMeta::example()?;
/// let report = Report { meta, sections: vec![Section::unavailable("budget", "Ekonomi", "budget.csv saknas")] };
/// assert_eq!(report.sections.len(), 1);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    /// Who, what period, which conventions.
    pub meta: ReportMeta,
    /// Sections in reading order.
    pub sections: Vec<Section>,
}

/// What the report is about.
///
/// # Example
/// ```
/// use namnd_report::model::ReportMeta;
/// assert_eq!(ReportMeta::example()?.municipality, "Exempelkommun");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportMeta {
    /// The municipality, e.g. `Exempelkommun`.
    pub municipality: String,
    /// The committee, e.g. `Socialnämnden`.
    pub committee: String,
    /// The report's title, e.g. `Månadsrapport augusti 2026`.
    pub title: String,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The last month with outcome (*per månad*).
    pub as_of: YearMonth,
    /// The sign convention amounts are presented in.
    pub sign_convention: SignConvention,
    /// Counts from 1 to `min_shown - 1` are suppressed.
    pub min_shown: u64,
}

impl ReportMeta {
    /// Metadata for examples and tests: Exempelkommun's socialnämnd, August
    /// 2026, outcome minus budget.
    ///
    /// # Example
    /// ```
    /// use namnd_report::model::ReportMeta;
    /// assert_eq!(ReportMeta::example()?.min_shown, 5);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    ///
    /// # Errors
    /// Never in practice; the year and month are constants checked by
    /// namnd-core's constructors.
    pub fn example() -> Result<ReportMeta, namnd_core::CoreError> {
        Ok(ReportMeta {
            municipality: "Exempelkommun".to_owned(),
            committee: "Socialnämnden".to_owned(),
            title: "Månadsrapport augusti 2026".to_owned(),
            fiscal_year: FiscalYear::try_new(2026)?,
            as_of: YearMonth::try_new(2026, 8)?,
            sign_convention: SignConvention::OutcomeMinusBudget,
            min_shown: 5,
        })
    }
}

/// One section of the report, or the reason it could not be built.
///
/// # Example
/// ```
/// use namnd_report::model::{Block, Section, SectionBody};
/// let s = Section::available("summary", "Sammanfattning", vec![Block::Paragraph("Prognosen är i balans.".into())]);
/// assert!(matches!(s.body, SectionBody::Available { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Section {
    /// A stable id (`summary`, `budget`, `goals`, `quality`, `decisions`,
    /// `investments`, `internal_control`).
    pub id: String,
    /// The heading, in Swedish.
    pub title: String,
    /// The content, or why there is none.
    pub body: SectionBody,
}

impl Section {
    /// A section with content.
    ///
    /// # Example
    /// See [`Section`].
    pub fn available(id: &str, title: &str, blocks: Vec<Block>) -> Section {
        Section {
            id: id.to_owned(),
            title: title.to_owned(),
            body: SectionBody::Available { blocks },
        }
    }

    /// A section that could not be built, with the reason (e.g. a file
    /// missing or malformed, with file and line).
    ///
    /// # Example
    /// See [`Report`].
    pub fn unavailable(id: &str, title: &str, reason: &str) -> Section {
        Section {
            id: id.to_owned(),
            title: title.to_owned(),
            body: SectionBody::Unavailable {
                reason: reason.to_owned(),
            },
        }
    }
}

/// A section's content, or the reason it is missing.
///
/// # Example
/// ```
/// use namnd_report::model::SectionBody;
/// let b = SectionBody::Unavailable { reason: "ingen data".into() };
/// assert!(matches!(b, SectionBody::Unavailable { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SectionBody {
    /// The section's blocks in reading order.
    Available {
        /// The blocks.
        blocks: Vec<Block>,
    },
    /// Why the section could not be built.
    Unavailable {
        /// The reason, naming file and line where there is one.
        reason: String,
    },
}

/// A piece of a section.
///
/// # Example
/// ```
/// use namnd_report::model::Block;
/// let b = Block::Paragraph("Text".into());
/// assert!(matches!(b, Block::Paragraph(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "content", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of text (no personal data).
    Paragraph(String),
    /// Headline figures, e.g. result and forecast.
    KeyFigures(Vec<KeyFigure>),
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
}

/// A headline figure.
///
/// # Example
/// ```
/// use namnd_report::model::{Cell, KeyFigure};
/// let k = KeyFigure { id: "forecast".into(), label: "Prognos helår".into(), value: Cell::Count(3) };
/// assert_eq!(k.id, "forecast");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KeyFigure {
    /// A stable id for machine readers (`result_ytd`, `forecast_variance`…).
    pub id: String,
    /// The label, in Swedish.
    pub label: String,
    /// The value.
    pub value: Cell,
}

/// A table: columns, rows, an optional total row, and how to display it.
///
/// Totals hold the **unrounded** total; the renderers round each cell on
/// its own, and where the displayed parts do not add up to the displayed
/// total they add a note (or, with [`TotalDisplay::LargestRemainder`], round
/// the parts so that they do).
///
/// # Example
/// ```
/// use namnd_report::model::{Table, Display};
/// let t = Table::new("budget.by_unit", "Ekonomi per verksamhet", vec!["Budget".into()], Display::tkr());
/// assert!(t.rows.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Table {
    /// A stable id for machine readers and the Excel sheet name source.
    pub id: String,
    /// The caption, in Swedish.
    pub title: String,
    /// Column headings (the row-label column is implicit and first).
    pub columns: Vec<String>,
    /// Rows in order.
    pub rows: Vec<Row>,
    /// The total row, if any.
    pub total: Option<Row>,
    /// Notes printed under the table (sources, suppression, rounding).
    pub notes: Vec<String>,
    /// How amounts in the table are displayed.
    pub display: Display,
}

impl Table {
    /// An empty table.
    ///
    /// # Example
    /// See [`Table`].
    pub fn new(id: &str, title: &str, columns: Vec<String>, display: Display) -> Table {
        Table {
            id: id.to_owned(),
            title: title.to_owned(),
            columns,
            rows: Vec::new(),
            total: None,
            notes: Vec::new(),
            display,
        }
    }
}

/// A table row: a label, an indentation level (0 = top), and one cell per
/// column.
///
/// # Example
/// ```
/// use namnd_report::model::{Cell, Row};
/// let r = Row { label: "Äldreomsorg".into(), level: 0, cells: vec![Cell::Empty] };
/// assert_eq!(r.level, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Row {
    /// The row label.
    pub label: String,
    /// Indentation level in a hierarchy (0 = top).
    pub level: u8,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// How a table's amounts are displayed.
///
/// # Example
/// ```
/// use namnd_report::model::Display;
/// assert_eq!(Display::tkr().decimals, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Display {
    /// The unit amounts are shown in.
    pub unit: Unit,
    /// Decimals shown for amounts.
    pub decimals: u32,
    /// The rounding used for display.
    pub rounding: Rounding,
    /// What to do when rounded parts do not add up to the rounded total.
    pub totals: TotalDisplay,
}

impl Display {
    /// Whole tkr, half away from zero, totals rounded on their own with a
    /// note when the parts do not add up: the common Swedish practice.
    ///
    /// # Example
    /// See [`Display`].
    pub fn tkr() -> Display {
        Display {
            unit: Unit::Tkr,
            decimals: 0,
            rounding: Rounding::HalfAwayFromZero,
            totals: TotalDisplay::NoteWhenUnequal,
        }
    }
}

/// What to do when rounded parts do not add up to the rounded total.
///
/// # Example
/// ```
/// use namnd_report::model::TotalDisplay;
/// assert_ne!(TotalDisplay::NoteWhenUnequal, TotalDisplay::LargestRemainder);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TotalDisplay {
    /// Round every cell on its own; add a note under the table naming the
    /// columns where the parts do not add up to the total.
    NoteWhenUnequal,
    /// Round the parts by the largest-remainder method so that they add up
    /// to the rounded total.
    LargestRemainder,
}

/// A cell value, unrounded, with its kind.
///
/// # Example
/// ```
/// use namnd_report::model::Cell;
/// use namnd_core::Decimal;
/// let c = Cell::Percent { value: Decimal::new(87, 1), decimals: 1 };
/// assert!(matches!(c, Cell::Percent { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Cell {
    /// An amount in kronor (unrounded, canonical sign: income positive,
    /// costs negative, unless the report's sign convention says otherwise);
    /// displayed in the table's unit.
    Amount {
        /// Kronor.
        #[schemars(with = "String")]
        kr: Decimal,
    },
    /// A percentage (8,7 means 8,7 %), with the decimals to show.
    Percent {
        /// The percentage.
        #[schemars(with = "String")]
        value: Decimal,
        /// Decimals to show.
        decimals: u32,
    },
    /// A plain number with a unit text (e.g. `dagar`, `personal`).
    Number {
        /// The value.
        #[schemars(with = "String")]
        value: Decimal,
        /// Decimals to show.
        decimals: u32,
        /// Unit text after the number, may be empty.
        unit: String,
    },
    /// A count that may be shown.
    Count(
        #[serde(with = "valued")]
        #[schemars(with = "Valued<u64>")]
        u64,
    ),
    /// A count hidden by small-count suppression, shown as its label (the
    /// suppression policy's neutral mark `..`, explained by a note under
    /// the table).
    Suppressed {
        /// The label shown.
        label: String,
    },
    /// A status on a scale (uppnått / delvis / ej; grön / gul / röd; Ja /
    /// Nej).
    Status {
        /// The colour it is shown in.
        colour: StatusColour,
        /// The label, in Swedish.
        label: String,
    },
    /// Text (no personal data).
    Text(
        #[serde(with = "valued")]
        #[schemars(with = "Valued<String>")]
        String,
    ),
    /// Nothing (an empty cell, not zero).
    Empty,
}

/// The JSON shape of [`Cell::Count`] and [`Cell::Text`]: `{"type": "count",
/// "value": 17}`. An internally tagged enum cannot hold a bare number or
/// string beside its tag, so the value goes in a `value` field, as it does
/// for [`Cell::Percent`] and [`Cell::Number`].
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(inline)]
struct Valued<T> {
    value: T,
}

mod valued {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<T: Serialize, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::Valued { value }.serialize(serializer)
    }

    pub(super) fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        super::Valued::<T>::deserialize(deserializer).map(|v| v.value)
    }
}

/// The colour of a status.
///
/// # Example
/// ```
/// use namnd_report::model::StatusColour;
/// assert_ne!(StatusColour::Green, StatusColour::Red);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusColour {
    /// Met / grön / Ja.
    Green,
    /// Partly met / gul.
    Yellow,
    /// Not met / röd / Nej.
    Red,
    /// Not measurable / ej bedömbar.
    Grey,
}

/// A chart: categories along the x axis and one or more series.
///
/// # Example
/// ```
/// use namnd_report::model::{Chart, ChartKind};
/// let c = Chart { id: "budget.cumulative".into(), title: "Ackumulerat utfall".into(), kind: ChartKind::Line, x_labels: vec![], series: vec![], unit: "tkr".into() };
/// assert!(c.series.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Chart {
    /// A stable id.
    pub id: String,
    /// The caption, in Swedish.
    pub title: String,
    /// Line or bar.
    pub kind: ChartKind,
    /// Labels along the x axis (months, quarters, years).
    pub x_labels: Vec<String>,
    /// The series, each with one value (or none) per x label.
    pub series: Vec<Series>,
    /// The unit of the y axis, e.g. `tkr`, `%`, `personal`.
    pub unit: String,
}

/// Line or bar chart.
///
/// # Example
/// ```
/// use namnd_report::model::ChartKind;
/// assert_ne!(ChartKind::Line, ChartKind::Bar);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Lines through the points.
    Line,
    /// Grouped bars.
    Bar,
}

/// One series of a chart, values already in the chart's unit.
///
/// # Example
/// ```
/// use namnd_report::model::{Series, SeriesStyle};
/// let s = Series { name: "Utfall".into(), style: SeriesStyle::Solid, values: vec![None] };
/// assert_eq!(s.values.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Series {
    /// The legend text.
    pub name: String,
    /// How it is drawn.
    pub style: SeriesStyle,
    /// One value per x label; `None` where there is no value.
    #[schemars(with = "Vec<Option<String>>")]
    pub values: Vec<Option<Decimal>>,
}

/// How a series is drawn.
///
/// # Example
/// ```
/// use namnd_report::model::SeriesStyle;
/// assert_ne!(SeriesStyle::Solid, SeriesStyle::Target);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStyle {
    /// The main series (outcome).
    Solid,
    /// A comparison (budget, forecast, riket).
    Dashed,
    /// A target line.
    Target,
}
