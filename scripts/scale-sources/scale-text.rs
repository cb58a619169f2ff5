//! Text: Markdown to HTML, Rust highlighted by syntect, a tera report, metrics parsed by nom, versions found by
//! regex, and the projects as XML, CSV and an edited TOML manifest.
use std::collections::BTreeMap;
use std::io::Cursor;

use nom::bytes::complete::take_while1;
use nom::character::complete::{char, multispace0};
use nom::multi::separated_list0;
use nom::number::complete::double;
use nom::sequence::{delimited, separated_pair};
use nom::IResult;
use quick_xml::events::{BytesText, Event};
use regex::Regex;
use scale_core::Project;
use syntect::highlighting::ThemeSet;
use syntect::parsing::SyntaxSet;

pub fn markdown_to_html(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::all());
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

pub fn highlight_rust(code: &str) -> anyhow::Result<String> {
    let syntaxes = SyntaxSet::load_defaults_newlines();
    let themes = ThemeSet::load_defaults();
    let syntax = syntaxes
        .find_syntax_by_extension("rs")
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    Ok(syntect::html::highlighted_html_for_string(
        code,
        &syntaxes,
        syntax,
        &themes.themes["InspiredGitHub"],
    )?)
}

const REPORT: &str = "<h1>{{ project.name | upper }} {{ project.version }}</h1>\n\
{% for tag in project.tags %}<span class=\"tag\">{{ tag | slugify }}</span>{% endfor %}\n\
<p>{{ total | round(precision=1) }} in all</p>\n{{ body | safe }}\n{{ code | safe }}\n";

pub fn render_report(project: &Project, body: &str, code: &str) -> anyhow::Result<String> {
    let mut tera = tera::Tera::default();
    tera.add_raw_template("report.html", REPORT)?;
    let mut context = tera::Context::new();
    context.insert("project", project);
    context.insert("total", &project.total());
    context.insert("body", body);
    context.insert("code", code);
    Ok(tera.render("report.html", &context)?)
}

fn metric(input: &str) -> IResult<&str, (&str, f64)> {
    let key = delimited(
        multispace0,
        take_while1(|c: char| c.is_alphanumeric() || c == '_'),
        multispace0,
    );
    separated_pair(key, char('='), delimited(multispace0, double, multispace0))(input)
}

/// Parses `key = number; key = number`.
pub fn parse_metrics(input: &str) -> anyhow::Result<BTreeMap<String, f64>> {
    let (_, pairs) = separated_list0(char(';'), metric)(input).map_err(|error| anyhow::anyhow!(error.to_string()))?;
    Ok(pairs.into_iter().map(|(key, value)| (key.to_string(), value)).collect())
}

pub fn find_versions(text: &str) -> Vec<String> {
    let pattern = Regex::new(r"\bv?(\d+)\.(\d+)\.(\d+)\b").expect("a valid pattern");
    pattern
        .captures_iter(text)
        .map(|captures| format!("{}.{}.{}", &captures[1], &captures[2], &captures[3]))
        .collect()
}

/// The projects as XML, read back; returns the document and its number of elements.
pub fn projects_xml(projects: &[Project]) -> anyhow::Result<(String, usize)> {
    let mut writer = quick_xml::Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    writer.create_element("projects").write_inner_content(|writer| {
        for project in projects {
            writer
                .create_element("project")
                .with_attribute(("name", project.name.as_str()))
                .with_attribute(("version", project.version.to_string().as_str()))
                .write_inner_content(|writer| {
                    for tag in &project.tags {
                        writer.create_element("tag").write_text_content(BytesText::new(tag))?;
                    }
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    let xml = String::from_utf8(writer.into_inner().into_inner())?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut elements = 0;
    loop {
        match reader.read_event()? {
            Event::Start(_) | Event::Empty(_) => elements += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((xml, elements))
}

/// One CSV row per metric, read back; returns the text and its number of records.
pub fn metrics_csv(projects: &[Project]) -> anyhow::Result<(String, usize)> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["project", "metric", "value"])?;
    for project in projects {
        for (metric, value) in &project.metrics {
            writer.serialize((&project.name, metric, value))?;
        }
    }
    let text = String::from_utf8(writer.into_inner()?)?;
    let records = csv::Reader::from_reader(text.as_bytes()).records().count();
    Ok((text, records))
}

/// A Cargo manifest whose version is set to the project's, keeping the rest of the document as written.
pub fn bump_manifest(manifest: &str, project: &Project) -> anyhow::Result<String> {
    let mut document = manifest.parse::<toml_edit::Document>()?;
    document["package"]["version"] = toml_edit::value(project.version.to_string());
    Ok(document.to_string())
}
