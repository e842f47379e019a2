//! The history of one criterion (or item): its audit log entries, newest first.

use leptos::prelude::*;

use super::context::use_ward;
use crate::i18n::ward::WardMsg;
use crate::platform::clock;
use crate::state::logs;
use crate::state::use_app_state;

/// A disclosure that lists who changed `target` in `scope`, and when.
#[component]
pub fn History(
    /// The assessment's record key.
    scope: String,
    /// What in it.
    target: String,
) -> impl IntoView {
    let state = use_app_state();
    let context = use_ward();
    let open = RwSignal::new(false);
    let entries = LocalResource::new(move || {
        let session = context.session();
        session.track();
        let wanted = open.get();
        let (scope, target) = (scope.clone(), target.clone());
        async move {
            if !wanted {
                return Ok(Vec::new());
            }
            logs::history(session.db(), &scope, &target).await
        }
    });
    view! {
        <details class="pkm-history" on:toggle:target=move |ev| open.set(ev.target().open())>
            <summary>{move || state.t(WardMsg::History)}</summary>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let lang = state.lang.get_untracked();
                    match entries.await {
                        Ok(entries) if entries.is_empty() => {
                            view! { <p>{state.t(WardMsg::NoHistory)}</p> }.into_any()
                        }
                        Ok(entries) => view! {
                            <ol class="pkm-history__list">
                                {entries
                                    .into_iter()
                                    .map(|entry| {
                                        let when = clock::local_stamp_at(entry.at.wall_ms).display_vi;
                                        let what = lang.pick(entry.summary_vi, entry.summary_en);
                                        view! {
                                            <li>
                                                <time>{when}</time>
                                                " — "
                                                <strong>{entry.author}</strong>
                                                ": "
                                                {what}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="pkm-error">{error.message(lang)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </details>
    }
}
