//! Legal references as data, with the dates they are valid.
//!
//! A committee report cites the law behind each duty: *"rapporteras enligt
//! 16 kap. 6 f § socialtjänstlagen"*. Those numbers change. The old
//! Socialtjänstlag (SFS 2001:453) was replaced on **1 July 2025** by a new
//! Socialtjänstlag (SFS 2025:400) with different chapters and sections, so
//! the same report for June and for July 2025 must cite different
//! provisions. This module keeps every reference as data with a validity
//! period and a [`Verification`] status, and answers *"which reference
//! applies on date D?"* through [`DutyTable::reference`].
//!
//! ```
//! use chrono::NaiveDate;
//! use namnd_core::law::{Duty, DutyTable, Law};
//!
//! let table = DutyTable::standard();
//! let june = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
//! let july = june.succ_opt().ok_or("date")?;
//!
//! let old = table.reference(Duty::LexSarahStaffReport, Law::SoL, june)?;
//! let new = table.reference(Duty::LexSarahStaffReport, Law::SoL, july)?;
//! assert_eq!(old.cite_short(), "14 kap. 3 § SoL");
//! assert_eq!(new.cite_short(), "27 kap. 2 § SoL");
//! let first = new.refs().first().ok_or("reference")?;
//! assert_eq!(first.to_string(), "27 kap. 2 § socialtjänstlagen (2025:400)");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The types:
//! - [`Law`]: an act by name (SoL, LSS, HSL, PSL, KL, OSL, LUS), with its
//!   versions ([`Statute`]) and their validity.
//! - [`Sfs`]: an SFS number such as `2001:453`.
//! - [`LegalRef`]: chapter, section, letter and optional range end in one
//!   statute, with a [`Verification`]; prints and parses the Swedish form
//!   `16 kap. 6 f § socialtjänstlagen (2001:453)`.
//! - [`Duty`], [`DutyEntry`], [`DutyTable`]: which references apply to which
//!   duty under which act, and when. [`DutyTable::new`] accepts a
//!   municipality's own data.
//! - [`SpecialFeeLimits`]: the minimum and maximum *särskild avgift*, which
//!   changes on 1 January 2026.
//!
//! # The reference table
//!
//! Status **V** = verified: the statute text was read in the source named
//! ([`Verification::Verified`]); **C** = cited: a public source quotes the
//! provision (a JO or HFD decision, an authority's report, a municipal
//! guideline, a legal article), but the statute text itself was not read
//! ([`Verification::Cited`]); **U** = unverified candidate (kept as an
//! [`Verification::Unverified`] reference with a note; never presented as
//! verified). Dates are the validity of the entry in
//! [`DutyTable::standard`]; "≈" marks an approximate start date.
//!
//! | Duty | Act | Reference | Valid | Status | Source |
//! |---|---|---|---|---|---|
//! | ej verkställda beslut, report to IVO and auditors | SoL | 16 kap. 6 f § SoL (2001:453) | 2006-07-01 – 2025-06-30 | C | \[7\]; start: IVO report 2014 |
//! | ej verkställda beslut, report to IVO and auditors | SoL | 34 kap. 1 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | ej verkställda beslut, report to IVO and auditors | LSS | 28 f § LSS | 2008-07-01 – | V | \[2\] |
//! | report of later execution | SoL | 16 kap. 6 g § SoL (2001:453) | ≈2006-07-01 – 2025-06-30 | U | — |
//! | report of later execution | SoL | 34 kap. 2 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | report of later execution | LSS | 28 g § LSS | 2008-07-01 – | V | \[2\] |
//! | statistics to KF | SoL | 16 kap. 6 h § SoL (2001:453) | ≈2006-07-01 – 2025-06-30 | U | — |
//! | statistics to KF | SoL | 34 kap. 3 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | statistics to KF | LSS | 28 h § LSS | 2008-07-01 – | V | \[2\] |
//! | särskild avgift | SoL | 16 kap. 6 a §, 16 kap. 6 b § SoL (2001:453) | ≈2002-07-01 – 2025-06-30 | V | \[5\] |
//! | särskild avgift | SoL | 34 kap. 5 §, 34 kap. 7 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | särskild avgift | LSS | 28 a §, 28 b § LSS | 2002-07-01 – | V | \[2\] |
//! | lex Sarah, staff report | SoL | 14 kap. 3 § SoL (2001:453) | ≈2011-07-01 – 2025-06-30 | C | \[8\] |
//! | lex Sarah, staff report | SoL | 27 kap. 2 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | lex Sarah, staff report | LSS | 24 b § LSS | 2011-07-01 – | V | \[2\] |
//! | lex Sarah, investigate and remedy | SoL | 14 kap. 6 § SoL (2001:453) | ≈2011-07-01 – 2025-06-30 | U | — |
//! | lex Sarah, investigate and remedy | SoL | 27 kap. 5 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | lex Sarah, investigate and remedy | LSS | 24 e § LSS | 2011-07-01 – | V | \[2\] |
//! | lex Sarah, report to IVO | SoL | 14 kap. 7 § SoL (2001:453) | ≈2011-07-01 – 2025-06-30 | U | — |
//! | lex Sarah, report to IVO | SoL | 27 kap. 6 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | lex Sarah, report to IVO | LSS | 24 f § LSS | 2011-07-01 – | V | \[2\] |
//! | förhandsbedömning, 14 days | SoL | 11 kap. 1 a § SoL (2001:453) | ≈2013-01-01 – 2025-06-30 | C | \[9\] |
//! | förhandsbedömning, 14 days | SoL | 20 kap. 2 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | child investigation, 4 months | SoL | 11 kap. 2 § SoL (2001:453) | ≈2002-01-01 – 2025-06-30 | C | \[10\] |
//! | child investigation, 4 months | SoL | 20 kap. 3 § SoL (2025:400) | 2025-07-01 – | V | \[1\] |
//! | lex Maria, investigation | PSL | 3 kap. 3 § PSL | 2011-01-01 – | V | \[3\] (3 kap. 5 § refers to it) |
//! | lex Maria, report to IVO | PSL | 3 kap. 5 § PSL | 2011-01-01 – | V | \[3\] |
//! | patientsäkerhetsberättelse, 1 March | PSL | 3 kap. 10 § PSL | 2011-01-01 – | V | \[3\] |
//! | intern kontroll | KL | 6 kap. 6 § KL (2017:725) | ≈2018-01-01 – | U | — |
//! | socialtjänstsekretess | OSL | 26 kap. 1 § OSL | 2009-06-30 – | C | \[11\] |
//! | hälso- och sjukvårdssekretess | OSL | 25 kap. 1 § OSL | 2009-06-30 – | C | \[12\] |
//!
//! Särskild avgift limits ([`SpecialFeeLimits`]), by the date of the
//! decision on the service (the transitional provisions of SFS 2025:1298
//! and 2025:1299 keep the old limits for decisions taken before 2026):
//!
//! | Act | Reference | Decisions taken | Min | Max | Status |
//! |---|---|---|---|---|---|
//! | SoL | 16 kap. 6 b § (2001:453) | ≈2002-07-01 – 2025-06-30 | 10 000 kr | 1 000 000 kr | V \[5\] |
//! | SoL | 34 kap. 7 § (2025:400) | 2025-07-01 – 2025-12-31 | 10 000 kr | 1 000 000 kr | V \[1\] |
//! | SoL | 34 kap. 7 § (2025:400, as amended by 2025:1299) | 2026-01-01 – | 15 000 kr | 1 500 000 kr | V \[1\] |
//! | LSS | 28 b § | 2002-07-01 – 2025-12-31 | 10 000 kr | 1 000 000 kr | V \[2\] |
//! | LSS | 28 b § (as amended by 2025:1298) | 2026-01-01 – | 15 000 kr | 1 500 000 kr | V \[2\] |
//!
//! The acts ([`Law::statutes`]):
//!
//! | Act | SFS | In force | Dates |
//! |---|---|---|---|
//! | SoL | 2001:453 | 2002-01-01 – 2025-06-30 | verified (\[1\] transitional provisions; rkrattsbaser "Ikraft: 2002-01-01") |
//! | SoL | 2025:400 | 2025-07-01 – | verified \[1\] |
//! | LSS | 1993:387 | 1994-01-01 – | verified \[2\] |
//! | HSL | 2017:30 | 2017-04-01 – | verified \[4\] |
//! | PSL | 2010:659 | 2011-01-01 – | verified \[3\] |
//! | KL | 2017:725 | 2018-01-01 – | approximate |
//! | OSL | 2009:400 | 2009-06-30 – | verified \[6\] |
//! | LUS | 2017:612 | 2018-01-01 – | verified by earlier research (source not recorded) |
//!
//! Sources: \[1\] `se-lex/sfs-processor`, `data/md-markers/2025/sfs-2025-400-markers.md`
//! (SFS 2025:400 with amendments to 2025:1501); \[2\] same repository,
//! `data/md-markers/1993/sfs-1993-387-markers.md`; \[3\] `…/2010/sfs-2010-659-markers.md`;
//! \[4\] `…/2017/sfs-2017-30-markers.md`; \[5\] SFS 2002:437, the act that
//! inserted 16 kap. 6 a–6 d §§ in SFS 2001:453, at
//! <https://open.karnovgroup.se/ovriga/SFS2002-0437>; \[6\] `…/2009/sfs-2009-400-markers.md`;
//! \[7\] JO decision dnr 2299-2017 (<https://lagen.nu/avg/jo/2299-2017>):
//! "skyldigheten enligt 16 kap. 6 f § socialtjänstlagen att rapportera till
//! Inspektionen för vård och omsorg"; \[8\] JP Infonet, article "Lex Sarah":
//! "Rapporteringsskyldigheten … finns i 14 kap. 3 § socialtjänstlagen, SoL,
//! och 24 b § LSS"; \[9\] a municipal guideline (published on 5dok.org):
//! "Enligt 11 kap. 1 a § SoL ska beslut att inleda eller inte inleda utredning
//! fattas inom 14 dagar"; \[10\] Länsstyrelsen i Jönköpings län, report
//! (2003): "återfinns idag i 11 kapitlet 2 § socialtjänstlagen … 'vara
//! slutförd senast inom fyra månader'", and a JO inspection of Gävle (2015);
//! \[11\] Söderköping kommun, quoting "26 kap 1 § OSL" (also Lawline);
//! \[12\] HFD 2011 not 104 (lagen.nu): "Av 25 kap. 1 § offentlighets- och
//! sekretesslagen (2009:400) … sekretess gäller inom hälso- och
//! sjukvården". `docs/legal-references.md` in the repository has the same
//! tables.
//!
//! # What is not verified
//!
//! Of the old Socialtjänstlag (2001:453), 16 kap. 6 g § (report of later
//! execution) and 6 h § (statistics to the council), and 14 kap. 6 § and
//! 7 § (lex Sarah investigation and report to IVO) are candidates: they fit
//! the structure of the law and the LSS counterparts, but their text was not
//! read. The section number for internal control in the Kommunallag
//! (2017:725), 6 kap. 6 §, is a candidate too (the old Kommunallag 1991:900
//! had the duty in 6 kap. 7 §), and so is that act's start date. The start
//! dates marked "≈" are approximate. [`DutyTable::unverified`] lists the
//! entries that need checking before they are presented as the law, and
//! [`DutyTable::cited`] those that rest on a source quoting the provision
//! rather than on the statute text (status C).

use core::fmt;
use core::str::FromStr;
use std::borrow::Cow;

use chrono::NaiveDate;

use crate::{Amount, CoreError, Result};

// ------------------------------------------------------------------ dates

/// A date known at compile time. Every call site passes a valid date;
/// the fallback can only be reached by a typo, which a unit test catches.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

/// The day the new Socialtjänstlag (SFS 2025:400) came into force, 2025-07-01.
///
/// The old Socialtjänstlag (SFS 2001:453) applies up to and including the day
/// before.
///
/// # Example
/// ```
/// use namnd_core::law::{Law, Sfs, NEW_SOL_IN_FORCE};
///
/// let statute = Law::SoL.statute_on(NEW_SOL_IN_FORCE).ok_or("no statute in force")?;
/// assert_eq!(statute.sfs(), Sfs::new(2025, 400));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const NEW_SOL_IN_FORCE: NaiveDate = ymd(2025, 7, 1);

/// Last day of the old Socialtjänstlag (SFS 2001:453).
const OLD_SOL_LAST_DAY: NaiveDate = ymd(2025, 6, 30);

/// First decision date for which the raised *särskild avgift* limits apply
/// (SFS 2025:1298 for LSS, SFS 2025:1299 for SoL), 2026-01-01.
///
/// # Example
/// ```
/// use namnd_core::Amount;
/// use namnd_core::law::{Law, SpecialFeeLimits, SPECIAL_FEE_RAISED_FROM};
///
/// let limits = SpecialFeeLimits::for_decision(Law::Lss, SPECIAL_FEE_RAISED_FROM)?;
/// assert_eq!(limits.min(), Amount::from_kr(15_000));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
pub const SPECIAL_FEE_RAISED_FROM: NaiveDate = ymd(2026, 1, 1);

/// Last decision date for which the original *särskild avgift* limits apply.
const SPECIAL_FEE_OLD_LAST_DAY: NaiveDate = ymd(2025, 12, 31);

/// Whether `date` lies in the inclusive period `from..=to`, where `None`
/// means open-ended.
fn within(from: Option<NaiveDate>, to: Option<NaiveDate>, date: NaiveDate) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

/// Whether two inclusive, possibly open-ended periods share a day.
fn overlaps(
    a: (Option<NaiveDate>, Option<NaiveDate>),
    b: (Option<NaiveDate>, Option<NaiveDate>),
) -> bool {
    let a_starts_before_b_ends = match (a.0, b.1) {
        (Some(start), Some(end)) => start <= end,
        _ => true,
    };
    let b_starts_before_a_ends = match (b.0, a.1) {
        (Some(start), Some(end)) => start <= end,
        _ => true,
    };
    a_starts_before_b_ends && b_starts_before_a_ends
}

fn period_text(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let from = from.map_or_else(|| "…".to_owned(), |d| d.to_string());
    let to = to.map_or_else(|| "…".to_owned(), |d| d.to_string());
    format!("{from} – {to}")
}

/// An optional date as a `time::Date`.
#[cfg(feature = "time")]
fn option_to_time(date: Option<NaiveDate>) -> Result<Option<time::Date>> {
    date.map(crate::date_to_time).transpose()
}

// -------------------------------------------------------------------- Law

/// An act (*lag*) by name, independent of its version.
///
/// Each act has one or more versions ([`Statute`]), each with its own SFS
/// number and validity. Parsing accepts the short names, in any case.
///
/// # Example
/// ```
/// use namnd_core::law::Law;
///
/// let law: Law = "lss".parse()?;
/// assert_eq!(law, Law::Lss);
/// assert_eq!(law.short_name(), "LSS");
/// assert_eq!(law.title(), "Lag om stöd och service till vissa funktionshindrade");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Law {
    /// Socialtjänstlagen (Social Services Act): SFS 2001:453 until
    /// 2025-06-30, SFS 2025:400 from 2025-07-01.
    #[cfg_attr(feature = "serde", serde(rename = "SoL"))]
    SoL,
    /// Lagen om stöd och service till vissa funktionshindrade (LSS), SFS 1993:387.
    #[cfg_attr(feature = "serde", serde(rename = "LSS"))]
    Lss,
    /// Hälso- och sjukvårdslagen (HSL), SFS 2017:30.
    #[cfg_attr(feature = "serde", serde(rename = "HSL"))]
    Hsl,
    /// Patientsäkerhetslagen (PSL), SFS 2010:659.
    #[cfg_attr(feature = "serde", serde(rename = "PSL"))]
    Psl,
    /// Kommunallagen (KL), SFS 2017:725.
    #[cfg_attr(feature = "serde", serde(rename = "KL"))]
    Kl,
    /// Offentlighets- och sekretesslagen (OSL), SFS 2009:400.
    #[cfg_attr(feature = "serde", serde(rename = "OSL"))]
    Osl,
    /// Lagen om samverkan vid utskrivning från sluten hälso- och sjukvård
    /// (LUS), SFS 2017:612.
    #[cfg_attr(feature = "serde", serde(rename = "LUS"))]
    Lus,
}

