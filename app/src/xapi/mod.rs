//! xAPI (IEEE 9274.1.1 / xAPI 1.0.3): the statements Campus IA records for attempts and
//! completions, the read endpoint's query parser and storage, the per-organisation credentials
//! that protect it, and the push to an external Learning Record Store.

pub mod api;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
mod statement;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use statement::*;
