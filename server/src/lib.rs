//! Campus IA server: configuration, start-up, HTTP routes outside Leptos, and the command line.
//!
//! `main.rs` only parses the command line and reports errors; everything else is here so that
//! integration tests start exactly the same application (`Application::build`).

pub mod cli;
pub mod config;
pub mod demo;
pub mod lrs;
pub mod middleware;
pub mod routes;
pub mod startup;
pub mod telemetry;
