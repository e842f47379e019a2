//! Reading an `.xlsx` file's first sheet into a [`Grid`]. The `zip` crate opens the archive and
//! inflates its parts, quick-xml reads their XML; this module only follows the package's
//! relationships to the first sheet and its shared strings, and takes each cell's text.
//!
//! Why not calamine, which the tests use to check this reader: in the browser calamine's module
//! weighed 239 KB gzip (its XML reader brings every text encoding's tables, though an `.xlsx` part
//! is UTF-8), and every laptop's service worker keeps every module for offline use, the wards'
//! too; this reader's module weighs 61 KB gzip (2026-12-07, `scripts/size.sh`). What it leaves
//! out, a catalogue does not use: dates read as their serial number (as calamine gives them to
//! us too), no old `.xls`, no `.xlsb`.
//!
//! Cells are read one by one and the reading stops past [`MAX_SHEET_ROWS`], so a sheet of a
//! million rows is refused without being held; no part is inflated beyond [`MAX_PART_BYTES`]
//! (an archive bomb is refused after that many bytes, whatever its header claims); a formula is
//! read as its cached value, an error value is a problem at its cell, and a cell longer than a
//! catalogue carries is cut (the catalogue's check then names it).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

use super::{Grid, MAX_SHEET_ROWS, SheetProblem, SheetProblemKind};
use crate::bundle::limits::MAX_TEXT_CHARS;

/// The most bytes one part of the archive (the sheet, its shared strings…) inflates to.
pub const MAX_PART_BYTES: usize = 16 * 1024 * 1024;
/// The most columns read (a catalogue's sheet has ten).
const MAX_COLUMNS: usize = 64;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;
type Problems = Vec<SheetProblem>;

fn not_a_sheet(detail: impl ToString) -> Problems {
    vec![SheetProblem::file(SheetProblemKind::NotASheet {
        detail: detail.to_string(),
    })]
}

/// The cells of the first sheet.
pub(super) fn grid(bytes: &[u8]) -> Result<Grid, Problems> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(not_a_sheet)?;
    let workbook = match part(&mut archive, "_rels/.rels")? {
        Some(rels) => relationships(&rels, "")?
            .into_iter()
            .find(|link| link.kind.ends_with("/officeDocument"))
            .map(|link| link.target),
        None => None,
    }
    .unwrap_or_else(|| "xl/workbook.xml".to_owned());
    let workbook_xml =
        part(&mut archive, &workbook)?.ok_or_else(|| not_a_sheet(format!("{workbook} ?")))?;
    let folder = workbook.rsplit_once('/').map_or("", |(folder, _)| folder);
    let links = match part(&mut archive, &rels_of(&workbook))? {
        Some(rels) => relationships(&rels, folder)?,
        None => Vec::new(),
    };
    let Some(sheet_id) = first_sheet(&workbook_xml)? else {
        return Err(vec![SheetProblem::file(SheetProblemKind::Empty)]);
    };
    let sheet = links
        .iter()
        .find(|link| link.id == sheet_id)
        .ok_or_else(|| not_a_sheet(format!("{sheet_id} ?")))?;
    let shared = match links
        .iter()
        .find(|link| link.kind.ends_with("/sharedStrings"))
    {
        Some(link) => match part(&mut archive, &link.target)? {
            Some(xml) => shared_strings(&xml)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let sheet_xml =
        part(&mut archive, &sheet.target)?.ok_or_else(|| not_a_sheet(sheet.target.clone()))?;
    cells(&sheet_xml, &shared)
}

/// The part `name` as text, `None` when the archive has none; refused when it inflates past
/// [`MAX_PART_BYTES`] or is not UTF-8.
fn part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, Problems> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(not_a_sheet(error)),
    };
    let too_large = || {
        vec![SheetProblem::file(SheetProblemKind::PartTooLarge {
            part: name.to_owned(),
            max: MAX_PART_BYTES,
        })]
    };
    if file.size() > MAX_PART_BYTES as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(not_a_sheet)?;
    if bytes.len() > MAX_PART_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(bytes).map_err(|_| not_a_sheet(format!("{name}: UTF-8 ?")))?;
    Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
}

/// The relationships' file of the part `name` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
fn rels_of(name: &str) -> String {
    match name.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{name}.rels"),
    }
}

/// One relationship of a part: its id, type and the target part's name in the archive.
struct Link {
    id: String,
    kind: String,
    target: String,
}

/// The internal relationships in `xml`, their targets resolved from `folder`.
fn relationships(xml: &str, folder: &str) -> Result<Vec<Link>, Problems> {
    let mut reader = Reader::from_str(xml);
    let mut links = Vec::new();
    loop {
        match reader.read_event().map_err(not_a_sheet)? {
            Event::Start(tag) | Event::Empty(tag) if is(&tag, "Relationship") => {
                if attribute(&tag, "TargetMode")?.as_deref() == Some("External") {
                    continue;
                }
                let (Some(id), Some(kind), Some(target)) = (
                    attribute(&tag, "Id")?,
                    attribute(&tag, "Type")?,
                    attribute(&tag, "Target")?,
                ) else {
                    continue;
                };
                let target = resolve(folder, &target);
                links.push(Link { id, kind, target });
            }
            Event::Eof => return Ok(links),
            _ => {}
        }
    }
}

