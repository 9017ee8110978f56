//! The practice sandbox: the personal-data detector that guards every text before it reaches an
//! assistant (also available on the command line), the prompt rubric, the simulated assistant
//! served in-process and through the OpenAI-compatible endpoint (the request read, the answer
//! composed from the learner's text, AI's failure modes staged and debriefed), and the
//! free-practice scenarios written as content files.

#[cfg(feature = "ssr")]
pub mod assistant;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod compose;
#[cfg(feature = "ssr")]
pub mod failures;
#[cfg(feature = "ssr")]
pub mod grading;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod repository;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod rubric;
#[cfg(feature = "ssr")]
pub mod service;
pub mod api;
pub mod debrief;
pub mod scenarios;