impl Law {
    /// Every act in the table, in this order.
    ///
    /// A slice, so that adding an act (the enum is `#[non_exhaustive]`) does
    /// not change its type.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// assert_eq!(Law::ALL.len(), 7);
    /// assert!(Law::ALL.iter().all(|law| !law.statutes().is_empty()));
    /// ```
    pub const ALL: &'static [Law] = &[
        Law::SoL,
        Law::Lss,
        Law::Hsl,
        Law::Psl,
        Law::Kl,
        Law::Osl,
        Law::Lus,
    ];

    /// The short name used in committee documents: `SoL`, `LSS`, `HSL`,
    /// `PSL`, `KL`, `OSL`, `LUS`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// assert_eq!(Law::SoL.short_name(), "SoL");
    /// assert_eq!(Law::Osl.to_string(), "OSL");
    /// ```
    pub const fn short_name(self) -> &'static str {
        match self {
            Law::SoL => "SoL",
            Law::Lss => "LSS",
            Law::Hsl => "HSL",
            Law::Psl => "PSL",
            Law::Kl => "KL",
            Law::Osl => "OSL",
            Law::Lus => "LUS",
        }
    }

    /// The Swedish title, as in the Svensk författningssamling.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// assert_eq!(Law::SoL.title(), "Socialtjänstlag");
    /// assert_eq!(Law::Psl.title(), "Patientsäkerhetslag");
    /// ```
    pub const fn title(self) -> &'static str {
        match self {
            Law::SoL => "Socialtjänstlag",
            Law::Lss => "Lag om stöd och service till vissa funktionshindrade",
            Law::Hsl => "Hälso- och sjukvårdslag",
            Law::Psl => "Patientsäkerhetslag",
            Law::Kl => "Kommunallag",
            Law::Osl => "Offentlighets- och sekretesslag",
            Law::Lus => "Lag om samverkan vid utskrivning från sluten hälso- och sjukvård",
        }
    }

    /// The usual English name.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// assert_eq!(Law::SoL.english_name(), "Social Services Act");
    /// assert_eq!(Law::Kl.english_name(), "Local Government Act");
    /// ```
    pub const fn english_name(self) -> &'static str {
        match self {
            Law::SoL => "Social Services Act",
            Law::Lss => {
                "Act concerning Support and Service for Persons with Certain Functional Impairments"
            }
            Law::Hsl => "Health and Medical Services Act",
            Law::Psl => "Patient Safety Act",
            Law::Kl => "Local Government Act",
            Law::Osl => "Public Access to Information and Secrecy Act",
            Law::Lus => "Act on Cooperation in Discharge from Inpatient Health Care",
        }
    }

    /// The two parts of the citation form around the SFS number:
    /// `socialtjänstlagen (2001:453)` or `lagen (1993:387) om stöd …`.
    const fn citation_parts(self) -> (&'static str, &'static str) {
        match self {
            Law::SoL => ("socialtjänstlagen", ""),
            Law::Lss => ("lagen", " om stöd och service till vissa funktionshindrade"),
            Law::Hsl => ("hälso- och sjukvårdslagen", ""),
            Law::Psl => ("patientsäkerhetslagen", ""),
            Law::Kl => ("kommunallagen", ""),
            Law::Osl => ("offentlighets- och sekretesslagen", ""),
            Law::Lus => (
                "lagen",
                " om samverkan vid utskrivning från sluten hälso- och sjukvård",
            ),
        }
    }

    /// The definite Swedish name used in running text, without SFS number:
    /// `socialtjänstlagen`, `lagen om stöd och service till vissa funktionshindrade`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Law;
    /// assert_eq!(Law::Osl.definite_name(), "offentlighets- och sekretesslagen");
    /// assert_eq!(Law::Lss.definite_name(), "lagen om stöd och service till vissa funktionshindrade");
    /// ```
    pub fn definite_name(self) -> String {
        let (head, tail) = self.citation_parts();
        format!("{head}{tail}")
    }

    /// The versions of this act in the table, oldest first.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, Sfs};
    /// let sfs: Vec<Sfs> = Law::SoL.statutes().iter().map(|s| s.sfs()).collect();
    /// assert_eq!(sfs, [Sfs::new(2001, 453), Sfs::new(2025, 400)]);
    /// ```
    pub fn statutes(self) -> &'static [Statute] {
        match self {
            Law::SoL => &SOL_STATUTES,
            Law::Lss => &LSS_STATUTES,
            Law::Hsl => &HSL_STATUTES,
            Law::Psl => &PSL_STATUTES,
            Law::Kl => &KL_STATUTES,
            Law::Osl => &OSL_STATUTES,
            Law::Lus => &LUS_STATUTES,
        }
    }

    /// The version of this act in force on `date`, if any.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Law, Sfs};
    ///
    /// let date = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
    /// assert_eq!(Law::SoL.statute_on(date).map(|s| s.sfs()), Some(Sfs::new(2001, 453)));
    /// let before_hsl = NaiveDate::from_ymd_opt(2017, 3, 31).ok_or("date")?;
    /// assert_eq!(Law::Hsl.statute_on(before_hsl), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statute_on(self, date: NaiveDate) -> Option<Statute> {
        self.statutes()
            .iter()
            .copied()
            .find(|statute| statute.in_force_on(date))
    }

    /// [`Law::statute_on`] for a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `chrono`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, Sfs};
    /// let date = time::Date::from_calendar_date(2025, time::Month::July, 1)?;
    /// assert_eq!(Law::SoL.statute_on_time(date)?.map(|s| s.sfs()), Some(Sfs::new(2025, 400)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn statute_on_time(self, date: time::Date) -> Result<Option<Statute>> {
        Ok(self.statute_on(crate::date_from_time(date)?))
    }
}

impl fmt::Display for Law {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short_name())
    }
}

impl FromStr for Law {
    type Err = CoreError;

    /// Reads a short name (`SoL`, `LSS`, …) in any case, ignoring
    /// surrounding blanks.
    fn from_str(s: &str) -> Result<Law> {
        let wanted = s.trim();
        Law::ALL
            .iter()
            .copied()
            .find(|law| law.short_name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| CoreError::UnknownLaw {
                input: crate::error::echo(s),
            })
    }
}

// -------------------------------------------------------------------- Sfs

/// An SFS number (*nummer i Svensk författningssamling*): year and running
/// number, written `2001:453`.
///
/// Parsing accepts `2001:453` and `SFS 2001:453`. Parse errors are
/// [`CoreError::ParseLegalRef`] with a 1-based byte position.
///
/// With the `serde` feature it is written as the string `"2001:453"`.
///
/// # Example
/// ```
/// use namnd_core::law::Sfs;
///
/// let sfs: Sfs = "SFS 2001:453".parse()?;
/// assert_eq!((sfs.year(), sfs.number()), (2001, 453));
/// assert_eq!(sfs.to_string(), "2001:453");
/// assert_eq!("2025:400".parse::<Sfs>()?, Sfs::new(2025, 400));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct Sfs {
    year: u16,
    number: u32,
}

impl Sfs {
    /// The SFS number `year:number`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Sfs;
    /// assert_eq!(Sfs::new(1993, 387).to_string(), "1993:387");
    /// ```
    pub const fn new(year: u16, number: u32) -> Sfs {
        Sfs { year, number }
    }

    /// The year of publication.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Sfs;
    /// assert_eq!(Sfs::new(2010, 659).year(), 2010);
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The running number within the year.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Sfs;
    /// assert_eq!(Sfs::new(2010, 659).number(), 659);
    /// ```
    pub const fn number(self) -> u32 {
        self.number
    }
}

impl fmt::Display for Sfs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.year, self.number)
    }
}

impl FromStr for Sfs {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Sfs> {
        let mut cursor = Cursor::new(s);
        cursor.skip_blanks();
        if cursor.eat_ascii_ci("SFS") {
            cursor.skip_blanks();
        }
        let year_start = cursor.pos;
        let year_digits = cursor.digits();
        if year_digits.len() != 4 {
            return Err(cursor.error_at(year_start, "a four-digit year"));
        }
        let year = year_digits
            .parse::<u16>()
            .map_err(|_| cursor.error_at(year_start, "a four-digit year"))?;
        if !cursor.eat(":") {
            return Err(cursor.error("\":\" after the year"));
        }
        let number_start = cursor.pos;
        let number_digits = cursor.digits();
        if number_digits.is_empty() {
            return Err(cursor.error("the running number after \":\""));
        }
        let number = number_digits
            .parse::<u32>()
            .map_err(|_| cursor.error_at(number_start, "a running number up to 4294967295"))?;
        cursor.skip_blanks();
        if !cursor.at_end() {
            return Err(cursor.error("the end of the SFS number"));
        }
        Ok(Sfs { year, number })
    }
}

impl From<Sfs> for String {
    fn from(sfs: Sfs) -> String {
        sfs.to_string()
    }
}

impl TryFrom<String> for Sfs {
    type Error = CoreError;

    fn try_from(s: String) -> Result<Sfs> {
        s.parse()
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Sfs {
    fn schema_name() -> Cow<'static, str> {
        "Sfs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"^[0-9]{4}:[0-9]+$",
            "description": "An SFS number (year:number), e.g. \"2001:453\"."
        })
    }
}

// ---------------------------------------------------------------- Statute

/// One version of an act: the law, its SFS number and the days it is in
/// force (both ends inclusive; `None` = open).
///
/// Statutes come from the table in this module ([`Law::statutes`],
/// [`Statute::from_sfs`]). With the `serde` feature a statute is written as
/// its SFS number and read back through the table, so it cannot carry dates
/// that contradict the table.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::law::{Law, Sfs, Statute};
///
/// let old_sol = Statute::from_sfs(Sfs::new(2001, 453))?;
/// assert_eq!(old_sol.law(), Law::SoL);
/// assert_eq!(old_sol.valid_to(), NaiveDate::from_ymd_opt(2025, 6, 30));
/// assert_eq!(old_sol.to_string(), "socialtjänstlagen (2001:453)");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "Sfs", try_from = "Sfs")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Statute {
    law: Law,
    sfs: Sfs,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    approximate: bool,
}

const SOL_2001: Statute = Statute {
    law: Law::SoL,
    sfs: Sfs::new(2001, 453),
    valid_from: Some(ymd(2002, 1, 1)),
    valid_to: Some(OLD_SOL_LAST_DAY),
    approximate: false,
};
const SOL_2025: Statute = Statute {
    law: Law::SoL,
    sfs: Sfs::new(2025, 400),
    valid_from: Some(NEW_SOL_IN_FORCE),
    valid_to: None,
    approximate: false,
};
const LSS_1993: Statute = Statute {
    law: Law::Lss,
    sfs: Sfs::new(1993, 387),
    valid_from: Some(ymd(1994, 1, 1)),
    valid_to: None,
    approximate: false,
};
const HSL_2017: Statute = Statute {
    law: Law::Hsl,
    sfs: Sfs::new(2017, 30),
    valid_from: Some(ymd(2017, 4, 1)),
    valid_to: None,
    approximate: false,
};
const PSL_2010: Statute = Statute {
    law: Law::Psl,
    sfs: Sfs::new(2010, 659),
    valid_from: Some(ymd(2011, 1, 1)),
    valid_to: None,
    approximate: false,
};
const KL_2017: Statute = Statute {
    law: Law::Kl,
    sfs: Sfs::new(2017, 725),
    valid_from: Some(ymd(2018, 1, 1)),
    valid_to: None,
    approximate: true,
};
const OSL_2009: Statute = Statute {
    law: Law::Osl,
    sfs: Sfs::new(2009, 400),
    valid_from: Some(ymd(2009, 6, 30)),
    valid_to: None,
    approximate: false,
};
const LUS_2017: Statute = Statute {
    law: Law::Lus,
    sfs: Sfs::new(2017, 612),
    valid_from: Some(ymd(2018, 1, 1)),
    valid_to: None,
    approximate: false,
};

static SOL_STATUTES: [Statute; 2] = [SOL_2001, SOL_2025];
static LSS_STATUTES: [Statute; 1] = [LSS_1993];
static HSL_STATUTES: [Statute; 1] = [HSL_2017];
static PSL_STATUTES: [Statute; 1] = [PSL_2010];
static KL_STATUTES: [Statute; 1] = [KL_2017];
static OSL_STATUTES: [Statute; 1] = [OSL_2009];
static LUS_STATUTES: [Statute; 1] = [LUS_2017];

impl Statute {
    /// Every statute in the table, act by act, oldest first.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Statute;
    /// assert_eq!(Statute::all().count(), 8);
    /// ```
    pub fn all() -> impl Iterator<Item = Statute> {
        Law::ALL
            .iter()
            .flat_map(|law| law.statutes().iter().copied())
    }

    /// Looks a statute up by its SFS number.
    ///
    /// # Errors
    /// [`CoreError::UnknownLaw`] if the number is not in the table.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, Sfs, Statute};
    /// assert_eq!(Statute::from_sfs("SFS 2010:659".parse()?)?.law(), Law::Psl);
    /// assert!(Statute::from_sfs(Sfs::new(1980, 620)).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn from_sfs(sfs: Sfs) -> Result<Statute> {
        Statute::all()
            .find(|statute| statute.sfs == sfs)
            .ok_or_else(|| CoreError::UnknownLaw {
                input: sfs.to_string(),
            })
    }

    /// The act this is a version of.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, Sfs, Statute};
    /// assert_eq!(Statute::from_sfs(Sfs::new(1993, 387))?.law(), Law::Lss);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn law(self) -> Law {
        self.law
    }

    /// The SFS number.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, Sfs};
    /// assert_eq!(Law::Osl.statutes()[0].sfs(), Sfs::new(2009, 400));
    /// ```
    pub const fn sfs(self) -> Sfs {
        self.sfs
    }

    /// The first day in force, if known.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Sfs, Statute};
    /// assert_eq!(Statute::from_sfs(Sfs::new(2017, 30))?.valid_from(), NaiveDate::from_ymd_opt(2017, 4, 1));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn valid_from(self) -> Option<NaiveDate> {
        self.valid_from
    }

    /// The last day in force; `None` while it is in force.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Sfs, Statute};
    /// assert_eq!(Statute::from_sfs(Sfs::new(2025, 400))?.valid_to(), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn valid_to(self) -> Option<NaiveDate> {
        self.valid_to
    }

    /// Whether the validity dates are approximate rather than read in a
    /// source (see the module documentation).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Sfs, Statute};
    /// assert!(Statute::from_sfs(Sfs::new(2017, 725))?.dates_approximate());
    /// assert!(!Statute::from_sfs(Sfs::new(2025, 400))?.dates_approximate());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn dates_approximate(self) -> bool {
        self.approximate
    }

    /// Whether this version is in force on `date`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Sfs, Statute};
    /// let old = Statute::from_sfs(Sfs::new(2001, 453))?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).ok_or("date");
    /// assert!(old.in_force_on(d(6, 30)?));
    /// assert!(!old.in_force_on(d(7, 1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force_on(self, date: NaiveDate) -> bool {
        within(self.valid_from, self.valid_to, date)
    }

    /// [`Statute::in_force_on`] for a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `chrono`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Sfs, Statute};
    /// let date = time::Date::from_calendar_date(2025, time::Month::July, 1)?;
    /// assert!(Statute::from_sfs(Sfs::new(2025, 400))?.in_force_on_time(date)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn in_force_on_time(self, date: time::Date) -> Result<bool> {
        Ok(self.in_force_on(crate::date_from_time(date)?))
    }

    /// [`Statute::valid_from`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Sfs, Statute};
    /// let from = Statute::from_sfs(Sfs::new(2025, 400))?.valid_from_time()?;
    /// assert_eq!(from.map(|d| d.to_string()), Some("2025-07-01".to_owned()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn valid_from_time(self) -> Result<Option<time::Date>> {
        option_to_time(self.valid_from)
    }

    /// [`Statute::valid_to`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Sfs, Statute};
    /// let to = Statute::from_sfs(Sfs::new(2001, 453))?.valid_to_time()?;
    /// assert_eq!(to.map(|d| d.to_string()), Some("2025-06-30".to_owned()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn valid_to_time(self) -> Result<Option<time::Date>> {
        option_to_time(self.valid_to)
    }
}

/// The citation form: `socialtjänstlagen (2001:453)`,
/// `lagen (1993:387) om stöd och service till vissa funktionshindrade`.
impl fmt::Display for Statute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, tail) = self.law.citation_parts();
        write!(f, "{head} ({}){tail}", self.sfs)
    }
}

impl From<Statute> for Sfs {
    fn from(statute: Statute) -> Sfs {
        statute.sfs
    }
}

impl TryFrom<Sfs> for Statute {
    type Error = CoreError;

    fn try_from(sfs: Sfs) -> Result<Statute> {
        Statute::from_sfs(sfs)
    }
}

// ---------------------------------------------------------------- Section

/// A section (*paragraf*) number with an optional letter: `3`, `6 f`.
///
/// Sections with a letter are inserted between existing ones: 6 a § comes
/// after 6 § and before 7 §, and the ordering follows that.
///
/// With the `serde` feature it is written as the string `"6 f"`.
///
/// # Example
/// ```
/// use namnd_core::law::Section;
///
/// let s = Section::with_letter(6, 'f')?;
/// assert_eq!(s.to_string(), "6 f");
/// assert_eq!("6 f".parse::<Section>()?, s);
/// assert!(Section::new(6) < s && s < Section::new(7));
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "String", try_from = "String")
)]
pub struct Section {
    number: u16,
    letter: Option<char>,
}

impl Section {
    /// A section without letter.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Section;
    /// assert_eq!(Section::new(10).to_string(), "10");
    /// ```
    pub const fn new(number: u16) -> Section {
        Section {
            number,
            letter: None,
        }
    }

