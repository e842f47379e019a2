//! A ward's criterion over the years (issue 24, step 4): its status in each of the earlier years
//! the store holds an assessment of the ward for, beside this year's.
//!
//! A criterion is the same across years when its id is (the catalogues define ids such as `C06`,
//! and [`crate::catalogue_diff`] matches them the same way); when that year's catalogue titles it
//! differently, the year says so ([`CriterionYear::renamed`]), and when that year's catalogue has
//! no such id, the year has no status.

use crate::assessment::{AssessmentKey, CriterionStatus};
use crate::ids::CriterionId;
use crate::store::Store;

/// How many earlier years the ward sees at most.
pub const EARLIER_YEARS: usize = 3;

/// One earlier year of a criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionYear {
    /// The year.
    pub year: u16,
    /// The status that year (not assessed when the ward entered none); `None` when that year's
    /// catalogue has no criterion of this id (or is unknown).
    pub status: Option<CriterionStatus>,
    /// That year's catalogue titles the criterion differently from this year's.
    pub renamed: bool,
}

/// `criterion` of `key`'s unit in the last `limit` earlier years the store holds, oldest first.
pub fn criterion_years(
    store: &Store,
    key: &AssessmentKey,
    criterion: &CriterionId,
    limit: usize,
) -> Vec<CriterionYear> {
    let title = |key: &AssessmentKey| {
        store
            .catalogue_of(key)
            .and_then(|catalogue| catalogue.criterion(criterion))
            .map(|found| found.title_vi.clone())
    };
    let now = title(key);
    let earlier: Vec<(&AssessmentKey, _)> = store
        .assessments()
        .iter()
        .filter(|(other, _)| other.unit == key.unit && other.year < key.year)
        .collect();
    earlier[earlier.len().saturating_sub(limit)..]
        .iter()
        .map(|(other, doc)| {
            let then = title(other);
            CriterionYear {
                year: other.year,
                status: then.as_ref().map(|_| {
                    doc.entry(criterion)
                        .map(|entry| entry.status)
                        .unwrap_or_default()
                }),
                renamed: then.is_some() && now.is_some() && then != now,
            }
        })
        .collect()
}
