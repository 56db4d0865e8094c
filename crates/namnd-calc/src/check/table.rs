//! Tables of stated values: what a committee document printed.

use namnd_core::{CoreError, SwedishNumber};
use rust_decimal::Decimal;

use crate::{CalcError, Result};

/// The most decimals a `Decimal` holds.
const MAX_DECIMALS: u32 = 28;

/// A value as a document printed it: the number and how many decimals were
/// shown, which tells how far the exact value may lie from it.
///
/// # Example
/// ```
/// use namnd_calc::check::StatedValue;
/// use namnd_core::Decimal;
///
/// let v = StatedValue::parse("−40,2")?;
/// assert_eq!((v.value(), v.decimals()), (Decimal::new(-402, 1), 1));
/// assert_eq!(v.half_unit(), Decimal::new(5, 2));
/// assert_eq!(v, StatedValue::new(Decimal::new(-402, 1), 1)?);
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "StatedValueRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct StatedValue {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    decimals: u32,
}

/// The unchecked wire form of a [`StatedValue`]; deserialising validates it.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct StatedValueRepr {
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    value: Decimal,
    decimals: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<StatedValueRepr> for StatedValue {
    type Error = CalcError;

    fn try_from(repr: StatedValueRepr) -> Result<StatedValue> {
        StatedValue::new(repr.value, repr.decimals)
    }
}

impl StatedValue {
    /// A value printed with `decimals` decimals.
    ///
    /// # Errors
    /// [`CoreError::TooManyDecimals`] (wrapped) if `decimals` exceeds 28;
    /// [`CoreError::MoreDecimalsThanStated`] (wrapped) if `value` has more
    /// decimals than were stated (`1,25` cannot have been printed with one
    /// decimal).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::StatedValue;
    /// use namnd_core::Decimal;
    ///
    /// let v = StatedValue::new(Decimal::from(1_418), 1)?; // printed "1 418,0"
    /// assert_eq!(v.decimals(), 1);
    /// assert!(matches!(
    ///     StatedValue::new(Decimal::new(125, 2), 1),
    ///     Err(namnd_calc::CalcError::Core(namnd_core::CoreError::MoreDecimalsThanStated { .. }))
    /// ));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(value: Decimal, decimals: u32) -> Result<StatedValue> {
        if decimals > MAX_DECIMALS {
            return Err(CoreError::TooManyDecimals { decimals }.into());
        }
        if value.normalize().scale() > decimals {
            return Err(CoreError::MoreDecimalsThanStated { value, decimals }.into());
        }
        Ok(StatedValue { value, decimals })
    }

    /// Reads a number written the Swedish way ([`SwedishNumber::parse`]); its
    /// unit, if any, is ignored.
    ///
    /// # Errors
    /// [`CalcError::Core`] with the parser's error.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::StatedValue;
    /// use namnd_core::Decimal;
    ///
    /// assert_eq!(StatedValue::parse("-263 094")?.value(), Decimal::from(-263_094));
    /// assert!(matches!(StatedValue::parse("1 5 341"), Err(namnd_calc::CalcError::Core(_))));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn parse(text: &str) -> Result<StatedValue> {
        Ok(SwedishNumber::parse(text)?.into())
    }

    /// The value as printed.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::StatedValue;
    /// use namnd_core::Decimal;
    /// assert_eq!(StatedValue::parse("1 418,0")?.value(), Decimal::from(1_418));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// How many decimals were printed.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::StatedValue;
    /// assert_eq!(StatedValue::parse("10 978,1")?.decimals(), 1);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    /// Half a unit in the last printed decimal: how far the exact value may
    /// lie from the printed one (0,5 for integers, 0,05 for one decimal).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::StatedValue;
    /// use namnd_core::Decimal;
    /// assert_eq!(StatedValue::parse("-917")?.half_unit(), Decimal::new(5, 1));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn half_unit(&self) -> Decimal {
        // A `Decimal` has at most 28 decimals; the half unit of a value stated
        // to 28 decimals is therefore rounded up to 5 × 10⁻²⁸.
        let scale = self.decimals.saturating_add(1).min(MAX_DECIMALS);
        Decimal::try_new(5, scale).unwrap_or(Decimal::ZERO)
    }
}

