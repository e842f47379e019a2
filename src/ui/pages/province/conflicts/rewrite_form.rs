//! The form that rewrites a value in conflict, starting from one sibling: the fields a person may
//! change for each kind of value (a unit's name, a quota, a track, a criterion's status and note,
//! an action item's task, owner, deadline and state, a request's description and quantity, a
//! review's verdict and comment). The result is written through the core's validating edits.

use leptos::prelude::*;
use pkm_core::conflict_rewrite::Rewrite;
use pkm_core::{
    ActionStatus, ConflictTarget, ConflictValue, CriterionStatus, Date, Label, ReviewVerdict,
    Track, Verdict,
};

use crate::i18n::province::{ProvinceMsg, RewriteProblem};
use crate::i18n::{Lang, Text};
use crate::state::province::edits;
use crate::state::{use_app_state, use_session};

/// Which fields the form shows: the main text's label, the second text's label, whether there
/// is a date, and the choices (code, Vietnamese, English).
type FormShape = (
    Option<ProvinceMsg>,
    Option<ProvinceMsg>,
    bool,
    Vec<(&'static str, String, String)>,
);

/// A choice of the form: its code and its label in both languages.
fn choice(code: &'static str, label: ProvinceMsg) -> (&'static str, String, String) {
    (
        code,
        label.text(Lang::Vi).to_owned(),
        label.text(Lang::En).to_owned(),
    )
}

/// The form's fields as text, filled from the base value.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    main: String,
    second: String,
    date: String,
    choice: String,
}

fn draft_of(value: &ConflictValue) -> Draft {
    match value {
        ConflictValue::Unit(Some(unit)) => Draft {
            main: unit.name_vi.clone(),
            ..Draft::default()
        },
        ConflictValue::Quota(quota) => Draft {
            main: quota.map(|quota| quota.to_string()).unwrap_or_default(),
            ..Draft::default()
        },
        ConflictValue::Track(track) => match track {
            Some(Track::Maintain { since_year }) => Draft {
                choice: "maintain".into(),
                second: since_year.to_string(),
                ..Draft::default()
            },
            Some(Track::New) => Draft {
                choice: "new".into(),
                ..Draft::default()
            },
            _ => Draft {
                choice: "none".into(),
                ..Draft::default()
            },
        },
        ConflictValue::Criterion(entry) => Draft {
            choice: status_code(entry.as_ref().map(|entry| entry.status).unwrap_or_default())
                .into(),
            main: entry
                .as_ref()
                .map(|entry| entry.note.clone())
                .unwrap_or_default(),
            ..Draft::default()
        },
        ConflictValue::Action(Some(item)) => Draft {
            main: item.task.clone(),
            second: item.owner.clone(),
            date: item.deadline.map(|date| date.to_vi()).unwrap_or_default(),
            choice: match item.status {
                ActionStatus::Open => "open".into(),
                ActionStatus::Done => "done".into(),
            },
        },
        ConflictValue::Request(Some(request)) => Draft {
            main: request.description.clone(),
            second: request
                .quantity
                .map(|quantity| pkm_core::format::decimal_vi(quantity, 2))
                .unwrap_or_default(),
            ..Draft::default()
        },
        ConflictValue::Review(review) => Draft {
            choice: match review.as_ref().map(|review| review.verdict) {
                Some(Verdict::Agree) => "agree".into(),
                Some(Verdict::Disagree) => "disagree".into(),
                None => "withdraw".into(),
            },
            main: review
                .as_ref()
                .map(|review| review.comment.clone())
                .unwrap_or_default(),
            ..Draft::default()
        },
        _ => Draft::default(),
    }
}

fn status_code(status: CriterionStatus) -> &'static str {
    match status {
        CriterionStatus::Met => "met",
        CriterionStatus::Expected => "expected",
        CriterionStatus::NotMet => "not_met",
        CriterionStatus::NotAssessed => "not_assessed",
    }
}

fn status_of(code: &str) -> CriterionStatus {
    CriterionStatus::ALL
        .into_iter()
        .find(|status| status_code(*status) == code)
        .unwrap_or_default()
}

