//! The province's years side by side (issue 24, step 4): per year, the wards per track and
//! result, how many the province proposed and the Minister recognised, and the criteria most
//! often missed; and a ward's criterion over its years ([`ward`]).
//!
//! - The years shown are every year the store holds data for under the province (assessments of
//!   its units, its conclusions, its decisions), and at least the chosen year and the two before
//!   it, so that three years always stand side by side (a year without data shows zeros).
//! - The results per track come from [`ProvinceFigures`]: "đạt" (every criterion met),
//!   "dự kiến đạt" (every criterion met or expected, some only expected), "chưa đạt" (the rest);
//!   proposed and recognised from [`CycleCounts`], as the dashboard's line of the outcome says.
//! - Criteria are not matched across years: a catalogue is the year's own (22 criteria in 2023,
//!   20 in 2024, numbered afresh), so the same number or id may name another criterion another
//!   year. Each year's misses keep their own catalogue's number and title.

use std::collections::BTreeSet;

pub mod ward;

use crate::cycle::CycleCounts;
use crate::date::Date;
use crate::figures::{Basis, CriterionMiss, FiguresError, ProvinceFigures, TrackFigures};
use crate::ids::UnitId;
use crate::store::Store;

/// How many years the comparison shows at least.
pub const MIN_YEARS: u16 = 3;

/// The wards of one track in one year, by result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrackResults {
    /// Every criterion met ("đạt").
    pub reached: usize,
    /// Every criterion met or expected, not all met ("dự kiến đạt").
    pub expected: usize,
    /// Some criterion neither met nor expected ("chưa đạt").
    pub not_reached: usize,
}

impl TrackResults {
    /// The results of a track's figures.
    pub fn of(track: &TrackFigures) -> TrackResults {
        TrackResults {
            reached: track.complete,
            expected: track.expected_complete - track.complete,
            not_reached: track.total - track.expected_complete,
        }
    }

    /// How many wards are on the track.
    pub fn total(&self) -> usize {
        self.reached + self.expected + self.not_reached
    }
}

/// One year of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct YearResults {
    /// The year.
    pub year: u16,
    /// Wards on the maintain track ("duy trì").
    pub maintain: TrackResults,
    /// Wards on the new track ("xây dựng mới").
    pub new: TrackResults,
    /// Wards the province proposed for recognition.
    pub proposed: usize,
    /// Wards the Minister's decision recognised.
    pub recognised: usize,
    /// The Ministry's quota of new wards.
    pub quota: Option<u32>,
    /// The number of criteria, when every counted assessment used a catalogue of the same size.
    pub criteria_total: Option<usize>,
    /// The criteria missed that year, most missed first (numbers and titles of that year's
    /// catalogues).
    pub misses: Vec<CriterionMiss>,
}

/// Every year the store holds data for under `province`: assessments of units within it (not
/// of the province itself), its conclusions and its decisions.
pub fn years_held(store: &Store, province: &UnitId) -> BTreeSet<u16> {
    let registry = store.registry();
    let within = |unit: &UnitId| unit != province && registry.is_within(unit, province);
    let mut years: BTreeSet<u16> = store
        .assessments()
        .keys()
        .filter(|key| within(&key.unit))
        .map(|key| key.year)
        .collect();
    years.extend(
        store
            .conclusions
            .keys()
            .filter(|key| within(&key.unit))
            .map(|key| key.year),
    );
    years.extend(
        store
            .decisions
            .keys()
            .filter(|(unit, _)| unit == province)
            .map(|(_, year)| *year),
    );
    years
}

/// The years the comparison shows: every year held, and `chosen` with the
/// [`MIN_YEARS`]` - 1` years before it; oldest first.
pub fn years_shown(held: &BTreeSet<u16>, chosen: u16) -> Vec<u16> {
    let mut years = held.clone();
    years.extend((0..MIN_YEARS).filter_map(|back| chosen.checked_sub(back)));
    years.into_iter().collect()
}

/// The comparison of `province`'s years up to and around `chosen` (see [`years_shown`]), each
/// year's figures on `basis` (`today` only decides overdue items, which are not shown here).
pub fn year_over_year(
    store: &Store,
    province: &UnitId,
    chosen: u16,
    basis: Basis,
    today: Date,
) -> Result<Vec<YearResults>, FiguresError> {
    let registry = store.registry();
    years_shown(&years_held(store, province), chosen)
        .into_iter()
        .map(|year| {
            let figures =
                ProvinceFigures::compute_in(store, &registry, province, year, basis, today)?;
            let cycle = CycleCounts::of(store, province, year);
            Ok(YearResults {
                year,
                maintain: TrackResults::of(&figures.maintained),
                new: TrackResults::of(&figures.new),
                proposed: cycle.proposed,
                recognised: cycle.recognised,
                quota: figures.quota,
                criteria_total: figures.criteria_total,
                misses: figures.misses,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_years_at_least_and_every_year_held() {
        let held: BTreeSet<u16> = [2019, 2024].into_iter().collect();
        assert_eq!(
            years_shown(&held, 2024),
            [2019, 2022, 2023, 2024],
            "the gap before the chosen year is filled, an old year held is kept"
        );
        assert_eq!(years_shown(&BTreeSet::new(), 2025), [2023, 2024, 2025]);
        let later: BTreeSet<u16> = [2026].into_iter().collect();
        assert_eq!(years_shown(&later, 2024), [2022, 2023, 2024, 2026]);
        assert_eq!(years_shown(&BTreeSet::new(), 1), [0, 1]);
    }

    #[test]
    fn results_split_a_track_into_three() {
        let track = TrackFigures {
            total: 10,
            complete: 4,
            expected_complete: 7,
        };
        let results = TrackResults::of(&track);
        assert_eq!(
            results,
            TrackResults {
                reached: 4,
                expected: 3,
                not_reached: 3
            }
        );
        assert_eq!(results.total(), 10);
    }
}
