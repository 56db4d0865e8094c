//! Streaming import of SIE 4 files, the Swedish accounting export every
//! ledger system writes.
//!
//! [`SieImporter`] reads a SIE 4 file line by line and yields the same
//! [`LedgerRow`]s as the CSV [`LedgerImporter`](crate::LedgerImporter): one
//! per `#TRANS` on a **result account** (classes 3–8), with the ansvar and
//! verksamhet taken from the transaction's object list by a configurable
//! mapping of SIE dimensions ([`SieOptions`]; default dimension 1 → ansvar,
//! dimension 20 → verksamhet, as `shared/bench/gen_ledger.py` and
//! [`Generator::write_sie`](crate::generate::Generator::write_sie) write).
//! Every problem goes to the [`ImportSummary`] with file, line and reason.
//!
//! # Example
//! ```
//! use namnd_budget::sie::{SieImporter, SieOptions};
//! use namnd_core::{Amount, FiscalYear};
//!
//! let sie = b"#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#RAR 0 20230101 20231231\r\n\
//! #DIM 1 \"Ansvar\"\r\n#DIM 20 \"Verksamhet\"\r\n\
//! #OBJEKT 1 \"1100\" \"\x8Eldreomsorg\"\r\n#OBJEKT 20 \"510\" \"Hemtj\x84nst\"\r\n\
//! #KONTO 1930 \"Bank\"\r\n#KONTO 4010 \"Material\"\r\n\
//! #VER \"A\" 1 20230131 \"Ink\x94p\"\r\n{\r\n\
//!    #TRANS 4010 {1 \"1100\" 20 \"510\"} 1250.50 20230115\r\n\
//!    #TRANS 1930 {} -1250.50\r\n}\r\n";
//! let options = SieOptions::new("huvudbok.se").with_fiscal_year(FiscalYear::try_new(2023)?);
//! let mut import = SieImporter::new(&sie[..], options);
//! let rows = import.by_ref().collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(rows.len(), 1);
//! assert_eq!((rows[0].ansvar.as_str(), rows[0].konto.as_str()), ("1100", "4010"));
//! assert_eq!(rows[0].amount, Amount::from_ore(125_050));
//! assert_eq!(import.info().object_name(1, "1100"), Some("Äldreomsorg"));
//! let summary = import.into_summary();
//! // The bank row (1930) is a balance-sheet account: skipped and counted, not rejected.
//! assert_eq!((summary.rows_read(), summary.accepted(), summary.skipped()), (1, 1, 1));
//! assert!(summary.rejected().is_empty() && summary.notices().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Why a parser of our own
//! The one SIE crate on crates.io, `sie4` 0.1.1 (nom 7), was evaluated: it
//! stops at the first syntax error with a bare "parse error" (no line, no
//! item), rejects whole files whose items are out of order, allocates a
//! `String` per field and collects each voucher's transactions in a `Vec`,
//! and panics (`unreachable!`) on some inputs. The issue asks for every
//! problem to be reported with its line while valid rows are still imported,
//! so this module is a careful streaming line parser instead: one reused
//! line buffer, fields tokenised in place on bytes, text decoded only for the
//! fields kept (konto, ansvar, verksamhet) into one reused buffer. No
//! allocation per `#TRANS` once the buffers have grown.
//!
//! # Speed (issue 10)
//! A `#TRANS` of the usual shape (`konto {dim "objekt" …} belopp [transdat]`,
//! no escapes, no transtext) is read in one pass by `simple_trans`; any other
//! line goes through the general tokenizer, and a property test checks that
//! both read the same fields wherever the one-pass reader accepts a line.
//! Accounts and objects already checked against the declarations are
//! remembered in `foldhash` sets (the default hasher of `hashbrown`, randomly
//! seeded, minimally resistant to crafted collisions; keys of up to 15 bytes
//! packed into a `u128`), instead of a `BTreeMap` lookup and a SipHash per
//! row: declarations are only ever added, so a code once known needs no
//! second look. Line breaks are found with `memchr` (SIMD). Figures:
//! `docs/performance.md`.
//!
//! # Encoding
//! SIE 4 files are PC8, i.e. IBM code page 437 (`#FORMAT PC8`). `encoding_rs`
//! implements the WHATWG Encoding Standard, which has no CP437, so the bytes
//! 0x80–0xFF are decoded with the table of the `oem_cp` crate (MIT, no
//! `unsafe` outside its Windows-only tests, one dependency: `phf`); a unit
//! test checks it against known characters (å ä ö Å Ä Ö é ü …). A line that
//! holds bytes beyond ASCII **and** is valid UTF-8 is taken to be UTF-8 text
//! in a PC8 file: in CP437 the Swedish letters are bytes 0x84, 0x86, 0x8E,
//! 0x8F, 0x94, 0x99, which can never start a UTF-8 sequence, so real PC8 text
//! is practically never valid UTF-8. Such a `#TRANS` is rejected
//! ([`BudgetError::SieNotPc8`]); for other items the first such line is
//! reported as a notice. A `#FORMAT` other than `PC8` is a notice
//! ([`BudgetError::SieFormat`]); the file is still read as PC8.
//!
//! Many programs write Windows-1252 despite `#FORMAT PC8`. Read as PC8, its
//! å ä ö Å Ä Ö (bytes 0xE5 0xE4 0xF6 0xC5 0xC4 0xD6) become `σ Σ ÷ ┼ ─ ╓`
//! (`Äldre` reads `─ldre`), which Swedish text practically never holds: the
//! first line holding one of these bytes gets a notice
//! ([`BudgetError::SieMalformed`] naming the character, its byte and the
//! letter it is in Windows-1252), once per file. The file is still read as
//! PC8; convert it (or have the program export PC8) and import it again.
//!
//! # Personal data in messages
//! Every text taken from the file that goes into a message (a value, an
//! object, a voucher's series and number, a malformed line) has
//! personnummer-like digits masked, control characters escaped and is cut
//! to a short length: a transtext or an object holding a personnummer does
//! not leak into a log.
//!
//! # Memory
//! Lines are read into one buffer of at most [`MAX_LINE_BYTES`]; a longer
//! line is reported with its number (a `#TRANS` is a rejected row, anything
//! else a notice) and skipped up to the next line break. Beyond the buffers,
//! memory grows only with what is kept: the declarations (`#KONTO`, `#DIM`,
//! `#OBJEKT`, as many as the chart of accounts and objects has), the period
//! balances unless [`SieOptions::with_balances`]`(false)`, at most
//! [`MAX_SKIPPED_LABELS`] skipped labels, and the messages of the
//! [`ImportSummary`].
//!
//! # What is read
//! | Item | What happens |
//! |---|---|
//! | `#FLAGGA`, `#PROGRAM`, `#FORMAT`, `#GEN`, `#SIETYP`, `#FNAMN` | kept in [`SieInfo`] |
//! | `#RAR` | fiscal years in [`SieInfo::fiscal_years`]; year 0 checks the dates when no fiscal year is configured; a year 0 that is not a calendar year is a notice (below) |
//! | `#KONTO`, `#DIM`, `#OBJEKT` | declarations; a `#TRANS` to an undeclared account or with an undeclared object is a notice (once per account or object) |
//! | `#VER` + `{ … }` | a voucher; its `#TRANS` amounts (all accounts) must sum to zero |
//! | `#TRANS` | a ledger row if the account is of class 3–8; any other account is skipped and counted ([`ImportSummary::skipped`]) |
//! | `#PSALDO`, `#PBUDGET`, `#RES` | period balances, period budgets and year results in [`SieInfo::balances`] (checked but not kept with [`SieOptions::with_balances`]`(false)`) |
//! | anything else (`#RTRANS`, `#BTRANS`, `#IB`, `#UB`, `#ORGNR`, …) | skipped and counted per label in [`SieInfo::skipped_labels`], for the first [`MAX_SKIPPED_LABELS`] labels (a `#RTRANS` is followed by an identical `#TRANS`, as the format requires) |
//!
//! The date of a row is its `transdat`, or the voucher's `verdatum` when the
//! `#TRANS` has none.
//!
//! # Fiscal years are calendar years
//! A [`FiscalYear`] of `namnd-core`, and so the follow-up
//! ([`FollowUpJob`](crate::FollowUpJob), which configures
//! [`SieOptions::with_fiscal_year`]), is a calendar year. A SIE file whose
//! `#RAR 0` is a broken fiscal year (*brutet räkenskapsår*, e.g. July to
//! June) gets a notice naming the year ([`BudgetError::SieMalformed`] on
//! `#RAR`): with a configured fiscal year its rows outside that calendar
//! year are rejected, never silently moved into it. Without one, rows are
//! checked against `#RAR 0` itself.
//!
//! # Rows read, rejected and skipped
//! [`ImportSummary::rows_read`] counts the `#TRANS` rows on result accounts
//! (and those whose account cannot be read), so that `accepted +
//! rejected == rows_read` holds as for CSV; `#TRANS` rows on other accounts
//! are [`ImportSummary::skipped`]. Every `#TRANS` of the file is in one of
//! the two counts. A result row is rejected, with its line and the first
//! problem found, for: an item that cannot be tokenised (a quote or an
//! object list not closed), standing outside a voucher, UTF-8 text, a
//! malformed amount or date, a date outside the fiscal year (the configured
//! one, else `#RAR 0`), a missing ansvar or verksamhet object, or an empty
//! or control-character key, or a key (konto, ansvar, verksamhet) that looks
//! like a personnummer ([`BudgetError::PersonnummerInKey`], never echoed).
//!
//! # Unbalanced vouchers are notices
//! A voucher whose `#TRANS` amounts do not sum to zero is reported as a
//! [`BudgetError::SieUnbalancedVoucher`] **notice** naming its series and
//! number, and its rows are still imported: the ledger system booked them,
//! the outcome must match the ledger's own reports, and rejecting them would
//! hide real costs. A voucher not closed by `}` before the next `#VER` or the
//! end of the file (a truncated file) is a
//! [`BudgetError::SieUnclosedVoucher`] notice; its rows are imported too.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use namnd_core::{Amount, FiscalYear, YearMonth};
use oem_cp::code_table::{DECODING_TABLE_CP437, ENCODING_TABLE_CP437};

use crate::error::{BudgetError, Result, echo};
use crate::import::{
    DEFAULT_REPORT_LIMIT, Dialect, ImportSummary, LedgerRow, RawLedgerRow, TextEncoding, pack_short,
};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The hasher of the importer's own lookup sets (see [`KnownSet`]).
type FastHash = foldhash::fast::RandomState;

/// The codes (accounts, objects) seen so far, each with whether it is
/// clean: valid UTF-8 without control characters and not shaped like an
/// identity number, so that a row whose codes are all known and clean needs
/// neither check again. A code of at most 15 bytes, the usual one, is packed
/// with its length into a `u128` and hashed in a few instructions; a longer
/// one is kept as bytes. foldhash is randomly seeded per set and minimally
/// resistant to crafted collisions.
#[derive(Debug, Default)]
struct KnownSet {
    short: HashMap<u128, bool, FastHash>,
    long: HashMap<Box<[u8]>, bool, FastHash>,
}

/// What [`KnownSet::check`] knows of a code.
#[derive(Debug, Clone, Copy)]
struct CodeCheck {
    /// The code was not in the set.
    new: bool,
    /// The code is clean (see [`KnownSet`]).
    clean: bool,
}

impl KnownSet {
    /// Looks `code` (its UTF-8 bytes) up, adding it if it is new.
    fn check(&mut self, code: &[u8]) -> CodeCheck {
        let clean = |code: &[u8]| {
            std::str::from_utf8(code).is_ok_and(|text| {
                !text.chars().any(char::is_control) && !namnd_core::looks_like_identity_number(text)
            })
        };
        let known = match pack_short(&[code]) {
            Some(packed) => match self.short.get(&packed) {
                Some(&clean) => Some(clean),
                None => {
                    let is_clean = clean(code);
                    self.short.insert(packed, is_clean);
                    return CodeCheck {
                        new: true,
                        clean: is_clean,
                    };
                }
            },
            None => self.long.get(code).copied(),
        };
        match known {
            Some(clean) => CodeCheck { new: false, clean },
            None => {
                let is_clean = clean(code);
                self.long.insert(Box::from(code), is_clean);
                CodeCheck {
                    new: true,
                    clean: is_clean,
                }
            }
        }
    }
}

