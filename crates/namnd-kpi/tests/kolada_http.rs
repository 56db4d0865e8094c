//! The Kolada HTTP client against a canned server on loopback (127.0.0.1).
//! No test here reaches the internet: every base URL is `http://127.0.0.1:PORT`.
#![cfg(feature = "kolada-http")]
// Test code may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use namnd_core::Decimal;
use namnd_kpi::KpiError;
use namnd_kpi::kolada::{KoladaClient, KoladaGender};

/// One canned answer: status and body. `{BASE}` in the body becomes the
/// server's `http://127.0.0.1:PORT`.
struct Canned(u16, &'static str);

/// A server on 127.0.0.1 that answers one connection per canned response,
/// in order, then stops. Returns its base URL and a channel with each
/// request's head (request line and headers).
fn serve(answers: Vec<Canned>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    let own = base.clone();
    std::thread::spawn(move || {
        for Canned(status, body) in answers {
            let (mut stream, _) = listener.accept().unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0_u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if stream.read(&mut byte).unwrap() == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            tx.send(String::from_utf8_lossy(&head).into_owned())
                .unwrap();
            let body = body.replace("{BASE}", &own);
            let reason = if status == 200 { "OK" } else { "Error" };
            let answer = format!(
                "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(answer.as_bytes()).unwrap();
            stream.flush().unwrap();
        }
    });
    (base, rx)
}

/// The request line of the next request the server saw.
fn request_line(rx: &mpsc::Receiver<String>) -> String {
    let head = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    head.lines().next().unwrap_or_default().to_owned()
}

const PAGE_1: &str = r#"{"count": 3, "values": [
  {"kpi": "U21401", "municipality": "0481", "period": 2021,
   "values": [{"gender": "T", "count": 1, "status": "", "value": 19.50}]},
  {"kpi": "U21401", "municipality": "0461", "period": 2021,
   "values": [{"gender": "T", "count": 1, "status": "", "value": 14}]}],
 "next_page": "{BASE}/v2/data/kpi/U21401/municipality/0481,0461/year/2021?page=2&per_page=2",
 "previous_page": null}"#;

const PAGE_2: &str = r#"{"count": 3, "values": [
  {"kpi": "U21401", "municipality": "0481", "period": 2021,
   "values": [{"gender": "K", "count": 0, "status": "Missing", "value": null}]}],
 "next_page": null}"#;

#[test]
fn fetch_data_builds_the_v2_url_and_follows_next_page() {
    let (base, rx) = serve(vec![Canned(200, PAGE_1), Canned(200, PAGE_2)]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let data = client
        .fetch_data("U21401", &["0481", "0461"], &[2021])
        .unwrap();
    assert_eq!(
        request_line(&rx),
        "GET /v2/data/kpi/U21401/municipality/0481,0461/year/2021 HTTP/1.1"
    );
    assert_eq!(
        request_line(&rx),
        "GET /v2/data/kpi/U21401/municipality/0481,0461/year/2021?page=2&per_page=2 HTTP/1.1"
    );
    assert_eq!(data.len(), 3);
    // The same parsing as for saved files: exact decimals with their scale.
    assert_eq!(data[0].value(), Some(Decimal::new(1950, 2)));
    assert_eq!(data[0].value().unwrap().to_string(), "19.50");
    assert_eq!(data[1].municipality(), "0461");
    assert_eq!(
        (data[2].gender(), data[2].value(), data[2].status()),
        (KoladaGender::Women, None, Some("Missing"))
    );
}

#[test]
fn fetch_kpis_reads_the_metadata() {
    let body = r#"{"count": 1, "values": [{"id": "U21401", "title": "Personalkontinuitet",
        "description": "Antal personal", "is_divided_by_gender": 0, "has_ou_data": true}],
        "next_page": null}"#;
    let (base, rx) = serve(vec![Canned(200, body)]);
    let client = KoladaClient::new(&format!("{base}/v2/")).unwrap();
    let kpis = client.fetch_kpis(&["U21401"]).unwrap();
    let head = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(
        head.starts_with("GET /v2/kpi/U21401 HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("accept: application/json\r\n"),
        "{head}"
    );
    assert_eq!(kpis.len(), 1);
    assert_eq!(kpis[0].id(), "U21401");
    assert!(kpis[0].has_ou_data());
}

