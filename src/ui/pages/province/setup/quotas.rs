//! The Ministry's quota of new model wards per year: the quotas recorded for the province and a
//! form to set one.

use leptos::prelude::*;

use crate::i18n::Text;
use crate::i18n::province::{self, ProvinceMsg};
use crate::state::province::{edits, time, use_province};
use crate::state::{use_app_state, use_session};

/// The quota section.
#[component]
pub fn QuotaSection() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let year = RwSignal::new(time::current_year().to_string());
    let quota = RwSignal::new(String::new());
    let message: super::FormMessage = RwSignal::new(None);
    let listed = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                let chosen = province.province(store)?;
                let mut quotas: Vec<(u16, u32)> = store
                    .quotas()
                    .into_iter()
                    .filter(|quota| quota.province == chosen)
                    .map(|quota| (quota.year, quota.new_wards))
                    .collect();
                quotas.sort_unstable_by(|left, right| right.cmp(left));
                Some((chosen, quotas))
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Some((chosen, _)) = listed.get_untracked() else {
            super::no_province(message, lang);
            return;
        };
        let (Ok(for_year), Ok(new_wards)) = (
            year.get_untracked().trim().parse::<u16>(),
            quota.get_untracked().trim().parse::<u32>(),
        ) else {
            message.set(Some((
                false,
                ProvinceMsg::QuotaNotNumbers.text(lang).to_owned(),
            )));
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let result = edits::set_quota(&session, &chosen, for_year, new_wards).await;
            let done = result.map(|()| province::quota_saved(for_year, new_wards, lang));
            super::report(message, done, lang);
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="quota-title">
            <h3 id="quota-title">{t(ProvinceMsg::QuotaTitle)}</h3>
            <form class="pkm-form pkm-form--inline" on:submit=submit data-testid="quota-form">
                <super::InputField id="quota-year" label=ProvinceMsg::ChoiceYear value=year kind="number" min="2000" max="2100" />
                <super::InputField id="quota-value" label=ProvinceMsg::FieldQuota value=quota kind="number" min="0" />
                <button type="submit" class="pkm-button pkm-button--primary">{t(ProvinceMsg::SaveQuota)}</button>
                <super::FormStatus message />
            </form>
            <ul data-testid="quotas">
                {move || {
                    let lang = state.lang.get();
                    listed
                        .get()
                        .map(|(_, quotas)| {
                            quotas
                                .into_iter()
                                .map(|(year, new_wards)| {
                                    let text = province::quota_line(year, new_wards, lang);
                                    view! { <li>{text}</li> }
                                })
                                .collect_view()
                        })
                }}
            </ul>
        </section>
    }
}
