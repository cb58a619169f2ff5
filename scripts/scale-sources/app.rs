//! The application: generates projects and sends them through every member (network, storage, images, text,
//! search, terminal), so every dependency is linked into this one binary.
use anyhow::Context;
use scale_core::Project;
use scale_ui::Parser;
use tracing::info;

const NOTES: &str = "# Release notes\n\nThis release moves from v1.2.3 to 1.3.0:\n\n\
- faster *incremental* builds\n- a [link](https://example.invalid) | and | a table |\n\n\
```rust\nfn main() { println!(\"hello\"); }\n```\n";

const MANIFEST: &str = "[package]\nname = \"demo\" # the crate\nversion = \"0.0.0\"\n\n[dependencies]\nserde = \"1\"\n";

fn main() -> anyhow::Result<()> {
    let args = scale_ui::Args::parse();
    scale_ui::init_tracing(&args.log, args.json_logs);
    let (work, _guard) = scale_ui::work_dir(args.work_dir.clone())?;
    let bar = scale_ui::progress(6);

    let names: Vec<String> = (0..args.projects.max(1)).map(|n| format!("project-{n}")).collect();
    let (projects, checksum, lines) = scale_net::run(&names).context("network")?;
    let formats = scale_core::round_trip_all(&projects[0])?;
    let (stamp, date) = scale_core::stamp()?;
    info!(projects = projects.len(), checksum, lines, %stamp, "fetched");
    bar.inc(1);

    let files: Vec<(String, Vec<u8>)> = projects
        .iter()
        .map(|p| {
            Ok((
                format!("{}.json", p.name),
                scale_core::encode(p, scale_core::Format::Json)?,
            ))
        })
        .collect::<Result<_, scale_core::CoreError>>()?;
    let rows = scale_store::store_projects(&projects)?;
    let (commit, history) = scale_store::commit_snapshots(&work, &files)?;
    let archives = scale_store::archive(&files)?;
    bar.inc(1);

    let chart = scale_media::render_chart(&projects[0], 120, 60);
    let images = scale_media::encode_all(&chart)?;
    let brightness = scale_media::thumbnail_brightness(&chart);
    bar.inc(1);

    let body = scale_text::markdown_to_html(NOTES);
    let code = scale_text::highlight_rust("fn main() { let answer: u32 = 42; }\n")?;
    let report = scale_text::render_report(&projects[0], &body, &code)?;
    let metrics = scale_text::parse_metrics("lines = 1200; crates=300 ; links = 2.5")?;
    let versions = scale_text::find_versions(NOTES);
    let (_, elements) = scale_text::projects_xml(&projects)?;
    let (_, records) = scale_text::metrics_csv(&projects)?;
    let manifest = scale_text::bump_manifest(MANIFEST, &projects[0])?;
    std::fs::write(work.join("report.html"), &report)?;
    bar.inc(1);

    let paths = scale_search::walk(&work);
    let (hashes, extensions) = scale_search::hash_files(&paths);
    let records_bytes = scale_search::encode_records(
        &hashes
            .iter()
            .map(|e| scale_search::FileRecord {
                path: e.key().display().to_string(),
                hash: *e.value(),
            })
            .collect::<Vec<_>>(),
    )?;
    let (order, reachable) = scale_search::graph_order(40, 7);
    let sum = scale_search::pipeline_sum(10_000);
    let digits = scale_search::factorial(60).to_string().len();
    bar.inc(1);

    let summary: Vec<(String, u64)> = vec![
        ("files".into(), paths.len() as u64),
        ("rows".into(), rows.len() as u64),
        ("images".into(), images.len() as u64),
        ("xml".into(), elements as u64),
        ("csv".into(), records as u64),
    ];
    let frame = scale_ui::draw_frame(&format!("{} projects on {date}", projects.len()), &summary)?;
    bar.finish_and_clear();

    let total: f64 = projects.iter().map(Project::total).sum();
    println!("{}", frame.join("\n"));
    println!("formats {formats:?}");
    println!("commit {commit} ({history} in history), archives {archives:?}");
    println!("images {images:?}, thumbnail brightness {brightness:.1}");
    println!(
        "report {} bytes, metrics {metrics:?}, versions {versions:?}",
        report.len()
    );
    println!("manifest:\n{manifest}");
    println!(
        "walked {} files ({} entries) {extensions:?}, protobuf {records_bytes} bytes",
        paths.len(),
        scale_search::count_entries(&work)
    );
    println!(
        "graph {} crates, {reachable} reachable, pipeline sum {sum}, 60! has {digits} digits",
        order.len()
    );
    println!(
        "{} total {total:.1} (terminal {:?})",
        scale_ui::styled("ok", true),
        scale_ui::terminal_size()
    );
    Ok(())
}
