//! The quiz of a module page, as an island: without JavaScript it is a form that posts and the
//! page comes back corrected; with JavaScript the same form is sent in the background and the
//! correction appears in place.
//!
//! The island reads the form itself rather than using `ActionForm`: the answers are named
//! `answers[q0]`, `answers[q1_2]`…, which a plain form post sends as the server function expects,
//! but which `ActionForm`'s own encoding does not carry through.
//!
//! Island props are public (they are written into the page), so the island receives the
//! learner view of the quiz, without its key, and a correction only from a graded attempt.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    course::quiz::{LearnerQuestionKind, LearnerQuiz},
    i18n::IslandTexts,
    quiz::{api::SubmitQuiz, AttemptView},
};

#[island(lazy)]
pub fn QuizIsland(
    quiz: LearnerQuiz,
    index: usize,
    course: String,
    module: String,
    /// `5 questions · réussite à partir de 80 % · 3 essais`, written by the server.
    summary: String,
    previous: Option<AttemptView>,
    signed_in: bool,
    /// From [`QUIZ_TEXTS`], in the page's language.
    texts: IslandTexts,
    /// When the server rendered the page (Unix seconds), sent back with the answers.
    shown_at: i64,
) -> impl IntoView {
    let action = ServerAction::<SubmitQuiz>::new();
    // Copied into every closure of the view.
    let stored_texts = StoredValue::new(texts);
    let word = move |key: &str| stored_texts.with_value(|texts| texts.get(key));
    let heading_id = format!("quiz-{}-titre", index + 1);
    let labelled_by = heading_id.clone();
    let section_id = format!("quiz-{}", index + 1);
    // The latest correction: the one just returned, or the one recorded before the page loaded.
    let shown = Signal::derive(move || match action.value().get() {
        Some(Ok(view)) => Some(view),
        _ => previous.clone(),
    });
    let error = move || match action.value().get() {
        Some(Err(error)) => Some(stored_texts.with_value(|texts| error.message_from(texts))),
        _ => None,
    };
    let quiz_for_result = quiz.clone();
    let submit = {
        let (course, module) = (course.clone(), module.clone());
        move |event: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
                    return;
                };
                let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
                event.prevent_default();
                let mut answers = std::collections::BTreeMap::new();
                if let Ok(Some(entries)) = js_sys::try_iter(&data) {
                    for entry in entries.flatten() {
                        let pair = js_sys::Array::from(&entry);
                        if let (Some(key), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                            if let Some(name) = key.strip_prefix("answers[").and_then(|k| k.strip_suffix(']')) {
                                answers.insert(name.to_owned(), value);
                            }
                        }
                    }
                }
                action.dispatch(SubmitQuiz { course: course.clone(), module: module.clone(), quiz: index, answers: Some(answers), shown_at: Some(shown_at) });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (event, &course, &module);
        }
    };
    let sign_in_href = format!("/connexion?suite=/cours/{course}/{module}%23quiz-{}", index + 1);
    let questions = quiz.questions.clone();
    view! {
        <section class="activity activity--quiz" id=section_id aria-labelledby=labelled_by>
            <h2 id=heading_id>{word("quiz-heading")}</h2>
            <p class="activity__summary">{summary}</p>
            <div role="status" aria-live="polite">
                {move || shown.get().map(|view| view! { <QuizCorrection quiz=quiz_for_result.clone() view texts=stored_texts.get_value()/> })}
            </div>
            {move || error().map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })}
            {move || {
                let (course, module, questions) = (course.clone(), module.clone(), questions.clone());
                let exhausted = shown.get().and_then(|v| v.attempts_left).is_some_and(|left| left == 0);
                if !signed_in {
                    view! {
                        <p class="activity__sign-in">
                            <a href=sign_in_href.clone()>{word("quiz-sign-in")}</a>
                        </p>
                    }.into_any()
                } else if exhausted {
                    view! { <p>{word("quiz-no-attempt-left")}</p> }.into_any()
                } else {
                    let retry = shown.get().is_some();
                    view! {
                        <form method="post" action=SubmitQuiz::url() class="quiz-form" on:submit=submit.clone()>
                            <input type="hidden" name="course" value=course.clone()/>
                            <input type="hidden" name="module" value=module.clone()/>
                            <input type="hidden" name="quiz" value=index.to_string()/>
                            <input type="hidden" name="shown_at" value=shown_at.to_string()/>
                            {questions.iter().enumerate().map(|(n, question)| {
                                let legend = format!("{}. {}", n + 1, question.prompt);
                                let field = format!("answers[q{n}]");
                                let body = match &question.kind {
                                    LearnerQuestionKind::Single { choices } => choices.iter().enumerate().map(|(k, choice)| {
                                        let id = format!("q{index}-{n}-{k}");
                                        view! {
                                            <div class="choice">
                                                <input type="radio" id=id.clone() name=field.clone() value=k.to_string()/>
                                                <label for=id>{choice.clone()}</label>
                                            </div>
                                        }.into_any()
                                    }).collect_view().into_any(),
                                    LearnerQuestionKind::Multiple { choices } => view! {
                                        <p class="choice__hint">{word("quiz-several-answers")}</p>
                                        {choices.iter().enumerate().map(|(k, choice)| {
                                            let id = format!("q{index}-{n}-{k}");
                                            view! {
                                                <div class="choice">
                                                    <input type="checkbox" id=id.clone() name=format!("answers[q{n}_{k}]") value="on"/>
                                                    <label for=id>{choice.clone()}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    }.into_any(),
                                    LearnerQuestionKind::Short => {
                                        let id = format!("q{index}-{n}");
                                        view! {
                                            <div class="field">
                                                <label for=id.clone()>{word("quiz-your-answer")}</label>
                                                <input type="text" id=id name=field.clone() autocomplete="off"/>
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
                            }).collect_view()}
                            <button type="submit" disabled=move || action.pending().get()>
                                {if retry { word("quiz-retry") } else { word("quiz-submit") }}
                            </button>
                        </form>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The words of the quiz island (the rest comes written from the server).
pub const QUIZ_TEXTS: &[&str] = &[
    "quiz-heading",
    "quiz-sign-in",
    "quiz-no-attempt-left",
    "quiz-several-answers",
    "quiz-your-answer",
    "quiz-retry",
    "quiz-submit",
    "quiz-correct",
    "quiz-incorrect",
    "quiz-no-answer",
    "quiz-you-answered",
];

/// The corrected attempt: score, and for each question what was answered, whether it was right,
/// the feedback of the chosen options and the explanation (all from the server's correction).
#[component]
fn QuizCorrection(quiz: LearnerQuiz, view: AttemptView, texts: IslandTexts) -> impl IntoView {
    let passed = view.passed;
    let history = view.history.clone();
    view! {
        <div class="quiz-result" class:quiz-result--passed=passed>
            <p class="quiz-result__score"><strong>{view.summary.clone()}</strong></p>
            <ol class="quiz-result__questions">
                {quiz.questions.iter().zip(view.questions.clone()).map(|(question, corrected)| {
                    let mark = if corrected.correct { texts.get("quiz-correct") } else { texts.get("quiz-incorrect") };
                    let given = if corrected.given.is_empty() { texts.get("quiz-no-answer") } else { corrected.given.join(" ; ") };
                    view! {
                        <li class="quiz-result__question" class:is-correct=corrected.correct>
                            <p><strong>{mark}</strong>" — "{question.prompt.clone()}</p>
                            <p>{texts.get("quiz-you-answered")}" "{given}</p>
                            {corrected.feedback.into_iter().filter(|f| !f.is_empty()).map(|f| view! { <p class="quiz-result__feedback">{f}</p> }).collect_view()}
                            {corrected.explanation.map(|e| view! { <p class="quiz-result__explanation">{e}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {(history.len() > 1).then(|| view! {
                <details class="quiz-result__history">
                    <summary>{view.history_title.clone()}</summary>
                    // Numbered from the total, so the tenth most recent of 300 reads 291.
                    <ol reversed=true start=view.attempts_made>
                        {history.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ol>
                </details>
            })}
        </div>
    }
}
