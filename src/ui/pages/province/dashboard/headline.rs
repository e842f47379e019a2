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

/// The figures a card reads.
type Figures = Signal<Option<Arc<ProvinceFigures>>>;

/// A text `read` from the figures, in the language shown (empty until there are figures).
fn shown(
    figures: Figures,
    read: fn(&ProvinceFigures, Lang) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let state = use_app_state();
    move || {
        figures
            .with(|figures| {
                figures
                    .as_ref()
                    .map(|figures| read(figures, state.lang.get()))
            })
            .unwrap_or_default()
    }
}

/// Whether the figures are there and `test` holds for them.
fn holds(figures: Figures, test: fn(&ProvinceFigures) -> bool) -> bool {
    figures.with(|figures| figures.as_ref().is_some_and(|figures| test(figures)))
}

/// The headline cards.
#[component]
pub fn Headline(
    /// The figures shown.
    #[prop(into)]
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <section class="pkm-headline" aria-labelledby="headline-title">
            <h3 id="headline-title" class="pkm-visually-hidden">
                {t(ProvinceMsg::HeadlineTitle)}
            </h3>
            <p class="pkm-basis" data-testid="headline-basis">
                {shown(figures, |figures, lang| {
                    let basis = label(lang, &figures.basis);
                    province::basis_line(figures.year, &figures.province_name, basis, lang)
                })}
                {move || {
                    holds(figures, |figures| figures.basis == Basis::AfterReview)
                        .then(|| view! { <span class="pkm-tag">{t(ProvinceMsg::AfterReviewTag)}</span> })
                }}
            </p>
            <div class="pkm-cards pkm-cards--figures">
                <MaintainedCard figures />
                <NewCard figures />
                <AttentionCard figures />
            </div>
        </section>
    }
}

/// The maintained wards: how many, how many expect all criteria met, how many met them all.
#[component]
fn MaintainedCard(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <article class="pkm-figure" data-testid="headline-maintained">
            <h4>{t(ProvinceMsg::MaintainedTitle)}</h4>
            <p class="pkm-figure__big">
                <span data-testid="maintained-total">
                    {shown(figures, |figures, _| figures.maintained.total.to_string())}
                </span>
                " "
                <span class="pkm-figure__unit">{t(ProvinceMsg::WardsUnit)}</span>
            </p>
            <dl class="pkm-figure__list">
                <dt>{shown(figures, expected_full)}</dt>
                <dd data-testid="maintained-expected">
                    {shown(figures, |figures, _| {
                        ratio(figures.maintained.expected_complete, figures.maintained.total)
                    })}
                </dd>
                <dt>{shown(figures, complete_full)}</dt>
                <dd data-testid="maintained-complete">
                    {shown(figures, |figures, _| ratio(figures.maintained.complete, figures.maintained.total))}
                </dd>
            </dl>
        </article>
    }
}

/// The new wards: how many, against the quota, how many expect all criteria met, how many met
/// them all.
#[component]
fn NewCard(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <article class="pkm-figure" data-testid="headline-new">
            <h4>{t(ProvinceMsg::NewTitle)}</h4>
            <p class="pkm-figure__big">
                <span data-testid="new-total">
                    {shown(figures, |figures, _| figures.new.total.to_string())}
                </span>
                " "
                <span class="pkm-figure__unit">{t(ProvinceMsg::WardsUnit)}</span>
            </p>
            <p class="pkm-figure__quota" data-testid="new-quota">
                {shown(figures, |figures, lang| lang.pick(quota_line_vi(figures), quota_line_en(figures)))}
            </p>
            <dl class="pkm-figure__list">
                <dt>{shown(figures, expected_full)}</dt>
                <dd data-testid="new-expected">
                    {shown(figures, |figures, _| ratio(figures.new.expected_complete, figures.new.total))}
                </dd>
                <dt>{shown(figures, complete_full)}</dt>
                <dd data-testid="new-complete">
                    {shown(figures, |figures, _| ratio(figures.new.complete, figures.new.total))}
                </dd>
            </dl>
        </article>
    }
}

/// What needs attention: wards with no bundle, overdue action items, wards with no track,
/// values in conflict.
#[component]
fn AttentionCard(
    /// The figures shown.
    figures: Figures,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <article class="pkm-figure pkm-figure--attention" data-testid="headline-attention">
            <h4>{t(ProvinceMsg::AttentionTitle)}</h4>
            <dl class="pkm-figure__list">
                <dt>{t(ProvinceMsg::WardsWithoutBundle)}</dt>
                <dd data-testid="missing-count">
                    {shown(figures, |figures, _| figures.wards_without_assessment.len().to_string())}
                </dd>
                <dt>{t(ProvinceMsg::OverdueActions)}</dt>
                <dd data-testid="overdue-count">
                    {shown(figures, |figures, _| figures.overdue_actions.to_string())}
                </dd>
                <dt>{t(ProvinceMsg::UntrackedWards)}</dt>
                <dd>{shown(figures, |figures, _| figures.untracked.to_string())}</dd>
                <dt>{t(ProvinceMsg::ConflictsInFigures)}</dt>
                <dd data-testid="figures-conflicts">
                    {shown(figures, |figures, _| figures.conflicts.to_string())}
                </dd>
            </dl>
            {move || {
                holds(figures, |figures| figures.conflicts > 0)
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
    }
}
