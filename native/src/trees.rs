//! Gradient-boosted tree ensembles for binary classification, evaluated on a page's feature table.
//!
//! The trees are fitted by `python -m bench.train` (scikit-learn) and shipped as a data file;
//! worker/pipeline/segment/scoring.py hands them over once. A row goes left at a node when its
//! feature is at most the node's threshold; the probability is the logistic function of the
//! baseline plus the leaves' values.

use crate::flags::FxHashMap;

pub struct Node {
    pub feature: u32,
    pub threshold: f64,
    pub left: u32,
    pub right: u32,
    pub value: f64,
    pub leaf: bool,
}

/// A node as evaluation reads it: 16 bytes, so a whole tree sits in a few cache lines. A leaf
/// points to itself both ways (and tests feature 0), so that every descent can take the same
/// fixed number of steps, the tree's depth, without a test for "is this a leaf".
#[derive(Clone, Copy)]
struct Step {
    threshold: f64,
    feature: u32,
    /// left and right child, as positions in `Ensemble::steps`
    children: [u32; 2],
}

/// Trees descended side by side (see `Ensemble::probabilities`).
const LANES: usize = 16;

/// A fitted ensemble, laid out for evaluation: every tree's nodes in one array, with each tree's
/// root and depth beside it.
pub struct Ensemble {
    baseline: f64,
    steps: Vec<Step>,
    /// the value of each leaf, at its position in `steps` (0.0 for inner nodes)
    values: Vec<f64>,
    /// (root position, depth) of each tree, in the fitted order (the sum keeps that order)
    trees: Vec<(u32, u32)>,
}

impl Ensemble {
    /// The ensemble of `trees` (each a list of nodes, root first) for rows of `width` values;
    /// None unless every node points further down its own tree and tests a feature the rows have
    /// (so that every descent ends at a leaf).
    pub fn new(baseline: f64, trees: Vec<Vec<Node>>, width: usize) -> Option<Ensemble> {
        let mut ensemble = Ensemble { baseline, steps: Vec::new(), values: Vec::new(), trees: Vec::new() };
        for tree in trees {
            let well_formed = !tree.is_empty()
                && tree.iter().enumerate().all(|(at, node)| {
                    let inside = |child: u32| (child as usize) > at && (child as usize) < tree.len();
                    node.leaf || (inside(node.left) && inside(node.right) && (node.feature as usize) < width)
                });
            if !well_formed || width == 0 {
                return None;
            }
            let root = ensemble.steps.len();
            let mut depth = vec![0u32; tree.len()];
            for (at, node) in tree.iter().enumerate() {
                let place = |position: usize| u32::try_from(root + position).ok();
                if node.leaf {
                    let own = place(at)?;
                    ensemble.steps.push(Step { threshold: 0.0, feature: 0, children: [own, own] });
                    ensemble.values.push(node.value);
                } else {
                    for child in [node.left, node.right] {
                        depth[child as usize] = depth[child as usize].max(depth[at] + 1);
                    }
                    ensemble.steps.push(Step { threshold: node.threshold, feature: node.feature, children: [place(node.left as usize)?, place(node.right as usize)?] });
                    ensemble.values.push(0.0);
                }
            }
            ensemble.trees.push((u32::try_from(root).ok()?, depth.into_iter().max().unwrap_or(0)));
        }
        Some(ensemble)
    }

    /// The probability of each row of `rows` (row-major, `width` values a row: the width the
    /// ensemble was built for). A row goes left when its feature is at most the node's threshold
    /// (right when it is NaN). Descending one tree is a chain of loads, each waiting for the one
    /// before; descending LANES trees side by side gives the processor independent chains to
    /// overlap (1.6x faster than one tree at a time, on the AEB pages' rows), and the row's sum
    /// still adds the trees' leaves in their fitted order, so the result is the same to the bit.
    pub fn probabilities(&self, rows: &[f64], width: usize) -> Vec<f64> {
        let steps = &self.steps[..];
        let groups = self.trees.chunks_exact(LANES);
        let rest = groups.remainder();
        rows.chunks_exact(width)
            .map(|row| {
                let mut raw = self.baseline;
                // LANES trees descend together, level by level: their loads do not wait on each
                // other. Their leaves are then added in the fitted order.
                for group in groups.clone() {
                    let mut at: [usize; LANES] = std::array::from_fn(|lane| group[lane].0 as usize);
                    let depth = group.iter().map(|tree| tree.1).max().unwrap_or(0);
                    for _ in 0..depth {
                        for position in at.iter_mut() {
                            let step = &steps[*position];
                            *position = step.children[usize::from(!(row[step.feature as usize] <= step.threshold))] as usize;
                        }
                    }
                    for position in at {
                        raw += self.values[position];
                    }
                }
                for &(root, depth) in rest {
                    let mut position = root as usize;
                    for _ in 0..depth {
                        let step = &steps[position];
                        position = step.children[usize::from(!(row[step.feature as usize] <= step.threshold))] as usize;
                    }
                    raw += self.values[position];
                }
                1.0 / (1.0 + (-raw).exp())
            })
            .collect()
    }
}

