//! Reusable interface pieces shared by several pages.

pub mod activity;
pub mod bar_chart;
pub mod breadcrumb;
pub mod chat;
pub mod form;
#[cfg(feature = "hydrate")]
pub mod form_post;
pub mod labels;
pub mod layout;
pub mod loaded;
pub mod module_editor;
pub mod quick_check;
pub mod quiz;
pub mod template;