/// The longest line read (1 MiB, line break included); a longer line is
/// reported with its number and skipped up to the next line break.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How many distinct unknown labels [`SieInfo::skipped_labels`] counts one
/// by one; lines of further labels are counted in
/// [`SieInfo::skipped_other_lines`].
pub const MAX_SKIPPED_LABELS: usize = 64;

/// The bytes of å ä ö Å Ä Ö in Windows-1252 (and Latin-1). Read as PC8 they
/// become `σ Σ ÷ ┼ ─ ╓`, which Swedish text practically never holds: a file
/// with them is taken to be Windows-1252 mislabelled as PC8 (a notice).
const WINDOWS_1252_SWEDISH: [(u8, char); 6] = [
    (0xE5, 'å'),
    (0xE4, 'ä'),
    (0xF6, 'ö'),
    (0xC5, 'Å'),
    (0xC4, 'Ä'),
    (0xD6, 'Ö'),
];

/// What [`read_line_capped`] read.
enum LineRead {
    /// The end of the input.
    End,
    /// A line, in the buffer.
    Line,
    /// A line longer than the cap: its first bytes are in the buffer, the
    /// rest up to and including its line break has been consumed.
    TooLong,
}

/// Reads one line (up to and including `\n`) into `buffer`, keeping at most
/// `cap` bytes of it; the rest of a longer line is read and dropped.
fn read_line_capped<B: BufRead>(
    reader: &mut B,
    buffer: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<LineRead> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        let (used, ends) = match memchr::memchr(b'\n', available) {
            Some(i) => (i.saturating_add(1), true),
            None => (available.len(), false),
        };
        let room = cap.saturating_sub(buffer.len());
        if used > room {
            too_long = true;
        }
        buffer.extend_from_slice(available.get(..used.min(room)).unwrap_or_default());
        reader.consume(used);
        if ends {
            break;
        }
    }
    Ok(match (read_any, too_long) {
        (false, _) => LineRead::End,
        (true, false) => LineRead::Line,
        (true, true) => LineRead::TooLong,
    })
}

// --------------------------------------------------------------- SieOptions

/// How to read one SIE 4 file: its name for messages, which SIE dimensions
/// hold the ansvar and the verksamhet, and the fiscal year rows must fall in.
///
/// # Example
/// ```
/// use namnd_budget::sie::SieOptions;
/// use namnd_core::FiscalYear;
///
/// let options = SieOptions::new("huvudbok.se")
///     .with_ansvar_dimension(6)
///     .with_verksamhet_dimension(7)
///     .with_fiscal_year(FiscalYear::try_new(2023)?);
/// assert_eq!((options.file(), options.ansvar_dimension(), options.verksamhet_dimension()), ("huvudbok.se", 6, 7));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SieOptions {
    file: Arc<str>,
    ansvar_dimension: u32,
    verksamhet_dimension: u32,
    fiscal_year: Option<FiscalYear>,
    balances: bool,
}

impl SieOptions {
    /// Options for the file called `file` (used only in messages): dimension
    /// 1 → ansvar, dimension 20 → verksamhet, dates checked against `#RAR 0`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// let options = SieOptions::new("ledger.se");
    /// assert_eq!((options.ansvar_dimension(), options.verksamhet_dimension(), options.fiscal_year()), (1, 20, None));
    /// ```
    pub fn new(file: impl AsRef<str>) -> Self {
        SieOptions {
            file: Arc::from(file.as_ref()),
            ansvar_dimension: 1,
            verksamhet_dimension: 20,
            fiscal_year: None,
            balances: true,
        }
    }

    /// Takes the ansvar from the object of SIE dimension `dimension`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").with_ansvar_dimension(6).ansvar_dimension(), 6);
    /// ```
    pub fn with_ansvar_dimension(mut self, dimension: u32) -> Self {
        self.ansvar_dimension = dimension;
        self
    }

    /// Takes the verksamhet from the object of SIE dimension `dimension`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").with_verksamhet_dimension(2).verksamhet_dimension(), 2);
    /// ```
    pub fn with_verksamhet_dimension(mut self, dimension: u32) -> Self {
        self.verksamhet_dimension = dimension;
        self
    }

    /// Rejects rows dated outside `year` (instead of checking against `#RAR 0`).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// use namnd_core::FiscalYear;
    /// let year = FiscalYear::try_new(2023)?;
    /// assert_eq!(SieOptions::new("a.se").with_fiscal_year(year).fiscal_year(), Some(year));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn with_fiscal_year(mut self, year: FiscalYear) -> Self {
        self.fiscal_year = Some(year);
        self
    }

    /// Whether to keep the `#PSALDO`, `#PBUDGET` and `#RES` lines in
    /// [`SieInfo::balances`] (the default), which grows with the file. With
    /// `false` they are still checked for syntax but not kept, so memory does
    /// not grow with them; the `#TRANS` rows are read either way.
    ///
    /// [`FollowUpJob`](crate::FollowUpJob) reads only the `#TRANS` rows and
    /// never looks at the balances: give it options built with
    /// `with_balances(false)` through
    /// [`FollowUpJob::with_sie_options`](crate::FollowUpJob::with_sie_options)
    /// so that a large export's balances are not kept.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let sie = b"#PSALDO 0 202303 4010 {} 1500.00\n#RES 0 4010 9000.00\n";
    /// let options = SieOptions::new("s.se").with_balances(false);
    /// assert!(!options.balances());
    /// let mut import = SieImporter::new(&sie[..], options);
    /// import.by_ref().collect::<Result<Vec<_>, _>>()?;
    /// assert!(import.info().balances.is_empty());
    /// assert!(import.into_summary().notices().is_empty());
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn with_balances(mut self, keep: bool) -> Self {
        self.balances = keep;
        self
    }

    /// Whether period balances are kept in [`SieInfo::balances`] (default `true`).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert!(SieOptions::new("a.se").balances());
    /// ```
    pub fn balances(&self) -> bool {
        self.balances
    }

    /// The file's name, shared.
    pub(crate) fn file_arc(&self) -> Arc<str> {
        Arc::clone(&self.file)
    }

    /// The file's name as used in messages.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").file(), "a.se");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The SIE dimension of the ansvar (default 1).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").ansvar_dimension(), 1);
    /// ```
    pub fn ansvar_dimension(&self) -> u32 {
        self.ansvar_dimension
    }

    /// The SIE dimension of the verksamhet (default 20).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").verksamhet_dimension(), 20);
    /// ```
    pub fn verksamhet_dimension(&self) -> u32 {
        self.verksamhet_dimension
    }

    /// The configured fiscal year, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::SieOptions;
    /// assert_eq!(SieOptions::new("a.se").fiscal_year(), None);
    /// ```
    pub fn fiscal_year(&self) -> Option<FiscalYear> {
        self.fiscal_year
    }
}

// ------------------------------------------------------------------ SieInfo

/// What a SIE file says about itself, besides its transactions: the
/// identification items, fiscal years, declarations and period balances.
/// Filled in as the file is read; complete once the import has ended.
///
/// # Example
/// ```
/// use namnd_budget::sie::{BalanceKind, SieImporter, SieOptions};
/// use namnd_core::Amount;
///
/// let sie = b"#FLAGGA 0\n#PROGRAM \"Ekonomi\" 4.2\n#FORMAT PC8\n#GEN 20240115\n#SIETYP 4\n\
/// #FNAMN \"Exempelkommun Socialn\x84mnden\"\n#RAR 0 20230101 20231231\n#RAR -1 20220101 20221231\n\
/// #KONTO 4010 \"Material\"\n#DIM 1 \"Ansvar\"\n\
/// #PSALDO 0 202303 4010 {1 \"1100\"} 1500.00\n#PBUDGET 0 202303 4010 {} 2000.00\n#RES 0 4010 9000.00\n#ORGNR 212000-0000\n";
/// let mut import = SieImporter::new(&sie[..], SieOptions::new("s.se"));
/// import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// let info = import.info();
/// assert_eq!(info.company.as_deref(), Some("Exempelkommun Socialnämnden"));
/// assert_eq!(info.program.as_deref(), Some("Ekonomi 4.2"));
/// assert_eq!(info.fiscal_years.len(), 2);
/// assert_eq!(info.accounts.get("4010").map(String::as_str), Some("Material"));
/// assert_eq!(info.balances.len(), 3);
/// assert_eq!(info.balances[0].kind, BalanceKind::Outcome);
/// assert_eq!(info.balances[0].ansvar.as_deref(), Some("1100"));
/// assert_eq!(info.balances[2].amount, Amount::from_kr(9000));
/// assert_eq!(info.skipped_labels.get("#ORGNR"), Some(&1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SieInfo {
    /// `#FLAGGA`: 0, or 1 once the file has been imported.
    pub flag: Option<String>,
    /// `#PROGRAM`: the program's name and version, joined by a space.
    pub program: Option<String>,
    /// `#FORMAT`: should be `PC8`.
    pub format: Option<String>,
    /// `#GEN`: when the file was written.
    pub generated: Option<NaiveDate>,
    /// `#SIETYP`: should be `4`.
    pub sie_type: Option<String>,
    /// `#FNAMN`: the organisation's name.
    pub company: Option<String>,
    /// `#RAR`: the fiscal years, in file order.
    pub fiscal_years: Vec<SieYear>,
    /// `#KONTO`: account number → name.
    pub accounts: BTreeMap<String, String>,
    /// `#DIM`: dimension number → name.
    pub dimensions: BTreeMap<u32, String>,
    /// `#OBJEKT`: dimension → object code → name.
    pub objects: BTreeMap<u32, HashMap<Box<str>, String>>,
    /// `#PSALDO`, `#PBUDGET` and `#RES`, in file order.
    pub balances: Vec<PeriodBalance>,
    /// The number of `#VER` vouchers.
    pub vouchers: u64,
    /// Labels skipped, with the number of lines of each: the first
    /// [`MAX_SKIPPED_LABELS`] distinct labels only, so that a file of many
    /// made-up labels cannot grow this map.
    pub skipped_labels: BTreeMap<String, u64>,
    /// Lines skipped whose label was not counted in
    /// [`skipped_labels`](Self::skipped_labels) because it was full.
    pub skipped_other_lines: u64,
}

impl SieInfo {
    /// The name of object `code` of dimension `dimension`, if declared by `#OBJEKT`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let sie = b"#OBJEKT 20 \"510\" \"Hemtj\x84nst\"\n";
    /// let mut import = SieImporter::new(&sie[..], SieOptions::new("s.se"));
    /// import.by_ref().collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(import.info().object_name(20, "510"), Some("Hemtjänst"));
    /// assert_eq!(import.info().object_name(1, "510"), None);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn object_name(&self, dimension: u32, code: &str) -> Option<&str> {
        self.objects
            .get(&dimension)
            .and_then(|objects| objects.get(code))
            .map(String::as_str)
    }
}

/// One `#RAR` fiscal year: its index (0 = the current year, −1 = the one
/// before) and its first and last day.
///
/// # Example
/// ```
/// use namnd_budget::sie::{SieImporter, SieOptions};
/// let mut import = SieImporter::new(&b"#RAR 0 20230101 20231231\n"[..], SieOptions::new("s.se"));
/// import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// let year = &import.info().fiscal_years[0];
/// assert_eq!((year.index, year.start.to_string(), year.end.to_string()), (0, "2023-01-01".into(), "2023-12-31".into()));
/// # Ok::<(), namnd_budget::BudgetError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SieYear {
    /// 0 for the current year, −1 for the previous, …
    pub index: i32,
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
}

/// What a [`PeriodBalance`] is.
///
/// # Example
/// ```
/// use namnd_budget::sie::BalanceKind;
/// assert_eq!(BalanceKind::Budget.label(), "#PBUDGET");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BalanceKind {
    /// `#PSALDO`: the outcome of a period.
    Outcome,
    /// `#PBUDGET`: the budget of a period.
    Budget,
    /// `#RES`: the result of a fiscal year on an account.
    YearResult,
}

impl BalanceKind {
    /// The SIE label, e.g. `#PSALDO`.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::BalanceKind;
    /// assert_eq!(BalanceKind::Outcome.label(), "#PSALDO");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            BalanceKind::Outcome => "#PSALDO",
            BalanceKind::Budget => "#PBUDGET",
            BalanceKind::YearResult => "#RES",
        }
    }
}

