//! Files and graphs: walk a tree honouring ignore files, hash files in parallel, pass work over channels,
//! rank a random dependency graph, and encode records as protobuf.
use std::path::{Path, PathBuf};

use dashmap::DashMap;
use itertools::Itertools;
use num_bigint::BigUint;
use once_cell::sync::Lazy;
use parking_lot::Mutex;
use petgraph::algo::{dijkstra, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

static EXTENSIONS: Lazy<Vec<&'static str>> = Lazy::new(|| vec!["rs", "toml", "md", "json", "yaml"]);

/// Files under `directory` that ignore files do not exclude, hidden ones too, but not git's own.
pub fn walk(directory: &Path) -> Vec<PathBuf> {
    ignore::WalkBuilder::new(directory)
        .hidden(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().map_or(false, |kind| kind.is_file()))
        .map(ignore::DirEntry::into_path)
        .sorted()
        .collect()
}

/// Every entry under `directory`, ignored or not.
pub fn count_entries(directory: &Path) -> usize {
    walkdir::WalkDir::new(directory)
        .into_iter()
        .filter_map(Result::ok)
        .count()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Hashes the files on rayon's pool; returns the hashes and the count per known extension.
pub fn hash_files(paths: &[PathBuf]) -> (DashMap<PathBuf, u64>, Vec<(String, usize)>) {
    let hashes = DashMap::new();
    let counts = Mutex::new(Vec::<String>::new());
    paths.par_iter().for_each(|path| {
        if let Ok(bytes) = std::fs::read(path) {
            hashes.insert(path.clone(), fnv1a(&bytes));
        }
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if EXTENSIONS.contains(&extension) {
            counts.lock().push(extension.to_string());
        }
    });
    let counts = counts
        .into_inner()
        .into_iter()
        .sorted()
        .dedup_with_count()
        .map(|(n, e)| (e, n))
        .collect();
    (hashes, counts)
}

/// Sends numbers through a bounded channel to scoped workers; returns their sum.
pub fn pipeline_sum(count: u64) -> u64 {
    let (sender, receiver) = crossbeam::channel::bounded::<u64>(16);
    let total = std::sync::atomic::AtomicU64::new(0);
    crossbeam::scope(|scope| {
        for _ in 0..2 {
            let receiver = receiver.clone();
            let total = &total;
            scope.spawn(move |_| {
                for value in receiver.iter() {
                    total.fetch_add(value, std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
        for value in 0..count {
            sender.send(value).expect("workers are alive");
        }
        drop(sender);
    })
    .expect("no worker panicked");
    total.into_inner()
}

/// A random acyclic graph of `nodes` crates: its build order and the longest chain from the root.
pub fn graph_order(nodes: usize, seed: u64) -> (Vec<String>, usize) {
    let mut random = StdRng::seed_from_u64(seed);
    let mut graph = DiGraph::<String, u32>::new();
    let indices: Vec<NodeIndex> = (0..nodes).map(|n| graph.add_node(format!("crate-{n}"))).collect();
    for (position, &from) in indices.iter().enumerate().skip(1) {
        let mut earlier: Vec<&NodeIndex> = indices[..position].iter().collect();
        earlier.shuffle(&mut random);
        for &&to in earlier.iter().take(random.gen_range(1..=3)) {
            graph.add_edge(from, to, random.gen_range(1..10));
        }
    }
    let order = toposort(&graph, None)
        .map(|order| order.into_iter().map(|n| graph[n].clone()).collect())
        .unwrap_or_default();
    let distances = dijkstra(&graph, indices[nodes - 1], None, |edge| *edge.weight());
    (order, distances.len())
}

pub fn factorial(n: u32) -> BigUint {
    (1..=n).map(BigUint::from).product()
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct FileRecord {
    #[prost(string, tag = "1")]
    pub path: String,
    #[prost(uint64, tag = "2")]
    pub hash: u64,
}

/// Encodes each record as protobuf and decodes it again; returns the encoded bytes in all.
pub fn encode_records(records: &[FileRecord]) -> Result<usize, prost::DecodeError> {
    use prost::Message;
    records.iter().try_fold(0, |total, record| {
        let bytes = record.encode_to_vec();
        let back = FileRecord::decode(bytes.as_slice())?;
        Ok(total + bytes.len() + usize::from(back != *record))
    })
}