/// Keeps the printed value and decimals (the unit is dropped).
impl From<SwedishNumber> for StatedValue {
    fn from(n: SwedishNumber) -> StatedValue {
        StatedValue {
            value: n.value(),
            decimals: n.decimals(),
        }
    }
}

/// One cell of a table: which table, row and column.
///
/// # Example
/// ```
/// use namnd_calc::check::CellRef;
/// let cell = CellRef::new("Ekonomiskt utfall 2021", "Integration", "Resultat");
/// assert_eq!(cell.row, "Integration");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct CellRef {
    /// The table's name.
    pub table: String,
    /// The row's label.
    pub row: String,
    /// The column's label.
    pub column: String,
}

impl CellRef {
    /// The cell at `row` and `column` of `table`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::CellRef;
    /// let cell = CellRef::new("Gnesta 2022", "SUMMA", "Utfall");
    /// assert_eq!((cell.table.as_str(), cell.column.as_str()), ("Gnesta 2022", "Utfall"));
    /// ```
    pub fn new(
        table: impl Into<String>,
        row: impl Into<String>,
        column: impl Into<String>,
    ) -> CellRef {
        CellRef {
            table: table.into(),
            row: row.into(),
            column: column.into(),
        }
    }
}

/// One labelled row of a [`Table`]: a cell per column, `None` where the
/// document printed nothing (or "–").
///
/// # Example
/// ```
/// use namnd_calc::check::{StatedValue, Table};
///
/// let table = Table::new("t", ["Budget", "Utfall"])?
///     .with_row("Stab", [Some(StatedValue::parse("-2 647")?), None])?;
/// let row = table.rows().first().ok_or(namnd_calc::CalcError::Empty { what: "rows" })?;
/// assert_eq!((row.label(), row.cells().len()), ("Stab", 2));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Row {
    label: String,
    cells: Vec<Option<StatedValue>>,
}

impl Row {
    /// The row's label.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Table;
    /// let table = Table::new("t", ["A"])?.with_row("Summa", [None])?;
    /// assert_eq!(table.rows().first().map(|r| r.label()), Some("Summa"));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The cells, one per column of the table.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{StatedValue, Table};
    /// let table = Table::new("t", ["A"])?.with_row("x", [Some(StatedValue::parse("7")?)])?;
    /// assert_eq!(table.rows().first().map(|r| r.cells().len()), Some(1));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn cells(&self) -> &[Option<StatedValue>] {
        &self.cells
    }
}

/// A named table of labelled rows and columns whose cells are stated values.
///
/// Row labels are unique within a table, and so are column labels; every row
/// has one cell per column. Cells may be missing; a rule that needs a missing
/// cell is reported as [`Unchecked`](crate::check::Unchecked) rather than
/// guessed.
///
/// # Example
/// ```
/// use namnd_calc::{CalcError, check::{StatedValue, Table}};
///
/// let v = |s: &str| StatedValue::parse(s).map(Some);
/// let table = Table::new("Gnesta 2022", ["Budget", "Utfall", "Avvikelse"])?
///     .with_row("Socialnämnden", [v("-877")?, v("-917")?, v("-40,2")?])?;
/// assert_eq!(table.cell("Socialnämnden", "Avvikelse")?, Some(StatedValue::parse("-40,2")?));
///
/// assert!(matches!(
///     table.clone().with_row("Socialnämnden", [None, None, None]),
///     Err(CalcError::DuplicateLabel { kind: "row", .. })
/// ));
/// assert!(matches!(
///     table.with_row("Stab", [None, None]),
///     Err(CalcError::RowLength { expected: 3, found: 2, .. })
/// ));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TableRepr"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Table {
    name: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

