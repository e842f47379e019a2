//! The draft's groups and criteria as rows of labelled inputs: each input shows the draft's text
//! and sends an edit on every keystroke; the rows are rebuilt only when the draft's shape changes
//! (a group or criterion added, removed or moved), so typing never loses the focus. Buttons move
//! and remove rows; every control has a label (the criterion's number and id in its legend).

use leptos::prelude::*;
use pkm_core::CriterionKind;
use pkm_core::catalogue_draft::{DraftEdit, DraftField, DraftPlace};

use crate::i18n::catalogue_editor::{self as texts, EditorMsg};
use crate::state::province::catalogue_draft::DraftEditor;
use crate::state::use_app_state;

/// The id of the input of `field` at `place` ("editor-g2-c0-title-vi"; the end-to-end tests
/// find the inputs by it).
pub fn input_id(place: DraftPlace, field: DraftField) -> String {
    let key = match field {
        DraftField::CatalogueTitleVi | DraftField::GroupTitleVi | DraftField::TitleVi => "title-vi",
        DraftField::CatalogueTitleEn | DraftField::GroupTitleEn | DraftField::TitleEn => "title-en",
        DraftField::DocumentNumber => "doc-number",
        DraftField::DocumentDate => "doc-date",
        DraftField::DocumentIssuer => "doc-issuer",
        DraftField::Target => "target",
        DraftField::EvidenceVi => "evidence-vi",
        DraftField::EvidenceEn => "evidence-en",
        DraftField::Kind => "kind",
        _ => "id",
    };
    match place {
        DraftPlace::Catalogue => format!("editor-{key}"),
        DraftPlace::Group(group) => format!("editor-g{group}-{key}"),
        DraftPlace::Criterion(group, at) => format!("editor-g{group}-c{at}-{key}"),
    }
}

/// A labelled text input bound to one text of the draft; every keystroke is an edit.
#[component]
pub fn DraftInput(
    /// The editor.
    editor: DraftEditor,
    /// Where the text is.
    place: DraftPlace,
    /// Which text it is (its label).
    field: DraftField,
    /// A hint under the input.
    #[prop(optional)]
    hint: Option<EditorMsg>,
) -> impl IntoView {
    let state = use_app_state();
    let id = input_id(place, field);
    let label = move || state.lang.get().pick(field.label_vi(), field.label_en());
    let value = move || {
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|draft| draft.text(place, field))
                .map(str::to_owned)
                .unwrap_or_default()
        })
    };
    let wide = !matches!(
        field,
        DraftField::Id | DraftField::GroupId | DraftField::Target | DraftField::DocumentDate
    );
    view! {
        <div class="pkm-field" class:pkm-field--wide=wide>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                autocomplete="off"
                prop:value=value
                on:input:target=move |ev| editor.edit(DraftEdit::SetText(place, field, ev.target().value()))
            />
            {hint.map(|hint| view! { <span class="pkm-hint">{move || state.t(hint)}</span> })}
        </div>
    }
}

/// Every group with its criteria, and the button that adds a group.
#[component]
pub fn GroupRows(
    /// The editor.
    editor: DraftEditor,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: EditorMsg| move || state.t(msg);
    view! {
        <div class="pkm-editor__groups" data-testid="editor-groups">
            {move || {
                editor.shape.track();
                let shape: Vec<usize> = editor.draft.with_untracked(|draft| {
                    draft.as_ref().map_or_else(Vec::new, |draft| draft.groups.iter().map(|group| group.criteria.len()).collect())
                });
                let mut first = 0;
                shape
                    .into_iter()
                    .enumerate()
                    .map(|(group, count)| {
                        let numbers = first;
                        first += count;
                        view! { <GroupRow editor group count first=numbers /> }
                    })
                    .collect_view()
            }}
            <button type="button" class="pkm-button" data-testid="editor-add-group" on:click=move |_| editor.edit(DraftEdit::AddGroup)>
                {t(EditorMsg::AddGroup)}
            </button>
        </div>
    }
}

