//! Signed bundles (chữ ký số): ECDSA over the NIST P-256 curve with SHA-256, the algorithm
//! WebCrypto calls `{name: "ECDSA", namedCurve: "P-256"}` / `{name: "ECDSA", hash: "SHA-256"}`.
//!
//! What is signed: the UTF-8 bytes of the bundle's canonical form without `integrity` — the very
//! bytes whose SHA-256 is the digest (`integrity.digest`). ECDSA with SHA-256 hashes its message
//! first, so the signature is, equivalently, an ECDSA signature of the digest's 32 bytes; this
//! module verifies it that way (no second canonicalisation). The signature sits inside `integrity`
//! (`integrity.signature`), which the digest does not cover, so a signed file has the same digest as
//! the unsigned one and readers that do not know signatures read it unchanged.
//!
//! Keys travel as the 65-byte uncompressed SEC1 point (`0x04 ‖ X ‖ Y`, what WebCrypto's
//! `exportKey("raw")` gives), signatures as the 64 bytes `r ‖ s` (WebCrypto's output), both in
//! standard base64 with padding. A key is known by its **fingerprint**: SHA-256 of the 65 raw bytes,
//! 64 lowercase hex digits; people read the first 16 of them, upper case, in groups of four
//! ([`KeyFingerprint::short`]).
//!
//! The rule of which key may speak for which unit is in [`crate::trust`].

use std::collections::BTreeSet;

use base64ct::{Base64, Encoding};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Problem, ProblemKind};
use crate::ids::UnitId;

/// The value of `integrity.signature.algorithm`.
pub const SIGNATURE_ALGORITHM: &str = "ecdsa-p256-sha256";

/// Length of a raw (uncompressed SEC1) P-256 public key.
pub const PUBLIC_KEY_BYTES: usize = 65;

/// Length of a raw (`r ‖ s`) P-256 signature.
pub const SIGNATURE_BYTES: usize = 64;

/// Why key or signature bytes are not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Not standard base64 with padding.
    #[error("{field} is not base64")]
    NotBase64 {
        /// Which member (`public_key`, `value`).
        field: &'static str,
    },
    /// The wrong number of bytes.
    #[error("{field} has {found} bytes instead of {expected}")]
    WrongLength {
        /// Which member.
        field: &'static str,
        /// The length found.
        found: usize,
        /// The length required.
        expected: usize,
    },
    /// The public key is not a point of the P-256 curve in uncompressed form.
    #[error("the public key is not an uncompressed P-256 point")]
    NotAPoint,
    /// The signature bytes are not a valid `(r, s)` pair.
    #[error("the signature is not a valid (r, s) pair")]
    NotASignature,
    /// The signature does not verify against the digest and the key.
    #[error("the signature does not match the content")]
    Mismatch,
    /// A digest to sign or verify is not 64 lowercase hex digits.
    #[error("the digest is not 64 lowercase hex digits")]
    BadDigest,
    /// A secret key that is not a valid P-256 scalar.
    #[error("the secret key is not a valid P-256 scalar")]
    BadSecret,
}

impl SignatureError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            SignatureError::NotBase64 { field } => {
                format!("Trường “{field}” của chữ ký số không phải dạng base64.")
            }
            SignatureError::WrongLength {
                field,
                found,
                expected,
            } => {
                format!("Trường “{field}” của chữ ký số dài {found} byte thay vì {expected} byte.")
            }
            SignatureError::NotAPoint => {
                "Khóa công khai không phải là một điểm P-256 hợp lệ (dạng không nén).".to_string()
            }
            SignatureError::NotASignature => "Giá trị chữ ký số không hợp lệ.".to_string(),
            SignatureError::Mismatch => "Chữ ký số không khớp với nội dung.".to_string(),
            SignatureError::BadDigest => {
                "Mã kiểm tra cần ký không gồm 64 ký tự hệ mười sáu viết thường.".to_string()
            }
            SignatureError::BadSecret => "Khóa bí mật không hợp lệ.".to_string(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            SignatureError::NotBase64 { field } => {
                format!("The signature's “{field}” is not base64.")
            }
            SignatureError::WrongLength {
                field,
                found,
                expected,
            } => format!("The signature's “{field}” has {found} bytes instead of {expected}."),
            SignatureError::NotAPoint => {
                "The public key is not a valid uncompressed P-256 point.".to_string()
            }
            SignatureError::NotASignature => "The signature value is invalid.".to_string(),
            SignatureError::Mismatch => "The signature does not match the content.".to_string(),
            SignatureError::BadDigest => {
                "The digest to sign is not 64 lowercase hex digits.".to_string()
            }
            SignatureError::BadSecret => "The secret key is invalid.".to_string(),
        }
    }
}

