//! A catalogue being typed in at the province (bộ tiêu chí đang soạn): plain text as typed, so
//! every keystroke can be saved even when the catalogue is not yet valid; its edits (groups and
//! criteria added, removed, moved, changed); its problems, each named with the group or criterion
//! and the field, checked by the catalogue's own validation ([`Catalogue::from_value_all`]) plus
//! what only a draft can get wrong (a target that is not a number, a source document's date); and
//! [`publish`], which turns it into an immutable official catalogue under an id no known
//! catalogue has. A published catalogue is never edited: a correction starts a new draft from it
//! and is published under a new id.

mod problems;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::ascii_text::fold;
use crate::catalogue::{Catalogue, CatalogueStatus, CriterionKind};
use crate::date::Date;
use crate::ids::CatalogueId;

pub use problems::{DraftField, DraftPlace, DraftProblem, DraftProblemKind};

/// One criterion as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftCriterion {
    /// Its id ("C06").
    pub id: String,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: String,
    /// How it is measured.
    pub kind: CriterionKind,
    /// The target as typed ("90", "90,5" or empty for none).
    #[serde(default)]
    pub target: String,
    /// Evidence hint in Vietnamese.
    #[serde(default)]
    pub evidence_hint_vi: String,
    /// Evidence hint in English.
    #[serde(default)]
    pub evidence_hint_en: String,
}

/// One group as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftGroup {
    /// Its id ("G3").
    pub id: String,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    #[serde(default)]
    pub title_en: String,
    /// Its criteria, in order (the order is the criteria's numbering).
    pub criteria: Vec<DraftCriterion>,
}

/// The document that issues the catalogue, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftDocument {
    /// Number and symbol ("1234/QĐ-BCA-V05").
    #[serde(default)]
    pub number: String,
    /// Date, `dd/mm/yyyy` (or `yyyy-mm-dd`).
    #[serde(default)]
    pub date: String,
    /// Issuer ("Bộ Công an").
    #[serde(default)]
    pub issuer: String,
}

/// A catalogue being typed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueDraft {
    /// The catalogue's title in Vietnamese.
    pub title_vi: String,
    /// The catalogue's title in English.
    #[serde(default)]
    pub title_en: String,
    /// The catalogue it started from, if any (its differences are shown before publishing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<CatalogueId>,
    /// The issuing document.
    #[serde(default)]
    pub document: DraftDocument,
    /// The groups, in order.
    pub groups: Vec<DraftGroup>,
}

/// One edit of a draft. Positions are 0-based; an edit at a position that does not exist changes
/// nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftEdit {
    /// Sets a text of the catalogue, a group or a criterion (the kind is set by `SetKind`).
    SetText(DraftPlace, DraftField, String),
    /// Adds a group at the end (with a fresh id and one criterion).
    AddGroup,
    /// Removes a group and its criteria.
    RemoveGroup(usize),
    /// Moves a group one place up (`true`) or down.
    MoveGroup(usize, bool),
    /// Adds a criterion at the end of a group (with a fresh id).
    AddCriterion(usize),
    /// Removes a criterion (group, criterion).
    RemoveCriterion(usize, usize),
    /// Moves a criterion one place up (`true`) or down; past its group's edge it moves into the
    /// neighbouring group.
    MoveCriterion(usize, usize, bool),
    /// Sets how a criterion is measured (group, criterion); a yes/no criterion loses its target.
    SetKind(usize, usize, CriterionKind),
}

impl DraftCriterion {
    /// An empty yes/no criterion with this id.
    pub fn empty(id: String) -> DraftCriterion {
        DraftCriterion {
            id,
            title_vi: String::new(),
            title_en: String::new(),
            kind: CriterionKind::Boolean,
            target: String::new(),
            evidence_hint_vi: String::new(),
            evidence_hint_en: String::new(),
        }
    }

    /// The target as a number: `Ok(None)` when empty, an error when it is not a number. Accepts
    /// a decimal comma ("90,5") as Vietnamese writes it.
    pub fn target_number(&self) -> Result<Option<f64>, NotANumber> {
        parse_target(&self.target)
    }
}

