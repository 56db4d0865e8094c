//! Cells → display values: the one place where the renderers round and
//! format numbers.
//!
//! Every renderer (Markdown, HTML, Excel) shows the values computed here, so
//! the formats can never disagree about a figure.
//!
//! | Cell | Shown as | Example |
//! |---|---|---|
//! | [`Cell::Amount`] | in the table's unit and decimals, with its rounding | `−1 234` (tkr) |
//! | [`Cell::Percent`] | its own decimals, rounded with the table's rounding | `8,7 %` |
//! | [`Cell::Number`] | its own decimals and unit text | `12,5 dagar` |
//! | [`Cell::Count`] | whole number with thousands separated | `1 234` |
//! | [`Cell::Suppressed`] | its label | `..` |
//! | [`Cell::Status`] | its label, with its colour kept for the renderer | `Delvis` (yellow) |
//! | [`Cell::Text`] / [`Cell::Empty`] | as is / nothing | |
//!
//! Numbers use [`namnd_core::NumberFormat`]'s Swedish defaults: decimal
//! comma, a no-break space (U+00A0) between thousands and a real minus sign
//! (U+2212). The space before `%` and before unit words is also a no-break
//! space, so a figure never breaks across lines.
//!
//! ## Totals
//! A table's total row holds the **unrounded** total. The parts of the total
//! are the table's top-level rows (the rows with the smallest
//! [`Row::level`]); only [`Cell::Amount`] columns are checked.
//!
//! - [`TotalDisplay::NoteWhenUnequal`]: every cell is rounded on its own. In
//!   each column where the rounded parts do not add up to the rounded total,
//!   a note under the table says so: *Summorna är avrundade var för sig; i
//!   kolumnen Budget blir delarnas summa 1 235 mot totalen 1 234.*
//! - [`TotalDisplay::LargestRemainder`]: the top-level parts are rounded with
//!   [`namnd_calc::rounding::apportion_to_total`] so that they add up to the
//!   rounded total; no part moves by a whole display unit or more. Where the
//!   rounded total cannot be reached (the total is not the sum of the parts),
//!   the column falls back to rounding on its own, with the note.
//!
//! Rows below the top level are rounded on their own, except with
//! [`TotalDisplay::LargestRemainder`], where the children of a row whose exact
//! values add up to the row's exact value are apportioned to the row's
//! displayed value (so a `varav` row that is only part of its parent is left
//! alone).
//!
//! ```
//! use namnd_core::Decimal;
//! use namnd_report::model::{Cell, Display, Row, Table};
//! use namnd_report::render::display::display_table;
//!
//! let amount = |kr: i64| Cell::Amount { kr: Decimal::from(kr) };
//! let mut t = Table::new("t", "Ekonomi", vec!["Budget".into()], Display::tkr());
//! for kr in [400_400, 400_400, 433_400] {
//!     t.rows.push(Row { label: "Del".into(), level: 0, cells: vec![amount(kr)] });
//! }
//! t.total = Some(Row { label: "Summa".into(), level: 0, cells: vec![amount(1_234_200)] });
//! let shown = display_table(&t)?;
//! assert_eq!(shown.total.as_ref().map(|r| r.cells[0].text.as_str()), Some("1\u{a0}234"));
//! assert_eq!(
//!     shown.notes,
//!     ["Summorna är avrundade var för sig; i kolumnen Budget blir delarnas summa 1\u{a0}233 mot totalen 1\u{a0}234."]
//! );
//! # Ok::<(), namnd_report::ReportError>(())
//! ```

use namnd_calc::rounding::apportion_to_total;
use namnd_core::{Amount, Decimal, NumberFormat, Rounding, Unit};

use crate::Result;
use crate::model::{Cell, Display, KeyFigure, Row, StatusColour, Table, TotalDisplay};

/// The no-break space used between a number and `%` or a unit word.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Cell, Display};
/// use namnd_report::render::display::{NBSP, display_cell};
/// let shown = display_cell(&Cell::Percent { value: Decimal::new(87, 1), decimals: 1 }, &Display::tkr())?;
/// assert_eq!(shown.text, format!("8,7{NBSP}%"));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub const NBSP: char = '\u{a0}';

