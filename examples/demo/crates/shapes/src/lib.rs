//! Geometry over many concrete number types: each macro expansion adds monomorphized code and debug info.
use std::collections::{BTreeMap, HashMap};
use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, PartialOrd)]
pub struct Point<T> {
    pub x: T,
    pub y: T,
}

impl<T: fmt::Display> fmt::Display for Point<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

/// A polygon with summary statistics, generic over its coordinate type.
#[derive(Clone, Debug, Default)]
pub struct Polygon<T> {
    pub points: Vec<Point<T>>,
    pub labels: BTreeMap<String, usize>,
}

macro_rules! shapes_for {
    ($($module:ident => $t:ty),* $(,)?) => {
        $(
            pub mod $module {
                use super::*;

                pub fn build(n: usize) -> Polygon<$t> {
                    let mut polygon = Polygon::default();
                    for i in 0..n {
                        polygon.points.push(Point { x: (i % 97) as $t, y: (i % 89) as $t });
                        polygon.labels.insert(format!("{}-{}", stringify!($module), i), i);
                    }
                    polygon
                }

                pub fn perimeter(polygon: &Polygon<$t>) -> f64 {
                    polygon
                        .points
                        .windows(2)
                        .map(|w| {
                            let dx = (w[1].x as f64) - (w[0].x as f64);
                            let dy = (w[1].y as f64) - (w[0].y as f64);
                            (dx * dx + dy * dy).sqrt()
                        })
                        .sum()
                }

                pub fn histogram(polygon: &Polygon<$t>) -> HashMap<String, usize> {
                    let mut counts = HashMap::new();
                    for point in &polygon.points {
                        *counts.entry(point.to_string()).or_insert(0) += 1;
                    }
                    counts
                }

                pub fn describe(n: usize) -> String {
                    let polygon = build(n);
                    let mut sorted: Vec<_> = histogram(&polygon).into_iter().collect();
                    sorted.sort();
                    format!("{} {:.2} {:?}", stringify!($t), perimeter(&polygon), sorted.first())
                }
            }
        )*
    };
}

/// Each flavour repeats the whole family with its own constant, so the demo has code enough to link.
macro_rules! flavours {
    ($($flavour:ident),*) => {
        $(
            pub mod $flavour {
                use super::*;
                shapes_for! {
                    s_u8 => u8, s_u16 => u16, s_u32 => u32, s_u64 => u64, s_u128 => u128, s_usize => usize,
                    s_i8 => i8, s_i16 => i16, s_i32 => i32, s_i64 => i64, s_i128 => i128, s_isize => isize,
                    s_f32 => f32, s_f64 => f64,
                }
                pub fn describe_all(n: usize) -> Vec<String> {
                    vec![
                        s_u8::describe(n), s_u16::describe(n), s_u32::describe(n), s_u64::describe(n),
                        s_u128::describe(n), s_usize::describe(n), s_i8::describe(n), s_i16::describe(n),
                        s_i32::describe(n), s_i64::describe(n), s_i128::describe(n), s_isize::describe(n),
                        s_f32::describe(n), s_f64::describe(n),
                    ]
                }
            }
        )*
        /// One line per flavour and coordinate type.
        pub fn describe_all(n: usize) -> Vec<String> {
            let mut lines = Vec::new();
            $(lines.extend($flavour::describe_all(n));)*
            lines
        }
    };
}

flavours!(alpha, beta, gamma, delta, epsilon, zeta);
