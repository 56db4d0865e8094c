//! Charts as inline SVG: line charts and grouped bar charts with axes,
//! Swedish-formatted ticks, a legend and target lines.
//!
//! | Part | Drawn as |
//! |---|---|
//! | [`SeriesStyle::Solid`] | a solid line with points, or filled bars |
//! | [`SeriesStyle::Dashed`] | a dashed line with points, or lighter bars with an outline |
//! | [`SeriesStyle::Target`] | a red dashed line without points, also over bars |
//! | missing values (`None`) | a gap in the line; no bar |
//! | y axis | 4–8 "nice" ticks (1, 2 or 5 × 10ⁿ), labels with decimal comma and space thousands |
//!
//! The SVG is meant to be inlined in HTML, so it carries no `xmlns`.
//! Every chart has a `viewBox` **and** an explicit `width` and `height`, so
//! it has a size even where CSS does not give it one. Coordinates are
//! computed in `f64`: they are pixels, not money; the values printed on the
//! axis are exact decimals.

use core::fmt::Write as _;

use namnd_core::{Decimal, Rounding};
use rust_decimal::prelude::ToPrimitive;

use crate::Result;
use crate::model::{Chart, ChartKind, SeriesStyle};
use crate::render::display::format_number;
use crate::render::html::escape;

/// The chart's width in pixels.
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, svg::{WIDTH, chart_svg}};
/// use namnd_report::model::{Block, SectionBody};
/// let report = example_report()?;
/// let chart = report.sections.iter().find_map(|s| match &s.body {
///     SectionBody::Available { blocks } => blocks.iter().find_map(|b| match b { Block::Chart(c) => Some(c.clone()), _ => None }),
///     SectionBody::Unavailable { .. } => None,
/// }).ok_or("no chart")?;
/// assert!(chart_svg(&chart)?.contains(&format!("viewBox=\"0 0 {WIDTH} ")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const WIDTH: u32 = 720;

const PLOT_HEIGHT: f64 = 240.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const X_LABELS: f64 = 26.0;
const LEGEND_ROW: f64 = 22.0;
const TARGET_COLOUR: &str = "#b3261e";
const PALETTE: [&str; 6] = [
    "#1f5fa8", "#e08a00", "#2a8f5a", "#7b4fa0", "#5f6b7a", "#0f8a8a",
];