/// The display rules for amounts outside tables (key figures): whole tkr,
/// half away from zero.
///
/// # Example
/// ```
/// use namnd_report::render::display::KEY_FIGURE_DISPLAY;
/// assert_eq!(KEY_FIGURE_DISPLAY.decimals, 0);
/// ```
pub const KEY_FIGURE_DISPLAY: Display = Display {
    unit: Unit::Tkr,
    decimals: 0,
    rounding: Rounding::HalfAwayFromZero,
    totals: TotalDisplay::NoteWhenUnequal,
};

/// What kind of value a display cell shows.
///
/// # Example
/// ```
/// use namnd_report::model::StatusColour;
/// use namnd_report::render::display::DisplayKind;
/// assert_ne!(DisplayKind::Amount, DisplayKind::Status(StatusColour::Green));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayKind {
    /// An amount in the table's unit.
    Amount,
    /// A percentage; [`DisplayCell::value`] is the percentage (8,7 for 8,7 %).
    Percent,
    /// A number with a unit text.
    Number,
    /// A whole count.
    Count,
    /// A suppressed small count, shown as its label.
    Suppressed,
    /// A status, with its colour.
    Status(StatusColour),
    /// Text.
    Text,
    /// Nothing.
    Empty,
}

/// A cell ready to print: its text and, for numbers, the value shown.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Cell, Display};
/// use namnd_report::render::display::{display_cell, DisplayKind};
///
/// let c = display_cell(&Cell::Percent { value: Decimal::new(8_725, 3), decimals: 1 }, &Display::tkr())?;
/// assert_eq!(c.text, "8,7\u{a0}%");
/// assert_eq!(c.value, Some(Decimal::new(87, 1)));
/// assert_eq!(c.kind, DisplayKind::Percent);
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayCell {
    /// The text as shown (no unit for table amounts: the unit is in the caption).
    pub text: String,
    /// What the cell holds.
    pub kind: DisplayKind,
    /// The number shown, rounded: amounts in the display unit, percentages as
    /// percentages, counts as counts; `None` for labels, text and empty cells.
    pub value: Option<Decimal>,
    /// Decimals shown for [`DisplayCell::value`].
    pub decimals: u32,
    /// The unit text after a [`Cell::Number`], empty otherwise.
    pub unit: String,
}

impl DisplayCell {
    fn plain(text: String, kind: DisplayKind) -> DisplayCell {
        DisplayCell {
            text,
            kind,
            value: None,
            decimals: 0,
            unit: String::new(),
        }
    }

    /// Whether the cell shows a number (amount, percent, number or count),
    /// which renderers align right.
    ///
    /// # Example
    /// ```
    /// use namnd_report::model::{Cell, Display};
    /// use namnd_report::render::display::display_cell;
    /// assert!(display_cell(&Cell::Count(7), &Display::tkr())?.is_numeric());
    /// assert!(!display_cell(&Cell::Text("x".into()), &Display::tkr())?.is_numeric());
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn is_numeric(&self) -> bool {
        matches!(
            self.kind,
            DisplayKind::Amount | DisplayKind::Percent | DisplayKind::Number | DisplayKind::Count
        )
    }

    /// Whether the cell should be right-aligned in a table: numbers and
    /// suppressed counts (which stand where a number would).
    ///
    /// # Example
    /// ```
    /// use namnd_report::model::{Cell, Display};
    /// use namnd_report::render::display::display_cell;
    /// assert!(display_cell(&Cell::Suppressed { label: "..".into() }, &Display::tkr())?.is_right_aligned());
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn is_right_aligned(&self) -> bool {
        self.is_numeric() || self.kind == DisplayKind::Suppressed
    }
}

/// A row ready to print.
///
/// # Example
/// See [`display_table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayRow {
    /// The row label.
    pub label: String,
    /// Indentation level (0 = top).
    pub level: u8,
    /// One cell per column.
    pub cells: Vec<DisplayCell>,
}

/// A table ready to print: rounded cells and all notes (the table's own and
/// the rounding note).
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayTable {
    /// The table's id.
    pub id: String,
    /// The caption.
    pub title: String,
    /// The unit amounts are shown in.
    pub unit: Unit,
    /// Column headings (the row-label column is implicit and first).
    pub columns: Vec<String>,
    /// Rows in order.
    pub rows: Vec<DisplayRow>,
    /// The total row, if any.
    pub total: Option<DisplayRow>,
    /// The table's notes, then the rounding note if any.
    pub notes: Vec<String>,
}