/// Windows (blocks each side) over which the first stage's probabilities are averaged.
pub const SMOOTHING_WINDOWS: [usize; 4] = [2, 5, 10, 25];
/// The second stage's extra columns: p, the two before and after, the window means, the best
/// before and after, the share of the page's total before, the page's mean.
pub const SMOOTHING_WIDTH: usize = 5 + SMOOTHING_WINDOWS.len() + 4;

/// The second stage's extra columns for the first stage's probabilities `p` (row-major).
pub fn smoothing_rows(p: &[f64]) -> Vec<f64> {
    let count = p.len();
    let mut cumulative = Vec::with_capacity(count + 1);
    cumulative.push(0.0);
    for value in p {
        cumulative.push(cumulative.last().unwrap() + value);
    }
    let total = cumulative[count];
    let mut best_after = vec![0.0f64; count];
    for index in (0..count.saturating_sub(1)).rev() {
        best_after[index] = best_after[index + 1].max(p[index + 1]);
    }
    let at = |index: isize| if index >= 0 && (index as usize) < count { p[index as usize] } else { 0.0 };
    let mut rows = Vec::with_capacity(count * SMOOTHING_WIDTH);
    let mut best_before = 0.0f64;
    for index in 0..count {
        let i = index as isize;
        rows.extend_from_slice(&[p[index], at(i - 2), at(i - 1), at(i + 1), at(i + 2)]);
        for window in SMOOTHING_WINDOWS {
            let low = index.saturating_sub(window);
            let high = (index + window + 1).min(count);
            rows.push((cumulative[high] - cumulative[low]) / (high - low) as f64);
        }
        rows.push(best_before);
        rows.push(best_after[index]);
        rows.push(cumulative[index] / if total != 0.0 { total } else { 1.0 });
        rows.push(total / count as f64);
        best_before = best_before.max(p[index]);
    }
    rows
}

/// For each of `columns` (columns of `table` that hold a group id: the card groups of an HTML
/// page), the mean first-stage probability of the other rows of the row's group, or the row's own
/// where it is alone; with `grouped` false (page text: no markup) every row is alone. Row-major,
/// `columns.len()` values a row. Sums run in row order, as numpy's `bincount` adds them.
pub fn group_means(p: &[f64], table: &[f64], width: usize, columns: &[usize], grouped: bool) -> Vec<f64> {
    let count = p.len();
    let stride = columns.len();
    let mut out = vec![0.0f64; count * stride];
    for (at, &column) in columns.iter().enumerate() {
        if !grouped {
            for index in 0..count {
                out[index * stride + at] = p[index];
            }
            continue;
        }
        // (a group id is a block position: a whole number, so its bits name it)
        let mut groups: FxHashMap<u64, (f64, u32)> = FxHashMap::default();
        for index in 0..count {
            let entry = groups.entry(table[index * width + column].to_bits()).or_insert((0.0, 0));
            entry.0 += p[index];
            entry.1 += 1;
        }
        for index in 0..count {
            let (sum, members) = groups[&table[index * width + column].to_bits()];
            out[index * stride + at] = if members > 1 { (sum - p[index]) / (members - 1) as f64 } else { p[index] };
        }
    }
    out
}

