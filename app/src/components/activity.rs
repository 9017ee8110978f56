//! The sandbox exercises of a module page.
//!
//! The module's Markdown is cut at each ```` ```exercise ```` block; this component fills the gap
//! with the exercise as a plain form (no JavaScript needed): write a request to the simulated
//! assistant, anonymise a document, or mark the wrong statements of an answer. The page comes back
//! with the correction, criterion by criterion.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    course::exercise::{LearnerExercise, LearnerExerciseKind},
    i18n::tr,
    quiz::api::SubmitExercise,
    sandbox::api::ExerciseOutcome,
};

#[component]
pub fn ExerciseBlock(
    exercise: LearnerExercise,
    index: usize,
    course: String,
    module: String,
    signed_in: bool,
    outcome: Option<ExerciseOutcome>,
    /// Why the last attempt was refused (a limit, an empty text), if it was.
    refusal: Option<String>,
) -> impl IntoView {
    let heading_id = format!("exercice-{}-titre", index + 1);
    let labelled_by = heading_id.clone();
    let section_id = format!("exercice-{}", index + 1);
    let kind = tr(match exercise.kind {
        LearnerExerciseKind::Prompt { .. } => "exercise-kind-prompt",
        LearnerExerciseKind::Anonymize { .. } => "exercise-kind-anonymize",
        LearnerExerciseKind::Hallucination { .. } => "exercise-kind-hallucination",
    });
    let body = exercise_fields(&exercise.kind, index);
    let sign_in_href = format!("/connexion?suite=/cours/{course}/{module}%23{section_id}");
    view! {
        <section class="activity activity--exercise" id=section_id aria-labelledby=labelled_by>
            <p class="activity__kind">{kind}</p>
            <h2 id=heading_id>{exercise.title.clone()}</h2>
            <p class="activity__instructions">{exercise.instructions.clone()}</p>
            {refusal.map(|message| view! { <p class="alert alert--error" role="alert">{message}</p> })}
            {outcome.map(exercise_result)}
            {if signed_in {
                view! {
                    <form method="post" action=SubmitExercise::url() class="quiz-form">
                        <input type="hidden" name="course" value=course.clone()/>
                        <input type="hidden" name="module" value=module.clone()/>
                        <input type="hidden" name="exercise" value=index.to_string()/>
                        {body}
                    </form>
                }.into_any()
            } else {
                view! { <p class="activity__sign-in"><a href=sign_in_href>{tr("exercise-sign-in")}</a></p> }.into_any()
            }}
        </section>
    }
}

/// The fields of the exercise's form, by kind: a request to write (with its document), a
/// document to anonymise, or the statements of an answer to mark.
fn exercise_fields(kind: &LearnerExerciseKind, index: usize) -> AnyView {
    let field_id = format!("exercice-{}-texte", index + 1);
    match kind {
        LearnerExerciseKind::Prompt { document } => view! {
            {document.clone().map(|d| view! {
                <details class="exercise__document"><summary>{tr("exercise-document")}</summary><pre>{d.text}</pre></details>
            })}
            <div class="field">
                <label for=field_id.clone()>{tr("exercise-your-request")}</label>
                <textarea id=field_id.clone() name="text" rows="7" required=true></textarea>
            </div>
            <button type="submit">{tr("exercise-send-prompt")}</button>
        }.into_any(),
        LearnerExerciseKind::Anonymize { document } => view! {
            <div class="field">
                <label for=field_id.clone()>{tr("exercise-document-to-edit")}</label>
                <textarea id=field_id.clone() name="text" rows="14">{document.text.clone()}</textarea>
            </div>
            <button type="submit">{tr("exercise-check")}</button>
        }.into_any(),
        LearnerExerciseKind::Hallucination { question, statements } => view! {
            <p><strong>{tr("exercise-question")}</strong>" "{question.clone()}</p>
            <fieldset class="question">
                <legend>{tr("exercise-mark-wrong")}</legend>
                {statements.iter().enumerate().map(|(k, s)| {
                    let id = format!("exercice-{}-affirmation-{k}", index + 1);
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=format!("answers[s{k}]") value="on"/>
                            <label for=id>{s.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{tr("exercise-check")}</button>
        }.into_any(),
    }
}

/// The correction of the learner's latest attempt: passed or not, the assistant's reply to a
/// request, and each criterion met or missing.
fn exercise_result(outcome: ExerciseOutcome) -> impl IntoView {
    view! {
        <div class="quiz-result" class:quiz-result--passed=outcome.passed role="status">
            <p class="quiz-result__score"><strong>{if outcome.passed { tr("exercise-passed") } else { tr("exercise-not-passed") }}</strong></p>
            {outcome.reply.map(|reply| view! {
                <div class="message message--assistant">
                    <p class="message__who">{tr("practice-assistant")}</p>
                    <p class="message__text">{reply}</p>
                </div>
            })}
            <ul class="rubric-lines">
                {outcome.lines.into_iter().map(|line| view! {
                    <li class:is-met=line.met>
                        <strong>{if line.met { tr("rubric-met") } else { tr("rubric-missing") }}</strong>" — "{line.feedback}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}