/// One `#PSALDO`, `#PBUDGET` or `#RES` line.
///
/// # Example
/// ```
/// use namnd_budget::sie::{BalanceKind, SieImporter, SieOptions};
/// let sie = b"#PBUDGET 0 202302 4010 {1 \"1100\" 20 \"510\"} -12.50 3\n";
/// let mut import = SieImporter::new(&sie[..], SieOptions::new("s.se"));
/// import.by_ref().collect::<Result<Vec<_>, _>>()?;
/// let balance = &import.info().balances[0];
/// assert_eq!((balance.kind, balance.period.map(|p| p.to_string())), (BalanceKind::Budget, Some("2023-02".into())));
/// assert_eq!((balance.ansvar.as_deref(), balance.verksamhet.as_deref()), (Some("1100"), Some("510")));
/// assert_eq!(balance.amount, namnd_core::Amount::from_ore(-1250));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PeriodBalance {
    /// Which item it is.
    pub kind: BalanceKind,
    /// The 1-based line.
    pub line: u64,
    /// The `#RAR` index of the fiscal year.
    pub year_index: i32,
    /// The month (`None` for `#RES`).
    pub period: Option<YearMonth>,
    /// The account.
    pub konto: String,
    /// The object of the ansvar dimension, if the object list has one.
    pub ansvar: Option<String>,
    /// The object of the verksamhet dimension, if the object list has one.
    pub verksamhet: Option<String>,
    /// The balance, costs positive.
    pub amount: Amount,
}

// ------------------------------------------------------------- SieImporter

/// The voucher being read.
#[derive(Debug, Default)]
struct Voucher {
    active: bool,
    opened: bool,
    line: u64,
    series: String,
    number: String,
    date: Option<NaiveDate>,
    date_text: String,
    sum: i64,
    checkable: bool,
}

/// Streams the accepted rows of a SIE 4 file (see the [module docs](self));
/// rejected rows and notices go to its [`ImportSummary`], everything else
/// the file says to its [`SieInfo`].
///
/// The iterator yields `Ok(row)` for every accepted row and `Err` only for a
/// fatal error (the file cannot be read further, or the total overflows),
/// after which it ends. Memory does not grow with the number of
/// transactions: only with the declarations, the period balances and the
/// rejected rows.
///
/// # Example
/// ```
/// use namnd_budget::BudgetError;
/// use namnd_budget::sie::{SieImporter, SieOptions};
///
/// let sie = b"#RAR 0 20230101 20231231\n#VER A 7 20230301 \"\"\n{\n\
/// #TRANS 4010 {1 1100 20 510} 100.00\n#TRANS 4010 {1 1100 20 510} 1,5\n#TRANS 1930 {} -99.00\n}\n";
/// let mut import = SieImporter::new(&sie[..], SieOptions::new("l.se"));
/// assert_eq!(import.by_ref().count(), 1);
/// let summary = import.into_summary();
/// assert_eq!(summary.rejected()[0].to_string(), r#"amount "1,5" in l.se line 5 column belopp is malformed"#);
/// // The malformed amount makes the voucher's balance unknown: it is not reported
/// // as unbalanced. (The notices say that account 4010 and the objects are not declared.)
/// assert!(summary.notices().iter().all(|n| !n.to_string().contains("balance")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SieImporter<R: Read> {
    reader: BufReader<R>,
    /// A line that does not lie whole in the reader's buffer, copied.
    buffer: Vec<u8>,
    state: SieState,
}

/// Everything the importer knows but the reader: what a line is read
/// against, so that a line can be read in place in the reader's buffer.
struct SieState {
    options: SieOptions,
    line: u64,
    done: bool,
    /// konto, ansvar and verksamhet of the current `#TRANS`, decoded to
    /// UTF-8 (kept as bytes: one UTF-8 check per row, not one per field).
    text: Vec<u8>,
    konto: Range<usize>,
    dimensions_seen: Vec<u32>,
    ansvar: Range<usize>,
    verksamhet: Range<usize>,
    /// Whether the ansvar and verksamhet codes of the current `#TRANS` are
    /// known to be clean (see [`KnownSet`]).
    ansvar_clean: bool,
    verksamhet_clean: bool,
    info: SieInfo,
    current_year: Option<(NaiveDate, NaiveDate)>,
    voucher: Voucher,
    stray_brace: bool,
    utf8_noticed: bool,
    windows_1252_noticed: bool,
    /// Accounts checked already: declared when seen, or reported as
    /// undeclared (declarations are only ever added, so neither needs a
    /// second look). A fast hash instead of the `BTreeMap` of
    /// [`SieInfo::accounts`], which costs more per `#TRANS`.
    known_accounts: KnownSet,
    /// The same for objects, by dimension.
    known_objects: Vec<(u32, KnownSet)>,
    /// Counts, totals and the first rejections and notices (bounded).
    summary: ImportSummary,
    /// The net total, for the overflow check.
    total_ore: i64,
}

/// An optional field of an item: its bytes and whether it was quoted.
type Field<'a> = Option<(&'a [u8], bool)>;

/// The outcome of one line.
type LineResult = Result<Option<(NaiveDate, i64)>>;

impl<R: Read> SieImporter<R> {
    /// Starts importing `reader` with `options`. Nothing is read until the
    /// first row is asked for.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let mut import = SieImporter::new(&b"#FLAGGA 0\n"[..], SieOptions::new("s.se"));
    /// assert!(import.next().is_none());
    /// assert_eq!(import.info().flag.as_deref(), Some("0"));
    /// ```
    pub fn new(reader: R, options: SieOptions) -> Self {
        SieImporter {
            reader: BufReader::with_capacity(64 * 1024, reader),
            buffer: Vec::with_capacity(256),
            state: SieState {
                line: 0,
                done: false,
                text: Vec::with_capacity(64),
                konto: 0..0,
                dimensions_seen: Vec::new(),
                ansvar: 0..0,
                verksamhet: 0..0,
                ansvar_clean: false,
                verksamhet_clean: false,
                info: SieInfo::default(),
                current_year: None,
                voucher: Voucher::default(),
                stray_brace: false,
                utf8_noticed: false,
                windows_1252_noticed: false,
                known_accounts: KnownSet::default(),
                known_objects: Vec::new(),
                summary: ImportSummary::new(
                    options.file_arc(),
                    Dialect::Machine,
                    TextEncoding::Pc8,
                    DEFAULT_REPORT_LIMIT,
                ),
                options,
                total_ore: 0,
            },
        }
    }

    /// What the file has said about itself so far (complete once the
    /// iterator has ended).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let mut import = SieImporter::new(&b"#DIM 1 \"Ansvar\"\n"[..], SieOptions::new("s.se"));
    /// import.by_ref().for_each(drop);
    /// assert_eq!(import.info().dimensions.get(&1).map(String::as_str), Some("Ansvar"));
    /// ```
    pub fn info(&self) -> &SieInfo {
        &self.state.info
    }

    /// The summary so far (complete once the iterator has ended).
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let import = SieImporter::new(&b""[..], SieOptions::new("s.se"));
    /// assert_eq!(import.summary().rows_read(), 0);
    /// ```
    pub fn summary(&self) -> &ImportSummary {
        &self.state.summary
    }

    /// Ends the import and returns its summary.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let mut import = SieImporter::new(&b"#VER A 1 20230101\n{\n#TRANS 4010 {1 1 20 2} 1.00\n"[..], SieOptions::new("s.se"));
    /// import.by_ref().for_each(drop);
    /// let summary = import.into_summary();
    /// assert_eq!(summary.accepted(), 1);
    /// let notices: Vec<String> = summary.notices().iter().map(|n| n.to_string()).collect();
    /// assert!(notices.contains(&"voucher A 1 in s.se line 1 is not closed by }".to_owned()));
    /// assert!(notices.contains(&"voucher A 1 in s.se line 1 does not balance: its transactions sum to 1,00\u{a0}kr".to_owned()));
    /// ```
    pub fn into_summary(self) -> ImportSummary {
        self.into_parts().0
    }

    /// Ends the import and returns its summary and the file's [`SieInfo`].
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    /// let mut import = SieImporter::new(&b"#SIETYP 4\n"[..], SieOptions::new("s.se"));
    /// import.by_ref().for_each(drop);
    /// let (summary, info) = import.into_parts();
    /// assert_eq!((summary.file(), info.sie_type.as_deref()), ("s.se", Some("4")));
    /// ```
    pub fn into_parts(self) -> (ImportSummary, SieInfo) {
        (self.state.summary, self.state.info)
    }

    /// The accepted rows, each with the 1-based line of its `#TRANS` in the
    /// file, as [`LedgerImporter::numbered`](crate::LedgerImporter::numbered)
    /// gives them for CSV; rejected rows and notices are recorded in the
    /// summary on the way.
    ///
    /// # Example
    /// ```
    /// use namnd_budget::sie::{SieImporter, SieOptions};
    ///
    /// let sie = "#VER A 1 20230131\n{\n#TRANS 1930 {} -3.00\n\
    ///            #TRANS 4010 {1 1100 20 510} x\n#TRANS 4010 {1 1100 20 510} 3.00\n}\n";
    /// let mut import = SieImporter::new(sie.as_bytes(), SieOptions::new("s.se"));
    /// let lines: Vec<u64> = import
    ///     .numbered()
    ///     .map(|row| row.map(|(line, _)| line))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(lines, [5]);
    /// # Ok::<(), namnd_budget::BudgetError>(())
    /// ```
    pub fn numbered(&mut self) -> impl Iterator<Item = Result<(u64, LedgerRow)>> + '_ {
        core::iter::from_fn(move || {
            let row = self.next()?;
            Some(row.map(|row| (self.state.line, row)))
        })
    }

    /// The next accepted row, borrowed; rejected rows and notices are
    /// recorded on the way.
    pub(crate) fn next_raw(&mut self) -> Result<Option<RawLedgerRow<'_>>> {
        loop {
            if self.state.done {
                return Ok(None);
            }
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.state.read_error(e)),
            };
            // The usual line lies whole in the reader's buffer: it is read
            // in place, without a copy.
            let whole = memchr::memchr(b'\n', available).and_then(|end| available.get(..=end));
            let outcome = if let Some(line) = whole.filter(|line| line.len() <= MAX_LINE_BYTES) {
                let used = line.len();
                self.state.line = self.state.line.saturating_add(1);
                let outcome = self.state.handle_line(line);
                self.reader.consume(used);
                outcome
            } else {
                self.buffer.clear();
                let read = read_line_capped(&mut self.reader, &mut self.buffer, MAX_LINE_BYTES);
                match read {
                    Err(e) => return Err(self.state.read_error(e)),
                    Ok(LineRead::End) => {
                        self.state.done = true;
                        self.state.end_voucher(false);
                        Ok(None)
                    }
                    Ok(LineRead::Line) => {
                        self.state.line = self.state.line.saturating_add(1);
                        self.state.handle_line(&self.buffer)
                    }
                    Ok(LineRead::TooLong) => {
                        self.state.line = self.state.line.saturating_add(1);
                        self.state.too_long(&self.buffer)
                    }
                }
            };
            match outcome {
                Err(error) => {
                    self.state.done = true;
                    return Err(error);
                }
                Ok(None) => {}
                Ok(Some((date, ore))) => {
                    let state = &self.state;
                    // Only decoded characters were pushed: valid UTF-8.
                    let text = std::str::from_utf8(&state.text).unwrap_or_default();
                    return Ok(Some(RawLedgerRow {
                        date,
                        ansvar: text.get(state.ansvar.clone()).unwrap_or_default(),
                        verksamhet: text.get(state.verksamhet.clone()).unwrap_or_default(),
                        konto: text.get(state.konto.clone()).unwrap_or_default(),
                        ore,
                    }));
                }
            }
        }
    }
}

impl SieState {
    /// A read error at the current line; the import ends.
    fn read_error(&mut self, error: std::io::Error) -> BudgetError {
        self.done = true;
        BudgetError::Read {
            file: Arc::clone(&self.options.file),
            line: self.line,
            source: Arc::new(error),
        }
    }

    fn file(&self) -> Arc<str> {
        Arc::clone(&self.options.file)
    }

