//! The province's years side by side for the dashboard (issue 24, step 4): the core's
//! [`pkm_core::years::year_over_year`] on the session's store, for the chosen province, year and
//! basis (the whole province: the dashboard's filters do not apply).

use leptos::prelude::*;
use pkm_core::figures::FiguresError;
use pkm_core::years::{YearResults, year_over_year};

use super::context::ProvinceContext;
use super::time;
use crate::state::Session;

/// The years compared, oldest first, or why the figures could not be computed; `None` before a
/// province is known (reactive: tracks the store and the choices).
pub fn years_view(
    province: &ProvinceContext,
    session: &Session,
) -> Option<Result<Vec<YearResults>, FiguresError>> {
    let basis = province.basis.get();
    session.read(|store| {
        let unit = province.province(store)?;
        let registry = store.registry();
        let year = province.year_for(store, &registry, &unit);
        let today = time::today()?;
        Some(year_over_year(store, &unit, year, basis, today))
    })
}
