//! The figures of the level above the provinces (issue 28): a store holding several provinces'
//! merged bundles (the Ministry's, 34 provinces and 3,321 units for a year) seen as one line per
//! province and the country's totals, all computed by the provinces' own [`ProvinceFigures`]
//! (one pass over the year's assessments, each counted under its province), so that a
//! province's line says what that province's own dashboard says.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::ids::{CatalogueId, CriterionId, UnitId};
use crate::store::Store;
use crate::unit::{UnitKind, UnitRegistry};

use super::{Basis, ProvinceFigures, QuotaProgress, RequestTotal, Tally, TrackFigures};

/// The counts a province's line and the country's total row share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Units assessed this year (on a track or not, known catalogue or not).
    pub assessed: usize,
    /// Maintained units.
    pub maintained: TrackFigures,
    /// New units.
    pub new: TrackFigures,
    /// Assessed units on no track.
    pub untracked: usize,
    /// The Ministry's quota of new units (`None` when none is set).
    pub quota: Option<u32>,
    /// New units against the quota.
    pub quota_progress: QuotaProgress,
    /// Wards with no assessment this year.
    pub without_assessment: usize,
    /// Open action items, and how many of them are overdue.
    pub open_actions: (usize, usize),
    /// How many values in conflict the counts depend on.
    pub conflicts: usize,
}

impl Counts {
    /// Nothing counted yet.
    fn zero() -> Counts {
        Counts {
            assessed: 0,
            maintained: TrackFigures::default(),
            new: TrackFigures::default(),
            untracked: 0,
            quota: None,
            quota_progress: QuotaProgress::NoQuota,
            without_assessment: 0,
            open_actions: (0, 0),
            conflicts: 0,
        }
    }

    /// A province's counts, as its own dashboard has them.
    fn of(figures: &ProvinceFigures) -> Counts {
        Counts {
            assessed: figures.wards.len(),
            maintained: figures.maintained,
            new: figures.new,
            untracked: figures.untracked,
            quota: figures.quota,
            quota_progress: figures.quota_progress,
            without_assessment: figures.wards_without_assessment.len(),
            open_actions: (figures.open_actions.len(), figures.overdue_actions),
            conflicts: figures.conflicts,
        }
    }

    /// Adds `more` to these counts; the quotas are summed and the progress taken against the sum.
    fn add(&mut self, more: &Counts) {
        self.assessed += more.assessed;
        add_track(&mut self.maintained, &more.maintained);
        add_track(&mut self.new, &more.new);
        self.untracked += more.untracked;
        if let Some(quota) = more.quota {
            self.quota = Some(self.quota.unwrap_or(0).saturating_add(quota));
        }
        self.quota_progress = QuotaProgress::of(self.new.total, self.quota);
        self.without_assessment += more.without_assessment;
        self.open_actions.0 += more.open_actions.0;
        self.open_actions.1 += more.open_actions.1;
        self.conflicts += more.conflicts;
    }
}

/// One province's line at the level above the provinces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceLine {
    /// The province.
    pub province: UnitId,
    /// Its Vietnamese name.
    pub name_vi: String,
    /// Its counts.
    pub counts: Counts,
}

impl ProvinceLine {
    fn of(figures: &ProvinceFigures) -> ProvinceLine {
        ProvinceLine {
            province: figures.province.clone(),
            name_vi: figures.province_name.clone(),
            counts: Counts::of(figures),
        }
    }
}

/// A criterion and how many tracked units of the whole country miss it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMiss {
    /// The catalogue.
    pub catalogue: CatalogueId,
    /// The criterion.
    pub criterion: CriterionId,
    /// Its 1-based number in the catalogue.
    pub number: usize,
    /// Its Vietnamese title.
    pub title_vi: String,
    /// How many units miss it.
    pub units: usize,
}

/// The country's figures for a year: a line per province holding units, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryFigures {
    /// The year.
    pub year: u16,
    /// The basis.
    pub basis: Basis,
    /// The number of criteria when every province's counted assessments use catalogues of one
    /// size.
    pub criteria_total: Option<usize>,
    /// One line per province with at least one unit under it, by id.
    pub provinces: Vec<ProvinceLine>,
    /// The provinces' counts summed (the quotas too: `None` when no province has one).
    pub total: Counts,
    /// Requests per category, summed, every category in display order.
    pub requests: Vec<RequestTotal>,
    /// Per criterion, how many tracked units miss it; most missed first.
    pub misses: Vec<CountryMiss>,
}

fn add_track(sum: &mut TrackFigures, more: &TrackFigures) {
    sum.total += more.total;
    sum.complete += more.complete;
    sum.expected_complete += more.expected_complete;
}

