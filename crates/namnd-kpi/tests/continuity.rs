//! Staff continuity (personalkontinuitet): hand-computed examples for every
//! rule, bad input, and invariants.

// Test helpers outside `#[test]` functions may unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::{NaiveDate, NaiveDateTime};
use namnd_core::Decimal;
use namnd_kpi::KpiError;
use namnd_kpi::continuity::{
    Continuity, ContinuityConfig, ContinuityReport, ContinuityResult, ExclusionReason,
    RejectionReason, UnknownVisitTypes, Visit, VisitColumns, continuity_from_csv,
};
use proptest::prelude::*;

const HEADER: &str = "brukare,fodd,personal,start,slut,typ\n";
const OLD: &str = "1950-01-01";

fn from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()
}

fn day(i: u32) -> NaiveDate {
    from() + chrono::Days::new(u64::from(i))
}

fn at(i: u32, hhmm: &str) -> String {
    format!("{}T{hhmm}", day(i))
}

fn row(recipient: &str, born: &str, staff: &str, i: u32, hhmm: &str, kind: &str) -> String {
    format!(
        "{recipient},{born},{staff},{},{},{kind}\n",
        at(i, hhmm),
        at(i, "23:59")
    )
}

/// Two visits every day at 08:00 and 18:00, by `staff(day, slot)`.
fn full(recipient: &str, born: &str, staff: impl Fn(u32, u32) -> String) -> String {
    let mut out = String::new();
    for d in 0..14 {
        out += &row(recipient, born, &staff(d, 0), d, "08:00", "omsorg");
        out += &row(recipient, born, &staff(d, 1), d, "18:00", "omsorg");
    }
    out
}

fn run_with(csv: &str, columns: &VisitColumns, config: ContinuityConfig) -> ContinuityReport {
    continuity_from_csv(csv.as_bytes(), "besok.csv", columns, config).unwrap()
}

fn run(body: &str) -> ContinuityReport {
    run_with(
        &format!("{HEADER}{body}"),
        &VisitColumns::default(),
        ContinuityConfig::new(from()),
    )
}

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

fn excluded(result: &ContinuityResult, reason: ExclusionReason) -> u64 {
    result.excluded[&reason]
}

#[test]
fn two_staff_every_day_is_included_with_two() {
    let r = run(&full("A", OLD, |_, s| format!("p{s}"))).result;
    assert_eq!(r.included, 1);
    assert_eq!(r.mean, dec("2.00"));
    assert_eq!(r.median, dec("2.00"));
    assert_eq!(r.visits.counted, 28);
}

#[test]
fn distinct_staff_are_counted_once_each() {
    // Morning visits by p0..p13 (14 different), evening always by p0: 14 distinct.
    let r = run(&full("A", OLD, |d, s| {
        if s == 0 { format!("p{d}") } else { "p0".into() }
    }))
    .result;
    assert_eq!(r.mean, dec("14.00"));
}

#[test]
fn a_visit_at_0659_does_not_count_but_0700_does() {
    // Day 3's morning visit at 06:59 leaves one counted visit that day: excluded.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body = body.replace(&format!("{}T08:00", day(3)), &format!("{}T06:59", day(3)));
    let r = run(&body).result;
    assert_eq!(
        (
            r.included,
            excluded(&r, ExclusionReason::TooFewVisitsOnSomeDay)
        ),
        (0, 1)
    );
    assert_eq!(r.visits.outside_hours, 1);

    let body = full("A", OLD, |_, s| format!("p{s}"))
        .replace(&format!("{}T08:00", day(3)), &format!("{}T07:00", day(3)));
    assert_eq!(run(&body).result.included, 1);
}

#[test]
fn a_visit_at_2159_counts_but_2200_does_not() {
    let body = full("A", OLD, |_, s| format!("p{s}"))
        .replace(&format!("{}T18:00", day(13)), &format!("{}T21:59", day(13)));
    assert_eq!(run(&body).result.included, 1);

    let body = full("A", OLD, |_, s| format!("p{s}"))
        .replace(&format!("{}T18:00", day(13)), &format!("{}T22:00", day(13)));
    let r = run(&body).result;
    assert_eq!(r.included, 0);
    assert_eq!(excluded(&r, ExclusionReason::TooFewVisitsOnSomeDay), 1);
}

#[test]
fn an_extra_visit_at_2200_by_another_staff_does_not_add_a_staff() {
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &row("A", OLD, "night", 2, "22:00", "omsorg");
    body += &row("A", OLD, "early", 2, "06:59", "omsorg");
    let r = run(&body).result;
    assert_eq!(r.mean, dec("2.00"));
    assert_eq!(r.visits.outside_hours, 2);
}

