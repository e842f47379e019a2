//! Serialised shapes of the store's maps whose keys are not strings: quotas and year catalogues
//! become arrays of `{province, year, versions}` records, catalogues and assessments become arrays
//! sorted by key. Used by the store's serde and by the bundle format.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{AssessmentDoc, ProvinceYear};
use crate::assessment::AssessmentKey;
use crate::catalogue::Catalogue;
use crate::ids::{CatalogueId, UnitId};
use crate::register::MvReg;

/// One register keyed by province and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceYearRecord<T> {
    /// The province.
    pub province: UnitId,
    /// The year.
    pub year: u16,
    /// The register's entries.
    pub versions: MvReg<T>,
}

/// A quota record: the Ministry's quota of new model wards (chỉ tiêu) for a province and year.
pub type QuotaRecord = ProvinceYearRecord<u32>;

/// A year-catalogue record: the catalogue a province uses for a year.
pub type YearCatalogueRecord = ProvinceYearRecord<CatalogueId>;

fn to_records<T: Clone>(map: &BTreeMap<ProvinceYear, MvReg<T>>) -> Vec<ProvinceYearRecord<T>> {
    map.iter()
        .map(|((province, year), versions)| ProvinceYearRecord {
            province: province.clone(),
            year: *year,
            versions: versions.clone(),
        })
        .collect()
}

fn from_records<T: Clone + PartialEq + Serialize>(
    records: Vec<ProvinceYearRecord<T>>,
) -> BTreeMap<ProvinceYear, MvReg<T>> {
    let mut map: BTreeMap<ProvinceYear, MvReg<T>> = BTreeMap::new();
    for record in records {
        map.entry((record.province, record.year))
            .or_default()
            .merge(&record.versions);
    }
    map
}

pub(crate) mod quotas {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<ProvinceYear, MvReg<u32>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        to_records(map).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<ProvinceYear, MvReg<u32>>, D::Error> {
        Ok(from_records(Vec::<ProvinceYearRecord<u32>>::deserialize(
            deserializer,
        )?))
    }
}

pub(crate) mod year_catalogues {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<ProvinceYear, MvReg<CatalogueId>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        to_records(map).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<ProvinceYear, MvReg<CatalogueId>>, D::Error> {
        Ok(from_records(
            Vec::<ProvinceYearRecord<CatalogueId>>::deserialize(deserializer)?,
        ))
    }
}

pub(crate) mod catalogues {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<CatalogueId, Catalogue>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<CatalogueId, Catalogue>, D::Error> {
        let list = Vec::<Catalogue>::deserialize(deserializer)?;
        Ok(list
            .into_iter()
            .map(|catalogue| (catalogue.id.clone(), catalogue))
            .collect())
    }
}

pub(crate) mod assessments {
    use super::*;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<AssessmentKey, AssessmentDoc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<AssessmentKey, AssessmentDoc>, D::Error> {
        let list = Vec::<AssessmentDoc>::deserialize(deserializer)?;
        let mut map: BTreeMap<AssessmentKey, AssessmentDoc> = BTreeMap::new();
        for doc in list {
            match map.get_mut(&doc.key()) {
                Some(existing) => {
                    existing.merge(&doc);
                }
                None => {
                    map.insert(doc.key(), doc);
                }
            }
        }
        Ok(map)
    }
}
