//! # namnd: the command line of the namnd libraries
//!
//! A thin layer over the library crates: every figure is computed there, the
//! command reads files, calls the library and prints the result.
//!
//! | Command | Library |
//! |---|---|
//! | `namnd followup` | `namnd_budget::FollowUpJob` (run rate, the benchmark contract); `namnd_calc::forecast` for the other methods |
//! | `namnd check` | `namnd_calc::check` (tables, rules, one-cell fixes, the PDF row splitter) |
//! | `namnd evb quarter` | `namnd_decisions::import` + `quarter::QuarterReport` |
//! | `namnd kpi continuity` | `namnd_kpi::continuity` |
//! | `namnd import sie` | `namnd_budget::sie` |
//! | `namnd schema` | the JSON Schemas (schemars) of the outputs |
//! | `namnd demo`, `namnd report` | `namnd_report`: `demo::dataset`, `Dataset::load_dir`, `assemble::assemble`, `render::*` |
//!
//! Exit codes: 0 ok, 1 findings (`check` found an `error`), 2 usage or input
//! error (for `namnd report`: the dataset had problems, a section unavailable
//! or rows rejected; the reports are still written). Errors go to stderr as
//! `namnd: <file>:<line>: <message>`; a dataset's as
//! `namnd: <dataset-dir>/<file>:<line>: <message>`.
//!
//! ## Dependencies, and why
//! - `clap` (derive): argument parsing, `--help` and usage errors (exit 2);
//! - `toml` (tests only): the bad-input corpus's `cases.toml`; the rules file of
//!   `namnd check` is read by `namnd_calc::check::rules` (its feature `toml`);
//! - `indicatif`: a progress bar on long imports (files of 8 MiB or more read
//!   by `followup`, `import sie`, `evb quarter`, `kpi continuity`), only when
//!   stderr is a terminal; `report` reads its files whole and shows none;
//! - `csv`, `serde_json`, `schemars`: the table input and the JSON output and schemas.

mod check;
mod error;
mod evb;
mod followup;
mod io;
mod kpi;
mod report;
mod schema;
mod sie;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Budget follow-up, consistency checks and committee reports for Swedish
/// municipal social-services committees.
#[derive(Debug, Parser)]
#[command(
    name = "namnd",
    version,
    after_long_help = "Examples:\n  namnd demo --out report\n  namnd followup --ledger huvudbok.csv --budget budget.csv --as-of 2023-08\n  namnd check tabell.csv --rules regler.toml --format json\n\nExit codes: 0 ok, 1 findings (check found an error), 2 usage or input error (namnd report:\nthe dataset had problems; the reports are still written with what could be read).\n\nA file of 8 MiB or more read by followup, import sie, evb quarter or kpi continuity shows a\nprogress bar on stderr when stderr is a terminal."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Followup(followup::Args),
    Check(check::Args),
    /// Unexecuted decisions (ej verkställda beslut).
    #[command(subcommand)]
    Evb(EvbCommand),
    /// Key performance indicators.
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// Read an import file and summarise it.
    #[command(subcommand)]
    Import(ImportCommand),
    Schema(schema::Args),
    Demo(report::DemoArgs),
    Report(report::ReportArgs),
}

#[derive(Debug, Subcommand)]
enum EvbCommand {
    Quarter(evb::Args),
}

#[derive(Debug, Subcommand)]
enum KpiCommand {
    Continuity(kpi::Args),
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    Sie(sie::Args),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for people, Swedish number format.
    Table,
    /// JSON for programs.
    Json,
    /// CSV for spreadsheets and programs.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Followup(args) => followup::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Evb(EvbCommand::Quarter(args)) => evb::run(&args),
        Command::Kpi(KpiCommand::Continuity(args)) => kpi::run(&args),
        Command::Import(ImportCommand::Sie(args)) => sie::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Demo(args) => report::run_demo(&args),
        Command::Report(args) => report::run_report(&args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            for problem in &failure.problems {
                io::note(&problem.to_string());
            }
            ExitCode::from(2)
        }
    }
}
