//! Command-line parsing with `clap`: the four subcommands, their options with bilingual help
//! (`pkm --help`, `pkm merge --help`, `pkm help figures`), and clap's errors turned into the
//! tool's own messages in Vietnamese and English ([`ArgsError`]).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};
use pkm_core::figures::Basis;
use pkm_core::{Date, KeyFingerprint, UnitId};

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Vietnamese (default).
    Vi,
    /// English.
    En,
}

/// The trust decisions given on the command line for `merge` and `figures` (see the core's
/// `trust` module): keys confirmed (pinned) and revoked before the files are read, and units
/// whose unsigned files or future-dated values are accepted, each said out loud in the output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustArgs {
    /// `--pin UNIT=FINGERPRINT`: keys confirmed for units (after a phone check).
    pub pins: Vec<(UnitId, KeyFingerprint)>,
    /// `--revoke UNIT=FINGERPRINT`: keys revoked for units.
    pub revocations: Vec<(UnitId, KeyFingerprint)>,
    /// `--allow-unsigned UNIT`: units whose unsigned files are accepted.
    pub unsigned: Vec<UnitId>,
    /// `--accept-future UNIT`: units whose values dated more than a day ahead are accepted.
    pub future: Vec<UnitId>,
}

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print help: the text clap rendered for the command asked about.
    Help(String),
    /// Check each file on its own.
    Validate {
        /// Message language.
        lang: Lang,
        /// The files.
        files: Vec<String>,
    },
    /// List the keys of a set of files: who signed each, and the keys each lists.
    Keys {
        /// Message language.
        lang: Lang,
        /// The files.
        files: Vec<String>,
    },
    /// Merge files into one province bundle.
    Merge {
        /// Message language.
        lang: Lang,
        /// Where to write.
        output: String,
        /// The exporting device id.
        device: String,
        /// The exporting unit (default: the only province).
        unit: Option<String>,
        /// Wall time to stamp (ms since the epoch; default: now).
        now_ms: Option<u64>,
        /// The trust decisions.
        trust: TrustArgs,
        /// The files, merged in this order.
        files: Vec<String>,
    },
    /// Print a year's figures.
    Figures {
        /// Message language.
        lang: Lang,
        /// The year.
        year: u16,
        /// The province (default: the only province).
        province: Option<String>,
        /// JSON instead of text.
        json: bool,
        /// Self-assessed or after review.
        basis: Basis,
        /// The day deciding overdue items (default: today).
        today: Option<Date>,
        /// The trust decisions.
        trust: TrustArgs,
        /// The files.
        files: Vec<String>,
    },
}

/// Why the command line is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgsError {
    /// No subcommand.
    NoCommand,
    /// An unknown subcommand.
    UnknownCommand(String),
    /// An unknown option.
    UnknownOption(String),
    /// An option without its value.
    MissingValue(String),
    /// An option value that does not parse.
    BadValue {
        /// The option.
        option: String,
        /// The value given.
        value: String,
    },
    /// A required option is missing.
    MissingOption(String),
    /// No input file.
    NoFiles,
    /// Anything else clap refuses, in its own (English) words.
    Other(String),
}