    fn notice_malformed(&mut self, label: &str, reason: String) {
        self.summary.notice(BudgetError::SieMalformed {
            file: self.file(),
            line: self.line,
            label: label.to_owned(),
            reason,
        });
    }

    /// A line longer than [`MAX_LINE_BYTES`]: a `#TRANS` is a rejected row
    /// (or a skipped one, on a balance-sheet account) and makes its voucher's
    /// balance unknown; any other line is a notice.
    fn too_long(&mut self, start: &[u8]) -> LineResult {
        let content = trim_start_blank(start);
        let label_end = content
            .iter()
            .take(32)
            .position(|&b| is_blank(b))
            .unwrap_or(content.len().min(32));
        let label = content.get(..label_end).unwrap_or_default();
        let reason = format!("it is longer than {MAX_LINE_BYTES} bytes; it is skipped");
        if label != b"#TRANS" {
            let label = if label.starts_with(b"#") {
                echo_pc8(label)
            } else {
                "text".to_owned()
            };
            self.notice_malformed(&label, reason);
            return Ok(None);
        }
        if self.voucher.active {
            self.voucher.checkable = false;
        }
        let account = Tokens::new(content.get(label_end..).unwrap_or_default()).next_token();
        let error = malformed(&self.file(), self.line, reason);
        match account {
            Ok(Some(Token::Field { bytes, .. }))
                if !bytes.is_empty()
                    && bytes.iter().all(u8::is_ascii_digit)
                    && !matches!(bytes.first(), Some(b'3'..=b'8')) =>
            {
                self.skip(Some(error))
            }
            _ => self.reject(error),
        }
    }

    fn handle_line(&mut self, raw: &[u8]) -> LineResult {
        let mut content = raw.strip_suffix(b"\n").unwrap_or(raw);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        if self.line == 1
            && let Some(rest) = content.strip_prefix(UTF8_BOM)
        {
            content = rest;
            self.utf8_noticed = true;
            self.summary.notice(BudgetError::SieNotPc8 {
                file: self.file(),
                line: 1,
            });
        }
        let content = trim_blank(content);
        let ascii = content.is_ascii();
        let utf8 = !ascii && std::str::from_utf8(content).is_ok();
        let Some((&first, after)) = content.split_first() else {
            return Ok(None);
        };
        if !ascii && !utf8 && !self.windows_1252_noticed {
            self.check_windows_1252(content);
        }
        match first {
            b'{' => {
                self.open_brace();
                if !trim_blank(after).is_empty() {
                    self.notice_malformed(
                        "{",
                        format!("text \"{}\" follows the {{", echo_pc8(after)),
                    );
                }
                return Ok(None);
            }
            b'}' => {
                self.close_brace();
                return Ok(None);
            }
            b'#' => {}
            _ => {
                let reason = format!("\"{}\" is not a #item, {{ or }}", echo_pc8(content));
                self.notice_malformed("text", reason);
                return Ok(None);
            }
        }
        let label_end = content
            .iter()
            .position(|&b| is_blank(b))
            .unwrap_or(content.len());
        let (label, rest) = content
            .split_at_checked(label_end)
            .unwrap_or((content, b""));
        if label == b"#TRANS" {
            return self.trans(rest, utf8);
        }
        if utf8 && !self.utf8_noticed {
            self.utf8_noticed = true;
            self.summary.notice(BudgetError::SieNotPc8 {
                file: self.file(),
                line: self.line,
            });
        }
        match label {
            b"#VER" => self.ver(rest),
            b"#KONTO" => self.konto_item(rest),
            b"#DIM" => self.dim_item(rest),
            b"#OBJEKT" => self.objekt_item(rest),
            b"#RAR" => self.rar_item(rest),
            b"#PSALDO" => self.balance_item(BalanceKind::Outcome, rest),
            b"#PBUDGET" => self.balance_item(BalanceKind::Budget, rest),
            b"#RES" => self.balance_item(BalanceKind::YearResult, rest),
            b"#FLAGGA" | b"#PROGRAM" | b"#FORMAT" | b"#GEN" | b"#SIETYP" | b"#FNAMN" => {
                self.identification(label, rest);
            }
            other => {
                let name = pc8(other);
                let labels = &mut self.info.skipped_labels;
                if let Some(count) = labels.get_mut(name.as_str()) {
                    *count = count.saturating_add(1);
                } else if labels.len() < MAX_SKIPPED_LABELS {
                    labels.insert(name, 1);
                } else {
                    let other = &mut self.info.skipped_other_lines;
                    *other = other.saturating_add(1);
                }
            }
        }
        Ok(None)
    }

    /// Gives the notice that the file looks like Windows-1252 if `content`
    /// holds one of [`WINDOWS_1252_SWEDISH`].
    fn check_windows_1252(&mut self, content: &[u8]) {
        if content.is_ascii() {
            // The usual line: none of the bytes can be in it (one pass
            // instead of six).
            return;
        }
        let Some((byte, letter)) = WINDOWS_1252_SWEDISH
            .iter()
            .find(|(byte, _)| content.contains(byte))
            .copied()
        else {
            return;
        };
        self.windows_1252_noticed = true;
        let label = match content.split_first() {
            Some((b'#', _)) => {
                let end = content.iter().take(32).position(|&b| is_blank(b));
                echo_pc8(
                    content
                        .get(..end.unwrap_or(content.len().min(32)))
                        .unwrap_or_default(),
                )
            }
            _ => "text".to_owned(),
        };
        let reason = format!(
            "it holds \"{}\" (byte {byte:#04x}, \"{letter}\" in windows-1252): the file looks like \
             windows-1252 although it is read as pc8 (cp437), so its å ä ö are read wrongly",
            pc8_char(byte)
        );
        self.notice_malformed(&label, reason);
    }

    fn open_brace(&mut self) {
        if self.voucher.active && !self.voucher.opened {
            self.voucher.opened = true;
        } else if self.voucher.active {
            let reason = format!(
                "a second {{ opens inside voucher {} {}",
                echo(&self.voucher.series),
                echo(&self.voucher.number)
            );
            self.notice_malformed("{", reason);
        } else {
            self.stray_brace = true;
            self.notice_malformed("{", "no #VER stands before it".to_owned());
        }
    }

    fn close_brace(&mut self) {
        if self.voucher.active && self.voucher.opened {
            self.end_voucher(true);
        } else if self.stray_brace {
            self.stray_brace = false;
        } else if self.voucher.active {
            self.notice_malformed(
                "}",
                "it closes a voucher that was not opened by {".to_owned(),
            );
            self.end_voucher(true);
        } else {
            self.notice_malformed("}", "no { stands before it".to_owned());
        }
    }

    /// Ends the current voucher (if any): reports it if not `closed`, and
    /// if its amounts do not sum to zero.
    fn end_voucher(&mut self, closed: bool) {
        if !self.voucher.active {
            return;
        }
        self.voucher.active = false;
        let voucher = &self.voucher;
        if !closed {
            self.summary.notice(BudgetError::SieUnclosedVoucher {
                file: Arc::clone(&self.options.file),
                line: voucher.line,
                series: echo(&voucher.series),
                number: echo(&voucher.number),
            });
        }
        if voucher.checkable && voucher.sum != 0 {
            self.summary.notice(BudgetError::SieUnbalancedVoucher {
                file: Arc::clone(&self.options.file),
                line: voucher.line,
                series: echo(&voucher.series),
                number: echo(&voucher.number),
                difference: Amount::from_ore(voucher.sum),
            });
        }
    }

    fn ver(&mut self, rest: &[u8]) {
        self.end_voucher(false);
        self.info.vouchers = self.info.vouchers.saturating_add(1);
        // Some programs write the `{` on the #VER line.
        let trimmed = trim_blank(rest);
        let (rest, opened) = match trimmed.strip_suffix(b"{") {
            Some(before) if !before.ends_with(b"\\") => (before, true),
            _ => (trimmed, false),
        };
        let v = &mut self.voucher;
        *v = Voucher {
            active: true,
            opened,
            line: self.line,
            series: std::mem::take(&mut v.series),
            number: std::mem::take(&mut v.number),
            date: None,
            date_text: std::mem::take(&mut v.date_text),
            sum: 0,
            checkable: true,
        };
        v.series.clear();
        v.number.clear();
        v.date_text.clear();
        let mut tokens = Tokens::new(rest);
        let mut problem = None;
        for (i, slot) in [&mut v.series, &mut v.number, &mut v.date_text]
            .into_iter()
            .enumerate()
        {
            match tokens.next_token() {
                Ok(Some(Token::Field { bytes, quoted })) => decode_into(slot, bytes, quoted),
                Ok(Some(Token::List(_))) => {
                    problem = Some(format!("field {} is an object list", i.saturating_add(1)));
                    break;
                }
                Ok(None) => break,
                Err(reason) => {
                    problem = Some(reason.to_owned());
                    break;
                }
            }
        }
        if problem.is_none()
            && let Err(reason) = tokens.check_rest()
        {
            problem = Some(reason.to_owned());
        }
        v.date = parse_sie_date(v.date_text.as_bytes()).ok();
        if v.date.is_none() && problem.is_none() {
            problem = Some(format!(
                "verdatum \"{}\" is not a date YYYYMMDD",
                echo(&v.date_text)
            ));
        }
        if let Some(reason) = problem {
            self.notice_malformed("#VER", reason);
        }
    }

    /// A `#TRANS` line.
    fn trans(&mut self, rest: &[u8], utf8: bool) -> LineResult {
        let line = self.line;
        let simple = simple_trans(rest);
        let mut tokens = Tokens::new(if simple.is_some() { b"" } else { rest });
        // The account decides whether the row is a ledger row at all.
        let account = match simple.as_ref().map(|s| s.account) {
            Some(account) => account,
            None => match tokens.next_token() {
                Ok(Some(Token::Field { bytes, .. }))
                    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) =>
                {
                    bytes
                }
                Ok(Some(Token::Field { bytes, .. })) => {
                    let reason = format!("account \"{}\" is not a number", echo_pc8(bytes));
                    return self.reject(malformed(&self.options.file, line, reason));
                }
                Ok(Some(Token::List(_)) | None) => {
                    let reason = "the account is missing".to_owned();
                    return self.reject(malformed(&self.options.file, line, reason));
                }
                Err(reason) => {
                    return self.reject(malformed(&self.options.file, line, reason.to_owned()));
                }
            },
        };
        let result_account = matches!(account.first(), Some(b'3'..=b'8'));
        self.text.clear();
        push_pc8_utf8(&mut self.text, account);
        self.konto = 0..self.text.len();

        // Object list (optional in old files), amount, transdat; the rest
        // (transtext, kvantitet, sign) is checked only for syntax.
        let mut problem: Option<String> = None;
        let mut list: &[u8] = b"";
        let mut amount: Option<&[u8]> = None;
        let mut date: Option<(&[u8], bool)> = None;
        if let Some(simple) = &simple {
            amount = Some(simple.amount);
            date = simple.date.map(|d| (d, false));
        } else {
            match tokens.next_token() {
                Ok(Some(Token::List(inner))) => list = inner,
                Ok(Some(Token::Field { bytes, .. })) => amount = Some(bytes),
                Ok(None) => {}
                Err(reason) => problem = Some(reason.to_owned()),
            }
            if problem.is_none() && amount.is_none() {
                match tokens.next_token() {
                    Ok(Some(Token::Field { bytes, .. })) => amount = Some(bytes),
                    Ok(Some(Token::List(_))) => {
                        problem =
                            Some("a second object list stands where the amount belongs".into());
                    }
                    Ok(None) => {}
                    Err(reason) => problem = Some(reason.to_owned()),
                }
            }
            if problem.is_none() {
                match tokens.next_token() {
                    Ok(Some(Token::Field { bytes, quoted })) => date = Some((bytes, quoted)),
                    Ok(Some(Token::List(_))) => {
                        problem = Some("an object list stands where transdat belongs".into());
                    }
                    Ok(None) => {}
                    Err(reason) => problem = Some(reason.to_owned()),
                }
            }
            if problem.is_none()
                && let Err(reason) = tokens.check_rest()
            {
                problem = Some(reason.to_owned());
            }
        }
        let amount_bytes = amount.unwrap_or_default();
        let parsed_amount = match amount {
            Some(bytes) => parse_sie_ore(bytes),
            None => Err(AmountIssue::Malformed),
        };

