//! Every public parser of the shared vocabulary returns an error, never a
//! panic, on any text; and no error message echoes a personal identity number.

use namnd::law::{LegalRef, Statute};
use namnd::{
    Account, AccountGroup, Amount, Period, Personnummer, Pseudonym, ReportingPeriod,
    SignConvention, SwedishNumber, Unit, UnitPath, YearMonth, redact_identity_numbers,
};
use proptest::prelude::*;

fn reference_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Every parser's error message for `text`, if it fails.
fn errors_for(text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let mut push = |r: Result<(), namnd::CoreError>| {
        if let Err(e) = r {
            errors.push(e.to_string());
        }
    };
    push(SwedishNumber::parse(text).map(drop));
    push(text.parse::<Amount>().map(drop));
    push(text.parse::<Unit>().map(drop));
    push(text.parse::<YearMonth>().map(drop));
    push(text.parse::<Period>().map(drop));
    push(text.parse::<ReportingPeriod>().map(drop));
    push(text.parse::<SignConvention>().map(drop));
    push(text.parse::<UnitPath>().map(drop));
    push(text.parse::<Account>().map(drop));
    push(text.parse::<AccountGroup>().map(drop));
    push(text.parse::<Pseudonym>().map(drop));
    push(Personnummer::parse(text, reference_date()).map(drop));
    for statute in Statute::all() {
        push(LegalRef::parse(text, statute).map(drop));
    }
    errors
}

proptest! {
    #[test]
    fn no_parser_panics_on_any_text(text in "\\PC{0,40}") {
        let _ = errors_for(&text);
        let _ = redact_identity_numbers(&text);
    }

    #[test]
    fn no_parser_panics_on_number_like_text(text in "[-−–+(Q T]{0,3}[0-9 \u{a0}\u{202f},.:/-]{0,24}[ %a-zåäö)§]{0,10}") {
        let _ = errors_for(&text);
    }
}

#[test]
fn a_personnummer_in_the_wrong_field_is_never_echoed() {
    let wrong = "19121212-1212";
    for message in errors_for(wrong) {
        assert!(!message.contains("1212-1212"), "{message}");
        assert!(!message.contains("191212121212"), "{message}");
    }
}
