//! CSV import of a request table.
//!
//! **Layout: one row per request and year** (a "long" table). A request with
//! amounts for 2025–2027 has three rows with the same `id`. This keeps a
//! year's status, its split (decided part + additional part) and its note
//! next to the amount, which a table with one column per year could only do
//! with three or four columns per year.
//!
//! | Column | Level | Content |
//! |---|---|---|
//! | `id` | row (required) | the request id, e.g. `1:12` |
//! | `år` | row (required) | the year, e.g. `2025` |
//! | `belopp` | row (required unless `väntar`/`saknas`) | the amount (the decided part when split), Swedish number format; in the options' unit (tkr by default) unless it names its own (`450 kr`); may be left empty for a pending or possibly-missing amount not yet known ([`YearAmount::without_amount`]) |
//! | `status` | row (required) | `beslutat`, `nytt`, `förändrat`, `saknas` or `väntar` ([`AmountStatus::parse`]) |
//! | `not` | row | the note of a `väntar` amount |
//! | `tillägg`, `tillägg_status`, `tillägg_not` | row | an additional part on top of a decided `belopp` (status defaults to `nytt`) |
//! | `benämning` | request (required on its first row) | the name |
//! | `ansvarig_nämnd`, `utförande_nämnd`, `beskrivning`, `behov` | request | texts, kept as written |
//! | `utgift_uppstår`, `aktiveras` | request | dates `YYYY-MM-DD`, or `YYYY-MM` for the first of the month |
//! | `driftstart` | request | `2026` or `2026–2027` |
//! | `drift_under_projekt`, `drift_efter_aktivering` | request | operating costs, as `belopp` |
//! | `nyttjandeperiod` | request | whole years, 1–200 |
//!
//! Column names are matched without regard to case, spaces versus `_`, or
//! the Swedish letters (`ar`, `tillagg` and `utforande_namnd` also do); other
//! columns are ignored. The delimiter is `;` when the header has one (a
//! Swedish Excel export), otherwise `,`.
//!
//! A request-level field may be repeated on later rows of the request or
//! left empty there; a different value is rejected
//! ([`InvestError::ConflictingField`]). Components of an asset are not read
//! from CSV; add them with [`RequestBuilder::component`](crate::RequestBuilder::component).
//!
//! **Bad rows** are rejected with file, line, column and reason
//! ([`InvestError::Row`]) and counted; the rest of the file is still read. A
//! row is checked before it changes anything, so a rejected row leaves no
//! trace in the requests. `accepted + rejected = rows read` always holds.
//! Only a file that cannot be read at all (no header, a required column
//! missing, an I/O error before the header, more than [`MAX_INPUT_BYTES`])
//! stops the import. An I/O error later in the file, or more than
//! [`MAX_ROWS`] rows, keeps the rows read until then and is reported in
//! [`ImportSummary::incomplete`]. Rejections are all counted (in total and
//! per reason); the first [`MAX_STORED_REJECTIONS`] are kept in full.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use namnd_core::{Amount, FiscalYear, NumberUnit, SwedishNumber, Unit, quote_for_message};

use crate::error::{InvestError, Result};
use crate::request::{
    AmountStatus, DriftStart, InvestmentRequest, QUOTE_CHARS, RequestId, UsefulLife, YearAmount,
};

/// How to read a request table.
///
/// # Example
/// ```
/// use namnd_invest::import::ImportOptions;
/// use namnd_core::Unit;
/// let options = ImportOptions::new("äskanden-2025.csv").with_unit(Unit::Kr);
/// assert_eq!((options.file(), options.unit()), ("äskanden-2025.csv", Unit::Kr));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ImportOptions {
    file: String,
    unit: Unit,
}

impl ImportOptions {
    /// Options for the file named `file` (used in messages); amounts in tkr.
    ///
    /// See [`ImportOptions`] for an example.
    pub fn new(file: impl Into<String>) -> ImportOptions {
        ImportOptions {
            file: file.into(),
            unit: Unit::Tkr,
        }
    }

    /// The unit of amounts that do not name their own.
    ///
    /// See [`ImportOptions`] for an example.
    #[must_use]
    pub fn with_unit(mut self, unit: Unit) -> ImportOptions {
        self.unit = unit;
        self
    }

    /// The file's name.
    ///
    /// See [`ImportOptions`] for an example.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The unit of amounts.
    ///
    /// See [`ImportOptions`] for an example.
    pub fn unit(&self) -> Unit {
        self.unit
    }
}

/// The largest input [`import_requests`] reads: 16 MiB (a request table
/// has dozens of rows). A larger input is refused with
/// [`InvestError::InputTooLarge`] before anything is parsed, so a single
/// huge field cannot grow without limit either.
///
/// # Example
/// ```
/// use namnd_invest::import::{import_requests, ImportOptions, MAX_INPUT_BYTES};
/// use namnd_invest::InvestError;
/// use std::io::Read;
/// let endless = std::io::repeat(b'x').take(MAX_INPUT_BYTES + 1);
/// let result = import_requests(endless, &ImportOptions::new("stor.csv"));
/// assert!(matches!(result, Err(InvestError::InputTooLarge { limit: MAX_INPUT_BYTES, .. })));
/// ```
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// The most data rows [`import_requests`] reads; the rows before the limit
/// are kept and [`ImportSummary::incomplete`] says where reading stopped.
///
/// # Example
/// ```
/// assert_eq!(namnd_invest::import::MAX_ROWS, 100_000);
/// ```
pub const MAX_ROWS: u64 = 100_000;

