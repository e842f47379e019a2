//! The committed bundle files: examples (reader, schema, round trip), bad files (one per problem
//! code, each triggering its problem at the expected path), golden digest vectors, and the size
//! limit on a generated 50 MB file.

use pkm_core::bundle::build_bundle;
use pkm_core::bundle::canonical::{bundle_digest, canonical_string};
use pkm_core::bundle::problems::ProblemKind;
use pkm_core::bundle::{Limits, read_bundle, read_bundle_with};
use pkm_core::fixtures::ImportAccepting;
use pkm_core::{BundleKind, Catalogue, ExportedAt, HeaderInput, Hlc, Selection, Store};
use serde_json::Value;

use crate::support::{self, bundles_dir, check_or_bless, province_context, province_options};

fn example_files() -> [(&'static str, String); 5] {
    let examples = support::examples();
    [
        ("examples/config.json", examples.config),
        ("examples/ward.json", examples.ward),
        ("examples/province.json", examples.province),
        ("examples/ward-signed.json", examples.ward_signed),
        ("examples/config-signed.json", examples.config_signed),
    ]
}

#[test]
fn examples_match_their_generator() {
    for (name, text) in example_files() {
        check_or_bless(name, text.as_bytes());
    }
}

#[test]
fn bad_files_match_their_generator() {
    let examples = support::examples();
    for (code, bytes, _) in support::bad_files(&examples) {
        check_or_bless(&format!("bad/{code}.json"), &bytes);
    }
}

#[test]
fn examples_pass_the_reader_alone_and_in_context() {
    let expected = [
        ("examples/config.json", BundleKind::Config),
        ("examples/ward.json", BundleKind::Ward),
        ("examples/province.json", BundleKind::Province),
        ("examples/ward-signed.json", BundleKind::Ward),
        ("examples/config-signed.json", BundleKind::Config),
    ];
    for (name, kind) in expected {
        let bytes = std::fs::read(bundles_dir().join(name)).unwrap();
        let bundle = read_bundle(&bytes, &Limits::default())
            .unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
        assert_eq!(bundle.kind, kind, "{name}");
        assert_eq!(
            bundle.to_json().unwrap().as_bytes(),
            bytes.as_slice(),
            "{name}: reading then writing gives the same file"
        );
        let mut store = Store::new();
        let report = store.import_accepting(&bundle).unwrap();
        assert!(!report.already_imported);
    }
    let province = std::fs::read(bundles_dir().join("examples/province.json")).unwrap();
    let bundle = read_bundle_with(&province, &province_options(), &province_context()).unwrap();
    let mut store = province_context();
    store.import_accepting(&bundle).unwrap();
    assert_eq!(
        store.conflicts().len(),
        1,
        "the province example carries one open conflict"
    );
    let ward = std::fs::read(bundles_dir().join("examples/ward.json")).unwrap();
    let ward_bundle = read_bundle(&ward, &Limits::default()).unwrap();
    let tombstones: usize = ward_bundle
        .content
        .assessments()
        .values()
        .map(|doc| {
            doc.actions()
                .values()
                .filter(|register| register.is_deleted())
                .count()
        })
        .sum();
    assert_eq!(
        tombstones, 1,
        "the ward example carries one deleted action item"
    );
}

#[test]
fn every_problem_code_has_a_bad_file_that_triggers_it_at_its_path() {
    let examples = support::examples();
    let files = support::bad_files(&examples);
    let (plain, signed) = (province_context(), support::signed_context());
    for code in ProblemKind::CODES {
        if code == "too-large" {
            continue;
        }
        let context = support::context_for(code, &plain, &signed);
        let options = support::options_for(code);
        let (_, _, expected_path) = files
            .iter()
            .find(|(name, _, _)| *name == code)
            .unwrap_or_else(|| panic!("no bad file for {code}"));
        let bytes = std::fs::read(bundles_dir().join(format!("bad/{code}.json"))).unwrap();
        let problems = read_bundle_with(&bytes, &options, context)
            .err()
            .unwrap_or_else(|| panic!("{code}: accepted"));
        let found = problems
            .iter()
            .find(|problem| problem.code() == code)
            .unwrap_or_else(|| panic!("{code}: got {problems:#?}"));
        match expected_path.strip_suffix('*') {
            Some(prefix) => assert!(
                found.path.starts_with(prefix),
                "{code}: path {}",
                found.path
            ),
            None => assert_eq!(found.path, *expected_path, "{code}"),
        }
        assert!(
            !found.message_vi().is_empty() && found.message_vi() != found.message_en(),
            "{code}"
        );
    }
    // One file per code, and the second forgeries of a code (named `code.what`).
    let firsts = files
        .iter()
        .filter(|(name, _, _)| !name.contains('.'))
        .count();
    assert_eq!(firsts, ProblemKind::CODES.len() - 1);
}

#[test]
fn reader_collects_every_problem_of_a_file() {
    let mut value: Value = serde_json::from_str(&support::examples().ward).unwrap();
    value["content"]["assessments"][0]["year"] = serde_json::json!(2150);
    value["content"]["assessments"][0]["criteria"]["C01"][0]["value"]["figure"] =
        serde_json::json!(1);
    value["content"]["assessments"][0]["criteria"]["C03"][0]["value"]["figure"] =
        serde_json::json!(-1);
    value["content"]["units"]["na-vinh-le-mao"][0]["value"]["name_vi"] = serde_json::json!(" ");
    let text = support::sign(value);
    let problems = read_bundle(text.as_bytes(), &Limits::default()).unwrap_err();
    let codes: Vec<&str> = problems.iter().map(|problem| problem.code()).collect();
    for code in ["year-out-of-range", "negative-number", "empty-text"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn a_file_one_byte_over_the_limit_is_refused_before_parsing() {
    // The limit is 128 MiB (the whole country's bundle of one year is 80.5 MiB).
    assert_eq!(Limits::default().max_file_bytes, 128 * 1024 * 1024);
    let mut bytes = b"{\"format\": \"pkm-bundle\", \"padding\": \"".to_vec();
    bytes.resize(128 * 1024 * 1024 + 1, b'x');
    let started = std::time::Instant::now();
    let problems = read_bundle(&bytes, &Limits::default()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].kind,
        ProblemKind::TooLarge {
            bytes: 128 * 1024 * 1024 + 1,
            max: 128 * 1024 * 1024
        }
    );
    assert_eq!(
        problems[0].message_vi(),
        "Tệp quá lớn (128 MiB), vượt giới hạn 128 MiB; không đọc tệp này."
    );
    assert!(started.elapsed().as_millis() < 1_000);
    // One byte less is read: what refuses it is its content, not its size.
    bytes.truncate(128 * 1024 * 1024);
    let problems = read_bundle(&bytes, &Limits::default()).unwrap_err();
    assert!(
        problems
            .iter()
            .all(|problem| !matches!(problem.kind, ProblemKind::TooLarge { .. })),
        "{:?}",
        problems.first()
    );
}

#[test]
fn examples_follow_the_json_schema() {
    let schema_path = bundles_dir().join("../../docs/bundle.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("bundle.schema.json", schema).unwrap();
    let index = compiler
        .compile("bundle.schema.json", &mut schemas)
        .unwrap_or_else(|error| panic!("{error:#}"));
    for (name, _) in example_files() {
        let instance: Value =
            serde_json::from_slice(&std::fs::read(bundles_dir().join(name)).unwrap()).unwrap();
        if let Err(error) = schemas.validate(&instance, index) {
            panic!("{name} does not follow the schema: {error:#}");
        }
    }
    let refused_by_schema = [
        "not-a-bundle",
        "missing-format-version",
        "unsupported-format-version",
        "newer-format-version",
        "missing-field",
        "invalid-record",
        "unknown-kind",
        "missing-integrity",
        "unknown-algorithm",
        "malformed-digest",
        "negative-number",
        "invalid-date",
        "year-out-of-range",
        "invalid-id",
        "empty-text",
        "invalid-catalogue",
        "malformed-signature",
        "unknown-signature-algorithm",
    ];
    for code in refused_by_schema {
        let instance: Value = serde_json::from_slice(
            &std::fs::read(bundles_dir().join(format!("bad/{code}.json"))).unwrap(),
        )
        .unwrap();
        assert!(
            schemas.validate(&instance, index).is_err(),
            "the schema accepts bad/{code}.json"
        );
    }
}

/// A tiny config bundle whose canonical form and digest are pinned: a refactor cannot change the
/// format silently.
fn minimal_bundle() -> String {
    let catalogue = Catalogue::from_json(
        r#"{"catalog_id":"vd-1","status":"official","title_vi":"Bộ tiêu chí ví dụ","title_en":"Example set",
            "groups":[{"id":"G1","title_vi":"Nhóm một","criteria":[
              {"id":"C01","title_vi":"Có kế hoạch","kind":"boolean","target":null},
              {"id":"C02","title_vi":"Tỷ lệ \"đạt\"","kind":"percent","target":95.5}]}]}"#,
    )
    .unwrap();
    let device = pkm_core::DeviceId::new("tinh-vd").unwrap();
    let at = |wall_ms| Hlc {
        wall_ms,
        logical: 0,
        device: device.clone(),
    };
    let mut store = Store::new();
    store.add_catalogue(catalogue).unwrap();
    let province = pkm_core::UnitId::new("vd").unwrap();
    let context = pkm_core::EditContext::new(at(1_700_000_000_000), "Phòng Tham mưu");
    store
        .upsert_unit(
            &context,
            pkm_core::Unit {
                id: province.clone(),
                code: Some("40".to_string()),
                name_vi: "Công an tỉnh Ví Dụ".to_string(),
                kind: pkm_core::UnitKind::Province,
                parent: None,
                attachment_limits: None,
            },
        )
        .unwrap();
    store
        .set_quota(
            &pkm_core::EditContext::new(at(1_700_000_001_000), "Phòng Tham mưu"),
            &province,
            2024,
            4,
        )
        .unwrap();
    let header = HeaderInput {
        app_version: "0.1.0".to_string(),
        bundle_id: pkm_core::BundleId::new("vd-cfg-1").unwrap(),
        exported_at: ExportedAt {
            text: "2023-11-14T22:13:22Z".to_string(),
            hlc: at(1_700_000_002_000),
        },
        device_id: device.clone(),
        unit_id: province.clone(),
    };
    build_bundle(&store, &Selection::Config(province), &header)
        .unwrap()
        .to_json()
        .unwrap()
}

#[test]
fn golden_digest_vector() {
    let text = minimal_bundle();
    check_or_bless("vectors/minimal-config.json", text.as_bytes());
    let value: Value = serde_json::from_str(&text).unwrap();
    let canonical = canonical_string(&{
        let mut without = value.clone();
        without.as_object_mut().unwrap().remove("integrity");
        without
    });
    check_or_bless(
        "vectors/minimal-config.canonical.json",
        canonical.as_bytes(),
    );
    assert_eq!(
        bundle_digest(&value),
        "ab52498ec1b92b208ed693cd3e99cfbfb3d2af179885fbdb6b88d7173ea1e99b"
    );
    assert_eq!(value["integrity"]["digest"], bundle_digest(&value));
    let bundle = read_bundle(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(bundle.digest, bundle_digest(&value));
}
