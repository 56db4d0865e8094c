//! The HTML report in a real browser: Debian's chromium, headless.
//!
//! (a) a screenshot of the page is a real, non-trivial PNG;
//! (b) with a test-only probe script appended, the DOM dump shows that every
//! chart has a non-zero size and that the headline figures are on the page,
//! for the hand-made example report and for the demo dataset's report
//! (`demo::dataset()` → `assemble` → `to_html`).
//!
//! The browser is required: when `/usr/bin/chromium` is missing these tests
//! FAIL (they never pass silently). `.ci/run` installs it.

// This whole binary is test code: a failed helper should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use namnd_report::assemble::{AssembleOptions, assemble};
use namnd_report::model::{Block, Report, SectionBody};
use namnd_report::render::display::display_key_figure;
use namnd_report::render::example::example_report;
use namnd_report::render::html::to_html;

const CHROMIUM: &str = "/usr/bin/chromium";
const DEADLINE: Duration = Duration::from_secs(180);

fn chromium() -> &'static str {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: the HTML report must be tested in a real browser. \
         `.ci/run` installs it (apt-get install -y chromium); run that, or install \
         Debian's chromium package by hand"
    );
    CHROMIUM
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "namnd-render-browser-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs chromium headless with the project's flags plus `extra`, returning
/// stdout; fails the test on a non-zero exit or after [`DEADLINE`].
fn run_chromium(dir: &Path, extra: &[String]) -> String {
    let profile = dir.join("profile");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    assert!(status.success(), "chromium failed ({status}):\n{stderr}");
    stdout
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn report_and_html(dir: &Path) -> (Report, PathBuf) {
    let report = example_report().unwrap();
    let path = dir.join("report.html");
    std::fs::write(&path, to_html(&report).unwrap()).unwrap();
    (report, path)
}

fn chart_count(report: &Report) -> usize {
    report
        .sections
        .iter()
        .filter_map(|s| match &s.body {
            SectionBody::Available { blocks } => Some(blocks),
            SectionBody::Unavailable { .. } => None,
        })
        .flatten()
        .filter(|b| matches!(b, Block::Chart(_)))
        .count()
}

/// Treats every kind of space alike, as a reader does.
fn spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[test]
fn screenshot_of_the_html_report_is_a_real_image() {
    let dir = scratch("screenshot");
    let (_, html) = report_and_html(&dir);
    let png = dir.join("report.png");
    run_chromium(
        &dir,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,4000".to_owned(),
            file_url(&html),
        ],
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot {png:?}: {e}"));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // IHDR: width and height as big-endian u32 at bytes 16..24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1280, 4000));
    // A blank page compresses to a few kilobytes; tables and charts do not.
    assert!(
        bytes.len() > 40_000,
        "screenshot only {} bytes",
        bytes.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Loads `report` as HTML in chromium with a test-only probe script, checks
/// that every chart has a non-zero size and that the title, every section
/// title and every headline figure (label and value as displayed) are on the
/// page; returns the page text, the number of charts and of headline figures.
fn probe_in_browser(name: &str, report: &Report) -> (String, usize, usize) {
    let dir = scratch(name);
    let page = to_html(report).unwrap();
    // Test-only: the report itself never contains a script.
    assert!(!page.contains("<script"));
    let probe = r#"<script>
(function () {
  var out = [];
  document.querySelectorAll('svg').forEach(function (svg, i) {
    var r = svg.getBoundingClientRect();
    out.push('SVG\t' + (svg.getAttribute('data-chart-id') || i) + '\t' + r.width + '\t' + r.height);
  });
  out.push('TEXT\t' + document.body.innerText);
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
</script>
</body>"#;
    let probed = dir.join("probe.html");
    std::fs::write(&probed, page.replacen("</body>", probe, 1)).unwrap();
    let dom = run_chromium(
        &dir,
        &[
            "--window-size=1280,4000".to_owned(),
            "--dump-dom".to_owned(),
            file_url(&probed),
        ],
    );
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("no probe in the DOM dump:\n{dom}"))
        + "<pre id=\"probe\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let probe = unescape(&dom[start..end]);

    let mut charts = Vec::new();
    for line in probe.lines().take_while(|l| l.starts_with("SVG\t")) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (id, w, h): (&str, f64, f64) = (
            fields[1],
            fields[2].parse().unwrap(),
            fields[3].parse().unwrap(),
        );
        assert!(w > 100.0 && h > 100.0, "chart {id} is {w}×{h}");
        charts.push(id.to_owned());
    }
    assert_eq!(charts.len(), chart_count(report), "charts: {charts:?}");

    let text = spaces(&probe[probe.find("TEXT\t").unwrap() + 5..]);
    assert!(text.contains(&spaces(&report.meta.title)));
    let mut headline = 0;
    for section in &report.sections {
        assert!(text.contains(&spaces(&section.title)), "{}", section.title);
        if let SectionBody::Available { blocks } = &section.body {
            for block in blocks {
                if let Block::KeyFigures(figures) = block {
                    for figure in figures {
                        let shown = spaces(&display_key_figure(figure).unwrap().text);
                        let expected = format!("{} {shown}", spaces(&figure.label));
                        assert!(
                            text.contains(&expected),
                            "{expected:?} not in page text:\n{text}"
                        );
                        headline += 1;
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    (text, charts.len(), headline)
}

#[test]
fn charts_have_a_size_and_headline_figures_are_shown_in_the_browser() {
    let report = example_report().unwrap();
    let (text, charts, headline) = probe_in_browser("probe", &report);
    assert_eq!(charts, 4);
    assert_eq!(headline, 4);
    assert!(text.contains("\u{2212}6 841 tkr"));
}

#[test]
fn demo_report_charts_have_a_size_and_headline_figures_are_shown_in_the_browser() {
    // The real pipeline: the embedded dataset, assembled, rendered.
    let loaded = namnd_report::demo::dataset().unwrap();
    let report = assemble(&loaded.dataset, &AssembleOptions::default()).unwrap();
    let (text, charts, headline) = probe_in_browser("demo", &report);
    // Budget: cumulative and forecast by month; goals: a trend per
    // indicator with at least two values; decisions: per quarter.
    assert!(charts >= 4, "{charts} charts");
    // Summary (7) and internal control (5) headline figures at least.
    assert!(headline >= 12, "{headline} headline figures");
    assert!(text.contains("Helårsprognos"));
    assert!(text.contains("Datakvalitet"));
}
