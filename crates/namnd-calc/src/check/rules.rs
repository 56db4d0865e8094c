//! The rules file of `namnd check` (RULES.toml), read into [`Rule`]s
//! (feature `toml`).
//!
//! [`RulesFile::parse`] reads the text (any TOML error, unknown key or value
//! of the wrong type is an error naming its line) and gives the head: the
//! table's name, the column names of a table of PDF text and the default
//! tolerance. [`RulesFile::rules`] then makes every entry into a [`Rule`] on
//! a table with known columns, with a [`RuleOrigin`] saying where it came
//! from; every bad entry is reported, not just the first.
//!
//! | Key | Meaning |
//! |---|---|
//! | `tolerance` | default tolerance: `"stated"` (from each cell's printed precision; the default) or an amount ≥ 0, `0.5` or `"0,5"` |
//! | `table` | the table's name (optional) |
//! | `columns` | the column names of a table of PDF text (optional) |
//! | `[[row_rule]]` | per row, `column` = `equals`, a linear combination of columns (`"A + B - 2 * C"`, longest column name first, so names may hold spaces and hyphens); optional `rows`, `tolerance` |
//! | `[[total]]` | `row` is a total of `of`: `"above"` (since the previous total; the default), `"all-above"` or a list of row labels; optional `columns`, `tolerance` |
//! | `[[percent]]` | `column` = `numerator` / `denominator` × 100; optional `rows`, `tolerance` |
//!
//! The file is read with the `toml` crate (with spans, for the lines) rather
//! than by hand. Error messages name the line in the file, never the file
//! (the caller knows it), and quote what they echo through
//! [`namnd_core::quote_for_message`], so no personnummer reaches them.
//!
//! ## Example
//! ```
//! use namnd_calc::check::{check, rules::RulesFile, StatedValue, Table};
//!
//! let file = RulesFile::parse(
//!     "table = \"Flen\"\n[[row_rule]]\ncolumn = \"Avvikelse\"\nequals = \"Utfall - Budget\"\n",
//! )?;
//! let v = |s: &str| StatedValue::parse(s).map(Some);
//! let table = Table::new(file.table().unwrap_or("table"), ["Budget", "Utfall", "Avvikelse"])?
//!     .with_row("Intäkter", [v("3 607")?, v("4 580")?, v("973")?])?;
//! let rules = file.rules(table.columns(), table.name())?;
//! let (only, origin) = rules.first().ok_or(namnd_calc::CalcError::NoRules)?;
//! assert_eq!((origin.to_string(), origin.line), ("row_rule 1".to_owned(), 2));
//! let report = check(&[table], &[only.clone()])?;
//! assert_eq!(report.evaluated, 1);
//! assert!(report.findings.is_empty());
//! # Ok::<(), namnd_calc::CalcError>(())
//! ```

use core::fmt;

use namnd_core::{Decimal, SwedishNumber};
use serde::Deserialize;

use super::{Addends, Percentage, PositionTerm, Relation, Rule, SplitRule, Term, Total};
use crate::{CalcError, Result};

/// The kind of a rules-file entry.
///
/// # Example
/// ```
/// use namnd_calc::check::rules::RuleKind;
/// assert_eq!(RuleKind::RowRule.as_str(), "row_rule");
/// assert_eq!(RuleKind::Percent.to_string(), "percent");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RuleKind {
    /// `[[row_rule]]`: a per-row relation between columns.
    RowRule,
    /// `[[total]]`: a total row.
    Total,
    /// `[[percent]]`: a percentage column.
    Percent,
}

impl RuleKind {
    /// The entry's name in the file: `row_rule`, `total` or `percent`.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::rules::RuleKind;
    /// assert_eq!(RuleKind::Total.as_str(), "total");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::RowRule => "row_rule",
            RuleKind::Total => "total",
            RuleKind::Percent => "percent",
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a rule came from in the rules file: `row_rule 2` at line 7.
///
/// # Example
/// ```
/// use namnd_calc::check::rules::{RuleKind, RuleOrigin};
/// let origin = RuleOrigin { kind: RuleKind::Total, number: 2, line: 7 };
/// assert_eq!(origin.to_string(), "total 2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RuleOrigin {
    /// The kind of entry.
    pub kind: RuleKind,
    /// Its 1-based number among the entries of its kind.
    pub number: usize,
    /// The 1-based line of its `[[…]]` header.
    pub line: u64,
}

impl fmt::Display for RuleOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.number)
    }
}

// ------------------------------------------------------------- the format

