//! One module per page (route) of the site.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod attestation;
pub mod catalogue;
pub mod course;
pub mod dashboard;
pub mod directory;
pub mod home;
pub mod identity_link;
pub mod hr;
pub mod module;
pub mod not_found;
pub mod password_reset;
pub mod practice;
pub mod sign_in;
pub mod sign_in_required;
pub mod sign_up;
pub mod workspace;
