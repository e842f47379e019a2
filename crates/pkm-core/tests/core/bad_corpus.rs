//! The whole bad-input corpus against the reader, in the two places bundles are imported: a ward
//! laptop (ward and config bundles of its own ward) and the provincial office (ward and province
//! bundles). Every committed bad file and every generated hostile input (other encodings, binary
//! files, a million levels of nesting, a 10 MiB string, a file over the size limit, …) is refused with its own
//! problem code and Vietnamese message; a valid bundle with HTML and script in every text field is
//! accepted and keeps that text byte for byte (it is data, shown as text by the app).

use pkm_core::fixtures::ImportAccepting;
use std::collections::BTreeMap;

use pkm_core::bundle::problems::ProblemKind;
use pkm_core::bundle::{Limits, ReadOptions, read_bundle_with};
use pkm_core::fixtures::hostile::{self, HtmlBundleSpec};
use pkm_core::{BundleKind, EditContext, Hlc, Store, Unit, UnitId, UnitKind};

use crate::support::{self, bundles_dir, province_context, province_options};

/// A ward laptop after its first run: the built-in catalogue and its own units (as the ward
/// workspace creates them), importing ward and config bundles.
fn ward_laptop() -> (Store, ReadOptions) {
    let mut store = Store::with_builtin_catalogue().unwrap();
    let device = pkm_core::DeviceId::new("dev-0123456789ab").unwrap();
    let context = EditContext::new(
        Hlc {
            wall_ms: 1_764_000_000_000,
            logical: 0,
            device,
        },
        "Nguyễn Thị Hồng",
    );
    let province = UnitId::new("40").unwrap();
    for unit in [
        Unit {
            id: province.clone(),
            code: Some("40".into()),
            name_vi: "Công an tỉnh Nghệ An".into(),
            kind: UnitKind::Province,
            parent: None,
            attachment_limits: None,
        },
        Unit {
            id: UnitId::new("16678").unwrap(),
            code: Some("16678".into()),
            name_vi: "Công an phường Hưng Dũng".into(),
            kind: UnitKind::Ward,
            parent: Some(province),
            attachment_limits: None,
        },
    ] {
        store.upsert_unit(&context, unit).unwrap();
    }
    let options = ReadOptions {
        limits: Limits::default(),
        accept: vec![BundleKind::Ward, BundleKind::Config],
        ..ReadOptions::default()
    };
    (store, options)
}

/// `options`, reading for an import under [`support::strict_trust`] when `code` is a trust
/// problem's.
fn for_code(code: &str, options: &ReadOptions) -> ReadOptions {
    ReadOptions {
        trust: support::options_for(code).trust,
        ..options.clone()
    }
}

/// Every committed bad file with the code it is named after, as `(name, bytes, code)`.
fn committed_bad_files() -> Vec<(String, Vec<u8>, String)> {
    let mut files: Vec<(String, Vec<u8>, String)> = std::fs::read_dir(bundles_dir().join("bad"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let name = format!("bad/{stem}.json");
            let code = support::code_of(&stem).to_owned();
            (name, std::fs::read(&path).unwrap(), code)
        })
        .collect();
    files.sort();
    files
}

/// Checks that `bytes` is refused in `store`'s context with `code`, and returns the message.
fn refused_with(
    name: &str,
    bytes: &[u8],
    code: &str,
    options: &ReadOptions,
    store: &Store,
) -> String {
    let problems = match read_bundle_with(bytes, options, store) {
        Ok(bundle) => panic!("{name}: accepted as a {:?} bundle", bundle.kind),
        Err(problems) => problems,
    };
    let problem = problems
        .iter()
        .find(|problem| problem.code() == code)
        .unwrap_or_else(|| {
            let codes: Vec<&str> = problems.iter().map(|problem| problem.code()).collect();
            panic!("{name}: expected {code}, got {codes:?}")
        });
    let vi = problem.message_vi();
    assert!(!vi.is_empty(), "{name}: an empty message");
    assert_ne!(
        vi,
        problem.message_en(),
        "{name}: the same text in both languages"
    );
    problem.kind.message_vi()
}

#[test]
fn a_ward_laptop_refuses_every_bad_file_with_its_own_message() {
    let (store, options) = ward_laptop();
    // The pinning files are Đông Vĩnh's: read them on Đông Vĩnh's laptop after it imported the
    // province's signed config, which pins its key.
    let signed = support::signed_context();
    let mut messages: BTreeMap<String, String> = BTreeMap::new();
    for (name, bytes, code) in committed_bad_files() {
        if code == "wrong-kind" {
            // That file is a config bundle, which a ward laptop takes; see the province bundle below.
            continue;
        }
        let context = support::context_for(&code, &store, &signed);
        let options = for_code(&code, &options);
        let message = refused_with(&name, &bytes, &code, &options, context);
        messages.insert(code, message);
    }
    let province = std::fs::read(bundles_dir().join("examples/province.json")).unwrap();
    let message = refused_with(
        "examples/province.json",
        &province,
        "wrong-kind",
        &options,
        &store,
    );
    messages.insert("wrong-kind".into(), message);
    let ward = support::examples().ward;
    for input in hostile::refused_inputs(&ward, true) {
        refused_with(input.name, &input.bytes, input.code, &options, &store);
    }
    // Every code of the reader is covered, each with a message of its own.
    for code in ProblemKind::CODES {
        if code != "too-large" {
            assert!(messages.contains_key(code), "no bad file for {code}");
        }
    }
    let mut distinct: Vec<&String> = messages.values().collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), messages.len(), "two codes share a message");
}