        // Every parsed amount counts in the voucher's balance.
        let in_voucher = self.voucher.active && self.voucher.opened;
        if in_voucher {
            match (&problem, &parsed_amount) {
                (None, Ok(ore)) => match self.voucher.sum.checked_add(*ore) {
                    Some(sum) => self.voucher.sum = sum,
                    None => self.voucher.checkable = false,
                },
                _ => self.voucher.checkable = false,
            }
        }
        if let Some(reason) = problem {
            let error = malformed(&self.options.file, line, reason);
            return if result_account {
                self.reject(error)
            } else {
                self.skip(Some(error))
            };
        }
        let account_check = self
            .known_accounts
            .check(self.text.get(self.konto.clone()).unwrap_or_default());
        if account_check.new {
            let konto_text = self.text_str(self.konto.clone());
            if !self.info.accounts.contains_key(konto_text) {
                self.summary.notice(BudgetError::SieUndeclaredAccount {
                    file: Arc::clone(&self.options.file),
                    line,
                    konto: echo(konto_text),
                });
            }
        }
        if !result_account {
            let error = parsed_amount
                .err()
                .map(|issue| amount_error(&self.options.file, line, amount_bytes, issue));
            let error = match error {
                None if !in_voucher => Some(outside_voucher(&self.options.file, line)),
                other => other,
            };
            return self.skip(error);
        }

        // A ledger row: the first problem rejects it.
        if !in_voucher {
            return self.reject(outside_voucher(&self.options.file, line));
        }
        if utf8 {
            return self.reject(BudgetError::SieNotPc8 {
                file: Arc::clone(&self.options.file),
                line,
            });
        }
        let ore = match parsed_amount {
            Ok(ore) => ore,
            Err(issue) => {
                return self.reject(amount_error(&self.options.file, line, amount_bytes, issue));
            }
        };
        let (field, date_bytes) = match date {
            Some((bytes, _)) if !bytes.is_empty() => ("transdat", bytes),
            _ => ("verdatum", self.voucher.date_text.as_bytes()),
        };
        // A date that does not exist (20230230) is not a date YYYYMMDD
        // either: one variant, so that every SIE message says "field".
        let Ok(date) = parse_sie_date(date_bytes) else {
            return self.reject(BudgetError::SieMalformedDate {
                file: Arc::clone(&self.options.file),
                line,
                field,
                value: echo_pc8(date_bytes),
            });
        };
        if let Some(year) = self.options.fiscal_year {
            if !year.contains_date(date) {
                return self.reject(BudgetError::DateOutsideFiscalYear {
                    file: Arc::clone(&self.options.file),
                    line,
                    column: field.to_owned(),
                    date,
                    year,
                });
            }
        } else if let Some((start, end)) = self.current_year
            && (date < start || date > end)
        {
            return self.reject(BudgetError::SieDateOutsideRar {
                file: Arc::clone(&self.options.file),
                line,
                field,
                date,
                start,
                end,
            });
        }
        let objects = match &simple {
            Some(simple) => {
                self.clear_objects();
                for &(dimension, code, quoted) in
                    simple.objects.get(..simple.count).unwrap_or_default()
                {
                    self.object(dimension, code, quoted);
                }
                Ok(())
            }
            None => self.read_objects(list),
        };
        if let Err(reason) = objects {
            return self.reject(malformed(&self.options.file, line, reason));
        }
        let dimensions = [
            (self.options.ansvar_dimension, "ansvar", self.ansvar.clone()),
            (
                self.options.verksamhet_dimension,
                "verksamhet",
                self.verksamhet.clone(),
            ),
        ];
        for (dimension, role, range) in dimensions {
            let clean = if role == "ansvar" {
                self.ansvar_clean
            } else {
                self.verksamhet_clean
            };
            if range.is_empty() {
                let konto = echo(self.text_str(self.konto.clone()));
                let error = if self.found(dimension) {
                    BudgetError::EmptyField {
                        file: Arc::clone(&self.options.file),
                        line,
                        column: role.to_owned(),
                    }
                } else {
                    BudgetError::SieMissingObject {
                        file: Arc::clone(&self.options.file),
                        line,
                        konto,
                        dimension,
                        role,
                    }
                };
                return self.reject(error);
            }
            if clean {
                continue;
            }
            let bytes = self.text.get(range.clone()).unwrap_or_default();
            let control = if bytes.is_ascii() {
                bytes.iter().any(u8::is_ascii_control)
            } else {
                self.text_str(range.clone()).chars().any(char::is_control)
            };
            if control {
                let value = echo(self.text_str(range));
                return self.reject(BudgetError::ControlCharacter {
                    file: Arc::clone(&self.options.file),
                    line,
                    column: role.to_owned(),
                    value,
                });
            }
        }
        // Keys go into reports and onto standard output: one that looks
        // like a personnummer rejects the row, without being echoed. (Known
        // clean codes were checked when first seen.)
        let all_clean = account_check.clean && self.ansvar_clean && self.verksamhet_clean;
        let keys = [
            ("konto", self.konto.clone()),
            ("ansvar", self.ansvar.clone()),
            ("verksamhet", self.verksamhet.clone()),
        ];
        for (column, range) in keys {
            if !all_clean && namnd_core::looks_like_identity_number(self.text_str(range)) {
                return self.reject(BudgetError::PersonnummerInKey {
                    file: Arc::clone(&self.options.file),
                    line,
                    column: column.to_owned(),
                });
            }
        }
        self.total_ore = self
            .total_ore
            .checked_add(ore)
            .ok_or_else(|| BudgetError::Overflow {
                file: Arc::clone(&self.options.file),
                line,
                what: "accepted amounts".to_owned(),
            })?;
        self.summary.accept(ore);
        Ok(Some((date, ore)))
    }

    /// Whether the last object list read had an (empty) object of `dimension`.
    fn found(&self, dimension: u32) -> bool {
        self.dimensions_seen.contains(&dimension)
    }

    /// Reads an object list into `text`, setting the ansvar and verksamhet
    /// ranges (empty when the list has no such object), and notes undeclared
    /// objects.
    fn read_objects(&mut self, list: &[u8]) -> core::result::Result<(), String> {
        self.clear_objects();
        let mut tokens = Tokens::new(list);
        loop {
            let dimension = match tokens.next_token() {
                Ok(None) => return Ok(()),
                Ok(Some(Token::Field { bytes, .. })) => parse_u32(bytes).ok_or_else(|| {
                    format!(
                        "dimension \"{}\" in the object list is not a number",
                        echo_pc8(bytes)
                    )
                })?,
                Ok(Some(Token::List(_))) => return Err("an object list holds a {".to_owned()),
                Err(reason) => return Err(reason.to_owned()),
            };
            let (bytes, quoted) = match tokens.next_token() {
                Ok(Some(Token::Field { bytes, quoted })) => (bytes, quoted),
                Ok(None | Some(Token::List(_))) => {
                    return Err(format!(
                        "dimension {dimension} in the object list has no object"
                    ));
                }
                Err(reason) => return Err(reason.to_owned()),
            };
            self.object(dimension, bytes, quoted);
        }
    }

    /// The decoded text at `range` of `text`.
    fn text_str(&self, range: Range<usize>) -> &str {
        // Only decoded characters are pushed to `text`: valid UTF-8.
        self.text
            .get(range)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Forgets the objects of the previous object list.
    fn clear_objects(&mut self) {
        self.ansvar = 0..0;
        self.verksamhet = 0..0;
        self.ansvar_clean = false;
        self.verksamhet_clean = false;
        self.dimensions_seen.clear();
    }

    /// One object of an object list: decoded into `text`, checked against
    /// the declarations, and taken as the ansvar or verksamhet if it is the
    /// first of its dimension.
    fn object(&mut self, dimension: u32, bytes: &[u8], quoted: bool) {
        let start = self.text.len();
        decode_into_utf8(&mut self.text, bytes, quoted);
        let range = start..self.text.len();
        let code = self.text.get(range.clone()).unwrap_or_default();
        let slot = match self.known_objects.iter().position(|(d, _)| *d == dimension) {
            Some(slot) => slot,
            None => {
                self.known_objects.push((dimension, KnownSet::default()));
                self.known_objects.len().saturating_sub(1)
            }
        };
        let check = self
            .known_objects
            .get_mut(slot)
            .map(|(_, codes)| codes.check(code));
        if check.is_none_or(|check| check.new) {
            let code = self.text_str(range.clone());
            let declared = self
                .info
                .objects
                .get(&dimension)
                .is_some_and(|objects| objects.contains_key(code));
            if !declared {
                self.summary.notice(BudgetError::SieUndeclaredObject {
                    file: Arc::clone(&self.options.file),
                    line: self.line,
                    dimension,
                    object: echo(code),
                });
            }
        }
        let first = !self.dimensions_seen.contains(&dimension);
        if first {
            self.dimensions_seen.push(dimension);
        }
        let clean = check.is_some_and(|check| check.clean);
        if first && dimension == self.options.ansvar_dimension {
            self.ansvar = range;
            self.ansvar_clean = clean;
        } else if first && dimension == self.options.verksamhet_dimension {
            self.verksamhet = range;
            self.verksamhet_clean = clean;
        } else {
            self.text.truncate(start);
        }
    }

    fn reject(&mut self, error: BudgetError) -> LineResult {
        self.summary.reject(error);
        Ok(None)
    }

    fn skip(&mut self, notice: Option<BudgetError>) -> LineResult {
        self.summary.skip();
        if let Some(notice) = notice {
            self.summary.notice(notice);
        }
        Ok(None)
    }
}

// ------------------------------------------------------- declaration items

