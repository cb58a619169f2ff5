//! Persistence: projects as SQLite rows, snapshots committed to a git repository, and archives of them in
//! tar.gz, zstd and zip with a SHA-256 digest.
use std::io::{Cursor, Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection};
use scale_core::Project;
use sha2::{Digest, Sha256};

/// Stores the projects in an in-memory database; returns (name, shouted name, created) ordered by name.
pub fn store_projects(projects: &[Project]) -> anyhow::Result<Vec<(String, String, DateTime<Utc>)>> {
    let connection = Connection::open_in_memory()?;
    connection.create_scalar_function(
        "shout",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |context| {
            let text: String = context.get(0)?;
            Ok(text.to_uppercase())
        },
    )?;
    connection.execute_batch(
        "CREATE TABLE project (id BLOB PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL, body TEXT NOT NULL);
         CREATE INDEX project_name ON project (name);",
    )?;
    for project in projects {
        connection.execute(
            "INSERT INTO project (id, name, created, body) VALUES (?1, ?2, ?3, ?4)",
            params![
                project.id,
                project.name,
                project.created,
                serde_json::to_value(project)?
            ],
        )?;
    }
    let mut statement = connection.prepare("SELECT name, shout(name), created FROM project ORDER BY name")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Writes the files into a new git repository at `directory`, commits them and counts the history.
pub fn commit_snapshots(directory: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<(String, usize)> {
    let repository = git2::Repository::init(directory)?;
    for (name, bytes) in files {
        std::fs::write(directory.join(name), bytes)?;
    }
    let mut index = repository.index()?;
    index.add_all(["*"].iter(), git2::IndexAddOption::DEFAULT, None)?;
    index.write()?;
    let tree = repository.find_tree(index.write_tree()?)?;
    let signature = git2::Signature::now("scale", "scale@example.invalid")?;
    let commit = repository.commit(Some("HEAD"), &signature, &signature, "Snapshots", &tree, &[])?;
    let mut walk = repository.revwalk()?;
    walk.push_head()?;
    Ok((commit.to_string(), walk.count()))
}

#[derive(Debug)]
pub struct Archives {
    pub tar_gz_bytes: usize,
    pub zstd_bytes: usize,
    pub zip_bytes: usize,
    pub entries: usize,
    pub digest: String,
}

/// Archives the files three ways, reads each archive back and digests the tarball.
pub fn archive(files: &[(String, Vec<u8>)]) -> anyhow::Result<Archives> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, bytes.as_slice())?;
    }
    let tar_gz = builder.into_inner()?.finish()?;
    let entries = tar::Archive::new(flate2::read::GzDecoder::new(tar_gz.as_slice()))
        .entries()?
        .count();

    let joined: Vec<u8> = files.iter().flat_map(|(_, bytes)| bytes.iter().copied()).collect();
    let zstd_bytes = zstd::encode_all(joined.as_slice(), 3)?;
    anyhow::ensure!(
        zstd::decode_all(zstd_bytes.as_slice())? == joined,
        "zstd changed the bytes"
    );

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::FileOptions::default())?;
        zip.write_all(bytes)?;
    }
    let zipped = zip.finish()?.into_inner();
    let mut reader = zip::ZipArchive::new(Cursor::new(zipped.as_slice()))?;
    let mut first = String::new();
    reader.by_index(0)?.read_to_string(&mut first)?;

    Ok(Archives {
        tar_gz_bytes: tar_gz.len(),
        zstd_bytes: zstd_bytes.len(),
        zip_bytes: zipped.len(),
        entries,
        digest: base64::encode(Sha256::digest(&tar_gz)),
    })
}
