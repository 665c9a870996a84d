//! Parameter sweep for the lexical index (ignored; run with `--ignored --nocapture`).

use super::kb;
use saju::knowledge::eval::{evaluate, parse_eval_set, EMBEDDED_EVAL_SET};
use saju::knowledge::{Bm25Params, LexicalIndex};

#[test]
#[ignore]
fn sweep() {
    let questions = parse_eval_set(EMBEDDED_EVAL_SET).unwrap();
    let mut rows = Vec::new();
    for k1 in [2.0f32, 4.0, 6.0, 10.0, 20.0] {
        for bb in [0.5f32, 0.75] {
            for bl in [0.2f32, 0.5] {
                let b = [bl, bl, bl, 0.0, bb];
                let base = Bm25Params { k1, b, ..Bm25Params::default() };
                let index = LexicalIndex::build_with(kb(), base.clone(), |_, _| {});
                for title in [2.0f32, 3.0, 4.0] {
                    for tags in [1.0f32, 2.0] {
                        for syn in [2.0f32, 3.0, 4.0] {
                            for topics in [0.0f32] {
                                for word in [0.5f32, 1.0, 2.0] {
                                    for tri in [0.0f32, 0.5] {
                                        for uni in [0.0f32, 0.1, 0.3] {
                                            let p = Bm25Params {
                                                k1,
                                                b,
                                                weight: [title, tags, syn, topics, 1.0],
                                                kind_weight: [word, uni, 1.0, tri],
                                            };
                                            let index = index.with_params(p.clone());
                                            let r = evaluate(&questions, 5, |q, k| index.search(q, k));
                                            rows.push((r.recall_at_k, r.mrr, format!("{p:?}")));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let d = LexicalIndex::build(kb());
    let r = evaluate(&questions, 5, |q, k| d.search(q, k));
    println!("default: recall {:.3} mrr {:.3}", r.recall_at_k, r.mrr);
    rows.sort_by(|a, b| (b.0 + b.1).total_cmp(&(a.0 + a.1)));
    for row in rows.iter().take(40) {
        println!("{:.3} {:.3} {}", row.0, row.1, row.2);
    }
}
