//! Native benchmarks of the core (divan): reading a bundle (parse, every check, the digest),
//! merging the wards' bundles into a province's store, and the meeting's figures, for a province
//! of 700 wards (every ward in the country) and of 3,300 units (every commune and ward).
//!
//! Run by `scripts/bench.sh` (`cargo bench -p pkm-core --bench core`), never by the tests; the
//! target compiles everywhere (`cargo clippy --all-targets`) and measures natively only.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use std::sync::OnceLock;

    use divan::Bencher;
    use pkm_core::bundle::Selection;
    use pkm_core::fixtures::{self, ProvinceFixture};
    use pkm_core::{
        Basis, Bundle, BundleId, DeviceId, ExportedAt, HeaderInput, Limits, ProvinceFigures, Store,
        read_bundle, write_bundle,
    };

    /// The sizes measured: the country's wards, and every commune and ward.
    const SIZES: [usize; 2] = [700, 3300];
    const SEED: u64 = 2025;

    struct Data {
        fixture: ProvinceFixture,
        config: Bundle,
        wards: Vec<Bundle>,
        merged: Store,
        province_bundle: String,
    }

    fn data(units: usize) -> &'static Data {
        static SMALL: OnceLock<Data> = OnceLock::new();
        static LARGE: OnceLock<Data> = OnceLock::new();
        let cell = if units == SIZES[0] { &SMALL } else { &LARGE };
        cell.get_or_init(|| {
            let fixture =
                fixtures::every_ward_assessed(SEED, units).expect("the fixture generates");
            let limits = Limits::default();
            let config = read_bundle(fixture.config_bundle.as_bytes(), &limits)
                .expect("the config bundle reads");
            let wards = fixture
                .ward_bundles
                .iter()
                .map(|ward| read_bundle(ward.json.as_bytes(), &limits).expect("a ward reads"))
                .collect();
            let merged = fixtures::merged_store(&fixture).expect("the fixture merges");
            let latest = merged.latest_timestamp().expect("edits have timestamps");
            let header = HeaderInput {
                app_version: "bench".into(),
                bundle_id: BundleId::new("bench-province").expect("a valid id"),
                exported_at: ExportedAt {
                    text: "2024-12-18T08:00:00Z".into(),
                    hlc: latest.clone(),
                },
                device_id: DeviceId::new(latest.device.as_str()).expect("a valid id"),
                unit_id: fixture.province.clone(),
            };
            let province_bundle = write_bundle(
                &merged,
                &Selection::Province(fixture.province.clone()),
                &header,
            )
            .expect("the province bundle writes");
            Data {
                fixture,
                config,
                wards,
                merged,
                province_bundle,
            }
        })
    }

    /// Reads one ward's bundle: parse, every check, the canonical digest.
    #[divan::bench]
    fn read_one_ward_bundle(bencher: Bencher) {
        let data = data(SIZES[0]);
        let bytes = data.fixture.ward_bundles[0].json.as_bytes();
        bencher
            .counter(divan::counter::BytesCount::new(bytes.len()))
            .bench(|| read_bundle(divan::black_box(bytes), &Limits::default()));
    }

    /// Reads every ward's bundle.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn read_every_ward_bundle(bencher: Bencher, units: usize) {
        let data = data(units);
        bencher.bench(|| {
            data.fixture
                .ward_bundles
                .iter()
                .map(|ward| read_bundle(ward.json.as_bytes(), &Limits::default()).is_ok())
                .filter(|ok| *ok)
                .count()
        });
    }

    /// Reads the one merged province bundle that holds every ward, under the default limits
    /// (since issue 28 they admit the whole country's bundle).
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn read_merged_province_bundle(bencher: Bencher, units: usize) {
        let data = data(units);
        let bytes = data.province_bundle.as_bytes();
        let limits = Limits::default();
        if let Err(problems) = read_bundle(bytes, &limits) {
            panic!("the merged bundle of {units} units reads: {problems:?}");
        }
        bencher
            .counter(divan::counter::BytesCount::new(bytes.len()))
            .bench(|| read_bundle(divan::black_box(bytes), &limits));
    }

    /// Merges the config bundle and every ward's (already read) bundle into an empty store.
    #[divan::bench(args = SIZES, sample_count = 10)]
    fn merge_every_ward_bundle(bencher: Bencher, units: usize) {
        let data = data(units);
        // The province's key confirmed once; the wards' keys come pinned in its config.
        let policy = pkm_core::fixtures::accepting(&data.config);
        bencher.bench(|| {
            let mut store = Store::new();
            store
                .import_bundle(&data.config, &policy)
                .expect("the config imports");
            for ward in &data.wards {
                store.import_bundle(ward, &policy).expect("a ward imports");
            }
            store
        });
    }

    /// The province's figures for the meeting, over every assessed unit.
    #[divan::bench(args = SIZES, sample_count = 20)]
    fn province_figures(bencher: Bencher, units: usize) {
        let data = data(units);
        bencher.bench(|| {
            ProvinceFigures::compute(
                &data.merged,
                &data.fixture.province,
                data.fixture.year,
                Basis::SelfAssessed,
                data.fixture.today,
            )
            .expect("figures compute")
        });
    }
}
