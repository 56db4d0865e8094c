//! `namnd import sie`: a summary of a SIE 4 file (`namnd_budget::sie`).

use std::path::PathBuf;
use std::process::ExitCode;

use namnd_budget::BudgetError;
use namnd_budget::sie::{BalanceKind, SieImporter, SieInfo, SieOptions};
use namnd_core::Amount;
use serde::Serialize;

use crate::Format;
use crate::error::{Problem, Result, budget_problem};
use crate::io::{display_name, note, open, out, out_json};

const EXAMPLE: &str = "\
Reads the whole file (PC8 encoding, #VER/#TRANS with object lists, #PSALDO/#PBUDGET/#RES)
and prints what it holds: company, fiscal years, accounts, dimensions and objects, vouchers,
the transactions on result accounts (classes 3-8) and the balance check (every voucher must
sum to zero; an unbalanced one is named by series and number). Rejected rows and notices are
listed on stderr with file and line.

Exit codes: 0 the file was read (rejected rows and unbalanced vouchers are listed, not
failures); 2 the file cannot be read, is not SIE (neither #SIETYP nor #FLAGGA) or holds no
SIE data (no #RAR, #KONTO, #DIM, #OBJEKT, #VER or balances). A file of 8 MiB or more
shows a progress bar on stderr when stderr is a terminal.

Example:
  namnd import sie huvudbok.se
  namnd import sie huvudbok.se --format json";

/// Summarise a SIE 4 file: company, year, accounts, objects, vouchers, balance check.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXAMPLE)]
pub(crate) struct Args {
    /// The SIE 4 file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The SIE dimension holding ansvar.
    #[arg(long, default_value_t = 1)]
    ansvar_dimension: u32,
    /// The SIE dimension holding verksamhet.
    #[arg(long, default_value_t = 20)]
    verksamhet_dimension: u32,
    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The summary, as JSON.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct SieSummary {
    file: String,
    company: Option<String>,
    program: Option<String>,
    format: Option<String>,
    generated: Option<String>,
    /// `#RAR`: index (0 current, -1 previous), first and last day.
    fiscal_years: Vec<FiscalYearOut>,
    accounts: usize,
    /// `#DIM` with the number of `#OBJEKT` of each.
    dimensions: Vec<DimensionOut>,
    vouchers: u64,
    /// `#TRANS` rows on result accounts (classes 3-8).
    transactions_read: u64,
    transactions_accepted: u64,
    transactions_rejected: u64,
    /// `#TRANS` rows on other accounts (balance sheet), skipped.
    transactions_skipped: u64,
    /// Sum of the accepted rows (costs positive), kronor with two decimals.
    total: String,
    debit: String,
    credit: String,
    /// `#PSALDO`, `#PBUDGET` and `#RES` lines.
    period_outcomes: usize,
    period_budgets: usize,
    year_results: usize,
    /// The balance check.
    balance_check: BalanceCheck,
    /// Notices per reason.
    notices: Vec<ReasonCount>,
    /// Rejected rows per reason.
    rejected: Vec<ReasonCount>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct FiscalYearOut {
    index: i32,
    start: String,
    end: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct DimensionOut {
    dimension: u32,
    name: String,
    objects: usize,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct BalanceCheck {
    /// Every voucher sums to zero.
    balanced: bool,
    unbalanced_vouchers: u64,
    /// The first unbalanced vouchers: line, series, number, difference.
    examples: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
struct ReasonCount {
    reason: String,
    count: u64,
}

fn kr(amount: Amount) -> String {
    amount.to_string()
}

pub(crate) fn run(args: &Args) -> Result<ExitCode> {
    let name = display_name(&args.file);
    let reader = open(&args.file)?;
    let options = SieOptions::new(&name)
        .with_ansvar_dimension(args.ansvar_dimension)
        .with_verksamhet_dimension(args.verksamhet_dimension);
    let mut import = SieImporter::new(reader, options);
    for row in import.by_ref() {
        row.map_err(|e| budget_problem(&name, &e))?;
    }
    let (summary, info) = import.into_parts();
    if info.sie_type.is_none() && info.flag.is_none() {
        return Err(Problem::in_file(
            &name,
            "is not a SIE file: it has neither #SIETYP nor #FLAGGA",
        )
        .into());
    }
    if read_nothing(&info, summary.rows_read()) {
        return Err(Problem::in_file(
            &name,
            "holds no SIE data: no #RAR, #KONTO, #DIM, #OBJEKT, #VER, #TRANS, #PSALDO, #PBUDGET or #RES",
        )
        .into());
    }
    for rejection in summary.rejected() {
        note(&budget_problem(&name, rejection).to_string());
    }
    for notice in summary.notices() {
        note(&budget_problem(&name, notice).to_string());
    }
    let unbalanced: Vec<&BudgetError> = summary
        .notices()
        .iter()
        .chain(summary.rejected())
        .filter(|e| matches!(e, BudgetError::SieUnbalancedVoucher { .. }))
        .collect();
    let unbalanced_count = summary
        .notices_by_reason()
        .chain(summary.rejected_by_reason())
        .filter(|(reason, _)| *reason == "SieUnbalancedVoucher")
        .map(|(_, n)| n)
        .sum::<u64>();
    let count = |kind: BalanceKind| info.balances.iter().filter(|b| b.kind == kind).count();
    let output = SieSummary {
        file: name.clone(),
        // Texts of the file as written, but never an identity number (a sole
        // trader's company or a person named in a dimension).
        company: info.company.as_deref().map(redacted),
        program: info.program.as_deref().map(redacted),
        format: info.format.as_deref().map(redacted),
        generated: info.generated.map(|d| d.to_string()),
        fiscal_years: info
            .fiscal_years
            .iter()
            .map(|y| FiscalYearOut {
                index: y.index,
                start: y.start.to_string(),
                end: y.end.to_string(),
            })
            .collect(),
        accounts: info.accounts.len(),
        dimensions: info
            .dimensions
            .iter()
            .map(|(d, n)| DimensionOut {
                dimension: *d,
                name: redacted(n),
                objects: info
                    .objects
                    .get(d)
                    .map_or(0, std::collections::HashMap::len),
            })
            .collect(),
        vouchers: info.vouchers,
        transactions_read: summary.rows_read(),
        transactions_accepted: summary.accepted(),
        transactions_rejected: summary.rejected_count(),
        transactions_skipped: summary.skipped(),
        total: kr(summary.total()),
        debit: kr(summary.debit()),
        credit: kr(summary.credit()),
        period_outcomes: count(BalanceKind::Outcome),
        period_budgets: count(BalanceKind::Budget),
        year_results: count(BalanceKind::YearResult),
        balance_check: BalanceCheck {
            balanced: unbalanced_count == 0,
            unbalanced_vouchers: unbalanced_count,
            examples: unbalanced.iter().take(10).map(|e| e.to_string()).collect(),
        },
        notices: summary
            .notices_by_reason()
            .map(|(reason, count)| ReasonCount {
                reason: reason.to_owned(),
                count,
            })
            .collect(),
        rejected: summary
            .rejected_by_reason()
            .map(|(reason, count)| ReasonCount {
                reason: reason.to_owned(),
                count,
            })
            .collect(),
    };
    match args.format {
        Format::Json => out_json(&output)?,
        Format::Table => out(&table_text(&output))?,
        Format::Csv => {
            return Err(Problem::new(
                "--format csv is not available for import sie; use table or json",
            )
            .into());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether a file with a SIE header held nothing that the summary counts.
fn read_nothing(info: &SieInfo, transactions_read: u64) -> bool {
    transactions_read == 0
        && info.fiscal_years.is_empty()
        && info.accounts.is_empty()
        && info.dimensions.is_empty()
        && info.objects.is_empty()
        && info.balances.is_empty()
        && info.vouchers == 0
}

fn table_text(s: &SieSummary) -> String {
    use core::fmt::Write as _;
    let mut text = String::new();
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    let _ = writeln!(text, "file:          {}", s.file);
    let _ = writeln!(text, "company:       {}", or_dash(&s.company));
    let _ = writeln!(text, "program:       {}", or_dash(&s.program));
    let _ = writeln!(text, "format:        {}", or_dash(&s.format));
    for y in &s.fiscal_years {
        let _ = writeln!(text, "fiscal year:   {} {} – {}", y.index, y.start, y.end);
    }
    let _ = writeln!(text, "accounts:      {}", s.accounts);
    for d in &s.dimensions {
        let _ = writeln!(
            text,
            "dimension {}:  {} ({} objects)",
            d.dimension, d.name, d.objects
        );
    }
    let _ = writeln!(text, "vouchers:      {}", s.vouchers);
    let _ = writeln!(
        text,
        "transactions:  {} on result accounts ({} accepted, {} rejected), {} on other accounts",
        s.transactions_read,
        s.transactions_accepted,
        s.transactions_rejected,
        s.transactions_skipped
    );
    let _ = writeln!(
        text,
        "totals:        {} (debit {}, credit {})",
        s.total, s.debit, s.credit
    );
    let _ = writeln!(
        text,
        "balances:      {} #PSALDO, {} #PBUDGET, {} #RES",
        s.period_outcomes, s.period_budgets, s.year_results
    );
    if s.balance_check.balanced {
        let _ = writeln!(text, "balance check: every voucher balances");
    } else {
        let _ = writeln!(
            text,
            "balance check: {} unbalanced vouchers",
            s.balance_check.unbalanced_vouchers
        );
        for example in &s.balance_check.examples {
            let _ = writeln!(text, "               {example}");
        }
    }
    text
}

/// `text` with anything shaped like a personnummer or samordningsnummer
/// masked.
fn redacted(text: &str) -> String {
    namnd_core::redact_identity_numbers(text).into_owned()
}
