//! Evidence files (issue 23): the committed example container and its bundle, the bad containers
//! (one per attachment problem code, `tests/bundles/bad/<code>.pkmz`), the digest and the signature
//! covering the files through their hashes, a container without its files, a v1 file, and the
//! limits set by the province.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use pkm_core::attachment::{AttachmentLimits, AttachmentProblem, AttachmentRef, sha256_hex};
use pkm_core::bundle::ENVELOPE_ORDER;
use pkm_core::bundle::canonical::{bundle_digest, pretty_string_ordered};
use pkm_core::bundle::{Limits, ReadOptions, read_bundle};
use pkm_core::container::{is_container, read_container, write_container};
use pkm_core::fixtures::ImportAccepting;
use pkm_core::{Store, attachment};
use serde_json::{Value, json};

use crate::support::{self, bundles_dir, check_or_bless, sign_with, test_key};

/// The example photo (a 160×120 JPEG Chromium rendered from a small page of ours).
fn photo() -> Vec<u8> {
    std::fs::read(bundles_dir().join("files/photo.jpg")).unwrap()
}

/// The example minutes (a one-page PDF LibreOffice wrote from a few lines of ours).
fn minutes() -> Vec<u8> {
    std::fs::read(bundles_dir().join("files/minutes.pdf")).unwrap()
}

fn reference(name: &str, bytes: &[u8]) -> Value {
    serde_json::to_value(AttachmentRef::for_bytes(name, bytes).unwrap()).unwrap()
}

/// Lê Mao's ward bundle with `refs` on its first evidence item of C01, in format version 2.
fn ward_value_with(refs: Vec<Value>) -> Value {
    let mut value: Value = serde_json::from_str(&support::examples().ward).unwrap();
    value["format_version"] = json!(2);
    value["content"]["assessments"][0]["criteria"]["C01"][0]["value"]["evidence"][0]["attachments"] =
        Value::Array(refs);
    value
}

/// The example: Lê Mao's bundle with the photo and the minutes on one evidence item, signed by
/// the ward's test key, as JSON, and the container holding it and both files.
fn example() -> (String, Vec<u8>) {
    let value = ward_value_with(vec![
        reference("Biên bản kiểm tra 12-3-2024.pdf", &minutes()),
        reference("Ảnh trụ sở.jpg", &photo()),
    ]);
    let json = sign_with(value, &test_key("na-vinh-le-mao"));
    let files: BTreeMap<String, Vec<u8>> = [photo(), minutes()]
        .into_iter()
        .map(|bytes| (sha256_hex(&bytes), bytes))
        .collect();
    let container = write_container(json.as_bytes(), &files).unwrap();
    (json, container)
}