#[test]
fn age_64_on_the_first_day_is_excluded_and_65_is_included() {
    // 65th birthday on 6 October 2026: 64 on the first day (5 October).
    let r = run(&full("A", "1961-10-06", |_, s| format!("p{s}"))).result;
    assert_eq!(
        (r.included, excluded(&r, ExclusionReason::UnderAge)),
        (0, 1)
    );
    // 65th birthday on the first day itself.
    let r = run(&full("A", "1961-10-05", |_, s| format!("p{s}"))).result;
    assert_eq!(r.included, 1);
}

#[test]
fn excluded_types_do_not_count_in_any_case() {
    for kind in ["trygghetslarm", "Matleverans", "HSL"] {
        // Replace the evening visit of day 7 with the excluded type.
        let body = full("A", OLD, |_, s| format!("p{s}")).replace(
            &format!("{},{},omsorg", at(7, "18:00"), at(7, "23:59")),
            &format!("{},{},{kind}", at(7, "18:00"), at(7, "23:59")),
        );
        let r = run(&body).result;
        assert_eq!(r.included, 0, "{kind}");
        assert_eq!(r.visits.excluded_type, 1, "{kind}");
        assert!(r.unknown_types.is_empty());
    }
    // An extra excluded visit by a new staff member adds no staff.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &row("A", OLD, "larm", 1, "12:00", "TRYGGHETSLARM");
    assert_eq!(run(&body).result.mean, dec("2.00"));
}

#[test]
fn one_visit_on_one_day_excludes() {
    let body: String = full("A", OLD, |_, s| format!("p{s}"))
        .lines()
        .filter(|l| !l.contains(&at(9, "18:00")))
        .map(|l| format!("{l}\n"))
        .collect();
    let r = run(&body).result;
    assert_eq!(r.included, 0);
    assert_eq!(excluded(&r, ExclusionReason::TooFewVisitsOnSomeDay), 1);
    assert_eq!(r.mean, None);
    assert_eq!(
        serde_json::to_value(&r).unwrap()["mean"],
        serde_json::Value::Null
    );
}

#[test]
fn no_counted_visits_is_its_own_reason() {
    let body =
        row("A", OLD, "p1", 0, "06:00", "omsorg") + &row("A", OLD, "p1", 20, "08:00", "omsorg");
    let r = run(&body).result;
    assert_eq!(excluded(&r, ExclusionReason::NoCountedVisits), 1);
    assert_eq!((r.visits.outside_hours, r.visits.outside_window), (1, 1));
}

#[test]
fn visits_outside_the_window_do_not_count() {
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body +=
        &row("A", OLD, "before", 0, "08:00", "omsorg").replace(&day(0).to_string(), "2026-10-04");
    body += &row("A", OLD, "after", 14, "08:00", "omsorg");
    let r = run(&body).result;
    assert_eq!((r.mean, r.visits.outside_window), (dec("2.00"), 2));
    assert_eq!(r.to, NaiveDate::from_ymd_opt(2026, 10, 18).unwrap());
}

#[test]
fn odd_median_is_the_middle_value_and_mean_rounds_half_away_from_zero() {
    // Values 2, 3, 4: mean 3, median 3.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &full("B", OLD, |d, s| format!("p{}", (d + s) % 3));
    body += &full("C", OLD, |d, s| format!("p{}", (2 * d + s) % 4));
    let r = run(&body).result;
    assert_eq!(r.included, 3);
    assert_eq!((r.mean, r.median), (dec("3.00"), dec("3.00")));

    // Values 2, 2, 3: mean 7/3 = 2.333… → 2.33, median 2.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &full("B", OLD, |_, s| format!("q{s}"));
    body += &full("C", OLD, |d, s| format!("p{}", (d + s) % 3));
    let r = run(&body).result;
    assert_eq!((r.mean, r.median), (dec("2.33"), dec("2.00")));

    // Values 2, 3, 3: mean 8/3 = 2.666… → 2.67.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &full("B", OLD, |d, s| format!("q{}", (d + s) % 3));
    body += &full("C", OLD, |d, s| format!("r{}", (d + s) % 3));
    assert_eq!(run(&body).result.mean, dec("2.67"));
}

