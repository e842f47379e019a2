//! End-to-end tests of the `pkm` binary on the committed example and bad bundle files and on the
//! generated Nghệ An 2024 province.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NGHE_AN_PARAGRAPH: &str = "Năm 2024, có 16 Công an phường duy trì mô hình kiểu mẫu, trong đó có 14/16 Công an phường dự kiến đạt 20/20 tiêu chí; có 8 Công an phường xây dựng mới (chỉ tiêu Bộ giao 4, vượt 100%), trong đó có 7/8 Công an phường dự kiến đạt 20/20 tiêu chí.";

fn bundles() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles")
}

fn example(name: &str) -> String {
    bundles().join("examples").join(name).display().to_string()
}

fn bad(code: &str) -> String {
    bundles()
        .join("bad")
        .join(format!("{code}.json"))
        .display()
        .to_string()
}

fn pkm(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pkm"))
        .args(arguments)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("pkm-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn validate_accepts_the_examples() {
    let output = pkm(&[
        "validate",
        &example("config.json"),
        &example("ward.json"),
        &example("province.json"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(
        text.lines().filter(|line| line.starts_with("OK ")).count(),
        3
    );
    assert!(text.contains("Gói của Công an phường, đơn vị xuất “na-vinh-le-mao”"));
    assert!(text.ends_with("3 tệp hợp lệ, 0 tệp bị từ chối.\n"));
}

#[test]
fn validate_reports_each_problem_in_vietnamese_with_its_path_and_fails() {
    let output = pkm(&[
        "validate",
        &example("ward.json"),
        &bad("wrong-digest"),
        &bad("newer-format-version"),
        &bad("not-json"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("[wrong-digest] Mã kiểm tra không khớp với nội dung: tệp đã bị hỏng hoặc bị sửa tay sau khi xuất. Hãy đề nghị đơn vị gửi lại tệp gốc. (vị trí: $.integrity.digest)"));
    assert!(text.contains("mới hơn phiên bản ứng dụng này đọc được (tối đa v2)"));
    assert!(text.contains("[not-json] Tệp không phải JSON hợp lệ"));
    assert!(text.ends_with("1 tệp hợp lệ, 3 tệp bị từ chối.\n"));
    let english = stdout(&pkm(&["validate", "--lang", "en", &bad("wrong-digest")]));
    assert!(
        english.contains("FAIL") && english.contains("The digest does not match the content"),
        "{english}"
    );
}

#[test]
fn validate_shows_the_signature_status_of_each_file() {
    let output = pkm(&[
        "validate",
        &example("ward-signed.json"),
        &example("ward.json"),
        &bad("bad-signature"),
        &bad("key-mismatch"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let signed = text
        .lines()
        .find(|line| line.contains("ward-signed.json"))
        .unwrap();
    assert!(
        signed.starts_with("OK ") && signed.contains("chữ ký số hợp lệ, khóa "),
        "{signed}"
    );
    let unsigned = text
        .lines()
        .find(|line| line.contains("/ward.json"))
        .unwrap();
    assert!(unsigned.ends_with("không có chữ ký số"), "{unsigned}");
    assert!(text.contains("[bad-signature] Chữ ký số không khớp với nội dung"));
    // On its own (no pinned keys) a file signed by any valid key reads; the pin is checked on import.
    assert!(
        text.ends_with("3 tệp hợp lệ, 1 tệp bị từ chối.\n"),
        "{text}"
    );
    let english = stdout(&pkm(&[
        "validate",
        "--lang",
        "en",
        &example("ward-signed.json"),
    ]));
    assert!(english.contains("valid signature, key "), "{english}");
}

/// `--pin UNIT=FINGERPRINT` for a unit's deterministic test key (the example files' keys).
fn pin(unit: &str) -> String {
    format!("{unit}={}", key(unit))
}

fn key(unit: &str) -> String {
    pkm_core::SecretKey::for_tests(unit)
        .public_key()
        .fingerprint()
        .to_string()
}

/// The trust the example files need: the province's key confirmed, and the two unsigned
/// examples (Lê Mao's second round and the province's merged file) accepted once.
const EXAMPLE_TRUST: [&str; 4] = [
    "--allow-unsigned",
    "na-vinh-le-mao",
    "--allow-unsigned",
    "na",
];

#[test]
fn merge_asks_for_keys_and_applies_pins_and_revocations_from_the_command_line() {
    let directory = scratch("pins");
    let merged = path_text(&directory.join("merged.json"));
    let run = |extra: &[&str], files: &[&str]| {
        let mut arguments = vec!["merge", "-o", &merged, "--now-ms", "1734480000000"];
        arguments.extend_from_slice(extra);
        arguments.extend_from_slice(files);
        pkm(&arguments)
    };
    let config = example("config.json");
    let ward_signed = example("ward-signed.json");
    // Nobody confirmed the province's key: refused, nothing written.
    let refused = run(&[], &[&config]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("[unconfirmed-key]"),
        "{}",
        stderr(&refused)
    );
    // Confirmed on the command line: in, and the ward's key comes pinned with the config.
    let pin_na = pin("na");
    let output = run(&["--pin", &pin_na], &[&config, &ward_signed]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.contains("đã được xác nhận cho đơn vị “na”"), "{text}");
    // A key revoked on the command line is refused, pinned or not.
    let revoke = pin("na-vinh-dong-vinh");
    let revoked = run(
        &["--pin", &pin_na, "--revoke", &revoke],
        &[&config, &ward_signed],
    );
    assert_eq!(revoked.status.code(), Some(1));
    assert!(
        stderr(&revoked).contains("[revoked-key]"),
        "{}",
        stderr(&revoked)
    );
    // Another key for a ward with a pinned key is refused naming both.
    let mismatch = run(
        &["--pin", &pin_na],
        &[&example("config-signed.json"), &bad("key-mismatch")],
    );
    assert_eq!(mismatch.status.code(), Some(1));
    assert!(stderr(&mismatch).contains("[key-mismatch]"));
    // An unsigned file needs its exception, which the output names.
    let province = example("province.json");
    let unsigned = run(&["--pin", &pin_na], &[&config, &province]);
    assert!(stderr(&unsigned).contains("[unsigned-bundle]"));
    let accepted = run(
        &["--pin", &pin_na, "--allow-unsigned", "na"],
        &[&config, &province],
    );
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr(&accepted));
    assert!(
        stdout(&accepted).contains("đã nhận một lần"),
        "{}",
        stdout(&accepted)
    );
    // The three forgeries of issue 22, after the genuine config.
    for forgery in ["unknown-sender", "out-of-scope", "future-timestamp"] {
        let output = run(
            &["--pin", &pin_na],
            &[&example("config-signed.json"), &bad(forgery)],
        );
        assert_eq!(output.status.code(), Some(1), "{forgery}");
        assert!(
            stderr(&output).contains(&format!("[{forgery}]")),
            "{}",
            stderr(&output)
        );
    }
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn keys_lists_who_signed_each_file_and_the_keys_it_lists() {
    let output = pkm(&[
        "keys",
        &example("config-signed.json"),
        &example("ward.json"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let short = pkm_core::SecretKey::for_tests("na")
        .public_key()
        .fingerprint()
        .short();
    assert!(text.contains(&format!("ký bằng khóa {short}")), "{text}");
    assert!(text.contains(&format!("  na={}", key("na"))), "{text}");
    assert!(
        text.contains("khóa ghi nhận của na-vinh-dong-vinh"),
        "{text}"
    );
    assert!(
        text.contains("khóa thu hồi của na-vinh-dong-vinh"),
        "{text}"
    );
    assert!(text.contains("không có chữ ký số"), "{text}");
}

#[test]
fn validate_reports_a_missing_file() {
    let output = pkm(&["validate", "/nonexistent/goi.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("LỖI /nonexistent/goi.json: không đọc/ghi được tệp"));
}

#[test]
fn merge_writes_a_valid_province_bundle() {
    let directory = scratch("merge");
    let merged = path_text(&directory.join("tinh.json"));
    let output = pkm(&[
        "merge",
        "-o",
        &merged,
        "--now-ms",
        "1734480000000",
        "--pin",
        &pin("na"),
        EXAMPLE_TRUST[0],
        EXAMPLE_TRUST[1],
        EXAMPLE_TRUST[2],
        EXAMPLE_TRUST[3],
        &example("config.json"),
        &example("ward.json"),
        &example("province.json"),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.contains("Đã gộp 3 tệp vào"));
    assert!(text.contains("1 xung đột mới"));
    let bytes = std::fs::read(&merged).unwrap();
    let bundle = pkm_core::read_bundle(&bytes, &pkm_core::Limits::default()).unwrap();
    assert_eq!(bundle.kind, pkm_core::BundleKind::Province);
    assert_eq!(bundle.content.assessments().len(), 3);
    assert_eq!(bundle.header.exported_at.text, "2024-12-18T00:00:00Z");
    assert_eq!(pkm(&["validate", &merged]).status.code(), Some(0));
    let again = path_text(&directory.join("lai.json"));
    pkm(&[
        "merge",
        "-o",
        &again,
        "--now-ms",
        "1734480000000",
        "--pin",
        &pin("na"),
        EXAMPLE_TRUST[0],
        EXAMPLE_TRUST[1],
        EXAMPLE_TRUST[2],
        EXAMPLE_TRUST[3],
        &example("config.json"),
        &example("ward.json"),
        &example("province.json"),
    ]);
    assert_eq!(
        std::fs::read(&again).unwrap(),
        bytes,
        "merging is deterministic given the time"
    );
}

#[test]
fn merge_writes_nothing_when_a_file_is_refused() {
    let directory = scratch("merge-refused");
    let merged = directory.join("tinh.json");
    let output = pkm(&[
        "merge",
        "-o",
        &path_text(&merged),
        &example("ward.json"),
        &bad("duplicate-key"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("[duplicate-key] Trường “app_version” xuất hiện hai lần trong cùng một đối tượng. (vị trí: $.header.app_version)"), "{errors}");
    assert!(errors.contains("Không ghi tệp nào vì có tệp bị từ chối."));
    assert!(!merged.exists());
}

/// Files are read ahead on other threads; what is reported, and what a later file may rely on,
/// still follows the files' order.
#[test]
fn merge_reports_every_file_in_the_order_given_while_reading_ahead() {
    let directory = scratch("merge-order");
    let merged = directory.join("tinh.json");
    let output = pkm(&[
        "merge",
        "-o",
        &path_text(&merged),
        "--now-ms",
        "1734480000000",
        "--pin",
        &pin("na"),
        EXAMPLE_TRUST[0],
        EXAMPLE_TRUST[1],
        EXAMPLE_TRUST[2],
        EXAMPLE_TRUST[3],
        &example("config.json"),
        "/nonexistent/a.json",
        &bad("duplicate-key"),
        &example("ward.json"),
        "/nonexistent/b.json",
        &example("province.json"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let at = |text: &str| {
        errors
            .find(text)
            .unwrap_or_else(|| panic!("{text}: {errors}"))
    };
    assert!(
        at("/nonexistent/a.json") < at("duplicate-key.json"),
        "{errors}"
    );
    assert!(
        at("duplicate-key.json") < at("/nonexistent/b.json"),
        "{errors}"
    );
    let report = stdout(&output);
    let ok = |name: &str| {
        report
            .find(&example(name))
            .unwrap_or_else(|| panic!("{name}: {report}"))
    };
    assert!(ok("config.json") < ok("ward.json"), "{report}");
    assert!(ok("ward.json") < ok("province.json"), "{report}");
    assert!(!merged.exists());
}

#[test]
fn figures_print_text_and_json_for_the_examples() {
    let files = [
        example("config.json"),
        example("ward.json"),
        example("province.json"),
    ];
    let pin_na = pin("na");
    let mut arguments = vec!["figures", "--year", "2024", "--today", "2024-12-18"];
    arguments.extend(["--pin", &pin_na]);
    arguments.extend(EXAMPLE_TRUST);
    arguments.extend(files.iter().map(String::as_str));
    let output = pkm(&arguments);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.starts_with(
        "Số liệu năm 2024 — Công an tỉnh Nghệ An (theo tự đánh giá, tính đến ngày 18/12/2024)"
    ));
    assert!(text.contains("Năm 2024, có 2 Công an phường duy trì mô hình kiểu mẫu"));
    assert!(text.contains("Giá trị đang xung đột mà số liệu phụ thuộc: 1"));
    let mut json_arguments = arguments.clone();
    json_arguments.insert(1, "--json");
    let json: serde_json::Value = serde_json::from_str(&stdout(&pkm(&json_arguments))).unwrap();
    assert_eq!(json["maintained"]["total"], 2);
    assert_eq!(json["new"]["total"], 1);
    assert_eq!(json["quota"], 1);
    assert_eq!(json["conflicts"], 1);
    assert!(
        json["summary_vi"]
            .as_str()
            .unwrap()
            .starts_with("Năm 2024, có 2 Công an phường")
    );
    let mut review_arguments = json_arguments.clone();
    review_arguments.extend(["--basis", "review"]);
    let reviewed: serde_json::Value =
        serde_json::from_str(&stdout(&pkm(&review_arguments))).unwrap();
    assert_eq!(reviewed["basis"], "after_review");
    assert!(
        reviewed["summary_vi"]
            .as_str()
            .unwrap()
            .starts_with("Năm 2024, theo kết quả họp xét,")
    );
}

#[test]
fn figures_reproduce_nghe_an_2024() {
    let directory = scratch("nghe-an");
    let fixture = pkm_core::fixtures::nghe_an_2024(1).unwrap();
    let mut files = vec![path_text(&directory.join("config.json"))];
    std::fs::write(&files[0], &fixture.config_bundle).unwrap();
    for ward in &fixture.ward_bundles {
        let path = path_text(&directory.join(format!("{}.json", ward.ward)));
        std::fs::write(&path, &ward.json).unwrap();
        files.push(path);
    }
    files[1..].reverse();
    let pin_na = pin("na");
    let mut arguments = vec![
        "figures",
        "--year",
        "2024",
        "--province",
        "na",
        "--today",
        "18/12/2024",
        "--pin",
        &pin_na,
    ];
    arguments.extend(files.iter().map(String::as_str));
    let output = pkm(&arguments);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(text.contains(NGHE_AN_PARAGRAPH), "{text}");
    assert!(
        text.contains("Duy trì: 16 đơn vị; đạt 20/20: 8; dự kiến đạt 20/20: 14"),
        "{text}"
    );
    assert!(text.contains("Chỉ tiêu Bộ giao: 4 (vượt 100%)"));
    assert!(text.contains(
        "  Công an thành phố Vinh: duy trì 10 (dự kiến đạt 9), xây dựng mới 3 (dự kiến đạt 3)"
    ));
    let mut english_arguments = arguments.clone();
    english_arguments.extend(["--lang", "en"]);
    let english = stdout(&pkm(&english_arguments));
    assert!(english.contains("In 2024, 16 ward police units are maintaining the model status, of which 14/16 are expected to meet 20/20 criteria; 8 ward police units are newly building it (Ministry quota 4, exceeded by 100%), of which 7/8 are expected to meet 20/20 criteria."), "{english}");
}

#[test]
fn usage_errors_exit_with_2() {
    for arguments in [
        &[][..],
        &["gop"][..],
        &["figures", "a.json"][..],
        &["merge", "a.json"][..],
    ] {
        let output = pkm(arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        assert!(stderr(&output).contains("Cách dùng / Usage:"));
    }
    let help = pkm(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("Cách dùng / Usage: pkm <COMMAND>"));
    // Every command answers --help (it once answered "unknown option").
    for command in ["validate", "keys", "merge", "figures"] {
        let help = pkm(&[command, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{command} --help");
        assert!(
            stdout(&help).contains(&format!("Cách dùng / Usage: pkm {command}")),
            "{command} --help: {}",
            stdout(&help)
        );
    }
    assert!(stdout(&pkm(&["figures", "--help"])).contains("--year <NĂM>"));
}

#[test]
fn figures_need_a_province_when_there_are_several() {
    let directory = scratch("two-provinces");
    let large = pkm_core::fixtures::large_province(1, 12).unwrap();
    let large_config = path_text(&directory.join("lg.json"));
    std::fs::write(&large_config, &large.config_bundle).unwrap();
    let output = pkm(&[
        "figures",
        "--year",
        "2024",
        "--pin",
        &pin("na"),
        "--pin",
        &pin("lg"),
        &example("config.json"),
        &large_config,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("Dữ liệu có nhiều Công an tỉnh (lg, na); hãy chọn bằng --province.")
    );
}

/// The level above the provinces (issue 28): two provinces of the generated country, with and
/// without the Ministry's registry that pins their keys.
#[test]
fn the_level_above_the_provinces_merges_the_provinces_its_registry_pins_and_no_others() {
    use pkm_core::fixtures::country;
    let directory = scratch("country");
    let (registry, ministry_key) = country::registry().unwrap();
    let registry_path = directory.join("registry.json");
    std::fs::write(&registry_path, registry).unwrap();
    // The two smallest: Huế (40 units) and Lai Châu (38).
    let files: Vec<PathBuf> = [1, 2]
        .into_iter()
        .map(|number| {
            let file = country::province_file(7, number).unwrap();
            let path = directory.join(format!("{}.json", file.province));
            std::fs::write(&path, file.json).unwrap();
            path
        })
        .collect();
    let merged = directory.join("country.json");
    let ministry_pin = format!("bca={ministry_key}");
    let mut arguments = vec![
        "merge".to_string(),
        "--lang".into(),
        "en".into(),
        "--pin".into(),
        ministry_pin,
        "--unit".into(),
        "bca".into(),
        "-o".into(),
        path_text(&merged),
        path_text(&registry_path),
    ];
    arguments.extend(files.iter().map(|path| path_text(path)));
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let output = pkm(&arguments);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Merged 3 files into")
            && stdout(&output).contains("; 0 conflicts"),
        "{}",
        stdout(&output)
    );
    let validated = pkm(&["validate", "--lang", "en", &path_text(&merged)]);
    assert_eq!(validated.status.code(), Some(0), "{}", stdout(&validated));
    // Without the registry, the second province is nobody this store knows, even with both
    // provinces' keys confirmed: no rule lets a province in by its key alone.
    let (hue, lai_chau) = (pin("hue"), pin("lai-chau"));
    let output = pkm(&[
        "merge",
        "--lang",
        "en",
        "--pin",
        &hue,
        "--pin",
        &lai_chau,
        "--unit",
        "hue",
        "-o",
        &path_text(&directory.join("refused.json")),
        &path_text(&files[0]),
        &path_text(&files[1]),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("[unknown-sender]"),
        "{}",
        stderr(&output)
    );
    assert!(!directory.join("refused.json").exists());
}
