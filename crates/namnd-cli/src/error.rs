//! What a command that fails says: one or more problems, each naming the file
//! and line it is about, printed to stderr as `namnd: <file>:<line>: <message>`.

use core::fmt;

/// One problem with the input or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// The file the problem is in, if it is about one.
    pub(crate) file: Option<String>,
    /// The 1-based line in that file, if known.
    pub(crate) line: Option<u64>,
    /// What is wrong (never holding personal data: texts from the input go
    /// through `namnd_core::quote_for_message` or the libraries' own redaction).
    pub(crate) message: String,
}

impl Problem {
    /// A problem not tied to a file.
    pub(crate) fn new(message: impl Into<String>) -> Problem {
        Problem {
            file: None,
            line: None,
            message: message.into(),
        }
    }

    /// A problem in `file`.
    pub(crate) fn in_file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: Some(file.into()),
            line: None,
            message: message.into(),
        }
    }

    /// A problem at `line` of `file`.
    pub(crate) fn at(file: impl Into<String>, line: u64, message: impl Into<String>) -> Problem {
        Problem {
            file: Some(file.into()),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: {}", self.message),
            (Some(file), None) => write!(f, "{file}: {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

/// A command that could not run: every problem found (not just the first).
/// Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) problems: Vec<Problem>,
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Failure {
        Failure {
            problems: vec![problem],
        }
    }
}

impl From<Vec<Problem>> for Failure {
    fn from(problems: Vec<Problem>) -> Failure {
        Failure { problems }
    }
}

/// The result of a command.
pub(crate) type Result<T, E = Failure> = core::result::Result<T, E>;

/// A problem from an I/O error while reading or writing `file`.
pub(crate) fn io_problem(file: &str, error: &std::io::Error) -> Problem {
    Problem::in_file(file, error.to_string())
}

/// A problem from an error of `namnd-budget`, with its file and line when the
/// error has them.
pub(crate) fn budget_problem(fallback_file: &str, error: &namnd_budget::BudgetError) -> Problem {
    Problem {
        file: Some(error.file().unwrap_or(fallback_file).to_owned()),
        line: error.line(),
        message: error.to_string(),
    }
}
