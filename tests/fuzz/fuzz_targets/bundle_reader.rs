//! Fuzz target `bundle_reader`: arbitrary bytes go through the bundle reader, on their own
//! ([`read_bundle`]) and in the context of a store that already holds the signed example config
//! bundle, with its units, catalogues and pinned keys ([`read_bundle_with`]). The reader must never
//! panic; a refused file must come with at least one problem, each with a code and a message in
//! both languages. An accepted bundle must:
//!
//! - write back and read back to the same kind, header and content, and writing that again gives
//!   the same text (a fixed point);
//! - import into an empty store (or the context store) and give the same content there; importing
//!   it twice changes nothing and says "already imported";
//! - be idempotent under merge, and merge with the context store in either order to one result.
//!
//! Read in pieces, as a file of a megabyte or more is (`ReadOptions::pieces_from_bytes`), every
//! input must give exactly what it gives read whole: the same bundle, or the same problems.
//!
//! A mutated file almost never keeps a matching digest, which would stop the search at the
//! integrity check; so every input that parses as a JSON object is also read a second time with its
//! digest recomputed (and its signature dropped), to reach the checks of the content behind it.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pkm_core::bundle::{DIGEST_ALGORITHM, WriteError, canonical};
use pkm_core::{
    Bundle, Limits, Problem, ReadOptions, SignatureStatus, Store, read_bundle, read_bundle_with,
};

/// The store a reader working for an app would have: the signed example config imported.
fn context() -> &'static Store {
    static CONTEXT: OnceLock<Store> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let bytes = include_bytes!("../../bundles/examples/config-signed.json");
        let bundle = read_bundle(bytes, &Limits::default()).expect("the example config reads");
        let mut store = Store::new();
        store
            .import_bundle(&bundle)
            .expect("the example config imports");
        store
    })
}

fn check_refusal(problems: &[Problem]) {
    assert!(!problems.is_empty(), "a refusal names at least one problem");
    for problem in problems {
        assert!(!problem.code().is_empty());
        assert!(!problem.message_vi().is_empty());
        assert!(!problem.message_en().is_empty());
    }
}

/// The bundle's file text; a signed bundle whose content was not in canonical form (extra members,
/// another order) can no longer carry its signature, so it is written unsigned.
fn rewrite(bundle: &Bundle) -> String {
    match bundle.to_json() {
        Ok(text) => text,
        Err(WriteError::ChangedAfterSigning) => {
            Bundle::new(bundle.kind, bundle.header.clone(), bundle.content.clone())
                .and_then(|unsigned| unsigned.to_json())
                .expect("an accepted bundle can be written unsigned")
        }
        Err(error) => panic!("an accepted bundle cannot be written: {error}"),
    }
}

fn merged(left: &Store, right: &Store) -> Store {
    let mut result = left.clone();
    result.merge(right);
    result
}

fn check_accepted(bundle: &Bundle, store: &Store, options: &ReadOptions) {
    let text = rewrite(bundle);
    let again = read_bundle_with(text.as_bytes(), options, store)
        .unwrap_or_else(|problems| panic!("a re-written bundle is refused: {problems:?}"));
    assert_eq!(again.kind, bundle.kind);
    assert_eq!(again.header, bundle.header);
    assert_eq!(again.content, bundle.content);
    assert_eq!(rewrite(&again), text, "writing is a fixed point");

    let mut target = store.clone();
    let first = target
        .import_bundle_trusting(bundle, &options.trusted_keys)
        .unwrap_or_else(|problems| panic!("an accepted bundle does not import: {problems:?}"));
    if store.imported().contains(&bundle.digest) {
        assert!(first.already_imported);
    } else {
        assert!(!first.already_imported);
        // The import is the join, plus the pin of a signed bundle's key when first seen.
        let mut expected = merged(store, &bundle.content);
        if let SignatureStatus::FirstSeen { fingerprint } = &first.signature {
            expected.pin_key(&bundle.header.unit_id, fingerprint.clone());
        }
        assert!(target.same_content(&expected), "import is the join");
    }
    assert_eq!(
        &merged(&Store::new(), &bundle.content),
        &bundle.content,
        "the join into an empty store gives back the content"
    );
    let snapshot = target.clone();
    let second = target
        .import_bundle_trusting(bundle, &options.trusted_keys)
        .expect("an imported bundle imports again");
    assert!(second.already_imported);
    assert_eq!(target, snapshot, "importing twice changes nothing");

    let content = &bundle.content;
    let mut twice = content.clone();
    let report = twice.merge(content);
    assert_eq!(&twice, content, "merge is idempotent");
    assert!(report.is_noop());
    assert_eq!(
        merged(store, content),
        merged(content, store),
        "merge commutes"
    );
    let _ = content.conflicts();
}

/// The input with its integrity member replaced by the right digest (unsigned), when it is a JSON
/// object.
fn with_digest_repaired(data: &[u8]) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_slice(data).ok()?;
    let digest = canonical::bundle_digest(&value);
    let members = value.as_object_mut()?;
    members.insert(
        "integrity".to_string(),
        serde_json::json!({"algorithm": DIGEST_ALGORITHM, "digest": digest}),
    );
    serde_json::to_vec(&value).ok()
}

fn read_everywhere(data: &[u8]) {
    let alone = ReadOptions::default();
    match read_bundle(data, &alone.limits) {
        Ok(bundle) => check_accepted(&bundle, &Store::new(), &alone),
        Err(problems) => check_refusal(&problems),
    }
    let store = context();
    let whole = read_bundle_with(data, &alone, store);
    let in_pieces = ReadOptions {
        pieces_from_bytes: 0,
        ..ReadOptions::default()
    };
    assert_eq!(
        read_bundle_with(data, &in_pieces, store),
        whole,
        "read in pieces, a file reads as it does whole"
    );
    match whole {
        Ok(bundle) => check_accepted(&bundle, store, &alone),
        Err(problems) => check_refusal(&problems),
    }
}

fuzz_target!(|data: &[u8]| {
    read_everywhere(data);
    if let Some(repaired) = with_digest_repaired(data) {
        read_everywhere(&repaired);
    }
});