impl DisplayTable {
    /// Whether any cell of column `index` (rows or total) is an amount, so
    /// the caption should name the unit.
    ///
    /// # Example
    /// ```
    /// use namnd_report::model::{Display, Table};
    /// use namnd_report::render::display::display_table;
    /// let t = display_table(&Table::new("t", "T", vec!["Budget".into()], Display::tkr()))?;
    /// assert!(!t.has_amounts());
    /// # Ok::<(), namnd_report::ReportError>(())
    /// ```
    pub fn has_amounts(&self) -> bool {
        self.rows
            .iter()
            .chain(self.total.iter())
            .flat_map(|r| r.cells.iter())
            .any(|c| c.kind == DisplayKind::Amount)
    }
}

/// The Swedish number format used everywhere: `decimals` decimals with
/// `rounding`, no-break-space thousands, real minus sign.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Rounding};
/// use namnd_report::render::display::number_format;
/// assert_eq!(number_format(0, Rounding::HalfAwayFromZero).format(Decimal::from(-1_234))?, "\u{2212}1\u{a0}234");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub fn number_format(decimals: u32, rounding: Rounding) -> NumberFormat {
    NumberFormat::new(decimals, rounding)
}

/// Formats an already rounded (or to-be-rounded) number the Swedish way.
///
/// # Errors
/// [`crate::ReportError::Core`] if `decimals` exceeds 28.
///
/// # Example
/// ```
/// use namnd_core::{Decimal, Rounding};
/// use namnd_report::render::display::format_number;
/// assert_eq!(format_number(Decimal::new(12_345, 1), 1, Rounding::HalfAwayFromZero)?, "1\u{a0}234,5");
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn format_number(value: Decimal, decimals: u32, rounding: Rounding) -> Result<String> {
    Ok(number_format(decimals, rounding).format(value)?)
}

/// Turns one cell into its display value with the table's rules.
///
/// # Errors
/// [`crate::ReportError::Core`] if the cell or display asks for more than 28
/// decimals.
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Cell, Display};
/// use namnd_report::render::display::display_cell;
///
/// let c = display_cell(&Cell::Amount { kr: Decimal::from(-1_234_500) }, &Display::tkr())?;
/// assert_eq!(c.text, "\u{2212}1\u{a0}235");
/// assert_eq!(c.value, Some(Decimal::from(-1_235)));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn display_cell(cell: &Cell, display: &Display) -> Result<DisplayCell> {
    Ok(match cell {
        Cell::Amount { kr } => {
            let value =
                Amount::from_kr(*kr).round_in(display.unit, display.decimals, display.rounding)?;
            amount_cell(value, display)?
        }
        Cell::Percent { value, decimals } => {
            let rounded = display.rounding.round(*value, *decimals)?;
            DisplayCell {
                text: format!(
                    "{}{NBSP}%",
                    format_number(rounded, *decimals, display.rounding)?
                ),
                kind: DisplayKind::Percent,
                value: Some(rounded),
                decimals: *decimals,
                unit: String::new(),
            }
        }
        Cell::Number {
            value,
            decimals,
            unit,
        } => {
            let rounded = display.rounding.round(*value, *decimals)?;
            let number = format_number(rounded, *decimals, display.rounding)?;
            let text = if unit.is_empty() {
                number
            } else {
                format!("{number}{NBSP}{unit}")
            };
            DisplayCell {
                text,
                kind: DisplayKind::Number,
                value: Some(rounded),
                decimals: *decimals,
                unit: unit.clone(),
            }
        }
        Cell::Count(n) => {
            let value = Decimal::from(*n);
            DisplayCell {
                text: format_number(value, 0, Rounding::HalfAwayFromZero)?,
                kind: DisplayKind::Count,
                value: Some(value),
                decimals: 0,
                unit: String::new(),
            }
        }
        Cell::Suppressed { label } => DisplayCell::plain(label.clone(), DisplayKind::Suppressed),
        Cell::Status { colour, label } => {
            DisplayCell::plain(label.clone(), DisplayKind::Status(*colour))
        }
        Cell::Text(text) => DisplayCell::plain(text.clone(), DisplayKind::Text),
        Cell::Empty => DisplayCell::plain(String::new(), DisplayKind::Empty),
    })
}

