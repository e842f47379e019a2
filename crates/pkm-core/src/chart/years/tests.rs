//! Tests of the years' charts: fixed cases and properties (columns sum to their counts and
//! stack without gaps, ticks are whole numbers that cover the largest value, nothing overlaps).

use super::*;
use crate::ids::{CatalogueId, CriterionId, UnitId};
use crate::years::TrackResults;

fn results(
    year: u16,
    maintain: [usize; 3],
    new: [usize; 3],
    proposed: usize,
    recognised: usize,
) -> YearResults {
    let track = |[reached, expected, not_reached]: [usize; 3]| TrackResults {
        reached,
        expected,
        not_reached,
    };
    YearResults {
        year,
        maintain: track(maintain),
        new: track(new),
        proposed,
        recognised,
        quota: None,
        criteria_total: None,
        misses: Vec::new(),
    }
}

fn miss(number: usize, wards: usize) -> CriterionMiss {
    CriterionMiss {
        catalogue: CatalogueId::new("c").unwrap(),
        criterion: CriterionId::new(format!("C{number:02}")).unwrap(),
        number,
        title_vi: format!("Tiêu chí {number}"),
        wards: (0..wards)
            .map(|index| UnitId::new(format!("w{index}")).unwrap())
            .collect(),
    }
}

#[test]
fn three_years_of_four_columns_stacked_by_result() {
    let chart = results_chart(&[
        results(2023, [3, 1, 2], [0, 2, 4], 4, 3),
        results(2024, [3, 0, 0], [5, 2, 1], 6, 5),
        results(2025, [5, 0, 1], [1, 1, 1], 0, 0),
    ]);
    assert_eq!(chart.groups.len(), 3);
    assert_eq!(
        chart.max, 8,
        "the largest column (8 new wards in 2024) tops the axis"
    );
    let ticks: Vec<usize> = chart.ticks.iter().map(|tick| tick.value).collect();
    assert_eq!(ticks, [0, 2, 4, 6, 8]);
    let totals: Vec<Vec<usize>> = chart
        .groups
        .iter()
        .map(|group| group.columns.iter().map(|column| column.total).collect())
        .collect();
    assert_eq!(totals, [[6, 6, 4, 3], [3, 8, 6, 5], [6, 3, 0, 0]]);
    let new_2024 = &chart.groups[1].columns[1];
    assert_eq!(new_2024.series, Series::New);
    assert_eq!(
        new_2024
            .segments
            .iter()
            .map(|s| (s.fill, s.value))
            .collect::<Vec<_>>(),
        [
            (Fill::Reached, 5),
            (Fill::Expected, 2),
            (Fill::NotReached, 1)
        ]
    );
    assert!(
        (new_2024.segments[2].y - chart.ticks[4].y).abs() < 1e-9,
        "8 reaches the top tick"
    );
    assert!(
        new_2024.segments[0].text_y.is_some(),
        "5 of 8 is tall enough for its value"
    );
    assert_eq!(chart.groups[2].columns[2].segments[0].height, 0.0);
    assert_eq!(chart.groups[0].year, 2023);
    assert!(chart.width >= chart.groups[2].columns[3].x + COLUMN_WIDTH);
}

#[test]
fn an_empty_year_still_has_an_axis() {
    let chart = results_chart(&[results(2024, [0; 3], [0; 3], 0, 0)]);
    assert_eq!(chart.max, 1);
    assert_eq!(chart.ticks.len(), 2);
    assert!(
        chart.groups[0]
            .columns
            .iter()
            .all(|column| column.total == 0)
    );
}

#[test]
fn misses_per_year_share_one_scale_and_say_when_a_year_has_none() {
    let first = [miss(6, 4), miss(12, 2), miss(3, 0)];
    let second: [CriterionMiss; 0] = [];
    let third = [miss(1, 8), miss(2, 1)];
    let chart = misses_by_year_chart(&[(2023, &first), (2024, &second), (2025, &third)], 5);
    assert_eq!(chart.sections.len(), 3);
    assert_eq!(
        chart.sections[0].bars.len(),
        2,
        "a criterion nobody missed is left out"
    );
    assert!(chart.sections[1].bars.is_empty());
    assert_eq!(chart.max, 8);
    let plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    assert!((chart.sections[2].bars[0].width - plot).abs() < 1e-9);
    assert!((chart.sections[0].bars[0].width - plot / 2.0).abs() < 1e-9);
    // Rows: heading, 2 bars, heading, the "none" row, heading, 2 bars.
    assert_eq!(chart.axis_y, 8.0 * ROW_HEIGHT);
    assert_eq!(chart.sections[2].bars[0].pattern, 2);
    assert!(chart.sections[2].heading_y > chart.sections[1].heading_y + ROW_HEIGHT);
}

