//! Course folders as `.zip` archives, exactly the layout of `courses/` (server only): export
//! writes every file of a version under a folder named after the course; import reads such an
//! archive back, refusing what could escape the folder or fill the disk. Export then import
//! gives the same files, hence the same content hash.

use std::{
    collections::BTreeMap,
    io::{Cursor, Read, Write},
};

use zip::{write::SimpleFileOptions, CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Largest accepted archive, and largest file once uncompressed.
pub const MAX_ARCHIVE_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Most files in one course.
pub const MAX_FILES: usize = 500;
/// Largest course once uncompressed, all files together (500 files of 10 MiB would be 5 GiB).
pub const MAX_TOTAL_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArchiveError {
    #[error("le fichier envoyé n'est pas une archive .zip lisible")]
    NotAZip,
    #[error("l'archive dépasse {} Mo", MAX_ARCHIVE_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("« {0} » dépasse {limit} Mo une fois décompressé", limit = MAX_FILE_BYTES / 1024 / 1024)]
    FileTooLarge(String),
    #[error("l'archive dépasse {limit} Mo une fois décompressée", limit = MAX_TOTAL_BYTES / 1024 / 1024)]
    TotalTooLarge,
    #[error("l'archive contient plus de {MAX_FILES} fichiers")]
    TooManyFiles,
    #[error("chemin refusé dans l'archive : « {0} » (il sortirait du dossier du cours)")]
    UnsafePath(String),
    #[error("l'archive doit contenir un seul dossier de cours (avec son course.toml), ou ses fichiers directement")]
    Layout,
    #[error("écriture de l'archive impossible : {0}")]
    Write(String),
}

/// Writes `files` under `slug/` as a zip. Entries are sorted and dated 1980-01-01 so that the
/// same version always gives the same bytes.
pub fn to_zip(slug: &str, files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, ArchiveError> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (path, bytes) in files {
        writer.start_file(format!("{slug}/{path}"), options).map_err(|e| ArchiveError::Write(e.to_string()))?;
        writer.write_all(bytes).map_err(|e| ArchiveError::Write(e.to_string()))?;
    }
    let cursor = writer.finish().map_err(|e| ArchiveError::Write(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// A relative path with `/`, or why it is refused.
fn safe_path(name: &str) -> Result<String, ArchiveError> {
    let refused = || ArchiveError::UnsafePath(name.chars().take(120).collect());
    if name.starts_with('/') || name.contains('\\') || name.contains('\0') || name.contains(':') {
        return Err(refused());
    }
    let parts: Vec<&str> = name.split('/').filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| *p == ".." || *p == ".") {
        return Err(refused());
    }
    Ok(parts.join("/"))
}

/// Reads an archive into the files of one course folder (paths relative to that folder).
/// Hidden files (starting with `.`) and folders are skipped, as when reading a folder.
/// Decompressing is CPU work: async callers run it with `tokio::task::spawn_blocking`.
pub fn from_zip(bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, ArchiveError> {
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(ArchiveError::TooLarge);
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| ArchiveError::NotAZip)?;
    if archive.len() > MAX_FILES * 2 {
        return Err(ArchiveError::TooManyFiles);
    }
    let mut entries = BTreeMap::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|_| ArchiveError::NotAZip)?;
        let name = file.name().to_owned();
        // `enclosed_name` is the zip crate's own check (no absolute path, no `..` above the root);
        // ours also refuses `.`, backslashes and drive letters.
        if file.enclosed_name().is_none() {
            return Err(ArchiveError::UnsafePath(name.chars().take(120).collect()));
        }
        let path = safe_path(&name)?;
        if file.is_dir() || path.is_empty() || path.split('/').any(|part| part.starts_with('.')) || path.starts_with("__MACOSX") {
            continue;
        }
        if file.size() > MAX_FILE_BYTES {
            return Err(ArchiveError::FileTooLarge(path));
        }
        // The declared size may lie: never read more than the limit.
        let mut content = Vec::new();
        (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut content).map_err(|_| ArchiveError::NotAZip)?;
        if content.len() as u64 > MAX_FILE_BYTES {
            return Err(ArchiveError::FileTooLarge(path));
        }
        total += content.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ArchiveError::TotalTooLarge);
        }
        entries.insert(path, content);
        if entries.len() > MAX_FILES {
            return Err(ArchiveError::TooManyFiles);
        }
    }
    if entries.contains_key("course.toml") {
        return Ok(entries);
    }
    // One top folder holding the course: strip it.
    let tops: std::collections::BTreeSet<&str> = entries.keys().map(|p| p.split('/').next().unwrap_or_default()).collect();
    match tops.into_iter().collect::<Vec<_>>().as_slice() {
        [top] if entries.contains_key(&format!("{top}/course.toml")) => {
            let prefix = format!("{top}/");
            Ok(entries.into_iter().filter_map(|(path, bytes)| Some((path.strip_prefix(&prefix)?.to_owned(), bytes))).collect())
        }
        _ => Err(ArchiveError::Layout),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, Vec<u8>> {
        BTreeMap::from([
            ("course.toml".to_owned(), b"title = \"T\"\n".to_vec()),
            ("01-un.md".to_owned(), "Accentué : é à ç\n".as_bytes().to_vec()),
            ("images/schema.png".to_owned(), vec![0x89, b'P', b'N', b'G', 0, 1, 2, 255]),
        ])
    }

    #[test]
    fn export_then_import_gives_the_same_files_and_bytes() {
        let zip = to_zip("mon-cours", &files()).unwrap();
        assert_eq!(from_zip(&zip).unwrap(), files());
        assert_eq!(to_zip("mon-cours", &files()).unwrap(), zip, "the same version always gives the same archive");
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer.start_file(*name, SimpleFileOptions::default()).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn paths_leaving_the_folder_are_refused() {
        for name in ["../evil.md", "cours/../../evil.md", "/etc/passwd", "cours\\evil.md", "C:/evil.md"] {
            let zip = zip_of(&[("cours/course.toml", b"x"), (name, b"x")]);
            assert!(matches!(from_zip(&zip), Err(ArchiveError::UnsafePath(_))), "{name}");
        }
    }

    #[test]
    fn layouts_sizes_and_garbage() {
        assert_eq!(from_zip(b"pas une archive"), Err(ArchiveError::NotAZip));
        let flat = zip_of(&[("course.toml", b"x"), ("01-un.md", b"y"), (".DS_Store", b"z")]);
        assert_eq!(from_zip(&flat).unwrap().len(), 2, "files at the root, hidden ones skipped");
        let two = zip_of(&[("a/course.toml", b"x"), ("b/course.toml", b"y")]);
        assert_eq!(from_zip(&two), Err(ArchiveError::Layout));
        let big = vec![b'a'; (MAX_FILE_BYTES + 1) as usize];
        let zip = zip_of(&[("c/course.toml", b"x"), ("c/gros.md", &big)]);
        assert_eq!(from_zip(&zip), Err(ArchiveError::FileTooLarge("c/gros.md".into())));
    }

    #[test]
    fn the_whole_course_is_capped_once_uncompressed() {
        // Eleven files of 10 MiB of zeros compress to almost nothing, and would take 110 MiB.
        let chunk = vec![0u8; MAX_FILE_BYTES as usize];
        let names: Vec<String> = (0..11).map(|i| format!("c/fichier-{i}.md")).collect();
        let mut entries: Vec<(&str, &[u8])> = vec![("c/course.toml", b"x")];
        entries.extend(names.iter().map(|n| (n.as_str(), chunk.as_slice())));
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            writer.start_file(name, SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)).unwrap();
            writer.write_all(bytes).unwrap();
        }
        let zip = writer.finish().unwrap().into_inner();
        assert!(zip.len() < MAX_ARCHIVE_BYTES);
        assert_eq!(from_zip(&zip), Err(ArchiveError::TotalTooLarge));
    }
}
