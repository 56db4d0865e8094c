//! The report as JSON: the [`Report`] model serialised with serde, and its
//! JSON Schema from schemars.
//!
//! | Function | Gives |
//! |---|---|
//! | [`to_json`] | pretty-printed JSON of the report (amounts as decimal strings in kronor, unrounded) |
//! | [`from_json`] | the report read back |
//! | [`schema`] | `schemars::schema_for!(Report)` as a JSON value |
//!
//! Decimals are written as strings (`"-4312450"`), never as floats, so no
//! öre is lost; readers round them with the tables' display rules as
//! [`crate::render::display`] does.

use crate::model::Report;
use crate::{ReportError, Result};

/// The report as pretty-printed JSON.
///
/// # Errors
/// [`ReportError::Json`] if serialisation fails (it does not for this model).
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, json::to_json};
/// let json = to_json(&example_report()?)?;
/// assert!(json.contains("\"municipality\": \"Exempelkommun\""));
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn to_json(report: &Report) -> Result<String> {
    serde_json::to_string_pretty(report).map_err(|e| ReportError::Json {
        what: "write",
        message: e.to_string(),
    })
}

/// Reads a report written by [`to_json`].
///
/// # Errors
/// [`ReportError::Json`] with serde_json's message (line and column) if the
/// text is not a report.
///
/// # Example
/// ```
/// use namnd_report::render::{example::example_report, json::{from_json, to_json}};
/// let report = example_report()?;
/// assert_eq!(from_json(&to_json(&report)?)?, report);
/// # Ok::<(), namnd_report::ReportError>(())
/// ```
pub fn from_json(text: &str) -> Result<Report> {
    serde_json::from_str(text).map_err(|e| ReportError::Json {
        what: "read",
        message: e.to_string(),
    })
}

/// The JSON Schema of the report.
///
/// # Example
/// ```
/// use namnd_report::render::json::schema;
/// let s = schema();
/// assert_eq!(s["title"], "Report");
/// ```
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Report).to_value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::example::example_report;

    #[test]
    fn round_trip_gives_back_the_same_report() {
        let report = example_report().unwrap();
        let json = to_json(&report).unwrap();
        assert_eq!(from_json(&json).unwrap(), report);
    }

    #[test]
    fn amounts_are_written_as_decimal_strings_not_floats() {
        let json = to_json(&example_report().unwrap()).unwrap();
        assert!(json.contains("\"kr\": \"-4312450\""), "{json}");
    }

    #[test]
    fn schema_names_every_part_of_the_model() {
        let s = schema().to_string();
        for name in ["Report", "Section", "Block", "Cell", "Chart", "Display"] {
            assert!(s.contains(&format!("\"{name}\"")), "{name} missing");
        }
    }

    #[test]
    fn schema_accepts_the_reports_shape() {
        // Structural check without a validator: every required property of
        // the top-level schema is present in the JSON.
        let report: serde_json::Value =
            serde_json::from_str(&to_json(&example_report().unwrap()).unwrap()).unwrap();
        let s = schema();
        let required = s["required"].as_array().cloned().unwrap_or_default();
        assert!(!required.is_empty());
        for key in required {
            let key = key.as_str().unwrap();
            assert!(report.get(key).is_some(), "{key} missing");
        }
    }

    #[test]
    fn malformed_json_is_a_read_error_with_position() {
        let err = from_json("{\"meta\": 1").unwrap_err();
        assert!(err.to_string().starts_with("cannot read the json report: "));
        assert!(err.to_string().contains("line 1"));
    }
}
