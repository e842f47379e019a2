//! The status area: online/offline, persistent storage, storage used and available, and the
//! early warning when more than 80 % of the quota is used.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::i18n::format;
use crate::platform::connectivity::use_online;
use crate::platform::storage_info::Persistence;
use crate::state::use_app_state;

/// Always-visible facts about this device, as a `role="status"` region.
#[component]
pub fn StatusBar() -> impl IntoView {
    let state = use_app_state();
    let online = use_online();
    let t = move |msg: Msg| state.t(msg);
    let usage_text = move || match state.usage.get() {
        Some(usage) => {
            let lang = state.lang.get();
            format!(
                "{} {} {} {}",
                t(Msg::StorageUsage),
                format::bytes(lang, usage.used),
                t(Msg::StorageOf),
                format::bytes(lang, usage.quota)
            )
        }
        None => format!("{} {}", t(Msg::StorageUsage), t(Msg::StorageUsageUnknown)),
    };
    let device_id = move || {
        state
            .session
            .get()
            .and_then(|opened| opened.ok())
            .map(|session| session.device().device_id.clone())
    };
    // The early warning: past 80 % of the quota, before any write fails.
    let nearly_full = move || {
        state.nearly_full().map(|usage| {
            let lang = state.lang.get();
            let percent = usage.percent().unwrap_or(100);
            format!(
                "{}: {} {percent} % ({} {} {}). {}",
                t(Msg::StorageNearlyFull),
                t(Msg::StorageUsed),
                format::bytes(lang, usage.used),
                t(Msg::StorageOf),
                format::bytes(lang, usage.quota),
                t(Msg::StorageNearlyFullAdvice)
            )
        })
    };
    view! {
        <footer class="pkm-status" role="status" aria-label=move || t(Msg::StatusLabel)>
            {move || {
                nearly_full()
                    .map(|text| {
                        view! {
                            <p class="pkm-status__warning" data-testid="storage-warning">
                                {text}
                            </p>
                        }
                    })
            }}
            <span
                class="pkm-status__item"
                class:pkm-status__item--bad=move || !online.get()
                data-testid="status-online"
                data-online=move || online.get().to_string()
            >
                <span class="pkm-dot" aria-hidden="true"></span>
                {move || if online.get() { t(Msg::Online) } else { t(Msg::Offline) }}
            </span>
            <span
                class="pkm-status__item"
                class:pkm-status__item--bad=move || state.persistence.get() == Persistence::BestEffort
                data-testid="status-persistence"
            >
                {move || match state.persistence.get() {
                    Persistence::Persistent => t(Msg::StoragePersistent),
                    Persistence::BestEffort => t(Msg::StorageBestEffort),
                    Persistence::Unknown => t(Msg::StoragePersistUnknown),
                }}
            </span>
            <span class="pkm-status__item" data-testid="status-usage">{usage_text}</span>
            <Show when=move || device_id().is_some()>
                <span class="pkm-status__item pkm-status__device" data-testid="status-device">
                    {move || t(Msg::DeviceId)}
                    ": "
                    <code>{device_id}</code>
                </span>
            </Show>
        </footer>
    }
}
