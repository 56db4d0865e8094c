//! `namnd_core::SwedishNumber::parse` and `Amount`'s `FromStr` on arbitrary
//! text. Invariants: no panic; a parsed number's `amount()` (when it has a
//! money unit) equals what `Amount::from_str` gives for the same text; the
//! parsed value is zero when `is_negative_zero()`; `Display` of a parsed
//! number reads back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_core::{Amount, SwedishNumber};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let number = SwedishNumber::parse(text);
    let amount = text.parse::<Amount>();
    if let Ok(n) = &number {
        if n.is_negative_zero() {
            assert!(n.value().is_zero(), "negative zero {text:?} is not zero");
        }
        if n.unit().money().is_some() {
            // Both read the same number in the same unit.
            match (n.amount(), &amount) {
                (Ok(a), Ok(b)) => assert_eq!(a, *b, "{text:?}"),
                (Err(_), Err(_)) => {}
                (a, b) => {
                    panic!("SwedishNumber::amount {a:?} but Amount::from_str {b:?} for {text:?}")
                }
            }
        }
        let shown = n.to_string();
        match SwedishNumber::parse(&shown) {
            Ok(again) => assert_eq!(again.value(), n.value(), "{text:?} shown as {shown:?}"),
            Err(e) => panic!("{text:?} shown as {shown:?} does not read back: {e}"),
        }
    } else {
        assert!(
            amount.is_err(),
            "Amount::from_str accepts {text:?} that SwedishNumber::parse rejects"
        );
    }
    // Error messages echo the input: never a personnummer.
    if let Err(e) = &number {
        common::assert_no_personnummer("SwedishNumber error", &e.to_string());
    }
    if let Err(e) = &amount {
        common::assert_no_personnummer("Amount error", &e.to_string());
    }
});

mod common;
