//! One-edit fuzzy lookup over the name fst: a depth-first walk that spends at most one
//! insertion, deletion or substitution. For a name of n bytes it visits O(n × fan-out)
//! nodes, a few microseconds, so misspellings ("Kalbajar"/"Kelbajar") cost little.

use fst::raw::{Fst, Node};

/// Keys within one edit of `query` that share its first byte (excluding `query`
/// itself), as (key, fst value), at most `limit` of them, in key order.
pub fn one_edit(fst: &Fst<&'static [u8]>, query: &str, limit: usize) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut path = Vec::with_capacity(query.len() + 1);
    // The first byte must match: misspellings rarely touch the initial, and it cuts
    // the search by the root's fan-out.
    let q = query.as_bytes();
    let root = fst.root();
    let Some(ti) = q.first().and_then(|&b| root.find_input(b)) else {
        return out;
    };
    let t = root.transition(ti);
    path.push(q[0]);
    walk(
        fst,
        fst.node(t.addr),
        q,
        1,
        true,
        t.out.value(),
        &mut path,
        &mut out,
        limit * 4,
    );
    out.sort();
    out.dedup();
    out.retain(|(k, _)| k != query);
    out.truncate(limit);
    out
}

#[allow(clippy::too_many_arguments)]
fn walk(
    fst: &Fst<&'static [u8]>,
    node: Node<'_>,
    q: &[u8],
    i: usize,
    edit_left: bool,
    output: u64,
    path: &mut Vec<u8>,
    out: &mut Vec<(String, u64)>,
    cap: usize,
) {
    if out.len() >= cap {
        return;
    }
    if i == q.len()
        && node.is_final()
        && let Ok(k) = String::from_utf8(path.clone())
    {
        out.push((k, output + node.final_output().value()));
    }
    if i < q.len()
        && let Some(ti) = node.find_input(q[i])
    {
        let t = node.transition(ti);
        path.push(q[i]);
        walk(
            fst,
            fst.node(t.addr),
            q,
            i + 1,
            edit_left,
            output + t.out.value(),
            path,
            out,
            cap,
        );
        path.pop();
    }
    if !edit_left {
        return;
    }
    // Deletion: the query has one byte too many.
    if i < q.len() {
        walk(fst, node, q, i + 1, false, output, path, out, cap);
    }
    for t in node.transitions() {
        let child = fst.node(t.addr);
        path.push(t.inp);
        // Substitution.
        if i < q.len() && t.inp != q[i] {
            walk(
                fst,
                child,
                q,
                i + 1,
                false,
                output + t.out.value(),
                path,
                out,
                cap,
            );
        }
        // Insertion: the query lacks one byte.
        walk(
            fst,
            child,
            q,
            i,
            false,
            output + t.out.value(),
            path,
            out,
            cap,
        );
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst_of(keys: &[&str]) -> Fst<&'static [u8]> {
        let mut b = fst::MapBuilder::memory();
        let mut keys = keys.to_vec();
        keys.sort();
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u64).unwrap();
        }
        let bytes: &'static [u8] = Box::leak(b.into_inner().unwrap().into_boxed_slice());
        Fst::new(bytes).unwrap()
    }

    #[test]
    fn finds_each_kind_of_edit() {
        let f = fst_of(&["kalbajar", "kelbajar", "goris", "gori", "yerevan"]);
        let keys = |q: &str| {
            one_edit(&f, q, 10)
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys("kalbajar"), vec!["kelbajar"]); // substitution
        assert_eq!(keys("yerevann"), vec!["yerevan"]); // deletion
        assert_eq!(keys("yerevn"), vec!["yerevan"]); // insertion
        assert_eq!(keys("goris"), vec!["gori"]);
        assert!(keys("stepanakert").is_empty());
    }
}
