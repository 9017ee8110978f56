//! What the quiz and chat islands share to send their form in the background: a `fetch` of the
//! form's fields URL-encoded, as a plain form post would send them (the encoding the server
//! function reads), and the answer read with the browser's own JSON parser.
//!
//! Hand-written rather than `ServerAction` and serde: the server-function client, its encoders
//! and serde_json's deserialisers weigh more in the browser than a page's WebAssembly budget
//! allows (`BENCHMARKS.md`), and the islands read three or four fields of the answer.
//! `tests/e2e/learning.test.mjs` and `sandbox.test.mjs` go through this path, refusals included.

use wasm_bindgen::{JsCast, JsValue};

use crate::error::AppError;

/// Posts `form` to its action, asking for JSON: the server function's value, or its refusal;
/// `Err(())` when no answer could be read (network down, not JSON).
pub async fn post_form(form: &web_sys::HtmlFormElement) -> Result<Result<JsValue, AppError>, ()> {
    let data = web_sys::FormData::new_with_form(form).map_err(drop)?;
    let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).map_err(drop)?;
    let headers = web_sys::Headers::new().map_err(drop)?;
    headers.set("Accept", "application/json").map_err(drop)?;
    headers.set("Content-Type", "application/x-www-form-urlencoded").map_err(drop)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body);
    let window = web_sys::window().ok_or(())?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init))
        .await
        .map_err(drop)?
        .dyn_into()
        .map_err(drop)?;
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(drop)?).await.map_err(drop)?;
    let value = js_sys::JSON::parse(&text.as_string().ok_or(())?).map_err(drop)?;
    Ok(if response.ok() { Ok(value) } else { Err(refusal(&value)) })
}

/// Field `name` of a JSON object (`undefined` if absent).
pub fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &name.into()).unwrap_or_default()
}

/// An [`AppError`] as serde writes it: `"NotSignedIn"`, `{"LimitReached": "…"}`,
/// `{"TooManyRequests": {"message": "…", "retry_after": 30}}`.
fn refusal(value: &JsValue) -> AppError {
    if let Some(variant) = value.as_string() {
        return match variant.as_str() {
            "NotSignedIn" => AppError::NotSignedIn,
            "Forbidden" => AppError::Forbidden,
            _ => AppError::Unavailable,
        };
    }
    let text = |name: &str| field(value, name).as_string();
    if let Some(message) = text("NotFound") {
        AppError::NotFound(message)
    } else if let Some(message) = text("Invalid") {
        AppError::Invalid(message)
    } else if let Some(message) = text("LimitReached") {
        AppError::LimitReached(message)
    } else if let Some(detail) = text("BadRequest") {
        AppError::BadRequest(detail)
    } else {
        let too_many = field(value, "TooManyRequests");
        match field(&too_many, "message").as_string() {
            Some(message) => AppError::TooManyRequests { message, retry_after: field(&too_many, "retry_after").as_f64().unwrap_or(0.0) as u64 },
            None => AppError::Unavailable,
        }
    }
}
