//! Fuzz target `bundle_reader`: arbitrary bytes go through the bundle reader, on their own
//! ([`read_bundle`]) and in the context of a store that already holds the signed example config
//! bundle, with its units, catalogues and pinned keys ([`read_bundle_with`]). The reader must never
//! panic; a refused file must come with at least one problem, each with a code and a message in
//! both languages. An accepted bundle must:
//!
//! - write back and read back to the same kind, header and content, and writing that again gives
//!   the same text (a fixed point);
//! - import into an empty store and give the same content there; importing it twice changes
//!   nothing and says "already imported";
//! - in the context store, under the decisions of a person who says yes to whatever it asks (its
//!   key confirmed, its unsigned file accepted), either be refused by the trust rules and change
//!   nothing at all, pins included, or import as the join and change nothing outside its
//!   exporting unit's scope (issue 22): no other unit's record, assessment, pin or revocation,
//!   and no review verdict unless it speaks for the province;
//! - be idempotent under merge, and merge with the context store in either order to one result;
//! - carry no unit record whose evidence settings are outside the ranges a province may set.
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
use pkm_core::fixtures::accepting;
use pkm_core::{
    Bundle, Limits, Problem, ReadOptions, SignatureStatus, Store, TrustPolicy, UnitId, read_bundle,
    read_bundle_with,
};

/// The importing device's clock: 2024-12-20, when the example files were written.
const NOW_MS: u64 = 1_734_652_800_000;

/// The trust codes: a file the reader accepts may still be refused by these on import.
const TRUST_CODES: [&str; 8] = [
    "unsigned-bundle",
    "key-mismatch",
    "unconfirmed-key",
    "revoked-key",
    "unknown-sender",
    "out-of-scope",
    "future-timestamp",
    "forged-counter",
];

/// The store a reader working for an app would have: the signed example config imported.
fn context() -> &'static Store {
    static CONTEXT: OnceLock<Store> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let bytes = include_bytes!("../../bundles/examples/config-signed.json");
        let bundle = read_bundle(bytes, &Limits::default()).expect("the example config reads");
        let mut store = Store::new();
        store
            .import_bundle(&bundle, &accepting(&bundle))
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

/// What of `store` lies outside `sender`'s scope by `store`'s own registry (a unit's record
/// belongs to its parent's scope, review verdicts to the province's), as JSON: what a file of
/// `sender` must leave as it was.
fn outside_scope(store: &Store, before: &Store, sender: &UnitId) -> serde_json::Value {
    let registry = before.registry();
    let inside = |unit: &UnitId| unit == sender || registry.is_within(unit, sender);
    let top = registry
        .get(sender)
        .is_some_and(|unit| unit.parent.is_none());
    let units: Vec<_> = store
        .unit_registers()
        .iter()
        .filter(|(id, _)| before.unit_registers().contains_key(*id))
        .filter(|(id, _)| {
            let owner = registry
                .get(id)
                .and_then(|unit| unit.parent.clone())
                .unwrap_or_else(|| (*id).clone());
            !inside(&owner)
        })
        .collect();
    // A document of the sender's own with no review verdict is wholly in its scope.
    let assessments: Vec<_> = store
        .assessments()
        .iter()
        .filter(|(key, doc)| !inside(&key.unit) || (!top && !doc.reviews().is_empty()))
        .map(|(key, doc)| {
            let own = inside(&key.unit);
            (
                key,
                (!own).then(|| doc.clone()),
                (!top).then(|| doc.reviews().clone()),
            )
        })
        .collect();
    let outside_sets = |sets: &std::collections::BTreeMap<UnitId, _>| {
        serde_json::to_value(
            sets.iter()
                .filter(|(unit, _)| !inside(unit))
                .collect::<Vec<_>>(),
        )
        .unwrap()
    };
    serde_json::json!({
        "units": serde_json::to_value(units).unwrap(),
        "assessments": serde_json::to_value(assessments).unwrap(),
        "keys": outside_sets(store.key_pins()),
        "revoked": outside_sets(store.key_revocations()),
    })
}