#[test]
fn mean_half_rounds_away_from_zero() {
    // Eight recipients: seven with 2 staff, one with 3 → 17/8 = 2.125 → 2.13
    // (half even would give 2.12).
    let mut body = String::new();
    for i in 0..7 {
        body += &full(&format!("R{i}"), OLD, |_, s| format!("p{s}"));
    }
    body += &full("R7", OLD, |d, s| format!("p{}", (d + s) % 3));
    let r = run(&body).result;
    assert_eq!(r.included, 8);
    assert_eq!(r.mean, dec("2.13"));
    assert_eq!(serde_json::to_value(&r).unwrap()["mean"], "2.13");
}

#[test]
fn even_median_is_the_mean_of_the_two_middle_values() {
    // Values 2, 3, 4, 14: median (3 + 4) / 2 = 3.5, mean 23/4 = 5.75.
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += &full("B", OLD, |d, s| format!("p{}", (d + s) % 3));
    body += &full("C", OLD, |d, s| format!("p{}", (2 * d + s) % 4));
    body += &full(
        "D",
        OLD,
        |d, s| if s == 0 { format!("x{d}") } else { "x0".into() },
    );
    let r = run(&body).result;
    assert_eq!((r.mean, r.median), (dec("5.75"), dec("3.50")));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        (json["mean"].as_str(), json["median"].as_str()),
        (Some("5.75"), Some("3.50"))
    );
}

#[test]
fn per_unit_and_municipality() {
    let with_unit = |text: String, unit: &str| -> String {
        text.lines().map(|l| format!("{l},{unit}\n")).collect()
    };
    let mut body = with_unit(full("A", OLD, |_, s| format!("p{s}")), "Norr");
    body += &with_unit(
        full("B", OLD, |d, s| format!("p{}", (2 * d + s) % 4)),
        "Norr",
    );
    body += &with_unit(full("C", OLD, |d, s| format!("p{}", (d + s) % 3)), "Söder");
    body += &with_unit(full("D", "1970-01-01", |_, s| format!("p{s}")), "Söder");
    let csv = format!("brukare,fodd,personal,start,slut,typ,enhet\n{body}");
    let report = run_with(
        &csv,
        &VisitColumns::default().unit("enhet"),
        ContinuityConfig::new(from()),
    );
    let r = report.result;
    assert_eq!(
        (r.included, r.mean, r.median),
        (3, dec("3.00"), dec("3.00"))
    );
    let units = r.by_unit.as_ref().unwrap();
    let norr = &units["Norr"];
    assert_eq!(
        (norr.included, norr.mean, norr.median),
        (2, dec("3.00"), dec("3.00"))
    );
    let soder = &units["Söder"];
    assert_eq!((soder.included, soder.mean), (1, dec("3.00")));
    assert_eq!(soder.excluded[&ExclusionReason::UnderAge], 1);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["by_unit"]["Norr"]["included"], 2);
    assert_eq!(json["by_unit"]["Söder"]["excluded"]["under_65"], 1);
}

#[test]
fn json_follows_the_cli_contract() {
    let report = run(&full("A", OLD, |_, s| format!("p{s}")));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["included"], 1);
    assert_eq!(json["mean"], "2.00");
    assert_eq!(json["median"], "2.00");
    assert_eq!(json["from"], "2026-10-05");
    assert_eq!(json["excluded"]["too_few_visits_on_some_day"], 0);
    assert_eq!(json["excluded"]["no_counted_visits"], 0);
    assert!(json.get("by_unit").is_none());
    assert_eq!(json["import"]["rows_accepted"], 28);
}

#[test]
fn mapped_column_names_and_column_order() {
    let body: String = full("A", OLD, |_, s| format!("p{s}"))
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{};{};{};{};{};{}\n", f[5], f[4], f[3], f[2], f[1], f[0])
        })
        .collect();
    let csv = format!("insats;till;fran;utforare;fodelsedatum;kund\n{body}").replace(';', ",");
    let columns = VisitColumns::default()
        .recipient("kund")
        .birth_date("fodelsedatum")
        .staff("utforare")
        .start("fran")
        .end("till")
        .visit_type("insats");
    let r = run_with(&csv, &columns, ContinuityConfig::new(from())).result;
    assert_eq!((r.included, r.mean), (1, dec("2.00")));
}

// ------------------------------------------------------------- bad input

