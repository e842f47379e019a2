//! The ward × criterion matrix: one row per ward (grouped by middle-level unit), one column per
//! criterion, each cell coloured by status and carrying a short mark (Đ, DK, CĐ, –) so it reads
//! in black and white; a star marks a disputed criterion, an exclamation mark a value in
//! conflict. A real table with row and column headers, and a legend.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::dashboard::{Matrix, MatrixCell};
use pkm_core::{CriterionStatus, ProvinceFigures};

use crate::i18n::province::{self, ProvinceMsg};
use crate::i18n::{Lang, Text};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;
use crate::ui::markup::Markup;
use crate::ui::pages::province::common::label;

fn mark(lang: Lang, cell: &MatrixCell) -> String {
    let base = lang.pick(cell.mark_vi(), cell.mark_en());
    let mut text = base.to_string();
    if cell.disputed {
        text.push('*');
    }
    if cell.in_conflict {
        text.push('!');
    }
    text
}

fn cell_title(lang: Lang, cell: &MatrixCell) -> String {
    let mut parts: Vec<&str> = Vec::new();
    match cell.status {
        Some(status) => parts.push(label(lang, &status)),
        None => parts.push(ProvinceMsg::CellNotInCatalogue.text(lang)),
    }
    if cell.disputed {
        parts.push(ProvinceMsg::CellDisputed.text(lang));
    }
    if cell.in_conflict {
        parts.push(ProvinceMsg::CellInConflict.text(lang));
    }
    parts.join("; ")
}

/// How many kinds of cell there are: a status or none, disputed or not, in conflict or not.
const CELL_KINDS: usize = (CriterionStatus::ALL.len() + 1) * 4;

/// Which of the [`CELL_KINDS`] kinds of cell `cell` is.
fn cell_kind(cell: &MatrixCell) -> usize {
    let status = cell.status.map_or(0, |status| {
        1 + CriterionStatus::ALL
            .iter()
            .position(|known| *known == status)
            .unwrap_or_default()
    });
    status * 4 + usize::from(cell.disputed) * 2 + usize::from(cell.in_conflict)
}

/// A cell's markup: its class, status, title and mark.
fn cell_markup(lang: Lang, cell: &MatrixCell) -> Markup {
    let class = match (cell.disputed, cell.in_conflict) {
        (false, false) => "pkm-cell",
        (true, false) => "pkm-cell pkm-cell--disputed",
        (false, true) => "pkm-cell pkm-cell--conflict",
        (true, true) => "pkm-cell pkm-cell--disputed pkm-cell--conflict",
    };
    let mut markup = Markup::new();
    markup.element(
        "td",
        &[
            ("class", Some(class)),
            ("data-status", Some(cell.code())),
            ("title", Some(&cell_title(lang, cell))),
        ],
        &mark(lang, cell),
    );
    markup
}

/// About how many bytes of markup a row of the matrix takes, cells and all.
const ROW_MARKUP_BYTES: usize = 300;
/// About how many bytes of markup a cell takes.
const CELL_MARKUP_BYTES: usize = 64;

/// The matrix's rows as markup: a group heading row before each middle-level unit's wards, then
/// one row per ward (name, track, a cell per criterion, the totals). The 14 000 cells of 700
/// wards are of [`CELL_KINDS`] kinds: each kind's markup is written once and copied.
fn body(lang: Lang, directly: &str, matrix: &Matrix) -> String {
    let mut markup = Markup::with_capacity(
        matrix.rows.len() * (ROW_MARKUP_BYTES + matrix.columns.len() * CELL_MARKUP_BYTES),
    );
    let mut cells: [Option<Markup>; CELL_KINDS] = std::array::from_fn(|_| None);
    let width = (matrix.columns.len() + 3).to_string();
    let mut last_middle: Option<&str> = None;
    for row in &matrix.rows {
        if last_middle != Some(row.middle_vi.as_str()) {
            let heading = if row.middle_vi.is_empty() {
                directly
            } else {
                row.middle_vi.as_str()
            };
            markup.open("tr", &[("class", Some("pkm-matrix__group"))]);
            markup.element(
                "th",
                &[("scope", Some("rowgroup")), ("colspan", Some(&width))],
                heading,
            );
            markup.close("tr");
            last_middle = Some(row.middle_vi.as_str());
        }
        markup.open("tr", &[("data-ward", Some(row.ward.as_str()))]);
        markup.element(
            "th",
            &[("scope", Some("row")), ("title", Some(&row.name_vi))],
            short_name(&row.name_vi),
        );
        let track = row
            .track
            .map(|track| label(lang, &track))
            .unwrap_or_default();
        markup.element("td", &[("class", Some("pkm-matrix__track"))], track);
        for cell in &row.cells {
            let piece = cells[cell_kind(cell)].get_or_insert_with(|| cell_markup(lang, cell));
            markup.append(piece);
        }
        let class = if row.met_or_expected == row.total {
            "pkm-matrix__total pkm-matrix__total--complete"
        } else {
            "pkm-matrix__total"
        };
        markup.element(
            "td",
            &[("class", Some(class))],
            &format!(
                "{}/{} · {}/{}",
                row.met, row.total, row.met_or_expected, row.total
            ),
        );
        markup.close("tr");
    }
    markup.into_string()
}

