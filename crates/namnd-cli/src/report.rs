//! `namnd demo` and `namnd report`: assemble a committee report from a
//! dataset (`namnd_report::assemble`) and write it as HTML, Markdown, Excel
//! and JSON (`namnd_report::render`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use namnd_core::YearMonth;
use namnd_report::ReportError;
use namnd_report::assemble::{AssembleOptions, assemble};
use namnd_report::dataset::{Dataset, LoadedDataset, Problem as DatasetProblem};
use namnd_report::model::{Block, Report, SectionBody};
use namnd_report::render::display::display_key_figure;
use namnd_report::render::{html::to_html, json::to_json, markdown::to_markdown, xlsx::to_xlsx};

use crate::error::{Problem, Result, io_problem};
use crate::io::{display_name, note, out};

const DEMO_EXAMPLE: &str = "\
The embedded example is Exempelkommun's socialnämnd (three administrations, a full year of
ledger data, indicators, decisions, Lex Sarah cases, investments, an internal-control plan;
synthetic, no real personal data). Writes report.html (self-contained, charts inline),
report.md, report.xlsx (one sheet per section) and report.json into --out, and prints where
they are and the headline figures.

Example:
  namnd demo --out report";

const REPORT_EXAMPLE: &str = "\
DATASET is a folder with a manifest namnd.toml and the files it names (budget, ledger,
forecasts, indicators, visits, decisions, registers, investments, internal-control plan;
see docs/formats.md). Writes report.html, report.md, report.xlsx and report.json into --out.

Every problem with a file is listed on stderr as `namnd: DATASET/FILE:LINE: message`; the
sections that can be built are, and the others say why they are unavailable.

Exit codes: 0 the dataset had no problems; 2 the dataset had problems (a file missing or
unreadable, so a section is unavailable, or rows rejected) and the reports were still written
with what could be read, or the manifest is missing or invalid (nothing written). No progress
bar is shown: the files of a dataset are read whole.

Example:
  namnd report data/socialnamnd-2026 --period 2026-08 --out rapport";

/// Write the report of the embedded example municipality.
#[derive(Debug, clap::Args)]
#[command(after_long_help = DEMO_EXAMPLE)]
pub(crate) struct DemoArgs {
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR", default_value = "report")]
    out: PathBuf,
}

/// Write a committee report from a dataset folder.
#[derive(Debug, clap::Args)]
#[command(after_long_help = REPORT_EXAMPLE)]
pub(crate) struct ReportArgs {
    /// The dataset folder (with namnd.toml).
    #[arg(value_name = "DATASET")]
    dataset: PathBuf,
    /// The as-of month of the report, YYYY-MM (default: the manifest's as_of).
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    /// Round the parts of each table so that they add up to the rounded total.
    #[arg(long)]
    largest_remainder: bool,
    /// The folder to write into (created if needed).
    #[arg(long, value_name = "DIR", default_value = "report")]
    out: PathBuf,
}

pub(crate) fn run_demo(args: &DemoArgs) -> Result<ExitCode> {
    let loaded =
        namnd_report::demo::dataset().map_err(|e| Problem::in_file("demo", e.to_string()))?;
    write_report(loaded, None, &AssembleOptions::default(), &args.out)
}

pub(crate) fn run_report(args: &ReportArgs) -> Result<ExitCode> {
    let loaded = Dataset::load_dir(&args.dataset).map_err(|e| load_problem(&args.dataset, &e))?;
    let mut options = AssembleOptions::default();
    if let Some(period) = &args.period {
        let as_of: YearMonth = period.trim().parse().map_err(|e| {
            Problem::new(format!(
                "--period {}: {e}",
                namnd_core::quote_for_message(period, 20)
            ))
        })?;
        options = options.with_as_of(as_of);
    }
    if args.largest_remainder {
        options = options.with_largest_remainder();
    }
    write_report(loaded, Some(&args.dataset), &options, &args.out)
}

fn write_report(
    loaded: LoadedDataset,
    dataset_dir: Option<&Path>,
    options: &AssembleOptions,
    dir: &Path,
) -> Result<ExitCode> {
    for problem in &loaded.problems {
        note(&dataset_problem(dataset_dir, problem).to_string());
    }
    let report = assemble(&loaded.dataset, options).map_err(|e| Problem::new(e.to_string()))?;
    let render_error = |e: namnd_report::ReportError| Problem::new(e.to_string());
    let mut json = to_json(&report).map_err(render_error)?;
    json.push('\n');
    let files: [(&str, Vec<u8>); 4] = [
        (
            "report.html",
            to_html(&report).map_err(render_error)?.into_bytes(),
        ),
        (
            "report.md",
            to_markdown(&report).map_err(render_error)?.into_bytes(),
        ),
        ("report.xlsx", to_xlsx(&report).map_err(render_error)?),
        ("report.json", json.into_bytes()),
    ];
    let dir_name = display_name(dir);
    std::fs::create_dir_all(dir).map_err(|e| io_problem(&dir_name, &e))?;
    let mut text = format!("{}\n", report.meta.title);
    for (file, bytes) in &files {
        let path = dir.join(file);
        std::fs::write(&path, bytes).map_err(|e| io_problem(&display_name(&path), &e))?;
        text.push_str(&format!("  wrote {}\n", display_name(&path)));
    }
    text.push_str(&headline(&report)?);
    out(&text)?;
    Ok(exit_code(&loaded.problems))
}