#[test]
fn unknown_visit_types_are_counted_and_reported() {
    let body = full("A", OLD, |_, s| format!("p{s}")).replace(
        &format!("{},{},omsorg", at(4, "18:00"), at(4, "23:59")),
        &format!("{},{},Promenad", at(4, "18:00"), at(4, "23:59")),
    );
    let r = run(&body).result;
    assert_eq!(r.included, 1);
    assert_eq!(r.unknown_types.get("promenad"), Some(&1));
    assert_eq!(r.visits.unknown_type, 1);

    let config = ContinuityConfig::new(from()).unknown_types(UnknownVisitTypes::ExcludeAndReport);
    let r = run_with(&format!("{HEADER}{body}"), &VisitColumns::default(), config).result;
    assert_eq!(r.included, 0);
    assert_eq!(r.unknown_types.get("promenad"), Some(&1));

    let config = ContinuityConfig::new(from())
        .with_counted_type("PROMENAD")
        .unwrap();
    let r = run_with(&format!("{HEADER}{body}"), &VisitColumns::default(), config).result;
    assert!(r.unknown_types.is_empty());
    assert_eq!(r.included, 1);
}

#[test]
fn malformed_times_and_birth_dates_are_rejected_with_file_line_and_column() {
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += "B,1950-02-30,p1,2026-10-05T08:00,2026-10-05T09:00,omsorg\n"; // line 30
    body += "B,1950-01-01,p1,2026-10-05 08:00,2026-10-05T09:00,omsorg\n"; // line 31
    body += "B,1950-01-01,p1,2026-10-05T08:00,2026-10-05T24:00,omsorg\n"; // line 32
    body += "B,1950-01-01,,2026-10-05T08:00,2026-10-05T09:00,omsorg\n"; // line 33
    body += "B,1950-01-01,p1,2026-10-05T09:00,2026-10-05T08:00,omsorg\n"; // line 34
    body += "B,1950-01-01,p1,2026-10-05T08:00\n"; // line 35
    let report = run(&body);
    let import = &report.import;
    assert_eq!(
        (import.rows_read, import.rows_accepted, import.rows_rejected),
        (34, 28, 6)
    );
    let lines: Vec<(u64, Option<&str>)> = import
        .rejections
        .iter()
        .map(|r| (r.line, r.column.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            (30, Some("fodd")),
            (31, Some("start")),
            (32, Some("slut")),
            (33, Some("personal")),
            (34, Some("slut")),
            (35, None),
        ]
    );
    let messages: Vec<String> = import
        .rejections
        .iter()
        .map(|r| r.error.to_string())
        .collect();
    assert_eq!(
        messages[0],
        "invalid fodd at besok.csv line 30 column fodd; expected a date YYYY-MM-DD"
    );
    assert_eq!(
        messages[1],
        r#"invalid start "2026-10-05 08:00" at besok.csv line 31 column start; expected a time YYYY-MM-DDTHH:MM"#
    );
    assert_eq!(
        messages[3],
        r#"invalid personal "" at besok.csv line 33 column personal; expected a non-empty value"#
    );
    assert_eq!(
        messages[4],
        "visit at besok.csv line 34 ends at 2026-10-05T08:00 before it starts at 2026-10-05T09:00"
    );
    assert_eq!(
        messages[5],
        "visit log row at besok.csv line 35 has 4 fields; the header has 6"
    );
    // The good rows still give a result.
    assert_eq!(report.result.included, 1);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["import"]["rejections"][0]["line"], 30);
    assert!(
        !json["import"]["rejections"][0]["message"]
            .as_str()
            .unwrap()
            .contains("1950-02-30")
    );
}

#[test]
fn personnummer_recipient_ids_are_rejected_and_never_echoed() {
    let pnr = "19121212-1212";
    let body = format!(
        "{pnr},1912-12-12,p1,2026-10-05T08:00,2026-10-05T09:00,omsorg\n\
         191212121212,1912-12-13,p1,2026-10-05T09:00,2026-10-05T10:00,omsorg\n\
         B,1912-12-12,p1,2026-10-05T09:00,2026-10-05T10:00,{pnr}\n\
         B,1912-12-12,p1,{pnr},2026-10-05T10:00,omsorg\n"
    );
    let report = run(&body);
    // Both personnummer recipients, and the start that is no time.
    assert_eq!(report.import.rows_rejected, 3);
    assert_eq!(
        report.import.rejected_by_reason[&RejectionReason::Personnummer],
        2
    );
    assert_eq!(
        report.import.rejected_by_reason[&RejectionReason::InvalidTime],
        1
    );
    let json = serde_json::to_string(&report).unwrap();
    let debug = format!("{report:?}");
    for text in [json.as_str(), debug.as_str()] {
        assert!(!text.contains("1212-1212"), "{text}");
        assert!(!text.contains("191212121212"), "{text}");
    }
    assert!(
        report.import.rejections[2]
            .error
            .to_string()
            .contains("[personnummer]")
    );
}

