//! The ward × criterion matrix: one row per ward (grouped by middle-level unit), one column per
//! criterion, each cell coloured by status and carrying a short mark (Đ, DK, CĐ, –) so it reads
//! in black and white; a star marks a disputed criterion, an exclamation mark a value in
//! conflict. A real table with row and column headers, and a legend.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::dashboard::{Matrix, MatrixCell};
use pkm_core::{CriterionStatus, Label, ProvinceFigures};

use crate::i18n::Lang;
use crate::i18n::province::ProvinceMsg;
use crate::state::{use_app_state, use_session};
use crate::ui::markup::Markup;
use crate::ui::pages::province::common::label;

fn mark(lang: Lang, cell: &MatrixCell) -> String {
    let base = match lang {
        Lang::Vi => cell.mark_vi(),
        Lang::En => cell.mark_en(),
    };
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
        None => parts.push(match lang {
            Lang::Vi => "Không có trong bộ tiêu chí của đơn vị",
            Lang::En => "Not in the unit's catalogue",
        }),
    }
    if cell.disputed {
        parts.push(match lang {
            Lang::Vi => "không nhất trí khi thẩm định",
            Lang::En => "disputed at review",
        });
    }
    if cell.in_conflict {
        parts.push(match lang {
            Lang::Vi => "đang có xung đột dữ liệu",
            Lang::En => "value in conflict",
        });
    }
    parts.join("; ")
}

/// The matrix's rows as markup: a group heading row before each middle-level unit's wards, then
/// one row per ward (name, track, a cell per criterion, the totals).
fn body(lang: Lang, directly: &str, matrix: &Matrix) -> String {
    let mut markup = Markup::new();
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
            &short_name(&row.name_vi),
        );
        let track = row
            .track
            .map(|track| label(lang, &track))
            .unwrap_or_default();
        markup.element("td", &[("class", Some("pkm-matrix__track"))], track);
        for cell in &row.cells {
            let class = match (cell.disputed, cell.in_conflict) {
                (false, false) => "pkm-cell",
                (true, false) => "pkm-cell pkm-cell--disputed",
                (false, true) => "pkm-cell pkm-cell--conflict",
                (true, true) => "pkm-cell pkm-cell--disputed pkm-cell--conflict",
            };
            markup.element(
                "td",
                &[
                    ("class", Some(class)),
                    ("data-status", Some(cell.code())),
                    ("title", Some(&cell_title(lang, cell))),
                ],
                &mark(lang, cell),
            );
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
pub fn short_name(name: &str) -> String {
    name.strip_prefix("Công an phường ")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
        .to_string()
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
            <div class="pkm-scroll" tabindex="0" role="region" aria-labelledby="matrix-title">
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
                                                let title = match lang {
                                                    Lang::Vi => column.title_vi.clone(),
                                                    Lang::En if column.title_en.is_empty() => {
                                                        column.title_vi.clone()
                                                    }
                                                    Lang::En => column.title_en.clone(),
                                                };
                                                let full = match lang {
                                                    Lang::Vi => format!("Tiêu chí {}: {title}", column.number),
                                                    Lang::En => format!("Criterion {}: {title}", column.number),
                                                };
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
            </div>
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
                        Some(status) => match lang {
                            Lang::Vi => status.label_vi(),
                            Lang::En => status.label_en(),
                        },
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
