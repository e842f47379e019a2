//! Deterministic generated provinces for tests, end-to-end tests and benchmarks: a province's unit
//! registry, quota and catalogue choice (as a config bundle) and one ward bundle per assessed ward,
//! written exactly as ward laptops would (each ward on its own device and clock).
//!
//! - [`nghe_an_2024`] reproduces the figures reported at Nghệ An's review meeting of 18/12/2024:
//!   16 maintained wards of which 14 are expected to reach 20/20, 8 new wards against a quota of 4
//!   (exceeded by 100%) of which 7 are expected to reach 20/20, over four middle-level units. The
//!   allocation of wards to middle-level units and every detail below the headline figures are
//!   invented.
//! - [`large_province`] makes a province of any size (for example 700 wards);
//!   [`every_ward_assessed`] the same with a bundle from every ward (the benchmarks' data).
//!
//! The seed only changes details (which criteria are expected or missed, figures, evidence, action
//! items, requests, timestamps); the profile of every ward, and so the headline figures, come from
//! the [`ProvinceSpec`]. Uses the built-in draft catalogue.

pub mod country;
pub mod hostile;
pub mod years;

use crate::assessment::{
    ActionItem, ActionStatus, CriterionEntry, CriterionStatus, Evidence, Request, RequestCategory,
    Track,
};
use crate::bundle::{
    ExportedAt, HeaderInput, KeyFingerprint, Limits, SecretKey, Selection, read_bundle,
    write_bundle,
};
use crate::catalogue::{Catalogue, CatalogueError, CriterionKind};
use crate::date::Date;
use crate::ids::{BundleId, DeviceId, IdError, ItemId, UnitId};
use crate::register::EditContext;
use crate::store::{EditError, Store};
use crate::trust::TrustPolicy;
use crate::unit::{Unit, UnitKind};
use crate::version::HlcClock;

/// How a ward's assessment turns out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every criterion met.
    Complete,
    /// Every criterion met or expected, with 1 to 3 expected.
    Expected,
    /// This many criteria not met (the ward is not expected to reach 20/20).
    Missing(u8),
}

/// A ward's situation for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardProfile {
    /// Maintaining the model status recognised in `since_year`.
    Maintain {
        /// Year first recognised.
        since_year: u16,
        /// How it turns out.
        outcome: Outcome,
    },
    /// Newly building the model.
    New {
        /// How it turns out.
        outcome: Outcome,
    },
    /// Assessed but on no track.
    Untracked,
    /// No assessment this year (no ward bundle).
    NoAssessment,
}

/// A ward to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardSpec {
    /// Its id.
    pub id: String,
    /// Its name without the "Công an phường" prefix.
    pub name: String,
    /// Its situation.
    pub profile: WardProfile,
}

/// A middle-level unit and its wards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiddleSpec {
    /// Its id.
    pub id: String,
    /// Its full Vietnamese name.
    pub name_vi: String,
    /// Its wards.
    pub wards: Vec<WardSpec>,
}

/// A province to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceSpec {
    /// Seed of the details.
    pub seed: u64,
    /// The year assessed.
    pub year: u16,
    /// The province's id.
    pub province_id: String,
    /// Its full Vietnamese name.
    pub province_name: String,
    /// The Ministry's quota of new wards, if any.
    pub quota: Option<u32>,
    /// Middle-level units with their wards.
    pub middles: Vec<MiddleSpec>,
    /// Wards directly under the province.
    pub direct_wards: Vec<WardSpec>,
    /// Wall time (ms since the epoch) the province starts configuring; wards edit after it.
    pub start_ms: u64,
    /// The day figures are computed on (the review meeting).
    pub today: Date,
    /// Every criterion entry with evidence and a note (met ones too, not-met ones too), and at
    /// least one request per ward: the country's data set of full entries.
    pub full_entries: bool,
}

/// One generated ward bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardBundle {
    /// The ward.
    pub ward: UnitId,
    /// Its name.
    pub name_vi: String,
    /// The bundle file's text.
    pub json: String,
}

