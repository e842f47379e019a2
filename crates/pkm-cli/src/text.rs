//! What the tool prints: usage, per-file results, problems (each with its JSON path), the figures
//! as text (with the meeting's summary paragraph) or JSON. Vietnamese first, English on request.

use std::io::Write;

use pkm_core::assessment::Label;
use pkm_core::bundle::{Bundle, Problem, WriteError};
use pkm_core::figures::{ProvinceFigures, QuotaProgress, RequestTotal, TrackFigures};
use pkm_core::format;
use pkm_core::ids::{IdError, UnitId};
use pkm_core::{Date, ImportReport, summary_paragraph_en, summary_paragraph_vi};

use crate::args::{ArgsError, Lang};

/// Prints a usage error (both languages) and the tool's help.
pub fn write_usage_error(err: &mut dyn Write, error: &ArgsError) -> std::io::Result<()> {
    writeln!(err, "{}\n{}\n", error.message_vi(), error.message_en())?;
    write!(err, "{}", crate::args::help_text())
}

/// An ISO-8601 UTC time from milliseconds since the epoch.
pub fn iso_utc(ms: u64) -> String {
    let date = Date::from_unix_ms(ms)
        .map(|date| date.to_iso())
        .unwrap_or_default();
    let seconds = (ms / 1000) % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// Messages in the chosen language.
pub struct Messages {
    /// The language.
    pub lang: Lang,
}

impl Messages {
    /// Messages in a language.
    pub fn new(lang: Lang) -> Messages {
        Messages { lang }
    }

    pub(crate) fn pick(&self, vi: String, en: String) -> String {
        if self.lang == Lang::Vi { vi } else { en }
    }

    /// The tag of an accepted file.
    pub fn ok_tag(&self) -> &'static str {
        "OK "
    }

    /// The tag of a refused file.
    pub fn fail_tag(&self) -> &'static str {
        if self.lang == Lang::Vi {
            "LỖI"
        } else {
            "FAIL"
        }
    }

    /// A file that could not be read or written.
    pub fn io_error(&self, error: &std::io::Error) -> String {
        self.pick(
            format!("không đọc/ghi được tệp ({error})."),
            format!("cannot read or write the file ({error})."),
        )
    }

    /// One line about an accepted bundle.
    pub fn bundle_summary(&self, bundle: &Bundle) -> String {
        let units = bundle.content.unit_registers().len();
        let assessments = bundle.content.assessments().len();
        let digest = &bundle.digest[..12];
        let (signed_vi, signed_en) = match bundle.signature() {
            Some(signature) => {
                let short = signature.fingerprint().short();
                (
                    format!("chữ ký số hợp lệ, khóa {short}"),
                    format!("valid signature, key {short}"),
                )
            }
            None => ("không có chữ ký số".to_string(), "not signed".to_string()),
        };
        self.pick(
            format!(
                "{}, đơn vị xuất “{}”, {units} đơn vị, {assessments} bản đánh giá, mã kiểm tra {digest}…, {signed_vi}",
                bundle.kind.label_vi(),
                bundle.header.unit_id
            ),
            format!(
                "{}, exported by “{}”, {units} units, {assessments} assessments, digest {digest}…, {signed_en}",
                bundle.kind.label_en(),
                bundle.header.unit_id
            ),
        )
    }

    /// One line about an import.
    pub fn import_summary(&self, report: &ImportReport) -> String {
        if report.already_imported {
            return self.pick(
                "đã nhập trước đó, không thay đổi gì.".to_string(),
                "already imported, nothing changed.".to_string(),
            );
        }
        self.pick(
            format!(
                "{} {}",
                report.merge.summary_vi(),
                report.signature.message_vi(&report.unit)
            ),
            format!(
                "{} {}",
                report.merge.summary_en(),
                report.signature.message_en(&report.unit)
            ),
        )
    }

    /// A unit named on the command line that no file carries.
    pub fn unknown_unit(&self, unit: &UnitId) -> String {
        self.pick(
            format!("đơn vị “{unit}” không có trong các tệp; không thể thu hồi khóa của nó ở đây."),
            format!("unit “{unit}” is in none of the files; its key cannot be revoked here."),
        )
    }

    /// The closing line of `validate`.
    pub fn validate_total(&self, files: usize, failed: usize) -> String {
        self.pick(
            format!("{} tệp hợp lệ, {failed} tệp bị từ chối.", files - failed),
            format!("{} files valid, {failed} refused.", files - failed),
        )
    }

    /// Merge refused.
    pub fn nothing_written(&self) -> String {
        self.pick(
            "Không ghi tệp nào vì có tệp bị từ chối.".to_string(),
            "Nothing was written because a file was refused.".to_string(),
        )
    }

    /// Merge done.
    pub fn merged(&self, output: &str, files: usize, conflicts: usize) -> String {
        self.pick(
            format!("Đã gộp {files} tệp vào {output}; còn {conflicts} xung đột chưa xử lý."),
            format!("Merged {files} files into {output}; {conflicts} conflicts remain unresolved."),
        )
    }

    /// No single province to choose.
    pub fn province_choice(&self, found: &[UnitId], option: &str) -> String {
        let list = found
            .iter()
            .map(UnitId::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if found.is_empty() {
            self.pick(
                format!("Dữ liệu không có Công an tỉnh nào; hãy chỉ rõ bằng {option}."),
                format!("The data holds no provincial police; name one with {option}."),
            )
        } else {
            self.pick(
                format!("Dữ liệu có nhiều Công an tỉnh ({list}); hãy chọn bằng {option}."),
                format!(
                    "The data holds several provincial police ({list}); choose one with {option}."
                ),
            )
        }
    }

    /// An invalid id on the command line.
    pub fn id_error(&self, error: &IdError) -> String {
        self.pick(error.message_vi(), error.message_en())
    }

    /// A bundle that could not be written.
    pub fn write_error(&self, error: &WriteError) -> String {
        self.pick(error.message_vi(), error.message_en())
    }

    fn problem(&self, problem: &Problem) -> String {
        self.pick(problem.message_vi(), problem.message_en())
    }
}