/// A dataset that could not be loaded at all (no or an invalid manifest),
/// with the manifest's path joined to the dataset folder.
fn load_problem(dataset: &Path, error: &ReportError) -> Problem {
    let in_dataset = |file: &str| display_name(&dataset.join(file));
    match error {
        ReportError::Manifest {
            file,
            line,
            column,
            message,
        } => Problem::at(
            in_dataset(file),
            u64::try_from(*line).unwrap_or(u64::MAX),
            format!("column {column}: {message}"),
        ),
        ReportError::MissingFile { file, .. } => {
            Problem::in_file(in_dataset(file), "does not exist")
        }
        ReportError::Input { file, message } => Problem::in_file(in_dataset(file), message),
        other => Problem::in_file(display_name(dataset), other.to_string()),
    }
}

/// 0 when the dataset had no problems; 2 (input problems, the reports were
/// still written) when a file could not be used or rows were rejected.
fn exit_code(problems: &[DatasetProblem]) -> ExitCode {
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// A problem of the dataset as `<dataset-dir>/<file>:<line>: <message>`:
/// the file joined to the dataset folder, and the location the library's
/// message starts with (`budget.csv line 3: ...`, `budget.csv line 3,
/// column konto: ...`, `file budget.csv named in ...`) taken out of the
/// message so that it is not printed twice.
fn dataset_problem(dataset_dir: Option<&Path>, problem: &DatasetProblem) -> Problem {
    let file = match dataset_dir {
        Some(dir) => display_name(&dir.join(&problem.file)),
        None => namnd_core::quote_for_message(&problem.file, 200),
    };
    let (line, message) = strip_location(&problem.file, &problem.message);
    Problem {
        file: Some(file),
        line,
        message: message.to_owned(),
    }
}

/// Splits `<file> line <n>[:|,] rest` (or `file <file> rest`, `<file>: rest`)
/// into the line and the rest; a message that does not start with the file
/// name is returned whole.
fn strip_location<'a>(file: &str, message: &'a str) -> (Option<u64>, &'a str) {
    let Some(rest) = message.strip_prefix(file).or_else(|| {
        message
            .strip_prefix("file ")
            .and_then(|m| m.strip_prefix(file))
    }) else {
        return (None, message);
    };
    if !(rest.is_empty() || rest.starts_with([' ', ':', ','])) {
        // Another file whose name starts with this one's.
        return (None, message);
    }
    let mut line = None;
    let mut rest = rest;
    let after_line = rest
        .strip_prefix(" line ")
        .or_else(|| rest.strip_prefix(":line "))
        .or_else(|| rest.strip_prefix(':'));
    if let Some(after) = after_line {
        let digits = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        if let Some(n) = after.get(..digits).and_then(|d| d.parse::<u64>().ok()) {
            line = Some(n);
            rest = after.get(digits..).unwrap_or_default();
        }
    }
    let rest = rest.trim_start_matches([':', ',', ' ']);
    if rest.is_empty() {
        return (line, message);
    }
    (line, rest)
}

/// The key figures of the summary section, one per line.
fn headline(report: &Report) -> Result<String> {
    let mut text = String::new();
    let summary = report.sections.iter().find(|s| s.id == "summary");
    let Some(SectionBody::Available { blocks }) = summary.map(|s| &s.body) else {
        return Ok(text);
    };
    for block in blocks {
        if let Block::KeyFigures(figures) = block {
            for figure in figures {
                let shown = display_key_figure(figure).map_err(|e| Problem::new(e.to_string()))?;
                text.push_str(&format!("  {}: {}\n", figure.label, shown.text));
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(file: &str, message: &str, fatal: bool) -> DatasetProblem {
        DatasetProblem {
            file: file.to_owned(),
            message: message.to_owned(),
            fatal,
        }
    }

    #[test]
    fn dataset_problem_joins_the_dataset_dir_and_takes_the_line_out_of_the_message() {
        let p = problem(
            "budget.csv",
            "budget.csv line 30 has 1 fields; the header has 4",
            false,
        );
        let shown = dataset_problem(Some(Path::new("data")), &p).to_string();
        let expected = format!(
            "{}:30: has 1 fields; the header has 4",
            Path::new("data").join("budget.csv").display()
        );
        assert_eq!(shown, expected);
    }

    #[test]
    fn dataset_problem_with_line_and_column_keeps_the_column() {
        let (line, rest) = strip_location(
            "beslut.csv",
            "beslut.csv line 4, column kon: expected K or M",
        );
        assert_eq!((line, rest), (Some(4), "column kon: expected K or M"));
    }

    #[test]
    fn dataset_problem_without_a_line_is_file_and_message() {
        let (line, rest) = strip_location(
            "beslut.csv",
            "file beslut.csv named in namnd.toml does not exist",
        );
        assert_eq!((line, rest), (None, "named in namnd.toml does not exist"));
        let (line, rest) = strip_location("x.csv", "x.csv: no header line");
        assert_eq!((line, rest), (None, "no header line"));
    }

    #[test]
    fn dataset_problem_about_another_file_keeps_the_whole_message() {
        let message = "budget.csv.bak line 3: bad";
        assert_eq!(strip_location("budget.csv", message), (None, message));
        let message = "the ledger has no rows";
        assert_eq!(strip_location("ledger.csv", message), (None, message));
    }

    #[test]
    fn demo_problems_are_named_by_file_alone() {
        let p = problem("budget.csv", "budget.csv line 2: bad", true);
        assert_eq!(dataset_problem(None, &p).to_string(), "budget.csv:2: bad");
    }

    #[test]
    fn report_exit_code_is_2_when_the_dataset_had_problems() {
        assert_eq!(exit_code(&[]), ExitCode::SUCCESS);
        assert_eq!(
            exit_code(&[problem("a.csv", "a.csv line 2: bad", false)]),
            ExitCode::from(2)
        );
        assert_eq!(
            exit_code(&[problem("a.csv", "missing", true)]),
            ExitCode::from(2)
        );
    }
}
