//! The report as Markdown (GitHub-flavoured pipe tables).
//!
//! | Model | Markdown |
//! |---|---|
//! | title and meta | `# Title` and a line with municipality, committee, year and month |
//! | section | `## Title`; an unavailable section says *Avsnittet kunde inte tas fram: reason* |
//! | paragraph | a paragraph |
//! | key figures | a list `- Label: **value**` |
//! | table | bold caption with unit, pipe table with numbers right-aligned, total row in bold, notes |
//! | chart | a small table of its values (x labels down, series across), or a note when it is too large |
//!
//! Text from the model is escaped so that it cannot break a table, inject
//! HTML or turn into Markdown syntax: `|` → `\|`, `<` → `&lt;`, `>` →
//! `&gt;`, `&` → `&amp;`, newlines → spaces, a backslash before `*`, `_`,
//! `` ` ``, `[`, `]` and `\`, and before a leading `#`, `-`, `+` or the `.`
//! of a leading `1.` (see [`escape`]).

use core::fmt::Write as _;

use crate::Result;
use crate::model::{Block, Chart, KeyFigure, Report, SectionBody, Table};
use crate::render::display::{DisplayRow, display_key_figure, display_table, format_chart_value};

/// A chart with more x labels than this is not written out as a table.
///
/// # Example
/// ```
/// use namnd_report::model::{Block, Chart, ChartKind, Report, ReportMeta, Section};
/// use namnd_report::render::markdown::{MAX_CHART_ROWS, to_markdown};
/// let chart = Chart { id: "c".into(), title: "Dagligen".into(), kind: ChartKind::Line, x_labels: (0..=MAX_CHART_ROWS).map(|d| d.to_string()).collect(), series: vec![], unit: "st".into() };
/// let report = Report { meta: ReportMeta::example()?, sections: vec![Section::available("s", "S", vec![Block::Chart(chart)])] };
/// assert!(to_markdown(&report)?.contains("har för många värden"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_CHART_ROWS: usize = 24;

/// A chart with more series than this is not written out as a table.
///
/// # Example
/// ```
/// use namnd_report::model::{Block, Chart, ChartKind, Report, ReportMeta, Section, Series, SeriesStyle};
/// use namnd_report::render::markdown::{MAX_CHART_SERIES, to_markdown};
/// let series = (0..=MAX_CHART_SERIES).map(|i| Series { name: format!("S{i}"), style: SeriesStyle::Solid, values: vec![None] }).collect();
/// let chart = Chart { id: "c".into(), title: "Många".into(), kind: ChartKind::Line, x_labels: vec!["2026".into()], series, unit: "st".into() };
/// let report = Report { meta: ReportMeta::example()?, sections: vec![Section::available("s", "S", vec![Block::Chart(chart)])] };
/// assert!(to_markdown(&report)?.contains("har för många värden"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_CHART_SERIES: usize = 8;

/// The report as Markdown.
///
/// # Errors
/// [`crate::ReportError::Core`] if a table asks for more than 28 decimals.
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, markdown::to_markdown};
/// let md = to_markdown(&example_report()?)?;
/// assert!(md.starts_with("# Månadsrapport augusti 2026"));
/// assert!(md.contains("| Äldreomsorg | \u{2212}263\u{a0}094 |"));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn to_markdown(report: &Report) -> Result<String> {
    let meta = &report.meta;
    let mut out = String::new();
    line(&mut out, &format!("# {}", escape(&meta.title)));
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "{} · {} · räkenskapsår {} · utfall till och med {}",
            escape(&meta.municipality),
            escape(&meta.committee),
            meta.fiscal_year,
            meta.as_of.to_swedish()
        ),
    );
    for section in &report.sections {
        line(&mut out, "");
        line(&mut out, &format!("## {}", escape(&section.title)));
        match &section.body {
            SectionBody::Unavailable { reason } => {
                line(&mut out, "");
                line(
                    &mut out,
                    &format!("*Avsnittet kunde inte tas fram: {}*", escape(reason)),
                );
            }
            SectionBody::Available { blocks } => {
                for block in blocks {
                    line(&mut out, "");
                    block_markdown(&mut out, block)?;
                }
            }
        }
    }
    Ok(out)
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn block_markdown(out: &mut String, block: &Block) -> Result<()> {
    match block {
        Block::Paragraph(text) => line(out, &escape(text)),
        Block::KeyFigures(figures) => key_figures(out, figures)?,
        Block::Table(table) => table_markdown(out, table)?,
        Block::Chart(chart) => chart_markdown(out, chart)?,
    }
    Ok(())
}

fn key_figures(out: &mut String, figures: &[KeyFigure]) -> Result<()> {
    for figure in figures {
        let shown = display_key_figure(figure)?;
        line(
            out,
            &format!("- {}: **{}**", escape(&figure.label), escape(&shown.text)),
        );
    }
    Ok(())
}

