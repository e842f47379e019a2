//! A box that scrolls what is too wide or too long for the screen (a table), usable by keyboard:
//! it takes the focus, so the arrow keys scroll it, and a screen reader names it by its heading.

use leptos::prelude::*;

/// A scrolling region named by the element `labelled_by` (a heading's id); `tall` lets it grow
/// taller before it scrolls.
#[component]
pub fn ScrollRegion(
    /// The id of the heading that names the region.
    #[prop(into)]
    labelled_by: String,
    /// A taller box (`pkm-scroll--tall`).
    #[prop(optional)]
    tall: bool,
    /// What scrolls.
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class="pkm-scroll"
            class:pkm-scroll--tall=tall
            tabindex="0"
            role="region"
            aria-labelledby=labelled_by
        >
            {children()}
        </div>
    }
}
