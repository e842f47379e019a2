//! The review screen (`/tinh/xet-duyet`): choose a ward of the year, see its self-assessment per
//! criterion, and for each criterion agree or dispute it with a comment. Verdicts are stored
//! through the session (audited, carried by the next bundle); the dashboard's "after review"
//! switch counts disputed criteria as not met.

use leptos::prelude::*;
use leptos_router::components::A;
use pkm_core::review_sheet::{ReviewCounts, ReviewRow, review_sheet};
use pkm_core::{AssessmentKey, Label, ReviewVerdict, UnitId, Verdict};

use super::common::{ChoiceBar, decimal, label};
use super::cycle::CyclePanel;
use super::review_files::EvidenceFiles;
use crate::i18n::province::ProvinceMsg;
use crate::i18n::{self, Text};
use crate::state::province::{edits, use_province};
use crate::state::{use_app_state, use_session};
use crate::ui::components::scroll_region::ScrollRegion;

/// The outcome of saving one verdict.
#[derive(Clone, Debug, PartialEq)]
struct LineMessage {
    key: AssessmentKey,
    criterion: pkm_core::CriterionId,
    ok: bool,
    text: String,
}

/// A ward that can be reviewed: its id, name, track label and counts.
#[derive(Clone, Debug, PartialEq)]
struct WardChoice {
    id: UnitId,
    name: String,
    track_vi: String,
    track_en: String,
    counts: ReviewCounts,
}

/// One evidence item as a line: "125/KH-CAP, 12/03/2024, Công an phường — trích yếu".
fn evidence_line(evidence: &pkm_core::Evidence) -> String {
    let mut head: Vec<String> = Vec::new();
    if !evidence.doc_number.is_empty() {
        head.push(evidence.doc_number.clone());
    }
    if let Some(date) = evidence.date {
        head.push(date.to_vi());
    }
    if !evidence.issuer.is_empty() {
        head.push(evidence.issuer.clone());
    }
    match (head.is_empty(), evidence.description.is_empty()) {
        (_, true) => head.join(", "),
        (true, false) => evidence.description.clone(),
        (false, false) => format!("{} — {}", head.join(", "), evidence.description),
    }
}

/// The review screen.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let chosen: RwSignal<Option<UnitId>> = RwSignal::new(None);
    let message: RwSignal<Option<LineMessage>> = RwSignal::new(None);
    let year = {
        let session = session.clone();
        Memo::new(move |_| {
            session.read(|store| {
                province
                    .province(store)
                    .map(|id| (id.clone(), province.year_for(store, &store.registry(), &id)))
            })
        })
    };
    let wards = reviewable_wards(year);
    let selected = Memo::new(move |_| {
        let wards = wards.get();
        chosen
            .get()
            .filter(|id| wards.iter().any(|ward| &ward.id == id))
            .or_else(|| wards.first().map(|ward| ward.id.clone()))
    });
    let shown = Memo::new(move |_| Some(AssessmentKey::new(selected.get()?, year.get()?.1)));
    let sheet = Memo::new(move |_| {
        let (_, year) = year.get()?;
        let ward = selected.get()?;
        let key = AssessmentKey::new(ward, year);
        session.read(|store| {
            let doc = store.assessment(&key)?;
            let catalogue = store.catalogue_of(&key)?;
            let (rows, counts) = review_sheet(doc, catalogue);
            Some((key.clone(), rows, counts))
        })
    });
    view! {
        <div class="pkm-review">
            <h2 id="review-title">{t(ProvinceMsg::ReviewTitle)}</h2>
            <p class="pkm-lead">{t(ProvinceMsg::ReviewIntro)}</p>
            <ChoiceBar filters=false no_basis=true />
            <Show when=move || province.profile.with(|profile| profile.reviewer.trim().is_empty())>
                <p class="pkm-notice" data-testid="reviewer-missing">
                    {t(ProvinceMsg::ReviewerMissing)}
                    " "
                    <A href="/tinh/thiet-lap">{t(ProvinceMsg::NavSetup)}</A>
                </p>
            </Show>
            <WardSelect wards selected chosen />
            {move || {
                sheet
                    .get()
                    .map(|(key, rows, counts)| view! { <ReviewSheet key rows counts message /> })
            }}
            <Show when=move || wards.with(Vec::is_empty)>
                <p data-testid="review-empty">{t(ProvinceMsg::ReviewEmpty)}</p>
            </Show>
            <CyclePanel key=shown province_year=year />
        </div>
    }
}

