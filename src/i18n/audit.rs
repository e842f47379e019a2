//! What the audit log says about each change, in both languages. The log keeps both texts of an
//! entry (`state::logs::AuditEntry`), so each function here is called once per language (see
//! `state::session::AuditNote::says`); Vietnamese and English stand side by side, and a missing
//! one is a compile error.

use pkm_core::{CriterionEntry, CriterionStatus, ReviewVerdict, Verdict};

use super::Lang;
use super::format::{decimal, label};

/// The first run declared the ward and its parents: "Khai báo đơn vị: A › B › C".
pub fn units_set_up(names: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Khai báo đơn vị: {names}"),
        Lang::En => format!("Units set up: {names}"),
    }
}

/// The assessment of a year was started.
pub fn assessment_started(year: u16, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Bắt đầu đánh giá năm {year}"),
        Lang::En => format!("Assessment of {year} started"),
    }
}

/// The ward's track was set.
pub fn track_set(track: &pkm_core::Track, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Diện: {}", label(lang, track)),
        Lang::En => format!("Track: {}", label(lang, track)),
    }
}

/// A follow-up task was added.
pub fn task_added(task: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Thêm nhiệm vụ: {task}"),
        Lang::En => format!("Task added: {task}"),
    }
}

/// A follow-up task was edited; its status after the edit.
pub fn task_edited(task: &str, status: &pkm_core::ActionStatus, lang: Lang) -> String {
    let status = label(lang, status);
    match lang {
        Lang::Vi => format!("Sửa nhiệm vụ: {task} ({status})"),
        Lang::En => format!("Task edited: {task} ({status})"),
    }
}

/// A follow-up task was deleted.
pub fn task_deleted(task: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Xoá nhiệm vụ: {task}"),
        Lang::En => format!("Task deleted: {task}"),
    }
}

/// A request was added.
pub fn request_added(description: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Thêm kiến nghị: {description}"),
        Lang::En => format!("Request added: {description}"),
    }
}

/// A request was edited.
pub fn request_edited(description: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Sửa kiến nghị: {description}"),
        Lang::En => format!("Request edited: {description}"),
    }
}

/// A request was deleted.
pub fn request_deleted(description: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Xoá kiến nghị: {description}"),
        Lang::En => format!("Request deleted: {description}"),
    }
}

/// A conflict was resolved on the ward's exchange screen; `what` describes it in `lang`.
pub fn conflict_resolved(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Xử lý xung đột: {what}"),
        Lang::En => format!("Conflict resolved: {what}"),
    }
}

/// The province kept value number `number` (1-based) of a conflict; `what` describes it.
pub fn conflict_value_kept(what: &str, number: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{what}: xử lý xung đột, giữ giá trị thứ {number}"),
        Lang::En => format!("{what}: conflict resolved, value {number} kept"),
    }
}

/// The province resolved a conflict with a rewritten value; `what` describes it.
pub fn conflict_rewritten(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{what}: xử lý xung đột bằng giá trị viết lại"),
        Lang::En => format!("{what}: conflict resolved with a rewritten value"),
    }
}

/// A unit was created or edited.
pub fn unit_saved(name: &str, id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Cập nhật đơn vị “{name}” ({id})"),
        Lang::En => format!("Unit “{name}” ({id}) saved"),
    }
}

/// A list of units was imported.
pub fn units_imported(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Nhập danh sách {count} đơn vị"),
        Lang::En => format!("Imported a list of {count} units"),
    }
}

/// The Ministry's quota of a year was set.
pub fn quota_set(year: u16, new_wards: u32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Chỉ tiêu năm {year}: {new_wards} Công an phường xây dựng mới"),
        Lang::En => format!("{year} quota: {new_wards} new wards"),
    }
}

/// A catalogue was added.
pub fn catalogue_added(title: &str, id: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Thêm bộ tiêu chí “{title}” ({id})"),
        Lang::En => format!("Catalogue “{title}” ({id}) added"),
    }
}

