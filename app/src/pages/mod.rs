//! One module per page (route) of the site.

pub mod home;
pub mod not_found;
