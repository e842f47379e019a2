//! The four commands. Each file is read whole (the core refuses files over its size limit before
//! parsing), checked by the core's reader and, for `merge` and `figures`, imported in the given
//! order into one store, so later files may refer to units and catalogues from earlier ones.

use std::io::Write;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use pkm_core::bundle::canonical::sha256_hex;
use pkm_core::bundle::{
    ExportedAt, HeaderInput, Limits, ReadOptions, Selection, read_bundle, write_bundle,
};
use pkm_core::ids::{BundleId, DeviceId, UnitId};
use pkm_core::trust::MAX_CLOCK_AHEAD_MS;
use pkm_core::{Date, HlcClock, ProvinceFigures, Store, TrustPolicy, UnitKind};

use crate::args::{Command, Lang, TrustArgs};
use crate::reads_ahead::{ReadsAhead, Shared};
use crate::text::{self, Messages};

/// Runs a command, writing results to `out` and problems to `err`.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let result = match command {
        Command::Help(help) => write!(out, "{help}").map(|()| ExitCode::SUCCESS),
        Command::Validate { lang, files } => validate(Messages::new(lang), &files, out),
        Command::Keys { lang, files } => keys(Messages::new(lang), &files, out),
        Command::Merge {
            lang,
            output,
            device,
            unit,
            now_ms,
            trust,
            files,
        } => merge(
            Messages::new(lang),
            &output,
            &device,
            unit.as_deref(),
            now_ms,
            &trust,
            &files,
            out,
            err,
        ),
        Command::Figures {
            lang,
            year,
            province,
            json,
            basis,
            today,
            trust,
            files,
        } => figures(
            Messages::new(lang),
            year,
            province.as_deref(),
            json,
            basis,
            today,
            &trust,
            &files,
            out,
            err,
        ),
    };
    result.unwrap_or_else(|_| ExitCode::from(2))
}

/// The wall clock, read here and nowhere in the core (the core gets time injected).
#[expect(
    clippy::disallowed_methods,
    reason = "the command-line tool is where wall time is read and injected into the core"
)]
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as u64)
        .unwrap_or(0)
}

fn validate(
    messages: Messages,
    files: &[String],
    out: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let mut failed = 0;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                failed += 1;
                writeln!(
                    out,
                    "{} {file}: {}",
                    messages.fail_tag(),
                    messages.io_error(&error)
                )?;
                continue;
            }
        };
        match read_bundle(&bytes, &Limits::default()) {
            Ok(bundle) => writeln!(
                out,
                "{} {file}: {}",
                messages.ok_tag(),
                messages.bundle_summary(&bundle)
            )?,
            Err(problems) => {
                failed += 1;
                text::write_problems(out, &messages, file, &problems)?;
            }
        }
    }
    writeln!(out, "{}", messages.validate_total(files.len(), failed))?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Lists, for each file, who exported it, which key signed it, and the keys it lists as pinned
