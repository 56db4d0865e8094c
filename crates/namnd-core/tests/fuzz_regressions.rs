//! Regression tests for what `fuzz/` found (see `docs/fuzzing.md`).

use std::borrow::Cow;

use namnd_core::{looks_like_identity_number, quote_for_message, redact_identity_numbers};
use proptest::prelude::*;

/// fuzz target `sie4`, 2026-11-24: a SIE line holding the 13-digit run
/// `2023066666666` was echoed cut to 80 characters, which left the 12 digits
/// `202306666666`, a valid samordningsnummer, in the message.
#[test]
fn cutting_a_long_digit_run_does_not_leave_an_identity_number() {
    assert_eq!(quote_for_message("A 1 2023066666666", 16), "A 1 …");
    assert_eq!(quote_for_message("A 1 2023066666666}", 17), "A 1 …");
    // Not cut: the whole 13-digit run is not an identity number and stays.
    assert_eq!(
        quote_for_message("A 1 2023066666666", 17),
        "A 1 2023066666666"
    );
}

#[test]
fn cutting_after_the_separator_drops_the_split_digits() {
    // 6 digits, a hyphen and 5 digits is not an identity number; cut after
    // the fourth digit it would be.
    assert_eq!(quote_for_message("x 121212-12345", 12), "x 121212-…");
}

#[test]
fn cutting_between_words_keeps_whole_digit_runs() {
    assert_eq!(quote_for_message("konto 4010 och 4020", 12), "konto 4010 …");
}

proptest! {
    /// Whatever the text and the length, a quoted message holds nothing that
    /// `redact_identity_numbers` would still mask.
    #[test]
    fn quoted_text_never_holds_an_identity_number(
        text in "[0-9 a+\\-\u{a0}\u{1}]{0,40}",
        max_chars in 0_usize..45,
    ) {
        let quoted = quote_for_message(&text, max_chars);
        prop_assert!(
            matches!(redact_identity_numbers(&quoted), Cow::Borrowed(_)),
            "{:?} cut to {} is {:?}", text, max_chars, quoted
        );
        prop_assert!(quoted.chars().count() <= max_chars.max(1));
    }

    /// The digit-run shortcut of `looks_like_identity_number` never skips
    /// what the redactor finds, and finds nothing it does not.
    #[test]
    fn looks_like_identity_number_agrees_with_redaction(
        key in "[0-9 +\\-a-zÅ]{0,20}",
    ) {
        let full = matches!(redact_identity_numbers(&key), Cow::Owned(_));
        prop_assert_eq!(looks_like_identity_number(&key), full, "{}", key);
    }
}
