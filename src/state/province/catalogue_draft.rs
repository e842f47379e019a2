//! The catalogue being typed in at the province (issue 29): one record in the `meta` store, saved
//! after every keystroke through an [`Autosave`] like the ward's edits (the indicator says "Đã
//! lưu" only after the commit) and read back on the next visit; its spreadsheet import (checked
//! whole by the core before anything changes) and template; and its publication, which adds an
//! immutable official catalogue through the session (checked, written with an audit entry) and
//! then forgets the draft. The rules live in `pkm_core::catalogue_draft` and `catalogue_sheet`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::catalogue_draft::{self, CatalogueDraft, DraftEdit, DraftProblem};
use pkm_core::catalogue_sheet::{self, Grid, SheetFormat, SheetProblem};
use pkm_core::export::xlsx::XlsxError;
use pkm_core::{Catalogue, CatalogueId};

use super::edits;
use super::outputs::{CSV_MIME, OutputFile, XLSX_MIME};
use crate::i18n::Text;
use crate::i18n::catalogue_editor::EditorMsg;
use crate::split::{SplitLoaderError, enter};
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::{Autosave, SaveStatus, Session, SessionError};
use crate::storage::{Db, StorageError, StoreName, WriteBatch};

/// The `meta` key of the draft record.
pub const CATALOGUE_DRAFT_KEY: &str = "province_catalogue_draft";

/// Reads the draft saved on this device, if any.
pub async fn load(db: &Db) -> Result<Option<CatalogueDraft>, StorageError> {
    db.get::<CatalogueDraft>(StoreName::Meta, CATALOGUE_DRAFT_KEY)
        .await
}

/// Writes the draft (`None`: forgets it); returns after the commit.
pub async fn store(db: &Db, draft: Option<&CatalogueDraft>) -> Result<(), StorageError> {
    match draft {
        Some(draft) => db.put(StoreName::Meta, CATALOGUE_DRAFT_KEY, draft).await,
        None => {
            let mut batch = WriteBatch::new();
            batch.delete(StoreName::Meta, CATALOGUE_DRAFT_KEY);
            db.write(batch).await
        }
    }
}

/// The draft on screen, its autosave, and a counter of its shape (groups and criteria added,
/// removed or moved), so the screen rebuilds its rows only when the shape changes and a
/// keystroke never takes the focus away.
#[derive(Clone, Copy)]
pub struct DraftEditor {
    /// The draft (`None`: nothing being typed).
    pub draft: RwSignal<Option<CatalogueDraft>>,
    /// Bumped when the draft's shape changes.
    pub shape: RwSignal<u32>,
    /// Whether the saved draft is still being read.
    pub loading: RwSignal<bool>,
    autosave: StoredValue<Autosave<Option<CatalogueDraft>>, LocalStorage>,
}

impl DraftEditor {
    /// An editor that saves through `session`'s database and starts by reading the saved draft.
    pub fn new(session: &Session) -> DraftEditor {
        let db = session.db().clone();
        let autosave = Autosave::new(DEFAULT_DELAY_MS, move |draft: Option<CatalogueDraft>| {
            let db = db.clone();
            async move { store(&db, draft.as_ref()).await }
        });
        let editor = DraftEditor {
            draft: RwSignal::new(None),
            shape: RwSignal::new(0),
            loading: RwSignal::new(true),
            autosave: StoredValue::new_local(autosave),
        };
        let db = session.db().clone();
        spawn_local(async move {
            // A read that fails leaves the editor empty; the next save says what is wrong.
            if let Ok(Some(saved)) = load(&db).await
                && editor.draft.get_untracked().is_none()
            {
                editor.draft.set(Some(saved));
                editor.shape.update(|shape| *shape += 1);
            }
            editor.loading.set(false);
        });
        editor
    }

    /// The save status, for the indicator.
    pub fn status(&self) -> RwSignal<SaveStatus> {
        self.autosave.with_value(Autosave::status)
    }

    /// Writes the pending change now (on blur, before publishing).
    pub fn flush(&self) {
        self.autosave.with_value(Autosave::flush);
    }

    fn save(&self) {
        let value = self.draft.get_untracked();
        self.autosave
            .with_value(|autosave| autosave.schedule(value));
    }

    /// Starts typing `draft` (a copy of a catalogue, or an empty one), saved at once.
    pub fn start(&self, draft: CatalogueDraft) {
        self.draft.set(Some(draft));
        self.shape.update(|shape| *shape += 1);
        self.save();
        self.flush();
    }

