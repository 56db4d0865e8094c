//! The `namnd` command (being written).

use clap::Parser;

/// Budget follow-up, consistency checks and committee reports for Swedish
/// municipal social-services committees.
#[derive(Debug, Parser)]
#[command(name = "namnd", version)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
}
