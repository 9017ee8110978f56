//! Reusable interface pieces shared by several pages.

pub mod layout;
pub mod quick_check;
