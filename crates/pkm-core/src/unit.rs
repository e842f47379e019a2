//! Units (đơn vị) and their registry: a tree of any depth (province → optional middle level →
//! ward/commune), and the Ministry's yearly quota (chỉ tiêu) of new model wards per province.
//!
//! The registry is built leniently from whatever units a store holds (concurrent edits may leave a
//! missing parent or even a cycle for a while); every walk guards against cycles, and
//! [`UnitRegistry::problems`] lists what is wrong so the UI can show it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::ids::UnitId;

/// The kind of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Province or centrally-run city police: "Công an tỉnh, thành phố".
    Province,
    /// Middle level (city, town or district police, until 2025): "Công an thành phố, thị xã,
    /// quận, huyện".
    Middle,
    /// Ward police: "Công an phường" — the unit that self-assesses.
    Ward,
    /// Commune police: "Công an xã".
    Commune,
}

impl UnitKind {
    /// The Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            UnitKind::Province => "Công an tỉnh, thành phố",
            UnitKind::Middle => "Công an thành phố, thị xã, quận, huyện",
            UnitKind::Ward => "Công an phường",
            UnitKind::Commune => "Công an xã",
        }
    }

    /// The English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            UnitKind::Province => "Provincial police",
            UnitKind::Middle => "City, town or district police",
            UnitKind::Ward => "Ward police",
            UnitKind::Commune => "Commune police",
        }
    }
}

/// A unit: stable id, editable name, kind and parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable id (prefer the official administrative code).
    pub id: UnitId,
    /// The official administrative code, when known (mã đơn vị hành chính).
    #[serde(default)]
    pub code: Option<String>,
    /// The Vietnamese name, for example "Công an phường Lê Mao".
    pub name_vi: String,
    /// Its kind.
    pub kind: UnitKind,
    /// Its parent, `None` for a root (usually a province).
    #[serde(default)]
    pub parent: Option<UnitId>,
    /// On a province's record: the province's settings for evidence files (limits per file and
    /// per ward, the longest side of a stored photo), carried to its wards by the config file.
    /// Absent: the defaults. The record is the province's own (section 7.3 of the format), so no
    /// ward's file may set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_limits: Option<crate::attachment::EvidenceSettings>,
}

/// The Ministry's quota (chỉ tiêu) of new model wards for one province and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// The province.
    pub province: UnitId,
    /// The year.
    pub year: u16,
    /// How many new model wards the Ministry asked for.
    pub new_wards: u32,
}

/// What is wrong in a registry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    /// A unit names a parent that is not in the registry.
    #[error("unit {unit}: parent {parent} not found")]
    MissingParent {
        /// The unit.
        unit: UnitId,
        /// The missing parent.
        parent: UnitId,
    },
    /// Following parents from this unit loops back.
    #[error("unit {unit} is its own ancestor")]
    Cycle {
        /// A unit on the cycle.
        unit: UnitId,
    },
    /// The Vietnamese name is empty.
    #[error("unit {unit} has an empty name")]
    EmptyName {
        /// The unit.
        unit: UnitId,
    },
}

impl UnitError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            UnitError::MissingParent { unit, parent } => {
                format!("Đơn vị “{unit}” có đơn vị cấp trên “{parent}” không có trong danh mục.")
            }
            UnitError::Cycle { unit } => {
                format!("Đơn vị “{unit}” nằm trong một vòng lặp cấp trên – cấp dưới.")
            }
            UnitError::EmptyName { unit } => format!("Đơn vị “{unit}” chưa có tên."),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            UnitError::MissingParent { unit, parent } => {
                format!("Unit “{unit}” has a parent “{parent}” that is not in the registry.")
            }
            UnitError::Cycle { unit } => format!("Unit “{unit}” is part of a parent cycle."),
            UnitError::EmptyName { unit } => format!("Unit “{unit}” has no name."),
        }
    }
}

/// A read-only view of units as a tree of any depth.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitRegistry {
    units: BTreeMap<UnitId, Unit>,
    children: BTreeMap<UnitId, BTreeSet<UnitId>>,
}