    /// Applies one edit and schedules its save.
    pub fn edit(&self, edit: DraftEdit) {
        let reshapes = !matches!(edit, DraftEdit::SetText(..) | DraftEdit::SetKind(..));
        let mut changed = false;
        self.draft.update(|draft| {
            if let Some(draft) = draft {
                changed = draft.apply(edit);
            }
        });
        if changed {
            if reshapes {
                self.shape.update(|shape| *shape += 1);
            }
            self.save();
        }
    }

    /// Replaces the groups and criteria with a spreadsheet's, when every row passed; otherwise
    /// the problems, and the draft is left as it was. An `.xlsx` file is read by the module of
    /// the `sheets` split point, fetched the first time one is picked.
    pub async fn import_sheet(&self, file_name: &str, bytes: Vec<u8>) -> Result<usize, SheetError> {
        let grid = match catalogue_sheet::sheet_format(file_name, &bytes)? {
            SheetFormat::Xlsx => enter!(read_xlsx(bytes)).map_err(|_| SheetError::NotLoaded)??,
            SheetFormat::Csv => catalogue_sheet::grid_from_csv(&bytes)?,
        };
        let base = self
            .draft
            .get_untracked()
            .unwrap_or_else(CatalogueDraft::empty);
        let imported = catalogue_sheet::draft_from_grid(&grid, &base)?;
        let count = imported.criteria_count();
        self.start(imported);
        Ok(count)
    }

    /// Forgets the draft (after publishing, or when the person drops it).
    pub fn discard(&self) {
        self.draft.set(None);
        self.shape.update(|shape| *shape += 1);
        self.save();
        self.flush();
    }
}

/// The `.xlsx` reader's split point (the only caller of calamine in the app).
#[cfg_attr(
    pkm_split,
    leptos::wasm_split::wasm_split(sheets, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn read_xlsx(bytes: Vec<u8>) -> Result<Result<Grid, Vec<SheetProblem>>, SplitLoaderError> {
    Ok(catalogue_sheet::grid_from_xlsx(&bytes))
}

/// Why a spreadsheet was not imported.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetError {
    /// What is wrong with the sheet, each problem at its row and column.
    Problems(Vec<SheetProblem>),
    /// The module that reads `.xlsx` files could not be fetched.
    NotLoaded,
}

impl From<Vec<SheetProblem>> for SheetError {
    fn from(problems: Vec<SheetProblem>) -> SheetError {
        SheetError::Problems(problems)
    }
}

impl SheetError {
    /// Each line to show, in Vietnamese and in English.
    pub fn lines(&self) -> Vec<(String, String)> {
        match self {
            SheetError::Problems(problems) => problems
                .iter()
                .map(|problem| (problem.message_vi(), problem.message_en()))
                .collect(),
            SheetError::NotLoaded => vec![(
                EditorMsg::XlsxNotLoaded
                    .text(crate::i18n::Lang::Vi)
                    .to_owned(),
                EditorMsg::XlsxNotLoaded
                    .text(crate::i18n::Lang::En)
                    .to_owned(),
            )],
        }
    }
}

/// Why a draft was not published.
#[derive(Clone, Debug, PartialEq)]
pub enum PublishError {
    /// The draft or its document has problems (each named).
    Problems(Vec<DraftProblem>),
    /// The catalogue could not be stored.
    Session(SessionError),
}

/// Publishes `draft` as an official catalogue under a new id (made from its document), adds it
/// to the store, and returns it; the draft itself is left for the caller to discard.
pub async fn publish(session: &Session, draft: &CatalogueDraft) -> Result<Catalogue, PublishError> {
    let known = session.read_untracked(|store| store.catalogues().clone());
    let id: CatalogueId = catalogue_draft::suggest_id(draft, &known);
    let catalogue = catalogue_draft::publish(draft, &id, &known).map_err(PublishError::Problems)?;
    edits::add_catalogue(session, catalogue.clone())
        .await
        .map_err(PublishError::Session)?;
    Ok(catalogue)
}

/// The template with `catalogue` in it, as `.xlsx` (`xlsx`) or as `.csv`.
pub fn template_file(catalogue: &Catalogue, xlsx: bool) -> Result<OutputFile, XlsxError> {
    let base = format!("mau-bo-tieu-chi-{}", catalogue.id.as_str());
    Ok(if xlsx {
        OutputFile {
            name: format!("{base}.xlsx"),
            mime: XLSX_MIME,
            body: catalogue_sheet::template_xlsx(catalogue)?.into(),
        }
    } else {
        OutputFile {
            name: format!("{base}.csv"),
            mime: CSV_MIME,
            body: catalogue_sheet::template_csv(catalogue).into_bytes().into(),
        }
    })
}
