//! The shared model: a project snapshot, and its round trip through six serialisation formats.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("yaml: {0}")]
    Yaml(#[from] serde_yaml::Error),
    #[error("toml: {0}")]
    TomlRead(#[from] toml::de::Error),
    #[error("toml: {0}")]
    TomlWrite(#[from] toml::ser::Error),
    #[error("ron: {0}")]
    Ron(#[from] ron::Error),
    #[error("msgpack: {0}")]
    MsgPackWrite(#[from] rmp_serde::encode::Error),
    #[error("msgpack: {0}")]
    MsgPackRead(#[from] rmp_serde::decode::Error),
    #[error("bincode: {0}")]
    Bincode(#[from] bincode::Error),
    #[error("version: {0}")]
    Version(#[from] semver::Error),
    #[error("url: {0}")]
    Url(#[from] url::ParseError),
    #[error("time: {0}")]
    Time(#[from] time::error::Format),
    #[error("{0} changed in a round trip")]
    RoundTrip(Format),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: Uuid,
    pub name: String,
    pub version: semver::Version,
    pub homepage: url::Url,
    pub created: DateTime<Utc>,
    pub tags: Vec<String>,
    pub metrics: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    Toml,
    Ron,
    MsgPack,
    Bincode,
}

pub const FORMATS: [Format; 6] = [
    Format::Json,
    Format::Yaml,
    Format::Toml,
    Format::Ron,
    Format::MsgPack,
    Format::Bincode,
];

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl Project {
    /// A project whose metrics follow from its name, so every run computes the same figures.
    pub fn sample(name: &str, index: u32) -> Result<Self, CoreError> {
        let seed = name
            .bytes()
            .fold(u64::from(index) + 7, |acc, byte| acc.wrapping_mul(31) ^ u64::from(byte));
        let metrics = ["lines", "crates", "tests", "links"]
            .iter()
            .enumerate()
            .map(|(position, key)| (key.to_string(), ((seed >> (position * 8)) % 1000) as f64 + 0.5))
            .collect();
        Ok(Self {
            id: Uuid::new_v4(),
            name: name.to_string(),
            version: semver::Version::parse(&format!("1.{}.{}", index % 10, seed % 30))?,
            homepage: url::Url::parse("https://example.invalid/projects/")?.join(name)?,
            created: Utc::now(),
            tags: vec!["rust".into(), format!("tier-{}", seed % 3), name.to_uppercase()],
            metrics,
        })
    }

    pub fn total(&self) -> f64 {
        self.metrics.values().sum()
    }
}

pub fn encode(project: &Project, format: Format) -> Result<Vec<u8>, CoreError> {
    Ok(match format {
        Format::Json => serde_json::to_vec_pretty(project)?,
        Format::Yaml => serde_yaml::to_string(project)?.into_bytes(),
        Format::Toml => toml::to_string(project)?.into_bytes(),
        Format::Ron => ron::ser::to_string_pretty(project, ron::ser::PrettyConfig::default())?.into_bytes(),
        Format::MsgPack => rmp_serde::to_vec_named(project)?,
        Format::Bincode => bincode::serialize(project)?,
    })
}

pub fn decode(bytes: &[u8], format: Format) -> Result<Project, CoreError> {
    let text = || String::from_utf8_lossy(bytes).into_owned();
    Ok(match format {
        Format::Json => serde_json::from_slice(bytes)?,
        Format::Yaml => serde_yaml::from_slice(bytes)?,
        Format::Toml => toml::from_str(&text())?,
        Format::Ron => ron::from_str(&text())?,
        Format::MsgPack => rmp_serde::from_slice(bytes)?,
        Format::Bincode => bincode::deserialize(bytes)?,
    })
}

/// Encodes and decodes the project in every format; returns each encoding's size in bytes.
pub fn round_trip_all(project: &Project) -> Result<Vec<(Format, usize)>, CoreError> {
    FORMATS
        .iter()
        .map(|&format| {
            let bytes = encode(project, format)?;
            let back = decode(&bytes, format)?;
            if back.id != project.id || back.tags != project.tags {
                return Err(CoreError::RoundTrip(format));
            }
            Ok((format, bytes.len()))
        })
        .collect()
}

/// The current time as RFC 3339 and as a plain date, through the `time` crate.
pub fn stamp() -> Result<(String, String), CoreError> {
    let now = time::OffsetDateTime::now_utc();
    let date = now.format(time::macros::format_description!("[year]-[month]-[day]"))?;
    Ok((now.format(&Rfc3339)?, date))
}