impl SieState {
    /// Reads up to `N` plain fields of an item; object lists are refused.
    fn fields<'a, const N: usize>(
        &mut self,
        label: &str,
        rest: &'a [u8],
    ) -> Option<[Field<'a>; N]> {
        let mut tokens = Tokens::new(rest);
        let mut out = [None; N];
        for slot in &mut out {
            match tokens.next_token() {
                Ok(Some(Token::Field { bytes, quoted })) => *slot = Some((bytes, quoted)),
                Ok(Some(Token::List(_))) => {
                    self.notice_malformed(
                        label,
                        "an object list stands where a field belongs".into(),
                    );
                    return None;
                }
                Ok(None) => break,
                Err(reason) => {
                    self.notice_malformed(label, reason.to_owned());
                    return None;
                }
            }
        }
        if let Err(reason) = tokens.check_rest() {
            self.notice_malformed(label, reason.to_owned());
            return None;
        }
        Some(out)
    }

    fn identification(&mut self, label: &[u8], rest: &[u8]) {
        let name = pc8(label);
        let Some([first, second]) = self.fields::<2>(&name, rest) else {
            return;
        };
        let text = |field: Option<(&[u8], bool)>| {
            field.map(|(bytes, quoted)| {
                let mut s = String::new();
                decode_into(&mut s, bytes, quoted);
                s
            })
        };
        match label {
            b"#FLAGGA" => self.info.flag = text(first),
            b"#PROGRAM" => {
                self.info.program = match (text(first), text(second)) {
                    (Some(name), Some(version)) if !version.is_empty() => {
                        Some(format!("{name} {version}"))
                    }
                    (name, _) => name,
                };
            }
            b"#FORMAT" => {
                let format = text(first).unwrap_or_default();
                if !format.eq_ignore_ascii_case("PC8") {
                    self.summary.notice(BudgetError::SieFormat {
                        file: self.file(),
                        line: self.line,
                        value: echo(&format),
                    });
                }
                self.info.format = Some(format);
            }
            b"#GEN" => {
                let bytes = first.map(|(b, _)| b).unwrap_or_default();
                match parse_sie_date(bytes) {
                    Ok(date) => self.info.generated = Some(date),
                    Err(_) => self.notice_malformed(
                        "#GEN",
                        format!("date \"{}\" is not a date YYYYMMDD", echo_pc8(bytes)),
                    ),
                }
            }
            b"#SIETYP" => self.info.sie_type = text(first),
            _ => self.info.company = text(first),
        }
    }

    fn konto_item(&mut self, rest: &[u8]) {
        let Some([konto, name]) = self.fields::<2>("#KONTO", rest) else {
            return;
        };
        match konto {
            Some((bytes, _)) if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) => {
                let mut text = String::new();
                if let Some((name, quoted)) = name {
                    decode_into(&mut text, name, quoted);
                }
                self.info.accounts.insert(pc8(bytes), text);
            }
            other => {
                let value = echo_pc8(other.map(|(b, _)| b).unwrap_or_default());
                self.notice_malformed("#KONTO", format!("account \"{value}\" is not a number"));
            }
        }
    }

    fn dim_item(&mut self, rest: &[u8]) {
        let Some([dimension, name]) = self.fields::<2>("#DIM", rest) else {
            return;
        };
        let bytes = dimension.map(|(b, _)| b).unwrap_or_default();
        let Some(dimension) = parse_u32(bytes) else {
            let reason = format!("dimension \"{}\" is not a number", echo_pc8(bytes));
            self.notice_malformed("#DIM", reason);
            return;
        };
        let mut text = String::new();
        if let Some((name, quoted)) = name {
            decode_into(&mut text, name, quoted);
        }
        self.info.dimensions.insert(dimension, text);
    }

    fn objekt_item(&mut self, rest: &[u8]) {
        let Some([dimension, code, name]) = self.fields::<3>("#OBJEKT", rest) else {
            return;
        };
        let bytes = dimension.map(|(b, _)| b).unwrap_or_default();
        let Some(dimension) = parse_u32(bytes) else {
            let reason = format!("dimension \"{}\" is not a number", echo_pc8(bytes));
            self.notice_malformed("#OBJEKT", reason);
            return;
        };
        let Some((code, quoted)) = code else {
            self.notice_malformed(
                "#OBJEKT",
                format!("dimension {dimension} has no object code"),
            );
            return;
        };
        let (mut code_text, mut name_text) = (String::new(), String::new());
        decode_into(&mut code_text, code, quoted);
        if let Some((name, quoted)) = name {
            decode_into(&mut name_text, name, quoted);
        }
        self.info
            .objects
            .entry(dimension)
            .or_default()
            .insert(code_text.into_boxed_str(), name_text);
    }

    fn rar_item(&mut self, rest: &[u8]) {
        let Some([index, start, end]) = self.fields::<3>("#RAR", rest) else {
            return;
        };
        let index_bytes = bytes(index);
        let parsed = (
            parse_i32(index_bytes),
            parse_sie_date(bytes(start)),
            parse_sie_date(bytes(end)),
        );
        match parsed {
            (Some(index), Ok(start), Ok(end)) if start <= end => {
                if index == 0 {
                    self.current_year = Some((start, end));
                    let calendar = start.year() == end.year()
                        && (start.month(), start.day()) == (1, 1)
                        && (end.month(), end.day()) == (12, 31);
                    if !calendar {
                        let reason = format!(
                            "fiscal year 0 from {start} to {end} is not a calendar year; a follow-up \
                             uses calendar years and rejects rows outside the one it is run for"
                        );
                        self.notice_malformed("#RAR", reason);
                    }
                }
                self.info.fiscal_years.push(SieYear { index, start, end });
            }
            _ => {
                let reason = format!(
                    "year \"{} {} {}\" is not an index and two dates YYYYMMDD in order",
                    echo_pc8(index_bytes),
                    echo_pc8(bytes(start)),
                    echo_pc8(bytes(end))
                );
                self.notice_malformed("#RAR", reason);
            }
        }
    }

    fn balance_item(&mut self, kind: BalanceKind, rest: &[u8]) {
        let label = kind.label();
        let mut tokens = Tokens::new(rest);
        let mut fields: Vec<&[u8]> = Vec::with_capacity(4);
        let mut list: &[u8] = b"";
        let wanted = if kind == BalanceKind::YearResult {
            3
        } else {
            4
        };
        let mut problem = None;
        while fields.len() < wanted {
            match tokens.next_token() {
                Ok(Some(Token::Field { bytes, .. })) => fields.push(bytes),
                Ok(Some(Token::List(inner)))
                    if kind != BalanceKind::YearResult && fields.len() == 3 =>
                {
                    list = inner;
                }
                Ok(Some(Token::List(_))) => {
                    problem = Some("an object list stands where a field belongs".to_owned());
                    break;
                }
                Ok(None) => {
                    problem = Some(format!("it has {} of its {wanted} fields", fields.len()));
                    break;
                }
                Err(reason) => {
                    problem = Some(reason.to_owned());
                    break;
                }
            }
        }
        if problem.is_none()
            && let Err(reason) = tokens.check_rest()
        {
            problem = Some(reason.to_owned());
        }
        if let Some(reason) = problem {
            self.notice_malformed(label, reason);
            return;
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or_default();
        let (index, period, konto, amount) = if kind == BalanceKind::YearResult {
            (field(0), None, field(1), field(2))
        } else {
            (field(0), Some(field(1)), field(2), field(3))
        };
        let Some(year_index) = parse_i32(index) else {
            let reason = format!("year index \"{}\" is not a number", echo_pc8(index));
            self.notice_malformed(label, reason);
            return;
        };
        let period = match period.map(parse_period) {
            None => None,
            Some(Some(period)) => Some(period),
            Some(None) => {
                let value = echo_pc8(period.unwrap_or_default());
                self.notice_malformed(label, format!("period \"{value}\" is not a month YYYYMM"));
                return;
            }
        };
        if konto.is_empty() || !konto.iter().all(u8::is_ascii_digit) {
            self.notice_malformed(
                label,
                format!("account \"{}\" is not a number", echo_pc8(konto)),
            );
            return;
        }
        let ore = match parse_sie_ore(amount) {
            Ok(ore) => ore,
            Err(issue) => {
                let error = amount_error(&self.file(), self.line, amount, issue);
                self.summary.notice(error);
                return;
            }
        };
        let (mut ansvar, mut verksamhet) = (None, None);
        let mut tokens = Tokens::new(list);
        loop {
            let pair = (tokens.next_token(), tokens.next_token());
            match pair {
                (Ok(None), _) => break,
                (
                    Ok(Some(Token::Field { bytes: d, .. })),
                    Ok(Some(Token::Field { bytes, quoted })),
                ) => {
                    let mut text = String::new();
                    decode_into(&mut text, bytes, quoted);
                    match parse_u32(d) {
                        Some(d) if d == self.options.ansvar_dimension => ansvar = Some(text),
                        Some(d) if d == self.options.verksamhet_dimension => {
                            verksamhet = Some(text)
                        }
                        Some(_) => {}
                        None => {
                            let reason = format!(
                                "dimension \"{}\" in the object list is not a number",
                                echo_pc8(d)
                            );
                            self.notice_malformed(label, reason);
                            return;
                        }
                    }
                }
                _ => {
                    self.notice_malformed(
                        label,
                        "the object list is not pairs of dimension and object".into(),
                    );
                    return;
                }
            }
        }
        if !self.options.balances {
            return;
        }
        self.info.balances.push(PeriodBalance {
            kind,
            line: self.line,
            year_index,
            period,
            konto: pc8(konto),
            ansvar,
            verksamhet,
            amount: Amount::from_ore(ore),
        });
    }
}

impl<R: Read> Iterator for SieImporter<R> {
    type Item = Result<LedgerRow>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_raw() {
            Ok(Some(raw)) => Some(Ok(LedgerRow::new(
                raw.date,
                raw.ansvar,
                raw.verksamhet,
                raw.konto,
                Amount::from_ore(raw.ore),
            ))),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

impl<R: Read> core::fmt::Debug for SieImporter<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SieImporter")
            .field("file", &self.state.options.file)
            .field("line", &self.state.line)
            .finish_non_exhaustive()
    }
}

/// The labels of SIE 4 items ([`looks_like_sie`] wants one first).
const SIE_LABELS: [&[u8]; 36] = [
    b"#FLAGGA",
    b"#PROGRAM",
    b"#FORMAT",
    b"#GEN",
    b"#SIETYP",
    b"#PROSA",
    b"#FTYP",
    b"#FNR",
    b"#ORGNR",
    b"#BKOD",
    b"#ADRESS",
    b"#FNAMN",
    b"#RAR",
    b"#TAXAR",
    b"#OMFATTN",
    b"#KPTYP",
    b"#VALUTA",
    b"#KONTO",
    b"#KTYP",
    b"#ENHET",
    b"#SRU",
    b"#DIM",
    b"#UNDERDIM",
    b"#OBJEKT",
    b"#IB",
    b"#UB",
    b"#OIB",
    b"#OUB",
    b"#RES",
    b"#PSALDO",
    b"#PBUDGET",
    b"#VER",
    b"#TRANS",
    b"#RTRANS",
    b"#BTRANS",
    b"#KSUMMA",
];

/// Whether `first_bytes` (the start of a file, e.g. what a `BufRead`'s
/// `fill_buf` returns) looks like a SIE file: after an optional UTF-8 byte
/// order mark and blank lines, the first line starts with a SIE 4 item
/// label (`#FLAGGA`, `#PROGRAM`, `#FORMAT`, `#SIETYP`, `#KONTO`, `#VER`, …)
/// followed by a blank or the end of the line. A CSV header, a line
/// starting with another `#word`, or bytes without a line (an empty start)
/// are not SIE. Labels are matched exactly (SIE labels are upper case).
///
/// # Example
/// ```
/// use namnd_budget::sie::looks_like_sie;
/// assert!(looks_like_sie(b"#FLAGGA 0\r\n#PROGRAM \"x\" 1\r\n"));
/// assert!(looks_like_sie(b"\xEF\xBB\xBF\r\n  #SIETYP 4\n"));
/// assert!(!looks_like_sie(b"datum,ansvar,verksamhet,konto,belopp\n"));
/// assert!(!looks_like_sie(b"#ANSVAR;VERKSAMHET;KONTO\n"));
/// assert!(!looks_like_sie(b"#FLAGGAN 0\n"));
/// ```
pub fn looks_like_sie(first_bytes: &[u8]) -> bool {
    let start = first_bytes.strip_prefix(UTF8_BOM).unwrap_or(first_bytes);
    let start = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| start.get(i..))
        .unwrap_or_default();
    let end = start
        .iter()
        .position(|&b| is_blank(b) || b == b'\r' || b == b'\n')
        .unwrap_or(start.len());
    let label = start.get(..end).unwrap_or_default();
    SIE_LABELS.contains(&label)
}

// --------------------------------------------------------------- tokenizer

