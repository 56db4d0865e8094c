//! `namnd_calc::check::split_row` / `split_numbers`, the splitter of PDF
//! text rows whose spaces separate both thousands and columns. Input: byte 0
//! the number of columns (1–8), byte 1 which rules, the rest the row's text.
//! Invariants: no panic; every candidate has exactly `columns` values; a
//! unique split is the only candidate; the label holds no whitespace but
//! single spaces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use namnd_calc::check::{Split, SplitRule, split_numbers, split_row};

fuzz_target!(|data: &[u8]| {
    let [c, r, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let columns = usize::from(c % 8) + 1;
    let last = columns - 1;
    let rules = match r % 5 {
        0 => vec![],
        1 => vec![SplitRule::sum(last, 0..last)],
        2 if columns >= 3 => vec![SplitRule::difference(last, last - 1, last - 2)],
        3 if columns >= 4 => vec![
            SplitRule::sum(last, 0..last),
            SplitRule::difference(1, 2, 0),
        ],
        // A rule naming a position beyond the columns: must be an error.
        _ => vec![SplitRule::sum(columns, [0])],
    };
    let check = |split: &Split| {
        let all: &[Vec<_>] = match split {
            Split::Unique(values) => core::slice::from_ref(values),
            Split::Ambiguous(all) | Split::Inconsistent(all) => all,
            _ => &[],
        };
        for values in all {
            assert_eq!(values.len(), columns, "{text:?}: {split:?}");
        }
        if let Split::Unique(values) = split {
            assert_eq!(split.candidates(), core::slice::from_ref(values));
        }
        if let Split::Ambiguous(all) = split {
            assert!(
                all.len() >= 2,
                "{text:?}: ambiguous with {} candidates",
                all.len()
            );
        }
    };
    if let Ok(row) = split_row(text, columns, &rules) {
        assert!(
            !row.label.contains("  ") && row.label.trim() == row.label,
            "label {:?}",
            row.label
        );
        check(&row.split);
    }
    if let Ok(split) = split_numbers(text, columns, &rules) {
        check(&split);
    }
});
