//! "공기업이랑 사기업 중에 뭐가 더 맞아요?", "간호학과 다니는데 저랑 맞아요?", "부업 하나 하려는데 뭐가 맞아요?",
//! "동쪽이랑 서쪽 중에 어디가 나아요?": a question of fit between paths (kinds of work, study, a direction)
//! and the chart, answered by which path comes first and why — from the chart's ten-god groups (how many,
//! the month branch's), and whether each path's element is the chart's 용신 or the element it has too much of.
//!
//! Each path stands for the ten-god groups it calls on (the traditional 직업 reading of 십신: 관성 for an
//! organisation's rules and rank, 재성 for sales and money handled, 식상 for making and expressing, 인성 for
//! learning and teaching, 비겁 for working on one's own), or for an element (a direction).

use super::findings::{element_hangul, group_count};
use super::plans::Plan;
use super::timing::{birth_year, score_years};
use super::TimingTopic;
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGod;
use crate::saju::derive::TenGodGroup::{self, BiGeop, GwanSeong, InSeong, JaeSeong, SikSang};
use crate::saju::ganzhi::Element;
use crate::saju::josa::with_particle;

/// A path a person can take, as a question names it.
pub struct Path {
    /// The words that name it ("공기업", "공무원").
    words: &'static [&'static str],
    /// How the reply names it.
    pub name: &'static str,
    /// The ten-god groups it calls on, with their weight.
    groups: &'static [(TenGodGroup, f32)],
    /// The element it stands for (a direction), when it stands for one.
    element: Option<Element>,
    /// What the path asks of a person, for the reply.
    what: &'static str,
    /// Whether the path is a side job one can start beside work.
    side_job: bool,
    /// Whether the path is an activity for a child (미술, 운동) rather than work.
    child: bool,
}

const fn path(
    words: &'static [&'static str],
    name: &'static str,
    groups: &'static [(TenGodGroup, f32)],
    what: &'static str,
    side_job: bool,
) -> Path {
    Path { words, name, groups, element: None, what, side_job, child: false }
}

const fn activity(
    words: &'static [&'static str],
    name: &'static str,
    groups: &'static [(TenGodGroup, f32)],
    what: &'static str,
) -> Path {
    Path { words, name, groups, element: None, what, side_job: false, child: true }
}

const fn direction(words: &'static [&'static str], name: &'static str, element: Element, what: &'static str) -> Path {
    Path { words, name, groups: &[], element: Some(element), what, side_job: false, child: false }
}

