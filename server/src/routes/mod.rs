//! HTTP routes that are not Leptos pages or server functions.

pub mod authoring;
pub mod course_files;
pub mod directory;
pub mod health;
pub mod identity;
pub mod language;
pub mod openai;
pub mod personal_data;
pub mod reporting;
pub mod scim;
pub mod unsubscribe;
pub mod xapi;
