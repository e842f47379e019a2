//! One value of a conflict as a line of text for people, in Vietnamese or English: a unit's
//! name and kind, a quota, a track, a criterion's status with its figure and note, an action
//! item's task, owner and deadline, a request, a review verdict, a conclusion, a decision — or
//! "deleted". Shown on the
//! province's conflicts screen.

use pkm_core::{ConflictValue, Track};

use super::Lang;
use super::format::label;

mod cycle_values;

fn decimal(lang: Lang, value: f64) -> String {
    super::format::decimal(lang, value, 2)
}

/// The value as text.
pub fn value_text(value: &ConflictValue, lang: Lang) -> String {
    let deleted = || lang.pick("(đã xoá)", "(deleted)").to_owned();
    match value {
        ConflictValue::Unit(Some(unit)) => {
            let kind = lang.pick(unit.kind.label_vi(), unit.kind.label_en());
            let parent = unit
                .parent
                .as_ref()
                .map(|parent| match lang {
                    Lang::Vi => format!(", cấp trên {parent}"),
                    Lang::En => format!(", parent {parent}"),
                })
                .unwrap_or_default();
            format!("{} ({kind}{parent})", unit.name_vi)
        }
        ConflictValue::Quota(Some(quota)) => match lang {
            Lang::Vi => format!("{quota} Công an phường xây dựng mới"),
            Lang::En => format!("{quota} new wards"),
        },
        ConflictValue::Catalogue(Some(catalogue)) => catalogue.to_string(),
        ConflictValue::Track(Some(track)) => match track {
            Track::Maintain { since_year } => match lang {
                Lang::Vi => format!("Duy trì (công nhận năm {since_year})"),
                Lang::En => format!("Maintain (recognised in {since_year})"),
            },
            other => label(lang, other).to_string(),
        },
        ConflictValue::Criterion(Some(entry)) => {
            let mut parts = vec![label(lang, &entry.status).to_string()];
            if let Some(figure) = entry.figure {
                parts.push(match lang {
                    Lang::Vi => format!("số liệu {}", decimal(lang, figure)),
                    Lang::En => format!("figure {}", decimal(lang, figure)),
                });
            }
            parts.push(super::evidence_items(entry.evidence.len(), lang));
            if !entry.note.is_empty() {
                parts.push(format!("“{}”", entry.note));
            }
            parts.join(" · ")
        }
        ConflictValue::Action(Some(item)) => {
            let mut parts = vec![item.task.clone()];
            if !item.owner.is_empty() {
                parts.push(item.owner.clone());
            }
            if let Some(deadline) = item.deadline {
                parts.push(match lang {
                    Lang::Vi => format!("hạn {}", deadline.to_vi()),
                    Lang::En => format!("due {}", deadline.to_vi()),
                });
            }
            parts.push(label(lang, &item.status).to_string());
            parts.join(" · ")
        }
        ConflictValue::Request(Some(request)) => {
            let quantity = request
                .quantity
                .map(|quantity| {
                    let amount = format!("{} {}", decimal(lang, quantity), request.unit_label);
                    format!(" ({})", amount.trim())
                })
                .unwrap_or_default();
            format!(
                "{}: {}{quantity}",
                label(lang, &request.category),
                request.description
            )
        }
        ConflictValue::Review(Some(review)) => {
            let mut text = label(lang, &review.verdict).to_string();
            if !review.comment.is_empty() {
                text.push_str(&format!(": {}", review.comment));
            }
            if !review.reviewer.is_empty() {
                text.push_str(&format!(" ({})", review.reviewer));
            }
            text
        }
        ConflictValue::Conclusion(Some(conclusion)) => cycle_values::conclusion(conclusion, lang),
        ConflictValue::Decision(Some(decision)) => cycle_values::decision(decision, lang),
        ConflictValue::Conclusion(None) | ConflictValue::Decision(None) => {
            lang.pick("(đã rút)", "(withdrawn)").to_owned()
        }
        ConflictValue::Unit(None)
        | ConflictValue::Quota(None)
        | ConflictValue::Catalogue(None)
        | ConflictValue::Track(None)
        | ConflictValue::Criterion(None)
        | ConflictValue::Action(None)
        | ConflictValue::Request(None)
        | ConflictValue::Review(None) => deleted(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pkm_core::{
        ActionItem, ActionStatus, CriterionEntry, CriterionStatus, Date, ItemId, ReviewVerdict,
        Verdict,
    };

    #[test]
    fn values_read_as_sentences_in_both_languages() {
        assert_eq!(
            value_text(&ConflictValue::Quota(Some(4)), Lang::Vi),
            "4 Công an phường xây dựng mới"
        );
        assert_eq!(
            value_text(&ConflictValue::Quota(None), Lang::Vi),
            "(đã xoá)"
        );
        let mut entry = CriterionEntry::with_status(CriterionStatus::Expected);
        entry.figure = Some(92.5);
        entry.note = "Chờ phê duyệt".into();
        assert_eq!(
            value_text(&ConflictValue::Criterion(Some(entry.clone())), Lang::Vi),
            "Dự kiến đạt · số liệu 92,5 · 0 minh chứng · “Chờ phê duyệt”"
        );
        assert_eq!(
            value_text(&ConflictValue::Criterion(Some(entry)), Lang::En),
            "Expected · figure 92.5 · 0 evidence items · “Chờ phê duyệt”"
        );
        let item = ActionItem {
            id: ItemId::new("a1").expect("id"),
            criterion: None,
            task: "Sửa trụ sở".into(),
            owner: "Đ/c Minh".into(),
            deadline: Date::new(2024, 12, 31).ok(),
            status: ActionStatus::Open,
        };
        assert_eq!(
            value_text(&ConflictValue::Action(Some(item)), Lang::Vi),
            "Sửa trụ sở · Đ/c Minh · hạn 31/12/2024 · Đang thực hiện"
        );
        let review = ReviewVerdict {
            verdict: Verdict::Disagree,
            comment: "Thiếu hồ sơ".into(),
            reviewer: "Tổ thẩm định".into(),
        };
        assert_eq!(
            value_text(&ConflictValue::Review(Some(review)), Lang::Vi),
            "Không nhất trí: Thiếu hồ sơ (Tổ thẩm định)"
        );
        assert_eq!(
            value_text(
                &ConflictValue::Track(Some(Track::Maintain { since_year: 2023 })),
                Lang::Vi
            ),
            "Duy trì (công nhận năm 2023)"
        );
    }
}
