//! The demo binary: the crate the incremental scenario touches, so each rebuild recompiles it and relinks.
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(200);
    for line in demo_shapes::describe_all(n) {
        println!("{line}");
    }
    for line in demo_ledger::simulate_all(n) {
        println!("{line}");
    }
    println!("{}", demo_text::summary("the quick brown fox jumps over the lazy dog the end"));
}
