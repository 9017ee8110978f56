//! A one-question self-check: the small interactive element of the home page.
//!
//! Without JavaScript the answer is in a native `<details>` disclosure; once the island has
//! hydrated, two answer buttons appear and give instant feedback in a live region.

use leptos::prelude::*;

use crate::i18n::IslandTexts;

/// The words of the island.
pub const QUICK_CHECK_TEXTS: &[&str] = &[
    "quick-check-right",
    "quick-check-wrong",
    "quick-check-title",
    "quick-check-question",
    "quick-check-choices",
    "quick-check-yes",
    "quick-check-no",
    "quick-check-reveal",
    "quick-check-explanation",
];

#[island(lazy)]
pub fn QuickCheck(texts: IslandTexts) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    // Copied into every closure of the view.
    let stored_texts = StoredValue::new(texts);
    let word = move |key: &str| stored_texts.with_value(|texts| texts.get(key));
    let (answer, set_answer) = signal(None::<bool>);
    // Effects only run in the browser, so this is how the island knows JavaScript is on.
    Effect::new(move |_| set_hydrated.set(true));
    let feedback = {
        move || match answer.get() {
        None => String::new(),
        Some(true) => word("quick-check-right"),
        Some(false) => word("quick-check-wrong"),
        }
    };
    view! {
        <section class="quick-check" aria-labelledby="quick-check-title">
            <h2 id="quick-check-title">{word("quick-check-title")}</h2>
            <p class="quick-check__question">{word("quick-check-question")}</p>
            <div class="quick-check__choices" role="group" aria-label=word("quick-check-choices") hidden=move || !hydrated.get()>
                <button type="button" class="button" aria-pressed=move || (answer.get() == Some(true)).to_string() on:click=move |_| set_answer.set(Some(true))>
                    {word("quick-check-yes")}
                </button>
                <button type="button" class="button" aria-pressed=move || (answer.get() == Some(false)).to_string() on:click=move |_| set_answer.set(Some(false))>
                    {word("quick-check-no")}
                </button>
            </div>
            <p class="quick-check__feedback" role="status">{feedback}</p>
            <details class="quick-check__answer">
                <summary>{word("quick-check-reveal")}</summary>
                <p>{word("quick-check-explanation")}</p>
            </details>
        </section>
    }
}