/// A generated province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceFixture {
    /// The province.
    pub province: UnitId,
    /// The year.
    pub year: u16,
    /// The day of the review meeting.
    pub today: Date,
    /// The province's config bundle (catalogue, units, quota, catalogue choice, and every
    /// assessed ward's key pinned), signed by the province's test key.
    pub config_bundle: String,
    /// The fingerprint of the province's test key ([`SecretKey::for_tests`] of its id): what a
    /// person confirms on the first import of the config.
    pub province_key: KeyFingerprint,
    /// One bundle per assessed ward, in registry order.
    pub ward_bundles: Vec<WardBundle>,
}

/// Why generation failed (a broken spec, for example a duplicate ward id).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FixtureError {
    /// An id in the spec is invalid.
    #[error("invalid id: {0}")]
    Id(#[from] IdError),
    /// An edit was refused.
    #[error("edit refused: {0}")]
    Edit(#[from] EditError),
    /// The built-in catalogue did not load.
    #[error("catalogue: {0}")]
    Catalogue(#[from] CatalogueError),
    /// Writing or re-reading a bundle failed.
    #[error("bundle: {0}")]
    Bundle(String),
}

impl FixtureError {
    /// The message in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            FixtureError::Id(error) => error.message_vi(),
            FixtureError::Edit(error) => error.message_vi(),
            FixtureError::Catalogue(error) => error.message_vi(),
            FixtureError::Bundle(detail) => format!("Không tạo được gói dữ liệu mẫu: {detail}."),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            FixtureError::Id(error) => error.message_en(),
            FixtureError::Edit(error) => error.message_en(),
            FixtureError::Catalogue(error) => error.message_en(),
            FixtureError::Bundle(detail) => format!("Could not make a sample bundle: {detail}."),
        }
    }
}

/// SplitMix64: a tiny deterministic generator (no `rand`, no entropy).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 { 0 } else { self.next() % bound }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }

    /// `count` distinct indexes below `bound`.
    fn distinct(&mut self, count: usize, bound: usize) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count.min(bound) {
            let candidate = usize::try_from(self.below(bound as u64)).unwrap_or(0);
            if !chosen.contains(&candidate) {
                chosen.push(candidate);
            }
        }
        chosen.sort_unstable();
        chosen
    }
}

const OFFICERS: [&str; 10] = [
    "Đ/c Nguyễn Văn Hùng",
    "Đ/c Trần Thị Lan",
    "Đ/c Lê Quang Minh",
    "Đ/c Phạm Đức Thắng",
    "Đ/c Hoàng Thị Hà",
    "Đ/c Võ Văn Tâm",
    "Đ/c Đặng Minh Tuấn",
    "Đ/c Bùi Thị Hương",
    "Đ/c Đỗ Văn Sơn",
    "Đ/c Hồ Thị Thu",
];

fn ward(id: &str, name: &str, profile: WardProfile) -> WardSpec {
    WardSpec {
        id: id.to_string(),
        name: name.to_string(),
        profile,
    }
}

