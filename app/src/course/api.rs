//! Server functions of the course engine: what the catalogue, course and module pages load.
//! Reading published courses needs no account.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    catalogue::CatalogueFilter,
    model::{CourseInfo, CourseOutline, LearnerModulePage},
};

/// The catalogue as shown: the matching courses and the choices of the filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub courses: Vec<CourseInfo>,
    pub themes: Vec<String>,
    /// Number of published courses, before filtering.
    pub total: usize,
}

#[server]
pub async fn load_catalogue(filter: CatalogueFilter) -> Result<CatalogueView, ServerFnError> {
    let state = crate::error::app_state()?;
    let all = state.content.catalogue(&state.db).await.map_err(crate::error::unavailable)?;
    let courses = super::catalogue::filter(&all, &filter).into_iter().cloned().collect();
    Ok(CatalogueView { courses, themes: super::catalogue::themes(&all), total: all.len() })
}

#[server]
pub async fn load_course(course: String) -> Result<Option<CourseOutline>, ServerFnError> {
    let state = crate::error::app_state()?;
    let outline = state.content.outline(&state.db, &course).await.map_err(crate::error::unavailable)?;
    Ok(outline.map(|outline| (*outline).clone()))
}

/// The module page as anyone may see it: its quizzes and exercises come without their keys.
#[server]
pub async fn load_module(course: String, module: String) -> Result<Option<LearnerModulePage>, ServerFnError> {
    let state = crate::error::app_state()?;
    let page = state.content.module_page(&state.db, &course, &module).await.map_err(crate::error::unavailable)?;
    Ok(page.map(|page| page.learner_view()))
}
