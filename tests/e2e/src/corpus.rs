//! The bad-input corpus as the ward workspace's import sees it: every committed bad file (one per
//! problem code), the core's generated hostile inputs (written to a folder, the large ones
//! included), and for each the Vietnamese refusal the page must show, computed here by the same
//! core in the context of a ward laptop (its store, and the trust rules with its clock and no
//! decision taken).

use std::path::{Path, PathBuf};

use pkm_core::bundle::{Limits, ReadOptions, read_bundle_with};
use pkm_core::fixtures::hostile;
use pkm_core::{
    BundleKind, DeviceId, EditContext, Hlc, Store, TrustPolicy, Unit, UnitId, UnitKind,
};

/// One file to import and what the page must say about it.
#[derive(Clone, Debug)]
pub struct BadFile {
    /// The file on disk.
    pub path: PathBuf,
    /// The problem code it must be refused with.
    pub code: String,
    /// A Vietnamese text the refusal must contain.
    pub expected_vi: String,
}

impl BadFile {
    /// The file name, as the page shows it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_owned()
    }
}

/// The store of a ward laptop after its first run as [`crate::ward::HUNG_DUNG`]: the built-in
/// catalogue and the province and ward units.
pub fn ward_laptop_store() -> Store {
    let mut store = Store::with_builtin_catalogue().expect("the built-in catalogue is valid");
    let device = DeviceId::new("dev-0123456789ab").expect("a device id");
    let context = EditContext::new(
        Hlc {
            wall_ms: 1_764_000_000_000,
            logical: 0,
            device,
        },
        crate::ward::HUNG_DUNG.officer,
    );
    let province = UnitId::new(crate::ward::HUNG_DUNG.province_code).expect("an id");
    let units = [
        Unit {
            id: province.clone(),
            code: Some(crate::ward::HUNG_DUNG.province_code.into()),
            name_vi: crate::ward::HUNG_DUNG.province.into(),
            kind: UnitKind::Province,
            parent: None,
            attachment_limits: None,
        },
        Unit {
            id: UnitId::new(crate::ward::HUNG_DUNG.ward_code).expect("an id"),
            code: Some(crate::ward::HUNG_DUNG.ward_code.into()),
            name_vi: crate::ward::HUNG_DUNG.ward.into(),
            kind: UnitKind::Ward,
            parent: Some(province),
            attachment_limits: None,
        },
    ];
    for unit in units {
        store
            .upsert_unit(&context, unit)
            .expect("the units are valid");
    }
    store
}

/// The Vietnamese refusal of a file over the ward page's 40 MiB limit (refused before reading):
/// the generated oversized file, 1 MiB over the core's 128 MiB.
pub fn too_large_vi(name: &str) -> String {
    let mib = pkm_core::fixtures::hostile::OVERSIZED_BYTES / (1024 * 1024);
    format!("Tệp “{name}” quá lớn ({mib} MiB, tối đa 40 MiB) nên không được mở.")
}

/// Every bad input for the ward workspace's import, written under `dir` where generated.
///
/// The committed `wrong-kind.json` is a config bundle, which a ward laptop accepts; the province
/// bundle example stands in for it. `unsigned-bundle.json` and `key-mismatch.json` are refused only
/// where Đông Vĩnh's key is pinned, which this Hưng Dũng laptop has no reason to hold; pinning in the
/// browser is tested in `tests/browser/signing.rs`, and both files natively. Likewise a file of a
/// trust code ([`STORE_CONTEXT_CODES`]) whose own problem does not arise on this laptop (a key
/// revoked in another store), or which this laptop refuses first as another ward's file, is left
/// out: the core's tests and the province's screen cover them. A file refused here for an extra
/// reason too (unsigned, an unknown sender) must still show its own.
pub fn ward_page_corpus(dir: &Path) -> Vec<BadFile> {
    let bundles = crate::workspace_root().join("tests/bundles");
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(bundles.join("bad"))
        .expect("tests/bundles/bad is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter_map(|path| {
            // `out-of-scope.decision.json`: a second forgery of the code before the dot.
            let stem = path.file_stem()?.to_str()?;
            let code = stem.split('.').next().unwrap_or(stem).to_owned();
            let skipped = ["wrong-kind", "unsigned-bundle", "key-mismatch"];
            (!skipped.contains(&code.as_str())).then_some((path, code))
        })
        .collect();
    files.sort();
    files.push((bundles.join("examples/province.json"), "wrong-kind".into()));
    let ward = std::fs::read_to_string(bundles.join("examples/ward.json"))
        .expect("the ward example is readable");
    std::fs::create_dir_all(dir).expect("the corpus folder can be created");
    for input in hostile::refused_inputs(&ward, true) {
        let path = dir.join(input.name);
        std::fs::write(&path, &input.bytes).expect("a corpus file can be written");
        files.push((path, input.code.to_owned()));
    }
    let store = ward_laptop_store();
    let options = ReadOptions {
        limits: Limits::default(),
        accept: vec![BundleKind::Ward, BundleKind::Config, BundleKind::Feedback],
        trust: Some(TrustPolicy::new().at(now_ms())),
        ..ReadOptions::default()
    };
    // The page reads a file on its own terms first: another ward's file that reads is refused
    // as such, before the trust rules are asked.
    let own_terms = ReadOptions {
        trust: None,
        ..options.clone()
    };
    let ward = UnitId::new(crate::ward::HUNG_DUNG.ward_code).expect("an id");
    files
        .into_iter()
        .filter(|(path, code)| {
            if code == "too-large" {
                return true;
            }
            let bytes = std::fs::read(path).expect("a corpus file is readable");
            let other_ward = read_bundle_with(&bytes, &own_terms, &store).is_ok_and(|bundle| {
                bundle.kind == BundleKind::Ward && bundle.header.unit_id != ward
            });
            !other_ward
                && (!STORE_CONTEXT_CODES.contains(&code.as_str())
                    || read_bundle_with(&bytes, &options, &store)
                        .err()
                        .is_some_and(|problems| {
                            problems.iter().any(|problem| problem.code() == *code)
                        }))
        })
        .map(|(path, code)| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default()
                .to_owned();
            let expected_vi = if code == "too-large" {
                too_large_vi(&name)
            } else {
                let bytes = std::fs::read(&path).expect("a corpus file is readable");
                let problems = read_bundle_with(&bytes, &options, &store)
                    .err()
                    .unwrap_or_else(|| panic!("{name} is accepted by the core"));
                let message = problems
                    .iter()
                    .find(|problem| problem.code() == code)
                    .unwrap_or_else(|| panic!("{name}: no {code} among {problems:?}"))
                    .message_vi();
                // The page's clock is read a moment later than this one: the message is
                // compared up to where it names the clock.
                match message.find(" muộn hơn đồng hồ máy này") {
                    Some(at) if code == "future-timestamp" => message[..at].to_owned(),
                    _ => message,
                }
            };
            BadFile {
                path,
                code,
                expected_vi,
            }
        })
        .collect()
}

/// The problem codes of the trust rules, which depend on the importing store and the person's
/// decisions: a committed file of one of them is imported by the page only where its problem
/// arises on the ward laptop of [`ward_laptop_store`].
pub const STORE_CONTEXT_CODES: [&str; 8] = [
    "unconfirmed-key",
    "forged-counter",
    "revoked-key",
    "unknown-sender",
    "out-of-scope",
    "future-timestamp",
    "unsigned-bundle",
    "key-mismatch",
];

/// The wall clock, as the page's is read (ms since 1970).
#[allow(clippy::disallowed_methods)] // The page's clock is the wall clock; so is this one.
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64)
}
