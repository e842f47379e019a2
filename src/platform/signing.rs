//! This device's signing key: an ECDSA P-256 key pair made with WebCrypto on first run and kept in
//! the `keys` store of IndexedDB. The private key is created **not extractable**: no script,
//! including this app, can read it out; it can only sign. The public key is exported raw (65
//! bytes) once and stored beside it, so the core can verify and fingerprint it.
//!
//! Signing passes the bundle's canonical bytes to `crypto.subtle.sign({name: "ECDSA", hash:
//! "SHA-256"})`, which hashes them (giving the digest) and returns `r ‖ s`: exactly what the core's
//! `Bundle::attach_signature` verifies (see `docs/bundle-format.md`, section 7.1).

use js_sys::{Array, Object, Reflect, Uint8Array};
use pkm_core::{KeyFingerprint, PublicKey};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::i18n::Lang;
use crate::storage::{Db, StorageError};

/// The `keys` record of this device's key pair.
pub const DEVICE_KEY_RECORD: &str = "device";

/// Why the device cannot sign.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    /// WebCrypto is not available (an old browser, or the page is not a secure context).
    #[error("WebCrypto is unavailable: {detail}")]
    Unavailable {
        /// What the browser said.
        detail: String,
    },
    /// The stored key record could not be read or written.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The stored key record is not a key pair (damaged, or written by something else).
    #[error("the stored key is damaged: {detail}")]
    Damaged {
        /// What is wrong.
        detail: String,
    },
    /// WebCrypto refused to make a key or a signature.
    #[error("WebCrypto failed: {detail}")]
    Failed {
        /// What the browser said.
        detail: String,
    },
}

impl SigningError {
    /// The message for people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.message_vi(),
            Lang::En => self.message_en(),
        }
    }

    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            SigningError::Unavailable { detail } => format!(
                "Trình duyệt này không hỗ trợ chữ ký số (WebCrypto), nên không thể ký tệp xuất ({detail}). Hãy dùng bản Chrome, Edge hoặc Firefox mới và mở ứng dụng qua địa chỉ được cấp."
            ),
            SigningError::Storage(error) => format!(
                "Không đọc hoặc lưu được khóa ký số của máy: {}",
                error.message_vi()
            ),
            SigningError::Damaged { detail } => format!(
                "Khóa ký số lưu trên máy bị hỏng ({detail}); không thể ký tệp xuất. Hãy báo cán bộ kỹ thuật."
            ),
            SigningError::Failed { detail } => {
                format!("Trình duyệt không tạo được chữ ký số ({detail}). Hãy thử lại.")
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            SigningError::Unavailable { detail } => format!(
                "This browser does not support digital signatures (WebCrypto), so exported files cannot be signed ({detail}). Use a recent Chrome, Edge or Firefox and open the app at its proper address."
            ),
            SigningError::Storage(error) => format!(
                "The laptop's signing key could not be read or saved: {}",
                error.message_en()
            ),
            SigningError::Damaged { detail } => format!(
                "The signing key stored on this laptop is damaged ({detail}); exported files cannot be signed. Tell the IT staff."
            ),
            SigningError::Failed { detail } => {
                format!("The browser could not make a signature ({detail}). Try again.")
            }
        }
    }
}

/// This device's key pair: the private key as WebCrypto holds it, the public key as the core reads
/// it.
#[derive(Clone, Debug)]
pub struct DeviceKey {
    private: CryptoKey,
    public: PublicKey,
}

impl PartialEq for DeviceKey {
    fn eq(&self, other: &DeviceKey) -> bool {
        self.public == other.public
    }
}

impl DeviceKey {
    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The public key's fingerprint (its short form is what people compare).
    pub fn fingerprint(&self) -> KeyFingerprint {
        self.public.fingerprint()
    }

    /// Whether the private key can be read out of WebCrypto (never, for keys this app makes).
    pub fn private_key_extractable(&self) -> bool {
        self.private.extractable()
    }

    /// Signs `bytes` (ECDSA P-256 with SHA-256) and returns the 64 bytes `r ‖ s`.
    pub async fn sign(&self, bytes: &[u8]) -> Result<Vec<u8>, SigningError> {
        let subtle = subtle()?;
        let algorithm = object(&[("name", "ECDSA"), ("hash", "SHA-256")])?;
        let promise = subtle
            .sign_with_object_and_u8_array(&algorithm, &self.private, bytes)
            .map_err(failed)?;
        let signature = JsFuture::from(promise).await.map_err(failed)?;
        Ok(Uint8Array::new(&signature).to_vec())
    }
}