/// A P-256 public key, kept as its 65 raw bytes (checked to be a point of the curve).
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    raw: Vec<u8>,
    key: VerifyingKey,
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "PublicKey({})", self.fingerprint().short())
    }
}

impl PublicKey {
    /// Reads the uncompressed SEC1 encoding (`0x04 ‖ X ‖ Y`, 65 bytes).
    pub fn from_raw(bytes: &[u8]) -> Result<PublicKey, SignatureError> {
        if bytes.len() != PUBLIC_KEY_BYTES {
            return Err(SignatureError::WrongLength {
                field: "public_key",
                found: bytes.len(),
                expected: PUBLIC_KEY_BYTES,
            });
        }
        if bytes[0] != 0x04 {
            return Err(SignatureError::NotAPoint);
        }
        let key = VerifyingKey::from_sec1_bytes(bytes).map_err(|_| SignatureError::NotAPoint)?;
        Ok(PublicKey {
            raw: bytes.to_vec(),
            key,
        })
    }

    /// Reads the base64 of the uncompressed SEC1 encoding.
    pub fn from_base64(text: &str) -> Result<PublicKey, SignatureError> {
        let bytes = base64_decode(text).ok_or(SignatureError::NotBase64 {
            field: "public_key",
        })?;
        PublicKey::from_raw(&bytes)
    }

    /// The 65 raw bytes.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// The raw bytes in base64 (as written in bundles).
    pub fn to_base64(&self) -> String {
        base64_encode(&self.raw)
    }

    /// SHA-256 of the raw bytes.
    pub fn fingerprint(&self) -> KeyFingerprint {
        KeyFingerprint(super::canonical::sha256_hex(&self.raw))
    }
}

/// A key's fingerprint: SHA-256 of its 65 raw bytes, 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KeyFingerprint(String);

impl KeyFingerprint {
    /// Checks the text: 64 lowercase hex digits.
    pub fn new(text: impl Into<String>) -> Result<KeyFingerprint, SignatureError> {
        let text = text.into();
        if is_hex64(&text) {
            Ok(KeyFingerprint(text))
        } else {
            Err(SignatureError::BadDigest)
        }
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What people read out over the phone: the first 16 hex digits, upper case, in groups of
    /// four, for example `3F9A 0C12 77BE 4D01`.
    pub fn short(&self) -> String {
        let mut grouped = self.grouped();
        grouped.truncate(4 * 4 + 3);
        grouped
    }

    /// All 64 hex digits as people copy them down: upper case, in sixteen groups of four (the
    /// first four are [`KeyFingerprint::short`]).
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|group| String::from_utf8_lossy(group).to_uppercase())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl TryFrom<String> for KeyFingerprint {
    type Error = SignatureError;

    fn try_from(text: String) -> Result<KeyFingerprint, SignatureError> {
        KeyFingerprint::new(text)
    }
}

impl From<KeyFingerprint> for String {
    fn from(fingerprint: KeyFingerprint) -> String {
        fingerprint.0
    }
}

impl std::fmt::Display for KeyFingerprint {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// A bundle's signature: the key and the 64 bytes `r ‖ s`. Only made by [`BundleSignature::verified`],
/// [`SecretKey::sign_digest`] and the reader (which verifies it, or takes the verdict of the
/// browser's WebCrypto over the same bytes), so a value of this type always verified against its
/// digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSignature {
    public_key: PublicKey,
    value: Vec<u8>,
}

impl BundleSignature {
    /// Checks raw signature bytes of `digest` (64 lowercase hex digits) under `public_key`.
    pub fn verified(
        public_key: PublicKey,
        value: &[u8],
        digest: &str,
    ) -> Result<BundleSignature, SignatureError> {
        let signature = signature_shape(value)?;
        let prehash = digest_bytes(digest).ok_or(SignatureError::BadDigest)?;
        public_key
            .key
            .verify_prehash(&prehash, &signature)
            .map_err(|_| SignatureError::Mismatch)?;
        Ok(BundleSignature {
            public_key,
            value: value.to_vec(),
        })
    }