impl ArgsError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            ArgsError::NoCommand => {
                "Thiếu lệnh: dùng validate, keys, merge hoặc figures.".to_string()
            }
            ArgsError::UnknownCommand(command) => {
                format!("Lệnh “{command}” không tồn tại; dùng validate, keys, merge hoặc figures.")
            }
            ArgsError::UnknownOption(option) => format!("Tùy chọn “{option}” không tồn tại."),
            ArgsError::MissingValue(option) => format!("Tùy chọn “{option}” cần một giá trị."),
            ArgsError::BadValue { option, value } => {
                format!("Giá trị “{value}” của tùy chọn “{option}” không hợp lệ.")
            }
            ArgsError::MissingOption(option) => format!("Thiếu tùy chọn bắt buộc “{option}”."),
            ArgsError::NoFiles => "Chưa chỉ ra tệp gói dữ liệu nào.".to_string(),
            ArgsError::Other(message) => format!("Dòng lệnh không hợp lệ: {message}"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            ArgsError::NoCommand => {
                "Missing command: use validate, keys, merge or figures.".to_string()
            }
            ArgsError::UnknownCommand(command) => {
                format!("Unknown command “{command}”; use validate, keys, merge or figures.")
            }
            ArgsError::UnknownOption(option) => format!("Unknown option “{option}”."),
            ArgsError::MissingValue(option) => format!("Option “{option}” needs a value."),
            ArgsError::BadValue { option, value } => {
                format!("Invalid value “{value}” for option “{option}”.")
            }
            ArgsError::MissingOption(option) => format!("Missing required option “{option}”."),
            ArgsError::NoFiles => "No bundle file given.".to_string(),
            ArgsError::Other(message) => format!("Invalid command line: {message}"),
        }
    }

    /// Reads clap's error: its kind and the argument and value it names.
    fn from_clap(error: &clap::Error) -> ArgsError {
        let context = |kind| match error.get(kind) {
            Some(ContextValue::String(text)) => Some(text.clone()),
            Some(ContextValue::Strings(texts)) => Some(texts.join(", ")),
            _ => None,
        };
        // clap names an argument as it shows it in the usage ("-o <TỆP_RA>", "--year <NĂM>"); the
        // messages name the option as typed.
        let option = || {
            context(ContextKind::InvalidArg)
                .map(|arg| arg.split([' ', '=']).next().unwrap_or_default().to_string())
                .unwrap_or_default()
        };
        match error.kind() {
            ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                ArgsError::NoCommand
            }
            ErrorKind::InvalidSubcommand => ArgsError::UnknownCommand(
                context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            ),
            ErrorKind::UnknownArgument => {
                ArgsError::UnknownOption(context(ContextKind::InvalidArg).unwrap_or_default())
            }
            ErrorKind::InvalidValue
                if context(ContextKind::InvalidValue).as_deref() == Some("") =>
            {
                ArgsError::MissingValue(option())
            }
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => ArgsError::BadValue {
                option: option(),
                value: context(ContextKind::InvalidValue).unwrap_or_default(),
            },
            ErrorKind::MissingRequiredArgument => {
                let missing = option();
                if missing.starts_with('-') {
                    ArgsError::MissingOption(missing)
                } else {
                    ArgsError::NoFiles
                }
            }
            _ => ArgsError::Other(error.to_string().trim().to_string()),
        }
    }
}

/// `UNIT=FINGERPRINT` (the full 64 hexadecimal digits; upper case and spaces are accepted, as a
/// fingerprint read out over the phone is written down).
fn unit_key(value: &str) -> Result<(UnitId, KeyFingerprint), String> {
    let (unit, key) = value.split_once('=').ok_or("UNIT=FINGERPRINT")?;
    let key: String = key
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match (UnitId::new(unit), KeyFingerprint::new(key)) {
        (Ok(unit), Ok(key)) => Ok((unit, key)),
        _ => Err("UNIT=FINGERPRINT".to_string()),
    }
}

fn unit_id(value: &str) -> Result<UnitId, String> {
    UnitId::new(value).map_err(|error| error.to_string())
}

fn date(value: &str) -> Result<Date, String> {
    Date::parse_iso(value)
        .or_else(|_| Date::parse_vi(value))
        .map_err(|_| "YYYY-MM-DD".to_string())
}

/// Every help page: clap's parts under bilingual headings.
const HELP_TEMPLATE: &str = "\
{about-with-newline}
Cách dùng / Usage: {usage}

{all-args}{after-help}";

/// What every command's help ends with.
const EXIT_CODES: &str = "\
Mã thoát: 0 thành công, 1 có tệp bị từ chối, 2 dùng sai lệnh hoặc lỗi đọc/ghi tệp.
Exit codes: 0 success, 1 a file was refused, 2 wrong usage or a file I/O error.";