/// The trust attack: `bundle`, which the reader accepted in `store`'s context, imported there by
/// a person who says yes to whatever it asks.
fn check_trust(bundle: &Bundle, store: &Store) {
    let policy = accepting(bundle).at(NOW_MS);
    let mut target = store.clone();
    match target.import_bundle(bundle, &policy) {
        Err(problems) => {
            check_refusal(&problems);
            assert!(
                problems
                    .iter()
                    .all(|problem| TRUST_CODES.contains(&problem.code())),
                "only the trust rules may refuse what the reader accepted: {problems:?}"
            );
            assert_eq!(
                &target, store,
                "a refused file changes nothing, pins included"
            );
        }
        Ok(report) if !report.already_imported => {
            let sender = &bundle.header.unit_id;
            // Scope holds for a store that knows its registry; a file whose sender it does not
            // know (a new ward) may add that ward only.
            assert_eq!(
                outside_scope(&target, store, sender),
                outside_scope(store, store, sender),
                "an accepted file changed records outside its unit's scope"
            );
            // The join of what lies in the sender's scope: records outside it are references
            // that changed no value, and are left out.
            let applied = pkm_core::trust::in_scope_content(bundle, store);
            let mut expected = merged(store, applied.as_ref().unwrap_or(&bundle.content));
            if let SignatureStatus::FirstSeen { fingerprint } = &report.signature {
                expected.pin_key(sender, fingerprint.clone());
            }
            assert!(target.same_content(&expected), "import is the join");
        }
        Ok(_) => {}
    }
    // Nobody said yes: a file of a unit with no key pinned for it or a unit above it is refused.
    let strict = TrustPolicy::new().at(NOW_MS);
    let mut untouched = store.clone();
    if untouched.import_bundle(bundle, &strict).is_err() {
        assert_eq!(&untouched, store, "a refused file changes nothing");
    } else {
        let signature = bundle
            .signature()
            .expect("an unsigned file needs a person's yes");
        let registry = store.registry();
        let sender = &bundle.header.unit_id;
        let chain = std::iter::once(sender.clone()).chain(
            registry
                .ancestors(sender)
                .into_iter()
                .map(|unit| unit.id.clone()),
        );
        let mut chain = chain.collect::<Vec<_>>();
        if let Some(content_unit) = bundle.content.unit(sender) {
            chain.extend(content_unit.parent.clone());
        }
        assert!(
            chain.iter().any(|unit| store
                .pinned_keys(unit)
                .is_some_and(|keys| keys.contains(&signature.fingerprint()))),
            "a file got in with a key nobody pinned or confirmed"
        );
    }
}

fn check_accepted(bundle: &Bundle, store: &Store, options: &ReadOptions) {
    // Issue 23: no accepted file carries evidence settings outside the province's ranges.
    for register in bundle.content.unit_registers().values() {
        for entry in register.siblings() {
            if let Some(settings) = entry.value.as_ref().and_then(|unit| unit.attachment_limits) {
                assert!(
                    settings.within_ranges(),
                    "accepted out of range: {settings:?}"
                );
            }
        }
    }
    let text = rewrite(bundle);
    let again = read_bundle_with(text.as_bytes(), options, store)
        .unwrap_or_else(|problems| panic!("a re-written bundle is refused: {problems:?}"));
    assert_eq!(again.kind, bundle.kind);
    assert_eq!(again.header, bundle.header);
    assert_eq!(again.content, bundle.content);
    assert_eq!(rewrite(&again), text, "writing is a fixed point");

    if store.unit_registers().is_empty() {
        let policy = accepting(bundle);
        let mut target = store.clone();
        let first = match target.import_bundle(bundle, &policy) {
            Ok(first) => first,
            Err(problems) => {
                // Only the trust rules may refuse it (a first file without its sender's record).
                check_refusal(&problems);
                assert!(
                    problems
                        .iter()
                        .all(|problem| TRUST_CODES.contains(&problem.code())),
                    "an accepted bundle does not import: {problems:?}"
                );
                assert_eq!(&target, store, "a refused file changes nothing");
                return;
            }
        };
        if store.imported().contains(&bundle.digest) {
            assert!(first.already_imported);
        } else {
            assert!(!first.already_imported);
            // The import is the join, plus the pin of a signed bundle's key when first seen.
            // The join of what lies in the sender's scope: records outside it are references
            // that changed no value, and are left out.
            let applied = pkm_core::trust::in_scope_content(bundle, store);
            let mut expected = merged(store, applied.as_ref().unwrap_or(&bundle.content));
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
            .import_bundle(bundle, &policy)
            .expect("an imported bundle imports again");
        assert!(second.already_imported);
        assert_eq!(target, snapshot, "importing twice changes nothing");
    } else {
        check_trust(bundle, store);
    }

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
