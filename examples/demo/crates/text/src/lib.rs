//! Text statistics with iterator-heavy generic code.
use std::collections::{BTreeMap, HashMap};

pub fn word_counts<'a, I: IntoIterator<Item = &'a str>>(words: I) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for word in words {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

macro_rules! stats_for {
    ($($name:ident => $key:ty),* $(,)?) => {
        $(
            pub fn $name(text: &str) -> Vec<($key, usize)> {
                let mut groups: HashMap<$key, usize> = HashMap::new();
                for (i, word) in text.split_whitespace().enumerate() {
                    *groups.entry((word.len() + i % 3) as $key).or_insert(0) += 1;
                }
                let mut sorted: Vec<_> = groups.into_iter().collect();
                sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.partial_cmp(&b.0).unwrap()));
                sorted
            }
        )*
        pub fn all_stats(text: &str) -> Vec<String> {
            vec![$(format!("{:?}", $name(text).into_iter().take(3).collect::<Vec<_>>())),*]
        }
    };
}

stats_for! {
    by_u8 => u8, by_u16 => u16, by_u32 => u32, by_u64 => u64, by_u128 => u128, by_usize => usize,
    by_i8 => i8, by_i16 => i16, by_i32 => i32, by_i64 => i64, by_i128 => i128, by_isize => isize,
}

pub fn summary(text: &str) -> String {
    let counts = word_counts(text.split_whitespace());
    let top = counts.iter().max_by_key(|(_, n)| **n).map(|(w, n)| format!("{w}:{n}"));
    format!("{} words, top {:?}, {}", counts.len(), top, all_stats(text).join(" "))
}
