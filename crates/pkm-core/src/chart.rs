//! Chart geometry, computed here so the app only draws it: a horizontal bar chart of the criteria
//! most often missed (neither met nor expected), in SVG user units; the years side by side in
//! [`years`].
//!
//! The chart must read when printed in black and white, so every bar carries its value as text
//! at its end and one of a few fill patterns (the app maps [`Bar::pattern`] to hatchings), and
//! the axis has whole-number ticks.

use serde::{Deserialize, Serialize};

use crate::figures::CriterionMiss;

pub mod years;

/// The chart's width in SVG units.
pub const CHART_WIDTH: f64 = 640.0;
/// The width kept for the labels on the left ("Tiêu chí 12").
pub const LABEL_WIDTH: f64 = 96.0;
/// The width kept on the right for the value text.
pub const VALUE_WIDTH: f64 = 40.0;
/// The height of one row.
pub const ROW_HEIGHT: f64 = 28.0;
/// The bar's thickness within its row.
pub const BAR_HEIGHT: f64 = 18.0;
/// The height kept under the rows for the axis and its tick labels.
pub const AXIS_HEIGHT: f64 = 28.0;
/// How many fill patterns bars cycle through.
pub const PATTERNS: usize = 3;

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// The criterion's 1-based number.
    pub number: usize,
    /// Its Vietnamese title (for the tooltip and the table beside the chart).
    pub title_vi: String,
    /// How many wards miss it.
    pub value: usize,
    /// Left edge of the bar.
    pub x: f64,
    /// Top edge of the bar.
    pub y: f64,
    /// The bar's width (0 for a zero value).
    pub width: f64,
    /// The bar's height.
    pub height: f64,
    /// The baseline of the row's texts (label and value).
    pub text_y: f64,
    /// Where the value text starts (just after the bar).
    pub value_x: f64,
    /// Which fill pattern (0..[`PATTERNS`]).
    pub pattern: usize,
}

/// One tick of the value axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    /// The value.
    pub value: usize,
    /// Its x position.
    pub x: f64,
}

/// A laid-out bar chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    /// The SVG width.
    pub width: f64,
    /// The SVG height.
    pub height: f64,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The axis ticks, left to right.
    pub ticks: Vec<Tick>,
    /// The y of the axis line.
    pub axis_y: f64,
    /// The largest value on the axis.
    pub max: usize,
}

/// A step between ticks that gives at most about five ticks: 1, 2, 5, 10, 20, 50, …
fn tick_step(max: usize) -> usize {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if max.div_ceil(step * factor) <= 5 {
                return step * factor;
            }
        }
        step *= 10;
    }
}

/// The bar of `miss` in the row whose top is `top`, `scale` units per ward.
fn bar(miss: &CriterionMiss, top: f64, scale: f64, pattern: usize) -> Bar {
    let width = miss.wards.len() as f64 * scale;
    Bar {
        number: miss.number,
        title_vi: miss.title_vi.clone(),
        value: miss.wards.len(),
        x: LABEL_WIDTH,
        y: top + (ROW_HEIGHT - BAR_HEIGHT) / 2.0,
        width,
        height: BAR_HEIGHT,
        text_y: top + ROW_HEIGHT / 2.0 + 5.0,
        value_x: LABEL_WIDTH + width + 6.0,
        pattern,
    }
}

/// Lays out the chart of the `limit` most missed criteria (misses come most missed first, as
/// [`crate::figures::ProvinceFigures::misses`] gives them).
pub fn misses_chart(misses: &[CriterionMiss], limit: usize) -> BarChart {
    let shown: Vec<&CriterionMiss> = misses
        .iter()
        .filter(|miss| !miss.wards.is_empty())
        .take(limit)
        .collect();
    let largest = shown.iter().map(|miss| miss.wards.len()).max().unwrap_or(0);
    let step = tick_step(largest.max(1));
    let max = largest.max(1).div_ceil(step) * step;
    let plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let scale = plot / max as f64;
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(index, miss)| bar(miss, index as f64 * ROW_HEIGHT, scale, index % PATTERNS))
        .collect();
    let axis_y = bars.len() as f64 * ROW_HEIGHT;
    let ticks = (0..=max / step)
        .map(|index| Tick {
            value: index * step,
            x: LABEL_WIDTH + (index * step) as f64 * scale,
        })
        .collect();
    BarChart {
        width: CHART_WIDTH,
        height: axis_y + AXIS_HEIGHT,
        bars,
        ticks,
        axis_y,
        max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CatalogueId, CriterionId, UnitId};

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
    fn ticks_are_round_numbers() {
        assert_eq!(tick_step(1), 1);
        assert_eq!(tick_step(5), 1);
        assert_eq!(tick_step(6), 2);
        assert_eq!(tick_step(12), 5);
        assert_eq!(tick_step(24), 5);
        assert_eq!(tick_step(26), 10);
        assert_eq!(tick_step(700), 200);
    }

    #[test]
    fn bars_scale_to_the_largest_value_and_stack_in_rows() {
        let chart = misses_chart(&[miss(6, 4), miss(12, 2), miss(3, 1), miss(9, 0)], 10);
        assert_eq!(chart.bars.len(), 3, "criteria nobody misses are left out");
        assert_eq!(chart.max, 4);
        let plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!((chart.bars[0].width - plot).abs() < 1e-9);
        assert!((chart.bars[1].width - plot / 2.0).abs() < 1e-9);
        assert_eq!(
            chart.bars[1].y,
            ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2.0
        );
        assert_eq!(chart.bars[2].pattern, 2);
        assert_eq!(chart.axis_y, 3.0 * ROW_HEIGHT);
        assert_eq!(chart.height, 3.0 * ROW_HEIGHT + AXIS_HEIGHT);
        let values: Vec<usize> = chart.ticks.iter().map(|tick| tick.value).collect();
        assert_eq!(values, [0, 1, 2, 3, 4]);
        assert!((chart.ticks[4].x - (LABEL_WIDTH + plot)).abs() < 1e-9);
        assert!(chart.bars[0].value_x > chart.bars[0].x + chart.bars[0].width);
    }

    #[test]
    fn the_limit_keeps_the_most_missed_and_an_empty_chart_still_has_an_axis() {
        let misses: Vec<CriterionMiss> = (1..=15).map(|n| miss(n, 16 - n)).collect();
        let chart = misses_chart(&misses, 10);
        assert_eq!(chart.bars.len(), 10);
        assert_eq!(chart.bars[0].number, 1);
        let empty = misses_chart(&[], 10);
        assert!(empty.bars.is_empty());
        assert_eq!(empty.max, 1);
        assert_eq!(empty.ticks.len(), 2);
    }
}
