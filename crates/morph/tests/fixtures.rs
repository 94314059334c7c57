//! Accuracy on the hand-written word lists in fixtures/morph/ (the bar of issue 3:
//! at least 95% of Indonesian news words get the expected root as first analysis).

use sitrep_core::Lang;
use sitrep_morph::Analyzer;

/// (correct, total, misses) of the first analysis against `word<TAB>expected` rows.
fn score(lang: Lang, text: &str) -> (usize, usize, Vec<String>) {
    let analyzer = Analyzer::try_new(lang).expect("shipped data parses");
    let mut correct = 0;
    let mut misses = Vec::new();
    let mut total = 0;
    for row in sitrep_lang::tsv_rows(text) {
        total += 1;
        let got = analyzer.root(row.col(0));
        if got == row.col(1) {
            correct += 1;
        } else {
            misses.push(format!("{} -> {got} (expected {})", row.col(0), row.col(1)));
        }
    }
    (correct, total, misses)
}

#[test]
fn indonesian_roots_meet_the_bar() {
    let (correct, total, misses) = score(
        Lang::ID,
        include_str!("../../../fixtures/morph/id-roots.tsv"),
    );
    assert!(total >= 150, "list too short: {total}");
    let accuracy = correct as f64 / total as f64;
    println!("id roots: {correct}/{total} = {accuracy:.3}; misses: {misses:?}");
    assert!(
        accuracy >= 0.95,
        "{correct}/{total} = {accuracy:.3}; misses: {misses:#?}"
    );
}

#[test]
fn english_lemmas_meet_the_bar() {
    let (correct, total, misses) = score(
        Lang::EN,
        include_str!("../../../fixtures/morph/en-lemmas.tsv"),
    );
    assert!(total >= 100, "list too short: {total}");
    let accuracy = correct as f64 / total as f64;
    println!("en lemmas: {correct}/{total} = {accuracy:.3}; misses: {misses:?}");
    assert!(
        accuracy >= 0.95,
        "{correct}/{total} = {accuracy:.3}; misses: {misses:#?}"
    );
}

#[test]
fn indonesian_held_out_list() {
    let (correct, total, misses) = score(
        Lang::ID,
        include_str!("../../../fixtures/morph/id-roots-heldout.tsv"),
    );
    let accuracy = correct as f64 / total as f64;
    println!("id held-out roots: {correct}/{total} = {accuracy:.3}; misses: {misses:?}");
    assert!(
        accuracy >= 0.95,
        "{correct}/{total} = {accuracy:.3}; misses: {misses:#?}"
    );
}