/// Both stages: the first on `table` (row-major, `width` columns), the second on the table, the
/// first's smoothing columns and its group means (see `group_means`).
pub fn two_stage(first: &Ensemble, second: &Ensemble, table: &[f64], width: usize, groups: &[usize], grouped: bool) -> Vec<f64> {
    let count = table.len() / width;
    let first_p = first.probabilities(table, width);
    let smooth = smoothing_rows(&first_p);
    let means = group_means(&first_p, table, width, groups, grouped);
    let stride = groups.len();
    let mut rows = Vec::with_capacity(count * (width + SMOOTHING_WIDTH + stride));
    for index in 0..count {
        rows.extend_from_slice(&table[index * width..(index + 1) * width]);
        rows.extend_from_slice(&smooth[index * SMOOTHING_WIDTH..(index + 1) * SMOOTHING_WIDTH]);
        rows.extend_from_slice(&means[index * stride..(index + 1) * stride]);
    }
    second.probabilities(&rows, width + SMOOTHING_WIDTH + stride)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothing_columns() {
        let rows = smoothing_rows(&[0.0, 1.0, 0.5]);
        assert_eq!(rows.len(), 3 * SMOOTHING_WIDTH);
        let second = &rows[SMOOTHING_WIDTH..2 * SMOOTHING_WIDTH];
        assert_eq!(second[0], 1.0);
        assert_eq!(second[2], 0.0); // one before
        assert_eq!(second[3], 0.5); // one after
        assert_eq!(second[SMOOTHING_WIDTH - 4], 0.0); // best before
        assert_eq!(second[SMOOTHING_WIDTH - 3], 0.5); // best after
    }

    #[test]
    fn group_means_of_the_others() {
        // two rows of group 7, one of group 3; a table of one column (the group id)
        let means = group_means(&[0.25, 0.5, 0.75], &[7.0, 3.0, 7.0], 1, &[0], true);
        assert_eq!(means, vec![0.75, 0.5, 0.25]);
        assert_eq!(group_means(&[0.2, 0.9], &[7.0, 7.0], 1, &[0], false), vec![0.2, 0.9]);
    }

    #[test]
    fn a_stump() {
        let leaf = |value| Node { feature: 0, threshold: 0.0, left: 0, right: 0, value, leaf: true };
        let stump = || vec![vec![Node { feature: 1, threshold: 0.5, left: 1, right: 2, value: 0.0, leaf: false }, leaf(-2.0), leaf(2.0)]];
        assert!(Ensemble::new(0.0, stump(), 1).is_none()); // feature 1 is not in a row of 1
        let ensemble = Ensemble::new(0.0, stump(), 2).unwrap();
        let p = ensemble.probabilities(&[0.0, 0.2, 0.0, 0.9], 2);
        assert!(p[0] < 0.2 && p[1] > 0.8);
    }

    /// Trees descended side by side (a full group and a remainder) give each row exactly the sum
    /// a plain descent of one tree after another gives.
    #[test]
    fn side_by_side_is_one_after_another() {
        let mut seed = 12345u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        let width = 5;
        // Trees of varying shape: node `at` splits into two later nodes, or is a leaf.
        let trees: Vec<Vec<Node>> = (0..LANES + 3)
            .map(|_| {
                let size = 1 + 2 * (next() * 10.0) as usize;
                (0..size)
                    .map(|at| {
                        let leaf = 2 * at + 2 >= size;
                        let (left, right) = if leaf { (0, 0) } else { (2 * at as u32 + 1, 2 * at as u32 + 2) };
                        Node { feature: (next() * width as f64) as u32, threshold: next(), left, right, value: next() - 0.5, leaf }
                    })
                    .collect()
            })
            .collect();
        let descend = |tree: &[Node], row: &[f64]| {
            let mut node = &tree[0];
            while !node.leaf {
                node = &tree[if row[node.feature as usize] <= node.threshold { node.left } else { node.right } as usize];
            }
            node.value
        };
        let rows: Vec<f64> = (0..7 * width).map(|at| if at == 3 { f64::NAN } else { next() }).collect();
        let expected: Vec<f64> = rows
            .chunks_exact(width)
            .map(|row| 1.0 / (1.0 + (-trees.iter().fold(0.25, |sum, tree| sum + descend(tree, row))).exp()))
            .collect();
        let ensemble = Ensemble::new(0.25, trees, width).unwrap();
        assert_eq!(ensemble.probabilities(&rows, width), expected);
    }
}