/// `pkm`, as clap parses it.
#[derive(Debug, Parser)]
#[command(
    name = "pkm",
    about = "pkm — công cụ dòng lệnh Phường Kiểu Mẫu / the Phường Kiểu Mẫu command-line tool",
    help_template = HELP_TEMPLATE,
    after_help = EXIT_CODES,
    subcommand_help_heading = "Lệnh / Commands",
    next_help_heading = "Tùy chọn / Options",
    disable_help_flag = true,
    disable_help_subcommand = true,
    subcommand_required = true,
)]
struct Cli {
    #[command(subcommand)]
    command: Sub,
    /// In hướng dẫn / print help.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Kiểm tra từng tệp gói dữ liệu / check each bundle file
    #[command(help_template = HELP_TEMPLATE, after_help = EXIT_CODES)]
    Validate(Files),
    /// Liệt kê khóa ký số của từng tệp (để đối chiếu qua điện thoại) / list each file's signing
    /// keys (to check by phone)
    #[command(help_template = HELP_TEMPLATE, after_help = EXIT_CODES)]
    Keys(Files),
    /// Gộp các gói thành một gói tổng hợp của tỉnh / merge bundles into one province bundle
    #[command(help_template = HELP_TEMPLATE, after_help = EXIT_CODES)]
    Merge(MergeArgs),
    /// In số liệu của năm / print the year's figures
    #[command(help_template = HELP_TEMPLATE, after_help = EXIT_CODES)]
    Figures(FiguresArgs),
    /// In hướng dẫn của một lệnh / print a command's help
    #[command(help_template = HELP_TEMPLATE, after_help = EXIT_CODES)]
    Help {
        /// Lệnh / the command
        #[arg(value_name = "LỆNH")]
        command: Option<String>,
    },
}

/// The files and the language, which every command takes.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tùy chọn / Options")]
struct Files {
    /// Ngôn ngữ của thông báo / the messages' language
    #[arg(long, value_enum, default_value = "vi")]
    lang: Lang,
    /// Các tệp gói dữ liệu (.json) / the bundle files
    #[arg(value_name = "TỆP", required = true)]
    files: Vec<String>,
}

/// The trust decisions, as options.
#[derive(Debug, Args)]
#[command(next_help_heading = "Quyết định tin cậy, lặp lại được / Trust decisions, repeatable")]
struct Trust {
    /// Xác nhận khóa của đơn vị (64 chữ số hex) sau khi gọi điện / confirm a unit's key (64 hex
    /// digits) after a phone check
    #[arg(long = "pin", value_name = "ĐƠN_VỊ=DẤU_VÂN_TAY", value_parser = unit_key)]
    pins: Vec<(UnitId, KeyFingerprint)>,
    /// Thu hồi khóa: tệp ký bằng khóa này bị từ chối / revoke a key: files signed by it are
    /// refused
    #[arg(long = "revoke", value_name = "ĐƠN_VỊ=DẤU_VÂN_TAY", value_parser = unit_key)]
    revocations: Vec<(UnitId, KeyFingerprint)>,
    /// Nhận một lần tệp không ký của đơn vị (có ghi lại) / accept the unit's unsigned files once
    /// (said in the output)
    #[arg(long = "allow-unsigned", value_name = "ĐƠN_VỊ", value_parser = unit_id)]
    unsigned: Vec<UnitId>,
    /// Nhận một lần giá trị ghi giờ muộn hơn đồng hồ quá một ngày / accept values dated more
    /// than a day ahead of the clock once
    #[arg(long = "accept-future", value_name = "ĐƠN_VỊ", value_parser = unit_id)]
    future: Vec<UnitId>,
}

