//! How one criteria catalogue differs from another (for example the official catalogue a province
//! loads against the built-in draft): criteria added, removed and changed (title, kind, target,
//! group, position), and groups whose titles changed. Criteria and groups are matched by id.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Catalogue, Criterion, CriterionKind};
use crate::format;
use crate::ids::CriterionId;

/// One way a criterion changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CriterionChange {
    /// The Vietnamese title.
    TitleVi {
        /// Before.
        before: String,
        /// After.
        after: String,
    },
    /// The English title.
    TitleEn {
        /// Before.
        before: String,
        /// After.
        after: String,
    },
    /// How it is measured.
    Kind {
        /// Before.
        before: CriterionKind,
        /// After.
        after: CriterionKind,
    },
    /// The target figure.
    Target {
        /// Before.
        before: Option<f64>,
        /// After.
        after: Option<f64>,
    },
    /// The group it belongs to (group ids).
    Group {
        /// Before.
        before: String,
        /// After.
        after: String,
    },
    /// Its number in catalogue order.
    Position {
        /// Before (1-based).
        before: usize,
        /// After (1-based).
        after: usize,
    },
}

fn target_vi(target: Option<f64>) -> String {
    target.map_or_else(|| "không có".to_string(), |t| format::decimal_vi(t, 2))
}

fn target_en(target: Option<f64>) -> String {
    target.map_or_else(|| "none".to_string(), |t| format::decimal_en(t, 2))
}

impl CriterionChange {
    /// The change in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            CriterionChange::TitleVi { before, after } => {
                format!("Tên: “{before}” → “{after}”")
            }
            CriterionChange::TitleEn { before, after } => {
                format!("Tên tiếng Anh: “{before}” → “{after}”")
            }
            CriterionChange::Kind { before, after } => {
                format!(
                    "Cách đánh giá: {} → {}",
                    before.label_vi(),
                    after.label_vi()
                )
            }
            CriterionChange::Target { before, after } => format!(
                "Chỉ tiêu số liệu: {} → {}",
                target_vi(*before),
                target_vi(*after)
            ),
            CriterionChange::Group { before, after } => {
                format!("Nhóm: {before} → {after}")
            }
            CriterionChange::Position { before, after } => {
                format!("Số thứ tự: {before} → {after}")
            }
        }
    }

    /// The change in English.
    pub fn message_en(&self) -> String {
        match self {
            CriterionChange::TitleVi { before, after } => {
                format!("Title: “{before}” → “{after}”")
            }
            CriterionChange::TitleEn { before, after } => {
                format!("English title: “{before}” → “{after}”")
            }
            CriterionChange::Kind { before, after } => {
                format!("Measured as: {} → {}", before.label_en(), after.label_en())
            }
            CriterionChange::Target { before, after } => {
                format!("Target: {} → {}", target_en(*before), target_en(*after))
            }
            CriterionChange::Group { before, after } => format!("Group: {before} → {after}"),
            CriterionChange::Position { before, after } => {
                format!("Number: {before} → {after}")
            }
        }
    }
}

/// A criterion present in only one of the two catalogues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionSide {
    /// Its id.
    pub id: CriterionId,
    /// Its 1-based number in its catalogue.
    pub number: usize,
    /// Its Vietnamese title.
    pub title_vi: String,
}

/// A criterion present in both, with what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedCriterion {
    /// Its id.
    pub id: CriterionId,
    /// Its number in the second catalogue.
    pub number: usize,
    /// Its Vietnamese title in the second catalogue.
    pub title_vi: String,
    /// What changed, in a fixed order (titles, kind, target, group, position).
    pub changes: Vec<CriterionChange>,
}

/// A group present in both whose Vietnamese title changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenamedGroup {
    /// The group id.
    pub id: String,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
}

/// How `after` differs from `before`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueDiff {
    /// Criteria only in `after`, in its order.
    pub added: Vec<CriterionSide>,
    /// Criteria only in `before`, in its order.
    pub removed: Vec<CriterionSide>,
    /// Criteria in both that changed, in `after`'s order.
    pub changed: Vec<ChangedCriterion>,
    /// Criteria in both that did not change.
    pub unchanged: usize,
    /// Groups only in `after` (ids).
    pub groups_added: Vec<String>,
    /// Groups only in `before` (ids).
    pub groups_removed: Vec<String>,
    /// Groups in both whose Vietnamese title changed.
    pub groups_renamed: Vec<RenamedGroup>,
}

impl CatalogueDiff {
    /// Compares two catalogues.
    pub fn between(before: &Catalogue, after: &Catalogue) -> CatalogueDiff {
        let old = located(before);
        let new = located(after);
        let mut diff = CatalogueDiff {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
            unchanged: 0,
            groups_added: Vec::new(),
            groups_removed: Vec::new(),
            groups_renamed: Vec::new(),
        };
        diff.compare_criteria(&old, &new);
        diff.compare_groups(before, after);
        diff
    }

