//! The files the provincial office produces: the merged bundle for the Ministry (a province
//! bundle this same app imports again), the config bundle for the wards, the Excel workbook and
//! the CSV table of the year's figures. Each is built by the core (bundles signed with this
//! device's key, as every export is) and offered as a download with an ASCII file name carrying
//! the province, the year and the local date and time.

use pkm_core::ascii_text::export_file_name;
use pkm_core::export::{self, Language};
use pkm_core::{BundleId, DeviceId, ExportedAt, HeaderInput, ProvinceFigures, Selection, UnitId};

use crate::i18n::Lang;
use crate::i18n::province;
use crate::platform::{clock, files};
use pkm_core::attachment::AttachmentCensus;

use crate::state::session::SessionError;
use crate::state::{Session, attachments};

/// The MIME type of bundles.
pub const JSON_MIME: &str = "application/json";
/// The MIME type of containers (`.pkmz`: a bundle with its evidence files).
pub const CONTAINER_MIME: &str = "application/zip";
/// The MIME type of `.xlsx` workbooks.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The MIME type of CSV files.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// A file ready to download.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputFile {
    /// Its ASCII name.
    pub name: String,
    /// Its MIME type.
    pub mime: &'static str,
    /// Its bytes (a container is a `Blob`, written a file at a time).
    pub body: files::Body,
}

/// Why a file could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputError {
    /// In Vietnamese.
    pub message_vi: String,
    /// In English.
    pub message_en: String,
}

impl OutputError {
    fn new(message_vi: String, message_en: String) -> OutputError {
        OutputError {
            message_vi,
            message_en,
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.message_vi,
            Lang::En => &self.message_en,
        }
    }
}

fn language(lang: Lang) -> Language {
    match lang {
        Lang::Vi => Language::Vi,
        Lang::En => Language::En,
    }
}

/// Which bundle to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BundleOutput {
    /// The whole province, merged, for the Ministry (and for re-import here).
    Ministry,
    /// The configuration for the province's wards (catalogues, units, quotas, catalogue choices).
    Config,
}

/// Writes a bundle of `province`, signed with this device's key (as every export is).
pub async fn bundle(
    session: &Session,
    province: &UnitId,
    year: Option<u16>,
    which: BundleOutput,
) -> Result<OutputFile, OutputError> {
    bundle_with(session, province, year, which, false).await
}

/// As [`bundle`], with the changes whose write failed joined in: what is on screen when the
/// disk is full.
pub async fn bundle_from_memory(
    session: &Session,
    province: &UnitId,
    year: Option<u16>,
    which: BundleOutput,
) -> Result<OutputFile, OutputError> {
    bundle_with(session, province, year, which, true).await
}

async fn bundle_with(
    session: &Session,
    province: &UnitId,
    year: Option<u16>,
    which: BundleOutput,
    with_unsaved: bool,
) -> Result<OutputFile, OutputError> {
    let (selection, what, year) = match which {
        BundleOutput::Ministry => (Selection::Province(province.clone()), "tong-hop", year),
        BundleOutput::Config => (Selection::Config(province.clone()), "cau-hinh", None),
    };
    signed_file(session, province, &selection, what, year, with_unsaved).await
}

/// The province's feedback after the review of `year` (issue 24): for one ward or all of them,
/// the verdicts per criterion and the conclusions, never a ward's own value; signed.
pub async fn feedback(
    session: &Session,
    province: &UnitId,
    ward: Option<&UnitId>,
    year: u16,
) -> Result<OutputFile, OutputError> {
    let selection = Selection::Feedback {
        province: province.clone(),
        ward: ward.cloned(),
        year,
    };
    let unit = ward.unwrap_or(province);
    signed_file(session, unit, &selection, "y-kien", Some(year), false).await
}

/// Writes the bundle `selection` covers, signed with this device's key, as a file named after
/// `what`, `named` (a unit) and `year`.
async fn signed_file(
    session: &Session,
    named: &UnitId,
    selection: &Selection,
    what: &str,
    year: Option<u16>,
    with_unsaved: bool,
) -> Result<OutputFile, OutputError> {
    let stamp = clock::local_stamp();
    let at = session.now();
    let device = DeviceId::new(&session.device().device_id)
        .map_err(|error| OutputError::new(error.message_vi(), error.message_en()))?;
    let province = match selection {
        Selection::Province(province)
        | Selection::Config(province)
        | Selection::Feedback { province, .. } => province.clone(),
        Selection::All | Selection::Ward(_) => named.clone(),
    };
    let bundle_id = BundleId::new(format!(
        "{what}-{named}-{}-{}-{}",
        at.wall_ms, at.logical, device
    ))
    .map_err(|error| OutputError::new(error.message_vi(), error.message_en()))?;
    let header = HeaderInput {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        bundle_id,
        exported_at: ExportedAt {
            hlc: at,
            text: stamp.iso.clone(),
        },
        device_id: device,
        unit_id: province,
    };
    let failed =
        |error: SessionError| OutputError::new(error.message(Lang::Vi), error.message(Lang::En));
    let bundle = session
        .signed_bundle(selection, &header, with_unsaved)
        .await
        .map_err(failed)?;
    let text = bundle
        .to_json()
        .map_err(|error| failed(SessionError::from(error)))?;
    let name = export_file_name(what, named.as_str(), year, &stamp.file_part, "json");
    // The evidence files the bundle refers to travel with it, in a container (.pkmz).
    let census = AttachmentCensus::of(&bundle.content);
    drop(bundle);
    let container = attachments::container_of(session.db(), &census, text.clone())
        .await
        .map_err(|error| OutputError::new(error.message(Lang::Vi), error.message(Lang::En)))?;
    Ok(match container {
        Some(blob) => OutputFile {
            name: attachments::container_name(&name),
            mime: CONTAINER_MIME,
            body: files::Body::Blob(blob),
        },
        None => OutputFile {
            name,
            mime: JSON_MIME,
            body: text.into_bytes().into(),
        },
    })
}

/// The year's workbook (summary, matrix, requests, action items, wards without a bundle,
/// criteria), with texts in `lang`.
pub fn workbook(
    session: &Session,
    figures: &ProvinceFigures,
    lang: Lang,
) -> Result<OutputFile, OutputError> {
    let bytes = session
        .read_untracked(|store| export::province_workbook(figures, store, language(lang)))
        .map_err(|error| OutputError::new(error.message_vi(), error.message_en()))?;
    Ok(OutputFile {
        name: export_file_name(
            "bao-cao",
            figures.province.as_str(),
            Some(figures.year),
            &clock::local_stamp().file_part,
            "xlsx",
        ),
        mime: XLSX_MIME,
        body: bytes.into(),
    })
}

/// The ward × criterion table as CSV (UTF-8 with a byte order mark, so Excel shows Vietnamese).
pub fn matrix_csv(session: &Session, figures: &ProvinceFigures, lang: Lang) -> OutputFile {
    let text =
        session.read_untracked(|store| export::csv::matrix_csv(figures, store, language(lang)));
    OutputFile {
        name: export_file_name(
            "ma-tran",
            figures.province.as_str(),
            Some(figures.year),
            &clock::local_stamp().file_part,
            "csv",
        ),
        mime: CSV_MIME,
        body: text.into_bytes().into(),
    }
}

/// Offers `file` as a download.
pub fn download(file: &OutputFile) -> Result<(), OutputError> {
    files::download_body(&file.name, file.mime, &file.body).map_err(|detail| {
        OutputError::new(
            province::download_refused(&detail, Lang::Vi),
            province::download_refused(&detail, Lang::En),
        )
    })
}
