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
use crate::bundle::{Bundle, Limits, Problem, ProblemKind, ReadOptions, read_bundle_with};
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

/// A container's files by hash, checked against its bundle, and the hashes the bundle refers
/// to that it does not carry.
pub type CheckedFiles = (BTreeMap<String, Vec<u8>>, BTreeSet<String>);

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
/// per-file and per-ward limits of evidence files in `options.limits.attachments`): its
/// [`container_bundle`], the bundle read by [`read_bundle_with`], then its
/// [`container_files`].
pub fn read_container(
    bytes: &[u8],
    options: &ReadOptions,
    store: &Store,
) -> Result<ContainerRead, Vec<Problem>> {
    let (json, mut problems) = container_bundle(bytes, &options.limits)?;
    let bundle = match read_bundle_with(&json, options, store) {
        Ok(bundle) => bundle,
        Err(mut found) => {
            problems.append(&mut found);
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let (files, missing) = container_files(bytes, &bundle, &options.limits)?;
    Ok(ContainerRead {
        bundle,
        files,
        missing,
    })
}

/// The first half of reading a container, for a caller that reads the bundle itself (the
/// province's import reads it step by step between paints): checks every entry's name, shape
/// and declared size in the central directory and inflates the bundle's entry. Gives the
/// bundle's bytes with the entries' problems found so far (the bundle is still worth reading,
/// so that every reason is listed; a container with any problem is refused), or the problems
/// when there is no bundle to read.
pub fn container_bundle(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), Vec<Problem>> {
    let mut archive = open(bytes)?;
    let mut problems = Vec::new();
    let (bundle_index, _) = survey(&mut archive, limits, &mut problems);
    let Some(bundle_index) = bundle_index else {
        problems.push(problem(
            AttachmentProblem::DamagedArchive {
                detail: format!("no {BUNDLE_ENTRY}"),
            },
            "$",
        ));
        return Err(problems);
    };
    match read_bundle_entry(&mut archive, bundle_index) {
        Ok(json) => Ok((json, problems)),
        Err(mut found) => {
            problems.append(&mut found);
            Err(problems)
        }
    }
}

/// The second half: the container's files, each checked against the references of `bundle`
/// (read from the same container, and accepted) and inflated, never more than the size they
/// give; with the hashes `bundle` refers to that the container does not carry.
pub fn container_files(
    bytes: &[u8],
    bundle: &Bundle,
    limits: &Limits,
) -> Result<CheckedFiles, Vec<Problem>> {
    let mut archive = open(bytes)?;
    let mut problems = Vec::new();
    let (_, file_indices) = survey(&mut archive, limits, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let refs = refs_by_hash(bundle);
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
    Ok((files, missing))
}

/// The ZIP's central directory, if it can be read and holds not too many entries.
fn open(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, Vec<Problem>> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
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
    Ok(archive)
}

/// Goes through the central directory: each entry's name, shape and declared size. Returns the
/// bundle's index and the files' (hash, index).
fn survey(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
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
            Slot::Bundle if entry.size() > limits.max_file_bytes as u64 => {
                problems.push(Problem::new(
                    ProblemKind::TooLarge {
                        bytes: usize::try_from(entry.size()).unwrap_or(usize::MAX),
                        max: limits.max_file_bytes,
                    },
                    BUNDLE_ENTRY,
                ));
            }
            Slot::Bundle => bundle_index = Some(position),
            Slot::File(hash) if entry.size() > limits.attachments.per_file => {
                problems.push(problem(
                    AttachmentProblem::TooLarge {
                        name: name.clone(),
                        bytes: entry.size(),
                        max: limits.attachments.per_file,
                    },
                    format!("{FILES_PREFIX}{hash}"),
                ));
            }
            Slot::File(hash) => files.push((hash, position)),
        }
    }
    (bundle_index, files)
}

/// Inflates the bundle's entry.
fn read_bundle_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    position: usize,
) -> Result<Vec<u8>, Vec<Problem>> {
    let mut entry = archive.by_index(position).map_err(|error| {
        vec![problem(
            AttachmentProblem::DamagedArchive {
                detail: error.to_string(),
            },
            BUNDLE_ENTRY,
        )]
    })?;
    let declared = entry.size();
    inflate(&mut entry, declared).map_err(|kind| vec![problem(kind, BUNDLE_ENTRY)])
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
