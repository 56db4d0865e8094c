//! From a [`Dataset`] to a [`Report`]: the sections a committee reads.
//!
//! | Section id | Title | Built from |
//! |---|---|---|
//! | `summary` | Sammanfattning | the follow-up's totals and the manual forecasts' comments |
//! | `budget` | Ekonomisk uppföljning | [`namnd_budget::model::FollowUp`] in three reconciling views, two charts |
//! | `goals` | Mål och indikatorer | [`namnd_kpi::goal`] assessments and trends, staff continuity, a chart per indicator |
//! | `quality` | Kvalitet: lex Sarah, lex Maria, avvikelser och klagomål | [`namnd_quality`]'s funnels, incident matrix and complaint summary, suppressed |
//! | `decisions` | Ej verkställda beslut | [`namnd_decisions::stats`]' committee version, a chart per quarter |
//! | `investments` | Investeringar | [`namnd_invest`] requests and capital costs |
//! | `internal_control` | Intern kontroll | [`namnd_control`]'s plan, calendar and follow-up |
//! | `data_quality` | Datakvalitet | rows read, accepted and rejected per file, and every problem (always last, always available) |
//!
//! A section whose data is unavailable becomes [`Section::unavailable`]
//! with the reason (file and line). Key figures have stable ids:
//! `budget_full_year`, `budget_ytd`, `outcome_ytd`, `result_ytd` (outcome
//! minus periodised budget to date, favourable-positive),
//! `forecast_full_year`, `forecast_variance` (favourable-positive),
//! `forecast_change` (since the previous month's forecast).
//!
//! **Signs.** Budget, outcome and forecast are presented in the manifest's
//! sign convention (costs positive under `budget-minus-outcome`); variances
//! are always favourable-positive (a surplus is positive).
//!
//! **Privacy.** Nothing personal enters the report: no pseudonym, person
//! reference, case or decision id, and no free text from the registers
//! (only the committee's own comments on forecasts, assessments and
//! actions, and the names of goals, indicators, investments and controls).
//! Every such text has identity numbers redacted as it enters the model,
//! and each redaction is listed under *Datakvalitet* naming file, line and
//! column, never the text. Counts of persons, cases, incidents and
//! complaints go through [`namnd_calc::suppress`] with the manifest's
//! `min_shown`.
//!
//! # Example
//! ```
//! use namnd_report::assemble::{assemble, AssembleOptions};
//! let loaded = namnd_report::demo::dataset()?;
//! let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
//! assert_eq!(report.sections[0].id, "summary");
//! assert_eq!(report.meta.title, "Delårsrapport augusti 2026");
//! # Ok::<(), namnd_report::ReportError>(())
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

use namnd_budget::model::{FollowUp, Totals};
use namnd_calc::suppress::{PublishedCount, SmallCountPolicy, SuppressedTable, suppress_list};
use namnd_core::{
    Amount, Decimal, Minus, NumberFormat, Quarter, Rounding, Separator, Storage, Unit, YearMonth,
};
use namnd_kpi::goal::{
    Assessment, AssessmentConfig, Goal, GoalLevel, IndicatorUnit, Node, RollUp, Status, Target,
    Trend,
};

use crate::dataset::{BudgetData, Dataset, MeasurementEntry, Problem, SectionData};
use crate::error::{ReportError, Result};
use crate::model::{
    Block, Cell, Chart, ChartKind, Display, KeyFigure, Report, ReportMeta, Row, Section,
    SectionBody, Series, SeriesStyle, StatusColour, Table, TotalDisplay,
};

/// Options of [`assemble`].
///
/// # Example
/// ```
/// use namnd_report::assemble::AssembleOptions;
/// let o = AssembleOptions::default();
/// assert!(o.as_of.is_none() && o.title.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssembleOptions {
    /// The as-of month of the report; default the manifest's `as_of`. Must
    /// be in the fiscal year and not after the manifest's `as_of`.
    pub as_of: Option<YearMonth>,
    /// The report's title; default from the reporting calendar
    /// (*Månadsrapport*, *Nämndrapport*, *Delårsrapport*, *Årsredovisning*).
    pub title: Option<String>,
    /// How the tables' totals are displayed.
    pub totals: TotalDisplay,
}

impl Default for AssembleOptions {
    fn default() -> Self {
        AssembleOptions {
            as_of: None,
            title: None,
            totals: TotalDisplay::NoteWhenUnequal,
        }
    }
}

impl AssembleOptions {
    /// The options with another as-of month.
    ///
    /// # Example
    /// ```
    /// use namnd_core::YearMonth;
    /// use namnd_report::assemble::AssembleOptions;
    /// let o = AssembleOptions::default().with_as_of(YearMonth::try_new(2026, 5)?);
    /// assert_eq!(o.as_of, Some(YearMonth::try_new(2026, 5)?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[must_use]
    pub fn with_as_of(mut self, as_of: YearMonth) -> AssembleOptions {
        self.as_of = Some(as_of);
        self
    }

    /// The options with a title of their own.
    ///
    /// # Example
    /// ```
    /// use namnd_report::assemble::AssembleOptions;
    /// assert_eq!(AssembleOptions::default().with_title("Bokslut").title.as_deref(), Some("Bokslut"));
    /// ```
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> AssembleOptions {
        self.title = Some(title.into());
        self
    }

    /// The options with largest-remainder display of totals.
    ///
    /// # Example
    /// ```
    /// use namnd_report::assemble::AssembleOptions;
    /// use namnd_report::model::TotalDisplay;
    /// assert_eq!(AssembleOptions::default().with_largest_remainder().totals, TotalDisplay::LargestRemainder);
    /// ```
    #[must_use]
    pub fn with_largest_remainder(mut self) -> AssembleOptions {
        self.totals = TotalDisplay::LargestRemainder;
        self
    }
}

/// Assembles the report of `dataset`.
///
/// # Errors
/// [`ReportError::Compute`] if the options' as-of month is outside the
/// fiscal year or after the data's as-of month. Problems of a single section
/// make that section unavailable instead of failing the report.
///
/// # Example
/// See the [module docs](self).
pub fn assemble(dataset: &Dataset, options: &AssembleOptions) -> Result<Report> {
    let manifest = &dataset.manifest;
    let as_of = options.as_of.unwrap_or(manifest.as_of);
    if as_of.fiscal_year() != manifest.fiscal_year || as_of > manifest.as_of {
        return Err(ReportError::Compute {
            what: "the report".to_owned(),
            message: format!(
                "as-of month {as_of} must be in {} and not after {}",
                manifest.fiscal_year, manifest.as_of
            ),
        });
    }
    let policy = SmallCountPolicy::new(manifest.min_shown).map_err(compute("the suppression"))?;
    let ctx = Ctx {
        dataset,
        as_of,
        policy,
        display: Display {
            totals: options.totals,
            ..Display::tkr()
        },
        costs_positive: manifest.sign_convention.storage() == Storage::CostsPositive,
        redacted: RefCell::new(Vec::new()),
    };
    let title = options.title.clone().unwrap_or_else(|| ctx.title());
    let budget = ctx.budget_series();
    let mut sections = vec![
        section("summary", "Sammanfattning", ctx.summary(&budget)),
        section("budget", "Ekonomisk uppföljning", ctx.budget(&budget)),
        section("goals", "Mål och indikatorer", ctx.goals()),
        section(
            "quality",
            "Kvalitet: lex Sarah, lex Maria, avvikelser och klagomål",
            ctx.quality(),
        ),
        section("decisions", "Ej verkställda beslut", ctx.decisions()),
        section("investments", "Investeringar", ctx.investments()),
        section(
            "internal_control",
            "Intern kontroll",
            ctx.internal_control(),
        ),
    ];
    // Defence in depth: any text that reached the model without going
    // through `Ctx::text` is redacted here, naming the section.
    for s in &mut sections {
        if redact_section(s) {
            ctx.redacted.borrow_mut().push(Problem {
                file: String::new(),
                message: format!(
                    "section {}: text that looks like a personal identity number was replaced in the report",
                    s.id
                ),
                fatal: false,
            });
        }
    }
    sections.push(Section::available(
        "data_quality",
        "Datakvalitet",
        ctx.data_quality(),
    ));
    Ok(Report {
        meta: ReportMeta {
            municipality: manifest.municipality.clone(),
            committee: manifest.committee.clone(),
            title,
            fiscal_year: manifest.fiscal_year,
            as_of,
            sign_convention: manifest.sign_convention,
            min_shown: manifest.min_shown,
        },
        sections,
    })
}

/// A section from its blocks or the reason it is unavailable.
fn section(id: &str, title: &str, body: std::result::Result<Vec<Block>, String>) -> Section {
    match body {
        Ok(blocks) => Section::available(id, title, blocks),
        Err(reason) => Section::unavailable(id, title, &reason),
    }
}

/// Maps a domain error into [`ReportError::Compute`].
fn compute<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> ReportError {
    move |e| ReportError::Compute {
        what: what.to_owned(),
        message: e.to_string(),
    }
}

/// The reason text of a section whose computation failed.
fn failed<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> String {
    move |e| format!("kunde inte beräknas: cannot compute {what}: {e}")
}

/// The follow-ups of January to the as-of month, or why there are none.
type BudgetSeries<'a> = std::result::Result<(&'a BudgetData, Vec<FollowUp>), String>;

/// What every section needs.
struct Ctx<'a> {
    dataset: &'a Dataset,
    as_of: YearMonth,
    policy: SmallCountPolicy,
    display: Display,
    costs_positive: bool,
    /// A problem for every text in which an identity number was redacted.
    redacted: RefCell<Vec<Problem>>,
}

/// The note on the sign of the column *Förändring mot förra prognosen*:
/// the change of the forecast's net result (canonical signs), so positive
/// means the forecast improved.
const CHANGE_NOTE: &str = "Förändring mot förra prognosen: positiv = förbättring (prognosen för resultatet har blivit bättre sedan förra månadens prognos), negativ = försämring.";

/// Swedish month abbreviations for chart axes.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

fn month_label(month: u32) -> String {
    usize::try_from(month.saturating_sub(1))
        .ok()
        .and_then(|i| MONTHS.get(i))
        .map_or_else(|| month.to_string(), |m| (*m).to_owned())
}

/// Where a text in the data came from: file, line (0 when unknown) and
/// column, for the problem recorded when it is redacted.
#[derive(Debug, Clone, Copy)]
struct Source<'s> {
    file: &'s str,
    line: u64,
    column: &'s str,
}

/// Redacts identity numbers in `raw`; `Some(redacted)` when there were any.
fn redact(raw: &str) -> Option<String> {
    match namnd_core::redact_identity_numbers(raw) {
        Cow::Borrowed(_) => None,
        Cow::Owned(redacted) => Some(redacted),
    }
}

/// The problem recorded when text from `source` was redacted: file, line
/// and column, never the text.
fn redaction_problem(source: Source<'_>) -> Problem {
    let place = if source.line == 0 {
        format!("{} column {}", source.file, source.column)
    } else {
        format!(
            "{} line {} column {}",
            source.file, source.line, source.column
        )
    };
    Problem {
        file: source.file.to_owned(),
        message: format!(
            "{place}: text that looks like a personal identity number was replaced in the report"
        ),
        fatal: false,
    }
}

