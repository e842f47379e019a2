//! Fuzz target `catalogue_reader`: arbitrary bytes go through the catalogue loader the way the
//! province's catalogue page reads an uploaded file (UTF-8, then JSON, then
//! [`Catalogue::from_value_all`], falling back to [`Catalogue::from_json`] for its message). It must
//! never panic; a refusal names at least one problem, each with a path and a message in both
//! languages, and both loaders agree on accepting. An accepted catalogue must:
//!
//! - write back (as JSON) and load back to an equal catalogue;
//! - answer look-ups consistently (every criterion found by id, in its group, at its position);
//! - compare equal to itself in a catalogue diff, and diff against the built-in draft both ways;
//! - go into a store, and a second time as a no-op;
//! - travel in a config bundle: a province that loaded it can send it to its wards, and they read
//!   back the same catalogue.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pkm_core::bundle::{ExportedAt, HeaderInput, Limits, Selection, read_bundle, write_bundle};
use pkm_core::catalogue_diff::CatalogueDiff;
use pkm_core::ids::{BundleId, DeviceId, UnitId};
use pkm_core::{Catalogue, CatalogueError, EditContext, HlcClock, Store, Unit, UnitKind};

fn check_refusal(errors: &[CatalogueError]) {
    assert!(!errors.is_empty(), "a refusal names at least one problem");
    for error in errors {
        assert!(error.path().starts_with('$'));
        assert!(!error.message_vi().is_empty());
        assert!(!error.message_en().is_empty());
    }
}

fn check_accepted(catalogue: &Catalogue) {
    let text = serde_json::to_string(catalogue).expect("a catalogue serialises");
    let again = Catalogue::from_json(&text)
        .unwrap_or_else(|error| panic!("a written catalogue does not load: {error}"));
    assert_eq!(
        &again, catalogue,
        "write then load gives the same catalogue"
    );

    assert!(catalogue.criteria_count() > 0);
    for (position, criterion) in catalogue.criteria().enumerate() {
        assert_eq!(catalogue.criterion(&criterion.id), Some(criterion));
        assert_eq!(catalogue.position(&criterion.id), Some(position + 1));
        let group = catalogue
            .group_of(&criterion.id)
            .expect("every criterion is in a group");
        assert!(group.criteria.contains(criterion));
    }

    assert!(CatalogueDiff::between(catalogue, catalogue).is_empty());
    if let Ok(draft) = Catalogue::builtin_draft() {
        let forward = CatalogueDiff::between(&draft, catalogue);
        let backward = CatalogueDiff::between(catalogue, &draft);
        let _ = (forward.summary_vi(), backward.summary_vi());
    }

    let mut store = province();
    assert_eq!(store.add_catalogue(catalogue.clone()), Ok(true));
    assert_eq!(store.add_catalogue(catalogue.clone()), Ok(false));
    let header = HeaderInput {
        app_version: "fuzz".to_string(),
        bundle_id: BundleId::new("b-fuzz").expect("a valid bundle id"),
        exported_at: ExportedAt {
            text: String::new(),
            hlc: HlcClock::new(DeviceId::new("tinh").expect("a valid device id"))
                .tick(1_800_000_000_000),
        },
        device_id: DeviceId::new("tinh").expect("a valid device id"),
        unit_id: UnitId::new("p").expect("a valid unit id"),
    };
    let text = write_bundle(&store, &Selection::Config(header.unit_id.clone()), &header)
        .expect("a config bundle is written");
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap_or_else(|problems| {
        panic!("a config bundle with the catalogue is refused: {problems:?}")
    });
    assert_eq!(bundle.content.catalogue(&catalogue.id), Some(catalogue));
}

/// A store holding one province, to export config bundles from.
fn province() -> Store {
    let mut store = Store::new();
    let mut clock = HlcClock::new(DeviceId::new("tinh").expect("a valid device id"));
    let context = EditContext::new(clock.tick(1_700_000_000_000), "Quản trị");
    let unit = Unit {
        id: UnitId::new("p").expect("a valid unit id"),
        code: None,
        name_vi: "Công an tỉnh".to_string(),
        kind: UnitKind::Province,
        parent: None,
        attachment_limits: None,
    };
    store.upsert_unit(&context, unit).expect("the province");
    store
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let from_text = Catalogue::from_json(text);
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => match Catalogue::from_value_all(&value) {
            Ok(catalogue) => {
                assert_eq!(from_text.as_ref(), Ok(&catalogue), "both loaders agree");
                check_accepted(&catalogue);
            }
            Err(errors) => {
                check_refusal(&errors);
                assert!(from_text.is_err(), "both loaders agree");
                assert_eq!(from_text.as_ref().err(), errors.first());
            }
        },
        Err(_) => {
            let error = from_text.expect_err("text that is not JSON is refused");
            assert!(matches!(error, CatalogueError::NotJson { .. }));
            check_refusal(&[error]);
        }
    }
});