impl UnitRegistry {
    /// Builds a registry; a later unit with the same id replaces an earlier one.
    pub fn new(units: impl IntoIterator<Item = Unit>) -> UnitRegistry {
        let units: BTreeMap<UnitId, Unit> = units
            .into_iter()
            .map(|unit| (unit.id.clone(), unit))
            .collect();
        let mut children: BTreeMap<UnitId, BTreeSet<UnitId>> = BTreeMap::new();
        for unit in units.values() {
            if let Some(parent) = &unit.parent {
                children
                    .entry(parent.clone())
                    .or_default()
                    .insert(unit.id.clone());
            }
        }
        UnitRegistry { units, children }
    }

    /// Builds a registry and refuses it if it has any problem.
    pub fn checked(units: impl IntoIterator<Item = Unit>) -> Result<UnitRegistry, Vec<UnitError>> {
        let registry = UnitRegistry::new(units);
        let problems = registry.problems();
        if problems.is_empty() {
            Ok(registry)
        } else {
            Err(problems)
        }
    }

    /// Every problem: missing parents, cycles (one report per unit on a cycle), empty names.
    pub fn problems(&self) -> Vec<UnitError> {
        let mut problems = Vec::new();
        for unit in self.units.values() {
            if unit.name_vi.trim().is_empty() {
                problems.push(UnitError::EmptyName {
                    unit: unit.id.clone(),
                });
            }
            if let Some(parent) = &unit.parent
                && !self.units.contains_key(parent)
            {
                problems.push(UnitError::MissingParent {
                    unit: unit.id.clone(),
                    parent: parent.clone(),
                });
            }
            if self.is_on_cycle(&unit.id) {
                problems.push(UnitError::Cycle {
                    unit: unit.id.clone(),
                });
            }
        }
        problems
    }

    fn is_on_cycle(&self, id: &UnitId) -> bool {
        let mut seen = BTreeSet::new();
        let mut current = self.units.get(id).and_then(|unit| unit.parent.clone());
        while let Some(parent) = current {
            if &parent == id {
                return true;
            }
            if !seen.insert(parent.clone()) {
                return false;
            }
            current = self.units.get(&parent).and_then(|unit| unit.parent.clone());
        }
        false
    }

    /// Whether `candidate_parent` may become the parent of `unit` without a cycle.
    pub fn would_cycle(&self, unit: &UnitId, candidate_parent: &UnitId) -> bool {
        candidate_parent == unit
            || self
                .ancestors(candidate_parent)
                .iter()
                .any(|ancestor| ancestor.id == *unit)
    }

    /// Looks a unit up.
    pub fn get(&self, id: &UnitId) -> Option<&Unit> {
        self.units.get(id)
    }

