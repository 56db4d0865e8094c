//! The schemas `namnd schema` prints describe the JSON the commands really
//! write. Several are hand-written mirror structs (`continuity`,
//! `evb-quarter`, `manifest`) that could drift from the library; these tests
//! run the commands on the fixtures and validate the real output against the
//! printed schema.
//!
//! The validator below walks the schema (`$ref`, `type`, `enum`, `const`,
//! `anyOf`/`oneOf`/`allOf`, `properties`, `required`, `additionalProperties`,
//! `items`, `minimum`/`maximum`) and is stricter than JSON Schema on one
//! point, on purpose: an object key the schema's `properties` do not declare
//! is an error even where `additionalProperties` is absent, so that a field
//! the library adds and the mirror lacks is found. (The `jsonschema` crate is
//! not used: it is large, and its default is the lenient rule.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use assert_cmd::Command;
use serde_json::Value;

fn namnd(args: &[&str]) -> String {
    let output = Command::cargo_bin("namnd")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&namnd(&["schema", name])).unwrap()
}

/// Every place where `instance` does not match `schema`, as `path: what`.
fn violations(root: &Value, schema: &Value, instance: &Value, path: &str, out: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        // `true` accepts anything, `false` nothing.
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: no value is allowed"));
        }
        return;
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .unwrap_or_else(|| panic!("{path}: unresolved $ref {reference}"));
        violations(root, target, instance, path, out);
    }
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !allowed.iter().any(|t| has_type(instance, t)) {
            out.push(format!("{path}: {instance} is not of type {allowed:?}"));
            return;
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(instance)
    {
        out.push(format!("{path}: {instance} is not one of {values:?}"));
    }
    if let Some(value) = schema.get("const")
        && value != instance
    {
        out.push(format!("{path}: {instance} is not {value}"));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let mut all = Vec::new();
            let matched = options.iter().any(|option| {
                let mut found = Vec::new();
                violations(root, option, instance, path, &mut found);
                all.extend(found.iter().cloned());
                found.is_empty()
            });
            if !matched {
                out.push(format!("{path}: matches none of {key}: {all:?}"));
            }
        }
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            violations(root, part, instance, path, out);
        }
    }
    if let Some(number) = instance.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
            && number < min
        {
            out.push(format!("{path}: {number} < minimum {min}"));
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64)
            && number > max
        {
            out.push(format!("{path}: {number} > maximum {max}"));
        }
    }
    if let Some(object) = instance.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for key in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(key) {
                    out.push(format!("{path}: required key {key} is missing"));
                }
            }
        }
        let additional = schema.get("additionalProperties");
        for (key, value) in object {
            let at = format!("{path}.{key}");
            match (properties.and_then(|p| p.get(key)), additional) {
                (Some(property), _) => violations(root, property, value, &at, out),
                (None, Some(Value::Bool(false))) => {
                    out.push(format!("{at}: not allowed (additionalProperties false)"));
                }
                (None, Some(extra)) => violations(root, extra, value, &at, out),
                // Stricter than JSON Schema: an undeclared key is drift.
                (None, None) if properties.is_some() => {
                    out.push(format!("{at}: not declared in the schema"));
                }
                (None, None) => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), instance.as_array()) {
        for (i, item) in array.iter().enumerate() {
            violations(root, items, item, &format!("{path}[{i}]"), out);
        }
    }
}

fn has_type(instance: &Value, t: &str) -> bool {
    match t {
        "null" => instance.is_null(),
        "boolean" => instance.is_boolean(),
        "string" => instance.is_string(),
        "number" => instance.is_number(),
        "integer" => instance.is_i64() || instance.is_u64(),
        "array" => instance.is_array(),
        "object" => instance.is_object(),
        _ => false,
    }
}

fn assert_valid(name: &str, instance: &Value) {
    let schema = schema(name);
    let mut found = Vec::new();
    violations(&schema, &schema, instance, "$", &mut found);
    assert!(
        found.is_empty(),
        "{name}: the output does not match the printed schema:\n{}",
        found.join("\n")
    );
}

