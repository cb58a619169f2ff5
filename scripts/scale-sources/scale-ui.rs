//! The command line: arguments, log and tracing set-up, a progress bar, styled output, and a terminal frame
//! drawn into an off-screen buffer.
use std::path::PathBuf;

pub use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tui::backend::TestBackend;
use tui::layout::{Constraint, Direction, Layout};
use tui::widgets::{BarChart, Block, Borders, List, ListItem, Paragraph};
use tui::Terminal;

#[derive(Parser, Debug)]
#[command(name = "app", version, about = "Exercises every crate of the scale workspace")]
pub struct Args {
    /// How many projects to generate.
    #[arg(long, default_value_t = 6)]
    pub projects: u32,
    /// Work here instead of in a temporary directory.
    #[arg(long, env = "SCALE_WORK_DIR")]
    pub work_dir: Option<PathBuf>,
    /// A tracing filter, e.g. `info` or `app=debug`.
    #[arg(long, default_value = "warn")]
    pub log: String,
    /// Log as JSON lines.
    #[arg(long)]
    pub json_logs: bool,
}

/// Installs the tracing subscriber (which also receives `log` records); a second call changes nothing.
pub fn init_tracing(filter: &str, json: bool) {
    let filter = tracing_subscriber::EnvFilter::new(filter);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    let logger = env_logger::Builder::new().parse_filters("warn").build();
    log::debug!("env_logger would allow {}", logger.filter());
}

pub fn progress(length: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(length), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

pub fn styled(label: &str, ok: bool) -> String {
    let style = if ok {
        console::Style::new().green().bold()
    } else {
        console::Style::new().red()
    };
    style.apply_to(label).to_string()
}

/// The terminal size when there is one (crossterm), or the usual 80 × 24.
pub fn terminal_size() -> (u16, u16) {
    crossterm::terminal::size().unwrap_or((80, 24))
}

/// Draws a summary frame into an off-screen buffer; returns its text, one line per row.
pub fn draw_frame(title: &str, items: &[(String, u64)]) -> std::io::Result<Vec<String>> {
    let mut terminal = Terminal::new(TestBackend::new(60, 16))?;
    terminal.draw(|frame| {
        let rows = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Length(3), Constraint::Length(6), Constraint::Min(0)])
            .split(frame.size());
        frame.render_widget(
            Paragraph::new(title).block(Block::default().borders(Borders::ALL).title("scale")),
            rows[0],
        );
        let list: Vec<ListItem> = items
            .iter()
            .map(|(name, value)| ListItem::new(format!("{name}: {value}")))
            .collect();
        frame.render_widget(List::new(list).block(Block::default().borders(Borders::ALL)), rows[1]);
        let bars: Vec<(&str, u64)> = items.iter().map(|(name, value)| (name.as_str(), *value)).collect();
        frame.render_widget(BarChart::default().data(&bars).bar_width(5), rows[2]);
    })?;
    let buffer = terminal.backend().buffer().clone();
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol.as_str()).collect();
    Ok(symbols.chunks(width).map(|row| row.concat()).collect())
}

/// Somewhere to work: the given directory, or a fresh temporary one (removed when the guard drops).
pub fn work_dir(requested: Option<PathBuf>) -> std::io::Result<(PathBuf, Option<tempfile::TempDir>)> {
    match requested {
        Some(path) => {
            std::fs::create_dir_all(&path)?;
            Ok((path, None))
        }
        None => {
            log::debug!("not using the cache directory {:?}", dirs::cache_dir());
            let temporary = tempfile::Builder::new().prefix("scale-app-").tempdir()?;
            Ok((temporary.path().to_path_buf(), Some(temporary)))
        }
    }
}
