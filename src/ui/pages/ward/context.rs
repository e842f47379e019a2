//! The ward workspace's context: the profile (which ward, which officer, which year) and what
//! follows from it.

use leptos::prelude::*;
use pkm_core::{AssessmentKey, UnitId};

use crate::platform::clock;
use crate::state::ward::{self, WardProfile};
use crate::state::{Session, SessionError, use_session};

/// Shared by every ward page.
#[derive(Clone, Copy)]
pub struct WardContext {
    /// The stored profile.
    pub profile: RwSignal<WardProfile>,
    session: StoredValue<Session>,
}

/// The ward context provided by the ward workspace.
pub fn use_ward() -> WardContext {
    expect_context::<WardContext>()
}

impl WardContext {
    /// Provides the context for the ward pages.
    pub fn provide(profile: WardProfile) -> WardContext {
        let context = WardContext {
            profile: RwSignal::new(profile),
            session: StoredValue::new(use_session()),
        };
        provide_context(context);
        context
    }

    /// The session.
    pub fn session(&self) -> Session {
        self.session.get_value()
    }

    /// The ward, once chosen.
    pub fn ward(&self) -> Option<UnitId> {
        self.profile.with(|profile| profile.unit.clone())
    }

    /// The year worked on (this year unless another was chosen).
    pub fn year(&self) -> u16 {
        ward::working_year(
            self.profile.with(|profile| profile.year),
            clock::current_year,
        )
    }

    /// The assessment key of the ward and year.
    pub fn key(&self) -> Option<AssessmentKey> {
        self.ward()
            .map(|ward| ward::assessment_key(&ward, self.year()))
    }

    /// "Công an phường … · Công an thành phố … · Công an tỉnh …" (reactive).
    pub fn unit_line(&self) -> String {
        let Some(ward) = self.ward() else {
            return String::new();
        };
        self.session().read(|store| {
            let registry = store.registry();
            let names: Vec<&str> = registry
                .chain(&ward)
                .iter()
                .map(|unit| unit.name_vi.as_str())
                .collect();
            names.join(" · ")
        })
    }

    /// Stores a changed profile, then shows it.
    pub async fn save_profile(&self, profile: WardProfile) -> Result<(), SessionError> {
        let session = self.session();
        ward::save_profile(session.db(), &profile).await?;
        session.set_author(&profile.officer);
        self.profile.set(profile);
        Ok(())
    }
}
