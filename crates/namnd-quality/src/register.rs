//! CSV import of a Lex Sarah / Lex Maria case register
//! (*ärenderegister*): one row per case.
//!
//! | Question | Answer |
//! |---|---|
//! | Which columns? | [`RegisterColumns`]: `id, enhet, regim, lag, kategori, handelsedatum, upptacktsdatum, rapportdatum, mottagare, utredning_start, utredning_klar, bedomning, ivo_anmalan, ivo_beslut_datum, ivo_beslut, omdirigerad_till, omdirigerad_datum, avslutad` (all required in the header, names mappable), plus optional `atgarder` (number of measures), `bedomning_datum` (assessment date) and `rapporttyp` (report kind) |
//! | How large may a file be? | [`MAX_INPUT_BYTES`] (16 MiB) in all, refused whole beyond; [`MAX_RECORD_BYTES`] (64 KiB) per row, a longer row rejected, counted and not echoed |
//! | How do I read a file? | [`import_register`] with [`RegisterOptions`] and the municipality's [`CaseCategories`] |
//! | What was kept and what not? | [`RegisterImport::cases`] and [`RegisterSummary`]: rows read, accepted, rejected (the first [`DEFAULT_REPORT_LIMIT`] in full, each with file, line, column and reason; all counted by reason) |
//! | What about the description? | A description column (*beskrivning*, secret) may be in the file; it is never read, stored or echoed |
//!
//! ## Reading a row
//! - The delimiter is `;` or `,`, detected from the header (more `;` than
//!   `,` outside quotes: `;`) unless set; a UTF-8 byte order mark is skipped;
//!   quoting as RFC 4180, by the `csv` crate (a well-kept parser, rather than
//!   a hand-written one that would get quoted delimiters and line breaks
//!   wrong). Blank lines are not rows. Header names match ignoring case and
//!   surrounding whitespace; other columns are ignored.
//! - Dates are `YYYY-MM-DD`; empty optional fields are absent.
//! - `regim`: `lex sarah` / `sarah`, `lex maria` / `maria`, `ingen` / `none`
//!   (also for `omdirigerad_till`). `lag` (`SoL` / `LSS`) gives the act of
//!   whichever regime is Lex Sarah, initial or redirect target, and is
//!   required then.
//! - `mottagare`: `SAS`, `MAS`, `chef` / `enhetschef` / `verksamhetschef` /
//!   `manager`.
//! - `bedomning`: `allvarlig`, `mindre allvarlig`, `inget missförhållande` /
//!   `ej missförhållande` / `ingen brist`. It is dated at `bedomning_datum`
//!   when that optional column is there and filled; otherwise at the earlier
//!   of `utredning_klar` and `ivo_anmalan` (a serious case may be reported
//!   to IVO before the investigation is written up), but not before
//!   `utredning_start`; or at `utredning_start` while neither is given.
//! - `rapporttyp` (optional column; empty or absent: `missförhållande`):
//!   `missförhållande`, or `påtaglig risk` / `påtaglig risk för
//!   missförhållande` / `risk` ([`ReportKind`]).
//! - `ivo_beslut`: free text read by keywords into a closed list
//!   ([`IvoOutcome::from_register_text`]: `utan kritik` → closed without
//!   criticism, `föreläggande` → injunction, `kritik` → criticism, anything
//!   else → other); **the text itself is never kept**. It needs
//!   `ivo_beslut_datum` and the other way round, and so do
//!   `omdirigerad_till` and `omdirigerad_datum`.
//! - Columns with a fixed list of values (`enhet`, `regim`, `lag`,
//!   `mottagare`, `bedomning`, `rapporttyp`, `omdirigerad_till`) never echo
//!   a bad value (a name typed into the wrong column would otherwise leave
//!   the register in the message): the error lists the expected values
//!   ([`QualityError::RegisterUnexpectedValue`]). Dates and numbers are
//!   echoed through [`namnd_core::quote_for_message`].
//! - The row's events are added in date order; on the same day a redirect
//!   comes first (the row's investigation then belongs to the regime the
//!   case ended up in), then investigation start, finish, assessment, IVO
//!   report, IVO decision, closing. The case rules of [`crate::case`] then
//!   apply, and a broken rule rejects the row naming its column.
//! - A second row with an id already accepted is rejected.
//!
//! A rejected row never stops the rest of the file. Only an unreadable
//! header (none, too long, a required column missing or repeated), an input
//! over [`MAX_INPUT_BYTES`] or a read error stop the import.
//!
//! ## Example
//! ```
//! use namnd_quality::case::{CaseCategories, CaseStatus, FunnelOutcome};
//! use namnd_quality::register::{import_register, RegisterOptions};
//!
//! let csv = "\
//! id;enhet;regim;lag;kategori;handelsedatum;upptacktsdatum;rapportdatum;mottagare;utredning_start;utredning_klar;bedomning;ivo_anmalan;ivo_beslut_datum;ivo_beslut;omdirigerad_till;omdirigerad_datum;avslutad;beskrivning
//! LS-1;HT;lex sarah;SoL;bemötande;2021-03-01;2021-03-01;2021-03-02;SAS;2021-03-03;2021-03-12;allvarlig;2021-03-15;2021-06-01;utan kritik;;;2021-06-02;secret text
//! LS-2;HT;lex sarah;SoL;okänd;;;2021-04-02;SAS;;;;;;;;;;secret text
//! ";
//! let categories = CaseCategories::new(["bemötande"])?;
//! let import = import_register(csv.as_bytes(), &RegisterOptions::new("register.csv"), &categories)?;
//! assert_eq!(import.cases().len(), 1);
//! assert_eq!(import.cases()[0].status(), CaseStatus::Closed);
//! assert_eq!(import.cases()[0].funnel_outcome(), FunnelOutcome::ReportedToIvo);
//! let summary = import.summary();
//! assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (2, 1, 1));
//! assert_eq!(
//!     summary.rejected()[0].to_string(),
//!     r#"register.csv line 3 column kategori: case LS-2: category "okänd" is not in the category list"#
//! );
//! assert!(!format!("{import:?}").contains("secret"));
//! # Ok::<(), namnd_quality::QualityError>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::Arc;

use chrono::NaiveDate;
use namnd_core::OrgUnit;

use crate::case::{
    Assessment, CaseCategories, CaseEventKind, CaseId, IvoOutcome, QualityCase, ReceiverRole,
    Regime, ReportKind, SarahLaw,
};
use crate::{QualityError, Result};

/// How many characters of a field an error message echoes.
const ECHO_CHARS: usize = 60;

/// How many rejected rows a [`RegisterSummary`] keeps in full by default
/// ([`RegisterOptions::with_report_limit`]); the rest are only counted, by
/// reason.
///
/// # Example
/// ```
/// use namnd_quality::register::{DEFAULT_REPORT_LIMIT, RegisterOptions};
/// assert_eq!(RegisterOptions::new("r.csv").report_limit(), DEFAULT_REPORT_LIMIT);
/// ```
pub const DEFAULT_REPORT_LIMIT: usize = 1_000;

