//! The province's years side by side (issue 24, step 4) on a store holding three years of the
//! Nghệ An fixture through real imports: every year held is shown, each year's counts are that
//! year's alone (the figures of its own fixture), and the charts' columns carry those counts.

use pkm_core::Basis;
use pkm_core::ProvinceFigures;
use pkm_core::chart::years::{Series, misses_by_year_chart, results_chart};
use pkm_core::fixtures::merged_store;
use pkm_core::fixtures::years::{YEARS, merged_years, nghe_an_years};
use pkm_core::years::{TrackResults, year_over_year, years_held};

#[test]
fn three_years_imported_stand_side_by_side_each_with_its_own_counts() {
    let fixtures = nghe_an_years(7).expect("the fixtures generate");
    let store = merged_years(&fixtures).expect("the years merge");
    let province = fixtures[0].province.clone();
    assert_eq!(
        years_held(&store, &province)
            .into_iter()
            .collect::<Vec<_>>(),
        YEARS
    );
    let today = fixtures[2].today;
    let years = year_over_year(&store, &province, 2025, Basis::SelfAssessed, today)
        .expect("the figures compute");
    assert_eq!(
        years.iter().map(|year| year.year).collect::<Vec<_>>(),
        YEARS
    );
    let totals: Vec<(usize, usize)> = years
        .iter()
        .map(|year| (year.maintain.total(), year.new.total()))
        .collect();
    assert_eq!(
        totals,
        [(10, 3), (16, 8), (14, 5)],
        "Vinh; the whole province; Vinh and Cửa Lò"
    );
    assert_eq!(
        years[1].maintain.reached + years[1].maintain.expected,
        14,
        "the meeting's figure: 14 maintained wards expected to reach 20/20"
    );
    for (year, fixture) in years.iter().zip(&fixtures) {
        let alone = ProvinceFigures::compute(
            &merged_store(fixture).expect("one year merges"),
            &province,
            year.year,
            Basis::SelfAssessed,
            today,
        )
        .expect("its figures");
        assert_eq!(
            year.maintain,
            TrackResults::of(&alone.maintained),
            "{}",
            year.year
        );
        assert_eq!(year.new, TrackResults::of(&alone.new), "{}", year.year);
        assert_eq!(year.misses, alone.misses, "{}", year.year);
        assert_eq!(
            (year.proposed, year.recognised),
            (0, 0),
            "nobody concluded yet"
        );
    }
    // Choosing 2023 still shows 2024 and 2025 (every year held), and the two years before 2023,
    // empty.
    let chosen_earlier = year_over_year(&store, &province, 2023, Basis::SelfAssessed, today)
        .expect("the figures compute");
    assert_eq!(chosen_earlier[2..], years[..]);
    assert_eq!(chosen_earlier[0].year, 2021);
    assert_eq!(
        chosen_earlier[1].maintain.total() + chosen_earlier[1].new.total(),
        0
    );

    let chart = results_chart(&years);
    for (group, year) in chart.groups.iter().zip(&years) {
        let maintain = &group.columns[0];
        assert_eq!(maintain.series, Series::Maintain);
        assert_eq!(maintain.total, year.maintain.total());
        assert_eq!(group.columns[1].total, year.new.total());
    }
    let input: Vec<(u16, &[pkm_core::figures::CriterionMiss])> = years
        .iter()
        .map(|year| (year.year, year.misses.as_slice()))
        .collect();
    let misses = misses_by_year_chart(&input, 5);
    assert_eq!(misses.sections.len(), 3);
    for (section, year) in misses.sections.iter().zip(&years) {
        let top = year.misses.first().map_or(0, |miss| miss.wards.len());
        assert_eq!(section.bars.first().map_or(0, |bar| bar.value), top);
    }
}

#[test]
fn a_ward_sees_each_earlier_year_it_holds_of_a_criterion() {
    use pkm_core::fixtures::years::merged_years;
    use pkm_core::years::ward::{EARLIER_YEARS, criterion_years};
    use pkm_core::{AssessmentKey, CriterionId, UnitId};
    let fixtures = nghe_an_years(7).expect("the fixtures generate");
    let store = merged_years(&fixtures).expect("the years merge");
    let c01 = CriterionId::new("C01").unwrap();
    let le_mao = UnitId::new("na-vinh-le-mao").unwrap();
    let seen = criterion_years(
        &store,
        &AssessmentKey::new(le_mao.clone(), 2025),
        &c01,
        EARLIER_YEARS,
    );
    assert_eq!(
        seen.iter().map(|year| year.year).collect::<Vec<_>>(),
        [2023, 2024]
    );
    for year in &seen {
        let status = store
            .assessment(&AssessmentKey::new(le_mao.clone(), year.year))
            .and_then(|doc| doc.entry(&c01))
            .map(|entry| entry.status)
            .unwrap_or_default();
        assert_eq!(year.status, Some(status));
        assert!(!year.renamed, "one catalogue every year");
    }
    let only_last = criterion_years(&store, &AssessmentKey::new(le_mao.clone(), 2025), &c01, 1);
    assert_eq!(only_last, seen[1..]);
    let cua_lo = UnitId::new("na-cua-lo-nghi-thuy").unwrap();
    let seen = criterion_years(
        &store,
        &AssessmentKey::new(cua_lo, 2025),
        &c01,
        EARLIER_YEARS,
    );
    assert_eq!(
        seen.iter().map(|year| year.year).collect::<Vec<_>>(),
        [2024],
        "not in 2023's fixture"
    );
    let unknown = CriterionId::new("C99").unwrap();
    let seen = criterion_years(
        &store,
        &AssessmentKey::new(le_mao, 2025),
        &unknown,
        EARLIER_YEARS,
    );
    assert!(
        seen.iter().all(|year| year.status.is_none()),
        "no such criterion those years"
    );
}