/// The spec of the Nghệ An 2024 fixture.
pub fn nghe_an_2024_spec(seed: u64) -> ProvinceSpec {
    use Outcome::{Complete, Expected, Missing};
    let maintain = |outcome| WardProfile::Maintain {
        since_year: 2023,
        outcome,
    };
    let new = |outcome| WardProfile::New { outcome };
    ProvinceSpec {
        seed,
        year: 2024,
        province_id: "na".to_string(),
        province_name: "Công an tỉnh Nghệ An".to_string(),
        quota: Some(4),
        middles: vec![
            MiddleSpec {
                id: "na-vinh".to_string(),
                name_vi: "Công an thành phố Vinh".to_string(),
                wards: vec![
                    ward("na-vinh-le-mao", "Lê Mao", maintain(Complete)),
                    ward("na-vinh-hung-binh", "Hưng Bình", maintain(Complete)),
                    ward("na-vinh-quang-trung", "Quang Trung", maintain(Expected)),
                    ward("na-vinh-truong-thi", "Trường Thi", maintain(Complete)),
                    ward("na-vinh-hong-son", "Hồng Sơn", maintain(Expected)),
                    ward("na-vinh-cua-nam", "Cửa Nam", maintain(Missing(1))),
                    ward("na-vinh-doi-cung", "Đội Cung", maintain(Complete)),
                    ward("na-vinh-le-loi", "Lê Lợi", maintain(Expected)),
                    ward("na-vinh-hung-phuc", "Hưng Phúc", maintain(Complete)),
                    ward("na-vinh-ha-huy-tap", "Hà Huy Tập", maintain(Expected)),
                    ward("na-vinh-dong-vinh", "Đông Vĩnh", new(Expected)),
                    ward("na-vinh-quan-bau", "Quán Bàu", new(Complete)),
                    ward("na-vinh-trung-do", "Trung Đô", new(Expected)),
                ],
            },
            MiddleSpec {
                id: "na-cua-lo".to_string(),
                name_vi: "Công an thị xã Cửa Lò".to_string(),
                wards: vec![
                    ward("na-cua-lo-nghi-thuy", "Nghi Thủy", maintain(Complete)),
                    ward("na-cua-lo-nghi-tan", "Nghi Tân", maintain(Expected)),
                    ward("na-cua-lo-thu-thuy", "Thu Thủy", maintain(Missing(2))),
                    ward("na-cua-lo-nghi-hoa", "Nghi Hòa", maintain(Complete)),
                    ward("na-cua-lo-nghi-hai", "Nghi Hải", new(Expected)),
                    ward("na-cua-lo-nghi-huong", "Nghi Hương", new(Missing(1))),
                ],
            },
            MiddleSpec {
                id: "na-hoang-mai".to_string(),
                name_vi: "Công an thị xã Hoàng Mai".to_string(),
                wards: vec![
                    ward(
                        "na-hoang-mai-quynh-thien",
                        "Quỳnh Thiện",
                        maintain(Expected),
                    ),
                    ward("na-hoang-mai-mai-hung", "Mai Hùng", maintain(Complete)),
                    ward("na-hoang-mai-quynh-di", "Quỳnh Dị", new(Complete)),
                    ward("na-hoang-mai-quynh-phuong", "Quỳnh Phương", new(Expected)),
                ],
            },
            MiddleSpec {
                id: "na-thai-hoa".to_string(),
                name_vi: "Công an thị xã Thái Hòa".to_string(),
                wards: vec![ward("na-thai-hoa-hoa-hieu", "Hòa Hiếu", new(Expected))],
            },
        ],
        direct_wards: Vec::new(),
        // 2024-11-01 08:00 (UTC+7).
        start_ms: 1_730_422_800_000,
        today: Date::literal(2024, 12, 18),
        full_entries: false,
    }
}

/// The Nghệ An 2024 fixture (see the module docs).
pub fn nghe_an_2024(seed: u64) -> Result<ProvinceFixture, FixtureError> {
    generate(&nghe_an_2024_spec(seed))
}

/// The spec of a large province: `wards` wards in middle-level units of about 20 (a tenth directly
/// under the province); most maintain, some are new, a few are untracked or not assessed.
pub fn large_province_spec(seed: u64, wards: usize) -> ProvinceSpec {
    let mut rng = Rng(seed ^ 0x5eed);
    let mut middles: Vec<MiddleSpec> = Vec::new();
    let mut direct = Vec::new();
    let mut new_count = 0u32;
    for number in 1..=wards {
        let roll = rng.below(100);
        let outcome = match rng.below(10) {
            0..=3 => Outcome::Complete,
            4..=7 => Outcome::Expected,
            _ => Outcome::Missing(u8::try_from(1 + rng.below(3)).unwrap_or(1)),
        };
        let profile = match roll {
            0..=64 => WardProfile::Maintain {
                since_year: 2023,
                outcome,
            },
            65..=84 => {
                new_count += 1;
                WardProfile::New { outcome }
            }
            85..=94 => WardProfile::Untracked,
            _ => WardProfile::NoAssessment,
        };
        let spec = ward(
            &format!("lg-w{number:04}"),
            &format!("Số {number}"),
            profile,
        );
        if number.is_multiple_of(10) {
            direct.push(spec);
        } else {
            let middle_number = (number - 1) / 20 + 1;
            if middles
                .last()
                .is_none_or(|middle| middle.id != format!("lg-m{middle_number:03}"))
            {
                middles.push(MiddleSpec {
                    id: format!("lg-m{middle_number:03}"),
                    name_vi: format!("Công an quận {middle_number}"),
                    wards: Vec::new(),
                });
            }
            if let Some(middle) = middles.last_mut() {
                middle.wards.push(spec);
            }
        }
    }
    ProvinceSpec {
        seed,
        year: 2024,
        province_id: "lg".to_string(),
        province_name: "Công an tỉnh Mẫu Lớn".to_string(),
        quota: Some(new_count.div_ceil(2)),
        middles,
        direct_wards: direct,
        start_ms: 1_730_422_800_000,
        today: Date::literal(2024, 12, 18),
        full_entries: false,
    }
}