/// An amount cell from a value already rounded in the display unit.
fn amount_cell(rounded: Decimal, display: &Display) -> Result<DisplayCell> {
    Ok(DisplayCell {
        text: format_number(rounded, display.decimals, display.rounding)?,
        kind: DisplayKind::Amount,
        value: Some(rounded),
        decimals: display.decimals,
        unit: String::new(),
    })
}

/// A key figure's display value: amounts in whole tkr with the unit
/// (`−1 234 tkr`), other cells as in a table.
///
/// # Errors
/// As [`display_cell`].
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Cell, KeyFigure};
/// use namnd_report::render::display::display_key_figure;
///
/// let k = KeyFigure { id: "forecast".into(), label: "Prognos".into(), value: Cell::Amount { kr: Decimal::from(-3_400_000) } };
/// assert_eq!(display_key_figure(&k)?.text, "\u{2212}3\u{a0}400\u{a0}tkr");
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn display_key_figure(figure: &KeyFigure) -> Result<DisplayCell> {
    let mut cell = display_cell(&figure.value, &KEY_FIGURE_DISPLAY)?;
    if cell.kind == DisplayKind::Amount {
        cell.text = format!("{}{NBSP}{}", cell.text, KEY_FIGURE_DISPLAY.unit.symbol());
    }
    Ok(cell)
}

/// The decimals a chart's values are shown with: 1 for percentages, 0 for
/// money units, otherwise 1 if any value has a fraction, else 0.
///
/// # Example
/// ```
/// use namnd_report::model::{Chart, ChartKind};
/// use namnd_report::render::display::chart_decimals;
/// let c = Chart { id: "c".into(), title: "T".into(), kind: ChartKind::Line, x_labels: vec![], series: vec![], unit: "%".into() };
/// assert_eq!(chart_decimals(&c), 1);
/// ```
pub fn chart_decimals(chart: &crate::model::Chart) -> u32 {
    match chart.unit.trim() {
        "%" | "procent" => 1,
        "kr" | "tkr" | "mkr" | "mnkr" => 0,
        _ => u32::from(
            chart
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .any(|v| !v.fract().is_zero()),
        ),
    }
}

/// Formats one chart value with [`chart_decimals`], half away from zero.
///
/// # Errors
/// Never in practice (at most one decimal).
///
/// # Example
/// ```
/// use namnd_core::Decimal;
/// use namnd_report::model::{Chart, ChartKind};
/// use namnd_report::render::display::format_chart_value;
/// let c = Chart { id: "c".into(), title: "T".into(), kind: ChartKind::Line, x_labels: vec![], series: vec![], unit: "%".into() };
/// assert_eq!(format_chart_value(&c, Decimal::new(8_72, 2))?, "8,7");
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn format_chart_value(chart: &crate::model::Chart, value: Decimal) -> Result<String> {
    format_number(value, chart_decimals(chart), Rounding::HalfAwayFromZero)
}

