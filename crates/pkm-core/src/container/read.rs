//! Reads a container, one door like the bundle reader: every entry's name, method and declared
//! sizes are checked from the ZIP's central directory before anything is decompressed; the bundle
//! is read by [`crate::bundle::read_bundle_with`]; then each file is checked against the
//! references that name it (declared size first, then its bytes: never more than the declared
//! size is inflated, so an archive bomb stops at the limit), its hash and its type by content.
//! Every problem is collected; a container with any is refused whole.
//!
//! A reference whose file is not in the container is no problem: the evidence shows "tệp đính
//! kèm chưa nhận" until a container brings it ([`ContainerRead::missing`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use zip::CompressionMethod;
use zip::read::ZipFile;

use super::{BUNDLE_ENTRY, FILES_PREFIX};
use crate::attachment::limits::{MAX_CONTAINER_ENTRIES, MAX_EXPANSION_RATIO};
use crate::attachment::problems::AttachmentProblem;
use crate::attachment::{AttachmentRef, attachment_refs, is_sha256_hex, sha256_hex, sniff};
use crate::bundle::{Bundle, Problem, ProblemKind, ReadOptions, read_bundle_with};
use crate::store::Store;

/// A container that passed every check.
#[derive(Debug, Clone)]
pub struct ContainerRead {
    /// The bundle.
    pub bundle: Bundle,
    /// The files it carries, by hash (each referenced, checked, of an accepted type).
    pub files: BTreeMap<String, Vec<u8>>,
    /// The hashes its references name that it does not carry.
    pub missing: BTreeSet<String>,
}

/// Where an entry goes, decided from its name.
enum Slot {
    Bundle,
    File(String),
}

fn problem(kind: AttachmentProblem, path: impl Into<String>) -> Problem {
    Problem::new(ProblemKind::Attachment(kind), path)
}

/// Whether an entry name tries to leave its folder or hides characters.
fn is_unsafe(name: &str) -> bool {
    name.starts_with('/')
        || name.contains('\\')
        || name.split('/').any(|part| part == "..")
        || name.chars().any(char::is_control)
        || crate::attachment::check_name(name.rsplit('/').next().unwrap_or(name))
            == Err(crate::attachment::NameProblem::ControlCharacter)
}

/// The entry's place, or the problem with its name.
fn slot_of(name: &str) -> Result<Slot, AttachmentProblem> {
    if name == BUNDLE_ENTRY {
        return Ok(Slot::Bundle);
    }
    if let Some(hash) = name.strip_prefix(FILES_PREFIX)
        && is_sha256_hex(hash)
    {
        return Ok(Slot::File(hash.to_owned()));
    }
    if is_unsafe(name) {
        return Err(AttachmentProblem::UnsafeName {
            name: name.to_owned(),
        });
    }
    Err(AttachmentProblem::UnexpectedEntry {
        name: name.to_owned(),
    })
}

/// The entry's problems visible in the central directory: encryption, method, expansion ratio.
fn entry_shape(entry: &ZipFile<'_, Cursor<&[u8]>>) -> Option<AttachmentProblem> {
    if entry.encrypted() {
        return Some(AttachmentProblem::DamagedArchive {
            detail: format!("{}: encrypted", entry.name()),
        });
    }
    if !matches!(
        entry.compression(),
        CompressionMethod::Stored | CompressionMethod::Deflated
    ) {
        return Some(AttachmentProblem::DamagedArchive {
            detail: format!("{}: compression {:?}", entry.name(), entry.compression()),
        });
    }
    let stored = entry.compressed_size();
    if entry.size()
        > stored
            .saturating_mul(MAX_EXPANSION_RATIO)
            .saturating_add(4096)
    {
        return Some(AttachmentProblem::ArchiveBomb {
            name: entry.name().to_owned(),
        });
    }
    None
}

/// Inflates at most `declared` bytes; more is an archive bomb (the declared size lied), a read
/// error (a CRC mismatch, a truncated entry) is a damaged archive.
fn inflate(
    entry: &mut ZipFile<'_, Cursor<&[u8]>>,
    declared: u64,
) -> Result<Vec<u8>, AttachmentProblem> {
    let name = entry.name().to_owned();
    let mut bytes = Vec::with_capacity(usize::try_from(declared.min(1 << 24)).unwrap_or(0));
    match entry
        .by_ref()
        .take(declared.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        Ok(_) if bytes.len() as u64 > declared => Err(AttachmentProblem::ArchiveBomb { name }),
        Ok(_) => Ok(bytes),
        Err(error) => Err(AttachmentProblem::DamagedArchive {
            detail: format!("{name}: {error}"),
        }),
    }
}

/// The references of `bundle` by hash.
fn refs_by_hash(bundle: &Bundle) -> BTreeMap<&str, Vec<&AttachmentRef>> {
    let mut refs: BTreeMap<&str, Vec<&AttachmentRef>> = BTreeMap::new();
    for (_, file) in attachment_refs(&bundle.content) {
        refs.entry(file.sha256.as_str()).or_default().push(file);
    }
    refs
}

