//! One criterion, edited in place: status, figure (for quantitative criteria), evidence and a
//! note, saved as it is typed; its conflict marker and its history.

use leptos::prelude::*;
use pkm_core::{
    AssessmentKey, Criterion, CriterionEntry, CriterionId, CriterionKind, CriterionStatus,
};

use super::context::use_ward;
use super::evidence::{EntryChange, EvidenceList};
use super::history::History;
use super::verdict::ProvinceVerdict;
use crate::i18n::format::label;
use crate::i18n::ward::WardMsg;
use crate::state::saving::DEFAULT_DELAY_MS;
use crate::state::session::AuditNote;
use crate::state::ward::describe_change;
use crate::state::{Autosave, use_app_state};
use crate::ui::components::save_indicator::SaveIndicator;

/// Parses a figure typed with a comma or a dot as the decimal separator; empty is `None`.
pub fn parse_figure(text: &str) -> Result<Option<f64>, ()> {
    let text = text.trim().replace(' ', "");
    if text.is_empty() {
        return Ok(None);
    }
    // "1.234,5" (Vietnamese) and "1234.5" are both accepted.
    let normalised = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .map(Some)
        .ok_or(())
}

/// The editor of one criterion of the assessment `key`.
#[component]
pub fn CriterionEditor(
    /// The assessment.
    key: AssessmentKey,
    /// The criterion, from the assessment's catalogue.
    criterion: Criterion,
) -> impl IntoView {
    let state = use_app_state();
    let id = criterion.id.clone();
    let stored = stored_entry(&key, &id);
    let in_conflict = entry_in_conflict(&key, &id);
    let draft = RwSignal::new(stored.get_untracked());
    let autosave = entry_autosave(&key, &id, stored);
    let status = autosave.status();
    let autosave = StoredValue::new_local(autosave);
    // Shows what arrives from elsewhere (an import, a resolved conflict) unless the person is
    // in the middle of a change here.
    Effect::new(move |_| {
        let latest = stored.get();
        if !status.get_untracked().is_unsaved() && draft.get_untracked() != latest {
            draft.set(latest);
        }
    });
    on_cleanup(move || {
        // A change typed just before the editor disappears (filter, year switch) is still saved.
        autosave.try_with_value(Autosave::flush);
    });
    let edit = Callback::new(move |change: EntryChange| {
        draft.update(|entry| change(entry));
        autosave.with_value(|autosave| autosave.schedule(draft.get_untracked()));
    });
    let flush = Callback::new(move |()| autosave.with_value(Autosave::flush));
    let dom_id = id.to_string();
    let heading_id = format!("criterion-{dom_id}-title");
    let labelled_by = heading_id.clone();
    let title_vi = format!("{}. {}", criterion.id, criterion.title_vi);
    let title_en = format!("{}. {}", criterion.id, criterion.title_en);
    let hint = criterion.evidence_hint_vi.clone();
    let figure_field = (criterion.kind != CriterionKind::Boolean).then(|| {
        view! {
            <FigureField
                dom_id=dom_id.clone()
                kind=criterion.kind
                target=criterion.target
                draft
                edit
                flush
            />
        }
    });
    view! {
        <article
            class="pkm-criterion"
            id=format!("criterion-{dom_id}")
            data-testid=format!("criterion-{dom_id}")
            data-status=move || draft.with(|entry| status_slug(entry.status))
            aria-labelledby=labelled_by
        >
            <header class="pkm-criterion__head">
                <h3 id=heading_id>
                    {move || state.lang.get().pick(title_vi.clone(), title_en.clone())}
                </h3>
                <Show when=move || in_conflict.get()>
                    <a class="pkm-badge pkm-badge--conflict" href="/phuong/trao-doi" data-testid="conflict-badge">
                        {move || state.t(WardMsg::ConflictBadge)}
                    </a>
                </Show>
            </header>
            <p class="pkm-hint">{move || state.t(WardMsg::EvidenceHint)} " " {hint.clone()}</p>
            <fieldset class="pkm-fieldset pkm-criterion__status">
                <legend>{move || state.t(WardMsg::Status)}</legend>
                {CriterionStatus::ALL
                    .into_iter()
                    .map(|value| view! { <StatusRadio dom_id=dom_id.clone() value draft edit flush /> })
                    .collect_view()}
            </fieldset>
            {figure_field}
            <EvidenceList criterion=dom_id.clone() draft edit flush />
            <NoteField dom_id=dom_id.clone() draft edit flush />
            <ProvinceVerdict key=key.clone() criterion=id.clone() />
            <footer class="pkm-criterion__foot">
                <SaveIndicator status=status />
                <History scope=crate::state::logs::assessment_record_key(&key) target=dom_id.clone() />
            </footer>
        </article>
    }
}