    /// A section with a letter `a`–`z`.
    ///
    /// # Errors
    /// [`CoreError::ParseLegalRef`] if the letter is not a lowercase ASCII letter.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Section;
    /// assert_eq!(Section::with_letter(28, 'h')?.letter(), Some('h'));
    /// assert!(Section::with_letter(28, 'H').is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn with_letter(number: u16, letter: char) -> Result<Section> {
        if letter.is_ascii_lowercase() {
            Ok(Section {
                number,
                letter: Some(letter),
            })
        } else {
            Err(CoreError::ParseLegalRef {
                input: letter.to_string(),
                position: 1,
                expected: "a section letter a to z",
            })
        }
    }

    /// For the table in this module, where every letter is a literal `a`–`z`.
    const fn lettered(number: u16, letter: char) -> Section {
        Section {
            number,
            letter: Some(letter),
        }
    }

    /// The section number.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Section;
    /// assert_eq!(Section::with_letter(6, 'f')?.number(), 6);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub const fn number(self) -> u16 {
        self.number
    }

    /// The letter, if any.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Section;
    /// assert_eq!(Section::new(6).letter(), None);
    /// ```
    pub const fn letter(self) -> Option<char> {
        self.letter
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.letter {
            Some(letter) => write!(f, "{} {letter}", self.number),
            None => write!(f, "{}", self.number),
        }
    }
}

impl FromStr for Section {
    type Err = CoreError;

    /// Reads `6`, `6 f` or `6f`.
    fn from_str(s: &str) -> Result<Section> {
        let mut cursor = Cursor::new(s);
        cursor.skip_blanks();
        let section = cursor.section("a section number")?;
        cursor.skip_blanks();
        if !cursor.at_end() {
            return Err(cursor.error("the end of the section"));
        }
        Ok(section)
    }
}

impl From<Section> for String {
    fn from(section: Section) -> String {
        section.to_string()
    }
}

impl TryFrom<String> for Section {
    type Error = CoreError;

    fn try_from(s: String) -> Result<Section> {
        s.parse()
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Section {
    fn schema_name() -> Cow<'static, str> {
        "Section".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"^[0-9]+( ?[a-z])?$",
            "description": "A section (paragraf) number with an optional letter, e.g. \"6 f\"."
        })
    }
}

// ----------------------------------------------------------- Verification

/// How a reference was checked, and against what.
///
/// - [`Verification::Verified`]: the statute text was read in the source
///   named.
/// - [`Verification::Cited`]: a public source (a court or JO decision, an
///   authority's report, a municipal guideline, a legal article) quotes the
///   provision for this duty, but the statute text itself was not read.
/// - [`Verification::Unverified`]: a candidate, not confirmed by any source.
///
/// Verified and cited references may be presented as the law, with their
/// source; unverified ones are candidates to check and must not be.
/// [`DutyTable::unverified`] lists the entries with unverified references,
/// [`DutyTable::cited`] those that rest on a citing source.
///
/// # Example
/// ```
/// use namnd_core::law::Verification;
///
/// let v = Verification::verified("SFS 2025:400, 34 kap.");
/// assert!(v.is_verified() && v.has_source());
/// assert_eq!(v.source(), Some("SFS 2025:400, 34 kap."));
///
/// let c = Verification::cited("HFD 2011 not 104");
/// assert!(!c.is_verified() && c.is_cited() && c.has_source());
/// assert_eq!(c.source(), Some("HFD 2011 not 104"));
///
/// assert_eq!(Verification::unverified("not read").note(), Some("not read"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "status", rename_all = "snake_case")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Verification {
    /// Read in the statute text.
    Verified {
        /// Where: repository and path, URL, or publication of the statute text.
        source: Cow<'static, str>,
    },
    /// Quoted by a public source that is not the statute text: the statute
    /// text itself was not read.
    Cited {
        /// The source that quotes the provision, with the quotation if
        /// possible.
        source: Cow<'static, str>,
    },
    /// Not confirmed by any source; a candidate.
    Unverified {
        /// Why it is a candidate and what remains to check.
        note: Cow<'static, str>,
    },
}

impl Verification {
    /// A verified status with its source (where the statute text was read).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert!(Verification::verified(String::from("lagen.nu/1993:387")).is_verified());
    /// ```
    pub fn verified(source: impl Into<Cow<'static, str>>) -> Verification {
        Verification::Verified {
            source: source.into(),
        }
    }

    /// A cited status with the source that quotes the provision.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// let c = Verification::cited("JO dnr 2299-2017");
    /// assert!(c.is_cited());
    /// assert!(!c.is_verified());
    /// ```
    pub fn cited(source: impl Into<Cow<'static, str>>) -> Verification {
        Verification::Cited {
            source: source.into(),
        }
    }

    /// An unverified status with a note.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert!(!Verification::unverified("candidate").is_verified());
    /// ```
    pub fn unverified(note: impl Into<Cow<'static, str>>) -> Verification {
        Verification::Unverified { note: note.into() }
    }

    /// Whether this is [`Verification::Verified`]: the statute text was read.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert!(Verification::verified("x").is_verified());
    /// assert!(!Verification::cited("x").is_verified());
    /// ```
    pub fn is_verified(&self) -> bool {
        matches!(self, Verification::Verified { .. })
    }

    /// Whether this is [`Verification::Cited`]: a source quotes the
    /// provision, but the statute text was not read.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert!(Verification::cited("x").is_cited());
    /// assert!(!Verification::verified("x").is_cited());
    /// ```
    pub fn is_cited(&self) -> bool {
        matches!(self, Verification::Cited { .. })
    }

    /// Whether a source confirms the reference: [`Verification::Verified`] or
    /// [`Verification::Cited`], not [`Verification::Unverified`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert!(Verification::cited("x").has_source());
    /// assert!(!Verification::unverified("x").has_source());
    /// ```
    pub fn has_source(&self) -> bool {
        self.source().is_some()
    }

    /// The source of a verified or cited reference.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert_eq!(Verification::cited("x").source(), Some("x"));
    /// assert_eq!(Verification::unverified("x").source(), None);
    /// ```
    pub fn source(&self) -> Option<&str> {
        match self {
            Verification::Verified { source } | Verification::Cited { source } => Some(source),
            Verification::Unverified { .. } => None,
        }
    }

    /// The note of an unverified reference.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Verification;
    /// assert_eq!(Verification::verified("x").note(), None);
    /// ```
    pub fn note(&self) -> Option<&str> {
        match self {
            Verification::Verified { .. } | Verification::Cited { .. } => None,
            Verification::Unverified { note } => Some(note),
        }
    }
}

// --------------------------------------------------------------- LegalRef

/// A reference to a provision: optional chapter, section with optional
/// letter, optional end of a range, in one [`Statute`], with its
/// [`Verification`].
///
/// `Display` gives the Swedish citation, `{:#}` the short form:
///
/// | form | example |
/// |---|---|
/// | `{}` | `16 kap. 6 f § socialtjänstlagen (2001:453)` |
/// | `{:#}` | `16 kap. 6 f § SoL` |
/// | [`LegalRef::provision`] | `16 kap. 6 f §` |
///
/// [`LegalRef::parse`] reads all three back.
///
/// With the `serde` feature a reference is written as its fields and read
/// back with the same checks as [`LegalRef::with_range_end`]: a range must
/// end after it starts, and a verified or cited reference must name its
/// source.
///
/// # Example
/// ```
/// use namnd_core::law::{LegalRef, Section, Sfs, Statute};
///
/// let sol = Statute::from_sfs(Sfs::new(2001, 453))?;
/// let r = LegalRef::parse("16 kap. 6 f–6 h §§", sol)?;
/// assert_eq!(r.chapter(), Some(16));
/// assert_eq!(r.section(), Section::with_letter(6, 'f')?);
/// assert_eq!(r.through(), Some(Section::with_letter(6, 'h')?));
/// assert_eq!(r.to_string(), "16 kap. 6 f–6 h §§ socialtjänstlagen (2001:453)");
/// assert_eq!(format!("{r:#}"), "16 kap. 6 f–6 h §§ SoL");
/// assert!(!r.is_verified());
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "LegalRefRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LegalRef {
    statute: Statute,
    chapter: Option<u16>,
    section: Section,
    through: Option<Section>,
    verification: Verification,
}

/// What a [`LegalRef`] is read from before its checks.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "LegalRef"))]
struct LegalRefRepr {
    statute: Statute,
    chapter: Option<u16>,
    section: Section,
    through: Option<Section>,
    verification: Verification,
}

#[cfg(feature = "serde")]
impl TryFrom<LegalRefRepr> for LegalRef {
    type Error = CoreError;

    fn try_from(repr: LegalRefRepr) -> Result<LegalRef> {
        let reference = LegalRef {
            statute: repr.statute,
            chapter: repr.chapter,
            section: repr.section,
            through: repr.through,
            verification: repr.verification,
        };
        reference.check()?;
        Ok(reference)
    }
}

/// Note given to references built with [`LegalRef::new`] or [`LegalRef::parse`].
const NOT_CHECKED: &str = "not checked against the statute text";

impl LegalRef {
    /// A reference to one section, [`Verification::Unverified`] until
    /// [`LegalRef::verified`] is called.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Section, Sfs, Statute};
    /// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
    /// let r = LegalRef::new(lss, None, Section::with_letter(28, 'f')?);
    /// assert_eq!(format!("{r:#}"), "28 f § LSS");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(statute: Statute, chapter: Option<u16>, section: Section) -> LegalRef {
        LegalRef {
            statute,
            chapter,
            section,
            through: None,
            verification: Verification::unverified(NOT_CHECKED),
        }
    }

    /// The same reference extended to a range ending at `end`: `6 f–6 h §§`.
    ///
    /// # Errors
    /// [`CoreError::InvalidLegalRef`] if `end` does not come after the start.
    ///
    /// # Example
    /// ```
    /// use namnd_core::CoreError;
    /// use namnd_core::law::{LegalRef, Section, Sfs, Statute};
    /// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
    /// let start = LegalRef::new(lss, None, Section::with_letter(24, 'b')?);
    /// let r = start.clone().with_range_end(Section::with_letter(24, 'g')?)?;
    /// assert_eq!(format!("{r:#}"), "24 b–24 g §§ LSS");
    /// assert!(matches!(
    ///     start.with_range_end(Section::new(24)),
    ///     Err(CoreError::InvalidLegalRef { .. })
    /// ));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn with_range_end(self, end: Section) -> Result<LegalRef> {
        let reference = LegalRef {
            through: Some(end),
            ..self
        };
        reference.check()?;
        Ok(reference)
    }

    /// The invariants every reference keeps: a range ends after it starts,
    /// and a verified or cited reference names a source.
    fn check(&self) -> Result<()> {
        if self.through.is_some_and(|end| end <= self.section) {
            return Err(CoreError::InvalidLegalRef {
                reference: self.provision(),
                reason: "the range does not end after it starts",
            });
        }
        if self
            .verification
            .source()
            .is_some_and(|source| source.trim().is_empty())
        {
            return Err(CoreError::InvalidLegalRef {
                reference: self.provision(),
                reason: "it claims a source but the source is blank",
            });
        }
        Ok(())
    }

    /// The same reference, marked as verified in `source`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let psl = Statute::from_sfs(Sfs::new(2010, 659))?;
    /// let r = LegalRef::parse("3 kap. 10 §", psl)?.verified("SFS 2010:659");
    /// assert_eq!(r.verification().source(), Some("SFS 2010:659"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn verified(self, source: impl Into<Cow<'static, str>>) -> LegalRef {
        LegalRef {
            verification: Verification::verified(source),
            ..self
        }
    }

    /// The same reference, marked as cited by `source` (a public source that
    /// quotes the provision; the statute text was not read).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let osl = Statute::from_sfs(Sfs::new(2009, 400))?;
    /// let r = LegalRef::parse("25 kap. 1 §", osl)?.cited("HFD 2011 not 104");
    /// assert!(r.verification().is_cited());
    /// assert!(r.has_source() && !r.is_verified());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn cited(self, source: impl Into<Cow<'static, str>>) -> LegalRef {
        LegalRef {
            verification: Verification::cited(source),
            ..self
        }
    }

    /// The same reference, marked as an unverified candidate with `note`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let kl = Statute::from_sfs(Sfs::new(2017, 725))?;
    /// let r = LegalRef::parse("6 kap. 6 §", kl)?.unverified("candidate");
    /// assert_eq!(r.verification().note(), Some("candidate"));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn unverified(self, note: impl Into<Cow<'static, str>>) -> LegalRef {
        LegalRef {
            verification: Verification::unverified(note),
            ..self
        }
    }

    /// Reads a provision such as `16 kap. 6 f §`, `28 f §`, `3 kap. 10 §`
    /// or `16 kap. 6 f–6 h §§` in `statute`.
    ///
    /// The provision may be followed by the statute's name in any of the
    /// forms this type prints: the citation (`socialtjänstlagen (2001:453)`),
    /// the short name (`SoL`) or the definite name (`socialtjänstlagen`).
    /// `kap` may lack its period; blanks may be spaces, tabs or non-breaking
    /// spaces; the range dash may be `–` or `-`. The result is
    /// [`Verification::Unverified`] until marked otherwise.
    ///
    /// # Errors
    /// [`CoreError::ParseLegalRef`] with the 1-based byte position of the
    /// first byte that could not be read and what was expected there.
    ///
    /// # Example
    /// ```
    /// use namnd_core::CoreError;
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    ///
    /// let sol = Statute::from_sfs(Sfs::new(2025, 400))?;
    /// assert_eq!(LegalRef::parse("34 kap. 1 § SoL", sol)?.provision(), "34 kap. 1 §");
    ///
    /// let err = LegalRef::parse("16 kap. 6 f", sol).err();
    /// assert!(matches!(err, Some(CoreError::ParseLegalRef { position: 12, expected: "\"§\"", .. })));
    /// assert_eq!(
    ///     err.map(|e| e.to_string()).as_deref(),
    ///     Some(r#"expected "§" in legal reference "16 kap. 6 f" at byte 12"#)
    /// );
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn parse(text: &str, statute: Statute) -> Result<LegalRef> {
        let mut cursor = Cursor::new(text);
        cursor.skip_blanks();
        let first_start = cursor.pos;
        let first = cursor.number("a chapter or section number")?;
        cursor.skip_blanks();
        let (chapter, section) = if cursor.eat_ascii_ci("kap") {
            cursor.eat(".");
            cursor.skip_blanks();
            (
                Some(first),
                cursor.section("a section number after \"kap.\"")?,
            )
        } else {
            cursor.pos = first_start;
            (None, cursor.section("a chapter or section number")?)
        };
        cursor.skip_blanks();
        let mut through = None;
        if cursor.eat("–") || cursor.eat("-") || cursor.eat("—") {
            cursor.skip_blanks();
            let end_start = cursor.pos;
            let end = cursor.section("the section that ends the range")?;
            if end <= section {
                return Err(cursor.error_at(end_start, "a range end after its start"));
            }
            through = Some(end);
            cursor.skip_blanks();
        }
        if !cursor.eat("§") {
            return Err(cursor.error("\"§\""));
        }
        cursor.eat("§");
        cursor.skip_blanks();
        if !cursor.at_end() {
            let tail = cursor.rest().trim_end().to_lowercase();
            let law = statute.law();
            let accepted = [
                statute.to_string().to_lowercase(),
                law.short_name().to_lowercase(),
                law.definite_name().to_lowercase(),
            ];
            if !accepted.contains(&tail) {
                return Err(cursor.error("the end of the reference or the name of its statute"));
            }
        }
        Ok(LegalRef {
            statute,
            chapter,
            section,
            through,
            verification: Verification::unverified(NOT_CHECKED),
        })
    }

    /// The statute referred to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let osl = Statute::from_sfs(Sfs::new(2009, 400))?;
    /// assert_eq!(LegalRef::parse("26 kap. 1 §", osl)?.statute(), osl);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn statute(&self) -> Statute {
        self.statute
    }

    /// The act referred to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, LegalRef, Sfs, Statute};
    /// let osl = Statute::from_sfs(Sfs::new(2009, 400))?;
    /// assert_eq!(LegalRef::parse("25 kap. 1 §", osl)?.law(), Law::Osl);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn law(&self) -> Law {
        self.statute.law()
    }

    /// The chapter, for acts divided into chapters.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
    /// assert_eq!(LegalRef::parse("28 f §", lss)?.chapter(), None);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn chapter(&self) -> Option<u16> {
        self.chapter
    }

    /// The (first) section.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Section, Sfs, Statute};
    /// let psl = Statute::from_sfs(Sfs::new(2010, 659))?;
    /// assert_eq!(LegalRef::parse("3 kap. 10 §", psl)?.section(), Section::new(10));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn section(&self) -> Section {
        self.section
    }

    /// The last section of a range, if this is one.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Section, Sfs, Statute};
    /// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
    /// assert_eq!(LegalRef::parse("28 a-28 e §§", lss)?.through(), Some(Section::with_letter(28, 'e')?));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn through(&self) -> Option<Section> {
        self.through
    }

    /// Whether the reference was checked, and against what.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let psl = Statute::from_sfs(Sfs::new(2010, 659))?;
    /// assert!(LegalRef::parse("3 kap. 5 §", psl)?.verification().note().is_some());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// Whether the reference is [`Verification::Verified`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let psl = Statute::from_sfs(Sfs::new(2010, 659))?;
    /// assert!(LegalRef::parse("3 kap. 5 §", psl)?.verified("SFS 2010:659").is_verified());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn is_verified(&self) -> bool {
        self.verification.is_verified()
    }

    /// Whether a source confirms the reference: it is
    /// [`Verification::Verified`] or [`Verification::Cited`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let osl = Statute::from_sfs(Sfs::new(2009, 400))?;
    /// let r = LegalRef::parse("26 kap. 1 §", osl)?;
    /// assert!(!r.has_source());
    /// assert!(r.cited("Söderköping kommun").has_source());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn has_source(&self) -> bool {
        self.verification.has_source()
    }

    /// The provision without the statute: `16 kap. 6 f §`, `28 f–28 h §§`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let sol = Statute::from_sfs(Sfs::new(2001, 453))?;
    /// assert_eq!(LegalRef::parse("11 kap. 1 a § socialtjänstlagen", sol)?.provision(), "11 kap. 1 a §");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn provision(&self) -> String {
        let chapter = self
            .chapter
            .map_or_else(String::new, |chapter| format!("{chapter} kap. "));
        match self.through {
            Some(end) => format!("{chapter}{}–{end} §§", self.section),
            None => format!("{chapter}{} §", self.section),
        }
    }

    /// Whether two references name the same provision in the same statute,
    /// whatever their verification.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let sol = Statute::from_sfs(Sfs::new(2001, 453))?;
    /// let a = LegalRef::parse("14 kap. 3 §", sol)?;
    /// let b = LegalRef::parse("14 kap 3 § SoL", sol)?.verified("SFS 2001:453");
    /// assert!(a.same_provision(&b));
    /// assert_ne!(a, b);
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn same_provision(&self, other: &LegalRef) -> bool {
        self.statute == other.statute
            && self.chapter == other.chapter
            && self.section == other.section
            && self.through == other.through
    }

    /// The short form, `16 kap. 6 f § SoL` (same as `format!("{r:#}")`).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{LegalRef, Sfs, Statute};
    /// let kl = Statute::from_sfs(Sfs::new(2017, 725))?;
    /// assert_eq!(LegalRef::parse("6 kap. 6 §", kl)?.to_short_string(), "6 kap. 6 § KL");
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn to_short_string(&self) -> String {
        format!("{self:#}")
    }
}

