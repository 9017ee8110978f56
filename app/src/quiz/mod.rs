//! Quizzes as learners take them: grading (pure), and the server functions that record attempts
//! with their limits.

pub mod api;
pub mod grading;