/// Parses a Vietnamese-formatted number ("1.234,5" or "12,5" or "12.5").
fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let normalised = if text.contains(',') {
        text.replace('.', "").replace(',', ".")
    } else {
        text.to_string()
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

/// Builds the rewrite from the base value and the draft, or says (in both languages) what is
/// wrong.
fn build(
    value: &ConflictValue,
    draft: &Draft,
    reviewer: &str,
) -> Result<Rewrite, (String, String)> {
    let refuse = |problem: RewriteProblem| {
        Err((
            problem.text(Lang::Vi).to_owned(),
            problem.text(Lang::En).to_owned(),
        ))
    };
    match value {
        ConflictValue::Unit(Some(unit)) => {
            let mut unit = unit.clone();
            unit.name_vi = draft.main.trim().to_string();
            Ok(Rewrite::Unit(unit))
        }
        ConflictValue::Quota(_) => match draft.main.trim().parse::<u32>() {
            Ok(quota) => Ok(Rewrite::Quota(quota)),
            Err(_) => refuse(RewriteProblem::QuotaNotWhole),
        },
        ConflictValue::Track(_) => match draft.choice.as_str() {
            "maintain" => match draft.second.trim().parse::<u16>() {
                Ok(since_year) => Ok(Rewrite::Track(Track::Maintain { since_year })),
                Err(_) => refuse(RewriteProblem::SinceYearMissing),
            },
            "new" => Ok(Rewrite::Track(Track::New)),
            _ => Ok(Rewrite::Track(Track::None)),
        },
        ConflictValue::Criterion(entry) => {
            let mut entry = entry.clone().unwrap_or_default();
            entry.status = status_of(&draft.choice);
            entry.note = draft.main.clone();
            Ok(Rewrite::Criterion(entry))
        }
        ConflictValue::Action(Some(item)) => {
            let mut item = item.clone();
            item.task = draft.main.trim().to_string();
            item.owner = draft.second.trim().to_string();
            item.deadline = if draft.date.trim().is_empty() {
                None
            } else {
                match Date::parse_vi(&draft.date) {
                    Ok(date) => Some(date),
                    Err(error) => return Err((error.message_vi(), error.message_en())),
                }
            };
            item.status = if draft.choice == "done" {
                ActionStatus::Done
            } else {
                ActionStatus::Open
            };
            Ok(Rewrite::Action(item))
        }
        ConflictValue::Request(Some(request)) => {
            let mut request = request.clone();
            request.description = draft.main.trim().to_string();
            request.quantity = if draft.second.trim().is_empty() {
                None
            } else {
                match parse_number(&draft.second) {
                    Some(quantity) => Some(quantity),
                    None => {
                        return refuse(RewriteProblem::QuantityNotNumber);
                    }
                }
            };
            Ok(Rewrite::Request(request))
        }
        ConflictValue::Review(_) => {
            let verdict = match draft.choice.as_str() {
                "agree" => Some(Verdict::Agree),
                "disagree" => Some(Verdict::Disagree),
                _ => None,
            };
            Ok(Rewrite::Review(verdict.map(|verdict| ReviewVerdict {
                verdict,
                comment: draft.main.trim().to_string(),
                reviewer: reviewer.to_string(),
            })))
        }
        _ => refuse(RewriteProblem::BaseDeleted),
    }
}

/// The fields the form shows for a value of this kind.
fn form_shape(value: &ConflictValue) -> FormShape {
    match value {
        ConflictValue::Unit(_) => (Some(ProvinceMsg::FieldUnitName), None, false, Vec::new()),
        ConflictValue::Quota(_) => (Some(ProvinceMsg::FieldQuota), None, false, Vec::new()),
        ConflictValue::Track(_) => (
            None,
            Some(ProvinceMsg::FieldSinceYear),
            false,
            vec![
                choice("maintain", ProvinceMsg::OptionMaintain),
                choice("new", ProvinceMsg::OptionNew),
                choice("none", ProvinceMsg::OptionNoTrack),
            ],
        ),
        ConflictValue::Criterion(_) => (
            Some(ProvinceMsg::FieldNote),
            None,
            false,
            CriterionStatus::ALL
                .into_iter()
                .map(|status| {
                    (
                        status_code(status),
                        status.label_vi().to_string(),
                        status.label_en().to_string(),
                    )
                })
                .collect(),
        ),
        ConflictValue::Action(_) => (
            Some(ProvinceMsg::FieldTask),
            Some(ProvinceMsg::FieldOwner),
            true,
            vec![
                choice("open", ProvinceMsg::OptionOpen),
                choice("done", ProvinceMsg::OptionDone),
            ],
        ),
        ConflictValue::Request(_) => (
            Some(ProvinceMsg::FieldDescription),
            Some(ProvinceMsg::FieldQuantity),
            false,
            Vec::new(),
        ),
        ConflictValue::Review(_) => (
            Some(ProvinceMsg::FieldComment),
            None,
            false,
            vec![
                choice("agree", ProvinceMsg::OptionAgree),
                choice("disagree", ProvinceMsg::OptionDisagree),
                choice("withdraw", ProvinceMsg::OptionWithdraw),
            ],
        ),
        ConflictValue::Catalogue(_) | ConflictValue::Conclusion(_) | ConflictValue::Decision(_) => {
            (None, None, false, Vec::new())
        }
    }
}

/// The rewrite form of one conflict.
#[component]
pub fn RewriteForm(
    /// The value in conflict.
    target: ConflictTarget,
    /// The sibling the person starts from.
    base: usize,
    /// That sibling's value.
    value: ConflictValue,
    /// Called when the rewrite is saved or cancelled.
    on_done: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let session = use_session();
    let province = crate::state::province::use_province();
    let t = move |msg: ProvinceMsg| move || state.t(msg);
    let draft = RwSignal::new(draft_of(&value));
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // Unique on the page: several conflicts may have their forms open at once.
    let prefix = format!(
        "rewrite-{}-{base}",
        pkm_core::ascii_text::slug(&target.describe_en())
    );
    let id = move |field: &str| format!("{prefix}-{field}");
    let (main_label, second_label, date_label, choices) = form_shape(&value);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let reviewer = province
            .profile
            .with_untracked(|profile| profile.reviewer.clone());
        let rewrite = match build(&value, &draft.get_untracked(), &reviewer) {
            Ok(rewrite) => rewrite,
            Err((vi, en)) => {
                error.set(Some(lang.pick(vi, en)));
                return;
            }
        };
        let session = session.clone();
        let target = target.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = edits::rewrite(&session, &target, base, rewrite).await;
            busy.set(false);
            match result {
                Ok(()) => on_done.run(()),
                Err(refused) => error.set(Some(refused.message(lang))),
            }
        });
    };
    let multiline = matches!(
        main_label,
        Some(ProvinceMsg::FieldNote | ProvinceMsg::FieldComment | ProvinceMsg::FieldDescription)
    );
    view! {
        <form class="pkm-form pkm-rewrite" on:submit=submit data-testid="rewrite-form">
            <h4>{t(ProvinceMsg::RewriteTitle)}</h4>
            {(!choices.is_empty())
                .then(|| view! { <ChoiceField id=id("choice") choices draft /> })}
            {main_label
                .map(|msg| view! { <TextField msg id=id("main") field=Field::Main multiline draft /> })}
            {second_label
                .map(|msg| {
                    view! { <TextField msg id=id("second") field=Field::Second multiline=false draft /> }
                })}
            {date_label
                .then(|| {
                    view! {
                        <TextField
                            msg=ProvinceMsg::FieldDeadline
                            id=id("date")
                            field=Field::Date
                            multiline=false
                            draft
                        />
                    }
                })}
            <div class="pkm-actions">
                <button type="submit" class="pkm-button pkm-button--primary" disabled=move || busy.get()>
                    {t(ProvinceMsg::SaveRewrite)}
                </button>
                <button type="button" class="pkm-button" on:click=move |_| on_done.run(())>
                    {t(ProvinceMsg::Cancel)}
                </button>
            </div>
            <p role="alert" class="pkm-error">{move || error.get()}</p>
        </form>
    }
}

