//! `namnd_core::Personnummer::parse` (fixed reference date 2026-01-01),
//! `redact_identity_numbers` and `quote_for_message` on arbitrary text.
//! Invariants: no panic; a parsed number never shows its digits in `Display`
//! or `Debug`; the output of `redact_identity_numbers` and
//! `quote_for_message` holds no valid personnummer; redaction is borrowed
//! exactly when it changed nothing, and idempotent; `quote_for_message`
//! keeps to `max_chars` characters.
#![no_main]

use std::borrow::Cow;

use libfuzzer_sys::fuzz_target;
use namnd_core::{Personnummer, quote_for_message, redact_identity_numbers};

fuzz_target!(|data: &[u8]| {
    // The first byte chooses quote_for_message's max_chars.
    let Some((&max, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let today = common::reference_date();
    match Personnummer::parse(text, today) {
        Ok(pnr) => {
            let shown = format!("{pnr} {pnr:?}");
            common::assert_no_personnummer("Personnummer Display/Debug", &shown);
            assert!(
                pnr.birth_date() <= today || pnr.age_on(today).is_none(),
                "{text:?}"
            );
        }
        Err(e) => common::assert_no_personnummer("Personnummer error", &e.to_string()),
    }

    let redacted = redact_identity_numbers(text);
    common::assert_no_personnummer("redact_identity_numbers", &redacted);
    match &redacted {
        Cow::Borrowed(b) => assert_eq!(*b, text),
        Cow::Owned(o) => assert_ne!(o, text, "Cow::Owned although nothing was masked"),
    }
    let twice = redact_identity_numbers(&redacted);
    assert_eq!(
        twice.as_ref(),
        redacted.as_ref(),
        "redaction is not idempotent"
    );

    let max_chars = usize::from(max);
    let quoted = quote_for_message(text, max_chars);
    common::assert_no_personnummer("quote_for_message", &quoted);
    assert!(
        quoted.chars().count() <= max_chars.max(1),
        "quote_for_message({text:?}, {max_chars}) is {} characters: {quoted:?}",
        quoted.chars().count()
    );
    assert!(
        !quoted.chars().any(char::is_control),
        "control character in {quoted:?}"
    );
});

mod common;
