//! Evidence files on this device: attaching a picked, photographed or dropped file (read it,
//! recognise its type by content, downscale a photo, check the limits, store it by its SHA-256),
//! and reading back what is held. The core's checks (types by content, which reads office files'
//! ZIP directories) run behind their own split point, fetched the first time a file is attached.
//!
//! The file is stored (its transaction committed) before the evidence item refers to it, so an
//! evidence item never points at a file this device lost.

use std::cell::RefCell;
use std::collections::BTreeSet;

use pkm_core::attachment::enforce::WardRoom;
use pkm_core::attachment::problems::AttachmentProblem;
use pkm_core::attachment::{
    AttachmentLimits, AttachmentRef, MediaType, NameProblem, check_name, sha256_hex, sniff,
};
use wasm_bindgen::JsValue;

use pkm_core::bundle::{Bundle, Limits, Problem};
use pkm_core::container::read::CheckedFiles as ContainerFiles;

use crate::i18n::Lang;
use crate::i18n::Text;
use crate::i18n::attachments::AttachMsg;
use crate::platform::files::{self, FileError};
use crate::platform::images;
use crate::split::{SplitLoaderError, enter};
use crate::storage::{Db, StorageError};

/// The longest side of a stored photo, in pixels, unless the province sets another.
pub const DEFAULT_LONGEST_SIDE: u32 = pkm_core::attachment::limits::DEFAULT_LONGEST_SIDE;

/// The largest original a photo may be before it is downscaled (a 12-megapixel phone photo is
/// 3 to 8 MB; a 48-megapixel one can pass 20 MB).
const MAX_ORIGINAL_PHOTO: u64 = 60_000_000;

/// How files are attached: the limits and the longest side of a stored photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachSettings {
    /// The limits per file and per ward.
    pub limits: AttachmentLimits,
    /// The longest side of a stored photo, in pixels.
    pub longest_side: u32,
}

impl Default for AttachSettings {
    fn default() -> AttachSettings {
        AttachSettings {
            limits: AttachmentLimits::default(),
            longest_side: DEFAULT_LONGEST_SIDE,
        }
    }
}

impl From<pkm_core::attachment::EvidenceSettings> for AttachSettings {
    fn from(settings: pkm_core::attachment::EvidenceSettings) -> AttachSettings {
        AttachSettings {
            limits: settings.limits(),
            longest_side: settings.longest_side,
        }
    }
}

/// A file attached and stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// The reference the evidence item gets.
    pub reference: AttachmentRef,
    /// The size of the file as it was picked.
    pub original_size: u64,
}

/// Why a file was not attached.
#[derive(Clone, Debug, PartialEq)]
pub enum AttachError {
    /// The file broke a rule (type, size, name): the core's problem, with its message.
    Refused(AttachmentProblem),
    /// The file could not be read.
    File(FileError),
    /// The photo could not be decoded or encoded.
    Image(String),
    /// The attachment code could not be fetched.
    NotLoaded,
    /// It could not be stored.
    Storage(StorageError),
}

impl AttachError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AttachError::Refused(problem) => lang.pick(problem.message_vi(), problem.message_en()),
            AttachError::File(error) => error.message(lang),
            AttachError::Image(detail) => crate::i18n::attachments::image_failed(lang, detail),
            AttachError::NotLoaded => AttachMsg::NotLoaded.text(lang).to_owned(),
            AttachError::Storage(error) => error.message(lang),
        }
    }
}

/// Work done behind the attachments' split point.
enum Work {
    /// Recognise the type of these bytes by content.
    Recognise(Vec<u8>),
    /// Start writing a container with this bundle's JSON.
    ContainerStart(String),
    /// Add this file (hash, bytes) to the container being written under this number.
    ContainerAdd(u32, String, Vec<u8>),
    /// Finish the container being written under this number (or drop it, when `false`).
    ContainerEnd(u32, bool),
    /// Check a container's entries and inflate its bundle (the import's first half).
    OpenContainer(Vec<u8>, Limits),
    /// Check and inflate a container's files against its bundle, read and accepted (the second).
    ContainerFiles(Vec<u8>, Box<Bundle>, Limits),
}

/// The containers being written, by number, each a file at a time (only the split point's code
/// touches them, so the ZIP writer's code stays behind it).
mod writing {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    use pkm_core::container::ContainerWriter;

    thread_local! {
        static WRITERS: RefCell<BTreeMap<u32, ContainerWriter>> = const { RefCell::new(BTreeMap::new()) };
        static NEXT: Cell<u32> = const { Cell::new(0) };
    }

