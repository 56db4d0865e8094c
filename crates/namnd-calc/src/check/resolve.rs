//! Turning rules over labels into instances over cell positions.

use rust_decimal::Decimal;

use super::{Addends, CellRef, Equality, Percentage, Relation, Rule, Selection, Table, Total};
use crate::{CalcError, Result};

/// The position of a cell among the tables given to the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CellId {
    /// Index of the table.
    pub(super) table: usize,
    /// Index of the row in that table.
    pub(super) row: usize,
    /// Index of the column in that table.
    pub(super) column: usize,
}

/// The equation one rule instance states.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
    /// `target = Σ coefficient × cell`.
    Linear {
        /// The cell computed.
        target: CellId,
        /// The terms.
        terms: Vec<(Decimal, CellId)>,
    },
    /// `target = numerator / denominator × 100`.
    Percentage {
        /// The percentage cell.
        target: CellId,
        /// The cell divided.
        numerator: CellId,
        /// The cell divided by.
        denominator: CellId,
    },
}

impl Shape {
    /// The cell the instance computes.
    pub(super) fn target(&self) -> CellId {
        match self {
            Shape::Linear { target, .. } | Shape::Percentage { target, .. } => *target,
        }
    }

    /// Every cell the instance reads, the target first.
    pub(super) fn cells(&self) -> Vec<CellId> {
        match self {
            Shape::Linear { target, terms } => core::iter::once(*target)
                .chain(terms.iter().map(|(_, c)| *c))
                .collect(),
            Shape::Percentage {
                target,
                numerator,
                denominator,
            } => vec![*target, *numerator, *denominator],
        }
    }

    /// Whether the instance reads `cell`.
    pub(super) fn touches(&self, cell: CellId) -> bool {
        self.cells().contains(&cell)
    }
}

/// One rule applied to one row (or column, or pair of cells).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Instance {
    /// Index of the rule in the caller's slice.
    pub(super) rule: usize,
    /// The equation.
    pub(super) shape: Shape,
    /// The rule's explicit tolerance, if any.
    pub(super) tolerance: Option<Decimal>,
}

/// The name of the cell at `id`.
pub(super) fn cell_ref(tables: &[Table], id: CellId) -> CellRef {
    match tables.get(id.table) {
        Some(t) => CellRef::new(t.name(), t.row_label(id.row), t.column_label(id.column)),
        None => CellRef::new("", "", ""),
    }
}

/// Every instance of every rule, in rule order, then row/column order.
///
/// # Errors
/// [`CalcError::DuplicateTable`] if two tables share a name; otherwise
/// [`CalcError::InvalidRule`] with the rule's index around the `Unknown*`
/// errors for labels the tables do not have, [`CalcError::EmptyTotal`] for a
/// total with nothing to add, or [`CalcError::NegativeTolerance`].
pub(super) fn resolve(tables: &[Table], rules: &[Rule]) -> Result<Vec<Instance>> {
    for (i, t) in tables.iter().enumerate() {
        if tables.iter().take(i).any(|u| u.name() == t.name()) {
            return Err(CalcError::DuplicateTable {
                table: t.name().to_owned(),
            });
        }
    }
    let mut instances = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        let shapes = shapes(tables, rules, rule).map_err(|e| CalcError::InvalidRule {
            rule: index,
            reason: Box::new(e),
        })?;
        instances.extend(shapes.into_iter().map(|shape| Instance {
            rule: index,
            shape,
            tolerance: rule.tolerance(),
        }));
    }
    Ok(instances)
}

/// The equations of one rule.
fn shapes(tables: &[Table], rules: &[Rule], rule: &Rule) -> Result<Vec<Shape>> {
    // A negative zero is zero.
    if let Some(tolerance) = rule.tolerance().filter(|t| *t < Decimal::ZERO) {
        return Err(CalcError::NegativeTolerance {
            table: rule.table().to_owned(),
            tolerance,
        });
    }
    match rule {
        Rule::Relation(r) => relation(tables, r),
        Rule::Total(t) => total(tables, rules, t),
        Rule::Percentage(p) => percentage(tables, p),
        Rule::Equality(e) => equality(tables, e),
    }
}

/// The table named `name`, with its index.
fn find_table<'a>(tables: &'a [Table], name: &str) -> Result<(usize, &'a Table)> {
    tables
        .iter()
        .enumerate()
        .find(|(_, t)| t.name() == name)
        .ok_or_else(|| CalcError::UnknownTable {
            table: name.to_owned(),
        })
}

