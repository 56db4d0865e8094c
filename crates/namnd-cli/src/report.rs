//! `namnd demo` and `namnd report`: assemble a committee report from a
//! dataset (`namnd_report::assemble`) and write it as HTML, Markdown, Excel
//! and JSON (`namnd_report::render`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use namnd_core::YearMonth;
use namnd_report::assemble::{AssembleOptions, assemble};
use namnd_report::dataset::{Dataset, LoadedDataset};
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
see docs/formats.md). Every problem with a file is listed on stderr; the sections that can be
built are, and the others say why they are unavailable. Writes report.html, report.md,
report.xlsx and report.json into --out.

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
    write_report(loaded, &AssembleOptions::default(), &args.out)
}

pub(crate) fn run_report(args: &ReportArgs) -> Result<ExitCode> {
    let name = display_name(&args.dataset);
    let loaded =
        Dataset::load_dir(&args.dataset).map_err(|e| Problem::in_file(&name, e.to_string()))?;
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
    write_report(loaded, &options, &args.out)
}

fn write_report(loaded: LoadedDataset, options: &AssembleOptions, dir: &Path) -> Result<ExitCode> {
    for problem in &loaded.problems {
        if problem.message.starts_with(&problem.file) {
            note(&problem.message);
        } else {
            note(&format!("{}: {}", problem.file, problem.message));
        }
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
    Ok(ExitCode::SUCCESS)
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
