//! Progress of the year's self-assessment: overall and per group, and "expected 20/20".

use leptos::prelude::*;
use pkm_core::{AssessmentFigures, Basis, CriterionStatus};

use super::context::use_ward;
use crate::i18n::format::label;
use crate::i18n::ward::{self as ward_text, WardMsg};
use crate::state::use_app_state;

/// The figures of the current assessment (self-assessed), recomputed when it changes.
pub fn use_figures() -> Memo<Option<AssessmentFigures>> {
    let context = use_ward();
    Memo::new(move |_| {
        let key = context.key()?;
        context.session().read(|store| {
            let doc = store.assessment(&key)?;
            let catalogue = store.catalogue_of(&key)?;
            Some(AssessmentFigures::compute(
                doc,
                catalogue,
                Basis::SelfAssessed,
            ))
        })
    })
}

/// Overall counts, per-group counts and the "expected 20/20" line.
#[component]
pub fn ProgressSummary(
    /// The figures to show.
    figures: Memo<Option<AssessmentFigures>>,
) -> impl IntoView {
    let state = use_app_state();
    let count = move |status: CriterionStatus| {
        figures.with(|f| f.as_ref().map_or(0, |f| f.counts.get(status)))
    };
    let total = move || figures.with(|f| f.as_ref().map_or(0, |f| f.total));
    let status_label = move |status: CriterionStatus| label(state.lang.get(), &status);
    let item = move |status: CriterionStatus, class: &'static str, testid: &'static str| {
        view! {
            <li class=format!("pkm-progress__item {class}") data-testid=testid>
                <span class="pkm-progress__count">
                    {move || format!("{}/{}", count(status), total())}
                </span>
                <span>{move || status_label(status)}</span>
            </li>
        }
    };
    view! {
        <section class="pkm-progress" aria-labelledby="progress-title" data-testid="progress">
            <h2 id="progress-title">{move || state.t(WardMsg::ProgressTitle)}</h2>
            <ul class="pkm-progress__overall">
                {item(CriterionStatus::Met, "pkm-status--met", "count-met")}
                {item(CriterionStatus::Expected, "pkm-status--expected", "count-expected")}
                {item(CriterionStatus::NotMet, "pkm-status--not-met", "count-not-met")}
                {item(CriterionStatus::NotAssessed, "pkm-status--not-assessed", "count-not-assessed")}
            </ul>
            <p class="pkm-progress__verdict" data-testid="expected-complete">
                {move || {
                    let (complete, expected, total) = figures.with(|f| {
                        f.as_ref().map_or((false, false, 0), |f| {
                            (f.complete, f.expected_complete, f.total)
                        })
                    });
                    let lang = state.lang.get();
                    match (complete, expected) {
                        (true, _) => ward_text::all_met(total, lang),
                        (false, true) => ward_text::all_expected(total, lang),
                        (false, false) => state.t(WardMsg::NotYetExpected).to_owned(),
                    }
                }}
            </p>
            <table class="pkm-table pkm-progress__groups">
                <caption>{move || state.t(WardMsg::PerGroup)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || state.t(WardMsg::Group)}</th>
                        <th scope="col">{move || status_label(CriterionStatus::Met)}</th>
                        <th scope="col">{move || status_label(CriterionStatus::Expected)}</th>
                        <th scope="col">{move || status_label(CriterionStatus::NotMet)}</th>
                        <th scope="col">{move || status_label(CriterionStatus::NotAssessed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        figures
                            .get()
                            .map(|f| f.groups)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|group| {
                                view! {
                                    <tr>
                                        <th scope="row">{group.title_vi.clone()}</th>
                                        <td>{format!("{}/{}", group.counts.met, group.total)}</td>
                                        <td>{group.counts.expected}</td>
                                        <td>{group.counts.not_met}</td>
                                        <td>{group.counts.not_assessed}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}
