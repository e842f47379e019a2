//! Fuzz target `catalogue_sheet`: arbitrary bytes go through the catalogue spreadsheet import the
//! way the province's catalogue editor reads an uploaded file ([`read_sheet`]): as `.xlsx` when
//! they start as a ZIP archive does (the corpus holds workbooks LibreOffice wrote), as `.csv`
//! otherwise. It must never
//! panic; a refusal names at least one problem, each with a message in both languages and a row
//! the sheet has (or none, for the whole file). An accepted sheet must make a draft that is a
//! valid catalogue, whose template (CSV) reads back to the same draft.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pkm_core::catalogue_draft::CatalogueDraft;
use pkm_core::catalogue_sheet::{read_sheet, template_csv};
use pkm_core::{CatalogueId, CatalogueStatus};

fuzz_target!(|data: &[u8]| {
    let mut base = CatalogueDraft::empty();
    base.title_vi = "Bộ tiêu chí".to_string();
    let name = if data.starts_with(b"PK") {
        "sheet.xlsx"
    } else {
        "sheet.csv"
    };
    match read_sheet(name, data, &base) {
        Ok(draft) => {
            let id = CatalogueId::new("fuzz").expect("a valid id");
            let catalogue = draft
                .to_catalogue(&id, CatalogueStatus::Draft)
                .unwrap_or_else(|problems| {
                    panic!("an accepted sheet is no catalogue: {problems:?}")
                });
            let template = template_csv(&catalogue);
            let again = read_sheet("template.csv", template.as_bytes(), &base)
                .unwrap_or_else(|problems| panic!("the template is refused: {problems:?}"));
            let back = again
                .to_catalogue(&id, CatalogueStatus::Draft)
                .unwrap_or_else(|problems| panic!("the template's draft is refused: {problems:?}"));
            assert_eq!(
                back, catalogue,
                "template then import gives the same catalogue"
            );
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            for problem in &problems {
                assert!(!problem.message_vi().is_empty());
                assert!(!problem.message_en().is_empty());
                assert!(problem.row.is_none_or(|row| row >= 1));
            }
        }
    }
});