/// An amount written in the rules: a number, or a string read the Swedish
/// way (`"0,5"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Amount {
    Integer(i64),
    /// TOML floats; read back through their shortest decimal text, never
    /// computed with.
    Float(f64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Of {
    Keyword(String),
    Rows(Vec<String>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowRuleSpec {
    column: String,
    equals: String,
    #[serde(default)]
    rows: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TotalSpec {
    row: String,
    #[serde(default)]
    of: Option<Of>,
    #[serde(default)]
    columns: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PercentSpec {
    column: String,
    numerator: String,
    denominator: String,
    #[serde(default)]
    rows: Option<Vec<String>>,
    #[serde(default)]
    tolerance: Option<Amount>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    tolerance: Option<toml::Spanned<Amount>>,
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    columns: Option<Vec<String>>,
    #[serde(default)]
    row_rule: Vec<toml::Spanned<RowRuleSpec>>,
    #[serde(default)]
    total: Vec<toml::Spanned<TotalSpec>>,
    #[serde(default)]
    percent: Vec<toml::Spanned<PercentSpec>>,
}

/// A rules file, read: its head and its entries with their lines.
///
/// # Example
/// ```
/// use namnd_calc::check::rules::RulesFile;
/// use namnd_core::Decimal;
///
/// let file = RulesFile::parse(
///     "tolerance = \"0,5\"\ncolumns = [\"A\", \"B\"]\n[[total]]\nrow = \"Summa\"\n",
/// )?;
/// assert_eq!(file.table(), None);
/// assert_eq!(file.columns(), Some(&["A".to_owned(), "B".to_owned()][..]));
/// assert_eq!(file.tolerance(), Some(Decimal::new(5, 1)));
/// # Ok::<(), namnd_calc::CalcError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RulesFile {
    table: Option<String>,
    columns: Option<Vec<String>>,
    tolerance: Option<Decimal>,
    row_rules: Vec<(RowRuleSpec, u64)>,
    totals: Vec<(TotalSpec, u64)>,
    percents: Vec<(PercentSpec, u64)>,
}

impl RulesFile {
    /// Reads the text of a rules file.
    ///
    /// # Errors
    /// [`CalcError::RulesSyntax`] (with the line) for text that is not TOML
    /// or not of the rules file's shape (an unknown key, a value of the wrong
    /// type, a key twice); [`CalcError::InvalidDefaultTolerance`] for a
    /// top-level `tolerance` that is not `"stated"` or an amount ≥ 0;
    /// [`CalcError::NoRules`] for a file without a single entry.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, check::rules::RulesFile};
    ///
    /// let err = RulesFile::parse("[[row_rule]]\ncolumn = \"A\"\nrow = [\"x\"]\n")
    ///     .err()
    ///     .ok_or(CalcError::NoRules)?;
    /// assert!(matches!(err, CalcError::RulesSyntax { line: 3, .. }), "{err}");
    /// assert_eq!(RulesFile::parse("").err(), Some(CalcError::NoRules));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn parse(text: &str) -> Result<RulesFile> {
        let raw: RawFile = toml::from_str(text).map_err(|e| CalcError::RulesSyntax {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: namnd_core::quote_for_message(e.message().trim(), 200),
        })?;
        let tolerance = match &raw.tolerance {
            Some(spanned) => tolerance(spanned.get_ref()).map_err(|reason| {
                CalcError::InvalidDefaultTolerance {
                    line: line_of(text, spanned.span().start),
                    reason: Box::new(reason),
                }
            })?,
            None => None,
        };
        if raw.row_rule.is_empty() && raw.total.is_empty() && raw.percent.is_empty() {
            return Err(CalcError::NoRules);
        }
        let lined = |span: core::ops::Range<usize>| line_of(text, span.start);
        Ok(RulesFile {
            table: raw.table,
            columns: raw.columns,
            tolerance,
            row_rules: raw
                .row_rule
                .into_iter()
                .map(|s| (lined(s.span()), s.into_inner()))
                .map(|(line, spec)| (spec, line))
                .collect(),
            totals: raw
                .total
                .into_iter()
                .map(|s| (lined(s.span()), s.into_inner()))
                .map(|(line, spec)| (spec, line))
                .collect(),
            percents: raw
                .percent
                .into_iter()
                .map(|s| (lined(s.span()), s.into_inner()))
                .map(|(line, spec)| (spec, line))
                .collect(),
        })
    }

    /// The table's name (`table = "…"`), if given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::rules::RulesFile;
    /// let file = RulesFile::parse("table = \"Flen\"\n[[total]]\nrow = \"Summa\"\n")?;
    /// assert_eq!(file.table(), Some("Flen"));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn table(&self) -> Option<&str> {
        self.table.as_deref()
    }

    /// The column names of a table of PDF text (`columns = […]`), if given.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::rules::RulesFile;
    /// let file = RulesFile::parse("[[total]]\nrow = \"Summa\"\n")?;
    /// assert_eq!(file.columns(), None);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn columns(&self) -> Option<&[String]> {
        self.columns.as_deref()
    }

    /// The default tolerance: `None` for `"stated"` or none given (from each
    /// cell's printed precision), else the amount.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::rules::RulesFile;
    /// let file = RulesFile::parse("tolerance = 2\n[[total]]\nrow = \"Summa\"\n")?;
    /// assert_eq!(file.tolerance(), Some(namnd_core::Decimal::from(2)));
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn tolerance(&self) -> Option<Decimal> {
        self.tolerance
    }

    /// Every entry as a [`Rule`] on the table `table` with the columns
    /// `columns`, with where it came from; `[[row_rule]]`s first, then
    /// `[[total]]`s, then `[[percent]]`s, each in file order. Names of rows
    /// and of a rule's own column are not checked here: [`super::check`]
    /// reports those.
    ///
    /// # Errors
    /// [`CalcError::InvalidRules`] listing every bad entry (each a
    /// [`CalcError::InvalidRuleEntry`] with its kind, number and line): an
    /// `equals` that is empty, cannot be read or names a column not in
    /// `columns`, an `of` that is neither `"above"`, `"all-above"` nor a
    /// list, a `tolerance` that is not `"stated"` or an amount ≥ 0.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::{CalcError, check::rules::RulesFile};
    ///
    /// let text = "[[row_rule]]\ncolumn = \"C\"\nequals = \"A + 2 * B\"\n\
    ///             [[row_rule]]\ncolumn = \"C\"\nequals = \"A + D\"\n";
    /// let file = RulesFile::parse(text)?;
    /// let columns = ["A", "B", "C"].map(String::from);
    /// let Err(CalcError::InvalidRules { errors }) = file.rules(&columns, "t") else {
    ///     return Err(CalcError::NoRules);
    /// };
    /// assert_eq!(
    ///     errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
    ///     ["line 4: row_rule 2: no column named \"D\" (in `equals = \"A + D\"`)"]
    /// );
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    pub fn rules(&self, columns: &[String], table: &str) -> Result<Vec<(Rule, RuleOrigin)>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        // Every column an entry names must be one of the table's, so that
        // each bad entry is reported here with its line, not only the first
        // one by the checker.
        let known = |names: &[&String]| -> Result<()> {
            match names.iter().find(|name| !columns.contains(name)) {
                Some(name) => Err(CalcError::UnknownColumn {
                    table: table.to_owned(),
                    column: (*name).clone(),
                }),
                None => Ok(()),
            }
        };
        let mut push = |built: Result<Rule>, origin: RuleOrigin| match built {
            Ok(rule) => rules.push((rule, origin)),
            Err(reason) => errors.push(CalcError::InvalidRuleEntry {
                kind: origin.kind.as_str(),
                number: origin.number,
                line: origin.line,
                reason: Box::new(reason),
            }),
        };
        for (i, (spec, line)) in self.row_rules.iter().enumerate() {
            let origin = origin(RuleKind::RowRule, i, *line);
            let built = known(&[&spec.column])
                .and_then(|()| parse_linear(&spec.equals, columns))
                .and_then(|terms| {
                    let mut rule = Relation::new(table, spec.column.clone(), terms);
                    if let Some(rows) = &spec.rows {
                        rule = rule.in_rows(rows.iter().cloned());
                    }
                    if let Some(t) = self.rule_tolerance(spec.tolerance.as_ref())? {
                        rule = rule.with_tolerance(t);
                    }
                    Ok(Rule::from(rule))
                });
            push(built, origin);
        }
        for (i, (spec, line)) in self.totals.iter().enumerate() {
            let origin = origin(RuleKind::Total, i, *line);
            let named: Vec<&String> = spec.columns.iter().flatten().collect();
            let built = known(&named)
                .and_then(|()| addends(spec.of.as_ref()))
                .and_then(|addends| {
                    let mut rule = Total::new(table, spec.row.clone(), addends);
                    if let Some(columns) = &spec.columns {
                        rule = rule.in_columns(columns.iter().cloned());
                    }
                    if let Some(t) = self.rule_tolerance(spec.tolerance.as_ref())? {
                        rule = rule.with_tolerance(t);
                    }
                    Ok(Rule::from(rule))
                });
            push(built, origin);
        }
        for (i, (spec, line)) in self.percents.iter().enumerate() {
            let origin = origin(RuleKind::Percent, i, *line);
            let named = [&spec.column, &spec.numerator, &spec.denominator];
            let built = known(&named)
                .and_then(|()| self.rule_tolerance(spec.tolerance.as_ref()))
                .map(|tolerance| {
                    let mut rule = Percentage::new(
                        table,
                        spec.column.clone(),
                        spec.numerator.clone(),
                        spec.denominator.clone(),
                    );
                    if let Some(rows) = &spec.rows {
                        rule = rule.in_rows(rows.iter().cloned());
                    }
                    if let Some(t) = tolerance {
                        rule = rule.with_tolerance(t);
                    }
                    Rule::from(rule)
                });
            push(built, origin);
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(CalcError::InvalidRules { errors })
        }
    }

    /// The `[[row_rule]]`s as [`SplitRule`]s on the positions of `columns`,
    /// for splitting rows of PDF text, each with the row labels it is
    /// limited to (`rows`; `None` for every row). Entries whose `equals`
    /// cannot be read or that name a column not in `columns` are left out:
    /// [`RulesFile::rules`] reports them.
    ///
    /// # Example
    /// ```
    /// use namnd_calc::check::{rules::RulesFile, SplitRule};
    ///
    /// let file = RulesFile::parse("[[row_rule]]\ncolumn = \"C\"\nequals = \"A + B\"\n")?;
    /// let split = file.split_rules(&["A", "B", "C"].map(String::from));
    /// assert_eq!(split, [(SplitRule::sum(2, [0, 1]), None)]);
    /// # Ok::<(), namnd_calc::CalcError>(())
    /// ```
    #[must_use]
    pub fn split_rules(&self, columns: &[String]) -> Vec<(SplitRule, Option<Vec<String>>)> {
        let position = |column: &str| columns.iter().position(|c| c == column);
        self.row_rules
            .iter()
            .filter_map(|(spec, _)| {
                let terms = parse_linear(&spec.equals, columns).ok()?;
                let target = position(&spec.column)?;
                let positions: Option<Vec<PositionTerm>> = terms
                    .iter()
                    .map(|t| position(&t.column).map(|p| PositionTerm::new(t.coefficient, p)))
                    .collect();
                Some((SplitRule::new(target, positions?), spec.rows.clone()))
            })
            .collect()
    }

    /// An entry's own tolerance, else the file's default.
    fn rule_tolerance(&self, own: Option<&Amount>) -> Result<Option<Decimal>> {
        match own {
            Some(t) => tolerance(t),
            None => Ok(self.tolerance),
        }
    }
}

