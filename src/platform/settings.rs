//! Settings that must be known before the database opens (the interface language), kept in
//! `localStorage` so the first paint is already in the right language.

use gloo::storage::{LocalStorage, Storage};

use crate::i18n::Lang;

const LANG_KEY: &str = "pkm.lang";

/// The remembered language, Vietnamese when none was chosen (or storage is unavailable).
pub fn load_lang() -> Lang {
    LocalStorage::raw()
        .get_item(LANG_KEY)
        .ok()
        .flatten()
        .map_or(Lang::Vi, |tag| Lang::from_tag(&tag))
}

/// Remembers the language; a failure (storage disabled) only means it is not remembered.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::raw().set_item(LANG_KEY, lang.tag());
}

/// Sets `<html lang>` so screen readers and hyphenation follow the interface language.
pub fn apply_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