impl fmt::Display for LegalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let provision = self.provision();
        if f.alternate() {
            write!(f, "{provision} {}", self.statute.law().short_name())
        } else {
            write!(f, "{provision} {}", self.statute)
        }
    }
}

// ----------------------------------------------------------------- Cursor

/// Characters accepted as blanks inside references.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A cursor over the input that reports 1-based byte positions.
struct Cursor<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str) -> Cursor<'a> {
        Cursor { input, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.rest().is_empty()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_blanks(&mut self) {
        while let Some(c) = self.peek().filter(|&c| is_blank(c)) {
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn eat_ascii_ci(&mut self, token: &str) -> bool {
        let matches = self
            .rest()
            .get(..token.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(token));
        if matches {
            self.pos += token.len();
        }
        matches
    }

    /// Consumes a run of ASCII digits and returns it.
    fn digits(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest.bytes().take_while(u8::is_ascii_digit).count();
        self.pos += len;
        rest.get(..len).unwrap_or("")
    }

    fn number(&mut self, expected: &'static str) -> Result<u16> {
        let start = self.pos;
        let digits = self.digits();
        if digits.is_empty() {
            return Err(self.error_at(start, expected));
        }
        digits
            .parse::<u16>()
            .map_err(|_| self.error_at(start, "a number up to 65535"))
    }

    /// A section number, then optionally blanks and one letter `a`–`z` that
    /// is not the start of a word.
    fn section(&mut self, expected: &'static str) -> Result<Section> {
        let number = self.number(expected)?;
        let after_number = self.pos;
        self.skip_blanks();
        let mut chars = self.rest().chars();
        match (chars.next(), chars.next()) {
            (Some(letter), next)
                if letter.is_ascii_lowercase() && !next.is_some_and(char::is_alphabetic) =>
            {
                self.pos += letter.len_utf8();
                Ok(Section {
                    number,
                    letter: Some(letter),
                })
            }
            _ => {
                self.pos = after_number;
                Ok(Section::new(number))
            }
        }
    }

    fn error(&self, expected: &'static str) -> CoreError {
        self.error_at(self.pos, expected)
    }

    fn error_at(&self, pos: usize, expected: &'static str) -> CoreError {
        CoreError::ParseLegalRef {
            input: crate::error::echo(self.input),
            position: pos + 1,
            expected,
        }
    }
}

// ------------------------------------------------------------------- Duty

/// A legal duty of the committee or its staff that reports cite.
///
/// Each variant's documentation gives the Swedish term and what the duty
/// means; [`DutyTable`] says which provision imposes it under which act on
/// which date.
///
/// # Example
/// ```
/// use namnd_core::law::Duty;
///
/// assert_eq!(Duty::SpecialFee.swedish_term(), "särskild avgift");
/// assert_eq!(Duty::SpecialFee.to_string(), "special fee for unexecuted decisions");
/// assert_eq!(Duty::ALL.len(), 15);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Duty {
    /// *Rapportering av ej verkställda beslut*: report each favourable
    /// decision not executed within three months of the decision (or of an
    /// interruption) to IVO and to the municipal auditors (*revisorer*),
    /// once a quarter.
    ReportUnexecutedDecisions,
    /// *Statistikrapport till kommunfullmäktige*: a quarterly statistical
    /// report to the municipal council (KF) on how many favourable decisions
    /// were not executed within three months, by type of service and time
    /// waited.
    StatisticsToCouncil,
    /// *Anmälan om verkställighet*: report to IVO and the auditors when a
    /// decision earlier reported as not executed has been executed, with the
    /// date.
    ReportLaterExecution,
    /// *Särskild avgift*: the fee a court may, on IVO's application, order a
    /// municipality to pay when it does not provide an awarded service
    /// within reasonable time. Limits: [`SpecialFeeLimits`].
    SpecialFee,
    /// *Rapporteringsskyldighet (lex Sarah)*: anyone working in the service
    /// must at once report wrongdoing (*missförhållande*) or a clear risk of
    /// it.
    LexSarahStaffReport,
    /// *Dokumentation, utredning och avhjälpande (lex Sarah)*: reported
    /// wrongdoing must be documented, investigated and remedied or removed.
    LexSarahInvestigation,
    /// *Anmälan om allvarligt missförhållande (lex Sarah)*: serious
    /// wrongdoing, or a clear risk of it, must be reported to IVO as soon as
    /// possible, with the investigation.
    LexSarahReportToIvo,
    /// *Utredning av händelser (lex Maria)*: the care provider must
    /// investigate events that caused or could have caused a care injury
    /// (*vårdskada*).
    LexMariaInvestigation,
    /// *Anmälan om allvarlig vårdskada (lex Maria)*: the care provider must
    /// report to IVO events that caused or could have caused a serious care
    /// injury.
    LexMariaReportToIvo,
    /// *Patientsäkerhetsberättelse*: the care provider's annual
    /// patient-safety report on the previous calendar year, due 1 March.
    PatientSafetyReport,
    /// *Intern kontroll*: each committee must see to it that internal
    /// control in its area is sufficient.
    InternalControl,
    /// *Förhandsbedömning*: within 14 days of a report concerning a child,
    /// decide whether to open an investigation.
    ChildReportAssessment,
    /// *Utredning av barns behov av skydd eller stöd*: a child-protection
    /// investigation must be completed within four months of its start.
    ChildInvestigation,
    /// *Socialtjänstsekretess*: secrecy for an individual's personal
    /// circumstances within social services, with the presumption of
    /// secrecy.
    SocialServicesSecrecy,
    /// *Hälso- och sjukvårdssekretess*: secrecy for an individual's health
    /// and personal circumstances within health care.
    HealthCareSecrecy,
}

impl Duty {
    /// Every duty, in declaration order.
    ///
    /// A slice, so that adding a duty (the enum is `#[non_exhaustive]`) does
    /// not change its type.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Duty;
    /// assert_eq!(Duty::ALL.first(), Some(&Duty::ReportUnexecutedDecisions));
    /// assert_eq!(Duty::ALL.len(), 15);
    /// ```
    pub const ALL: &'static [Duty] = &[
        Duty::ReportUnexecutedDecisions,
        Duty::StatisticsToCouncil,
        Duty::ReportLaterExecution,
        Duty::SpecialFee,
        Duty::LexSarahStaffReport,
        Duty::LexSarahInvestigation,
        Duty::LexSarahReportToIvo,
        Duty::LexMariaInvestigation,
        Duty::LexMariaReportToIvo,
        Duty::PatientSafetyReport,
        Duty::InternalControl,
        Duty::ChildReportAssessment,
        Duty::ChildInvestigation,
        Duty::SocialServicesSecrecy,
        Duty::HealthCareSecrecy,
    ];

    /// The Swedish term used in committee documents.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Duty;
    /// assert_eq!(Duty::ChildReportAssessment.swedish_term(), "förhandsbedömning");
    /// ```
    pub const fn swedish_term(self) -> &'static str {
        match self {
            Duty::ReportUnexecutedDecisions => "rapportering av ej verkställda beslut",
            Duty::StatisticsToCouncil => "statistikrapport till kommunfullmäktige",
            Duty::ReportLaterExecution => "anmälan om verkställighet",
            Duty::SpecialFee => "särskild avgift",
            Duty::LexSarahStaffReport => "rapporteringsskyldighet (lex Sarah)",
            Duty::LexSarahInvestigation => "dokumentation, utredning och avhjälpande (lex Sarah)",
            Duty::LexSarahReportToIvo => "anmälan om allvarligt missförhållande (lex Sarah)",
            Duty::LexMariaInvestigation => "utredning av händelser (lex Maria)",
            Duty::LexMariaReportToIvo => "anmälan om allvarlig vårdskada (lex Maria)",
            Duty::PatientSafetyReport => "patientsäkerhetsberättelse",
            Duty::InternalControl => "intern kontroll",
            Duty::ChildReportAssessment => "förhandsbedömning",
            Duty::ChildInvestigation => "utredning av barns behov av skydd eller stöd",
            Duty::SocialServicesSecrecy => "socialtjänstsekretess",
            Duty::HealthCareSecrecy => "hälso- och sjukvårdssekretess",
        }
    }

    /// A short English description (also the `Display` form).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::Duty;
    /// assert_eq!(Duty::PatientSafetyReport.english(), "annual patient-safety report by 1 March");
    /// ```
    pub const fn english(self) -> &'static str {
        match self {
            Duty::ReportUnexecutedDecisions => "reporting unexecuted decisions to IVO and auditors",
            Duty::StatisticsToCouncil => "statistics on unexecuted decisions to the council",
            Duty::ReportLaterExecution => "reporting later execution of reported decisions",
            Duty::SpecialFee => "special fee for unexecuted decisions",
            Duty::LexSarahStaffReport => "staff report of wrongdoing (lex Sarah)",
            Duty::LexSarahInvestigation => "investigating and remedying wrongdoing (lex Sarah)",
            Duty::LexSarahReportToIvo => "reporting serious wrongdoing to IVO (lex Sarah)",
            Duty::LexMariaInvestigation => "investigating care injuries (lex Maria)",
            Duty::LexMariaReportToIvo => "reporting serious care injuries to IVO (lex Maria)",
            Duty::PatientSafetyReport => "annual patient-safety report by 1 March",
            Duty::InternalControl => "sufficient internal control",
            Duty::ChildReportAssessment => "initial assessment of a child report within 14 days",
            Duty::ChildInvestigation => "child investigation within four months",
            Duty::SocialServicesSecrecy => "social-services secrecy",
            Duty::HealthCareSecrecy => "health-care secrecy",
        }
    }
}

impl fmt::Display for Duty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english())
    }
}

// -------------------------------------------------------------- DutyEntry

/// One row of a [`DutyTable`]: the provisions imposing `duty` under `law`
/// during a period (both ends inclusive; `None` = open).
///
/// An entry with no references, or with any unverified reference, needs
/// checking before it is presented as the law ([`DutyEntry::has_sources`] is
/// false). An entry whose references are all [`Verification::Verified`] is
/// verified ([`DutyEntry::is_verified`]).
///
/// With the `serde` feature an entry is written as its fields and read back
/// through [`DutyEntry::new`], so an invalid entry is rejected.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::law::{Duty, DutyEntry, Law, LegalRef, Sfs, Statute};
///
/// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
/// let entry = DutyEntry::new(
///     Duty::ReportUnexecutedDecisions,
///     Law::Lss,
///     vec![LegalRef::parse("28 f §", lss)?.verified("SFS 1993:387")],
///     NaiveDate::from_ymd_opt(2008, 7, 1),
///     None,
///     "quarterly",
/// )?;
/// assert!(entry.is_verified());
/// assert_eq!(entry.cite_short(), "28 f § LSS");
/// # Ok::<(), namnd_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "DutyEntryRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DutyEntry {
    duty: Duty,
    law: Law,
    refs: Vec<LegalRef>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    note: Cow<'static, str>,
}

/// What a [`DutyEntry`] is read from before its checks.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "DutyEntry"))]
struct DutyEntryRepr {
    duty: Duty,
    law: Law,
    refs: Vec<LegalRef>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    note: Cow<'static, str>,
}

#[cfg(feature = "serde")]
impl TryFrom<DutyEntryRepr> for DutyEntry {
    type Error = CoreError;

    fn try_from(repr: DutyEntryRepr) -> Result<DutyEntry> {
        DutyEntry::new(
            repr.duty,
            repr.law,
            repr.refs,
            repr.valid_from,
            repr.valid_to,
            repr.note,
        )
    }
}