    /// Starts a container with `json`: its number.
    pub(super) fn start(json: &[u8]) -> Result<u32, String> {
        let writer = ContainerWriter::start(json).map_err(|error| error.to_string())?;
        let number = NEXT.with(|next| {
            let number = next.get();
            next.set(number.wrapping_add(1));
            number
        });
        WRITERS.with(|writers| writers.borrow_mut().insert(number, writer));
        Ok(number)
    }

    /// Adds a file to the container `number`; the bytes that became final. On a refusal the
    /// container is dropped.
    pub(super) fn add(number: u32, hash: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
        WRITERS.with(|writers| {
            let mut writers = writers.borrow_mut();
            let writer = writers.get_mut(&number).ok_or("no such container")?;
            let added = writer.add_file(hash, bytes);
            if added.is_err() {
                writers.remove(&number);
            }
            added.map_err(|error| error.to_string())
        })
    }

    /// Finishes the container `number` (its last bytes), or drops it when not `finish`.
    pub(super) fn end(number: u32, finish: bool) -> Result<Vec<u8>, String> {
        let writer = WRITERS
            .with(|writers| writers.borrow_mut().remove(&number))
            .ok_or("no such container")?;
        if finish {
            writer.finish().map_err(|error| error.to_string())
        } else {
            Ok(Vec::new())
        }
    }
}

/// What the split point's work gave.
enum Done {
    /// The bytes, given back, and their type.
    Recognised(Vec<u8>, Option<MediaType>),
    /// The number of the container started, or why it could not be.
    Started(Result<u32, String>),
    /// The container's bytes that became final, or why it could not be written (then it is
    /// dropped).
    Chunk(Result<Vec<u8>, String>),
    /// The container given back, with its bundle's bytes and its entries' problems so far, or
    /// the problems when it holds no bundle to read.
    Opened(Vec<u8>, OpenedBundle),
    /// The bundle given back, with the files and the hashes missing, or the problems.
    Files(Box<Bundle>, Result<ContainerFiles, Vec<Problem>>),
}

/// What opening a container gives: the bundle's bytes with the entries' problems found so far,
/// or the problems when there is no bundle to read.
type OpenedBundle = Result<(Vec<u8>, Vec<Problem>), Vec<Problem>>;

/// The attachments' split point: the core's type recognition (which reads office files' ZIP
/// directories) and the container writer.
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(attachments, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn attachments_work(work: Work) -> Result<Done, SplitLoaderError> {
    Ok(match work {
        Work::Recognise(bytes) => {
            let kind = sniff(&bytes);
            Done::Recognised(bytes, kind)
        }
        Work::ContainerStart(json) => Done::Started(writing::start(json.as_bytes())),
        Work::ContainerAdd(number, hash, bytes) => Done::Chunk(writing::add(number, &hash, &bytes)),
        Work::ContainerEnd(number, finish) => Done::Chunk(writing::end(number, finish)),
        Work::OpenContainer(bytes, limits) => {
            let opened = pkm_core::container::container_bundle(&bytes, &limits);
            Done::Opened(bytes, opened)
        }
        Work::ContainerFiles(bytes, bundle, limits) => {
            let files = pkm_core::container::container_files(&bytes, &bundle, &limits);
            Done::Files(bundle, files)
        }
    })
}

/// The container of an export: the bundle `json` and every file of `census` (the files the
/// exported evidence refers to) that this device holds (a file it does not hold stays "not
/// received" at the other end). `None` when the evidence refers to no file: the export stays a
/// plain `.json` bundle.
///
/// It is written a file at a time: each file is read from its `Blob`, added, and the bytes that
/// became final go into a `Blob` part at once, so the wasm memory holds one file (and the entry
/// being written) at a time, and the container's bytes live only in the browser's `Blob`.
pub async fn container_of(
    db: &Db,
    census: &pkm_core::attachment::AttachmentCensus,
    json: String,
) -> Result<Option<web_sys::Blob>, AttachError> {
    if census.is_empty() {
        return Ok(None);
    }
    let number = match enter!(attachments_work(Work::ContainerStart(json))) {
        Ok(Done::Started(Ok(number))) => number,
        Ok(Done::Started(Err(detail))) => return Err(AttachError::Image(detail)),
        Ok(_) | Err(_) => return Err(AttachError::NotLoaded),
    };
    let parts = js_sys::Array::new();
    let written = add_held_files(db, census, number, &parts).await;
    let last = container_step(Work::ContainerEnd(number, written.is_ok())).await;
    written?;
    parts.push(
        &images::blob_of(&last?, "")
            .map_err(AttachError::Image)?
            .into(),
    );
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/zip");
    web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)
        .map(Some)
        .map_err(|error| AttachError::Image(format!("{error:?}")))
}

