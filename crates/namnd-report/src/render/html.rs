//! The report as one self-contained HTML file.
//!
//! | Part | HTML |
//! |---|---|
//! | styles | one inline `<style>`: system fonts, tabular figures, `@media print` with page breaks before sections and tables kept whole |
//! | section | `<section id="avsnitt-ID">` with `<h2>`; an unavailable section is a `<p class="unavailable">` with the reason |
//! | key figures | `<dl class="key-figures">`, one `<div data-id="…">` per figure |
//! | table | `<table>` with caption and unit, numbers right-aligned, total in `<tfoot>`, notes under it |
//! | status | a coloured cell (green/yellow/red/grey) **and** its label as text |
//! | chart | inline SVG from [`crate::render::svg`] in a `<figure>` |
//!
//! The file makes **no external requests**: no fonts, stylesheets, scripts
//! or images from elsewhere, and no `<script>` at all. All text from the
//! model is escaped with [`escape`].

use core::fmt::Write as _;

use crate::Result;
use crate::model::{Block, KeyFigure, Report, SectionBody, StatusColour, Table};
use crate::render::display::{
    DisplayCell, DisplayKind, DisplayRow, display_key_figure, display_table,
};
use crate::render::svg::chart_svg;

const CSS: &str = r#"
:root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --head: #eef1f5;
  --green: #cfe8d5; --green-ink: #1e5b2e; --yellow: #fbefc4; --yellow-ink: #6b5300;
  --red: #f6d2cf; --red-ink: #8a1c13; --grey: #e3e5e8; --grey-ink: #474d56; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 68rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 1rem; }