    /// Sorts the criteria of `new` into added, changed and unchanged against `old`, then
    /// collects those of `old` that `new` lacks as removed.
    fn compare_criteria(&mut self, old: &[Located<'_>], new: &[Located<'_>]) {
        for located in new {
            let Some(earlier) = find(old, &located.criterion.id) else {
                self.added.push(located.side());
                continue;
            };
            let changes = changes_between(earlier, located);
            if changes.is_empty() {
                self.unchanged += 1;
            } else {
                self.changed.push(ChangedCriterion {
                    id: located.criterion.id.clone(),
                    number: located.number,
                    title_vi: located.criterion.title_vi.clone(),
                    changes,
                });
            }
        }
        for located in old {
            if find(new, &located.criterion.id).is_none() {
                self.removed.push(located.side());
            }
        }
    }

    /// Collects the groups of `after` that `before` lacks or that it titles otherwise, then the
    /// groups of `before` that `after` lacks.
    fn compare_groups(&mut self, before: &Catalogue, after: &Catalogue) {
        for group in &after.groups {
            match before.groups.iter().find(|old| old.id == group.id) {
                None => self.groups_added.push(group.id.clone()),
                Some(old) if old.title_vi != group.title_vi => {
                    self.groups_renamed.push(RenamedGroup {
                        id: group.id.clone(),
                        before: old.title_vi.clone(),
                        after: group.title_vi.clone(),
                    });
                }
                Some(_) => {}
            }
        }
        for group in &before.groups {
            if !after.groups.iter().any(|new| new.id == group.id) {
                self.groups_removed.push(group.id.clone());
            }
        }
    }

    /// Whether the two catalogues hold the same criteria and groups.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.groups_added.is_empty()
            && self.groups_removed.is_empty()
            && self.groups_renamed.is_empty()
    }

    /// One line in Vietnamese: "Thêm 1 tiêu chí, bỏ 1 tiêu chí, sửa 3 tiêu chí, giữ nguyên 16
    /// tiêu chí."
    pub fn summary_vi(&self) -> String {
        if self.is_empty() {
            return format!("Hai bộ tiêu chí giống nhau ({} tiêu chí).", self.unchanged);
        }
        let mut summary = format!(
            "Thêm {} tiêu chí, bỏ {} tiêu chí, sửa {} tiêu chí, giữ nguyên {} tiêu chí.",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.unchanged
        );
        let groups =
            self.groups_added.len() + self.groups_removed.len() + self.groups_renamed.len();
        if groups > 0 {
            summary.push_str(&format!(
                " Nhóm: thêm {}, bỏ {}, đổi tên {}.",
                self.groups_added.len(),
                self.groups_removed.len(),
                self.groups_renamed.len()
            ));
        }
        summary
    }

    /// One line in English.
    pub fn summary_en(&self) -> String {
        if self.is_empty() {
            return format!(
                "The two catalogues are the same ({} criteria).",
                self.unchanged
            );
        }
        let mut summary = format!(
            "{} criteria added, {} removed, {} changed, {} unchanged.",
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.unchanged
        );
        let groups =
            self.groups_added.len() + self.groups_removed.len() + self.groups_renamed.len();
        if groups > 0 {
            summary.push_str(&format!(
                " Groups: {} added, {} removed, {} renamed.",
                self.groups_added.len(),
                self.groups_removed.len(),
                self.groups_renamed.len()
            ));
        }
        summary
    }
}

/// A criterion with where it stands in its catalogue.
struct Located<'a> {
    /// Its 1-based number in catalogue order.
    number: usize,
    /// Its group's id.
    group: &'a str,
    /// The criterion.
    criterion: &'a Criterion,
}

impl Located<'_> {
    /// The criterion as one present in only one of the catalogues.
    fn side(&self) -> CriterionSide {
        CriterionSide {
            id: self.criterion.id.clone(),
            number: self.number,
            title_vi: self.criterion.title_vi.clone(),
        }
    }
}

/// Every criterion of `catalogue`, in its order, with its number and group.
fn located(catalogue: &Catalogue) -> Vec<Located<'_>> {
    let mut number = 0;
    let mut list = Vec::new();
    for group in &catalogue.groups {
        for criterion in &group.criteria {
            number += 1;
            list.push(Located {
                number,
                group: &group.id,
                criterion,
            });
        }
    }
    list
}

/// The criterion with `id` in `list`.
fn find<'l, 'a>(list: &'l [Located<'a>], id: &CriterionId) -> Option<&'l Located<'a>> {
    list.iter().find(|located| &located.criterion.id == id)
}