/// The unchecked wire form of a [`Table`]; deserialising validates it.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
struct TableRepr {
    name: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

#[cfg(feature = "serde")]
impl TryFrom<TableRepr> for Table {
    type Error = CalcError;

    fn try_from(repr: TableRepr) -> Result<Table> {
        let mut table = Table::new(repr.name, repr.columns)?;
        for row in repr.rows {
            table.push_row(row.label, row.cells)?;
        }
        Ok(table)
    }
}

impl Table {
    /// An empty table with the given column labels.
    ///
    /// # Errors
    /// [`CalcError::DuplicateLabel`] if two columns have the same label.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Table;
    /// let table = Table::new("Flen november 2023", ["Budget", "Utfall", "Avvikelse"])?;
    /// assert_eq!(table.columns().len(), 3);
    /// assert!(matches!(
    ///     Table::new("t", ["A", "A"]),
    ///     Err(namnd_calc::CalcError::DuplicateLabel { kind: "column", .. })
    /// ));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn new(
        name: impl Into<String>,
        columns: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<Table> {
        let name = name.into();
        let mut labels: Vec<String> = Vec::new();
        for column in columns {
            let column = column.into();
            if labels.contains(&column) {
                return Err(CalcError::DuplicateLabel {
                    table: name,
                    kind: "column",
                    label: column,
                });
            }
            labels.push(column);
        }
        Ok(Table {
            name,
            columns: labels,
            rows: Vec::new(),
        })
    }

    /// Appends a row.
    ///
    /// # Errors
    /// [`CalcError::DuplicateLabel`] if the table already has a row with this
    /// label; [`CalcError::RowLength`] if the row does not have one cell per
    /// column.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{StatedValue, Table};
    /// let mut table = Table::new("t", ["Budget"])?;
    /// table.push_row("Stab", [Some(StatedValue::parse("-2 647")?)])?;
    /// assert_eq!(table.rows().len(), 1);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn push_row(
        &mut self,
        label: impl Into<String>,
        cells: impl IntoIterator<Item = Option<StatedValue>>,
    ) -> Result<()> {
        let label = label.into();
        if self.row_index(&label).is_some() {
            return Err(CalcError::DuplicateLabel {
                table: self.name.clone(),
                kind: "row",
                label,
            });
        }
        let cells: Vec<Option<StatedValue>> = cells.into_iter().collect();
        if cells.len() != self.columns.len() {
            return Err(CalcError::RowLength {
                table: self.name.clone(),
                row: label,
                expected: self.columns.len(),
                found: cells.len(),
            });
        }
        self.rows.push(Row { label, cells });
        Ok(())
    }