/// What `pkm keys` prints of one file: who exported it and with which key, then the keys it
/// lists as pinned or revoked, each with its short fingerprint (read over the phone) and its full
/// one (given to `--pin`).
pub fn write_keys(
    out: &mut dyn Write,
    messages: &Messages,
    file: &str,
    bundle: &Bundle,
) -> std::io::Result<()> {
    let unit = &bundle.header.unit_id;
    match bundle.signature() {
        Some(signature) => {
            let key = signature.fingerprint();
            writeln!(
                out,
                "{file}: {}",
                messages.pick(
                    format!(
                        "{}, đơn vị “{unit}”, ký bằng khóa {}",
                        bundle.kind.label_vi(),
                        key.short()
                    ),
                    format!(
                        "{}, unit “{unit}”, signed by key {}",
                        bundle.kind.label_en(),
                        key.short()
                    ),
                )
            )?;
            writeln!(out, "  {unit}={key}")?;
        }
        None => writeln!(
            out,
            "{file}: {}",
            messages.pick(
                format!(
                    "{}, đơn vị “{unit}”, không có chữ ký số",
                    bundle.kind.label_vi()
                ),
                format!("{}, unit “{unit}”, not signed", bundle.kind.label_en()),
            )
        )?,
    }
    for (label_vi, label_en, sets) in [
        ("ghi nhận", "pinned", bundle.content.key_pins()),
        ("thu hồi", "revoked", bundle.content.key_revocations()),
    ] {
        for (listed, keys) in sets {
            for key in keys {
                writeln!(
                    out,
                    "  {} {listed} {}: {key}",
                    messages.pick(
                        format!("khóa {label_vi} của"),
                        format!("key {label_en} for")
                    ),
                    key.short()
                )?;
            }
        }
    }
    Ok(())
}

/// Prints a refused file and every problem found in it.
pub fn write_problems(
    out: &mut dyn Write,
    messages: &Messages,
    file: &str,
    problems: &[Problem],
) -> std::io::Result<()> {
    let count = problems.len();
    let heading = messages.pick(format!("{count} lỗi:"), format!("{count} problems:"));
    writeln!(out, "{} {file}: {heading}", messages.fail_tag())?;
    for problem in problems {
        writeln!(
            out,
            "  - [{}] {}",
            problem.code(),
            messages.problem(problem)
        )?;
    }
    Ok(())
}

fn track_line(
    messages: &Messages,
    label_vi: &str,
    label_en: &str,
    track: &TrackFigures,
    criteria: &str,
) -> String {
    messages.pick(
        format!(
            "{label_vi}: {} đơn vị; đạt {criteria}: {}; dự kiến đạt {criteria}: {}",
            track.total, track.complete, track.expected_complete
        ),
        format!(
            "{label_en}: {} units; {criteria} met: {}; expected {criteria}: {}",
            track.total, track.complete, track.expected_complete
        ),
    )
}

