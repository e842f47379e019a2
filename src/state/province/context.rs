//! The province workspace's context: the office profile as loaded, and the dashboard's choices
//! (province, year, basis, filters) shared by the dashboard, the report and the outputs, so the
//! report prints what the dashboard shows. Also the import job, which outlives the import screen.

use std::sync::Arc;

use leptos::prelude::*;
use pkm_core::dashboard::{self, DashboardFilter};
use pkm_core::figures::FiguresError;
use pkm_core::figures::country::{self, CountryFigures};
use pkm_core::{Basis, Date, ProvinceFigures, Store, UnitId, UnitRegistry};

use super::import_job::ImportJob;
use super::profile::OfficeProfile;
use super::time;
use crate::state::{Session, StorageError};

/// The profile's choice of the whole country (the level above the provinces): not a unit id
/// (ids have no `*`), so the screens that need one province take the first meanwhile.
pub const COUNTRY: &str = "*";

/// From how many provinces with assessed units the dashboard opens on the whole country when
/// no province is chosen. A province's store may hold a second province's units (a laptop that
/// was a ward's too, a file sent to the wrong office): with two it opens on the first province,
/// as before, and offers the whole country in the province box.
pub const COUNTRY_FROM: usize = 3;

/// Shared state of the province screens.
#[derive(Clone, Copy)]
pub struct ProvinceContext {
    /// The office profile (saved by the setup screen).
    pub profile: RwSignal<OfficeProfile>,
    /// The chosen year (`None`: the default year of the chosen province).
    pub year: RwSignal<Option<u16>>,
    /// Self-assessed or after review.
    pub basis: RwSignal<Basis>,
    /// Track and parent filters.
    pub filter: RwSignal<DashboardFilter>,
    /// The batch import (lives while the workspace is open).
    pub job: ImportJob,
}

impl ProvinceContext {
    /// The province this office works for: the profile's, when it is a province in the registry;
    /// otherwise the first province of the registry.
    pub fn province(&self, store: &Store) -> Option<UnitId> {
        let provinces = dashboard::provinces(store);
        let chosen = self.profile.with(|profile| profile.province.clone());
        chosen
            .and_then(|chosen| {
                provinces
                    .iter()
                    .find(|(id, _)| id.as_str() == chosen)
                    .map(|(id, _)| id.clone())
            })
            .or_else(|| provinces.first().map(|(id, _)| id.clone()))
    }

    /// Whether the dashboard shows the whole country: chosen in the profile, or nothing chosen
    /// and the store holds assessed units of at least [`COUNTRY_FROM`] provinces (the level
    /// above the provinces after importing their bundles). `registry` is the store's.
    pub fn is_country(&self, store: &Store, registry: &UnitRegistry) -> bool {
        let chosen = self.profile.with(|profile| profile.province.clone());
        match chosen.as_deref() {
            Some(COUNTRY) => true,
            Some(_) => false,
            None => country::assessed_provinces(store, registry) >= COUNTRY_FROM,
        }
    }

    /// The year the country's figures show: the chosen one, or the newest assessed year.
    pub fn country_year(&self, store: &Store) -> u16 {
        self.year.get().unwrap_or_else(|| {
            country::country_years(store)
                .first()
                .copied()
                .unwrap_or_else(time::current_year)
        })
    }

    /// The country's figures when the dashboard shows the whole country, else `None`
    /// (reactive, as [`ProvinceContext::view`]); shared, not copied, by the screen's memos.
    pub fn country_view(&self, session: &Session) -> Option<Arc<CountryFigures>> {
        let basis = self.basis.get();
        session.read(|store| {
            let registry = store.registry();
            if !self.is_country(store, &registry) {
                return None;
            }
            let year = self.country_year(store);
            let today = time::today()?;
            let figures = CountryFigures::compute_in(store, &registry, year, basis, today);
            Some(Arc::new(figures))
        })
    }

    /// Chooses the province `id` (its own dashboard, from the country's): kept for this visit
    /// at once, then stored in the profile; the error says why storing failed.
    pub async fn choose(&self, session: &Session, id: String) -> Result<(), StorageError> {
        self.profile.update(|profile| profile.province = Some(id));
        self.year.set(None);
        self.filter.set(DashboardFilter::default());
        let value = self.profile.get_untracked();
        super::profile::save(session.db(), &value).await
    }

    /// The year shown: the chosen one, or the province's default. `registry` is the store's.
    pub fn year_for(&self, store: &Store, registry: &UnitRegistry, province: &UnitId) -> u16 {
        self.year.get().unwrap_or_else(|| {
            dashboard::default_year(store, registry, province, time::current_year())
        })
    }

    /// What the dashboard shows, computed from the session's store (reactive: tracks the store,
    /// the profile and every choice). `filtered`: apply the track and parent filters.
    pub fn view(&self, session: &Session, filtered: bool) -> Option<DashboardView> {
        let basis = self.basis.get();
        let filter = if filtered {
            self.filter.get()
        } else {
            DashboardFilter::default()
        };
        session.read(|store| {
            let province = self.province(store)?;
            // Built once for all the questions below (each used to build its own).
            let registry = store.registry();
            let year = self.year_for(store, &registry, &province);
            let today = time::today()?;
            let figures = dashboard::filtered_figures(
                store, &registry, &province, year, basis, today, &filter,
            )
            .map(Arc::new);
            Some(DashboardView {
                province,
                year,
                today,
                figures,
            })
        })
    }
}

/// The figures the dashboard (or the report) shows.
#[derive(Clone, Debug, PartialEq)]
pub struct DashboardView {
    /// The province.
    pub province: UnitId,
    /// The year.
    pub year: u16,
    /// Today (for overdue items).
    pub today: Date,
    /// The figures, or why they cannot be computed. Shared: the screens' memos pass them on
    /// without copying the 700 wards' rows.
    pub figures: Result<Arc<ProvinceFigures>, FiguresError>,
}

/// Provides the context with the loaded profile.
pub fn provide_province_context(profile: OfficeProfile) -> ProvinceContext {
    let context = ProvinceContext {
        profile: RwSignal::new(profile),
        year: RwSignal::new(None),
        basis: RwSignal::new(Basis::SelfAssessed),
        filter: RwSignal::new(DashboardFilter::default()),
        job: ImportJob::new(),
    };
    provide_context(context);
    context
}

/// The province context provided by the province layout.
pub fn use_province() -> ProvinceContext {
    expect_context::<ProvinceContext>()
}