impl CountryFigures {
    /// The country's figures for `year`: every top province of the registry (a unit of kind
    /// province under no other) that has units under it, each computed as its own dashboard
    /// computes it, in one pass over the store's assessments. `registry` is the store's
    /// ([`Store::registry`]).
    pub fn compute_in(
        store: &Store,
        registry: &UnitRegistry,
        year: u16,
        basis: Basis,
        today: Date,
    ) -> CountryFigures {
        let mut tallies: BTreeMap<&UnitId, Tally<'_>> = registry
            .iter()
            .filter(|unit| {
                unit.kind == UnitKind::Province
                    && top_province(registry, &unit.id).is_none()
                    && !registry.children(&unit.id).is_empty()
            })
            .map(|unit| {
                let figures = ProvinceFigures::empty(store, unit, year, basis, today);
                (&unit.id, Tally::new(store, registry, figures))
            })
            .collect();
        for (key, doc) in store.assessments() {
            if key.year != year {
                continue;
            }
            // Under the top province above the unit: its own figures count every unit within it.
            let Some(province) = top_province(registry, &key.unit) else {
                continue;
            };
            if let Some(tally) = tallies.get_mut(province) {
                tally.add(key, doc);
            }
        }
        let provinces: Vec<ProvinceFigures> = tallies.into_values().map(Tally::finish).collect();
        CountryFigures::sum(year, basis, &provinces)
    }

    /// The totals of the provinces' figures.
    fn sum(year: u16, basis: Basis, provinces: &[ProvinceFigures]) -> CountryFigures {
        let mut country = CountryFigures {
            year,
            basis,
            criteria_total: None,
            provinces: provinces.iter().map(ProvinceLine::of).collect(),
            total: Counts::zero(),
            requests: Vec::new(),
            misses: Vec::new(),
        };
        let mut sizes = std::collections::BTreeSet::new();
        let mut misses: BTreeMap<(CatalogueId, CriterionId), CountryMiss> = BTreeMap::new();
        for (figures, line) in provinces.iter().zip(&country.provinces) {
            country.total.add(&line.counts);
            if figures.maintained.total + figures.new.total > 0 {
                sizes.insert(figures.criteria_total);
            }
            add_requests(&mut country.requests, &figures.requests);
            for miss in &figures.misses {
                misses
                    .entry((miss.catalogue.clone(), miss.criterion.clone()))
                    .or_insert_with(|| CountryMiss {
                        catalogue: miss.catalogue.clone(),
                        criterion: miss.criterion.clone(),
                        number: miss.number,
                        title_vi: miss.title_vi.clone(),
                        units: 0,
                    })
                    .units += miss.wards.len();
            }
        }
        country.criteria_total = match sizes.len() {
            1 => sizes.into_iter().next().flatten(),
            _ => None,
        };
        let mut misses: Vec<CountryMiss> = misses.into_values().collect();
        misses.sort_by(|left, right| {
            right
                .units
                .cmp(&left.units)
                .then(left.number.cmp(&right.number))
                .then(left.catalogue.cmp(&right.catalogue))
        });
        country.misses = misses;
        country
    }
}

/// Adds a province's request totals to the country's, category by category.
fn add_requests(sum: &mut Vec<RequestTotal>, more: &[RequestTotal]) {
    if sum.is_empty() {
        sum.extend(more.iter().cloned());
        return;
    }
    for total in more {
        let Some(into) = sum.iter_mut().find(|into| into.category == total.category) else {
            sum.push(total.clone());
            continue;
        };
        into.count += total.count;
        for (label, quantity) in &total.quantities {
            *into.quantities.entry(label.clone()).or_insert(0.0) += quantity;
        }
    }
}

/// The years for which the store holds any unit's assessment, newest first.
pub fn country_years(store: &Store) -> Vec<u16> {
    let years: std::collections::BTreeSet<u16> =
        store.assessments().keys().map(|key| key.year).collect();
    years.into_iter().rev().collect()
}

/// How many provinces of the registry have assessed units under them (any year): more than
/// one is a store of the level above the provinces.
pub fn assessed_provinces(store: &Store, registry: &UnitRegistry) -> usize {
    let provinces: std::collections::BTreeSet<&UnitId> = store
        .assessments()
        .keys()
        .filter_map(|key| top_province(registry, &key.unit))
        .collect();
    provinces.len()
}