/// A text that should have been a number and is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// A target as typed: `Ok(None)` when empty, an error when it is not a finite number. Written
/// the Vietnamese way ("12,5", "1.000" for a thousand) or the English way ("12.5"), with or
/// without a trailing "%".
pub fn parse_target(text: &str) -> Result<Option<f64>, NotANumber> {
    let text: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    let groups_of_three = |text: &str| {
        let mut parts = text.split('.');
        let first = parts.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && parts.all(|part| part.len() == 3)
    };
    let normalised = if text.contains(',') {
        // "1.234,5": dots group thousands, the comma is the decimal mark.
        text.replace('.', "").replace(',', ".")
    } else if text.matches('.').count() > 1
        || (text.contains('.') && groups_of_three(&text) && text.len() > 4)
    {
        // "1.000", "1.000.000": thousands.
        text.replace('.', "")
    } else {
        text
    };
    let plain = normalised
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    match normalised.parse::<f64>() {
        Ok(number) if plain && number.is_finite() => Ok(Some(number)),
        _ => Err(NotANumber),
    }
}

/// A target as a draft holds it: "90", "12,5" (no thousands separator), or empty.
pub fn target_text(target: Option<f64>) -> String {
    target.map_or_else(String::new, |target| target.to_string().replace('.', ","))
}

impl CatalogueDraft {
    /// A draft from nothing: one group with one criterion, every text empty.
    pub fn empty() -> CatalogueDraft {
        CatalogueDraft {
            title_vi: String::new(),
            title_en: String::new(),
            based_on: None,
            document: DraftDocument::default(),
            groups: vec![DraftGroup {
                id: "G1".to_string(),
                title_vi: String::new(),
                title_en: String::new(),
                criteria: vec![DraftCriterion::empty("C01".to_string())],
            }],
        }
    }