/// What changed from `old` to `new` (the same criterion in two catalogues), in a fixed order:
/// titles, kind, target, group, position.
fn changes_between(old: &Located<'_>, new: &Located<'_>) -> Vec<CriterionChange> {
    let (before, after) = (old.criterion, new.criterion);
    let mut changes = Vec::new();
    if before.title_vi != after.title_vi {
        changes.push(CriterionChange::TitleVi {
            before: before.title_vi.clone(),
            after: after.title_vi.clone(),
        });
    }
    if before.title_en != after.title_en {
        changes.push(CriterionChange::TitleEn {
            before: before.title_en.clone(),
            after: after.title_en.clone(),
        });
    }
    if before.kind != after.kind {
        changes.push(CriterionChange::Kind {
            before: before.kind,
            after: after.kind,
        });
    }
    if before.target != after.target {
        changes.push(CriterionChange::Target {
            before: before.target,
            after: after.target,
        });
    }
    if old.group != new.group {
        changes.push(CriterionChange::Group {
            before: old.group.to_string(),
            after: new.group.to_string(),
        });
    }
    if old.number != new.number {
        changes.push(CriterionChange::Position {
            before: old.number,
            after: new.number,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::CatalogueStatus;
    use crate::ids::CatalogueId;

    fn official_from_draft() -> (Catalogue, Catalogue) {
        let draft = Catalogue::builtin_draft().unwrap();
        let mut official = draft.clone();
        official.id = CatalogueId::new("bca-2024-official").unwrap();
        official.status = CatalogueStatus::Official;
        // Criterion 1 renamed; the last criterion removed; a new one added to the first group;
        // the first group renamed; a target changed.
        official.groups[0].criteria[0].title_vi = "Tiêu chí mới số 1".to_string();
        official.groups[0].title_vi = "Nhóm đổi tên".to_string();
        let last_group = official.groups.len() - 1;
        let removed = official.groups[last_group].criteria.pop().unwrap();
        let mut added = draft.groups[0].criteria[0].clone();
        added.id = CriterionId::new("C21").unwrap();
        added.title_vi = "Tiêu chí bổ sung".to_string();
        official.groups[0].criteria.push(added);
        let with_target = official
            .groups
            .iter_mut()
            .flat_map(|group| group.criteria.iter_mut())
            .find(|criterion| criterion.kind != CriterionKind::Boolean)
            .unwrap();
        with_target.target = Some(99.5);
        let _ = removed;
        (draft, official)
    }

    #[test]
    fn the_same_catalogue_has_no_difference() {
        let draft = Catalogue::builtin_draft().unwrap();
        let diff = CatalogueDiff::between(&draft, &draft);
        assert!(diff.is_empty());
        assert_eq!(diff.unchanged, 20);
        assert_eq!(
            diff.summary_vi(),
            "Hai bộ tiêu chí giống nhau (20 tiêu chí)."
        );
    }

    #[test]
    fn added_removed_changed_and_renamed_are_found() {
        let (draft, official) = official_from_draft();
        let diff = CatalogueDiff::between(&draft, &official);
        assert_eq!(diff.added.len(), 1);
        assert_eq!(diff.added[0].id.as_str(), "C21");
        assert_eq!(diff.removed.len(), 1);
        assert_eq!(diff.removed[0].number, 20);
        let first = diff
            .changed
            .iter()
            .find(|changed| changed.number == 1)
            .unwrap();
        assert_eq!(
            first.changes[0].message_vi(),
            format!(
                "Tên: “{}” → “Tiêu chí mới số 1”",
                draft.groups[0].criteria[0].title_vi
            )
        );
        assert!(diff.changed.iter().any(|changed| changed
            .changes
            .iter()
            .any(|change| matches!(change, CriterionChange::Target { after: Some(t), .. } if *t == 99.5))));
        // Criteria after the inserted C21 moved down by one.
        assert!(diff.changed.iter().any(|changed| {
            changed
                .changes
                .iter()
                .any(|change| matches!(change, CriterionChange::Position { .. }))
        }));
        assert_eq!(diff.groups_renamed.len(), 1);
        assert_eq!(diff.groups_renamed[0].after, "Nhóm đổi tên");
        assert!(
            diff.summary_vi()
                .starts_with("Thêm 1 tiêu chí, bỏ 1 tiêu chí, sửa ")
        );
        assert!(
            diff.summary_vi()
                .ends_with(" Nhóm: thêm 0, bỏ 0, đổi tên 1.")
        );
        assert_eq!(
            diff.added.len() + diff.changed.len() + diff.unchanged,
            official.criteria_count()
        );
    }

    #[test]
    fn change_messages_exist_in_both_languages() {
        let change = CriterionChange::Target {
            before: None,
            after: Some(95.5),
        };
        assert_eq!(change.message_vi(), "Chỉ tiêu số liệu: không có → 95,5");
        assert_eq!(change.message_en(), "Target: none → 95.5");
        let kind = CriterionChange::Kind {
            before: CriterionKind::Boolean,
            after: CriterionKind::Percent,
        };
        assert_eq!(
            kind.message_vi(),
            "Cách đánh giá: Đạt/không đạt → Tỷ lệ (%)"
        );
    }
}
