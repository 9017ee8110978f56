//! CSV files for the HR exports, written so that spreadsheet software (Excel, LibreOffice) opens
//! them correctly and safely: UTF-8 byte order mark, CRLF line ends (RFC 4180), a choice of
//! delimiter, and a defence against formula injection.

/// Cell separator. French spreadsheets read `,` as the decimal separator, so they expect `;`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Delimiter {
    #[default]
    Semicolon,
    Comma,
}

impl Delimiter {
    /// Reads the `separateur` query parameter of an export link; `None` for anything unknown,
    /// so the caller decides whether to fall back to the default or refuse.
    pub fn from_param(value: &str) -> Option<Delimiter> {
        match value.trim().to_ascii_lowercase().as_str() {
            "point-virgule" | ";" | "semicolon" => Some(Delimiter::Semicolon),
            "virgule" | "," | "comma" => Some(Delimiter::Comma),
            _ => None,
        }
    }

    pub fn as_char(self) -> char {
        match self {
            Delimiter::Semicolon => ';',
            Delimiter::Comma => ',',
        }
    }
}

/// Builds a whole CSV document in memory (exports are small: one line per learner or course).
#[derive(Debug)]
pub struct CsvWriter {
    delimiter: Delimiter,
    buffer: String,
}

impl CsvWriter {
    pub fn new(delimiter: Delimiter) -> Self {
        // Without the byte order mark, Excel reads the file as Windows-1252 and mangles accents.
        CsvWriter { delimiter, buffer: String::from('\u{FEFF}') }
    }

    /// Appends one line; every cell goes through [`escape_cell`].
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (index, cell) in cells.into_iter().enumerate() {
            if index > 0 {
                self.buffer.push(self.delimiter.as_char());
            }
            self.buffer.push_str(&escape_cell(cell.as_ref(), self.delimiter));
        }
        self.buffer.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.buffer
    }
}

