//! The practice sandbox: the personal-data detector that guards every text before it reaches an
//! assistant (also available on the command line), the prompt rubric, and the simulated
//! assistant served in-process and through the OpenAI-compatible endpoint.

#[cfg(feature = "ssr")]
pub mod assistant;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod grading;
#[cfg(feature = "ssr")]
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod rubric;
pub mod api;
pub mod scenarios;