/// The most rejections an [`ImportSummary`] keeps in full; later ones are
/// only counted (in [`ImportSummary::rejected_count`] and
/// [`ImportSummary::rejected_by_reason`]).
///
/// # Example
/// ```
/// assert_eq!(namnd_invest::import::MAX_STORED_REJECTIONS, 1_000);
/// ```
pub const MAX_STORED_REJECTIONS: usize = 1_000;

/// What an import read, accepted and rejected.
///
/// Invariant: `accepted() + rejected_count() == rows_read()`. Empty lines
/// are not rows. Every rejection is counted, in total and per reason; the
/// first [`MAX_STORED_REJECTIONS`] are kept in full. When reading stopped
/// before the end of the file (an I/O error mid-file, or more than
/// [`MAX_ROWS`] rows) the rows read until then are kept and
/// [`ImportSummary::incomplete`] says why.
///
/// See [`import_requests`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ImportSummary {
    file: String,
    rows_read: u64,
    accepted: u64,
    rejected_count: u64,
    #[cfg_attr(feature = "schemars", schemars(with = "BTreeMap<String, u64>"))]
    by_reason: BTreeMap<&'static str, u64>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "messages"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Vec<String>"))]
    rejected: Vec<InvestError>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "message"))]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<String>"))]
    incomplete: Option<InvestError>,
}

/// Rejections serialise as their messages.
#[cfg(feature = "serde")]
fn messages<S: serde::Serializer>(
    errors: &[InvestError],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(errors.iter().map(ToString::to_string))
}

/// An optional error serialises as its message.
#[cfg(feature = "serde")]
fn message<S: serde::Serializer>(
    error: &Option<InvestError>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match error {
        Some(e) => serializer.serialize_some(&e.to_string()),
        None => serializer.serialize_none(),
    }
}

impl ImportSummary {
    /// The file's name.
    ///
    /// See [`import_requests`] for an example.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The data rows read (the header and empty lines not counted).
    ///
    /// See [`import_requests`] for an example.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The rows accepted.
    ///
    /// See [`import_requests`] for an example.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The first [`MAX_STORED_REJECTIONS`] rejected rows in file order, each
    /// an [`InvestError::Row`] with file, line, column and reason.
    ///
    /// See [`import_requests`] for an example.
    pub fn rejected(&self) -> &[InvestError] {
        &self.rejected
    }

    /// The number of rejected rows, including those not kept in
    /// [`rejected`](Self::rejected).
    ///
    /// See [`import_requests`] for an example.
    pub fn rejected_count(&self) -> u64 {
        self.rejected_count
    }

    /// The number of rejected rows per reason (the reason's variant name),
    /// in name order, counting every rejection.
    ///
    /// See [`import_requests`] for an example.
    pub fn rejected_by_reason(&self) -> BTreeMap<&'static str, u64> {
        self.by_reason.clone()
    }

    /// Why reading stopped before the end of the file, if it did: an
    /// [`InvestError::Read`] (an I/O error mid-file; the rows before it are
    /// kept) or [`InvestError::TooManyRows`].
    ///
    /// # Example
    /// ```
    /// use namnd_invest::import::{import_requests, ImportOptions};
    /// let csv = "id;benämning;år;belopp;status\n1:1;Violen;2025;100;nytt\n";
    /// let import = import_requests(csv.as_bytes(), &ImportOptions::new("a.csv"))?;
    /// assert!(import.summary.incomplete().is_none());
    /// # Ok::<(), namnd_invest::InvestError>(())
    /// ```
    pub fn incomplete(&self) -> Option<&InvestError> {
        self.incomplete.as_ref()
    }

    fn reject(&mut self, error: InvestError) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.count_rejection(error, 1);
    }

    /// Counts `rows` rejected rows for `error` and keeps the error while
    /// there is room.
    fn count_rejection(&mut self, error: InvestError, rows: u64) {
        self.rejected_count = self.rejected_count.saturating_add(rows);
        let slot = self
            .by_reason
            .entry(reason_name(error.reason_error()))
            .or_insert(0);
        *slot = slot.saturating_add(rows);
        if self.rejected.len() < MAX_STORED_REJECTIONS {
            self.rejected.push(error);
        }
    }

    fn accept(&mut self) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.accepted = self.accepted.saturating_add(1);
    }
}

/// The variant name of an error, for counting rejections by reason.
fn reason_name(error: &InvestError) -> &'static str {
    match error {
        InvestError::Core(_) => "Core",
        InvestError::Calc(_) => "Calc",
        InvestError::EmptyRequestId => "EmptyRequestId",
        InvestError::PersonalDataInRequestId { .. } => "PersonalDataInRequestId",
        InvestError::InvalidRequestId { .. } => "InvalidRequestId",
        InvestError::BlankText { .. } => "BlankText",
        InvestError::ActivationBeforeSpending { .. } => "ActivationBeforeSpending",
        InvestError::InvalidUsefulLife { .. } => "InvalidUsefulLife",
        InvestError::InvalidDriftRange { .. } => "InvalidDriftRange",
        InvestError::UnknownStatus { .. } => "UnknownStatus",
        InvestError::DecidedAdditionalPart => "DecidedAdditionalPart",
        InvestError::SplitBaseNotDecided { .. } => "SplitBaseNotDecided",
        InvestError::DuplicateYear { .. } => "DuplicateYear",
        InvestError::Malformed { .. } => "Malformed",
        InvestError::ConflictingField { .. } => "ConflictingField",
        InvestError::ColumnCount { .. } => "ColumnCount",
        InvestError::InvalidUtf8 => "InvalidUtf8",
        InvestError::RequiredField => "RequiredField",
        InvestError::EmptyField { .. } => "EmptyField",
        InvestError::AmountRequired { .. } => "AmountRequired",
        _ => "Other",
    }
}