/// First characters that make a spreadsheet treat a cell as a formula (or, for tab and carriage
/// return, that some of them strip before doing so). OWASP "CSV Injection".
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell, ready to be placed between delimiters.
///
/// A cell starting with a formula trigger gets a leading `'` so it is shown as text, never
/// evaluated: names, course titles and free text come from users, and an HR export is opened by
/// someone else. As OWASP advises, this applies to every such cell, numbers included: `-12`
/// becomes `'-12`. Exports should therefore write numbers unsigned where possible (counts,
/// durations, percentages are never negative).
///
/// The cell is then quoted when it contains either delimiter (a comma file opened by a
/// spreadsheet set to `;` would otherwise split `Alex;=1+2` and evaluate `=1+2`), a double quote
/// or a line break (inner quotes doubled, RFC 4180), and also whenever it was prefixed, as OWASP
/// recommends.
pub fn escape_cell(cell: &str, delimiter: Delimiter) -> String {
    let prefixed = cell.starts_with(FORMULA_TRIGGERS);
    let needs_quotes = prefixed
        || cell.contains(|c: char| c == delimiter.as_char() || matches!(c, ';' | ',' | '"' | '\r' | '\n'));
    if !needs_quotes {
        return cell.to_string();
    }
    let mut escaped = String::with_capacity(cell.len() + 4);
    escaped.push('"');
    if prefixed {
        escaped.push('\'');
    }
    escaped.push_str(&cell.replace('"', "\"\""));
    escaped.push('"');
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(delimiter: Delimiter, rows: &[&[&str]]) -> String {
        let mut writer = CsvWriter::new(delimiter);
        for row in rows {
            writer.row(row.iter());
        }
        writer.finish()
    }

    #[test]
    fn starts_with_byte_order_mark() {
        let csv = document(Delimiter::Semicolon, &[&["a"]]);
        assert!(csv.starts_with('\u{FEFF}'));
        assert_eq!(csv.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
        assert_eq!(CsvWriter::new(Delimiter::Comma).finish(), "\u{FEFF}");
    }

    #[test]
    fn lines_end_with_crlf() {
        let csv = document(Delimiter::Semicolon, &[&["nom", "score"], &["Ada", "12"]]);
        assert_eq!(csv, "\u{FEFF}nom;score\r\nAda;12\r\n");
    }

    #[test]
    fn delimiter_is_chosen_and_quoted_when_inside_a_cell() {
        assert_eq!(Delimiter::default(), Delimiter::Semicolon);
        let comma = document(Delimiter::Comma, &[&["a", "b;c", "d,e"]]);
        assert_eq!(comma, "\u{FEFF}a,\"b;c\",\"d,e\"\r\n");
        let semicolon = document(Delimiter::Semicolon, &[&["a", "b;c", "d,e"]]);
        assert_eq!(semicolon, "\u{FEFF}a;\"b;c\";\"d,e\"\r\n");
    }

    #[test]
    fn a_formula_behind_the_other_separator_stays_inside_one_quoted_cell() {
        assert_eq!(escape_cell("Alex;=1+2", Delimiter::Comma), "\"Alex;=1+2\"");
        assert_eq!(escape_cell("Alex,=1+2", Delimiter::Semicolon), "\"Alex,=1+2\"");
    }

    #[test]
    fn delimiter_parameter_is_parsed() {
        for value in ["point-virgule", ";", "semicolon", " Semicolon "] {
            assert_eq!(Delimiter::from_param(value), Some(Delimiter::Semicolon), "{value}");
        }
        for value in ["virgule", ",", "comma"] {
            assert_eq!(Delimiter::from_param(value), Some(Delimiter::Comma), "{value}");
        }
        assert_eq!(Delimiter::from_param("tab"), None);
        assert_eq!(Delimiter::from_param(""), None);
        assert_eq!(Delimiter::Semicolon.as_char(), ';');
        assert_eq!(Delimiter::Comma.as_char(), ',');
    }

    #[test]
    fn inner_quotes_are_doubled() {
        assert_eq!(escape_cell("le \"prompt\"", Delimiter::Semicolon), "\"le \"\"prompt\"\"\"");
    }

    #[test]
    fn line_breaks_stay_inside_a_quoted_cell() {
        assert_eq!(escape_cell("ligne 1\nligne 2", Delimiter::Comma), "\"ligne 1\nligne 2\"");
        assert_eq!(escape_cell("a\r\nb", Delimiter::Comma), "\"a\r\nb\"");
    }

    #[test]
    fn formula_triggers_are_neutralised() {
        let cases = [
            ("=SUM(A1)", "\"'=SUM(A1)\""),
            ("+33 6 12 34 56 78", "\"'+33 6 12 34 56 78\""),
            ("-2+3", "\"'-2+3\""),
            ("@cmd", "\"'@cmd\""),
            ("\tfoo", "\"'\tfoo\""),
            ("\rfoo", "\"'\rfoo\""),
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ];
        for (cell, expected) in cases {
            assert_eq!(escape_cell(cell, Delimiter::Semicolon), expected, "{cell:?}");
        }
        // Only the first character matters.
        assert_eq!(escape_cell("a=b", Delimiter::Semicolon), "a=b");
        assert_eq!(escape_cell("12-3", Delimiter::Semicolon), "12-3");
    }

    #[test]
    fn accents_are_kept() {
        let csv = document(Delimiter::Semicolon, &[&["Hélène Müller", "Œuvre née à Besançon"]]);
        assert_eq!(csv, "\u{FEFF}Hélène Müller;Œuvre née à Besançon\r\n");
    }

    #[test]
    fn empty_cells_stay_empty() {
        assert_eq!(escape_cell("", Delimiter::Semicolon), "");
        let csv = document(Delimiter::Semicolon, &[&["", "b", ""]]);
        assert_eq!(csv, "\u{FEFF};b;\r\n");
    }

    #[test]
    fn rows_accept_owned_strings() {
        let mut writer = CsvWriter::new(Delimiter::Comma);
        writer.row(vec![String::from("a"), 42.to_string()]);
        assert_eq!(writer.finish(), "\u{FEFF}a,42\r\n");
    }
}
