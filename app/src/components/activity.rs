//! The quiz and exercise blocks of a module page.
//!
//! The module's Markdown is cut at each ```` ```quiz ```` and ```` ```exercise ```` block; these
//! components fill the gaps. They show what the activity is about; answering comes with the
//! learning loop (quizzes and sandbox).

use leptos::prelude::*;

use crate::{
    course::{exercise::{Exercise, ExerciseKind}, quiz::Quiz},
    i18n::{tr, tr_args},
};

#[component]
pub fn QuizBlock(quiz: Quiz, index: usize) -> impl IntoView {
    let heading_id = format!("quiz-{}", index + 1);
    let labelled_by = heading_id.clone();
    let count = quiz.questions.len();
    view! {
        <section class="activity activity--quiz" aria-labelledby=labelled_by>
            <h2 id=heading_id>{tr("quiz-heading")}</h2>
            <p>{tr_args("quiz-question-count", &[("count", count.into())])}</p>
            <ol class="activity__questions">
                {quiz.questions.into_iter().map(|q| view! { <li>{q.prompt}</li> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn ExerciseBlock(exercise: Exercise, index: usize) -> impl IntoView {
    let heading_id = format!("exercice-{}", index + 1);
    let labelled_by = heading_id.clone();
    let kind = tr(match exercise.kind {
        ExerciseKind::Prompt { .. } => "exercise-kind-prompt",
        ExerciseKind::Anonymize { .. } => "exercise-kind-anonymize",
        ExerciseKind::Hallucination { .. } => "exercise-kind-hallucination",
    });
    view! {
        <section class="activity activity--exercise" aria-labelledby=labelled_by>
            <p class="activity__kind">{kind}</p>
            <h2 id=heading_id>{exercise.title}</h2>
            <p class="activity__instructions">{exercise.instructions}</p>
        </section>
    }
}
