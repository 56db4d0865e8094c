//! Opening input files (with a progress bar for long imports when stderr is a
//! terminal) and writing to stdout and stderr.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::{Problem, Result, io_problem};

/// Files at least this large get a progress bar (when stderr is a terminal).
const PROGRESS_FROM_BYTES: u64 = 8 * 1024 * 1024;

/// The name a path has in messages.
pub(crate) fn display_name(path: &Path) -> String {
    namnd_core::quote_for_message(&path.display().to_string(), 200)
}

/// Opens `path` for reading. A large file read while stderr is a terminal is
/// wrapped in a progress bar that counts the bytes read.
pub(crate) fn open(path: &Path) -> Result<Box<dyn Read>> {
    let name = display_name(path);
    let file = File::open(path).map_err(|e| io_problem(&name, &e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if wants_progress(len, io::stderr().is_terminal()) {
        let bar = ProgressBar::new(len);
        if let Ok(style) = ProgressStyle::with_template(
            "{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name);
        return Ok(Box::new(Finishing {
            inner: bar.wrap_read(file),
            bar,
        }));
    }
    Ok(Box::new(io::BufReader::new(file)))
}

/// Whether reading a file of `len` bytes shows a progress bar: only for
/// files of at least [`PROGRESS_FROM_BYTES`], and only when stderr is a
/// terminal (never in pipes, logs or tests).
fn wants_progress(len: u64, stderr_is_terminal: bool) -> bool {
    stderr_is_terminal && len >= PROGRESS_FROM_BYTES
}

/// Reads a whole (small) text file as UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let name = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| io_problem(&name, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let before = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count();
        Problem::at(
            name,
            u64::try_from(line).unwrap_or(u64::MAX).saturating_add(1),
            "the file is not UTF-8 text",
        )
        .into()
    })
}

/// A progress-bar reader that clears its bar at the end of the input.
struct Finishing<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for Finishing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.bar.finish_and_clear();
        }
        Ok(n)
    }
}

/// Writes `text` to stdout.
pub(crate) fn out(text: &str) -> Result<()> {
    let stdout = io::stdout();
    let mut lock = BufWriter::new(stdout.lock());
    lock.write_all(text.as_bytes())
        .and_then(|()| lock.flush())
        .map_err(|e| io_problem("stdout", &e).into())
}

/// Writes a line to stderr (a notice; failures to write are ignored, as
/// there is nowhere left to report them).
pub(crate) fn note(text: &str) {
    let stderr = io::stderr();
    let mut lock = stderr.lock();
    let _ = writeln!(lock, "namnd: {text}");
}

/// Writes `value` to stdout as pretty JSON with a final newline.
pub(crate) fn out_json(value: &impl serde::Serialize) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Problem::in_file("stdout", format!("cannot write JSON: {e}")))?;
    text.push('\n');
    out(&text)
}

/// `value[key]` without indexing: `null` when absent.
pub(crate) fn field<'a>(value: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    static NULL: serde_json::Value = serde_json::Value::Null;
    value.get(key).unwrap_or(&NULL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_bar_only_for_large_files_when_stderr_is_a_terminal() {
        assert!(wants_progress(PROGRESS_FROM_BYTES, true));
        assert!(wants_progress(u64::MAX, true));
        assert!(!wants_progress(PROGRESS_FROM_BYTES - 1, true));
        assert!(!wants_progress(PROGRESS_FROM_BYTES, false));
        assert!(!wants_progress(0, false));
    }
}
