//! The app's IndexedDB as the page sees it: every record of every store, read through a second
//! connection from the page itself, so a test can compare what is on disk before and after.

use serde_json::Value;

use crate::webdriver::{Session, WdResult, WebDriverError};

/// Every store of the app's database as `{store: [[key, value], ...]}` (keys in order; values
/// are the JSON texts the app wrote).
pub fn dump(session: &Session) -> WdResult<Value> {
    let value = session.execute_async(
        r#"const done = arguments[arguments.length - 1];
        const open = indexedDB.open('phuong-kieu-mau');
        open.onerror = () => done({ error: String(open.error) });
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          const tx = db.transaction(names, 'readonly');
          const out = {};
          for (const name of names) {
            const store = tx.objectStore(name);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => { out[name] = keys.result.map((key, i) => [key, values.result[i]]); };
          }
          tx.oncomplete = () => { db.close(); done(out); };
          tx.onerror = () => { db.close(); done({ error: String(tx.error) }); };
        };"#,
        vec![],
    )?;
    if let Some(error) = value.get("error") {
        return Err(WebDriverError(format!("reading IndexedDB: {error}")));
    }
    Ok(value)
}

/// The dump without `store` (for example the import log, which a refused file adds to).
pub fn without(mut dump: Value, store: &str) -> Value {
    if let Some(stores) = dump.as_object_mut() {
        stores.remove(store);
    }
    dump
}

/// How many records `store` holds in `dump`.
pub fn count(dump: &Value, store: &str) -> usize {
    dump[store].as_array().map_or(0, Vec::len)
}