/// The stored entry of criterion `id` in the assessment `key` (empty when none is stored).
fn stored_entry(key: &AssessmentKey, id: &CriterionId) -> Memo<CriterionEntry> {
    let context = use_ward();
    let (key, id) = (key.clone(), id.clone());
    Memo::new(move |_| {
        context.session().read(|store| {
            store
                .assessment(&key)
                .and_then(|doc| doc.entry(&id).cloned())
                .unwrap_or_default()
        })
    })
}

/// Whether criterion `id` of the assessment `key` holds concurrent values.
fn entry_in_conflict(key: &AssessmentKey, id: &CriterionId) -> Memo<bool> {
    let context = use_ward();
    let (key, id) = (key.clone(), id.clone());
    Memo::new(move |_| {
        context.session().read(|store| {
            store
                .assessment(&key)
                .and_then(|doc| doc.criteria().get(&id).map(|r| r.is_conflict()))
                .unwrap_or(false)
        })
    })
}

/// Saves criterion `id` of the assessment `key` a moment after each change, with an audit note
/// that describes the change against the `stored` entry.
fn entry_autosave(
    key: &AssessmentKey,
    id: &CriterionId,
    stored: Memo<CriterionEntry>,
) -> Autosave<CriterionEntry> {
    let context = use_ward();
    let (key, id) = (key.clone(), id.clone());
    Autosave::new(DEFAULT_DELAY_MS, move |entry: CriterionEntry| {
        let session = context.session();
        let before = stored.get_untracked();
        let (key, id) = (key.clone(), id.clone());
        async move {
            let (summary_vi, summary_en) = describe_change(&before, &entry);
            let note = AuditNote {
                target: id.to_string(),
                summary_vi,
                summary_en,
            };
            session
                .edit_assessment(&key, note, move |doc, catalogue, context| {
                    doc.set_criterion(context, catalogue, &id, entry)
                })
                .await
        }
    })
}

/// One radio button of a criterion's status; choosing it saves at once.
#[component]
fn StatusRadio(
    /// The criterion's id, for element ids.
    dom_id: String,
    /// The status this button chooses.
    value: CriterionStatus,
    /// The entry being edited.
    draft: RwSignal<CriterionEntry>,
    /// Applies a change and schedules its save.
    edit: Callback<EntryChange>,
    /// Saves now.
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let radio_id = format!("status-{dom_id}-{}", status_slug(value));
    let label_for = radio_id.clone();
    view! {
        <label class=format!("pkm-choice pkm-status--{}", status_slug(value)) for=label_for>
            <input
                type="radio"
                id=radio_id
                name=format!("status-{dom_id}")
                prop:checked=move || draft.with(|entry| entry.status == value)
                on:change=move |_| {
                    edit.run(Box::new(move |entry| entry.status = value));
                    flush.run(());
                }
            />
            {move || label(state.lang.get(), &value)}
        </label>
    }
}