impl Ctx<'_> {
    /// Text from the data as it enters the report: every identity number
    /// redacted, and a [`Problem`] recorded (naming file, line and column,
    /// never the text) when there was one. Every free text of the data
    /// (comments, justifications, actions, names) goes through here.
    fn text(&self, raw: &str, source: Source<'_>) -> String {
        match redact(raw) {
            None => raw.to_owned(),
            Some(redacted) => {
                self.redacted.borrow_mut().push(redaction_problem(source));
                redacted
            }
        }
    }

    /// The source of a text in the file the manifest names for `file`.
    fn source<'s>(file: &'s Option<String>, line: u64, column: &'s str) -> Source<'s> {
        Source {
            file: file.as_deref().unwrap_or("?"),
            line,
            column,
        }
    }

    fn title(&self) -> String {
        let manifest = &self.dataset.manifest;
        let month = self.as_of.month();
        let when = self.as_of.to_swedish();
        if month == 12 {
            return format!("Årsredovisning {}", self.as_of.fiscal_year());
        }
        if month == manifest.calendar.delarsrapport_month() {
            return format!("Delårsrapport {when}");
        }
        let months = manifest.calendar.namndrapport_months();
        if let Some(number) = months.iter().position(|m| *m == month) {
            return format!("Nämndrapport {} {when}", number.saturating_add(1));
        }
        format!("Månadsrapport {when}")
    }

    /// An amount in the presentation's signs.
    fn present(&self, amount: Amount) -> Amount {
        if self.costs_positive {
            amount.negated()
        } else {
            amount
        }
    }

    fn amount(&self, amount: Amount) -> Cell {
        Cell::Amount {
            kr: self.present(amount).as_kr(),
        }
    }

    /// A count as published under the suppression policy.
    fn published(&self, count: PublishedCount) -> Cell {
        match count.value() {
            Some(v) => Cell::Count(v),
            None => Cell::Suppressed {
                label: self.policy.mark().to_owned(),
            },
        }
    }

    fn budget_series(&self) -> BudgetSeries<'_> {
        let data = match &self.dataset.budget {
            SectionData::Available(data) => data,
            SectionData::Unavailable { reason } => return Err(reason.clone()),
        };
        let series = data
            .follow_ups(self.as_of)
            .map_err(failed("the follow-up"))?;
        if series.is_empty() {
            return Err("kunde inte beräknas: no follow-up months".to_owned());
        }
        Ok((data, series))
    }

    fn ytd(&self) -> String {
        if self.as_of.month() == 1 {
            "jan".to_owned()
        } else {
            format!("jan–{}", month_label(self.as_of.month()))
        }
    }

    // ------------------------------------------------------------ summary

    fn summary(&self, budget: &BudgetSeries<'_>) -> std::result::Result<Vec<Block>, String> {
        let (data, series) = budget.as_ref().map_err(Clone::clone)?;
        let Some(current) = series.last() else {
            return Err("kunde inte beräknas: no follow-up".to_owned());
        };
        let total = current.total().map_err(failed("the total"))?;
        let variance_ytd = total.variance_to_date().map_err(failed("the variance"))?;
        let forecast_variance = total
            .forecast_variance()
            .map_err(failed("the forecast variance"))?;
        let ytd = self.ytd();
        let figures = vec![
            KeyFigure {
                id: "budget_full_year".to_owned(),
                label: "Årsbudget".to_owned(),
                value: self.amount(total.budget()),
            },
            KeyFigure {
                id: "budget_ytd".to_owned(),
                label: format!("Periodiserad budget {ytd}"),
                value: self.amount(total.budget_to_date()),
            },
            KeyFigure {
                id: "outcome_ytd".to_owned(),
                label: format!("Utfall {ytd}"),
                value: self.amount(total.outcome_to_date()),
            },
            KeyFigure {
                id: "result_ytd".to_owned(),
                label: format!("Avvikelse {ytd} mot periodiserad budget"),
                value: Cell::Amount {
                    kr: variance_ytd.amount().as_kr(),
                },
            },
            KeyFigure {
                id: "forecast_full_year".to_owned(),
                label: "Helårsprognos".to_owned(),
                value: self.amount(total.forecast()),
            },
            KeyFigure {
                id: "forecast_variance".to_owned(),
                label: "Prognostiserad avvikelse helår".to_owned(),
                value: Cell::Amount {
                    kr: forecast_variance.amount().as_kr(),
                },
            },
            KeyFigure {
                id: "forecast_change".to_owned(),
                label: "Förändring sedan förra prognosen".to_owned(),
                value: Cell::Amount {
                    kr: total.forecast_change().as_kr(),
                },
            },
        ];
        let prose = NumberFormat::new(1, Rounding::HalfAwayFromZero)
            .with_separator(Separator::Space)
            .with_minus(Minus::Hyphen);
        let mkr = |a: Amount| {
            a.abs()
                .format_in(Unit::Mkr, &prose)
                .unwrap_or_else(|_| a.to_string())
        };
        let v = forecast_variance.amount();
        let direction = if v.is_negative() {
            format!("ett underskott på {}", mkr(v))
        } else if v.is_positive() {
            format!("ett överskott på {}", mkr(v))
        } else {
            "ett resultat i balans".to_owned()
        };
        let manifest = &self.dataset.manifest;
        let mut text = format!(
            "{} prognostiserar {direction} mot budget för {} ({}).",
            manifest.committee,
            manifest.fiscal_year,
            self.as_of.to_swedish()
        );
        let change = total.forecast_change();
        if change.abs() < Amount::from_kr(50_000) {
            text.push_str(" Prognosen är i stort sett oförändrad sedan förra månaden.");
        } else {
            let word = if change.is_negative() {
                "försämrats"
            } else {
                "förbättrats"
            };
            text.push_str(&format!(
                " Prognosen har {word} med {} sedan förra månaden.",
                mkr(change)
            ));
        }
        let mut blocks = vec![Block::KeyFigures(figures), Block::Paragraph(text)];
        // The main variances: the largest forecast variances per unit and account group.
        let mut lines: Vec<(Amount, String, String)> = Vec::new();
        for line in current.lines() {
            let variance = line.forecast_variance().amount();
            if variance.is_zero() {
                continue;
            }
            let unit = line.key().unit().to_string();
            let label = format!(
                "{} – {}",
                manifest.unit_name(&unit),
                line.key().group().swedish()
            );
            let comment = data
                .manual
                .iter()
                .filter(|m| &m.key == line.key() && m.month <= self.as_of.month())
                .max_by_key(|m| m.month)
                .map(|m| {
                    let f = &m.forecast;
                    let file = &manifest.files.manual_forecasts;
                    let at = |column| Self::source(file, m.line, column);
                    let mut c = sentence(&self.text(f.comment(), at("kommentar")));
                    if let Some(cause) = f.cause() {
                        let cause = self.text(cause, at("orsak"));
                        c.push_str(&format!(" Orsak: {cause}."));
                    }
                    if let Some(action) = f.action() {
                        let action = self.text(action, at("atgard"));
                        c.push_str(&format!(" Åtgärd: {action}."));
                    }
                    c
                })
                .unwrap_or_else(|| "Prognos enligt utfallstakten (ingen kommentar).".to_owned());
            lines.push((variance, label, comment));
        }
        lines.sort_by_key(|(v, _, _)| core::cmp::Reverse(v.abs()));
        let mut table = Table::new(
            "summary.variances",
            "Största avvikelser mot budget helår, med orsak",
            vec!["Avvikelse helår".to_owned(), "Kommentar".to_owned()],
            self.display,
        );
        for (variance, label, comment) in lines.into_iter().take(5) {
            table.rows.push(Row {
                label,
                level: 0,
                cells: vec![
                    Cell::Amount {
                        kr: variance.as_kr(),
                    },
                    Cell::Text(comment),
                ],
            });
        }
        table
            .notes
            .push("Positiv avvikelse = överskott, negativ = underskott.".to_owned());
        blocks.push(Block::Table(table));
        Ok(blocks)
    }

    // ------------------------------------------------------------- budget

    fn budget_columns(&self) -> Vec<String> {
        let ytd = self.ytd();
        vec![
            "Budget helår".to_owned(),
            format!("Budget {ytd}"),
            format!("Utfall {ytd}"),
            format!("Avvikelse {ytd}"),
            "Prognos helår".to_owned(),
            "Avvikelse helår".to_owned(),
            "Förändring mot förra prognosen".to_owned(),
        ]
    }

    fn totals_row(&self, label: String, level: u8, t: &Totals) -> std::result::Result<Row, String> {
        let variance = t.variance_to_date().map_err(failed("a variance"))?;
        let forecast_variance = t
            .forecast_variance()
            .map_err(failed("a forecast variance"))?;
        Ok(Row {
            label,
            level,
            cells: vec![
                self.amount(t.budget()),
                self.amount(t.budget_to_date()),
                self.amount(t.outcome_to_date()),
                Cell::Amount {
                    kr: variance.amount().as_kr(),
                },
                self.amount(t.forecast()),
                Cell::Amount {
                    kr: forecast_variance.amount().as_kr(),
                },
                Cell::Amount {
                    kr: t.forecast_change().as_kr(),
                },
            ],
        })
    }

    fn budget(&self, budget: &BudgetSeries<'_>) -> std::result::Result<Vec<Block>, String> {
        let (_, series) = budget.as_ref().map_err(Clone::clone)?;
        let Some(current) = series.last() else {
            return Err("kunde inte beräknas: no follow-up".to_owned());
        };
        let manifest = &self.dataset.manifest;
        let total = current.reconcile_views().map_err(failed("the views"))?;
        let total_row = self.totals_row("Summa".to_owned(), 0, &total)?;
        let sign_note = if self.costs_positive {
            "Kostnader visas positiva och intäkter negativa (nettokostnad); avvikelse = budget − utfall/prognos, positiv = överskott."
        } else {
            "Intäkter visas positiva och kostnader negativa; avvikelse = utfall/prognos − budget, positiv = överskott."
        };
        // View 1: by unit (administration, then unit).
        let levels = current
            .by_unit_level()
            .map_err(failed("the view by unit"))?;
        let mut by_unit = Table::new(
            "budget.by_unit",
            "Ekonomi per verksamhetsområde och enhet",
            self.budget_columns(),
            self.display,
        );
        // In the manifest's order of units (administrations first seen first),
        // each administration before its units.
        let order = |path: &namnd_core::UnitPath| -> (usize, usize) {
            let text = path.to_string();
            let position = |p: &str| {
                manifest
                    .units
                    .iter()
                    .position(|u| u.path == p || u.path.starts_with(&format!("{p}/")))
                    .unwrap_or(usize::MAX)
            };
            let top = path
                .truncated(1)
                .map_or(usize::MAX, |t| position(&t.to_string()));
            let own = if path.depth() <= 1 {
                0
            } else {
                position(&text).saturating_add(1)
            };
            (top, own)
        };
        let mut levels: Vec<_> = levels.iter().filter(|(p, _)| p.depth() <= 2).collect();
        levels.sort_by_key(|(path, _)| order(path));
        for (path, totals) in levels {
            let level = u8::try_from(path.depth().saturating_sub(1)).unwrap_or(0);
            let name = manifest.unit_name(&path.to_string());
            by_unit.rows.push(self.totals_row(name, level, totals)?);
        }
        by_unit.total = Some(total_row.clone());
        by_unit.notes.push(sign_note.to_owned());
        by_unit.notes.push(CHANGE_NOTE.to_owned());
        // View 2: by account group.
        let groups = current
            .by_account_group()
            .map_err(failed("the view by account group"))?;
        let mut by_group = Table::new(
            "budget.by_account_group",
            "Ekonomi per kontogrupp",
            self.budget_columns(),
            self.display,
        );
        for (group, totals) in &groups {
            let label = capitalise(group.swedish());
            by_group.rows.push(self.totals_row(label, 0, totals)?);
        }
        by_group.total = Some(total_row.clone());
        by_group.notes.push(CHANGE_NOTE.to_owned());
        // View 3: by verksamhet.
        let activities = current
            .by_verksamhet()
            .map_err(failed("the view by verksamhet"))?;
        let mut by_activity = Table::new(
            "budget.by_verksamhet",
            "Ekonomi per verksamhet",
            self.budget_columns(),
            self.display,
        );
        for (code, totals) in &activities {
            let label = match code {
                Some(code) => manifest.verksamhet_label(code),
                None => "Utan verksamhet".to_owned(),
            };
            by_activity.rows.push(self.totals_row(label, 0, totals)?);
        }
        by_activity.total = Some(total_row);
        by_activity.notes.push(CHANGE_NOTE.to_owned());
        by_activity
            .notes
            .push("De tre tabellerna summerar till samma totaler.".to_owned());
        // Charts.
        let year_months: Vec<String> = (1..=12).map(month_label).collect();
        let tkr = |a: Amount| Some(self.present(a).as_tkr());
        let mut outcome = vec![None; 12];
        let mut budget_cumulative = vec![None; 12];
        let mut forecasts = Vec::new();
        for (follow_up, slot) in series.iter().zip(outcome.iter_mut()) {
            let t = follow_up.total().map_err(failed("a monthly total"))?;
            *slot = tkr(t.outcome_to_date());
            forecasts.push(tkr(t.forecast()));
        }
        let data = budget.as_ref().map_err(Clone::clone)?.0;
        for (month, slot) in (1_u32..).zip(budget_cumulative.iter_mut()) {
            let mut sum = Amount::ZERO;
            for line in &data.lines {
                let part = line
                    .budget_to_date(month, Rounding::HalfAwayFromZero)
                    .map_err(failed("the periodised budget"))?;
                sum = sum.checked_add(part).map_err(failed("the budget"))?;
            }
            *slot = tkr(sum);
        }
        let cumulative = Chart {
            id: "budget.cumulative".to_owned(),
            title: "Ackumulerat utfall mot periodiserad budget".to_owned(),
            kind: ChartKind::Line,
            x_labels: year_months,
            series: vec![
                Series {
                    name: "Utfall".to_owned(),
                    style: SeriesStyle::Solid,
                    values: outcome,
                },
                Series {
                    name: "Periodiserad budget".to_owned(),
                    style: SeriesStyle::Dashed,
                    values: budget_cumulative,
                },
            ],
            unit: "tkr".to_owned(),
        };
        let months_so_far: Vec<String> = (1..=self.as_of.month()).map(month_label).collect();
        let annual = tkr(total.budget());
        let forecast_chart = Chart {
            id: "budget.forecast_by_month".to_owned(),
            title: "Helårsprognos per månad".to_owned(),
            kind: ChartKind::Line,
            x_labels: months_so_far,
            series: vec![
                Series {
                    name: "Helårsprognos".to_owned(),
                    style: SeriesStyle::Solid,
                    values: forecasts.clone(),
                },
                Series {
                    name: "Årsbudget".to_owned(),
                    style: SeriesStyle::Target,
                    values: vec![annual; forecasts.len()],
                },
            ],
            unit: "tkr".to_owned(),
        };
        Ok(vec![
            Block::Table(by_unit),
            Block::Chart(cumulative),
            Block::Chart(forecast_chart),
            Block::Table(by_group),
            Block::Table(by_activity),
        ])
    }

    // -------------------------------------------------------------- goals

    fn value_cell(unit: IndicatorUnit, value: Decimal) -> Cell {
        match unit {
            IndicatorUnit::Percent => Cell::Percent { value, decimals: 0 },
            IndicatorUnit::Days => Cell::Number {
                value,
                decimals: 0,
                unit: "dagar".to_owned(),
            },
            IndicatorUnit::Kronor => Cell::Number {
                value,
                decimals: 0,
                unit: "kr".to_owned(),
            },
            IndicatorUnit::Persons => Cell::Number {
                value,
                decimals: if value.fract().is_zero() { 0 } else { 1 },
                unit: "personer".to_owned(),
            },
            _ => Cell::Number {
                value,
                decimals: if value.fract().is_zero() { 0 } else { 1 },
                unit: String::new(),
            },
        }
    }

    fn status_cell(status: Status) -> Cell {
        let (colour, label) = match status {
            Status::Met => (StatusColour::Green, "uppnått"),
            Status::PartlyMet => (StatusColour::Yellow, "delvis uppnått"),
            Status::NotMet => (StatusColour::Red, "ej uppnått"),
            _ => (StatusColour::Grey, "går ej att bedöma"),
        };
        Cell::Status {
            colour,
            label: label.to_owned(),
        }
    }

    fn goals(&self) -> std::result::Result<Vec<Block>, String> {
        let data = match &self.dataset.goals {
            SectionData::Available(data) => data,
            SectionData::Unavailable { reason } => return Err(reason.clone()),
        };
        let year = self.as_of.fiscal_year();
        let config = AssessmentConfig::default();
        let mut table = Table::new(
            "goals.indicators",
            "Nämndmål och indikatorer",
            vec![
                "Målvärde".to_owned(),
                "Utfall".to_owned(),
                "Avser".to_owned(),
                "Riket".to_owned(),
                "Trend".to_owned(),
                "Beräknad status".to_owned(),
                "Bedömd status".to_owned(),
                "Motivering".to_owned(),
            ],
            self.display,
        );
        let mut charts = Vec::new();
        let mut lagged_note = false;
        // Per goal: its row, and its indicators' computed and effective
        // (assessed where assessed) assessments, rolled up after the loop.
        let mut goals_seen: Vec<(&str, usize, Vec<Assessment>, Vec<Assessment>)> = Vec::new();
        let files = &self.dataset.manifest.files;
        for entry in &data.indicators {
            let at = |column| Self::source(&files.indicators, entry.line, column);
            let name = self.text(entry.indicator.name(), at("namn"));
            let target_text = self.text(&entry.target_text, at("malvarde"));
            if !goals_seen.iter().any(|(goal, ..)| *goal == entry.goal) {
                goals_seen.push((&entry.goal, table.rows.len(), Vec::new(), Vec::new()));
                table.rows.push(Row {
                    label: self.text(&entry.goal, at("mal")),
                    level: 0,
                    cells: vec![Cell::Empty; 8],
                });
            }
            let indicator = &entry.indicator;
            let mut measurements: Vec<_> = data
                .measurements
                .iter()
                .filter(|m| m.indicator == indicator.id() && m.measurement.report_year() <= year)
                .collect();
            measurements.sort_by_key(|m| m.measurement.period().first_day());
            let current = measurements
                .iter()
                .rev()
                .find(|m| m.measurement.report_year() == year)
                .or_else(|| measurements.last());
            let mut cells = vec![Cell::Text(target_text.clone())];
            match current {
                Some(m) => {
                    let measurement = &m.measurement;
                    cells.push(
                        measurement
                            .value()
                            .map_or(Cell::Text("uppgift saknas".to_owned()), |v| {
                                Self::value_cell(indicator.unit(), v)
                            }),
                    );
                    let mut refers = measurement.reference_period().to_string();
                    if measurement.is_lagged() {
                        refers.push('*');
                        lagged_note = true;
                    }
                    cells.push(Cell::Text(refers));
                    cells.push(
                        measurement
                            .comparisons()
                            .riket
                            .map_or(Cell::Empty, |v| Self::value_cell(indicator.unit(), v)),
                    );
                    let position = measurements
                        .iter()
                        .position(|x| core::ptr::eq(*x, *m))
                        .unwrap_or(0);
                    let trend = position
                        .checked_sub(1)
                        .and_then(|i| measurements.get(i))
                        .map_or(Trend::NotComparable, |previous| {
                            indicator.trend(&previous.measurement, measurement, Some(&entry.target))
                        });
                    cells.push(Cell::Text(
                        match trend {
                            Trend::Improved => "förbättring",
                            Trend::Unchanged => "oförändrat",
                            Trend::Worsened => "försämring",
                            _ => "–",
                        }
                        .to_owned(),
                    ));
                    let assessment = indicator
                        .assess(&entry.target, measurement, &config)
                        .map_err(failed("an assessment"))?;
                    cells.push(Self::status_cell(assessment.computed()));
                    let effective = match &m.assessed {
                        Some((status, justification)) => {
                            let assessed = assessment
                                .clone()
                                .override_with(*status, justification.clone(), None)
                                .map_err(failed("an assessed status"))?;
                            cells.push(Self::status_cell(assessed.status()));
                            let at = Self::source(&files.measurements, m.line, "motivering");
                            cells.push(Cell::Text(self.text(justification, at)));
                            assessed
                        }
                        None => {
                            cells.push(Self::status_cell(assessment.status()));
                            cells.push(Cell::Empty);
                            assessment.clone()
                        }
                    };
                    if let Some((.., computed, effectives)) =
                        goals_seen.iter_mut().find(|(goal, ..)| *goal == entry.goal)
                    {
                        computed.push(assessment);
                        effectives.push(effective);
                    }
                }
                None => {
                    cells.extend([
                        Cell::Text("uppgift saknas".to_owned()),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                    ]);
                    cells.push(Self::status_cell(Status::NotMeasurable));
                    cells.push(Self::status_cell(Status::NotMeasurable));
                    cells.push(Cell::Empty);
                    let none = Assessment::direct(indicator.id(), Status::NotMeasurable)
                        .map_err(failed("an assessment"))?;
                    if let Some((.., computed, effectives)) =
                        goals_seen.iter_mut().find(|(goal, ..)| *goal == entry.goal)
                    {
                        computed.push(none.clone());
                        effectives.push(none);
                    }
                }
            }
            table.rows.push(Row {
                label: name.clone(),
                level: 1,
                cells,
            });
            // The trend chart: one point per period the values refer to, so
            // that a lagged value (last year's, published in this year's
            // report) stands at its own year; where two reports give a value
            // for the same period, the later report's (Kolada revises).
            let mut points: Vec<&MeasurementEntry> = Vec::with_capacity(measurements.len());
            for m in &measurements {
                let reference = m.measurement.reference_period();
                match points
                    .iter_mut()
                    .find(|p| p.measurement.reference_period() == reference)
                {
                    Some(point) => *point = *m,
                    None => points.push(*m),
                }
            }
            points.sort_by_key(|m| m.measurement.reference_period().first_day());
            if points
                .iter()
                .filter(|m| m.measurement.value().is_some())
                .count()
                >= 2
            {
                let labels: Vec<String> = points
                    .iter()
                    .map(|m| m.measurement.reference_period().to_string())
                    .collect();
                let values = points.iter().map(|m| m.measurement.value()).collect();
                let riket: Vec<Option<Decimal>> = points
                    .iter()
                    .map(|m| m.measurement.comparisons().riket)
                    .collect();
                let mut series = vec![Series {
                    name: "Utfall".to_owned(),
                    style: SeriesStyle::Solid,
                    values,
                }];
                if let Some(target) = target_value(&entry.target) {
                    series.push(Series {
                        name: format!("Målvärde {target_text}"),
                        style: SeriesStyle::Target,
                        values: vec![Some(target); labels.len()],
                    });
                }
                if riket.iter().any(Option::is_some) {
                    series.push(Series {
                        name: "Riket".to_owned(),
                        style: SeriesStyle::Dashed,
                        values: riket,
                    });
                }
                charts.push(Chart {
                    id: format!("goals.trend.{}", indicator.id()),
                    title: name.clone(),
                    kind: ChartKind::Line,
                    x_labels: labels,
                    series,
                    unit: unit_text(indicator.unit()).to_owned(),
                });
            }
        }
        // A goal's status: its indicators' rolled up, the worst deciding
        // (an indicator without a value counts as not assessable).
        let rule = RollUp::default();
        for (goal, row, computed, effective) in goals_seen {
            // A goal text Goal::new cannot take leaves the row without a
            // status rather than the section without its table.
            let rolled = |children: Vec<Assessment>| -> Option<Status> {
                let empty = Goal::new(goal, goal, GoalLevel::Namndmal).ok()?;
                let with_children = children
                    .into_iter()
                    .fold(empty, |g, a| g.with_child(Node::Indicator(a)));
                with_children.roll_up(&rule).ok().map(|r| r.status())
            };
            let statuses = [(5, rolled(computed)), (6, rolled(effective))];
            if let Some(cells) = table.rows.get_mut(row).map(|r| &mut r.cells) {
                for (i, status) in statuses {
                    if let (Some(cell), Some(status)) = (cells.get_mut(i), status) {
                        *cell = Self::status_cell(status);
                    }
                }
            }
        }
        if lagged_note {
            table.notes.push(
                "* Värdet avser ett tidigare år (senast publicerade värde i Kolada).".to_owned(),
            );
        }
        table.notes.push(
            "Ett måls status är dess sämsta indikators; en indikator utan värde går ej att bedöma."
                .to_owned(),
        );
        table.notes.push(
            "Bedömd status ersätter den beräknade endast med en skriftlig motivering; båda visas."
                .to_owned(),
        );
        let mut blocks = vec![Block::Table(table)];
        if let Some(reason) = &data.measurements_unavailable {
            blocks.push(Block::Paragraph(format!("Mätvärden saknas: {reason}")));
        }
        match &self.dataset.continuity {
            SectionData::Available(result) => blocks.push(Block::Table(self.continuity(result))),
            SectionData::Unavailable { reason } => blocks.push(Block::Paragraph(format!(
                "Personalkontinuitet kunde inte beräknas: {reason}"
            ))),
        }
        blocks.extend(charts.into_iter().map(Block::Chart));
        Ok(blocks)
    }

    fn continuity(&self, result: &namnd_kpi::continuity::ContinuityResult) -> Table {
        let mut table = Table::new(
            "goals.continuity",
            &format!(
                "Personalkontinuitet i hemtjänsten {} – {}",
                result.from, result.to
            ),
            vec![
                "Antal brukare".to_owned(),
                "Medelvärde personal".to_owned(),
                "Median personal".to_owned(),
            ],
            self.display,
        );
        let number = |v: Option<Decimal>| {
            v.map_or(Cell::Empty, |value| Cell::Number {
                value,
                decimals: 1,
                unit: String::new(),
            })
        };
        let units: Vec<(String, u64)> = result
            .by_unit
            .iter()
            .flatten()
            .map(|(name, stats)| (name.clone(), stats.included))
            .collect();
        let published = suppress_list(&units, self.policy).ok();
        for (name, stats) in result.by_unit.iter().flatten() {
            let count = published
                .as_ref()
                .and_then(|(items, _)| items.iter().find(|(n, _)| n == name))
                .map_or(
                    Cell::Suppressed {
                        label: self.policy.mark().to_owned(),
                    },
                    |(_, c)| self.published(*c),
                );
            // Mean and median of fewer than min_shown recipients are not shown.
            let shown = !self.policy.is_small(stats.included);
            table.rows.push(Row {
                label: name.clone(),
                level: 0,
                cells: vec![
                    count,
                    if shown {
                        number(stats.mean)
                    } else {
                        Cell::Empty
                    },
                    if shown {
                        number(stats.median)
                    } else {
                        Cell::Empty
                    },
                ],
            });
        }
        let total_shown = !self.policy.is_small(result.included);
        table.total = Some(Row {
            label: "Hela kommunen".to_owned(),
            level: 0,
            cells: vec![
                published
                    .as_ref()
                    .map_or(Cell::Count(result.included), |(_, t)| self.published(*t)),
                if total_shown {
                    number(result.mean)
                } else {
                    Cell::Empty
                },
                if total_shown {
                    number(result.median)
                } else {
                    Cell::Empty
                },
            ],
        });
        table.notes.push(
            "Antal personal som en brukare med minst två besök varje dag möter under 14 dagar (Kolada U21401); lägre är bättre."
                .to_owned(),
        );
        table
    }

    // ------------------------------------------------------------ quality

    fn quality(&self) -> std::result::Result<Vec<Block>, String> {
        use namnd_quality::case::{RegimeFilter, SarahFunnel};
        let year = self.as_of.fiscal_year();
        let mut blocks = Vec::new();
        let mut reasons = Vec::new();
        match &self.dataset.cases {
            SectionData::Available(cases) => {
                let end = self.as_of.last_day();
                let cases: Vec<_> = cases.iter().map(|c| c.as_of(end)).collect();
                let sarah = SarahFunnel::for_year(&cases, RegimeFilter::LexSarah, year, &[])
                    .and_then(|f| f.published(self.policy))
                    .map_err(failed("the lex Sarah funnel"))?;
                let maria = SarahFunnel::for_year(&cases, RegimeFilter::LexMaria, year, &[])
                    .and_then(|f| f.published(self.policy))
                    .map_err(failed("the lex Maria funnel"))?;
                let mut table = Table::new(
                    "quality.cases",
                    &format!("Rapporter enligt lex Sarah och lex Maria {}", self.ytd()),
                    vec!["Lex Sarah".to_owned(), "Lex Maria".to_owned()],
                    self.display,
                );
                for ((label, s), (_, m)) in sarah.buckets.iter().zip(maria.buckets.iter()) {
                    table.rows.push(Row {
                        label: capitalise(label),
                        level: 0,
                        cells: vec![self.published(*s), self.published(*m)],
                    });
                }
                table.total = Some(Row {
                    label: "Antal rapporter".to_owned(),
                    level: 0,
                    cells: vec![self.published(sarah.total), self.published(maria.total)],
                });
                table.notes.push(self.suppression_note());
                blocks.push(Block::Table(table));
            }
            SectionData::Unavailable { reason } => {
                reasons.push(format!("Lex Sarah/Maria: {reason}"))
            }
        }
        match &self.dataset.incidents {
            SectionData::Available(data) => blocks.push(Block::Table(self.incidents(data)?)),
            SectionData::Unavailable { reason } => reasons.push(format!("Avvikelser: {reason}")),
        }
        match &self.dataset.complaints {
            SectionData::Available(complaints) => {
                blocks.push(Block::Table(self.complaints(complaints)?));
            }
            SectionData::Unavailable { reason } => reasons.push(format!("Klagomål: {reason}")),
        }
        if blocks.is_empty() {
            return Err(reasons.join("; "));
        }
        blocks.extend(reasons.into_iter().map(Block::Paragraph));
        Ok(blocks)
    }

    /// The note under every table with hidden cells: the policy's legend.
    fn suppression_note(&self) -> String {
        format!("{} (sekretess).", self.policy.legend())
    }

    fn suppressed_table(
        &self,
        id: &str,
        title: &str,
        table: &SuppressedTable,
        row_label: impl Fn(&str) -> String,
        column_label: impl Fn(&str) -> String,
    ) -> Table {
        let mut columns: Vec<String> = table.columns().iter().map(|c| column_label(c)).collect();
        columns.push("Totalt".to_owned());
        let mut out = Table::new(id, title, columns, self.display);
        for row in table.rows() {
            let mut cells: Vec<Cell> = table
                .columns()
                .iter()
                .map(|c| {
                    table
                        .cell(row, c)
                        .map_or(Cell::Empty, |v| self.published(v))
                })
                .collect();
            cells.push(
                table
                    .row_total(row)
                    .map_or(Cell::Empty, |v| self.published(v)),
            );
            out.rows.push(Row {
                label: row_label(row),
                level: 0,
                cells,
            });
        }
        let mut total: Vec<Cell> = table
            .columns()
            .iter()
            .map(|c| {
                table
                    .column_total(c)
                    .map_or(Cell::Empty, |v| self.published(v))
            })
            .collect();
        total.push(self.published(table.grand_total()));
        out.total = Some(Row {
            label: "Totalt".to_owned(),
            level: 0,
            cells: total,
        });
        out.notes.push(self.suppression_note());
        out
    }

    fn incidents(&self, data: &crate::dataset::IncidentData) -> std::result::Result<Table, String> {
        use namnd_quality::incident::{
            Category, CategoryCode, CategorySet, IncidentDomain, IncidentMatrix, Validity,
        };
        let categories = data
            .categories
            .iter()
            .map(|(code, name)| {
                Category::new(CategoryCode::new(code)?, name, Validity::new(None, None)?)
            })
            .collect::<namnd_quality::Result<Vec<_>>>()
            .map_err(failed("the incident categories"))?;
        let set = CategorySet::new(IncidentDomain::SocialCare, categories)
            .map_err(failed("the incident categories"))?;
        let first = self
            .as_of
            .fiscal_year()
            .month(1)
            .map_err(failed("the first month"))?;
        let months: Vec<YearMonth> = first.iter_to(self.as_of).collect();
        let rows: Vec<(String, Vec<u64>)> = data
            .categories
            .iter()
            .map(|(code, _)| {
                let counts = months
                    .iter()
                    .map(|m| data.counts.get(&(code.clone(), *m)).copied().unwrap_or(0))
                    .collect();
                (code.clone(), counts)
            })
            .collect();
        let borrowed: Vec<(&str, &[u64])> = rows
            .iter()
            .map(|(c, v)| (c.as_str(), v.as_slice()))
            .collect();
        let matrix = IncidentMatrix::from_counts(&set, first, self.as_of, &borrowed)
            .map_err(failed("the incident matrix"))?;
        let committee = matrix
            .committee(self.policy)
            .map_err(failed("the incident table"))?;
        let names: BTreeMap<&str, &str> = data
            .categories
            .iter()
            .map(|(c, n)| (c.as_str(), n.as_str()))
            .collect();
        Ok(self.suppressed_table(
            "quality.incidents",
            &format!("Avvikelser enligt SoL och LSS per månad {}", self.ytd()),
            &committee,
            |row| {
                names
                    .iter()
                    .find(|(code, name)| *code == &row || *name == &row)
                    .map_or_else(|| row.to_owned(), |(_, name)| (*name).to_owned())
            },
            |column| {
                column
                    .parse::<YearMonth>()
                    .map_or_else(|_| column.to_owned(), |m| month_label(m.month()))
            },
        ))
    }

    fn complaints(
        &self,
        complaints: &[namnd_quality::complaint::Complaint],
    ) -> std::result::Result<Table, String> {
        use namnd_quality::complaint::{ComplaintSummary, ResponseLimit, ResponseStatus};
        let days = self
            .dataset
            .manifest
            .quality
            .complaint_response_days
            .unwrap_or(14);
        let in_period: Vec<_> = complaints
            .iter()
            .filter(|c| {
                c.received() >= self.as_of.fiscal_year().first_day()
                    && c.received() <= self.as_of.last_day()
            })
            .cloned()
            .collect();
        let summary =
            ComplaintSummary::new(&in_period, ResponseLimit::days(days), self.as_of.last_day())
                .and_then(|s| s.committee(self.policy))
                .map_err(failed("the complaint summary"))?;
        let mut table = Table::new(
            "quality.complaints",
            &format!("Klagomål {} och svarstid (gräns {days} dagar)", self.ytd()),
            vec!["Antal".to_owned()],
            self.display,
        );
        for (status, count) in summary.statuses() {
            let label = match status {
                ResponseStatus::AnsweredInTime => "Besvarade i tid",
                ResponseStatus::AnsweredLate => "Besvarade för sent",
                ResponseStatus::Open => "Ej besvarade, inom svarstiden",
                ResponseStatus::Overdue => "Ej besvarade, svarstiden passerad",
                _ => "Övriga",
            };
            table.rows.push(Row {
                label: label.to_owned(),
                level: 0,
                cells: vec![self.published(*count)],
            });
        }
        table.total = Some(Row {
            label: "Totalt".to_owned(),
            level: 0,
            cells: vec![self.published(summary.total())],
        });
        table.notes.push(self.suppression_note());
        Ok(table)
    }

    // ---------------------------------------------------------- decisions

    fn decisions(&self) -> std::result::Result<Vec<Block>, String> {
        use namnd_decisions::stats::StatisticsReport;
        let decisions = match &self.dataset.decisions {
            SectionData::Available(d) => d,
            SectionData::Unavailable { reason } => return Err(reason.clone()),
        };
        // The last quarter that has ended by the as-of month.
        let mut last = Quarter::from_date(self.as_of.last_day()).map_err(failed("the quarter"))?;
        if last.last_day() > self.as_of.last_day() {
            last = last.previous().map_err(failed("the quarter"))?;
        }
        let first_decision = decisions.iter().map(|d| d.decision_date()).min();
        let mut quarters = vec![last];
        while quarters.len() < 8 {
            let Some(q) = quarters.last().and_then(|q| q.previous().ok()) else {
                break;
            };
            if first_decision.is_none_or(|d| q.last_day() < d) {
                break;
            }
            quarters.push(q);
        }
        quarters.reverse();
        let mut totals = Vec::new();
        let mut committee_last = None;
        for q in &quarters {
            let stats = StatisticsReport::compute(decisions, *q)
                .map_err(failed("the decision statistics"))?;
            let committee = stats
                .committee_version(self.policy)
                .map_err(failed("the committee statistics"))?;
            totals.push(
                committee
                    .decisions_by_band
                    .grand_total()
                    .value()
                    .map(Decimal::from),
            );
            committee_last = Some(committee);
        }
        let Some(committee) = committee_last else {
            return Err("inga kvartal att redovisa".to_owned());
        };
        let quarter_label = |q: &Quarter| format!("{} kv {}", q.year(), q.number());
        let mut blocks = vec![Block::Paragraph(format!(
            "Gynnande beslut enligt SoL och LSS som inte verkställts inom tre månader, rapporterade för kvartal {} (per {}).",
            quarter_label(&last),
            committee.period_end
        ))];
        let by_band = self.suppressed_table(
            "decisions.by_waiting_time",
            "Ej verkställda beslut per väntetid",
            &committee.decisions_by_band,
            |row| row.to_owned(),
            gender_label,
        );
        blocks.push(Block::Table(by_band));
        let by_category = self.suppressed_table(
            "decisions.by_category",
            "Ej verkställda beslut per lag och insats",
            &committee.decisions_by_category,
            |row| row.to_owned(),
            gender_label,
        );
        blocks.push(Block::Table(by_category));
        blocks.push(Block::Chart(Chart {
            id: "decisions.per_quarter".to_owned(),
            title: "Ej verkställda beslut per kvartal".to_owned(),
            kind: ChartKind::Bar,
            x_labels: quarters.iter().map(quarter_label).collect(),
            series: vec![Series {
                name: "Ej verkställda beslut".to_owned(),
                style: SeriesStyle::Solid,
                values: totals,
            }],
            unit: "beslut".to_owned(),
        }));
        Ok(blocks)
    }

    // -------------------------------------------------------- investments

    fn investments(&self) -> std::result::Result<Vec<Block>, String> {
        use namnd_invest::capital::{CapitalOptions, InterestRates, budget_consequence};
        let requests = match &self.dataset.investments {
            SectionData::Available(r) => r,
            SectionData::Unavailable { reason } => return Err(reason.clone()),
        };
        let year = self.as_of.fiscal_year();
        let mut years = vec![year];
        while years.len() < 3 {
            match years.last().map(|y| y.next()) {
                Some(Ok(next)) => years.push(next),
                _ => break,
            }
        }
        let rate = self
            .dataset
            .manifest
            .investments
            .interest_rate
            .as_deref()
            .map_or(Ok(Decimal::new(15, 1)), |t| t.trim().parse::<Decimal>())
            .map_err(failed("the interest rate"))?;
        let rate = rate
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| "kunde inte beräknas: the interest rate".to_owned())?;
        let options = CapitalOptions::new(
            InterestRates::constant(rate).map_err(failed("the interest rate"))?,
            Rounding::HalfAwayFromZero,
        );
        let mut columns: Vec<String> = years.iter().map(|y| format!("Investering {y}")).collect();
        let next = years.get(1).copied();
        if let Some(next) = next {
            columns.push(format!("Kapitalkostnad {next}"));
        }
        let mut table = Table::new(
            "investments.requests",
            "Investeringar och kapitalkostnader",
            columns,
            self.display,
        );
        let mut sums = vec![Amount::ZERO; years.len().saturating_add(1)];
        for request in requests {
            let mut cells = Vec::new();
            for (y, sum) in years.iter().zip(sums.iter_mut()) {
                match request.amount(*y).map(namnd_invest::YearAmount::total) {
                    Some(Ok(a)) => {
                        *sum = sum.checked_add(a).map_err(failed("an investment total"))?;
                        cells.push(Cell::Amount { kr: a.as_kr() });
                    }
                    Some(Err(e)) => return Err(failed("an investment amount")(e)),
                    None => cells.push(Cell::Empty),
                }
            }
            if let Some(next) = next {
                let capital = budget_consequence(request, [next], &options)
                    .ok()
                    .and_then(|c| c.first().map(|c| c.capital_cost));
                match capital {
                    Some(a) => {
                        if let Some(sum) = sums.last_mut() {
                            *sum = sum.checked_add(a).map_err(failed("a capital cost"))?;
                        }
                        cells.push(Cell::Amount { kr: a.as_kr() });
                    }
                    None => cells.push(Cell::Empty),
                }
            }
            let at = Self::source(&self.dataset.manifest.files.investments, 0, "benämning");
            table.rows.push(Row {
                label: self.text(&format!("{} {}", request.id(), request.name()), at),
                level: 0,
                cells,
            });
        }
        table.total = Some(Row {
            label: "Summa".to_owned(),
            level: 0,
            cells: sums
                .iter()
                .map(|a| Cell::Amount { kr: a.as_kr() })
                .collect(),
        });
        table.notes.push(format!(
            "Kapitalkostnad = avskrivning + internränta {} % på bokfört värde.",
            rate.checked_mul(Decimal::ONE_HUNDRED)
                .unwrap_or(rate)
                .normalize()
                .to_string()
                .replace('.', ",")
        ));
        Ok(vec![Block::Table(table)])
    }

    // --------------------------------------------------- internal control

    fn internal_control(&self) -> std::result::Result<Vec<Block>, String> {
        use namnd_control::calendar::{
            ControlCalendar, FollowUp as ControlFollowUp, FollowUpLog, Outcome,
        };
        let data = match &self.dataset.internal_control {
            SectionData::Available(d) => d,
            SectionData::Unavailable { reason } => return Err(reason.clone()),
        };
        let year = self.as_of.fiscal_year();
        let calendar =
            ControlCalendar::for_year(&data.plan, year).map_err(failed("the control calendar"))?;
        let mut log = FollowUpLog::new(calendar);
        for result in data
            .results
            .iter()
            .filter(|r| r.month <= self.as_of.month())
        {
            let mut entry = ControlFollowUp::new(result.row, Some(result.month), result.outcome);
            if let Some(action) = &result.action {
                entry = entry.with_action(action.clone());
            }
            log.record(entry).map_err(failed("a control result"))?;
        }
        let summary = log
            .summary_through(self.as_of.month())
            .map_err(failed("the control follow-up"))?;
        let count = |n: usize| Cell::Count(u64::try_from(n).unwrap_or(u64::MAX));
        let figures = vec![
            KeyFigure {
                id: "controls_due".to_owned(),
                label: format!("Kontroller att genomföra {}", self.ytd()),
                value: count(summary.due()),
            },
            KeyFigure {
                id: "controls_done".to_owned(),
                label: "Genomförda".to_owned(),
                value: count(summary.genomford()),
            },
            KeyFigure {
                id: "controls_partly".to_owned(),
                label: "Delvis genomförda".to_owned(),
                value: count(summary.delvis_genomford()),
            },
            KeyFigure {
                id: "controls_not_done".to_owned(),
                label: "Ej genomförda".to_owned(),
                value: count(summary.ej_genomford()),
            },
            KeyFigure {
                id: "controls_not_reported".to_owned(),
                label: "Ej rapporterade".to_owned(),
                value: count(summary.not_reported().len()),
            },
        ];
        let worst = log.worst_per_row(data.plan.rows().len());
        let files = &self.dataset.manifest.files;
        let mut table = Table::new(
            "internal_control.plan",
            &format!("Internkontrollplan {year}: uppföljning"),
            vec![
                "Kontrollmoment".to_owned(),
                "Riskvärde".to_owned(),
                "Frekvens".to_owned(),
                "Utfall".to_owned(),
                "Åtgärd".to_owned(),
            ],
            self.display,
        );
        for (index, row) in data.plan.rows().iter().enumerate() {
            let outcome = worst.get(index).copied().flatten();
            let status = match outcome {
                Some(Outcome::Genomford) => Cell::Status {
                    colour: StatusColour::Green,
                    label: "genomförd".to_owned(),
                },
                Some(Outcome::DelvisGenomford) => Cell::Status {
                    colour: StatusColour::Yellow,
                    label: "delvis genomförd".to_owned(),
                },
                Some(Outcome::EjGenomford) => Cell::Status {
                    colour: StatusColour::Red,
                    label: "ej genomförd".to_owned(),
                },
                None => Cell::Status {
                    colour: StatusColour::Grey,
                    label: "ej rapporterad".to_owned(),
                },
            };
            let action = data
                .results
                .iter()
                .filter(|r| r.row == index && r.month <= self.as_of.month())
                .filter_map(|r| {
                    let at = Self::source(&files.internal_control_results, r.line, "atgard");
                    r.action.as_deref().map(|a| self.text(a, at))
                })
                .next_back()
                .map_or(Cell::Empty, Cell::Text);
            let line = row.source_line.unwrap_or(0);
            let at = |column| Self::source(&files.internal_control, line, column);
            table.rows.push(Row {
                label: self.text(&row.process, at("process")),
                level: 0,
                cells: vec![
                    Cell::Text(self.text(&row.control_activity, at("kontrollmoment"))),
                    row.risk_assessment
                        .risk_value()
                        .map_or(Cell::Empty, |v| Cell::Count(u64::from(v))),
                    Cell::Text(row.schedule.to_string()),
                    status,
                    action,
                ],
            });
        }
        table.notes.push(
            "Utfall = det sämsta utfallet av årets kontroller hittills; ej rapporterad = ingen kontroll redovisad ännu.".to_owned(),
        );
        Ok(vec![Block::KeyFigures(figures), Block::Table(table)])
    }
}