    /// The table with one more row (see [`Table::push_row`]).
    ///
    /// # Errors
    /// As [`Table::push_row`].
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{StatedValue, Table};
    /// let one = Some(StatedValue::parse("1")?);
    /// let table = Table::new("t", ["A"])?.with_row("x", [one])?.with_row("y", [one])?;
    /// assert_eq!(table.rows().len(), 2);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn with_row(
        mut self,
        label: impl Into<String>,
        cells: impl IntoIterator<Item = Option<StatedValue>>,
    ) -> Result<Table> {
        self.push_row(label, cells)?;
        Ok(self)
    }

    /// The table's name.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Table;
    /// assert_eq!(Table::new("Gnesta 2022", ["A"])?.name(), "Gnesta 2022");
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The column labels, in order.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Table;
    /// assert_eq!(Table::new("t", ["Budget", "Utfall"])?.columns(), ["Budget", "Utfall"]);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The rows, top to bottom.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Table;
    /// assert!(Table::new("t", ["A"])?.rows().is_empty());
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The cell at `row` and `column`; `None` if it is missing.
    ///
    /// # Errors
    /// [`CalcError::UnknownRow`] or [`CalcError::UnknownColumn`] naming the
    /// table and the label asked for.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, check::{StatedValue, Table}};
    /// let table = Table::new("t", ["A", "B"])?.with_row("x", [Some(StatedValue::parse("1")?), None])?;
    /// assert_eq!(table.cell("x", "B")?, None);
    /// assert!(matches!(table.cell("x", "C"), Err(CalcError::UnknownColumn { .. })));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn cell(&self, row: &str, column: &str) -> Result<Option<StatedValue>> {
        let r = self.require_row(row)?;
        let c = self.require_column(column)?;
        Ok(self.value_at(r, c))
    }

    /// The position of the row labelled `label`.
    pub(super) fn row_index(&self, label: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.label == label)
    }

    /// The position of the row labelled `label`, or [`CalcError::UnknownRow`].
    pub(super) fn require_row(&self, label: &str) -> Result<usize> {
        self.row_index(label).ok_or_else(|| CalcError::UnknownRow {
            table: self.name.clone(),
            row: label.to_owned(),
        })
    }

    /// The position of the column labelled `label`, or [`CalcError::UnknownColumn`].
    pub(super) fn require_column(&self, label: &str) -> Result<usize> {
        self.columns
            .iter()
            .position(|c| c == label)
            .ok_or_else(|| CalcError::UnknownColumn {
                table: self.name.clone(),
                column: label.to_owned(),
            })
    }

    /// The cell at the given positions, `None` if missing or out of range.
    pub(super) fn value_at(&self, row: usize, column: usize) -> Option<StatedValue> {
        self.rows
            .get(row)
            .and_then(|r| r.cells.get(column))
            .copied()
            .flatten()
    }

    /// The row label at a position (empty if out of range, which the checker
    /// never asks for).
    pub(super) fn row_label(&self, row: usize) -> &str {
        self.rows.get(row).map_or("", |r| r.label.as_str())
    }

    /// The column label at a position (empty if out of range).
    pub(super) fn column_label(&self, column: usize) -> &str {
        self.columns.get(column).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rejects_duplicate_column_labels() {
        let err = Table::new("t", ["Budget", "Utfall", "Budget"]).unwrap_err();
        assert_eq!(
            err,
            CalcError::DuplicateLabel {
                table: "t".into(),
                kind: "column",
                label: "Budget".into()
            }
        );
    }

    #[test]
    fn table_rejects_duplicate_row_labels() {
        let mut t = Table::new("t", ["A"]).unwrap();
        t.push_row("Stab", [None]).unwrap();
        let err = t.push_row("Stab", [None]).unwrap_err();
        assert_eq!(err.to_string(), r#"table "t" has the row "Stab" twice"#);
    }

    #[test]
    fn table_rejects_rows_of_the_wrong_length() {
        let mut t = Table::new("t", ["A", "B"]).unwrap();
        let err = t.push_row("x", [None, None, None]).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"table "t" row "x" has 3 cells; the table has 2 columns"#
        );
        assert!(t.rows().is_empty());
    }

    #[test]
    fn table_lookup_names_table_and_label() {
        let t = Table::new("t", ["A"])
            .unwrap()
            .with_row("x", [None])
            .unwrap();
        assert_eq!(
            t.cell("y", "A").unwrap_err(),
            CalcError::UnknownRow {
                table: "t".into(),
                row: "y".into()
            }
        );
        assert_eq!(t.cell("x", "A").unwrap(), None);
    }

    #[test]
    fn stated_value_keeps_printed_decimals() {
        let v = StatedValue::parse("1 418,0").unwrap();
        assert_eq!((v.value(), v.decimals()), (Decimal::from(1418), 1));
        assert_eq!(v.half_unit(), Decimal::new(5, 2));
        assert!(StatedValue::new(Decimal::ONE, 29).is_err());
        let tiny = StatedValue::new(Decimal::ONE, 28).unwrap();
        assert!(tiny.half_unit() > Decimal::ZERO);
    }
}
