//! Reading an agents file exported from an HR directory (pure: no database).
//!
//! The format, documented for administrators in the README: a header row naming the columns
//! `email;prenom;nom;unite` (required) and `role;siret;identifiant` (optional), in any order and
//! any case; UTF-8 with or without a byte-order mark; `;` or `,` as the separator (the one the
//! header uses); quoted fields as spreadsheet software writes them (the `csv` crate reads them).
//! `unite` is a unit's code or its path from the top of the tree (`Ministère / Direction /
//! Service`). Every problem is reported as `ligne N : …`, all of them at once, so that the file
//! can be fixed in one go.

use std::collections::HashMap;

use super::ImportProblem;
use crate::accounts::{normalize_email, Role};

/// Largest file accepted (about 150,000 lines of a usual export).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Most problems listed: past that, the file is probably not the expected export.
pub const MAX_PROBLEMS: usize = 200;
/// Longest first or last name.
const MAX_NAME_CHARS: usize = 100;

/// One agent of the file, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    /// Lower-cased, as accounts store it.
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    /// A unit code or a path of unit names.
    pub unit: UnitRef,
    /// A role to grant over the agent's unit (never removed by an import).
    pub role: Option<Role>,
    /// The SIRET of the agent's unit, recorded on the unit when it has none.
    pub siret: Option<String>,
    /// The agent's identifier in the HR directory: matched before the e-mail, so that a
    /// changed address updates the account instead of creating a second one.
    pub external_id: Option<String>,
}

impl ImportRow {
    /// « Prénom Nom », as accounts show it.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// How the `unite` column names a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitRef {
    /// A value without `/`: a unit code first, else the name of a top-level unit.
    Code(String),
    /// Unit names from the top of the tree, separated by `/`.
    Path(Vec<String>),
}

impl UnitRef {
    fn parse(value: &str) -> Option<UnitRef> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if value.contains('/') {
            let parts: Vec<String> =
                value.split('/').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
            if parts.iter().any(String::is_empty) {
                return None;
            }
            Some(UnitRef::Path(parts))
        } else {
            Some(UnitRef::Code(value.to_owned()))
        }
    }
}

impl std::fmt::Display for UnitRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnitRef::Code(code) => f.write_str(code),
            UnitRef::Path(parts) => f.write_str(&parts.join(" / ")),
        }
    }
}

/// One problem of the file, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub problem: ImportProblem,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "fichier : {}", self.problem)
        } else {
            write!(f, "ligne {} : {}", self.line, self.problem)
        }
    }
}

fn problem(line: usize, problem: ImportProblem) -> LineProblem {
    LineProblem { line, problem }
}

const REQUIRED: [&str; 4] = ["email", "prenom", "nom", "unite"];
const OPTIONAL: [&str; 3] = ["role", "siret", "identifiant"];

/// A header name folded the way administrators write it (`Prénom`, `UNITÉ`, ` email `).
fn column_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'û' | 'ù' => 'u',
            other => other,
        })
        .collect()
}

/// The role named in the `role` column (French or the internal name); admins are not imported.
fn parse_role(value: &str) -> Result<Option<Role>, ImportProblem> {
    match column_key(value).as_str() {
        "" | "agent" => Ok(None),
        "formateur" | "formatrice" | "trainer" => Ok(Some(Role::Trainer)),
        "rh" | "hr" | "ressources humaines" => Ok(Some(Role::Hr)),
        "admin" | "administrateur" | "administratrice" => {
            Err(ImportProblem::AdminRole)
        }
        _ => Err(ImportProblem::UnknownRole(value.trim().to_owned())),
    }
}

