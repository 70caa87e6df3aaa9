//! 检查组 — choosing an inspection team that respects the pair rule.

/// The first team of `size` members, in the order of `candidates`, with no two members
/// forming a forbidden pair: a depth-first search that takes candidates in the given order and
/// backtracks, so it finds a team whenever one exists. `None` when no such team exists.
///
/// With the usual data (the forbidden pairs of an enterprise are those of the one team that
/// inspected it last time) the first attempt succeeds or fails after a few steps; the search is
/// exhaustive only in contrived cases.
pub fn first_team(
    candidates: &[usize],
    size: usize,
    forbidden: &dyn Fn(usize, usize) -> bool,
) -> Option<Vec<usize>> {
    let mut chosen = Vec::with_capacity(size);
    extend(candidates, 0, size, forbidden, &mut chosen).then_some(chosen)
}

fn extend(
    candidates: &[usize],
    from: usize,
    size: usize,
    forbidden: &dyn Fn(usize, usize) -> bool,
    chosen: &mut Vec<usize>,
) -> bool {
    if chosen.len() >= size {
        return true;
    }
    for p in from..candidates.len() {
        if candidates.len() - p < size - chosen.len() {
            break;
        }
        let c = candidates[p];
        if chosen.iter().all(|&m| !forbidden(m, c)) {
            chosen.push(c);
            if extend(candidates, p + 1, size, forbidden, chosen) {
                return true;
            }
            chosen.pop();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_candidates_in_order() {
        let none = |_: usize, _: usize| false;
        assert_eq!(first_team(&[5, 3, 9], 2, &none), Some(vec![5, 3]));
        assert_eq!(first_team(&[5], 2, &none), None);
    }

    #[test]
    fn backtracks_around_forbidden_pairs() {
        // 1–2, 1–3 and 2–3 forbidden: a team of two must avoid two of {1,2,3}.
        let f = |a: usize, b: usize| a != b && a <= 3 && b <= 3;
        assert_eq!(first_team(&[1, 2, 3, 4], 2, &f), Some(vec![1, 4]));
        assert_eq!(first_team(&[1, 2, 3, 4], 3, &f), None);
        // Pairs 1–2 and 3–4 forbidden; team of two from [1, 2]: impossible; from [1,2,3]: 1,3.
        let g = |a: usize, b: usize| matches!((a.min(b), a.max(b)), (1, 2) | (3, 4));
        assert_eq!(first_team(&[1, 2], 2, &g), None);
        assert_eq!(first_team(&[1, 2, 3], 2, &g), Some(vec![1, 3]));
        assert_eq!(first_team(&[2, 1, 4, 3], 3, &g), None);
    }
}