/// A numeric target for a chart's target line (comparators and equality).
/// Redacts identity numbers in every text of a section; `true` when any
/// was found.
fn redact_section(section: &mut Section) -> bool {
    let mut found = false;
    let mut fix = |text: &mut String| {
        if let Some(redacted) = redact(text) {
            *text = redacted;
            found = true;
        }
    };
    fix(&mut section.title);
    match &mut section.body {
        SectionBody::Unavailable { reason } => fix(reason),
        SectionBody::Available { blocks } => {
            for block in blocks {
                match block {
                    Block::Paragraph(text) => fix(text),
                    Block::KeyFigures(figures) => {
                        for figure in figures {
                            fix(&mut figure.label);
                            redact_cell(&mut figure.value, &mut fix);
                        }
                    }
                    Block::Table(table) => {
                        fix(&mut table.title);
                        table.columns.iter_mut().for_each(&mut fix);
                        table.notes.iter_mut().for_each(&mut fix);
                        for row in table.rows.iter_mut().chain(table.total.iter_mut()) {
                            fix(&mut row.label);
                            for cell in &mut row.cells {
                                redact_cell(cell, &mut fix);
                            }
                        }
                    }
                    Block::Chart(chart) => {
                        fix(&mut chart.title);
                        fix(&mut chart.unit);
                        chart.x_labels.iter_mut().for_each(&mut fix);
                        for series in &mut chart.series {
                            fix(&mut series.name);
                        }
                    }
                }
            }
        }
    }
    found
}