/// The chart as an `<svg>` element.
///
/// # Errors
/// [`crate::ReportError::Core`] only if a tick label cannot be formatted
/// (never with the ticks this function chooses).
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Chart, ChartKind, Series, SeriesStyle};
/// use namnd_report::render::svg::chart_svg;
///
/// let chart = Chart {
///     id: "c".into(), title: "Nöjda".into(), kind: ChartKind::Line,
///     x_labels: vec!["2025".into(), "2026".into()],
///     series: vec![Series { name: "Utfall".into(), style: SeriesStyle::Solid, values: vec![Some(Decimal::from(86)), Some(Decimal::from(87))] }],
///     unit: "%".into(),
/// };
/// let svg = chart_svg(&chart)?;
/// assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 720 "));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn chart_svg(chart: &Chart) -> Result<String> {
    let legend = legend_layout(chart);
    let legend_rows = legend.iter().map(|(row, _, _)| *row + 1).max().unwrap_or(0);
    let legend_top = TOP + PLOT_HEIGHT + X_LABELS + 8.0;
    let height = legend_top + LEGEND_ROW * f64::from(legend_rows) + 6.0;
    let width = f64::from(WIDTH);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" role=\"img\" \
         viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" \
         aria-label=\"{}\" data-chart-id=\"{}\"><title>{}</title>",
        escape(&chart.title),
        escape(&chart.id),
        escape(&chart.title)
    );
    let values: Vec<Decimal> = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let plot_bottom = TOP + PLOT_HEIGHT;
    let plot_w = width - LEFT - RIGHT;
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" class=\"unit\">{}</text>",
        LEFT - 8.0,
        TOP - 12.0,
        escape(&chart.unit)
    );
    if values.is_empty() || chart.x_labels.is_empty() {
        let _ = write!(
            s,
            "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w:.1}\" height=\"{PLOT_HEIGHT}\" fill=\"none\" stroke=\"#ccc\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">Inga värden</text></svg>",
            LEFT + plot_w / 2.0,
            TOP + PLOT_HEIGHT / 2.0
        );
        return Ok(s);
    }
    let with_zero = chart.kind == ChartKind::Bar;
    let ticks = nice_ticks(&values, with_zero);
    let lo = ticks.first().copied().unwrap_or(Decimal::ZERO);
    let hi = ticks.last().copied().unwrap_or(Decimal::ONE);
    let lo_f = lo.to_f64().unwrap_or(0.0);
    let hi_f = hi.to_f64().unwrap_or(1.0);
    let span = if hi_f > lo_f { hi_f - lo_f } else { 1.0 };
    let y = |v: Decimal| -> f64 {
        let f = v.to_f64().unwrap_or(0.0);
        plot_bottom - (f - lo_f) / span * PLOT_HEIGHT
    };
    let tick_decimals = ticks
        .iter()
        .map(|t| t.normalize().scale())
        .max()
        .unwrap_or(0);

    // Grid and y axis.
    s.push_str("<g class=\"grid\">");
    for tick in &ticks {
        let ty = y(*tick);
        let class = if tick.is_zero() { "zero" } else { "tick" };
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            ty + 4.0,
            escape(&format_number(
                *tick,
                tick_decimals,
                Rounding::HalfAwayFromZero
            )?)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{TOP}\" y2=\"{plot_bottom:.1}\"/></g>"
    );

    // X labels.
    let n = chart.x_labels.len();
    let band = plot_w / n.to_f64().unwrap_or(1.0);
    let x_at = |i: usize| LEFT + band * (i.to_f64().unwrap_or(0.0) + 0.5);
    let every = n.div_ceil(12).max(1);
    s.push_str("<g class=\"xlabels\">");
    for (i, label) in chart.x_labels.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x_at(i),
                plot_bottom + 18.0,
                escape(label)
            );
        }
    }
    s.push_str("</g>");

    // Bars (non-target series of a bar chart).
    if chart.kind == ChartKind::Bar {
        let bar_series: Vec<(usize, &crate::model::Series)> = chart
            .series
            .iter()
            .enumerate()
            .filter(|(_, s)| s.style != SeriesStyle::Target)
            .collect();
        let count = bar_series.len().max(1).to_f64().unwrap_or(1.0);
        let group = band * 0.8;
        let bar_w = group / count;
        let zero_y = y(Decimal::ZERO.clamp(lo, hi));
        s.push_str("<g class=\"bars\">");
        for (k, (index, series)) in bar_series.iter().enumerate() {
            let colour = colour_of(*index);
            let (fill_opacity, outline) = match series.style {
                SeriesStyle::Dashed => ("0.45", " stroke-dasharray=\"4 2\""),
                _ => ("1", ""),
            };
            for (i, v) in series.values.iter().enumerate().take(n) {
                let Some(v) = v else { continue };
                let vy = y(*v);
                let (top, h) = if vy < zero_y {
                    (vy, zero_y - vy)
                } else {
                    (zero_y, vy - zero_y)
                };
                let x = x_at(i) - group / 2.0 + bar_w * k.to_f64().unwrap_or(0.0);
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\" \
                     fill-opacity=\"{fill_opacity}\" stroke=\"{colour}\"{outline}><title>{}: {}</title></rect>",
                    (bar_w - 2.0).max(1.0),
                    h.max(0.5),
                    escape(&series.name),
                    escape(&point_text(chart, *v)?)
                );
            }
        }
        s.push_str("</g>");
    }

    // Lines: every series of a line chart, target series of a bar chart.
    s.push_str("<g class=\"lines\">");
    for (index, series) in chart.series.iter().enumerate() {
        if chart.kind == ChartKind::Bar && series.style != SeriesStyle::Target {
            continue;
        }
        let (colour, dash, width, points) = line_style(series.style, index);
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        for (i, v) in series.values.iter().enumerate().take(n) {
            match v {
                Some(v) => run.push((x_at(i), y(*v))),
                None => {
                    if !run.is_empty() {
                        runs.push(core::mem::take(&mut run));
                    }
                }
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for run in &runs {
            let pts: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = write!(
                s,
                "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} points=\"{}\"/>",
                pts.join(" ")
            );
        }
        if points {
            for (i, v) in series.values.iter().enumerate().take(n) {
                let Some(v) = v else { continue };
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{}, {}: {}</title></circle>",
                    x_at(i),
                    y(*v),
                    escape(&series.name),
                    escape(chart.x_labels.get(i).map_or("", String::as_str)),
                    escape(&point_text(chart, *v)?)
                );
            }
        }
    }
    s.push_str("</g>");

    // Legend.
    s.push_str("<g class=\"legend\">");
    for (row, x, index) in &legend {
        let Some(series) = chart.series.get(*index) else {
            continue;
        };
        let ly = legend_top + LEGEND_ROW * f64::from(*row) + 10.0;
        if chart.kind == ChartKind::Bar && series.style != SeriesStyle::Target {
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"18\" height=\"10\" fill=\"{}\"/>",
                ly - 5.0,
                colour_of(*index)
            );
        } else {
            let (colour, dash, width, _) = line_style(series.style, *index);
            let _ = write!(
                s,
                "<line x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
                x + 18.0
            );
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 24.0,
            ly + 4.0,
            escape(&series.name)
        );
    }
    s.push_str("</g></svg>");
    Ok(s)
}

