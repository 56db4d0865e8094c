//! Rules a table must satisfy, as data.

use rust_decimal::Decimal;

use super::CellRef;

/// Which rows (or columns) a rule applies to.
///
/// # Example
/// ```
/// use namnd_calc::check::Selection;
/// assert_eq!(Selection::default(), Selection::All);
/// let some = Selection::named(["Stab", "HSL"]);
/// assert_eq!(some, Selection::Named(vec!["Stab".into(), "HSL".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub enum Selection {
    /// Every row (or column) of the table, in order.
    #[default]
    All,
    /// Only these, in this order.
    Named(Vec<String>),
}

impl Selection {
    /// A selection of the given labels.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Selection;
    /// assert!(matches!(Selection::named(["Summa"]), Selection::Named(v) if v.len() == 1));
    /// ```
    pub fn named(labels: impl IntoIterator<Item = impl Into<String>>) -> Selection {
        Selection::Named(labels.into_iter().map(Into::into).collect())
    }
}

/// One term `coefficient × column` of a linear relation.
///
/// # Example
/// ```
/// use namnd_calc::check::Term;
/// use namnd_core::Decimal;
/// assert_eq!(Term::minus("Budget").coefficient, Decimal::NEGATIVE_ONE);
/// assert_eq!(Term::times(Decimal::TWO, "Utfall").column, "Utfall");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Term {
    /// The factor.
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub coefficient: Decimal,
    /// The column label.
    pub column: String,
}

impl Term {
    /// `+ column`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Term;
    /// use namnd_core::Decimal;
    /// assert_eq!(Term::plus("Anslag").coefficient, Decimal::ONE);
    /// ```
    pub fn plus(column: impl Into<String>) -> Term {
        Term::times(Decimal::ONE, column)
    }

    /// `− column`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Term;
    /// use namnd_core::Decimal;
    /// assert_eq!(Term::minus("Prognos").coefficient, Decimal::NEGATIVE_ONE);
    /// ```
    pub fn minus(column: impl Into<String>) -> Term {
        Term::times(Decimal::NEGATIVE_ONE, column)
    }

    /// `coefficient × column`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Term;
    /// use namnd_core::Decimal;
    /// let t = Term::times(Decimal::new(5, 1), "Budget");
    /// assert_eq!((t.coefficient, t.column.as_str()), (Decimal::new(5, 1), "Budget"));
    /// ```
    pub fn times(coefficient: Decimal, column: impl Into<String>) -> Term {
        Term {
            coefficient,
            column: column.into(),
        }
    }
}

/// A linear relation between columns, checked in each selected row:
/// `target = Σ coefficient × column`.
///
/// `Resultat = Anslag + Övriga intäkter + Kostnad` is
/// `Relation::sum(table, "Resultat", ["Anslag", "Övriga intäkter", "Kostnad"])`;
/// `Avvikelse = Budget − Prognos` is
/// `Relation::difference(table, "Avvikelse", "Budget", "Prognos")`.
///
/// Without an explicit tolerance the allowed |difference| is
/// `Σ |coefficient|·half_unit(term)`, plus the target's half unit unless the
/// target is stated with exactly the decimals of every term (and every
/// coefficient is whole): `Avvikelse = Utfall − Budget` in whole tkr allows
/// 1 tkr; the same with `Avvikelse` printed to 0,1 tkr allows 1,05 tkr.
///
/// # Example
/// ```
/// use namnd_calc::check::{Relation, Selection, Term};
/// use namnd_core::Decimal;
///
/// let rule = Relation::difference("Gnesta 2022", "Avvikelse", "Utfall", "Budget")
///     .in_rows(["Socialnämnden"])
///     .with_tolerance(Decimal::ONE);
/// assert_eq!(rule.terms, [Term::plus("Utfall"), Term::minus("Budget")]);
/// assert_eq!(rule.rows, Selection::named(["Socialnämnden"]));
/// assert_eq!(rule.tolerance, Some(Decimal::ONE));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Relation {
    /// The table's name.
    pub table: String,
    /// The column the relation computes.
    pub target: String,
    /// The terms summed to give the target.
    pub terms: Vec<Term>,
    /// The rows checked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rows: Selection,
    /// The allowed |difference|; `None` derives it from the stated precision.
    #[cfg_attr(
        feature = "serde",
        serde(default, with = "rust_decimal::serde::str_option")
    )]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tolerance: Option<Decimal>,
}

