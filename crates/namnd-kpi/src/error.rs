//! The one error type of `namnd-kpi`.

use namnd_core::{CoreError, Decimal};

/// Everything that can go wrong in `namnd-kpi`.
///
/// Messages are lowercase, name the value and where it came from (file, line,
/// column; indicator id), and never contain a personal identity number.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_kpi::KpiError;
/// use namnd_kpi::continuity::{ContinuityConfig, VisitColumns, continuity_from_csv};
///
/// let err = KpiError::from(namnd_core::CoreError::InvalidMonth { month: 13 });
/// assert_eq!(err.to_string(), "month 13 is not a month; expected 1 to 12");
///
/// let from = NaiveDate::from_ymd_opt(2026, 10, 5).ok_or(err)?;
/// let config = ContinuityConfig::new(from).with_counted_type("Inköp")?;
/// let result = continuity_from_csv("brukare,fodd\n".as_bytes(), "besok.csv", &VisitColumns::default(), config);
/// assert!(matches!(result, Err(KpiError::VisitLogColumnMissing { .. })));
/// # Ok::<(), KpiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KpiError {
    /// An error from `namnd-core`.
    #[error(transparent)]
    Core(#[from] CoreError),

    // ---------------------------------------------------------------- goal
    // (goal, indicator, target and assessment variants go here)
    /// An id (of an indicator, goal or assignment) is empty.
    #[error("{what} id is empty")]
    EmptyGoalId {
        /// What kind of id: `indicator`, `goal` or `assignment`.
        what: &'static str,
    },

    /// A Kolada id is not a capital letter followed by five digits.
    #[error("kolada id {input:?} is not a capital letter followed by five digits, such as U21401")]
    InvalidKoladaId {
        /// The text read (at most 40 characters).
        input: String,
    },

    /// A "between" target whose lower bound lies above its upper bound.
    #[error(
        "indicator {indicator}: impossible target, between {low} and {high}; the lower bound is above the upper"
    )]
    ImpossibleTarget {
        /// The indicator the target belongs to.
        indicator: String,
        /// The lower bound given.
        low: Decimal,
        /// The upper bound given.
        high: Decimal,
    },

    /// A target text is in none of the known forms.
    #[error("indicator {indicator}: cannot read target {input:?}; {reason}")]
    ParseTarget {
        /// The indicator the target belongs to.
        indicator: String,
        /// The text read (at most 40 characters).
        input: String,
        /// What went wrong.
        reason: &'static str,
    },

    /// The number inside a target text could not be read.
    #[error("indicator {indicator}: cannot read the number in target {input:?}")]
    TargetNumber {
        /// The indicator the target belongs to.
        indicator: String,
        /// The text read (at most 40 characters).
        input: String,
        /// Why the number could not be read (boxed to keep the error small).
        #[source]
        source: Box<CoreError>,
    },

    /// A target's unit does not fit the indicator's unit.
    #[error(
        "indicator {indicator}: target is in {found}, but the indicator is measured in {expected}"
    )]
    TargetUnitMismatch {
        /// The indicator the target belongs to.
        indicator: String,
        /// The unit printed in the target.
        found: &'static str,
        /// The indicator's unit.
        expected: &'static str,
    },

    /// A relative target (*öka*, *minska*, *bibehålla*) without a baseline.
    #[error("indicator {indicator}: target {target} needs a baseline (ingångsvärde)")]
    MissingBaseline {
        /// The indicator the target belongs to.
        indicator: String,
        /// The target form, e.g. `öka`.
        target: &'static str,
    },

    /// A negative tolerance for *bibehålla*.
    #[error("indicator {indicator}: {what} {value} is negative")]
    NegativeTolerance {
        /// The indicator concerned.
        indicator: String,
        /// Which value: `tolerance`.
        what: &'static str,
        /// The value given.
        value: Decimal,
    },

    /// "At least the national level" asked of an indicator that has no better side.
    #[error(
        "indicator {indicator}: target \"minst i nivå med riket\" needs higher or lower is better, not a band"
    )]
    NationalLevelNeedsDirection {
        /// The indicator concerned.
        indicator: String,
    },

    /// *öka* or *minska* on an indicator whose better side is the other way
    /// (or that has no better side), e.g. *öka* on U21401, where fewer staff is better.
    #[error(
        "indicator {indicator}: target \"{word}\" contradicts the indicator's direction ({direction}); use \"förbättra\" or an explicit target"
    )]
    TargetContradictsDirection {
        /// The indicator concerned.
        indicator: String,
        /// The word read: `öka` or `minska`.
        word: &'static str,
        /// The indicator's direction, e.g. `lower is better`.
        direction: &'static str,
    },

    /// An "improve" target (*förbättra*) asked of an indicator that has no better side.
    #[error(
        "indicator {indicator}: target \"förbättra\" needs higher or lower is better, not a band"
    )]
    ImproveNeedsDirection {
        /// The indicator concerned.
        indicator: String,
    },

    /// A milestone measured as something other than 0 (not done) or 1 (done).
    #[error("indicator {indicator}: milestone value {value} is neither 0 (not done) nor 1 (done)")]
    MilestoneValue {
        /// The indicator concerned.
        indicator: String,
        /// The value measured.
        value: Decimal,
    },

    /// A negative partly-met band in an assessment configuration.
    #[error("assessment config: partly-met band {value} is negative")]
    NegativePartlyMetBand {
        /// The band given.
        value: Decimal,
    },

    /// An assessed status that differs from the computed one, without a justification.
    #[error(
        "indicator {indicator}: assessed status {assessed} differs from computed status {computed} but no justification is given"
    )]
    MissingJustification {
        /// The indicator, goal or assignment concerned.
        indicator: String,
        /// The computed status.
        computed: crate::goal::Status,
        /// The assessed status.
        assessed: crate::goal::Status,
    },

    /// A measurement refers to a period after the one it is reported for.
    #[error("a measurement reported for {report} cannot refer to the later period {reference}")]
    ReferenceAfterReport {
        /// The report period.
        report: namnd_core::Period,
        /// The period the value refers to.
        reference: namnd_core::Period,
    },

    /// A printed status word that is on none of the scales.
    #[error(
        "status word {input:?} is not on any scale; expected ja, nej, uppnått, delvis uppnått, ej uppnått, grön, gul or röd"
    )]
    UnknownStatusWord {
        /// The text read (at most 40 characters).
        input: String,
    },

    /// A label set for a scale it does not belong to (e.g. *gul* on the Ja/Nej scale).
    #[error("label \"{label}\" is not on the scale {scale}")]
    LabelNotOnScale {
        /// The label given.
        label: &'static str,
        /// The scale's words, e.g. `ja/nej`.
        scale: &'static str,
    },

    /// A share in a roll-up rule outside 0 to 100 percent.
    #[error("roll-up share {share} is outside 0 to 100 percent")]
    InvalidRollUpShare {
        /// The share given, in percent.
        share: Decimal,
    },

    /// A printed outcome cell (*utfall*, *bokslutsvärde*) in none of the known forms.
    #[error("indicator {indicator}: cannot read outcome {input:?}; {reason}")]
    ParseOutcome {
        /// The indicator the outcome belongs to.
        indicator: String,
        /// The text read (redacted, at most 40 characters).
        input: String,
        /// What went wrong.
        reason: &'static str,
    },

    /// The number inside a printed outcome cell could not be read.
    #[error("indicator {indicator}: cannot read the number in outcome {input:?}")]
    OutcomeNumber {
        /// The indicator the outcome belongs to.
        indicator: String,
        /// The text read (redacted, at most 40 characters).
        input: String,
        /// Why the number could not be read (boxed to keep the error small).
        #[source]
        source: Box<CoreError>,
    },

    /// A printed outcome's unit does not fit the indicator's unit.
    #[error(
        "indicator {indicator}: outcome {input:?} is in {found}, but the indicator is measured in {expected}"
    )]
    OutcomeUnitMismatch {
        /// The indicator the outcome belongs to.
        indicator: String,
        /// The text read (redacted, at most 40 characters).
        input: String,
        /// The unit printed in the outcome.
        found: &'static str,
        /// The indicator's unit.
        expected: &'static str,
    },

    /// A footnote marker that is not one to three asterisks.
    #[error("footnote marker {input:?} is not one to three asterisks (*, ** or ***)")]
    InvalidFootnoteMarker {
        /// The marker given (redacted, at most 40 characters).
        input: String,
    },

    // ---------------------------------------------------------- continuity
    // (visit log and continuity variants go here)
    /// The header of a visit log lacks a required column.
    #[error("visit log {file} has no column \"{column}\" in its header")]
    VisitLogColumnMissing {
        /// The file (or other source name) read.
        file: String,
        /// The column name looked for.
        column: String,
    },

    /// A visit log could not be read: an I/O error, or a header that is not
    /// UTF-8 (a bad data row is only rejected, see
    /// [`ImportSummary`](crate::continuity::ImportSummary)).
    #[error("visit log could not be read at {location}: {message}")]
    VisitLogCsv {
        /// Where: file and line.
        location: String,
        /// What the CSV reader reported (personnummer-like digits masked).
        message: String,
    },

    /// A field of a visit row is empty or not in the expected form.
    #[error("invalid {column}{} at {location}; expected {expected}", quoted(.value.as_deref()))]
    InvalidVisitField {
        /// Where: file, line and column.
        location: String,
        /// The column name.
        column: String,
        /// The value read (personnummer-like digits masked, at most 40
        /// characters); `None` for the birth-date column, whose value is
        /// personal data and never repeated, and for a value that is not UTF-8.
        value: Option<String>,
        /// The expected form, e.g. `YYYY-MM-DDTHH:MM`.
        expected: &'static str,
    },

    /// A visit ends before it starts.
    #[error(
        "{location} ends at {} before it starts at {}",
        .end.format("%Y-%m-%dT%H:%M"),
        .start.format("%Y-%m-%dT%H:%M")
    )]
    VisitEndsBeforeStart {
        /// Which visit: `visit N` (N counting the visits added from 1) or
        /// `visit at FILE line L`.
        location: String,
        /// The start read.
        start: chrono::NaiveDateTime,
        /// The end read.
        end: chrono::NaiveDateTime,
    },

    /// A visit-log row with another number of fields than the header.
    #[error("visit log row at {location} has {found} fields; the header has {expected}")]
    VisitRowFieldCount {
        /// Where: file and line.
        location: String,
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },

    /// A visit type of the national definition's exclusions asked to be counted.
    #[error(
        "visit type \"{visit_type}\" is excluded by the national definition and cannot be counted"
    )]
    NationalExclusionNotCountable {
        /// The type given (lowercased, trimmed).
        visit_type: String,
    },

    /// A continuity sum or mean does not fit in a decimal.
    #[error("staff continuity {what} overflowed")]
    ContinuityOverflow {
        /// Which quantity overflowed.
        what: &'static str,
    },

    // --------------------------------------------------------------- staff
    /// A number of hours (or persons) that cannot be negative was negative.
    #[error("{what} is {value}; it cannot be negative")]
    NegativeStaffValue {
        /// What the value is, with its place (e.g. "substitute hours for 2022-03").
        what: String,
        /// The value.
        value: Decimal,
    },

    /// A part (sick hours, client-facing hours) is larger than its whole.
    #[error("{part_name} {part} exceed {whole_name} {whole}")]
    PartExceedsWhole {
        /// What the part is.
        part_name: &'static str,
        /// The part.
        part: Decimal,
        /// What the whole is.
        whole_name: &'static str,
        /// The whole.
        whole: Decimal,
    },

    /// Adding up staff figures left the decimal range.
    #[error("{what}: adding {value} overflowed")]
    StaffOverflow {
        /// What was being added up.
        what: String,
        /// The value that did not fit.
        value: Decimal,
    },

    /// A headcount (persons) that is not a whole number.
    #[error("{label} {which} {value} is not a whole number of persons")]
    FractionalHeadcount {
        /// What the figures are (e.g. "anställda 2021").
        label: String,
        /// Which figure: `women`, `men` or `total`.
        which: &'static str,
        /// The value read.
        value: Decimal,
    },

    /// More FTE (*årsarbetare*) than persons employed.
    #[error("{fte_label} {which} {fte} exceed {headcount_label} {which} {headcount}")]
    FteExceedsHeadcount {
        /// What the FTE figures are (e.g. "årsarbetare 2021").
        fte_label: String,
        /// What the headcount figures are (e.g. "anställda 2021").
        headcount_label: String,
        /// Which figure: `women`, `men` or `total`.
        which: &'static str,
        /// The FTE.
        fte: Decimal,
        /// The headcount.
        headcount: Decimal,
    },

    /// Women plus men does not equal the stated total.
    #[error("{label}: women {women} + men {men} = {parts}, but the stated total is {stated}")]
    GenderSumMismatch {
        /// What the figures are (e.g. "årsarbetare 2021").
        label: String,
        /// Women.
        women: Decimal,
        /// Men.
        men: Decimal,
        /// Women + men.
        parts: Decimal,
        /// The stated total.
        stated: Decimal,
    },

    /// A sick-leave summary (read from JSON) whose parts do not fit its total:
    /// the units must add up to it, genders and age groups must not exceed it.
    #[error("sick-leave summary: {what} {parts} do not fit the total {total}")]
    SickLeaveSummaryMismatch {
        /// Which parts and which hours, e.g. "units' scheduled hours".
        what: &'static str,
        /// The parts' sum.
        parts: Decimal,
        /// The total's hours.
        total: Decimal,
    },

    // -------------------------------------------------------------- kolada
    /// A saved Kolada response could not be read.
    #[error("cannot read kolada file {file}: {reason}")]
    KoladaRead {
        /// The file.
        file: String,
        /// Why (the I/O error's text).
        reason: String,
    },

    /// A saved Kolada response is not valid JSON or not the expected shape.
    #[error("kolada file {file} line {line} column {column}: {reason}")]
    KoladaJson {
        /// The file (or source name).
        file: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong, without the position.
        reason: String,
    },

    /// A Kolada value is not a JSON number, or one that a `Decimal` cannot hold exactly.
    #[error("kolada file {file}: value {text} of {at} is not a decimal number")]
    KoladaNumber {
        /// The file (or URL).
        file: String,
        /// The value's JSON text as written (at most 40 characters).
        text: String,
        /// Where: KPI id, municipality, period and gender (e.g. "U21401 for
        /// municipality 0481 period 2021 gender T").
        at: String,
    },

    /// A Kolada value has a gender code other than T, K or M.
    #[error("kolada file {file}: gender \"{code}\" of {at} is unknown; expected T, K or M")]
    KoladaGender {
        /// The file.
        file: String,
        /// The code found.
        code: String,
        /// Where: KPI id, municipality and period (e.g. "U21401 for municipality 0481 period 2021").
        at: String,
    },

    /// The same KPI, municipality, period and gender twice in one `data` response.
    #[error("kolada file {file}: {at} appears twice, in entries {first} and {second}")]
    KoladaDuplicate {
        /// The file.
        file: String,
        /// What is repeated: KPI id, municipality, period and gender (e.g.
        /// "U21401 for municipality 0481 period 2021 gender T").
        at: String,
        /// 1-based position of the first entry in the response's `values`.
        first: usize,
        /// 1-based position of the repeating entry.
        second: usize,
    },

    /// A group comparison's sum, mean or median left the decimal range.
    #[error(
        "kolada {kpi}: the group {what} for municipality {municipality} period {period} ({gender}) overflowed"
    )]
    KoladaOverflow {
        /// Kolada KPI id.
        kpi: String,
        /// The municipality compared.
        municipality: String,
        /// Period (year).
        period: i32,
        /// Gender code (T, K or M).
        gender: char,
        /// Which quantity: `sum`, `mean` or `median`.
        what: &'static str,
    },

    /// The municipality being compared has no value.
    #[error("kolada {kpi} has no value for municipality {municipality} period {period} ({gender})")]
    KoladaMissingValue {
        /// Kolada KPI id.
        kpi: String,
        /// Municipality id.
        municipality: String,
        /// Period (year).
        period: i32,
        /// Gender code (T, K or M).
        gender: char,
    },

    /// A group ranking asked for with a direction that has no better side.
    #[error(
        "kolada {kpi}: cannot rank municipalities within a band; ranking needs higher or lower is better"
    )]
    KoladaRankNeedsDirection {
        /// Kolada KPI id.
        kpi: String,
    },

    /// A deserialised comparison whose rank is not between 1 and the number ranked.
    #[error(
        "kolada comparison: rank {rank} is not between 1 and the {ranked} municipalities ranked"
    )]
    KoladaInvalidComparison {
        /// The rank read.
        rank: usize,
        /// The number ranked read.
        ranked: usize,
    },

    /// A municipality id for a Kolada request that is not letters and digits.
    #[error(
        "kolada municipality id {input:?} is not letters and digits only, such as 0481 or G33827"
    )]
    KoladaMunicipalityId {
        /// The text given (at most 40 characters).
        input: String,
    },

    /// A Kolada client base URL that is not an http or https URL with a host.
    #[error("kolada base url {input:?} is not an http:// or https:// url with a host")]
    KoladaBaseUrl {
        /// The text given (at most 80 characters).
        input: String,
    },

    /// A Kolada HTTP request failed before an answer arrived (or while reading it).
    #[error("kolada request to {url} failed: {reason}")]
    KoladaHttp {
        /// The URL requested.
        url: String,
        /// What the HTTP client reported.
        reason: String,
    },

    /// The Kolada API answered with an HTTP status other than 2xx.
    #[error("kolada request to {url} answered http status {status}")]
    KoladaHttpStatus {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },

    /// Following `next_page` links did not end.
    #[error("kolada paging stopped at {url}: {reason}")]
    KoladaPaging {
        /// The page URL at which paging stopped.
        url: String,
        /// Why, e.g. "next_page leads back to a page already read".
        reason: &'static str,
    },
}

/// ` "value"` for a value shown in a message, nothing for one withheld.
fn quoted(value: Option<&str>) -> String {
    value.map_or_else(String::new, |v| format!(" \"{v}\""))
}

/// Short name for [`KpiError`], so callers can write `namnd_kpi::Error`.
pub use KpiError as Error;

/// `Result` with [`KpiError`] as the error type.
///
/// # Example
/// ```
/// fn zero() -> namnd_kpi::Result<u8> { Ok(0) }
/// assert_eq!(zero()?, 0);
/// # Ok::<(), namnd_kpi::KpiError>(())
/// ```
pub type Result<T, E = KpiError> = core::result::Result<T, E>;
