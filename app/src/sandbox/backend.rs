//! Which assistant answers in the atelier: the in-process simulation (the default) or an external
//! service speaking the OpenAI chat-completions protocol (the French government's Albert API, a
//! vLLM or Ollama server…), chosen with `ASSISTANT_BASE_URL`, `ASSISTANT_API_KEY` and
//! `ASSISTANT_MODEL`.
//!
//! The personal-data guard runs before any backend. The simulation answers anyway and shows a
//! warning, because it teaches and nothing leaves the server; an external backend never receives
//! a message in which the detector found personal data.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::{
    assistant::{self, Reply},
    privacy::{self, Finding},
};

/// How long an external assistant may take to answer.
const EXTERNAL_TIMEOUT: Duration = Duration::from_secs(60);

/// The assistant behind the atelier.
#[derive(Clone)]
pub enum AssistantBackend {
    Simulated,
    External(ExternalAssistant),
}

/// An OpenAI-compatible service.
#[derive(Clone)]
pub struct ExternalAssistant {
    /// Up to and including `/v1`, without a trailing slash.
    base_url: String,
    api_key: Option<SecretString>,
    model: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for AssistantBackend {
    // The API key must never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AssistantBackend::Simulated => f.write_str("Simulated"),
            AssistantBackend::External(external) => {
                write!(f, "External {{ base_url: {:?}, model: {:?} }}", external.base_url, external.model)
            }
        }
    }
}

/// Why the assistant gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum AssistantError {
    #[error("le message contient des données personnelles : il n'a pas été envoyé à l'assistant externe")]
    PersonalData(Vec<Finding>),
    #[error("l'assistant externe ne répond pas ({0})")]
    Unreachable(String),
    #[error("l'assistant externe a refusé la demande (HTTP {status}) : {message}")]
    Refused { status: u16, message: String },
    #[error("la réponse de l'assistant externe est illisible ({0})")]
    InvalidResponse(String),
}

/// A configuration that cannot work, reported at start-up.
#[derive(Debug, thiserror::Error)]
pub enum BackendConfigError {
    #[error("ASSISTANT_BASE_URL invalide (« {0} ») : une adresse http:// ou https://, par exemple https://albert.api.etalab.gouv.fr/v1")]
    BaseUrl(String),
    #[error("ASSISTANT_MODEL est requis avec ASSISTANT_BASE_URL (le nom du modèle à utiliser)")]
    MissingModel,
    #[error("client HTTP impossible à créer : {0}")]
    Client(String),
}

/// One earlier message of the conversation.
pub struct Turn<'a> {
    pub role: &'a str,
    pub content: &'a str,
}

impl AssistantBackend {
    /// The simulation unless `base_url` is set.
    pub fn from_settings(
        base_url: Option<&str>,
        api_key: Option<&str>,
        model: Option<&str>,
    ) -> Result<AssistantBackend, BackendConfigError> {
        let Some(base_url) = base_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(AssistantBackend::Simulated);
        };
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(BackendConfigError::BaseUrl(base_url.to_owned()));
        }
        let model = model.map(str::trim).filter(|m| !m.is_empty()).ok_or(BackendConfigError::MissingModel)?;
        let client = reqwest::Client::builder()
            .timeout(EXTERNAL_TIMEOUT)
            .build()
            .map_err(|e| BackendConfigError::Client(e.to_string()))?;
        Ok(AssistantBackend::External(ExternalAssistant {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: api_key.map(str::trim).filter(|k| !k.is_empty()).map(SecretString::from),
            model: model.to_owned(),
            client,
        }))
    }

    /// The model name shown to learners when the assistant is external.
    pub fn external_model(&self) -> Option<&str> {
        match self {
            AssistantBackend::Simulated => None,
            AssistantBackend::External(external) => Some(&external.model),
        }
    }

    /// Answers `prompt`, after `history`, in a situation described by `system`. `brief` is the
    /// scenario's server-side content (reference answer, document), which only the simulation
    /// uses; the situation is not the learner's voice, so the simulation does not read it.
    pub async fn answer(
        &self,
        system: &str,
        history: &[Turn<'_>],
        prompt: &str,
        brief: Option<assistant::Brief<'_>>,
    ) -> Result<Reply, AssistantError> {
        match self {
            AssistantBackend::Simulated => Ok(assistant::answer(&assistant::Exchange { system: "", prompt, scenario: brief })),
            AssistantBackend::External(external) => {
                let findings = privacy::scan(prompt);
                if !findings.is_empty() {
                    return Err(AssistantError::PersonalData(findings));
                }
                let text = external.complete(system, history, prompt).await?;
                Ok(Reply { text, personal_data: Vec::new(), debrief: Vec::new() })
            }
        }
    }
}

impl ExternalAssistant {
    async fn complete(&self, system: &str, history: &[Turn<'_>], prompt: &str) -> Result<String, AssistantError> {
        let mut messages = vec![json!({ "role": "system", "content": system })];
        messages.extend(history.iter().map(|turn| json!({ "role": turn.role, "content": turn.content })));
        messages.push(json!({ "role": "user", "content": prompt }));
        let mut request = self
            .client
            .post(format!("{}/chat/completions", self.base_url))
            .json(&json!({ "model": self.model, "messages": messages, "stream": false }));
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key.expose_secret());
        }
        let response = request.send().await.map_err(|e| AssistantError::Unreachable(e.to_string()))?;
        let status = response.status();
        let body: Value = response.json().await.map_err(|e| AssistantError::InvalidResponse(e.to_string()))?;
        if !status.is_success() {
            let message = body["error"]["message"].as_str().unwrap_or("sans détail").to_owned();
            return Err(AssistantError::Refused { status: status.as_u16(), message });
        }
        body["choices"][0]["message"]["content"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| AssistantError::InvalidResponse("choices[0].message.content absent".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulation_is_the_default() {
        assert!(matches!(AssistantBackend::from_settings(None, None, None).unwrap(), AssistantBackend::Simulated));
        assert!(matches!(AssistantBackend::from_settings(Some("  "), Some("k"), Some("m")).unwrap(), AssistantBackend::Simulated));
    }

    #[test]
    fn an_external_backend_needs_a_url_and_a_model() {
        assert!(matches!(AssistantBackend::from_settings(Some("albert"), None, Some("m")), Err(BackendConfigError::BaseUrl(_))));
        assert!(matches!(AssistantBackend::from_settings(Some("https://a.example/v1"), None, None), Err(BackendConfigError::MissingModel)));
        let backend = AssistantBackend::from_settings(Some("https://a.example/v1/"), Some("secret"), Some("albert-large")).unwrap();
        assert_eq!(backend.external_model(), Some("albert-large"));
        assert!(!format!("{backend:?}").contains("secret"), "no key in logs");
    }

    #[tokio::test]
    async fn personal_data_never_reaches_an_external_backend() {
        // An address nobody listens on: the guard must refuse before any connection is tried.
        let backend = AssistantBackend::from_settings(Some("http://127.0.0.1:9/v1"), None, Some("m")).unwrap();
        let refused = backend.answer("", &[], "Répondez à Mme Durand, sophie.durand@exemple.fr", None).await;
        match refused {
            Err(AssistantError::PersonalData(findings)) => assert_eq!(findings.len(), 2),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