/// The row indices a selection names.
fn rows_of(table: &Table, selection: &Selection) -> Result<Vec<usize>> {
    match selection {
        Selection::All => Ok((0..table.rows().len()).collect()),
        Selection::Named(labels) => labels.iter().map(|l| table.require_row(l)).collect(),
    }
}

/// The column indices a selection names.
fn columns_of(table: &Table, selection: &Selection) -> Result<Vec<usize>> {
    match selection {
        Selection::All => Ok((0..table.columns().len()).collect()),
        Selection::Named(labels) => labels.iter().map(|l| table.require_column(l)).collect(),
    }
}

fn relation(tables: &[Table], rule: &Relation) -> Result<Vec<Shape>> {
    let (t, table) = find_table(tables, &rule.table)?;
    let target = table.require_column(&rule.target)?;
    let terms = rule
        .terms
        .iter()
        .map(|term| Ok((term.coefficient, table.require_column(&term.column)?)))
        .collect::<Result<Vec<_>>>()?;
    let id = |row, column| CellId {
        table: t,
        row,
        column,
    };
    Ok(rows_of(table, &rule.rows)?
        .into_iter()
        .map(|r| Shape::Linear {
            target: id(r, target),
            terms: terms.iter().map(|&(k, c)| (k, id(r, c))).collect(),
        })
        .collect())
}

/// The rows of `table` that are the total row of some [`Total`] rule.
/// Labels the table lacks are skipped here and reported when that rule is
/// resolved.
fn total_rows(table: &Table, rules: &[Rule]) -> Vec<usize> {
    rules
        .iter()
        .filter_map(|rule| match rule {
            Rule::Total(t) if t.table == table.name() => table.row_index(&t.row),
            _ => None,
        })
        .collect()
}

fn total(tables: &[Table], rules: &[Rule], rule: &Total) -> Result<Vec<Shape>> {
    let (t, table) = find_table(tables, &rule.table)?;
    let row = table.require_row(&rule.row)?;
    let columns = columns_of(table, &rule.columns)?;
    let totals = total_rows(table, rules);
    let addends: Vec<usize> = match &rule.addends {
        Addends::SincePreviousTotal => {
            let start = totals
                .iter()
                .filter(|&&r| r < row)
                .max()
                .map_or(0, |&r| r.saturating_add(1));
            (start..row).collect()
        }
        Addends::AllAbove => (0..row).filter(|r| !totals.contains(r)).collect(),
        Addends::Rows(labels) => labels
            .iter()
            .map(|l| table.require_row(l))
            .collect::<Result<_>>()?,
    };
    if addends.is_empty() {
        return Err(CalcError::EmptyTotal {
            table: rule.table.clone(),
            row: rule.row.clone(),
        });
    }
    let id = |row, column| CellId {
        table: t,
        row,
        column,
    };
    Ok(columns
        .into_iter()
        .map(|c| Shape::Linear {
            target: id(row, c),
            terms: addends.iter().map(|&a| (Decimal::ONE, id(a, c))).collect(),
        })
        .collect())
}

fn percentage(tables: &[Table], rule: &Percentage) -> Result<Vec<Shape>> {
    let (t, table) = find_table(tables, &rule.table)?;
    let target = table.require_column(&rule.target)?;
    let numerator = table.require_column(&rule.numerator)?;
    let denominator = table.require_column(&rule.denominator)?;
    let id = |row, column| CellId {
        table: t,
        row,
        column,
    };
    Ok(rows_of(table, &rule.rows)?
        .into_iter()
        .map(|r| Shape::Percentage {
            target: id(r, target),
            numerator: id(r, numerator),
            denominator: id(r, denominator),
        })
        .collect())
}

/// The position of a named cell.
fn locate(tables: &[Table], cell: &CellRef) -> Result<CellId> {
    let (t, table) = find_table(tables, &cell.table)?;
    Ok(CellId {
        table: t,
        row: table.require_row(&cell.row)?,
        column: table.require_column(&cell.column)?,
    })
}

fn equality(tables: &[Table], rule: &Equality) -> Result<Vec<Shape>> {
    Ok(vec![Shape::Linear {
        target: locate(tables, &rule.left)?,
        terms: vec![(Decimal::ONE, locate(tables, &rule.right)?)],
    }])
}