#[test]
fn missing_column_is_a_whole_file_error_but_a_broken_row_is_only_rejected() {
    let err = continuity_from_csv(
        "brukare,fodd,personal,start,slut\n".as_bytes(),
        "besok.csv",
        &VisitColumns::default(),
        ContinuityConfig::new(from()),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"visit log besok.csv has no column "typ" in its header"#
    );
    assert!(matches!(err, KpiError::VisitLogColumnMissing { .. }));

    // Invalid UTF-8 in one field of line 2: only that row is rejected.
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"A,1950-01-01,p\xff,2026-10-05T08:00,2026-10-05T09:00,omsorg\n");
    bytes.extend_from_slice(full("B", OLD, |_, s| format!("p{s}")).as_bytes());
    bytes.extend_from_slice(b"C,1950-01-01,p1,2026-10-05T08:00,2026-10-05T09:00,om\xe5sorg\n");
    let report = continuity_from_csv(
        &bytes[..],
        "besok.csv",
        &VisitColumns::default(),
        ContinuityConfig::new(from()),
    )
    .unwrap();
    let import = &report.import;
    assert_eq!(
        (import.rows_read, import.rows_accepted, import.rows_rejected),
        (30, 28, 2)
    );
    assert_eq!(import.rejected_by_reason[&RejectionReason::InvalidUtf8], 2);
    assert_eq!(import.rejected_by_reason[&RejectionReason::FieldCount], 0);
    let first = &import.rejections[0];
    assert_eq!(
        (first.line, first.column.as_deref(), first.reason),
        (2, Some("personal"), RejectionReason::InvalidUtf8)
    );
    assert_eq!(
        first.error.to_string(),
        "invalid personal at besok.csv line 2 column personal; expected valid UTF-8 text"
    );
    let last = &import.rejections[1];
    assert_eq!((last.line, last.column.as_deref()), (31, Some("typ")));
    // B is still computed from the rest of the file.
    assert_eq!(report.result.included, 1);
    assert_eq!(report.result.mean, dec("2.00"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["import"]["rejected_by_reason"]["invalid_utf8"], 2);
    assert_eq!(json["import"]["rejections"][0]["reason"], "invalid_utf8");
}

#[test]
fn a_header_that_is_not_utf8_is_a_whole_file_error() {
    let bytes = b"brukare,f\xf6dd,personal,start,slut,typ\n".to_vec();
    let err = continuity_from_csv(
        &bytes[..],
        "besok.csv",
        &VisitColumns::default(),
        ContinuityConfig::new(from()),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "visit log could not be read at besok.csv line 1: the header is not valid UTF-8"
    );
}

#[test]
fn long_values_are_cut_to_40_characters_in_messages_and_unknown_types() {
    let long = "x".repeat(200);
    let mut body = format!("A,1950-01-01,p1,{long},2026-10-05T09:00,omsorg\n");
    body += &row("B", OLD, "p1", 0, "08:00", &format!("typ{long}"));
    let report = run(&body);
    let KpiError::InvalidVisitField { value, .. } = &report.import.rejections[0].error else {
        panic!("{:?}", report.import.rejections);
    };
    let value = value.as_deref().unwrap();
    assert_eq!(value.chars().count(), 40);
    assert!(value.ends_with('…'));
    let (name, count) = report.result.unknown_types.iter().next().unwrap();
    assert_eq!((name.chars().count(), *count), (40, 1));
    assert!(name.starts_with("typxxx") && name.ends_with('…'));
}

#[test]
fn units_whose_masked_names_collide_are_merged_and_reported() {
    let columns = VisitColumns::default().unit("enhet");
    let header = "brukare,fodd,personal,start,slut,typ,enhet\n";
    let with_unit = |body: String, unit: &str| {
        body.lines()
            .map(|l| format!("{l},{unit}\n"))
            .collect::<String>()
    };
    let mut csv = header.to_owned();
    csv += &with_unit(
        full("A", OLD, |_, s| format!("a{s}")),
        "Grupp 19121212-1212",
    );
    csv += &with_unit(
        full("B", OLD, |d, _| format!("b{d}")),
        "Grupp 19400101-1234",
    );
    csv += &with_unit(full("C", OLD, |_, _| "c".into()), "Norr");
    let report = run_with(&csv, &columns, ContinuityConfig::new(from()));
    let by_unit = report.result.by_unit.as_ref().unwrap();
    assert_eq!(by_unit.len(), 2, "{by_unit:?}");
    let (masked, merged) = by_unit.iter().find(|(k, _)| *k != "Norr").unwrap();
    assert!(
        !masked.contains("1212") && !masked.contains("1234"),
        "{masked}"
    );
    // A (2 staff) and B (14 staff) together: mean 8, not one overwriting the other.
    assert_eq!(merged.included, 2);
    assert_eq!(merged.mean, dec("8.00"));
    assert_eq!(
        report.result.merged_units.get(masked.as_str()),
        Some(&2),
        "{:?}",
        report.result.merged_units
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("19121212") && !json.contains("19400101"));
    assert_eq!(by_unit["Norr"].included, 1);
}