/// The largest input [`import_register`] reads: 16 MiB (a register has one
/// row per case: hundreds, not millions). A larger input is refused whole,
/// with [`QualityError::RegisterTooLarge`].
///
/// # Example
/// ```
/// assert_eq!(namnd_quality::register::MAX_INPUT_BYTES, 16 * 1024 * 1024);
/// ```
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// The longest record (row, all fields together) [`import_register`]
/// reads: 64 KiB. A longer row is rejected and counted
/// ([`QualityError::RegisterRecordTooLong`], reason `record_too_long`)
/// without echoing any of it; a longer header stops the import.
///
/// # Example
/// ```
/// assert_eq!(namnd_quality::register::MAX_RECORD_BYTES, 64 * 1024);
/// ```
pub const MAX_RECORD_BYTES: usize = 64 << 10;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

// ----------------------------------------------------------------- columns

/// The header names of the register's columns. The [`Default`] names are
/// those of the module docs; each can be mapped with its `with_*` method.
///
/// # Example
/// ```
/// use namnd_quality::register::RegisterColumns;
/// let columns = RegisterColumns::default().with_id("Diarienummer").with_enhet("Enhet");
/// assert_eq!(columns.id(), "Diarienummer");
/// assert_eq!(columns.rapportdatum(), "rapportdatum");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct RegisterColumns {
    id: String,
    enhet: String,
    regim: String,
    lag: String,
    kategori: String,
    handelsedatum: String,
    upptacktsdatum: String,
    rapportdatum: String,
    mottagare: String,
    utredning_start: String,
    utredning_klar: String,
    atgarder: String,
    bedomning: String,
    bedomning_datum: String,
    rapporttyp: String,
    ivo_anmalan: String,
    ivo_beslut_datum: String,
    ivo_beslut: String,
    omdirigerad_till: String,
    omdirigerad_datum: String,
    avslutad: String,
}

impl Default for RegisterColumns {
    fn default() -> Self {
        RegisterColumns {
            id: "id".to_owned(),
            enhet: "enhet".to_owned(),
            regim: "regim".to_owned(),
            lag: "lag".to_owned(),
            kategori: "kategori".to_owned(),
            handelsedatum: "handelsedatum".to_owned(),
            upptacktsdatum: "upptacktsdatum".to_owned(),
            rapportdatum: "rapportdatum".to_owned(),
            mottagare: "mottagare".to_owned(),
            utredning_start: "utredning_start".to_owned(),
            utredning_klar: "utredning_klar".to_owned(),
            atgarder: "atgarder".to_owned(),
            bedomning: "bedomning".to_owned(),
            bedomning_datum: "bedomning_datum".to_owned(),
            rapporttyp: "rapporttyp".to_owned(),
            ivo_anmalan: "ivo_anmalan".to_owned(),
            ivo_beslut_datum: "ivo_beslut_datum".to_owned(),
            ivo_beslut: "ivo_beslut".to_owned(),
            omdirigerad_till: "omdirigerad_till".to_owned(),
            omdirigerad_datum: "omdirigerad_datum".to_owned(),
            avslutad: "avslutad".to_owned(),
        }
    }
}

macro_rules! column_accessors {
    ($($field:ident, $with:ident, $what:literal;)*) => {
        impl RegisterColumns {
            $(
                #[doc = concat!("The header name of the ", $what, " column (default `", stringify!($field), "`).")]
                ///
                /// # Example
                /// ```
                /// use namnd_quality::register::RegisterColumns;
                #[doc = concat!("assert_eq!(RegisterColumns::default().", stringify!($field), "(), \"", stringify!($field), "\");")]
                /// ```
                #[must_use]
                pub fn $field(&self) -> &str {
                    &self.$field
                }

                #[doc = concat!("Reads the ", $what, " column from the header name `name`.")]
                ///
                /// # Example
                /// ```
                /// use namnd_quality::register::RegisterColumns;
                #[doc = concat!("let columns = RegisterColumns::default().", stringify!($with), "(\"X\");")]
                #[doc = concat!("assert_eq!(columns.", stringify!($field), "(), \"X\");")]
                /// ```
                #[must_use]
                pub fn $with(mut self, name: impl Into<String>) -> Self {
                    self.$field = name.into();
                    self
                }
            )*
        }
    };
}

column_accessors! {
    id, with_id, "case id";
    enhet, with_enhet, "unit (*enhet*)";
    regim, with_regim, "regime (*regim*)";
    lag, with_lag, "act (*lag*: SoL or LSS)";
    kategori, with_kategori, "category (*kategori*)";
    handelsedatum, with_handelsedatum, "event date (*händelsedatum*)";
    upptacktsdatum, with_upptacktsdatum, "discovery date (*upptäcktsdatum*)";
    rapportdatum, with_rapportdatum, "report received date (*rapportdatum*)";
    mottagare, with_mottagare, "receiver role (*mottagare*)";
    utredning_start, with_utredning_start, "investigation started (*utredning påbörjad*)";
    utredning_klar, with_utredning_klar, "investigation finished (*utredning klar*)";
    atgarder, with_atgarder, "optional number of measures (*åtgärder*)";
    bedomning, with_bedomning, "assessment (*bedömning*)";
    bedomning_datum, with_bedomning_datum, "optional assessment date (*bedömningsdatum*)";
    rapporttyp, with_rapporttyp, "optional report kind (*missförhållande* or *påtaglig risk*)";
    ivo_anmalan, with_ivo_anmalan, "report to IVO date (*anmälan till IVO*)";
    ivo_beslut_datum, with_ivo_beslut_datum, "IVO decision date";
    ivo_beslut, with_ivo_beslut, "IVO decision (*IVO:s beslut*)";
    omdirigerad_till, with_omdirigerad_till, "redirected-to regime";
    omdirigerad_datum, with_omdirigerad_datum, "redirect date";
    avslutad, with_avslutad, "closing date (*avslutad*)";
}

// ----------------------------------------------------------------- options

/// How to read one register file: its name for messages, the delimiter
/// (detected unless set), the column names and how many rejections to keep
/// in full.
///
/// # Example
/// ```
/// use namnd_quality::register::{RegisterColumns, RegisterOptions};
/// let options = RegisterOptions::new("lex-sarah-2021.csv")
///     .with_delimiter(b';')
///     .with_columns(RegisterColumns::default().with_id("Dnr"))
///     .with_report_limit(10);
/// assert_eq!(options.file(), "lex-sarah-2021.csv");
/// assert_eq!(options.delimiter(), Some(b';'));
/// assert_eq!(options.columns().id(), "Dnr");
/// assert_eq!(options.report_limit(), 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterOptions {
    file: Arc<str>,
    delimiter: Option<u8>,
    columns: RegisterColumns,
    report_limit: usize,
}

impl RegisterOptions {
    /// Options for the file called `file` (used only in messages).
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn new(file: impl AsRef<str>) -> Self {
        RegisterOptions {
            file: Arc::from(file.as_ref()),
            delimiter: None,
            columns: RegisterColumns::default(),
            report_limit: DEFAULT_REPORT_LIMIT,
        }
    }

