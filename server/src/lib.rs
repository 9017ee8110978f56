//! Campus IA server: configuration, start-up, HTTP routes outside Leptos, and the command line.
//!
//! `main.rs` only parses the command line and reports errors; everything else is here so that
//! integration tests start exactly the same application (`Application::build`).

// The route tree of the application nests deeply; the default limit (128) is not enough.
#![recursion_limit = "256"]

pub mod assets;
pub mod cli;
pub mod config;
pub mod demo;
pub mod learner_pages;
pub mod lrs;
pub mod mailer;
pub mod middleware;
pub mod page_cache;
pub mod routes;
pub mod scheduler;
pub mod spliced_gzip;
pub mod startup;
pub mod telemetry;
