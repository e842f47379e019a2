//! The components. No domain rules and no storage calls except through `state`.

pub mod app;
pub mod components;
pub mod layout;
pub mod lazy;
pub mod markup;
pub mod pages;

pub use app::App;
