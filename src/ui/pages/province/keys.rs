//! The keys screen (`/tinh/khoa-ky-so`, sổ khóa ký số): one section per unit with keys, each key
//! with its short fingerprint, its state (pinned, revoked, not confirmed), when this device first
//! saw and last used it, and who confirmed or revoked it here and when; a key can be revoked
//! (after a confirmation), and a replacement key read out by phone can be pinned by typing its
//! full fingerprint.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::key_ledger::{KeyRow, KeyState};
use pkm_core::{KeyFingerprint, UnitId};

use crate::i18n::keys::{self, KeysMsg};
use crate::i18n::trust;
use crate::state::province::keys::{self as key_book, PinProblem};
use crate::state::province::{time, use_province};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;
use crate::ui::components::storage_error::StorageErrorView;

/// What the screen's last act did: `(true, text)` as news, `(false, text)` as an error.
type Outcome = RwSignal<Option<(bool, String)>>;

/// The keys screen.
#[component]
pub fn KeysPage() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let job = use_province().job;
    let t = move |msg: KeysMsg| move || state.t(msg);
    // Bumped after each act here, so the key log is read again.
    let revision = RwSignal::new(0u64);
    let outcome: Outcome = RwSignal::new(None);
    let rows = LocalResource::new({
        let session = session.clone();
        move || {
            session.track();
            revision.track();
            job.log_revision.track();
            let session = session.clone();
            async move { key_book::rows(&session).await }
        }
    });
    view! {
        <div class="pkm-keys">
            <h2>{t(KeysMsg::Title)}</h2>
            <p class="pkm-lead">{t(KeysMsg::Intro)}</p>
            <p
                role="status"
                data-testid="keys-outcome"
                class:pkm-error=move || outcome.get().is_some_and(|(ok, _)| !ok)
            >
                {move || outcome.get().map(|(_, text)| text)}
            </p>
            <Transition fallback=move || view! { <p>{t(KeysMsg::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(error) => view! { <StorageErrorView error /> }.into_any(),
                        Ok(rows) if rows.is_empty() => {
                            view! { <p data-testid="keys-empty">{t(KeysMsg::Empty)}</p> }.into_any()
                        }
                        Ok(rows) => {
                            let mut units: BTreeMap<UnitId, Vec<KeyRow>> = BTreeMap::new();
                            for row in rows {
                                units.entry(row.unit.clone()).or_default().push(row);
                            }
                            units
                                .into_iter()
                                .map(|(unit, rows)| view! { <UnitKeys unit rows revision outcome /> })
                                .collect_view()
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <PinForm revision outcome />
            <OwnKey />
        </div>
    }
}

/// This computer's own key: its short fingerprint, which a ward's first import of the
/// configuration file asks for, and the full one.
#[component]
fn OwnKey() -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let session = use_session();
    let key = session
        .device_key()
        .map(|key| key.fingerprint())
        .map_err(Clone::clone);
    view! {
        <section class="pkm-panel" aria-labelledby="own-key-title" data-testid="own-key">
            <h3 id="own-key-title">{t(KeysMsg::OwnKeyTitle)}</h3>
            <p>{t(KeysMsg::OwnKeyIntro)}</p>
            {match key {
                Ok(key) => {
                    view! {
                        <p>
                            <code
                                class="pkm-fingerprint pkm-trust__fingerprint"
                                data-testid="own-fingerprint"
                            >
                                {key.short()}
                            </code>
                        </p>
                        <p class="pkm-hint">
                            {t(KeysMsg::OwnFullFingerprint)}
                            " "
                            <code data-testid="own-fingerprint-full">{key.grouped()}</code>
                        </p>
                    }
                        .into_any()
                }
                Err(error) => {
                    view! {
                        <p class="pkm-error" role="alert" data-testid="signing-error">
                            {move || error.message(state.lang.get())}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A unit's name and id, as the screen names it.
fn unit_label(unit: &UnitId, lang: crate::i18n::Lang) -> String {
    let session = use_session();
    let name = session
        .read_untracked(|store| store.unit(unit).map(|found| found.name_vi.clone()))
        .unwrap_or_default();
    trust::unit_line(&name, unit.as_str(), lang)
}

/// One unit's keys.
#[component]
fn UnitKeys(
    /// The unit.
    unit: UnitId,
    /// Its keys.
    rows: Vec<KeyRow>,
    /// Bumped after an act.
    revision: RwSignal<u64>,
    /// The screen's last act.
    outcome: Outcome,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let title_id = format!("keys-unit-{unit}-title");
    let labelled_by = title_id.clone();
    let table_labelled_by = title_id.clone();
    let heading = {
        let unit = unit.clone();
        move || unit_label(&unit, state.lang.get())
    };
    let rows = rows
        .into_iter()
        .map(|row| view! { <KeyLine row revision outcome /> })
        .collect_view();
    view! {
        <section
            class="pkm-panel pkm-keys__unit"
            aria-labelledby=labelled_by
            data-testid=format!("keys-unit-{unit}")
        >
            <h3 id=title_id>{heading}</h3>
            <ScrollRegion labelled_by=table_labelled_by>
                <table class="pkm-table pkm-keys__table">
                    <thead>
                        <tr>
                            <th scope="col">{t(KeysMsg::ColumnKey)}</th>
                            <th scope="col">{t(KeysMsg::ColumnState)}</th>
                            <th scope="col">{t(KeysMsg::ColumnFirstSeen)}</th>
                            <th scope="col">{t(KeysMsg::ColumnLastUsed)}</th>
                            <th scope="col">{t(KeysMsg::ColumnConfirmed)}</th>
                            <th scope="col">{t(KeysMsg::ColumnRevoked)}</th>
                            <th scope="col">{t(KeysMsg::ColumnActions)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollRegion>
        </section>
    }
}

/// One key of a unit, with its revoke button.
#[component]
fn KeyLine(
    /// The key's row.
    row: KeyRow,
    /// Bumped after an act.
    revision: RwSignal<u64>,
    /// The screen's last act.
    outcome: Outcome,
) -> impl IntoView {
    let state = use_app_state();
    let short = row.fingerprint.short();
    let code = match row.state {
        KeyState::Pinned => "pinned",
        KeyState::Revoked => "revoked",
        KeyState::Unconfirmed => "unconfirmed",
    };
    let key_state = row.state;
    let date = move |ms: Option<u64>| {
        ms.map(time::local_date_time)
            .unwrap_or_else(|| state.t(KeysMsg::Unknown).to_owned())
    };
    let (first_seen, last_used) = (row.first_seen_ms, row.last_used_ms);
    let by = move |act: &Option<(String, u64)>| {
        let act = act.clone();
        move || match &act {
            Some((who, at)) => keys::by_at(who, &time::local_date_time(*at), state.lang.get()),
            None => state.t(KeysMsg::Unknown).to_owned(),
        }
    };
    let confirmed = by(&row.confirmed);
    let revoked = by(&row.revoked);
    let revocable = row.state != KeyState::Revoked;
    view! {
        <tr
            data-testid="key-row"
            data-unit=row.unit.to_string()
            data-fingerprint=row.fingerprint.as_str().to_owned()
            data-state=code
        >
            <th scope="row">
                <code class="pkm-fingerprint" title=row.fingerprint.as_str().to_owned()>
                    {short.clone()}
                </code>
            </th>
            <td data-testid="key-state">
                {move || keys::state_text(key_state, state.lang.get())}
            </td>
            <td data-testid="key-first-seen">{move || date(first_seen)}</td>
            <td data-testid="key-last-used">{move || date(last_used)}</td>
            <td data-testid="key-confirmed">{confirmed}</td>
            <td data-testid="key-revoked">{revoked}</td>
            <td>
                {revocable
                    .then(|| {
                        view! {
                            <RevokeButton
                                unit=row.unit.clone()
                                fingerprint=row.fingerprint.clone()
                                revision
                                outcome
                            />
                        }
                    })}
            </td>
        </tr>
    }
}

/// "Thu hồi", then a confirmation in place (the key, what revoking does, confirm or cancel;
/// Escape cancels).
#[component]
fn RevokeButton(
    /// The unit.
    unit: UnitId,
    /// The key.
    fingerprint: KeyFingerprint,
    /// Bumped after the act.
    revision: RwSignal<u64>,
    /// The screen's last act.
    outcome: Outcome,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let short = fingerprint.short();
    let question_id = format!("revoke-question-{unit}-{}", &fingerprint.as_str()[..16]);
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let open_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if asking.get()
            && let Some(button) = confirm_ref.get()
        {
            let _ = button.focus();
        }
    });
    let cancel = move || {
        asking.set(false);
        if let Some(button) = open_ref.get_untracked() {
            let _ = button.focus();
        }
    };
    let target = StoredValue::new((unit.clone(), fingerprint.clone()));
    let stored_session = StoredValue::new(session);
    let confirm = move |()| {
        let (unit, fingerprint) = target.get_value();
        let session = stored_session.get_value();
        let lang = state.lang.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let result = key_book::revoke(&session, &unit, &fingerprint).await;
            busy.set(false);
            asking.set(false);
            outcome.set(Some(match result {
                Ok(_) => (true, state.t(KeysMsg::Revoked).to_owned()),
                Err(error) => (false, error.message(lang)),
            }));
            revision.update(|revision| *revision += 1);
        });
    };
    let label = {
        let short = short.clone();
        let unit = unit.clone();
        move || {
            format!(
                "{} {short} — {}",
                state.t(KeysMsg::Revoke),
                unit_label(&unit, state.lang.get())
            )
        }
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="pkm-button"
                        node_ref=open_ref
                        data-testid="key-revoke"
                        aria-label=label.clone()
                        on:click=move |_| asking.set(true)
                    >
                        {t(KeysMsg::Revoke)}
                    </button>
                }
            }
        >
            <RevokeDialog
                short=short.clone()
                question_id=question_id.clone()
                confirm_ref
                busy
                on_confirm=Callback::new(confirm)
                on_cancel=Callback::new(move |()| cancel())
            />
        </Show>
    }
}

/// The confirmation of a revocation: the key, what revoking does, confirm or cancel (Escape
/// cancels).
#[component]
fn RevokeDialog(
    /// The key's short fingerprint.
    short: String,
    /// The id of the question (the dialog's label).
    question_id: String,
    /// The confirm button (focused when the dialog opens).
    confirm_ref: NodeRef<leptos::html::Button>,
    /// Whether the revocation is being saved.
    busy: RwSignal<bool>,
    /// Revokes the key.
    on_confirm: Callback<()>,
    /// Closes the dialog.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let labelled_by = question_id.clone();
    view! {
        <div
            role="alertdialog"
            class="pkm-keys__confirm"
            aria-labelledby=labelled_by
            data-testid="key-revoke-dialog"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    on_cancel.run(());
                }
            }
        >
            <p id=question_id>
                <code class="pkm-fingerprint">{short}</code>
                " "
                {t(KeysMsg::RevokeQuestion)}
            </p>
            <div class="pkm-actions">
                <button
                    type="button"
                    class="pkm-button pkm-button--danger"
                    node_ref=confirm_ref
                    data-testid="key-revoke-confirm"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {t(KeysMsg::RevokeConfirm)}
                </button>
                <button
                    type="button"
                    class="pkm-button"
                    data-testid="key-revoke-cancel"
                    on:click=move |_| on_cancel.run(())
                >
                    {t(KeysMsg::Cancel)}
                </button>
            </div>
        </div>
    }
}

/// The form that pins a replacement key typed in after a phone call.
#[component]
fn PinForm(
    /// Bumped after the act.
    revision: RwSignal<u64>,
    /// The screen's last act.
    outcome: Outcome,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: KeysMsg| move || state.t(msg);
    let units = unit_choices();
    let chosen = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let stored_session = StoredValue::new(session);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Ok(unit) = UnitId::new(chosen.get_untracked()) else {
            problem.set(Some(state.t(KeysMsg::PinNoUnit).to_owned()));
            return;
        };
        let fingerprint = match key_book::parse_fingerprint(&typed.get_untracked()) {
            Ok(fingerprint) => fingerprint,
            Err(why) => {
                problem.set(Some(why.message(lang)));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let session = stored_session.get_value();
        spawn_local(async move {
            let result = key_book::pin_replacement(&session, &unit, &fingerprint).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    typed.set(String::new());
                    let label = unit_label(&unit, lang);
                    outcome.set(Some((
                        true,
                        keys::pinned(&fingerprint.short(), &label, lang),
                    )));
                    revision.update(|revision| *revision += 1);
                }
                Err(PinProblem::Revoked) => {
                    problem.set(Some(state.t(KeysMsg::PinRevoked).to_owned()));
                }
                Err(PinProblem::Session(error)) => problem.set(Some(error.message(lang))),
            }
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="keys-pin-title" data-testid="keys-pin">
            <h3 id="keys-pin-title">{t(KeysMsg::PinTitle)}</h3>
            <p>{t(KeysMsg::PinIntro)}</p>
            <form class="pkm-form pkm-form--plain" on:submit=submit>
                <div class="pkm-field">
                    <label for="keys-pin-unit">{t(KeysMsg::PinUnit)}</label>
                    <select
                        id="keys-pin-unit"
                        prop:value=move || chosen.get()
                        on:change:target=move |ev| chosen.set(ev.target().value())
                    >
                        <option value="">{t(KeysMsg::PinUnitPlaceholder)}</option>
                        <For
                            each=move || units.get()
                            key=|(id, _)| id.clone()
                            children=move |(id, label)| {
                                view! { <option value=id.to_string()>{label}</option> }
                            }
                        />
                    </select>
                </div>
                <FingerprintField typed problem />
                <button
                    type="submit"
                    class="pkm-button pkm-button--primary"
                    data-testid="keys-pin-submit"
                    disabled=move || busy.get()
                >
                    {t(KeysMsg::PinButton)}
                </button>
                <p id="keys-pin-problem" class="pkm-error" role="alert" data-testid="keys-pin-problem">
                    {move || problem.get()}
                </p>
            </form>
        </section>
    }
}

/// The units one may pin a key for, labelled with their ids, sorted.
fn unit_choices() -> Memo<Vec<(UnitId, String)>> {
    let session = use_session();
    Memo::new(move |_| {
        session.read(|store| {
            let mut units: Vec<(UnitId, String)> = store
                .unit_registers()
                .keys()
                .filter_map(|id| store.unit(id))
                .map(|unit| (unit.id.clone(), format!("{} ({})", unit.name_vi, unit.id)))
                .collect();
            units.sort_by(|a, b| a.1.cmp(&b.1));
            units
        })
    })
}

/// The full fingerprint, typed as read out by phone.
#[component]
fn FingerprintField(
    /// What is typed.
    typed: RwSignal<String>,
    /// Why the form was refused, if it was.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: KeysMsg| move || state.t(msg);
    view! {
        <div class="pkm-field">
            <label for="keys-pin-fingerprint">{t(KeysMsg::PinFingerprint)}</label>
            <input
                id="keys-pin-fingerprint"
                type="text"
                class="pkm-keys__input"
                autocomplete="off"
                spellcheck="false"
                maxlength="200"
                aria-invalid=move || problem.with(Option::is_some).to_string()
                aria-describedby="keys-pin-problem"
                prop:value=move || typed.get()
                on:input:target=move |ev| typed.set(ev.target().value())
            />
        </div>
    }
}
