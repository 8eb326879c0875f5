//! Gradient-boosted tree ensembles for binary classification, evaluated on a page's feature table.
//!
//! The trees are fitted by `python -m bench.train` (scikit-learn) and shipped as a data file;
//! worker/pipeline/segment/scoring.py hands them over once. A row goes left at a node when its
//! feature is at most the node's threshold; the probability is the logistic function of the
//! baseline plus the leaves' values.

pub struct Node {
    pub feature: u32,
    pub threshold: f64,
    pub left: u32,
    pub right: u32,
    pub value: f64,
    pub leaf: bool,
}

pub struct Ensemble {
    pub baseline: f64,
    pub trees: Vec<Vec<Node>>,
}

impl Ensemble {
    /// The probability of each row of `rows` (row-major, `width` values a row).
    pub fn probabilities(&self, rows: &[f64], width: usize) -> Vec<f64> {
        rows.chunks_exact(width)
            .map(|row| {
                let mut raw = self.baseline;
                for tree in &self.trees {
                    let mut node = &tree[0];
                    while !node.leaf {
                        let value = row.get(node.feature as usize).copied().unwrap_or(0.0);
                        node = &tree[if value <= node.threshold { node.left } else { node.right } as usize];
                    }
                    raw += node.value;
                }
                1.0 / (1.0 + (-raw).exp())
            })
            .collect()
    }

    /// Whether every node points further down its own tree, so that every descent ends at a
    /// leaf (checked once, when the model is loaded).
    pub fn is_well_formed(&self, width: usize) -> bool {
        self.trees.iter().all(|tree| {
            !tree.is_empty()
                && tree.iter().enumerate().all(|(at, node)| {
                    let inside = |child: u32| (child as usize) > at && (child as usize) < tree.len();
                    node.leaf || (inside(node.left) && inside(node.right) && (node.feature as usize) < width)
                })
        })
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

/// Both stages: the first on `table` (row-major, `width` columns), the second on the table and
/// the first's smoothing columns.
pub fn two_stage(first: &Ensemble, second: &Ensemble, table: &[f64], width: usize) -> Vec<f64> {
    let count = table.len() / width;
    let first_p = first.probabilities(table, width);
    let smooth = smoothing_rows(&first_p);
    let mut rows = Vec::with_capacity(count * (width + SMOOTHING_WIDTH));
    for index in 0..count {
        rows.extend_from_slice(&table[index * width..(index + 1) * width]);
        rows.extend_from_slice(&smooth[index * SMOOTHING_WIDTH..(index + 1) * SMOOTHING_WIDTH]);
    }
    second.probabilities(&rows, width + SMOOTHING_WIDTH)
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
    fn a_stump() {
        let leaf = |value| Node { feature: 0, threshold: 0.0, left: 0, right: 0, value, leaf: true };
        let ensemble = Ensemble {
            baseline: 0.0,
            trees: vec![vec![Node { feature: 1, threshold: 0.5, left: 1, right: 2, value: 0.0, leaf: false }, leaf(-2.0), leaf(2.0)]],
        };
        assert!(ensemble.is_well_formed(2));
        let p = ensemble.probabilities(&[0.0, 0.2, 0.0, 0.9], 2);
        assert!(p[0] < 0.2 && p[1] > 0.8);
    }
}