nav.toc ol { margin: .5rem 0 1rem; padding-left: 1.25rem; columns: 2; }
.key-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.key-figures div { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: #fafbfc; }
.key-figures dt { font-size: .85rem; color: var(--muted); }
.key-figures dd { margin: .15rem 0 0; font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
figure { margin: 1.25rem 0; }
figure.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
caption .unit, figcaption .unit { font-weight: normal; color: var(--muted); }
th, td { padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--head); text-align: left; font-weight: 600; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
thead th { vertical-align: bottom; }
tbody th { min-width: 10rem; }
td.text { min-width: 12rem; }
tbody th { text-align: left; font-weight: normal; }
tbody th.level-1 { padding-left: 1.5rem; font-style: italic; }
tbody th.level-2 { padding-left: 2.5rem; font-style: italic; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: none; }
tfoot th { text-align: left; }
td.status { min-width: 7rem; }
td.status::before { content: ""; display: inline-block; width: .7em; height: .7em; border-radius: 50%; margin-right: .4em; vertical-align: baseline; }
td.status-green { background: var(--green); color: var(--green-ink); }
td.status-green::before { background: var(--green-ink); }
td.status-yellow { background: var(--yellow); color: var(--yellow-ink); }
td.status-yellow::before { background: var(--yellow-ink); }
td.status-red { background: var(--red); color: var(--red-ink); }
td.status-red::before { background: var(--red-ink); }
td.status-grey { background: var(--grey); color: var(--grey-ink); }
td.status-grey::before { background: var(--grey-ink); }
.note { font-size: .85rem; color: var(--muted); margin: .35rem 0 0; }
.unavailable { border-left: 4px solid var(--red-ink); background: #fdf3f2; padding: .6rem .8rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .4rem; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; font-family: inherit; }
svg.chart text { fill: var(--ink); }
svg.chart .unit { fill: var(--muted); }
svg.chart line.tick { stroke: #e4e7ec; }
svg.chart line.zero, svg.chart line.axis { stroke: #8a929e; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { display: none; }
  section.report-section { break-before: page; page-break-before: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, .key-figures { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  svg.chart { max-width: 100%; }
  figure.table { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: .2rem .3rem; }
}
"#;

/// The report as a self-contained HTML document.
///
/// # Errors
/// [`crate::ReportError::Core`] if a table asks for more than 28 decimals.
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, html::to_html};
/// let html = to_html(&example_report()?)?;
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<svg class=\"chart\""));
/// assert!(!html.contains("<script"));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn to_html(report: &Report) -> Result<String> {
    let meta = &report.meta;
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>{} – {} {}</title>",
        escape(&meta.title),
        escape(&meta.committee),
        escape(&meta.municipality)
    );
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} · {} · räkenskapsår {} · utfall till och med {}</p>\n</header>",
        escape(&meta.title),
        escape(&meta.municipality),
        escape(&meta.committee),
        meta.fiscal_year,
        escape(&meta.as_of.to_swedish())
    );
    if report.sections.len() > 1 {
        out.push_str("<nav class=\"toc\" aria-label=\"Innehåll\"><ol>");
        for section in &report.sections {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                section_anchor(&section.id),
                escape(&section.title)
            );
        }
        out.push_str("</ol></nav>\n");
    }
    out.push_str("<main>\n");
    for section in &report.sections {
        let _ = writeln!(
            out,
            "<section class=\"report-section\" id=\"{}\">\n<h2>{}</h2>",
            section_anchor(&section.id),
            escape(&section.title)
        );
        match &section.body {
            SectionBody::Unavailable { reason } => {
                let _ = writeln!(
                    out,
                    "<p class=\"unavailable\">Avsnittet kunde inte tas fram: {}</p>",
                    escape(reason)
                );
            }
            SectionBody::Available { blocks } => {
                for block in blocks {
                    block_html(&mut out, block)?;
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer>{} · {} · {}. Belopp i tabellerna avrundas var för sig från oavrundade värden.</footer>",
        escape(&meta.municipality),
        escape(&meta.committee),
        escape(&meta.title)
    );
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// The `id` of a section's element: `avsnitt-` and the section id with
/// anything but ASCII letters, digits, `-` and `_` replaced by `-`.
fn section_anchor(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("avsnitt-{clean}")
}

fn block_html(out: &mut String, block: &Block) -> Result<()> {
    match block {
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::KeyFigures(figures) => key_figures_html(out, figures)?,
        Block::Table(table) => table_html(out, table)?,
        Block::Chart(chart) => {
            let _ = writeln!(
                out,
                "<figure class=\"chart\" id=\"diagram-{}\"><figcaption>{} <span class=\"unit\">({})</span></figcaption>\n{}\n</figure>",
                escape(&chart.id).replace('.', "-"),
                escape(&chart.title),
                escape(&chart.unit),
                chart_svg(chart)?
            );
        }
    }
    Ok(())
}

fn key_figures_html(out: &mut String, figures: &[KeyFigure]) -> Result<()> {
    out.push_str("<dl class=\"key-figures\">\n");
    for figure in figures {
        let shown = display_key_figure(figure)?;
        let _ = writeln!(
            out,
            "<div data-id=\"{}\"><dt>{}</dt><dd>{}</dd></div>",
            escape(&figure.id),
            escape(&figure.label),
            escape(&shown.text)
        );
    }
    out.push_str("</dl>\n");
    Ok(())
}

fn table_html(out: &mut String, table: &Table) -> Result<()> {
    let shown = display_table(table)?;
    let numeric: Vec<bool> = (0..shown.columns.len())
        .map(|col| {
            shown
                .rows
                .iter()
                .chain(shown.total.iter())
                .filter_map(|r| r.cells.get(col))
                .any(DisplayCell::is_right_aligned)
        })
        .collect();
    let _ = write!(
        out,
        "<figure class=\"table\" data-table-id=\"{}\">\n<table>\n<caption>{}",
        escape(&shown.id),
        escape(&shown.title)
    );
    if shown.has_amounts() {
        let _ = write!(
            out,
            " <span class=\"unit\">({})</span>",
            shown.unit.symbol()
        );
    }
    out.push_str("</caption>\n<thead><tr><th scope=\"col\"></th>");
    for (col, heading) in shown.columns.iter().enumerate() {
        let class = if numeric.get(col).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", escape(heading));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &shown.rows {
        row_html(out, row);
    }
    out.push_str("</tbody>\n");
    if let Some(total) = &shown.total {
        out.push_str("<tfoot>\n");
        row_html(out, total);
        out.push_str("</tfoot>\n");
    }
    out.push_str("</table>\n");
    for note in &shown.notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    out.push_str("</figure>\n");
    Ok(())
}

fn row_html(out: &mut String, row: &DisplayRow) {
    let level = if row.level > 0 {
        format!(" class=\"level-{}\"", row.level.min(2))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<tr><th scope=\"row\"{level}>{}</th>",
        escape(&row.label)
    );
    for cell in &row.cells {
        let class = match cell.kind {
            DisplayKind::Status(colour) => {
                format!(" class=\"status status-{}\"", colour_name(colour))
            }
            _ if cell.is_right_aligned() => " class=\"num\"".to_owned(),
            DisplayKind::Text if cell.text.chars().count() > 40 => " class=\"text\"".to_owned(),
            _ => String::new(),
        };
        let _ = write!(out, "<td{class}>{}</td>", escape(&cell.text));
    }
    out.push_str("</tr>\n");
}

/// The CSS name of a status colour.
fn colour_name(colour: StatusColour) -> &'static str {
    match colour {
        StatusColour::Green => "green",
        StatusColour::Yellow => "yellow",
        StatusColour::Red => "red",
        StatusColour::Grey => "grey",
    }
}

/// Escapes text for HTML element content and attribute values (`&`, `<`,
/// `>`, `"`, `'`).
///
/// # Example
/// ```
/// use namnd_report::render::html::escape;
/// assert_eq!(escape("<script>alert('x & \"y\"')</script>"),
///            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Row};
    use crate::render::example::example_report;

    fn html() -> String {
        to_html(&example_report().unwrap()).unwrap()
    }

    #[test]
    fn makes_no_external_requests() {
        let html = html();
        assert!(!html.contains("http://"));
        assert!(!html.contains("https://"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<link"));
        assert!(!html.contains("@import"));
        assert!(!html.contains("url("));
        assert!(!html.contains("src="));
    }

    #[test]
    fn print_styles_break_pages_before_sections_and_keep_tables_whole() {
        let html = html();
        assert!(html.contains("@media print"));
        assert!(html.contains("section.report-section { break-before: page;"));
        assert!(html.contains("tr { break-inside: avoid;"));
        assert!(html.contains("thead { display: table-header-group; }"));
    }

    #[test]
    fn every_chart_is_inline_svg_with_a_size() {
        let html = html();
        assert_eq!(html.matches("<svg class=\"chart\"").count(), 4);
        assert_eq!(html.matches(" width=\"720\" height=\"").count(), 4);
    }

    #[test]
    fn status_cells_are_coloured_and_keep_their_label() {
        let html = html();
        assert!(html.contains("<td class=\"status status-yellow\">Delvis uppnått</td>"));
        assert!(html.contains("<td class=\"status status-green\">Uppnått</td>"));
        assert!(html.contains("<td class=\"status status-red\">Ej uppnått</td>"));
        assert!(html.contains("<td class=\"status status-grey\">Ej bedömbar</td>"));
    }

    #[test]
    fn numbers_are_right_aligned_and_the_total_is_in_the_footer() {
        let html = html();
        assert!(html.contains(
            "<th scope=\"row\">Äldreomsorg</th><td class=\"num\">\u{2212}263\u{a0}094</td>"
        ));
        assert!(html.contains(
            "<tfoot>\n<tr><th scope=\"row\">Summa</th><td class=\"num\">\u{2212}359\u{a0}795</td>"
        ));
        assert!(html.contains("<td class=\"num\">..</td>"));
    }

    #[test]
    fn key_figures_and_notes_are_shown() {
        let html = html();
        assert!(html.contains("<div data-id=\"forecast_variance\"><dt>Prognos avvikelse helår</dt><dd>\u{2212}6\u{a0}841\u{a0}tkr</dd></div>"));
        assert!(html.contains(
            "<p class=\"note\">Summorna är avrundade var för sig; i kolumnen Budget helår"
        ));
    }

    #[test]
    fn unavailable_sections_give_their_reason_escaped() {
        assert!(html().contains("<p class=\"unavailable\">Avsnittet kunde inte tas fram: lex_sarah.csv rad 14, kolumn datum: &quot;31/13&quot; är inget datum</p>"));
    }

    #[test]
    fn a_script_tag_in_a_label_is_escaped() {
        let mut report = example_report().unwrap();
        report.meta.title = "<script>alert(1)</script>".into();
        if let Some(SectionBody::Available { blocks }) =
            report.sections.get_mut(1).map(|s| &mut s.body)
            && let Some(Block::Table(t)) = blocks.first_mut()
        {
            t.rows.push(Row {
                label: "<script>alert(2)</script>".into(),
                level: 0,
                cells: vec![Cell::Text("<img src=x onerror=alert(3)>".into())],
            });
            t.columns.push("<b>\"x\"</b>".into());
        }
        let html = to_html(&report).unwrap();
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
    }

    #[test]
    fn section_ids_become_safe_anchors() {
        assert_eq!(
            section_anchor("internal_control"),
            "avsnitt-internal_control"
        );
        assert_eq!(section_anchor("a\"b c"), "avsnitt-a-b-c");
    }
}
