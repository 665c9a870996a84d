//! The parameter sweep behind `Bm25Params::default()` (ignored; run with
//! `cargo test --release --test knowledge tune -- --ignored --nocapture`). Each setting is also scored on the
//! odd and even halves of the evaluation set: the best setting of one half, scored on the other, shows how
//! much of the gain is real rather than fitted.

use super::kb;
use saju::knowledge::eval::{evaluate, parse_eval_set, EvalQuestion, EMBEDDED_EVAL_SET};
use saju::knowledge::{Bm25Params, LexicalIndex};

struct Row {
    all: (f64, f64),
    odd: f64,
    even: f64,
    params: Bm25Params,
}

fn grid() -> Vec<Bm25Params> {
    let mut out = Vec::new();
    for k1 in [2.0f32, 5.0, 10.0, 20.0, 50.0] {
        for (b_lists, b_body) in [(0.2f32, 0.5f32), (0.2, 0.75), (0.5, 0.5), (0.5, 0.75)] {
            for title in [1.0f32, 2.0, 3.0] {
                for tags in [1.0f32, 2.0] {
                    for synonyms in [2.0f32, 3.0, 4.0] {
                        for word in [0.5f32, 1.0, 2.0] {
                            for syllable in [0.0f32, 0.3, 0.5, 0.8] {
                                out.push(Bm25Params {
                                    k1,
                                    weight: [title, tags, synonyms, 0.0, 1.0],
                                    b: [b_lists, b_lists, b_lists, 0.0, b_body],
                                    kind_weight: [word, syllable, 1.0],
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
#[ignore]
fn sweep() {
    let questions = parse_eval_set(EMBEDDED_EVAL_SET).unwrap();
    let half = |r: usize| -> Vec<EvalQuestion> {
        questions.iter().enumerate().filter(|(i, _)| i % 2 == r).map(|(_, q)| q.clone()).collect()
    };
    let (odd, even) = (half(1), half(0));
    let mut built: Vec<LexicalIndex> = Vec::new();
    let mut rows = Vec::new();
    for params in grid() {
        // The length normalization is fixed at build time; the rest applies at query time.
        let index = match built.iter().find(|i| i.params().b == params.b) {
            Some(i) => i.with_params(params.clone()),
            None => {
                built.push(LexicalIndex::build_with(kb(), params.clone(), |_, _| {}));
                built.last().unwrap().clone()
            }
        };
        let score = |qs: &[EvalQuestion]| {
            let r = evaluate(qs, 5, |q, k| index.search(q, k));
            (r.recall_at_k, r.mrr)
        };
        let (all, o, e) = (score(&questions), score(&odd), score(&even));
        rows.push(Row { all, odd: o.0 + o.1, even: e.0 + e.1, params });
    }
    let d = LexicalIndex::build(kb());
    let r = evaluate(&questions, 5, |q, k| d.search(q, k));
    println!("default: recall@5 {:.3} MRR {:.3}", r.recall_at_k, r.mrr);
    let best_odd = rows.iter().max_by(|a, b| a.odd.total_cmp(&b.odd)).unwrap();
    let best_even = rows.iter().max_by(|a, b| a.even.total_cmp(&b.even)).unwrap();
    println!("best on odd half, scored on even: {:.3} ({:?})", best_odd.even, best_odd.params);
    println!("best on even half, scored on odd: {:.3} ({:?})", best_even.odd, best_even.params);
    rows.sort_by(|a, b| (b.all.0 + b.all.1).total_cmp(&(a.all.0 + a.all.1)));
    for row in rows.iter().take(30) {
        println!(
            "recall@5 {:.3} MRR {:.3} (odd {:.3} even {:.3}) {:?}",
            row.all.0, row.all.1, row.odd, row.even, row.params
        );
    }
}
