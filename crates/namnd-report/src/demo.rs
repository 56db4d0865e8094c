//! The embedded example dataset: **Exempelkommun**, a synthetic
//! municipality whose *socialnämnd* (social services committee) has three
//! administrations — Äldreomsorg (elderly care), Individ- och familjeomsorg
//! (individual and family care) and Funktionsstöd (disability support) —
//! with nine units, a full year's budget and ledger (January–December
//! 2026; the manifest's as-of month is August, later months are ignored),
//! manual forecasts with comments, goals and indicators with measurements,
//! a visit log for staff continuity, decisions over six quarters, Lex Sarah
//! and Lex Maria cases, incident reports, complaints, investment requests
//! and an internal-control plan with its follow-up.
//!
//! | Item | What it is |
//! |---|---|
//! | [`MANIFEST`] | the dataset's `namnd.toml` |
//! | [`FILES`] | every data file, by name |
//! | [`dataset`] | the loaded dataset |
//!
//! Every figure, pseudonym and case is invented; nothing comes from a real
//! register. The files are embedded in the binary with `include_bytes!`, so
//! the demo works from any directory and from an installed binary. The
//! larger files (ledger, visit log, decisions) come from
//! `crates/namnd-report/demo/generate.py`, which is deterministic.
//!
//! # Example
//! ```
//! let loaded = namnd_report::demo::dataset()?;
//! assert!(loaded.problems.is_empty());
//! assert_eq!(loaded.dataset.manifest.municipality, "Exempelkommun");
//! # Ok::<(), namnd_report::ReportError>(())
//! ```

use crate::dataset::{Dataset, LoadedDataset};
use crate::error::Result;

/// The demo's manifest (`namnd.toml`).
///
/// # Example
/// ```
/// assert!(namnd_report::demo::MANIFEST.contains("Exempelkommun"));
/// ```
pub const MANIFEST: &str = include_str!("../demo/namnd.toml");

/// The demo's data files: name and bytes (write them to a folder to get a
/// dataset `namnd report` reads, together with [`MANIFEST`]).
///
/// # Example
/// ```
/// assert!(namnd_report::demo::FILES.iter().any(|(name, _)| *name == "ledger.csv"));
/// ```
pub const FILES: &[(&str, &[u8])] = &[
    ("budget.csv", include_bytes!("../demo/budget.csv")),
    ("ledger.csv", include_bytes!("../demo/ledger.csv")),
    ("prognoser.csv", include_bytes!("../demo/prognoser.csv")),
    ("indikatorer.csv", include_bytes!("../demo/indikatorer.csv")),
    ("matvarden.csv", include_bytes!("../demo/matvarden.csv")),
    ("besok.csv", include_bytes!("../demo/besok.csv")),
    ("beslut.csv", include_bytes!("../demo/beslut.csv")),
    (
        "lex_sarah_maria.csv",
        include_bytes!("../demo/lex_sarah_maria.csv"),
    ),
    ("avvikelser.csv", include_bytes!("../demo/avvikelser.csv")),
    ("klagomal.csv", include_bytes!("../demo/klagomal.csv")),
    (
        "investeringar.csv",
        include_bytes!("../demo/investeringar.csv"),
    ),
    (
        "internkontroll.csv",
        include_bytes!("../demo/internkontroll.csv"),
    ),
    (
        "internkontroll_uppfoljning.csv",
        include_bytes!("../demo/internkontroll_uppfoljning.csv"),
    ),
];

/// The bytes of a demo file, if there is one by that name.
///
/// # Example
/// ```
/// assert!(namnd_report::demo::file("budget.csv").is_some());
/// assert!(namnd_report::demo::file("nothing.csv").is_none());
/// ```
pub fn file(name: &str) -> Option<&'static [u8]> {
    FILES
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, bytes)| *bytes)
}

/// Loads the embedded Exempelkommun dataset.
///
/// # Errors
/// Only if the embedded manifest were invalid (a test checks it is not).
///
/// # Example
/// See the [module docs](self).
pub fn dataset() -> Result<LoadedDataset> {
    Dataset::load_files(MANIFEST, "namnd.toml", &|name| {
        file(name).map(<[u8]>::to_vec)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_loads_with_zero_problems() -> Result<()> {
        let loaded = dataset()?;
        let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        let d = &loaded.dataset;
        let unavailable: Vec<(&str, &str)> = [
            ("budget", d.budget.reason()),
            ("goals", d.goals.reason()),
            ("continuity", d.continuity.reason()),
            ("decisions", d.decisions.reason()),
            ("cases", d.cases.reason()),
            ("incidents", d.incidents.reason()),
            ("complaints", d.complaints.reason()),
            ("investments", d.investments.reason()),
            ("internal_control", d.internal_control.reason()),
        ]
        .into_iter()
        .filter_map(|(name, reason)| reason.map(|r| (name, r)))
        .collect();
        assert!(unavailable.is_empty(), "{unavailable:#?}");
        Ok(())
    }

    #[test]
    fn every_file_the_manifest_names_is_embedded() -> Result<()> {
        let loaded = dataset()?;
        let f = &loaded.dataset.manifest.files;
        for name in [
            &f.budget,
            &f.ledger,
            &f.manual_forecasts,
            &f.indicators,
            &f.measurements,
            &f.visits,
            &f.decisions,
            &f.cases,
            &f.incidents,
            &f.complaints,
            &f.investments,
            &f.internal_control,
            &f.internal_control_results,
        ]
        .into_iter()
        .flatten()
        {
            assert!(file(name).is_some(), "{name} is not embedded");
        }
        Ok(())
    }

    #[test]
    fn demo_written_to_a_folder_loads_from_the_folder() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("namnd-demo-{}", std::process::id()));
        let io = |e: std::io::Error| crate::ReportError::Input {
            file: dir.display().to_string(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(io)?;
        std::fs::write(dir.join("namnd.toml"), MANIFEST).map_err(io)?;
        for (name, bytes) in FILES {
            std::fs::write(dir.join(name), bytes).map_err(io)?;
        }
        let loaded = Dataset::load_dir(&dir);
        std::fs::remove_dir_all(&dir).map_err(io)?;
        let loaded = loaded?;
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(loaded.dataset.budget.available().is_some());
        Ok(())
    }

    #[test]
    fn demo_files_are_small() {
        let total: usize = FILES.iter().map(|(_, b)| b.len()).sum();
        assert!(total < 300_000, "{total} bytes");
    }
}