fn colour_of(index: usize) -> &'static str {
    PALETTE
        .get(index % PALETTE.len())
        .copied()
        .unwrap_or("#1f5fa8")
}

/// Colour, dash attribute, stroke width, and whether points are drawn.
fn line_style(
    style: SeriesStyle,
    index: usize,
) -> (&'static str, &'static str, &'static str, bool) {
    match style {
        SeriesStyle::Solid => (colour_of(index), "", "2.5", true),
        SeriesStyle::Dashed => (colour_of(index), " stroke-dasharray=\"6 4\"", "2", true),
        SeriesStyle::Target => (TARGET_COLOUR, " stroke-dasharray=\"10 4\"", "2", false),
    }
}

fn point_text(chart: &Chart, value: Decimal) -> Result<String> {
    let text = crate::render::display::format_chart_value(chart, value)?;
    Ok(if chart.unit.is_empty() {
        text
    } else {
        format!("{text}\u{a0}{}", chart.unit)
    })
}

/// Legend entries as (row, x, series index), wrapping at the chart width.
fn legend_layout(chart: &Chart) -> Vec<(u32, f64, usize)> {
    let mut out = Vec::new();
    let mut row = 0u32;
    let mut x = LEFT;
    let max_x = f64::from(WIDTH) - RIGHT;
    for (index, series) in chart.series.iter().enumerate() {
        let chars = series.name.chars().count().to_f64().unwrap_or(0.0);
        let w = 24.0 + chars * 7.0 + 18.0;
        if x + w > max_x && x > LEFT {
            row += 1;
            x = LEFT;
        }
        out.push((row, x, index));
        x += w;
    }
    out
}