impl Relation {
    /// `target = Σ terms`, in every row.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Relation, Term};
    /// use namnd_core::Decimal;
    /// let r = Relation::new("t", "P", [Term::times(Decimal::TWO, "A"), Term::minus("B")]);
    /// assert_eq!(r.terms.len(), 2);
    /// ```
    pub fn new(
        table: impl Into<String>,
        target: impl Into<String>,
        terms: impl IntoIterator<Item = Term>,
    ) -> Relation {
        Relation {
            table: table.into(),
            target: target.into(),
            terms: terms.into_iter().collect(),
            rows: Selection::All,
            tolerance: None,
        }
    }

    /// `target = column₁ + column₂ + …`, in every row.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Relation, Term};
    /// let r = Relation::sum("Oxelösund 2021", "Resultat", ["Anslag", "Övriga intäkter", "Kostnad"]);
    /// assert_eq!(r.terms.first(), Some(&Term::plus("Anslag")));
    /// ```
    pub fn sum(
        table: impl Into<String>,
        target: impl Into<String>,
        columns: impl IntoIterator<Item = impl Into<String>>,
    ) -> Relation {
        Relation::new(table, target, columns.into_iter().map(Term::plus))
    }

    /// `target = minuend − subtrahend`, in every row.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Relation, Term};
    /// let r = Relation::difference("t", "Avvikelse", "Budget", "Prognos");
    /// assert_eq!(r.terms, [Term::plus("Budget"), Term::minus("Prognos")]);
    /// ```
    pub fn difference(
        table: impl Into<String>,
        target: impl Into<String>,
        minuend: impl Into<String>,
        subtrahend: impl Into<String>,
    ) -> Relation {
        Relation::new(
            table,
            target,
            [Term::plus(minuend), Term::minus(subtrahend)],
        )
    }

    /// The relation restricted to the named rows.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Relation, Selection};
    /// let r = Relation::sum("t", "C", ["A", "B"]).in_rows(["Summa"]);
    /// assert_eq!(r.rows, Selection::named(["Summa"]));
    /// ```
    pub fn in_rows(mut self, rows: impl IntoIterator<Item = impl Into<String>>) -> Relation {
        self.rows = Selection::named(rows);
        self
    }

    /// The relation with an explicit tolerance (allowed |difference|) instead
    /// of one derived from the stated precision.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Relation;
    /// use namnd_core::Decimal;
    /// let r = Relation::sum("t", "C", ["A", "B"]).with_tolerance(Decimal::TEN);
    /// assert_eq!(r.tolerance, Some(Decimal::TEN));
    /// ```
    pub fn with_tolerance(mut self, tolerance: Decimal) -> Relation {
        self.tolerance = Some(tolerance);
        self
    }
}

/// Which rows a total row adds up.
///
/// A *total row* is any row that is the `row` of a [`Total`] rule on the same
/// table.
///
/// # Example
/// ```
/// use namnd_calc::check::Addends;
/// let named = Addends::rows(["Stab", "LSS"]);
/// assert_eq!(named, Addends::Rows(vec!["Stab".into(), "LSS".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Addends {
    /// The rows between the previous total row (or the top) and this one: a
    /// subtotal of its block.
    SincePreviousTotal,
    /// Every row above that is not itself a total row: a grand total over
    /// blocks with subtotals, without counting the subtotals twice.
    AllAbove,
    /// The named rows.
    Rows(Vec<String>),
}

