//! 납음 (納音): the thirty sound-elements, one for each consecutive pair of the sixty cycle
//! (갑자·을축 해중금, 병인·정묘 노중화, …, 임술·계해 대해수).

use serde::Serialize;

use super::ser;
use crate::saju::ganzhi::{Element, GanZhi};

/// A 납음 name and its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Nayin {
    pub hangul: &'static str,
    pub hanja: &'static str,
    #[serde(serialize_with = "ser::element")]
    pub element: Element,
}

const fn n(hangul: &'static str, hanja: &'static str, element: Element) -> Nayin {
    Nayin { hangul, hanja, element }
}

use Element::{Earth, Fire, Metal, Water, Wood};

/// Indexed by (sixty-cycle index / 2).
const NAYIN: [Nayin; 30] = [
    n("해중금", "海中金", Metal), // 갑자 을축
    n("노중화", "爐中火", Fire),  // 병인 정묘
    n("대림목", "大林木", Wood),  // 무진 기사
    n("노방토", "路傍土", Earth), // 경오 신미
    n("검봉금", "劍鋒金", Metal), // 임신 계유
    n("산두화", "山頭火", Fire),  // 갑술 을해
    n("간하수", "澗下水", Water), // 병자 정축
    n("성두토", "城頭土", Earth), // 무인 기묘
    n("백랍금", "白蠟金", Metal), // 경진 신사
    n("양류목", "楊柳木", Wood),  // 임오 계미
    n("천중수", "泉中水", Water), // 갑신 을유
    n("옥상토", "屋上土", Earth), // 병술 정해
    n("벽력화", "霹靂火", Fire),  // 무자 기축
    n("송백목", "松柏木", Wood),  // 경인 신묘
    n("장류수", "長流水", Water), // 임진 계사
    n("사중금", "沙中金", Metal), // 갑오 을미
    n("산하화", "山下火", Fire),  // 병신 정유
    n("평지목", "平地木", Wood),  // 무술 기해
    n("벽상토", "壁上土", Earth), // 경자 신축
    n("금박금", "金箔金", Metal), // 임인 계묘
    n("복등화", "覆燈火", Fire),  // 갑진 을사
    n("천하수", "天河水", Water), // 병오 정미
    n("대역토", "大驛土", Earth), // 무신 기유
    n("차천금", "釵釧金", Metal), // 경술 신해
    n("상자목", "桑柘木", Wood),  // 임자 계축
    n("대계수", "大溪水", Water), // 갑인 을묘
    n("사중토", "沙中土", Earth), // 병진 정사
    n("천상화", "天上火", Fire),  // 무오 기미
    n("석류목", "石榴木", Wood),  // 경신 신유
    n("대해수", "大海水", Water), // 임술 계해
];

/// The 납음 of a sixty-cycle pillar.
pub const fn nayin(g: GanZhi) -> Nayin {
    NAYIN[(g.index() / 2) % 30]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Nayin {
        nayin(GanZhi::parse(s).unwrap())
    }

    #[test]
    fn well_known_pairs() {
        assert_eq!(of("갑자").hangul, "해중금");
        assert_eq!(of("을축").hanja, "海中金");
        assert_eq!(of("병인").hangul, "노중화");
        assert_eq!(of("정묘").element, Element::Fire);
        assert_eq!(of("무진").hangul, "대림목");
        assert_eq!(of("갑오").hangul, "사중금");
        assert_eq!(of("계해").hangul, "대해수");
        assert_eq!(of("계해").element, Element::Water);
        // 1984 갑자년 and 2000 경진년 (백랍금), 2024 갑진년 (복등화).
        assert_eq!(of("경진").hangul, "백랍금");
        assert_eq!(of("갑진").hangul, "복등화");
    }

    /// All sixty pillars against lunar_python's NAYIN table (simplified hanzi mapped to Korean hanja:
    /// 炉→爐 路旁→路傍 剑锋→劍鋒 头→頭 涧→澗 蜡→蠟 杨→楊 屋上 霹雳→霹靂 长流→長流 灯→燈 驿→驛 钗钏→釵釧).
    #[test]
    fn sixty_cycle_matches_the_reference_in_order() {
        let reference = "海中金 炉中火 大林木 路旁土 剑锋金 山头火 涧下水 城头土 白蜡金 杨柳木 \
                         泉中水 屋上土 霹雳火 松柏木 长流水 沙中金 山下火 平地木 壁上土 金箔金 \
                         覆灯火 天河水 大驿土 钗钏金 桑柘木 大溪水 沙中土 天上火 石榴木 大海水";
        let simplified: Vec<&str> = reference.split_whitespace().collect();
        assert_eq!(simplified.len(), 30);
        let to_korean = |c: char| match c {
            '炉' => '爐',
            '旁' => '傍',
            '剑' => '劍',
            '锋' => '鋒',
            '头' => '頭',
            '涧' => '澗',
            '蜡' => '蠟',
            '杨' => '楊',
            '雳' => '靂',
            '长' => '長',
            '灯' => '燈',
            '驿' => '驛',
            '钗' => '釵',
            '钏' => '釧',
            other => other,
        };
        for i in 0..60 {
            let got = nayin(GanZhi::new(i));
            let want: String = simplified[i as usize / 2].chars().map(to_korean).collect();
            assert_eq!(got.hanja, want, "{}", GanZhi::new(i));
            assert_eq!(got.element.hanja().chars().last(), want.chars().last());
        }
    }

    #[test]
    fn serializes_element_as_code() {
        let json = serde_json::to_string(&of("갑자")).unwrap();
        assert_eq!(json, r#"{"hangul":"해중금","hanja":"海中金","element":"metal"}"#);
    }
}
