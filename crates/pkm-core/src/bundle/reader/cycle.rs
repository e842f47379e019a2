//! Decoding the cycle's records of a bundle's content (`conclusions`, `decisions`; optional
//! members, see [`crate::cycle`]): each record on its own, with its ids, year, register and
//! value checked, duplicates refused, and its position kept for the problems found later.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::Decoder;
use crate::assessment::{AssessmentKey, year_in_range};
use crate::bundle::json::{child, index};
use crate::bundle::{ProblemKind, SourceIndex};
use crate::cycle::MAX_DECISION_WARDS;
use crate::cycle::shapes::{ConclusionRecord, DecisionRecord};
use crate::ids::UnitId;
use crate::store::Store;

impl Decoder<'_> {
    /// An optional array member of the content: absent is empty, anything but an array is a
    /// problem.
    fn optional_array<'v>(
        &mut self,
        content: &'v Map<String, Value>,
        name: &str,
    ) -> Option<&'v Vec<Value>> {
        match content.get(name) {
            None => None,
            Some(Value::Array(items)) => Some(items),
            Some(_) => {
                self.push(
                    ProblemKind::InvalidRecord {
                        detail: format!("{name} must be an array"),
                    },
                    child("$.content", name),
                );
                None
            }
        }
    }

    /// A unit id and a year of a record, checked.
    fn unit_year(&mut self, unit: &UnitId, member: &str, year: u16, path: &str) -> bool {
        let mut fine = self.check_id(unit.check(), unit.as_str(), format!("{path}.{member}"));
        if !year_in_range(year) {
            self.push(
                ProblemKind::YearOutOfRange {
                    year: u64::from(year),
                },
                format!("{path}.year"),
            );
            fine = false;
        }
        fine
    }

    /// The province's conclusions per ward and year.
    pub(super) fn conclusions(
        &mut self,
        content: &Map<String, Value>,
        store: &mut Store,
        index_out: &mut SourceIndex,
    ) {
        let Some(items) = self.optional_array(content, "conclusions") else {
            return;
        };
        let base = "$.content.conclusions";
        if !self.count(
            "conclusions",
            items.len(),
            self.limits.max_assessments,
            base,
        ) {
            return;
        }
        let mut seen = BTreeSet::new();
        for (position, value) in items.iter().enumerate() {
            let path = index(base, position);
            let Some(record) = self.decode_as::<ConclusionRecord>(value, &path) else {
                continue;
            };
            let mut fine = self.unit_year(&record.unit, "unit", record.year, &path);
            fine &= self.check_register(&record.versions, &format!("{path}.versions"));
            let key = AssessmentKey::new(record.unit, record.year);
            if !seen.insert(key.clone()) {
                self.push(
                    ProblemKind::DuplicateId {
                        id: format!("{} {}", key.unit, key.year),
                    },
                    path,
                );
                continue;
            }
            if fine {
                index_out.conclusions.insert(key.clone(), position);
                store.conclusions.insert(key, record.versions);
            }
        }
    }

    /// The Minister's decisions per province and year.
    pub(super) fn decisions(
        &mut self,
        content: &Map<String, Value>,
        store: &mut Store,
        index_out: &mut SourceIndex,
    ) {
        let Some(items) = self.optional_array(content, "decisions") else {
            return;
        };
        let base = "$.content.decisions";
        if !self.count(
            "decisions",
            items.len(),
            self.limits.max_province_records,
            base,
        ) {
            return;
        }
        let mut seen = BTreeSet::new();
        for (position, value) in items.iter().enumerate() {
            let path = index(base, position);
            let Some(record) = self.decode_as::<DecisionRecord>(value, &path) else {
                continue;
            };
            let mut fine = self.unit_year(&record.province, "province", record.year, &path);
            let versions = format!("{path}.versions");
            fine &= self.check_register(&record.versions, &versions);
            for (entry_position, entry) in record.versions.siblings().iter().enumerate() {
                let Some(decision) = &entry.value else {
                    continue;
                };
                let value_path = format!("{}.value", index(&versions, entry_position));
                fine &= self.count(
                    "units",
                    decision.wards.len(),
                    MAX_DECISION_WARDS.min(self.limits.max_units),
                    &format!("{value_path}.wards"),
                );
                if decision.number.trim().is_empty() {
                    self.push(ProblemKind::EmptyText, format!("{value_path}.number"));
                    fine = false;
                }
                for ward in &decision.wards {
                    fine &=
                        self.check_id(ward.check(), ward.as_str(), format!("{value_path}.wards"));
                }
            }
            let key = (record.province.clone(), record.year);
            if !seen.insert(key.clone()) {
                self.push(
                    ProblemKind::DuplicateId {
                        id: format!("{} {}", key.0, key.1),
                    },
                    path,
                );
                continue;
            }
            if fine {
                index_out.decisions.insert(key.clone(), position);
                store.decisions.insert(key, record.versions);
            }
        }
    }
}