/// One group: its id and titles, its criteria, and its buttons.
#[component]
fn GroupRow(
    /// The editor.
    editor: DraftEditor,
    /// The group's position.
    group: usize,
    /// How many criteria it has.
    count: usize,
    /// How many criteria come before it (for their numbers).
    first: usize,
) -> impl IntoView {
    let state = use_app_state();
    let group_id = move || {
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|draft| draft.groups.get(group))
                .map(|group| group.id.clone())
                .unwrap_or_default()
        })
    };
    let legend = move || texts::group_legend(group + 1, &group_id(), state.lang.get());
    let button = move |msg: EditorMsg, edit: DraftEdit, testid: String| {
        view! {
            <button type="button" class="pkm-button pkm-button--small" data-testid=testid
                attr:aria-label=move || format!("{}: {}", state.t(msg), legend())
                on:click=move |_| editor.edit(edit.clone())>
                {move || state.t(msg)}
            </button>
        }
    };
    view! {
        <fieldset class="pkm-fieldset pkm-editor__group" data-testid=format!("editor-group-{group}")>
            <legend>{legend}</legend>
            <div class="pkm-editor__fields">
                <DraftInput editor place=DraftPlace::Group(group) field=DraftField::GroupId />
                <DraftInput editor place=DraftPlace::Group(group) field=DraftField::GroupTitleVi />
                <DraftInput editor place=DraftPlace::Group(group) field=DraftField::GroupTitleEn />
            </div>
            <div class="pkm-actions">
                {button(EditorMsg::MoveUp, DraftEdit::MoveGroup(group, true), format!("editor-g{group}-up"))}
                {button(EditorMsg::MoveDown, DraftEdit::MoveGroup(group, false), format!("editor-g{group}-down"))}
                {button(EditorMsg::RemoveGroup, DraftEdit::RemoveGroup(group), format!("editor-g{group}-remove"))}
            </div>
            {(0..count).map(|at| view! { <CriterionRow editor group at number=first + at + 1 /> }).collect_view()}
            {button(EditorMsg::AddCriterion, DraftEdit::AddCriterion(group), format!("editor-g{group}-add"))}
        </fieldset>
    }
}

/// One criterion: id, titles, kind, target, evidence hints, and its buttons.
#[component]
fn CriterionRow(
    /// The editor.
    editor: DraftEditor,
    /// Its group's position.
    group: usize,
    /// Its position in the group.
    at: usize,
    /// Its number in the catalogue (1-based).
    number: usize,
) -> impl IntoView {
    let state = use_app_state();
    let place = DraftPlace::Criterion(group, at);
    let legend = move || {
        let id = editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|draft| draft.text(place, DraftField::Id))
                .map(str::to_owned)
                .unwrap_or_default()
        });
        texts::criterion_legend(number, &id, state.lang.get())
    };
    let prefix = format!("editor-g{group}-c{at}");
    let testid = prefix.clone();
    let kind_id = format!("{prefix}-kind");
    let button = move |msg: EditorMsg, edit: DraftEdit, key: &str| {
        view! {
            <button type="button" class="pkm-button pkm-button--small" data-testid=format!("{prefix}-{key}")
                attr:aria-label=move || format!("{}: {}", state.t(msg), legend())
                on:click=move |_| editor.edit(edit.clone())>
                {move || state.t(msg)}
            </button>
        }
    };
    view! {
        <fieldset class="pkm-fieldset pkm-editor__criterion" data-testid=testid>
            <legend>{legend}</legend>
            <div class="pkm-editor__fields">
                <DraftInput editor place field=DraftField::Id />
                <DraftInput editor place field=DraftField::TitleVi />
                <DraftInput editor place field=DraftField::TitleEn />
                <KindSelect editor group at id=kind_id />
                <DraftInput editor place field=DraftField::Target />
                <DraftInput editor place field=DraftField::EvidenceVi />
                <DraftInput editor place field=DraftField::EvidenceEn />
            </div>
            <div class="pkm-actions">
                {button(EditorMsg::MoveUp, DraftEdit::MoveCriterion(group, at, true), "up")}
                {button(EditorMsg::MoveDown, DraftEdit::MoveCriterion(group, at, false), "down")}
                {button(EditorMsg::RemoveCriterion, DraftEdit::RemoveCriterion(group, at), "remove")}
            </div>
        </fieldset>
    }
}

/// A criterion's kind (yes/no, percent, count), as a labelled select.
#[component]
fn KindSelect(
    /// The editor.
    editor: DraftEditor,
    /// The criterion's group.
    group: usize,
    /// Its position in the group.
    at: usize,
    /// The select's id.
    id: String,
) -> impl IntoView {
    let state = use_app_state();
    let kind = move || {
        editor.draft.with(|draft| {
            draft
                .as_ref()
                .and_then(|d| d.groups.get(group))
                .and_then(|g| g.criteria.get(at))
                .map(|c| c.kind)
        })
    };
    let kinds = [
        CriterionKind::Boolean,
        CriterionKind::Percent,
        CriterionKind::Count,
    ];
    let label = move || {
        state
            .lang
            .get()
            .pick(DraftField::Kind.label_vi(), DraftField::Kind.label_en())
    };
    view! {
        <div class="pkm-field">
            <label for=id.clone()>{label}</label>
            <select id=id on:change:target=move |ev| {
                let chosen = kinds.into_iter().find(|kind| format!("{kind:?}") == ev.target().value());
                if let Some(chosen) = chosen {
                    editor.edit(DraftEdit::SetKind(group, at, chosen));
                }
            }>
                {kinds
                    .into_iter()
                    .map(|option| view! {
                        <option value=format!("{option:?}") prop:selected=move || kind() == Some(option)>
                            {move || state.lang.get().pick(option.label_vi(), option.label_en())}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
