//! The headline figures as the meeting states them: maintained wards (total, expected 20/20,
//! complete), new wards (total, against the quota, % over it, expected 20/20, complete), and what
//! needs attention (wards with no bundle, overdue action items, values in conflict).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use pkm_core::dashboard::{quota_line_en, quota_line_vi, ratio};
use pkm_core::{Basis, ProvinceFigures};

use crate::i18n::Lang;
use crate::i18n::format::label;
use crate::i18n::province::{self, ProvinceMsg};
use crate::state::use_app_state;

/// "Dự kiến đạt 22/22", by the catalogue's count.
fn expected_full(figures: &ProvinceFigures, lang: Lang) -> String {
    province::column_expected_full(figures.criteria_total, lang)
}

/// "Đã đạt 22/22", by the catalogue's count.
fn complete_full(figures: &ProvinceFigures, lang: Lang) -> String {
    province::column_complete_full(figures.criteria_total, lang)
}

/// The headline cards.
#[component]
pub fn Headline(
    /// The figures shown.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let get = move |read: fn(&ProvinceFigures, Lang) -> String| {
        move || {
            figures
                .with(|figures| {
                    figures
                        .as_ref()
                        .map(|figures| read(figures, state.lang.get()))
                })
                .unwrap_or_default()
        }
    };
    view! {
        <section class="pkm-headline" aria-labelledby="headline-title">
            <h3 id="headline-title" class="pkm-visually-hidden">
                {t(ProvinceMsg::HeadlineTitle)}
            </h3>
            <p class="pkm-basis" data-testid="headline-basis">
                {get(|figures, lang| {
                    let basis = label(lang, &figures.basis);
                    province::basis_line(figures.year, &figures.province_name, basis, lang)
                })}
                {move || {
                    figures
                        .with(|figures| {
                            figures.as_ref().is_some_and(|figures| figures.basis == Basis::AfterReview)
                        })
                        .then(|| view! { <span class="pkm-tag">{t(ProvinceMsg::AfterReviewTag)}</span> })
                }}
            </p>
            <div class="pkm-cards pkm-cards--figures">
                <article class="pkm-figure" data-testid="headline-maintained">
                    <h4>{t(ProvinceMsg::MaintainedTitle)}</h4>
                    <p class="pkm-figure__big">
                        <span data-testid="maintained-total">
                            {get(|figures, _| figures.maintained.total.to_string())}
                        </span>
                        " "
                        <span class="pkm-figure__unit">{t(ProvinceMsg::WardsUnit)}</span>
                    </p>
                    <dl class="pkm-figure__list">
                        <dt>{get(expected_full)}</dt>
                        <dd data-testid="maintained-expected">
                            {get(|figures, _| {
                                ratio(figures.maintained.expected_complete, figures.maintained.total)
                            })}
                        </dd>
                        <dt>{get(complete_full)}</dt>
                        <dd data-testid="maintained-complete">
                            {get(|figures, _| ratio(figures.maintained.complete, figures.maintained.total))}
                        </dd>
                    </dl>
                </article>
                <article class="pkm-figure" data-testid="headline-new">
                    <h4>{t(ProvinceMsg::NewTitle)}</h4>
                    <p class="pkm-figure__big">
                        <span data-testid="new-total">
                            {get(|figures, _| figures.new.total.to_string())}
                        </span>
                        " "
                        <span class="pkm-figure__unit">{t(ProvinceMsg::WardsUnit)}</span>
                    </p>
                    <p class="pkm-figure__quota" data-testid="new-quota">
                        {get(|figures, lang| lang.pick(quota_line_vi(figures), quota_line_en(figures)))}
                    </p>
                    <dl class="pkm-figure__list">
                        <dt>{get(expected_full)}</dt>
                        <dd data-testid="new-expected">
                            {get(|figures, _| ratio(figures.new.expected_complete, figures.new.total))}
                        </dd>
                        <dt>{get(complete_full)}</dt>
                        <dd data-testid="new-complete">
                            {get(|figures, _| ratio(figures.new.complete, figures.new.total))}
                        </dd>
                    </dl>
                </article>
                <article class="pkm-figure pkm-figure--attention" data-testid="headline-attention">
                    <h4>{t(ProvinceMsg::AttentionTitle)}</h4>
                    <dl class="pkm-figure__list">
                        <dt>{t(ProvinceMsg::WardsWithoutBundle)}</dt>
                        <dd data-testid="missing-count">
                            {get(|figures, _| figures.wards_without_assessment.len().to_string())}
                        </dd>
                        <dt>{t(ProvinceMsg::OverdueActions)}</dt>
                        <dd data-testid="overdue-count">
                            {get(|figures, _| figures.overdue_actions.to_string())}
                        </dd>
                        <dt>{t(ProvinceMsg::UntrackedWards)}</dt>
                        <dd>{get(|figures, _| figures.untracked.to_string())}</dd>
                        <dt>{t(ProvinceMsg::ConflictsInFigures)}</dt>
                        <dd data-testid="figures-conflicts">
                            {get(|figures, _| figures.conflicts.to_string())}
                        </dd>
                    </dl>
                    {move || {
                        figures
                            .with(|figures| figures.as_ref().is_some_and(|figures| figures.conflicts > 0))
                            .then(|| {
                                view! {
                                    <p class="pkm-warning" data-testid="conflict-warning">
                                        {t(ProvinceMsg::ConflictsWarning)}
                                        " "
                                        <A href="/tinh/xung-dot">{t(ProvinceMsg::NavConflicts)}</A>
                                    </p>
                                }
                            })
                    }}
                </article>
            </div>
        </section>
    }
}
