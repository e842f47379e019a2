//! The setup screen (`/tinh/thiet-lap`): the office profile (which province, who reviews), the unit
//! registry (one by one, or a CSV/JSON list), the Ministry's quota per year, the catalogues (load
//! the official one, see how it differs from the built-in draft, choose one per year), and the
//! config bundle for the wards.

mod catalogues;
mod profile_form;
mod quotas;
mod units;

use leptos::prelude::*;

use crate::i18n::province::ProvinceMsg;
use crate::state::use_app_state;

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
            <catalogues::CataloguesSection />
            <catalogues::ConfigExport />
        </div>
    }
}

/// What a setup form last did: `(true, text)` said as news, `(false, text)` as an error.
type FormMessage = RwSignal<Option<(bool, String)>>;

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