/// A field of a SIE line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A field, without its quotes; `quoted` fields may hold `\"` escapes.
    Field { bytes: &'a [u8], quoted: bool },
    /// The inside of an object list `{…}`.
    List(&'a [u8]),
}

/// The most objects [`simple_trans`] reads from one object list.
const SIMPLE_OBJECTS: usize = 8;

/// The fields of a `#TRANS` of the usual shape, read in one pass (see
/// [`simple_trans`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SimpleTrans<'a> {
    account: &'a [u8],
    /// The objects: dimension, object and whether it was quoted.
    objects: [(u32, &'a [u8], bool); SIMPLE_OBJECTS],
    count: usize,
    amount: &'a [u8],
    /// An unquoted transdat.
    date: Option<&'a [u8]>,
}

/// Reads the rest of a `#TRANS` line of the usual shape,
/// `konto {dim objekt …} belopp [transdat]`, in one pass: digits for the
/// account; up to [`SIMPLE_OBJECTS`] pairs of a dimension (1 to 9 digits)
/// and an object, quoted without `"`, `\\`, `{`, `}` inside or unquoted
/// without those and blanks; an amount of digits, signs and points; digits
/// for the date; blanks between them. For such a line the [`Tokens`] give
/// exactly these fields and no problem; `None` for any other line, which
/// the tokenizer then reads.
fn simple_trans(rest: &[u8]) -> Option<SimpleTrans<'_>> {
    let at = |i: usize| rest.get(i).copied();
    let blank = |c: Option<u8>| matches!(c, Some(b' ' | b'\t'));
    let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
    let mut i = 0_usize;
    let skip_blanks = |i: &mut usize| {
        while blank(at(*i)) {
            *i = i.saturating_add(1);
        }
    };
    skip_blanks(&mut i);
    let start = i;
    while digit(at(i)) {
        i = i.saturating_add(1);
    }
    let account = rest.get(start..i).filter(|a| !a.is_empty())?;
    if !blank(at(i)) {
        return None;
    }
    skip_blanks(&mut i);
    if at(i) != Some(b'{') {
        return None;
    }
    i = i.saturating_add(1);
    let mut objects = [(0_u32, &b""[..], false); SIMPLE_OBJECTS];
    let mut count = 0_usize;
    loop {
        skip_blanks(&mut i);
        if at(i) == Some(b'}') {
            i = i.saturating_add(1);
            break;
        }
        let mut dimension = 0_u32;
        let start = i;
        while let Some(c) = at(i).filter(u8::is_ascii_digit) {
            // At most nine digits (checked below): no overflow.
            dimension = dimension.wrapping_mul(10).wrapping_add(u32::from(c - b'0'));
            i = i.saturating_add(1);
        }
        if !(1..=9).contains(&i.saturating_sub(start)) || !blank(at(i)) {
            return None;
        }
        skip_blanks(&mut i);
        let (code, quoted) = if at(i) == Some(b'"') {
            let start = i.saturating_add(1);
            i = start;
            loop {
                match at(i) {
                    Some(b'"') => break,
                    Some(b'\\' | b'{' | b'}') | None => return None,
                    Some(_) => i = i.saturating_add(1),
                }
            }
            let code = rest.get(start..i)?;
            i = i.saturating_add(1);
            (code, true)
        } else {
            let start = i;
            loop {
                match at(i) {
                    Some(b' ' | b'\t' | b'}') => break,
                    Some(b'"' | b'\\' | b'{') | None => return None,
                    Some(_) => i = i.saturating_add(1),
                }
            }
            (rest.get(start..i).filter(|c| !c.is_empty())?, false)
        };
        if !blank(at(i)) && at(i) != Some(b'}') {
            return None;
        }
        *objects.get_mut(count)? = (dimension, code, quoted);
        count = count.saturating_add(1);
    }
    if !blank(at(i)) {
        return None;
    }
    skip_blanks(&mut i);
    let start = i;
    while at(i).is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.')) {
        i = i.saturating_add(1);
    }
    let amount = rest.get(start..i).filter(|a| !a.is_empty())?;
    if at(i).is_some() && !blank(at(i)) {
        return None;
    }
    skip_blanks(&mut i);
    let date = if at(i).is_none() {
        None
    } else {
        let start = i;
        while digit(at(i)) {
            i = i.saturating_add(1);
        }
        let date = rest.get(start..i).filter(|d| !d.is_empty())?;
        skip_blanks(&mut i);
        if at(i).is_some() {
            return None;
        }
        Some(date)
    };
    Some(SimpleTrans {
        account,
        objects,
        count,
        amount,
        date,
    })
}

/// Splits the rest of a line into fields.
struct Tokens<'a> {
    rest: &'a [u8],
}

impl<'a> Tokens<'a> {
    fn new(rest: &'a [u8]) -> Self {
        Tokens { rest }
    }

    fn next_token(&mut self) -> core::result::Result<Option<Token<'a>>, &'static str> {
        let rest = trim_start_blank(self.rest);
        let Some((&first, body)) = rest.split_first() else {
            self.rest = b"";
            return Ok(None);
        };
        match first {
            b'"' => {
                let end = closing_quote(body).ok_or("a quotation mark is not closed")?;
                let (inside, after) = body.split_at_checked(end).unwrap_or((body, b""));
                self.rest = after.get(1..).unwrap_or_default();
                Ok(Some(Token::Field {
                    bytes: inside,
                    quoted: true,
                }))
            }
            b'{' => {
                let end = closing_brace(body)?;
                let (inside, after) = body.split_at_checked(end).unwrap_or((body, b""));
                self.rest = after.get(1..).unwrap_or_default();
                Ok(Some(Token::List(inside)))
            }
            b'}' => Err("a } has no {"),
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| is_blank(b) || b == b'{' || b == b'}' || b == b'"')
                    .unwrap_or(rest.len());
                let (field, after) = rest.split_at_checked(end).unwrap_or((rest, b""));
                self.rest = after;
                Ok(Some(Token::Field {
                    bytes: field,
                    quoted: false,
                }))
            }
        }
    }

    /// Checks that the remaining fields can be tokenised.
    fn check_rest(&mut self) -> core::result::Result<(), &'static str> {
        while self.next_token()?.is_some() {}
        Ok(())
    }
}

/// The position of the closing quote in `body` (after the opening one).
fn closing_quote(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(&b) = body.get(i) {
        match b {
            b'\\' => i = i.saturating_add(2),
            b'"' => return Some(i),
            _ => i = i.saturating_add(1),
        }
    }
    None
}

/// The position of the `}` that closes an object list (after its `{`).
fn closing_brace(body: &[u8]) -> core::result::Result<usize, &'static str> {
    let mut i = 0;
    let mut quoted = false;
    while let Some(&b) = body.get(i) {
        match b {
            b'\\' if quoted => i = i.saturating_add(1),
            b'"' => quoted = !quoted,
            b'}' if !quoted => return Ok(i),
            b'{' if !quoted => return Err("an object list holds a {"),
            _ => {}
        }
        i = i.saturating_add(1);
    }
    Err("an object list is not closed by }")
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim_start_blank(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_blank(b))
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn trim_blank(bytes: &[u8]) -> &[u8] {
    let bytes = trim_start_blank(bytes);
    let end = bytes
        .iter()
        .rposition(|&b| !is_blank(b))
        .map_or(0, |i| i.saturating_add(1));
    bytes.get(..end).unwrap_or_default()
}

/// The bytes of an optional field (empty if absent).
fn bytes(field: Option<(&[u8], bool)>) -> &[u8] {
    field.map(|(b, _)| b).unwrap_or_default()
}

// ---------------------------------------------------------------- decoding

/// The Unicode character of a PC8 (CP437) byte.
fn pc8_char(byte: u8) -> char {
    if byte.is_ascii() {
        char::from(byte)
    } else {
        DECODING_TABLE_CP437
            .get(usize::from(byte & 0x7F))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// Appends PC8 `bytes` to `out`.
fn push_pc8(out: &mut String, bytes: &[u8]) {
    if bytes.is_ascii() {
        // Byte by byte: cheaper than a UTF-8 check for the short fields of
        // a `#TRANS`.
        out.reserve(bytes.len());
        for &b in bytes {
            out.push(char::from(b));
        }
    } else {
        out.extend(bytes.iter().map(|&b| pc8_char(b)));
    }
}

/// PC8 `bytes` as a `String` (for messages and declarations).
fn pc8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    push_pc8(&mut out, bytes);
    out
}

/// PC8 `bytes` as they may stand in a message (see [`echo`]).
fn echo_pc8(bytes: &[u8]) -> String {
    echo(&pc8(bytes))
}

/// [`push_pc8`] into UTF-8 bytes.
fn push_pc8_utf8(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.is_ascii() {
        out.extend_from_slice(bytes);
    } else {
        for &b in bytes {
            push_char(out, pc8_char(b));
        }
    }
}

/// [`decode_into`] into UTF-8 bytes.
fn decode_into_utf8(out: &mut Vec<u8>, bytes: &[u8], quoted: bool) {
    // (A plain loop: the codes are short, a `memchr` call costs more.)
    if !quoted || !bytes.iter().any(|&b| matches!(b, b'\\')) {
        push_pc8_utf8(out, bytes);
        return;
    }
    for b in unescaped(bytes) {
        push_char(out, pc8_char(b));
    }
}

/// Appends the UTF-8 encoding of `c`.
fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buffer = [0_u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

/// Appends a field to `out`, decoding PC8 and, in a quoted field, the
/// escapes `\"` and `\\`.
fn decode_into(out: &mut String, bytes: &[u8], quoted: bool) {
    if !quoted || !bytes.contains(&b'\\') {
        push_pc8(out, bytes);
        return;
    }
    out.extend(unescaped(bytes).map(pc8_char));
}

/// The bytes of a quoted field with the escapes `\"` and `\\` undone (a
/// backslash before anything else stands for itself).
fn unescaped(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut iter = bytes.iter().copied().peekable();
    core::iter::from_fn(move || {
        let b = iter.next()?;
        Some(match (b, iter.peek()) {
            (b'\\', Some(&next @ (b'"' | b'\\'))) => {
                iter.next();
                next
            }
            _ => b,
        })
    })
}

/// `text` in PC8 (CP437); `None` if it holds a character CP437 lacks.
pub(crate) fn encode_pc8(text: &str) -> Option<Vec<u8>> {
    oem_cp::encode_string_checked(text, &ENCODING_TABLE_CP437)
}

// ----------------------------------------------------------- field parsing

fn parse_u32(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0_u32, |acc, &d| {
        d.is_ascii_digit()
            .then(|| acc.saturating_mul(10).saturating_add(u32::from(d - b'0')))
    })
}

fn parse_i32(bytes: &[u8]) -> Option<i32> {
    match bytes.split_first() {
        Some((b'-', digits)) => parse_u32(digits)
            .and_then(|n| i32::try_from(n).ok())
            .map(|n| -n),
        _ => parse_u32(bytes).and_then(|n| i32::try_from(n).ok()),
    }
}

/// Why a date could not be read.
enum DateIssue {
    Malformed,
    Impossible,
}

/// Reads `YYYYMMDD`.
fn parse_sie_date(bytes: &[u8]) -> core::result::Result<NaiveDate, DateIssue> {
    if bytes.len() != 8 {
        return Err(DateIssue::Malformed);
    }
    let number = |range: Range<usize>| bytes.get(range).and_then(parse_u32);
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(4..6), number(6..8)) else {
        return Err(DateIssue::Malformed);
    };
    let year = i32::try_from(year).map_err(|_| DateIssue::Malformed)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateIssue::Impossible)
}

/// Reads a period `YYYYMM`.
fn parse_period(bytes: &[u8]) -> Option<YearMonth> {
    if bytes.len() != 6 {
        return None;
    }
    let year = bytes.get(0..4).and_then(parse_u32)?;
    let month = bytes.get(4..6).and_then(parse_u32)?;
    YearMonth::try_new(i32::try_from(year).ok()?, month).ok()
}

/// Why an amount could not be read.
enum AmountIssue {
    Malformed,
    Fractional,
    OutOfRange,
}

/// Reads a SIE amount, `-1234.50` (decimal point, no thousands separators),
/// into öre. More than two decimals are accepted only if they are zeros.
fn parse_sie_ore(bytes: &[u8]) -> core::result::Result<i64, AmountIssue> {
    // The usual amount (as in the machine CSV dialect, which has the same
    // syntax) straight to öre; anything else below.
    if let Some(ore) = crate::import::short_machine_ore(bytes) {
        return Ok(ore);
    }
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let (int_part, frac_part) = match digits.iter().position(|&b| b == b'.') {
        Some(dot) => {
            let (int_part, frac) = digits.split_at_checked(dot).unwrap_or((digits, b""));
            (int_part, Some(frac.get(1..).unwrap_or_default()))
        }
        None => (digits, None),
    };
    let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return Err(AmountIssue::Malformed);
    }
    let mut ore: i128 = 0;
    for &d in int_part {
        ore = ore
            .checked_mul(10)
            .and_then(|v| v.checked_add(i128::from(d - b'0')))
            .filter(|v| *v <= i128::from(i64::MAX) / 100 + 1)
            .ok_or(AmountIssue::OutOfRange)?;
    }
    ore = ore.saturating_mul(100);
    let frac = frac_part.unwrap_or_default();
    for (i, &d) in frac.iter().enumerate() {
        match i {
            0 => ore = ore.saturating_add(i128::from(d - b'0').saturating_mul(10)),
            1 => ore = ore.saturating_add(i128::from(d - b'0')),
            _ if d != b'0' => return Err(AmountIssue::Fractional),
            _ => {}
        }
    }
    let signed = if negative { -ore } else { ore };
    i64::try_from(signed).map_err(|_| AmountIssue::OutOfRange)
}

// ----------------------------------------------------------------- errors

fn malformed(file: &Arc<str>, line: u64, reason: String) -> BudgetError {
    BudgetError::SieMalformed {
        file: Arc::clone(file),
        line,
        label: "#TRANS".to_owned(),
        reason,
    }
}

fn outside_voucher(file: &Arc<str>, line: u64) -> BudgetError {
    malformed(file, line, "it stands outside a voucher's { }".to_owned())
}

