//! Inputs found by the fuzz targets (`fuzz/`), as regression tests: see
//! docs/fuzzing.md.

use std::borrow::Cow;

use namnd_calc::CalcError;
use namnd_calc::check::{Rule, Table, check, split_numbers};

fn holds_identity_number(message: &str) -> bool {
    matches!(namnd_core::redact_identity_numbers(message), Cow::Owned(_))
}

/// fuzz target `pdf_row_split`, 2026-11-24
/// (`fuzz/corpus/pdf_row_split/regression-split-token-echoes-text.bin`): a
/// row of PDF text with a word and a personnummer before its numbers was
/// echoed whole in the `SplitToken` message.
#[test]
fn a_row_that_cannot_be_split_is_quoted_without_its_personnummer() {
    let err = split_numbers("Kalle 19121212-1212 1 234", 4, &[])
        .expect_err("the row has a word among its numbers");
    assert!(matches!(err, CalcError::SplitToken { .. }), "{err:?}");
    let message = err.to_string();
    assert_eq!(
        message,
        "\"Kalle\" in \"Kalle [personnummer] 1 234\" is not part of a number"
    );
    assert!(!holds_identity_number(&message), "{message}");
}

/// fuzz target `check_rules`, 2026-11-24
/// (`fuzz/corpus/check_rules/regression-calc-error-echoes-personnummer.toml`):
/// a rule whose `column` is `19121212-1212` gave `table "T" has no column
/// "19121212-1212"`.
#[cfg(feature = "toml")]
#[test]
fn a_rule_on_a_personnummer_column_is_rejected_without_echoing_it() {
    use namnd_calc::check::rules::RulesFile;

    let text = "[[row_rule]]\ncolumn = \"19121212-1212\"\nequals = \"Utfall - Budget\"\n";
    let columns = ["Budget", "Utfall"].map(String::from);
    // The reader reports the unknown column with the entry's line, masked.
    let err = RulesFile::parse(text)
        .and_then(|file| file.rules(&columns, "T"))
        .expect_err("no such column");
    assert_eq!(
        err.to_string(),
        "1 rules cannot be read: line 1: row_rule 1: table \"T\" has no column \"[personnummer]\""
    );
    // And the checker, given such a rule directly, masks it too.
    let rule = Rule::from(namnd_calc::check::Relation::new(
        "T",
        "19121212-1212",
        [namnd_calc::check::Term::times(
            namnd_core::Decimal::ONE,
            "Utfall",
        )],
    ));
    let table = Table::new("T", columns).expect("two distinct columns");
    let err = check(&[table], &[rule]).expect_err("no such column");
    assert_eq!(
        err.to_string(),
        "rule 0: table \"T\" has no column \"[personnummer]\""
    );
}
