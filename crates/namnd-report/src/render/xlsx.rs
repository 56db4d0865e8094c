//! The report as an Excel workbook (`.xlsx`), written with
//! [`rust_xlsxwriter`] (a well-kept writer of the OOXML format; hand-writing
//! zipped XML would be fragile).
//!
//! | Model | Excel |
//! |---|---|
//! | section | one sheet, named from the title (≤ 31 characters, unique, no `[]:*?/\`) |
//! | unavailable section | its sheet says *Avsnittet kunde inte tas fram: reason* |
//! | paragraph | text in column A |
//! | key figures | label in A, value in B as a real number with its format |
//! | table | caption, a bold header row (frozen for the sheet's first table), rows, bold total, notes under it |
//! | chart | its values as a small table (x labels down, series across) |
//!
//! Numbers are real numbers, not text, and hold the **displayed** (rounded)
//! values of [`crate::render::display`], so the sheet shows the same figures
//! as the other formats and its sums are the sums of what is shown:
//!
//! | Cell | Value written | Number format |
//! |---|---|---|
//! | amount | rounded, in the table's unit | `#,##0` (Swedish Excel shows `# ##0`), decimals as displayed |
//! | percent | the percentage / 100 | `0.0 %` (shown `8,7 %`) |
//! | number | rounded | `#,##0 "dagar"` |
//! | count | the count | `#,##0` |
//! | suppressed | the label as text (`..`), right-aligned | |
//! | status | the label as text on a green/yellow/red/grey fill | |

use std::collections::HashSet;

use namnd_core::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::model::{Block, Chart, KeyFigure, Report, SectionBody, StatusColour, Table};
use crate::render::display::{
    DisplayCell, DisplayKind, chart_decimals, display_key_figure, display_table,
};
use crate::{ReportError, Result};

/// The longest sheet name Excel accepts.
///
/// # Example
/// ```
/// use namnd_report::model::{Report, ReportMeta, Section};
/// use namnd_report::render::xlsx::{MAX_SHEET_NAME, sheet_names};
/// let long = "Kvalitet: lex Sarah, lex Maria, avvikelser och klagomål";
/// let report = Report { meta: ReportMeta::example()?, sections: vec![Section::unavailable("quality", long, "saknas")] };
/// let names = sheet_names(&report);
/// assert!(names.iter().all(|n| n.chars().count() <= MAX_SHEET_NAME));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_SHEET_NAME: usize = 31;

/// The report as the bytes of an `.xlsx` file.
///
/// # Errors
/// [`ReportError::Xlsx`] if the writer fails (naming the sheet), or
/// [`ReportError::Core`] if a table asks for more than 28 decimals.
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, xlsx::to_xlsx};
/// let bytes = to_xlsx(&example_report()?)?;
/// assert!(bytes.starts_with(b"PK"));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn to_xlsx(report: &Report) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let names = sheet_names(report);
    for (section, name) in report.sections.iter().zip(&names) {
        let err = |e: XlsxError| ReportError::Xlsx {
            what: format!("sheet {name:?}"),
            message: e.to_string(),
        };
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).map_err(err)?;
        let mut writer = SheetWriter::new(sheet);
        writer.heading(&section.title, report).map_err(err)?;
        match &section.body {
            SectionBody::Unavailable { reason } => writer
                .text_line(&format!("Avsnittet kunde inte tas fram: {reason}"))
                .map_err(err)?,
            SectionBody::Available { blocks } => {
                for block in blocks {
                    writer.block(block)?;
                }
            }
        }
        writer.finish().map_err(err)?;
    }
    if report.sections.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet
            .write_string(0, 0, &report.meta.title)
            .map_err(|e| ReportError::Xlsx {
                what: "empty report".to_owned(),
                message: e.to_string(),
            })?;
    }
    workbook.save_to_buffer().map_err(|e| ReportError::Xlsx {
        what: "saving the workbook".to_owned(),
        message: e.to_string(),
    })
}

