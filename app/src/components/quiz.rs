//! The quiz of a module page: without JavaScript it is a form that posts and the page comes back
//! corrected; with JavaScript the same form is sent in the background and the correction appears
//! in place.
//!
//! The server writes the whole form (questions, choices, labels) and passes it to the island as
//! its children, which are not hydrated: the island only reads the form when it is sent and shows
//! the correction, which the server returns as HTML ([`AttemptView`], written by
//! [`correction_html`]). A visitor, or a learner with no attempt left, gets no island at all.
//!
//! The island sends the form itself rather than through `ActionForm`: the answers are named
//! `answers[q0]`, `answers[q1_2]`…, which a plain form post sends as the server function expects,
//! but which `ActionForm`'s own encoding does not carry through.
//!
//! Island props are public (they are written into the page): the island receives a correction
//! only from a graded attempt, and never the quiz's key.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    course::quiz::{LearnerQuestionKind, LearnerQuiz},
    i18n::{tr, use_locale, IslandTexts},
    quiz::{api::SubmitQuiz, AttemptView},
};

/// The words of the quiz island: `Valider mes réponses`, `Réessayer`, and what replaces the form
/// once no attempt is left.
pub const QUIZ_TEXTS: &[&str] = &["quiz-submit", "quiz-retry", "quiz-no-attempt-left"];

/// A quiz of a module page, rendered on the server: its heading and summary, then the sign-in
/// link (visitor), the last correction (no attempt left), or the form in its island.
#[component]
pub fn QuizBlock(
    quiz: LearnerQuiz,
    index: usize,
    course: String,
    module: String,
    /// `5 questions · réussite à partir de 80 % · 3 essais`.
    summary: String,
    previous: Option<AttemptView>,
    signed_in: bool,
    /// When the server rendered the page (Unix seconds), sent back with the answers.
    shown_at: i64,
) -> impl IntoView {
    let heading_id = format!("quiz-{}-titre", index + 1);
    let labelled_by = heading_id.clone();
    let exhausted = previous.as_ref().is_some_and(AttemptView::no_attempt_left);
    let body = if !signed_in {
        view! {
            <p class="activity__sign-in">
                <a href=format!("/connexion?suite=/cours/{course}/{module}%23quiz-{}", index + 1)>{tr("quiz-sign-in")}</a>
            </p>
        }
        .into_any()
    } else if exhausted {
        view! {
            <div role="status" aria-live="polite" inner_html=previous.map(|view| view.correction_html).unwrap_or_default()></div>
            <p>{tr("quiz-no-attempt-left")}</p>
        }
        .into_any()
    } else {
        view! {
            <QuizIsland previous texts=IslandTexts::with_errors(use_locale(), QUIZ_TEXTS)>
                <input type="hidden" name="course" value=course/>
                <input type="hidden" name="module" value=module/>
                <input type="hidden" name="quiz" value=index.to_string()/>
                <input type="hidden" name="shown_at" value=shown_at.to_string()/>
                <QuizQuestions quiz index/>
            </QuizIsland>
        }
        .into_any()
    };
    view! {
        <section class="activity activity--quiz" id=format!("quiz-{}", index + 1) aria-labelledby=labelled_by>
            <h2 id=heading_id>{tr("quiz-heading")}</h2>
            <p class="activity__summary">{summary}</p>
            {body}
        </section>
    }
}

/// The questions of the form, one fieldset each (server-rendered).
#[component]
fn QuizQuestions(quiz: LearnerQuiz, index: usize) -> impl IntoView {
    quiz.questions.into_iter().enumerate().map(|(n, question)| {
        let legend = format!("{}. {}", n + 1, question.prompt);
        let field = format!("answers[q{n}]");
        let body = match question.kind {
            LearnerQuestionKind::Single { choices } => choices.into_iter().enumerate().map(|(k, choice)| {
                let id = format!("q{index}-{n}-{k}");
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name=field.clone() value=k.to_string()/>
                        <label for=id>{choice}</label>
                    </div>
                }
            }).collect_view().into_any(),
            LearnerQuestionKind::Multiple { choices } => view! {
                <p class="choice__hint">{tr("quiz-several-answers")}</p>
                {choices.into_iter().enumerate().map(|(k, choice)| {
                    let id = format!("q{index}-{n}-{k}");
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=format!("answers[q{n}_{k}]") value="on"/>
                            <label for=id>{choice}</label>
                        </div>
                    }
                }).collect_view()}
            }.into_any(),
            LearnerQuestionKind::Short => {
                let id = format!("q{index}-{n}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{tr("quiz-your-answer")}</label>
                        <input type="text" id=id name=field autocomplete="off"/>
                    </div>
                }.into_any()
            }
        };
        view! {
            <fieldset class="question">
                <legend>{legend}</legend>
                {body}
            </fieldset>
        }
    }).collect_view()
}