#[test]
fn server_error_names_the_url_and_status() {
    let (base, rx) = serve(vec![Canned(500, r#"{"error": "internal"}"#)]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let err = client.fetch_data("U21401", &["0481"], &[2021]).unwrap_err();
    let url = format!("{base}/v2/data/kpi/U21401/municipality/0481/year/2021");
    assert_eq!(
        err,
        KpiError::KoladaHttpStatus {
            url: url.clone(),
            status: 500
        }
    );
    assert_eq!(
        err.to_string(),
        format!("kolada request to {url} answered http status 500")
    );
    assert!(request_line(&rx).starts_with("GET /v2/data/kpi/U21401/"));
}

#[test]
fn error_on_a_later_page_names_that_page() {
    let (base, _rx) = serve(vec![Canned(200, PAGE_1), Canned(503, "")]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let err = client
        .fetch_data("U21401", &["0481", "0461"], &[2021])
        .unwrap_err();
    let KpiError::KoladaHttpStatus { url, status } = &err else {
        panic!("unexpected error {err:?}");
    };
    assert_eq!(*status, 503);
    assert!(url.ends_with("/year/2021?page=2&per_page=2"), "{url}");
}

#[test]
fn duplicate_across_pages_is_an_error_naming_the_page() {
    let page_2 = r#"{"values": [{"kpi": "U21401", "municipality": "0461", "period": 2021,
        "values": [{"gender": "T", "value": 15}]}], "next_page": null}"#;
    let (base, _rx) = serve(vec![Canned(200, PAGE_1), Canned(200, page_2)]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let err = client
        .fetch_data("U21401", &["0481", "0461"], &[2021])
        .unwrap_err();
    let KpiError::KoladaDuplicate {
        file,
        at,
        first,
        second,
    } = &err
    else {
        panic!("unexpected error {err:?}");
    };
    assert!(file.ends_with("?page=2&per_page=2"), "{file}");
    assert_eq!(at, "U21401 for municipality 0461 period 2021 gender T");
    // Entries are counted over all pages.
    assert_eq!((*first, *second), (2, 3));
}

#[test]
fn malformed_page_names_the_url_and_position() {
    let (base, _rx) = serve(vec![Canned(200, "{\"values\": [\n{\"kpi\": }]}")]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let err = client.fetch_kpis(&[]).unwrap_err();
    let KpiError::KoladaJson {
        file, line, column, ..
    } = &err
    else {
        panic!("unexpected error {err:?}");
    };
    assert_eq!(file, &format!("{base}/v2/kpi"));
    assert_eq!((*line, *column), (2, 9));
}

#[test]
fn next_page_loop_is_stopped() {
    let looping = r#"{"values": [], "next_page": "{BASE}/v2/kpi/U21401"}"#;
    let (base, _rx) = serve(vec![Canned(200, looping)]);
    let client = KoladaClient::new(&format!("{base}/v2")).unwrap();
    let err = client.fetch_kpis(&["U21401"]).unwrap_err();
    assert_eq!(
        err,
        KpiError::KoladaPaging {
            url: format!("{base}/v2/kpi/U21401"),
            reason: "next_page leads back to a page already read",
        }
    );
}

#[test]
fn refused_connection_names_the_url() {
    // Bind and drop at once: nothing listens on the port any more.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = KoladaClient::new(&format!("http://127.0.0.1:{port}/v2")).unwrap();
    let err = client.fetch_kpis(&["U21401"]).unwrap_err();
    let KpiError::KoladaHttp { url, reason } = &err else {
        panic!("unexpected error {err:?}");
    };
    assert_eq!(url, &format!("http://127.0.0.1:{port}/v2/kpi/U21401"));
    assert!(!reason.is_empty());
    assert!(
        err.to_string()
            .starts_with(&format!("kolada request to {url} failed: "))
    );
}

#[test]
fn bad_ids_fail_before_any_request() {
    let client = KoladaClient::new("http://127.0.0.1:9/v2").unwrap();
    assert!(matches!(
        client.fetch_kpis(&["U2140"]),
        Err(KpiError::InvalidKoladaId { .. })
    ));
    assert!(matches!(
        client.fetch_data("U21401", &["0481?x=1"], &[2021]),
        Err(KpiError::KoladaMunicipalityId { .. })
    ));
}
