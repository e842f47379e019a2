//! Where the shipped WebAssembly is cut into modules, as far as every layer needs to know: how a
//! split point's entry is called, and the error of a module that could not be fetched.
//!
//! Trunk's builds (`scripts/build-wasm.sh`, release and debug) set `--cfg pkm_split`. An entry
//! is then marked with `wasm_split`: the compiler leaves a call through an import in its place,
//! and `wasm-split-cli` moves what only that entry reaches into a module of its own, fetched and
//! linked by the import the first time it is called. Other builds (`cargo test` for wasm32, the
//! native build) call the entries directly, so behaviour does not depend on the cut.
//!
//! The split points: the session (`state::app_state`, reading and joining the store), the ward's
//! first screen (`ward_start`: its frame and first run, `ui::pages::ward`), the ward's screens
//! and the province's screens (`ui::lazy` and the two workspaces), the Word writer
//! (`state::documents`, docx-rs) and the catalogue editor's `.xlsx` reader
//! (`state::province::catalogue_draft`, zip and quick-xml). Each is `fallible`: a
//! module that cannot be fetched gives [`SplitLoaderError`], which the screen says, with a
//! reload; it is never a crash.

pub use leptos::wasm_split::SplitLoaderError;

/// Calls a split point's entry: awaited where the app is cut, directly elsewhere.
macro_rules! enter {
    ($entry:ident($($arg:expr),*)) => {{
        #[cfg(pkm_split)]
        let result = $entry($($arg),*).await;
        #[cfg(not(pkm_split))]
        let result = $entry($($arg),*);
        result
    }};
}
pub(crate) use enter;