#[test]
fn every_bad_file_is_refused_alike_read_whole_and_read_in_pieces() {
    let (store, options) = ward_laptop();
    let signed = support::signed_context();
    let ward = support::examples().ward;
    let mut files = committed_bad_files();
    files.extend(
        hostile::refused_inputs(&ward, true)
            .into_iter()
            .map(|input| (input.name.to_string(), input.bytes, input.code.to_string())),
    );
    for (name, bytes, code) in files {
        let context = support::context_for(&code, &store, &signed);
        let read = |pieces_from_bytes| {
            let options = ReadOptions {
                pieces_from_bytes,
                ..for_code(&code, &options)
            };
            read_bundle_with(&bytes, &options, context)
        };
        let whole = read(usize::MAX);
        // That config file is refused only where config bundles are (see above).
        assert!(whole.is_err() || code == "wrong-kind", "{name} is refused");
        assert_eq!(read(0), whole, "{name}");
    }
}

#[test]
fn the_provincial_office_refuses_every_generated_hostile_input() {
    let store = province_context();
    let options = province_options();
    let ward = support::examples().ward;
    let inputs = hostile::refused_inputs(&ward, true);
    assert!(inputs.len() >= 12, "{} inputs", inputs.len());
    for input in inputs {
        refused_with(input.name, &input.bytes, input.code, &options, &store);
    }
}

#[test]
fn the_large_inputs_have_the_sizes_they_claim_and_are_refused_quickly() {
    let ward = support::examples().ward;
    let inputs = hostile::refused_inputs(&ward, true);
    let (store, options) = ward_laptop();
    for (name, min, max) in [
        ("ten-mb-string.json", 10 * 1024 * 1024, 40 * 1024 * 1024),
        (
            "over-limit.json",
            hostile::OVERSIZED_BYTES,
            hostile::OVERSIZED_BYTES,
        ),
        ("million-deep.json", 2_000_000, 2_000_000),
    ] {
        let input = inputs.iter().find(|input| input.name == name).unwrap();
        assert!(
            (min..=max).contains(&input.bytes.len()),
            "{name}: {} bytes",
            input.bytes.len()
        );
        let started = std::time::Instant::now();
        refused_with(name, &input.bytes, input.code, &options, &store);
        // Debug build on a shared 2-core machine: generous, but far from a hang.
        assert!(
            started.elapsed().as_secs() < 20,
            "{name} took {:?}",
            started.elapsed()
        );
    }
    assert!(
        hostile::refused_inputs(&ward, false)
            .iter()
            .all(|input| input.bytes.len() < 3_000_000),
        "without `large`, every input is small"
    );
}

#[test]
fn html_and_script_in_every_text_field_is_valid_data_kept_byte_for_byte() {
    let (mut store, options) = ward_laptop();
    let spec = HtmlBundleSpec {
        province: UnitId::new("40").unwrap(),
        ward: UnitId::new("16678").unwrap(),
        year: 2026,
        start_ms: 1_767_225_600_000,
    };
    let text = hostile::html_everywhere(&spec).unwrap();
    let bundle = read_bundle_with(text.as_bytes(), &options, &store)
        .unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!(bundle.kind, BundleKind::Ward);
    assert_eq!(
        bundle.to_json().unwrap(),
        text,
        "read then written: the same bytes"
    );
    let fields = [
        "province-name",
        "province-code",
        "ward-name",
        "ward-code",
        "catalogue-title",
        "group-title",
        "title-C01",
        "hint-C02",
        "note-C03",
        "evidence-number-C01",
        "evidence-issuer-C02",
        "evidence-description-C03",
        "action-task",
        "action-owner",
        "request-description",
        "request-unit",
        "author-C01",
        "app-version",
        "exported-at",
    ];
    for field in fields {
        let payload = serde_json::to_string(&hostile::payload(field)).unwrap();
        assert!(text.contains(&payload), "{field} carries its payload");
    }
    // The file renames the ward and its province, which only the province may do: a laptop
    // that already holds them refuses it (out-of-scope); a new laptop takes it whole.
    let problems = store.import_accepting(&bundle).unwrap_err();
    assert!(
        problems
            .iter()
            .all(|problem| problem.code() == "out-of-scope")
    );
    let mut store = Store::new();
    let report = store.import_accepting(&bundle).unwrap();
    assert!(!report.already_imported);
    let ward = store.unit(&spec.ward).unwrap();
    assert_eq!(ward.name_vi, hostile::payload("ward-name"));
}
