//! HR reporting: assignments of courses to units and agents, completion dashboards, CSV exports
//! and the completion chart. Statuses, the CSV writer and the chart's layout are pure; storage and
//! queries are server-only.

pub mod api;
pub mod chart;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod repository;
pub mod status;
