//! The screens' side of the cut (`crate::split`): the route views that load a workspace's module
//! the first time one of its routes opens, the declaration of a workspace's split point, the
//! fetching of the current workspace's module beside the session's at start, and what a module
//! that could not be fetched looks like ([`NotLoaded`]). The main module is the app shell: the
//! router, the page frame, the start page, the platform and storage wrappers; a ward laptop never
//! fetches the province's screens.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::LazyRoute;
use leptos_router::hooks::use_location;
use send_wrapper::SendWrapper;

use crate::i18n::Msg;
use crate::platform::page;
use crate::split::SplitLoaderError;
use crate::state::{saving, use_app_state};

/// A screen whose view comes from a split point: `load` renders it, after fetching its module
/// the first time.
pub trait LazyScreen: Send + Sync + 'static {
    /// The screen's view, once its module is loaded.
    fn load() -> impl Future<Output = Result<AnyView, SplitLoaderError>>;
}

/// Declares one zero-sized route type per screen of a workspace, named as the screen, each
/// rendering `$entry($screen::$variant)` through the workspace's split point.
macro_rules! lazy_screens {
    ($entry:ident: $screen:ident { $($variant:ident),* $(,)? }) => {
        $(
            #[doc = concat!("The route view of [`", stringify!($screen), "::", stringify!($variant), "`], loaded lazily.")]
            pub struct $variant;

            impl $crate::ui::lazy::LazyScreen for $variant {
                async fn load() -> Result<::leptos::prelude::AnyView, $crate::split::SplitLoaderError> {
                    $crate::split::enter!($entry($screen::$variant))
                }
            }
        )*
    };
}
pub(crate) use lazy_screens;

/// Declares a workspace's split point: its entry `$entry` (rendering one of its screens, through
/// the split module `$module` where the app is cut) and `preload()`, which fetches that module
/// ahead of the first screen.
macro_rules! workspace_split {
    ($(#[$doc:meta])* $module:ident: fn $entry:ident($screen:ident: $ty:ty) -> AnyView $body:block) => {
        /// Fetches the workspace's module ahead of its first screen (nothing to fetch where the
        /// app is not cut).
        pub async fn preload() -> Result<(), $crate::split::SplitLoaderError> {
            #[cfg(pkm_split)]
            let loaded = fetch_module().await;
            #[cfg(not(pkm_split))]
            let loaded = Ok(());
            loaded
        }

        $(#[$doc])*
        #[cfg_attr(
            pkm_split,
            leptos::wasm_split::wasm_split(
                $module,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(fetch_module)
            )
        )]
        fn $entry($screen: $ty) -> Result<AnyView, $crate::split::SplitLoaderError> {
            Ok($body)
        }
    };
}
pub(crate) use workspace_split;

/// The router's side of a lazy screen: no data of its own, the view from [`LazyScreen::load`],
/// or [`NotLoaded`] when its module could not be fetched.
pub struct Lazily<S>(std::marker::PhantomData<S>);

impl<S: LazyScreen> LazyRoute for Lazily<S> {
    fn data() -> Self {
        Lazily(std::marker::PhantomData)
    }

    async fn view(_this: Self) -> AnyView {
        match S::load().await {
            Ok(view) => view,
            Err(_) => view! { <NotLoaded /> }.into_any(),
        }
    }
}

/// The route view for `S`: `view={lazy::<Assessment>()}`.
pub fn lazy<S: LazyScreen>() -> leptos_router::Lazy<Lazily<S>> {
    leptos_router::Lazy::new()
}

/// `S`'s view rendered in place, its module fetched when this is first rendered: for a route
/// nested in a frame that may not render its outlet (the ward's first run shows no screen), and
/// for the parts of a first screen that can come once it is usable. Says "loading" until then,
/// [`NotLoaded`] when the module could not be fetched. The view is built untracked: a signal it
/// reads while being built does not build it again.
pub fn deferred<S: LazyScreen>() -> impl IntoView {
    let state = use_app_state();
    view! {
        <Suspense fallback=move || {
            view! { <p class="pkm-hint" data-testid="part-loading">{move || state.t(Msg::PartLoading)}</p> }
        }>
            {Suspend::new(async move {
                match SendWrapper::new(ScopedFuture::new_untracked(S::load())).await {
                    Ok(view) => view,
                    Err(_) => view! { <NotLoaded /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Starts fetching the current workspace's module as soon as the app starts (and on every
/// navigation into a workspace), beside the session's, instead of after the session opened, and
/// says when the first screen's code is here (the service worker waits for it). Renders nothing;
/// belongs inside the router.
#[component]
pub fn PreloadWorkspace() -> impl IntoView {
    let location = use_location();
    let state = use_app_state();
    Effect::new(move |_| {
        let path = location.pathname.get();
        // A module that could not be fetched shows `NotLoaded` on its screen; the screen's code
        // has settled either way.
        if path.starts_with("/phuong") {
            // The ward's first screen (`ward_start`); its screens' module, which the first run
            // does not wait for and every later screen needs, once that screen is usable (not
            // sharing the line with the first screen's own modules).
            spawn_local(async move {
                let _ = crate::ui::pages::ward::preload_start().await;
                state.mark_screen_loaded();
            });
            Effect::new(move |fetched: Option<bool>| {
                if fetched == Some(true) || !state.first_screen_ready() {
                    return fetched.unwrap_or(false);
                }
                spawn_local(async move {
                    let _ = crate::ui::pages::ward::preload().await;
                });
                true
            });
        } else if path.starts_with("/tinh") {
            spawn_local(async move {
                let _ = crate::ui::pages::province::preload().await;
                state.mark_screen_loaded();
            });
        } else {
            state.mark_screen_loaded();
        }
    });
}

/// A part of the app that could not be fetched: what happened, that nothing stored is touched,
/// and a reload (after every pending save is written).
#[component]
pub fn NotLoaded() -> impl IntoView {
    let state = use_app_state();
    let reload = move |_| {
        spawn_local(async {
            saving::flush_all_and_wait().await;
            page::reload();
        });
    };
    view! {
        <div class="pkm-banner pkm-banner--error" role="alert" data-testid="part-not-loaded">
            <span>{move || state.t(Msg::PartNotLoaded)}</span>
            <button type="button" class="pkm-button pkm-button--primary" on:click=reload>
                {move || state.t(Msg::PartNotLoadedReload)}
            </button>
        </div>
    }
}