impl Addends {
    /// The named rows.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Addends;
    /// assert!(matches!(Addends::rows(["A"]), Addends::Rows(r) if r == ["A"]));
    /// ```
    pub fn rows(labels: impl IntoIterator<Item = impl Into<String>>) -> Addends {
        Addends::Rows(labels.into_iter().map(Into::into).collect())
    }
}

/// A total row: in each selected column, `row = Σ addend rows`.
///
/// Without an explicit tolerance, n addends stated to whole tkr and a total
/// stated to whole tkr allow n × 0,5 tkr (the total's own half unit is
/// absorbed); when the total's decimals differ from some addend's, its half
/// unit is added.
///
/// # Example
/// ```
/// use namnd_calc::check::{Addends, Selection, Total};
///
/// let summa = Total::above("Gnesta 2022", "SUMMA").in_columns(["Budget", "Utfall"]);
/// assert_eq!(summa.addends, Addends::SincePreviousTotal);
/// assert_eq!(summa.columns, Selection::named(["Budget", "Utfall"]));
/// let grand = Total::all_above("t", "Totalt");
/// assert_eq!(grand.addends, Addends::AllAbove);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Total {
    /// The table's name.
    pub table: String,
    /// The label of the total row.
    pub row: String,
    /// The rows it adds up.
    pub addends: Addends,
    /// The columns checked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub columns: Selection,
    /// The allowed |difference|; `None` derives it from the stated precision.
    #[cfg_attr(
        feature = "serde",
        serde(default, with = "rust_decimal::serde::str_option")
    )]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tolerance: Option<Decimal>,
}

impl Total {
    /// `row` is the sum of the rows since the previous total row (or the top),
    /// in every column.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Addends, Total};
    /// assert_eq!(Total::above("t", "Summa").addends, Addends::SincePreviousTotal);
    /// ```
    pub fn above(table: impl Into<String>, row: impl Into<String>) -> Total {
        Total::new(table, row, Addends::SincePreviousTotal)
    }

    /// `row` is the sum of every non-total row above it, in every column.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Addends, Total};
    /// assert_eq!(Total::all_above("t", "Totalt").addends, Addends::AllAbove);
    /// ```
    pub fn all_above(table: impl Into<String>, row: impl Into<String>) -> Total {
        Total::new(table, row, Addends::AllAbove)
    }

    /// `row` is the sum of the named rows, in every column.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Addends, Total};
    /// let t = Total::of_rows("t", "Summa", ["A", "B"]);
    /// assert_eq!(t.addends, Addends::rows(["A", "B"]));
    /// ```
    pub fn of_rows(
        table: impl Into<String>,
        row: impl Into<String>,
        rows: impl IntoIterator<Item = impl Into<String>>,
    ) -> Total {
        Total::new(table, row, Addends::rows(rows))
    }

    /// `row` is the sum of `addends`, in every column.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Addends, Selection, Total};
    /// let t = Total::new("t", "Summa", Addends::AllAbove);
    /// assert_eq!(t.columns, Selection::All);
    /// ```
    pub fn new(table: impl Into<String>, row: impl Into<String>, addends: Addends) -> Total {
        Total {
            table: table.into(),
            row: row.into(),
            addends,
            columns: Selection::All,
            tolerance: None,
        }
    }

    /// The total restricted to the named columns.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Selection, Total};
    /// assert_eq!(Total::above("t", "S").in_columns(["A"]).columns, Selection::named(["A"]));
    /// ```
    pub fn in_columns(mut self, columns: impl IntoIterator<Item = impl Into<String>>) -> Total {
        self.columns = Selection::named(columns);
        self
    }

    /// The total with an explicit tolerance.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Total;
    /// use namnd_core::Decimal;
    /// assert_eq!(Total::above("t", "S").with_tolerance(Decimal::ONE).tolerance, Some(Decimal::ONE));
    /// ```
    pub fn with_tolerance(mut self, tolerance: Decimal) -> Total {
        self.tolerance = Some(tolerance);
        self
    }
}

