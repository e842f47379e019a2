//! One module per screen (route).

pub mod home;
pub mod not_found;
pub mod province;
pub mod ward;