/// The wards of the chosen province and `year` that have an assessment, with their counts.
fn reviewable_wards(year: Memo<Option<(UnitId, u16)>>) -> Memo<Vec<WardChoice>> {
    let session = use_session();
    Memo::new(move |_| {
        let Some((province_id, year)) = year.get() else {
            return Vec::new();
        };
        session.read(|store| {
            let registry = store.registry();
            store
                .assessments()
                .iter()
                .filter(|(key, _)| {
                    key.year == year
                        && key.unit != province_id
                        && registry.is_within(&key.unit, &province_id)
                })
                .filter_map(|(key, doc)| {
                    let catalogue = store.catalogue_of(key)?;
                    let (_, counts) = review_sheet(doc, catalogue);
                    let track = doc.track_value();
                    Some(WardChoice {
                        id: key.unit.clone(),
                        name: registry
                            .get(&key.unit)
                            .map(|unit| unit.name_vi.clone())
                            .unwrap_or_else(|| key.unit.to_string()),
                        track_vi: track.map(|t| t.label_vi().to_string()).unwrap_or_default(),
                        track_en: track.map(|t| t.label_en().to_string()).unwrap_or_default(),
                        counts,
                    })
                })
                .collect()
        })
    })
}

/// The select of the ward under review.
#[component]
fn WardSelect(
    /// The wards that can be reviewed.
    wards: Memo<Vec<WardChoice>>,
    /// The ward shown.
    selected: Memo<Option<UnitId>>,
    /// The ward the person chose.
    chosen: RwSignal<Option<UnitId>>,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="pkm-field">
            <label for="review-ward">{move || state.t(ProvinceMsg::ReviewWard)}</label>
            <select
                id="review-ward"
                data-testid="review-ward"
                on:change:target=move |ev| chosen.set(UnitId::new(ev.target().value()).ok())
            >
                {move || {
                    let lang = state.lang.get();
                    let current = selected.get();
                    wards
                        .get()
                        .into_iter()
                        .map(|ward| {
                            let text = format!(
                                "{} — {} — {}",
                                ward.name,
                                lang.pick(&ward.track_vi, &ward.track_en),
                                lang.pick(ward.counts.summary_vi(), ward.counts.summary_en())
                            );
                            let is_current = current.as_ref() == Some(&ward.id);
                            view! {
                                <option value=ward.id.to_string() selected=is_current>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The review sheet of one ward: its counts and one line per criterion.
#[component]
fn ReviewSheet(
    /// The assessment.
    key: AssessmentKey,
    /// Its lines.
    rows: Vec<ReviewRow>,
    /// Its counts.
    counts: ReviewCounts,
    /// The outcome of the last save on the sheet.
    message: RwSignal<Option<LineMessage>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    view! {
        <p role="status" data-testid="review-counts">
            {move || state.lang.get().pick(counts.summary_vi(), counts.summary_en())}
        </p>
        <ScrollRegion labelled_by="review-title">
            <table class="pkm-table pkm-table--review" data-testid="review-sheet">
                <thead>
                    <tr>
                        <th scope="col">{t(ProvinceMsg::ColumnCriterion)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnSelfAssessed)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnEvidence)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnVerdict)}</th>
                        <th scope="col">{t(ProvinceMsg::ColumnAfterReview)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! { <ReviewLine key=key.clone() row message /> })
                        .collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}

/// One criterion: what the ward said, the verdict form, the status after review.
#[component]
fn ReviewLine(
    /// The assessment.
    key: AssessmentKey,
    /// The criterion's line.
    row: ReviewRow,
    /// The outcome of the last save on the sheet (kept above the rows, which are rebuilt when
    /// the store changes).
    message: RwSignal<Option<LineMessage>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let initial = match row.review.as_ref().map(|review| review.verdict) {
        Some(Verdict::Agree) => "agree",
        Some(Verdict::Disagree) => "disagree",
        None => "none",
    };
    let verdict = RwSignal::new(initial.to_string());
    let figure = row.figure.map(|figure| {
        move || {
            let lang = state.lang.get();
            let target = row
                .target
                .map(|target| format!(" / {}", decimal(lang, target, 2)))
                .unwrap_or_default();
            format!("{}{target}", decimal(lang, figure, 2))
        }
    });
    let self_status = row.self_status;
    let after = row.after_review;
    let disputed_now = move || verdict.get() == "disagree";
    let title = row.title_vi.clone();
    let evidence_count = row.evidence.len();
    let evidence: Vec<(String, Vec<pkm_core::attachment::AttachmentRef>)> = row
        .evidence
        .iter()
        .map(|item| (evidence_line(item), item.attachments.clone()))
        .collect();
    let files_base = format!("review-files-{}", row.criterion);
    let comment = row
        .review
        .as_ref()
        .map(|review| review.comment.clone())
        .unwrap_or_default();
    view! {
        <tr data-criterion=row.criterion.to_string() class:pkm-row--disputed=disputed_now>
            <th scope="row">
                <span class="pkm-number">{row.number}</span>
                " "
                {title}
            </th>
            <td data-status=format!("{self_status:?}")>
                {move || label(state.lang.get(), &self_status)}
                {figure.map(|figure| view! { <br /><small>{figure}</small> })}
                {row.entry_conflict.then(|| view! { <br /><small class="pkm-warning">{t(ProvinceMsg::ValueInConflict)}</small> })}
            </td>
            <td>
                {move || i18n::evidence_items(evidence_count, state.lang.get())}
                <ul class="pkm-evidence">
                    {evidence
                        .into_iter()
                        .enumerate()
                        .map(|(position, (line, files))| {
                            let files = (!files.is_empty()).then(|| {
                                let base = format!("{files_base}-{position}");
                                view! { <EvidenceFiles base files /> }
                            });
                            view! { <li>{line} {files}</li> }
                        })
                        .collect_view()}
                </ul>
                {(!row.note.is_empty()).then(|| view! { <small>{row.note.clone()}</small> })}
            </td>
            <td>
                <VerdictForm key criterion=row.criterion.clone() verdict comment message />
                {row.review_conflict.then(|| view! { <small class="pkm-warning">{t(ProvinceMsg::ValueInConflict)}</small> })}
            </td>
            <td data-status=format!("{after:?}")>{move || label(state.lang.get(), &after)}</td>
        </tr>
    }
}

/// The verdict form of one criterion: agree, dispute or no verdict, a comment, and a save
/// button whose outcome shows next to it.
#[component]
fn VerdictForm(
    /// The assessment.
    key: AssessmentKey,
    /// The criterion.
    criterion: pkm_core::CriterionId,
    /// The verdict chosen: "agree", "disagree" or "none".
    verdict: RwSignal<String>,
    /// The comment stored so far.
    comment: String,
    /// The outcome of the last save on the sheet.
    message: RwSignal<Option<LineMessage>>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let comment = RwSignal::new(comment);
    let busy = RwSignal::new(false);
    let base = format!("review-{criterion}");
    let mine = {
        let (key, criterion) = (key.clone(), criterion.clone());
        move || {
            message
                .get()
                .filter(|message| message.key == key && message.criterion == criterion)
        }
    };
    let mine_failed = {
        let mine = mine.clone();
        move || mine().is_some_and(|message| !message.ok)
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let reviewer = province
            .profile
            .with_untracked(|profile| profile.reviewer.clone());
        let given = match verdict.get_untracked().as_str() {
            "agree" => Some(Verdict::Agree),
            "disagree" => Some(Verdict::Disagree),
            _ => None,
        }
        .map(|verdict| ReviewVerdict {
            verdict,
            comment: comment.get_untracked().trim().to_string(),
            reviewer,
        });
        let (session, key, criterion) = (session.clone(), key.clone(), criterion.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = edits::set_review(&session, &key, &criterion, given).await;
            busy.set(false);
            let (ok, text) = match result {
                Ok(()) => (true, ProvinceMsg::ReviewSaved.text(lang).to_owned()),
                Err(error) => (false, error.message(lang)),
            };
            message.set(Some(LineMessage {
                key,
                criterion,
                ok,
                text,
            }));
        });
    };
    let comment_id = format!("{base}-comment");
    view! {
        <form class="pkm-verdict" on:submit=save>
            <fieldset class="pkm-segmented">
                <legend class="pkm-visually-hidden">{t(ProvinceMsg::ColumnVerdict)}</legend>
                <VerdictOption base=base.clone() value="agree" msg=ProvinceMsg::VerdictAgree verdict />
                <VerdictOption base=base.clone() value="disagree" msg=ProvinceMsg::VerdictDisagree verdict />
                <VerdictOption base=base.clone() value="none" msg=ProvinceMsg::VerdictNone verdict />
            </fieldset>
            <label for=comment_id.clone() class="pkm-visually-hidden">
                {t(ProvinceMsg::FieldComment)}
            </label>
            <textarea
                id=comment_id
                rows="2"
                maxlength="10000"
                placeholder=move || state.t(ProvinceMsg::FieldComment)
                prop:value=move || comment.get()
                on:input:target=move |ev| comment.set(ev.target().value())
            ></textarea>
            <button type="submit" class="pkm-button" disabled=move || busy.get()>
                {t(ProvinceMsg::SaveVerdict)}
            </button>
            <span role="status" class="pkm-verdict__message" class:pkm-error=mine_failed data-testid="verdict-message">
                {move || mine().map(|message| message.text)}
            </span>
        </form>
    }
}

/// One verdict radio button.
#[component]
fn VerdictOption(
    /// The criterion's element id prefix.
    base: String,
    /// The verdict it chooses: "agree", "disagree" or "none".
    value: &'static str,
    /// Its label.
    msg: ProvinceMsg,
    /// The verdict chosen.
    verdict: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let id = format!("{base}-{value}");
    let label_for = id.clone();
    view! {
        <label for=label_for>
            <input
                type="radio"
                id=id
                name=format!("{base}-verdict")
                value=value
                prop:checked=move || verdict.get() == value
                on:change=move |_| verdict.set(value.to_string())
            />
            {move || state.t(msg)}
        </label>
    }
}