/// Adds every file of `census` this device holds to the container `number`, one at a time, each
/// chunk that became final pushed to `parts` as a `Blob`.
async fn add_held_files(
    db: &Db,
    census: &pkm_core::attachment::AttachmentCensus,
    number: u32,
    parts: &js_sys::Array,
) -> Result<(), AttachError> {
    // In hash order, as the container holds them.
    for hash in census.files.keys() {
        let Some(held) = held_file(db, hash).await.map_err(AttachError::Storage)? else {
            continue;
        };
        let bytes = images::blob_bytes(&held.blob)
            .await
            .map_err(AttachError::Image)?;
        let chunk = container_step(Work::ContainerAdd(number, hash.clone(), bytes)).await?;
        parts.push(
            &images::blob_of(&chunk, "")
                .map_err(AttachError::Image)?
                .into(),
        );
    }
    Ok(())
}

/// One step of writing a container behind the split point: the bytes that became final.
async fn container_step(work: Work) -> Result<Vec<u8>, AttachError> {
    match enter!(attachments_work(work)) {
        Ok(Done::Chunk(Ok(bytes))) => Ok(bytes),
        Ok(Done::Chunk(Err(detail))) => Err(AttachError::Image(detail)),
        Ok(_) | Err(_) => Err(AttachError::NotLoaded),
    }
}

/// The file a ward's export writes: the container of the bundle `json` and its files when the
/// ward's evidence refers to files (named as `file_name` with `.pkmz`), else the `.json` as it
/// is; with its media type.
pub async fn export_file(
    session: &crate::state::Session,
    ward: &pkm_core::UnitId,
    file_name: String,
    json: String,
) -> Result<(String, files::Body, &'static str), AttachError> {
    let census = session.read_untracked(|store| {
        let mut census = pkm_core::attachment::AttachmentCensus::of(store);
        census.by_unit.retain(|owner, _| owner == ward);
        let kept: BTreeSet<String> = census.by_unit.values().flatten().cloned().collect();
        census.files.retain(|hash, _| kept.contains(hash));
        census
    });
    Ok(
        match container_of(session.db(), &census, json.clone()).await? {
            Some(container) => (
                container_name(&file_name),
                files::Body::Blob(container),
                "application/zip",
            ),
            None => (file_name, json.into_bytes().into(), "application/json"),
        },
    )
}

/// The name of an export's container: the bundle's name with `.pkmz` for `.json`.
pub fn container_name(json_name: &str) -> String {
    let stem = json_name.strip_suffix(".json").unwrap_or(json_name);
    format!("{stem}.{}", pkm_core::container::EXTENSION)
}

/// `name` with its extension replaced by `.jpg` (a photo stored downscaled is a JPEG).
fn as_jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.jpg")
}

/// Reads `file`, checks it, downscales a photo larger than the settings' longest side, checks
/// that the ward's files still fit its per-ward limit (`room`, shared by a batch of files), and
/// stores it; returns its reference once stored.
pub async fn attach(
    db: &Db,
    file: &web_sys::File,
    settings: AttachSettings,
    room: &RefCell<Option<WardRoom>>,
) -> Result<Attached, AttachError> {
    let name = file.name();
    if let Err(problem) = check_name(&name)
        && problem != NameProblem::TooLong
    {
        return Err(AttachError::Refused(AttachmentProblem::UnsafeName { name }));
    }
    let limit = settings.limits.per_file.max(MAX_ORIGINAL_PHOTO);
    let bytes = files::read_bytes(file, limit)
        .await
        .map_err(AttachError::File)?;
    let original_size = bytes.len() as u64;
    let (bytes, kind) = match enter!(attachments_work(Work::Recognise(bytes))) {
        Ok(Done::Recognised(bytes, kind)) => (bytes, kind),
        Ok(_) | Err(_) => return Err(AttachError::NotLoaded),
    };
    let Some(kind) = kind else {
        return Err(AttachError::Refused(AttachmentProblem::UnknownType {
            name,
            declared: file.type_(),
        }));
    };
    let (bytes, kind, name) = if kind.is_image() {
        match images::downscale(&bytes, kind.mime(), settings.longest_side)
            .await
            .map_err(AttachError::Image)?
        {
            Some(jpeg) => (jpeg, MediaType::Jpeg, as_jpeg_name(&name)),
            None => (bytes, kind, name),
        }
    } else {
        (bytes, kind, name)
    };
    let size = bytes.len() as u64;
    if size > settings.limits.per_file {
        return Err(AttachError::Refused(AttachmentProblem::TooLarge {
            name,
            bytes: size,
            max: settings.limits.per_file,
        }));
    }
    let name: String = name
        .chars()
        .take(pkm_core::attachment::name::MAX_NAME_CHARS)
        .collect();
    let sha256 = sha256_hex(&bytes);
    if let Some(room) = room.borrow_mut().as_mut() {
        room.admit(&sha256, size).map_err(AttachError::Refused)?;
    }
    let reference = AttachmentRef {
        sha256,
        name,
        media_type: kind.mime().to_owned(),
        size,
    };
    let record = record(&reference, Some(original_size), &bytes).map_err(AttachError::Image)?;
    db.put_attachments(&[(reference.sha256.clone(), record)])
        .await
        .map_err(AttachError::Storage)?;
    Ok(Attached {
        reference,
        original_size,
    })
}