#[test]
fn schema_validator_reports_a_missing_required_key_an_undeclared_key_and_a_wrong_type() {
    let schema = serde_json::json!({
        "type": "object",
        "required": ["a"],
        "properties": { "a": { "type": "integer" }, "b": { "$ref": "#/$defs/B" } },
        "$defs": { "B": { "type": ["string", "null"] } }
    });
    let mut found = Vec::new();
    violations(
        &schema,
        &schema,
        &serde_json::json!({ "b": 1, "c": true }),
        "$",
        &mut found,
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("required key a is missing"), "{found:?}");
    assert!(found[1].contains("$.b: 1 is not of type"), "{found:?}");
    assert!(found[2].contains("$.c: not declared"), "{found:?}");
    let mut found = Vec::new();
    violations(
        &schema,
        &schema,
        &serde_json::json!({ "a": 3, "b": null }),
        "$",
        &mut found,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn continuity_json_output_validates_against_the_printed_schema() {
    for extra in [&[][..], &["--unit-column", "enhet"][..]] {
        let mut args = vec![
            "kpi",
            "continuity",
            "tests/fixtures/besok-2026-10.csv",
            "--from",
            "2026-10-05",
        ];
        args.extend_from_slice(extra);
        let output: Value = serde_json::from_str(&namnd(&args)).unwrap();
        assert_valid("continuity", &output);
    }
}

#[test]
fn evb_quarter_json_output_validates_against_the_printed_schema() {
    for quarter in ["2023Q4", "2024Q1", "2024Q2"] {
        let output: Value = serde_json::from_str(&namnd(&[
            "evb",
            "quarter",
            "tests/fixtures/evb-2024.csv",
            "--quarter",
            quarter,
        ]))
        .unwrap();
        assert_valid("evb-quarter", &output);
    }
}

#[test]
fn check_json_output_validates_against_the_printed_schema() {
    let output: Value = serde_json::from_str(&namnd(&[
        "check",
        "tests/fixtures/flen-november-2023.csv",
        "--rules",
        "tests/fixtures/flen-november-2023.toml",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_valid("check", &output);
}

#[test]
fn followup_json_output_validates_against_the_printed_schema() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.csv");
    let budget = dir.path().join("budget.csv");
    std::fs::write(
        &ledger,
        "datum,ansvar,verksamhet,konto,belopp\n2022-03-01,1100,510,4010,90\n\
         2023-01-15,1100,510,4010,100\n2023-02-15,1100,510,4010,200\n",
    )
    .unwrap();
    std::fs::write(
        &budget,
        "ansvar,verksamhet,konto,budget\n1100,510,4010,1200\n1200,510,4010,600\n",
    )
    .unwrap();
    for method in ["run-rate", "remaining-budget", "prior-year"] {
        let output: Value = serde_json::from_str(&namnd(&[
            "followup",
            "--ledger",
            ledger.to_str().unwrap(),
            "--budget",
            budget.to_str().unwrap(),
            "--as-of",
            "2023-02",
            "--method",
            method,
            "--format",
            "json",
        ]))
        .unwrap();
        assert_valid("followup", &output);
    }
}

#[test]
fn demo_manifest_validates_against_the_printed_manifest_schema() {
    let manifest: Value = toml::from_str(namnd_report::demo::MANIFEST).unwrap();
    assert_valid("manifest", &manifest);
    // A misspelt key is not allowed (the manifest rejects unknown keys).
    let mut wrong = manifest.clone();
    wrong
        .as_object_mut()
        .unwrap()
        .insert("fiscal_yaer".into(), Value::from(2026));
    let schema = schema("manifest");
    let mut found = Vec::new();
    violations(&schema, &schema, &wrong, "$", &mut found);
    assert!(found.iter().any(|f| f.contains("fiscal_yaer")), "{found:?}");
}

#[test]
fn input_row_types_serialise_as_their_printed_schemas_say() {
    use namnd_core::Amount;
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let ledger =
        namnd_budget::LedgerRow::new(date, "1100", "510", "4010", Amount::from_ore(12_550));
    assert_valid("ledger-row", &serde_json::to_value(&ledger).unwrap());
    let budget = namnd_budget::BudgetRow::new("1100", "510", "4010", Amount::from_kr(50_000));
    assert_valid("budget-row", &serde_json::to_value(&budget).unwrap());
    let imported = namnd_decisions::import::read_decisions(
        std::fs::File::open(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/evb-2024.csv"
        ))
        .unwrap(),
        "evb-2024.csv",
        &namnd_decisions::import::DecisionColumns::default(),
    )
    .unwrap();
    assert!(imported.decisions.len() >= 5);
    for decision in &imported.decisions {
        assert_valid("decision", &serde_json::to_value(decision).unwrap());
    }
}

#[test]
fn demo_report_json_validates_against_the_printed_report_schema() {
    let dir = tempfile::tempdir().unwrap();
    namnd(&["demo", "--out", dir.path().to_str().unwrap()]);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_valid("report", &report);
}