/// Turns a table into display values: every cell rounded, totals handled as
/// the table's [`Display::totals`] says, notes collected.
///
/// # Errors
/// [`crate::ReportError::Core`] if the table asks for more than 28 decimals.
///
/// # Example
/// See the [module docs](self).
pub fn display_table(table: &Table) -> Result<DisplayTable> {
    let display = &table.display;
    let mut rows = table
        .rows
        .iter()
        .map(|row| display_row(row, display))
        .collect::<Result<Vec<_>>>()?;
    let total = table
        .total
        .as_ref()
        .map(|row| display_row(row, display))
        .transpose()?;
    let mut notes = table.notes.clone();

    let mut unequal = Vec::new();
    if let Some(total_row) = table.total.as_ref() {
        let top = table.rows.iter().map(|r| r.level).min().unwrap_or(0);
        let parts: Vec<usize> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.level == top)
            .map(|(i, _)| i)
            .collect();
        for (col, heading) in table.columns.iter().enumerate() {
            let Some(Cell::Amount { kr: total_kr }) = total_row.cells.get(col) else {
                continue;
            };
            let part_cells: Vec<(usize, Decimal)> = parts
                .iter()
                .filter_map(
                    |&i| match table.rows.get(i).and_then(|r| r.cells.get(col)) {
                        Some(Cell::Amount { kr }) => Some((i, *kr)),
                        _ => None,
                    },
                )
                .collect();
            if part_cells.is_empty() {
                continue;
            }
            let rounded_total = Amount::from_kr(*total_kr).round_in(
                display.unit,
                display.decimals,
                display.rounding,
            )?;
            if display.totals == TotalDisplay::LargestRemainder {
                let exact: Vec<Decimal> = part_cells
                    .iter()
                    .map(|(_, kr)| Amount::from_kr(*kr).as_unit(display.unit))
                    .collect();
                if let Ok(apportioned) = apportion_to_total(&exact, rounded_total, display.decimals)
                {
                    for ((i, _), value) in part_cells.iter().zip(apportioned) {
                        if let Some(cell) = rows.get_mut(*i).and_then(|r| r.cells.get_mut(col)) {
                            *cell = amount_cell(value, display)?;
                        }
                    }
                    continue;
                }
            }
            let mut sum = Decimal::ZERO;
            for (_, kr) in &part_cells {
                let rounded = Amount::from_kr(*kr).round_in(
                    display.unit,
                    display.decimals,
                    display.rounding,
                )?;
                // An overflow here means the parts are beyond any real table;
                // the note is then simply not written.
                match sum.checked_add(rounded) {
                    Some(s) => sum = s,
                    None => {
                        sum = rounded_total;
                        break;
                    }
                }
            }
            if sum != rounded_total {
                unequal.push(format!(
                    "i kolumnen {heading} blir delarnas summa {} mot totalen {}",
                    format_number(sum, display.decimals, display.rounding)?,
                    format_number(rounded_total, display.decimals, display.rounding)?,
                ));
            }
        }
    }
    if display.totals == TotalDisplay::LargestRemainder {
        apportion_sub_rows(table, &mut rows)?;
    }
    if !unequal.is_empty() {
        notes.push(format!(
            "Summorna är avrundade var för sig; {}.",
            unequal.join("; ")
        ));
    }
    Ok(DisplayTable {
        id: table.id.clone(),
        title: table.title.clone(),
        unit: display.unit,
        columns: table.columns.clone(),
        rows,
        total,
        notes,
    })
}