    /// The signing key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The signing key's fingerprint.
    pub fn fingerprint(&self) -> KeyFingerprint {
        self.public_key.fingerprint()
    }

    /// The 64 bytes `r ‖ s`.
    pub fn value(&self) -> &[u8] {
        &self.value
    }

    /// The `integrity.signature` member.
    pub fn to_value(&self) -> Value {
        serde_json::json!({
            "algorithm": SIGNATURE_ALGORITHM,
            "public_key": self.public_key.to_base64(),
            "value": base64_encode(&self.value),
        })
    }
}

/// A P-256 secret key in memory, for tests, generated fixtures and the command line. The app never
/// holds one: its key lives in WebCrypto, not extractable, and signs the same bytes.
#[derive(Clone)]
pub struct SecretKey {
    key: SigningKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "SecretKey({})",
            self.public_key().fingerprint().short()
        )
    }
}

impl SecretKey {
    /// A key from its 32-byte big-endian scalar.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<SecretKey, SignatureError> {
        SigningKey::from_slice(bytes)
            .map(|key| SecretKey { key })
            .map_err(|_| SignatureError::BadSecret)
    }

    /// A deterministic key derived from a name (SHA-256 of the name, used as the scalar): for
    /// tests and generated example files only, never for real units (only with the `test-support`
    /// feature, which the app never enables).
    #[cfg(any(test, feature = "test-support"))]
    pub fn for_tests(name: &str) -> SecretKey {
        let mut counter = 0u32;
        loop {
            let seed = format!("pkm test key {name} {counter}");
            let hex = super::canonical::sha256_hex(seed.as_bytes());
            if let Some(bytes) = digest_bytes(&hex)
                && let Ok(key) = SecretKey::from_bytes(&bytes)
            {
                return key;
            }
            counter += 1;
        }
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        let point = self.key.verifying_key().to_sec1_point(false);
        PublicKey {
            raw: point.as_bytes().to_vec(),
            key: *self.key.verifying_key(),
        }
    }

    /// Signs a digest (64 lowercase hex digits) with RFC 6979 nonces (deterministic).
    pub fn sign_digest(&self, digest: &str) -> Result<BundleSignature, SignatureError> {
        let prehash = digest_bytes(digest).ok_or(SignatureError::BadDigest)?;
        let signature: Signature = self
            .key
            .sign_prehash(&prehash)
            .map_err(|_| SignatureError::BadDigest)?;
        Ok(BundleSignature {
            public_key: self.public_key(),
            value: signature.to_bytes().to_vec(),
        })
    }
}

/// How a bundle's signature stands against a store's pinned keys (see [`crate::trust`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// No signature: accepted only because a person accepted this unit's unsigned file for this
    /// import (an explicit exception, named in the report).
    Unsigned,
    /// Signed by a key pinned for the exporting unit.
    Pinned {
        /// The key.
        fingerprint: KeyFingerprint,
    },
    /// Signed by one of the keys the importing device trusts as its own.
    Own {
        /// The key.
        fingerprint: KeyFingerprint,
    },
    /// Signed by a key a person confirmed for the exporting unit in this import (after checking
    /// its short fingerprint by phone): importing the file pins it.
    FirstSeen {
        /// The key now pinned.
        fingerprint: KeyFingerprint,
    },
}

