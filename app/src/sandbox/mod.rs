//! The practice sandbox. For now: the personal-data detector that guards every text before it
//! reaches an assistant, and that agents and IT teams can run on a document from the command line.

#[cfg(feature = "ssr")]
pub mod privacy;