/// The requests read and the summary.
///
/// See [`import_requests`] for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RequestImport {
    /// The requests, in id order (natural: `1:2` before `1:12`).
    pub requests: Vec<InvestmentRequest>,
    /// What was read, accepted and rejected.
    pub summary: ImportSummary,
}

// ------------------------------------------------------------------ columns

/// The columns the importer knows, with their canonical names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Id,
    Year,
    Amount,
    Status,
    Note,
    Extra,
    ExtraStatus,
    ExtraNote,
    Name,
    Responsible,
    Executing,
    Description,
    Need,
    SpendingStarts,
    Activation,
    DriftStart,
    CostDuring,
    CostAfter,
    Life,
}

const COLUMNS: &[(Col, &str)] = &[
    (Col::Id, "id"),
    (Col::Year, "år"),
    (Col::Amount, "belopp"),
    (Col::Status, "status"),
    (Col::Note, "not"),
    (Col::Extra, "tillägg"),
    (Col::ExtraStatus, "tillägg_status"),
    (Col::ExtraNote, "tillägg_not"),
    (Col::Name, "benämning"),
    (Col::Responsible, "ansvarig_nämnd"),
    (Col::Executing, "utförande_nämnd"),
    (Col::Description, "beskrivning"),
    (Col::Need, "behov"),
    (Col::SpendingStarts, "utgift_uppstår"),
    (Col::Activation, "aktiveras"),
    (Col::DriftStart, "driftstart"),
    (Col::CostDuring, "drift_under_projekt"),
    (Col::CostAfter, "drift_efter_aktivering"),
    (Col::Life, "nyttjandeperiod"),
];

const REQUIRED: &[Col] = &[Col::Id, Col::Year, Col::Amount, Col::Status];

impl Col {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("?", |(_, name)| name)
    }
}

/// Lowercase, `_` for spaces and hyphens, å/ä → a, ö → o.
fn fold(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            'å' | 'ä' => 'a',
            'ö' => 'o',
            other => other,
        })
        .collect()
}

// --------------------------------------------------------------------- rows

/// The request-level fields of one row, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RequestFields {
    name: Option<String>,
    responsible: Option<String>,
    executing: Option<String>,
    description: Option<String>,
    need: Option<String>,
    spending_starts: Option<NaiveDate>,
    activation: Option<NaiveDate>,
    drift_start: Option<DriftStart>,
    cost_during: Option<Amount>,
    cost_after: Option<Amount>,
    life: Option<UsefulLife>,
}

/// A request being assembled from its rows.
#[derive(Debug)]
struct Group {
    first_line: u64,
    fields: RequestFields,
    /// Which line gave each field first, for conflict messages.
    lines: BTreeMap<Col, u64>,
    amounts: BTreeMap<FiscalYear, YearAmount>,
}

/// An error in a column of a row.
struct ColumnError(Option<Col>, InvestError);

impl ColumnError {
    fn at(col: Col) -> impl FnOnce(InvestError) -> ColumnError {
        move |e| ColumnError(Some(col), e)
    }
}

struct Row<'a> {
    fields: Vec<&'a str>,
    index: &'a BTreeMap<Col, usize>,
    unit: Unit,
}

impl Row<'_> {
    fn get(&self, col: Col) -> Option<&str> {
        let index = self.index.get(&col)?;
        let text = self.fields.get(*index)?.trim();
        (!text.is_empty()).then_some(text)
    }

    fn required(&self, col: Col) -> Result<&str, ColumnError> {
        self.get(col)
            .ok_or(ColumnError(Some(col), InvestError::RequiredField))
    }

    fn text(&self, col: Col) -> Option<String> {
        self.get(col).map(str::to_owned)
    }

    fn parse<T>(
        &self,
        col: Col,
        parse: impl FnOnce(&str) -> Result<T>,
    ) -> Result<Option<T>, ColumnError> {
        self.get(col)
            .map(parse)
            .transpose()
            .map_err(ColumnError::at(col))
    }

    fn amount(&self, col: Col) -> Result<Option<Amount>, ColumnError> {
        let unit = self.unit;
        self.parse(col, |text| parse_amount(text, unit))
    }
}

fn malformed(text: &str, expected: &'static str) -> InvestError {
    InvestError::Malformed {
        input: quote_for_message(text, QUOTE_CHARS),
        expected,
    }
}

fn parse_amount(text: &str, unit: Unit) -> Result<Amount> {
    let number = SwedishNumber::parse(text)
        .map_err(|_| malformed(text, "an amount such as 1 250 or 1 250,5"))?;
    let unit = match number.unit() {
        NumberUnit::None => unit,
        other => other
            .money()
            .ok_or_else(|| malformed(text, "an amount in kr, tkr or mkr"))?,
    };
    Ok(Amount::new(number.value(), unit)?)
}

fn parse_year(text: &str) -> Result<FiscalYear> {
    let year: i32 = text
        .parse()
        .map_err(|_| malformed(text, "a year such as 2025"))?;
    Ok(FiscalYear::try_new(year)?)
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d"))
        .map_err(|_| malformed(text, "a date (YYYY-MM-DD or YYYY-MM)"))
}