/// A percentage column, checked in each selected row:
/// `target = numerator / denominator × 100`.
///
/// Without an explicit tolerance the allowed |difference| is the target's
/// half unit at its stated decimals: 14 of 16 printed 88 % (exact 87,5 %) is
/// rounding, printed 82 % is an error. The numerator and denominator are
/// taken as they stand; give [`Percentage::with_tolerance`] for more slack
/// (for instance when they are themselves rounded amounts). A zero
/// denominator, or one so close to zero that the quotient leaves the range of
/// `Decimal`, makes the row [`Unchecked`](crate::check::Unchecked).
///
/// # Example
/// ```
/// use namnd_calc::check::Percentage;
/// let p = Percentage::new("Senior Alert", "Andel", "Bedömda", "Antal").in_rows(["Ekhagen"]);
/// assert_eq!((p.numerator.as_str(), p.denominator.as_str()), ("Bedömda", "Antal"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Percentage {
    /// The table's name.
    pub table: String,
    /// The percentage column.
    pub target: String,
    /// The column divided.
    pub numerator: String,
    /// The column divided by.
    pub denominator: String,
    /// The rows checked.
    #[cfg_attr(feature = "serde", serde(default))]
    pub rows: Selection,
    /// The allowed |difference| in percentage points; `None` derives it from
    /// the stated precision.
    #[cfg_attr(
        feature = "serde",
        serde(default, with = "rust_decimal::serde::str_option")
    )]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tolerance: Option<Decimal>,
}

impl Percentage {
    /// `target = numerator / denominator × 100`, in every row.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Percentage, Selection};
    /// assert_eq!(Percentage::new("t", "P", "A", "B").rows, Selection::All);
    /// ```
    pub fn new(
        table: impl Into<String>,
        target: impl Into<String>,
        numerator: impl Into<String>,
        denominator: impl Into<String>,
    ) -> Percentage {
        Percentage {
            table: table.into(),
            target: target.into(),
            numerator: numerator.into(),
            denominator: denominator.into(),
            rows: Selection::All,
            tolerance: None,
        }
    }

    /// The rule restricted to the named rows.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Percentage, Selection};
    /// assert_eq!(Percentage::new("t", "P", "A", "B").in_rows(["x"]).rows, Selection::named(["x"]));
    /// ```
    pub fn in_rows(mut self, rows: impl IntoIterator<Item = impl Into<String>>) -> Percentage {
        self.rows = Selection::named(rows);
        self
    }

    /// The rule with an explicit tolerance, in percentage points.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::Percentage;
    /// use namnd_core::Decimal;
    /// let p = Percentage::new("t", "P", "A", "B").with_tolerance(Decimal::new(5, 1));
    /// assert_eq!(p.tolerance, Some(Decimal::new(5, 1)));
    /// ```
    pub fn with_tolerance(mut self, tolerance: Decimal) -> Percentage {
        self.tolerance = Some(tolerance);
        self
    }
}

/// The same figure shown in two places must agree: `left = right`.
///
/// Without an explicit tolerance, two cells stated with the same decimals
/// must agree exactly; otherwise the two half units are allowed (−11 756,7
/// against −11 757 allows 0,55).
///
/// # Example
/// ```
/// use namnd_calc::check::{CellRef, Equality};
/// let same = Equality::new(
///     CellRef::new("Sammanställning", "Boendestöd", "Avvikelse"),
///     CellRef::new("Enhetstabell", "Boendestöd", "Avvikelse"),
/// );
/// assert_eq!(same.left.table, "Sammanställning");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Equality {
    /// The cell checked (the finding names it).
    pub left: CellRef,
    /// The cell it must equal.
    pub right: CellRef,
    /// The allowed |difference|; `None` derives it from the stated precision.
    #[cfg_attr(
        feature = "serde",
        serde(default, with = "rust_decimal::serde::str_option")
    )]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    pub tolerance: Option<Decimal>,
}

