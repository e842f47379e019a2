//! Command-line parsing (no dependency): subcommands, options and their errors in both languages.

use pkm_core::figures::Basis;
use pkm_core::{Date, KeyFingerprint, UnitId};

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// Print the usage.
    Help,
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
        }
    }
}

struct Cursor<'a> {
    items: &'a [String],
    position: usize,
}

impl<'a> Cursor<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let item = self.items.get(self.position)?;
        self.position += 1;
        Some(item.as_str())
    }

    fn value(&mut self, option: &str) -> Result<&'a str, ArgsError> {
        self.next()
            .ok_or_else(|| ArgsError::MissingValue(option.to_string()))
    }
}

fn bad(option: &str, value: &str) -> ArgsError {
    ArgsError::BadValue {
        option: option.to_string(),
        value: value.to_string(),
    }
}

/// `UNIT=FINGERPRINT` (the full 64 hexadecimal digits; upper case and spaces are accepted, as a
/// fingerprint read out over the phone is written down).
fn unit_key(option: &str, value: &str) -> Result<(UnitId, KeyFingerprint), ArgsError> {
    let (unit, key) = value.split_once('=').ok_or_else(|| bad(option, value))?;
    let key: String = key
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    match (UnitId::new(unit), KeyFingerprint::new(key)) {
        (Ok(unit), Ok(key)) => Ok((unit, key)),
        _ => Err(bad(option, value)),
    }
}

fn unit_id(option: &str, value: &str) -> Result<UnitId, ArgsError> {
    UnitId::new(value).map_err(|_| bad(option, value))
}

/// Parses the arguments after the program name.
pub fn parse(arguments: &[String]) -> Result<Command, ArgsError> {
    let mut cursor = Cursor {
        items: arguments,
        position: 0,
    };
    let command = cursor.next().ok_or(ArgsError::NoCommand)?;
    if matches!(command, "help" | "--help" | "-h") {
        return Ok(Command::Help);
    }
    let mut lang = Lang::Vi;
    let mut files = Vec::new();
    let mut output = None;
    let mut device = "pkm-cli".to_string();
    let mut unit = None;
    let mut now_ms = None;
    let mut year = None;
    let mut province = None;
    let mut json = false;
    let mut basis = Basis::SelfAssessed;
    let mut today = None;
    let mut trust = TrustArgs::default();
    let is_merge = command == "merge";
    let is_figures = command == "figures";
    let imports = is_merge || is_figures;
    if !matches!(command, "validate" | "keys" | "merge" | "figures") {
        return Err(ArgsError::UnknownCommand(command.to_string()));
    }
    while let Some(argument) = cursor.next() {
        match argument {
            "--lang" => {
                lang = match cursor.value(argument)? {
                    "vi" => Lang::Vi,
                    "en" => Lang::En,
                    other => return Err(bad(argument, other)),
                }
            }
            "-o" | "--output" if is_merge => output = Some(cursor.value(argument)?.to_string()),
            "--device" if is_merge => device = cursor.value(argument)?.to_string(),
            "--unit" if is_merge => unit = Some(cursor.value(argument)?.to_string()),
            "--now-ms" if is_merge => {
                let value = cursor.value(argument)?;
                now_ms = Some(value.parse().map_err(|_| bad(argument, value))?);
            }
            "--pin" if imports => trust
                .pins
                .push(unit_key(argument, cursor.value(argument)?)?),
            "--revoke" if imports => {
                trust
                    .revocations
                    .push(unit_key(argument, cursor.value(argument)?)?);
            }
            "--allow-unsigned" if imports => {
                trust
                    .unsigned
                    .push(unit_id(argument, cursor.value(argument)?)?);
            }
            "--accept-future" if imports => {
                trust
                    .future
                    .push(unit_id(argument, cursor.value(argument)?)?);
            }
            "--year" if is_figures => {
                let value = cursor.value(argument)?;
                year = Some(value.parse::<u16>().map_err(|_| bad(argument, value))?);
            }
            "--province" if is_figures => province = Some(cursor.value(argument)?.to_string()),
            "--json" if is_figures => json = true,
            "--basis" if is_figures => {
                basis = match cursor.value(argument)? {
                    "self" => Basis::SelfAssessed,
                    "review" => Basis::AfterReview,
                    other => return Err(bad(argument, other)),
                }
            }
            "--today" if is_figures => {
                let value = cursor.value(argument)?;
                today = Some(
                    Date::parse_iso(value)
                        .or_else(|_| Date::parse_vi(value))
                        .map_err(|_| bad(argument, value))?,
                );
            }
            option if option.starts_with('-') && option.len() > 1 => {
                return Err(ArgsError::UnknownOption(option.to_string()));
            }
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return Err(ArgsError::NoFiles);
    }
    match command {
        "validate" => Ok(Command::Validate { lang, files }),
        "keys" => Ok(Command::Keys { lang, files }),
        "merge" => Ok(Command::Merge {
            lang,
            output: output.ok_or_else(|| ArgsError::MissingOption("-o".to_string()))?,
            device,
            unit,
            now_ms,
            trust,
            files,
        }),
        _ => Ok(Command::Figures {
            lang,
            year: year.ok_or_else(|| ArgsError::MissingOption("--year".to_string()))?,
            province,
            json,
            basis,
            today,
            trust,
            files,
        }),
    }
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
        assert_eq!(parse_words("--help"), Ok(Command::Help));
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
            Err(ArgsError::MissingOption("-o".to_string()))
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
            Err(ArgsError::MissingValue("-o".to_string()))
        );
        assert_eq!(
            ArgsError::NoFiles.message_vi(),
            "Chưa chỉ ra tệp gói dữ liệu nào."
        );
    }
}