#[test]
fn by_unit_is_present_when_a_unit_column_is_given_even_without_rows() {
    let columns = VisitColumns::default().unit("enhet");
    let report = run_with(
        "brukare,fodd,personal,start,slut,typ,enhet\n",
        &columns,
        ContinuityConfig::new(from()),
    );
    assert_eq!(report.result.by_unit, Some(Default::default()));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["by_unit"], serde_json::json!({}));
    assert!(json.get("merged_units").is_none());
    // Without a unit column there is no `by_unit`.
    let json = serde_json::to_value(run("")).unwrap();
    assert!(json.get("by_unit").is_none());
}

// ------------------------------------------------------------ invariants

#[derive(Debug, Clone)]
struct Log {
    visits: Vec<(String, NaiveDate, String, NaiveDateTime, String, String)>,
}

fn compute(
    visits: &[(String, NaiveDate, String, NaiveDateTime, String, String)],
) -> ContinuityResult {
    let mut c = Continuity::new(ContinuityConfig::new(from()));
    for (r, b, s, t, k, u) in visits {
        c.add(&Visit::new(r, *b, s, *t, *t, k).with_unit(u))
            .unwrap();
    }
    c.finish().unwrap()
}

/// Logs of up to 6 recipients (one unit each), most visiting twice or more a
/// day, with random staff, hours, types and gaps; some recipients give a
/// second, conflicting birth date on some of their extra visits.
fn arb_log() -> impl Strategy<Value = Log> {
    let births =
        || prop::sample::select(vec!["1950-01-01", "1961-10-05", "1961-10-06", "1940-02-29"]);
    let recipient = (
        births(),
        prop::collection::vec(
            (
                0u32..16,
                prop::sample::select(vec!["06:59", "07:00", "12:00", "21:59", "22:00", "08:30"]),
                0u32..6,
                prop::sample::select(vec!["omsorg", "HSL", "service", "okänd"]),
                prop::bool::weighted(0.2),
            ),
            0..12,
        ),
        prop::bool::ANY,
        prop::sample::select(vec!["Norr", "Söder"]),
        prop::option::weighted(0.3, births()),
    );
    prop::collection::vec(recipient, 1..6).prop_map(|recipients| {
        let mut visits = Vec::new();
        for (i, (born, extra, dense, unit, other_birth)) in recipients.into_iter().enumerate() {
            let id = format!("R{i}");
            let born = NaiveDate::parse_from_str(born, "%Y-%m-%d").unwrap();
            let other_birth =
                other_birth.map(|b| NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap());
            if dense {
                for d in 0..14 {
                    for (slot, hhmm) in ["08:00", "17:00"].into_iter().enumerate() {
                        let t =
                            NaiveDateTime::parse_from_str(&at(d, hhmm), "%Y-%m-%dT%H:%M").unwrap();
                        let staff = format!("p{}", (d as usize * 3 + slot + i) % 5);
                        visits.push((id.clone(), born, staff, t, "omsorg".into(), unit.into()));
                    }
                }
            }
            for (d, hhmm, staff, kind, conflicting) in extra {
                let t = NaiveDateTime::parse_from_str(&at(d, hhmm), "%Y-%m-%dT%H:%M").unwrap();
                let born = match other_birth {
                    Some(other) if conflicting => other,
                    _ => born,
                };
                visits.push((
                    id.clone(),
                    born,
                    format!("p{staff}"),
                    t,
                    kind.into(),
                    unit.into(),
                ));
            }
        }
        Log { visits }
    })
}