impl From<Trust> for TrustArgs {
    fn from(trust: Trust) -> TrustArgs {
        TrustArgs {
            pins: trust.pins,
            revocations: trust.revocations,
            unsigned: trust.unsigned,
            future: trust.future,
        }
    }
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Tùy chọn / Options")]
struct MergeArgs {
    /// Tệp gói tổng hợp sẽ ghi / the merged bundle to write
    #[arg(short = 'o', long = "output", value_name = "TỆP_RA", required = true)]
    output: String,
    /// Mã thiết bị ghi trong gói / the device id stamped in the bundle
    #[arg(long, value_name = "MÃ", default_value = "pkm-cli")]
    device: String,
    /// Đơn vị xuất gói (mặc định: Công an tỉnh duy nhất) / the exporting unit (default: the only
    /// province)
    #[arg(long, value_name = "MÃ")]
    unit: Option<String>,
    /// Thời điểm ghi, mili giây từ 1970 (mặc định: bây giờ) / the time to stamp, ms since 1970
    /// (default: now)
    #[arg(long = "now-ms", value_name = "SỐ")]
    now_ms: Option<u64>,
    #[command(flatten)]
    trust: Trust,
    #[command(flatten)]
    files: Files,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Tùy chọn / Options")]
struct FiguresArgs {
    /// Năm đánh giá / the year
    #[arg(long, value_name = "NĂM", required = true)]
    year: u16,
    /// Công an tỉnh (mặc định: tỉnh duy nhất) / the province (default: the only one)
    #[arg(long, value_name = "MÃ")]
    province: Option<String>,
    /// In JSON thay cho văn bản / print JSON instead of text
    #[arg(long)]
    json: bool,
    /// Tự đánh giá hay sau thẩm định / self-assessed or after review
    #[arg(long, value_name = "self|review", default_value = "self", value_parser = basis)]
    basis: Basis,
    /// Ngày xét quá hạn (mặc định: hôm nay) / the day deciding overdue items (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    today: Option<Date>,
    #[command(flatten)]
    trust: Trust,
    #[command(flatten)]
    files: Files,
}

fn basis(value: &str) -> Result<Basis, String> {
    match value {
        "self" => Ok(Basis::SelfAssessed),
        "review" => Ok(Basis::AfterReview),
        _ => Err("self|review".to_string()),
    }
}

/// The help of `pkm` itself: its commands and options (what `pkm --help` prints).
pub fn help_text() -> String {
    Cli::command().render_help().to_string()
}

/// Parses the arguments after the program name.
pub fn parse(arguments: &[String]) -> Result<Command, ArgsError> {
    let words = std::iter::once("pkm").chain(arguments.iter().map(String::as_str));
    let cli = match Cli::try_parse_from(words) {
        Ok(cli) => cli,
        Err(error) if error.kind() == ErrorKind::DisplayHelp => {
            return Ok(Command::Help(error.render().to_string()));
        }
        Err(error) => return Err(ArgsError::from_clap(&error)),
    };
    Ok(match cli.command {
        Sub::Validate(Files { lang, files }) => Command::Validate { lang, files },
        Sub::Keys(Files { lang, files }) => Command::Keys { lang, files },
        Sub::Merge(merge) => Command::Merge {
            lang: merge.files.lang,
            output: merge.output,
            device: merge.device,
            unit: merge.unit,
            now_ms: merge.now_ms,
            trust: merge.trust.into(),
            files: merge.files.files,
        },
        Sub::Figures(figures) => Command::Figures {
            lang: figures.files.lang,
            year: figures.year,
            province: figures.province,
            json: figures.json,
            basis: figures.basis,
            today: figures.today,
            trust: figures.trust.into(),
            files: figures.files.files,
        },
        Sub::Help { command } => {
            let mut words = vec!["pkm".to_string()];
            words.extend(command);
            words.push("--help".to_string());
            return match Cli::try_parse_from(words) {
                Err(error) if error.kind() == ErrorKind::DisplayHelp => {
                    Ok(Command::Help(error.render().to_string()))
                }
                Err(error) => Err(ArgsError::from_clap(&error)),
                Ok(_) => Err(ArgsError::NoCommand),
            };
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Command, ArgsError> {
        parse(
            &words
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(
            parse_words("validate a.json b.json"),
            Ok(Command::Validate {
                lang: Lang::Vi,
                files: vec!["a.json".to_string(), "b.json".to_string()]
            })
        );
        assert_eq!(
            parse_words("merge -o out.json --now-ms 5 a.json"),
            Ok(Command::Merge {
                lang: Lang::Vi,
                output: "out.json".to_string(),
                device: "pkm-cli".to_string(),
                unit: None,
                now_ms: Some(5),
                trust: TrustArgs::default(),
                files: vec!["a.json".to_string()]
            })
        );
        let key = "ab".repeat(32);
        let Ok(Command::Merge { trust, .. }) = parse_words(&format!(
            "merge -o o.json --pin na={} --revoke na-x={key} --allow-unsigned na-y \
             --accept-future na-z a.json",
            key.to_uppercase()
        )) else {
            panic!("merge with trust options");
        };
        let fingerprint = KeyFingerprint::new(key.clone()).unwrap();
        assert_eq!(
            trust.pins,
            [(UnitId::new("na").unwrap(), fingerprint.clone())]
        );
        assert_eq!(
            trust.revocations,
            [(UnitId::new("na-x").unwrap(), fingerprint)]
        );
        assert_eq!(trust.unsigned, [UnitId::new("na-y").unwrap()]);
        assert_eq!(trust.future, [UnitId::new("na-z").unwrap()]);
        assert_eq!(
            parse_words("keys a.json"),
            Ok(Command::Keys {
                lang: Lang::Vi,
                files: vec!["a.json".to_string()]
            })
        );
        assert!(matches!(
            parse_words("merge -o o.json --pin na=12 a.json"),
            Err(ArgsError::BadValue { .. })
        ));
        assert!(matches!(
            parse_words("validate --pin na=12 a.json"),
            Err(ArgsError::UnknownOption(_))
        ));
        assert_eq!(
            parse_words(
                "figures --year 2024 --basis review --today 18/12/2024 --json --lang en a.json"
            ),
            Ok(Command::Figures {
                lang: Lang::En,
                year: 2024,
                province: None,
                json: true,
                basis: Basis::AfterReview,
                today: Date::new(2024, 12, 18).ok(),
                trust: TrustArgs::default(),
                files: vec!["a.json".to_string()],
            })
        );
        for words in ["--help", "-h", "merge --help", "help merge", "figures -h"] {
            assert!(
                matches!(parse_words(words), Ok(Command::Help(_))),
                "{words}"
            );
        }
        let Ok(Command::Help(merge)) = parse_words("merge --help") else {
            panic!("merge's help");
        };
        assert!(merge.contains("Cách dùng / Usage: pkm merge"), "{merge}");
        assert!(merge.contains("--pin <ĐƠN_VỊ=DẤU_VÂN_TAY>"), "{merge}");
        assert!(merge.contains("Mã thoát"), "{merge}");
    }

    #[test]
    fn refuses_wrong_usage() {
        assert_eq!(parse_words(""), Err(ArgsError::NoCommand));
        assert_eq!(
            parse_words("gop a.json"),
            Err(ArgsError::UnknownCommand("gop".to_string()))
        );
        assert_eq!(
            parse_words("merge a.json"),
            Err(ArgsError::MissingOption("--output".to_string()))
        );
        assert_eq!(
            parse_words("figures a.json"),
            Err(ArgsError::MissingOption("--year".to_string()))
        );
        assert_eq!(
            parse_words("figures --year x a.json"),
            Err(ArgsError::BadValue {
                option: "--year".to_string(),
                value: "x".to_string()
            })
        );
        assert_eq!(
            parse_words("validate --json a.json"),
            Err(ArgsError::UnknownOption("--json".to_string()))
        );
        assert_eq!(parse_words("validate"), Err(ArgsError::NoFiles));
        assert_eq!(
            parse_words("merge -o"),
            Err(ArgsError::MissingValue("--output".to_string()))
        );
        assert_eq!(
            ArgsError::NoFiles.message_vi(),
            "Chưa chỉ ra tệp gói dữ liệu nào."
        );
    }
}
