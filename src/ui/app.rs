//! `<App/>`: the context, the router and the page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::state::{provide_app_state, saving};
use crate::ui::layout::{SessionGate, Shell};
use crate::ui::lazy::PreloadWorkspace;
use crate::ui::pages::home::HomePage;
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::pages::province::ProvinceRoutes;
use crate::ui::pages::ward::WardRoutes;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    saving::flush_on_page_hide();
    view! {
        <Router>
            <PreloadWorkspace />
            <Shell>
                <SessionGate>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <WardRoutes />
                        <ProvinceRoutes />
                    </Routes>
                </SessionGate>
            </Shell>
        </Router>
    }
}
