//! The geometry of the province's years side by side ([`crate::years`]), in SVG user units:
//!
//! - [`results_chart`]: per year a group of four columns: the maintain and the new track, each
//!   stacked by result (reached at the bottom, then expected, then not reached), the wards
//!   proposed and the wards recognised. Every column carries its total above it, and a segment
//!   its value inside when it is tall enough for the text; each kind of segment has its own fill
//!   (the app maps [`Fill`] to hatchings), so the chart reads in black and white.
//! - [`misses_by_year_chart`]: per year, under the year's heading, the criteria most often
//!   missed that year as horizontal bars on one common scale, with their value at the bar's end.
//!
//! Value axes have whole-number ticks (1, 2, 5, 10, 20, 50, …) and end on a tick at or above the
//! largest value.

use serde::{Deserialize, Serialize};

use super::{Bar, CHART_WIDTH, LABEL_WIDTH, PATTERNS, ROW_HEIGHT, Tick, VALUE_WIDTH};
use crate::figures::CriterionMiss;
use crate::years::{TrackResults, YearResults};

/// The width kept left of the plot for the value axis' labels.
pub const AXIS_WIDTH: f64 = 40.0;
/// The height of the plot area (the tallest column).
pub const PLOT_HEIGHT: f64 = 220.0;
/// The height kept above the plot for the tallest column's total.
pub const TOP_MARGIN: f64 = 20.0;
/// The height kept under the plot for the columns' and the years' labels.
pub const BOTTOM_MARGIN: f64 = 44.0;
/// A column's width.
pub const COLUMN_WIDTH: f64 = 34.0;
/// The space between two columns of a year.
pub const COLUMN_GAP: f64 = 6.0;
/// The space between two years.
pub const YEAR_GAP: f64 = 28.0;
/// The smallest segment height that carries its value inside.
pub const MIN_TEXT_HEIGHT: f64 = 14.0;

/// The width of one year's group of columns.
pub const YEAR_WIDTH: f64 = 4.0 * COLUMN_WIDTH + 3.0 * COLUMN_GAP;

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Wards on the maintain track.
    Maintain,
    /// Wards on the new track.
    New,
    /// Wards proposed for recognition.
    Proposed,
    /// Wards recognised by the decision.
    Recognised,
}

impl Series {
    /// The four series in column order.
    pub const ALL: [Series; 4] = [
        Series::Maintain,
        Series::New,
        Series::Proposed,
        Series::Recognised,
    ];
}

/// What a segment counts, and so its fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fill {
    /// Wards with every criterion met.
    Reached,
    /// Wards with every criterion met or expected.
    Expected,
    /// The other wards of the track.
    NotReached,
    /// Wards proposed.
    Proposed,
    /// Wards recognised.
    Recognised,
}

impl Fill {
    /// The fills in the key's order.
    pub const ALL: [Fill; 5] = [
        Fill::Reached,
        Fill::Expected,
        Fill::NotReached,
        Fill::Proposed,
        Fill::Recognised,
    ];
}

/// One part of a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// What it counts.
    pub fill: Fill,
    /// How many wards.
    pub value: usize,
    /// Its top edge.
    pub y: f64,
    /// Its height (0 for a zero value).
    pub height: f64,
    /// The baseline of its value inside it, when the segment is tall enough for the text.
    pub text_y: Option<f64>,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// What it counts.
    pub series: Series,
    /// Its left edge.
    pub x: f64,
    /// Its width.
    pub width: f64,
    /// The sum of its segments.
    pub total: usize,
    /// The baseline of the total written above it.
    pub total_y: f64,
    /// Its segments, bottom to top.
    pub segments: Vec<Segment>,
}

/// One year's group of columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearGroup {
    /// The year.
    pub year: u16,
    /// The middle of the group (where the year is written).
    pub center_x: f64,
    /// The columns, in [`Series::ALL`] order.
    pub columns: Vec<Column>,
}

/// A tick of a vertical value axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelTick {
    /// The value.
    pub value: usize,
    /// Its y position.
    pub y: f64,
}

/// The laid-out chart of wards per track and result, proposed and recognised, per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsChart {
    /// The SVG width.
    pub width: f64,
    /// The SVG height.
    pub height: f64,
    /// The y of the baseline (value 0).
    pub baseline: f64,
    /// The x of the value axis.
    pub axis_x: f64,
    /// The baseline of the columns' labels.
    pub series_label_y: f64,
    /// The baseline of the years' labels.
    pub year_label_y: f64,
    /// The ticks, bottom to top.
    pub ticks: Vec<LevelTick>,
    /// The years, oldest first.
    pub groups: Vec<YearGroup>,
    /// The value at the top of the axis.
    pub max: usize,
}

/// The values of a column, bottom to top.
fn column_values(year: &YearResults, series: Series) -> Vec<(Fill, usize)> {
    let track = |results: &TrackResults| {
        vec![
            (Fill::Reached, results.reached),
            (Fill::Expected, results.expected),
            (Fill::NotReached, results.not_reached),
        ]
    };
    match series {
        Series::Maintain => track(&year.maintain),
        Series::New => track(&year.new),
        Series::Proposed => vec![(Fill::Proposed, year.proposed)],
        Series::Recognised => vec![(Fill::Recognised, year.recognised)],
    }
}