/// Reads a container for `store` under `options` (the bundle's limits, kinds, trust, and the
/// per-file and per-ward limits of evidence files in `options.limits.attachments`).
pub fn read_container(
    bytes: &[u8],
    options: &ReadOptions,
    store: &Store,
) -> Result<ContainerRead, Vec<Problem>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        vec![problem(
            AttachmentProblem::DamagedArchive {
                detail: error.to_string(),
            },
            "$",
        )]
    })?;
    if archive.len() > MAX_CONTAINER_ENTRIES {
        return Err(vec![problem(
            AttachmentProblem::ArchiveBomb {
                name: format!("{} entries", archive.len()),
            },
            "$",
        )]);
    }
    let mut problems = Vec::new();
    let (bundle_index, file_indices) = survey(&mut archive, options, &mut problems);
    let Some(bundle_index) = bundle_index else {
        problems.push(problem(
            AttachmentProblem::DamagedArchive {
                detail: format!("no {BUNDLE_ENTRY}"),
            },
            "$",
        ));
        return Err(problems);
    };
    let bundle = match read_bundle_entry(&mut archive, bundle_index, options, store) {
        Ok(bundle) => bundle,
        Err(mut found) => {
            problems.append(&mut found);
            return Err(problems);
        }
    };
    let refs = refs_by_hash(&bundle);
    let mut files = BTreeMap::new();
    for (hash, position) in file_indices {
        let path = format!("{FILES_PREFIX}{hash}");
        match read_file_entry(&mut archive, position, &hash, refs.get(hash.as_str())) {
            Ok(file) => {
                files.insert(hash, file);
            }
            Err(kind) => problems.push(problem(kind, path)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let missing = refs
        .keys()
        .filter(|hash| !files.contains_key(**hash))
        .map(|hash| (*hash).to_owned())
        .collect();
    Ok(ContainerRead {
        bundle,
        files,
        missing,
    })
}

/// Goes through the central directory: each entry's name, shape and declared size. Returns the
/// bundle's index and the files' (hash, index).
fn survey(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    options: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> (Option<usize>, Vec<(String, usize)>) {
    let mut bundle_index = None;
    let mut files: Vec<(String, usize)> = Vec::new();
    let mut seen = BTreeSet::new();
    for position in 0..archive.len() {
        let entry = match archive.by_index_raw(position) {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(problem(
                    AttachmentProblem::DamagedArchive {
                        detail: error.to_string(),
                    },
                    "$",
                ));
                continue;
            }
        };
        let name = entry.name().to_owned();
        let slot = match slot_of(&name) {
            Ok(slot) => slot,
            Err(kind) => {
                problems.push(problem(kind, "$"));
                continue;
            }
        };
        if !seen.insert(name.clone()) {
            problems.push(problem(AttachmentProblem::UnexpectedEntry { name }, "$"));
            continue;
        }
        if let Some(kind) = entry_shape(&entry) {
            problems.push(problem(kind, name));
            continue;
        }
        match slot {
            Slot::Bundle if entry.size() > options.limits.max_file_bytes as u64 => {
                problems.push(Problem::new(
                    ProblemKind::TooLarge {
                        bytes: usize::try_from(entry.size()).unwrap_or(usize::MAX),
                        max: options.limits.max_file_bytes,
                    },
                    BUNDLE_ENTRY,
                ));
            }
            Slot::Bundle => bundle_index = Some(position),
            Slot::File(hash) if entry.size() > options.limits.attachments.per_file => {
                problems.push(problem(
                    AttachmentProblem::TooLarge {
                        name: name.clone(),
                        bytes: entry.size(),
                        max: options.limits.attachments.per_file,
                    },
                    format!("{FILES_PREFIX}{hash}"),
                ));
            }
            Slot::File(hash) => files.push((hash, position)),
        }
    }
    (bundle_index, files)
}

/// Inflates and reads the bundle's entry.
fn read_bundle_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    position: usize,
    options: &ReadOptions,
    store: &Store,
) -> Result<Bundle, Vec<Problem>> {
    let json = {
        let mut entry = archive.by_index(position).map_err(|error| {
            vec![problem(
                AttachmentProblem::DamagedArchive {
                    detail: error.to_string(),
                },
                BUNDLE_ENTRY,
            )]
        })?;
        let declared = entry.size();
        inflate(&mut entry, declared).map_err(|kind| vec![problem(kind, BUNDLE_ENTRY)])?
    };
    read_bundle_with(&json, options, store)
}

/// Checks one file against the references that name it, then inflates it (never more than the
/// size they give) and checks its hash and its type by content.
fn read_file_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    position: usize,
    hash: &str,
    refs: Option<&Vec<&AttachmentRef>>,
) -> Result<Vec<u8>, AttachmentProblem> {
    let entry_name = format!("{FILES_PREFIX}{hash}");
    let Some(refs) = refs else {
        return Err(AttachmentProblem::UnexpectedEntry { name: entry_name });
    };
    let first = refs[0];
    let mut entry =
        archive
            .by_index(position)
            .map_err(|error| AttachmentProblem::DamagedArchive {
                detail: error.to_string(),
            })?;
    if refs
        .iter()
        .any(|file| file.size != first.size || file.media_type != first.media_type)
        || entry.size() != first.size
    {
        return Err(AttachmentProblem::HashMismatch {
            name: first.name.clone(),
        });
    }
    let bytes = inflate(&mut entry, first.size)?;
    if sha256_hex(&bytes) != hash || bytes.len() as u64 != first.size {
        return Err(AttachmentProblem::HashMismatch {
            name: first.name.clone(),
        });
    }
    if sniff(&bytes) != first.media_type() {
        return Err(AttachmentProblem::UnknownType {
            name: first.name.clone(),
            declared: first.media_type.clone(),
        });
    }
    Ok(bytes)
}