/// The form's behaviour in the browser: sends it in the background and shows the correction.
/// The fields come written from the server (`children`); the props are the last correction and
/// the island's words ([`QUIZ_TEXTS`] and the refusals' fixed messages).
///
/// The form is sent as the browser would send it without JavaScript and the answer read with
/// the browser's JSON parser ([`form_post`](super::form_post)): no `ServerAction`, which keeps
/// the server-function client out of the module page's WebAssembly.
#[island(lazy)]
pub fn QuizIsland(
    previous: Option<AttemptView>,
    /// From [`QUIZ_TEXTS`] and the refusals' fixed messages, in the page's language.
    texts: IslandTexts,
    children: Children,
) -> impl IntoView {
    // The latest correction: the one just returned, or the one recorded before the page loaded.
    let shown = RwSignal::new(previous);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let texts = StoredValue::new(texts);
    let word = move |key: &str| texts.with_value(|texts| texts.get(key));
    let exhausted = move || shown.with(|v| v.as_ref().is_some_and(AttemptView::no_attempt_left));
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
                return;
            };
            event.prevent_default();
            pending.set(true);
            leptos::task::spawn_local(async move {
                match send_form(&form).await {
                    Ok(Ok(view)) => {
                        shown.set(Some(view));
                        error.set(None);
                    }
                    Ok(Err(refusal)) => error.set(Some(texts.with_value(|texts| refusal.message_from(texts)))),
                    Err(()) => error.set(Some(texts.with_value(|texts| crate::error::AppError::Unavailable.message_from(texts)))),
                }
                pending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, pending, error, texts);
    };
    view! {
        <div role="status" aria-live="polite" inner_html=move || shown.with(|view| view.as_ref().map(|view| view.correction_html.clone()).unwrap_or_default())></div>
        {move || error.get().map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })}
        {move || exhausted().then(|| view! { <p>{word("quiz-no-attempt-left")}</p> })}
        <form method="post" action=SubmitQuiz::url() class="quiz-form" hidden=exhausted on:submit=on_submit>
            {children()}
            <button type="submit" disabled=move || pending.get()>
                {move || word(if shown.with(Option::is_some) { "quiz-retry" } else { "quiz-submit" })}
            </button>
        </form>
    }
}

/// Sends the quiz's form ([`form_post`](super::form_post)): the graded attempt, or the refusal;
/// `Err(())` when no answer could be read.
#[cfg(feature = "hydrate")]
async fn send_form(form: &web_sys::HtmlFormElement) -> Result<Result<AttemptView, crate::error::AppError>, ()> {
    use super::form_post::{field, post_form};
    Ok(post_form(form).await?.and_then(|value| match field(&value, "correction_html").as_string() {
        Some(correction_html) => Ok(AttemptView {
            passed: field(&value, "passed").as_bool().unwrap_or(false),
            attempts_left: field(&value, "attempts_left").as_f64().map(|left| left as i64),
            correction_html,
        }),
        None => Err(crate::error::AppError::Unavailable),
    }))
}

/// The correction of an attempt as HTML, for the page and for the island (which inserts it as is).
#[cfg(feature = "ssr")]
pub fn correction_html(correction: crate::quiz::Correction) -> String {
    view! { <QuizCorrection correction/> }.to_html()
}

/// The corrected attempt: score, and for each question what was answered, whether it was right,
/// the feedback of the chosen options and the explanation (all written by the server).
#[cfg(feature = "ssr")]
#[component]
fn QuizCorrection(correction: crate::quiz::Correction) -> impl IntoView {
    let crate::quiz::Correction { passed, questions, attempts_made, summary, history_title, history } = correction;
    let several = history.len() > 1;
    view! {
        <div class="quiz-result" class:quiz-result--passed=passed>
            <p class="quiz-result__score"><strong>{summary}</strong></p>
            <ol class="quiz-result__questions">
                {questions.into_iter().map(|question| view! {
                    <li class="quiz-result__question" class:is-correct=question.correct>
                        <p><strong>{question.mark}</strong>" — "{question.prompt}</p>
                        <p>{question.answered}</p>
                        {question.feedback.into_iter().map(|f| view! { <p class="quiz-result__feedback">{f}</p> }).collect_view()}
                        {question.explanation.map(|e| view! { <p class="quiz-result__explanation">{e}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            {several.then(|| view! {
                <details class="quiz-result__history">
                    <summary>{history_title}</summary>
                    // Numbered from the total, so the tenth most recent of 300 reads 291.
                    <ol reversed=true start=attempts_made>
                        {history.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ol>
                </details>
            })}
        </div>
    }
}