/// Writes a ZIP with the given entries (name, bytes, deflated?), as a forger would.
fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes, deflated) in entries {
        let method = if *deflated {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::DEFAULT);
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// An unsigned bundle (digest recomputed) of Lê Mao with `refs`.
fn unsigned_with(refs: Vec<Value>) -> String {
    let mut value = ward_value_with(refs);
    let digest = bundle_digest(&value);
    value["integrity"] = json!({"algorithm": "sha256-jcs", "digest": digest});
    pretty_string_ordered(&value, &ENVELOPE_ORDER)
}

fn fake_ref(name: &str, sha: &str, mime: &str, size: u64) -> Value {
    json!({"sha256": sha, "name": name, "type": mime, "size": size})
}

/// Every bad container: its code and bytes.
fn bad_containers() -> Vec<(&'static str, Vec<u8>)> {
    let photo = photo();
    let photo_hash = sha256_hex(&photo);
    let photo_ref = reference("Ảnh trụ sở.jpg", &photo);
    let entry = |hash: &str| format!("files/{hash}");
    let mut files = Vec::new();

    let big = fake_ref(
        "Biên bản.pdf",
        &"1".repeat(64),
        "application/pdf",
        25_000_000,
    );
    let json = unsigned_with(vec![big]);
    files.push((
        "attachment-too-large",
        zip_of(&[("bundle.json", json.as_bytes(), true)]),
    ));

    let many: Vec<Value> = (0..16)
        .map(|n| {
            let sha = format!("{:064x}", n + 1);
            fake_ref(&format!("Ảnh {n}.jpg"), &sha, "image/jpeg", 19_900_000)
        })
        .collect();
    let json = unsigned_with(many);
    files.push((
        "attachments-too-large",
        zip_of(&[("bundle.json", json.as_bytes(), true)]),
    ));

    let program = b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.".to_vec();
    let json = unsigned_with(vec![fake_ref(
        "Kế hoạch.pdf",
        &sha256_hex(&program),
        "application/pdf",
        program.len() as u64,
    )]);
    files.push((
        "attachment-type",
        zip_of(&[
            ("bundle.json", json.as_bytes(), true),
            (&entry(&sha256_hex(&program)), &program, false),
        ]),
    ));

    let mut dotted = photo_ref.clone();
    dotted["name"] = json!("../../Startup/ảnh.jpg");
    let mut hidden = photo_ref.clone();
    hidden["name"] = json!("ảnh\u{202e}gpj.exe\u{7}");
    let json = unsigned_with(vec![dotted, hidden]);
    files.push((
        "unsafe-name",
        zip_of(&[
            ("bundle.json", json.as_bytes(), true),
            ("../bundle.json", json.as_bytes(), true),
        ]),
    ));

    let (_, whole) = example();
    files.push(("damaged-archive", whole[..whole.len() * 2 / 3].to_vec()));

    let zeros = vec![0u8; 10_000_000];
    let zeros_hash = sha256_hex(&zeros);
    let json = unsigned_with(vec![fake_ref(
        "Ảnh.jpg",
        &zeros_hash,
        "image/jpeg",
        10_000_000,
    )]);
    files.push((
        "archive-bomb",
        zip_of(&[
            ("bundle.json", json.as_bytes(), true),
            (&entry(&zeros_hash), &zeros, true),
        ]),
    ));

    let json = unsigned_with(vec![photo_ref.clone()]);
    let mut altered = photo.clone();
    let last = altered.len() - 3;
    altered[last] ^= 0x55;
    files.push((
        "hash-mismatch",
        zip_of(&[
            ("bundle.json", json.as_bytes(), true),
            (&entry(&photo_hash), &altered, false),
        ]),
    ));

    files.push((
        "unexpected-entry",
        zip_of(&[
            ("bundle.json", json.as_bytes(), true),
            (&entry(&photo_hash), &photo, false),
            ("autorun.inf", b"[autorun]\r\nopen=run.exe\r\n", false),
        ]),
    ));
    files
}

#[test]
fn the_example_container_and_its_bundle_match_their_generator() {
    let (json, container) = example();
    check_or_bless("examples/ward-evidence.json", json.as_bytes());
    check_or_bless("examples/ward-evidence.pkmz", &container);
}

#[test]
fn bad_containers_match_their_generator() {
    for (code, bytes) in bad_containers() {
        check_or_bless(&format!("bad/{code}.pkmz"), &bytes);
    }
}

#[test]
fn every_attachment_problem_has_a_bad_container_refused_with_its_own_message() {
    let store = Store::new();
    let options = ReadOptions::default();
    let mut messages = BTreeMap::new();
    for code in AttachmentProblem::CODES {
        let bytes = std::fs::read(bundles_dir().join(format!("bad/{code}.pkmz")))
            .unwrap_or_else(|error| panic!("bad/{code}.pkmz: {error}"));
        assert!(is_container(&bytes), "{code}");
        let problems = read_container(&bytes, &options, &store)
            .err()
            .unwrap_or_else(|| panic!("{code}: accepted"));
        let problem = problems
            .iter()
            .find(|problem| problem.code() == code)
            .unwrap_or_else(|| panic!("{code}: got {problems:#?}"));
        let vi = problem.message_vi();
        assert_ne!(vi, problem.message_en(), "{code}");
        assert!(
            !vi.contains('\u{202e}') && !vi.contains('\u{7}'),
            "{code}: {vi}"
        );
        messages.insert(problem.kind.message_vi(), code);
    }
    assert_eq!(
        messages.len(),
        AttachmentProblem::CODES.len(),
        "each code has its own message"
    );
}

#[test]
fn the_example_container_imports_with_both_files() {
    let bytes = std::fs::read(bundles_dir().join("examples/ward-evidence.pkmz")).unwrap();
    let read = read_container(&bytes, &ReadOptions::default(), &Store::new()).unwrap();
    assert_eq!(read.files.len(), 2);
    assert!(read.missing.is_empty());
    assert_eq!(read.files[&sha256_hex(&photo())], photo());
    assert_eq!(read.bundle.format_version(), 2);
    let json = std::fs::read(bundles_dir().join("examples/ward-evidence.json")).unwrap();
    assert_eq!(
        read.bundle.to_json().unwrap().as_bytes(),
        json.as_slice(),
        "the container's bundle reads and writes back to the same bytes"
    );
    let mut store = Store::new();
    store.import_accepting(&read.bundle).unwrap();
    let census = attachment::AttachmentCensus::of(&store);
    assert_eq!(census.files.len(), 2);
    assert!(attachment::missing_files(&store, &read.files.keys().cloned().collect()).is_empty());
}

#[test]
fn a_bundle_without_its_files_still_imports_and_says_which_are_missing() {
    let json = std::fs::read(bundles_dir().join("examples/ward-evidence.json")).unwrap();
    let only_bundle = write_container(&json, &BTreeMap::new()).unwrap();
    let read = read_container(&only_bundle, &ReadOptions::default(), &Store::new()).unwrap();
    assert!(read.files.is_empty());
    let expected: std::collections::BTreeSet<String> =
        [sha256_hex(&photo()), sha256_hex(&minutes())].into();
    assert_eq!(read.missing, expected);
    let bundle = read_bundle(&json, &Limits::default()).unwrap();
    let mut store = Store::new();
    store.import_accepting(&bundle).unwrap();
    assert_eq!(
        attachment::missing_files(&store, &Default::default()),
        expected
    );
}

#[test]
fn a_v1_file_still_imports_and_a_bundle_without_files_stays_v1() {
    let json = std::fs::read(bundles_dir().join("examples/ward.json")).unwrap();
    let bundle = read_bundle(&json, &Limits::default()).unwrap();
    assert_eq!(bundle.format_version(), 1);
    assert!(
        String::from_utf8(json)
            .unwrap()
            .contains("\"format_version\": 1,")
    );
}

#[test]
fn the_digest_and_the_signature_cover_the_files_through_their_hashes() {
    let (json, _) = example();
    let photo_hash = sha256_hex(&photo());
    let other = sha256_hex(b"another file");
    // Swapping a hash without recomputing the digest: the digest no longer matches.
    let swapped = json.replace(&photo_hash, &other);
    let problems = read_bundle(swapped.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|problem| problem.code() == "wrong-digest")
    );
    // Recomputing the digest but keeping the signature: the signature fails.
    let mut value: Value = serde_json::from_str(&swapped).unwrap();
    let signature = value["integrity"]["signature"].clone();
    let digest = {
        let mut without = value.clone();
        without.as_object_mut().unwrap().remove("integrity");
        bundle_digest(&without)
    };
    value["integrity"] =
        json!({"algorithm": "sha256-jcs", "digest": digest, "signature": signature});
    let forged = pretty_string_ordered(&value, &ENVELOPE_ORDER);
    let problems = read_bundle(forged.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|problem| problem.code() == "bad-signature"),
        "{problems:?}"
    );
    // And a file swapped inside the container no longer matches its reference's hash.
    let files: BTreeMap<String, Vec<u8>> = [(photo_hash.clone(), photo())].into();
    let mut container = write_container(json.as_bytes(), &files).unwrap();
    let at = container
        .windows(photo().len())
        .position(|window| window == photo().as_slice())
        .unwrap();
    container[at + 200] ^= 1;
    let problems = read_container(&container, &ReadOptions::default(), &Store::new()).unwrap_err();
    assert!(problems.iter().any(|problem| {
        problem.code() == "hash-mismatch" || problem.code() == "damaged-archive"
    }));
}

