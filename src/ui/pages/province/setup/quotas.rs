//! The Ministry's quota of new model wards per year: the quotas recorded for the province and a
//! form to set one.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::i18n::province::ProvinceMsg;
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
            message.set(Some((
                false,
                state.t(ProvinceMsg::NoProvinceHelp).to_string(),
            )));
            return;
        };
        let (Ok(for_year), Ok(new_wards)) = (
            year.get_untracked().trim().parse::<u16>(),
            quota.get_untracked().trim().parse::<u32>(),
        ) else {
            message.set(Some((
                false,
                match lang {
                    Lang::Vi => "Năm và chỉ tiêu phải là số nguyên (ví dụ năm 2024, chỉ tiêu 4)."
                        .to_string(),
                    Lang::En => {
                        "Year and quota must be whole numbers (for example 2024 and 4).".to_string()
                    }
                },
            )));
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let result = edits::set_quota(&session, &chosen, for_year, new_wards).await;
            message.set(Some(match result {
                Ok(()) => (
                    true,
                    match lang {
                        Lang::Vi => format!("Đã lưu chỉ tiêu năm {for_year}: {new_wards}."),
                        Lang::En => format!("{for_year} quota saved: {new_wards}."),
                    },
                ),
                Err(error) => (false, error.message(lang)),
            }));
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="quota-title">
            <h3 id="quota-title">{t(ProvinceMsg::QuotaTitle)}</h3>
            <form class="pkm-form pkm-form--inline" on:submit=submit data-testid="quota-form">
                <div class="pkm-field">
                    <label for="quota-year">{t(ProvinceMsg::ChoiceYear)}</label>
                    <input
                        id="quota-year"
                        type="number"
                        min="2000"
                        max="2100"
                        prop:value=move || year.get()
                        on:input:target=move |ev| year.set(ev.target().value())
                    />
                </div>
                <div class="pkm-field">
                    <label for="quota-value">{t(ProvinceMsg::FieldQuota)}</label>
                    <input
                        id="quota-value"
                        type="number"
                        min="0"
                        prop:value=move || quota.get()
                        on:input:target=move |ev| quota.set(ev.target().value())
                    />
                </div>
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
                                    let text = match lang {
                                        Lang::Vi => format!("Năm {year}: {new_wards} Công an phường xây dựng mới"),
                                        Lang::En => format!("{year}: {new_wards} new wards"),
                                    };
                                    view! { <li>{text}</li> }
                                })
                                .collect_view()
                        })
                }}
            </ul>
        </section>
    }
}
