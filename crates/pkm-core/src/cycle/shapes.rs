//! Serialised shapes of the cycle's records: conclusions become an array of
//! `{unit, year, versions}` records sorted by ward and year, decisions an array of
//! `{province, year, versions}` records like quotas. Used by the store's serde and the bundle
//! format (`content.conclusions`, `content.decisions`, written only when not empty).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Conclusion, Decision};
use crate::assessment::AssessmentKey;
use crate::ids::UnitId;
use crate::register::MvReg;
use crate::store::{ProvinceYear, ProvinceYearRecord};

/// One conclusion register: the province's conclusion on a ward's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConclusionRecord {
    /// The ward.
    pub unit: UnitId,
    /// The year.
    pub year: u16,
    /// The register's entries.
    pub versions: MvReg<Conclusion>,
}

/// A decision record: the Minister's decision for a province's year.
pub type DecisionRecord = ProvinceYearRecord<Decision>;

pub(crate) mod conclusions {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<AssessmentKey, MvReg<Conclusion>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.iter().map(|(key, versions)| ConclusionRecord {
            unit: key.unit.clone(),
            year: key.year,
            versions: versions.clone(),
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<AssessmentKey, MvReg<Conclusion>>, D::Error> {
        let mut map: BTreeMap<AssessmentKey, MvReg<Conclusion>> = BTreeMap::new();
        for record in Vec::<ConclusionRecord>::deserialize(deserializer)? {
            map.entry(AssessmentKey::new(record.unit, record.year))
                .or_default()
                .merge(&record.versions);
        }
        Ok(map)
    }
}

pub(crate) mod decisions {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<ProvinceYear, MvReg<Decision>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            map.iter()
                .map(|((province, year), versions)| DecisionRecord {
                    province: province.clone(),
                    year: *year,
                    versions: versions.clone(),
                }),
        )
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<ProvinceYear, MvReg<Decision>>, D::Error> {
        let mut map: BTreeMap<ProvinceYear, MvReg<Decision>> = BTreeMap::new();
        for record in Vec::<DecisionRecord>::deserialize(deserializer)? {
            map.entry((record.province, record.year))
                .or_default()
                .merge(&record.versions);
        }
        Ok(map)
    }
}