#[test]
fn the_limits_are_the_provinces() {
    let bytes = std::fs::read(bundles_dir().join("examples/ward-evidence.pkmz")).unwrap();
    let tight = |per_file, per_ward| ReadOptions {
        limits: Limits {
            attachments: AttachmentLimits { per_file, per_ward },
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let codes = |options: &ReadOptions| -> Vec<&'static str> {
        read_container(&bytes, options, &Store::new())
            .err()
            .unwrap_or_default()
            .iter()
            .map(|problem| problem.code())
            .collect()
    };
    let pdf = minutes().len() as u64;
    let jpeg = photo().len() as u64;
    assert!(
        codes(&tight(pdf, pdf + jpeg)).is_empty(),
        "limits are inclusive"
    );
    assert!(codes(&tight(pdf - 1, u64::MAX)).contains(&"attachment-too-large"));
    assert!(codes(&tight(u64::MAX, pdf + jpeg - 1)).contains(&"attachments-too-large"));
    let defaults = AttachmentLimits::default();
    assert_eq!(
        (defaults.per_file, defaults.per_ward),
        (20_000_000, 300_000_000)
    );
}

#[test]
fn the_example_bundle_follows_the_json_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(bundles_dir().join("../../docs/bundle.schema.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("bundle.schema.json", schema).unwrap();
    let index = compiler
        .compile("bundle.schema.json", &mut schemas)
        .unwrap();
    let (json, _) = example();
    let instance: Value = serde_json::from_str(&json).unwrap();
    schemas
        .validate(&instance, index)
        .unwrap_or_else(|error| panic!("{error:#}"));
    let mut unsafe_name = instance.clone();
    unsafe_name["content"]["assessments"][0]["criteria"]["C01"][0]["value"]["evidence"][0]["attachments"]
        [0]["name"] = json!("a/b.pdf");
    assert!(schemas.validate(&unsafe_name, index).is_err());
}

#[test]
fn an_entry_that_inflates_beyond_its_declared_size_is_an_archive_bomb() {
    let photo = photo();
    let json = unsigned_with(vec![reference("Ảnh.jpg", &photo)]);
    let mut padded = photo.clone();
    padded.extend(std::iter::repeat_n(0u8, 3_000_000));
    let entry = format!("files/{}", sha256_hex(&photo));
    let mut container = zip_of(&[
        ("bundle.json", json.as_bytes(), true),
        (&entry, &padded, true),
    ]);
    // Rewrite the entry's uncompressed size in its central directory record (offset 24) to the
    // photo's: the directory now claims a small file and a ratio that passes.
    let name = entry.as_bytes();
    let record = container
        .windows(4)
        .enumerate()
        .filter(|(_, window)| *window == b"PK\x01\x02")
        .map(|(at, _)| at)
        .find(|at| container[at + 46..].starts_with(name))
        .unwrap();
    container[record + 24..record + 28].copy_from_slice(&(photo.len() as u32).to_le_bytes());
    let problems = read_container(&container, &ReadOptions::default(), &Store::new()).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|problem| problem.code() == "archive-bomb"),
        "{problems:?}"
    );
}

