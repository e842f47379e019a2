//! The conflicts screen (`/tinh/xung-dot`): every open conflict of the store, where it is (with
//! unit names), both (or all) values with their devices, authors and times, which one figures use
//! meanwhile, and a way to keep one or rewrite it. Resolutions go through the session, so they
//! are stored, audited and travel with the next bundle.

mod rewrite_form;

use leptos::prelude::*;
use pkm_core::store::Sibling;
use pkm_core::{Conflict, ConflictTarget, Store};

use crate::i18n::Lang;
use crate::i18n::province::{self, ProvinceMsg};
use crate::state::province::{edits, time};
use crate::state::{use_app_state, use_session};

pub use crate::i18n::conflict_value::value_text;
use rewrite_form::RewriteForm;

/// Where a conflict is, in `lang`, with unit ids replaced by their names.
pub fn describe(store: &Store, target: &ConflictTarget, lang: Lang) -> String {
    let mut text = lang.pick(target.describe_vi(), target.describe_en());
    let unit = match target {
        ConflictTarget::Unit { unit } => Some(unit),
        ConflictTarget::Quota { province, .. }
        | ConflictTarget::YearCatalogue { province, .. }
        | ConflictTarget::Decision { province, .. } => Some(province),
        ConflictTarget::Conclusion { key } => Some(&key.unit),
        other => other.assessment().map(|key| &key.unit),
    };
    if let Some(unit) = unit
        && let Some(found) = store.unit(unit)
    {
        text = text.replace(&format!("“{unit}”"), &format!("“{}”", found.name_vi));
    }
    if let ConflictTarget::Criterion { key, criterion } | ConflictTarget::Review { key, criterion } =
        target
        && let Some(number) = store
            .catalogue_of(key)
            .and_then(|catalogue| catalogue.position(criterion))
    {
        let numbered = province::numbered_criterion(number, criterion.as_str(), lang);
        text = text.replace(&format!("“{criterion}”"), &numbered);
    }
    text
}

/// The conflicts screen.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let conflicts = Memo::new(move |_| session.read(Store::conflicts));
    view! {
        <div class="pkm-conflict-screen">
            <h2>{t(ProvinceMsg::ConflictsTitle)}</h2>
            <p class="pkm-lead">{t(ProvinceMsg::ConflictsIntro)}</p>
            <p role="status" data-testid="conflict-count">
                {move || province::conflicts_now(conflicts.with(Vec::len), state.lang.get())}
            </p>
            <For
                each=move || conflicts.get()
                key=|conflict| format!("{:?}|{}", conflict.target, conflict.siblings.len())
                let:conflict
            >
                <ConflictCard conflict />
            </For>
        </div>
    }
}

/// One conflict with its values.
#[component]
fn ConflictCard(
    /// The conflict.
    conflict: Conflict,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let rewriting: RwSignal<Option<usize>> = RwSignal::new(None);
    let target = conflict.target.clone();
    let title = {
        let session = session.clone();
        let target = target.clone();
        move || session.read(|store| describe(store, &target, state.lang.get()))
    };
    let keep = {
        let session = session.clone();
        let target = target.clone();
        move |pick: usize| {
            let session = session.clone();
            let target = target.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let result = edits::pick(&session, &target, pick).await;
                busy.set(false);
                error.set(result.err().map(|e| e.message(state.lang.get_untracked())));
            });
        }
    };
    // Catalogue choices, conclusions and decisions are kept by picking one (or rewritten on the
    // setup and review screens, whose edits resolve the conflict too).
    let rewritable = !matches!(
        target,
        ConflictTarget::Catalogue { .. }
            | ConflictTarget::YearCatalogue { .. }
            | ConflictTarget::Conclusion { .. }
            | ConflictTarget::Decision { .. }
    );
    let keep = Callback::new(keep);
    let siblings = conflict
        .siblings
        .iter()
        .enumerate()
        .map(|(index, sibling)| {
            view! { <SiblingItem index sibling=sibling.clone() keep busy rewriting rewritable /> }
        })
        .collect_view();
    let form_values: Vec<pkm_core::ConflictValue> = conflict
        .siblings
        .iter()
        .map(|sibling| sibling.value.clone())
        .collect();
    view! {
        <article class="pkm-panel pkm-conflict" data-testid="conflict">
            <h3>{title}</h3>
            <ol class="pkm-siblings">{siblings}</ol>
            {move || {
                rewriting
                    .get()
                    .and_then(|base| {
                        form_values.get(base).cloned().map(|value| {
                            view! {
                                <RewriteForm
                                    target=target.clone()
                                    base=base
                                    value=value
                                    on_done=Callback::new(move |()| rewriting.set(None))
                                />
                            }
                        })
                    })
            }}
            <p role="alert" class="pkm-error">{move || error.get()}</p>
        </article>
    }
}

/// One value of a conflict: the value, where and when it was written, whether figures use it
/// meanwhile, and the buttons that keep it or start a rewrite from it.
#[component]
fn SiblingItem(
    /// Its position among the conflict's values.
    index: usize,
    /// The value and its origin.
    sibling: Sibling,
    /// Keeps the value at a position.
    keep: Callback<usize>,
    /// Whether a choice is being saved.
    busy: RwSignal<bool>,
    /// The value a rewrite starts from, if one is open.
    rewriting: RwSignal<Option<usize>>,
    /// Whether the value may be rewritten (catalogues may not).
    rewritable: bool,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let value = sibling.value.clone();
    let when = time::local_date_time(sibling.at.wall_ms);
    let winner = sibling.is_provisional_winner;
    view! {
        <li class="pkm-sibling" class:pkm-sibling--winner=winner data-testid="conflict-value">
            <p class="pkm-sibling__value">{move || value_text(&value, state.lang.get())}</p>
            <p class="pkm-sibling__meta">
                {move || state.t(ProvinceMsg::SiblingDevice)}
                <code>{sibling.device.to_string()}</code>
                {move || state.t(ProvinceMsg::SiblingAuthor)}
                {sibling.author.clone()}
                {move || state.t(ProvinceMsg::SiblingAt)}
                <time>{when.clone()}</time>
            </p>
            <Show when=move || winner>
                <p class="pkm-tag">{t(ProvinceMsg::ProvisionalWinner)}</p>
            </Show>
            <div class="pkm-actions">
                <button
                    type="button"
                    class="pkm-button"
                    data-testid="conflict-keep"
                    disabled=move || busy.get()
                    on:click=move |_| keep.run(index)
                >
                    {t(ProvinceMsg::KeepThis)}
                </button>
                <Show when=move || rewritable>
                    <button
                        type="button"
                        class="pkm-button"
                        data-testid="conflict-rewrite"
                        aria-expanded=move || (rewriting.get() == Some(index)).to_string()
                        on:click=move |_| rewriting.set(Some(index))
                    >
                        {t(ProvinceMsg::RewriteFromThis)}
                    </button>
                </Show>
            </div>
        </li>
    }
}