fn quota_line(messages: &Messages, figures: &ProvinceFigures) -> String {
    let quota = figures
        .quota
        .map(|quota| quota.to_string())
        .unwrap_or_else(|| "—".to_string());
    match figures.quota_progress {
        QuotaProgress::Exceeded { percent } => messages.pick(
            format!(
                "Chỉ tiêu Bộ giao: {quota} (vượt {})",
                format::percent_vi(percent, 1)
            ),
            format!(
                "Ministry quota: {quota} (exceeded by {})",
                format::percent_en(percent, 1)
            ),
        ),
        QuotaProgress::Short {
            missing,
            percent_of_quota,
        } => messages.pick(
            format!(
                "Chỉ tiêu Bộ giao: {quota} (đạt {}, còn thiếu {missing})",
                format::percent_vi(percent_of_quota, 1)
            ),
            format!(
                "Ministry quota: {quota} ({} reached, {missing} short)",
                format::percent_en(percent_of_quota, 1)
            ),
        ),
        QuotaProgress::Reached => messages.pick(
            format!("Chỉ tiêu Bộ giao: {quota} (đạt 100%)"),
            format!("Ministry quota: {quota} (100% reached)"),
        ),
        QuotaProgress::NoQuota | QuotaProgress::ZeroQuota => messages.pick(
            format!("Chỉ tiêu Bộ giao: {quota}"),
            format!("Ministry quota: {quota}"),
        ),
    }
}

/// Prints the figures as text.
pub fn write_figures(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    let vi = messages.lang == Lang::Vi;
    let basis = if vi {
        figures.basis.label_vi().to_lowercase()
    } else {
        figures.basis.label_en().to_lowercase()
    };
    writeln!(
        out,
        "{}",
        messages.pick(
            format!(
                "Số liệu năm {} — {} ({basis}, tính đến ngày {})",
                figures.year,
                figures.province_name,
                figures.today.to_vi()
            ),
            format!(
                "{} figures — {} ({basis}, as of {})",
                figures.year,
                figures.province_name,
                figures.today.to_iso()
            ),
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        if vi {
            summary_paragraph_vi(figures)
        } else {
            summary_paragraph_en(figures)
        }
    )?;
    writeln!(out)?;
    write_tracks(out, messages, figures)?;
    write_per_middle(out, messages, figures)?;
    write_misses(out, messages, figures)?;
    write_requests(out, messages, figures)?;
    write_actions(out, messages, figures)
}

/// The two tracks, the quota, and the wards on no track.
fn write_tracks(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    let criteria = figures
        .criteria_total
        .map(|total| format!("{total}/{total}"))
        .unwrap_or_else(|| "100%".to_string());
    writeln!(
        out,
        "{}",
        track_line(
            messages,
            "Duy trì",
            "Maintain",
            &figures.maintained,
            &criteria
        )
    )?;
    writeln!(
        out,
        "{}",
        track_line(messages, "Xây dựng mới", "New", &figures.new, &criteria)
    )?;
    writeln!(out, "{}", quota_line(messages, figures))?;
    if figures.untracked > 0 {
        writeln!(
            out,
            "{}",
            messages.pick(
                format!("Chưa đăng ký hướng xây dựng: {}", figures.untracked),
                format!("On no track: {}", figures.untracked)
            )
        )?;
    }
    Ok(())
}

/// The two tracks per middle-level unit.
fn write_per_middle(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    let vi = messages.lang == Lang::Vi;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        messages.pick(
            "Theo đơn vị cấp trên trực tiếp:".to_string(),
            "Per middle-level unit:".to_string()
        )
    )?;
    for row in &figures.per_middle {
        let name = if row.unit.is_none() && !vi {
            "Directly under the province".to_string()
        } else {
            row.name_vi.clone()
        };
        writeln!(
            out,
            "  {name}: {}",
            messages.pick(
                format!(
                    "duy trì {} (dự kiến đạt {}), xây dựng mới {} (dự kiến đạt {})",
                    row.maintained.total,
                    row.maintained.expected_complete,
                    row.new.total,
                    row.new.expected_complete
                ),
                format!(
                    "maintain {} (expected {}), new {} (expected {})",
                    row.maintained.total,
                    row.maintained.expected_complete,
                    row.new.total,
                    row.new.expected_complete
                ),
            )
        )?;
    }
    Ok(())
}

