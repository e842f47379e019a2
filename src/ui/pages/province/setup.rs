//! The setup screen (`/tinh/thiet-lap`): the office profile (which province, who reviews), the unit
//! registry (one by one, or a CSV/JSON list), the Ministry's quota per year, the catalogues (load
//! the official one, see how it differs from the built-in draft, choose one per year), the
//! catalogue editor (type one in or import a spreadsheet, then publish it), and the config bundle
//! for the wards.

mod catalogue_editor;
mod catalogues;
mod evidence_limits;
mod profile_form;
mod quotas;
mod units;

use leptos::prelude::*;

use crate::i18n::province::ProvinceMsg;
use crate::i18n::{Lang, Text};
use crate::state::{SessionError, use_app_state};

/// The setup screen.
#[component]
pub fn SetupPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="pkm-setup">
            <h2>{move || state.t(ProvinceMsg::SetupTitle)}</h2>
            <profile_form::ProfileForm />
            <units::UnitsSection />
            <quotas::QuotaSection />
            <evidence_limits::EvidenceLimitsSection />
            <catalogues::CataloguesSection />
            <catalogue_editor::CatalogueEditor />
            <catalogues::ConfigExport />
        </div>
    }
}

/// What a setup form last did: `(true, text)` said as news, `(false, text)` as an error.
type FormMessage = RwSignal<Option<(bool, String)>>;

/// Says in `message` that no province is chosen yet (every setup form needs one).
fn no_province(message: FormMessage, lang: Lang) {
    message.set(Some((
        false,
        ProvinceMsg::NoProvinceHelp.text(lang).to_owned(),
    )));
}

/// Says in `message` what a saved edit did: `done` on success, the error's message otherwise.
fn report(message: FormMessage, result: Result<String, SessionError>, lang: Lang) {
    message.set(Some(match result {
        Ok(done) => (true, done),
        Err(error) => (false, error.message(lang)),
    }));
}

/// A labelled input of a setup form, bound to `value` (a text, or with `kind="number"` and its
/// bounds, a number; a year field is `min="2000" max="2100"`).
#[component]
fn InputField(
    /// The input's id (the label points at it; the e2e tests find some by it).
    id: &'static str,
    /// The label.
    label: ProvinceMsg,
    /// The text typed.
    value: RwSignal<String>,
    /// The input's type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The smallest number accepted.
    #[prop(optional)]
    min: Option<&'static str>,
    /// The largest number accepted.
    #[prop(optional)]
    max: Option<&'static str>,
    /// The longest text accepted.
    #[prop(optional)]
    maxlength: Option<&'static str>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="pkm-field">
            <label for=id>{move || state.t(label)}</label>
            <input
                id=id
                type=kind
                min=min
                max=max
                maxlength=maxlength
                autocomplete=(kind == "text").then_some("off")
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// The line under a setup form that says what its last action did (a live region).
#[component]
fn FormStatus(
    /// The form's message.
    message: FormMessage,
) -> impl IntoView {
    view! {
        <p role="status" class:pkm-error=move || message.get().is_some_and(|(ok, _)| !ok)>
            {move || message.get().map(|(_, text)| text)}
        </p>
    }
}