/// The archive name of `target`, written relative to `folder` or from the package's root.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|part| !part.is_empty()).collect(),
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            segment => parts.push(segment),
        }
    }
    parts.join("/")
}

/// The relationship id of the workbook's first sheet.
fn first_sheet(xml: &str) -> Result<Option<String>, Problems> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(not_a_sheet)? {
            Event::Start(tag) | Event::Empty(tag) if is(&tag, "sheet") => {
                // `r:id`: the only attribute of `<sheet>` whose local name is `id`.
                for found in tag.attributes().with_checks(false) {
                    let found = found.map_err(not_a_sheet)?;
                    if found.key.local_name().as_ref() == "id" && found.key.as_ref() != "id" {
                        return Ok(Some(
                            found
                                .normalized_value(XmlVersion::Implicit1_0)
                                .map_err(not_a_sheet)?
                                .into(),
                        ));
                    }
                }
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

fn is(tag: &BytesStart<'_>, local_name: &str) -> bool {
    tag.local_name().as_ref() == local_name
}

fn attribute(tag: &BytesStart<'_>, name: &str) -> Result<Option<String>, Problems> {
    match tag.try_get_attribute(name).map_err(not_a_sheet)? {
        Some(found) => Ok(Some(
            found
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(not_a_sheet)?
                .into(),
        )),
        None => Ok(None),
    }
}

/// The text an entity or character reference stands for.
fn reference(found: &BytesRef<'_>) -> Result<String, Problems> {
    if let Some(char) = found.resolve_char_ref().map_err(not_a_sheet)? {
        return Ok(char.to_string());
    }
    let name = found.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| not_a_sheet(format!("&{name};")))
}

/// Collects the text of `<t>` elements, leaving out phonetic runs (`<rPh>`), as a spreadsheet
/// shows a shared or inline string.
#[derive(Default)]
struct Runs {
    text: String,
    in_t: bool,
    in_phonetic: bool,
}

impl Runs {
    /// Takes an event; `true` when it was part of a string.
    fn take(&mut self, event: &Event<'_>) -> Result<bool, Problems> {
        match event {
            Event::Start(tag) if is(tag, "t") => self.in_t = true,
            Event::End(tag) if tag.local_name().as_ref() == "t" => self.in_t = false,
            Event::Start(tag) if is(tag, "rPh") => self.in_phonetic = true,
            Event::End(tag) if tag.local_name().as_ref() == "rPh" => self.in_phonetic = false,
            Event::Text(text) if self.keeps() => self.push(&text.xml10_content()),
            Event::CData(text) if self.keeps() => self.push(text.as_ref()),
            Event::GeneralRef(found) if self.keeps() => self.push(&reference(found)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn keeps(&self) -> bool {
        self.in_t && !self.in_phonetic
    }

    fn push(&mut self, text: &str) {
        if self.text.chars().count() <= MAX_TEXT_CHARS {
            self.text.push_str(text);
        }
    }

    fn finish(&mut self) -> String {
        std::mem::take(self).text
    }
}

/// The shared strings (`<si>` in order).
fn shared_strings(xml: &str) -> Result<Vec<String>, Problems> {
    let mut reader = Reader::from_str(xml);
    let mut strings = Vec::new();
    let mut runs = Runs::default();
    loop {
        let event = reader.read_event().map_err(not_a_sheet)?;
        match &event {
            Event::Start(tag) if is(tag, "si") => runs = Runs::default(),
            Event::Empty(tag) if is(tag, "si") => strings.push(String::new()),
            Event::End(tag) if tag.local_name().as_ref() == "si" => strings.push(runs.finish()),
            Event::Eof => return Ok(strings),
            event => {
                runs.take(event)?;
            }
        }
        // A million tiny strings would still fit MAX_PART_BYTES: a catalogue has far fewer.
        if strings.len() > MAX_SHEET_ROWS * MAX_COLUMNS {
            return Err(too_many_rows());
        }
    }
}

fn too_many_rows() -> Problems {
    vec![SheetProblem::file(SheetProblemKind::TooManyRows {
        max: MAX_SHEET_ROWS,
    })]
}

/// One `<c>` being read: where it is, its type, and its value's text.
struct CellAt {
    row: usize,
    column: usize,
    kind: String,
    value: String,
    in_value: bool,
    inline: Runs,
}

/// The row (1-based) and column (0-based) of a reference such as `B12`.
fn position(reference: &str) -> Option<(usize, usize)> {
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut column = 0usize;
    for letter in letters.chars() {
        if !letter.is_ascii_uppercase() {
            return None;
        }
        column = column * 26 + (letter as usize - 'A' as usize + 1);
    }
    Some((number.parse().ok()?, column - 1))
}

/// Every cell of the sheet in `xml`, with `shared` strings.
fn cells(xml: &str, shared: &[String]) -> Result<Grid, Problems> {
    let mut reader = Reader::from_str(xml);
    let mut rows: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let (mut row, mut next_column) = (0usize, 0usize);
    let mut cell: Option<CellAt> = None;
    loop {
        let event = reader.read_event().map_err(not_a_sheet)?;
        match (&event, cell.as_mut()) {
            (Event::Start(tag) | Event::Empty(tag), None) if is(tag, "row") => {
                row = match attribute(tag, "r")? {
                    Some(number) => number.parse().map_err(|_| not_a_sheet(number))?,
                    None => row + 1,
                };
                next_column = 0;
            }
            (Event::Start(tag) | Event::Empty(tag), None) if is(tag, "c") => {
                let (at_row, column) = match attribute(tag, "r")? {
                    Some(reference) => {
                        position(&reference).ok_or_else(|| not_a_sheet(reference))?
                    }
                    None => (row, next_column),
                };
                next_column = column + 1;
                if at_row > MAX_SHEET_ROWS + 1 || column > MAX_COLUMNS {
                    return Err(too_many_rows());
                }
                if matches!(event, Event::Start(_)) {
                    cell = Some(CellAt {
                        row: at_row,
                        column,
                        kind: attribute(tag, "t")?.unwrap_or_default(),
                        value: String::new(),
                        in_value: false,
                        inline: Runs::default(),
                    });
                }
            }
            (Event::Start(tag), Some(open)) if is(tag, "v") => open.in_value = true,
            (Event::End(tag), Some(open)) if tag.local_name().as_ref() == "v" => {
                open.in_value = false
            }
            (Event::Text(text), Some(open)) if open.in_value => {
                open.value.push_str(&text.xml10_content())
            }
            (Event::GeneralRef(found), Some(open)) if open.in_value => {
                open.value.push_str(&reference(found)?)
            }
            (Event::End(tag), Some(_)) if tag.local_name().as_ref() == "c" => {
                if let Some(done) = cell.take() {
                    place(done, shared, &mut rows, &mut problems)?;
                }
            }
            (event, Some(open)) => {
                open.inline.take(event)?;
            }
            (Event::Eof, _) => break,
            _ => {}
        }
    }
    Ok(Grid {
        rows: rows.into_iter().collect(),
        problems,
    })
}

/// Puts a cell's text in its row, or its error value among the problems.
fn place(
    mut cell: CellAt,
    shared: &[String],
    rows: &mut BTreeMap<usize, Vec<String>>,
    problems: &mut Problems,
) -> Result<(), Problems> {
    let text = match cell.kind.as_str() {
        "s" => {
            let index: usize = cell.value.trim().parse().map_err(|_| not_a_sheet("s ?"))?;
            shared
                .get(index)
                .cloned()
                .ok_or_else(|| not_a_sheet(format!("sharedStrings[{index}] ?")))?
        }
        "inlineStr" => cell.inline.finish(),
        "b" => (cell.value.trim() == "1").to_string(),
        "e" => {
            problems.push(SheetProblem {
                row: Some(cell.row),
                column: Some(cell.column),
                field: None,
                kind: SheetProblemKind::CellError { found: cell.value },
            });
            return Ok(());
        }
        "str" | "d" => cell.value,
        // A number, written as the editor shows a target ("80,5").
        _ if cell.value.is_empty() => return Ok(()),
        _ => match cell.value.trim().parse::<f64>() {
            Ok(number) => crate::catalogue_draft::target_text(Some(number)),
            Err(_) => cell.value,
        },
    };
    let text: String = text.chars().take(MAX_TEXT_CHARS + 1).collect();
    let cells = rows.entry(cell.row).or_default();
    if cells.len() <= cell.column {
        cells.resize(cell.column + 1, String::new());
    }
    cells[cell.column] = text;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_give_row_and_column() {
        assert_eq!(position("A1"), Some((1, 0)));
        assert_eq!(position("J8"), Some((8, 9)));
        assert_eq!(position("AA10"), Some((10, 26)));
        assert_eq!(position("a1"), None);
        assert_eq!(position("12"), None);
        assert_eq!(position("A"), None);
    }

    #[test]
    fn targets_resolve_from_their_part_folder() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(resolve("xl", "../xl/./styles.xml"), "xl/styles.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn strings_leave_out_phonetic_runs_and_resolve_references() {
        let xml = r#"<sst><si><t>A &amp; B&#x1EA1;</t></si><si><r><t>Đ</t></r><r><t xml:space="preserve">ạt </t></r><rPh><t>dat</t></rPh></si><si/></sst>"#;
        assert_eq!(
            shared_strings(xml).unwrap(),
            vec!["A & Bạ".to_owned(), "Đạt ".to_owned(), String::new()]
        );
    }
}