/// The paths a question can name; the first whose word appears wins ("공기업" before "기업").
const PATHS: &[Path] = &[
    path(
        &["공기업", "공무원", "공직", "공공기관", "공사 ", "공단", "9급", "7급", "행정직"],
        "공기업·공무원",
        &[(GwanSeong, 1.0), (InSeong, 0.6)],
        "정해진 규칙과 안정된 자리 안에서 책임을 쌓아 인정받는 길",
        false,
    ),
    path(
        &["경찰", "군인", "군대 직업", "부사관", "소방", "검사", "변호사", "법조"],
        "법·제복 직군",
        &[(GwanSeong, 1.0), (BiGeop, 0.3)],
        "규율과 위계 안에서 원칙을 지키고 사람을 보호하는 길",
        false,
    ),
    // "대기업 계열사 vs 시리즈A 스타트업", "중소기업 붙었는데 대기업 공채를 기다릴까": two kinds of company.
    path(
        &["대기업", "계열사", "공채", "외국계", "큰 회사", "큰회사"],
        "대기업",
        &[(GwanSeong, 1.0), (JaeSeong, 0.5), (InSeong, 0.4)],
        "큰 조직의 체계와 직급 안에서 안정적으로 커 가는 길",
        false,
    ),
    path(
        &["스타트업", "중소기업", "벤처", "작은 회사", "작은회사", "스톡옵션"],
        "스타트업·중소기업",
        &[(SikSang, 1.0), (JaeSeong, 0.6), (BiGeop, 0.4)],
        "작은 조직에서 여러 일을 맡아 빠르게 성과를 내고 그 몫을 나누는 길",
        false,
    ),
    path(
        &["사기업", "일반 회사", "일반회사", "회사원"],
        "사기업",
        &[(JaeSeong, 0.8), (GwanSeong, 0.5), (SikSang, 0.4)],
        "성과와 경쟁 속에서 실적으로 평가받는 길",
        false,
    ),
    path(
        &[
            "창업",
            "자영업",
            "장사",
            "가게",
            "개원",
            "개업",
            "사업을",
            "내 사업",
            "사업 할",
            "사업할",
            "사업 해",
            "사업해",
        ],
        "창업·자영업",
        &[(JaeSeong, 1.0), (BiGeop, 0.6), (SikSang, 0.5)],
        "스스로 판을 짜고 돈의 흐름을 직접 책임지는 길",
        false,
    ),
    path(
        &["카페", "식당", "음식점", "치킨집", "베이커리", "베이킹", "제과", "빵집", "요리", "분식", "디저트"],
        "요식·제과",
        &[(SikSang, 0.8), (JaeSeong, 0.7), (BiGeop, 0.2)],
        "손으로 만든 것을 손님에게 내고 그 반응으로 자리를 잡는 길",
        true,
    ),
    path(
        &["경영", "경제학", "경제과"],
        "경영·경제",
        &[(JaeSeong, 0.8), (GwanSeong, 0.6)],
        "조직과 돈의 흐름을 읽고 관리하는 길",
        false,
    ),
    path(
        &["영업", "마케팅", "판매", "쇼핑몰", "스마트스토어", "무역", "중개", "리셀", "공구"],
        "판매·영업",
        &[(JaeSeong, 1.0), (SikSang, 0.5)],
        "사람과 물건을 잇고 거래를 성사시키는 길",
        true,
    ),
    path(
        &[
            "유튜브",
            "유튜버",
            "크리에이터",
            "블로그",
            "작가",
            "웹툰",
            "글쓰기",
            "콘텐츠",
            "디자인",
            "디자이너",
            "예체능",
            "미대",
            "음대",
            "연예",
            "배우",
            "가수",
            "사진",
        ],
        "창작·콘텐츠",
        &[(SikSang, 1.0), (BiGeop, 0.3)],
        "생각과 재주를 말·글·작품으로 드러내는 길",
        true,
    ),
    path(
        &["프리랜서", "외주", "1인 기업", "1인기업"],
        "프리랜서",
        &[(SikSang, 0.8), (BiGeop, 0.7)],
        "조직 밖에서 자기 기술 하나로 일을 받아 내는 길",
        true,
    ),
    path(
        &[
            "개발자",
            "프로그래머",
            "코딩",
            "공대",
            "공학",
            "엔지니어",
            "기술직",
            "이과",
            "IT",
            "자연계",
            "컴공",
            "컴퓨터",
        ],
        "이과·기술",
        &[(SikSang, 0.7), (GwanSeong, 0.5), (JaeSeong, 0.4)],
        "원리를 따지고 손과 기술로 결과물을 만드는 길",
        false,
    ),
    path(
        &["문과", "인문", "어문", "국문", "영문", "사회계열", "인문계"],
        "문과",
        &[(InSeong, 0.8), (SikSang, 0.7)],
        "말과 글로 사람과 사회를 읽고 풀어내는 길",
        false,
    ),
    path(
        &["금융", "은행", "회계", "세무", "경리", "재무", "증권사"],
        "금융·회계",
        &[(JaeSeong, 0.8), (GwanSeong, 0.6)],
        "숫자와 돈을 정확히 다루고 규정을 지키는 길",
        false,
    ),
    path(
        &["의사", "의대", "간호", "약대", "약사", "의료", "치료사", "물리치료", "한의", "상담사", "사회복지", "요양"],
        "의료·돌봄",
        &[(InSeong, 0.7), (SikSang, 0.6), (GwanSeong, 0.3)],
        "사람을 살피고 돌보는 기술을 쌓는 길",
        false,
    ),
    path(
        &["교사", "선생님", "임용", "강사", "과외", "학원", "교육", "교대", "사범대"],
        "교육·강의",
        &[(InSeong, 0.8), (SikSang, 0.6)],
        "배운 것을 정리해 가르치고 전하는 길",
        true,
    ),
    path(
        &["연구", "대학원", "교수", "박사", "석사", "학자"],
        "연구·학업",
        &[(InSeong, 1.0), (GwanSeong, 0.3)],
        "한 분야를 깊이 파고들어 지식과 자격을 쌓는 길",
        false,
    ),
    path(
        &["귀농", "귀촌", "농사", "농업", "텃밭", "과수원"],
        "귀농",
        &[(JaeSeong, 0.5), (BiGeop, 0.6), (InSeong, 0.3)],
        "땅과 계절에 맞춰 스스로 꾸려 가는 길",
        false,
    ),
    activity(&["미술", "그림"], "미술", &[(SikSang, 1.0), (InSeong, 0.3)], "보고 느낀 것을 손으로 표현하는 활동"),
    activity(
        &["음악", "피아노", "악기", "바이올린", "노래"],
        "음악",
        &[(SikSang, 0.8), (InSeong, 0.5)],
        "소리로 감정을 표현하고 꾸준히 익히는 활동",
    ),
    activity(
        &["운동", "태권도", "수영", "축구", "체육", "발레", "무용"],
        "운동",
        &[(BiGeop, 0.8), (GwanSeong, 0.6)],
        "몸을 쓰며 규칙과 승부를 배우는 활동",
    ),
    activity(
        &["독서", "글쓰기", "논술"],
        "독서·글쓰기",
        &[(InSeong, 1.0), (SikSang, 0.4)],
        "읽고 생각을 정리하는 활동",
    ),
    activity(
        &["과학", "로봇", "코딩 교육"],
        "과학·만들기",
        &[(SikSang, 0.6), (GwanSeong, 0.5), (JaeSeong, 0.3)],
        "원리를 따라 만들어 보는 활동",
    ),
    direction(&["동쪽", "동향", "동편"], "동쪽", Element::Wood, "목(木)의 방향"),
    direction(&["서쪽", "서향", "서편"], "서쪽", Element::Metal, "금(金)의 방향"),
    direction(&["남쪽", "남향"], "남쪽", Element::Fire, "화(火)의 방향"),
    direction(&["북쪽", "북향"], "북쪽", Element::Water, "수(水)의 방향"),
];