/// Property tests (native only: proptest is not built for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arbitrary_track() -> impl Strategy<Value = [usize; 3]> {
        [0usize..40, 0usize..40, 0usize..40]
    }

    fn arbitrary_year() -> impl Strategy<Value = (u16, [usize; 3], [usize; 3], usize, usize)> {
        (
            2000u16..2100,
            arbitrary_track(),
            arbitrary_track(),
            0usize..80,
            0usize..80,
        )
    }

    proptest! {
        #[test]
        fn columns_add_up_and_fit_the_axis(years in prop::collection::vec(arbitrary_year(), 0..7)) {
            let years: Vec<YearResults> = years
                .into_iter()
                .map(|(year, maintain, new, proposed, recognised)| results(year, maintain, new, proposed, recognised))
                .collect();
            let chart = results_chart(&years);
            let step = chart.ticks.get(1).map_or(0, |tick| tick.value);
            prop_assert!(step >= 1);
            prop_assert!([1, 2, 5].contains(&(step / 10usize.pow(step.ilog10()))), "step {step}");
            prop_assert_eq!(chart.ticks.last().map(|tick| tick.value), Some(chart.max));
            prop_assert!(chart.ticks.len() <= 6);
            let scale = PLOT_HEIGHT / chart.max as f64;
            let mut right = 0.0;
            for (group, year) in chart.groups.iter().zip(&years) {
                prop_assert_eq!(group.year, year.year);
                let expected = [year.maintain.total(), year.new.total(), year.proposed, year.recognised];
                for (column, count) in group.columns.iter().zip(expected) {
                    prop_assert!(column.x >= right, "columns do not overlap");
                    right = column.x + column.width;
                    prop_assert_eq!(column.total, count);
                    prop_assert_eq!(column.segments.iter().map(|s| s.value).sum::<usize>(), count);
                    prop_assert!(count <= chart.max);
                    let mut bottom = chart.baseline;
                    for segment in &column.segments {
                        prop_assert!((segment.y + segment.height - bottom).abs() < 1e-6, "no gap");
                        prop_assert!((segment.height - segment.value as f64 * scale).abs() < 1e-6);
                        bottom = segment.y;
                    }
                    prop_assert!(bottom >= TOP_MARGIN - 1e-6);
                }
            }
            prop_assert!(right <= chart.width);
        }

        #[test]
        fn misses_bars_scale_to_their_value(counts in prop::collection::vec(prop::collection::vec(0usize..50, 0..12), 0..5), limit in 1usize..8) {
            let misses: Vec<Vec<CriterionMiss>> = counts
                .iter()
                .map(|year| {
                    let mut sorted = year.clone();
                    sorted.sort_unstable_by(|a, b| b.cmp(a));
                    sorted.iter().enumerate().map(|(index, wards)| miss(index + 1, *wards)).collect()
                })
                .collect();
            let input: Vec<(u16, &[CriterionMiss])> = misses
                .iter()
                .enumerate()
                .map(|(index, year)| (2020 + index as u16, year.as_slice()))
                .collect();
            let chart = misses_by_year_chart(&input, limit);
            prop_assert_eq!(chart.ticks.last().map(|tick| tick.value), Some(chart.max));
            let scale = (CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH) / chart.max as f64;
            let mut last_bottom = 0.0;
            for (section, year) in chart.sections.iter().zip(&counts) {
                let missed = year.iter().filter(|wards| **wards > 0).count();
                prop_assert_eq!(section.bars.len(), missed.min(limit));
                for bar in &section.bars {
                    prop_assert!(bar.value <= chart.max);
                    prop_assert!((bar.width - bar.value as f64 * scale).abs() < 1e-6);
                    prop_assert!(bar.y >= last_bottom - 1e-6, "rows do not overlap");
                    last_bottom = bar.y + bar.height;
                }
            }
            prop_assert!(last_bottom <= chart.axis_y);
        }
    }
}