/// The sheet name of every section, in order: the title with `[]:*?/\`
/// replaced by `-`, leading and trailing apostrophes removed, cut to 31
/// characters, and made unique (ignoring case, as Excel does) with a
/// number suffix.
///
/// # Example
/// ```
/// use namnd_report::model::{Report, ReportMeta, Section};
/// use namnd_report::render::xlsx::sheet_names;
/// let report = Report {
///     meta: ReportMeta::example()?,
///     sections: vec![
///         Section::unavailable("a", "Ekonomi: drift/investering", "-"),
///         Section::unavailable("b", "Ekonomi: drift/investering", "-"),
///     ],
/// };
/// assert_eq!(sheet_names(&report), ["Ekonomi- drift-investering", "Ekonomi- drift-investering (2)"]);
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub fn sheet_names(report: &Report) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut names = Vec::with_capacity(report.sections.len());
    for section in &report.sections {
        let clean: String = section
            .title
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim().to_owned();
        let base = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
            format!("Avsnitt {}", names.len() + 1)
        } else {
            clean
        };
        let mut candidate = truncate(&base, MAX_SHEET_NAME);
        let mut n = 2;
        while used.contains(&candidate.to_lowercase()) {
            let suffix = format!(" ({n})");
            let room = MAX_SHEET_NAME.saturating_sub(suffix.chars().count());
            candidate = format!("{}{suffix}", truncate(&base, room).trim_end());
            n += 1;
        }
        used.insert(candidate.to_lowercase());
        names.push(candidate);
    }
    names
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Writes blocks down a sheet, tracking the next free row and column widths.
struct SheetWriter<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    widths: Vec<f64>,
    frozen: bool,
}