    /// Reads with `delimiter` instead of detecting it.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Reads the columns named in `columns`.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn with_columns(mut self, columns: RegisterColumns) -> Self {
        self.columns = columns;
        self
    }

    /// Keeps the first `limit` rejections in full.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn with_report_limit(mut self, limit: usize) -> Self {
        self.report_limit = limit;
        self
    }

    /// The file's name.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The delimiter, if set.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }

    /// The column names.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn columns(&self) -> &RegisterColumns {
        &self.columns
    }

    /// How many rejections are kept in full.
    ///
    /// # Example
    /// See [`RegisterOptions`].
    #[must_use]
    pub fn report_limit(&self) -> usize {
        self.report_limit
    }
}

// ----------------------------------------------------------------- summary

/// What an import read, kept and rejected.
///
/// Invariant: `accepted() + rejected_count() == rows_read()`. Memory is
/// bounded: the first [`RegisterOptions::report_limit`] rejections are kept
/// in full, all are counted by reason.
///
/// # Example
/// ```
/// use namnd_quality::case::CaseCategories;
/// use namnd_quality::register::{import_register, RegisterOptions};
///
/// let csv = "id,enhet,regim,lag,kategori,handelsedatum,upptacktsdatum,rapportdatum,mottagare,utredning_start,utredning_klar,bedomning,ivo_anmalan,ivo_beslut_datum,ivo_beslut,omdirigerad_till,omdirigerad_datum,avslutad\n\
///            A,HT,lex sarah,SoL,x,,,2021-02-30,SAS,,,,,,,,,\n\
///            B,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n";
/// let import = import_register(csv.as_bytes(), &RegisterOptions::new("r.csv"), &CaseCategories::new(["x"])?)?;
/// let summary = import.summary();
/// assert_eq!((summary.rows_read(), summary.accepted(), summary.rejected_count()), (2, 1, 1));
/// assert_eq!(
///     summary.rejected()[0].to_string(),
///     r#"r.csv line 2 column rapportdatum: "2021-02-30" is not a date (expected YYYY-MM-DD)"#
/// );
/// assert_eq!(summary.rejected_by_reason().collect::<Vec<_>>(), [("field", 1)]);
/// assert_eq!(summary.delimiter(), b',');
/// # Ok::<(), namnd_quality::QualityError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSummary {
    file: Arc<str>,
    delimiter: u8,
    rows_read: u64,
    accepted: u64,
    rejected: Vec<QualityError>,
    rejected_count: u64,
    by_reason: BTreeMap<&'static str, u64>,
    limit: usize,
}

impl RegisterSummary {
    fn new(file: Arc<str>, delimiter: u8, limit: usize) -> Self {
        RegisterSummary {
            file,
            delimiter,
            rows_read: 0,
            accepted: 0,
            rejected: Vec::new(),
            rejected_count: 0,
            by_reason: BTreeMap::new(),
            limit,
        }
    }

    fn accept(&mut self) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.accepted = self.accepted.saturating_add(1);
    }

    fn reject(&mut self, error: QualityError) {
        self.rows_read = self.rows_read.saturating_add(1);
        self.rejected_count = self.rejected_count.saturating_add(1);
        let slot = self.by_reason.entry(reason(&error)).or_insert(0);
        *slot = slot.saturating_add(1);
        if self.rejected.len() < self.limit {
            self.rejected.push(error);
        }
    }

    /// The file's name.
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The delimiter the file was read with.
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Data rows read (the header and blank lines not counted).
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Rows accepted as cases.
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// The first rejected rows, in file order, each with file, line, column
    /// and reason. A row with several problems is reported once, for the
    /// first found (field count, then the columns in the order of
    /// [`RegisterColumns`], then the case rules).
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn rejected(&self) -> &[QualityError] {
        &self.rejected
    }

    /// The number of rejected rows, kept in full or not.
    ///
    /// # Example
    /// See [`RegisterSummary`].
    #[must_use]
    pub fn rejected_count(&self) -> u64 {
        self.rejected_count
    }

    /// Rejected rows per reason (`field`, `field_count`, `case_rule`,
    /// `duplicate_id`, `record`, `record_too_long`), in byte order of the reason; the counts
    /// add up to [`rejected_count`](Self::rejected_count).
    ///
    /// # Example
    /// See [`RegisterSummary`].
    pub fn rejected_by_reason(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.by_reason.iter().map(|(&r, &n)| (r, n))
    }
}

/// The reason a rejection is counted under.
fn reason(error: &QualityError) -> &'static str {
    match error {
        QualityError::RegisterField { .. } => "field",
        QualityError::RegisterFieldCount { .. } => "field_count",
        QualityError::RegisterRule { .. } => "case_rule",
        QualityError::RegisterDuplicateId { .. } => "duplicate_id",
        QualityError::RegisterUnexpectedValue { .. } => "field",
        QualityError::RegisterRecordTooLong { .. } => "record_too_long",
        _ => "record",
    }
}

/// The cases an import accepted, and its [`RegisterSummary`].
///
/// # Example
/// See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterImport {
    cases: Vec<QualityCase>,
    summary: RegisterSummary,
}

impl RegisterImport {
    /// The accepted cases, in file order.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn cases(&self) -> &[QualityCase] {
        &self.cases
    }

    /// The summary.
    ///
    /// # Example
    /// See the [module docs](self).
    #[must_use]
    pub fn summary(&self) -> &RegisterSummary {
        &self.summary
    }

    /// The cases and the summary, by value.
    ///
    /// # Example
    /// ```
    /// use namnd_quality::case::CaseCategories;
    /// use namnd_quality::register::{import_register, RegisterOptions};
    /// let csv = "id,enhet,regim,lag,kategori,handelsedatum,upptacktsdatum,rapportdatum,mottagare,utredning_start,utredning_klar,bedomning,ivo_anmalan,ivo_beslut_datum,ivo_beslut,omdirigerad_till,omdirigerad_datum,avslutad\n";
    /// let (cases, summary) = import_register(csv.as_bytes(), &RegisterOptions::new("r.csv"), &CaseCategories::new(["x"])?)?
    ///     .into_parts();
    /// assert!(cases.is_empty());
    /// assert_eq!(summary.rows_read(), 0);
    /// # Ok::<(), namnd_quality::QualityError>(())
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (Vec<QualityCase>, RegisterSummary) {
        (self.cases, self.summary)
    }
}

// ------------------------------------------------------------------ import