/// Verifies with WebCrypto (off the page's thread, in the browser's own code) an ECDSA P-256
/// SHA-256 signature `value` (`r ‖ s`) of `signed` under the raw public key `public_key`: the
/// verdict, or why WebCrypto could not give one (then the core verifies it itself).
pub async fn verify(public_key: &[u8], value: &[u8], signed: &[u8]) -> Result<bool, SigningError> {
    let subtle = subtle()?;
    let curve = object(&[("name", "ECDSA"), ("namedCurve", "P-256")])?;
    let raw = Uint8Array::from(public_key);
    let usages = Array::of1(&"verify".into());
    let promise = subtle
        .import_key_with_object("raw", &raw, &curve, false, &usages)
        .map_err(failed)?;
    let key: CryptoKey = JsFuture::from(promise)
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    let algorithm = object(&[("name", "ECDSA"), ("hash", "SHA-256")])?;
    let promise = subtle
        .verify_with_object_and_u8_array_and_u8_array(&algorithm, &key, value, signed)
        .map_err(failed)?;
    let verdict = JsFuture::from(promise).await.map_err(failed)?;
    Ok(verdict.as_bool() == Some(true))
}

/// Returns this device's key pair, making it on first run (in one transaction, so two tabs
/// starting at once keep the same key).
pub async fn ensure_device_key(db: &Db) -> Result<DeviceKey, SigningError> {
    if let Some(record) = db.get_key_object(DEVICE_KEY_RECORD).await? {
        return from_record(&record);
    }
    let fresh = new_record().await?;
    let stored = db
        .put_key_object_if_absent(DEVICE_KEY_RECORD, &fresh)
        .await?;
    from_record(&stored)
}

/// Makes a new key pair and its record: `{privateKey, publicKey, publicRaw}`.
async fn new_record() -> Result<JsValue, SigningError> {
    let subtle = subtle()?;
    let algorithm = object(&[("name", "ECDSA"), ("namedCurve", "P-256")])?;
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let promise = subtle
        .generate_key_with_object(&algorithm, false, &usages)
        .map_err(failed)?;
    let pair = JsFuture::from(promise).await.map_err(failed)?;
    let public: CryptoKey = member(&pair, "publicKey")?;
    let private: CryptoKey = member(&pair, "privateKey")?;
    let raw = JsFuture::from(subtle.export_key("raw", &public).map_err(failed)?)
        .await
        .map_err(failed)?;
    let record = Object::new();
    let set =
        |name: &str, value: &JsValue| Reflect::set(&record, &name.into(), value).map_err(failed);
    set("privateKey", &private)?;
    set("publicKey", &public)?;
    set("publicRaw", &Uint8Array::new(&raw))?;
    Ok(record.into())
}

fn from_record(record: &JsValue) -> Result<DeviceKey, SigningError> {
    let private: CryptoKey = member(record, "privateKey")?;
    let raw: Uint8Array = member(record, "publicRaw")?;
    let public = PublicKey::from_raw(&raw.to_vec()).map_err(|error| SigningError::Damaged {
        detail: error.message_vi(),
    })?;
    Ok(DeviceKey { private, public })
}

fn member<T: JsCast>(record: &JsValue, name: &str) -> Result<T, SigningError> {
    Reflect::get(record, &name.into())
        .ok()
        .and_then(|value| value.dyn_into::<T>().ok())
        .ok_or_else(|| SigningError::Damaged {
            detail: format!("{name} missing"),
        })
}

fn subtle() -> Result<SubtleCrypto, SigningError> {
    let crypto = web_sys::window()
        .ok_or_else(|| SigningError::Unavailable {
            detail: "no window".into(),
        })?
        .crypto()
        .map_err(|error| SigningError::Unavailable {
            detail: describe(&error),
        })?;
    let subtle = crypto.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(SigningError::Unavailable {
            detail: "crypto.subtle".into(),
        });
    }
    Ok(subtle)
}

fn object(members: &[(&str, &str)]) -> Result<Object, SigningError> {
    let object = Object::new();
    for (name, value) in members {
        Reflect::set(&object, &(*name).into(), &(*value).into()).map_err(failed)?;
    }
    Ok(object)
}

fn failed(error: JsValue) -> SigningError {
    SigningError::Failed {
        detail: describe(&error),
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