impl SignatureStatus {
    /// The key, when signed.
    pub fn fingerprint(&self) -> Option<&KeyFingerprint> {
        match self {
            SignatureStatus::Unsigned => None,
            SignatureStatus::Pinned { fingerprint }
            | SignatureStatus::Own { fingerprint }
            | SignatureStatus::FirstSeen { fingerprint } => Some(fingerprint),
        }
    }

    /// One sentence for people, in Vietnamese, about the exporting unit `unit`.
    pub fn message_vi(&self, unit: &UnitId) -> String {
        match self {
            SignatureStatus::Unsigned => format!(
                "Tệp không có chữ ký số; đã nhận một lần theo quyết định của người nhập cho đơn vị “{unit}”."
            ),
            SignatureStatus::Pinned { fingerprint } => format!(
                "Chữ ký số hợp lệ, đúng khóa đã ghi nhận của đơn vị “{unit}” ({}).",
                fingerprint.short()
            ),
            SignatureStatus::Own { fingerprint } => format!(
                "Chữ ký số hợp lệ, do chính máy này ký ({}).",
                fingerprint.short()
            ),
            SignatureStatus::FirstSeen { fingerprint } => format!(
                "Chữ ký số hợp lệ, bằng khóa mới {} đã được xác nhận cho đơn vị “{unit}”; khóa được ghi nhận khi nhập tệp.",
                fingerprint.short()
            ),
        }
    }

    /// The same in English.
    pub fn message_en(&self, unit: &UnitId) -> String {
        match self {
            SignatureStatus::Unsigned => format!(
                "The file is not signed; accepted once, by the importing person's decision, for unit “{unit}”."
            ),
            SignatureStatus::Pinned { fingerprint } => format!(
                "Valid signature by the key pinned for unit “{unit}” ({}).",
                fingerprint.short()
            ),
            SignatureStatus::Own { fingerprint } => format!(
                "Valid signature by this device's own key ({}).",
                fingerprint.short()
            ),
            SignatureStatus::FirstSeen { fingerprint } => format!(
                "Valid signature by new key {}, confirmed for unit “{unit}”; the key is pinned on import.",
                fingerprint.short()
            ),
        }
    }
}

/// A bundle's signature whose shape is checked (algorithm, key, and 64 bytes that are a
/// signature's `r ‖ s`) but not yet whether it verifies: the reader verifies it here
/// ([`UncheckedSignature::verify`]), or takes the verdict of the browser's WebCrypto
/// ([`UncheckedSignature::judged`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UncheckedSignature {
    public_key: PublicKey,
    value: Vec<u8>,
}

/// Where a signature's value is in a bundle.
const SIGNATURE_VALUE_PATH: &str = "$.integrity.signature.value";

impl UncheckedSignature {
    /// The signing key.
    pub(crate) fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The 64 bytes `r ‖ s`.
    pub(crate) fn value(&self) -> &[u8] {
        &self.value
    }

    /// Verifies it against `digest` here: the signature, or the problem.
    pub(crate) fn verify(self, digest: &str) -> Result<BundleSignature, Problem> {
        match BundleSignature::verified(self.public_key, &self.value, digest) {
            Ok(signature) => Ok(signature),
            Err(SignatureError::Mismatch) => Err(Problem::new(
                ProblemKind::BadSignature,
                SIGNATURE_VALUE_PATH,
            )),
            Err(error) => Err(Problem::new(
                ProblemKind::MalformedSignature {
                    detail: error.to_string(),
                },
                SIGNATURE_VALUE_PATH,
            )),
        }
    }