/// The province reads a container in two halves around its own (stepped) read of the bundle:
/// the entries and the bundle's bytes, then the files against the bundle. Together they refuse
/// every bad container with its code and accept the example with both files, as the one-door
/// reader does.
#[test]
fn the_two_halves_of_a_containers_read_agree_with_the_whole() {
    use pkm_core::container::{container_bundle, container_files};
    let store = Store::new();
    let options = ReadOptions::default();
    let halves = |bytes: &[u8]| -> Result<_, Vec<pkm_core::Problem>> {
        let (json, mut problems) = container_bundle(bytes, &options.limits)?;
        let bundle =
            pkm_core::bundle::read_bundle_with(&json, &options, &store).map_err(|mut found| {
                problems.append(&mut found);
                problems.clone()
            })?;
        if !problems.is_empty() {
            return Err(problems);
        }
        container_files(bytes, &bundle, &options.limits)
    };
    for code in AttachmentProblem::CODES {
        let bytes = std::fs::read(bundles_dir().join(format!("bad/{code}.pkmz"))).unwrap();
        let problems = halves(&bytes)
            .err()
            .unwrap_or_else(|| panic!("{code}: accepted"));
        assert!(
            problems.iter().any(|problem| problem.code() == code),
            "{code}: {problems:#?}"
        );
    }
    let bytes = std::fs::read(bundles_dir().join("examples/ward-evidence.pkmz")).unwrap();
    let (files, missing) = halves(&bytes).unwrap();
    let whole = read_container(&bytes, &options, &store).unwrap();
    assert_eq!(files, whole.files);
    assert_eq!(missing, whole.missing);
    assert_eq!(files[&sha256_hex(&minutes())], minutes());
    // A file checked against another bundle than its own is refused: the files are only ever
    // kept with the references that name them.
    let other: Vec<u8> = std::fs::read(bundles_dir().join("examples/ward.json")).unwrap();
    let other = pkm_core::bundle::read_bundle_with(&other, &options, &store).unwrap();
    assert!(container_files(&bytes, &other, &options.limits).is_err());
}