    /// A draft that starts as a copy of `catalogue` (its groups, criteria and titles; a new
    /// document is asked for when publishing).
    pub fn from_catalogue(catalogue: &Catalogue) -> CatalogueDraft {
        CatalogueDraft {
            title_vi: catalogue.title_vi.clone(),
            title_en: catalogue.title_en.clone(),
            based_on: Some(catalogue.id.clone()),
            document: DraftDocument::default(),
            groups: catalogue
                .groups
                .iter()
                .map(|group| DraftGroup {
                    id: group.id.clone(),
                    title_vi: group.title_vi.clone(),
                    title_en: group.title_en.clone(),
                    criteria: group
                        .criteria
                        .iter()
                        .map(|criterion| DraftCriterion {
                            id: criterion.id.as_str().to_string(),
                            title_vi: criterion.title_vi.clone(),
                            title_en: criterion.title_en.clone(),
                            kind: criterion.kind,
                            target: target_text(criterion.target),
                            evidence_hint_vi: criterion.evidence_hint_vi.clone(),
                            evidence_hint_en: criterion
                                .evidence_hint_en
                                .clone()
                                .unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The number of criteria.
    pub fn criteria_count(&self) -> usize {
        self.groups.iter().map(|group| group.criteria.len()).sum()
    }

    /// Applies one edit; whether it changed anything.
    pub fn apply(&mut self, edit: DraftEdit) -> bool {
        let before = self.clone();
        match edit {
            DraftEdit::SetText(place, field, text) => {
                if let Some(slot) = self.text_mut(place, field) {
                    *slot = text;
                }
            }
            DraftEdit::AddGroup => {
                let id = self.fresh_id("G", 1);
                let criterion = DraftCriterion::empty(self.fresh_id("C", 2));
                self.groups.push(DraftGroup {
                    id,
                    title_vi: String::new(),
                    title_en: String::new(),
                    criteria: vec![criterion],
                });
            }
            DraftEdit::RemoveGroup(group) if group < self.groups.len() => {
                self.groups.remove(group);
            }
            DraftEdit::MoveGroup(group, up) => move_within(&mut self.groups, group, up),
            DraftEdit::AddCriterion(group) if group < self.groups.len() => {
                let criterion = DraftCriterion::empty(self.fresh_id("C", 2));
                self.groups[group].criteria.push(criterion);
            }
            DraftEdit::RemoveCriterion(group, criterion) => {
                if let Some(group) = self.groups.get_mut(group)
                    && criterion < group.criteria.len()
                {
                    group.criteria.remove(criterion);
                }
            }
            DraftEdit::MoveCriterion(group, criterion, up) => {
                self.move_criterion(group, criterion, up)
            }
            DraftEdit::SetKind(group, criterion, kind) => {
                if let Some(criterion) = self.criterion_mut(group, criterion) {
                    criterion.kind = kind;
                    if kind == CriterionKind::Boolean {
                        criterion.target.clear();
                    }
                }
            }
            DraftEdit::RemoveGroup(_) | DraftEdit::AddCriterion(_) => {}
        }
        *self != before
    }

    /// The text of `field` at `place`, if the draft has it (the kind is not a text).
    pub fn text(&self, place: DraftPlace, field: DraftField) -> Option<&str> {
        let text = match place {
            DraftPlace::Catalogue => match field {
                DraftField::CatalogueTitleVi => &self.title_vi,
                DraftField::CatalogueTitleEn => &self.title_en,
                DraftField::DocumentNumber => &self.document.number,
                DraftField::DocumentDate => &self.document.date,
                DraftField::DocumentIssuer => &self.document.issuer,
                _ => return None,
            },
            DraftPlace::Group(group) => {
                let group = self.groups.get(group)?;
                match field {
                    DraftField::GroupId => &group.id,
                    DraftField::GroupTitleVi => &group.title_vi,
                    DraftField::GroupTitleEn => &group.title_en,
                    _ => return None,
                }
            }
            DraftPlace::Criterion(group, at) => {
                let criterion = self.groups.get(group)?.criteria.get(at)?;
                match field {
                    DraftField::Id => &criterion.id,
                    DraftField::TitleVi => &criterion.title_vi,
                    DraftField::TitleEn => &criterion.title_en,
                    DraftField::Target => &criterion.target,
                    DraftField::EvidenceVi => &criterion.evidence_hint_vi,
                    DraftField::EvidenceEn => &criterion.evidence_hint_en,
                    _ => return None,
                }
            }
        };
        Some(text)
    }

    fn text_mut(&mut self, place: DraftPlace, field: DraftField) -> Option<&mut String> {
        match place {
            DraftPlace::Catalogue => match field {
                DraftField::CatalogueTitleVi => Some(&mut self.title_vi),
                DraftField::CatalogueTitleEn => Some(&mut self.title_en),
                DraftField::DocumentNumber => Some(&mut self.document.number),
                DraftField::DocumentDate => Some(&mut self.document.date),
                DraftField::DocumentIssuer => Some(&mut self.document.issuer),
                _ => None,
            },
            DraftPlace::Group(group) => {
                let group = self.groups.get_mut(group)?;
                match field {
                    DraftField::GroupId => Some(&mut group.id),
                    DraftField::GroupTitleVi => Some(&mut group.title_vi),
                    DraftField::GroupTitleEn => Some(&mut group.title_en),
                    _ => None,
                }
            }
            DraftPlace::Criterion(group, at) => {
                let criterion = self.criterion_mut(group, at)?;
                match field {
                    DraftField::Id => Some(&mut criterion.id),
                    DraftField::TitleVi => Some(&mut criterion.title_vi),
                    DraftField::TitleEn => Some(&mut criterion.title_en),
                    DraftField::Target => Some(&mut criterion.target),
                    DraftField::EvidenceVi => Some(&mut criterion.evidence_hint_vi),
                    DraftField::EvidenceEn => Some(&mut criterion.evidence_hint_en),
                    _ => None,
                }
            }
        }
    }

    fn criterion_mut(&mut self, group: usize, criterion: usize) -> Option<&mut DraftCriterion> {
        self.groups.get_mut(group)?.criteria.get_mut(criterion)
    }

    /// Moves a criterion one place, into the neighbouring group past its group's edge.
    fn move_criterion(&mut self, group: usize, criterion: usize, up: bool) {
        let Some(len) = self.groups.get(group).map(|group| group.criteria.len()) else {
            return;
        };
        if criterion >= len {
            return;
        }
        let at_edge = if up {
            criterion == 0
        } else {
            criterion + 1 == len
        };
        if !at_edge {
            move_within(&mut self.groups[group].criteria, criterion, up);
            return;
        }
        let neighbour = if up {
            group.checked_sub(1)
        } else {
            Some(group + 1).filter(|next| *next < self.groups.len())
        };
        if let Some(neighbour) = neighbour {
            let moved = self.groups[group].criteria.remove(criterion);
            if up {
                self.groups[neighbour].criteria.push(moved);
            } else {
                self.groups[neighbour].criteria.insert(0, moved);
            }
        }
    }

    /// The first id `{prefix}{n}` (n from 1, zero-padded to `width`) no group or criterion has.
    fn fresh_id(&self, prefix: &str, width: usize) -> String {
        let taken: Vec<&str> = self
            .groups
            .iter()
            .flat_map(|group| {
                std::iter::once(group.id.as_str())
                    .chain(group.criteria.iter().map(|criterion| criterion.id.as_str()))
            })
            .collect();
        (1..)
            .map(|number| format!("{prefix}{number:0width$}"))
            .find(|id| !taken.contains(&id.as_str()))
            .unwrap_or_else(|| prefix.to_string())
    }

    /// Every problem of the draft as a catalogue (the source document is not checked: it is
    /// asked for when publishing). Empty when [`CatalogueDraft::to_catalogue`] would succeed.
    pub fn problems(&self) -> Vec<DraftProblem> {
        match self.build(None, CatalogueStatus::Draft) {
            Ok(_) => Vec::new(),
            Err(problems) => problems,
        }
    }

    /// The draft as a catalogue under `id` with `status`, or every problem.
    pub fn to_catalogue(
        &self,
        id: &CatalogueId,
        status: CatalogueStatus,
    ) -> Result<Catalogue, Vec<DraftProblem>> {
        self.build(Some(id), status)
    }

    fn build(
        &self,
        id: Option<&CatalogueId>,
        status: CatalogueStatus,
    ) -> Result<Catalogue, Vec<DraftProblem>> {
        let mut problems = Vec::new();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .enumerate()
            .map(|(group_at, group)| {
                let criteria: Vec<Value> = group
                    .criteria
                    .iter()
                    .enumerate()
                    .map(|(at, criterion)| criterion_json(criterion, group_at, at, &mut problems))
                    .collect();
                json!({"id": group.id, "title_vi": group.title_vi, "title_en": group.title_en,
                       "criteria": criteria})
            })
            .collect();
        let status_text = match status {
            CatalogueStatus::Draft => "draft",
            CatalogueStatus::Official => "official",
        };
        let value = json!({
            "catalog_id": id.map_or("draft", CatalogueId::as_str),
            "status": status_text,
            "title_vi": self.title_vi,
            "title_en": self.title_en,
            "groups": groups,
        });
        match Catalogue::from_value_all(&value) {
            Ok(catalogue) if problems.is_empty() => Ok(catalogue),
            Ok(_) => Err(problems::sorted(problems)),
            Err(errors) => {
                problems.extend(errors.iter().map(problems::from_catalogue_error));
                Err(problems::sorted(problems))
            }
        }
    }

    /// The issuing document as typed, checked: every problem with its field.
    pub fn source_document(&self) -> Result<crate::catalogue::SourceDocument, Vec<DraftProblem>> {
        let mut problems = Vec::new();
        let typed = &self.document;
        for (text, field) in [
            (&typed.number, DraftField::DocumentNumber),
            (&typed.issuer, DraftField::DocumentIssuer),
        ] {
            if text.trim().is_empty() {
                problems.push(DraftProblem::new(
                    DraftPlace::Catalogue,
                    field,
                    DraftProblemKind::Empty,
                ));
            }
        }
        let date = parse_date(&typed.date);
        match &date {
            Err(_) if typed.date.trim().is_empty() => {
                problems.push(DraftProblem::new(
                    DraftPlace::Catalogue,
                    DraftField::DocumentDate,
                    DraftProblemKind::Empty,
                ));
            }
            Err(error) => problems.push(DraftProblem::new(
                DraftPlace::Catalogue,
                DraftField::DocumentDate,
                DraftProblemKind::InvalidDate(error.clone()),
            )),
            Ok(_) => {}
        }
        match date {
            Ok(date) if problems.is_empty() => Ok(crate::catalogue::SourceDocument {
                number: typed.number.trim().to_string(),
                date,
                issuer: typed.issuer.trim().to_string(),
            }),
            _ => Err(problems),
        }
    }
}

/// A date typed `dd/mm/yyyy` (or `yyyy-mm-dd`), of the years 2000 to 2100 that bundles carry.
fn parse_date(text: &str) -> Result<Date, crate::date::DateError> {
    let text = text.trim();
    let date = if text.contains('-') {
        Date::parse_iso(text)
    } else {
        Date::parse_vi(text)
    }?;
    if (crate::assessment::MIN_YEAR..=crate::assessment::MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(crate::date::DateError::BadFormat {
            text: text.to_string(),
            expected: "dd/mm/yyyy",
        })
    }
}

/// One criterion as the catalogue's JSON; a target that is not a number is a problem (and left
/// out, so the rest is still checked).
fn criterion_json(
    criterion: &DraftCriterion,
    group: usize,
    at: usize,
    problems: &mut Vec<DraftProblem>,
) -> Value {
    let target = match criterion.target_number() {
        Ok(target) => target,
        Err(NotANumber) => {
            problems.push(DraftProblem::new(
                DraftPlace::Criterion(group, at),
                DraftField::Target,
                DraftProblemKind::TargetNotNumber {
                    found: criterion.target.clone(),
                },
            ));
            None
        }
    };
    let kind = match criterion.kind {
        CriterionKind::Boolean => "boolean",
        CriterionKind::Percent => "percent",
        CriterionKind::Count => "count",
    };
    let mut value = json!({
        "id": criterion.id,
        "title_vi": criterion.title_vi,
        "title_en": criterion.title_en,
        "kind": kind,
        "target": target,
        "evidence_hint_vi": criterion.evidence_hint_vi,
    });
    if !criterion.evidence_hint_en.is_empty()
        && let Some(object) = value.as_object_mut()
    {
        object.insert(
            "evidence_hint_en".to_string(),
            Value::String(criterion.evidence_hint_en.clone()),
        );
    }
    value
}

/// Moves `items[at]` one place up or down; nothing at an edge or out of range.
fn move_within<T>(items: &mut [T], at: usize, up: bool) {
    if at >= items.len() {
        return;
    }
    if up && at > 0 {
        items.swap(at, at - 1);
    } else if !up && at + 1 < items.len() {
        items.swap(at, at + 1);
    }
}

/// An id for the catalogue published from `draft`, that no catalogue of `known` has: made from
/// the issuing document's number and date ("1234-qd-bca-v05-2024-03-15"), with "-2", "-3"… added
/// when taken; "bo-tieu-chi-…" when the document says nothing usable.
pub fn suggest_id(draft: &CatalogueDraft, known: &BTreeMap<CatalogueId, Catalogue>) -> CatalogueId {
    let mut base: String = fold(draft.document.number.trim())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    base = base
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(80);
    if base.is_empty() {
        base = "bo-tieu-chi".to_string();
    }
    if let Ok(date) = parse_date(&draft.document.date) {
        base = format!("{base}-{}", date.to_iso());
    }
    let mut number = 1;
    loop {
        let candidate = if number == 1 {
            base.clone()
        } else {
            format!("{base}-{number}")
        };
        // `base` is ASCII letters, digits and dashes, at most 91 characters: always a valid id.
        if let Ok(id) = CatalogueId::new(candidate)
            && !known.contains_key(&id)
        {
            return id;
        }
        number += 1;
    }
}

/// Publishes `draft` as an official catalogue under `id`, with its issuing document: every
/// problem of the draft, of the document, and an id some known catalogue already has (a
/// published catalogue is never replaced) refuse it.
pub fn publish(
    draft: &CatalogueDraft,
    id: &CatalogueId,
    known: &BTreeMap<CatalogueId, Catalogue>,
) -> Result<Catalogue, Vec<DraftProblem>> {
    let mut problems = Vec::new();
    if known.contains_key(id) {
        problems.push(DraftProblem::new(
            DraftPlace::Catalogue,
            DraftField::CatalogueId,
            DraftProblemKind::IdTaken {
                id: id.as_str().to_string(),
            },
        ));
    }
    let document = draft.source_document();
    if let Err(found) = &document {
        problems.extend(found.iter().cloned());
    }
    let catalogue = draft.to_catalogue(id, CatalogueStatus::Official);
    if let Err(found) = &catalogue {
        problems.extend(found.iter().cloned());
    }
    match (catalogue, document) {
        (Ok(mut catalogue), Ok(document)) if problems.is_empty() => {
            catalogue.source_document = Some(document);
            Ok(catalogue)
        }
        _ => Err(problems::sorted(problems)),
    }
}