impl<'a> SheetWriter<'a> {
    fn new(sheet: &'a mut Worksheet) -> SheetWriter<'a> {
        SheetWriter {
            sheet,
            row: 0,
            widths: Vec::new(),
            frozen: false,
        }
    }

    fn widen(&mut self, col: u16, text: &str) {
        let want = f64::from(u32::try_from(text.chars().count()).unwrap_or(60)) + 2.0;
        let index = usize::from(col);
        if self.widths.len() <= index {
            self.widths.resize(index + 1, 8.0);
        }
        if let Some(w) = self.widths.get_mut(index) {
            *w = w.max(want.min(if col == 0 { 60.0 } else { 30.0 }));
        }
    }

    fn heading(&mut self, title: &str, report: &Report) -> Result<(), XlsxError> {
        let big = Format::new().set_bold().set_font_size(14);
        self.sheet.write_string_with_format(0, 0, title, &big)?;
        let meta = &report.meta;
        self.sheet.write_string_with_format(
            1,
            0,
            format!(
                "{} · {} · {} · utfall till och med {}",
                meta.municipality,
                meta.committee,
                meta.title,
                meta.as_of.to_swedish()
            ),
            &Format::new().set_font_color(Color::RGB(0x5B_6472)),
        )?;
        self.row = 3;
        Ok(())
    }

    fn text_line(&mut self, text: &str) -> Result<(), XlsxError> {
        self.sheet.write_string(self.row, 0, text)?;
        self.row += 2;
        Ok(())
    }

    fn block(&mut self, block: &Block) -> Result<()> {
        let err = |e: XlsxError| ReportError::Xlsx {
            what: "a block".to_owned(),
            message: e.to_string(),
        };
        match block {
            Block::Paragraph(text) => self.text_line(text).map_err(err),
            Block::KeyFigures(figures) => self.key_figures(figures),
            Block::Table(table) => self.table(table),
            Block::Chart(chart) => self.chart(chart).map_err(err),
        }
    }

    fn key_figures(&mut self, figures: &[KeyFigure]) -> Result<()> {
        for figure in figures {
            let shown = display_key_figure(figure)?;
            let err = |e: XlsxError| ReportError::Xlsx {
                what: format!("key figure {:?}", figure.id),
                message: e.to_string(),
            };
            self.sheet
                .write_string(self.row, 0, &figure.label)
                .map_err(err)?;
            self.widen(0, &figure.label);
            let unit = if shown.kind == DisplayKind::Amount {
                "tkr"
            } else {
                ""
            };
            self.cell(1, &shown, unit, Format::new().set_bold())
                .map_err(err)?;
            self.row += 1;
        }
        self.row += 1;
        Ok(())
    }

    fn table(&mut self, table: &Table) -> Result<()> {
        let shown = display_table(table)?;
        let err = |e: XlsxError| ReportError::Xlsx {
            what: format!("table {:?}", table.id),
            message: e.to_string(),
        };
        let caption = if shown.has_amounts() {
            format!("{} ({})", shown.title, shown.unit.symbol())
        } else {
            shown.title.clone()
        };
        self.sheet
            .write_string_with_format(self.row, 0, &caption, &Format::new().set_bold())
            .map_err(err)?;
        self.row += 1;
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xEE_F1F5))
            .set_border_bottom(FormatBorder::Thin);
        self.sheet
            .write_string_with_format(self.row, 0, "", &header)
            .map_err(err)?;
        for (col, heading) in shown.columns.iter().enumerate() {
            let c = column(col + 1);
            self.sheet
                .write_string_with_format(
                    self.row,
                    c,
                    heading,
                    &header.clone().set_align(FormatAlign::Right),
                )
                .map_err(err)?;
            self.widen(c, heading);
        }
        if !self.frozen {
            self.sheet.set_freeze_panes(self.row + 1, 1).map_err(err)?;
            self.frozen = true;
        }
        self.row += 1;
        for row in &shown.rows {
            let label = format!("{}{}", "  ".repeat(usize::from(row.level)), row.label);
            self.sheet.write_string(self.row, 0, &label).map_err(err)?;
            self.widen(0, &label);
            for (col, cell) in row.cells.iter().enumerate() {
                self.cell(column(col + 1), cell, "", Format::new())
                    .map_err(err)?;
            }
            self.row += 1;
        }
        if let Some(total) = &shown.total {
            let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
            self.sheet
                .write_string_with_format(self.row, 0, &total.label, &bold)
                .map_err(err)?;
            self.widen(0, &total.label);
            for (col, cell) in total.cells.iter().enumerate() {
                self.cell(column(col + 1), cell, "", bold.clone())
                    .map_err(err)?;
            }
            self.row += 1;
        }
        let italic = Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x5B_6472));
        for note in &shown.notes {
            self.sheet
                .write_string_with_format(self.row, 0, note, &italic)
                .map_err(err)?;
            self.row += 1;
        }
        self.row += 1;
        Ok(())
    }

    fn chart(&mut self, chart: &Chart) -> Result<(), XlsxError> {
        let bold = Format::new().set_bold();
        self.sheet.write_string_with_format(
            self.row,
            0,
            format!("Diagram: {} ({})", chart.title, chart.unit),
            &bold,
        )?;
        self.row += 1;
        let header = bold
            .clone()
            .set_background_color(Color::RGB(0xEE_F1F5))
            .set_align(FormatAlign::Right);
        for (i, series) in chart.series.iter().enumerate() {
            let c = column(i + 1);
            self.sheet
                .write_string_with_format(self.row, c, &series.name, &header)?;
            self.widen(c, &series.name);
        }
        self.row += 1;
        let decimals = chart_decimals(chart);
        let format = Format::new().set_num_format(amount_format(decimals, ""));
        for (x, label) in chart.x_labels.iter().enumerate() {
            self.sheet.write_string(self.row, 0, label)?;
            for (i, series) in chart.series.iter().enumerate() {
                if let Some(v) = series.values.get(x).copied().flatten() {
                    let rounded = namnd_core::Rounding::HalfAwayFromZero
                        .round(v, decimals)
                        .unwrap_or(v);
                    self.sheet.write_number_with_format(
                        self.row,
                        column(i + 1),
                        to_f64(rounded),
                        &format,
                    )?;
                }
            }
            self.row += 1;
        }
        self.row += 1;
        Ok(())
    }

    /// Writes one display cell at (current row, `col`).
    fn cell(
        &mut self,
        col: u16,
        cell: &DisplayCell,
        unit: &str,
        base: Format,
    ) -> Result<(), XlsxError> {
        let row = self.row;
        self.widen(col, &cell.text);
        match (cell.kind, cell.value) {
            (DisplayKind::Amount | DisplayKind::Count, Some(v)) => {
                let f = base.set_num_format(amount_format(cell.decimals, unit));
                self.sheet
                    .write_number_with_format(row, col, to_f64(v), &f)?;
            }
            (DisplayKind::Number, Some(v)) => {
                let f = base.set_num_format(amount_format(cell.decimals, &cell.unit));
                self.sheet
                    .write_number_with_format(row, col, to_f64(v), &f)?;
            }
            (DisplayKind::Percent, Some(v)) => {
                let f = base.set_num_format(percent_format(cell.decimals));
                self.sheet
                    .write_number_with_format(row, col, percent_fraction(v), &f)?;
            }
            (DisplayKind::Status(colour), _) => {
                let f = base.set_background_color(Color::RGB(status_fill(colour)));
                self.sheet
                    .write_string_with_format(row, col, &cell.text, &f)?;
            }
            (DisplayKind::Suppressed, _) => {
                let f = base.set_align(FormatAlign::Right);
                self.sheet
                    .write_string_with_format(row, col, &cell.text, &f)?;
            }
            (DisplayKind::Empty, _) => {
                self.sheet.write_blank(row, col, &base)?;
            }
            _ => {
                self.sheet
                    .write_string_with_format(row, col, &cell.text, &base)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), XlsxError> {
        for (col, width) in self.widths.iter().enumerate() {
            self.sheet.set_column_width(column(col), *width)?;
        }
        Ok(())
    }
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

fn to_f64(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// A percentage as the fraction Excel's `%` format expects (8,7 → 0,087).
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::render::xlsx::percent_fraction;
/// assert_eq!(percent_fraction(Decimal::new(87, 1)), 0.087);
/// ```
pub fn percent_fraction(percent: Decimal) -> f64 {
    to_f64(
        percent
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or(Decimal::ZERO),
    )
}

/// The Excel number format for an amount with `decimals` decimals and an
/// optional unit word: `#,##0`, `#,##0.0`, `#,##0 "tkr"`.
///
/// # Example
/// ```
/// use namnd_report::render::xlsx::amount_format;
/// assert_eq!(amount_format(1, ""), "#,##0.0");
/// assert_eq!(amount_format(0, "dagar"), "#,##0\" dagar\"");
/// ```
pub fn amount_format(decimals: u32, unit: &str) -> String {
    let mut f = String::from("#,##0");
    if decimals > 0 {
        f.push('.');
        f.extend(core::iter::repeat_n(
            '0',
            usize::try_from(decimals).unwrap_or(0),
        ));
    }
    let unit: String = unit.chars().filter(|c| *c != '"' && *c != '\\').collect();
    if !unit.is_empty() {
        f.push_str(&format!("\" {unit}\""));
    }
    f
}

/// The Excel number format for a percentage with `decimals` decimals:
/// `0.0 %` (shown `8,7 %` in Swedish Excel).
///
/// # Example
/// ```
/// use namnd_report::render::xlsx::percent_format;
/// assert_eq!(percent_format(1), "0.0 %");
/// assert_eq!(percent_format(0), "0 %");
/// ```
pub fn percent_format(decimals: u32) -> String {
    let mut f = String::from("0");
    if decimals > 0 {
        f.push('.');
        f.extend(core::iter::repeat_n(
            '0',
            usize::try_from(decimals).unwrap_or(0),
        ));
    }
    f.push_str(" %");
    f
}

fn status_fill(colour: StatusColour) -> u32 {
    match colour {
        StatusColour::Green => 0xCF_E8D5,
        StatusColour::Yellow => 0xFB_EFC4,
        StatusColour::Red => 0xF6_D2CF,
        StatusColour::Grey => 0xE3_E5E8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;
    use crate::render::example::example_report;

    #[test]
    fn sheet_names_are_short_unique_and_clean() {
        let mut report = example_report().unwrap();
        report.sections = vec![
            Section::unavailable("a", "Intern kontroll: uppföljning av planen [2026]", "-"),
            Section::unavailable("b", "Intern kontroll: uppföljning av planen [2026]", "-"),
            Section::unavailable("c", "EKONOMI", "-"),
            Section::unavailable("d", "ekonomi", "-"),
            Section::unavailable("e", "'?'", "-"),
        ];
        let names = sheet_names(&report);
        assert_eq!(
            names,
            [
                "Intern kontroll- uppföljning av",
                "Intern kontroll- uppföljnin (2)",
                "EKONOMI",
                "ekonomi (2)",
                "-",
            ]
        );
        for n in &names {
            assert!(n.chars().count() <= MAX_SHEET_NAME);
        }
    }

    #[test]
    fn number_formats_show_the_displayed_decimals() {
        assert_eq!(amount_format(0, ""), "#,##0");
        assert_eq!(amount_format(2, "tkr"), "#,##0.00\" tkr\"");
        assert_eq!(percent_format(2), "0.00 %");
    }

    #[test]
    fn workbook_has_one_sheet_per_section() {
        let bytes = to_xlsx(&example_report().unwrap()).unwrap();
        let book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader as _;
        assert_eq!(
            book.sheet_names(),
            [
                "Sammanfattning",
                "Ekonomi",
                "Mål och indikatorer",
                "Ej verkställda beslut",
                "Kvalitet och avvikelser"
            ]
        );
    }
}