/// With largest remainder: rounds the children of every row so that they
/// add up to the row's displayed value, where their exact values add up to
/// the row's exact value (a `varav` row that is only part of its parent is
/// left rounded on its own). Parents come before their children, so nested
/// levels follow their already apportioned parents.
fn apportion_sub_rows(table: &Table, rows: &mut [DisplayRow]) -> Result<()> {
    let display = &table.display;
    for parent in 0..table.rows.len() {
        let children = direct_children(&table.rows, parent);
        if children.is_empty() {
            continue;
        }
        for col in 0..table.columns.len() {
            let Some(Cell::Amount { kr: parent_kr }) =
                table.rows.get(parent).and_then(|r| r.cells.get(col))
            else {
                continue;
            };
            let Some(shown) = rows
                .get(parent)
                .and_then(|r| r.cells.get(col))
                .and_then(|c| c.value)
            else {
                continue;
            };
            let mut exact_kr = Vec::with_capacity(children.len());
            for &child in &children {
                if let Some(Cell::Amount { kr }) =
                    table.rows.get(child).and_then(|r| r.cells.get(col))
                {
                    exact_kr.push(*kr);
                }
            }
            if exact_kr.len() != children.len()
                || Amount::try_sum(exact_kr.iter().map(|kr| Amount::from_kr(*kr))).ok()
                    != Some(Amount::from_kr(*parent_kr))
            {
                continue;
            }
            let exact: Vec<Decimal> = exact_kr
                .iter()
                .map(|kr| Amount::from_kr(*kr).as_unit(display.unit))
                .collect();
            if let Ok(apportioned) = apportion_to_total(&exact, shown, display.decimals) {
                for (&child, value) in children.iter().zip(apportioned) {
                    if let Some(cell) = rows.get_mut(child).and_then(|r| r.cells.get_mut(col)) {
                        *cell = amount_cell(value, display)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The rows directly under `parent`: the following rows deeper than it, up
/// to the next row at its level or above, at the shallowest of those levels.
fn direct_children(rows: &[Row], parent: usize) -> Vec<usize> {
    let Some(level) = rows.get(parent).map(|r| r.level) else {
        return Vec::new();
    };
    let below: Vec<(usize, u8)> = rows
        .iter()
        .enumerate()
        .skip(parent + 1)
        .take_while(|(_, r)| r.level > level)
        .map(|(i, r)| (i, r.level))
        .collect();
    let Some(child_level) = below.iter().map(|(_, l)| *l).min() else {
        return Vec::new();
    };
    below
        .into_iter()
        .filter(|(_, l)| *l == child_level)
        .map(|(i, _)| i)
        .collect()
}

fn display_row(row: &Row, display: &Display) -> Result<DisplayRow> {
    Ok(DisplayRow {
        label: row.label.clone(),
        level: row.level,
        cells: row
            .cells
            .iter()
            .map(|c| display_cell(c, display))
            .collect::<Result<Vec<_>>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn amount(kr: i64) -> Cell {
        Cell::Amount {
            kr: Decimal::from(kr),
        }
    }

    fn table(parts: &[i64], total: i64, totals: TotalDisplay) -> Table {
        let mut t = Table::new(
            "budget.by_unit",
            "Ekonomi per verksamhet",
            vec!["Budget".into(), "Andel".into()],
            Display {
                totals,
                ..Display::tkr()
            },
        );
        for (i, &kr) in parts.iter().enumerate() {
            t.rows.push(Row {
                label: format!("Verksamhet {i}"),
                level: 0,
                cells: vec![
                    amount(kr),
                    Cell::Percent {
                        value: Decimal::new(333, 1),
                        decimals: 1,
                    },
                ],
            });
        }
        t.total = Some(Row {
            label: "Summa".into(),
            level: 0,
            cells: vec![amount(total), Cell::Empty],
        });
        t
    }

    fn texts(t: &DisplayTable) -> Vec<String> {
        t.rows
            .iter()
            .chain(t.total.iter())
            .filter_map(|r| r.cells.first().map(|c| c.text.clone()))
            .collect()
    }

    #[test]
    fn amounts_are_shown_in_the_tables_unit_with_swedish_minus_and_spaces() {
        let c = display_cell(&amount(-263_094_400), &Display::tkr()).unwrap();
        assert_eq!(c.text, "\u{2212}263\u{a0}094");
        assert_eq!(c.value, Some(Decimal::from(-263_094)));
        let mkr = Display {
            unit: Unit::Mkr,
            decimals: 1,
            ..Display::tkr()
        };
        let c = display_cell(&amount(7_318_000), &mkr).unwrap();
        assert_eq!(c.text, "7,3");
        assert_eq!(c.decimals, 1);
    }

    #[test]
    fn half_a_unit_rounds_away_from_zero_by_default() {
        assert_eq!(
            display_cell(&amount(-2_500), &Display::tkr()).unwrap().text,
            "\u{2212}3"
        );
        let truncating = Display {
            rounding: Rounding::TowardZero,
            ..Display::tkr()
        };
        assert_eq!(display_cell(&amount(2_900), &truncating).unwrap().text, "2");
    }

    #[test]
    fn percent_has_a_no_break_space_before_the_sign() {
        let c = display_cell(
            &Cell::Percent {
                value: Decimal::new(8_65, 2),
                decimals: 1,
            },
            &Display::tkr(),
        )
        .unwrap();
        assert_eq!(c.text, "8,7\u{a0}%");
    }

    #[test]
    fn counts_numbers_labels_and_statuses_are_shown_as_they_read() {
        let d = Display::tkr();
        assert_eq!(
            display_cell(&Cell::Count(12_345), &d).unwrap().text,
            "12\u{a0}345"
        );
        let n = Cell::Number {
            value: Decimal::new(125, 1),
            decimals: 1,
            unit: "dagar".into(),
        };
        assert_eq!(display_cell(&n, &d).unwrap().text, "12,5\u{a0}dagar");
        let s = display_cell(&Cell::Suppressed { label: "..".into() }, &d).unwrap();
        assert_eq!((s.text.as_str(), s.value), ("..", None));
        let st = display_cell(
            &Cell::Status {
                colour: StatusColour::Yellow,
                label: "Delvis".into(),
            },
            &d,
        )
        .unwrap();
        assert_eq!(st.kind, DisplayKind::Status(StatusColour::Yellow));
        assert_eq!(st.text, "Delvis");
        assert_eq!(display_cell(&Cell::Empty, &d).unwrap().text, "");
    }

    #[test]
    fn note_names_the_column_where_rounded_parts_miss_the_rounded_total() {
        // 0,6 + 0,6 + 1 233,8 tkr = 1 235,0 exact; parts round to 1 + 1 + 1 234 = 1 236.
        let t = table(
            &[600, 600, 1_233_800],
            1_235_000,
            TotalDisplay::NoteWhenUnequal,
        );
        let shown = display_table(&t).unwrap();
        assert_eq!(texts(&shown), ["1", "1", "1\u{a0}234", "1\u{a0}235"]);
        assert_eq!(
            shown.notes,
            [
                "Summorna är avrundade var för sig; i kolumnen Budget blir delarnas summa 1\u{a0}236 mot totalen 1\u{a0}235."
            ]
        );
    }

    #[test]
    fn no_note_when_the_rounded_parts_add_up() {
        let t = table(&[1_000, 2_000], 3_000, TotalDisplay::NoteWhenUnequal);
        assert!(display_table(&t).unwrap().notes.is_empty());
    }

    #[test]
    fn table_notes_come_before_the_rounding_note() {
        let mut t = table(&[600, 600], 1_200, TotalDisplay::NoteWhenUnequal);
        t.notes.push("Källa: ekonomisystemet.".into());
        let shown = display_table(&t).unwrap();
        assert_eq!(shown.notes.len(), 2);
        assert_eq!(
            shown.notes.first().map(String::as_str),
            Some("Källa: ekonomisystemet.")
        );
    }

    #[test]
    fn largest_remainder_makes_the_parts_add_up_to_the_total() {
        let t = table(
            &[600, 600, 1_233_800],
            1_235_000,
            TotalDisplay::LargestRemainder,
        );
        let shown = display_table(&t).unwrap();
        // Floors 0 + 0 + 1 233 = 1 233; two units go to the remainders 0,8, then 0,6 (first).
        assert_eq!(texts(&shown), ["1", "0", "1\u{a0}234", "1\u{a0}235"]);
        assert!(shown.notes.is_empty());
    }

    #[test]
    fn largest_remainder_falls_back_to_a_note_when_the_total_is_not_the_sum() {
        let t = table(&[1_000, 2_000], 9_000, TotalDisplay::LargestRemainder);
        let shown = display_table(&t).unwrap();
        assert_eq!(texts(&shown), ["1", "2", "9"]);
        assert_eq!(shown.notes.len(), 1);
    }

    #[test]
    fn sub_rows_are_not_parts_of_the_total() {
        let mut t = table(&[1_400, 1_400], 2_800, TotalDisplay::NoteWhenUnequal);
        t.rows.push(Row {
            label: "varav".into(),
            level: 1,
            cells: vec![amount(700), Cell::Empty],
        });
        let shown = display_table(&t).unwrap();
        // Top-level parts 1 + 1 = 2, total 3: the note; the level-1 row is not counted.
        assert_eq!(
            shown.notes,
            [
                "Summorna är avrundade var för sig; i kolumnen Budget blir delarnas summa 2 mot totalen 3."
            ]
        );
    }

    #[test]
    fn largest_remainder_children_add_up_to_their_displayed_parent() {
        let mut t = table(&[1_200, 1_200], 2_400, TotalDisplay::LargestRemainder);
        // Children of the first row: 0,4 + 0,4 + 0,4 = 1,2 tkr, each rounds to 0.
        let children = [400, 400, 400].map(|kr| Row {
            label: "enhet".into(),
            level: 1,
            cells: vec![amount(kr), Cell::Empty],
        });
        t.rows.splice(1..1, children);
        // A lone "varav" row under the second parent that is only part of it.
        t.rows.push(Row {
            label: "varav".into(),
            level: 1,
            cells: vec![amount(600), Cell::Empty],
        });
        let shown = display_table(&t).unwrap();
        // Top level: 1,2 + 1,2 = 2,4 → 2; floors 1 + 1 = 2, nothing to add.
        assert_eq!(texts(&shown), ["1", "1", "0", "0", "1", "1", "2"]);
    }

    #[test]
    fn direct_children_stop_at_the_next_row_of_the_same_level() {
        let row = |level| Row {
            label: String::new(),
            level,
            cells: vec![],
        };
        let rows = [row(0), row(1), row(2), row(1), row(0), row(1)];
        assert_eq!(direct_children(&rows, 0), [1, 3]);
        assert_eq!(direct_children(&rows, 1), [2]);
        assert_eq!(direct_children(&rows, 4), [5]);
        assert!(direct_children(&rows, 5).is_empty());
    }

    #[test]
    fn key_figure_amounts_carry_their_unit() {
        let k = KeyFigure {
            id: "result".into(),
            label: "Resultat".into(),
            value: amount(12_345_678),
        };
        assert_eq!(display_key_figure(&k).unwrap().text, "12\u{a0}346\u{a0}tkr");
    }

    proptest! {
        #[test]
        fn largest_remainder_parts_always_add_to_the_rounded_total(
            parts in proptest::collection::vec(-5_000_000_000i64..5_000_000_000, 1..12),
            decimals in 0u32..2,
            unit in prop_oneof![Just(Unit::Tkr), Just(Unit::Mkr)],
        ) {
            let total: i64 = parts.iter().sum();
            let mut t = table(&parts, total, TotalDisplay::LargestRemainder);
            t.display.unit = unit;
            t.display.decimals = decimals;
            let shown = display_table(&t).unwrap();
            let sum: Decimal = shown.rows.iter().filter_map(|r| r.cells.first().and_then(|c| c.value)).sum();
            let shown_total = shown.total.as_ref().and_then(|r| r.cells.first()).and_then(|c| c.value);
            let expected = Amount::from_kr(Decimal::from(total)).round_in(unit, decimals, Rounding::HalfAwayFromZero).unwrap();
            prop_assert_eq!(shown_total, Some(expected));
            prop_assert_eq!(sum, expected);
            prop_assert!(shown.notes.is_empty());
            // Each part within one display unit of its exact value.
            let one = Decimal::new(1, decimals);
            for (row, &kr) in shown.rows.iter().zip(&parts) {
                let v = row.cells.first().and_then(|c| c.value).unwrap();
                let exact = Amount::from_kr(Decimal::from(kr)).as_unit(unit);
                prop_assert!((v - exact).abs() < one, "{} vs {}", v, exact);
            }
        }

        #[test]
        fn largest_remainder_children_always_add_to_their_shown_parent(
            children in proptest::collection::vec(-50_000_000i64..50_000_000, 1..8),
            sibling in -50_000_000i64..50_000_000,
        ) {
            let parent: i64 = children.iter().sum();
            let mut t = table(&[parent, sibling], parent + sibling, TotalDisplay::LargestRemainder);
            let rows: Vec<Row> = children.iter().map(|&kr| Row { label: "enhet".into(), level: 1, cells: vec![amount(kr), Cell::Empty] }).collect();
            let n = rows.len();
            t.rows.splice(1..1, rows);
            let shown = display_table(&t).unwrap();
            let value = |i: usize| shown.rows.get(i).and_then(|r| r.cells.first()).and_then(|c| c.value).unwrap();
            let sum: Decimal = (1..=n).map(value).sum();
            prop_assert_eq!(sum, value(0));
            for (i, &kr) in children.iter().enumerate() {
                let exact = Decimal::from(kr) / Decimal::ONE_THOUSAND;
                prop_assert!((value(i + 1) - exact).abs() < Decimal::ONE);
            }
        }

        #[test]
        fn note_appears_exactly_when_rounded_parts_differ_from_the_rounded_total(
            parts in proptest::collection::vec(-5_000_000i64..5_000_000, 1..8),
        ) {
            let total: i64 = parts.iter().sum();
            let shown = display_table(&table(&parts, total, TotalDisplay::NoteWhenUnequal)).unwrap();
            let sum: Decimal = shown.rows.iter().filter_map(|r| r.cells.first().and_then(|c| c.value)).sum();
            let shown_total = shown.total.as_ref().and_then(|r| r.cells.first()).and_then(|c| c.value).unwrap();
            prop_assert_eq!(shown.notes.is_empty(), sum == shown_total);
        }
    }
}
