//! The course engine: the Markdown course format, its validation with precise messages, the
//! rendering of modules to safe HTML, and (server side) the versioned storage of published courses.
//!
//! The model types are shared with the browser (islands receive the learner views of quizzes and
//! exercises, never what grades them); the
//! parsing, rendering and storage only exist in the server build.

pub mod api;
pub mod catalogue;
pub mod diagnostics;
pub mod diff;
pub mod exercise;
pub mod model;
pub mod quiz;
pub mod slug;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod loader;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub(crate) mod toml_errors;

#[cfg(all(test, feature = "ssr"))]
mod fuzz_tests;
