//! The WebAssembly entry point: hydrates the islands of a server-rendered page.
//!
//! Kept apart from `app` so that the server never builds a `cdylib` of the whole interface.

// Linking the app crate brings its `#[island]` components (and their exported hydration
// functions) into this module.
extern crate app;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