fn parse_drift_start(text: &str) -> Result<DriftStart> {
    match text.split_once(['–', '-', '—']) {
        Some((first, last)) => {
            DriftStart::range(parse_year(first.trim())?, parse_year(last.trim())?)
        }
        None => Ok(DriftStart::year(parse_year(text)?)),
    }
}

fn parse_life(text: &str) -> Result<UsefulLife> {
    let years: i64 = text
        .parse()
        .map_err(|_| malformed(text, "a whole number of years"))?;
    UsefulLife::try_new(years)
}

/// Everything a row says, parsed and checked on its own.
struct ParsedRow {
    id: RequestId,
    year: FiscalYear,
    amount: YearAmount,
    fields: RequestFields,
}

fn parse_row(row: &Row<'_>) -> Result<ParsedRow, ColumnError> {
    let id = RequestId::try_new(row.required(Col::Id)?).map_err(ColumnError::at(Col::Id))?;
    let year = parse_year(row.required(Col::Year)?).map_err(ColumnError::at(Col::Year))?;
    let status = AmountStatus::parse(row.required(Col::Status)?, row.get(Col::Note))
        .map_err(ColumnError::at(Col::Status))?;
    let base = match row.get(Col::Amount) {
        Some(text) => Some(parse_amount(text, row.unit).map_err(ColumnError::at(Col::Amount))?),
        None if status.may_be_unknown() => None,
        None => return Err(ColumnError(Some(Col::Amount), InvestError::RequiredField)),
    };
    let amount = match (base, row.amount(Col::Extra)?) {
        (None, None) => YearAmount::without_amount(status).map_err(ColumnError::at(Col::Amount))?,
        (Some(base), None) => YearAmount::single(base, status),
        (None, Some(_)) => {
            return Err(ColumnError(
                Some(Col::Status),
                InvestError::SplitBaseNotDecided {
                    status: status.word().to_owned(),
                },
            ));
        }
        (Some(base), Some(extra)) => {
            if !status.is_decided() {
                return Err(ColumnError(
                    Some(Col::Status),
                    InvestError::SplitBaseNotDecided {
                        status: quote_for_message(
                            row.get(Col::Status).unwrap_or_default(),
                            QUOTE_CHARS,
                        ),
                    },
                ));
            }
            let extra_status = match row.get(Col::ExtraStatus) {
                Some(word) => AmountStatus::parse(word, row.get(Col::ExtraNote))
                    .map_err(ColumnError::at(Col::ExtraStatus))?,
                None => AmountStatus::New,
            };
            YearAmount::split(base, extra, extra_status)
                .map_err(ColumnError::at(Col::ExtraStatus))?
        }
    };
    let fields = RequestFields {
        name: row.text(Col::Name),
        responsible: row.text(Col::Responsible),
        executing: row.text(Col::Executing),
        description: row.text(Col::Description),
        need: row.text(Col::Need),
        spending_starts: row.parse(Col::SpendingStarts, parse_date)?,
        activation: row.parse(Col::Activation, parse_date)?,
        drift_start: row.parse(Col::DriftStart, parse_drift_start)?,
        cost_during: row.amount(Col::CostDuring)?,
        cost_after: row.amount(Col::CostAfter)?,
        life: row.parse(Col::Life, parse_life)?,
    };
    Ok(ParsedRow {
        id,
        year,
        amount,
        fields,
    })
}

/// Merges `new` into `old`: fills what `old` lacks, rejects what differs.
/// Returns the merged fields and the columns newly given.
fn merge(
    id: &RequestId,
    old: &RequestFields,
    new: RequestFields,
    lines: &BTreeMap<Col, u64>,
) -> Result<(RequestFields, Vec<Col>), ColumnError> {
    fn one<T: PartialEq + Clone>(
        col: Col,
        old: &Option<T>,
        new: Option<T>,
        given: &mut Vec<Col>,
        conflict: &dyn Fn(Col) -> ColumnError,
    ) -> Result<Option<T>, ColumnError> {
        match (old, new) {
            (Some(o), Some(n)) if *o != n => Err(conflict(col)),
            (Some(o), _) => Ok(Some(o.clone())),
            (None, Some(n)) => {
                given.push(col);
                Ok(Some(n))
            }
            (None, None) => Ok(None),
        }
    }
    let conflict = |col: Col| {
        ColumnError(
            Some(col),
            InvestError::ConflictingField {
                request: id.quoted(),
                first_line: lines.get(&col).copied().unwrap_or_default(),
            },
        )
    };
    let mut given = Vec::new();
    let g = &mut given;
    let merged = RequestFields {
        name: one(Col::Name, &old.name, new.name, g, &conflict)?,
        responsible: one(
            Col::Responsible,
            &old.responsible,
            new.responsible,
            g,
            &conflict,
        )?,
        executing: one(Col::Executing, &old.executing, new.executing, g, &conflict)?,
        description: one(
            Col::Description,
            &old.description,
            new.description,
            g,
            &conflict,
        )?,
        need: one(Col::Need, &old.need, new.need, g, &conflict)?,
        spending_starts: one(
            Col::SpendingStarts,
            &old.spending_starts,
            new.spending_starts,
            g,
            &conflict,
        )?,
        activation: one(
            Col::Activation,
            &old.activation,
            new.activation,
            g,
            &conflict,
        )?,
        drift_start: one(
            Col::DriftStart,
            &old.drift_start,
            new.drift_start,
            g,
            &conflict,
        )?,
        cost_during: one(
            Col::CostDuring,
            &old.cost_during,
            new.cost_during,
            g,
            &conflict,
        )?,
        cost_after: one(
            Col::CostAfter,
            &old.cost_after,
            new.cost_after,
            g,
            &conflict,
        )?,
        life: one(Col::Life, &old.life, new.life, g, &conflict)?,
    };
    if let (Some(spending_starts), Some(activation)) = (merged.spending_starts, merged.activation)
        && activation < spending_starts
    {
        let col = if given.contains(&Col::Activation) {
            Col::Activation
        } else {
            Col::SpendingStarts
        };
        return Err(ColumnError(
            Some(col),
            InvestError::ActivationBeforeSpending {
                request: id.quoted(),
                activation,
                spending_starts,
            },
        ));
    }
    Ok((merged, given))
}