/// The criteria missed, with the number of units missing each.
fn write_misses(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    if !figures.misses.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            messages.pick(
                "Tiêu chí chưa đạt (số đơn vị):".to_string(),
                "Criteria missed (units):".to_string()
            )
        )?;
        for miss in &figures.misses {
            writeln!(
                out,
                "  {}. {} — {}: {}",
                miss.number,
                miss.criterion,
                miss.title_vi,
                miss.wards.len()
            )?;
        }
    }
    Ok(())
}

/// The requests, per category.
fn write_requests(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        messages.pick("Kiến nghị, đề xuất:".to_string(), "Requests:".to_string())
    )?;
    for total in figures.requests.iter().filter(|total| total.count > 0) {
        writeln!(out, "  {}", request_line(messages, total))?;
    }
    Ok(())
}

/// One category of requests: "Khác: 7" or, with quantities, "Phương tiện: 5 (12 xe; 3 bộ)".
fn request_line(messages: &Messages, total: &RequestTotal) -> String {
    let vi = messages.lang == Lang::Vi;
    let quantities = total
        .quantities
        .iter()
        .map(|(unit, quantity)| {
            if vi {
                format!("{} {unit}", format::decimal_vi(*quantity, 2))
            } else {
                format!("{} {unit}", format::decimal_en(*quantity, 2))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let label = if vi {
        total.category.label_vi()
    } else {
        total.category.label_en()
    };
    if quantities.is_empty() {
        format!("{label}: {}", total.count)
    } else {
        format!("{label}: {} ({quantities})", total.count)
    }
}

/// The open and overdue action items, the wards without an assessment, the conflicts.
fn write_actions(
    out: &mut dyn Write,
    messages: &Messages,
    figures: &ProvinceFigures,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        messages.pick(
            format!(
                "Nhiệm vụ đang thực hiện: {}, trong đó quá hạn: {}",
                figures.open_actions.len(),
                figures.overdue_actions
            ),
            format!(
                "Open action items: {}, of which overdue: {}",
                figures.open_actions.len(),
                figures.overdue_actions
            ),
        )
    )?;
    for row in figures.open_actions.iter().filter(|row| row.overdue) {
        let deadline = row
            .item
            .deadline
            .map(|date| date.to_vi())
            .unwrap_or_default();
        writeln!(
            out,
            "  {} — {} — {} — {deadline}",
            row.ward_name, row.item.task, row.item.owner
        )?;
    }
    if !figures.wards_without_assessment.is_empty() {
        let list = figures
            .wards_without_assessment
            .iter()
            .map(UnitId::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            out,
            "{}",
            messages.pick(
                format!("Chưa có bản tự đánh giá: {list}"),
                format!("No self-assessment: {list}")
            )
        )?;
    }
    writeln!(
        out,
        "{}",
        messages.pick(
            format!(
                "Giá trị đang xung đột mà số liệu phụ thuộc: {}",
                figures.conflicts
            ),
            format!(
                "Values in conflict the figures depend on: {}",
                figures.conflicts
            ),
        )
    )
}

/// Prints the figures as JSON, with both summary paragraphs.
pub fn write_figures_json(out: &mut dyn Write, figures: &ProvinceFigures) -> std::io::Result<()> {
    let mut value = serde_json::to_value(figures).map_err(std::io::Error::other)?;
    if let serde_json::Value::Object(members) = &mut value {
        members.insert(
            "summary_vi".to_string(),
            serde_json::Value::String(summary_paragraph_vi(figures)),
        );
        members.insert(
            "summary_en".to_string(),
            serde_json::Value::String(summary_paragraph_en(figures)),
        );
    }
    let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use pkm_core::RequestCategory;

    use super::*;

    #[test]
    fn a_request_category_without_quantities_prints_no_empty_brackets() {
        let vi = Messages::new(Lang::Vi);
        let mut total = RequestTotal {
            category: RequestCategory::Other,
            count: 7,
            quantities: BTreeMap::new(),
        };
        assert_eq!(request_line(&vi, &total), "Khác: 7");
        total.quantities.insert("người".to_string(), 12.5);
        total.quantities.insert("xe".to_string(), 3.0);
        assert_eq!(request_line(&vi, &total), "Khác: 7 (12,5 người; 3 xe)");
        assert_eq!(
            request_line(&Messages::new(Lang::En), &total),
            "Other: 7 (12.5 người; 3 xe)"
        );
    }
}