fn redact_cell(cell: &mut Cell, fix: &mut impl FnMut(&mut String)) {
    match cell {
        Cell::Text(text) => fix(text),
        Cell::Number { unit, .. } => fix(unit),
        Cell::Suppressed { label } | Cell::Status { label, .. } => fix(label),
        Cell::Amount { .. } | Cell::Percent { .. } | Cell::Count(_) | Cell::Empty => {}
    }
}

/// At most this many problems are listed in the report's data-quality
/// section (all of them are counted).
const MAX_LISTED_PROBLEMS: usize = 200;

impl Ctx<'_> {
    // ------------------------------------------------------ data quality

    /// Per file: rows read, accepted and rejected; then every problem
    /// (loading problems and redactions), so that the committee sees that
    /// rejected rows are left out of the report.
    fn data_quality(&self) -> Vec<Block> {
        let dataset = self.dataset;
        let redacted = self.redacted.borrow();
        let problems: Vec<&Problem> = dataset.problems.iter().chain(redacted.iter()).collect();
        let rejected: u64 = dataset.files.iter().map(|f| f.rejected).sum();
        let mut text = if problems.is_empty() {
            "Alla rader i indata kunde läsas; inga problem hittades.".to_owned()
        } else {
            format!(
                "{} problem hittades i indata. Avvisade rader ({} st) ingår inte i rapportens tal; varje avvisad rad finns i listan nedan med fil och rad.",
                problems.len(),
                rejected
            )
        };
        let unusable: Vec<&str> = dataset
            .files
            .iter()
            .filter(|f| !f.usable)
            .map(|f| f.file.as_str())
            .collect();
        if !unusable.is_empty() {
            text.push_str(&format!(
                " Filer som inte kunde användas: {}; de avsnitt som bygger på dem saknas.",
                unusable.join(", ")
            ));
        }
        let mut files = Table::new(
            "data_quality.files",
            "Inlästa filer: rader lästa, godkända och avvisade",
            vec![
                "Rader lästa".to_owned(),
                "Godkända".to_owned(),
                "Avvisade".to_owned(),
                "Status".to_owned(),
            ],
            self.display,
        );
        for f in &dataset.files {
            files.rows.push(Row {
                label: redact(&f.file).unwrap_or_else(|| f.file.clone()),
                level: 0,
                cells: vec![
                    Cell::Count(f.rows_read),
                    Cell::Count(f.accepted),
                    Cell::Count(f.rejected),
                    if f.usable {
                        Cell::Status {
                            colour: if f.rejected == 0 {
                                StatusColour::Green
                            } else {
                                StatusColour::Yellow
                            },
                            label: "används".to_owned(),
                        }
                    } else {
                        Cell::Status {
                            colour: StatusColour::Red,
                            label: "kunde inte användas".to_owned(),
                        }
                    },
                ],
            });
        }
        files
            .notes
            .push("Antal rader, inte personer. Avvisade rader ingår inte i rapporten.".to_owned());
        let mut blocks = vec![Block::Paragraph(text), Block::Table(files)];
        if !problems.is_empty() {
            let mut list = Table::new(
                "data_quality.problems",
                "Problem i indata",
                vec!["Problem".to_owned()],
                self.display,
            );
            for p in problems.iter().take(MAX_LISTED_PROBLEMS) {
                let file = if p.file.is_empty() {
                    "rapporten"
                } else {
                    p.file.as_str()
                };
                list.rows.push(Row {
                    label: redact(file).unwrap_or_else(|| file.to_owned()),
                    level: 0,
                    cells: vec![Cell::Text(
                        redact(&p.message).unwrap_or_else(|| p.message.clone()),
                    )],
                });
            }
            if problems.len() > MAX_LISTED_PROBLEMS {
                list.notes.push(format!(
                    "Ytterligare {} problem visas inte här.",
                    problems.len().saturating_sub(MAX_LISTED_PROBLEMS)
                ));
            }
            blocks.push(Block::Table(list));
        }
        blocks
    }
}