fn origin(kind: RuleKind, index: usize, line: u64) -> RuleOrigin {
    RuleOrigin {
        kind,
        number: index.saturating_add(1),
        line,
    }
}

/// A total's `of`.
fn addends(of: Option<&Of>) -> Result<Addends> {
    match of {
        None => Ok(Addends::SincePreviousTotal),
        Some(Of::Keyword(k)) if k == "above" => Ok(Addends::SincePreviousTotal),
        Some(Of::Keyword(k)) if k == "all-above" => Ok(Addends::AllAbove),
        Some(Of::Keyword(k)) => Err(CalcError::InvalidTotalAddends { of: quote(k) }),
        Some(Of::Rows(rows)) => Ok(Addends::rows(rows.iter().cloned())),
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u64 {
    let before = text.get(..offset).unwrap_or(text);
    u64::try_from(before.matches('\n').count())
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// Text echoed in a message.
fn quote(text: &str) -> String {
    namnd_core::quote_for_message(text, 60)
}

/// A tolerance: `"stated"` is `None` (from the printed precision), anything
/// else an amount ≥ 0 (`-0` is zero).
fn tolerance(amount: &Amount) -> Result<Option<Decimal>> {
    let text = match amount {
        Amount::Integer(i) => return non_negative(Decimal::from(*i)),
        Amount::Float(f) => f.to_string(),
        Amount::Text(t) if t.trim() == "stated" => return Ok(None),
        Amount::Text(t) => t.clone(),
    };
    let value = SwedishNumber::parse(&text)
        .map(|n| n.value())
        .or_else(|_| text.trim().parse::<Decimal>())
        .map_err(|_| CalcError::InvalidTolerance {
            text: format!("\"{}\"", namnd_core::quote_for_message(&text, 40)),
        })?;
    non_negative(value)
}

fn non_negative(value: Decimal) -> Result<Option<Decimal>> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(CalcError::ToleranceBelowZero { tolerance: value })
    } else {
        Ok(Some(value))
    }
}

/// Reads `equals = "A + B - 2 * C"` into terms, matching the longest column
/// name at each place, so that names may hold spaces and hyphens.
fn parse_linear(expr: &str, columns: &[String]) -> Result<Vec<Term>> {
    let mut terms = Vec::new();
    let mut rest = expr.trim_start();
    let mut negative = false;
    let mut expect_term = true;
    if rest.is_empty() {
        return Err(CalcError::EmptyExpression);
    }
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            if expect_term {
                return Err(CalcError::ExpressionEndsWithOperator {
                    expression: quote(expr),
                });
            }
            return Ok(terms);
        }
        if !expect_term {
            let mut chars = rest.chars();
            match chars.next() {
                Some('+') => negative = false,
                Some('-' | '−' | '–') => negative = true,
                _ => {
                    return Err(CalcError::ExpectedOperator {
                        before: quote(rest),
                        expression: quote(expr),
                    });
                }
            }
            rest = chars.as_str();
            expect_term = true;
            continue;
        }
        // A leading sign on the first term.
        if terms.is_empty()
            && let Some(after) = rest
                .strip_prefix('-')
                .or_else(|| rest.strip_prefix('−'))
                .or_else(|| rest.strip_prefix('–'))
        {
            negative = !negative;
            rest = after.trim_start();
        }
        // An optional coefficient: a number followed by `*`.
        let mut coefficient = Decimal::ONE;
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0
            && let Some((number, after)) = rest.split_at_checked(digits)
        {
            let after = after.trim_start();
            if let Some(after) = after
                .strip_prefix('*')
                .or_else(|| after.strip_prefix('×'))
                .or_else(|| after.strip_prefix('·'))
            {
                coefficient = number.replace(',', ".").parse::<Decimal>().map_err(|_| {
                    CalcError::InvalidCoefficient {
                        coefficient: quote(number),
                    }
                })?;
                rest = after.trim_start();
            }
        }
        let column = columns
            .iter()
            .filter(|c| {
                rest.strip_prefix(c.as_str()).is_some_and(|after| {
                    after.is_empty()
                        || after.starts_with(char::is_whitespace)
                        || after.starts_with(['+', '-', '−', '–'])
                })
            })
            .max_by_key(|c| c.len())
            .ok_or_else(|| {
                let name = rest
                    .split(['+', '-', '−', '–'])
                    .next()
                    .unwrap_or(rest)
                    .trim();
                CalcError::UnknownExpressionColumn {
                    column: quote(name),
                    expression: quote(expr),
                }
            })?;
        rest = rest.get(column.len()..).unwrap_or_default();
        let coefficient = if negative { -coefficient } else { coefficient };
        terms.push(Term::times(coefficient, column.clone()));
        negative = false;
        expect_term = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Selection, StatedValue, Table, check};
    use proptest::prelude::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn parse_err(text: &str) -> CalcError {
        match RulesFile::parse(text) {
            Ok(file) => panic!("{text:?} was read: {file:?}"),
            Err(e) => e,
        }
    }

    /// The errors of `rules()` on `text` with `columns`.
    fn entry_errors(text: &str, columns: &[&str]) -> Vec<String> {
        let file = RulesFile::parse(text).unwrap();
        match file.rules(&cols(columns), "t") {
            Ok(rules) => panic!("{text:?} gave rules: {rules:?}"),
            Err(CalcError::InvalidRules { errors }) => {
                errors.iter().map(ToString::to_string).collect()
            }
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    fn is_clean(message: &str) -> bool {
        namnd_core::redact_identity_numbers(message) == message
    }

    #[test]
    fn a_row_rule_becomes_a_relation_with_its_rows_and_tolerance() {
        let file = RulesFile::parse(
            "\n[[row_rule]]\ncolumn = \"Avvikelse\"\nequals = \"Utfall - Budget\"\nrows = [\"Intäkter\"]\ntolerance = \"0,5\"\n",
        )
        .unwrap();
        let rules = file
            .rules(&cols(&["Budget", "Utfall", "Avvikelse"]), "t")
            .unwrap();
        let expected = Relation::difference("t", "Avvikelse", "Utfall", "Budget")
            .in_rows(["Intäkter"])
            .with_tolerance(Decimal::new(5, 1));
        assert_eq!(
            rules,
            [(
                Rule::from(expected),
                RuleOrigin {
                    kind: RuleKind::RowRule,
                    number: 1,
                    line: 2
                }
            )]
        );
    }

    #[test]
    fn a_total_of_above_all_above_or_named_rows_becomes_a_total() {
        let text = "[[total]]\nrow = \"S1\"\n[[total]]\nrow = \"S2\"\nof = \"all-above\"\ncolumns = [\"B\"]\n\
                    [[total]]\nrow = \"S3\"\nof = [\"a\", \"b\"]\ntolerance = 1\n[[total]]\nrow = \"S4\"\nof = \"above\"\n";
        let rules = RulesFile::parse(text)
            .unwrap()
            .rules(&cols(&["A", "B"]), "t")
            .unwrap();
        let (rules, origins): (Vec<Rule>, Vec<RuleOrigin>) = rules.into_iter().unzip();
        assert_eq!(
            rules,
            [
                Rule::from(Total::above("t", "S1")),
                Rule::from(Total::new("t", "S2", Addends::AllAbove).in_columns(["B"])),
                Rule::from(
                    Total::new("t", "S3", Addends::rows(["a", "b"])).with_tolerance(Decimal::ONE)
                ),
                Rule::from(Total::above("t", "S4")),
            ]
        );
        let lines: Vec<(usize, u64)> = origins.iter().map(|o| (o.number, o.line)).collect();
        assert_eq!(lines, [(1, 1), (2, 3), (3, 7), (4, 11)]);
        assert!(origins.iter().all(|o| o.kind == RuleKind::Total));
    }

    #[test]
    fn a_percent_becomes_a_percentage_with_the_default_tolerance() {
        let text = "tolerance = 0.5\n[[percent]]\ncolumn = \"P\"\nnumerator = \"N\"\ndenominator = \"B\"\nrows = [\"x\"]\n";
        let rules = RulesFile::parse(text)
            .unwrap()
            .rules(&cols(&["N", "B", "P"]), "t")
            .unwrap();
        let expected = Percentage::new("t", "P", "N", "B")
            .in_rows(["x"])
            .with_tolerance(Decimal::new(5, 1));
        assert_eq!(
            rules,
            [(
                Rule::from(expected),
                RuleOrigin {
                    kind: RuleKind::Percent,
                    number: 1,
                    line: 2
                }
            )]
        );
    }

    #[test]
    fn the_rules_check_a_table_end_to_end() {
        // Flen: Avvikelse = Utfall - Budget; 4 580 - 3 607 = 973 holds,
        // -1 637 - 3 095 = -4 732, not the printed -4 735.
        let file = RulesFile::parse(
            "[[row_rule]]\ncolumn = \"Avvikelse\"\nequals = \"Utfall - Budget\"\n",
        )
        .unwrap();
        let v = |s: &str| StatedValue::parse(s).map(Some).unwrap();
        let table = Table::new("t", ["Budget", "Utfall", "Avvikelse"])
            .unwrap()
            .with_row("Intäkter", [v("3 607"), v("4 580"), v("973")])
            .unwrap()
            .with_row("Övriga", [v("3 095"), v("-1 637"), v("-4 735")])
            .unwrap();
        let rules: Vec<Rule> = file
            .rules(table.columns(), table.name())
            .unwrap()
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        let report = check(&[table], &rules).unwrap();
        assert_eq!(report.evaluated, 2);
        let errors: Vec<_> = report.errors().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].expected, Decimal::from(-4_732));
    }

    #[test]
    fn linear_expression_matches_longest_column_names_with_spaces_and_hyphens() {
        let columns = cols(&["Utfall", "Utfall jan-nov", "Budget jan-nov"]);
        let terms = parse_linear("Utfall jan-nov - Budget jan-nov", &columns).unwrap();
        assert_eq!(
            terms,
            vec![
                Term::times(Decimal::ONE, "Utfall jan-nov"),
                Term::times(-Decimal::ONE, "Budget jan-nov"),
            ]
        );
    }

    #[test]
    fn linear_expression_reads_coefficients_and_a_leading_minus() {
        let terms = parse_linear("-A + 0,5 * B − 2 × A", &cols(&["A", "B"])).unwrap();
        assert_eq!(
            terms,
            vec![
                Term::times(-Decimal::ONE, "A"),
                Term::times(Decimal::new(5, 1), "B"),
                Term::times(Decimal::from(-2), "A"),
            ]
        );
    }

    #[test]
    fn a_toml_syntax_error_names_its_line() {
        let err = parse_err("[[row_rule]\ncolumn = \"Avvikelse\"\n");
        assert_eq!(
            err.to_string(),
            "line 1: unclosed array table, expected `]`"
        );
        let err = parse_err("[[row_rule]]\ncolumn = \"A\"\ncolumn = \"B\"\nequals = \"A\"\n");
        assert_eq!(err.to_string(), "line 3: duplicate key");
    }

    #[test]
    fn an_unknown_key_is_an_error_on_its_line() {
        let err = parse_err("[[row_rule]]\ncolumn = \"A\"\nequals = \"B\"\nrow = [\"x\"]\n");
        assert_eq!(
            err,
            CalcError::RulesSyntax {
                line: 4,
                message:
                    "unknown field `row`, expected one of `column`, `equals`, `rows`, `tolerance`"
                        .to_owned()
            }
        );
        assert!(matches!(
            parse_err("tabel = \"x\"\n[[total]]\nrow = \"S\"\n"),
            CalcError::RulesSyntax { line: 1, .. }
        ));
    }

    #[test]
    fn a_file_without_entries_has_no_rules() {
        assert_eq!(parse_err("table = \"t\"\n"), CalcError::NoRules);
        assert_eq!(
            CalcError::NoRules.to_string(),
            "the rules file has no [[row_rule]], [[total]] or [[percent]]"
        );
    }

    #[test]
    fn a_bad_of_is_an_error_naming_the_total_and_its_line() {
        let errors = entry_errors("\n\n[[total]]\nrow = \"Summa\"\nof = \"below\"\n", &["A"]);
        assert_eq!(
            errors,
            [
                "line 3: total 1: `of = \"below\"` is neither \"above\", \"all-above\" nor a list of row labels"
            ]
        );
    }

    #[test]
    fn a_bad_or_negative_tolerance_is_an_error() {
        let err = parse_err("tolerance = \"en halv\"\n[[total]]\nrow = \"S\"\n");
        assert_eq!(
            err.to_string(),
            "line 1: tolerance \"en halv\" is neither \"stated\" nor an amount"
        );
        let err = parse_err("\ntolerance = \"-0,5\"\n[[total]]\nrow = \"S\"\n");
        assert_eq!(err.to_string(), "line 2: tolerance -0.5 is negative");
        // -0 is zero, a valid tolerance; "stated" is no explicit tolerance.
        let zero = RulesFile::parse("tolerance = \"-0\"\n[[total]]\nrow = \"S\"\n").unwrap();
        assert_eq!(zero.tolerance(), Some(Decimal::ZERO));
        let stated = RulesFile::parse("tolerance = \"stated\"\n[[total]]\nrow = \"S\"\n").unwrap();
        assert_eq!(stated.tolerance(), None);
        // An entry's own tolerance is checked in `rules()`.
        let errors = entry_errors(
            "[[total]]\nrow = \"S\"\ntolerance = -1\n[[percent]]\ncolumn = \"A\"\nnumerator = \"A\"\ndenominator = \"A\"\ntolerance = \"lagom\"\n",
            &["A"],
        );
        assert_eq!(
            errors,
            [
                "line 1: total 1: tolerance -1 is negative",
                "line 4: percent 1: tolerance \"lagom\" is neither \"stated\" nor an amount",
            ]
        );
    }

    #[test]
    fn tolerances_are_read_from_integers_floats_and_swedish_text() {
        assert_eq!(tolerance(&Amount::Text("stated".into())), Ok(None));
        assert_eq!(
            tolerance(&Amount::Text("0,5".into())),
            Ok(Some(Decimal::new(5, 1)))
        );
        assert_eq!(tolerance(&Amount::Float(0.5)), Ok(Some(Decimal::new(5, 1))));
        assert_eq!(tolerance(&Amount::Integer(2)), Ok(Some(Decimal::from(2))));
    }

    #[test]
    fn an_empty_or_unreadable_equals_is_an_error() {
        let errors = entry_errors(
            "[[row_rule]]\ncolumn = \"A\"\nequals = \"  \"\n[[row_rule]]\ncolumn = \"A\"\nequals = \"B +\"\n\
             [[row_rule]]\ncolumn = \"A\"\nequals = \"B B\"\n[[row_rule]]\ncolumn = \"A\"\nequals = \"1,2,3 * B\"\n",
            &["A", "B"],
        );
        assert_eq!(
            errors,
            [
                "line 1: row_rule 1: `equals` is empty",
                "line 4: row_rule 2: `equals = \"B +\"` ends with an operator",
                "line 7: row_rule 3: expected + or - before \"B\" in `equals = \"B B\"`",
                "line 10: row_rule 4: coefficient \"1,2,3\" in `equals` is not a number",
            ]
        );
    }

    #[test]
    fn an_unknown_column_in_equals_is_an_error_and_every_bad_entry_is_reported() {
        let errors = entry_errors(
            "[[row_rule]]\ncolumn = \"A\"\nequals = \"B - Prognos\"\n[[row_rule]]\ncolumn = \"A\"\nequals = \"B\"\n\
             [[row_rule]]\ncolumn = \"A\"\nequals = \"C\"\n",
            &["A", "B"],
        );
        assert_eq!(
            errors,
            [
                "line 1: row_rule 1: no column named \"Prognos\" (in `equals = \"B - Prognos\"`)",
                "line 7: row_rule 3: no column named \"C\" (in `equals = \"C\"`)",
            ]
        );
        let file = RulesFile::parse("[[row_rule]]\ncolumn = \"A\"\nequals = \"C\"\n").unwrap();
        let err = file.rules(&cols(&["A"]), "t").unwrap_err();
        assert_eq!(
            err.to_string(),
            "1 rules cannot be read: line 1: row_rule 1: no column named \"C\" (in `equals = \"C\"`)"
        );
    }

    #[test]
    fn a_personnummer_shaped_column_name_is_never_echoed() {
        let errors = entry_errors(
            "[[row_rule]]\ncolumn = \"A\"\nequals = \"19121212-1212 + A\"\n[[total]]\nrow = \"S\"\nof = \"121212-1212\"\n",
            &["A"],
        );
        assert_eq!(errors.len(), 2);
        for e in &errors {
            assert!(!e.contains("1212-1212"), "{e}");
            assert!(e.contains("[personnummer]"), "{e}");
        }
        let err = parse_err("[[row_rule]]\ncolumn = \"A\"\nequals = \"A\"\n19121212-1212 = 1\n");
        assert!(!err.to_string().contains("1212-1212"), "{err}");
        let err = parse_err("tolerance = \"19121212-1212\"\n[[total]]\nrow = \"S\"\n");
        assert!(!err.to_string().contains("1212-1212"), "{err}");
        // A personnummer as the rule's own column is an unknown column,
        // reported masked.
        let file =
            RulesFile::parse("[[row_rule]]\ncolumn = \"19121212-1212\"\nequals = \"A\"\n").unwrap();
        let err = file.rules(&cols(&["A"]), "t").unwrap_err();
        assert!(!err.to_string().contains("1212-1212"), "{err}");
        assert!(err.to_string().contains("[personnummer]"), "{err}");
    }

    #[test]
    fn every_entry_naming_a_column_the_table_lacks_is_reported_with_its_line() {
        let errors = entry_errors(
            "[[row_rule]]\ncolumn = \"X\"\nequals = \"A\"\n\
             [[total]]\nrow = \"S\"\ncolumns = [\"A\", \"Y\"]\n\
             [[percent]]\ncolumn = \"A\"\nnumerator = \"A\"\ndenominator = \"Z\"\n\
             [[total]]\nrow = \"S\"\ncolumns = [\"A\"]\n",
            &["A"],
        );
        assert_eq!(
            errors,
            [
                "line 1: row_rule 1: table \"t\" has no column \"X\"",
                "line 4: total 1: table \"t\" has no column \"Y\"",
                "line 7: percent 1: table \"t\" has no column \"Z\"",
            ]
        );
    }

    #[test]
    fn head_gives_table_columns_and_split_rules() {
        let file = RulesFile::parse(
            "table = \"Oxelösund\"\ncolumns = [\"Anslag\", \"Intäkter\", \"Kostnad\", \"Resultat\"]\n\
             [[row_rule]]\ncolumn = \"Resultat\"\nequals = \"Anslag + Intäkter + Kostnad\"\nrows = [\"x\"]\n\
             [[row_rule]]\ncolumn = \"Resultat\"\nequals = \"Okänd\"\n",
        )
        .unwrap();
        assert_eq!(file.table(), Some("Oxelösund"));
        let columns = file.columns().unwrap().to_vec();
        assert_eq!(columns.len(), 4);
        assert_eq!(
            file.split_rules(&columns),
            [(SplitRule::sum(3, [0, 1, 2]), Some(vec!["x".to_owned()]))]
        );
        // The rows a rule is limited to are kept.
        let rules =
            RulesFile::parse("[[row_rule]]\ncolumn = \"B\"\nequals = \"A\"\nrows = [\"x\"]\n")
                .unwrap()
                .rules(&cols(&["A", "B"]), "t")
                .unwrap();
        let Rule::Relation(relation) = &rules[0].0 else {
            panic!("{rules:?}")
        };
        assert_eq!(relation.rows, Selection::Named(vec!["x".to_owned()]));
    }

    /// Fragments that make rules files, valid or nearly so.
    fn fragment() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            Just("A".to_owned()),
            Just("B".to_owned()),
            Just("19121212-1212".to_owned()),
            Just("Utfall jan-nov".to_owned()),
            "[A-Za-z0-9 ,.*+\\-−]{0,12}",
        ];
        let value = prop_oneof![
            name.clone().prop_map(|n| format!("\"{n}\"")),
            Just("-0.5".to_owned()),
            Just("1e400".to_owned()),
            Just("3".to_owned()),
            Just("[\"a\", \"19121212-1212\"]".to_owned()),
            Just("\"stated\"".to_owned()),
        ];
        let key = prop_oneof![
            Just("column"),
            Just("equals"),
            Just("rows"),
            Just("row"),
            Just("of"),
            Just("columns"),
            Just("tolerance"),
            Just("numerator"),
            Just("denominator"),
            Just("table"),
            Just("19121212-1212"),
        ];
        prop_oneof![
            Just("[[row_rule]]".to_owned()),
            Just("[[total]]".to_owned()),
            Just("[[percent]]".to_owned()),
            (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
            ".{0,20}",
        ]
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_no_message_holds_a_personnummer(text in ".{0,200}") {
            if let Err(e) = RulesFile::parse(&text) {
                let message = e.to_string();
                prop_assert!(is_clean(&message), "{message}");
            }
        }

        #[test]
        fn reading_rules_never_panics_and_no_message_holds_a_personnummer(
            lines in prop::collection::vec(fragment(), 0..12),
            columns in prop::collection::vec(
                prop_oneof![Just("A".to_owned()), Just("B".to_owned()), Just("19121212-1212".to_owned()), "[A-Za-z ]{1,6}"],
                0..4,
            ),
        ) {
            let text = lines.join("\n");
            match RulesFile::parse(&text) {
                Err(e) => {
                    let message = e.to_string();
                    prop_assert!(is_clean(&message), "{message}");
                }
                Ok(file) => {
                    let _ = file.split_rules(&columns);
                    match file.rules(&columns, "t") {
                        Err(e) => {
                            let message = e.to_string();
                            prop_assert!(is_clean(&message), "{message}");
                            let CalcError::InvalidRules { errors } = e else {
                                return Err(TestCaseError::fail("not InvalidRules"));
                            };
                            prop_assert!(!errors.is_empty());
                        }
                        Ok(rules) => {
                            let table = Table::new("t", columns.clone());
                            if let Ok(table) = table {
                                let rules: Vec<Rule> = rules.into_iter().map(|(r, _)| r).collect();
                                if let Err(e) = check(&[table], &rules) {
                                    let message = e.to_string();
                                    prop_assert!(is_clean(&message), "{message}");
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