/// The figure of a quantitative criterion, typed with a comma or a dot, with its unit and target.
#[component]
fn FigureField(
    /// The criterion's id, for element ids.
    dom_id: String,
    /// The criterion's kind (count or percent).
    kind: CriterionKind,
    /// The criterion's target, if it has one.
    target: Option<f64>,
    /// The entry being edited.
    draft: RwSignal<CriterionEntry>,
    /// Applies a change and schedules its save.
    edit: Callback<EntryChange>,
    /// Saves now (on leaving the field).
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let figure_text = RwSignal::new(
        draft
            .get_untracked()
            .figure
            .map(|value| pkm_core::format::decimal_vi(value, 4))
            .unwrap_or_default(),
    );
    let figure_problem = RwSignal::new(false);
    Effect::new(move |_| {
        // Keep the text box in step with values that arrive from elsewhere.
        let figure = draft.with(|entry| entry.figure);
        if parse_figure(&figure_text.get_untracked()) != Ok(figure) {
            figure_text.set(
                figure
                    .map(|v| pkm_core::format::decimal_vi(v, 4))
                    .unwrap_or_default(),
            );
        }
    });
    let figure_id = format!("figure-{dom_id}");
    let unit = move || match kind {
        CriterionKind::Percent => "%",
        _ => state.t(WardMsg::FigureCount),
    };
    view! {
        <div class="pkm-field pkm-field--inline">
            <label for=figure_id.clone()>
                {move || format!("{} ({})", state.t(WardMsg::Figure), unit())}
                {move || target.map(|target| format!(" — {} {}", state.t(WardMsg::Target), pkm_core::format::decimal_vi(target, 2)))}
            </label>
            <input
                id=figure_id
                type="text"
                inputmode="decimal"
                autocomplete="off"
                class:pkm-input--bad=move || figure_problem.get()
                aria-invalid=move || figure_problem.get().to_string()
                prop:value=move || figure_text.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    figure_text.set(text.clone());
                    match parse_figure(&text) {
                        Ok(figure) => {
                            figure_problem.set(false);
                            edit.run(Box::new(move |entry| entry.figure = figure));
                        }
                        Err(()) => figure_problem.set(true),
                    }
                }
                on:blur=move |_| flush.run(())
            />
            <Show when=move || figure_problem.get()>
                <span class="pkm-error" role="alert">{move || state.t(WardMsg::FigureInvalid)}</span>
            </Show>
        </div>
    }
}

/// The criterion's free note.
#[component]
fn NoteField(
    /// The criterion's id, for element ids.
    dom_id: String,
    /// The entry being edited.
    draft: RwSignal<CriterionEntry>,
    /// Applies a change and schedules its save.
    edit: Callback<EntryChange>,
    /// Saves now (on leaving the field).
    flush: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let note_id = format!("note-{dom_id}");
    view! {
        <div class="pkm-field">
            <label for=note_id.clone()>{move || state.t(WardMsg::Note)}</label>
            <textarea
                id=note_id
                rows="2"
                maxlength="10000"
                prop:value=move || draft.with(|entry| entry.note.clone())
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    edit.run(Box::new(move |entry| entry.note = text));
                }
                on:blur=move |_| flush.run(())
            ></textarea>
        </div>
    }
}

/// A class/test-friendly name of a status.
pub fn status_slug(status: CriterionStatus) -> &'static str {
    match status {
        CriterionStatus::Met => "met",
        CriterionStatus::Expected => "expected",
        CriterionStatus::NotMet => "not-met",
        CriterionStatus::NotAssessed => "not-assessed",
    }
}

#[cfg(test)]
mod tests {
    use super::parse_figure;

    #[test]
    fn figures_accept_both_decimal_separators() {
        assert_eq!(parse_figure(""), Ok(None));
        assert_eq!(parse_figure("95"), Ok(Some(95.0)));
        assert_eq!(parse_figure("95,5"), Ok(Some(95.5)));
        assert_eq!(parse_figure("95.5"), Ok(Some(95.5)));
        assert_eq!(parse_figure("1.234,5"), Ok(Some(1234.5)));
        assert_eq!(parse_figure(" 12 "), Ok(Some(12.0)));
        assert_eq!(parse_figure("abc"), Err(()));
        assert_eq!(parse_figure("NaN"), Err(()));
    }
}