/// A year's catalogue was chosen.
pub fn catalogue_chosen(year: u16, catalogue: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Năm {year} dùng bộ tiêu chí {catalogue}"),
        Lang::En => format!("{year} uses catalogue {catalogue}"),
    }
}

/// A review verdict on a criterion was given (with its comment in Vietnamese only, as typed),
/// or withdrawn (`None`).
pub fn review_set(criterion: &str, given: Option<&ReviewVerdict>, lang: Lang) -> String {
    let Some(given) = given else {
        return match lang {
            Lang::Vi => format!("Rút ý kiến thẩm định tiêu chí {criterion}"),
            Lang::En => format!("Review of criterion {criterion} withdrawn"),
        };
    };
    match (lang, given.verdict) {
        (Lang::Vi, verdict) => {
            let verdict = match verdict {
                Verdict::Agree => "nhất trí",
                Verdict::Disagree => "không nhất trí",
            };
            let comment = if given.comment.is_empty() {
                String::new()
            } else {
                format!(" — {}", given.comment)
            };
            format!("Thẩm định tiêu chí {criterion}: {verdict}{comment}")
        }
        (Lang::En, Verdict::Agree) => format!("Review of criterion {criterion}: agree"),
        (Lang::En, Verdict::Disagree) => format!("Review of criterion {criterion}: disagree"),
    }
}

/// A unit's key was revoked on the keys screen.
pub fn key_revoked(short: &str, unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Thu hồi khóa {short} của đơn vị {unit}"),
        Lang::En => format!("Revoked key {short} of unit {unit}"),
    }
}

/// A unit's key was pinned after a check by phone.
pub fn key_pinned(short: &str, unit: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("Ghi nhận khóa {short} cho đơn vị {unit} (đã đối chiếu qua điện thoại)")
        }
        Lang::En => format!("Pinned key {short} for unit {unit} (checked by phone)"),
    }
}

/// What changed between two versions of a criterion entry, such as
/// "Tình trạng: Chưa đánh giá → Đạt; thêm 1 minh chứng".
pub fn criterion_changed(before: &CriterionEntry, after: &CriterionEntry, lang: Lang) -> String {
    let mut parts = Vec::new();
    if before.status != after.status {
        parts.push(status_changed(before.status, after.status, lang));
    }
    if before.figure != after.figure {
        let show = |figure: Option<f64>| figure.map_or_else(|| "—".into(), |v| decimal(lang, v, 2));
        let (old, new) = (show(before.figure), show(after.figure));
        parts.push(match lang {
            Lang::Vi => format!("Số liệu: {old} → {new}"),
            Lang::En => format!("Figure: {old} → {new}"),
        });
    }
    let (old, new) = (before.evidence.len(), after.evidence.len());
    if new > old {
        parts.push(match lang {
            Lang::Vi => format!("thêm {} minh chứng", new - old),
            Lang::En => format!("{} evidence item(s) added", new - old),
        });
    } else if new < old {
        parts.push(match lang {
            Lang::Vi => format!("bỏ {} minh chứng", old - new),
            Lang::En => format!("{} evidence item(s) removed", old - new),
        });
    } else if before.evidence != after.evidence {
        parts.push(lang.pick("sửa minh chứng", "evidence edited").to_owned());
    }
    if before.note != after.note {
        parts.push(lang.pick("sửa ghi chú", "note edited").to_owned());
    }
    if parts.is_empty() {
        parts.push(lang.pick("Không đổi", "No change").to_owned());
    }
    parts.join("; ")
}

fn status_changed(before: CriterionStatus, after: CriterionStatus, lang: Lang) -> String {
    let (old, new) = (label(lang, &before), label(lang, &after));
    match lang {
        Lang::Vi => format!("Tình trạng: {old} → {new}"),
        Lang::En => format!("Status: {old} → {new}"),
    }
}