fn target_value(target: &Target) -> Option<Decimal> {
    match target {
        Target::Above(v)
        | Target::AtLeast(v)
        | Target::Below(v)
        | Target::AtMost(v)
        | Target::Equal(v) => Some(*v),
        _ => None,
    }
}

fn unit_text(unit: IndicatorUnit) -> &'static str {
    match unit {
        IndicatorUnit::Percent => "%",
        IndicatorUnit::Days => "dagar",
        IndicatorUnit::Kronor => "kr",
        IndicatorUnit::Persons => "personer",
        IndicatorUnit::Count => "antal",
        _ => "",
    }
}

fn gender_label(column: &str) -> String {
    match column {
        "K" => "Kvinnor".to_owned(),
        "M" => "Män".to_owned(),
        other => capitalise(other),
    }
}

/// `text` ending with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn demo() -> Result<Dataset> {
        Ok(crate::demo::dataset()?.dataset)
    }

    fn blocks<'r>(report: &'r Report, id: &str) -> &'r [Block] {
        report
            .sections
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| match &s.body {
                SectionBody::Available { blocks } => Some(blocks.as_slice()),
                SectionBody::Unavailable { .. } => None,
            })
            .unwrap_or(&[])
    }

    fn key_figure(report: &Report, id: &str) -> Option<Cell> {
        report.sections.iter().find_map(|s| match &s.body {
            SectionBody::Available { blocks } => blocks.iter().find_map(|b| match b {
                Block::KeyFigures(figures) => {
                    figures.iter().find(|k| k.id == id).map(|k| k.value.clone())
                }
                _ => None,
            }),
            SectionBody::Unavailable { .. } => None,
        })
    }

    fn table<'r>(report: &'r Report, id: &str) -> Option<&'r Table> {
        report.sections.iter().find_map(|s| match &s.body {
            SectionBody::Available { blocks } => blocks.iter().find_map(|b| match b {
                Block::Table(t) if t.id == id => Some(t),
                _ => None,
            }),
            SectionBody::Unavailable { .. } => None,
        })
    }

    fn kr(cell: Option<&Cell>) -> Option<Decimal> {
        match cell {
            Some(Cell::Amount { kr }) => Some(*kr),
            _ => None,
        }
    }

    fn reason<'r>(report: &'r Report, id: &str) -> Option<&'r str> {
        report
            .sections
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| match &s.body {
                SectionBody::Unavailable { reason } => Some(reason.as_str()),
                SectionBody::Available { .. } => None,
            })
    }

    #[test]
    fn every_section_of_the_demo_is_available() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let ids: Vec<&str> = report.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "summary",
                "budget",
                "goals",
                "quality",
                "decisions",
                "investments",
                "internal_control",
                "data_quality"
            ]
        );
        for section in &report.sections {
            assert!(
                matches!(&section.body, SectionBody::Available { blocks } if !blocks.is_empty()),
                "{} is {:?}",
                section.id,
                section.body
            );
        }
        let charts: Vec<&str> = report
            .sections
            .iter()
            .flat_map(|s| match &s.body {
                SectionBody::Available { blocks } => blocks.as_slice(),
                SectionBody::Unavailable { .. } => &[],
            })
            .filter_map(|b| match b {
                Block::Chart(c) => Some(c.id.as_str()),
                _ => None,
            })
            .collect();
        for id in [
            "budget.cumulative",
            "budget.forecast_by_month",
            "goals.trend.U21401",
            "decisions.per_quarter",
        ] {
            assert!(charts.contains(&id), "{id} missing from {charts:?}");
        }
        Ok(())
    }

    #[test]
    fn summary_forecast_equals_the_follow_up_total() -> Result<()> {
        let dataset = demo()?;
        let report = assemble(&dataset, &AssembleOptions::default())?;
        let Some(budget) = dataset.budget.available() else {
            panic!("the demo has a budget");
        };
        let series = budget.follow_ups(dataset.manifest.as_of)?;
        let Some(last) = series.last() else {
            panic!("no follow-up");
        };
        let total = last.total().map_err(compute("total"))?;
        // The demo presents costs positive (budget − outcome): the canonical forecast negated.
        assert_eq!(
            key_figure(&report, "forecast_full_year"),
            Some(Cell::Amount {
                kr: total.forecast().negated().as_kr()
            })
        );
        assert_eq!(
            key_figure(&report, "forecast_variance"),
            Some(Cell::Amount {
                kr: total
                    .forecast_variance()
                    .map_err(compute("v"))?
                    .amount()
                    .as_kr()
            })
        );
        assert_eq!(
            key_figure(&report, "outcome_ytd"),
            Some(Cell::Amount {
                kr: total.outcome_to_date().negated().as_kr()
            })
        );
        // result_ytd = periodised budget − outcome in costs-positive terms (favourable-positive).
        let result = total
            .outcome_to_date()
            .checked_sub(total.budget_to_date())?;
        assert_eq!(
            key_figure(&report, "result_ytd"),
            Some(Cell::Amount { kr: result.as_kr() })
        );
        assert_eq!(
            key_figure(&report, "forecast_change"),
            Some(Cell::Amount {
                kr: total.forecast_change().as_kr()
            })
        );
        // The by-unit table's total row holds the same forecast.
        let by_unit = table(&report, "budget.by_unit").map(|t| t.total.clone());
        let forecast_cell = by_unit.flatten().and_then(|r| r.cells.get(4).cloned());
        assert_eq!(
            forecast_cell,
            Some(Cell::Amount {
                kr: total.forecast().negated().as_kr()
            })
        );
        Ok(())
    }

    #[test]
    fn key_figures_have_stable_ids() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        for id in [
            "budget_full_year",
            "budget_ytd",
            "outcome_ytd",
            "result_ytd",
            "forecast_full_year",
            "forecast_variance",
            "forecast_change",
            "controls_due",
        ] {
            assert!(key_figure(&report, id).is_some(), "{id}");
        }
        Ok(())
    }

    #[test]
    fn main_variances_carry_the_forecast_comments() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let Some(t) = table(&report, "summary.variances") else {
            panic!("no variance table");
        };
        let first = t.rows.first().map(|r| (r.label.as_str(), r.cells.get(1)));
        let Some((label, Some(Cell::Text(comment)))) = first else {
            panic!("{first:?}");
        };
        assert_eq!(label, "Barn och unga – köp av verksamhet");
        assert!(
            comment.starts_with("Ytterligare en placering i juni"),
            "{comment}"
        );
        assert!(
            comment.contains("Åtgärd: Familjehemsrekrytering"),
            "{comment}"
        );
        Ok(())
    }

    #[test]
    fn title_follows_the_reporting_calendar() -> Result<()> {
        let dataset = demo()?;
        let title = |month| -> Result<String> {
            let options = AssembleOptions::default().with_as_of(YearMonth::try_new(2026, month)?);
            Ok(assemble(&dataset, &options)?.meta.title)
        };
        assert_eq!(title(8)?, "Delårsrapport augusti 2026");
        assert_eq!(title(5)?, "Nämndrapport 2 maj 2026");
        assert_eq!(title(6)?, "Månadsrapport juni 2026");
        Ok(())
    }

    #[test]
    fn as_of_after_the_data_is_an_error() -> Result<()> {
        let options = AssembleOptions::default().with_as_of(YearMonth::try_new(2026, 9)?);
        assert!(matches!(
            assemble(&demo()?, &options),
            Err(ReportError::Compute { .. })
        ));
        Ok(())
    }

    #[test]
    fn small_counts_are_suppressed_in_every_count_table() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let mut suppressed = 0;
        for id in ["quality", "decisions"] {
            for block in blocks(&report, id) {
                let Block::Table(t) = block else { continue };
                for row in t.rows.iter().chain(t.total.iter()) {
                    for cell in &row.cells {
                        match cell {
                            Cell::Count(n) => {
                                assert!(*n == 0 || *n >= 5, "{} {}: {n}", t.id, row.label)
                            }
                            Cell::Suppressed { label } => {
                                assert_eq!(label, SmallCountPolicy::default().mark());
                                suppressed += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        assert!(suppressed > 0);
        Ok(())
    }

    /// Every distinct value of `column` in a demo CSV file.
    fn demo_column(file: &str, column: &str) -> Vec<String> {
        let bytes = crate::demo::file(file).unwrap_or(&[]);
        let text = String::from_utf8_lossy(bytes);
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("");
        let delimiter = if header.contains(';') { ';' } else { ',' };
        let Some(index) = header.split(delimiter).position(|h| h == column) else {
            panic!("{file} has no column {column}");
        };
        let mut values: Vec<String> = lines
            .filter_map(|l| l.split(delimiter).nth(index).map(str::to_owned))
            .filter(|v| !v.is_empty())
            .collect();
        values.sort();
        values.dedup();
        values
    }

    #[test]
    fn no_personal_data_reaches_the_report() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let json = serde_json::to_string(&report).map_err(compute("json"))?;
        let mut secrets = Vec::new();
        secrets.extend(demo_column("besok.csv", "brukare"));
        secrets.extend(demo_column("besok.csv", "personal"));
        secrets.extend(demo_column("besok.csv", "fodd"));
        secrets.extend(demo_column("beslut.csv", "person"));
        secrets.extend(demo_column("beslut.csv", "id"));
        secrets.extend(demo_column("lex_sarah_maria.csv", "id"));
        assert!(secrets.len() > 100, "{}", secrets.len());
        for secret in &secrets {
            assert!(
                !json.contains(secret.as_str()),
                "{secret} appears in the report"
            );
        }
        assert!(
            matches!(
                namnd_core::redact_identity_numbers(&json),
                std::borrow::Cow::Borrowed(_)
            ),
            "something like a personnummer appears in the report"
        );
        Ok(())
    }

    #[test]
    fn bad_input_reports_every_problem_and_builds_the_other_sections() -> Result<()> {
        // budget.csv is missing, beslut.csv has no usable header, avvikelser.csv
        // and investeringar.csv have one bad row each.
        let files = |name: &str| -> Option<Vec<u8>> {
            match name {
                "budget.csv" => None,
                "beslut.csv" => Some(b"nonsense\n1,2\n".to_vec()),
                "avvikelser.csv" => {
                    let mut bytes = crate::demo::file(name)?.to_vec();
                    bytes.extend_from_slice("FALL;Fall;2026-09;x\n".as_bytes());
                    Some(bytes)
                }
                "investeringar.csv" => {
                    let mut bytes = crate::demo::file(name)?.to_vec();
                    bytes.extend_from_slice("1:9;Trasig;2026;tusen;beslutat;;;;\n".as_bytes());
                    Some(bytes)
                }
                other => crate::demo::file(other).map(<[u8]>::to_vec),
            }
        };
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &files)?;
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert_eq!(
            messages[0],
            "file budget.csv named in namnd.toml does not exist"
        );
        assert!(messages[1].contains("beslut.csv"), "{}", messages[1]);
        assert!(
            messages[2].starts_with("avvikelser.csv line 34 column antal"),
            "{}",
            messages[2]
        );
        assert!(
            messages[3].contains("investeringar.csv") && messages[3].contains("line 9"),
            "{}",
            messages[3]
        );
        let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
        assert_eq!(reason(&report, "summary"), Some(messages[0].as_str()));
        assert_eq!(reason(&report, "budget"), Some(messages[0].as_str()));
        assert_eq!(reason(&report, "decisions"), Some(messages[1].as_str()));
        for id in ["goals", "quality", "investments", "internal_control"] {
            assert!(
                reason(&report, id).is_none(),
                "{id}: {:?}",
                reason(&report, id)
            );
        }
        Ok(())
    }

    /// The demo's files with `edit` applied to the one named `name`.
    fn demo_with(
        name: &'static str,
        edit: impl Fn(&[u8]) -> Vec<u8>,
    ) -> impl Fn(&str) -> Option<Vec<u8>> {
        move |file: &str| {
            let bytes = crate::demo::file(file)?;
            Some(if file == name {
                edit(bytes)
            } else {
                bytes.to_vec()
            })
        }
    }

    /// Every text of a report, as one string (labels, cells, notes).
    fn all_text(report: &Report) -> String {
        crate::render::json::to_json(report).unwrap_or_default()
    }

    #[test]
    fn identity_numbers_in_free_text_are_redacted_and_reported() -> Result<()> {
        // A personnummer in a forecast comment (prognoser.csv line 3) and in
        // an assessment's justification (matvarden.csv).
        let pnr = "19121212-1212";
        let forecasts = demo_with("prognoser.csv", |b| {
            String::from_utf8_lossy(b)
                .replacen(
                    "placering i juni",
                    &format!("placering i juni, se {pnr}"),
                    1,
                )
                .into_bytes()
        });
        let files = |name: &str| match name {
            "matvarden.csv" => {
                let mut bytes = crate::demo::file(name)?.to_vec();
                bytes.extend_from_slice(
                    format!("BOU-UTR;2026;130;;;delvis uppnått;Gäller {pnr} och andra\n")
                        .as_bytes(),
                );
                Some(bytes)
            }
            other => forecasts(other),
        };
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &files)?;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
        let text = all_text(&report);
        assert!(
            !text.contains("1212-1212") && !text.contains("121212"),
            "the number leaked"
        );
        let Some(problems) = table(&report, "data_quality.problems") else {
            panic!("no problem table");
        };
        let messages: Vec<String> = problems
            .rows
            .iter()
            .filter_map(|r| match r.cells.first() {
                Some(Cell::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("prognoser.csv line 3 column kommentar:")),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("matvarden.csv line ") && m.contains("column motivering")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().all(|m| !m.contains("1212")),
            "{messages:#?}"
        );
        Ok(())
    }

    #[test]
    fn data_quality_counts_rows_per_file_and_lists_every_problem() -> Result<()> {
        let files = demo_with("avvikelser.csv", |b| {
            let mut bytes = b.to_vec();
            bytes.extend_from_slice("FALL;Fall;2026-09;x\n".as_bytes());
            bytes
        });
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &files)?;
        let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
        assert_eq!(
            report.sections.last().map(|s| s.id.as_str()),
            Some("data_quality")
        );
        let Some(t) = table(&report, "data_quality.files") else {
            panic!("no file table");
        };
        let incidents = t.rows.iter().find(|r| r.label == "avvikelser.csv");
        let data_rows = crate::demo::file("avvikelser.csv").map_or(0, |b| {
            b.split(|c| *c == b'\n').filter(|l| !l.is_empty()).count() - 1
        });
        let read = u64::try_from(data_rows + 1).unwrap_or(0);
        assert_eq!(
            incidents.map(|r| r.cells.get(..3).map(<[Cell]>::to_vec)),
            Some(Some(vec![
                Cell::Count(read),
                Cell::Count(read - 1),
                Cell::Count(1)
            ]))
        );
        let Some(p) = table(&report, "data_quality.problems") else {
            panic!("no problem table");
        };
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].label, "avvikelser.csv");
        // In the JSON too.
        assert!(all_text(&report).contains("avvikelser.csv line"));
        Ok(())
    }

    #[test]
    fn budget_problems_are_reported_when_the_ledger_fails() -> Result<()> {
        let files = |name: &str| match name {
            "ledger.csv" => Some(b"nonsense\n1,2\n".to_vec()),
            "budget.csv" => {
                let mut bytes = crate::demo::file(name)?.to_vec();
                bytes.extend_from_slice(b"1100,510,5011,x\n");
                Some(bytes)
            }
            other => crate::demo::file(other).map(<[u8]>::to_vec),
        };
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &files)?;
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(|m| m.contains("ledger.csv")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("budget.csv line 30")),
            "{messages:#?}"
        );
        assert!(loaded.dataset.budget.available().is_none());
        Ok(())
    }

    #[test]
    fn outcome_after_the_as_of_month_does_not_change_the_report() -> Result<()> {
        // The demo's ledger runs to December; the report is as of August.
        let full = assemble(&demo()?, &AssembleOptions::default())?;
        let to_august = demo_with("ledger.csv", |b| {
            String::from_utf8_lossy(b)
                .lines()
                .filter(|l| !l.starts_with("2026-09") && !l.starts_with("2026-1"))
                .flat_map(|l| [l, "\n"])
                .collect::<String>()
                .into_bytes()
        });
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &to_august)?;
        let cut = assemble(&loaded.dataset, &AssembleOptions::default())?;
        assert_eq!(full.meta, cut.meta);
        let content = |r: &Report| -> Vec<Section> {
            r.sections
                .iter()
                .filter(|s| s.id != "data_quality")
                .cloned()
                .collect()
        };
        assert_eq!(content(&full), content(&cut));
        // The ledger really has the later months.
        let later = crate::demo::file("ledger.csv").map(|b| {
            String::from_utf8_lossy(b)
                .lines()
                .filter(|l| l.starts_with("2026-12"))
                .count()
        });
        assert!(later.unwrap_or(0) > 0);
        Ok(())
    }

    #[test]
    fn forecast_change_column_has_a_sign_note_and_verksamhet_has_names() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        for id in [
            "budget.by_unit",
            "budget.by_account_group",
            "budget.by_verksamhet",
        ] {
            let Some(t) = table(&report, id) else {
                panic!("no {id}")
            };
            assert!(t.notes.iter().any(|n| n == CHANGE_NOTE), "{id}");
        }
        let Some(t) = table(&report, "budget.by_verksamhet") else {
            panic!("no table")
        };
        assert!(
            t.rows.iter().any(|r| r.label == "510 Hemtjänst"),
            "{:?}",
            t.rows.iter().map(|r| &r.label).collect::<Vec<_>>()
        );
        // The sign: a forecast that got worse (a larger deficit) is negative.
        let Some(Cell::Amount { kr: change }) = key_figure(&report, "forecast_change") else {
            panic!("no forecast change");
        };
        let total = t.total.as_ref().and_then(|r| r.cells.get(6)).cloned();
        assert_eq!(total, Some(Cell::Amount { kr: change }));
        // The demo presents costs positive: a higher forecast cost is a
        // worse forecast, so the change is July's forecast minus August's.
        let july = assemble(
            &demo()?,
            &AssembleOptions::default().with_as_of(YearMonth::try_new(2026, 7)?),
        )?;
        let forecast = |r: &Report| kr(key_figure(r, "forecast_full_year").as_ref());
        let (Some(before), Some(now)) = (forecast(&july), forecast(&report)) else {
            panic!("no forecast");
        };
        assert_eq!(change, before - now);
        Ok(())
    }

    #[test]
    fn lagged_value_note_renders_as_one_emphasis_in_markdown() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let Some(t) = table(&report, "goals.indicators") else {
            panic!("no indicator table")
        };
        assert!(t.notes.iter().any(|n| n.starts_with("* Värdet avser")));
        let md = crate::render::markdown::to_markdown(&report)?;
        assert!(
            md.contains(
                "\n*\\* Värdet avser ett tidigare år (senast publicerade värde i Kolada).*\n"
            ),
            "{md}"
        );
        assert!(!md.contains("** Värdet"));
        // The lagged cell's star is escaped too.
        assert!(md.contains("2025\\*"));
        Ok(())
    }

    /// A goal row carries its indicators' statuses rolled up, the worst
    /// deciding, computed and assessed apart: the demo's child-welfare goal
    /// has one indicator computed not met and assessed partly met.
    #[test]
    fn goal_rows_carry_the_worst_of_their_indicators() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let Some(t) = table(&report, "goals.indicators") else {
            panic!("no indicator table")
        };
        let status = |label: &str| -> Vec<String> {
            let row = t.rows.iter().find(|r| r.label == label);
            row.map(|r| {
                r.cells[5..7]
                    .iter()
                    .map(|c| match c {
                        Cell::Status { label, .. } => label.clone(),
                        other => format!("{other:?}"),
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        assert_eq!(
            status("Barn och unga ska få rätt stöd i tid"),
            ["ej uppnått", "delvis uppnått"]
        );
        assert_eq!(
            status("Äldre ska känna trygghet och kontinuitet i hemtjänsten"),
            ["uppnått", "uppnått"]
        );
        assert_eq!(
            status("Personer med funktionsnedsättning ska ha en meningsfull vardag"),
            ["går ej att bedöma", "går ej att bedöma"]
        );
        assert!(t.notes.iter().any(|n| n.starts_with("Ett måls status")));
        Ok(())
    }

    /// The demo's U21468 has 88, 89 and 90 for 2023–2025, and the 2026
    /// report gives 91 for 2025 (the latest published value, revised): the
    /// trend chart plots it at 2025, its own year, replacing 90, and has no
    /// point for 2026.
    #[test]
    fn a_lagged_value_is_plotted_at_the_year_it_refers_to() -> Result<()> {
        let report = assemble(&demo()?, &AssembleOptions::default())?;
        let Some(Block::Chart(chart)) = blocks(&report, "goals")
            .iter()
            .find(|b| matches!(b, Block::Chart(c) if c.id == "goals.trend.U21468"))
        else {
            panic!("no trend chart for U21468");
        };
        assert_eq!(chart.x_labels, ["2023", "2024", "2025"]);
        assert_eq!(
            chart.series[0].values,
            [88, 89, 91].map(|v| Some(Decimal::from(v)))
        );
        Ok(())
    }

    #[test]
    fn december_as_of_gives_the_annual_report() -> Result<()> {
        let mut dataset = demo()?;
        dataset.manifest.as_of = YearMonth::try_new(2026, 12)?;
        let report = assemble(&dataset, &AssembleOptions::default())?;
        assert_eq!(report.meta.title, "Årsredovisning 2026");
        // A full year: the outcome to date covers every month, and the
        // periodised budget to date is the annual budget.
        let budget = kr(key_figure(&report, "budget_full_year").as_ref());
        assert_eq!(kr(key_figure(&report, "budget_ytd").as_ref()), budget);
        let Some(Block::Chart(chart)) = blocks(&report, "budget")
            .iter()
            .find(|b| matches!(b, Block::Chart(c) if c.id == "budget.cumulative"))
        else {
            panic!("no cumulative chart");
        };
        assert!(chart.series[0].values.iter().all(Option::is_some));
        let Some(Block::Chart(forecast)) = blocks(&report, "budget")
            .iter()
            .find(|b| matches!(b, Block::Chart(c) if c.id == "budget.forecast_by_month"))
        else {
            panic!("no forecast chart");
        };
        assert_eq!(forecast.x_labels.len(), 12);
        Ok(())
    }

    #[test]
    fn a_missing_register_leaves_the_rest_of_quality() -> Result<()> {
        let files = |name: &str| match name {
            "klagomal.csv" => None,
            other => crate::demo::file(other).map(<[u8]>::to_vec),
        };
        let loaded = Dataset::load_files(crate::demo::MANIFEST, "namnd.toml", &files)?;
        let report = assemble(&loaded.dataset, &AssembleOptions::default())?;
        let quality = blocks(&report, "quality");
        assert!(
            quality
                .iter()
                .any(|b| matches!(b, Block::Table(t) if t.id == "quality.incidents"))
        );
        assert!(
            quality
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.contains("klagomal.csv")))
        );
        Ok(())
    }

    fn amount_sum(cells: &[Option<Decimal>]) -> Option<Decimal> {
        cells
            .iter()
            .try_fold(Decimal::ZERO, |sum, c| c.and_then(|c| sum.checked_add(c)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]

        /// Whatever the threshold, no count from 1 to min_shown − 1 is shown
        /// in the quality and decisions sections.
        #[test]
        fn no_small_count_is_shown_for_any_threshold(min_shown in 2_u64..=12) {
            let mut dataset = demo().map_err(|e| TestCaseError::fail(e.to_string()))?;
            dataset.manifest.min_shown = min_shown;
            let report = assemble(&dataset, &AssembleOptions::default())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(report.meta.min_shown, min_shown);
            for id in ["quality", "decisions"] {
                for block in blocks(&report, id) {
                    let Block::Table(t) = block else { continue };
                    for row in t.rows.iter().chain(t.total.iter()) {
                        for cell in &row.cells {
                            if let Cell::Count(n) = cell {
                                prop_assert!(*n == 0 || *n >= min_shown, "{} {}: {}", t.id, row.label, n);
                            }
                        }
                    }
                }
            }
        }

        /// Whatever the as-of month, the administrations add up exactly to
        /// the total in every column, and the three views share one total.
        #[test]
        fn views_reconcile_for_every_month(month in 1_u32..=8) {
            let dataset = demo().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let options = AssembleOptions::default()
                .with_as_of(YearMonth::try_new(2026, month).map_err(|e| TestCaseError::fail(e.to_string()))?);
            let report = assemble(&dataset, &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let Some(by_unit) = table(&report, "budget.by_unit") else {
                return Err(TestCaseError::fail("no table"));
            };
            let Some(total) = &by_unit.total else {
                return Err(TestCaseError::fail("no total"));
            };
            for column in 0..by_unit.columns.len() {
                let parts: Vec<Option<Decimal>> = by_unit
                    .rows
                    .iter()
                    .filter(|r| r.level == 0)
                    .map(|r| kr(r.cells.get(column)))
                    .collect();
                prop_assert_eq!(amount_sum(&parts), kr(total.cells.get(column)));
            }
            for other in ["budget.by_account_group", "budget.by_verksamhet"] {
                let other_total = table(&report, other).and_then(|t| t.total.clone());
                prop_assert_eq!(other_total.as_ref(), Some(total));
            }
        }
    }
}