proptest! {
    #[test]
    fn result_does_not_depend_on_visit_order(log in arb_log(), seed in any::<u64>()) {
        let expected = compute(&log.visits);
        // Recipients with two birth dates are excluded for it, never judged by age.
        let conflicting = log.visits.iter().any(|a| {
            log.visits.iter().any(|b| a.0 == b.0 && a.1 != b.1)
        });
        if !conflicting {
            prop_assert_eq!(expected.excluded[&ExclusionReason::ConflictingBirthDates], 0);
        }
        let mut shuffled = log.visits.clone();
        // Deterministic shuffle from the seed (Fisher–Yates with an LCG).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = usize::try_from((state >> 33) % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        prop_assert_eq!(compute(&shuffled), expected.clone());
        let mut reversed = log.visits.clone();
        reversed.reverse();
        prop_assert_eq!(compute(&reversed), expected);
    }

    #[test]
    fn adding_a_visit_by_an_already_counted_staff_member_changes_nothing(
        log in arb_log(),
        pick in any::<prop::sample::Index>(),
        hhmm in prop::sample::select(vec!["07:00", "10:15", "21:59"]),
    ) {
        let before = compute(&log.visits);
        // Counted visits on days that already have at least two counted visits.
        let counted: Vec<_> = log.visits.iter().filter(|(_, _, _, t, k, _)| {
            let h = t.format("%H:%M").to_string();
            k != "HSL" && h.as_str() >= "07:00" && h.as_str() < "22:00" && t.date() >= from() && t.date() <= day(13)
        }).collect();
        let busy: Vec<_> = counted.iter().filter(|(r, _, _, t, _, _)| {
            counted.iter().filter(|(r2, _, _, t2, _, _)| r2 == r && t2.date() == t.date()).count() >= 2
        }).collect();
        prop_assume!(!busy.is_empty());
        let (r, b, s, t, _, u) = (**pick.get(&busy)).clone();
        // Same recipient, same staff member, same day, within hours; excluded
        // staff counts aside, only the visit tallies may change.
        let new_time = NaiveDateTime::parse_from_str(&format!("{}T{hhmm}", t.date()), "%Y-%m-%dT%H:%M").unwrap();
        let mut visits = log.visits.clone();
        visits.push((r, b, s, new_time, "omsorg".into(), u));
        let after = compute(&visits);
        prop_assert_eq!(after.included, before.included);
        prop_assert_eq!(&after.excluded, &before.excluded);
        prop_assert_eq!(after.mean, before.mean);
        prop_assert_eq!(after.median, before.median);
        prop_assert_eq!(&after.by_unit, &before.by_unit);
    }

    #[test]
    fn a_day_below_two_visits_always_excludes(
        log in arb_log(),
        pick in any::<prop::sample::Index>(),
        gap in 0u32..14,
    ) {
        // Drop all but (at most) one of a recipient's visits on day `gap`.
        let ids: Vec<String> = log.visits.iter().map(|v| v.0.clone()).collect();
        prop_assume!(!ids.is_empty());
        let victim = pick.get(&ids).clone();
        let mut kept_one = false;
        let visits: Vec<_> = log.visits.iter().filter(|(r, _, _, t, _, _)| {
            if *r != victim || t.date() != day(gap) {
                return true;
            }
            let keep = !kept_one;
            kept_one = true;
            keep
        }).cloned().collect();
        let result = compute(&visits);
        // Only a recipient with a row in the window of a type that is not
        // excluded belongs to the population.
        let in_population = visits.iter().any(|(r, _, _, t, k, _)| {
            *r == victim && t.date() >= from() && t.date() <= day(13) && k != "HSL"
        });
        let total_recipients: u64 = result.excluded.values().sum::<u64>() + result.included;
        let mut without = visits.clone();
        without.retain(|v| v.0 != victim);
        let others = compute(&without);
        // The victim is excluded: removing them leaves `included` unchanged.
        prop_assert_eq!(result.included, others.included);
        prop_assert_eq!(
            total_recipients,
            others.excluded.values().sum::<u64>() + others.included + u64::from(in_population)
        );
    }
}

// ------------------------------------------------------- review fixes

#[test]
fn birth_date_messages_name_neither_the_recipient_nor_the_dates() {
    let mut body = full("Kalle", OLD, |_, s| format!("p{s}"));
    body += "Kalle,1951-07-13,p1,2026-10-05T09:00,2026-10-05T10:00,omsorg\n";
    body += "Kalle,1950-02-30,p1,2026-10-05T09:00,2026-10-05T10:00,omsorg\n";
    body += "Kalle,13/07/1951,p1,2026-10-05T09:00,2026-10-05T10:00,omsorg\n";
    let report = run(&body);
    assert_eq!(report.import.rows_rejected, 2);
    let json = serde_json::to_string(&report).unwrap();
    for secret in [
        "Kalle",
        "1950-01-01",
        "1951-07-13",
        "1950-02-30",
        "13/07/1951",
    ] {
        assert!(!json.contains(secret), "{secret} in {json}");
    }
    assert!(json.contains("invalid fodd at besok.csv line 31 column fodd"));
}

