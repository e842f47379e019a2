//! Catalogues: the ones this office has (draft or official), loading the official catalogue file
//! (every problem shown with its JSON path), how a catalogue differs from the built-in draft, the
//! catalogue each year uses, and the config bundle that carries all of it down to the wards.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pkm_core::catalogue_diff::CatalogueDiff;
use pkm_core::{Catalogue, CatalogueId};

use crate::i18n::province::{self, ProvinceMsg};
use crate::i18n::{Lang, Msg, Text};
use crate::platform::files;
use crate::state::province::outputs::{self, BundleOutput};
use crate::state::province::{edits, time, use_province};
use crate::state::{use_app_state, use_session};

/// The largest catalogue file read.
const MAX_CATALOGUE_BYTES: u64 = 2 * 1024 * 1024;

/// A catalogue as listed.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    catalogue: Catalogue,
    years: Vec<u16>,
    diff: Option<CatalogueDiff>,
}

/// The catalogue section.
#[component]
pub fn CataloguesSection() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let listed = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                let chosen = province.province(store);
                let draft = Catalogue::builtin_draft().ok();
                store
                    .catalogues()
                    .values()
                    .map(|catalogue| {
                        let years = store
                            .year_catalogue_registers()
                            .iter()
                            .filter(|((unit, _), register)| {
                                Some(unit) == chosen.as_ref()
                                    && register.value() == Some(&catalogue.id)
                            })
                            .map(|((_, year), _)| *year)
                            .collect();
                        let diff = draft
                            .as_ref()
                            .filter(|draft| draft.id != catalogue.id)
                            .map(|draft| CatalogueDiff::between(draft, catalogue));
                        Listed {
                            catalogue: catalogue.clone(),
                            years,
                            diff,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="pkm-panel" aria-labelledby="catalogues-title">
            <h3 id="catalogues-title">{t(ProvinceMsg::CataloguesTitle)}</h3>
            <ul class="pkm-catalogues" data-testid="catalogues">
                {move || {
                    let lang = state.lang.get();
                    listed
                        .get()
                        .into_iter()
                        .map(|listed| {
                            let catalogue = &listed.catalogue;
                            let status = lang.pick(catalogue.status.label_vi(), catalogue.status.label_en());
                            let years = if listed.years.is_empty() {
                                String::new()
                            } else {
                                let list = listed
                                    .years
                                    .iter()
                                    .map(u16::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                province::used_in_years(&list, lang)
                            };
                            let count = catalogue.criteria_count();
                            view! {
                                <li>
                                    <strong>{catalogue.title_vi.clone()}</strong>
                                    " "
                                    <span class="pkm-tag" class:pkm-tag--draft=catalogue.is_draft()>{status}</span>
                                    {format!(" ({}){years}", province::catalogue_size(catalogue.id.as_str(), count, lang))}
                                    {listed.diff.map(|diff| view! { <DiffView diff /> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <CatalogueLoader />
            <YearCatalogueForm />
        </section>
    }
}

/// How a catalogue differs from the built-in draft (or, `plain`, from the catalogue a draft
/// started from, without naming the built-in draft).
#[component]
pub(super) fn DiffView(
    /// The difference.
    diff: CatalogueDiff,
    /// Whether the summary leaves out "against the built-in draft".
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let state = use_app_state();
    let summary = {
        let diff = diff.clone();
        move || {
            let lang = state.lang.get();
            let summary = lang.pick(diff.summary_vi(), diff.summary_en());
            if plain {
                summary
            } else {
                province::against_draft(&summary, lang)
            }
        }
    };
    let added = diff
        .added
        .iter()
        .map(|side| format!("+ {} {}: {}", side.number, side.id, side.title_vi))
        .chain(
            diff.removed
                .iter()
                .map(|side| format!("− {} {}: {}", side.number, side.id, side.title_vi)),
        )
        .collect::<Vec<_>>();
    let changed = diff.changed.clone();
    let renamed = diff.groups_renamed.clone();
    view! {
        <details class="pkm-diff" data-testid="catalogue-diff">
            <summary>{summary}</summary>
            <ul>
                {added.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                {changed
                    .into_iter()
                    .map(|changed| {
                        let changes = changed.changes.clone();
                        view! {
                            <li>
                                {format!("~ {} {}: ", changed.number, changed.id)}
                                {move || {
                                    let lang = state.lang.get();
                                    changes
                                        .iter()
                                        .map(|change| lang.pick(change.message_vi(), change.message_en()))
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
                {renamed
                    .into_iter()
                    .map(|group| {
                        view! { <li>{format!("§ {}: “{}” → “{}”", group.id, group.before, group.after)}</li> }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}

/// Loading a catalogue file.
#[component]
fn CatalogueLoader() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let candidate: RwSignal<Option<Catalogue>> = RwSignal::new(None);
    let problems: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let message: super::FormMessage = RwSignal::new(None);
    let on_change =
        move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
            let input = ev.target();
            let Some(file) = files::files_of(input.files()).into_iter().next() else {
                return;
            };
            input.set_value("");
            candidate.set(None);
            problems.set(Vec::new());
            message.set(None);
            leptos::task::spawn_local(async move {
                match read_catalogue(&file).await {
                    Ok(catalogue) => candidate.set(Some(catalogue)),
                    Err(found) => problems.set(found),
                }
            });
        };
    let add = move |_| {
        let Some(catalogue) = candidate.get_untracked() else {
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let title = catalogue.title_vi.clone();
            match edits::add_catalogue(&session, catalogue).await {
                Ok(added) => {
                    candidate.set(None);
                    message.set(Some((true, province::catalogue_added(&title, added, lang))));
                }
                Err(error) => message.set(Some((false, error.message(lang)))),
            }
        });
    };
    view! {
        <div class="pkm-form pkm-form--inline" data-testid="catalogue-loader">
            <h4>{t(ProvinceMsg::CatalogueLoadTitle)}</h4>
            <div class="pkm-file-pick">
                <input
                    id="catalogue-file"
                    class="pkm-file-input"
                    type="file"
                    accept=".json,application/json"
                    on:change:target=on_change
                />
                <label for="catalogue-file" class="pkm-button pkm-file-label">
                    {t(ProvinceMsg::CatalogueChoose)}
                </label>
            </div>
            <CatalogueProblems problems />
            {move || {
                candidate
                    .get()
                    .map(|catalogue| {
                        let diff = Catalogue::builtin_draft()
                            .ok()
                            .map(|draft| CatalogueDiff::between(&draft, &catalogue));
                        view! {
                            <div class="pkm-candidate" data-testid="catalogue-candidate">
                                <p>
                                    <strong>{catalogue.title_vi.clone()}</strong>
                                    {
                                        let (id, count, status) = (catalogue.id.clone(), catalogue.criteria_count(), catalogue.status);
                                        move || {
                                            let lang = state.lang.get();
                                            let size = province::catalogue_size(id.as_str(), count, lang);
                                            format!(" ({size}, {})", lang.pick(status.label_vi(), status.label_en()))
                                        }
                                    }
                                </p>
                                {diff.map(|diff| view! { <DiffView diff /> })}
                                <button type="button" class="pkm-button pkm-button--primary" on:click=add.clone()>
                                    {t(ProvinceMsg::CatalogueAdd)}
                                </button>
                            </div>
                        }
                    })
            }}
            <super::FormStatus message />
        </div>
    }
}

/// Reads and checks a catalogue file: the catalogue, or every problem in both languages.
async fn read_catalogue(file: &web_sys::File) -> Result<Catalogue, Vec<(String, String)>> {
    let bytes = match files::read_bytes(file, MAX_CATALOGUE_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => return Err(vec![(error.message(Lang::Vi), error.message(Lang::En))]),
    };
    let parsed = match std::str::from_utf8(&bytes) {
        Ok(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Catalogue::from_value_all(&value),
            Err(_) => Catalogue::from_json(text).map_err(|error| vec![error]),
        },
        Err(_) => Err(Vec::new()),
    };
    match parsed {
        Ok(catalogue) => Ok(catalogue),
        Err(errors) if errors.is_empty() => Err(vec![(
            Msg::NotUtf8.text(Lang::Vi).to_owned(),
            Msg::NotUtf8.text(Lang::En).to_owned(),
        )]),
        Err(errors) => Err(errors
            .iter()
            .map(|error| (error.message_vi(), error.message_en()))
            .collect()),
    }
}

/// Why the catalogue file was refused, every problem listed.
#[component]
fn CatalogueProblems(
    /// The problems, in both languages.
    problems: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <Show when=move || problems.with(|problems| !problems.is_empty())>
            <div class="pkm-error" role="alert">
                <p>{t(ProvinceMsg::CatalogueRefused)}</p>
                <ul>
                    {move || {
                        let lang = state.lang.get();
                        problems
                            .get()
                            .into_iter()
                            .map(|(vi, en)| view! { <li>{lang.pick(vi, en)}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// Choosing the catalogue a year uses.
#[component]
fn YearCatalogueForm() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let year = RwSignal::new(time::current_year().to_string());
    let chosen = RwSignal::new(String::new());
    let message: super::FormMessage = RwSignal::new(None);
    let options = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                store
                    .catalogues()
                    .values()
                    .map(|catalogue| {
                        (
                            catalogue.id.clone(),
                            format!("{} ({})", catalogue.title_vi, catalogue.status.label_vi()),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let Some(target) = session.read_untracked(|store| province.province(store)) else {
            super::no_province(message, lang);
            return;
        };
        let picked = chosen.get_untracked();
        let catalogue = CatalogueId::new(picked.clone())
            .ok()
            .or_else(|| options.get_untracked().first().map(|(id, _)| id.clone()));
        let (Ok(for_year), Some(catalogue)) =
            (year.get_untracked().trim().parse::<u16>(), catalogue)
        else {
            message.set(Some((
                false,
                ProvinceMsg::YearCatalogueIncomplete.text(lang).to_owned(),
            )));
            return;
        };
        let session = session.clone();
        leptos::task::spawn_local(async move {
            let result = edits::choose_catalogue(&session, &target, for_year, &catalogue).await;
            let done =
                result.map(|()| province::year_catalogue_saved(for_year, catalogue.as_str(), lang));
            super::report(message, done, lang);
        });
    };
    view! {
        <form class="pkm-form pkm-form--inline" on:submit=submit data-testid="year-catalogue-form">
            <h4>{t(ProvinceMsg::YearCatalogueTitle)}</h4>
            <super::InputField id="catalogue-year" label=ProvinceMsg::ChoiceYear value=year kind="number" min="2000" max="2100" />
            <div class="pkm-field">
                <label for="catalogue-choice">{t(ProvinceMsg::CatalogueForYear)}</label>
                <select id="catalogue-choice" on:change:target=move |ev| chosen.set(ev.target().value())>
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(id, title)| {
                                let selected = chosen.get_untracked() == id.as_str();
                                view! { <option value=id.to_string() selected=selected>{title}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <button type="submit" class="pkm-button pkm-button--primary">{t(ProvinceMsg::SaveYearCatalogue)}</button>
            <super::FormStatus message />
        </form>
    }
}

/// The config bundle for the wards.
#[component]
pub fn ConfigExport() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let message: super::FormMessage = RwSignal::new(None);
    let export = move |_| {
        let lang = state.lang.get_untracked();
        let Some(target) = session.read_untracked(|store| province.province(store)) else {
            super::no_province(message, lang);
            return;
        };
        let session = session.clone();
        spawn_local(async move {
            let made = outputs::bundle(&session, &target, None, BundleOutput::Config)
                .await
                .and_then(|file| outputs::download(&file).map(|()| file.name));
            message.set(Some(match made {
                Ok(name) => (true, province::file_made(&name, lang)),
                Err(error) => (false, error.message(lang).to_string()),
            }));
        });
    };
    view! {
        <section class="pkm-panel" aria-labelledby="config-title">
            <h3 id="config-title">{t(ProvinceMsg::ConfigTitle)}</h3>
            <p class="pkm-hint">{t(ProvinceMsg::ConfigHint)}</p>
            <button type="button" class="pkm-button pkm-button--primary" data-testid="download-config" on:click=export>
                {t(ProvinceMsg::DownloadConfig)}
            </button>
            <super::FormStatus message />
        </section>
    }
}