fn amount_error(file: &Arc<str>, line: u64, value: &[u8], issue: AmountIssue) -> BudgetError {
    let (file, column, value) = (Arc::clone(file), "belopp".to_owned(), echo_pc8(value));
    match issue {
        AmountIssue::Malformed => BudgetError::MalformedAmount {
            file,
            line,
            column,
            value,
            source: None,
        },
        AmountIssue::Fractional => BudgetError::FractionalOre {
            file,
            line,
            column,
            value,
        },
        AmountIssue::OutOfRange => BudgetError::AmountOutOfRange {
            file,
            line,
            column,
            value,
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn pc8_decodes_the_known_characters_of_cp437() {
        let known = [
            (0x86, 'å'),
            (0x84, 'ä'),
            (0x94, 'ö'),
            (0x8F, 'Å'),
            (0x8E, 'Ä'),
            (0x99, 'Ö'),
            (0x82, 'é'),
            (0x81, 'ü'),
            (0x9A, 'Ü'),
            (0x90, 'É'),
            (0x87, 'ç'),
            (0xE1, 'ß'),
            (0xFF, '\u{a0}'),
            (b'A', 'A'),
        ];
        for (byte, c) in known {
            assert_eq!(pc8_char(byte), c, "{byte:#x}");
            assert_eq!(encode_pc8(&c.to_string()), Some(vec![byte]));
        }
        assert_eq!(pc8(b"\x8Eldreomsorg G\x94teborg"), "Äldreomsorg Göteborg");
        assert_eq!(encode_pc8("€"), None);
    }

    #[test]
    fn tokens_read_quoted_unquoted_escaped_and_lists() {
        let mut t = Tokens::new(br#" 4010  {1 "1100" 20 "5\"1}0"} -1.50 "" "a \"b\"" x"#);
        let field = |bytes: &'static [u8], quoted| Token::Field { bytes, quoted };
        assert_eq!(t.next_token(), Ok(Some(field(b"4010", false))));
        assert_eq!(
            t.next_token(),
            Ok(Some(Token::List(br#"1 "1100" 20 "5\"1}0""#)))
        );
        assert_eq!(t.next_token(), Ok(Some(field(b"-1.50", false))));
        assert_eq!(t.next_token(), Ok(Some(field(b"", true))));
        assert_eq!(t.next_token(), Ok(Some(field(br#"a \"b\""#, true))));
        assert_eq!(t.next_token(), Ok(Some(field(b"x", false))));
        assert_eq!(t.next_token(), Ok(None));
        let mut out = String::new();
        decode_into(&mut out, br#"a \"b\" c\\d \x"#, true);
        assert_eq!(out, r#"a "b" c\d \x"#);
        assert!(Tokens::new(b"{1 \"1100\"").check_rest().is_err());
        assert!(Tokens::new(b"\"open").check_rest().is_err());
        assert!(Tokens::new(b"{1 {2}}").check_rest().is_err());
        assert!(Tokens::new(b"}").check_rest().is_err());
        assert_eq!(Tokens::new(b"{}").next_token(), Ok(Some(Token::List(b""))));
    }

    #[test]
    fn sie_amounts_are_read_exactly_in_ore() {
        let ore = |s: &[u8]| parse_sie_ore(s).ok();
        assert_eq!(ore(b"1234.56"), Some(123_456));
        assert_eq!(ore(b"-0.05"), Some(-5));
        assert_eq!(ore(b"7"), Some(700));
        assert_eq!(ore(b"7.5"), Some(750));
        assert_eq!(ore(b"7.500"), Some(750));
        assert_eq!(ore(b"-92233720368547758.08"), Some(i64::MIN));
        assert!(matches!(
            parse_sie_ore(b"1.005"),
            Err(AmountIssue::Fractional)
        ));
        assert!(matches!(
            parse_sie_ore(b"92233720368547758.08"),
            Err(AmountIssue::OutOfRange)
        ));
        for bad in [
            &b""[..],
            b"-",
            b".5",
            b"5.",
            b"1,5",
            b"1 000",
            b"1e3",
            b"--1",
        ] {
            assert!(matches!(parse_sie_ore(bad), Err(AmountIssue::Malformed)));
        }
    }

    #[test]
    fn sie_dates_and_periods() {
        assert!(parse_sie_date(b"20240229").is_ok());
        assert!(matches!(
            parse_sie_date(b"20230229"),
            Err(DateIssue::Impossible)
        ));
        assert!(matches!(
            parse_sie_date(b"2023-01-01"),
            Err(DateIssue::Malformed)
        ));
        assert!(matches!(
            parse_sie_date(b"2023010x"),
            Err(DateIssue::Malformed)
        ));
        assert_eq!(parse_period(b"202312").map(|p| p.month()), Some(12));
        assert_eq!(parse_period(b"202313"), None);
        assert_eq!(parse_i32(b"-1"), Some(-1));
    }

    /// Account, objects, amount and date of a `#TRANS`.
    type Tokenized = (Vec<u8>, Vec<(u32, Vec<u8>, bool)>, Vec<u8>, Option<Vec<u8>>);

    /// What the general tokenizer reads from the rest of a `#TRANS` line:
    /// account, objects, amount and unquoted date, or `None` if it finds a
    /// problem or a shape other than the one `simple_trans` reads.
    fn tokenized(rest: &[u8]) -> Option<Tokenized> {
        let mut tokens = Tokens::new(rest);
        let Ok(Some(Token::Field { bytes: account, .. })) = tokens.next_token() else {
            return None;
        };
        let Ok(Some(Token::List(list))) = tokens.next_token() else {
            return None;
        };
        let Ok(Some(Token::Field { bytes: amount, .. })) = tokens.next_token() else {
            return None;
        };
        let date = match tokens.next_token() {
            Ok(Some(Token::Field {
                bytes,
                quoted: false,
            })) => Some(bytes.to_vec()),
            Ok(None) => None,
            _ => return None,
        };
        tokens.check_rest().ok()?;
        let mut objects = Vec::new();
        let mut inner = Tokens::new(list);
        loop {
            let dimension = match inner.next_token() {
                Ok(None) => break,
                Ok(Some(Token::Field { bytes, .. })) => parse_u32(bytes)?,
                _ => return None,
            };
            let Ok(Some(Token::Field { bytes, quoted })) = inner.next_token() else {
                return None;
            };
            objects.push((dimension, bytes.to_vec(), quoted));
        }
        Some((account.to_vec(), objects, amount.to_vec(), date))
    }

    fn pick(options: &[&'static str], i: usize) -> &'static str {
        options.get(i % options.len()).copied().unwrap_or_default()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn simple_trans_reads_what_the_tokenizer_reads(
            choices in proptest::collection::vec(0_usize..64, 12),
            objects in proptest::collection::vec((0_usize..64, 0_usize..64, 0_usize..64), 0..10),
        ) {
            const SEPARATORS: [&str; 5] = ["", " ", "  ", "\t", " \t"];
            const ACCOUNTS: [&str; 6] = ["4010", "1930", "40a", "", "\"4010\"", "{"];
            const DIMENSIONS: [&str; 6] = ["1", "20", "", "1234567890", "x", "123456789"];
            const CODES: [&str; 14] = [
                "\"1100\"", "1100", "\"a b\"", "\"x\\\"y\"", "\"\"", "a\\b", "\"{\"", "é",
                "\"", "11}0", "\"11\"00", "{", "\"x\\\"", "\"\\\\\"",
            ];
            const AMOUNTS: [&str; 7] = ["-1234.50", "0.01", "1,5", "+3", "1.2.3", "\"5\"", ""];
            const DATES: [&str; 5] = ["20230115", "\"20230115\"", "2023-01-15", "", "{}"];
            const TAILS: [&str; 6] = ["", " ", " \"text\"", " x", "}", " {}"];
            let c = |i: usize| choices.get(i).copied().unwrap_or_default();
            let mut rest = String::new();
            rest.push_str(pick(&SEPARATORS, c(0)));
            rest.push_str(pick(&ACCOUNTS, c(1)));
            rest.push_str(pick(&SEPARATORS, c(2)));
            rest.push('{');
            for (d, sep, code) in &objects {
                rest.push_str(pick(&SEPARATORS, *sep));
                rest.push_str(pick(&DIMENSIONS, *d));
                rest.push_str(pick(&SEPARATORS, sep / 5));
                rest.push_str(pick(&CODES, *code));
            }
            rest.push_str(pick(&SEPARATORS, c(3)));
            rest.push('}');
            rest.push_str(pick(&SEPARATORS, c(4)));
            rest.push_str(pick(&AMOUNTS, c(5)));
            if c(6) % 2 == 0 {
                rest.push_str(pick(&SEPARATORS, c(7)));
                rest.push_str(pick(&DATES, c(8)));
            }
            rest.push_str(pick(&TAILS, c(9)));
            let simple = simple_trans(rest.as_bytes()).map(|simple| {
                let objects: Vec<(u32, Vec<u8>, bool)> = simple
                    .objects
                    .get(..simple.count)
                    .unwrap_or_default()
                    .iter()
                    .map(|&(d, code, quoted)| (d, code.to_vec(), quoted))
                    .collect();
                (
                    simple.account.to_vec(),
                    objects,
                    simple.amount.to_vec(),
                    simple.date.map(<[u8]>::to_vec),
                )
            });
            if simple.is_some() {
                proptest::prop_assert_eq!(tokenized(rest.as_bytes()), simple, "{}", rest);
            }
        }
    }

    #[test]
    fn simple_trans_reads_the_usual_line() {
        let rest = br#" 4010 {1 "1100" 20 510}  -1234.50 20230115 "#;
        let simple = simple_trans(rest).ok_or("not simple");
        assert_eq!(
            simple.map(|s| (s.account, s.count, s.amount, s.date)),
            Ok((&b"4010"[..], 2, &b"-1234.50"[..], Some(&b"20230115"[..])))
        );
        assert_eq!(
            simple.map(|s| s.objects[..2].to_vec()),
            Ok(vec![(1, &b"1100"[..], true), (20, &b"510"[..], false)])
        );
        assert!(
            simple_trans(br#" 4010 {} 1.00"#).is_some_and(|s| s.count == 0 && s.date.is_none())
        );
        // Anything else goes to the tokenizer.
        for other in [
            &br#" 4010 {1 "a\"b"} 1.00"#[..],
            br#" 4010 1.00"#,
            br#" 4010 {1 "1100"} 1.00 20230101 "text""#,
            br#" x {} 1"#,
        ] {
            assert_eq!(
                simple_trans(other),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn a_personnummer_as_sie_account_or_object_rejects_the_row_without_echoing_it() {
        let cases = [
            ("konto", "#TRANS 8001011234 {1 \"1100\" 20 \"510\"} 100.00"),
            (
                "ansvar",
                "#TRANS 4010 {1 \"19121212-1212\" 20 \"510\"} 100.00",
            ),
            (
                "verksamhet",
                "#TRANS 4010 {1 \"1100\" 20 \"121212-1212\"} 100.00",
            ),
        ];
        for (column, trans) in cases {
            let sie = format!(
                "#RAR 0 20230101 20231231\n#VER A 1 20230131\n{{\n{trans}\n\
                 #TRANS 4010 {{1 \"1100\" 20 \"510\"}} 10.00\n#TRANS 1930 {{}} -110.00\n}}\n"
            );
            let mut import = SieImporter::new(sie.as_bytes(), SieOptions::new("s.se"));
            let rows: Vec<LedgerRow> = import.by_ref().map(Result::unwrap).collect();
            assert_eq!(rows.len(), 1, "{column}");
            assert_eq!(rows[0].ansvar, "1100");
            let summary = import.into_summary();
            assert_eq!(
                (summary.rows_read(), summary.accepted()),
                (2, 1),
                "{column}"
            );
            let rejected: Vec<&BudgetError> = summary.rejected().iter().collect();
            assert_eq!(rejected.len(), 1, "{column}");
            assert_eq!(
                (
                    rejected[0].reason(),
                    rejected[0].line(),
                    rejected[0].column()
                ),
                ("PersonnummerInKey", Some(4), Some(column))
            );
            let shown: Vec<String> = summary
                .rejected()
                .iter()
                .chain(summary.notices())
                .map(ToString::to_string)
                .collect();
            for message in shown {
                assert!(
                    matches!(
                        namnd_core::redact_identity_numbers(&message),
                        std::borrow::Cow::Borrowed(_)
                    ),
                    "{message}"
                );
            }
        }
    }
}