impl Equality {
    /// `left = right`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{CellRef, Equality};
    /// let e = Equality::new(CellRef::new("a", "r", "c"), CellRef::new("b", "r", "c"));
    /// assert_eq!(e.tolerance, None);
    /// ```
    pub fn new(left: CellRef, right: CellRef) -> Equality {
        Equality {
            left,
            right,
            tolerance: None,
        }
    }

    /// The rule with an explicit tolerance.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{CellRef, Equality};
    /// use namnd_core::Decimal;
    /// let e = Equality::new(CellRef::new("a", "r", "c"), CellRef::new("b", "r", "c"))
    ///     .with_tolerance(Decimal::ONE);
    /// assert_eq!(e.tolerance, Some(Decimal::ONE));
    /// ```
    pub fn with_tolerance(mut self, tolerance: Decimal) -> Equality {
        self.tolerance = Some(tolerance);
        self
    }
}

/// A rule the tables must satisfy.
///
/// Tolerances (see also the [module documentation](crate::check#tolerances)):
/// a rule without an explicit tolerance allows the slack its stated values
/// explain.
/// - [`Relation`], [`Total`] and [`Equality`], `target = Σ cᵢ·xᵢ`:
///   `Σ |cᵢ|·half_unit(xᵢ)`, plus `half_unit(target)` unless the target is
///   stated with exactly the decimals of every term (and every cᵢ is whole),
///   in which case the target's half unit is absorbed: a sum of n values each
///   stated to whole tkr may be off by up to n × 0,5 tkr.
/// - [`Percentage`], `P = A / B × 100`: `half_unit(P)`, the stated decimals of
///   P; A and B are taken as they stand.
///
/// # Example
/// ```
/// use namnd_calc::check::{Relation, Rule, Total};
/// let rules: Vec<Rule> = vec![
///     Relation::sum("Oxelösund 2021", "Resultat", ["Anslag", "Övriga intäkter", "Kostnad"]).into(),
///     Total::above("Oxelösund 2021", "Summa för ansvarsområdet").into(),
/// ];
/// assert!(matches!(rules.first(), Some(Rule::Relation(_))));
/// assert_eq!(rules.get(1).map(Rule::table), Some("Oxelösund 2021"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Rule {
    /// A linear relation between columns, per row.
    Relation(Relation),
    /// A total row.
    Total(Total),
    /// A percentage column, per row.
    Percentage(Percentage),
    /// The same figure in two places.
    Equality(Equality),
}

impl Rule {
    /// The table the rule is about (for an [`Equality`], its left cell's table).
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Percentage, Rule};
    /// assert_eq!(Rule::from(Percentage::new("t", "P", "A", "B")).table(), "t");
    /// ```
    pub fn table(&self) -> &str {
        match self {
            Rule::Relation(r) => &r.table,
            Rule::Total(t) => &t.table,
            Rule::Percentage(p) => &p.table,
            Rule::Equality(e) => &e.left.table,
        }
    }

    /// The explicit tolerance, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{Rule, Total};
    /// use namnd_core::Decimal;
    /// assert_eq!(Rule::from(Total::above("t", "S")).tolerance(), None);
    /// assert_eq!(Rule::from(Total::above("t", "S").with_tolerance(Decimal::ONE)).tolerance(), Some(Decimal::ONE));
    /// ```
    pub fn tolerance(&self) -> Option<Decimal> {
        match self {
            Rule::Relation(r) => r.tolerance,
            Rule::Total(t) => t.tolerance,
            Rule::Percentage(p) => p.tolerance,
            Rule::Equality(e) => e.tolerance,
        }
    }
}

impl From<Relation> for Rule {
    fn from(rule: Relation) -> Rule {
        Rule::Relation(rule)
    }
}

impl From<Total> for Rule {
    fn from(rule: Total) -> Rule {
        Rule::Total(rule)
    }
}

impl From<Percentage> for Rule {
    fn from(rule: Percentage) -> Rule {
        Rule::Percentage(rule)
    }
}

impl From<Equality> for Rule {
    fn from(rule: Equality) -> Rule {
        Rule::Equality(rule)
    }
}