    /// Takes the verdict of an ECDSA P-256 SHA-256 verification of the bundle's digested text
    /// made elsewhere (the browser's WebCrypto), as [`Self::verify`] would give it.
    pub(crate) fn judged(self, verified: bool) -> Result<BundleSignature, Problem> {
        if verified {
            Ok(BundleSignature {
                public_key: self.public_key,
                value: self.value,
            })
        } else {
            Err(Problem::new(
                ProblemKind::BadSignature,
                SIGNATURE_VALUE_PATH,
            ))
        }
    }
}

/// Reads the `integrity.signature` member: its algorithm, key and value, checked in shape.
pub(crate) fn read_signature(value: &Value) -> Result<UncheckedSignature, Problem> {
    let base = "$.integrity.signature";
    let malformed = |detail: String, path: String| {
        Problem::new(ProblemKind::MalformedSignature { detail }, path)
    };
    let Some(members) = value.as_object() else {
        return Err(malformed(
            "signature must be an object".to_string(),
            base.to_string(),
        ));
    };
    let text = |members: &Map<String, Value>, name: &str| -> Result<String, Problem> {
        match members.get(name) {
            Some(Value::String(text)) => Ok(text.clone()),
            Some(_) => Err(malformed(
                format!("{name} must be a string"),
                format!("{base}.{name}"),
            )),
            None => Err(Problem::new(
                ProblemKind::MissingField {
                    field: name.to_string(),
                },
                base,
            )),
        }
    };
    let algorithm = text(members, "algorithm")?;
    if algorithm != SIGNATURE_ALGORITHM {
        return Err(Problem::new(
            ProblemKind::UnknownSignatureAlgorithm { found: algorithm },
            format!("{base}.algorithm"),
        ));
    }
    let key_text = text(members, "public_key")?;
    let public_key = PublicKey::from_base64(&key_text)
        .map_err(|error| malformed(error.to_string(), format!("{base}.public_key")))?;
    let value_text = text(members, "value")?;
    let bytes = base64_decode(&value_text).ok_or_else(|| {
        malformed(
            SignatureError::NotBase64 { field: "value" }.to_string(),
            SIGNATURE_VALUE_PATH.to_string(),
        )
    })?;
    signature_shape(&bytes)
        .map_err(|error| malformed(error.to_string(), SIGNATURE_VALUE_PATH.to_string()))?;
    Ok(UncheckedSignature {
        public_key,
        value: bytes,
    })
}

/// Checks that raw bytes are a signature's `r ‖ s`: 64 bytes, each half a scalar of the curve
/// other than zero.
fn signature_shape(value: &[u8]) -> Result<Signature, SignatureError> {
    if value.len() != SIGNATURE_BYTES {
        return Err(SignatureError::WrongLength {
            field: "value",
            found: value.len(),
            expected: SIGNATURE_BYTES,
        });
    }
    Signature::from_slice(value).map_err(|_| SignatureError::NotASignature)
}