/// Which text of the draft a field edits.
#[derive(Clone, Copy)]
enum Field {
    /// The main text.
    Main,
    /// The second text.
    Second,
    /// The date.
    Date,
}

impl Field {
    /// The field's text in `draft`.
    fn text(self, draft: &Draft) -> &String {
        match self {
            Field::Main => &draft.main,
            Field::Second => &draft.second,
            Field::Date => &draft.date,
        }
    }

    /// The field's text in `draft`, to change.
    fn text_mut(self, draft: &mut Draft) -> &mut String {
        match self {
            Field::Main => &mut draft.main,
            Field::Second => &mut draft.second,
            Field::Date => &mut draft.date,
        }
    }
}

/// The select of the form's choices (a status, a track, a verdict, an item's state).
#[component]
fn ChoiceField(
    /// The select's element id.
    id: String,
    /// The choices: code, Vietnamese and English labels.
    choices: Vec<(&'static str, String, String)>,
    /// The form's draft.
    draft: RwSignal<Draft>,
) -> impl IntoView {
    let state = use_app_state();
    let options = choices
        .into_iter()
        .map(|(code, vi, en)| {
            view! {
                <option value=code selected=move || draft.with(|d| d.choice == code)>
                    {move || state.lang.get().pick(vi.clone(), en.clone())}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="pkm-field">
            <label for=id.clone()>{move || state.t(ProvinceMsg::FieldChoice)}</label>
            <select
                id=id
                on:change:target=move |ev| {
                    draft.update(|draft| draft.choice = ev.target().value())
                }
            >
                {options}
            </select>
        </div>
    }
}

/// One labelled text field of the form, on one line or several.
#[component]
fn TextField(
    /// The field's label.
    msg: ProvinceMsg,
    /// The input's element id.
    id: String,
    /// Which text of the draft it edits.
    field: Field,
    /// Whether it is a text area.
    multiline: bool,
    /// The form's draft.
    draft: RwSignal<Draft>,
) -> impl IntoView {
    let state = use_app_state();
    let read = move || draft.with(|draft| field.text(draft).clone());
    let write = move |text: String| draft.update(|draft| *field.text_mut(draft) = text);
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                maxlength="10000"
                prop:value=read
                on:input:target=move |ev| write(ev.target().value())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                maxlength="10000"
                prop:value=read
                on:input:target=move |ev| write(ev.target().value())
            />
        }
        .into_any()
    };
    view! {
        <div class="pkm-field">
            <label for=id>{move || state.t(msg)}</label>
            {input}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pkm_core::{CriterionEntry, ItemId, Request, RequestCategory};

    #[test]
    fn drafts_round_trip_into_rewrites() {
        let entry = CriterionEntry::with_status(CriterionStatus::Expected);
        let value = ConflictValue::Criterion(Some(entry));
        let mut draft = draft_of(&value);
        assert_eq!(draft.choice, "expected");
        draft.choice = "met".into();
        draft.main = "Đã kiểm tra".into();
        match build(&value, &draft, "Tổ thẩm định") {
            Ok(Rewrite::Criterion(entry)) => {
                assert_eq!(entry.status, CriterionStatus::Met);
                assert_eq!(entry.note, "Đã kiểm tra");
            }
            other => panic!("unexpected {other:?}"),
        }
        let quota = ConflictValue::Quota(Some(4));
        let mut draft = draft_of(&quota);
        assert_eq!(draft.main, "4");
        draft.main = "bốn".into();
        assert_eq!(
            build(&quota, &draft, "").err().map(|(vi, _)| vi),
            Some("Chỉ tiêu phải là một số nguyên không âm.".to_string())
        );
    }

    #[test]
    fn request_quantities_accept_vietnamese_decimals() {
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("abc"), None);
        let value = ConflictValue::Request(Some(Request {
            id: ItemId::new("r1").expect("id"),
            category: RequestCategory::Funding,
            description: "Kinh phí sửa trụ sở".into(),
            quantity: Some(150.0),
            unit_label: "triệu đồng".into(),
        }));
        let mut draft = draft_of(&value);
        assert_eq!(draft.second, "150");
        draft.second = "200,5".into();
        match build(&value, &draft, "") {
            Ok(Rewrite::Request(request)) => assert_eq!(request.quantity, Some(200.5)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_deleted_base_cannot_be_rewritten_and_review_takes_the_reviewer() {
        let deleted = ConflictValue::Action(None);
        let (vi, _) = build(&deleted, &Draft::default(), "").expect_err("refused");
        assert!(vi.starts_with("Giá trị này đã bị xoá"));
        let review = ConflictValue::Review(None);
        let mut draft = draft_of(&review);
        assert_eq!(draft.choice, "withdraw");
        draft.choice = "disagree".into();
        draft.main = "Thiếu minh chứng".into();
        match build(&review, &draft, "Đ/c Thẩm định") {
            Ok(Rewrite::Review(Some(verdict))) => {
                assert_eq!(verdict.verdict, Verdict::Disagree);
                assert_eq!(verdict.reviewer, "Đ/c Thẩm định");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