/// About how tall a row of the matrix is on screen, in CSS pixels.
const ROW_HEIGHT_PX: usize = 27;

/// A ward's name without the "Công an phường" the column header already says.
pub fn short_name(name: &str) -> &str {
    name.strip_prefix(crate::i18n::WARD_POLICE_PREFIX)
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
}

/// The matrix with its legend.
#[component]
pub fn MatrixTable(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let matrix = Memo::new(move |_| {
        figures.with(|figures| {
            figures.as_ref().map(|figures| {
                session.read(|store| Matrix::build(figures, store, &store.registry()))
            })
        })
    });
    view! {
        // Laid out only near the screen (style/province.css, `.pkm-panel--long`); until then it
        // keeps about the height its rows will take.
        <section
            class="pkm-panel pkm-matrix pkm-panel--long"
            aria-labelledby="matrix-title"
            style:contain-intrinsic-size=move || {
                let rows = matrix.with(|matrix| matrix.as_ref().map_or(0, |matrix| matrix.rows.len()));
                format!("auto {}px", 200 + rows * ROW_HEIGHT_PX)
            }
        >
            <h3 id="matrix-title">{t(ProvinceMsg::MatrixTitle)}</h3>
            <MatrixLegend />
            <ScrollRegion labelled_by="matrix-title">
                <table class="pkm-table pkm-table--matrix" data-testid="matrix">
                    <caption class="pkm-visually-hidden">{t(ProvinceMsg::MatrixCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(ProvinceMsg::ColumnWard)}</th>
                            <th scope="col">{t(ProvinceMsg::ColumnTrack)}</th>
                            {move || {
                                let lang = state.lang.get();
                                // Only the columns are read: the rows are not copied.
                                matrix
                                    .with(|matrix| matrix.as_ref().map(|matrix| matrix.columns.clone()))
                                    .map(|columns| {
                                        columns
                                            .into_iter()
                                            .map(|column| {
                                                let title = if column.title_en.is_empty() {
                                                    column.title_vi.clone()
                                                } else {
                                                    lang.pick(column.title_vi.clone(), column.title_en.clone())
                                                };
                                                let full = province::criterion_titled(column.number, &title, lang);
                                                let hint = full.clone();
                                                view! {
                                                    <th scope="col" class="pkm-matrix__criterion" title=hint>
                                                        <span aria-hidden="true">{column.number}</span>
                                                        <span class="pkm-visually-hidden">{full}</span>
                                                    </th>
                                                }
                                            })
                                            .collect_view()
                                    })
                            }}
                            <th scope="col">{t(ProvinceMsg::ColumnMetExpected)}</th>
                        </tr>
                    </thead>
                    // Hundreds of plain rows: one piece of markup (see `crate::ui::markup`).
                    <tbody inner_html=move || {
                        let lang = state.lang.get();
                        let directly = state.t(ProvinceMsg::DirectlyUnderProvince);
                        matrix.with(|matrix| {
                            matrix.as_ref().map(|matrix| body(lang, directly, matrix)).unwrap_or_default()
                        })
                    }></tbody>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// What the marks and colours mean.
#[component]
fn MatrixLegend() -> impl IntoView {
    let state = use_app_state();
    let entry = move |status: Option<CriterionStatus>| {
        let cell = MatrixCell {
            status,
            disputed: false,
            in_conflict: false,
        };
        view! {
            <li>
                <span class="pkm-cell pkm-legend__swatch" data-status=cell.code()>
                    {move || mark(state.lang.get(), &cell)}
                </span>
                " "
                {move || {
                    let lang = state.lang.get();
                    match status {
                        Some(status) => label(lang, &status),
                        None => "",
                    }
                }}
            </li>
        }
    };
    view! {
        <ul class="pkm-legend" aria-label=move || state.t(ProvinceMsg::LegendLabel)>
            {CriterionStatus::ALL.into_iter().map(|status| entry(Some(status))).collect_view()}
            <li>
                <span class="pkm-legend__mark">"*"</span>
                " "
                {move || state.t(ProvinceMsg::LegendDisputed)}
            </li>
            <li>
                <span class="pkm-legend__mark">"!"</span>
                " "
                {move || state.t(ProvinceMsg::LegendConflict)}
            </li>
            <li>
                <span class="pkm-legend__mark">"x/20 · y/20"</span>
                " "
                {move || state.t(ProvinceMsg::LegendTotals)}
            </li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use pkm_core::dashboard::{MatrixColumn, MatrixRow};
    use pkm_core::{CriterionId, Track, UnitId};

    use super::*;

    fn cell(status: Option<CriterionStatus>, disputed: bool, in_conflict: bool) -> MatrixCell {
        MatrixCell {
            status,
            disputed,
            in_conflict,
        }
    }

    #[test]
    fn each_row_has_its_cells_in_order_whatever_kind_each_is() {
        let columns = (1..=3)
            .map(|number| MatrixColumn {
                criterion: CriterionId::new(format!("C0{number}")).unwrap(),
                number,
                title_vi: format!("Tiêu chí {number}"),
                title_en: String::new(),
            })
            .collect();
        let row = |ward: &str, middle: &str, cells: Vec<MatrixCell>| MatrixRow {
            ward: UnitId::new(ward).unwrap(),
            name_vi: format!("Công an phường {ward}"),
            middle_vi: middle.to_string(),
            track: Some(Track::New),
            cells,
            met: 1,
            met_or_expected: 2,
            total: 3,
        };
        let met = Some(CriterionStatus::Met);
        let matrix = Matrix {
            catalogue: None,
            columns,
            rows: vec![
                row(
                    "a",
                    "Công an <Vinh>",
                    vec![
                        cell(met, false, false),
                        cell(met, true, true),
                        cell(None, false, false),
                    ],
                ),
                row(
                    "b",
                    "",
                    vec![
                        cell(met, true, true),
                        cell(Some(CriterionStatus::NotMet), false, true),
                        cell(met, false, false),
                    ],
                ),
            ],
        };
        let new = label(Lang::Vi, &Track::New);
        let cells = |cells: &[(&str, &str, &str, &str)]| -> String {
            cells
                .iter()
                .map(|(class, status, title, mark)| {
                    format!("<td class=\"{class}\" data-status=\"{status}\" title=\"{title}\">{mark}</td>")
                })
                .collect()
        };
        let row_markup = |ward: &str, cells: String| {
            format!(
                "<tr data-ward=\"{ward}\"><th scope=\"row\" title=\"Công an phường {ward}\">{ward}</th>\
                 <td class=\"pkm-matrix__track\">{new}</td>{cells}\
                 <td class=\"pkm-matrix__total\">1/3 · 2/3</td></tr>"
            )
        };
        let both = "pkm-cell pkm-cell--disputed pkm-cell--conflict";
        let disputed_title = "Đạt; không nhất trí khi thẩm định; đang có xung đột dữ liệu";
        let expected = [
            "<tr class=\"pkm-matrix__group\"><th scope=\"rowgroup\" colspan=\"6\">Công an &lt;Vinh&gt;</th></tr>".to_string(),
            row_markup(
                "a",
                cells(&[
                    ("pkm-cell", "met", "Đạt", "Đ"),
                    (both, "met", disputed_title, "Đ*!"),
                    ("pkm-cell", "none", "Không có trong bộ tiêu chí của đơn vị", ""),
                ]),
            ),
            "<tr class=\"pkm-matrix__group\"><th scope=\"rowgroup\" colspan=\"6\">Trực thuộc</th></tr>".to_string(),
            row_markup(
                "b",
                cells(&[
                    (both, "met", disputed_title, "Đ*!"),
                    ("pkm-cell pkm-cell--conflict", "not-met", "Chưa đạt; đang có xung đột dữ liệu", "CĐ!"),
                    ("pkm-cell", "met", "Đạt", "Đ"),
                ]),
            ),
        ]
        .concat();
        assert_eq!(body(Lang::Vi, "Trực thuộc", &matrix), expected);
    }
}