/// "Nice" axis ticks covering the values: a step of 1, 2 or 5 × 10ⁿ, and
/// at most about 8 ticks. With `with_zero` the range includes zero.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::render::svg::nice_ticks;
/// let ticks = nice_ticks(&[Decimal::from(84), Decimal::from(90)], false);
/// assert_eq!(ticks.first(), Some(&Decimal::from(84)));
/// assert_eq!(ticks.last(), Some(&Decimal::from(90)));
/// ```
pub fn nice_ticks(values: &[Decimal], with_zero: bool) -> Vec<Decimal> {
    let mut lo = values.iter().copied().min().unwrap_or(Decimal::ZERO);
    let mut hi = values.iter().copied().max().unwrap_or(Decimal::ONE);
    if with_zero {
        lo = lo.min(Decimal::ZERO);
        hi = hi.max(Decimal::ZERO);
    }
    if lo == hi {
        let pad = if lo.is_zero() {
            Decimal::ONE
        } else {
            lo.abs() / Decimal::TEN
        };
        lo = lo.checked_sub(pad).unwrap_or(lo);
        hi = hi.checked_add(pad).unwrap_or(hi);
    }
    let range = hi
        .checked_sub(lo)
        .unwrap_or(Decimal::ONE)
        .to_f64()
        .unwrap_or(1.0);
    let raw = range / 5.0;
    let exponent = raw.log10().floor();
    let magnitude = 10f64.powf(exponent);
    let mantissa = if raw / magnitude <= 1.0 {
        1
    } else if raw / magnitude <= 2.0 {
        2
    } else if raw / magnitude <= 5.0 {
        5
    } else {
        10
    };
    let step = decimal_step(mantissa, exponent);
    let Some(step) = step.filter(|s| !s.is_zero()) else {
        return vec![lo, hi];
    };
    let start = lo
        .checked_div(step)
        .map(|q| q.floor())
        .and_then(|q| q.checked_mul(step))
        .unwrap_or(lo);
    let mut ticks = Vec::new();
    let mut t = start;
    while ticks.len() < 20 {
        ticks.push(t);
        if t >= hi {
            break;
        }
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    ticks
}

/// `mantissa × 10^exponent` as an exact decimal.
fn decimal_step(mantissa: i64, exponent: f64) -> Option<Decimal> {
    let e = exponent.to_i32()?;
    if e >= 0 {
        let pow = 10i64.checked_pow(u32::try_from(e).ok()?)?;
        Decimal::from(mantissa).checked_mul(Decimal::from(pow))
    } else {
        let scale = u32::try_from(e.checked_neg()?).ok()?;
        (scale <= 28).then(|| Decimal::new(mantissa, scale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Series;

    fn chart(kind: ChartKind, values: Vec<Option<i64>>) -> Chart {
        Chart {
            id: "c".into(),
            title: "Diagram <script>".into(),
            kind,
            x_labels: (1..=values.len()).map(|i| format!("m{i}")).collect(),
            series: vec![
                Series {
                    name: "Utfall".into(),
                    style: SeriesStyle::Solid,
                    values: values.iter().map(|v| v.map(Decimal::from)).collect(),
                },
                Series {
                    name: "Mål".into(),
                    style: SeriesStyle::Target,
                    values: values.iter().map(|_| Some(Decimal::from(50))).collect(),
                },
            ],
            unit: "tkr".into(),
        }
    }

    #[test]
    fn every_chart_has_a_viewbox_and_explicit_size() {
        for kind in [ChartKind::Line, ChartKind::Bar] {
            let svg = chart_svg(&chart(kind, vec![Some(10), Some(-20), Some(70)])).unwrap();
            assert!(svg.contains("viewBox=\"0 0 720 "));
            assert!(svg.contains(" width=\"720\" height=\""));
            assert!(!svg.contains("height=\"0\""));
        }
    }

    #[test]
    fn ticks_are_swedish_formatted() {
        let svg = chart_svg(&chart(ChartKind::Line, vec![Some(-12_000), Some(3_500)])).unwrap();
        assert!(svg.contains(">\u{2212}10\u{a0}000</text>"), "{svg}");
        assert!(svg.contains(">5\u{a0}000</text>"), "{svg}");
    }

    #[test]
    fn target_series_is_a_line_even_in_a_bar_chart() {
        let svg = chart_svg(&chart(ChartKind::Bar, vec![Some(10), Some(60)])).unwrap();
        assert_eq!(svg.matches("<rect x=").count(), 2 + 1); // two bars, one legend swatch
        assert!(svg.contains(&format!("stroke=\"{TARGET_COLOUR}\"")));
    }

    #[test]
    fn a_missing_value_breaks_the_line() {
        let svg = chart_svg(&chart(
            ChartKind::Line,
            vec![Some(1), Some(2), None, Some(3), Some(4)],
        ))
        .unwrap();
        // Two runs for the main series plus one for the target.
        assert_eq!(svg.matches("<polyline").count(), 3);
    }

    #[test]
    fn text_is_escaped() {
        let svg = chart_svg(&chart(ChartKind::Line, vec![Some(1)])).unwrap();
        assert!(svg.contains("Diagram &lt;script&gt;"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn a_chart_without_values_still_has_a_size() {
        let svg = chart_svg(&chart(ChartKind::Line, vec![])).unwrap();
        assert!(svg.contains("Inga värden"));
        assert!(svg.contains(" width=\"720\""));
    }

    #[test]
    fn ticks_cover_the_values_with_a_nice_step() {
        let ticks = nice_ticks(&[Decimal::new(-35, 1), Decimal::new(87, 1)], false);
        assert_eq!(ticks.first(), Some(&Decimal::from(-5)));
        assert_eq!(ticks.last(), Some(&Decimal::from(10)));
        let bar = nice_ticks(&[Decimal::from(15), Decimal::from(17)], true);
        assert_eq!(bar.first(), Some(&Decimal::ZERO));
    }

    proptest::proptest! {
        #[test]
        fn ticks_always_cover_every_value(values in proptest::collection::vec(-10_000_000i64..10_000_000, 1..20), zero: bool) {
            let values: Vec<Decimal> = values.into_iter().map(Decimal::from).collect();
            let ticks = nice_ticks(&values, zero);
            let lo = ticks.first().copied().unwrap();
            let hi = ticks.last().copied().unwrap();
            for v in &values {
                proptest::prop_assert!(lo <= *v && *v <= hi);
            }
            proptest::prop_assert!(ticks.len() <= 20);
        }
    }
}