/// The delimiter of a header line: `;` if it has more semicolons than commas
/// outside quotes, `,` otherwise.
fn detect_delimiter(header: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0_usize, 0_usize, false);
    for &byte in header {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas = commas.saturating_add(1),
            b';' if !quoted => semicolons = semicolons.saturating_add(1),
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// Where each needed column is in the header.
#[derive(Debug, Clone, Copy)]
struct Positions {
    id: usize,
    enhet: usize,
    regim: usize,
    lag: usize,
    kategori: usize,
    handelsedatum: usize,
    upptacktsdatum: usize,
    rapportdatum: usize,
    mottagare: usize,
    utredning_start: usize,
    utredning_klar: usize,
    atgarder: Option<usize>,
    bedomning: usize,
    bedomning_datum: Option<usize>,
    rapporttyp: Option<usize>,
    ivo_anmalan: usize,
    ivo_beslut_datum: usize,
    ivo_beslut: usize,
    omdirigerad_till: usize,
    omdirigerad_datum: usize,
    avslutad: usize,
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

fn locate(header: &[String], file: &str, name: &str) -> Result<Option<usize>> {
    let wanted = normalise(name);
    let mut found = header.iter().enumerate().filter(|(_, h)| **h == wanted);
    let first = found.next().map(|(i, _)| i);
    if found.next().is_some() {
        return Err(QualityError::RegisterDuplicateColumn {
            file: file.to_owned(),
            column: quote(name),
        });
    }
    Ok(first)
}

fn required(header: &[String], file: &str, name: &str) -> Result<usize> {
    locate(header, file, name)?.ok_or_else(|| QualityError::RegisterMissingColumn {
        file: file.to_owned(),
        column: quote(name),
        header: quote(&header.join(",")),
    })
}

impl Positions {
    fn find(header: &[String], file: &str, c: &RegisterColumns) -> Result<Positions> {
        let r = |name: &str| required(header, file, name);
        Ok(Positions {
            id: r(&c.id)?,
            enhet: r(&c.enhet)?,
            regim: r(&c.regim)?,
            lag: r(&c.lag)?,
            kategori: r(&c.kategori)?,
            handelsedatum: r(&c.handelsedatum)?,
            upptacktsdatum: r(&c.upptacktsdatum)?,
            rapportdatum: r(&c.rapportdatum)?,
            mottagare: r(&c.mottagare)?,
            utredning_start: r(&c.utredning_start)?,
            utredning_klar: r(&c.utredning_klar)?,
            atgarder: locate(header, file, &c.atgarder)?,
            bedomning: r(&c.bedomning)?,
            bedomning_datum: locate(header, file, &c.bedomning_datum)?,
            rapporttyp: locate(header, file, &c.rapporttyp)?,
            ivo_anmalan: r(&c.ivo_anmalan)?,
            ivo_beslut_datum: r(&c.ivo_beslut_datum)?,
            ivo_beslut: r(&c.ivo_beslut)?,
            omdirigerad_till: r(&c.omdirigerad_till)?,
            omdirigerad_datum: r(&c.omdirigerad_datum)?,
            avslutad: r(&c.avslutad)?,
        })
    }
}

fn quote(text: &str) -> String {
    namnd_core::quote_for_message(text, ECHO_CHARS)
}

/// Reads a case register from `reader` (read to the end first, at most
/// [`MAX_INPUT_BYTES`]: a register has one row per case, so it is small).
///
/// # Errors
/// Only for the file as a whole: [`QualityError::RegisterRead`] if reading
/// fails, [`QualityError::RegisterTooLarge`] for more than
/// [`MAX_INPUT_BYTES`], [`QualityError::RegisterRecordTooLong`] for a header
/// over [`MAX_RECORD_BYTES`], [`QualityError::RegisterNoHeader`] for a file without a header
/// line, [`QualityError::RegisterMissingColumn`] or
/// [`QualityError::RegisterDuplicateColumn`] for a header without (or with
/// twice) a column it needs. Bad rows are not errors: they are rejected,
/// counted in the [`RegisterSummary`], and the rest is read.
///
/// # Example
/// See the [module docs](self).
pub fn import_register<R: Read>(
    mut reader: R,
    options: &RegisterOptions,
    categories: &CaseCategories,
) -> Result<RegisterImport> {
    let file = options.file.clone();
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_INPUT_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| QualityError::RegisterRead {
            file: file.to_string(),
            kind: e.kind(),
        })?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_INPUT_BYTES {
        return Err(QualityError::RegisterTooLarge {
            file: file.to_string(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes);
    let first_line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| detect_delimiter(first_line));
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = csv::ByteRecord::new();
    let header: Vec<String> = match csv.read_byte_record(&mut record) {
        Ok(true) if record.as_slice().len() > MAX_RECORD_BYTES => {
            return Err(QualityError::RegisterRecordTooLong {
                file: file.to_string(),
                line: 1,
                limit: MAX_RECORD_BYTES,
            });
        }
        Ok(true) => record
            .iter()
            .map(|f| normalise(&String::from_utf8_lossy(f)))
            .collect(),
        Ok(false) | Err(_) => {
            return Err(QualityError::RegisterNoHeader {
                file: file.to_string(),
            });
        }
    };
    if header.iter().all(String::is_empty) {
        return Err(QualityError::RegisterNoHeader {
            file: file.to_string(),
        });
    }
    let positions = Positions::find(&header, &file, &options.columns)?;
    let mut summary = RegisterSummary::new(file.clone(), delimiter, options.report_limit);
    let mut cases = Vec::new();
    let mut seen: HashMap<CaseId, u64> = HashMap::new();
    let mut last_line = 1_u64;
    loop {
        let line_before = last_line;
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(line_before.saturating_add(1), |p| p.line());
                last_line = line;
                if record.as_slice().len() > MAX_RECORD_BYTES {
                    summary.reject(QualityError::RegisterRecordTooLong {
                        file: file.to_string(),
                        line,
                        limit: MAX_RECORD_BYTES,
                    });
                    continue;
                }
                let row = Row {
                    file: &file,
                    line,
                    record: &record,
                    columns: &options.columns,
                };
                match row.case(&positions, header.len(), categories) {
                    Ok(case) => {
                        if let Some(&first_line) = seen.get(case.id()) {
                            summary.reject(QualityError::RegisterDuplicateId {
                                file: file.to_string(),
                                line,
                                id: case.id().for_message(),
                                first_line,
                            });
                        } else {
                            seen.insert(case.id().clone(), line);
                            cases.push(case);
                            summary.accept();
                        }
                    }
                    Err(error) => summary.reject(error),
                }
            }
            Err(error) => {
                let line = error
                    .position()
                    .map_or(line_before.saturating_add(1), |p| p.line());
                summary.reject(QualityError::RegisterRecord {
                    file: file.to_string(),
                    line,
                });
                if line <= line_before {
                    // No progress: stop rather than loop.
                    break;
                }
                last_line = line;
            }
        }
    }
    Ok(RegisterImport { cases, summary })
}

/// Where an assessment's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AssessmentDate {
    /// The `bedomning_datum` column.
    Given,
    /// Worked out from the investigation and IVO report dates.
    Derived,
}