/// The stored record: `{name, type, size, original_size, blob}` (`original_size` only for a file
/// attached on this device).
fn record(
    reference: &AttachmentRef,
    original_size: Option<u64>,
    bytes: &[u8],
) -> Result<JsValue, String> {
    let object = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &value).map(drop)
    };
    let blob = images::blob_of(bytes, &reference.media_type)?;
    set("name", JsValue::from_str(&reference.name))
        .and_then(|()| set("type", JsValue::from_str(&reference.media_type)))
        .and_then(|()| set("size", JsValue::from_f64(reference.size as f64)))
        .and_then(|()| match original_size {
            Some(size) => set("original_size", JsValue::from_f64(size as f64)),
            None => Ok(()),
        })
        .and_then(|()| set("blob", blob.into()))
        .map_err(|error| format!("{error:?}"))?;
    Ok(object.into())
}

/// Opens a container for an import: checks its entries in the central directory and inflates
/// its bundle. Gives the container back, with the bundle's bytes and the entries' problems found
/// so far (read the bundle, then [`container_files`]), or every problem when there is no bundle.
pub async fn open_container(
    bytes: Vec<u8>,
    limits: Limits,
) -> Result<(Vec<u8>, OpenedBundle), AttachError> {
    match enter!(attachments_work(Work::OpenContainer(bytes, limits))) {
        Ok(Done::Opened(bytes, opened)) => Ok((bytes, opened)),
        Ok(_) | Err(_) => Err(AttachError::NotLoaded),
    }
}

/// The files of a container whose `bundle` was read and accepted, each checked against the
/// bundle's references (hash, size, type by content), as records ready to store by hash (one
/// `Blob` each, held by the browser rather than in the wasm memory); with the bundle given back.
pub async fn container_files(
    bytes: Vec<u8>,
    bundle: Box<Bundle>,
    limits: Limits,
) -> Result<(Box<Bundle>, Result<Vec<(String, JsValue)>, Vec<Problem>>), AttachError> {
    let (bundle, files) = match enter!(attachments_work(Work::ContainerFiles(
        bytes, bundle, limits
    ))) {
        Ok(Done::Files(bundle, files)) => (bundle, files),
        Ok(_) | Err(_) => return Err(AttachError::NotLoaded),
    };
    let (files, _missing) = match files {
        Ok(found) => found,
        Err(problems) => return Ok((bundle, Err(problems))),
    };
    let census = pkm_core::attachment::AttachmentCensus::of(&bundle.content);
    let mut records = Vec::with_capacity(files.len());
    for (hash, bytes) in files {
        // Every file the reader kept is referenced (an unreferenced entry is refused).
        let Some(reference) = census.files.get(&hash) else {
            continue;
        };
        records.push((
            hash,
            record(reference, None, &bytes).map_err(AttachError::Image)?,
        ));
    }
    Ok((bundle, Ok(records)))
}

/// What this device holds of one file: its original size (when it was attached here) and its
/// bytes as a `Blob`.
#[derive(Clone, Debug)]
pub struct HeldFile {
    /// The size of the file as it was picked, when attached on this device.
    pub original_size: Option<u64>,
    /// The file.
    pub blob: web_sys::Blob,
}

/// The file with hash `hash`, if this device holds it.
pub async fn held_file(db: &Db, hash: &str) -> Result<Option<HeldFile>, StorageError> {
    let Some(record) = db.get_attachment(hash).await? else {
        return Ok(None);
    };
    let get = |key: &str| js_sys::Reflect::get(&record, &JsValue::from_str(key)).ok();
    let Some(blob) = get("blob").and_then(|blob| wasm_bindgen::JsCast::dyn_into(blob).ok()) else {
        return Ok(None);
    };
    Ok(Some(HeldFile {
        original_size: get("original_size")
            .and_then(|size| size.as_f64())
            .map(|size| size as u64),
        blob,
    }))
}

/// The hashes of every file this device holds.
pub async fn held_hashes(db: &Db) -> Result<BTreeSet<String>, StorageError> {
    Ok(db.attachment_hashes().await?.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_downscaled_photo_is_named_as_a_jpeg() {
        assert_eq!(as_jpeg_name("IMG_2024.HEIC.png"), "IMG_2024.HEIC.jpg");
        assert_eq!(as_jpeg_name("tru so.webp"), "tru so.jpg");
        assert_eq!(as_jpeg_name("anh"), "anh.jpg");
    }
}
