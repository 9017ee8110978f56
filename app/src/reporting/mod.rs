//! HR reporting: assignments of courses to units and agents, completion dashboards, CSV exports
//! and the completion chart. The CSV writer and the chart are pure; queries are server-only.

#[cfg(feature = "ssr")]
pub mod chart;
#[cfg(feature = "ssr")]
pub mod csv;
