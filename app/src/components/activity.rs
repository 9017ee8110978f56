//! The exercise blocks of a module page (the quizzes are the `QuizIsland`).
//!
//! The module's Markdown is cut at each ```` ```exercise ```` block; this component fills the gap
//! with what the exercise asks. Doing it happens in the sandbox.

use leptos::prelude::*;

use crate::{
    course::exercise::{Exercise, ExerciseKind},
    i18n::tr,
};

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