/// The topmost province above `unit` (not the unit itself), if any.
fn top_province<'a>(registry: &'a UnitRegistry, unit: &UnitId) -> Option<&'a UnitId> {
    registry
        .ancestors(unit)
        .into_iter()
        .rev()
        .find(|unit| unit.kind == UnitKind::Province)
        .map(|unit| &unit.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{self, country};

    /// Nghệ An's 2024 wards, and two provinces of the country for 2025 (Lai Châu, Huế), with the
    /// Ministry's registry: one store, as the level above the provinces holds them.
    fn three_provinces() -> (Store, Vec<fixtures::ProvinceFixture>) {
        let mut store = Store::new();
        let mut fixtures = vec![fixtures::nghe_an_2024(7).unwrap()];
        for number in [1, 2] {
            fixtures.push(fixtures::generate(&country::province_spec(7, number).unwrap()).unwrap());
        }
        for fixture in &fixtures {
            store.merge(&fixtures::merged_store(fixture).unwrap());
        }
        (store, fixtures)
    }

    #[test]
    fn each_province_line_is_what_its_own_dashboard_says_and_the_totals_add_them_up() {
        let (store, fixtures) = three_provinces();
        let registry = store.registry();
        assert_eq!(assessed_provinces(&store, &registry), 3);
        assert_eq!(country_years(&store), vec![2025, 2024]);
        let today = Date::literal(2025, 12, 18);
        let country =
            CountryFigures::compute_in(&store, &registry, 2025, Basis::SelfAssessed, today);
        // Nghệ An has no 2025 assessment: its line is there, empty, its wards without one.
        assert_eq!(country.provinces.len(), 3);
        let mut assessed = 0;
        for fixture in &fixtures {
            let own = ProvinceFigures::compute(
                &store,
                &fixture.province,
                2025,
                Basis::SelfAssessed,
                today,
            )
            .unwrap();
            let line = country
                .provinces
                .iter()
                .find(|line| line.province == fixture.province)
                .expect("a line per province");
            assert_eq!(line, &ProvinceLine::of(&own));
            assessed += own.wards.len();
        }
        assert_eq!(assessed, 38 + 40);
        assert_eq!(country.total.assessed, assessed);
        let lines = &country.provinces;
        let sum = |read: fn(&ProvinceLine) -> usize| lines.iter().map(read).sum::<usize>();
        assert_eq!(
            country.total.maintained.total,
            sum(|line| line.counts.maintained.total)
        );
        assert_eq!(
            country.total.new.expected_complete,
            sum(|line| line.counts.new.expected_complete)
        );
        assert_eq!(country.total.untracked, sum(|line| line.counts.untracked));
        assert_eq!(
            country.total.maintained.total + country.total.new.total + country.total.untracked,
            assessed
        );
        assert_eq!(
            country.total.without_assessment,
            sum(|line| line.counts.without_assessment)
        );
        assert_eq!(
            country.total.open_actions.0,
            sum(|line| line.counts.open_actions.0)
        );
        let quota: u32 = lines.iter().filter_map(|line| line.counts.quota).sum();
        assert_eq!(country.total.quota, Some(quota));
        assert_eq!(
            country.total.quota_progress,
            QuotaProgress::of(country.total.new.total, Some(quota))
        );
        assert_eq!(country.criteria_total, Some(20));
        // Misses: most missed first, and each count the provinces' own counts summed.
        assert!(
            country
                .misses
                .windows(2)
                .all(|pair| pair[0].units >= pair[1].units)
        );
        let missed: usize = country.misses.iter().map(|miss| miss.units).sum();
        let own_missed: usize = fixtures
            .iter()
            .map(|fixture| {
                ProvinceFigures::compute(
                    &store,
                    &fixture.province,
                    2025,
                    Basis::SelfAssessed,
                    today,
                )
                .unwrap()
                .misses
                .iter()
                .map(|miss| miss.wards.len())
                .sum::<usize>()
            })
            .sum();
        assert_eq!(missed, own_missed);
        assert!(missed > 0);
        let requests: usize = country.requests.iter().map(|total| total.count).sum();
        assert!(requests >= assessed, "one to three requests per unit");
    }

    #[test]
    fn a_province_store_has_one_assessed_province_and_a_unit_without_children_no_line() {
        let fixture = fixtures::nghe_an_2024(7).unwrap();
        let mut store = fixtures::merged_store(&fixture).unwrap();
        let registry = store.registry();
        assert_eq!(assessed_provinces(&store, &registry), 1);
        // The Ministry's registry adds top units with no children: no line for them.
        let (registry_json, _) = country::registry().unwrap();
        let bundle = crate::read_bundle(registry_json.as_bytes(), &Default::default()).unwrap();
        store.merge(&bundle.content);
        let registry = store.registry();
        let country =
            CountryFigures::compute_in(&store, &registry, 2024, Basis::AfterReview, fixture.today);
        assert_eq!(country.provinces.len(), 1);
        assert_eq!(country.provinces[0].province, fixture.province);
        assert_eq!(country.total.maintained.total, 16);
        assert_eq!(country.total.new.total, 8);
    }
}
