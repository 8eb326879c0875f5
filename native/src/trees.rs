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

#[cfg(test)]
mod tests {
    use super::*;

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
