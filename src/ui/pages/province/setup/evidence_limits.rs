//! The province's settings for evidence files (issue 23): the largest file, the most per ward
//! and the longest side of a stored photo, shown as set (or the defaults) and saved on the
//! province's own unit record, which the config file carries to its wards.

use leptos::prelude::*;
use pkm_core::attachment::EvidenceSettings;
use pkm_core::attachment::limits::MB;

use crate::i18n::Text;
use crate::i18n::attachments::{AttachMsg, settings_saved};
use crate::state::province::{edits, use_province};
use crate::state::{use_app_state, use_session};

/// The settings typed, if acceptable: within the ranges the core allows (1 to 100 MB per file,
/// no more than per ward and at most 10,000 MB, a photo's longest side from 320 to 10,000
/// pixels), which the reader also applies to a file carrying them.
fn parse(per_file: &str, per_ward: &str, side: &str) -> Option<EvidenceSettings> {
    EvidenceSettings::from_megabytes(
        per_file.trim().parse().ok()?,
        per_ward.trim().parse().ok()?,
        side.trim().parse().ok()?,
    )
}

/// One labelled number input.
#[component]
fn NumberField(id: &'static str, label: AttachMsg, value: RwSignal<String>) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="pkm-field">
            <label for=id>{move || state.t(label)}</label>
            <input
                id=id
                type="number"
                min="1"
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// The section of the setup screen.
#[component]
pub fn EvidenceLimitsSection() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let current = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                let chosen = province.province(store)?;
                let settings = EvidenceSettings::for_unit(store, &chosen);
                Some((chosen, settings))
            })
        })
    };
    let shown = current.get_untracked().map(|(_, s)| s).unwrap_or_default();
    let per_file = RwSignal::new((shown.per_file / MB).to_string());
    let per_ward = RwSignal::new((shown.per_ward / MB).to_string());
    let side = RwSignal::new(shown.longest_side.to_string());
    let message: super::FormMessage = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Some((chosen, _)) = current.get_untracked() else {
            super::no_province(message, lang);
            return;
        };
        let Some(settings) = parse(
            &per_file.get_untracked(),
            &per_ward.get_untracked(),
            &side.get_untracked(),
        ) else {
            message.set(Some((
                false,
                AttachMsg::SettingsInvalid.text(lang).to_owned(),
            )));
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let result = edits::set_evidence_settings(&session, &chosen, settings).await;
            let done = result.map(|()| AttachMsg::SettingsStored.text(lang).to_owned());
            super::report(message, done, lang);
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="evidence-limits-title">
            <h3 id="evidence-limits-title">{move || state.t(AttachMsg::SettingsTitle)}</h3>
            <p class="pkm-hint">{move || state.t(AttachMsg::SettingsIntro)}</p>
            <form class="pkm-form pkm-form--inline" on:submit=submit data-testid="evidence-limits-form">
                <NumberField id="evidence-per-file" label=AttachMsg::PerFile value=per_file />
                <NumberField id="evidence-per-ward" label=AttachMsg::PerWard value=per_ward />
                <NumberField id="evidence-longest-side" label=AttachMsg::LongestSide value=side />
                <button type="submit" class="pkm-button pkm-button--primary">
                    {move || state.t(AttachMsg::SaveSettings)}
                </button>
                <super::FormStatus message />
            </form>
            <p data-testid="evidence-limits">
                {move || current.get().map(|(_, settings)| settings_saved(&settings, state.lang.get()))}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sensible_settings_are_accepted() {
        assert_eq!(
            parse("5", "50", "1600"),
            Some(EvidenceSettings {
                per_file: 5 * MB,
                per_ward: 50 * MB,
                longest_side: 1_600
            })
        );
        assert_eq!(
            parse(" 20 ", "300", "2000"),
            Some(EvidenceSettings::default())
        );
        for (file, ward, side) in [
            ("0", "300", "2000"),
            ("101", "300", "2000"),
            ("50", "20", "2000"),
            ("20", "10001", "2000"),
            ("20", "300", "100"),
            ("20", "300", "20000"),
            ("2,5", "300", "2000"),
            ("", "300", "2000"),
        ] {
            assert_eq!(parse(file, ward, side), None, "{file} {ward} {side}");
        }
    }
}
