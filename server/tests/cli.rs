//! The `server` executable's reading of its settings: a command reads only those it needs, a bad
//! value is reported in French with its variable's name, and `--help` shows no secret.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

/// Runs `server args…` with only `env` in its environment and `stdin` on its standard input.
fn server(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server executable starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin written");
    child.wait_with_output().expect("the server executable ends")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_command_that_needs_no_setting_ignores_a_bad_one() {
    let output = server(&["privacy", "scan"], &[("CAMPUS_ENV", "staging"), ("LEPTOS_SITE_ADDR", "nulle-part")], "Bonjour à tous.\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = server(&["privacy", "scan"], &[("CAMPUS_ENV", "staging")], "Écrire à camille.durand@exemple.fr\n");
    assert_eq!(output.status.code(), Some(1), "personal data found: {}", stderr(&output));
}

#[test]
fn a_bad_setting_is_reported_in_french_with_its_variable() {
    let output = server(&["migrate"], &[("CAMPUS_ENV", "staging")], "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "erreur : CAMPUS_ENV invalide (« staging ») : dev ou prod\n");
    // `server` alone is `server serve`, which reads the listening address.
    let output = server(&[], &[("LEPTOS_SITE_ADDR", "localhost")], "");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr(&output), "erreur : LEPTOS_SITE_ADDR invalide (« localhost ») : une adresse et un port, par exemple 127.0.0.1:3000\n");
    // Settings that go together are checked when the server builds its configuration.
    let output = server(&["serve"], &[("CAMPUS_SMTP_URL", "smtp://relais.interne:25")], "");
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("erreur : CAMPUS_MAIL_FROM invalide («  ») : avec CAMPUS_SMTP_URL"), "{}", stderr(&output));
}

#[test]
fn help_names_the_variables_and_hides_the_secrets() {
    let env = [
        ("CAMPUS_SMTP_URL", "smtps://campus:mot-de-passe-smtp@relais:465"),
        ("DATABASE_URL", "postgres://campus:mot-de-passe-base@db/campus"),
        ("CAMPUS_OIDC_CLIENT_SECRET", "secret-du-fournisseur"),
        ("CAMPUS_ENV", "prod"),
    ];
    let output = server(&["serve", "--help"], &env, "");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let help = String::from_utf8_lossy(&output.stdout);
    for variable in ["DATABASE_URL", "CAMPUS_SMTP_URL", "CAMPUS_OIDC_CLIENT_SECRET", "CAMPUS_REMINDER_DAYS"] {
        assert!(help.contains(variable), "{variable} missing from the help:\n{help}");
    }
    for secret in ["mot-de-passe-smtp", "mot-de-passe-base", "secret-du-fournisseur"] {
        assert!(!help.contains(secret), "{secret} shown by --help:\n{help}");
    }
    assert!(help.contains("CAMPUS_ENV=prod"), "a setting that is not secret shows its value:\n{help}");
}
