//! Register import: never panics, never loses a row, never echoes the
//! description column.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use namnd_quality::case::{CaseCategories, CaseStatus, Regime, SarahLaw};
use namnd_quality::register::{RegisterColumns, RegisterOptions, import_register};
use proptest::prelude::*;

const HEADER: &str = "id,enhet,regim,lag,kategori,handelsedatum,upptacktsdatum,rapportdatum,mottagare,utredning_start,utredning_klar,bedomning,ivo_anmalan,ivo_beslut_datum,ivo_beslut,omdirigerad_till,omdirigerad_datum,avslutad,beskrivning";

fn categories() -> CaseCategories {
    CaseCategories::new(["x", "fall"]).unwrap()
}

#[test]
fn description_column_is_never_stored_or_echoed() {
    let csv = format!(
        "{HEADER}\n\
         A,HT,lex maria,,x,,,2021-03-01,MAS,,,,,,,,,,Kalle 19121212-1212 föll\n\
         B,HT,lex maria,,x,,,2021-13-01,MAS,,,,,,,,,,Kalle 19121212-1212 föll\n"
    );
    let import = import_register(
        csv.as_bytes(),
        &RegisterOptions::new("r.csv"),
        &categories(),
    )
    .unwrap();
    assert_eq!(
        (
            import.summary().accepted(),
            import.summary().rejected_count()
        ),
        (1, 1)
    );
    let everything = format!("{import:?} {}", import.summary().rejected()[0]);
    assert!(!everything.contains("Kalle"));
    assert!(!everything.contains("1212"));
}

#[test]
fn columns_can_be_renamed() {
    let csv = "Dnr;Enhet;Regim;Lag;Kategori;Händelse;Upptäckt;Rapport;Mottagare;Start;Klar;Bedömning;IVO;IVO-beslut datum;IVO-beslut;Till;Datum;Avslutad\n\
               LS 1;HT;Sarah;LSS;fall;;;2022-01-10;enhetschef;2022-01-11;;;;;;;;\n";
    let columns = RegisterColumns::default()
        .with_id("Dnr")
        .with_handelsedatum("Händelse")
        .with_upptacktsdatum("Upptäckt")
        .with_rapportdatum("Rapport")
        .with_utredning_start("Start")
        .with_utredning_klar("Klar")
        .with_bedomning("Bedömning")
        .with_ivo_anmalan("IVO")
        .with_ivo_beslut_datum("IVO-beslut datum")
        .with_ivo_beslut("IVO-beslut")
        .with_omdirigerad_till("Till")
        .with_omdirigerad_datum("Datum");
    let options = RegisterOptions::new("r.csv").with_columns(columns);
    let import = import_register(csv.as_bytes(), &options, &categories()).unwrap();
    assert_eq!(
        import.summary().rejected_count(),
        0,
        "{:?}",
        import.summary().rejected()
    );
    assert_eq!(import.summary().delimiter(), b';');
    let case = &import.cases()[0];
    assert_eq!(case.regime(), Regime::LexSarah { law: SarahLaw::Lss });
    assert_eq!(case.status(), CaseStatus::UnderInvestigation);
}

#[test]
fn redirect_in_a_row_comes_first_on_the_same_day() {
    let csv = format!(
        "{HEADER}\n\
         M1,HT,lex maria,SoL,x,,,2022-05-16,MAS,2022-05-30,,,,,,lex sarah,2022-05-30,,\n"
    );
    let import = import_register(
        csv.as_bytes(),
        &RegisterOptions::new("r.csv"),
        &categories(),
    )
    .unwrap();
    let case = &import.cases()[0];
    assert_eq!(case.regime(), Regime::LexSarah { law: SarahLaw::Sol });
    assert_eq!(case.status(), CaseStatus::UnderInvestigation);
}

#[test]
fn bom_and_quoted_fields_are_read() {
    let csv = format!(
        "\u{feff}{HEADER}\n\"A\",\"HT\",lex maria,,\"x\",,,2021-03-01,MAS,,,,,,,,,,\"text, with \"\"quotes\"\"\nand a line break\"\nB,HT,lex maria,,x,,,2021-03-02,MAS,,,,,,,,,,\n"
    );
    let import = import_register(
        csv.as_bytes(),
        &RegisterOptions::new("r.csv"),
        &categories(),
    )
    .unwrap();
    assert_eq!(
        import.summary().rejected_count(),
        0,
        "{:?}",
        import.summary().rejected()
    );
    assert_eq!(import.cases().len(), 2);
}

proptest! {
    #[test]
    fn import_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(import) = import_register(&bytes[..], &RegisterOptions::new("r.csv"), &categories()) {
            let s = import.summary();
            prop_assert_eq!(s.accepted() + s.rejected_count(), s.rows_read());
            prop_assert_eq!(import.cases().len() as u64, s.accepted());
        }
    }

    #[test]
    fn rows_after_a_good_header_are_all_accounted_for(
        rows in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    Just("2021-03-01".to_owned()),
                    Just("2021-02-30".to_owned()),
                    Just("lex sarah".to_owned()),
                    Just("lex maria".to_owned()),
                    Just("SoL".to_owned()),
                    Just("SAS".to_owned()),
                    Just("x".to_owned()),
                    Just("allvarlig".to_owned()),
                    Just("kritik".to_owned()),
                    "[ -~åäö]{0,8}",
                ],
                15..21,
            ),
            0..30,
        ),
        tail in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let mut csv = format!("{HEADER}\n");
        for row in &rows {
            csv.push_str(&row.join(","));
            csv.push('\n');
        }
        let mut bytes = csv.into_bytes();
        bytes.extend_from_slice(&tail);
        let import = import_register(&bytes[..], &RegisterOptions::new("r.csv"), &categories()).unwrap();
        let s = import.summary();
        prop_assert_eq!(s.accepted() + s.rejected_count(), s.rows_read());
        prop_assert_eq!(import.cases().len() as u64, s.accepted());
        let by_reason: u64 = s.rejected_by_reason().map(|(_, n)| n).sum();
        prop_assert_eq!(by_reason, s.rejected_count());
    }
}
