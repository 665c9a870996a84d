//! 12신살 by the 삼합 group of the year branch (년지 기준), with the day branch (일지 기준) as the second
//! reading some schools prefer. Each of the other pillars' branches gets the 신살 it falls on.

wit_bindgen::generate!({ path: "../../wit", world: "plugin" });

use exports::saju::plugin::rules::{Chart, Finding, Guest, PluginInfo, Position};

struct Sinsal12;

const BRANCHES: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];

/// (code, name, weight, reading), in the order they follow each other from 겁살.
const SALS: [(&str, &str, i32, &str); 12] = [
    ("geopsal", "겁살(劫煞)", -20, "빼앗기거나 뜻밖에 잃는 일을 조심하라는 자리로 봅니다. 계약과 돈 관리를 한 번 더 살피면 오히려 결단력으로 쓰입니다."),
    ("jaesal", "재살(災煞)", -20, "예상하지 못한 구속이나 다툼을 조심하라는 자리로 봅니다. 서두르지 않고 절차를 지키면 위기 대응력이 됩니다."),
    ("cheonsal", "천살(天煞)", -10, "사람의 힘으로 어쩌기 어려운 일을 뜻한다고 봅니다. 욕심을 줄이고 때를 기다리는 마음가짐이 도움이 됩니다."),
    ("jisal", "지살(地煞)", 0, "움직임과 새 출발의 기운으로 봅니다. 이사, 이직, 출장처럼 자리를 옮기는 일이 많을 수 있습니다."),
    ("yeonsal", "연살(年煞·도화)", 0, "사람의 눈길을 끄는 매력, 도화의 자리로 봅니다. 인기와 사교성으로 살리되 관계의 선을 분명히 하면 좋습니다."),
    ("wolsal", "월살(月煞)", -10, "일이 막히고 마르는 듯한 때를 뜻한다고 봅니다. 무리하게 밀기보다 준비하고 다지는 시기로 삼으면 좋습니다."),
    ("mangsinsal", "망신살(亡身煞)", -15, "체면을 잃거나 드러나는 일을 조심하라는 자리로 봅니다. 말과 처신을 신중히 하면 솔직함이 장점이 됩니다."),
    ("jangseongsal", "장성살(將星煞)", 30, "무리를 이끄는 장수의 별로 봅니다. 책임을 맡고 앞에 서는 힘이 있으며, 고집을 조금 내려놓으면 더 빛납니다."),
    ("banansal", "반안살(攀鞍煞)", 20, "말안장에 오르듯 지위와 안정을 얻는 자리로 봅니다. 꾸준히 쌓은 실력이 인정받기 쉽습니다."),
    ("yeongmasal", "역마살(驛馬煞)", 0, "멀리 움직이고 변화하는 기운으로 봅니다. 여행, 해외, 이동이 많은 일에서 힘을 냅니다."),
    ("yukhaesal", "육해살(六害煞)", -10, "몸과 마음이 지치기 쉬운 자리로 봅니다. 쉬는 리듬을 지키고 가까운 사람과 오해를 풀어 두면 좋습니다."),
    ("hwagaesal", "화개살(華蓋煞)", 10, "학문, 예술, 종교처럼 깊이 파고드는 기운으로 봅니다. 혼자 몰두하는 시간이 재능을 키웁니다."),
];

fn branch_index(hangul: &str) -> Option<usize> {
    BRANCHES.iter().position(|b| *b == hangul)
}

/// The 신살 `target` falls on, read from `base`: 지살 is the 생지 of base's 삼합 group, 겁살 three before it.
fn sal(base: usize, target: usize) -> usize {
    let jisal = [8, 5, 2, 11][base % 4];
    (target + 12 - (jisal + 9) % 12) % 12
}

fn pillar_name(p: Position) -> &'static str {
    match p {
        Position::Year => "년지",
        Position::Month => "월지",
        Position::Day => "일지",
        Position::Hour => "시지",
    }
}

fn readings(chart: &Chart, base_position: Position, basis: &str, school: &str) -> Vec<Finding> {
    let Some(base) = chart.pillars.iter().find(|p| p.position == base_position) else { return Vec::new() };
    let Some(base_index) = branch_index(&base.branch.hangul) else { return Vec::new() };
    let mut out = Vec::new();
    for p in chart.pillars.iter().filter(|p| p.position != base_position) {
        let Some(target) = branch_index(&p.branch.hangul) else { continue };
        let (code, name, weight, reading) = SALS[sal(base_index, target)];
        out.push(Finding {
            code: format!("{basis}.{code}.{}", pillar_code(p.position)),
            title: format!("{} {}", pillar_name(p.position), name),
            text: format!(
                "{} 기준으로 {}({})에 {}이 놓입니다. {}",
                pillar_name(base_position),
                pillar_name(p.position),
                p.branch.hangul,
                name,
                reading
            ),
            weight,
            pillars: vec![base_position, p.position],
            school: school.to_string(),
        });
    }
    out
}

fn pillar_code(p: Position) -> &'static str {
    match p {
        Position::Year => "year",
        Position::Month => "month",
        Position::Day => "day",
        Position::Hour => "hour",
    }
}

impl Guest for Sinsal12 {
    fn metadata() -> PluginInfo {
        PluginInfo {
            id: "sinsal12".into(),
            name: "12신살".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            school: "삼합 기준 12신살(년지·일지)".into(),
            description: "년지와 일지의 삼합 그룹에서 겁살부터 화개살까지 12신살을 읽어 각 기둥에 붙입니다.".into(),
            intents: vec!["personality".into(), "career".into(), "love".into(), "year_fortune".into()],
        }
    }

    fn interpret(chart: Chart) -> Vec<Finding> {
        let mut out = readings(&chart, Position::Year, "year_base", "년지 기준 12신살");
        out.extend(readings(&chart, Position::Day, "day_base", "일지 기준 12신살"));
        out
    }

    fn compatibility(_a: Chart, _b: Chart) -> Vec<Finding> {
        Vec::new()
    }
}

export!(Sinsal12);
