//! Evidence files (tệp đính kèm của minh chứng): the reference an evidence item carries to each
//! file (its SHA-256, name, type and size), the types accepted and how they are recognised by
//! their content, the rules on names, the limits per file and per ward, and which of a store's
//! references have no file yet ("tệp đính kèm chưa nhận"). The files themselves travel in the
//! container ([`crate::container`]); the bundle carries only the references, so its digest and
//! signature cover every file through its hash (docs/bundle-format.md, section 13).

pub mod census;
pub mod enforce;
pub mod limits;
pub mod media_type;
pub mod name;
pub mod problems;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use census::{AttachmentCensus, attachment_refs, missing_files, ward_totals};
pub use limits::{AttachmentLimits, EvidenceSettings};
pub use media_type::{MediaType, sniff};
pub use name::{NameProblem, check_name};
pub use problems::AttachmentProblem;

/// A reference from an evidence item to one file: the file's SHA-256 (64 lowercase hex digits),
/// its name as the officer's computer called it, its media type and its size in bytes. Files are
/// addressed by their hash, so a file attached twice is stored and carried once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttachmentRef {
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// The file's name (no folders, no control characters; [`check_name`]).
    pub name: String,
    /// The media type, one of [`MediaType`]'s (as `"application/pdf"`, `"image/jpeg"`, ...).
    #[serde(rename = "type")]
    pub media_type: String,
    /// The size in bytes.
    pub size: u64,
}

impl AttachmentRef {
    /// The reference to `bytes` under `name`, its type recognised from the content; `None` when
    /// the content is of no accepted type.
    pub fn for_bytes(name: &str, bytes: &[u8]) -> Option<AttachmentRef> {
        let media_type = sniff(bytes)?;
        Some(AttachmentRef {
            sha256: sha256_hex(bytes),
            name: name.to_owned(),
            media_type: media_type.mime().to_owned(),
            size: bytes.len() as u64,
        })
    }

    /// The accepted media type this reference names, if it names one.
    pub fn media_type(&self) -> Option<MediaType> {
        MediaType::from_mime(&self.media_type)
    }
}

/// The problems of one reference read from a bundle, each with the member it concerns: a hash
/// that is not 64 lowercase hex digits, a name with a path or control characters, a type that is
/// not accepted, a size above the per-file limit.
pub fn check_ref(
    file: &AttachmentRef,
    limits: &AttachmentLimits,
) -> Vec<(AttachmentProblem, &'static str)> {
    let mut problems = Vec::new();
    if !is_sha256_hex(&file.sha256) {
        problems.push((
            AttachmentProblem::HashMismatch {
                name: file.name.clone(),
            },
            "sha256",
        ));
    }
    if check_name(&file.name).is_err() {
        problems.push((
            AttachmentProblem::UnsafeName {
                name: file.name.clone(),
            },
            "name",
        ));
    }
    if file.media_type().is_none() {
        problems.push((
            AttachmentProblem::UnknownType {
                name: file.name.clone(),
                declared: file.media_type.clone(),
            },
            "type",
        ));
    }
    if file.size > limits.per_file {
        problems.push((
            AttachmentProblem::TooLarge {
                name: file.name.clone(),
                bytes: file.size,
                max: limits.per_file,
            },
            "size",
        ));
    }
    problems
}

/// Checks the references an edit writes: the same rules as the reader's but the sizes (the app
/// checks those against the province's limits when the file is attached), so whatever the app
/// writes reads back.
pub fn check_edited(refs: &[AttachmentRef]) -> Result<(), crate::store::EditError> {
    let unlimited = AttachmentLimits {
        per_file: u64::MAX,
        per_ward: u64::MAX,
    };
    match refs
        .iter()
        .find(|file| !check_ref(file, &unlimited).is_empty())
    {
        Some(file) => Err(crate::store::EditError::InvalidAttachment {
            name: file.name.clone(),
        }),
        None => Ok(()),
    }
}

/// SHA-256 of `bytes` as 64 lowercase hex digits (how files are named and referenced).
pub fn sha256_hex(bytes: &[u8]) -> String {
    base16ct::lower::encode_string(&Sha256::digest(bytes))
}

/// Whether `text` has the shape of a file's hash: 64 lowercase hex digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_names_its_bytes_by_hash_and_content_type() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
        let reference = AttachmentRef::for_bytes("Nghị quyết 12.pdf", pdf).unwrap();
        assert_eq!(reference.media_type(), Some(MediaType::Pdf));
        assert_eq!(reference.size, pdf.len() as u64);
        assert!(is_sha256_hex(&reference.sha256));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(AttachmentRef::for_bytes("a.exe", b"MZ\x90\x00").is_none());
        assert!(!is_sha256_hex(&reference.sha256.to_uppercase()));
        assert!(!is_sha256_hex("abc"));
    }
}