fn table_markdown(out: &mut String, table: &Table) -> Result<()> {
    let shown = display_table(table)?;
    let caption = if shown.has_amounts() {
        format!("**{}** ({})", escape(&shown.title), shown.unit.symbol())
    } else {
        format!("**{}**", escape(&shown.title))
    };
    line(out, &caption);
    line(out, "");
    let mut header = String::from("| |");
    let mut rule = String::from("|---|");
    for (col, heading) in shown.columns.iter().enumerate() {
        let _ = write!(header, " {} |", escape(heading));
        rule.push_str(
            if column_is_numeric(&shown.rows, shown.total.as_ref(), col) {
                "---:|"
            } else {
                "---|"
            },
        );
    }
    line(out, &header);
    line(out, &rule);
    for row in &shown.rows {
        line(out, &row_markdown(row, false));
    }
    if let Some(total) = &shown.total {
        line(out, &row_markdown(total, true));
    }
    for note in &shown.notes {
        line(out, "");
        line(out, &format!("*{}*", escape(note)));
    }
    Ok(())
}

/// A column is right-aligned when any of its cells is right-aligned.
fn column_is_numeric(rows: &[DisplayRow], total: Option<&DisplayRow>, col: usize) -> bool {
    rows.iter()
        .chain(total)
        .filter_map(|r| r.cells.get(col))
        .any(|c| c.is_right_aligned())
}

fn row_markdown(row: &DisplayRow, bold: bool) -> String {
    let indent = "\u{a0}\u{a0}".repeat(usize::from(row.level));
    let wrap = |text: &str| {
        if bold && !text.is_empty() {
            format!("**{text}**")
        } else {
            text.to_owned()
        }
    };
    let mut s = format!("| {indent}{} |", wrap(&escape(&row.label)));
    for cell in &row.cells {
        let _ = write!(s, " {} |", wrap(&escape(&cell.text)));
    }
    s
}

fn chart_markdown(out: &mut String, chart: &Chart) -> Result<()> {
    if chart.x_labels.len() > MAX_CHART_ROWS || chart.series.len() > MAX_CHART_SERIES {
        line(
            out,
            &format!(
                "*Diagrammet {} har för många värden för en tabell här; se HTML-rapporten.*",
                escape(&chart.title)
            ),
        );
        return Ok(());
    }
    if chart.series.is_empty() || chart.x_labels.is_empty() {
        line(
            out,
            &format!("*Diagrammet {} har inga värden.*", escape(&chart.title)),
        );
        return Ok(());
    }
    line(
        out,
        &format!(
            "**Diagram: {}** ({})",
            escape(&chart.title),
            escape(&chart.unit)
        ),
    );
    line(out, "");
    let mut header = String::from("| |");
    let mut rule = String::from("|---|");
    for series in &chart.series {
        let _ = write!(header, " {} |", escape(&series.name));
        rule.push_str("---:|");
    }
    line(out, &header);
    line(out, &rule);
    for (i, label) in chart.x_labels.iter().enumerate() {
        let mut s = format!("| {} |", escape(label));
        for series in &chart.series {
            let text = match series.values.get(i).copied().flatten() {
                Some(v) => format_chart_value(chart, v)?,
                None => String::new(),
            };
            let _ = write!(s, " {text} |");
        }
        line(out, &s);
    }
    Ok(())
}

/// Escapes text for a Markdown table cell or paragraph.
///
/// Besides the characters that break a table or inject HTML, the characters
/// that start emphasis, code or links (`*`, `_`, `` ` ``, `[`, `]`, `\\`)
/// get a backslash, and so does a leading `#`, `-`, `+` or `1.` that would
/// make the text a heading or a list item. (A leading `>` is already
/// `&gt;`, which is not a quote marker.)
///
/// # Example
/// ```
/// use namnd_report::render::markdown::escape;
/// assert_eq!(escape("a|b <script>\nc"), "a\\|b &lt;script&gt; c");
/// assert_eq!(escape("* Värdet avser_2025 [x]"), "\\* Värdet avser\\_2025 \\[x\\]");
/// assert_eq!(escape("12. punkt"), "12\\. punkt");
/// ```
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => s.push_str("\\|"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '&' => s.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            '\r' | '\n' => s.push(' '),
            c => s.push(c),
        }
    }
    escape_line_start(s)
}