fn build(id: RequestId, group: Group) -> Result<InvestmentRequest> {
    let f = group.fields;
    let mut b = InvestmentRequest::builder(id, f.name.unwrap_or_default());
    for (year, amount) in group.amounts {
        b = b.amount(year, amount);
    }
    if let Some(v) = f.responsible {
        b = b.responsible_committee(v);
    }
    if let Some(v) = f.executing {
        b = b.executing_committee(v);
    }
    if let Some(v) = f.description {
        b = b.description(v);
    }
    if let Some(v) = f.need {
        b = b.need(v);
    }
    if let Some(v) = f.spending_starts {
        b = b.spending_starts(v);
    }
    if let Some(v) = f.activation {
        b = b.activation(v);
    }
    if let Some(v) = f.drift_start {
        b = b.drift_start(v);
    }
    if let Some(v) = f.cost_during {
        b = b.operating_cost_during_project(v);
    }
    if let Some(v) = f.cost_after {
        b = b.operating_cost_after_activation(v);
    }
    if let Some(v) = f.life {
        b = b.useful_life(v);
    }
    b.build()
}

/// Reads a request table (see the [module docs](self) for its layout).
///
/// # Errors
/// Only for a file that cannot be read at all: [`InvestError::Read`] for
/// an I/O or CSV error or an empty file, [`InvestError::MissingColumn`] for a
/// required column missing from the header. Bad rows are not errors: they
/// are in [`ImportSummary::rejected`].
///
/// # Example
/// ```
/// use namnd_invest::import::{import_requests, ImportOptions};
/// use namnd_invest::{AmountStatus, InvestError};
/// use namnd_core::{Amount, FiscalYear};
///
/// let csv = "id;benämning;år;belopp;status;tillägg;utgift_uppstår;aktiveras;nyttjandeperiod\n\
///            1:12;Violen;2025;1 000;beslutat;250;2025-03-01;2026-07-01;10\n\
///            1:12;;2026;400;nytt;;;;\n\
///            1:2;Larm;2025;300;grön;;;;\n\
///            1:3;Möbler;2025;200;nytt;;2025-05-01;2025-01-01;5\n\
///            1:4;Bilar;2025;200;nytt;;;;0\n";
/// let import = import_requests(csv.as_bytes(), &ImportOptions::new("äskanden.csv"))?;
/// let summary = &import.summary;
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected().len()), (5, 2, 3));
/// assert_eq!(summary.rejected()[0].to_string(),
///     "äskanden.csv line 4 column status: status \"grön\" is unknown; expected beslutat, nytt, förändrat, saknas or väntar");
/// assert_eq!(summary.rejected()[1].to_string(),
///     "äskanden.csv line 5 column aktiveras: request 1:3 is activated on 2025-01-01, before spending starts on 2025-05-01");
/// assert!(matches!(summary.rejected()[2].reason_error(), InvestError::InvalidUsefulLife { years: 0 }));
/// assert_eq!(summary.rejected_by_reason().get("UnknownStatus"), Some(&1));
///
/// let violen = import.requests.first().ok_or("no request")?;
/// assert_eq!(violen.investment()?, Amount::from_tkr(1_650)?);
/// let y2025 = violen.amount(FiscalYear::try_new(2025)?).ok_or("no 2025")?;
/// assert_eq!(y2025.additional().map(|p| p.status()), Some(&AmountStatus::New));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn import_requests<R: Read>(reader: R, options: &ImportOptions) -> Result<RequestImport> {
    let file = quote_for_message(&options.file, QUOTE_CHARS);
    let read_error = |line: Option<u64>, e: &dyn std::fmt::Display| InvestError::Read {
        file: file.clone(),
        line,
        message: e.to_string(),
    };
    let mut bytes = Vec::new();
    // `read_to_end` keeps what it read before an error.
    let io_error = reader
        .take(MAX_INPUT_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .err();
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_INPUT_BYTES {
        return Err(InvestError::InputTooLarge {
            file,
            limit: MAX_INPUT_BYTES,
        });
    }
    let mut incomplete = None;
    if let Some(e) = io_error {
        // Keep the complete lines read before the error; a half line is
        // dropped rather than read as a shorter row.
        let complete = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i.saturating_add(1));
        bytes.truncate(complete);
        if bytes.is_empty() {
            return Err(read_error(None, &e));
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        let line = u64::try_from(lines).unwrap_or(u64::MAX).saturating_add(1);
        incomplete = Some(read_error(Some(line), &e));
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') {
        b';'
    } else {
        b','
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header = csv
        .byte_headers()
        .map_err(|e| read_error(Some(1), &e))?
        .clone();
    if header.is_empty() {
        return Err(read_error(None, &"the file is empty"));
    }
    let mut index: BTreeMap<Col, usize> = BTreeMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = fold(&String::from_utf8_lossy(name));
        if let Some((col, _)) = COLUMNS.iter().find(|(_, known)| fold(known) == name) {
            index.entry(*col).or_insert(i);
        }
    }
    for col in REQUIRED {
        if !index.contains_key(col) {
            return Err(InvestError::MissingColumn {
                file,
                column: col.name(),
            });
        }
    }

    let mut summary = ImportSummary {
        file: options.file.clone(),
        rows_read: 0,
        accepted: 0,
        rejected_count: 0,
        by_reason: BTreeMap::new(),
        rejected: Vec::new(),
        incomplete: None,
    };
    let mut groups: BTreeMap<RequestId, Group> = BTreeMap::new();
    let mut record = csv::ByteRecord::new();
    let mut last_line = 1;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Reading from memory only fails on malformed input; keep
                // what was read and say where it stopped.
                incomplete = Some(read_error(e.position().map(csv::Position::line), &e));
                break;
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // an empty line, or one of delimiters only
        }
        if summary.rows_read >= MAX_ROWS {
            incomplete = Some(InvestError::TooManyRows {
                file: file.clone(),
                limit: MAX_ROWS,
                line: last_line,
            });
            break;
        }
        last_line = line;
        match accept_row(&record, &header, &index, options.unit, line, &mut groups) {
            Ok(()) => summary.accept(),
            Err(ColumnError(column, reason)) => summary.reject(InvestError::Row {
                file: file.clone(),
                line,
                column: column.map(Col::name),
                reason: Box::new(reason),
            }),
        }
    }
    summary.incomplete = incomplete;

    let mut requests = Vec::new();
    for (id, group) in groups {
        let line = group.first_line;
        let rows = u64::try_from(group.amounts.len()).unwrap_or(u64::MAX);
        match build(id, group) {
            Ok(request) => requests.push(request),
            Err(reason) => {
                // Cannot happen for rows that passed the checks above, but a
                // request that fails to build must not vanish silently.
                summary.accepted = summary.accepted.saturating_sub(rows);
                summary.count_rejection(
                    InvestError::Row {
                        file: file.clone(),
                        line,
                        column: None,
                        reason: Box::new(reason),
                    },
                    rows,
                );
            }
        }
    }
    Ok(RequestImport { requests, summary })
}

