//! Issue 23: the province's settings for evidence files come to the wards in a file, so they are
//! untrusted input. The reader accepts exactly the settings the province's form can set (1 to
//! 100 MB per file, from that to 10,000 MB per ward, 320 to 10,000 px), refuses any other with
//! `attachment-limits-out-of-range` at the record, and the refused file previews as rejected at
//! the province, whatever signs it.

use pkm_core::attachment::EvidenceSettings;
use pkm_core::attachment::limits::MB;
use pkm_core::batch_import::{BatchPreview, PreviewOutcome};
use pkm_core::bundle::{Limits, read_bundle};
use pkm_core::{Store, TrustPolicy};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{self, bundles_dir};

/// The example config (format version 2) with `settings` on the province's record, its digest
/// recomputed.
fn config_with(settings: &EvidenceSettings) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(&support::examples().config).unwrap();
    value["format_version"] = json!(2);
    value["content"]["units"]["na"][0]["value"]["attachment_limits"] =
        serde_json::to_value(settings).unwrap();
    support::sign(value).into_bytes()
}

/// The ranges, written out again here rather than taken from the core.
fn allowed(settings: &EvidenceSettings) -> bool {
    let per_file = settings.per_file >= 1_000_000 && settings.per_file <= 100_000_000;
    let per_ward = settings.per_ward >= settings.per_file && settings.per_ward <= 10_000_000_000;
    let side = settings.longest_side >= 320 && settings.longest_side <= 10_000;
    per_file && per_ward && side
}

fn bytes_near_limits() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0),
        Just(MB - 1),
        Just(MB),
        Just(20 * MB),
        Just(100 * MB),
        Just(100 * MB + 1),
        Just(10_000 * MB),
        Just(10_000 * MB + 1),
        0..20_000 * MB,
        // Above 2^53 the reader also says `number-too-large` (no exact JSON number).
        0..(1u64 << 53),
    ]
}

fn sides_near_limits() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(0),
        Just(319),
        Just(320),
        Just(2_000),
        Just(10_000),
        Just(10_001),
        0..20_000u32,
        any::<u32>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_reader_accepts_exactly_the_settings_the_form_can_set(
        per_file in bytes_near_limits(),
        per_ward in bytes_near_limits(),
        longest_side in sides_near_limits(),
    ) {
        let settings = EvidenceSettings { per_file, per_ward, longest_side };
        prop_assert_eq!(settings.within_ranges(), allowed(&settings));
        match read_bundle(&config_with(&settings), &Limits::default()) {
            Ok(_) => prop_assert!(allowed(&settings), "{:?} accepted", settings),
            Err(problems) => {
                prop_assert!(!allowed(&settings), "{:?} refused: {:?}", settings, problems);
                let found: Vec<(&str, &str)> = problems
                    .iter()
                    .map(|problem| (problem.code(), problem.path.as_str()))
                    .collect();
                prop_assert_eq!(
                    found,
                    vec![(
                        "attachment-limits-out-of-range",
                        "$.content.units.na[0].value.attachment_limits"
                    )]
                );
            }
        }
        // The form's parser takes whole megabytes: what it returns is always readable.
        if let Some(typed) = EvidenceSettings::from_megabytes(per_file % 200, per_ward % 20_000, longest_side) {
            prop_assert!(allowed(&typed));
        }
    }
}

#[test]
fn the_committed_forgery_is_rejected_at_the_provinces_preview_and_changes_nothing() {
    let bytes =
        std::fs::read(bundles_dir().join("bad/attachment-limits-out-of-range.json")).unwrap();
    let store: Store = support::province_context();
    let before = store.clone();
    let policy = TrustPolicy::new();
    let mut preview = BatchPreview::new(&store, &[], &policy);
    match preview.add("cau-hinh.json", &bytes).outcome.clone() {
        PreviewOutcome::Rejected(problems) => assert_eq!(
            problems.iter().map(|p| p.code()).collect::<Vec<_>>(),
            ["attachment-limits-out-of-range"]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(store, before);
    // The same file with the defaults written out reads.
    let honest = config_with(&EvidenceSettings::default());
    assert!(read_bundle(&honest, &Limits::default()).is_ok());
    assert!(problems_message_is_vietnamese(&bytes));
}

/// The refusal says what is wrong in Vietnamese.
fn problems_message_is_vietnamese(bytes: &[u8]) -> bool {
    let problems = read_bundle(bytes, &Limits::default()).unwrap_err();
    problems
        .iter()
        .all(|problem| problem.message_vi().contains("Giới hạn tệp đính kèm"))
}