impl Path {
    /// Whether the path is a direction (동쪽, 서쪽 …) rather than a kind of work or study.
    pub fn is_direction(&self) -> bool {
        self.element.is_some()
    }
}

/// The paths a message names, in the order they are written.
/// "B 가는 게 맞아요?", "후자가 나아요?": the option a letter or 전자/후자 points at, among the paths the user's
/// last message with two of them named, in the order named.
pub fn path_by_letter(question: &str, earlier: &[&str]) -> Option<&'static Path> {
    let q = question.replace(' ', "");
    let first = ["A가", "A로", "A는", "A쪽", "A요", "A 가", "전자", "첫번째", "앞에거"].iter().any(|w| q.contains(w))
        || q.starts_with('A');
    let second = ["B가", "B로", "B는", "B쪽", "B요", "후자", "두번째", "뒤에거"].iter().any(|w| q.contains(w))
        || q.starts_with('B');
    if first == second {
        return None;
    }
    let named = earlier.iter().rev().map(|t| paths_named(t)).find(|p| p.len() >= 2)?;
    named.get(usize::from(second)).copied()
}

/// "그래서 B 가는 게 맞아요 아니에요?" after "A는 대기업 계열사, B는 스타트업": yes or no on the option pointed
/// at, against the other one, then the two paths weighed.
pub fn plan_for_letter(chart: &Chart, question: &str, earlier: &[&str], this_year: i32) -> Option<Plan> {
    let chosen = path_by_letter(question, earlier)?;
    let named = earlier.iter().rev().map(|t| paths_named(t)).find(|p| p.len() >= 2)?;
    let other = named.iter().find(|p| p.name != chosen.name)?;
    let both = format!("{} 아니면 {} 중에 뭐가 나아요?", chosen.words[0], other.words[0]);
    let mut plan = plan(chart, &both, this_year)?;
    let (fc, fo) = (fit(chart, chosen), fit(chart, other));
    plan.head = if fc >= fo {
        format!("네, 이 사주에는 {} 쪽이 더 맞습니다.", chosen.name)
    } else {
        format!("아니요, 이 사주에는 {}보다 {} 쪽이 더 맞습니다.", chosen.name, other.name)
    };
    Some(plan)
}