/// A backslash before a leading `#`, `-`, `+` or the `.` of a leading
/// number (`1.`), which would otherwise start a heading or a list.
fn escape_line_start(s: String) -> String {
    let trimmed = s.trim_start_matches(' ');
    let lead = s.len().saturating_sub(trimmed.len());
    if trimmed.starts_with(['#', '-', '+']) {
        let (spaces, rest) = s.split_at(lead);
        return format!("{spaces}\\{rest}");
    }
    let digits = trimmed.len().saturating_sub(
        trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len(),
    );
    if digits > 0
        && trimmed
            .get(digits..)
            .is_some_and(|r| r.starts_with(['.', ')']))
    {
        let at = lead.saturating_add(digits);
        if let (Some(head), Some(tail)) = (s.get(..at), s.get(at..)) {
            return format!("{head}\\{tail}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::example::example_report;

    fn md() -> String {
        to_markdown(&example_report().unwrap()).unwrap()
    }

    #[test]
    fn headings_follow_the_sections() {
        let md = md();
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## Sammanfattning",
                "## Ekonomi",
                "## Mål och indikatorer",
                "## Ej verkställda beslut",
                "## Kvalitet och avvikelser"
            ]
        );
        assert!(md.contains(
            "Exempelkommun · Socialnämnden · räkenskapsår 2026 · utfall till och med augusti 2026"
        ));
    }

    #[test]
    fn key_figures_are_a_list_with_units() {
        let md = md();
        assert!(md.contains("- Resultat januari–augusti: **\u{2212}4\u{a0}312\u{a0}tkr**"));
        assert!(md.contains("- Uppnådda mål: **66,7\u{a0}%**"));
        assert!(md.contains("- Ej verkställda beslut: **17**"));
    }

    #[test]
    fn numeric_columns_are_right_aligned_and_the_total_is_bold() {
        let md = md();
        assert!(md.contains("**Ekonomi per verksamhet** (tkr)"));
        assert!(md.contains("| | Budget helår | Utfall jan–aug | Prognos helår | Avvikelse | Avvikelse % |\n|---|---:|---:|---:|---:|---:|"));
        assert!(md.contains("| **Summa** | **\u{2212}359\u{a0}795** |"));
        assert!(md.contains("| \u{a0}\u{a0}varav hemtjänst |"));
    }

    #[test]
    fn rounding_note_is_printed_under_the_table() {
        assert!(md().contains("*Summorna är avrundade var för sig; i kolumnen Budget helår blir delarnas summa \u{2212}359\u{a0}794 mot totalen \u{2212}359\u{a0}795.*"));
    }

    #[test]
    fn status_and_suppressed_cells_show_their_labels() {
        let md = md();
        assert!(md.contains("| Delvis uppnått |"));
        assert!(md.contains("| .. |"));
    }

    #[test]
    fn charts_become_tables_of_their_values() {
        let md = md();
        assert!(md.contains("**Diagram: Nöjda brukare i hemtjänsten** (%)"));
        assert!(md.contains("| 2024 |  | 87,0 | 90,0 |"));
        assert!(md.contains("| 2026 | 87,3 | 88,0 | 90,0 |"));
    }

    #[test]
    fn unavailable_sections_give_their_reason() {
        assert!(md().contains("*Avsnittet kunde inte tas fram: lex\\_sarah.csv rad 14"));
    }

    #[test]
    fn pipes_and_tags_in_labels_cannot_break_the_table() {
        let mut report = example_report().unwrap();
        if let Some(SectionBody::Available { blocks }) =
            report.sections.get_mut(1).map(|s| &mut s.body)
            && let Some(Block::Table(t)) = blocks.first_mut()
            && let Some(r) = t.rows.first_mut()
        {
            r.label = "A|B <script>".into();
        }
        let md = to_markdown(&report).unwrap();
        assert!(md.contains("| A\\|B &lt;script&gt; |"));
        assert!(!md.contains("<script>"));
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(
            escape("**fet** _kursiv_ `kod` [länk](x)"),
            "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kod\\` \\[länk\\](x)"
        );
        assert_eq!(escape("# rubrik"), "\\# rubrik");
        assert_eq!(escape("- punkt"), "\\- punkt");
        assert_eq!(escape("+ punkt"), "\\+ punkt");
        assert_eq!(escape("> citat"), "&gt; citat");
        assert_eq!(escape("3. punkt"), "3\\. punkt");
        assert_eq!(escape("2026 och 3. punkt"), "2026 och 3. punkt");
        assert_eq!(escape("a - b"), "a - b");
        assert_eq!(escape("\u{2212}1\u{a0}234"), "\u{2212}1\u{a0}234");
    }

    #[test]
    fn lagged_value_note_renders_as_one_emphasis() {
        let mut report = example_report().unwrap();
        if let Some(SectionBody::Available { blocks }) =
            report.sections.get_mut(1).map(|s| &mut s.body)
            && let Some(Block::Table(t)) = blocks.first_mut()
        {
            t.notes = vec!["* Värdet avser ett tidigare år.".into()];
        }
        let md = to_markdown(&report).unwrap();
        assert!(
            md.contains("\n*\\* Värdet avser ett tidigare år.*\n"),
            "{md}"
        );
        assert!(!md.contains("** Värdet"));
    }

    #[test]
    fn a_large_chart_is_replaced_by_a_note() {
        let mut report = example_report().unwrap();
        if let Some(SectionBody::Available { blocks }) =
            report.sections.get_mut(1).map(|s| &mut s.body)
            && let Some(Block::Chart(c)) = blocks.get_mut(1)
        {
            c.x_labels = (0..30).map(|i| i.to_string()).collect();
        }
        let md = to_markdown(&report).unwrap();
        assert!(md.contains(
            "*Diagrammet Ackumulerat utfall mot periodiserad budget har för många värden"
        ));
    }
}