fn accept_row(
    record: &csv::ByteRecord,
    header: &csv::ByteRecord,
    index: &BTreeMap<Col, usize>,
    unit: Unit,
    line: u64,
    groups: &mut BTreeMap<RequestId, Group>,
) -> Result<(), ColumnError> {
    if record.len() != header.len() {
        return Err(ColumnError(
            None,
            InvestError::ColumnCount {
                expected: header.len(),
                found: record.len(),
            },
        ));
    }
    let mut fields = Vec::with_capacity(record.len());
    for (i, raw) in record.iter().enumerate() {
        let text = core::str::from_utf8(raw).map_err(|_| {
            let col = index.iter().find(|(_, at)| **at == i).map(|(c, _)| *c);
            ColumnError(col, InvestError::InvalidUtf8)
        })?;
        fields.push(text);
    }
    let row = Row {
        fields,
        index,
        unit,
    };
    let parsed = parse_row(&row)?;
    match groups.get_mut(&parsed.id) {
        Some(group) => {
            if group.amounts.contains_key(&parsed.year) {
                return Err(ColumnError(
                    Some(Col::Year),
                    InvestError::DuplicateYear {
                        request: parsed.id.quoted(),
                        year: parsed.year.year(),
                    },
                ));
            }
            let (merged, given) = merge(&parsed.id, &group.fields, parsed.fields, &group.lines)?;
            group.fields = merged;
            for col in given {
                group.lines.insert(col, line);
            }
            group.amounts.insert(parsed.year, parsed.amount);
        }
        None => {
            if parsed.fields.name.is_none() {
                return Err(ColumnError(
                    Some(Col::Name),
                    InvestError::EmptyField {
                        request: parsed.id.quoted(),
                    },
                ));
            }
            let (fields, given) = merge(
                &parsed.id,
                &RequestFields::default(),
                parsed.fields,
                &BTreeMap::new(),
            )?;
            let group = Group {
                first_line: line,
                fields,
                lines: given.into_iter().map(|c| (c, line)).collect(),
                amounts: BTreeMap::from([(parsed.year, parsed.amount)]),
            };
            groups.insert(parsed.id, group);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,benämning,år,belopp,status,not,utgift_uppstår,aktiveras,nyttjandeperiod,drift_efter_aktivering,driftstart\n";

    fn import(body: &str) -> RequestImport {
        import_requests(
            format!("{HEADER}{body}").as_bytes(),
            &ImportOptions::new("t.csv"),
        )
        .unwrap()
    }

    fn reason(import: &RequestImport, i: usize) -> &InvestError {
        import.summary.rejected()[i].reason_error()
    }

    #[test]
    fn rows_of_one_request_are_assembled() {
        let imp = import(
            "1:1,Violen,2025,500,beslutat,,2025-01-01,2026-07,10,50,2026–2027\n\
             1:1,,2026,500,väntar,inväntar kalkyl,,,,,\n",
        );
        assert_eq!(imp.summary.accepted(), 2);
        let r = &imp.requests[0];
        assert_eq!(r.activation(), NaiveDate::from_ymd_opt(2026, 7, 1));
        assert_eq!(
            r.operating_cost_after_activation(),
            Some(Amount::from_kr(50_000))
        );
        assert_eq!(r.drift_start().map(|d| d.last_year().year()), Some(2027));
        let y2026 = r.amount(FiscalYear::try_new(2026).unwrap()).unwrap();
        assert_eq!(
            y2026.base().status(),
            &AmountStatus::Pending {
                note: "inväntar kalkyl".into()
            }
        );
    }

    #[test]
    fn activation_before_spending_across_rows_names_row_and_request() {
        let imp = import(
            "1:1,Violen,2025,500,nytt,,2025-06-01,,10,,\n\
             1:1,,2026,500,nytt,,,2025-01-01,,,\n",
        );
        let err = &imp.summary.rejected()[0];
        assert_eq!(err.line(), Some(3));
        assert!(matches!(
            err,
            InvestError::Row {
                column: Some("aktiveras"),
                ..
            }
        ));
        assert!(
            matches!(reason(&imp, 0), InvestError::ActivationBeforeSpending { request, .. } if request == "1:1")
        );
        // The first row is still accepted, the second leaves no trace.
        assert_eq!(imp.requests[0].amounts().len(), 1);
        assert_eq!(imp.requests[0].activation(), None);
    }

    #[test]
    fn negative_useful_life_is_rejected() {
        let imp = import("1:1,x,2025,1,nytt,,,,-5,,\n");
        assert_eq!(
            reason(&imp, 0),
            &InvestError::InvalidUsefulLife { years: -5 }
        );
        assert!(imp.requests.is_empty());
    }

    #[test]
    fn conflicting_request_field_is_rejected_with_the_first_line() {
        let imp = import("1:1,x,2025,1,nytt,,,,10,,\n1:1,x,2026,1,nytt,,,,12,,\n");
        assert_eq!(
            reason(&imp, 0),
            &InvestError::ConflictingField {
                request: "1:1".into(),
                first_line: 2
            }
        );
    }

    #[test]
    fn first_row_without_name_is_rejected_and_a_later_one_may_define_it() {
        let imp = import("1:1,,2025,1,nytt,,,,,,\n1:1,x,2026,1,nytt,,,,,,\n");
        assert!(matches!(reason(&imp, 0), InvestError::EmptyField { .. }));
        assert_eq!(imp.requests[0].amounts().len(), 1);
    }

    #[test]
    fn duplicate_year_and_bad_numbers_are_rejected_rest_kept() {
        let imp = import(
            "1:1,x,2025,1,nytt,,,,,,\n\
             1:1,x,2025,2,nytt,,,,,,\n\
             1:2,y,20x5,2,nytt,,,,,,\n\
             1:3,z,2025,abc,nytt,,,,,,\n\
             1:4,w,2025,1,nytt\n\
             \n\
             1:5,v,2025,7,nytt,,,,,,\n",
        );
        let s = &imp.summary;
        assert_eq!((s.rows_read(), s.accepted(), s.rejected().len()), (6, 2, 4));
        assert!(matches!(
            reason(&imp, 0),
            InvestError::DuplicateYear { year: 2025, .. }
        ));
        assert!(matches!(reason(&imp, 1), InvestError::Malformed { .. }));
        assert!(matches!(
            s.rejected()[2],
            InvestError::Row {
                column: Some("belopp"),
                line: 5,
                ..
            }
        ));
        assert!(matches!(
            reason(&imp, 3),
            InvestError::ColumnCount {
                expected: 11,
                found: 5
            }
        ));
        let ids: Vec<&str> = imp.requests.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, ["1:1", "1:5"]);
    }

    #[test]
    fn personnummer_in_a_field_never_reaches_a_message() {
        let imp = import("19121212-1212,x,2025,1,nytt,,,,,,\n1:1,x,2025,1,19121212-1212,,,,,,\n");
        for err in imp.summary.rejected() {
            assert!(!err.to_string().contains("1212-1212"), "{err}");
        }
        assert_eq!(imp.summary.rejected().len(), 2);
    }

    #[test]
    fn missing_required_column_is_fatal() {
        let err = import_requests(
            &b"id,benamning,ar,belopp\n"[..],
            &ImportOptions::new("t.csv"),
        )
        .unwrap_err();
        assert_eq!(
            err,
            InvestError::MissingColumn {
                file: "t.csv".into(),
                column: "status"
            }
        );
    }

    #[test]
    fn ascii_column_names_and_semicolons_work() {
        let csv = "ID;Benamning;Ar;Belopp;Status\n1:1;x;2025;1 250,5;beslutat\n";
        let imp = import_requests(csv.as_bytes(), &ImportOptions::new("t.csv")).unwrap();
        assert_eq!(
            imp.requests[0].investment().unwrap(),
            Amount::from_kr(1_250_500)
        );
    }

    #[test]
    fn split_needs_a_decided_base() {
        let csv = "id,benämning,år,belopp,status,tillägg\n1:1,x,2025,100,nytt,50\n";
        let imp = import_requests(csv.as_bytes(), &ImportOptions::new("t.csv")).unwrap();
        assert!(matches!(
            reason(&imp, 0),
            InvestError::SplitBaseNotDecided { .. }
        ));
    }

    const SHORT_HEADER: &str = "id,benämning,år,belopp,status\n";

    /// Gives `data`, then fails.
    struct FailingReader {
        data: std::io::Cursor<Vec<u8>>,
    }

    impl Read for FailingReader {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.data.read(buf)?;
            if n == 0 {
                return Err(std::io::Error::other("disk gone"));
            }
            Ok(n)
        }
    }

    #[test]
    fn input_larger_than_max_input_bytes_is_refused() {
        let mut csv = SHORT_HEADER.as_bytes().to_vec();
        // One huge field: the cap bounds it too.
        csv.resize(usize::try_from(MAX_INPUT_BYTES).unwrap() + 1, b'x');
        let err = import_requests(csv.as_slice(), &ImportOptions::new("t.csv")).unwrap_err();
        assert_eq!(
            err,
            InvestError::InputTooLarge {
                file: "t.csv".into(),
                limit: MAX_INPUT_BYTES
            }
        );
    }

    #[test]
    fn input_of_exactly_max_input_bytes_is_read() {
        let mut csv = format!("{SHORT_HEADER}1:1,x,2025,1,nytt\n").into_bytes();
        csv.resize(usize::try_from(MAX_INPUT_BYTES).unwrap(), b'\n');
        let imp = import_requests(csv.as_slice(), &ImportOptions::new("t.csv")).unwrap();
        assert_eq!(imp.summary.accepted(), 1);
    }

    #[test]
    fn rejections_are_all_counted_but_only_the_first_max_stored_are_kept() {
        let extra = 5;
        let mut csv = String::from(SHORT_HEADER);
        for _ in 0..MAX_STORED_REJECTIONS + extra {
            csv.push_str("1:1,x,2025,abc,nytt\n");
        }
        csv.push_str("1:2,y,2025,,väntar\n");
        csv.push_str("1:3,z,2025,,nytt\n");
        let imp = import_requests(csv.as_bytes(), &ImportOptions::new("t.csv")).unwrap();
        let s = &imp.summary;
        let bad = u64::try_from(MAX_STORED_REJECTIONS + extra).unwrap();
        assert_eq!(s.rows_read(), bad + 2);
        assert_eq!((s.accepted(), s.rejected_count()), (1, bad + 1));
        assert_eq!(s.rejected().len(), MAX_STORED_REJECTIONS);
        assert_eq!(s.rejected_by_reason().get("Malformed"), Some(&bad));
        assert_eq!(s.rejected_by_reason().get("RequiredField"), Some(&1));
        assert_eq!(s.accepted() + s.rejected_count(), s.rows_read());
    }

    #[test]
    fn io_error_mid_file_keeps_the_rows_read_and_reports_it() {
        let data = format!("{SHORT_HEADER}1:1,x,2025,100,nytt\n1:2,y,2025,200,nytt\n1:3,z,20");
        let reader = FailingReader {
            data: std::io::Cursor::new(data.into_bytes()),
        };
        let imp = import_requests(reader, &ImportOptions::new("t.csv")).unwrap();
        let ids: Vec<&str> = imp.requests.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, ["1:1", "1:2"]);
        assert_eq!(imp.summary.rows_read(), 2);
        let incomplete = imp.summary.incomplete().unwrap();
        assert_eq!(incomplete.line(), Some(4));
        assert_eq!(
            incomplete.to_string(),
            "cannot read t.csv line 4: disk gone"
        );
    }

    #[test]
    fn io_error_before_the_header_is_fatal() {
        let reader = FailingReader {
            data: std::io::Cursor::new(b"id,b".to_vec()),
        };
        let err = import_requests(reader, &ImportOptions::new("t.csv")).unwrap_err();
        assert!(matches!(err, InvestError::Read { line: None, .. }));
    }

    #[test]
    fn rows_beyond_max_rows_are_not_read_and_the_stop_is_reported() {
        let mut csv = String::from(SHORT_HEADER);
        for _ in 0..=MAX_ROWS {
            csv.push_str(",,,,\n");
            csv.push_str("x\n");
        }
        let imp = import_requests(csv.as_bytes(), &ImportOptions::new("t.csv")).unwrap();
        assert_eq!(imp.summary.rows_read(), MAX_ROWS);
        assert!(matches!(
            imp.summary.incomplete(),
            Some(InvestError::TooManyRows { limit: MAX_ROWS, line, .. }) if *line == 2 * MAX_ROWS + 1
        ));
    }

    #[test]
    fn file_name_is_redacted_in_every_message() {
        let csv = format!("{SHORT_HEADER}1:1,x,2025,abc,nytt\n");
        let imp =
            import_requests(csv.as_bytes(), &ImportOptions::new("19121212-1212.csv")).unwrap();
        let message = imp.summary.rejected()[0].to_string();
        assert!(!message.contains("1212-1212"), "{message}");
    }

    #[test]
    fn pending_or_possibly_missing_amount_may_be_left_empty_and_counts_as_zero() {
        let csv = format!(
            "{SHORT_HEADER}1:1,x,2025,,väntar\n1:1,x,2026,,saknas\n1:1,x,2027,300,nytt\n1:2,y,2025,,nytt\n"
        );
        let imp = import_requests(csv.as_bytes(), &ImportOptions::new("t.csv")).unwrap();
        assert_eq!(imp.summary.accepted(), 3);
        let r = &imp.requests[0];
        let y2025 = r.amount(FiscalYear::try_new(2025).unwrap()).unwrap();
        assert!(!y2025.is_known());
        assert_eq!(y2025.base().known_amount(), None);
        assert_eq!(r.investment().unwrap(), Amount::from_tkr(300).unwrap());
        let rejected = &imp.summary.rejected()[0];
        assert!(matches!(
            rejected,
            InvestError::Row { column: Some("belopp"), line: 5, reason, .. } if **reason == InvestError::RequiredField
        ));
    }
}
