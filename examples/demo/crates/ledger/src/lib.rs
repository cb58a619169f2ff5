//! A small double-entry ledger over several amount types.
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

#[derive(Clone, Debug, PartialEq)]
pub struct Entry<A> {
    pub account: String,
    pub amount: A,
    pub memo: Option<String>,
}

#[derive(Debug, Default)]
pub struct Ledger<A> {
    pub entries: Vec<Entry<A>>,
    pub by_account: BTreeMap<String, Vec<usize>>,
    pub tags: HashMap<String, HashSet<String>>,
    pub queue: VecDeque<Entry<A>>,
}

macro_rules! ledgers_for {
    ($($module:ident => $t:ty),* $(,)?) => {
        $(
            pub mod $module {
                use super::*;

                pub fn post(ledger: &mut Ledger<$t>, account: &str, amount: $t) {
                    let index = ledger.entries.len();
                    let entry = Entry { account: account.to_string(), amount, memo: Some(format!("#{index}")) };
                    ledger.queue.push_back(entry.clone());
                    ledger.entries.push(entry);
                    ledger.by_account.entry(account.to_string()).or_default().push(index);
                    ledger.tags.entry(account.to_string()).or_default().insert(format!("{}", stringify!($t)));
                }

                pub fn balances(ledger: &Ledger<$t>) -> BTreeMap<String, f64> {
                    let mut totals = BTreeMap::new();
                    for entry in &ledger.entries {
                        *totals.entry(entry.account.clone()).or_insert(0.0) += entry.amount as f64;
                    }
                    totals
                }

                pub fn simulate(n: usize) -> String {
                    let mut ledger = Ledger::<$t>::default();
                    for i in 0..n {
                        post(&mut ledger, ["cash", "bank", "card", "loan"][i % 4], (i % 50) as $t);
                    }
                    while ledger.queue.len() > n / 2 {
                        ledger.queue.pop_front();
                    }
                    let mut rows: Vec<String> = balances(&ledger).iter().map(|(k, v)| format!("{k}={v:.1}")).collect();
                    rows.sort_by(|a, b| b.cmp(a));
                    rows.join(",")
                }
            }
        )*
    };
}

/// Each flavour repeats the whole family, so the demo has code enough to make linking visible.
macro_rules! flavours {
    ($($flavour:ident),*) => {
        $(
            pub mod $flavour {
                use super::*;
                ledgers_for! {
                    l_u16 => u16, l_u32 => u32, l_u64 => u64, l_u128 => u128,
                    l_i16 => i16, l_i32 => i32, l_i64 => i64, l_i128 => i128,
                    l_f32 => f32, l_f64 => f64,
                }
                pub fn simulate_all(n: usize) -> Vec<String> {
                    vec![
                        l_u16::simulate(n), l_u32::simulate(n), l_u64::simulate(n), l_u128::simulate(n),
                        l_i16::simulate(n), l_i32::simulate(n), l_i64::simulate(n), l_i128::simulate(n),
                        l_f32::simulate(n), l_f64::simulate(n),
                    ]
                }
            }
        )*
        /// One line per flavour and amount type.
        pub fn simulate_all(n: usize) -> Vec<String> {
            let mut rows = Vec::new();
            $(rows.extend($flavour::simulate_all(n));)*
            rows
        }
    };
}

flavours!(north, south, east, west);
