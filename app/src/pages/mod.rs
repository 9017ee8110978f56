//! One module per page (route) of the site.

pub mod catalogue;
pub mod course;
pub mod error;
pub mod home;
pub mod module;
pub mod not_found;