#[test]
fn conflicting_birth_dates_exclude_the_recipient_in_any_order() {
    let young = full("A", "1970-01-01", |_, s| format!("p{s}"));
    let old = full("A", OLD, |_, s| format!("p{s}"));
    for body in [format!("{old}{young}"), format!("{young}{old}")] {
        let report = run(&body);
        let r = &report.result;
        assert_eq!(r.included, 0);
        assert_eq!(excluded(r, ExclusionReason::ConflictingBirthDates), 1);
        assert_eq!(excluded(r, ExclusionReason::UnderAge), 0);
        assert_eq!(report.import.rows_rejected, 0);
        let json = serde_json::to_value(r).unwrap();
        assert_eq!(json["excluded"]["conflicting_birth_dates"], 1);
    }
}

#[test]
fn national_exclusions_cannot_be_counted() {
    for kind in [
        "trygghetslarm",
        "Matleverans",
        "matleveranser",
        " HSL ",
        "Hemsjukvård",
    ] {
        let err = ContinuityConfig::new(from())
            .with_counted_type(kind)
            .unwrap_err();
        assert!(
            matches!(err, KpiError::NationalExclusionNotCountable { .. }),
            "{kind}"
        );
        assert!(err.to_string().contains("national definition"), "{err}");
    }
    // A local exclusion can be counted again.
    let config = ContinuityConfig::new(from())
        .with_excluded_type("Promenad")
        .with_counted_type("promenad")
        .unwrap();
    let body = full("A", OLD, |_, s| format!("p{s}")).replace("omsorg", "promenad");
    let r = run_with(&format!("{HEADER}{body}"), &VisitColumns::default(), config).result;
    assert_eq!(r.included, 1);
}

#[test]
fn rows_outside_the_window_or_of_excluded_types_add_no_recipient() {
    let base = full("A", OLD, |_, s| format!("p{s}"))
        + &row("Y", "1970-01-01", "p1", 3, "08:00", "omsorg");
    let before = run(&base).result;
    let mut body = base.clone();
    // A month of visits for new recipients, all outside the window…
    for d in 14..40 {
        body += &row("B", OLD, "p1", d, "08:00", "omsorg");
        body += &row("C", "1970-01-01", "p1", d, "08:00", "omsorg");
    }
    body += &row("D", OLD, "p1", 0, "08:00", "omsorg").replace("2026-10-05", "2026-09-20");
    // …or inside it but only of excluded types.
    body += &row("E", OLD, "p1", 2, "08:00", "trygghetslarm");
    body += &row("E", OLD, "p1", 20, "08:00", "omsorg");
    let after = run(&body).result;
    assert_eq!(after.included, before.included);
    assert_eq!(after.excluded, before.excluded);
    assert_eq!((after.mean, after.median), (before.mean, before.median));
    assert_eq!(after.visits.outside_window, 26 * 2 + 2);
    assert_eq!(after.visits.excluded_type, 1);
    // Without excluded types too: an unknown type excluded by policy.
    let config = ContinuityConfig::new(from()).unknown_types(UnknownVisitTypes::ExcludeAndReport);
    let body = base.clone() + &row("F", OLD, "p1", 2, "08:00", "okänd");
    let r = run_with(&format!("{HEADER}{body}"), &VisitColumns::default(), config).result;
    assert_eq!(
        (r.included, &r.excluded),
        (before.included, &before.excluded)
    );
}

#[test]
fn rows_with_the_wrong_field_count_are_rejected_one_by_one() {
    let mut body = full("A", OLD, |_, s| format!("p{s}"));
    body += "B,1950-01-01,p1\n"; // line 30
    body += "B,1950-01-01,p1,2026-10-05T08:00,2026-10-05T09:00,omsorg,extra\n"; // line 31
    let report = run(&body);
    assert_eq!(report.result.included, 1);
    let import = &report.import;
    assert_eq!(
        (import.rows_read, import.rows_accepted, import.rows_rejected),
        (30, 28, 2)
    );
    let rejections: Vec<(u64, Option<&str>, String)> = import
        .rejections
        .iter()
        .map(|r| (r.line, r.column.as_deref(), r.error.to_string()))
        .collect();
    assert_eq!(
        rejections,
        [
            (
                30,
                None,
                "visit log row at besok.csv line 30 has 3 fields; the header has 6".to_owned()
            ),
            (
                31,
                None,
                "visit log row at besok.csv line 31 has 7 fields; the header has 6".to_owned()
            ),
        ]
    );
    assert!(matches!(
        import.rejections[0].error,
        KpiError::VisitRowFieldCount {
            found: 3,
            expected: 6,
            ..
        }
    ));
}