impl DutyEntry {
    /// An entry, checked on its own (see [`DutyTable::new`] for the checks
    /// across entries).
    ///
    /// # Errors
    /// [`CoreError::InvalidDutyTable`] if `valid_from` is after `valid_to`,
    /// a reference is verified or cited with a blank source, or a reference
    /// is a range that does not end after it starts.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyEntry, Law};
    ///
    /// let empty = DutyEntry::new(Duty::InternalControl, Law::Kl, vec![], None, None, "numbers not verified")?;
    /// assert!(!empty.is_verified());
    /// let backwards = DutyEntry::new(
    ///     Duty::InternalControl, Law::Kl, vec![],
    ///     NaiveDate::from_ymd_opt(2020, 1, 1), NaiveDate::from_ymd_opt(2019, 1, 1), "",
    /// );
    /// assert!(backwards.is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(
        duty: Duty,
        law: Law,
        refs: Vec<LegalRef>,
        valid_from: Option<NaiveDate>,
        valid_to: Option<NaiveDate>,
        note: impl Into<Cow<'static, str>>,
    ) -> Result<DutyEntry> {
        let entry = DutyEntry {
            duty,
            law,
            refs,
            valid_from,
            valid_to,
            note: note.into(),
        };
        entry.check()?;
        Ok(entry)
    }

    fn check(&self) -> Result<()> {
        let invalid = |reason: String| CoreError::InvalidDutyTable { reason };
        if let (Some(from), Some(to)) = (self.valid_from, self.valid_to)
            && from > to
        {
            return Err(invalid(format!(
                "entry for {} under {} ends ({to}) before it starts ({from})",
                self.duty, self.law
            )));
        }
        for r in &self.refs {
            if r.verification()
                .source()
                .is_some_and(|source| source.trim().is_empty())
            {
                return Err(invalid(format!(
                    "{r:#} for {} is marked verified or cited but names no source",
                    self.duty
                )));
            }
            if r.through().is_some_and(|end| end <= r.section()) {
                return Err(invalid(format!(
                    "{r:#} is a range that ends before it starts"
                )));
            }
        }
        Ok(())
    }

    /// The duty.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable};
    /// assert!(DutyTable::standard().iter().any(|e| e.duty() == Duty::SpecialFee));
    /// ```
    pub fn duty(&self) -> Duty {
        self.duty
    }

    /// The act the duty falls under (the scope of [`DutyTable::reference`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// assert!(table.iter().filter(|e| e.duty() == Duty::PatientSafetyReport).all(|e| e.law() == Law::Psl));
    /// ```
    pub fn law(&self) -> Law {
        self.law
    }

    /// The provisions imposing the duty; empty when the numbers are unknown.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// assert!(DutyTable::standard().iter().all(|e| !e.refs().is_empty()));
    /// ```
    pub fn refs(&self) -> &[LegalRef] {
        &self.refs
    }

    /// The first day the entry applies, if bounded.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// let today = NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    /// let entry = table.reference(Duty::ChildInvestigation, Law::SoL, today)?;
    /// assert_eq!(entry.valid_from(), NaiveDate::from_ymd_opt(2025, 7, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn valid_from(&self) -> Option<NaiveDate> {
        self.valid_from
    }

    /// The last day the entry applies, if bounded.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// let day = NaiveDate::from_ymd_opt(2024, 9, 1).ok_or("date")?;
    /// let entry = table.reference(Duty::ChildInvestigation, Law::SoL, day)?;
    /// assert_eq!(entry.valid_to(), NaiveDate::from_ymd_opt(2025, 6, 30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn valid_to(&self) -> Option<NaiveDate> {
        self.valid_to
    }

    /// Free text: approximations, what remains to verify, practical detail.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// assert!(DutyTable::standard().unverified().iter().all(|e| !e.note().is_empty()));
    /// ```
    pub fn note(&self) -> &str {
        &self.note
    }

    /// Whether the entry applies on `date`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// let day = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// assert!(table.reference(Duty::SpecialFee, Law::SoL, day)?.in_force_on(day));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        within(self.valid_from, self.valid_to, date)
    }

    /// [`DutyEntry::in_force_on`] for a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `chrono`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let date = time::Date::from_calendar_date(2025, time::Month::July, 1)?;
    /// let table = DutyTable::standard();
    /// assert!(table.reference_on_time(Duty::SpecialFee, Law::SoL, date)?.in_force_on_time(date)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn in_force_on_time(&self, date: time::Date) -> Result<bool> {
        Ok(self.in_force_on(crate::date_from_time(date)?))
    }

    /// [`DutyEntry::valid_from`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// let table = DutyTable::standard();
    /// assert!(table.iter().all(|e| e.valid_from_time().is_ok()));
    /// ```
    #[cfg(feature = "time")]
    pub fn valid_from_time(&self) -> Result<Option<time::Date>> {
        option_to_time(self.valid_from)
    }

    /// [`DutyEntry::valid_to`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// let table = DutyTable::standard();
    /// assert!(table.iter().all(|e| e.valid_to_time().is_ok()));
    /// ```
    #[cfg(feature = "time")]
    pub fn valid_to_time(&self) -> Result<Option<time::Date>> {
        option_to_time(self.valid_to)
    }

    /// Whether the entry has references and all of them are
    /// [`Verification::Verified`] (statute text read).
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// let table = DutyTable::standard();
    /// assert!(table.iter().any(|e| e.is_verified()));
    /// assert!(table.iter().any(|e| !e.is_verified()));
    /// ```
    pub fn is_verified(&self) -> bool {
        !self.refs.is_empty() && self.refs.iter().all(LegalRef::is_verified)
    }

    /// Whether the entry has references and a source confirms each of them
    /// ([`Verification::Verified`] or [`Verification::Cited`]); if not, it
    /// is a candidate that must not be presented as the law.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// let table = DutyTable::standard();
    /// assert!(table.iter().all(|e| !e.is_verified() || e.has_sources()));
    /// assert!(table.iter().any(|e| e.has_sources() && !e.is_verified()));
    /// ```
    pub fn has_sources(&self) -> bool {
        !self.refs.is_empty() && self.refs.iter().all(LegalRef::has_source)
    }

    /// The references in short form, each with its act, joined by `, `
    /// (`34 kap. 5 § SoL, 34 kap. 7 § SoL`). Empty if there are none.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let day = NaiveDate::from_ymd_opt(2025, 8, 1).ok_or("date")?;
    /// let table = DutyTable::standard();
    /// let entry = table.reference(Duty::SpecialFee, Law::SoL, day)?;
    /// assert_eq!(entry.cite_short(), "34 kap. 5 § SoL, 34 kap. 7 § SoL");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cite_short(&self) -> String {
        self.refs
            .iter()
            .map(LegalRef::to_short_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// -------------------------------------------------------------- DutyTable

/// Which provisions impose which duty, under which act, on which dates.
///
/// The table is data: [`DutyTable::standard`] holds this crate's research
/// (see the module documentation for sources), and [`DutyTable::new`]
/// accepts a municipality's own entries. For every duty and act at most one
/// entry applies on any date.
///
/// With the `serde` feature the table is written as a list of entries and
/// read back through [`DutyTable::new`], so invalid tables are rejected.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::law::{Duty, DutyTable, Law};
///
/// let table = DutyTable::standard();
/// let day = NaiveDate::from_ymd_opt(2025, 6, 30).ok_or("date")?;
/// let entry = table.reference(Duty::ReportUnexecutedDecisions, Law::SoL, day)?;
/// let first = entry.refs().first().ok_or("reference")?;
/// assert_eq!(first.to_string(), "16 kap. 6 f § socialtjänstlagen (2001:453)");
/// for entry in &table {
///     assert!(!entry.note().is_empty() || entry.is_verified());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "Vec<DutyEntry>", try_from = "Vec<DutyEntry>")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DutyTable {
    entries: Vec<DutyEntry>,
}

impl DutyTable {
    /// A table of the given entries.
    ///
    /// # Errors
    /// [`CoreError::InvalidDutyTable`] if an entry ends before it starts, a
    /// reference is verified or cited without a source or is a backwards
    /// range, or
    /// two entries for the same duty and act overlap in time.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::law::{Duty, DutyEntry, DutyTable, Law};
    ///
    /// let d = |y| NaiveDate::from_ymd_opt(y, 1, 1);
    /// let a = DutyEntry::new(Duty::InternalControl, Law::Kl, vec![], d(2018), None, "ours")?;
    /// let b = DutyEntry::new(Duty::InternalControl, Law::Kl, vec![], d(2020), None, "overlaps")?;
    /// assert!(DutyTable::new(vec![a.clone()]).is_ok());
    /// assert!(DutyTable::new(vec![a, b]).is_err());
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    pub fn new(entries: Vec<DutyEntry>) -> Result<DutyTable> {
        for entry in &entries {
            entry.check()?;
        }
        for (i, a) in entries.iter().enumerate() {
            for b in entries.iter().skip(i + 1) {
                if a.duty == b.duty
                    && a.law == b.law
                    && overlaps((a.valid_from, a.valid_to), (b.valid_from, b.valid_to))
                {
                    return Err(CoreError::InvalidDutyTable {
                        reason: format!(
                            "two entries for {} under {} overlap: {} and {}",
                            a.duty,
                            a.law,
                            period_text(a.valid_from, a.valid_to),
                            period_text(b.valid_from, b.valid_to)
                        ),
                    });
                }
            }
        }
        Ok(DutyTable { entries })
    }

    /// The table this crate ships: old and new Socialtjänstlag, LSS, PSL,
    /// KL and OSL, as listed in the module documentation.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// assert_eq!(table.history(Duty::LexSarahReportToIvo, Law::SoL).len(), 2);
    /// ```
    pub fn standard() -> DutyTable {
        DutyTable {
            entries: standard_entries(),
        }
    }

    /// The entry for `duty` under `law` that applies on `date`.
    ///
    /// # Errors
    /// [`CoreError::NoReferenceInForce`] if no entry applies on that date.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::CoreError;
    /// use namnd_core::law::{Duty, DutyTable, Law};
    ///
    /// let table = DutyTable::standard();
    /// let day = NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?;
    /// assert_eq!(table.reference(Duty::StatisticsToCouncil, Law::SoL, day)?.cite_short(), "34 kap. 3 § SoL");
    /// assert_eq!(table.reference(Duty::StatisticsToCouncil, Law::Lss, day)?.cite_short(), "28 h § LSS");
    /// assert!(matches!(
    ///     table.reference(Duty::PatientSafetyReport, Law::SoL, day),
    ///     Err(CoreError::NoReferenceInForce { .. })
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reference(&self, duty: Duty, law: Law, date: NaiveDate) -> Result<&DutyEntry> {
        self.entries
            .iter()
            .find(|e| e.duty == duty && e.law == law && e.in_force_on(date))
            .ok_or_else(|| CoreError::NoReferenceInForce {
                duty: duty.to_string(),
                scope: law.short_name().to_owned(),
                date,
            })
    }

    /// [`DutyTable::reference`] for a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by
    /// `chrono`; [`CoreError::NoReferenceInForce`] if no entry applies.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let date = time::Date::from_calendar_date(2025, time::Month::June, 30)?;
    /// let table = DutyTable::standard();
    /// assert_eq!(table.reference_on_time(Duty::LexSarahStaffReport, Law::SoL, date)?.cite_short(), "14 kap. 3 § SoL");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn reference_on_time(&self, duty: Duty, law: Law, date: time::Date) -> Result<&DutyEntry> {
        self.reference(duty, law, crate::date_from_time(date)?)
    }

    /// All entries for `duty` under `law`, oldest first: the old→new
    /// mapping of its provisions.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable, Law};
    /// let table = DutyTable::standard();
    /// let cites: Vec<String> = table
    ///     .history(Duty::ChildReportAssessment, Law::SoL)
    ///     .iter()
    ///     .map(|e| e.cite_short())
    ///     .collect();
    /// assert_eq!(cites, ["11 kap. 1 a § SoL", "20 kap. 2 § SoL"]);
    /// ```
    pub fn history(&self, duty: Duty, law: Law) -> Vec<&DutyEntry> {
        let mut entries: Vec<&DutyEntry> = self
            .entries
            .iter()
            .filter(|e| e.duty == duty && e.law == law)
            .collect();
        entries.sort_by_key(|e| e.valid_from);
        entries
    }

    /// The entries that need checking before they are presented as the law:
    /// those without references or with a [`Verification::Unverified`]
    /// reference (see [`DutyEntry::has_sources`]).
    ///
    /// Entries that rest on a citing source are not in this list; see
    /// [`DutyTable::cited`].
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable};
    /// let table = DutyTable::standard();
    /// assert!(table.unverified().iter().any(|e| e.duty() == Duty::InternalControl));
    /// assert!(table.unverified().iter().all(|e| !e.has_sources()));
    /// ```
    pub fn unverified(&self) -> Vec<&DutyEntry> {
        self.entries.iter().filter(|e| !e.has_sources()).collect()
    }

    /// The entries confirmed by a source, but not all by the statute text:
    /// every reference is verified or cited, and at least one is
    /// [`Verification::Cited`]. They may be presented as the law with their
    /// source; reading the statute text would make them verified.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Duty, DutyTable};
    /// let table = DutyTable::standard();
    /// let cited = table.cited();
    /// assert!(cited.iter().any(|e| e.duty() == Duty::HealthCareSecrecy));
    /// assert!(cited.iter().all(|e| e.has_sources() && !e.is_verified()));
    /// ```
    pub fn cited(&self) -> Vec<&DutyEntry> {
        self.entries
            .iter()
            .filter(|e| e.has_sources() && !e.is_verified())
            .collect()
    }

    /// All entries, in the order given.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::DutyTable;
    /// assert_eq!(DutyTable::standard().entries().len(), 31);
    /// ```
    pub fn entries(&self) -> &[DutyEntry] {
        &self.entries
    }

    /// Iterates over the entries.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{DutyTable, Law};
    /// assert_eq!(DutyTable::standard().iter().filter(|e| e.law() == Law::Psl).count(), 3);
    /// ```
    pub fn iter(&self) -> core::slice::Iter<'_, DutyEntry> {
        self.entries.iter()
    }
}

impl<'a> IntoIterator for &'a DutyTable {
    type Item = &'a DutyEntry;
    type IntoIter = core::slice::Iter<'a, DutyEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl IntoIterator for DutyTable {
    type Item = DutyEntry;
    type IntoIter = std::vec::IntoIter<DutyEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl From<DutyTable> for Vec<DutyEntry> {
    fn from(table: DutyTable) -> Vec<DutyEntry> {
        table.entries
    }
}

impl TryFrom<Vec<DutyEntry>> for DutyTable {
    type Error = CoreError;

