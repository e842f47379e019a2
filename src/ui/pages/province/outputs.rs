//! The output buttons of the dashboard and the report: the Excel workbook, the CSV table, the
//! merged bundle for the Ministry, and the link to the printable report. Each download says
//! which file it made, or why it could not.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use pkm_core::ProvinceFigures;

use crate::i18n::province::{self, ProvinceMsg};
use crate::state::province::outputs::{self, BundleOutput, OutputError, OutputFile};
use crate::state::{use_app_state, use_session};

/// What the last download did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Made(String),
    Failed(OutputError),
}

/// The output buttons for `figures`.
#[component]
pub fn OutputButtons(
    /// The figures the files hold.
    #[prop(into)]
    figures: Signal<Option<Arc<ProvinceFigures>>>,
    /// Whether to show the link to the printable report.
    #[prop(optional)]
    without_report_link: bool,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let outcome: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let offer = move |made: Result<OutputFile, OutputError>| {
        let result = made.and_then(|file| outputs::download(&file).map(|()| file.name));
        outcome.set(Some(match result {
            Ok(name) => Outcome::Made(name),
            Err(error) => Outcome::Failed(error),
        }));
    };
    let xlsx = {
        let session = session.clone();
        move |_| {
            if let Some(figures) = figures.get_untracked() {
                offer(outputs::workbook(
                    &session,
                    &figures,
                    state.lang.get_untracked(),
                ));
            }
        }
    };
    let csv = {
        let session = session.clone();
        move |_| {
            if let Some(figures) = figures.get_untracked() {
                offer(Ok(outputs::matrix_csv(
                    &session,
                    &figures,
                    state.lang.get_untracked(),
                )));
            }
        }
    };
    let bundle = move |_| {
        if let Some(figures) = figures.get_untracked() {
            let session = session.clone();
            spawn_local(async move {
                offer(
                    outputs::bundle(
                        &session,
                        &figures.province,
                        Some(figures.year),
                        BundleOutput::Ministry,
                    )
                    .await,
                );
            });
        }
    };
    view! {
        <section class="pkm-panel pkm-outputs" aria-labelledby="outputs-title">
            <h3 id="outputs-title">{t(ProvinceMsg::OutputsTitle)}</h3>
            <div class="pkm-actions">
                <button type="button" class="pkm-button pkm-button--primary" data-testid="download-xlsx" on:click=xlsx>
                    {t(ProvinceMsg::DownloadXlsx)}
                </button>
                <button type="button" class="pkm-button" data-testid="download-csv" on:click=csv>
                    {t(ProvinceMsg::DownloadCsv)}
                </button>
                <button type="button" class="pkm-button" data-testid="download-bundle" on:click=bundle>
                    {t(ProvinceMsg::DownloadBundle)}
                </button>
                <Show when=move || !without_report_link>
                    <A href="/tinh/bao-cao" attr:class="pkm-button">
                        {t(ProvinceMsg::OpenReport)}
                    </A>
                </Show>
            </div>
            <p class="pkm-hint">{t(ProvinceMsg::OutputsHint)}</p>
            <p role="status" aria-live="polite" data-testid="output-status">
                {move || {
                    let lang = state.lang.get();
                    outcome
                        .get()
                        .map(|outcome| match outcome {
                            Outcome::Made(name) => province::file_made(&name, lang),
                            Outcome::Failed(error) => error.message(lang).to_string(),
                        })
                }}
            </p>
        </section>
    }
}
