//! The questions an import asks before some files can go in (the core's
//! [`pkm_core::batch_import::Decision`]s): a new signing key to confirm after reading its short
//! fingerprint back by phone, an unsigned file or values dated ahead of the clock to accept once.
//! Each question has its own accept and refuse buttons; the screen that shows them decides what
//! an answer does. Shared by the province's batch import and the ward's import box.

use leptos::prelude::*;
use pkm_core::batch_import::{Ask, Decision};

use crate::i18n::trust::{self, TrustMsg};
use crate::state::use_app_state;

/// The panel "Cần xác nhận trước khi nhập", shown while `decisions` is not empty.
#[component]
pub fn TrustQuestions(
    /// The questions, in file order.
    #[prop(into)]
    decisions: Signal<Vec<Decision>>,
    /// Called with a question and whether the person accepted it.
    on_decide: Callback<(Decision, bool)>,
    /// While true, the buttons are disabled (a preview is running).
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: TrustMsg| move || state.t(msg);
    view! {
        <Show when=move || !decisions.with(Vec::is_empty)>
            <section
                class="pkm-panel pkm-trust"
                aria-labelledby="trust-title"
                data-testid="trust-questions"
            >
                <h3 id="trust-title">{t(TrustMsg::Title)}</h3>
                <p>{t(TrustMsg::Intro)}</p>
                <ul class="pkm-trust__list">
                    {move || {
                        decisions
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(index, decision)| {
                                view! { <Question index decision on_decide busy /> }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="pkm-hint">{t(TrustMsg::RefuseHint)}</p>
            </section>
        </Show>
    }
}

/// One question, with its buttons.
#[component]
fn Question(
    /// Its position (for element ids).
    index: usize,
    /// The question.
    decision: Decision,
    /// Called with the question and the answer.
    on_decide: Callback<(Decision, bool)>,
    /// Disables the buttons.
    busy: Signal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: TrustMsg| move || state.t(msg);
    let unit = decision.unit.to_string();
    let title_id = format!("trust-question-{index}");
    let (accept_for, refuse_for) = (title_id.clone(), title_id.clone());
    let (ask, fingerprint) = match &decision.ask {
        Ask::Key { fingerprint, .. } => ("key", fingerprint.as_str().to_owned()),
        Ask::Unsigned => ("unsigned", String::new()),
        Ask::Future { .. } => ("future", String::new()),
    };
    let accept_label = match &decision.ask {
        Ask::Key { .. } => TrustMsg::ConfirmKey,
        Ask::Unsigned => TrustMsg::AcceptUnsigned,
        Ask::Future { .. } => TrustMsg::AcceptOnce,
    };
    let name = decision.unit_name.clone();
    let heading = {
        let unit = unit.clone();
        move || trust::unit_line(&name, &unit, state.lang.get())
    };
    let body = question_body(&decision);
    let files = decision.files.join(", ");
    let decision = StoredValue::new(decision);
    let answer = move |accept: bool| on_decide.run((decision.get_value(), accept));
    view! {
        <li
            class="pkm-trust__question"
            data-testid=format!("decision-{unit}")
            data-ask=ask
            data-fingerprint=fingerprint
            aria-labelledby=title_id.clone()
        >
            <h4 id=title_id.clone()>{heading}</h4>
            {body}
            <p class="pkm-hint" data-testid="decision-files">
                {t(TrustMsg::Files)}
                " "
                {files}
            </p>
            <div class="pkm-actions">
                <button
                    type="button"
                    class="pkm-button pkm-button--primary"
                    data-testid=format!("decision-accept-{unit}")
                    aria-describedby=accept_for
                    disabled=move || busy.get()
                    on:click=move |_| answer(true)
                >
                    {t(accept_label)}
                </button>
                <button
                    type="button"
                    class="pkm-button"
                    data-testid=format!("decision-refuse-{unit}")
                    aria-describedby=refuse_for
                    disabled=move || busy.get()
                    on:click=move |_| answer(false)
                >
                    {t(TrustMsg::Refuse)}
                </button>
            </div>
        </li>
    }
}

/// What a question says: the key's short fingerprint to read back by phone (with the keys it
/// replaces and a warning when other keys claim the unit), or why an unsigned file or values
/// dated ahead wait.
fn question_body(decision: &Decision) -> AnyView {
    let state = use_app_state();
    let t = move |msg: TrustMsg| move || state.t(msg);
    match &decision.ask {
        Ask::Key {
            fingerprint,
            replaces,
        } => {
            let short = fingerprint.short();
            let replaced: Vec<String> = replaces.iter().map(|key| key.short()).collect();
            let rival_keys = decision.rival_keys;
            view! {
                <p>{t(TrustMsg::NewKey)}</p>
                <p>
                    <code class="pkm-fingerprint pkm-trust__fingerprint" data-testid="decision-fingerprint">
                        {short}
                    </code>
                </p>
                <p>{t(TrustMsg::CallToCheck)}</p>
                {(!replaced.is_empty()).then(|| {
                    view! {
                        <p class="pkm-trust__replaces" data-testid="decision-replaces">
                            {move || trust::replaces(&replaced, state.lang.get())}
                        </p>
                    }
                })}
                {(rival_keys > 0).then(|| {
                    view! {
                        <p class="pkm-banner pkm-trust__warning" role="alert" data-testid="decision-rivals">
                            {move || trust::rivals(rival_keys, state.lang.get())}
                        </p>
                    }
                })}
            }
                .into_any()
        }
        Ask::Unsigned => view! { <p>{t(TrustMsg::UnsignedText)}</p> }.into_any(),
        Ask::Future { furthest_ms } => {
            let when = pkm_core::trust::utc_text(*furthest_ms);
            view! { <p>{move || trust::future(&when, state.lang.get())}</p> }.into_any()
        }
    }
}