/// or revoked: what a person checks by phone before `--pin`.
fn keys(messages: Messages, files: &[String], out: &mut dyn Write) -> std::io::Result<ExitCode> {
    let mut failed = 0;
    for file in files {
        let bundle = match std::fs::read(file) {
            Ok(bytes) => read_bundle(&bytes, &Limits::default()),
            Err(error) => {
                failed += 1;
                writeln!(
                    out,
                    "{} {file}: {}",
                    messages.fail_tag(),
                    messages.io_error(&error)
                )?;
                continue;
            }
        };
        match bundle {
            Ok(bundle) => text::write_keys(out, &messages, file, &bundle)?,
            Err(problems) => {
                failed += 1;
                text::write_problems(out, &messages, file, &problems)?;
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Reads and imports every file in order under the trust decisions given; on any problem,
/// reports every refused file and returns `None` (nothing is written by the caller).
#[allow(clippy::too_many_arguments)]
fn load(
    messages: &Messages,
    trust: &TrustArgs,
    now: u64,
    files: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
    verbose: bool,
) -> std::io::Result<Option<(Store, Vec<String>)>> {
    let mut store = Store::new();
    let mut digests = Vec::new();
    let mut policy = TrustPolicy::new().at(now);
    for (unit, key) in &trust.pins {
        policy = policy.confirming(unit.clone(), key.clone());
    }
    for unit in &trust.unsigned {
        policy = policy.allowing_unsigned(unit.clone());
    }
    for unit in &trust.future {
        policy = policy.allowing_future(unit.clone());
    }
    for (unit, key) in &trust.revocations {
        store.revoke_key(unit, key.clone());
    }
    let options = ReadOptions {
        trust: Some(policy.clone()),
        ..ReadOptions::default()
    };
    let shared = Shared::default();
    let imported = std::thread::scope(|scope| -> std::io::Result<bool> {
        let reads = ReadsAhead::start(scope, files, &options, &shared);
        let mut refused = false;
        for (file, read) in files.iter().zip(reads) {
            let read = match read {
                Ok(read) => read,
                Err(error) => {
                    refused = true;
                    writeln!(
                        err,
                        "{} {file}: {}",
                        messages.fail_tag(),
                        messages.io_error(&error)
                    )?;
                    continue;
                }
            };
            let bundle = match read.finish(&store) {
                Ok(bundle) => bundle,
                Err(problems) => {
                    refused = true;
                    text::write_problems(err, messages, file, &problems)?;
                    continue;
                }
            };
            match store.import_bundle(&bundle, &policy) {
                Ok(report) => {
                    digests.push(report.digest.clone());
                    if verbose {
                        writeln!(
                            out,
                            "{} {file}: {}",
                            messages.ok_tag(),
                            messages.import_summary(&report)
                        )?;
                    }
                }
                Err(problems) => {
                    refused = true;
                    text::write_problems(err, messages, file, &problems)?;
                }
            }
        }
        Ok(!refused)
    })?;
    let mut refused = !imported;
    // A revocation names a unit of the files: a merged file carries it, and one for a unit it
    // does not carry would be refused wherever it goes.
    for (unit, _) in &trust.revocations {
        if store.unit_registers().get(unit).is_none() {
            refused = true;
            writeln!(
                err,
                "{} {}",
                messages.fail_tag(),
                messages.unknown_unit(unit)
            )?;
        }
    }
    Ok(if refused {
        None
    } else {
        Some((store, digests))
    })
}

fn only_province(store: &Store) -> Result<UnitId, Vec<UnitId>> {
    let provinces: Vec<UnitId> = store
        .registry()
        .iter()
        .filter(|unit| unit.kind == UnitKind::Province)
        .map(|unit| unit.id.clone())
        .collect();
    match provinces.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(provinces),
    }
}

#[allow(clippy::too_many_arguments)]
fn merge(
    messages: Messages,
    output: &str,
    device: &str,
    unit: Option<&str>,
    wall_ms: Option<u64>,
    trust: &TrustArgs,
    files: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let now = wall_ms.unwrap_or_else(now_ms);
    let Some((store, mut digests)) = load(&messages, trust, now, files, out, err, true)? else {
        writeln!(err, "{}", messages.nothing_written())?;
        return Ok(ExitCode::from(1));
    };
    let unit_id = match unit {
        Some(unit) => UnitId::new(unit),
        None => match only_province(&store) {
            Ok(province) => Ok(province),
            Err(found) => {
                writeln!(err, "{}", messages.province_choice(&found, "--unit"))?;
                return Ok(ExitCode::from(2));
            }
        },
    };
    let (unit_id, device_id) = match (unit_id, DeviceId::new(device)) {
        (Ok(unit_id), Ok(device_id)) => (unit_id, device_id),
        (Err(error), _) | (_, Err(error)) => {
            writeln!(err, "{}", messages.id_error(&error))?;
            return Ok(ExitCode::from(2));
        }
    };
    let wall_ms = now;
    let mut clock = HlcClock::new(device_id.clone());
    if let Some(latest) = store.latest_timestamp_until(wall_ms.saturating_add(MAX_CLOCK_AHEAD_MS)) {
        clock.observe(&latest);
    }
    digests.sort();
    let bundle_id = match BundleId::new(format!(
        "merge-{}",
        &sha256_hex(digests.concat().as_bytes())[..16]
    )) {
        Ok(bundle_id) => bundle_id,
        Err(error) => {
            writeln!(err, "{}", messages.id_error(&error))?;
            return Ok(ExitCode::from(2));
        }
    };
    let header = HeaderInput {
        app_version: format!("pkm-cli {}", env!("CARGO_PKG_VERSION")),
        bundle_id,
        exported_at: ExportedAt {
            hlc: clock.tick(wall_ms),
            text: text::iso_utc(wall_ms),
        },
        device_id,
        unit_id,
    };
    let written = match write_bundle(&store, &Selection::All, &header) {
        Ok(written) => written,
        Err(error) => {
            writeln!(err, "{}", messages.write_error(&error))?;
            return Ok(ExitCode::from(2));
        }
    };
    if let Err(error) = std::fs::write(output, written) {
        writeln!(
            err,
            "{} {output}: {}",
            messages.fail_tag(),
            messages.io_error(&error)
        )?;
        return Ok(ExitCode::from(2));
    }
    writeln!(
        out,
        "{}",
        messages.merged(output, files.len(), store.conflicts().len())
    )?;
    // The process ends next: freeing the merged store record by record would only cost time
    // (a tenth of a second or more for the whole country's), the system takes it back whole.
    std::mem::forget(store);
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)]
fn figures(
    messages: Messages,
    year: u16,
    province: Option<&str>,
    json: bool,
    basis: pkm_core::Basis,
    today: Option<Date>,
    trust: &TrustArgs,
    files: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ExitCode> {
    let Some((store, _)) = load(&messages, trust, now_ms(), files, out, err, false)? else {
        return Ok(ExitCode::from(1));
    };
    let province = match province {
        Some(province) => UnitId::new(province),
        None => match only_province(&store) {
            Ok(province) => Ok(province),
            Err(found) => {
                writeln!(err, "{}", messages.province_choice(&found, "--province"))?;
                return Ok(ExitCode::from(2));
            }
        },
    };
    let province = match province {
        Ok(province) => province,
        Err(error) => {
            writeln!(err, "{}", messages.id_error(&error))?;
            return Ok(ExitCode::from(2));
        }
    };
    let today = match today.or_else(|| Date::from_unix_ms(now_ms())) {
        Some(today) => today,
        None => return Ok(ExitCode::from(2)),
    };
    let figures = match ProvinceFigures::compute(&store, &province, year, basis, today) {
        Ok(figures) => figures,
        Err(error) => {
            writeln!(
                err,
                "{}",
                if messages.lang == Lang::Vi {
                    error.message_vi()
                } else {
                    error.message_en()
                }
            )?;
            return Ok(ExitCode::from(2));
        }
    };
    if json {
        text::write_figures_json(out, &figures)?;
    } else {
        text::write_figures(out, &messages, &figures)?;
    }
    Ok(ExitCode::SUCCESS)
}
