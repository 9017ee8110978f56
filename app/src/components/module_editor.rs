//! The module editor, as an island: a Markdown text area inside a form that saves the draft
//! (works without JavaScript: the page comes back with the preview of what was saved); with
//! JavaScript, the preview and the validator's problems follow the typing, half a second after
//! the last key, rendered by the server with the same renderer as the reader.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    authoring::api::{Preview, PreviewModule, SaveModule},
    i18n::IslandTexts,
};

/// The words of the editor island (the problems come written from the server).
pub const EDITOR_TEXTS: &[&str] = &["editor-text", "editor-text-hint", "editor-save", "editor-preview", "editor-no-problem"];

#[island(lazy)]
pub fn ModuleEditorIsland(slug: String, file: String, text: String, preview: Preview, texts: IslandTexts) -> impl IntoView {
    let action = ServerAction::<PreviewModule>::new();
    // Copied into every closure of the view.
    let stored_texts = StoredValue::new(texts);
    let word = move |key: &str| stored_texts.with_value(|texts| texts.get(key));
    let shown = RwSignal::new(preview);
    let typed = RwSignal::new(text.clone());
    let generation = RwSignal::new(0u64);
    Effect::new(move |_| {
        if let Some(Ok(preview)) = action.value().get() {
            shown.set(preview);
        }
    });
    let on_input = {
        let (slug, file) = (slug.clone(), file.clone());
        move |event: leptos::ev::Event| {
            typed.set(event_target_value(&event));
            generation.update(|g| *g += 1);
            let mine = generation.get_untracked();
            let (slug, file) = (slug.clone(), file.clone());
            // Only the last keystroke of a burst asks the server for a preview.
            set_timeout(
                move || {
                    if generation.get_untracked() == mine {
                        action.dispatch(PreviewModule { slug, file, text: typed.get_untracked() });
                    }
                },
                std::time::Duration::from_millis(500),
            );
        }
    };
    let problems = move || shown.with(|p| (p.problems_title.clone(), p.problems.clone()));
    view! {
        <div class="editor">
            <form method="post" action=SaveModule::url() class="editor__form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="file" value=file/>
                <div class="field">
                    <label for="champ-texte">{word("editor-text")}</label>
                    <p class="field__hint" id="champ-texte-aide">{word("editor-text-hint")}</p>
                    <textarea id="champ-texte" name="text" rows="28" spellcheck="true" class="editor__text"
                        aria-describedby="champ-texte-aide editeur-problemes" on:input=on_input>{text}</textarea>
                </div>
                <button type="submit">{word("editor-save")}</button>
            </form>
            <section class="editor__preview" aria-labelledby="apercu">
                <h2 id="apercu">{word("editor-preview")}</h2>
                <div id="editeur-problemes" role="status" aria-live="polite">
                    {move || {
                        match problems() {
                            (None, _) => view! { <p class="alert alert--success">{word("editor-no-problem")}</p> }.into_any(),
                            (Some(title), list) => view! {
                                <div class="alert alert--error">
                                    <p class="alert__title">{title}</p>
                                    <ul>{list.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                                </div>
                            }.into_any(),
                        }
                    }}
                </div>
                <div class="prose editor__rendered" inner_html=move || shown.with(|p| p.html.clone())></div>
            </section>
        </div>
    }
}