/// Yes or no on the one path a question names ("포기하고 사기업 갈까요?"): whether it is among this chart's
/// best-fitting paths (within a point of the best). `None` when the question names no single path.
pub fn fits_the_one_named(chart: &Chart, question: &str) -> Option<bool> {
    let named = paths_named(question);
    let [p] = named.as_slice() else { return None };
    let f = fit(chart, p);
    if p.element.is_some() {
        return Some(f > 0.0);
    }
    let top = PATHS
        .iter()
        .filter(|x| x.element.is_none() && x.child == p.child)
        .map(|x| fit(chart, x))
        .fold(f32::MIN, f32::max);
    Some(f >= top - 1.0)
}

pub fn paths_named(text: &str) -> Vec<&'static Path> {
    // Every word's place; a word inside a longer one of another path ("학원" in "대학원") does not count.
    let hits: Vec<(usize, usize, &'static Path)> = PATHS
        .iter()
        .flat_map(|p| p.words.iter().flat_map(move |w| text.match_indices(w).map(move |(at, m)| (at, at + m.len(), p))))
        .collect();
    let inside = |&(s, e, p): &(usize, usize, &Path)| {
        hits.iter().any(|&(s2, e2, p2)| p2.name != p.name && s2 <= s && e <= e2 && (e2 - s2) > (e - s))
    };
    let mut found: Vec<(usize, &'static Path)> = Vec::new();
    for h in hits.iter().filter(|h| !inside(h)) {
        match found.iter_mut().find(|(_, p)| p.name == h.2.name) {
            Some(f) => f.0 = f.0.min(h.0),
            None => found.push((h.0, h.2)),
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut paths: Vec<&'static Path> = found.into_iter().map(|(_, p)| p).collect();
    // "창업하려는데 카페랑 쇼핑몰 중에", "치킨집 하겠다고 … 장사 괜찮은 사람인가요?": the kind of business named,
    // not the starting itself.
    let kinds_of_business = paths.iter().filter(|p| matches!(p.name, "요식·제과" | "판매·영업")).count();
    if paths.len() >= 3 || (kinds_of_business >= 1 && paths.len() == 2) {
        paths.retain(|p| p.name != "창업·자영업");
    }
    paths
}

/// How a question weighs paths.
pub enum Asked {
    /// "A랑 B 중에 뭐가 더 맞아요?"
    Between(&'static Path, &'static Path),
    /// "간호학과 저랑 맞아요?"
    Fit(&'static Path),
    /// "부업 뭐가 맞아요?": the side jobs that fit best.
    SideJob,
    /// "무슨 일이 맞아요?", "어떤 직업이 맞을까요?": the kinds of work that fit best.
    Work,
}

/// What a question asks of the paths, or None when it asks no fit.
pub fn asked(question: &str) -> Option<Asked> {
    let q = question;
    let has = |ws: &[&str]| ws.iter().any(|w| q.contains(w));
    // When and whether to move are timing and decision questions ("공무원 시험 언제 붙어요?").
    if has(&["언제", "몇 년", "몇년", "몇 월", "몇월", "시기", "붙을", "합격"]) {
        return None;
    }
    // "저랑 맞아요?": fit itself; "뭐가 나아요?", "어디가 좋아요?": one of several.
    // "공무원 될 사주인가요?", "제 사주에 공무원 있어요?": the path's fit too.
    let fit_words = has(&[
        "맞아",
        "맞나",
        "맞을",
        "맞는",
        "맞지",
        "어울",
        "적성",
        "잘할 수",
        "잘 할 수",
        "될 사주",
        "할 사주",
        "사주인가",
    ]) || (has(&["사주에"]) && has(&["있어요", "있나요", "있을까"]));
    let weigh_words = has(&[
        "나아",
        "나을",
        "낫나",
        "낫겠",
        "낫죠",
        "좋을까",
        "좋아요",
        "좋은가",
        "좋나",
        "괜찮",
        "어때",
        "어떨",
        "유리",
        "어느 쪽",
        "어디가",
        "뭐가",
        "할까",
        "갈까",
        "중에",
        "중 ",
        "vs",
        "아니면",
        "이냐",
        "둘 중",
        "할지",
        "고민",
    ]);
    let side_job = has(&["부업", "투잡", "n잡", "N잡", "사이드"]);
    let paths = paths_named(q);
    // "카페 말고 다른 업종이 나을까요?": the others, not the one set aside.
    let others_asked = has(&["말고 다른", "말고 딴", "다른 업종", "다른 일", "다른 직업", "다른 걸"]);
    match paths.as_slice() {
        _ if others_asked && (weigh_words || fit_words) => Some(Asked::Work),
        [a, b, ..] if fit_words || weigh_words => Some(Asked::Between(a, b)),
        [a] if fit_words || super::wording::demands_verdict(q) => Some(Asked::Fit(a)),
        // "베이킹 좋아하는데 부업으로 해봐도 될까요?": that one, as a side job.
        [a] if side_job && has(&["될까", "돼요", "괜찮", "어때", "어떨"]) => Some(Asked::Fit(a)),
        _ if side_job && has(&["뭐", "무슨", "어떤", "맞", "좋"]) => Some(Asked::SideJob),
        _ if has(&[
            "무슨 일",
            "어떤 일",
            "어떤 직업",
            "무슨 직업",
            "어떤 직종",
            "무슨 직종",
            "어떤 업종",
            "무슨 업종",
            "뭘 해야",
            "뭐 해서 먹고",
            "뭐 시키",
            "뭘 시키",
            "예체능",
            "학원",
            "뭐 배우",
            "뭘 배우",
            "뭐 하면",
            "뭐 하시면",
            "뭘 하면",
            "뭘 하시면",
            "뭐하면",
            "뭐할지",
            "뭐 할지",
        ]) && has(&["맞", "좋", "어울", "해야", "할까", "시켜", "모르겠"]) =>
        {
            Some(Asked::Work)
        }
        _ => None,
    }
}

/// The day master's element.
fn day_element(chart: &Chart) -> Element {
    super::fortune::day_master(chart).element()
}

/// The month branch's ten-god group (the 격's seat).
fn month_group(chart: &Chart) -> Option<TenGodGroup> {
    TenGod::from_hangul(chart.pillars.month.branch.ten_god.hangul).map(TenGod::group)
}

/// How well a path fits the chart: the groups it calls on, counted in the chart (the month branch's counts
/// double), and each group's element against the chart's 용신 and 기신.
fn fit(chart: &Chart, p: &Path) -> f32 {
    let fav = chart.strength.favourable;
    let unfav = chart.strength.unfavourable;
    let dm = day_element(chart);
    let month = month_group(chart);
    let from_groups: f32 = p
        .groups
        .iter()
        .map(|&(g, w)| {
            let n = group_count(chart, g) as f32 + if month == Some(g) { 1.0 } else { 0.0 };
            let el = g.element_for(dm);
            let need = if el == fav {
                1.5
            } else if el == unfav {
                -1.0
            } else {
                0.0
            };
            w * (n.min(4.0) + need)
        })
        .sum();
    let from_element = match p.element {
        Some(e) if e == fav => 3.0,
        Some(e) if e == unfav => -2.0,
        Some(_) => 0.0,
        None => 0.0,
    };
    from_groups + from_element
}

/// Why a path fits or not, in the chart's own facts.
fn reason(chart: &Chart, p: &Path) -> String {
    let fav = chart.strength.favourable;
    let unfav = chart.strength.unfavourable;
    if let Some(e) = p.element {
        let el = element_hangul(e.code());
        return if e == fav {
            format!("{} 이 사주에 필요한 용신이라 힘이 됩니다", with_particle(el, "이", "가"))
        } else if e == unfav {
            format!("{} 이 사주에 부담이 되는 기운이라 더하지 않는 편이 좋습니다", with_particle(el, "은", "는"))
        } else {
            format!("{} 이 사주에 크게 돕지도 해치지도 않는 기운입니다", with_particle(el, "은", "는"))
        };
    }
    let Some(&(g, _)) = p.groups.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return String::new();
    };
    let n = group_count(chart, g);
    let dm = day_element(chart);
    let el = element_hangul(g.element_for(dm).code());
    let month = chart.pillars.month.branch.hangul;
    let seat = if month_group(chart) == Some(g) {
        format!("{} {} 자리이고 ", with_particle(&format!("월지 {month}"), "이", "가"), g.hangul())
    } else {
        String::new()
    };
    let count = match n {
        0 if g.element_for(dm) == unfav => format!("원국에 {} 드러나지 않고,", with_particle(g.hangul(), "이", "가")),
        0 => format!("원국에 {} 드러나지 않아", with_particle(g.hangul(), "이", "가")),
        1 => format!("원국에 {} 하나 있어", with_particle(g.hangul(), "이", "가")),
        n => format!("원국에 {} {n}개로 두드러져", with_particle(g.hangul(), "이", "가")),
    };
    let need = if g.element_for(dm) == fav {
        format!(", 그 기운 {} 이 사주에 필요한 용신이라 힘을 받습니다", with_particle(el, "이", "가"))
    } else if g.element_for(dm) == unfav && n == 0 {
        format!(" 그 기운 {} 이 사주에 부담이 되는 쪽이라, 익히는 데 품이 더 듭니다", with_particle(el, "도", "도"))
    } else if g.element_for(dm) == unfav {
        format!(", 그 기운 {} 이 사주에 부담이 되는 쪽이라 버거울 수 있습니다", with_particle(el, "은", "는"))
    } else if n == 0 {
        ", 일을 하며 새로 길러야 하는 힘입니다".to_string()
    } else {
        ", 타고난 힘을 그대로 쓸 수 있습니다".to_string()
    };
    format!("{seat}{count}{need}")
}

/// The answer to a question of fit, or None when the question asks none.
pub fn plan(chart: &Chart, question: &str, this_year: i32) -> Option<Plan> {
    let age = this_year - birth_year(chart);
    let already =
        ["다니는데", "다니고", "하고 있는데", "하고 있어", "일하는데", "재학", "준비 중", "준비중", "준비하고"]
            .iter()
            .any(|w| question.contains(w));
    match asked(question)? {
        Asked::Between(a, b) => {
            let (fa, fb) = (fit(chart, a), fit(chart, b));
            let (first, second) = if fa >= fb { (a, b) } else { (b, a) };
            let gap = (fa - fb).abs();
            let head = if gap >= 1.5 {
                format!("두 길 가운데 이 사주의 적성에는 {} 쪽이 더 잘 맞습니다.", first.name)
            } else {
                format!("두 길 모두 해 볼 만하지만, 이 사주의 적성에는 {} 쪽이 조금 더 맞습니다.", first.name)
            };
            let mut lines = vec![
                format!("- {}: {}. {}.", first.name, first.what, reason(chart, first)),
                format!("- {}: {}. {}.", second.name, second.what, reason(chart, second)),
            ];
            lines.extend(business_line(chart, first));
            lines.push(closing(first, age));
            Some(Plan { head, body: lines.join("\n") })
        }
        Asked::Fit(p) => {
            let f = fit(chart, p);
            let mut ranked: Vec<(&Path, f32)> = PATHS
                .iter()
                .filter(|x| x.element.is_none() && x.child == p.child)
                .map(|x| (x, fit(chart, x)))
                .collect();
            ranked.sort_by(|x, y| y.1.total_cmp(&x.1));
            let top = ranked.first().map_or(0.0, |x| x.1);
            let best_other = ranked.iter().find(|(x, _)| x.name != p.name).map(|(x, _)| x.name).unwrap_or("");
            let head = if p.element.is_some() {
                if f > 0.0 {
                    format!("네, {} 이 사주에 맞는 방향입니다.", with_particle(p.name, "은", "는"))
                } else if f < 0.0 {
                    format!("{} 이 사주에 꼭 맞는 방향은 아닙니다.", with_particle(p.name, "은", "는"))
                } else {
                    format!("{} 이 사주에 크게 좋지도 나쁘지도 않은 방향입니다.", with_particle(p.name, "은", "는"))
                }
            } else if f >= top - 1.0 {
                format!("네, {} 이 사주의 타고난 적성과 잘 맞는 길입니다.", with_particle(p.name, "은", "는"))
            } else if f >= top - 3.0 {
                format!("{} 이 사주의 적성과 맞는 면이 분명히 있는 길입니다.", with_particle(p.name, "은", "는"))
            } else if already {
                format!("{}에서는 타고난 힘보다 길러 가는 힘을 쓰게 되는 길입니다.", p.name)
            } else {
                format!("{}도 할 수 있지만, 이 사주의 타고난 적성은 {} 쪽에 더 실려 있습니다.", p.name, best_other)
            };
            let mut lines = vec![format!("- {}: {}. {}.", p.name, p.what, reason(chart, p))];
            if p.element.is_none() && f < top - 1.0 {
                if let Some((other, _)) = ranked.iter().find(|(x, _)| x.name != p.name) {
                    lines.push(format!("- {}: {}. {}.", other.name, other.what, reason(chart, other)));
                }
            }
            if already && p.element.is_none() {
                lines.push(format!(
                    "- 이미 {} 쪽을 걷고 있다면, 그 안에서 {}을 살리는 자리를 찾으면 타고난 힘과 하는 일이 만납니다.",
                    p.name,
                    strongest_group(chart).hangul()
                ));
            }
            lines.extend(business_line(chart, p));
            lines.push(closing(p, age));
            Some(Plan { head, body: lines.join("\n") })
        }
        open @ (Asked::SideJob | Asked::Work) => {
            let side = matches!(open, Asked::SideJob);
            let young = age < 15;
            // "카페 말고 다른 업종": the one set aside is not offered again ("요리는 잘하세요" sets nothing aside).
            let others =
                ["말고", "빼고", "다른 업종", "다른 일", "다른 직업", "다른 걸"].iter().any(|w| question.contains(w));
            let set_aside = if others { paths_named(question) } else { Vec::new() };
            // "접으면 뭐 하시면 좋을까요?" for a mother of 66: not an entrance exam or a first job in a company.
            const FIRST_CAREERS: &[&str] = &[
                "공기업·공무원",
                "법·제복 직군",
                "대기업",
                "스타트업·중소기업",
                "사기업",
                "경영·경제",
                "이과·기술",
                "문과",
                "연구·학업",
            ];
            let late = age >= 50;
            let mut ranked: Vec<(&Path, f32)> = PATHS
                .iter()
                .filter(|x| x.element.is_none() && (!side || x.side_job) && x.child == young)
                .filter(|x| !late || !FIRST_CAREERS.contains(&x.name))
                .filter(|x| !set_aside.iter().any(|p| p.name == x.name))
                .map(|x| (x, fit(chart, x)))
                .collect();
            ranked.sort_by(|x, y| y.1.total_cmp(&x.1));
            let (a, b) = (ranked[0].0, ranked[1].0);
            let what = if side {
                "부업으로는"
            } else if young {
                "타고난 결로 보면 활동은"
            } else {
                "적성으로 보면 일은"
            };
            let head = format!("{what} {} {} 쪽이 이 사주에 잘 맞습니다.", with_particle(a.name, "과", "와"), b.name);
            let mut lines = vec![
                format!("- {}: {}. {}.", a.name, a.what, reason(chart, a)),
                format!("- {}: {}. {}.", b.name, b.what, reason(chart, b)),
            ];
            if let Some((worst, _)) = ranked.last() {
                lines.push(format!("- 덜 맞는 쪽은 {}입니다. {}.", worst.name, reason(chart, worst)));
            }
            if side {
                let year = &score_years(chart, TimingTopic::Wealth, this_year, 1)[0];
                lines.push(format!(
                    "- 올해 {}년은 재물로 {}입니다. 부업은 본업의 시간과 체력을 넘지 않는 크기로, 처음 석 달은 버는 돈보다 손에 익는지를 보세요.",
                    year.year,
                    year.verdict()
                ));
            } else {
                lines.push(closing(a, age));
            }
            Some(Plan { head, body: lines.join("\n") })
        }
    }
}

/// For a business path in a chart whose day master is weak: start small, or with someone to share the load.
fn business_line(chart: &Chart, p: &Path) -> Option<String> {
    let business = matches!(p.name, "창업·자영업" | "요식·제과" | "판매·영업");
    let weak = chart.strength.verdict.is_weak();
    (business && weak).then(|| {
        "- 다만 일간의 힘이 약한 편이라, 혼자 크게 벌이기보다 작게 시작해 손에 익히거나 믿을 만한 사람과 역할을 나누는 편이 안전합니다.".to_string()
    })
}

/// The group the chart has most of (the month branch's counting double).
fn strongest_group(chart: &Chart) -> TenGodGroup {
    let month = month_group(chart);
    TenGodGroup::ALL
        .into_iter()
        .filter(|g| *g != BiGeop)
        .max_by_key(|g| group_count(chart, *g) * 2 + u32::from(month == Some(*g)))
        .unwrap_or(InSeong)
}

/// The last line: what the chart cannot weigh.
fn closing(p: &Path, age: i32) -> String {
    if p.element.is_some() {
        "- 방향은 전통에서 참고로 보는 것이라, 집이라면 출퇴근·학교·가격 같은 생활 조건을 먼저 따지고 비슷할 때 방향을 더해 보세요.".into()
    } else if age < 20 {
        "- 사주는 타고난 결을 볼 뿐이라, 좋아하는 과목과 지금 성적, 해 보고 싶은 일을 함께 놓고 정하세요.".into()
    } else {
        "- 사주는 타고난 결을 보여 줄 뿐이라, 그 일을 하는 사람에게 하루 일과를 직접 물어보고 조건을 나란히 적어 비교해 보세요.".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn two_paths_named_are_weighed_and_the_first_reason_is_the_charts() {
        let c = chart("2001-09-14T10:10", "male");
        let p = plan(&c, "공기업이랑 사기업 중에 뭐가 더 맞아요?", 2026).expect("a choice");
        assert!(p.head.contains("공기업·공무원") || p.head.contains("사기업"), "{}", p.head);
        assert!(p.body.contains("원국에"), "{}", p.body);
        assert!(p.body.lines().count() >= 3, "{}", p.body);
    }

    #[test]
    fn the_same_question_leans_differently_for_different_charts() {
        let heads: std::collections::HashSet<String> = [
            ("2001-09-14T10:10", "male"),
            ("1990-05-15T15:30", "female"),
            ("1985-12-01T04:00", "male"),
            ("1978-07-07T12:00", "female"),
            ("1995-02-20T22:00", "male"),
        ]
        .iter()
        .map(|(t, g)| plan(&chart(t, g), "문과 이과 중에 뭐가 맞아요?", 2026).expect("a choice").head)
        .collect();
        assert!(heads.len() >= 2, "{heads:?}");
    }

    #[test]
    fn one_path_open_questions_and_non_questions() {
        let c = chart("1990-05-15T15:30", "female");
        let fit = plan(&c, "간호학과 다니는데 저랑 맞아요?", 2026).expect("a fit");
        assert!(fit.head.contains("의료·돌봄"), "{}", fit.head);
        let side = plan(&c, "퇴근하고 부업 하나 하려는데 뭐가 맞아요", 2026).expect("side jobs");
        assert!(side.head.starts_with("부업으로는"), "{}", side.head);
        assert!(side.body.contains("2026년"), "{}", side.body);
        let dir = plan(&c, "동쪽이랑 서쪽 중에 어디가 나아요?", 2026).expect("directions");
        assert!(dir.body.contains("목(木)") && dir.body.contains("금(金)"), "{}", dir.body);
        assert!(plan(&c, "공무원 시험 언제 붙을까요?", 2026).is_none());
        assert!(plan(&c, "올해 재물운 어때요?", 2026).is_none());
    }
}