    /// All units, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &Unit> {
        self.units.values()
    }

    /// The number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Units without a parent (or whose parent is missing), ordered by id.
    pub fn roots(&self) -> Vec<&Unit> {
        self.units
            .values()
            .filter(|unit| {
                unit.parent
                    .as_ref()
                    .is_none_or(|parent| !self.units.contains_key(parent))
            })
            .collect()
    }

    /// Direct children, ordered by id.
    pub fn children(&self, id: &UnitId) -> Vec<&Unit> {
        self.children
            .get(id)
            .map(|ids| {
                ids.iter()
                    .filter_map(|child| self.units.get(child))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Ancestors from the parent upwards (stops at a missing parent or a cycle).
    pub fn ancestors(&self, id: &UnitId) -> Vec<&Unit> {
        let mut found = Vec::new();
        let mut seen = BTreeSet::from([id.clone()]);
        let mut current = self.units.get(id).and_then(|unit| unit.parent.as_ref());
        while let Some(parent_id) = current {
            if !seen.insert(parent_id.clone()) {
                break;
            }
            let Some(parent) = self.units.get(parent_id) else {
                break;
            };
            found.push(parent);
            current = parent.parent.as_ref();
        }
        found
    }

    /// The unit itself and its ancestors, nearest first ("its chain").
    pub fn chain(&self, id: &UnitId) -> Vec<&Unit> {
        self.units
            .get(id)
            .into_iter()
            .chain(self.ancestors(id))
            .collect()
    }

    /// The province a unit belongs to (the unit itself when it is a province).
    pub fn province_of(&self, id: &UnitId) -> Option<&Unit> {
        self.chain(id)
            .into_iter()
            .find(|unit| unit.kind == UnitKind::Province)
    }

    /// The nearest middle-level ancestor (city/town/district police), if there is one.
    pub fn middle_of(&self, id: &UnitId) -> Option<&Unit> {
        self.walk_up(id).find(|unit| unit.kind == UnitKind::Middle)
    }

    /// The parent, its parent and so on, nearest first, without the bookkeeping (a set of the
    /// ids seen) of [`UnitRegistry::ancestors`], for questions that look for the first unit of
    /// some kind (asked 700 times for one dashboard). It stops on coming back to `id`; a cycle
    /// above `id` is walked round again until as many steps as there are units were taken, so a
    /// unit may come more than once, but the units come first in the order
    /// [`UnitRegistry::ancestors`] gives them, and no other unit comes.
    fn walk_up<'a: 'b, 'b>(&'a self, id: &'b UnitId) -> impl Iterator<Item = &'a Unit> + 'b {
        let first = self.units.get(id).and_then(|unit| unit.parent.as_ref());
        std::iter::successors(
            first.and_then(|parent| self.units.get(parent)),
            |unit: &&Unit| {
                unit.parent
                    .as_ref()
                    .and_then(|parent| self.units.get(parent))
            },
        )
        .take(self.units.len())
        .take_while(move |unit| &unit.id != id)
    }

    /// All descendants (not the unit itself), depth-first in id order.
    pub fn descendants(&self, id: &UnitId) -> Vec<&Unit> {
        let mut found = Vec::new();
        let mut seen = BTreeSet::from([id.clone()]);
        let mut stack: Vec<&UnitId> = self
            .children
            .get(id)
            .map(|ids| ids.iter().rev().collect())
            .unwrap_or_default();
        while let Some(next) = stack.pop() {
            if !seen.insert(next.clone()) {
                continue;
            }
            if let Some(unit) = self.units.get(next) {
                found.push(unit);
            }
            if let Some(ids) = self.children.get(next) {
                stack.extend(ids.iter().rev());
            }
        }
        found
    }

    /// The wards (kind [`UnitKind::Ward`]) under a unit, at any depth, in depth-first id order.
    pub fn wards_under(&self, id: &UnitId) -> Vec<&Unit> {
        self.descendants(id)
            .into_iter()
            .filter(|unit| unit.kind == UnitKind::Ward)
            .collect()
    }

    /// Whether `id` is `ancestor` or lies under it.
    pub fn is_within(&self, id: &UnitId, ancestor: &UnitId) -> bool {
        id == ancestor || self.walk_up(id).any(|unit| &unit.id == ancestor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
        Unit {
            id: UnitId::new(id).unwrap(),
            code: None,
            name_vi: format!("Đơn vị {id}"),
            kind,
            parent: parent.map(|parent| UnitId::new(parent).unwrap()),
            attachment_limits: None,
        }
    }

    fn id(text: &str) -> UnitId {
        UnitId::new(text).unwrap()
    }

    fn sample() -> UnitRegistry {
        UnitRegistry::new([
            unit("na", UnitKind::Province, None),
            unit("vinh", UnitKind::Middle, Some("na")),
            unit("cua-lo", UnitKind::Middle, Some("na")),
            unit("le-mao", UnitKind::Ward, Some("vinh")),
            unit("hung-binh", UnitKind::Ward, Some("vinh")),
            unit("nghi-thu", UnitKind::Ward, Some("cua-lo")),
            unit("direct", UnitKind::Ward, Some("na")),
            unit("xa-1", UnitKind::Commune, Some("vinh")),
        ])
    }

    fn ids(units: Vec<&Unit>) -> Vec<&str> {
        units.into_iter().map(|unit| unit.id.as_str()).collect()
    }

    #[test]
    fn walks_the_tree() {
        let registry = sample();
        assert!(registry.problems().is_empty());
        assert_eq!(
            ids(registry.children(&id("vinh"))),
            ["hung-binh", "le-mao", "xa-1"]
        );
        assert_eq!(ids(registry.ancestors(&id("le-mao"))), ["vinh", "na"]);
        assert_eq!(ids(registry.chain(&id("le-mao"))), ["le-mao", "vinh", "na"]);
        assert_eq!(
            registry.province_of(&id("le-mao")).map(|u| u.id.as_str()),
            Some("na")
        );
        assert_eq!(
            registry.province_of(&id("na")).map(|u| u.id.as_str()),
            Some("na")
        );
        assert_eq!(
            registry.middle_of(&id("nghi-thu")).map(|u| u.id.as_str()),
            Some("cua-lo")
        );
        assert_eq!(registry.middle_of(&id("direct")), None);
        assert_eq!(
            ids(registry.wards_under(&id("na"))),
            ["nghi-thu", "direct", "hung-binh", "le-mao"]
        );
        assert_eq!(
            ids(registry.wards_under(&id("vinh"))),
            ["hung-binh", "le-mao"]
        );
        assert_eq!(ids(registry.roots()), ["na"]);
        assert!(registry.is_within(&id("le-mao"), &id("na")));
        assert!(!registry.is_within(&id("le-mao"), &id("cua-lo")));
        assert!(registry.would_cycle(&id("vinh"), &id("le-mao")));
        assert!(!registry.would_cycle(&id("le-mao"), &id("cua-lo")));
    }

    #[test]
    fn works_without_a_middle_level_and_at_greater_depth() {
        let registry = UnitRegistry::new([
            unit("bca", UnitKind::Province, None),
            unit("a", UnitKind::Middle, Some("bca")),
            unit("b", UnitKind::Middle, Some("a")),
            unit("w", UnitKind::Ward, Some("b")),
        ]);
        assert_eq!(
            registry.middle_of(&id("w")).map(|u| u.id.as_str()),
            Some("b")
        );
        assert_eq!(ids(registry.wards_under(&id("bca"))), ["w"]);
    }

    #[test]
    fn reports_missing_parents_cycles_and_empty_names() {
        let mut nameless = unit("n", UnitKind::Ward, Some("na"));
        nameless.name_vi = " ".to_string();
        let registry = UnitRegistry::new([
            unit("na", UnitKind::Province, None),
            unit("orphan", UnitKind::Ward, Some("gone")),
            unit("x", UnitKind::Middle, Some("y")),
            unit("y", UnitKind::Middle, Some("x")),
            nameless,
        ]);
        assert_eq!(
            registry.problems(),
            vec![
                UnitError::EmptyName { unit: id("n") },
                UnitError::MissingParent {
                    unit: id("orphan"),
                    parent: id("gone")
                },
                UnitError::Cycle { unit: id("x") },
                UnitError::Cycle { unit: id("y") },
            ]
        );
        assert_eq!(ids(registry.ancestors(&id("x"))), ["y"]);
        assert_eq!(ids(registry.descendants(&id("x"))), ["y"]);
        assert!(UnitRegistry::checked(registry.iter().cloned()).is_err());
        assert!(
            UnitError::Cycle { unit: id("x") }
                .message_vi()
                .contains("vòng lặp")
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// `is_within` and `middle_of` walk up without `ancestors`' set of ids seen: on any
        /// parents (missing ones, cycles through the unit or above it) they answer as asking
        /// `ancestors` would.
        #[test]
        fn the_quick_walks_up_answer_as_ancestors_does(
            parents in proptest::collection::vec(proptest::option::of(0usize..9), 1..8),
            middles in proptest::collection::vec(proptest::bool::ANY, 8),
        ) {
            let name = |index: usize| format!("u{index}");
            let registry = UnitRegistry::new(parents.iter().enumerate().map(|(index, parent)| {
                let kind = if middles[index] { UnitKind::Middle } else { UnitKind::Ward };
                unit(&name(index), kind, parent.map(name).as_deref())
            }));
            for index in 0..9 {
                let unit = id(&name(index));
                let ancestors = registry.ancestors(&unit);
                proptest::prop_assert_eq!(
                    registry.middle_of(&unit).map(|found| &found.id),
                    ancestors.iter().find(|found| found.kind == UnitKind::Middle).map(|found| &found.id)
                );
                for other in 0..9 {
                    let other = id(&name(other));
                    proptest::prop_assert_eq!(
                        registry.is_within(&unit, &other),
                        unit == other || ancestors.iter().any(|found| found.id == other)
                    );
                }
            }
        }
    }
}
