//! `/courriels/desabonnement/{jeton}/{sujet}`: the unsubscribe link of optional messages.
//! `GET` shows a confirmation button (so that a mail scanner following links changes nothing);
//! `POST` turns the topic off — what the button sends, and what mail clients send for the
//! one-click `List-Unsubscribe-Post` of RFC 8058. The preferences stay editable in « Mon compte ».

use app::{mail::{notices, Topic}, state::AppState};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

fn page(state: &AppState, status: StatusCode, title: &str, body: &str) -> Response {
    let stylesheet = crate::assets::stylesheet_href(&state.leptos_options);
    let html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Campus IA</title><link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
         <body><main class=\"page narrow\" id=\"contenu\"><h1>{title}</h1>{body}<p><a href=\"/mon-compte\">Mes préférences de courriels</a></p></main></body></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html).into_response()
}

fn topic_label(topic: Topic) -> &'static str {
    match topic {
        Topic::Assignments => "les avis de cours assignés et les rappels d'échéance",
        Topic::HrDigest => "le récapitulatif hebdomadaire RH",
    }
}

fn read(token: &str, topic: &str) -> Option<(String, Topic)> {
    let token: String = token.chars().filter(char::is_ascii_hexdigit).collect();
    Some((token, Topic::from_id(topic)?)).filter(|(t, _)| t.len() == 64)
}

pub async fn confirm_page(State(state): State<AppState>, Path((token, topic)): Path<(String, String)>) -> Response {
    let Some((token, topic)) = read(&token, &topic) else {
        return page(&state, StatusCode::NOT_FOUND, "Lien inconnu", "<p>Ce lien de désabonnement n'est pas valide.</p>");
    };
    page(
        &state,
        StatusCode::OK,
        "Ne plus recevoir ces courriels",
        &format!(
            "<p>Vous ne recevrez plus {}.</p><form method=\"post\" action=\"/courriels/desabonnement/{token}/{}\"><button type=\"submit\">Confirmer</button></form>",
            topic_label(topic),
            topic.id()
        ),
    )
}

pub async fn unsubscribe(State(state): State<AppState>, Path((token, topic)): Path<(String, String)>) -> Response {
    let Some((token, topic)) = read(&token, &topic) else {
        return page(&state, StatusCode::NOT_FOUND, "Lien inconnu", "<p>Ce lien de désabonnement n'est pas valide.</p>");
    };
    match notices::opt_out(&state.db, &token, topic).await {
        Ok(true) => page(&state, StatusCode::OK, "C'est fait", &format!("<p>Vous ne recevrez plus {}.</p>", topic_label(topic))),
        Ok(false) => page(&state, StatusCode::NOT_FOUND, "Lien inconnu", "<p>Ce lien de désabonnement n'est pas valide.</p>"),
        Err(error) => {
            tracing::error!(%error, "unsubscribe failed");
            page(&state, StatusCode::SERVICE_UNAVAILABLE, "Service indisponible", &format!("<p>{}</p>", app::error::UNAVAILABLE))
        }
    }
}
