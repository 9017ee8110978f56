//! A one-question self-check: the small interactive element of the home page.
//!
//! Without JavaScript the answer is in a native `<details>` disclosure; once the island has
//! hydrated, two answer buttons appear and give instant feedback in a live region.

use leptos::prelude::*;

use crate::i18n::Locale;

#[island]
pub fn QuickCheck(locale: Locale) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (answer, set_answer) = signal(None::<bool>);
    // Effects only run in the browser, so this is how the island knows JavaScript is on.
    Effect::new(move |_| set_hydrated.set(true));
    let feedback = move || match answer.get() {
        None => String::new(),
        Some(true) => locale.text("quick-check-right"),
        Some(false) => locale.text("quick-check-wrong"),
    };
    view! {
        <section class="quick-check" aria-labelledby="quick-check-title">
            <h2 id="quick-check-title">{locale.text("quick-check-title")}</h2>
            <p class="quick-check__question">{locale.text("quick-check-question")}</p>
            <div class="quick-check__choices" role="group" aria-label=locale.text("quick-check-choices") hidden=move || !hydrated.get()>
                <button type="button" class="button" aria-pressed=move || (answer.get() == Some(true)).to_string() on:click=move |_| set_answer.set(Some(true))>
                    {locale.text("quick-check-yes")}
                </button>
                <button type="button" class="button" aria-pressed=move || (answer.get() == Some(false)).to_string() on:click=move |_| set_answer.set(Some(false))>
                    {locale.text("quick-check-no")}
                </button>
            </div>
            <p class="quick-check__feedback" role="status">{feedback}</p>
            <details class="quick-check__answer">
                <summary>{locale.text("quick-check-reveal")}</summary>
                <p>{locale.text("quick-check-explanation")}</p>
            </details>
        </section>
    }
}