/// A large province (see [`large_province_spec`]).
pub fn large_province(seed: u64, wards: usize) -> Result<ProvinceFixture, FixtureError> {
    generate(&large_province_spec(seed, wards))
}

/// The spec of a large province in which every ward sent its bundle: [`large_province_spec`]
/// with the wards that had no assessment maintaining the model instead. Benchmarks use it for the
/// country's 700 wards, and for its 3,300 communes and wards (the all-communes case), so every
/// unit carries all 20 criteria with evidence, action items and requests.
pub fn every_ward_assessed_spec(seed: u64, wards: usize) -> ProvinceSpec {
    let mut spec = large_province_spec(seed, wards);
    let all = spec
        .middles
        .iter_mut()
        .flat_map(|middle| middle.wards.iter_mut())
        .chain(spec.direct_wards.iter_mut());
    for ward in all {
        if ward.profile == WardProfile::NoAssessment {
            ward.profile = WardProfile::Maintain {
                since_year: 2023,
                outcome: Outcome::Expected,
            };
        }
    }
    spec
}

/// A large province in which every ward sent its bundle (see [`every_ward_assessed_spec`]).
pub fn every_ward_assessed(seed: u64, wards: usize) -> Result<ProvinceFixture, FixtureError> {
    generate(&every_ward_assessed_spec(seed, wards))
}

fn bundle_error(detail: impl std::fmt::Display) -> FixtureError {
    FixtureError::Bundle(detail.to_string())
}

