//! Form results that survive a redirect: every form posts, the server answers with a redirect
//! (so reloading never re-submits), and what the page must show next — field errors, what the
//! user typed (never passwords), a confirmation — travels in a short-lived cookie that the next
//! page reads once and clears. This is what makes every form work without JavaScript.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Longest typed value carried back to a form.
const MAX_KEPT_VALUE_BYTES: usize = 1_500;

/// Name of the one-shot cookie.
pub const FLASH_COOKIE: &str = "campus_flash";

/// The outcome of a form submission, shown by the page the user is sent back to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    /// Which form this is about (a page may hold several).
    pub form: String,
    /// A message for the whole form.
    pub message: Option<String>,
    pub success: bool,
    /// Field name → why its value was refused.
    pub errors: BTreeMap<String, String>,
    /// Field name → what the user typed, to fill the form again.
    pub values: BTreeMap<String, String>,
    /// A reference to something the next page shows once (a new access secret), never the
    /// secret itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal: Option<String>,
}

impl FormFeedback {
    pub fn new(form: &str) -> FormFeedback {
        FormFeedback { form: form.to_owned(), ..Default::default() }
    }

    pub fn success(form: &str, message: impl Into<String>) -> FormFeedback {
        FormFeedback { form: form.to_owned(), message: Some(message.into()), success: true, ..Default::default() }
    }

    pub fn error(mut self, field: &str, message: impl Into<String>) -> Self {
        self.errors.entry(field.to_owned()).or_insert_with(|| message.into());
        self
    }

    pub fn failure(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self.success = false;
        self
    }

    /// Keeps what the user typed in `field`, unless it is too long for the flash cookie
    /// (browsers drop cookies over 4 KiB, and the whole feedback would be lost).
    pub fn value(mut self, field: &str, value: &str) -> Self {
        if value.len() <= MAX_KEPT_VALUE_BYTES {
            self.values.insert(field.to_owned(), value.to_owned());
        }
        self
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || (!self.success && self.message.is_some())
    }

    pub fn field_error(&self, field: &str) -> Option<String> {
        self.errors.get(field).cloned()
    }

    pub fn field_value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    /// Encodes the feedback as a cookie value (URL-safe base64 of JSON).
    #[cfg(feature = "ssr")]
    pub fn to_cookie_value(&self) -> String {
        use base64::Engine;
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    #[cfg(feature = "ssr")]
    pub fn from_cookie_value(value: &str) -> Option<FormFeedback> {
        use base64::Engine;
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(value.trim()).ok()?;
        serde_json::from_slice(&json).ok()
    }
}

/// The feedback left for this page by the previous form submission, read once: the cookie is
/// cleared in the same response.
pub fn take_feedback() -> Option<FormFeedback> {
    #[cfg(feature = "ssr")]
    {
        use axum::http::{header, request::Parts, HeaderValue};
        use leptos::prelude::use_context;
        let parts = use_context::<Parts>()?;
        let value = crate::web::request_cookie(&parts.headers, FLASH_COOKIE)?.to_owned();
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(clear) = HeaderValue::from_str(&crate::web::clear_flash_cookie()) {
                response.append_header(header::SET_COOKIE, clear);
            }
        }
        FormFeedback::from_cookie_value(&value)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// The signed-in user of the request being rendered (always `None` in the browser, where only
/// islands run).
pub fn signed_in_user() -> Option<super::CurrentUser> {
    #[cfg(feature = "ssr")]
    return super::authz::current_user();
    #[cfg(not(feature = "ssr"))]
    None
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn feedback_round_trips_through_a_cookie_value() {
        let feedback = FormFeedback::new("inscription").error("email", "adresse « invalide »").value("nom", "Zoé; Dupont=1");
        let value = feedback.to_cookie_value();
        assert!(value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{value}");
        assert_eq!(FormFeedback::from_cookie_value(&value), Some(feedback));
        assert_eq!(FormFeedback::from_cookie_value("%%%"), None);
    }
}