/// Stacks `values` from `baseline` up, `scale` units per ward.
fn column(series: Series, x: f64, values: Vec<(Fill, usize)>, baseline: f64, scale: f64) -> Column {
    let mut top = baseline;
    let mut total = 0;
    let segments = values
        .into_iter()
        .map(|(fill, value)| {
            total += value;
            let height = value as f64 * scale;
            top -= height;
            Segment {
                fill,
                value,
                y: top,
                height,
                text_y: (height >= MIN_TEXT_HEIGHT).then_some(top + height / 2.0 + 4.0),
            }
        })
        .collect();
    Column {
        series,
        x,
        width: COLUMN_WIDTH,
        total,
        total_y: top - 5.0,
        segments,
    }
}

/// Lays out the chart of `years` (oldest first).
pub fn results_chart(years: &[YearResults]) -> ResultsChart {
    let largest = years
        .iter()
        .flat_map(|year| {
            Series::ALL.map(|series| {
                column_values(year, series)
                    .iter()
                    .map(|(_, value)| value)
                    .sum::<usize>()
            })
        })
        .max()
        .unwrap_or(0);
    let (step, max) = axis(largest);
    let baseline = TOP_MARGIN + PLOT_HEIGHT;
    let scale = PLOT_HEIGHT / max as f64;
    let groups = years
        .iter()
        .enumerate()
        .map(|(index, year)| {
            let left = AXIS_WIDTH + YEAR_GAP / 2.0 + index as f64 * (YEAR_WIDTH + YEAR_GAP);
            let columns = Series::ALL
                .iter()
                .enumerate()
                .map(|(place, series)| {
                    let x = left + place as f64 * (COLUMN_WIDTH + COLUMN_GAP);
                    column(*series, x, column_values(year, *series), baseline, scale)
                })
                .collect();
            YearGroup {
                year: year.year,
                center_x: left + YEAR_WIDTH / 2.0,
                columns,
            }
        })
        .collect();
    ResultsChart {
        width: AXIS_WIDTH + years.len() as f64 * (YEAR_WIDTH + YEAR_GAP),
        height: baseline + BOTTOM_MARGIN,
        baseline,
        axis_x: AXIS_WIDTH,
        series_label_y: baseline + 16.0,
        year_label_y: baseline + 36.0,
        ticks: (0..=max / step)
            .map(|index| LevelTick {
                value: index * step,
                y: baseline - (index * step) as f64 * scale,
            })
            .collect(),
        groups,
        max,
    }
}

/// The tick step and the axis' top for a largest value: the top is a whole number of steps, at
/// least 1.
fn axis(largest: usize) -> (usize, usize) {
    let step = super::tick_step(largest.max(1));
    (step, largest.max(1).div_ceil(step) * step)
}

/// One year's part of the misses chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSection {
    /// The year.
    pub year: u16,
    /// The baseline of the year's heading.
    pub heading_y: f64,
    /// The year's bars (none when no criterion was missed; a row then says so at `heading_y`).
    pub bars: Vec<Bar>,
}

/// The laid-out chart of the criteria most often missed, per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearMissesChart {
    /// The SVG width.
    pub width: f64,
    /// The SVG height.
    pub height: f64,
    /// The years, oldest first.
    pub sections: Vec<YearSection>,
    /// The axis ticks, left to right (one scale for every year).
    pub ticks: Vec<Tick>,
    /// The y of the axis line.
    pub axis_y: f64,
    /// The value at the end of the axis.
    pub max: usize,
}

/// Lays out, per year (oldest first), the `limit` criteria most often missed that year (misses
/// come most missed first, as [`crate::figures::ProvinceFigures::misses`] gives them). Bars take
/// their year's fill, so years differ in black and white too.
pub fn misses_by_year_chart(years: &[(u16, &[CriterionMiss])], limit: usize) -> YearMissesChart {
    let shown: Vec<(u16, Vec<&CriterionMiss>)> = years
        .iter()
        .map(|(year, misses)| {
            let kept = misses
                .iter()
                .filter(|miss| !miss.wards.is_empty())
                .take(limit)
                .collect();
            (*year, kept)
        })
        .collect();
    let largest = shown
        .iter()
        .flat_map(|(_, misses)| misses.iter().map(|miss| miss.wards.len()))
        .max()
        .unwrap_or(0);
    let (step, max) = axis(largest);
    let scale = (CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH) / max as f64;
    let mut top = 0.0;
    let mut sections = Vec::with_capacity(shown.len());
    for (index, (year, misses)) in shown.into_iter().enumerate() {
        let heading_y = top + ROW_HEIGHT / 2.0 + 5.0;
        top += ROW_HEIGHT;
        let bars = misses
            .into_iter()
            .map(|miss| {
                let bar = super::bar(miss, top, scale, index % PATTERNS);
                top += ROW_HEIGHT;
                bar
            })
            .collect::<Vec<_>>();
        if bars.is_empty() {
            top += ROW_HEIGHT;
        }
        sections.push(YearSection {
            year,
            heading_y,
            bars,
        });
    }
    YearMissesChart {
        width: CHART_WIDTH,
        height: top + super::AXIS_HEIGHT,
        sections,
        ticks: (0..=max / step)
            .map(|index| Tick {
                value: index * step,
                x: LABEL_WIDTH + (index * step) as f64 * scale,
            })
            .collect(),
        axis_y: top,
        max,
    }
}

#[cfg(test)]
mod tests;