/// The fingerprints of a set, as a list for messages.
pub(crate) fn short_list(keys: &[KeyFingerprint]) -> String {
    keys.iter()
        .map(KeyFingerprint::short)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pins as a grow-only set per unit: the union of both sides.
pub(crate) fn union_into(
    target: &mut BTreeSet<KeyFingerprint>,
    incoming: &BTreeSet<KeyFingerprint>,
) -> usize {
    let before = target.len();
    target.extend(incoming.iter().cloned());
    target.len() - before
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

fn digest_bytes(digest: &str) -> Option<[u8; 32]> {
    if !is_hex64(digest) {
        return None;
    }
    let mut bytes = [0u8; 32];
    base16ct::lower::decode(digest, &mut bytes).ok()?;
    Some(bytes)
}

/// Standard base64 (RFC 4648 section 4) with padding (`base64ct`, constant time).
pub fn base64_encode(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes standard base64 with padding, strictly: no whitespace, no missing or extra padding,
/// no stray bits in the last character (so each byte string has exactly one text); `base64ct`
/// refuses all of these.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    Base64::decode_vec(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_is_strict() {
        for length in 0..70 {
            let bytes: Vec<u8> = (0..length).map(|n| (n * 37 + 11) as u8).collect();
            let text = base64_encode(&bytes);
            assert_eq!(base64_decode(&text).as_deref(), Some(bytes.as_slice()));
        }
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"M"), "TQ==");
        for bad in [
            "TWE", "TW=E", "T===", "TWF=", "TQ==TQ==", "TW E", "TWE-", "TR==",
        ] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn fingerprints_are_sha256_of_the_raw_key_and_read_in_groups() {
        let key = SecretKey::for_tests("a").public_key();
        assert_eq!(key.raw().len(), 65);
        assert_eq!(key.raw()[0], 4);
        let fingerprint = key.fingerprint();
        assert_eq!(
            fingerprint.as_str(),
            super::super::canonical::sha256_hex(key.raw())
        );
        let short = fingerprint.short();
        assert_eq!(short.len(), 19);
        assert_eq!(
            short.replace(' ', ""),
            fingerprint.as_str()[..16].to_uppercase()
        );
        assert_eq!(
            PublicKey::from_base64(&key.to_base64())
                .unwrap()
                .fingerprint(),
            fingerprint
        );
        assert!(KeyFingerprint::new("ABCD").is_err());
    }

    #[test]
    fn a_signature_verifies_only_for_its_digest_and_key() {
        let key = SecretKey::for_tests("phuong");
        let digest = super::super::canonical::sha256_hex(b"noi dung");
        let signed = key.sign_digest(&digest).unwrap();
        assert_eq!(signed.value().len(), 64);
        assert!(BundleSignature::verified(key.public_key(), signed.value(), &digest).is_ok());
        let other_digest = super::super::canonical::sha256_hex(b"noi dung khac");
        assert_eq!(
            BundleSignature::verified(key.public_key(), signed.value(), &other_digest),
            Err(SignatureError::Mismatch)
        );
        let other_key = SecretKey::for_tests("khac").public_key();
        assert_eq!(
            BundleSignature::verified(other_key, signed.value(), &digest),
            Err(SignatureError::Mismatch)
        );
        assert!(matches!(
            BundleSignature::verified(key.public_key(), &signed.value()[..63], &digest),
            Err(SignatureError::WrongLength { .. })
        ));
        assert_eq!(
            BundleSignature::verified(key.public_key(), &[0u8; 64], &digest),
            Err(SignatureError::NotASignature)
        );
    }

    #[test]
    fn keys_that_are_not_uncompressed_points_are_refused() {
        let raw = SecretKey::for_tests("a").public_key().raw().to_vec();
        let mut off_curve = raw.clone();
        off_curve[64] ^= 1;
        assert_eq!(
            PublicKey::from_raw(&off_curve),
            Err(SignatureError::NotAPoint)
        );
        let mut compressed_prefix = raw.clone();
        compressed_prefix[0] = 2;
        assert_eq!(
            PublicKey::from_raw(&compressed_prefix),
            Err(SignatureError::NotAPoint)
        );
        assert!(matches!(
            PublicKey::from_raw(&raw[..33]),
            Err(SignatureError::WrongLength { .. })
        ));
        assert_eq!(
            PublicKey::from_base64("khong phai base64"),
            Err(SignatureError::NotBase64 {
                field: "public_key"
            })
        );
    }

    #[test]
    fn rfc6979_vector_of_p256_with_sha256() {
        // RFC 6979, appendix A.2.5, message "sample".
        let mut secret = [0u8; 32];
        let hex = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
        secret.copy_from_slice(&digest_bytes(hex).unwrap());
        let key = SecretKey::from_bytes(&secret).unwrap();
        let digest = super::super::canonical::sha256_hex(b"sample");
        let signed = key.sign_digest(&digest).unwrap();
        let expected = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716\
                        f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
        let hex_value: String = signed
            .value()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        assert_eq!(hex_value, expected);
    }
}
