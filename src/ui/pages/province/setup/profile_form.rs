//! The office profile form: the province this office works for and the reviewer's name, saved as
//! they are chosen or typed (with the save indicator saying "Đã lưu" only after the commit).

use leptos::prelude::*;
use pkm_core::dashboard;

use crate::i18n::province::ProvinceMsg;
use crate::state::province::profile::{self, OfficeProfile};
use crate::state::province::use_province;
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::{Autosave, use_app_state, use_session};
use crate::ui::components::save_indicator::SaveIndicator;

/// The profile form.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let db = session.db().clone();
    let autosave = Autosave::new(DEFAULT_DELAY_MS, move |value: OfficeProfile| {
        let db = db.clone();
        async move {
            let result = profile::save(&db, &value).await;
            if result.is_ok() {
                state.refresh_usage();
            }
            result
        }
    });
    let status = autosave.status();
    let autosave = StoredValue::new_local(autosave);
    let author_session = session.clone();
    let edit = move |change: Box<dyn FnOnce(&mut OfficeProfile)>| {
        province.profile.update(|profile| change(profile));
        let value = province.profile.get_untracked();
        author_session.set_author(&value.reviewer);
        autosave.with_value(|autosave| autosave.schedule(value));
    };
    let flush = move |_| autosave.with_value(Autosave::flush);
    let provinces = Memo::new(move |_| session.read(dashboard::provinces));
    let edit_province = edit.clone();
    view! {
        <form class="pkm-form pkm-panel" on:submit=|ev| ev.prevent_default() aria-labelledby="office-title">
            <h3 id="office-title">{t(ProvinceMsg::OfficeTitle)}</h3>
            <div class="pkm-field">
                <label for="office-province">{t(ProvinceMsg::OfficeProvince)}</label>
                <select
                    id="office-province"
                    data-testid="office-province"
                    on:change:target=move |ev| {
                        let chosen = ev.target().value();
                        edit_province(Box::new(move |profile| {
                            profile.province = (!chosen.is_empty()).then_some(chosen);
                        }));
                        province.year.set(None);
                    }
                >
                    <option value="" selected=move || province.profile.with(|p| p.province.is_none())>
                        {t(ProvinceMsg::OfficeProvinceNone)}
                    </option>
                    {move || {
                        let chosen = province.profile.with(|p| p.province.clone());
                        provinces
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = chosen.as_deref() == Some(id.as_str());
                                view! { <option value=id.to_string() selected=selected>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="pkm-field">
                <label for="office-reviewer">{t(ProvinceMsg::OfficeReviewer)}</label>
                <input
                    id="office-reviewer"
                    type="text"
                    autocomplete="name"
                    maxlength="200"
                    data-testid="office-reviewer"
                    prop:value=move || province.profile.with(|p| p.reviewer.clone())
                    on:input:target=move |ev| {
                        let name = ev.target().value();
                        edit(Box::new(move |profile| profile.reviewer = name));
                    }
                    on:blur=flush
                />
            </div>
            <SaveIndicator status=status />
        </form>
    }
}