fn iso_time(ms: u64) -> String {
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

/// Generates a province: the config bundle and one bundle per assessed ward.
pub fn generate(spec: &ProvinceSpec) -> Result<ProvinceFixture, FixtureError> {
    let mut rng = Rng(spec.seed);
    let catalogue = Catalogue::builtin_draft()?;
    let province = UnitId::new(spec.province_id.clone())?;
    let province_device = DeviceId::new(format!("tinh-{}", spec.province_id))?;
    let mut clock = HlcClock::new(province_device.clone());
    let mut now = spec.start_ms;
    let mut context = |clock: &mut HlcClock, author: &str| {
        now += 1_000;
        EditContext::new(clock.tick(now), author)
    };
    let mut store = Store::new();
    store.add_catalogue(catalogue.clone())?;
    let admin = "Phòng Tham mưu";
    store.upsert_unit(
        &context(&mut clock, admin),
        Unit {
            id: province.clone(),
            code: None,
            name_vi: spec.province_name.clone(),
            kind: UnitKind::Province,
            parent: None,
            attachment_limits: None,
        },
    )?;
    let mut wards: Vec<(WardSpec, UnitId)> = Vec::new();
    for middle in &spec.middles {
        let middle_id = UnitId::new(middle.id.clone())?;
        store.upsert_unit(
            &context(&mut clock, admin),
            Unit {
                id: middle_id.clone(),
                code: None,
                name_vi: middle.name_vi.clone(),
                kind: UnitKind::Middle,
                parent: Some(province.clone()),
                attachment_limits: None,
            },
        )?;
        for ward in &middle.wards {
            wards.push((ward.clone(), middle_id.clone()));
        }
    }
    for ward in &spec.direct_wards {
        wards.push((ward.clone(), province.clone()));
    }
    for (ward, parent) in &wards {
        store.upsert_unit(
            &context(&mut clock, admin),
            Unit {
                id: UnitId::new(ward.id.clone())?,
                code: None,
                name_vi: format!("Công an phường {}", ward.name),
                kind: UnitKind::Ward,
                parent: Some(parent.clone()),
                attachment_limits: None,
            },
        )?;
    }
    if let Some(quota) = spec.quota {
        store.set_quota(&context(&mut clock, admin), &province, spec.year, quota)?;
    }
    store.set_year_catalogue(
        &context(&mut clock, admin),
        &province,
        spec.year,
        &catalogue.id,
    )?;
    // The province pins every ward's (test) key and its own, and lists them in its config.
    let province_secret = SecretKey::for_tests(province.as_str());
    let province_key = province_secret.public_key().fingerprint();
    store.pin_key(&province, province_key.clone());
    for (ward, _) in &wards {
        let ward_id = UnitId::new(ward.id.clone())?;
        let fingerprint = SecretKey::for_tests(ward_id.as_str())
            .public_key()
            .fingerprint();
        store.pin_key(&ward_id, fingerprint);
    }
    let config_at = context(&mut clock, admin).at;
    let config_header = HeaderInput {
        app_version: "fixtures".to_string(),
        bundle_id: BundleId::new(format!(
            "cfg-{}-{}-{}",
            spec.province_id, spec.year, spec.seed
        ))?,
        exported_at: ExportedAt {
            text: iso_time(config_at.wall_ms),
            hlc: config_at,
        },
        device_id: province_device,
        unit_id: province.clone(),
    };
    let config_bundle = signed(
        &write_bundle(&store, &Selection::Config(province.clone()), &config_header)
            .map_err(bundle_error)?,
        &province_secret,
    )?;
    // Every ward starts from the configuration its laptop imported.
    let configured =
        read_bundle(config_bundle.as_bytes(), &Limits::default()).map_err(|problems| {
            bundle_error(
                problems
                    .first()
                    .map(|problem| problem.message_en())
                    .unwrap_or_default(),
            )
        })?;
    let mut ward_start = Store::new();
    let confirmed = TrustPolicy::new().confirming(province.clone(), province_key.clone());
    ward_start
        .import_bundle(&configured, &confirmed)
        .map_err(|problems| bundle_error(problems.len()))?;

    let mut ward_bundles = Vec::new();
    for (index, (ward, _)) in wards.iter().enumerate() {
        let (track, outcome) = match ward.profile {
            WardProfile::Maintain {
                since_year,
                outcome,
            } => (Track::Maintain { since_year }, Some(outcome)),
            WardProfile::New { outcome } => (Track::New, Some(outcome)),
            WardProfile::Untracked => (Track::None, None),
            WardProfile::NoAssessment => continue,
        };
        let ward_id = UnitId::new(ward.id.clone())?;
        let device = DeviceId::new(format!("may-{}", ward.id))?;
        let mut ward_clock = HlcClock::new(device.clone());
        let mut ward_now = spec.start_ms + 86_400_000 + (index as u64) * 600_000;
        let author = *rng.pick(&OFFICERS);
        let mut tick = |clock: &mut HlcClock| {
            ward_now += 1_000 + jitter(ward_now);
            EditContext::new(clock.tick(ward_now), author)
        };
        let mut ward_store = ward_start.clone();
        let key = ward_store.start_assessment(
            &tick(&mut ward_clock),
            &ward_id,
            spec.year,
            &catalogue.id,
            track,
        )?;
        let statuses = statuses_for(&mut rng, &catalogue, outcome);
        for (criterion, status) in catalogue.criteria().zip(statuses.iter()) {
            let entry = entry_for(
                &mut rng,
                criterion,
                *status,
                &ward.name,
                (spec.year, &spec.today),
                spec.full_entries,
            )?;
            ward_store.set_criterion(&tick(&mut ward_clock), &key, &criterion.id, entry)?;
            if !matches!(status, CriterionStatus::Met) {
                let item = action_for(
                    &mut rng,
                    criterion,
                    *status,
                    &ward.id,
                    spec.year,
                    &spec.today,
                )?;
                ward_store.add_item(&tick(&mut ward_clock), &key, item)?;
            }
        }
        for number in 0..rng.below(3) + u64::from(spec.full_entries) {
            let request = request_for(&mut rng, &ward.id, number)?;
            ward_store.add_item(&tick(&mut ward_clock), &key, request)?;
        }
        let at = tick(&mut ward_clock).at;
        let header = HeaderInput {
            app_version: "fixtures".to_string(),
            bundle_id: BundleId::new(format!("ward-{}-{}-{}", ward.id, spec.year, spec.seed))?,
            exported_at: ExportedAt {
                text: iso_time(at.wall_ms),
                hlc: at,
            },
            device_id: device,
            unit_id: ward_id.clone(),
        };
        let json = signed(
            &write_bundle(&ward_store, &Selection::Ward(ward_id.clone()), &header)
                .map_err(bundle_error)?,
            &SecretKey::for_tests(ward_id.as_str()),
        )?;
        ward_bundles.push(WardBundle {
            ward: ward_id,
            name_vi: format!("Công an phường {}", ward.name),
            json,
        });
    }
    Ok(ProvinceFixture {
        province,
        year: spec.year,
        today: spec.today,
        config_bundle,
        province_key,
        ward_bundles,
    })
}

/// A written bundle signed by `key`.
fn signed(json: &str, key: &SecretKey) -> Result<String, FixtureError> {
    let mut bundle = read_bundle(json.as_bytes(), &Limits::default()).map_err(|problems| {
        bundle_error(
            problems
                .first()
                .map(|problem| problem.message_en())
                .unwrap_or_default(),
        )
    })?;
    bundle.sign_with(key).map_err(bundle_error)?;
    bundle.to_json().map_err(bundle_error)
}

/// The decisions of a person who says yes to whatever `bundle` asks: its key confirmed for its
/// unit, or its unsigned file accepted; no clock. The scope rules still apply. For tests whose
/// subject is merging, not trust; never for real imports.
pub fn accepting(bundle: &crate::bundle::Bundle) -> TrustPolicy {
    let unit = bundle.header.unit_id.clone();
    match bundle.signature() {
        Some(signature) => TrustPolicy::new().confirming(unit, signature.fingerprint()),
        None => TrustPolicy::new().allowing_unsigned(unit),
    }
}

/// Importing as a person who says yes to whatever the file asks ([`accepting`]): for tests whose
/// subject is merging, not trust.
pub trait ImportAccepting {
    /// [`Store::import_bundle`] under [`accepting`]`(bundle)`.
    fn import_accepting(
        &mut self,
        bundle: &crate::bundle::Bundle,
    ) -> Result<crate::merge::ImportReport, Vec<crate::bundle::Problem>>;
}

impl ImportAccepting for Store {
    fn import_accepting(
        &mut self,
        bundle: &crate::bundle::Bundle,
    ) -> Result<crate::merge::ImportReport, Vec<crate::bundle::Problem>> {
        self.import_bundle(bundle, &accepting(bundle))
    }
}

/// The trust a provincial office gives the fixture: the province's key confirmed (by phone, in
/// real life) on the config's first import; the wards' keys come pinned in the config.
pub fn trust(fixture: &ProvinceFixture) -> TrustPolicy {
    TrustPolicy::new().confirming(fixture.province.clone(), fixture.province_key.clone())
}

fn jitter(now: u64) -> u64 {
    (now / 7) % 500
}

fn statuses_for(
    rng: &mut Rng,
    catalogue: &Catalogue,
    outcome: Option<Outcome>,
) -> Vec<CriterionStatus> {
    let total = catalogue.criteria_count();
    let mut statuses = vec![CriterionStatus::Met; total];
    let expected_count = match outcome {
        Some(Outcome::Complete) => 0,
        Some(Outcome::Expected) => 1 + rng.below(3) as usize,
        Some(Outcome::Missing(_)) | None => rng.below(3) as usize,
    };
    let missing_count = match outcome {
        Some(Outcome::Missing(count)) => usize::from(count),
        None => rng.below(4) as usize,
        _ => 0,
    };
    for position in rng
        .distinct(expected_count + missing_count, total)
        .into_iter()
        .enumerate()
    {
        let (order, criterion) = position;
        statuses[criterion] = if order < missing_count {
            CriterionStatus::NotMet
        } else {
            CriterionStatus::Expected
        };
    }
    statuses
}

fn day_in_year(rng: &mut Rng, year: u16, before: &Date) -> Date {
    let start = Date::new(u32::from(year), 1, 15).unwrap_or(*before);
    let span = start.days_until(before).max(1);
    start
        .add_days(i64::try_from(rng.below(u64::try_from(span).unwrap_or(1))).unwrap_or(0))
        .unwrap_or(start)
}

fn entry_for(
    rng: &mut Rng,
    criterion: &crate::catalogue::Criterion,
    status: CriterionStatus,
    ward_name: &str,
    (year, today): (u16, &Date),
    full: bool,
) -> Result<CriterionEntry, FixtureError> {
    let figure = match criterion.kind {
        CriterionKind::Boolean => None,
        CriterionKind::Percent => {
            let floor = if status == CriterionStatus::Met {
                900
            } else {
                600
            };
            Some((floor + rng.below(1001 - floor)) as f64 / 10.0)
        }
        CriterionKind::Count => Some((1 + rng.below(30)) as f64),
    };
    let mut evidence = Vec::new();
    if full || status != CriterionStatus::NotMet {
        for number in 0..1 + rng.below(2) {
            evidence.push(Evidence {
                id: ItemId::new(format!("ev-{}-{number}", criterion.id))?,
                doc_number: format!("{}/KH-CAP", 10 + rng.below(190)),
                date: Some(day_in_year(rng, year, today)),
                issuer: if rng.below(2) == 0 {
                    format!("Công an phường {ward_name}")
                } else {
                    format!("UBND phường {ward_name}")
                },
                description: format!("Minh chứng cho tiêu chí {}", criterion.id),
                attachments: Vec::new(),
            });
        }
    }
    let note = match status {
        CriterionStatus::Expected => "Dự kiến hoàn thành trước ngày 31/12.".to_string(),
        CriterionStatus::NotMet => "Còn thiếu, đã có kế hoạch khắc phục.".to_string(),
        _ if full => format!(
            "Đã đạt theo kết quả tự kiểm tra của Công an phường {ward_name}, hồ sơ lưu tại đơn vị."
        ),
        _ => String::new(),
    };
    Ok(CriterionEntry {
        status,
        figure,
        evidence,
        note,
    })
}

fn action_for(
    rng: &mut Rng,
    criterion: &crate::catalogue::Criterion,
    status: CriterionStatus,
    ward_id: &str,
    year: u16,
    today: &Date,
) -> Result<ActionItem, FixtureError> {
    let deadline_offset = i64::try_from(rng.below(60)).unwrap_or(0) - 20;
    let deadline = today
        .add_days(deadline_offset)
        .filter(|date| date.year() >= year);
    Ok(ActionItem {
        id: ItemId::new(format!("act-{ward_id}-{}", criterion.id))?,
        criterion: Some(criterion.id.clone()),
        task: if status == CriterionStatus::NotMet {
            format!(
                "Khắc phục tiêu chí {}: bổ sung hồ sơ, cơ sở vật chất còn thiếu",
                criterion.id
            )
        } else {
            format!("Hoàn thiện tiêu chí {} trước khi họp xét", criterion.id)
        },
        owner: rng.pick(&OFFICERS).to_string(),
        deadline,
        status: if rng.below(5) == 0 {
            ActionStatus::Done
        } else {
            ActionStatus::Open
        },
    })
}

fn request_for(rng: &mut Rng, ward_id: &str, number: u64) -> Result<Request, FixtureError> {
    let choices: [(RequestCategory, &str, &str, u64); 6] = [
        (
            RequestCategory::Staffing,
            "Bổ sung cán bộ Cảnh sát khu vực",
            "người",
            3,
        ),
        (
            RequestCategory::Premises,
            "Cải tạo trụ sở làm việc",
            "triệu đồng",
            900,
        ),
        (
            RequestCategory::Facilities,
            "Sửa chữa phòng tiếp công dân",
            "triệu đồng",
            200,
        ),
        (
            RequestCategory::Funding,
            "Kinh phí xây dựng mô hình",
            "triệu đồng",
            300,
        ),
        (
            RequestCategory::Equipment,
            "Cấp máy tính, camera giám sát",
            "bộ",
            10,
        ),
        (
            RequestCategory::Vehicles,
            "Cấp xe mô tô tuần tra",
            "chiếc",
            4,
        ),
    ];
    let (category, description, unit_label, max) = *rng.pick(&choices);
    Ok(Request {
        id: ItemId::new(format!("req-{ward_id}-{number}"))?,
        category,
        description: description.to_string(),
        quantity: Some((1 + rng.below(max)) as f64),
        unit_label: unit_label.to_string(),
    })
}

/// Merges a fixture into a new store the way a provincial office would: the config bundle, then
/// every ward bundle in the given order (indexes into `ward_bundles`).
pub fn merge_in_order(fixture: &ProvinceFixture, order: &[usize]) -> Result<Store, FixtureError> {
    let limits = Limits::default();
    let mut store = Store::new();
    let first_problem = |problems: Vec<crate::bundle::Problem>| {
        bundle_error(
            problems
                .first()
                .map(|problem| problem.message_en())
                .unwrap_or_default(),
        )
    };
    let config = read_bundle(fixture.config_bundle.as_bytes(), &limits).map_err(first_problem)?;
    let policy = trust(fixture);
    store
        .import_bundle(&config, &policy)
        .map_err(first_problem)?;
    for position in order {
        let ward = fixture
            .ward_bundles
            .get(*position)
            .ok_or_else(|| bundle_error(format!("no ward bundle {position}")))?;
        let bundle = read_bundle(ward.json.as_bytes(), &limits).map_err(first_problem)?;
        store
            .import_bundle(&bundle, &policy)
            .map_err(first_problem)?;
    }
    Ok(store)
}

/// Merges a fixture's config bundle and every ward bundle, in order.
pub fn merged_store(fixture: &ProvinceFixture) -> Result<Store, FixtureError> {
    let order: Vec<usize> = (0..fixture.ward_bundles.len()).collect();
    merge_in_order(fixture, &order)
}

/// The province's merged bundle, signed by the province's test key, as its office would send it
/// up: every file of the fixture merged, exported at the latest edit, by the device that made it.
pub fn province_bundle(fixture: &ProvinceFixture) -> Result<String, FixtureError> {
    province_bundle_of(fixture, &merged_store(fixture)?, "")
}

/// As [`province_bundle`], of `merged` (the fixture's store after a province laptop's edits), its
/// bundle id ending in `suffix`.
pub fn province_bundle_of(
    fixture: &ProvinceFixture,
    merged: &Store,
    suffix: &str,
) -> Result<String, FixtureError> {
    let latest = merged
        .latest_timestamp()
        .ok_or_else(|| bundle_error("no edit to date the export by"))?;
    let header = HeaderInput {
        app_version: "fixtures".to_string(),
        bundle_id: BundleId::new(format!(
            "tinh-{}-{}{suffix}",
            fixture.province, fixture.year
        ))?,
        exported_at: ExportedAt {
            text: iso_time(latest.wall_ms),
            hlc: latest.clone(),
        },
        device_id: latest.device.clone(),
        unit_id: fixture.province.clone(),
    };
    let json = write_bundle(
        merged,
        &Selection::Province(fixture.province.clone()),
        &header,
    )
    .map_err(bundle_error)?;
    signed(&json, &SecretKey::for_tests(fixture.province.as_str()))
}
