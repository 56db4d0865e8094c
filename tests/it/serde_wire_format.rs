//! The JSON wire format and JSON Schemas of the shared vocabulary.

use namnd::{Amount, Decimal, SignConvention, Stated, UnitPath, Variance};

#[test]
fn amounts_serialise_as_decimal_strings_in_kronor() {
    let a = Amount::from_kr(Decimal::new(631_044_250, 2));
    assert_eq!(serde_json::to_string(&a).unwrap(), r#""6310442.50""#);
    let back: Amount = serde_json::from_str(r#""6310442.50""#).unwrap();
    assert_eq!(back, a);
}

#[test]
fn amounts_never_deserialise_from_floats() {
    let err = serde_json::from_str::<Amount>("6310442.5").unwrap_err();
    assert!(err.to_string().contains("floating-point"), "{err}");
    for loose in [
        r#""6 310 442,50""#,
        r#""1_000""#,
        r#"".5""#,
        r#""+7""#,
        r#""7.""#,
        r#""""#,
    ] {
        assert!(serde_json::from_str::<Amount>(loose).is_err(), "{loose}");
    }
    assert_eq!(
        serde_json::from_str::<Amount>("877").unwrap(),
        Amount::from_kr(877)
    );
}

#[test]
fn variances_and_stated_amounts_carry_their_meaning_on_the_wire() {
    let v = Variance::from_favourable(Amount::from_tkr(32).unwrap());
    assert_eq!(serde_json::to_string(&v).unwrap(), r#""32000""#);
    let s = Stated::new(Amount::from_kr(877), SignConvention::BudgetMinusOutcome);
    assert_eq!(
        serde_json::to_value(s).unwrap(),
        serde_json::json!({"amount": "877", "convention": "budget-minus-outcome"})
    );
}

#[test]
fn invalid_unit_paths_are_rejected_when_deserialising() {
    assert!(serde_json::from_str::<UnitPath>("[]").is_err());
    let p: UnitPath = serde_json::from_str(
        r#"[{"code": "SN"}, {"code": "IFO", "name": "Individ- och familjeomsorg"}]"#,
    )
    .unwrap();
    assert_eq!(p.to_string(), "SN/IFO");
}

#[test]
fn the_amount_schema_is_a_decimal_string() {
    let schema = serde_json::to_value(schemars::schema_for!(Amount)).unwrap();
    assert_eq!(schema["type"], serde_json::json!(["string", "integer"]));
    assert_eq!(schema["pattern"], r"^-?[0-9]+(\.[0-9]+)?$");
}