    fn try_from(entries: Vec<DutyEntry>) -> Result<DutyTable> {
        DutyTable::new(entries)
    }
}

// ------------------------------------------------------ the standard data

const SRC_SOL_2025: &str = "SFS 2025:400 (with amendments to SFS 2025:1501), se-lex/sfs-processor: data/md-markers/2025/sfs-2025-400-markers.md";
const SRC_LSS: &str = "SFS 1993:387 (with amendments to SFS 2025:1494), se-lex/sfs-processor: data/md-markers/1993/sfs-1993-387-markers.md";
const SRC_PSL: &str =
    "SFS 2010:659 as amended, se-lex/sfs-processor: data/md-markers/2010/sfs-2010-659-markers.md";
const SRC_PSL_3_3: &str = "SFS 2010:659 3 kap. 5 § refers to \"den utredning av händelsen som föreskrivs i 3 § första stycket\" (se-lex/sfs-processor: data/md-markers/2010/sfs-2010-659-markers.md)";
const SRC_OLD_SOL_FEE: &str = "SFS 2002:437, the act that inserted 16 kap. 6 a-6 d §§ in SFS 2001:453; 6 b §: \"lägst tio tusen kronor och högst en miljon kronor\" (https://open.karnovgroup.se/ovriga/SFS2002-0437)";
const CITED_OLD_SOL_16_6F: &str = "JO decision dnr 2299-2017 (https://lagen.nu/avg/jo/2299-2017): \"skyldigheten enligt 16 kap. 6 f § socialtjänstlagen att rapportera till Inspektionen för vård och omsorg\"";
const CITED_OLD_SOL_14_3: &str = "JP Infonet, article \"Lex Sarah\": \"Rapporteringsskyldigheten … finns i 14 kap. 3 § socialtjänstlagen, SoL, och 24 b § LSS\"";
const CITED_OLD_SOL_11_1A: &str = "A municipal guideline (published on 5dok.org): \"Enligt 11 kap. 1 a § SoL ska beslut att inleda eller inte inleda utredning fattas inom 14 dagar\"";
const CITED_OLD_SOL_11_2: &str = "Länsstyrelsen i Jönköpings län, report (2003): \"återfinns idag i 11 kapitlet 2 § socialtjänstlagen … 'vara slutförd senast inom fyra månader'\"; also a JO inspection of Gävle (2015)";
const CITED_OSL_26_1: &str = "Söderköping kommun, quoting \"26 kap 1 § OSL\"; also Lawline";
const CITED_OSL_25_1: &str = "HFD 2011 not 104 (lagen.nu): \"Av 25 kap. 1 § offentlighets- och sekretesslagen (2009:400) … sekretess gäller inom hälso- och sjukvården\"";

const NOTE_OLD_SOL_EVB_START: &str = "Reporting of unexecuted SoL decisions started 2006-07-01 (IVO, \"Hur länge ska man behöva vänta?\", 2014).";
const NOTE_OLD_SOL_6G: &str = "Candidate: 16 kap. 6 g § is believed to hold the report of later execution (counterpart of LSS 28 g § and new SoL 34 kap. 2 §); its text was not read. Start date approximate.";
const NOTE_OLD_SOL_6H: &str = "Candidate: 16 kap. 6 h § is believed to hold the statistics report to the council (counterpart of LSS 28 h § and new SoL 34 kap. 3 §); its text was not read. Start date approximate.";
const NOTE_OLD_SOL_14_6: &str = "Candidate: 14 kap. 6 § is believed to hold the duty to document, investigate and remedy (counterpart of LSS 24 e § and new SoL 27 kap. 5 §); its text was not read. Start date approximate (assumed equal to LSS 24 b-24 g §§, 2011-07-01).";
const NOTE_OLD_SOL_14_7: &str = "Candidate: 14 kap. 7 § is believed to hold the report of serious wrongdoing to IVO (counterpart of LSS 24 f § and new SoL 27 kap. 6 §); its text was not read. Start date approximate (assumed equal to LSS 24 b-24 g §§, 2011-07-01).";
const NOTE_OLD_SOL_LEX_SARAH: &str =
    "Start date approximate (assumed equal to LSS 24 b-24 g §§, 2011-07-01).";
const NOTE_OLD_SOL_FEE: &str = "Start date approximate (LSS 28 a § came into force 2002-07-01 by the parallel SFS 2002:439). 6 a § is the duty to pay, 6 b § the amount.";
const NOTE_OLD_SOL_CHILD_14: &str =
    "Start date approximate (the 14-day förhandsbedömning is believed to date from 2013-01-01).";
const NOTE_OLD_SOL_CHILD_4M: &str = "Start date set to the act's start. Cited as 11 kap. 2 § in 2003 (Länsstyrelsen i Jönköpings län) and in 2015 (JO); that the number held throughout is not verified.";
const NOTE_KL: &str = "Candidate: 6 kap. 6 § kommunallagen (2017:725). The old Kommunallag (1991:900) had the duty in 6 kap. 7 § (quoted by Gällivare kommun); the number in SFS 2017:725 and its start date 2018-01-01 are not verified.";
const NOTE_SOL_2025: &str = "Verified in SFS 2025:400.";
const NOTE_LSS: &str = "Verified in SFS 1993:387; unchanged by the new Socialtjänstlag.";
const NOTE_FEE_2025: &str = "34 kap. 5 § is the duty to pay, 34 kap. 7 § the amount (raised for decisions from 2026-01-01, see SpecialFeeLimits).";
const NOTE_FEE_LSS: &str = "28 a § is the duty to pay, 28 b § the amount (raised for decisions from 2026-01-01, see SpecialFeeLimits).";

fn entry(
    duty: Duty,
    law: Law,
    refs: Vec<LegalRef>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    note: &'static str,
) -> DutyEntry {
    DutyEntry {
        duty,
        law,
        refs,
        valid_from: Some(valid_from),
        valid_to,
        note: Cow::Borrowed(note),
    }
}

fn cite(
    statute: Statute,
    chapter: Option<u16>,
    section: Section,
    verification: Verification,
) -> LegalRef {
    LegalRef {
        statute,
        chapter,
        section,
        through: None,
        verification,
    }
}

fn v(source: &'static str) -> Verification {
    Verification::Verified {
        source: Cow::Borrowed(source),
    }
}

fn c(source: &'static str) -> Verification {
    Verification::Cited {
        source: Cow::Borrowed(source),
    }
}

fn u(note: &'static str) -> Verification {
    Verification::Unverified {
        note: Cow::Borrowed(note),
    }
}

const fn s(number: u16) -> Section {
    Section::new(number)
}

const fn sl(number: u16, letter: char) -> Section {
    Section::lettered(number, letter)
}

fn standard_entries() -> Vec<DutyEntry> {
    use Duty::*;

    let old_end = Some(OLD_SOL_LAST_DAY);
    let new_start = NEW_SOL_IN_FORCE;
    let sol_reform_2006 = ymd(2006, 7, 1);
    let lex_sarah_2011 = ymd(2011, 7, 1);
    let lss_evb_2008 = ymd(2008, 7, 1);
    let fee_2002 = ymd(2002, 7, 1);

    let old = |chapter: u16, section: Section, verification: Verification| {
        cite(SOL_2001, Some(chapter), section, verification)
    };
    let new =
        |chapter: u16, section: Section| cite(SOL_2025, Some(chapter), section, v(SRC_SOL_2025));
    let lss = |section: Section| cite(LSS_1993, None, section, v(SRC_LSS));

    vec![
        // Unexecuted decisions: report to IVO and the auditors.
        entry(
            ReportUnexecutedDecisions,
            Law::SoL,
            vec![old(16, sl(6, 'f'), c(CITED_OLD_SOL_16_6F))],
            sol_reform_2006,
            old_end,
            NOTE_OLD_SOL_EVB_START,
        ),
        entry(
            ReportUnexecutedDecisions,
            Law::SoL,
            vec![new(34, s(1))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            ReportUnexecutedDecisions,
            Law::Lss,
            vec![lss(sl(28, 'f'))],
            lss_evb_2008,
            None,
            NOTE_LSS,
        ),
        // Later execution.
        entry(
            ReportLaterExecution,
            Law::SoL,
            vec![old(16, sl(6, 'g'), u(NOTE_OLD_SOL_6G))],
            sol_reform_2006,
            old_end,
            NOTE_OLD_SOL_6G,
        ),
        entry(
            ReportLaterExecution,
            Law::SoL,
            vec![new(34, s(2))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            ReportLaterExecution,
            Law::Lss,
            vec![lss(sl(28, 'g'))],
            lss_evb_2008,
            None,
            NOTE_LSS,
        ),
        // Statistics to the council.
        entry(
            StatisticsToCouncil,
            Law::SoL,
            vec![old(16, sl(6, 'h'), u(NOTE_OLD_SOL_6H))],
            sol_reform_2006,
            old_end,
            NOTE_OLD_SOL_6H,
        ),
        entry(
            StatisticsToCouncil,
            Law::SoL,
            vec![new(34, s(3))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            StatisticsToCouncil,
            Law::Lss,
            vec![lss(sl(28, 'h'))],
            lss_evb_2008,
            None,
            NOTE_LSS,
        ),
        // Särskild avgift.
        entry(
            SpecialFee,
            Law::SoL,
            vec![
                old(16, sl(6, 'a'), v(SRC_OLD_SOL_FEE)),
                old(16, sl(6, 'b'), v(SRC_OLD_SOL_FEE)),
            ],
            fee_2002,
            old_end,
            NOTE_OLD_SOL_FEE,
        ),
        entry(
            SpecialFee,
            Law::SoL,
            vec![new(34, s(5)), new(34, s(7))],
            new_start,
            None,
            NOTE_FEE_2025,
        ),
        entry(
            SpecialFee,
            Law::Lss,
            vec![lss(sl(28, 'a')), lss(sl(28, 'b'))],
            fee_2002,
            None,
            NOTE_FEE_LSS,
        ),
        // Lex Sarah.
        entry(
            LexSarahStaffReport,
            Law::SoL,
            vec![old(14, s(3), c(CITED_OLD_SOL_14_3))],
            lex_sarah_2011,
            old_end,
            NOTE_OLD_SOL_LEX_SARAH,
        ),
        entry(
            LexSarahStaffReport,
            Law::SoL,
            vec![new(27, s(2))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            LexSarahStaffReport,
            Law::Lss,
            vec![lss(sl(24, 'b'))],
            lex_sarah_2011,
            None,
            NOTE_LSS,
        ),
        entry(
            LexSarahInvestigation,
            Law::SoL,
            vec![old(14, s(6), u(NOTE_OLD_SOL_14_6))],
            lex_sarah_2011,
            old_end,
            NOTE_OLD_SOL_14_6,
        ),
        entry(
            LexSarahInvestigation,
            Law::SoL,
            vec![new(27, s(5))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            LexSarahInvestigation,
            Law::Lss,
            vec![lss(sl(24, 'e'))],
            lex_sarah_2011,
            None,
            NOTE_LSS,
        ),
        entry(
            LexSarahReportToIvo,
            Law::SoL,
            vec![old(14, s(7), u(NOTE_OLD_SOL_14_7))],
            lex_sarah_2011,
            old_end,
            NOTE_OLD_SOL_14_7,
        ),
        entry(
            LexSarahReportToIvo,
            Law::SoL,
            vec![new(27, s(6))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            LexSarahReportToIvo,
            Law::Lss,
            vec![lss(sl(24, 'f'))],
            lex_sarah_2011,
            None,
            NOTE_LSS,
        ),
        // Children.
        entry(
            ChildReportAssessment,
            Law::SoL,
            vec![old(11, sl(1, 'a'), c(CITED_OLD_SOL_11_1A))],
            ymd(2013, 1, 1),
            old_end,
            NOTE_OLD_SOL_CHILD_14,
        ),
        entry(
            ChildReportAssessment,
            Law::SoL,
            vec![new(20, s(2))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        entry(
            ChildInvestigation,
            Law::SoL,
            vec![old(11, s(2), c(CITED_OLD_SOL_11_2))],
            ymd(2002, 1, 1),
            old_end,
            NOTE_OLD_SOL_CHILD_4M,
        ),
        entry(
            ChildInvestigation,
            Law::SoL,
            vec![new(20, s(3))],
            new_start,
            None,
            NOTE_SOL_2025,
        ),
        // Lex Maria and patient safety.
        entry(
            LexMariaInvestigation,
            Law::Psl,
            vec![cite(PSL_2010, Some(3), s(3), v(SRC_PSL_3_3))],
            ymd(2011, 1, 1),
            None,
            "Verified. Regulations: HSLF-FS 2017:41 (not verified here).",
        ),
        entry(
            LexMariaReportToIvo,
            Law::Psl,
            vec![cite(PSL_2010, Some(3), s(5), v(SRC_PSL))],
            ymd(2011, 1, 1),
            None,
            "Verified. The care provider reports via the MAS.",
        ),
        entry(
            PatientSafetyReport,
            Law::Psl,
            vec![cite(PSL_2010, Some(3), s(10), v(SRC_PSL))],
            ymd(2011, 1, 1),
            None,
            "Verified: due 1 March each year, covering the previous calendar year.",
        ),
        // Internal control.
        entry(
            InternalControl,
            Law::Kl,
            vec![cite(KL_2017, Some(6), s(6), u(NOTE_KL))],
            ymd(2018, 1, 1),
            None,
            NOTE_KL,
        ),
        // Secrecy.
        entry(
            SocialServicesSecrecy,
            Law::Osl,
            vec![cite(OSL_2009, Some(26), s(1), c(CITED_OSL_26_1))],
            ymd(2009, 6, 30),
            None,
            "Presumption of secrecy (omvänt skaderekvisit).",
        ),
        entry(
            HealthCareSecrecy,
            Law::Osl,
            vec![cite(OSL_2009, Some(25), s(1), c(CITED_OSL_25_1))],
            ymd(2009, 6, 30),
            None,
            "Presumption of secrecy (omvänt skaderekvisit).",
        ),
    ]
}

// ------------------------------------------------------- SpecialFeeLimits

/// The range a court sets a *särskild avgift* in, for services decided
/// under `law` during a period of decision dates.
///
/// The transitional provisions of SFS 2025:1298 (LSS) and 2025:1299 (SoL)
/// keep the old limits for decisions on services taken before 2026-01-01,
/// so the date that selects the limits is the **date of the decision on the
/// service**, not the date of the court's judgment. [`SpecialFeeLimits::standard`]
/// holds the verified limits: 10 000 kr to 1 000 000 kr for decisions taken
/// before 2026-01-01, 15 000 kr to 1 500 000 kr from then on.
///
/// With the `serde` feature the limits are written as their fields (the
/// amounts as decimal strings in kronor) and read back through
/// [`SpecialFeeLimits::new`], so limits that contradict themselves are
/// rejected.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use namnd_core::Amount;
/// use namnd_core::law::{Law, SpecialFeeLimits};
///
/// let day = NaiveDate::from_ymd_opt(2026, 2, 1).ok_or("date")?;
/// let limits = SpecialFeeLimits::for_decision(Law::SoL, day)?;
/// assert_eq!((limits.min(), limits.max()), (Amount::from_kr(15_000), Amount::from_kr(1_500_000)));
/// assert_eq!(limits.reference().to_short_string(), "34 kap. 7 § SoL");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "SpecialFeeLimitsRepr")
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SpecialFeeLimits {
    law: Law,
    reference: LegalRef,
    min: Amount,
    max: Amount,
    decided_from: Option<NaiveDate>,
    decided_to: Option<NaiveDate>,
}

/// What [`SpecialFeeLimits`] are read from before their checks.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(rename = "SpecialFeeLimits"))]
struct SpecialFeeLimitsRepr {
    law: Law,
    reference: LegalRef,
    min: Amount,
    max: Amount,
    decided_from: Option<NaiveDate>,
    decided_to: Option<NaiveDate>,
}

#[cfg(feature = "serde")]
impl TryFrom<SpecialFeeLimitsRepr> for SpecialFeeLimits {
    type Error = CoreError;

    fn try_from(repr: SpecialFeeLimitsRepr) -> Result<SpecialFeeLimits> {
        SpecialFeeLimits::new(
            repr.law,
            repr.reference,
            repr.min,
            repr.max,
            repr.decided_from,
            repr.decided_to,
        )
    }
}

impl SpecialFeeLimits {
    /// Limits from `min` to `max` for services decided under `law` from
    /// `decided_from` to `decided_to` (both inclusive; `None` = open), set by
    /// the provision `reference`.
    ///
    /// # Errors
    /// [`CoreError::InvalidSpecialFeeLimits`] if `reference` is not a
    /// provision of `law`, `min` is negative or above `max`, or
    /// `decided_from` is after `decided_to`.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::{Amount, CoreError};
    /// use namnd_core::law::{Law, LegalRef, SpecialFeeLimits, Sfs, Statute};
    ///
    /// let lss = Statute::from_sfs(Sfs::new(1993, 387))?;
    /// let reference = LegalRef::parse("28 b §", lss)?.verified("SFS 1993:387");
    /// let from = NaiveDate::from_ymd_opt(2026, 1, 1);
    /// let limits = SpecialFeeLimits::new(
    ///     Law::Lss, reference.clone(), Amount::from_kr(15_000), Amount::from_kr(1_500_000), from, None,
    /// )?;
    /// assert_eq!(limits.min(), Amount::from_kr(15_000));
    /// let backwards = SpecialFeeLimits::new(
    ///     Law::Lss, reference, Amount::from_kr(1_500_000), Amount::from_kr(15_000), from, None,
    /// );
    /// assert!(matches!(backwards, Err(CoreError::InvalidSpecialFeeLimits { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        law: Law,
        reference: LegalRef,
        min: Amount,
        max: Amount,
        decided_from: Option<NaiveDate>,
        decided_to: Option<NaiveDate>,
    ) -> Result<SpecialFeeLimits> {
        let invalid = |reason: String| Err(CoreError::InvalidSpecialFeeLimits { reason });
        if reference.law() != law {
            return invalid(format!(
                "the limits for {law} cite {reference:#}, a provision of {}",
                reference.law()
            ));
        }
        if min.is_negative() {
            return invalid(format!("minimum {} kr is negative", min.as_kr()));
        }
        if min > max {
            return invalid(format!(
                "minimum {} kr is above maximum {} kr",
                min.as_kr(),
                max.as_kr()
            ));
        }
        if let (Some(from), Some(to)) = (decided_from, decided_to)
            && from > to
        {
            return invalid(format!(
                "the decision dates end ({to}) before they start ({from})"
            ));
        }
        Ok(SpecialFeeLimits {
            law,
            reference,
            min,
            max,
            decided_from,
            decided_to,
        })
    }

    /// The limits this crate ships, for SoL and LSS.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::SpecialFeeLimits;
    /// let all = SpecialFeeLimits::standard();
    /// assert_eq!(all.len(), 5);
    /// assert!(all.iter().all(|l| l.reference().is_verified() && l.min() < l.max()));
    /// ```
    pub fn standard() -> Vec<SpecialFeeLimits> {
        let limits =
            |law, reference, (min, max): (u32, u32), decided_from, decided_to| SpecialFeeLimits {
                law,
                reference,
                min: Amount::from_kr(min),
                max: Amount::from_kr(max),
                decided_from: Some(decided_from),
                decided_to,
            };
        let original = (10_000, 1_000_000);
        let raised = (15_000, 1_500_000);
        vec![
            limits(
                Law::SoL,
                cite(SOL_2001, Some(16), sl(6, 'b'), v(SRC_OLD_SOL_FEE)),
                original,
                ymd(2002, 7, 1),
                Some(OLD_SOL_LAST_DAY),
            ),
            limits(
                Law::SoL,
                cite(SOL_2025, Some(34), s(7), v(SRC_SOL_2025)),
                original,
                NEW_SOL_IN_FORCE,
                Some(SPECIAL_FEE_OLD_LAST_DAY),
            ),
            limits(
                Law::SoL,
                cite(SOL_2025, Some(34), s(7), v(SRC_SOL_2025)),
                raised,
                SPECIAL_FEE_RAISED_FROM,
                None,
            ),
            limits(
                Law::Lss,
                cite(LSS_1993, None, sl(28, 'b'), v(SRC_LSS)),
                original,
                ymd(2002, 7, 1),
                Some(SPECIAL_FEE_OLD_LAST_DAY),
            ),
            limits(
                Law::Lss,
                cite(LSS_1993, None, sl(28, 'b'), v(SRC_LSS)),
                raised,
                SPECIAL_FEE_RAISED_FROM,
                None,
            ),
        ]
    }

    /// The limits for a service decided under `law` on `decision_date`.
    ///
    /// # Errors
    /// [`CoreError::NoReferenceInForce`] if no limits are known for that act
    /// and date.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use namnd_core::Amount;
    /// use namnd_core::law::{Law, SpecialFeeLimits};
    ///
    /// let day = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
    /// assert_eq!(SpecialFeeLimits::for_decision(Law::Lss, day)?.max(), Amount::from_kr(1_000_000));
    /// assert!(SpecialFeeLimits::for_decision(Law::Psl, day).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_decision(law: Law, decision_date: NaiveDate) -> Result<SpecialFeeLimits> {
        SpecialFeeLimits::standard()
            .into_iter()
            .find(|l| l.law == law && within(l.decided_from, l.decided_to, decision_date))
            .ok_or_else(|| CoreError::NoReferenceInForce {
                duty: Duty::SpecialFee.to_string(),
                scope: law.short_name().to_owned(),
                date: decision_date,
            })
    }

    /// [`SpecialFeeLimits::for_decision`] for a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by
    /// `chrono`; [`CoreError::NoReferenceInForce`] if no limits are known.
    ///
    /// # Example
    /// ```
    /// use namnd_core::Amount;
    /// use namnd_core::law::{Law, SpecialFeeLimits};
    /// let date = time::Date::from_calendar_date(2026, time::Month::January, 1)?;
    /// assert_eq!(SpecialFeeLimits::for_decision_on_time(Law::Lss, date)?.min(), Amount::from_kr(15_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn for_decision_on_time(law: Law, decision_date: time::Date) -> Result<SpecialFeeLimits> {
        SpecialFeeLimits::for_decision(law, crate::date_from_time(decision_date)?)
    }

    /// The act.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, SpecialFeeLimits};
    /// assert!(SpecialFeeLimits::standard().iter().any(|l| l.law() == Law::Lss));
    /// ```
    pub fn law(&self) -> Law {
        self.law
    }

    /// The provision that sets the limits.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, SpecialFeeLimits};
    /// let lss: Vec<_> = SpecialFeeLimits::standard().into_iter().filter(|l| l.law() == Law::Lss).collect();
    /// assert!(lss.iter().all(|l| l.reference().to_short_string() == "28 b § LSS"));
    /// ```
    pub fn reference(&self) -> &LegalRef {
        &self.reference
    }

    /// The minimum fee.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, law::SpecialFeeLimits};
    /// assert!(SpecialFeeLimits::standard().iter().all(|l| l.min() >= Amount::from_kr(10_000)));
    /// ```
    pub fn min(&self) -> Amount {
        self.min
    }

    /// The maximum fee.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{Amount, law::SpecialFeeLimits};
    /// assert!(SpecialFeeLimits::standard().iter().all(|l| l.max() <= Amount::from_kr(1_500_000)));
    /// ```
    pub fn max(&self) -> Amount {
        self.max
    }

    /// The first decision date the limits apply to.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{SpecialFeeLimits, SPECIAL_FEE_RAISED_FROM};
    /// assert!(SpecialFeeLimits::standard().iter().any(|l| l.decided_from() == Some(SPECIAL_FEE_RAISED_FROM)));
    /// ```
    pub fn decided_from(&self) -> Option<NaiveDate> {
        self.decided_from
    }

    /// The last decision date the limits apply to; `None` while current.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::SpecialFeeLimits;
    /// assert_eq!(SpecialFeeLimits::standard().iter().filter(|l| l.decided_to().is_none()).count(), 2);
    /// ```
    pub fn decided_to(&self) -> Option<NaiveDate> {
        self.decided_to
    }

    /// [`SpecialFeeLimits::decided_from`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, SpecialFeeLimits, SPECIAL_FEE_RAISED_FROM};
    /// let limits = SpecialFeeLimits::for_decision(Law::SoL, SPECIAL_FEE_RAISED_FROM)?;
    /// let from = limits.decided_from_time()?;
    /// assert_eq!(from.map(|d| d.to_string()), Some("2026-01-01".to_owned()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn decided_from_time(&self) -> Result<Option<time::Date>> {
        option_to_time(self.decided_from)
    }

    /// [`SpecialFeeLimits::decided_to`] as a `time::Date`.
    ///
    /// # Errors
    /// [`CoreError::DateOutOfRange`] if the date cannot be represented by `time`.
    ///
    /// # Example
    /// ```
    /// use namnd_core::law::{Law, SpecialFeeLimits, NEW_SOL_IN_FORCE};
    /// let limits = SpecialFeeLimits::for_decision(Law::SoL, NEW_SOL_IN_FORCE)?;
    /// let to = limits.decided_to_time()?;
    /// assert_eq!(to.map(|d| d.to_string()), Some("2025-12-31".to_owned()));
    /// # Ok::<(), namnd_core::CoreError>(())
    /// ```
    #[cfg(feature = "time")]
    pub fn decided_to_time(&self) -> Result<Option<time::Date>> {
        option_to_time(self.decided_to)
    }
}

// -------------------------------------------------------------- proptest

#[cfg(any(test, feature = "proptest"))]
mod arbitrary {
    use super::{Duty, Law, Sfs};
    use proptest::prelude::*;

    impl Arbitrary for Law {
        type Parameters = ();
        type Strategy = proptest::sample::Select<Law>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(Law::ALL.to_vec())
        }
    }

    impl Arbitrary for Duty {
        type Parameters = ();
        type Strategy = proptest::sample::Select<Duty>;

        fn arbitrary_with(_: ()) -> Self::Strategy {
            proptest::sample::select(Duty::ALL.to_vec())
        }
    }

    impl Arbitrary for Sfs {
        type Parameters = ();
        type Strategy = BoxedStrategy<Sfs>;

        /// SFS numbers from 1900:1 to 2099:2000.
        fn arbitrary_with(_: ()) -> Self::Strategy {
            (1900_u16..=2099, 1_u32..=2000)
                .prop_map(|(year, number)| Sfs::new(year, number))
                .boxed()
        }
    }
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const SOL_DUTIES: [Duty; 9] = [
        Duty::ReportUnexecutedDecisions,
        Duty::StatisticsToCouncil,
        Duty::ReportLaterExecution,
        Duty::SpecialFee,
        Duty::LexSarahStaffReport,
        Duty::LexSarahInvestigation,
        Duty::LexSarahReportToIvo,
        Duty::ChildReportAssessment,
        Duty::ChildInvestigation,
    ];

    const LSS_DUTIES: [Duty; 7] = [
        Duty::ReportUnexecutedDecisions,
        Duty::StatisticsToCouncil,
        Duty::ReportLaterExecution,
        Duty::SpecialFee,
        Duty::LexSarahStaffReport,
        Duty::LexSarahInvestigation,
        Duty::LexSarahReportToIvo,
    ];

    fn all_refs(table: &DutyTable) -> impl Iterator<Item = &LegalRef> {
        table.iter().flat_map(|e| e.refs().iter())
    }

    #[test]
    fn every_sol_duty_switches_to_the_new_act_on_2025_07_01() {
        let table = DutyTable::standard();
        for duty in SOL_DUTIES {
            let old = table.reference(duty, Law::SoL, date(2025, 6, 30)).unwrap();
            let new = table.reference(duty, Law::SoL, date(2025, 7, 1)).unwrap();
            assert!(!old.refs().is_empty() && !new.refs().is_empty(), "{duty}");
            assert!(
                old.refs()
                    .iter()
                    .all(|r| r.statute().sfs() == Sfs::new(2001, 453)),
                "{duty}"
            );
            assert!(
                new.refs()
                    .iter()
                    .all(|r| r.statute().sfs() == Sfs::new(2025, 400)),
                "{duty}"
            );
            assert_eq!(old.valid_to(), Some(date(2025, 6, 30)), "{duty}");
            assert_eq!(new.valid_from(), Some(date(2025, 7, 1)), "{duty}");
        }
    }

    #[test]
    fn lex_sarah_report_under_sol_cites_14_kap_3_then_27_kap_2() {
        let table = DutyTable::standard();
        let old = table
            .reference(Duty::LexSarahStaffReport, Law::SoL, date(2025, 6, 30))
            .unwrap();
        let new = table
            .reference(Duty::LexSarahStaffReport, Law::SoL, date(2025, 7, 1))
            .unwrap();
        assert_eq!(
            old.refs()[0].to_string(),
            "14 kap. 3 § socialtjänstlagen (2001:453)"
        );
        assert_eq!(
            new.refs()[0].to_string(),
            "27 kap. 2 § socialtjänstlagen (2025:400)"
        );
    }

    #[test]
    fn new_sol_references_read_in_sfs_2025_400_are_verified() {
        let table = DutyTable::standard();
        let expected = [
            (Duty::ReportUnexecutedDecisions, "34 kap. 1 § SoL"),
            (Duty::ReportLaterExecution, "34 kap. 2 § SoL"),
            (Duty::StatisticsToCouncil, "34 kap. 3 § SoL"),
            (Duty::SpecialFee, "34 kap. 5 § SoL, 34 kap. 7 § SoL"),
            (Duty::LexSarahStaffReport, "27 kap. 2 § SoL"),
            (Duty::LexSarahInvestigation, "27 kap. 5 § SoL"),
            (Duty::LexSarahReportToIvo, "27 kap. 6 § SoL"),
            (Duty::ChildReportAssessment, "20 kap. 2 § SoL"),
            (Duty::ChildInvestigation, "20 kap. 3 § SoL"),
        ];
        for (duty, cite) in expected {
            let e = table.reference(duty, Law::SoL, date(2025, 7, 1)).unwrap();
            assert_eq!(e.cite_short(), cite);
            assert!(e.is_verified(), "{duty}");
        }
    }

    #[test]
    fn lss_duties_are_unaffected_by_the_new_sol() {
        let table = DutyTable::standard();
        for duty in LSS_DUTIES {
            let before = table.reference(duty, Law::Lss, date(2025, 6, 30)).unwrap();
            let after = table.reference(duty, Law::Lss, date(2025, 7, 1)).unwrap();
            assert!(core::ptr::eq(before, after), "{duty}");
            assert!(before.refs().iter().all(|r| r.law() == Law::Lss));
            assert!(before.is_verified(), "{duty}");
        }
    }

    #[test]
    fn every_reference_display_parses_back() {
        let table = DutyTable::standard();
        let fee_refs: Vec<LegalRef> = SpecialFeeLimits::standard()
            .into_iter()
            .map(|l| l.reference().clone())
            .collect();
        for r in all_refs(&table).chain(fee_refs.iter()) {
            for text in [r.to_string(), format!("{r:#}"), r.provision()] {
                let parsed = LegalRef::parse(&text, r.statute()).unwrap();
                assert!(parsed.same_provision(r), "{text}");
            }
        }
    }

    #[test]
    fn ranges_display_and_parse_back() {
        let sol = SOL_2001;
        let r = LegalRef::new(sol, Some(16), sl(6, 'f'))
            .with_range_end(sl(6, 'h'))
            .unwrap();
        assert_eq!(
            r.to_string(),
            "16 kap. 6 f–6 h §§ socialtjänstlagen (2001:453)"
        );
        assert_eq!(format!("{r:#}"), "16 kap. 6 f–6 h §§ SoL");
        for text in [
            r.to_string(),
            format!("{r:#}"),
            "16 kap 6 f - 6 h §§".to_owned(),
        ] {
            assert!(LegalRef::parse(&text, sol).unwrap().same_provision(&r));
        }
        let lss = LegalRef::parse(
            "28 f–28 h §§ lagen (1993:387) om stöd och service till vissa funktionshindrade",
            LSS_1993,
        )
        .unwrap();
        assert_eq!(lss.section(), sl(28, 'f'));
        assert_eq!(lss.through(), Some(sl(28, 'h')));
        assert!(
            LegalRef::new(sol, Some(16), sl(6, 'f'))
                .with_range_end(sl(6, 'f'))
                .is_err()
        );
    }

    #[test]
    fn parse_reads_the_forms_in_the_brief() {
        let sol = SOL_2001;
        let r = LegalRef::parse("16 kap. 6 f §", sol).unwrap();
        assert_eq!(
            (r.chapter(), r.section(), r.through()),
            (Some(16), sl(6, 'f'), None)
        );
        let r = LegalRef::parse("28 f §", LSS_1993).unwrap();
        assert_eq!((r.chapter(), r.section()), (None, sl(28, 'f')));
        let r = LegalRef::parse("3 kap. 10 §", PSL_2010).unwrap();
        assert_eq!((r.chapter(), r.section()), (Some(3), s(10)));
        let r =
            LegalRef::parse("\u{a0}11 kap.\u{a0}1\u{a0}a\u{a0}§ SOCIALTJÄNSTLAGEN", sol).unwrap();
        assert_eq!((r.chapter(), r.section()), (Some(11), sl(1, 'a')));
        assert!(!r.is_verified());
    }

    fn parse_error(text: &str, statute: Statute) -> (usize, &'static str) {
        match LegalRef::parse(text, statute).unwrap_err() {
            CoreError::ParseLegalRef {
                input,
                position,
                expected,
            } => {
                assert_eq!(input, text);
                (position, expected)
            }
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn parse_errors_give_one_based_byte_positions() {
        let sol = SOL_2001;
        assert_eq!(parse_error("", sol), (1, "a chapter or section number"));
        assert_eq!(
            parse_error("kap. 6 §", sol),
            (1, "a chapter or section number")
        );
        assert_eq!(
            parse_error("16 kap. §", sol),
            (9, "a section number after \"kap.\"")
        );
        assert_eq!(parse_error("16 kap. 6 f", sol), (12, "\"§\""));
        assert_eq!(parse_error("16 kap. 6 F §", sol), (11, "\"§\""));
        assert_eq!(
            parse_error("16 kap. 6 f–§§", sol),
            (15, "the section that ends the range")
        );
        // The dash is 3 bytes long, so the range end "6 f" starts at byte 15.
        assert_eq!(
            parse_error("16 kap. 6 h–6 f §§", sol),
            (15, "a range end after its start")
        );
        // "§" is two bytes long, so "LSS" starts at byte 16.
        assert_eq!(
            parse_error("16 kap. 6 f § LSS", sol),
            (16, "the end of the reference or the name of its statute")
        );
        assert_eq!(parse_error("99999 §", sol), (1, "a number up to 65535"));
    }

    #[test]
    fn parse_error_messages_name_input_and_position() {
        let err = LegalRef::parse("16 kap. 6 f", SOL_2001).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected "§" in legal reference "16 kap. 6 f" at byte 12"#
        );
    }

    #[test]
    fn sfs_numbers_parse_with_and_without_prefix() {
        assert_eq!("2001:453".parse::<Sfs>().unwrap(), Sfs::new(2001, 453));
        assert_eq!("SFS 2001:453".parse::<Sfs>().unwrap(), Sfs::new(2001, 453));
        assert_eq!(" sfs2017:30 ".parse::<Sfs>().unwrap(), Sfs::new(2017, 30));
        let position = |text: &str| match text.parse::<Sfs>().unwrap_err() {
            CoreError::ParseLegalRef { position, .. } => position,
            other => panic!("unexpected error {other:?}"),
        };
        assert_eq!(position("01:453"), 1);
        assert_eq!(position("SFS 2001-453"), 9);
        assert_eq!(position("2001:"), 6);
        assert_eq!(position("2001:453 §"), 10);
    }

    #[test]
    fn laws_parse_from_short_names_in_any_case() {
        for &law in Law::ALL {
            assert_eq!(law.short_name().parse::<Law>().unwrap(), law);
            assert_eq!(law.short_name().to_uppercase().parse::<Law>().unwrap(), law);
            assert_eq!(law.short_name().to_lowercase().parse::<Law>().unwrap(), law);
        }
        assert!(matches!(
            "SFB".parse::<Law>(),
            Err(CoreError::UnknownLaw { .. })
        ));
    }

    #[test]
    fn statutes_of_one_act_do_not_overlap_and_lookup_by_sfs_agrees() {
        for &law in Law::ALL {
            let statutes = law.statutes();
            for (i, a) in statutes.iter().enumerate() {
                assert_eq!(a.law(), law);
                assert_eq!(Statute::from_sfs(a.sfs()).unwrap(), *a);
                for b in statutes.iter().skip(i + 1) {
                    assert!(!overlaps(
                        (a.valid_from, a.valid_to),
                        (b.valid_from, b.valid_to)
                    ));
                }
            }
        }
        assert_eq!(
            Law::SoL.statute_on(date(2025, 6, 30)).unwrap().sfs(),
            Sfs::new(2001, 453)
        );
        assert_eq!(
            Law::SoL.statute_on(date(2025, 7, 1)).unwrap().sfs(),
            Sfs::new(2025, 400)
        );
        assert!(matches!(
            Statute::from_sfs(Sfs::new(1980, 620)),
            Err(CoreError::UnknownLaw { .. })
        ));
    }

    #[test]
    fn references_fall_within_their_statutes_and_entries_cite_their_act() {
        for e in &DutyTable::standard() {
            for r in e.refs() {
                let statute = r.statute();
                assert_eq!(r.law(), e.law(), "{r:#}");
                assert!(
                    within(
                        statute.valid_from(),
                        statute.valid_to(),
                        e.valid_from().unwrap()
                    ),
                    "{r:#} starts outside its statute"
                );
                if let Some(to) = e.valid_to() {
                    assert!(
                        within(statute.valid_from(), statute.valid_to(), to),
                        "{r:#}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_entry_claims_verified_without_a_source() {
        for r in all_refs(&DutyTable::standard()) {
            match r.verification() {
                Verification::Verified { source } | Verification::Cited { source } => {
                    assert!(!source.trim().is_empty(), "{r:#}");
                }
                Verification::Unverified { note } => assert!(!note.trim().is_empty(), "{r:#}"),
            }
        }
        for e in DutyTable::standard().unverified() {
            assert!(!e.note().trim().is_empty());
        }
        for blank in [Verification::verified("  "), Verification::cited("")] {
            let blank = cite(SOL_2025, Some(34), s(1), blank);
            let err = DutyEntry::new(
                Duty::ReportUnexecutedDecisions,
                Law::SoL,
                vec![blank],
                None,
                None,
                "",
            )
            .unwrap_err();
            assert!(matches!(err, CoreError::InvalidDutyTable { .. }));
        }
    }

    #[test]
    fn no_source_rests_on_unrecorded_research() {
        let fee_refs: Vec<LegalRef> = SpecialFeeLimits::standard()
            .into_iter()
            .map(|l| l.reference().clone())
            .collect();
        for r in all_refs(&DutyTable::standard()).chain(fee_refs.iter()) {
            if let Some(source) = r.verification().source() {
                assert!(!source.contains("earlier project research"), "{r:#}");
            }
        }
    }

    #[test]
    fn old_provisions_known_from_citing_sources_are_cited_not_verified() {
        let table = DutyTable::standard();
        let cited: Vec<String> = table.cited().iter().map(|e| e.cite_short()).collect();
        assert_eq!(
            cited,
            [
                "16 kap. 6 f § SoL",
                "14 kap. 3 § SoL",
                "11 kap. 1 a § SoL",
                "11 kap. 2 § SoL",
                "26 kap. 1 § OSL",
                "25 kap. 1 § OSL"
            ]
        );
        for entry in table.cited() {
            assert!(entry.has_sources() && !entry.is_verified());
            assert!(entry.refs().iter().all(|r| r.verification().is_cited()));
        }
        let fee = table
            .reference(Duty::SpecialFee, Law::SoL, date(2025, 6, 30))
            .unwrap();
        assert!(fee.is_verified());
        assert!(fee.refs().iter().all(|r| {
            r.verification()
                .source()
                .is_some_and(|s| s.contains("SFS 2002:437"))
        }));
        let jo = table
            .reference(Duty::ReportUnexecutedDecisions, Law::SoL, date(2024, 1, 1))
            .unwrap();
        assert!(jo.refs().iter().all(|r| {
            r.verification()
                .source()
                .is_some_and(|s| s.contains("2299-2017"))
        }));
    }

    #[test]
    fn unverified_is_non_empty_exactly_when_something_is_unverified() {
        let table = DutyTable::standard();
        let unverified = table.unverified();
        assert!(!unverified.is_empty());
        assert_eq!(
            unverified.len(),
            table
                .iter()
                .filter(|e| e.refs().is_empty() || e.refs().iter().any(|r| !r.has_source()))
                .count()
        );
        let cites: Vec<String> = unverified.iter().map(|e| e.cite_short()).collect();
        assert_eq!(
            cites,
            [
                "16 kap. 6 g § SoL",
                "16 kap. 6 h § SoL",
                "14 kap. 6 § SoL",
                "14 kap. 7 § SoL",
                "6 kap. 6 § KL"
            ]
        );

        let verified_only: Vec<DutyEntry> =
            table.iter().filter(|e| e.is_verified()).cloned().collect();
        let verified_only = DutyTable::new(verified_only).unwrap();
        assert!(verified_only.unverified().is_empty());
        assert!(verified_only.cited().is_empty());
        assert_eq!(
            table.unverified().len() + table.cited().len() + verified_only.entries().len(),
            table.entries().len()
        );

        let empty_refs = DutyEntry::new(
            Duty::InternalControl,
            Law::Kl,
            vec![],
            None,
            None,
            "unknown",
        )
        .unwrap();
        assert_eq!(
            DutyTable::new(vec![empty_refs]).unwrap().unverified().len(),
            1
        );
    }

    #[test]
    fn standard_table_passes_the_checks_of_new() {
        let table = DutyTable::standard();
        assert_eq!(DutyTable::new(table.entries().to_vec()).unwrap(), table);
        assert_eq!(table.entries().len(), 31);
    }

    #[test]
    fn table_dates_are_real_dates() {
        let mut dates: Vec<NaiveDate> = DutyTable::standard()
            .iter()
            .flat_map(|e| [e.valid_from(), e.valid_to()])
            .flatten()
            .collect();
        dates.extend(
            Statute::all()
                .flat_map(|s| [s.valid_from(), s.valid_to()])
                .flatten(),
        );
        dates.extend(
            SpecialFeeLimits::standard()
                .iter()
                .flat_map(|l| [l.decided_from(), l.decided_to()])
                .flatten(),
        );
        dates.extend([NEW_SOL_IN_FORCE, SPECIAL_FEE_RAISED_FROM]);
        assert!(dates.iter().all(|d| *d != NaiveDate::MIN));
    }

    #[test]
    fn overlapping_entries_are_rejected() {
        let a = DutyEntry::new(
            Duty::InternalControl,
            Law::Kl,
            vec![],
            Some(date(2018, 1, 1)),
            Some(date(2020, 12, 31)),
            "",
        )
        .unwrap();
        let touching = DutyEntry::new(
            Duty::InternalControl,
            Law::Kl,
            vec![],
            Some(date(2020, 12, 31)),
            None,
            "",
        )
        .unwrap();
        let after = DutyEntry::new(
            Duty::InternalControl,
            Law::Kl,
            vec![],
            Some(date(2021, 1, 1)),
            None,
            "",
        )
        .unwrap();
        let err = DutyTable::new(vec![a.clone(), touching]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "duty table is invalid: two entries for sufficient internal control under KL overlap: 2018-01-01 – 2020-12-31 and 2020-12-31 – …"
        );
        assert!(DutyTable::new(vec![a, after]).is_ok());
    }

    #[test]
    fn special_fee_limits_rise_for_decisions_from_2026() {
        for law in [Law::SoL, Law::Lss] {
            let before = SpecialFeeLimits::for_decision(law, date(2025, 12, 31)).unwrap();
            let after = SpecialFeeLimits::for_decision(law, date(2026, 1, 1)).unwrap();
            assert_eq!(
                (before.min(), before.max()),
                (Amount::from_kr(10_000), Amount::from_kr(1_000_000))
            );
            assert_eq!(
                (after.min(), after.max()),
                (Amount::from_kr(15_000), Amount::from_kr(1_500_000))
            );
        }
        let old = SpecialFeeLimits::for_decision(Law::SoL, date(2025, 6, 30)).unwrap();
        assert_eq!(old.reference().to_short_string(), "16 kap. 6 b § SoL");
        let new = SpecialFeeLimits::for_decision(Law::SoL, date(2025, 7, 1)).unwrap();
        assert_eq!(new.reference().to_short_string(), "34 kap. 7 § SoL");
        assert!(matches!(
            SpecialFeeLimits::for_decision(Law::Lss, date(2001, 1, 1)),
            Err(CoreError::NoReferenceInForce { .. })
        ));
    }

    #[test]
    fn standard_fee_limits_pass_the_checks_of_new() {
        for l in SpecialFeeLimits::standard() {
            let rebuilt = SpecialFeeLimits::new(
                l.law(),
                l.reference().clone(),
                l.min(),
                l.max(),
                l.decided_from(),
                l.decided_to(),
            )
            .unwrap();
            assert_eq!(rebuilt, l);
        }
    }

    #[test]
    fn contradictory_fee_limits_are_rejected() {
        let lss = cite(LSS_1993, None, sl(28, 'b'), v(SRC_LSS));
        let kr = Amount::from_kr;
        let new = |law, reference: &LegalRef, min, max, from, to| {
            SpecialFeeLimits::new(law, reference.clone(), min, max, from, to)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            new(Law::Lss, &lss, kr(20), kr(10), None, None),
            "special fee limits are invalid: minimum 20 kr is above maximum 10 kr"
        );
        assert_eq!(
            new(Law::Lss, &lss, kr(-1), kr(10), None, None),
            "special fee limits are invalid: minimum -1 kr is negative"
        );
        assert_eq!(
            new(Law::SoL, &lss, kr(1), kr(10), None, None),
            "special fee limits are invalid: the limits for SoL cite 28 b § LSS, a provision of LSS"
        );
        assert_eq!(
            new(
                Law::Lss,
                &lss,
                kr(1),
                kr(10),
                Some(date(2026, 1, 1)),
                Some(date(2025, 1, 1))
            ),
            "special fee limits are invalid: the decision dates end (2025-01-01) before they start (2026-01-01)"
        );
        assert!(SpecialFeeLimits::new(Law::Lss, lss, kr(10), kr(10), None, None).is_ok());
    }

    #[test]
    fn backwards_ranges_are_invalid_references() {
        let err = LegalRef::new(SOL_2001, Some(16), sl(6, 'h'))
            .with_range_end(sl(6, 'f'))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"legal reference "16 kap. 6 h–6 f §§" is invalid: the range does not end after it starts"#
        );
    }

    #[test]
    fn no_reference_error_names_duty_scope_and_date() {
        let err = DutyTable::standard()
            .reference(Duty::ReportUnexecutedDecisions, Law::Lss, date(2000, 1, 1))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no legal reference for reporting unexecuted decisions to IVO and auditors under LSS is in force on 2000-01-01"
        );
    }

    #[test]
    fn docs_list_every_standard_reference() {
        let doc = include_str!("../../../docs/legal-references.md");
        for r in all_refs(&DutyTable::standard()) {
            assert!(
                doc.contains(&r.to_short_string()),
                "{r:#} missing from docs"
            );
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn table_round_trips_through_json_and_invalid_tables_are_rejected() {
        let table = DutyTable::standard();
        let json = serde_json::to_string(&table).unwrap();
        assert!(json.contains(r#""statute":"2001:453""#));
        assert!(json.contains(r#""section":"6 f""#));
        assert!(json.contains(r#""status":"unverified""#));
        let back: DutyTable = serde_json::from_str(&json).unwrap();
        assert_eq!(back, table);

        let mut doubled = table.entries().to_vec();
        doubled.extend(table.entries().iter().take(1).cloned());
        let json = serde_json::to_string(&doubled).unwrap();
        assert!(serde_json::from_str::<DutyTable>(&json).is_err());

        assert!(serde_json::from_str::<Statute>(r#""1980:620""#).is_err());
        assert_eq!(
            serde_json::from_str::<Statute>(r#""2025:400""#).unwrap(),
            SOL_2025
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn cited_references_are_written_with_their_status() {
        let r = LegalRef::new(OSL_2009, Some(25), s(1)).cited("HFD 2011 not 104");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"statute":"2009:400","chapter":25,"section":"1","through":null,"verification":{"status":"cited","source":"HFD 2011 not 104"}}"#
        );
        assert_eq!(serde_json::from_str::<LegalRef>(&json).unwrap(), r);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn invalid_references_are_rejected_when_read() {
        let json = |through: &str, verification: &str| {
            format!(
                r#"{{"statute":"2001:453","chapter":16,"section":"6 h","through":{through},"verification":{verification}}}"#
            )
        };
        let ok = json(
            r#""6 k""#,
            r#"{"status":"verified","source":"SFS 2001:453"}"#,
        );
        assert!(serde_json::from_str::<LegalRef>(&ok).is_ok());
        for (through, verification, message) in [
            (
                r#""6 f""#,
                r#"{"status":"unverified","note":"candidate"}"#,
                "the range does not end after it starts",
            ),
            (
                r#""6 h""#,
                r#"{"status":"unverified","note":"candidate"}"#,
                "the range does not end after it starts",
            ),
            (
                "null",
                r#"{"status":"verified","source":"  "}"#,
                "the source is blank",
            ),
            (
                "null",
                r#"{"status":"cited","source":""}"#,
                "the source is blank",
            ),
        ] {
            let err = serde_json::from_str::<LegalRef>(&json(through, verification)).unwrap_err();
            assert!(err.to_string().contains(message), "{err}");
            let entry = format!(
                r#"{{"duty":"special_fee","law":"SoL","refs":[{}],"valid_from":null,"valid_to":null,"note":""}}"#,
                json(through, verification)
            );
            assert!(serde_json::from_str::<DutyEntry>(&entry).is_err());
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn invalid_entries_are_rejected_when_read() {
        let entry = |from: &str, to: &str| {
            format!(
                r#"{{"duty":"internal_control","law":"KL","refs":[],"valid_from":{from},"valid_to":{to},"note":"ours"}}"#
            )
        };
        assert!(serde_json::from_str::<DutyEntry>(&entry(r#""2018-01-01""#, "null")).is_ok());
        let err = serde_json::from_str::<DutyEntry>(&entry(r#""2020-01-01""#, r#""2019-01-01""#))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("ends (2019-01-01) before it starts (2020-01-01)"),
            "{err}"
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn fee_limits_round_trip_and_invalid_limits_are_rejected() {
        for limits in SpecialFeeLimits::standard() {
            let json = serde_json::to_string(&limits).unwrap();
            assert_eq!(
                serde_json::from_str::<SpecialFeeLimits>(&json).unwrap(),
                limits
            );
        }
        let limits = SpecialFeeLimits::for_decision(Law::Lss, date(2026, 1, 1)).unwrap();
        let json = serde_json::to_string(&limits).unwrap();
        assert!(json.contains(r#""min":"15000","max":"1500000""#), "{json}");

        let swapped = json
            .replace(r#""min":"15000""#, r#""min":"X""#)
            .replace(r#""max":"1500000""#, r#""max":"15000""#)
            .replace(r#""min":"X""#, r#""min":"1500000""#);
        let err = serde_json::from_str::<SpecialFeeLimits>(&swapped).unwrap_err();
        assert!(
            err.to_string()
                .contains("minimum 1500000 kr is above maximum 15000 kr"),
            "{err}"
        );

        let other_law = json.replace(r#""law":"LSS""#, r#""law":"SoL""#);
        assert!(serde_json::from_str::<SpecialFeeLimits>(&other_law).is_err());

        let backwards = json.replace(r#""decided_to":null"#, r#""decided_to":"2025-01-01""#);
        assert!(serde_json::from_str::<SpecialFeeLimits>(&backwards).is_err());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema_describes_sfs_and_sections_as_strings() {
        let schema = schemars::schema_for!(DutyTable);
        let text = serde_json::to_string(&schema).unwrap();
        assert!(text.contains(r#""pattern":"^[0-9]{4}:[0-9]+$""#));
        assert!(text.contains("Section"));
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_dates_convert_both_ways() {
        let t = time::Date::from_calendar_date(2025, time::Month::July, 1).unwrap();
        assert_eq!(crate::date_from_time(t).unwrap(), date(2025, 7, 1));
        assert_eq!(option_to_time(Some(date(2025, 7, 1))).unwrap(), Some(t));
        assert_eq!(option_to_time(None).unwrap(), None);
        assert!(option_to_time(Some(date(20_000, 1, 1))).is_err());
        for limits in SpecialFeeLimits::standard() {
            assert_eq!(
                limits.decided_from_time().unwrap(),
                option_to_time(limits.decided_from()).unwrap()
            );
            assert_eq!(
                limits.decided_to_time().unwrap(),
                option_to_time(limits.decided_to()).unwrap()
            );
        }
        let table = DutyTable::standard();
        assert_eq!(
            table
                .reference_on_time(Duty::ChildInvestigation, Law::SoL, t)
                .unwrap()
                .cite_short(),
            "20 kap. 3 § SoL"
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_filter_map("valid day", NaiveDate::from_num_days_from_ce_opt)
    }

    fn near_date() -> impl Strategy<Value = NaiveDate> {
        (date(1990, 1, 1).num_days_from_ce()..=date(2040, 12, 31).num_days_from_ce())
            .prop_filter_map("valid day", NaiveDate::from_num_days_from_ce_opt)
    }

    use chrono::Datelike;

    proptest! {
        #[test]
        fn reference_never_panics_for_any_date(day in any_date(), duty: Duty, law: Law) {
            let table = DutyTable::standard();
            let _ = table.reference(duty, law, day);
            let _ = SpecialFeeLimits::for_decision(law, day);
            let _ = law.statute_on(day);
        }

        #[test]
        fn exactly_one_entry_is_in_force_where_one_exists(
            day in prop_oneof![any_date(), near_date()],
            duty: Duty,
            law: Law,
        ) {
            let table = DutyTable::standard();
            let in_force = table
                .iter()
                .filter(|e| e.duty() == duty && e.law() == law && e.in_force_on(day))
                .count();
            prop_assert!(in_force <= 1);
            match table.reference(duty, law, day) {
                Ok(entry) => {
                    prop_assert_eq!(in_force, 1);
                    prop_assert!(entry.in_force_on(day));
                }
                Err(CoreError::NoReferenceInForce { date, .. }) => {
                    prop_assert_eq!(in_force, 0);
                    prop_assert_eq!(date, day);
                }
                Err(other) => prop_assert!(false, "unexpected error {other:?}"),
            }
        }

        #[test]
        fn sfs_display_parses_back(sfs: Sfs) {
            prop_assert_eq!(sfs.to_string().parse::<Sfs>().unwrap(), sfs);
            prop_assert_eq!(format!("SFS {sfs}").parse::<Sfs>().unwrap(), sfs);
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,30}") {
            let _ = LegalRef::parse(&text, SOL_2001);
            let _ = text.parse::<Sfs>();
            let _ = text.parse::<Section>();
        }

        #[test]
        fn parse_error_positions_lie_within_the_input(text in "[0-9 a-zA-Z.§–-]{0,20}") {
            if let Err(CoreError::ParseLegalRef { position, .. }) = LegalRef::parse(&text, SOL_2001) {
                prop_assert!(position >= 1 && position <= text.len() + 1);
                prop_assert!(text.is_char_boundary(position - 1));
            }
        }
    }
}