/// Reads and checks the whole file: every row, or every problem found.
pub fn parse(bytes: &[u8]) -> Result<Vec<ImportRow>, Vec<LineProblem>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![problem(0, ImportProblem::FileTooLarge { megabytes: MAX_FILE_BYTES / (1024 * 1024) })]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(vec![problem(line, ImportProblem::NotUtf8)]);
        }
    };
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() >= header_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(error) => return Err(vec![problem(1, ImportProblem::UnreadableHeader(error.to_string()))]),
    };
    let mut columns: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let key = column_key(name);
        if key.is_empty() {
            continue;
        }
        if !REQUIRED.contains(&key.as_str()) && !OPTIONAL.contains(&key.as_str()) {
            problems.push(problem(
                1,
                ImportProblem::UnknownColumn { name: name.trim().to_owned(), expected: REQUIRED.join(";"), optional: OPTIONAL.join(";") },
            ));
        } else if columns.insert(key, index).is_some() {
            problems.push(problem(1, ImportProblem::DuplicateColumn(name.trim().to_owned())));
        }
    }
    for required in REQUIRED {
        if !columns.contains_key(required) {
            problems.push(problem(1, ImportProblem::MissingColumn { name: required.to_owned(), delimiter: (delimiter as char).to_string() }));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    let mut emails: HashMap<String, usize> = HashMap::new();
    let mut identifiers: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        if problems.len() >= MAX_PROBLEMS {
            problems.push(problem(0, ImportProblem::TooManyProblems(MAX_PROBLEMS)));
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map(|p| p.line() as usize).unwrap_or(0);
                problems.push(problem(line, ImportProblem::UnreadableLine(error.to_string())));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let field = |name: &str| columns.get(name).and_then(|&i| record.get(i)).unwrap_or_default().trim().to_owned();
        let mut row_problems = Vec::new();
        let email = match normalize_email(&field("email")) {
            Ok(email) => Some(email),
            Err(error) => {
                row_problems.push(ImportProblem::InvalidEmail { error, value: field("email") });
                None
            }
        };
        let name = |column: &str, (empty, too_long): (ImportProblem, ImportProblem), problems: &mut Vec<ImportProblem>| {
            let value = field(column).split_whitespace().collect::<Vec<_>>().join(" ");
            if value.is_empty() {
                problems.push(empty);
            } else if value.chars().count() > MAX_NAME_CHARS {
                problems.push(too_long);
            }
            value
        };
        let given_name = name("prenom", (ImportProblem::GivenNameEmpty, ImportProblem::GivenNameTooLong(MAX_NAME_CHARS)), &mut row_problems);
        let family_name = name("nom", (ImportProblem::FamilyNameEmpty, ImportProblem::FamilyNameTooLong(MAX_NAME_CHARS)), &mut row_problems);
        let unit = UnitRef::parse(&field("unite"));
        if unit.is_none() {
            row_problems.push(ImportProblem::MalformedUnit(field("unite")));
        }
        let role = parse_role(&field("role")).unwrap_or_else(|problem| {
            row_problems.push(problem);
            None
        });
        let siret = match field("siret") {
            value if value.is_empty() => None,
            value => {
                let normalized = super::normalize_siret(&value);
                if normalized.is_none() {
                    row_problems.push(ImportProblem::MalformedSiret(value.clone()));
                }
                normalized
            }
        };
        let external_id = Some(field("identifiant")).filter(|v| !v.is_empty());
        if let Some(email) = &email {
            if let Some(first) = emails.insert(email.clone(), line) {
                row_problems.push(ImportProblem::DuplicateEmail { email: email.clone(), first });
            }
        }
        if let Some(id) = &external_id {
            if let Some(first) = identifiers.insert(id.clone(), line) {
                row_problems.push(ImportProblem::DuplicateIdentifier { id: id.clone(), first });
            }
        }
        if row_problems.is_empty() {
            if let (Some(email), Some(unit)) = (email, unit) {
                rows.push(ImportRow { line, email, given_name, family_name, unit, role, siret, external_id });
            }
        } else {
            problems.extend(row_problems.into_iter().map(|found| problem(line, found)));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(vec![problem(2, ImportProblem::NoAgents)]);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(result: Result<Vec<ImportRow>, Vec<LineProblem>>) -> Vec<String> {
        result.unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_spreadsheet_export_is_read_with_bom_semicolons_quotes_and_any_column_order() {
        let file = "\u{feff}Prénom;NOM;Email;Unité;Role\n";
        let file = format!("{file}Camille;Durand;Camille.Durand@Mairie.fr;Mairie / Service \"état civil\";rh\n\"Jean; dit Jo\";Martin;jean@mairie.fr;EC-01;\n\n");
        let rows = parse(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].email, "camille.durand@mairie.fr");
        assert_eq!(rows[0].unit, UnitRef::Path(vec!["Mairie".into(), "Service \"état civil\"".into()]));
        assert_eq!(rows[0].role, Some(Role::Hr));
        assert_eq!(rows[1].given_name, "Jean; dit Jo");
        assert_eq!(rows[1].unit, UnitRef::Code("EC-01".into()));
        assert_eq!((rows[0].line, rows[1].line), (2, 3));
    }

    #[test]
    fn commas_work_too_and_optional_columns_are_read() {
        let rows = parse(b"email,prenom,nom,unite,siret,identifiant\na@b.fr,A,B,U1,217 500 016 00019,M-42\n").unwrap();
        assert_eq!(rows[0].siret.as_deref(), Some("21750001600019"));
        assert_eq!(rows[0].external_id.as_deref(), Some("M-42"));
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let file = "email;prenom;nom;unite;role;siret;identifiant\n\
                    pas-une-adresse;A;B;U;;;\n\
                    a@b.fr;;B;U;chef;123;\n\
                    a@b.fr;A;B;Direction //Service;admin;;X\n\
                    c@b.fr;A;B;U;;;X\n";
        assert_eq!(
            messages(parse(file.as_bytes())),
            [
                "ligne 2 : l'adresse électronique doit avoir la forme nom@domaine.fr (« pas-une-adresse »)",
                "ligne 3 : le prénom est vide",
                "ligne 3 : rôle « chef » inconnu (agent, formateur ou rh)",
                "ligne 3 : le SIRET « 123 » n'a pas 14 chiffres",
                "ligne 4 : l'unité est vide ou mal écrite (« Direction //Service » ; un code, ou un chemin « Direction / Service »)",
                "ligne 4 : le rôle administrateur ne s'importe pas : donnez-le depuis la page d'administration",
                "ligne 4 : l'adresse a@b.fr figure déjà ligne 3",
                "ligne 5 : l'identifiant X figure déjà ligne 4",
            ]
        );
    }

    #[test]
    fn a_wrong_header_or_encoding_is_explained() {
        let header = messages(parse(b"mail;prenom;nom\nx"));
        assert!(header.iter().any(|m| m.contains("colonne « mail » inconnue")), "{header:?}");
        assert!(header.iter().any(|m| m.contains("« email » absente")), "{header:?}");
        let latin1 = messages(parse(b"email;prenom;nom;unite\na@b.fr;Ren\xe9;B;U\n"));
        assert_eq!(latin1, ["ligne 2 : le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 » depuis votre tableur)"]);
        assert_eq!(messages(parse(b"email;prenom;nom;unite\n")), ["ligne 2 : le fichier ne contient aucun agent après l'en-tête"]);
    }
}