/// The date of an assessment: `bedomning_datum` when given; otherwise the
/// earlier of `utredning_klar` and `ivo_anmalan` (an assessment as serious
/// precedes its report to IVO, which may come before the investigation is
/// written up), but not before `utredning_start`; or `utredning_start`
/// while neither is given.
fn assessment_date(
    given: Option<NaiveDate>,
    started: Option<NaiveDate>,
    finished: Option<NaiveDate>,
    reported: Option<NaiveDate>,
) -> Option<(NaiveDate, AssessmentDate)> {
    if let Some(date) = given {
        return Some((date, AssessmentDate::Given));
    }
    let earliest = match (finished, reported) {
        (Some(f), Some(r)) => Some(f.min(r)),
        (f, r) => f.or(r),
    };
    let date = match (earliest, started) {
        (Some(e), Some(s)) => Some(e.max(s)),
        (Some(e), None) => Some(e),
        (None, s) => s,
    }?;
    Some((date, AssessmentDate::Derived))
}

/// One data row being read.
struct Row<'a> {
    file: &'a str,
    line: u64,
    record: &'a csv::ByteRecord,
    columns: &'a RegisterColumns,
}

impl Row<'_> {
    fn field_error(&self, column: &str, value: &str, reason: &'static str) -> QualityError {
        QualityError::RegisterField {
            file: self.file.to_owned(),
            line: self.line,
            column: quote(column),
            value: quote(value),
            reason,
        }
    }

    /// A field of a column with a fixed list of values: the value is not
    /// echoed, the expected values are listed.
    fn unexpected(&self, column: &str, expected: &'static str) -> QualityError {
        QualityError::RegisterUnexpectedValue {
            file: self.file.to_owned(),
            line: self.line,
            column: quote(column),
            expected,
        }
    }

    fn rule_error(&self, column: &str, error: QualityError) -> QualityError {
        QualityError::RegisterRule {
            file: self.file.to_owned(),
            line: self.line,
            column: quote(column),
            error: Box::new(error),
        }
    }

    /// The trimmed text of the field at `at`, named `column`.
    fn text(&self, at: usize, column: &str) -> Result<&str> {
        let bytes = self.record.get(at).unwrap_or_default();
        std::str::from_utf8(bytes).map(str::trim).map_err(|_| {
            self.field_error(
                column,
                &String::from_utf8_lossy(bytes),
                "is not valid UTF-8",
            )
        })
    }

    fn required(&self, at: usize, column: &str) -> Result<&str> {
        let text = self.text(at, column)?;
        if text.is_empty() {
            return Err(self.field_error(column, text, "is empty"));
        }
        Ok(text)
    }

    fn date(&self, at: usize, column: &str) -> Result<Option<NaiveDate>> {
        let text = self.text(at, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| self.field_error(column, text, "is not a date (expected YYYY-MM-DD)"))
    }

    fn regime(
        &self,
        at: usize,
        column: &str,
        law: Option<SarahLaw>,
        law_column: &str,
    ) -> Result<Option<Regime>> {
        let text = self.text(at, column)?;
        match text.to_lowercase().as_str() {
            "" => Ok(None),
            "lex sarah" | "sarah" | "lex sara" => match law {
                Some(law) => Ok(Some(Regime::LexSarah { law })),
                None => {
                    Err(self.field_error(law_column, "", "is empty; lex Sarah needs SoL or LSS"))
                }
            },
            "lex maria" | "maria" => Ok(Some(Regime::LexMaria)),
            "ingen" | "none" => Ok(Some(Regime::None)),
            _ => Err(self.unexpected(column, "lex sarah, lex maria, ingen")),
        }
    }

    fn case(
        &self,
        p: &Positions,
        width: usize,
        categories: &CaseCategories,
    ) -> Result<QualityCase> {
        let found = self.record.len();
        if found != width {
            return Err(QualityError::RegisterFieldCount {
                file: self.file.to_owned(),
                line: self.line,
                found,
                expected: width,
            });
        }
        let c = self.columns;
        let id_text = self.required(p.id, &c.id)?;
        let id = CaseId::new(id_text).map_err(|e| self.rule_error(&c.id, e))?;
        let unit_text = self.required(p.enhet, &c.enhet)?;
        let unit = OrgUnit::new(unit_text).map_err(|_| {
            self.unexpected(&c.enhet, "a unit code without / or control characters")
        })?;
        let law_text = self.text(p.lag, &c.lag)?;
        let law = match law_text.to_lowercase().as_str() {
            "" => None,
            "sol" => Some(SarahLaw::Sol),
            "lss" => Some(SarahLaw::Lss),
            _ => return Err(self.unexpected(&c.lag, "SoL, LSS")),
        };
        let regime = match self.regime(p.regim, &c.regim, law, &c.lag)? {
            Some(regime) => regime,
            None => return Err(self.field_error(&c.regim, "", "is empty")),
        };
        let category_text = self.required(p.kategori, &c.kategori)?;
        let category = categories
            .category(&id, category_text)
            .map_err(|e| self.rule_error(&c.kategori, e))?;
        let event_date = self.date(p.handelsedatum, &c.handelsedatum)?;
        let discovery_date = self.date(p.upptacktsdatum, &c.upptacktsdatum)?;
        let received = match self.date(p.rapportdatum, &c.rapportdatum)? {
            Some(date) => date,
            None => return Err(self.field_error(&c.rapportdatum, "", "is empty")),
        };
        let receiver_text = self.required(p.mottagare, &c.mottagare)?;
        let receiver = match receiver_text.to_lowercase().as_str() {
            "sas" => ReceiverRole::Sas,
            "mas" => ReceiverRole::Mas,
            "chef" | "enhetschef" | "verksamhetschef" | "manager" => ReceiverRole::Manager,
            _ => {
                return Err(self.unexpected(
                    &c.mottagare,
                    "SAS, MAS, chef, enhetschef, verksamhetschef, manager",
                ));
            }
        };
        let started = self.date(p.utredning_start, &c.utredning_start)?;
        let finished = self.date(p.utredning_klar, &c.utredning_klar)?;
        let measures = match p.atgarder {
            None => None,
            Some(at) => {
                let text = self.text(at, &c.atgarder)?;
                if text.is_empty() {
                    None
                } else {
                    Some(text.parse::<u32>().map_err(|_| {
                        self.field_error(&c.atgarder, text, "is not a number of measures")
                    })?)
                }
            }
        };
        let assessment_text = self.text(p.bedomning, &c.bedomning)?;
        let assessment = match assessment_text.to_lowercase().as_str() {
            "" => None,
            "allvarlig" | "allvarligt" => Some(Assessment::Serious),
            "mindre allvarlig" | "mindre allvarligt" => Some(Assessment::LessSerious),
            "inget missförhållande" | "ej missförhållande" | "ingen brist" => {
                Some(Assessment::NotAMissforhallande)
            }
            _ => {
                return Err(self.unexpected(
                    &c.bedomning,
                    "allvarlig, mindre allvarlig, inget missförhållande, ej missförhållande, ingen brist",
                ));
            }
        };
        let assessed_on = match p.bedomning_datum {
            Some(at) => self.date(at, &c.bedomning_datum)?,
            None => None,
        };
        let report_kind = match p.rapporttyp {
            None => ReportKind::Missforhallande,
            Some(at) => match self.text(at, &c.rapporttyp)?.to_lowercase().as_str() {
                "" | "missförhållande" | "missforhallande" => ReportKind::Missforhallande,
                "påtaglig risk"
                | "påtaglig risk för missförhållande"
                | "risk"
                | "patalig risk"
                | "pataglig risk" => ReportKind::PatagligRisk,
                _ => {
                    return Err(self.unexpected(
                        &c.rapporttyp,
                        "missförhållande, påtaglig risk, påtaglig risk för missförhållande, risk",
                    ));
                }
            },
        };
        let reported = self.date(p.ivo_anmalan, &c.ivo_anmalan)?;
        let decided = self.date(p.ivo_beslut_datum, &c.ivo_beslut_datum)?;
        let outcome_text = self.text(p.ivo_beslut, &c.ivo_beslut)?;
        // Read by keywords; the text itself is dropped here.
        let outcome = IvoOutcome::from_register_text(outcome_text);
        let redirect_to = self.regime(p.omdirigerad_till, &c.omdirigerad_till, law, &c.lag)?;
        let redirect_date = self.date(p.omdirigerad_datum, &c.omdirigerad_datum)?;
        let closed = self.date(p.avslutad, &c.avslutad)?;

        let decision = match (decided, outcome) {
            (Some(date), Some(outcome)) => Some((date, outcome)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(self.field_error(
                    &c.ivo_beslut,
                    "",
                    "is empty but ivo_beslut_datum is given",
                ));
            }
            (None, Some(_)) => {
                return Err(self.field_error(
                    &c.ivo_beslut_datum,
                    "",
                    "is empty but ivo_beslut is given",
                ));
            }
        };
        let redirect = match (redirect_date, redirect_to) {
            (Some(date), Some(to)) => Some((date, to)),
            (None, None) => None,
            (Some(_), None) => {
                return Err(self.field_error(
                    &c.omdirigerad_till,
                    "",
                    "is empty but omdirigerad_datum is given",
                ));
            }
            (None, Some(_)) => {
                return Err(self.field_error(
                    &c.omdirigerad_datum,
                    "",
                    "is empty but omdirigerad_till is given",
                ));
            }
        };

        let mut case = QualityCase::new(id, unit, regime, category, received, receiver)
            .with_report_kind(report_kind);
        if let Some(date) = discovery_date {
            case = case
                .with_discovery_date(date)
                .map_err(|e| self.rule_error(&c.upptacktsdatum, e))?;
        }
        if let Some(date) = event_date {
            case = case
                .with_event_date(date)
                .map_err(|e| self.rule_error(&c.handelsedatum, e))?;
        }
        // (date, order on the same day, event, column)
        let mut events: Vec<(NaiveDate, u8, CaseEventKind, &str)> = Vec::new();
        if let Some((date, to)) = redirect {
            events.push((
                date,
                0,
                CaseEventKind::Redirected { to },
                &c.omdirigerad_datum,
            ));
        }
        if let Some(date) = started {
            events.push((
                date,
                1,
                CaseEventKind::InvestigationStarted,
                &c.utredning_start,
            ));
        }
        if let Some(date) = finished {
            events.push((
                date,
                2,
                CaseEventKind::InvestigationFinished { measures },
                &c.utredning_klar,
            ));
        }
        if let Some(assessment) = assessment {
            match assessment_date(assessed_on, started, finished, reported) {
                Some((date, column)) => {
                    let column = match column {
                        AssessmentDate::Given => &c.bedomning_datum,
                        AssessmentDate::Derived => &c.bedomning,
                    };
                    events.push((date, 3, CaseEventKind::Assessed(assessment), column));
                }
                None => {
                    return Err(self.field_error(
                        &c.bedomning,
                        "",
                        "is given without bedomning_datum, utredning_start or utredning_klar to date it",
                    ));
                }
            }
        } else if assessed_on.is_some() {
            return Err(self.field_error(
                &c.bedomning,
                "",
                "is empty but bedomning_datum is given",
            ));
        }
        if let Some(date) = reported {
            events.push((date, 4, CaseEventKind::ReportedToIvo, &c.ivo_anmalan));
        }
        if let Some((date, outcome)) = decision {
            events.push((
                date,
                5,
                CaseEventKind::IvoDecision(outcome),
                &c.ivo_beslut_datum,
            ));
        }
        if let Some(date) = closed {
            events.push((date, 6, CaseEventKind::Closed, &c.avslutad));
        }
        events.sort_by_key(|(date, order, _, _)| (*date, *order));
        for (date, _, kind, column) in events {
            case.push_event(date, kind)
                .map_err(|e| self.rule_error(column, e))?;
        }
        Ok(case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,enhet,regim,lag,kategori,handelsedatum,upptacktsdatum,rapportdatum,mottagare,utredning_start,utredning_klar,bedomning,ivo_anmalan,ivo_beslut_datum,ivo_beslut,omdirigerad_till,omdirigerad_datum,avslutad";

    fn import(rows: &str) -> RegisterImport {
        let csv = format!("{HEADER}\n{rows}");
        import_register(
            csv.as_bytes(),
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap()
    }

    fn only_rejection(rows: &str) -> String {
        let i = import(rows);
        assert_eq!(
            i.summary().rejected_count(),
            1,
            "{:?}",
            i.summary().rejected()
        );
        i.summary().rejected()[0].to_string()
    }

    #[test]
    fn delimiter_is_detected_from_header() {
        assert_eq!(detect_delimiter(b"a;b;c"), b';');
        assert_eq!(detect_delimiter(b"\"a;b\",c"), b',');
    }

    #[test]
    fn good_row_is_accepted() {
        let i = import(
            "A,HT,lex sarah,SoL,x,2021-02-27,2021-02-28,2021-03-01,SAS,2021-03-02,2021-03-09,mindre allvarlig,,,,,,2021-03-10\n",
        );
        assert_eq!(i.summary().accepted(), 1);
        let case = &i.cases()[0];
        assert_eq!(case.assessment(), Some(Assessment::LessSerious));
        assert_eq!(case.closed_date(), NaiveDate::from_ymd_opt(2021, 3, 10));
    }

    #[test]
    fn bad_date_is_rejected_with_column() {
        assert_eq!(
            only_rejection("A,HT,lex sarah,SoL,x,,,1/3 2021,SAS,,,,,,,,,\n"),
            r#"r.csv line 2 column rapportdatum: "1/3 2021" is not a date (expected YYYY-MM-DD)"#
        );
    }

    #[test]
    fn empty_required_fields_are_rejected() {
        assert_eq!(
            only_rejection(",HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n"),
            r#"r.csv line 2 column id: "" is empty"#
        );
        assert_eq!(
            only_rejection("A,HT,lex sarah,SoL,x,,,,SAS,,,,,,,,,\n"),
            r#"r.csv line 2 column rapportdatum: "" is empty"#
        );
    }

    #[test]
    fn unknown_regime_law_receiver_assessment_are_rejected() {
        assert!(
            only_rejection("A,HT,lex x,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n").contains("column regim")
        );
        assert!(
            only_rejection("A,HT,lex sarah,HSL,x,,,2021-03-01,SAS,,,,,,,,,\n")
                .contains("column lag")
        );
        assert!(
            only_rejection("A,HT,lex sarah,,x,,,2021-03-01,SAS,,,,,,,,,\n").contains("column lag")
        );
        assert!(
            only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,Kalle,,,,,,,,,\n")
                .contains("column mottagare")
        );
        assert!(
            only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,,ok,,,,,,\n")
                .contains("column bedomning")
        );
    }

    #[test]
    fn unknown_category_is_rejected() {
        assert!(
            only_rejection("A,HT,lex sarah,SoL,y,,,2021-03-01,SAS,,,,,,,,,\n")
                .contains("column kategori")
        );
    }

    #[test]
    fn ivo_report_before_received_is_rejected_naming_column() {
        assert_eq!(
            only_rejection(
                "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,,allvarlig,2021-02-20,,,,,\n"
            ),
            "r.csv line 2 column ivo_anmalan: case A: ivo_report on 2021-02-20 is before the report was received on 2021-03-01"
        );
    }

    #[test]
    fn ivo_decision_before_report_is_rejected() {
        let m = only_rejection(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,,allvarlig,2021-03-10,2021-03-05,kritik,,,\n",
        );
        assert!(
            m.contains("column ivo_beslut_datum") && m.contains("before the report to IVO"),
            "{m}"
        );
    }

    #[test]
    fn half_given_pairs_are_rejected() {
        assert!(only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,,allvarlig,2021-03-10,2021-03-12,,,,\n").contains("column ivo_beslut"));
        assert!(
            only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,lex maria,,\n")
                .contains("column omdirigerad_datum")
        );
    }

    #[test]
    fn wrong_field_count_is_rejected() {
        assert_eq!(
            only_rejection("A,HT,lex sarah\n"),
            "r.csv line 2 has 3 fields; the header has 18"
        );
    }

    #[test]
    fn duplicate_id_is_rejected_and_first_kept() {
        let i = import(
            "A,HT,lex maria,,x,,,2021-03-01,MAS,,,,,,,,,\nA,HT,lex maria,,x,,,2021-03-02,MAS,,,,,,,,,\n",
        );
        assert_eq!(i.cases().len(), 1);
        assert_eq!(
            i.summary().rejected()[0].to_string(),
            "r.csv line 3: case id A repeats line 2; the row is rejected"
        );
    }

    #[test]
    fn personnummer_in_id_is_not_echoed() {
        let m = only_rejection("19121212-1212,HT,lex maria,,x,,,2021-03-01,MAS,,,,,,,,,\n");
        assert!(!m.contains("1212"), "{m}");
    }

    #[test]
    fn invalid_utf8_field_is_rejected() {
        let mut csv = format!("{HEADER}\n").into_bytes();
        csv.extend_from_slice(b"A,H\xFFT,lex maria,,x,,,2021-03-01,MAS,,,,,,,,,\n");
        let i = import_register(
            &csv[..],
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap();
        assert_eq!(i.summary().rejected_count(), 1);
        assert!(
            i.summary().rejected()[0]
                .to_string()
                .contains("not valid UTF-8")
        );
    }

    #[test]
    fn missing_column_and_empty_file_are_fatal() {
        let cats = CaseCategories::new(["x"]).unwrap();
        let e =
            import_register(&b"id,enhet\n"[..], &RegisterOptions::new("r.csv"), &cats).unwrap_err();
        assert!(matches!(e, QualityError::RegisterMissingColumn { .. }));
        let e = import_register(&b""[..], &RegisterOptions::new("r.csv"), &cats).unwrap_err();
        assert!(matches!(e, QualityError::RegisterNoHeader { .. }));
        let dup = format!("{HEADER},ID\n");
        let e = import_register(dup.as_bytes(), &RegisterOptions::new("r.csv"), &cats).unwrap_err();
        assert!(matches!(e, QualityError::RegisterDuplicateColumn { .. }));
    }

    #[test]
    fn bad_unit_and_measures_are_rejected() {
        assert!(
            only_rejection("A,H/T,lex maria,,x,,,2021-03-01,MAS,,,,,,,,,\n")
                .contains("column enhet")
        );
        let csv = format!(
            "{HEADER},atgarder\nA,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,2021-03-05,,,,,,,,sex\n"
        );
        let i = import_register(
            csv.as_bytes(),
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            i.summary().rejected()[0].to_string(),
            r#"r.csv line 2 column atgarder: "sex" is not a number of measures"#
        );
    }

    #[test]
    fn ivo_decision_text_is_read_by_keywords_and_never_kept() {
        let i = import(
            "A,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,,allvarlig,2021-03-03,2021-03-09,gäller 19121212-1212 Anna,,,\n\
             B,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,,allvarlig,2021-03-03,2021-03-09,IVO riktar kritik mot nämnden,,,\n\
             C,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,,allvarlig,2021-03-03,2021-03-09,Föreläggande vid vite,,,\n\
             D,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,,allvarlig,2021-03-03,2021-03-09,Avslutat utan kritik,,,\n",
        );
        assert_eq!(i.summary().accepted(), 4);
        let outcomes: Vec<_> = i.cases().iter().map(QualityCase::ivo_outcome).collect();
        assert_eq!(
            outcomes,
            [
                Some(IvoOutcome::Other),
                Some(IvoOutcome::Criticism),
                Some(IvoOutcome::Injunction),
                Some(IvoOutcome::ClosedWithoutCriticism)
            ]
        );
        let debug = format!("{i:?}");
        assert!(!debug.contains("1212") && !debug.contains("Anna") && !debug.contains("vite"));
    }

    #[test]
    fn measures_column_is_read_when_present() {
        let csv = format!(
            "{HEADER},atgarder\nA,HT,lex maria,,x,,,2021-03-01,MAS,2021-03-02,2021-03-05,,,,,,,,6\n"
        );
        let i = import_register(
            csv.as_bytes(),
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            i.cases()[0].events()[1].kind(),
            &CaseEventKind::InvestigationFinished { measures: Some(6) }
        );
    }

    #[test]
    fn read_error_is_fatal_and_names_the_file() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
            }
        }
        let e = import_register(
            Failing,
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "failed to read r.csv: permission denied");
    }

    #[test]
    fn assessment_without_investigation_dates_is_rejected() {
        assert!(
            only_rejection("A,HT,lex maria,,x,,,2021-03-01,MAS,,,allvarlig,,,,,,\n")
                .contains("utredning_start or utredning_klar to date it")
        );
    }

    #[test]
    fn report_limit_bounds_kept_rejections() {
        let csv = format!("{HEADER}\nA\nB\nC\n");
        let i = import_register(
            csv.as_bytes(),
            &RegisterOptions::new("r.csv").with_report_limit(1),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (i.summary().rejected().len(), i.summary().rejected_count()),
            (1, 3)
        );
        assert_eq!(
            i.summary().rejected_by_reason().collect::<Vec<_>>(),
            [("field_count", 3)]
        );
    }

    fn import_with(extra_header: &str, rows: &str) -> RegisterImport {
        let csv = format!("{HEADER}{extra_header}\n{rows}");
        import_register(
            csv.as_bytes(),
            &RegisterOptions::new("r.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn record_over_max_record_bytes_is_rejected_counted_and_not_echoed() {
        let long = "Anna".repeat(MAX_RECORD_BYTES / 4 + 1);
        let rows = format!(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\nB,{long},lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\nC,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n"
        );
        let i = import(&rows);
        let s = i.summary();
        assert_eq!((s.rows_read(), s.accepted(), s.rejected_count()), (3, 2, 1));
        assert_eq!(
            s.rejected_by_reason().collect::<Vec<_>>(),
            [("record_too_long", 1)]
        );
        let message = s.rejected()[0].to_string();
        assert_eq!(
            message,
            "r.csv line 3 is longer than 65536 bytes; the record is not read"
        );
        assert!(!format!("{i:?}").contains("Anna"));
    }

    #[test]
    fn input_over_max_input_bytes_is_refused() {
        let input = std::io::repeat(b'a').take(MAX_INPUT_BYTES + 1);
        let e = import_register(
            input,
            &RegisterOptions::new("big.csv"),
            &CaseCategories::new(["x"]).unwrap(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            QualityError::RegisterTooLarge {
                file: "big.csv".to_owned(),
                limit: MAX_INPUT_BYTES
            }
        );
    }

    #[test]
    fn enum_columns_do_not_echo_values_but_list_expected_ones() {
        let m = only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,Kalle Karlsson,,,,,,,,,\n");
        assert_eq!(
            m,
            "r.csv line 2 column mottagare: the value is not one of the expected values (SAS, MAS, chef, enhetschef, verksamhetschef, manager); it is not echoed"
        );
        for row in [
            "A,HT,Kalle,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n",
            "A,HT,lex sarah,Kalle,x,,,2021-03-01,SAS,,,,,,,,,\n",
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,,Kalle,,,,,,\n",
            "A,Kalle/HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n",
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,Kalle,2021-03-02,\n",
        ] {
            let m = only_rejection(row);
            assert!(!m.contains("Kalle"), "{m}");
            assert!(m.contains("expected values"), "{m}");
        }
    }

    #[test]
    fn report_kind_column_is_optional_and_defaults_to_missforhallande() {
        let i = import("A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n");
        assert_eq!(i.cases()[0].report_kind(), ReportKind::Missforhallande);
        let i = import_with(
            ",rapporttyp",
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,,påtaglig risk\nB,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,,\nC,HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,,Kalle\n",
        );
        assert_eq!(i.summary().accepted(), 2);
        assert_eq!(i.cases()[0].report_kind(), ReportKind::PatagligRisk);
        assert_eq!(i.cases()[1].report_kind(), ReportKind::Missforhallande);
        let m = i.summary().rejected()[0].to_string();
        assert!(
            m.contains("column rapporttyp") && !m.contains("Kalle"),
            "{m}"
        );
    }

    #[test]
    fn ivo_report_before_finished_investigation_dates_assessment_at_the_report() {
        // Started 3 March, reported to IVO 10 March, investigation written up 20 March.
        let i = import(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-03,2021-03-20,allvarlig,2021-03-10,,,,,\n",
        );
        assert_eq!(i.summary().accepted(), 1, "{:?}", i.summary().rejected());
        let case = &i.cases()[0];
        let assessed = case
            .events()
            .iter()
            .find(|e| matches!(e.kind(), CaseEventKind::Assessed(_)))
            .map(crate::case::CaseEvent::date);
        assert_eq!(assessed, NaiveDate::from_ymd_opt(2021, 3, 10));
        assert_eq!(case.ivo_report_date(), NaiveDate::from_ymd_opt(2021, 3, 10));
    }

    #[test]
    fn assessment_is_not_dated_before_investigation_start() {
        assert_eq!(
            assessment_date(
                None,
                NaiveDate::from_ymd_opt(2021, 3, 5),
                NaiveDate::from_ymd_opt(2021, 3, 9),
                NaiveDate::from_ymd_opt(2021, 3, 4),
            ),
            NaiveDate::from_ymd_opt(2021, 3, 5).map(|d| (d, AssessmentDate::Derived))
        );
    }

    #[test]
    fn bedomning_datum_column_dates_the_assessment_when_given() {
        let i = import_with(
            ",bedomning_datum",
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-03,2021-03-20,allvarlig,2021-03-10,,,,,,2021-03-08\nB,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-03,2021-03-20,allvarlig,2021-03-10,,,,,,\nC,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-03,,allvarlig,2021-03-10,,,,,,2021-03-12\n",
        );
        let s = i.summary();
        assert_eq!((s.accepted(), s.rejected_count()), (2, 1));
        let dates: Vec<_> = i
            .cases()
            .iter()
            .map(|c| {
                c.events()
                    .iter()
                    .find(|e| matches!(e.kind(), CaseEventKind::Assessed(_)))
                    .map(crate::case::CaseEvent::date)
            })
            .collect();
        assert_eq!(
            dates,
            [
                NaiveDate::from_ymd_opt(2021, 3, 8),
                NaiveDate::from_ymd_opt(2021, 3, 10)
            ]
        );
        // C: assessed 12 March, after its report to IVO on 10 March.
        let m = s.rejected()[0].to_string();
        assert!(m.starts_with("r.csv line 4 column ivo_anmalan:"), "{m}");
    }

    #[test]
    fn register_date_order_errors_name_the_column() {
        // Finished before started.
        let m =
            only_rejection("A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-05,2021-03-04,,,,,,,\n");
        assert_eq!(
            m,
            "r.csv line 2 column utredning_klar: case A: investigation_finished on 2021-03-04 comes before the investigation started"
        );
        // IVO report before the report was received.
        let m = only_rejection(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-02-20,2021-02-25,allvarlig,2021-02-26,,,,,\n",
        );
        assert!(m.contains("column utredning_start"), "{m}");
        // IVO decision before the report to IVO.
        let m = only_rejection(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,2021-03-05,allvarlig,2021-03-10,2021-03-09,kritik,,,\n",
        );
        assert!(
            m.contains("column ivo_beslut_datum") && m.contains("before the report to IVO"),
            "{m}"
        );
        // Closed before the investigation finished.
        let m = only_rejection(
            "A,HT,lex sarah,SoL,x,,,2021-03-01,SAS,2021-03-02,2021-03-05,,,,,,,2021-03-04\n",
        );
        assert!(
            m.contains("column utredning_klar") && m.contains("after the case was closed"),
            "{m}"
        );
        // Event date after the report was received.
        let m = only_rejection("A,HT,lex sarah,SoL,x,2021-03-02,,2021-03-01,SAS,,,,,,,,,\n");
        assert!(m.contains("column handelsedatum"), "{m}");
    }

    #[test]
    fn case_id_over_64_characters_is_rejected() {
        let long = "L".repeat(65);
        let m = only_rejection(&format!(
            "{long},HT,lex sarah,SoL,x,,,2021-03-01,SAS,,,,,,,,,\n"
        ));
        assert_eq!(
            m,
            "r.csv line 2 column id: case id is not usable: it is longer than 64 characters"
        );
    }
}
